//! The history list (Ctrl-R: earlier searches newest first, narrowed by
//! what is typed), the saved searches with their hit counts (s), and the
//! prompts that name a saved search (S, and r in the list).

use super::{centered, ellipsized, panel, prompt};
use crate::tui::app::{App, RecallOverlay};
use crate::tui::theme::Theme;
use evidence::search::Filters;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The widest the lists are drawn.
const LIST_COLS: u16 = 110;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, size: Rect, overlay: &RecallOverlay) {
    match overlay {
        RecallOverlay::History { filter, selected } => {
            draw_history(frame, app, theme, size, filter, *selected);
        }
        RecallOverlay::Saved { selected } => draw_saved(frame, app, theme, size, *selected),
        RecallOverlay::SaveName(input) => prompt(
            frame,
            theme,
            size,
            " Save the search ",
            "Save the query and filters under the name (Enter saves, Esc cancels):",
            (input, false),
            // Not the name above, which starts as the query's words.
            Some(&format!(
                "The search it saves: {}",
                search_words(app.search.query.value(), &app.search.filters)
            )),
        ),
        RecallOverlay::Rename { name, input } => prompt(
            frame,
            theme,
            size,
            " Rename ",
            &format!("A new name for `{name}` (Enter renames, Esc cancels):"),
            (input, false),
            None,
        ),
    }
}

/// A search in words: its query (or every passage) and its filters.
fn search_words(query: &str, filters: &Filters) -> String {
    let query = query.trim();
    let mut words = if query.is_empty() {
        "(every passage)".to_string()
    } else {
        query.to_string()
    };
    let f = filters.describe();
    if !f.is_empty() {
        words.push_str(&format!("  [{}]", f.join("; ")));
    }
    words
}

/// The box of a list: its title, a line of help, and the rows, the
/// selected one kept in view.
fn list_box(
    frame: &mut Frame,
    theme: &Theme,
    size: Rect,
    title: &str,
    help: Line,
    rows: Vec<Line>,
    selected: usize,
) -> Rect {
    let area = centered(size, LIST_COLS, size.height.saturating_sub(4));
    frame.render_widget(Clear, area);
    let block = panel(theme, Span::styled(title.to_string(), theme.title()), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [help_area, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(help), help_area);
    let offset = selected.saturating_sub(list.height.saturating_sub(1) as usize);
    frame.render_widget(
        Paragraph::new(rows).scroll((u16::try_from(offset).unwrap_or(u16::MAX), 0)),
        list,
    );
    help_area
}

fn draw_history(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    size: Rect,
    filter: &tui_input::Input,
    selected: usize,
) {
    let entries = app.recall.entries(filter.value());
    let width = usize::from(LIST_COLS.min(size.width).saturating_sub(2));
    let hits_w = entries
        .iter()
        .map(|e| e.hits.to_string().len())
        .max()
        .unwrap_or(1);
    let mut rows: Vec<Line> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let head = format!("{}  {:>hits_w$}  ", e.when(), e.hits);
            let rest = ellipsized(
                &search_words(&e.query, &e.filters),
                width.saturating_sub(unicode_width::UnicodeWidthStr::width(head.as_str())),
            );
            let style = if i == selected {
                theme.selected()
            } else {
                theme.base()
            };
            Line::from(vec![
                Span::styled(head, style.patch(theme.dim())),
                Span::styled(rest, style),
            ])
        })
        .collect();
    if rows.is_empty() {
        rows.push(Line::from(Span::styled(
            "no earlier search has these words",
            theme.dim(),
        )));
    }
    let help = Line::from(vec![
        Span::styled("narrow: ", theme.dim()),
        Span::raw(filter.value().to_string()),
    ]);
    let help_area = list_box(
        frame,
        theme,
        size,
        " History: type to narrow, ↑↓ choose, Enter reruns, Esc closes ",
        help,
        rows,
        selected,
    );
    let x = 8 + filter.visual_cursor();
    frame.set_cursor_position((
        help_area.x + u16::try_from(x).unwrap_or(u16::MAX).min(help_area.width),
        help_area.y,
    ));
}

fn draw_saved(frame: &mut Frame, app: &App, theme: &Theme, size: Rect, selected: usize) {
    let list = &app.recall.saved.value.list;
    let width = usize::from(LIST_COLS.min(size.width).saturating_sub(2));
    // Widths in terminal columns: a name with an emoji or CJK takes more
    // columns than characters.
    let cols = unicode_width::UnicodeWidthStr::width;
    let name_w = list
        .iter()
        .map(|s| cols(s.name.as_str()))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let mut rows: Vec<Line> = list
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let hits = match app.recall.counts.get(i).copied().flatten() {
                Some(n) => evidence::english::plural(n, "passage"),
                None => "…".to_string(),
            };
            let name = ellipsized(&s.name, name_w);
            let name = format!("{name}{}  ", " ".repeat(name_w.saturating_sub(cols(&name))));
            let hits = format!("  {hits:>12}");
            let rest = ellipsized(
                &search_words(&s.query, &s.filters),
                width.saturating_sub(cols(&name) + cols(&hits)),
            );
            let pad = width.saturating_sub(cols(&name) + cols(&rest) + cols(&hits));
            let style = if i == selected {
                theme.selected()
            } else {
                theme.base()
            };
            Line::from(vec![
                Span::styled(name, style.patch(theme.accent())),
                Span::styled(format!("{rest}{}", " ".repeat(pad)), style),
                Span::styled(hits, style.patch(theme.dim())),
            ])
        })
        .collect();
    if rows.is_empty() {
        rows.push(Line::from(Span::styled(
            "no saved searches yet: S saves the search in the query bar, with its filters",
            theme.dim(),
        )));
    }
    list_box(
        frame,
        theme,
        size,
        " Saved searches ",
        Line::from(Span::styled(
            "Enter runs · d twice deletes · r renames · Esc closes",
            theme.dim(),
        )),
        rows,
        selected,
    );
}

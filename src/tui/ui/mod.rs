//! Drawing: pure functions from `&App` to a frame. No state changes, no I/O, no
//! searching here. One file per screen or widget; this one puts them where
//! [`crate::tui::layout`] says, the same layout `App::update` reads the
//! pointer and pages with.

mod basket;
mod compare;
mod concordance;
mod filters;
mod help;
mod map;
mod note;
mod notes;
mod reader;
mod recall;
mod results;
mod search_bar;
mod status;

use super::app::{App, Focus, Overlay, Screen};
use super::layout::{self, MIN_SIZE};
use super::theme::Theme;
use evidence::search::snippet;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// The widest a prompt is drawn: room for a long path.
const PROMPT_COLS: u16 = 76;

/// Draws the whole interface.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let size = frame.area();
    let layout = layout::compute(size, app);
    if layout.too_small() {
        let text = format!(
            "terminal too small: need {}×{} (now {}×{}); other keys do nothing until it is larger; Ctrl-C quits",
            MIN_SIZE.0, MIN_SIZE.1, size.width, size.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), size);
        return;
    }
    match app.screen {
        Screen::Search => {
            search_bar::draw(frame, app, theme, layout.query);
            filters::draw(frame, app, theme, layout.filters);
            results::draw(frame, app, theme, &layout);
            reader::draw(frame, app, theme, &layout);
        }
        // The full-screen views leave the last rows to the status line.
        Screen::Compare => compare::draw(frame, app, theme, &layout),
        Screen::Map => map::draw(frame, app, theme, layout.main),
        Screen::Basket => basket::draw(frame, app, theme, &layout),
        Screen::Reading => reader::draw(frame, app, theme, &layout),
        Screen::Concordance => concordance::draw(frame, app, theme, layout.main),
    }
    status::draw(frame, app, theme, layout.status);
    for overlay in app.overlays.iter() {
        match overlay {
            Overlay::Help => help::draw(frame, theme, size, app.overlays.help_scroll),
            Overlay::Notes { scroll } => notes::draw(frame, app, theme, size, *scroll),
            Overlay::ExportPath(p) => prompt(
                frame,
                theme,
                size,
                " Export the basket ",
                &format!(
                    "Write {} as {} to ({}Enter writes, Esc cancels):",
                    evidence::english::plural(app.basket.contents.excerpts.len(), "excerpt"),
                    p.choice.format.label(),
                    if p.suggested {
                        "type a name to replace this one, ← → to edit it; "
                    } else {
                        ""
                    }
                ),
                (&p.input, p.suggested),
                Some(&export_choices(app, p)),
            ),
            Overlay::Note { index, input, .. } => {
                let on = app
                    .basket
                    .contents
                    .excerpts
                    .get(*index)
                    .map_or_else(|| "this excerpt".to_string(), note_on);
                note::draw(frame, theme, size, &on, input);
            }
            Overlay::ConfirmOverwrite { existing, .. } => {
                let area = centered(size, 70, 7);
                frame.render_widget(Clear, area);
                let (names, was) = crate::tui::app::overwrite_names(existing);
                let (exist, it) = if was == "were" {
                    ("exist", "them")
                } else {
                    ("exists", "it")
                };
                let text = vec![
                    Line::from(format!("{names} {exist}.")),
                    Line::from(Span::styled(
                        format!("Overwrite {it}? y / n"),
                        theme.title(),
                    )),
                ];
                frame.render_widget(
                    Paragraph::new(text).wrap(Wrap { trim: true }).block(panel(
                        theme,
                        " Overwrite? ",
                        true,
                    )),
                    area,
                );
            }
            Overlay::ComparePicker => compare::draw_picker(frame, app, theme, size),
            Overlay::Recall(r) => recall::draw(frame, app, theme, size, r),
        }
    }
}

/// An excerpt as the note box names it: its id and its first words.
fn note_on(e: &evidence::basket::Excerpt) -> String {
    const WORDS: usize = 6;
    let words: Vec<&str> = e.text.split_whitespace().collect();
    let start = words[..words.len().min(WORDS)].join(" ");
    let more = if words.len() > WORDS { " …" } else { "" };
    format!("{} (“{start}{more}”)", e.passage_id)
}

/// What the export prompt shows under the name: the whole path, the
/// format and how to change it, and the style (plain markdown) or where
/// the references go (pandoc).
fn export_choices(app: &App, p: &crate::tui::app::ExportPrompt) -> String {
    use crate::tui::app::ExportFormat;
    // The path the export will write: the format's extension added to a
    // name typed without one, as writing does.
    let target = app.export_target(&p.file_name());
    let mut text = format!(
        "→ {}\nFormat: {} · Tab for another",
        target.display(),
        p.choice.format.label()
    );
    match p.choice.format {
        ExportFormat::Markdown => {
            let style = p.choice.style.map_or("house", |s| s.label());
            text.push_str(&format!(
                "\nCitations: {style} · ↑↓ for house, APA, Harvard, Chicago, Vancouver"
            ));
        }
        ExportFormat::Pandoc => {
            let bib = target.with_extension("json");
            let name = bib.file_name().map(|n| n.to_string_lossy().into_owned());
            text.push_str(&format!(
                "\nReferences beside it, in {}",
                name.unwrap_or_default()
            ));
        }
        _ => {}
    }
    text
}

/// A bordered block, its border lit when focused.
pub fn panel<'a>(theme: &Theme, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title)
}

/// `text` cut to at most `cols` terminal columns, and the columns it takes.
/// Columns, not characters: a CJK character takes two.
pub fn fit(text: &str, cols: usize) -> (String, usize) {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > cols {
            break;
        }
        used += w;
        out.push(c);
    }
    (out, used)
}

/// `text` cut to at most `cols` terminal columns, with `…` for what was
/// cut.
pub fn ellipsized(text: &str, cols: usize) -> String {
    let (cut, used) = fit(text, cols);
    if used == unicode_width::UnicodeWidthStr::width(text) || cols == 0 {
        return cut;
    }
    let (mut cut, _) = fit(text, cols - 1);
    cut.push('…');
    cut
}

/// As many of `keys` as fit in `cols` columns, in their order (the most
/// needed first), joined by " · ": a border's or a status line's key hints.
pub fn keys_that_fit(keys: &[&str], cols: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    for key in keys {
        let sep = if out.is_empty() { 0 } else { 3 };
        if out.width() + sep + key.width() > cols {
            break;
        }
        if sep > 0 {
            out.push_str(" · ");
        }
        out.push_str(key);
    }
    out
}

/// A rectangle of at most `w`×`h` in the middle of `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    // A margin of a column or two would show slivers of the screen beneath
    // (a border's corner, the end of a word) as stray letters: none then.
    let w = if area.width.saturating_sub(w) < 6 {
        area.width
    } else {
        w
    };
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A one-line text prompt: what it asks, the input (shown selected when
/// typing replaces it), and under it, when given, what the input comes to
/// (the whole path an export writes).
fn prompt(
    frame: &mut Frame,
    theme: &Theme,
    size: Rect,
    title: &str,
    label: &str,
    (input, selected): (&tui_input::Input, bool),
    below: Option<&str>,
) {
    let inner_w = centered(size, PROMPT_COLS, 1).width.saturating_sub(2);
    let below = below.map(|text| Paragraph::new(text.to_string()).wrap(Wrap { trim: false }));
    let below_rows = below.as_ref().map_or(0, |p| {
        u16::try_from(p.line_count(inner_w)).unwrap_or(u16::MAX)
    });
    let area = centered(size, PROMPT_COLS, 6 + below_rows);
    frame.render_widget(Clear, area);
    let block = panel(theme, title.to_string(), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let parts = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .split(inner);
    frame.render_widget(
        Paragraph::new(label.to_string()).wrap(Wrap { trim: true }),
        parts[0],
    );
    if let Some(below) = below {
        frame.render_widget(below.style(theme.dim()), parts[3]);
    }
    let width = parts[1].width.saturating_sub(1) as usize;
    let scroll = input.visual_scroll(width);
    // A suggested name, which typing replaces, is shown selected.
    let value = if selected {
        Paragraph::new(Span::styled(input.value(), theme.selected()))
    } else {
        Paragraph::new(input.value())
    };
    frame.render_widget(value.scroll((0, scroll as u16)), parts[1]);
    let x = (input.visual_cursor().max(scroll) - scroll) as u16;
    frame.set_cursor_position((parts[1].x + x, parts[1].y));
}

/// Splits `text` into spans, styling the byte ranges in `highlights`.
pub fn highlighted<'a>(
    text: &'a str,
    highlights: &[(usize, usize)],
    base: Style,
    mark: Style,
) -> Vec<Span<'a>> {
    snippet::pieces(text, highlights)
        .into_iter()
        .map(|piece @ (a, b)| {
            let style = if snippet::covered(piece, highlights) {
                base.patch(mark)
            } else {
                base
            };
            Span::styled(&text[a..b], style)
        })
        .collect()
}

/// Focus label helper for pane titles.
pub fn focused(app: &App, focus: Focus) -> bool {
    app.overlays.is_empty() && app.screen == Screen::Search && app.focus == focus
}

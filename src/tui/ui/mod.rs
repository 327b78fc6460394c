//! Drawing: pure functions from `&App` to a frame. No state changes, no I/O, no
//! searching here. One file per screen or widget; this one lays them out.

mod basket;
mod compare;
mod filters;
mod help;
mod map;
mod reader;
mod results;
mod search_bar;
mod status;

pub use reader::scroll as scroll_reader;

use super::app::{App, Focus, Overlay, Screen};
use super::theme::Theme;
use evidence::search::snippet;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// The smallest terminal the interface draws in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Where the search screen's panes are, for drawing and for mouse clicks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub query: Rect,
    pub filters: Rect,
    pub results: Rect,
    pub reader: Rect,
    pub status: Rect,
}

/// The search screen as `app` has it: its terminal size, and a status line
/// as tall as its message needs.
pub fn areas_of(app: &App) -> Areas {
    let size = Rect::new(0, 0, app.size.0, app.size.1);
    areas_with(size, status::rows(app, size.width))
}

/// Lays the search screen out: three columns when wide, the reader below the
/// results when narrow, and the status line's rows at the bottom.
fn areas_with(size: Rect, status_rows: u16) -> Areas {
    let rows = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(5),
        Constraint::Length(status_rows),
    ])
    .split(size);
    let filters_w = if size.width >= 140 { 30 } else { 24 };
    let cols =
        Layout::horizontal([Constraint::Length(filters_w), Constraint::Min(20)]).split(rows[1]);
    let main = if size.width >= 120 {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).split(cols[1])
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).split(cols[1])
    };
    Areas {
        query: rows[0],
        filters: cols[0],
        results: main[0],
        reader: main[1],
        status: rows[2],
    }
}

/// Rows of results that fit in the results pane (each hit takes two lines).
pub fn results_page(app: &App) -> usize {
    results::layout(app, areas_of(app).results).1
}

/// The results pane's rows as `app` has them: those the notes take above
/// the hits, and the hits that fit below.
pub fn results_rows(app: &App) -> (u16, usize) {
    results::layout(app, areas_of(app).results)
}

/// The basket's excerpt at screen row `y`, as `app` draws it.
pub fn basket_excerpt_at(app: &App, y: u16) -> Option<usize> {
    let size = Rect::new(0, 0, app.size.0, app.size.1);
    basket::excerpt_at(app, above(size, status::rows(app, size.width)), y)
}

/// Draws the whole interface.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let size = frame.area();
    if size.width < MIN_SIZE.0 || size.height < MIN_SIZE.1 {
        let text = format!(
            "terminal too small: need {}×{} (now {}×{})",
            MIN_SIZE.0, MIN_SIZE.1, size.width, size.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), size);
        return;
    }
    let status_rows = status::rows(app, size.width);
    let a = areas_with(size, status_rows);
    match app.screen {
        Screen::Search => {
            search_bar::draw(frame, app, theme, a.query);
            filters::draw(frame, app, theme, a.filters);
            results::draw(frame, app, theme, a.results);
            reader::draw(frame, app, theme, a.reader);
        }
        // The full-screen views leave the last rows to the status line.
        Screen::Compare => compare::draw(frame, app, theme, above(size, status_rows)),
        Screen::Map => map::draw(frame, app, theme, above(size, status_rows)),
        Screen::Basket => basket::draw(frame, app, theme, above(size, status_rows)),
    }
    status::draw(frame, app, theme, a.status);
    for overlay in app.overlays.iter() {
        match overlay {
            Overlay::Help => help::draw(frame, theme, size, app.overlays.help_scroll),
            Overlay::ExportPath(input) => prompt(
                frame,
                theme,
                size,
                " Export the basket ",
                &format!(
                    "Write {} excerpts as markdown to (Enter writes, Esc cancels):",
                    app.basket.contents.excerpts.len()
                ),
                input,
            ),
            Overlay::Note { input, .. } => prompt(
                frame,
                theme,
                size,
                " Note ",
                "A note on this excerpt (Enter saves, Esc cancels):",
                input,
            ),
            Overlay::ConfirmOverwrite(path) => {
                let area = centered(size, 60, 5);
                frame.render_widget(Clear, area);
                let text = vec![
                    Line::from(format!("{} exists.", path.display())),
                    Line::from(Span::styled("Overwrite it? y / n", theme.title())),
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
        }
    }
}

fn above(size: Rect, status_rows: u16) -> Rect {
    Rect {
        height: size.height.saturating_sub(status_rows),
        ..size
    }
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

/// A rectangle of at most `w`×`h` in the middle of `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn prompt(
    frame: &mut Frame,
    theme: &Theme,
    size: Rect,
    title: &str,
    label: &str,
    input: &tui_input::Input,
) {
    let area = centered(size, 70, 6);
    frame.render_widget(Clear, area);
    let block = panel(theme, title.to_string(), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let parts = Layout::vertical([Constraint::Length(2), Constraint::Length(1)]).split(inner);
    frame.render_widget(
        Paragraph::new(label.to_string()).wrap(Wrap { trim: true }),
        parts[0],
    );
    let width = parts[1].width.saturating_sub(1) as usize;
    let scroll = input.visual_scroll(width);
    frame.render_widget(
        Paragraph::new(input.value()).scroll((0, scroll as u16)),
        parts[1],
    );
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

/// Splits a rectangle into `n` equal columns.
pub fn columns(area: Rect, n: usize) -> Vec<Rect> {
    let n = n.max(1);
    Layout::default()
        .direction(Direction::Horizontal)
        .constraints(vec![Constraint::Ratio(1, n as u32); n])
        .split(area)
        .to_vec()
}

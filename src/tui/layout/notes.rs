//! The notes overlay's geometry: the search's notes whole, in a box as
//! wide as reads well, as tall as they need up to the screen's height.

use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// The box's widest, borders included.
const COLS: u16 = 90;

/// The notes as the overlay shows them, one line each before wrapping.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    app.search
        .results
        .notes
        .iter()
        .map(|n| Line::from(format!("note: {n}")))
        .collect()
}

/// Rows the notes take wrapped at `width` columns.
fn rows(app: &App, width: u16) -> u16 {
    let count = Paragraph::new(lines(app))
        .wrap(Wrap { trim: false })
        .line_count(width.max(1));
    u16::try_from(count).unwrap_or(u16::MAX)
}

/// The box on a screen of `size`, centred.
pub fn area(app: &App, size: Rect) -> Rect {
    let width = COLS.min(size.width);
    let height = rows(app, width.saturating_sub(2))
        .saturating_add(2)
        .min(size.height.saturating_sub(2).max(3));
    Rect {
        x: size.x + (size.width - width) / 2,
        y: size.y + (size.height - height) / 2,
        width,
        height: height.min(size.height),
    }
}

/// How far the notes scroll: until their last row is the box's last.
pub fn scroll_max(app: &App) -> u16 {
    let (w, h) = app.size;
    let inside = area(app, Rect::new(0, 0, w, h));
    rows(app, inside.width.saturating_sub(2)).saturating_sub(inside.height.saturating_sub(2))
}

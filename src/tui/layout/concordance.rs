//! The words-in-context screen laid out: the lines' rows (below the header
//! and the notes) and the collocates panel's, beside the lines on a wide
//! terminal and under them on a narrow one.

use crate::tui::app::App;
use ratatui::layout::{Constraint, Layout as Split, Rect};

/// From this many columns the collocates go beside the lines.
const BESIDE: u16 = 120;
/// Columns of the collocates panel beside the lines.
const PANEL_COLS: u16 = 42;

/// Where the screen's parts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KwicAreas {
    /// The lines' pane (with its border).
    pub pane: Rect,
    /// The header's rows inside it.
    pub header: Rect,
    /// The lines' rows inside it.
    pub lines: Rect,
    /// The collocates panel (with its border), and its rows inside.
    pub panel: Option<Rect>,
    pub collocates: Option<Rect>,
}

/// Lays the screen out in `main`.
pub fn areas(app: &App, main: Rect) -> KwicAreas {
    let k = &app.concordance;
    let (pane, panel) = if !k.collocates_shown {
        (main, None)
    } else if main.width >= BESIDE {
        let [a, b] =
            Split::horizontal([Constraint::Min(20), Constraint::Length(PANEL_COLS)]).areas(main);
        (a, Some(b))
    } else {
        let [a, b] =
            Split::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(main);
        (a, Some(b))
    };
    let inner = inset(pane);
    let header_rows = if k.notes.is_empty() { 1 } else { 2 };
    let [header, lines] =
        Split::vertical([Constraint::Length(header_rows), Constraint::Min(0)]).areas(inner);
    // The panel: its border, then a row of column names.
    let collocates = panel.map(|p| {
        let inner = inset(p);
        Rect {
            y: inner.y.saturating_add(1),
            height: inner.height.saturating_sub(1),
            ..inner
        }
    });
    KwicAreas {
        pane,
        header,
        lines,
        panel,
        collocates,
    }
}

/// An area inside its border.
fn inset(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

//! The key help's text and where it goes: measured here, so that the
//! help's keys scroll it exactly as far as drawing shows it.

use crate::tui::action::{KEYS, OTHER_KEYS};
use crate::tui::theme::Theme;
use crate::tui::ui::centered;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The help's widest: its first line (83 columns) fits between its borders,
/// and so does every key's line but the mouse's.
pub const COLS: u16 = 86;

/// Columns of a key's label, and the gap after it: a key's help, and each
/// of its lines when it wraps, starts after them.
pub const KEY_COLS: usize = 14;
pub const GAP_COLS: usize = 2;

/// Where the help is drawn on a screen of `size`.
pub fn area(size: Rect) -> Rect {
    centered(size, COLS, size.height.saturating_sub(2))
}

/// How far the help scrolls on a screen of `size`: until its last row is
/// at the bottom of its box, and no further.
pub fn scroll_max(size: Rect) -> u16 {
    let area = area(size);
    let (width, height) = (area.width.saturating_sub(2), area.height.saturating_sub(2));
    let rows = help(&Theme { color: false }, width).line_count(width);
    u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_sub(height)
}

/// Every key and what it does, `width` columns wide (a key's help wraps
/// under its first line, not under the key), then the query language in a
/// line.
pub fn help(theme: &Theme, width: u16) -> Paragraph<'static> {
    let mut lines = vec![Line::from(Span::styled(
        "In the query bar and other text inputs every printable key types (Space and q too).",
        theme.dim(),
    ))];
    let indent = KEY_COLS + GAP_COLS;
    let room = usize::from(width).saturating_sub(indent).max(1);
    let mut row = |key: &str, help: &str| {
        for (i, (a, b)) in crate::tui::layout::wrap(help, room).into_iter().enumerate() {
            let head = if i == 0 {
                Span::styled(
                    format!("{key:>KEY_COLS$}{}", " ".repeat(GAP_COLS)),
                    theme.accent(),
                )
            } else {
                Span::raw(" ".repeat(indent))
            };
            lines.push(Line::from(vec![
                head,
                Span::raw(help[a..b].trim_end().to_string()),
            ]));
        }
    };
    for (key, help) in OTHER_KEYS {
        row(key, help);
    }
    for k in KEYS {
        row(k.label, k.help);
    }
    lines.push(Line::from(Span::styled(
        "Query: words are ANDed; \"phrase\" (as written); =word (exactly); -word; a OR b; prefix*; report:ID theme:ID org:\"…\" year:2014; or ask a question",
        theme.dim(),
    )));
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

//! The key help overlay, generated from the key map's own table.

use super::{centered, panel};
use crate::tui::action::{KEYS, OTHER_KEYS};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// The help's widest: its first line (83 columns) fits between its borders,
/// and so does every key's line but the mouse's.
const COLS: u16 = 86;

pub fn draw(frame: &mut Frame, theme: &Theme, size: Rect, scroll: u16) {
    let area = centered(size, COLS, size.height.saturating_sub(2));
    frame.render_widget(Clear, area);
    frame.render_widget(
        help(theme).scroll((scroll, 0)).block(panel(
            theme,
            " Keys (↑↓ scroll · Esc closes) ",
            true,
        )),
        area,
    );
}

/// Every key and what it does, then the query language in a line.
fn help(theme: &Theme) -> Paragraph<'static> {
    let mut lines = vec![Line::from(Span::styled(
        "In the query bar and other text inputs every printable key types (Space and q too).",
        theme.dim(),
    ))];
    let row = |key: &str, help: &str| {
        Line::from(vec![
            Span::styled(format!("{key:>14}  "), theme.accent()),
            Span::raw(help.to_string()),
        ])
    };
    for (key, help) in OTHER_KEYS {
        lines.push(row(key, help));
    }
    for k in KEYS {
        lines.push(row(k.label, k.help));
    }
    lines.push(Line::from(Span::styled(
        "Query: words are ANDed; \"phrase\"; -word; a OR b; prefix*; report:ID theme:ID org:\"…\" year:2014",
        theme.dim(),
    )));
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::HELP_SCROLL_MAX;
    use crate::tui::layout::MIN_SIZE;

    #[test]
    fn the_help_scrolls_far_enough_to_read_its_last_line() {
        // On the narrowest terminal, inside the borders.
        let width = COLS.min(MIN_SIZE.0) - 2;
        let rows = help(&Theme { color: false }).line_count(width);
        assert!(
            rows <= usize::from(HELP_SCROLL_MAX),
            "the help is {rows} rows at {width} columns: scroll it up to {rows}"
        );
    }
}

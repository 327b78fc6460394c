//! The key help overlay, generated from the key map's own table (its text
//! and box from [`crate::tui::layout::help`]).

use super::panel;
use crate::tui::layout::help::{area, help, scroll_max};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

pub fn draw(frame: &mut Frame, theme: &Theme, size: Rect, scroll: u16) {
    let area = area(size);
    let scroll = scroll.min(scroll_max(size));
    frame.render_widget(Clear, area);
    frame.render_widget(
        help(theme, area.width.saturating_sub(2))
            .scroll((scroll, 0))
            .block(panel(theme, " Keys (↑↓ scroll · Esc closes) ", true)),
        area,
    );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::tui::layout::MIN_SIZE;
    use crate::tui::layout::help::{COLS, GAP_COLS, KEY_COLS};

    /// Scrolled as far as it goes (`G`), the help's box ends with its last
    /// line, on the smallest screen and on larger ones; a row less and that
    /// line is not in view yet (where the help scrolls at all).
    #[test]
    fn the_help_scrolls_until_its_last_line_is_at_the_bottom_and_no_further() {
        let shown = |size: Rect, scroll: u16| -> Vec<String> {
            let backend = ratatui::backend::TestBackend::new(size.width, size.height);
            let mut terminal = ratatui::Terminal::new(backend).unwrap();
            terminal
                .draw(|frame| draw(frame, &Theme { color: false }, size, scroll))
                .unwrap();
            let buffer = terminal.backend().buffer().clone();
            let area = area(size);
            (area.y + 1..area.y + area.height - 1)
                .map(|y| {
                    (area.x + 1..area.x + area.width - 1)
                        .map(|x| buffer[(x, y)].symbol().to_string())
                        .collect::<String>()
                })
                .collect()
        };
        let last_words = "or ask a question";
        for (w, h) in [MIN_SIZE, (100, 30), (200, 80)] {
            let size = Rect::new(0, 0, w, h);
            let most = scroll_max(size);
            let rows = shown(size, most);
            // The last row written (on a tall screen the box has room after it).
            let last = rows.iter().rev().find(|r| !r.trim().is_empty()).unwrap();
            assert!(
                last.contains(last_words),
                "{w}x{h}, scrolled {most}: {rows:#?}"
            );
            // Scrolling further shows the same.
            assert_eq!(shown(size, most.saturating_add(5)), rows, "{w}x{h}");
            if most > 0 {
                let before = shown(size, most - 1);
                assert!(
                    !before.last().unwrap().contains(last_words),
                    "{w}x{h}: {before:#?}"
                );
            }
        }
        assert!(scroll_max(Rect::new(0, 0, MIN_SIZE.0, MIN_SIZE.1)) > 0);
    }

    #[test]
    fn a_key_s_wrapped_help_is_indented_under_its_first_line() {
        let width = COLS.min(MIN_SIZE.0) - 2;
        let text = help(&Theme { color: false }, width);
        let mut buffer = ratatui::buffer::Buffer::empty(Rect::new(0, 0, width, 60));
        ratatui::widgets::Widget::render(text, buffer.area, &mut buffer);
        let rows: Vec<String> = (0..60)
            .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
            .collect();
        // The mouse's help wraps at 80 columns: its second line starts
        // under its first, past the keys' column.
        let at = rows
            .iter()
            .position(|r| r.trim_start().starts_with("Mouse"))
            .unwrap();
        let indent = KEY_COLS + GAP_COLS;
        assert!(
            rows[at + 1].starts_with(&" ".repeat(indent)),
            "{:?}",
            rows[at + 1]
        );
        assert!(!rows[at + 1].trim().is_empty());
    }
}

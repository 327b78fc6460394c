//! The note being written on a basket excerpt: its text wrapped at spaces
//! over as many lines as it takes (the box grows with it, up to most of the
//! screen, then scrolls to keep the cursor in view), and the cursor where it
//! is in the wrapped text.

use super::{centered, panel};
use crate::tui::layout::wrap;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthChar;

/// The widest the note's box is drawn.
const NOTE_COLS: u16 = 76;

/// Rows of text the box shows at the least: room to see it will wrap.
const NOTE_MIN_ROWS: u16 = 3;

/// Rows of the screen the box leaves free at the least, around it.
const NOTE_MARGIN_ROWS: u16 = 6;

/// `on` names the excerpt the note is on (its id and first words), so that
/// a note is not written on the wrong one: the box covers the list.
pub fn draw(frame: &mut Frame, theme: &Theme, size: Rect, on: &str, input: &tui_input::Input) {
    let outer_w = NOTE_COLS.min(size.width);
    // The text leaves a column for the cursor after a full line.
    let text_w = usize::from(outer_w.saturating_sub(3)).max(1);
    let value = input.value();
    let lines = wrap(value, text_w);
    let (row, col) = cursor(value, &lines, input.cursor());
    let most = size
        .height
        .saturating_sub(NOTE_MARGIN_ROWS + 4)
        .max(NOTE_MIN_ROWS);
    let rows = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .clamp(NOTE_MIN_ROWS, most);
    let area = centered(size, outer_w, rows + 4);
    frame.render_widget(Clear, area);
    // Named in the title, where it cannot push the keys out of the label.
    let block = panel(theme, format!(" Note on {on} "), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [label, text] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new("A note on this excerpt (Enter saves, Esc cancels):")
            .style(theme.dim())
            .wrap(Wrap { trim: true }),
        label,
    );
    let top = row.saturating_sub(usize::from(text.height.saturating_sub(1)));
    let shown: Vec<Line> = lines
        .iter()
        .skip(top)
        .take(usize::from(text.height))
        .map(|&(a, b)| Line::from(value[a..b].to_string()))
        .collect();
    frame.render_widget(Paragraph::new(shown), text);
    let x = u16::try_from(col).unwrap_or(u16::MAX);
    let y = u16::try_from(row - top).unwrap_or(u16::MAX);
    frame.set_cursor_position(((text.x + x).min(text.right().saturating_sub(1)), text.y + y));
}

/// The row and column of the cursor, `at` characters into `text`, laid out
/// in `lines`: at the start of a line rather than past the end of the one
/// before it.
pub fn cursor(text: &str, lines: &[(usize, usize)], at: usize) -> (usize, usize) {
    let byte = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
    let row = lines.iter().rposition(|&(a, _)| a <= byte).unwrap_or(0);
    let (a, _) = lines[row];
    let col = text[a..byte].chars().map(|c| c.width().unwrap_or(0)).sum();
    (row, col)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn shown(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width)
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn a_note_wraps_at_spaces_and_keeps_every_character() {
        assert_eq!(shown("", 10), [""]);
        assert_eq!(shown("short", 10), ["short"]);
        assert_eq!(
            shown("the cost of buddying is shared", 12),
            ["the cost of ", "buddying is ", "shared"]
        );
        // A word longer than a line is broken where it must be.
        assert_eq!(
            shown("abcdefghijkl xyz", 5),
            ["abcde", "fghij", "kl ", "xyz"]
        );
        // Wide characters count as two columns.
        assert_eq!(shown("日本の病院", 4), ["日本", "の病", "院"]);
        for (text, width) in [("a b  c   d", 3), ("word word word", 4), ("x", 1)] {
            let lines = wrap(text, width);
            assert_eq!(lines.first().unwrap().0, 0);
            assert_eq!(lines.last().unwrap().1, text.len());
            assert!(lines.windows(2).all(|w| w[0].1 == w[1].0), "{text:?}");
        }
    }

    #[test]
    fn the_cursor_is_found_in_the_wrapped_lines() {
        let text = "the cost of buddying";
        let lines = wrap(text, 12);
        assert_eq!(cursor(text, &lines, 0), (0, 0));
        assert_eq!(cursor(text, &lines, 4), (0, 4));
        // At the start of the second line, not past the end of the first.
        assert_eq!(cursor(text, &lines, 12), (1, 0));
        assert_eq!(cursor(text, &lines, 20), (1, 8));
    }
}

//! The key help overlay, generated from the key map's own table.

use super::{centered, panel};
use crate::tui::action::{KEYS, OTHER_KEYS};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, theme: &Theme, size: Rect, scroll: u16) {
    let area = centered(size, 86, size.height.saturating_sub(2));
    frame.render_widget(Clear, area);
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
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(panel(theme, " Keys (↑↓ scroll · Esc closes) ", true)),
        area,
    );
}

//! The basket: collected excerpts in order, with notes, and a mark on any whose
//! passage has changed or gone from the corpus since it was collected.

use super::panel;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use evidence::basket::ExcerptStatus;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let title = Line::from(vec![
        Span::styled(
            format!(" Basket ({}) ", app.basket.contents.excerpts.len()),
            theme.title(),
        ),
        Span::styled(
            "K/J move · d remove · a note · e export · Esc back ",
            theme.dim(),
        ),
    ]);
    let block = panel(theme, title, true);
    if app.basket.contents.excerpts.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "The basket is empty. In the results or the reader, Space adds the selected passage.",
                theme.dim(),
            ))
            .block(block),
            area,
        );
        return;
    }
    let inner = block.inner(area);
    let entries = entries(app, theme, inner.width);
    let top = scroll(&entries, app.basket.selected, inner.height);
    let lines: Vec<Line<'static>> = entries.into_iter().flat_map(|(lines, _)| lines).collect();
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((top, 0))
            .block(block),
        area,
    );
}

/// The excerpt drawn at screen row `y` of the basket at `area`, if any.
pub fn excerpt_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let inner = panel(&Theme { color: false }, "", true).inner(area);
    if y < inner.y || y >= inner.y + inner.height {
        return None;
    }
    let entries = entries(app, &Theme { color: false }, inner.width);
    let mut row =
        usize::from(scroll(&entries, app.basket.selected, inner.height)) + usize::from(y - inner.y);
    for (i, (_, height)) in entries.iter().enumerate() {
        if row < *height {
            return Some(i);
        }
        row -= height;
    }
    None
}

/// Each excerpt's lines, and the rows they take at `width` (wrapped).
fn entries(app: &App, theme: &Theme, width: u16) -> Vec<(Vec<Line<'static>>, usize)> {
    let status = app.basket_status();
    app.basket
        .contents
        .excerpts
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let selected = i == app.basket.selected;
            let row = if selected {
                theme.selected()
            } else {
                theme.base()
            };
            let state = match status.get(i) {
                Some(ExcerptStatus::Changed) => Span::styled(" changed", theme.warning()),
                Some(ExcerptStatus::Gone) => Span::styled(" gone from the corpus", theme.warning()),
                _ => Span::raw(""),
            };
            let mut lines = vec![
                Line::from(vec![
                    Span::styled(
                        format!("{:>2}. {} [{}]", i + 1, e.report_title, e.passage_id),
                        theme.title().patch(row),
                    ),
                    state,
                ]),
                Line::from(Span::styled(format!("    {}", e.text), row)),
            ];
            if !e.note.is_empty() {
                lines.push(Line::from(Span::styled(
                    format!("    note: {}", e.note),
                    theme.accent(),
                )));
            }
            lines.push(Line::from(Span::styled(
                format!("    {}", e.citation),
                theme.dim(),
            )));
            lines.push(Line::from(""));
            let height = Paragraph::new(lines.clone())
                .wrap(Wrap { trim: false })
                .line_count(width);
            (lines, height)
        })
        .collect()
}

/// The scroll of a list of `entries` with the `selected` one shown, in a
/// pane `height` rows high (see [`offset`]).
fn scroll(entries: &[(Vec<Line<'static>>, usize)], selected: usize, height: u16) -> u16 {
    let above: usize = entries.iter().take(selected).map(|(_, h)| h).sum();
    let own = entries.get(selected).map_or(0, |(_, h)| *h);
    let total: usize = entries.iter().map(|(_, h)| h).sum();
    offset(above, own, total, height)
}

/// The scroll that shows the selected excerpt (`own` rows, `above` rows
/// down a list of `total`) in a pane `height` rows high: in the middle where
/// the list allows, its first row on screen whatever its length, and no
/// blank rows after the list's end while there is more above.
fn offset(above: usize, own: usize, total: usize, height: u16) -> u16 {
    let height = usize::from(height);
    let centred = (above + own / 2).saturating_sub(height / 2);
    let last = total.saturating_sub(height);
    let top = centred
        .min(last)
        .min(above)
        .max((above + own).saturating_sub(height).min(above));
    u16::try_from(top).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::offset;

    #[test]
    fn the_selected_excerpt_is_always_on_screen() {
        // Excerpts of assorted heights in panes of assorted heights.
        let heights = [4, 5, 12, 4, 30, 4, 6, 4, 4, 9];
        for pane in [1u16, 3, 8, 20, 60] {
            for selected in 0..heights.len() {
                let above: usize = heights[..selected].iter().sum();
                let own = heights[selected];
                let total: usize = heights.iter().sum();
                let top = usize::from(offset(above, own, total, pane));
                let pane = usize::from(pane);
                assert!(
                    top <= above,
                    "its first row is shown ({selected} in {pane})"
                );
                if own <= pane {
                    assert!(
                        above + own <= top + pane,
                        "all of it is shown ({selected} in {pane})"
                    );
                }
                if total >= pane {
                    assert!(top + pane <= total, "no blank rows after the end");
                } else {
                    assert_eq!(top, 0, "a list that fits is not scrolled");
                }
            }
        }
    }
}

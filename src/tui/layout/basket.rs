//! The basket's list laid out: each excerpt's lines and the rows they
//! take, and how far the list is scrolled to keep the selected one in view.
//! Drawing shows the list so, and a click maps its row back to an excerpt
//! with the same numbers.

use crate::tui::app::App;
use crate::tui::theme::Theme;
use evidence::basket::ExcerptStatus;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The basket's list on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BasketList {
    /// Where the excerpts go: the screen less the panel's borders.
    pub inner: Rect,
    /// The rows each excerpt takes, wrapped, in order.
    pub heights: Vec<usize>,
    /// The list's scroll: its row at the top of `inner`.
    pub top: u16,
}

impl BasketList {
    /// The basket's list in `area`, with the selected excerpt in view.
    pub fn new(app: &App, area: Rect) -> Self {
        let inner = Block::bordered().inner(area);
        let heights: Vec<usize> = entries(app, &Theme { color: false }, inner.width)
            .into_iter()
            .map(|(_, height)| height)
            .collect();
        let top = scroll(&heights, app.basket.selected, inner.height);
        BasketList {
            inner,
            heights,
            top,
        }
    }

    /// The excerpt drawn at screen row `y`, if any.
    pub fn excerpt_at(&self, y: u16) -> Option<usize> {
        let inner = self.inner;
        if y < inner.y || y >= inner.y + inner.height {
            return None;
        }
        let mut row = usize::from(self.top) + usize::from(y - inner.y);
        for (i, height) in self.heights.iter().enumerate() {
            if row < *height {
                return Some(i);
            }
            row -= height;
        }
        None
    }
}

/// Each excerpt's lines, and the rows they take at `width` (wrapped).
pub fn entries(app: &App, theme: &Theme, width: u16) -> Vec<(Vec<Line<'static>>, usize)> {
    let status = app.basket_status();
    app.basket
        .contents
        .excerpts
        .iter()
        .enumerate()
        .map(|(i, e)| {
            // Cited as an export would cite it: its report's details now.
            let stat = status.get(i).copied().unwrap_or(ExcerptStatus::Same);
            let now = e.as_cited(app.corpus(), stat);
            let updated = matches!(stat, ExcerptStatus::Same | ExcerptStatus::Changed)
                && now.citation() != e.citation();
            let selected = i == app.basket.selected;
            let row = if selected {
                theme.selected()
            } else {
                theme.base()
            };
            let state = match status.get(i) {
                Some(ExcerptStatus::Changed) => Span::styled(
                    " changed since collected (U shows how, and takes the text now)",
                    theme.warning(),
                ),
                Some(ExcerptStatus::Gone) => match app.corpus().retired(&e.passage_id) {
                    Some(gone) => {
                        Span::styled(format!(" gone: {}", gone.sentence()), theme.warning())
                    }
                    None if app.corpus().passage(&e.passage_id).is_some() => {
                        Span::styled(" gone: the id names other text now", theme.warning())
                    }
                    None => Span::styled(" gone from the corpus", theme.warning()),
                },
                Some(ExcerptStatus::Elsewhere) => Span::styled(
                    format!(
                        " from {}",
                        e.corpus
                            .as_ref()
                            .map_or_else(|| "another corpus".to_string(), |c| c.shown())
                    ),
                    theme.dim(),
                ),
                _ if updated => Span::styled(" details updated", theme.dim()),
                _ => Span::raw(""),
            };
            // A title too long for a row carries on under itself, not under
            // the number.
            let title = format!("{:>2}. {} [{}]", i + 1, now.report_title, e.passage_id);
            let room = usize::from(width).saturating_sub(4).max(1);
            let mut lines: Vec<Line<'static>> = super::wrap(&title, usize::from(width).max(1))
                .into_iter()
                .take(1)
                .map(|(a, b)| (title[a..b].trim_end().to_string(), b))
                .flat_map(|(first, end)| {
                    let rest = title[end..].trim_start().to_string();
                    let more: Vec<String> = super::wrap(&rest, room)
                        .into_iter()
                        .filter(|(a, b)| !rest[*a..*b].trim().is_empty())
                        .map(|(a, b)| format!("    {}", rest[a..b].trim_end()))
                        .collect();
                    std::iter::once(first).chain(more)
                })
                .map(|text| Line::from(Span::styled(text, theme.title().patch(row))))
                .collect();
            // The excerpt's state after its title when it fits there, else
            // on rows of its own under it, indented as the text is.
            match lines.last_mut() {
                Some(last) if last.width() + state.width() <= usize::from(width) => {
                    last.spans.push(state);
                }
                _ if state.width() == 0 => {}
                _ => lines.extend(hanging(state.content.trim(), width, state.style)),
            }
            // The text, note and citation hang under the title, wrapped
            // here so that their second rows keep the indent; a list
            // item's lead-in first, as an export gives it.
            if let Some(lead) = &e.lead_in {
                lines.extend(hanging(
                    &format!("In a list introduced by: {lead}:"),
                    width,
                    theme.dim(),
                ));
            }
            lines.extend(hanging(&e.text, width, row));
            if !e.note.is_empty() {
                lines.extend(hanging(&format!("note: {}", e.note), width, theme.accent()));
            }
            lines.extend(hanging(
                &evidence::export::citation_plain(&now),
                width,
                theme.dim(),
            ));
            lines.push(Line::from(""));
            let height = Paragraph::new(lines.clone())
                .wrap(Wrap { trim: false })
                .line_count(width);
            (lines, height)
        })
        .collect()
}

/// `text` wrapped to `width` columns less an indent of four, each row
/// indented, in `style`.
fn hanging(text: &str, width: u16, style: ratatui::style::Style) -> Vec<Line<'static>> {
    const INDENT: &str = "    ";
    let room = usize::from(width).saturating_sub(INDENT.len()).max(1);
    let one_line = text.replace(['\n', '\r'], " ");
    super::wrap(&one_line, room)
        .into_iter()
        .map(|(a, b)| {
            Line::from(Span::styled(
                format!("{INDENT}{}", one_line[a..b].trim_end()),
                style,
            ))
        })
        .collect()
}

/// The scroll of a list of excerpts `heights` rows high with the `selected`
/// one shown, in a pane `height` rows high (see [`offset`]).
fn scroll(heights: &[usize], selected: usize, height: u16) -> u16 {
    let above: usize = heights.iter().take(selected).sum();
    let own = heights.get(selected).copied().unwrap_or(0);
    let total: usize = heights.iter().sum();
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

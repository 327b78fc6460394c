//! The reader: the selected passage in the context of its whole report, with
//! the report's details on top, the passage marked, emphasis and lists drawn as
//! such, and the query's words highlighted.

use super::{focused, panel};
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;
use evidence::corpus::{Block, EmphasisStyle, Passage, Report};
use evidence::search::snippet::{self, Terms};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Spans of `text` with each byte range's style layered on `base`.
pub fn layered(text: &str, base: Style, layers: &[(usize, usize, Style)]) -> Vec<Span<'static>> {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &(a, b, _) in layers {
        cuts.push(a.min(text.len()));
        cuts.push(b.min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        let mut style = base;
        for &(la, lb, s) in layers {
            if la <= a && b <= lb {
                style = style.patch(s);
            }
        }
        spans.push(Span::styled(text[a..b].to_string(), style));
    }
    spans
}

/// A passage drawn as a line (or list item) with emphasis and highlights.
pub fn passage_line(p: &Passage, terms: &Terms, base: Style, theme: &Theme) -> Line<'static> {
    let mut layers: Vec<(usize, usize, Style)> = p
        .emphasis
        .iter()
        .map(|e| {
            let m = match e.style {
                EmphasisStyle::Emphasis => Modifier::ITALIC,
                EmphasisStyle::Strong => Modifier::BOLD,
                EmphasisStyle::Code => Modifier::DIM,
            };
            (e.start, e.end, Style::default().add_modifier(m))
        })
        .collect();
    for (a, b) in snippet::highlights(&p.text, terms) {
        layers.push((a, b, theme.highlight()));
    }
    let prefix = match p.block {
        Block::ListItem {
            depth,
            number: Some(n),
        } => format!("{}{n}. ", "   ".repeat(depth as usize)),
        Block::ListItem {
            depth,
            number: None,
        } => format!("{}• ", "   ".repeat(depth as usize)),
        Block::Paragraph { depth } => "   ".repeat(depth as usize),
    };
    let mut spans = vec![Span::styled(prefix, base)];
    spans.extend(layered(&p.text, base, &layers));
    Line::from(spans)
}

/// The report's details: title, organisation, authors, date, kind.
pub fn report_header(r: &Report, theme: &Theme) -> Vec<Line<'static>> {
    let meta = r.byline();
    vec![
        Line::from(Span::styled(r.title.clone(), theme.title())),
        Line::from(Span::styled(meta.join(" · "), theme.dim())),
    ]
}

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let is_focused = focused(app, Focus::Reader);
    let Some((report, current)) = app.selected_passage() else {
        let block = panel(theme, Span::styled(" Reader ", theme.title()), is_focused);
        frame.render_widget(
            Paragraph::new(Span::styled(
                "Select a result to read it here.",
                theme.dim(),
            ))
            .block(block),
            area,
        );
        return;
    };
    let title = Line::from(vec![
        Span::styled(" Reader ", theme.title()),
        Span::styled(
            format!("{} · n/N next/previous match ", current.id),
            theme.dim(),
        ),
    ]);
    let block = panel(theme, title, is_focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The report's details stay put; its text scrolls beneath them.
    let mut header = report_header(report, theme);
    let mut details = vec![
        current
            .section
            .clone()
            .unwrap_or_else(|| "(no section)".to_string()),
    ];
    if !current.themes.is_empty() {
        details.push(format!("themes: {}", current.themes.join(", ")));
    }
    if app.basket.contains(&current.id) {
        details.push("✓ in basket".to_string());
    }
    header.push(Line::from(Span::styled(
        details.join(" · "),
        theme.accent(),
    )));
    let header = Paragraph::new(header).wrap(Wrap { trim: true });
    let header_h = (header.line_count(inner.width) as u16).min(inner.height / 2);
    let parts = Layout::vertical([
        Constraint::Length(header_h),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .split(inner);
    frame.render_widget(header, parts[0]);
    let body = parts[2];
    // The current passage's place in its report, checked against its id
    // (a file changed under the index may have moved it).
    let at = app
        .results
        .hits
        .get(app.selected)
        .and_then(|hit| app.index.local_of(hit.ord))
        .filter(|&k| report.passages.one(k).is_some_and(|p| p.id == current.id));
    let (lines, scroll) = window(
        report,
        at,
        &app.results.terms,
        theme,
        body.width,
        usize::from(app.reader_scroll) + usize::from(body.height),
        app.reader_scroll,
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        body,
    );
}

/// The report's text from just above the current passage (the one at `found`
/// in the report) down to as far as `rows` rows below where the view starts,
/// and the scroll that puts the passage two rows down plus the reader's own
/// scrolling. Only what can be on screen is laid out, and only those passages
/// are read (each alone where the index allows), so a long report costs no
/// more per frame, or on first showing, than a short one. With no current
/// passage (the file changed under the index), the report from its top.
fn window(
    report: &Report,
    found: Option<usize>,
    terms: &Terms,
    theme: &Theme,
    width: u16,
    rows: usize,
    reader_scroll: u16,
) -> (Vec<Line<'static>>, u16) {
    // A pane with no width never fills: lay out nothing rather than read
    // every passage of the report.
    if width == 0 {
        return (Vec::new(), 0);
    }
    let passages = &report.passages;
    let k = found.unwrap_or(0);
    // One passage above gives the two rows of context (its text and a blank).
    let first = k.saturating_sub(1);
    let mut section = first
        .checked_sub(1)
        .and_then(|i| passages.one(i))
        .and_then(|p| p.section.as_deref());
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut height = 0usize;
    let mut above_current = 0usize;
    let shown = (first..passages.count()).map_while(|i| Some((i, passages.one(i)?)));
    for (i, p) in shown {
        let mut chunk: Vec<Line<'static>> = Vec::new();
        if p.section.as_deref() != section {
            section = p.section.as_deref();
            if let Some(s) = section {
                chunk.push(Line::from(Span::styled(format!("## {s}"), theme.title())));
            }
        }
        if found == Some(i) {
            // A long heading may wrap.
            above_current = height
                + Paragraph::new(chunk.clone())
                    .wrap(Wrap { trim: false })
                    .line_count(width);
        }
        let base = if found == Some(i) {
            theme.current_passage()
        } else {
            theme.base()
        };
        chunk.push(passage_line(p, terms, base, theme));
        chunk.push(Line::from(""));
        height += Paragraph::new(chunk.clone())
            .wrap(Wrap { trim: false })
            .line_count(width);
        lines.extend(chunk);
        if i >= k && height >= above_current.saturating_sub(2) + rows {
            break;
        }
    }
    let scroll = (above_current.saturating_sub(2) as u16).saturating_add(reader_scroll);
    (lines, scroll)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use evidence::corpus::Corpus;
    use ratatui::buffer::Buffer;
    use ratatui::widgets::Widget;

    /// The whole report laid out, as the reader did before it laid out a window.
    fn whole(
        report: &Report,
        current: &Passage,
        terms: &Terms,
        theme: &Theme,
        width: u16,
        reader_scroll: u16,
    ) -> (Vec<Line<'static>>, u16) {
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut section: Option<&str> = None;
        let mut before = 0;
        for p in report.passages.iter() {
            if p.section.as_deref() != section {
                section = p.section.as_deref();
                if let Some(s) = section {
                    lines.push(Line::from(format!("## {s}")).style(theme.title()));
                }
            }
            let base = if p.id == current.id {
                before = lines.len();
                theme.current_passage()
            } else {
                theme.base()
            };
            lines.push(passage_line(p, terms, base, theme));
            lines.push(Line::from(""));
        }
        let above = Paragraph::new(lines[..before].to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width);
        (
            lines,
            (above.saturating_sub(2) as u16).saturating_add(reader_scroll),
        )
    }

    fn draw((lines, scroll): (Vec<Line<'static>>, u16), width: u16, height: u16) -> Buffer {
        let area = Rect::new(0, 0, width, height);
        let mut buffer = Buffer::empty(area);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .render(area, &mut buffer);
        buffer
    }

    #[test]
    fn the_window_shows_what_the_whole_report_would() {
        let corpus = Corpus::bundled();
        let report = corpus
            .reports
            .iter()
            .max_by_key(|r| r.passages.len())
            .unwrap();
        let theme = Theme { color: false };
        let terms = Terms::default();
        let n = report.passages.len();
        assert!(n > 30, "a long report: {n} passages");
        // The last case: a passage the report no longer has (its file
        // changed under the index) shows the report from the top.
        let elsewhere = corpus.reports.iter().find(|r| r.id != report.id).unwrap();
        for k in [0, 1, 2, n / 2, n - 2, n - 1, n] {
            let current = report.passages.get(k).unwrap_or(&elsewhere.passages[0]);
            assert!(
                window(report, Some(k.min(n - 1)), &terms, &theme, 0, 10, 0)
                    .0
                    .is_empty()
            );
            for (width, height) in [(30, 8), (70, 20), (150, 45)] {
                for scroll in [0, 3, 40] {
                    let windowed = window(
                        report,
                        (k < n).then_some(k),
                        &terms,
                        &theme,
                        width,
                        usize::from(scroll) + usize::from(height),
                        scroll,
                    );
                    if height == 8 && scroll == 0 {
                        assert!(
                            windowed.0.len() <= 12,
                            "laid out {} lines",
                            windowed.0.len()
                        );
                    }
                    assert_eq!(
                        draw(windowed, width, height),
                        draw(
                            whole(report, current, &terms, &theme, width, scroll),
                            width,
                            height
                        ),
                        "passage {k} at {width}×{height}, scrolled {scroll}"
                    );
                }
            }
        }
    }
}

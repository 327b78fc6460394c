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
    let mut lines: Vec<Line> = Vec::new();
    let mut section: Option<&str> = None;
    let mut before_current: Option<usize> = None;
    for p in &report.passages {
        if p.section.as_deref() != section {
            section = p.section.as_deref();
            if let Some(s) = section {
                lines.push(Line::from(Span::styled(format!("## {s}"), theme.title())));
            }
        }
        let is_current = p.id == current.id;
        if is_current {
            before_current = Some(lines.len());
        }
        let base = if is_current {
            theme.current_passage()
        } else {
            theme.base()
        };
        lines.push(passage_line(p, &app.results.terms, base, theme));
        lines.push(Line::from(""));
    }
    // Scroll so the passage starts two rows down, whatever the wrapping.
    let target = before_current
        .map(|n| {
            Paragraph::new(lines[..n].to_vec())
                .wrap(Wrap { trim: false })
                .line_count(parts[2].width)
        })
        .unwrap_or(0);
    let scroll = (target.saturating_sub(2) as u16).saturating_add(app.reader_scroll);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        parts[2],
    );
}

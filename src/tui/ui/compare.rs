//! Key messages side by side: a column per report (its key sections' passages)
//! or, for one theme, a column per report holding that theme's passages.

use super::{centered, columns, panel};
use crate::tui::app::{App, MAX_COMPARED, MIN_COMPARED};
use crate::tui::layout::reader::passage_line;
use crate::tui::theme::Theme;
use evidence::corpus::{Passage, Report};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let parts = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).split(area);
    let heading = match &app.compare.theme {
        Some(t) => format!(
            "Compare: theme “{}” across reports",
            app.corpus()
                .theme(t)
                .map_or(t.as_str(), |t| t.label.as_str())
        ),
        None => "Compare: key messages side by side".to_string(),
    };
    let link = if app.compare.linked {
        "linked"
    } else {
        "unlinked"
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(heading, theme.title()),
            Span::styled(
                format!("  ·  scrolling {link} (u) · p choose · ←/→ column · Esc back"),
                theme.dim(),
            ),
        ])),
        parts[0],
    );
    let cols = app.compare_columns();
    if cols.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "Nothing to compare: press p to choose.",
                theme.dim(),
            )),
            parts[1],
        );
        return;
    }
    // With a theme, many reports may qualify: show as many as fit at a time,
    // the focused one last.
    let first = app
        .compare
        .column
        .saturating_sub(MAX_COMPARED - 1)
        .min(cols.len().saturating_sub(MAX_COMPARED));
    let shown: Vec<_> = cols
        .iter()
        .enumerate()
        .skip(first)
        .take(MAX_COMPARED)
        .collect();
    let rects = columns(parts[1], shown.len());
    for ((i, (report, passages)), rect) in shown.into_iter().zip(rects) {
        let focused = i == app.compare.column;
        let title = Line::from(vec![
            Span::styled(format!(" {} ", report.short_title), theme.title()),
            Span::styled(format!("{} ", report.date_label()), theme.dim()),
        ]);
        let scroll = app.compare.scroll.get(i).copied().unwrap_or(0);
        frame.render_widget(
            Paragraph::new(column_lines(app, theme, report, passages))
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0))
                .block(panel(theme, title, focused)),
            rect,
        );
    }
}

/// A column's text: the report's key sections named (when comparing
/// reports), then its passages, ✓ on those in the basket.
fn column_lines(
    app: &App,
    theme: &Theme,
    report: &Report,
    passages: &[&Passage],
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    if app.compare.theme.is_none() && !report.key_sections.is_empty() {
        lines.push(Line::from(Span::styled(
            report.key_sections.join(" · "),
            theme.dim(),
        )));
        lines.push(Line::from(""));
    }
    for p in passages {
        let mut line = passage_line(p, &app.search.results.terms, theme.base(), theme);
        if app.basket.contents.contains(&p.id) {
            line.spans
                .insert(0, Span::styled("✓ ", theme.basket_mark()));
        }
        lines.push(line);
        lines.push(Line::from(""));
    }
    lines
}

pub fn draw_picker(frame: &mut Frame, app: &App, theme: &Theme, size: Rect) {
    let area = centered(size, 60, size.height.saturating_sub(4));
    frame.render_widget(Clear, area);
    let block = panel(theme, Span::styled(" Compare ", theme.title()), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let how = Paragraph::new(Span::styled(
        format!(
            "Space ticks {MIN_COMPARED}–{MAX_COMPARED} reports and Enter compares their key messages; Enter on a theme compares it across reports."
        ),
        theme.dim(),
    ))
    .wrap(Wrap { trim: true });
    let how_rows = u16::try_from(how.line_count(inner.width))
        .unwrap_or(u16::MAX)
        .min(inner.height / 2);
    let [how_area, _, inner] = Layout::vertical([
        Constraint::Length(how_rows),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(how, how_area);
    let mut lines = vec![Line::from(Span::styled("Reports", theme.dim()))];
    let reports = app.corpus().reports.len();
    let mut cursor_line = 0;
    for (i, r) in app.corpus().reports.iter().enumerate() {
        let tick = if app.compare.ticked.contains(&r.id) {
            "[x]"
        } else {
            "[ ]"
        };
        let style = if i == app.compare.picker {
            theme.selected()
        } else {
            theme.base()
        };
        if i == app.compare.picker {
            cursor_line = lines.len();
        }
        lines.push(Line::from(Span::styled(
            format!("{tick} {}", r.short_title),
            style,
        )));
    }
    lines.push(Line::from(Span::styled("Themes", theme.dim())));
    for (j, t) in app.corpus().themes.iter().enumerate() {
        let style = if reports + j == app.compare.picker {
            theme.selected()
        } else {
            theme.base()
        };
        if reports + j == app.compare.picker {
            cursor_line = lines.len();
        }
        lines.push(Line::from(Span::styled(format!("  → {}", t.label), style)));
    }
    let offset = cursor_line.saturating_sub(inner.height.saturating_sub(1) as usize);
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
}

//! Key messages side by side: a column per report (its key sections' passages)
//! or, for one theme, a column per report holding that theme's passages;
//! each column headed by its report's short title, date and organisation,
//! each passage by its id, the one under the cursor marked. Which columns
//! are shown, and where, is [`crate::tui::layout::compare`].

use super::{centered, ellipsized, panel};
use crate::tui::app::{App, MAX_COMPARED, MIN_COMPARED};
use crate::tui::layout::Layout as Screen;
use crate::tui::layout::compare::column_lines;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &Screen) {
    let Some(seen) = &layout.compare else {
        return;
    };
    let heading = match &app.compare.theme {
        Some(t) => format!(
            "Compare: theme “{}” across reports",
            app.corpus()
                .theme(t)
                .map_or(t.as_str(), |t| t.label.as_str())
        ),
        None => "Compare: key messages side by side".to_string(),
    };
    let shown = if seen.total == 0 {
        String::new()
    } else {
        format!(
            " · columns {}–{} of {}",
            seen.first + 1,
            seen.first + seen.columns.len(),
            seen.total
        )
    };
    // The column count is what the heading is for when it is narrow: the
    // theme's name gives way first.
    let heading = ellipsized(
        &heading,
        usize::from(seen.heading.width).saturating_sub(shown.chars().count()),
    );
    let link = if app.compare.linked {
        "linked"
    } else {
        "unlinked"
    };
    // The keys, as many as the row has room for after the heading: the
    // ways out (choose again, back) are the last to go.
    let room = usize::from(seen.heading.width)
        .saturating_sub(heading.chars().count() + shown.chars().count());
    let keys = [
        format!(
            "  ↑↓ passage · ←→ column · Space basket · Enter read · u scrolling {link} · p choose · Esc back"
        ),
        format!("  ↑↓ ←→ move · Space basket · Enter read · u {link} · p choose · Esc back"),
        "  Space basket · Enter read · p choose · Esc back".to_string(),
        "  p choose · Esc back".to_string(),
    ]
    .into_iter()
    .find(|k| k.chars().count() <= room)
    .unwrap_or_else(|| ellipsized("  p choose · Esc back", room));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(heading, theme.title()),
            Span::styled(shown, theme.accent()),
            Span::styled(keys, theme.dim()),
        ])),
        seen.heading,
    );
    let cols = app.compare_columns();
    if cols.is_empty() {
        let below = Rect {
            y: seen.heading.y + 1,
            height: layout.main.height.saturating_sub(1),
            ..layout.main
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                "Nothing to compare: press p to choose.",
                theme.dim(),
            )),
            below,
        );
        return;
    }
    for shown in &seen.columns {
        let Some((report, passages)) = cols.get(shown.index) else {
            continue;
        };
        let focused = shown.index == app.compare.column && app.overlays.is_empty();
        let title = Span::styled(
            format!(
                " {} ",
                ellipsized(
                    &report.short_title,
                    usize::from(shown.area.width).saturating_sub(4)
                )
            ),
            theme.title(),
        );
        frame.render_widget(panel(theme, title, focused), shown.area);
        // The date first: a long organisation is cut, the date never.
        let mut byline = vec![report.date_label()];
        // A report that names no key-messages section is compared whole:
        // say so, before the organisation, which is the first to be cut;
        // in a narrow column, in two words.
        if app.compare.theme.is_none() && report.key_sections.is_empty() {
            let width = usize::from(shown.byline.width);
            let long = "all passages (no key-messages section)";
            let fits = byline[0].chars().count() + 3 + long.chars().count() <= width;
            byline.push(if fits { long } else { "all passages" }.to_string());
        }
        byline.extend(report.attribution());
        frame.render_widget(
            Paragraph::new(Span::styled(
                ellipsized(&byline.join(" · "), usize::from(shown.byline.width)),
                theme.dim(),
            )),
            shown.byline,
        );
        let cursor = app.compare.cursor_of(shown.index);
        let (lines, _) = column_lines(app, theme, passages, Some(cursor), shown.body.width);
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((app.compare.scroll_of(shown.index), 0)),
            shown.body,
        );
    }
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

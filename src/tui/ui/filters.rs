//! The filter panel: reports and themes, each with its live count, marked when
//! included (+) or excluded (−).

use super::{focused, panel};
use crate::tui::app::{App, Focus, Mark};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let is_focused = focused(app, Focus::Filters);
    let block = panel(theme, Span::styled(" Filters ", theme.title()), is_focused);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let count_of = |id: &str, is_report: bool| {
        let list = if is_report {
            &app.search.results.facets.reports
        } else {
            &app.search.results.facets.themes
        };
        list.iter().find(|(x, _)| x == id).map_or(0, |(_, n)| *n)
    };
    let entries = app.filter_entries();
    let reports = app.corpus().reports.len();
    let mut lines: Vec<Line> = Vec::new();
    // Counts are disjunctive: a report's count leaves the report filters
    // out (how many it would add if chosen), a theme's the theme filters.
    // With such a filter on, the heading says so, as counts that do not add
    // up to the results' total would otherwise look wrong.
    let filters = &app.search.filters;
    let heading = |name: &'static str, on: bool| {
        if on {
            format!("{name}, all counted")
        } else {
            name.to_string()
        }
    };
    for (i, (id, label, is_report)) in entries.iter().enumerate() {
        if i == 0 {
            let on = !filters.reports.is_empty() || !filters.not_reports.is_empty();
            lines.push(Line::from(Span::styled(
                heading("Reports", on),
                theme.dim(),
            )));
        }
        if i == reports {
            let on = !filters.themes.is_empty() || !filters.not_themes.is_empty();
            lines.push(Line::from(Span::styled(heading("Themes", on), theme.dim())));
        }
        let mark = app.search.mark(id, *is_report);
        let (sign, style) = match mark {
            Mark::Included => ("+", theme.included()),
            Mark::Excluded => ("−", theme.excluded()),
            Mark::None => (" ", theme.base()),
        };
        let count = count_of(id, *is_report).to_string();
        let room = width.saturating_sub(count.len() + 3);
        let name = super::ellipsized(label, room);
        let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
        let mut row_style = style;
        if is_focused && i == app.search.filter_cursor {
            row_style = row_style.patch(theme.selected());
        }
        let count_style = if count == "0" {
            theme.dim()
        } else {
            theme.base()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{sign} {name}{} ", " ".repeat(pad)), row_style),
            Span::styled(
                count,
                count_style.patch(if is_focused && i == app.search.filter_cursor {
                    theme.selected()
                } else {
                    theme.base()
                }),
            ),
        ]));
    }
    let offset = crate::tui::layout::filter_offset(app, inner.height);
    // Rows out of sight are said on the border, as the map says its
    // themes out of sight: the last themes are easily missed otherwise.
    let above = offset;
    let below = lines
        .len()
        .saturating_sub(offset + usize::from(inner.height));
    let mut block = block;
    if above + below > 0 && inner.height > 0 {
        let mut said = Vec::new();
        if above > 0 {
            said.push(format!("↑ {above}"));
        }
        if below > 0 {
            said.push(format!("↓ {below} more"));
        }
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {} ", said.join(" · ")), theme.dim()))
                .right_aligned(),
        );
    }
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((offset as u16, 0))
            .block(block),
        area,
    );
}

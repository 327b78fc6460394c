//! The status line: a message if there is one, else the active filters, the
//! basket's size and the main keys.

use crate::tui::app::{App, filter_descriptions};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let line = if let Some(message) = &app.message {
        Line::from(Span::styled(message.clone(), theme.accent()))
    } else {
        let mut spans = Vec::new();
        let filters = filter_descriptions(&app.filters);
        if !filters.is_empty() {
            spans.push(Span::styled(
                format!("filters: {}  ", filters.join("; ")),
                theme.included(),
            ));
        }
        spans.push(Span::styled(
            format!("basket: {}  ", app.basket.excerpts.len()),
            theme.basket_mark(),
        ));
        if app.searching {
            spans.push(Span::styled("searching…  ", theme.dim()));
        }
        spans.push(Span::styled(
            "Tab panes · Enter open · Space basket · f filters · c compare · m map · b basket · e export · ? help · q quit",
            theme.dim(),
        ));
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

//! The notes overlay: the search's notes whole (what was searched for which
//! word, what was left out), which the results pane may have had to cut.

use super::panel;
use crate::tui::app::App;
use crate::tui::layout::notes;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, size: Rect, scroll: u16) {
    let area = notes::area(app, size);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(notes::lines(app))
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(notes::scroll_max(app)), 0))
            .block(panel(
                theme,
                " The search's notes (↑↓ scroll · Esc closes) ",
                true,
            )),
        area,
    );
}

//! The status line: a message if there is one (on up to three rows when it is
//! long, as the layout gives it), else the way back to the map (for a map
//! cell's passages), the active filters, the workspace and its basket's
//! size, and the main keys.

use crate::tui::app::{App, Screen};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let line = if let Some(message) = &app.message {
        Line::from(Span::styled(message.clone(), theme.accent()))
    } else {
        let n = app.basket.contents.excerpts.len();
        let basket = Span::styled(
            match &app.basket.workspace {
                Some(name) => format!("workspace: {name} · basket: {n}  "),
                None => format!("basket: {n}  "),
            },
            theme.basket_mark(),
        );
        let searching = app
            .search
            .searching
            .then(|| Span::styled("searching…  ", theme.dim()));
        let mut spans = Vec::new();
        if app.search.from_map.is_some() {
            spans.push(Span::styled("Esc back to the map  ", theme.accent()));
        }
        let filters = app.filter_words();
        if !filters.is_empty() {
            // Cut short, so that help and quit stay on the line.
            let used: usize = spans.iter().map(Span::width).sum();
            let room = usize::from(area.width).saturating_sub(
                used + basket.width()
                    + searching.as_ref().map_or(0, Span::width)
                    + ALWAYS.len()
                    + 4,
            );
            // Too little room to say anything: the results' title has them.
            if room >= FILTERS_MIN_COLS {
                let text = format!("filtered: {}", filters.join(", "));
                spans.push(Span::styled(
                    super::ellipsized(&text, room) + "  ",
                    theme.included(),
                ));
            }
        }
        spans.push(basket);
        spans.extend(searching);
        let used: usize = spans.iter().map(Span::width).sum();
        // The search screen's keys on the search screen only: every other
        // screen names its own in its title.
        let keys = if app.screen == Screen::Search {
            hints(usize::from(area.width).saturating_sub(used))
        } else {
            ALWAYS.to_string()
        };
        spans.push(Span::styled(keys, theme.dim()));
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), area);
}

/// The fewest columns in which the status line names the filters (less
/// would show "filtered: Bud…").
const FILTERS_MIN_COLS: usize = 24;

/// The keys the status line always shows.
const ALWAYS: &str = "? help · q quit";

/// The main keys, as many as fit in `room` columns: the first ones, then
/// help and quit, which are always there.
fn hints(room: usize) -> String {
    const KEYS: [&str; 8] = [
        "Tab panes",
        "Enter open",
        "Space basket",
        "f filters",
        "c compare",
        "m map",
        "b basket",
        "e export",
    ];
    let last = ALWAYS;
    let mut out = String::new();
    for key in KEYS {
        if out.chars().count() + key.chars().count() + 3 + last.chars().count() > room {
            break;
        }
        out.push_str(key);
        out.push_str(" · ");
    }
    out + last
}

#[cfg(test)]
mod tests {
    use super::hints;

    #[test]
    fn the_hints_fit_and_always_end_with_help_and_quit() {
        assert_eq!(
            hints(200),
            "Tab panes · Enter open · Space basket · f filters · c compare · m map · b basket · e export · ? help · q quit"
        );
        for room in [15, 40, 80, 100] {
            let h = hints(room);
            assert!(h.chars().count() <= room, "{h:?} in {room}");
            assert!(h.ends_with("? help · q quit"));
        }
        assert_eq!(hints(40), "Tab panes · Enter open · ? help · q quit");
    }
}

//! The status line: a message if there is one (on up to five rows when it is
//! long, as the layout gives it), else the way back to the map (for a map
//! cell's passages), the active filters (unless the results pane or the
//! map's title says them), the workspace and its basket's size, and the
//! main keys.

use crate::tui::app::{App, Focus, Screen};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

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
        // In the query bar every letter is typed: its keys are others.
        let typing =
            app.screen == Screen::Search && app.focus == Focus::Query && app.overlays.is_empty();
        let always = if typing {
            TYPING_ALWAYS
        } else if !app.overlays.is_empty() {
            OVERLAY
        } else {
            ALWAYS
        };
        let mut spans = Vec::new();
        if app.search.from_map.is_some() && app.overlays.is_empty() {
            spans.push(Span::styled("Esc back to the map  ", theme.accent()));
        }
        // The search screen's results pane says the filters in its title
        // (cut short in a small one), and the map's title says them:
        // said here too, they would be read twice or three times over.
        // With a box over the results, this line is where they are read.
        let shown_above =
            matches!(app.screen, Screen::Search | Screen::Map) && app.overlays.is_empty();
        // Comparing reports and the basket are not filtered: said there, the
        // filters read as if they were.
        let not_filtered = matches!(app.screen, Screen::Compare | Screen::Basket);
        let filters = if shown_above || not_filtered {
            Vec::new()
        } else {
            app.filter_words()
        };
        if !filters.is_empty() {
            // Cut short, so that help and quit stay on the line.
            let used: usize = spans.iter().map(Span::width).sum();
            let room = usize::from(area.width).saturating_sub(
                used + basket.width()
                    + searching.as_ref().map_or(0, Span::width)
                    + always.chars().count()
                    + 4,
            );
            // Too little room to say anything: they are left out.
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
        let room = usize::from(area.width).saturating_sub(used);
        let keys = if typing {
            fit_keys(&TYPING_KEYS, TYPING_ALWAYS, room)
        } else if !app.overlays.is_empty() {
            // A box has the keys (its own are in its frame): `q` or `?`
            // would close it or be typed, not quit or open help.
            OVERLAY.to_string()
        } else if app.screen == Screen::Search && app.focus == Focus::Filters {
            fit_keys(&FILTER_KEYS, ALWAYS, room)
        } else if app.screen == Screen::Search {
            hints(room)
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

/// What the status line shows while a box (help, filters, a prompt) is open.
const OVERLAY: &str = "Esc close";

/// The keys that work while the query bar has them (letters are typed).
const TYPING_KEYS: [&str; 3] = ["Enter or ↓ results", "Tab panes", "Ctrl-R history"];

/// What the status line always shows while the query bar has the keys.
const TYPING_ALWAYS: &str = "F1 help · Ctrl-C quit";

/// The keys of the filter panel, where Space (and Enter, and `+`) include
/// the entry, not collect a passage.
const FILTER_KEYS: [&str; 5] = [
    "Tab panes",
    "Space or + include",
    "x exclude",
    "X clear all",
    "m map",
];

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
    fit_keys(&KEYS, ALWAYS, room)
}

/// As many of `keys` as fit in `room` columns with `last` after them.
fn fit_keys(keys: &[&str], last: &str, room: usize) -> String {
    let first = super::keys_that_fit(keys, room.saturating_sub(last.width() + 3));
    if first.is_empty() {
        last.to_string()
    } else {
        format!("{first} · {last}")
    }
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

    #[test]
    fn the_keys_while_typing_name_no_letter() {
        let keys = super::fit_keys(&super::TYPING_KEYS, super::TYPING_ALWAYS, 200);
        assert_eq!(
            keys,
            "Enter or ↓ results · Tab panes · Ctrl-R history · F1 help · Ctrl-C quit"
        );
        assert!(
            super::fit_keys(&super::TYPING_KEYS, super::TYPING_ALWAYS, 30)
                .ends_with("F1 help · Ctrl-C quit")
        );
    }
}

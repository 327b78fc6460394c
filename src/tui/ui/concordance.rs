//! The words-in-context screen: a header (how many occurrences in how many
//! passages and reports, the order, how far the count has got), the lines
//! (left context right-aligned, the match in one column, the right context,
//! the report's short title and passage id), and the collocates panel.
//! Only the lines in view are cut to fit, from passages the worker has
//! already read.

use super::{fit, panel};
use crate::tui::app::{App, COLLOCATE_WINDOW};
use crate::tui::layout::concordance::areas;
use crate::tui::layout::ellipsized_start;
use crate::tui::theme::Theme;
use evidence::search::kwic::{CollocateSort, Sort};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The widest the match column is drawn.
const MATCH_COLS: usize = 24;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, main: Rect) {
    let k = &app.concordance;
    let a = areas(app, main);
    let title = Line::from(vec![
        Span::styled(format!(" Words in context: {} ", k.query), theme.title()),
        Span::styled(
            "1-5 order · C collocates · Enter read · Space basket · y copy · Esc back ",
            theme.dim(),
        ),
    ]);
    frame.render_widget(panel(theme, title, !k.collocates_focused), a.pane);
    let mut header = vec![Line::from(Span::styled(header(app), theme.title()))];
    if !k.notes.is_empty() {
        header.push(Line::from(Span::styled(
            format!("note: {}", k.notes.join("; ")),
            theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(header), a.header);
    if let Some(why) = &k.failed {
        frame.render_widget(
            Paragraph::new(Span::styled(why.clone(), theme.warning())).wrap(Wrap { trim: true }),
            a.lines,
        );
    } else if k.finished && k.lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                if app.search.filters.is_empty() {
                    "No occurrences: no passage has the query's words."
                } else {
                    "No occurrences: the query's words are in no passage within the filters."
                },
                theme.dim(),
            ))
            .wrap(Wrap { trim: true }),
            a.lines,
        );
    } else {
        frame.render_widget(Paragraph::new(lines(app, theme, a.lines)), a.lines);
    }
    if let (Some(p), Some(rows)) = (a.panel, a.collocates) {
        draw_collocates(frame, app, theme, p, rows);
    }
}

/// "37 occurrences in 20 passages of 3 reports, by the word to the left",
/// and how far the count has got while it runs.
fn header(app: &App) -> String {
    let k = &app.concordance;
    let t = k.totals();
    let n = |count: usize, one: &str| evidence::english::plural(count, one);
    let percent = (k.done * 100).checked_div(k.passages).unwrap_or(100);
    if !k.finished && k.sort.needs_all() {
        return format!(
            "{}… {} found so far ({percent}% of {} read)",
            capitalised(k.sort.describe()),
            k.counted,
            n(k.passages, "passage"),
        );
    }
    let mut line = format!(
        "{} in {} of {}, {}",
        n(t.occurrences, "occurrence"),
        n(t.passages, "passage"),
        n(t.reports, "report"),
        k.sort.describe()
    );
    if !k.finished {
        line.push_str(&format!(" · counting… {percent}% of passages read"));
    }
    line
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The lines in view, aligned.
fn lines(app: &App, theme: &Theme, area: Rect) -> Vec<Line<'static>> {
    let k = &app.concordance;
    if k.sort != Sort::Report && !k.finished {
        return Vec::new();
    }
    let rows = usize::from(area.height);
    let width = usize::from(area.width);
    let top = k.top.min(k.lines.len().saturating_sub(1));
    let shown: Vec<_> = k.lines.iter().enumerate().skip(top).take(rows).collect();
    // The report's short title and the passage id; only the id (which
    // names the report too) when the titles would take over a third; and
    // a synonym's mark without the word it stands for when even that
    // would (the match's colour and the mark still tell it apart).
    let tail_of = |o: &evidence::search::kwic::Occurrence, titled: bool, labelled: bool| {
        app.index.passage(o.ord).map_or_else(String::new, |(r, p)| {
            let mut mark = k
                .synonym_of(o)
                .map(|s| {
                    if labelled {
                        format!("≈{s} ")
                    } else {
                        "≈".to_string()
                    }
                })
                .unwrap_or_default();
            // Collected: Space here would take it out of the basket.
            if app.basket.contents.contains(&p.id) {
                mark.insert_str(0, "✓ ");
            }
            if titled {
                format!("{mark}{} {}", r.short_title, p.id)
            } else {
                format!("{mark}{}", p.id)
            }
        })
    };
    let widest = |tails: &[String]| tails.iter().map(|t| t.width()).max().unwrap_or(0);
    let mut tails: Vec<String> = shown.iter().map(|(_, o)| tail_of(o, true, true)).collect();
    for (titled, labelled) in [(false, true), (false, false)] {
        if widest(&tails) <= width / 3 {
            break;
        }
        tails = shown
            .iter()
            .map(|(_, o)| tail_of(o, titled, labelled))
            .collect();
    }
    // An id is given the room it needs, up to half the line; beyond that it
    // loses its start, never its end (a cut `…/14` must not read `…/1`).
    let tail_cols = widest(&tails).min(width / 2);
    let contexts: Vec<_> = shown
        .iter()
        .map(|(_, o)| app.index.occurrence_context(o, width))
        .collect();
    let match_cols = contexts
        .iter()
        .map(|c| c.matched.width())
        .max()
        .unwrap_or(0)
        .min(MATCH_COLS);
    let side = width.saturating_sub(match_cols + tail_cols + 2) / 2;
    shown
        .iter()
        .zip(tails)
        .map(|(&(i, o), tail)| {
            let text = app
                .index
                .passage(o.ord)
                .map_or("", |(_, p)| p.text.as_str());
            let c = evidence::search::kwic::context(text, o.start, o.end, side);
            // A long match (a synonym's phrase) is cut with `…`: cut bare,
            // `hospita` reads as a word of the text.
            let matched = super::ellipsized(&c.matched, match_cols);
            let used = matched.width();
            // The right context has the room a short match leaves too.
            let right_cols = side + match_cols - used;
            let wider = evidence::search::kwic::context(text, o.start, o.end, right_cols);
            let (right, right_used) = fit(&wider.right, right_cols);
            let tail = ellipsized_start(&tail, tail_cols);
            let tail_used = tail.width();
            let selected = i == k.selected;
            let base = if selected {
                theme.selected()
            } else {
                Style::default()
            };
            let hit = if k.synonym_of(o).is_some() {
                theme.accent()
            } else {
                theme.highlight()
            };
            Line::from(vec![
                Span::styled(c.left_aligned_to(side), base),
                Span::styled(matched, base.patch(hit)),
                Span::styled(right, base),
                Span::styled(" ".repeat(right_cols - right_used + 2), base),
                Span::styled(
                    format!("{tail}{}", " ".repeat(tail_cols - tail_used)),
                    base.patch(theme.dim()),
                ),
            ])
        })
        .collect()
}

fn draw_collocates(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, rows: Rect) {
    let k = &app.concordance;
    let order = match k.collocate_order {
        CollocateSort::Score => "by score",
        CollocateSort::Count => "by count",
    };
    let title = Line::from(vec![
        Span::styled(format!(" Collocates ±{COLLOCATE_WINDOW} "), theme.title()),
        Span::styled(format!("{order} · o · Enter adds "), theme.dim()),
    ]);
    frame.render_widget(panel(theme, title, k.collocates_focused), area);
    let width = usize::from(rows.width);
    let numbers = 6 + 5 + 8;
    let word_cols = width.saturating_sub(numbers).max(4);
    let names = Rect {
        y: rows.y.saturating_sub(1),
        height: 1,
        ..rows
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "{:<word_cols$}{:>6}{:>5}{:>8}",
                "word", "count", "pass", "log-lik"
            ),
            theme.dim(),
        )),
        names,
    );
    let Some(found) = &k.collocates else {
        let why = if k.failed.is_some() {
            ""
        } else if k.finished {
            "counting…"
        } else {
            "waiting for every occurrence…"
        };
        frame.render_widget(Paragraph::new(Span::styled(why, theme.dim())), rows);
        return;
    };
    if found.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("no words near the matches", theme.dim())),
            rows,
        );
        return;
    }
    let lines: Vec<Line<'static>> = found
        .iter()
        .enumerate()
        .skip(k.collocate_top)
        .take(usize::from(rows.height))
        .map(|(i, c)| {
            let (word, used) = fit(&c.word, word_cols.saturating_sub(1));
            let style = if i == k.collocate_selected && k.collocates_focused {
                theme.selected()
            } else {
                Style::default()
            };
            Line::from(Span::styled(
                format!(
                    "{word}{}{:>6}{:>5}{:>8.1}",
                    " ".repeat(word_cols - used),
                    c.count,
                    c.passages,
                    c.score
                ),
                style,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
}

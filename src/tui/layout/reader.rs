//! The reader's text laid out: the selected passage's report around it,
//! from a few rows of context above to the bottom of the pane, with its
//! details on top. Drawing shows what [`window`] lays out, and moving in the
//! reader keeps its scroll within what [`window`] can show, so the two agree
//! on where the report starts and ends. The lines carry the theme's styles;
//! styles take no room, so any theme measures the same.

use crate::tui::app::App;
use crate::tui::theme::Theme;
use evidence::corpus::{EmphasisStyle, Passage, Report};
use evidence::search::snippet::{self, Terms};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Spans of `text` with each byte range's style layered on `base`.
pub fn layered(text: &str, base: Style, layers: &[(usize, usize, Style)]) -> Vec<Span<'static>> {
    let ranges: Vec<(usize, usize)> = layers.iter().map(|&(a, b, _)| (a, b)).collect();
    snippet::pieces(text, &ranges)
        .into_iter()
        .map(|(a, b)| {
            let style = layers
                .iter()
                .filter(|&&(la, lb, _)| la <= a && b <= lb)
                .fold(base, |style, &(_, _, s)| style.patch(s));
            Span::styled(text[a..b].to_string(), style)
        })
        .collect()
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
    let mut spans = vec![Span::styled(p.block.lead(), base)];
    spans.extend(layered(&p.text, base, &layers));
    Line::from(spans)
}

/// The report's details: title, organisation, authors, date, kind.
pub fn report_header(r: &Report, theme: &Theme) -> Vec<Line<'static>> {
    let mut meta = r.byline();
    // A web page's address is part of how it is cited.
    if let Some(url) = &r.source.url {
        meta.push(url.clone());
    }
    vec![
        Line::from(Span::styled(r.title.clone(), theme.title())),
        Line::from(Span::styled(meta.join(" · "), theme.dim())),
    ]
}

/// The most rows the passage before the selected one may take (its heading,
/// if it opens a section, its text and the blank after it) to be shown
/// whole above it before the reader is scrolled: a short lead-in ("The
/// review found:") is what a list item needs to be read, while the tail of
/// a long passage would only be a fragment ("work.") that reads as if the
/// reader had opened in the wrong place. Longer, the view starts with the
/// selected passage (or the heading of the section it opens).
const LEAD_IN_ROWS: usize = 4;

/// The most rows a lead-in may take in a text area `height` rows tall: at
/// most half of it, so that in a short pane (an 80×24 terminal leaves the
/// reader three or four rows of text) the selected passage is what the
/// view opens on, not the one before it.
fn lead_in_rows(height: u16) -> usize {
    LEAD_IN_ROWS.min(usize::from(height) / 2)
}

/// Rows of one page that a page key leaves in view on the next, so that
/// the reading carries on from a line already seen.
const PAGE_KEPT: u16 = 2;

/// Where the reader's text goes inside its pane's borders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderText {
    /// The report's details, which stay put.
    pub header: Rect,
    /// The report's text, which scrolls.
    pub body: Rect,
}

impl ReaderText {
    /// Rows a page key scrolls: the text's height less [`PAGE_KEPT`].
    pub fn page(&self) -> i32 {
        i32::from(self.body.height.saturating_sub(PAGE_KEPT)).max(1)
    }
}

/// The report's details shown over the text: its title, byline and the
/// passage's section, themes and whether it is in the basket, in `area`.
/// When they would wrap to more rows than the area has, the title and
/// byline take one row each, cut with `…`, so that what is the passage's
/// own (its section and themes) is what stays whole.
pub fn header(
    app: &App,
    theme: &Theme,
    report: &Report,
    current: &Passage,
    area: Rect,
) -> Paragraph<'static> {
    let full = header_lines(app, theme, report, current);
    if full.line_count(area.width) <= usize::from(area.height) {
        return full;
    }
    let mut lines = report_header(report, theme);
    for line in &mut lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let style = line.spans.first().map(|s| s.style).unwrap_or_default();
        *line = Line::from(Span::styled(
            crate::tui::ui::ellipsized(&text, usize::from(area.width)),
            style,
        ));
    }
    let details = details_line(app, theme, current);
    if details.width() > 0 {
        lines.push(details);
    }
    Paragraph::new(lines).wrap(Wrap { trim: true })
}

/// The header with every line whole, wrapped.
fn header_lines(
    app: &App,
    theme: &Theme,
    report: &Report,
    current: &Passage,
) -> Paragraph<'static> {
    let mut header = report_header(report, theme);
    // A passage with no section, pages or themes, not in the basket, has
    // no details: no empty row for them.
    let details = details_line(app, theme, current);
    if details.width() > 0 {
        header.push(details);
    }
    Paragraph::new(header).wrap(Wrap { trim: true })
}

/// The passage's section, pages, themes and whether it is in the basket.
fn details_line(app: &App, theme: &Theme, current: &Passage) -> Line<'static> {
    // A passage before the report's first heading has no section to name;
    // a list item's lead-in is shown above it, as the passage it is.
    let mut details: Vec<String> = current.heading().map(str::to_string).into_iter().collect();
    if let Some(pages) = current.pages {
        details.push(pages.locator());
    }
    if !current.themes.is_empty() {
        details.push(format!("themes: {}", current.themes.join(", ")));
    }
    if app.basket.contents.contains(&current.id) {
        details.push("✓ in basket".to_string());
    }
    Line::from(Span::styled(details.join(" · "), theme.accent()))
}

/// The reader's text areas inside `inner` (the pane less its borders) when
/// a passage is selected: the header as tall as it wraps to (at most half
/// the pane), a blank row, and the text below.
pub fn areas(app: &App, inner: Rect) -> Option<ReaderText> {
    let (report, current) = app.read_passage()?;
    let most = Rect {
        height: inner.height / 2,
        ..inner
    };
    let header = header(app, &Theme { color: false }, report, current, most);
    let header_h = (header.line_count(inner.width) as u16).min(most.height);
    let parts = Layout::vertical([
        Constraint::Length(header_h),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .split(inner);
    Some(ReaderText {
        header: parts[0],
        body: parts[2],
    })
}

/// The reader's scroll after a move: `to` gets the scroll now and the rows
/// of a page, and gives the scroll wanted. The answer stays within the
/// report, from its first line at the top of the text's area to its last
/// line at the bottom.
pub fn scroll(app: &App, text: ReaderText, to: impl FnOnce(i32, i32) -> i32) -> i32 {
    let Some((report, current)) = app.read_passage() else {
        return 0;
    };
    let wanted = to(app.reader.scroll, text.page());
    window(
        report,
        place(app, report, current),
        &app.search.results.terms,
        &Theme { color: false },
        (text.body.width, text.body.height),
        wanted,
    )
    .scroll
}

/// The reader's scroll that brings the first highlighted word of the
/// passage being read into view, a third of the way down the text's area;
/// `None` when it is in view already from the passage's own start (or the
/// passage has no highlighted word). A long passage's match can be pages
/// below where it starts.
pub fn scroll_to_match(app: &App, text: ReaderText) -> Option<i32> {
    let (report, current) = app.read_passage()?;
    let terms = &app.search.results.terms;
    let (first, _) = snippet::highlights(&current.text, terms)
        .into_iter()
        .next()?;
    // The rows the passage takes up to the word: styles take no room, so
    // the text before it wraps as it does in the whole passage (the last
    // row perhaps one word shorter).
    let mut before = current.clone();
    before.text.truncate(first);
    before.emphasis.clear();
    let line = passage_line(&before, terms, Style::default(), &Theme { color: false });
    let row = Paragraph::new(line)
        .wrap(Wrap { trim: false })
        .line_count(text.body.width)
        .saturating_sub(1);
    let row = i32::try_from(row).unwrap_or(i32::MAX / 2);
    let rows = i32::from(text.body.height);
    let context =
        place(app, report, current).map_or(0, |k| rows_above(report, k, terms, text.body));
    let context = i32::try_from(context).unwrap_or(i32::MAX / 2);
    (context + row >= rows - 1).then(|| context + row - rows / 3)
}

/// The rows above the text of passage `k` in a view that is not scrolled
/// (as [`window`] lays it out at `width`): the heading of the section it
/// opens, or the lead-in before it (see [`LEAD_IN_ROWS`]), or none.
fn rows_above(report: &Report, k: usize, terms: &Terms, area: Rect) -> usize {
    let width = area.width;
    let passages = &report.passages;
    let section = |i: usize| {
        passages
            .one(i)
            .and_then(|p| p.heading().map(str::to_string))
    };
    let Some(current) = passages.one(k) else {
        return 0;
    };
    let before = k.checked_sub(1);
    let plain = Theme { color: false };
    let rows = |lines: Vec<Line<'static>>| {
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .line_count(width)
    };
    let heading = |s: &str| Line::from(s.to_string());
    if before.map_or(current.heading().is_some(), |j| {
        section(j).as_deref() != current.heading()
    }) {
        return current.heading().map_or(0, |s| rows(vec![heading(s)]));
    }
    let Some((j, p)) = before.and_then(|j| Some((j, passages.one(j)?))) else {
        return 0;
    };
    let mut lines = Vec::with_capacity(3);
    let opens = j.checked_sub(1).map_or(p.heading().is_some(), |i| {
        section(i).as_deref() != p.heading()
    });
    if opens && let Some(s) = p.heading() {
        lines.push(heading(s));
    }
    lines.push(passage_line(p, terms, Style::default(), &plain));
    lines.push(Line::from(""));
    let r = rows(lines);
    if r <= lead_in_rows(area.height) { r } else { 0 }
}

/// The current passage's place in its report, checked against its id (a
/// file changed under the index may have moved it).
pub fn place(app: &App, report: &Report, current: &Passage) -> Option<usize> {
    app.read_ord()
        .and_then(|ord| app.index.local_of(ord))
        .filter(|&k| report.passages.one(k).is_some_and(|p| p.id == current.id))
}

/// What the reader shows of a report.
pub struct View {
    /// The report's text from some passage on, laid out.
    pub lines: Vec<Line<'static>>,
    /// The row of `lines` at the top of the pane.
    pub top: u16,
    /// The reader's scroll that gives `top`, once kept within the report.
    pub scroll: i32,
}

/// The report's text around the current passage (the one at `found` in the
/// report), for a pane of `(width, height)` scrolled `scroll` rows from
/// where it starts (see [`LEAD_IN_ROWS`]). Only the passages from the
/// current one to the bottom of the view are read (each alone where the
/// index allows) and laid out, so a long report costs no more per frame, or
/// on first showing, than a short one; scrolled up, it reads back only as
/// far as the view goes, and scrolled down, the passages it passes are
/// measured but not kept. With no current passage (the file changed under
/// the index), the report from its top.
///
/// Long for a function: one walk back and one walk forward over the
/// passages share the running counts (rows laid, rows dropped, where the
/// passage starts); split up, each piece would take them all.
pub fn window(
    report: &Report,
    found: Option<usize>,
    terms: &Terms,
    theme: &Theme,
    (width, height): (u16, u16),
    scroll: i32,
) -> View {
    // A pane with no width never fills: lay out nothing rather than read
    // every passage of the report.
    if width == 0 {
        return View {
            lines: Vec::new(),
            top: 0,
            scroll: 0,
        };
    }
    let passages = &report.passages;
    let rows = |lines: &[Line<'static>]| {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width)
    };
    let section_before = |i: usize| {
        i.checked_sub(1)
            .and_then(|j| passages.one(j))
            .and_then(|p| p.heading())
    };
    // A passage's lines: the heading of the section it opens, if it opens
    // one, its text and a blank.
    let chunk = |i: usize, p: &Passage, opens: bool| {
        let mut lines = Vec::with_capacity(3);
        if opens && let Some(s) = p.heading() {
            lines.push(Line::from(Span::styled(s.to_string(), theme.heading())));
        }
        let base = if found == Some(i) {
            theme.current_passage()
        } else {
            theme.base()
        };
        lines.push(passage_line(p, terms, base, theme));
        lines.push(Line::from(""));
        lines
    };
    let k = found.unwrap_or(0);
    // Back from the current passage far enough for a lead-in above it, and
    // for as far as the view is scrolled up.
    let want_above =
        LEAD_IN_ROWS + usize::try_from(scroll.min(0).unsigned_abs()).unwrap_or(usize::MAX);
    let mut first = k;
    let mut above = 0;
    while first > 0 && above < want_above {
        let Some(p) = passages.one(first - 1) else {
            break;
        };
        first -= 1;
        above += rows(&chunk(first, p, p.heading() != section_before(first)));
    }
    let mut section = section_before(first);
    // The chunks laid out, each with the row it ends on; those that end
    // above any view this call can show are measured but not kept.
    let mut kept: std::collections::VecDeque<(Vec<Line<'static>>, usize)> =
        std::collections::VecDeque::new();
    let mut dropped = 0usize;
    let mut laid = 0usize;
    // The row the view starts on unscrolled (see [`LEAD_IN_ROWS`]), and
    // the rows of the chunk before the one being laid.
    let mut start_row = 0usize;
    let mut before_rows: Option<usize> = None;
    let mut to_end = true;
    let shown = (first..passages.count()).map_while(|i| Some((i, passages.one(i)?)));
    for (i, p) in shown {
        let opens = p.heading() != section;
        section = p.heading();
        let c = chunk(i, p, opens);
        let here = rows(&c);
        if found == Some(i) {
            start_row = match before_rows {
                Some(r) if !opens && r <= lead_in_rows(height) => laid - r,
                _ => laid,
            };
        }
        before_rows = Some(here);
        laid += here;
        kept.push_back((c, laid));
        let wanted = (start_row as i64 + i64::from(scroll)).max(0) as usize;
        if i >= k {
            // The view's top ends up at `wanted`, or higher only to put the
            // report's last line at the bottom: not above either bound.
            let above = wanted.min(laid.saturating_sub(usize::from(height)));
            while kept.len() > 1 && kept.front().is_some_and(|(_, end)| *end <= above) {
                if let Some((_, end)) = kept.pop_front() {
                    dropped = end;
                }
            }
            if laid >= wanted.saturating_add(usize::from(height)) {
                to_end = false;
                break;
            }
        }
    }
    let start = start_row as i64;
    let mut top = (start + i64::from(scroll)).max(0);
    if to_end {
        // The report's last line at the bottom of the pane, at most: a
        // passage near the end shows with more of the report above it, not
        // with blank rows below.
        let end_top = laid as i64 - i64::from(height);
        if end_top < top && end_top < 0 && first > 0 {
            // More of the report above than was laid out: again, from there.
            let scroll = i32::try_from(end_top - start).unwrap_or(i32::MIN / 2);
            return window(report, found, terms, theme, (width, height), scroll);
        }
        top = top.min(end_top.max(0));
    }
    View {
        lines: kept.into_iter().flat_map(|(c, _)| c).collect(),
        top: u16::try_from(top - dropped as i64).unwrap_or(u16::MAX),
        scroll: i32::try_from(top - start).unwrap_or(scroll),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use evidence::corpus::Corpus;
    use ratatui::buffer::Buffer;
    use ratatui::widgets::Widget;

    /// The whole report laid out, as the reader did before it laid out a
    /// window, and the row at the top of a pane `height` rows high: the
    /// passage at the top, or its section's heading, or the passage before
    /// it when that is a short lead-in; scrolled by `scroll` within the
    /// report.
    fn whole(
        report: &Report,
        current: &Passage,
        terms: &Terms,
        theme: &Theme,
        (width, height): (u16, u16),
        scroll: i32,
    ) -> (Vec<Line<'static>>, u16) {
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut section: Option<&str> = None;
        // Where each passage's lines start (its heading, if any), and
        // whether it opens a section.
        let mut starts: Vec<(usize, bool)> = Vec::new();
        let mut current_at = None;
        for p in report.passages.iter() {
            let opens = p.heading() != section;
            starts.push((lines.len(), opens));
            if opens {
                section = p.heading();
                if let Some(s) = section {
                    lines.push(Line::from(s.to_string()).style(theme.heading()));
                }
            }
            let base = if p.id == current.id {
                current_at = Some(starts.len() - 1);
                theme.current_passage()
            } else {
                theme.base()
            };
            lines.push(passage_line(p, terms, base, theme));
            lines.push(Line::from(""));
        }
        let rows = |lines: &[Line<'static>]| {
            Paragraph::new(lines.to_vec())
                .wrap(Wrap { trim: false })
                .line_count(width) as i64
        };
        let start = match current_at {
            None => 0,
            Some(k) => {
                let (at, opens) = starts[k];
                let before = k.checked_sub(1).map(|j| starts[j].0);
                match before {
                    Some(b) if !opens && rows(&lines[b..at]) <= lead_in_rows(height) as i64 => {
                        rows(&lines[..b])
                    }
                    _ => rows(&lines[..at]),
                }
            }
        };
        let end = (rows(&lines) - i64::from(height)).max(0);
        let top = (start + i64::from(scroll)).clamp(0, end);
        (lines, top as u16)
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

    /// The bundled report with the most passages.
    fn longest(corpus: &Corpus) -> &Report {
        corpus
            .reports
            .iter()
            .max_by_key(|r| r.passages.len())
            .unwrap()
    }

    #[test]
    fn the_window_shows_what_the_whole_report_would() {
        let corpus = Corpus::bundled();
        let report = longest(&corpus);
        let theme = Theme { color: false };
        let terms = Terms::default();
        let n = report.passages.len();
        assert!(n > 30, "a long report: {n} passages");
        // The last case: a passage the report no longer has (its file
        // changed under the index) shows the report from the top.
        let elsewhere = corpus.reports.iter().find(|r| r.id != report.id).unwrap();
        for k in [0, 1, 2, n / 2, n - 2, n - 1, n] {
            let current = report.passages.get(k).unwrap_or(&elsewhere.passages[0]);
            let found = (k < n).then_some(k);
            let none = window(report, found, &terms, &theme, (0, 10), 0);
            assert!(none.lines.is_empty());
            for size in [(30, 8), (52, 3), (70, 20), (150, 45)] {
                for scroll in [0, 3, 40, -1, -5, -40, i32::MIN / 2, i32::MAX / 2] {
                    let view = window(report, found, &terms, &theme, size, scroll);
                    // Scrolled far down, the passages passed are not kept.
                    assert!(
                        scroll < 0 || view.lines.len() <= 3 * usize::from(size.1) + 6,
                        "kept {} lines at {size:?}, scrolled {scroll}",
                        view.lines.len()
                    );
                    if size.1 == 8 && scroll == 0 {
                        assert!(
                            view.lines.len() <= 12,
                            "laid out {} lines",
                            view.lines.len()
                        );
                    }
                    let (lines, top) = whole(report, current, &terms, &theme, size, scroll);
                    let context = format!("passage {k} at {size:?}, scrolled {scroll}");
                    assert_eq!(
                        draw((view.lines, view.top), size.0, size.1),
                        draw((lines, top), size.0, size.1),
                        "{context}"
                    );
                    // Scrolled as far as it went, the view is the same.
                    let again = window(report, found, &terms, &theme, size, view.scroll);
                    assert_eq!(
                        (again.top, again.scroll),
                        (view.top, view.scroll),
                        "{context}"
                    );
                }
            }
        }
    }

    /// A short passage before the selected one in its section is shown
    /// above it as its lead-in when the pane has room, and left above the
    /// view when it would take half of the pane: in a short pane the view
    /// opens on the passage the reader's title names.
    #[test]
    fn a_short_pane_opens_on_the_selected_passage_not_its_lead_in() {
        let corpus = Corpus::bundled();
        let (theme, terms) = (Theme { color: false }, Terms::default());
        let width = 52;
        let rows = |p: &Passage| {
            Paragraph::new(vec![passage_line(p, &terms, Style::default(), &theme)])
                .wrap(Wrap { trim: false })
                .line_count(width)
        };
        // A passage whose predecessor, in the same section, takes two rows.
        let (report, k) = corpus
            .reports
            .iter()
            .flat_map(|r| (1..r.passages.len()).map(move |k| (r, k)))
            .find(|&(r, k)| {
                let (before, current) = (&r.passages[k - 1], &r.passages[k]);
                before.heading() == current.heading()
                    && rows(before) == 2
                    && k + 3 < r.passages.len()
            })
            .unwrap();
        let first_row = |height: u16| {
            let view = window(report, Some(k), &terms, &theme, (width, height), 0);
            let buffer = draw((view.lines, view.top), width, height);
            (0..width)
                .map(|x| buffer[(x, 0)].symbol().to_string())
                .collect::<String>()
        };
        let opening = |p: &Passage| -> String {
            let line = passage_line(p, &terms, Style::default(), &theme);
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let current = opening(&report.passages[k]);
        let before = opening(&report.passages[k - 1]);
        assert!(first_row(3).contains(&current), "{:?}", first_row(3));
        assert!(first_row(5).contains(&current), "{:?}", first_row(5));
        assert!(first_row(20).contains(&before), "{:?}", first_row(20));
    }

    #[test]
    fn the_reader_scrolls_from_the_top_of_the_report_to_its_end() {
        let corpus = Corpus::bundled();
        let report = longest(&corpus);
        let (theme, terms) = (Theme { color: false }, Terms::default());
        let k = report.passages.len() / 2;
        let size = (70, 20);
        let top = window(report, Some(k), &terms, &theme, size, i32::MIN / 2);
        assert_eq!(top.top, 0, "the report's first line at the top");
        assert!(top.scroll < 0);
        let first = &report.passages[0];
        let text = |v: View| {
            let buffer = draw((v.lines, v.top), size.0, size.1);
            buffer
                .content()
                .iter()
                .map(|c| c.symbol())
                .collect::<String>()
        };
        let words: String = first
            .text
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text(top).contains(&words),
            "the top shows the first passage"
        );
        let end = window(report, Some(k), &terms, &theme, size, i32::MAX / 2);
        let last = report.passages.last().unwrap();
        let words: String = last
            .text
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let shown = text(end);
        assert!(shown.contains(&words), "the end shows the last passage");
        assert!(!shown.trim_end().is_empty());
        // One row further down changes nothing.
        let end = window(report, Some(k), &terms, &theme, size, i32::MAX / 2);
        let past = window(report, Some(k), &terms, &theme, size, end.scroll + 1);
        assert_eq!(past.top, end.top);
    }
}

//! A page's furniture: running headers and footers and page numbers,
//! told from the text and removed, and the numbers the pages print, by
//! which passages are cited.

use super::{Line, Page, body_size};
use std::collections::{HashMap, HashSet};

/// A line's text with its numbers as `#`, for telling a running header
/// that repeats with only its page number changed.
fn shape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else if !c.is_whitespace() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A line that is only a page number: `12`, `- 12 -`, `Page 12`, `12 of 40`, `xii`.
pub(super) fn page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '|' || c.is_whitespace())
        .to_ascii_lowercase();
    let t = t.strip_prefix("page").map(str::trim).unwrap_or(&t);
    let mut words = t.split([' ', '/']).filter(|w| !w.is_empty() && *w != "of");
    let roman = |w: &str| !w.is_empty() && w.len() <= 6 && w.chars().all(|c| "ivxlc".contains(c));
    let number = |w: &str| {
        !w.is_empty() && w.len() <= 5 && w.chars().all(|c| c.is_ascii_digit()) || roman(w)
    };
    match (words.next(), words.next(), words.next()) {
        (Some(a), None, _) => number(a),
        (Some(a), Some(b), None) => number(a) && number(b),
        _ => false,
    }
}

/// The number a page-number line prints (`3`, `Page 3 of 9`, `- 3 -`), if
/// it is in Arabic figures (front matter's `xii` has none).
fn printed_number(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| !w.is_empty())
        .and_then(|w| w.parse().ok())
}

/// How a document's printed page numbers run from its pages' places in
/// the file: the difference `place - printed` that the pages printing a
/// number agree on (at least two of them, and four in five), when it is not
/// zero. A report with a cover and front matter prints 1 on its fifth page
/// (4); a chapter taken from a book prints 45 on its first (-44).
pub(super) fn printed_offset(printed: &[(u32, u32)]) -> Option<i64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for &(place, number) in printed {
        *counts
            .entry(i64::from(place) - i64::from(number))
            .or_default() += 1;
    }
    let (&offset, &n) = counts.iter().max_by_key(|&(k, n)| (*n, -k.abs()))?;
    (offset != 0 && n >= 2 && n * 5 >= printed.len() * 4).then_some(offset)
}

/// Removes running headers and footers and page numbers: lines near the
/// top or bottom of a page that repeat (numbers aside) on half the pages
/// or more, or are only a page number. Returns the numbers the removed
/// page-number lines printed, with their pages' places in the file.
pub(super) fn strip_running(pages: &[Page], lines: &mut [Vec<Line>]) -> Vec<(u32, u32)> {
    let mut printed = Vec::new();
    // The lines at a page's edges: the two highest and two lowest rows,
    // if they are in the outer sixth of the page.
    let edge = |page: &Page, ls: &[Line]| -> Vec<usize> {
        let height = (page.top - page.bottom).max(1.0);
        let mut rows: Vec<f64> = ls.iter().map(|l| l.y).collect();
        rows.sort_by(|a, b| b.total_cmp(a));
        rows.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        let mut picked: Vec<f64> = rows.iter().take(2).copied().collect();
        picked.extend(rows.iter().rev().take(2));
        ls.iter()
            .enumerate()
            .filter(|(_, l)| {
                let near_edge = l.y > page.top - height / 6.0 || l.y < page.bottom + height / 6.0;
                near_edge && picked.iter().any(|y| (y - l.y).abs() < 2.0)
            })
            .map(|(i, _)| i)
            .collect()
    };
    let edges: Vec<Vec<usize>> = pages
        .iter()
        .zip(lines.iter())
        .map(|(p, ls)| edge(p, ls))
        .collect();
    // How many pages have each edge line: word for word, and numbers aside.
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut exact: HashMap<String, usize> = HashMap::new();
    for (ls, idx) in lines.iter().zip(&edges) {
        let shapes: HashSet<String> = idx.iter().map(|&i| shape(&ls[i].text)).collect();
        for s in shapes {
            *counts.entry(s).or_default() += 1;
        }
        let texts: HashSet<String> = idx
            .iter()
            .map(|&i| ls[i].text.trim().to_lowercase())
            .collect();
        for t in texts {
            *exact.entry(t).or_default() += 1;
        }
    }
    let with_text = lines.iter().filter(|ls| !ls.is_empty()).count();
    let often = |n: usize| n >= 2 && n * 2 >= with_text && with_text >= 2;
    let body = body_size(&lines.iter().flatten().cloned().collect::<Vec<_>>());
    // The last line of text on the page before, once its furniture is
    // gone: a paragraph it leaves unfinished carries on at the top of the
    // next page, in a line that may stand alone in the margin.
    let mut unfinished = false;
    for ((ls, idx), page) in lines.iter_mut().zip(&edges).zip(pages) {
        let highest = ls
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .map(|l| l.y)
            .fold(f64::NEG_INFINITY, f64::max);
        let furniture: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| {
                let l = &ls[i];
                // A line the same on every page is furniture. One that
                // differs by a number (`Page 3 of 9`, `Case study 3`) is
                // furniture only when it looks it: no larger than the body
                // type and set apart from the text, not a heading or the
                // first line of a paragraph.
                let same = exact
                    .get(&l.text.trim().to_lowercase())
                    .is_some_and(|&n| often(n));
                let numbered = counts.get(&shape(&l.text)).is_some_and(|&n| often(n))
                    && set_apart(ls, i, body);
                let carried = unfinished && (l.y - highest).abs() < 0.5;
                page_number(&l.text) || same || numbered || (isolated(page, ls, i) && !carried)
            })
            .collect();
        if let Some(n) = furniture
            .iter()
            .find(|&&i| page_number(&ls[i].text))
            .and_then(|&i| printed_number(&ls[i].text))
        {
            printed.push((page.number, n));
        }
        for i in furniture {
            ls[i].text.clear();
        }
        if let Some(last) = ls
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .min_by(|a, b| a.y.total_cmp(&b.y))
        {
            unfinished = !ends_sentence(&last.text);
        }
    }
    printed
}

/// Whether a line ends as a sentence or paragraph does.
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', '"', '”'])
}

/// A line in small or body type with a gap to the nearest line above or
/// below wider than a paragraph's line spacing: how a running header or
/// footer sits, where a heading is larger and a paragraph's line is close.
fn set_apart(ls: &[Line], i: usize, body: f64) -> bool {
    let l = &ls[i];
    l.size <= body * 1.05 && nearest_row(ls, i) > 1.6 * l.size.max(body)
}

/// How far line `i` is from the nearest line of text on another row, above
/// or below.
fn nearest_row(ls: &[Line], i: usize) -> f64 {
    let l = &ls[i];
    ls.iter()
        .enumerate()
        .filter(|(j, m)| *j != i && (m.y - l.y).abs() > 0.5 * l.size && !m.text.is_empty())
        .map(|(_, m)| (m.y - l.y).abs())
        .fold(f64::INFINITY, f64::min)
}

/// A short line in the page's outer margin (its top or bottom 6 %), well
/// apart from every other line: a header or footer, even on a page that is
/// the only one to have it.
fn isolated(page: &Page, ls: &[Line], i: usize) -> bool {
    let l = &ls[i];
    let height = (page.top - page.bottom).max(1.0);
    let margin = l.y > page.top - 0.06 * height || l.y < page.bottom + 0.06 * height;
    // Not a sentence of several words (a paragraph's last line, or a
    // short one, that a page break left alone), nor all the page has.
    let sentence = ends_sentence(&l.text) && l.text.split_whitespace().count() >= 5;
    let alone = ls
        .iter()
        .enumerate()
        .all(|(j, m)| j == i || m.text.trim().is_empty());
    margin
        && !sentence
        && !alone
        && l.text.chars().count() <= 80
        && nearest_row(ls, i) > 2.2 * l.size.max(8.0)
}

//! Reading order: a page's lines in rows, a table's cells joined, and two
//! columns read down one, then the other, between lines that cross the gap.

use super::Line;

/// Puts a page's lines in reading order, marking each line's column.
pub(super) fn reading_order(mut ls: Vec<Line>) -> Vec<Line> {
    ls.retain(|l| !l.text.is_empty());
    let by_y = |a: &Line, b: &Line| {
        let tolerance = 0.3 * a.size.min(b.size);
        if (a.y - b.y).abs() <= tolerance {
            a.x0.total_cmp(&b.x0)
        } else {
            b.y.total_cmp(&a.y)
        }
    };
    let Some(gutter) = gutter(&ls) else {
        ls.sort_by(by_y);
        return merge_rows(ls);
    };
    for l in &mut ls {
        l.column = if l.x1 <= gutter {
            1
        } else if l.x0 >= gutter {
            2
        } else {
            0
        };
    }
    ls.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut out = Vec::with_capacity(ls.len());
    let mut band: Vec<Line> = Vec::new();
    let flush = |band: &mut Vec<Line>, out: &mut Vec<Line>| {
        let mut left: Vec<Line> = band.iter().filter(|l| l.column == 1).cloned().collect();
        let mut right: Vec<Line> = band.iter().filter(|l| l.column == 2).cloned().collect();
        left.sort_by(by_y);
        right.sort_by(by_y);
        out.extend(merge_rows(left));
        out.extend(merge_rows(right));
        band.clear();
    };
    for l in ls {
        if l.column == 0 {
            flush(&mut band, &mut out);
            out.push(l);
        } else {
            band.push(l);
        }
    }
    flush(&mut band, &mut out);
    out
}

/// Joins segments on the same row of the same column (words a layout
/// spaced widely, table cells). Segments set apart by more than a word
/// space are a table's cells, joined by " | ", unless every gap on the row
/// is about as wide as the others: that is justified text, whose word
/// spaces a narrow column stretches.
pub(super) fn merge_rows(ls: Vec<Line>) -> Vec<Line> {
    let mut rows: Vec<Vec<Line>> = Vec::new();
    for l in ls {
        if let Some(row) = rows.last_mut()
            && let Some(last) = row.last()
            && last.column == l.column
            && (last.y - l.y).abs() <= 0.3 * last.size.min(l.size)
            && l.x0 >= last.x1 - 0.5 * l.size
        {
            row.push(l);
            continue;
        }
        rows.push(vec![l]);
    }
    rows.into_iter().filter_map(join_row).collect()
}

/// One row's segments as one line (see [`merge_rows`]).
fn join_row(row: Vec<Line>) -> Option<Line> {
    let gaps: Vec<f64> = row.windows(2).map(|w| w[1].x0 - w[0].x1).collect();
    let wide = |gap: f64, size: f64| gap > 1.2 * size;
    let (least, most) = gaps
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &g| {
            (a.min(g), b.max(g))
        });
    let justified = gaps.len() >= 2 && least > 0.0 && most <= 1.5 * least;
    let mut segments = row.into_iter();
    let mut line = segments.next()?;
    for l in segments {
        if wide(l.x0 - line.x1, l.size) && !justified {
            line.text.push_str(" | ");
            line.table = true;
        } else {
            line.text.push(' ');
        }
        line.text.push_str(&l.text);
        line.x1 = l.x1;
    }
    Some(line)
}

/// The x of a gap between two columns, if the page has two: an x in the
/// middle of the text that few lines cross, with several lines wholly on
/// either side, side by side down the page.
fn gutter(ls: &[Line]) -> Option<f64> {
    if ls.len() < 4 {
        return None;
    }
    let left = ls.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    let right = ls.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    if width.is_nan() || width <= 50.0 {
        return None;
    }
    let crossing = |x: f64| ls.iter().filter(|l| l.x0 < x && l.x1 > x).count();
    // Runs of x with the same number of lines crossing them; the gap is the
    // run at least 4 points wide that the fewest lines cross (the widest of
    // those).
    let mut runs: Vec<(usize, f64, f64)> = Vec::new();
    let mut x = left + 0.3 * width;
    while x <= left + 0.7 * width {
        let n = crossing(x);
        match runs.last_mut() {
            Some(run) if run.0 == n && (run.2 - x).abs() < 1.5 => run.2 = x + 1.0,
            _ => runs.push((n, x, x + 1.0)),
        }
        x += 1.0;
    }
    let best = runs
        .into_iter()
        .filter(|r| r.2 - r.1 >= 4.0)
        .fold(None, pick);
    let (_, start, end) = best?;
    let g = (start + end) / 2.0;
    let lefts: Vec<&Line> = ls.iter().filter(|l| l.x1 <= g).collect();
    let rights: Vec<&Line> = ls.iter().filter(|l| l.x0 >= g).collect();
    if lefts.len() < 2 || rights.len() < 2 {
        return None;
    }
    // Columns are prose: most of their lines run most of a column's width.
    // A table's cells are short, and the gap between two of its columns is
    // no gutter.
    // A row's extent on one side (a row may come as several segments,
    // word by word in justified text).
    let prose = |side: &[&Line]| {
        let mut rows: Vec<(f64, f64, f64)> = Vec::new();
        for l in side {
            match rows.iter_mut().find(|r| (r.0 - l.y).abs() <= 0.3 * l.size) {
                Some(r) => {
                    r.1 = r.1.min(l.x0);
                    r.2 = r.2.max(l.x1);
                }
                None => rows.push((l.y, l.x0, l.x1)),
            }
        }
        rows.iter().filter(|r| r.2 - r.1 >= 0.3 * width).count() >= 2
    };
    if !prose(&lefts) || !prose(&rights) {
        return None;
    }
    let span = |side: &[&Line]| {
        let top = side.iter().map(|l| l.y).fold(f64::NEG_INFINITY, f64::max);
        let bottom = side.iter().map(|l| l.y).fold(f64::INFINITY, f64::min);
        (bottom, top)
    };
    let (lb, lt) = span(&lefts);
    let (rb, rt) = span(&rights);
    let (low, high) = (lb.max(rb), lt.min(rt));
    let overlap = high - low;
    // Few lines may cross the gap where the columns stand side by side; a
    // paragraph across the page above or below them (a lead, a heading, a
    // closing note) is its own band and does not count.
    let band = |l: &&Line| l.y >= low - 1.0 && l.y <= high + 1.0;
    let in_band = ls.iter().filter(band).count();
    let crossing_in_band = ls
        .iter()
        .filter(band)
        .filter(|l| l.x0 < g && l.x1 > g)
        .count();
    (overlap > 0.5 * (lt - lb).min(rt - rb) && crossing_in_band * 7 <= in_band).then_some(g)
}

/// Of two runs of x, the one with fewer crossing lines, then the wider.
fn pick(best: Option<(usize, f64, f64)>, run: (usize, f64, f64)) -> Option<(usize, f64, f64)> {
    match best {
        Some(b) if b.0 < run.0 || (b.0 == run.0 && b.2 - b.1 >= run.2 - run.1) => Some(b),
        _ => Some(run),
    }
}

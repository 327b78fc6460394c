//! Marking the passages of an imported markdown file: a marker comment
//! after each one's text, kept only where it leaves the text as it was.

use super::*;

/// Inserts `<!-- #ID -->` after each passage's last inline content, keeping
/// only markers that leave every passage's text as it was and add no problem.
/// (A marker can change the markdown around it: after a bare `1.` it makes a
/// list item, its `-->` closes a `<!--` in the text, and next to some raw HTML
/// it ends up on a line of its own.) A passage with a marker of its own keeps
/// it.
pub(super) fn insert_markers(
    body: &str,
    raw: &[RawPassage],
    ids: &[String],
    themes: &[Vec<String>],
) -> String {
    // What a body reads as: its passages' texts, and how many problems.
    let reading = |markdown: &str| -> (Vec<String>, usize) {
        let parsed = parse_file(Path::new("import.md"), markdown.as_bytes());
        let texts = parsed
            .report
            .map(|r| r.passages.iter().map(|p| p.text.clone()).collect())
            .unwrap_or_default();
        (texts, parsed.problems.len())
    };
    let layout: Vec<(&str, crate::corpus::Block)> = raw
        .iter()
        .map(|r| (r.passage.text.as_str(), r.passage.block))
        .collect();
    let mut lead_ins = crate::corpus::lead_ins(&layout);
    // A heading between a passage and the list after it ends the lead-in.
    for (i, pair) in raw.windows(2).enumerate() {
        if pair[0].heading != pair[1].heading {
            lead_ins[i] = false;
        }
    }
    let markers: Vec<String> = raw
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let id = ids
                .get(i)
                .cloned()
                .unwrap_or_else(|| r.passage.local_id().to_string());
            let mut words = vec![format!("#{id}")];
            if lead_ins[i] {
                words.push("lead-in".to_string());
            }
            words.extend(themes.get(i).into_iter().flatten().cloned());
            format!(" <!-- {} -->", words.join(" "))
        })
        .collect();
    let wanted: Vec<String> = raw.iter().map(|r| r.passage.text.clone()).collect();
    let (_, problems_before) = reading(body);
    let unchanged = |markdown: &str| {
        let (texts, problems) = reading(markdown);
        texts == wanted && problems <= problems_before
    };
    let mut keep: Vec<bool> = raw
        .iter()
        .map(|r| !r.has_marker && r.marker_at.is_some())
        .collect();
    let all = with_markers(body, raw, &keep, &markers);
    if unchanged(&all) {
        return all;
    }
    // Some marker changes the text: add them one at a time, keeping the safe
    // ones. (A passage without a marker keeps its position as its id.)
    if raw.len() > 2000 {
        return body.to_string();
    }
    let candidates: Vec<usize> = (0..raw.len()).filter(|&i| keep[i]).collect();
    keep.iter_mut().for_each(|k| *k = false);
    for i in candidates {
        keep[i] = true;
        if !unchanged(&with_markers(body, raw, &keep, &markers)) {
            keep[i] = false;
        }
    }
    with_markers(body, raw, &keep, &markers)
}

fn with_markers(body: &str, raw: &[RawPassage], keep: &[bool], markers: &[String]) -> String {
    let mut inserts: Vec<(usize, &str)> = raw
        .iter()
        .zip(keep)
        .zip(markers)
        .filter(|((_, keep), _)| **keep)
        .filter_map(|((r, _), m)| r.marker_at.map(|at| (at, m.as_str())))
        .collect();
    inserts.sort_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(body.len() + inserts.len() * 12);
    let mut last = 0;
    for (at, marker) in inserts {
        let at = at.min(body.len());
        if at < last || !body.is_char_boundary(at) {
            continue;
        }
        out.push_str(&body[last..at]);
        out.push_str(marker);
        last = at;
    }
    out.push_str(&body[last..]);
    out
}

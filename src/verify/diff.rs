//! A word diff of a quotation against the passage it quotes: the words
//! that differ, as `[-passage-] {+quote+}`, over the stretch of the passage
//! the quote stands for, not the whole passage.

use super::quote::{ELISIONS, words};

/// A word-level diff from `old` to `new`, in the `[-removed-] {+added+}`
/// form: equal stretches longer than a few words are cut to their ends.
/// With `quoted`, `new` is a quotation of part of `old`: only the stretch
/// of the passage it corresponds to is compared (see [`stretch`]), and
/// words skipped at an elision mark are shown as `[…]`.
pub(super) fn diff(old: &str, new: &str, quoted: bool) -> String {
    render(old, new, quoted, false)
}

/// How the stretch of a passage that a quotation was taken from reads now,
/// as `[-then-] {+now+}`: the quote's words are the passage's then, `now`
/// the passage's text now, and only the stretch the quote stands for is
/// compared, so the passage's words before and after the quote are not
/// shown as added.
pub(super) fn since(quote: &str, now: &str) -> String {
    render(now, quote, true, true)
}

/// The diff of [`diff`]; with `reverse`, `new` is shown as the earlier text
/// (`[-new-] {+old+}`).
fn render(old: &str, new: &str, quoted: bool, reverse: bool) -> String {
    use similar::{Algorithm, DiffOp, capture_diff_slices_by_key};
    let (removed, added) = if reverse {
        (("{+", "+}"), ("[-", "-]"))
    } else {
        (("[-", "-]"), ("{+", "+}"))
    };
    const CONTEXT: usize = 3;
    let mut old_w: Vec<&str> = old.split_whitespace().collect();
    // The quote's words, elision marks out, remembering where they were.
    let mut new_w: Vec<&str> = Vec::new();
    let mut elided_before: Vec<bool> = Vec::new();
    let mut pending = false;
    for w in new.split_whitespace() {
        if ELISIONS.contains(&w) {
            pending = true;
            continue;
        }
        new_w.push(w);
        elided_before.push(pending);
        pending = false;
    }
    let key = |w: &&str| words(w).concat();
    if quoted {
        let old_keys: Vec<String> = old_w.iter().map(key).collect();
        let new_keys: Vec<String> = new_w.iter().map(key).collect();
        let (start, end) = stretch(&old_keys, &new_keys, &elided_before);
        old_w = old_w[start..end].to_vec();
        // The stretch's last word without the punctuation that goes on
        // after the quote: `or [-3-] {+4+}`, not `[-3,-]`.
        if let Some(last) = old_w.last_mut() {
            let bare = last.trim_end_matches([',', ';', ':']);
            if !bare.is_empty() {
                *last = bare;
            }
        }
    }
    let mut ops = capture_diff_slices_by_key(Algorithm::Patience, &old_w, &new_w, key);
    if quoted {
        while matches!(ops.first(), Some(DiffOp::Delete { .. })) {
            ops.remove(0);
        }
        while matches!(ops.last(), Some(DiffOp::Delete { .. })) {
            ops.pop();
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let last = ops.len().saturating_sub(1);
    for (i, op) in ops.iter().enumerate() {
        match *op {
            DiffOp::Equal { new_index, len, .. } => {
                let run = &new_w[new_index..new_index + len];
                if run.len() > 2 * CONTEXT + 1 {
                    if i > 0 {
                        parts.push(run[..CONTEXT].join(" "));
                    }
                    parts.push("…".to_string());
                    if i < last {
                        parts.push(run[run.len() - CONTEXT..].join(" "));
                    }
                } else {
                    parts.push(run.join(" "));
                }
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                if quoted && elided_before.get(new_index) == Some(&true) {
                    parts.push("[…]".to_string());
                } else {
                    parts.push(format!(
                        "{}{}{}",
                        removed.0,
                        old_w[old_index..old_index + old_len].join(" "),
                        removed.1
                    ));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => parts.push(format!(
                "{}{}{}",
                added.0,
                new_w[new_index..new_index + new_len].join(" "),
                added.1
            )),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let old_words = old_w[old_index..old_index + old_len].join(" ");
                let new_words = new_w[new_index..new_index + new_len].join(" ");
                parts.push(if reverse {
                    format!("[-{new_words}-] {{+{old_words}+}}")
                } else {
                    format!("[-{old_words}-] {{+{new_words}+}}")
                });
            }
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// What a quote word the passage does not have (or has another word in
/// its place) costs a stretch, against one for a passage word the quote
/// leaves out: a quote that drops a clause from the middle without an
/// ellipsis is compared with the whole stretch it spans (the clause shown
/// as left out), not cut short where the clause starts, with its real
/// last words shown as changed into the clause's.
const ADDED: usize = 2;

/// The stretch of a passage's words (`start..end`) that a quotation's
/// words correspond to: the one they match at the least cost, where a
/// word changed or added costs [`ADDED`] and one left out costs one, and
/// the passage's words
/// before and after the stretch, and those skipped at an elision mark
/// (`elided_before[j]`: one before quote word `j`), cost nothing. So a
/// quote that starts with a word common in the passage (`The`), or whose
/// changed word is its first or last, is compared with the passage's
/// words it stands for, not with the passage from its start or to its end.
/// Of stretches that cost the same, the first, taking in a changed word at
/// either end rather than leaving it out.
fn stretch(passage: &[String], quote: &[String], elided_before: &[bool]) -> (usize, usize) {
    let (n, m) = (passage.len(), quote.len());
    if n == 0 || m == 0 {
        return (0, n);
    }
    let w = m + 1;
    // cost[i * w + j]: the quote's first `j` words against a stretch that
    // ends before passage word `i`.
    let mut cost = vec![0usize; (n + 1) * w];
    for (j, c) in cost.iter_mut().enumerate().take(w) {
        *c = j * ADDED;
    }
    let changed = |i: usize, j: usize| ADDED * usize::from(passage[i] != quote[j]);
    for i in 1..=n {
        for j in 1..=m {
            let matched = cost[(i - 1) * w + j - 1] + changed(i - 1, j - 1);
            let skipped = cost[(i - 1) * w + j]
                + usize::from(!elided_before.get(j).copied().unwrap_or(false));
            let added = cost[i * w + j - 1] + ADDED;
            cost[i * w + j] = matched.min(skipped).min(added);
        }
    }
    // The first end that costs least, then on while the cost stays.
    let at_end = |i: usize| cost[i * w + m];
    let Some(mut end) = (1..=n).min_by_key(|&i| (at_end(i), i)) else {
        return (0, n);
    };
    while end < n && at_end(end + 1) == at_end(end) {
        end += 1;
    }
    // Back to where it starts, a changed word before an added one.
    let (mut i, mut j) = (end, m);
    while i > 0 && j > 0 {
        let here = cost[i * w + j];
        if here == cost[(i - 1) * w + j - 1] + changed(i - 1, j - 1) {
            i -= 1;
            j -= 1;
        } else if here == cost[i * w + j - 1] + ADDED {
            j -= 1;
        } else {
            i -= 1;
        }
    }
    (i, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_left_out_without_an_ellipsis_is_shown_left_out() {
        let passage = "Boards considering a merger should first ask whether a looser form of \
                       collaboration, such as a clinical network or a shared service, would \
                       achieve the same goal with less risk.";
        let quote = "Boards considering a merger should first ask whether a looser form of \
                     collaboration would achieve the same goal with less risk";
        let d = diff(passage, quote, true);
        assert!(
            d.contains("[-such as a clinical network or a shared service,-]"),
            "{d}"
        );
        assert!(!d.contains("{+"), "{d}");
    }

    #[test]
    fn a_change_since_a_quote_is_of_the_stretch_quoted() {
        let now = "Costs were never properly recorded; the buddy trust absorbed roughly \
                   0.6 WTE of senior time without any recompense from the regulator.";
        let quote = "the buddy trust absorbed roughly 0.5 WTE of senior time";
        let d = since(quote, now);
        assert!(d.contains("[-0.5-] {+0.6+}"), "{d}");
        for outside in ["Costs", "recorded", "recompense", "regulator"] {
            assert!(!d.contains(outside), "{d}");
        }
    }

    #[test]
    fn a_diff_shows_the_changed_words_only() {
        let passage = "Buddying can be a distraction from core business and the capacity of the buddies should not be underestimated.";
        let quote = "the capacity of the buddies should never be underestimated";
        let d = diff(passage, quote, true);
        assert!(d.contains("[-not-] {+never+}"), "{d}");
        assert!(!d.contains("distraction"), "{d}");
    }

    #[test]
    fn a_diff_is_of_the_stretch_quoted_whatever_word_changed() {
        let passage = "The medical field: costs are soaring. The rates of failure and \
                       complication can vary by a factor of 2 or 3, even within the same hospital.";
        for (quote, want) in [
            (
                "The rates of failure and complication can vary by a factor of 2 or 4",
                "of 2 or [-3-] {+4+}",
            ),
            (
                "These rates of failure and complication can vary by a factor",
                "[-The-] {+These+} rates of failure …",
            ),
            (
                "The rates of failure … vary by a factor of 5 or 3",
                "of [-2-] {+5+} or 3",
            ),
        ] {
            let d = diff(passage, quote, true);
            assert!(d.starts_with(want) || d.ends_with(want), "{quote}: {d}");
            for outside in ["medical", "soaring", "even", "hospital"] {
                assert!(!d.contains(outside), "{quote}: {d}");
            }
        }
    }
}

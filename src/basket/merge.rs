//! Merging a basket with what another instance saved to its file since
//! this one last read or wrote it (see [`Basket::save`]): by passage id,
//! with the file as this instance last saw it as the common base.

use super::{Basket, Excerpt, Saved};
use std::collections::HashMap;

impl Basket {
    /// Three-way merge with `other` (the file now), the base being `self.seen`;
    /// what it did goes into `saved`.
    pub(super) fn merge(&mut self, other: &Basket, saved: &mut Saved) {
        let base = &self.seen.notes;
        let theirs: HashMap<&str, &Excerpt> = other
            .excerpts
            .iter()
            .map(|e| (e.passage_id.as_str(), e))
            .collect();
        let before = self.excerpts.len();
        saved.removed_there_too = base
            .keys()
            .filter(|id| !theirs.contains_key(id.as_str()) && !self.contains(id))
            .cloned()
            .collect();
        saved.removed_there_too.sort();
        // In the base but no longer in the file: the other instance removed
        // it, unless a note was written on it here since.
        self.excerpts.retain(|e| {
            let Some(b) = base.get(&e.passage_id) else {
                return true;
            };
            if theirs.contains_key(e.passage_id.as_str()) {
                return true;
            }
            let noted = e.note != *b && !e.note.trim().is_empty();
            if noted {
                saved.kept.push(e.passage_id.clone());
            }
            noted
        });
        saved.dropped = before - self.excerpts.len();
        for e in &mut self.excerpts {
            let Some(t) = theirs.get(e.passage_id.as_str()) else {
                continue;
            };
            // The other side took the corpus's text now (`basket update`),
            // or collected the passage again: its copy is the later one, and
            // only the note is merged below. Which is later is known from
            // what each replaced (`earlier`), and else from the day each
            // was collected.
            let theirs_later = if t.earlier.contains(&e.text) {
                true
            } else if e.earlier.contains(&t.text) {
                false
            } else {
                t.collected >= e.collected
            };
            if t.text != e.text && theirs_later {
                let note = std::mem::take(&mut e.note);
                *e = (*t).clone();
                e.note = note;
            }
            // Added on both sides since the base: the base had no note.
            let b = base.get(&e.passage_id).map_or("", String::as_str);
            if t.note == b || t.note == e.note {
                continue;
            }
            // What the other side joined of this side's earlier note, which
            // this side has since rewritten: not kept twice over.
            let their_note = match b.trim() {
                "" => t.note.clone(),
                old => t
                    .note
                    .replace(&format!(" (also noted elsewhere: {old})"), ""),
            };
            // Nor what the other side joined of this side's own words since.
            let their_note = without_ours(&their_note, &e.note);
            if e.note == b {
                e.note = t.note.clone();
            } else if t.note.trim().is_empty() || their_note == b || their_note == e.note {
                // Cleared there, or only this side's old note there:
                // the writing here stays.
            } else if e.note.trim().is_empty() {
                e.note = t.note.clone();
            } else {
                // Both sides added to the note they shared: what the other
                // added, not the shared note a second time.
                let added = added_to(&their_note, b).filter(|_| e.note.contains(b.trim()));
                match added {
                    Some("") => {}
                    Some(added) => {
                        e.note = format!("{} (also added elsewhere: {added})", e.note);
                        saved.joined.push(e.passage_id.clone());
                    }
                    None => {
                        e.note = format!("{} (also noted elsewhere: {their_note})", e.note);
                        saved.joined.push(e.passage_id.clone());
                    }
                }
            }
        }
        let mut merged = 0;
        for t in &other.excerpts {
            if let Some(b) = base.get(&t.passage_id) {
                // In the base but not here: this instance took it out,
                // unless a note was written on it there since, which
                // brings it back.
                if !self.contains(&t.passage_id) && t.note != *b && !t.note.trim().is_empty() {
                    self.excerpts.push(t.clone());
                    saved.restored.push(t.passage_id.clone());
                }
                continue;
            }
            // Not in the base: the other instance added it (this one too,
            // perhaps).
            if self.contains(&t.passage_id) {
                saved.added_there_too.push(t.passage_id.clone());
            } else {
                self.excerpts.push(t.clone());
                merged += 1;
            }
        }
        for q in &other.queries {
            if !self.queries.contains(q) {
                self.queries.push(q.clone());
            }
        }
        saved.merged = merged;
    }
}

/// What `note` adds to `base` when it keeps `base` whole, as words, at its
/// start or end (`base` written on, or written before), trimmed; `None`
/// when `base` is empty or `note` does not keep it so (`costs rose` does
/// not keep `cost`).
pub(super) fn added_to<'a>(note: &'a str, base: &str) -> Option<&'a str> {
    let base = base.trim();
    if base.is_empty() {
        return None;
    }
    let note = note.trim();
    let apart = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    if let Some(rest) = note.strip_prefix(base)
        && apart(rest.chars().next())
    {
        return Some(rest.trim());
    }
    note.strip_suffix(base)
        .filter(|rest| apart(rest.chars().next_back()))
        .map(str::trim)
}

/// `their` note without a last "(also … elsewhere: …)" that holds only what
/// `ours` says already: this side's words, joined there by an earlier save.
fn without_ours(their: &str, ours: &str) -> String {
    for mark in [" (also noted elsewhere: ", " (also added elsewhere: "] {
        if let Some(at) = their.rfind(mark)
            && let Some(joined) = their[at + mark.len()..].strip_suffix(')')
            && !joined.trim().is_empty()
            && ours.contains(joined.trim())
        {
            return their[..at].to_string();
        }
    }
    their.to_string()
}

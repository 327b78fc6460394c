//! The basket as the interface holds it: the excerpts, where they are saved
//! after every change, which one is selected; the basket screen's keys, and
//! collecting, saving and exporting.

use super::{App, ExportChoice, ExportFormat, Overlay};
use crate::tui::action::Action;
use crate::tui::layout::Layout;
use evidence::basket::{Basket, ExcerptStatus};
use evidence::export;
use evidence::workspace::CorpusRef;
use std::path::PathBuf;
use tui_input::Input;

/// Excerpts a page key moves in the basket (each takes several rows).
const BASKET_PAGE: usize = 5;

pub(super) const EMPTY_BASKET: &str = "the basket is empty: add passages with Space first";

/// The basket screen's state.
pub struct Collection {
    /// The excerpts collected.
    pub contents: Basket,
    /// Where they are saved after each change; `None` keeps them in memory.
    pub path: Option<PathBuf>,
    pub selected: usize,
    /// The workspace the basket belongs to; `None` without one.
    pub workspace: Option<String>,
    /// The corpus open, as excerpts collected from it remember it.
    pub from: Option<CorpusRef>,
    /// What the export prompt last asked to write (the overwrite question
    /// writes it too).
    pub export: ExportChoice,
    /// Where the choice last written with is kept for the next session.
    pub export_path: Option<PathBuf>,
    /// The choice last written with (this session, or kept from an
    /// earlier one): what the export prompt opens on. A choice tried and
    /// not written (cancelled, or it failed) does not change it.
    pub export_written: ExportChoice,
    /// An excerpt with a note the user asked to take out: the same key
    /// again takes it out, any other key keeps it. A note is the user's
    /// own writing, and one key press should not lose it.
    pub pending_removal: Option<String>,
    /// A changed excerpt whose new text the user was shown: the same key
    /// again takes that text into it, any other key leaves it.
    pub pending_update: Option<String>,
    /// Why the last save failed, until one succeeds: what was collected
    /// since is only in memory.
    pub unsaved: Option<String>,
    /// The user pressed q once with the basket unsaved and was told.
    pub quit_asked: bool,
}

impl Collection {
    pub(super) fn new(
        contents: Basket,
        path: Option<PathBuf>,
        workspace: Option<String>,
        from: Option<CorpusRef>,
    ) -> Self {
        Collection {
            contents,
            path,
            selected: 0,
            workspace,
            from,
            export: ExportChoice::default(),
            export_path: None,
            export_written: ExportChoice::default(),
            pending_removal: None,
            pending_update: None,
            unsaved: None,
            quit_asked: false,
        }
    }

    /// Whether taking the excerpt of `passage_id` out may go ahead: yes
    /// when it has no note or this is the second ask; else it asks, in the
    /// message returned.
    pub(super) fn confirm_removal(&mut self, passage_id: &str) -> Result<(), String> {
        let has_note = self
            .contents
            .excerpts
            .iter()
            .any(|e| e.passage_id == passage_id && !e.note.trim().is_empty());
        if !has_note || self.pending_removal.as_deref() == Some(passage_id) {
            self.pending_removal = None;
            return Ok(());
        }
        self.pending_removal = Some(passage_id.to_string());
        Err(format!(
            "{passage_id} has a note: press the key again to take it out, note and all"
        ))
    }

    /// Keeps the selection on an excerpt the basket has (or the first).
    pub(super) fn keep_selection_in_range(&mut self) {
        self.selected = self
            .selected
            .min(self.contents.excerpts.len().saturating_sub(1));
    }

    /// Takes in what another explorer or the command line changed in the
    /// basket's file since this one last read or wrote it (without
    /// writing it).
    pub(super) fn refresh(&mut self) {
        if let Some(path) = &self.path
            && self.contents.refresh(path).is_some()
        {
            self.keep_selection_in_range();
        }
    }

    /// Saves the basket where it lives (merged with what another explorer
    /// or the command line changed meanwhile); the status line's word if
    /// that failed, or if the merge kept or joined a note.
    fn save(&mut self) -> Option<String> {
        let path = self.path.as_ref()?;
        let saved = match self.contents.save(path) {
            Ok(saved) => saved,
            Err(e) => {
                self.unsaved = Some(e.to_string());
                return Some(format!("basket not saved: {e}"));
            }
        };
        self.unsaved = None;
        self.quit_asked = false;
        self.keep_selection_in_range();
        let mut said = Vec::new();
        if let Some(aside) = &saved.set_aside {
            said.push(format!(
                "the basket file could not be read and was moved to {}",
                aside.display()
            ));
        }
        if !saved.kept.is_empty() {
            said.push(format!(
                "{} taken out elsewhere, kept for the note written here",
                saved.kept.join(", ")
            ));
        }
        if !saved.restored.is_empty() {
            said.push(format!(
                "{} kept: a note was written on it elsewhere",
                saved.restored.join(", ")
            ));
        }
        if !saved.joined.is_empty() {
            said.push(format!(
                "{}: its note was changed elsewhere too; both are kept",
                saved.joined.join(", ")
            ));
        }
        (!said.is_empty()).then(|| said.join(" · "))
    }
}

impl App {
    /// `q`: quits, unless the basket holds what could not be saved. Then
    /// it tries once more, and if that fails says so and how to keep it
    /// (an export); a second `q` quits, leaving a copy beside the export.
    pub(super) fn quit_asked(&mut self) {
        if self.basket.unsaved.is_some() {
            self.save_basket();
        }
        match &self.not_kept() {
            Some(why) if !self.basket.quit_asked => {
                self.basket.quit_asked = true;
                self.message = Some(format!(
                    "the basket is not saved ({why}): e exports it; q again quits and leaves a copy in {}",
                    self.cwd.display()
                ));
            }
            _ => self.quitting(),
        }
    }

    /// Why the basket would be lost on quitting, if it would: its last
    /// save failed, or there is no workspace to keep it in.
    fn not_kept(&self) -> Option<String> {
        self.basket.unsaved.clone().or_else(|| {
            (self.basket.path.is_none() && !self.basket.contents.excerpts.is_empty())
                .then(|| "there is no workspace to keep it in".to_string())
        })
    }

    /// Quits now (Ctrl-C, or `q` asked twice), keeping what the user made:
    /// a note being written is saved with the basket, and a basket that
    /// cannot be saved (or has no workspace) is written beside the exports. What
    /// was done is said on the terminal after the explorer closes.
    pub(super) fn quitting(&mut self) {
        self.quit = true;
        if let Some(Overlay::Note { index, input, .. }) = self.overlays.top().cloned() {
            let before = self
                .basket
                .contents
                .excerpts
                .get(index)
                .map(|e| (e.passage_id.clone(), e.note.clone()));
            if let Some((id, note)) = before
                && input.value().trim() != note.trim()
            {
                self.overlays.pop();
                self.basket.contents.set_note(index, input.value().trim());
                self.save_basket();
                if self.basket.unsaved.is_none() && self.basket.path.is_some() {
                    self.parting
                        .push(format!("kept the note you were writing on {id}"));
                }
            }
        }
        if let Some(why) = self.not_kept() {
            let written = self.basket.contents.to_bytes().and_then(|bytes| {
                let mut last = None;
                for n in 1..100 {
                    let name = match n {
                        1 => format!("evidence-basket-{}.json", self.today),
                        n => format!("evidence-basket-{}-{n}.json", self.today),
                    };
                    let copy = self.cwd.join(name);
                    match evidence::atomic::write_new(&copy, &bytes) {
                        Ok(()) => return Ok(copy),
                        Err(e) if copy.exists() => last = Some(e),
                        Err(e) => return Err(e),
                    }
                }
                Err(last.unwrap_or_else(|| {
                    evidence::Error::InvalidInput("no free file name".to_string())
                }))
            });
            let said = match written {
                Ok(copy) => format!(
                    "the basket could not be saved ({why}); a copy is in {} (copy it over the basket file once its folder can be written)",
                    copy.display()
                ),
                Err(e) => format!(
                    "the basket could not be saved ({why}), nor a copy written in {} ({e}); its excerpts were: {}",
                    self.cwd.display(),
                    self.basket
                        .contents
                        .excerpts
                        .iter()
                        .map(|e| e.passage_id.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            };
            self.parting.push(said);
        }
    }

    /// Status of each basket entry against the current corpus.
    pub fn basket_status(&self) -> Vec<ExcerptStatus> {
        self.basket
            .contents
            .status(self.corpus(), self.basket.from.as_ref())
    }

    /// Saves the basket; a failure is said on the status line.
    pub(super) fn save_basket(&mut self) {
        if let Some(message) = self.basket.save() {
            self.message = Some(message);
        }
    }

    /// [`evidence::basket::Basket::update_ids`] on the explorer's basket,
    /// as collected today from the corpus open.
    fn update_ids(&mut self, ids: &[String]) -> evidence::Result<evidence::basket::Updated> {
        let today = self.today.clone();
        let from = self.basket.from.clone();
        let corpus = self.index.corpus_arc();
        self.basket
            .contents
            .update_ids(&corpus, from.as_ref(), ids, &today)
    }

    /// `U` on basket entry `i`: for a passage changed since it was
    /// collected, first the word diff from the text collected to the
    /// corpus's now, then (the same key again) that text taken in, as
    /// `evidence basket update` does: place and note kept, and the text
    /// collected kept for `verify`.
    fn update_excerpt(&mut self, i: usize) {
        let e = &self.basket.contents.excerpts[i];
        let id = e.passage_id.clone();
        let status = e.status(self.corpus(), self.basket.from.as_ref());
        let pending = self.basket.pending_update.take();
        let had_note = !e.note.trim().is_empty();
        match status {
            ExcerptStatus::Changed if pending.as_deref() == Some(id.as_str()) => {
                match self.update_ids(std::slice::from_ref(&id)) {
                    Ok(done) if !done.updated.is_empty() => {
                        self.message = Some(format!(
                            "{id} now has the corpus's text ({}verify still knows the text you collected)",
                            if had_note { "your note stays; " } else { "" }
                        ));
                        self.save_basket();
                    }
                    Ok(_) => self.message = Some(format!("{id}: nothing to update")),
                    Err(e) => self.message = Some(e.to_string()),
                }
            }
            ExcerptStatus::Changed => {
                let now = self
                    .corpus()
                    .passage(&id)
                    .map(|(_, p)| p.text.clone())
                    .unwrap_or_default();
                let diff = evidence::verify::word_diff(&e.text, &now);
                let keeps = if had_note { " (your note stays)" } else { "" };
                self.message = Some(format!(
                    "{id} reads now: {diff} — U again takes this text{keeps}"
                ));
                self.basket.pending_update = Some(id);
            }
            ExcerptStatus::Same => {
                // Its text is the corpus's; its report's details may have
                // changed since (a date corrected): those are taken, for
                // every excerpt of its report that reads as the corpus has it.
                let report = e.report_id.clone();
                let statuses = self.basket_status();
                let ids: Vec<String> = self
                    .basket
                    .contents
                    .excerpts
                    .iter()
                    .zip(statuses)
                    .filter(|(x, s)| x.report_id == report && *s == ExcerptStatus::Same)
                    .map(|(x, _)| x.passage_id.clone())
                    .collect();
                match self.update_ids(&ids) {
                    Ok(done) if !done.details.is_empty() => {
                        let n = done.details.len();
                        let changes = done
                            .details
                            .into_iter()
                            .next()
                            .map(|(_, c)| c)
                            .unwrap_or_default();
                        let others = match n {
                            1 => String::new(),
                            2 => " (and its report's other excerpt)".to_string(),
                            n => format!(" (and its report's {} other excerpts)", n - 1),
                        };
                        self.message = Some(format!(
                            "{id} now has its report's details{others}: {}",
                            changes.join("; ")
                        ));
                        self.save_basket();
                    }
                    Ok(_) => {
                        self.message = Some(format!(
                            "{id} reads as the corpus has it: nothing to update"
                        ));
                    }
                    Err(e) => self.message = Some(e.to_string()),
                }
            }
            ExcerptStatus::Gone => {
                self.message = Some(format!(
                    "{id} is gone from the corpus: it is kept as collected"
                ));
            }
            ExcerptStatus::Elsewhere => {
                self.message = Some(format!(
                    "{id} was collected from another corpus: open that one to update it"
                ));
            }
        }
    }

    /// Adds the selected hit's passage to the basket, or takes it out.
    pub(super) fn toggle_selected(&mut self) {
        if let Some(ord) = self.selected_hit().map(|h| h.ord) {
            self.toggle_ord(ord);
        }
    }

    /// Adds the passage at `ord` (its place in corpus order) to the basket,
    /// or takes it out.
    pub(super) fn toggle_ord(&mut self, ord: usize) {
        // The index is shared, so the passage is borrowed, not copied (a
        // report's clone would copy all its passages).
        let index = self.index.clone();
        if index
            .report_of(ord)
            .is_some_and(|r| self.corpus().changed(r))
        {
            self.message = Some(self.changed_note());
            return;
        }
        let Some((r, p)) = index.passage(ord) else {
            return;
        };
        if let Err(ask) = self.basket.confirm_removal(&p.id) {
            self.message = Some(ask);
            return;
        }
        let from = self.basket.from.as_ref();
        let basket = &mut self.basket.contents;
        // The search it was found with, filters and all.
        let found_with = self.search.filters.with_query(self.search.query.value());
        let added = basket.toggle(r, p, &found_with, from);
        // Saving merges what another process added meanwhile: the count is
        // the basket's after it. What saving says, if anything, comes first.
        self.message = None;
        self.save_basket();
        if self.message.is_none() {
            self.message = Some(if added {
                format!(
                    "added {} to the basket ({})",
                    p.id,
                    evidence::english::plural(self.basket.contents.excerpts.len(), "excerpt")
                )
            } else {
                format!("took {} out of the basket", p.id)
            });
        }
    }

    /// Writes the basket as markdown to `path`; asks first if something is
    /// there, unless `force`. False when the export failed (not when it
    /// asks).
    pub(super) fn write_export(&mut self, path: PathBuf, force: bool) -> bool {
        let excerpts = &self.basket.contents.excerpts;
        if excerpts.is_empty() {
            self.message = Some(EMPTY_BASKET.to_string());
            return true;
        }
        let mut meta = export::ExportMeta::of_basket(&self.basket.contents, &self.today);
        meta.saved = (self.recall.saved.value).names_of(&meta.queries);
        // Cited as `export --basket` cites them (see basket::cite).
        let cited = self
            .basket
            .contents
            .cited(self.corpus(), self.basket.from.as_ref());
        meta.statuses = cited.statuses.clone();
        meta.work_of = cited.work_of.clone();
        let choice = self.basket.export;
        match Self::export_as(&cited, choice, &path.to_string_lossy(), &meta, force) {
            Ok(also) => {
                let warning = self
                    .basket
                    .contents
                    .export_warning(self.corpus(), self.basket.from.as_ref())
                    .map(|w| format!(" · {w}"))
                    .unwrap_or_default();
                let mut count = evidence::english::plural(excerpts.len(), "excerpt");
                // A reference list holds works, one for a report's excerpts.
                if matches!(
                    choice.format,
                    ExportFormat::Bibtex | ExportFormat::CslJson | ExportFormat::Ris
                ) {
                    count = format!(
                        "{} (for {count})",
                        evidence::english::plural(cited.works.len(), "work")
                    );
                }
                self.message = Some(format!(
                    "wrote {count} to {}{also}{warning}",
                    path.display()
                ));
                // The next prompt, and the next session's, opens on this
                // choice; not keeping it loses no work, so a failure is
                // not said.
                self.basket.export_written = choice;
                if let Some(kept) = &self.basket.export_path {
                    let _ = evidence::state::write(kept, &choice.to_bytes());
                }
            }
            Err(evidence::Error::Exists { path: existing }) => {
                // Every file a Yes would replace, not only the first found:
                // a pandoc export's references beside it too.
                let mut replaced: Vec<PathBuf> = Vec::new();
                let mut consider = vec![path.clone()];
                if choice.format == ExportFormat::Pandoc {
                    consider
                        .push(path.with_extension(evidence::cite::RefFormat::CslJson.extension()));
                }
                for p in consider {
                    if p.exists() {
                        replaced.push(p);
                    }
                }
                if replaced.is_empty() {
                    replaced.push(existing);
                }
                self.overlays.push(Overlay::ConfirmOverwrite {
                    target: path,
                    existing: replaced,
                });
            }
            Err(e) => {
                self.message = Some(format!("export failed, the basket is kept: {e}"));
                return false;
            }
        }
        true
    }

    /// Writes the basket to `target` as `choice` says; what the message
    /// adds after the path (the bibliography of a pandoc export).
    fn export_as(
        cited: &evidence::basket::Cited,
        choice: ExportChoice,
        target: &str,
        meta: &export::ExportMeta,
        force: bool,
    ) -> evidence::Result<String> {
        use evidence::cite::RefFormat;
        let excerpts = &cited.excerpts;
        let works = &cited.works;
        let text = match choice.format {
            ExportFormat::Markdown => match choice.style {
                None => export::markdown(excerpts, meta),
                Some(style) => export::styled_markdown(excerpts, meta, works, style)?,
            },
            ExportFormat::Pandoc => {
                let (_, bib) =
                    export::write_pandoc(target, excerpts, meta, works, RefFormat::CslJson, force)?;
                return Ok(bib
                    .map(|b| format!(", their references to {}", b.display()))
                    .unwrap_or_default());
            }
            ExportFormat::Bibtex => RefFormat::Bibtex.render(works),
            ExportFormat::CslJson => RefFormat::CslJson.render(works),
            ExportFormat::Ris => RefFormat::Ris.render(works),
            ExportFormat::Json => export::Format::Json.render(excerpts, meta),
            ExportFormat::Csv => export::Format::Csv.render(excerpts, meta),
        };
        export::write_output(target, text.as_bytes(), force, choice.format.extension())?;
        Ok(String::new())
    }

    /// The basket screen's keys; `seen` is the screen as the user saw it
    /// (for the pointer).
    pub(super) fn update_basket(&mut self, action: Action, seen: Option<&Layout>) {
        if self.update_global(&action) {
            return;
        }
        let n = self.basket.contents.excerpts.len();
        let last = n.saturating_sub(1);
        let i = self.basket.selected;
        match action {
            Action::Up | Action::ScrollUp(..) => self.basket.selected = i.saturating_sub(1),
            Action::Down | Action::ScrollDown(..) => self.basket.selected = (i + 1).min(last),
            Action::Top => self.basket.selected = 0,
            Action::Bottom => self.basket.selected = last,
            Action::PageUp => self.basket.selected = i.saturating_sub(BASKET_PAGE),
            Action::PageDown => self.basket.selected = (i + BASKET_PAGE).min(last),
            Action::MoveUp if i > 0 && i < n => {
                self.basket.contents.move_up(i);
                self.basket.selected = i - 1;
                self.save_basket();
            }
            Action::MoveDown if i + 1 < n => {
                self.basket.contents.move_down(i);
                self.basket.selected = i + 1;
                self.save_basket();
            }
            Action::Remove | Action::ToggleBasket if i < n => {
                let id = self.basket.contents.excerpts[i].passage_id.clone();
                if let Err(ask) = self.basket.confirm_removal(&id) {
                    self.message = Some(ask);
                    return;
                }
                self.basket.contents.remove(i);
                self.basket.keep_selection_in_range();
                self.message = Some(format!("took {id} out of the basket"));
                self.save_basket();
            }
            // Enter reads the passage on the whole screen, as in every
            // other list (Esc comes back here); one the corpus no longer
            // has, or from another corpus, has only its copy here.
            Action::Open if i < n => {
                let e = &self.basket.contents.excerpts[i];
                let id = e.passage_id.clone();
                let status = e.status(self.corpus(), self.basket.from.as_ref());
                match (status, self.index.ord_of(&id)) {
                    (ExcerptStatus::Same | ExcerptStatus::Changed, Some(ord)) => {
                        self.read_full_screen(Some(ord));
                    }
                    (ExcerptStatus::Elsewhere, _) => {
                        self.message = Some(format!(
                            "{id} was collected from another corpus: its text as collected is all there is to read here"
                        ));
                    }
                    _ => {
                        self.message = Some(format!(
                            "{id} is gone from the corpus: its text as collected is all there is to read"
                        ));
                    }
                }
            }
            Action::UpdateExcerpt if i < n => self.update_excerpt(i),
            Action::EditNote if i < n => {
                let note = self.basket.contents.excerpts[i].note.clone();
                self.overlays.push(Overlay::Note {
                    index: i,
                    input: Input::new(note),
                    discard_asked: false,
                });
            }
            Action::Click(_, y) => {
                let list = seen.and_then(|seen| seen.basket.as_ref());
                if let Some(i) = list.and_then(|list| list.excerpt_at(y)) {
                    self.basket.selected = i;
                }
            }
            _ => {}
        }
    }
}

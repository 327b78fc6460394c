//! What sits on top of the screen and takes the keys: the help (and how far
//! it is scrolled), the export prompt (its file name, format and citation
//! style) and its overwrite question, a note being written, the compare
//! picker. Also the text editing the query bar shares with the prompts.

use super::App;
use crate::tui::action::Action;
use evidence::cite::Style;
use std::path::{Path, PathBuf};
use tui_input::{Input, InputRequest};

/// Rows a page key scrolls the help: half of what it shows on the smallest
/// terminal (20 rows inside its borders), so that part of the page before
/// stays in view.
const HELP_PAGE: i16 = 10;

/// What sits on top of the screen, taking the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    /// The export prompt: file name, format, style.
    ExportPath(ExportPrompt),
    /// "EXISTING exists. Overwrite it?", before writing to `target`
    /// (`existing` is every file the export would replace: `target`, the
    /// file written beside it, a pandoc export's references, or both).
    ConfirmOverwrite {
        target: PathBuf,
        existing: Vec<PathBuf>,
    },
    /// A note being written on basket entry `index`; `discard_asked` once
    /// Esc has asked whether to throw away what was typed.
    Note {
        index: usize,
        input: Input,
        discard_asked: bool,
    },
    /// Choosing the reports or theme to compare.
    ComparePicker,
    /// The search's notes, whole, scrolled this many rows.
    Notes {
        scroll: u16,
    },
    /// The history list, the saved searches, or naming a saved search.
    Recall(super::RecallOverlay),
}

/// The formats the export prompt offers, in the order Tab goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// Quotations, citations and a reference list (in a style, or the house format).
    #[default]
    Markdown,
    /// Markdown with pandoc citations and a bibliography file beside it.
    Pandoc,
    Bibtex,
    CslJson,
    Ris,
    Json,
    Csv,
}

impl ExportFormat {
    /// Every format, in the prompt's order.
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Markdown,
        ExportFormat::Pandoc,
        ExportFormat::Bibtex,
        ExportFormat::CslJson,
        ExportFormat::Ris,
        ExportFormat::Json,
        ExportFormat::Csv,
    ];

    /// The format's name in the prompt and the message after it.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "markdown",
            ExportFormat::Pandoc => "markdown for pandoc",
            ExportFormat::Bibtex => "BibTeX",
            ExportFormat::CslJson => "CSL-JSON",
            ExportFormat::Ris => "RIS",
            ExportFormat::Json => "JSON",
            ExportFormat::Csv => "CSV",
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown | ExportFormat::Pandoc => "md",
            ExportFormat::Bibtex => "bib",
            ExportFormat::CslJson | ExportFormat::Json => "json",
            ExportFormat::Ris => "ris",
            ExportFormat::Csv => "csv",
        }
    }

    /// The format's name in the workspace's `export.json`.
    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "markdown",
            ExportFormat::Pandoc => "pandoc",
            ExportFormat::Bibtex => "bibtex",
            ExportFormat::CslJson => "csl-json",
            ExportFormat::Ris => "ris",
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
        }
    }

    /// The format `step` places on in the prompt's order, round and round.
    fn step(self, step: isize) -> ExportFormat {
        let n = ExportFormat::ALL.len() as isize;
        let i = ExportFormat::ALL
            .iter()
            .position(|f| *f == self)
            .unwrap_or(0) as isize;
        ExportFormat::ALL[(i + step).rem_euclid(n) as usize]
    }
}

/// What an export writes: the format, and for plain markdown the citation
/// style (`None`: the house format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportChoice {
    pub format: ExportFormat,
    pub style: Option<Style>,
}

impl ExportChoice {
    /// As the workspace's `export.json` keeps it.
    pub fn to_bytes(self) -> Vec<u8> {
        let mut record = serde_json::json!({ "format": self.format.key() });
        if let Some(style) = self.style {
            record["style"] = style.name().into();
        }
        let mut bytes = serde_json::to_vec_pretty(&record).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// Read back from `export.json`; `None` when the file is not one (a
    /// preference: the prompt then opens as on a first run).
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let record: serde_json::Value = serde_json::from_slice(bytes).ok()?;
        let format = record["format"].as_str()?;
        let format = ExportFormat::ALL.into_iter().find(|f| f.key() == format)?;
        let style = match record.get("style").and_then(|s| s.as_str()) {
            None => None,
            Some(name) => Some(Style::ALL.into_iter().find(|s| s.name() == name)?),
        };
        Some(ExportChoice { format, style })
    }
}

/// The export prompt: the file name being typed and what to write there.
#[derive(Debug, Clone, Default)]
pub struct ExportPrompt {
    pub input: Input,
    pub choice: ExportChoice,
    /// The name is the one suggested, untouched: a character typed
    /// replaces it (as a selected name in a save dialog is), where
    /// appending made `….mdbriefing`; moving the cursor keeps it to edit.
    pub suggested: bool,
}

impl ExportPrompt {
    /// A prompt for `choice` (the last one made, so that a style chosen once
    /// stays chosen) to `name`, given that format's extension.
    pub fn new(name: &str, choice: ExportChoice) -> Self {
        let stem = name.strip_suffix(old_extension(name)).unwrap_or(name);
        ExportPrompt {
            input: Input::new(format!("{stem}{}", choice.format.extension())),
            choice,
            suggested: true,
        }
    }

    /// The file name typed, with the format's extension added when it has
    /// none (`notes` is written as `notes.md`).
    pub fn file_name(&self) -> String {
        let typed = self.input.value().trim();
        if Path::new(typed).extension().is_some() || typed.ends_with(['/', '.']) {
            typed.to_string()
        } else {
            format!("{typed}.{}", self.choice.format.extension())
        }
    }

    /// Moves to the format `step` places on; the name's extension follows
    /// when it is the old format's (a name the user gave its own
    /// extension, or none, keeps it).
    fn step_format(&mut self, step: isize) {
        let old = self.choice.format;
        let new = old.step(step);
        self.choice.format = new;
        let name = self.input.value();
        let path = Path::new(name);
        let ours = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(old.extension()));
        if ours && let Some(stem) = name.strip_suffix(old_extension(name)) {
            let renamed = format!("{stem}{}", new.extension());
            self.input = Input::new(renamed);
        }
    }

    /// Moves to the style `step` places on, the house format first; only
    /// plain markdown has a style.
    fn step_style(&mut self, step: isize) {
        if self.choice.format != ExportFormat::Markdown {
            return;
        }
        let styles: Vec<Option<Style>> = std::iter::once(None)
            .chain(Style::ALL.into_iter().map(Some))
            .collect();
        let n = styles.len() as isize;
        let i = styles
            .iter()
            .position(|s| *s == self.choice.style)
            .unwrap_or(0) as isize;
        self.choice.style = styles[(i + step).rem_euclid(n) as usize];
    }
}

/// The extension at the end of `name`, as typed (after the last dot).
fn old_extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

/// The overlays open, the last on top.
#[derive(Debug, Clone, Default)]
pub struct Overlays {
    stack: Vec<Overlay>,
    /// How far the help overlay is scrolled.
    pub help_scroll: u16,
}

impl Overlays {
    /// The overlay on top, which takes the keys.
    pub fn top(&self) -> Option<&Overlay> {
        self.stack.last()
    }

    /// The overlays, bottom first, as they are drawn.
    pub fn iter(&self) -> impl Iterator<Item = &Overlay> {
        self.stack.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    pub(super) fn push(&mut self, overlay: Overlay) {
        self.stack.push(overlay);
    }

    pub(super) fn pop(&mut self) {
        self.stack.pop();
    }

    fn clear(&mut self) {
        self.stack.clear();
    }

    /// Puts `overlay` in the place of the one on top (a prompt's text edited).
    pub(super) fn replace_top(&mut self, overlay: Overlay) {
        if let Some(last) = self.stack.last_mut() {
            *last = overlay;
        }
    }

    /// Scrolls the help `delta` rows, from its top to `most` (where its
    /// last row is at the bottom of its box).
    fn scroll_help(&mut self, delta: i16, most: u16) {
        self.help_scroll = self
            .help_scroll
            .min(most)
            .saturating_add_signed(delta)
            .min(most);
    }

    /// The help's keys: scrolling it, and closing it. `most` is how far it
    /// scrolls on the screen as it is.
    fn update_help(&mut self, action: &Action, most: u16) {
        match action {
            Action::Back | Action::Help | Action::Quit => {
                self.pop();
                self.help_scroll = 0;
            }
            Action::Up | Action::ScrollUp(..) => self.scroll_help(-1, most),
            Action::Down | Action::ScrollDown(..) => self.scroll_help(1, most),
            Action::PageUp => self.scroll_help(-HELP_PAGE, most),
            Action::PageDown => self.scroll_help(HELP_PAGE, most),
            Action::Top => self.help_scroll = 0,
            Action::Bottom => self.help_scroll = most,
            _ => {}
        }
    }
}

impl App {
    /// Where a typed export path writes: `~` expanded as in a shell, and a
    /// relative path taken from the working folder, so that the prompt and
    /// the message after it can show the whole path.
    pub fn export_target(&self, typed: &str) -> PathBuf {
        let typed = typed.trim();
        let path = self.cwd.join(home_expanded(typed));
        // `./x.md` reads as `x.md`.
        let path: PathBuf = path
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        // `drafts/` names a folder: the separator stays, so that writing
        // says it is one (or that there is no such folder) rather than
        // making a file called `drafts`.
        if typed.ends_with(['/', std::path::MAIN_SEPARATOR]) {
            let mut folder = path.into_os_string();
            folder.push(std::path::MAIN_SEPARATOR_STR);
            return PathBuf::from(folder);
        }
        path
    }
}

/// A typed path with a leading `~` meaning the home folder, as in a shell.
pub(in crate::tui) fn home_expanded(path: &str) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    match path.strip_prefix('~') {
        Some("") => home().unwrap_or_else(|| PathBuf::from(path)),
        Some(rest) if rest.starts_with(std::path::MAIN_SEPARATOR) || rest.starts_with('/') => {
            home().map_or_else(|| PathBuf::from(path), |h| h.join(&rest[1..]))
        }
        _ => PathBuf::from(path),
    }
}

/// Applies a text-editing action to an input; false if it is not an edit.
pub(super) fn edit_input(input: &mut Input, action: &Action) -> bool {
    let request = match action {
        Action::Insert(c) => InputRequest::InsertChar(*c),
        Action::Backspace => InputRequest::DeletePrevChar,
        Action::Delete => InputRequest::DeleteNextChar,
        Action::CursorLeft => InputRequest::GoToPrevChar,
        Action::CursorRight => InputRequest::GoToNextChar,
        Action::CursorHome => InputRequest::GoToStart,
        Action::CursorEnd => InputRequest::GoToEnd,
        Action::ClearInput => {
            *input = Input::default();
            return true;
        }
        _ => return false,
    };
    input.handle(request);
    true
}

impl App {
    /// Gives an action to `overlay`, the one on top.
    pub(super) fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        match overlay {
            Overlay::Help => {
                let (w, h) = self.size;
                let most =
                    crate::tui::layout::help::scroll_max(ratatui::layout::Rect::new(0, 0, w, h));
                self.overlays.update_help(&action, most);
            }
            Overlay::Notes { scroll } => {
                let most = crate::tui::layout::notes::scroll_max(self);
                let step = |delta: i32| {
                    let to = (i32::from(scroll) + delta).clamp(0, i32::from(most));
                    Overlay::Notes {
                        scroll: u16::try_from(to).unwrap_or(0),
                    }
                };
                match action {
                    Action::Back | Action::ShowNotes | Action::Quit => self.overlays.pop(),
                    Action::Up | Action::ScrollUp(..) => self.overlays.replace_top(step(-1)),
                    Action::Down | Action::ScrollDown(..) => self.overlays.replace_top(step(1)),
                    Action::PageUp => self.overlays.replace_top(step(-10)),
                    Action::PageDown => self.overlays.replace_top(step(10)),
                    _ => {}
                }
            }
            // The export prompt is under the question, with what was typed:
            // it closes once the export is written, and stays for another
            // name after a No or a failure.
            Overlay::ConfirmOverwrite { target, existing } => match action {
                Action::Yes => {
                    self.overlays.pop();
                    if self.write_export(target, true) {
                        self.overlays.clear();
                    }
                }
                Action::No | Action::Back => {
                    self.overlays.pop();
                    let (names, was) = overwrite_names(&existing);
                    let it = if was == "were" { "they" } else { "it" };
                    self.message = Some(format!(
                        "{names} {was} left as {it} {was}: type another name, or Esc"
                    ));
                }
                _ => {}
            },
            Overlay::ExportPath(mut prompt) => match action {
                Action::Back => self.overlays.pop(),
                Action::Submit => {
                    let path = prompt.input.value().trim().to_string();
                    if path.is_empty() {
                        self.message = Some("type a file name to export to".to_string());
                        return;
                    }
                    let target = self.export_target(&prompt.file_name());
                    self.basket.export = prompt.choice;
                    // What was typed is kept under the overwrite question,
                    // and after a failure, to be put right.
                    if self.write_export(target, false)
                        && !matches!(self.overlays.top(), Some(Overlay::ConfirmOverwrite { .. }))
                    {
                        self.overlays.pop();
                    }
                }
                Action::FocusNext | Action::FocusPrev => {
                    prompt.step_format(if action == Action::FocusNext { 1 } else { -1 });
                    self.overlays.replace_top(Overlay::ExportPath(prompt));
                }
                Action::Down | Action::Up => {
                    prompt.step_style(if action == Action::Down { 1 } else { -1 });
                    self.overlays.replace_top(Overlay::ExportPath(prompt));
                }
                other => {
                    if prompt.suggested
                        && matches!(
                            other,
                            Action::Insert(_) | Action::Backspace | Action::Delete
                        )
                    {
                        prompt.input = Input::default();
                        if matches!(other, Action::Backspace | Action::Delete) {
                            prompt.suggested = false;
                            self.overlays.replace_top(Overlay::ExportPath(prompt));
                            return;
                        }
                    }
                    if edit_input(&mut prompt.input, &other) {
                        prompt.suggested = false;
                        self.overlays.replace_top(Overlay::ExportPath(prompt));
                    }
                }
            },
            Overlay::Note {
                index,
                mut input,
                discard_asked,
            } => match action {
                // What was typed is the user's writing: one Esc asks, the
                // second throws it away.
                Action::Back => {
                    let before = self
                        .basket
                        .contents
                        .excerpts
                        .get(index)
                        .map_or("", |e| e.note.as_str());
                    if discard_asked || input.value().trim() == before.trim() {
                        self.overlays.pop();
                        if discard_asked {
                            self.message = Some("note not changed".to_string());
                        }
                    } else {
                        self.message = Some(
                            "Esc again throws away what you typed; Enter saves it".to_string(),
                        );
                        self.overlays.replace_top(Overlay::Note {
                            index,
                            input,
                            discard_asked: true,
                        });
                    }
                }
                Action::Submit => {
                    self.overlays.pop();
                    let had = self
                        .basket
                        .contents
                        .excerpts
                        .get(index)
                        .is_some_and(|e| !e.note.trim().is_empty());
                    let note = input.value().trim();
                    self.basket.contents.set_note(index, note);
                    self.message = Some(
                        match (note.is_empty(), had) {
                            (false, _) => "note saved",
                            (true, true) => "note removed",
                            (true, false) => "no note written",
                        }
                        .to_string(),
                    );
                    // What the merge with another explorer's changes did
                    // to the note, if anything, is the news.
                    self.save_basket();
                }
                other => {
                    if edit_input(&mut input, &other) {
                        self.overlays.replace_top(Overlay::Note {
                            index,
                            input,
                            discard_asked: false,
                        });
                    }
                }
            },
            Overlay::ComparePicker => self.update_picker(action),
            Overlay::Recall(overlay) => self.update_recall(overlay, action),
        }
    }
}

/// The files an overwrite would replace, in words ("a.md and a.json"),
/// and the verb's number ("was" or "were").
pub fn overwrite_names(files: &[PathBuf]) -> (String, &'static str) {
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let was = if names.len() > 1 { "were" } else { "was" };
    (names.join(" and "), was)
}

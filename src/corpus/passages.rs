//! A report's passages, read when first needed. A corpus opened from an index's
//! catalog knows each report's metadata and passage count without reading its
//! file; the text is parsed on first use, so a search over thousands of reports
//! reads only the files its hits are in, and where the index recorded where
//! each passage lies ([`super::spans`]), only the passages it shows. Also
//! the counting of passages by theme that the catalog records.

use super::{Passage, Theme};
use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

/// Reads a report's passages from its source.
pub type PassageLoader = Arc<dyn Fn() -> Vec<Passage> + Send + Sync>;

/// Reads one passage of a report by its position, without the rest, when the
/// index recorded where it lies; `None` sends the caller to the whole report.
pub type OneLoader = Arc<dyn Fn(usize) -> Option<Passage> + Send + Sync>;

/// Passages read one at a time: a slot per passage, each filled on first use.
type Singles = OnceLock<Box<[OnceLock<Option<Box<Passage>>>]>>;

/// How many of a report's passages carry each theme: the theme's place in
/// the corpus's list and the count, in order of first use.
pub type ThemeCounts = Vec<(usize, usize)>;

/// The passages of one report: present, or loaded on first access.
pub struct Passages {
    count: usize,
    /// The report's theme counts as its load or the index's catalog recorded
    /// them, for use while the passages are not read; dropped whenever the
    /// passages are changed.
    theme_counts: Option<ThemeCounts>,
    /// How many passages carry none of the corpus's themes, recorded with
    /// the theme counts.
    unthemed: usize,
    cell: OnceLock<Vec<Passage>>,
    loader: Option<PassageLoader>,
    one: Option<OneLoader>,
    /// Passages read one at a time, kept so that a reference can be lent.
    singles: Singles,
}

impl Passages {
    /// Passages already read.
    pub fn loaded(passages: Vec<Passage>) -> Self {
        let count = passages.len();
        let cell = OnceLock::new();
        let _ = cell.set(passages);
        Passages {
            count,
            theme_counts: None,
            unthemed: 0,
            cell,
            loader: None,
            one: None,
            singles: OnceLock::new(),
        }
    }

    /// `count` passages that `loader` reads when first needed.
    pub fn lazy(count: usize, loader: PassageLoader) -> Self {
        Passages {
            count,
            theme_counts: None,
            unthemed: 0,
            cell: OnceLock::new(),
            loader: Some(loader),
            one: None,
            singles: OnceLock::new(),
        }
    }

    /// Like [`Passages::lazy`], and one passage at a time can be read by
    /// [`Passages::one`] without reading the rest.
    pub fn lazy_with_one(count: usize, loader: PassageLoader, one: OneLoader) -> Self {
        Passages {
            one: Some(one),
            ..Passages::lazy(count, loader)
        }
    }

    /// The same passages, with their theme counts known without reading
    /// them: how many carry each theme, and how many carry none.
    pub fn with_theme_counts(self, counts: ThemeCounts, unthemed: usize) -> Self {
        Passages {
            theme_counts: Some(counts),
            unthemed,
            ..self
        }
    }

    /// The theme counts recorded with [`Passages::with_theme_counts`], while
    /// the passages are not read: once they are, they are the truth (a file
    /// changed since the index was built is read as it is now).
    pub fn recorded_theme_counts(&self) -> Option<&[(usize, usize)]> {
        if self.is_loaded() {
            return None;
        }
        self.theme_counts.as_deref()
    }

    /// How many passages carry no theme, as recorded with
    /// [`Passages::with_theme_counts`], while the passages are not read.
    pub fn recorded_unthemed(&self) -> Option<usize> {
        self.recorded_theme_counts().map(|_| self.unthemed)
    }

    /// Passage `k`. When the report has not been read, only that passage is
    /// read if it can be; otherwise the whole report is.
    pub fn one(&self, k: usize) -> Option<&Passage> {
        if let Some(all) = self.cell.get() {
            return all.get(k);
        }
        if k >= self.count {
            return None;
        }
        if let Some(read) = &self.one {
            let singles = self.singles.get_or_init(|| {
                (0..self.count)
                    .map(|_| OnceLock::new())
                    .collect::<Vec<_>>()
                    .into_boxed_slice()
            });
            if let Some(p) = singles[k].get_or_init(|| read(k).map(Box::new)) {
                return Some(p);
            }
        }
        self.get(k)
    }

    /// How many passages there are, without reading them.
    pub fn count(&self) -> usize {
        self.cell.get().map_or(self.count, Vec::len)
    }

    /// The passages, read without keeping them when they are not kept yet
    /// (a build walks every report once and need not hold them all).
    pub fn uncached(&self) -> std::borrow::Cow<'_, [Passage]> {
        match (self.cell.get(), &self.loader) {
            (Some(v), _) => std::borrow::Cow::Borrowed(v.as_slice()),
            (None, Some(load)) => std::borrow::Cow::Owned(load()),
            (None, None) => std::borrow::Cow::Borrowed(&[]),
        }
    }

    /// The passages, owned: taken when read, else read now.
    pub fn into_vec(self) -> Vec<Passage> {
        match self.cell.into_inner() {
            Some(v) => v,
            None => self.loader.map(|load| load()).unwrap_or_default(),
        }
    }

    /// True once the passages have been read.
    pub fn is_loaded(&self) -> bool {
        self.cell.get().is_some()
    }
}

impl Deref for Passages {
    type Target = [Passage];

    fn deref(&self) -> &[Passage] {
        self.cell
            .get_or_init(|| self.loader.as_ref().map(|load| load()).unwrap_or_default())
    }
}

impl DerefMut for Passages {
    fn deref_mut(&mut self) -> &mut [Passage] {
        self.theme_counts = None;
        if self.cell.get().is_none() {
            let loaded = self.loader.as_ref().map(|load| load()).unwrap_or_default();
            let _ = self.cell.set(loaded);
        }
        match self.cell.get_mut() {
            Some(v) => v.as_mut_slice(),
            None => &mut [],
        }
    }
}

impl Clone for Passages {
    fn clone(&self) -> Self {
        let copy = match (self.cell.get(), &self.loader) {
            (Some(v), _) => Passages::loaded(v.clone()),
            (None, Some(loader)) => Passages {
                one: self.one.clone(),
                ..Passages::lazy(self.count, loader.clone())
            },
            (None, None) => Passages::loaded(Vec::new()),
        };
        Passages {
            theme_counts: self.theme_counts.clone(),
            ..copy
        }
    }
}

impl PartialEq for Passages {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Passages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cell.get() {
            Some(v) => v.fmt(f),
            None => write!(f, "Passages({} not yet read)", self.count),
        }
    }
}

impl Serialize for Passages {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl From<Vec<Passage>> for Passages {
    fn from(v: Vec<Passage>) -> Self {
        Passages::loaded(v)
    }
}

impl<'a> IntoIterator for &'a Passages {
    type Item = &'a Passage;
    type IntoIter = std::slice::Iter<'a, Passage>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl FromIterator<Passage> for Passages {
    fn from_iter<I: IntoIterator<Item = Passage>>(iter: I) -> Self {
        Passages::loaded(iter.into_iter().collect())
    }
}

/// How many of `passages` carry none of `themes` (a passage naming only a
/// theme the corpus does not have is without one: it is on no row of the
/// map).
pub fn count_unthemed(themes: &[Theme], passages: &[Passage]) -> usize {
    passages
        .iter()
        .filter(|p| !p.themes.iter().any(|id| themes.iter().any(|t| &t.id == id)))
        .count()
}

/// How many of `passages` carry each theme of `themes` (by place), in order
/// of first use (see [`ThemeCounts`]). A theme not in `themes` is not
/// counted.
pub fn count_themes(themes: &[Theme], passages: &[Passage]) -> ThemeCounts {
    let mut counts: ThemeCounts = Vec::new();
    for p in passages {
        for (j, id) in p.themes.iter().enumerate() {
            // A theme named twice by one passage counts once.
            if p.themes[..j].contains(id) {
                continue;
            }
            let Some(at) = themes.iter().position(|t| &t.id == id) else {
                continue;
            };
            match counts.iter_mut().find(|(i, _)| *i == at) {
                Some((_, n)) => *n += 1,
                None => counts.push((at, 1)),
            }
        }
    }
    counts
}

//! Expanding a word: the terms of the corpus's thesaurus that mean the same
//! (acronyms and the field's synonyms), WordNet's synonyms and the word's
//! other forms when the reports never use it, its near spellings when it is
//! no English word at all (a bounded edit distance over the term dictionary),
//! and, for `prefix*`, the words that start with it. An `org:` filter takes
//! the thesaurus's acronyms too.

use super::{Index, analysis, lexicon};
use crate::corpus::{TermKind, Thesaurus};
use crate::distance::Distance;
use tantivy::query::{BooleanQuery, Occur, Query};

/// How much an expansion weighs against the user's own word (1.0).
pub(super) const ACRONYM_WEIGHT: f32 = 0.9;
pub(super) const THESAURUS_WEIGHT: f32 = 0.6;
pub(super) const FORM_WEIGHT: f32 = 0.6;
pub(super) const WORDNET_WEIGHT: f32 = 0.4;
pub(super) const RELATED_WEIGHT: f32 = 0.5;
pub(super) const TYPO_WEIGHT: f32 = 0.5;

/// Where an index generation keeps its reading of the thesaurus.
pub(super) const BRIDGES_FILE: &str = "thesaurus.bin";

/// The first bytes of that file, naming its format.
const BRIDGES_MAGIC: &[u8] = b"evidence thesaurus 2\n";

/// The thesaurus as the search looks it up: every term as its stems, in
/// the compact form [`Bridges::to_bytes`] writes. A lookup reads through
/// the bytes (about 50 KB for the bundled thesaurus: tens of
/// microseconds), which costs a search less than building tables of every
/// term would cost each process that searches once.
#[derive(Debug, Default)]
pub(super) struct Bridges {
    /// The groups, as [`Bridges::to_bytes`] writes them after the stamp.
    groups: Vec<u8>,
    /// The most words a term has.
    pub(super) longest: usize,
}

/// A thesaurus term as typed and as the index's words.
#[derive(Debug, Clone)]
pub(super) struct Term {
    pub(super) shown: String,
    pub(super) stems: Vec<String>,
    /// A one-word acronym that is also a common word (`IT`, `US`): it is
    /// matched only when typed in capitals, and never searched for.
    pub(super) shouting: bool,
}

impl Bridges {
    pub(super) fn new(thesaurus: &Thesaurus) -> Self {
        use crate::corpus::record::{put, put_str};
        let mut groups = Vec::new();
        let mut longest = 0;
        put(&mut groups, thesaurus.groups.len() as u64);
        for group in &thesaurus.groups {
            let terms: Vec<Term> = group
                .terms
                .iter()
                .map(|t| {
                    let words = analysis::words(t);
                    let shouting =
                        words.len() == 1 && super::question::is_stop_word(&words[0].plain);
                    Term {
                        shown: t.clone(),
                        stems: words.into_iter().map(|w| w.stem).collect(),
                        shouting,
                    }
                })
                .filter(|t| !t.stems.is_empty())
                .collect();
            put(&mut groups, u64::from(group.kind == TermKind::Acronym));
            put(&mut groups, terms.len() as u64);
            for t in &terms {
                longest = longest.max(t.stems.len());
                put_str(&mut groups, &t.shown);
                put(&mut groups, u64::from(t.shouting));
                put(&mut groups, t.stems.len() as u64);
                for s in &t.stems {
                    put_str(&mut groups, s);
                }
            }
        }
        Bridges { groups, longest }
    }

    /// Calls `each` with every group's kind and terms, as borrowed strings
    /// (term: shown, shouting, stems); stops early when it returns false.
    /// `None` when the bytes are damaged.
    fn walk(
        &self,
        mut each: impl FnMut(TermKind, &[(&str, bool, Vec<&str>)]) -> bool,
    ) -> Option<()> {
        let mut r = crate::corpus::record::Reader::new(&self.groups);
        let mut terms: Vec<(&str, bool, Vec<&str>)> = Vec::new();
        for _ in 0..r.count(2)? {
            let kind = if r.get()? == 1 {
                TermKind::Acronym
            } else {
                TermKind::Synonym
            };
            terms.clear();
            for _ in 0..r.count(3)? {
                let shown = r.str()?;
                let shouting = r.get()? == 1;
                let stems = (0..r.count(1)?)
                    .map(|_| r.str())
                    .collect::<Option<Vec<_>>>()?;
                terms.push((shown, shouting, stems));
            }
            if !each(kind, &terms) {
                break;
            }
        }
        Some(())
    }

    /// The groups a term (as stems; `typed` is how the user wrote it) is
    /// in, each with its other terms.
    pub(super) fn others(&self, stems: &[String], typed: &str) -> Vec<(TermKind, Vec<Term>)> {
        // `ITs` too, as the tokenizer reads it.
        let capitals = analysis::in_capitals(typed)
            || typed.chars().any(char::is_alphabetic) && !typed.chars().any(char::is_lowercase);
        let same = |s: &[&str]| s.len() == stems.len() && s.iter().zip(stems).all(|(a, b)| a == b);
        let mut out = Vec::new();
        self.walk(|kind, terms| {
            let Some(me) = terms.iter().find(|(_, _, s)| same(s)) else {
                return true;
            };
            if me.1 && !capitals {
                return true;
            }
            let others = terms
                .iter()
                .filter(|(_, shouting, s)| !same(s) && !shouting)
                .map(|(shown, shouting, s)| Term {
                    shown: (*shown).to_string(),
                    stems: s.iter().map(|x| (*x).to_string()).collect(),
                    shouting: *shouting,
                })
                .collect();
            out.push((kind, others));
            true
        });
        out
    }

    /// Whether a one-word term with this stem is an acronym that is also a
    /// common word (see [`Term::shouting`]).
    pub(super) fn is_shouting(&self, stem: &str) -> bool {
        let mut found = false;
        self.walk(|_, terms| {
            found = terms
                .iter()
                .any(|(_, shouting, s)| *shouting && s.as_slice() == [stem]);
            !found
        });
        found
    }

    /// Whether some term has these stems.
    pub(super) fn has(&self, stems: &[String]) -> bool {
        let mut found = false;
        self.walk(|_, terms| {
            found = terms.iter().any(|(_, _, s)| {
                s.len() == stems.len() && s.iter().zip(stems).all(|(a, b)| a == b)
            });
            !found
        });
        found
    }

    /// The bridges as bytes, under the stamp of the thesaurus they were read
    /// from (see [`crate::corpus::thesaurus_stamp`]).
    pub(super) fn to_bytes(&self, stamp: &str) -> Vec<u8> {
        use crate::corpus::record::{put, put_str};
        let mut out = BRIDGES_MAGIC.to_vec();
        put_str(&mut out, stamp);
        put(&mut out, self.longest as u64);
        out.extend_from_slice(&self.groups);
        out
    }

    /// Reads what [`Bridges::to_bytes`] wrote; `None` when the bytes are of
    /// another format or stamp, cut short or damaged.
    pub(super) fn from_bytes(bytes: &[u8], stamp: &str) -> Option<Bridges> {
        let mut r = crate::corpus::record::Reader::new(bytes.strip_prefix(BRIDGES_MAGIC)?);
        if r.str()? != stamp {
            return None;
        }
        let longest = r.usize()?;
        let rest = r.rest();
        let bridges = Bridges {
            groups: rest.to_vec(),
            longest,
        };
        // Read through once: damaged bytes are found now, not per lookup.
        bridges.walk(|_, _| true)?;
        Some(bridges)
    }
}

impl Index {
    /// What `org:NAME` matches: the organisation field's words as a phrase,
    /// or any of the names the thesaurus gives as the same acronym
    /// (`org:FTN` finds the Foundation Trust Network's reports, and
    /// `org:"Care Quality Commission"` those written `CQC`).
    pub(super) fn organisation_query(&self, name: &str) -> Option<Box<dyn Query>> {
        let field = self.fields.org;
        let names = self.organisation_names(name);
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = names
            .iter()
            .filter_map(|words| super::compile::phrase_or_term(field, words))
            .map(|q| (Occur::Should, q))
            .collect();
        match alternatives.len() {
            0 => None,
            1 => alternatives.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(alternatives))),
        }
    }

    /// Whether `org:NAME` names an organisation or author of some report
    /// (the field `org:` searches holds both): its words (or an acronym's)
    /// in a row in one of them.
    pub(super) fn names_an_organisation(&self, name: &str) -> bool {
        let mut organisations = self.organisations();
        organisations.extend(
            self.corpus()
                .reports
                .iter()
                .flat_map(|r| r.authors.iter())
                .map(|a| analysis::plain_terms(a)),
        );
        self.organisation_names(name).iter().any(|words| {
            !words.is_empty()
                && organisations
                    .iter()
                    .any(|o| o.windows(words.len()).any(|w| w == words.as_slice()))
        })
    }

    /// Each report's organisation, as plain words.
    fn organisations(&self) -> Vec<Vec<String>> {
        self.corpus()
            .reports
            .iter()
            .filter_map(|r| r.organisation.as_deref())
            .map(analysis::plain_terms)
            .collect()
    }

    /// The names `org:NAME` stands for, as plain words: the name, and an
    /// acronym's expansion that names an organisation of the corpus.
    fn organisation_names(&self, name: &str) -> Vec<Vec<String>> {
        let mut names: Vec<Vec<String>> = vec![analysis::plain_terms(name)];
        let stems: Vec<String> = analysis::words(name).into_iter().map(|w| w.stem).collect();
        // Only a group that names an organisation of the corpus exactly:
        // `FT` is "foundation trust", a kind of trust, which would match
        // the Foundation Trust Network as a phrase inside its name.
        let organisations = self.organisations();
        for (kind, terms) in self.bridges().others(&stems, name) {
            let group: Vec<Vec<String>> = terms
                .iter()
                .map(|t| analysis::plain_terms(&t.shown))
                .collect();
            let names_one = group
                .iter()
                .chain(std::iter::once(&names[0]))
                .any(|g| organisations.contains(g));
            if kind == TermKind::Acronym && names_one {
                names.extend(group);
            }
        }
        names.dedup();
        names
    }

    /// Whether `typed` (two to four words) is a thesaurus term.
    pub(super) fn names_term(&self, typed: &str) -> bool {
        self.bridges().has(&analysis::stem_terms(typed))
    }

    /// The corpus's thesaurus, read on first use (a folder's own file, else
    /// the bundled one; its problems are for `evidence check` to list).
    pub(super) fn bridges(&self) -> &Bridges {
        self.bridges.get_or_init(|| {
            let source = crate::corpus::CorpusSource::from_origin(&self.corpus.origin);
            let stamp = crate::corpus::thesaurus_stamp(&source);
            // Read as the index last saved it, when the thesaurus is the same:
            // parsing it and stemming its terms costs a few milliseconds,
            // more than a search.
            let saved = self.info.path.as_ref().map(|dir| dir.join(BRIDGES_FILE));
            if let Some(bridges) = saved
                .as_ref()
                .and_then(|path| std::fs::read(path).ok())
                .and_then(|bytes| Bridges::from_bytes(&bytes, &stamp))
            {
                return bridges;
            }
            let bridges = Bridges::new(&crate::corpus::load_thesaurus(&source).0);
            // Best effort: an index folder that takes no file is searched all
            // the same, reading the thesaurus each time.
            if let Some(path) = saved {
                let _ = crate::atomic::write(&path, &bridges.to_bytes(&stamp));
            }
            bridges
        })
    }

    /// Forms of a word that the reports use, when they never use the word
    /// itself: the word with an ending that inflects it (`owner` →
    /// `owners`, `ownership`; not `cent` → `centre` or `central`, which only
    /// start with it) and the words it may inflect (`stronger` → `strong`).
    pub(super) fn other_forms(&self, plain: &str) -> Vec<String> {
        // Inflections, and `-ship`, which keeps a role's meaning: a
        // derivational ending changes it too often (`mill` → `millions`,
        // `part` → `party`, `person` → `personal`).
        const ENDINGS: [&str; 8] = ["s", "es", "d", "ed", "ing", "ings", "ship", "ships"];
        let mut out = Vec::new();
        if plain.len() >= 4 {
            let (longer, _) = self.prefix_terms(plain, 40);
            out.extend(longer.into_iter().filter(|w| {
                w.strip_prefix(plain)
                    .is_some_and(|ending| ENDINGS.contains(&ending))
            }));
        }
        for base in lexicon::base_forms(plain).into_iter().skip(1) {
            // A word that only looks like a plural, which the stemmer keeps
            // apart (`news` is not `new`s).
            if plain.strip_suffix('s') == Some(base.as_str())
                && analysis::stem_word(plain) != analysis::stem_word(&base)
            {
                continue;
            }
            let used = [self.fields.plain, self.fields.plain_meta]
                .iter()
                .any(|&field| {
                    self.reader
                        .searcher()
                        .doc_freq(&tantivy::Term::from_field_text(field, &base))
                        .is_ok_and(|n| n > 0)
                });
            if used && !out.contains(&base) {
                out.push(base);
            }
        }
        out
    }

    /// Words the reports use that are derived from a word (or its base):
    /// `risks` → `risky`, `independent` → `independence`? no: only the
    /// suffixes that keep a word's meaning (`-y`, `-ly`, `-ness`, `-ment`,
    /// `-ity`, `-ion`, …), not agent nouns (`care` → `career`).
    pub(super) fn derived_forms(&self, plain: &str) -> Vec<String> {
        const SUFFIXES: [&str; 18] = [
            "y", "ly", "ily", "ier", "iest", "al", "ally", "ness", "ment", "ments", "ful", "ity",
            "ities", "ive", "ively", "ion", "ions", "ation",
        ];
        let mut out: Vec<String> = Vec::new();
        for base in lexicon::base_forms(plain) {
            if base.len() < 4 {
                continue;
            }
            let (longer, _) = self.prefix_terms(&base, 40);
            for w in longer {
                let derived = w
                    .strip_prefix(base.as_str())
                    .is_some_and(|rest| SUFFIXES.contains(&rest));
                if derived && w != plain && !out.contains(&w) {
                    out.push(w);
                }
            }
        }
        out
    }

    /// Each segment's term lists of unstemmed words: the text's, then the
    /// reports' titles, organisations and authors'.
    fn plain_term_lists(
        &self,
    ) -> Vec<(
        tantivy::SegmentReader,
        std::sync::Arc<tantivy::InvertedIndexReader>,
    )> {
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            for field in [self.fields.plain, self.fields.plain_meta] {
                if let Ok(inverted) = segment.inverted_index(field) {
                    out.push((segment.clone(), inverted));
                }
            }
        }
        out
    }

    /// Indexed plain words within `distance` edits of `word`.
    pub(super) fn fuzzy_terms(&self, word: &str, distance: u8) -> Vec<String> {
        // A plain scan of the term dictionary with a bounded edit distance:
        // building tantivy's Levenshtein automaton for two edits costs more
        // (a few hundred milliseconds per process) than scanning every term.
        let target: Vec<char> = word.chars().collect();
        let max = usize::from(distance);
        let mut found: Vec<(usize, String)> = Vec::new();
        let mut distance = Distance::default();
        for (segment, inverted) in self.plain_term_lists() {
            let Ok(mut stream) = inverted.terms().stream() else {
                continue;
            };
            while stream.advance() {
                let key = stream.key();
                // A character takes one to four bytes: a term whose bytes
                // are too few or too many cannot be near, unread.
                if key.len() + max < target.len() || key.len() > (target.len() + max) * 4 {
                    continue;
                }
                let Ok(s) = std::str::from_utf8(key) else {
                    continue;
                };
                let len = s.chars().count();
                if len.abs_diff(target.len()) > max {
                    continue;
                }
                if let Some(d) = distance.within(&target, s, max)
                    && d > 0
                    && !found.iter().any(|(_, f)| f == s)
                    && has_live_passage(&segment, &inverted, stream.value())
                {
                    found.push((d, s.to_string()));
                }
            }
        }
        // The nearest only: a word one edit away is what was meant, not
        // one two away. Two edits away, a word the typed one is a
        // subsequence of (letters left out, the commonest slip) is meant
        // before a word that drops or changes the typed letters:
        // `franchse` is `franchises`, not `france` or `francis`.
        found.sort();
        if let Some(&(best, _)) = found.first() {
            found.retain(|&(d, _)| d == best);
            let has_all = |s: &str| is_subsequence(&target, s);
            if best >= 2 && found.iter().any(|(_, s)| has_all(s)) {
                found.retain(|(_, s)| has_all(s));
            }
        }
        found.truncate(20);
        found.into_iter().map(|(_, s)| s).collect()
    }

    /// Indexed plain words starting with `prefix` (at most `max`), and whether there were more.
    pub(super) fn prefix_terms(&self, prefix: &str, max: usize) -> (Vec<String>, bool) {
        let mut found: Vec<String> = Vec::new();
        let mut more = false;
        for (segment, inverted) in self.plain_term_lists() {
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream()
            else {
                continue;
            };
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                if let Ok(s) = std::str::from_utf8(key)
                    && !found.iter().any(|f| f == s)
                    && has_live_passage(&segment, &inverted, stream.value())
                {
                    if found.len() >= max {
                        more = true;
                        break;
                    }
                    found.push(s.to_string());
                }
            }
        }
        found.sort();
        (found, more)
    }
}

/// Whether `word`'s letters are all in `other`, in order.
fn is_subsequence(word: &[char], other: &str) -> bool {
    let mut letters = other.chars();
    word.iter().all(|c| letters.any(|o| o == *c))
}

/// Whether some passage of `segment` that is not deleted has the term of
/// `info`. An update deletes a changed report's passages, but their words
/// stay in the segment's dictionary until it is merged: a word offered as
/// a correction or a completion must still be in some passage.
fn has_live_passage(
    segment: &tantivy::SegmentReader,
    inverted: &tantivy::InvertedIndexReader,
    info: &tantivy::postings::TermInfo,
) -> bool {
    use tantivy::DocSet;
    let Some(alive) = segment.alive_bitset() else {
        return info.doc_freq > 0;
    };
    let Ok(mut postings) =
        inverted.read_postings_from_terminfo(info, tantivy::schema::IndexRecordOption::Basic)
    else {
        return false;
    };
    let mut doc = postings.doc();
    while doc != tantivy::TERMINATED {
        if alive.is_alive(doc) {
            return true;
        }
        doc = postings.advance();
    }
    false
}

/// The edit distance between two words (insertions, deletions, substitutions
/// and swaps of neighbours each cost one), if it is at most `max`.
#[cfg(test)]
pub(super) fn edit_distance_within(a: &[char], b: &str, max: usize) -> Option<usize> {
    Distance::default().within(a, b, max)
}

#[cfg(test)]
mod tests {
    use super::edit_distance_within;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        edit_distance_within(&a.chars().collect::<Vec<_>>(), b, max)
    }

    #[test]
    fn edit_distances_count_swaps_as_one() {
        assert_eq!(d("bournmouth", "bournemouth", 2), Some(1));
        assert_eq!(d("credentail", "credential", 2), Some(1));
        assert_eq!(d("cheescake", "cheesecake", 1), Some(1));
        assert_eq!(d("merger", "merger", 1), Some(0));
        assert_eq!(d("merger", "margins", 1), None);
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("", "ab", 2), Some(2));
    }
}

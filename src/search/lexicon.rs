//! Offline English for reading a researcher's question: whether a word is an
//! English word at all (SCOWL's British and American word lists), and its
//! synonyms (WordNet 3.0, limited to sets that touch the bundled corpus's
//! vocabulary). Both are generated into `lexicon/` by
//! `scripts/gen-lexicon.py` and embedded; `lexicon/README.md` gives their
//! sources and licences. Nothing here reads a file or knows about tantivy.

/// One word a line, as the analyzer reads words (lowercase, ASCII, no
/// apostrophes), sorted by byte order.
static WORDS: &str = include_str!("../../lexicon/english-words.txt");

/// `word<TAB>synonym|synonym|…`, one word a line (WordNet's synonyms from
/// the word's commonest meaning), sorted by byte order.
static SYNONYMS: &str = include_str!("../../lexicon/synonyms.tsv");

static RELATED: &str = include_str!("../../lexicon/related.tsv");

/// Corpus words close in meaning to an everyday word (see `related.tsv`).
pub fn related(word: &str) -> Vec<&'static str> {
    find_line(RELATED, word)
        .and_then(|line| line.split_once('\t'))
        .map(|(_, o)| o.split('|').collect())
        .unwrap_or_default()
}

/// `word<TAB>zipf × 10`: how common each of the commonest English words is
/// (its Zipf frequency, from `wordfreq`), for the words above 4.0.
static FREQUENCY: &str = include_str!("../../lexicon/frequency.tsv");

/// How rare a word is in English at large, from 1 (rare: a word that tells
/// what a question is about) down to [`MIN_RARITY`] for the commonest
/// (`help`, `matter`, `care`): a word the reports seldom use is no telling
/// word for that when everyone uses it. Zipf 4 or less counts as rare; the
/// share falls linearly to the floor at Zipf 6.5.
pub fn rarity(word: &str) -> f32 {
    let Some(zipf) = zipf(word) else {
        return 1.0;
    };
    ((6.5 - zipf) / 2.5).clamp(MIN_RARITY, 1.0)
}

/// How common a word is in English on the Zipf scale (its frequency per
/// thousand million words, as a logarithm), for words above 4.0; `None`
/// for rarer ones.
pub fn zipf(word: &str) -> Option<f32> {
    find_line(FREQUENCY, word)
        .and_then(|line| line.split_once('\t'))
        .and_then(|(_, n)| n.parse::<f32>().ok())
        .map(|n| n / 10.0)
}

/// The least a common word's weight is scaled by.
pub const MIN_RARITY: f32 = 0.1;

/// Whether `word` (a plain, analysed word) is an English word. A binary
/// search over the embedded list: no start-up cost, about 17 comparisons.
pub fn is_english(word: &str) -> bool {
    find_line(WORDS, word).is_some()
}

/// The line of a sorted text whose key (up to a tab, or the whole line) is
/// `key`: a binary search over the bytes, with no start-up cost.
fn find_line<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let bytes = text.as_bytes();
    let (mut lo, mut hi) = (0usize, bytes.len());
    // Invariant: every line starting before `lo` is less than `word`, every
    // line starting at or after `hi` greater.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // The line holding byte `mid`.
        let start = bytes[..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = bytes[mid..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| mid + i);
        let line = &text[start..end];
        let line_key = line.split_once('\t').map_or(line, |(k, _)| k);
        match line_key.cmp(key) {
            std::cmp::Ordering::Equal => return Some(line),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

/// WordNet's synonyms of a word (or of one of its base forms), from its
/// commonest meaning, in WordNet's order, each once.
pub fn synonyms(word: &str) -> Vec<&'static str> {
    let forms = base_forms(word);
    let mut out: Vec<&'static str> = Vec::new();
    for form in &forms {
        let Some(line) = find_line(SYNONYMS, form) else {
            continue;
        };
        let others = line.split_once('\t').map_or("", |(_, o)| o);
        for other in others.split('|') {
            if !other.is_empty() && !forms.iter().any(|f| f == other) && !out.contains(&other) {
                out.push(other);
            }
        }
    }
    out
}

/// A word and the forms it may be an inflection of, for looking it up in
/// WordNet, whose lemmas are base forms: `owners` → `owner`, `merging` →
/// `merge`, `policies` → `policy`, `stronger` → `strong`.
pub fn base_forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut add = |s: String| {
        if s.len() >= 3 && !out.contains(&s) {
            out.push(s);
        }
    };
    let strip = |suffix: &str| word.strip_suffix(suffix).map(str::to_string);
    if let Some(s) = strip("ies") {
        add(format!("{s}y"));
    }
    for suffix in ["es", "s", "ed", "ing", "er", "est"] {
        if let Some(s) = strip(suffix) {
            // `owner` is no comparative of `own`: a short base is a
            // different word more often than not.
            if matches!(suffix, "er" | "est") && s.len() < 4 {
                continue;
            }
            add(s.clone());
            add(format!("{s}e"));
            // A doubled consonant: `planned` → `plan`.
            let b = s.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                add(s[..s.len() - 1].to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_words_are_english_and_typos_are_not() {
        for w in [
            "stronger", "ideal", "owner", "owners", "mergers", "a", "zoos",
        ] {
            assert!(is_english(w), "{w}");
        }
        for w in [
            "credentaling",
            "bournmouth",
            "cheescake",
            "zzzz",
            "",
            "aaaaaaaaaaaaaaaa",
        ] {
            assert!(!is_english(w), "{w}");
        }
        // The first and last lines are found too.
        let first = WORDS.lines().next().unwrap_or_default();
        let last = WORDS.lines().last().unwrap_or_default();
        assert!(is_english(first) && is_english(last));
    }

    #[test]
    fn a_number_word_has_no_related_words() {
        // Its nearest terms were words of quantity (`three`: `multiple`),
        // which a search for "three million pounds" does not mean.
        for w in ["two", "three", "four", "ten", "hundred", "million", "half"] {
            assert!(related(w).is_empty(), "{w}: {:?}", related(w));
        }
        assert!(!related("paid").is_empty());
    }

    #[test]
    fn the_word_list_is_sorted_as_the_search_needs() {
        let mut previous = "";
        for line in WORDS.lines() {
            assert!(line > previous, "{previous:?} then {line:?}");
            assert!(line.bytes().all(|b| b.is_ascii_lowercase()), "{line:?}");
            previous = line;
        }
    }

    #[test]
    fn synonyms_come_from_the_commonest_meaning_of_a_word_or_its_base_form() {
        assert!(
            synonyms("boss").contains(&"chief"),
            "{:?}",
            synonyms("boss")
        );
        assert!(synonyms("bosses").contains(&"chief"));
        assert!(!synonyms("boss").contains(&"boss"));
        assert!(synonyms("qwertyuiop").is_empty());
        // Not from a rarer meaning: a branch is no offset.
        assert!(!synonyms("branches").contains(&"offset"));
    }

    #[test]
    fn the_synonym_list_is_sorted_by_word() {
        let mut previous = "";
        for line in SYNONYMS.lines() {
            let (word, others) = line.split_once('\t').unwrap_or_default();
            assert!(word > previous, "{previous:?} then {word:?}");
            assert!(!others.is_empty(), "{line:?}");
            previous = word;
        }
    }

    #[test]
    fn base_forms_undo_common_inflections() {
        let forms = base_forms("policies");
        assert!(forms.contains(&"policy".to_string()), "{forms:?}");
        assert!(base_forms("planned").contains(&"plan".to_string()));
        assert!(base_forms("merging").contains(&"merge".to_string()));
        assert!(base_forms("stronger").contains(&"strong".to_string()));
        assert_eq!(base_forms("is"), ["is"]);
    }
}

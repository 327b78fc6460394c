//! Text analysis shared by indexing, querying and highlighting, so the three
//! always agree on what a word is.
//!
//! Words are runs of letters and digits; an apostrophe inside a word (straight or
//! typographic) is dropped, so `King’s`, `King's` and `Kings` are one word, and so
//! are a soft hyphen and the zero-width joiners (`organi\u{ad}sation`, as web
//! pages and PDFs break words, is `organisation`); an accent written as a
//! combining mark after its letter (`cafe\u{301}`, as macOS and some PDFs write
//! `café`) is part of the word, joined to its letter, so the word is the one
//! written precomposed (and folded as it is); every
//! other character, dashes included, separates words, so `tele-ICU` is `tele icu`.
//! Chinese and Japanese, written without spaces, are read a character to a
//! word, so that a query's run of characters is searched as a phrase.
//! Words are lowercased and folded to ASCII; the stemmed analyzer then applies the
//! English stemmer, the plain one does not (it serves prefix and typo matching).

use std::collections::HashMap;
use std::sync::OnceLock;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Name of the stemmed analyzer registered with the index.
pub const STEMMED: &str = "evidence_stemmed";
/// Name of the unstemmed analyzer registered with the index.
pub const PLAIN: &str = "evidence_plain";
/// Name of the analyzer that keeps only common words written in capitals
/// (see [`shouted`]).
pub const SHOUTED: &str = "evidence_shouted";

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Characters inside a word that are not written: the soft hyphen (where a
/// word may break), the zero-width non-joiner and joiner, and the word
/// joiner.
pub fn is_invisible_joiner(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200c}' | '\u{200d}' | '\u{2060}')
}

/// A character of a script written without spaces between words: Chinese
/// characters (CJK ideographs), and Japanese kana.
pub fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}' // ideographs, extension A
        | '\u{4e00}'..='\u{9fff}' // ideographs
        | '\u{f900}'..='\u{faff}' // compatibility ideographs
        | '\u{20000}'..='\u{2ffff}' // ideographs, extensions B on
    )
}

/// A combining accent of the Latin, Greek and Cyrillic scripts (the
/// combining diacritical marks and their supplements), which a word joins
/// to its letter.
fn is_combining_accent(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Splits text into words, joining across apostrophes inside a word.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of [`WordTokenizer`].
pub struct WordStream<'a> {
    text: &'a str,
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        let rest = &self.text[self.at..];
        let Some((start_rel, _)) = rest.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
            self.at = self.text.len();
            return false;
        };
        let start = self.at + start_rel;
        let mut end = start;
        let mut accented = false;
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            // Most of any text: a letter or digit of ASCII.
            if c.is_ascii_alphanumeric() {
                self.token.text.push(c);
                end = start + i + 1;
                continue;
            }
            if !c.is_ascii() && is_unspaced(c) {
                // Chinese and Japanese write no spaces between words: each
                // character is a word, and a query's run of them a phrase.
                if i == 0 {
                    self.token.text.push(c);
                    end = start + c.len_utf8();
                }
                break;
            }
            if c.is_alphanumeric() {
                self.token.text.push(c);
                end = start + i + c.len_utf8();
            } else if is_combining_accent(c) {
                // `cafe\u{301}`: the accent is the letter's; the word goes on,
                // and a highlight of it takes the accent too. Joined to its
                // letter below, the word is the one written precomposed.
                self.token.text.push(c);
                accented = true;
                end = start + i + c.len_utf8();
            } else if (is_apostrophe(c) || is_invisible_joiner(c))
                && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
            {
                // `King’s`, `organi\u{ad}sation`: the word goes on.
            } else {
                break;
            }
        }
        if accented {
            use unicode_normalization::UnicodeNormalization;
            self.token.text = self.token.text.nfc().collect();
        }
        acronym_plural(&mut self.token.text);
        british_spelling(&mut self.token.text);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        self.at = end;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The plural of an acronym read as the acronym: `FTs` as `FT`, `ICUs` as
/// `ICU`. The stemmer cannot see it (it leaves `fts` alone, having no vowel
/// to stem after), so without this `FT` missed every passage on `FTs`.
fn acronym_plural(word: &mut String) {
    let b = word.as_bytes();
    if b.len() >= 3 && b[b.len() - 1] == b's' && b[..b.len() - 1].iter().all(u8::is_ascii_uppercase)
    {
        word.pop();
    }
}

/// US `-ize`/`-ization`/`-yze` endings read as the British `-ise`/`-isation`/`-yse`
/// the corpus uses, so `standardization` finds `standardisation`. Only after a
/// stem of four letters or more, which leaves `size`, `prize` and `seize` alone.
fn british_spelling(word: &mut String) {
    const ENDINGS: [&str; 10] = [
        "izations", "ization", "izers", "izer", "izing", "ized", "izes", "ize", "yzed", "yze",
    ];
    // Cheap test first: every ending has a `z` in its last eight bytes.
    let bytes = word.as_bytes();
    let tail = &bytes[bytes.len().saturating_sub(8)..];
    if !tail.iter().any(|b| b.eq_ignore_ascii_case(&b'z')) {
        return;
    }
    for ending in ENDINGS {
        let Some(start) = word.len().checked_sub(ending.len()) else {
            continue;
        };
        if start >= 4 && word.is_char_boundary(start) && word[start..].eq_ignore_ascii_case(ending)
        {
            // The `z` is the ending's second letter; keep the word's case.
            let at = start + 1;
            let upper = word[at..].starts_with('Z');
            word.replace_range(at..at + 1, if upper { "S" } else { "s" });
            return;
        }
    }
}

/// Words lowercased, folded and stemmed: the main search field's analysis.
pub fn stemmed() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

/// The English Snowball stemmer with a memo of the words it has stemmed.
///
/// Text follows Zipf's law: a few thousand words make up most of any corpus,
/// so an indexing thread stems each distinct word once and looks the rest up.
/// The memo belongs to one analyzer (one per indexing thread) and is emptied
/// when it reaches [`STEM_MEMO_MAX`] words, so a huge vocabulary cannot grow it
/// without bound.
#[derive(Clone, Copy, Default)]
pub struct CachedStemmer;

/// Most words an analyzer's stem memo holds before it starts again.
pub const STEM_MEMO_MAX: usize = 100_000;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            memo: HashMap::new(),
        }
    }
}

/// A tokenizer whose words come out stemmed (see [`CachedStemmer`]).
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    memo: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() >= STEM_MEMO_MAX {
            self.memo.clear();
        }
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    memo: &'a mut HashMap<String, String>,
}

/// Words the English Snowball stemmer cuts to the stem of a word that means
/// something else, given a stem of their own: `accountability` is not
/// `accounts`, an `experiment` not `experience`, `authority` not
/// `author`, a `university` not `universal`.
const STEM_OVERRIDES: [(&str, &str); 17] = [
    ("accountability", "accountabl"),
    ("accountabilities", "accountabl"),
    ("accountable", "accountabl"),
    ("authorities", "authorit"),
    ("authority", "authorit"),
    ("authoritative", "authorit"),
    ("experiment", "experiment"),
    ("experimental", "experiment"),
    ("experimentally", "experiment"),
    ("experimentation", "experiment"),
    ("experimented", "experiment"),
    ("experimenting", "experiment"),
    ("experiments", "experiment"),
    ("universities", "universit"),
    ("university", "universit"),
    ("unaccountable", "unaccountabl"),
    ("unaccountability", "unaccountabl"),
];

/// A word's stem: [`STEM_OVERRIDES`] (also for a possessive, which the
/// tokenizer writes without its apostrophe: `authority's` is
/// `authoritys`), else the English Snowball stemmer's.
pub fn stem_word(word: &str) -> String {
    let own = |w: &str| {
        STEM_OVERRIDES
            .iter()
            .find(|(o, _)| *o == w)
            .map(|(_, s)| *s)
    };
    match own(word).or_else(|| word.strip_suffix('s').and_then(own)) {
        Some(stem) => stem.to_string(),
        None => english().stem(word).into_owned(),
    }
}

fn english() -> &'static frostem::Stemmer {
    static STEMMER: OnceLock<frostem::Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| frostem::Stemmer::new(frostem::Algorithm::English))
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.memo.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
        } else {
            let stem = stem_word(&token.text);
            let word = std::mem::replace(&mut token.text, stem.clone());
            self.memo.insert(word, stem);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Words lowercased and folded, not stemmed.
pub fn plain() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Only the common words a text writes in capitals (`IT`, `US`, `WHO`),
/// lowercased: an acronym that is also an everyday word is told from the
/// word by its capitals alone, so it has a field of its own. Every other
/// word is left out, so the field holds a few words a passage at most.
pub fn shouted() -> TextAnalyzer {
    TextAnalyzer::builder(ShoutedTokenizer::default())
        .filter(AsciiFoldingFilter)
        .build()
}

/// Whether a word as written is in capitals: at least two letters, none
/// lowercase, but for an acronym's plural `s` (`ITs`).
pub fn in_capitals(written: &str) -> bool {
    // `IT’s` is `ITs` to the tokenizer (and `organi\u{ad}sation` one word).
    let written: String = written
        .chars()
        .filter(|&c| !is_apostrophe(c) && !is_invisible_joiner(c))
        .collect();
    let bare = written
        .strip_suffix('s')
        .filter(|b| b.chars().count() >= 2)
        .unwrap_or(&written);
    bare.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && bare.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
}

/// Whether a text has a lowercase letter: one without is all in
/// capitals, whose common words are not acronyms (see [`shouted`]).
pub fn has_lowercase(text: &str) -> bool {
    text.chars().any(char::is_lowercase)
}

/// Whether `word` (a word of `text`, as [`words`] finds it) is written as
/// an acronym is: in capitals, in a text that is not all in capitals. The
/// highlights and the concordance find what [`shouted`] indexed by it.
pub fn shouted_in(text: &str, word: &Word) -> bool {
    in_capitals(&text[word.start..word.end]) && has_lowercase(text)
}

/// The tokenizer of [`shouted`]: the words of [`WordTokenizer`] written in
/// capitals that are common words (see [`super::question::is_stop_word`]),
/// lowercased.
///
/// Most words have at most one capital, so the text is cut at spaces and
/// ASCII punctuation (where a word always ends) and only a piece with two
/// capitals is split into words: a third pass of the word tokenizer over
/// every passage cost the build about 7 %.
#[derive(Clone, Default)]
pub struct ShoutedTokenizer {
    tokens: Vec<Token>,
}

/// The token stream of [`ShoutedTokenizer`].
pub struct ShoutedStream<'a> {
    tokens: &'a mut Vec<Token>,
    at: usize,
}

impl Tokenizer for ShoutedTokenizer {
    type TokenStream<'a> = ShoutedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ShoutedStream<'a> {
        self.tokens.clear();
        // A text all in capitals (a heading, `WHAT IT MEANS FOR US`) says
        // its common words so: they are the words, not acronyms.
        if !has_lowercase(text) {
            return ShoutedStream {
                tokens: &mut self.tokens,
                at: 0,
            };
        }
        let bytes = text.as_bytes();
        let ends_word = |b: u8| b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'\'';
        let mut words = WordTokenizer::default();
        let mut start = 0;
        while start < bytes.len() {
            let end = bytes[start..]
                .iter()
                .position(|&b| ends_word(b))
                .map_or(bytes.len(), |n| start + n);
            let capitals = bytes[start..end]
                .iter()
                .filter(|b| b.is_ascii_uppercase())
                .count();
            if capitals >= 2 {
                let piece = &text[start..end];
                let mut stream = words.token_stream(piece);
                while stream.advance() {
                    let t = stream.token();
                    if in_capitals(&t.text) && super::question::is_stop_word(&t.text) {
                        self.tokens.push(Token {
                            offset_from: start + t.offset_from,
                            offset_to: start + t.offset_to,
                            position: self.tokens.len(),
                            text: t.text.to_lowercase(),
                            position_length: 1,
                        });
                    }
                }
            }
            start = end + 1;
        }
        ShoutedStream {
            tokens: &mut self.tokens,
            at: 0,
        }
    }
}

impl TokenStream for ShoutedStream<'_> {
    fn advance(&mut self) -> bool {
        self.at += 1;
        self.at <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at - 1]
    }
}

/// One word of a text: where it is, and its plain and stemmed forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub plain: String,
    pub stem: String,
}

/// Analyses a text into words with both forms (the two analyzers split alike).
pub fn words(text: &str) -> Vec<Word> {
    // One pair of analyzers a thread: building one costs more than
    // analysing a short text, and the stemmer's memo carries over.
    thread_local! {
        static ANALYZERS: std::cell::RefCell<(TextAnalyzer, TextAnalyzer)> =
            std::cell::RefCell::new((plain(), stemmed()));
    }
    ANALYZERS.with(|analyzers| {
        let (plain_analyzer, stem_analyzer) = &mut *analyzers.borrow_mut();
        let mut out = Vec::new();
        let mut stream = plain_analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push(Word {
                start: t.offset_from,
                end: t.offset_to,
                plain: t.text.clone(),
                stem: String::new(),
            });
        }
        let mut stream = stem_analyzer.token_stream(text);
        let mut i = 0;
        while stream.advance() {
            if let Some(w) = out.get_mut(i) {
                w.stem = stream.token().text.clone();
            }
            i += 1;
        }
        out
    })
}

/// The unstemmed forms of a text's words.
pub fn plain_terms(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.plain).collect()
}

/// The stemmed forms of a text's words.
pub fn stem_terms(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.stem).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_the_stemmer_would_merge_with_others_keep_their_own_stems() {
        let stem = |w: &str| stem_word(w);
        assert_ne!(stem("accountability"), stem("accounts"));
        assert_eq!(stem("accountability"), stem("accountable"));
        assert_ne!(stem("experiment"), stem("experience"));
        assert_eq!(stem("experiments"), stem("experimental"));
        assert_ne!(stem("authority"), stem("author"));
        assert_ne!(stem("university"), stem("universal"));
        // A possessive, its apostrophe gone.
        assert_eq!(stem("authoritys"), stem("authority"));
        assert_eq!(words("the authority’s plan")[1].stem, stem("authority"));
        // Every other word as the stemmer has it.
        assert_eq!(stem("mergers"), "merger");
        // Through the analyzer too.
        let w = words("Accountability and accounts");
        assert_ne!(w[0].stem, w[2].stem);
    }

    #[test]
    fn apostrophes_join_and_dashes_split() {
        let w = words("The King’s Fund, King's and kings; tele-ICU – done.");
        let plain: Vec<&str> = w.iter().map(|w| w.plain.as_str()).collect();
        assert_eq!(
            plain,
            [
                "the", "kings", "fund", "kings", "and", "kings", "tele", "icu", "done"
            ]
        );
        assert_eq!(&"The King’s Fund"[w[1].start..w[1].end], "King’s");
        assert_eq!(w[1].stem, "king");
        assert_eq!(w[5].stem, "king");
    }

    #[test]
    fn the_shouted_field_keeps_only_common_words_in_capitals() {
        let mut analyzer = shouted();
        let mut stream =
            analyzer.token_stream("It said IT and ITs, the US and us, WHO and NHS, It IS so.");
        let mut kept = Vec::new();
        while stream.advance() {
            kept.push(stream.token().text.clone());
        }
        // `NHS` is no common word; `It` is a capital, not capitals.
        assert_eq!(kept, ["it", "it", "us", "who", "is"]);
        assert!(in_capitals("ITs") && in_capitals("US") && !in_capitals("It"));
        assert!(in_capitals("IT’s") && in_capitals("IT's"));
        // A heading in capitals says its words so.
        let mut heading = shouted();
        assert!(!heading.token_stream("WHAT IT MEANS FOR US").advance());
        assert!(!in_capitals("I") && !in_capitals("s"));
    }

    #[test]
    fn an_acronyms_plural_is_the_acronym() {
        assert_eq!(
            stem_terms("FTs and ICUs, CEO's IDs"),
            stem_terms("FT and ICU, CEO ID")
        );
        // Words that only look like it are left alone.
        assert_eq!(plain_terms("Its ideas"), ["its", "ideas"]);
        assert_eq!(plain_terms("Ss"), ["ss"]);
    }

    #[test]
    fn us_spellings_read_as_british() {
        let w = words("Standardization organized analyze size prize seize");
        let plain: Vec<&str> = w.iter().map(|w| w.plain.as_str()).collect();
        assert_eq!(
            plain,
            [
                "standardisation",
                "organised",
                "analyse",
                "size",
                "prize",
                "seize"
            ]
        );
        assert_eq!(w[0].stem, words("standardisation")[0].stem);
    }

    #[test]
    fn the_stem_memo_gives_what_the_stemmer_gives() {
        let text = "organisations organising organised governance governing boards board's";
        let mut reference = TextAnalyzer::builder(WordTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(tantivy::tokenizer::Stemmer::new(
                tantivy::tokenizer::Language::English,
            ))
            .build();
        let collect = |analyzer: &mut TextAnalyzer| {
            let mut out = Vec::new();
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                out.push(stream.token().text.clone());
            }
            out
        };
        let expected = collect(&mut reference);
        let mut memo = stemmed();
        // Twice: the second pass is served from the memo.
        assert_eq!(collect(&mut memo), expected);
        assert_eq!(collect(&mut memo), expected);
        assert_eq!(expected[0], "organis");
    }

    #[test]
    fn a_trailing_apostrophe_is_not_part_of_the_word() {
        let w = words("patients’ interests");
        assert_eq!(w[0].plain, "patients");
        assert_eq!(w[0].end, "patients".len());
    }

    #[test]
    fn soft_hyphens_and_written_apart_accents_keep_a_word_whole() {
        let text = "organi\u{ad}sation Zu\u{308}rich nai\u{308}ve cafe\u{301} co\u{200d}op";
        assert_eq!(
            plain_terms(text),
            ["organisation", "zurich", "naive", "cafe", "coop"]
        );
        assert_eq!(
            plain_terms(text),
            plain_terms("organisation Zürich naïve café coop")
        );
        // A highlight of the word takes its accent: none is left behind.
        let w = words(text);
        assert_eq!(&text[w[3].start..w[3].end], "cafe\u{301}");
        // A soft hyphen at a word's end, or alone, is no word.
        assert_eq!(plain_terms("end\u{ad} \u{ad}"), ["end"]);
        // Cyrillic, which ASCII folding leaves alone: `и` and a breve is `й`.
        assert_eq!(plain_terms("и\u{306}"), plain_terms("й"));
    }

    #[test]
    fn chinese_and_japanese_are_read_a_character_to_a_word() {
        let text = "日本の病院では合併が進んでいる。Tokyo病院";
        let w = words(text);
        let plain: Vec<&str> = w.iter().map(|w| w.plain.as_str()).collect();
        assert_eq!(
            plain,
            [
                "日", "本", "の", "病", "院", "で", "は", "合", "併", "が", "進", "ん", "で", "い",
                "る", "tokyo", "病", "院"
            ]
        );
        assert_eq!(&text[w[3].start..w[3].end], "病");
        // Hangul is written with spaces: its words stay whole.
        assert_eq!(plain_terms("병원 합병"), ["병원", "합병"]);
    }
}

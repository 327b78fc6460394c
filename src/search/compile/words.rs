//! Compiling one word of a query: its stem where the index has it, or'd
//! with what means the same (thesaurus acronyms and synonyms, other forms,
//! WordNet, related words), and for a word that is no word at all its near
//! spellings; each weighted below the word itself.

use super::*;

impl Index {
    /// A plain word: its stem where the index has it (a word the analyzer
    /// splits, `tele-ICU`, is a phrase of its parts), or'd with what means
    /// the same (see [`Index::bridged`]); for a word no report uses and no
    /// English word either, its near spellings, with a note, weighted below
    /// an exact match.
    pub(super) fn word_query(
        &self,
        w: &str,
        reading: Reading,
        terms: &mut Terms,
        notes: &mut Vec<String>,
        expanded: &mut Expanded,
    ) -> Option<Matched> {
        if let Some(word) = self.shouted(w) {
            return Some(self.shouted_query(&word, w, reading, terms, expanded));
        }
        let words = analysis::words(w);
        let stems: Vec<String> = words.iter().map(|w| w.stem.clone()).collect();
        if stems.is_empty() {
            return None;
        }
        let stem = (stems.len() == 1).then(|| stems[0].clone());
        let own_df = self.min_doc_freq(&stems);
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        if own_df > 0 || stems.len() > 1 {
            terms.stems.extend(stems.iter().cloned());
            terms.unit(Unit::stems(&stems, None));
            alternatives.push(self.text_query_for(&stems, reading));
            // The form typed ranks above its other forms (`local` above
            // `locality`): a passage with the word as typed also has its
            // stem, so this lifts passages without adding any.
            if let [word] = words.as_slice() {
                alternatives.push(Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.plain, &word.plain),
                        IndexRecordOption::WithFreqs,
                    )),
                    EXACT_FORM_WEIGHT,
                )));
            }
        }
        let (more, df, surest) = self.bridged(&stems, w, own_df, reading, terms, expanded);
        // The word and what means the same are one concept: a passage that
        // has both scores as the better of them, not their sum, so that a
        // synonym cannot double a word's weight against the question's
        // other words. (A word no report uses keeps the sum of its
        // synonyms: as one disjunction too, the development set lost a
        // question at rank 1, hit@1 0.569 -> 0.561.)
        if !more.is_empty() && !alternatives.is_empty() {
            let own =
                any_of(std::mem::take(&mut alternatives)).unwrap_or_else(|| Box::new(EmptyQuery));
            let mut disjuncts = vec![own];
            disjuncts.extend(more);
            alternatives.push(Box::new(DisjunctionMaxQuery::with_tie_breaker(
                disjuncts,
                SYNONYM_TIE,
            )));
        } else {
            alternatives.extend(more);
        }
        if alternatives.is_empty() && own_df == 0 {
            let plain = &words[0].plain;
            let len = plain.chars().count();
            let distance = match len {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            if distance > 0 && words.len() == 1 && !lexicon::is_english(plain) {
                let near = self.fuzzy_terms(plain, distance);
                if !near.is_empty() {
                    notes.push(format!("also matched: {}", near.join(", ")));
                    terms.plains.extend(near.iter().cloned());
                    for p in &near {
                        terms.unit(Unit::plain(p));
                    }
                    // Each near word as the word itself would be searched
                    // (its stem, its report-level matches by the same rule),
                    // so that `mergerf` finds what `merger` finds.
                    let mut near_stems: Vec<String> = near
                        .iter()
                        .flat_map(|p| analysis::words(p).into_iter().map(|w| w.stem))
                        .collect();
                    near_stems.sort();
                    near_stems.dedup();
                    let alternatives = near_stems
                        .iter()
                        .map(|s| {
                            let q = self.text_query_for(std::slice::from_ref(s), reading);
                            (Occur::Should, q)
                        })
                        .collect();
                    return Some(Matched {
                        query: Box::new(BoostQuery::new(
                            Box::new(BooleanQuery::new(alternatives)),
                            TYPO_WEIGHT,
                        )),
                        df: self.max_plain_freq(&near),
                        stem,
                        context: None,
                        sure: TYPO_WEIGHT,
                    });
                }
            }
        }
        let rarity = if words.len() == 1 {
            lexicon::rarity(&words[0].plain)
        } else {
            1.0
        };
        let sure = if own_df > 0 || stems.len() > 1 {
            1.0
        } else {
            surest
        };
        Some(Matched {
            query: any_of(alternatives).unwrap_or_else(|| Box::new(EmptyQuery)),
            df: own_df.max(df),
            stem,
            context: self.context(&stems, reading),
            sure: sure * rarity,
        })
    }

    /// An acronym that is also a common word, typed in capitals (`IT`,
    /// `US`): its word (lowercased), when the thesaurus has it so. Such a
    /// word typed in lowercase is the common word.
    pub(super) fn shouted(&self, typed: &str) -> Option<String> {
        if !analysis::in_capitals(typed) {
            return None;
        }
        let words = analysis::words(typed);
        let [word] = words.as_slice() else {
            return None;
        };
        (is_stop_word(&word.plain) && self.bridges().is_shouting(&word.stem))
            .then(|| word.plain.clone())
    }

    /// An acronym typed in capitals that is also a common word (see
    /// [`Index::shouted`]): only where the reports write it in capitals,
    /// or'd with its expansions (`information technology`). Never a
    /// report-level match: a title's `it` is the word.
    fn shouted_query(
        &self,
        word: &str,
        typed: &str,
        reading: Reading,
        terms: &mut Terms,
        expanded: &mut Expanded,
    ) -> Matched {
        let term = Term::from_field_text(self.fields.shouted, word);
        let own_df = self.reader.searcher().doc_freq(&term).unwrap_or(0);
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        if own_df > 0 {
            terms.shouted.insert(word.to_string());
            terms.unit(Unit::shouted(word));
            alternatives.push(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)));
        }
        let stems = vec![analysis::stem_word(word)];
        let (more, df, surest) = self.bridged(&stems, typed, own_df, reading, terms, expanded);
        let sure = if own_df > 0 { 1.0 } else { surest };
        let query = if !more.is_empty() && !alternatives.is_empty() {
            let mut disjuncts = alternatives;
            disjuncts.extend(more);
            Box::new(DisjunctionMaxQuery::with_tie_breaker(
                disjuncts,
                SYNONYM_TIE,
            )) as _
        } else {
            alternatives.extend(more);
            any_of(alternatives).unwrap_or_else(|| Box::new(EmptyQuery))
        };
        Matched {
            query,
            df: own_df.max(df),
            stem: None,
            context: None,
            sure,
        }
    }

    /// What means the same as a term (as stems; `typed` as the user wrote
    /// it), each weighted below the term itself: its thesaurus acronyms
    /// always; its thesaurus synonyms in a question, or when the reports
    /// never use the term; and when they never do, its other forms
    /// (`owner` → `ownership`, `stronger` → `strong`) and WordNet's
    /// synonyms. Only what some passage has is searched (and named in
    /// `expanded`). Returns the queries and the most passages one is in.
    pub(super) fn bridged(
        &self,
        stems: &[String],
        typed: &str,
        own_df: u64,
        reading: Reading,
        terms: &mut Terms,
        expanded: &mut Expanded,
    ) -> (Vec<Box<dyn Query>>, u64, f32) {
        let mut found: Vec<(String, Vec<String>, f32, bool)> = Vec::new();
        for (kind, others) in self.bridges().others(stems, typed) {
            let weight = match kind {
                TermKind::Acronym => ACRONYM_WEIGHT,
                TermKind::Synonym if reading == Reading::Question || own_df == 0 => {
                    THESAURUS_WEIGHT
                }
                TermKind::Synonym => continue,
            };
            for t in others {
                found.push((
                    t.shown.clone(),
                    t.stems.clone(),
                    weight,
                    kind == TermKind::Acronym,
                ));
            }
        }
        if reading == Reading::Question && own_df > 0 && stems.len() == 1 {
            let plain = analysis::plain_terms(typed)
                .into_iter()
                .next()
                .unwrap_or_default();
            for form in self.derived_forms(&plain) {
                let s = analysis::stem_terms(&form);
                found.push((form, s, FORM_WEIGHT, false));
            }
        }
        // Related words bridge a word the reports rarely use to theirs
        // (`paid` to `payment`). A word they use often is searched as
        // itself: its related words are other things (`patients` gave
        // `clinicians`), and only widened the hits. Measured on the
        // development set (RELEVANCE.md): hit@1 0.569 → 0.577, MRR 0.668
        // → 0.674, hit@3 0.748 either way.
        if reading == Reading::Question && stems.len() == 1 && self.rare(own_df) {
            let plain = analysis::plain_terms(typed)
                .into_iter()
                .next()
                .unwrap_or_default();
            for t in lexicon::related(&plain) {
                found.push((
                    t.to_string(),
                    analysis::stem_terms(t),
                    RELATED_WEIGHT,
                    false,
                ));
            }
        }
        if own_df == 0 && stems.len() == 1 {
            let plain = analysis::plain_terms(typed)
                .into_iter()
                .next()
                .unwrap_or_default();
            for form in self.other_forms(&plain) {
                let s = analysis::stem_terms(&form);
                found.push((form, s, FORM_WEIGHT, false));
            }
            // A capitalised word no report uses is most likely a name
            // (`Müller`, `Darzi`), whose WordNet "synonyms" would be those
            // of a word it happens to look like (`mull`: think over).
            let name_like = typed.chars().next().is_some_and(char::is_uppercase)
                && typed.chars().skip(1).any(char::is_lowercase);
            if found.is_empty() && !name_like {
                for lemma in lexicon::synonyms(&plain).into_iter().take(8) {
                    let s = analysis::stem_terms(lemma);
                    found.push((lemma.to_string(), s, WORDNET_WEIGHT, false));
                }
            }
        }
        let mut queries = Vec::new();
        let mut most = 0;
        let mut surest: f32 = 0.0;
        let mut named: Vec<String> = Vec::new();
        for (shown, s, weight, acronym) in found {
            if s.is_empty()
                || s == stems
                || named
                    .iter()
                    .any(|n| n.to_lowercase() == shown.to_lowercase())
            {
                continue;
            }
            let df = self.min_doc_freq(&s);
            if df == 0 {
                continue;
            }
            most = most.max(df);
            surest = surest.max(weight);
            named.push(shown);
            // A phrase (`special measures`) is highlighted where it stands
            // whole, from its unit; its words alone are not the synonym.
            if let [one] = s.as_slice()
                && !is_stop_word(one)
            {
                terms.stems.insert(one.clone());
            }
            terms.unit(Unit::stems(&s, Some(typed)));
            // An acronym is the name itself (`FTN` for the Foundation Trust
            // Network): its report-level matches count as the name's do.
            let q = if acronym {
                self.text_query_for(&s, reading)
            } else {
                self.passage_text_query(&s)
            };
            queries.push(Box::new(BoostQuery::new(q, weight)) as _);
        }
        let note = format!("{} (for {typed})", named.join(", "));
        // A word said twice is noted once.
        if !named.is_empty() && !expanded.0.contains(&note) {
            expanded.0.push(note);
        }
        (queries, most, surest)
    }
}

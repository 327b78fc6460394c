//! The query language, parsed without tantivy: words (ANDed), `"phrases"`,
//! `-exclusions`, `OR`, `prefix*`, and the fields `report:`, `theme:`, `org:`
//! and `year:`. Parsing never fails: anything it cannot read is searched as
//! plain words and explained in a note. Turning the result into a tantivy query
//! is `Index`'s job, since that needs the schema and the corpus's ids.

/// The most clauses a query keeps; the rest are dropped with a note.
pub const MAX_CLAUSES: usize = 32;

/// One searchable thing inside a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// A single word (it may analyse into several, e.g. `tele-ICU`).
    Word(String),
    /// A quoted phrase (or word): as written, stemmed, nothing else.
    Phrase(String),
    /// `=word`: the word exactly, not even stemmed.
    Exact(String),
    /// `word*`: any word starting with this.
    Prefix(String),
    /// `report:ID`.
    Report(String),
    /// `theme:ID`.
    Theme(String),
    /// `org:NAME` (a phrase in the organisation field).
    Org(String),
    /// `year:YYYY`.
    Year(String),
}

impl Atom {
    /// True for atoms that restrict by metadata rather than match text.
    pub fn is_field(&self) -> bool {
        matches!(
            self,
            Atom::Report(_) | Atom::Theme(_) | Atom::Org(_) | Atom::Year(_)
        )
    }

    /// The atom as the user would write it.
    pub fn display(&self) -> String {
        match self {
            Atom::Word(w) => w.clone(),
            Atom::Phrase(p) => format!("\"{p}\""),
            Atom::Exact(w) => format!("={w}"),
            Atom::Prefix(p) => format!("{p}*"),
            Atom::Report(v) => format!("report:{v}"),
            Atom::Theme(v) => format!("theme:{v}"),
            Atom::Org(v) => format!("org:\"{v}\""),
            Atom::Year(v) => format!("year:{v}"),
        }
    }
}

/// A clause: one atom, or several joined by OR; `negated` for `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub negated: bool,
    pub any_of: Vec<Atom>,
}

impl Clause {
    /// The clause as the user would write it.
    pub fn display(&self) -> String {
        let inner: Vec<String> = self.any_of.iter().map(Atom::display).collect();
        format!(
            "{}{}",
            if self.negated { "-" } else { "" },
            inner.join(" OR ")
        )
    }
}

/// A parsed query: clauses ANDed together, and notes on what was read loosely.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub clauses: Vec<Clause>,
    pub notes: Vec<String>,
}

impl ParsedQuery {
    /// True when nothing in the query restricts the results.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme {
    Or,
    Item { negated: bool, atom: Atom },
}

fn field_atom(name: &str, value: String) -> Option<Atom> {
    // Report and theme ids are lowercase, so `REPORT:Big-Med` finds big-med.
    match name.to_ascii_lowercase().as_str() {
        "report" => Some(Atom::Report(value.to_lowercase())),
        "theme" => Some(Atom::Theme(value.to_lowercase())),
        "org" | "organisation" | "organization" => Some(Atom::Org(value)),
        "year" => Some(Atom::Year(value)),
        _ => None,
    }
}

/// Reads a word up to whitespace or a quote.
fn take_word(chars: &[char], i: &mut usize) -> String {
    let mut w = String::new();
    while *i < chars.len() && !chars[*i].is_whitespace() && chars[*i] != '"' {
        w.push(chars[*i]);
        *i += 1;
    }
    w
}

/// Reads a quoted string after the opening quote; `None` if it is never closed.
fn take_quoted(chars: &[char], i: &mut usize) -> Option<String> {
    let start = *i;
    while *i < chars.len() && chars[*i] != '"' {
        *i += 1;
    }
    if *i >= chars.len() {
        *i = start;
        return None;
    }
    let s: String = chars[start..*i].iter().collect();
    *i += 1;
    Some(s)
}

fn has_word_chars(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

fn lex(input: &str, notes: &mut Vec<String>) -> Vec<Lexeme> {
    // Commas, semicolons, bars and backslashes join nothing in this
    // language: `merger,chains` is two words, not one that never occurs.
    let chars: Vec<char> = input
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, ',' | ';' | '|' | '\\') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut unbalanced = false;
    let mut brackets = false;
    // `NOT` read before a word: it is left out, as with `-`.
    let mut not = false;
    let mut lone_minus = false;
    let mut no_letters: Vec<String> = Vec::new();
    // Each sign, and the first word that carried it.
    let mut signs: Vec<(char, String)> = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        // `−` (U+2212) as well: the command line passes `-word` on that way.
        let minus = matches!(c, '-' | '\u{2212}');
        let negated_by_minus = minus && chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
        if minus && !negated_by_minus {
            lone_minus = true;
            i += 1;
            continue;
        }
        if negated_by_minus {
            i += 1;
        }
        let negated = negated_by_minus || std::mem::take(&mut not);
        if chars.get(i) == Some(&'"') {
            i += 1;
            match take_quoted(&chars, &mut i) {
                Some(p) if has_word_chars(&p) => out.push(Lexeme::Item {
                    negated,
                    atom: Atom::Phrase(p.trim().to_string()),
                }),
                Some(_) => {}
                None => unbalanced = true,
            }
            continue;
        }
        let mut word = take_word(&chars, &mut i);
        // Other engines' fuzziness and boosts (`merger~2`, `merger^3`): the
        // word alone, with a note.
        if let Some(at) = word.rfind(['~', '^'])
            && at > 0
            && word[at + 1..]
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
        {
            notes.push(format!(
                "`{}` means nothing here (no fuzziness or boosts); searched as `{}`",
                &word[at..],
                &word[..at]
            ));
            word.truncate(at);
        }
        if word == "OR" && !negated {
            out.push(Lexeme::Or);
            continue;
        }
        // Boolean words as other search engines take them, in capitals:
        // `AND` is what words do already, `NOT costs` is `-costs`.
        if word == "AND" && !negated {
            continue;
        }
        if word == "NOT" && !negated {
            not = true;
            continue;
        }
        if word.contains(['(', ')', '[', ']', '{', '}']) {
            brackets = true;
        }
        if let Some((name, value)) = word.split_once(':')
            && !name.is_empty()
        {
            let value = if value.is_empty() && chars.get(i) == Some(&'"') {
                i += 1;
                take_quoted(&chars, &mut i).unwrap_or_else(|| {
                    unbalanced = true;
                    String::new()
                })
            } else {
                value.to_string()
            };
            field_lexemes(name, &value, negated, notes, &mut out);
            continue;
        }
        if let Some(stem) = word.strip_suffix('*') {
            out.extend(prefix_lexeme(stem, negated, notes));
            continue;
        }
        if let Some(exact) = word.strip_prefix('=')
            && has_word_chars(exact)
        {
            out.push(Lexeme::Item {
                negated,
                atom: Atom::Exact(exact.to_string()),
            });
            continue;
        }
        if has_word_chars(&word) {
            // A currency or percent sign is no part of a word the index
            // reads (`£3-6m` is `3` and `6m`): said, since `£3` then
            // matches any 3, a per cent or a factor of 3.
            for c in word.chars().filter(|c| SIGNS.contains(*c)) {
                if !signs.iter().any(|(s, _)| *s == c) {
                    signs.push((c, word.clone()));
                }
            }
            // `tape?` and `(buddying` are the words; the punctuation around
            // them would only show up in notes.
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            out.push(Lexeme::Item {
                negated,
                atom: Atom::Word(word.to_string()),
            });
        } else if word
            .chars()
            .any(|c| !c.is_ascii_punctuation() && !"–—‘’“”…·•«»¿¡′″".contains(c))
            && !no_letters.contains(&word)
        {
            no_letters.push(word);
        }
    }
    if not {
        notes.push("`NOT` with nothing after it leaves nothing out".to_string());
    }
    if lone_minus {
        notes.push(
            "a `-` on its own leaves nothing out: write it against the word, `-costs`".to_string(),
        );
    }
    if let Some((_, example)) = signs.first() {
        let shown: Vec<String> = signs.iter().map(|(c, _)| format!("`{c}`")).collect();
        let parts: Vec<&str> = example
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        notes.push(format!(
            "{} not searched, only letters and digits: `{example}` finds {} wherever {}",
            if shown.len() == 1 {
                format!("{} is", shown[0])
            } else {
                format!("{} are", shown.join(", "))
            },
            parts.join(" and "),
            if parts.len() == 1 {
                "it is"
            } else {
                "they are"
            }
        ));
    }
    if !no_letters.is_empty() {
        notes.push(format!(
            "{} {} no letters or digits to search for: left out",
            no_letters
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if no_letters.len() == 1 { "has" } else { "have" }
        ));
    }
    if unbalanced {
        // The lexer has already read what follows the stray quote as plain words.
        notes.push(if out.is_empty() {
            "unbalanced quote, and nothing else to search for".to_string()
        } else {
            "unbalanced quote: the unquoted part was searched as plain words".to_string()
        });
    }
    if brackets {
        notes.push(if out.is_empty() {
            "brackets are not part of the query language, and there is nothing else to search for"
                .to_string()
        } else {
            "brackets are not part of the query language; searched as plain words".to_string()
        });
    }
    out
}

/// Signs a researcher types on a figure (`£3m`, `40%`) that the index does
/// not read, and that a note names when a word carries one.
const SIGNS: &str = "£$€¥%‰";

/// A `name:value` field as lexemes: the field, or nothing with a note when
/// its value is missing or not of its kind, or its parts as words when no
/// field has that name.
fn field_lexemes(
    name: &str,
    value: &str,
    negated: bool,
    notes: &mut Vec<String>,
    out: &mut Vec<Lexeme>,
) {
    match field_atom(name, value.trim().to_string()) {
        Some(Atom::Year(y)) if !(y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())) => {
            if !y.is_empty() {
                notes.push(format!(
                    "`{name}:{y}` is not a year (write it as year:2014); ignored"
                ));
            } else {
                notes.push(format!("`{name}:` needs a value; ignored"));
            }
        }
        Some(atom) if !value.trim().is_empty() => {
            out.push(Lexeme::Item { negated, atom });
        }
        Some(_) => notes.push(format!("`{name}:` needs a value; ignored")),
        None => {
            notes.push(format!(
                "unknown field `{name}:` (fields are report:, theme:, org:, year:); searched as words"
            ));
            for part in [name, value] {
                if has_word_chars(part) {
                    out.push(Lexeme::Item {
                        negated,
                        atom: Atom::Word(part.to_string()),
                    });
                }
            }
        }
    }
}

/// `stem*` as a lexeme: a prefix; a word when stars are inside it; nothing,
/// with a note, for a lone `*`.
fn prefix_lexeme(stem: &str, negated: bool, notes: &mut Vec<String>) -> Option<Lexeme> {
    let stem = stem.trim_end_matches('*');
    if has_word_chars(stem) && !stem.contains('*') {
        Some(Lexeme::Item {
            negated,
            atom: Atom::Prefix(stem.to_string()),
        })
    } else if has_word_chars(stem) {
        Some(Lexeme::Item {
            negated,
            atom: Atom::Word(stem.replace('*', " ")),
        })
    } else {
        notes.push("a lone `*` matches nothing by itself; ignored".to_string());
        None
    }
}

/// Joins the clauses that each ask for one report into one clause that asks
/// for any of them: a passage is in one report, so `report:a report:b` read
/// as AND would match nothing, and the `--report` flags already mean either.
fn either_report(clauses: &mut Vec<Clause>, notes: &mut Vec<String>) {
    let only_reports =
        |c: &Clause| !c.negated && c.any_of.iter().all(|a| matches!(a, Atom::Report(_)));
    let Some(first) = clauses.iter().position(only_reports) else {
        return;
    };
    if clauses.iter().filter(|c| only_reports(c)).count() < 2 {
        return;
    }
    let mut joined: Vec<Atom> = Vec::new();
    let mut i = 0;
    clauses.retain(|c| {
        let keep = i == first || !only_reports(c);
        if only_reports(c) {
            for atom in &c.any_of {
                if !joined.contains(atom) {
                    joined.push(atom.clone());
                }
            }
        }
        i += 1;
        keep
    });
    if joined.len() > 1 {
        let shown: Vec<String> = joined.iter().map(Atom::display).collect();
        notes.push(format!(
            "a passage is in one report: read as {}",
            shown.join(" OR ")
        ));
    }
    clauses[first].any_of = joined;
}

/// Parses a query. Never fails; see [`ParsedQuery::notes`].
pub fn parse(input: &str) -> ParsedQuery {
    let mut notes = Vec::new();
    let lexemes = lex(input, &mut notes);
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    let mut stray_or = false;
    for (i, lexeme) in lexemes.iter().enumerate() {
        match lexeme {
            Lexeme::Or => {
                let prev_ok = clauses.last().is_some_and(|c| !c.negated) && !pending_or;
                let next_ok = matches!(
                    lexemes.get(i + 1),
                    Some(Lexeme::Item { negated: false, .. })
                );
                if prev_ok && next_ok {
                    pending_or = true;
                } else {
                    stray_or = true;
                }
            }
            Lexeme::Item { negated, atom } => {
                if pending_or
                    && let Some(last) = clauses.last_mut()
                    && last.any_of.iter().all(Atom::is_field) == atom.is_field()
                {
                    last.any_of.push(atom.clone());
                } else {
                    if pending_or {
                        notes.push(
                            "OR joins words with words, or fields with fields; read as AND"
                                .to_string(),
                        );
                    }
                    clauses.push(Clause {
                        negated: *negated,
                        any_of: vec![atom.clone()],
                    });
                }
                pending_or = false;
            }
        }
    }
    if stray_or {
        notes.push("`OR` needs a word on each side; ignored".to_string());
    }
    either_report(&mut clauses, &mut notes);
    if clauses.len() > MAX_CLAUSES {
        notes.push(format!(
            "the query is long; only its first {MAX_CLAUSES} terms were used"
        ));
        clauses.truncate(MAX_CLAUSES);
    }
    if clauses.is_empty() && !input.trim().is_empty() {
        // Said even after the notes on what was left out: "ignored" alone
        // reads as if the rest was searched, and nothing was.
        notes.push(if notes.is_empty() {
            "nothing in the query can be searched for".to_string()
        } else {
            "nothing is left to search for: a search needs a word or a number".to_string()
        });
    }
    if !clauses.is_empty() && clauses.iter().all(|c| c.negated) {
        notes.push("only exclusions given: searching every passage except those".to_string());
    }
    ParsedQuery { clauses, notes }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(q: &str) -> Vec<String> {
        parse(q).clauses.iter().map(Clause::display).collect()
    }

    #[test]
    fn the_language() {
        assert_eq!(show("buddying costs"), ["buddying", "costs"]);
        assert_eq!(
            show("\"due diligence\" -merger"),
            ["\"due diligence\"", "-merger"]
        );
        assert_eq!(
            show("chains OR groups franchis*"),
            ["chains OR groups", "franchis*"]
        );
        assert_eq!(
            show("org:\"King's Fund\" year:2014 report:big-med theme:leadership"),
            [
                "org:\"King's Fund\"",
                "year:2014",
                "report:big-med",
                "theme:leadership"
            ]
        );
        assert_eq!(show("-\"hospital chains\""), ["-\"hospital chains\""]);
    }

    #[test]
    fn reports_asked_for_twice_mean_either_and_themes_both() {
        let q = parse("quality report:big-med REPORT:Cheesecake-Factory theme:a theme:b");
        assert_eq!(
            q.clauses.iter().map(Clause::display).collect::<Vec<_>>(),
            [
                "quality",
                "report:big-med OR report:cheesecake-factory",
                "theme:a",
                "theme:b"
            ]
        );
        assert_eq!(
            q.notes,
            ["a passage is in one report: read as report:big-med OR report:cheesecake-factory"]
        );
        // The same report twice is asked for once, and needs no note.
        let q = parse("x report:a report:b report:A");
        assert_eq!(
            q.clauses.iter().map(Clause::display).collect::<Vec<_>>(),
            ["x", "report:a OR report:b"]
        );
        assert_eq!(
            q.notes,
            ["a passage is in one report: read as report:a OR report:b"]
        );
        let q = parse("x report:big-med REPORT:BIG-MED");
        assert_eq!(
            show("x report:big-med REPORT:BIG-MED"),
            ["x", "report:big-med"]
        );
        assert!(q.notes.is_empty(), "{:?}", q.notes);
        // One report, or reports left out, are as written.
        assert_eq!(show("x report:a -report:b"), ["x", "report:a", "-report:b"]);
        assert!(parse("x report:a -report:b").notes.is_empty());
    }

    #[test]
    fn a_currency_or_percent_sign_on_a_figure_is_said_not_searched() {
        let q = parse("legal costs £3-6m");
        assert_eq!(show("legal costs £3-6m"), ["legal", "costs", "3-6m"]);
        assert_eq!(
            q.notes,
            [
                "`£` is not searched, only letters and digits: `£3-6m` finds 3 and 6m wherever they are"
            ]
        );
        assert_eq!(
            parse("91% and $5").notes,
            ["`%`, `$` are not searched, only letters and digits: `91%` finds 91 wherever it is"]
        );
        assert!(parse("91 per cent").notes.is_empty());
    }

    #[test]
    fn a_query_left_with_nothing_to_search_says_so() {
        // What was left out is said, then that nothing was searched.
        for q in ["year:14", "£", "year:14 £"] {
            let parsed = parse(q);
            assert!(parsed.clauses.is_empty(), "{q}");
            assert_eq!(
                parsed.notes.last().map(String::as_str),
                Some("nothing is left to search for: a search needs a word or a number"),
                "{q}"
            );
            assert!(parsed.notes.len() >= 2, "{q}: {:?}", parsed.notes);
        }
        assert!(parse("").notes.is_empty());
        assert!(
            parse("merger year:14")
                .notes
                .iter()
                .all(|n| !n.contains("nothing"))
        );
    }

    #[test]
    fn a_year_is_four_digits() {
        assert_eq!(show("merger year:2014"), ["merger", "year:2014"]);
        for bad in ["year:abc", "year:201", "year:2014-09", "year:20145"] {
            let q = parse(&format!("merger {bad}"));
            assert_eq!(show(&format!("merger {bad}")), ["merger"], "{bad}");
            assert_eq!(
                q.notes,
                [format!(
                    "`{bad}` is not a year (write it as year:2014); ignored"
                )]
            );
        }
    }

    #[test]
    fn separators_and_other_engines_operators_are_read_as_plain_words() {
        // `,` `;` `|` `\` separate words.
        for q in [
            "merger,chains",
            "merger;chains",
            "merger|chains",
            "merger\\chains",
        ] {
            assert_eq!(parse(q).clauses.len(), 2, "{q}");
        }
        // `~N` and `^N` are dropped, with a note; the word stays.
        for q in ["merger~2", "merger^3", "merger~"] {
            let p = parse(q);
            assert_eq!(p.clauses.len(), 1, "{q}");
            assert_eq!(p.clauses[0].any_of, [Atom::Word("merger".into())], "{q}");
            assert!(p.notes[0].contains("means nothing here"), "{q}");
        }
        // Not inside a word, nor a word of its own.
        assert_eq!(parse("~2").clauses.len(), 1);
    }

    #[test]
    fn loose_input_gives_notes_not_errors() {
        let q = parse("\"unbalanced quote");
        assert_eq!(q.clauses.len(), 2);
        assert!(q.notes[0].contains("unbalanced"));
        for odd in [
            "-", "*", "OR", "OR OR", "a OR", "foo:bar", "(x", "\u{7}", "🙂", "",
        ] {
            let _ = parse(odd);
        }
        assert!(parse("OR").clauses.is_empty());
        assert!(parse("foo:bar").notes[0].contains("unknown field"));
        assert!(parse("(buddying)").notes[0].ends_with("searched as plain words"));
        let only = parse("(( ))");
        assert!(only.clauses.is_empty());
        assert!(
            only.notes[0].ends_with("nothing else to search for"),
            "{:?}",
            only.notes
        );
        // What was left out is said: a lone `-`, a symbol, a lone quote.
        assert!(parse("merger -").notes[0].contains("a `-` on its own"));
        assert!(parse("🏥 merger").notes[0].contains("`🏥` has no letters"));
        assert!(parse("\"").notes[0].ends_with("nothing else to search for"));
        assert!(parse("merger NOT").notes[0].contains("`NOT` with nothing after it"));
        // A dash between words is punctuation, not something left out.
        assert!(parse("chains – groups").notes.is_empty());
    }

    #[test]
    fn not_and_and_in_capitals_are_boolean() {
        assert_eq!(parse("merger NOT costs"), parse("merger -costs"));
        assert_eq!(parse("merger AND costs"), parse("merger costs"));
        assert_eq!(
            parse("NOT \"special measures\" buddying"),
            parse("-\"special measures\" buddying")
        );
        // In lower case they are words.
        assert_eq!(parse("not and").clauses.len(), 2);
    }
}

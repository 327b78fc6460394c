//! A title page read as details rather than text: under a document's
//! title, a line of names gives its authors, a line with an organisation's
//! name its organisation, and a printed date its date (a PDF's first page,
//! a Word document's first paragraphs). Also how an author field that
//! names people and an organisation together is told apart.

use super::document::{BlockKind, Document};

/// The people a document's author field names, and the organisation it
/// names instead, if it names one: a field as PDF and Word files fill it in
/// ("Jane Okafor, Peter Lindqvist", "Okafor, Jane; Lindqvist, Peter",
/// "Northshire ICB"). Commas separate people only when every part is a
/// name of two words or more (else `Okafor, Jane` is one person); a name
/// with a word organisations are called by (Trust, Council, ICB,
/// Analytics…), or of one word, is an organisation, not a person.
pub fn people(authors: &[String]) -> (Vec<String>, Option<String>) {
    let mut people = Vec::new();
    let mut organisation = None;
    for field in authors {
        // "Department of Health and Social Care" is one organisation;
        // "Jane Okafor and Peter Lindqvist" two people.
        let parts = field.split([';', '\n']).flat_map(|p| {
            if is_organisation(p) {
                vec![p]
            } else {
                p.split(" & ").flat_map(|q| q.split(" and ")).collect()
            }
        });
        for part in parts {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let pieces: Vec<&str> = part.split(',').map(str::trim).collect();
            let several =
                pieces.len() > 1 && pieces.iter().all(|p| p.split_whitespace().count() >= 2);
            let names: Vec<&str> = if several { pieces } else { vec![part] };
            for name in names {
                if is_organisation(name) {
                    organisation.get_or_insert_with(|| name.to_string());
                } else if !people.iter().any(|p| p == name) {
                    people.push(name.to_string());
                }
            }
        }
    }
    (people, organisation)
}

/// Words that make a name an organisation's.
const ORGANISATION_WORDS: &[&str] = &[
    "agency",
    "alliance",
    "analytics",
    "association",
    "authority",
    "board",
    "centre",
    "center",
    "college",
    "commission",
    "committee",
    "company",
    "consortium",
    "consulting",
    "corporation",
    "council",
    "department",
    "directorate",
    "foundation",
    "fund",
    "group",
    "health",
    "hospital",
    "hospitals",
    "inc",
    "institute",
    "limited",
    "ltd",
    "ministry",
    "network",
    "nhs",
    "observatory",
    "office",
    "partners",
    "partnership",
    "research",
    "senate",
    "service",
    "services",
    "society",
    "team",
    "trust",
    "unit",
    "university",
];

/// Whether an author's name is an organisation's: it is one word, or has
/// one of [`ORGANISATION_WORDS`] or an acronym of three to five capitals
/// (ICB, CQC; two are a person's initials, `Smith AB`).
fn is_organisation(name: &str) -> bool {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() == 1
        || words.iter().any(|w| {
            let n = w.chars().count();
            ORGANISATION_WORDS.contains(&w.to_lowercase().as_str())
                || (3..=5).contains(&n)
                    && w.chars().all(|c| c.is_ascii_uppercase())
                    // `OBE`, `FRS`: letters after a person's name.
                    && !crate::cite::is_post_nominal(w)
        })
}

/// Words of titles and subtitles set in title case that are no one's name
/// (`Better Care and Better Value` is not two people).
const TITLE_WORDS: &[&str] = &[
    "a",
    "an",
    "at",
    "better",
    "care",
    "change",
    "community",
    "costs",
    "evidence",
    "field",
    "final",
    "findings",
    "first",
    "for",
    "from",
    "future",
    "in",
    "integrated",
    "interim",
    "key",
    "learned",
    "learning",
    "lessons",
    "local",
    "messages",
    "national",
    "new",
    "next",
    "of",
    "on",
    "outcomes",
    "patients",
    "people",
    "policy",
    "practice",
    "primary",
    "public",
    "quality",
    "report",
    "review",
    "safety",
    "social",
    "steps",
    "summary",
    "system",
    "systems",
    "the",
    "to",
    "together",
    "value",
    "what",
    "why",
    "with",
    "work",
    "year",
    "years",
];

/// Whether `text` is a line of people's names as a title page sets them:
/// `Priya Raman and John Smith`, `By A. Nwosu, T. Herrera and L. Wei`.
/// Each name is two to four words, each capitalised (an initial, a
/// particle such as `van` aside), with no digits, no word an organisation
/// is called by and none of a title's common words. A lone name counts
/// only after `By`, or with `alone` (beside a date): a subtitle in title
/// case is two or three capitalised words too.
fn names_line(text: &str, alone: bool) -> bool {
    let text = text.trim();
    let by = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "));
    let text = by.unwrap_or(text);
    let names: Vec<&str> = text
        .split(", ")
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .map(str::trim)
        .collect();
    // A list of names ends with the one after `and`.
    let ends = text
        .rfind(" and ")
        .or_else(|| text.rfind(" & "))
        .is_none_or(|at| !text[at..].contains(", "));
    ends && !names.is_empty()
        && (names.len() >= 2 || by.is_some() || alone)
        && names.len() <= 8
        && names.iter().all(|name| {
            // `Professor Jane Smith OBE` is Jane Smith.
            let mut words: Vec<&str> = name.split_whitespace().collect();
            while words.len() > 2 && crate::cite::is_honorific(words[0]) {
                words.remove(0);
            }
            while words.len() > 2
                && words
                    .last()
                    .is_some_and(|w| crate::cite::is_post_nominal(w))
            {
                words.pop();
            }
            let bare = words.join(" ");
            (2..=4).contains(&words.len())
                // `Siobhán Ó` is the start of a name, not one (but `Priya
                // Das` and `Hoa Le` are names).
                && !words.last().is_some_and(|w| {
                    crate::cite::is_particle(w)
                        && (w.chars().next().is_some_and(char::is_lowercase)
                            || ["ó", "ní", "nic", "mac", "ap", "van", "von"]
                                .contains(&w.to_lowercase().as_str()))
                })
                && !is_organisation(&bare)
                && words[0] != "The"
                && !words
                    .iter()
                    .any(|w| TITLE_WORDS.contains(&w.to_lowercase().as_str()))
                && words.iter().all(|w| {
                    crate::cite::is_particle(w)
                        || w.chars().next().is_some_and(char::is_uppercase)
                            && w.chars()
                                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
                })
        })
}

/// Whether `text` is an organisation's name set on a line of its own: a
/// few capitalised words (`of`, `and`, `for`, `the` aside), one of them a
/// word organisations are called by.
fn organisation_line(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=8).contains(&words.len())
        && is_organisation(text)
        && !["of", "and", "for", "the", "&"].contains(&words[0])
        && words.iter().all(|w| {
            ["of", "and", "for", "the", "&"].contains(w)
                || w.chars().next().is_some_and(|c| c.is_uppercase())
        })
}

/// Whether a line ends as an organisation's name does, with the word it
/// is called by (`Northfield Strategy Unit`, `The King's Fund`), which a
/// title (`The NHS Long Term Plan`) seldom does.
fn ends_like_organisation(text: &str) -> bool {
    let Some(last) = text
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
    else {
        return false;
    };
    let acronym =
        (3..=5).contains(&last.chars().count()) && last.chars().all(|c| c.is_ascii_uppercase());
    if acronym {
        // `Northshire ICB`: an acronym (not letters after a name), after
        // capitalised words only (`Lessons for the NHS` is a subtitle).
        !crate::cite::is_post_nominal(last)
            && text
                .split_whitespace()
                .all(|word| word.chars().next().is_some_and(|c| !c.is_lowercase()))
    } else {
        ORGANISATION_WORDS.contains(&last.to_lowercase().as_str())
    }
}

/// A line before its dateline without the words that say which edition
/// the date is of (`Revised edition, March 2020`, `Published March 2020`).
fn without_edition(text: &str) -> &str {
    const SAYS: &[&str] = &[
        "published",
        "updated",
        "revised",
        "version",
        "edition",
        "issued",
    ];
    const WHICH: &[&str] = &[
        "first", "second", "third", "fourth", "new", "revised", "updated", "interim", "final",
        "1st", "2nd", "3rd", "4th",
    ];
    let mut text = text.trim_end_matches([':', ' ']);
    let last = |t: &str| t.rsplit(' ').next().unwrap_or("").to_lowercase();
    fn cut(t: &str) -> &str {
        t.rsplit_once(' ')
            .map_or("", |(head, _)| head)
            .trim_end_matches([',', '·', '|', '–', '—', ' '])
    }
    if SAYS.contains(&last(text).as_str()) {
        text = cut(text);
        if WHICH.contains(&last(text).as_str()) {
            text = cut(text);
        }
    }
    text
}

/// `text` cut before the dateline it ends with (`Priya Raman March 2021`
/// is `Priya Raman` and 2021-03), if it ends with one.
fn split_dateline(text: &str) -> Option<(&str, String)> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices(' ').map(|(i, _)| i + 1))
        .collect();
    starts
        .into_iter()
        .find_map(|at| crate::date::dateline(&text[at..]).map(|d| (text[..at].trim(), d)))
}

impl Document {
    /// The lines of a title page under the title (a PDF's first page, a
    /// Word document's first paragraphs), read as details rather than
    /// text: a line of names (the authors, when the document's details
    /// give none), a dateline (the date: the one printed is the work's,
    /// where the file's records when it was saved), and an organisation
    /// beside them. Up to four short blocks before the text starts are
    /// looked at; one that is none of these (a subtitle) is passed over
    /// and kept; nothing is taken unless a names line or a dateline is
    /// found.
    pub fn title_page(&mut self) {
        let mut names: Vec<String> = Vec::new();
        let mut org: Option<String> = None;
        let mut date: Option<String> = None;
        let mut taken: Vec<usize> = Vec::new();
        // A lone name is taken beside a date: `Karen Doyle`, then
        // `February 2020` …
        let datelines: Vec<bool> = self
            .blocks
            .iter()
            .take(5)
            .map(|b| crate::date::dateline(&b.text).is_some())
            .collect();
        // … or beside an organisation's name: `Jane Smith`, then
        // `Nuffield Trust`.
        let org_lines: Vec<bool> = self
            .blocks
            .iter()
            .take(5)
            .map(|b| organisation_line(&b.text))
            .collect();
        // (only on a title page with a date: a subtitle in title case over
        // an organisation's name is no one's name).
        let dated_page = datelines.iter().any(|&d| d);
        let mut names_at: Option<usize> = None;
        for (i, b) in self.blocks.iter().enumerate().take(4) {
            let beside_date = (i + 1 < datelines.len()
                && (datelines[i + 1] || dated_page && org_lines[i + 1]))
                || i.checked_sub(1).is_some_and(|p| datelines[p]);
            let short = b.text.split_whitespace().count() <= 16;
            let first_page = b.pages.is_none_or(|p| p.first == 1);
            if !short || !first_page || matches!(b.kind, BlockKind::Item { .. }) {
                break;
            }
            let (rest, dated) = match split_dateline(&b.text) {
                Some((rest, d)) => (rest, Some(d)),
                None => (b.text.as_str(), None),
            };
            let rest = rest.trim_end_matches([',', '·', '|', '–', '—', ' ']);
            let rest = if dated.is_some() {
                without_edition(rest)
            } else {
                rest
            };
            // Names, an organisation, or names then an organisation
            // (`Li Wei Riverside Health Observatory`, lines a PDF joined):
            // of the ways to read it, names first, the last of them as
            // short as can be (most names have two words), then the most
            // names.
            let split = [0, rest.len()]
                .into_iter()
                .chain(rest.match_indices(' ').map(|(at, _)| at))
                .filter_map(|at| {
                    let who = rest[..at].trim().trim_end_matches([',', ';']);
                    let by = rest[at..].trim();
                    // An organisation's name alone is taken only under a
                    // line of names, or beside a printed date (`Northfield
                    // Strategy Unit`, then `March 2026`, or both on one
                    // line): a title page's lines, where a subtitle in
                    // title case may be neither.
                    let under_names = i.checked_sub(1).is_some_and(|p| names_at == Some(p));
                    let above_date =
                        dated.is_some() || datelines.get(i + 1).copied().unwrap_or(false);
                    let by_date = above_date && ends_like_organisation(by);
                    if who.is_empty() && !by.is_empty() && !under_names && !by_date {
                        return None;
                    }
                    let who_ok = who.is_empty() || names_line(who, dated.is_some() || beside_date);
                    let by_ok = by.is_empty() || organisation_line(by);
                    (who_ok && by_ok).then(|| (who.to_string(), by.to_string()))
                })
                .min_by_key(|(who, _)| {
                    let last = who
                        .rsplit([',', '&'])
                        .next()
                        .and_then(|p| p.rsplit(" and ").next())
                        .map_or(0, |p| p.split_whitespace().count());
                    let count = who.matches([',', '&']).count() + who.matches(" and ").count();
                    (who.is_empty(), last, std::cmp::Reverse(count))
                });
            match split {
                Some((who, by)) if dated.is_some() || !who.is_empty() || !by.is_empty() => {
                    if !who.is_empty() {
                        names.push(who);
                        names_at = Some(i);
                    }
                    if !by.is_empty() {
                        org = org.or(Some(by));
                    }
                    date = date.or(dated);
                    taken.push(i);
                }
                // A heading or longer line is where the text starts.
                _ if matches!(b.kind, BlockKind::Heading { .. }) && i > 0 => break,
                _ => {}
            }
        }
        if names.is_empty() && date.is_none() {
            return;
        }
        for &i in taken.iter().rev() {
            self.blocks.remove(i);
        }
        if let Some(d) = date {
            // A printed date agreeing with the document's details keeps
            // their precision; the file's own creation day is not the work's.
            if self.date_from_file
                || !self
                    .date
                    .as_deref()
                    .is_some_and(|known| known.starts_with(&d))
            {
                self.date = Some(d);
            }
            self.date_from_file = false;
        }
        if !names.is_empty() {
            let lead = |n: &str| {
                n.strip_prefix("By ")
                    .or_else(|| n.strip_prefix("by "))
                    .unwrap_or(n)
                    .to_string()
            };
            self.authors = names.iter().map(|n| lead(n)).collect();
        }
        if let Some(o) = org
            && !self.authors.iter().any(|a| is_organisation(a))
        {
            self.authors.push(o);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::super::document::Block;
    use super::*;
    use crate::corpus::Pages;

    #[test]
    fn the_words_naming_an_edition_are_not_an_organisations() {
        assert_eq!(
            without_edition("Northshire Clinical Senate Revised edition"),
            "Northshire Clinical Senate"
        );
        assert_eq!(
            without_edition("Riverside Unit, published"),
            "Riverside Unit"
        );
        assert_eq!(
            without_edition("Riverside Unit second edition"),
            "Riverside Unit"
        );
        assert_eq!(without_edition("Riverside Unit"), "Riverside Unit");
        assert_eq!(
            without_edition("Riverside Unit Published:"),
            "Riverside Unit"
        );
    }

    #[test]
    fn names_are_told_from_title_case_subtitles() {
        for names in [
            "Priya Raman and John Smith",
            "Amara Nwosu, Tomás Herrera and Li Wei",
            "By Karen Doyle",
            "Ludwig van Beethoven & Jane Okafor",
        ] {
            assert!(names_line(names, false), "{names}");
        }
        for not in [
            "Better Care and Better Value",
            "Lessons Learned",
            "Findings From The First Year",
            "Karen Doyle",
            "Northshire Integrated Care Board",
            "Jane Okafor and Peter Lindqvist, Northshire Integrated",
            "Staff left in May",
        ] {
            assert!(!names_line(not, false), "{not}");
        }
    }
    #[test]
    fn an_author_field_gives_its_people_and_its_organisation() {
        let of =
            |fields: &[&str]| people(&fields.iter().map(|f| f.to_string()).collect::<Vec<_>>());
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            of(&["Jane Okafor, Peter Lindqvist"]),
            (names(&["Jane Okafor", "Peter Lindqvist"]), None)
        );
        assert_eq!(of(&["Okafor, Jane"]), (names(&["Okafor, Jane"]), None));
        assert_eq!(
            of(&["Jane Okafor and Peter Lindqvist"]),
            (names(&["Jane Okafor", "Peter Lindqvist"]), None)
        );
        assert_eq!(of(&["Smith AB"]), (names(&["Smith AB"]), None));
        for org in [
            "Northshire ICB",
            "Northshire Health Analytics",
            "Department of Health and Social Care",
            "Monitor",
        ] {
            assert_eq!(of(&[org]), (Vec::new(), Some(org.to_string())), "{org}");
        }
        assert_eq!(
            of(&["Jane Okafor; The King's Fund"]),
            (names(&["Jane Okafor"]), Some("The King's Fund".to_string()))
        );
    }

    /// The passages a body reads as, through the corpus's own reader.
    #[test]
    fn a_date_printed_under_the_title_is_the_work_s_not_the_file_s() {
        let on_page_1 = |text: &str| Block {
            pages: Some(Pages { first: 1, last: 1 }),
            ..Block::paragraph(text)
        };
        let doc = |lines: &[&str]| Document {
            date: Some("2026-12-06".into()),
            date_from_file: true,
            blocks: lines.iter().map(|l| on_page_1(l)).collect(),
            ..Document::default()
        };
        let mut printed = doc(&[
            "Karen Doyle",
            "June 2024",
            "The first paragraph of the text.",
        ]);
        printed.title_page();
        assert_eq!(printed.date.as_deref(), Some("2024-06"));
        assert!(!printed.date_from_file);
        // A printed month is the work's, not the file's day in it.
        let mut month = doc(&["Karen Doyle", "December 2026", "The text."]);
        month.title_page();
        assert_eq!(month.date.as_deref(), Some("2026-12"));
        let mut none = doc(&["The first paragraph of the text, and no date above it."]);
        none.title_page();
        assert_eq!(none.date.as_deref(), Some("2026-12-06"));
        assert!(none.date_from_file);
    }

    #[test]
    fn a_name_beside_an_organisation_under_the_title_are_details() {
        let on_page_1 = |text: &str| Block {
            pages: Some(Pages { first: 1, last: 1 }),
            ..Block::paragraph(text)
        };
        // The lines, the authors read from them, and the lines kept as text.
        for (lines, authors, kept) in [
            (
                &["Jane Smith", "Nuffield Trust", "June 2024", "The text."][..],
                &["Jane Smith", "Nuffield Trust"][..],
                &["The text."][..],
            ),
            (
                &[
                    "Siobhán Ó Ceallaigh Rural Health Policy Unit",
                    "June 2024",
                    "Text.",
                ],
                &["Siobhán Ó Ceallaigh", "Rural Health Policy Unit"],
                &["Text."],
            ),
            (
                &["Professor Jane Smith OBE", "March 2021", "Text."],
                &["Professor Jane Smith OBE"],
                &["Text."],
            ),
            (
                &["Priya Das", "June 2024", "Text."],
                &["Priya Das"],
                &["Text."],
            ),
            // An organisation's name alone is kept as text, and so is a
            // subtitle over one, or a line under a date.
            (
                &["Nuffield Trust", "The text."],
                &[],
                &["Nuffield Trust", "The text."],
            ),
            (
                &[
                    "Tackling Workforce Shortages",
                    "The King's Fund",
                    "The text.",
                ],
                &[],
                &[
                    "Tackling Workforce Shortages",
                    "The King's Fund",
                    "The text.",
                ],
            ),
            (
                &["The NHS Long Term Plan", "January 2019", "The text."],
                &[],
                &["The NHS Long Term Plan", "The text."],
            ),
            // Over a date, or before it on one line (as a PDF joins them),
            // a line ending as an organisation's name does is the
            // organisation's.
            (
                &["Northfield Strategy Unit", "March 2026", "The text."],
                &["Northfield Strategy Unit"],
                &["The text."],
            ),
            (
                &["Northfield Strategy Unit March 2026", "The text."],
                &["Northfield Strategy Unit"],
                &["The text."],
            ),
            (
                &["Northshire ICB, 9 October 2023", "The text."],
                &["Northshire ICB"],
                &["The text."],
            ),
            // A subtitle ending in an acronym is no organisation.
            (
                &["Lessons for the NHS", "March 2026", "The text."],
                &[],
                &["Lessons for the NHS", "The text."],
            ),
            (
                &[
                    "Jane Smith",
                    "March 2021",
                    "Mental Health Services",
                    "The text.",
                ],
                &["Jane Smith"],
                &["Mental Health Services", "The text."],
            ),
        ] {
            let mut doc = Document {
                blocks: lines.iter().map(|l| on_page_1(l)).collect(),
                ..Document::default()
            };
            doc.title_page();
            assert_eq!(doc.authors, authors, "{lines:?}");
            let left: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
            assert_eq!(left, kept, "{lines:?}");
        }
    }
}

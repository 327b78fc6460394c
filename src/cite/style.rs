//! Citation styles for the plain markdown export: APA, Harvard (Cite Them
//! Right), Chicago author-date and Vancouver, formatted by a CSL processor
//! (`hayagriva`) from the Citation Style Language's own style files, which
//! ship inside the binary (CC BY-SA 3.0, the CSL project).
//!
//! A [`Work`] becomes a hayagriva `Entry`; each excerpt is one citation of
//! its work with the passage number as a paragraph locator, and the
//! evidence pack after it for the pack's summaries; the reference list is
//! the style's bibliography of every work cited. The result is markdown:
//! the style's italics kept, everything else escaped.

use super::{Genre, Work};
use crate::corpus::escape_markdown_inline;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{FontStyle, FontWeight, Style as Csl};
use hayagriva::types::{Date, EntryType, FormatString, Person, Publisher, QualifiedUrl};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
    ElemChildren, Entry, LocatorPayload, SpecificLocator, archive::ArchivedStyle,
};

/// The styles the export offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// APA, 7th edition.
    Apa,
    /// Harvard, as Cite Them Right (12th edition) has it.
    Harvard,
    /// Chicago Manual of Style, author-date (18th edition).
    Chicago,
    /// Vancouver (as Elsevier has it): numbered.
    Vancouver,
}

impl Style {
    /// The language its dates and terms are written in: British English for
    /// Cite Them Right's Harvard, a British style ("Accessed: 6 December
    /// 2026"); the style's own default for the others.
    fn locale(self) -> Option<hayagriva::citationberg::LocaleCode> {
        match self {
            Style::Harvard => Some(hayagriva::citationberg::LocaleCode("en-GB".to_string())),
            Style::Apa | Style::Chicago | Style::Vancouver => None,
        }
    }

    /// Every style, in the order a menu shows them.
    pub const ALL: [Style; 4] = [Style::Apa, Style::Harvard, Style::Chicago, Style::Vancouver];

    /// The style's short name, as `--style` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Style::Apa => "apa",
            Style::Harvard => "harvard",
            Style::Chicago => "chicago",
            Style::Vancouver => "vancouver",
        }
    }

    /// The style's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Style::Apa => "APA",
            Style::Harvard => "Harvard",
            Style::Chicago => "Chicago",
            Style::Vancouver => "Vancouver",
        }
    }

    fn archived(self) -> ArchivedStyle {
        match self {
            Style::Apa => ArchivedStyle::AmericanPsychologicalAssociation,
            Style::Harvard => ArchivedStyle::HarvardCiteThemRight,
            Style::Chicago => ArchivedStyle::ChicagoAuthorDate,
            // Elsevier's Vancouver: hayagriva 0.10 leaves the authors out of
            // the NLM style's own (its `initialize-with=""`).
            Style::Vancouver => ArchivedStyle::ElsevierVancouver,
        }
    }
}

/// One citation to format: the work (an index into the works) and the
/// passage's number, cited as a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    pub work: usize,
    pub paragraph: Option<String>,
    /// The pages of the source it is on (an imported PDF): cited as pages
    /// rather than as a paragraph.
    pub pages: Option<crate::corpus::Pages>,
}

/// A style's citations (one per [`Cite`], in order) and reference list, as
/// markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Styled {
    pub citations: Vec<String>,
    /// Each entry as a markdown list item (`- …`, or `1. …` in a numbered
    /// style).
    pub references: Vec<String>,
}

/// The citations and reference list of `works` in `style`. A work the
/// evidence pack summarises is cited with the pack after it ("…, as
/// summarised in …"), and the pack is in the list.
pub fn format(style: Style, works: &[Work], cites: &[Cite]) -> crate::Result<Styled> {
    let Csl::Independent(csl) = style.archived().get() else {
        return Err(crate::Error::InvalidInput(format!(
            "the {} style is not one that can be used alone",
            style.label()
        )));
    };
    let locales = hayagriva::archive::locales();
    let entries: Vec<Entry> = works.iter().map(|w| entry(w, works, style)).collect();
    // Each cite's pages, as the locator gives them ("12", "12–13"): made
    // before the driver, which borrows them.
    let pages: Vec<Option<String>> = cites
        .iter()
        .map(|c| {
            c.pages.map(|p| {
                if p.first == p.last {
                    p.first.to_string()
                } else {
                    format!("{}–{}", p.first, p.last)
                }
            })
        })
        .collect();
    let mut driver = BibliographyDriver::new();
    // The processor gives same-author, same-year works their letters
    // (2014a, 2014b) in the order they are first cited, but lists them in
    // the reference list by title, so that "2014b" could come before
    // "2014a". Each work is cited once first, in the list's order, and
    // those citations are left out of what is returned.
    let first = reference_order(style, &csl, &locales, &entries, cites, works);
    for &e in &first {
        driver.citation(CitationRequest::new(
            vec![CitationItem::with_entry(&entries[e])],
            &csl,
            style.locale(),
            &locales,
            None,
        ));
    }
    // Each cite is one request, and a summary's pack one more after it.
    let mut pack_of: Vec<Option<usize>> = Vec::new();
    for (i, c) in cites.iter().enumerate() {
        let Some(e) = entries.get(c.work) else {
            pack_of.push(None);
            continue;
        };
        let locator = match pages[i].as_deref() {
            Some(p) => Some(SpecificLocator(Locator::Page, LocatorPayload::Str(p))),
            None => c
                .paragraph
                .as_deref()
                .map(|p| SpecificLocator(Locator::Paragraph, LocatorPayload::Str(p))),
        };
        driver.citation(CitationRequest::new(
            vec![CitationItem::with_locator(e, locator)],
            &csl,
            style.locale(),
            &locales,
            None,
        ));
        let pack = works[c.work]
            .summarised_in
            .as_deref()
            .and_then(|k| works.iter().position(|w| w.key == k));
        if let Some(p) = pack {
            driver.citation(CitationRequest::new(
                vec![CitationItem::with_entry(&entries[p])],
                &csl,
                style.locale(),
                &locales,
                None,
            ));
        }
        pack_of.push(pack);
    }
    let rendered = driver.finish(BibliographyRequest {
        style: &csl,
        locale: style.locale(),
        locale_files: &locales,
    });
    let mut rendered_cites = rendered
        .citations
        .iter()
        .skip(first.len())
        .map(|c| markdown(&c.citation));
    let mut citations = Vec::new();
    for (i, pack) in pack_of.into_iter().enumerate() {
        let mut own = rendered_cites.next().unwrap_or_default();
        // A numbered style's citation is the number alone: the passage's
        // place goes beside it, "[3, para. 9]", so that it is not lost.
        if style == Style::Vancouver
            && let Some(c) = cites.get(i)
        {
            let place = match (&pages[i], &c.paragraph) {
                (Some(p), _) if p.contains('–') => Some(format!("pp. {p}")),
                (Some(p), _) => Some(format!("p. {p}")),
                (None, Some(n)) => Some(format!("para. {n}")),
                (None, None) => None,
            };
            if let Some(place) = place {
                own = beside_number(&own, &place);
            }
        }
        citations.push(match pack {
            Some(_) => summarised(&own, &rendered_cites.next().unwrap_or_default()),
            None => own,
        });
    }
    let references = rendered
        .bibliography
        .map(|b| {
            b.items
                .iter()
                .map(|item| {
                    let content = markdown(&item.content);
                    let first = item
                        .first_field
                        .as_ref()
                        .map(|f| markdown(&ElemChildren(vec![f.clone()])));
                    // "1." or "[1]" is the number of a numbered list.
                    let number = first.as_deref().map(|f| {
                        f.trim_start_matches("\\[")
                            .trim_end_matches("\\]")
                            .trim_end_matches('.')
                    });
                    match (number, first.as_deref()) {
                        (Some(n), _) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                            format!("{n}. {content}")
                        }
                        (_, Some(f)) => format!("- {f} {content}"),
                        _ => format!("- {content}"),
                    }
                })
                .collect::<Vec<String>>()
        })
        .unwrap_or_default();
    // An author-date list is in the order of who made each work, else its
    // title; the processor sorted a quoted title (‘Zebra notes’) by its
    // quotation mark, before every author. Such a reference is put where
    // its words go; the others keep the processor's order (which knows
    // the style's rules: undated works first, name particles).
    let mut references = references;
    if style != Style::Vancouver {
        let quoted = |r: &String| {
            r.trim_start_matches("- ")
                .starts_with(['‘', '“', '"', '\''])
        };
        let (titled, mut listed): (Vec<String>, Vec<String>) =
            references.into_iter().partition(|r| quoted(r));
        for r in titled {
            let key = sort_key(&r);
            let at = listed
                .iter()
                .position(|other| sort_key(other) > key)
                .unwrap_or(listed.len());
            listed.insert(at, r);
        }
        references = listed;
    }
    Ok(Styled {
        citations,
        references,
    })
}

/// The works `cites` cite (and the packs that summarise them), as indexes
/// of `entries`, in the order the style's reference list gives them; none
/// for a numbered style, whose list is in the order of citation and which
/// gives no letters.
fn reference_order(
    style: Style,
    csl: &hayagriva::citationberg::IndependentStyle,
    locales: &[hayagriva::citationberg::Locale],
    entries: &[Entry],
    cites: &[Cite],
    works: &[Work],
) -> Vec<usize> {
    if style == Style::Vancouver {
        return Vec::new();
    }
    let mut cited: Vec<usize> = Vec::new();
    for c in cites {
        let pack = works.get(c.work).and_then(|w| {
            w.summarised_in
                .as_deref()
                .and_then(|k| works.iter().position(|o| o.key == k))
        });
        for e in std::iter::once(c.work).chain(pack) {
            if e < entries.len() && !cited.contains(&e) {
                cited.push(e);
            }
        }
    }
    let mut driver = BibliographyDriver::new();
    for &e in &cited {
        driver.citation(CitationRequest::new(
            vec![CitationItem::with_entry(&entries[e])],
            csl,
            style.locale(),
            locales,
            None,
        ));
    }
    let rendered = driver.finish(BibliographyRequest {
        style: csl,
        locale: style.locale(),
        locale_files: locales,
    });
    let Some(bibliography) = rendered.bibliography else {
        return Vec::new();
    };
    bibliography
        .items
        .iter()
        .filter_map(|item| {
            cited
                .iter()
                .copied()
                .find(|&e| entries[e].key() == item.key)
        })
        .collect()
}

/// A reference's place in an author-date list: its words, lowercased,
/// with accents (`Å` is `A` and a ring), punctuation and markdown left out.
fn sort_key(reference: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    reference
        .trim_start_matches("- ")
        .nfd()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A work's citation with the pack's after it: in the same brackets when
/// both have them, "(Foundation Trust Network, 2014, as summarised in
/// Department of Health, 2014)".
fn summarised(own: &str, pack: &str) -> String {
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let (Some(a), Some(b)) = (
            own.strip_suffix(close),
            pack.strip_prefix(open)
                .or_else(|| pack.strip_prefix('\\').and_then(|p| p.strip_prefix(open))),
        ) && (own.starts_with(open) || own.starts_with('\\'))
        {
            let a = a.strip_suffix('\\').unwrap_or(a);
            return format!("{a}, as summarised in {b}");
        }
    }
    format!("{own}, as summarised in {pack}")
}

/// A work as hayagriva's entry.
fn entry(w: &Work, works: &[Work], style: Style) -> Entry {
    let periodical = matches!(w.genre, Genre::MagazineArticle | Genre::JournalArticle);
    // hayagriva has no magazine: a magazine article is cited as a
    // newspaper's (CSL `article-newspaper`), dated to the day, rather than
    // as a journal's, which styles expect a volume and pages for.
    let parent_kind = match w.genre {
        Genre::MagazineArticle => EntryType::Newspaper,
        _ => EntryType::Periodical,
    };
    let kind = match w.genre {
        Genre::Report | Genre::MeetingReport => EntryType::Report,
        Genre::MagazineArticle | Genre::JournalArticle => EntryType::Article,
        Genre::Webpage => EntryType::Web,
        // An article no periodical published is a document to the styles:
        // CSL's `article` is a preprint, which Chicago says it is.
        Genre::Speech | Genre::Document | Genre::Article => EntryType::Misc,
    };
    let mut e = Entry::new(&w.key, kind);
    e.set_title(FormatString::with_value(w.full_title()));
    let mut authors: Vec<Person> = w
        .authors
        .iter()
        .map(|n| person(&n.family, (!n.given.is_empty()).then(|| n.given.clone())))
        .collect();
    if w.et_al && !authors.is_empty() {
        // Styles have no "et al." for data: a last author that
        // `tidy` writes as "et al.", after the style has placed it.
        authors.push(person(ET_AL, None));
    }
    if authors.is_empty()
        && !periodical
        && let Some(o) = &w.organisation
    {
        // An organisation with no person named is the author.
        authors.push(person(o, None));
    }
    if !authors.is_empty() {
        e.set_authors(authors);
    }
    if let Some(i) = w.issued {
        e.set_date(Date {
            year: i.year,
            month: i.month.and_then(|m| u8::try_from(m.checked_sub(1)?).ok()),
            day: i.day.and_then(|d| u8::try_from(d.checked_sub(1)?).ok()),
            approximate: false,
            season: None,
        });
    }
    // A page on a site, by named people: Vancouver prints the site only as
    // where the page appeared (CSL `container-title`), and without it runs
    // the title into the year ("Title 2024"). The other styles print it as
    // the page's publisher; given as a container, Chicago puts it beside
    // the author's name. With no one named, the site is the author.
    let on_site = style == Style::Vancouver && w.genre == Genre::Webpage && !w.authors.is_empty();
    if let Some(o) = &w.organisation {
        if on_site {
            let mut parent = Entry::new(&format!("{}-site", w.key), EntryType::Web);
            parent.set_title(FormatString::with_value(o.clone()));
            e.set_parents(vec![parent]);
        } else if periodical {
            let mut parent = Entry::new(&format!("{}-periodical", w.key), parent_kind);
            parent.set_title(FormatString::with_value(o.clone()));
            e.set_parents(vec![parent]);
        } else {
            e.set_publisher(Publisher::new(
                Some(FormatString::with_value(o.clone())),
                None,
            ));
        }
    }
    match w.genre {
        Genre::Speech => e.set_genre(FormatString::with_value("Lecture")),
        Genre::MeetingReport => e.set_genre(FormatString::with_value("Meeting report")),
        _ => {}
    }
    if let Some(mut url) = w
        .url
        .as_deref()
        .and_then(|u| u.parse::<QualifiedUrl>().ok())
    {
        // When it was read: Harvard's "(Accessed: …)", Vancouver's
        // "[cited …]"; the styles that leave it out for a dated work do.
        url.visit_date = w
            .accessed
            .as_deref()
            .and_then(super::Issued::parse)
            .map(|i| Date {
                year: i.year,
                month: i.month.and_then(|m| u8::try_from(m.checked_sub(1)?).ok()),
                day: i.day.and_then(|d| u8::try_from(d.checked_sub(1)?).ok()),
                approximate: false,
                season: None,
            });
        e.set_url(url);
    }
    if let Some(note) = w.note(super::pack_in(works)) {
        e.set_note(FormatString::with_value(note));
    }
    e
}

fn person(name: &str, given: Option<String>) -> Person {
    Person {
        name: name.to_string(),
        given_name: given,
        prefix: None,
        suffix: None,
        comma_suffix: false,
        alias: None,
    }
}

/// Rendered CSL output as markdown: italics and bold kept, text escaped.
fn markdown(children: &ElemChildren) -> String {
    let mut out = String::new();
    write_children(&mut out, children);
    tidy(out.trim())
}

/// The name of the author that stands for "et al." until [`tidy`] writes
/// it so (letters only, so that no escaping or initial touches it).
const ET_AL: &str = "Etalplaceholder";

/// What the styles leave untidy: the "et al." author written as one, and
/// punctuation doubled where a field the style expected was empty or a
/// title ends in its own (`(2014,)`, `FTN,.`, `Got to?*.`).
fn tidy(text: &str) -> String {
    let mut out = text.to_string();
    for (sep, with) in [
        (", \\& ", ", "),
        (" \\& ", " "),
        (", & ", ", "),
        (" & ", " "),
        (", and ", ", "),
        (" and ", " "),
    ] {
        out = out.replace(&format!("{sep}{ET_AL}"), &format!("{with}{ET_AL}"));
    }
    out = out
        .replace(&format!("{ET_AL}."), "et al.")
        .replace(ET_AL, "et al.");
    // Word by word, leaving web addresses as they are (`?.` may be one's).
    out.split_inclusive(' ')
        .map(|word| {
            if word.contains("://") {
                word.to_string()
            } else {
                tidy_word(word)
            }
        })
        .collect()
}

/// One word's punctuation tidied (see [`tidy`]).
fn tidy_word(word: &str) -> String {
    let mut out = word.to_string();
    for (from, to) in [
        (",)", ")"),
        (",]", "]"),
        (",.", "."),
        ("?.", "?"),
        ("!.", "!"),
        ("?*.", "?*"),
        ("!*.", "!*"),
        ("?”.", "?”"),
        ("?’.", "?’"),
        (".”.", ".”"),
        (".’.", ".’"),
    ] {
        out = out.replace(from, to);
    }
    out
}

/// A numbered citation (`[3]`, escaped `\[3\]`, `(3)`) with `place` after its
/// number, inside the brackets: "[3, para. 9]".
fn beside_number(citation: &str, place: &str) -> String {
    for close in ["\\]", "]", ")"] {
        if let Some(inner) = citation.strip_suffix(close) {
            return format!("{inner}, {place}{close}");
        }
    }
    format!("{citation}, {place}")
}

fn write_children(out: &mut String, children: &ElemChildren) {
    for child in &children.0 {
        match child {
            ElemChild::Text(t) => {
                let mark = match (t.formatting.font_style, t.formatting.font_weight) {
                    (FontStyle::Italic, _) => "*",
                    (_, FontWeight::Bold) => "**",
                    _ => "",
                };
                emphasised(out, &t.text, mark);
            }
            ElemChild::Link { text, url } if text.text.trim() == url.trim() => {
                out.push_str(&with_links(&text.text));
            }
            ElemChild::Link { text, .. } => emphasised(out, &text.text, ""),
            ElemChild::Elem(e) => write_children(out, &e.children),
            ElemChild::Markup(m) => out.push_str(&escape_markdown_inline(m)),
            ElemChild::Transparent { .. } => {}
        }
    }
}

/// `text` escaped for markdown, its web addresses written as autolinks
/// (`<https://…?a=1&b=2#top>`): escaped, an address's `&`, `_` or `#`
/// would end the link a renderer finds in it, or become part of it.
fn with_links(text: &str) -> String {
    text.split_inclusive(' ')
        .map(|piece| {
            let word = piece.trim_end();
            let core = word.trim_end_matches(['.', ',', ';']);
            if (core.starts_with("https://") || core.starts_with("http://"))
                && !core.contains(['<', '>'])
            {
                format!("<{core}>{}", &piece[core.len()..])
            } else {
                escape_markdown_inline(piece)
            }
        })
        .collect()
}

/// `text` escaped and wrapped in `mark`, the spaces at its ends outside
/// the emphasis (where markdown wants them).
fn emphasised(out: &mut String, text: &str, mark: &str) {
    let inner = text.trim();
    if inner.is_empty() || mark.is_empty() {
        out.push_str(&with_links(text));
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let tail = &text[text.trim_end().len()..];
    out.push_str(lead);
    out.push_str(mark);
    out.push_str(&escape_markdown_inline(inner));
    out.push_str(mark);
    out.push_str(tail);
}

#[cfg(test)]
mod tests {
    use super::{ET_AL, beside_number, tidy};

    #[test]
    fn tidy_writes_et_al_and_mends_punctuation_but_not_web_addresses() {
        assert_eq!(
            tidy(&format!("West, M., \\& {ET_AL}. (2014,). *Got to?*. FTN,.")),
            "West, M., et al. (2014). *Got to?* FTN."
        );
        assert_eq!(
            tidy(&format!("(West and {ET_AL} 2014)")),
            "(West et al. 2014)"
        );
        let url = "https://example.org/find?.q=a,)b,.";
        assert_eq!(
            tidy(&format!("Seen at {url} (2014,)")),
            format!("Seen at {url} (2014)")
        );
    }

    #[test]
    fn a_numbered_citation_takes_its_place_inside_its_brackets() {
        assert_eq!(beside_number("\\[3\\]", "para. 9"), "\\[3, para. 9\\]");
        assert_eq!(beside_number("[3]", "p. 4"), "[3, p. 4]");
        assert_eq!(beside_number("(3)", "pp. 4–5"), "(3, pp. 4–5)");
    }
}

//! References in the formats researchers' tools read: BibTeX, CSL-JSON and
//! RIS, one entry per work, with stable citation keys.
//!
//! A [`Work`] is what a reference needs to know about a report: its title
//! and subtitle, who made it (authors, with an "et al." flag, or an
//! organisation), when, what kind of work it is (its `genre`, not its role
//! in the pack), and where it can be found. The bundled reports are the
//! evidence pack's summaries of other works, so each of their references
//! says so in a note, and the pack is a reference of its own beside them.
//! [`Style`] formats citations and a reference list in APA, Harvard,
//! Chicago or Vancouver.

mod bibtex;
mod csl;
mod key;
mod ris;
mod style;

pub use bibtex::bibtex;
pub use csl::{csl_items, csl_items_for_pandoc, csl_json, csl_json_for_pandoc};
pub use key::{generated_key, key_from, keys, unique};
pub use ris::ris;
pub use style::{Cite, Style, Styled, format as styled};

use crate::corpus::{Corpus, ReportKind, ReportMeta};
use std::sync::LazyLock;

/// The kind of work a reference is, as the formats name their entry types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    /// A report (BibTeX `@techreport`, RIS `RPRT`, CSL `report`).
    Report,
    /// A magazine article (`@article` in the magazine, `MGZN`, `article-magazine`).
    MagazineArticle,
    /// A journal article (`@article`, `JOUR`, `article-journal`).
    JournalArticle,
    /// An article published by an organisation rather than a periodical
    /// (`@misc`, `GEN`, `article`).
    Article,
    /// A lecture or speech (`@misc` with `howpublished`, `SLIDE`, `speech`).
    Speech,
    /// A meeting's report (`@techreport` of type "Meeting report", `RPRT`, `report`).
    MeetingReport,
    /// A web page (`@online`, `ELEC`, `webpage`).
    Webpage,
    /// Anything else, such as a user's own document (`@misc`, `GEN`, `document`).
    Document,
}

impl Genre {
    /// The genre a front matter's `genre` names; a report without one is a
    /// `report` when it is part of the pack, a `document` when it is the
    /// user's own.
    pub fn of(genre: Option<&str>, kind: ReportKind) -> Genre {
        match genre.map(|g| g.trim().to_ascii_lowercase()).as_deref() {
            Some("report") => Genre::Report,
            Some("article-magazine" | "magazine") => Genre::MagazineArticle,
            Some("article-journal" | "journal") => Genre::JournalArticle,
            Some("article") => Genre::Article,
            Some("lecture" | "speech") => Genre::Speech,
            Some("meeting-report") => Genre::MeetingReport,
            Some("webpage" | "web page") => Genre::Webpage,
            Some(_) => Genre::Document,
            None => match kind {
                ReportKind::Document => Genre::Document,
                _ => Genre::Report,
            },
        }
    }
}

/// A person's name, split as reference formats want it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub family: String,
    pub given: String,
}

/// Words that join a family name to the word after it (`Ludwig van
/// Beethoven`, `Siobhán Ó Ceallaigh`, `Ursula Le Guin`): a name's family
/// name starts at the first of them after the given name.
pub const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "da", "das", "dos", "del", "della", "der", "den", "di", "du", "le", "la",
    "bin", "ibn", "al", "el", "ter", "ten", "ó", "ní", "nic", "mac", "ap", "ab", "st",
];

/// Whether `word` is one of [`NAME_PARTICLES`], whatever its case.
pub fn is_particle(word: &str) -> bool {
    is_one_of(word, NAME_PARTICLES)
}

/// Whether `word` is letters after a name (`OBE`, `PhD`, `FMedSci`).
pub fn is_post_nominal(word: &str) -> bool {
    is_one_of(word, POST_NOMINALS)
}

/// Whether `word` is a title before a name (`Dr`, `Professor`, `Dame`).
pub fn is_honorific(word: &str) -> bool {
    is_one_of(word, HONORIFICS)
}

/// Titles a name may start with, which are no part of it.
const HONORIFICS: &[&str] = &[
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "lord",
    "lady",
    "baroness",
    "baron",
    "rev",
    "revd",
    "reverend",
];

/// Letters after a name (degrees, honours, `Jr`), which are no part of it.
const POST_NOMINALS: &[&str] = &[
    "phd", "dphil", "md", "mba", "mph", "msc", "bsc", "mbbs", "mbchb", "frcp", "frcs", "frcgp",
    "frcpsych", "frcpch", "frcn", "frcr", "frcog", "frcpath", "frca", "ffph", "fmedsci", "frs",
    "fcipd", "fca", "mrcp", "mrcgp", "obe", "cbe", "mbe", "dbe", "kbe", "kcb", "cb", "gcb", "rn",
    "rgn", "mp", "qc", "kc", "dl", "jp", "jr", "sr",
];

impl Name {
    /// "Atul Gawande" → Gawande, Atul; "West, Michael" → West, Michael; a
    /// single word is a family name. Titles before a name (`Dr`, `Prof`)
    /// and letters after it (`OBE`, `PhD`) are left out, and a family name
    /// keeps its particles (`Ó Ceallaigh`, `van der Berg`, `Le Guin`).
    pub fn parse(name: &str) -> Name {
        let name = name.trim();
        // A name with a description in brackets (`Interviewee A (Director
        // of Operations)`, as a study anonymises a participant) is no
        // given and family name: it is kept whole, as written.
        if name.contains(['(', ')', '[', ']']) {
            return Name {
                family: name.to_string(),
                given: String::new(),
            };
        }
        if name.contains(',') {
            // `Jane Smith, PhD, FRCP` is letters after a name, not `Smith,
            // Jane`: those parts go, and what is left is read again.
            let parts: Vec<&str> = name
                .split(',')
                .map(str::trim)
                .filter(|p| !p.split_whitespace().all(|w| is_one_of(w, POST_NOMINALS)))
                .collect();
            return match parts.as_slice() {
                [family, given] => Name {
                    family: (*family).to_string(),
                    given: (*given).to_string(),
                },
                [one] if !one.contains(',') && *one != name => Name::parse(one),
                _ => Name {
                    family: name.to_string(),
                    given: String::new(),
                },
            };
        }
        let mut words: Vec<&str> = name.split_whitespace().collect();
        // A peer's title: `Lord Darzi of Denham` is Darzi.
        if words
            .first()
            .is_some_and(|w| is_one_of(w, &["lord", "lady", "baron", "baroness"]))
            && let Some(of) = words.iter().position(|w| *w == "of")
        {
            words.truncate(of);
        }
        while words.len() > 1 && is_one_of(words[0], HONORIFICS) {
            words.remove(0);
        }
        while words.len() > 1 && words.last().is_some_and(|w| is_one_of(w, POST_NOMINALS)) {
            words.pop();
        }
        let Some(last) = words.len().checked_sub(1) else {
            return Name {
                family: name.to_string(),
                given: String::new(),
            };
        };
        // The family name starts at its first particle (never the first
        // word: `Al Gore`, `De Niro` alone), else at the last word.
        let start = (1..last)
            .find(|&i| words[i..last].iter().all(|w| is_one_of(w, NAME_PARTICLES)))
            .unwrap_or(last);
        Name {
            family: words[start..].join(" "),
            given: words[..start].join(" "),
        }
    }
}

/// Whether `word`, without a full stop after it, is one of `list` (which
/// is in lower case), whatever its case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    let bare = word.trim_end_matches('.').to_lowercase();
    list.contains(&bare.as_str())
}

/// A date as precise as the front matter gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Issued {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Issued {
    /// `2014`, `2014-09` or `2012-08-13`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Issued> {
        let mut parts = s.trim().split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next().map(str::parse).transpose().ok()?;
        let day = parts.next().map(str::parse).transpose().ok()?;
        Some(Issued { year, month, day })
    }
}

/// One work to reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    /// The report id it comes from.
    pub id: String,
    /// Its citation key.
    pub key: String,
    pub genre: Genre,
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Vec<Name>,
    pub et_al: bool,
    /// Who published it: the institution of a report, the magazine of a
    /// magazine article, the publisher otherwise.
    pub organisation: Option<String>,
    pub issued: Option<Issued>,
    /// Where it can be read, and the day it was read there (`YYYY-MM-DD`).
    pub url: Option<String>,
    pub accessed: Option<String>,
    /// The key of the evidence pack that summarises it, for the bundled
    /// reports (the pack itself has none).
    pub summarised_in: Option<String>,
}

impl Work {
    /// The work a report is, cited by `key`. `pack` is the key of the
    /// evidence pack when the report is one of the pack's summaries.
    pub fn new(meta: &ReportMeta, key: String, pack: Option<&str>) -> Work {
        Work {
            id: meta.id.clone(),
            key,
            // A page imported from the web is a web page unless its front
            // matter says otherwise.
            genre: Genre::of(meta.cited_genre(), meta.kind),
            title: meta.title.clone(),
            subtitle: meta.subtitle.clone(),
            authors: meta.authors.iter().map(|a| Name::parse(a)).collect(),
            et_al: meta.et_al,
            organisation: meta.organisation.clone(),
            issued: meta.published.as_deref().and_then(Issued::parse),
            url: meta.source.url.clone(),
            accessed: meta.source.accessed.clone(),
            summarised_in: pack.map(str::to_string),
        }
    }

    /// The title and subtitle as one, for formats without a subtitle field.
    pub fn full_title(&self) -> String {
        match &self.subtitle {
            Some(s) => format!("{}: {s}", self.title),
            None => self.title.clone(),
        }
    }

    /// The note a pack summary carries.
    pub fn note(&self, pack: Option<&Work>) -> Option<String> {
        self.summarised_in.as_ref()?;
        let pack = pack?;
        let year = pack
            .issued
            .map(|i| format!(" ({})", i.year))
            .unwrap_or_default();
        Some(format!(
            "As summarised in {}, {}{year}",
            pack.organisation.as_deref().unwrap_or("the evidence pack"),
            pack.full_title()
        ))
    }
}

/// The bundled corpus, to tell the pack's reports from a user's.
static BUNDLED: LazyLock<Corpus> = LazyLock::new(Corpus::bundled);

/// Whether a report is one the evidence pack summarises (a bundled report
/// with the same id and title, other than the pack's own overview).
pub fn summarised_by_pack(meta: &ReportMeta) -> bool {
    meta.kind != ReportKind::Overview
        && BUNDLED
            .report(&meta.id)
            .is_some_and(|r| r.title == meta.title && r.kind == meta.kind)
}

/// Whether a report is the evidence pack's own overview (the bundled one,
/// by id and title): the work whose text the pack's reports' summaries are.
pub fn is_pack(meta: &ReportMeta) -> bool {
    meta.kind == ReportKind::Overview
        && BUNDLED
            .report(&meta.id)
            .is_some_and(|r| r.title == meta.title && r.kind == meta.kind)
}

/// The evidence pack itself: the bundled overview, as a work.
pub fn pack() -> Work {
    let overview = BUNDLED
        .reports
        .iter()
        .find(|r| r.kind == ReportKind::Overview);
    match overview {
        Some(r) => {
            let key = r.citekey.clone().unwrap_or_else(|| generated_key(&r.meta));
            Work::new(&r.meta, key, None)
        }
        None => Work {
            id: "overview".to_string(),
            key: "dh2014examining".to_string(),
            genre: Genre::Report,
            title: "Examining new options and opportunities for providers of NHS care".into(),
            subtitle: Some("evidence pack".into()),
            authors: Vec::new(),
            et_al: false,
            organisation: Some("Department of Health".into()),
            issued: Some(Issued {
                year: 2014,
                month: Some(12),
                day: None,
            }),
            url: None,
            accessed: None,
            summarised_in: None,
        },
    }
}

/// The works to reference for these reports of `corpus`, in the order
/// given, each once; and the evidence pack after them when any of them is
/// one of its summaries (and it is not among them already).
pub fn works<'a>(corpus: &Corpus, report_ids: impl IntoIterator<Item = &'a str>) -> Vec<Work> {
    let all_keys = keys(corpus);
    let pack = pack();
    let mut out: Vec<Work> = Vec::new();
    for id in report_ids {
        if out.iter().any(|w| w.id == id) {
            continue;
        }
        let Some((i, r)) = corpus.reports.iter().enumerate().find(|(_, r)| r.id == id) else {
            continue;
        };
        let from_pack = summarised_by_pack(&r.meta);
        out.push(Work::new(
            &r.meta,
            all_keys[i].clone(),
            from_pack.then_some(pack.key.as_str()),
        ));
    }
    if out.iter().any(|w| w.summarised_in.is_some()) && !out.iter().any(|w| w.key == pack.key) {
        out.push(pack);
    }
    out
}

/// The pack among `works`, if it is there: what the notes name.
pub fn pack_in(works: &[Work]) -> Option<&Work> {
    let key = works.iter().find_map(|w| w.summarised_in.as_deref())?;
    works.iter().find(|w| w.key == key)
}

/// The reference formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefFormat {
    Bibtex,
    CslJson,
    Ris,
}

impl RefFormat {
    /// The works in this format.
    pub fn render(self, works: &[Work]) -> String {
        match self {
            RefFormat::Bibtex => bibtex(works),
            RefFormat::CslJson => csl_json(works),
            RefFormat::Ris => ris(works),
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            RefFormat::Bibtex => "bib",
            RefFormat::CslJson => "json",
            RefFormat::Ris => "ris",
        }
    }
}

#[cfg(test)]
mod name_tests {
    use super::Name;

    fn split(name: &str) -> (String, String) {
        let n = Name::parse(name);
        (n.family, n.given)
    }

    #[test]
    fn names_split_as_a_reference_list_wants_them() {
        for (name, family, given) in [
            ("Atul Gawande", "Gawande", "Atul"),
            ("West, Michael", "West", "Michael"),
            ("Jane A. Smith", "Smith", "Jane A."),
            ("Dr Fatima Rahman", "Rahman", "Fatima"),
            ("Prof. Sir Bruce Keogh", "Keogh", "Bruce"),
            ("Jane Smith OBE", "Smith", "Jane"),
            ("Jane Smith, PhD", "Smith", "Jane"),
            ("Siobhán Ó Ceallaigh", "Ó Ceallaigh", "Siobhán"),
            ("Jan van der Berg", "van der Berg", "Jan"),
            ("Ursula Le Guin", "Le Guin", "Ursula"),
            ("Rhys ap Gwilym", "ap Gwilym", "Rhys"),
            ("Al Gore", "Gore", "Al"),
            ("Yo-Yo Ma", "Ma", "Yo-Yo"),
            ("Monitor", "Monitor", ""),
            ("Dr", "Dr", ""),
            (
                "Professor Sir Chris Whitty KCB FRS FMedSci",
                "Whitty",
                "Chris",
            ),
            ("Dame Sally Davies FRS", "Davies", "Sally"),
            ("Clare Gerada MBE FRCGP", "Gerada", "Clare"),
            ("Jane Smith, PhD, FRCP", "Smith", "Jane"),
            ("Lord Darzi of Denham", "Darzi", ""),
            ("Hoa Le", "Le", "Hoa"),
            ("Priya Das", "Das", "Priya"),
            // A participant anonymised with a description: kept whole.
            (
                "Interviewee A (Director of Operations)",
                "Interviewee A (Director of Operations)",
                "",
            ),
            (
                "Respondent 4 [ward manager]",
                "Respondent 4 [ward manager]",
                "",
            ),
        ] {
            assert_eq!(
                split(name),
                (family.to_string(), given.to_string()),
                "{name}"
            );
        }
    }
}

//! RIS: the tagged format EndNote, Zotero, Mendeley and RefWorks import.
//!
//! Each line is a tag, two spaces, a hyphen and a space, then the value,
//! ending in CR LF as the specification asks; `TY` opens a record and `ER`
//! closes it. RIS has no type for a speech: a lecture is `SLIDE`, the type
//! reference managers read as a presentation.

use super::{Genre, Work};

/// The works as an RIS file.
pub fn ris(works: &[Work]) -> String {
    let pack = super::pack_in(works);
    let mut out = String::new();
    let tag = |out: &mut String, t: &str, v: &str| {
        out.push_str(t);
        out.push_str("  - ");
        out.push_str(&v.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push_str("\r\n");
    };
    for w in works {
        let kind = match w.genre {
            Genre::Report | Genre::MeetingReport => "RPRT",
            Genre::MagazineArticle => "MGZN",
            Genre::JournalArticle => "JOUR",
            Genre::Speech => "SLIDE",
            Genre::Webpage => "ELEC",
            Genre::Article | Genre::Document => "GEN",
        };
        tag(&mut out, "TY", kind);
        tag(&mut out, "ID", &w.key);
        for n in &w.authors {
            if n.given.is_empty() {
                tag(&mut out, "AU", &n.family);
            } else {
                tag(&mut out, "AU", &format!("{}, {}", n.family, n.given));
            }
        }
        if w.authors.is_empty()
            && let Some(o) = &w.organisation
            && !matches!(w.genre, Genre::MagazineArticle | Genre::JournalArticle)
        {
            // A corporate author: with no comma, not split as a person's name.
            tag(&mut out, "AU", o);
        }
        tag(&mut out, "TI", &w.full_title());
        if let Some(o) = &w.organisation {
            match w.genre {
                Genre::MagazineArticle | Genre::JournalArticle => tag(&mut out, "T2", o),
                _ => {
                    tag(&mut out, "PB", o);
                }
            }
        }
        if let Some(i) = w.issued {
            tag(&mut out, "PY", &i.year.to_string());
            let month = i.month.map(|m| format!("{m:02}")).unwrap_or_default();
            let day = i.day.map(|d| format!("{d:02}")).unwrap_or_default();
            tag(&mut out, "DA", &format!("{}/{month}/{day}/", i.year));
        }
        if let Some(url) = &w.url {
            tag(&mut out, "UR", url);
        }
        if let Some(a) = &w.accessed {
            tag(&mut out, "Y2", a);
        }
        // RIS has no "et al.": an `AU` of it would be read as a person.
        let more = w
            .et_al
            .then(|| "The work has more authors than those named here.".to_string());
        if let Some(note) = more
            .into_iter()
            .chain(w.note(pack))
            .reduce(|a, b| a + " " + &b)
        {
            tag(&mut out, "N1", &note);
        }
        out.push_str("ER  - \r\n");
    }
    out
}

//! A PDF's own details: the title, authors and date its information
//! dictionary records, read as text strings in either of PDF's encodings.

use lopdf::Object;

/// Title, authors and date from the document's Info dictionary.
pub(super) fn details(doc: &lopdf::Document) -> (Option<String>, Vec<String>, Option<String>) {
    let info = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    let Some(info) = info else {
        return (None, Vec::new(), None);
    };
    let text = |key: &[u8]| -> Option<String> {
        let bytes = match info.get(key).ok()? {
            Object::String(bytes, _) => bytes.clone(),
            Object::Reference(id) => match doc.get_object(*id).ok()? {
                Object::String(bytes, _) => bytes.clone(),
                _ => return None,
            },
            _ => return None,
        };
        let s = super::super::fold(&text_string(&bytes));
        (!s.is_empty()).then_some(s)
    };
    let title = text(b"Title").filter(|t| !junk_title(t));
    let authors = text(b"Author")
        .map(|a| {
            a.split([';', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let date = text(b"CreationDate").and_then(|d| pdf_date(&d));
    (title, authors, date)
}

/// A title that names a file or a template rather than the work: one
/// word with an underscore, or a digit against a letter, is a file's name
/// (`Draft_v7_final`, `Document1`; not `COVID-19`); a title has spaces.
pub(in crate::import) fn junk_title(t: &str) -> bool {
    let lower = t.trim().to_ascii_lowercase();
    let one_word = !lower.contains(char::is_whitespace);
    lower.starts_with("microsoft word - ")
        || lower == "untitled"
        || lower.starts_with("untitled ")
        || [
            ".doc", ".docx", ".pdf", ".indd", ".tex", ".dvi", ".odt", ".rtf",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || one_word
            && (lower.contains('_')
                || lower.as_bytes().windows(2).any(|w| {
                    w[0].is_ascii_digit() != w[1].is_ascii_digit()
                        && w.iter().all(u8::is_ascii_alphanumeric)
                }))
}

/// A PDF text string: UTF-16 with its byte-order mark, UTF-8 with its
/// mark, else PDFDocEncoding (Latin-1 for the letters that matter).
pub(super) fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `D:20240305120000Z` as `2024-03-05` (or as much of it as is there).
pub(super) fn pdf_date(d: &str) -> Option<String> {
    let digits: String = d
        .trim_start_matches("D:")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let date = match digits.len() {
        n if n >= 8 => format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]),
        n if n >= 6 => format!("{}-{}", &digits[..4], &digits[4..6]),
        4 | 5 => digits[..4].to_string(),
        _ => return None,
    };
    crate::corpus::valid_date(&date).then_some(date)
}

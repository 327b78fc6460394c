//! A document's bytes as text, in the encoding it is written in. A web page
//! is read as a browser reads it, by the WHATWG encoding standard: its
//! byte-order mark, else the `<meta charset>` (or `http-equiv`
//! Content-Type) it declares in its first 1024 bytes. A plain text file has
//! only its byte-order mark to say (UTF-8, or UTF-16 as Windows Notepad
//! writes "Unicode"). A page or file that declares nothing and is not UTF-8
//! is read as Windows-1252, the encoding browsers fall back to for English
//! pages, with a note saying so; a text file whose bytes are not plausible
//! Windows-1252 text either (NUL bytes, control characters) is refused.
//! The decoding is `encoding_rs`'s, the standard's implementation in
//! Firefox. Knows nothing of what the text says beyond where a page
//! declares its encoding.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};
use std::borrow::Cow;

/// A document's text, and what the user should hear of how it was read.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// Set when the encoding was guessed, or the text did not all decode.
    pub note: Option<String>,
}

/// How many bytes of a page its encoding must be declared in.
const PRESCAN: usize = 1024;

/// The advice for a text file that cannot be read as it is.
const SAVE_AS_UTF8: &str = "open it in a text editor and save it as UTF-8, then try again";

/// A plain text or markdown file's text: by its byte-order mark if it has
/// one, as UTF-8 if it is, else as Windows-1252 with a note; refused (in
/// one sentence) when it is not valid in the encoding its mark declares, or
/// not plausible as Windows-1252 text.
pub fn text(bytes: &[u8]) -> Result<Decoded<'_>, String> {
    if let Some((encoding, mark)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[mark..])
            .map(|text| Decoded { text, note: None })
            .ok_or_else(|| {
                format!(
                    "it is marked as {} text (it starts with a byte-order mark) but is not that throughout: {SAVE_AS_UTF8}",
                    encoding.name()
                )
            });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            note: None,
        });
    }
    if let Some(mixed) = mostly_utf8(bytes) {
        return Ok(mixed);
    }
    if !plausible_windows_1252(bytes) {
        return Err(format!(
            "not UTF-8 text, and too many of its bytes are control characters for it to be Windows-1252 (Western European) text: if it is text, {SAVE_AS_UTF8}"
        ));
    }
    Ok(Decoded {
        text: WINDOWS_1252.decode_without_bom_handling(bytes).0,
        note: Some(
            "not UTF-8 and it does not say what encoding it is in, so it was read as Windows-1252 (Western European): check its accented letters and quotes, and if they are wrong, save the file as UTF-8 and read it again"
                .to_string(),
        ),
    })
}

/// A web page's text: in the encoding of its byte-order mark, else the one
/// its `<meta>` declares, else UTF-8 if it is, else Windows-1252 with a
/// note. Never fails: a browser shows any page.
pub fn page(bytes: &[u8]) -> Decoded<'_> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, mark)) => (encoding, &bytes[mark..]),
        None => match declared(&bytes[..bytes.len().min(PRESCAN)]) {
            // A page saved as UTF-8 that kept its old declaration: UTF-8
            // with letters beyond ASCII is not chance in another encoding.
            Some(encoding)
                if encoding != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() =>
            {
                (UTF_8, bytes)
            }
            Some(encoding) => (encoding, bytes),
            None => {
                if let Ok(text) = std::str::from_utf8(bytes) {
                    return Decoded {
                        text: Cow::Borrowed(text),
                        note: None,
                    };
                }
                if let Some(mixed) = mostly_utf8(bytes) {
                    return mixed;
                }
                return Decoded {
                    text: WINDOWS_1252.decode_without_bom_handling(bytes).0,
                    note: Some(
                        "the page does not say what encoding it is in and it is not UTF-8, so it was read as Windows-1252 (Western European), as browsers read it: check its accented letters and quotes in the report"
                            .to_string(),
                    ),
                };
            }
        },
    };
    let (text, malformed) = encoding.decode_without_bom_handling(body);
    Decoded {
        text,
        note: malformed.then(|| {
            format!(
                "the page says it is in {}, but some of its bytes are not: they came in as \u{fffd}; check the report",
                encoding.name()
            )
        }),
    }
}

/// The text of a file that starts with a UTF-16 byte-order mark, what is
/// not UTF-16 in it as U+FFFD: for telling what the file is.
pub fn utf16(bytes: &[u8]) -> Option<Cow<'_, str>> {
    match Encoding::for_bom(bytes) {
        Some((e, mark)) if e == UTF_16LE || e == UTF_16BE => {
            Some(e.decode_without_bom_handling(&bytes[mark..]).0)
        }
        _ => None,
    }
}

/// Whether bytes look like text in UTF-16 without a byte-order mark:
/// ASCII letters with a NUL beside each, on the same side throughout.
pub fn utf16_without_mark(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(PRESCAN) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return false;
    }
    let zero_at = |side: usize| head.chunks_exact(2).filter(|p| p[side] == 0).count();
    let (even, odd) = (zero_at(0), zero_at(1));
    // Mostly Latin text: most units have a zero high byte; the low bytes
    // are almost never zero.
    (odd * 10 >= pairs * 7 && even * 20 <= pairs) || (even * 10 >= pairs * 7 && odd * 20 <= pairs)
}

/// Bytes that are UTF-8 but for a few (a Windows-1252 quote pasted into
/// UTF-8 text): the UTF-8 read as such and only the stray bytes as
/// Windows-1252, with a note saying how many and on which line the first
/// is. `None` when no character beyond ASCII is valid UTF-8 (the text is
/// then in one single-byte encoding throughout) or when the stray bytes
/// outnumber the UTF-8 characters.
fn mostly_utf8(bytes: &[u8]) -> Option<Decoded<'static>> {
    let mut text = String::with_capacity(bytes.len());
    let (mut wide, mut stray) = (0usize, 0usize);
    let mut first_line = None;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        wide += valid.chars().filter(|c| !c.is_ascii()).count();
        text.push_str(valid);
        let bad = chunk.invalid();
        if !bad.is_empty() {
            first_line.get_or_insert_with(|| text.matches('\n').count() + 1);
            stray += bad.len();
            text.push_str(&WINDOWS_1252.decode_without_bom_handling(bad).0);
        }
    }
    if wide == 0 || stray > wide || bytes.contains(&0) {
        return None;
    }
    Some(Decoded {
        text: Cow::Owned(text),
        note: Some(format!(
            "UTF-8 but for {} (the first on line {}), read as Windows-1252 (Western European): check the quotes and accented letters there",
            crate::english::plural(stray, "byte"),
            first_line.unwrap_or(1)
        )),
    })
}

/// Text in Windows-1252: no NUL, and control characters (those of C0
/// other than tab, line and page breaks, and the five bytes Windows-1252
/// leaves undefined) at most one byte in a hundred.
fn plausible_windows_1252(bytes: &[u8]) -> bool {
    let control = bytes
        .iter()
        .filter(|&&b| {
            (b < 0x20 && !b"\n\r\t\x0c".contains(&b)) || [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(&b)
        })
        .count();
    !bytes.contains(&0) && control * 100 <= bytes.len()
}

/// The encoding a page's first bytes declare in a `<meta>` element, by the
/// standard's prescan: comments, other tags and their attributes (a `>`
/// in quotes too) passed over; `charset`, or `http-equiv=content-type`
/// with a `content` that names one. UTF-16 declared in the page itself
/// means UTF-8 (the page would not be readable to say so otherwise), and
/// `x-user-defined` Windows-1252; a label no encoding has (or one that
/// would turn the whole page into a single replacement character) is no
/// declaration.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while at < head.len() {
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            // Ends at the first `-->`, which may share its dashes with `<!--`.
            at += 2 + find(&rest[2..], b"-->")? + 3;
            continue;
        }
        if starts_with_ignore_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            at += 6;
            if let Some(encoding) = meta(head, &mut at) {
                return Some(encoding);
            }
            continue;
        }
        let tag = match rest {
            [b'<', b'/', c, ..] | [b'<', c, ..] if c.is_ascii_alphabetic() => true,
            [b'<', b'!' | b'/' | b'?', ..] => {
                at += find(rest, b">")? + 1;
                continue;
            }
            _ => false,
        };
        if tag {
            // Past the tag's name, then its attributes (whose values may
            // hold a `>`).
            at += rest
                .iter()
                .position(|&b| is_space(b) || b == b'>')
                .unwrap_or(rest.len());
            while attribute(head, &mut at)?.is_some() {}
        }
        at += 1;
    }
    None
}

/// The encoding one `<meta>` element declares, reading its attributes from
/// `at` (after `<meta `); `at` is left past them.
fn meta(head: &[u8], at: &mut usize) -> Option<&'static Encoding> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let (mut pragma, mut need_pragma, mut charset) = (false, None, None);
    while let Some((name, value)) = attribute(head, at)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => pragma |= value == b"content-type",
            b"content" if charset.is_none() => {
                if let Some(label) = charset_in_content(&value) {
                    charset = Some(Encoding::for_label_no_replacement(label));
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Some(Encoding::for_label_no_replacement(&value));
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let encoding = charset.flatten()?;
    if need_pragma? && !pragma {
        return None;
    }
    Some(if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    })
}

/// The next attribute of a tag from `at`: its name and value, lowercased;
/// `Some(None)` at the tag's end; `None` when the bytes run out first
/// (which ends the prescan).
fn attribute(head: &[u8], at: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    let byte = |i: usize| head.get(i).copied();
    while is_space(byte(*at)?) || byte(*at)? == b'/' {
        *at += 1;
    }
    if byte(*at)? == b'>' {
        return Some(None);
    }
    let (mut name, mut value) = (Vec::new(), Vec::new());
    loop {
        let b = byte(*at)?;
        if b == b'=' && !name.is_empty() {
            *at += 1;
            break;
        }
        if is_space(b) {
            while is_space(byte(*at)?) {
                *at += 1;
            }
            if byte(*at)? != b'=' {
                return Some(Some((name, value)));
            }
            *at += 1;
            break;
        }
        if b == b'/' || b == b'>' {
            return Some(Some((name, value)));
        }
        name.push(b.to_ascii_lowercase());
        *at += 1;
    }
    while is_space(byte(*at)?) {
        *at += 1;
    }
    let b = byte(*at)?;
    if b == b'"' || b == b'\'' {
        *at += 1;
        loop {
            let c = byte(*at)?;
            *at += 1;
            if c == b {
                return Some(Some((name, value)));
            }
            value.push(c.to_ascii_lowercase());
        }
    }
    if b == b'>' {
        return Some(Some((name, value)));
    }
    loop {
        let c = byte(*at)?;
        if is_space(c) || c == b'>' {
            return Some(Some((name, value)));
        }
        value.push(c.to_ascii_lowercase());
        *at += 1;
    }
}

/// The label after `charset=` in a `content` value
/// (`text/html; charset=windows-1252`), quoted or not.
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let mut at = 0;
    loop {
        at += find(&content[at..], b"charset")? + 7;
        while content.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        if content.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while content.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        let rest = &content[at..];
        return match rest.first()? {
            &q @ (b'"' | b'\'') => {
                let end = rest[1..].iter().position(|&c| c == q)?;
                Some(&rest[1..=end])
            }
            _ => {
                let end = rest
                    .iter()
                    .position(|&c| is_space(c) || c == b';')
                    .unwrap_or(rest.len());
                Some(&rest[..end]).filter(|l| !l.is_empty())
            }
        };
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// A sentence in Windows-1252: curly quotes, an apostrophe, a dash
    /// and an accented letter, each a byte of its own.
    const WIN1252: &[u8] =
        b"The trust\x92s board agreed the \x93five year\x94 plan \x96 see annex. Caf\xe9";
    const READ: &str = "The trust\u{2019}s board agreed the \u{201c}five year\u{201d} plan \u{2013} see annex. Caf\u{e9}";

    fn page_with(head: &str) -> Vec<u8> {
        let mut page = format!("<!DOCTYPE html><html><head>{head}</head><body><p>").into_bytes();
        page.extend_from_slice(WIN1252);
        page.extend_from_slice(b"</p></body></html>");
        page
    }

    #[test]
    fn a_page_is_read_in_the_encoding_it_declares() {
        for head in [
            r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">"#,
            r#"<meta charset="iso-8859-1">"#,
            "<meta charset=ISO-8859-1>",
            "<META HTTP-EQUIV=content-type CONTENT='text/html;charset=\"latin1\"'>",
            r#"<meta content="text/html; charset=cp1252" http-equiv="content-type" />"#,
            // A comment's and a script's lookalikes come first.
            r#"<!-- <meta charset="utf-8"> --><title a=">">T</title><meta charset="windows-1252">"#,
            r#"<meta name="x" charset="bogus"><meta charset="x-user-defined">"#,
        ] {
            let page = page_with(head);
            let read = super::page(&page);
            assert!(read.text.contains(READ), "{head}: {}", read.text);
            assert_eq!(read.note, None, "{head}");
        }
    }

    #[test]
    fn what_does_not_declare_an_encoding_is_passed_over() {
        for head in [
            // `content` without the http-equiv that makes it a declaration.
            r#"<meta content="text/html; charset=utf-8">"#,
            "<!-- <meta charset=\"utf-8\"> -->",
            r#"<meta charset="no-such-encoding">"#,
            r#"<meta name="description" content="charset=utf-8 pages">"#,
        ] {
            assert_eq!(declared(page_with(head).as_slice()), None, "{head}");
        }
        // Past the first 1024 bytes, a declaration is not read: this page
        // in Windows-1252 says UTF-8 too late, and is read as a page that
        // declares nothing.
        let mut late = b"<p>Caf\xe9 ".to_vec();
        late.extend("x".repeat(PRESCAN).as_bytes());
        late.extend(b"</p><meta charset=\"utf-8\">");
        let read = page(&late);
        assert!(read.text.contains("Café"), "{}", read.text);
        assert!(
            read.note
                .as_deref()
                .is_some_and(|n| n.contains("does not say")),
            "{:?}",
            read.note
        );
    }

    #[test]
    fn text_that_is_utf8_but_for_a_stray_byte_keeps_its_utf8() {
        let bytes = b"Caf\xc3\xa9 first.\nThe trust\x92s board agreed.\n";
        let read = text(bytes).unwrap();
        assert_eq!(read.text, "Café first.\nThe trust’s board agreed.\n");
        let note = read.note.unwrap();
        assert!(
            note.contains("UTF-8 but for 1 byte (the first on line 2)"),
            "{note}"
        );
        // A page in UTF-8 that still declares its old encoding is UTF-8.
        let page_bytes = "<meta charset=\"iso-8859-1\"><p>Café and naïve</p>".as_bytes();
        let read = page(page_bytes);
        assert!(read.text.contains("Café and naïve"), "{}", read.text);
        // Windows-1252 throughout stays Windows-1252.
        let read = text(b"Caf\xe9 and the trust\x92s board").unwrap();
        assert_eq!(read.text, "Café and the trust’s board");
    }

    #[test]
    fn a_page_s_byte_order_mark_comes_before_its_declaration() {
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        for unit in r#"<meta charset="windows-1252"><p>Café “ok”</p>"#.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let read = page(&utf16);
        assert!(read.text.contains("Café “ok”"), "{}", read.text);
        // UTF-16 declared by a page in ASCII bytes means UTF-8.
        assert_eq!(declared(br#"<meta charset="utf-16">"#), Some(UTF_8));
    }

    #[test]
    fn a_page_that_declares_nothing_is_utf8_or_else_windows_1252_with_a_note() {
        let utf8 = "<p>Café “ok”</p>".as_bytes();
        let read = page(utf8);
        assert_eq!(read.text, "<p>Café “ok”</p>");
        assert_eq!(read.note, None);
        let old = page_with("<title>Old page</title>");
        let read = page(&old);
        assert!(read.text.contains(READ), "{}", read.text);
        assert!(read.note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn a_page_whose_bytes_are_not_what_it_declares_says_so() {
        let mislabelled = page_with(r#"<meta charset="utf-8">"#);
        let read = page(&mislabelled);
        assert!(read.text.contains('\u{fffd}'));
        assert!(read.note.unwrap().contains("says it is in UTF-8"));
    }

    #[test]
    fn a_text_file_is_read_by_its_mark_else_as_utf8_else_as_windows_1252() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in READ.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(READ.as_bytes());
        for bytes in [le, be, bom, READ.as_bytes().to_vec()] {
            let read = text(&bytes).unwrap();
            assert_eq!(read.text, READ);
            assert_eq!(read.note, None);
        }
        let read = text(WIN1252).unwrap();
        assert_eq!(read.text, READ);
        assert!(
            read.note
                .unwrap()
                .contains("read as Windows-1252 (Western European)")
        );
    }

    #[test]
    fn bytes_that_are_no_text_in_any_of_them_are_refused() {
        // Control characters among the letters: not text.
        let mut bytes = WIN1252.to_vec();
        bytes.extend_from_slice(b"\x01\x02\x03\x04\x05");
        assert!(text(&bytes).unwrap_err().contains("save it as UTF-8"));
        assert!(text(b"abc\xe9\0def").is_err());
        // A UTF-16 mark with an odd byte at the end, and a lone surrogate.
        assert!(text(b"\xFF\xFEa\0b").unwrap_err().contains("UTF-16LE"));
        assert!(text(b"\xFF\xFEa\0\x00\xD8b\0").is_err());
        // A UTF-8 mark before bytes that are not UTF-8.
        assert!(text(b"\xEF\xBB\xBFCaf\xe9").unwrap_err().contains("UTF-8"));
    }

    #[test]
    fn utf16_without_a_mark_is_told_from_binary() {
        let le: Vec<u8> = "Plain notes, saved as Unicode."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(utf16_without_mark(&le));
        assert!(!utf16_without_mark(&[0u8; 64]));
        assert!(!utf16_without_mark(b"plain ascii text here"));
        assert_eq!(utf16(b"\xFE\xFF\0a").as_deref(), Some("a"));
        assert_eq!(utf16(b"\xEF\xBB\xBFa"), None);
    }
}

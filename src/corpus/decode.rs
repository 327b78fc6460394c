//! Decoding a corpus file's bytes: UTF-8 only, its byte order mark
//! dropped and line ends made LF; a file in another encoding is refused
//! with the way to convert it.

/// What [`decode`] says of a file that is not UTF-8, before the byte.
pub(super) const NOT_UTF8: &str = "invalid UTF-8 at byte";

/// What [`decode`] says of a file in UTF-16 (Notepad's "Unicode").
pub(super) const UTF16: &str = "UTF-16 text, not UTF-8";

/// Decodes a file's bytes: UTF-8 only, BOM dropped, CRLF and a lone CR
/// (old Mac line ends) turned into LF.
/// A file in another encoding is refused with the way to convert it (the
/// corpus reads files of its own; `import` converts others).
pub(crate) fn decode(bytes: &[u8]) -> Result<String, (usize, String)> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err((0, "empty file".to_string()));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((0, format!("{UTF16}: save the file as UTF-8")));
    }
    if bytes.contains(&0) {
        return Err((
            0,
            "binary file (contains NUL bytes), not a text report".to_string(),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        (line, format!("{NOT_UTF8} {at}: save the file as UTF-8"))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n");
    Ok(if text.contains('\r') {
        text.replace('\r', "\n")
    } else {
        text
    })
}

/// Whether a file opens with this program's front matter (`+++`), in UTF-8
/// (with or without a byte-order mark) or UTF-16.
pub(super) fn own_front_matter(bytes: &[u8]) -> bool {
    let utf8 = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes);
    let utf16 = bytes
        .strip_prefix(b"\xFF\xFE".as_slice())
        .or_else(|| bytes.strip_prefix(b"\xFE\xFF".as_slice()))
        .unwrap_or(bytes);
    utf8.starts_with(b"+++") || utf16.starts_with(b"+\0+\0+\0") || utf16.starts_with(b"\0+\0+\0+")
}

/// Whether bytes that are not all UTF-8 are mostly so: they hold UTF-8's
/// multi-byte letters (`é`, `’`), and few bytes that are not.
pub(super) fn mostly_utf8(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let bad = text.matches('\u{FFFD}').count();
    let multi = text
        .chars()
        .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
        .count();
    multi > 0 && bad <= multi
}

//! What follows a key in a pandoc citation, and what it can point at: a
//! page (`p. 3`), a paragraph (`para. 9`, a passage's number) or a range
//! of either, and whether a passage is on the pages or paragraphs named.

use crate::corpus::{Pages, Passage};

/// A pandoc citation item as written again: `@key`, or `@key, p. 3`.
pub(super) fn written(key: &str, after: &str) -> String {
    match after.trim_start_matches([',', ' ']).trim() {
        "" => format!("@{key}"),
        l => format!("@{key}, {l}"),
    }
}

/// Whether a pandoc citation as written (`@gawande2012big, p. 3`) locates
/// by page.
pub(super) fn cites_pages(written: &str) -> bool {
    written
        .split_once(',')
        .is_some_and(|(_, after)| matches!(locator(after), Some(Locator::Pages(_))))
}

/// Whether passage `id` (`p`, when the corpus still has it) may be where a
/// pandoc citation as written (`@key, p. 2`) points: on its pages, in its
/// paragraphs, or anywhere in the work when it names no place. A passage
/// the corpus no longer has may have been on any page.
pub(super) fn may_point_at(written: &str, id: &str, p: Option<&Passage>) -> bool {
    let Some(place) = key_in(written).and_then(|(_, after)| locator(after)) else {
        return true;
    };
    match place {
        Locator::Pages(pages) => p.is_none_or(|p| on_pages(p, Some(pages))),
        Locator::Paras(first, last) => para_number(id).is_some_and(|n| (first..=last).contains(&n)),
        Locator::Para(n) => id.rsplit('/').next() == Some(n.as_str()),
    }
}

/// A passage's paragraph number, the whole part of its id's last
/// segment: 27 for `report/27` and for `report/27.1`.
pub(super) fn para_number(id: &str) -> Option<u32> {
    let n = id.rsplit('/').next()?;
    n.split('.').next()?.parse().ok()
}

/// Whether a passage is on the pages a citation names (any passage, when it
/// names none).
pub(super) fn on_pages(p: &Passage, pages: Option<Pages>) -> bool {
    match (pages, p.pages) {
        (None, _) => true,
        (Some(want), Some(on)) => on.first <= want.last && want.first <= on.last,
        (Some(_), None) => false,
    }
}

/// The known-shape key in a citation item (`see @key, p. 3`, `-@key`,
/// `@{key}`), and what follows it.
pub(super) fn key_in(item: &str) -> Option<(String, &str)> {
    // At a word's start (`see @key`, `-@key`, `[@key`): the `@` of an
    // address (`press@example.org`) is no citation.
    let at = item.match_indices('@').map(|(i, _)| i).find(|&i| {
        item[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '+')))
    })?;
    let (key, len) = key_at(&item[at + 1..])?;
    Some((key, &item[at + 1 + len..]))
}

/// A citation key at the start of `s` (just after the `@`), with the bytes
/// it takes: pandoc's shape, a letter, digit or `_` and then those and
/// inner punctuation (`:.#$%&-+?<>~/`), trailing punctuation not included;
/// or anything in braces.
pub(super) fn key_at(s: &str) -> Option<(String, usize)> {
    if let Some(body) = s.strip_prefix('{') {
        let close = body.find('}')?;
        let key = body[..close].trim();
        return (!key.is_empty()).then(|| (key.to_string(), close + 2));
    }
    let first = s.chars().next()?;
    if !(first.is_alphanumeric() || first == '_') {
        return None;
    }
    let mut len = 0;
    let mut last_good = 0;
    for c in s.chars() {
        if c.is_alphanumeric() || c == '_' {
            len += c.len_utf8();
            last_good = len;
        } else if ":.#$%&-+?<>~/".contains(c) {
            len += c.len_utf8();
        } else {
            break;
        }
    }
    Some((s[..last_good].to_string(), last_good))
}

/// Where in a work a citation points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Locator {
    /// A paragraph: a passage's number (`9`, or `4.2`).
    Para(String),
    /// A range of paragraphs, first and last (`paras. 27–28`).
    Paras(u32, u32),
    Pages(Pages),
}

/// A citation's locator, from what follows its key: `, para. 9`, `¶ 9`,
/// `paragraph 9`, `paras. 9–10`, `p. 3`, `pp. 3–4`, `page 3`, `pages 3-4`.
/// `None` when there is none or it is of another kind (`chap. 2`).
pub(super) fn locator(after: &str) -> Option<Locator> {
    const LABELS: [(&str, bool); 14] = [
        ("paragraphs", true),
        ("paragraph", true),
        ("paras.", true),
        ("paras", true),
        ("para.", true),
        ("para", true),
        ("¶¶", true),
        ("¶", true),
        ("pages", false),
        ("page", false),
        ("pp.", false),
        ("pp", false),
        ("p.", false),
        ("p", false),
    ];
    let s = after
        .trim_start_matches([',', ' ', '\u{a0}'])
        .to_lowercase();
    let (rest, para) = LABELS.iter().find_map(|(label, para)| {
        let rest = s.strip_prefix(label)?;
        rest.starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit())
            .then(|| (rest.trim_start(), *para))
    })?;
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || (para && *c == '.'))
        .collect();
    let number = number.trim_end_matches('.');
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let after_first = rest[number.len()..].trim_start();
    // The range's end, written in full or shortened as ranges often are
    // (`127–28` is 127 to 128, `pp. 112-4` 112 to 114).
    let range_end = || {
        let end = after_first.strip_prefix(['-', '–', '—']).map(|r| {
            r.trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })?;
        let whole: String = number.chars().take_while(char::is_ascii_digit).collect();
        let full = if end.len() < whole.len() && end.parse::<u32>().ok()? < whole.parse().ok()? {
            format!("{}{end}", &whole[..whole.len() - end.len()])
        } else {
            end
        };
        full.parse::<u32>().ok()
    };
    if para {
        // A range of whole paragraphs (`paras. 27–28`); `para. 4.2` and a
        // range backwards (`paras. 28–27`) are read as one paragraph.
        if let (Ok(first), Some(last)) = (number.parse::<u32>(), range_end())
            && last > first
        {
            return Some(Locator::Paras(first, last));
        }
        return Some(Locator::Para(number.to_string()));
    }
    let first: u32 = number.parse().ok().filter(|&n| n > 0)?;
    let last = range_end().filter(|&l| l >= first).unwrap_or(first);
    Some(Locator::Pages(Pages { first, last }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators_are_read_in_their_common_forms() {
        let pages = |first, last| Some(Locator::Pages(Pages { first, last }));
        assert_eq!(locator(", para. 9"), Some(Locator::Para("9".into())));
        assert_eq!(locator(" ¶ 4.2"), Some(Locator::Para("4.2".into())));
        assert_eq!(
            locator(", paragraph 12, emphasis added"),
            Some(Locator::Para("12".into()))
        );
        assert_eq!(locator(", p. 3"), pages(3, 3));
        assert_eq!(locator("pp. 3–4"), pages(3, 4));
        assert_eq!(locator(", pages 10-12"), pages(10, 12));
        assert_eq!(locator("p.7"), pages(7, 7));
        assert_eq!(locator(", paras. 27–28"), Some(Locator::Paras(27, 28)));
        assert_eq!(locator(" ¶¶ 3-5"), Some(Locator::Paras(3, 5)));
        assert_eq!(locator(", paras. 28–27"), Some(Locator::Para("28".into())));
        assert_eq!(locator(", paras. 127–28"), Some(Locator::Paras(127, 128)));
        assert_eq!(locator(", pp. 112-4"), pages(112, 114));
        assert_eq!(locator(", chap. 2"), None);
        assert_eq!(locator(""), None);
        assert_eq!(locator(", passim"), None);
    }

    #[test]
    fn keys_stop_before_trailing_punctuation() {
        assert_eq!(
            key_at("gawande2012big, p. 3"),
            Some(("gawande2012big".into(), 14))
        );
        assert_eq!(key_at("kf2014foo."), Some(("kf2014foo".into(), 9)));
        assert_eq!(key_at("{odd key}]"), Some(("odd key".into(), 9)));
        assert_eq!(key_at(" x"), None);
    }
}

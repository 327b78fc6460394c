//! Web pages: the main content, not the navigation, cookie banner, sidebar
//! or footer, found by `dom_smoothie` (a port of Mozilla's Readability, the
//! reader view of Firefox); when it finds no article (a short page), the
//! page's `<main>` or `<article>`, else its body, less the parts that are
//! never content (navigation, headers, footers, forms, scripts). The content
//! is then read block by block: headings are sections, paragraphs, list
//! items (nested), table rows (cells joined by " | "). Title, author, date
//! and the canonical web address come from the page's own details (`<link
//! rel=canonical>`, Open Graph, `article:published_time`, JSON-LD). The
//! page's bytes are decoded as a browser decodes them (`encoding`).

use super::document::{Block, BlockKind, Document};
use dom_query::{Document as Dom, NodeRef};

/// Elements that are never the content of a page.
const NEVER: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "button", "select", "input",
    "textarea", "nav", "form", "head", "title", "meta", "link", "object", "canvas",
];

/// Cookie and consent notices, by the names pages give them.
const NOTICES: &str = "[class*=cookie], [id*=cookie], [class*=Cookie], [id*=Cookie], \
     [class*=consent], [id*=consent], [class*=Consent], [id*=Consent], [class*=gdpr], [id*=gdpr], \
     [role=dialog], [role=alertdialog], [aria-modal=true], [class^=cc-], [class*=\" cc-\"]";

/// Readers' comments, related posts and sharing links, by the names pages
/// give them: beside the article, never part of it.
const ASIDES: &str = "#comments, .comments, .comment-list, .commentlist, #respond, \
     .related, .related-posts, #related, .sharedaddy, .share-buttons, .social-share, \
     #footer, #site-footer, .site-footer";

/// Also left out when the page is read without Readability.
const CHROME: &[&str] = &["header", "footer", "aside"];

/// Elements that start a block of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "caption",
    "body",
    "html",
];

/// How deep a page's elements may nest. Pages people read nest a few
/// dozen deep; the parsers' work grows with depth times size, so a page
/// nested thousands deep (damaged or made to hurt) would take minutes.
const MAX_DEPTH: usize = 512;

/// Reads a web page.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    read_with(bytes, true)
}

/// Reads a web page, with Readability or (for measuring it against the
/// plain rules) without.
pub fn read_with(bytes: &[u8], readability: bool) -> Result<Document, String> {
    let decoded = super::encoding::page(bytes);
    let html = decoded.text.into_owned();
    let depth = nesting(&html);
    if depth > MAX_DEPTH {
        return Err(format!(
            "its elements nest {depth} deep, more than any page a person reads ({MAX_DEPTH}): the file is damaged or machine-made"
        ));
    }
    let page = Dom::from(html.as_str());
    // Consent and cookie notices sit outside any article, but a short page
    // can leave Readability taking the whole body: they go first.
    page.select(NOTICES).remove();
    page.select(ASIDES).remove();
    // The page's main headings, one of which may be the article's title.
    let headings: Vec<String> = page
        .select("h1, h2")
        .iter()
        .map(|h| super::fold(&h.text()))
        .filter(|h| !h.trim().is_empty())
        .collect();
    // Pandoc's title block (`pandoc -s`): the authors, one to a line, the
    // date and a subtitle, which are the page's details, not its text.
    let header = page.select("#title-block-header");
    let in_header = |class: &str| -> Vec<String> {
        header
            .select(class)
            .iter()
            .map(|n| super::fold(&n.text()))
            .filter(|t| !t.is_empty())
            .collect()
    };
    let header_authors = in_header(".author");
    let header_date = in_header(".date")
        .first()
        .and_then(|d| crate::date::dateline(d).or_else(|| crate::date::iso_date(d.trim())));
    let header_subtitle = in_header(".subtitle").into_iter().next();
    // The details go; anything else in the block (an abstract) is text,
    // under its heading.
    header.select(".title, .subtitle, .author, .date").remove();
    for n in header.select(".abstract-title").nodes() {
        n.rename("h2");
    }
    let html = page.html().to_string();
    let canonical = page
        .select("link[rel=canonical]")
        .attr("href")
        .map(|h| h.to_string())
        .or_else(|| {
            page.select("meta[property=\"og:url\"]")
                .attr("content")
                .map(|h| h.to_string())
        })
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(|u| u.trim().to_string());
    let meta = |selector: &str| {
        page.select(selector)
            .attr("content")
            .map(|v| super::fold(&v))
            .filter(|v| !v.is_empty())
    };
    let article = readability
        .then(|| dom_smoothie::Readability::new(html.as_str(), None, None).ok())
        .flatten()
        .and_then(|mut r| r.parse().ok());
    let mut blocks = Vec::new();
    let (mut title, mut byline, mut published) = (None, None, None);
    if let Some(a) = &article {
        let content = Dom::from(a.content.to_string().as_str());
        walk(&content.root(), 0, false, &mut blocks);
        title = Some(super::fold(&a.title)).filter(|t| !t.is_empty());
        byline = a.byline.clone();
        published = a.published_time.clone();
    }
    if blocks.iter().all(|b: &Block| b.text.trim().is_empty()) {
        blocks.clear();
        let main = page.select("main, article, [role=main]");
        let root = match main.nodes().first() {
            Some(n) => *n,
            None => match page.select("body").nodes().first() {
                Some(n) => *n,
                None => page.root(),
            },
        };
        walk(&root, 0, true, &mut blocks);
    }
    if blocks.iter().all(|b| b.text.trim().is_empty()) {
        return Err(
            "no readable text in it: the page is built by scripts in the browser; save it from the browser once it has loaded, or print it to PDF"
                .to_string(),
        );
    }
    let page_title = Some(super::fold(&page.select("title").text())).filter(|t| !t.is_empty());
    let title = title
        .or_else(|| meta("meta[property=\"og:title\"]"))
        .or_else(|| page_title.clone())
        .map(|t| without_site_name(&t, &headings));
    // The site that published it: what the page names as such, else the
    // other half of a `<title>` whose one half is the article's heading.
    let publisher = meta("meta[property=\"og:site_name\"]")
        .or_else(|| meta("meta[name=\"application-name\"]"))
        .or_else(|| page_title.and_then(|t| site_name(&t, &headings)))
        .filter(|s| s.chars().count() <= SITE_NAME_MAX && Some(s) != title.as_ref());
    // A date in the byline the page marks (`class="byline"`: `By Priya
    // Raman, 14 March 2023`) is the page's when it gives none elsewhere.
    let mut dated = byline
        .as_deref()
        .and_then(|b| crate::date::written_date(&super::fold(b)));
    let mut author = byline
        .map(|b| super::fold(&b))
        .or_else(|| meta("meta[name=author]"))
        .map(|a| byline_name(&a))
        .filter(|a| !a.is_empty());
    // A byline the page does not mark as one, in its first lines
    // (`Posted by Zoë Ferreira-Løvold on 3 May 2021`): details, not text.
    if author.is_none()
        && let Some(i) = blocks
            .iter()
            .take(3)
            .position(|b| b.kind == BlockKind::Paragraph && plain_byline(&b.text))
    {
        let line = blocks.remove(i);
        author = Some(byline_name(&line.text));
        dated = crate::date::written_date(&line.text);
    }
    let date = published
        .or_else(|| meta("meta[property=\"article:published_time\"]"))
        .or_else(|| meta("meta[name=date]"))
        .or_else(|| meta("meta[name=\"dcterms.date\"]"))
        .or_else(|| meta("meta[name=\"citation_publication_date\"]"))
        .or_else(|| meta("meta[name=\"DC.date\"]"))
        .or_else(|| meta("meta[itemprop=datePublished]"))
        .or(header_date)
        .or_else(|| {
            page.select("time[datetime]")
                .attr("datetime")
                .map(|d| d.to_string())
        })
        .map(|d| crate::corpus::normalise_date(&d))
        .filter(|d| crate::corpus::valid_date(d))
        .or(dated);
    // The byline, when the article repeats it as one of its first lines:
    // the author's name alone, or a short line that starts with "By" and
    // names them (`By Priya Raman, 14 March 2023`). It is details, not a
    // passage; a date in it is the page's when the page gives none.
    let mut date = date;
    if let Some(a) = &author {
        let byline = |t: &str| {
            let t = t.trim();
            let rest = t
                .strip_prefix("By ")
                .or_else(|| t.strip_prefix("by "))
                .or_else(|| t.strip_prefix("BY "));
            t == a.as_str()
                || rest.is_some_and(|r| r.contains(a.as_str()) && t.chars().count() <= BYLINE_MAX)
        };
        if let Some(i) = blocks.iter().take(3).position(|b| byline(&b.text)) {
            let line = blocks.remove(i);
            date = date.or_else(|| crate::date::written_date(&line.text));
        }
    }
    // A dateline left of a byline (`on 9 May 2023`, the name having gone
    // to the byline) is details too.
    if let Some(i) = blocks
        .iter()
        .take(3)
        .position(|b| crate::date::dateline(&b.text).is_some())
    {
        let line = blocks.remove(i);
        date = date.or_else(|| crate::date::dateline(&line.text));
    }
    let authors = if header_authors.is_empty() {
        author.into_iter().collect()
    } else {
        header_authors
    };
    Ok(Document {
        subtitle: header_subtitle,
        title,
        authors,
        date,
        date_from_file: false,
        url: canonical,
        publisher,
        pages: None,
        blocks,
        notes: decoded.note.into_iter().collect(),
    })
}

/// Whether a line reads as a byline though the page does not mark it as
/// one: a lead-in (`By`, `Posted by`, `Written by`), then a name (one to
/// five capitalised words), then a date or nothing; short.
fn plain_byline(text: &str) -> bool {
    let t = text.trim();
    let lead = ["posted by ", "written by ", "words by ", "by "]
        .iter()
        .any(|l| t.len() > l.len() && t.get(..l.len()).is_some_and(|h| h.eq_ignore_ascii_case(l)));
    if !lead || t.chars().count() > 100 {
        return false;
    }
    let name = byline_name(t);
    let words: Vec<&str> = name.split_whitespace().collect();
    let named = (1..=5).contains(&words.len())
        && words.iter().all(|w| {
            matches!(
                *w,
                "and" | "&" | "de" | "van" | "von" | "da" | "di" | "le" | "la"
            ) || w.chars().next().is_some_and(char::is_uppercase)
        });
    // A date after the name, or a name of two to four words alone: "By
    // Royal Appointment" could be either, "By Anna Smith" is a byline.
    let dated = crate::date::written_date(t).is_some();
    let alone = t.ends_with(name.as_str()) && (2..=4).contains(&words.len());
    named && (dated || alone)
}

/// A page's title without the site's name: `Blog – NHS Matters – Mergers
/// revisited` is `Mergers revisited` when that is one of the page's main
/// headings.
fn without_site_name(title: &str, headings: &[String]) -> String {
    for sep in [" – ", " — ", " | ", " - ", " :: ", " · ", " » "] {
        if title.contains(sep)
            && let Some(part) = title.split(sep).map(str::trim).find(|p| {
                headings
                    .iter()
                    .any(|h| h.trim().to_lowercase() == p.to_lowercase())
            })
        {
            return part.to_string();
        }
    }
    title.to_string()
}

/// The other half of a page's title that is the article's heading and
/// the site's name (`Mergers revisited | NHS Matters`), when it has just
/// two.
fn site_name(title: &str, headings: &[String]) -> Option<String> {
    let heading = |p: &str| {
        headings
            .iter()
            .any(|h| h.trim().to_lowercase() == p.to_lowercase())
    };
    [" – ", " — ", " | ", " - ", " :: ", " · ", " » "]
        .iter()
        .find_map(|sep| {
            let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
            match parts[..] {
                [a, b] if heading(a) && !heading(b) => Some(b.to_string()),
                [a, b] if heading(b) && !heading(a) => Some(a.to_string()),
                _ => None,
            }
        })
        .filter(|s| !s.is_empty())
}

/// The longest site name taken from a page (a longer one is a sentence).
const SITE_NAME_MAX: usize = 80;

/// The longest line read as a byline.
const BYLINE_MAX: usize = 160;

/// The name a byline gives: its lead-in (`By`, `Posted by`, `Written
/// by`, `Author:`) and a date after the name (`on 9 May 2023`, `, 14
/// March 2023`) taken off.
fn byline_name(byline: &str) -> String {
    let mut name = byline.trim();
    for lead in [
        "posted by ",
        "written by ",
        "words by ",
        "by ",
        "author: ",
        "authors: ",
    ] {
        if name.len() > lead.len()
            && let (Some(head), Some(rest)) = (name.get(..lead.len()), name.get(lead.len()..))
            && head.eq_ignore_ascii_case(lead)
        {
            name = rest.trim_start();
            break;
        }
    }
    for cut in [" on ", ", ", " | ", " · ", " – ", " — "] {
        if let Some(at) = name.find(cut)
            && crate::date::written_date(&name[at..]).is_some()
        {
            name = name[..at].trim_end();
        }
    }
    name.to_string()
}

fn name(node: &NodeRef<'_>) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Walks a node's children, turning block elements into blocks and runs of
/// inline text into paragraphs. `lists` is how many lists it is inside;
/// `strict` leaves out headers, footers and asides (for a page read without
/// Readability, which has taken them out already).
fn walk(node: &NodeRef<'_>, lists: u8, strict: bool, out: &mut Vec<Block>) {
    let mut inline = String::new();
    let flush = |inline: &mut String, out: &mut Vec<Block>| {
        let text = super::fold(inline);
        if !text.is_empty() {
            out.push(Block::paragraph(text));
        }
        inline.clear();
    };
    for child in node.children() {
        if child.is_text() {
            inline.push_str(&child.text());
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let tag = name(&child);
        if NEVER.contains(&tag.as_str()) || strict && CHROME.contains(&tag.as_str()) {
            continue;
        }
        if tag == "br" {
            inline.push(' ');
            continue;
        }
        if !BLOCKS.contains(&tag.as_str()) {
            inline.push_str(&text_of(&child));
            continue;
        }
        flush(&mut inline, out);
        match tag.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = tag[1..].parse::<u8>().unwrap_or(2);
                out.push(Block::heading(level, super::fold(&text_of(&child))));
            }
            "ul" | "ol" => {
                let ordered = tag == "ol";
                for li in child.children().iter().filter(|c| name(c) == "li") {
                    out.push(Block {
                        kind: BlockKind::Item {
                            depth: lists,
                            ordered,
                        },
                        text: super::fold(&text_without_lists(li)),
                        pages: None,
                    });
                    for nested in li
                        .children()
                        .iter()
                        .filter(|c| matches!(name(c).as_str(), "ul" | "ol"))
                    {
                        let mut wrapper = Vec::new();
                        walk_list(nested, lists.saturating_add(1), &mut wrapper);
                        out.extend(wrapper);
                    }
                }
            }
            "table" => {
                for row in child.descendants().iter().filter(|d| name(d) == "tr") {
                    let cells: Vec<String> = row
                        .children()
                        .iter()
                        .filter(|c| matches!(name(c).as_str(), "td" | "th"))
                        .map(|c| super::fold(&text_of(c)))
                        .filter(|c| !c.is_empty())
                        .collect();
                    if !cells.is_empty() {
                        out.push(Block::paragraph(cells.join(" | ")));
                    }
                }
            }
            "hr" => {}
            "p" | "pre" | "figcaption" | "dt" | "dd" | "address" | "summary" | "caption" => {
                if has_block_child(&child) {
                    walk(&child, lists, strict, out);
                } else {
                    out.push(Block::paragraph(super::fold(&text_of(&child))));
                }
            }
            _ => walk(&child, lists, strict, out),
        }
    }
    flush(&mut inline, out);
}

/// A nested list's items, at `depth`.
fn walk_list(list: &NodeRef<'_>, depth: u8, out: &mut Vec<Block>) {
    let ordered = name(list) == "ol";
    for li in list.children().iter().filter(|c| name(c) == "li") {
        out.push(Block {
            kind: BlockKind::Item { depth, ordered },
            text: super::fold(&text_without_lists(li)),
            pages: None,
        });
        for nested in li
            .children()
            .iter()
            .filter(|c| matches!(name(c).as_str(), "ul" | "ol"))
        {
            walk_list(nested, depth.saturating_add(1), out);
        }
    }
}

fn has_block_child(node: &NodeRef<'_>) -> bool {
    node.children()
        .iter()
        .any(|c| c.is_element() && BLOCKS.contains(&name(c).as_str()))
}

/// A node's text, less what is never content (scripts, styles).
fn text_of(node: &NodeRef<'_>) -> String {
    let mut out = String::new();
    for child in node.children() {
        if child.is_text() {
            out.push_str(&child.text());
        } else if child.is_element() {
            let tag = name(&child);
            if NEVER.contains(&tag.as_str()) {
                continue;
            }
            if tag == "br" || BLOCKS.contains(&tag.as_str()) {
                out.push(' ');
            }
            out.push_str(&text_of(&child));
            if BLOCKS.contains(&tag.as_str()) {
                out.push(' ');
            }
        }
    }
    out
}

/// A list item's own text, without the lists nested in it.
fn text_without_lists(li: &NodeRef<'_>) -> String {
    let mut out = String::new();
    for child in li.children() {
        if child.is_text() {
            out.push_str(&child.text());
        } else if child.is_element() && !matches!(name(&child).as_str(), "ul" | "ol") {
            out.push(' ');
            out.push_str(&text_of(&child));
        }
    }
    out
}

/// How deep a page's elements nest, roughly, from its tags alone (without
/// parsing it): opening tags deepen, closing ones return, empty elements
/// and the insides of comments, scripts and styles do not count.
fn nesting(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "td", "tr", "th", "option", "dt", "dd",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(at) = html[i..].find('<').map(|k| i + k) {
        let rest = &html[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |k| at + k + 3);
            continue;
        }
        let end = rest.find('>').map_or(html.len(), |k| at + k + 1);
        let closing = bytes.get(at + 1) == Some(&b'/');
        let name: String = rest[if closing { 2 } else { 1 }..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            i = at + 1;
            continue;
        }
        if closing {
            if !VOID.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if !VOID.contains(&name.as_str()) && !html[at..end].ends_with("/>") {
            depth += 1;
            deepest = deepest.max(depth);
            if name == "script" || name == "style" {
                // Its text is not markup: on to its closing tag.
                let mut from = end.min(html.len());
                i = loop {
                    match html[from..].find("</").map(|k| from + k) {
                        Some(k) => {
                            let tag = html.get(k + 2..k + 2 + name.len());
                            if tag.is_some_and(|t| t.eq_ignore_ascii_case(&name)) {
                                break k;
                            }
                            from = k + 2;
                        }
                        None => break html.len(),
                    }
                };
                continue;
            }
        }
        i = end.max(at + 1);
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_from_tags() {
        assert_eq!(nesting("<html><body><div><p>a<p>b</div></body></html>"), 3);
        assert_eq!(nesting("<div><br><img src=x/><!-- <div><div> --></div>"), 1);
        assert_eq!(
            nesting("<script>if (a<b) { x = '<div><div>'; }</script><div></div>"),
            1
        );
        assert_eq!(nesting(&"<div>".repeat(600)), 600);
    }

    #[test]
    fn a_bylines_lead_in_and_date_are_not_the_name() {
        for (byline, name) in [
            ("Posted by Ruth Kimani", "Ruth Kimani"),
            ("By Priya Raman, 14 March 2023", "Priya Raman"),
            ("Written by Ann Lee on 9 May 2023", "Ann Lee"),
            ("Author: Tomás Herrera", "Tomás Herrera"),
            ("Ruth Kimani | March 4, 2021", "Ruth Kimani"),
            ("Byron Hughes", "Byron Hughes"),
            ("Lee, Ann", "Lee, Ann"),
        ] {
            assert_eq!(byline_name(byline), name, "{byline}");
        }
    }
}

//! The pages of a source document a passage is on (an imported PDF's),
//! as a citation gives them and as a passage marker writes them.

use serde::{Deserialize, Serialize};

/// The pages of a source document a passage is on: its first and last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pages {
    pub first: u32,
    pub last: u32,
}

impl Pages {
    /// One page.
    pub fn one(page: u32) -> Self {
        Pages {
            first: page,
            last: page,
        }
    }

    /// As a citation gives it: "p. 12", or "pp. 12–13" (an en dash).
    pub fn locator(&self) -> String {
        if self.first == self.last {
            format!("p. {}", self.first)
        } else {
            format!("pp. {}–{}", self.first, self.last)
        }
    }

    /// As a passage marker writes it: `p.12` or `pp.12-13`.
    pub fn marker(&self) -> String {
        if self.first == self.last {
            format!("p.{}", self.first)
        } else {
            format!("pp.{}-{}", self.first, self.last)
        }
    }

    /// Reads a marker's page word (`p.12`, `pp.12-13`, with a hyphen or an
    /// en dash); `None` when the word is no page word at all, `Some(Err)`
    /// when it is one but malformed.
    pub fn parse_marker(word: &str) -> Option<Result<Pages, String>> {
        let rest = word
            .strip_prefix("pp.")
            .or_else(|| word.strip_prefix("p."))?;
        let bad = || {
            Err(format!(
                "page `{word}` should be `p.N` or `pp.N-M` with pages counted from 1 and N < M"
            ))
        };
        let number = |s: &str| {
            s.parse::<u32>()
                .ok()
                .filter(|&n| n > 0 && s.bytes().all(|b| b.is_ascii_digit()))
        };
        let range = rest.split_once('-').or_else(|| rest.split_once('–'));
        Some(match (word.starts_with("pp."), range) {
            (false, None) => number(rest).map(Pages::one).map_or_else(bad, Ok),
            (true, Some((a, b))) => match (number(a), number(b)) {
                (Some(first), Some(last)) if first < last => Ok(Pages { first, last }),
                _ => bad(),
            },
            _ => bad(),
        })
    }
}

//! Colour on the command line: styles from `anstyle` (the crate clap itself
//! styles its help with), used only when stdout is a terminal and NO_COLOR is
//! not set.

use anstyle::{AnsiColor, Style};
use evidence::search::snippet;
use std::io::{self, IsTerminal};

/// Terminal styling, enabled only on a terminal without NO_COLOR.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub enabled: bool,
}

impl Paint {
    pub fn for_stdout() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Paint {
            enabled: io::stdout().is_terminal() && !no_color,
        }
    }

    fn wrap(&self, style: Style, s: &str) -> String {
        if self.enabled {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }

    pub fn bold(&self, s: &str) -> String {
        self.wrap(Style::new().bold(), s)
    }

    pub fn dim(&self, s: &str) -> String {
        self.wrap(Style::new().dimmed(), s)
    }

    pub fn accent(&self, s: &str) -> String {
        self.wrap(AnsiColor::Cyan.on_default(), s)
    }

    pub fn highlight(&self, s: &str) -> String {
        self.wrap(AnsiColor::Yellow.on_default().bold(), s)
    }

    /// A text with its highlighted byte ranges painted.
    pub fn highlighted(&self, text: &str, highlights: &[(usize, usize)]) -> String {
        snippet::pieces(text, highlights)
            .into_iter()
            .map(|piece @ (a, b)| {
                if snippet::covered(piece, highlights) {
                    self.highlight(&text[a..b])
                } else {
                    text[a..b].to_string()
                }
            })
            .collect()
    }
}

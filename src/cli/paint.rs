//! Colour on the command line: styles from `anstyle` (the crate clap itself
//! styles its help with), used only when stdout is a terminal. NO_COLOR, or
//! a monochrome terminal (`TERM=xterm-mono`), leaves colour out but keeps
//! bold and underline, so that matched words are still marked; a terminal
//! that cannot style at all (`TERM=dumb`, as Emacs's shell sets) gets none.

use anstyle::{AnsiColor, Style};
use evidence::search::snippet;
use std::io::{self, IsTerminal};

/// Terminal styling, enabled only on a terminal.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    /// Bold, underline and dim.
    pub enabled: bool,
    /// Colour too.
    pub colour: bool,
}

impl Paint {
    /// No styling at all.
    pub const PLAIN: Paint = Paint {
        enabled: false,
        colour: false,
    };

    pub fn for_stdout() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let term = std::env::var("TERM").unwrap_or_default();
        let enabled = io::stdout().is_terminal() && term != "dumb";
        Paint {
            enabled,
            colour: enabled && !no_color && !term.ends_with("-mono") && term != "vt100",
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
        if !self.colour {
            return s.to_string();
        }
        self.wrap(AnsiColor::Cyan.on_default(), s)
    }

    /// A matched word: bold in yellow, or bold and underlined without
    /// colour.
    pub fn highlight(&self, s: &str) -> String {
        if self.colour {
            self.wrap(AnsiColor::Yellow.on_default().bold(), s)
        } else {
            self.wrap(Style::new().bold().underline(), s)
        }
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

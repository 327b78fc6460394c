//! Every colour and text style the interface uses, in one place. Colours are
//! the terminal's own named ones, so they follow its light or dark palette;
//! with NO_COLOR, or on a monochrome terminal, the same roles fall back to
//! bold, underline and reverse.

use ratatui::style::{Color, Modifier, Style};

/// The styles of each role in the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless NO_COLOR is set (to anything non-empty) or the
    /// terminal is a monochrome one (`TERM=xterm-mono`, `vt100`).
    pub fn from_env() -> Self {
        let term = std::env::var("TERM").unwrap_or_default();
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && !term.ends_with("-mono")
                && term != "vt100",
        }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    pub fn base(&self) -> Style {
        Style::default()
    }
    pub fn dim(&self) -> Style {
        self.pick(
            Style::default().fg(Color::DarkGray),
            Style::default().add_modifier(Modifier::DIM),
        )
    }
    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    /// A section's heading in the reader: bold and underlined, where
    /// markdown's `## ` read as stray marks to new users.
    pub fn heading(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn accent(&self) -> Style {
        self.pick(Style::default().fg(Color::Cyan), Style::default())
    }
    /// A query word found in the text.
    pub fn highlight(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }
    /// The selected row of a list.
    pub fn selected(&self) -> Style {
        self.pick(
            Style::default().bg(Color::Blue).fg(Color::White),
            Style::default().add_modifier(Modifier::REVERSED),
        )
    }
    /// The passage being read, within its report.
    pub fn current_passage(&self) -> Style {
        self.pick(
            Style::default().fg(Color::White).bg(Color::DarkGray),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::default().fg(Color::Cyan),
            (true, false) => Style::default().add_modifier(Modifier::BOLD),
            (false, _) => self.dim(),
        }
    }
    pub fn included(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
    pub fn excluded(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Red),
            Style::default().add_modifier(Modifier::CROSSED_OUT),
        )
    }
    pub fn warning(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
    pub fn basket_mark(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Green),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
    /// A map cell, shaded by its count relative to the largest.
    pub fn heat(&self, count: usize, max: usize) -> Style {
        if count == 0 {
            return self.dim();
        }
        let level = if max == 0 {
            0
        } else {
            (count * 4).div_ceil(max.max(1))
        };
        if !self.color {
            return match level {
                0..=2 => Style::default(),
                _ => Style::default().add_modifier(Modifier::BOLD),
            };
        }
        let bg = match level {
            0 | 1 => Color::Indexed(23),
            2 => Color::Indexed(30),
            3 => Color::Indexed(36),
            _ => Color::Indexed(43),
        };
        Style::default().bg(bg).fg(Color::White)
    }
}

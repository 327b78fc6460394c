//! Shell completions and the manual page, generated from the clap types so
//! that they always name the flags the program has (as ripgrep ships them).

use super::{Cli, Outcome};
use clap::CommandFactory;
use std::io::Write;

/// A completion script for `shell` (see the README for where it goes).
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "evidence", out);
    Ok(Outcome::Found)
}

/// The manual page in roff: `evidence man > evidence.1`.
pub fn man(out: &mut dyn Write) -> anyhow::Result<Outcome> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(Outcome::Found)
}

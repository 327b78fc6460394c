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

/// The manual page in roff: `evidence man > evidence.1`. One page for the
/// whole program, as `man evidence` finds it: its options, each command
/// with its own (there are no `evidence-search(1)` pages to point at), the
/// query language, the exit status and examples.
pub fn man(out: &mut dyn Write) -> anyhow::Result<Outcome> {
    use clap_mangen::Man;
    let command = Cli::command();
    let page = Man::new(command.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("evidence {}", sub.get_name());
        let sub = sub.clone().bin_name(&name);
        let mut text = Vec::new();
        let sub_page = Man::new(sub.clone());
        sub_page.render_synopsis_section(&mut text)?;
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            writeln!(text, ".PP\n{}", roff(&about.to_string()))?;
        }
        if sub
            .get_arguments()
            .any(|a| !a.is_hide_set() && a.get_id() != "help")
        {
            sub_page.render_options_section(&mut text)?;
        }
        // The command's sections as subsections of this one.
        let text = String::from_utf8_lossy(&text)
            .replace(".SH SYNOPSIS\n", &format!(".SS \"{name}\"\n"))
            .replace(".SH OPTIONS\n", ".PP\nOptions:\n");
        out.write_all(text.as_bytes())?;
    }
    for (heading, body) in MORE {
        writeln!(out, ".SH {heading}")?;
        for para in body.split("\n\n") {
            writeln!(out, ".PP\n{}", roff(para))?;
        }
    }
    // The examples as the help lays them out, columns kept.
    if let Some(examples) = command.get_after_long_help().or(command.get_after_help()) {
        let examples = examples.to_string();
        let examples = examples.trim_start_matches("Examples:").trim_matches('\n');
        writeln!(out, ".SH EXAMPLES\n.nf\n{}\n.fi", roff(examples))?;
    }
    page.render_version_section(out)?;
    Ok(Outcome::Found)
}

/// Sections the flags cannot give: what the README says at more length.
const MORE: [(&str, &str); 2] = [
    (
        "QUERY LANGUAGE",
        "Words are ANDed, in any of their forms (costs finds cost and costing); the, a, of and other words that only join are left out when there are others. \"due diligence\" is the phrase as written (with no synonyms or spelling correction); =merger the word exactly, not even mergers; -merger or NOT merger leaves out passages with it; chains OR groups either word; credential* words starting so; report:ID, theme:ID, org:\"King's Fund\" and year:2014 restrict the passages.\n\nA query is read as a question when it starts with a question word or ends with ?, when it has four or more telling words, or when no passage has all its words: passages with more of its telling words rank first, weighed by how much each tells. Words the reports do not use are searched with the thesaurus's terms, their other forms and synonyms, and a word that is no English word as a misspelling of the reports' words; a note names everything searched for another word (also searched: …), and quoting a word turns that off.",
    ),
    (
        "EXIT STATUS",
        "0 when something was found (verify: every cited quote verified; check: no errors), 1 when nothing was (verify: a quote not verified), 2 on an error, said in one sentence on stderr.",
    ),
];

/// Text as a roff paragraph: backslashes and hyphens escaped, a line that
/// would start with a control character protected.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|l| {
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

//! `carryover completions` and `carryover man`: generated from the same clap definitions as
//! the parser, so they cannot drift from the flags.

use std::path::Path;

use clap::Args;
use clap_complete::Shell;

use carryover::base::error::Error;

use super::Output;

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
    #[command(flatten)]
    output: Output,
}

#[derive(Args)]
pub struct ManArgs {
    /// A subcommand's own page (`carryover-SUBCOMMAND(1)`) instead of the main page.
    #[arg(value_name = "SUBCOMMAND", conflicts_with = "all")]
    subcommand: Option<String>,
    /// Write every page, the main one and each subcommand's, into the folder -o names (made
    /// if missing), as `carryover.1`, `carryover-show.1`, ...
    #[arg(long, requires = "output")]
    all: bool,
    #[command(flatten)]
    output: Output,
}

pub fn completions(args: CompletionsArgs) -> Result<u8, Error> {
    let mut command = super::localise::command_for_pages();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "carryover", &mut script);
    args.output.write(&text(script)?, false)?;
    Ok(0)
}

pub fn man(args: ManArgs) -> Result<u8, Error> {
    let mut command = super::localise::command_for_pages();
    command.build();
    if args.all {
        return man_all(&command, args.output.file());
    }
    let page_of = match &args.subcommand {
        None => command,
        Some(name) => subcommand_page(find_subcommand(&command, name)?),
    };
    args.output.write(&page(page_of)?, false)?;
    Ok(0)
}

/// Every page into one folder, all or none.
fn man_all(command: &clap::Command, dir: Option<&Path>) -> Result<u8, Error> {
    let dir = dir.ok_or_else(|| Error::usage(carryover::message!("quiet-man-all-needs-dir")))?;
    if dir.exists() && !dir.is_dir() {
        return Err(Error::usage(carryover::message!(
            "quiet-man-all-not-a-dir",
            path = dir.display().to_string()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    let pages = std::iter::once(command.clone())
        .chain(subcommands(command).map(subcommand_page))
        .map(|p| Ok((dir.join(format!("{}.1", p.get_name())), page(p)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    carryover::write::atomically(&pages, false)?;
    Ok(0)
}

/// The subcommands that have a page: all but `help`.
fn subcommands(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command.get_subcommands().filter(|s| s.get_name() != "help")
}

fn find_subcommand<'a>(command: &'a clap::Command, name: &str) -> Result<&'a clap::Command, Error> {
    subcommands(command)
        .find(|s| s.get_name() == name)
        .ok_or_else(|| {
            Error::usage(carryover::message!(
                "usage-generated-no-subcommand",
                name = carryover::base::text::terminal_safe(name).into_owned()
            ))
        })
}

/// A subcommand as the command of its own page, `carryover-SUBCOMMAND(1)`.
fn subcommand_page(sub: &clap::Command) -> clap::Command {
    sub.clone()
        .name(format!("carryover-{}", sub.get_name()))
        .bin_name(format!("carryover {}", sub.get_name()))
}

/// A page in roff: clap_mangen's sections, then the help's examples and exit statuses each
/// in a section of its own (EXAMPLES, EXIT STATUS) instead of one EXTRA section.
fn page(command: clap::Command) -> Result<String, Error> {
    let after_help = command.get_after_help().map(|h| h.to_string());
    let mut page = Vec::new();
    clap_mangen::Man::new(command.after_help(None::<&'static str>))
        .render(&mut page)
        .map_err(|e| Error::io("<man page>", e))?;
    let mut page = in_words(&text(page)?);
    page.push_str(&after_help.map(|h| help_sections(&h)).unwrap_or_default());
    Ok(page)
}

/// clap_mangen's own section names (`.SH NAME`, ...) in the reader's language: the sections
/// made from help headings are in it already.
fn in_words(page: &str) -> String {
    const SECTIONS: [(&str, &str); 6] = [
        ("NAME", "help-man-name"),
        ("SYNOPSIS", "help-man-synopsis"),
        ("DESCRIPTION", "help-man-description"),
        ("SUBCOMMANDS", "help-man-subcommands"),
        ("VERSION", "help-man-version"),
        ("AUTHORS", "help-man-authors"),
    ];
    let mut out = String::with_capacity(page.len());
    for line in page.split_inclusive('\n') {
        let section = line.trim_end().strip_prefix(".SH ");
        let words = SECTIONS
            .iter()
            .find(|(name, _)| section == Some(name))
            .and_then(|(_, id)| carryover::render::message::words_by_id(id));
        match words {
            Some(words) => out.push_str(&format!(".SH {words}\n")),
            None => out.push_str(line),
        }
    }
    out
}

/// Each block of an after-help text (`Examples:`, `Exit status (...):`) as a roff section;
/// a block without a heading is a NOTES section. The lines are kept as they are (`.nf`).
fn help_sections(after_help: &str) -> String {
    let mut roff = roff::Roff::new();
    for block in after_help.split("\n\n") {
        let (first, rest) = block.split_once('\n').unwrap_or((block, ""));
        let (title, body) = match first.strip_suffix(':') {
            Some(heading) => (heading, rest.to_string()),
            None => ("Notes", block.to_string()),
        };
        let (title, remark) = match title.split_once(" (") {
            Some((title, remark)) => (title, remark.strip_suffix(')')),
            None => (title, None),
        };
        roff.control("SH", [title.to_uppercase().as_str()]);
        if let Some(remark) = remark {
            // `as diff(1)` becomes a sentence of its own: `As diff(1).`
            let mut letters = remark.chars();
            let first = letters.next().map(|c| c.to_uppercase().to_string());
            let sentence = format!("{}{}.", first.unwrap_or_default(), letters.as_str());
            roff.text([roff::roman(sentence)]);
        }
        roff.control("nf", []);
        for line in body.lines() {
            roff.text([roff::roman(line)]);
        }
        roff.control("fi", []);
    }
    // The page already starts with roff's preamble.
    let preamble = roff::Roff::new().render();
    let sections = roff.render();
    sections
        .strip_prefix(&preamble)
        .unwrap_or(&sections)
        .to_string()
}

fn text(bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        Error::usage(carryover::message!(
            "usage-generated-not-utf8",
            reason = e.to_string()
        ))
    })
}

//! `--help`, completions and man pages in the reader's language.
//!
//! The English words of each flag are written once, as the doc comment beside it (and each
//! subcommand's examples and exit statuses in `help.rs`). `i18n/en/help.ftl` is made from them,
//! and a test keeps it in step (`CARRYOVER_UPDATE_HELP=1 cargo test --bin carryover`);
//! `i18n/ja/help.ftl` holds the same ids in Japanese. Before parsing, the command tree is walked
//! once and each text replaced by the catalog's words for its id, so the parser, `--help`,
//! completions and man pages all speak the chosen language. clap's own lists (`Possible
//! values:`, `[default: …]`) are hidden in Japanese and written into the help from the catalog;
//! its errors of use are worded in `usage_error`, and clap_mangen's section names in `generated`.

use clap::builder::PossibleValue;
use clap::{Arg, Command};
use unicode_width::UnicodeWidthStr;

use carryover::render::message::{human_language, words_by_id, Lang};

/// The command line with its help in this run's language.
pub fn command() -> Command {
    let mut command = <super::Cli as clap::CommandFactory>::command();
    command.build();
    localise(command, MAIN)
}

/// The command line as completions and man pages describe it: in Japanese, each possible
/// value's description is the catalog's too. Never parsed with: the values' parsers give
/// text here, not the flags' own types.
pub fn command_for_pages() -> Command {
    let command = command();
    match human_language() {
        Lang::Ja => values_described(command, MAIN),
        _ => command,
    }
}

fn values_described(mut command: Command, path: &str) -> Command {
    let args: Vec<String> = command
        .get_arguments()
        .filter(|a| a.get_action().takes_values() && !a.get_possible_values().is_empty())
        .map(|a| a.get_id().to_string())
        .collect();
    for id in args {
        command = command.mut_arg(&id, |arg| {
            let values: Vec<PossibleValue> = arg
                .get_possible_values()
                .into_iter()
                .map(|v| match value_words(&arg, path, &v) {
                    Some(words) => v.help(words),
                    None => v,
                })
                .collect();
            arg.value_parser(clap::builder::PossibleValuesParser::new(values))
        });
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subcommands {
        command = command.mut_subcommand(&name, |sub| values_described(sub, &name));
    }
    command
}

/// The path of the top-level command in message ids.
const MAIN: &str = "main";

fn localise(mut command: Command, path: &str) -> Command {
    for kind in CommandText::ALL {
        if kind.get(&command).is_some() {
            if let Some(words) = words_by_id(&command_id(path, kind)) {
                command = kind.set(command, words);
            }
        }
    }
    let args: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for arg in args {
        command = command.mut_arg(&arg, |arg| localise_arg(arg, path));
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subcommands {
        command = command.mut_subcommand(&name, |sub| localise(sub, &name));
    }
    if human_language() == Lang::Ja {
        command = with_headings(command);
    }
    command
}

fn localise_arg(arg: Arg, path: &str) -> Arg {
    let words_for = |help: Option<&clap::builder::StyledStr>, long: bool| {
        let help = help?;
        words_by_id(&arg_id(path, &arg, help, long))
            .or_else(|| words_by_id(&shared_arg_id(&arg, long)))
    };
    let short = words_for(arg.get_help(), false);
    let long = words_for(arg.get_long_help(), true);
    let arg = match short {
        Some(words) => arg.help(words),
        None => arg,
    };
    let arg = match long {
        Some(words) => arg.long_help(words),
        None => arg,
    };
    match human_language() {
        Lang::Ja => with_values_in_words(arg, path),
        _ => arg,
    }
}

/// The argument with its possible values and its default written into its help in this
/// language, and clap's own English lists (`Possible values:`, `[default: …]`) hidden. Each
/// value's description has its own id, as a flag's words do.
fn with_values_in_words(arg: Arg, path: &str) -> Arg {
    let values: Vec<PossibleValue> = match arg.get_action().takes_values() {
        true if !arg.is_hide_possible_values_set() => arg
            .get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect(),
        _ => Vec::new(),
    };
    let defaults: Vec<String> = match arg.is_hide_default_value_set() {
        // A flag that takes no value has a default clap never shows (`false`).
        _ if !arg.get_action().takes_values() => Vec::new(),
        true => Vec::new(),
        false => arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect(),
    };
    if values.is_empty() && defaults.is_empty() {
        return arg;
    }
    let word = |id: &str| words_by_id(id).unwrap_or_default();
    let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
    let mut short = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let mut long = arg
        .get_long_help()
        .or(arg.get_help())
        .map(ToString::to_string)
        .unwrap_or_default();
    if !values.is_empty() {
        short.push_str(&format!(" [{}: {}]", word("help-values"), names.join(", ")));
        let described: Vec<(&str, Option<String>)> = values
            .iter()
            .map(|v| (v.get_name(), value_words(&arg, path, v)))
            .collect();
        if described.iter().any(|(_, words)| words.is_some()) {
            let width = names.iter().map(|n| n.width()).max().unwrap_or(0) + 1;
            long.push_str(&format!("\n\n{}:", word("help-values")));
            for (name, words) in described {
                let name = format!("{name}:");
                let pad = " ".repeat(width.saturating_sub(name.width()));
                long.push_str(&format!("\n- {name}{pad} {}", words.unwrap_or_default()));
            }
        } else {
            long.push_str(&format!(
                "\n\n[{}: {}]",
                word("help-values"),
                names.join(", ")
            ));
        }
    }
    if !defaults.is_empty() {
        let default = format!("[{}: {}]", word("help-default"), defaults.join(", "));
        short.push_str(&format!(" {default}"));
        long.push_str(&format!("\n\n{default}"));
    }
    arg.help(short)
        .long_help(long)
        .hide_possible_values(true)
        .hide_default_value(true)
}

/// The words of one possible value, by its own id or the one its flag shares.
fn value_words(arg: &Arg, path: &str, value: &PossibleValue) -> Option<String> {
    value.get_help()?;
    words_by_id(&value_id(path, arg, value.get_name()))
        .or_else(|| words_by_id(&shared_value_id(arg, value.get_name())))
}

fn value_id(path: &str, arg: &Arg, value: &str) -> String {
    match arg.is_global_set() {
        true => format!("help-{MAIN}--{}-value-{value}", arg.get_id()),
        false => format!("help-{path}--{}-value-{value}", arg.get_id()),
    }
}

fn shared_value_id(arg: &Arg, value: &str) -> String {
    format!("help-any--{}-value-{value}", arg.get_id())
}

/// clap's own headings in the reader's language. English keeps clap's, in clap's order.
fn with_headings(command: Command) -> Command {
    let word = |id: &str| words_by_id(id).unwrap_or_default();
    let (arguments, options) = (word("help-heading-arguments"), word("help-heading-options"));
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        word("help-heading-usage")
    );
    let args: Vec<(String, bool)> = command
        .get_arguments()
        .filter(|a| a.get_help_heading().is_none())
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let mut command = command
        .help_template(template)
        .subcommand_help_heading(word("help-heading-commands"));
    for (id, positional) in args {
        let heading = if positional { &arguments } else { &options };
        command = command.mut_arg(&id, |a| a.help_heading(heading.clone()));
    }
    command
}

/// The texts a command carries, each with its own id.
#[derive(Clone, Copy)]
enum CommandText {
    About,
    LongAbout,
    AfterHelp,
}

impl CommandText {
    const ALL: [CommandText; 3] = [
        CommandText::About,
        CommandText::LongAbout,
        CommandText::AfterHelp,
    ];

    fn suffix(self) -> &'static str {
        match self {
            CommandText::About => "about",
            CommandText::LongAbout => "about-long",
            CommandText::AfterHelp => "after",
        }
    }

    fn get(self, command: &Command) -> Option<String> {
        match self {
            CommandText::About => command.get_about(),
            CommandText::LongAbout => command.get_long_about(),
            CommandText::AfterHelp => command.get_after_help(),
        }
        .map(ToString::to_string)
    }

    fn set(self, command: Command, words: String) -> Command {
        match self {
            CommandText::About => command.about(words),
            CommandText::LongAbout => command.long_about(words),
            CommandText::AfterHelp => command.after_help(words),
        }
    }
}

fn command_id(path: &str, kind: CommandText) -> String {
    format!("help-{path}-{}", kind.suffix())
}

/// An argument's text id. clap's own `--help` and `--version` share one id everywhere, and a
/// global flag is the top-level command's wherever clap copied it.
fn arg_id(path: &str, arg: &Arg, help: &impl ToString, long: bool) -> String {
    let id = arg.get_id().as_str();
    let long = if long { "-long" } else { "" };
    match id {
        "help" if help.to_string().contains("--help") => "help-flag-help-more".to_string(),
        "help" | "version" => format!("help-flag-{id}{long}"),
        _ if arg.is_global_set() => format!("help-{MAIN}--{id}{long}"),
        _ => format!("help-{path}--{id}{long}"),
    }
}

/// The id of a flag's text shared by every subcommand that has the flag with the same words
/// (`--output`, `--format`, ...), so each is translated once.
fn shared_arg_id(arg: &Arg, long: bool) -> String {
    let long = if long { "-long" } else { "" };
    format!("help-any--{}{long}", arg.get_id())
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeMap;
    use std::fmt::Write;

    /// Every English text of the command tree by its id, as the flags' doc comments say it.
    fn english_texts() -> BTreeMap<String, String> {
        let mut command = <super::super::Cli as clap::CommandFactory>::command();
        command.build();
        let mut texts = BTreeMap::new();
        let mut by_flag: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        collect(&command, MAIN, &mut texts, &mut by_flag);
        // The words several subcommands give a flag alike are its shared text (the words most
        // give, if they differ); a flag's words given once keep their own id, so that ids do not
        // move as flags are added.
        for (shared, uses) in by_flag {
            let given = |text: &String| uses.iter().filter(|(_, t)| t == text).count();
            let most = uses
                .iter()
                .map(|(_, text)| text)
                .filter(|text| given(text) > 1 || !shared.starts_with("help-any--"))
                .max_by_key(|text| (given(text), *text))
                .cloned();
            if shared.starts_with("help-any--") {
                texts.extend(
                    uses.iter()
                        .filter(|(_, text)| Some(text) != most.as_ref())
                        .cloned(),
                );
            }
            if let Some(most) = most {
                texts.insert(shared, most);
            }
        }
        texts
    }

    /// The commands' texts into `texts`; the flags' into `by_flag`, by their shared id.
    fn collect(
        command: &Command,
        path: &str,
        texts: &mut BTreeMap<String, String>,
        by_flag: &mut BTreeMap<String, Vec<(String, String)>>,
    ) {
        for kind in CommandText::ALL {
            if let Some(text) = kind.get(command) {
                texts.insert(command_id(path, kind), text);
            }
        }
        for arg in command.get_arguments() {
            let helps = [(arg.get_help(), false), (arg.get_long_help(), true)];
            for (help, long) in helps {
                let Some(help) = help else { continue };
                let id = arg_id(path, arg, help, long);
                let shared = match id.starts_with("help-flag-") || arg.is_global_set() {
                    true => id.clone(),
                    false => shared_arg_id(arg, long),
                };
                by_flag
                    .entry(shared)
                    .or_default()
                    .push((id, help.to_string()));
            }
            if !arg.get_action().takes_values() {
                continue;
            }
            for value in arg.get_possible_values() {
                let Some(help) = value.get_help() else {
                    continue;
                };
                let id = value_id(path, arg, value.get_name());
                let shared = match arg.is_global_set() {
                    true => id.clone(),
                    false => shared_value_id(arg, value.get_name()),
                };
                by_flag
                    .entry(shared)
                    .or_default()
                    .push((id, help.to_string()));
            }
        }
        for sub in command.get_subcommands() {
            collect(sub, sub.get_name(), texts, by_flag);
        }
    }

    /// The texts as a Fluent file: each on the lines after its id, indented, with Fluent's
    /// special characters as string literals.
    fn as_fluent(texts: &BTreeMap<String, String>) -> String {
        let mut out = String::from(HEADER);
        for (id, text) in texts {
            writeln!(out, "{id} =").unwrap();
            // Fluent removes the common indent: keep it where every line has one.
            let indented = text.lines().all(|l| l.is_empty() || l.starts_with(' '));
            for line in text.lines() {
                match line {
                    "" => out.push('\n'),
                    _ => writeln!(out, "    {}", fluent_line(line, indented)).unwrap(),
                }
            }
        }
        out
    }

    fn fluent_line(line: &str, keep_indent: bool) -> String {
        let mut out = String::new();
        for (i, c) in line.chars().enumerate() {
            let first = i == 0 && (matches!(c, '[' | '*' | '.') || (keep_indent && c == ' '));
            if first || matches!(c, '{' | '}') {
                write!(out, "{{\"{c}\"}}").unwrap();
            } else {
                out.push(c);
            }
        }
        out
    }

    const HEADER: &str = "\
# The words of `--help` and the man pages, made from the flags' doc comments and the
# subcommands' examples (src/cli/help.rs): do not edit here. Change the doc comment, then run
# `CARRYOVER_UPDATE_HELP=1 cargo test --bin carryover`, and give the Japanese the same id in
# i18n/ja/help.ftl.

help-heading-usage = Usage:
help-heading-arguments = Arguments
help-heading-options = Options
help-heading-commands = Commands
help-values = Possible values
help-default = default
help-man-name = NAME
help-man-synopsis = SYNOPSIS
help-man-description = DESCRIPTION
help-man-subcommands = SUBCOMMANDS
help-man-version = VERSION
help-man-authors = AUTHORS
";

    #[test]
    fn the_english_help_catalog_is_the_flags_own_words() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/i18n/en/help.ftl");
        let made = as_fluent(&english_texts());
        if std::env::var_os("CARRYOVER_UPDATE_HELP").is_some() {
            std::fs::write(path, &made).unwrap();
        }
        let kept = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            kept == made,
            "i18n/en/help.ftl differs from the flags' doc comments: run \
             CARRYOVER_UPDATE_HELP=1 cargo test --bin carryover"
        );
    }

    #[test]
    fn every_text_of_the_command_tree_has_catalog_words() {
        for id in english_texts().keys() {
            assert!(words_by_id(id).is_some(), "no catalog words for {id}");
        }
    }
}

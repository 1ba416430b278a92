//! clap's errors of use (`unexpected argument`, `invalid value`, ...) in the reader's language.
//!
//! clap builds each error with its kind and typed context (the argument, the value, the valid
//! values, a similar flag); its own formatter words them in English. Here the same context is
//! worded from the catalog (`i18n/*/clap.ftl`), so `--lang ja` reads its errors of use in
//! Japanese, and English reads the same sentences clap would write. Help and version requests
//! are not errors: clap prints them as it always does.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use carryover::base::message::Message;
use carryover::message;
use carryover::render::message::{words, words_by_id};

/// Prints the error as the reader's language words it and exits: 0 for help and version, 2
/// for an error of use (the status clap gives it, and this tool's for every error of use).
pub fn exit(error: clap::Error) -> ! {
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => error.exit(),
        _ => {
            eprint!("{}", text(&error));
            std::process::exit(2)
        }
    }
}

/// The whole error as it is printed: what is wrong, tips, the usage line and where to read more.
fn text(error: &clap::Error) -> String {
    let mut out = format!("carryover: {}\n", what(error));
    let tips = tips(error);
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out.push_str(&format!("  {}\n", words(&tip)));
        }
    }
    if let Some(usage) = usage(error) {
        out.push_str(&format!("\n{usage}\n"));
    }
    out.push_str(&format!("\n{}\n", words(&message!("clap-try-help"))));
    out
}

/// The first line: what clap found wrong, from the kind and the context.
fn what(error: &clap::Error) -> String {
    let text = |kind| context_text(error, kind);
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let number = |kind| match error.get(kind) {
        Some(ContextValue::Number(n)) => (*n).max(0) as u64,
        _ => 0,
    };
    let message = match error.kind() {
        ErrorKind::UnknownArgument => message!("clap-unknown-argument", arg = arg),
        ErrorKind::InvalidValue if value.is_empty() => message!("clap-value-required", arg = arg),
        ErrorKind::InvalidValue => with_list(
            message!("clap-invalid-value", arg = arg, value = value),
            text(ContextKind::ValidValue)
                .map(|values| message!("clap-possible-values", values = values)),
        ),
        ErrorKind::ValueValidation => message!(
            "clap-value-validation",
            arg = arg,
            value = value,
            reason = source(error)
        ),
        ErrorKind::InvalidSubcommand => message!(
            "clap-invalid-subcommand",
            subcommand = text(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => message!("clap-missing-required", args = arg),
        ErrorKind::MissingSubcommand => with_list(
            message!(
                "clap-missing-subcommand",
                command = text(ContextKind::InvalidSubcommand).unwrap_or_default()
            ),
            text(ContextKind::ValidSubcommand)
                .map(|values| message!("clap-subcommands", values = values)),
        ),
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(prior) if prior == arg => message!("clap-used-twice", arg = arg),
            Some(prior) => message!("clap-conflict", arg = arg, other = prior),
            None => message!("clap-conflict-with-others", arg = arg),
        },
        ErrorKind::NoEquals => message!("clap-no-equals", arg = arg),
        ErrorKind::TooManyValues => message!("clap-too-many-values", arg = arg, value = value),
        ErrorKind::TooFewValues => message!(
            "clap-too-few-values",
            arg = arg,
            needed = number(ContextKind::MinValues),
            given = number(ContextKind::ActualNumValues)
        ),
        ErrorKind::WrongNumberOfValues => message!(
            "clap-wrong-number-of-values",
            arg = arg,
            needed = number(ContextKind::ExpectedNumValues),
            given = number(ContextKind::ActualNumValues)
        ),
        ErrorKind::InvalidUtf8 => message!("clap-invalid-utf8"),
        _ => message!("clap-other", reason = source(error)),
    };
    words(&message)
}

/// A piece of clap's context as text: a list joined with commas.
fn context_text(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// The message, with the list of what would have been valid when clap gives one.
fn with_list(message: Message, list: Option<Message>) -> Message {
    match list {
        Some(list) => message!("clap-with-list", what = message, list = list),
        None => message,
    }
}

/// Why a value was refused: the value parser's own words (this tool's parsers word them from
/// the catalog already).
fn source(error: &clap::Error) -> String {
    std::error::Error::source(error)
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// The tips: a similar flag, subcommand or value, and how to pass a value that looks like a
/// flag. clap's own free-text tips are English sentences, so they are made again here.
fn tips(error: &clap::Error) -> Vec<Message> {
    let mut tips = Vec::new();
    let similar = |kind| context_text(error, kind).filter(|s| !s.is_empty());
    if let Some(similar) = similar(ContextKind::SuggestedArg) {
        tips.push(message!("clap-similar-argument", similar = similar));
    }
    if let Some(similar) = similar(ContextKind::SuggestedSubcommand) {
        tips.push(message!("clap-similar-subcommand", similar = similar));
    }
    if let Some(similar) = similar(ContextKind::SuggestedValue) {
        tips.push(message!("clap-similar-value", similar = similar));
    }
    if error.kind() == ErrorKind::UnknownArgument && tips.is_empty() {
        if let Some(ContextValue::String(arg)) = error.get(ContextKind::InvalidArg) {
            if arg.starts_with('-') {
                tips.push(message!("clap-tip-as-value", arg = arg.as_str()));
            }
        }
    }
    tips
}

/// The usage line clap gives with the error, under this language's heading.
fn usage(error: &clap::Error) -> Option<String> {
    let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) else {
        return None;
    };
    let usage = usage.to_string();
    let line = usage.trim().strip_prefix("Usage:").unwrap_or(usage.trim());
    let heading = words_by_id("help-heading-usage").unwrap_or_default();
    Some(format!("{heading} {}", line.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(args: &[&str]) -> clap::Error {
        let argv = std::iter::once("carryover").chain(args.iter().copied());
        match super::super::localise::command().try_get_matches_from(argv) {
            Err(e) => e,
            Ok(_) => panic!("{args:?} parsed"),
        }
    }

    #[test]
    fn an_unknown_flag_is_named_with_a_similar_one_and_the_usage() {
        let text = text(&error_of(&["diff", "--formt", "json", "a", "b"]));
        assert!(
            text.starts_with("carryover: unexpected argument '--formt' found\n"),
            "{text}"
        );
        assert!(
            text.contains("a similar argument exists: '--format'"),
            "{text}"
        );
        assert!(text.contains("Usage: carryover diff"), "{text}");
        assert!(
            text.ends_with("For more information, try '--help'.\n"),
            "{text}"
        );
    }

    #[test]
    fn an_invalid_value_lists_the_possible_ones() {
        let text = text(&error_of(&["diff", "--format", "xml", "a", "b"]));
        assert!(
            text.contains("invalid value 'xml' for '--format <FORMAT>'"),
            "{text}"
        );
        assert!(
            text.contains("[possible values: human, unified, markdown"),
            "{text}"
        );
    }

    #[test]
    fn a_missing_argument_and_an_unknown_subcommand_are_named() {
        let text = text(&error_of(&["gaps"]));
        assert!(
            text.contains("the following required arguments were not provided: <PATH>..."),
            "{text}"
        );
        let text = super::text(&error_of(&["bogus"]));
        assert!(text.contains("unrecognized subcommand 'bogus'"), "{text}");
    }

    #[test]
    fn a_value_that_looks_like_a_flag_gets_the_double_dash_tip() {
        let text = text(&error_of(&["show", "--zzz"]));
        assert!(
            text.contains("tip: to pass '--zzz' as a value, use '-- --zzz'"),
            "{text}"
        );
    }
}

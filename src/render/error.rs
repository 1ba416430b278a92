//! The words of an error that stops a run, as the binary prints them after `carryover: `.

use crate::base::error::{Error, Said};
use crate::base::text::{sanitize, terminal_safe};
use crate::message;

use super::message::words;
use super::report::said;

/// An error in words, safe for a terminal: a capture's text in it cannot drive the terminal.
pub fn error(e: &Error) -> String {
    terminal_safe(&error_text(e)).into_owned()
}

/// An error in words, not yet made safe for any output: each output (a terminal, a line of
/// its own, JSON) escapes it its own way, once.
pub fn error_text(e: &Error) -> String {
    match e {
        Error::Io { path, source } => words(&message!(
            "error-io",
            path = path,
            reason = source.to_string()
        )),
        Error::File {
            path,
            message,
            causes,
        }
        | Error::NotACapture {
            path,
            message,
            causes,
        } => std::iter::once(format!("{}: {}", sanitize(path), in_words(message)))
            .chain(causes.iter().map(error_text))
            .collect::<Vec<_>>()
            .join("\n"),
        Error::Input(input) => {
            let mut out = String::new();
            let _ = input.show(
                &mut out,
                &in_words(&input.message),
                &in_words(&input.expected),
            );
            out
        }
        Error::Usage(message) => in_words(message),
    }
}

/// What an error or a note says, in words. A message's arguments are filled as they are: the
/// whole text goes through the terminal's sanitiser once, as words made elsewhere do.
pub fn in_words(said_: &Said) -> String {
    match said_ {
        Said::Words(words) => words.clone(),
        Said::Message(message) => said(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::error::Position;

    #[test]
    fn a_message_of_an_error_is_worded_and_a_path_kept_on_one_line() {
        let said = message!("error-io", path = "in\\side", reason = "refused");
        let e = Error::file("a\nb.log", said.clone());
        // Words from the catalog; the argument's backslash is escaped once, by the terminal
        // text as a whole, not by the catalog as well.
        assert_eq!(error(&e), "a\\nb.log: in\\side: refused");
        // The library's Display names the id and its arguments.
        assert_eq!(
            e.to_string(),
            "a\\nb.log: error-io path=in\\\\side reason=refused"
        );
        let at = Position {
            path: "x.log".into(),
            line: 3,
            column: 2,
            line_text: "abc".into(),
        };
        let input = Error::input(at, said, "a word");
        assert_eq!(
            error(&input),
            "in\\side: refused\n --> x.log:3:2\n  |\n3 | abc\n  |  ^\n  = expected a word"
        );
    }

    #[test]
    fn a_list_of_none_is_said_so() {
        let said = |count: usize, known: &str| {
            error(&Error::usage(message!(
                "usage-to-other-family-no-version",
                to = "9.0",
                vendor = "Mirapoint MOS",
                count = count,
                known = known
            )))
        };
        assert!(said(0, "").ends_with("the release notes known are none"));
        assert!(said(2, "4.2.3, 4.3").ends_with("the release notes known are 4.2.3, 4.3"));
    }

    #[test]
    fn words_made_elsewhere_show_as_they_always_have() {
        let e = Error::file("a.log", "not a capture".to_string());
        assert_eq!(error(&e), e.to_string());
        assert_eq!(error(&e), "a.log: not a capture");
    }
}

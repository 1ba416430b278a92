//! The words of an error that stops a run, as the binary prints them after `carryover: `.

use crate::base::error::{os_reason, Error};
use crate::base::text::{sanitize, terminal_safe};
use crate::message;

use super::message::words;

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
            reason = os_reason(source)
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
        } => std::iter::once(format!("{}: {}", sanitize(path), words(message)))
            .chain(causes.iter().map(error_text))
            .collect::<Vec<_>>()
            .join("\n"),
        Error::Input(input) => {
            let mut out = String::new();
            let expected = message!("error-expected", expected = input.expected.clone());
            let _ = input.show(&mut out, &words(&input.message), &words(&expected));
            out
        }
        Error::Usage(message) => words(message),
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
        // Words from the catalog; each argument is kept on one line by the one sanitiser
        // (a backslash escaped, so that `\n` cannot pass for a line break), and the terminal
        // text as a whole escapes nothing twice.
        assert_eq!(error(&e), "a\\nb.log: in\\\\side: refused");
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
        let expected = message!("error-io", path = "a", reason = "word");
        let input = Error::input(at, said, expected);
        assert_eq!(
            error(&input),
            "in\\\\side: refused\n --> x.log:3:2\n  |\n3 | abc\n  |  ^\n  = expected a: word"
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
    fn an_error_shown_without_the_catalog_is_its_id_and_arguments() {
        let e = Error::file(
            "a.log",
            message!("error-io", path = "b", reason = "no\nway"),
        );
        assert_eq!(e.to_string(), "a.log: error-io path=b reason=no\\nway");
        assert_eq!(error(&e), "a.log: b: no\\nway");
    }
}

//! The words of an error that stops a run, as the binary prints them after `carryover: `.

use crate::base::error::Error;
use crate::base::text::terminal_safe;
use crate::message;

use super::message::words;

/// An error in words, safe for a terminal: a capture's text in it cannot drive the terminal.
pub fn error(e: &Error) -> String {
    let text = match e {
        Error::Io { path, source } => words(&message!(
            "error-io",
            path = path,
            reason = source.to_string()
        )),
        other => other.to_string(),
    };
    terminal_safe(&text).into_owned()
}

//! The binary's own notes for standard error (`i18n/en/cli.ftl`): a warning, or why git is
//! shown a file as it is. Their arguments are words the render layer already made safe for a
//! terminal, so they are filled in as they are, never escaped twice.

use crate::base::message::Message;

use super::report::said;

/// A note in words, as one line for standard error.
pub fn line(message: &Message) -> String {
    format!("{}\n", said(message))
}

/// How much a run says on standard error besides its errors (`-q`, `-v`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// What there is to act on: warnings, refusals, lines not understood.
    #[default]
    Normal,
    /// Everything noticed, and every source's line counts.
    Verbose,
}

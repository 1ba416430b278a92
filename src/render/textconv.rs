//! `textconv`'s text for git, and its note for standard error.

use crate::commands::textconv::Report;
use crate::message;

use super::{model, ModelFormat};

/// What git is shown: the capture's canonical RON, or the file as it is.
pub fn text(report: &Report) -> String {
    match report {
        Report::Capture(capture) => model(&capture.config, ModelFormat::Ron, false),
        Report::AsText { text, .. } => text.clone(),
    }
}

/// Why a file is shown as it is, for standard error; empty for a capture.
pub fn note(report: &Report) -> String {
    match report {
        Report::Capture(_) => String::new(),
        // A README or a note beside the captures: why it is no capture is no news.
        Report::AsText { path, .. } => {
            super::notice::line(&message!("git-no-capture-as-it-is", path = path))
        }
    }
}

//! `textconv`: one capture file as canonical text for git's diff drivers; a file that is no
//! capture as it is, because git shows nothing at all, for any file, when a textconv fails.
//! [`crate::render::textconv`] makes the text.

use std::path::PathBuf;

use crate::base::error::{Error, Result};
use crate::capture::{Capture, ReadOptions};
use crate::read;

/// What `textconv` is asked.
#[derive(Debug, Clone)]
pub struct Request {
    /// The file git hands over (`-`: standard input).
    pub file: PathBuf,
    /// How to read it.
    pub read: ReadOptions,
}

/// What the file is, for git.
#[derive(Debug)]
pub enum Report {
    /// A capture, read.
    Capture(Box<Capture>),
    /// A file that is no capture (a README, a note beside the captures): its path, and its
    /// text, each line that names a secret field masked.
    AsText {
        /// The file, as git named it.
        path: String,
        /// The file as text.
        text: String,
    },
}

/// Reads the file as a capture, or as text when it is no capture. Standard input that is no
/// capture is an error: it cannot be read twice. A capture that is clearly one and broken is
/// an error too.
pub fn run(request: &Request) -> Result<Report> {
    let file = std::slice::from_ref(&request.file);
    match read::read(file, &request.read) {
        Ok(capture) => Ok(Report::Capture(Box::new(capture))),
        Err(Error::NotACapture { .. }) if !crate::source::is_stdin(&request.file) => {
            let text = super::diff::as_text(&request.file)?;
            let path = request.file.display().to_string();
            Ok(Report::AsText { path, text })
        }
        Err(e) => Err(e),
    }
}

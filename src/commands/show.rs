//! `show`: read the captures of one appliance into its model; [`crate::render::model`] and
//! [`crate::render::unrecognized`] make the text.

use std::path::PathBuf;

use crate::base::error::Result;
use crate::capture::{Capture, ReadOptions};
use crate::read;

/// What `show` is asked.
#[derive(Debug, Clone)]
pub struct Request {
    /// The captures of one appliance.
    pub paths: Vec<PathBuf>,
    /// How to read them.
    pub read: ReadOptions,
    /// Keep the values of secrets instead of `<secret>`.
    pub show_secrets: bool,
}

/// The appliance as its captures show it.
#[derive(Debug, Clone)]
pub struct Report {
    /// The capture as read, secrets shown when asked for.
    pub capture: Capture,
}

impl Report {
    /// Whether some input lines did not become model data (`--unrecognized` exits 1 then).
    pub fn has_unrecognized(&self) -> bool {
        self.capture.unrecognized().next().is_some()
    }
}

/// Reads the captures into one model.
pub fn run(request: &Request) -> Result<Report> {
    let mut capture = read::read(&request.paths, &request.read)?;
    if request.show_secrets {
        capture.config.reveal_secrets();
    }
    Ok(Report { capture })
}

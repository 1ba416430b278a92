//! `verify-update`: check system update logs, each with the vendor whose reader recognises
//! it: one log, or every update log in a folder (a capture folder, or a tree of them).

use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

use crate::base::error::{Error, Result};
use crate::base::message::Message;
use crate::model::update_log::UpdateRun;
use crate::source::{is_stdin, Source};
use crate::vendors::REGISTRY;

/// What `verify-update` is asked.
#[derive(Debug, Clone)]
pub struct Request {
    /// The update log, or a folder of them (`-`: standard input).
    pub path: PathBuf,
    /// Read in this encoding instead of detecting it.
    pub encoding: Option<&'static Encoding>,
}

/// What the update logs show.
#[derive(Debug, Clone)]
pub struct Report {
    /// Each update log checked.
    pub runs: Vec<UpdateRun>,
}

impl Report {
    /// Whether a log shows an anomaly (exit status 1).
    pub fn failing(&self) -> bool {
        self.runs.iter().any(|r| !r.anomalies.is_empty())
    }
}

/// Checks the update logs the request names.
pub fn run(request: &Request) -> Result<Report> {
    let runs = verify_path(&request.path, request.encoding)?;
    Ok(Report { runs })
}

/// What the update log shows, by the vendor whose update-log reader recognises it: a
/// numbered step or an install header. No vendor checks update logs, none recognises the
/// source, or two do: an error (carryover never picks one by its place in the registry).
pub fn verify(source: &Source) -> Result<UpdateRun> {
    if !REGISTRY.iter().any(|v| v.update_logs().is_some()) {
        return Err(Error::usage(crate::message!(
            "usage-verify-update-no-vendor"
        )));
    }
    let mut claims = claims(source);
    match claims.len() {
        0 => Err(Error::file(
            source.path.to_string(),
            crate::message!("verify-update-not-a-log"),
        )),
        1 => Ok(claims.remove(0).1),
        _ => Err(Error::file(
            source.path.to_string(),
            crate::message!("verify-update-ambiguous", vendors = vendors(&claims)),
        )),
    }
}

/// Each vendor whose update-log reader recognises the source, with what it read.
fn claims(source: &Source) -> Vec<(&'static str, UpdateRun)> {
    REGISTRY
        .iter()
        .filter_map(|vendor| {
            let run = vendor.update_logs()?.verify(source).ok()?;
            let recognised = run.to.is_some() || !run.steps.is_empty();
            recognised.then(|| (vendor.title(), run))
        })
        .collect()
}

/// The vendors that recognise a log, named.
fn vendors(claims: &[(&'static str, UpdateRun)]) -> String {
    let names: Vec<&str> = claims.iter().map(|(name, _)| *name).collect();
    names.join(", ")
}

/// Why a log that several vendors recognise is not checked, as an anomaly of its run.
fn ambiguous(claims: &[(&'static str, UpdateRun)]) -> Message {
    crate::message!("update-claimed-by-several", vendors = vendors(claims))
}

/// The check of a source that is an update log, on evidence: a numbered step or an install
/// header, recognised by one vendor. Anything else (a capture, a CSV) is `None`.
pub(crate) fn recognise(source: &Source) -> Option<UpdateRun> {
    let mut claims = claims(source);
    (claims.len() == 1).then(|| claims.remove(0).1)
}

/// The update logs a path names: a file (or `-`) is checked as an update log whatever it
/// holds; a folder is walked, and its `.log` files and files named `*update*` that are update
/// logs are checked.
pub(crate) fn verify_path(
    path: &Path,
    encoding: Option<&'static Encoding>,
) -> Result<Vec<UpdateRun>> {
    if is_stdin(path) || !path.is_dir() {
        let source = Source::read(path, encoding)?;
        return verify(&source).map(|run| vec![run]);
    }
    let mut runs = Vec::new();
    let walker = walkdir::WalkDir::new(path)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let why = crate::message!("verify-update-unreadable", reason = e.to_string());
            Error::file(path.display().to_string(), why)
        })?;
        if !entry.file_type().is_file()
            || crate::source::junk::note(&entry.file_name().to_string_lossy()).is_some()
        {
            continue;
        }
        let name = entry.file_name().to_string_lossy().to_lowercase();
        // Logs only: a capture folder's API answers and lists are not read again (`track`
        // checks every capture folder of a fleet this way).
        if !(name.ends_with(".log") || name.contains("update")) {
            continue;
        }
        match Source::read(entry.path(), encoding) {
            Ok(source) => {
                let mut claims = claims(&source);
                match claims.len() {
                    0 => {}
                    1 => runs.push(claims.remove(0).1),
                    // Claimed by two vendors: shown, never left out or given to one of them.
                    _ => runs.push(UpdateRun {
                        path: source.path.to_string(),
                        anomalies: vec![ambiguous(&claims)],
                        ..UpdateRun::default()
                    }),
                }
            }
            // An update log that does not decode (cut short by a crash, NUL padding) is the
            // log of an update that may have failed: never left out.
            Err(e) if name.contains("update") => runs.push(UpdateRun {
                path: entry.path().display().to_string(),
                anomalies: vec![crate::message!(
                    "update-unreadable",
                    error = crate::fetch::error_message(&e)
                )],
                ..UpdateRun::default()
            }),
            // Anything else that does not decode (an archive, a picture) is no update log.
            Err(_) => {}
        }
    }
    if runs.is_empty() {
        return Err(Error::file(
            path.display().to_string(),
            crate::message!("verify-update-none-in-folder"),
        ));
    }
    Ok(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_no_vendor_recognises_is_not_an_update_log() {
        let source = Source::from_text("notes.txt", "nothing of an update here\n");
        let e = verify(&source).unwrap_err();
        assert!(e.to_string().contains("verify-update-not-a-log"), "{e}");
        assert!(recognise(&source).is_none());
    }

    #[test]
    fn two_vendors_that_recognise_a_log_are_both_named() {
        let claims = [
            ("SpamTitan", UpdateRun::default()),
            ("Other", UpdateRun::default()),
        ];
        assert_eq!(
            ambiguous(&claims),
            crate::message!("update-claimed-by-several", vendors = "SpamTitan, Other")
        );
    }

    #[cfg(feature = "test-vendor")]
    #[test]
    fn the_vendor_is_the_one_whose_reader_recognises_the_log() {
        // A plain vendor's log, which the registry lists after SpamTitan: it is still checked,
        // by the vendor that recognises it.
        let source = Source::from_text("update.log", "update 1.0 -> 1.1\nstep 1: copy\ndone\n");
        let run = verify(&source).unwrap();
        assert_eq!(run.to.as_deref(), Some("1.1"));
        assert_eq!(run.steps.len(), 1);
    }
}

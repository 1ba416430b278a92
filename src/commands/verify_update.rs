//! `verify-update`: check system update logs with the vendor that has such logs: one log, or
//! every update log in a folder (a capture folder, or a tree of them).

use std::path::Path;

use encoding_rs::Encoding;

use crate::base::error::{Error, Result};
use crate::model::update_log::UpdateRun;
use crate::source::{is_stdin, Source};
use crate::vendors::REGISTRY;

/// What the update log shows, by the first vendor that checks update logs and reads it.
pub fn verify(source: &Source) -> Result<UpdateRun> {
    let mut checkers = REGISTRY.iter().filter_map(|v| v.update_logs());
    let checker = checkers
        .next()
        .ok_or_else(|| Error::usage("no vendor carryover knows has update logs"))?;
    checker.verify(source)
}

/// The check of a source that is an update log, on evidence: a numbered step or an install
/// header. Anything else (a capture, a CSV) is `None`.
pub fn recognise(source: &Source) -> Option<UpdateRun> {
    verify(source)
        .ok()
        .filter(|run| run.to.is_some() || !run.steps.is_empty())
}

/// The update logs a path names: a file (or `-`) is checked as an update log whatever it
/// holds; a folder is walked, and its `.log` files and files named `*update*` that are update
/// logs are checked.
pub fn verify_path(path: &Path, encoding: Option<&'static Encoding>) -> Result<Vec<UpdateRun>> {
    if is_stdin(path) || !path.is_dir() {
        let source = Source::read(path, encoding)?;
        return recognise(&source).map(|run| vec![run]).ok_or_else(|| {
            Error::file(
                source.path.to_string(),
                "not an update log: no numbered step `001: ...` and no `Install revision` \
                 header",
            )
        });
    }
    let mut runs = Vec::new();
    let walker = walkdir::WalkDir::new(path)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| Error::file(path.display().to_string(), e.to_string()))?;
        if !entry.file_type().is_file()
            || crate::source::junk::why(&entry.file_name().to_string_lossy()).is_some()
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
            Ok(source) => runs.extend(recognise(&source)),
            // An update log that does not decode (cut short by a crash, NUL padding) is the
            // log of an update that may have failed: never left out.
            Err(e) if name.contains("update") => runs.push(UpdateRun {
                path: entry.path().display().to_string(),
                anomalies: vec![format!("the log cannot be read: {e}")],
                ..UpdateRun::default()
            }),
            // Anything else that does not decode (an archive, a picture) is no update log.
            Err(_) => {}
        }
    }
    if runs.is_empty() {
        return Err(Error::file(
            path.display().to_string(),
            "no update log in this folder (a log with numbered steps `001: ...` or an \
             `Install revision` header)",
        ));
    }
    Ok(runs)
}

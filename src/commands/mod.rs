//! The library side of each subcommand: read the captures, run the operations, and return a
//! typed report; `render` turns it into words and the writer puts it out. No flags: the
//! binary's `cli` module turns them into a request and calls these.

pub mod apply;
pub mod capture;
pub mod commit;
pub mod diff;
pub mod fetch;
pub mod findings;
pub mod request;
pub mod restore;
pub mod rule;
pub mod show;
pub mod textconv;
pub mod track;
pub mod verify_update;

use std::path::{Path, PathBuf};

use crate::base::error::{Error, Result};
use crate::model::Version;
use crate::ops::evaluate::Evidence;
use crate::read::Split;
use crate::source::is_stdin;
use crate::vendors;

/// The captures of one appliance with its vendor's knowledge, for `gaps` and `plan`.
pub fn evidence(split: &Split) -> Result<Evidence<'_>> {
    let vendor = split.vendor()?;
    Ok(Evidence {
        live: split.live.as_ref().map(|c| &c.config),
        export: split.export.as_ref().map(|c| &c.config),
        knowledge: vendors::knowledge_of(vendor)?,
        plan: vendor.capture_plan(),
    })
}

/// Refuses a `--to` version that cannot be this vendor's next release: one whose major
/// number neither the captured version nor any of the vendor's release notes has (a
/// SpamTitan 7.09 asked of a MOS capture), or one older than the captured version. Either
/// would otherwise be a report that finds nothing, which is not the same as nothing to find.
pub fn check_target(cx: &Evidence<'_>, vendor: &dyn vendors::Vendor, to: &Version) -> Result<()> {
    let from = cx.from();
    let known: Vec<Version> = cx
        .knowledge
        .releases()
        .iter()
        .map(|r| r.version())
        .collect();
    let major = |v: &Version| v.numbers.first().copied();
    let family = from.iter().chain(&known).any(|v| major(v) == major(to));
    if !family {
        let names: Vec<String> = known.iter().map(|v| v.to_string()).collect();
        let (to, vendor, count, known) = (
            to.to_string(),
            vendor.title(),
            names.len(),
            names.join(", "),
        );
        return Err(Error::usage(match &from {
            Some(from) => crate::message!(
                "usage-to-other-family",
                to = to,
                vendor = vendor,
                from = from.to_string(),
                count = count,
                known = known
            ),
            None => crate::message!(
                "usage-to-other-family-no-version",
                to = to,
                vendor = vendor,
                count = count,
                known = known
            ),
        }));
    }
    if let Some(from) = from.as_ref().filter(|f| *f > to) {
        return Err(Error::usage(crate::message!(
            "usage-to-older-than-captured",
            to = to.to_string(),
            from = from.to_string()
        )));
    }
    // A target short of every known note would check nothing: say so rather than "nothing
    // found". One past the newest note is reported by the rules themselves.
    let newest = known.iter().max();
    let applies = cx
        .knowledge
        .releases()
        .iter()
        .any(|r| r.stage(from.as_ref(), to).is_some());
    if !applies && newest.is_some_and(|n| to <= n) {
        let names: Vec<String> = known.iter().map(|v| v.to_string()).collect();
        let (to, known) = (to.to_string(), names.join(", "));
        return Err(Error::usage(match &from {
            Some(from) => crate::message!(
                "usage-no-note-between",
                from = from.to_string(),
                to = to,
                known = known
            ),
            None => crate::message!("usage-no-note-between-uncaptured", to = to, known = known),
        }));
    }
    Ok(())
}

/// An output's canonical path; for a file not made yet, where it would be, by its folder's
/// canonical path.
pub(crate) fn where_it_would_be(output: &Path) -> Option<PathBuf> {
    output.canonicalize().ok().or_else(|| {
        let folder = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        Some(folder.canonicalize().ok()?.join(output.file_name()?))
    })
}

/// Refuses, before anything is read, outputs that are among the captures named, or inside a
/// capture folder named: writing one would lose the capture.
pub fn refuse_to_overwrite<'p>(
    outputs: impl Iterator<Item = &'p Path>,
    inputs: &[&[PathBuf]],
) -> Result<()> {
    let outputs: Vec<&Path> = outputs.collect();
    if outputs.is_empty() {
        return Ok(());
    }
    let mut read = Vec::new();
    for paths in inputs {
        let named: Vec<PathBuf> = paths.iter().filter(|p| !is_stdin(p)).cloned().collect();
        if !named.is_empty() {
            read.extend(crate::read::expand(&named)?);
        }
    }
    let read: Vec<PathBuf> = read.iter().filter_map(|p| p.canonicalize().ok()).collect();
    for output in outputs {
        let Some(canonical) = where_it_would_be(output) else {
            continue;
        };
        // A capture read, or a file inside a capture folder read (a vendor's folder is one
        // capture).
        if read
            .iter()
            .any(|r| canonical == *r || (r.is_dir() && canonical.starts_with(r)))
        {
            return Err(Error::usage(crate::message!(
                "usage-output-is-a-capture",
                path = output.display().to_string()
            )));
        }
    }
    Ok(())
}

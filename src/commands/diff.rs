//! `diff`: read both sides, align what only one side could know, compare; the report goes to
//! [`crate::render::diff::report`] for words.

use std::path::PathBuf;

use crate::base::error::{Error, Result};
use crate::capture::{Capture, ReadOptions};
use crate::model::canonical;
use crate::ops::diff::{align_identity, compare, place_not_compared, Comparison, DiffOptions};
use crate::ops::explain::{explain, explained_diff};
pub use crate::ops::explain::{Acceptance, Explained};
use crate::read;
use crate::vendors;

/// How differences are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// One line per difference, coloured on a terminal.
    Human,
    /// A unified diff of the two canonical texts.
    Unified,
    /// A Markdown table.
    Markdown,
    /// JSON with `format_version`.
    Json,
    /// SARIF 2.1.0, one result per difference (`--explain`).
    Sarif,
    /// GitHub Actions workflow commands, one annotation per difference (`--explain`).
    Github,
}

/// One side of a diff: its captures and how to label it.
#[derive(Debug, Clone)]
pub struct Side {
    /// The capture files or directories.
    pub paths: Vec<PathBuf>,
    /// The label unified output gives it (`a/rg01.log`).
    pub label: String,
    /// The name evidence and messages give its one file instead of its path (git's external
    /// diff hands over a temporary copy of the file it names).
    pub shown_as: Option<String>,
}

/// How to compare and show.
#[derive(Debug, Clone)]
pub struct Request {
    /// How to read both sides.
    pub read: ReadOptions,
    /// The output format.
    pub format: DiffFormat,
    /// Only the counts per area.
    pub stat: bool,
    /// Glob patterns of item paths to leave out, besides the vendor's volatile ones.
    pub ignore: Vec<String>,
    /// Show the values of changed secrets.
    pub show_secrets: bool,
    /// Colour the human output.
    pub color: bool,
    /// Begin with git's `diff --carryover a/PATH b/PATH` header (as git's external diff).
    pub git_header: Option<String>,
    /// Label each difference by the rules (`--explain`).
    pub explain: bool,
    /// The differences the user accepts, each with a reason (`--accept`).
    pub accept: Vec<Acceptance>,
}

/// What a diff found.
#[derive(Debug, Clone)]
pub struct Report {
    /// The differences, and what could not be compared.
    pub comparison: Comparison,
    /// The captures of both sides as read (old, new), for their warnings and notes.
    pub sides: [Capture; 2],
    /// For `--format unified`: the canonical texts of both sides (old, new), secrets shown
    /// when asked for.
    pub canonical: Option<(String, String)>,
    /// Each difference labelled by the rules, under `--explain`.
    pub explained: Option<Explained>,
    /// Whether the sides differ, or something was not compared; under `--explain`, whether
    /// something lost, unexplained or not compared remains.
    pub different: bool,
}

/// What `diff` did: compared two captures, or, as git's external diff (`request.git_header`),
/// took a file that is no capture for text, since git stops at the first file its external diff
/// fails on.
#[derive(Debug)]
pub enum Outcome {
    /// Two captures compared.
    Compared(Box<Report>),
    /// A file that is no capture (a README beside the captures), as the two texts git handed
    /// over; why it is no capture is no news.
    AsText {
        /// The old and new texts, secrets masked.
        texts: (String, String),
    },
}

/// Compares `old` with `new`; as git's external diff, a file that is no capture is text.
pub fn diff(old: &Side, new: &Side, request: &Request) -> Result<Outcome> {
    match run(old, new, request) {
        Ok(report) => Ok(Outcome::Compared(Box::new(report))),
        Err(Error::NotACapture { .. }) if request.git_header.is_some() => {
            let texts = plain_texts(old, new)?;
            Ok(Outcome::AsText { texts })
        }
        Err(e) => Err(e),
    }
}

/// Compares `old` with `new`.
pub fn run(old: &Side, new: &Side, request: &Request) -> Result<Report> {
    if request.stat && request.format == DiffFormat::Unified {
        return Err(Error::usage(crate::message!(
            "usage-diff-stat-unified-conflict"
        )));
    }
    let labelled = matches!(request.format, DiffFormat::Sarif | DiffFormat::Github);
    if request.explain && request.format == DiffFormat::Unified {
        return Err(Error::usage(crate::message!("usage-diff-explain-unified")));
    }
    if labelled && !request.explain {
        return Err(Error::usage(crate::message!(
            "usage-diff-format-needs-explain"
        )));
    }
    let (mut a, mut b) = read_sides(old, new, &request.read)?;
    align_identity(&mut a.config, &mut b.config);
    crate::model::align_domains(&mut a.config, &mut b.config);
    let comparison = compared(&a, &b, &request.ignore, request.show_secrets)?;
    let explained = request
        .explain
        .then(|| explain_comparison(comparison.clone(), &a, &b, &request.accept))
        .transpose()?;
    // Explaining may compare what the plain rule left not compared (the upgrade's own update):
    // the report shows the comparison its labels are for.
    let comparison = match &explained {
        Some(explained) => explained.comparison.clone(),
        None => comparison,
    };
    let canonical = (request.format == DiffFormat::Unified && !request.stat)
        .then(|| (text(&a.config, request), text(&b.config, request)));
    Ok(Report {
        different: match &explained {
            Some(explained) => !explained.settled(),
            None => comparison.differs(),
        },
        comparison,
        explained,
        sides: [a, b],
        canonical,
    })
}

/// The explained diff of two captures of one appliance, one made before an upgrade (`old`)
/// and one after it (`new`), as `diff --explain` shows it: each difference labelled by the
/// rules of the releases the upgrade crosses, and what was not compared.
pub fn explained(old: &Capture, new: &Capture, accept: &[Acceptance]) -> Result<Explained> {
    let vendor = vendors::by_id(old.config.vendor)?;
    Ok(explained_diff(&old.config, &new.config, vendor, accept))
}

fn explain_comparison(
    comparison: Comparison,
    a: &Capture,
    b: &Capture,
    accept: &[Acceptance],
) -> Result<Explained> {
    let vendor = vendors::by_id(a.config.vendor)?;
    Ok(explain(
        comparison,
        &a.config,
        &b.config,
        vendor.knowledge(),
        accept,
    ))
}

/// Two aligned captures compared by the coverage rule, the vendor's volatile items and
/// `ignore` left out.
fn compared(a: &Capture, b: &Capture, ignore: &[String], show_secrets: bool) -> Result<Comparison> {
    let vendor = vendors::by_id(a.config.vendor)?;
    let ignore = ignore_set(vendor.volatile(), ignore)?;
    let is_ignored = |path: &str| ignore.is_match(path);
    let mut comparison = compare(
        &a.config,
        &b.config,
        &DiffOptions {
            ignore: &is_ignored,
            show_secrets,
        },
    );
    if let Some(plan) = vendor.capture_plan() {
        let versions = [a, b].map(|c| c.config.appliance.version.as_ref().map(|v| &v.value));
        place_not_compared(&mut comparison, plan, vendor.knowledge(), versions);
    }
    Ok(comparison)
}

/// The glob set of item paths a diff leaves out: the vendor's volatile ones and `extra`.
pub(crate) fn ignore_set(volatile: &[String], extra: &[String]) -> Result<globset::GlobSet> {
    let mut globs = globset::GlobSetBuilder::new();
    let patterns = volatile.iter().chain(extra).map(String::as_str);
    for pattern in patterns {
        let glob = globset::Glob::new(pattern).map_err(|e| {
            Error::usage(crate::message!(
                "usage-diff-ignore-pattern",
                pattern = pattern,
                reason = e.to_string()
            ))
        })?;
        globs.add(glob);
    }
    globs
        .build()
        .map_err(|e| Error::usage(crate::message!("usage-diff-ignore", reason = e.to_string())))
}

/// The canonical text of one side, its secrets shown when asked for (the side itself keeps
/// them masked).
fn text(config: &crate::model::Config, request: &Request) -> String {
    let known = crate::vendors::by_id(config.vendor)
        .map(|v| v.known())
        .unwrap_or_default();
    if !request.show_secrets {
        return canonical::to_ron(config, &known);
    }
    let mut config = config.clone();
    config.reveal_secrets();
    canonical::to_ron(&config, &known)
}

/// Both sides read, one of them possibly absent (git's null device), of one appliance.
fn read_sides(old: &Side, new: &Side, read: &ReadOptions) -> Result<(Capture, Capture)> {
    let options = |side: &Side| ReadOptions {
        shown_as: side.shown_as.clone(),
        ..read.clone()
    };
    let (a, b) = rayon::join(
        || read::read_side(&old.paths, &options(old)),
        || read::read_side(&new.paths, &options(new)),
    );
    // A side git gives as the null device (an added or deleted file) has nothing of its own,
    // and that is known: what the other side holds was added or removed, not "not compared".
    let absent = |vendor| {
        let mut capture = Capture::new(vendor);
        capture.config.coverage.absent = true;
        capture
    };
    let (a, b) = match (a?, b?) {
        (Some(a), Some(b)) => (a, b),
        (None, Some(b)) => (absent(b.config.vendor), b),
        (Some(a), None) => {
            let vendor = a.config.vendor;
            (a, absent(vendor))
        }
        (None, None) => return Err(Error::usage(crate::message!("usage-diff-both-sides-empty"))),
    };
    crate::read::same_appliance_for(&a.config, &b.config, crate::read::AskedBy::Diff)?;
    Ok((a, b))
}

/// The two files git's external diff hands over, as text, for a file carryover cannot read
/// as a capture (a README, a note beside the captures): the null device is the side where the
/// file does not exist, empty. `render::diff::plain_text` shows them as a line diff.
fn plain_texts(old: &Side, new: &Side) -> Result<(String, String)> {
    let text = |side: &Side| match side.paths.first() {
        Some(p) if !read::is_null_device(p) => as_text(p),
        _ => Ok(String::new()),
    };
    Ok((text(old)?, text(new)?))
}

/// A file that is no capture, as text for a diff driver: decoded as well as it goes, and every
/// line that names a secret field masked (a note may still hold a password).
pub(crate) fn as_text(path: &std::path::Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path.display().to_string(), e))?;
    let secrets = crate::base::secrets::neutral();
    Ok(String::from_utf8_lossy(&bytes)
        .split_inclusive('\n')
        .map(|line| {
            let body = line.trim_end_matches(['\n', '\r']);
            secrets.mask_line(body) + &line[body.len()..]
        })
        .collect())
}

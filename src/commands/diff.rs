//! `diff`: read both sides, align what only one side could know, compare, render.

use std::path::PathBuf;

use crate::base::error::{Error, Result};
use crate::capture::{Capture, ReadOptions};
use crate::ops::diff::{align_identity, capture_commands, compare, DiffOptions};
use crate::read;
use crate::render::diff::{self as show, DiffFormat, Style};
use crate::render::{self, ModelFormat};
use crate::vendors;

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
}

/// What a diff found.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The rendered report.
    pub text: String,
    /// Warnings and notes of both sides, for standard error.
    pub diagnostics: String,
    /// Whether the sides differ.
    pub different: bool,
}

/// Compares `old` with `new`.
pub fn run(old: &Side, new: &Side, request: &Request) -> Result<Outcome> {
    let options = |side: &Side| ReadOptions {
        shown_as: side.shown_as.clone(),
        ..request.read.clone()
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
    let (mut a, mut b) = match (a?, b?) {
        (Some(a), Some(b)) => (a, b),
        (None, Some(b)) => (absent(b.config.vendor), b),
        (Some(a), None) => {
            let vendor = a.config.vendor;
            (a, absent(vendor))
        }
        (None, None) => return Err(Error::Usage("both sides of the diff are empty".into())),
    };
    crate::read::same_appliance(&a.config, &b.config)
        .map_err(|e| Error::Usage(format!("diff compares two captures of one appliance: {e}")))?;
    let diagnostics = format!("{}{}", render::diagnostics(&a), render::diagnostics(&b));
    align_identity(&mut a.config, &mut b.config);
    let vendor = vendors::by_id(a.config.vendor)?;
    let mut globs = globset::GlobSetBuilder::new();
    for pattern in vendor.volatile().iter().chain(&request.ignore) {
        let glob = globset::Glob::new(pattern)
            .map_err(|e| Error::Usage(format!("--ignore {pattern}: {e}")))?;
        globs.add(glob);
    }
    let ignore = globs
        .build()
        .map_err(|e| Error::Usage(format!("--ignore: {e}")))?;
    let is_ignored = |path: &str| ignore.is_match(path);
    let mut comparison = compare(
        &a.config,
        &b.config,
        &DiffOptions {
            ignore: &is_ignored,
            show_secrets: request.show_secrets,
        },
    );
    if let Some(plan) = vendor.capture_plan() {
        for item in &mut comparison.not_compared {
            item.capture = capture_commands(&item.path, plan);
        }
    }
    let differences = &comparison;
    let text = if request.stat {
        match request.format {
            DiffFormat::Json => show::stat_json(differences),
            DiffFormat::Markdown => show::stat_markdown(differences),
            DiffFormat::Human => show::stat_text(differences),
            DiffFormat::Unified => {
                return Err(Error::Usage(
                    "--stat and --format unified conflict: a unified diff has no counts".into(),
                ))
            }
        }
    } else {
        match request.format {
            DiffFormat::Human => show::human(
                differences,
                Style {
                    color: request.color,
                },
            ),
            DiffFormat::Markdown => show::markdown(differences),
            DiffFormat::Json => show::json(differences),
            DiffFormat::Unified => {
                if request.show_secrets {
                    a.config.reveal_secrets();
                    b.config.reveal_secrets();
                }
                let a = render::model(&a.config, ModelFormat::Ron, false);
                let b = render::model(&b.config, ModelFormat::Ron, false);
                let label = |l: &str| crate::base::text::sanitize(l);
                show::unified(&a, &b, &label(&old.label), &label(&new.label))
            }
        }
    };
    let text = match &request.git_header {
        Some(path) => {
            // A file name may hold anything a file system allows, line breaks included.
            let path = crate::base::text::sanitize(path);
            format!("diff --carryover a/{path} b/{path}\n{text}")
        }
        None => text,
    };
    Ok(Outcome {
        text,
        diagnostics,
        different: !comparison.changes.is_empty(),
    })
}

/// What git's external diff shows for a file carryover cannot read as a capture (a README, a
/// note beside the captures): the header, then a line diff of the two files as text, so that
/// `git diff` goes on to the next file instead of stopping.
pub fn plain_text(path: &str, old: &Side, new: &Side) -> Result<String> {
    // The null device is the side where the file does not exist: empty.
    let text = |side: &Side| match side.paths.first() {
        Some(p) if !read::is_null_device(p) => as_text(p),
        _ => Ok(String::new()),
    };
    let (a, b) = (text(old)?, text(new)?);
    let label = |l: &str| crate::base::text::sanitize(l);
    let diff = show::unified(&a, &b, &label(&old.label), &label(&new.label));
    Ok(format!(
        "diff --carryover a/{path} b/{path}\n{}",
        crate::base::text::terminal_safe(&diff),
        path = crate::base::text::sanitize(path)
    ))
}

/// A file that is no capture, as text for a diff driver: decoded as well as it goes, and every
/// line that names a secret field masked (a note may still hold a password).
pub fn as_text(path: &std::path::Path) -> Result<String> {
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

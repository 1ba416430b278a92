//! `diff`: read both sides, align what only one side could know, compare, render.

use std::path::PathBuf;

use crate::capture::{Capture, ReadOptions};
use crate::error::{Error, Result};
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
    let (a, b) = rayon::join(
        || read::read_side(&old.paths, &request.read),
        || read::read_side(&new.paths, &request.read),
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
        show::stat_text(differences)
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
                show::unified(&a, &b, &old.label, &new.label)
            }
        }
    };
    Ok(Outcome {
        text,
        diagnostics,
        different: !comparison.changes.is_empty(),
    })
}

//! `track`'s report: its notes for standard error, then text or JSON.

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use crate::base::text::{sanitize as one_line, terminal_safe};

use crate::commands::track::{Failure, Report};
use crate::model::update_log::UpdateRun;

use super::FORMAT_VERSION;

/// A path, and what happened to it.
#[derive(Serialize, schemars::JsonSchema)]
pub struct PathNote {
    /// The path, as found under the folder tracked.
    pub path: String,
    /// Why it failed, or why it was skipped.
    pub why: String,
}

/// `track --format json`.
#[derive(Serialize, schemars::JsonSchema)]
pub struct Document<'a> {
    /// The version of this document's shape.
    pub format_version: u32,
    /// Appliances found.
    pub appliances: usize,
    /// Capture files and folders found.
    pub files: usize,
    /// Files written.
    pub written: Vec<String>,
    /// Files left as they were, since nothing changed.
    pub unchanged: usize,
    /// Lines that did not become model data, over all appliances.
    pub unrecognized_lines: usize,
    /// Captures that could not be read or placed.
    pub failed: Vec<PathNote>,
    /// Files and links not read, and why.
    pub skipped: Vec<PathNote>,
    /// Update logs found, each checked as `verify-update` checks it.
    pub update_logs: &'a [UpdateRun],
}

/// The report as JSON.
pub fn json(report: &Report) -> String {
    super::json(&document(report))
}

/// The report as the JSON document's value.
pub fn document(report: &Report) -> Document<'_> {
    let notes = |list: &[(std::path::PathBuf, String)]| {
        list.iter()
            .map(|(path, why)| PathNote {
                path: path.display().to_string(),
                why: why.clone(),
            })
            .collect()
    };
    let failed = report
        .failures
        .iter()
        .map(|(path, why)| PathNote {
            path: path.display().to_string(),
            why: failure(why),
        })
        .collect();
    Document {
        format_version: FORMAT_VERSION,
        appliances: report.appliances,
        files: report.files,
        written: report
            .written
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        unchanged: report.unchanged,
        unrecognized_lines: report.unrecognized,
        failed,
        skipped: notes(&report.skipped),
        update_logs: &report.update_logs,
    }
}

/// The captures that failed and those skipped, one line each, for standard error.
pub fn notes(report: &Report) -> String {
    let mut out = failures(report);
    for (path, why) in &report.skipped {
        let _ = writeln!(out, "{}: note: {}", shown(path), one_line(why));
    }
    out
}

/// The captures that failed, one line each, for standard error.
pub fn failures(report: &Report) -> String {
    let mut out = String::new();
    for (path, why) in &report.failures {
        let _ = writeln!(out, "{}: error: {}", shown(path), one_line(&failure(why)));
    }
    out
}

/// Why a file was not tracked, in words; each output escapes them its own way.
fn failure(why: &Failure) -> String {
    match why {
        Failure::Error(e) => super::error::error_text(e),
        Failure::Said(said) => super::error::in_words(said),
    }
}

/// A path, on one line: a file name may hold line breaks.
fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// `wrote` lines, update logs, and the summary last, where a long run leaves it in view.
pub fn human(report: &Report, quiet: bool) -> String {
    let mut out = String::new();
    if !quiet {
        for path in &report.written {
            let _ = writeln!(out, "wrote {}", shown(path));
        }
    }
    for run in &report.update_logs {
        let state = if run.anomalies.is_empty() {
            "completed".to_string()
        } else {
            format!("ANOMALY: {}", run.anomalies.join("; "))
        };
        let _ = writeln!(
            out,
            "update log {}: {} -> {}: {}",
            one_line(&run.path),
            terminal_safe(run.from.as_deref().unwrap_or("?")),
            terminal_safe(run.to.as_deref().unwrap_or("?")),
            terminal_safe(&state)
        );
    }
    let anomalies = report
        .update_logs
        .iter()
        .filter(|r| !r.anomalies.is_empty())
        .count();
    let _ = writeln!(
        out,
        "{} appliance(s) from {} file(s): {} written, {} unchanged; {} unrecognized line(s); \
         {} skipped; {} update log(s), {anomalies} with an anomaly; {} failed",
        report.appliances,
        report.files,
        report.written.len(),
        report.unchanged,
        report.unrecognized,
        report.skipped.len(),
        report.update_logs.len(),
        report.failures.len()
    );
    out
}

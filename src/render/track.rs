//! `track`'s report as JSON.

use serde::Serialize;

use crate::commands::track::Report;
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
        failed: notes(&report.failures),
        skipped: notes(&report.skipped),
        update_logs: &report.update_logs,
    }
}

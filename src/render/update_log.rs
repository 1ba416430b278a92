//! `verify-update`'s report.

use crate::base::text::terminal_safe;
use crate::commands::verify_update::Report;
use crate::message;
use crate::model::update_log::UpdateRun;

use super::message::{words, words_as_given};
use super::width::{pad_to, widest};

/// How `verify-update` writes its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateLogFormat {
    /// Text: each service and step that matters, then `ok` or the anomalies.
    Human,
    /// JSON with `format_version`.
    Json,
}

/// `verify-update`'s report in the format asked for.
pub fn report(report: &Report, format: UpdateLogFormat) -> String {
    match format {
        UpdateLogFormat::Human => report.runs.iter().map(human).collect(),
        UpdateLogFormat::Json => json(&report.runs),
    }
}

/// An update log's check as text.
pub fn human(run: &UpdateRun) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let (from, to) = (
        run.from
            .clone()
            .unwrap_or_else(|| words(&message!("update-from-unknown"))),
        run.to
            .clone()
            .unwrap_or_else(|| words(&message!("update-to-unknown"))),
    );
    let heading = message!("update-heading", path = &run.path, from = from, to = to);
    let _ = writeln!(out, "{}", words(&heading));
    let width = widest(run.services.iter().map(|s| s.name.as_str())).max(16);
    for s in &run.services {
        let state = match s.started_at {
            Some(l) => message!("update-service-back", stopped = s.stopped_at, started = l),
            None => message!("update-service-not-back", stopped = s.stopped_at),
        };
        let name = pad_to(&terminal_safe(&s.name), width);
        let _ = writeln!(out, "  {name} {}", words(&state));
    }
    for crate::model::update_log::Line { line, text } in &run.unrecognized {
        let said = message!("update-unrecognized", line = *line, text = text);
        let _ = writeln!(out, "  {}", words(&said));
    }
    if run.anomalies.is_empty() {
        let _ = writeln!(out, "{}", words(&message!("update-ok")));
    }
    for a in &run.anomalies {
        let said = message!("update-anomaly", anomaly = a.clone());
        let _ = writeln!(out, "{}", words(&said));
    }
    out
}

/// `verify-update --format json`: every log checked.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct Document<'a> {
    /// The version of this document's shape.
    pub format_version: u32,
    /// What each update log shows.
    pub updates: Vec<RunDocument<'a>>,
}

/// What one update log shows, with its anomalies in words.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct RunDocument<'a> {
    /// The log's versions, steps and services.
    #[serde(flatten)]
    pub run: &'a UpdateRun,
    /// What went wrong, one sentence each; empty when the update went through.
    pub anomalies: Vec<String>,
}

impl<'a> RunDocument<'a> {
    /// The run, its anomalies in words.
    pub fn of(run: &'a UpdateRun) -> RunDocument<'a> {
        RunDocument {
            run,
            anomalies: run.anomalies.iter().map(words_as_given).collect(),
        }
    }
}

/// Update logs' checks as JSON.
pub fn json(runs: &[UpdateRun]) -> String {
    super::message::for_machines(|| {
        super::json(&Document {
            format_version: super::FORMAT_VERSION,
            updates: runs
                .iter()
                .map(|run| RunDocument {
                    run,
                    anomalies: run.anomalies.iter().map(words_as_given).collect(),
                })
                .collect(),
        })
    })
}

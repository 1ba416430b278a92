//! `verify-update`'s report.

use crate::base::text::terminal_safe;
use crate::commands::verify_update::Report;
use crate::model::update_log::UpdateRun;

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
    let _ = writeln!(
        out,
        "{}: update {} -> {}",
        crate::base::text::sanitize(&run.path),
        terminal_safe(
            run.from
                .as_deref()
                .unwrap_or("(from version not in the log)")
        ),
        terminal_safe(run.to.as_deref().unwrap_or("(target not in the log)"))
    );
    for s in &run.services {
        let state = match s.started_at {
            Some(l) => format!("stopped line {}, started again line {l}", s.stopped_at),
            None => format!("stopped line {}, NEVER STARTED AGAIN", s.stopped_at),
        };
        let _ = writeln!(out, "  {:<16} {state}", terminal_safe(&s.name));
    }
    for crate::model::update_log::Line { line, text } in &run.unrecognized {
        let _ = writeln!(out, "  unrecognized line {line}: {}", terminal_safe(text));
    }
    if run.anomalies.is_empty() {
        let _ = writeln!(
            out,
            "ok: every service came back, the installation completed, the last step is OK"
        );
    }
    for a in &run.anomalies {
        let _ = writeln!(out, "anomaly: {}", terminal_safe(a));
    }
    out
}

/// `verify-update --format json`: every log checked.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct Document<'a> {
    /// The version of this document's shape.
    pub format_version: u32,
    /// What each update log shows.
    pub updates: &'a [UpdateRun],
}

/// Update logs' checks as JSON.
pub fn json(runs: &[UpdateRun]) -> String {
    super::json(&Document {
        format_version: super::FORMAT_VERSION,
        updates: runs,
    })
}

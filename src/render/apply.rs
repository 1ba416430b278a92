//! `apply`'s words: the summary shown before the first write, the question, and the report.
//! Each line quotes the appliance or the script: made safe once, as a whole.

use crate::base::text::sanitize as one_line;
use crate::commands::apply::{Report, Summary};
use crate::message;

use super::message::words;

/// The summary, a line each: the appliance, the commands, inferred forms, restarts, steps by
/// hand, drift.
pub fn summary(summary: &Summary) -> String {
    let lines = [
        message!(
            "apply-summary-appliance",
            appliance = &summary.appliance,
            host = &summary.host,
            version = &summary.version
        ),
        message!(
            "apply-summary-commands",
            commands = summary.commands,
            done = summary.done
        ),
        message!(
            "apply-summary-inferred",
            count = summary.inferred.len(),
            lines = joined(&summary.inferred)
        ),
        message!("apply-summary-restarts", count = summary.restarts.len()),
        message!("apply-summary-by-hand"),
        message!(
            "apply-summary-drift",
            checked = if summary.drift_checked { "yes" } else { "no" }
        ),
    ];
    lines
        .iter()
        .map(|m| format!("{}\n", one_line(&words(m))))
        .collect()
}

/// The question asked on a terminal, without a line break.
pub fn question() -> String {
    format!("{} ", words(&message!("apply-question")))
}

fn joined(lines: &[u32]) -> String {
    let shown: Vec<String> = lines.iter().map(u32::to_string).collect();
    shown.join(", ")
}

/// What the run did, for standard output.
pub fn report(report: &Report) -> String {
    let journal = report.journal.display().to_string();
    let mut out = String::new();
    let mut line = |m| out.push_str(&format!("{}\n", one_line(&words(&m))));
    if report.summary.is_none() {
        line(message!("apply-finished-before", journal = &journal));
        return out;
    }
    if report.dry_run {
        for (at, command) in &report.would_send {
            line(message!("apply-would-send", line = *at, command = command));
        }
        line(message!("apply-dry-run", count = report.would_send.len()));
        return out;
    }
    line(message!(
        "apply-done",
        sent = report.sent,
        took_effect = report.took_effect,
        journal = &journal
    ));
    out
}

/// `apply --format json`: the same document on every exit, an error's included.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct Document {
    /// The version of this document's shape.
    pub format_version: u32,
    /// How the run ended.
    pub status: Status,
    /// The host as the user named it.
    pub host: String,
    /// The journal beside the script.
    pub journal: String,
    /// What the appliance was found to be before the first write; absent when the run
    /// stopped before, or a finished journal made it send nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appliance: Option<Appliance>,
    /// Commands sent and confirmed by this run.
    pub sent: usize,
    /// Commands a resumed run found had taken effect although their answers were lost.
    pub took_effect: usize,
    /// `--dry-run`: the commands that would have been sent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub would_send: Vec<Line>,
    /// The fetch afterwards (`--into`), as `fetch --format json` reports each appliance.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fetched: Vec<super::fetch::Outcome>,
    /// `--pre`: whether something lost, unexplained or not compared remains.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub still_different: Option<bool>,
    /// What stopped the run, in one line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

/// How an apply ended.
#[derive(serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every command was sent and confirmed.
    Applied,
    /// `--dry-run`: nothing was written.
    DryRun,
    /// The journal shows a finished run: nothing was sent.
    FinishedBefore,
    /// An error stopped the run (the journal says where, if anything was sent).
    Stopped,
}

/// The appliance as the checks before the first write found it.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct Appliance {
    /// Its name, as it gave it.
    pub name: String,
    /// The version it runs.
    pub version: String,
    /// The commands to send.
    pub commands: usize,
    /// Commands confirmed by an earlier run.
    pub done: usize,
    /// Lines of commands whose form no public source confirms.
    pub inferred: Vec<u32>,
    /// Whether it was compared with the capture the script was computed against.
    pub drift_checked: bool,
}

/// A command of the script: its line and how the journal shows it.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct Line {
    /// Its line in the script.
    pub line: u32,
    /// The command, secrets masked.
    pub command: String,
}

/// The report as JSON.
pub fn json(report: &Report, host: &str) -> String {
    super::message::for_machines(|| {
        let status = match (&report.summary, report.dry_run) {
            (None, _) => Status::FinishedBefore,
            (Some(_), true) => Status::DryRun,
            (Some(_), false) => Status::Applied,
        };
        super::json(&Document {
            format_version: super::FORMAT_VERSION,
            status,
            host: host.to_string(),
            journal: report.journal.display().to_string(),
            appliance: report.summary.as_ref().map(|s| Appliance {
                name: s.appliance.clone(),
                version: s.version.clone(),
                commands: s.commands,
                done: s.done,
                inferred: s.inferred.clone(),
                drift_checked: s.drift_checked,
            }),
            sent: report.sent,
            took_effect: report.took_effect,
            would_send: report
                .would_send
                .iter()
                .map(|(line, command)| Line {
                    line: *line,
                    command: one_line(command),
                })
                .collect(),
            fetched: report
                .fetched
                .iter()
                .flat_map(|f| f.outcomes.iter().map(super::fetch::outcome))
                .collect(),
            still_different: report.diff.as_ref().map(|d| d.report.different),
            errors: Vec::new(),
        })
    })
}

/// The report of a run an error stopped.
pub fn json_of_stopped(
    host: &str,
    journal: &std::path::Path,
    error: &crate::base::error::Error,
) -> String {
    super::message::for_machines(|| {
        super::json(&Document {
            format_version: super::FORMAT_VERSION,
            status: Status::Stopped,
            host: host.to_string(),
            journal: journal.display().to_string(),
            appliance: None,
            sent: 0,
            took_effect: 0,
            would_send: Vec::new(),
            fetched: Vec::new(),
            still_different: None,
            errors: vec![one_line(&super::error::error_text(error))],
        })
    })
}

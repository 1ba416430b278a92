//! `track`'s report: its notes for standard error, then text or JSON.

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use crate::base::message::Message;
use crate::base::text::{sanitize as one_line, terminal_safe};
use crate::commands::commit::{FileChange, Masked, Stored, Summary};
use crate::commands::track::{Failure, Report};
use crate::fetch::Committed;
use crate::message;
use crate::model::update_log::UpdateRun;

use super::message::words_as_given;
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
    pub update_logs: Vec<super::update_log::RunDocument<'a>>,
    /// Secrets the appliances stored hold: written masked, so never compared; one that
    /// changed since the last run counts as unchanged.
    pub secrets_not_compared: usize,
    /// With `--commit`: the commit made; null: nothing changed. Absent: no commit asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<Option<CommitDocument<'a>>>,
}

/// The commit `track --commit` made.
#[derive(Serialize, schemars::JsonSchema)]
pub struct CommitDocument<'a> {
    /// The commit's subject line.
    pub subject: &'a str,
    /// The whole message: the subject, a blank line, and a line per appliance.
    pub message: &'a str,
    /// Each file committed, as git names its change (`A mirapoint-mos/rg01.ron`).
    pub files: &'a [String],
}

/// The report as JSON, with what `--commit` did (`None`: no commit asked for).
pub fn json(report: &Report, committed: Option<&Committed>) -> String {
    super::message::for_machines(|| {
        let mut document = document(report);
        document.commit = committed.map(|c| {
            (!c.message.is_empty()).then(|| CommitDocument {
                subject: c.message.lines().next().unwrap_or(""),
                message: &c.message,
                files: &c.files,
            })
        });
        super::json(&document)
    })
}

/// The report as the JSON document's value, without a commit.
pub(crate) fn document(report: &Report) -> Document<'_> {
    let notes = |list: &[(std::path::PathBuf, Message)]| {
        list.iter()
            .map(|(path, why)| PathNote {
                path: path.display().to_string(),
                why: words_as_given(why),
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
        update_logs: report
            .update_logs
            .iter()
            .map(super::update_log::RunDocument::of)
            .collect(),
        secrets_not_compared: report.masked.secrets,
        commit: None,
    }
}

/// The captures skipped, one line each, for standard error (notes: `-q` says none).
pub fn skipped(report: &Report) -> String {
    let mut out = String::new();
    for (path, why) in &report.skipped {
        let why = one_line(&words_as_given(why));
        let note = message!("track-note-skipped", path = shown(path), why = why);
        let _ = writeln!(out, "{}", words_as_given(&note));
    }
    out
}

/// The captures that failed, one line each, for standard error (errors: said under `-q` too).
pub fn failures(report: &Report) -> String {
    let mut out = String::new();
    for (path, why) in &report.failures {
        let why = one_line(&failure(why));
        let note = message!("track-note-failed", path = shown(path), why = why);
        let _ = writeln!(out, "{}", words_as_given(&note));
    }
    out
}

/// Why a file was not tracked, in words; each output escapes them its own way.
fn failure(why: &Failure) -> String {
    match why {
        Failure::Error(e) => super::error::error_text(e),
        Failure::Said(said) => super::report::said(said),
    }
}

/// A path, on one line: a file name may hold line breaks.
fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// `wrote` lines, update logs, and the summary last, where a long run leaves it in view. Each
/// text is made safe for the terminal before it fills its message.
pub fn human(report: &Report, quiet: bool) -> String {
    let mut out = String::new();
    if !quiet {
        for path in &report.written {
            let wrote = message!("track-wrote", path = shown(path));
            let _ = writeln!(out, "{}", words_as_given(&wrote));
        }
    }
    for run in &report.update_logs {
        let _ = writeln!(out, "{}", update_log(run));
    }
    let _ = writeln!(out, "{}", words_as_given(&summary(report)));
    out
}

/// The summary line; where the appliances stored hold secrets, it says they were not
/// compared.
fn summary(report: &Report) -> Message {
    let anomalies = report
        .update_logs
        .iter()
        .filter(|r| !r.anomalies.is_empty())
        .count();
    let summary = message!(
        "track-summary",
        appliances = report.appliances,
        files = report.files,
        written = report.written.len(),
        unchanged = report.unchanged,
        unrecognized = report.unrecognized,
        skipped = report.skipped.len(),
        logs = report.update_logs.len(),
        anomalies = anomalies,
        failed = report.failures.len()
    );
    match report.masked {
        Masked { secrets: 0, .. } => summary,
        Masked {
            secrets,
            appliances,
        } => message!(
            "track-summary-secrets",
            summary = summary,
            secrets = secrets,
            holding = appliances
        ),
    }
}

/// An update log's line: where it went from and to, and whether it completed.
fn update_log(run: &UpdateRun) -> String {
    let state = if run.anomalies.is_empty() {
        message!("track-update-completed")
    } else {
        let said: Vec<String> = run.anomalies.iter().map(words_as_given).collect();
        message!("track-update-anomaly", anomalies = said.join("; "))
    };
    let line = message!(
        "track-update-log",
        path = one_line(&run.path),
        from = terminal_safe(run.from.as_deref().unwrap_or("?")).into_owned(),
        to = terminal_safe(run.to.as_deref().unwrap_or("?")).into_owned(),
        state = terminal_safe(&words_as_given(&state)).into_owned()
    );
    words_as_given(&line)
}

/// The message of a commit `track --commit` or `fetch --commit` makes: a subject line, then a
/// line per appliance counting what was added, removed and changed. A machine file: in the
/// stored language.
pub fn commit_message(summary: &Summary) -> String {
    super::message::for_machines(|| {
        let body: Vec<String> = summary
            .stored
            .iter()
            .map(|s| words_as_given(&body_line(s, summary.format_version)))
            .collect();
        let mut message = format!(
            "{}\n\n{}\n",
            words_as_given(&subject(summary)),
            body.join("\n")
        );
        if let Some(masked) = not_compared(summary.masked) {
            message = format!("{message}\n{}\n", words_as_given(&masked));
        }
        message
    })
}

/// What a commit's message says of the secrets of the appliances stored, if they hold any:
/// that they were not compared.
fn not_compared(masked: Masked) -> Option<Message> {
    (masked.secrets > 0).then(|| {
        message!(
            "git-body-secrets",
            secrets = masked.secrets,
            holding = masked.appliances
        )
    })
}

/// The subject: the one appliance and what happened to it, or how many changed; a rewrite in
/// a new format that changed no configuration says so alone.
fn subject(summary: &Summary) -> Message {
    let command = summary.command;
    let format_only = summary
        .stored
        .iter()
        .all(|s| matches!(s.change, FileChange::FormatOnly { .. }));
    match summary.stored.as_slice() {
        _ if format_only => message!(
            "git-subject-format",
            command = command,
            version = summary.format_version
        ),
        [one] if one.change == FileChange::New => {
            message!(
                "git-subject-new",
                command = command,
                appliance = &one.appliance
            )
        }
        [one] => message!(
            "git-subject-changed",
            command = command,
            appliance = &one.appliance
        ),
        many => {
            let names: Vec<&str> = many.iter().map(|s| s.appliance.as_str()).collect();
            message!(
                "git-subject-many",
                command = command,
                count = many.len(),
                appliances = names.join(", ")
            )
        }
    }
}

/// One appliance's line of the body.
fn body_line(stored: &Stored, version: u32) -> Message {
    let appliance = &stored.appliance;
    let counts = match &stored.change {
        FileChange::New => message!("git-body-new", appliance = appliance),
        FileChange::Changed(c) if c.not_captured > 0 && c.newly_captured > 0 => message!(
            "git-body-counts-both",
            appliance = appliance,
            added = c.added,
            removed = c.removed,
            changed = c.changed,
            not_captured = c.not_captured,
            newly_captured = c.newly_captured
        ),
        FileChange::Changed(c) if c.not_captured > 0 => message!(
            "git-body-counts-not-captured",
            appliance = appliance,
            added = c.added,
            removed = c.removed,
            changed = c.changed,
            not_captured = c.not_captured
        ),
        FileChange::Changed(c) if c.newly_captured > 0 => message!(
            "git-body-counts-newly-captured",
            appliance = appliance,
            added = c.added,
            removed = c.removed,
            changed = c.changed,
            newly_captured = c.newly_captured
        ),
        FileChange::Changed(c) => message!(
            "git-body-counts",
            appliance = appliance,
            added = c.added,
            removed = c.removed,
            changed = c.changed
        ),
        FileChange::FormatOnly { from } => message!(
            "git-body-format",
            appliance = appliance,
            from = *from,
            to = version
        ),
        FileChange::Unknown => message!("git-body-unknown", appliance = appliance),
        FileChange::Deleted => message!("git-body-deleted", appliance = appliance),
    };
    match &stored.change {
        FileChange::Changed(c) if c.earlier > 0 => {
            let since: Vec<String> = c
                .since
                .iter()
                .map(|s| format!("{} {}", s.commit, s.date))
                .collect();
            message!(
                "git-body-since",
                counts = counts,
                earlier = c.earlier,
                since = since.join(", ")
            )
        }
        _ => counts,
    }
}

/// What `--commit` did, for the report: the commit's subject, or that nothing changed; where
/// the appliances stored hold secrets, that nothing changed that track compares.
pub fn committed(committed: &Committed, masked: Masked) -> String {
    let line = match committed.message.lines().next() {
        Some(subject) => message!("git-committed", subject = one_line(subject)),
        None if masked.secrets > 0 => message!("git-nothing-committed-secrets"),
        None => message!("git-nothing-committed"),
    };
    format!("{}\n", words_as_given(&line))
}

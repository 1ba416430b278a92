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

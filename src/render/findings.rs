//! Findings of `gaps` and `plan` as human text, Markdown or JSON (GitHub annotations and SARIF
//! in [`super::github`] and [`super::sarif`]).

use std::fmt::Write;

use crate::message;
use crate::ops::Status;

use super::message::words;
use super::report::{lines, Finding};
use super::width::{pad_to, widest};

pub use super::report::Heading;

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Plain text for a terminal: a title line, then one block per finding.
    Human,
    /// Markdown, to paste into a ticket or a change request.
    Markdown,
    /// JSON with a `format_version`, for scripts.
    Json,
    /// GitHub Actions workflow commands: one annotation per finding and capture line.
    Github,
    /// A SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.
    Sarif,
}

fn terminal_text(text: String) -> String {
    crate::base::text::terminal_safe(&text).into_owned()
}

fn status_word(f: &Finding) -> &'static str {
    match f.status {
        Status::Found => match f.severity {
            crate::knowledge::Severity::Error => "error",
            crate::knowledge::Severity::Warning => "warning",
            crate::knowledge::Severity::Info => "info",
        },
        Status::NotCaptured => "not captured",
        Status::Ok => "ok",
        Status::Confirmed => "confirmed",
    }
}

/// A `gaps` or `plan` report in the format asked for.
pub fn report(report: &crate::commands::findings::Report, format: ReportFormat) -> String {
    let heading = Heading {
        command: report.kind.name(),
        appliance: report.appliance.as_deref(),
        from: report.from.as_deref(),
        to: &report.to,
        blocking: report.blocking.as_deref(),
    };
    findings(&heading, &report.findings, format)
}

/// Renders findings.
pub fn findings(
    heading: &Heading<'_>,
    findings: &[crate::ops::Finding],
    format: ReportFormat,
) -> String {
    // People read the human and Markdown forms; machines and CI read the rest.
    match format {
        ReportFormat::Human | ReportFormat::Markdown => findings_as(heading, findings, format),
        _ => super::message::for_machines(|| findings_as(heading, findings, format)),
    }
}

fn findings_as(
    heading: &Heading<'_>,
    findings: &[crate::ops::Finding],
    format: ReportFormat,
) -> String {
    // Each form but JSON reads the findings in lines of words; JSON keeps them as objects.
    let flat = || findings.iter().map(lines).collect::<Vec<Finding>>();
    match format {
        ReportFormat::Json => super::findings_json::document(heading, findings),
        // Capture text reaches the terminal: its control characters are shown, never obeyed.
        ReportFormat::Human => terminal_text(human(heading, &flat())),
        ReportFormat::Markdown => terminal_text(markdown(heading, &flat())),
        ReportFormat::Github => super::github::annotations(heading, &flat()),
        ReportFormat::Sarif => super::sarif::log(heading, findings, None),
    }
}

fn title(heading: &Heading<'_>, findings: &[Finding]) -> String {
    let count = |w: &str| findings.iter().filter(|f| status_word(f) == w).count();
    let counts: Vec<String> = STATUSES
        .iter()
        .filter(|w| count(w) > 0)
        .map(|w| {
            let said = message!("findings-count", count = count(w), status = status_label(w));
            words(&said)
        })
        .collect();
    let said = message!(
        "findings-title",
        command = heading.command,
        appliance = heading
            .appliance
            .map_or_else(|| words(&message!("findings-host-unknown")), str::to_string),
        from = heading.from.map_or_else(
            || words(&message!("findings-version-unknown")),
            str::to_string
        ),
        to = heading.to,
        counts = match counts.is_empty() {
            true => words(&message!("findings-nothing-found")),
            false => counts.join(", "),
        }
    );
    super::report::said(&said)
}

/// Every status a finding can have, in the order the title counts them.
const STATUSES: [&str; 6] = [
    "error",
    "warning",
    "info",
    "not captured",
    "confirmed",
    "ok",
];

/// A status in the reader's words.
fn status_label(status: &str) -> String {
    words(&message!(
        "finding-status",
        status = status.replace(' ', "-")
    ))
}

fn human(heading: &Heading<'_>, findings: &[Finding]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", title(heading, findings));
    if let Some(blocking) = heading.blocking.filter(|b| !b.is_empty()) {
        let said = message!("findings-blocking", rules = blocking.join(", "));
        let _ = writeln!(out, "{}", super::report::said(&said));
    }
    let column = widest(
        STATUSES
            .iter()
            .map(|s| status_label(s))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    );
    for f in findings {
        let status = pad_to(&status_label(status_word(f)), column.max(12));
        let _ = writeln!(out, "\n{status} {}  {}", f.rule, f.summary);
        let paired = f.items.len() == f.evidence.len();
        let width = widest(f.items.iter().map(String::as_str)).min(60);
        for (i, item) in f.items.iter().enumerate() {
            match paired {
                true => {
                    let _ = writeln!(out, "  {}  {}", pad_to(item, width), f.evidence[i]);
                }
                false => {
                    let _ = writeln!(out, "  {item}");
                }
            }
        }
        if !paired {
            for e in &f.evidence {
                let said = message!("findings-at", evidence = e);
                let _ = writeln!(out, "  {}", super::report::said(&said));
            }
        }
        if !f.remedy.is_empty() {
            let _ = writeln!(out, "  {}", words(&message!("findings-remedy")));
            for r in &f.remedy {
                // A literal's body lines stay under their command; `restore` writes them to paste.
                let _ = writeln!(out, "    {}", r.replace('\n', "\n      "));
            }
        }
    }
    out
}

fn markdown(heading: &Heading<'_>, findings: &[Finding]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}", title(heading, findings));
    if let Some(blocking) = heading.blocking.filter(|b| !b.is_empty()) {
        let said = message!("findings-blocking-markdown", rules = blocking.join(", "));
        let _ = writeln!(out, "\n{}", super::report::said(&said));
    }
    for f in findings {
        let _ = writeln!(
            out,
            "\n### `{}` ({}): {}",
            f.rule,
            status_label(status_word(f)),
            f.summary.replace('|', "\\|")
        );
        if !f.items.is_empty() {
            let paired = f.items.len() == f.evidence.len();
            let head = words(&message!("findings-table-head"));
            let _ = writeln!(out, "\n{head}\n| --- | --- |");
            for (i, item) in f.items.iter().enumerate() {
                let at = if paired { f.evidence[i].as_str() } else { "" };
                let _ = writeln!(
                    out,
                    "| `{}` | {} |",
                    item.replace('|', "\\|").replace('`', "'"),
                    at
                );
            }
        }
        let (gui, cli): (Vec<_>, Vec<_>) = f.remedy.iter().partition(|r| r.starts_with("GUI: "));
        if !cli.is_empty() {
            let _ = writeln!(
                out,
                "\n```\n{}\n```",
                cli.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        if !gui.is_empty() {
            out.push('\n');
        }
        for step in gui {
            let _ = writeln!(out, "- {}", &step[5..]);
        }
    }
    out
}

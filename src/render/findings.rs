//! Findings of `gaps` and `plan` as human text, Markdown or JSON (GitHub annotations and SARIF
//! in [`super::github`] and [`super::sarif`]).

use std::fmt::Write;

use crate::base::text::longest_backtick_run;
use crate::knowledge::Phase;
use crate::message;
use crate::ops::{Form, Status, Step};

use super::message::words;
use super::report::{lines, Finding};
use super::style::{self, color, paint};
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
    let heading = Heading::of(report);
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
        // Each text is made safe where it is written, so that colour can go around it.
        ReportFormat::Human => human(heading, &flat()),
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
    let _ = writeln!(out, "{}", terminal_text(title(heading, findings)));
    if let Some(blocking) = heading.blocking.filter(|b| !b.is_empty()) {
        let said = message!("findings-blocking", rules = blocking.join(", "));
        let said = terminal_text(super::report::said(&said));
        let _ = writeln!(out, "{}", paint(color(), style::ERROR, &said));
    }
    let column = widest(
        STATUSES
            .iter()
            .map(|s| status_label(s))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    );
    let mut phase = None;
    for f in findings {
        if let Some(heading) = phase_heading(heading, &mut phase, f) {
            let _ = writeln!(out, "\n{}", paint(color(), style::HEADING, &heading));
        }
        let status = pad_to(&status_label(status_word(f)), column.max(12));
        let status = paint(color(), status_style(f), &status);
        let summary = terminal_text(format!("{}  {}", f.rule, f.summary));
        let _ = writeln!(out, "\n{status} {summary}");
        human_body(&mut out, f);
    }
    out
}

/// A finding's items with where each was read, and its remedy, each text made safe.
fn human_body(out: &mut String, f: &Finding) {
    let paired = f.items.len() == f.evidence.len();
    let width = widest(f.items.iter().map(String::as_str)).min(60);
    for (i, item) in f.items.iter().enumerate() {
        let line = match paired {
            true => format!("{}  {}", pad_to(item, width), f.evidence[i]),
            false => item.clone(),
        };
        let _ = writeln!(out, "  {}", terminal_text(line));
    }
    if !paired {
        for e in &f.evidence {
            let said = message!("findings-at", evidence = e);
            let _ = writeln!(out, "  {}", terminal_text(super::report::said(&said)));
        }
    }
    if !f.remedy.is_empty() {
        let _ = writeln!(out, "  {}", words(&message!("findings-remedy")));
        for r in &f.remedy {
            // A literal's body lines stay under their command; `restore` writes them to paste.
            let _ = writeln!(out, "    {}", terminal_text(r.replace('\n', "\n      ")));
        }
    }
}

/// The colour of a finding's status.
fn status_style(f: &Finding) -> anstyle::Style {
    match status_word(f) {
        "error" => style::ERROR,
        "warning" => style::WARNING,
        "info" => style::INFO,
        "not captured" => style::NOT_CAPTURED,
        _ => style::OK,
    }
}

fn markdown(heading: &Heading<'_>, findings: &[Finding]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}", title(heading, findings));
    if let Some(blocking) = heading.blocking.filter(|b| !b.is_empty()) {
        let said = message!("findings-blocking-markdown", rules = blocking.join(", "));
        let _ = writeln!(out, "\n{}", super::report::said(&said));
    }
    let mut phase = None;
    for f in findings {
        if let Some(heading) = phase_heading(heading, &mut phase, f) {
            let _ = writeln!(out, "\n## {heading}");
        }
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
                let cell = crate::base::text::code_span(item).replace('|', "\\|");
                let _ = writeln!(out, "| {cell} | {at} |");
            }
        }
        markdown_steps(&mut out, &f.steps);
    }
    out
}

/// The heading of the phase a plan's finding starts, when it starts one: a plan is read in the
/// order of work, before, during and after the upgrade.
fn phase_heading(
    heading: &Heading<'_>,
    current: &mut Option<Phase>,
    f: &Finding,
) -> Option<String> {
    let phase = f.phase.filter(|_| heading.command == "plan")?;
    if *current == Some(phase) {
        return None;
    }
    *current = Some(phase);
    let name = match phase {
        Phase::Before => "before",
        Phase::During => "during",
        Phase::After => "after",
    };
    Some(words(&message!("plan-phase", phase = name)))
}

/// A remedy in Markdown: each step a checklist item; the commands typed on this appliance in a
/// code block that holds only what is typed, any note as a `#` line above its command. Commands
/// right after a step by hand are part of its item ("if it is not installed, install it:"),
/// so a condition is never ticked apart from what it governs.
fn markdown_steps(out: &mut String, steps: &[Step]) {
    if !steps.is_empty() {
        out.push('\n');
    }
    let mut block: Vec<String> = Vec::new();
    let mut under_item = false;
    let mut conditioned = false;
    for step in steps {
        match step {
            Step::Command {
                command,
                form,
                note,
                only_if,
            } => {
                // A command under a condition is one item: the condition, its code under it.
                if let Some(condition) = only_if {
                    code_block(out, &mut block, under_item);
                    let condition = message!(
                        "step-only-if",
                        condition = super::report::text_words(condition)
                    );
                    let said = super::report::said(&condition);
                    let _ = writeln!(out, "- [ ] {}", said.replace('\n', " "));
                    under_item = true;
                } else if conditioned {
                    // A command under no condition is no part of the condition's item.
                    code_block(out, &mut block, under_item);
                    under_item = false;
                }
                conditioned = only_if.is_some();
                if let Some(note) = note {
                    block.push(format!("# {}", super::report::text_words(note)));
                }
                if *form == Form::Inferred {
                    block.push(format!(
                        "# {}",
                        super::report::said(&message!("step-form-inferred"))
                    ));
                }
                block.push(command.clone());
            }
            other => {
                code_block(out, &mut block, under_item);
                let said = super::report::said(&super::report::step_message(other));
                let _ = writeln!(out, "- [ ] {}", said.replace('\n', " "));
                // Only a step by hand leads into commands; another kind (a console page, a
                // command elsewhere) is a step of its own.
                under_item = matches!(other, Step::Check { .. });
                conditioned = false;
            }
        }
    }
    code_block(out, &mut block, under_item);
}

/// The commands gathered so far, as one checklist item with its code block, or as the code
/// block of the item just written (`under_item`); then none.
fn code_block(out: &mut String, block: &mut Vec<String>, under_item: bool) {
    if block.is_empty() {
        return;
    }
    if !under_item {
        let title = words(&message!("step-type-on-this-appliance"));
        let _ = writeln!(out, "- [ ] {title}");
    }
    // A fence longer than any run of backticks in the commands, so none closes it early.
    let longest = block.iter().map(|l| longest_backtick_run(l)).max();
    let fence = "`".repeat(longest.unwrap_or(0).max(2) + 1);
    let _ = writeln!(out, "\n  {fence}");
    for line in block.drain(..) {
        for part in line.split('\n') {
            let _ = writeln!(out, "  {part}");
        }
    }
    let _ = writeln!(out, "  {fence}");
}

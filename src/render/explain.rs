//! The explained diff in words: each difference's label and rule (`diff --explain`), in every
//! format. Human text and Markdown add a label to [`super::diff`]'s lines; JSON carries the
//! label beside each difference; SARIF and GitHub give one result per difference and per item
//! not compared, the label and rule id in each.

use std::fmt::Write;

use serde::Serialize;

use crate::base::message::Message;
use crate::ops::diff::{Difference, NotCompared, Side};
use crate::ops::explain::{Acceptance, Explained, Explanation, Label, Why};
use crate::ops::proof::{Left, Proof, Remaining};

use super::message::{for_machines, words};
use super::FORMAT_VERSION;

/// The rule id of an item one side did not look at.
const NOT_COMPARED_RULE: &str = "carryover-not-compared";

/// A label's word.
pub(crate) fn label_message(label: Label) -> Message {
    match label {
        Label::Expected => crate::message!("explain-label-expected"),
        Label::Applied => crate::message!("explain-label-applied"),
        Label::Lost => crate::message!("explain-label-lost"),
        Label::Unexplained => crate::message!("explain-label-unexplained"),
        Label::Accepted => crate::message!("explain-label-accepted"),
    }
}

fn why_message(why: Why) -> Message {
    match why {
        Why::Version => crate::message!("explain-why-version"),
        Why::Package => crate::message!("explain-why-package"),
        Why::Patch => crate::message!("explain-why-patch"),
        Why::Remedy => crate::message!("explain-why-remedy"),
        Why::NewSetting => crate::message!("explain-why-new-setting"),
        Why::KnownLoss => crate::message!("explain-why-known-loss"),
        Why::NoRule => crate::message!("explain-why-no-rule"),
    }
}

/// One difference's label as a message: `applied MOS-4.2.3-KI-5: ...`, or the user's reason
/// and what the difference was before it was accepted.
pub fn line(e: &Explanation) -> Message {
    match (&e.accepted, e.was) {
        (Some(accepted), Some(was)) => crate::message!(
            "explain-line-accepted",
            target = accepted.target.as_str(),
            reason = accepted.reason.as_str(),
            was = label_message(was),
            rule = e.rule.as_str(),
            why = why_message(e.why)
        ),
        _ => crate::message!(
            "explain-line",
            label = label_message(e.label),
            rule = e.rule.as_str(),
            why = why_message(e.why)
        ),
    }
}

/// The rule and why, for a table's cell beside the label: `MOS-4.2.3-KI-5: ...`, or the
/// user's reason for an accepted difference.
pub fn rule_cell(e: &Explanation) -> Message {
    match (&e.accepted, e.was) {
        (Some(accepted), Some(was)) => crate::message!(
            "explain-cell-accepted",
            rule = e.rule.as_str(),
            reason = accepted.reason.as_str(),
            target = accepted.target.as_str(),
            was = label_message(was)
        ),
        _ => crate::message!(
            "explain-cell",
            rule = e.rule.as_str(),
            why = why_message(e.why)
        ),
    }
}

/// The label of a difference, for a terminal: on one line, capture text and reasons made safe.
pub fn label_text(e: &Explanation) -> String {
    words(&line(e))
}

/// The counts per label, then whether anything remains to be done.
pub fn summary(explained: &Explained) -> String {
    let [expected, applied, lost, unexplained, accepted] = explained.counts();
    let counts = crate::message!(
        "explain-summary",
        expected = expected,
        applied = applied,
        lost = lost,
        unexplained = unexplained,
        accepted = accepted
    );
    let verdict = if explained.settled() {
        crate::message!("explain-settled")
    } else {
        crate::message!("explain-unsettled")
    };
    format!("{}\n{}\n", words(&counts), words(&verdict))
}

/// The acceptances that matched no difference, for standard error.
pub fn unused(explained: &Explained) -> String {
    explained
        .unused
        .iter()
        .map(|a| {
            let said = crate::message!("explain-accept-unused", target = a.target.as_str());
            let warning = super::report::said(&said);
            super::notice::line(&crate::message!("cli-warning", warning = warning))
        })
        .collect()
}

/// One labelled difference in JSON.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct LabelledDifference<'a> {
    #[serde(flatten)]
    difference: &'a Difference,
    #[serde(flatten)]
    explanation: &'a Explanation,
}

/// How many differences carry each label.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct LabelCounts {
    /// The release changes them.
    expected: usize,
    /// What the plan told the admin to do.
    applied: usize,
    /// A known issue predicts the loss.
    lost: usize,
    /// No rule covers them.
    unexplained: usize,
    /// The user accepted them.
    accepted: usize,
    /// Items one side did not look at.
    not_compared: usize,
    /// Items the other side's version does not have.
    not_on_version: usize,
}

/// `diff --explain --format json`.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Document<'a> {
    /// The version of this document's shape.
    format_version: u32,
    /// Whether every difference is expected, applied or accepted, and everything was compared
    /// (the exit status 0).
    settled: bool,
    /// How many of each.
    summary: LabelCounts,
    /// The differences, in path order, each with its label and rule.
    changes: Vec<LabelledDifference<'a>>,
    /// Items one side holds where the other did not look.
    not_compared: &'a [NotCompared],
    /// Items one side holds that the other side's version does not have.
    not_on_version: &'a [NotCompared],
    /// Acceptances that matched no difference.
    unused_accepts: &'a [Acceptance],
}

/// The explained diff as a document.
fn document(explained: &Explained) -> Document<'_> {
    let comparison = &explained.comparison;
    Document {
        format_version: FORMAT_VERSION,
        settled: explained.settled(),
        summary: label_counts(explained),
        changes: explained
            .each()
            .map(|(difference, explanation)| LabelledDifference {
                difference,
                explanation,
            })
            .collect(),
        not_compared: &comparison.not_compared,
        not_on_version: &comparison.not_on_version,
        unused_accepts: &explained.unused,
    }
}

/// The explained diff as JSON.
pub fn json(explained: &Explained) -> String {
    for_machines(|| super::json(&document(explained)))
}

/// `restore --check --format json`.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ProofDocument<'a> {
    /// The version of this document's shape.
    format_version: u32,
    /// Whether only expected, applied or accepted differences would remain, and everything
    /// was compared (the exit status 0).
    holds: bool,
    /// How many of the script's items were applied to the post-upgrade capture.
    applied: usize,
    /// What would still differ, or stay not compared, once the script has run, and why.
    remaining: Vec<Remaining>,
    /// The explained diff of the pre-upgrade capture against the post-upgrade capture with
    /// the script applied, as `diff --explain --format json` writes it.
    explained: Document<'a>,
}

/// The proof as JSON.
pub fn proof_json(proof: &Proof) -> String {
    for_machines(|| {
        super::json(&ProofDocument {
            format_version: FORMAT_VERSION,
            holds: proof.holds(),
            applied: proof.applied,
            remaining: proof.remaining(),
            explained: document(&proof.explained),
        })
    })
}

pub(crate) fn label_counts(explained: &Explained) -> LabelCounts {
    let [expected, applied, lost, unexplained, accepted] = explained.counts();
    let comparison = &explained.comparison;
    LabelCounts {
        expected,
        applied,
        lost,
        unexplained,
        accepted,
        not_compared: comparison.not_compared.len(),
        not_on_version: comparison.not_on_version.len(),
    }
}

/// One result of the SARIF log or one annotation: a level, a rule, a message and a place.
struct Finding {
    level: &'static str,
    rule: String,
    label: &'static str,
    message: String,
    at: Option<(String, u32)>,
    path: String,
    accepted: Option<String>,
}

/// `path:line` as a file and a line.
fn place(at: Option<&str>) -> Option<(String, u32)> {
    let (file, line) = at?.rsplit_once(':')?;
    Some((file.to_string(), line.parse().ok()?))
}

fn label_name(label: Label) -> &'static str {
    match label {
        Label::Expected => "expected",
        Label::Applied => "applied",
        Label::Lost => "lost",
        Label::Unexplained => "unexplained",
        Label::Accepted => "accepted",
    }
}

/// Every difference and every item not compared, as results, in the stored language.
fn findings(explained: &Explained) -> Vec<Finding> {
    let mut out: Vec<Finding> = explained
        .each()
        .map(|(d, e)| Finding {
            level: match e.label {
                Label::Lost => "error",
                Label::Unexplained => "warning",
                _ => "note",
            },
            rule: e.rule.clone(),
            label: label_name(e.label),
            message: format!("{}: {}", d.path, super::message::words_as_given(&line(e))),
            at: place(d.new_at.as_deref().or(d.old_at.as_deref())),
            path: d.path.clone(),
            accepted: e.accepted.as_ref().map(|a| a.reason.clone()),
        })
        .collect();
    for item in &explained.comparison.not_compared {
        let side = match item.not_captured_in {
            Side::A => crate::message!("diff-side-old"),
            Side::B => crate::message!("diff-side-new"),
        };
        let said = crate::message!("explain-not-compared", side = side);
        out.push(Finding {
            level: "warning",
            rule: NOT_COMPARED_RULE.to_string(),
            label: "not-compared",
            message: format!("{}: {}", item.path, super::message::words_as_given(&said)),
            at: place(Some(&item.at)),
            path: item.path.clone(),
            accepted: None,
        });
    }
    out
}

/// The explained diff as a SARIF 2.1.0 log: one result per difference and per item not
/// compared, its rule the label's rule, its properties the label, the item path and an
/// accepted difference's reason.
pub fn sarif(explained: &Explained) -> String {
    for_machines(|| {
        let found = findings(explained);
        let mut rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
        rules.sort_unstable();
        rules.dedup();
        let results: Vec<serde_json::Value> = found
            .iter()
            .map(|f| {
                let mut result = serde_json::json!({
                    "ruleId": f.rule,
                    "ruleIndex": rules.iter().position(|r| *r == f.rule),
                    "level": f.level,
                    "message": {"text": f.message},
                    "properties": {"label": f.label, "path": f.path},
                });
                if let Some((file, line)) = &f.at {
                    result["locations"] = serde_json::json!([{"physicalLocation": {
                        "artifactLocation": {"uri": super::sarif::artifact_uri(file)},
                        "region": {"startLine": line}
                    }}]);
                }
                if let Some(reason) = &f.accepted {
                    result["properties"]["accepted"] = reason.as_str().into();
                }
                result
            })
            .collect();
        let log = serde_json::json!({
            "$schema": super::sarif::SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "carryover",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(|r| serde_json::json!({"id": r})).collect::<Vec<_>>(),
                }},
                "automationDetails": {"id": "carryover/diff/"},
                "results": results,
            }]
        });
        super::json(&log)
    })
}

/// The explained diff as GitHub Actions workflow commands: lost `::error`, unexplained and not
/// compared `::warning`, the others `::notice`; the title is the rule id.
pub fn github(explained: &Explained) -> String {
    use super::github::{escape_data, escape_property};
    for_machines(|| {
        let mut out = String::new();
        for f in findings(explained) {
            let command = match f.level {
                "error" => "error",
                "warning" => "warning",
                _ => "notice",
            };
            let file = f.at.as_ref().map_or(String::new(), |(file, line)| {
                format!("file={},line={line},", escape_property(file))
            });
            let message = &f.message;
            let _ = writeln!(
                out,
                "::{command} {file}title={}::{}",
                escape_property(&f.rule),
                escape_data(message)
            );
        }
        out
    })
}

/// Why the script leaves an item, as a message.
pub(crate) fn left_message(left: Left) -> Message {
    match left {
        Left::ByHand => crate::message!("explain-left-by-hand"),
        Left::SecretLeftOut => crate::message!("explain-left-secret"),
        Left::NoCommand => crate::message!("explain-left-no-command"),
        Left::Unwritable => crate::message!("explain-left-unwritable"),
        Left::NotCaptured => crate::message!("explain-left-not-captured"),
        Left::NotCapturedBefore => crate::message!("explain-left-not-captured-before"),
        Left::NotRestored => crate::message!("explain-left-not-restored"),
    }
}

/// An item that would still differ, and why.
pub(crate) fn remaining_message(r: &Remaining) -> Message {
    crate::message!(
        "explain-proof-item",
        path = r.path.as_str(),
        why = left_message(r.left)
    )
}

/// The runbook's section of the proof, in Markdown: the counts per label, the verdict, and
/// what would still differ and why.
pub fn proof_markdown(proof: &Proof) -> String {
    let heading = words(&crate::message!("explain-proof-heading"));
    let mut out = format!("## {heading}\n\n");
    let title = crate::message!("explain-proof-title", applied = proof.applied);
    let _ = writeln!(out, "{}\n", words(&title));
    for line in summary(&proof.explained).lines() {
        let _ = writeln!(out, "{line}\n");
    }
    let remaining = proof.remaining();
    if remaining.is_empty() {
        let none = words(&crate::message!("explain-proof-none-remaining"));
        let _ = writeln!(out, "{none}\n");
        return out;
    }
    let heading = crate::message!("explain-proof-remaining", count = remaining.len());
    let _ = writeln!(out, "{}\n", words(&heading));
    for r in &remaining {
        // An item path is capture text: one code span, whatever it holds.
        let said = crate::message!(
            "explain-proof-item",
            path = crate::base::text::code_span(&r.path),
            why = left_message(r.left)
        );
        let _ = writeln!(out, "- [ ] {}", super::message::words_as_given(&said));
    }
    out.push('\n');
    out
}

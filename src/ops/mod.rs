//! Operations on models: pure functions of models and the knowledge base, rendered elsewhere.

pub mod capture_plan;
pub mod diff;
pub mod evaluate;
pub mod gaps;
pub mod plan;
pub mod restore;
pub mod update_logs;

use serde::Serialize;

use crate::knowledge::Severity;

/// Whether a finding is about something captured, something missing from the captures, or
/// something checked and fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The rule applies to what the captures hold.
    Found,
    /// The captures do not hold the fact the rule needs; the remedy says how to capture it.
    NotCaptured,
    /// Checked and fine.
    Ok,
    /// No capture shows it, and the operator said it holds (`plan --confirm ID`): confirmed by
    /// a person, never checked by carryover.
    Confirmed,
}

/// One thing a rule says about the captures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// The knowledge-base id (`MOS-4.2.3-KI-6`), or `carryover-...` for carryover's own checks.
    pub rule: String,
    /// How much it matters: the rule's severity when it applies, info otherwise.
    pub severity: Severity,
    /// Whether it is about something captured, missing from the captures, or fine.
    pub status: Status,
    /// One line that says what was found.
    pub summary: String,
    /// The settings, entries or messages concerned.
    pub items: Vec<String>,
    /// `path:line` where each item was read.
    pub evidence: Vec<String>,
    /// Commands to run (as they are) and steps to take (`GUI: ...`).
    pub remedy: Vec<String>,
}

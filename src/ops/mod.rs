//! Operations on models: pure functions of models and the knowledge base, rendered elsewhere.

pub mod capture_plan;
pub mod diff;
pub mod evaluate;
pub mod explain;
pub mod gaps;
pub mod plan;
pub mod proof;
pub mod restore;
pub mod update_logs;

use serde::Serialize;

use crate::base::message::Message;
use crate::knowledge::Severity;
use crate::model::{Config, Origin};

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

/// One thing a rule says about the captures: typed data, worded by `render`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The knowledge-base id (`MOS-4.2.3-KI-6`), or `carryover-...` for carryover's own checks.
    pub rule: String,
    /// How much it matters: the rule's severity when it applies, info otherwise.
    pub severity: Severity,
    /// Whether it is about something captured, missing from the captures, or fine.
    pub status: Status,
    /// What was found, in one line: a message, then the further clauses of [`Finding::also`].
    pub summary: Message,
    /// Clauses that qualify the summary (why a rule applies beyond its note, what blocks),
    /// each worded to follow it on the same line.
    pub also: Vec<Message>,
    /// The settings, entries or messages concerned, each with where it was read.
    pub items: Vec<Item>,
    /// Where the finding as a whole was read, when it names no item (a setting checked fine).
    pub at: Vec<Evidence>,
    /// What to do: commands to run and steps to take.
    pub remedy: Vec<Step>,
    /// When in the upgrade its work is done (the rule's phase); `None`: no rule gives one.
    pub phase: Option<crate::knowledge::Phase>,
}

impl Finding {
    /// A finding of `rule` with a summary and nothing else yet.
    pub fn new(
        rule: impl Into<String>,
        severity: Severity,
        status: Status,
        summary: Message,
    ) -> Self {
        Finding {
            rule: rule.into(),
            severity,
            status,
            summary,
            also: Vec::new(),
            items: Vec::new(),
            at: Vec::new(),
            remedy: Vec::new(),
            phase: None,
        }
    }

    /// Every place the finding cites: its items' places in order, then its own.
    pub fn evidence(&self) -> impl Iterator<Item = &Evidence> {
        self.items
            .iter()
            .filter_map(|i| i.evidence.as_ref())
            .chain(&self.at)
    }
}

/// Where something was read: a capture file as the report names it, and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct Evidence {
    /// The capture file; `?` when the source is not known.
    pub path: String,
    /// The line; 0: the file as a whole.
    pub line: u32,
}

impl Evidence {
    /// Where `at` of `config` was read.
    pub fn of(config: &Config, at: Origin) -> Evidence {
        Evidence {
            path: config
                .sources
                .get(at.source as usize)
                .map_or_else(|| "?".to_string(), |p| p.info.path.to_string()),
            line: at.line,
        }
    }
}

impl std::fmt::Display for Evidence {
    /// `path:line`, as evidence has always been written.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

/// One setting, entry or message a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The scope it belongs to (a domain, `system`, a trusted-host group), where it has one.
    pub scope: Option<String>,
    /// The setting's name (`smtp.fastpath`, an item path), where the item is a named value.
    pub name: Option<String>,
    /// The item itself as the captures show it: a setting's value (`off`), an address.
    pub value: String,
    /// What carryover adds about it (`key captured`), shown after it in parentheses.
    pub note: Option<Message>,
    /// Where it was read; `None`: no capture line holds it.
    pub evidence: Option<Evidence>,
}

impl Item {
    /// An item without a scope, read at `evidence`.
    pub fn at(value: impl Into<String>, evidence: Evidence) -> Item {
        Item {
            scope: None,
            name: None,
            value: value.into(),
            note: None,
            evidence: Some(evidence),
        }
    }

    /// A named value (a setting) without a scope, read at `evidence`.
    pub fn setting(name: impl Into<String>, value: impl Into<String>, evidence: Evidence) -> Item {
        Item {
            name: Some(name.into()),
            ..Item::at(value, evidence)
        }
    }

    /// The item in `scope`.
    pub fn within(mut self, scope: impl Into<String>) -> Item {
        self.scope = Some(scope.into());
        self
    }

    /// `name = value`, or the value alone: the item as one line of text shows it.
    pub fn named_value(&self) -> String {
        match &self.name {
            Some(name) => format!("{name} = {}", self.value),
            None => self.value.clone(),
        }
    }

    /// An item of a scope, read at `evidence`.
    pub fn scoped(scope: impl Into<String>, value: impl Into<String>, evidence: Evidence) -> Item {
        Item {
            scope: Some(scope.into()),
            ..Item::at(value, evidence)
        }
    }

    /// The item with carryover's note on it.
    pub fn noted(mut self, note: Message) -> Item {
        self.note = Some(note);
        self
    }
}

pub use crate::knowledge::{Form, Step, Text};

//! `restore --check`: what the appliance will hold once the restore script has run, proved in
//! memory before anything is sent. The script's items are applied to the post-upgrade model
//! as the reader applies a capture's writes ([`Config::apply`]), and the result is compared
//! with the pre-upgrade model as `diff --explain` compares. Whatever would still differ, or
//! stay not compared, is listed with why the script leaves it: a step by hand, a secret left
//! out, no known command, a value the script cannot carry, or a range not captured.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::emit::{one_command, Command, Dialect};
use crate::model::{Change, Config, Origin, Provenance, SourceKind, TrustedHost, Value, SYSTEM};
use crate::source::SourceInfo;
use crate::vendors::{RestoreScript, Vendor};

use super::diff::Side;
use super::explain::{explained_diff, Explained};
use super::restore::{One, Plan, Restore, Step};

/// Why the script leaves an item different.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Left {
    /// The runbook's step by hand does it.
    ByHand,
    /// A secret, left out of the script without `--show-secrets`.
    SecretLeftOut,
    /// The vendor has no command that writes it.
    NoCommand,
    /// A value the script cannot carry (a character its encoding lacks, a control character).
    Unwritable,
    /// The post-upgrade capture did not look at its range: nothing says what it holds.
    NotCaptured,
    /// The pre-upgrade capture did not look at its range: nothing says what it held.
    NotCapturedBefore,
    /// Nothing the restore plans touches it.
    NotRestored,
}

/// One item that would still differ, or stay not compared, once the script has run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Remaining {
    /// The item path.
    pub path: String,
    /// Why the script leaves it.
    pub left: Left,
}

/// What the appliance will hold once the script has run, against the pre-upgrade capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    /// The explained diff from the pre-upgrade model to the post-upgrade one with the script
    /// applied.
    pub explained: Explained,
    /// Why the script leaves each item it does not write, by item path.
    pub left: BTreeMap<String, Left>,
    /// How many of the script's items were applied.
    pub applied: usize,
}

impl Proof {
    /// Whether only expected, applied or accepted differences remain, and everything was
    /// compared.
    pub fn holds(&self) -> bool {
        self.explained.settled()
    }

    /// Each difference not expected, applied or accepted, and each item not compared, with
    /// why the script leaves it.
    pub fn remaining(&self) -> Vec<Remaining> {
        remaining(&self.explained, &self.left)
    }
}

/// The script planned from `pre` against `post`, in the vendor's `dialect`, proved: applied to
/// `post` in memory, then compared with `pre`.
pub fn prove(
    pre: &Config,
    post: &Config,
    plan: &Plan,
    (vendor, writer, dialect): (&dyn Vendor, &dyn RestoreScript, &dyn Dialect),
) -> Proof {
    let mut after = post.clone();
    let source = after.sources.len() as u32;
    after.sources.push(Provenance {
        kind: SourceKind::CliLog,
        info: script_source(),
    });
    let mut left: BTreeMap<String, Left> = BTreeMap::new();
    let mut applied = 0;
    for (scope, items) in &plan.scopes {
        // As the script writer enters a scope: no command needed (a SpamTitan domain's calls
        // name it) is entered; a command is, when the script can carry it.
        let entered = scope == SYSTEM
            || writer
                .enter_scope(scope)
                .is_none_or(|c| one_command(dialect, &c).is_ok());
        for one in items.iter().flat_map(|(_, item)| item.each()) {
            let command = one.command(writer, scope);
            let written = entered && writes(command.as_ref(), dialect);
            if !written {
                let why = match command {
                    None => Left::NoCommand,
                    Some(_) => Left::Unwritable,
                };
                left.insert(one.path(scope), why);
                continue;
            }
            applied += 1;
            let at = Origin {
                source,
                line: applied as u32,
            };
            // A change the model refuses (another appliance's host) is no write of the script.
            if let Some(change) = change(scope, one) {
                let _ = after.apply(change, at);
            }
        }
    }
    for (_, step) in &plan.by_hand {
        if let Some((path, why)) = step_path(step) {
            left.entry(path).or_insert(why);
        }
    }
    Proof {
        explained: explained_diff(pre, &after, vendor, &[]),
        left,
        applied,
    }
}

/// The source the script's writes are read from, as the proof names it.
fn script_source() -> SourceInfo {
    SourceInfo {
        path: Arc::from("restore-script"),
        encoding: "utf-8".into(),
        crlf_lines: 0,
        timestamps_removed: 0,
        escapes_removed: 0,
        pagers_removed: 0,
        lines: 0,
        not_understood: 0,
    }
}

/// Whether a command exists and the script can carry it.
fn writes(command: Option<&Command>, dialect: &dyn Dialect) -> bool {
    command.is_some_and(|c| one_command(dialect, c).is_ok())
}

/// A planned item, or one entry of a list, as the change its command makes, as the reader
/// reads that command.
fn change(scope: &str, one: One<'_>) -> Option<Change> {
    let item = match one {
        One::Entry { scope, list, entry } => {
            let (scope, list, entry) = (scope.into(), list.into(), entry.into());
            return Some(Change::ListAdd { scope, list, entry });
        }
        One::Item(item) => item,
    };
    Some(match item.clone() {
        Restore::Setting { name, value } => Change::Setting {
            scope: scope.to_string(),
            name,
            value,
        },
        // A list's entries are each one change, above.
        Restore::Entries { .. } => return None,
        Restore::Message { name, text } => Change::Message {
            scope: scope.to_string(),
            name,
            value: Value::Text(text),
        },
        Restore::TrustedHost { group, host, key } => Change::TrustedHost {
            group,
            host,
            host_entry: TrustedHost {
                key: Some(key),
                elided: false,
            },
        },
    })
}

/// The item path a step by hand is about, and why the script leaves it.
fn step_path(step: &Step) -> Option<(String, Left)> {
    let setting = |scope: &str, name: &str| format!("settings/{scope}/{name}");
    Some(match step {
        Step::SecretLeftOut { scope, name } => (setting(scope, name), Left::SecretLeftOut),
        Step::NotObserved { path, .. } => (path.clone(), Left::NotCaptured),
        Step::KeyElided { group, host } | Step::KeyNotCaptured { group, host } => {
            (format!("trusted_hosts/{group}/{host}"), Left::ByHand)
        }
        Step::Console { scope, name, .. } => (setting(scope, name), Left::ByHand),
        Step::NoCommand { scope, item } => (item.path(scope), Left::NoCommand),
        Step::MessageNotCaptured { name } => {
            (format!("messages/{SYSTEM}/{name}"), Left::NotCaptured)
        }
        Step::ReapplyNotCaptured { name } | Step::SettingNotCaptured { name, .. } => {
            (setting(SYSTEM, name), Left::NotCaptured)
        }
        _ => return None,
    })
}

/// Every difference left unsettled and every item not compared, with why.
fn remaining(explained: &Explained, left: &BTreeMap<String, Left>) -> Vec<Remaining> {
    let why = |path: &str, otherwise: Left| Remaining {
        path: path.to_string(),
        left: left.get(path).copied().unwrap_or(otherwise),
    };
    let mut out: Vec<Remaining> = explained
        .each()
        .filter(|(_, e)| !e.label.settled())
        .map(|(d, _)| why(&d.path, Left::NotRestored))
        .collect();
    out.extend(
        explained
            .comparison
            .not_compared
            .iter()
            .map(|n| match n.not_captured_in {
                Side::A => why(&n.path, Left::NotCapturedBefore),
                Side::B => why(&n.path, Left::NotCaptured),
            }),
    );
    out
}

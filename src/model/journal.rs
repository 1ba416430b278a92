//! What `apply` keeps beside a restore script: the plan file `restore` writes (which script,
//! for which appliance, computed against which capture) and the journal of one apply (each
//! command sent and its answer, and what the appliance held before the first write). Both are
//! machine files: JSON, no words for people, no secret.

use serde::{Deserialize, Serialize};

/// The plan file's format name, its first field.
pub const PLAN_FORMAT: &str = "carryover-apply-plan";
/// The journal's format name, in its first record.
pub const JOURNAL_FORMAT: &str = "carryover-apply-journal";

/// What `restore` promised about the script it wrote beside this file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFile {
    /// Always [`PLAN_FORMAT`].
    pub format: String,
    /// The vendor's id (`mos`, `spamtitan`).
    pub vendor: String,
    /// The appliance the script is for, as the captures name it.
    pub appliance: Option<String>,
    /// The version the script restores onto: the appliance must run it or a later one.
    pub to: String,
    /// The SHA-256 of the script's bytes, in lowercase hex.
    pub script_sha256: String,
    /// The post-upgrade captures the script was computed against (`restore --against`),
    /// absolute; empty when it was not: apply then cannot check for drift.
    pub against: Vec<String>,
}

/// One record of a journal, one JSON object a line, appended as the apply goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Record {
    /// The first record: which script, which appliance, and what the appliance held of what
    /// the script touches before the first write (the admin-protocol transcript of that read,
    /// its secrets masked).
    Start {
        /// Always [`JOURNAL_FORMAT`].
        format: String,
        /// The SHA-256 of the script applied.
        script_sha256: String,
        /// The vendor's id.
        vendor: String,
        /// The appliance's name as it gave it.
        appliance: String,
        /// The pre-apply snapshot.
        snapshot: String,
    },
    /// A command is about to be sent: written before it goes.
    Sent {
        /// Its line in the script.
        line: u32,
        /// The command as the script shows it, data blocks as their byte count only.
        command: String,
    },
    /// The appliance's answer to the command of `line`.
    Answered {
        /// The command's line in the script.
        line: u32,
        /// Whether the appliance took it.
        ok: bool,
        /// The answer's completion, as the appliance gave it.
        answer: String,
    },
    /// A resumed apply read again what the command of `line` writes: it had taken effect
    /// although its answer was lost, so it is not sent again.
    TookEffect {
        /// The command's line in the script.
        line: u32,
    },
    /// A resumed apply began here.
    Resumed,
    /// Every command was confirmed.
    Finished,
}

/// Where a journal stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// The lines of the commands the appliance confirmed (or that took effect).
    pub confirmed: std::collections::BTreeSet<u32>,
    /// The command sent last whose answer never came, if any.
    pub lost: Option<u32>,
    /// Every command was confirmed.
    pub finished: bool,
}

impl Progress {
    /// Where the records leave an apply.
    pub fn of(records: &[Record]) -> Progress {
        let mut progress = Progress::default();
        for record in records {
            match record {
                Record::Sent { line, .. } => progress.lost = Some(*line),
                Record::Answered { line, ok, .. } => {
                    progress.lost = None;
                    if *ok {
                        progress.confirmed.insert(*line);
                    }
                }
                Record::TookEffect { line } => {
                    progress.lost = None;
                    progress.confirmed.insert(*line);
                }
                Record::Finished => progress.finished = true,
                Record::Start { .. } | Record::Resumed => {}
            }
        }
        progress
    }
}

/// Reads a journal's lines; a last line cut short (the run was killed while writing it) is
/// left out, any other line that does not read is an error: its number.
pub fn parse(text: &str) -> Result<Vec<Record>, usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut records = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match serde_json::from_str(line) {
            Ok(record) => records.push(record),
            Err(_) if i + 1 == lines.len() && !text.ends_with('\n') => {}
            Err(_) => return Err(i + 1),
        }
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_answer_is_the_last_sent_command_without_one() {
        let records = vec![
            Record::Sent {
                line: 3,
                command: "x".into(),
            },
            Record::Answered {
                line: 3,
                ok: true,
                answer: "OK".into(),
            },
            Record::Sent {
                line: 4,
                command: "y".into(),
            },
        ];
        let progress = Progress::of(&records);
        assert_eq!(progress.lost, Some(4));
        assert!(progress.confirmed.contains(&3) && !progress.finished);
    }

    #[test]
    fn a_cut_last_line_is_left_out_but_a_broken_middle_line_is_not() {
        let good = serde_json::to_string(&Record::Finished).unwrap();
        assert_eq!(parse(&format!("{good}\n{{\"sent")).unwrap().len(), 1);
        assert_eq!(parse(&format!("{{\"x\n{good}\n")), Err(1));
    }
}

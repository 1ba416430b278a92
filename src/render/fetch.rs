//! `fetch`'s report: the human report for standard output, what went wrong for standard
//! error, and the JSON report.
//!
//! Words come from the message catalog (`i18n/en/fetch.ftl`). An appliance's error and what
//! it would not give quote the appliance: their lines are made safe once, as a whole, for the
//! terminal and for JSON alike.

use std::fmt::Write;

use serde::Serialize;

use crate::base::error::Error;
use crate::base::message::Message;
use crate::base::text::sanitize as one_line;
use crate::commands::fetch::Report;
use crate::fetch::{self, Committed};
use crate::message;

use super::message::{words, words_as_given};
use super::FORMAT_VERSION;

/// `fetch --format json`.
#[derive(Serialize, schemars::JsonSchema)]
pub struct Document<'a> {
    /// The version of this document's shape.
    pub format_version: u32,
    /// Each appliance asked for, in the order given.
    pub appliances: Vec<Outcome>,
    /// How many captures were written.
    pub fetched: usize,
    /// How many appliances failed.
    pub failed: usize,
    /// What `--track` did, as `track --format json` reports it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracked: Option<super::track::Document<'a>>,
    /// What `--commit` did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committed: Option<&'a Committed>,
    /// What stopped the run, or `--track` or `--commit`, each in one line: a run stopped
    /// before any appliance was fetched (an unreadable inventory, a missing credential) still
    /// writes its report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

/// How one appliance's fetch went.
#[derive(Serialize, schemars::JsonSchema)]
pub struct Outcome {
    /// The host as the user named it.
    pub host: String,
    /// The vendor's id.
    pub vendor: String,
    /// How many tries it took (a connection error is tried once more).
    pub tries: u8,
    /// The port connected to, when not the vendor's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// What was written, if the fetch succeeded.
    #[serde(flatten)]
    pub result: Status,
}

/// The result of one appliance's fetch, for [`Outcome`].
#[derive(Serialize, schemars::JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// A capture was written.
    Fetched {
        /// The appliance's name (the file `track` writes for it).
        appliance: String,
        /// The capture written.
        path: String,
        /// Lines of the capture.
        lines: u64,
        /// Lines that did not become model data.
        not_understood: u64,
        /// What the appliance would not give, each in one line.
        not_captured: Vec<String>,
    },
    /// Nothing was written; an earlier capture of the appliance is left as it was.
    Failed {
        /// Why, in one line.
        error: String,
    },
}

/// One appliance's outcome in words.
pub(super) fn outcome(outcome: &fetch::Outcome) -> Outcome {
    let result = match &outcome.result {
        fetch::Status::Fetched {
            appliance,
            path,
            lines,
            not_understood,
            not_captured,
        } => Status::Fetched {
            appliance: appliance.clone(),
            path: path.clone(),
            lines: *lines,
            not_understood: *not_understood,
            not_captured: not_captured.iter().map(one_line_words).collect(),
        },
        fetch::Status::Failed { error } => Status::Failed {
            error: one_line_words(error),
        },
    };
    Outcome {
        host: outcome.host.clone(),
        vendor: outcome.vendor.clone(),
        tries: outcome.tries,
        port: outcome.port,
        result,
    }
}

/// A message of the fetch in words, on one line: its text, which may quote an appliance, is
/// made safe once, as a whole.
fn one_line_words(message: &Message) -> String {
    one_line(&words_as_given(message))
}

/// The report as JSON.
pub fn json(report: &Report) -> String {
    super::message::for_machines(|| {
        let fetched = report.fetched();
        super::json(&Document {
            format_version: FORMAT_VERSION,
            appliances: report.outcomes.iter().map(outcome).collect(),
            fetched,
            failed: report.outcomes.len() - fetched,
            tracked: report.tracked.as_ref().map(super::track::document),
            committed: report.committed.as_ref(),
            errors: [&report.track_error, &report.commit_error]
                .into_iter()
                .flatten()
                .map(error_line)
                .collect(),
        })
    })
}

/// The report of a run an error stopped before any appliance was fetched.
pub fn json_of_stopped(error: &Error) -> String {
    super::message::for_machines(|| {
        super::json(&Document {
            format_version: FORMAT_VERSION,
            appliances: Vec::new(),
            fetched: 0,
            failed: 0,
            tracked: None,
            committed: None,
            errors: vec![error_line(error)],
        })
    })
}

/// An error in words, on one line.
fn error_line(error: &Error) -> String {
    one_line(&super::error::error_text(error))
}

/// A warning said before the run, as one line for standard error.
pub fn warning(warning: &Message) -> String {
    format!("{}\n", words(warning))
}

/// What went wrong, one line each, for standard error: each appliance that failed, each file
/// `--track` could not read, and why `--track` or `--commit` failed.
pub fn problems(report: &Report) -> String {
    let mut out = String::new();
    for outcome in &report.outcomes {
        if let fetch::Status::Failed { error } = &outcome.result {
            let host = match outcome.port {
                Some(port) => format!("{}:{port}", outcome.host),
                None => outcome.host.clone(),
            };
            let line = message!("fetch-appliance-failed", host = host, error = error.clone());
            let _ = writeln!(out, "{}", one_line_words(&line));
        }
    }
    if let Some(tracked) = &report.tracked {
        out.push_str(&super::track::failures(tracked));
    }
    if let Some(e) = &report.track_error {
        let line = message!("fetch-track-failed", error = super::error::error(e));
        let _ = writeln!(out, "{}", words_as_given(&line));
    }
    if let Some(e) = &report.commit_error {
        let line = message!("fetch-commit-failed", error = super::error::error(e));
        let _ = writeln!(out, "{}", words_as_given(&line));
    }
    out
}

/// A line per appliance, what was tracked and committed, and the summary last.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    let mut missing = 0;
    for outcome in &report.outcomes {
        match &outcome.result {
            fetch::Status::Fetched {
                path,
                lines,
                not_understood,
                not_captured,
                ..
            } => {
                let line = message!(
                    "fetch-fetched",
                    host = &outcome.host,
                    path = path,
                    lines = *lines,
                    not_understood = *not_understood,
                    not_captured = not_captured.len()
                );
                let _ = writeln!(out, "{}", words(&line));
                for what in not_captured {
                    let what = message!("fetch-not-captured", what = what.clone());
                    let _ = writeln!(out, "  {}", one_line_words(&what));
                }
                missing += not_captured.len();
            }
            // Said on standard error, as every error is.
            fetch::Status::Failed { .. } => {}
        }
    }
    tracked_and_committed(report, &mut out);
    let (total, fetched) = (report.outcomes.len(), report.fetched());
    let line = message!(
        "fetch-summary",
        fetched = fetched,
        total = total,
        failed = total - fetched,
        missing = missing
    );
    let _ = writeln!(out, "{}", words(&line));
    out
}

/// What `--track` wrote and `--commit` made.
fn tracked_and_committed(report: &Report, out: &mut String) {
    if let Some(tracked) = &report.tracked {
        for path in &tracked.written {
            let line = message!("fetch-tracked", path = path.display().to_string());
            let _ = writeln!(out, "{}", words(&line));
        }
        let line = message!(
            "fetch-track-summary",
            written = tracked.written.len(),
            unchanged = tracked.unchanged,
            failed = tracked.failures.len()
        );
        let _ = writeln!(out, "{}", words(&line));
    }
    match &report.committed {
        Some(c) if c.message.is_empty() => {
            // Secrets are stored masked: a change of one alone is no change to git.
            let masked = report
                .tracked
                .as_ref()
                .is_some_and(|t| t.masked.secrets > 0);
            let line = match masked {
                true => message!("fetch-nothing-committed-secrets"),
                false => message!("fetch-nothing-committed"),
            };
            let _ = writeln!(out, "{}", words(&line));
        }
        Some(c) => {
            // git's subject, as git wrote it.
            let subject = c.message.lines().next().unwrap_or("");
            let line = message!("fetch-committed", subject = subject);
            let _ = writeln!(out, "{}", words_as_given(&line));
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(host: &str, result: fetch::Status) -> fetch::Outcome {
        fetch::Outcome {
            host: host.into(),
            vendor: "mirapoint-mos".into(),
            tries: 1,
            port: Some(10143),
            result,
            staged: None,
        }
    }

    fn report() -> Report {
        let refused = message!("fetch-refused", command = "uce get x", reason = "NO denied");
        let fetched = fetch::Status::Fetched {
            appliance: "rg01".into(),
            path: "caps/rg01.log".into(),
            lines: 1234,
            not_understood: 2,
            not_captured: vec![refused],
        };
        let failed = fetch::Status::Failed {
            error: message!("fetch-plain-login-refused", reason = "no\x1b[2J"),
        };
        let tracked = crate::commands::track::Report {
            written: vec!["repo/mirapoint-mos/rg01.ron".into()],
            unchanged: 3,
            failures: vec![(
                "caps/x\n.log".into(),
                crate::commands::track::Failure::from(message!("track-no-vendor")),
            )],
            ..Default::default()
        };
        Report {
            outcomes: vec![outcome("rg01", fetched), outcome("rg\n02", failed)],
            tracked: Some(tracked),
            committed: Some(Committed {
                files: vec!["A mirapoint-mos/rg01.ron".into()],
                message: "carryover fetch: mirapoint-mos/rg01 added\n\n- x: new\n".into(),
            }),
            track_error: None,
            commit_error: Some(crate::base::error::Error::usage(message!(
                "fetch-git-cannot-run",
                reason = "not found"
            ))),
        }
    }

    #[test]
    fn the_human_report_says_each_appliance_then_track_and_commit_then_the_summary() {
        assert_eq!(
            human(&report()),
            "fetched rg01 into caps/rg01.log: 1234 lines, 2 not understood, 1 not captured\n\
             \x20 not captured: `uce get x`: refused: NO denied\n\
             tracked repo/mirapoint-mos/rg01.ron\n\
             track: 1 written, 3 unchanged, 1 failed\n\
             committed: carryover fetch: mirapoint-mos/rg01 added\n\
             fetch: 1 of 2 appliance(s) fetched, 1 failed; 1 command(s) or call(s) not captured\n"
        );
    }

    #[test]
    fn problems_name_each_failure_on_one_line_in_the_order_they_happen() {
        let report = report();
        assert_eq!(
            problems(&report),
            "rg\\n02:10143: error: the login was refused: no\\u{1b}[2J\n\
             caps/x\\n.log: error: no vendor carryover knows claims this file\n\
             carryover: --commit: cannot run git: not found\n"
        );
        assert_eq!(report.status(), 2);
    }

    #[test]
    fn a_reason_inside_a_sentence_is_worded_and_made_safe_once() {
        let why = message!("fetch-plain-login-refused", reason = r"no a\b");
        let at = message!("fetch-at-command", command = "login\nx", error = why);
        // The inner message's backslash is escaped once, as the outer's line break is.
        assert_eq!(
            one_line_words(&at),
            r"`login\nx`: the login was refused: no a\\b"
        );
    }

    #[test]
    fn a_run_where_everything_went_well_exits_0_and_commits_nothing_changed() {
        let mut report = report();
        report.outcomes.truncate(1);
        report.tracked.as_mut().unwrap().failures.clear();
        report.commit_error = None;
        report.committed = Some(Committed::default());
        assert_eq!(report.status(), 0);
        assert_eq!(problems(&report), "");
        assert!(human(&report).contains("commit: nothing changed, no commit made\n"));
    }
}

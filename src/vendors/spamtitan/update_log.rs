//! SpamTitan update logs: `grammar/spamtitan_update_log.pest` classifies each line; the checks
//! here say whether the update went through: every service stopped was started again, the
//! completion line is there, and the last step ended OK.

use pest::Parser;

use crate::base::error::{Error, Result};
use crate::message;
use crate::model::update_log::{Line, Service, Step, UpdateRun};
use crate::source::Source;

/// The update log's grammar, in a private module so its generated `Rule` stays inside this
/// reader.
mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/spamtitan_update_log.pest"]
    pub struct UpdateLogGrammar;
}

use grammar::{Rule, UpdateLogGrammar};

/// What says a line of the log reports a failure (`update_log.ron`).
#[derive(serde::Deserialize)]
struct Failures {
    words: Vec<String>,
    phrases: Vec<String>,
    marks: Vec<Mark>,
    benign: Vec<String>,
}

/// A mark a program prints before its failures (`E: `, `PANIC:`), compared as written.
#[derive(serde::Deserialize)]
struct Mark {
    text: String,
    /// Only where it begins the line (after spaces).
    start: bool,
}

fn failures() -> &'static Failures {
    static FAILURES: std::sync::OnceLock<Failures> = std::sync::OnceLock::new();
    FAILURES.get_or_init(|| {
        ron::from_str(include_str!("update_log.ron"))
            .expect("the shipped failure words are valid (tested)")
    })
}

/// Whether a line reports an error or a failure: it holds one of the words or phrases of
/// `update_log.ron` at a word's edges, other than inside a phrase that says nothing failed,
/// or one of its marks where a mark counts.
pub(crate) fn reports_failure(text: &str) -> bool {
    let mut lower = text.to_lowercase();
    let failures = failures();
    for phrase in &failures.benign {
        lower = lower.replace(phrase.as_str(), " ");
    }
    let word = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| failures.words.iter().any(|w| w == word));
    word || failures.phrases.iter().any(|p| at_word_edges(&lower, p))
        || failures.marks.iter().any(|mark| marked(text, mark))
}

/// Whether `phrase` is in `text` with no letter or digit right before or after it.
fn at_word_edges(text: &str, phrase: &str) -> bool {
    let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !alphanumeric(before) && !alphanumeric(after)
    })
}

/// Whether `text` holds `mark` where it counts: at the line's start, or after no letter or
/// digit.
fn marked(text: &str, mark: &Mark) -> bool {
    if mark.start {
        return text.trim_start().starts_with(mark.text.as_str());
    }
    text.match_indices(mark.text.as_str()).any(|(at, _)| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

/// Reads an update log and checks it.
pub fn verify(source: &Source) -> Result<UpdateRun> {
    let pairs = UpdateLogGrammar::parse(Rule::lines, &source.text).map_err(|e| {
        Error::file(
            source.path.to_string(),
            crate::message!("st-update-log-grammar", reason = e.to_string()),
        )
    })?;
    let mut run = UpdateRun {
        path: source.path.to_string(),
        ..UpdateRun::default()
    };
    for (index, pair) in pairs.filter(|p| p.as_rule() != Rule::EOI).enumerate() {
        let line = index as u32 + 1;
        let text = pair.as_str().to_string();
        let rule = pair.as_rule();
        let mut inner = pair.into_inner();
        match rule {
            Rule::header => {
                let revision = inner.find(|p| p.as_rule() == Rule::revision);
                run.to = run.to.take().or(revision.map(|r| r.as_str().to_string()));
            }
            Rule::step => {
                let n = inner.next().map_or(0, |n| n.as_str().parse().unwrap_or(0));
                let rest = inner.next().map_or("", |r| r.as_str()).trim().to_string();
                if let Some(v) = rest.strip_prefix("Current Version:") {
                    run.from = Some(v.trim().to_string());
                }
                run.steps.push(Step {
                    number: n,
                    text: rest,
                    line,
                });
            }
            Rule::service => {
                let action = inner.next().map_or("", |a| a.as_str());
                let name = inner.next().map_or("", |n| n.as_str()).trim().to_string();
                if action == "Stopping" {
                    run.services.push(Service {
                        name,
                        stopped_at: line,
                        started_at: None,
                    });
                } else if let Some(s) = run
                    .services
                    .iter_mut()
                    .find(|s| s.started_at.is_none() && s.name.eq_ignore_ascii_case(&name))
                {
                    // The installer spells some names two ways (Bitdefender, BitDefender).
                    s.started_at = Some(line);
                }
            }
            Rule::done => run.completed_at = Some(line),
            Rule::task if reports_failure(&text) => run.failed_tasks.push(Line {
                line,
                text: text.trim().to_string(),
            }),
            // A line of no known form that says something failed (`ERROR: ...`) is a failure
            // of the update, not only a line carryover does not know.
            Rule::text if reports_failure(&text) => run.failures.push(Line {
                line,
                text: text.trim().to_string(),
            }),
            Rule::text => run.unrecognized.push(Line { line, text }),
            _ => {}
        }
    }
    check(&mut run);
    Ok(run)
}

fn check(run: &mut UpdateRun) {
    let mut anomalies = Vec::new();
    if run.to.is_none() {
        anomalies.push(message!("update-no-target"));
    }
    for s in run.services.iter().filter(|s| s.started_at.is_none()) {
        let (name, line) = (&s.name, s.stopped_at);
        anomalies.push(message!(
            "update-service-not-started",
            name = name,
            line = line
        ));
    }
    if run.completed_at.is_none() {
        anomalies.push(message!("update-not-completed"));
    }
    match run.steps.last() {
        None => anomalies.push(message!("update-no-steps")),
        Some(last) if !last.text.eq_ignore_ascii_case("OK") => anomalies.push(message!(
            "update-last-step-not-ok",
            step = format!("{:03}", last.number),
            line = last.line,
            text = &last.text
        )),
        Some(_) => {}
    }
    for pair in run.steps.windows(2) {
        if pair[1].number != pair[0].number + 1 {
            anomalies.push(message!(
                "update-step-missing",
                step = format!("{:03}", pair[1].number),
                previous = format!("{:03}", pair[0].number),
                line = pair[1].line
            ));
        }
    }
    for s in run.steps.iter().filter(|s| reports_failure(&s.text)) {
        anomalies.push(message!(
            "update-step-reports",
            step = format!("{:03}", s.number),
            line = s.line,
            text = &s.text
        ));
    }
    for Line { line, text } in &run.failed_tasks {
        anomalies.push(message!("update-task-failed", line = *line, text = text));
    }
    for Line { line, text } in &run.failures {
        anomalies.push(message!("update-line-failed", line = *line, text = text));
    }
    run.anomalies = anomalies;
}

#[cfg(test)]
mod tests {
    use super::reports_failure;

    #[test]
    fn failure_words_are_whole_words() {
        for line in [
            "ERROR: patch 7.09-03 failed to apply, skipping",
            "Error: could not reach the update server",
            "FAILED",
            "fatal: disk full",
            "Database updates failed: relation \"quarantine\" is locked",
            "Installation aborted",
        ] {
            assert!(reports_failure(line), "{line}");
        }
        for line in [
            "Install System Update 7.09 started ...",
            "Stopping failover monitor",
            "Database updates finished with 0 errors",
            "OK",
        ] {
            assert!(!reports_failure(line), "{line}");
        }
    }
}

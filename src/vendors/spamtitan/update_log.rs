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
    prefixes: Vec<Prefix>,
    signals: Vec<String>,
    warnings: Vec<String>,
    benign: Vec<String>,
}

/// A mark a program prints before its failures (`E: `, `PANIC:`), compared as written.
#[derive(serde::Deserialize)]
struct Mark {
    text: String,
    /// Only where it begins the line (after spaces and prefixes).
    start: bool,
}

/// What a line may begin with before a mark that counts only there (`[` ... `]`).
#[derive(serde::Deserialize)]
struct Prefix {
    open: String,
    close: String,
}

fn failures() -> &'static Failures {
    static FAILURES: std::sync::OnceLock<Failures> = std::sync::OnceLock::new();
    FAILURES.get_or_init(|| {
        ron::from_str(include_str!("update_log.ron"))
            .expect("the shipped failure words are valid (tested)")
    })
}

/// A character that belongs to a word: a letter, a digit or `_` (an identifier is one word).
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a line reports an error or a failure: it holds one of the words or phrases of
/// `update_log.ron` at a word's edges, other than inside a phrase that says nothing failed,
/// one of its marks where a mark counts, or a shell's report of a command a signal killed. A
/// line that begins with a warning's mark is a warning, not a failure.
pub(crate) fn reports_failure(text: &str) -> bool {
    let failures = failures();
    let head = after_prefixes(text, &failures.prefixes);
    if failures
        .warnings
        .iter()
        .any(|w| head.starts_with(w.as_str()))
    {
        return false;
    }
    let lower = without_benign(&text.to_lowercase(), &failures.benign);
    let word = lower
        .split(|c: char| !in_word(c))
        .any(|word| failures.words.iter().any(|w| w == word));
    word || failures
        .phrases
        .iter()
        .any(|p| at_word_edges(&lower, p).next().is_some())
        || failures.marks.iter().any(|mark| marked(text, head, mark))
        || failures.signals.iter().any(|s| killed_by(text, s))
}

/// `text` with each benign phrase that stands at a word's edges blanked out.
fn without_benign(lower: &str, benign: &[String]) -> String {
    let mut text = lower.to_string();
    for phrase in benign {
        let found: Vec<usize> = at_word_edges(&text, phrase).collect();
        for at in found.into_iter().rev() {
            text.replace_range(at..at + phrase.len(), " ");
        }
    }
    text
}

/// Where `phrase` is in `text` with no letter, digit or `_` right before or after it.
fn at_word_edges<'a>(text: &'a str, phrase: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(phrase).filter_map(move |(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        (!before.is_some_and(in_word) && !after.is_some_and(in_word)).then_some(at)
    })
}

/// The line after its leading spaces and any prefixes (`[2020-09-10 10:00:01] `).
fn after_prefixes<'a>(text: &'a str, prefixes: &[Prefix]) -> &'a str {
    let mut head = text.trim_start();
    while let Some(p) = prefixes
        .iter()
        .find(|p| !p.open.is_empty() && head.starts_with(p.open.as_str()))
    {
        let inside = &head[p.open.len()..];
        match inside.find(p.close.as_str()) {
            Some(end) => head = inside[end + p.close.len()..].trim_start(),
            None => break,
        }
    }
    head
}

/// Whether `text` holds `mark` where it counts: at the line's start (`head`, after its
/// prefixes), or after no letter or digit.
fn marked(text: &str, head: &str, mark: &Mark) -> bool {
    if mark.start {
        return head.starts_with(mark.text.as_str());
    }
    text.match_indices(mark.text.as_str()).any(|(at, _)| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

/// Whether `text` is a shell's report that a command died of `signal`: the signal alone on
/// the line, or after a process number that begins the line or follows a `:`
/// (`./st_update.sh: line 211: 31337 Killed   php artisan migrate`).
fn killed_by(text: &str, signal: &str) -> bool {
    if text.trim() == signal {
        return true;
    }
    text.match_indices(signal).any(|(at, _)| {
        let before = text[..at].trim_end_matches([' ', '\t']);
        let number = before.trim_end_matches(|c: char| c.is_ascii_digit());
        let after = text[at + signal.len()..].chars().next();
        before.len() < at
            && number.len() < before.len()
            && matches!(number.trim_end().chars().next_back(), None | Some(':'))
            && !after.is_some_and(in_word)
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
            // `Done. Installation failed, rolled back to 7.08.` is no completion.
            Rule::done if !reports_failure(&text) => run.completed_at = Some(line),
            Rule::task if reports_failure(&text) => run.failed_tasks.push(Line {
                line,
                text: text.trim().to_string(),
            }),
            // A line of no known form that says something failed (`ERROR: ...`) is a failure
            // of the update, not only a line carryover does not know.
            // So is a banner that says so (`==== ERROR: patch 7.09-03 could not be applied ====`)
            // and a `Done.` line that does.
            Rule::text | Rule::banner | Rule::done if reports_failure(&text) => {
                run.failures.push(Line {
                    line,
                    text: text.trim().to_string(),
                })
            }
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
            "Database updates finished with 10 errors",
            "Applied 120 patches, 30 failed",
            "Error logging in to license server",
        ] {
            assert!(reports_failure(line), "{line}");
        }
        for line in [
            "Install System Update 7.09 started ...",
            "Stopping failover monitor",
            "Database updates finished with 0 errors",
            "OK",
            "Migrating: 2019_08_19_000000_create_failed_jobs_table",
            "Errors: 0",
        ] {
            assert!(!reports_failure(line), "{line}");
        }
    }
}

//! What the findings renderers share ([`super::findings`]: human text, Markdown, JSON;
//! [`super::github`]: annotations; [`super::sarif`]: a SARIF log): a report's heading, a
//! finding in words ([`lines`]), and the places a finding points at with its level.
//!
//! A finding's messages are filled with their arguments as the captures hold them: each
//! output makes text safe its own way (the terminal's escapes, GitHub's, JSON's), so text is
//! escaped once, where it is written, never twice.

use serde::Serialize;

use crate::base::message::Message;
use crate::knowledge::Severity;
use crate::ops::{self, Status, Step};

/// A report's heading facts.
pub struct Heading<'a> {
    /// The subcommand that made the report (`gaps`, `plan`).
    pub command: &'a str,
    /// The appliance's host name; `None`: not captured.
    pub appliance: Option<&'a str>,
    /// The version upgraded from; `None`: not captured.
    pub from: Option<&'a str>,
    /// The version upgraded to.
    pub to: &'a str,
    /// The rules that block the upgrade (`plan` only; `None` for reports that have no such
    /// notion).
    pub blocking: Option<&'a [String]>,
}

impl<'a> Heading<'a> {
    /// The heading of a `gaps` or `plan` report.
    pub fn of(report: &'a crate::commands::findings::Report) -> Heading<'a> {
        Heading {
            command: report.kind.name(),
            appliance: report.appliance.as_deref(),
            from: report.from.as_deref(),
            to: &report.to,
            blocking: report.blocking.as_deref(),
        }
    }
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
    /// Each remedy step on a line: a command as it is typed, any other step after a label
    /// naming where it is taken.
    pub remedy: Vec<String>,
    /// The remedy steps, typed: the Markdown puts commands in code blocks and the rest in a
    /// checklist.
    #[serde(skip)]
    #[schemars(skip)]
    pub steps: Vec<Step>,
    /// When in the upgrade its work is done.
    #[serde(skip)]
    #[schemars(skip)]
    pub phase: Option<crate::knowledge::Phase>,
}

/// A finding in words: its summary, each item and remedy step on a line of its own.
pub fn lines(f: &ops::Finding) -> Finding {
    let f = &*super::knowledge_words::localized(f);
    let mut summary = said(&f.summary);
    for clause in &f.also {
        summary.push_str(&said(clause));
    }
    Finding {
        rule: f.rule.clone(),
        severity: f.severity,
        status: f.status,
        summary,
        items: f.items.iter().map(item).collect(),
        evidence: f.evidence().map(|e| e.to_string()).collect(),
        remedy: f.remedy.iter().map(step).collect(),
        steps: f.remedy.clone(),
        phase: f.phase,
    }
}

/// `scope: name = value (note)`, a value of several lines shown by its first (JSON keeps it
/// whole).
fn item(item: &ops::Item) -> String {
    let value = first_line(&item.named_value());
    let mut text = match &item.scope {
        Some(scope) => format!("{scope}: {value}"),
        None => value,
    };
    if let Some(note) = &item.note {
        text.push_str(" (");
        text.push_str(&said(note));
        text.push(')');
    }
    text
}

/// The first line of a text, with ` ...` when more lines follow.
fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    match text.trim_end().contains('\n') {
        true => format!("{line} ..."),
        false => line.to_string(),
    }
}

/// A remedy step in words, each kind in its own: a command as it is typed (an inferred form
/// says so after it), anything else after a label naming where it is taken. A command's
/// condition comes on the line before it, its note (where to fetch a patch, what it restarts)
/// on a line of its own after it, as a `#` comment.
pub(crate) fn step(step: &Step) -> String {
    match step {
        Step::Command {
            command,
            form,
            note,
            only_if,
        } => {
            let mut line = String::new();
            if let Some(condition) = only_if {
                line.push_str(&said(&crate::message!(
                    "step-only-if",
                    condition = text(condition)
                )));
                line.push('\n');
            }
            line.push_str(command);
            if *form == ops::Form::Inferred {
                line.push_str("    ");
                line.push_str(&said(&crate::message!("step-form-inferred")));
            }
            if let Some(note) = note {
                line.push_str("\n# ");
                line.push_str(&text_words(note));
            }
            line
        }
        other => said(&step_message(other)),
    }
}

/// A step's words as they are: a knowledge text (translated before it gets here), or
/// carryover's own message in words.
pub(crate) fn text_words(words: &ops::Text) -> String {
    match words {
        ops::Text::Note(note) => note.clone(),
        ops::Text::Said(message) => said(message),
    }
}

/// A step other than a command on this appliance, as one message.
pub(crate) fn step_message(step: &Step) -> Message {
    use crate::message;
    match step {
        Step::Command {
            command,
            note,
            only_if,
            ..
        } => {
            let typed = noted(message!("step-command", command = command), note);
            match only_if {
                Some(condition) => message!(
                    "step-only-if-then",
                    condition = text(condition),
                    step = typed
                ),
                None => typed,
            }
        }
        Step::Elsewhere {
            on,
            command: None,
            note,
            ..
        } => message!(
            "step-elsewhere-by-hand",
            on = text(on),
            what = note
                .as_ref()
                .map_or(crate::base::message::Arg::Text(String::new()), text)
        ),
        Step::Elsewhere {
            on,
            command: Some(command),
            form,
            note,
        } if *form == ops::Form::Inferred => noted(
            message!(
                "step-elsewhere-inferred",
                on = text(on),
                command = command,
                inferred = message!("step-form-inferred")
            ),
            note,
        ),
        Step::Elsewhere {
            on,
            command: Some(command),
            note,
            ..
        } => noted(
            message!("step-elsewhere", on = text(on), command = command),
            note,
        ),
        Step::Console { page, action } if page.is_empty() => {
            message!("step-console-any", action = text(action))
        }
        Step::Console { page, action } => {
            message!("step-console", page = page, action = text(action))
        }
        Step::Dns(words) => message!("step-dns", text = text(words)),
        Step::Check {
            text: words,
            suggestion: true,
        } => match words {
            // carryover's own words already say whose suggestion it is.
            ops::Text::Said(said) => said.clone(),
            ops::Text::Note(note) => message!("remedy-suggestion", step = note.as_str()),
        },
        Step::Check { text: words, .. } => message!("step-check", text = text(words)),
        Step::Prompt { prompt, answer } => {
            message!("step-prompt", prompt = prompt, answer = answer)
        }
    }
}

/// A step's message with its note after it, where it has one.
fn noted(step: Message, note: &Option<ops::Text>) -> Message {
    match note {
        Some(note) => crate::message!("step-noted", step = step, note = text(note)),
        None => step,
    }
}

/// A remedy step for machines (JSON): its kind and its parts, each in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum StepView {
    /// A command to type on this appliance, as it is.
    Command {
        /// The command line.
        command: String,
        /// Whether a public source confirms its form.
        form: ops::Form,
        /// What to know before typing it (where to fetch a patch, what it restarts); null:
        /// nothing.
        note: Option<String>,
        /// The condition it is typed under, in words; null: always.
        only_if: Option<String>,
    },
    /// A command to type on another appliance, or what to do there where no command form is
    /// known.
    Elsewhere {
        /// Which appliance, in words.
        appliance: String,
        /// The command line; null: no command form is known, `note` says what to do.
        command: Option<String>,
        /// Whether a public source confirms its form (`inferred`: none does).
        form: ops::Form,
        /// What to know or do there, in words; null: nothing.
        note: Option<String>,
    },
    /// A page of the admin console, and what to do there.
    Console {
        /// The page, as its menus lead there; empty: any page.
        page: String,
        /// What to do on it.
        action: String,
    },
    /// A DNS record to check.
    Dns {
        /// What to check.
        text: String,
    },
    /// Something to check or do by hand.
    Check {
        /// What to check or do.
        text: String,
        /// carryover's suggestion, not the release note's.
        suggestion: bool,
    },
    /// A question the appliance asks, and the answer to give.
    Prompt {
        /// The question, as the appliance prints it.
        prompt: String,
        /// What to type.
        answer: String,
    },
}

/// A remedy step as machines read it (a finding's words are localized before this).
pub fn step_view(step: &Step) -> StepView {
    let words = |text: &ops::Text| match text {
        ops::Text::Note(note) => note.clone(),
        ops::Text::Said(message) => said(message),
    };
    match step {
        Step::Command {
            command,
            form,
            note,
            only_if,
        } => StepView::Command {
            command: command.clone(),
            form: *form,
            note: note.as_ref().map(words),
            only_if: only_if.as_ref().map(words),
        },
        Step::Elsewhere {
            on,
            command,
            form,
            note,
        } => StepView::Elsewhere {
            appliance: words(on),
            command: command.clone(),
            form: *form,
            note: note.as_ref().map(words),
        },
        Step::Console { page, action } => StepView::Console {
            page: page.clone(),
            action: words(action),
        },
        Step::Dns(text) => StepView::Dns { text: words(text) },
        Step::Check { text, suggestion } => StepView::Check {
            text: words(text),
            suggestion: *suggestion,
        },
        Step::Prompt { prompt, answer } => StepView::Prompt {
            prompt: prompt.clone(),
            answer: answer.clone(),
        },
    }
}

/// A step's words as a message argument: a knowledge text as it is (translated before it gets
/// here), carryover's own as the nested message.
fn text(words: &ops::Text) -> crate::base::message::Arg {
    match words {
        ops::Text::Note(note) => crate::base::message::Arg::Text(note.clone()),
        ops::Text::Said(said) => crate::base::message::Arg::Message(Box::new(said.clone())),
    }
}

/// A message in words with its text arguments as they are: each output escapes them its own way.
pub(crate) fn said(message: &Message) -> String {
    super::message::words_as_given(message)
}

/// The annotation level of a finding in a report: a rule that blocks the upgrade is an error,
/// whatever else it is; `None`: not annotated (checked and fine).
pub(crate) fn level_in(heading: &Heading<'_>, f: &Finding) -> Option<Level> {
    let blocking = heading.blocking.is_some_and(|b| b.contains(&f.rule));
    if blocking && f.status != Status::Ok {
        return Some(Level::Error);
    }
    level(f)
}

/// The annotation level of a finding; `None`: not annotated (checked and fine).
pub(crate) fn level(f: &Finding) -> Option<Level> {
    match f.status {
        Status::Found => Some(match f.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Note,
        }),
        // Confirmed by the operator, not seen in a capture: worth a note on the record.
        Status::NotCaptured | Status::Confirmed => Some(Level::Note),
        Status::Ok => None,
    }
}

/// How loudly a finding is shown, in GitHub's and SARIF's common three levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// Something is lost or broken unless the remedy is applied.
    Error,
    /// Check it.
    Warning,
    /// Worth knowing, or a fact to capture.
    Note,
}

/// One place a finding points at, with the items read there.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Spot<'a> {
    /// The capture file as the report names it; `None`: no file.
    pub path: Option<&'a str>,
    /// The line (1-based); `None`: the file as a whole, or no file.
    pub line: Option<u32>,
    /// The items read at this place (all of the finding's items when they are not one per
    /// evidence line).
    pub items: Vec<&'a str>,
}

/// Splits evidence `path:line` at its last `:` followed by digits only (a path may hold `:`).
/// Evidence without such a line number is a whole file; `?` (a source not known) and an empty
/// path are no file. Line 0 (a note about a whole file) is the file as a whole.
pub(crate) fn split_evidence(evidence: &str) -> (Option<&str>, Option<u32>) {
    let (path, line) = match evidence.rsplit_once(':') {
        Some((path, digits))
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (path, digits.parse::<u32>().ok())
        }
        _ => (evidence, None),
    };
    match path {
        "" | "?" => (None, None),
        path => (Some(path), line.filter(|&l| l > 0)),
    }
}

/// The places a finding points at, in the order its evidence names them, each once. Items and
/// evidence that pair one to one go to their place; otherwise every place gets every item. A
/// finding without evidence has one place that is no file.
pub(crate) fn spots(f: &Finding) -> Vec<Spot<'_>> {
    let paired = f.items.len() == f.evidence.len();
    let mut spots: Vec<Spot<'_>> = Vec::new();
    for (i, evidence) in f.evidence.iter().enumerate() {
        let (path, line) = split_evidence(evidence);
        let at = match spots.iter().position(|s| s.path == path && s.line == line) {
            Some(at) => at,
            None => {
                spots.push(Spot {
                    path,
                    line,
                    items: Vec::new(),
                });
                spots.len() - 1
            }
        };
        if paired {
            spots[at].items.push(&f.items[i]);
        }
    }
    if spots.is_empty() {
        spots.push(Spot {
            path: None,
            line: None,
            items: Vec::new(),
        });
    }
    if !paired || f.evidence.is_empty() {
        for spot in &mut spots {
            spot.items = f.items.iter().map(String::as_str).collect();
        }
    }
    spots
}

/// The text of one annotation or result: the finding's summary, then the items, one a line.
pub(crate) fn message(f: &Finding, spot: &Spot<'_>) -> String {
    let mut text = f.summary.clone();
    for item in &spot.items {
        text.push('\n');
        text.push_str(item);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message;
    use crate::ops::{Evidence, Item};

    #[test]
    fn a_finding_in_lines_reads_as_it_always_has() {
        let mut f = ops::Finding::new(
            "MOS-4.2.3-KI-3",
            Severity::Error,
            Status::Found,
            message!("finding-title", title = "Junk-mail routing is reset"),
        );
        f.also.push(message!(
            "finding-wider-than-the-note",
            names = "4.1.9",
            because = "the same code"
        ));
        let at = |line| Evidence {
            path: "rg01.log".into(),
            line,
        };
        f.items
            .push(Item::setting("smtp.quarantinejunk", "on", at(22)));
        f.items.push(
            Item::scoped("mtagroup", "10.0.0.1", at(30)).noted(message!("item-key-captured")),
        );
        f.remedy.push(Step::run("smtp set quarantinejunk on"));
        f.remedy.push(Step::Console {
            page: "Junk Mail > Routing".into(),
            action: ops::Text::Note("Check the routing.".into()),
        });
        f.remedy.push(
            Step::run("ldap set autoreply \"a\\b\"")
                .only_if(ops::Text::Said(message!("remedy-only-if-is", value = "on"))),
        );
        let lines = lines(&f);
        assert_eq!(
            lines.summary,
            "Junk-mail routing is reset (the note names the upgrade from 4.1.9 only: the same \
             code)"
        );
        assert_eq!(
            lines.items,
            [
                "smtp.quarantinejunk = on",
                "mtagroup: 10.0.0.1 (key captured)"
            ]
        );
        assert_eq!(lines.evidence, ["rg01.log:22", "rg01.log:30"]);
        // A quoted command keeps its backslash: the output escapes it, not the catalog.
        assert_eq!(
            lines.remedy,
            [
                "smtp set quarantinejunk on",
                "console: Junk Mail > Routing: Check the routing.",
                "if it is `on`:\nldap set autoreply \"a\\b\"",
            ]
        );
    }

    #[test]
    fn arguments_are_filled_in_as_they_are() {
        let m = message!(
            "finding-setting-found",
            title = "T\u{F0001}",
            name = "a\nb",
            value = "\u{F0000}"
        );
        assert_eq!(said(&m), "T\u{F0001} (a\nb is \u{F0000})");
    }

    #[test]
    fn a_step_for_machines_keeps_its_kind_and_its_parts_apart() {
        let install = Step::run_noted(
            "update install http://<your-server>/P.mpu5",
            ops::Text::Said(message!("step-fetch-from", url = "ftp://x/P.mpu5")),
        );
        let view = serde_json::to_value(step_view(&install)).unwrap();
        assert_eq!(view["kind"], "command");
        assert_eq!(
            view["command"],
            "update install http://<your-server>/P.mpu5"
        );
        assert!(view["note"].as_str().unwrap().contains("ftp://x/P.mpu5"));
        let suggestion = Step::Check {
            text: ops::Text::Note("Make the change in LDAP too.".into()),
            suggestion: true,
        };
        assert_eq!(
            serde_json::to_value(step_view(&suggestion)).unwrap(),
            serde_json::json!({"kind": "check", "text": "Make the change in LDAP too.", "suggestion": true})
        );
    }

    #[test]
    fn a_command_on_another_appliance_keeps_its_inferred_mark() {
        let step = Step::Elsewhere {
            on: ops::Text::Note("the upstream RazorGate".into()),
            command: Some("key new MTA".into()),
            form: ops::Form::Unmarked,
            note: None,
        }
        .marked(|command| (command == "key new MTA").then_some(false));
        let line = super::step(&step);
        assert!(
            line.starts_with("on the upstream RazorGate: `key new MTA`"),
            "{line}"
        );
        assert!(line.contains("(inferred: "), "{line}");
        assert_eq!(
            serde_json::to_value(step_view(&step)).unwrap()["form"],
            "inferred"
        );
    }
}

//! One step of a remedy, typed by where it is taken: a command on this appliance or on
//! another, a page of the admin console, DNS, a check by hand, or a prompt to answer. Each
//! kind is worded by `render` in words of its own; no output marks a step by a text prefix.

use serde::Serialize;

use crate::base::message::Message;

/// Whether a public source attests a command's form, as the vendor's catalog marks it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// The catalog marks the form confirmed.
    Confirmed,
    /// The catalog marks the form inferred: every output that prints it says so.
    Inferred,
    /// No form the catalog knows (a patch install line, a vendor without marks).
    Unmarked,
}

/// The words of a step: a release note's knowledge text (kept as the data says it, put in the
/// reader's language by its sidecar), or carryover's own message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Text {
    /// Words from a knowledge file, in English; `render` translates them.
    Note(String),
    /// Words carryover says itself.
    Said(Message),
}

/// One step of a remedy. The kinds are settled: later fields (why a step is by hand) are
/// added to these variants, never as a parallel type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// A command to type on this appliance, as it is.
    Command {
        /// The command line (a patch install's template placeholders included).
        command: String,
        /// Whether its form is confirmed or inferred.
        form: Form,
        /// What to know before typing it (where to fetch a patch, what typing it restarts);
        /// never part of the command, and no checklist item of its own.
        note: Option<Text>,
        /// The condition the command is typed under (a patch no capture shows installed): one
        /// step with its command, so the two are never ticked apart.
        only_if: Option<Text>,
    },
    /// A command to type on another appliance, or, where no command form is known, what to
    /// do there in words.
    Elsewhere {
        /// Which appliance, in the note's words.
        on: Text,
        /// The command line; `None`: no command form is known, `note` says what to do.
        command: Option<String>,
        /// Whether its form is confirmed or inferred, as the vendor's catalog marks it.
        form: Form,
        /// What to know or do with it there (what it restarts, what to copy from its answer).
        note: Option<Text>,
    },
    /// A page of the admin console (web UI), and what to do there.
    Console {
        /// The page, as its menus lead there (`Home > System > Branding`); empty: any page.
        page: String,
        /// What to do on it.
        action: Text,
    },
    /// A DNS record to check or change.
    Dns(Text),
    /// Something a person checks, or takes care of, by hand.
    Check {
        /// What to check or do.
        text: Text,
        /// The step is carryover's suggestion, not the note's: every output says so.
        suggestion: bool,
    },
    /// A question the appliance asks while a command runs, and the answer to give.
    Prompt {
        /// The question, as the appliance prints it.
        prompt: String,
        /// What to type.
        answer: String,
    },
}

impl Step {
    /// A command on this appliance, its form not yet marked ([`Step::marked`] marks it).
    pub fn run(command: impl Into<String>) -> Step {
        Step::Command {
            command: command.into(),
            form: Form::Unmarked,
            note: None,
            only_if: None,
        }
    }

    /// A command on this appliance with what to know before typing it.
    pub fn run_noted(command: impl Into<String>, note: Text) -> Step {
        Step::Command {
            command: command.into(),
            form: Form::Unmarked,
            note: Some(note),
            only_if: None,
        }
    }

    /// The step, a command on this appliance, typed only under `condition`; any other kind
    /// as it is.
    pub fn only_if(self, condition: Text) -> Step {
        match self {
            Step::Command {
                command,
                form,
                note,
                ..
            } => Step::Command {
                command,
                form,
                note,
                only_if: Some(condition),
            },
            other => other,
        }
    }

    /// A check by hand in carryover's own words.
    pub fn check(said: Message) -> Step {
        Step::Check {
            text: Text::Said(said),
            suggestion: false,
        }
    }

    /// A check by hand in a knowledge file's words.
    pub fn check_note(text: impl Into<String>) -> Step {
        Step::Check {
            text: Text::Note(text.into()),
            suggestion: false,
        }
    }

    /// The step with its command's form marked by `confirmed` (the vendor catalog's answer
    /// for a command line; `None`: not a form it knows), on this appliance or another.
    pub fn marked(self, confirmed: impl Fn(&str) -> Option<bool>) -> Step {
        let form_of = |command: &str| match confirmed(command) {
            Some(true) => Form::Confirmed,
            Some(false) => Form::Inferred,
            None => Form::Unmarked,
        };
        match self {
            Step::Command {
                command,
                form: Form::Unmarked,
                note,
                only_if,
            } => Step::Command {
                form: form_of(&command),
                command,
                note,
                only_if,
            },
            Step::Elsewhere {
                on,
                command: Some(command),
                form: Form::Unmarked,
                note,
            } => Step::Elsewhere {
                form: form_of(&command),
                on,
                command: Some(command),
                note,
            },
            other => other,
        }
    }

    /// The command line, for a command on this appliance.
    pub fn command(&self) -> Option<&str> {
        match self {
            Step::Command { command, .. } => Some(command),
            _ => None,
        }
    }

    /// Whether a person takes the step (it is no command typed on this appliance).
    pub fn is_by_hand(&self) -> bool {
        self.command().is_none()
    }

    /// Whether no script can take the step: it is by hand, or its command holds a placeholder
    /// (`<upstream-razorgate>`) a person fills in.
    pub fn is_never_scripted(&self) -> bool {
        self.command().is_none_or(has_placeholder)
    }

    /// Whether the step is carryover's suggestion rather than the note's.
    pub fn is_suggestion(&self) -> bool {
        matches!(
            self,
            Step::Check {
                suggestion: true,
                ..
            }
        )
    }
}

/// Whether a command holds a placeholder a person fills in (`<what-goes-here>`), as the
/// knowledge files write it.
pub fn has_placeholder(command: &str) -> bool {
    command.split_once('<').is_some_and(|(_, rest)| {
        rest.split_once('>')
            .is_some_and(|(inner, _)| is_slot(inner))
    })
}

/// A placeholder's inside: lower-case words joined by `-` (`upstream-razorgate`).
fn is_slot(inner: &str) -> bool {
    !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

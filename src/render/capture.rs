//! `capture`'s plan as the text a person runs: the vendor's script as it is, or the commands,
//! each run of them under a remark saying what it is for.

use crate::base::message::{Arg, Message};
use crate::commands::capture::Report;
use crate::message;
use crate::ops::capture_plan::CaptureSteps;
use crate::vendors::Knowledge;

use super::message::words;

/// The plan as text: a script to run, or commands to run and log, each with why, and a
/// remark before each command whose form the vendor's catalog says is inferred.
pub fn text(report: &Report) -> String {
    steps_marked(&report.steps, report.vendor.knowledge())
}

/// Capture steps as text.
pub fn steps(steps: &CaptureSteps) -> String {
    steps_marked(steps, None)
}

/// A reason that names a rule with its title in the reader's language.
fn rule_words(why: &Message) -> Message {
    let mut why = why.clone();
    let rule = match why.arg("rule") {
        Some(Arg::Text(rule)) => rule.clone(),
        _ => return why,
    };
    for (name, arg) in &mut why.args {
        if let (&"title", Arg::Text(title)) = (&*name, &mut *arg) {
            *title = super::knowledge_words::title(&rule, title);
        }
    }
    why
}

/// Capture steps as text, each command whose form `knowledge`'s catalog says is inferred
/// after a remark that says so (a remark on the command's own line would be sent with it).
pub fn steps_marked(steps: &CaptureSteps, knowledge: Option<&dyn Knowledge>) -> String {
    let inferred = |command: &str| knowledge.and_then(|k| k.form_confirmed(command)) == Some(false);
    match steps {
        CaptureSteps::Script(script) => script.to_string(),
        CaptureSteps::Commands(commands) => {
            let mut text = words(&message!("capture-commands-header"));
            text.push('\n');
            let mut last_why = None;
            for (command, why) in commands {
                // A reason on a line of its own, once for the run of commands it covers: a
                // remark after a command would be sent to the appliance with it.
                if last_why != Some(why) {
                    text.push_str(&format!("# {}\n", words(&rule_words(why))));
                    last_why = Some(why);
                }
                if inferred(command) {
                    let remark = words(&message!("capture-form-inferred", command = command));
                    text.push_str(&format!("# {remark}\n"));
                }
                text.push_str(command);
                text.push('\n');
            }
            text
        }
    }
}

//! `capture`'s plan as the text a person runs: the vendor's script as it is, or the commands,
//! each run of them under a remark saying what it is for.

use crate::commands::capture::Report;
use crate::message;
use crate::ops::capture_plan::CaptureSteps;

use super::message::words;

/// The plan as text: a script to run, or commands to run and log, each with why.
pub fn text(report: &Report) -> String {
    steps(&report.steps)
}

/// Capture steps as text.
pub fn steps(steps: &CaptureSteps) -> String {
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
                    text.push_str(&format!("# {}\n", crate::base::text::sanitize(why)));
                    last_why = Some(why);
                }
                text.push_str(command);
                text.push('\n');
            }
            text
        }
    }
}

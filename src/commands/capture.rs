//! `capture`: what to run so that a capture holds what the rules need.

use crate::base::error::Result;
use crate::model::Config;
use crate::ops::capture_plan::{steps, CaptureSteps};
use crate::vendors::{unsupported, Vendor};

/// The capture plan for a vendor's appliance as text: a script to run, or commands to run and
/// log, each with why. `config` names what is already known (delegated domains).
pub fn text(vendor: &dyn Vendor, config: &Config) -> Result<String> {
    let plan = vendor
        .capture_plan()
        .ok_or_else(|| unsupported(vendor.title(), "a capture plan"))?;
    Ok(match steps(config, plan, vendor.knowledge()) {
        CaptureSteps::Script(script) => script.to_string(),
        CaptureSteps::Commands(commands) => {
            let mut text = String::from(
                "# Run these at the appliance's CLI with terminal logging on, then give the log\n\
                 # to carryover (show, gaps, plan) with the config export if you have one.\n\
                 # Each command stands on its own line, so the block can be pasted as it is;\n\
                 # the lines starting with # say what the commands below them are for.\n",
            );
            let mut last_why = None;
            for (command, why) in &commands {
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
    })
}

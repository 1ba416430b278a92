//! `capture`: what to run so that a capture holds what the rules need.

use crate::error::Result;
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
                 # to carryover (show, gaps, plan) with the config export if you have one.\n",
            );
            for (command, why) in commands {
                text.push_str(&format!("{command:<55} # {why}\n"));
            }
            text
        }
    })
}

//! The companion runbook of a restore script, in Markdown.

use std::fmt::Write;

use crate::ops::restore::Plan;

/// What the runbook needs besides the plan.
pub struct Context<'a> {
    pub appliance: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub script_name: &'a str,
    /// Commands to capture the upgraded appliance again.
    pub capture: Vec<String>,
    /// How the restore was asked for, to repeat it with `--against`.
    pub command: String,
}

pub fn runbook(plan: &Plan, cx: &Context<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Restore runbook: {}, {} -> {}\n",
        cx.appliance, cx.from, cx.to
    );
    let _ = writeln!(out, "## 1. Apply the script\n");
    let _ = writeln!(
        out,
        "After the upgrade has finished and the appliance has rebooted, log in to its CLI as \
         administrator with terminal logging on and enter `{}` line by line (paste it). \
         Lines starting with `#` are remarks. A command that adds something already there may \
         answer `NO`; that is harmless.\n",
        cx.script_name
    );
    let _ = writeln!(out, "## 2. Steps the script cannot do\n");
    if plan.by_hand.is_empty() {
        let _ = writeln!(out, "None.\n");
    }
    for (rule, step) in &plan.by_hand {
        let _ = writeln!(out, "- [ ] `{rule}`: {step}");
    }
    let _ = writeln!(out, "\n## 3. Patches to install\n");
    if plan.patches.is_empty() {
        let _ = writeln!(out, "None.\n");
    }
    for (rule, command) in &plan.patches {
        let _ = writeln!(out, "- [ ] `{rule}`: `{command}`");
    }
    let _ = writeln!(out, "\n## 4. Check\n");
    let _ = writeln!(
        out,
        "Capture the upgraded appliance again, with terminal logging on:\n\n```"
    );
    for command in &cx.capture {
        let _ = writeln!(out, "{command}");
    }
    let _ = writeln!(
        out,
        "```\n\nThen run `{} --against NEW.log`: when it writes no commands, everything the \
         script restores is back.",
        cx.command
    );
    out
}

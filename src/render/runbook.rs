//! The companion runbook of a restore script, in Markdown. Its vendor-specific wording (how to
//! apply the script, how to capture again) comes from the vendor, through the context.

use std::fmt::Write;

use crate::ops::restore::Plan;

/// What the runbook needs besides the plan.
pub struct Context<'a> {
    /// The appliance's name.
    pub appliance: &'a str,
    /// The version upgraded from.
    pub from: &'a str,
    /// The version upgraded to.
    pub to: &'a str,
    /// How to apply the script, in the vendor's words (Markdown).
    pub apply: String,
    /// How to capture the upgraded appliance again, in the vendor's words.
    pub recapture: String,
    /// Commands to capture the upgraded appliance again, if the vendor captures by commands.
    pub capture: Vec<String>,
    /// How the restore was asked for, to repeat it with `--against`.
    pub command: String,
}

/// The runbook for a restore plan.
pub fn runbook(plan: &Plan, cx: &Context<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Restore runbook: {}, {} -> {}\n",
        cx.appliance, cx.from, cx.to
    );
    let _ = writeln!(out, "## 1. Apply the script\n");
    let _ = writeln!(out, "{}\n", cx.apply);
    if !plan.rules.is_empty() {
        let _ = writeln!(
            out,
            "It writes the commands these rules call for, each under a remark naming its rule:\n"
        );
        for (rule, title) in &plan.rules {
            let _ = writeln!(out, "- `{rule}`: {title}");
        }
        let _ = writeln!(out);
    }
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
    if !plan.checks.is_empty() {
        let _ = writeln!(
            out,
            "No capture can show these fixed (the appliance shows the value either way): \
             check them by hand.\n"
        );
        for (rule, check) in &plan.checks {
            let _ = writeln!(out, "- [ ] `{rule}`: {check}");
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "{}", cx.recapture);
    if !cx.capture.is_empty() {
        let _ = writeln!(out, "\n```");
        for command in &cx.capture {
            let _ = writeln!(out, "{command}");
        }
        let _ = writeln!(out, "```");
    }
    if plan.checks.is_empty() {
        let _ = writeln!(
            out,
            "\nThen run `{} --against <the new capture>`: when it writes no \
             commands, everything the script restores is back.",
            cx.command
        );
    } else {
        let rules: Vec<String> = plan.checks.iter().map(|(r, _)| format!("`{r}`")).collect();
        let _ = writeln!(
            out,
            "\nThen run `{} --against <the new capture>`: when it writes no \
             commands but those of {} (always written, since no capture can show them fixed: \
             check them by hand as above), everything the script restores is back.",
            cx.command,
            rules.join(", ")
        );
    }
    out
}

//! The companion runbook of a restore script, in Markdown. Its vendor-specific wording (how to
//! apply the script, how to capture again) is the vendor's messages, put in words by the caller
//! and passed through the context; its own words come from the message catalog too.

use std::fmt::Write;

use crate::base::message::Message;
use crate::base::text::{code_span, sanitize};
use crate::message;
use crate::ops::restore::{ConsolePlace, Plan, Restore, Step};

use super::knowledge_words;
use super::message::{words, words_as_given};

/// What the runbook needs besides the plan.
pub struct Context<'a> {
    /// The appliance's name.
    pub appliance: &'a str,
    /// The version upgraded from.
    pub from: &'a str,
    /// The version upgraded to.
    pub to: &'a str,
    /// How to apply the script, the vendor's message in words (Markdown).
    pub apply: String,
    /// How to capture the upgraded appliance again, the vendor's message in words.
    pub recapture: String,
    /// Commands to capture the upgraded appliance again, if the vendor captures by commands.
    pub capture: Vec<String>,
    /// How the restore was asked for, to repeat it with `--against`.
    pub command: String,
    /// With `--against`: the section on what the appliance will hold once the script has run
    /// (Markdown), as `restore --check` shows it.
    pub proof: Option<String>,
}

/// The runbook for a restore plan.
pub fn runbook(plan: &Plan, cx: &Context<'_>) -> String {
    let mut out = String::new();
    let title = message!(
        "runbook-title",
        appliance = cx.appliance,
        from = cx.from,
        to = cx.to
    );
    let _ = writeln!(out, "# {}\n", words(&title));
    let _ = writeln!(out, "## {}\n", words(&message!("runbook-apply")));
    let _ = writeln!(out, "{}\n", cx.apply);
    if !plan.rules.is_empty() {
        let _ = writeln!(out, "{}\n", words(&message!("runbook-rules")));
        for (rule, title) in &plan.rules {
            let _ = writeln!(out, "- `{rule}`: {}", knowledge_words::title(rule, title));
        }
        let _ = writeln!(out);
    }
    let none = words(&message!("runbook-none"));
    let _ = writeln!(out, "## {}\n", words(&message!("runbook-by-hand")));
    if plan.by_hand.is_empty() {
        let _ = writeln!(out, "{none}\n");
    }
    for (rule, step) in &plan.by_hand {
        // A release note's own step, in the reader's language where its knowledge file has it.
        let said = match step {
            Step::Remedy(step) => {
                step_words(&Step::Remedy(knowledge_words::step(rule, step.clone())))
            }
            _ => step_words(step),
        };
        let _ = writeln!(out, "- [ ] `{rule}`: {said}");
    }
    let _ = writeln!(out, "\n## {}\n", words(&message!("runbook-patches")));
    if plan.patches.is_empty() {
        let _ = writeln!(out, "{none}\n");
    }
    for (rule, step) in &plan.patches {
        let _ = writeln!(out, "- [ ] `{rule}`: {}", patch_words(step));
    }
    let _ = writeln!(out, "\n## {}\n", words(&message!("runbook-check")));
    check(&mut out, plan, cx);
    if let Some(proof) = &cx.proof {
        let _ = write!(out, "\n{proof}");
    }
    out
}

/// The check section's body: the checks by hand, how to capture again, and the run that
/// shows everything back.
fn check(out: &mut String, plan: &Plan, cx: &Context<'_>) {
    if !plan.checks.is_empty() {
        let _ = writeln!(out, "{}\n", words(&message!("runbook-checks-by-hand")));
        for (rule, check) in &plan.checks {
            let _ = writeln!(
                out,
                "- [ ] `{rule}`: {}",
                knowledge_words::text(rule, check)
            );
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
    // The command line is quoted for a shell already: filled as it is.
    let then = if plan.checks.is_empty() {
        message!("runbook-then-run", command = &cx.command)
    } else {
        let rules: Vec<String> = plan.checks.iter().map(|(r, _)| format!("`{r}`")).collect();
        message!(
            "runbook-then-run-but",
            command = &cx.command,
            rules = rules.join(", ")
        )
    };
    let _ = writeln!(out, "\n{}", words_as_given(&then));
}

/// A step by hand in words, each text on one line (through the one sanitiser); a value to
/// type as one Markdown code span, whatever it holds.
pub fn step_words(step: &Step) -> String {
    let spans = |commands: &[String]| {
        let spans: Vec<String> = commands.iter().map(|c| format!("`{c}`")).collect();
        spans.join(", ")
    };
    let message = match step {
        Step::SecretLeftOut { scope, name } => {
            message!("restore-step-secret-left-out", scope = scope, name = name)
        }
        Step::NotObserved { path, commands } if commands.is_empty() => {
            message!("restore-step-not-observed", path = path)
        }
        Step::NotObserved { path, commands } => message!(
            "restore-step-not-observed-capture",
            path = path,
            commands = commands.join("; ")
        ),
        Step::ReapplyNotCaptured { name } => {
            message!("restore-step-reapply-not-captured", name = name)
        }
        Step::MessageNotCaptured { name } => {
            message!("restore-step-message-not-captured", name = name)
        }
        Step::SettingNotCaptured {
            name,
            value,
            check,
            commands,
        } => setting_not_captured(name, value, check.as_deref(), &spans(commands)),
        Step::Console {
            scope,
            name,
            value,
            at,
        } => return console(scope, name, value, at.as_ref()),
        Step::NoCommand { scope, item } => {
            // Each text is made safe once: the item's words here, the scope below.
            let item = words(&item_message(item));
            let step = message!(
                "restore-step-no-command",
                scope = sanitize(scope),
                item = item
            );
            return words_as_given(&step);
        }
        Step::Remedy(step) => super::report::step_message(step),
        Step::Vendor(step) => message!("restore-import-secret-left-out", step = step),
        Step::KeyElided { group, host } => {
            message!("restore-step-key-elided", host = host, group = group)
        }
        Step::KeyNotCaptured { group, host } => {
            message!("restore-step-key-not-captured", host = host, group = group)
        }
        Step::TrustedHostsNotCaptured { group } => {
            message!("restore-step-trusted-hosts-not-captured", group = group)
        }
        Step::KeepChosenValue { name, now, command } => message!(
            "restore-step-keep-chosen-value",
            name = name,
            now = now,
            command = command
        ),
        Step::CheckListedHostKey { group, host } => {
            message!(
                "restore-step-check-listed-host-key",
                host = host,
                group = group
            )
        }
    };
    words(&message)
}

/// A setting a rule wants at one value, not captured: check it (with the command that shows
/// it, where one is known), and set it if it is not.
fn setting_not_captured(name: &str, value: &str, check: Option<&str>, commands: &str) -> Message {
    match check {
        Some(check) => message!(
            "restore-step-setting-check",
            name = name,
            check = check,
            value = value,
            commands = commands
        ),
        None => message!(
            "restore-step-setting-not-captured",
            name = name,
            value = value,
            commands = commands
        ),
    }
}

/// A setting to set in the console: its value as one code span, each other text on one line.
fn console(scope: &str, name: &str, value: &str, at: Option<&ConsolePlace>) -> String {
    let (scope, name, value) = (sanitize(scope), sanitize(name), code_span(value));
    let message: Message = match at {
        Some(at) if at.confirmed => message!(
            "restore-step-console",
            scope = scope,
            name = name,
            value = value,
            page = sanitize(&at.page),
            field = sanitize(&at.field)
        ),
        Some(at) => message!(
            "restore-step-console-inferred",
            scope = scope,
            name = name,
            value = value,
            page = sanitize(&at.page),
            field = sanitize(&at.field)
        ),
        None => message!(
            "restore-step-console-unknown",
            scope = scope,
            name = name,
            value = value
        ),
    };
    words_as_given(&message)
}

/// A planned item, named.
pub(crate) fn item_message(item: &Restore) -> Message {
    match item {
        Restore::Setting { name, .. } => message!("restore-item-setting", name = name),
        Restore::Entries {
            scope,
            list,
            entries,
        } => {
            let entries: Vec<&str> = entries.iter().map(|(entry, _)| entry).collect();
            entry_message(scope, list, &entries.join(", "))
        }
        Restore::Message { name, .. } => message!("restore-item-message", name = name),
        Restore::TrustedHost { group, host, .. } => {
            message!("restore-item-trusted-host", host = host, group = group)
        }
    }
}

/// One entry of a list, named.
pub(crate) fn entry_message(scope: &str, list: &str, entry: &str) -> Message {
    message!(
        "restore-item-entry",
        scope = scope,
        list = list,
        entry = entry
    )
}

/// A patch's install step: its command in a code span, with where to fetch it after.
fn patch_words(step: &crate::ops::Step) -> String {
    match step {
        crate::ops::Step::Command { command, note, .. } => {
            let mut line = code_span(command);
            if let Some(note) = note {
                let note = match note {
                    crate::ops::Text::Said(said) => words(said),
                    crate::ops::Text::Note(text) => sanitize(text),
                };
                line.push_str(&format!(" ({note})"));
            }
            line
        }
        other => words(&super::report::step_message(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    /// One step of each kind.
    fn one_of_each() -> Vec<Step> {
        let item = Restore::Setting {
            name: "smtp.banner".into(),
            value: Value::Text("x".into()),
        };
        vec![
            Step::SecretLeftOut {
                scope: "system\nrm -rf".into(),
                name: "ldap.password".into(),
            },
            Step::NotObserved {
                path: "lists/local/whitelistto".into(),
                commands: vec!["uce listexception local whitelistto".into()],
            },
            Step::NotObserved {
                path: "settings/system/x".into(),
                commands: Vec::new(),
            },
            Step::KeyElided {
                group: "mta".into(),
                host: "rg00".into(),
            },
            Step::KeyNotCaptured {
                group: "mta".into(),
                host: "rg00".into(),
            },
            Step::TrustedHostsNotCaptured {
                group: "mta".into(),
            },
            Step::KeepChosenValue {
                name: "smtp.maxmsgsum".into(),
                now: "100".into(),
                command: "smtp set maxmsgsum 314572800".into(),
            },
            Step::CheckListedHostKey {
                group: "mta".into(),
                host: "rg00".into(),
            },
            Step::ReapplyNotCaptured { name: "a.b".into() },
            Step::MessageNotCaptured { name: "a.b".into() },
            Step::SettingNotCaptured {
                name: "smtp.fastpath".into(),
                value: "on".into(),
                check: Some("smtp get fastpath".into()),
                commands: vec!["smtp set fastpath on".into()],
            },
            Step::SettingNotCaptured {
                name: "smtp.fastpath".into(),
                value: "on".into(),
                check: None,
                commands: vec!["smtp set fastpath on".into()],
            },
            Step::Console {
                scope: "system".into(),
                name: "relay".into(),
                value: "a`b".into(),
                at: None,
            },
            Step::NoCommand {
                scope: "example.com".into(),
                item,
            },
            Step::Remedy(crate::ops::Step::Console {
                page: "Settings > Relay".into(),
                action: crate::ops::Text::Note("check it".into()),
            }),
            Step::Vendor("domains.csv: enter it".into()),
        ]
    }

    #[test]
    fn every_step_is_worded_from_the_catalog_on_one_line() {
        let steps = one_of_each();
        for step in &steps {
            let text = step_words(step);
            assert!(!text.contains("restore-"), "{step:?}: {text}");
            assert_eq!(text.lines().count(), 1, "{step:?}: {text}");
        }
        assert_eq!(
            step_words(&steps[0]),
            "system\\nrm -rf: ldap.password is a secret, left out (use --show-secrets)"
        );
        assert_eq!(
            step_words(&steps[12]),
            "system: set relay to ``a`b`` in the admin console (no page is known for it)"
        );
        assert_eq!(
            step_words(&steps[10]),
            "smtp.fastpath was not captured: check it with `smtp get fastpath`; if it is not \
             `on`, run `smtp set fastpath on`"
        );
    }
}

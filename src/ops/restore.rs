//! `restore`: the commands that put back, on the upgraded appliance, what the known issues and
//! the export lose; with `--against`, only what a post-upgrade capture lacks.

use std::collections::BTreeMap;

use crate::emit::{Command, Script};
use crate::knowledge::{Detect, Entry, Remedy, Report};
use crate::model::{Config, Value, Version, SYSTEM};
use crate::vendors::{Knowledge, RestoreScript};

use super::evaluate::remedy;

/// One thing to put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restore {
    Setting {
        name: String,
        value: Value,
    },
    Entry {
        scope: String,
        list: String,
        entry: String,
    },
    Message {
        name: String,
        text: String,
    },
    TrustedHost {
        group: String,
        host: String,
        key: String,
    },
}

/// What to put back, by the scope it is set in, each with the rule that calls for it.
#[derive(Debug, Default)]
pub struct Plan {
    /// `system` first, then delegated domains.
    pub scopes: BTreeMap<String, Vec<(String, Restore)>>,
    /// Things the script cannot do: GUI steps, patches, keys not captured, secrets left out.
    pub by_hand: Vec<(String, String)>,
    /// Patches to install after the upgrade.
    pub patches: Vec<(String, String)>,
}

/// What to restore.
pub struct RestoreOptions<'a> {
    pub to: Version,
    /// A capture of the upgraded appliance: leave out what it already has.
    pub against: Option<&'a Config>,
    /// Every setting the model holds, not only what the known issues lose.
    pub all: bool,
    pub show_secrets: bool,
}

impl Plan {
    fn push(&mut self, scope: &str, rule: &str, item: Restore, against: Option<&Config>) {
        if against.is_some_and(|post| already(post, scope, &item)) {
            return;
        }
        let items = self.scopes.entry(scope.to_string()).or_default();
        if !items.iter().any(|(_, i)| *i == item) {
            items.push((rule.to_string(), item));
        }
    }
}

/// Whether the post-upgrade capture already holds the item as it should be.
fn already(post: &Config, scope: &str, item: &Restore) -> bool {
    match item {
        Restore::Setting { name, value } => post
            .settings
            .get(scope)
            .and_then(|s| s.get(name))
            .is_some_and(|v| v.value == *value),
        Restore::Entry { scope, list, entry } => post
            .lists
            .get(scope)
            .and_then(|l| l.get(list))
            .is_some_and(|l| l.contains(entry)),
        Restore::Message { name, text } => post
            .messages
            .get(scope)
            .and_then(|m| m.get(name))
            .is_some_and(|m| m.value == Value::Text(text.clone())),
        Restore::TrustedHost { group, host, key } => post
            .trusted_hosts
            .get(group)
            .and_then(|g| g.get(host))
            .is_some_and(|h| h.value.key.as_deref() == Some(key)),
    }
}

/// What to put back from the pre-upgrade captures `pre`.
pub fn plan(pre: &Config, knowledge: &dyn Knowledge, options: &RestoreOptions<'_>) -> Plan {
    let mut plan = Plan::default();
    let from = pre.appliance.version.as_ref().map(|v| v.value.clone());
    for release in knowledge
        .releases()
        .iter()
        .filter(|r| r.crossed(from.as_ref(), &options.to))
    {
        for entry in &release.entries {
            if !entry.applies_from(from.as_ref()) {
                continue;
            }
            if entry.reported_by(Report::Plan) || entry.reported_by(Report::Restore) {
                patches_and_steps(&mut plan, entry, knowledge);
            }
            if entry.reported_by(Report::Restore) {
                restore_items(&mut plan, pre, entry, options);
            }
        }
    }
    if options.all {
        everything(&mut plan, pre, options, "all");
    }
    if !options.show_secrets {
        leave_out_secrets(&mut plan);
    }
    plan
}

/// Secrets never reach a script unless asked for: each becomes a step by hand instead.
fn leave_out_secrets(plan: &mut Plan) {
    for (scope, items) in &mut plan.scopes {
        items.retain(|(rule, item)| match item {
            Restore::Setting {
                name,
                value: Value::Secret(_),
            } => {
                plan.by_hand.push((
                    rule.clone(),
                    format!("{scope}: {name} is a secret, left out (use --show-secrets)"),
                ));
                false
            }
            _ => true,
        });
    }
    plan.scopes.retain(|_, items| !items.is_empty());
}

/// The patches an entry recommends, and its steps by hand when restore reports it.
fn patches_and_steps(plan: &mut Plan, entry: &Entry, knowledge: &dyn Knowledge) {
    for step in &entry.remedy {
        match step {
            Remedy::Patch { .. } => {
                for command in remedy(entry, knowledge, &[])
                    .into_iter()
                    .filter(|r| !r.starts_with("GUI: "))
                {
                    // Several notes may name one patch (KI-4 and P-4): install it once.
                    if !plan.patches.iter().any(|(_, c)| *c == command) {
                        plan.patches.push((entry.id.clone(), command));
                    }
                }
            }
            Remedy::Gui(step) if entry.reported_by(Report::Restore) => {
                plan.by_hand.push((entry.id.clone(), step.clone()))
            }
            _ => {}
        }
    }
}

/// The items an entry's detector says the upgrade loses, put back.
fn restore_items(plan: &mut Plan, pre: &Config, entry: &Entry, options: &RestoreOptions<'_>) {
    let rule = entry.id.as_str();
    let against = options.against;
    match &entry.detect {
        Some(Detect::SettingNot { name, value }) => {
            let value = typed_like(pre, name, value);
            let item = Restore::Setting {
                name: name.clone(),
                value,
            };
            plan.push(SYSTEM, rule, item, against);
        }
        Some(Detect::ReapplySettings { names }) => {
            for name in names {
                match pre.settings.get(SYSTEM).and_then(|s| s.get(name)) {
                    Some(item) => plan.push(
                        SYSTEM,
                        rule,
                        Restore::Setting {
                            name: name.clone(),
                            value: item.value.clone(),
                        },
                        against,
                    ),
                    None => plan.by_hand.push((
                        rule.into(),
                        format!("{name} was not captured: re-set it as the release note says"),
                    )),
                }
            }
        }
        Some(Detect::ExportLacks { list }) => {
            for (scope, lists) in &pre.lists {
                for (entry, _) in lists.get(list).iter().flat_map(|l| l.iter()) {
                    let item = Restore::Entry {
                        scope: scope.clone(),
                        list: list.clone(),
                        entry: entry.to_string(),
                    };
                    plan.push(SYSTEM, rule, item, against);
                }
            }
        }
        Some(Detect::SystemMessage { name }) => {
            if let Some(item) = pre.messages.get(SYSTEM).and_then(|m| m.get(name)) {
                message(plan, SYSTEM, rule, name, &item.value, options);
            }
        }
        Some(Detect::TrustedHosts) => trusted_hosts(plan, pre, rule, against),
        // Nothing can be restored from elsewhere (a backup lock): restore everything.
        Some(Detect::Always) => everything(plan, pre, options, rule),
        _ => {}
    }
}

/// A value typed like the captured setting it replaces, so the comparison with a later capture
/// is of like with like.
fn typed_like(pre: &Config, name: &str, text: &str) -> Value {
    match pre
        .settings
        .get(SYSTEM)
        .and_then(|s| s.get(name))
        .map(|i| &i.value)
    {
        Some(Value::Bool(_)) => Value::Bool(matches!(text, "on" | "yes" | "true" | "1")),
        Some(Value::Bytes(_)) => text.parse().map_or(Value::Text(text.into()), Value::Bytes),
        Some(Value::Int(_)) => text.parse().map_or(Value::Text(text.into()), Value::Int),
        Some(Value::Enum(_)) => Value::Enum(text.into()),
        _ => match text {
            "on" => Value::Bool(true),
            "off" => Value::Bool(false),
            _ => text.parse().map_or(Value::Text(text.into()), Value::Bytes),
        },
    }
}

fn message(
    plan: &mut Plan,
    scope: &str,
    rule: &str,
    name: &str,
    value: &Value,
    options: &RestoreOptions<'_>,
) {
    match value {
        Value::Text(text) => plan.push(
            scope,
            rule,
            Restore::Message {
                name: name.into(),
                text: text.clone(),
            },
            options.against,
        ),
        Value::Secret(s) if options.show_secrets => plan.push(
            scope,
            rule,
            Restore::Message {
                name: name.into(),
                text: s.0.clone(),
            },
            options.against,
        ),
        _ => plan.by_hand.push((
            rule.into(),
            format!("{scope}: {name} is a secret, left out (use --show-secrets)"),
        )),
    }
}

fn trusted_hosts(plan: &mut Plan, pre: &Config, rule: &str, against: Option<&Config>) {
    for (group, hosts) in &pre.trusted_hosts {
        for (host, item) in hosts {
            match (&item.value.key, item.value.elided) {
                (Some(key), false) => plan.push(
                    SYSTEM,
                    rule,
                    Restore::TrustedHost { group: group.clone(), host: host.clone(), key: key.clone() },
                    against,
                ),
                (Some(_), true) => plan.by_hand.push((rule.into(), format!(
                    "trusted host {host} ({group}): its captured key has elided lines; paste the full key from `key getpublic MTA \"\"` on {host}"
                ))),
                (None, _) => plan.by_hand.push((rule.into(), format!(
                    "trusted host {host} ({group}): its key was not captured; run `key getpublic MTA \"\"` on {host} and add it"
                ))),
            }
        }
    }
}

/// `--all`: every setting, list entry, message and trusted host the model holds.
fn everything(plan: &mut Plan, pre: &Config, options: &RestoreOptions<'_>, rule: &str) {
    for (scope, settings) in &pre.settings {
        for (name, item) in settings {
            match &item.value {
                Value::Secret(_) if !options.show_secrets => plan.by_hand.push((
                    rule.into(),
                    format!("{scope}: {name} is a secret, left out (use --show-secrets)"),
                )),
                value => plan.push(
                    scope,
                    rule,
                    Restore::Setting {
                        name: name.clone(),
                        value: value.clone(),
                    },
                    options.against,
                ),
            }
        }
    }
    for (scope, lists) in &pre.lists {
        for (list, entries) in lists {
            for (entry, _) in entries.iter() {
                let item = Restore::Entry {
                    scope: scope.clone(),
                    list: list.clone(),
                    entry: entry.to_string(),
                };
                plan.push(SYSTEM, rule, item, options.against);
            }
        }
    }
    for (scope, messages) in &pre.messages {
        for (name, item) in messages {
            message(plan, scope, rule, name, &item.value, options);
        }
    }
    trusted_hosts(plan, pre, rule, options.against);
}

/// The value as the CLI writes it.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Secret(s) => s.0.clone(),
        other => other.to_string(),
    }
}

fn describe(item: &Restore) -> String {
    match item {
        Restore::Setting { name, .. } => format!("setting {name}"),
        Restore::Entry { scope, list, entry } => format!("{scope} {list} entry {entry}"),
        Restore::Message { name, .. } => format!("message {name}"),
        Restore::TrustedHost { group, host, .. } => format!("trusted host {host} ({group})"),
    }
}

/// The script: commands in a sensible order, each group under a remark naming its rule. Every
/// line is written by the emitter ([`crate::emit`]): a command from typed, quoted arguments, or a
/// remark through its sanitiser; so no capture text can become a command of its own.
pub fn script(plan: &Plan, writer: &dyn RestoreScript, header: &[String]) -> String {
    script_with_commands(plan, writer, header).0
}

/// [`script`], and the commands written into it in order: what running the script must do.
pub fn script_with_commands(
    plan: &Plan,
    writer: &dyn RestoreScript,
    header: &[String],
) -> (String, Vec<Command>) {
    let mut out = Script::new(writer.dialect());
    out.framing(writer.script_start());
    for line in header {
        out.remark(line);
    }
    out.framing(writer.prologue());
    let order = |r: &Restore| match r {
        Restore::Setting { .. } => 0,
        Restore::TrustedHost { .. } => 1,
        Restore::Entry { .. } => 2,
        Restore::Message { .. } => 3,
    };
    let scopes = plan
        .scopes
        .iter()
        .filter(|(s, _)| s.as_str() == SYSTEM)
        .chain(plan.scopes.iter().filter(|(s, _)| s.as_str() != SYSTEM));
    for (scope, items) in scopes {
        let mut items: Vec<&(String, Restore)> = items.iter().collect();
        items.sort_by_key(|(_, r)| order(r));
        if scope != SYSTEM {
            out.blank();
            out.remark(scope);
            // Its items are never written into another scope: when entering fails, none is.
            let entered = writer.enter_scope(scope).map(|c| out.command(&c));
            if let Some(Err(why)) = entered {
                let what = format!("the {} item(s) of {scope}", items.len());
                out.remark(&format!("not written, {}: {what}", why.0));
                continue;
            }
        }
        let mut last_rule = "";
        for (rule, item) in items {
            if rule != last_rule {
                out.remark(rule);
                last_rule = rule;
            }
            emit(&mut out, command(writer, scope, item), || describe(item));
        }
        if scope != SYSTEM {
            if let Some(leave) = writer.enter_scope("") {
                emit(&mut out, Some(leave), || format!("leave {scope}"));
            }
        }
    }
    out.into_parts()
}

/// The vendor's command for one item.
fn command(writer: &dyn RestoreScript, scope: &str, item: &Restore) -> Option<Command> {
    match item {
        Restore::Setting { name, value } => writer.write_setting(scope, name, &value_text(value)),
        Restore::Entry { scope, list, entry } => writer.write_list_entry(scope, list, entry),
        Restore::Message { name, text } => writer.write_message(name, text),
        Restore::TrustedHost { group, host, key } => writer.write_trusted_host(group, host, key),
    }
}

/// Writes a command, or, where there is none or it cannot be written safely, a remark that says
/// so: never dropped silently, and the runbook's reader sees what to do by hand.
fn emit(out: &mut Script<'_>, command: Option<Command>, what: impl Fn() -> String) {
    match command.map(|c| out.command(&c)) {
        Some(Ok(())) => {}
        Some(Err(why)) => out.remark(&format!("not written, {}: {}", why.0, what())),
        None => out.remark(&format!(
            "not written, no command is known for it: {}",
            what()
        )),
    }
}

//! Evaluating knowledge-base detectors against captures.

use crate::knowledge::{Detect, Entry, Remedy, Severity};
use crate::model::{Config, Value, Version, SYSTEM};
use crate::vendors::Dialect;

use super::{Finding, Status};

/// What the rules look at.
pub struct Captures<'a> {
    /// The appliance as its live captures (CLI logs, transcripts) show it.
    pub live: Option<&'a Config>,
    /// The appliance as its config export shows it.
    pub export: Option<&'a Config>,
    pub dialect: &'a dyn Dialect,
}

impl<'a> Captures<'a> {
    /// The best view of the appliance: the live one, else the export.
    pub fn model(&self) -> Option<&'a Config> {
        self.live.or(self.export)
    }

    /// The version the upgrade starts from, as captured.
    pub fn from(&self) -> Option<Version> {
        [self.live, self.export]
            .into_iter()
            .flatten()
            .find_map(|c| c.appliance.version.as_ref().map(|v| v.value.clone()))
    }

    fn locate(&self, config: &Config, at: crate::model::Origin) -> String {
        config.locate(at)
    }
}

/// Fills `{name}`, `{value}`, `{scope}`, `{entry}` of a remedy, quoting each value.
pub fn fill(template: &str, dialect: &dyn Dialect, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &dialect.quote(value));
    }
    out
}

/// The remedy lines of an entry, with templates filled for one item.
pub fn remedy(entry: &Entry, dialect: &dyn Dialect, args: &[(&str, &str)]) -> Vec<String> {
    entry
        .remedy
        .iter()
        .map(|r| match r {
            Remedy::Cli(template) => fill(template, dialect, args),
            Remedy::Gui(step) => format!("GUI: {step}"),
            Remedy::Patch {
                name,
                url,
                parameters,
            } => {
                let query = if parameters.is_empty() {
                    String::new()
                } else {
                    format!("?{parameters}")
                };
                format!("update install http://<your-server>/{name}.mpu5{query}    (fetch it from {url})")
            }
        })
        .collect()
}

fn finding(entry: &Entry, status: Status, summary: String) -> Finding {
    Finding {
        rule: entry.id.clone(),
        severity: if status == Status::Found {
            entry.severity
        } else {
            Severity::Info
        },
        status,
        summary,
        items: Vec::new(),
        evidence: Vec::new(),
        remedy: Vec::new(),
    }
}

fn not_captured(entry: &Entry, what: &str, commands: Vec<String>) -> Finding {
    let mut f = finding(
        entry,
        Status::NotCaptured,
        format!("{}: {what} not captured", entry.title),
    );
    f.remedy = commands;
    f
}

/// Everything an entry says about the captures; empty when it does not apply.
pub fn evaluate(entry: &Entry, cx: &Captures<'_>) -> Vec<Finding> {
    let Some(detect) = &entry.detect else {
        return Vec::new();
    };
    let Some(model) = cx.model() else {
        return Vec::new();
    };
    let d = cx.dialect;
    match detect {
        Detect::Always => {
            let mut f = finding(entry, Status::Found, entry.title.clone());
            f.remedy = remedy(entry, d, &[]);
            vec![f]
        }
        Detect::SettingNot { name, value } => {
            match model.settings.get(SYSTEM).and_then(|s| s.get(name)) {
                Some(item) if item.value.to_string() == *value => {
                    vec![finding(entry, Status::Ok, format!("{name} is {value}"))]
                }
                Some(item) => {
                    let mut f = finding(
                        entry,
                        Status::Found,
                        format!("{} ({name} is {})", entry.title, item.value),
                    );
                    f.items.push(format!("{name} = {}", item.value));
                    f.evidence.push(cx.locate(model, item.at));
                    f.remedy = remedy(entry, d, &[("name", short(name)), ("value", value)]);
                    vec![f]
                }
                None => vec![not_captured(
                    entry,
                    name,
                    d.read_setting(name).into_iter().collect(),
                )],
            }
        }
        Detect::ReapplySettings { names } => {
            let mut f = finding(entry, Status::Found, entry.title.clone());
            let mut missing = Vec::new();
            for name in names {
                match model.settings.get(SYSTEM).and_then(|s| s.get(name)) {
                    Some(item) => {
                        f.items.push(format!("{name} = {}", item.value));
                        f.evidence.push(cx.locate(model, item.at));
                        let value = item.value.to_string();
                        f.remedy.extend(remedy(
                            entry,
                            d,
                            &[("name", short(name)), ("value", &value)],
                        ));
                    }
                    None => missing.extend(d.read_setting(name)),
                }
            }
            let mut out = Vec::new();
            if !f.items.is_empty() {
                out.push(f);
            }
            if !missing.is_empty() {
                out.push(not_captured(
                    entry,
                    "the settings to re-apply were",
                    missing,
                ));
            }
            out
        }
        Detect::ExportLacks { list } => export_lacks(entry, cx, list),
        Detect::SystemMessage { name } => system_message(entry, cx, model, name),
        Detect::MessagesIn { area } => {
            let mut f = finding(entry, Status::Found, entry.title.clone());
            for (scope, messages) in &model.messages {
                for (n, item) in messages
                    .iter()
                    .filter(|(n, _)| n.starts_with(&format!("{area}.")))
                {
                    f.items.push(format!("{scope}: {n}"));
                    f.evidence.push(cx.locate(model, item.at));
                }
            }
            f.remedy = remedy(entry, d, &[]);
            if_any(f)
        }
        Detect::RawMentions { text } => {
            let mut f = finding(entry, Status::Found, entry.title.clone());
            for (key, item) in &model.raw {
                let hit = key.contains(text.as_str())
                    || item
                        .value
                        .answer
                        .iter()
                        .any(|a| a.to_ascii_lowercase().contains(text.as_str()));
                if hit {
                    f.items.push(item.value.command.clone());
                    f.evidence.push(cx.locate(model, item.at));
                }
            }
            f.remedy = remedy(entry, d, &[]);
            if_any(f)
        }
        Detect::DelegatedDomains => {
            if model.domains.is_empty() {
                return Vec::new();
            }
            let mut f = finding(entry, Status::Found, entry.title.clone());
            for (domain, at) in model.domains.iter() {
                f.items.push(domain.to_string());
                f.evidence.push(cx.locate(model, at));
            }
            f.remedy = remedy(entry, d, &[]);
            vec![f]
        }
        Detect::TrustedHosts => {
            let hosts: Vec<_> = model
                .trusted_hosts
                .iter()
                .flat_map(|(g, hs)| hs.iter().map(move |(h, i)| (g, h, i)))
                .collect();
            if hosts.is_empty() {
                let mut f = finding(
                    entry,
                    Status::Found,
                    format!("{}: no trusted hosts captured", entry.title),
                );
                f.remedy = remedy(entry, d, &[]);
                return vec![f];
            }
            let mut f = finding(entry, Status::Found, entry.title.clone());
            for (group, host, item) in hosts {
                let exported = cx
                    .export
                    .and_then(|e| e.trusted_hosts.get(group.as_str()))
                    .and_then(|g| g.get(host.as_str()))
                    .is_some_and(|h| h.value.key.is_some());
                let key = match (&item.value.key, item.value.elided) {
                    (None, _) if exported => "key in the export only",
                    (None, _) => "key not captured",
                    (Some(_), true) => "key captured with elided lines",
                    (Some(_), false) => "key captured",
                };
                f.items.push(format!("{group}: {host} ({key})"));
                f.evidence.push(cx.locate(model, item.at));
            }
            f.remedy = remedy(entry, d, &[]);
            vec![f]
        }
        Detect::LicenseMissing { feature } => {
            if model.licenses.is_empty() {
                let mut f = not_captured(entry, "licenses", Vec::new());
                f.remedy = remedy(entry, d, &[]);
                return vec![f];
            }
            match model
                .licenses
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(feature))
            {
                Some((_, item)) => {
                    let mut f = finding(entry, Status::Ok, format!("{feature} is licensed"));
                    f.evidence.push(cx.locate(model, item.at));
                    vec![f]
                }
                None => {
                    let mut f = finding(entry, Status::Found, format!("{feature} is not licensed"));
                    f.remedy = remedy(entry, d, &[]);
                    vec![f]
                }
            }
        }
        Detect::VersionBelow { version } => {
            let min = Version::parse(version).expect("knowledge-base versions parse");
            match model.appliance.version.as_ref() {
                None => vec![not_captured(entry, "the MOS version", Vec::new())],
                Some(v) if v.value < min => {
                    let mut f = finding(
                        entry,
                        Status::Found,
                        format!("{} (the appliance runs {})", entry.title, v.value),
                    );
                    f.evidence.push(cx.locate(model, v.at));
                    f.remedy = remedy(entry, d, &[]);
                    vec![f]
                }
                Some(v) => {
                    let mut f = finding(
                        entry,
                        Status::Ok,
                        format!("{} is {} or later", v.value, version),
                    );
                    f.evidence.push(cx.locate(model, v.at));
                    vec![f]
                }
            }
        }
        Detect::VersionNot { version } => match model.appliance.version.as_ref() {
            None => vec![not_captured(entry, "the version", Vec::new())],
            Some(v) if v.value.to_string() == *version => {
                let mut f = finding(entry, Status::Ok, format!("the appliance runs {version}"));
                f.evidence.push(cx.locate(model, v.at));
                vec![f]
            }
            Some(v) => {
                let mut f = finding(
                    entry,
                    Status::Found,
                    format!("{} (it runs {})", entry.title, v.value),
                );
                f.evidence.push(cx.locate(model, v.at));
                f.remedy = remedy(entry, d, &[]);
                vec![f]
            }
        },
        Detect::Manual => {
            let mut f = not_captured(entry, "this, which no capture shows,", Vec::new());
            f.summary = format!("{}: no capture shows this; check it by hand", entry.title);
            f.remedy = remedy(entry, d, &[]);
            vec![f]
        }
        Detect::Cluster => {
            let mut f = finding(entry, Status::Found, entry.title.clone());
            for (scope, settings) in &model.settings {
                for (name, item) in settings.iter().filter(|(n, _)| n.contains("cluster")) {
                    f.items.push(format!("{scope}: {name} = {}", item.value));
                    f.evidence.push(cx.locate(model, item.at));
                }
            }
            if f.items.is_empty() {
                return vec![not_captured(entry, "cluster membership", Vec::new())];
            }
            f.remedy = remedy(entry, d, &[]);
            vec![f]
        }
        Detect::BackupDrops { items } => {
            let patterns: Vec<(globset::GlobMatcher, Option<&str>, &String)> = items
                .iter()
                .filter_map(|(pattern, label)| {
                    let (glob, value) = match pattern.split_once('=') {
                        Some((g, v)) => (g, Some(v)),
                        None => (pattern.as_str(), None),
                    };
                    Some((
                        globset::Glob::new(glob).ok()?.compile_matcher(),
                        value,
                        label,
                    ))
                })
                .collect();
            let mut f = finding(entry, Status::Found, String::new());
            for (scope, settings) in &model.settings {
                for (name, item) in settings {
                    let value = item.value.to_string();
                    let hit = patterns.iter().find(|(glob, want, _)| {
                        glob.is_match(name.as_str())
                            && want.is_none_or(|w| w.eq_ignore_ascii_case(&value))
                    });
                    if let Some((_, _, label)) = hit {
                        f.items.push(format!("{scope}: {name} ({label})"));
                        f.evidence.push(cx.locate(model, item.at));
                    }
                }
            }
            if f.items.is_empty() {
                return Vec::new();
            }
            f.summary = format!("{}: {} configured item(s)", entry.title, f.items.len());
            f.remedy = remedy(entry, d, &[]);
            vec![f]
        }
        Detect::UpdateMissing { name } => match model.updates.get(name) {
            Some(item) => {
                let mut f = finding(entry, Status::Ok, format!("{name} is installed"));
                f.evidence.push(cx.locate(model, item.at));
                vec![f]
            }
            None => {
                let mut f = finding(entry, Status::Found, entry.title.clone());
                f.remedy = remedy(entry, d, &[]);
                vec![f]
            }
        },
    }
}

/// The finding, when it names anything.
fn if_any(f: Finding) -> Vec<Finding> {
    if f.items.is_empty() {
        Vec::new()
    } else {
        vec![f]
    }
}

fn short(name: &str) -> &str {
    name.split_once('.').map_or(name, |(_, n)| n)
}

/// KI-6: entries the live captures show that the export lacks; scopes never listed live.
fn export_lacks(entry: &Entry, cx: &Captures<'_>, list: &str) -> Vec<Finding> {
    let d = cx.dialect;
    let mut out = Vec::new();
    let Some(live) = cx.live else {
        let model = cx.model().expect("checked by the caller");
        let commands = d
            .list_scopes(model)
            .iter()
            .filter_map(|s| d.read_list(s, list))
            .collect();
        return vec![not_captured(
            entry,
            &format!("no live capture: the {list} lists were"),
            commands,
        )];
    };
    let mut f = finding(entry, Status::Found, String::new());
    for (scope, lists) in &live.lists {
        let Some(entries) = lists.get(list) else {
            continue;
        };
        let exported = cx
            .export
            .and_then(|e| e.lists.get(scope))
            .and_then(|l| l.get(list));
        for (text, at) in entries.iter() {
            if exported.is_some_and(|e| e.contains(text)) {
                continue;
            }
            f.items.push(format!("{scope}: {text}"));
            f.evidence.push(live.locate(at));
            f.remedy
                .extend(remedy(entry, d, &[("scope", scope), ("entry", text)]));
        }
    }
    if !f.items.is_empty() {
        f.summary = match cx.export {
            Some(_) => format!(
                "{} {list} exception(s) the live captures show are not in the export",
                f.items.len()
            ),
            None => format!(
                "{} {list} exception(s) would be lost by any config export",
                f.items.len()
            ),
        };
        out.push(f);
    }
    let unlisted: Vec<String> = d
        .list_scopes(live)
        .into_iter()
        .filter(|scope| live.lists.get(scope).is_none_or(|l| !l.contains_key(list)))
        .collect();
    if !unlisted.is_empty() {
        let commands = unlisted
            .iter()
            .filter_map(|s| d.read_list(s, list))
            .collect();
        let mut f = not_captured(
            entry,
            &format!("the {list} lists of {}", unlisted.join(", ")),
            commands,
        );
        f.summary = format!(
            "the capture is incomplete: no live capture lists {list} for {}",
            unlisted.join(", ")
        );
        out.push(f);
    }
    out
}

/// KI-8: the system message reverts; delegated domains keep theirs.
fn system_message(entry: &Entry, cx: &Captures<'_>, model: &Config, name: &str) -> Vec<Finding> {
    let d = cx.dialect;
    let mut out = Vec::new();
    match model.messages.get(SYSTEM).and_then(|m| m.get(name)) {
        Some(item) => {
            let text = match &item.value {
                Value::Text(t) => t.clone(),
                other => other.to_string(),
            };
            let mut f = finding(
                entry,
                Status::Found,
                format!("{}: it will be reverted", entry.title),
            );
            f.items
                .push(format!("{SYSTEM}: {name} = {}", first_line(&text)));
            f.evidence.push(model.locate(item.at));
            f.remedy = remedy(entry, d, &[("value", &text)]);
            out.push(f);
        }
        None => out.push(not_captured(
            entry,
            &format!("the system {name}"),
            d.read_message(SYSTEM, name),
        )),
    }
    let mut safe = finding(
        entry,
        Status::Ok,
        "delegated domains keep their customized messages".into(),
    );
    for (scope, messages) in model.messages.iter().filter(|(s, _)| s.as_str() != SYSTEM) {
        if let Some(item) = messages.get(name) {
            safe.items.push(format!("{scope}: {name}"));
            safe.evidence.push(model.locate(item.at));
        }
    }
    if !safe.items.is_empty() {
        out.push(safe);
    }
    out
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    if text.trim_end().contains('\n') {
        format!("{line} ...")
    } else {
        line.to_string()
    }
}

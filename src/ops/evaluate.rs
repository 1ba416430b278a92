//! Evaluating knowledge-base detectors against captures: one function per kind of detector,
//! each reading like the release-note item it implements.

use crate::knowledge::{Detect, Entry, Remedy, Severity};
use crate::model::{Config, Item, Origin, Value, Version, SYSTEM};
use crate::vendors::{CapturePlan, Knowledge};

use super::{Finding, Status};

/// What the rules look at: the captures of one appliance and its vendor's knowledge.
pub struct Evidence<'a> {
    /// The appliance as its live captures (CLI logs, transcripts, capture folders) show it.
    pub live: Option<&'a Config>,
    /// The appliance as its config export shows it.
    pub export: Option<&'a Config>,
    /// The vendor's release notes and remedy forms.
    pub knowledge: &'a dyn Knowledge,
    /// How to capture what is missing, where the vendor knows.
    pub plan: Option<&'a dyn CapturePlan>,
}

impl<'a> Evidence<'a> {
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

    /// The command that shows a setting, if the vendor knows one.
    fn read_setting(&self, name: &str) -> Option<String> {
        self.plan.and_then(|p| p.read_setting(name))
    }

    /// The commands that show a list in each scope named.
    fn read_lists(&self, scopes: &[String], list: &str) -> Vec<String> {
        let Some(plan) = self.plan else {
            return Vec::new();
        };
        scopes
            .iter()
            .filter_map(|s| plan.read_list(s, list))
            .collect()
    }

    /// Every scope a list can have on the appliance.
    fn list_scopes(&self, config: &Config) -> Vec<String> {
        self.plan.map_or_else(
            || config.lists.keys().cloned().collect(),
            |p| p.list_scopes(config),
        )
    }
}

/// Fills `{name}`, `{value}`, `{scope}`, `{entry}` of a remedy, quoting each value.
pub fn fill(template: &str, knowledge: &dyn Knowledge, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &knowledge.quote(value));
    }
    out
}

/// The remedy lines of an entry, with templates filled for one item.
pub fn remedy(entry: &Entry, knowledge: &dyn Knowledge, args: &[(&str, &str)]) -> Vec<String> {
    entry
        .remedy
        .iter()
        .map(|r| match r {
            Remedy::Cli(template) => fill(template, knowledge, args),
            Remedy::Gui(step) => format!("GUI: {step}"),
            Remedy::Patch {
                name,
                url,
                parameters,
            } => knowledge.install_patch(name, url, parameters),
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
pub fn evaluate(entry: &Entry, cx: &Evidence<'_>) -> Vec<Finding> {
    let (Some(detect), Some(model)) = (&entry.detect, cx.model()) else {
        return Vec::new();
    };
    let rule = Rule { entry, cx, model };
    match detect {
        Detect::Always => rule.always(),
        Detect::SettingNot { name, value } => rule.setting_not(name, value),
        Detect::ReapplySettings { names } => rule.reapply_settings(names),
        Detect::ExportLacks { list } => export_lacks(entry, cx, list),
        Detect::SystemMessage { name } => system_message(entry, cx, model, name),
        Detect::MessagesIn { area } => rule.messages_in(area),
        Detect::RawMentions { text } => rule.raw_mentions(text),
        Detect::DelegatedDomains => rule.delegated_domains(),
        Detect::TrustedHosts => rule.trusted_hosts(),
        Detect::LicenseMissing { feature } => rule.license_missing(feature),
        Detect::VersionBelow { version } => rule.version_below(version),
        Detect::VersionNot { version } => rule.version_not(version),
        Detect::Manual => rule.manual(),
        Detect::Cluster => rule.cluster(),
        Detect::BackupDrops { items } => rule.backup_drops(items),
        Detect::UpdateMissing { name } => rule.update_missing(name),
    }
}

/// One entry evaluated against the best view of the appliance.
struct Rule<'e, 'c> {
    entry: &'e Entry,
    cx: &'e Evidence<'c>,
    model: &'c Config,
}

impl Rule<'_, '_> {
    fn found(&self, summary: String) -> Finding {
        finding(self.entry, Status::Found, summary)
    }

    fn ok(&self, summary: String) -> Finding {
        finding(self.entry, Status::Ok, summary)
    }

    /// The entry's remedy, with `args` filled in.
    fn remedy(&self, args: &[(&str, &str)]) -> Vec<String> {
        remedy(self.entry, self.cx.knowledge, args)
    }

    fn locate(&self, at: Origin) -> String {
        self.model.locate(at)
    }

    fn system_setting(&self, name: &str) -> Option<&Item<Value>> {
        self.model.settings.get(SYSTEM).and_then(|s| s.get(name))
    }

    /// The entry applies whenever the upgrade crosses its release.
    fn always(&self) -> Vec<Finding> {
        let mut f = self.found(self.entry.title.clone());
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// A system setting that must have one value (KI-5: fastpath on).
    fn setting_not(&self, name: &str, value: &str) -> Vec<Finding> {
        let Some(item) = self.system_setting(name) else {
            // Unknown, not assumed: say how to look, and what to do if it is not so.
            let commands = self.cx.read_setting(name).into_iter().collect();
            let mut f = not_captured(self.entry, name, commands);
            f.summary = format!("{}: unknown: {name} not captured", self.entry.title);
            let read = f.remedy.clone();
            let (steps, set): (Vec<String>, Vec<String>) = self
                .remedy(&[("name", short(name)), ("value", value)])
                .into_iter()
                .filter(|r| !read.contains(r))
                .partition(|r| r.starts_with("GUI: "));
            if !set.is_empty() {
                let set: Vec<String> = set.iter().map(|r| format!("`{r}`")).collect();
                f.remedy.push(format!(
                    "GUI: if it is not `{value}`, run {}",
                    set.join(", ")
                ));
            }
            f.remedy.extend(steps);
            return vec![f];
        };
        if item.value.to_string() == value {
            return vec![self.ok(format!("{name} is {value}"))];
        }
        let mut f = self.found(format!("{} ({name} is {})", self.entry.title, item.value));
        f.items.push(format!("{name} = {}", item.value));
        f.evidence.push(self.locate(item.at));
        f.remedy = self.remedy(&[("name", short(name)), ("value", value)]);
        vec![f]
    }

    /// Settings the upgrade breaks: re-set each to its captured value (KI-3).
    fn reapply_settings(&self, names: &[String]) -> Vec<Finding> {
        let mut f = self.found(self.entry.title.clone());
        let mut missing = Vec::new();
        for name in names {
            let Some(item) = self.system_setting(name) else {
                missing.extend(self.cx.read_setting(name));
                continue;
            };
            f.items.push(format!("{name} = {}", item.value));
            f.evidence.push(self.locate(item.at));
            let value = item.value.to_string();
            f.remedy
                .extend(self.remedy(&[("name", short(name)), ("value", &value)]));
        }
        let mut out = Vec::new();
        if !f.items.is_empty() {
            out.push(f);
        }
        if !missing.is_empty() {
            out.push(not_captured(
                self.entry,
                "the settings to re-apply were",
                missing,
            ));
        }
        out
    }

    /// Messages of one area in any scope (KI-1: AutoReply texts).
    fn messages_in(&self, area: &str) -> Vec<Finding> {
        let mut f = self.found(self.entry.title.clone());
        let prefix = format!("{area}.");
        for (scope, messages) in &self.model.messages {
            for (name, item) in messages.iter().filter(|(n, _)| n.starts_with(&prefix)) {
                f.items.push(format!("{scope}: {name}"));
                f.evidence.push(self.locate(item.at));
            }
        }
        f.remedy = self.remedy(&[]);
        if_any(f)
    }

    /// Commands the catalog does not know whose text or answer mentions a word (KI-2).
    fn raw_mentions(&self, text: &str) -> Vec<Finding> {
        let mut f = self.found(self.entry.title.clone());
        for (key, item) in &self.model.raw {
            let hit = key.contains(text)
                || item
                    .value
                    .answer
                    .iter()
                    .any(|a| a.to_ascii_lowercase().contains(text));
            if hit {
                f.items.push(item.value.command.clone());
                f.evidence.push(self.locate(item.at));
            }
        }
        f.remedy = self.remedy(&[]);
        if_any(f)
    }

    /// The appliance has delegated domains (KI-7).
    fn delegated_domains(&self) -> Vec<Finding> {
        if self.model.domains.is_empty() {
            return Vec::new();
        }
        let mut f = self.found(self.entry.title.clone());
        for (domain, at) in self.model.domains.iter() {
            f.items.push(domain.to_string());
            f.evidence.push(self.locate(at));
        }
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// Trusted hosts and whether their keys were captured (C-6).
    fn trusted_hosts(&self) -> Vec<Finding> {
        let hosts: Vec<_> = self
            .model
            .trusted_hosts
            .iter()
            .flat_map(|(g, hs)| hs.iter().map(move |(h, i)| (g, h, i)))
            .collect();
        if hosts.is_empty() {
            let mut f = self.found(format!("{}: no trusted hosts captured", self.entry.title));
            f.remedy = self.remedy(&[]);
            return vec![f];
        }
        let mut f = self.found(self.entry.title.clone());
        for (group, host, item) in hosts {
            let exported = self
                .cx
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
            f.evidence.push(self.locate(item.at));
        }
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// A licensed feature the upgrade needs (N-5: Upgrades Allowed).
    fn license_missing(&self, feature: &str) -> Vec<Finding> {
        if self.model.licenses.is_empty() {
            let mut f = not_captured(self.entry, "licenses", Vec::new());
            f.remedy = self.remedy(&[]);
            return vec![f];
        }
        let licensed = self
            .model
            .licenses
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(feature));
        if let Some((_, item)) = licensed {
            let mut f = self.ok(format!("{feature} is licensed"));
            f.evidence.push(self.locate(item.at));
            return vec![f];
        }
        let mut f = self.found(format!("{feature} is not licensed"));
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// The upgrade needs at least this source version (N-6).
    fn version_below(&self, version: &str) -> Vec<Finding> {
        let min = Version::parse(version).expect("knowledge-base versions parse");
        let Some(v) = self.model.appliance.version.as_ref() else {
            return vec![not_captured(self.entry, "the version", Vec::new())];
        };
        if v.value >= min {
            let mut f = self.ok(format!("{} is {} or later", v.value, version));
            f.evidence.push(self.locate(v.at));
            return vec![f];
        }
        let mut f = self.found(format!(
            "{} (the appliance runs {})",
            self.entry.title, v.value
        ));
        f.evidence.push(self.locate(v.at));
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// The upgrade starts from exactly this version.
    fn version_not(&self, version: &str) -> Vec<Finding> {
        let Some(v) = self.model.appliance.version.as_ref() else {
            return vec![not_captured(self.entry, "the version", Vec::new())];
        };
        if v.value.to_string() == version {
            let mut f = self.ok(format!("the appliance runs {version}"));
            f.evidence.push(self.locate(v.at));
            return vec![f];
        }
        let mut f = self.found(format!("{} (it runs {})", self.entry.title, v.value));
        f.evidence.push(self.locate(v.at));
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// A precondition no capture shows: always to be checked by hand.
    fn manual(&self) -> Vec<Finding> {
        let mut f = not_captured(self.entry, "this, which no capture shows,", Vec::new());
        f.summary = format!(
            "{}: no capture shows this; check it by hand",
            self.entry.title
        );
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// The appliance is a cluster node.
    fn cluster(&self) -> Vec<Finding> {
        // A node captured as standing alone is no cluster node.
        let standalone = self.model.settings.iter().find_map(|(_, settings)| {
            settings.iter().find(|(n, item)| {
                n.ends_with("cluster.role") && item.value.to_string() == "standalone"
            })
        });
        if let Some((name, item)) = standalone {
            let mut f = self.ok(format!("not a cluster node ({name} = standalone)"));
            f.evidence.push(self.locate(item.at));
            return vec![f];
        }
        let mut f = self.found(self.entry.title.clone());
        for (scope, settings) in &self.model.settings {
            for (name, item) in settings.iter().filter(|(n, _)| n.contains("cluster")) {
                f.items.push(format!("{scope}: {name} = {}", item.value));
                f.evidence.push(self.locate(item.at));
            }
        }
        if f.items.is_empty() {
            return vec![not_captured(self.entry, "cluster membership", Vec::new())];
        }
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// Settings a backup import does not carry, by glob (`name=value` to match a value too).
    fn backup_drops(&self, items: &std::collections::BTreeMap<String, String>) -> Vec<Finding> {
        let patterns: Vec<(globset::GlobMatcher, Option<&str>, &String)> = items
            .iter()
            .filter_map(|(pattern, label)| {
                let (glob, value) = match pattern.split_once('=') {
                    Some((g, v)) => (g, Some(v)),
                    None => (pattern.as_str(), None),
                };
                let matcher = globset::Glob::new(glob).ok()?.compile_matcher();
                Some((matcher, value, label))
            })
            .collect();
        let mut f = self.found(String::new());
        for (scope, settings) in &self.model.settings {
            for (name, item) in settings {
                let value = item.value.to_string();
                let hit = patterns.iter().find(|(glob, want, _)| {
                    glob.is_match(name.as_str())
                        && want.is_none_or(|w| w.eq_ignore_ascii_case(&value))
                });
                if let Some((_, _, label)) = hit {
                    f.items.push(format!("{scope}: {name} ({label})"));
                    f.evidence.push(self.locate(item.at));
                }
            }
        }
        if f.items.is_empty() {
            return Vec::new();
        }
        f.summary = format!("{}: {} configured item(s)", self.entry.title, f.items.len());
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// An update or patch that must be installed (KI-4, P-*).
    fn update_missing(&self, name: &str) -> Vec<Finding> {
        if let Some(item) = self.model.updates.get(name) {
            let mut f = self.ok(format!("{name} is installed"));
            f.evidence.push(self.locate(item.at));
            return vec![f];
        }
        let mut f = self.found(self.entry.title.clone());
        f.remedy = self.remedy(&[]);
        vec![f]
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
fn export_lacks(entry: &Entry, cx: &Evidence<'_>, list: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(live) = cx.live else {
        let model = cx.model().expect("checked by the caller");
        let commands = cx.read_lists(&cx.list_scopes(model), list);
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
            f.remedy.extend(remedy(
                entry,
                cx.knowledge,
                &[("scope", scope), ("entry", text)],
            ));
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
    let unlisted: Vec<String> = cx
        .list_scopes(live)
        .into_iter()
        .filter(|scope| live.lists.get(scope).is_none_or(|l| !l.contains_key(list)))
        .collect();
    if !unlisted.is_empty() {
        let commands = cx.read_lists(&unlisted, list);
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
fn system_message(entry: &Entry, cx: &Evidence<'_>, model: &Config, name: &str) -> Vec<Finding> {
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
            f.remedy = remedy(entry, cx.knowledge, &[("value", &text)]);
            out.push(f);
        }
        None => out.push(not_captured(
            entry,
            &format!("the system {name}"),
            cx.plan
                .map(|p| p.read_message(SYSTEM, name))
                .unwrap_or_default(),
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

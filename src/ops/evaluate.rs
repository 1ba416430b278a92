//! Evaluating knowledge-base detectors against captures: one function per kind of detector,
//! each reading like the release-note item it implements.

use crate::base::message::Message;
use crate::knowledge::{Detect, Entry, Release, Remedy, Severity};
use crate::message;
use crate::model::{Config, Item as ModelItem, Origin, Value, Version, SYSTEM};
use crate::vendors::{CapturePlan, Knowledge};

use super::{Evidence as At, Finding, Item, Status, Step, Text};

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

/// The commands an entry's remedy types on this appliance (a patch's install line included),
/// with templates filled for one item: what a restore script writes.
pub fn commands(entry: &Entry, knowledge: &dyn Knowledge, args: &[(&str, &str)]) -> Vec<String> {
    steps(entry, knowledge, args)
        .into_iter()
        .filter_map(|s| s.command().map(str::to_string))
        .collect()
}

/// The remedy steps of an entry, with templates filled for one item.
pub fn steps(entry: &Entry, knowledge: &dyn Knowledge, args: &[(&str, &str)]) -> Vec<Step> {
    entry
        .remedy
        .iter()
        .flat_map(|r| match r {
            Remedy::Cli(template) => vec![Step::run(fill(template, knowledge, args))],
            Remedy::CliNoted { command, note } => vec![Step::run_noted(
                fill(command, knowledge, args),
                Text::Note(note.clone()),
            )],
            Remedy::Elsewhere { on, command, note } => vec![Step::Elsewhere {
                on: Text::Note(on.clone()),
                command: command.clone(),
                form: crate::knowledge::Form::Unmarked,
                note: note.clone().map(Text::Note),
            }],
            Remedy::Console { page, action } => vec![Step::Console {
                page: page.clone(),
                action: Text::Note(action.clone()),
            }],
            Remedy::Dns(text) => vec![Step::Dns(Text::Note(text.clone()))],
            Remedy::Check(text) => vec![Step::check_note(text)],
            Remedy::Prompt { prompt, answer } => vec![Step::Prompt {
                prompt: prompt.clone(),
                answer: answer.clone(),
            }],
            Remedy::Suggest(text) => vec![Step::Check {
                text: Text::Note(text.clone()),
                suggestion: true,
            }],
            Remedy::Patch {
                name,
                url,
                parameters,
            } => knowledge.install_patch(name, url, parameters),
        })
        .collect()
}

/// A step taken only if a setting has `value`: a command to run, or a step by hand, then.
fn only_if_is(step: Step, value: &str) -> Step {
    let by_hand =
        |text: &str| Step::check(message!("remedy-if-is-step", value = value, step = text));
    match step {
        command @ Step::Command { .. } => {
            command.only_if(Text::Said(message!("remedy-only-if-is", value = value)))
        }
        Step::Check {
            text: Text::Note(text),
            suggestion: true,
        } => Step::Check {
            text: Text::Said(message!(
                "remedy-if-is-suggestion",
                value = value,
                step = text
            )),
            suggestion: true,
        },
        Step::Check {
            text: Text::Note(text),
            ..
        }
        | Step::Dns(Text::Note(text))
        | Step::Console {
            action: Text::Note(text),
            ..
        } => by_hand(&text),
        other => other,
    }
}

fn finding(entry: &Entry, status: Status, summary: Message) -> Finding {
    let severity = if status == Status::Found {
        entry.severity
    } else {
        Severity::Info
    };
    Finding::new(entry.id.clone(), severity, status, summary)
}

/// A finding that the captures lack what the entry needs, with the commands that show it.
fn not_captured(entry: &Entry, summary: Message, commands: Vec<String>) -> Finding {
    let mut f = finding(entry, Status::NotCaptured, summary);
    f.remedy = commands.into_iter().map(Step::run).collect();
    f
}

/// The entry's title alone, as a summary.
fn titled(entry: &Entry) -> Message {
    message!("finding-title", title = &entry.title)
}

/// Everything an entry of `release` says about the captures; empty when it does not apply.
pub fn evaluate(release: &Release, entry: &Entry, cx: &Evidence<'_>) -> Vec<Finding> {
    let (Some(detect), Some(model)) = (&entry.detect, cx.model()) else {
        return Vec::new();
    };
    let version = release.version();
    let from = cx.from();
    // A capture made on the release itself (or later) shows the appliance after the upgrade.
    let running = from.as_ref().is_some_and(|f| *f >= version);
    let rule = Rule {
        entry,
        cx,
        model,
        release: &release.version,
        running,
    };
    let findings = match detect {
        Detect::Always => rule.always(),
        Detect::SettingNot { name, value } => rule.setting_not(name, value),
        Detect::SettingIs { name, value } => rule.setting_is(name, value),
        Detect::NewSetting {
            name, recommended, ..
        } => rule.new_setting(name, recommended),
        Detect::ReapplySettings { names } => rule.reapply_settings(names),
        Detect::ExportLacks { list } => export_lacks(entry, cx, list),
        Detect::SystemMessage { name, defaults } => rule.system_message(name, defaults),
        Detect::MessagesIn { area } => rule.messages_in(area),
        Detect::RawMentions { text, listing } => rule.raw_mentions(text, listing.as_deref()),
        Detect::DelegatedDomains {
            license,
            unless_installed,
        } => rule.delegated_domains(license.as_deref(), unless_installed.as_deref()),
        Detect::TrustedHosts { group } => rule.trusted_hosts(group),
        Detect::LicenseMissing { feature, in_force } => rule.license_missing(feature, in_force),
        Detect::VersionBelow { version } => rule.version_below(version),
        Detect::VersionNot { version } => rule.version_not(version),
        Detect::Manual => rule.manual(),
        Detect::HardwareNot { models } => rule.hardware_not(models),
        Detect::Cluster => rule.cluster(),
        Detect::BackupDrops {
            items,
            captured_by,
            by_hand,
        } => rule.backup_drops(items, captured_by, by_hand),
        Detect::UpdateMissing { name, unlisted } => rule.update_missing(name, *unlisted),
        Detect::BackupStatus {
            command,
            done,
            confirmed,
        } => rule.backup_status(command, done, *confirmed),
    };
    findings
        .into_iter()
        .map(|f| Finding {
            phase: entry.phase,
            ..f
        })
        .map(|f| with_check(entry, f))
        .map(|f| wider(entry, from.as_ref(), f))
        .map(|f| marked(cx.knowledge, f))
        .collect()
}

/// A finding whose commands' forms are marked confirmed or inferred, as the catalog says.
fn marked(knowledge: &dyn Knowledge, mut f: Finding) -> Finding {
    f.remedy = f
        .remedy
        .into_iter()
        .map(|s| s.marked(|c| knowledge.form_confirmed(c)))
        .collect();
    f
}

/// A finding of an entry whose remedy no capture can show took effect: its remedy ends with
/// the check by hand.
fn with_check(entry: &Entry, mut f: Finding) -> Finding {
    if let (Some(check), Status::Found) = (&entry.check, f.status) {
        f.remedy.push(Step::check(message!(
            "remedy-check-after-upgrade",
            check = check
        )));
    }
    f
}

/// A finding of an entry applied from a version its note does not name: a warning that says
/// why it applies all the same.
fn wider(entry: &Entry, from: Option<&Version>, mut f: Finding) -> Finding {
    let Some(wider) = entry.wider_than_the_note(from) else {
        return f;
    };
    if f.status == Status::Found {
        f.severity = f.severity.min(Severity::Warning);
        f.also.push(message!(
            "finding-wider-than-the-note",
            names = wider.note_names.join(", "),
            because = &wider.because
        ));
    }
    f
}

/// One entry evaluated against the best view of the appliance.
struct Rule<'e, 'c> {
    entry: &'e Entry,
    cx: &'e Evidence<'c>,
    model: &'c Config,
    /// The release the entry is of, as the note writes it.
    release: &'e str,
    /// The captures show the appliance on the release (or later): after the upgrade.
    running: bool,
}

impl Rule<'_, '_> {
    fn found(&self, summary: Message) -> Finding {
        finding(self.entry, Status::Found, summary)
    }

    fn ok(&self, summary: Message) -> Finding {
        finding(self.entry, Status::Ok, summary)
    }

    /// The entry's remedy, with `args` filled in.
    fn remedy(&self, args: &[(&str, &str)]) -> Vec<Step> {
        steps(self.entry, self.cx.knowledge, args)
    }

    fn locate(&self, at: Origin) -> At {
        At::of(self.model, at)
    }

    fn system_setting(&self, name: &str) -> Option<&ModelItem<Value>> {
        self.model.settings.get(SYSTEM).and_then(|s| s.get(name))
    }

    /// The entry applies whenever the upgrade crosses its release.
    fn always(&self) -> Vec<Finding> {
        let mut f = self.found(titled(self.entry));
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// A setting no capture holds: unknown, not assumed. The finding says how to look, then
    /// what to run `if` the condition holds; the remedy's console steps follow.
    fn unknown_setting(&self, name: &str, args: &[(&str, &str)], condition: Condition) -> Finding {
        let read: Vec<String> = self.cx.read_setting(name).into_iter().collect();
        let summary = message!(
            "finding-unknown-setting",
            title = &self.entry.title,
            name = name
        );
        let mut f = not_captured(self.entry, summary, read.clone());
        let (steps, set): (Vec<Step>, Vec<Step>) = self
            .remedy(args)
            .into_iter()
            .filter(|r| !read.iter().any(|c| r.command() == Some(c.as_str())))
            .partition(Step::is_by_hand);
        let set: Vec<String> = set
            .iter()
            .filter_map(|r| r.command().map(|c| format!("`{c}`")))
            .collect();
        if !set.is_empty() {
            let commands = set.join(", ");
            f.remedy.push(Step::check(match condition {
                Condition::Not(value) => {
                    message!("remedy-if-not-run", value = value, commands = commands)
                }
                Condition::NotWanted(value) => {
                    message!(
                        "remedy-if-not-wanted-run",
                        value = value,
                        commands = commands
                    )
                }
            }));
        }
        f.remedy.extend(steps);
        f
    }

    /// A system setting that must have one value (KI-5: fastpath on).
    fn setting_not(&self, name: &str, value: &str) -> Vec<Finding> {
        let Some(item) = self.system_setting(name) else {
            let args = [("name", short(name)), ("value", value)];
            return vec![self.unknown_setting(name, &args, Condition::Not(value))];
        };
        if item.value.to_string() == value {
            return vec![self.ok(message!("finding-setting-is", name = name, value = value))];
        }
        let mut f = self.found(message!(
            "finding-setting-found",
            title = &self.entry.title,
            name = name,
            value = item.value.to_string()
        ));
        f.items.push(Item::setting(
            name,
            item.value.to_string(),
            self.locate(item.at),
        ));
        f.remedy = self.remedy(&[("name", short(name)), ("value", value)]);
        vec![f]
    }

    /// A system setting whose value makes the entry apply (KI-1: AutoReply linked to LDAP).
    /// Not captured, the entry cannot tell: it says how to look, and what follows if it is so.
    fn setting_is(&self, name: &str, value: &str) -> Vec<Finding> {
        let Some(item) = self.system_setting(name) else {
            let summary = message!(
                "finding-cannot-tell-setting",
                title = &self.entry.title,
                name = name
            );
            let mut f = not_captured(
                self.entry,
                summary,
                self.cx.read_setting(name).into_iter().collect(),
            );
            let steps = self.remedy(&[("name", short(name)), ("value", value)]);
            f.remedy
                .extend(steps.into_iter().map(|step| only_if_is(step, value)));
            return vec![f];
        };
        if item.value.to_string() != value {
            let mut f = self.ok(message!(
                "finding-setting-is",
                name = name,
                value = item.value.to_string()
            ));
            f.at.push(self.locate(item.at));
            return vec![f];
        }
        let mut f = self.found(message!(
            "finding-setting-found",
            title = &self.entry.title,
            name = name,
            value = value
        ));
        f.items
            .push(Item::setting(name, value, self.locate(item.at)));
        f.remedy = self.remedy(&[("name", short(name)), ("value", value)]);
        vec![f]
    }

    /// A setting new in the release, with the note's recommended value (F-5: maxmsgsum).
    /// Before the upgrade no capture can hold it: set the recommended value afterwards.
    fn new_setting(&self, name: &str, recommended: &str) -> Vec<Finding> {
        let args = [("name", short(name)), ("value", recommended)];
        match self.system_setting(name) {
            Some(item) if item.value.to_string() == recommended => {
                let mut f = self.ok(message!(
                    "finding-setting-recommended",
                    name = name,
                    value = recommended
                ));
                f.at.push(self.locate(item.at));
                vec![f]
            }
            Some(item) => {
                let mut f = self.found(message!(
                    "finding-setting-not-recommended",
                    title = &self.entry.title,
                    name = name,
                    value = item.value.to_string(),
                    recommended = recommended
                ));
                f.items.push(Item::setting(
                    name,
                    item.value.to_string(),
                    self.locate(item.at),
                ));
                // Another value may be the admin's choice: the note recommends its value only
                // where no other is wanted.
                f.remedy = self
                    .remedy(&args)
                    .into_iter()
                    .map(|r| {
                        let wanted = message!("remedy-only-if-not-wanted", value = recommended);
                        r.only_if(Text::Said(wanted))
                    })
                    .collect();
                vec![f]
            }
            // No capture of a version without the setting's read form can hold it: the
            // catalog dates the form (`since`), and the release note names the release.
            None if !self.running || !self.read_on_this_version(name) => {
                let mut f = self.found(message!(
                    "finding-setting-new",
                    title = &self.entry.title,
                    name = name,
                    release = self.release
                ));
                f.remedy = self.remedy(&args);
                vec![f]
            }
            None => vec![self.unknown_setting(name, &args, Condition::NotWanted(recommended))],
        }
    }

    /// Whether the command that reads a setting exists on the captured version, as the
    /// vendor's catalog dates its form.
    fn read_on_this_version(&self, name: &str) -> bool {
        let version = self.model.appliance.version.as_ref().map(|v| &v.value);
        self.cx
            .read_setting(name)
            .is_none_or(|command| self.cx.knowledge.form_on_version(&command, version))
    }

    /// Settings the upgrade breaks: re-set each to its captured value (KI-3).
    fn reapply_settings(&self, names: &[String]) -> Vec<Finding> {
        let mut f = self.found(titled(self.entry));
        let mut missing = Vec::new();
        for name in names {
            let Some(item) = self.system_setting(name) else {
                missing.extend(self.cx.read_setting(name));
                continue;
            };
            f.items.push(Item::setting(
                name,
                item.value.to_string(),
                self.locate(item.at),
            ));
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
                message!("finding-reapply-not-captured", title = &self.entry.title),
                missing,
            ));
        }
        out
    }

    /// Messages of one area in any scope (KI-1: AutoReply texts).
    fn messages_in(&self, area: &str) -> Vec<Finding> {
        let mut f = self.found(titled(self.entry));
        let prefix = format!("{area}.");
        for (scope, messages) in &self.model.messages {
            for (name, item) in messages.iter().filter(|(n, _)| n.starts_with(&prefix)) {
                f.items
                    .push(Item::scoped(scope, name, self.locate(item.at)));
            }
        }
        f.remedy = self.remedy(&[]);
        if_any(f)
    }

    /// Commands the catalog does not know whose text or answer mentions a word (KI-2). When
    /// the listing that would show it was never run, the entry cannot tell.
    fn raw_mentions(&self, text: &str, listing: Option<&str>) -> Vec<Finding> {
        let mut f = self.found(titled(self.entry));
        for (key, item) in &self.model.raw {
            let hit = key.contains(text)
                || item
                    .value
                    .answer
                    .iter()
                    .any(|a| a.to_ascii_lowercase().contains(text));
            if hit {
                f.items
                    .push(Item::at(item.value.command.clone(), self.locate(item.at)));
            }
        }
        if !f.items.is_empty() {
            f.remedy = self.remedy(&[]);
            return vec![f];
        }
        let Some(listing) = listing else {
            return Vec::new();
        };
        let listed = listing.to_ascii_lowercase();
        let ran = self
            .model
            .raw
            .keys()
            .chain(&self.model.coverage.raw)
            .any(|k| k.starts_with(&listed));
        if ran {
            return vec![self.ok(message!(
                "finding-raw-not-mentioned",
                listing = listing,
                text = text
            ))];
        }
        let summary = message!(
            "finding-raw-not-captured",
            title = &self.entry.title,
            listing = listing
        );
        vec![not_captured(self.entry, summary, vec![listing.into()])]
    }

    /// The appliance uses delegated domains (KI-7, P-3): some were captured, or the license
    /// for them is listed. A patch that fixes it, once installed, makes it fine.
    fn delegated_domains(&self, license: Option<&str>, unless: Option<&str>) -> Vec<Finding> {
        if let Some((name, item)) = unless.and_then(|n| self.model.updates.get_key_value(n)) {
            let mut f = self.ok(message!("finding-installed", name = name));
            f.at.push(self.locate(item.at));
            return vec![f];
        }
        if !self.model.domains.is_empty() {
            let mut f = self.found(titled(self.entry));
            for (domain, at) in self.model.domains.iter() {
                f.items.push(Item::at(domain.to_string(), self.locate(at)));
            }
            f.remedy = self.remedy(&[]);
            return vec![f];
        }
        let listed = self.model.coverage.licenses || !self.model.licenses.is_empty();
        if let (Some(license), true) = (license, listed) {
            let wanted = license.to_ascii_lowercase();
            let licensed = self
                .model
                .licenses
                .iter()
                .find(|(n, _)| n.to_ascii_lowercase().contains(&wanted));
            if let Some((name, item)) = licensed {
                let mut f = self.found(message!(
                    "finding-licensed-domains",
                    title = &self.entry.title,
                    name = name
                ));
                f.items.push(Item::at(name.clone(), self.locate(item.at)));
                f.remedy = self.remedy(&[]);
                return vec![f];
            }
            return vec![self.ok(message!(
                "finding-not-licensed-no-domains",
                license = license
            ))];
        }
        if self.model.coverage.domains_in_full {
            return vec![self.ok(message!("finding-no-delegated-domains"))];
        }
        let commands = self
            .cx
            .plan
            .map(|p| [p.read_item("licenses"), p.read_item("domains")].concat())
            .unwrap_or_default();
        let summary = message!("finding-domains-not-captured", title = &self.entry.title);
        vec![not_captured(self.entry, summary, commands)]
    }

    /// Trusted hosts of a group and whether their keys were captured (C-6). A group never
    /// listed is not captured, never "no trusted hosts".
    fn trusted_hosts(&self, group: &str) -> Vec<Finding> {
        let hosts: Vec<_> = self
            .model
            .trusted_hosts
            .get(group)
            .into_iter()
            .flat_map(|hs| hs.iter())
            .collect();
        if hosts.is_empty() {
            let path = format!("trusted_hosts/{group}");
            if !self.model.coverage.observes(&path) {
                let commands = self.cx.plan.map(|p| p.read_item(&path)).unwrap_or_default();
                let summary = message!(
                    "finding-trusted-hosts-not-captured",
                    title = &self.entry.title,
                    group = group
                );
                return vec![not_captured(self.entry, summary, commands)];
            }
            let mut f = self.found(message!(
                "finding-trusted-hosts-none",
                title = &self.entry.title,
                group = group
            ));
            f.remedy = self.remedy(&[]);
            return vec![f];
        }
        let mut f = self.found(titled(self.entry));
        for (host, item) in hosts {
            let exported = self
                .cx
                .export
                .and_then(|e| e.trusted_hosts.get(group))
                .and_then(|g| g.get(host.as_str()))
                .is_some_and(|h| h.value.key.is_some());
            let key = match (&item.value.key, item.value.elided) {
                (None, _) if exported => message!("item-key-in-export-only"),
                (None, _) => message!("item-key-not-captured"),
                (Some(_), true) => message!("item-key-captured-elided"),
                (Some(_), false) => message!("item-key-captured"),
            };
            f.items
                .push(Item::scoped(group, host.as_str(), self.locate(item.at)).noted(key));
        }
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// The system message a release reverts (KI-8); delegated domains keep theirs. Only a
    /// customized text is lost: one equal to a known default is not, and with no default known
    /// the finding says it cannot tell. On the release itself no capture can tell: the admin
    /// screen shows the customized text while the default is delivered.
    fn system_message(&self, name: &str, defaults: &[String]) -> Vec<Finding> {
        let (entry, model) = (self.entry, self.model);
        let mut out = Vec::new();
        match model.messages.get(SYSTEM).and_then(|m| m.get(name)) {
            Some(item) => {
                let text = match &item.value {
                    Value::Text(t) => t.clone(),
                    other => other.to_string(),
                };
                let shown = Item::setting(name, &text, At::of(model, item.at)).within(SYSTEM);
                let is_default = defaults.iter().any(|d| same_text(d, &text));
                let mut f = if self.running {
                    let mut f = finding(
                        entry,
                        Status::NotCaptured,
                        message!(
                            "finding-message-running",
                            title = &entry.title,
                            release = self.release
                        ),
                    );
                    f.remedy.extend(entry.check.iter().map(Step::check_note));
                    f
                } else if is_default {
                    let mut f = self.ok(message!("finding-message-default", name = name));
                    f.at.extend(shown.evidence);
                    out.push(f);
                    return out;
                } else if defaults.is_empty() {
                    let mut f = self.found(message!(
                        "finding-message-maybe-customized",
                        title = &entry.title
                    ));
                    f.severity = f.severity.min(Severity::Warning);
                    f
                } else {
                    self.found(message!("finding-message-customized", title = &entry.title))
                };
                f.items.push(shown);
                f.remedy
                    .extend(steps(entry, self.cx.knowledge, &[("value", &text)]));
                out.push(f);
            }
            None => out.push(not_captured(
                entry,
                message!(
                    "finding-system-message-not-captured",
                    title = &entry.title,
                    name = name
                ),
                self.cx
                    .plan
                    .map(|p| p.read_message(SYSTEM, name))
                    .unwrap_or_default(),
            )),
        }
        let mut safe = self.ok(message!("finding-delegated-keep-messages"));
        for (scope, messages) in model.messages.iter().filter(|(s, _)| s.as_str() != SYSTEM) {
            if let Some(item) = messages.get(name) {
                safe.items
                    .push(Item::scoped(scope, name, At::of(model, item.at)));
            }
        }
        if !safe.items.is_empty() {
            out.push(safe);
        }
        out
    }

    /// A licensed feature the upgrade needs (N-5: Upgrades Allowed).
    fn license_missing(&self, feature: &str, in_force: &[String]) -> Vec<Finding> {
        if self.model.licenses.is_empty() && !self.model.coverage.licenses {
            let commands = self
                .cx
                .plan
                .map(|p| p.read_item("licenses"))
                .unwrap_or_default();
            let summary = message!("finding-licenses-not-captured", title = &self.entry.title);
            let mut f = not_captured(self.entry, summary, commands);
            let more: Vec<Step> = self
                .remedy(&[])
                .into_iter()
                .filter(|r| !f.remedy.contains(r))
                .collect();
            f.remedy.extend(more);
            return vec![f];
        }
        let licensed = self
            .model
            .licenses
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(feature));
        if let Some((_, item)) = licensed {
            let state = item.value.trim();
            let first = state.split_whitespace().next().unwrap_or("");
            let mut f =
                match state.is_empty() || in_force.iter().any(|w| w.eq_ignore_ascii_case(first)) {
                    true => self.ok(message!("finding-licensed", feature = feature)),
                    false => {
                        let mut f = self.found(message!(
                            "finding-license-not-in-force",
                            feature = feature,
                            state = state
                        ));
                        f.remedy = self.remedy(&[]);
                        f
                    }
                };
            f.at.push(self.locate(item.at));
            return vec![f];
        }
        let mut f = self.found(message!("finding-not-licensed", feature = feature));
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// The upgrade needs at least this source version (N-6).
    fn version_below(&self, version: &str) -> Vec<Finding> {
        let min = Version::parse(version).expect("knowledge-base versions parse");
        let Some(v) = self.model.appliance.version.as_ref() else {
            return vec![self.version_not_captured()];
        };
        if v.value >= min {
            let mut f = self.ok(message!(
                "finding-version-at-least",
                version = v.value.to_string(),
                min = version
            ));
            f.at.push(self.locate(v.at));
            return vec![f];
        }
        let mut f = self.found(message!(
            "finding-version-below",
            title = &self.entry.title,
            version = v.value.to_string()
        ));
        f.at.push(self.locate(v.at));
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// The upgrade starts from exactly this version.
    fn version_not(&self, version: &str) -> Vec<Finding> {
        let Some(v) = self.model.appliance.version.as_ref() else {
            return vec![self.version_not_captured()];
        };
        if v.value.to_string() == version {
            let mut f = self.ok(message!("finding-version-is", version = version));
            f.at.push(self.locate(v.at));
            return vec![f];
        }
        let mut f = self.found(message!(
            "finding-version-not",
            title = &self.entry.title,
            version = v.value.to_string()
        ));
        f.at.push(self.locate(v.at));
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    fn version_not_captured(&self) -> Finding {
        let summary = message!("finding-version-not-captured", title = &self.entry.title);
        not_captured(self.entry, summary, Vec::new())
    }

    /// The hardware model must be one the note names (対象のお客様: the 6, 61 and 7 series).
    fn hardware_not(&self, models: &[String]) -> Vec<Finding> {
        let Some(model) = self.model.appliance.model.as_ref() else {
            let summary = message!("finding-hardware-not-captured", title = &self.entry.title);
            let mut f = not_captured(self.entry, summary, Vec::new());
            f.remedy = self.remedy(&[]);
            return vec![f];
        };
        let at = self.locate(model.at);
        if models.iter().any(|m| m.eq_ignore_ascii_case(&model.value)) {
            let mut f = self.ok(message!("finding-hardware-eligible", model = &model.value));
            f.at.push(at);
            return vec![f];
        }
        let mut f = self.found(message!(
            "finding-hardware-not-eligible",
            title = &self.entry.title,
            model = &model.value
        ));
        f.at.push(at);
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// A precondition no capture shows: always to be checked by hand.
    fn manual(&self) -> Vec<Finding> {
        let summary = message!("finding-manual", title = &self.entry.title);
        let mut f = not_captured(self.entry, summary, Vec::new());
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// The appliance is a cluster node.
    fn cluster(&self) -> Vec<Finding> {
        // A node captured as standing alone is no cluster node; the vendor knows what says so.
        if let Some((name, item)) = self.cx.knowledge.stands_alone(self.model) {
            let mut f = self.ok(message!(
                "finding-not-a-cluster-node",
                name = name,
                value = item.value.to_string()
            ));
            f.at.push(self.locate(item.at));
            return vec![f];
        }
        let mut f = self.found(titled(self.entry));
        for (scope, settings) in &self.model.settings {
            for (name, item) in settings.iter().filter(|(n, _)| n.contains("cluster")) {
                let at = self.locate(item.at);
                f.items
                    .push(Item::setting(name, item.value.to_string(), at).within(scope));
            }
        }
        if f.items.is_empty() {
            let summary = message!("finding-cluster-not-captured", title = &self.entry.title);
            let mut f = not_captured(self.entry, summary, Vec::new());
            f.remedy
                .extend(self.remedy(&[]).into_iter().filter(Step::is_by_hand));
            return vec![f];
        }
        f.remedy = self.remedy(&[]);
        vec![f]
    }

    /// Settings a backup import does not carry, by glob (`name=value` to match a value too).
    /// What the captures found is one finding; what they could not show (a line of the by-hand
    /// template left empty, and what no capture can hold at all) is another, never "ok".
    fn backup_drops(
        &self,
        items: &std::collections::BTreeMap<String, String>,
        captured_by: &std::collections::BTreeMap<String, String>,
        by_hand: &[String],
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let found = self.dropped_settings(items);
        if !found.is_empty() {
            let mut f = self.found(message!(
                "finding-backup-drops",
                title = &self.entry.title,
                count = found.len()
            ));
            f.items = found;
            f.remedy = self.remedy(&[]);
            out.push(f);
        }
        let missing: Vec<(&String, &String)> = captured_by
            .iter()
            .filter(|(setting, _)| !self.holds_setting(setting))
            .collect();
        let summary = if missing.is_empty() {
            message!(
                "finding-backup-drops-by-hand",
                title = &self.entry.title,
                uncapturable = by_hand.len()
            )
        } else {
            message!(
                "finding-backup-drops-not-captured",
                title = &self.entry.title,
                count = missing.len(),
                uncapturable = by_hand.len()
            )
        };
        let mut f = not_captured(self.entry, summary, Vec::new());
        for (setting, line) in &missing {
            f.items.push(Item {
                scope: None,
                name: None,
                value: setting.to_string(),
                note: Some(message!("item-not-captured-by", line = line.as_str())),
                evidence: None,
            });
        }
        let lines: Vec<&str> = missing.iter().map(|(_, l)| l.as_str()).collect();
        if !lines.is_empty() {
            f.remedy.push(Step::check(message!(
                "remedy-fill-in",
                lines = lines.join(", ")
            )));
        }
        f.remedy.extend(
            by_hand
                .iter()
                .map(|what| Step::check(message!("remedy-note-by-hand", what = what))),
        );
        if !f.remedy.is_empty() {
            out.push(f);
        }
        out
    }

    /// The captured settings a backup import does not carry.
    fn dropped_settings(&self, items: &std::collections::BTreeMap<String, String>) -> Vec<Item> {
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
        let mut out = Vec::new();
        for (scope, settings) in &self.model.settings {
            for (name, item) in settings {
                let value = item.value.to_string();
                let hit = patterns.iter().find(|(glob, want, _)| {
                    glob.is_match(name.as_str())
                        && want.is_none_or(|w| w.eq_ignore_ascii_case(&value))
                });
                if let Some((_, _, label)) = hit {
                    let label = message!("item-what-it-is", what = label.as_str());
                    out.push(Item::scoped(scope, name.as_str(), self.locate(item.at)).noted(label));
                }
            }
        }
        out
    }

    /// Whether the captures hold a system setting: a value (or the items of a list value,
    /// `name.0`, ...), or a note that it is unset.
    fn holds_setting(&self, setting: &str) -> bool {
        let prefix = format!("{setting}.");
        let valued = self.model.settings.get(SYSTEM).is_some_and(|s| {
            s.keys()
                .any(|n| n.as_str() == setting || n.starts_with(&prefix))
        });
        valued || self.model.raw.contains_key(&format!("{SYSTEM}/{setting}"))
    }

    /// The state of the last backup, from the answer of the listing of backups (N-4). A backup
    /// whose state is `done` is fine; any other state, or no backup, is found; a listing never
    /// run is not captured. Where the answer's form is inferred, the finding says so.
    fn backup_status(&self, command: &str, done: &str, confirmed: bool) -> Vec<Finding> {
        let wanted = command.to_ascii_lowercase();
        let listing = self
            .model
            .raw
            .iter()
            .find(|(key, _)| key.to_ascii_lowercase().starts_with(&wanted));
        let form = |mut f: Finding| {
            if !confirmed {
                f.also
                    .push(message!("finding-form-inferred", form = command));
            }
            f
        };
        let Some((_, item)) = listing else {
            let summary = message!(
                "finding-backup-not-captured",
                title = &self.entry.title,
                command = command
            );
            let mut f = not_captured(self.entry, summary, vec![command.to_string()]);
            f.remedy.extend(
                self.remedy(&[])
                    .into_iter()
                    .filter(|r| r.command() != Some(command)),
            );
            return vec![f];
        };
        let at = self.locate(item.at);
        // `<name> <state>`, the state all the words after the name (`Not Done`, `Done with
        // errors`); the last backup is the one numbered highest (`Backup-10001`), else the
        // last listed.
        let backups: Vec<(&str, &str, &str)> = item
            .value
            .answer
            .iter()
            .filter_map(|line| {
                let line = line.trim();
                let (name, state) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
                (!name.is_empty()).then(|| (line, name, state.trim().trim_matches('"')))
            })
            .collect();
        let number = |name: &str| {
            let digits = name
                .trim_matches('"')
                .rsplit(|c: char| !c.is_ascii_digit())
                .next();
            digits.and_then(|d| d.parse::<u64>().ok())
        };
        let latest = match backups.iter().all(|(_, name, _)| number(name).is_some()) {
            true => backups.iter().max_by_key(|(_, name, _)| number(name)),
            false => backups.last(),
        };
        let Some((shown, _, state)) = latest else {
            let mut f = self.found(message!(
                "finding-backup-none",
                title = &self.entry.title,
                command = command
            ));
            f.at.push(at);
            f.remedy = self.remedy(&[]);
            return vec![form(f)];
        };
        let shown = shown.to_string();
        if state.eq_ignore_ascii_case(done) {
            let mut f = self.ok(message!("finding-backup-done", backup = shown));
            f.at.push(at);
            return vec![form(f)];
        }
        let mut f = self.found(message!(
            "finding-backup-not-done",
            title = &self.entry.title,
            backup = &shown
        ));
        f.items.push(Item::at(shown, at));
        f.remedy = self.remedy(&[]);
        vec![form(f)]
    }

    /// An update or patch that must be installed (KI-4, P-*). A patch the installed list
    /// never shows cannot be found missing: the finding asks by hand.
    fn update_missing(&self, name: &str, unlisted: bool) -> Vec<Finding> {
        if let Some(item) = self.model.updates.get(name) {
            let mut f = self.ok(message!("finding-installed", name = name));
            f.at.push(self.locate(item.at));
            return vec![f];
        }
        if unlisted {
            let summary = message!(
                "finding-update-unlisted",
                title = &self.entry.title,
                name = name
            );
            // The condition rides on the install command: one step, never ticked apart.
            let condition = Text::Said(message!("remedy-only-if-not-installed", name = name));
            let mut f = not_captured(self.entry, summary, Vec::new());
            f.remedy.extend(
                self.remedy(&[])
                    .into_iter()
                    .map(|s| s.only_if(condition.clone())),
            );
            return vec![f];
        }
        if !self.model.coverage.updates && self.model.updates.is_empty() {
            let commands = self
                .cx
                .plan
                .map(|p| p.read_item("updates"))
                .unwrap_or_default();
            let summary = message!("finding-updates-not-captured", title = &self.entry.title);
            let mut f = not_captured(self.entry, summary, commands);
            f.remedy.extend(self.remedy(&[]));
            return vec![f];
        }
        let mut f = self.found(titled(self.entry));
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

/// When a setting no capture holds calls for the remedy's commands.
enum Condition<'a> {
    /// It is not this value.
    Not(&'a str),
    /// It is not this recommended value, and no other value is wanted.
    NotWanted(&'a str),
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
            message!("finding-no-live-capture", title = &entry.title, list = list),
            commands,
        )];
    };
    let mut f = finding(entry, Status::Found, titled(entry));
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
            f.items.push(Item::scoped(scope, text, At::of(live, at)));
            f.remedy.extend(steps(
                entry,
                cx.knowledge,
                &[("scope", scope), ("entry", text)],
            ));
        }
    }
    if !f.items.is_empty() {
        let count = f.items.len();
        f.summary = match cx.export {
            Some(_) => message!("finding-export-lacks", count = count, list = list),
            None => message!("finding-any-export-loses", count = count, list = list),
        };
        out.push(f);
    }
    let unlisted: Vec<String> = cx
        .list_scopes(live)
        .into_iter()
        // Listed in full, not merely seen: a listing the log cut short is still incomplete.
        .filter(|scope| !live.coverage.lists_in_full(scope, list))
        .collect();
    if !unlisted.is_empty() {
        let commands = cx.read_lists(&unlisted, list);
        let summary = message!(
            "finding-lists-not-listed",
            list = list,
            scopes = unlisted.join(", ")
        );
        out.push(not_captured(entry, summary, commands));
    }
    // A delegated domain no capture named has lists too: until the domains are listed, not
    // every scope is known, and the export may lose entries of one nobody listed.
    let domains = cx.plan.map(|p| p.read_item("domains")).unwrap_or_default();
    if !live.coverage.domains_in_full && !domains.is_empty() {
        let summary = message!("finding-domain-lists-not-known", list = list);
        out.push(not_captured(entry, summary, domains));
    }
    out
}

/// Whether two message texts are the same, line ends and trailing blanks aside.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let lines = |t: &str| -> Vec<String> {
        t.trim_end()
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect()
    };
    lines(a) == lines(b)
}

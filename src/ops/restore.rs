//! `restore`: the commands that put back, on the upgraded appliance, what the known issues and
//! the export lose; with `--against`, only what a post-upgrade capture lacks.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasher, Hash, Hasher};

use crate::emit::{one_command, Command, Dialect, Script, Sink, Unwritable};
use crate::knowledge::{Detect, Entry, Remedy, Report};
use crate::model::{Config, List, Origin, Value, Version, SYSTEM};
use crate::vendors::{CapturePlan, Knowledge, RestoreScript};

use super::diff::capture_commands;
use super::evaluate::{commands, same_text};

/// One thing to put back.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Restore {
    /// A setting of the scope the item is planned in.
    Setting {
        /// The setting's name (`smtp.fastpath`).
        name: String,
        /// The value to write.
        value: Value,
    },
    /// Entries of one list, each written by a command of its own: a whole list is planned
    /// once, as spans of the capture's text, not entry by entry.
    Entries {
        /// The list's scope (`primary`, a domain).
        scope: String,
        /// The list's name.
        list: String,
        /// The entries, sorted, each once.
        entries: List,
    },
    /// A message of the scope the item is planned in.
    Message {
        /// The message's name (`branding.quotamsg`).
        name: String,
        /// Its text.
        text: String,
    },
    /// A trusted host with its key.
    TrustedHost {
        /// The host's group.
        group: String,
        /// The host.
        host: String,
        /// Its key block.
        key: String,
    },
}

impl Restore {
    /// One entry of a list, as an item.
    pub fn entry(scope: &str, list: &str, entry: &str) -> Restore {
        Restore::Entries {
            scope: scope.to_string(),
            list: list.to_string(),
            entries: List::from_entries([(entry, Origin { source: 0, line: 0 })]),
        }
    }

    /// The item path the model gives this item in `scope`: a list's, or its entry's when
    /// it holds one.
    pub fn path(&self, scope: &str) -> String {
        match self {
            Restore::Setting { name, .. } => format!("settings/{scope}/{name}"),
            Restore::Entries {
                scope,
                list,
                entries,
            } => match entries.len() {
                1 => entries
                    .iter()
                    .map(|(e, _)| entry_path(scope, list, e))
                    .collect(),
                _ => format!("lists/{scope}/{list}"),
            },
            Restore::Message { name, .. } => format!("messages/{scope}/{name}"),
            Restore::TrustedHost { group, host, .. } => format!("trusted_hosts/{group}/{host}"),
        }
    }

    /// How many commands the item asks for: one, or one per entry.
    pub fn len(&self) -> usize {
        match self {
            Restore::Entries { entries, .. } => entries.len(),
            _ => 1,
        }
    }

    /// Whether the item asks for no command (a list of no entries).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What the item asks a command for, one by one: itself, or each of its entries.
    pub fn each(&self) -> impl Iterator<Item = One<'_>> {
        let (item, list) = match self {
            Restore::Entries {
                scope,
                list,
                entries,
            } => (None, Some((scope.as_str(), list.as_str(), entries))),
            item => (Some(One::Item(item)), None),
        };
        let entries = list.into_iter().flat_map(|(scope, list, entries)| {
            let entry = move |(entry, _)| One::Entry { scope, list, entry };
            entries.iter().map(entry)
        });
        item.into_iter().chain(entries)
    }
}

/// The item path of a list's entry.
fn entry_path(scope: &str, list: &str, entry: &str) -> String {
    format!("lists/{scope}/{list}/{entry}")
}

/// What one command is written for: a planned item, or one entry of a planned list.
#[derive(Debug, Clone, Copy)]
pub enum One<'a> {
    /// An item other than a list's entries.
    Item(&'a Restore),
    /// One entry of a list.
    Entry {
        /// The list's scope.
        scope: &'a str,
        /// The list's name.
        list: &'a str,
        /// The entry.
        entry: &'a str,
    },
}

impl One<'_> {
    /// The item path the model gives it in `scope`.
    pub fn path(&self, scope: &str) -> String {
        match self {
            One::Item(item) => item.path(scope),
            One::Entry { scope, list, entry } => entry_path(scope, list, entry),
        }
    }

    /// The vendor's command for it.
    pub(crate) fn command(&self, writer: &dyn RestoreScript, scope: &str) -> Option<Command> {
        match self {
            One::Item(item) => command(writer, scope, item),
            One::Entry { scope, list, entry } => writer.write_list_entry(scope, list, entry),
        }
    }
}

/// What a planned item is written under: the rule that calls for it and, where there is more
/// to say, why. The script's remark before each run of items; `render` puts it in words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// The rule's id (`MOS-4.2.3-KI-6`), or what else asked for the items (`all`).
    Rule(String),
    /// A setting new in the release: the rule's id and the release note's title.
    New {
        /// The rule's id.
        rule: String,
        /// The release note's title.
        title: String,
    },
    /// A rule no capture can show fixed, compared with a post-upgrade capture: its items are
    /// written whatever that capture shows, and the runbook says how to check them by hand.
    Unprovable(String),
    /// A rule's remedy, which wins over the value captured for the setting.
    RemedyWins {
        /// The rule's id.
        rule: String,
        /// The setting.
        name: String,
        /// The captured value it overrides, as the model shows it.
        value: String,
    },
}

/// A rule's id as the label of what it asks for.
impl From<&str> for Label {
    fn from(rule: &str) -> Label {
        Label::Rule(rule.to_string())
    }
}

impl Label {
    /// The rule's id (or what else asked for the items).
    pub fn rule(&self) -> &str {
        match self {
            Label::Rule(rule) | Label::Unprovable(rule) => rule,
            Label::New { rule, .. } | Label::RemedyWins { rule, .. } => rule,
        }
    }
}

/// A step the script cannot do, for the runbook, as data: `render` puts it in words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// A secret setting or message, left out of the script without `--show-secrets`.
    SecretLeftOut {
        /// Its scope.
        scope: String,
        /// Its name.
        name: String,
    },
    /// An item the post-upgrade capture did not look at: capture it, then run again.
    NotObserved {
        /// The item's path in the model.
        path: String,
        /// The commands that capture it, where the vendor's capture plan knows them.
        commands: Vec<String>,
    },
    /// A trusted host whose captured key has elided lines.
    KeyElided {
        /// The host's group.
        group: String,
        /// The host.
        host: String,
    },
    /// A trusted host whose key was not captured.
    KeyNotCaptured {
        /// The host's group.
        group: String,
        /// The host.
        host: String,
    },
    /// A group of trusted hosts the captures did not look at.
    TrustedHostsNotCaptured {
        /// The group.
        group: String,
    },
    /// A setting a release note says to re-set, not captured.
    ReapplyNotCaptured {
        /// The setting.
        name: String,
    },
    /// A system message that reverts when customized, not captured.
    MessageNotCaptured {
        /// The message.
        name: String,
    },
    /// A setting a rule wants at one value, not captured: check it, and set it if it is not.
    SettingNotCaptured {
        /// The setting.
        name: String,
        /// The value the rule wants.
        value: String,
        /// The command that shows it, where one is known.
        check: Option<String>,
        /// The commands that set it.
        commands: Vec<String>,
    },
    /// A setting the vendor's script cannot write: set it in the console.
    Console {
        /// Its scope.
        scope: String,
        /// Its name.
        name: String,
        /// The value to set, as the model shows it (masked when secret).
        value: String,
        /// Where the console sets it, where the vendor's data says.
        at: Option<ConsolePlace>,
    },
    /// Another item the vendor's script cannot write: set it in the console.
    NoCommand {
        /// The scope it is planned in.
        scope: String,
        /// The item.
        item: Restore,
    },
    /// A setting the release note recommends a value for, which the upgraded appliance holds
    /// at another value: the admin's choice to keep, or the recommendation to set.
    KeepChosenValue {
        /// The setting.
        name: String,
        /// Its value after the upgrade.
        now: String,
        /// The command that sets the recommendation.
        command: String,
    },
    /// A trusted host listed after the upgrade: no listing shows its key, so check it by hand.
    CheckListedHostKey {
        /// The host's group.
        group: String,
        /// The host.
        host: String,
    },
    /// A release note's own step by hand (a console page, DNS, a check, another appliance).
    Remedy(crate::knowledge::Step),
    /// A step the vendor's import files leave to be done by hand, in the vendor's words.
    Vendor(String),
}

/// Where the vendor's console sets a setting.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConsolePlace {
    /// The console's page.
    pub page: String,
    /// The field on it.
    pub field: String,
    /// Whether a public source confirms it; otherwise it is shown as inferred.
    pub confirmed: bool,
}

/// A planned item with what it is written under.
type Planned = (Label, Restore);

/// What to put back, by the scope it is set in, each with the rule that calls for it.
#[derive(Debug, Default)]
pub struct Plan {
    /// `system` first, then delegated domains.
    pub scopes: BTreeMap<String, Vec<Planned>>,
    /// Things the script cannot do: GUI steps, patches, keys not captured, secrets left out,
    /// `(rule, step)`. Each step once, under the first rule that asked for it.
    pub by_hand: Vec<(String, Step)>,
    /// Patches to install after the upgrade, `(rule, step)`.
    pub patches: Vec<(String, crate::knowledge::Step)>,
    /// Checks by hand, `(rule, check)`, for what the script writes but no capture can show
    /// fixed (KI-8): their commands are written even where a post-upgrade capture shows the
    /// value, so a delta is never empty of them.
    pub checks: Vec<(String, String)>,
    /// The rules the script writes commands for, `(rule, title)`, in the notes' order.
    pub rules: Vec<(String, String)>,
    /// Where each planned item sits in its scope's list, by the hash of (scope, item): a
    /// lookup per item, so planning N items costs O(N), not O(N²). The first item of a hash
    /// is here; any other item of the same hash (a collision: rare) in `collided`.
    planned: HashMap<u64, usize>,
    collided: HashMap<u64, Vec<usize>>,
    hasher: std::collections::hash_map::RandomState,
    /// Steps by hand already listed.
    steps: BTreeSet<Step>,
    /// Settings a rule's remedy sets, by (scope, name): they win over captured values.
    remedies: BTreeMap<(String, String), (Label, Value)>,
    /// Ranges the post-upgrade capture did not observe, already sent to the runbook.
    unobserved: BTreeSet<Vec<String>>,
    /// Labels whose items no capture can show restored: written whatever the post-upgrade
    /// capture shows.
    unprovable: BTreeSet<Label>,
}

/// What to restore.
pub struct RestoreOptions<'a> {
    /// The version upgraded to.
    pub to: Version,
    /// A capture of the upgraded appliance: leave out what it already has.
    pub against: Option<&'a Config>,
    /// Every setting the model holds, not only what the known issues lose.
    pub all: bool,
    /// Write secrets.
    pub show_secrets: bool,
    /// How to capture what is missing, for the runbook's steps.
    pub capture: Option<&'a dyn CapturePlan>,
    /// The patches the upgrade plan says are needed, `(rule, step)`: the runbook lists these,
    /// so that it and `plan` agree. `None`: every patch the crossed notes recommend.
    pub patches: Option<Vec<(String, crate::knowledge::Step)>>,
}

impl Plan {
    /// How many commands are planned, in every scope.
    pub fn commands(&self) -> usize {
        let items = self.scopes.values().flatten();
        items.map(|(_, item)| item.len()).sum()
    }

    /// A step by hand, once.
    pub fn hand(&mut self, rule: &str, step: Step) {
        if self.steps.insert(step.clone()) {
            self.by_hand.push((rule.to_string(), step));
        }
    }

    fn push(&mut self, scope: &str, rule: &Label, item: Restore, options: &RestoreOptions<'_>) {
        if let Restore::Entries {
            scope: of,
            list,
            entries,
        } = &item
        {
            return self.push_list(scope, rule, (of, list, entries), options);
        }
        let against = options.against.filter(|_| !self.unprovable.contains(rule));
        if let Some(post) = against {
            let path = item.path(scope);
            if !post.coverage.observes(&path) && !present(post, scope, &item) {
                return self.not_observed(&path, options);
            }
            if already(post, scope, &item) {
                return;
            }
        }
        if let Restore::Setting { name, value } = &item {
            let key = (scope.to_string(), name.clone());
            if let Some((by, wins)) = self.remedies.get(&key).cloned() {
                if wins != *value && !matches!(by, Label::RemedyWins { .. }) {
                    let remark = Label::RemedyWins {
                        rule: by.rule().to_string(),
                        name: name.clone(),
                        value: value.to_string(),
                    };
                    self.retag(scope, &by, &remark, name);
                    self.remedies.insert(key, (remark, wins));
                }
                return;
            }
        }
        self.insert(scope, rule, item);
    }

    /// Plans an item once, whatever the post-upgrade capture shows.
    fn insert(&mut self, scope: &str, rule: &Label, item: Restore) {
        let hash = self.hash(scope, &item);
        if !self.scopes.contains_key(scope) {
            self.scopes.insert(scope.to_string(), Vec::new());
        }
        let items = self.scopes.get_mut(scope).expect("inserted above");
        let same = |i: &usize| items.get(*i).is_some_and(|(_, r)| *r == item);
        match self.planned.entry(hash) {
            std::collections::hash_map::Entry::Vacant(first) => {
                first.insert(items.len());
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                let more = self.collided.entry(hash).or_default();
                if same(first.get()) || more.iter().any(same) {
                    return;
                }
                more.push(items.len());
            }
        }
        items.push((rule.clone(), item));
    }

    /// A list's entries, each once, as one item: those no item of `scope` plans already and,
    /// with a post-upgrade capture, those it lacks where it observed the list. A whole list
    /// costs a copy of its spans, once, never a copy of its entries.
    fn push_list(
        &mut self,
        scope: &str,
        rule: &Label,
        (of, list, entries): (&str, &str, &List),
        options: &RestoreOptions<'_>,
    ) {
        let against = options.against.filter(|_| !self.unprovable.contains(rule));
        let lacked;
        let entries = match against {
            Some(post) => {
                // Each entry the post-upgrade capture lacks, where it observed the list.
                let held = post.lists.get(of).and_then(|l| l.get(list));
                lacked = entries.filtered(|entry| {
                    if held.is_some_and(|l| l.contains(entry)) {
                        return false;
                    }
                    let path = entry_path(of, list, entry);
                    if !post.coverage.observes(&path) {
                        self.not_observed(&path, options);
                        return false;
                    }
                    true
                });
                &lacked
            }
            None => entries,
        };
        let planned = self.scopes.get(scope).map_or(&[][..], Vec::as_slice);
        let entries = not_planned(planned, (of, list), entries);
        if entries.is_empty() {
            return;
        }
        let item = Restore::Entries {
            scope: of.to_string(),
            list: list.to_string(),
            entries,
        };
        let items = self.scopes.entry(scope.to_string()).or_default();
        items.push((rule.clone(), item));
    }

    /// The hash of an item other than a list's entries, which are found by their list.
    fn hash(&self, scope: &str, item: &Restore) -> u64 {
        let mut h = self.hasher.build_hasher();
        scope.hash(&mut h);
        item.hash(&mut h);
        h.finish()
    }

    /// A rule's remedy for a setting: it wins over a captured value planned before or after,
    /// and the script's remark names the value it overrides.
    fn push_remedy(&mut self, rule: &str, name: &str, value: Value, options: &RestoreOptions<'_>) {
        let item = Restore::Setting {
            name: name.to_string(),
            value: value.clone(),
        };
        // A captured value planned before: the remedy takes its place, and says so.
        let captured = self.scopes.get_mut(SYSTEM).and_then(|items| {
            items.iter_mut().find(|(_, r)| {
                matches!(r, Restore::Setting { name: n, value: v } if n == name && *v != value)
            })
        });
        let label = match captured {
            Some(slot) => {
                let old = match &slot.1 {
                    Restore::Setting { value: old, .. } => old.to_string(),
                    _ => String::new(),
                };
                let label = Label::RemedyWins {
                    rule: rule.to_string(),
                    name: name.to_string(),
                    value: old,
                };
                *slot = (label.clone(), item.clone());
                let hash = self.hash(SYSTEM, &item);
                let at = self.scopes[SYSTEM].iter().position(|(_, r)| *r == item);
                if let Some(at) = at {
                    match self.planned.entry(hash) {
                        std::collections::hash_map::Entry::Vacant(first) => {
                            first.insert(at);
                        }
                        std::collections::hash_map::Entry::Occupied(first) => {
                            if *first.get() != at {
                                self.collided.entry(hash).or_default().push(at);
                            }
                        }
                    }
                }
                label
            }
            None => {
                let label = Label::Rule(rule.to_string());
                self.push(SYSTEM, &label, item, options);
                label
            }
        };
        let key = (SYSTEM.to_string(), name.to_string());
        self.remedies.insert(key, (label, value));
    }

    /// Renames the rule of a planned remedy setting to carry a remark.
    fn retag(&mut self, scope: &str, rule: &Label, remark: &Label, name: &str) {
        if let Some(items) = self.scopes.get_mut(scope) {
            for (r, item) in items.iter_mut() {
                if r == rule && matches!(item, Restore::Setting { name: n, .. } if n == name) {
                    *r = remark.clone();
                }
            }
        }
    }

    /// An item in a range the post-upgrade capture did not observe: nothing is written; the
    /// runbook says what to capture before re-running.
    fn not_observed(&mut self, path: &str, options: &RestoreOptions<'_>) {
        let commands = options
            .capture
            .map(|plan| capture_commands(path, plan))
            .unwrap_or_default();
        let range = if commands.is_empty() {
            vec![path.to_string()]
        } else {
            commands.clone()
        };
        if !self.unobserved.insert(range) {
            return;
        }
        let path = path.to_string();
        self.hand("--against", Step::NotObserved { path, commands });
    }
}

/// The entries of the list `(scope, list)` no item of `items` plans already, each planned
/// run of that list's entries left out in one pass; copied only where none is.
fn not_planned(items: &[Planned], (scope, list): (&str, &str), entries: &List) -> List {
    let mut rest: Option<List> = None;
    for (_, planned) in items {
        if let Restore::Entries {
            scope: s,
            list: l,
            entries: before,
        } = planned
        {
            let now = rest.as_ref().unwrap_or(entries);
            if s == scope && l == list && !now.is_empty() {
                rest = Some(now.without(before));
            }
        }
    }
    rest.unwrap_or_else(|| entries.clone())
}

/// Whether the post-upgrade capture holds the item at all (whatever its value).
fn present(post: &Config, scope: &str, item: &Restore) -> bool {
    match item {
        Restore::Setting { name, .. } => post
            .settings
            .get(scope)
            .is_some_and(|s| s.contains_key(name)),
        Restore::Entries {
            scope,
            list,
            entries,
        } => post
            .lists
            .get(scope)
            .and_then(|l| l.get(list))
            .is_some_and(|l| entries.iter().all(|(e, _)| l.contains(e))),
        Restore::Message { name, .. } => post
            .messages
            .get(scope)
            .is_some_and(|m| m.contains_key(name)),
        Restore::TrustedHost { group, host, .. } => post
            .trusted_hosts
            .get(group)
            .is_some_and(|g| g.contains_key(host)),
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
        Restore::Entries { .. } => present(post, scope, item),
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
    // The same entries `gaps` and `plan` choose: those of a release the upgrade crosses, and
    // those of the release already run that still hold after the upgrade.
    let entries = knowledge.releases().iter().flat_map(|r| {
        let stage = r.stage(from.as_ref(), &options.to);
        let from = from.clone();
        r.entries
            .iter()
            .filter(move |e| e.applies_at(stage, from.as_ref()))
    });
    for entry in entries {
        if entry.reported_by(Report::Plan) || entry.reported_by(Report::Restore) {
            patches(&mut plan, entry, knowledge, options);
        }
        if entry.reported_by(Report::Restore) {
            let (steps, items) = (plan.by_hand.len(), plan.commands());
            restore_items(&mut plan, pre, entry, knowledge, options);
            // The entry's own steps by hand belong with what it puts back: none when the
            // script writes nothing for it and it asked for nothing by hand.
            if plan.commands() > items || plan.by_hand.len() > steps {
                steps_by_hand(&mut plan, entry, knowledge, steps);
            }
        }
    }
    if let Some(patches) = &options.patches {
        plan.patches = patches.clone();
    }
    let written: BTreeSet<&str> = plan
        .scopes
        .values()
        .flat_map(|items| items.iter().map(|(label, _)| label.rule()))
        .collect();
    plan.rules = knowledge
        .releases()
        .iter()
        .flat_map(|r| &r.entries)
        .filter(|e| written.contains(e.id.as_str()))
        .map(|e| (e.id.clone(), e.title.clone()))
        .collect();
    if options.all {
        everything(&mut plan, pre, options, &Label::Rule("all".to_string()));
    }
    whole_records(&mut plan, pre, knowledge);
    if !options.show_secrets {
        leave_out_secrets(&mut plan);
    }
    plan
}

/// Settings the appliance takes in one call go together: where a field of a record is planned,
/// every field of it the pre-upgrade capture holds is planned too, under the same rule,
/// whatever the post-upgrade capture shows (a mode sent without its server is refused).
fn whole_records(plan: &mut Plan, pre: &Config, knowledge: &dyn Knowledge) {
    let mut fields = Vec::new();
    for (scope, items) in &plan.scopes {
        for (rule, item) in items {
            let Restore::Setting { name, .. } = item else {
                continue;
            };
            let held = pre.settings.get(scope);
            for field in knowledge.record_of(name) {
                if let Some(value) = held.and_then(|s| s.get(field)) {
                    let name = field.clone();
                    let value = value.value.clone();
                    let item = Restore::Setting { name, value };
                    fields.push((scope.clone(), rule.clone(), item));
                }
            }
        }
    }
    for (scope, rule, item) in fields {
        plan.insert(&scope, &rule, item);
    }
}

/// Secrets never reach a script unless asked for: each becomes a step by hand instead.
fn leave_out_secrets(plan: &mut Plan) {
    let mut steps = Vec::new();
    for (scope, items) in &mut plan.scopes {
        items.retain(|(rule, item)| match item {
            Restore::Setting {
                name,
                value: Value::Secret(_),
            } => {
                let step = Step::SecretLeftOut {
                    scope: scope.clone(),
                    name: name.clone(),
                };
                steps.push((rule.rule().to_string(), step));
                false
            }
            _ => true,
        });
    }
    plan.scopes.retain(|_, items| !items.is_empty());
    for (rule, step) in steps {
        plan.hand(&rule, step);
    }
}

/// The patches an entry recommends.
fn patches(
    plan: &mut Plan,
    entry: &Entry,
    knowledge: &dyn Knowledge,
    options: &RestoreOptions<'_>,
) {
    if options.patches.is_some()
        || !entry
            .remedy
            .iter()
            .any(|r| matches!(r, Remedy::Patch { .. }))
    {
        return;
    }
    for step in patch_installs(entry, knowledge) {
        // Several notes may name one patch (KI-4 and P-4): install it once.
        if !plan.patches.iter().any(|(_, s)| *s == step) {
            plan.patches.push((entry.id.clone(), step));
        }
    }
}

/// The steps that install the patches an entry recommends.
fn patch_installs<'e>(
    entry: &'e Entry,
    knowledge: &'e dyn Knowledge,
) -> impl Iterator<Item = crate::knowledge::Step> + 'e {
    entry.remedy.iter().flat_map(move |r| match r {
        Remedy::Patch {
            name,
            url,
            parameters,
        } => knowledge.install_patch(name, url, parameters),
        _ => Vec::new(),
    })
}

/// An entry's own steps by hand (not its commands, nor carryover's suggestions), each once,
/// before the steps by hand it asked for from `at` on.
fn steps_by_hand(plan: &mut Plan, entry: &Entry, knowledge: &dyn Knowledge, at: usize) {
    let mut at = at;
    // A patch's install is listed with the patches; a command a person fills in
    // (`<upstream-razorgate>`) is by hand, in its own kind.
    let installs: Vec<Step> = patch_installs(entry, knowledge).map(Step::Remedy).collect();
    let by_hand = super::evaluate::steps(entry, knowledge, &[])
        .into_iter()
        .filter_map(|s| match s {
            // What to know of a command the script types (F-5: it restarts SMTP) is said
            // in the runbook, about the script.
            crate::knowledge::Step::Command {
                command,
                note: Some(crate::knowledge::Text::Note(note)),
                ..
            } if !crate::knowledge::step::has_placeholder(&command) => {
                let said = crate::message!("remedy-script-runs", command = command, note = note);
                Some(crate::knowledge::Step::check(said))
            }
            s => (s.is_never_scripted() && !s.is_suggestion()).then_some(s),
        });
    for step in by_hand {
        let step = Step::Remedy(step);
        if installs.contains(&step) {
            continue;
        }
        if plan.steps.insert(step.clone()) {
            plan.by_hand.insert(at, (entry.id.clone(), step));
            at += 1;
        }
    }
}

/// The items an entry's detector says the upgrade loses, put back.
fn restore_items(
    plan: &mut Plan,
    pre: &Config,
    entry: &Entry,
    knowledge: &dyn Knowledge,
    options: &RestoreOptions<'_>,
) {
    let label = label(entry, options);
    if entry.check.is_some() {
        plan.unprovable.insert(label.clone());
    }
    let rule = &label;
    match &entry.detect {
        Some(Detect::SettingNot { name, value }) => {
            setting_not(plan, pre, entry, knowledge, name, value, options)
        }
        // New in the release: no capture from before it holds a value to keep. A captured
        // value (a capture made on the release) is the user's, and `--all` writes it.
        Some(Detect::NewSetting {
            name,
            recommended,
            default,
        }) if pre.settings.get(SYSTEM).and_then(|s| s.get(name)).is_none() => {
            let item = Restore::Setting {
                name: name.clone(),
                value: typed_like(pre, name, recommended),
            };
            // The note recommends the value only where no other is wanted: a value the
            // post-upgrade capture shows, other than the shipped default, is the admin's.
            let shipped = [default.as_deref(), Some(recommended.as_str())];
            if let Some(now) = chosen(options.against, name, &shipped) {
                let step = Step::KeepChosenValue {
                    name: name.clone(),
                    now,
                    command: command_text(knowledge, entry, recommended),
                };
                plan.hand(&entry.id, step);
            } else {
                let remark = Label::New {
                    rule: entry.id.clone(),
                    title: entry.title.clone(),
                };
                plan.push(SYSTEM, &remark, item, options);
            }
        }
        Some(Detect::ReapplySettings { names }) => reapply(plan, pre, rule, names, options),
        Some(Detect::ExportLacks { list }) => export_lacks(plan, pre, rule, list, options),
        Some(Detect::SystemMessage { name, defaults }) => system_message(
            plan,
            pre,
            entry,
            rule,
            (name.as_str(), defaults.as_slice()),
            options,
        ),
        Some(Detect::TrustedHosts { group }) => {
            if !pre.coverage.observes(&format!("trusted_hosts/{group}"))
                && !pre.trusted_hosts.contains_key(group)
            {
                let group = group.clone();
                plan.hand(rule.rule(), Step::TrustedHostsNotCaptured { group });
            }
            trusted_hosts(plan, pre, rule, options)
        }
        // Nothing can be restored from elsewhere (a backup lock): restore everything.
        Some(Detect::Always) => everything(plan, pre, options, rule),
        _ => {}
    }
    check_by_hand(plan, entry, rule);
}

/// The remark an entry's items are written under: its id, or, for a rule no capture can show
/// fixed, compared with a post-upgrade capture, its id with why its items are written
/// whatever that capture shows (the runbook says how to check by hand).
fn label(entry: &Entry, options: &RestoreOptions<'_>) -> Label {
    match (&entry.check, options.against) {
        (Some(_), Some(_)) => Label::Unprovable(entry.id.clone()),
        _ => Label::Rule(entry.id.clone()),
    }
}

/// Settings a release note says to re-set: each captured one is written, each other is a
/// step by hand.
fn reapply(
    plan: &mut Plan,
    pre: &Config,
    rule: &Label,
    names: &[String],
    options: &RestoreOptions<'_>,
) {
    for name in names {
        match pre.settings.get(SYSTEM).and_then(|s| s.get(name)) {
            Some(item) => {
                let value = item.value.clone();
                let item = Restore::Setting {
                    name: name.clone(),
                    value,
                };
                plan.push(SYSTEM, rule, item, options)
            }
            None => plan.hand(rule.rule(), Step::ReapplyNotCaptured { name: name.clone() }),
        }
    }
}

/// Every captured entry of a list the export lacks, in every scope.
fn export_lacks(
    plan: &mut Plan,
    pre: &Config,
    rule: &Label,
    list: &str,
    options: &RestoreOptions<'_>,
) {
    for (scope, lists) in &pre.lists {
        if let Some(entries) = lists.get(list) {
            plan.push_list(SYSTEM, rule, (scope, list, entries), options);
        }
    }
}

/// A system message that reverts when customized: its captured text unless it is a known
/// default; not captured, a step by hand.
fn system_message(
    plan: &mut Plan,
    pre: &Config,
    entry: &Entry,
    rule: &Label,
    (name, defaults): (&str, &[String]),
    options: &RestoreOptions<'_>,
) {
    let captured = pre.messages.get(SYSTEM).and_then(|m| m.get(name));
    // A known default text is not customized: nothing of it is lost.
    let default =
        |v: &Value| matches!(v, Value::Text(t) if defaults.iter().any(|d| same_text(d, t)));
    match captured {
        Some(item) if default(&item.value) => {}
        Some(item) => message(plan, SYSTEM, rule, name, &item.value, options),
        None => plan.hand(
            &entry.id,
            Step::MessageNotCaptured {
                name: name.to_string(),
            },
        ),
    }
}

/// An entry's check by hand, once, when the script writes something under `rule`.
fn check_by_hand(plan: &mut Plan, entry: &Entry, rule: &Label) {
    if let Some(check) = &entry.check {
        let written = plan
            .scopes
            .values()
            .any(|items| items.iter().any(|(r, _)| r == rule));
        if written && !plan.checks.iter().any(|(r, _)| *r == entry.id) {
            plan.checks.push((entry.id.clone(), check.clone()));
        }
    }
}

/// A setting a rule wants at one value (KI-5: fastpath on). Captured: the remedy is written
/// and wins over the captured value. Not captured: nothing is written blind; the runbook says
/// how to check it and what to run if it is not so.
fn setting_not(
    plan: &mut Plan,
    pre: &Config,
    entry: &Entry,
    knowledge: &dyn Knowledge,
    name: &str,
    value: &str,
    options: &RestoreOptions<'_>,
) {
    if pre.settings.get(SYSTEM).and_then(|s| s.get(name)).is_none() {
        let short = name.split_once('.').map_or(name, |(_, n)| n);
        let lines = commands(entry, knowledge, &[("name", short), ("value", value)]);
        let check = options
            .capture
            .and_then(|c| c.read_setting(name))
            .into_iter()
            .chain(lines.iter().filter(|l| l.contains(" get ")).cloned())
            .next();
        let commands = lines
            .iter()
            .filter(|l| !l.contains(" get "))
            .cloned()
            .collect();
        let step = Step::SettingNotCaptured {
            name: name.to_string(),
            value: value.to_string(),
            check,
            commands,
        };
        plan.hand(&entry.id, step);
        return;
    }
    let typed = typed_like(pre, name, value);
    plan.push_remedy(&entry.id, name, typed, options);
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
    rule: &Label,
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
            options,
        ),
        Value::Secret(s) if options.show_secrets => plan.push(
            scope,
            rule,
            Restore::Message {
                name: name.into(),
                text: s.0.clone(),
            },
            options,
        ),
        _ => plan.hand(
            rule.rule(),
            Step::SecretLeftOut {
                scope: scope.to_string(),
                name: name.to_string(),
            },
        ),
    }
}

fn trusted_hosts(plan: &mut Plan, pre: &Config, rule: &Label, options: &RestoreOptions<'_>) {
    for (group, hosts) in &pre.trusted_hosts {
        for (host, item) in hosts {
            // Listed in its group after the upgrade, the host is restored: no listing shows a
            // key, so the key is checked by hand, never rewritten.
            let listed = options
                .against
                .and_then(|post| post.trusted_hosts.get(group)?.get(host));
            if let Some(now) = listed {
                if now.value.key.is_none() || now.value.key != item.value.key {
                    let step = Step::CheckListedHostKey {
                        group: group.clone(),
                        host: host.clone(),
                    };
                    plan.hand(rule.rule(), step);
                }
                continue;
            }
            let (group, host) = (group.clone(), host.clone());
            match (&item.value.key, item.value.elided) {
                (Some(key), false) => {
                    let key = key.clone();
                    let item = Restore::TrustedHost { group, host, key };
                    plan.push(SYSTEM, rule, item, options)
                }
                (Some(_), true) => plan.hand(rule.rule(), Step::KeyElided { group, host }),
                (None, _) => plan.hand(rule.rule(), Step::KeyNotCaptured { group, host }),
            }
        }
    }
}

/// The value of a new setting the post-upgrade capture shows, when it is none of `known` (the
/// shipped default, where a public source gives one, and the recommendation) and not absent:
/// a value the admin may have chosen.
fn chosen(against: Option<&Config>, name: &str, known: &[Option<&str>]) -> Option<String> {
    let now = against?.settings.get(SYSTEM)?.get(name)?.value.to_string();
    (!known.contains(&Some(now.as_str()))).then_some(now)
}

/// The command `restore` writes the entry's value with, as the knowledge file names it, with
/// `value` filled in: what a step by hand quotes.
fn command_text(knowledge: &dyn Knowledge, entry: &Entry, value: &str) -> String {
    entry
        .restore_command
        .as_deref()
        .map(|t| super::evaluate::fill(t, knowledge, &[("value", value)]))
        .unwrap_or_default()
}

/// Whether a setting names the item it belongs to rather than configuring it: an `id`, or a
/// field repeating the scope's own kind (`domain.domain`). Those are identity, not settings.
pub(crate) fn is_identity(name: &str) -> bool {
    let mut parts = name.split('.');
    let (kind, field) = (parts.next(), parts.next_back());
    field == Some("id") || (parts.next().is_none() && kind == field && kind.is_some())
}

/// `--all`: every setting, list entry, message and trusted host the model holds.
fn everything(plan: &mut Plan, pre: &Config, options: &RestoreOptions<'_>, rule: &Label) {
    for (scope, settings) in &pre.settings {
        for (name, item) in settings.iter().filter(|(n, _)| !is_identity(n)) {
            match &item.value {
                Value::Secret(_) if !options.show_secrets => plan.hand(
                    rule.rule(),
                    Step::SecretLeftOut {
                        scope: scope.clone(),
                        name: name.clone(),
                    },
                ),
                value => plan.push(
                    scope,
                    rule,
                    Restore::Setting {
                        name: name.clone(),
                        value: value.clone(),
                    },
                    options,
                ),
            }
        }
    }
    // A list at once: its entries are spans of the capture's text, planned without copying.
    for (scope, lists) in &pre.lists {
        for (list, entries) in lists {
            plan.push_list(SYSTEM, rule, (scope, list, entries), options);
        }
    }
    for (scope, messages) in &pre.messages {
        for (name, item) in messages {
            message(plan, scope, rule, name, &item.value, options);
        }
    }
    trusted_hosts(plan, pre, rule, options);
}

/// The value as the CLI writes it.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Secret(s) => s.0.clone(),
        other => other.to_string(),
    }
}

/// A remark of the script, as data. The wording `render` gives the script's writer puts it
/// in words; the emitter writes them, through its sanitiser.
#[derive(Debug, Clone, Copy)]
pub enum Remark<'a> {
    /// What the items below are written under.
    Label(&'a Label),
    /// A command that could not be written safely, and why.
    NotWritten(&'a Unwritable, Subject<'a>),
    /// Something the vendor has no command for.
    NoCommand(Subject<'a>),
    /// The commands below of this form (their fixed words) are of a form no public source
    /// confirms: marked once, before the first.
    Inferred(&'a str),
}

/// What a `not written` remark is about.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// A planned item, or one entry of a planned list.
    Item(One<'a>),
    /// Entering a domain's section, with how many items it holds.
    Enter {
        /// The domain.
        domain: &'a str,
        /// Its items, none of them written.
        items: usize,
    },
    /// Leaving a domain's section.
    Leave(&'a str),
}

/// The words of the script's remarks, from `render`.
pub type Wording<'w> = &'w (dyn Fn(&Remark<'_>) -> String + Sync);

/// The script: commands in a sensible order, each group under a remark naming its rule. Each
/// step comes after what it depends on: a domain's own section (which creates it where the
/// vendor can) comes before the list entries scoped to that domain. Every line is written by
/// the emitter ([`crate::emit`]): a command from typed, quoted arguments, or a remark through
/// its sanitiser; so no capture text can become a command of its own. `header` is the script's
/// first remarks and `words` words the others, both made by `render`; `dialect` is one of the
/// vendor's ([`RestoreScript::dialect_in`]), for the encoding the script is sent in.
pub(crate) fn written_in(
    plan: &Plan,
    writer: &dyn RestoreScript,
    dialect: &dyn Dialect,
    header: &[String],
    words: Wording<'_>,
) -> Written {
    let script = Script::text_only(dialect);
    let (script, left_out) = write_script(script, dialect, (plan, writer), header, words);
    let (text, commands) = script.into_parts();
    Written {
        text,
        commands,
        left_out,
    }
}

/// [`written_in`], its text handed to `sink` as it is written, never held whole (the
/// `Written` holds no text): a million-line script costs a piece of text at a time.
pub(crate) fn written_to(
    plan: &Plan,
    writer: &dyn RestoreScript,
    dialect: &dyn Dialect,
    (header, words): (&[String], Wording<'_>),
    sink: Sink<'_>,
) -> std::io::Result<Written> {
    let script = Script::streaming(dialect, sink);
    let (script, left_out) = write_script(script, dialect, (plan, writer), header, words);
    script.finish()?;
    Ok(Written {
        left_out,
        ..Written::default()
    })
}

/// `written_in` in the vendor's own dialect, with the commands written into the script in
/// order: what running the script must do.
pub fn script_with_commands(
    plan: &Plan,
    writer: &dyn RestoreScript,
    header: &[String],
    words: Wording<'_>,
) -> (String, Vec<Command>) {
    let dialect = writer.dialect();
    let script = Script::new(dialect);
    write_script(script, dialect, (plan, writer), header, words)
        .0
        .into_parts()
}

/// A script as written.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// Its text.
    pub text: String,
    /// The commands written into it, in order (kept only where asked for).
    pub commands: Vec<Command>,
    /// How many values were left out, each under a `not written` remark, because the script
    /// cannot carry a character of them: the vendor has the command, the dialect cannot quote
    /// it. A domain whose section cannot be entered counts once.
    pub left_out: LeftOut,
}

/// Values left out of a script, by why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// A character the script's encoding lacks: the vendor's own encoding (UTF-8) writes them.
    pub by_encoding: usize,
    /// A character no script of the vendor's can carry (a NUL, a control character): they are
    /// set by hand.
    pub by_character: usize,
}

impl std::ops::AddAssign for LeftOut {
    fn add_assign(&mut self, other: LeftOut) {
        self.by_encoding += other.by_encoding;
        self.by_character += other.by_character;
    }
}

/// A script being written, the words of its remarks, and how many values it left out.
struct Out<'d, 'w> {
    script: Script<'d>,
    dialect: &'d dyn Dialect,
    /// The vendor's own dialect, in its own encoding: what a value left out would need.
    own: &'w dyn Dialect,
    words: Wording<'w>,
    left_out: LeftOut,
    /// Whether a command's form is confirmed, as the vendor's catalog says.
    confirmed: &'w (dyn Fn(&str) -> Option<bool> + Sync),
    /// The inferred forms already marked: each is marked once, before its first command.
    marked: BTreeSet<String>,
}

impl Out<'_, '_> {
    /// A remark, in the words `render` gave.
    fn remark(&mut self, remark: Remark<'_>) {
        let text = (self.words)(&remark);
        self.script.remark(&text);
    }
}

fn write_script<'d, 'w>(
    script: Script<'d>,
    dialect: &'d dyn Dialect,
    (plan, writer): (&Plan, &'w dyn RestoreScript),
    header: &[String],
    words: Wording<'w>,
) -> (Script<'d>, LeftOut) {
    let confirmed = |command: &str| writer.form_confirmed(command);
    let mut out = Out {
        script,
        dialect,
        own: writer.dialect(),
        words,
        left_out: LeftOut::default(),
        confirmed: &confirmed,
        marked: BTreeSet::new(),
    };
    out.script.framing(writer.script_start());
    for line in header {
        out.script.remark(line);
    }
    out.script.framing(writer.prologue());
    let domains: BTreeSet<&str> = plan
        .scopes
        .keys()
        .map(String::as_str)
        .filter(|s| *s != SYSTEM)
        .collect();
    // An entry scoped to a domain, or to an address of one (`user:ceo@example.com`), comes
    // after the domain's own section, which creates the domain.
    let depends_on = |item: &Restore| match item {
        Restore::Entries { scope, .. } => {
            let domain = scope
                .strip_prefix("user:")
                .and_then(|address| address.rsplit_once('@'))
                .map_or(scope.as_str(), |(_, domain)| domain);
            domains.contains(domain).then(|| domain.to_string())
        }
        _ => None,
    };
    let system = plan.scopes.get(SYSTEM).map_or(&[][..], Vec::as_slice);
    let (later, now): (Vec<&Planned>, Vec<&Planned>) =
        system.iter().partition(|(_, r)| depends_on(r).is_some());
    write_items(&mut out, writer, SYSTEM, now);
    for domain in &domains {
        out.script.blank();
        out.script.remark(domain);
        let items: Vec<&Planned> = plan.scopes[*domain].iter().collect();
        // Its items are never written into another scope: when entering fails, none is.
        let enter = Subject::Enter {
            domain,
            items: items.len(),
        };
        let entered = emit(&mut out, writer.enter_scope(domain), enter, false);
        if entered {
            write_items(&mut out, writer, domain, items);
            if writer.enter_scope("").is_some() {
                let leave = Subject::Leave(domain);
                emit(&mut out, writer.enter_scope(""), leave, true);
            }
        }
        let scoped: Vec<&Planned> = later
            .iter()
            .copied()
            .filter(|(_, r)| depends_on(r).as_deref() == Some(*domain))
            .collect();
        write_items(&mut out, writer, SYSTEM, scoped);
    }
    (out.script, out.left_out)
}

/// The items of one scope: settings, trusted hosts, list entries, then messages, each run of
/// one rule under a remark naming it.
fn write_items(
    out: &mut Out<'_, '_>,
    writer: &dyn RestoreScript,
    scope: &str,
    items: Vec<&Planned>,
) {
    let order = |r: &Restore| match r {
        Restore::Setting { .. } => 0,
        Restore::TrustedHost { .. } => 1,
        Restore::Entries { .. } => 2,
        Restore::Message { .. } => 3,
    };
    // By kind, each kind in planned order: a stable sort, in one pass.
    let mut kinds: [Vec<&Planned>; 4] = Default::default();
    for planned in items {
        kinds[order(&planned.1)].push(planned);
    }
    let mut last: Option<&Label> = None;
    for (label, item) in kinds.into_iter().flatten() {
        if last != Some(label) {
            out.remark(Remark::Label(label));
            last = Some(label);
        }
        match item {
            Restore::Entries {
                scope,
                list,
                entries,
            } => write_entries(out, writer, (scope, list), entries),
            _ => {
                for one in item.each() {
                    emit(out, one.command(writer, scope), Subject::Item(one), true);
                }
            }
        }
    }
}

/// How many of a list's entries are written as one part, on a core of its own.
const IN_PARTS: usize = 8192;

/// A list's entries, in one form where the vendor has one for the list (see
/// [`RestoreScript::list_entry_form`]); an entry that form cannot write is written one by one,
/// which says why. A long list is written two parts at a time on both cores and appended in
/// order: the same lines as written one by one. Each part starts from the inferred forms
/// marked so far; one that would mark another is written again here, in order, so that each
/// mark falls where it would, once.
fn write_entries(
    out: &mut Out<'_, '_>,
    writer: &dyn RestoreScript,
    (scope, list): (&str, &str),
    entries: &List,
) {
    let one_by_one = |out: &mut Out<'_, '_>, entry| {
        let one = One::Entry { scope, list, entry };
        emit(out, one.command(writer, scope), Subject::Item(one), true);
    };
    // The first entry marks its form where it is inferred: the entries after it need no mark.
    if let Some((first, _)) = entries.iter().next() {
        one_by_one(out, first);
    }
    // The form serves only once nothing is left to mark for it.
    let form = writer.list_entry_form(scope, list).filter(|form| {
        out.marked.iter().any(|marked| form.has_form(marked))
            || (out.confirmed)(&form.lookup_line()) != Some(false)
    });
    let emit_all = |out: &mut Out<'_, '_>, range: std::ops::Range<usize>| {
        for (entry, _) in entries.range(range) {
            let written = form
                .as_ref()
                .is_some_and(|form| out.script.command_ending_with(form, entry).is_ok());
            if !written {
                one_by_one(out, entry);
            }
        }
    };
    let len = entries.len();
    if len <= IN_PARTS || out.script.keeps_commands() {
        emit_all(out, 1.min(len)..len);
        return;
    }
    let part = |range: std::ops::Range<usize>, marked: &BTreeSet<String>| {
        let mut part = Out {
            script: Script::text_only(out.dialect),
            dialect: out.dialect,
            own: out.own,
            words: out.words,
            left_out: LeftOut::default(),
            confirmed: out.confirmed,
            marked: marked.clone(),
        };
        emit_all(&mut part, range);
        (part.marked.len() == marked.len()).then(|| (part.script.into_part(), part.left_out))
    };
    let mut start = 1;
    while start < len {
        let middle = (start + IN_PARTS).min(len);
        let end = (middle + IN_PARTS).min(len);
        let (first, second) = rayon::join(
            || part(start..middle, &out.marked),
            || part(middle..end, &out.marked),
        );
        // A part that marked no form wrote what it would after any earlier part: every form
        // it wrote was marked already, or needs no mark.
        for (range, written) in [(start..middle, first), (middle..end, second)] {
            match written {
                Some((lines, left_out)) => {
                    out.script.append(lines);
                    out.left_out += left_out;
                }
                None => emit_all(out, range),
            }
        }
        start = end;
    }
}

/// The vendor's command for one item; for a list's entries, for its first.
fn command(writer: &dyn RestoreScript, scope: &str, item: &Restore) -> Option<Command> {
    match item {
        Restore::Setting { name, value } => writer.write_setting(scope, name, &value_text(value)),
        Restore::Entries { .. } => item.each().next()?.command(writer, scope),
        Restore::Message { name, text } => writer.write_message(name, text),
        Restore::TrustedHost { group, host, key } => writer.write_trusted_host(group, host, key),
    }
}

/// Writes a command, or, where there is none or it cannot be written safely, a remark that says
/// so: never dropped silently, and the runbook's reader sees what to do by hand. Whether it
/// was written (`none_is_written`: what no command means); a command refused only because
/// the dialect cannot quote one of its values is counted as left out.
fn emit(
    out: &mut Out<'_, '_>,
    command: Option<Command>,
    what: Subject<'_>,
    none_is_written: bool,
) -> bool {
    // A form already marked needs no look-up: it is marked once.
    let marked = |c: &Command| out.marked.iter().any(|form| c.has_form(form));
    if let Some(c) = command.as_ref().filter(|c| !marked(c)) {
        if (out.confirmed)(&c.lookup_line()) == Some(false) {
            let form = c.form();
            out.remark(Remark::Inferred(&form));
            out.marked.insert(form);
        }
    }
    match command.map(|c| (out.script.command(&c), c)) {
        Some((Ok(()), _)) => true,
        Some((Err(why), c)) => {
            // Refused for a character, not for what the command is: one the encoding lacks,
            // or one no script of the vendor's carries.
            if one_command(&Unquoted(out.dialect), &c).is_ok() {
                match one_command(out.own, &c).is_ok() {
                    true => out.left_out.by_encoding += 1,
                    false => out.left_out.by_character += 1,
                }
            }
            out.remark(Remark::NotWritten(&why, what));
            false
        }
        None if none_is_written => {
            out.remark(Remark::NoCommand(what));
            false
        }
        None => true,
    }
}

/// A dialect that quotes every value as it is, piping as `of` does: a command it writes but
/// `of` refuses is refused for a character `of` cannot carry, not for what the command is.
struct Unquoted<'d>(&'d dyn Dialect);

impl Dialect for Unquoted<'_> {
    fn quote(&self, arg: &str) -> Option<String> {
        Some(arg.to_string())
    }
    fn pipes(&self) -> bool {
        self.0.pipes()
    }
}

/// Every planned item the vendor's script cannot write becomes a step by hand: a setting with
/// its value (masked when secret) and where the console sets it, from the vendor's data.
pub(crate) fn by_hand_what_is_not_written(
    plan: &mut Plan,
    writer: &dyn RestoreScript,
    knowledge: &dyn Knowledge,
) {
    let mut steps = Vec::new();
    // Whether the vendor writes a list's entries is a property of the list: ask once per list.
    let mut lists: BTreeMap<(&str, &str), bool> = BTreeMap::new();
    for (scope, items) in &plan.scopes {
        for (rule, item) in items {
            let written = match item {
                Restore::Entries { scope, list, .. } => *lists
                    .entry((scope, list))
                    .or_insert_with(|| writes(writer, scope, item)),
                _ => writes(writer, scope, item),
            };
            if written {
                continue;
            }
            if let Restore::Entries {
                scope: of,
                list,
                entries,
            } = item
            {
                // Each entry a step of its own, as each is a command of its own.
                for (entry, _) in entries.iter() {
                    let item = Restore::entry(of, list, entry);
                    let step = Step::NoCommand {
                        scope: scope.clone(),
                        item,
                    };
                    steps.push((rule.clone(), step));
                }
                continue;
            }
            let step = match item {
                Restore::Setting { name, value } => {
                    let field = knowledge.console().iter().find(|f| f.matches(name));
                    Step::Console {
                        scope: scope.clone(),
                        name: name.clone(),
                        value: value.to_string(),
                        at: field.map(|f| ConsolePlace {
                            page: f.page.clone(),
                            field: f.field.clone(),
                            confirmed: f.confirmed,
                        }),
                    }
                }
                other => Step::NoCommand {
                    scope: scope.clone(),
                    item: other.clone(),
                },
            };
            steps.push((rule.clone(), step));
        }
    }
    for (rule, step) in steps {
        plan.hand(rule.rule(), step);
    }
}

/// Whether the vendor's script writes the item.
fn writes(writer: &dyn RestoreScript, scope: &str, item: &Restore) -> bool {
    command(writer, scope, item).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quotes a word as `<word>`; refuses one ending in `!`, as a dialect refuses a control
    /// character.
    struct Angled;
    impl Dialect for Angled {
        fn quote(&self, arg: &str) -> Option<String> {
            (!arg.ends_with('!')).then(|| format!("<{arg}>"))
        }
    }

    /// A vendor whose entries take one of two inferred forms, or none, by how they end; with
    /// `one_form`, it gives the form of a list whose entries are all `add <list> <entry>`.
    struct Forms {
        one_form: bool,
    }
    impl RestoreScript for Forms {
        fn form_confirmed(&self, _command: &str) -> Option<bool> {
            Some(false)
        }
        fn dialect(&self) -> &dyn Dialect {
            &Angled
        }
        fn write_setting(&self, _: &str, _: &str, _: &str) -> Option<Command> {
            None
        }
        fn write_list_entry(&self, _scope: &str, list: &str, entry: &str) -> Option<Command> {
            match entry {
                e if e.ends_with("-none") => None,
                e if e.ends_with("-other") => Some(Command::new("other").arg(e)),
                e => Some(Command::new("add").arg(list).arg(e)),
            }
        }
        fn list_entry_form(&self, scope: &str, list: &str) -> Option<Command> {
            self.one_form
                .then(|| self.write_list_entry(scope, list, "unused"))?
        }
        fn how_to_apply(&self, _: &str) -> crate::base::message::Message {
            crate::message!("mos-how-to-apply", script = "x")
        }
    }

    /// A plan of one list, `allow` of the system, holding `names`.
    fn one_list(names: &[String]) -> Plan {
        let entries = List::from_entries(
            names
                .iter()
                .map(|n| (n.as_str(), Origin { source: 0, line: 1 })),
        );
        let mut plan = Plan::default();
        let item = Restore::Entries {
            scope: SYSTEM.into(),
            list: "allow".into(),
            entries,
        };
        plan.scopes
            .insert(SYSTEM.into(), vec![(Label::Rule("all".into()), item)]);
        plan
    }

    /// A long list is written in parts on both cores: the same script, line for line, as
    /// written one entry at a time, with each inferred form marked once before its first
    /// command (here one first seen in the middle of a part), and the same values left out.
    #[test]
    fn a_long_list_written_in_parts_is_the_script_written_one_by_one() {
        let names: Vec<String> = (0..3 * IN_PARTS + 77)
            .map(|i| match i {
                i if i == IN_PARTS + 1000 || i == 2 * IN_PARTS + 3000 => format!("{i:06}-other"),
                i if i % 4099 == 7 => format!("{i:06}-none"),
                i if i % 3001 == 5 => format!("{i:06}!"),
                i => format!("{i:06}@example.com"),
            })
            .collect();
        let plan = one_list(&names);
        let words = |remark: &Remark<'_>| format!("{remark:?}");
        let write = |script| {
            write_script(
                script,
                &Angled,
                (&plan, &Forms { one_form: false }),
                &[],
                &words,
            )
        };
        let (one_by_one, left_out) = write(Script::new(&Angled));
        assert!(one_by_one.keeps_commands());
        let one_by_one = one_by_one.into_parts().0;
        let (in_parts, left_out_in_parts) = write(Script::text_only(&Angled));
        assert_eq!(left_out_in_parts, left_out);
        assert_eq!(
            in_parts.commands(),
            one_by_one.lines().filter(|l| !l.starts_with('#')).count()
        );
        let in_parts = in_parts.into_parts().0;
        assert!(in_parts == one_by_one, "the scripts differ");
        let marks = |form: &str| one_by_one.matches(&format!("Inferred(\"{form}\")")).count();
        assert_eq!((marks("add"), marks("other")), (1, 1));
        assert_eq!(
            left_out.by_character,
            (0..names.len()).filter(|i| i % 3001 == 5).count()
        );
        let mut streamed = String::new();
        let mut sink = |text: &str| {
            streamed.push_str(text);
            Ok(())
        };
        let words: Wording<'_> = &words;
        written_to(
            &plan,
            &Forms { one_form: false },
            &Angled,
            (&[], words),
            &mut sink,
        )
        .unwrap();
        assert!(streamed == one_by_one, "the streamed script differs");
    }

    /// A list written from one form is the script written entry by entry: the form marked
    /// once, and an entry the form cannot write (one the dialect refuses, one holding a
    /// bidirectional control, the first among them) written one by one, which says why. For a
    /// short list kept command by command, and for a long one written in parts.
    #[test]
    fn a_list_written_from_one_form_is_the_list_written_entry_by_entry() {
        for (len, keep) in [(40, true), (40, false), (2 * IN_PARTS + 301, false)] {
            let names: Vec<String> = (0..len)
                .map(|i| match i {
                    0 => "000000!".to_string(),
                    i if i % 13 == 3 => format!("{i:06}!"),
                    i if i % 17 == 4 => format!("{i:06}\u{202e}@example.com"),
                    i => format!("{i:06}@example.com"),
                })
                .collect();
            let plan = one_list(&names);
            let words = |remark: &Remark<'_>| format!("{remark:?}");
            let write = |one_form| {
                let script = match keep {
                    true => Script::new(&Angled),
                    false => Script::text_only(&Angled),
                };
                let writer = Forms { one_form };
                let (script, left_out) =
                    write_script(script, &Angled, (&plan, &writer), &[], &words);
                (script.commands(), script.into_parts(), left_out)
            };
            let (count, (text, commands), left_out) = write(false);
            let (form_count, (form_text, form_commands), form_left_out) = write(true);
            assert!(form_text == text, "the scripts differ for {len} entries");
            assert_eq!((form_count, form_left_out), (count, left_out));
            assert_eq!(form_commands, commands);
            assert_eq!(text.matches("Inferred(\"add\")").count(), 1);
            let unwritten = names.iter().filter(|n| n.ends_with('!') || !n.is_ascii());
            let unwritten = unwritten.count();
            assert!(unwritten > 2);
            assert_eq!(text.matches("NotWritten").count(), unwritten);
            assert_eq!(count, len - unwritten);
            assert_eq!(commands.len(), if keep { count } else { 0 });
        }
    }

    #[test]
    fn identity_fields_are_not_settings() {
        assert!(is_identity("domain.id"));
        assert!(is_identity("domain.domain"));
        assert!(is_identity("user.id"));
        assert!(!is_identity("domain.destination"));
        assert!(!is_identity("smtp.fastpath"));
        assert!(!is_identity("system.relay.smarthost"));
    }
}

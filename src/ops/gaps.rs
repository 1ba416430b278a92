//! `gaps`: what the known export and upgrade bugs would lose, with evidence and remedies.

use std::collections::{BTreeMap, BTreeSet};

use crate::knowledge::{Detect, Entry, Report, Severity};
use crate::message;
use crate::model::{Config, Version};

use super::evaluate::{evaluate, Evidence};
use super::{Evidence as At, Finding, Item, Status, Step};

/// What `gaps` found for one appliance.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GapReport {
    /// The version upgraded from, as captured.
    pub from: Option<String>,
    /// The version upgraded to.
    pub to: String,
    /// What each rule says.
    pub findings: Vec<Finding>,
}

/// The target version when none is given: the newest release the knowledge base knows.
pub fn newest(cx: &Evidence<'_>) -> Version {
    cx.knowledge
        .releases()
        .iter()
        .map(|r| r.version())
        .max()
        .expect("a vendor ships at least one release note")
}

/// Every gap the known issues of the releases between the captured version and `to` open.
pub fn gaps(cx: &Evidence<'_>, to: Option<Version>) -> GapReport {
    let to = to.unwrap_or_else(|| newest(cx));
    let from = cx.from();
    let mut findings = Vec::new();
    let mut explained = Vec::new();
    for release in cx.knowledge.releases() {
        for entry in release.entries_for(from.as_ref(), &to, Report::Gaps) {
            if let Some(Detect::ExportLacks { list }) = &entry.detect {
                explained.push(list.clone());
            }
            // A check that passed is news only when it names what is safe.
            findings.extend(
                evaluate(release, entry, cx)
                    .into_iter()
                    .filter(|f| f.status != Status::Ok || !f.items.is_empty()),
            );
        }
    }
    findings.extend(unexplained(cx, &explained));
    GapReport {
        from: from.map(|v| v.to_string()),
        to: to.to_string(),
        findings,
    }
}

/// `gaps --pre PRE POST`: what the rules say of the post-upgrade captures `cx` (patches to
/// install, settings to check, values to set), then what the upgrade lost: the items of the
/// pre-upgrade capture `pre` that the post-upgrade one lacks or holds differently, each under
/// the rule that explains it. One evaluation serves both.
pub fn gaps_since(cx: &Evidence<'_>, pre: &Config, to: Option<Version>) -> GapReport {
    let mut report = gaps(cx, to);
    let to = Version::parse(&report.to).unwrap_or_else(|| newest(cx));
    let lost = lost(cx, pre, &to);
    // What the post-upgrade capture alone cannot tell of a system message (KI-8: "not
    // captured", with the text it shows now as the remedy) the pre-upgrade capture does: the
    // finding of what was lost says it, with the pre-upgrade text.
    let message_rules: BTreeSet<&str> = cx
        .knowledge
        .releases()
        .iter()
        .flat_map(|r| &r.entries)
        .filter(|e| matches!(e.detect, Some(Detect::SystemMessage { .. })))
        .map(|e| e.id.as_str())
        .collect();
    let explained: BTreeSet<&str> = lost
        .iter()
        .filter(|f| f.status == Status::Found && message_rules.contains(f.rule.as_str()))
        .map(|f| f.rule.as_str())
        .collect();
    report
        .findings
        .retain(|f| f.status != Status::NotCaptured || !explained.contains(f.rule.as_str()));
    report.findings.extend(lost);
    report
}

/// The areas of a configuration an upgrade can lose.
const LOSABLE: [&str; 5] = ["settings", "messages", "lists", "trusted_hosts", "domains"];

/// What the upgrade to `to` lost: items of `pre` the post-upgrade captures lack or hold
/// differently, by the rule whose detector names them (`carryover-lost` for the others), and
/// what the post-upgrade captures did not observe, which is not compared.
pub fn lost(cx: &Evidence<'_>, pre: &Config, to: &Version) -> Vec<Finding> {
    let Some(post) = cx.model() else {
        return Vec::new();
    };
    let from = pre.appliance.version.as_ref().map(|v| v.value.clone());
    let rules: Vec<(&Entry, Vec<String>)> = cx
        .knowledge
        .releases()
        .iter()
        .flat_map(|r| r.entries_for(from.as_ref(), to, Report::Gaps))
        .filter_map(|e| Some((e, explains(e.detect.as_ref()?)?)))
        .collect();
    let (by_rule, unobserved) = compare(pre, post, &rules);
    let mut out: Vec<Finding> = by_rule
        .into_values()
        .map(|mut f| {
            f.summary = message!("finding-lost", count = f.items.len());
            let restore = message!("remedy-restore-against", to = to.to_string());
            f.remedy.push(Step::check(restore));
            f
        })
        .collect();
    out.extend(not_compared(cx, &unobserved));
    out
}

/// The items of `pre` that `post` lacks or holds differently, by the index of the rule in
/// `rules` that explains each (`rules.len()`: none), and the paths `post` did not observe.
fn compare(
    pre: &Config,
    post: &Config,
    rules: &[(&Entry, Vec<String>)],
) -> (BTreeMap<usize, Finding>, Vec<String>) {
    let now: BTreeMap<String, (Option<String>, bool)> = post
        .items()
        .into_iter()
        .map(|i| (i.path, (i.value.map(|v| v.into_owned()), i.secret)))
        .collect();
    let mut by_rule: BTreeMap<usize, Finding> = BTreeMap::new();
    let mut unobserved = Vec::new();
    for item in pre.items() {
        let area = item.path.split('/').next().unwrap_or("");
        if !LOSABLE.contains(&area) {
            continue;
        }
        if !post.coverage.observes(&item.path) && !now.contains_key(&item.path) {
            unobserved.push(item.path.clone());
            continue;
        }
        let index = rules
            .iter()
            .position(|(_, prefixes)| prefixes.iter().any(|p| matches(&item.path, p)))
            .unwrap_or(rules.len());
        if remedied(rules.get(index).map(|(e, _)| *e), now.get(&item.path)) {
            continue;
        }
        let note = match now.get(&item.path) {
            None => message!("item-lost"),
            // A trusted host listed without its key says nothing about the key.
            Some(_) if area == "trusted_hosts" => continue,
            Some((value, secret)) if *value != item.value.as_ref().map(|v| v.to_string()) => {
                message!("item-changed", now = shown(value.as_deref(), *secret))
            }
            Some(_) => continue,
        };
        let f = by_rule.entry(index).or_insert_with(|| {
            let (rule, severity) = rules
                .get(index)
                .map_or(("carryover-lost", Severity::Warning), |(e, _)| {
                    (e.id.as_str(), e.severity)
                });
            Finding::new(
                rule,
                severity,
                Status::Found,
                message!("finding-lost", count = 0usize),
            )
        });
        let at = At::of(pre, item.at);
        let shown = match item.value.as_deref() {
            // A member of a set: its path says it all.
            None => Item::at(&item.path, at),
            value => Item::setting(&item.path, shown(value, item.secret), at),
        };
        f.items.push(shown.noted(note));
    }
    (by_rule, unobserved)
}

/// The items of the pre-upgrade capture in ranges the post-upgrade one did not observe: not
/// compared, with the commands that would capture them.
fn not_compared(cx: &Evidence<'_>, unobserved: &[String]) -> Option<Finding> {
    if unobserved.is_empty() {
        return None;
    }
    let mut f = Finding::new(
        "carryover-lost",
        Severity::Info,
        Status::NotCaptured,
        message!("finding-lost-not-compared", count = unobserved.len()),
    );
    if let Some(plan) = cx.plan {
        let mut commands: Vec<String> = Vec::new();
        for command in unobserved.iter().flat_map(|p| capture_commands(plan, p)) {
            if !commands.contains(&command) {
                commands.push(command);
            }
        }
        f.remedy.extend(
            commands
                .into_iter()
                .map(|c| Step::run(c).marked(|c| cx.knowledge.form_confirmed(c))),
        );
    }
    Some(f)
}

/// The commands that capture an item path.
fn capture_commands(plan: &dyn crate::vendors::CapturePlan, path: &str) -> Vec<String> {
    let parts: Vec<&str> = path.splitn(4, '/').collect();
    match parts.as_slice() {
        ["lists", scope, list, ..] => plan.read_list(scope, list).into_iter().collect(),
        ["settings", _, name] => plan.read_setting(name).into_iter().collect(),
        ["messages", scope, name] => plan.read_message(scope, name),
        _ => plan.read_item(path),
    }
}

/// Whether the post-upgrade value is the one the rule's remedy sets (KI-5: fastpath on): the
/// remedy applied, nothing lost.
fn remedied(entry: Option<&Entry>, now: Option<&(Option<String>, bool)>) -> bool {
    match (entry.and_then(|e| e.detect.as_ref()), now) {
        (Some(Detect::SettingNot { value, .. }), Some((Some(now), _))) => now == value,
        _ => false,
    }
}

/// The item paths a rule's detector is about, as prefixes (`*` matches one path segment).
pub(crate) fn explains(detect: &Detect) -> Option<Vec<String>> {
    Some(match detect {
        Detect::ExportLacks { list } => vec![format!("lists/*/{list}/")],
        Detect::ReapplySettings { names } => names
            .iter()
            .map(|n| format!("settings/{}/{n}", crate::model::SYSTEM))
            .collect(),
        Detect::SettingNot { name, .. } | Detect::NewSetting { name, .. } => {
            vec![format!("settings/{}/{name}", crate::model::SYSTEM)]
        }
        Detect::SystemMessage { name, .. } => {
            vec![format!("messages/{}/{name}", crate::model::SYSTEM)]
        }
        Detect::TrustedHosts { group } => vec![format!("trusted_hosts/{group}/")],
        _ => return None,
    })
}

/// Whether `path` starts with `prefix`, a `*` segment of which matches any one segment; a
/// prefix not ending in `/` must match a whole path.
pub(crate) fn matches(path: &str, prefix: &str) -> bool {
    let whole = !prefix.ends_with('/');
    let want: Vec<&str> = prefix.trim_end_matches('/').split('/').collect();
    let have: Vec<&str> = path.split('/').collect();
    if have.len() < want.len() || (whole && have.len() != want.len()) {
        return false;
    }
    want.iter().zip(&have).all(|(w, h)| *w == "*" || w == h)
}

/// A value as a finding shows it: the first line, a secret masked, a member of a set present.
fn shown(value: Option<&str>, secret: bool) -> String {
    match (value, secret) {
        (_, true) => "<secret>".to_string(),
        (Some(v), _) => v.lines().next().unwrap_or("").to_string(),
        (None, _) => "present".to_string(),
    }
}

/// Items the live captures hold that the export lacks or holds differently, where no rule says
/// why: the export's own unknown losses.
fn unexplained(cx: &Evidence<'_>, explained_lists: &[String]) -> Option<Finding> {
    let (live, export) = (cx.live?, cx.export?);
    let config_area = |path: &str| {
        let mut parts = path.split('/');
        match parts.next() {
            Some("settings" | "messages" | "trusted_hosts" | "domains") => true,
            Some("lists") => {
                let list = parts.nth(1).unwrap_or("");
                !explained_lists.iter().any(|l| l == list)
            }
            _ => false,
        }
    };
    let exported: BTreeMap<String, Option<String>> = export
        .items()
        .into_iter()
        .map(|i| (i.path, i.value.map(|v| v.into_owned())))
        .collect();
    let mut f = Finding::new(
        "carryover-unexplained",
        Severity::Warning,
        Status::Found,
        message!("finding-unexplained", count = 0usize),
    );
    for item in live.items().into_iter().filter(|i| config_area(&i.path)) {
        // A trusted host listed without its key says nothing about the key.
        if item.path.starts_with("trusted_hosts/")
            && item.value.is_none()
            && exported.contains_key(&item.path)
        {
            continue;
        }
        let shown = |v: Option<&str>| match (v, item.secret) {
            (_, true) => "<secret>".to_string(),
            (Some(v), _) => v.lines().next().unwrap_or("").to_string(),
            (None, _) => "present".to_string(),
        };
        let at = At::of(live, item.at);
        let line = match exported.get(&item.path) {
            // A member of a set: its path says it all.
            None if item.value.is_none() => {
                Item::at(&item.path, at).noted(message!("item-not-in-the-export"))
            }
            None => Item::setting(&item.path, shown(item.value.as_deref()), at)
                .noted(message!("item-not-in-the-export")),
            Some(e) if *e != item.value.as_ref().map(|v| v.to_string()) => Item::setting(
                &item.path,
                format!(
                    "live {}, export {}",
                    shown(item.value.as_deref()),
                    shown(e.as_deref())
                ),
                at,
            ),
            Some(_) => continue,
        };
        f.items.push(line);
    }
    if f.items.is_empty() {
        return None;
    }
    f.summary = message!("finding-unexplained", count = f.items.len());
    f.remedy
        .push(Step::check(message!("remedy-check-unexplained")));
    Some(f)
}

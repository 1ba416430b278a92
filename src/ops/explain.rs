//! `diff --explain`: each difference between a capture before an upgrade and one after it,
//! labelled once by the rules for the versions the two captures show, with the rule's id.
//!
//! - **expected**: the release changes it (the version);
//! - **applied**: what `plan` and the runbook told the admin to do: the upgrade package, a
//!   patch a rule recommends, the value a rule's remedy sets;
//! - **lost**: a known issue predicts the loss, and `restore --against` writes it back;
//! - **unexplained**: no rule covers it;
//! - **accepted**: the user accepted it (`--accept`), with a reason.
//!
//! The labels are typed; `render::explain` words them. The rules are the same knowledge `gaps`
//! evaluates: the release notes the upgrade from the old side's version to the new side's
//! crosses.

use serde::Serialize;

use crate::knowledge::{Detect, Entry, Remedy};
use crate::model::{Config, Version};
use crate::vendors::{Knowledge, Vendor};

use super::diff::{Comparison, DiffKind, Difference, Side};

/// What a difference is, by the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// The release changes it.
    Expected,
    /// What the plan told the admin to do.
    Applied,
    /// A known issue predicts the loss; `restore --against` writes it back.
    Lost,
    /// No rule covers it.
    Unexplained,
    /// The user accepted it, with a reason.
    Accepted,
}

impl Label {
    /// Whether a difference with this label leaves nothing to do.
    pub fn settled(self) -> bool {
        matches!(self, Label::Expected | Label::Applied | Label::Accepted)
    }
}

/// Why a rule gives its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// The version the upgrade goes to.
    Version,
    /// The upgrade package the plan installs.
    Package,
    /// A patch a rule recommends.
    Patch,
    /// The value a rule's remedy sets.
    Remedy,
    /// A setting new in the release.
    NewSetting,
    /// A known issue predicts the loss.
    KnownLoss,
    /// No rule covers it.
    NoRule,
}

/// The id of carryover's own rule for the upgrade package (as `plan` reports it).
pub const PACKAGE_RULE: &str = "carryover-package";
/// The id of carryover's own rule for a difference no rule covers.
pub const UNEXPLAINED_RULE: &str = "carryover-unexplained";

/// A difference the user accepts: a rule id or an item path glob, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Acceptance {
    /// The rule id (`MOS-4.2.3-KI-6`) or item path glob (`lists/*/whitelistto/*`) it accepts.
    pub target: String,
    /// Why, in the user's words.
    pub reason: String,
}

impl Acceptance {
    /// Reads `TARGET=REASON`; `None` without `=` or with an empty side.
    pub fn parse(text: &str) -> Option<Acceptance> {
        let (target, reason) = text.split_once('=')?;
        let (target, reason) = (target.trim(), reason.trim());
        (!target.is_empty() && !reason.is_empty()).then(|| Acceptance {
            target: target.to_string(),
            reason: reason.to_string(),
        })
    }

    /// Whether it accepts the difference at `path` under `rule`: the rule's id (any case), or
    /// a glob over the path or over its last segment, the item's name (`smtp.fastpath`).
    fn accepts(&self, path: &str, rule: &str) -> bool {
        let name = path.rsplit('/').next().unwrap_or(path);
        self.target.eq_ignore_ascii_case(rule)
            || globset::Glob::new(&self.target)
                .map(|g| g.compile_matcher())
                .is_ok_and(|g| g.is_match(path) || g.is_match(name))
    }
}

/// One difference's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Explanation {
    /// Expected, applied, lost, unexplained or accepted.
    pub label: Label,
    /// The rule's id: a release note's (`MOS-4.2.3-KI-5`) or carryover's own
    /// (`carryover-package`, `carryover-unexplained`).
    pub rule: String,
    /// Why the rule gives the label (for an accepted difference, the label it had).
    pub why: Why,
    /// The label before the user accepted it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub was: Option<Label>,
    /// The acceptance that applies, with its reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Acceptance>,
}

/// A comparison with each difference labelled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explained {
    /// The comparison.
    pub comparison: Comparison,
    /// One label per difference, in the order of `comparison.changes`.
    pub labels: Vec<Explanation>,
    /// Acceptances that matched no difference.
    pub unused: Vec<Acceptance>,
}

impl Explained {
    /// Whether every difference is expected, applied or accepted, and nothing is not compared.
    pub fn settled(&self) -> bool {
        self.comparison.not_compared.is_empty() && self.labels.iter().all(|l| l.label.settled())
    }

    /// The differences with their labels.
    pub fn each(&self) -> impl Iterator<Item = (&Difference, &Explanation)> {
        self.comparison.changes.iter().zip(&self.labels)
    }

    /// How many differences carry each label, in [`Label`]'s order.
    pub fn counts(&self) -> [usize; 5] {
        let mut counts = [0; 5];
        for l in &self.labels {
            counts[l.label as usize] += 1;
        }
        counts
    }
}

/// Labels each difference of `comparison` from `old` (before the upgrade) to `new` (after it)
/// by the rules of the releases the upgrade crosses, then applies the user's acceptances.
pub fn explain(
    comparison: Comparison,
    old: &Config,
    new: &Config,
    knowledge: Option<&dyn Knowledge>,
    accept: &[Acceptance],
) -> Explained {
    let version = |c: &Config| c.appliance.version.as_ref().map(|v| v.value.clone());
    let rules = Rules::crossed(knowledge, version(old).as_ref(), version(new).as_ref());
    let mut comparison = comparison;
    compare_the_upgrades_own_update(&mut comparison, new, &rules);
    let labels = comparison
        .changes
        .iter()
        .map(|d| {
            let (label, rule, why) = rules.label(d);
            Explanation {
                label,
                rule,
                why,
                was: None,
                accepted: None,
            }
        })
        .collect();
    let mut explained = Explained {
        comparison,
        labels,
        unused: Vec::new(),
    };
    explained.accept(accept);
    explained
}

/// The update the upgrade itself installs is news on the new side only: a capture taken
/// before the upgrade could not hold it, so it is no item "not compared" but one the upgrade
/// added (SpamTitan's update log names it by the version, `updates/7.09`).
fn compare_the_upgrades_own_update(comparison: &mut Comparison, new: &Config, rules: &Rules<'_>) {
    let (own, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut comparison.not_compared)
        .into_iter()
        .partition(|n| n.not_captured_in == Side::A && rules.installs(&n.path));
    comparison.not_compared = rest;
    if own.is_empty() {
        return;
    }
    let items = new.items_without_lists();
    for item in own {
        let value = items
            .iter()
            .find(|i| i.path == item.path)
            .and_then(|i| i.value.as_deref())
            .map(|v| crate::model::Value::Text(v.to_string()));
        let at = comparison.changes.partition_point(|d| d.path < item.path);
        comparison.changes.insert(
            at,
            Difference {
                path: item.path,
                kind: DiffKind::Added,
                old: None,
                new: value,
                member: false,
                old_at: None,
                new_at: Some(item.at),
                secret: false,
            },
        );
    }
}

impl Explained {
    /// Marks accepted each difference an acceptance names (the first that names it), keeping
    /// the label it had; the acceptances that name none are kept as unused.
    pub fn accept(&mut self, accept: &[Acceptance]) {
        let mut used = vec![false; accept.len()];
        for (d, e) in self.comparison.changes.iter().zip(&mut self.labels) {
            let Some(i) = accept.iter().position(|a| a.accepts(&d.path, &e.rule)) else {
                continue;
            };
            used[i] = true;
            if e.accepted.is_none() {
                e.was = Some(e.label);
                e.label = Label::Accepted;
                e.accepted = Some(accept[i].clone());
            }
        }
        let unused = accept.iter().zip(used).filter(|(_, used)| !used);
        self.unused.extend(unused.map(|(a, _)| a.clone()));
    }
}

/// The explained diff of two models of one appliance, one before an upgrade (`old`) and one
/// after it (`new`): aligned, compared by the coverage rule with the vendor's volatile items
/// left out, and labelled.
pub fn explained_diff(
    old: &Config,
    new: &Config,
    vendor: &dyn Vendor,
    accept: &[Acceptance],
) -> Explained {
    let (mut old, mut new) = (old.clone(), new.clone());
    super::diff::align_identity(&mut old, &mut new);
    crate::model::align_domains(&mut old, &mut new);
    let mut volatile = globset::GlobSetBuilder::new();
    // The vendor's volatile patterns are shipped data, each tested to compile.
    for glob in vendor
        .volatile()
        .iter()
        .filter_map(|p| globset::Glob::new(p).ok())
    {
        volatile.add(glob);
    }
    let volatile = volatile
        .build()
        .unwrap_or_else(|_| globset::GlobSet::empty());
    let ignore = |path: &str| volatile.is_match(path);
    let options = super::diff::DiffOptions {
        ignore: &ignore,
        show_secrets: false,
    };
    let mut comparison = super::diff::compare(&old, &new, &options);
    if let Some(plan) = vendor.capture_plan() {
        let versions = [&old, &new].map(|c| c.appliance.version.as_ref().map(|v| &v.value));
        super::diff::place_not_compared(&mut comparison, plan, vendor.knowledge(), versions);
    }
    explain(comparison, &old, &new, vendor.knowledge(), accept)
}

/// The rules of the releases an upgrade crosses, and its packages' update names.
struct Rules<'k> {
    /// The version upgraded to.
    to: Option<Version>,
    entries: Vec<&'k Entry>,
    packages: Vec<String>,
}

impl<'k> Rules<'k> {
    fn crossed(
        knowledge: Option<&'k dyn Knowledge>,
        from: Option<&Version>,
        to: Option<&Version>,
    ) -> Self {
        let releases: Vec<_> = match (knowledge, to) {
            (Some(knowledge), Some(to)) => knowledge
                .releases()
                .iter()
                .filter(|r| r.crossed(from, to))
                .collect(),
            _ => Vec::new(),
        };
        let packages = releases
            .iter()
            .flat_map(|r| &r.packages)
            .map(|p| p.file.split('.').next().unwrap_or(&p.file).to_string())
            .collect();
        Rules {
            to: to.cloned(),
            entries: releases.iter().flat_map(|r| &r.entries).collect(),
            packages,
        }
    }

    /// The label, rule id and reason of one difference.
    fn label(&self, d: &Difference) -> (Label, String, Why) {
        if let Some(found) = self.upgrade(d).or_else(|| self.by_rule(d)) {
            return found;
        }
        (
            Label::Unexplained,
            UNEXPLAINED_RULE.to_string(),
            Why::NoRule,
        )
    }

    /// The version, or an update the plan installs: the package, or a patch a rule names.
    fn upgrade(&self, d: &Difference) -> Option<(Label, String, Why)> {
        if d.path == "appliance/version" {
            let now = d.new.as_ref().map(|v| v.to_string());
            let to = self.to.as_ref()?;
            let crossed = !self.entries.is_empty() || !self.packages.is_empty();
            let reached = now.as_deref().and_then(Version::parse).as_ref() == Some(to);
            return (crossed && reached && d.kind == DiffKind::Changed)
                .then(|| (Label::Expected, PACKAGE_RULE.to_string(), Why::Version));
        }
        let name = d.path.strip_prefix("updates/")?;
        if d.kind != DiffKind::Added {
            return None;
        }
        if self.installs(&d.path) {
            return Some((Label::Applied, PACKAGE_RULE.to_string(), Why::Package));
        }
        let patch = self.entries.iter().find(|e| names_patch(e, name))?;
        Some((Label::Applied, patch.id.clone(), Why::Patch))
    }

    /// Whether an item path is the update the upgrade installs: a package the crossed
    /// releases name, or an update named by the version upgraded to.
    fn installs(&self, path: &str) -> bool {
        let Some(name) = path.strip_prefix("updates/") else {
            return false;
        };
        let to_version = self.to.as_ref().is_some_and(|to| to.to_string() == name);
        let crossed = !self.entries.is_empty() || !self.packages.is_empty();
        self.packages.iter().any(|p| p == name) || (crossed && to_version)
    }

    /// The first rule whose detector is about the item's path.
    fn by_rule(&self, d: &Difference) -> Option<(Label, String, Why)> {
        let now = d.new.as_ref().map(|v| v.to_string());
        self.entries.iter().find_map(|e| {
            let detect = e.detect.as_ref()?;
            let prefixes = super::gaps::explains(detect)?;
            if !prefixes.iter().any(|p| super::gaps::matches(&d.path, p)) {
                return None;
            }
            let (label, why) = match detect {
                Detect::SettingNot { value, .. } if now.as_ref() == Some(value) => {
                    (Label::Applied, Why::Remedy)
                }
                Detect::NewSetting { recommended, .. } if now.as_ref() == Some(recommended) => {
                    (Label::Applied, Why::Remedy)
                }
                Detect::NewSetting { .. } if d.kind == DiffKind::Added => {
                    (Label::Expected, Why::NewSetting)
                }
                // What the post-upgrade side gained is no loss a known issue predicts.
                _ if d.kind == DiffKind::Added => return None,
                _ => (Label::Lost, Why::KnownLoss),
            };
            Some((label, e.id.clone(), why))
        })
    }
}

/// Whether a rule names the update `name` as a patch to install.
fn names_patch(entry: &Entry, name: &str) -> bool {
    let in_remedy = entry
        .remedy
        .iter()
        .any(|r| matches!(r, Remedy::Patch { name: n, .. } if n == name));
    let detected =
        matches!(&entry.detect, Some(Detect::UpdateMissing { name: n, .. }) if n == name);
    in_remedy || detected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acceptance_needs_a_target_and_a_reason() {
        let a = Acceptance::parse("smtp.fastpath = done by hand").unwrap();
        assert_eq!(
            (a.target.as_str(), a.reason.as_str()),
            ("smtp.fastpath", "done by hand")
        );
        assert_eq!(Acceptance::parse("MOS-4.2.3-KI-6"), None);
        assert_eq!(Acceptance::parse("=why"), None);
        assert_eq!(Acceptance::parse("lists/**= "), None);
    }

    #[test]
    fn an_acceptance_matches_a_rule_in_any_case_or_a_path_glob() {
        let rule = Acceptance::parse("mos-4.2.3-ki-6=x").unwrap();
        assert!(rule.accepts("lists/primary/whitelistto/a@b", "MOS-4.2.3-KI-6"));
        assert!(!rule.accepts("lists/primary/whitelistto/a@b", "MOS-4.2.3-KI-8"));
        let glob = Acceptance::parse("lists/*/whitelistto/*=x").unwrap();
        assert!(glob.accepts("lists/primary/whitelistto/a@b", "carryover-unexplained"));
        assert!(!glob.accepts("lists/primary/whitelist/a@b", "carryover-unexplained"));
        let name = Acceptance::parse("smtp.fastpath=x").unwrap();
        assert!(name.accepts("settings/system/smtp.fastpath", "MOS-4.2.3-KI-5"));
        assert!(!name.accepts("settings/system/smtp.fastpathx", "MOS-4.2.3-KI-5"));
    }
}

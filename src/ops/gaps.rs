//! `gaps`: what the known export and upgrade bugs would lose, with evidence and remedies.

use std::collections::BTreeMap;

use crate::knowledge::{Detect, Report, Severity};
use crate::message;
use crate::model::Version;

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
            None => Item::scoped(&item.path, shown(item.value.as_deref()), at)
                .noted(message!("item-not-in-the-export")),
            Some(e) if *e != item.value.as_ref().map(|v| v.to_string()) => Item::scoped(
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
        .push(Step::Check(message!("remedy-check-unexplained")));
    Some(f)
}

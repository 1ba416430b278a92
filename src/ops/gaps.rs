//! `gaps`: what the known export and upgrade bugs would lose, with evidence and remedies.

use std::collections::BTreeMap;

use crate::knowledge::{Detect, Report, Severity};
use crate::model::Version;

use super::evaluate::{evaluate, Evidence};
use super::{Finding, Status};

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
    let mut f = Finding {
        rule: "carryover-unexplained".into(),
        severity: Severity::Warning,
        status: Status::Found,
        summary: String::new(),
        items: Vec::new(),
        evidence: Vec::new(),
        remedy: Vec::new(),
    };
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
        let line = match exported.get(&item.path) {
            None => format!(
                "{}: {} (not in the export)",
                item.path,
                shown(item.value.as_deref())
            ),
            Some(e) if *e != item.value.as_ref().map(|v| v.to_string()) => format!(
                "{}: live {}, export {}",
                item.path,
                shown(item.value.as_deref()),
                shown(e.as_deref())
            ),
            Some(_) => continue,
        };
        f.items.push(line);
        f.evidence.push(live.locate(item.at));
    }
    if f.items.is_empty() {
        return None;
    }
    f.summary = format!(
        "{} item(s) of the live captures differ from the export and no known issue explains it",
        f.items.len()
    );
    f.remedy
        .push("GUI: check these by hand before relying on the export".into());
    Some(f)
}

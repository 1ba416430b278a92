//! `plan`: a pre-upgrade checklist from the captures and the knowledge base.

use crate::knowledge::{Detect, Report, Severity};
use crate::model::Version;

use super::evaluate::{evaluate, remedy, Evidence};
use super::{Finding, Status};

/// The checklist for one upgrade.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlanReport {
    pub from: Option<String>,
    pub to: String,
    /// Rules that stop the upgrade until they are dealt with.
    pub blocking: Vec<String>,
    pub findings: Vec<Finding>,
}

/// The checklist for upgrading the captured appliance to `to`.
pub fn plan(cx: &Evidence<'_>, to: &Version) -> PlanReport {
    let from = cx.from();
    let mut findings = Vec::new();
    let mut blocking = Vec::new();
    let releases: Vec<_> = cx
        .knowledge
        .releases()
        .iter()
        .filter(|r| r.crossed(from.as_ref(), to))
        .collect();
    let newest = cx.knowledge.releases().iter().map(|r| r.version()).max();
    if newest.as_ref().is_some_and(|n| n < to) {
        findings.push(own(
            "carryover-unknown-release",
            Severity::Warning,
            Status::NotCaptured,
            format!(
                "no release note after {} is known; nothing past it is checked",
                newest.expect("checked")
            ),
        ));
    }
    for release in &releases {
        // A release installed online names no package file.
        let packaged = !release.packages.is_empty();
        match &from {
            _ if !packaged => {}
            Some(from) => match release.package_for(from) {
                Some(p) => {
                    let mut f = own(
                        "carryover-package",
                        Severity::Info,
                        Status::Found,
                        format!(
                            "install {} to go from {from} to {}",
                            p.file, release.version
                        ),
                    );
                    f.remedy = cx.knowledge.install_package(&p.file, &p.url);
                    findings.push(f);
                }
                None => {
                    blocking.push("carryover-package".to_string());
                    findings.push(own(
                        "carryover-package",
                        Severity::Error,
                        Status::Found,
                        format!(
                            "the {} note names no package for upgrading from {from}",
                            release.version
                        ),
                    ));
                }
            },
            None => findings.push(own(
                "carryover-package",
                Severity::Info,
                Status::NotCaptured,
                format!(
                    "the version was not captured, so the {} package cannot be chosen",
                    release.version
                ),
            )),
        }
        for entry in release
            .entries
            .iter()
            .filter(|e| e.reported_by(Report::Plan) && e.applies_from(from.as_ref()))
        {
            let results = evaluate(entry, cx);
            let blocks = matches!(
                entry.detect,
                Some(
                    Detect::LicenseMissing { .. }
                        | Detect::VersionBelow { .. }
                        | Detect::VersionNot { .. }
                )
            );
            if blocks && results.iter().any(|f| f.status == Status::Found) {
                blocking.push(entry.id.clone());
            }
            if results.is_empty() && entry.detect.is_some() {
                let mut f = own(
                    &entry.id,
                    Severity::Info,
                    Status::Ok,
                    format!("{}: nothing captured needs it", entry.title),
                );
                f.remedy = remedy(entry, cx.knowledge, &[])
                    .into_iter()
                    .filter(|r| r.starts_with("GUI:"))
                    .collect();
                findings.push(f);
            }
            findings.extend(results);
        }
    }
    blocking.dedup();
    PlanReport {
        from: from.map(|v| v.to_string()),
        to: to.to_string(),
        blocking,
        findings,
    }
}

fn own(rule: &str, severity: Severity, status: Status, summary: String) -> Finding {
    Finding {
        rule: rule.into(),
        severity,
        status,
        summary,
        items: Vec::new(),
        evidence: Vec::new(),
        remedy: Vec::new(),
    }
}

//! `plan`: a pre-upgrade checklist from the captures and the knowledge base.

use crate::base::message::Message;
use crate::knowledge::{Detect, Entry, Phase, Release, Remedy, Report, Severity};
use crate::message;
use crate::model::Version;

use super::evaluate::{evaluate, steps, Evidence};
use super::{Finding, Status, Step};

/// The checklist for one upgrade.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlanReport {
    /// The version upgraded from, as captured.
    pub from: Option<String>,
    /// The version upgraded to.
    pub to: String,
    /// Rules that stop the upgrade until they are dealt with.
    pub blocking: Vec<String>,
    /// What each rule says.
    pub findings: Vec<Finding>,
    /// The patches to install after the upgrade, `(rule, step)`: those whose rule found
    /// something or could not tell. The restore runbook lists exactly these.
    pub patches: Vec<(String, Step)>,
}

/// The checklist for upgrading the captured appliance to `to`.
pub fn plan(cx: &Evidence<'_>, to: &Version) -> PlanReport {
    plan_confirmed(cx, to, &[])
}

/// [`plan`], with the rules the operator confirmed by hand (`--confirm ID`). A precondition
/// of severity error that no capture shows blocks the upgrade until it is confirmed; a
/// confirmed one is reported as confirmed by the operator, never as checked.
pub fn plan_confirmed(cx: &Evidence<'_>, to: &Version, confirmed: &[String]) -> PlanReport {
    let from = cx.from();
    let mut report = PlanReport {
        from: from.as_ref().map(|v| v.to_string()),
        to: to.to_string(),
        blocking: Vec::new(),
        findings: Vec::new(),
        patches: Vec::new(),
    };
    let newest = cx.knowledge.releases().iter().map(|r| r.version()).max();
    if let Some(newest) = newest.as_ref().filter(|n| *n < to) {
        report.findings.push(own(
            "carryover-unknown-release",
            Severity::Warning,
            Status::NotCaptured,
            message!("finding-unknown-release", version = newest.to_string()),
        ));
    }
    for release in cx.knowledge.releases() {
        if release.crossed(from.as_ref(), to) {
            package(&mut report, cx, release, from.as_ref());
        }
        for entry in release.entries_for(from.as_ref(), to, Report::Plan) {
            entry_findings(&mut report, cx, release, entry, confirmed);
        }
    }
    report.blocking.dedup();
    in_order_of_work(&mut report.findings, cx.knowledge.releases());
    each_patch_once(&mut report.findings, cx);
    report
}

/// The findings in the order of work: by phase, then by each entry's place in its phase as
/// the knowledge gives it, then as they came (the package install before the entries).
fn in_order_of_work(findings: &mut [Finding], releases: &[Release]) {
    let order = |rule: &str| {
        let mut entries = releases.iter().flat_map(|r| r.entries.iter());
        entries.find(|e| e.id == rule).map_or(0, |e| e.order)
    };
    findings.sort_by_key(|f| (f.phase, order(&f.rule)));
}

/// A patch two entries ask for (KI-4 and P-4) is installed by the first in the order of work;
/// the later one says so instead of listing the install again.
fn each_patch_once(findings: &mut [Finding], cx: &Evidence<'_>) {
    let mut installed: Vec<(String, Vec<String>)> = Vec::new();
    for f in findings.iter_mut() {
        for install in patch_installs(cx, &f.rule) {
            let listed = |f: &Finding| {
                let commands: Vec<&str> = f.remedy.iter().filter_map(Step::command).collect();
                install.iter().all(|c| commands.contains(&c.as_str()))
            };
            if !listed(f) {
                continue;
            }
            match installed.iter().find(|(_, earlier)| *earlier == install) {
                Some((rule, _)) => {
                    f.remedy
                        .retain(|s| !s.command().is_some_and(|c| install.iter().any(|i| i == c)));
                    f.also
                        .push(message!("plan-patch-installed-by", rule = rule.as_str()));
                }
                None => installed.push((f.rule.clone(), install)),
            }
        }
    }
}

/// The commands that install each patch the entry `rule` names in its remedy.
fn patch_installs(cx: &Evidence<'_>, rule: &str) -> Vec<Vec<String>> {
    let releases = cx.knowledge.releases().iter();
    let Some(entry) = releases
        .flat_map(|r| r.entries.iter())
        .find(|e| e.id == rule)
    else {
        return Vec::new();
    };
    entry
        .remedy
        .iter()
        .filter_map(|r| match r {
            Remedy::Patch {
                name,
                url,
                parameters,
            } => Some(cx.knowledge.install_patch(name, url, parameters)),
            _ => None,
        })
        .map(|steps| {
            let commands = steps.iter().filter_map(Step::command);
            commands.map(str::to_string).collect()
        })
        .collect()
}

/// Which package takes the appliance across a release, or why none can be chosen.
fn package(report: &mut PlanReport, cx: &Evidence<'_>, release: &Release, from: Option<&Version>) {
    // A release installed online names no package file.
    if release.packages.is_empty() {
        return;
    }
    let Some(from) = from else {
        report.findings.push(own(
            "carryover-package",
            Severity::Info,
            Status::NotCaptured,
            message!("finding-package-no-version", release = &release.version),
        ));
        return;
    };
    match release.package_for(from) {
        Some(p) => {
            let mut f = own(
                "carryover-package",
                Severity::Info,
                Status::Found,
                message!(
                    "finding-package",
                    file = &p.file,
                    from = from.to_string(),
                    release = &release.version
                ),
            );
            f.remedy = cx.knowledge.install_package(&p.file, &p.url);
            f.phase = Some(Phase::During);
            report.findings.push(f);
        }
        None => {
            report.blocking.push("carryover-package".to_string());
            report.findings.push(own(
                "carryover-package",
                Severity::Error,
                Status::Found,
                message!(
                    "finding-package-none",
                    release = &release.version,
                    from = from.to_string()
                ),
            ));
        }
    }
}

/// One rule's findings, whether it blocks, and the patches it needs.
fn entry_findings(
    report: &mut PlanReport,
    cx: &Evidence<'_>,
    release: &Release,
    entry: &Entry,
    confirmed: &[String],
) {
    let mut results = evaluate(release, entry, cx);
    let precondition = matches!(
        entry.detect,
        Some(
            Detect::LicenseMissing { .. }
                | Detect::VersionBelow { .. }
                | Detect::VersionNot { .. }
                | Detect::HardwareNot { .. }
                | Detect::Manual
        )
    );
    if precondition && results.iter().any(|f| f.status == Status::Found) {
        report.blocking.push(entry.id.clone());
    }
    // An unverified precondition of severity error blocks until it is checked by hand.
    let unverified = precondition
        && entry.severity == Severity::Error
        && results.iter().any(|f| f.status == Status::NotCaptured);
    if unverified {
        let by_operator = confirmed.contains(&entry.id);
        for f in results
            .iter_mut()
            .filter(|f| f.status == Status::NotCaptured)
        {
            if by_operator {
                f.status = Status::Confirmed;
                f.summary = message!("finding-confirmed", title = &entry.title, rule = &entry.id);
                f.also.clear();
                f.remedy.clear();
            } else {
                f.also
                    .push(message!("finding-blocks-until-confirmed", rule = &entry.id));
            }
        }
        if !by_operator {
            report.blocking.push(entry.id.clone());
        }
    }
    if entry.gate {
        gate(report, entry, &mut results, confirmed);
    }
    add_patches(&mut report.patches, cx, entry, &results);
    if results.is_empty() && entry.detect.is_some() {
        let mut f = own(
            &entry.id,
            Severity::Info,
            Status::Ok,
            message!("finding-nothing-needs-it", title = &entry.title),
        );
        f.remedy = steps(entry, cx.knowledge, &[])
            .into_iter()
            .filter(Step::is_by_hand)
            .collect();
        report.findings.push(f);
    }
    report.findings.extend(results);
}

/// An entry the note makes a condition of the upgrade (N-3, N-4): when it finds something or
/// cannot tell, it blocks until the operator confirms it, and says what was seen. Confirmed,
/// its findings say so and ask nothing more.
fn gate(report: &mut PlanReport, entry: &Entry, results: &mut [Finding], confirmed: &[String]) {
    let open = |f: &Finding| matches!(f.status, Status::Found | Status::NotCaptured);
    if !results.iter().any(open) {
        return;
    }
    let by_operator = confirmed.contains(&entry.id);
    for f in results.iter_mut().filter(|f| open(f)) {
        if by_operator {
            f.status = Status::Confirmed;
            f.severity = Severity::Info;
            f.summary = message!("finding-confirmed", title = &entry.title, rule = &entry.id);
            f.also.clear();
            f.remedy.clear();
        } else {
            let clause = match seen(f) {
                Some(seen) => message!("finding-gate-blocks", rule = &entry.id, seen = seen),
                None => message!("finding-gate-blocks-unseen", rule = &entry.id),
            };
            f.also.push(clause);
        }
    }
    if !by_operator {
        report.blocking.push(entry.id.clone());
    }
}

/// What a finding saw, in a few words: its items, else the places it cites; `None`: nothing.
fn seen(f: &Finding) -> Option<String> {
    let items: Vec<String> = f
        .items
        .iter()
        .map(|i| match &i.evidence {
            Some(at) => format!("{} ({at})", i.value),
            None => i.value.clone(),
        })
        .collect();
    if !items.is_empty() {
        return Some(items.join("; "));
    }
    let at: Vec<String> = f.at.iter().map(ToString::to_string).collect();
    (!at.is_empty()).then(|| at.join(", "))
}

/// The patches an entry recommends, when its findings say they are needed: something found,
/// or something the captures could not tell.
fn add_patches(
    patches: &mut Vec<(String, Step)>,
    cx: &Evidence<'_>,
    entry: &Entry,
    results: &[Finding],
) {
    if results.iter().all(|f| f.status == Status::Ok) {
        return;
    }
    let steps = entry.remedy.iter().flat_map(|r| match r {
        Remedy::Patch {
            name,
            url,
            parameters,
        } => cx.knowledge.install_patch(name, url, parameters),
        _ => Vec::new(),
    });
    for step in steps {
        // Several notes may name one patch (KI-4 and P-4): install it once.
        if !patches.iter().any(|(_, s)| *s == step) {
            patches.push((entry.id.clone(), step));
        }
    }
}

/// The patches [`plan`] lists, evaluating only the rules that recommend one: the same
/// evaluation, without the cost of rules (a million list entries) that install nothing.
pub fn needed_patches(cx: &Evidence<'_>, to: &Version) -> Vec<(String, Step)> {
    let from = cx.from();
    let mut patches = Vec::new();
    for release in cx.knowledge.releases() {
        let entries = release
            .entries_for(from.as_ref(), to, Report::Plan)
            .filter(|e| e.remedy.iter().any(|r| matches!(r, Remedy::Patch { .. })));
        for entry in entries {
            add_patches(&mut patches, cx, entry, &evaluate(release, entry, cx));
        }
    }
    patches
}

fn own(rule: &str, severity: Severity, status: Status, summary: Message) -> Finding {
    Finding::new(rule, severity, status, summary)
}

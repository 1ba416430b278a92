//! `gaps` and `plan`: read the captures of one appliance, run the release notes' rules, and
//! return the findings as a typed [`Report`]; [`crate::render::findings::report`] makes the
//! words.

use std::path::PathBuf;

use crate::base::error::{Error, Result};
use crate::capture::{Capture, ReadOptions};
use crate::knowledge::Severity;
use crate::model::Version;
use crate::ops::{self, Finding, Status};
use crate::read::{self, Split};

use super::{check_target, evidence};

/// What `gaps` is asked.
#[derive(Debug, Clone)]
pub struct GapsRequest {
    /// The captures of one appliance.
    pub paths: Vec<PathBuf>,
    /// How to read them.
    pub read: ReadOptions,
    /// The version to upgrade to; `None`: the newest release note known.
    pub to: Option<Version>,
    /// `--pre`: the captures of the same appliance before the upgrade; then `paths` are the
    /// captures after it, and the report adds what the upgrade lost. Empty: none.
    pub pre: Vec<PathBuf>,
}

/// What `plan` is asked.
#[derive(Debug, Clone)]
pub struct PlanRequest {
    /// The captures of one appliance.
    pub paths: Vec<PathBuf>,
    /// How to read them.
    pub read: ReadOptions,
    /// The version to upgrade to.
    pub to: Version,
    /// The ids of preconditions the operator checked by hand.
    pub confirm: Vec<String>,
}

/// Which subcommand made a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `gaps`: what still holds after the upgrade.
    Gaps,
    /// `plan`: what to check before it.
    Plan,
}

impl Kind {
    /// The subcommand's name (`gaps`, `plan`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Gaps => "gaps",
            Kind::Plan => "plan",
        }
    }
}

/// What `gaps` or `plan` found for one appliance.
#[derive(Debug, Clone)]
pub struct Report {
    /// The subcommand that made it.
    pub kind: Kind,
    /// The appliance's host name; `None`: not captured.
    pub appliance: Option<String>,
    /// The version upgraded from; `None`: not captured.
    pub from: Option<String>,
    /// The version upgraded to.
    pub to: String,
    /// `plan` only: the rules that block the upgrade.
    pub blocking: Option<Vec<String>>,
    /// What each rule says, in the knowledge base's order, then the updates seen failing.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether the report makes exit status 1: a rule blocks the upgrade, or a finding of
    /// warning level or above was found.
    pub fn failing(&self) -> bool {
        self.blocking.as_ref().is_some_and(|b| !b.is_empty())
            || self
                .findings
                .iter()
                .any(|f| f.status == Status::Found && f.severity >= Severity::Warning)
    }
}

/// `gaps`: what the known bugs of the releases up to `to` would lose. `seen` is shown each
/// capture as soon as it is read, for its warnings and notes.
pub fn gaps(request: &GapsRequest, seen: &mut dyn FnMut(&Capture)) -> Result<Report> {
    let split = read_split(&request.paths, &request.read, seen)?;
    let cx = evidence(&split)?;
    if let Some(to) = &request.to {
        check_target(&cx, split.vendor()?, to)?;
    }
    let mut report = if request.pre.is_empty() {
        ops::gaps::gaps(&cx, request.to.clone())
    } else {
        let pre = read::read(&request.pre, &request.read)?;
        seen(&pre);
        if let Some(post) = cx.model() {
            read::same_appliance_for(&pre.config, post, read::AskedBy::Against)?;
        }
        ops::gaps::gaps_since(&cx, &pre.config, request.to.clone())
    };
    report.findings.extend(failed_updates(&split));
    Ok(Report {
        kind: Kind::Gaps,
        appliance: split.hostname().map(String::from),
        from: report.from,
        to: report.to,
        blocking: None,
        findings: report.findings,
    })
}

/// `plan`: the checklist for upgrading to `to`, the preconditions the operator confirmed no
/// longer blocking. `seen` is shown each capture as soon as it is read.
pub fn plan(request: &PlanRequest, seen: &mut dyn FnMut(&Capture)) -> Result<Report> {
    let split = read_split(&request.paths, &request.read, seen)?;
    let cx = evidence(&split)?;
    check_target(&cx, split.vendor()?, &request.to)?;
    if let Some(from) = cx.from().filter(|f| f.cmp(&request.to).is_eq()) {
        return Err(Error::usage(crate::message!(
            "usage-plan-already-at-target",
            from = from.to_string()
        )));
    }
    let mut report = ops::plan::plan_confirmed(&cx, &request.to, &request.confirm);
    check_confirmed(&request.confirm, &report)?;
    let failed = failed_updates(&split);
    report
        .blocking
        .extend(failed.iter().map(|f| f.rule.clone()).take(1));
    report.findings.extend(failed);
    Ok(Report {
        kind: Kind::Plan,
        appliance: split.hostname().map(String::from),
        from: report.from,
        to: report.to,
        blocking: Some(report.blocking),
        findings: report.findings,
    })
}

/// Refuses a confirmed id no rule of the plan has: a mistyped id must not pass for a
/// confirmation.
fn check_confirmed(confirm: &[String], report: &ops::plan::PlanReport) -> Result<()> {
    let unknown: Vec<&str> = confirm
        .iter()
        .filter(|id| !report.findings.iter().any(|f| f.rule == **id))
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let needed: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| report.blocking.contains(&f.rule))
        .map(|f| f.rule.as_str())
        .collect();
    let ids = unknown.join(", ");
    Err(Error::usage(if needed.is_empty() {
        crate::message!("usage-confirm-unknown", ids = ids)
    } else {
        crate::message!(
            "usage-confirm-unknown-blocking",
            ids = ids,
            blocking = needed.join(", ")
        )
    }))
}

/// The captures, split into live ones and exports, each shown to `seen`.
fn read_split(
    paths: &[PathBuf],
    options: &ReadOptions,
    seen: &mut dyn FnMut(&Capture),
) -> Result<Split> {
    let split = read::read_split(paths, options)?;
    split.captures().for_each(seen);
    Ok(split)
}

/// Updates the captures show as failed.
fn failed_updates(split: &Split) -> Vec<Finding> {
    ops::update_logs::failed_updates(split.captures().map(|c| &c.config))
}

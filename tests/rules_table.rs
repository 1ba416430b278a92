//! The rules' table: every rule of a vendor's knowledge base that promises an action (it is
//! reported and has a remedy) has a capture, shipped or made here, that makes it fire, and the
//! action it promises is asserted on what `gaps`, `plan` or `restore` then say. A rule no
//! capture can make fire says why in its knowledge base (`never_fires`).
//!
//! The table works on the neutral knowledge types (`Release`, `Entry`, `Finding`) and the
//! library's commands, so any vendor's rules can join it: list the vendor in [`VENDORS`] and
//! give its cases in [`cases`].

mod common;

use std::path::PathBuf;

use carryover::capture::ReadOptions;
use carryover::commands::restore::{restore, Request};
use carryover::knowledge::Entry;
use carryover::model::Version;
use carryover::ops::evaluate::Evidence;
use carryover::ops::{Finding, Status};
use carryover::read;
use carryover::vendors::{self, Vendor};

/// The vendors whose rules the table checks, by id. SpamTitan's rules join when its cases are
/// added to [`cases`].
const VENDORS: &[&str] = &["mirapoint-mos"];

/// Where a case looks for the rule's action.
#[derive(Debug, Clone, Copy)]
enum Report {
    /// A `gaps` finding of the rule that found something, with the action in its remedy.
    Gaps,
    /// A `plan` finding of the rule that found something, with the action in its remedy.
    Plan,
    /// A line of the `restore` script, in a group whose remark names the rule.
    Restore,
}

/// A capture a case reads: a shipped sample, or a text written for the case.
#[derive(Debug, Clone, Copy)]
enum Input {
    Sample(&'static str),
    Text(&'static str, &'static str),
}

/// One rule, the captures that make it fire, and the action it must then promise.
#[derive(Debug, Clone, Copy)]
struct Case {
    rule: &'static str,
    inputs: &'static [Input],
    report: Report,
    /// A remedy line (or a script line) holding this text.
    action: &'static str,
}

use Input::{Sample, Text};
use Report::{Gaps, Plan, Restore};

const BEFORE: Input = Sample("samples/mos/rg01-4.1.9-before.log");
const EXPORT: Input = Sample("samples/mos/rg01-4.1.9-export.cfg");
const MS01: Input = Sample("samples/mos/ms01-delegated-domains.log");

/// AutoReply linked to LDAP (KI-1).
const LINKED: Input = Text(
    "linked.log",
    "rg01> version\nMOS4.1.9-GA\nOK Completed\n\
     rg01> ldap get autoreply\non\nOK Completed\n",
);
/// A filter on EnvelopeTo (KI-2).
const ENVELOPE_TO: Input = Text(
    "filters.log",
    "rg01> version\nMOS4.1.9-GA\nOK Completed\n\
     rg01> filter list\n\"ml\" \"EnvelopeTo contains ml@example.co.jp\" \"fileinto ML\"\nOK Completed\n",
);
/// FastPath off on an appliance already at 4.2.3 (KI-5 after the upgrade).
const FASTPATH_OFF_ON_4_2_3: Input = Text(
    "after.log",
    "rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> smtp get fastpath\noff\nOK Completed\n",
);
/// No Upgrades Allowed license (N-5).
const UNLICENSED: Input = Text(
    "unlicensed.log",
    "rg01> version\nMOS4.1.9-GA\nOK Completed\n\
     rg01> license status\n\"Anti-Spam\" \"expires 2012-03-31\"\nOK Completed\n",
);
/// Too old a version (N-6).
const TOO_OLD: Input = Text("old.log", "rg01> version\nMOS4.1.8-GA\nOK Completed\n");
/// E4_antivirus_DA not installed (P-2).
const UNPATCHED: Input = Text(
    "unpatched.log",
    "rg01> version\nMOS4.1.9-GA\nOK Completed\n\
     rg01> update list\n\"D4_Other\" \"installed 2011-02-20\"\nOK Completed\n",
);

/// The cases of a vendor's rules.
fn cases(vendor: &str) -> Vec<Case> {
    let case = |rule, inputs, report, action| Case {
        rule,
        inputs,
        report,
        action,
    };
    match vendor {
        "mirapoint-mos" => vec![
            case(
                "MOS-4.2.3-F-5",
                &[BEFORE],
                Gaps,
                "smtp set maxmsgsum 314572800",
            ),
            case(
                "MOS-4.2.3-F-5",
                &[BEFORE],
                Restore,
                "smtp set maxmsgsum 314572800",
            ),
            case(
                "MOS-4.2.3-C-6",
                &[BEFORE],
                Gaps,
                "run `trustedhost add mtagroup <upstream-razorgate>`",
            ),
            case(
                "MOS-4.2.3-C-6",
                &[BEFORE, EXPORT],
                Restore,
                "trustedhost add mtagroup 192.0.2.21",
            ),
            case(
                "MOS-4.2.3-KI-1",
                &[LINKED],
                Gaps,
                "GUI: Until a fix is released, make every AutoReply change in LDAP as well.",
            ),
            case(
                "MOS-4.2.3-KI-2",
                &[ENVELOPE_TO],
                Gaps,
                "GUI: Rewrite EnvelopeTo filters on another condition (To, Cc).",
            ),
            case(
                "MOS-4.2.3-KI-3",
                &[BEFORE],
                Gaps,
                "smtp set quarantinejunk on",
            ),
            case(
                "MOS-4.2.3-KI-3",
                &[BEFORE],
                Restore,
                "smtp set ldaprouting local",
            ),
            case(
                "MOS-4.2.3-KI-4",
                &[BEFORE],
                Plan,
                "update install http://<your-server>/D4_2_3_backup_local.mpu5",
            ),
            case("MOS-4.2.3-KI-5", &[BEFORE], Gaps, "smtp set fastpath on"),
            case(
                "MOS-4.2.3-KI-5",
                &[FASTPATH_OFF_ON_4_2_3],
                Gaps,
                "smtp set fastpath on",
            ),
            case("MOS-4.2.3-KI-5", &[BEFORE], Restore, "smtp set fastpath on"),
            case(
                "MOS-4.2.3-KI-6",
                &[BEFORE, EXPORT],
                Gaps,
                "uce addexception primary whitelistto ml-sales@lists.example.co.jp",
            ),
            case(
                "MOS-4.2.3-KI-6",
                &[BEFORE, EXPORT],
                Restore,
                "uce addexception primary whitelistto ml-sales@lists.example.co.jp",
            ),
            case(
                "MOS-4.2.3-KI-7",
                &[MS01],
                Gaps,
                "update install http://<your-server>/D4_2_3_admingui.mpu5",
            ),
            case(
                "MOS-4.2.3-KI-8",
                &[BEFORE],
                Gaps,
                "branding set quotamsg {99}",
            ),
            case(
                "MOS-4.2.3-KI-8",
                &[BEFORE],
                Restore,
                "branding set quotamsg {99}",
            ),
            case(
                "MOS-4.2.3-N-1",
                &[BEFORE],
                Plan,
                "GUI: Do not reboot while the update installs",
            ),
            case(
                "MOS-4.2.3-N-2",
                &[BEFORE],
                Gaps,
                "GUI: Download the current branding files before upgrading",
            ),
            case(
                "MOS-4.2.3-N-3",
                &[BEFORE],
                Plan,
                "GUI: Stop the standby node",
            ),
            case("MOS-4.2.3-N-4", &[BEFORE], Plan, "backup status"),
            case("MOS-4.2.3-N-5", &[UNLICENSED], Plan, "license status"),
            case(
                "MOS-4.2.3-N-6",
                &[TOO_OLD],
                Plan,
                "GUI: Upgrade to 4.1.9 or later first.",
            ),
            case(
                "MOS-4.2.3-P-1",
                &[BEFORE],
                Plan,
                "D4_Adjust_SMTP_Params.mpu5?timeQuit=120s&cacheSize=0",
            ),
            case(
                "MOS-4.2.3-P-2",
                &[UNPATCHED],
                Plan,
                "update install http://<your-server>/E4_antivirus_DA.mpu5",
            ),
            case(
                "MOS-4.2.3-P-3",
                &[MS01],
                Plan,
                "update install http://<your-server>/D4_2_3_admingui.mpu5",
            ),
            case(
                "MOS-4.2.3-P-4",
                &[BEFORE],
                Plan,
                "update install http://<your-server>/D4_2_3_backup_local.mpu5",
            ),
        ],
        // SpamTitan's cases go here, with "spamtitan" added to VENDORS.
        _ => Vec::new(),
    }
}

/// The vendors the table checks.
fn vendors() -> Vec<&'static dyn Vendor> {
    VENDORS
        .iter()
        .map(|id| {
            *vendors::REGISTRY
                .iter()
                .find(|v| v.id().name() == *id)
                .unwrap_or_else(|| panic!("no vendor {id}"))
        })
        .collect()
}

/// The entries of a vendor whose remedy promises an action.
fn promising(vendor: &dyn Vendor) -> Vec<&'static Entry> {
    vendors::knowledge_of(vendors::by_id(vendor.id()).unwrap())
        .unwrap()
        .releases()
        .iter()
        .flat_map(|r| &r.entries)
        .filter(|e| !e.reports.is_empty() && !e.remedy.is_empty())
        .collect()
}

#[test]
fn every_rule_that_promises_an_action_has_a_case_or_says_why_not() {
    for vendor in vendors() {
        let cases = cases(vendor.id().name());
        let entries = promising(vendor);
        assert!(!entries.is_empty(), "{}", vendor.id());
        for entry in &entries {
            let covered = cases.iter().any(|c| c.rule == entry.id);
            match &entry.never_fires {
                Some(why) => {
                    assert!(!why.trim().is_empty(), "{}: an empty reason", entry.id);
                    assert!(!covered, "{} has a case, yet says it never fires", entry.id);
                }
                None => assert!(covered, "{}: no case makes it fire", entry.id),
            }
        }
        for case in &cases {
            assert!(
                entries.iter().any(|e| e.id == case.rule),
                "{}: no such rule with a remedy",
                case.rule
            );
        }
    }
}

#[test]
fn every_case_fires_its_rule_with_the_action_it_promises() {
    common::at_root();
    for vendor in vendors() {
        for case in cases(vendor.id().name()) {
            let dir = tempfile::tempdir().unwrap();
            let paths: Vec<PathBuf> = case
                .inputs
                .iter()
                .map(|input| match input {
                    Sample(path) => PathBuf::from(path),
                    Text(name, text) => {
                        let path = dir.path().join(name);
                        std::fs::write(&path, text).unwrap();
                        path
                    }
                })
                .collect();
            match case.report {
                Gaps | Plan => check_finding(vendor, &case, &paths),
                Restore => check_script(&case, &paths),
            }
        }
    }
}

fn check_finding(vendor: &dyn Vendor, case: &Case, paths: &[PathBuf]) {
    let split = read::read_split(paths, &ReadOptions::default()).unwrap();
    let knowledge = vendors::knowledge_of(vendors::by_id(vendor.id()).unwrap()).unwrap();
    let cx = Evidence {
        live: split.live.as_ref().map(|c| &c.config),
        export: split.export.as_ref().map(|c| &c.config),
        knowledge,
        plan: vendor.capture_plan(),
    };
    let findings: Vec<Finding> = match case.report {
        Gaps => carryover::ops::gaps::gaps(&cx, None).findings,
        _ => carryover::ops::plan::plan(&cx, &newest(knowledge)).findings,
    };
    let fired: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == case.rule && f.status == Status::Found)
        .collect();
    assert!(
        !fired.is_empty(),
        "{case:?}: the rule did not fire: {findings:#?}"
    );
    assert!(
        fired
            .iter()
            .any(|f| f.remedy.iter().any(|r| r.contains(case.action))),
        "{case:?}: the action is not in {fired:#?}"
    );
}

fn check_script(case: &Case, paths: &[PathBuf]) {
    let pre = read::read(paths, &ReadOptions::default()).unwrap();
    let vendor = vendors::by_id(pre.config.vendor).unwrap();
    let request = Request {
        to: newest(vendors::knowledge_of(vendor).unwrap()),
        all: false,
        show_secrets: false,
        runbook: false,
        import_files: false,
        script_name: "restore".into(),
        inputs: Vec::new(),
        output_encoding: None,
    };
    let script = restore(&pre, None, &request).unwrap().script;
    let lines: Vec<&str> = script.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(case.action))
        .unwrap_or_else(|| panic!("{case:?}: not in the script:\n{script}"));
    // The group's remark is the nearest `# ` line above (a key block's `#@` lines are data).
    let remark = lines[..at]
        .iter()
        .rev()
        .find(|l| l.starts_with("# "))
        .unwrap_or_else(|| panic!("{case:?}: no remark above:\n{script}"));
    let named = remark
        .strip_prefix("# ")
        .and_then(|r| r.strip_prefix(case.rule))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'));
    assert!(named, "{case:?}: under `{remark}`:\n{script}");
}

fn newest(knowledge: &dyn vendors::Knowledge) -> Version {
    knowledge
        .releases()
        .iter()
        .map(|r| r.version())
        .max()
        .unwrap()
}

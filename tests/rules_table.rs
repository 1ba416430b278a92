//! The rules' table: every rule of a vendor's knowledge base that promises an action (it is
//! reported and has a remedy) has a capture, shipped or made here, that makes it fire, and the
//! action it promises is asserted on what `gaps`, `plan` or `restore` then say. A rule no
//! capture can make fire says why in its knowledge base (`never_fires`).
//!
//! A rule "fires" when it finds something; a precondition no capture can show (`Manual`) fires
//! on every plan as a check by hand, which the table asserts as such ([`Report::ByHand`]).
//!
//! The table works on the neutral knowledge types (`Release`, `Entry`, `Finding`) and the
//! library's commands, so any vendor's rules can join it: list the vendor in [`VENDORS`] and
//! give its cases in [`cases`].

mod common;

use std::path::PathBuf;

use carryover::capture::ReadOptions;
use carryover::commands::restore::{restore, Request};
use carryover::knowledge::{Detect, Entry, Severity};
use carryover::model::Version;
use carryover::ops::evaluate::Evidence;
use carryover::ops::plan::plan_confirmed;
use carryover::ops::{Finding, Status};
use carryover::read;
use carryover::render::report::lines;
use carryover::vendors::{self, Vendor};

/// The vendors whose rules the table checks, by id.
const VENDORS: &[&str] = &["mirapoint-mos", "spamtitan"];

/// Where a case looks for the rule's action.
#[derive(Debug, Clone, Copy)]
enum Report {
    /// A `gaps` finding of the rule that found something, with the action in its remedy.
    Gaps,
    /// A `plan` finding of the rule that found something, with the action in its remedy.
    Plan,
    /// A line of the `restore` script, in a group whose remark names the rule.
    Restore,
    /// A step of the `restore` runbook that names the rule (a GUI remedy, a console step).
    Runbook,
    /// A `plan` check by hand of a precondition no capture shows (`Manual`): not captured,
    /// the action in its remedy; of severity error it blocks the upgrade until confirmed with
    /// `--confirm`, and confirmed it blocks no more.
    ByHand,
}

/// A capture a case reads: a shipped sample, a text written for the case, or a capture
/// folder written for the case (its name, and its files by relative path).
#[derive(Debug, Clone, Copy)]
enum Input {
    Sample(&'static str),
    Text(&'static str, &'static str),
    Folder(&'static str, &'static [(&'static str, &'static str)]),
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

use Input::{Folder, Sample, Text};
use Report::{ByHand, Gaps, Plan, Restore, Runbook};

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

/// A SpamTitan 7.08 appliance: a clustered primary with LDAP recipient verification and an
/// outbound smarthost over SASL and TLS.
const ST708: Input = Sample("samples/spamtitan/7.08/st01");
/// A standalone SpamTitan still on 7.07 (P-1).
const ST707: Input = Folder(
    "st07",
    &[
        ("version.txt", "7.07\n"),
        (
            "by-hand.txt",
            "cluster.role = standalone\ncluster.peer = none\n",
        ),
    ],
);
/// The secondary node of a cluster, named in 7.09's words, with nothing else filled in (N-4,
/// and the cluster membership a backup import drops).
const ST_SECONDARY: Input = Folder(
    "st02",
    &[
        ("version.txt", "7.08\n"),
        (
            "by-hand.txt",
            "cluster.role = secondary\ncluster.peer = st01.example.com\n",
        ),
    ],
);
/// A standalone SpamTitan whose only setting a backup import drops is its smarthost.
const ST_SMARTHOST: Input = Folder(
    "st03",
    &[
        ("version.txt", "7.08\n"),
        (
            "by-hand.txt",
            "relay.smarthost = relay.isp.example:587\ncluster.role = standalone\n",
        ),
    ],
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
        "spamtitan" => vec![
            case(
                "ST-7.09-P-1",
                &[ST707],
                Plan,
                "GUI: Update to 7.08 first (System Setup > System Updates).",
            ),
            case(
                "ST-7.09-P-2",
                &[ST708],
                ByHand,
                "GUI: Check that the appliance reaches TitanHQ's update servers.",
            ),
            case(
                "ST-7.09-P-3",
                &[ST708],
                ByHand,
                "GUI: System Setup > System Updates: retrieve 7.09",
            ),
            case(
                "ST-7.09-P-4",
                &[ST708],
                ByHand,
                "GUI: Check the memory under System Information; add RAM",
            ),
            case(
                "ST-7.09-P-5",
                &[ST708],
                ByHand,
                "GUI: Check Reporting > Mail Queue: incoming and active queues empty.",
            ),
            case(
                "ST-7.09-P-6",
                &[ST708],
                ByHand,
                "GUI: Stop the upstream MTA from relaying to this appliance.",
            ),
            case(
                "ST-7.09-P-7",
                &[ST708],
                ByHand,
                "GUI: Use the latest version of your browser.",
            ),
            case(
                "ST-7.09-N-1",
                &[ST708],
                Gaps,
                "GUI: Take a backup on 7.09 right after the update",
            ),
            case(
                "ST-7.09-N-1",
                &[ST708],
                Plan,
                "GUI: Take a backup on 7.09 right after the update",
            ),
            // No backup can carry the settings over: the script writes them all.
            case(
                "ST-7.09-N-1",
                &[ST708],
                Restore,
                "domain_ensure '/restapi/domains/example.net' POST '/restapi/domains' \
                 '{\"destination\":\"mx1.example.net:25 mx2.example.net:25\"",
            ),
            case(
                "ST-7.09-N-1",
                &[ST708],
                Restore,
                "list_add '/whitelist/list' '/whitelist/add' '' '@partner.example.com'",
            ),
            case(
                "ST-7.09-N-1",
                &[ST708],
                Runbook,
                "Take a backup on 7.09 right after the update",
            ),
            // What no call writes, the runbook sets on its console page.
            case(
                "ST-7.09-N-1",
                &[ST708],
                Runbook,
                "system: set system.relay.smarthost to `relay.isp.example:587` in \
                 System Setup > Mail Relay > Outbound > Smart Host",
            ),
            case(
                "ST-7.09-N-2",
                &[ST708],
                Plan,
                "GUI: Stop relaying mail to the appliance as far as possible.",
            ),
            case(
                "ST-7.09-N-4",
                &[ST708],
                Gaps,
                "GUI: Update the primary first, then each secondary, to the same version.",
            ),
            case(
                "ST-7.09-N-4",
                &[ST_SECONDARY],
                Plan,
                "GUI: Update the primary first, then each secondary, to the same version.",
            ),
            case(
                "ST-7.09-N-5",
                &[ST708],
                Plan,
                "GUI: Do not reboot during or directly after the installation; check the \
                 update log with carryover verify-update.",
            ),
            case(
                "ST-7.09-C-4",
                &[ST708],
                Plan,
                "GUI: Keep this capture beside the backups as a readable record.",
            ),
            case(
                "ST-BACKUP-DROPS",
                &[ST708],
                Gaps,
                "GUI: After importing a backup, re-apply each item listed here",
            ),
            case(
                "ST-BACKUP-DROPS",
                &[ST_SMARTHOST],
                Plan,
                "GUI: After importing a backup, re-apply each item listed here",
            ),
            case(
                "ST-BACKUP-DROPS",
                &[ST_SECONDARY],
                Gaps,
                "GUI: After importing a backup, re-apply each item listed here",
            ),
        ],
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
                    Folder(name, files) => {
                        let folder = dir.path().join(name);
                        for (file, text) in *files {
                            let path = folder.join(file);
                            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                            std::fs::write(&path, text).unwrap();
                        }
                        folder
                    }
                })
                .collect();
            match case.report {
                Gaps | Plan => check_finding(vendor, &case, &paths),
                ByHand => check_by_hand(vendor, &case, &paths),
                Restore | Runbook => check_restore(&case, &paths),
            }
        }
    }
}

/// What the rules of `vendor` see in the captures `split` holds, and its knowledge.
fn evidence<'a>(
    vendor: &'a dyn Vendor,
    split: &'a read::Split,
) -> (Evidence<'a>, &'static dyn vendors::Knowledge) {
    let knowledge = vendors::knowledge_of(vendors::by_id(vendor.id()).unwrap()).unwrap();
    let cx = Evidence {
        live: split.live.as_ref().map(|c| &c.config),
        export: split.export.as_ref().map(|c| &c.config),
        knowledge,
        plan: vendor.capture_plan(),
    };
    (cx, knowledge)
}

fn check_finding(vendor: &dyn Vendor, case: &Case, paths: &[PathBuf]) {
    let split = read::read_split(paths, &ReadOptions::default()).unwrap();
    let (cx, knowledge) = evidence(vendor, &split);
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
            .any(|f| lines(f).remedy.iter().any(|r| r.contains(case.action))),
        "{case:?}: the action is not in {fired:#?}"
    );
    for f in &fired {
        placeholders_read_as_placeholders(case, &lines(f).remedy);
    }
}

/// A precondition no capture shows: every plan asks for it by hand; one of severity error
/// blocks until the operator confirms it, and then neither blocks nor asks any more.
fn check_by_hand(vendor: &dyn Vendor, case: &Case, paths: &[PathBuf]) {
    let entry = promising(vendor)
        .into_iter()
        .find(|e| e.id == case.rule)
        .unwrap();
    assert_eq!(
        entry.detect,
        Some(Detect::Manual),
        "{case:?}: only a check no capture shows is asked for by hand"
    );
    let split = read::read_split(paths, &ReadOptions::default()).unwrap();
    let (cx, knowledge) = evidence(vendor, &split);
    let to = newest(knowledge);
    let report = plan_confirmed(&cx, &to, &[]);
    let asked: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule == case.rule && f.status == Status::NotCaptured)
        .collect();
    assert!(
        asked
            .iter()
            .any(|f| lines(f).remedy.iter().any(|r| r.contains(case.action))),
        "{case:?}: not asked for by hand: {:#?}",
        report.findings
    );
    for f in &asked {
        placeholders_read_as_placeholders(case, &lines(f).remedy);
    }
    let error = entry.severity == Severity::Error;
    assert_eq!(
        report.blocking.contains(&entry.id),
        error,
        "{case:?}: {:?}",
        report.blocking
    );
    if error {
        let confirmed = plan_confirmed(&cx, &to, std::slice::from_ref(&entry.id));
        assert!(!confirmed.blocking.contains(&entry.id), "{case:?}");
        let own: Vec<&Finding> = confirmed
            .findings
            .iter()
            .filter(|f| f.rule == case.rule)
            .collect();
        assert!(
            !own.is_empty()
                && own
                    .iter()
                    .all(|f| f.status == Status::Confirmed && f.remedy.is_empty()),
            "{case:?}: {own:#?}"
        );
    }
}

/// A line of the restore script (under a remark naming the rule) or of its runbook (a step
/// naming the rule) holds the action.
fn check_restore(case: &Case, paths: &[PathBuf]) {
    let pre = read::read(paths, &ReadOptions::default()).unwrap();
    let vendor = vendors::by_id(pre.config.vendor).unwrap();
    let request = Request {
        to: newest(vendors::knowledge_of(vendor).unwrap()),
        all: false,
        show_secrets: false,
        runbook: true,
        import_files: false,
        script_name: "restore".into(),
        inputs: Vec::new(),
        output_encoding: None,
    };
    let outputs = restore(&pre, None, &request).unwrap();
    if let Runbook = case.report {
        let runbook = outputs.runbook.unwrap();
        let named = format!("`{}`", case.rule);
        assert!(
            runbook.lines().any(|l| l
                .find(&named)
                .is_some_and(|at| l[at..].contains(case.action))),
            "{case:?}: no step names the rule with the action:\n{runbook}"
        );
        return;
    }
    let script = outputs.script;
    let lines: Vec<&str> = script.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(case.action))
        .unwrap_or_else(|| panic!("{case:?}: not in the script:\n{script}"));
    // The group's remark is the nearest `# ` line above (a key block's `#@` lines are data;
    // a `# not written, ...` line notes an item of the group the script cannot write).
    let remark = lines[..at]
        .iter()
        .rev()
        .find(|l| l.starts_with("# ") && !l.starts_with("# not written, "))
        .unwrap_or_else(|| panic!("{case:?}: no remark above:\n{script}"));
    let named = remark
        .strip_prefix("# ")
        .and_then(|r| r.strip_prefix(case.rule))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'));
    assert!(named, "{case:?}: under `{remark}`:\n{script}");
}

/// What the reader fills in is written `<what goes here>` (words in angle brackets), and no
/// template of the knowledge base is left unfilled.
fn placeholders_read_as_placeholders(case: &Case, remedy: &[String]) {
    for line in remedy {
        for template in ["{name}", "{value}", "{scope}", "{entry}"] {
            assert!(!line.contains(template), "{case:?}: unfilled: {line}");
        }
        for piece in line.split('<').skip(1) {
            let inside = piece
                .split_once('>')
                .map(|(inside, _)| inside)
                .unwrap_or_else(|| panic!("{case:?}: an open placeholder: {line}"));
            assert!(
                !inside.trim().is_empty()
                    && inside
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c == ' '),
                "{case:?}: placeholder `<{inside}>`: write <what goes here>: {line}"
            );
        }
    }
}

fn newest(knowledge: &dyn vendors::Knowledge) -> Version {
    knowledge
        .releases()
        .iter()
        .map(|r| r.version())
        .max()
        .unwrap()
}

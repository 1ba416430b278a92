//! The rules as fixture folders. Every rule of a vendor's knowledge base that acts (it is
//! reported and has a remedy) has a folder `tests/rules/<RULE-ID>/`, and each folder in it is one
//! case: the capture files it reads, and, where needed, a `case.ron`. A case's folder name
//! says what the rule must do with it:
//!
//! - `fires`: the rule finds something, and each action `case.ron` lists appears where it says
//!   (a `gaps` or `plan` remedy of the rule, a line of the `restore` script under a remark
//!   naming the rule, a step of the runbook naming it);
//! - `quiet`: the rule finds nothing, asks nothing, blocks nothing and writes nothing;
//! - `not-captured`: the capture lacks what the rule needs: it says so (status not-captured)
//!   and finds nothing; a rule no capture can show (`Manual`) is asked for by hand here, and
//!   one of severity error blocks the plan;
//! - `confirmed`: a precondition checked by hand and confirmed (`case.ron`'s `confirm`): it
//!   neither blocks nor asks any more.
//!
//! A folder name may go on after the kind (`fires-on-4.2.3`) for a second case of one kind.
//! Every rule has a `fires`, a `quiet` and a `not-captured` case, or a file `<kind>.why` that
//! says why no capture can be one. Each case runs `gaps`, `plan` and `restore` (with a runbook)
//! in-process and snapshots what they say about the rule, as
//! `snapshots/rules__<RULE-ID>__<case>__<command>.snap`. Adding a case is adding files.
//!
//! A case's inputs are the files and folders beside its `case.ron` (a SpamTitan capture is a
//! folder, named as the appliance's capture folder would be), plus the shipped samples
//! `case.ron` names by path from the crate root.
//!
//! A case's capture may be one made after the upgrade (its version is the release's): `gaps`
//! then says what remains to be done, and `plan` refuses it. A case may also name, in
//! `case.ron`'s `pre`, the files of a capture made before the upgrade: its other files are then
//! the capture after it, `gaps` runs as `gaps --pre PRE POST`, `plan` on PRE, and `restore` as
//! `restore PRE --against POST`.
//!
//! Each rule's `after` field is proved by a case made after the upgrade (or `after.why`): a rule
//! with `after: true` says something of such a capture in `gaps`, one without says nothing.

#[path = "../common/mod.rs"]
mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use carryover::capture::ReadOptions;
use carryover::commands::restore::Request;
use carryover::knowledge::{Detect, Entry, Severity};
use carryover::model::Version;
use carryover::ops::{self, Finding, Status};
use carryover::read;
use carryover::render::diagnostics;
use carryover::render::findings::{findings, Heading, ReportFormat};
use carryover::render::report::lines;
use carryover::render::restore::restore;
use carryover::vendors;

/// Where the rules' folders are, from the crate root.
const RULES: &str = "tests/rules";

/// The kinds of case a folder name can start with.
const KINDS: [&str; 4] = ["fires", "quiet", "not-captured", "confirmed"];

/// The kinds every rule has a case of, or says why not.
const REQUIRED: [&str; 3] = ["fires", "quiet", "not-captured"];

/// A case's `case.ron`: everything is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CaseFile {
    /// Shipped captures the case reads too, by path from the crate root.
    samples: Vec<String>,
    /// The version upgraded to (`--to`); default: the newest release note known.
    to: Option<String>,
    /// Preconditions confirmed by hand (`plan --confirm`).
    confirm: Vec<String>,
    /// Text each of which a `gaps` remedy line of the rule holds.
    gaps: Vec<String>,
    /// Text each of which a `plan` remedy line of the rule holds.
    plan: Vec<String>,
    /// Text each of which a line of the `restore` script holds, under a remark naming the rule.
    restore: Vec<String>,
    /// Text each of which a step of the runbook naming the rule holds, after the name.
    runbook: Vec<String>,
    /// The case's files that are a capture made before the upgrade; the others are the
    /// capture after it.
    pre: Vec<String>,
}

/// One case: a folder under a rule's folder.
struct Case {
    rule: String,
    /// The folder's name (`fires`, `fires-on-4.2.3`).
    name: String,
    /// The kind the name starts with.
    kind: &'static str,
    folder: PathBuf,
    file: CaseFile,
}

impl Case {
    fn label(&self) -> String {
        format!("{}/{}", self.rule, self.name)
    }

    /// The inputs as a user would name them from the crate root: the case's own files and
    /// folders (not `case.ron`, not the `pre` capture), then the samples it names.
    fn inputs(&self) -> Vec<PathBuf> {
        let mut own: Vec<PathBuf> = std::fs::read_dir(common::root().join(&self.folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name != "case.ron" && !self.file.pre.contains(name))
            .map(|name| self.folder.join(name))
            .collect();
        own.sort();
        own.extend(self.file.samples.iter().map(PathBuf::from));
        own
    }

    /// The capture made before the upgrade, when the case has one.
    fn pre(&self) -> Vec<PathBuf> {
        self.file.pre.iter().map(|n| self.folder.join(n)).collect()
    }
}

/// The kind a case folder's name starts with: the kind itself, or the kind and `-` more.
fn kind_of(name: &str) -> Option<&'static str> {
    KINDS.into_iter().find(|k| {
        name.strip_prefix(k)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
    })
}

/// The rule folders, by name.
fn rule_folders() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(common::root().join(RULES))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Every case of every rule folder, each folder's cases in name order.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for rule in rule_folders() {
        let folder = Path::new(RULES).join(&rule);
        let mut names: Vec<String> = std::fs::read_dir(common::root().join(&folder))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_dir())
            .map(|e| e.file_name().into_string().unwrap())
            .collect();
        names.sort();
        for name in names {
            let kind = kind_of(&name).unwrap_or_else(|| {
                panic!("{rule}/{name}: a case folder starts with one of {KINDS:?}")
            });
            let folder = folder.join(&name);
            let ron = common::root().join(&folder).join("case.ron");
            let file = match std::fs::read_to_string(&ron) {
                Ok(text) => {
                    ron::from_str(&text).unwrap_or_else(|e| panic!("{rule}/{name}/case.ron: {e}"))
                }
                Err(_) => CaseFile::default(),
            };
            cases.push(Case {
                rule: rule.clone(),
                name,
                kind,
                folder,
                file,
            });
        }
    }
    cases
}

/// Every acting rule of every vendor in the registry: reported, with a remedy.
fn acting() -> Vec<(&'static dyn vendors::Vendor, &'static Entry)> {
    let mut out = Vec::new();
    for vendor in vendors::REGISTRY {
        let Some(knowledge) = vendor.knowledge() else {
            continue;
        };
        let entries = knowledge
            .releases()
            .iter()
            .flat_map(|r| &r.entries)
            .filter(|e| !e.reports.is_empty() && !e.remedy.is_empty());
        let before = out.len();
        out.extend(entries.map(|e| (*vendor, e)));
        assert!(out.len() > before, "{}: no rule acts", vendor.id());
    }
    out
}

fn entry(rule: &str) -> &'static Entry {
    acting()
        .into_iter()
        .find(|(_, e)| e.id == rule)
        .map(|(_, e)| e)
        .unwrap_or_else(|| panic!("{rule}: no acting rule of that id"))
}

#[test]
fn every_acting_rule_has_a_folder_and_every_folder_names_one() {
    let rules = acting();
    let folders = rule_folders();
    assert!(rules.len() > 1 && !folders.is_empty());
    for (vendor, entry) in &rules {
        let has = folders.contains(&entry.id);
        match &entry.never_fires {
            Some(why) => {
                assert!(!why.trim().is_empty(), "{}: an empty reason", entry.id);
                assert!(!has, "{} has a folder, yet says it never fires", entry.id);
            }
            None => assert!(
                has,
                "{} ({}): no folder {RULES}/{}",
                entry.id,
                vendor.id(),
                entry.id
            ),
        }
    }
    for folder in &folders {
        assert!(
            rules.iter().any(|(_, e)| e.id == *folder),
            "{RULES}/{folder}: no acting rule of that name"
        );
    }
}

#[test]
fn every_rule_folder_has_each_kind_of_case_or_says_why_not() {
    let cases = cases();
    for rule in rule_folders() {
        let folder = common::root().join(RULES).join(&rule);
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            if entry.file_type().unwrap().is_dir() {
                continue;
            }
            let kind = name.strip_suffix(".why");
            assert!(
                kind.is_some_and(|k| REQUIRED.contains(&k) || k == "after"),
                "{rule}/{name}: a rule folder holds case folders and `<kind>.why` files only"
            );
            let why = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!why.trim().is_empty(), "{rule}/{name}: an empty reason");
        }
        for kind in REQUIRED {
            let has = cases.iter().any(|c| c.rule == rule && c.kind == kind);
            let why = folder.join(format!("{kind}.why")).exists();
            assert!(
                has != why,
                "{rule}: {}",
                if has {
                    format!("a `{kind}` case and {kind}.why both")
                } else {
                    format!("no `{kind}` case and no {kind}.why saying why")
                }
            );
        }
    }
}

/// The release an acting rule belongs to.
fn release_of(rule: &str) -> Version {
    vendors::REGISTRY
        .iter()
        .filter_map(|v| v.knowledge())
        .flat_map(|k| k.releases())
        .find(|r| r.entries.iter().any(|e| e.id == rule))
        .map(|r| r.version())
        .unwrap_or_else(|| panic!("{rule}: no release has it"))
}

/// `after: true` means `gaps` checks the rule on a capture made after the upgrade: some case
/// of the rule made after it (its capture runs the release) gets a finding of the rule from
/// `gaps`; a rule without `after` says nothing of any such capture. A rule whose folder has no
/// such case says why in `after.why`.
#[test]
fn every_rule_acts_after_the_upgrade_as_its_after_field_says() {
    common::at_root();
    let cases = cases();
    let mut wrong = Vec::new();
    for rule in rule_folders() {
        let entry = entry(&rule);
        let release = release_of(&rule);
        let mut said = Vec::new();
        for case in cases.iter().filter(|c| c.rule == rule) {
            let split = read::read_split(&case.inputs(), &ReadOptions::default()).unwrap();
            let cx = carryover::commands::evidence(&split).unwrap();
            if cx.from().is_none_or(|f| f < release) {
                continue;
            }
            let to = case.file.to.as_ref().and_then(|v| Version::parse(v));
            let report = ops::gaps::gaps(&cx, to);
            let own = of_rule(&report.findings, &rule);
            let speaks = own.iter().any(|f| f.status != Status::Ok);
            if !entry.after && speaks {
                wrong.push(format!(
                    "{}: `after` is not set, yet gaps on a capture after the upgrade says: {own:#?}",
                    case.label()
                ));
            }
            said.push(speaks);
        }
        let why = common::root()
            .join(RULES)
            .join(&rule)
            .join("after.why")
            .exists();
        if said.is_empty() != why {
            wrong.push(format!(
                "{rule}: {}",
                if why {
                    "a case made after the upgrade and after.why both"
                } else {
                    "no case made after the upgrade, and no after.why saying why"
                }
            ));
        }
        if entry.after && !why && !said.contains(&true) {
            wrong.push(format!(
                "{rule}: `after` is set, yet gaps says nothing of any capture made after the upgrade"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// What one case's three commands say about its rule.
struct Said {
    gaps: Option<Report>,
    plan: Option<Report>,
    restore: Option<Restored>,
}

/// A `gaps` or `plan` report's findings of the rule, and whether the rule blocks.
struct Report {
    own: Vec<Finding>,
    blocking: bool,
}

/// The restore script's groups under the rule's remarks, and the runbook's steps naming it.
struct Restored {
    script: Vec<String>,
    runbook: Vec<String>,
}

#[test]
fn every_case_says_what_its_folder_promises() {
    common::at_root();
    let cases = cases();
    assert!(!cases.is_empty());
    let started = std::time::Instant::now();
    let mut names = BTreeSet::new();
    for case in &cases {
        let said = run(case);
        check(case, &said);
        assert!(names.insert(case.label()));
    }
    eprintln!("{} cases in {:?}", cases.len(), started.elapsed());
    // A case renamed or removed leaves no snapshot behind.
    for entry in std::fs::read_dir(common::root().join("snapshots")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(stem) = name
            .strip_prefix("rules__")
            .and_then(|n| n.strip_suffix(".snap"))
        else {
            continue;
        };
        let known = cases.iter().any(|c| {
            ["gaps", "plan", "restore"]
                .iter()
                .any(|command| stem == format!("{}__{}__{command}", c.rule, c.name))
        });
        assert!(known, "snapshots/{name}: no case of {RULES} makes it");
    }
}

/// Runs `gaps`, `plan` and `restore` on a case, snapshots each, and returns what they said of
/// the rule (`None`: the command refused, as the binary would).
fn run(case: &Case) -> Said {
    let inputs = case.inputs();
    let pre_inputs = case.pre();
    let names = |paths: &[PathBuf], before: &str| -> String {
        let shown: Vec<String> = paths
            .iter()
            .map(|p| format!("{before}{}", p.display()))
            .collect();
        shown.join(" ")
    };
    let shown = names(&inputs, "");
    // The capture `plan` and `restore` start from: the one before the upgrade, if any.
    let (plan_inputs, pre_flags) = if pre_inputs.is_empty() {
        (inputs.clone(), String::new())
    } else {
        (
            pre_inputs.clone(),
            format!("{} ", names(&pre_inputs, "--pre ")),
        )
    };
    let to_flag = case
        .file
        .to
        .as_ref()
        .map_or(String::new(), |to| format!("--to {to} "));
    let only = format!("    # what it says of {} only", case.rule);
    let split = read::read_split(&inputs, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", case.label()));
    let cx = carryover::commands::evidence(&split).unwrap();
    let vendor = split.vendor().unwrap();
    let to = case.file.to.as_ref().map(|v| {
        Version::parse(v).unwrap_or_else(|| panic!("{}: `to` {v} does not parse", case.label()))
    });
    let newest = ops::gaps::newest(&cx);
    let refused = to
        .as_ref()
        .and_then(|to| carryover::commands::check_target(&cx, vendor, to).err());
    let mut notes = String::new();
    for capture in split.captures() {
        notes.push_str(&diagnostics(capture));
    }

    // gaps
    let mut text = format!("$ carryover gaps {to_flag}{pre_flags}{shown}{only}\n{notes}");
    let gaps = match &refused {
        Some(e) => {
            let _ = writeln!(text, "refused: {e}");
            None
        }
        None => {
            let report = if pre_inputs.is_empty() {
                ops::gaps::gaps(&cx, to.clone())
            } else {
                let pre = read::read(&pre_inputs, &ReadOptions::default()).unwrap();
                ops::gaps::gaps_since(&cx, &pre.config, to.clone())
            };
            let own = of_rule(&report.findings, &case.rule);
            inferred_forms_are_marked(case, vendor, &report.findings);
            let heading = Heading {
                command: "gaps",
                appliance: split.hostname(),
                from: report.from.as_deref(),
                to: &report.to,
                blocking: None,
            };
            text.push_str(&findings(&heading, &own, ReportFormat::Human));
            Some(Report {
                own,
                blocking: false,
            })
        }
    };
    snap(case, "gaps", &text);

    // plan
    let target = to.clone().unwrap_or_else(|| newest.clone());
    let confirm: String = case
        .file
        .confirm
        .iter()
        .map(|id| format!("--confirm {id} "))
        .collect();
    let plan_shown = names(&plan_inputs, "");
    let mut text = format!("$ carryover plan --to {target} {confirm}{plan_shown}{only}\n");
    let plan_split = read::read_split(&plan_inputs, &ReadOptions::default()).unwrap();
    let cx = carryover::commands::evidence(&plan_split).unwrap();
    let refused = to.as_ref().and_then(|to| {
        carryover::commands::check_target(&cx, plan_split.vendor().unwrap(), to).err()
    });
    let from = cx.from();
    let plan = match (
        &refused,
        from.as_ref().filter(|f| (*f).cmp(&target).is_eq()),
    ) {
        (Some(e), _) => {
            let _ = writeln!(text, "refused: {e}");
            None
        }
        (None, Some(from)) => {
            let _ = writeln!(
                text,
                "refused: the captures already run {from}: plan checks an upgrade before it is made"
            );
            None
        }
        (None, None) => {
            let report = ops::plan::plan_confirmed(&cx, &target, &case.file.confirm);
            for id in &case.file.confirm {
                assert!(
                    report.findings.iter().any(|f| f.rule == *id),
                    "{}: --confirm {id}: no rule of this plan has that id",
                    case.label()
                );
            }
            let own = of_rule(&report.findings, &case.rule);
            inferred_forms_are_marked(case, vendor, &report.findings);
            let blocking: Vec<String> = report
                .blocking
                .iter()
                .filter(|b| **b == case.rule)
                .cloned()
                .collect();
            let heading = Heading {
                command: "plan",
                appliance: split.hostname(),
                from: report.from.as_deref(),
                to: &report.to,
                blocking: Some(&blocking),
            };
            text.push_str(&findings(&heading, &own, ReportFormat::Human));
            Some(Report {
                own,
                blocking: !blocking.is_empty(),
            })
        }
    };
    snap(case, "plan", &text);

    // restore
    let against = if pre_inputs.is_empty() {
        String::new()
    } else {
        format!(" --against {shown}")
    };
    let mut text = format!(
        "$ carryover restore --to {target} --runbook runbook.md {plan_shown}{against}{only}\n"
    );
    let pre = read::read(&plan_inputs, &ReadOptions::default()).unwrap();
    let post =
        (!pre_inputs.is_empty()).then(|| read::read(&inputs, &ReadOptions::default()).unwrap());
    let request = Request {
        to: target,
        all: false,
        show_secrets: false,
        runbook: true,
        import_files: false,
        script_name: "restore".into(),
        inputs: plan_inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        output_encoding: None,
    };
    let restored = match restore(&pre, post.as_ref(), &request) {
        Err(e) => {
            let _ = writeln!(text, "refused: {e}");
            None
        }
        Ok(outputs) => {
            let restored = Restored {
                script: groups(&outputs.script, &case.rule),
                runbook: steps(outputs.runbook.as_deref().unwrap(), &case.rule),
            };
            text.push_str("script, under remarks naming the rule:\n");
            if restored.script.is_empty() {
                text.push_str("  (nothing)\n");
            }
            for group in &restored.script {
                text.push_str(group);
            }
            text.push_str("runbook, steps naming the rule:\n");
            if restored.runbook.is_empty() {
                text.push_str("  (nothing)\n");
            }
            for step in &restored.runbook {
                let _ = writeln!(text, "{step}");
            }
            Some(restored)
        }
    };
    snap(case, "restore", &text);
    Said {
        gaps,
        plan,
        restore: restored,
    }
}

/// Every command a remedy prints whose form the vendor's catalog marks inferred says so where
/// it is printed; the typed step carries the mark.
fn inferred_forms_are_marked(case: &Case, vendor: &dyn vendors::Vendor, findings: &[Finding]) {
    let Some(knowledge) = vendor.knowledge() else {
        return;
    };
    for f in findings {
        let printed = lines(f).remedy;
        assert_eq!(
            printed.len(),
            f.remedy.len(),
            "{}: one line a step",
            case.label()
        );
        for (step, line) in f.remedy.iter().zip(&printed) {
            let ops::Step::Command { command, form, .. } = step else {
                continue;
            };
            if knowledge.form_confirmed(command) == Some(false) {
                assert_eq!(*form, ops::Form::Inferred, "{}: {command}", case.label());
                assert!(
                    line.contains("(inferred: "),
                    "{}: an inferred form printed unmarked: {line}",
                    case.label()
                );
            }
        }
    }
}

fn of_rule(findings: &[Finding], rule: &str) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .cloned()
        .collect()
}

/// The script's groups whose remark names `rule`: the remark and the lines up to the next
/// remark. A key block's `#@` lines are data, a `# not written, ...` line notes an item of the
/// group the script cannot write, and a `# inferred form: ...` line marks the group's commands
/// of a form no public source confirms.
fn groups(script: &str, rule: &str) -> Vec<String> {
    let remark = |l: &str| {
        l.starts_with("# ")
            && !l.starts_with("# not written, ")
            && !l.starts_with("# inferred form: ")
    };
    let names = |l: &str| {
        l.strip_prefix("# ")
            .and_then(|r| r.strip_prefix(rule))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
    };
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in script.lines() {
        if remark(line) {
            open = names(line);
            if open {
                out.push(String::new());
            }
        }
        if open {
            let group = out.last_mut().unwrap();
            group.push_str(line);
            group.push('\n');
        }
    }
    out
}

/// The runbook's lines that name `rule` as `` `RULE` ``.
fn steps(runbook: &str, rule: &str) -> Vec<String> {
    let named = format!("`{rule}`");
    runbook
        .lines()
        .filter(|l| l.contains(&named))
        .map(str::to_string)
        .collect()
}

fn snap(case: &Case, command: &str, text: &str) {
    let mut settings = common::snapshot_settings();
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::assert_snapshot!(
            format!("rules__{}__{}__{command}", case.rule, case.name),
            text
        );
    });
}

/// The assertions a case's kind makes, beyond its snapshots.
fn check(case: &Case, said: &Said) {
    let label = case.label();
    let entry = entry(&case.rule);
    let manual = entry.detect == Some(Detect::Manual);
    let reports = [("gaps", &said.gaps), ("plan", &said.plan)];
    let with = |status: Status| -> Vec<(&str, &Finding)> {
        reports
            .iter()
            .filter_map(|(name, r)| r.as_ref().map(|r| (*name, r)))
            .flat_map(|(name, r)| r.own.iter().map(move |f| (name, f)))
            .filter(|(_, f)| f.status == status)
            .collect()
    };
    let found = with(Status::Found);
    let asked = with(Status::NotCaptured);
    let confirmed = with(Status::Confirmed);
    for (_, r) in &reports {
        for f in r.iter().flat_map(|r| &r.own) {
            placeholders_read_as_placeholders(&label, &lines(f).remedy);
        }
    }
    let plan_blocks = said.plan.as_ref().is_some_and(|p| p.blocking);
    let writes = said.restore.as_ref().is_some_and(|r| !r.script.is_empty());
    match case.kind {
        "fires" => {
            assert!(
                !manual,
                "{label}: no capture fires a check by hand: use not-captured"
            );
            assert!(!found.is_empty(), "{label}: the rule did not fire");
            let actions = [
                &case.file.gaps,
                &case.file.plan,
                &case.file.restore,
                &case.file.runbook,
            ];
            assert!(
                actions.iter().any(|a| !a.is_empty()),
                "{label}: case.ron names no action the rule must promise"
            );
            for action in &case.file.gaps {
                promised(&label, "gaps", &said.gaps, Status::Found, action);
            }
            for action in &case.file.plan {
                promised(&label, "plan", &said.plan, Status::Found, action);
            }
            // A gate blocks what it finds until the operator confirms it.
            if entry.gate && said.plan.is_some() {
                assert!(
                    plan_blocks,
                    "{label}: a gate found something, and does not block"
                );
            }
        }
        "quiet" => {
            assert!(found.is_empty(), "{label}: the rule fired: {found:#?}");
            assert!(asked.is_empty(), "{label}: the rule asked: {asked:#?}");
            assert!(!plan_blocks, "{label}: the rule blocks the plan");
            let listed = [&case.file.gaps, &case.file.plan, &case.file.runbook];
            assert!(
                listed.iter().all(|a| a.is_empty()),
                "{label}: a quiet case promises no finding's action"
            );
            writes_only_what_it_promises(case, writes);
        }
        "not-captured" => {
            assert!(found.is_empty(), "{label}: the rule fired: {found:#?}");
            assert!(
                !asked.is_empty(),
                "{label}: the rule did not say it was not captured"
            );
            for action in &case.file.gaps {
                promised(&label, "gaps", &said.gaps, Status::NotCaptured, action);
            }
            for action in &case.file.plan {
                promised(&label, "plan", &said.plan, Status::NotCaptured, action);
            }
            writes_only_what_it_promises(case, writes);
            // A gate blocks what it cannot tell until the operator confirms it.
            if entry.gate && said.plan.is_some() {
                assert!(
                    plan_blocks,
                    "{label}: a gate could not tell, and does not block"
                );
            }
            // A precondition of severity error that no capture shows blocks until confirmed.
            if manual {
                assert!(
                    said.plan.is_some(),
                    "{label}: a check by hand is asked by plan"
                );
                assert_eq!(
                    plan_blocks,
                    entry.severity == Severity::Error,
                    "{label}: blocking"
                );
            }
        }
        "confirmed" => {
            assert!(
                case.file.confirm.contains(&case.rule),
                "{label}: case.ron confirms the rule"
            );
            assert!(found.is_empty() && asked.is_empty(), "{label}: still asks");
            assert!(
                !confirmed.is_empty() && confirmed.iter().all(|(_, f)| f.remedy.is_empty()),
                "{label}: not confirmed: {confirmed:#?}"
            );
            assert!(!plan_blocks, "{label}: confirmed, it still blocks");
        }
        _ => unreachable!(),
    }
    if !case.file.restore.is_empty() || !case.file.runbook.is_empty() {
        let restored = said
            .restore
            .as_ref()
            .unwrap_or_else(|| panic!("{label}: restore refused"));
        for action in &case.file.restore {
            assert!(
                restored
                    .script
                    .iter()
                    .any(|g| g.lines().skip(1).any(|l| l.contains(action.as_str()))),
                "{label}: no script line under a remark naming the rule holds `{action}`: {:#?}",
                restored.script
            );
        }
        let named = format!("`{}`", case.rule);
        for action in &case.file.runbook {
            assert!(
                restored.runbook.iter().any(|l| l
                    .find(&named)
                    .is_some_and(|at| l[at..].contains(action.as_str()))),
                "{label}: no runbook step names the rule with `{action}`: {:#?}",
                restored.runbook
            );
        }
    }
}

/// A rule that did not fire writes nothing in the script, unless the case promises the
/// lines: a setting's remedy value written whatever the capture showed, or a value the note
/// recommends, which no capture needs to have shown.
fn writes_only_what_it_promises(case: &Case, writes: bool) {
    let label = case.label();
    assert!(
        !writes || !case.file.restore.is_empty(),
        "{label}: the script writes for the rule, and case.ron does not say what"
    );
    assert!(
        writes || case.file.restore.is_empty(),
        "{label}: case.ron promises a script line the script lacks"
    );
}

/// A finding of the rule with `status` in `report` has a remedy line holding `action`, or says
/// where in the report that line is.
fn promised(label: &str, name: &str, report: &Option<Report>, status: Status, action: &str) {
    let report = report
        .as_ref()
        .unwrap_or_else(|| panic!("{label}: {name} refused, yet case.ron expects `{action}`"));
    assert!(
        report.own.iter().filter(|f| f.status == status).any(|f| {
            let words = lines(f);
            // A step listed under another rule is promised by the line saying where.
            words.remedy.iter().any(|r| r.contains(action)) || words.summary.contains(action)
        }),
        "{label}: no {name} finding ({status:?}) of the rule promises `{action}`: {:#?}",
        report.own
    );
}

/// What the reader fills in is written `<what goes here>` (words in angle brackets), and no
/// template of the knowledge base is left unfilled.
fn placeholders_read_as_placeholders(label: &str, remedy: &[String]) {
    for line in remedy {
        for template in ["{name}", "{value}", "{scope}", "{entry}"] {
            assert!(!line.contains(template), "{label}: unfilled: {line}");
        }
        for piece in line.split('<').skip(1) {
            let inside = piece
                .split_once('>')
                .map(|(inside, _)| inside)
                .unwrap_or_else(|| panic!("{label}: an open placeholder: {line}"));
            assert!(
                !inside.trim().is_empty()
                    && inside
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c == ' '),
                "{label}: placeholder `<{inside}>`: write <what goes here>: {line}"
            );
        }
    }
}

//! The MOS 4.2.3 rules, one test (or more) per fault they had: KI-8 kept by `--against`, F-5
//! written, literals counted as the appliance counts, one patch list for `plan` and the
//! runbook, KI-1 and KI-2 captured and tested, C-6 and KI-5 honest about what was captured,
//! KI-3 and KI-8 honest about their scope, placeholders that read as placeholders.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{run, run_full};

use carryover::capture::{NoteKind, ReadOptions};
use carryover::model::{SourceKind, Value, Version, SYSTEM};
use carryover::ops::evaluate::Evidence;
use carryover::ops::{Status, Step, Text};
// Findings in words, as every output shows them.
use carryover::read;
use carryover::render::report::{lines, Finding};
use carryover::vendors::{self, Knowledge};

/// A CLI log of `host` at `version` (`4.1.9-GA`), then `body` (commands and answers).
fn log(version: &str, body: &str) -> String {
    format!("rg01> version\nMOS{version}\nOK Completed\n{body}")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

const BEFORE: &str = "samples/mos/rg01-4.1.9-before.log";
const EXPORT: &str = "samples/mos/rg01-4.1.9-export.cfg";
const AFTER: &str = "samples/mos/rg01-4.2.3-after.log";
const MS01: &str = "samples/mos/ms01-delegated-domains.log";
const MS02: &str = "samples/mos/ms02-sjis-crlf.log";

/// The over-quota text of the RazorGate sample, as its log shows it (`{99}`).
const QUOTA: &str =
    "{99}\nYour mailbox is over its quota.\nPlease delete old messages or contact the help desk (ext. 4410).\n\nOK Completed\n";

/// The findings `gaps` (or `plan`, with `to`) gives for `paths`, through the library.
fn findings(paths: &[&str], plan_to: Option<&str>) -> Vec<Finding> {
    common::at_root();
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let split = read::read_split(&paths, &ReadOptions::default()).unwrap();
    let vendor = split.vendor().unwrap();
    let cx = Evidence {
        live: split.live.as_ref().map(|c| &c.config),
        export: split.export.as_ref().map(|c| &c.config),
        knowledge: vendors::knowledge_of(vendor).unwrap(),
        plan: vendor.capture_plan(),
    };
    match plan_to {
        Some(to) => carryover::ops::plan::plan(&cx, &Version::parse(to).unwrap()).findings,
        None => carryover::ops::gaps::gaps(&cx, None).findings,
    }
    .iter()
    .map(lines)
    .collect()
}

fn of<'f>(findings: &'f [Finding], rule: &str) -> Vec<&'f Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

fn one<'f>(findings: &'f [Finding], rule: &str) -> &'f Finding {
    let all = of(findings, rule);
    assert_eq!(all.len(), 1, "{rule}: {all:#?}");
    all[0]
}

/// The restore script and runbook for `inputs`, with `extra` arguments.
fn restore(inputs: &[&str], extra: &[&str]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let runbook = dir.path().join("runbook.md");
    let script = dir.path().join("restore.txt");
    let mut args = vec![
        "restore",
        "--to",
        "4.2.3",
        "--runbook",
        runbook.to_str().unwrap(),
        "-o",
        script.to_str().unwrap(),
    ];
    args.extend(inputs);
    args.extend(extra);
    let (code, _, err) = run_full(&args);
    assert_eq!(code, 0, "{err}");
    let script = String::from_utf8_lossy(&std::fs::read(&script).unwrap()).into_owned();
    (script, std::fs::read_to_string(&runbook).unwrap())
}

// Item 1: KI-8 is not undone by `--against`.

#[test]
fn ki8_against_a_capture_showing_the_same_text_keeps_the_command_and_says_how_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let post = write(
        dir.path(),
        "after.log",
        &log("4.2.3-GA", &format!("rg01> branding get quotamsg\n{QUOTA}")),
    );
    let (script, runbook) = restore(&[BEFORE], &["--against", &post]);
    let lines: Vec<&str> = script.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "branding set quotamsg {99}")
        .unwrap_or_else(|| panic!("the command is kept:\n{script}"));
    // The remarks right above the command (an inferred form's remark may sit between) say
    // why it is kept.
    let mut remarks = lines[..at].iter().rev().take_while(|l| l.starts_with("# "));
    assert!(
        remarks
            .any(|l| l.starts_with("# MOS-4.2.3-KI-8: written although the post-upgrade capture")),
        "{script}"
    );
    assert!(
        runbook.contains(
            "- [ ] `MOS-4.2.3-KI-8`: Send a test message to a mailbox over its quota: the notice \
             it gets must carry the customized text"
        ),
        "{runbook}"
    );
    assert!(
        runbook.contains("when it writes no commands but those of `MOS-4.2.3-KI-8`"),
        "the runbook never says an empty script means all is back:\n{runbook}"
    );
    assert!(
        !runbook.contains("when it writes no commands, everything"),
        "{runbook}"
    );
}

#[test]
fn ki8_against_a_capture_showing_another_text_writes_the_captured_one() {
    let (script, _) = restore(&[BEFORE, EXPORT], &["--against", AFTER]);
    assert!(script.contains("branding set quotamsg {99}\nYour mailbox is over its quota.\n"));
}

#[test]
fn a_delta_without_such_rules_keeps_the_plain_promise() {
    let dir = tempfile::tempdir().unwrap();
    let pre = write(
        dir.path(),
        "pre.log",
        &log("4.1.9-GA", "rg01> smtp get fastpath\noff\nOK Completed\n"),
    );
    let (script, runbook) = restore(&[&pre], &[]);
    assert!(!script.contains("branding"), "{script}");
    assert!(
        runbook.contains("when it writes no commands, everything the script restores is back"),
        "{runbook}"
    );
}

// Item 2: F-5 reaches the user.

#[test]
fn f5_is_written_under_a_remark_naming_the_rule_and_listed_in_the_runbook() {
    let (script, runbook) = restore(&[BEFORE], &[]);
    let lines: Vec<&str> = script.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "smtp set maxmsgsum 314572800")
        .unwrap_or_else(|| panic!("{script}"));
    assert!(lines[at - 1].starts_with("# MOS-4.2.3-F-5"), "{script}");
    assert!(
        runbook.contains("- `MOS-4.2.3-F-5`: New total message size limit (maxmsgsum)"),
        "{runbook}"
    );
    assert!(
        runbook
            .contains("`MOS-4.2.3-F-5`: by hand: the script runs `smtp set maxmsgsum 314572800`: Setting smtp maxmsgsum restarts the SMTP service"),
        "{runbook}"
    );
    // gaps and plan say the same action, not "not captured: run smtp get maxmsgsum".
    for report in [
        findings(&[BEFORE], None),
        findings(&[BEFORE], Some("4.2.3")),
    ] {
        let f5 = one(&report, "MOS-4.2.3-F-5");
        assert_eq!(f5.status, Status::Found, "{f5:?}");
        // One step: the command, with the caution as its note.
        assert_eq!(f5.remedy.len(), 1, "{f5:?}");
        assert!(
            f5.remedy[0].starts_with(
                "smtp set maxmsgsum 314572800
# "
            ),
            "{f5:?}"
        );
        assert!(f5.remedy[0].contains("restarts the SMTP service"), "{f5:?}");
    }
}

#[test]
fn f5_is_not_written_when_the_upgraded_box_has_the_value() {
    let (script, _) = restore(&[BEFORE], &["--against", AFTER]);
    assert!(!script.contains("maxmsgsum"), "{script}");
}

#[test]
fn f5_on_a_capture_of_4_2_3_is_checked_against_the_recommended_value() {
    let dir = tempfile::tempdir().unwrap();
    let other = write(
        dir.path(),
        "other.log",
        &log(
            "4.2.3-GA",
            "rg01> smtp get maxmsgsum\n10485760\nOK Completed\n",
        ),
    );
    let f = findings(&[&other], None);
    let f5 = one(&f, "MOS-4.2.3-F-5");
    assert_eq!(f5.status, Status::Found);
    assert!(
        f5.summary.contains("unless another value is wanted"),
        "{f5:?}"
    );
    let bare = write(dir.path(), "bare.log", &log("4.2.3-GA", ""));
    let f = findings(&[&bare], None);
    let f5 = one(&f, "MOS-4.2.3-F-5");
    assert_eq!(f5.status, Status::NotCaptured);
    assert_eq!(f5.remedy[0], "smtp get maxmsgsum");
}

// Item 3: literals are counted as the appliance reads them.

#[test]
fn literal_counts_are_the_appliances_crlf_counts() {
    let (script, _) = restore(&[BEFORE], &[]);
    // The capture shows `{99}` for this text: the script writes the same count.
    assert!(script.contains("branding set quotamsg {99}\n"), "{script}");
    assert!(
        script.contains("# encoding: UTF-8, as the capture; literal counts are its bytes"),
        "{script}"
    );
}

/// The script `restore` writes for the Shift_JIS sample, as bytes, with `extra` arguments.
fn script_bytes(extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["restore", "--to", "4.2.3", MS02];
    args.extend(extra);
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(common::root())
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    out.stdout
}

#[test]
fn a_shift_jis_capture_gives_a_shift_jis_script_counted_in_shift_jis() {
    let bytes = script_bytes(&[]);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the script is not UTF-8"
    );
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!bad);
    // The capture announces `{115}` for this message: the same count.
    assert!(
        text.contains("branding set quotamsg {115}\nメールボックスの容量"),
        "{text}"
    );
    assert!(
        text.contains("# encoding: Shift_JIS, as the capture;"),
        "{text}"
    );
    assert!(text.contains("uce addexception primary whitelistto 全社連絡@example.co.jp"));

    // Read back as carryover reads a script, in that encoding: no count needs recovering,
    // and the message is the captured one.
    let options = ReadOptions {
        kind: Some(SourceKind::Export),
        encoding: Some(encoding_rs::SHIFT_JIS),
        ..Default::default()
    };
    let back = common::capture_of("restore.txt", bytes.clone(), &options);
    let warnings: Vec<_> = back
        .notes
        .iter()
        .filter(|(_, n)| matches!(n.kind, NoteKind::Warning(_)))
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");
    common::at_root();
    let pre = read::read(&[MS02.into()], &ReadOptions::default()).unwrap();
    assert_eq!(
        back.config.messages[SYSTEM]["branding.quotamsg"].value,
        pre.config.messages[SYSTEM]["branding.quotamsg"].value
    );

    // The protocol's own reader of literals, counting CRLF in Shift_JIS, takes the body whole.
    let marker = "branding set quotamsg {115}\n";
    let start = text.find(marker).unwrap() + marker.len();
    let sjis = |s: &str| encoding_rs::SHIFT_JIS.encode(s).0.len();
    let cx = carryover::vendors::mos::syntax::literal::Context {
        text: &text,
        encoded_len: &sjis,
        is_boundary: &|l: &str| l.starts_with('#'),
        crlf: true,
        pager_lines: &[],
    };
    let literal =
        carryover::vendors::mos::syntax::literal::find(&cx, start, 1, 115, false).unwrap();
    assert_eq!(literal.recovered, None);
    assert_eq!(
        Value::Text(literal.value()),
        pre.config.messages[SYSTEM]["branding.quotamsg"].value
    );
}

#[test]
fn the_output_encoding_can_be_chosen_and_what_it_cannot_carry_is_not_written() {
    let utf8 = String::from_utf8(script_bytes(&["--output-encoding", "utf-8"])).unwrap();
    // 93 UTF-8 bytes of text and a line break each counted as CRLF, as written for UTF-8.
    let message = "メールボックスの容量が上限を超えました。\n不要なメールを削除するか、情報システム部（内線 2200）へご連絡ください。\n";
    let count = message.len() + message.matches('\n').count();
    assert!(
        utf8.contains(&format!("branding set quotamsg {{{count}}}\n")),
        "{utf8}"
    );
    assert!(utf8.contains("# encoding: UTF-8; literal counts"), "{utf8}");
    let latin = String::from_utf8(script_bytes(&["--output-encoding", "latin1"])).unwrap();
    assert!(!latin.contains("branding set quotamsg"), "{latin}");
    assert!(
        latin.contains("# not written, a value holds a character the script cannot carry: message branding.quotamsg"),
        "{latin}"
    );
    assert!(latin.contains("entry \\u{5168}\\u{793e}"), "{latin}");
    let (code, _, err) = run_full(&[
        "restore",
        "--to",
        "4.2.3",
        MS02,
        "--output-encoding",
        "klingon",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown encoding `klingon`"), "{err}");
}

// Item 4: one patch list for `plan` and the runbook.

fn runbook_patches(inputs: &[&str]) -> BTreeSet<String> {
    let (_, runbook) = restore(inputs, &[]);
    runbook
        .split("## 3. Patches to install")
        .nth(1)
        .unwrap()
        .split("## 4.")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("- [ ] `"))
        .map(|l| l.split('`').next().unwrap().to_string())
        .collect()
}

fn plan_patches(inputs: &[&str]) -> BTreeSet<String> {
    common::at_root();
    let paths: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
    let split = read::read_split(&paths, &ReadOptions::default()).unwrap();
    let vendor = split.vendor().unwrap();
    let cx = Evidence {
        live: split.live.as_ref().map(|c| &c.config),
        export: split.export.as_ref().map(|c| &c.config),
        knowledge: vendors::knowledge_of(vendor).unwrap(),
        plan: vendor.capture_plan(),
    };
    let to = Version::parse("4.2.3").unwrap();
    carryover::ops::plan::plan(&cx, &to)
        .patches
        .into_iter()
        .map(|(rule, _)| rule)
        .collect()
}

#[test]
fn the_runbook_and_plan_list_the_same_patches_on_every_sample() {
    let dir = tempfile::tempdir().unwrap();
    let patched = write(
        dir.path(),
        "patched.log",
        &log(
            "4.2.2-GA",
            "rg01> update list\n\"D4_2_3_backup_local\" \"installed 2011-07-01\"\n\
             \"E4_antivirus_DA\" \"installed 2011-02-20\"\nOK Completed\n\
             rg01> license status\n\"Upgrades Allowed\" \"expires 2012-03-31\"\nOK Completed\n",
        ),
    );
    let cases: [(&[&str], &[&str], &[&str]); 5] = [
        (
            &[BEFORE, EXPORT],
            &["MOS-4.2.3-KI-4", "MOS-4.2.3-P-1"],
            // No delegated domains and no license for them; E4_antivirus_DA is installed.
            &["MOS-4.2.3-KI-7", "MOS-4.2.3-P-3", "MOS-4.2.3-P-2"],
        ),
        (
            &[MS01],
            &[
                "MOS-4.2.3-KI-7",
                "MOS-4.2.3-KI-4",
                "MOS-4.2.3-P-1",
                "MOS-4.2.3-P-2",
            ],
            &[],
        ),
        (&[MS02], &["MOS-4.2.3-KI-4", "MOS-4.2.3-P-1"], &[]),
        // Already on 4.2.3: D4_Adjust_SMTP_Params was installed in the log, the local-disk
        // patch's install was not confirmed.
        (
            &[AFTER],
            &["MOS-4.2.3-KI-4"],
            &["MOS-4.2.3-P-1", "MOS-4.2.3-P-2"],
        ),
        (
            &[&patched],
            &["MOS-4.2.3-P-1"],
            // D4_2_3_backup_local is installed: neither KI-4 nor P-4 asks for it.
            &["MOS-4.2.3-KI-4", "MOS-4.2.3-P-4", "MOS-4.2.3-P-2"],
        ),
    ];
    for (inputs, wanted, unwanted) in cases {
        let in_runbook = runbook_patches(inputs);
        assert_eq!(in_runbook, plan_patches(inputs), "{inputs:?}");
        for rule in wanted {
            assert!(
                in_runbook.contains(*rule),
                "{inputs:?}: {rule} in {in_runbook:?}"
            );
        }
        for rule in unwanted {
            assert!(
                !in_runbook.contains(*rule),
                "{inputs:?}: {rule} in {in_runbook:?}"
            );
        }
    }
}

// Item 5: KI-1 and KI-2 can fire on a capture made as `capture` says.

#[test]
fn the_capture_plan_asks_for_what_ki1_and_ki2_need() {
    let (code, out) = run(&["capture", "--vendor", "mirapoint-mos"]);
    assert_eq!(code, 0);
    // The command on a line of its own, under the remark that names its rule (past the
    // remark that marks an inferred form).
    let reason = |command: &str| {
        let lines: Vec<&str> = out.lines().collect();
        let at = lines
            .iter()
            .position(|l| *l == command)
            .unwrap_or_else(|| panic!("{command} in\n{out}"));
        lines[..at]
            .iter()
            .rev()
            .find(|l| l.starts_with("# ") && !l.starts_with("# inferred form: "))
            .unwrap()
            .to_string()
    };
    assert!(reason("ldap get autoreply").contains("MOS-4.2.3-KI-1"));
    assert!(reason("filter list").contains("MOS-4.2.3-KI-2"));
}

#[test]
fn ki1_fires_only_when_autoreply_is_linked_to_ldap() {
    let dir = tempfile::tempdir().unwrap();
    let linked = write(
        dir.path(),
        "linked.log",
        &log(
            "4.1.9-GA",
            "rg01> ldap get autoreply\non\nOK Completed\n\
             rg01> autoreply get bob\n{15}\nGone fishing.\n\nOK Completed\n",
        ),
    );
    let f = findings(&[&linked], None);
    let ki1 = one(&f, "MOS-4.2.3-KI-1");
    assert_eq!(ki1.status, Status::Found);
    assert_eq!(ki1.items, ["ldap.autoreply = on"]);
    assert_eq!(
        ki1.remedy,
        // The note gives no workaround: the step is carryover's, and says so.
        [
            "carryover's suggestion, not the note's: The note gives no workaround: until a fix is \
          released, make every AutoReply change in LDAP as well."
        ]
    );
    // AutoReply texts alone, not linked to LDAP: the note's condition does not hold.
    let local = write(
        dir.path(),
        "local.log",
        &log(
            "4.1.9-GA",
            "rg01> ldap get autoreply\noff\nOK Completed\n\
             rg01> autoreply get bob\n{15}\nGone fishing.\n\nOK Completed\n",
        ),
    );
    assert!(of(&findings(&[&local], None), "MOS-4.2.3-KI-1").is_empty());
    let unknown = write(dir.path(), "unknown.log", &log("4.1.9-GA", ""));
    let f = findings(&[&unknown], None);
    let ki1 = one(&f, "MOS-4.2.3-KI-1");
    assert_eq!(ki1.status, Status::NotCaptured);
    // An inferred form (catalog.ron), marked so.
    assert_eq!(
        ki1.remedy[0],
        "ldap get autoreply    (inferred: no public source confirms this command's form)"
    );
}

#[test]
fn ki2_fires_on_a_filter_listing_that_names_envelopeto() {
    let dir = tempfile::tempdir().unwrap();
    let with = write(
        dir.path(),
        "with.log",
        &log(
            "4.1.9-GA",
            "rg01> filter list\n\"ml-route\" \"EnvelopeTo contains ml@example.co.jp\" \"fileinto ML\"\nOK Completed\n",
        ),
    );
    let f = findings(&[&with], None);
    let ki2 = one(&f, "MOS-4.2.3-KI-2");
    assert_eq!(ki2.status, Status::Found);
    assert_eq!(ki2.items, ["filter list"]);
    assert_eq!(
        ki2.remedy,
        // Carryover's suggestion, which says what a rewrite would not catch.
        [
            "carryover's suggestion, not the note's: The note gives no workaround: a filter \
          rewritten on To or Cc does not catch mail whose recipient is in neither header (Bcc, \
          mailing-list and forwarded mail), which EnvelopeTo matched; check that mail by hand."
        ]
    );
    let without = write(
        dir.path(),
        "without.log",
        &log(
            "4.1.9-GA",
            "rg01> filter list\n\"spam\" \"Subject contains [SPAM]\" \"discard\"\nOK Completed\n",
        ),
    );
    assert!(of(&findings(&[&without], None), "MOS-4.2.3-KI-2").is_empty());
    let never = write(dir.path(), "never.log", &log("4.1.9-GA", ""));
    let f = findings(&[&never], None);
    let ki2 = one(&f, "MOS-4.2.3-KI-2");
    assert_eq!(ki2.status, Status::NotCaptured);
    // An inferred form (catalog.ron's raw forms), marked so.
    assert_eq!(
        ki2.remedy,
        ["filter list    (inferred: no public source confirms this command's form)"]
    );
}

// Item 6: C-6 says "not captured" when `trustedhost list` never ran.

#[test]
fn c6_without_a_trusted_host_listing_is_not_captured() {
    let dir = tempfile::tempdir().unwrap();
    let never = write(dir.path(), "never.log", &log("4.1.9-GA", ""));
    let f = findings(&[&never], None);
    let c6 = one(&f, "MOS-4.2.3-C-6");
    assert_eq!(c6.status, Status::NotCaptured, "{c6:?}");
    assert_eq!(c6.remedy, ["trustedhost list mtagroup"]);
    assert!(!c6.summary.contains("no trusted hosts captured"));
    let empty = write(
        dir.path(),
        "empty.log",
        &log(
            "4.1.9-GA",
            "rg01> trustedhost list mtagroup\nOK Completed\n",
        ),
    );
    let f = findings(&[&empty], None);
    let c6 = one(&f, "MOS-4.2.3-C-6");
    assert_eq!(c6.status, Status::Found);
    assert!(
        c6.summary.contains("mtagroup holds no trusted host"),
        "{c6:?}"
    );
}

// Item 7: KI-5 on a capture already at 4.2.3; captured on; not captured.

#[test]
fn ki5_fires_on_a_capture_already_at_4_2_3() {
    let dir = tempfile::tempdir().unwrap();
    let off = write(
        dir.path(),
        "off.log",
        &log("4.2.3-GA", "rg01> smtp get fastpath\noff\nOK Completed\n"),
    );
    for report in [findings(&[&off], None), findings(&[&off], Some("4.2.3"))] {
        let ki5 = one(&report, "MOS-4.2.3-KI-5");
        assert_eq!(ki5.status, Status::Found, "{ki5:?}");
        assert!(ki5.remedy.contains(&"smtp set fastpath on".to_string()));
    }
    let (code, out) = run(&["gaps", &off]);
    assert_eq!(code, 1);
    assert!(!out.contains("nothing found"), "{out}");
    // A rule of the upgrade itself (KI-3: re-set after 4.1.9 -> 4.2.3) is not checked there.
    assert!(of(&findings(&[&off], None), "MOS-4.2.3-KI-3").is_empty());
}

#[test]
fn ki5_captured_on_is_fine_and_not_captured_says_how_to_look() {
    let dir = tempfile::tempdir().unwrap();
    let on = write(
        dir.path(),
        "on.log",
        &log("4.1.9-GA", "rg01> smtp get fastpath\non\nOK Completed\n"),
    );
    let f = findings(&[&on], Some("4.2.3"));
    let ki5 = one(&f, "MOS-4.2.3-KI-5");
    assert_eq!(ki5.status, Status::Ok);
    assert!(of(&findings(&[&on], None), "MOS-4.2.3-KI-5").is_empty());
    let unknown = write(dir.path(), "unknown.log", &log("4.1.9-GA", ""));
    let f = findings(&[&unknown], None);
    let ki5 = one(&f, "MOS-4.2.3-KI-5");
    assert_eq!(ki5.status, Status::NotCaptured);
    assert_eq!(
        ki5.remedy,
        [
            "smtp get fastpath",
            "by hand: if it is not `on`, run `smtp set fastpath on`"
        ]
    );
}

// Item 8: scope and severity follow the note, or say why not.

#[test]
fn ki3_from_the_noted_version_is_an_error_and_from_another_a_warning_that_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let body = "rg01> smtp get quarantinejunk\non\nOK Completed\n\
                rg01> smtp get ldaprouting\nlocal\nOK Completed\n";
    let noted = write(dir.path(), "noted.log", &log("4.1.9-GA", body));
    let f = findings(&[&noted], None);
    let ki3 = one(&f, "MOS-4.2.3-KI-3");
    assert_eq!(ki3.severity, carryover::knowledge::Severity::Error);
    assert!(!ki3.summary.contains("the note names"));
    for version in ["4.1.10-GA", "4.2.2-GA"] {
        let wider = write(dir.path(), "wider.log", &log(version, body));
        let f = findings(&[&wider], None);
        let ki3 = one(&f, "MOS-4.2.3-KI-3");
        assert_eq!(
            ki3.severity,
            carryover::knowledge::Severity::Warning,
            "{version}"
        );
        assert!(
            ki3.summary
                .contains("the note names the upgrade from 4.1.9 only: the note blames a change of the CLI in 4.2.3 itself"),
            "{ki3:?}"
        );
        assert_eq!(
            ki3.remedy,
            ["smtp set quarantinejunk on", "smtp set ldaprouting local"]
        );
    }
}

#[test]
fn ki3_says_why_it_is_wider_in_the_notes_own_words() {
    let release = &carryover::vendors::mos::knowledge::releases()[0];
    let ki3 = release
        .entries
        .iter()
        .find(|e| e.id == "MOS-4.2.3-KI-3")
        .unwrap();
    let wider = ki3.wider.as_ref().unwrap();
    let quoted = wider.because.split(['(', ')']).nth(1).unwrap();
    assert!(carryover::vendors::mos::knowledge::RELEASE_NOTE_4_2_3.contains(quoted));
}

#[test]
fn ki8_says_it_cannot_tell_a_customized_text_without_a_known_default() {
    let f = findings(&[BEFORE], None);
    let ki8 = one(&f, "MOS-4.2.3-KI-8");
    assert_eq!(ki8.status, Status::Found);
    assert_eq!(ki8.severity, carryover::knowledge::Severity::Warning);
    assert!(ki8.summary.contains("carryover cannot tell"), "{ki8:?}");
    // On 4.2.3 itself a read cannot tell what is delivered: not a finding of loss.
    let after: Vec<Finding> = findings(&[AFTER], None)
        .into_iter()
        .filter(|f| f.rule == "MOS-4.2.3-KI-8")
        .collect();
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(after[0].status, Status::NotCaptured);
    assert!(after[0].remedy[0].contains("Send a test message to a mailbox over its quota"));
}

/// The MOS knowledge base with KI-8's default text known, to see the rule compare with it.
struct WithDefault(&'static [carryover::knowledge::Release]);

impl Knowledge for WithDefault {
    fn releases(&self) -> &'static [carryover::knowledge::Release] {
        self.0
    }
    fn quote(&self, word: &str) -> String {
        carryover::vendors::mos::Mos.quote(word)
    }
    fn install_patch(&self, name: &str, url: &str, parameters: &str) -> Vec<Step> {
        carryover::vendors::mos::Mos.install_patch(name, url, parameters)
    }
    fn install_package(&self, file: &str, url: &str) -> Vec<Step> {
        carryover::vendors::mos::Mos.install_package(file, url)
    }
}

#[test]
fn ki8_compares_with_a_known_default_text() {
    let mut releases = carryover::vendors::mos::knowledge::releases().to_vec();
    let ki8 = releases[0]
        .entries
        .iter_mut()
        .find(|e| e.id == "MOS-4.2.3-KI-8")
        .unwrap();
    ki8.detect = Some(carryover::knowledge::Detect::SystemMessage {
        name: "branding.quotamsg".into(),
        defaults: vec!["Mailbox quota exceeded.\n".into()],
    });
    let knowledge = WithDefault(Box::leak(releases.into_boxed_slice()));
    let dir = tempfile::tempdir().unwrap();
    let default = write(
        dir.path(),
        "default.log",
        &log(
            "4.1.9-GA",
            "rg01> branding get quotamsg\n{25}\nMailbox quota exceeded.\n\nOK Completed\n",
        ),
    );
    let custom = write(
        dir.path(),
        "custom.log",
        &log("4.1.9-GA", &format!("rg01> branding get quotamsg\n{QUOTA}")),
    );
    let evaluate = |path: &str| {
        let capture = read::read(&[path.into()], &ReadOptions::default()).unwrap();
        let cx = Evidence {
            live: Some(&capture.config),
            export: None,
            knowledge: &knowledge,
            plan: None,
        };
        carryover::ops::plan::plan(&cx, &Version::parse("4.2.3").unwrap())
            .findings
            .iter()
            .filter(|f| f.rule == "MOS-4.2.3-KI-8")
            .map(lines)
            .collect::<Vec<_>>()
    };
    let is_default = evaluate(&default);
    assert_eq!(is_default.len(), 1, "{is_default:?}");
    assert_eq!(is_default[0].status, Status::Ok);
    assert!(is_default[0].summary.contains("is the default text"));
    let customized = evaluate(&custom);
    assert_eq!(customized[0].status, Status::Found);
    assert_eq!(
        customized[0].severity,
        carryover::knowledge::Severity::Error
    );
    assert!(customized[0].summary.contains("is not the default"));
    // Restore writes a customized text, and nothing for the default one.
    let restore_of = |path: &str| {
        let capture = read::read(&[path.into()], &ReadOptions::default()).unwrap();
        let options = carryover::ops::restore::RestoreOptions {
            to: Version::parse("4.2.3").unwrap(),
            against: None,
            all: false,
            show_secrets: false,
            capture: None,
            patches: None,
        };
        let plan = carryover::ops::restore::plan(&capture.config, &knowledge, &options);
        carryover::render::restore::script(&plan, &carryover::vendors::mos::Mos, &[])
    };
    assert!(!restore_of(&default).contains("branding set"));
    assert!(restore_of(&custom).contains("branding set quotamsg {99}"));
}

// Item 9: placeholders read as placeholders.

#[test]
fn every_placeholder_of_a_remedy_is_written_in_angle_brackets() {
    let release = &carryover::vendors::mos::knowledge::releases()[0];
    let mos = carryover::vendors::mos::Mos;
    let mut lines: Vec<String> = Vec::new();
    for entry in &release.entries {
        lines.extend(texts(carryover::ops::evaluate::steps(
            entry,
            &mos,
            &[
                ("name", "fastpath"),
                ("value", "on"),
                ("scope", "primary"),
                ("entry", "a@b.jp"),
            ],
        )));
        lines.extend(entry.check.clone());
    }
    for package in &release.packages {
        lines.extend(texts(mos.install_package(&package.file, &package.url)));
    }
    for line in &lines {
        for template in ["{name}", "{value}", "{scope}", "{entry}"] {
            assert!(!line.contains(template), "unfilled template: {line}");
        }
        let mut rest = line.as_str();
        while let Some(at) = rest.find('<') {
            let close = rest[at..].find('>').unwrap_or_else(|| panic!("{line}"));
            let inside = &rest[at + 1..at + close];
            assert!(
                !inside.is_empty() && inside.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "placeholder `<{inside}>` in {line}: write it <what-goes-here>"
            );
            rest = &rest[at + close..];
        }
    }
    // C-6's empty arguments are said to be empty arguments; the upstream box is a placeholder.
    let c6 = release
        .entries
        .iter()
        .find(|e| e.id == "MOS-4.2.3-C-6")
        .unwrap();
    let steps = carryover::ops::evaluate::steps(c6, &mos, &[]);
    assert!(steps.iter().any(|s| matches!(
        s,
        Step::Elsewhere { on: Text::Note(on), command, .. }
            if command.as_deref() == Some("key new MTA \"\" \"\" \"\"") && on == "the upstream RazorGate"
    )));
    // The command this box types is a command step, its placeholder filled by hand.
    assert!(steps.iter().any(|s| matches!(
        s,
        Step::Command { command, note: Some(_), .. }
            if command == "trustedhost add mtagroup <upstream-razorgate>"
    )));
    let steps = texts(steps);
    assert!(steps.iter().any(|s| s.contains("three empty arguments")));
    assert!(steps
        .iter()
        .any(|s| s.contains("trustedhost add mtagroup <upstream-razorgate>")));
}

/// What a person reads or types of each step: its command, or its words from the knowledge
/// file.
fn texts(steps: Vec<Step>) -> Vec<String> {
    steps
        .into_iter()
        .flat_map(|s| match s {
            Step::Command {
                command, note: n, ..
            } => std::iter::once(command).chain(n.map(note)).collect(),
            Step::Elsewhere {
                on,
                command,
                note: n,
                ..
            } => std::iter::once(note(on))
                .chain(command)
                .chain(n.map(note))
                .collect(),
            Step::Console { page, action } => vec![page, note(action)],
            Step::Dns(text) | Step::Check { text, .. } => vec![note(text)],
            Step::Prompt { prompt, answer } => vec![prompt, answer],
        })
        .collect()
}

fn note(text: Text) -> String {
    match text {
        Text::Note(text) => text,
        Text::Said(_) => String::new(),
    }
}

/// N-5 reads what `license status` says of Upgrades Allowed: listed with nothing said (the
/// release note's own example) or an expiry to come, it is in force; expired, disabled or
/// words carryover cannot read block, quoting what the appliance said.
#[test]
fn n5_passes_only_a_license_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let license = |state: &str| {
        let body = format!("rg01> license status\n\"Upgrades Allowed\"{state}\nOK Completed\n");
        let path = write(dir.path(), "lic.log", &log("4.1.9-GA", &body));
        one(&findings(&[&path], Some("4.2.3")), "MOS-4.2.3-N-5").clone()
    };
    for state in ["", " \"expires 2012-03-31\"", " \"Licensed\""] {
        let f = license(state);
        assert_eq!(f.status, Status::Ok, "{state}: {f:#?}");
    }
    for state in [
        "expired 2010-03-31",
        "disabled",
        "not licensed",
        "evaluation over",
    ] {
        let f = license(&format!(" \"{state}\""));
        assert_eq!(f.status, Status::Found, "{state}: {f:#?}");
        assert!(f.summary.contains(&format!("`{state}`")), "{f:#?}");
    }
}

/// N-4 reads a backup's whole state (`Not Done` is not done), quotes its line as it is, and
/// takes the backup numbered highest as the last, wherever it is listed.
#[test]
fn n4_reads_the_whole_state_of_the_highest_numbered_backup() {
    let dir = tempfile::tempdir().unwrap();
    let backups = |lines: &str| {
        let body = format!("rg01> backup status\n{lines}OK Completed\n");
        let path = write(dir.path(), "bk.log", &log("4.1.9-GA", &body));
        one(&findings(&[&path], Some("4.2.3")), "MOS-4.2.3-N-4").clone()
    };
    let f = backups("Backup-10000 Not Done\n");
    assert_eq!(f.status, Status::Found, "{f:#?}");
    assert!(f.summary.contains("(Backup-10000 Not Done)"), "{f:#?}");
    let f = backups("Backup-10000 Done with errors\n");
    assert_eq!(f.status, Status::Found, "{f:#?}");
    let f = backups("Backup-10001 Failed\nBackup-10000 Done\n");
    assert_eq!(f.status, Status::Found, "{f:#?}");
    assert!(f.summary.contains("(Backup-10001 Failed)"), "{f:#?}");
    let f = backups("Backup-10000 Failed\nBackup-10001 Done\n");
    assert_eq!(f.status, Status::Ok, "{f:#?}");
    assert!(f.summary.contains("(Backup-10001 Done)"), "{f:#?}");
}

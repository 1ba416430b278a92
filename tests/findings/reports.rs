//! `gaps`, `plan` and `capture` on the shipped samples, through the binary as a user runs them:
//! reports as snapshots, exit codes, the JSON shape.

use crate::common;

use common::run;

fn snap(name: &str, args: &[&str]) -> i32 {
    common::snap_run(name, args).0
}

#[test]
fn gaps_between_a_live_log_and_its_export() {
    let code = snap(
        "gaps@rg01-before-with-export",
        &[
            "gaps",
            "samples/mos/rg01-4.1.9-before.log",
            "samples/mos/rg01-4.1.9-export.cfg",
        ],
    );
    assert_eq!(code, 1);
}

#[test]
fn gaps_markdown_for_a_review_comment() {
    snap(
        "gaps@rg01-markdown",
        &[
            "gaps",
            "--format",
            "markdown",
            "samples/mos/rg01-4.1.9-before.log",
            "samples/mos/rg01-4.1.9-export.cfg",
        ],
    );
}

#[test]
fn gaps_on_delegated_domains_reports_their_messages_safe() {
    let code = snap(
        "gaps@ms01-delegated",
        &["gaps", "samples/mos/ms01-delegated-domains.log"],
    );
    assert_eq!(code, 1);
}

#[test]
fn gaps_with_nothing_crossed_finds_nothing() {
    // A 4.2.3 capture going nowhere older: nothing is crossed, and the rules that still hold
    // on 4.2.3 find nothing on a capture that shows them fine.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("fixed.log");
    std::fs::write(
        &log,
        "rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> smtp get fastpath\non\nOK Completed\n",
    )
    .unwrap();
    let (code, out) = run(&[
        "gaps",
        "--to",
        "4.2.3",
        "--format",
        "json",
        log.to_str().unwrap(),
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "found" && f["severity"] != "info")
        .collect();
    // Only advice for a capture made after the upgrade (PL-1: patches that vanish from
    // `update list`), no loss.
    assert!(found.is_empty(), "{out}");
    // What it did not capture is said, not taken as fine; it is no loss found, so exit 0.
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("smtp get maxmsgsum"), "{out}");
}

#[test]
fn gaps_json_has_the_documented_shape() {
    let (code, out) = run(&[
        "gaps",
        "--format",
        "json",
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.1.9-export.cfg",
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["format_version"], 2);
    let findings = json["findings"].as_array().unwrap();
    for f in findings {
        for key in ["rule", "severity", "summary", "items", "at", "remedy"] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
    let ki6 = findings
        .iter()
        .find(|f| f["rule"] == "MOS-4.2.3-KI-6")
        .unwrap();
    assert_eq!(ki6["items"].as_array().unwrap().len(), 5);
    // `uce addexception` is an inferred form (catalog.ron): the remedy step says so.
    assert_eq!(
        ki6["remedy"][1],
        serde_json::json!({
            "kind": "command",
            "command": "uce addexception primary whitelistto @partners.example.com",
            "form": "inferred",
            "note": null,
            "only_if": null,
        })
    );
    // Each item is an object with its own evidence.
    assert_eq!(
        ki6["items"][1]["evidence"],
        serde_json::json!({"path": "samples/mos/rg01-4.1.9-before.log", "line": 32})
    );
}

#[test]
fn an_incomplete_capture_names_the_commands_to_run() {
    let (_, out) = run(&["gaps", "samples/mos/ms02-sjis-crlf.log"]);
    assert!(
        out.contains("no live capture lists whitelistto for any, local, nonlocal"),
        "{out}"
    );
    assert!(
        out.contains("uce listexception nonlocal whitelistto"),
        "{out}"
    );
}

#[test]
fn plan_for_the_razorgate() {
    let code = snap(
        "plan@rg01-to-4.2.3",
        &["plan", "--to", "4.2.3", "samples/mos/rg01-4.1.9-before.log"],
    );
    assert_eq!(
        code, 1,
        "nothing blocks this upgrade, but error-level findings are something to report"
    );
    let json: serde_json::Value = serde_json::from_str(
        &common::run(&[
            "plan",
            "--to",
            "4.2.3",
            "--format",
            "json",
            "samples/mos/rg01-4.1.9-before.log",
        ])
        .1,
    )
    .unwrap();
    // The backup is done (`backup status`: Backup-10000 Done), so N-4 passes; no capture shows
    // whether the box is a cluster member, so N-3 blocks until the operator confirms it.
    assert_eq!(json["blocking"], serde_json::json!(["MOS-4.2.3-N-3"]));
}

#[test]
fn plan_blocks_an_upgrade_from_too_old_a_version_and_says_what_is_not_captured() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("old.log");
    std::fs::write(&log, "old01> version\nMOS4.1.8-GA\nOK Completed\n").unwrap();
    let (code, out) = run(&[
        "plan",
        "--to",
        "4.2.3",
        "--format",
        "json",
        log.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let blocking: Vec<&str> = json["blocking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    // N-5: the license is a precondition no capture here shows; it blocks until confirmed.
    // So do N-3 (cluster membership) and N-4 (no `backup status`), the note's gates.
    assert_eq!(
        blocking,
        [
            "carryover-package",
            "MOS-4.2.3-N-3",
            "MOS-4.2.3-N-4",
            "MOS-4.2.3-N-5",
            "MOS-4.2.3-N-6"
        ]
    );
    let license = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "MOS-4.2.3-N-5")
        .unwrap();
    assert_eq!(license["status"], "not-captured");
}

#[test]
fn capture_lists_the_commands_for_every_domain() {
    snap(
        "capture@ms01",
        &["capture", "samples/mos/ms01-delegated-domains.log"],
    );
    let (code, out) = run(&["capture", "--vendor", "mirapoint-mos"]);
    assert_eq!(code, 0);
    assert!(out.contains("uce listexception nonlocal whitelistto"));
}

/// `gaps --pre PRE POST`: what the post-upgrade capture still needs, then what the upgrade
/// lost, under the rule that explains it; a capture of another appliance is refused.
#[test]
fn gaps_with_a_pre_upgrade_capture_says_what_the_upgrade_lost() {
    let (code, out) = run(&[
        "gaps",
        "--format",
        "json",
        "--pre",
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    assert_eq!(code, 1, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let lost = |rule: &str| {
        findings
            .iter()
            .find(|f| {
                f["rule"] == rule
                    && f["summary"]
                        .as_str()
                        .unwrap()
                        .contains("the post-upgrade capture lacks or holds differently")
            })
            .unwrap_or_else(|| panic!("{rule}: nothing lost in {out}"))
    };
    // KI-6: the whitelistto entries the upgrade (and the export) lost.
    let ki6 = lost("MOS-4.2.3-KI-6")["items"].to_string();
    assert!(ki6.contains("lists/primary/whitelistto/ml-sales@lists.example.co.jp"));
    // KI-8: the customized message reverted to the default.
    assert!(lost("MOS-4.2.3-KI-8")["items"]
        .to_string()
        .contains("now Mailbox quota exceeded."));
    // Nor does KI-8 also say "not captured" with the reverted text as its remedy: the
    // pre-upgrade capture tells what the post-upgrade one alone could not.
    let ki8: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "MOS-4.2.3-KI-8")
        .collect();
    assert_eq!(ki8.len(), 1, "{ki8:#?}");
    // KI-5's remedy applied (fastpath on) is no loss.
    assert!(!out.contains("settings/system/smtp.fastpath"), "{out}");
    // What the after-log never listed is not compared, with the commands that show it.
    let unobserved = findings
        .iter()
        .find(|f| f["rule"] == "carryover-lost" && f["status"] == "not-captured")
        .unwrap();
    assert!(unobserved["remedy"]
        .to_string()
        .contains("uce listexception local whitelistto"));
    // KI-4 after the upgrade: the patch still to install.
    assert!(findings
        .iter()
        .any(|f| f["rule"] == "MOS-4.2.3-KI-4" && f["status"] == "found"));

    let (code, _) = run(&[
        "gaps",
        "--pre",
        "samples/mos/ms01-delegated-domains.log",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    assert_eq!(code, 2, "captures of two appliances");
}

#[test]
fn plan_markdown_is_a_checklist_in_the_order_of_work() {
    let args = [
        "plan",
        "--to",
        "4.2.3",
        "--format",
        "markdown",
        "samples/mos/rg01-4.1.9-before.log",
    ];
    snap("plan@rg01-markdown", &args);
    let (_, out) = common::run(&args);
    let at = |text: &str| out.find(text).unwrap_or_else(|| panic!("{text}: {out}"));
    // The backup (N-4) and stopping the services come before the package, the patches after.
    assert!(at("## Before the upgrade") < at("`MOS-4.2.3-N-4`"));
    assert!(at("`MOS-4.2.3-N-4`") < at("`MOS-4.2.3-U-1`"));
    assert!(at("`MOS-4.2.3-U-1`") < at("## During the upgrade"));
    assert!(at("## During the upgrade") < at("`carryover-package`"));
    assert!(at("`carryover-package`") < at("## After the upgrade"));
    assert!(at("## After the upgrade") < at("`MOS-4.2.3-P-1`"));
    // A code block holds only what is typed: the patch's source is a `#` line, not a suffix.
    let install = out
        .lines()
        .find(|l| l.contains("update install http://<your-server>/R4_2_3c_GA.mpu5"))
        .unwrap();
    assert_eq!(
        install.trim(),
        "update install http://<your-server>/R4_2_3c_GA.mpu5"
    );
    assert!(out.contains("  # fetch it from ftp://ftp.mirapoint.com/pub/updates/R4_2_3c_GA.mpu5"));
    assert!(out.contains("- [ ] when asked 'Some updates can automatically reboot the system. Continue? (y/n)', answer `y`"));
    assert!(!out.contains("GUI"), "{out}");
}

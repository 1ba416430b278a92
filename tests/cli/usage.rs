//! The `carryover` binary as a user runs it: exit codes, messages, flags.

use crate::common;

use assert_cmd::Command;

fn carryover() -> Command {
    let mut cmd = Command::cargo_bin("carryover").unwrap();
    cmd.current_dir(common::root());
    cmd
}

#[test]
fn show_prints_canonical_ron_and_exits_0() {
    let out = carryover()
        .args(["show", "samples/mos/rg01-4.2.3-after.log"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("(\n  format_version: 1,"));
    assert!(text.contains("\"smtp.maxmsgsum\": 314572800"));
}

#[test]
fn show_json_carries_format_version() {
    let out = carryover()
        .args([
            "show",
            "--format",
            "json",
            "samples/mos/rg02-admind-transcript.txt",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["format_version"], 2);
    assert_eq!(json["config"]["appliance"]["hostname"], "rg02");
}

#[test]
fn unrecognized_lines_are_listed_with_a_count_and_exit_1() {
    carryover()
        .args([
            "show",
            "--unrecognized",
            "samples/mos/seed-key-exchange.log",
        ])
        .assert()
        .code(1)
        .stdout(
            "samples/mos/seed-key-exchange.log:23: CLI> trustedhost list mtgroup\n\
             samples/mos/seed-key-exchange.log:24: NO Unknown group: mtgroup\n\
             2 unrecognized lines\n",
        );
}

#[test]
fn secrets_are_masked_unless_asked_for() {
    let masked = carryover()
        .args(["show", "samples/mos/ms01-delegated-domains.log"])
        .output()
        .unwrap();
    let masked = String::from_utf8(masked.stdout).unwrap();
    assert!(masked.contains("block: \"<secret>\""));
    assert!(!masked.contains("#@Mirapoint-Key-1.0"));
    let shown = carryover()
        .args([
            "show",
            "--show-secrets",
            "samples/mos/ms01-delegated-domains.log",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(shown.stdout)
        .unwrap()
        .contains("#@Mirapoint-Key-1.0"));
}

#[test]
fn provenance_names_file_and_line_of_each_item() {
    let out = carryover()
        .args(["show", "--provenance", "samples/mos/rg01-4.2.3-after.log"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\"settings/system/smtp.fastpath\": \"samples/mos/rg01-4.2.3-after.log:16\"")
    );
}

#[test]
fn bad_input_exits_2_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.log");
    std::fs::write(&cut, "rg> branding get quotamsg\n{4096}\nOver quota.\n").unwrap();
    let out = carryover().arg("show").arg(&cut).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("literal announces 4096 bytes"), "{err}");
    assert!(err.contains("cut.log:2:1"), "{err}");
    assert!(err.contains("2 | {4096}"), "{err}");
}

#[test]
fn binary_files_and_unknown_encodings_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("image.bin");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    carryover().arg("show").arg(&bin).assert().code(2);
    carryover()
        .args([
            "show",
            "--encoding",
            "klingon",
            "samples/mos/rg01-4.2.3-after.log",
        ])
        .assert()
        .code(2)
        .stderr("carryover: unknown encoding `klingon`\n");
    carryover()
        .args(["show", "no/such/file.log"])
        .assert()
        .code(2);
}

#[test]
fn two_appliances_are_refused() {
    carryover()
        .args([
            "show",
            "samples/mos/rg01-4.2.3-after.log",
            "samples/mos/ms01-delegated-domains.log",
        ])
        .assert()
        .code(2);
}

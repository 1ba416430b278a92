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
    assert!(text.starts_with("(\n  format_version: 2,"));
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

/// (status, stdout, stderr) of a run from the repository's root.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = carryover().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn man_all_writes_every_page_with_examples_and_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let man1 = dir.path().join("share/man/man1");
    let (code, out, err) = run(&["man", "--all", "-o", man1.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let mut pages: Vec<String> = std::fs::read_dir(&man1)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    let (_, help, _) = run(&["--help"]);
    let mut expected: Vec<String> = help
        .split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(|name| format!("carryover-{name}.1"))
        .chain(["carryover.1".to_string()])
        .collect();
    expected.sort();
    assert_eq!(pages, expected);
    for page in &pages {
        let text = std::fs::read_to_string(man1.join(page)).unwrap();
        let name = page.trim_end_matches(".1");
        assert!(text.contains(&format!(".TH {name} 1")), "{page}");
        assert!(text.contains("\n.SH EXAMPLES\n"), "{page}");
        assert!(text.contains("\n.SH \"EXIT STATUS\"\n"), "{page}");
        assert!(!text.contains(".SH EXTRA"), "{page}");
    }
    let restore = std::fs::read_to_string(man1.join("carryover-restore.1")).unwrap();
    assert!(
        restore.contains("carryover restore \\-\\-to 4.2.3"),
        "{restore}"
    );
    let verify = std::fs::read_to_string(man1.join("carryover-verify-update.1")).unwrap();
    assert!(verify.contains("carryover verify\\-update"), "{verify}");
}

#[test]
fn man_all_refuses_a_file_and_needs_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("man1");
    std::fs::write(&file, "mine").unwrap();
    let (code, _, err) = run(&["man", "--all", "-o", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a folder"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(run(&["man", "--all"]).0, 2);
    assert_eq!(run(&["man", "--all", "-o", "-"]).0, 2);
    assert_eq!(run(&["man", "--all", "restore", "-o", "x"]).0, 2);
}

#[test]
fn fetch_writes_its_json_report_when_an_early_error_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let into = dir.path().join("captures");
    let (into, report_arg) = (into.to_str().unwrap(), report.to_str().unwrap());
    let json = |args: &[&str], needle: &str| {
        let (code, _, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        let text = std::fs::read_to_string(&report).unwrap();
        let document: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(document["format_version"], 2, "{text}");
        assert_eq!(document["appliances"], serde_json::json!([]), "{text}");
        let errors = document["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{text}");
        assert!(errors[0].as_str().unwrap().contains(needle), "{text}");
        std::fs::remove_file(&report).unwrap();
    };
    let inventory = dir.path().join("fleet.csv");
    json(
        &[
            "fetch",
            "--inventory",
            inventory.to_str().unwrap(),
            "--into",
            into,
            "--format",
            "json",
            "-o",
            report_arg,
        ],
        "fleet.csv",
    );
    json(
        &[
            "fetch",
            "rg01.example.invalid",
            "--vendor",
            "mirapoint-mos",
            "--user",
            "administrator",
            "--password-env",
            "CARRYOVER_TEST_NO_SUCH_VARIABLE",
            "--into",
            into,
            "--format",
            "json",
            "-o",
            report_arg,
        ],
        "CARRYOVER_TEST_NO_SUCH_VARIABLE",
    );
}

//! Reading folders as people keep them, and never merging two appliances: junk left by file
//! managers is skipped with a note in every vendor's folders; one short host name in two
//! domains is two appliances; restore never writes over a capture it reads.

use crate::common;

use std::path::Path;
use std::process::Command;

fn carryover(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carryover"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(common::root().join("samples/mos").join(name)).unwrap()
}

#[test]
fn junk_in_a_folder_of_mos_captures_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let rg = dir.path().join("rg01");
    std::fs::create_dir(&rg).unwrap();
    std::fs::write(rg.join("before.log"), sample("rg01-4.1.9-before.log")).unwrap();
    std::fs::write(rg.join("export.cfg"), sample("rg01-4.1.9-export.cfg")).unwrap();
    for junk in [".DS_Store", "Thumbs.db", "old.zip", "._before.log"] {
        std::fs::write(rg.join(junk), b"\0\x01binary\0").unwrap();
    }
    let (clean_code, clean, _) = carryover(&["show", "before.log", "export.cfg"], &rg);
    assert_eq!(clean_code, 0);
    let (code, out, err) = carryover(&["show", "rg01"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, clean, "junk changes nothing in the model");
    for junk in [".DS_Store", "Thumbs.db", "old.zip", "._before.log"] {
        assert!(
            err.contains(&format!("{junk}:1: warning: skipped:")),
            "{junk} is noted: {err}"
        );
    }
    let (code, _, err) = carryover(&["gaps", "rg01"], dir.path());
    assert_eq!(code, 1, "findings, not an error: {err}");
}

#[test]
fn a_folder_with_no_capture_names_itself() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::write(dir.path().join("empty/Thumbs.db"), b"\0").unwrap();
    let (code, _, err) = carryover(&["show", "empty"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("no capture files in empty"), "{err}");
}

#[test]
fn one_short_name_in_two_domains_is_two_appliances() {
    let dir = tempfile::tempdir().unwrap();
    let tokyo = sample("rg01-4.1.9-before.log");
    let osaka = tokyo
        .replace("rg01.example.co.jp", "rg01.osaka.example.net")
        .replace("ml-sales@lists.example.co.jp", "osaka-only@example.net");
    std::fs::write(dir.path().join("tokyo.log"), tokyo).unwrap();
    std::fs::write(dir.path().join("osaka.log"), osaka).unwrap();
    let (code, out, err) = carryover(&["show", "tokyo.log", "osaka.log"], dir.path());
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("rg01.example.co.jp") && err.contains("rg01.osaka.example.net"),
        "both are named: {err}"
    );
}

#[test]
fn restore_never_writes_over_a_capture_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let log = sample("rg01-4.1.9-before.log");
    std::fs::write(dir.path().join("in.log"), &log).unwrap();
    for flag in ["-o", "--runbook"] {
        let (code, _, err) = carryover(
            &["restore", "--to", "4.2.3", "in.log", flag, "in.log"],
            dir.path(),
        );
        assert_eq!(code, 2, "{flag}: {err}");
        assert!(err.contains("one of the captures read"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("in.log")).unwrap(),
            log
        );
    }
}

#[test]
fn capture_text_in_an_error_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ctl.cfg"),
        "# host: rg01.example.com\nsmtp set fastpath \"on\x05\x1b[2Jx\n",
    )
    .unwrap();
    let (code, _, err) = carryover(&["show", "ctl.cfg"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ctl.cfg:2:"), "{err}");
    assert!(
        !err.chars().any(|c| c.is_control() && c != '\n'),
        "no control character reaches the terminal: {err:?}"
    );
}

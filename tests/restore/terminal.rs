//! A Shift_JIS script on a terminal: shown as UTF-8 (a UTF-8 terminal would show Shift_JIS
//! bytes as mojibake), with a note that `-o` or a pipe writes the appliance's encoding; through
//! a pipe, the bytes are Shift_JIS, as the appliance reads them and as the literal counts are.

use std::process::Command;

use crate::common::root;

const ARGS: &str = "restore --to 4.2.3 --all samples/mos/ms02-sjis-crlf.log";
const JAPANESE: &str = "全社連絡@example.co.jp";

#[test]
fn a_shift_jis_script_on_a_terminal_is_shown_in_utf8_with_the_o_hint() {
    let binary = assert_cmd::cargo::cargo_bin("carryover");
    // util-linux `script` gives the command a terminal; a machine without it skips.
    let typescript = tempfile::NamedTempFile::new().unwrap();
    let run = Command::new("script")
        .current_dir(root())
        .env("LC_ALL", "C")
        .arg("-qec")
        .arg(format!("{} {ARGS}", binary.display()))
        .arg(typescript.path())
        .output();
    let Some(out) = run.ok().filter(|o| o.status.success()) else {
        eprintln!("skipped: no util-linux `script` to give the command a terminal");
        return;
    };
    let shown = String::from_utf8(out.stdout).expect("a terminal gets UTF-8");
    assert!(shown.contains(JAPANESE), "{shown}");
    assert!(
        shown.contains("`-o FILE` (or a pipe) writes it in Shift_JIS"),
        "{shown}"
    );
}

#[test]
fn a_shift_jis_script_through_a_pipe_is_shift_jis() {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(root())
        .args(ARGS.split(' '))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(std::str::from_utf8(&out.stdout).is_err(), "not UTF-8");
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&out.stdout);
    assert!(!bad && text.contains(JAPANESE), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("shown in UTF-8"), "{err}");
}

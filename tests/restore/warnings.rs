//! What `restore` warns about on standard error is counted where it happens, never found by
//! reading the script back: a value left out of the script is counted as the emitter refuses
//! it, and the warnings of one run are all kept, whatever else is asked for.

use crate::common;

use carryover::capture::ReadOptions;
use carryover::commands::restore::{report, Request};
use carryover::model::{Version, SYSTEM};
use carryover::ops::restore::Restore;
use carryover::render::restore::outputs;

use common::run_full as run;

fn request(to: &str, import_files: bool) -> Request {
    Request {
        to: Version::parse(to).unwrap(),
        all: false,
        show_secrets: false,
        runbook: false,
        import_files,
        script_name: "restore.sh".into(),
        inputs: Vec::new(),
        output_encoding: None,
    }
}

/// A message whose text reads like the script's own remark for a value left out is data:
/// it is written, and no value is said to be left out.
#[test]
fn a_value_that_reads_like_a_left_out_remark_is_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Your mailbox is full: not written, so to speak; it cannot carry more.";
    let log = dir.path().join("rg01.log");
    std::fs::write(
        &log,
        format!(
            "rg01> branding get quotamsg\n{{{}}}\n{body}\nOK Completed\n",
            body.len() + 2
        ),
    )
    .unwrap();
    let (code, script, err) = run(&["restore", "--to", "4.2.3", log.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(script.lines().any(|l| l == body), "{script}");
    assert!(!err.contains("cannot be written"), "{err}");
}

/// Values an encoding cannot carry are counted one by one, as they are left out.
#[test]
fn values_an_encoding_cannot_carry_are_counted() {
    let (code, script, err) = run(&[
        "restore",
        "--to",
        "4.2.3",
        "--output-encoding",
        "latin1",
        "samples/mos/ms02-sjis-crlf.log",
    ]);
    assert_eq!(code, 0, "{err}");
    let remarks = script
        .lines()
        .filter(|l| l.starts_with("# not written, ") && l.contains("cannot carry"))
        .count();
    assert_eq!(remarks, 2, "{script}");
    assert!(
        err.contains(
            "warning: 2 value(s) cannot be written in windows-1252 and were left out of the \
             script (see its `not written` remarks); an encoding that holds them, such as \
             utf-8, writes them\n"
        ),
        "{err}"
    );
}

/// A value holding a control character no script line carries (here a C1 NEL) is left out
/// for that, whatever the encoding: the warning never says that UTF-8 cannot carry it and that
/// UTF-8 would, and it is counted apart from what only the encoding lacks.
#[test]
fn a_control_character_is_left_out_for_itself_not_for_the_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Mailbox full\u{85}call the help desk";
    let log = dir.path().join("rg01.log");
    std::fs::write(
        &log,
        format!(
            "rg01> version\nMOS4.1.9-GA\nOK Completed\n\
             rg01> branding get quotamsg\n{{{}}}\n{body}\nOK Completed\n\
             rg01> branding get overquotamsg\n\"容量超過\"\nOK Completed\n",
            body.len() + 2
        ),
    )
    .unwrap();
    let log = log.to_str().unwrap();
    let (code, script, err) = run(&["restore", "--to", "4.2.3", "--all", log]);
    assert_eq!(code, 0, "{err}");
    assert!(script.contains("# not written, "), "{script}");
    assert!(!script.contains("call the help desk"), "{script}");
    assert!(
        err.contains(
            "warning: 1 value(s) hold a character no script line can carry (a NUL or another \
             control character) and were left out of the script (see its `not written` \
             remarks): set them by hand\n"
        ),
        "{err}"
    );
    assert!(!err.contains("cannot be written in UTF-8"), "{err}");
    let (code, _, err) = run(&[
        "restore",
        "--to",
        "4.2.3",
        "--all",
        "--output-encoding",
        "latin1",
        log,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: 1 value(s) hold a character"),
        "{err}"
    );
    assert!(
        err.contains("warning: 1 value(s) cannot be written in windows-1252"),
        "{err}"
    );
}

/// A run that fails once the script is made (here its runbook's folder is missing) writes
/// nothing, so it warns of nothing it would have written: the error alone.
#[test]
fn a_run_that_fails_says_its_error_not_the_warnings_of_what_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg01.log");
    std::fs::write(
        &log,
        "rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> uce listexception primary whitelistto\n\
         \"a@x.example\"\n\"b\u{9b}c@x.example\"\nOK Completed\n",
    )
    .unwrap();
    let (log, script) = (log.to_str().unwrap(), dir.path().join("restore.txt"));
    let script = script.to_str().unwrap();
    let missing = dir.path().join("no-such-folder/runbook.md");
    let args = ["restore", "--to", "4.2.3", "--all", "-o", script, log];
    let (code, _, err) = run(&[&args[..], &["--runbook", missing.to_str().unwrap()]].concat());
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("warning"), "{err}");
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(!std::path::Path::new(script).exists());
    // The same run that succeeds says the warning.
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: 1 value(s) hold a character"),
        "{err}"
    );
}

/// With import files, a secret left out of them is a warning besides the one about values
/// left out of the script, never instead of it. (No vendor today both writes import files and
/// refuses a value of its script, so the refused value is planted in the plan.)
#[test]
fn import_file_warnings_join_the_script_warnings() {
    let pre = carryover::read::read(
        &[common::root().join("samples/spamtitan/7.08/st01")],
        &ReadOptions::default(),
    )
    .unwrap();
    let mut report = report(&pre, None, &request("7.09", true)).unwrap();
    report
        .plan
        .scopes
        .entry(SYSTEM.to_string())
        .or_default()
        .push((
            "planted".into(),
            Restore::entry("global", "allow", "a\0b@example.org"),
        ));
    let outputs = outputs(&report);
    assert!(
        outputs
            .script
            .contains("# not written, a value holds a character the script cannot carry"),
        "{}",
        outputs.script
    );
    assert_eq!(outputs.warnings.len(), 2, "{:#?}", outputs.warnings);
    assert!(
        outputs.warnings[0].starts_with(
            "1 value(s) hold a character no script line can carry (a NUL or another control \
             character)"
        ),
        "{:#?}",
        outputs.warnings
    );
    assert!(
        outputs.warnings[1].contains("ldap_password of example.com is a secret"),
        "{:#?}",
        outputs.warnings
    );
}

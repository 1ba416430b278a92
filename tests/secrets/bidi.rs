//! Bidirectional controls (U+202E and the like) make text read in another order than it is:
//! `show` prints them as escapes, and no generated script carries one, for either vendor: the
//! run stops with an error naming the item and where it was read, exit 2, and no script is
//! written.

use std::path::Path;

use crate::common;

/// Every bidirectional control: embeddings and overrides, isolates, marks.
const CONTROLS: &[char] = &[
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}',
];

fn mos_log(dir: &Path, value: &str) -> String {
    let log = dir.join("rg09.log");
    std::fs::write(
        &log,
        format!(
            "rg09> version\nMOS4.1.9-GA\nOK Completed\n\
             rg09> smtp get fastpath\noff\nOK Completed\n\
             rg09> branding get quotamsg\n\"{value}\"\nOK Completed\n"
        ),
    )
    .unwrap();
    log.to_str().unwrap().to_string()
}

#[test]
fn terminal_texts_print_every_bidirectional_control_as_an_escape() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean");
    std::fs::create_dir_all(&clean).unwrap();
    let clean = mos_log(&clean, "Quota full");
    for c in CONTROLS {
        let log = mos_log(dir.path(), &format!("Quota full{c}txt.exe"));
        for args in [vec!["diff", &clean, &log], vec!["diff", &log, &clean]] {
            let (code, out, err) = common::run_full(&args);
            assert_eq!(code, 1, "{err}");
            assert!(!out.contains(*c) && !err.contains(*c), "{args:?}: {out}");
            let escape = format!("\\u{{{:x}}}", *c as u32);
            assert!(out.contains(&escape), "{args:?}: {out}");
        }
    }
}

/// Runs `restore` writing a script into `dir`: exit code, stderr, and whether a script is there.
fn restore(dir: &Path, to: &str, capture: &str) -> (i32, String, bool) {
    let script = dir.join("restore.sh");
    let runbook = dir.join("runbook.md");
    let (code, _, err) = common::run_full(&[
        "restore",
        "--to",
        to,
        "--all",
        "-o",
        script.to_str().unwrap(),
        "--runbook",
        runbook.to_str().unwrap(),
        capture,
    ]);
    (code, err, script.exists() || runbook.exists())
}

#[test]
fn a_mos_value_with_a_bidirectional_control_writes_no_script() {
    let dir = tempfile::tempdir().unwrap();
    let clean = mos_log(dir.path(), "Quota full");
    let (code, err, written) = restore(dir.path(), "4.2.3", &clean);
    assert!(
        code <= 1 && written,
        "the control: a clean capture restores: {err}"
    );
    for c in CONTROLS {
        let out = tempfile::tempdir().unwrap();
        let log = mos_log(out.path(), &format!("Quota full{c}txt.exe"));
        let (code, err, written) = restore(out.path(), "4.2.3", &log);
        assert_eq!(code, 2, "{err}");
        assert!(!written, "a script was written");
        let named = format!("U+{:04X}", *c as u32);
        // Read by `branding get quotamsg`, line 7 of the capture.
        let item = format!("{log}:7: messages/system/branding.quotamsg ");
        assert!(err.contains(&item) && err.contains(&named), "{err}");
        assert!(!err.contains(*c), "{err}");
    }
}

#[test]
fn a_spamtitan_value_with_a_bidirectional_control_writes_no_script() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("st09");
    common::copy_dir(&common::root().join("samples/spamtitan/7.08/st01"), &st);
    let st_arg = st.to_str().unwrap().to_string();
    let (code, err, written) = restore(dir.path(), "7.09", &st_arg);
    assert!(
        code <= 1 && written,
        "the control: the sample restores: {err}"
    );
    std::fs::remove_file(dir.path().join("restore.sh")).ok();
    std::fs::remove_file(dir.path().join("runbook.md")).ok();
    // The domain's destination, in the domains export.
    let csv = std::fs::read_to_string(st.join("domains.csv")).unwrap();
    let csv = csv.replace("mail.example.com:25", "mail.exam\u{202e}ple.com:25");
    std::fs::write(st.join("domains.csv"), csv).unwrap();
    // The REST answer gives the same destination, so the two agree and only the control is
    // wrong.
    let api = st.join("api/domains/example.com.json");
    let json = std::fs::read_to_string(&api).unwrap();
    let json = json.replace("mail.example.com:25", "mail.exam\\u202eple.com:25");
    std::fs::write(&api, json).unwrap();
    let (code, err, written) = restore(dir.path(), "7.09", &st_arg);
    assert_eq!(code, 2, "{err}");
    assert!(!written, "a script was written");
    // The domain's row, line 1 of the export.
    let read_at = format!("{}:1: ", st.join("domains.csv").display());
    assert!(
        err.contains(&read_at) && err.contains("destination") && err.contains("U+202E"),
        "{err}"
    );
}

/// A listing of `entries` (each one line) of the primary scope's `list`, after the version when
/// `version` (the first file of a capture).
fn listing(version: bool, list: &str, entries: &[&str]) -> String {
    let mut log = String::new();
    if version {
        log.push_str("rg01> version\nMOS4.2.3-GA\nOK Completed\n");
    }
    log.push_str(&format!("rg01> uce listexception primary {list}\n"));
    for entry in entries {
        log.push_str(&format!("\"{entry}\"\n"));
    }
    log.push_str("OK Completed\n");
    log
}

/// Runs `restore --all` with the script to `-o` in `dir`: exit code, stderr, and whether a
/// script is there.
fn restore_to_file(dir: &Path, captures: &[&str]) -> (i32, String, bool) {
    let script = dir.join("restore.sh");
    let mut args = vec!["restore", "--to", "4.2.3", "--all", "-o"];
    args.push(script.to_str().unwrap());
    args.extend(captures);
    let (code, _, err) = common::run_full(&args);
    (code, err, script.exists())
}

/// Of a list of many entries, the refused one is found by where it was read: the error names
/// the capture's file and the entry's line, before the item, and still shows the control as an
/// escape.
#[test]
fn a_refused_list_entry_says_the_file_and_line_it_was_read_on() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg01.log");
    let entries = ["a@x.example", "b\u{202e}evil@x.example", "c@x.example"];
    std::fs::write(&log, listing(true, "whitelistto", &entries)).unwrap();
    let log = log.to_str().unwrap();
    let (code, err, written) = restore_to_file(dir.path(), &[log]);
    assert_eq!(code, 2, "{err}");
    assert!(!written, "a script was written");
    assert!(!err.contains('\u{202e}'), "{err}");
    let said = format!(
        "carryover: {log}:6: lists/primary/whitelistto/b\\u{{202e}}evil@x.example holds \
         the bidirectional control character U+202E"
    );
    assert!(err.starts_with(&said), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // In Japanese too.
    let script = dir.path().join("restore.sh");
    let (code, _, err) = common::run_full(&[
        "--lang",
        "ja",
        "restore",
        "--to",
        "4.2.3",
        "--all",
        "-o",
        script.to_str().unwrap(),
        log,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(!script.exists(), "a script was written");
    let said =
        format!("carryover: {log}:6: lists/primary/whitelistto/b\\u{{202e}}evil@x.example に");
    assert!(err.starts_with(&said) && !err.contains('\u{202e}'), "{err}");
}

/// Of two files of one capture, the error names the one the entry was read from, at its line
/// there.
#[test]
fn a_refused_entry_of_the_second_file_names_the_second_file() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("rg01-a.log"), dir.path().join("rg01-b.log"));
    std::fs::write(&first, listing(true, "whitelistto", &["a@x.example"])).unwrap();
    let entries = ["z@x.example", "b\u{202e}evil@x.example"];
    std::fs::write(&second, listing(false, "blacklistfrom", &entries)).unwrap();
    let (first, second) = (first.to_str().unwrap(), second.to_str().unwrap());
    let (code, err, written) = restore_to_file(dir.path(), &[first, second]);
    assert_eq!(code, 2, "{err}");
    assert!(!written, "a script was written");
    assert!(!err.contains('\u{202e}'), "{err}");
    let said = format!("carryover: {second}:3: lists/primary/blacklistfrom/b\\u{{202e}}evil");
    assert!(err.starts_with(&said), "{err}");
    assert!(!err.contains(first), "{err}");
}

/// A bidi control in a value is shown as its RON escape in `show`'s and `textconv`'s RON, to a
/// pipe or a file as on a terminal: a `git diff` of the view never reorders what it shows.
#[test]
fn show_and_textconv_escape_a_bidi_control_in_their_ron() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg01.log");
    std::fs::write(
        &log,
        "rg01.example.co.jp> branding set quotamsg \"quota\u{202e}txt.exe\"\nOK Completed\n",
    )
    .unwrap();
    for command in ["show", "textconv"] {
        let (code, out, err) = common::run_full(&[command, log.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert!(!out.contains('\u{202e}'), "{out}");
        assert!(out.contains("quota\\u{202e}txt.exe"), "{out}");
    }
}

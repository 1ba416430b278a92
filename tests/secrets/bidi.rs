//! Bidirectional controls (U+202E and the like) make text read in another order than it is:
//! `show` prints them as escapes, and no generated script carries one, for either vendor: the
//! run stops with an error naming the item, exit 2, and no script is written.

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
        assert!(
            err.contains("messages/system/branding.quotamsg") && err.contains(&named),
            "{err}"
        );
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
    let (code, err, written) = restore(dir.path(), "7.09", &st_arg);
    assert_eq!(code, 2, "{err}");
    assert!(!written, "a script was written");
    assert!(
        err.contains("destination") && err.contains("U+202E"),
        "{err}"
    );
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

//! No hard-coded text: under the pseudo-language (`--lang en-XA`) every message of the catalog
//! and every rule's words from the knowledge files come between markers, so a line a person
//! reads without them was made outside the catalog. Exempt, by design: the RON and JSON of
//! `show` and `textconv`, script commands and key data, item paths and values, evidence, and
//! clap's own usage errors (English: clap makes them).

use crate::common::root;

const OPEN: char = '\u{27e6}';

fn pseudo(args: &[&str], cwd: &std::path::Path) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(cwd)
        .arg("--lang")
        .arg("en-XA")
        .args(args)
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The lines of `text` that a person reads as words and that hold no marker.
fn unmarked(text: &str, reads_as_words: impl Fn(&str) -> bool) -> Vec<&str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && reads_as_words(l) && !l.contains(OPEN))
        .collect()
}

/// Standard error is words, but for an input error's layout: the `-->` line (a path), the
/// `|` lines (the offending line, quoted) and the caret.
fn error_words(line: &str) -> bool {
    let t = line.trim_start();
    !(t.starts_with("-->")
        || t.starts_with('|')
        || t.split_once(" | ")
            .is_some_and(|(n, _)| n.trim().parse::<u32>().is_ok()))
}

#[test]
fn every_human_line_of_every_subcommand_comes_from_the_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let rg01 = [
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.1.9-export.cfg",
    ];
    let script = dir.path().join("restore.txt");
    let runs: Vec<Vec<String>> = vec![
        vec!["show".into(), rg01[0].into()],
        [&["gaps"][..], &rg01]
            .concat()
            .iter()
            .map(|s| s.to_string())
            .collect(),
        [&["plan", "--to", "4.2.3"][..], &rg01]
            .concat()
            .iter()
            .map(|s| s.to_string())
            .collect(),
        vec!["gaps".into(), "samples/spamtitan/7.08/st01".into()],
        vec![
            "diff".into(),
            rg01[0].into(),
            "samples/mos/rg01-4.2.3-after.log".into(),
        ],
        vec![
            "restore".into(),
            "--to".into(),
            "4.2.3".into(),
            "-o".into(),
            script.display().to_string(),
            rg01[0].into(),
            rg01[1].into(),
        ],
        vec![
            "verify-update".into(),
            "samples/spamtitan/update-7.08-to-7.09-broken.log".into(),
        ],
        vec![
            "track".into(),
            "samples/spamtitan".into(),
            "--into".into(),
            dir.path().join("fleet").display().to_string(),
        ],
        vec!["show".into(), "no-such-file.log".into()],
        vec!["show".into(), "README.md".into()],
    ];
    let mut offenders = Vec::new();
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = pseudo(&args, root());
        let shown = args.join(" ");
        for line in unmarked(&err, error_words) {
            offenders.push(format!("{shown} (stderr, exit {code}): {line}"));
        }
        // Reports: every line not indented is words (a title, a status, a heading); an
        // indented line is an item, its evidence, or a command, but a heading such as
        // `remedy:` is words too.
        let report = |l: &str| !l.starts_with(' ') || l.trim_end().ends_with(':');
        let is_report = matches!(
            args[0],
            "gaps" | "plan" | "diff" | "verify-update" | "track"
        );
        if is_report {
            for line in unmarked(&out, |l| report(l) && !diff_item(l)) {
                offenders.push(format!("{shown} (stdout): {line}"));
            }
        }
    }
    // The script's remarks are words; its commands and key data are not.
    let script = std::fs::read_to_string(&script).unwrap();
    for line in unmarked(&script, |l| l.starts_with("# ")) {
        offenders.push(format!("restore script: {line}"));
    }
    assert!(
        offenders.is_empty(),
        "lines made outside the catalog:\n{}",
        offenders.join("\n")
    );
}

/// A line of `diff` that is one item: a sign, its path and values, and where it was read.
fn diff_item(line: &str) -> bool {
    ["+ ", "- ", "~ ", "? ", "= "]
        .iter()
        .any(|sign| line.starts_with(sign))
}

#[test]
fn the_check_finds_a_line_without_markers() {
    let report =
        "\u{27e6}gaps: rg01\u{27e7}\n\ninfo  MOS-1  made elsewhere\n  primary: a@b  x.log:3\n";
    assert_eq!(
        unmarked(report, |l| !l.starts_with(' ')),
        ["info  MOS-1  made elsewhere"]
    );
    assert!(error_words("a.log:3:1: made elsewhere"));
    assert!(!error_words(" --> a.log:3:1"));
    assert!(!error_words("3 | the offending line"));
}

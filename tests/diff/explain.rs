//! `diff --explain`: each difference of the sample pair labelled by the rules of the upgrade,
//! in every format; `--accept` with its reason; the exit status.

use super::common;

const PRE: &str = "samples/mos/rg01-4.1.9-before.log";
const POST: &str = "samples/mos/rg01-4.2.3-after.log";

/// Each format of the labelled sample pair, read as a snapshot: every one carries the labels
/// and the rule ids.
#[test]
fn every_format_carries_the_labels_and_rules() {
    for format in ["human", "markdown", "json", "sarif", "github"] {
        let name = format!("diff-explain@{format}");
        let (code, out) =
            common::snap_run(&name, &["diff", "--explain", "--format", format, PRE, POST]);
        assert_eq!(code, 1, "{format}");
        for needle in [
            "MOS-4.2.3-KI-6",
            "MOS-4.2.3-KI-8",
            "MOS-4.2.3-KI-5",
            "MOS-4.2.3-P-1",
            "carryover-package",
        ] {
            assert!(out.contains(needle), "{format} lacks {needle}:\n{out}");
        }
    }
}

/// The reproducer: the version is expected, fastpath and the two updates applied,
/// the `whitelistto` entries and the over-quota message lost; nothing unexplained.
#[test]
fn the_sample_pair_is_labelled_as_the_notes_say() {
    let (code, out) = common::run(&["diff", "--explain", "--format", "json", PRE, POST]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let labels: Vec<(String, String, String)> = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap().to_string();
            (text("path"), text("label"), text("rule"))
        })
        .collect();
    let expected = [
        ("appliance/version", "expected", "carryover-package"),
        (
            "lists/primary/whitelistto/ml-sales@lists.example.co.jp",
            "lost",
            "MOS-4.2.3-KI-6",
        ),
        (
            "lists/primary/whitelistto/ml-support@lists.example.co.jp",
            "lost",
            "MOS-4.2.3-KI-6",
        ),
        (
            "lists/primary/whitelistto/news@mailer.example.net",
            "lost",
            "MOS-4.2.3-KI-6",
        ),
        (
            "messages/system/branding.quotamsg",
            "lost",
            "MOS-4.2.3-KI-8",
        ),
        ("settings/system/smtp.fastpath", "applied", "MOS-4.2.3-KI-5"),
        ("updates/D4_Adjust_SMTP_Params", "applied", "MOS-4.2.3-P-1"),
        ("updates/R4_2_3c_GA", "applied", "carryover-package"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(p, l, r)| (p.to_string(), l.to_string(), r.to_string()))
        .collect();
    assert_eq!(labels, expected);
    assert_eq!(doc["settled"], false);
}

/// The JSON validates against the committed, strict schema.
#[test]
fn the_json_matches_its_schema() {
    let schema =
        std::fs::read_to_string(common::root().join("docs/schema/diff-explain.schema.json"))
            .unwrap();
    let validator = jsonschema::validator_for(&serde_json::from_str(&schema).unwrap()).unwrap();
    let (_, out) = common::run(&[
        "diff",
        "--explain",
        "--format",
        "json",
        "--accept",
        "MOS-4.2.3-KI-8=re-typed by hand",
        PRE,
        POST,
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut extra = doc.clone();
    extra["changes"][0]["surprise"] = true.into();
    assert!(!validator.is_valid(&extra));
}

/// `--accept` moves a difference to accepted, keeps what it was and shows the reason; once
/// every loss is accepted, only what was not compared keeps the exit status at 1.
#[test]
fn accept_moves_a_difference_to_accepted_with_its_reason() {
    let (code, out) = common::run(&[
        "diff",
        "--explain",
        "--accept",
        "MOS-4.2.3-KI-6=re-added by hand on 2011-06-17",
        "--accept",
        "branding.quotamsg=the new text is wanted",
        PRE,
        POST,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("    accepted (MOS-4.2.3-KI-6): re-added by hand on 2011-06-17; was lost MOS-4.2.3-KI-6: "), "{out}");
    assert!(
        out.contains(
            "    accepted (branding.quotamsg): the new text is wanted; was lost MOS-4.2.3-KI-8: "
        ),
        "{out}"
    );
    assert!(
        out.contains("explained: 1 expected, 3 applied, 0 lost, 0 unexplained, 4 accepted\n"),
        "{out}"
    );
    // Everything explained, but six items the post-upgrade log never looked at remain.
    assert!(out.contains("6 not compared"), "{out}");
    let (code, out) = common::run(&[
        "diff",
        "--explain",
        "--ignore",
        "lists/**",
        "--ignore",
        "keys/**",
        "--ignore",
        "trusted_hosts/**",
        "--accept",
        "branding.quotamsg=the new text is wanted",
        PRE,
        POST,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with(
            "every difference is expected, applied or accepted, and everything was compared\n"
        ),
        "{out}"
    );
}

/// An acceptance that names nothing is said, and a malformed one is a usage error.
#[test]
fn an_acceptance_that_matches_nothing_is_said() {
    let (code, out, err) = common::run_full(&[
        "diff",
        "--explain",
        "--accept",
        "MOS-9.9-KI-1=nothing",
        PRE,
        POST,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("warning: --accept MOS-9.9-KI-1 matched no difference"),
        "{err}"
    );
    let (code, _, err) =
        common::run_full(&["diff", "--explain", "--accept", "MOS-4.2.3-KI-6", PRE, POST]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = common::run_full(&["diff", "--accept", "MOS-4.2.3-KI-6=x", PRE, POST]);
    assert_eq!(code, 2, "--accept needs --explain");
    let (code, _, _) = common::run_full(&["diff", "--format", "sarif", PRE, POST]);
    assert_eq!(code, 2, "sarif needs --explain");
}

/// A reason is the user's text, but it reaches terminals, tables and CI logs: line breaks and
/// bidi controls are shown as escapes in every format, never obeyed.
#[test]
fn hostile_reasons_are_sanitised() {
    let reason = "done\nby hand\u{202e}gpj.exe\r::error::forged";
    let accept = format!("MOS-4.2.3-KI-8={reason}");
    for format in ["human", "markdown", "github"] {
        let (_, out) = common::run(&[
            "diff",
            "--explain",
            "--format",
            format,
            "--accept",
            &accept,
            PRE,
            POST,
        ]);
        assert!(!out.contains('\u{202e}'), "{format}: {out}");
        let line = out
            .lines()
            .find(|l| l.contains("done"))
            .unwrap_or_else(|| panic!("{format}: {out}"));
        assert!(
            line.contains("gpj.exe"),
            "{format}: the reason stays on one line: {line}"
        );
        assert!(
            !out.lines().any(|l| l.starts_with("::error::forged")),
            "{format}: {out}"
        );
    }
    let (_, out) = common::run(&[
        "diff",
        "--explain",
        "--format",
        "json",
        "--accept",
        &accept,
        PRE,
        POST,
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let accepted = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "accepted")
        .unwrap();
    // JSON carries the reason as given: its string escapes are the format's own.
    assert_eq!(accepted["accepted"]["reason"], reason);
}

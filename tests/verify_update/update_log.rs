//! `carryover verify-update` on the 7.09 release note's own update log and on a broken one, and
//! `grammar/spamtitan_update_log.pest` on mutated logs.

use crate::common;

use carryover::source::Source;
use carryover::vendors::spamtitan::update_log::verify;
use common::{run, snap_run};
use proptest::prelude::*;

#[test]
fn the_release_notes_log_verifies() {
    let (code, _) = snap_run(
        "verify-update@seed",
        &["verify-update", "samples/spamtitan/update-7.08-to-7.09.log"],
    );
    assert_eq!(code, 0);
}

#[test]
fn a_service_that_never_came_back_is_an_anomaly() {
    let (code, out) = snap_run(
        "verify-update@broken",
        &[
            "verify-update",
            "samples/spamtitan/update-7.08-to-7.09-broken.log",
        ],
    );
    assert_eq!(code, 1);
    assert!(out.contains("anomaly: ClamAV was stopped (line 12) and never started again"));
}

#[test]
fn json_names_versions_services_and_anomalies() {
    let (code, out) = run(&[
        "verify-update",
        "--format",
        "json",
        "samples/spamtitan/update-7.08-to-7.09-broken.log",
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["format_version"], 2);
    let update = &json["updates"][0];
    assert_eq!(update["from"], "7.08");
    assert_eq!(update["to"], "7.09");
    assert_eq!(update["services"].as_array().unwrap().len(), 9);
    assert_eq!(update["anomalies"].as_array().unwrap().len(), 5);
    // Lines are objects, not positional arrays.
    assert_eq!(update["failed_tasks"][0]["line"], 29);
    assert!(update["failed_tasks"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("* Database updates failed"));
}

#[test]
fn crlf_and_shift_jis_read_the_same() {
    let text =
        std::fs::read_to_string(common::root().join("samples/spamtitan/update-7.08-to-7.09.log"))
            .unwrap();
    let plain = verify(&Source::from_text("a.log", &text)).unwrap();
    let crlf = encoding_rs::SHIFT_JIS
        .encode(&text.replace('\n', "\r\n"))
        .0
        .into_owned();
    let other = verify(&Source::from_bytes("a.log", crlf, None).unwrap()).unwrap();
    assert_eq!(plain, other);
    assert!(plain.anomalies.is_empty() && plain.unrecognized.is_empty());
}

#[test]
fn a_log_cut_short_is_reported() {
    let run = verify(&Source::from_text("cut.log", "[10.0.0.1] Install revision 7.09\n001: Install System Update 7.09 started ...\n * Stopping postfix\n")).unwrap();
    assert_eq!(run.anomalies.len(), 3, "{:?}", run.anomalies);
}

proptest! {
    #[test]
    fn no_panic_on_mutated_logs(cut in 0usize..1200, insert in "[ *.:0-9a-zA-Z\n\\[\\]=]{0,20}") {
        let text = std::fs::read_to_string(common::root().join("samples/spamtitan/update-7.08-to-7.09.log")).unwrap();
        let at = text.char_indices().map(|(i, _)| i).take_while(|i| *i <= cut).last().unwrap_or(0);
        let mutated = format!("{}{insert}{}", &text[..at], &text[at..]);
        let _ = verify(&Source::from_text("m.log", &mutated));
    }
}

/// The release note's log with its progress dots replaced by `line`.
fn log_with(line: &str) -> String {
    let text =
        std::fs::read_to_string(common::root().join("samples/spamtitan/update-7.08-to-7.09.log"))
            .unwrap();
    text.replace("\n.....\n", &format!("\n{line}\n"))
}

#[test]
fn a_line_that_reports_an_error_fails_the_update() {
    for line in [
        "ERROR: patch 7.09-03 failed to apply, skipping",
        "Error: could not reach the update server",
        "FAILED",
        "fatal: no space left on device",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("u.log");
        std::fs::write(&log, log_with(line)).unwrap();
        let (code, out, err) = common::run_full(&["verify-update", log.to_str().unwrap()]);
        assert_eq!(code, 1, "{line}: {out}{err}");
        assert!(
            out.contains(&format!(
                "anomaly: line 19 reports an error or a failure: `{line}`"
            )),
            "{out}"
        );
        assert!(!out.contains("ok: every service came back"), "{out}");
        assert!(!out.contains("unrecognized line 19"), "{out}");
        let (code, out, _) =
            common::run_full(&["verify-update", "--format", "json", log.to_str().unwrap()]);
        assert_eq!(code, 1);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["updates"][0]["failures"][0]["line"], 19, "{out}");
        assert_eq!(json["updates"][0]["failures"][0]["text"], line, "{out}");
    }
}

#[test]
fn a_line_saying_nothing_failed_is_no_failure() {
    // Found by a probe: lines of a good update that name an error log or a check that found
    // none failed the update.
    for line in [
        "Database updates finished with 0 errors",
        " * Removing old error logs",
        "Installer: error-free",
        " * Checking for errors: none",
        " * Rotating /var/log/error.log",
        " * Clearing the error log",
    ] {
        let run = verify(&Source::from_text("u.log", &log_with(line))).unwrap();
        assert!(run.anomalies.is_empty(), "{line}: {:?}", run.anomalies);
        assert!(run.failures.is_empty(), "{line}: {:?}", run.failures);
    }
}

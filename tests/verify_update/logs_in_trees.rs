//! Update logs where users keep them: inside a capture folder, beside captures in a tree.
//! `verify-update` takes the folder, `gaps` and `plan` report a failed update, and `track`
//! checks the logs instead of counting them as failed captures.

use crate::common;

use std::path::Path;

use common::{copy_dir, root, run_full as run};

/// The 7.09 capture folder of st01, its update log replaced by the broken one.
fn folder_with_a_failed_update(dir: &Path) -> String {
    let st01 = dir.join("st01");
    copy_dir(&root().join("samples/spamtitan/7.09/st01"), &st01);
    std::fs::copy(
        root().join("samples/spamtitan/update-7.08-to-7.09-broken.log"),
        st01.join("update-7.09.log"),
    )
    .unwrap();
    st01.display().to_string()
}

#[test]
fn verify_update_takes_a_capture_folder() {
    let (code, out, err) = run(&["verify-update", "samples/spamtitan/7.09/st01"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("update-7.09.log: update 7.08 -> 7.09"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let st01 = folder_with_a_failed_update(dir.path());
    let (code, out, _) = run(&["verify-update", "--format", "json", &st01]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["updates"].as_array().unwrap().len(), 1);
    // A folder without an update log is an error, not "ok".
    let (code, _, err) = run(&["verify-update", "samples/mos"]);
    assert_eq!(code, 2);
    assert!(err.contains("no update log"), "{err}");
}

#[test]
fn a_failed_update_in_a_capture_is_a_finding_of_gaps_and_plan() {
    let dir = tempfile::tempdir().unwrap();
    let st01 = folder_with_a_failed_update(dir.path());
    let (code, out, err) = run(&["gaps", "--format", "json", &st01]);
    assert_eq!(code, 1, "{out}");
    // What went wrong is said at its line of the log, in words.
    assert!(
        err.contains(
            "update-7.09.log:12: warning: ClamAV was stopped (line 12) and never started again"
        ),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "carryover-update-failed")
        .unwrap_or_else(|| panic!("no update finding: {out}"));
    assert_eq!(finding["severity"], "error");
    assert!(
        finding["summary"].as_str().unwrap().contains("7.09"),
        "{finding}"
    );
    assert!(finding["items"][0]["evidence"]["path"]
        .as_str()
        .unwrap()
        .contains("update-7.09.log"));
    // A failed update leaves the appliance on 7.08: the plan to go on to 7.09 is blocked.
    let on_7_08 = dir.path().join("on-7.08/st01");
    copy_dir(&root().join("samples/spamtitan/7.08/st01"), &on_7_08);
    std::fs::copy(
        root().join("samples/spamtitan/update-7.08-to-7.09-broken.log"),
        on_7_08.join("update-7.09.log"),
    )
    .unwrap();
    let on_7_08 = on_7_08.display().to_string();
    let (code, out, _) = run(&["plan", "--to", "7.09", "--format", "json", &on_7_08]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(json["blocking"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b == "carryover-update-failed"));
    // The clean log is no finding.
    let (_, out, _) = run(&["gaps", "samples/spamtitan/7.09/st01"]);
    assert!(!out.contains("carryover-update-failed"), "{out}");
}

#[test]
fn track_checks_update_logs_and_ends_with_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let (code, out, err) = run(&[
        "track",
        "samples/spamtitan",
        "--into",
        repo.to_str().unwrap(),
    ]);
    // The broken update log beside the folders is an anomaly (1), not a failed capture (2).
    assert_eq!(code, 1, "{out}{err}");
    assert!(!err.contains("error:"), "{err}");
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("1 appliance(s) from 4 file(s): 1 written"),
        "{out}"
    );
    // Two beside the folders, one inside the 7.09 folder.
    assert!(
        last.contains("3 update log(s), 1 with an anomaly; 0 failed"),
        "{last}"
    );
    assert!(
        out.contains(
            "update log samples/spamtitan/update-7.08-to-7.09-broken.log: 7.08 -> 7.09: ANOMALY"
        ),
        "{out}"
    );
    // Newest capture wins, and the run says which one it took.
    assert!(
        err.contains("samples/spamtitan/7.08/st01: note: skipped: another capture folder of `st01` is tracked, samples/spamtitan/7.09/st01"),
        "{err}"
    );
    // --quiet leaves out the `wrote` lines; JSON has it all as objects.
    let again = dir.path().join("again");
    let (_, out, _) = run(&[
        "track",
        "--quiet",
        "samples/spamtitan",
        "--into",
        again.to_str().unwrap(),
    ]);
    assert!(!out.contains("wrote "), "{out}");
    let json_repo = dir.path().join("json");
    let (code, out, _) = run(&[
        "track",
        "--format",
        "json",
        "samples/spamtitan",
        "--into",
        json_repo.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["appliances"], 1);
    assert_eq!(json["update_logs"].as_array().unwrap().len(), 3);
    assert_eq!(json["failed"], serde_json::json!([]));
    assert!(json["written"][0]
        .as_str()
        .unwrap()
        .ends_with("spamtitan/st01.ron"));
}

#[cfg(unix)]
#[test]
fn links_are_never_followed_and_always_counted() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(
        root().join("samples/mos/ms01-delegated-domains.log"),
        src.join("ms01.log"),
    )
    .unwrap();
    // Inside: it would read ms01 twice. Outside: not handed over.
    std::os::unix::fs::symlink(src.join("ms01.log"), src.join("again.log")).unwrap();
    std::os::unix::fs::symlink(root().join("samples/mos"), src.join("elsewhere")).unwrap();
    let repo = dir.path().join("repo");
    let (code, out, err) = run(&[
        "track",
        src.to_str().unwrap(),
        "--into",
        repo.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("1 appliance(s) from 1 file(s)"), "{last}");
    assert!(last.contains("; 2 skipped;"), "{last}");
    assert!(
        err.contains("again.log: note: skipped: a link inside the source folder"),
        "{err}"
    );
    assert!(
        err.contains("elsewhere: note: skipped: a link that leads out of the source folder"),
        "{err}"
    );
}

#[test]
fn an_update_log_that_cannot_be_read_is_an_anomaly_not_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut broken =
        std::fs::read(root().join("samples/spamtitan/update-7.08-to-7.09-broken.log")).unwrap();
    broken.extend([0, 0, 0]);
    std::fs::write(dir.path().join("update-7.09.log"), broken).unwrap();
    std::fs::copy(
        root().join("samples/spamtitan/update-7.08-to-7.09.log"),
        dir.path().join("update-7.09-retry.log"),
    )
    .unwrap();
    let (code, out, _) = run(&["verify-update", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("anomaly: the log cannot be read"), "{out}");
}

#[test]
fn no_capture_text_makes_a_runner_command() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg01.log");
    let mut text =
        std::fs::read_to_string(root().join("samples/mos/rg01-4.1.9-before.log")).unwrap();
    text.push_str("rg01> smtp get ##[stop-commands]token\nNO Unknown parameter\n");
    std::fs::write(&log, text).unwrap();
    for format in ["human", "github"] {
        let (_, out, err) = run(&["gaps", "--format", format, log.to_str().unwrap()]);
        assert!(
            !out.contains("##[stop") && !err.contains("##[stop"),
            "{format}: {out}{err}"
        );
    }
    let (_, out, err) = run(&["show", "--unrecognized", log.to_str().unwrap()]);
    assert!(
        !out.contains("##[stop") && !err.contains("##[stop"),
        "{out}{err}"
    );
}

#[test]
fn an_update_log_beside_a_folder_is_a_live_capture_and_two_folders_are_never_merged() {
    // The log tells what happened: it is not an export to compare the folder with.
    let (_, out, _) = run(&[
        "gaps",
        "samples/spamtitan/update-7.08-to-7.09.log",
        "samples/spamtitan/7.09/st01",
    ]);
    assert!(!out.contains("carryover-unexplained"), "{out}");
    // Two capture folders are two states of the appliance: named, never mixed.
    for sub in ["show", "gaps"] {
        let (code, _, err) = run(&[sub, "samples/spamtitan"]);
        assert_eq!(code, 2, "{sub}");
        assert!(err.contains("2 capture folders"), "{err}");
    }
}

#[test]
fn an_error_line_in_a_folders_update_log_is_a_failed_update_for_gaps_and_plan() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("st01");
    common::copy_dir(&common::root().join("samples/spamtitan/7.08/st01"), &st);
    let log =
        std::fs::read_to_string(common::root().join("samples/spamtitan/update-7.08-to-7.09.log"))
            .unwrap()
            .replace(
                "\n.....\n",
                "\nERROR: patch 7.09-03 failed to apply, skipping\n",
            );
    std::fs::write(st.join("update-7.09.log"), log).unwrap();
    let arg = st.to_str().unwrap();
    for args in [vec!["gaps", arg], vec!["plan", "--to", "7.09", arg]] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(out.contains("carryover-update-failed"), "{args:?}: {out}");
        assert!(
            err.contains(
                "update-7.09.log:19: warning: line 19 reports an error or a failure: \
                 `ERROR: patch 7.09-03 failed to apply, skipping`"
            ),
            "{args:?}: {err}"
        );
    }
    // The release note's own log still completes cleanly in the same place.
    std::fs::copy(
        common::root().join("samples/spamtitan/update-7.08-to-7.09.log"),
        st.join("update-7.09.log"),
    )
    .unwrap();
    let (_, out, _) = run(&["gaps", arg]);
    assert!(!out.contains("carryover-update-failed"), "{out}");
}

#[test]
fn a_crash_in_a_folders_update_log_is_a_failed_update_for_gaps_and_plan() {
    for line in [
        "Segmentation fault (core dumped)",
        "E: Unable to locate package st-milter",
        "psql: could not connect to server: Connection refused",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let st = dir.path().join("st01");
        common::copy_dir(&common::root().join("samples/spamtitan/7.08/st01"), &st);
        let log = std::fs::read_to_string(
            common::root().join("samples/spamtitan/update-7.08-to-7.09.log"),
        )
        .unwrap()
        .replace("\n.....\n", &format!("\n{line}\n"));
        std::fs::write(st.join("update-7.09.log"), log).unwrap();
        let arg = st.to_str().unwrap();
        for args in [vec!["gaps", arg], vec!["plan", "--to", "7.09", arg]] {
            let (code, out, err) = run(&args);
            assert_eq!(code, 1, "{args:?}: {out}{err}");
            assert!(out.contains("carryover-update-failed"), "{args:?}: {out}");
            assert!(
                err.contains(&format!(
                    "update-7.09.log:19: warning: line 19 reports an error or a failure: `{line}`"
                )),
                "{args:?}: {err}"
            );
        }
        let (code, out, _) = run(&["plan", "--to", "7.09", "--format", "json", arg]);
        assert_eq!(code, 1);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(json["blocking"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b == "carryover-update-failed"));
    }
}

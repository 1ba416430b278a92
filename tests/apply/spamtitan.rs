//! SpamTitan: the plan file's digest stands for the reviewed bash script.

use crate::common;

use assert_cmd::cargo::CommandCargoExt;

fn run(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let output = std::process::Command::cargo_bin("carryover")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), err)
}

#[test]
fn a_script_changed_after_restore_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::root().join("samples/spamtitan/7.08");
    let sample = sample.to_str().unwrap();
    let (status, err) = run(
        dir.path(),
        &["restore", "--to", "7.09", "--all", sample, "-o", "r.sh"],
    );
    assert_eq!(status, 0, "{err}");
    let plan = std::fs::read_to_string(dir.path().join("r.sh.plan")).unwrap();
    assert!(plan.contains("\"vendor\": \"spamtitan\""), "{plan}");
    let apply = [
        "apply",
        "r.sh",
        "127.0.0.1",
        "--token-env",
        "NO_SUCH_TOKEN",
        "--yes",
    ];
    let (status, err) = run(dir.path(), &apply);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("cannot send scripts to SpamTitan"), "{err}");
    let mut script = std::fs::read_to_string(dir.path().join("r.sh")).unwrap();
    script.push_str("curl -X DELETE https://example.invalid/\n");
    std::fs::write(dir.path().join("r.sh"), script).unwrap();
    let (status, err) = run(dir.path(), &apply);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("the script changed after restore wrote it"),
        "{err}"
    );
}

//! Hostile captures against `track` and the file writers: names that would leave the
//! repository, appliances that would merge, unsafe repository layouts, half-done runs.

use crate::common;

use std::path::Path;
use std::process::Output;

fn carryover(args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(common::root())
        .args(args)
        .output()
        .unwrap()
}

fn track(src: &Path, repo: &Path) -> Output {
    carryover(&[
        "track",
        src.to_str().unwrap(),
        "--into",
        repo.to_str().unwrap(),
    ])
}

fn export(host: &str) -> String {
    format!("# Mirapoint configuration export\n# host: {host}\nsmtp set fastpath off\n")
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn a_host_name_that_is_a_path_is_refused_and_nothing_is_written_outside() {
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("src"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    let escaped = dir.path().join("escaped/evil");
    std::fs::write(src.join("a.cfg"), export(escaped.to_str().unwrap())).unwrap();
    std::fs::write(src.join("b.cfg"), export("../../up")).unwrap();
    std::fs::write(
        src.join("c.txt"),
        format!(
            "S: * OK {} admind 4.2.3\n",
            dir.path().join("greeting").display()
        ),
    )
    .unwrap();
    std::fs::write(src.join("ok.cfg"), export("rg07.example.com")).unwrap();
    let out = track(&src, &repo);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot name a file"), "{stderr}");
    assert!(!dir.path().join("escaped").exists());
    assert!(!dir.path().join("greeting.ron").exists());
    // The good capture is still tracked.
    assert_eq!(files_under(&repo), ["mirapoint-mos/rg07.ron"]);
    assert_eq!(
        files_under(dir.path()).len(),
        5,
        "{:?}",
        files_under(dir.path())
    );
}

#[test]
fn appliances_whose_names_collide_are_never_merged() {
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("src"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("a.cfg"), export("rg01.example.com")).unwrap();
    std::fs::write(src.join("b.cfg"), export("rg01.other.org")).unwrap();
    let st = common::root().join("samples/spamtitan/7.08/st01");
    common::copy_dir(&st, &src.join("st01"));
    common::copy_dir(&st, &src.join("ST01"));
    let out = track(&src, &repo);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`rg01.example.com`") && stderr.contains("`rg01.other.org`"),
        "both captures are named: {stderr}"
    );
    // Names differing only in case are one appliance: its two folders are never merged, the
    // one last in path order is tracked.
    assert!(
        stderr.contains("ST01"),
        "the older folder is skipped: {stderr}"
    );
    assert_eq!(files_under(&repo), ["spamtitan/st01.ron"]);
}

#[test]
fn a_short_prompt_joins_the_full_name_it_is_short_for() {
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("src"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("a.cfg"), export("rg01.example.com")).unwrap();
    std::fs::write(
        src.join("b.log"),
        "rg01> smtp get fastpath\noff\nOK Completed\n",
    )
    .unwrap();
    let out = track(&src, &repo);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(files_under(&repo), ["mirapoint-mos/rg01.ron"]);
}

#[test]
fn the_source_folder_is_no_repository() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.cfg"), export("rg01.example.com")).unwrap();
    let out = track(dir.path(), &dir.path().join("."));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("folder of captures itself"));
    assert_eq!(files_under(dir.path()), ["a.cfg"]);
}

#[cfg(unix)]
#[test]
fn a_linked_vendor_folder_in_the_repository_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let (src, repo, elsewhere) = (
        dir.path().join("src"),
        dir.path().join("repo"),
        dir.path().join("elsewhere"),
    );
    for d in [&src, &repo, &elsewhere] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(src.join("a.cfg"), export("rg01.example.com")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, repo.join("mirapoint-mos")).unwrap();
    let out = track(&src, &repo);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("links in the repository are not followed"),
        "{stderr}"
    );
    assert!(files_under(&elsewhere).is_empty());
}

#[test]
fn a_failed_restore_replaces_no_runbook_and_makes_no_import_folder() {
    let dir = tempfile::tempdir().unwrap();
    let runbook = dir.path().join("runbook.md");
    std::fs::write(&runbook, "mine").unwrap();
    // `-o` names a folder: the run fails, after every file was prepared.
    let script = dir.path().join("restore.sh");
    std::fs::create_dir(&script).unwrap();
    let imports = dir.path().join("imports");
    let out = carryover(&[
        "restore",
        "--to",
        "7.09",
        "samples/spamtitan/7.08/st01",
        "--runbook",
        runbook.to_str().unwrap(),
        "--import-files",
        imports.to_str().unwrap(),
        "-o",
        script.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&runbook).unwrap(), "mine");
    assert!(!imports.exists());
    assert_eq!(files_under(dir.path()), ["runbook.md"]);
}

#[test]
fn one_bad_capture_is_reported_and_the_others_are_tracked() {
    // Reproducer 7: a two-field row in domains.csv was once a panic that stopped every
    // appliance; it now reads with a warning. A truncated API answer is a real failure of that
    // one capture, and the others are still tracked.
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("src"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    let st = src.join("st02");
    common::copy_dir(&common::root().join("samples/spamtitan/7.08/st01"), &st);
    std::fs::write(
        st.join("domains.csv"),
        "short.example,mx.short.example:25\n",
    )
    .unwrap();
    std::fs::write(
        st.join("api/domains/example.com.json"),
        "{\"destination\": ",
    )
    .unwrap();
    std::fs::write(src.join("ok.cfg"), export("rg07.example.com")).unwrap();
    let out = track(&src, &repo);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("st02"), "{stderr}");
    assert!(files_under(&repo).contains(&"mirapoint-mos/rg07.ron".to_string()));
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    for signal in ["TERM", "INT", "HUP", "QUIT", "USR1"] {
        let dir = tempfile::tempdir().unwrap();
        let flag = dir.path().join("paused");
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("carryover"))
            .current_dir(common::root())
            .args([
                "restore",
                "--to",
                "7.09",
                "samples/spamtitan/7.08/st01",
                "-o",
            ])
            .arg(out.join("restore.sh"))
            .arg("--runbook")
            .arg(out.join("runbook.md"))
            .env("CARRYOVER_TEST_PAUSE_AT", &flag)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the temporary files are written and the run is paused before renaming.
        for _ in 0..600 {
            if flag.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(flag.exists(), "the run never paused");
        assert_eq!(
            files_under(&out).len(),
            3,
            "three temporary files (script, its plan, runbook) while paused"
        );
        let killed = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert!(!status.success());
        assert!(
            files_under(&out).is_empty(),
            "{signal}: {:?}",
            files_under(&out)
        );
    }
}

/// A signal the run was started ignoring (`nohup`, a background job of a shell script) stays
/// ignored: the run goes on and puts its files in place.
#[cfg(unix)]
#[test]
fn an_ignored_signal_stays_ignored() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let flag = dir.path().join("paused");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("carryover"));
    command
        .current_dir(common::root())
        .args([
            "restore",
            "--to",
            "7.09",
            "samples/spamtitan/7.08/st01",
            "-o",
        ])
        .arg(out.join("restore.sh"))
        .env("CARRYOVER_TEST_PAUSE_AT", &flag)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    // SAFETY: only an async-signal-safe call between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_IGN);
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    for _ in 0..600 {
        if flag.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(flag.exists(), "the run never paused");
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    std::fs::remove_file(&flag).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(out.join("restore.sh").exists());
}

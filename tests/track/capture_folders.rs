//! `carryover track` over a folder of captures, and `textconv` driving a real git.

use crate::common;

use std::path::Path;

use common::run;

fn copy(name: &str, to: &Path) {
    std::fs::copy(
        common::root().join("samples/mos").join(name),
        to.join(Path::new(name).file_name().unwrap()),
    )
    .unwrap();
}

#[test]
fn a_fleet_folder_becomes_one_canonical_file_per_appliance() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("captures");
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(src.join("rg01")).unwrap();
    std::fs::create_dir_all(src.join("mail/ms01")).unwrap();
    std::fs::create_dir_all(src.join(".git/objects")).unwrap();
    copy("rg01-4.1.9-before.log", &src.join("rg01"));
    copy("rg01-4.1.9-export.cfg", &src.join("rg01"));
    copy("ms01-delegated-domains.log", &src.join("mail/ms01"));
    copy("ms02-sjis-crlf.log", &src);
    copy("rg02-admind-transcript.txt", &src);
    // A VCS folder is never read, even when it holds a capture.
    copy("rg01-4.2.3-after.log", &src.join(".git/objects"));
    #[cfg(unix)]
    {
        // No link is followed: one inside the folder would read its target twice, one
        // leading out of it reads what was not handed over. Both are counted as skipped.
        std::os::unix::fs::symlink(
            src.join("rg02-admind-transcript.txt"),
            src.join("mail/rg02-link.txt"),
        )
        .unwrap();
        let outside = dir.path().join("outside.log");
        std::fs::copy(
            common::root().join("samples/mos/rg01-4.2.3-after.log"),
            &outside,
        )
        .unwrap();
        std::os::unix::fs::symlink(&outside, src.join("rg01/escape.log")).unwrap();
    }
    let (code, out) = run(&[
        "track",
        src.to_str().unwrap(),
        "--into",
        repo.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    let summary = out.lines().last().unwrap();
    assert!(
        summary.starts_with("4 appliance(s) from 5 file(s): 4 written, 0 unchanged;"),
        "{out}"
    );
    #[cfg(unix)]
    assert!(summary.contains("; 2 skipped;"), "{out}");
    let mut written: Vec<String> = walkdir::WalkDir::new(&repo)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&repo).unwrap().display().to_string())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "mirapoint-mos/ms01.ron",
            "mirapoint-mos/ms02.ron",
            "mirapoint-mos/rg01.ron",
            "mirapoint-mos/rg02.ron"
        ]
    );
    let rg01 = std::fs::read_to_string(repo.join("mirapoint-mos/rg01.ron")).unwrap();
    assert!(
        rg01.contains("version: Some(\"4.1.9-GA\")"),
        "the 4.2.3 log under .git and behind the escaping link is not read"
    );
    let ms01 = std::fs::read_to_string(repo.join("mirapoint-mos/ms01.ron")).unwrap();
    assert!(ms01.contains("block: \"<secret>\""), "secrets are masked");

    // Nothing changed: nothing is rewritten, byte for byte and file time alike.
    let before = std::fs::metadata(repo.join("mirapoint-mos/rg01.ron"))
        .unwrap()
        .modified()
        .unwrap();
    let (code, out) = run(&[
        "track",
        src.to_str().unwrap(),
        "--into",
        repo.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("0 written, 4 unchanged"), "{out}");
    assert_eq!(
        std::fs::metadata(repo.join("mirapoint-mos/rg01.ron"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
    assert_eq!(
        std::fs::read_to_string(repo.join("mirapoint-mos/rg01.ron")).unwrap(),
        rg01
    );

    // One appliance changes (upgraded, captured anew): only its file is written.
    for old in ["rg01-4.1.9-before.log", "rg01-4.1.9-export.cfg"] {
        std::fs::remove_file(src.join("rg01").join(old)).unwrap();
    }
    copy("rg01-4.2.3-after.log", &src.join("rg01"));
    let (_, out) = run(&[
        "track",
        src.to_str().unwrap(),
        "--into",
        repo.to_str().unwrap(),
    ]);
    assert!(out.contains("1 written, 3 unchanged"), "{out}");
    assert!(out.contains("wrote ") && out.contains("rg01.ron"), "{out}");
}

#[test]
fn a_failing_file_is_reported_and_the_others_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("src"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    copy("ms01-delegated-domains.log", &src);
    copy("seed-key-exchange.log", &src);
    for name in ["cut.log", "cut\u{202e}gol.log"] {
        std::fs::write(
            src.join(name),
            "rg09> branding get quotamsg\n{4096}\nshort\n",
        )
        .unwrap();
    }
    // `-q` says no notes, but errors all the same: a run that exits 2 says why.
    for quiet in [false, true] {
        let mut args = vec![
            "track",
            src.to_str().unwrap(),
            "--into",
            repo.to_str().unwrap(),
        ];
        if quiet {
            args.push("-q");
        }
        let out = assert_cmd::Command::cargo_bin("carryover")
            .unwrap()
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("seed-key-exchange.log: error: names no appliance"),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("cut.log: error:") && stderr.contains("literal announces 4096 bytes"),
            "{args:?}: {stderr}"
        );
        // A name that would reorder the line is shown escaped, even where nothing else is said.
        assert!(!stderr.contains('\u{202e}'), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cut\\u{202e}gol.log: error:"),
            "{args:?}: {stderr}"
        );
    }
    assert!(repo.join("mirapoint-mos/ms01.ron").exists());
    assert!(!repo.join("mirapoint-mos/rg09.ron").exists());
}

#[test]
fn textconv_makes_git_diff_semantic() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| common::git(dir.path(), args);
    let bin = assert_cmd::cargo::cargo_bin("carryover");
    git(&["init", "-q"]);
    git(&[
        "config",
        "diff.carryover.textconv",
        &format!("{} textconv", bin.display()),
    ]);
    std::fs::write(dir.path().join(".gitattributes"), "*.log diff=carryover\n").unwrap();
    let samples = common::root().join("samples/mos");
    std::fs::copy(
        samples.join("rg01-4.1.9-before.log"),
        dir.path().join("rg01.log"),
    )
    .unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "4.1.9"]);
    std::fs::copy(
        samples.join("rg01-4.2.3-after.log"),
        dir.path().join("rg01.log"),
    )
    .unwrap();
    git(&["commit", "-qam", "4.2.3"]);
    let diff = git(&["diff", "HEAD~1", "HEAD"]);
    assert!(
        diff.contains("-        \"smtp.fastpath\": false,\n+        \"smtp.fastpath\": true,"),
        "{diff}"
    );
    assert!(
        diff.contains("+        \"smtp.maxmsgsum\": 314572800,"),
        "{diff}"
    );
    // The raw logs' line-level noise (prompts, completions) is not in the diff.
    assert!(!diff.contains("OK Completed"), "{diff}");
    let log = git(&["log", "-p", "--format=%s"]);
    assert!(
        log.contains("-      version: Some(\"4.1.9-GA\"),\n"),
        "{log}"
    );
    assert!(
        log.contains("+      version: Some(\"4.2.3-GA\"),\n"),
        "{log}"
    );
}

#[test]
fn spamtitan_capture_directories_are_tracked_as_appliances() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let src = common::root().join("samples/spamtitan/7.09");
    let (code, out) = run(&[
        "track",
        src.to_str().unwrap(),
        "--into",
        repo.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("1 appliance(s) from 1 file(s): 1 written"),
        "{out}"
    );
    let st01 = std::fs::read_to_string(repo.join("spamtitan/st01.ron")).unwrap();
    assert!(
        st01.contains("vendor: \"spamtitan\"")
            && st01.contains("\"system.cluster.role\": \"primary\"")
    );
    assert!(!st01.contains("Ld4p-S3cret"), "secrets are masked");
}

#[test]
fn textconv_reads_spamtitan_files_git_hands_over() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| common::git(dir.path(), args);
    let bin = assert_cmd::cargo::cargo_bin("carryover");
    git(&["init", "-q"]);
    git(&[
        "config",
        "diff.carryover.textconv",
        &format!("{} textconv", bin.display()),
    ]);
    std::fs::write(
        dir.path().join(".gitattributes"),
        "*.csv diff=carryover\n*.txt diff=carryover\n",
    )
    .unwrap();
    let st = dir.path().join("st01");
    std::fs::create_dir_all(&st).unwrap();
    std::fs::write(st.join("allow.txt"), "b@example.com\na@example.com\n").unwrap();
    std::fs::write(
        st.join("domains.csv"),
        "example.com,mx1.example.com:25,none\n",
    )
    .unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "one"]);
    // Reordered, one entry more, a new destination.
    std::fs::write(
        st.join("allow.txt"),
        "a@example.com\nc@example.com\nb@example.com\n",
    )
    .unwrap();
    std::fs::write(
        st.join("domains.csv"),
        "example.com,mx2.example.com:25,none\n",
    )
    .unwrap();
    git(&["commit", "-qam", "two"]);
    let diff = git(&["diff", "HEAD~1", "HEAD"]);
    assert!(diff.contains("+          \"c@example.com\","), "{diff}");
    assert!(
        !diff.contains("-          \"b@example.com\","),
        "reordering is no change: {diff}"
    );
    assert!(diff.contains("-        \"domain.destination\": \"mx1.example.com:25\",\n+        \"domain.destination\": \"mx2.example.com:25\","), "{diff}");
}

#[test]
fn two_capture_folders_of_one_appliance_are_never_merged() {
    // A capture before the update and one after it, in versioned folders: the last in path
    // order is tracked whole, the other is reported as skipped, and nothing of 7.08 mixes in.
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("src"), dir.path().join("repo"));
    for version in ["7.08", "7.09"] {
        let from = common::root()
            .join("samples/spamtitan")
            .join(version)
            .join("st01");
        common::copy_dir(&from, &src.join(version).join("st01"));
    }
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .args([
            "track",
            src.to_str().unwrap(),
            "--into",
            repo.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stderr.contains("7.08/st01: note: skipped: another capture folder of `st01` is tracked"),
        "{stderr}"
    );
    let st01 = std::fs::read_to_string(repo.join("spamtitan/st01.ron")).unwrap();
    assert!(st01.contains("version: Some(\"7.09\")"), "{st01}");
    // 7.08 names its lists whitelist/blacklist; the 7.09 capture's own entries only.
    let (code, alone) = run(&["show", "samples/spamtitan/7.09/st01"]);
    assert_eq!(code, 0);
    assert_eq!(
        st01.lines().filter(|l| l.contains('@')).count(),
        alone.lines().filter(|l| l.contains('@')).count(),
        "{st01}"
    );
}

#[test]
fn captures_of_one_appliance_of_two_versions_are_refused_naming_both() {
    // 4.1.9's prompt gives the FQDN, 4.2.3's the short name: one appliance. Its captures from
    // before and after the upgrade are two moments, never merged in the order of their
    // names: the appliance fails (exit 2), naming both files and versions.
    let dir = tempfile::tempdir().unwrap();
    let caps = dir.path().join("caps");
    std::fs::create_dir(&caps).unwrap();
    for (name, as_name) in [
        ("rg01-4.1.9-before.log", "rg01-monday.log"),
        ("rg01-4.2.3-after.log", "rg01-friday.log"),
    ] {
        std::fs::copy(
            common::root().join("samples/mos").join(name),
            caps.join(as_name),
        )
        .unwrap();
    }
    let repo = dir.path().join("repo");
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .args([
            "track",
            caps.to_str().unwrap(),
            "--into",
            repo.to_str().unwrap(),
        ])
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("shows version 4.1.9-GA, and ") && err.contains("shows 4.2.3-GA"),
        "{err}"
    );
    assert!(
        err.contains("rg01-monday.log:") && err.contains("rg01-friday.log:"),
        "{err}"
    );
    // Nothing is written for it: neither moment is the appliance as stored.
    assert!(!repo.join("mirapoint-mos/rg01.ron").exists());
    // Tracked after the upgrade alone, then with the old capture put back beside it: the
    // stored file stays the upgraded one, never rolled back by the order of the names.
    std::fs::remove_file(caps.join("rg01-monday.log")).unwrap();
    let track = || {
        assert_cmd::Command::cargo_bin("carryover")
            .unwrap()
            .args([
                "track",
                caps.to_str().unwrap(),
                "--into",
                repo.to_str().unwrap(),
            ])
            .env("LC_ALL", "C")
            .output()
            .unwrap()
    };
    assert_eq!(track().status.code(), Some(0));
    let upgraded = std::fs::read_to_string(repo.join("mirapoint-mos/rg01.ron")).unwrap();
    assert!(
        upgraded.contains("version: Some(\"4.2.3-GA\")"),
        "{upgraded}"
    );
    std::fs::copy(
        common::root().join("samples/mos/rg01-4.1.9-before.log"),
        caps.join("rg01-a-before.log"),
    )
    .unwrap();
    assert_eq!(track().status.code(), Some(2));
    let stored = std::fs::read_to_string(repo.join("mirapoint-mos/rg01.ron")).unwrap();
    assert_eq!(stored, upgraded);
}

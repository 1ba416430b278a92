//! The git view, set up as the README says: a partial capture reads as "not captured", never
//! as a deletion; `track --commit` commits only its files, with a message that counts what
//! changed; a file that is no capture gets a plain diff.

use crate::common;

use std::path::Path;

/// A repository with the README's setup: `.gitattributes` sends captures to the `carryover`
/// driver, whose command is `carryover diff` and whose textconv is `carryover textconv`.
fn repository(dir: &Path) {
    let git = |args: &[&str]| common::git(dir, args);
    let bin = assert_cmd::cargo::cargo_bin("carryover");
    git(&["init", "-q"]);
    git(&[
        "config",
        "diff.carryover.command",
        &format!("{} diff", bin.display()),
    ]);
    git(&[
        "config",
        "diff.carryover.textconv",
        &format!("{} textconv", bin.display()),
    ]);
    std::fs::write(
        dir.join(".gitattributes"),
        "*.log diff=carryover\n*.cfg diff=carryover\n",
    )
    .unwrap();
}

/// The rg01 4.1.9 log cut after its `smtp get` commands: it never listed keys, lists,
/// trusted hosts, messages or updates.
fn partial_capture() -> String {
    let full =
        std::fs::read_to_string(common::root().join("samples/mos/rg01-4.1.9-before.log")).unwrap();
    let cut = full.find("rg01.example.co.jp> uce listexception").unwrap();
    full[..cut].to_string()
}

#[test]
fn a_partial_capture_reads_as_not_captured_never_as_a_deletion() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| common::git(dir.path(), args);
    repository(dir.path());
    let full = common::root().join("samples/mos/rg01-4.1.9-before.log");
    std::fs::copy(full, dir.path().join("rg01.log")).unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "full"]);
    std::fs::write(dir.path().join("rg01.log"), partial_capture()).unwrap();
    git(&["commit", "-qam", "partial"]);

    let diff = git(&["diff", "HEAD~1", "HEAD"]);
    assert!(
        diff.starts_with("diff --carryover a/rg01.log b/rg01.log\n"),
        "{diff}"
    );
    let deleted: Vec<&str> = diff.lines().filter(|l| l.starts_with('-')).collect();
    assert!(
        deleted.is_empty(),
        "nothing was deleted: {deleted:?}\n{diff}"
    );
    for never_looked_at in [
        "? lists/primary/whitelistto/",
        "? keys/MTA public",
        "? trusted_hosts/mtagroup/",
    ] {
        assert!(diff.contains(never_looked_at), "{never_looked_at}: {diff}");
    }
    assert!(diff.contains("0 differences"), "{diff}");

    // `git log -p` uses the textconv: the partial capture's sections read as not captured.
    let log = git(&["log", "-p", "-1", "--format=%s"]);
    for section in ["keys", "trusted_hosts", "lists", "messages", "updates"] {
        assert!(
            log.contains(&format!("+    {section}: NotCaptured,\n")),
            "{section}: {log}"
        );
    }
}

/// The rg01 4.1.9 log without the listings of every list but `primary whitelistto`: it looked
/// at one list of the seven the full log lists.
fn capture_of_one_list() -> String {
    let full =
        std::fs::read_to_string(common::root().join("samples/mos/rg01-4.1.9-before.log")).unwrap();
    let (from, to) = (
        full.find("rg01.example.co.jp> uce listexception any")
            .unwrap(),
        full.find("rg01.example.co.jp> branding get").unwrap(),
    );
    format!("{}{}", &full[..from], &full[to..])
}

#[test]
fn a_list_not_listed_reads_as_not_captured_in_git_log_and_in_the_commit_counts() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| common::git(dir.path(), args);
    repository(dir.path());
    let full = common::root().join("samples/mos/rg01-4.1.9-before.log");
    std::fs::copy(full, dir.path().join("rg01.log")).unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "full"]);
    std::fs::write(dir.path().join("rg01.log"), capture_of_one_list()).unwrap();
    git(&["commit", "-qam", "one list"]);

    let log = git(&["log", "-p", "-1", "--format=%s"]);
    // Each list the second capture did not list is written as not captured where it stood,
    // and a scope none of whose lists it listed, as not captured whole.
    for scope in ["any", "local", "nonlocal"] {
        assert!(
            log.contains(&format!("+      \"{scope}\": NotCaptured,\n")),
            "{scope}: {log}"
        );
    }
    // The new side, as the diff shows it: each list of `primary` it did not list is there as
    // not captured.
    let new_side: String = log
        .lines()
        .filter_map(|l| l.strip_prefix('+').or_else(|| l.strip_prefix(' ')))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        new_side.contains(
            "      \"primary\": {\n        \"blacklist\": NotCaptured,\n        \"whitelist\": NotCaptured,\n"
        ),
        "{log}"
    );
    // The list it did look at is unchanged: no line of it is removed.
    for entry in ["@partners.example.com", "ml-sales@lists.example.co.jp"] {
        assert!(
            log.contains(&format!("\n           \"{entry}\",\n")),
            "{log}"
        );
        assert!(!log.contains(&format!("-          \"{entry}\"")), "{log}");
    }

    // Stored by track, the same two captures count the unlisted lists as not captured, never
    // as removed; and back again, as captured for the first time, never as added.
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("rg01.log"), capture_of_one_list()).unwrap();
    common::track_and_commit(&src, &repo);
    let samples = common::root().join("samples/mos");
    std::fs::copy(samples.join("rg01-4.1.9-before.log"), src.join("rg01.log")).unwrap();
    common::track_and_commit(&src, &repo);
    let message = common::git(&repo, &["log", "-1", "--format=%B"]);
    assert_eq!(
        message.lines().nth(2).unwrap(),
        "- mirapoint-mos/rg01: 0 added, 0 removed, 0 changed; \
         4 captured for the first time (not added)",
        "{message}"
    );
    std::fs::write(src.join("rg01.log"), capture_of_one_list()).unwrap();
    common::track_and_commit(&src, &repo);
    let message = common::git(&repo, &["log", "-1", "--format=%B"]);
    assert_eq!(
        message.lines().nth(2).unwrap(),
        "- mirapoint-mos/rg01: 0 added, 0 removed, 0 changed; \
         4 not captured this time (not removed)",
        "{message}"
    );
}

#[test]
fn a_file_that_is_no_capture_gets_a_plain_diff_under_diff_external() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| common::git(dir.path(), args);
    let bin = assert_cmd::cargo::cargo_bin("carryover");
    git(&["init", "-q"]);
    std::fs::write(dir.path().join(".gitattributes"), "*.log diff=carryover\n").unwrap();
    std::fs::write(dir.path().join("README.md"), "# Captures\n\nrg01 before.\n").unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "one"]);
    std::fs::write(
        dir.path().join(".gitattributes"),
        "*.log diff=carryover\n*.cfg diff=carryover\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("README.md"), "# Captures\n\nrg01 after.\n").unwrap();
    git(&["commit", "-qam", "two"]);
    let external = format!("diff.external={} diff", bin.display());
    let out = std::process::Command::new("git")
        .current_dir(dir.path())
        .args(["-c", &external, "diff", "HEAD~1", "HEAD"])
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LC_ALL", "C")
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("+*.cfg diff=carryover"), "{stdout}");
    assert!(stdout.contains("-rg01 before.\n+rg01 after."), "{stdout}");
    assert!(
        !stderr.contains("remov"),
        "no advice to edit the user's files: {stderr}"
    );
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn textconv_shows_a_file_that_is_no_capture_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("README.md");
    let text = "# Captures\n\nThe rg01 logs, before and after the upgrade.\n";
    std::fs::write(&note, text).unwrap();
    let (code, stdout, stderr) = common::run_full(&["textconv", note.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, text);
    assert!(stderr.contains("is no capture; shown as it is"), "{stderr}");
    assert!(!stderr.contains("remove"), "{stderr}");
}

#[test]
fn track_commit_says_what_changed_per_appliance() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    std::fs::create_dir_all(&repo).unwrap();
    let samples = common::root().join("samples/mos");
    std::fs::copy(samples.join("rg01-4.1.9-before.log"), src.join("rg01.log")).unwrap();
    let git = |args: &[&str]| common::git(&repo, args);
    git(&["init", "-q"]);
    // A note of the user's in the repository is never committed by track.
    std::fs::write(repo.join("notes.txt"), "mine\n").unwrap();

    let (_, out) = common::track_and_commit(&src, &repo);
    assert!(
        out.contains("committed: carryover track: mirapoint-mos/rg01 added"),
        "{out}"
    );
    let message = git(&["log", "-1", "--format=%B"]);
    assert_eq!(
        message,
        "carryover track: mirapoint-mos/rg01 added\n\n- mirapoint-mos/rg01: new\n\n"
    );
    assert_eq!(git(&["ls-files"]), "mirapoint-mos/rg01.ron\n");

    // The 4.2.3 log of the same appliance: settings changed and added; it never listed keys
    // or trusted hosts, which are not captured, not removed.
    std::fs::copy(samples.join("rg01-4.2.3-after.log"), src.join("rg01.log")).unwrap();
    let (_, out) = common::track_and_commit(&src, &repo);
    assert!(
        out.contains("committed: carryover track: mirapoint-mos/rg01 changed"),
        "{out}"
    );
    let message = git(&["log", "-1", "--format=%B"]);
    let body = message.lines().nth(2).unwrap();
    assert!(body.starts_with("- mirapoint-mos/rg01: "), "{message}");
    assert!(
        body.contains(" not captured this time (not removed)"),
        "{message}"
    );
    // The counts are those `carryover diff` gives of the two logs.
    let (_, stat, _) = common::run_full(&[
        "diff",
        "--stat",
        "--format",
        "json",
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    let stat: serde_json::Value = serde_json::from_str(&stat).unwrap();
    eprintln!("{stat}");
    assert_eq!(git(&["status", "--porcelain"]), "?? notes.txt\n");

    // Nothing changed: no commit.
    let (_, out) = common::track_and_commit(&src, &repo);
    assert!(
        out.contains("commit: nothing changed, no commit made"),
        "{out}"
    );
    assert_eq!(git(&["rev-list", "--count", "HEAD"]), "2\n");
}

#[test]
fn a_file_stored_in_an_older_format_is_rewritten_with_a_commit_of_its_own() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    let samples = common::root().join("samples/mos");
    std::fs::copy(samples.join("rg01-4.2.3-after.log"), src.join("rg01.log")).unwrap();
    common::track_and_commit(&src, &repo);
    // The file as format 1 wrote it: no section marked not captured.
    let stored = repo.join("mirapoint-mos/rg01.ron");
    let text = std::fs::read_to_string(&stored).unwrap();
    assert!(text.contains("keys: NotCaptured,"), "{text}");
    let old = text
        .replace("format_version: 2,", "format_version: 1,")
        .replace("fqdn: NotCaptured,", "fqdn: None,")
        .replace("keys: NotCaptured,", "keys: {},")
        .replace("trusted_hosts: NotCaptured,", "trusted_hosts: {},");
    std::fs::write(&stored, old).unwrap();
    common::git(&repo, &["commit", "-qam", "as format 1 stored it"]);

    let (_, out) = common::track_and_commit(&src, &repo);
    assert!(out.contains("wrote "), "{out}");
    let message = common::git(&repo, &["log", "-1", "--format=%B"]);
    assert_eq!(
        message,
        "carryover track: stored format 2, no configuration changed\n\n\
         - mirapoint-mos/rg01: stored format 1 -> 2, no configuration changed\n\n"
    );
}

#[test]
fn track_json_reports_the_commit_it_made_and_verbose_shows_each_files_notes() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    let samples = common::root().join("samples/mos");
    std::fs::copy(samples.join("rg01-4.1.9-before.log"), src.join("rg01.log")).unwrap();

    // Quiet by default: the summary, no note of any file.
    let (code, _, err) = common::track_with(&src, &repo, &["--commit", "--format", "json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    std::fs::copy(samples.join("rg01-4.2.3-after.log"), src.join("rg01.log")).unwrap();
    let (code, out, err) = common::track_with(&src, &repo, &["--commit", "--format", "json", "-v"]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let message = common::git(&repo, &["log", "-1", "--format=%B"]);
    assert_eq!(
        report["commit"]["message"],
        message.trim_end_matches('\n').to_string() + "\n"
    );
    assert_eq!(
        report["commit"]["subject"],
        "carryover track: mirapoint-mos/rg01 changed"
    );
    assert_eq!(
        report["commit"]["files"],
        serde_json::json!(["M mirapoint-mos/rg01.ron"])
    );
    // `-v`: each file's line counts and notes, on standard error.
    assert!(err.contains("rg01.log: "), "{err}");
    assert!(err.contains(" lines, "), "{err}");

    // Nothing changed: no commit, and the report says so.
    let (_, out, _) = common::track_with(&src, &repo, &["--commit", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report.get("commit"), Some(&serde_json::Value::Null));
    // No commit asked for: no `commit` key.
    let (_, out, _) = common::track_with(&src, &repo, &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(report.get("commit").is_none(), "{out}");
}

/// A listing the pager cut (`--More--`, then the prompt) holds part of the list: track stores
/// it as partial, so git shows the list turned partial, never its other entries deleted, and
/// the commit counts them as not captured. Listed in full again, it is a list again.
#[test]
fn a_list_cut_by_the_pager_is_stored_partial_never_as_deletions() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    let head = "rg01> version\nMOS4.2.3-GA\nOK Completed\n\
                rg01> uce listexception primary whitelistto\n\"a@example.com\"\n";
    let full = format!("{head}\"b@example.com\"\nOK Completed\n");
    let cut = format!("{head}--More--\nrg01> \n");
    let stored = || std::fs::read_to_string(repo.join("mirapoint-mos/rg01.ron")).unwrap();
    std::fs::write(src.join("rg01.log"), &full).unwrap();
    common::track_and_commit(&src, &repo);
    assert!(
        stored().contains("\"whitelistto\": [\n          \"a@example.com\",\n          \"b@example.com\",\n        ],"),
        "{}",
        stored()
    );
    std::fs::write(src.join("rg01.log"), &cut).unwrap();
    common::track_and_commit(&src, &repo);
    assert!(
        stored().contains(
            "\"whitelistto\": (\n          partial: [\n            \"a@example.com\",\n          ],\n        ),"
        ),
        "{}",
        stored()
    );
    let log = common::git(&repo, &["log", "-p", "-1", "--format=%B"]);
    assert!(
        log.contains("0 added, 0 removed, 0 changed; 1 not captured this time (not removed)"),
        "{log}"
    );
    assert!(log.contains("+          partial: ["), "{log}");
    std::fs::write(src.join("rg01.log"), &full).unwrap();
    common::track_and_commit(&src, &repo);
    assert!(!stored().contains("partial"), "{}", stored());
    let log = common::git(&repo, &["log", "-1", "--format=%B"]);
    assert!(log.contains("0 added, 0 removed"), "{log}");
}

/// A MOS 4.2 log of rg01: its version, then `commands` with what the appliance answered.
fn rg01_log(commands: &[(&str, &[&str])]) -> String {
    let mut log = String::from("rg01> version\nMOS4.2.3-GA\nOK Completed\n");
    for (command, answer) in commands {
        log.push_str(&format!("rg01> {command}\n"));
        for line in *answer {
            log.push_str(&format!("{line}\n"));
        }
    }
    log
}

/// `primary whitelistto` listed in full with these entries.
fn whitelistto(entries: &[&str]) -> String {
    let mut answer: Vec<String> = entries.iter().map(|e| format!("\"{e}\"")).collect();
    answer.push("OK Completed".to_string());
    let answer: Vec<&str> = answer.iter().map(String::as_str).collect();
    rg01_log(&[("uce listexception primary whitelistto", &answer)])
}

/// A capture that reads one setting and lists nothing.
fn no_list() -> String {
    rg01_log(&[("smtp get fastpath", &["on", "OK Completed"])])
}

/// Tracks each capture in turn into one repository, committing each; the body line of the last
/// commit, and `<hash> <date>` of each commit, oldest first.
fn track_each(captures: &[String]) -> (String, Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    for capture in captures {
        std::fs::write(src.join("rg01.log"), capture).unwrap();
        common::track_and_commit(&src, &repo);
    }
    let message = common::git(&repo, &["log", "-1", "--format=%B"]);
    let log = common::git(
        &repo,
        &["log", "--reverse", "--format=%h %cd", "--date=short"],
    );
    let stored = std::fs::read_to_string(repo.join("mirapoint-mos/rg01.ron")).unwrap();
    let line = message.lines().nth(2).unwrap_or_default().to_string();
    (line, log.lines().map(str::to_string).collect(), stored)
}

/// A list not listed by the capture in between is compared with the last stored file that
/// listed it in full: what left it since is removed, what joined it added, never "captured for
/// the first time".
#[test]
fn a_list_not_listed_in_between_is_compared_with_its_last_full_listing() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let (line, commits, stored) = track_each(&[
        whitelistto(&["a@x.com", "b@x.com", "c@x.com"]),
        no_list(),
        whitelistto(&["a@x.com", "d@x.com"]),
    ]);
    assert_eq!(
        line,
        format!(
            "- mirapoint-mos/rg01: 1 added, 2 removed, 0 changed; \
             1 not captured this time (not removed); \
             3 added, removed or changed since last captured in full ({})",
            commits[0]
        )
    );
    assert!(
        stored.contains(
            "\"whitelistto\": [\n          \"a@x.com\",\n          \"d@x.com\",\n        ],"
        ),
        "{stored}"
    );
}

/// A list cut by the pager in between is compared with the last full listing too: the entries
/// the cut listing did not show, and that are gone now, are removed.
#[test]
fn a_list_cut_in_between_is_compared_with_its_last_full_listing() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let cut = rg01_log(&[(
        "uce listexception primary whitelistto",
        &["\"a@x.com\"", "--More--", "rg01> "],
    )]);
    let (line, commits, stored) = track_each(&[
        whitelistto(&["a@x.com", "b@x.com", "c@x.com"]),
        cut,
        whitelistto(&["a@x.com", "d@x.com"]),
    ]);
    assert_eq!(
        line,
        format!(
            "- mirapoint-mos/rg01: 1 added, 2 removed, 0 changed; \
             3 added, removed or changed since last captured in full ({})",
            commits[0]
        )
    );
    assert!(!stored.contains("partial"), "{stored}");
}

/// A list no stored file ever listed is captured for the first time, whatever the history
/// holds of another list.
#[test]
fn a_list_never_listed_before_is_captured_for_the_first_time() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let both = rg01_log(&[
        (
            "uce listexception primary whitelistto",
            &["\"a@x.com\"", "OK Completed"],
        ),
        (
            "uce listexception primary blacklist",
            &["\"spam@y.com\"", "\"junk@y.com\"", "OK Completed"],
        ),
    ]);
    let (line, _, _) = track_each(&[whitelistto(&["a@x.com"]), no_list(), both]);
    assert_eq!(
        line,
        "- mirapoint-mos/rg01: 0 added, 0 removed, 0 changed; \
         1 not captured this time (not removed); \
         2 captured for the first time (not added)"
    );
}

/// The same full listing after a capture that did not list it: nothing added or removed, and
/// nothing captured for the first time.
#[test]
fn the_same_list_after_a_capture_that_did_not_list_it_is_unchanged() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let list = whitelistto(&["a@x.com", "b@x.com", "c@x.com"]);
    let (line, _, _) = track_each(&[list.clone(), no_list(), list]);
    assert_eq!(
        line,
        "- mirapoint-mos/rg01: 0 added, 0 removed, 0 changed; \
         1 not captured this time (not removed)"
    );
}

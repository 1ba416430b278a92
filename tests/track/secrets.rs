//! `track` and secrets: its files hold every secret masked, and nothing derived from one (no
//! hash), so a secret that changed between two runs cannot be told from one that did not.
//! `track` says so plainly, in its summary, its commit message and its "no commit" line,
//! instead of a bare "nothing changed".

use crate::common;

use std::path::Path;

/// A MOS 4.2 log of rg01 that sets a bind password and a user's password (two commands no
/// catalog knows, masked as they are read) and reads one setting.
fn rg01(bind: &str, alice: &str, fastpath: &str) -> String {
    format!(
        "rg01> version\r\nMOS4.2.3-GA\r\nOK Completed\r\n\
         rg01> ldap setbindpw \"{bind}\"\r\nOK Completed\r\n\
         rg01> user setpassword alice \"{alice}\"\r\nOK Completed\r\n\
         rg01> smtp get fastpath\r\n{fastpath}\r\nOK Completed\r\n"
    )
}

/// Everything git holds of the repository: every commit's message and patch.
fn history(repo: &Path) -> String {
    common::git(repo, &["log", "--all", "-p", "--format=%B"])
}

#[test]
fn a_changed_secret_is_said_not_compared_never_nothing_changed() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    let log = src.join("rg01.log");
    std::fs::write(&log, rg01("Hunter2-old", "pw of alice 1", "on")).unwrap();
    let (_, out) = common::track_and_commit(&src, &repo);
    assert!(
        out.contains("; 0 failed; secrets not compared: 2 in 1 appliance(s), stored masked"),
        "{out}"
    );
    let stored = std::fs::read_to_string(repo.join("mirapoint-mos/rg01.ron")).unwrap();
    assert_eq!(
        common::git(&repo, &["log", "-1", "--format=%B"]),
        "carryover track: mirapoint-mos/rg01 added\n\n- mirapoint-mos/rg01: new\n\n\
         Secrets are not compared: 2 in 1 appliance(s) are stored masked, so one that \
         changed counts as unchanged.\n\n"
    );

    // Only the secrets changed: the stored file is the same bytes, and track says that it
    // did not compare them, not that nothing changed.
    std::fs::write(&log, rg01("Hunter2-new", "pw of alice 2", "on")).unwrap();
    let (code, out) = common::track_and_commit(&src, &repo);
    assert_eq!(code, 0);
    assert!(
        !out.contains("commit: nothing changed, no commit made"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "secrets not compared: 2 in 1 appliance(s), stored masked, so one that changed \
             counts as unchanged (compare two captures with `carryover diff`)\n\
             commit: no commit made: nothing changed that track compares, and secrets are \
             not compared\n"
        ),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(repo.join("mirapoint-mos/rg01.ron")).unwrap(),
        stored
    );
    assert_eq!(common::git(&repo, &["rev-list", "--count", "HEAD"]), "1\n");
    let (_, json, _) = common::track_with(&src, &repo, &["--commit", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["secrets_not_compared"], 2, "{json}");
    assert_eq!(json["commit"], serde_json::Value::Null, "{json}");
    // What can compare them, within one run, still does.
    let old = dir.path().join("old.log");
    std::fs::write(&old, rg01("Hunter2-old", "pw of alice 1", "on")).unwrap();
    let (code, diff, _) = common::run_full(&["diff", old.to_str().unwrap(), log.to_str().unwrap()]);
    assert_eq!(code, 1, "{diff}");
    assert!(diff.contains("(secret changed)"), "{diff}");

    // A setting changed beside them: the commit counts it and says the secrets were not
    // compared.
    std::fs::write(&log, rg01("Hunter2-new", "pw of alice 2", "off")).unwrap();
    common::track_and_commit(&src, &repo);
    let message = common::git(&repo, &["log", "-1", "--format=%B"]);
    assert!(
        message.contains("- mirapoint-mos/rg01: 0 added, 0 removed, 1 changed\n"),
        "{message}"
    );
    assert!(
        message.contains("\nSecrets are not compared: 2 in 1 appliance(s) are stored masked"),
        "{message}"
    );
    // Nothing of a secret, and no hash of one, in any stored file or commit.
    let all = history(&repo);
    for secret in ["Hunter2", "pw of alice"] {
        assert!(!all.contains(secret), "{all}");
    }
    assert!(!all.lines().any(long_hex_or_base64), "{all}");
}

/// Whether a line holds a run of 16 or more hex or base64 characters: what a hash of a
/// secret would look like in a stored file.
fn long_hex_or_base64(line: &str) -> bool {
    let mut run = 0;
    for c in line.chars() {
        run = if c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '=' {
            run + 1
        } else {
            0
        };
        if run >= 16 {
            return true;
        }
    }
    false
}

#[test]
fn captures_without_secrets_say_nothing_of_them() {
    if !common::has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("rg01.log"),
        "rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> smtp get fastpath\non\nOK Completed\n",
    )
    .unwrap();
    common::track_and_commit(&src, &repo);
    let (_, out) = common::track_and_commit(&src, &repo);
    assert!(
        out.ends_with("; 0 failed\ncommit: nothing changed, no commit made\n"),
        "{out}"
    );
    assert!(!history(&repo).contains("Secrets"));
    let (_, json, _) = common::track_with(&src, &repo, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["secrets_not_compared"], 0, "{json}");
}

/// Every kind of secret counts, across a fleet: a MOS private key, a SpamTitan domain's LDAP
/// password, secrets whose values hold quotes, a line break's escape and 10,000 characters;
/// none reaches the stored files; and the Japanese summary says it in Japanese.
#[test]
fn every_masked_secret_of_a_fleet_is_counted_and_none_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    let samples = common::root().join("samples");
    std::fs::copy(
        samples.join("mos/ms01-delegated-domains.log"),
        src.join("ms01.log"),
    )
    .unwrap();
    common::copy_dir(&samples.join("spamtitan/7.09/st01"), &src.join("st01"));
    let long = "L0ng".repeat(2_500);
    std::fs::write(
        src.join("rg01.log"),
        rg01(r#"Quo\"te\\d"#, &format!("{long}\\nnext"), "on"),
    )
    .unwrap();
    let (code, out, err) = common::track_with(&src, &repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("secrets not compared: 4 in 3 appliance(s), stored masked"),
        "{out}"
    );
    for file in [
        "mirapoint-mos/ms01.ron",
        "mirapoint-mos/rg01.ron",
        "spamtitan/st01.ron",
    ] {
        let stored = std::fs::read_to_string(repo.join(file)).unwrap();
        assert!(stored.contains("<secret>"), "{file}: {stored}");
        for secret in ["Quo", "L0ngL0ng", "Ld4p-S3cret"] {
            assert!(!stored.contains(secret), "{file}: {stored}");
        }
    }
    let (_, out, _) = common::track_with(&src, &repo, &["--lang", "ja"]);
    assert!(
        out.contains("アプライアンス 3 台の秘密情報 4 個は比較していません"),
        "{out}"
    );
}

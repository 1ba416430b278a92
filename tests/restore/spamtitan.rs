//! SpamTitan restores across the 7.09 backup break: a bash script of API calls, run here with
//! --dry-run by a real bash; values no shell can be tricked by; the UI import files.

use crate::common;

use std::process::{Command as Process, Stdio};

use carryover::vendors::spamtitan::SpamTitan;
use carryover::vendors::Knowledge;
use common::{run, snap_run};
use proptest::prelude::*;

fn bash(
    script: &str,
    args: &[&str],
    cwd: &std::path::Path,
    env: &[(&str, &str)],
) -> (i32, String, String) {
    let mut cmd = Process::new("bash");
    cmd.arg("-s")
        .arg("--")
        .args(args)
        .current_dir(cwd)
        .env_remove("ST_TOKEN")
        .env_remove("ST_HOST");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), script.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn the_restore_script_for_the_7_08_capture() {
    let (code, script) = snap_run(
        "spamtitan-restore@7.08",
        &["restore", "--to", "7.09", "samples/spamtitan/7.08/st01"],
    );
    assert_eq!(code, 0);
    assert!(script.starts_with("#!/usr/bin/env bash\n"));
    assert!(
        !script.contains("Ld4p-S3cret"),
        "secrets are left out by default"
    );
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = bash(
        &script,
        &["--dry-run"],
        dir.path(),
        &[("ST_HOST", "st01.example.com")],
    );
    assert_eq!(code, 0, "{err}");
    // As on an appliance that holds none of it: each domain looked up, then created.
    let lines: Vec<&str> = out.lines().collect();
    let lookup = lines
        .iter()
        .position(|l| *l == "GET /restapi/domains/example.com")
        .expect(&out);
    assert!(
        lines[lookup + 1].starts_with(
            "POST /restapi/domains --data-binary @- -H Content-Type:\\ application/json <"
        ),
        "{out}"
    );
    // The domain's policy fields in one call, and its verification in one legacy edit.
    assert!(
        out.lines().any(|l| l
            == "PUT /restapi/domains/example.com/policy --data-binary @- \
                <qreport_contains=N\\&qreport_enabled=true\\&qreport_frequency=D"),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l
            .starts_with("GET /domain/edit --get --data-binary @- <name=example.com\\&")
            && l.contains("rv=ldap")),
        "{out}"
    );
    assert!(!out.contains("/auth"), "{out}");
    // Without the environment, nothing is called.
    let (code, _, err) = bash(&script, &[], dir.path(), &[]);
    assert_ne!(code, 0);
    assert!(err.contains("set ST_HOST"), "{err}");
}

#[test]
fn hostile_values_are_data_never_commands() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("st66");
    std::fs::create_dir_all(st.join("lists/global")).unwrap();
    std::fs::create_dir_all(st.join("api/domains/example.com")).unwrap();
    std::fs::write(st.join("version.txt"), "7.08\n").unwrap();
    std::fs::write(
        st.join("domains.csv"),
        "example.com,$(touch pwned1):25,none\n",
    )
    .unwrap();
    std::fs::write(
        st.join("api/domains/example.com/policy.json"),
        r#"{"qreport_frequency": "'; touch pwned2; echo '", "qreport_contains": "`touch pwned3`"}"#,
    )
    .unwrap();
    std::fs::write(
        st.join("lists/global/allow.txt"),
        "$(touch${IFS}pwned4)@example.com\n",
    )
    .unwrap();
    let (_, script) = run(&["restore", "--to", "7.09", st.to_str().unwrap()]);
    let work = tempfile::tempdir().unwrap();
    let (code, out, err) = bash(&script, &["--dry-run"], work.path(), &[("ST_HOST", "st66")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_dir(work.path()).unwrap().count(),
        0,
        "a value ran as a command: {out}"
    );
    assert!(
        out.contains("qreport_frequency=%27%3B%20touch%20pwned2%3B%20echo%20%27"),
        "{out}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever a value holds, bash reads back exactly the value from its quoted form.
    #[test]
    fn shell_quoting_gives_back_the_value(value in "[^\u{0}]{0,40}") {
        let script = format!("printf '%s' {}", SpamTitan.quote(&value));
        let dir = tempfile::tempdir().unwrap();
        let (code, out, _) = bash(&script, &[], dir.path(), &[]);
        prop_assert_eq!(code, 0);
        prop_assert_eq!(out, value);
        prop_assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn ui_import_files_read_back_as_the_same_domains_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let imports = dir.path().join("st01");
    let (code, _) = run(&[
        "restore",
        "--to",
        "7.09",
        "--show-secrets",
        "--import-files",
        imports.to_str().unwrap(),
        "-o",
        dir.path().join("restore.sh").to_str().unwrap(),
        "samples/spamtitan/7.08/st01",
    ]);
    assert_eq!(code, 0);
    let (_, original) = run(&[
        "show",
        "--format",
        "json",
        "--show-secrets",
        "samples/spamtitan/7.08/st01",
    ]);
    let (_, back) = run(&[
        "show",
        "--format",
        "json",
        "--show-secrets",
        imports.to_str().unwrap(),
    ]);
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&original).unwrap(),
        serde_json::from_str(&back).unwrap(),
    );
    assert_eq!(a["config"]["lists"], b["config"]["lists"]);
    assert_eq!(a["config"]["domains"], b["config"]["domains"]);
    for domain in ["example.com", "example.net", "example.org"] {
        let pick = |v: &serde_json::Value| {
            v["config"]["settings"][domain]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, _)| {
                    k.starts_with("domain.")
                        && !["domain.id", "domain.domain"].contains(&k.as_str())
                })
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(pick(&a), pick(&b), "{domain}");
    }
}

#[test]
fn the_capture_script_is_valid_bash_and_needs_its_environment() {
    let (code, script) = run(&["capture", "--vendor", "spamtitan"]);
    assert_eq!(code, 0);
    let dir = tempfile::tempdir().unwrap();
    let check = Process::new("bash")
        .args(["-n", "-c", &script])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let (code, _, err) = bash(&script, &[], dir.path(), &[]);
    assert_ne!(code, 0);
    assert!(err.contains("set ST_HOST"), "{err}");
    assert!(!script.contains("ST_TOKEN=") || script.contains("ST_TOKEN=<REST API token>"));
}

/// A user's list entry comes after the section that creates the user's domain.
#[test]
fn a_users_entries_follow_the_creation_of_their_domain() {
    let (code, out, err) =
        common::run_full(&["restore", "--to", "7.09", "samples/spamtitan/7.08/st01"]);
    assert_eq!(code, 0, "{err}");
    let at = |needle: &str| {
        out.find(needle)
            .unwrap_or_else(|| panic!("{needle} not in\n{out}"))
    };
    let created = at("domain_ensure '/restapi/domains/example.com'");
    let user_entry = at("'user=ceo%40example.com'");
    assert!(created < user_entry, "{out}");
}

/// The token never stands on a command line (`ps` shows those to every user): curl reads the
/// header from a file only its owner reads, removed when the script ends.
#[test]
fn the_token_reaches_curl_in_a_file() {
    let (_, script, _) =
        common::run_full(&["restore", "--to", "7.09", "samples/spamtitan/7.08/st01"]);
    assert!(!script.contains("Bearer $ST_TOKEN\" "), "{script}");
    assert!(script.contains("-H @\"$auth\""), "{script}");
    assert!(script.contains("trap 'rm -f \"$auth\"' EXIT"), "{script}");
    let (_, capture, _) = common::run_full(&["capture", "--vendor", "spamtitan"]);
    assert!(capture.contains("-H @\"$auth\""), "{capture}");
    assert!(!capture.contains("-H \"Authorization"), "{capture}");
}

/// A pre- and a post-upgrade capture folder of one domain, from their `domains.csv` rows.
fn pre_and_post(pre_row: &str, post_row: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (side, version, row) in [("pre", "7.08", pre_row), ("post", "7.09", post_row)] {
        let folder = dir.path().join(side).join("st1");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("version.txt"), format!("{version}\n")).unwrap();
        std::fs::write(folder.join("domains.csv"), format!("{row}\n")).unwrap();
    }
    dir
}

/// The calls `restore --to 7.09 PRE --against POST` makes, as its `--dry-run` prints them.
fn delta_calls(dir: &tempfile::TempDir) -> Vec<String> {
    let path = |side: &str| dir.path().join(side).join("st1").display().to_string();
    let (pre, post) = (path("pre"), path("post"));
    let (code, script) = run(&["restore", "--to", "7.09", &pre, "--against", &post]);
    assert_eq!(code, 0, "{script}");
    let env = [("ST_HOST", "st1.example.com")];
    let (code, out, err) = bash(&script, &["--dry-run"], dir.path(), &env);
    assert_eq!(code, 0, "{err}");
    out.lines().map(str::to_string).collect()
}

/// The one legacy domain edit of `corp.example.com` among `calls`, its query's fields.
fn domain_edit(calls: &[String]) -> Vec<String> {
    let edits: Vec<&String> = calls
        .iter()
        .filter(|c| c.starts_with("GET /domain/edit "))
        .collect();
    assert_eq!(edits.len(), 1, "one call takes the record: {calls:#?}");
    let query = edits[0]
        .split_once(" <")
        .expect("the query on standard input")
        .1;
    query.split("\\&").map(str::to_string).collect()
}

#[test]
fn recipient_verification_reset_to_none_is_restored_whole_with_its_server() {
    let dir = pre_and_post(
        "corp.example.com,mail.corp.example.com:25,dynamic,mail.corp.example.com",
        "corp.example.com,mail.corp.example.com:25,none",
    );
    let fields = domain_edit(&delta_calls(&dir));
    assert!(
        fields.contains(&"name=corp.example.com".to_string()),
        "{fields:?}"
    );
    assert!(fields.contains(&"rv=dynamic".to_string()), "{fields:?}");
    assert!(
        fields.contains(&"dyn_server=mail.corp.example.com".to_string()),
        "the mode goes with its server: {fields:?}"
    );
}

#[test]
fn ldap_verification_reset_to_none_sends_all_six_ldap_fields_and_no_password() {
    let dir = pre_and_post(
        "corp.example.com,mail.corp.example.com:25,LDAP,ldap.corp.example.com:389,\
         \"cn=reader,dc=corp,dc=example,dc=com\",Ld4p-S3cret,(mail=%s),\"dc=corp,dc=example,dc=com\",mail",
        "corp.example.com,mail.corp.example.com:25,none",
    );
    let calls = delta_calls(&dir);
    let fields = domain_edit(&calls);
    let names: Vec<&str> = fields
        .iter()
        .filter_map(|f| f.split_once('='))
        .map(|f| f.0)
        .collect();
    for field in [
        "rv",
        "ldap_server",
        "ldap_port",
        "ldap_search_dn",
        "ldap_filter",
        "ldap_searchbase",
        "ldap_result_attribute",
    ] {
        assert!(names.contains(&field), "{field} missing: {fields:?}");
    }
    assert!(fields.contains(&"rv=ldap".to_string()), "{fields:?}");
    assert!(
        !calls.concat().contains("Ld4p-S3cret"),
        "secrets are left out"
    );
}

#[test]
fn a_server_changed_under_the_same_mode_is_sent_with_its_mode() {
    let dir = pre_and_post(
        "corp.example.com,mail.corp.example.com:25,dynamic,mail.corp.example.com",
        "corp.example.com,mail.corp.example.com:25,dynamic,mx2.corp.example.com",
    );
    let fields = domain_edit(&delta_calls(&dir));
    assert!(fields.contains(&"rv=dynamic".to_string()), "{fields:?}");
    assert!(
        fields.contains(&"dyn_server=mail.corp.example.com".to_string()),
        "{fields:?}"
    );
}

#[test]
fn the_diff_of_a_mode_change_shows_the_record_changed_not_a_field_not_captured() {
    let dir = pre_and_post(
        "corp.example.com,mail.corp.example.com:25,dynamic,mail.corp.example.com",
        "corp.example.com,mail.corp.example.com:25,none",
    );
    let path = |side: &str| dir.path().join(side).join("st1").display().to_string();
    let (code, out) = run(&["diff", &path("pre"), &path("post")]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("not captured"), "{out}");
    assert!(
        out.contains("~ settings/corp.example.com/domain.verification: dynamic -> none"),
        "{out}"
    );
    assert!(
        out.contains(
            "- settings/corp.example.com/domain.verification_server = mail.corp.example.com"
        ),
        "{out}"
    );
}

/// Import files are capture files: written inside a folder named as an input (here the folder
/// that holds the capture), the next read would take them for part of it. Refused, nothing
/// written.
#[test]
fn import_files_inside_a_folder_read_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let captures = dir.path().join("captures");
    copy_dir(&common::root().join("samples/spamtitan/7.08"), &captures);
    let before = files_of(&captures);
    let (code, _) = run(&[
        "restore",
        "--to",
        "7.09",
        "--import-files",
        captures.to_str().unwrap(),
        "-o",
        dir.path().join("restore.sh").to_str().unwrap(),
        captures.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert_eq!(files_of(&captures), before);
    assert!(!dir.path().join("restore.sh").exists());
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn files_of(dir: &std::path::Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    files
}

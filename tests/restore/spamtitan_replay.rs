//! SpamTitan restore scripts replayed against an appliance that keeps state (a stub `curl`,
//! `st_stub`): the final state equals the model, a second run changes nothing (domains are
//! looked up before they are created, list entries are not added twice), an existing domain's
//! destination changes through the legacy edit, and a legacy answer with stat fail stops the
//! script.

use crate::common;
use crate::common::st_stub;

use carryover::capture::ReadOptions;
use carryover::model::{Config, Value, SYSTEM};
use common::run;
use st_stub::{list_key, Appliance, Domain, Stub};
use std::collections::{BTreeMap, BTreeSet};

/// Answers the stub `curl`'s calls when this binary is run as the stub; checks the stub's
/// round trip otherwise.
#[test]
fn curl_stub() {
    st_stub::curl_stub();
}

const SAMPLE: &str = "samples/spamtitan/7.08/st01";

fn model(path: &str, reveal: bool) -> Config {
    let mut config = carryover::read::read(&[common::root().join(path)], &ReadOptions::default())
        .unwrap()
        .config;
    if reveal {
        config.reveal_secrets();
    }
    config
}

fn restore_script(args: &[&str]) -> String {
    let mut all = vec!["restore", "--to", "7.09"];
    all.extend_from_slice(args);
    let (code, script) = run(&all);
    assert_eq!(code, 0, "{script}");
    script
}

/// The legacy edit's fields by the model's setting names.
const EDIT_FIELDS: &[(&str, &str)] = &[
    ("rv", "domain.verification"),
    ("dyn_server", "domain.verification_server"),
    ("ldap_search_dn", "domain.ldap_user"),
    ("ldap_password", "domain.ldap_password"),
    ("ldap_filter", "domain.ldap_filter"),
    ("ldap_searchbase", "domain.ldap_base"),
    ("ldap_result_attribute", "domain.ldap_attribute"),
    ("domaingroup", "domain.group"),
];

/// The appliance's state in the model's terms: `(scope, setting) -> value`.
fn state_settings(appliance: &Appliance) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for (name, d) in &appliance.domains {
        let mut put = |setting: &str, value: String| {
            out.insert((name.clone(), setting.to_string()), value);
        };
        put("domain.destination", d.destination.clone());
        for (field, value) in &d.edit {
            if let Some((_, setting)) = EDIT_FIELDS.iter().find(|(f, _)| f == field) {
                put(setting, value.clone());
            }
        }
        if let Some(server) = d.edit.get("ldap_server") {
            let port = d
                .edit
                .get("ldap_port")
                .map_or(String::new(), |p| format!(":{p}"));
            put("domain.ldap_server", format!("{server}{port}"));
        }
        for (field, value) in &d.policy {
            let value = match value.as_str() {
                "true" => "on".to_string(),
                "false" => "off".to_string(),
                v => v.to_string(),
            };
            put(&format!("policy.{field}"), value);
        }
        for (field, value) in &d.auth {
            let dotted = field.replace('[', ".").replace(']', "");
            put(&format!("auth.{dotted}"), value.clone());
        }
        for (attribute, value) in &d.legacy_policy {
            put(&format!("policy.{attribute}"), value.clone());
        }
    }
    out
}

/// What the model says the appliance must hold, of what its APIs can hold: every domain
/// setting except identity fields, secrets still masked (left out of the script) and `skip`.
fn model_settings(config: &Config, skip: &[&str]) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for (scope, settings) in &config.settings {
        if scope == SYSTEM || scope.starts_with("user:") {
            continue;
        }
        for (name, item) in settings.iter() {
            if ["domain.id", "domain.domain"].contains(&name.as_str())
                || skip.contains(&name.as_str())
            {
                continue;
            }
            let value = match &item.value {
                Value::Secret(_) => continue,
                other => other.to_string(),
            };
            out.insert((scope.clone(), name.clone()), value);
        }
    }
    out
}

/// The model's lists by the stub's keys, as sets.
fn model_lists(config: &Config) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (scope, lists) in &config.lists {
        let user = match scope.as_str() {
            "global" => String::new(),
            s => s.strip_prefix("user:").unwrap_or(s).to_string(),
        };
        for (list, entries) in lists {
            let name = if list == "allow" {
                "whitelist"
            } else {
                "blacklist"
            };
            out.insert(
                list_key(&user, name),
                entries.iter().map(|(e, _)| e.to_string()).collect(),
            );
        }
    }
    out
}

fn state_lists(appliance: &Appliance) -> BTreeMap<String, BTreeSet<String>> {
    for (key, entries) in &appliance.lists {
        let set: BTreeSet<&String> = entries.iter().collect();
        assert_eq!(
            set.len(),
            entries.len(),
            "a duplicate entry in {key}: {entries:?}"
        );
    }
    appliance
        .lists
        .iter()
        .map(|(k, v)| (k.clone(), v.iter().cloned().collect()))
        .collect()
}

/// Settings of the sample no public call writes: the runbook's steps.
const BY_HAND: &[&str] = &["policy.allowlist_enabled"];

#[test]
fn the_replayed_script_leaves_the_appliance_as_the_model_says_and_a_second_run_changes_nothing() {
    // Revealed: --show-secrets writes the LDAP password too.
    let config = model(SAMPLE, true);
    let script = restore_script(&["--show-secrets", SAMPLE]);
    let stub = Stub::new(Appliance::default());
    let (ok, out) = stub.run(&script, &[]);
    assert!(ok, "{out}");
    let after = stub.appliance();
    assert_eq!(
        state_settings(&after),
        model_settings(&config, BY_HAND),
        "calls: {:#?}",
        stub.calls()
    );
    assert_eq!(state_lists(&after), model_lists(&config));
    // The LDAP verification went in one legacy edit, never through the REST `/auth` call.
    let calls = stub.calls();
    assert!(calls.iter().all(|c| !c.contains("/auth")), "{calls:#?}");
    assert!(
        calls
            .iter()
            .any(|c| c.starts_with("GET /domain/edit?name=example.com&")
                && c.contains("rv=ldap")
                && c.contains("ldap_server=ldap.example.com&ldap_port=389")),
        "{calls:#?}"
    );
    // Every domain was looked up just before it was created.
    let posts: Vec<usize> = (0..calls.len())
        .filter(|&i| calls[i] == "POST /restapi/domains")
        .collect();
    assert_eq!(posts.len(), 3, "{calls:#?}");
    for i in posts {
        assert!(
            i > 0 && calls[i - 1].starts_with("GET /restapi/domains/"),
            "{calls:#?}"
        );
    }

    stub.clear_calls();
    let (ok, out) = stub.run(&script, &[]);
    assert!(ok, "{out}");
    assert_eq!(
        stub.appliance(),
        after,
        "the second run changed the appliance"
    );
    let calls = stub.calls();
    assert!(
        calls
            .iter()
            .all(|c| !c.starts_with("POST ") && !c.contains("/add?")),
        "the second run created or added something: {calls:#?}"
    );
}

#[test]
fn an_existing_domain_gets_its_destination_through_the_legacy_edit_and_no_entry_twice() {
    // Secrets are left out by default: the LDAP password is a step by hand.
    let config = model(SAMPLE, false);
    let mut before = Appliance {
        next_id: 7,
        ..Appliance::default()
    };
    before.domains.insert(
        "example.com".into(),
        Domain {
            id: 7,
            destination: "old-mx.example.com:25".into(),
            ..Domain::default()
        },
    );
    before.lists.insert(
        list_key("", "whitelist"),
        vec!["@partner.example.com".into()],
    );
    let script = restore_script(&[SAMPLE]);
    let stub = Stub::new(before);
    let (ok, out) = stub.run(&script, &[]);
    assert!(ok, "{out}");
    let after = stub.appliance();
    assert_eq!(after.domains["example.com"].id, 7, "not created again");
    assert_eq!(
        after.domains["example.com"].destination,
        "mail.example.com:25"
    );
    assert_eq!(state_settings(&after), model_settings(&config, BY_HAND));
    assert_eq!(state_lists(&after), model_lists(&config));
    let calls = stub.calls();
    assert!(
        !calls
            .iter()
            .any(|c| c.contains("sender=%40partner.example.com")),
        "an entry the list held was added again: {calls:#?}"
    );
    assert!(
        calls.iter().any(
            |c| c.starts_with("GET /domain/edit?name=example.com&server=mail.example.com%3A25")
        ),
        "{calls:#?}"
    );
}

#[test]
fn a_legacy_answer_with_stat_fail_stops_the_script() {
    let script = restore_script(&[SAMPLE]);
    let stub = Stub::new(Appliance::default());
    stub.fail("/domain/edit");
    let (ok, out) = stub.run(&script, &[]);
    assert!(!ok, "{out}");
    assert!(out.contains("does not say stat ok"), "{out}");
    // It stopped at the first failing call: nothing after it was made.
    let calls = stub.calls();
    assert!(
        calls.last().unwrap().starts_with("GET /domain/edit"),
        "{calls:#?}"
    );
}

#[test]
fn a_rest_error_stops_the_script() {
    let script = restore_script(&[SAMPLE]);
    let stub = Stub::new(Appliance::default());
    stub.fail("/restapi/domains/example.com/policy");
    let (ok, out) = stub.run(&script, &[]);
    assert!(!ok, "{out}");
    assert!(out.contains("error: 500"), "{out}");
}

#[test]
fn every_call_retries_transient_answers_with_backoff() {
    let script = restore_script(&[SAMPLE]);
    // Each of the two ways the script calls curl asks for retries (curl counts HTTP 429 as
    // transient, waits 1 s and doubles the wait, and follows Retry-After).
    let curl_lines: Vec<&str> = script
        .lines()
        .filter(|l| l.trim_start().starts_with("curl ") || l.contains("=$(curl "))
        .collect();
    assert_eq!(curl_lines.len(), 2, "{curl_lines:?}");
    assert!(
        curl_lines.iter().all(|l| l.contains("--retry 5")),
        "{curl_lines:?}"
    );
}

/// Real curl against a local server that answers 429 once: the options the script uses make
/// curl retry it (modern curl counts 429 as transient).
#[test]
fn curl_retries_a_429_with_the_scripts_options() {
    use std::io::{Read, Write};
    if std::process::Command::new("curl")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("curl is not installed: skipped");
        return;
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let mut answered = Vec::new();
        for (i, stream) in listener.incoming().take(2).enumerate() {
            let mut stream = stream.unwrap();
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let answer = if i == 0 {
                "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            } else {
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            };
            stream.write_all(answer.as_bytes()).unwrap();
            answered.push(i);
        }
        answered
    });
    let out = std::process::Command::new("curl")
        .args([
            "--fail",
            "--silent",
            "--show-error",
            "--path-as-is",
            "--retry",
            "5",
            "-X",
            "GET",
        ])
        .arg(format!("http://127.0.0.1:{port}/restapi/domains"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok");
    assert_eq!(server.join().unwrap().len(), 2);
}

#[test]
fn a_dry_run_prints_the_calls_of_a_fresh_appliance_and_makes_none() {
    let script = restore_script(&[SAMPLE]);
    let stub = Stub::new(Appliance::default());
    let (ok, out) = stub.run(&script, &["--dry-run"]);
    assert!(ok, "{out}");
    assert!(stub.calls().is_empty());
    let lines: Vec<&str> = out.lines().collect();
    let lookup = lines
        .iter()
        .position(|l| *l == "GET /restapi/domains/example.com")
        .expect(&out);
    assert!(
        lines[lookup + 1].starts_with("POST /restapi/domains "),
        "{out}"
    );
    assert!(
        lines.iter().any(
            |l| l.starts_with("PUT /restapi/domains/example.com/policy ")
                && l.contains("qreport_enabled=true")
        ),
        "{out}"
    );
    assert_eq!(stub.appliance(), Appliance::default());
}

/// Pre and post capture folders of `corp.example.com` from their `domains.csv` rows, in `dir`.
fn record_captures(dir: &std::path::Path, pre_row: &str, post_row: &str) -> (String, String) {
    let mut paths = Vec::new();
    for (side, version, row) in [("pre", "7.08", pre_row), ("post", "7.09", post_row)] {
        let folder = dir.join(side).join("st1");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("version.txt"), format!("{version}\n")).unwrap();
        std::fs::write(folder.join("domains.csv"), format!("{row}\n")).unwrap();
        paths.push(folder.display().to_string());
    }
    (paths.remove(0), paths.remove(0))
}

#[test]
fn a_verification_reset_by_the_upgrade_is_put_back_whole_on_an_appliance_that_refuses_pieces() {
    let dir = tempfile::tempdir().unwrap();
    let (pre, post) = record_captures(
        dir.path(),
        "corp.example.com,mail.corp.example.com:25,LDAP,ldap.corp.example.com:389,\
         \"cn=reader,dc=corp,dc=example,dc=com\",Ld4p-S3cret,(mail=%s),\"dc=corp,dc=example,dc=com\",mail",
        "corp.example.com,mail.corp.example.com:25,none",
    );
    // The appliance after the upgrade: verification none, no LDAP fields. It refuses
    // `rv=ldap` without the LDAP server in the same call.
    let mut after_upgrade = Appliance {
        next_id: 3,
        ..Appliance::default()
    };
    let mut edit = BTreeMap::new();
    edit.insert("rv".to_string(), "none".to_string());
    after_upgrade.domains.insert(
        "corp.example.com".into(),
        Domain {
            id: 3,
            destination: "mail.corp.example.com:25".into(),
            edit,
            ..Domain::default()
        },
    );
    let script = restore_script(&[&pre, "--against", &post]);
    let stub = Stub::new(after_upgrade);
    let (ok, out) = stub.run(&script, &[]);
    assert!(ok, "{out}\ncalls: {:#?}", stub.calls());
    let held = &stub.appliance().domains["corp.example.com"].edit;
    let expected = [
        ("rv", "ldap"),
        ("ldap_server", "ldap.corp.example.com"),
        ("ldap_port", "389"),
        ("ldap_search_dn", "cn=reader,dc=corp,dc=example,dc=com"),
        ("ldap_filter", "(mail=%s)"),
        ("ldap_searchbase", "dc=corp,dc=example,dc=com"),
        ("ldap_result_attribute", "mail"),
    ];
    for (field, value) in expected {
        assert_eq!(
            held.get(field).map(String::as_str),
            Some(value),
            "{field}: {held:?}"
        );
    }
    // The password is a secret: a step by hand, never sent.
    assert!(!held.contains_key("ldap_password"), "{held:?}");
}

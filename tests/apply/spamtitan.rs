//! SpamTitan: the plan file's digest stands for the reviewed bash script, which apply reads
//! back into its API calls and makes against a stateful stub appliance over real HTTP (and
//! TLS): the loop closes (fetch, explained diff, restore, proof, apply, fetch, explained diff),
//! and a dropped connection or a lost answer leaves a journal `--resume` finishes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common;
use crate::common::st_server::{Drop, Server};
use crate::common::st_stub::{list_key, Appliance, Domain};

use assert_cmd::cargo::CommandCargoExt;

const TOKEN: &str = "st-apply-T0KEN-9f8e";

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = std::process::Command::cargo_bin("carryover")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .env("ST_TOKEN", TOKEN)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!out.contains(TOKEN) && !err.contains(TOKEN), "{out}{err}");
    (output.status.code().unwrap_or(-1), out, err)
}

/// The appliance before its upgrade: a domain with dynamic recipient verification, two
/// entries in the global allow list.
fn before() -> Appliance {
    let mut appliance = Appliance {
        next_id: 3,
        ..Appliance::default()
    };
    appliance.domains.insert(
        "corp.example.com".into(),
        Domain {
            id: 3,
            destination: "mail.corp.example.com:25".into(),
            edit: BTreeMap::from([
                ("rv".to_string(), "dynamic".to_string()),
                (
                    "dyn_server".to_string(),
                    "mail.corp.example.com".to_string(),
                ),
            ]),
            ..Domain::default()
        },
    );
    appliance.lists.insert(
        list_key("", "whitelist"),
        vec!["@partner.example.com".into(), "b@odd.example".into()],
    );
    appliance
}

/// What the upgrade did: verification back to none, one allow-list entry gone.
fn upgraded(server: &Server) {
    server.set(|s| {
        s.version = "7.09".into();
        let domain = s.appliance.domains.get_mut("corp.example.com").unwrap();
        domain.edit = BTreeMap::from([("rv".to_string(), "none".to_string())]);
        s.appliance.lists.insert(
            list_key("", "whitelist"),
            vec!["@partner.example.com".into()],
        );
    });
}

/// Fetches the appliance into `into`, then saves the UI's domains export in the capture as
/// its user would (no API call reads recipient verification). The capture's folder.
fn fetch(dir: &Path, server: &Server, into: &str) -> String {
    let port = server.port.to_string();
    let args = [
        "fetch",
        "127.0.0.1",
        "--vendor",
        "spamtitan",
        "--port",
        &port,
        "--plaintext",
        "--token-env",
        "ST_TOKEN",
        "--into",
        into,
    ];
    let (status, out, err) = run(dir, &args);
    assert!(status == 0 || status == 1, "{status} {out}{err}");
    let folder = format!("{into}/127-0-0-1");
    std::fs::write(dir.join(&folder).join("domains.csv"), server.domains_csv()).unwrap();
    folder
}

fn apply_args(port: &str, more: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "apply",
        "r.sh",
        "127.0.0.1",
        "--port",
        port,
        "--plaintext",
        "--token-env",
        "ST_TOKEN",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(more.iter().map(|s| s.to_string()));
    args
}

/// The JSON report on standard output, checked against the committed schema.
fn valid_json(out: &str) -> serde_json::Value {
    let instance: serde_json::Value =
        serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON: {e}\n{out}"));
    let schema =
        std::fs::read_to_string(common::root().join("docs/schema/apply.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}\n{out}", errors.join("\n"));
    instance
}

fn run_strings(dir: &Path, args: &[String]) -> (i32, String, String) {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(dir, &args)
}

/// Pre capture, upgrade, post capture, the restore against it: the server and the folders.
fn upgraded_with_restore(dir: &Path) -> (Server, String, String) {
    let server = Server::plain(before(), "7.08", TOKEN);
    let pre = fetch(dir, &server, "pre");
    upgraded(&server);
    let post = fetch(dir, &server, "post");
    let (status, out, err) = run(
        dir,
        &[
            "restore",
            "--to",
            "7.09",
            &pre,
            "--against",
            &post,
            "-o",
            "r.sh",
        ],
    );
    assert_eq!(status, 0, "{out}{err}");
    (server, pre, post)
}

#[test]
fn the_loop_closes_after_a_dropped_connection_and_a_resume() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let (server, pre, post) = upgraded_with_restore(dir);
    let (status, out, err) = run(dir, &["diff", "--explain", &pre, &post]);
    assert_eq!(status, 1, "{out}{err}");
    // The proof: once the script has run, only expected differences remain.
    let (status, out, err) = run(
        dir,
        &[
            "restore",
            "--check",
            "--to",
            "7.09",
            &pre,
            "--against",
            &post,
        ],
    );
    assert_eq!(status, 0, "{out}{err}");
    let script = std::fs::read_to_string(dir.join("r.sh")).unwrap();
    assert!(script.contains("rv=dynamic"), "{script}");
    let port = server.port.to_string();

    // Without a terminal, --yes is needed; a dry run sends nothing.
    let (status, _, err) = run_strings(dir, &apply_args(&port, &[]));
    assert_eq!(status, 2, "{err}");
    let (status, out, err) = run_strings(dir, &apply_args(&port, &["--dry-run"]));
    assert_eq!(status, 0, "{out}{err}");
    assert!(
        out.contains("/domain/edit") || err.contains("/domain/edit"),
        "{out}{err}"
    );
    assert_eq!(server.with(|s| s.writes), 0);
    assert!(!dir.join("r.sh.journal").exists());

    // The connection drops at the first write, before the appliance takes it.
    server.set(|s| s.drop_at = Some((1, Drop::Before)));
    let (status, out, err) = run_strings(dir, &apply_args(&port, &["--yes", "--format", "json"]));
    assert_eq!(status, 2, "{out}{err}");
    assert!(err.contains("r.sh:"), "{err}");
    // The report is written on this exit too, the error in it.
    let report = valid_json(&out);
    assert_eq!(report["status"], "stopped", "{out}");
    assert!(
        report["errors"][0].as_str().unwrap().contains("r.sh:"),
        "{out}"
    );
    let journal = std::fs::read_to_string(dir.join("r.sh.journal")).unwrap();
    assert!(
        journal.contains("\"sent\"") && !journal.contains("\"finished\""),
        "{journal}"
    );
    assert!(!journal.contains(TOKEN));
    // Without --resume, an unfinished journal stops the run.
    let (status, _, err) = run_strings(dir, &apply_args(&port, &["--yes"]));
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("--resume"), "{err}");

    let (status, out, err) = run_strings(
        dir,
        &apply_args(&port, &["--yes", "--resume", "--format", "json"]),
    );
    assert_eq!(status, 0, "{out}{err}");
    let report = valid_json(&out);
    assert_eq!(report["status"], "applied", "{out}");
    assert_eq!(report["sent"], 2, "{out}");
    let appliance = server.with(|s| s.appliance.clone());
    let domain = &appliance.domains["corp.example.com"];
    assert_eq!(domain.edit.get("rv").map(String::as_str), Some("dynamic"));
    assert_eq!(
        domain.edit.get("dyn_server").map(String::as_str),
        Some("mail.corp.example.com")
    );
    assert_eq!(
        appliance.lists[&list_key("", "whitelist")],
        ["@partner.example.com", "b@odd.example"]
    );

    // A second apply sends nothing, not even a login.
    let calls = server.with(|s| s.calls.len());
    let (status, out, err) = run_strings(dir, &apply_args(&port, &["--yes"]));
    assert_eq!(status, 0, "{out}{err}");
    assert_eq!(server.with(|s| s.calls.len()), calls);

    let after = fetch(dir, &server, "after");
    let (status, out, err) = run(dir, &["diff", "--explain", &pre, &after]);
    assert_eq!(status, 0, "{out}{err}");
}

#[test]
fn a_lost_answer_is_sent_again_and_its_guard_changes_nothing_more() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let (server, _, _) = upgraded_with_restore(dir);
    let port = server.port.to_string();
    // Every write of the script is taken, and the answer of the last is lost.
    let writes = {
        let (status, out, err) = run_strings(dir, &apply_args(&port, &["--dry-run"]));
        assert_eq!(status, 0, "{out}{err}");
        2
    };
    server.set(|s| s.drop_at = Some((writes, Drop::After)));
    let (status, out, err) = run_strings(dir, &apply_args(&port, &["--yes"]));
    assert_eq!(status, 2, "{out}{err}");
    let (status, out, err) = run_strings(dir, &apply_args(&port, &["--yes", "--resume"]));
    assert_eq!(status, 0, "{out}{err}");
    let appliance = server.with(|s| s.appliance.clone());
    // The entry is in the list once: the list was read again before the add.
    assert_eq!(
        appliance.lists[&list_key("", "whitelist")],
        ["@partner.example.com", "b@odd.example"]
    );
}

#[test]
fn the_wrong_appliance_version_or_inferred_calls_send_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let (server, _, _) = upgraded_with_restore(dir);
    let port = server.port.to_string();
    // Another appliance: its name is not the one the captures carry.
    let mut args = apply_args(&port, &["--yes"]);
    args[2] = "localhost".into();
    let (status, _, err) = run_strings(dir, &args);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("nothing was sent"), "{err}");
    // A version the appliance has not reached.
    server.set(|s| s.version = "7.08".into());
    let (status, _, err) = run_strings(dir, &apply_args(&port, &["--yes"]));
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("7.08"), "{err}");
    server.set(|s| s.version = "7.09".into());
    assert_eq!(server.with(|s| s.writes), 0);
    // A block-list entry goes through an inferred call: refused without --send-inferred.
    let text = std::fs::read_to_string(dir.join("r.sh")).unwrap();
    assert!(!text.contains("\nlist_add --inferred"), "{text}");
}

#[test]
fn a_script_changed_after_restore_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::root().join("samples/spamtitan/7.08");
    let sample = sample.to_str().unwrap();
    let (status, _, err) = run(
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
    // The sample's block list goes through an inferred call.
    let (status, _, err) = run(dir.path(), &apply);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("--send-inferred"), "{err}");
    let mut script = std::fs::read_to_string(dir.path().join("r.sh")).unwrap();
    script.push_str("curl -X DELETE https://example.invalid/\n");
    std::fs::write(dir.path().join("r.sh"), script).unwrap();
    let (status, _, err) = run(dir.path(), &apply);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("the script changed after restore wrote it"),
        "{err}"
    );
}

/// The appliance before its upgrade with a second domain, which the upgrade loses.
fn with_sales() -> Appliance {
    let mut appliance = before();
    appliance.domains.insert(
        "sales.example.com".into(),
        Domain {
            id: 4,
            destination: "mx.sales.example.com:25".into(),
            ..Domain::default()
        },
    );
    appliance.next_id = 4;
    appliance
}

#[test]
fn drift_a_refusal_and_tls() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let server = Server::plain(with_sales(), "7.08", TOKEN);
    let pre = fetch(dir, &server, "pre");
    upgraded(&server);
    server.set(|s| {
        s.appliance.domains.remove("sales.example.com");
    });
    let post = fetch(dir, &server, "post");
    let (status, out, err) = run(
        dir,
        &[
            "restore",
            "--to",
            "7.09",
            &pre,
            "--against",
            &post,
            "-o",
            "r.sh",
        ],
    );
    assert_eq!(status, 0, "{out}{err}");
    let script = std::fs::read_to_string(dir.join("r.sh")).unwrap();
    assert!(script.contains("domain_ensure"), "{script}");
    let port = server.port.to_string();

    // Someone made the domain again, elsewhere, after the post capture: drift, nothing sent.
    server.set(|s| {
        s.appliance.domains.insert(
            "sales.example.com".into(),
            Domain {
                id: 9,
                destination: "elsewhere.example.net:25".into(),
                ..Domain::default()
            },
        );
    });
    let (status, _, err) = run_strings(dir, &apply_args(&port, &["--yes"]));
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("sales.example.com/domain.destination"),
        "{err}"
    );
    assert_eq!(server.with(|s| s.writes), 0);
    assert!(!dir.join("r.sh.journal").exists());
    server.set(|s| {
        s.appliance.domains.remove("sales.example.com");
    });

    // The legacy edit is refused: the run stops there, and resumes once it is fixed.
    server.set(|s| s.refuse = Some("/domain/edit".into()));
    let (status, _, err) = run_strings(dir, &apply_args(&port, &["--yes"]));
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("refused by the test"), "{err}");
    let journal = std::fs::read_to_string(dir.join("r.sh.journal")).unwrap();
    assert!(journal.contains("\"ok\":false"), "{journal}");

    // The rest goes over TLS, to the same appliance: the certificate trusted with --ca.
    let state = server.with(|s| s.appliance.clone());
    let tls = Server::tls(state, "7.09", TOKEN);
    let ca = tls.write_certificate(dir);
    let port = tls.port.to_string();
    let mut args = apply_args(&port, &["--yes", "--resume", "--ca", ca.to_str().unwrap()]);
    args.retain(|a| a != "--plaintext");
    let (status, out, err) = run_strings(dir, &args);
    assert_eq!(status, 0, "{out}{err}");
    let appliance = tls.with(|s| s.appliance.clone());
    assert_eq!(
        appliance.domains["sales.example.com"].destination,
        "mx.sales.example.com:25"
    );
    assert_eq!(
        appliance.domains["corp.example.com"]
            .edit
            .get("rv")
            .map(String::as_str),
        Some("dynamic")
    );
}

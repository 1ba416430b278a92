//! SpamTitan, item by item: unverified preconditions block until confirmed; settings no API
//! reads are recorded in a checked by-hand template and listed as console steps; the catalog
//! agrees with the public facts (legacy edit for verification, bracketed sub-keys, XML list
//! answers, evidence tags, policy vocabularies, UI words, placeholders).

use crate::common;
use crate::common::st_stub;

use common::run;
use st_stub::{Appliance, Domain, Stub};

/// Answers the stub `curl`'s calls when this binary is run as the stub; checks the stub's
/// round trip otherwise.
#[test]
fn curl_stub() {
    st_stub::curl_stub();
}

const SAMPLE: &str = "samples/spamtitan/7.08/st01";

/// Runs the binary; exit code, standard output and standard error.
fn run_all(args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(common::root())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the 7.08 sample, changed by `f`.
fn sample_copy(f: impl FnOnce(&std::path::Path)) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("st01");
    common::copy_dir(&common::root().join(SAMPLE), &st);
    f(&st);
    let arg = st.to_str().unwrap().to_string();
    (dir, arg)
}

fn plan_json(args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["plan", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out) = run(&all);
    (code, serde_json::from_str(&out).unwrap_or_default())
}

// A. Unverified preconditions of an irreversible update block until confirmed.

#[test]
fn p2_to_p6_block_until_the_operator_confirms_each() {
    // The note lists all six as required conditions (アップデートに必要な条件).
    let (code, json) = plan_json(&["--to", "7.09", SAMPLE]);
    assert_eq!(code, 1);
    assert_eq!(
        json["blocking"],
        serde_json::json!([
            "ST-7.09-P-2",
            "ST-7.09-P-3",
            "ST-7.09-P-4",
            "ST-7.09-P-5",
            "ST-7.09-P-6"
        ])
    );
    let (code, json) = plan_json(&["--to", "7.09", "--confirm", "ST-7.09-P-5", SAMPLE]);
    assert_eq!(code, 1);
    assert_eq!(
        json["blocking"],
        serde_json::json!(["ST-7.09-P-2", "ST-7.09-P-3", "ST-7.09-P-4", "ST-7.09-P-6"])
    );
    let (code, json) = plan_json(&[
        "--to",
        "7.09",
        "--confirm",
        "ST-7.09-P-2",
        "--confirm",
        "ST-7.09-P-3",
        "--confirm",
        "ST-7.09-P-4",
        "--confirm",
        "ST-7.09-P-5",
        "--confirm",
        "ST-7.09-P-6",
        SAMPLE,
    ]);
    // Nothing blocks now; the error-level findings (backups made unusable) still exit 1.
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["blocking"], serde_json::json!([]), "{json}");
    for id in [
        "ST-7.09-P-2",
        "ST-7.09-P-3",
        "ST-7.09-P-4",
        "ST-7.09-P-5",
        "ST-7.09-P-6",
    ] {
        let f = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == id)
            .unwrap();
        assert_eq!(f["status"], "confirmed");
        let summary = f["summary"].as_str().unwrap();
        assert!(summary.contains("confirmed by the operator"), "{summary}");
        assert!(!summary.contains("checked"), "{summary}");
    }
    // The browser (できる限り: as far as possible) is advice and never blocks.
    assert!(!json["blocking"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b == "ST-7.09-P-7"));
}

#[test]
fn a_mistyped_confirmation_is_an_error() {
    let (code, _, err) = run_all(&["plan", "--to", "7.09", "--confirm", "ST-7.09-P4", SAMPLE]);
    assert_eq!(code, 2);
    assert!(
        err.contains("ST-7.09-P4") && err.contains("blocking now"),
        "{err}"
    );
}

#[test]
fn mos_n5_blocks_while_the_license_is_missing_from_the_capture() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg01.log");
    std::fs::write(&log, "rg01> version\nMOS4.1.9-GA\nOK Completed\n").unwrap();
    let log = log.to_str().unwrap();
    let (code, json) = plan_json(&["--to", "4.2.3", log]);
    assert_eq!(code, 1);
    assert!(
        json["blocking"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("MOS-4.2.3-N-5")),
        "{json}"
    );
    // N-3 (cluster membership) and N-4 (no `backup status`) are the note's gates, confirmed
    // here too.
    let (code, json) = plan_json(&[
        "--to",
        "4.2.3",
        "--confirm",
        "MOS-4.2.3-N-5",
        "--confirm",
        "MOS-4.2.3-N-3",
        "--confirm",
        "MOS-4.2.3-N-4",
        log,
    ]);
    assert_eq!(code, 1, "warning-level findings remain: {json}");
    assert_eq!(json["blocking"], serde_json::json!([]), "{json}");
    // A listing without the license still blocks, and no confirmation hides that.
    std::fs::write(
        dir.path().join("rg01.log"),
        "rg01> version\nMOS4.1.9-GA\nOK Completed\nrg01> license status\nAntivirus Enabled\nOK Completed\n",
    )
    .unwrap();
    let (code, json) = plan_json(&["--to", "4.2.3", "--confirm", "MOS-4.2.3-N-5", log]);
    assert_eq!(code, 1, "{json}");
}

// B. Settings a backup drops and no API reads: a checked template, and console steps.

#[test]
fn the_capture_script_writes_the_template_and_xml_lists_and_says_what_it_could_not_capture() {
    if std::process::Command::new("jq")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("jq is not installed: the capture script needs it; skipped");
        return;
    }
    let mut state = Appliance::default();
    state.domains.insert(
        "example.com".into(),
        Domain {
            id: 3,
            destination: "mail.example.com:25".into(),
            ..Domain::default()
        },
    );
    state.lists.insert(
        st_stub::list_key("", "whitelist"),
        vec!["newsletter@vendor.example".into(), "a&b@example.com".into()],
    );
    let stub = Stub::new(state);
    // No public client calls /blacklist/*: on this appliance it fails.
    stub.fail("/blacklist/list");
    let (_, script) = run(&["capture", "--vendor", "spamtitan"]);
    let (ok, out) = stub.run(&script, &["st01"]);
    assert!(ok, "{out}");
    assert!(out.contains("not captured: the version"), "{out}");
    let folder = stub_folder(&stub).join("st01");
    let template = std::fs::read_to_string(folder.join("by-hand.txt")).unwrap();
    assert!(template.contains("relay.smarthost = <"), "{template}");
    assert!(folder.join("lists/global/allow.xml").exists());
    let (code, show, err) = run_all(&["show", "--format", "json", folder.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(
        json["config"]["lists"]["global"]["allow"],
        serde_json::json!(["a&b@example.com", "newsletter@vendor.example"])
    );
    // The failed block list is not captured, and says so: not an empty list.
    assert_eq!(
        json["config"]["lists"]["global"]["block"],
        serde_json::json!({"not_captured": true}),
        "{show}"
    );
    assert!(
        err.contains("stat fail") && err.contains("not captured"),
        "{err}"
    );
    // The template as written: every setting not captured, and said so.
    assert!(err.contains("`relay.smarthost` is not filled in"), "{err}");
    assert!(err.contains("was not filled in"), "{err}");
    let (_, plan, _) = run_all(&["plan", "--to", "7.09", folder.to_str().unwrap()]);
    assert!(
        plan.contains("ST-7.09-N-4") && plan.contains("cluster membership not captured"),
        "{plan}"
    );
}

fn stub_folder(stub: &Stub) -> std::path::PathBuf {
    // The stub runs scripts in its `work` folder.
    let (_, out) = stub.run("pwd\n", &[]);
    std::path::PathBuf::from(out.trim())
}

#[test]
fn a_bad_template_is_an_error_and_an_unfilled_line_is_not_captured() {
    let (_d, st) = sample_copy(|st| {
        let text = std::fs::read_to_string(st.join("by-hand.txt")).unwrap();
        std::fs::write(
            st.join("by-hand.txt"),
            text.replace("relay.tls.enabled = yes", "relay.tls.enabled = maybe"),
        )
        .unwrap();
    });
    let (code, _, err) = run_all(&["show", &st]);
    assert_eq!(code, 2);
    assert!(
        err.contains("by-hand.txt:12") && err.contains("not yes or no"),
        "{err}"
    );

    let (_d, st) = sample_copy(|st| {
        let text = std::fs::read_to_string(st.join("by-hand.txt")).unwrap();
        std::fs::write(
            st.join("by-hand.txt"),
            text.replace(
                "relay.smarthost = relay.isp.example:587",
                "relay.smarthost = <smart host as host:port, or none>",
            ),
        )
        .unwrap();
    });
    let (code, out, err) = run_all(&["diff", SAMPLE, &st]);
    // Not captured, so not compared: it counts toward the exit status, as a difference does.
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("by-hand.txt:7: warning: `relay.smarthost` is not filled in"),
        "{err}"
    );
    assert!(
        out.contains("? settings/system/system.relay.smarthost"),
        "not captured, so not compared (never removed): {out}"
    );
}

#[test]
fn the_runbook_lists_each_setting_no_api_writes_as_a_console_step_with_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let runbook = dir.path().join("runbook.md");
    let (code, _) = run(&[
        "restore",
        "--to",
        "7.09",
        "--runbook",
        runbook.to_str().unwrap(),
        "-o",
        dir.path().join("restore.sh").to_str().unwrap(),
        SAMPLE,
    ]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(runbook).unwrap();
    for step in [
        "system: set system.relay.smarthost to `relay.isp.example:587` in System Setup > Mail Relay > Outbound",
        "system: set system.cluster.role to `primary` in System Setup > Cluster",
        "system: set system.cluster.peer to `st02.example.com` in System Setup > Cluster",
        "system: set system.relay.tls.protocols.1 to `TLSv1.3` in System Setup > Mail Relay > TLS",
        "system: set system.relay.sasl.username to `st01` in System Setup > Mail Relay > SASL",
    ] {
        assert!(text.contains(step), "{step}\n{text}");
    }
    assert!(
        text.contains("by-hand.txt"),
        "the check says to fill in the template"
    );
}

#[test]
fn a_standalone_node_is_no_cluster_node() {
    let (_d, st) = sample_copy(|st| {
        let text = std::fs::read_to_string(st.join("by-hand.txt")).unwrap();
        std::fs::write(
            st.join("by-hand.txt"),
            text.replace("cluster.role = master", "cluster.role = standalone")
                .replace("cluster.peer = st02.example.com", "cluster.peer = none"),
        )
        .unwrap();
    });
    let (_, out) = run(&["gaps", &st]);
    assert!(!out.contains("cluster membership"), "{out}");
    assert!(!out.contains("ST-7.09-N-4"), "{out}");
}

// C. The catalog against the public facts.

#[test]
fn verification_goes_through_the_legacy_edit_and_auth_takes_bracketed_sub_keys() {
    let (_d, st) = sample_copy(|st| {
        std::fs::write(
            st.join("api/domains/example.com/auth.json"),
            r#"{"auth_type": "imap", "imap": {"server": "imap.example.com", "port": 993, "secure": true, "address_type": "user@domain"}}"#,
        )
        .unwrap();
    });
    let (code, script) = run(&["restore", "--to", "7.09", &st]);
    assert_eq!(code, 0);
    assert!(
        script.contains(
            "field rest PUT '/restapi/domains/example.com/auth' '' 'imap[server]=imap.example.com'"
        ),
        "{script}"
    );
    // Recipient verification never reaches the end-user authentication call.
    for line in script.lines().filter(|l| l.contains("/auth'")) {
        assert!(
            !line.contains("rv=") && !line.contains("verification") && !line.contains("ldap"),
            "{line}"
        );
    }
    let stub = Stub::new(Appliance::default());
    let (ok, out) = stub.run(&script, &[]);
    assert!(ok, "{out}");
    let d = &stub.appliance().domains["example.com"];
    assert_eq!(d.auth["auth_type"], "imap");
    assert_eq!(d.auth["imap[server]"], "imap.example.com");
    assert_eq!(d.auth["imap[port]"], "993");
    assert_eq!(d.auth["imap[secure]"], "true");
    assert_eq!(d.edit["rv"], "ldap");
    assert_eq!(d.edit["ldap_searchbase"], "dc=example,dc=com");
}

#[test]
fn a_realistic_xml_answer_reads_and_a_failed_one_is_not_captured() {
    // The 7.09 sample holds the legacy API's XML answers; it reads as the 7.08 text lists.
    let (code, out) = run(&[
        "diff",
        "--ignore",
        "appliance/version",
        "--ignore",
        "updates/*",
        SAMPLE,
        "samples/spamtitan/7.09/st01",
    ]);
    assert_eq!(
        (code, out.as_str()),
        (0, "0 differences: 0 added, 0 removed, 0 changed\n")
    );

    let (_d, st) = sample_copy(|st| {
        std::fs::remove_file(st.join("lists/global/whitelist.txt")).unwrap();
        std::fs::write(
            st.join("lists/global/allow.xml"),
            "<?xml version=\"1.0\"?>\n<response>\n  <stat>fail</stat>\n  <error>Too many requests</error>\n</response>\n",
        )
        .unwrap();
    });
    let (code, out, err) = run_all(&["diff", SAMPLE, &st]);
    // Not captured, so not compared: it counts toward the exit status, as a difference does.
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("allow.xml:1: warning: the legacy API answered stat fail: Too many requests"),
        "{err}"
    );
    assert!(
        !out.contains("- lists/global/allow"),
        "never removed: {out}"
    );
    assert!(
        out.contains("? lists/global/allow/newsletter@vendor.example"),
        "{out}"
    );

    // stat as an attribute, entities, a comment, and an element that is no entry.
    let (_d, st) = sample_copy(|st| {
        std::fs::remove_file(st.join("lists/global/whitelist.txt")).unwrap();
        std::fs::write(
            st.join("lists/global/allow.xml"),
            "<response stat=\"ok\"><list><entry><sender>Tom&amp;Jerry@Example.COM</sender><comment>cartoon</comment></entry>\
             <entry><sender><![CDATA[@partner.example.com]]></sender></entry><owner>admin</owner></list></response>",
        )
        .unwrap();
    });
    let (code, out) = run(&["show", "--unrecognized", &st]);
    assert_eq!(code, 1);
    assert!(out.contains("<owner>admin</owner>"), "{out}");
    let (_, json) = run(&["show", "--format", "json", &st]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        json["config"]["lists"]["global"]["allow"],
        serde_json::json!(["@partner.example.com", "tom&jerry@example.com # cartoon"])
    );

    // Not XML at all, or no `response`: an error naming the file.
    for bad in [
        "<response><stat>ok</stat>",
        "<html><body>Login</body></html>",
    ] {
        let (_d, st) = sample_copy(|st| {
            std::fs::write(st.join("lists/global/whitelist.txt"), bad).unwrap();
        });
        let (code, _, err) = run_all(&["show", &st]);
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains("whitelist.txt"), "{err}");
    }
}

#[test]
fn inferred_calls_are_marked_where_the_scripts_rely_on_them() {
    let api = include_str!("../../src/vendors/spamtitan/api.ron");
    assert!(
        !api.contains("7.06+"),
        "which 7.x first had REST is not public"
    );
    assert!(
        api.contains("\"block\": (list: \"/blacklist/list\", add: \"/blacklist/add\", source: I)")
    );
    assert!(
        api.contains("\"allow\": (list: \"/whitelist/list\", add: \"/whitelist/add\", source: C)")
    );
    assert!(api.contains("nor to have left them [I]"));
    let (_, script) = run(&["restore", "--to", "7.09", SAMPLE]);
    for line in script.lines().filter(|l| l.starts_with("list_add ")) {
        assert_eq!(
            line.contains("/blacklist/"),
            line.starts_with("list_add --inferred "),
            "{line}"
        );
    }
    let (_, capture) = run(&["capture", "--vendor", "spamtitan"]);
    let lines: Vec<&str> = capture.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let calls_inferred =
            line.contains("/blacklist/list") || line.contains("/restapi/system/version");
        if calls_inferred && !line.trim_start().starts_with('#') {
            let remarks = lines[i.saturating_sub(2)..=i].join("\n");
            assert!(remarks.contains("[I"), "no [I] remark at: {line}");
        }
    }
}

#[test]
fn legacy_policy_names_are_mapped_to_the_rest_call_and_the_rest_go_through_the_legacy_one() {
    let (_d, st) = sample_copy(|st| {
        std::fs::write(
            st.join("api/domains/example.com/policy.json"),
            r#"{"digest": "D", "report_type": "A", "spam_kill_level": 6.5, "spam_modifies_subj": "Y"}"#,
        )
        .unwrap();
        std::fs::create_dir_all(st.join("api/domains/example.net")).unwrap();
        std::fs::write(
            st.join("api/domains/example.net/policy.json"),
            r#"{"digest": "WD", "report_type": "X"}"#,
        )
        .unwrap();
    });
    let (code, script) = run(&["restore", "--to", "7.09", &st]);
    assert_eq!(code, 0);
    let stub = Stub::new(Appliance::default());
    let (ok, out) = stub.run(&script, &[]);
    assert!(ok, "{out}");
    let after = stub.appliance();
    let com = &after.domains["example.com"];
    assert_eq!(com.policy["qreport_enabled"], "true");
    assert_eq!(com.policy["qreport_frequency"], "D");
    assert_eq!(com.policy["qreport_contains"], "A");
    assert_eq!(com.legacy_policy["spam_kill_level"], "6.5");
    assert_eq!(com.legacy_policy["spam_modifies_subj"], "Y");
    assert!(!com.legacy_policy.contains_key("digest"));
    // No REST counterpart: written under the legacy names.
    let net = &after.domains["example.net"];
    assert!(net.policy.is_empty(), "{net:?}");
    assert_eq!(net.legacy_policy["digest"], "WD");
    assert_eq!(net.legacy_policy["report_type"], "X");
}

#[test]
fn child_and_the_ui_labels_read_in_the_7_09_words() {
    let (_d, st) = sample_copy(|st| {
        let text = std::fs::read_to_string(st.join("by-hand.txt")).unwrap();
        std::fs::write(
            st.join("by-hand.txt"),
            text.replace("cluster.role = master", "cluster.role = child"),
        )
        .unwrap();
        std::fs::rename(
            st.join("lists/global/whitelist.txt"),
            st.join("lists/global/Global Whitelist.csv"),
        )
        .unwrap();
        std::fs::rename(
            st.join("lists/domain/example.com/whitelist.txt"),
            st.join("lists/domain/example.com/Whitelisted Domains.txt"),
        )
        .unwrap();
    });
    let (_, json) = run(&["show", "--format", "json", &st]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        json["config"]["settings"]["system"]["system.cluster.role"],
        "secondary"
    );
    assert_eq!(
        json["config"]["lists"]["global"]["allow"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        json["config"]["lists"]["example.com"]["allow"],
        serde_json::json!(["orders@supplier.example"])
    );
    // "Allow & Block List" names both lists: no one list, said so.
    let (_d, st) = sample_copy(|st| {
        std::fs::write(
            st.join("lists/global/Allow & Block List.csv"),
            "x@example.com\n",
        )
        .unwrap();
    });
    let (code, out) = run(&["show", "--unrecognized", &st]);
    assert_eq!(code, 1);
    assert!(out.contains("Allow & Block List.csv"), "{out}");
}

#[test]
fn every_placeholder_is_written_as_what_goes_there() {
    use carryover::knowledge::Remedy;
    use carryover::vendors::spamtitan::SpamTitan;
    use carryover::vendors::{CapturePlan, Knowledge, RestoreScript};
    let allowed = [
        "API", "REST", "XML", "JSON", "HTTP", "GET", "POST", "PUT", "LDAP", "SASL", "TLS", "SSL",
        "RAM", "GB", "MTA", "UI", "GUI", "CLI", "VM", "URL", "DNS", "ST_HOST", "ST_TOKEN",
        "BACKUP", "DROPS", "IP", "OK", "TLSV1",
    ];
    let check = |what: &str, text: &str| {
        for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            let upper = word.len() > 1
                && word
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
                && word.chars().any(|c| c.is_ascii_uppercase());
            assert!(
                !upper || allowed.contains(&word),
                "{what}: `{word}` looks like a placeholder; write <what goes here>: {text}"
            );
        }
        assert!(
            !text.contains('{') || text.contains("${"),
            "{what}: a template: {text}"
        );
        // Every `<` opens a placeholder of words that closes.
        for piece in text.split('<').skip(1) {
            assert!(piece.contains('>'), "{what}: an open placeholder: {text}");
        }
    };
    for release in SpamTitan.releases() {
        for entry in &release.entries {
            for remedy in &entry.remedy {
                match remedy {
                    Remedy::Cli(t) | Remedy::Check(t) | Remedy::Dns(t) | Remedy::Suggest(t) => {
                        check(&entry.id, t)
                    }
                    Remedy::Console { page, action } => {
                        check(&entry.id, page);
                        check(&entry.id, action);
                    }
                    Remedy::CliNoted { command, note } => {
                        check(&entry.id, command);
                        check(&entry.id, note);
                    }
                    Remedy::Elsewhere { on, command, note } => {
                        check(&entry.id, on);
                        for text in command.iter().chain(note) {
                            check(&entry.id, text);
                        }
                    }
                    Remedy::Prompt { prompt, answer } => {
                        check(&entry.id, prompt);
                        check(&entry.id, answer);
                    }
                    Remedy::Patch { .. } => {}
                }
            }
        }
    }
    let words = carryover::render::message::words;
    check(
        "how_to_apply",
        &words(&SpamTitan.how_to_apply("restore.sh")),
    );
    check("how_to_recapture", &words(&SpamTitan.how_to_recapture()));
    let remarks = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.trim_start().starts_with("# ") || l.trim_start().starts_with("echo "))
            .map(str::to_string)
            .collect()
    };
    for line in remarks(SpamTitan.script().unwrap()) {
        check("capture.sh", &line);
    }
    for line in remarks(SpamTitan.prologue()) {
        check("restore prologue", &line);
    }
}

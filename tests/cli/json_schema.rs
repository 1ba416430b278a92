//! Every JSON output has a JSON Schema under `docs/schema/`, generated from the types that
//! write it: the committed files must be current, and real output on the samples must
//! validate against them. The schemas are strict themselves: a key they do not name fails.
//!
//! After changing an output type: `CARRYOVER_UPDATE_SCHEMAS=1 cargo test --test cli
//! json_schema::`, then read `git diff docs/schema/`.

use crate::common;

use common::{root, run};

fn committed(name: &str) -> serde_json::Value {
    let path = root().join("docs/schema").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with CARRYOVER_UPDATE_SCHEMAS=1)",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    let update = std::env::var_os("CARRYOVER_UPDATE_SCHEMAS").is_some();
    for (name, schema) in carryover::render::schema::schemas() {
        let mut text = serde_json::to_string_pretty(&schema).unwrap();
        text.push('\n');
        let path = root().join("docs/schema").join(name);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == text,
            "docs/schema/{name} is not the generated schema: run \
             CARRYOVER_UPDATE_SCHEMAS=1 cargo test --test cli json_schema:: and review the diff"
        );
    }
}

fn assert_valid(schema_name: &str, args: &[&str]) {
    let (code, out) = run(args);
    assert!(code != 2, "{args:?} failed");
    let instance: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}\n{out}"));
    let schema = committed(schema_name);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{args:?} does not match docs/schema/{schema_name}:\n{}",
        errors.join("\n")
    );
}

const BEFORE: &str = "samples/mos/rg01-4.1.9-before.log";
const AFTER: &str = "samples/mos/rg01-4.2.3-after.log";
const EXPORT: &str = "samples/mos/rg01-4.1.9-export.cfg";

/// A list the captures showed part of (its listing cut by the pager) is `{"partial": [...]}`,
/// which the schema names.
#[test]
fn a_partial_list_matches_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg01.log");
    std::fs::write(
        &log,
        "rg01> version\nMOS4.2.3-GA\nOK Completed\n\
         rg01> uce listexception primary whitelistto\n\"a@example.com\"\n--More--\nrg01> \n",
    )
    .unwrap();
    let log = log.to_str().unwrap();
    let (_, out) = run(&["show", "--format", "json", log]);
    assert!(
        out.contains(
            "\"whitelistto\": {\n          \"partial\": [\n            \"a@example.com\"\n"
        ),
        "{out}"
    );
    assert_valid("show.schema.json", &["show", "--format", "json", log]);
}

#[test]
fn show_json_matches_its_schema() {
    assert_valid("show.schema.json", &["show", "--format", "json", BEFORE]);
    assert_valid(
        "show.schema.json",
        &[
            "show",
            "--format",
            "json",
            "--provenance",
            "samples/spamtitan/7.08",
        ],
    );
    assert_valid(
        "show.schema.json",
        &[
            "show",
            "--format",
            "json",
            "samples/mos/ms01-delegated-domains.log",
        ],
    );
}

#[test]
fn diff_json_matches_its_schema() {
    assert_valid(
        "diff.schema.json",
        &["diff", "--format", "json", BEFORE, AFTER],
    );
    assert_valid(
        "diff.schema.json",
        &["diff", "--format", "json", EXPORT, BEFORE],
    );
    assert_valid(
        "diff.schema.json",
        &[
            "diff",
            "--format",
            "json",
            "samples/spamtitan/7.08",
            "samples/spamtitan/7.09",
        ],
    );
    assert_valid(
        "diff-stat.schema.json",
        &["diff", "--stat", "--format", "json", BEFORE, AFTER],
    );
    assert_valid(
        "restore-check.schema.json",
        &[
            "restore",
            "--check",
            "--format",
            "json",
            "--to",
            "4.2.3",
            BEFORE,
            "--against",
            AFTER,
        ],
    );
    assert_valid(
        "diff-explain-stat.schema.json",
        &[
            "diff",
            "--explain",
            "--stat",
            "--format",
            "json",
            BEFORE,
            AFTER,
        ],
    );
}

#[test]
fn findings_json_matches_its_schema() {
    assert_valid(
        "findings.schema.json",
        &["gaps", "--format", "json", BEFORE, EXPORT],
    );
    assert_valid(
        "findings.schema.json",
        &["plan", "--to", "4.2.3", "--format", "json", BEFORE],
    );
    assert_valid(
        "findings.schema.json",
        &[
            "plan",
            "--to",
            "7.09",
            "--format",
            "json",
            "samples/spamtitan/7.08",
        ],
    );
}

#[test]
fn verify_update_and_track_json_match_their_schemas() {
    assert_valid(
        "verify-update.schema.json",
        &["verify-update", "--format", "json", "samples/spamtitan"],
    );
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    assert_valid(
        "track.schema.json",
        &[
            "track",
            "--format",
            "json",
            "samples/spamtitan",
            "--into",
            repo.to_str().unwrap(),
        ],
    );
}

/// The committed schemas are strict: a key they do not name fails, at the top and inside.
#[test]
fn a_key_the_schema_does_not_name_fails() {
    let validator = jsonschema::validator_for(&committed("diff-stat.schema.json")).unwrap();
    let good = serde_json::json!({
        "format_version": 1,
        "summary": {"added": 0, "removed": 0, "changed": 0, "not_compared": 0, "not_on_version": 0},
        "areas": []
    });
    assert!(validator.is_valid(&good));
    let mut extra = good.clone();
    extra["surprise"] = true.into();
    assert!(!validator.is_valid(&extra));
    let mut typed = good;
    typed["summary"]["added"] = "0".into();
    assert!(!validator.is_valid(&typed));

    // A finding's item, as `gaps` writes it, and the same with one key more.
    let (_, out) = run(&["gaps", "--format", "json", BEFORE, EXPORT]);
    let mut report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let validator = jsonschema::validator_for(&committed("findings.schema.json")).unwrap();
    assert!(validator.is_valid(&report));
    let item = report["findings"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find_map(|f| f["items"].as_array_mut().and_then(|i| i.first_mut()))
        .expect("a finding with an item");
    item["evidence"]["column"] = 1.into();
    assert!(!validator.is_valid(&report));
}

/// A finding's items are objects, each with its own evidence and its whole value.
#[test]
fn findings_json_items_are_objects_with_whole_values() {
    let (_, out) = run(&["gaps", "--format", "json", BEFORE, EXPORT]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let finding = |rule: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule}"))
            .clone()
    };
    let ki6 = finding("MOS-4.2.3-KI-6");
    assert!(ki6["items"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!({
            "scope": "local",
            "name": null,
            "value": "postmaster@example.co.jp",
            "note": null,
            "evidence": {"path": BEFORE, "line": 38},
        })));
    // KI-8: the message's whole text, where a person's report shows its first line.
    let ki8 = finding("MOS-4.2.3-KI-8");
    let value = ki8["items"][0]["value"].as_str().unwrap();
    assert!(value.starts_with("Your mailbox is over its quota.\n"));
    assert!(!value.contains(" ..."), "{value}");
    assert_eq!(ki8["items"][0]["scope"], "system");
    assert_eq!(ki8["items"][0]["name"], "branding.quotamsg");
    // KI-5: a setting's name and value, each a field of its own.
    let ki5 = finding("MOS-4.2.3-KI-5");
    assert_eq!(ki5["items"][0]["name"], "smtp.fastpath");
    assert_eq!(ki5["items"][0]["value"], "off");
}

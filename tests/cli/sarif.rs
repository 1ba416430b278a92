//! `gaps` and `plan` with `--format sarif` and `--format github`, run as a CI job runs them: the
//! SARIF logs are validated against the official SARIF 2.1.0 JSON schema (tests/data/), and the
//! annotations are compared line for line.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common;
use common::root;

const MOS: [&str; 2] = [
    "samples/mos/rg01-4.1.9-before.log",
    "samples/mos/rg01-4.1.9-export.cfg",
];
const BEFORE: &str = "samples/mos/rg01-4.1.9-before.log";
const SPAMTITAN: &str = "samples/spamtitan/7.08";

/// Runs the binary in `dir`; exit code, stdout and stderr.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// stdout of a run at the crate root that must not have failed (exit 2 is an error; 0 and 1
/// are the findings' business).
fn report(args: &[&str]) -> String {
    let (code, out, err) = run_in(root(), args);
    assert_ne!(code, 2, "carryover {args:?} failed: {err}");
    out
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json"))
            .expect("the vendored SARIF schema");
        let schema: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            schema["title"],
            "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
        );
        jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the SARIF schema compiles")
    })
}

/// Parses a SARIF log and checks it against the schema, listing every violation.
fn valid_sarif(text: &str) -> Value {
    let log: Value = serde_json::from_str(text).expect("SARIF output is JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
    log
}

/// `(ruleId, level, uri, startLine)` of every result, in order.
fn results(log: &Value) -> Vec<(String, String, String, u64)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let at = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["level"].as_str().unwrap().to_string(),
                at["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                at["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn result(rule: &str, level: &str, uri: &str, line: u64) -> (String, String, String, u64) {
    (rule.into(), level.into(), uri.into(), line)
}

/// Every result names a rule of the driver, at the index it gives.
fn rules_agree(log: &Value) {
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "a rule listed twice: {ids:?}");
    for r in log["runs"][0]["results"].as_array().unwrap() {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[index], r["ruleId"].as_str().unwrap());
    }
    assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "carryover");
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["version"],
        env!("CARGO_PKG_VERSION")
    );
}

#[test]
fn the_validator_rejects_what_sarif_forbids() {
    // The checks below mean something only if the schema really constrains: a log with an
    // unknown level, a line 0 and a URI with a space must each fail.
    let good = r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "carryover"}},
        "results": [{"ruleId": "R", "level": "error", "message": {"text": "m"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a%20b.log"},
        "region": {"startLine": 1}}}]}]}]}"#;
    valid_sarif(good);
    for bad in [
        good.replace("\"error\"", "\"fatal\""),
        good.replace("\"startLine\": 1", "\"startLine\": 0"),
        good.replace("a%20b.log", "a b.log"),
        good.replace("\"2.1.0\"", "\"2.0.0\""),
        good.replace(r#""message": {"text": "m"},"#, ""),
    ] {
        let log: Value = serde_json::from_str(&bad).unwrap();
        assert!(!validator().is_valid(&log), "accepted: {bad}");
    }
}

#[test]
fn gaps_sarif_on_the_mos_sample_is_valid_and_points_at_the_capture_lines() {
    let mut args = vec!["gaps", "--to", "4.2.3", "--format", "sarif"];
    args.extend(MOS);
    let log = valid_sarif(&report(&args));
    rules_agree(&log);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    assert_eq!(
        log["runs"][0]["automationDetails"]["id"],
        "carryover/gaps/rg01/"
    );
    assert_eq!(log["runs"][0]["properties"]["from"], "4.1.9-GA");
    assert_eq!(
        results(&log),
        [
            // Not captured: a note, placed on the first file the report cites.
            result("MOS-4.2.3-F-5", "note", BEFORE, 1),
            result("MOS-4.2.3-C-6", "warning", BEFORE, 69),
            result("MOS-4.2.3-KI-1", "note", BEFORE, 1),
            result("MOS-4.2.3-KI-2", "note", BEFORE, 1),
            result("MOS-4.2.3-KI-3", "error", BEFORE, 22),
            result("MOS-4.2.3-KI-3", "error", BEFORE, 25),
            result("MOS-4.2.3-KI-5", "error", BEFORE, 19),
            result("MOS-4.2.3-KI-6", "error", BEFORE, 38),
            result("MOS-4.2.3-KI-6", "error", BEFORE, 32),
            result("MOS-4.2.3-KI-6", "error", BEFORE, 30),
            result("MOS-4.2.3-KI-6", "error", BEFORE, 31),
            result("MOS-4.2.3-KI-6", "error", BEFORE, 33),
            // The delegated domains were not listed: their lists are not known.
            result("MOS-4.2.3-KI-6", "note", BEFORE, 1),
            result("MOS-4.2.3-KI-8", "warning", BEFORE, 49),
            result("MOS-4.2.3-N-2", "warning", BEFORE, 1),
            result("carryover-unexplained", "warning", BEFORE, 44),
        ]
    );
    let results = log["runs"][0]["results"].as_array().unwrap();
    // Each line's result names the item read there.
    assert_eq!(
        results[9]["message"]["text"],
        "5 whitelistto exception(s) the live captures show are not in the export\n\
         primary: ml-sales@lists.example.co.jp"
    );
    // F-5: new in 4.2.3, to be set after the upgrade; KI-1: not captured.
    assert_eq!(results[0]["properties"]["status"], "found");
    assert_eq!(results[2]["properties"]["status"], "not-captured");
    // One step: the command, its caution a note on it.
    assert_eq!(
        results[0]["properties"]["remedy"][0]["command"],
        "smtp set maxmsgsum 314572800"
    );
    assert!(results[0]["properties"]["remedy"][0]["note"]
        .as_str()
        .unwrap()
        .contains("restarts the SMTP service"));
    // Placed, not read there: the location says so.
    assert!(results[14]["locations"][0]["message"]["text"]
        .as_str()
        .unwrap()
        .starts_with("No capture line holds this finding"));
    // KI-3 was read on line 22: no placement message.
    assert!(results[4]["locations"][0].get("message").is_none());
}

#[test]
fn plan_sarif_on_the_mos_sample_is_valid() {
    let mut args = vec!["plan", "--to", "4.2.3", "--format", "sarif"];
    args.extend(MOS);
    let log = valid_sarif(&report(&args));
    rules_agree(&log);
    assert_eq!(
        log["runs"][0]["automationDetails"]["id"],
        "carryover/plan/rg01/"
    );
    assert!(log["runs"][0]["properties"]["blocking"].is_array());
    let results = results(&log);
    for expected in [
        result("carryover-package", "note", BEFORE, 1),
        result("MOS-4.2.3-KI-3", "error", BEFORE, 22),
        result("MOS-4.2.3-KI-3", "error", BEFORE, 25),
        result("MOS-4.2.3-KI-4", "warning", BEFORE, 1),
    ] {
        assert!(
            results.contains(&expected),
            "{expected:?} not in {results:#?}"
        );
    }
}

#[test]
fn gaps_and_plan_sarif_on_the_spamtitan_sample_are_valid() {
    let by_hand = "samples/spamtitan/7.08/st01/by-hand.txt";
    let domains = "samples/spamtitan/7.08/st01/domains.csv";
    let gaps = valid_sarif(&report(&[
        "gaps", "--to", "7.09", "--format", "sarif", SPAMTITAN,
    ]));
    rules_agree(&gaps);
    assert_eq!(
        results(&gaps),
        [
            // No line: placed on the first file the report cites.
            result("ST-7.09-N-1", "error", by_hand, 1),
            result("ST-7.09-N-4", "warning", by_hand, 16),
            result("ST-7.09-N-4", "warning", by_hand, 15),
            result("ST-BACKUP-DROPS", "error", domains, 1),
            result("ST-BACKUP-DROPS", "error", by_hand, 16),
            result("ST-BACKUP-DROPS", "error", by_hand, 15),
            result("ST-BACKUP-DROPS", "error", by_hand, 9),
            result("ST-BACKUP-DROPS", "error", by_hand, 10),
            result("ST-BACKUP-DROPS", "error", by_hand, 7),
            result("ST-BACKUP-DROPS", "error", by_hand, 12),
            result("ST-BACKUP-DROPS", "error", by_hand, 13),
            // What no capture holds, asked by hand: a note on the first file cited.
            result("ST-BACKUP-DROPS", "note", by_hand, 1),
        ]
    );

    let plan = valid_sarif(&report(&[
        "plan", "--to", "7.09", "--format", "sarif", SPAMTITAN,
    ]));
    rules_agree(&plan);
    let results = results(&plan);
    let version = "samples/spamtitan/7.08/st01/version.txt";
    // P-1 (the version is 7.08) is checked and fine: no result, and no rule for it.
    assert!(results.iter().all(|r| r.0 != "ST-7.09-P-1"), "{results:#?}");
    let rules = plan["runs"][0]["tool"]["driver"]["rules"].to_string();
    assert!(!rules.contains("ST-7.09-P-1"));
    // A precondition no capture shows blocks the plan: an error, on the first file cited
    // (P-1's version file); one that does not block is a note.
    assert!(results.contains(&result("ST-7.09-P-4", "error", version, 1)));
    assert!(results.contains(&result("ST-7.09-P-2", "error", version, 1)));
    assert!(results.contains(&result("ST-7.09-P-7", "note", version, 1)));
    assert!(results.contains(&result("ST-7.09-N-5", "error", version, 1)));
    assert!(results.contains(&result("ST-7.09-N-4", "warning", by_hand, 16)));
}

#[test]
fn gaps_github_on_the_mos_sample_annotates_each_capture_line() {
    let mut args = vec!["gaps", "--to", "4.2.3", "--format", "github"];
    args.extend(MOS);
    let out = report(&args);
    let at = |line: u32, level: &str, rule: &str| {
        format!("::{level} file=samples/mos/rg01-4.1.9-before.log,line={line},title={rule}::")
    };
    let expected = [
        "::notice title=MOS-4.2.3-F-5::New total message size limit (maxmsgsum); 314572800 bytes recommended: smtp.maxmsgsum is new in 4.2.3-GA, so no capture before the upgrade holds it; set it after the upgrade".to_string(),
        at(69, "warning", "MOS-4.2.3-C-6") + "X-Junkmail headers from an upstream RazorGate are stripped unless it is a trusted host with its MTA key%0Amtagroup: 192.0.2.21 (key in the export only)",
        "::notice title=MOS-4.2.3-KI-1::AutoReply changes are not written back to LDAP: cannot tell: ldap.autoreply not captured".to_string(),
        "::notice title=MOS-4.2.3-KI-2::Filters on EnvelopeTo do not work: cannot tell: `filter list` was not captured".to_string(),
        at(22, "error", "MOS-4.2.3-KI-3") + "Junk-mail threshold handling breaks after 4.1.9 -> 4.2.3; re-set quarantinejunk and ldaprouting%0Asmtp.quarantinejunk = on",
        // The summary once per finding: a later line names its item only.
        at(25, "error", "MOS-4.2.3-KI-3") + "smtp.ldaprouting = local",
        at(19, "error", "MOS-4.2.3-KI-5") + "RecipientCheck fails when FastPath is off and the sender's reverse lookup gives localhost (smtp.fastpath is off)%0Asmtp.fastpath = off",
        at(38, "error", "MOS-4.2.3-KI-6") + "5 whitelistto exception(s) the live captures show are not in the export%0Alocal: postmaster@example.co.jp",
        at(32, "error", "MOS-4.2.3-KI-6") + "primary: @partners.example.com",
        at(30, "error", "MOS-4.2.3-KI-6") + "primary: ml-sales@lists.example.co.jp",
        at(31, "error", "MOS-4.2.3-KI-6") + "primary: ml-support@lists.example.co.jp",
        at(33, "error", "MOS-4.2.3-KI-6") + "primary: news@mailer.example.net",
        "::notice title=MOS-4.2.3-KI-6::the capture is incomplete: the delegated domains were not listed, so the whitelistto lists of a delegated domain no capture names are not known".to_string(),
        at(49, "warning", "MOS-4.2.3-KI-8") + "A customized system over-quota message reverts to the default: if the captured text is customized, it will be reverted (carryover cannot tell: no default text is known); re-applying it is harmless%0Asystem: branding.quotamsg = Your mailbox is over its quota. ...",
        "::warning title=MOS-4.2.3-N-2::Save the branding files before and re-apply them after".to_string(),
        at(44, "warning", "carryover-unexplained") + "1 item(s) of the live captures differ from the export and no known issue explains it%0Alists/primary/whitelist/alerts@monitor.example.com (not in the export)",
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn plan_github_on_the_spamtitan_sample_leaves_out_what_is_fine() {
    let out = report(&["plan", "--to", "7.09", "--format", "github", SPAMTITAN]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with("::")), "{out}");
    assert!(
        !out.contains("ST-7.09-P-1"),
        "an ok finding was annotated:\n{out}"
    );
    // Unconfirmed, it blocks the plan: an error annotation.
    assert!(lines.contains(
        &"::error title=ST-7.09-P-4::At least 4 GB of RAM: no capture shows this; check it by hand; it blocks the upgrade until checked and confirmed with --confirm ST-7.09-P-4"
    ));
    assert!(lines.contains(&"::error title=ST-7.09-N-5::Never reboot during the update"));
    // A backup drops items read from the domains CSV and seven lines of the by-hand file:
    // one annotation per line, with its items.
    let drops: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("title=ST-BACKUP-DROPS::"))
        .collect();
    // And one notice for what no capture holds, asked by hand.
    assert_eq!(drops.len(), 9, "{out}");
    assert!(drops[8].starts_with("::notice title=ST-BACKUP-DROPS::"));
    assert!(drops[0].starts_with(
        "::error file=samples/spamtitan/7.08/st01/domains.csv,line=1,title=ST-BACKUP-DROPS::"
    ));
    // A later line of the finding names its items only, the summary said on the first.
    assert!(drops[7].ends_with(
        ",line=13,title=ST-BACKUP-DROPS::system: system.relay.tls.protocols.0 (TLS (left disabled))%0Asystem: system.relay.tls.protocols.1 (TLS (left disabled))"
    ));
}

/// A capture whose name and content were chosen to break out of a workflow command or a URI.
fn hostile_capture(dir: &Path) -> String {
    let name = "rg01,a:b %0A\n::error::pwned.log";
    let before = std::fs::read_to_string(root().join(BEFORE)).unwrap();
    let hostile = before.replace(
        "\"ml-sales@lists.example.co.jp\"",
        "\"x%0A::error::pwned,a:b@lists.example.co.jp\"",
    );
    assert_ne!(hostile, before);
    std::fs::write(dir.join(name), hostile).unwrap();
    std::fs::copy(root().join(MOS[1]), dir.join("export.cfg")).unwrap();
    name.to_string()
}

#[test]
fn hostile_names_and_entries_stay_inside_their_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let name = hostile_capture(dir.path());
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "gaps",
            "--to",
            "4.2.3",
            "--format",
            "github",
            &name,
            "export.cfg",
        ],
    );
    assert_ne!(code, 2, "{err}");
    // Every line is one of our commands; no text started a line of its own.
    for line in out.lines() {
        assert!(
            [
                "::error file=",
                "::warning file=",
                "::notice title=",
                "::warning title="
            ]
            .iter()
            .any(|s| line.starts_with(s)),
            "{line}"
        );
        assert!(!line.contains('\r'));
    }
    let file = "file=rg01%2Ca%3Ab %250A%0A%3A%3Aerror%3A%3Apwned.log,";
    assert!(out.contains(&format!("::error {file}line=22,title=MOS-4.2.3-KI-3::")));
    assert!(out.contains(&format!(
        "::error {file}line=30,title=MOS-4.2.3-KI-6::primary: \
         x%250A::error::pwned,a:b@lists.example.co.jp\n"
    )));
    assert_eq!(out.lines().count(), 16);

    let (code, out, err) = run_in(
        dir.path(),
        &[
            "gaps",
            "--to",
            "4.2.3",
            "--format",
            "sarif",
            &name,
            "export.cfg",
        ],
    );
    assert_ne!(code, 2, "{err}");
    let log = valid_sarif(&out);
    let uri = "rg01%2Ca%3Ab%20%250A%0A%3A%3Aerror%3A%3Apwned.log";
    assert!(results(&log).contains(&result("MOS-4.2.3-KI-6", "error", uri, 30)));
    let text = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"] == 30)
        .unwrap()["message"]["text"]
        .clone();
    assert!(text
        .as_str()
        .unwrap()
        .ends_with("primary: x%0A::error::pwned,a:b@lists.example.co.jp"));
}

/// The driver's rules of a log, by id.
fn rules_by_id(log: &Value) -> std::collections::BTreeMap<String, Value> {
    log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

#[test]
fn a_rule_is_described_the_same_for_two_appliances() {
    let rg01 = valid_sarif(&report(&[
        "gaps", "--to", "4.2.3", "--format", "sarif", BEFORE,
    ]));
    let ms01 = valid_sarif(&report(&[
        "gaps",
        "--to",
        "4.2.3",
        "--format",
        "sarif",
        "samples/mos/ms01-delegated-domains.log",
    ]));
    let (rg01, ms01) = (rules_by_id(&rg01), rules_by_id(&ms01));
    let shared: Vec<&String> = rg01.keys().filter(|id| ms01.contains_key(*id)).collect();
    assert!(shared.len() >= 3, "{shared:?}");
    for id in shared {
        assert_eq!(rg01[id], ms01[id], "{id} differs between two appliances");
    }
    // A rule's short description is its title, not one finding's words.
    let ki3 = &rg01["MOS-4.2.3-KI-3"];
    assert_eq!(
        ki3["shortDescription"]["text"],
        "Junk-mail threshold handling breaks after 4.1.9 -> 4.2.3; re-set quarantinejunk and \
         ldaprouting"
    );
    assert_eq!(
        ki3["fullDescription"]["text"],
        "Mail scored above the threshold is not handled by the junk-mail filter after the \
         upgrade."
    );
    assert_eq!(ki3["defaultConfiguration"]["level"], "error");
    let (_, page) = common::run(&["--lang", "en", "rule", "MOS-4.2.3-KI-3"]);
    assert_eq!(ki3["help"]["markdown"], page.as_str());
    assert!(ki3["help"]["text"]
        .as_str()
        .unwrap()
        .starts_with("MOS-4.2.3-KI-3: Junk-mail"));
    assert!(ki3.get("helpUri").is_none());
    // A rule found as a note on this appliance keeps the level of its severity.
    assert_eq!(
        rg01["MOS-4.2.3-KI-1"]["defaultConfiguration"]["level"],
        "warning"
    );
}

#[test]
fn help_uris_only_with_a_base_and_fingerprints_without_line_numbers() {
    let mut args = vec![
        "gaps",
        "--to",
        "4.2.3",
        "--format",
        "sarif",
        "--help-uri-base",
        "https://example.com/carryover/docs/rules/",
    ];
    args.extend(MOS);
    let log = valid_sarif(&report(&args));
    let rules = rules_by_id(&log);
    assert_eq!(
        rules["MOS-4.2.3-KI-6"]["helpUri"],
        "https://example.com/carryover/docs/rules/MOS-4.2.3-KI-6.md"
    );
    let results = log["runs"][0]["results"].as_array().unwrap();
    let prints: Vec<&str> = results
        .iter()
        .map(|r| r["partialFingerprints"]["carryover/v1"].as_str().unwrap())
        .collect();
    assert!(prints.iter().all(|p| p.len() == 16), "{prints:?}");
    // Each of KI-6's five entries is a result of its own, told apart by its item.
    let ki6: BTreeSet<&str> = results
        .iter()
        .zip(&prints)
        .filter(|(r, _)| r["ruleId"] == "MOS-4.2.3-KI-6" && r["level"] == "error")
        .map(|(_, p)| *p)
        .collect();
    assert_eq!(ki6.len(), 5);

    // The same entries read at other lines keep their fingerprints.
    let dir = tempfile::tempdir().unwrap();
    let before = std::fs::read_to_string(root().join(BEFORE)).unwrap();
    std::fs::write(dir.path().join("rg01.log"), format!("\n\n{before}")).unwrap();
    std::fs::copy(root().join(MOS[1]), dir.path().join("export.cfg")).unwrap();
    let (code, moved, err) = run_in(
        dir.path(),
        &[
            "gaps",
            "--to",
            "4.2.3",
            "--format",
            "sarif",
            "rg01.log",
            "export.cfg",
        ],
    );
    assert_ne!(code, 2, "{err}");
    let moved = valid_sarif(&moved);
    let moved: BTreeSet<&str> = moved["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "MOS-4.2.3-KI-6" && r["level"] == "error")
        .map(|r| r["partialFingerprints"]["carryover/v1"].as_str().unwrap())
        .collect();
    assert_eq!(moved, ki6);
}

#[test]
fn a_result_carries_its_typed_remedy_once_per_finding() {
    let log = valid_sarif(&report(&[
        "gaps",
        "--format",
        "sarif",
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.1.9-export.cfg",
    ]));
    let results = log["runs"][0]["results"].as_array().unwrap();
    let ki6: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "MOS-4.2.3-KI-6" && r["level"] == "error")
        .collect();
    assert!(ki6.len() > 1, "KI-6 cites each missing entry's line");
    let remedy = ki6[0]["properties"]["remedy"].as_array().unwrap();
    assert_eq!(remedy[0]["kind"], "command");
    assert_eq!(remedy[0]["form"], "inferred");
    assert!(remedy[0]["command"]
        .as_str()
        .unwrap()
        .starts_with("uce addexception "));
    assert!(ki6[1..]
        .iter()
        .all(|r| r["properties"].get("remedy").is_none()));
}

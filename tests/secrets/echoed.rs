//! A run's own token, echoed by the appliance in another form (JSON-escaped as PHP writes it,
//! percent-encoded, base64 inside a Basic credential), is overwritten before the answer is
//! saved: no file of the capture holds any form of it, and `show`, which decodes JSON, shows
//! none either.

use std::time::Duration;

use base64::Engine as _;

use carryover::fetch::{Secret, Target, TlsOptions};
use carryover::vendors::spamtitan::fetch::{fetch_with, Policy};

use crate::common;
use crate::common::https_stub::{self, Answer, Stub};

/// A token with the characters each encoding changes.
const TOKEN: &str = "st/Tok+en=9fQ2&x7";

#[test]
fn a_token_echoed_in_any_form_reaches_no_file_and_no_output() {
    let folder = common::root().join("samples/spamtitan/7.08/st01");
    let mut behaviour = https_stub::sample(&folder, TOKEN);
    let php = serde_json::to_string(TOKEN).unwrap().replace('/', r"\/");
    let percent = "st%2FTok%2Ben%3D9fQ2%26x7";
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("admin:{TOKEN}"));
    let answer = format!(
        r#"{{"id": 3, "domain": "example.com", "destination": "mail.example.com:25",
            "note": {php}, "callback": "https://st01/cb?t={percent}", "auth": "Basic {basic}"}}"#
    );
    behaviour
        .answers
        .insert("/restapi/domains/example.com".into(), Answer::ok(answer));
    let stub = Stub::plain(behaviour);
    let dir = tempfile::tempdir().unwrap();
    let target = Target {
        host: "127.0.0.1".into(),
        port: Some(stub.port),
        user: None,
        secret: Some(Secret::new(TOKEN)),
        tls: TlsOptions {
            plaintext: true,
            ..TlsOptions::default()
        },
        timeout: Duration::from_secs(2),
    };
    let fetched = fetch_with(&target, dir.path(), &Policy::default()).unwrap();
    let forms = [
        TOKEN.to_string(),
        php.trim_matches('"').to_string(),
        percent.into(),
        basic,
    ];
    let mut saved = String::new();
    for entry in walkdir::WalkDir::new(dir.path()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            saved.push_str(&String::from_utf8_lossy(
                &std::fs::read(entry.path()).unwrap(),
            ));
        }
    }
    // The control: the answer was saved, its keys kept.
    assert!(
        saved.contains("\"callback\"") && saved.contains("\"note\""),
        "{saved}"
    );
    for form in &forms {
        assert!(!saved.contains(form.as_str()), "{form} was saved: {saved}");
    }
    let shown = fetched.path.to_str().unwrap();
    for format in ["ron", "json"] {
        let (code, out, err) = common::run_full(&["show", "--format", format, shown]);
        assert!(code <= 1, "{err}");
        assert!(out.contains("callback"), "the control: {out}");
        for form in &forms {
            assert!(
                !out.contains(form.as_str()) && !err.contains(form.as_str()),
                "{out}"
            );
        }
    }
}

/// A command no catalog knows, answered with names and values (`snmp list`): the line that
/// names a secret field is masked in the raw item, in `show` and in `textconv` (so in git).
#[test]
fn a_listing_of_names_and_values_masks_the_secret_ones() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg01.log");
    std::fs::write(
        &log,
        "rg01.example.co.jp> snmp list\n\"rocommunity\" \"TopS3cret\"\n\"syslocation\" \"Tokyo\"\nOK Completed\nrg01.example.co.jp> version\n4.1.9-GA\nOK Completed\n",
    )
    .unwrap();
    for command in ["show", "textconv"] {
        let (code, out, err) = common::run_full(&[command, log.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert!(
            !out.contains("TopS3cret") && !err.contains("TopS3cret"),
            "{out}{err}"
        );
        assert!(out.contains("rocommunity <secret>"), "{out}");
        assert!(out.contains("syslocation Tokyo"), "{out}");
    }
}

//! `carryover restore`: scripts for the samples, their round trip through the export reader,
//! the delta against a post-upgrade capture, quoting that no value can escape, and files
//! written whole or not at all.

use crate::common;

use common::{run, snap_run as snap};

use proptest::prelude::*;

use carryover::capture::Capture;
use carryover::model::{Config, SourceKind, Value, Version, SYSTEM};
use carryover::ops::restore::{plan, Label, Plan, Restore, RestoreOptions as Options};
use carryover::read;
use carryover::render::restore::script;
use carryover::render::runbook::step_words;
use carryover::vendors::mos::Mos;

fn read(paths: &[&str]) -> Config {
    common::at_root();
    let paths: Vec<_> = paths.iter().map(Into::into).collect();
    read::read(&paths, &carryover::capture::ReadOptions::default())
        .unwrap()
        .config
}

/// Reads a script as an export on top of `base`, as applying it to that appliance would.
fn apply(base: Capture, script: &str) -> Config {
    let options = carryover::capture::ReadOptions {
        kind: Some(SourceKind::Export),
        ..Default::default()
    };
    let source = carryover::source::Source::from_text("restore.txt", script);
    let mut capture = base;
    read::read_source(&source, &options, &mut capture).unwrap();
    capture.config
}

fn to() -> Version {
    Version::parse("4.2.3").unwrap()
}

/// The areas a default restore puts back, as comparable text.
fn restored_areas(c: &Config) -> String {
    let whitelistto: Vec<String> = c
        .lists
        .iter()
        .flat_map(|(scope, lists)| {
            lists
                .get("whitelistto")
                .into_iter()
                .flat_map(move |l| l.iter().map(move |(e, _)| format!("{scope}:{e}")))
        })
        .collect();
    let settings: Vec<String> = ["smtp.quarantinejunk", "smtp.ldaprouting"]
        .iter()
        .map(|n| {
            format!(
                "{n}={:?}",
                c.settings
                    .get(SYSTEM)
                    .and_then(|s| s.get(*n))
                    .map(|i| &i.value)
            )
        })
        .collect();
    let quota = c
        .messages
        .get(SYSTEM)
        .and_then(|m| m.get("branding.quotamsg"))
        .map(|i| i.value.clone());
    let hosts: Vec<String> = c
        .trusted_hosts
        .iter()
        .flat_map(|(g, h)| {
            h.iter()
                .map(move |(host, i)| format!("{g}/{host}={:?}", i.value.key))
        })
        .collect();
    format!("{whitelistto:#?}\n{settings:?}\n{quota:?}\n{hosts:#?}")
}

#[test]
fn script_for_the_razorgate_with_its_export() {
    let (code, _) = snap(
        "restore@rg01",
        &[
            "restore",
            "--to",
            "4.2.3",
            "samples/mos/rg01-4.1.9-before.log",
            "samples/mos/rg01-4.1.9-export.cfg",
        ],
    );
    // A written script is success; `--exit-code` asks for 1 when it holds commands.
    assert_eq!(code, 0);
}

#[test]
fn delta_against_the_upgraded_razorgate() {
    snap(
        "restore@rg01-against-after",
        &[
            "restore",
            "--to",
            "4.2.3",
            "samples/mos/rg01-4.1.9-before.log",
            "samples/mos/rg01-4.1.9-export.cfg",
            "--against",
            "samples/mos/rg01-4.2.3-after.log",
        ],
    );
}

#[test]
fn everything_with_delegated_domains() {
    snap(
        "restore@ms01-all",
        &[
            "restore",
            "--all",
            "--to",
            "4.2.3",
            "samples/mos/ms01-delegated-domains.log",
        ],
    );
}

#[test]
fn round_trip_restored_areas_come_back_from_the_script() {
    let pre = read(&[
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.1.9-export.cfg",
    ]);
    let options = Options {
        to: to(),
        against: None,
        all: false,
        show_secrets: false,
        capture: None,
        patches: None,
    };
    let text = script(&plan(&pre, &Mos, &options), &Mos, &["round trip".into()]);
    let back = apply(Capture::default(), &text);
    assert_eq!(restored_areas(&back), restored_areas(&pre));
}

#[test]
fn round_trip_of_everything() {
    let pre = read(&["samples/mos/ms01-delegated-domains.log"]);
    let options = Options {
        to: to(),
        against: None,
        all: true,
        show_secrets: false,
        capture: None,
        patches: None,
    };
    let text = script(&plan(&pre, &Mos, &options), &Mos, &[]);
    let back = apply(Capture::default(), &text);
    // Every captured value comes back, and F-5's recommended value of the setting new in
    // 4.2.3, which no capture from before it holds, is added.
    assert_eq!(
        back.settings[SYSTEM]["smtp.maxmsgsum"].value,
        Value::Bytes(314_572_800)
    );
    let mut back = back;
    back.settings
        .get_mut(SYSTEM)
        .unwrap()
        .remove("smtp.maxmsgsum");
    let values = |c: &Config| {
        c.settings
            .iter()
            .map(|(s, m)| {
                (
                    s.clone(),
                    m.iter()
                        .map(|(n, i)| (n.clone(), i.value.clone()))
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(values(&back), values(&pre));
    let entries = |c: &Config| {
        c.lists
            .iter()
            .map(|(s, l)| {
                (
                    s.clone(),
                    l.iter()
                        .map(|(n, e)| {
                            (
                                n.clone(),
                                e.iter().map(|(t, _)| t.to_string()).collect::<Vec<_>>(),
                            )
                        })
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(entries(&back), entries(&pre));
    assert_eq!(
        back.messages
            .iter()
            .map(|(s, m)| (s, m.iter().map(|(n, i)| (n, &i.value)).collect::<Vec<_>>()))
            .collect::<Vec<_>>(),
        pre.messages
            .iter()
            .map(|(s, m)| (s, m.iter().map(|(n, i)| (n, &i.value)).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn applying_the_delta_to_the_new_box_leaves_no_difference_in_restored_areas() {
    common::at_root();
    let pre = read(&[
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.1.9-export.cfg",
    ]);
    let post = read::read(
        &["samples/mos/rg01-4.2.3-after.log".into()],
        &carryover::capture::ReadOptions::default(),
    )
    .unwrap();
    let options = Options {
        to: to(),
        against: Some(&post.config),
        all: false,
        show_secrets: false,
        capture: Some(&Mos),
        patches: None,
    };
    let delta = plan(&pre, &Mos, &options);
    let text = script(&delta, &Mos, &[]);
    assert!(
        !text.contains("smtp set fastpath"),
        "the new box already has fastpath on:\n{text}"
    );
    // The after-log listed only the primary whitelistto list: nothing is written for the
    // lists it did not look at; the runbook says to capture them and re-run.
    assert!(
        !text.contains("uce addexception local whitelistto"),
        "{text}"
    );
    assert!(
        delta.by_hand.iter().any(|(_, step)| step_words(step)
            .contains("capture `uce listexception local whitelistto`, then re-run")),
        "{:?}",
        delta.by_hand
    );
    let restored = apply(post, &text);
    let primary = |c: &Config| {
        c.lists["primary"]["whitelistto"]
            .iter()
            .map(|(e, _)| e.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(primary(&restored), primary(&pre));
    assert_eq!(
        restored.messages[SYSTEM]["branding.quotamsg"].value,
        pre.messages[SYSTEM]["branding.quotamsg"].value
    );
    assert_eq!(
        restored.settings[SYSTEM]["smtp.fastpath"].value,
        Value::Bool(true)
    );
    // Once applied, a second delta has nothing left to write but KI-8's message, which no
    // capture can show fixed: it is kept, and the runbook says how to check it.
    let again = plan(
        &pre,
        &Mos,
        &Options {
            to: to(),
            against: Some(&restored),
            all: false,
            show_secrets: false,
            capture: None,
            patches: None,
        },
    );
    let left: Vec<&(Label, Restore)> = again.scopes.values().flatten().collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(
        left[0].0,
        Label::Unprovable("MOS-4.2.3-KI-8".into()),
        "{left:?}"
    );
    assert!(
        matches!(&left[0].1, Restore::Message { name, .. } if name == "branding.quotamsg"),
        "{left:?}"
    );
    assert_eq!(again.checks.len(), 1, "{:?}", again.checks);
}

/// Text a value may hold: quotes, backslashes, parentheses, lines holding only `.`, `OK
/// Completed`, `#` at a line start, Japanese, tabs. Carriage returns and other control
/// characters cannot be typed into a CLI and are left out.
fn value_text() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\n.\n".to_string()),
        Just("\nOK Completed\n".to_string()),
        Just("\n# not a remark".to_string()),
        Just("{12}".to_string()),
        Just("日本語".to_string()),
        Just("\t".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        "[a-zA-Z0-9@.*_-]{1,8}",
    ];
    prop::collection::vec(atom, 0..8).prop_map(|parts| parts.concat())
}

fn entry_text() -> impl Strategy<Value = String> {
    "[a-z0-9._\"\\\\() -]{0,6}@[a-z0-9.*-]{1,10}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("non-empty", |s| !s.is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the values, the script read back gives the same values, and never more
    /// commands than it wrote.
    #[test]
    fn values_come_back_exactly_and_never_become_commands(
        message in value_text(),
        setting in value_text(),
        entries in prop::collection::vec(entry_text(), 0..4),
    ) {
        let mut plan = Plan::default();
        let system = plan.scopes.entry(SYSTEM.to_string()).or_default();
        system.push(("t".into(), Restore::Message { name: "branding.quotamsg".into(), text: message.clone() }));
        system.push(("t".into(), Restore::Setting { name: "smtp.banner".into(), value: Value::Text(setting.clone()) }));
        for e in &entries {
            system.push(("t".into(), Restore::entry("primary", "whitelistto", e)));
        }
        let text = script(&plan, &Mos, &["property".into()]);
        let back = apply(Capture::default(), &text);
        prop_assert_eq!(&back.messages[SYSTEM]["branding.quotamsg"].value, &Value::Text(message));
        prop_assert_eq!(&back.settings[SYSTEM]["smtp.banner"].value, &Value::Text(setting));
        let got: Vec<String> = back.lists.get("primary").and_then(|l| l.get("whitelistto"))
            .map(|l| l.iter().map(|(e, _)| e.to_string()).collect()).unwrap_or_default();
        let mut want = entries.clone();
        want.sort();
        want.dedup();
        prop_assert_eq!(got, want);
        // Nothing but what the script said: no raw (unknown) command appeared.
        prop_assert!(back.raw.is_empty(), "{:?}", back.raw);
    }
}

#[test]
fn files_are_written_whole_and_private_with_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("restore.txt");
    let runbook = dir.path().join("runbook.md");
    let (code, out) = run(&[
        "restore",
        "--to",
        "4.2.3",
        "--show-secrets",
        "-o",
        script.to_str().unwrap(),
        "--runbook",
        runbook.to_str().unwrap(),
        "samples/mos/rg01-4.1.9-before.log",
    ]);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    assert!(std::fs::read_to_string(&script)
        .unwrap()
        .contains("uce addexception primary whitelistto @partners.example.com"));
    let book = std::fs::read_to_string(&runbook).unwrap();
    assert!(book.contains("## 3. Patches to install"), "{book}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&script).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    // The script, its runbook, and the plan file `apply` reads.
    assert_eq!(names.len(), 3, "no temporary file is left: {names:?}");
}

#[test]
fn a_failed_run_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("restore.txt");
    let runbook = dir.path().join("no/such/dir/runbook.md");
    let (code, _) = run(&[
        "restore",
        "--to",
        "4.2.3",
        "-o",
        script.to_str().unwrap(),
        "--runbook",
        runbook.to_str().unwrap(),
        "samples/mos/rg01-4.1.9-before.log",
    ]);
    assert_eq!(code, 2);
    assert!(!script.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_runbook_for_the_razorgate() {
    let dir = tempfile::tempdir().unwrap();
    let runbook = dir.path().join("runbook.md");
    let script = dir.path().join("restore.txt");
    run(&[
        "restore",
        "--to",
        "4.2.3",
        "-o",
        script.to_str().unwrap(),
        "--runbook",
        runbook.to_str().unwrap(),
        "samples/mos/rg01-4.1.9-before.log",
    ]);
    let text = std::fs::read_to_string(&runbook)
        .unwrap()
        .replace(script.to_str().unwrap(), "restore.txt");
    common::snapshot_settings().bind(|| insta::assert_snapshot!("restore@rg01-runbook", text));
}

/// A plan is data: a secret left out is a typed step naming its scope and setting, worded
/// only by the runbook, and the script carries no trace of its value.
#[test]
fn a_secret_left_out_is_a_typed_step_worded_by_the_runbook() {
    common::at_root();
    let mut pre = read(&["samples/mos/rg01-4.1.9-before.log"]);
    let mut item = pre.settings[SYSTEM]["smtp.fastpath"].clone();
    item.value = Value::Secret(carryover::model::Secret("hunter2".into()));
    pre.settings
        .get_mut(SYSTEM)
        .unwrap()
        .insert("ldap.password".into(), item);
    let options = Options {
        to: to(),
        against: None,
        all: true,
        show_secrets: false,
        capture: None,
        patches: None,
    };
    let delta = plan(&pre, &Mos, &options);
    let step = carryover::ops::restore::Step::SecretLeftOut {
        scope: SYSTEM.into(),
        name: "ldap.password".into(),
    };
    let found: Vec<_> = delta.by_hand.iter().filter(|(_, s)| *s == step).collect();
    assert_eq!(found.len(), 1, "{:?}", delta.by_hand);
    assert_eq!(found[0].0, "all");
    assert_eq!(
        step_words(&step),
        "system: ldap.password is a secret, left out (use --show-secrets)"
    );
    let text = script(&delta, &Mos, &[]);
    assert!(
        !text.contains("hunter2") && !text.contains("ldap.password"),
        "{text}"
    );
}

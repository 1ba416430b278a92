//! Coverage: what a capture did not look at is never "removed" or "added", only not compared.

use crate::common;

use std::collections::BTreeSet;

use carryover::capture::Capture;
use carryover::ops::diff::{align_identity, compare, DiffKind, DiffOptions};
use proptest::prelude::*;

/// A log cut into command blocks: the banner before the first prompt, then each prompt line
/// with its answer.
fn blocks(text: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new()];
    for line in text.split_inclusive('\n') {
        if line.contains("> ") && line.starts_with("rg01") {
            out.push(String::new());
        }
        out.last_mut().unwrap().push_str(line);
    }
    out
}

fn capture(name: &str, text: String) -> Capture {
    common::capture_of(name, text.into_bytes(), &Default::default())
}

/// `(path, kind)` of every added or removed difference.
fn additions_and_removals(a: &Capture, b: &Capture) -> BTreeSet<(String, DiffKind)> {
    let (mut a, mut b) = (a.config.clone(), b.config.clone());
    align_identity(&mut a, &mut b);
    let none = |_: &str| false;
    let options = DiffOptions {
        ignore: &none,
        show_secrets: false,
    };
    compare(&a, &b, &options)
        .changes
        .into_iter()
        .filter(|d| d.kind != DiffKind::Changed)
        .map(|d| (d.path, d.kind))
        .collect()
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(common::root().join("samples/mos").join(name)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Removing one command's block from either side of a capture pair (the pair of the
    /// upgrade, or a log and itself) adds no "removed" or "added" item: what the cut side no
    /// longer shows can only become "not compared".
    #[test]
    fn removing_a_block_never_makes_a_removal(
        upgrade in any::<bool>(),
        cut_old in any::<bool>(),
        index in 0usize..64,
    ) {
        let old = sample("rg01-4.1.9-before.log");
        let new = if upgrade { sample("rg01-4.2.3-after.log") } else { old.clone() };
        let baseline = additions_and_removals(
            &capture("a.log", old.clone()),
            &capture("b.log", new.clone()),
        );
        let side = if cut_old { &old } else { &new };
        let mut parts = blocks(side);
        let removed = parts.remove(index % parts.len());
        let cut: String = parts.concat();
        let (a, b) = if cut_old { (cut, new) } else { (old, cut) };
        let after = additions_and_removals(&capture("a.log", a), &capture("b.log", b));
        let new_ones: Vec<_> = after.difference(&baseline).collect();
        prop_assert!(new_ones.is_empty(), "cutting {removed:?} made {new_ones:?}");
    }
}

#[test]
fn a_log_against_itself_without_its_listings_has_nothing_removed() {
    let old = sample("rg01-4.1.9-before.log");
    let cut: String = blocks(&old)
        .into_iter()
        .filter(|b| !b.contains("listexception") && !b.contains("trustedhost"))
        .collect();
    let (a, b) = (capture("a.log", old), capture("b.log", cut));
    assert!(additions_and_removals(&a, &b).is_empty());
    let none = |_: &str| false;
    let options = DiffOptions {
        ignore: &none,
        show_secrets: false,
    };
    let comparison = compare(&a.config, &b.config, &options);
    assert_eq!(comparison.not_compared.len(), 9, "{comparison:#?}");
}

#[test]
fn show_json_carries_the_coverage_record() {
    let (code, out) = common::run(&[
        "show",
        "--format",
        "json",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let coverage = &doc["coverage"];
    assert_eq!(
        coverage["lists"]["primary"],
        serde_json::json!(["whitelistto"])
    );
    assert_eq!(coverage["licenses"], true);
    assert_eq!(coverage["trusted_host_groups"], serde_json::json!([]));
    assert!(coverage["settings"]["system"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("smtp.fastpath")));
}

/// A SpamTitan capture folder without its `api/system/` answers and its by-hand template: the
/// relay and cluster settings of the other side are not compared, not removed.
#[test]
fn a_spamtitan_folder_without_system_answers() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("st01");
    for entry in walkdir::WalkDir::new(common::root().join("samples/spamtitan/7.08/st01")) {
        let entry = entry.unwrap();
        let relative = entry
            .path()
            .strip_prefix(common::root().join("samples/spamtitan/7.08/st01"))
            .unwrap();
        if relative.starts_with("api/system") || relative == std::path::Path::new("by-hand.txt") {
            continue;
        }
        let target = copy.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let (code, out) = common::run(&[
        "diff",
        "--format",
        "json",
        "samples/spamtitan/7.08/st01",
        copy.to_str().unwrap(),
    ]);
    // Nobody knows whether the relay settings survived: not compared counts, as a difference.
    assert_eq!(code, 1, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["removed"], 0);
    let not_compared = doc["not_compared"].as_array().unwrap();
    assert!(not_compared.iter().any(|n| n["path"]
        .as_str()
        .unwrap()
        .starts_with("settings/system/system.relay.")));
}

/// Writes a small MOS CLI log of appliance `rg01` running `version` that ran `commands`
/// (each a command line and its answer lines).
fn mos_log(dir: &std::path::Path, name: &str, version: &str, commands: &[(&str, &str)]) -> String {
    let mut text = format!("rg01> version\nMOS{version}\nOK Completed\n");
    for (command, answer) in commands {
        text.push_str(&format!("rg01> {command}\n{answer}OK Completed\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// The coverage rule: a setting the old side never read is not compared, and the diff says so
/// first and exits 1; a setting the old side's version does not have (`smtp.maxmsgsum`, since
/// 4.2.3) is not on this version, and counts toward nothing.
#[test]
fn not_compared_counts_and_not_on_this_version_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let old = mos_log(
        dir.path(),
        "old.log",
        "4.2.3-GA",
        &[("smtp get fastpath", "on\n")],
    );
    let unread = mos_log(
        dir.path(),
        "unread.log",
        "4.2.3-GA",
        &[
            ("smtp get fastpath", "on\n"),
            ("smtp get maxmsgsum", "314572800\n"),
        ],
    );
    let (code, out) = common::run(&["diff", &old, &unread]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.ends_with("1 not compared (not captured on one side); 0 differences: 0 added, 0 removed, 0 changed\n"),
        "{out}"
    );
    let older = mos_log(
        dir.path(),
        "older.log",
        "4.1.9-GA",
        &[("smtp get fastpath", "on\n")],
    );
    let (code, out) = common::run(&["diff", "--format", "json", &older, &unread]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["not_compared"], serde_json::json!([]), "{out}");
    assert_eq!(
        doc["not_on_version"][0]["path"],
        "settings/system/smtp.maxmsgsum"
    );
    assert_eq!(doc["not_on_version"][0]["not_captured_in"], "A");
    // The version differs: one change, and nothing else.
    assert_eq!(doc["summary"]["changed"], 1, "{out}");
    assert_eq!(code, 1);
    let (code, out) = common::run(&["diff", "--ignore", "appliance/version", &older, &unread]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("= settings/system/smtp.maxmsgsum"), "{out}");
}

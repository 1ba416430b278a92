//! A trusted host's key: an export writes it, `trustedhost list` never shows it. The host
//! compares wherever both sides listed its group; the key only where both sides could show it,
//! and elsewhere it is not compared, never removed.

use std::path::Path;

use crate::common;

use common::run;

const EXPORT: &str = "samples/mos/rg01-4.1.9-export.cfg";
/// Lists `mtagroup`, answering `192.0.2.21`: the host, without its key.
const LISTING: &str = "samples/mos/rg01-4.1.9-before.log";
const HOST: &str = "trusted_hosts/mtagroup/192.0.2.21";
const KEY: &str = "trusted_hosts/mtagroup/192.0.2.21/key";

/// `diff --format json OLD NEW`: its exit code and document.
fn json(old: &str, new: &str) -> (i32, serde_json::Value) {
    let (code, out) = run(&["diff", "--format", "json", old, new]);
    (code, serde_json::from_str(&out).unwrap())
}

/// The entries of a JSON diff's `changes` or `not_compared` whose path starts with `prefix`.
fn under<'d>(doc: &'d serde_json::Value, part: &str, prefix: &str) -> Vec<&'d serde_json::Value> {
    doc[part]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["path"].as_str().unwrap().starts_with(prefix))
        .collect()
}

/// Writes `text` as `name` in `dir`; its path as text.
fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// The export with one line of the host's key block changed.
fn export_with_another_key() -> String {
    let export = std::fs::read_to_string(common::root().join(EXPORT)).unwrap();
    let line = "DQpNSUdmTUEwR0NTcUdTSWIzRFFFQkFRVUFBNEdOQURDQmlRS0Jn";
    assert!(export.contains(line));
    export.replace(line, "DQpNSUdmTUEwR0NTcUdTSWIzRFFFQkFRVUFBNEdOQURDQmlRS0Jh")
}

/// The export against a log that lists the host without its key: the host is on both sides,
/// so no difference; the key, which the log could not show, is not compared, never removed.
/// The host itself still compares.
#[test]
fn an_export_against_a_listing_leaves_the_key_not_compared() {
    let (code, doc) = json(EXPORT, LISTING);
    assert_eq!(code, 1);
    assert!(
        under(&doc, "changes", "trusted_hosts/").is_empty(),
        "{doc:#}"
    );
    let key = under(&doc, "not_compared", "trusted_hosts/");
    assert_eq!(key.len(), 1, "{doc:#}");
    assert_eq!(key[0]["path"], KEY);
    assert_eq!(key[0]["not_captured_in"], "B");
    assert_eq!(key[0]["at"], format!("{EXPORT}:14"));
    // No command shows the key: none is offered.
    assert_eq!(key[0]["capture"], serde_json::json!([]));

    let (_, out) = run(&["diff", EXPORT, LISTING]);
    assert!(!out.contains(&format!("~ {HOST}")), "{out}");
    assert!(!out.contains("-#@Mirapoint-Key"), "{out}");
    assert!(out.contains(&format!("? {KEY}  {EXPORT}:14\n")), "{out}");
    let (_, stat) = run(&["diff", "--stat", EXPORT, LISTING]);
    assert!(!stat.contains("trusted_hosts"), "{stat}");

    // The host itself still compares: a listing of its group without it removes it.
    let dir = tempfile::tempdir().unwrap();
    let before = std::fs::read_to_string(common::root().join(LISTING)).unwrap();
    let other = write(
        dir.path(),
        "other.log",
        &before.replace("\"192.0.2.21\"", "\"192.0.2.99\""),
    );
    let (_, doc) = json(EXPORT, &other);
    let changes: Vec<(&str, &str)> = under(&doc, "changes", "trusted_hosts/")
        .iter()
        .map(|c| (c["path"].as_str().unwrap(), c["kind"].as_str().unwrap()))
        .collect();
    let other_host = "trusted_hosts/mtagroup/192.0.2.99";
    assert_eq!(
        changes,
        [(HOST, "removed"), (other_host, "added")],
        "{doc:#}"
    );
    assert!(under(&doc, "not_compared", "trusted_hosts/").is_empty());
}

/// The other way round, the key the export shows was not captured before: not added.
#[test]
fn a_listing_against_an_export_leaves_the_key_not_compared() {
    let (_, doc) = json(LISTING, EXPORT);
    assert!(
        under(&doc, "changes", "trusted_hosts/").is_empty(),
        "{doc:#}"
    );
    let key = under(&doc, "not_compared", "trusted_hosts/");
    assert_eq!(key.len(), 1, "{doc:#}");
    assert_eq!(key[0]["path"], KEY);
    assert_eq!(key[0]["not_captured_in"], "A");
    assert_eq!(key[0]["at"], format!("{EXPORT}:14"));
}

/// Two exports show both keys: a changed key is a change, with both blocks. Against a listing,
/// the same changed key is not compared: only the coverage of the sides differs.
#[test]
fn a_key_changed_between_two_exports_is_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let changed = write(dir.path(), "changed.cfg", &export_with_another_key());
    let (code, doc) = json(EXPORT, &changed);
    assert_eq!(code, 1);
    let change = under(&doc, "changes", "trusted_hosts/");
    assert_eq!(change.len(), 1, "{doc:#}");
    assert_eq!(change[0]["path"], HOST);
    assert_eq!(change[0]["kind"], "changed");
    assert!(change[0]["old"].as_str().unwrap().contains("QmlRS0Jn"));
    assert!(change[0]["new"].as_str().unwrap().contains("QmlRS0Jh"));
    assert!(under(&doc, "not_compared", "trusted_hosts/").is_empty());

    let (_, doc) = json(&changed, LISTING);
    assert!(
        under(&doc, "changes", "trusted_hosts/").is_empty(),
        "{doc:#}"
    );
    let key = under(&doc, "not_compared", "trusted_hosts/");
    assert_eq!(key.len(), 1, "{doc:#}");
    assert_eq!(key[0]["path"], KEY);
}

/// `diff --explain` against a 4.2.3 log that lists the host: no loss of MOS-4.2.3-C-6 for
/// `restore --against` to write back (it writes nothing for it), only a key not compared.
#[test]
fn explain_labels_no_key_it_could_not_compare_as_lost() {
    let dir = tempfile::tempdir().unwrap();
    let after = std::fs::read_to_string(common::root().join("samples/mos/rg01-4.2.3-after.log"));
    let listed = format!(
        "{}rg01> trustedhost list mtagroup\n\"192.0.2.21\"\nOK Completed\n",
        after.unwrap()
    );
    let after = write(dir.path(), "after.log", &listed);
    let (_, out) = run(&["diff", "--explain", "--format", "json", EXPORT, &after]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        under(&doc, "changes", "trusted_hosts/").is_empty(),
        "{doc:#}"
    );
    assert!(!out.contains("MOS-4.2.3-C-6"), "{out}");
    let key = under(&doc, "not_compared", "trusted_hosts/");
    assert_eq!(key.len(), 1, "{doc:#}");
    assert_eq!(key[0]["path"], KEY);
    let (_, text) = run(&["diff", "--explain", EXPORT, &after]);
    assert!(!text.contains("MOS-4.2.3-C-6"), "{text}");
    assert!(text.contains(&format!("? {KEY}  {EXPORT}:14\n")), "{text}");
}

/// The canonical file `track` stores writes a key no capture showed as not captured, and reads
/// it back so: stored from the export, then from the listing, the key is not captured this
/// time, not changed.
#[test]
fn a_stored_key_not_captured_reads_back_as_not_captured() {
    let (_, shown) = run(&["show", LISTING]);
    assert!(
        shown.contains("\"192.0.2.21\": (\n          key: NotCaptured,\n        ),"),
        "{shown}"
    );
    let (_, exported) = run(&["show", EXPORT]);
    assert!(!exported.contains("NotCaptured,\n        ),"), "{exported}");
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    let samples = common::root();
    std::fs::copy(samples.join(EXPORT), src.join("rg01.cfg")).unwrap();
    common::track_and_commit(&src, &repo);
    std::fs::remove_file(src.join("rg01.cfg")).unwrap();
    std::fs::copy(samples.join(LISTING), src.join("rg01.log")).unwrap();
    common::track_and_commit(&src, &repo);
    let stored = std::fs::read_to_string(repo.join("mirapoint-mos/rg01.ron")).unwrap();
    assert!(stored.contains("key: NotCaptured,"), "{stored}");
    let message = common::git(&repo, &["log", "-1", "--format=%B"]);
    let body = message.lines().nth(2).unwrap();
    assert!(body.contains(" 0 changed;"), "{message}");
    // Back to the export: the stored key not captured is captured again, not added to a host
    // that had none.
    std::fs::remove_file(src.join("rg01.log")).unwrap();
    std::fs::copy(samples.join(EXPORT), src.join("rg01.cfg")).unwrap();
    common::track_and_commit(&src, &repo);
    let message = common::git(&repo, &["log", "-1", "--format=%B"]);
    let body = message.lines().nth(2).unwrap();
    assert!(body.contains(" 0 changed;"), "{message}");
}

//! SpamTitan captures that contradict themselves, as a prober made them from the samples: a
//! list answer saved under the other list's name, a stale domain export beside the current
//! one, two places giving one setting different values, a version file behind a completed
//! update log, and an entry that starts with `#`. Each is refused naming both places, or read
//! with a warning that names them, never read silently one way.

use crate::common;

use std::path::{Path, PathBuf};

const SAMPLE_708: &str = "samples/spamtitan/7.08/st01";
const SAMPLE_709: &str = "samples/spamtitan/7.09/st01";

/// A copy of a sample (or an empty capture folder) in a temporary folder.
struct Capture {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Capture {
    fn of(sample: Option<&str>) -> Capture {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("st01");
        match sample {
            Some(sample) => common::copy_dir(&common::root().join(sample), &path),
            None => std::fs::create_dir_all(&path).unwrap(),
        }
        Capture { _dir: dir, path }
    }

    fn write(&self, relative: &str, text: &str) -> &Capture {
        let path = self.path.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn arg(&self) -> &str {
        self.path.to_str().unwrap()
    }
}

fn run(args: &[&str]) -> (i32, String, String) {
    common::run_full(args)
}

fn restore(dir: &Path) -> (i32, String, String) {
    run(&["restore", "--to", "7.09", dir.to_str().unwrap()])
}

#[test]
fn a_block_list_answer_saved_as_allow_xml_is_refused_naming_both() {
    let c = Capture::of(None);
    c.write("version.txt", "7.08\n").write(
        "lists/global/allow.xml",
        "<?xml version=\"1.0\"?>\n<response><stat>ok</stat><blacklist><entry>\
         <sender>bad@x.example</sender></entry></blacklist></response>\n",
    );
    let (code, script, err) = restore(&c.path);
    assert_eq!(code, 2, "{script}{err}");
    assert!(!script.contains("bad@x.example"), "{script}");
    assert!(err.contains("lists/global/allow.xml:2"), "{err}");
    assert!(
        err.contains("`<blacklist>` says it is the block list")
            && err.contains("the file's name says the allow list"),
        "{err}"
    );
    // The same answer under its own name is the block list.
    std::fs::rename(
        c.path.join("lists/global/allow.xml"),
        c.path.join("lists/global/block.xml"),
    )
    .unwrap();
    let (code, script, err) = restore(&c.path);
    assert!(code < 2, "{err}");
    assert!(script.contains("'/blacklist/add'") && script.contains("'bad@x.example'"));
    assert!(
        !script.contains("'/whitelist/add' '' 'bad@x.example'"),
        "{script}"
    );
}

#[test]
fn a_stale_domain_export_beside_the_current_one_is_refused_not_merged() {
    let c = Capture::of(Some(SAMPLE_708));
    c.write(
        "domains_2019-backup.csv",
        "example.com,old-mail.example.com:25,none\nretired.example,old.example:25,none\n",
    );
    let (code, script, err) = restore(&c.path);
    assert_eq!(code, 2, "{script}{err}");
    assert!(!script.contains("retired.example"), "{script}");
    assert!(
        err.contains("domains_2019-backup.csv: a second domain export beside `domains.csv`"),
        "{err}"
    );
    // The same bytes under a second name are read once.
    let current = std::fs::read_to_string(c.path.join("domains.csv")).unwrap();
    c.write("domains_2019-backup.csv", &current);
    let (code, _, err) = run(&["show", c.arg()]);
    assert!(code < 2, "{err}");
    assert!(
        err.contains("holds the same bytes as `domains.csv`"),
        "{err}"
    );
}

#[test]
fn two_rows_of_one_domain_that_differ_are_refused_naming_both_lines() {
    let c = Capture::of(Some(SAMPLE_708));
    let mut csv = std::fs::read_to_string(c.path.join("domains.csv")).unwrap();
    csv.push_str("example.org,mx-new.example.org:25,none\n");
    c.write("domains.csv", &csv);
    let (code, script, err) = restore(&c.path);
    assert_eq!(code, 2, "{script}{err}");
    assert!(
        err.contains(
            "domains.csv:4: `example.org`: `domain.destination` is `mx-new.example.org:25` here"
        ) && err.contains("domains.csv:3"),
        "{err}"
    );
}

#[test]
fn an_api_answer_and_the_export_that_disagree_are_refused_naming_both() {
    let c = Capture::of(Some(SAMPLE_708));
    c.write(
        "api/domains/example.com.json",
        r#"{"id": 3, "domain": "example.com", "destination": "other.example.com:25"}"#,
    );
    let (code, script, err) = restore(&c.path);
    assert_eq!(code, 2, "{script}{err}");
    assert!(
        err.contains("the capture contradicts itself in 1 place(s)")
            && err.contains("domains.csv:1: `example.com`: `domain.destination`")
            && err.contains("`other.example.com:25` at ")
            && err.contains("api/domains/example.com.json:1"),
        "{err}"
    );
    // The same value written in another case is one value.
    c.write(
        "api/domains/example.com.json",
        r#"{"id": 3, "domain": "example.com", "destination": "Mail.Example.com:25"}"#,
    );
    let (code, _, err) = run(&["show", c.arg()]);
    assert!(code < 2, "{err}");
}

#[test]
fn a_version_file_behind_a_completed_update_log_is_warned_naming_both() {
    let c = Capture::of(Some(SAMPLE_709));
    c.write("version.txt", "7.08\n");
    let (_, _, err) = run(&["plan", "--to", "7.09", c.arg()]);
    assert!(
        err.contains("version.txt:1: warning: the version is 7.08 here, but the update log")
            && err.contains("update-7.09.log:1 records a completed update to 7.09"),
        "{err}"
    );
    // The sample as it is agrees with its log.
    let (_, _, err) = run(&["plan", "--to", "7.09", SAMPLE_709]);
    assert!(!err.contains("completed update"), "{err}");
}

#[test]
fn an_address_that_starts_with_a_hash_is_an_entry_with_a_warning() {
    let c = Capture::of(Some(SAMPLE_708));
    let mut list = std::fs::read_to_string(c.path.join("lists/global/whitelist.txt")).unwrap();
    list.push_str("#ops@example.com\nops#2@example.com # the second desk\n# a note\n");
    c.write("lists/global/whitelist.txt", &list);
    let (code, script, err) = restore(&c.path);
    assert!(code < 2, "{err}");
    assert!(script.contains("'#ops@example.com'"), "{script}");
    assert!(script.contains("'ops#2@example.com'"), "{script}");
    assert!(
        err.contains("whitelist.txt:5: warning: `#ops@example.com` starts with `#`"),
        "{err}"
    );
    // The file's own comment lines stay comments.
    assert!(
        !err.contains("`# a note`") && !err.contains("unrecognized"),
        "{err}"
    );
}

/// A domain export row whose domain is `..` or `../../x` is no domain the appliance holds: a
/// damaged or hostile file. It is kept as written (the script encodes it) and warned of at its
/// line; a one-label name (`localhost`) is a name, and is not.
#[test]
fn a_domain_row_that_names_no_domain_is_warned_of_at_its_line() {
    let c = Capture::of(Some(SAMPLE_708));
    let csv = std::fs::read_to_string(c.path.join("domains.csv")).unwrap();
    let lines = csv.lines().count();
    c.write(
        "domains.csv",
        &format!("{csv}..,mail.example.com,none\n../../x,mail.example.com,none\nlocalhost,mail.example.com,none\n"),
    );
    let (code, _, err) = run(&["show", c.arg()]);
    assert_eq!(code, 0, "{err}");
    let warned: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("is no domain name"))
        .collect();
    assert_eq!(warned.len(), 2, "{err}");
    assert!(
        warned[0].contains(&format!("domains.csv:{}: warning: `..`", lines + 1)),
        "{err}"
    );
    assert!(
        warned[1].contains(&format!("domains.csv:{}: warning: `../../x`", lines + 2)),
        "{err}"
    );
}

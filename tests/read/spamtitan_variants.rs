//! What Excel, the UI's exports and a file share do to a SpamTitan capture folder: each variant
//! is made from `samples/spamtitan/7.08/st01` in a temporary folder and compared with the clean
//! capture. Every snapshot is the diff and the notes: empty, or only the expected, noted
//! difference. Every reproducer of the issue about real SpamTitan captures is one test here.

use crate::common;

use std::path::{Path, PathBuf};

use carryover::capture::ReadOptions;
use proptest::prelude::*;

use common::{root, snapshot_settings};

const SAMPLE: &str = "samples/spamtitan/7.08/st01";

/// A copy of the sample in a temporary folder named `name`.
struct Variant {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Variant {
    fn new(name: &str) -> Variant {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        common::copy_dir(&root().join(SAMPLE), &path);
        Variant { _dir: dir, path }
    }

    fn at(&self, relative: &str) -> PathBuf {
        self.path.join(relative)
    }

    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> &Variant {
        let path = self.at(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.at(relative)).unwrap()
    }

    fn rename(&self, from: &str, to: &str) -> &Variant {
        let to = self.at(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::rename(self.at(from), to).unwrap();
        self
    }

    fn remove(&self, relative: &str) -> &Variant {
        std::fs::remove_file(self.at(relative)).unwrap();
        self
    }

    fn arg(&self) -> &str {
        self.path.to_str().unwrap()
    }
}

/// Runs the binary from the crate root: exit code, stdout, stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    common::run_full(args)
}

/// Diffs the clean sample with a variant and snapshots the result, the temporary folder
/// written as `variant`; the exit code.
fn snap_diff(name: &str, variant: &Variant) -> (i32, String, String) {
    let (code, out, err) = run(&["diff", SAMPLE, variant.arg()]);
    let hide = |text: &str| text.replace(variant.arg(), "variant");
    snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            format!("spamtitan-variant@{name}"),
            format!(
                "$ carryover diff {SAMPLE} variant\nexit {code}\n{}--- stderr\n{}",
                hide(&out),
                hide(&err)
            )
        );
    });
    (code, hide(&out), hide(&err))
}

const SAME: &str = "0 differences: 0 added, 0 removed, 0 changed\n";

/// The sample's domains CSV, re-written with another delimiter (quoting only where needed).
fn domains_with(delimiter: u8) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(root().join(SAMPLE).join("domains.csv"))
        .unwrap();
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_writer(Vec::new());
    for record in reader.records() {
        writer.write_record(&record.unwrap()).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

// 1. A 2-field row panicked; so did semicolon- and tab-separated files.

#[test]
fn a_two_field_row_is_a_domain_with_a_note() {
    let v = Variant::new("st01");
    let csv = v.read("domains.csv") + "example.info,mx.example.info:25\n";
    v.write("domains.csv", csv);
    let (code, out, err) = snap_diff("two-field-row", &v);
    assert_eq!(code, 1);
    assert!(out.contains("domains/example.info"), "{out}");
    assert!(err.contains("domains.csv:4: warning: `example.info` has no verification column"));
}

#[test]
fn semicolon_and_tab_separated_files_read_as_the_comma_one() {
    for (delimiter, name) in [(b';', "semicolon"), (b'\t', "tab")] {
        let v = Variant::new("st01");
        v.write("domains.csv", domains_with(delimiter));
        let (code, out, err) = snap_diff(&format!("{name}-separated"), &v);
        assert_eq!((code, out.as_str()), (0, SAME), "{name}");
        assert!(err.contains(&format!("separated by {name}s")), "{err}");
    }
}

// 2. Upper-case file names switched the vendor or lost a file.

#[test]
fn upper_case_names_read_as_the_sample() {
    let v = Variant::new("st01");
    v.rename("version.txt", "VERSION.TXT")
        .rename("domains.csv", "Domains.csv")
        .rename("lists/global/whitelist.txt", "lists/global/WhiteList.TXT")
        .rename("by-hand.txt", "By-Hand.TXT")
        .rename(
            "api/domains/example.com/policy.json",
            "API/Domains/example.com/Policy.JSON",
        );
    let (code, out, _) = snap_diff("upper-case-names", &v);
    assert_eq!((code, out.as_str()), (0, SAME));
}

#[test]
fn a_folder_of_only_upper_case_names_is_a_spamtitan_capture() {
    let dir = tempfile::tempdir().unwrap();
    let st = dir.path().join("st01");
    std::fs::create_dir_all(&st).unwrap();
    std::fs::write(st.join("VERSION.TXT"), "7.08\n").unwrap();
    std::fs::copy(
        root().join(SAMPLE).join("domains.csv"),
        st.join("Domains.csv"),
    )
    .unwrap();
    let (code, out, err) = run(&["show", "--format", "json", st.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["config"]["vendor"], "spamtitan");
    assert_eq!(json["config"]["domains"].as_array().unwrap().len(), 3);
    assert_eq!(json["config"]["appliance"]["version"], "7.08");
    let (code, out, _) = run(&["gaps", st.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("ST-7.09-N-1") && !out.contains("MOS-"),
        "{out}"
    );
}

// 3. Excel's trailing empty columns dropped whole domains.

#[test]
fn trailing_empty_columns_are_ignored_with_a_note() {
    let v = Variant::new("st01");
    let padded: String = v
        .read("domains.csv")
        .lines()
        .map(|l| format!("{l},,,,,,,\r\n"))
        .collect();
    v.write("domains.csv", padded);
    let (code, out, err) = snap_diff("excel-trailing-columns", &v);
    assert_eq!((code, out.as_str()), (0, SAME));
    assert!(err.contains("3 row(s) end in empty columns"), "{err}");
}

// 4. Both names of one list in one scope: one silently won.

#[test]
fn both_vocabularies_of_one_list_merge_as_a_set() {
    let v = Variant::new("st01");
    v.write(
        "lists/global/allow.txt",
        "newsletter@vendor.example\nnew-partner@example.org\n",
    )
    .write("lists/global/block.txt", "@casino.example\n");
    let (code, out, err) = snap_diff("both-vocabularies", &v);
    assert_eq!(code, 1);
    assert!(
        out.contains("lists/global/allow/new-partner@example.org"),
        "{out}"
    );
    assert!(
        !out.contains("removed: 0") || out.contains("0 removed"),
        "{out}"
    );
    assert!(
        err.contains("the allow list of `global` is in 2 files"),
        "{err}"
    );
    assert!(
        err.contains("the block list of `global` is in 2 files"),
        "{err}"
    );
}

// 5. List exports with a comment column.

#[test]
fn comment_columns_are_read_as_comments() {
    let v = Variant::new("st01");
    v.write(
        "lists/global/whitelist.txt",
        "Email,Comment\n\"newsletter@vendor.example\",\"\"\n@partner.example.com,our partner since 2019\n@.trusted-group.example # the group's own domains\n",
    );
    let (code, out, _) = snap_diff("comment-column", &v);
    assert_eq!((code, out.as_str()), (0, SAME), "comments are not entries");
    let (_, shown, _) = run(&["show", v.arg()]);
    assert!(
        shown.contains("\"@partner.example.com # our partner since 2019\""),
        "{shown}"
    );
    assert!(shown.contains("\"@.trusted-group.example # the group's own domains\""));
    assert!(shown.contains("\"newsletter@vendor.example\","));
}

// 6. One odd file refused the whole capture.

#[test]
fn junk_files_are_skipped_with_a_note() {
    let v = Variant::new("st01");
    v.write(".DS_Store", b"\0\0\0\x01Bud1\0")
        .write("Thumbs.db", b"\xd0\xcf\x11\xe0\0\0")
        .write("lists/global/._whitelist.txt", b"\0\x05\x16\x07\0")
        .write("st01-backup.tar.gz", b"\x1f\x8b\x08\0\0")
        .write(".git/config", "[core]\n");
    let (code, out, err) = snap_diff("junk-files", &v);
    assert_eq!((code, out.as_str()), (0, SAME), "{err}");
    assert_eq!(err.matches("skipped").count(), 5, "{err}");
}

#[test]
fn every_bad_file_is_named_and_the_run_fails() {
    let v = Variant::new("st01");
    v.write(
        "api/system/relay.json",
        "{\"smarthost\": \"relay.isp.example:587\",\n \"sasl\": {",
    )
    .write("api/system/cluster.json", "");
    let (code, out, err) = run(&["show", v.arg()]);
    let err = err.replace(v.arg(), "variant");
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("2 file(s) of this capture could not be read"),
        "{err}"
    );
    assert!(err.contains("variant/api/system/relay.json:2:"), "{err}");
    assert!(
        err.contains("variant/api/system/cluster.json: an empty file"),
        "{err}"
    );
}

// 7. Values were not normalised, and nothing said so.

#[test]
fn known_keys_are_typed_with_a_note_when_coerced() {
    let v = Variant::new("st01");
    v.write(
        "api/domains/example.com/policy.json",
        r#"{"qreport_enabled": "true", "qreport_frequency": "D", "qreport_contains": "N", "whitelist_enabled": 1, "spam_kill_level": 6.0}"#,
    );
    let (code, out, err) = snap_diff("coerced-values", &v);
    assert_eq!((code, out.as_str()), (0, SAME));
    assert_eq!(err.matches("read as").count(), 3, "{err}");
}

#[test]
fn a_data_envelope_is_unwrapped() {
    let v = Variant::new("st01");
    let policy = v.read("api/domains/example.com/policy.json");
    v.write(
        "api/domains/example.com/policy.json",
        format!("{{\"status\": \"success\", \"data\": {policy}}}"),
    );
    let (code, out, err) = snap_diff("data-envelope", &v);
    assert_eq!((code, out.as_str()), (0, SAME));
    assert!(err.contains("`data` envelope"), "{err}");
}

#[test]
fn null_is_unset_and_unknown_keys_are_raw() {
    let v = Variant::new("st01");
    v.write(
        "api/domains/example.com/policy.json",
        r#"{"qreport_enabled": true, "qreport_frequency": "D", "qreport_contains": "N",
            "whitelist_enabled": true, "spam_kill_level": null, "heartbeat_interval": 5}"#,
    );
    let (code, out, _) = snap_diff("null-and-unknown-keys", &v);
    assert_eq!(code, 1);
    assert!(
        out.contains("- settings/example.com/policy.spam_kill_level = 6"),
        "{out}"
    );
    assert!(
        out.contains("raw/example.com/policy.spam_kill_level"),
        "{out}"
    );
    assert!(
        out.contains("raw/example.com/policy.heartbeat_interval"),
        "{out}"
    );
    assert!(
        !out.contains("settings/example.com/policy.heartbeat"),
        "{out}"
    );
}

#[test]
fn version_strings_the_product_prints() {
    for (written, name) in [
        ("7.08 build 1234\n", "version-build"),
        ("SpamTitan Gateway 7.08\r\n", "version-product-name"),
    ] {
        let v = Variant::new("st01");
        v.write("version.txt", written);
        let (code, out, _) = snap_diff(name, &v);
        if written.contains("build") {
            // The same version; the build is news the clean capture could not show, so it is
            // "not compared", not a difference; and not compared counts toward the exit status.
            assert_eq!(code, 1);
            assert!(
                out.contains("? settings/system/system.version.build"),
                "{out}"
            );
            assert!(!out.contains("appliance/version"), "{out}");
        } else {
            assert_eq!((code, out.as_str()), (0, SAME));
        }
    }
}

#[test]
fn addresses_read_in_one_form() {
    let v = Variant::new("st01");
    v.write(
        "lists/global/blacklist.txt",
        "SPAM@BULK.EXAMPLE\n@Casino.Example\n",
    )
    .write(
        "lists/global/whitelist.txt",
        v.read("lists/global/whitelist.txt")
            + "@bücher.example\n@xn--bcher-kva.example\n@BÜCHER.example\n",
    );
    let (code, out, err) = snap_diff("address-forms", &v);
    assert_eq!(code, 1);
    assert!(
        out.contains("lists/global/allow/@xn--bcher-kva.example"),
        "{out}"
    );
    assert!(out.contains("1 added, 0 removed"), "{out}");
    assert!(err.contains("2 entries written in another form"), "{err}");
}

// 8. The folder name was the host name, credited to a file.

#[test]
fn the_folder_name_is_said_to_be_the_folder_name() {
    let v = Variant::new("renamed-copy");
    let (code, out, _) = snap_diff("folder-name", &v);
    assert_eq!(code, 1);
    assert!(out.contains("appliance/hostname"), "{out}");
    let (_, shown, _) = run(&["show", "--provenance", "--format", "json", v.arg()]);
    let json: serde_json::Value = serde_json::from_str(&shown).unwrap();
    let at = json["provenance"]["items"]["appliance/hostname"]
        .as_str()
        .unwrap();
    assert!(at.ends_with("renamed-copy (the folder's name):1"), "{at}");
}

#[test]
fn the_appliances_own_name_wins_over_the_folder_name() {
    let a = Variant::new("st01-before");
    let b = Variant::new("copy of st01");
    for v in [&a, &b] {
        v.write(
            "api/system/network.json",
            r#"{"hostname": "st01.example.com"}"#,
        );
    }
    let (code, out, err) = run(&["diff", a.arg(), b.arg()]);
    assert_eq!((code, out.as_str()), (0, SAME), "{err}");
    let (_, shown, _) = run(&["show", "--format", "json", b.arg()]);
    let json: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(json["config"]["appliance"]["hostname"], "st01");
    assert_eq!(json["config"]["appliance"]["fqdn"], "st01.example.com");
    b.remove("api/system/network.json")
        .write("hostname.txt", "st01.example.com\n");
    let (code, out, err) = run(&["diff", a.arg(), b.arg()]);
    assert_eq!((code, out.as_str()), (0, SAME), "{err}");
}

// The domains CSV in every form a spreadsheet or a share gives it reads to one model.

/// The domains and settings a capture folder reads to.
fn model_of(dir: &Path) -> String {
    let capture = carryover::read::read(&[dir.to_path_buf()], &ReadOptions::default()).unwrap();
    let mut config = capture.config;
    config.reveal_secrets();
    format!(
        "{:?}\n{:?}",
        config.domains.iter().map(|d| d.0).collect::<Vec<_>>(),
        config
            .settings
            .iter()
            .map(|(s, m)| (s, m.iter().map(|(n, i)| (n, &i.value)).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
    )
}

/// One cell as a spreadsheet may write it: quoted where it must be, padded where it may be.
fn cell(text: &str, delimiter: char, pad: bool) -> String {
    if text.contains(delimiter) || text.contains('"') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else if pad {
        format!(" {text} ")
    } else {
        text.to_string()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_domains_csv_reads_the_same_in_every_form(
        delimiter in prop::sample::select(vec![',', ';', '\t']),
        header in any::<bool>(),
        pad in any::<bool>(),
        trailing in 0usize..6,
        bom in any::<bool>(),
        crlf in any::<bool>(),
        name in prop::sample::select(vec!["domains.csv", "DOMAINS.CSV", "Domains.csv", "domains.CSV"]),
    ) {
        let clean = Variant::new("st01");
        let variant = Variant::new("st01");
        let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(clean.at("domains.csv"))
            .unwrap()
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        if header {
            rows.insert(0, vec!["Domain".into(), "Destination".into(), "Verification".into()]);
        }
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| cell(c, delimiter, pad)).collect();
            text.push_str(&cells.join(&delimiter.to_string()));
            text.push_str(&delimiter.to_string().repeat(trailing));
            text.push_str(end);
        }
        variant.remove("domains.csv").write(name, &text);
        prop_assert_eq!(model_of(&variant.path), model_of(&clean.path), "{:?}", text);
    }
}

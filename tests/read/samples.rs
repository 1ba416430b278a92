//! Every shipped sample: its model and its unrecognized lines as snapshots, its syntax tree
//! lossless, and its model the same however the input is cut, encoded or ordered.

use crate::common;

use carryover::capture::ReadOptions as Options;
use carryover::model::SourceKind;
use carryover::read;
use carryover::render::{self, ModelFormat};
use carryover::source::Source;
use carryover::vendors::mos::syntax::{check_lossless, cli as mos_cli, protocol as mos_protocol};
use common::*;

#[test]
fn every_sample_model_and_unrecognized_lines() {
    at_root();
    let settings = snapshot_settings();
    for path in mos_samples() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let capture = read::read(std::slice::from_ref(&path), &Options::default()).unwrap();
        let model = render::model(&capture.config, ModelFormat::Ron, false);
        let report = format!(
            "{}--- diagnostics\n{}",
            render::unrecognized(&capture),
            render::diagnostics(&capture)
        );
        settings.bind(|| {
            insta::assert_snapshot!(format!("model@{name}"), model);
            insta::assert_snapshot!(format!("unrecognized@{name}"), report);
        });
    }
}

#[test]
fn every_sample_tree_covers_its_text_with_no_gap_or_overlap() {
    for path in mos_samples() {
        let source = Source::read(&root().join(&path), None).unwrap();
        let tree = match carryover::vendors::mos::read::detect(&source.text) {
            SourceKind::Protocol => mos_protocol::parse(&source).unwrap(),
            _ => mos_cli::parse(&source).unwrap(),
        };
        assert!(!tree.nodes.is_empty(), "{}", path.display());
        if let Err(offset) = check_lossless(&source.text, &tree.nodes) {
            panic!(
                "{}: nodes leave a gap or overlap at byte {offset}",
                path.display()
            );
        }
    }
}

#[test]
fn cutting_a_log_into_parts_changes_nothing() {
    for path in mos_samples() {
        let bytes = std::fs::read(root().join(&path)).unwrap();
        let whole = capture_of("x", bytes.clone(), &Options::default());
        for part_size in [1, 64, 300] {
            let options = Options {
                part_size,
                ..Options::default()
            };
            let parts = capture_of("x", bytes.clone(), &options);
            assert_eq!(
                parts.config,
                whole.config,
                "{} cut every {part_size}",
                path.display()
            );
            assert_eq!(
                parts.notes,
                whole.notes,
                "{} cut every {part_size}",
                path.display()
            );
        }
    }
}

#[test]
fn reading_answers_in_parts_changes_nothing() {
    for path in mos_samples() {
        let bytes = std::fs::read(root().join(&path)).unwrap();
        let whole = capture_of(
            "x",
            bytes.clone(),
            &Options {
                answer_part: usize::MAX,
                ..Options::default()
            },
        );
        for (answer_part, part_size) in [(1, 0), (2, 0), (7, 0), (1, 64), (3, 300)] {
            let options = Options {
                answer_part,
                part_size,
                ..Options::default()
            };
            let parts = capture_of("x", bytes.clone(), &options);
            let what = format!(
                "{} in parts of {answer_part} lines, the log cut every {part_size}",
                path.display()
            );
            assert_eq!(parts.config, whole.config, "{what}");
            assert_eq!(parts.notes, whole.notes, "{what}");
        }
    }
}

fn ron_of(name: &str, bytes: Vec<u8>) -> String {
    render::model(
        &capture_of(name, bytes, &Options::default()).config,
        ModelFormat::Ron,
        false,
    )
}

#[test]
fn encoding_line_endings_and_terminal_noise_do_not_change_the_model() {
    let text = std::fs::read_to_string(root().join("samples/mos/rg01-4.1.9-before.log")).unwrap();
    let plain = ron_of("a.log", text.clone().into_bytes());
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(ron_of("b.log", crlf.clone().into_bytes()), plain, "CRLF");
    let sjis = encoding_rs::SHIFT_JIS.encode(&crlf).0.into_owned();
    assert_eq!(ron_of("c.log", sjis), plain, "Shift_JIS");
    let eucjp = encoding_rs::EUC_JP.encode(&text).0.into_owned();
    assert_eq!(ron_of("d.log", eucjp), plain, "EUC-JP");
    let stamped: String = text
        .lines()
        .map(|l| format!("[Thu Jun 16 10:00:00.123 2011] {l}\n"))
        .collect();
    assert_eq!(ron_of("e.log", stamped.into_bytes()), plain, "timestamps");
}

#[test]
fn command_case_quoting_and_prompt_form_do_not_change_the_model() {
    let a = "rg01.example.co.jp> smtp get fastpath\noff\nOK Completed\n\
             rg01.example.co.jp> uce listexception primary whitelistto\n\"a@x.jp\"\n\"b@X.JP\"\nOK Completed\n";
    let b = "rg01> SMTP GET FastPath\n\"off\"\nOK Completed\n\
             rg01> Uce ListException \"primary\" \"whitelistto\"\n\"b@x.jp\"\n\"a@x.jp\"\nOK Completed\n\
             rg01.example.co.jp> version\nMOS4.1.9-GA\nOK Completed\n";
    let a = capture_of("a.log", a.into(), &Options::default()).config;
    let mut b = capture_of("b.log", b.into(), &Options::default()).config;
    b.appliance.version = None;
    // What each capture looked at (its file, its `version` command) is not the model.
    b.coverage = a.coverage.clone();
    assert_eq!(
        render::model(&a, ModelFormat::Ron, false),
        render::model(&b, ModelFormat::Ron, false)
    );
}

/// Two captures of one moment (4.2.3 both): a session that listed a list, and a later one
/// that set a setting and listed another; `_b` names the later.
fn two_sessions(dir: &std::path::Path) -> [std::path::PathBuf; 2] {
    let head = "rg01> version\nMOS4.2.3-GA\nOK Completed\n";
    let a = format!(
        "{head}rg01> smtp get fastpath\noff\nOK Completed\n\
         rg01> uce listexception primary whitelistto\n\"a@example.com\"\nOK Completed\n"
    );
    let b = format!(
        "{head}rg01> smtp set fastpath on\nOK Completed\n\
         rg01> uce listexception primary blacklist\n\"spam@example.net\"\nOK Completed\n"
    );
    let paths = [dir.join("rg01_a.log"), dir.join("rg01_b.log")];
    std::fs::write(&paths[0], a).unwrap();
    std::fs::write(&paths[1], b).unwrap();
    paths
}

#[test]
fn file_order_on_the_command_line_does_not_matter() {
    let dir = tempfile::tempdir().unwrap();
    let [a, b] = two_sessions(dir.path());
    let ab = read::read(&[a.clone(), b.clone()], &Options::default()).unwrap();
    let ba = read::read(&[b, a], &Options::default()).unwrap();
    assert_eq!(
        render::model(&ab.config, ModelFormat::Ron, true),
        render::model(&ba.config, ModelFormat::Ron, true)
    );
    // Later captures win where they disagree: the later session set fastpath on.
    assert_eq!(
        ab.config.settings["system"]["smtp.fastpath"].value,
        carryover::model::Value::Bool(true)
    );
    assert_eq!(ab.config.lists["primary"].len(), 2);
}

/// Captures of two moments (before and after an upgrade) are never merged into one model in
/// the order of their names: the read is refused, naming both files and versions, whichever
/// order they are named in.
#[test]
fn captures_of_two_versions_are_refused_not_merged() {
    at_root();
    let before = std::path::PathBuf::from("samples/mos/rg01-4.1.9-before.log");
    let after = std::path::PathBuf::from("samples/mos/rg01-4.2.3-after.log");
    for files in [[before.clone(), after.clone()], [after, before]] {
        let err = read::read(&files, &Options::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("read-two-versions"), "{err}");
        assert!(
            err.contains("4.1.9-GA") && err.contains("4.2.3-GA"),
            "{err}"
        );
        assert!(
            err.contains("rg01-4.1.9-before.log:") && err.contains("rg01-4.2.3-after.log:"),
            "{err}"
        );
    }
    // An admind greeting's `4.1.9` is the CLI's `4.1.9-GA`: one release.
    let v = |t: &str| carryover::model::Version::parse(t).unwrap();
    assert!(v("4.1.9").same_release(&v("MOS4.1.9-GA")));
    assert!(!v("4.1.9-GA").same_release(&v("4.2.3-GA")));
}

/// One log may hold an upgrade (the session that installs it, logged on after the reboot):
/// what it read before the new version is of the old appliance, which the upgrade may have
/// reset, so it leaves the model with a warning naming both versions, and counts as not
/// captured; what was read after it, and the updates installed, stay.
#[test]
fn an_upgrade_inside_one_log_leaves_the_readings_before_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("upgrade.log");
    std::fs::write(
        &log,
        "rg01> version\nMOS4.1.9-GA\nOK Completed\n\
         rg01> smtp get quarantinejunk\non\nOK Completed\n\
         rg01> uce listexception primary whitelistto\n\"@a.example.com\"\nOK Completed\n\
         rg01> update install http://192.0.2.50/mirapoint/R4_2_3c_GA.mpu5\nOK Completed\n\
         rg01> version\nMOS4.2.3-GA\nOK Completed\n\
         rg01> smtp get fastpath\noff\nOK Completed\n",
    )
    .unwrap();
    let read = read::read(&[log], &Options::default()).unwrap();
    let config = &read.config;
    assert_eq!(
        config.appliance.version.as_ref().unwrap().value.to_string(),
        "4.2.3-GA"
    );
    let system = &config.settings["system"];
    assert!(!system.contains_key("smtp.quarantinejunk"), "{system:?}");
    assert!(!config.coverage.settings["system"].contains("smtp.quarantinejunk"));
    assert_eq!(
        system["smtp.fastpath"].value,
        carryover::model::Value::Bool(false)
    );
    assert!(config.lists.is_empty() && config.coverage.lists.is_empty());
    assert!(config.updates.contains_key("R4_2_3c_GA"));
    assert_eq!(config.appliance.hostname.as_ref().unwrap().value, "rg01");
    let warning = read
        .notes
        .iter()
        .find_map(|(_, n)| match &n.kind {
            carryover::capture::NoteKind::Warning(m) if m.id == "read-upgrade-starts-over" => {
                Some((n.line, m.to_string()))
            }
            _ => None,
        })
        .expect("the upgrade is warned of");
    assert_eq!(warning.0, 13);
    assert!(
        warning.1.contains("4.1.9-GA") && warning.1.contains("upgrade.log:2"),
        "{warning:?}"
    );
}

#[test]
fn a_directory_reads_as_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let files = two_sessions(dir.path()).to_vec();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let from_dir = read::read(&[dir.path().to_path_buf()], &Options::default()).unwrap();
    let from_files = read::read(&files, &Options::default()).unwrap();
    assert_eq!(
        from_dir.config.sources.len(),
        2,
        "the .git folder is skipped"
    );
    assert_eq!(
        render::model(&from_dir.config, ModelFormat::Ron, false),
        render::model(&from_files.config, ModelFormat::Ron, false)
    );
}

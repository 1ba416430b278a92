//! The reading mechanisms, over any mix: for the clean log and any mix of editing sequences
//! that leave the same screen text, look-alike spaces after the prompt, line-end styles,
//! encodings and file seams, the model equals the clean one, or a warning names a line. Never
//! a silent difference. The case count is fixed for CI; for a longer run set
//! `PROPTEST_CASES=5000 cargo test --test read reading_mechanisms`.
//!
//! And SpamTitan folders as failed downloads, browsers and pastes leave them: each reads the
//! same as the clean capture, or loudly.

use crate::common;

use carryover::capture::ReadOptions as Options;
use carryover::render::{self, ModelFormat};
use common::*;
use proptest::prelude::*;

const CLEAN: &str = "samples/mos/rg01-4.1.9-before.log";
const PROMPT: &str = "rg01.example.co.jp> ";

fn clean() -> String {
    std::fs::read_to_string(root().join(CLEAN)).unwrap()
}

/// One way a person typed a command, leaving the same screen text.
#[derive(Debug, Clone, Copy)]
enum Typing {
    AsIs,
    Backspace,
    Del,
    CursorLeftRedraw,
    InsertCharacter,
    EraseAndRetype,
    CatV,
}

fn typed(command: &str, how: Typing) -> String {
    let (head, last) = command.rsplit_once(' ').unwrap_or(("", command));
    let head = if head.is_empty() {
        String::new()
    } else {
        format!("{head} ")
    };
    let ascii_word = last.len() > 2 && last.is_ascii();
    match how {
        Typing::AsIs => command.to_string(),
        Typing::Backspace => format!("{command}zz\x08\x08\x1b[K"),
        Typing::Del => format!("{command}z\x7f"),
        Typing::CursorLeftRedraw if ascii_word => {
            let back = last.len() - 2;
            let (a, b) = last.split_at(1);
            format!("{head}{a}{}\x1b[{back}D{b}\x1b[{back}D", &b[1..])
        }
        Typing::InsertCharacter if ascii_word => {
            let back = last.len() - 2;
            let (a, b) = last.split_at(1);
            format!("{head}{a}{}\x1b[{back}D\x1b[1@{}", &b[1..], &b[..1])
        }
        Typing::EraseAndRetype => format!("oops\x1b[2K\r{PROMPT}{command}"),
        Typing::CatV => format!("{command}x^H ^H"),
        _ => command.to_string(),
    }
}

fn typing() -> impl Strategy<Value = Typing> {
    prop_oneof![
        Just(Typing::AsIs),
        Just(Typing::Backspace),
        Just(Typing::Del),
        Just(Typing::CursorLeftRedraw),
        Just(Typing::InsertCharacter),
        Just(Typing::EraseAndRetype),
        Just(Typing::CatV),
    ]
}

/// The log with each command typed as `ways` says (cycled), and the prompt's blank replaced
/// by `space` on every line.
fn retyped(text: &str, ways: &[Typing], space: &str) -> String {
    let mut out = String::new();
    let mut n = 0;
    for line in text.split_inclusive('\n') {
        match line.strip_prefix(PROMPT) {
            Some(command) => {
                let how = ways[n % ways.len()];
                n += 1;
                let prompt = PROMPT.replace(' ', space);
                out.push_str(&format!("{prompt}{}\n", typed(command.trim_end(), how)));
            }
            None => out.push_str(line),
        }
    }
    out
}

fn bytes_of(text: &str, ends: &str, encoding: u8, seam: bool) -> Vec<u8> {
    let text = text.replace('\n', ends);
    let mut bytes = match encoding {
        0 => text.into_bytes(),
        1 => encoding_rs::SHIFT_JIS.encode(&text).0.into_owned(),
        _ => {
            let mut b = vec![0xff, 0xfe];
            b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }
    };
    if seam && encoding == 0 {
        bytes.splice(0..0, *b"\xef\xbb\xbf");
    }
    bytes
}

fn model_of(name: &str, bytes: Vec<u8>) -> (String, usize) {
    let capture = capture_of(name, bytes, &Options::default());
    let model = render::model(&capture.config, ModelFormat::Ron, false);
    let warnings = capture
        .config
        .sources
        .iter()
        .map(|s| s.info.not_understood as usize)
        .sum::<usize>();
    (model, warnings)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Any mix of the mechanisms reads to the clean model.
    #[test]
    fn any_mix_of_mechanisms_reads_as_the_clean_log(
        ways in prop::collection::vec(typing(), 1..8),
        space in prop::sample::select(vec![" ", "\u{a0}", "\u{3000}", "\u{200b} "]),
        ends in prop::sample::select(vec!["\n", "\r\n", "\r"]),
        encoding in 0u8..3,
        seam in any::<bool>(),
    ) {
        let clean = clean();
        let (expected, _) = model_of("clean.log", clean.clone().into_bytes());
        // Shift_JIS has the ideographic space of these only.
        let space = if encoding == 1 && space != " " { "\u{3000}" } else { space };
        let text = retyped(&clean, &ways, space);
        let (model, _) = model_of("mixed.log", bytes_of(&text, ends, encoding, seam));
        prop_assert_eq!(model, expected);
    }
}

#[test]
fn a_typo_fixed_on_the_terminal_is_not_a_setting_of_its_own() {
    let text = clean().replace(
        &format!("{PROMPT}smtp get fastpath\n"),
        &format!("{PROMPT}smtp get fstpath\x1b[6Dastpath\x1b[6D\n"),
    );
    let (model, _) = model_of("edited.log", text.into_bytes());
    assert!(model.contains("\"smtp.fastpath\""), "{model}");
    assert!(!model.contains("fstpath"), "{model}");
}

#[test]
fn a_literal_body_is_never_replayed() {
    // A control byte inside a literal's body is data the appliance sent.
    let log = format!(
        "{PROMPT}branding set quotamsg {{7}}\nab\x08\x08cd\nOK Completed\n{PROMPT}version\nMOS4.1.9-GA\nOK Completed\n"
    );
    let source = carryover::source::Source::from_text("lit.log", &log);
    assert!(source.text.contains("ab\x08\x08cd"), "{:?}", source.text);
}

/// A SpamTitan capture folder made from the sample, changed by `change`.
fn st_variant(change: impl FnOnce(&std::path::Path)) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("st01");
    copy_dir(&root().join("samples/spamtitan/7.08/st01"), &path);
    change(&path);
    let arg = path.to_str().unwrap().to_string();
    (dir, arg)
}

fn st_diff(arg: &str) -> (i32, String, String) {
    let (code, out, err) = run_full(&["diff", "samples/spamtitan/7.08/st01", arg]);
    (code, out, err.replace(arg, "variant"))
}

#[test]
fn copies_browsers_name_are_read_as_their_original_with_a_note() {
    let (_dir, arg) = st_variant(|p| {
        let global = p.join("lists/global");
        std::fs::rename(
            global.join("whitelist.txt"),
            global.join("whitelist (1).txt"),
        )
        .unwrap();
        std::fs::rename(
            global.join("blacklist.txt"),
            global.join("blacklist.txt.txt"),
        )
        .unwrap();
        std::fs::rename(p.join("version.txt"), p.join("VERSION")).unwrap();
    });
    let (code, out, err) = st_diff(&arg);
    assert_eq!(
        (code, out.as_str()),
        (0, "0 differences: 0 added, 0 removed, 0 changed\n"),
        "{err}"
    );
    assert_eq!(
        err.matches("which the capture does not have").count(),
        3,
        "{err}"
    );
}

#[test]
fn two_copies_that_differ_are_an_error_naming_both_and_equal_ones_a_note() {
    let (_dir, arg) = st_variant(|p| {
        let global = p.join("lists/global");
        std::fs::write(global.join("whitelist (1).txt"), "other@example.com\n").unwrap();
        std::fs::copy(
            global.join("blacklist.txt"),
            global.join("blacklist (2).txt"),
        )
        .unwrap();
    });
    let (code, _, err) = run_full(&["show", &arg]);
    let err = err.replace(&arg, "variant");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "`lists/global/whitelist (1).txt` and `lists/global/whitelist.txt` are two forms"
        ),
        "{err}"
    );
    assert!(!err.contains("blacklist (2).txt` and"), "{err}");
    std::fs::remove_file(std::path::Path::new(&arg).join("lists/global/whitelist (1).txt"))
        .unwrap();
    let (code, _, err) = st_diff(&arg);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("holds the same bytes as `lists/global/blacklist.txt`"),
        "{err}"
    );
}

#[test]
fn a_zero_byte_file_is_not_captured_never_an_empty_list() {
    let (_dir, arg) = st_variant(|p| {
        std::fs::write(p.join("lists/domain/example.com/whitelist.txt"), "").unwrap();
        std::fs::write(p.join("domains.csv"), "").unwrap();
    });
    let (_, out, err) = st_diff(&arg);
    assert!(
        err.contains("empty file (a download that failed?): not captured; nothing was read from it, and no list or domain of it counts as empty (2 times; first at variant/domains.csv:1)"),
        "{err}"
    );
    assert!(!out.contains("\n- "), "nothing reads as removed: {out}");
    assert!(out.contains("not captured in B"), "{out}");
}

#[test]
fn old_mac_line_ends_read_every_row_and_a_lone_cr_is_an_error() {
    let (_dir, arg) = st_variant(|p| {
        for file in ["domains.csv", "lists/global/whitelist.txt"] {
            let text = std::fs::read_to_string(p.join(file)).unwrap();
            std::fs::write(p.join(file), text.replace("\r\n", "\n").replace('\n', "\r")).unwrap();
        }
    });
    let (code, out, err) = st_diff(&arg);
    assert_eq!(
        (code, out.as_str()),
        (0, "0 differences: 0 added, 0 removed, 0 changed\n"),
        "{err}"
    );
    assert_eq!(err.matches("lone carriage return").count(), 2, "{err}");
    std::fs::write(
        std::path::Path::new(&arg).join("lists/global/whitelist.txt"),
        "ok.example.com\r\na\r.com\r\n",
    )
    .unwrap();
    let (code, _, err) = st_diff(&arg);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("variant/lists/global/whitelist.txt:2:2"),
        "{err}"
    );
}

#[test]
fn a_version_file_with_two_versions_is_an_error() {
    let (_dir, arg) = st_variant(|p| {
        std::fs::write(p.join("version.txt"), "7.08\n7.09\n").unwrap();
    });
    let (code, _, err) = run_full(&["show", &arg]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("2 lines where one version is expected (7.08, 7.09)"),
        "{err}"
    );
}

#[test]
fn list_entries_pasted_from_elsewhere_read_as_entries_or_are_said() {
    let (_dir, arg) = st_variant(|p| {
        let file = p.join("lists/global/whitelist.txt");
        let text = std::fs::read_to_string(&file).unwrap();
        let pasted = text
            .replace(
                "newsletter@vendor.example",
                "• mailto:Newsletter＠vendor.example",
            )
            .replace("@partner.example.com", "@partner.example.com\u{200b}");
        std::fs::write(&file, format!("{pasted}<not an entry>\n")).unwrap();
    });
    let (code, out, err) = st_diff(&arg);
    assert_eq!(
        (code, out.as_str()),
        (0, "0 differences: 0 added, 0 removed, 0 changed\n"),
        "{err}"
    );
    let (_, out, _) = run_full(&["show", "--unrecognized", &arg]);
    assert!(out.contains("<not an entry>"), "{out}");
}

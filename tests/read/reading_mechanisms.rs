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

/// The log with its listed entries as a paste from a mail or a wiki leaves them: `1`, a
/// full-width `＠`; `2`, a zero-width space inside the quotes; `0`, as they are.
fn pasted_entries(text: &str, paste: u8) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let entry = line.starts_with('"') && line.contains('@');
        match paste {
            1 if entry => out.push_str(&line.replace('@', "＠")),
            2 if entry => out.push_str(&line.replacen('"', "\"\u{200b}", 1)),
            _ => out.push_str(line),
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
        paste in 0u8..3,
    ) {
        let clean = clean();
        let (expected, _) = model_of("clean.log", clean.clone().into_bytes());
        // Shift_JIS has the ideographic space and the full-width `＠` of these only.
        let space = if encoding == 1 && space != " " { "\u{3000}" } else { space };
        let paste = if encoding == 1 { paste.min(1) } else { paste };
        let text = pasted_entries(&retyped(&clean, &ways, space), paste);
        let (model, _) = model_of("mixed.log", bytes_of(&text, ends, encoding, seam));
        prop_assert_eq!(model, expected);
        if paste > 0 {
            // Read right, and said: each entry changed has a warning on its line.
            let capture = capture_of("mixed.log", bytes_of(&text, ends, encoding, seam), &Options::default());
            let said = render::diagnostics(&capture);
            prop_assert!(said.contains("look-alike characters"), "{}", said);
        }
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

#[test]
fn an_export_without_its_host_line_reads_with_a_warning_and_so_does_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let export = std::fs::read_to_string(root().join("samples/mos/rg01-4.1.9-export.cfg")).unwrap();
    let headless: String = export
        .lines()
        .filter(|l| !l.starts_with("# "))
        .map(|l| format!("{l}\n"))
        .collect();
    let path = dir.path().join("headless.cfg");
    std::fs::write(&path, &headless).unwrap();
    let arg = path.to_str().unwrap();
    let (code, out, err) = run_full(&["show", arg]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"smtp.fastpath\": false"), "{out}");
    assert!(err.contains("has no `# host:` line"), "{err}");
    // Its name was never read: against the named export it is not compared, never removed.
    let named = root().join("samples/mos/rg01-4.1.9-export.cfg");
    let (_, out, err) = run_full(&["diff", named.to_str().unwrap(), arg]);
    assert!(!out.contains("- appliance/hostname"), "{out}{err}");
    assert!(out.contains("appliance/hostname"), "{out}{err}");
    // Badly formed too: an unclosed quote is still an error naming the line, and a file of
    // a few commands in prose is no clear capture.
    std::fs::write(&path, format!("{headless}smtp set banner \"unclosed\n")).unwrap();
    let (code, _, err) = run_full(&["show", arg]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("headless.cfg:"), "{err}");
    let prose = "Notes from the change.\nWe ran:\nsmtp set fastpath on\nThen we waited.\nAnd checked the queue.\nAll fine.\n";
    std::fs::write(&path, prose).unwrap();
    // What it holds is read, and standard error says how little of the file that is.
    let (_, _, err) = run_full(&["show", arg]);
    assert!(err.contains("it explains little of the file"), "{err}");
}

#[test]
fn a_capture_hidden_or_packed_in_a_folder_is_said_to_be_one() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("rg01");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(root().join(CLEAN), folder.join("rg01.log")).unwrap();
    std::fs::copy(root().join(CLEAN), folder.join(".rg01-old.log")).unwrap();
    std::fs::write(folder.join("rg01-export.cfg.gz"), b"\x1f\x8b\x08\x00").unwrap();
    std::fs::write(folder.join("._rg01.log"), b"\x00\x05\x16\x07").unwrap();
    let arg = folder.to_str().unwrap();
    let (code, _, err) = run_full(&["show", arg]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("`.rg01-old.log` is named as a capture is (`rg01-old.log`)"),
        "{err}"
    );
    assert!(
        err.contains("`rg01-export.cfg.gz` is named as a capture is (`rg01-export.cfg`)"),
        "{err}"
    );
    // macOS archive metadata is junk whatever its name: no near miss.
    assert!(!err.contains("`._rg01.log` is named"), "{err}");
}

#[test]
fn mos_list_entries_pasted_from_elsewhere_read_right_or_loudly() {
    let text = clean()
        .replace(
            "\"ml-sales@lists.example.co.jp\"",
            "\"ml-sales＠lists.example.co.jp\"",
        )
        .replace(
            "\"@partners.example.com\"",
            "\"\u{200b}@partners.example.com\"",
        )
        .replace(
            "\"postmaster@example.co.jp\"",
            "\"mailto:postmaster@example.co.jp\"",
        )
        .replace(
            "\"alerts@monitor.example.com\"",
            "\"Alerts <alerts@monitor.example.com>\"",
        );
    let capture = capture_of("pasted.log", text.into_bytes(), &Options::default());
    let model = render::model(&capture.config, ModelFormat::Ron, false);
    // Look-alikes are read as ASCII.
    assert!(
        model.contains("\"ml-sales@lists.example.co.jp\""),
        "{model}"
    );
    assert!(model.contains("\"@partners.example.com\""), "{model}");
    // A paste's shape is kept as the appliance holds it, and said.
    assert!(
        model.contains("\"mailto:postmaster@example.co.jp\""),
        "{model}"
    );
    let said = render::diagnostics(&capture);
    // Both look-alikes are in one listing: said once, with how many and the first.
    assert_eq!(said.matches("look-alike characters").count(), 1, "{said}");
    assert!(
        said.contains(
            "pasted.log:30: warning: 2 entries of list `primary/whitelistto` hold look-alike"
        ),
        "{said}"
    );
    assert!(said.contains("a `mailto:` before the address"), "{said}");
    assert!(said.contains("a display name around the address"), "{said}");
    assert!(said.contains("pasted.log:30"), "{said}");
}

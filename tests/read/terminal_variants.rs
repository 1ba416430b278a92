//! One clean capture, saved the ways terminal programs and habits really save it: every
//! variant in `tests/variants/` must read to the same model as the clean log. The variants are
//! generated from the clean sample by the functions here (a test checks the files are what the
//! generators make; `CARRYOVER_WRITE_VARIANTS=1 cargo test --test read
//! terminal_variants::` rewrites them), and the diff of each variant's canonical model against
//! the clean one is a snapshot that must stay empty.

use crate::common;

use carryover::capture::ReadOptions as Options;
use carryover::render::{self, ModelFormat};
use common::*;

const CLEAN: &str = "samples/mos/rg01-4.1.9-before.log";

fn clean() -> String {
    std::fs::read_to_string(root().join(CLEAN)).unwrap()
}

/// Each line with a prefix a function of its index.
fn stamped(text: &str, stamp: impl Fn(usize) -> String) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| format!("{}{l}\n", stamp(i)))
        .collect()
}

fn first_prompt(text: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with("rg01.example.co.jp>"))
        .unwrap()
}

/// Every variant: its file name and its bytes.
fn variants() -> Vec<(&'static str, Vec<u8>)> {
    let text = clean();
    let prompt = first_prompt(&text);
    let tera = |i: usize| format!("[Thu Jun 16 10:{:02}:{:02}.123 2011] ", i / 60, i % 60);
    let iso = |i: usize| format!("[2011-06-16 10:{:02}:{:02}.456] ", i / 60, i % 60);
    let securecrt = |i: usize| format!("<10:{:02}:{:02}> ", i / 60, i % 60);
    let ts = |i: usize| format!("Jun 16 10:{:02}:{:02} ", i / 60, i % 60);
    let putty = "=~=~=~=~=~=~=~=~=~=~=~= PuTTY log 2011.06.16 10:00:00 =~=~=~=~=~=~=~=~=~=~=~=\r\n";
    let mixed = stamped(&text, |i| match i {
        i if i < 5 => String::new(),
        i if i % 4 == 0 => tera(i),
        i if i % 4 == 1 => securecrt(i),
        i if i % 4 == 2 => ts(i),
        _ => iso(i),
    });
    let utf16 = |text: &str, bom: &[u8], le: bool| {
        let mut bytes = bom.to_vec();
        for unit in text.replace('\n', "\r\n").encode_utf16() {
            bytes.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        bytes
    };
    vec![
        ("tera-term.log", stamped(&text, tera).into_bytes()),
        ("tera-term-iso.log", stamped(&text, iso).into_bytes()),
        ("securecrt.log", stamped(&text, securecrt).into_bytes()),
        ("ts.log", stamped(&text, ts).into_bytes()),
        (
            "putty-then-tera-term.log",
            format!("{putty}{}", stamped(&text, tera).replace('\n', "\r\n")).into_bytes(),
        ),
        ("mixed-stamps-from-line-6.log", mixed.into_bytes()),
        (
            "hash-prompt.log",
            text.replace("rg01.example.co.jp>", "rg01.example.co.jp#")
                .into_bytes(),
        ),
        (
            "dollar-prompt.log",
            text.replace("rg01.example.co.jp>", "rg01.example.co.jp$")
                .into_bytes(),
        ),
        ("more.log", with_pager(&text).into_bytes()),
        ("wrapped-at-24-columns.log", wrapped(&text, 24).into_bytes()),
        (
            "two-sessions-exit.log",
            two_sessions(&text, true).into_bytes(),
        ),
        (
            "two-sessions-unanswered.log",
            two_sessions(&text, false).into_bytes(),
        ),
        ("utf-16le-bom.log", utf16(&text, &[0xff, 0xfe], true)),
        ("utf-16le.log", utf16(&text, &[], true)),
        ("utf-16be-bom.log", utf16(&text, &[0xfe, 0xff], false)),
        ("crlf-padded.log", padded(&text).into_bytes()),
        ("banners.log", with_banners(&text, prompt).into_bytes()),
        (
            "typos-fixed-by-line-editing.log",
            typos_fixed(&text).into_bytes(),
        ),
        (
            "typos-fixed-cat-v.log",
            cat_v(&typos_fixed(&text)).into_bytes(),
        ),
        (
            "nbsp-after-prompt-mail-paste.log",
            text.replace("> ", ">\u{a0}").into_bytes(),
        ),
        (
            "full-width-prompt-ime.log",
            text.replace("> ", "＞\u{3000}").into_bytes(),
        ),
        ("telnet-raw-nc.log", telnet_raw(&text)),
        ("old-mac-cr-only.log", text.replace('\n', "\r").into_bytes()),
        ("two-files-cat-with-bom.log", cat_with_bom(&text)),
        (
            "list-entries-pasted-from-a-wiki.log",
            pasted_entries(&text).into_bytes(),
        ),
    ]
}

/// The listed entries as a paste from a wiki or a mail leaves them, as if the session had been
/// pasted together: a full-width `＠` in every other entry, a zero-width space after the
/// opening quote in the others.
fn pasted_entries(text: &str) -> String {
    let mut n = 0;
    text.split_inclusive('\n')
        .map(|line| {
            if !(line.starts_with('"') && line.contains('@')) {
                return line.to_string();
            }
            n += 1;
            match n % 2 {
                0 => line.replace('@', "＠"),
                _ => line.replacen('"', "\"\u{200b}", 1),
            }
        })
        .collect()
}

/// Each command typed with a typo fixed the ways terminals echo it: backspace over the last
/// word and type it again, a raw DEL, readline's cursor-left and redraw, an insert-character
/// sequence, and a CR that rewrites the line after erasing it.
fn typos_fixed(text: &str) -> String {
    let mut out = String::new();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let Some(command) = line.strip_prefix("rg01.example.co.jp> ") else {
            out.push_str(line);
            continue;
        };
        let command = command.trim_end_matches('\n');
        let (head, last) = command.rsplit_once(' ').unwrap_or(("", command));
        let typed = match n % 5 {
            0 => format!("{head} {last}x\x08 \x08"),
            1 => format!("{head} {last}q\x7f"),
            2 if last.len() > 2 => {
                // The second character forgotten, then inserted the way readline redraws.
                let (a, b) = last.split_at(1);
                let back = b.len() - 1;
                format!("{head} {a}{}\x1b[{back}D{b}\x1b[{back}D", &b[1..])
            }
            3 if last.len() > 2 => {
                let (a, b) = last.split_at(1);
                let back = b.len() - 1;
                format!("{head} {a}{}\x1b[{back}D\x1b[1@{}", &b[1..], &b[..1])
            }
            _ => format!("wrong\x1b[2K\rrg01.example.co.jp> {command}"),
        };
        let typed = typed.trim_start();
        out.push_str(&format!("rg01.example.co.jp> {typed}\n"));
    }
    out
}

/// The log as `cat -v` writes it out of a CRLF log: control characters in caret notation.
fn cat_v(text: &str) -> String {
    text.replace('\x1b', "^[")
        .replace('\x08', "^H")
        .replace('\x7f', "^?")
        .replace('\r', "^M")
        .replace('\n', "^M\n")
}

/// A raw `nc` capture: telnet negotiation before the session and inside it.
fn telnet_raw(text: &str) -> Vec<u8> {
    let mut bytes =
        b"\xff\xfd\x18\xff\xfd\x20\xff\xfb\x01\xff\xfa\x1f\x00\x50\x00\x18\xff\xf0".to_vec();
    let middle = text.len() / 2;
    let cut = text[..middle].rfind('\n').map_or(0, |i| i + 1);
    bytes.extend_from_slice(&text.as_bytes()[..cut]);
    bytes.extend_from_slice(b"\xff\xfb\x03");
    bytes.extend_from_slice(&text.as_bytes()[cut..]);
    bytes
}

/// `cat a.log b.log` of two Notepad saves: each starts with a UTF-8 byte order mark.
fn cat_with_bom(text: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let cut = lines
        .iter()
        .position(|l| l.contains("uce listexception"))
        .unwrap();
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(lines[..cut].concat().into_bytes());
    bytes.extend(b"\xef\xbb\xbf");
    bytes.extend(lines[cut..].concat().into_bytes());
    bytes
}

/// `--More--` prompts in their forms, inside and between answers.
fn with_pager(text: &str) -> String {
    let forms = [
        "--More--",
        " -- More -- ",
        "--More--(45%)",
        "\x1b[7m--More--\x1b[m\r        \r",
    ];
    let mut out = String::new();
    let mut n = 0;
    for line in text.lines() {
        if line.starts_with('"') {
            let form = forms[n % forms.len()];
            n += 1;
            if n % 2 == 0 {
                out.push_str(form);
                out.push('\n');
            } else {
                // The pager left on the line the next output is written on.
                out.push_str(form);
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Lone quoted list values longer than `width`, cut at the terminal width.
fn wrapped(text: &str, width: usize) -> String {
    text.lines()
        .map(|l| {
            let single =
                l.starts_with('"') && l.ends_with('"') && !l[1..l.len() - 1].contains(['"', ' ']);
            if single && l.len() > width {
                format!("{}\n{}\n", &l[..width], &l[width..])
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

/// The log as two sessions: the first ends with `exit` (or an unanswered command), the second
/// starts with the whole login preamble again.
fn two_sessions(text: &str, exit: bool) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let prompt = first_prompt(text);
    let cut = lines
        .iter()
        .position(|l| l.contains("uce listexception primary whitelist"))
        .unwrap();
    let mut out = String::new();
    for l in &lines[..cut] {
        out.push_str(l);
        out.push('\n');
    }
    if exit {
        out.push_str("rg01.example.co.jp> exit\nConnection closed by foreign host.\n");
    } else {
        out.push_str("rg01.example.co.jp> smtp get quarantinejunk\n");
    }
    for l in lines[..prompt].iter().chain(&lines[cut..]) {
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// CRLF line ends and trailing spaces on every line.
fn padded(text: &str) -> String {
    text.lines().map(|l| format!("{l}   \r\n")).collect()
}

/// Banner lines of every shape that once decided the format, before the first prompt.
fn with_banners(text: &str, prompt: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for (i, banner) in BANNERS.iter().enumerate() {
        lines.insert(prompt.min(2 + i), banner.to_string());
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}

const BANNERS: &[&str] = &[
    "Login OK",
    "Disk OK",
    "RAID0 OK",
    "0 NO messages",
    "# note",
    "* OK host admind",
];

fn model_of(name: &str, bytes: Vec<u8>) -> String {
    render::model(
        &capture_of(name, bytes, &Options::default()).config,
        ModelFormat::Ron,
        false,
    )
}

#[test]
fn variant_files_are_what_the_generators_make() {
    let dir = root().join("tests/variants");
    for (name, bytes) in variants() {
        let path = dir.join(name);
        if std::env::var_os("CARRYOVER_WRITE_VARIANTS").is_some() {
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(on_disk == bytes, "{name} is stale: rewrite the variants");
    }
}

#[test]
fn every_variant_reads_to_the_clean_model() {
    at_root();
    let clean = model_of(CLEAN, clean().into_bytes());
    let mut report = String::new();
    for (name, _) in variants() {
        let path = format!("tests/variants/{name}");
        let capture = carryover::read::read_file(std::path::Path::new(&path)).unwrap();
        let model = render::model(&capture.config, ModelFormat::Ron, false);
        let diff = similar::TextDiff::from_lines(&clean, &model);
        let changed: String = diff
            .iter_all_changes()
            .filter(|c| c.tag() != similar::ChangeTag::Equal)
            .map(|c| format!("{}{}", c.tag(), c.value()))
            .collect();
        report.push_str(&format!("=== {name}\n{changed}"));
    }
    snapshot_settings().bind(|| insta::assert_snapshot!("variants@diff-against-clean", report));
}

#[test]
fn every_variant_says_what_it_recovered() {
    at_root();
    let mut report = String::new();
    for (name, _) in variants() {
        let path = format!("tests/variants/{name}");
        let capture = carryover::read::read_file(std::path::Path::new(&path)).unwrap();
        let info = &capture.config.sources[0].info;
        report.push_str(&format!(
            "=== {name}: {}, {} lines, {} not understood, {} stamps, {} pagers\n{}",
            info.encoding,
            info.lines,
            info.not_understood,
            info.timestamps_removed,
            info.pagers_removed,
            render::diagnostics(&capture)
        ));
    }
    snapshot_settings().bind(|| insta::assert_snapshot!("variants@diagnostics", report));
}

/// A full-width character erased on a command line: the terminal echoes it as two columns
/// back, two blanks, two columns back, and that erases one character, not two. In UTF-8 and in
/// Shift_JIS alike.
#[test]
fn a_wide_character_erased_on_the_command_line_is_one_character_gone() {
    let log = "rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> uce addexception primary \
               whitelistto 全社社\x08\x08  \x08\x08@x.com\nOK Completed\n";
    let sjis = encoding_rs::SHIFT_JIS.encode(log);
    assert!(!sjis.2, "the log is all Shift_JIS");
    for (name, bytes, encoding) in [
        ("utf8.log", log.as_bytes().to_vec(), "UTF-8"),
        ("sjis.log", sjis.0.into_owned(), "Shift_JIS"),
    ] {
        let capture = capture_of(name, bytes, &Options::default());
        let source = &capture.config.sources[0];
        assert_eq!(source.info.encoding, encoding, "{name}");
        let entries: Vec<String> = capture.config.lists["primary"]["whitelistto"]
            .iter()
            .map(|(e, _)| e.to_string())
            .collect();
        assert_eq!(entries, ["全社@x.com"], "{name}");
        assert_eq!(capture.unrecognized().count(), 0, "{name}");
    }
}

mod banners {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any banner lines, anywhere before the first prompt, never change the model.
        #[test]
        fn banner_lines_before_the_first_prompt_never_change_the_model(
            inserts in prop::collection::vec((any::<prop::sample::Index>(), 0..BANNERS.len()), 1..6),
        ) {
            let text = clean();
            let prompt = first_prompt(&text);
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            for (at, banner) in &inserts {
                let at = at.index(prompt + 1);
                lines.insert(at, BANNERS[*banner].to_string());
            }
            let with: String = lines.iter().map(|l| format!("{l}\n")).collect();
            prop_assert_eq!(model_of("b.log", with.into_bytes()), model_of("a.log", text.into_bytes()));
        }
    }
}

//! Randomly mutated samples, fed to every parser: each returns a model or an error, never a
//! panic.

use crate::common;

use carryover::capture::{Capture, ReadOptions as Options};
use carryover::model::SourceKind;
use carryover::read;
use carryover::source::Source;
use proptest::prelude::*;

/// Bytes that steer the parsers: literal markers, quotes, prompts, dots, line ends, digits.
const INTERESTING: &[u8] = b"{}+\"\\>.()\n\r\x1b\x08*0123456789 OKNOBAD#@~";

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(at, op, pick) in edits {
        let at = at % (bytes.len() + 1);
        let byte = INTERESTING[pick as usize % INTERESTING.len()];
        match op % 3 {
            0 => bytes.insert(at, byte),
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ if at < bytes.len() => bytes[at] = byte,
            _ => bytes.push(byte),
        }
    }
    bytes
}

fn samples() -> Vec<Vec<u8>> {
    common::mos_samples()
        .iter()
        .map(|p| std::fs::read(common::root().join(p)).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_parser_panics_on_mutated_samples(
        which in 0usize..16,
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..40),
        part_size in prop::sample::select(vec![0usize, 1, 97]),
        answer_part in prop::sample::select(vec![0usize, 1, 2]),
    ) {
        let all = samples();
        let bytes = mutate(all[which % all.len()].clone(), &edits);
        for kind in [SourceKind::CliLog, SourceKind::Protocol] {
            let options = Options { kind: Some(kind), part_size, answer_part, ..Options::default() };
            if let Ok(source) = Source::from_bytes("m.log", bytes.clone(), None) {
                let mut capture = Capture::default();
                // Ok or Err are both fine; a panic fails the test.
                let _ = read::read_source(&source, &options, &mut capture);
            }
        }
    }

    #[test]
    fn mutated_samples_read_the_same_with_answers_in_parts(
        which in 0usize..16,
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..40),
        answer_part in 1usize..4,
    ) {
        let all = samples();
        let bytes = mutate(all[which % all.len()].clone(), &edits);
        let Ok(source) = Source::from_bytes("m.log", bytes, None) else {
            return Ok(());
        };
        for kind in [SourceKind::CliLog, SourceKind::Protocol] {
            let read = |answer_part| {
                let options = Options { kind: Some(kind), answer_part, ..Options::default() };
                let mut capture = Capture::default();
                let done = read::read_source(&source, &options, &mut capture).map_err(|e| format!("{e:?}"));
                (done, capture.config, capture.notes)
            };
            prop_assert_eq!(read(answer_part), read(usize::MAX));
        }
    }
}

/// A NUL byte in a log (a terminal's stray one, or a compressed file named as a capture) is
/// refused where it is: the file, line and column, the line shown with the NUL escaped and a
/// password on it masked, and what was expected; exit 2.
#[test]
fn a_nul_byte_is_refused_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg01.log");
    std::fs::write(
        &log,
        b"rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> uce listexception primary whitelistto\n\"a@x.ex\0ample\" password hunter2\nOK Completed\n",
    )
    .unwrap();
    let (code, out, err) = common::run_full(&["show", log.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    let shown = "rg01.log:5:8\n  |\n5 | \"a@x.ex\\u{0}ample\" password <secret>\n  |        ^\n";
    assert!(err.contains(shown), "{err}");
    assert!(err.contains("= expected text in one encoding"), "{err}");
    assert!(!err.contains("hunter2") && !err.contains('\0'), "{err}");
}

/// An IMAP session (untagged `* 12 EXISTS` answers, an `IMAP4` greeting) has the shape of
/// tagged commands and completions, but it is no admin-protocol transcript: no configuration
/// item, exit 2, never a model of a few raw commands with exit 0.
#[test]
fn an_imap_session_is_no_admin_protocol_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = String::from(
        "* OK [CAPABILITY IMAP4rev1] ms01.example.com Mirapoint IMAP4 4.2.3 server ready\r\n\
         a001 LOGIN bob hunter2\r\na001 OK LOGIN completed\r\n\
         a002 SELECT INBOX\r\n* 12 EXISTS\r\n* 0 RECENT\r\na002 OK [READ-WRITE] SELECT completed\r\n",
    );
    for n in 1..=12 {
        session.push_str(&format!(
            "a{:03} FETCH {n} (FLAGS)\r\n* {n} FETCH (FLAGS (\\Seen))\r\na{:03} OK FETCH completed\r\n",
            n + 2,
            n + 2
        ));
    }
    let file = dir.path().join("ms01.txt");
    std::fs::write(&file, session).unwrap();
    let file = file.to_str().unwrap();
    for args in [vec!["show", file], vec!["diff", file, file]] {
        let (code, out, err) = common::run_full(&args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
        assert!(err.contains("no configuration item could be read"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
    }
    // A real transcript still reads: the shipped sample.
    let (code, _, err) = common::run_full(&["show", "samples/mos/rg03-admind-capture.txt"]);
    assert_eq!(code, 0, "{err}");
}

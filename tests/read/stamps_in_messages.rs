//! Times at the start of a message's lines are the message's own words, not a terminal
//! program's stamps: a log is stamped only when (nearly) every line of the session is, and
//! what stamping removes is said. Each message reads, shows and is restored whole.

use crate::common;

use carryover::capture::{Capture, ReadOptions as Options};
use carryover::model::Value;
use common::*;

/// The over-quota message of office hours, as the appliance sends it (CRLF line ends).
const HOURS: &str = "Office hours:\r\n09:00:00 to 17:00:00 Mon-Fri\r\n12:00:00 lunch break\r\n\r\n";

/// A session that reads the message, with `before` and `after` other commands around it.
fn session(message: &str, count: usize, before: &str, after: &str) -> String {
    let body = message.replace("\r\n", "\n");
    format!(
        "rg01> version\nMOS4.1.9-GA\nOK Completed\n{before}rg01> branding get quotamsg\n\
         {{{count}}}\n{body}OK Completed\n{after}"
    )
}

const FASTPATH: &str = "rg01> smtp get fastpath\non\nOK Completed\n";
const QUARANTINE: &str = "rg01> smtp get quarantinejunk\non\nOK Completed\n";

fn quotamsg(capture: &Capture) -> &Value {
    &capture.config.messages["system"]["branding.quotamsg"].value
}

/// The message read, the restore script for 4.2.3, and what restore said.
fn read_and_restore(name: &str, bytes: &[u8]) -> (Capture, i32, Vec<u8>, String) {
    let capture = capture_of(name, bytes.to_vec(), &Options::default());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let (code, script, said) =
        common::run_bytes_in(dir.path(), &["restore", "--to", "4.2.3", name]);
    (capture, code, script, said)
}

#[test]
fn a_message_of_office_hours_is_read_and_restored_whole() {
    let lines = "Office hours:\n09:00:00 to 17:00:00 Mon-Fri\n12:00:00 lunch break\n";
    // With its blank last line, and without (the count of the log this was first seen in):
    // then that blank line is the one that may follow a literal.
    for (count, whole) in [
        (HOURS.len(), format!("{lines}\n")),
        (HOURS.len() - 2, lines.to_string()),
    ] {
        let log = session(HOURS, count, "", &format!("{FASTPATH}{QUARANTINE}"));
        let (capture, code, script, said) = read_and_restore("hours.log", log.as_bytes());
        assert_eq!(quotamsg(&capture), &Value::Text(whole.clone()), "{count}");
        assert_eq!(capture.config.sources[0].info.timestamps_removed, 0);
        let script = String::from_utf8(script).unwrap();
        assert_eq!(code, 0, "{script}{said}");
        let crlf = whole.replace('\n', "\r\n").len();
        let set = format!("branding set quotamsg {{{crlf}}}\n{whole}");
        assert!(script.contains(&set), "{script}");
        assert!(
            !said.contains("timestamp") && !said.contains("literal"),
            "{said}"
        );
    }
}

#[test]
fn a_message_of_office_hours_at_the_end_of_a_log_is_no_error() {
    let log = session(HOURS, HOURS.len(), FASTPATH, "");
    let (capture, code, script, said) = read_and_restore("end.log", log.as_bytes());
    assert_eq!(
        quotamsg(&capture),
        &Value::Text(
            "Office hours:\n09:00:00 to 17:00:00 Mon-Fri\n12:00:00 lunch break\n\n".into()
        )
    );
    assert_eq!(code, 0, "{}{said}", String::from_utf8_lossy(&script));
}

#[test]
fn a_japanese_message_in_shift_jis_crlf_is_read_and_restored_whole() {
    let message = "営業時間のお知らせ\r\n09:00:00 から 17:00:00 (平日)\r\n\
                   12:00:00 から 13:00:00 は昼休み\r\n";
    let count = encoding_rs::SHIFT_JIS.encode(message).0.len();
    let log = session(message, count, "", &format!("{FASTPATH}{QUARANTINE}"));
    let bytes = encoding_rs::SHIFT_JIS
        .encode(&log.replace('\n', "\r\n"))
        .0
        .into_owned();
    let (capture, code, script, said) = read_and_restore("sjis.log", &bytes);
    let whole = message.replace("\r\n", "\n");
    assert_eq!(capture.config.sources[0].info.encoding, "Shift_JIS");
    assert_eq!(quotamsg(&capture), &Value::Text(whole.clone()));
    assert_eq!(code, 0, "{said}");
    let (script, _, bad) = encoding_rs::SHIFT_JIS.decode(&script);
    assert!(!bad);
    assert!(
        script.contains(&format!("branding set quotamsg {{{count}}}")) && script.contains(&whole),
        "{script}"
    );
}

#[test]
fn a_stamped_session_is_still_cleaned_and_says_so() {
    let plain = session(HOURS, HOURS.len(), "", &format!("{FASTPATH}{QUARANTINE}"));
    for stamp in [
        |i: usize| format!("00:00:{i:02} "),
        |i: usize| format!("[Thu Jun 16 10:00:{i:02}.123 2011] "),
        |i: usize| format!("2011-06-16 10:00:{i:02} "),
    ] {
        let stamped: String = plain
            .lines()
            .enumerate()
            .map(|(i, l)| format!("{}{l}\r\n", stamp(i)))
            .collect();
        let (capture, code, _, said) = read_and_restore("stamped.log", stamped.as_bytes());
        let read = capture_of("plain.log", plain.clone().into_bytes(), &Options::default());
        assert_eq!(quotamsg(&capture), quotamsg(&read), "{}", stamp(0));
        assert_eq!(
            capture.config.sources[0].info.timestamps_removed,
            plain.lines().count() as u64
        );
        assert_eq!(code, 0, "{said}");
        assert!(
            said.contains(&format!(
                "{} timestamp(s) that a terminal program wrote",
                plain.lines().count()
            )),
            "{said}"
        );
    }
}

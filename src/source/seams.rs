//! What a capture's bytes and line ends carry besides the session: telnet negotiation from a
//! raw `nc`/`socat` capture (taken out before the encoding is judged, which it would sway),
//! byte order marks in the middle of a file (where `cat a.log b.log` joined two files), and
//! old-Mac line ends (a carriage return alone ends each line). Each change is said, with its
//! line.

use crate::base::error::{Error, Position, Result};
use crate::base::message::Message;

const IAC: u8 = 0xff;
const SE: u8 = 0xf0;
const SB: u8 = 0xfa;

/// Removes telnet negotiation (`IAC` commands, options and subnegotiations); an escaped
/// `IAC IAC` is the data byte 0xFF. Gives the bytes and, when any were removed, a warning on
/// the line of the first.
pub(super) fn strip_telnet(bytes: Vec<u8>) -> (Vec<u8>, Option<(u32, Message)>) {
    let negotiates = |at: usize| bytes.get(at + 1).is_some_and(|b| (SE..IAC).contains(b));
    let Some(first) = memchr::memchr_iter(IAC, &bytes).find(|&at| negotiates(at)) else {
        return (bytes, None);
    };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..first]);
    let mut removed = 0usize;
    let mut i = first;
    while i < bytes.len() {
        if bytes[i] != IAC || i + 1 >= bytes.len() {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let command = bytes[i + 1];
        let len = match command {
            SB => subnegotiation_len(&bytes[i..]),
            0xfb..=0xfe => 3.min(bytes.len() - i),
            SE..=0xf9 => 2,
            // IAC IAC is a data byte; IAC before anything else is no command at all.
            _ => {
                out.push(IAC);
                i += if command == IAC { 2 } else { 1 };
                continue;
            }
        };
        removed += len;
        i += len;
    }
    let line = memchr::memchr_iter(b'\n', &bytes[..first]).count() as u32 + 1;
    let said = crate::message!("reading-telnet-removed", count = removed);
    (out, Some((line, said)))
}

/// Length of `IAC SB ... IAC SE` at the start of `bytes`, or all of it when it never ends.
fn subnegotiation_len(bytes: &[u8]) -> usize {
    let mut at = 2;
    while at + 1 < bytes.len() {
        if bytes[at] == IAC && bytes[at + 1] == SE {
            return at + 2;
        }
        at += 1;
    }
    bytes.len()
}

/// A text whose only line ends are carriage returns gets LF line ends, one for one, so that
/// its lines are the lines an editor shows.
pub(super) fn cr_line_ends(text: String) -> (String, Option<(u32, Message)>) {
    if text.contains('\n') || !text.contains('\r') {
        return (text, None);
    }
    let lines = text.matches('\r').count();
    let said = crate::message!("reading-cr-line-ends", count = lines);
    (text.replace('\r', "\n"), Some((1, said)))
}

/// Byte order marks after the start: at a line start, the seam between two files joined into
/// one (a note names the line); inside a line, two files' lines run together (a warning says
/// so). The mark itself is no text of either file and goes.
pub(super) fn bom_seams(text: String) -> (String, Vec<(u32, Message)>) {
    if !text.contains('\u{feff}') {
        return (text, Vec::new());
    }
    let mut said = Vec::new();
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let number = i as u32 + 1;
        if let Some(rest) = line.strip_prefix('\u{feff}') {
            said.push((number, crate::message!("reading-bom-seam")));
            out.push_str(rest);
        } else if line.contains('\u{feff}') {
            said.push((number, crate::message!("reading-bom-inside-line")));
            out.extend(line.chars().filter(|&c| c != '\u{feff}'));
        } else {
            out.push_str(line);
        }
    }
    (out, said)
}

/// A data file's lines with their line-end CRs taken off; gives the text and how many lines
/// ended in CRLF. A CR left inside a line is data inside double quotes (a CSV field may hold
/// one) and an error outside them, naming its line and column.
pub(super) fn data_line_ends(path: &str, text: String) -> Result<(String, u64)> {
    if !text.contains('\r') {
        return Ok((text, 0));
    }
    let mut out = String::with_capacity(text.len());
    let mut crlf = 0;
    let mut quoted = false;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_end_matches('\r');
        crlf += u64::from(body.len() < line.len());
        for (at, c) in body.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '\r' if !quoted => return Err(lone_cr(path, i as u32 + 1, body, at)),
                _ => {}
            }
        }
        out.push_str(body);
    }
    Ok((out, crlf))
}

fn lone_cr(path: &str, line: u32, text: &str, at: usize) -> Error {
    let position = Position {
        path: path.to_string(),
        line,
        column: text[..at].replace('\r', "\\r").chars().count() as u32 + 1,
        line_text: text.replace('\r', "\\r"),
    };
    Error::input(
        position,
        crate::message!("reading-lone-cr"),
        crate::message!("reading-lone-cr-expected"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telnet_negotiation_goes_and_an_escaped_ff_stays() {
        let raw =
            b"\xff\xfd\x18\xff\xfb\x01\xff\xfa\x1f\x00\x50\x00\x18\xff\xf0login: x\n\xff\xff\n";
        let (bytes, said) = strip_telnet(raw.to_vec());
        assert_eq!(bytes, b"login: x\n\xff\n");
        let (line, said) = said.unwrap();
        assert_eq!((line, said.id), (1, "reading-telnet-removed"));
        let plain = "ÿ is no command\n".as_bytes().to_vec();
        assert_eq!(strip_telnet(plain.clone()), (plain, None));
    }

    #[test]
    fn cr_only_text_gets_line_feeds_one_for_one() {
        let (text, said) = cr_line_ends("a\rb\r\rc".into());
        assert_eq!(text, "a\nb\n\nc");
        assert!(said.is_some());
        assert_eq!(cr_line_ends("a\r\nb\n".into()).0, "a\r\nb\n");
    }

    #[test]
    fn a_cr_in_a_data_line_is_data_when_quoted_and_an_error_when_not() {
        let (text, crlf) = data_line_ends("d.csv", "\"a\rb\",x\r\nc\r\n".into()).unwrap();
        assert_eq!((text.as_str(), crlf), ("\"a\rb\",x\nc\n", 2));
        let err = data_line_ends("w.txt", "ok.com\r\na\r.com\r\n".into()).unwrap_err();
        assert!(err.to_string().contains("w.txt:2:2"), "{err}");
    }

    #[test]
    fn a_bom_at_a_line_start_is_a_seam_and_inside_a_line_a_warning() {
        let (text, said) = bom_seams("a\n\u{feff}b\nc\u{feff}d\n".into());
        assert_eq!(text, "a\nb\ncd\n");
        let ids: Vec<_> = said.iter().map(|(l, m)| (*l, m.id)).collect();
        assert_eq!(
            ids,
            [(2, "reading-bom-seam"), (3, "reading-bom-inside-line")]
        );
    }
}

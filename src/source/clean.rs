//! Removing what a terminal emulator adds to a log: timestamps at line start, ANSI escape
//! sequences, backspaced characters, carriage returns. The text is rewritten in place, so a
//! clean log costs no copy, and the number of lines never changes.

use serde::Serialize;

/// Counts of what cleaning removed, reported with `--provenance`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cleaning {
    pub crlf_lines: u64,
    pub timestamps: u64,
    pub escapes: u64,
    pub backspaces: u64,
    pub overwritten_lines: u64,
}

/// Cleans `text`, reusing its buffer.
pub(super) fn clean(text: String) -> (String, Cleaning) {
    let mut cleaning = Cleaning::default();
    let bytes = text.as_bytes();
    let noisy = memchr::memchr3(b'\r', 0x1b, 0x08, bytes).is_some()
        || bytes.first() == Some(&b'[')
        || memchr::memmem::find(bytes, b"\n[").is_some();
    if !noisy {
        return (text, cleaning);
    }
    // A terminal stamps every line from the first: only then is `[...] ` at a line start noise.
    let stamped = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| timestamp_len(l.as_bytes()).is_some());
    let mut out = text.into_bytes();
    let mut read = 0;
    let mut write = 0;
    let mut scratch = Vec::new();
    while read < out.len() {
        let end = memchr::memchr(b'\n', &out[read..]).map_or(out.len(), |i| read + i);
        let has_newline = end < out.len();
        let (mut start, mut stop) = (read, end);
        if stop > start && out[stop - 1] == b'\r' {
            cleaning.crlf_lines += 1;
            while stop > start && out[stop - 1] == b'\r' {
                stop -= 1;
            }
        }
        if let Some(len) = timestamp_len(&out[start..stop]).filter(|_| stamped) {
            start += len;
            cleaning.timestamps += 1;
        }
        if memchr::memchr3(b'\r', 0x1b, 0x08, &out[start..stop]).is_some() {
            // Rare: escapes, backspaces or overwrites need the line rebuilt.
            scratch.clear();
            scratch.extend_from_slice(&out[start..stop]);
            clean_line(&mut scratch, &mut cleaning);
            out[write..write + scratch.len()].copy_from_slice(&scratch);
            write += scratch.len();
        } else {
            out.copy_within(start..stop, write);
            write += stop - start;
        }
        if has_newline {
            out[write] = b'\n';
            write += 1;
        }
        read = end + 1;
    }
    out.truncate(write);
    // Only ASCII bytes and whole characters are removed, so this is always valid UTF-8.
    let text = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, cleaning)
}

/// Removes escapes, backspaces and overwritten text from a line without its line ending and
/// timestamp.
fn clean_line(line: &mut Vec<u8>, cleaning: &mut Cleaning) {
    if line.contains(&0x1b) {
        cleaning.escapes += strip_escapes(line);
    }
    if line.contains(&0x08) {
        cleaning.backspaces += apply_backspaces(line);
    }
    if let Some(cr) = memchr::memrchr(b'\r', line) {
        // A carriage return inside a line means the terminal wrote over it from column one.
        line.drain(..=cr);
        cleaning.overwritten_lines += 1;
    }
}

/// Length of a terminal-emulator timestamp such as `[Thu Jun 16 10:00:00.123 2011] ` or
/// `[2011-06-16 10:00:00] `, with the one space after it.
fn timestamp_len(line: &[u8]) -> Option<usize> {
    if line.first() != Some(&b'[') {
        return None;
    }
    let close = line.iter().take(48).position(|&b| b == b']')?;
    let inside = &line[1..close];
    let allowed = |b: &u8| b.is_ascii_alphanumeric() || b" :./,+-".contains(b);
    let has_clock = inside
        .windows(5)
        .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_digit() && w[2] == b':');
    if !(inside.iter().all(allowed) && has_clock) {
        return None;
    }
    let after = close + 1;
    Some(if line.get(after) == Some(&b' ') {
        after + 1
    } else {
        after
    })
}

/// Removes CSI (`ESC [ ... final`), OSC (`ESC ] ... BEL` or `ESC \`) and two-byte escapes.
fn strip_escapes(line: &mut Vec<u8>) -> u64 {
    let mut out = Vec::with_capacity(line.len());
    let mut removed = 0;
    let mut i = 0;
    while i < line.len() {
        if line[i] != 0x1b {
            out.push(line[i]);
            i += 1;
            continue;
        }
        removed += 1;
        i += 1;
        match line.get(i) {
            Some(b'[') => {
                i += 1;
                while i < line.len() && !(0x40..=0x7e).contains(&line[i]) {
                    i += 1;
                }
                i += 1;
            }
            Some(b']') => {
                while i < line.len()
                    && line[i] != 0x07
                    && !(line[i] == b'\\' && line[i - 1] == 0x1b)
                {
                    i += 1;
                }
                i += 1;
            }
            // A two-byte escape; a non-ASCII byte after ESC starts a character, which stays.
            Some(b) if b.is_ascii() => i += 1,
            _ => {}
        }
    }
    *line = out;
    removed
}

/// Applies backspaces as the terminal did: each erases the character before it.
fn apply_backspaces(line: &mut Vec<u8>) -> u64 {
    let mut out: Vec<u8> = Vec::with_capacity(line.len());
    let mut count = 0;
    for &b in line.iter() {
        if b == 0x08 {
            count += 1;
            // Erase one whole UTF-8 character.
            while let Some(last) = out.pop() {
                if last & 0xc0 != 0x80 {
                    break;
                }
            }
        } else {
            out.push(b);
        }
    }
    *line = out;
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> String {
        clean(text.to_string()).0
    }

    #[test]
    fn clean_text_is_returned_as_it_is() {
        let (text, cleaning) = clean("rg> version\nMOS4.2.3-GA\n".into());
        assert_eq!(text, "rg> version\nMOS4.2.3-GA\n");
        assert_eq!(cleaning, Cleaning::default());
    }

    #[test]
    fn crlf_becomes_lf_and_line_count_is_kept() {
        let (text, cleaning) = clean("a\r\n\r\nb\r\r\n".into());
        assert_eq!(text, "a\n\nb\n");
        assert_eq!(cleaning.crlf_lines, 3);
    }

    #[test]
    fn timestamps_escapes_and_backspaces_go() {
        let log = "[Thu Jun 16 10:00:00.123 2011] rg> \x1b[1mversion\x1b[0m\n\
                   [2011-06-16 10:00:01] smtp gex\x08t fastpath\n\
                   [not a stamp] stays\n";
        assert_eq!(
            cleaned(log),
            "rg> version\nsmtp get fastpath\n[not a stamp] stays\n"
        );
    }

    #[test]
    fn a_stamp_is_noise_only_in_a_stamped_log() {
        assert_eq!(
            cleaned("# export\n[10:00:00] text\n"),
            "# export\n[10:00:00] text\n"
        );
    }

    #[test]
    fn backspace_erases_a_whole_character() {
        assert_eq!(cleaned("日本\x08語\n"), "日語\n");
    }

    #[test]
    fn carriage_return_inside_a_line_overwrites_it() {
        assert_eq!(cleaned("10%\r100%\n"), "100%\n");
    }

    #[test]
    fn escape_before_a_multibyte_character_keeps_the_character() {
        assert_eq!(cleaned("\x1b日本\n"), "日本\n");
        assert_eq!(cleaned("\x1b[1日m\n"), "\n");
    }

    #[test]
    fn osc_title_sequences_go() {
        assert_eq!(
            cleaned("\x1b]0;rg: admin\x07rg> version\n"),
            "rg> version\n"
        );
    }
}

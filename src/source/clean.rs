//! Removing what a terminal emulator adds to a log: timestamps at line start, its own header
//! lines, pager prompts, ANSI escape sequences, backspaced characters, carriage returns. Which
//! timestamps, headers and pagers are known is data ([`super::habits`]). The text is rewritten
//! in place, so a clean log costs no copy, and the number of lines never changes.

use std::sync::OnceLock;

// Byte patterns: a line is matched as it is, with no UTF-8 check per line.
use regex::bytes::Regex;
use serde::Serialize;

use crate::base::message::Message;

use super::habits::{Habit, HEADER_LINES, PAGERS, TIMESTAMPS};

/// Counts of what cleaning removed, reported with `--provenance`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cleaning {
    /// Lines that ended in CRLF.
    pub crlf_lines: u64,
    /// Timestamps removed from line starts.
    pub timestamps: u64,
    /// ANSI escape sequences and bells (BEL, rung by tab completion) removed.
    pub escapes: u64,
    /// Backspaces applied.
    pub backspaces: u64,
    /// Lines a carriage return wrote over.
    pub overwritten_lines: u64,
    /// Pager prompts (`--More--`) removed.
    pub pagers: u64,
    /// Header lines of terminal programs (PuTTY's) emptied.
    pub header_lines: u64,
}

/// The habit tables, compiled once.
struct Compiled {
    timestamps: Vec<Regex>,
    headers: Vec<Regex>,
    pagers: Vec<Regex>,
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let all = |habits: &[Habit]| {
            habits
                .iter()
                .map(|h| Regex::new(h.pattern).expect("the habit tables are valid (tested)"))
                .collect()
        };
        Compiled {
            timestamps: all(TIMESTAMPS),
            headers: all(HEADER_LINES),
            pagers: all(PAGERS),
        }
    })
}

/// A cheap test before any timestamp pattern runs: every stamp holds a clock, so a `:` near the
/// start of the line.
fn may_hold_a_stamp(line: &[u8]) -> bool {
    memchr::memchr(b':', &line[..line.len().min(48)]).is_some()
}

/// Whether this log is stamped: stamps of any known style start two lines or more (or the one
/// line of a one-line log), wherever they start. Then every style counts, so that programs may
/// be mixed (a PuTTY session appended to a Tera Term log); the search stops at the second.
fn is_stamped(text: &str) -> bool {
    let patterns = &compiled().timestamps;
    let mut stamped = 0;
    let mut nonblank = 0;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            continue;
        }
        nonblank += 1;
        if may_hold_a_stamp(line.as_bytes()) && patterns.iter().any(|p| p.is_match(line.as_bytes()))
        {
            stamped += 1;
            if stamped >= 2 {
                return true;
            }
        }
    }
    stamped == 1 && nonblank == 1
}

/// Length of a timestamp at the start of `line`, if any; `last` is the style met last, tried
/// first (a log mostly keeps one).
fn timestamp_len(line: &[u8], last: &mut usize) -> Option<usize> {
    if !may_hold_a_stamp(line) {
        return None;
    }
    let text = line;
    let patterns = &compiled().timestamps;
    if let Some(m) = patterns[*last].find(text) {
        return Some(m.end());
    }
    let (i, m) = patterns
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.find(text).map(|m| (i, m)))?;
    *last = i;
    Some(m.end())
}

/// Whether the whole line is a terminal program's own header.
fn is_header_line(line: &[u8]) -> bool {
    line.starts_with(b"=~=") && compiled().headers.iter().any(|p| p.is_match(line))
}

/// Length of a pager prompt at the start of `line`, if any.
fn pager_len(line: &[u8]) -> Option<usize> {
    let first = line.iter().position(|b| !matches!(b, b' ' | b'\t'))?;
    if !matches!(line[first], b'-' | b'<') {
        return None;
    }
    let text = line;
    compiled()
        .pagers
        .iter()
        .find_map(|p| p.find(text).map(|m| m.end()))
        .filter(|&len| len > 0)
}

/// The share of non-blank lines that must carry a prefix for it to be the paste's, not the
/// session's: a ticket system may leave a line or two of its own unprefixed.
const SHARED_PREFIX_SHARE: f64 = 0.9;

/// A log pasted from a ticket or a mail: every line indented by the same blanks, or quoted with
/// `> ` or `>`. When (nearly) every non-blank line carries one of these, it is removed from each
/// line that has it; the text comes back with what was removed, for a note.
pub(super) fn strip_shared_prefix(text: String) -> (String, Option<Message>) {
    let lines = || text.split('\n').map(|l| l.trim_end_matches('\r'));
    let nonblank = lines().filter(|l| !l.trim().is_empty()).count();
    if nonblank < 2 {
        return (text, None);
    }
    let enough = |n: usize| n as f64 >= nonblank as f64 * SHARED_PREFIX_SHARE;
    let quoted = lines().filter(|l| l.starts_with('>')).count();
    if enough(quoted) {
        // `> ` when every quoted line with text has the space, else `>` alone, so a line
        // that began with a blank keeps it.
        let spaced = lines().all(|l| !l.starts_with('>') || l.len() == 1 || l.starts_with("> "));
        let mark = if spaced { "> " } else { ">" };
        let out = rewrite(&text, |line| {
            line.strip_prefix(mark)
                .or_else(|| line.strip_prefix('>').filter(|r| r.trim().is_empty()))
        });
        return (
            out,
            Some(crate::message!("source-prefix-quoted", mark = mark)),
        );
    }
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    let indented: Vec<usize> = lines()
        .filter(|l| !l.trim().is_empty())
        .map(indent)
        .filter(|&n| n > 0)
        .collect();
    let Some(&width) = indented.iter().min() else {
        return (text, None);
    };
    if !enough(indented.len()) {
        return (text, None);
    }
    let out = rewrite(&text, |line| {
        (indent(line) >= width && line.is_char_boundary(width)).then(|| &line[width..])
    });
    (
        out,
        Some(crate::message!("source-prefix-indented", width = width)),
    )
}

/// Each line with `strip` applied where it gives a rest; line breaks are kept.
fn rewrite<'t>(text: &'t str, strip: impl Fn(&'t str) -> Option<&'t str>) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(strip(line).unwrap_or(line));
    }
    out
}

/// Cleans `text`, reusing its buffer.
#[cfg(test)]
pub(super) fn clean(text: String) -> (String, Cleaning) {
    let (text, cleaning, _) = clean_noting_pagers(text);
    (text, cleaning)
}

/// Cleans `text`, reusing its buffer; also gives the numbers of the lines that held a pager
/// prompt alone (now empty), so that a reader can tell them from the session's blank lines.
pub(super) fn clean_noting_pagers(text: String) -> (String, Cleaning, Vec<u32>) {
    let mut pager_lines = Vec::new();
    let mut number = 0u32;
    let mut cleaning = Cleaning::default();
    let stamped = is_stamped(&text);
    let mut last_style = 0;
    let bytes = text.as_bytes();
    let noisy = stamped
        || memchr::memchr3(b'\r', 0x1b, 0x08, bytes).is_some()
        || memchr::memchr(0x07, bytes).is_some()
        || memchr::memmem::find(bytes, b"More").is_some()
        || memchr::memmem::find(bytes, b"more").is_some()
        || memchr::memmem::find(bytes, b"MORE").is_some()
        || memchr::memmem::find(bytes, b"=~=~=").is_some();
    if !noisy {
        return (text, cleaning, pager_lines);
    }
    let mut out = text.into_bytes();
    let mut read = 0;
    let mut write = 0;
    let mut scratch = Vec::new();
    while read < out.len() {
        let end = memchr::memchr(b'\n', &out[read..]).map_or(out.len(), |i| read + i);
        number += 1;
        let has_newline = end < out.len();
        let (mut start, mut stop) = (read, end);
        if stop > start && out[stop - 1] == b'\r' {
            cleaning.crlf_lines += 1;
            while stop > start && out[stop - 1] == b'\r' {
                stop -= 1;
            }
        }
        if is_header_line(&out[start..stop]) {
            cleaning.header_lines += 1;
            start = stop;
        }
        let stamp = if stamped {
            timestamp_len(&out[start..stop], &mut last_style)
        } else {
            None
        };
        if let Some(len) = stamp {
            start += len;
            cleaning.timestamps += 1;
        }
        let line_start = write;
        let line = &out[start..stop];
        if memchr::memchr3(b'\r', 0x1b, 0x08, line).is_some() || line.contains(&0x07) {
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
        if let Some(len) = pager_len(&out[line_start..write]) {
            out.copy_within(line_start + len..write, line_start);
            write -= len;
            cleaning.pagers += 1;
            if write == line_start {
                pager_lines.push(number);
            }
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
    (text, cleaning, pager_lines)
}

/// Removes escapes, backspaces and overwritten text from a line without its line ending and
/// timestamp.
fn clean_line(line: &mut Vec<u8>, cleaning: &mut Cleaning) {
    if line.contains(&0x1b) {
        cleaning.escapes += strip_escapes(line);
    }
    if line.contains(&0x07) {
        // Tab completion rings the bell inside a typed word: noise, like an escape.
        let before = line.len();
        line.retain(|&b| b != 0x07);
        cleaning.escapes += (before - line.len()) as u64;
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
    use crate::base::message::Arg;

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
    fn every_habit_pattern_compiles() {
        let c = compiled();
        assert_eq!(c.timestamps.len(), TIMESTAMPS.len());
        assert_eq!(c.headers.len(), HEADER_LINES.len());
        assert_eq!(c.pagers.len(), PAGERS.len());
    }

    #[test]
    fn each_program_stamp_goes_in_any_mix_from_any_line() {
        let log = "=~=~=~=~=~=~=~=~=~=~=~= PuTTY log 2011.06.16 10:00:00 =~=~=~=~=~=~=~=~=~=~=~=\n\
                   [Thu Jun 16 10:00:00.123 2011] rg> version\n\
                   [2011-06-16 10:00:01.456] MOS4.2.3-GA\n\
                   <10:00:02> OK Completed\n\
                   Jun 16 10:00:03 rg> version\n\
                   00:00:04 MOS4.2.3-GA\n\
                   [06/16/2011 10:00:05 AM] OK Completed\n\
                   <10:00:06> rg> smtp get fastpath\n\
                   Jun 16 10:00:07 off\n\
                   00:00:08 OK Completed\n\
                   [06/16/2011 10:00:09 AM] rg> \n";
        let (text, cleaning) = clean(log.to_string());
        assert_eq!(
            text,
            "\nrg> version\nMOS4.2.3-GA\nOK Completed\nrg> version\nMOS4.2.3-GA\nOK Completed\n\
             rg> smtp get fastpath\noff\nOK Completed\nrg> \n"
        );
        assert_eq!(cleaning.timestamps, 10);
        assert_eq!(cleaning.header_lines, 1);
    }

    #[test]
    fn a_lone_time_at_a_line_start_is_a_value_not_a_stamp() {
        assert_eq!(
            cleaned("rg> date\n10:00:00 JST\nOK Completed\n"),
            "rg> date\n10:00:00 JST\nOK Completed\n"
        );
    }

    #[test]
    fn pager_prompts_go_in_any_form() {
        assert_eq!(
            cleaned("\"a@x.jp\"\n--More--\n -- More -- \"b@x.jp\"\n--More--(45%)\n\x1b[7m--More--\x1b[m\r        \r\"c@x.jp\"\n"),
            "\"a@x.jp\"\n\n\"b@x.jp\"\n\n\"c@x.jp\"\n"
        );
        assert_eq!(cleaned("more -- text\n"), "more -- text\n");
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
    fn a_bell_from_tab_completion_goes_and_is_counted() {
        let (text, cleaning) = clean("rg01> smtp get fast\x07path\n\x07\x07off\n".into());
        assert_eq!(text, "rg01> smtp get fastpath\noff\n");
        assert_eq!(cleaning.escapes, 3);
    }

    #[test]
    fn a_prefix_on_nearly_every_line_goes_and_other_text_stays() {
        let (text, note) = strip_shared_prefix(
            "Ticket #12, pasted:\n  rg> version\n  MOS4.2.3-GA\n\n  OK Completed\n  rg> a\n  \
             b\n  c\n  d\n  e\n  f\n"
                .into(),
        );
        assert_eq!(
            text,
            "Ticket #12, pasted:\nrg> version\nMOS4.2.3-GA\n\nOK Completed\nrg> a\nb\nc\nd\ne\nf\n"
        );
        let note = note.unwrap();
        assert_eq!(note.id, "source-prefix-indented");
        assert_eq!(note.arg("width"), Some(&Arg::Number(2)));
        let log = "rg> version\n  MOS4.2.3-GA\nOK Completed\n";
        assert_eq!(strip_shared_prefix(log.into()), (log.to_string(), None));
        let (text, _) = strip_shared_prefix(">rg> version\n> MOS\n>\n>OK\n".into());
        assert_eq!(text, "rg> version\n MOS\n\nOK\n");
    }

    #[test]
    fn osc_title_sequences_go() {
        assert_eq!(
            cleaned("\x1b]0;rg: admin\x07rg> version\n"),
            "rg> version\n"
        );
    }
}

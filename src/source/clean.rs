//! Removing what a terminal emulator adds to a log: timestamps at line start, its own header
//! lines and pager prompts, and reading each line as the screen showed it after its edits
//! (escape sequences, backspaces, DEL, carriage-return overwrites: [`super::screen`]). Which
//! timestamps, headers and pagers are known is data ([`super::habits`]). A clean log costs no
//! copy, the number of lines never changes, and a literal's body (`{N}` bytes) is data that
//! is never replayed.

use std::sync::OnceLock;

// Byte patterns: a line is matched as it is, with no UTF-8 check per line.
use regex::bytes::Regex;
use serde::Serialize;

use crate::base::message::Message;

use super::habits::{Habit, HEADER_LINES, PAGERS, TIMESTAMPS};
use super::screen;

/// Counts of what cleaning removed, reported with `--provenance`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cleaning {
    /// Lines that ended in CRLF.
    pub crlf_lines: u64,
    /// Timestamps removed from line starts.
    pub timestamps: u64,
    /// The line of the first (0: none).
    pub first_timestamp: u32,
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
    /// Command lines whose look-alike characters (no-break spaces, full-width ASCII) were read
    /// as ASCII.
    pub lookalike_lines: u64,
    /// Lines whose control characters were written out as `^H`, `^[` (by `cat -v`).
    pub caret_lines: u64,
    /// Lines too long to replay their editing (over 64 KiB), read as they are.
    pub unreplayed_lines: u64,
    /// The first of them (0: none).
    pub first_unreplayed: u32,
}

/// The lines of a log that held a pager prompt (`--More--`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PagerLines {
    /// Those that held it alone, now empty.
    pub alone: Vec<u32>,
    /// Those whose prompt the terminal erased before what it then showed on the line (the
    /// prompt written over with blanks after a carriage return or by an erase).
    pub erased: Vec<u32>,
}

/// The longest line whose editing is replayed: an edit in the middle of a line costs the rest
/// of the line, and a capture is untrusted.
pub(super) const REPLAY_LIMIT: usize = 64 * 1024;

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

/// A cheap test before any timestamp pattern runs: every stamp holds a clock, so a `:` between
/// two digits near the start of the line (an admin-protocol `S: ` line has a `:` there too).
fn may_hold_a_stamp(line: &[u8]) -> bool {
    let head = &line[..line.len().min(48)];
    memchr::memchr_iter(b':', head).any(|i| {
        i > 0 && head[i - 1].is_ascii_digit() && head.get(i + 1).is_some_and(u8::is_ascii_digit)
    })
}

/// The share of a session's lines that must carry a stamp for the log to be stamped: a
/// stamping program (`ts`, Tera Term, SecureCRT) stamps every line it writes, but a log may
/// start with a few lines written before stamping began.
const STAMPED_SHARE: f64 = 0.9;

/// What a log shows of stamps, on its non-blank lines outside a literal's body (the bytes of a
/// message or a key, which may start with a time of their own) and other than a terminal
/// program's header line.
#[derive(Debug, Default, PartialEq, Eq)]
struct StampEvidence {
    /// Lines looked at.
    lines: usize,
    /// Of them, lines that start with a stamp.
    stamped: usize,
    /// Lines that start with a prompt, after their stamp if they have one.
    prompts: usize,
    /// Of them, prompt lines that start with a stamp.
    stamped_prompts: usize,
    /// The stamp styles met, one bit per row of [`TIMESTAMPS`].
    styles: u64,
}

/// Every stamp style.
const ANY_STYLE: u64 = u64::MAX;

/// The stamp styles of a stamped log, one bit per row of [`TIMESTAMPS`]; `None` when the log
/// is not stamped. A log is stamped on evidence, never on a line or two. A log with prompts is
/// stamped when most of its prompt lines carry a stamp: a stamping program stamps the lines
/// a person typed at, and an answer's own times never fall on them; a session appended
/// unstamped (PuTTY after Tera Term) leaves it stamped, each stamp removed where it is. A log
/// without prompts is stamped when (nearly) every line is ([`STAMPED_SHARE`]); one of one
/// line when that line is. Lines inside a literal's body are no evidence either way: they hold
/// the appliance's own text, such as a message's office hours.
fn stamp_styles(text: &str) -> Option<u64> {
    stamped_on(&stamp_evidence(text, true)?)
}

/// [`stamp_styles`] on the evidence gathered.
fn stamped_on(evidence: &StampEvidence) -> Option<u64> {
    let nearly_all = |part: usize, whole: usize| part as f64 >= whole as f64 * STAMPED_SHARE;
    let stamped = match (evidence.prompts, evidence.stamped) {
        (_, 0) => false,
        (0, 1) => evidence.lines == 1,
        (0, n) => nearly_all(n, evidence.lines),
        (prompts, _) => evidence.stamped_prompts > 0 && evidence.stamped_prompts * 2 >= prompts,
    };
    stamped.then_some(evidence.styles)
}

/// How many lines without a single stamp show a log unstamped, however long it goes on: a
/// stamping program stamps from its first line.
const UNSTAMPED_AFTER: usize = 256;

/// The stamps of a log ([`StampEvidence`]). With `give_up`, `None` once the first
/// [`UNSTAMPED_AFTER`] lines it looks at hold no stamp, so an unstamped log is not read to its
/// end.
fn stamp_evidence(text: &str, give_up: bool) -> Option<StampEvidence> {
    let mut evidence = StampEvidence::default();
    let mut literal_left = 0u64;
    let mut last_style = 0;
    for raw in text.split('\n') {
        let line = raw.trim_end_matches('\r');
        let stamp = timestamp_len(line.as_bytes(), &mut last_style, ANY_STYLE);
        let rest = &line[stamp.unwrap_or(0)..];
        if literal_left > 0 {
            literal_left = literal_left.saturating_sub(body_bytes(raw, stamp));
            continue;
        }
        literal_left = announced_literal(rest);
        if line.trim().is_empty() || is_header_line(line.as_bytes()) {
            continue;
        }
        evidence.lines += 1;
        let prompt = is_prompt_line(rest);
        evidence.prompts += usize::from(prompt);
        if stamp.is_some() {
            evidence.stamped += 1;
            evidence.stamped_prompts += usize::from(prompt);
            evidence.styles |= 1 << last_style;
        } else if give_up && evidence.stamped == 0 && evidence.lines >= UNSTAMPED_AFTER {
            return None;
        }
    }
    Some(evidence)
}

/// How much of a literal's announced count a line of its body takes: its bytes without a
/// stamp, and its line end.
fn body_bytes(raw: &str, stamp: Option<usize>) -> u64 {
    (raw.len() - stamp.unwrap_or(0)) as u64 + 1
}

/// Whether a line starts with a prompt (`rg01> `), look-alike characters read as ASCII.
fn is_prompt_line(line: &str) -> bool {
    if !line.contains([
        '>', '#', '$', '%', '\u{ff1e}', '\u{ff03}', '\u{ff04}', '\u{ff05}',
    ]) {
        return false;
    }
    if line.is_ascii() {
        return super::lookalike::prompt_len(line).is_some();
    }
    super::lookalike::prompt_len(&super::lookalike::fold_line(line)).is_some()
}

/// Length of a timestamp at the start of `line`, if any, of a style in `styles` (one bit per
/// row of [`TIMESTAMPS`]); `last` is the style met last, tried first (a log mostly keeps one).
fn timestamp_len(line: &[u8], last: &mut usize, styles: u64) -> Option<usize> {
    if !may_hold_a_stamp(line) {
        return None;
    }
    let patterns = &compiled().timestamps;
    if styles & (1 << *last) != 0 {
        if let Some(m) = patterns[*last].find(line) {
            return Some(m.end());
        }
    }
    let (i, m) = patterns
        .iter()
        .enumerate()
        .filter(|(i, _)| styles & (1 << i) != 0)
        .find_map(|(i, p)| p.find(line).map(|m| (i, m)))?;
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
    let Some(shares) = prefix_shares(&text) else {
        return (text, None);
    };
    let enough = |n: usize| n as f64 >= shares.nonblank as f64 * SHARED_PREFIX_SHARE;
    if enough(shares.quoted) {
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
    if shares.indented == 0 || !enough(shares.indented) {
        return (text, None);
    }
    let width = shares.least_indent;
    let out = rewrite(&text, |line| {
        (indent(line) >= width && line.is_char_boundary(width)).then(|| &line[width..])
    });
    (
        out,
        Some(crate::message!("source-prefix-indented", width = width)),
    )
}

/// The blanks a line starts with.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// How many lines with text a text has, and how many of them are quoted or indented.
struct PrefixShares {
    nonblank: usize,
    quoted: usize,
    indented: usize,
    least_indent: usize,
}

/// The shares of quoted and indented lines, in one pass. `None` when no prefix can be shared:
/// fewer than two lines with text, or so many plain ones that neither share can be reached.
/// Those are met early in a log that was not pasted, which is then not read to its end.
fn prefix_shares(text: &str) -> Option<PrefixShares> {
    let most_lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut shares = PrefixShares {
        nonblank: 0,
        quoted: 0,
        indented: 0,
        least_indent: usize::MAX,
    };
    let mut plain = 0usize;
    for line in text.split('\n').map(|l| l.trim_end_matches('\r')) {
        if line.trim().is_empty() {
            continue;
        }
        shares.nonblank += 1;
        if line.starts_with('>') {
            shares.quoted += 1;
            continue;
        }
        match indent(line) {
            0 => {
                plain += 1;
                // Plain lines above the share left over of every line there could be: neither
                // the quoted nor the indented lines can make up enough of them.
                if plain as f64 > most_lines as f64 * (1.0 - SHARED_PREFIX_SHARE) + 1.0 {
                    return None;
                }
            }
            width => {
                shares.indented += 1;
                shares.least_indent = shares.least_indent.min(width);
            }
        }
    }
    (shares.nonblank >= 2).then_some(shares)
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

/// Cleans `text`; also gives the numbers of the lines that held a pager prompt alone (now
/// empty), so that a reader can tell them from the session's blank lines. A clean log is
/// returned as it is, without a copy.
pub(super) fn clean_noting_pagers(text: String) -> (String, Cleaning, PagerLines) {
    let stamps = stamp_styles(&text);
    if stamps.is_none() && !is_noisy(text.as_bytes()) {
        return (text, Cleaning::default(), PagerLines::default());
    }
    if stamps.is_none() && only_crlf(text.as_bytes()) {
        return crlf_in_place(text);
    }
    clean_lines(text, stamps)
}

/// Whether the only noise of a text is CRLF line ends: no other carriage return, no control
/// character, caret notation (`^`), header line or pager word. Cleaning it removes the CRs
/// and any pager prompt, line by line, and nothing else.
fn only_crlf(bytes: &[u8]) -> bool {
    memchr::memchr3(0x1b, 0x08, b'^', bytes).is_none()
        && memchr::memchr2(0x07, 0x7f, bytes).is_none()
        && ![&b"More"[..], b"more", b"MORE", b"=~="]
            .into_iter()
            .any(|pattern| memchr::memmem::find(bytes, pattern).is_some())
        && memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n'))
}

/// [`clean_noting_pagers`] of a text whose only noise is CRLF line ends ([`only_crlf`]): the
/// same result, made in place, so a large capture is never held twice.
fn crlf_in_place(text: String) -> (String, Cleaning, PagerLines) {
    let mut cleaning = Cleaning::default();
    let mut pager_lines = PagerLines::default();
    let mut bytes = text.into_bytes();
    let (mut read, mut write, mut number) = (0, 0, 0u32);
    loop {
        number += 1;
        let end = memchr::memchr(b'\n', &bytes[read..]).map_or(bytes.len(), |i| read + i);
        let mut body = end;
        if body > read && bytes[body - 1] == b'\r' {
            body -= 1;
            cleaning.crlf_lines += 1;
        }
        let line_start = write;
        bytes.copy_within(read..body, write);
        write += body - read;
        let pager = pager_len(&bytes[line_start..write]).filter(|&len| {
            // At a character boundary, as the text's own line is cut.
            line_start + len == write || (bytes[line_start + len] as i8) >= -0x40
        });
        if let Some(len) = pager {
            bytes.copy_within(line_start + len..write, line_start);
            write -= len;
            cleaning.pagers += 1;
            if write == line_start {
                pager_lines.alone.push(number);
            }
        }
        if end == bytes.len() {
            break;
        }
        bytes[write] = b'\n';
        write += 1;
        read = end + 1;
    }
    bytes.truncate(write);
    // Only ASCII CRs and whole characters were taken out of UTF-8 text.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, cleaning, pager_lines)
}

/// [`clean_noting_pagers`] line by line into a new text; `stamps` are the stamp styles of a
/// stamped log ([`stamp_styles`]), and only a stamp of one of them is removed, also from a
/// literal's body (a stamping program stamps its lines too), so a time the body starts with
/// in another style stays.
fn clean_lines(text: String, stamps: Option<u64>) -> (String, Cleaning, PagerLines) {
    let mut cleaning = Cleaning::default();
    let mut out = String::with_capacity(text.len());
    let mut pager_lines = PagerLines::default();
    let mut last_style = 0;
    let mut literal_left = 0u64;
    let caret_file = screen::is_caret_notation(&text);
    for (i, raw) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut body = raw.trim_end_matches('\r');
        if caret_file {
            // `cat -v` wrote the CR of a CRLF line end as `^M`: a line end, also in a literal.
            body = body.strip_suffix("^M").unwrap_or(body);
        }
        if body.len() < raw.len() {
            cleaning.crlf_lines += 1;
        }
        let mut line = body;
        if is_header_line(line.as_bytes()) {
            cleaning.header_lines += 1;
            line = "";
        }
        let stamp =
            stamps.and_then(|styles| timestamp_len(line.as_bytes(), &mut last_style, styles));
        if let Some(len) = stamp {
            line = &line[len..];
            cleaning.timestamps += 1;
            if cleaning.first_timestamp == 0 {
                cleaning.first_timestamp = i as u32 + 1;
            }
        }
        let line_start = out.len();
        let controls = match literal_left {
            0 => caret_line(line, caret_file, &mut cleaning),
            _ => None,
        };
        let line = controls.as_deref().unwrap_or(line);
        if literal_left > 0 {
            // A literal's body is data the appliance sent, not keys a person typed.
            literal_left = literal_left.saturating_sub(body_bytes(raw, stamp));
            out.push_str(line);
        } else {
            push_as_shown(line, i as u32 + 1, &mut out, &mut cleaning);
        }
        let pager = pager_len(&out.as_bytes()[line_start..]);
        if let Some(len) = pager.filter(|&len| out.is_char_boundary(line_start + len)) {
            out.replace_range(line_start..line_start + len, "");
            cleaning.pagers += 1;
            if out.len() == line_start {
                pager_lines.alone.push(i as u32 + 1);
            }
        } else if literal_left == 0 && pager_len(line.as_bytes()).is_some() {
            // The terminal erased the prompt (`--More--\r        \r`) before what followed.
            cleaning.pagers += 1;
            pager_lines.erased.push(i as u32 + 1);
        }
        if literal_left == 0 {
            literal_left = announced_literal(&out[line_start..]);
        }
    }
    (out, cleaning, pager_lines)
}

/// Whether a text may hold anything to clean besides stamps: a cheap test over its bytes.
fn is_noisy(bytes: &[u8]) -> bool {
    // Five passes, each over bytes a clean log rarely holds, instead of one per mark.
    let followed_by = |at: usize, next: &[u8]| bytes.get(at + 1).is_some_and(|b| next.contains(b));
    let preceded_by = |at: usize, before: &[u8]| at > 0 && before.contains(&bytes[at - 1]);
    memchr::memchr3(b'\r', 0x1b, 0x08, bytes).is_some()
        || memchr::memchr3_iter(0x07, 0x7f, b'^', bytes)
            .any(|at| bytes[at] != b'^' || followed_by(at, b"H?["))
        || memchr::memmem::find_iter(bytes, b"ore").any(|at| preceded_by(at, b"Mm"))
        || memchr::memmem::find_iter(bytes, b"ORE").any(|at| preceded_by(at, b"M"))
        || memchr::memmem::find(bytes, b"=~=~=").is_some()
}

/// Appends line `number` as the screen showed it after its editing; a line too long to replay
/// is appended as it is, and counted.
fn push_as_shown(line: &str, number: u32, out: &mut String, cleaning: &mut Cleaning) {
    if !screen::needs_replay(line.as_bytes()) {
        out.push_str(line);
    } else if line.len() > REPLAY_LIMIT {
        cleaning.unreplayed_lines += 1;
        if cleaning.first_unreplayed == 0 {
            cleaning.first_unreplayed = number;
        }
        out.push_str(line);
    } else {
        let (shown, replayed) = screen::replay(line);
        cleaning.escapes += replayed.escapes;
        cleaning.backspaces += replayed.backspaces;
        cleaning.overwritten_lines += u64::from(replayed.overwritten);
        out.push_str(&shown);
    }
}

/// The line with `cat -v`'s caret pairs read as control characters, when it has any: in a
/// text written out by `cat -v`, or on a command line.
fn caret_line(line: &str, caret_file: bool, cleaning: &mut Cleaning) -> Option<String> {
    if !line.contains('^') {
        return None;
    }
    if !caret_file && super::lookalike::prompt_len(&super::lookalike::fold_line(line)).is_none() {
        return None;
    }
    let controls = screen::from_caret_notation(line, caret_file)?;
    cleaning.caret_lines += 1;
    Some(controls.trim_end_matches('\r').to_string())
}

/// The byte count of a literal (`{N}` or `{N+}`) that ends a line, which the body's lines
/// then hold.
pub(super) fn announced_literal(line: &str) -> u64 {
    let Some(open) = line.trim_end().strip_suffix('}') else {
        return 0;
    };
    let Some((_, count)) = open.rsplit_once('{') else {
        return 0;
    };
    count.trim_end_matches('+').parse().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `is_noisy` as first written, one search per mark.
    fn noisy_mark_by_mark(bytes: &[u8]) -> bool {
        let has = |pattern: &[u8]| memchr::memmem::find(bytes, pattern).is_some();
        [
            &b"\r"[..],
            b"\x1b",
            b"\x08",
            b"\x07",
            b"\x7f",
            b"More",
            b"more",
            b"MORE",
            b"=~=~=",
            b"^H",
            b"^?",
            b"^[",
        ]
        .into_iter()
        .any(has)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn five_passes_find_what_a_search_per_mark_finds(
            parts in proptest::collection::vec(prop_oneof![
                Just(&b"More"[..]), Just(&b"more"[..]), Just(&b"MORE"[..]), Just(&b"ore"[..]),
                Just(&b"ORE"[..]), Just(&b"M"[..]), Just(&b"^"[..]), Just(&b"H"[..]),
                Just(&b"?"[..]), Just(&b"["[..]), Just(&b"=~=~"[..]), Just(&b"="[..]),
                Just(&b"\r"[..]), Just(&b"\x07"[..]), Just(&b"\x7f"[..]), Just(&b"a "[..]),
            ], 0..8)
        ) {
            let bytes = parts.concat();
            prop_assert_eq!(is_noisy(&bytes), noisy_mark_by_mark(&bytes), "{:?}", bytes);
        }
    }

    #[test]
    fn every_stamp_style_holds_the_clock_the_cheap_test_looks_for() {
        for habit in super::super::habits::TIMESTAMPS {
            assert!(
                habit.pattern.contains("[0-9]{2}:[0-9]{2}"),
                "{}: may_hold_a_stamp would skip it",
                habit.program
            );
        }
        assert!(may_hold_a_stamp(b"[Mon Dec 07 10:42:07 2026] rg01>"));
        assert!(!may_hold_a_stamp(b"S: * a016 \"user@example.com\""));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn giving_up_early_never_changes_the_answer(
            lines in proptest::collection::vec(prop_oneof![
                Just("10:42:07 rg01> smtp get maxmsgsum".to_string()),
                Just("[2026-12-07 10:42:07] OK Completed".to_string()),
                Just("10:42:08 {12}".to_string()),
                Just("09:00:00 to 17:00".to_string()),
                Just("rg01> version".to_string()),
                Just("x-header: value: with: colons".to_string()),
                Just("".to_string()),
                Just("  \r".to_string()),
                "[ -~]{0,60}",
            ], 0..12)
        ) {
            let text = lines.join("\n");
            let whole = stamp_evidence(&text, false).expect("read to its end");
            prop_assert_eq!(stamp_styles(&text), stamped_on(&whole), "{:?}", text);
        }
    }

    #[test]
    fn crlf_line_ends_are_cleaned_in_place_as_line_by_line() {
        let pieces = [
            "",
            "a b",
            "メール",
            " --mOrE-- ",
            "<-- moRE --> (50%)\"q\"",
            "-- mORe",
        ];
        let mut cases = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for ends in 0..16u8 {
                        let end = |bit: u8| if ends & (1 << bit) != 0 { "\r\n" } else { "\n" };
                        let last = if ends & 8 != 0 { "" } else { end(2) };
                        let text = format!("{a}{}{b}{}{c}{last}", end(0), end(1));
                        assert!(only_crlf(text.as_bytes()), "{text:?}");
                        let in_place = crlf_in_place(text.clone());
                        assert_eq!(in_place, clean_lines(text.clone(), None), "{text:?}");
                        cases += usize::from(in_place.1.pagers > 0);
                    }
                }
            }
        }
        assert!(cases > 0);
        assert!(!only_crlf(b"a\rb\r\n"));
        assert!(!only_crlf(b"a^C\r\n"));
        assert!(!only_crlf(b"--More--\r\n"));
    }

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
                   <10:00:02> [not a stamp] stays\n";
        assert_eq!(
            cleaned(log),
            "rg> version\nsmtp get fastpath\n[not a stamp] stays\n"
        );
    }

    #[test]
    fn every_habit_pattern_compiles() {
        let c = compiled();
        assert_eq!(c.timestamps.len(), TIMESTAMPS.len());
        assert!(TIMESTAMPS.len() <= 64, "a style is one bit of a u64");
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

    /// A session whose `branding get quotamsg` answers a message of office hours.
    const OFFICE_HOURS: &str = "rg01> version\nMOS4.1.9-GA\nOK Completed\n\
                                rg01> branding get quotamsg\n{67}\nOffice hours:\n\
                                09:00:00 to 17:00:00 Mon-Fri\n12:00:00 lunch break\n\n\
                                OK Completed\nrg01> smtp get fastpath\non\nOK Completed\n";

    #[test]
    fn times_that_start_lines_of_a_message_are_no_stamps() {
        let (text, cleaning) = clean(OFFICE_HOURS.to_string());
        assert_eq!(text, OFFICE_HOURS);
        assert_eq!(cleaning.timestamps, 0);
        // Nor in other styles, nor outside a literal when the prompts carry none.
        for (a, b) in [
            ("2011-06-16 10:00:00 ", "2011-06-17 10:00:00 "),
            ("[10:00] ", "[17:00] "),
            ("[2011-06-16 10:00:00] ", "[2011-06-17 10:00:00] "),
        ] {
            let log = format!("rg01> log view\n{a}start\n{b}end\n{a}start\nOK Completed\n");
            assert_eq!(cleaned(&log), log, "{a:?}");
        }
    }

    #[test]
    fn a_stamped_session_loses_one_stamp_a_line_also_in_a_message() {
        let stamped: String = OFFICE_HOURS
            .lines()
            .enumerate()
            .map(|(i, l)| format!("00:00:{i:02} {l}\n"))
            .collect();
        let (text, cleaning) = clean(stamped);
        assert_eq!(text, OFFICE_HOURS);
        assert_eq!(
            (cleaning.timestamps, cleaning.first_timestamp),
            (OFFICE_HOURS.lines().count() as u64, 1)
        );
        // A program that leaves a message's lines unstamped: only its own style goes.
        let tera: String = OFFICE_HOURS
            .lines()
            .enumerate()
            .map(|(i, l)| match i {
                5..=9 => format!("{l}\n"),
                _ => format!("[Thu Jun 16 10:00:{i:02}.123 2011] {l}\n"),
            })
            .collect();
        assert_eq!(cleaned(&tera), OFFICE_HOURS);
    }

    #[test]
    fn a_log_is_stamped_when_most_of_its_prompts_are() {
        let line = |i: usize, stamp: bool| {
            let stamp = if stamp {
                format!("10:00:{i:02} ")
            } else {
                String::new()
            };
            match i % 3 {
                0 => format!("{stamp}rg01> smtp get fastpath\n"),
                1 => format!("{stamp}on\n"),
                _ => format!("{stamp}OK Completed\n"),
            }
        };
        // Written before stamping began, or a session appended unstamped: stamped while most
        // prompts carry a stamp, not when most do not.
        let late =
            |unstamped: usize| -> String { (0..30).map(|i| line(i, i >= unstamped)).collect() };
        assert!(stamp_styles(&late(3)).is_some());
        assert!(stamp_styles(&late(15)).is_some());
        assert!(stamp_styles(&late(18)).is_none());
        let appended: String = (0..30).map(|i| line(i, i < 15)).collect();
        assert!(stamp_styles(&appended).is_some());
        assert_eq!(
            cleaned(&appended),
            (0..30).map(|i| line(i, false)).collect::<String>()
        );
        // One answer line a stamping program left bare does not unstamp a small log.
        let one_bare: String = (0..9).map(|i| line(i, i != 4)).collect();
        assert!(stamp_styles(&one_bare).is_some());
        // A log with no stamp in its first lines is not read to its end.
        let long: String = (0..3000).map(|i| line(i, false)).collect();
        assert!(stamp_evidence(&long, true).is_none());
        // A long answer of times under an unstamped prompt: the answer's own times.
        let answer: String = (0..30)
            .map(|i| format!("10:00:{i:02} delivered\n"))
            .collect();
        let log = format!("rg01> log view\n{answer}OK Completed\n");
        assert!(stamp_styles(&answer).is_some());
        assert!(stamp_styles(&log).is_none());
        assert!(stamp_styles("10:00:00 rg01> version\n").is_some());
        assert!(stamp_styles("rg01> date\n10:00:00 JST\n").is_none());
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
    fn a_line_too_long_to_replay_is_kept_as_it_is_and_counted() {
        let long = format!(
            "{}\x1b[1G\x1b[4h{}\n",
            "a".repeat(REPLAY_LIMIT),
            "b".repeat(10)
        );
        let (text, cleaning) = clean(format!("ok\n{long}"));
        assert_eq!(text, format!("ok\n{long}"));
        assert_eq!(
            (cleaning.unreplayed_lines, cleaning.first_unreplayed),
            (1, 2)
        );
    }

    #[test]
    fn osc_title_sequences_go() {
        assert_eq!(
            cleaned("\x1b]0;rg: admin\x07rg> version\n"),
            "rg> version\n"
        );
    }
}

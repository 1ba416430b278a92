//! The one sanitiser: how any text read from a capture is shown to a person, on one line or
//! on a terminal, so that no value can break a line, drive the terminal or pass for a CI
//! runner's command.

use std::fmt::Write;

/// Whether a character changes how text around it shows without showing itself: control
/// characters, the Unicode line and paragraph separators, the bidirectional controls, and the
/// characters that show nothing at all.
pub fn hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || bidi_control(c) || invisible(c)
}

/// Whether a character shows nothing and takes no room, so that two values that differ by it
/// look the same (`a@example.com` and `a\u{200b}@example.com` in a diff): the zero-width space
/// and joiners U+200B to U+200D, the word joiner and invisible operators U+2060 to U+2064, the
/// byte order mark U+FEFF, the soft hyphen U+00AD and the Mongolian vowel separator U+180E.
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    )
}

/// Whether a character is a bidirectional control, which reorders what a reader sees
/// (`U+202E` makes `gpj.exe` read `exe.jpg`, and a script line read in another order than it
/// runs): the embeddings and overrides U+202A to U+202E, the isolates U+2066 to U+2069, the
/// left-to-right and right-to-left marks U+200E and U+200F, and the Arabic letter mark U+061C.
pub fn bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text for a terminal: control characters other than line breaks and tabs (escape sequences,
/// carriage returns, bells) shown as visible escapes, so that no capture text can move the
/// cursor or rewrite what the user sees, and `##[` broken up so that no CI runner takes it for
/// a command. Messages keep their own lines.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| hidden(c) && !matches!(c, '\n' | '\t')) {
        return match text.contains("##[") {
            true => std::borrow::Cow::Owned(no_runner_command(text.to_string())),
            false => std::borrow::Cow::Borrowed(text),
        };
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(no_runner_command(out))
}

/// A writer for a terminal: what it is given is shown as [`terminal_safe`] shows text, so a
/// model written to a terminal (`show`) cannot drive it or reorder what the reader sees. A
/// character split between two writes is held until it is whole.
pub struct TerminalWriter<W: std::io::Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: std::io::Write> TerminalWriter<W> {
    /// A writer showing what it is given on `inner`.
    pub fn new(inner: W) -> TerminalWriter<W> {
        TerminalWriter {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes the first `upto` pending bytes, made terminal-safe.
    fn pass(&mut self, upto: usize) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(&self.pending[..upto]).into_owned();
        self.inner.write_all(terminal_safe(&text).as_bytes())?;
        self.pending.drain(..upto);
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for TerminalWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            // Only a character cut at the end waits for the next write.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        self.pass(whole)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let all = self.pending.len();
        self.pass(all)?;
        self.inner.flush()
    }
}

/// Every control character of `text` (newlines, CR, NUL, escape, DEL, the C1 controls and the
/// Unicode line and paragraph separators) as a visible escape, so a remark stays one remark.
/// A backslash is doubled, so an escape in the text cannot pass for one made here.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    no_runner_command(out)
}

/// The start of `text` that [`sanitize`] shows in at most `max` characters, cut between two
/// characters of `text`, so never inside an escape the sanitiser makes of one; `None` when it
/// shows the whole of `text` in `max` characters. A message quotes a long value by its start.
pub fn shown_start(text: &str, max: usize) -> Option<&str> {
    let mut shown = 0;
    // How many `#` come just before: a `[` after two is shown as `\[`.
    let mut hashes = 0;
    for (at, c) in text.char_indices() {
        let width = match c {
            '\\' | '\n' | '\r' | '\t' => 2,
            '[' if hashes >= 2 => 2,
            // `\u{...}`: its hexadecimal digits and four more.
            c if hidden(c) => (32 - (c as u32).leading_zeros()).div_ceil(4).max(1) as usize + 4,
            _ => 1,
        };
        hashes = if c == '#' { hashes + 1 } else { 0 };
        if shown + width > max {
            return Some(&text[..at]);
        }
        shown += width;
    }
    None
}

/// GitHub's runner reads `##[command]` anywhere in a line of a job's output: a capture's text
/// shown to a person is broken up there (`##\[`), so it can never stop or fake annotations.
fn no_runner_command(text: String) -> String {
    if text.contains("##[") {
        text.replace("##[", "##\\[")
    } else {
        text
    }
}

/// Text as one Markdown code span, whatever it holds: on one line (control characters as
/// escapes), fenced by more backticks than any run inside it, so no value can end the span
/// and go on as Markdown of its own.
pub(crate) fn code_span(text: &str) -> String {
    let text = sanitize(text);
    let fence = "`".repeat(longest_backtick_run(&text) + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The longest run of backticks in `text`: a Markdown code span or block fenced by more can
/// hold it whole.
pub(crate) fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// Whether `text`, with white space removed and case folded, starts with `prefix` (lower
/// case): a key block's sentinel as documents space it out (`#@Mirapoint - Key - 1.0`).
pub fn starts_squeezed(text: &str, prefix: &str) -> bool {
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(prefix.len())
        .flat_map(char::to_lowercase)
        .collect();
    squeezed == prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_span_holds_any_text() {
        assert_eq!(code_span("on"), "`on`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`` y"), "``` `x`` y ```");
        assert_eq!(code_span("a\nb"), "`a\\nb`");
    }

    #[test]
    fn terminal_text_keeps_its_lines_and_shows_control_characters() {
        assert_eq!(terminal_safe("a\n  b\tc"), "a\n  b\tc");
        assert_eq!(
            terminal_safe("host \u{1b}[2Jx\rOK\u{7}"),
            "host \\u{1b}[2Jx\\u{d}OK\\u{7}"
        );
    }

    #[test]
    fn a_terminal_writer_shows_text_as_terminal_safe_does_whatever_the_writes() {
        use std::io::Write as _;
        let text = "a\u{202e}b \u{1b}[2J 日本\n";
        for cut in 0..=text.len() {
            let mut out = Vec::new();
            let mut writer = TerminalWriter::new(&mut out);
            writer.write_all(&text.as_bytes()[..cut]).unwrap();
            writer.write_all(&text.as_bytes()[cut..]).unwrap();
            writer.flush().unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                terminal_safe(text),
                "{cut}"
            );
        }
    }

    #[test]
    fn a_start_is_cut_between_characters_and_shown_within_its_bound() {
        assert_eq!(shown_start("abc", 3), None);
        assert_eq!(shown_start("abcd", 3), Some("abc"));
        assert_eq!(shown_start("日本語の値", 2), Some("日本"));
        // An escape is shown whole or not at all, and the start is the longest that fits.
        let shown = |text: &str| sanitize(text).chars().count();
        for text in [
            "ab\u{202e}cd",
            "ab\ncd",
            "ab\\cd",
            "a##[cd",
            "ab\u{1b}[2J",
            "x\u{2028}y\u{85}",
        ] {
            for max in 0..=shown(text) + 1 {
                match shown_start(text, max) {
                    Some(start) => {
                        assert!(
                            text.starts_with(start) && shown(start) <= max,
                            "{text:?} {max}"
                        );
                        assert!(shown(text) > max, "{text:?} {max}");
                        let next = text[start.len()..].chars().next().unwrap();
                        let longer = &text[..start.len() + next.len_utf8()];
                        assert!(shown(longer) > max, "{text:?} {max}");
                    }
                    None => assert!(shown(text) <= max, "{text:?} {max}"),
                }
            }
        }
        assert_eq!(shown_start("ab\u{202e}cd", 9), Some("ab"));
        assert_eq!(shown_start("ab\u{202e}cd", 10), Some("ab\u{202e}"));
    }

    #[test]
    fn every_bidirectional_control_is_shown_as_an_escape() {
        let controls = [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}',
        ];
        for c in controls {
            let text = format!("gpj{c}.exe");
            let shown = terminal_safe(&text);
            assert_eq!(shown, format!("gpj\\u{{{:x}}}.exe", c as u32));
            assert!(!sanitize(&text).contains(c));
        }
        assert!(!bidi_control('\u{200b}') && !bidi_control('a') && !bidi_control('\u{05d0}'));
    }

    /// Two values that differ by a character that shows nothing are told apart wherever a
    /// person reads them; Japanese and accented text stays as it is.
    #[test]
    fn a_character_that_shows_nothing_is_shown_as_an_escape() {
        for c in [
            '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}',
        ] {
            let text = format!("a{c}@example.com");
            assert_eq!(
                terminal_safe(&text),
                format!("a\\u{{{:x}}}@example.com", c as u32)
            );
            assert!(!sanitize(&text).contains(c));
        }
        for plain in ["日本語のメッセージ", "café", "a\u{3000}b", "a\u{a0}b"] {
            assert_eq!(terminal_safe(plain), plain);
        }
    }
}

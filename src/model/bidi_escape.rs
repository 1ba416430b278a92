//! A writer that shows every bidirectional control as the RON escape `\u{202e}`, every other
//! character outside ASCII that the one sanitiser hides (a C1 control such as U+009B, a
//! zero-width space), and every ASCII control but the line break and the tab (a vertical tab,
//! a form feed, DEL): RON's own serializer writes them raw, and a raw U+202E in a stored file
//! or a textconv view reorders what a reviewer reads in `git diff` (a value that reads as
//! another), a control may drive the terminal that shows it, and a zero-width space makes two
//! values look the same. In a quoted string the
//! escape reads back as the control itself; in a raw one (a value holding `"` or `\`) as its
//! own characters, which is still what a reviewer should see, never the reordering.

use std::io::{self, Write};

/// Wraps `inner`; [`BidiEscaped::finish`] writes what is held back.
pub(crate) struct BidiEscaped<W: Write> {
    inner: W,
    /// The first bytes of a character a write ended inside (at most 2).
    held: Vec<u8>,
}

impl<W: Write> BidiEscaped<W> {
    pub(crate) fn new(inner: W) -> Self {
        BidiEscaped {
            inner,
            held: Vec::new(),
        }
    }

    /// Writes the bytes held back at the end, and flushes.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        let held = std::mem::take(&mut self.held);
        self.inner.write_all(&held)?;
        self.inner.flush()
    }
}

/// The first bytes of every hidden character outside ASCII: C1 controls and the soft hyphen
/// (0xc2), U+061C (0xd8), U+180E (0xe1), the bidi controls, zero-width characters and the
/// line and paragraph separators (0xe2), and U+FEFF (0xef).
const LEADS: [u8; 5] = [0xc2, 0xd8, 0xe1, 0xe2, 0xef];

/// The UTF-8 length of a character whose first byte is `first` (one of [`LEADS`]).
fn needed(first: u8) -> usize {
    if first < 0xe0 {
        2
    } else {
        3
    }
}

/// An ASCII control RON writes raw and a terminal may obey: all but the line break and the
/// tab, which lay a multi-line message out.
fn is_ascii_control(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f
}

/// Whether `bytes` are ASCII with no [`is_ascii_control`]: what most of a model is. Checked in
/// blocks with no early exit inside one, which the compiler turns into vector instructions.
fn is_plain(bytes: &[u8]) -> bool {
    bytes.chunks(64).all(|block| {
        let odd = block.iter().fold(false, |odd, &b| {
            odd | ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b >= 0x7f)
        });
        !odd
    })
}

/// Where the next byte of [`LEADS`] or [`is_ascii_control`] is in `bytes`.
fn next_lead(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .position(|&b| is_ascii_control(b) || LEADS.contains(&b))
}

/// The length of the hidden character `bytes` starts with, and the character, if it starts
/// with one.
fn control_at(bytes: &[u8]) -> Option<(usize, char)> {
    let len = needed(*bytes.first()?);
    let c = std::str::from_utf8(bytes.get(..len)?)
        .ok()?
        .chars()
        .next()?;
    crate::base::text::hidden(c).then_some((len, c))
}

/// Whether `tail` may be the start of a hidden character cut by the write's end.
fn may_start_control(tail: &[u8]) -> bool {
    tail.first().is_some_and(|b| LEADS.contains(b))
}

impl<W: Write> Write for BidiEscaped<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Most of a model is plain ASCII, which holds no hidden character: one pass tells.
        if self.held.is_empty() && is_plain(buf) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        // A character cut by the last write is rare: only then are bytes copied.
        let joined;
        let bytes: &[u8] = if self.held.is_empty() {
            buf
        } else {
            joined = [std::mem::take(&mut self.held).as_slice(), buf].concat();
            &joined
        };
        let mut start = 0;
        let mut i = 0;
        // Only ASCII controls and the lead bytes of a hidden character's encoding are looked at.
        while let Some(at) = next_lead(&bytes[i..]) {
            i += at;
            let b = bytes[i];
            if is_ascii_control(b) {
                self.inner.write_all(&bytes[start..i])?;
                write!(self.inner, "\\u{{{b:x}}}")?;
                i += 1;
                start = i;
                continue;
            }
            let rest = &bytes[i..];
            if rest.len() < needed(b) && may_start_control(rest) {
                self.inner.write_all(&bytes[start..i])?;
                self.held = rest.to_vec();
                return Ok(buf.len());
            }
            match control_at(rest) {
                Some((len, c)) => {
                    self.inner.write_all(&bytes[start..i])?;
                    write!(self.inner, "\\u{{{:x}}}", c as u32)?;
                    i += len;
                    start = i;
                }
                None => i += 1,
            }
        }
        self.inner.write_all(&bytes[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        let mut writer = BidiEscaped::new(&mut out);
        for chunk in chunks {
            writer.write_all(chunk).unwrap();
        }
        writer.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    /// `text` escaped as `want` whole, and written in two pieces cut at every byte.
    fn escaped_at_every_cut(text: &str, want: &str) {
        assert_eq!(escaped(&[text.as_bytes()]), want);
        let bytes = text.as_bytes();
        for cut in 0..bytes.len() {
            let parts = [&bytes[..cut], &bytes[cut..]];
            assert_eq!(escaped(&parts), want, "cut at {cut}");
        }
    }

    /// Every bidi control, C1 control and character that shows nothing; Japanese, full-width
    /// forms and accented letters (whose encodings share the lead bytes) stay as they are.
    #[test]
    fn every_hidden_character_is_escaped_even_when_a_write_cuts_it() {
        let text = "a\u{202e}b\u{2066}c\u{200f}d\u{061c}e ＠日本 \u{2028}\u{9b}2J\u{200b}f\u{feff}g\u{ad}h\u{180e}é";
        let want = "a\\u{202e}b\\u{2066}c\\u{200f}d\\u{61c}e ＠日本 \\u{2028}\\u{9b}2J\\u{200b}f\\u{feff}g\\u{ad}h\\u{180e}é";
        escaped_at_every_cut(text, want);
        let bytes = text.as_bytes();
        for cut in 0..bytes.len() - 1 {
            let parts = [&bytes[..cut], &bytes[cut..cut + 1], &bytes[cut + 1..]];
            assert_eq!(escaped(&parts), want, "cuts at {cut}");
        }
    }

    /// A vertical tab or form feed moves a terminal's cursor, DEL and the others show
    /// nothing: each is escaped; the line break and the tab lay messages out and stay.
    #[test]
    fn ascii_controls_are_escaped_but_line_breaks_and_tabs() {
        let text = "x\u{1}\u{b}\u{c}\u{1f}.jp\u{7f}\r\n\tOK \u{1b}[2J日本\u{b}";
        let want = "x\\u{1}\\u{b}\\u{c}\\u{1f}.jp\\u{7f}\\u{d}\n\tOK \\u{1b}[2J日本\\u{b}";
        escaped_at_every_cut(text, want);
        assert_eq!(
            escaped(&[b"(\n  a: \"b@x.jp\",\n)\t"]),
            "(\n  a: \"b@x.jp\",\n)\t"
        );
    }

    #[test]
    fn the_escape_reads_back_as_the_control_in_ron() {
        let value = "quota\u{202e}txt\u{9b}.exe\u{200b}\u{b}\u{7f}";
        let mut out = Vec::new();
        let mut writer = BidiEscaped::new(&mut out);
        ron::Options::default()
            .to_io_writer_pretty(&mut writer, &value, super::super::canonical::ron_layout())
            .unwrap();
        writer.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text.contains(['\u{202e}', '\u{9b}', '\u{200b}', '\u{b}', '\u{7f}']),
            "{text}"
        );
        assert_eq!(ron::from_str::<String>(&text).unwrap(), value);
    }
}

//! A writer that shows every bidirectional control as the RON escape `\u{202e}`: RON's own
//! serializer writes them raw, and a raw U+202E in a stored file or a textconv view reorders
//! what a reviewer reads in `git diff` (a value that reads as another). In a quoted string the
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

/// The UTF-8 length of a character whose first byte is `first` (0xe2 or 0xd8 here).
fn needed(first: u8) -> usize {
    if first == 0xd8 {
        2
    } else {
        3
    }
}

/// The length of the bidi control `bytes` starts with, and the control, if it starts with one.
fn control_at(bytes: &[u8]) -> Option<(usize, char)> {
    let len = needed(*bytes.first()?);
    let c = std::str::from_utf8(bytes.get(..len)?)
        .ok()?
        .chars()
        .next()?;
    crate::base::text::bidi_control(c).then_some((len, c))
}

/// Whether `tail` may be the start of a bidi control cut by the write's end.
fn may_start_control(tail: &[u8]) -> bool {
    matches!(tail, [0xe2] | [0xe2, 0x80] | [0xe2, 0x81] | [0xd8])
}

impl<W: Write> Write for BidiEscaped<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
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
        // Only the lead bytes of a bidi control's encoding are looked at, found with memchr.
        while let Some(at) = memchr::memchr2(0xe2, 0xd8, &bytes[i..]) {
            i += at;
            let b = bytes[i];
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

    #[test]
    fn every_bidi_control_is_escaped_even_when_a_write_cuts_it() {
        let text = "a\u{202e}b\u{2066}c\u{200f}d\u{061c}e ＠日本 \u{2028}";
        let want = "a\\u{202e}b\\u{2066}c\\u{200f}d\\u{61c}e ＠日本 \u{2028}";
        assert_eq!(escaped(&[text.as_bytes()]), want);
        let bytes = text.as_bytes();
        for cut in 0..bytes.len() {
            assert_eq!(
                escaped(&[&bytes[..cut], &bytes[cut..]]),
                want,
                "cut at {cut}"
            );
        }
        for cut in 0..bytes.len() - 1 {
            let parts = [&bytes[..cut], &bytes[cut..cut + 1], &bytes[cut + 1..]];
            assert_eq!(escaped(&parts), want, "cuts at {cut}");
        }
    }

    #[test]
    fn the_escape_reads_back_as_the_control_in_ron() {
        let value = "quota\u{202e}txt.exe";
        let mut out = Vec::new();
        let mut writer = BidiEscaped::new(&mut out);
        ron::Options::default()
            .to_io_writer_pretty(&mut writer, &value, super::super::canonical::ron_layout())
            .unwrap();
        writer.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\u{202e}'), "{text}");
        assert_eq!(ron::from_str::<String>(&text).unwrap(), value);
    }
}

//! Lines of a clean text, with their number and byte offset.

/// One line of the text, without its LF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the file.
    pub number: u32,
    /// Byte offset of the line's first byte in the text.
    pub start: usize,
    /// The line's text, without its LF.
    pub text: &'a str,
}

impl Line<'_> {
    /// Byte offset just past the line's last character (before its LF).
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Offset just past the line's LF, or the text's end for a last line without one.
    pub(crate) fn end_with_newline(&self, whole: &str) -> usize {
        let end = self.end();
        if whole.as_bytes().get(end) == Some(&b'\n') {
            end + 1
        } else {
            end
        }
    }
}

/// Splits `text[from..]` into lines, numbering from `first_number`. A text that ends with LF has
/// no empty line after it.
pub(crate) fn lines_from(
    text: &str,
    from: usize,
    first_number: u32,
) -> impl Iterator<Item = Line<'_>> + Clone {
    let mut start = from;
    let mut number = first_number;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let line = Line {
            number,
            start,
            text: &text[start..end],
        };
        start = end + 1;
        number += 1;
        Some(line)
    })
}

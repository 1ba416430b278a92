//! Bash words: single-quoted, or `$'...'` with escapes when the word holds a control
//! character, so every command stays on one line of the script.

use std::fmt::Write as _;

use super::Dialect;

/// The bash dialect: every argument one word, nothing expanded.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bash;

impl Dialect for Bash {
    fn quote(&self, arg: &str) -> Option<String> {
        if arg.contains('\0') {
            // No bash word can hold a NUL byte: it would silently cut the value.
            return None;
        }
        if !arg.chars().any(char::is_control) {
            return Some(format!("'{}'", arg.replace('\'', "'\\''")));
        }
        let mut out = String::with_capacity(arg.len() + 3);
        out.push_str("$'");
        for c in arg.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                c if c.is_ascii_control() => {
                    let _ = write!(out, "\\x{:02x}", c as u32);
                }
                // C1 controls as their UTF-8 bytes: `\u` would depend on the locale.
                c if c.is_control() => {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        let _ = write!(out, "\\x{b:02x}");
                    }
                }
                c => out.push(c),
            }
        }
        out.push('\'');
        Some(out)
    }

    fn pipes(&self) -> bool {
        true
    }
}

/// Percent-encoding of everything but RFC 3986's unreserved characters: for a URL path
/// segment (so `/`, `..`, `?` and `#` in a name stay inside its segment) and for form values.
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stay_on_one_line() {
        assert_eq!(Bash.quote("it's").unwrap(), r"'it'\''s'");
        assert_eq!(Bash.quote("a\nb'\\").unwrap(), r"$'a\x0ab\'\\'");
        assert_eq!(Bash.quote("a\0b"), None);
    }

    #[test]
    fn percent_encoding_keeps_a_name_in_its_segment() {
        assert_eq!(percent_encode("x/../a#?"), "x%2F..%2Fa%23%3F");
        assert_eq!(percent_encode("日"), "%E6%97%A5");
    }
}

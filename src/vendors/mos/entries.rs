//! A list entry as the MOS reader takes it, from a listing's answer or from the command that
//! adds or removes it. Look-alike characters a paste from a mail, a wiki or an input method
//! leaves (a full-width `＠`, a zero-width or no-break space) are read as the ASCII they look
//! like, with a warning on the line. An entry shaped like a paste (`mailto:`, a display name,
//! entries joined with `;` or `,`, a bullet, a space) is kept as the appliance holds it, with a
//! warning on the line: the appliance took it so, and only a person can say what was meant.

use std::borrow::Cow;

/// An entry as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Read<'a> {
    /// The entry, look-alikes read as ASCII: borrowed from the capture when reading changed
    /// nothing, so a list entry stays a span of the capture's text.
    pub text: Cow<'a, str>,
    /// Whether reading look-alikes as ASCII changed it.
    pub folded: bool,
    /// The shape of a paste it has, as the warning's selector.
    pub pasted: Option<&'static str>,
}

/// The entry `text` as read. An ASCII entry, the common case, holds no look-alike: it is
/// read without a copy.
pub(super) fn read(text: &str) -> Read<'_> {
    let trimmed = text.trim();
    if trimmed.is_ascii() {
        return Read {
            folded: false,
            pasted: if plainly_not_pasted(trimmed) {
                None
            } else {
                pasted_shape(trimmed)
            },
            text: Cow::Borrowed(trimmed),
        };
    }
    let folded = crate::source::fold_lookalikes(text);
    let folded_trimmed = folded.trim();
    Read {
        folded: folded_trimmed != trimmed,
        pasted: pasted_shape(folded_trimmed),
        text: Cow::Owned(folded_trimmed.to_string()),
    }
}

/// An ASCII entry with none of the bytes a paste's shape needs (`<`, `;`, `,`, white space)
/// and no `mailto:`: one pass over the bytes clears the common case.
fn plainly_not_pasted(ascii: &str) -> bool {
    let special = |b: &u8| matches!(b, b'<' | b';' | b',' | b' ' | b'\t'..=b'\r');
    !ascii.as_bytes().iter().any(special)
        && !ascii
            .as_bytes()
            .first()
            .is_some_and(|b| b.eq_ignore_ascii_case(&b'm'))
}

/// The shape of a paste an entry has: what a list copied from a mail, a ticket or a wiki
/// brings with it, which no address or domain holds.
fn pasted_shape(entry: &str) -> Option<&'static str> {
    let mailto = entry
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"));
    if mailto {
        Some("mailto")
    } else if entry.ends_with('>') && entry.contains('<') {
        Some("display-name")
    } else if ["•", "・", "- ", "* "].iter().any(|b| entry.starts_with(b)) {
        Some("bullet")
    } else if entry.contains([';', ',']) {
        Some("joined")
    } else if entry.contains(char::is_whitespace) {
        Some("space")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// The one-pass check never clears an entry the full check would name a shape for.
        #[test]
        fn the_fast_check_clears_only_what_has_no_shape(entry in "[ -~\t\n\x0b\x0c\r]{0,24}") {
            if plainly_not_pasted(&entry) {
                prop_assert_eq!(pasted_shape(&entry), None);
            }
        }
    }

    #[test]
    fn look_alikes_are_read_as_ascii_and_said() {
        let got = read("a\u{200b}＠example.co.jp");
        assert_eq!(got.text, "a@example.co.jp");
        assert!(got.folded);
        assert_eq!(got.pasted, None);
        let plain = read("@example.co.jp");
        assert!(!plain.folded && plain.pasted.is_none());
    }

    #[test]
    fn the_shapes_of_a_paste_are_named_and_the_entry_kept() {
        for (entry, shape) in [
            ("mailto:a@example.com", "mailto"),
            ("John Doe <a@example.com>", "display-name"),
            ("a@example.com; b@example.com", "joined"),
            ("a@example.com,b@example.com", "joined"),
            ("• a@example.com", "bullet"),
            ("a@example.com\u{a0}b", "space"),
            ("a@example.com\tb", "space"),
            ("a@example.com\x0bb", "space"),
            ("MAILTO:a@example.com", "mailto"),
            ("* a@example.com", "bullet"),
        ] {
            let got = read(entry);
            assert_eq!(got.pasted, Some(shape), "{entry}");
            assert!(got.text.contains("a@example.com"), "{entry}");
        }
    }
}

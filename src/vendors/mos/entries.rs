//! A list entry as the MOS reader takes it, from a listing's answer or from the command that
//! adds or removes it. Look-alike characters a paste from a mail, a wiki or an input method
//! leaves (a full-width `＠`, a zero-width or no-break space) are read as the ASCII they look
//! like, with a warning on the line. An entry shaped like a paste (`mailto:`, a display name,
//! entries joined with `;` or `,`, a bullet, a space) is kept as the appliance holds it, with a
//! warning on the line: the appliance took it so, and only a person can say what was meant.
//! White space around an entry is removed, with a warning: `@example.com` alone matches a
//! whole domain, where the appliance's entry with its space matched nothing. A listing's
//! entries are said once per kind ([`Warnings`]): with how many, at the first.

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
    /// Whether white space around it was removed: the appliance may hold it with the space
    /// (which matches nothing), and `@example.com` alone matches a whole domain.
    pub trimmed: bool,
}

/// What reading a list's entries found to say, by kind: look-alikes read as ASCII, and each
/// shape of a paste. Each kind is said once, with how many entries had it and the first of
/// them as an example, so a list of many pasted entries is one warning per kind, not one
/// line per entry.
#[derive(Debug, Default)]
pub(super) struct Warnings(Vec<Counted>);

/// One kind of warning over a list's entries: how many had it, and the first one's line and
/// text (as read).
#[derive(Debug)]
struct Counted {
    kind: Kind,
    count: u64,
    line: u32,
    first: String,
}

/// What an entry's warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Look-alike characters read as ASCII.
    Lookalike,
    /// The shape of a paste, as the message's selector.
    Pasted(&'static str),
    /// White space around it, removed.
    Trimmed,
}

impl Warnings {
    /// Counts what `read`, the entry on `line`, has to say.
    pub fn count(&mut self, read: &Read<'_>, line: u32) {
        if read.folded {
            self.add(Kind::Lookalike, &read.text, line);
        }
        if let Some(shape) = read.pasted {
            self.add(Kind::Pasted(shape), &read.text, line);
        }
        if read.trimmed {
            self.add(Kind::Trimmed, &read.text, line);
        }
    }

    /// Whether no entry had anything to say.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Counts what `other`, of later entries of the same list, found: its first entries stay
    /// first only where this had none of their kind.
    pub fn absorb(&mut self, other: Warnings) {
        for counted in other.0 {
            match self.0.iter_mut().find(|c| c.kind == counted.kind) {
                Some(kept) => kept.count += counted.count,
                None => self.0.push(counted),
            }
        }
    }

    fn add(&mut self, kind: Kind, text: &str, line: u32) {
        match self.0.iter_mut().find(|c| c.kind == kind) {
            Some(counted) => counted.count += 1,
            None => self.0.push(Counted {
                kind,
                count: 1,
                line,
                first: text.to_string(),
            }),
        }
    }

    /// The warnings, each at its first entry's line, in the order first met: one entry's as
    /// it is said of that entry alone, several entries' with their count, the first and the
    /// list's name (`primary/whitelistto`), so that two lists' warnings are never one.
    pub fn said(
        self,
        list: &str,
    ) -> impl Iterator<Item = (u32, crate::base::message::Message)> + use<'_> {
        self.0.into_iter().map(move |c| {
            let said = match (c.kind, c.count) {
                (Kind::Lookalike, 1) => {
                    crate::message!("reading-mos-entry-lookalike", entry = c.first)
                }
                (Kind::Lookalike, count) => crate::message!(
                    "reading-mos-entries-lookalike",
                    list = list,
                    count = count,
                    first = c.first
                ),
                (Kind::Pasted(shape), 1) => {
                    crate::message!("reading-mos-entry-pasted", entry = c.first, shape = shape)
                }
                (Kind::Pasted(shape), count) => crate::message!(
                    "reading-mos-entries-pasted",
                    list = list,
                    count = count,
                    first = c.first,
                    shape = shape
                ),
                (Kind::Trimmed, 1) => {
                    crate::message!("reading-mos-entry-trimmed", entry = c.first)
                }
                (Kind::Trimmed, count) => crate::message!(
                    "reading-mos-entries-trimmed",
                    list = list,
                    count = count,
                    first = c.first
                ),
            };
            (c.line, said)
        })
    }
}

/// The entry `text` as read. An ASCII entry, the common case, holds no look-alike: it is
/// read without a copy.
pub(super) fn read(text: &str) -> Read<'_> {
    let trimmed = text.trim();
    let around = trimmed.len() != text.len();
    if trimmed.is_ascii() {
        return Read {
            trimmed: around,
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
        trimmed: around,
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

//! Turning the shared word rules of `grammar/mos_words.pest` into [`Word`]s, for any MOS grammar.

use std::borrow::Cow;

use pest::iterators::Pair;
use pest::RuleType;

use super::Word;

/// The word rules every MOS grammar shares; implemented for each grammar's `Rule`.
pub(crate) trait WordRules: RuleType {
    const QUOTED: Self;
    const BARE: Self;
    const LITERAL: Self;
    const COUNT: Self;
    const PLUS: Self;
}

macro_rules! word_rules {
    ($rule:ty) => {
        impl $crate::vendors::mos::syntax::words::WordRules for $rule {
            const QUOTED: Self = <$rule>::quoted;
            const BARE: Self = <$rule>::bare;
            const LITERAL: Self = <$rule>::literal;
            const COUNT: Self = <$rule>::count;
            const PLUS: Self = <$rule>::plus;
        }
    };
}
pub(crate) use word_rules;

/// A literal marker, `{N}` or `{N+}`, at the end of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// The announced byte count; `u64::MAX` when the digits do not fit.
    pub count: u64,
    /// `{N+}`: sent by the client.
    pub client: bool,
    /// Byte offset of the `{` in the line.
    pub column_offset: usize,
}

/// The words (and trailing literal marker) among `pairs`, the inner pairs of a rule that holds
/// `fields`. Other pairs are passed over.
pub(crate) fn fields<'a, R: WordRules>(
    pairs: impl Iterator<Item = Pair<'a, R>>,
    line_start: usize,
) -> (Vec<Word<'a>>, Option<Marker>) {
    let mut words = Vec::new();
    let mut marker = None;
    for pair in pairs {
        let rule = pair.as_rule();
        if rule == R::QUOTED {
            let raw = pair.as_str();
            words.push(Word {
                text: unescape(&raw[1..raw.len() - 1]),
                quoted: true,
            });
        } else if rule == R::BARE {
            words.push(Word {
                text: Cow::Borrowed(pair.as_str()),
                quoted: false,
            });
        } else if rule == R::LITERAL {
            let offset = pair.as_span().start() - line_start;
            let mut count = u64::MAX;
            let mut client = false;
            for part in pair.into_inner() {
                if part.as_rule() == R::COUNT {
                    count = part.as_str().parse().unwrap_or(u64::MAX);
                } else if part.as_rule() == R::PLUS {
                    client = true;
                }
            }
            marker = Some(Marker {
                count,
                client,
                column_offset: offset,
            });
        }
    }
    (words, marker)
}

/// Undoes the protocol's two escapes, `\\` and `\"`. Any other backslash is kept as it is.
pub(crate) fn unescape(inner: &str) -> Cow<'_, str> {
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(e @ ('\\' | '"')) => out.push(e),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_knows_only_two_escapes() {
        assert_eq!(unescape(r#"a\"b\\c\n"#), r#"a"b\c\n"#);
        assert!(matches!(unescape("plain"), Cow::Borrowed("plain")));
    }
}

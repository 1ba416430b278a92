//! Domain names written in more than one form. An internationalised domain name has two: its
//! Unicode form (`例え.jp`, what an admin types and what a listing may show) and its ASCII
//! form (`xn--r8jz45g.jp`, what DNS and SMTP use). Both are one name, in any case
//! (`XN--R8JZ45G.jp` too); [`Name::key`] is what names compare by.
//!
//! Two different names are never made one: a name that does not convert exactly (punycode
//! that does not decode, `xn--zz.jp`; a character IDNA maps to another, as the full-width dot
//! of `例え．jp` or the Kelvin sign; a control character; a label too long for DNS) keeps the
//! form it was typed in, with ASCII letters in lower case. Most names are ASCII with no `xn--`
//! label: they have one form only, and cost a scan of their bytes.

use std::borrow::Cow;

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

/// The longest name worth converting: a DNS name is at most 253 bytes in its ASCII form, and
/// its Unicode form at most four bytes for each of those. A longer one stays as typed.
const LONGEST: usize = 1024;

/// The prefix of an ASCII label that holds an internationalised one (an A-label).
const ACE: &[u8] = b"xn--";

/// A domain name's forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name<'a> {
    /// What names compare by: the ASCII form in lower case, or the name as typed (ASCII
    /// letters in lower case) when it does not convert.
    pub key: Cow<'a, str>,
    /// The name in lower case, each label in the form it was typed in.
    pub written: Cow<'a, str>,
}

/// Whether a name has one form only: ASCII, with no label that starts `xn--` (in any case).
pub fn is_plain(name: &str) -> bool {
    name.is_ascii() && !name.split('.').any(|label| is_ace(label.as_bytes()))
}

fn is_ace(label: &[u8]) -> bool {
    label.len() >= ACE.len() && label[..ACE.len()].eq_ignore_ascii_case(ACE)
}

/// A name's forms. A plain name ([`is_plain`]) takes no conversion.
pub fn name(name: &str) -> Name<'_> {
    if is_plain(name) {
        let lower = ascii_lower(name);
        return Name {
            key: lower.clone(),
            written: lower,
        };
    }
    match convert(name) {
        Some((written, ascii)) => Name {
            key: Cow::Owned(ascii),
            written: Cow::Owned(written),
        },
        None => {
            let typed = ascii_lower(name);
            Name {
                key: typed.clone(),
                written: typed,
            }
        }
    }
}

/// A name in its ASCII form, in lower case; as typed (ASCII letters in lower case) when it
/// does not convert.
pub fn ascii(name: &str) -> Cow<'_, str> {
    self::name(name).key
}

fn ascii_lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// The name in lower case and its ASCII form, when each label of it is exactly one of the
/// two forms of an IDNA label: an ASCII label its own A-label, any other a U-label whose
/// A-label starts `xn--`; letters, digits and hyphens only (no `_`, quote or space). IDNA's
/// mappings (a full-width letter or dot to its ASCII twin, a soft hyphen to nothing) would
/// make one name of two the appliance holds apart: a name that needs one is not converted.
fn convert(name: &str) -> Option<(String, String)> {
    if name.len() > LONGEST {
        return None;
    }
    let typed: Vec<(&str, String)> = name.split('.').map(|t| (t, t.to_lowercase())).collect();
    let lower = typed
        .iter()
        .map(|(_, l)| l.as_str())
        .collect::<Vec<_>>()
        .join(".");
    let uts46 = Uts46::new();
    let (deny, hyphens) = (AsciiDenyList::STD3, Hyphens::Allow);
    let length = DnsLength::VerifyAllowRootDot;
    let ascii = uts46
        .to_ascii(lower.as_bytes(), deny, hyphens, length)
        .ok()?;
    let ascii = ascii.into_owned();
    let (unicode, decoded) = uts46.to_unicode(ascii.as_bytes(), deny, hyphens);
    decoded.ok()?;
    let labels: Vec<&str> = ascii.split('.').collect();
    let unicode: Vec<&str> = unicode.split('.').collect();
    if typed.len() != labels.len() || typed.len() != unicode.len() {
        return None;
    }
    let exact = typed
        .iter()
        .zip(&labels)
        .zip(&unicode)
        .all(|(((t, l), a), u)| {
            if t.is_ascii() {
                l == a
            } else {
                l == u && is_ace(a.as_bytes())
            }
        });
    exact.then_some((lower, ascii))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: &str) -> String {
        name(n).key.into_owned()
    }

    #[test]
    fn both_forms_are_one_name() {
        assert_eq!(key("例え.jp"), "xn--r8jz45g.jp");
        assert_eq!(key("xn--r8jz45g.jp"), "xn--r8jz45g.jp");
        assert_eq!(key("XN--R8JZ45G.JP"), "xn--r8jz45g.jp");
        assert_eq!(key("例え.JP"), "xn--r8jz45g.jp");
        assert_eq!(key("Bücher.Example"), "xn--bcher-kva.example");
        assert_eq!(key("BÜCHER.example"), "xn--bcher-kva.example");
        assert_eq!(key("xn--Bcher-kva.example"), "xn--bcher-kva.example");
        assert_eq!(key("münchen.de"), "xn--mnchen-3ya.de");
        assert_eq!(key("例え.xn--r8jz45g.jp"), "xn--r8jz45g.xn--r8jz45g.jp");
    }

    #[test]
    fn the_written_form_is_the_typed_one_in_lower_case() {
        assert_eq!(name("BÜCHER.Example").written, "bücher.example");
        assert_eq!(name("XN--R8JZ45G.jp").written, "xn--r8jz45g.jp");
        assert_eq!(name("例え.jp").written, "例え.jp");
        assert_eq!(name("Example.COM").written, "example.com");
    }

    #[test]
    fn plain_names_are_borrowed() {
        assert!(is_plain("branch0001.example.co.jp"));
        assert!(!is_plain("a.XN--r8jz45g.jp"));
        assert!(!is_plain("例え.jp"));
        assert!(is_plain("axn--b.jp"), "xn-- inside a label is no A-label");
        assert!(matches!(name("example.jp").key, Cow::Borrowed(_)));
        assert!(matches!(name("example.jp").written, Cow::Borrowed(_)));
    }

    /// Names that do not convert exactly stay as typed, and so stay apart from every other.
    #[test]
    fn names_that_do_not_convert_stay_as_typed() {
        let long = format!("{}.jp", "例".repeat(100));
        let huge = format!("{}.jp", "例".repeat(100_000));
        for typed in [
            "xn--zz.jp",
            "xn--.jp",
            "xn--a.jp",
            "xn--abc-.jp",
            "例え．jp",
            "例え。jp",
            "ｅｘａｍｐｌｅ.jp",
            "\u{212a}.example",
            "bü\u{ad}cher.example",
            "bu\u{308}cher.example",
            "例\0え.jp",
            "例え\n.jp",
            "\"例え\".jp",
            "a_b.例え .jp",
            long.as_str(),
            huge.as_str(),
        ] {
            let n = name(typed);
            assert_eq!(n.key, typed.to_ascii_lowercase(), "{typed:?}");
            assert_eq!(n.written, n.key, "{typed:?}");
        }
        assert_eq!(key("XN--ZZ.JP"), "xn--zz.jp");
    }

    #[test]
    fn distinct_names_keep_distinct_keys() {
        let names = [
            "paypal.com",
            "pаypal.com",
            "例え.jp",
            "例え．jp",
            "xn--zz.jp",
            "example.jp",
            "ｅｘａｍｐｌｅ.jp",
            "k.example",
            "\u{212a}.example",
            "bücher.example",
            "bu\u{308}cher.example",
            "bü\u{ad}cher.example",
            "σας.gr",
            "σασ.gr",
        ];
        let keys: std::collections::BTreeSet<String> = names.iter().map(|n| key(n)).collect();
        assert_eq!(keys.len(), names.len(), "{keys:?}");
        // Mixed scripts are one name with their own ASCII form, never the Latin look-alike.
        assert_eq!(key("pаypal.com"), key("xn--pypal-4ve.com"));
        // Upper case is lowered as Unicode lowers it: a final sigma stays one.
        assert_eq!(key("ΣΑΣ.gr"), key("σας.gr"));
    }
}

//! Typed values: booleans, byte sizes, enums, text, secrets, versions.

use std::cmp::Ordering;
use std::fmt;

use serde::{Serialize, Serializer};

/// A setting's value, typed by the vendor catalog.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Value {
    /// On or off.
    Bool(bool),
    /// A size in bytes.
    Bytes(u64),
    /// A whole number.
    Int(i64),
    /// One of a fixed set of words, case-folded.
    Enum(String),
    /// Free text, as written.
    Text(String),
    /// Text never shown unless the user asks.
    Secret(Secret),
}

/// Text that must not be shown unless the user asks: private keys, passwords, session ids.
/// It serializes as `<secret>`; [`super::Config::reveal_secrets`] turns it into text.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<secret>")
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("<secret>")
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(true) => f.write_str("on"),
            Value::Bool(false) => f.write_str("off"),
            Value::Bytes(n) => write!(f, "{n}"),
            Value::Int(n) => write!(f, "{n}"),
            Value::Enum(s) | Value::Text(s) => f.write_str(s),
            Value::Secret(_) => f.write_str("<secret>"),
        }
    }
}

/// A MOS or SpamTitan version: `4.2.3-GA`, `4.1.10`, `7.09`, `7.08 build 1234`. Compared by
/// number. Its tag is kept in capitals, whatever case it was written in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version {
    /// The numbers, `[7, 8]` for `7.08`.
    pub numbers: Vec<u32>,
    /// What follows the numbers (`GA`), if anything; a build number is not a tag.
    pub tag: String,
    /// The build number SpamTitan prints after the version (`7.08 build 1234`), if any. It is
    /// not part of the version's text: a build of 7.08 runs 7.08.
    pub build: Option<u32>,
    /// The version as written, without a product name or build: `7.08` keeps its zero.
    pub text: String,
}

impl Version {
    /// Whether two readings name one release: the same numbers, and the same tag where both
    /// have one (an admind greeting says `4.1.9` of what the CLI calls `4.1.9-GA`).
    pub fn same_release(&self, other: &Version) -> bool {
        self.numbers == other.numbers
            && (self.tag.is_empty()
                || other.tag.is_empty()
                || self.tag.eq_ignore_ascii_case(&other.tag))
    }

    /// Reads `MOS4.2.3-GA`, `4.2.3-GA`, `4.1.10`, `7.09`, `7.08.2`, `7.08 build 1234` or
    /// `SpamTitan Gateway 7.08` (a leading product name is dropped; a build number is kept
    /// apart from the text).
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim();
        let start = text.find(|c: char| c.is_ascii_digit())?;
        let rest = &text[start..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let written = rest[..end].trim_end_matches('.');
        let numbers = written
            .split('.')
            .map(|n| n.parse().ok())
            .collect::<Option<Vec<u32>>>()?;
        let (tag, build) = tag_and_build(&rest[end..]);
        // A tag's case is no part of the release (`4.2.3-ga` is `4.2.3-GA`): written in
        // capitals, as MOS prints it, so that the text, equality and `diff` agree.
        let tag = tag.to_ascii_uppercase();
        let text = if tag.is_empty() {
            written.to_string()
        } else {
            format!("{written}-{tag}")
        };
        Some(Version {
            numbers,
            tag,
            build,
            text,
        })
    }
}

/// What follows a version's numbers: a tag (`-GA`), a build (` build 1234`, `(build 1234)`,
/// `-build1234`), or both (`-GA build 7`).
fn tag_and_build(after: &str) -> (String, Option<u32>) {
    let after = after.trim_start_matches(['-', ' ']);
    let lower = after.to_ascii_lowercase();
    let Some(at) = lower.find("build") else {
        return (after.trim().to_string(), None);
    };
    let digits: String = after[at + "build".len()..]
        .trim_start_matches([' ', ':', '#'])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    match digits.parse() {
        Ok(build) => {
            let tag = after[..at].trim_end_matches(['-', ' ', '(']).trim();
            (tag.to_string(), Some(build))
        }
        Err(_) => (after.trim().to_string(), None),
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let len = self.numbers.len().max(other.numbers.len());
        let at = |v: &Version, i: usize| v.numbers.get(i).copied().unwrap_or(0);
        (0..len)
            .map(|i| at(self, i).cmp(&at(other, i)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A text value of a field named `name`: a secret when `names` says the name is one.
pub(crate) fn named_text(
    names: &crate::base::secrets::SecretNames,
    name: &str,
    text: String,
) -> Value {
    if names.matches(name) {
        Value::Secret(Secret(text))
    } else {
        Value::Text(text)
    }
}

/// A list entry in canonical form (an address, `@domain`, `@*.domain`, `@.domain`): trimmed,
/// the domain part case-folded.
pub fn canonical_entry(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.trim();
    let fold_from = memchr::memrchr(b'@', text.as_bytes()).unwrap_or(0);
    if !text[fold_from..].bytes().any(|b| b.is_ascii_uppercase()) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(format!(
        "{}{}",
        &text[..fold_from],
        text[fold_from..].to_ascii_lowercase()
    ))
}

/// A key block in canonical form: sentinels without the spaces documents put in them, no blank
/// lines, no trailing blanks. Returns the block and whether lines were elided (`~~~~~`).
pub(crate) fn normalize_key_block(lines: &[&str]) -> (String, bool) {
    let mut out = Vec::new();
    let mut elided = false;
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("#@") {
            out.push(line.split_whitespace().collect::<String>());
        } else {
            elided |= line.chars().all(|c| c == '~') || line == "...";
            out.push(line.to_string());
        }
    }
    (out.join("\n"), elided)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_number() {
        let v = |s| Version::parse(s).unwrap();
        assert!(v("MOS4.1.10") > v("4.1.9"));
        assert!(v("4.2.3-GA") > v("4.2.2"));
        assert_eq!(v("MOS4.2.3-GA").to_string(), "4.2.3-GA");
        assert_eq!(v("7.09").numbers, vec![7, 9]);
        assert_eq!(v("7.09").to_string(), "7.09");
        assert!(v("7.09") > v("7.08"));
        assert_eq!(Version::parse("no digits"), None);
    }

    #[test]
    fn every_form_spamtitan_prints_reads_as_its_version() {
        let v = |s| Version::parse(s).unwrap();
        for (written, numbers, text, build) in [
            ("7.08", vec![7, 8], "7.08", None),
            ("7.08\n", vec![7, 8], "7.08", None),
            ("7.08.2", vec![7, 8, 2], "7.08.2", None),
            ("7.08 build 1234", vec![7, 8], "7.08", Some(1234)),
            ("7.08 (build 1234)", vec![7, 8], "7.08", Some(1234)),
            ("7.08-build1234", vec![7, 8], "7.08", Some(1234)),
            ("SpamTitan Gateway 7.08", vec![7, 8], "7.08", None),
            (
                "SpamTitan Gateway 7.08 build 55",
                vec![7, 8],
                "7.08",
                Some(55),
            ),
        ] {
            let version = v(written);
            assert_eq!(version.numbers, numbers, "{written:?}");
            assert_eq!(version.to_string(), text, "{written:?}");
            assert_eq!(version.build, build, "{written:?}");
            assert!(version.tag.is_empty(), "{written:?}");
        }
        assert_eq!(v("7.08 build 1234").cmp(&v("7.08")), Ordering::Equal);
        assert!(v("7.08.2") > v("7.08") && v("7.09") > v("7.08.2"));
    }

    #[test]
    fn mos_forms_keep_their_tag() {
        let v = |s| Version::parse(s).unwrap();
        for written in ["MOS4.2.3-GA", "4.2.3-GA", "MOS 4.2.3-GA"] {
            let version = v(written);
            assert_eq!(version.numbers, vec![4, 2, 3], "{written:?}");
            assert_eq!(version.tag, "GA", "{written:?}");
            assert_eq!(version.to_string(), "4.2.3-GA", "{written:?}");
            assert_eq!(version.build, None);
        }
        assert_eq!(v("4.1.10").to_string(), "4.1.10");
        // A tag's case is no change: one text, one version.
        assert_eq!(v("mos4.2.3-ga").to_string(), "4.2.3-GA");
        assert_eq!(v("mos4.2.3-ga"), v("MOS4.2.3-GA"));
        assert_eq!(v("4.2.3-Beta2 build 9").to_string(), "4.2.3-BETA2");
        assert_eq!(v("4.2.3-GA build 9").tag, "GA");
        assert_eq!(v("4.2.3-GA build 9").build, Some(9));
    }

    #[test]
    fn key_sentinels_lose_their_spaces() {
        let (block, elided) = normalize_key_block(&[
            "#@Mirapoint - Key - 1.0",
            "QUJD",
            "~~~~~",
            "#@Mirapoint - Key - End",
        ]);
        assert_eq!(
            block,
            "#@Mirapoint-Key-1.0\nQUJD\n~~~~~\n#@Mirapoint-Key-End"
        );
        assert!(elided);
    }
}

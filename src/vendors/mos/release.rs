//! The release a MOS `version` answer names. The one attested answer is `MOS4.2.3-GA` (the
//! 4.2.3 release note: the upgrade is done when `version` prints it). Patches are packages of
//! their own, installed with `update install` after the upgrade and listed (or not) by
//! `update list`; no public source shows a patch or a build in the `version` answer. So an
//! answer with more after the release (`MOS4.2.3-GA-P1`, `MOS 4.2.3-GA (build 1234)`) is read
//! as that release, the rest left out and said by the caller; an answer of any other shape is
//! no version.

use crate::model::Version;

/// Longer than this, an answer is no version: a release and a build fit many times over.
const LONGEST: usize = 64;

/// A `version` answer read as a release.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Release<'a> {
    /// The release (`4.2.3-GA`), with the build number when the answer gives one.
    pub version: Version,
    /// What the answer has after the release (`-P1`, `(build 1234)`), left out of it.
    pub more: Option<&'a str>,
}

/// Reads `answer`: an optional `MOS`, the release's numbers (two at least), an optional tag
/// (`-GA`), then nothing, or a suffix joined to it (`-P1`), a build right after the release
/// or the suffix (`build 1234`, in parentheses or not), or both, which are no part of the
/// release. Anything else (prose before a build too) is no version.
pub(super) fn read(answer: &str) -> Option<Release<'_>> {
    let text = answer.trim();
    if text.len() > LONGEST {
        return None;
    }
    let rest = strip_product(text);
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let numbers = &rest[..end];
    if !are_release_numbers(numbers) {
        return None;
    }
    let (tag, after) = tag(&rest[end..]);
    let build = match after[suffix_end(after)..].trim() {
        "" => None,
        phrase => Some(build_number(phrase)?),
    };
    let release = match tag {
        "" => numbers.to_string(),
        tag => format!("{numbers}-{tag}"),
    };
    let mut version = Version::parse(&release)?;
    version.build = build;
    let more = Some(after.trim()).filter(|m| !m.is_empty());
    Some(Release { version, more })
}

/// The text after a leading product name, `MOS` (any case), and the white space after it.
fn strip_product(text: &str) -> &str {
    match text.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("mos") => text[3..].trim_start(),
        _ => text,
    }
}

/// `4.2.3`, `4.1.10`: numbers joined by single dots, two at least, each a number.
fn are_release_numbers(numbers: &str) -> bool {
    let parts: Vec<&str> = numbers.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.parse::<u32>().is_ok())
}

/// The tag joined to the numbers by a hyphen (`GA`, `Beta2`: a letter, then letters and
/// digits; a build is no tag), and the text after it.
fn tag(after: &str) -> (&str, &str) {
    let Some(word) = after.strip_prefix('-') else {
        return ("", after);
    };
    let end = word
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(word.len());
    let tag = &word[..end];
    let starts_with_letter = tag.starts_with(|c: char| c.is_ascii_alphabetic());
    if starts_with_letter && !is_build_word(tag) {
        (tag, &word[end..])
    } else {
        ("", after)
    }
}

/// Whether `word` starts with `build` (any case): `build`, `build1234`.
fn is_build_word(word: &str) -> bool {
    word.get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("build"))
}

/// Where the suffixes joined to the release by hyphens (`-P1`, `-P1-hotfix2`) end in the
/// text after it; a build (`-build1234`) is no suffix.
fn suffix_end(after: &str) -> usize {
    let mut rest = after;
    while let Some(word) = rest.strip_prefix('-') {
        let end = word
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(word.len());
        if end == 0 || is_build_word(&word[..end]) {
            break;
        }
        rest = &word[end..];
    }
    after.len() - rest.len()
}

/// The number of a build phrase that is the whole of `text` (`build 1234`, `(build 1234)`,
/// `-build1234`, `build: 7`, `build #7`), if it is one; else `None`. Nothing but a hyphen, an
/// opening parenthesis or white space may come before `build`: `rebuild 7` or prose ending in
/// `build 7` is no build.
fn build_number(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    let at = lower.rfind("build")?;
    let before = lower[..at].trim_end_matches([' ', '(', '-']);
    let phrase = lower[at + "build".len()..].trim_end_matches(')');
    let digits = phrase.trim_start_matches([' ', ':', '#']);
    let whole = digits.bytes().all(|b| b.is_ascii_digit());
    // Parentheses around the build only, both or neither.
    let opened = lower[..at].trim_end().ends_with('(');
    let closed = text.ends_with(')');
    if !whole || !before.is_empty() || opened != closed {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_as(answer: &str) -> Option<(String, Option<u32>, Option<&str>)> {
        read(answer).map(|r| (r.version.to_string(), r.version.build, r.more))
    }

    #[test]
    fn the_attested_answer_is_its_release_and_nothing_more() {
        assert_eq!(
            read_as("MOS4.2.3-GA"),
            Some(("4.2.3-GA".into(), None, None))
        );
        assert_eq!(
            read_as("  MOS 4.1.10-GA "),
            Some(("4.1.10-GA".into(), None, None))
        );
        assert_eq!(read_as("4.1.9-GA"), Some(("4.1.9-GA".into(), None, None)));
        assert_eq!(read_as("mos4.2.3"), Some(("4.2.3".into(), None, None)));
    }

    #[test]
    fn a_patch_or_a_build_after_the_release_is_no_part_of_it() {
        let more = |m| Some(("4.2.3-GA".to_string(), None, Some(m)));
        assert_eq!(read_as("MOS4.2.3-GA-P1"), more("-P1"));
        assert_eq!(read_as("MOS4.2.3-GA-P1-hotfix2"), more("-P1-hotfix2"));
        let built = |m| Some(("4.2.3-GA".to_string(), Some(1234), Some(m)));
        assert_eq!(read_as("MOS 4.2.3-GA (build 1234)"), built("(build 1234)"));
        assert_eq!(read_as("MOS4.2.3-GA build 1234"), built("build 1234"));
        assert_eq!(read_as("MOS4.2.3-GA-build1234"), built("-build1234"));
        assert_eq!(
            read_as("MOS4.2.3-GA-P1 (build 1234)"),
            built("-P1 (build 1234)")
        );
        assert_eq!(
            read_as("MOS4.2.3 build: 7"),
            Some(("4.2.3".into(), Some(7), Some("build: 7")))
        );
    }

    #[test]
    fn an_answer_of_another_shape_is_no_version() {
        for answer in [
            "",
            "MOS",
            "4",
            "2011",
            "MOS4",
            "4..2",
            "4.2.",
            ".4.2",
            "Unknown command",
            "MOS4.2.3-GA is not installed",
            "MOS4.2.3-GA (build 1234",
            "MOS4.2.3-GA build 1234)",
            "MOS4.2.3-GA build",
            "MOS4.2.3-GA build 12x",
            "MOS4.2.3-GA -",
            "MOS4.2.3-GA-",
            "MOS4.2.3-GA-P1 extra",
            "MOS4.2.3-GA is not installed; rebuild 7",
            "MOS4.2.2-GA upgrade to 4.2.3 pending build 7",
            "MOS4.2.3-GA-P1 pending build 7",
            "MOS4.2.3-GA rebuild 7",
            "MOS4.2.3-GA -P1",
            "MOS4.2.3_GA",
            "MOS4.2.3-GA \"P1\"",
            "MOS4.2.3-GA\u{0}",
            "MOS4.2.3-ＧＡ",
            "ＭＯＳ４.２.３",
            "version 4.2.3-GA",
            "4.2.99999999999-GA",
            "2011-06-16",
        ] {
            assert_eq!(read_as(answer), None, "{answer:?}");
        }
        let long = format!("MOS4.2.3-GA-{}", "P".repeat(LONGEST));
        assert_eq!(read_as(&long), None);
    }
}

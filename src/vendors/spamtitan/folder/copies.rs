//! Copies of capture files that a browser, a file manager or Windows Explorer named: `whitelist
//! (1).txt` (a second download), `blacklist.txt.txt` (an extension added to one already
//! there), `VERSION` (one taken away), `Domains - Copy.csv`. A copy is read as the file it
//! stands for, with a note, when that file is absent; when both are there, equal ones are read
//! once with a note, and different ones are an error that names both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::base::error::Error;
use crate::base::message::Message;

use super::super::names::{classify, FileKind};

/// What to do with the copies among a folder's files.
#[derive(Default)]
pub(super) struct Copies {
    /// Files not read, and the note that says why.
    pub skipped: BTreeMap<PathBuf, Message>,
    /// Files read as another name (the one they stand for), with the note that says so.
    pub read_as: BTreeMap<PathBuf, (String, Message)>,
}

/// Extensions capture files have; a second one after the first was added by a tool.
const EXTENSIONS: &[&str] = &[".txt", ".csv", ".json", ".xml", ".log"];

/// Files saved without their extension, and the one they had.
const BARE_NAMES: &[(&str, &str)] = &[("version", "version.txt"), ("hostname", "hostname.txt")];

/// The name a copy stands for, when `name` is one by its form.
fn original_name(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    if let Some((_, full)) = BARE_NAMES.iter().find(|(bare, _)| *bare == lower) {
        return Some(full.to_string());
    }
    let mut out = lower.clone();
    if let Some(doubled) = EXTENSIONS.iter().find_map(|e| out.strip_suffix(e)) {
        if EXTENSIONS.iter().any(|e| doubled.ends_with(e)) {
            out = doubled.to_string();
        }
    }
    let (stem, ext) = out.rsplit_once('.').unwrap_or((&out, ""));
    let stem = stem.trim_end();
    let stem = strip_copy_mark(stem).unwrap_or(stem);
    let out = if ext.is_empty() {
        stem.to_string()
    } else {
        format!("{stem}.{ext}")
    };
    (out != lower).then_some(out)
}

/// A stem without the mark a copy got: ` (1)`, `(2)`, ` - Copy`, ` - Copy (2)`, ` copy`.
fn strip_copy_mark(stem: &str) -> Option<&str> {
    let mut rest = stem;
    if let Some(open) = rest
        .strip_suffix(')')
        .and_then(|r| r.rfind('(').map(|i| (r, i)))
    {
        let (inner, at) = open;
        if inner[at + 1..].chars().all(|c| c.is_ascii_digit()) && at + 1 < inner.len() {
            rest = inner[..at].trim_end();
        }
    }
    for mark in [" - copy", " copy", "-copy", "_copy"] {
        if let Some(r) = rest.strip_suffix(mark) {
            rest = r.trim_end();
        }
    }
    (rest.len() < stem.len() && !rest.is_empty()).then_some(rest)
}

/// The path as the capture file it stands for, `/`-separated and lower-cased, when it is a
/// copy or a case variant of a known kind of file.
fn stands_for(relative: &str) -> Option<String> {
    let lower = relative.to_lowercase();
    let (dir, name) = lower
        .rsplit_once('/')
        .map_or(("", lower.as_str()), |(d, n)| (d, n));
    let original = original_name(name).unwrap_or_else(|| name.to_string());
    let path = if dir.is_empty() {
        original
    } else {
        format!("{dir}/{original}")
    };
    (!matches!(classify(&path), FileKind::Unknown | FileKind::Junk(_))).then_some(path)
}

/// Sorts the copies among `files` (paths under `dir`): which to skip, which to read under
/// another name; copies that differ from each other are problems.
pub(super) fn sort(dir: &Path, files: &[PathBuf], problems: &mut Vec<Error>) -> Copies {
    let mut groups: BTreeMap<String, Vec<(&PathBuf, String)>> = BTreeMap::new();
    for path in files.iter().filter(|p| p.is_file()) {
        let relative = super::relative(dir, path);
        if let Some(original) = stands_for(&relative) {
            groups.entry(original).or_default().push((path, relative));
        }
    }
    let mut copies = Copies::default();
    for (original, group) in groups {
        // The file named as expected comes first; among copies, path order.
        let mut group = group;
        group.sort_by_key(|(_, relative)| relative.to_lowercase() != original);
        let (first, first_name) = &group[0];
        if group.len() == 1 {
            if first_name.to_lowercase() != original {
                let said = crate::message!(
                    "reading-st-copy-read-as",
                    file = first_name.as_str(),
                    original = original.as_str()
                );
                copies.read_as.insert((*first).clone(), (original, said));
            }
            continue;
        }
        let bytes = |p: &Path| std::fs::read(p).ok();
        let kept = bytes(first);
        for (path, name) in &group[1..] {
            if bytes(path) == kept {
                let said = crate::message!(
                    "reading-st-copy-same",
                    file = name.as_str(),
                    original = first_name.as_str()
                );
                copies.skipped.insert((*path).clone(), said);
            } else {
                let said = crate::message!(
                    "reading-st-copies-differ",
                    file = name.as_str(),
                    original = first_name.as_str()
                );
                problems.push(Error::file(path.display().to_string(), said));
            }
        }
        if first_name.to_lowercase() != original {
            let said = crate::message!(
                "reading-st-copy-read-as",
                file = first_name.as_str(),
                original = original.as_str()
            );
            copies.read_as.insert((*first).clone(), (original, said));
        }
    }
    copies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_stand_for_their_original() {
        for (copy, original) in [
            ("whitelist (1).txt", "whitelist.txt"),
            ("blacklist.txt.txt", "blacklist.txt"),
            ("VERSION", "version.txt"),
            ("domains.csv.txt", "domains.csv"),
            ("Domains - Copy.csv", "domains.csv"),
            ("allow(2).xml", "allow.xml"),
        ] {
            assert_eq!(original_name(copy).as_deref(), Some(original), "{copy}");
        }
        assert_eq!(original_name("whitelist.txt"), None);
        assert_eq!(original_name("(1).txt"), None);
    }

    #[test]
    fn only_known_files_count() {
        assert_eq!(
            stands_for("lists/global/Whitelist (1).txt").as_deref(),
            Some("lists/global/whitelist.txt")
        );
        assert_eq!(stands_for("notes (1).txt"), None);
        assert_eq!(stands_for("VERSION.TXT").as_deref(), Some("version.txt"));
    }
}

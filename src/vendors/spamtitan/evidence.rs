//! Whether a directory is a SpamTitan capture, on evidence from the whole folder rather than
//! one file name: its top-level names compared without case, what the version file and the
//! domains CSV hold, and the `lists/` and `api/` layout. Only the folder's own top level
//! counts, so a folder of captures is not taken for one capture.

use std::path::Path;

use crate::base::message::Message;
use crate::message;

use super::names::{classify, FileKind};

/// The smallest score that claims a folder: a version file that holds a version, or a domains
/// CSV, or the lists and API layout together.
pub const CLAIM_AT: u32 = 30;

/// How strongly a folder looks like a capture, out of 100, and what was found.
pub fn score(dir: &Path) -> (u32, Vec<Message>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (0, Vec::new());
    };
    let mut score = 0;
    let mut found = Vec::new();
    let mut add = |points: u32, what: Message| {
        if !found.contains(&what) {
            score += points;
            found.push(what);
        }
    };
    for entry in entries.flatten().take(1000) {
        let name = entry.file_name().to_string_lossy().to_string();
        let path = entry.path();
        if path.is_dir() {
            match name.to_lowercase().as_str() {
                "lists" if holds_any(&path, &["global", "domain", "user"]) => {
                    add(25, message!("st-evidence-lists"))
                }
                "api" if holds_json(&path) => add(20, message!("st-evidence-api")),
                _ => {}
            }
            continue;
        }
        match classify(&name) {
            FileKind::Version if head_parses_as_version(&path) => {
                add(40, message!("st-evidence-version"))
            }
            FileKind::Version => add(15, message!("st-evidence-version-name")),
            FileKind::DomainsCsv if domain_rows(&path) => add(40, message!("st-evidence-domains")),
            FileKind::DomainsCsv => add(30, message!("st-evidence-domains-name")),
            FileKind::UpdateLog => add(10, message!("st-evidence-update-log")),
            FileKind::Hostname => add(5, message!("st-evidence-hostname")),
            _ => {}
        }
    }
    (score.min(100), found)
}

fn head(path: &Path) -> String {
    use std::io::Read;
    let mut bytes = Vec::new();
    let _ = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut bytes));
    String::from_utf8_lossy(&bytes).into_owned()
}

fn head_parses_as_version(path: &Path) -> bool {
    let text = head(path);
    let line = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    line.len() < 80 && crate::model::Version::parse(line).is_some()
}

/// Whether a line of the CSV's head holds a verification word as its third cell, whatever
/// the delimiter.
fn domain_rows(path: &Path) -> bool {
    head(path).lines().any(|line| {
        [',', ';', '\t'].iter().any(|d| {
            line.split(*d).nth(2).is_some_and(|v| {
                matches!(
                    v.trim().trim_matches('"').to_lowercase().as_str(),
                    "none" | "dynamic" | "ldap"
                )
            })
        })
    })
}

fn holds_any(dir: &Path, names: &[&str]) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| names.contains(&e.file_name().to_string_lossy().to_lowercase().as_str()))
    })
}

fn holds_json(dir: &Path) -> bool {
    walkdir::WalkDir::new(dir)
        .max_depth(3)
        .into_iter()
        .flatten()
        .take(1000)
        .any(|e| {
            e.file_type().is_file()
                && e.file_name()
                    .to_string_lossy()
                    .to_lowercase()
                    .ends_with(".json")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn the_whole_folder_is_evidence() {
        let capture = folder(&[
            ("VERSION.TXT", "7.08\n"),
            ("Domains.csv", "example.com;mx.example.com:25;none\n"),
        ]);
        assert_eq!(score(capture.path()).0, 80);
        let layout = folder(&[
            ("Lists/Global/allow.txt", "a@example.com\n"),
            ("API/system/relay.json", "{}"),
        ]);
        assert_eq!(score(layout.path()).0, 45);
    }

    #[test]
    fn a_lone_name_or_a_folder_of_captures_is_not_a_capture() {
        let mos = folder(&[("rg01.log", "rg01> smtp get fastpath\n")]);
        assert_eq!(score(mos.path()).0, 0);
        let odd = folder(&[("version.txt", "see the wiki\n")]);
        assert!(score(odd.path()).0 < CLAIM_AT);
        let parent = folder(&[
            ("st01/version.txt", "7.08\n"),
            ("st02/version.txt", "7.09\n"),
        ]);
        assert_eq!(score(parent.path()).0, 0);
    }
}

//! A SpamTitan capture: one directory per appliance holding `version.txt`, `domains.csv` (the
//! UI's domain import format), `api/**.json` (REST answers as they came), `lists/global/`,
//! `lists/domain/<domain>/` and `lists/user/<address>/` allow and block lists, and update logs.
//! Each file becomes model changes; what fits no known form is reported, never dropped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pest::Parser;

use crate::capture::{Note, NoteKind, SourceRead};
use crate::error::{Error, Result};
use crate::model::{Change, List, Origin, Secret, SourceKind, Value, Version, SYSTEM};
use crate::source::Source;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/spamtitan_list.pest"]
struct ListGrammar;

/// One file of a capture, being read.
struct FileRead<'s> {
    source: &'s Source,
    kind: SourceKind,
    changes: Vec<(Change, u32)>,
    notes: Vec<Note>,
}

impl FileRead<'_> {
    fn new(source: &Source) -> FileRead<'_> {
        FileRead {
            source,
            kind: SourceKind::Export,
            changes: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn finish(self) -> SourceRead {
        let mut read = SourceRead::new(self.source, self.kind);
        read.changes = self.changes;
        read.notes.extend(self.notes);
        read
    }
}

/// Whether a directory is a SpamTitan capture.
pub fn is_capture_dir(dir: &Path) -> bool {
    dir.join("version.txt").is_file() || dir.join("domains.csv").is_file()
}

fn vocabulary() -> &'static BTreeMap<String, String> {
    static WORDS: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        ron::from_str(include_str!("vocabulary.ron"))
            .expect("the shipped vocabulary is valid (tested)")
    })
}

/// A name in the 7.09 vocabulary: each token renamed, separators kept.
pub fn current_name(name: &str) -> String {
    let words = vocabulary();
    let mut out = String::with_capacity(name.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        match words.get(&token.to_ascii_lowercase()) {
            Some(new) => out.push_str(new),
            None => out.push_str(token),
        }
        token.clear();
    };
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.' | '/') {
            flush(&mut token, &mut out);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// Reads every file of a capture directory, in path order. `index` gives each file's source
/// number, so origins can be built here.
pub fn read(
    dir: &Path,
    first_index: u32,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Vec<SourceRead>> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let host = dir
        .canonicalize()
        .ok()
        .and_then(|d| {
            d.file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let source = Source::read(path, encoding)?;
        let relative = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let index = first_index + i as u32;
        let mut read = FileRead::new(&source);
        if i == 0 && !host.is_empty() {
            read.changes.push((Change::Host(host.clone()), 1));
        }
        file(&relative, index, &mut read)?;
        out.push(read.finish());
    }
    Ok(out)
}

/// Whether a lone file (as git hands one to a textconv driver: its name kept, its directory
/// not) is a SpamTitan capture file, by its name.
pub fn is_capture_file(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let list = ["allow", "block", "whitelist", "blacklist"]
        .iter()
        .any(|p| name.starts_with(p));
    name == "domains.csv"
        || name == "version.txt"
        || (name.starts_with("update") && name.ends_with(".log"))
        || (list && name.ends_with(".txt"))
        || name.ends_with(".json")
}

/// Reads one capture file without its directory (as git hands one to a textconv driver): a
/// list's scope is then `file`, an API answer's settings are named by the file.
pub fn read_lone(source: &Source, index: u32) -> Result<SourceRead> {
    let name = std::path::Path::new(&*source.path)
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().to_string());
    let lower = name.to_ascii_lowercase();
    let relative = if lower.ends_with(".json") {
        format!("api/{name}")
    } else if lower.ends_with(".txt") && lower != "version.txt" {
        format!("lists/file/{name}")
    } else {
        name
    };
    let mut read = FileRead::new(source);
    file(&relative, index, &mut read)?;
    Ok(read.finish())
}

fn unrecognized(read: &mut FileRead<'_>, line: u32, text: &str, reason: &'static str) {
    read.notes.push(Note {
        line,
        kind: NoteKind::Unrecognized(reason),
        text: text.to_string(),
    });
}

fn file(relative: &str, index: u32, read: &mut FileRead<'_>) -> Result<()> {
    let name = relative
        .rsplit('/')
        .next()
        .unwrap_or(relative)
        .to_ascii_lowercase();
    let parts: Vec<&str> = relative.split('/').collect();
    if relative == "version.txt" {
        read.kind = SourceKind::Export;
        let text = read.source.text.trim().to_string();
        match Version::parse(&text) {
            Some(v) => read.changes.push((Change::Version(v), 1)),
            None => unrecognized(read, 1, &text, "not a version"),
        }
    } else if relative == "domains.csv" {
        read.kind = SourceKind::Export;
        domains_csv(read)?;
    } else if parts.first() == Some(&"api") && name.ends_with(".json") {
        read.kind = SourceKind::Protocol;
        api_json(&parts[1..], read)?;
    } else if parts.first() == Some(&"lists") && name.ends_with(".txt") {
        read.kind = SourceKind::Export;
        list_file(&parts[1..], &name, index, read);
    } else if name.starts_with("update") && name.ends_with(".log") {
        read.kind = SourceKind::CliLog;
        let run = super::update_log::verify(read.source)?;
        if let Some(to) = &run.to {
            let state = if run.anomalies.is_empty() {
                "installed".to_string()
            } else {
                format!("failed: {}", run.anomalies.join("; "))
            };
            read.changes
                .push((Change::UpdatesListed(vec![(to.clone(), state, 1)]), 1));
        }
        for (line, text) in &run.unrecognized {
            unrecognized(read, *line, text, "not a line of an update log");
        }
    } else {
        unrecognized(
            read,
            1,
            relative,
            "a file of no known kind in a SpamTitan capture",
        );
    }
    Ok(())
}

/// `domains.csv`: domain, destination, verification (none|dynamic|LDAP), then the dynamic
/// server, or the LDAP server, user, password, filter, base and attribute; then the group.
fn domains_csv(read: &mut FileRead<'_>) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(read.source.text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| Error::file(read.source.path.to_string(), e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line() as u32);
        rows.push((line, record.iter().map(str::to_string).collect::<Vec<_>>()));
    }
    for (line, fields) in rows {
        if fields.iter().all(|f| f.is_empty()) || fields[0].starts_with('#') {
            continue;
        }
        let text = fields.join(",");
        let (domain, destination, verification) = match fields.as_slice() {
            [d, dest, v, ..] => (d.to_ascii_lowercase(), dest.clone(), v.to_ascii_lowercase()),
            [d, dest] => (d.to_ascii_lowercase(), dest.clone(), "none".into()),
            _ => {
                unrecognized(
                    read,
                    line,
                    &text,
                    "a domain row needs a domain and a destination",
                );
                continue;
            }
        };
        let names: &[&str] = match verification.as_str() {
            "none" => &["group"],
            "dynamic" => &["verification_server", "group"],
            "ldap" => &[
                "ldap_server",
                "ldap_user",
                "ldap_password",
                "ldap_filter",
                "ldap_base",
                "ldap_attribute",
                "group",
            ],
            _ => {
                unrecognized(read, line, &text, "verification is none, dynamic or LDAP");
                continue;
            }
        };
        if fields.len() > 3 + names.len() {
            unrecognized(
                read,
                line,
                &text,
                "more fields than the domain import format has",
            );
            continue;
        }
        let mut set = |name: &str, value: Value| {
            read.changes.push((
                Change::Setting {
                    scope: domain.clone(),
                    name: format!("domain.{name}"),
                    value,
                },
                line,
            ));
        };
        set("destination", Value::Text(destination));
        set("verification", Value::Enum(verification.clone()));
        for (name, field) in names.iter().zip(&fields[3..]) {
            if field.is_empty() {
                continue;
            }
            let value = super::secrets::value(name, field.clone());
            set(name, value);
        }
        read.changes.push((Change::Domain(domain), line));
    }
    Ok(())
}

/// `api/<REST path>.json`: every scalar of the answer as a setting. `api/domains/<d>.json`
/// holds domain settings, `api/domains/<d>/policy.json` its policy, `api/users/<a>.json` a
/// user's; anything else is system-wide, named by its path.
fn api_json(parts: &[&str], read: &mut FileRead<'_>) -> Result<()> {
    let value: serde_json::Value = serde_json::from_str(&read.source.text).map_err(|e| {
        let at = read.source.position(0);
        Error::input(
            crate::error::Position {
                line: e.line() as u32,
                column: e.column() as u32,
                ..at
            },
            format!("not valid JSON: {e}"),
            "a REST API answer saved as it came",
        )
    })?;
    let stem = |s: &str| s.trim_end_matches(".json").to_ascii_lowercase();
    let (scope, prefix) = match parts {
        ["domains", d] => (stem(d), "domain".to_string()),
        ["domains", d, rest @ ..] => (
            d.to_ascii_lowercase(),
            rest.iter().map(|r| stem(r)).collect::<Vec<_>>().join("."),
        ),
        ["users", u] => (format!("user:{}", stem(u)), "user".to_string()),
        rest => (
            SYSTEM.to_string(),
            rest.iter().map(|r| stem(r)).collect::<Vec<_>>().join("."),
        ),
    };
    let mut settings = Vec::new();
    flatten(&value, &current_name(&prefix), &mut settings);
    for (name, value) in settings {
        read.changes.push((
            Change::Setting {
                scope: scope.clone(),
                name,
                value,
            },
            1,
        ));
    }
    if parts.first() == Some(&"domains") && !scope.contains(':') {
        read.changes.push((Change::Domain(scope), 1));
    }
    Ok(())
}

fn flatten(value: &serde_json::Value, name: &str, out: &mut Vec<(String, Value)>) {
    use serde_json::Value as J;
    match value {
        J::Object(map) => {
            for (key, v) in map {
                flatten(v, &format!("{name}.{}", current_name(key)), out);
            }
        }
        J::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, &format!("{name}.{i}"), out);
            }
        }
        J::Null => {}
        J::Bool(b) => out.push((name.to_string(), Value::Bool(*b))),
        J::Number(n) => out.push((
            name.to_string(),
            n.as_i64().map_or(Value::Text(n.to_string()), Value::Int),
        )),
        J::String(s) => {
            let secret = super::secrets::names().matches(name);
            let text = vocabulary()
                .get(&s.to_ascii_lowercase())
                .cloned()
                .unwrap_or_else(|| s.clone());
            out.push((
                name.to_string(),
                if secret {
                    Value::Secret(Secret(text))
                } else {
                    Value::Text(text)
                },
            ));
        }
    }
}

/// `lists/global/<file>`, `lists/domain/<d>/<file>`, `lists/user/<a>/<file>`: `allow*` or
/// `whitelist*` files are allow lists, `block*` or `blacklist*` block lists.
fn list_file(parts: &[&str], name: &str, index: u32, read: &mut FileRead<'_>) {
    let scope = match parts {
        ["global", _] => "global".to_string(),
        ["domain", d, _] => d.to_ascii_lowercase(),
        ["user", a, _] => format!("user:{}", a.to_ascii_lowercase()),
        // A list read on its own: its folder, which named the scope, is not known.
        ["file", _] => "file".to_string(),
        _ => {
            unrecognized(
                read,
                1,
                &parts.join("/"),
                "lists live in global/, domain/<domain>/ or user/<address>/",
            );
            return;
        }
    };
    let list = if name.starts_with("allow") || name.starts_with("whitelist") {
        "allow"
    } else if name.starts_with("block") || name.starts_with("blacklist") {
        "block"
    } else {
        unrecognized(
            read,
            1,
            name,
            "a list file is named allow*, whitelist*, block* or blacklist*",
        );
        return;
    };
    let text = read.source.text.clone();
    let pairs =
        ListGrammar::parse(Rule::lines, &text).expect("every line matches `text` or `blank`");
    let mut entries = Vec::new();
    for (i, pair) in pairs.filter(|p| p.as_rule() != Rule::EOI).enumerate() {
        let line = i as u32 + 1;
        match pair.as_rule() {
            Rule::entry => {
                let value = pair.into_inner().next().map_or("", |v| v.as_str());
                entries.push((crate::model::canonical_entry(value).into_owned(), line));
            }
            Rule::text => unrecognized(
                read,
                line,
                pair.as_str(),
                "a list entry holds no white space",
            ),
            _ => {}
        }
    }
    let list_entries = List::from_entries(entries.iter().map(|(e, line)| {
        (
            e.as_str(),
            Origin {
                source: index,
                line: *line,
            },
        )
    }));
    if !scope.starts_with("user:") && scope != "global" && scope != "file" {
        read.changes.push((Change::Domain(scope.clone()), 1));
    }
    read.changes.push((
        Change::ListReplace {
            scope,
            list: list.to_string(),
            entries: list_entries,
        },
        1,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_words_read_as_new_ones() {
        assert_eq!(current_name("whitelist_to"), "allowlist_to");
        assert_eq!(current_name("cluster.Master"), "cluster.primary");
        assert_eq!(current_name("masterful"), "masterful");
    }
}

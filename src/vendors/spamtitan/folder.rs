//! A SpamTitan capture: one directory per appliance holding `version.txt`, `domains.csv` (the
//! UI's domain import format), `api/**.json` (REST answers as they came), `lists/global/`,
//! `lists/domain/<domain>/` and `lists/user/<address>/` allow and block lists (only the exact
//! list names; a folder name may be URL-encoded), and update logs, named in any case. Each file becomes model changes; what fits no known form is reported,
//! never dropped. Junk a share or an archiver left is skipped with a note. A file that cannot
//! be read does not hide the others: every file is read, then every bad one is reported
//! together, and reading fails (exit 2).

mod copies;

use crate::message;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::base::error::{Error, Result};
use crate::capture::{Note, SourceRead};
use crate::model::{Change, List, Origin, SourceKind, Version, SYSTEM};
use crate::source::Source;

use super::lists::Entry;
use super::names::{classify, FileKind};

/// One file of a capture, being read.
pub struct FileRead<'s> {
    /// The file.
    pub source: &'s Source,
    /// What kind of capture the file is.
    pub kind: SourceKind,
    /// Its changes, with their lines.
    pub changes: Vec<(Change, u32)>,
    /// What did not become model data, and what reading worked around.
    pub notes: Vec<Note>,
}

impl FileRead<'_> {
    /// An empty read of `source`.
    pub fn new(source: &Source, kind: SourceKind) -> FileRead<'_> {
        FileRead {
            source,
            kind,
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

/// A list file's entries, kept until every file of its scope and list has been read.
struct ListPart {
    scope: String,
    list: &'static str,
    file: String,
    entries: Vec<Entry>,
}

/// Reads every file of a capture directory, in path order; the sources are numbered from
/// `first_index`.
pub fn read(
    dir: &Path,
    first_index: u32,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Vec<SourceRead>> {
    let mut reads: Vec<SourceRead> = Vec::new();
    let mut parts: Vec<(usize, ListPart)> = Vec::new();
    let mut problems: Vec<Error> = Vec::new();
    let files = files(dir, &mut problems);
    let mut copies = copies::sort(dir, &files, &mut problems);
    one_domain_export(dir, &files, &mut copies, &mut problems);
    for path in files {
        let relative = relative(dir, &path);
        if let Some(note) = copies.skipped.get(&path) {
            reads.push(noted(&path, note.clone()));
            continue;
        }
        let read_as = copies.read_as.get(&path);
        let relative = read_as.map_or(relative, |(name, _)| name.clone());
        let kind = if path.is_dir() {
            FileKind::Junk(message!("skipped-folder"))
        } else {
            classify(&relative)
        };
        if let FileKind::Junk(why) = kind {
            reads.push(noted(&path, why));
            continue;
        }
        if is_empty_file(&path, &kind) {
            reads.push(noted(&path, message!("reading-st-empty-file")));
            continue;
        }
        let source = match kind {
            FileKind::UpdateLog => Source::read(&path, encoding),
            _ => Source::read_data(&path, encoding),
        };
        let outcome = source.and_then(|source| {
            let mut read = FileRead::new(&source, SourceKind::Export);
            if let Some((_, note)) = read_as {
                read.notes.push(Note::warning(1, note.clone()));
            }
            let part = file(&kind, &relative, &mut read)?;
            Ok((read.finish(), part))
        });
        match outcome {
            Ok((read, part)) => {
                if let Some(part) = part {
                    parts.push((reads.len(), part));
                }
                reads.push(read);
            }
            Err(e) => problems.push(e),
        }
    }
    let contradictions = contradictions(&reads);
    versions_against_update_logs(&mut reads);
    let exported = exported_domains(&reads);
    merge_lists(parts, first_index, &mut reads, exported.as_ref());
    if !problems.is_empty() || !contradictions.is_empty() {
        let said = match problems.len() {
            0 => message!("st-folder-contradicts", count = contradictions.len()),
            count => message!("st-folder-unreadable", count = count, read = reads.len()),
        };
        problems.extend(contradictions);
        return Err(Error::file(dir.display().to_string(), said).because(problems));
    }
    if !reads.iter().any(holds_host) {
        reads.push(folder_name(dir)?);
    }
    Ok(reads)
}

/// One domain export per capture: every `domains*.csv` lists all the appliance's domains, so
/// two that differ cannot both be it (a stale export beside the current one would bring back
/// domains and values since changed). A second one with the same bytes is read once, with a
/// note; one that differs is a problem naming both. A copy's name (`domains (1).csv`) is
/// [`copies`]'s.
fn one_domain_export(
    dir: &Path,
    files: &[PathBuf],
    copies: &mut copies::Copies,
    problems: &mut Vec<Error>,
) {
    let mut exports: Vec<(&PathBuf, String)> = files
        .iter()
        .filter(|path| path.is_file() && !copies.skipped.contains_key(*path))
        .filter_map(|path| {
            let name = match copies.read_as.get(path) {
                Some((name, _)) => name.clone(),
                None => relative(dir, path),
            };
            (classify(&name) == FileKind::DomainsCsv).then(|| (path, relative(dir, path)))
        })
        .collect();
    // The file named as the capture script and the README name it comes first.
    exports.sort_by_key(|(_, name)| name.to_lowercase() != "domains.csv");
    let Some(((first, first_name), others)) = exports.split_first() else {
        return;
    };
    let kept = std::fs::read(first).ok();
    for (path, name) in others {
        if std::fs::read(path).ok() == kept {
            let said = message!(
                "reading-st-copy-same",
                file = name.as_str(),
                original = first_name.as_str()
            );
            copies.skipped.insert((*path).clone(), said);
        } else {
            let said = message!("st-domain-exports-differ", other = first_name.as_str());
            problems.push(Error::file(path.display().to_string(), said.clone()));
            // Not read: its values would only be said again as contradictions.
            copies.skipped.insert((*path).clone(), said);
        }
    }
}

/// A setting two places of the capture give different values (two files, or two rows of one
/// file): which is the appliance's cannot be told, so each is a problem naming both places.
/// Text is compared without case, as host names and LDAP names are.
fn contradictions(reads: &[SourceRead]) -> Vec<Error> {
    let mut seen: BTreeMap<(&str, &str), (&crate::model::Value, &str, u32)> = BTreeMap::new();
    let mut problems = Vec::new();
    for read in reads {
        for (change, line) in &read.changes {
            let Change::Setting { scope, name, value } = change else {
                continue;
            };
            let here = (value, read.provenance.info.path.as_ref(), *line);
            let Some((first, path, at)) = seen.get(&(scope.as_str(), name.as_str())).copied()
            else {
                seen.insert((scope, name), here);
                continue;
            };
            if !same_value(first, value) {
                let said = message!(
                    "st-setting-contradicts",
                    scope = scope.as_str(),
                    name = name.as_str(),
                    value = value.to_string(),
                    other = format!("{path}:{at}"),
                    other_value = first.to_string()
                );
                problems.push(Error::file(
                    format!("{}:{line}", read.provenance.info.path),
                    said,
                ));
            }
        }
    }
    problems
}

fn same_value(a: &crate::model::Value, b: &crate::model::Value) -> bool {
    use crate::model::Value;
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => a.eq_ignore_ascii_case(b),
        _ => a == b,
    }
}

/// A version file behind an update log that records a completed update to a later version:
/// the capture mixes two times (the version taken before the update, the log after it). The
/// version file is what the capture says; a warning names both files, so a plan is not made
/// for an upgrade the log says is done.
fn versions_against_update_logs(reads: &mut [SourceRead]) {
    let installed: Vec<(Version, String, u32)> = reads
        .iter()
        .flat_map(|read| {
            read.changes
                .iter()
                .filter_map(move |(change, _)| match change {
                    Change::UpdatesListed(updates) => Some((read, updates)),
                    _ => None,
                })
        })
        .flat_map(|(read, updates)| {
            updates.iter().filter_map(move |(to, state, line)| {
                let to = Version::parse(to).filter(|_| state == "installed")?;
                Some((to, read.provenance.info.path.to_string(), *line))
            })
        })
        .collect();
    for read in reads.iter_mut() {
        let versions: Vec<(Version, u32)> = read
            .changes
            .iter()
            .filter_map(|(change, line)| match change {
                Change::Version(v) => Some((v.clone(), *line)),
                _ => None,
            })
            .collect();
        for (version, line) in versions {
            let later = installed
                .iter()
                .filter(|(to, ..)| *to > version)
                .max_by(|a, b| a.0.cmp(&b.0));
            if let Some((to, log, at)) = later {
                let said = message!(
                    "st-version-behind-update-log",
                    version = version.text.as_str(),
                    log = format!("{log}:{at}"),
                    to = to.text.as_str()
                );
                read.notes.push(Note::warning(line, said));
            }
        }
    }
}

/// A file that is not read, with the note that says why.
fn noted(path: &Path, why: crate::base::message::Message) -> SourceRead {
    let source = Source::from_text(&path.display().to_string(), "");
    let mut read = SourceRead::new(&source, SourceKind::Export);
    read.notes.push(Note::warning(1, why));
    read
}

/// A capture file of zero bytes: a download that failed, so nothing of it was captured (an
/// empty list is never read from it). `version.txt` and API answers refuse one themselves.
fn is_empty_file(path: &Path, kind: &FileKind) -> bool {
    !matches!(kind, FileKind::Version | FileKind::ApiJson(_))
        && std::fs::metadata(path).is_ok_and(|m| m.len() == 0)
}

/// Every file under `dir`, sorted by path, and the hidden and archive-metadata folders
/// (`.git`, `__MACOSX`), which are not walked; folders that cannot be walked are problems.
fn files(dir: &Path, problems: &mut Vec<Error>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let skipped = |e: &walkdir::DirEntry| {
        let name = e.file_name().to_string_lossy().to_lowercase();
        e.depth() > 0 && e.file_type().is_dir() && (name.starts_with('.') || name == "__macosx")
    };
    let mut walker = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        match entry {
            Ok(e) if skipped(&e) => {
                walker.skip_current_dir();
                files.push(e.into_path());
            }
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => problems.push(walk_error(dir, e)),
        }
    }
    files.sort();
    files
}

/// A folder of the capture that could not be walked: the system's reason on its path.
fn walk_error(dir: &Path, e: walkdir::Error) -> Error {
    let path = e.path().unwrap_or(dir).display().to_string();
    match e.into_io_error() {
        Some(io) => Error::io(path, io),
        None => Error::file(path, message!("st-folder-loop")),
    }
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn holds_host(read: &SourceRead) -> bool {
    read.changes
        .iter()
        .any(|(c, _)| matches!(c, Change::Host(_)))
}

/// The folder's name as the host name, when no file names the appliance: a source of its own,
/// so the provenance says where the name came from.
fn folder_name(dir: &Path) -> Result<SourceRead> {
    let canonical = dir
        .canonicalize()
        .map_err(|e| Error::io(dir.display().to_string(), e))?;
    let name = canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The model folds the case; `track` keys appliances by the name as written.
    let source = Source::from_text(
        &format!("{}{}", dir.display(), crate::capture::NAMED_BY_FOLDER),
        &name,
    );
    let mut read = SourceRead::new(&source, SourceKind::Export);
    if !name.is_empty() {
        read.changes.push((Change::Host(name), 1));
    }
    Ok(read)
}

/// The appliance a capture folder is of: the name a file of it holds, else the folder's name
/// (also when a file cannot be read: reading the folder then names the file).
pub(crate) fn own_name(dir: &Path) -> Option<String> {
    let reads = read(dir, 0, None).or_else(|_| folder_name(dir).map(|r| vec![r]));
    reads.ok()?.iter().find_map(|r| {
        r.changes.iter().find_map(|(c, _)| match c {
            // The full name, as written: two appliances are never one by case or by domain.
            Change::Host(h) => Some(h.trim_end_matches('.').to_string()),
            _ => None,
        })
    })
}

/// Reads one capture file without its directory (as git hands one to a textconv driver): a
/// list's scope is then `file`, an API answer's settings are named by the file.
pub(crate) fn read_lone(source: &Source, index: u32) -> Result<SourceRead> {
    let name = Path::new(&*source.path)
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().to_string());
    let lower = name.to_lowercase();
    let relative = if lower.ends_with(".json") {
        format!("api/{name}")
    } else if super::names::list_name(&lower).is_some() {
        format!("lists/file/{name}")
    } else {
        name
    };
    let mut read = FileRead::new(source, SourceKind::Export);
    let kind = classify(&relative);
    if let Some(part) = file(&kind, &relative, &mut read)? {
        let mut reads = vec![read.finish()];
        merge_lists(vec![(0, part)], index, &mut reads, None);
        return Ok(reads.remove(0));
    }
    Ok(read.finish())
}

/// Reads one file by its kind; a list file's entries are handed back to be merged.
fn file(kind: &FileKind, relative: &str, read: &mut FileRead<'_>) -> Result<Option<ListPart>> {
    match kind {
        FileKind::Version => version(read)?,
        FileKind::Hostname => {
            let host = read.source.text.trim().to_string();
            if host.is_empty() || host.contains(char::is_whitespace) {
                read.notes.push(Note::unrecognized(
                    1,
                    &host,
                    crate::message!("unread-st-hostname"),
                ));
            } else {
                read.changes.push((Change::Host(host), 1));
            }
        }
        FileKind::DomainsCsv => super::domains_csv::read(read)?,
        FileKind::ApiJson(parts) => {
            read.kind = SourceKind::Protocol;
            super::api_json::read(parts, relative, read)?;
        }
        FileKind::List(parts, list) => return list_part(parts, list, relative, read),
        FileKind::ByHand => super::by_hand::read(read)?,
        FileKind::UpdateLog => update_log(read)?,
        FileKind::Unknown if relative.to_lowercase().starts_with("lists/") => read.notes.push(
            Note::unrecognized(1, relative, crate::message!("unread-st-not-a-list-file")),
        ),
        FileKind::Junk(_) | FileKind::Unknown => {
            read.notes.push(Note::unrecognized(
                1,
                relative,
                crate::message!("unread-st-unknown-file"),
            ));
            if let Some(known) = resembled_file(relative) {
                let said = message!("reading-st-file-near-miss", file = relative, known = known);
                read.notes.push(Note::warning(1, said));
            }
        }
    }
    Ok(None)
}

/// Names of capture files a misspelt or renamed file may have meant.
const KNOWN_FILES: &[&str] = &[
    "version.txt",
    "hostname.txt",
    "domains.csv",
    "by-hand.txt",
    "whitelist.txt",
    "blacklist.txt",
    "allow.txt",
    "block.txt",
];

/// The known capture file an unknown file's name is one slip away from (`whitelst.txt`,
/// `domain.csv`), if any.
fn resembled_file(relative: &str) -> Option<&'static str> {
    let name = relative
        .rsplit('/')
        .next()
        .unwrap_or(relative)
        .to_lowercase();
    KNOWN_FILES
        .iter()
        .find(|known| strsim::damerau_levenshtein(&name, known) <= 2)
        .copied()
}

/// `version.txt`: the version, and the build apart from it.
fn version(read: &mut FileRead<'_>) -> Result<()> {
    let text = read
        .source
        .text
        .trim_start_matches('\u{feff}')
        .trim()
        .to_string();
    if text.is_empty() {
        return Err(Error::file(
            read.source.path.to_string(),
            message!("st-version-empty"),
        ));
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > 1 {
        return Err(Error::file(
            read.source.path.to_string(),
            message!(
                "reading-st-versions",
                count = lines.len(),
                versions = lines.join(", ")
            ),
        ));
    }
    match Version::parse(&text) {
        Some(v) => {
            if let Some(build) = v.build {
                read.changes.push((
                    Change::Setting {
                        scope: SYSTEM.to_string(),
                        name: "system.version.build".into(),
                        value: crate::model::Value::Int(i64::from(build)),
                    },
                    1,
                ));
            }
            read.changes.push((Change::Version(v), 1));
        }
        None => read.notes.push(Note::unrecognized(
            1,
            &text,
            crate::message!("unread-st-not-a-version"),
        )),
    }
    Ok(())
}

fn update_log(read: &mut FileRead<'_>) -> Result<()> {
    read.kind = SourceKind::CliLog;
    let run = super::update_log::verify(read.source)?;
    if let Some(to) = &run.to {
        // The model holds no words: a failed update is `failed`, and each anomaly is a
        // warning at its line, which every output that shows notes puts in words.
        let state = match run.anomalies.is_empty() {
            true => "installed",
            false => "failed",
        };
        read.changes.push((
            Change::UpdatesListed(vec![(to.clone(), state.into(), 1)]),
            1,
        ));
    }
    for anomaly in run.anomalies {
        let line = match anomaly.arg("line") {
            Some(crate::base::message::Arg::Number(n)) => u32::try_from(*n).unwrap_or(1),
            _ => 1,
        };
        read.notes.push(Note::warning(line, anomaly));
    }
    for crate::model::update_log::Line { line, text } in &run.unrecognized {
        read.notes.push(Note::unrecognized(
            *line,
            text,
            crate::message!("unread-st-update-log-line"),
        ));
    }
    Ok(())
}

/// `lists/global/<file>`, `lists/domain/<d>/<file>`, `lists/user/<a>/<file>`.
fn list_part(
    parts: &[String],
    list: &'static str,
    relative: &str,
    read: &mut FileRead<'_>,
) -> Result<Option<ListPart>> {
    let scope = match parts {
        [level, _] if level == "global" => "global".to_string(),
        [level, d, _] if level == "domain" => super::address::domain(&folder(d, read)),
        [level, a, _] if level == "user" => {
            format!("user:{}", super::address::normalise(&folder(a, read)).0)
        }
        // A list read on its own: its folder, which named the scope, is not known.
        [level, _] if level == "file" => "file".to_string(),
        _ => {
            read.notes.push(Note::unrecognized(
                1,
                relative,
                crate::message!("unread-st-list-level"),
            ));
            return Ok(None);
        }
    };
    // A failed call's answer holds no list: the list is not captured, never empty.
    let Some(entries) = super::lists::entries(read, list)? else {
        return Ok(None);
    };
    Ok(Some(ListPart {
        scope,
        list,
        file: relative.to_string(),
        entries,
    }))
}

/// A list folder's name as the scope it names: a URL-encoded one decoded, with a note.
fn folder(name: &str, read: &mut FileRead<'_>) -> String {
    match super::address::percent_decoded(name) {
        Some(decoded) => {
            read.notes.push(Note::warning(
                1,
                message!("st-folder-url-encoded", name = name, decoded = &decoded),
            ));
            decoded
        }
        None => name.to_string(),
    }
}

/// The domains the domain export (`domains.csv`, which lists every domain) names, if the
/// capture has one.
fn exported_domains(reads: &[SourceRead]) -> Option<BTreeSet<String>> {
    let exports: Vec<&SourceRead> = reads
        .iter()
        .filter(|r| {
            r.changes
                .iter()
                .any(|(c, _)| matches!(c, Change::DomainsListedInFull))
        })
        .collect();
    if exports.is_empty() {
        return None;
    }
    let domains = exports
        .iter()
        .flat_map(|r| &r.changes)
        .filter_map(|(c, _)| match c {
            Change::Domain(d) => Some(d.clone()),
            _ => None,
        });
    Some(domains.collect())
}

/// Every scope's list from all its files (`whitelist.txt` and `allow.txt` alike) as one set,
/// replaced in the read of its last file, with a note where several files were merged.
fn merge_lists(
    parts: Vec<(usize, ListPart)>,
    first_index: u32,
    reads: &mut [SourceRead],
    exported: Option<&BTreeSet<String>>,
) {
    let mut groups: BTreeMap<(String, &'static str), Vec<(usize, ListPart)>> = BTreeMap::new();
    for (position, part) in parts {
        groups
            .entry((part.scope.clone(), part.list))
            .or_default()
            .push((position, part));
    }
    for ((scope, list), group) in groups {
        let at = |position: usize, line: u32| Origin {
            source: first_index + position as u32,
            line,
        };
        let mut entries = List::from_entries(group.iter().flat_map(|(position, part)| {
            part.entries
                .iter()
                .map(move |e| (e.text.as_str(), at(*position, e.line)))
        }));
        for (_, part) in &group {
            for entry in &part.entries {
                if let Some(comment) = &entry.comment {
                    entries.set_comment(&entry.text, comment);
                }
            }
        }
        let last = group.last().map_or(0, |(p, _)| *p);
        if group.len() > 1 {
            let files: Vec<&str> = group.iter().map(|(_, p)| p.file.as_str()).collect();
            let total: usize = group.iter().map(|(_, p)| p.entries.len()).sum();
            reads[last].notes.push(Note::warning(
                1,
                message!(
                    "st-list-in-files",
                    list = list.to_string(),
                    scope = scope.to_string(),
                    count = files.len(),
                    files = files.join(", "),
                    entries = entries.len(),
                    read = total
                ),
            ));
        }
        if !scope.starts_with("user:") && scope != "global" && scope != "file" {
            if exported.is_some_and(|domains| !domains.contains(&scope)) {
                reads[last].notes.push(Note::warning(
                    1,
                    message!(
                        "st-list-domain-not-exported",
                        list = list.to_string(),
                        scope = scope.to_string()
                    ),
                ));
            }
            reads[last].changes.push((Change::Domain(scope.clone()), 1));
        }
        let changes = &mut reads[last].changes;
        changes.push((
            Change::ListReplace {
                scope,
                list: list.to_string(),
                entries,
            },
            1,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_file_resembles_the_capture_file_it_meant() {
        assert_eq!(
            resembled_file("lists/global/whitelst.txt"),
            Some("whitelist.txt")
        );
        assert_eq!(resembled_file("domain.csv"), Some("domains.csv"));
        assert_eq!(resembled_file("notes.txt"), None);
    }
}

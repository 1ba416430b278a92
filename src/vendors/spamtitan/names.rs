//! What a file of a capture folder is, by its path alone, compared case-insensitively: Windows
//! shares and zip tools change the case of names (`VERSION.TXT`, `Domains.csv`), and what the
//! folder on a share collects besides the capture (`.DS_Store`, `Thumbs.db`, `._*` resource
//! forks, backup archives) is skipped with a note rather than refusing the whole capture.
//! Also the vocabulary: 7.09 renamed Whitelist/Blacklist and Master/Slave; both read as one.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::base::message::Message;

/// What a file of a capture folder holds, by its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// `version.txt`: the version the appliance prints.
    Version,
    /// `hostname.txt`: the appliance's own name.
    Hostname,
    /// `domains*.csv` at the top: the UI's domain import format.
    DomainsCsv,
    /// `api/<REST path>.json`: an API answer; the path below `api/`, lower-cased.
    ApiJson(Vec<String>),
    /// `lists/<level>/.../<list name>.txt|csv` ([`list_name`]): the path below `lists/` and
    /// which list.
    List(Vec<String>, &'static str),
    /// `update*.log`: a system update's log.
    UpdateLog,
    /// `by-hand.txt`: settings no public API reads, copied from the web console into the
    /// template the capture script writes.
    ByHand,
    /// Not part of a capture; the note that says why.
    Junk(Message),
    /// A file of no known kind.
    Unknown,
}

/// Why a file name is not a capture file, if it is one of the known kinds of junk.
pub fn junk(name: &str) -> Option<Message> {
    crate::source::junk::note(name)
}

/// What the file at `relative` (a path inside the capture folder, `/`-separated) holds.
pub(crate) fn classify(relative: &str) -> FileKind {
    let parts: Vec<String> = relative.split('/').map(str::to_lowercase).collect();
    let name = parts.last().map_or("", String::as_str);
    if let Some(why) = junk(name) {
        return FileKind::Junk(why);
    }
    if parts.iter().any(|p| p == "__macosx") {
        return FileKind::Junk(crate::message!("skipped-archive-metadata"));
    }
    match parts.as_slice() {
        [only] if only == "version.txt" => FileKind::Version,
        [only] if only == "hostname.txt" => FileKind::Hostname,
        [only] if only == "by-hand.txt" => FileKind::ByHand,
        [only] if only.starts_with("domains") && only.ends_with(".csv") => FileKind::DomainsCsv,
        [first, rest @ ..] if first == "api" && !rest.is_empty() && name.ends_with(".json") => {
            FileKind::ApiJson(rest.to_vec())
        }
        [first, rest @ ..] if first == "lists" && !rest.is_empty() => match list_name(name) {
            Some(list) => FileKind::List(rest.to_vec(), list),
            None => FileKind::Unknown,
        },
        _ if name.starts_with("update") && name.ends_with(".log") => FileKind::UpdateLog,
        _ => FileKind::Unknown,
    }
}

/// The exact names (without `.txt` or `.csv`) of list files, in either vocabulary, and which
/// list each is. Only these are lists: `whitelist-old.txt` is someone's copy, not the live list.
const LIST_NAMES: &[(&str, &str)] = &[
    ("allow", "allow"),
    ("allowlist", "allow"),
    ("allow-list", "allow"),
    ("allow_list", "allow"),
    ("whitelist", "allow"),
    ("white-list", "allow"),
    ("white_list", "allow"),
    ("block", "block"),
    ("blocklist", "block"),
    ("block-list", "block"),
    ("block_list", "block"),
    ("blacklist", "block"),
    ("black-list", "block"),
    ("black_list", "block"),
];

/// Which list a list file is, by its exact name in either vocabulary (`allow.txt`,
/// `whitelist.csv`, `Block-List.TXT`, the legacy API's answer `allow.xml`), or by the UI label
/// it was saved under (`Global Whitelist.csv`, [`label_list`]).
pub(crate) fn list_name(name: &str) -> Option<&'static str> {
    let name = name.to_lowercase();
    let stem = name
        .strip_suffix(".txt")
        .or_else(|| name.strip_suffix(".csv"))
        .or_else(|| name.strip_suffix(".xml"))?;
    LIST_NAMES
        .iter()
        .find(|(known, _)| *known == stem)
        .map(|(_, list)| *list)
        .or_else(|| label_list(stem))
}

/// The list an XML element of a legacy list answer names by its own name (`<blacklist>`,
/// `<allowlist>`), in either vocabulary; `None` for any other element.
pub(crate) fn list_word(element: &str) -> Option<&'static str> {
    let element = element.to_lowercase();
    LIST_NAMES
        .iter()
        .find(|(known, _)| *known == element)
        .map(|(_, list)| *list)
}

/// Whether a lone file (as git hands one to a textconv driver: its name kept, its directory
/// not) is a SpamTitan capture file, by its name. A JSON file's name is no evidence: only
/// what it holds is (`api_json::answer_evidence`).
pub(crate) fn is_capture_file(name: &str) -> bool {
    let name = name.to_lowercase();
    matches!(
        classify(&name),
        FileKind::Version | FileKind::DomainsCsv | FileKind::UpdateLog
    ) || list_name(&name).is_some()
}

#[derive(serde::Deserialize)]
struct Label {
    words: String,
    list: Option<String>,
}

#[derive(serde::Deserialize)]
struct Vocabulary {
    words: BTreeMap<String, String>,
    labels: BTreeMap<String, Label>,
}

fn vocabulary() -> &'static Vocabulary {
    static WORDS: OnceLock<Vocabulary> = OnceLock::new();
    WORDS.get_or_init(|| {
        ron::from_str(include_str!("vocabulary.ron"))
            .expect("the shipped vocabulary is valid (tested)")
    })
}

/// A whole word or UI label in the 7.09 vocabulary (`master` is `primary`, `Global
/// Whitelist` is `global allow list`), if the vocabulary renames it.
pub(crate) fn current_word(word: &str) -> Option<&'static str> {
    let key = word.trim().to_lowercase();
    let vocabulary = vocabulary();
    vocabulary
        .words
        .get(&key)
        .or_else(|| vocabulary.labels.get(&key).map(|l| &l.words))
        .map(String::as_str)
}

/// The list a UI label names (`Global Whitelist` is the allow list), if it names one list.
pub(crate) fn label_list(label: &str) -> Option<&'static str> {
    let label = vocabulary().labels.get(&label.trim().to_lowercase())?;
    match label.list.as_deref()? {
        "allow" => Some("allow"),
        "block" => Some("block"),
        _ => None,
    }
}

/// A name in the 7.09 vocabulary: each token renamed, separators kept.
pub(crate) fn current_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        out.push_str(current_word(token).unwrap_or(token));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_words_read_as_new_ones() {
        assert_eq!(current_name("whitelist_to"), "allowlist_to");
        assert_eq!(current_name("cluster.Master"), "cluster.primary");
        assert_eq!(current_name("masterful"), "masterful");
        assert_eq!(current_name("cluster.child"), "cluster.secondary");
        assert_eq!(current_word("Global Whitelist"), Some("global allow list"));
        assert_eq!(current_word("Allow & Block List"), Some("allow/block list"));
    }

    #[test]
    fn a_list_saved_under_its_ui_label_is_that_list() {
        assert_eq!(list_name("Global Whitelist.csv"), Some("allow"));
        assert_eq!(list_name("whitelisted domains.txt"), Some("allow"));
        assert_eq!(list_name("Allow & Block List.csv"), None);
        assert_eq!(list_name("allow.xml"), Some("allow"));
    }

    #[test]
    fn names_are_compared_without_case() {
        assert_eq!(classify("VERSION.TXT"), FileKind::Version);
        assert_eq!(classify("Domains.csv"), FileKind::DomainsCsv);
        assert_eq!(classify("domains (1).csv"), FileKind::DomainsCsv);
        assert_eq!(
            classify("Lists/Global/WhiteList.TXT"),
            FileKind::List(vec!["global".into(), "whitelist.txt".into()], "allow")
        );
        assert_eq!(
            classify("API/System/Relay.JSON"),
            FileKind::ApiJson(vec!["system".into(), "relay.json".into()])
        );
        assert_eq!(classify("Update-7.09.LOG"), FileKind::UpdateLog);
    }

    #[test]
    fn junk_is_known_by_name() {
        for name in [
            ".DS_Store",
            "Thumbs.db",
            "lists/global/._whitelist.txt",
            "st01-backup.tar.gz",
            "__MACOSX/version.txt",
            "~$domains.csv",
        ] {
            assert!(matches!(classify(name), FileKind::Junk(_)), "{name}");
        }
        assert_eq!(classify("notes.md"), FileKind::Unknown);
    }

    #[test]
    fn only_the_exact_list_names_are_lists() {
        assert_eq!(list_name("Allow-List.txt"), Some("allow"));
        assert_eq!(list_name("blacklist.csv"), Some("block"));
        for copy in [
            "whitelist-old.txt",
            "whitelist (1).txt",
            "allow.txt.bak",
            "blocked.txt",
        ] {
            assert_eq!(list_name(copy), None, "{copy}");
        }
        assert_eq!(
            classify("lists/global/whitelist-old.txt"),
            FileKind::Unknown
        );
    }
}

//! Files that file managers, archivers and office programs leave in folders of captures: never
//! read as captures. A walk over a folder skips them with a note, for every vendor.

use crate::base::message::Message;

/// Endings of archives: a backup kept beside the capture is not read as a capture.
const ARCHIVE_ENDINGS: &[&str] = &[
    ".tar.gz", ".tgz", ".tar", ".gz", ".zip", ".7z", ".rar", ".bz2", ".xz",
];

/// A kind of file that is never a capture file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Junk {
    /// macOS Finder's `.DS_Store`.
    FinderSettings,
    /// Windows Explorer's `Thumbs.db`.
    ExplorerThumbnails,
    /// Windows Explorer's `desktop.ini`.
    ExplorerSettings,
    /// Windows Media Center's `ehthumbs.db`.
    MediaCenterThumbnails,
    /// `._name`: an AppleDouble resource fork.
    ResourceFork,
    /// `~$name` or `.~lock.name`: an office program's lock file.
    LockFile,
    /// A backup archive kept beside the capture.
    Archive,
    /// Any other name starting with a dot.
    Hidden,
}

/// Which kind of junk a file name is, if it is one of the known kinds.
pub fn kind(name: &str) -> Option<Junk> {
    let lower = name.to_lowercase();
    Some(match lower.as_str() {
        ".ds_store" => Junk::FinderSettings,
        "thumbs.db" => Junk::ExplorerThumbnails,
        "desktop.ini" => Junk::ExplorerSettings,
        "ehthumbs.db" => Junk::MediaCenterThumbnails,
        _ if lower.starts_with("._") => Junk::ResourceFork,
        _ if lower.starts_with("~$") || lower.starts_with(".~lock.") => Junk::LockFile,
        _ if ARCHIVE_ENDINGS.iter().any(|e| lower.ends_with(e)) => Junk::Archive,
        _ if lower.starts_with('.') => Junk::Hidden,
        _ => return None,
    })
}

impl Junk {
    /// The note that says a file of this kind was skipped.
    pub fn note(self) -> Message {
        match self {
            Junk::FinderSettings => crate::message!("skipped-finder-settings"),
            Junk::ExplorerThumbnails => crate::message!("skipped-explorer-thumbnails"),
            Junk::ExplorerSettings => crate::message!("skipped-explorer-settings"),
            Junk::MediaCenterThumbnails => crate::message!("skipped-media-center-thumbnails"),
            Junk::ResourceFork => crate::message!("skipped-resource-fork"),
            Junk::LockFile => crate::message!("skipped-lock-file"),
            Junk::Archive => crate::message!("skipped-archive"),
            Junk::Hidden => crate::message!("skipped-hidden-file"),
        }
    }
}

/// The note that says a file was skipped, if its name is one of the known kinds of junk.
pub fn note(name: &str) -> Option<Message> {
    kind(name).map(Junk::note)
}

#[cfg(test)]
mod tests {
    use super::note;

    #[test]
    fn junk_is_known_by_name_and_captures_are_not() {
        for name in [
            ".DS_Store",
            "Thumbs.db",
            "._rg01.log",
            "~$notes.xlsx",
            "old.zip",
            "b.tar.gz",
        ] {
            assert!(note(name).is_some(), "{name}");
            assert!(
                note(name).is_some_and(|n| n.id.starts_with("skipped-")),
                "{name}"
            );
        }
        for name in ["rg01.log", "domains.csv", "rg01-export.cfg", "policy.json"] {
            assert!(note(name).is_none(), "{name}");
        }
    }
}

//! Files that file managers, archivers and office programs leave in folders of captures: never
//! read as captures. A walk over a folder skips them with a note, for every vendor.

/// Names that file managers and archivers leave in folders, and why each is not a capture file.
const JUNK_NAMES: &[(&str, &str)] = &[
    (".ds_store", "macOS Finder's folder settings"),
    ("thumbs.db", "Windows Explorer's thumbnail cache"),
    ("desktop.ini", "Windows Explorer's folder settings"),
    ("ehthumbs.db", "Windows Media Center's thumbnail cache"),
];

/// Endings of archives: a backup kept beside the capture is not read as a capture.
const ARCHIVE_ENDINGS: &[&str] = &[
    ".tar.gz", ".tgz", ".tar", ".gz", ".zip", ".7z", ".rar", ".bz2", ".xz",
];

/// Why a file name is not a capture file, if it is one of the known kinds of junk.
pub fn why(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    if let Some((_, why)) = JUNK_NAMES.iter().find(|(n, _)| *n == lower) {
        return Some(why);
    }
    if lower.starts_with("._") {
        return Some("a macOS resource fork (AppleDouble) a copy to a share left");
    }
    if lower.starts_with("~$") || lower.starts_with(".~lock.") {
        return Some("an office program's lock file");
    }
    if ARCHIVE_ENDINGS.iter().any(|e| lower.ends_with(e)) {
        return Some("an archive (a backup kept beside the capture)");
    }
    if lower.starts_with('.') {
        return Some("a hidden file");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::why;

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
            assert!(why(name).is_some(), "{name}");
        }
        for name in ["rg01.log", "domains.csv", "rg01-export.cfg", "policy.json"] {
            assert!(why(name).is_none(), "{name}");
        }
    }
}

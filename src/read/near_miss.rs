//! Near misses: a line that was not read, but that, once its look-alike characters are read as
//! ASCII, resembles what a capture is made of (a prompt, a command the vendor's catalog knows,
//! a list entry). A count of unread lines does not say that something meant was lost; a
//! warning on the line does.

use crate::base::message::Message;
use crate::capture::{Note, NoteKind, SourceRead};
use crate::source::junk::Junk;
use crate::vendors::Vendor;

/// Endings of the files a capture of a CLI session, an admin-protocol transcript or a config
/// export is saved as (`rg01.log`, `rg01.cfg`, `rg02.txt`).
const CAPTURE_ENDINGS: &[&str] = &[".log", ".cfg", ".txt"];

/// A file a walk skipped as junk that is named as a capture is (a hidden `.rg01.log`, an
/// archive `rg01.log.gz`): what the warning says, naming the capture it may hold. Resource
/// forks and lock files are never captures, whatever their names.
pub(super) fn skipped_capture(name: &str) -> Option<Message> {
    let kind = crate::source::junk::kind(name)?;
    let lower = name.to_lowercase();
    let inner = match kind {
        Junk::Hidden => lower.trim_start_matches('.').to_string(),
        Junk::Archive => {
            let end = [
                ".tar.gz", ".tgz", ".gz", ".zip", ".7z", ".rar", ".bz2", ".xz", ".tar",
            ]
            .iter()
            .find(|e| lower.ends_with(*e))?;
            lower[..lower.len() - end.len()].to_string()
        }
        _ => return None,
    };
    let capture_like = CAPTURE_ENDINGS
        .iter()
        .any(|e| inner.len() > e.len() && inner.ends_with(e));
    capture_like.then(|| {
        let how = match kind {
            Junk::Archive => "archive",
            _ => "hidden",
        };
        crate::message!(
            "reading-skipped-capture-near-miss",
            file = name,
            capture = inner.as_str(),
            how = how
        )
    })
}

/// What an unread line resembles, as the `what` of the warning.
fn resembles(text: &str, vendor: &dyn Vendor) -> Option<&'static str> {
    let folded = crate::source::fold_lookalikes(text);
    let line = folded.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (prompt, rest) = match crate::source::prompt_len(line) {
        Some(len) => (true, line[len..].trim()),
        None => (false, line),
    };
    let known = |command: &str| {
        vendor
            .knowledge()
            .and_then(|k| k.form_confirmed(command))
            .is_some()
    };
    // A command after a prompt the reader did not take for one (`rg01) smtp get x`).
    let words: Vec<&str> = rest.split_whitespace().collect();
    let command = (0..words.len().min(3))
        .map(|skip| words[skip..].join(" "))
        .any(|tail| tail.split(' ').count() >= 2 && known(&tail));
    if command {
        return Some("command");
    }
    if prompt {
        return Some("prompt");
    }
    let entry = rest.trim_start_matches(['•', '・', '-', '*', ' ']);
    let entry_like = entry.contains('@')
        && !entry.contains(char::is_whitespace)
        && entry.len() <= 254
        && entry.chars().filter(|&c| c == '@').count() == 1;
    entry_like.then_some("entry")
}

/// Adds a warning for each unread line of `read` that resembles something meant.
pub(super) fn warn(read: &mut SourceRead, vendor: &dyn Vendor) {
    // A line something else was said about (a refused command) is no miss.
    let said: std::collections::BTreeSet<u32> = read
        .notes
        .iter()
        .filter(|n| !matches!(n.kind, NoteKind::Unrecognized(_)))
        .map(|n| n.line)
        .collect();
    let misses: Vec<Note> = read
        .notes
        .iter()
        .filter(|n| matches!(n.kind, NoteKind::Unrecognized(_)) && !said.contains(&n.line))
        .filter_map(|n| {
            let what = resembles(&n.text, vendor)?;
            let said = crate::message!("reading-near-miss", what = what);
            Some(Note::warning(n.line, said))
        })
        .collect();
    read.notes.extend(misses);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capture_hidden_or_packed_is_a_near_miss_and_junk_is_not() {
        for (name, capture) in [
            (".rg01.log", "rg01.log"),
            ("rg01-4.1.9-export.cfg.gz", "rg01-4.1.9-export.cfg"),
            ("rg02.txt.zip", "rg02.txt"),
        ] {
            let said = skipped_capture(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(
                said.arg("capture"),
                Some(&crate::base::message::Arg::Text(capture.into()))
            );
        }
        for name in [
            "._rg01.log",
            "~$rg01.log",
            ".DS_Store",
            "backup.tar.gz",
            ".gitignore",
        ] {
            assert!(skipped_capture(name).is_none(), "{name}");
        }
    }
}

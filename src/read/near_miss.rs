//! Near misses: a line that was not read, but that, once its look-alike characters are read as
//! ASCII, resembles what a capture is made of (a prompt, a command the vendor's catalog knows,
//! a list entry). A count of unread lines does not say that something meant was lost; a
//! warning on the line does.

use crate::capture::{Note, NoteKind, SourceRead};
use crate::vendors::Vendor;

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

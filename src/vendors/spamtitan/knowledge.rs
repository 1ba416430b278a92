//! The SpamTitan releases carryover knows, from the RON files in `knowledge/`.

use std::sync::OnceLock;

use crate::knowledge::{parse_console, parse_release_with_japanese, ConsoleField, Release};

/// Every known SpamTitan release note, oldest first.
pub fn releases() -> &'static [Release] {
    static RELEASES: OnceLock<Vec<Release>> = OnceLock::new();
    RELEASES.get_or_init(|| {
        vec![parse_release_with_japanese(
            include_str!("knowledge/spamtitan-7.09.ron"),
            include_str!("knowledge/spamtitan-7.09.ja.ron"),
        )
        .expect("the shipped knowledge base is valid (tested)")]
    })
}

/// The text of the release note the 7.09 entries quote.
pub const RELEASE_NOTE_7_09: &str = include_str!("knowledge/spamtitan-7.09-release-note.ja.txt");

/// Where the web console sets what no API call writes.
pub fn console() -> &'static [ConsoleField] {
    static CONSOLE: OnceLock<Vec<ConsoleField>> = OnceLock::new();
    CONSOLE.get_or_init(|| {
        parse_console(include_str!("knowledge/console.ron"))
            .expect("the shipped console map is valid (tested)")
    })
}

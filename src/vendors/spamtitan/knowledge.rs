//! The SpamTitan releases carryover knows, from the RON files in `knowledge/`.

use std::sync::OnceLock;

use crate::knowledge::{parse_release, Release};

/// Every known SpamTitan release note, oldest first.
pub fn releases() -> &'static [Release] {
    static RELEASES: OnceLock<Vec<Release>> = OnceLock::new();
    RELEASES.get_or_init(|| {
        vec![parse_release(include_str!("knowledge/spamtitan-7.09.ron"))
            .expect("the shipped knowledge base is valid (tested)")]
    })
}

/// The text of the release note the 7.09 entries quote.
pub const RELEASE_NOTE_7_09: &str = include_str!("knowledge/spamtitan-7.09-release-note.ja.txt");

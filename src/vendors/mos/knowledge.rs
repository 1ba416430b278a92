//! The MOS releases carryover knows, from the RON files in `knowledge/`.

use std::sync::OnceLock;

use crate::knowledge::{parse_release_with_japanese, Release};

/// Every known MOS release note, oldest first.
pub fn releases() -> &'static [Release] {
    static RELEASES: OnceLock<Vec<Release>> = OnceLock::new();
    RELEASES.get_or_init(|| {
        vec![parse_release_with_japanese(
            include_str!("knowledge/mos-4.2.3.ron"),
            include_str!("knowledge/mos-4.2.3.ja.ron"),
        )
        .expect("the shipped knowledge base is valid (tested)")]
    })
}

/// The text of the release note an entry quotes, for checking the quotes.
pub const RELEASE_NOTE_4_2_3: &str = include_str!("knowledge/mos-4.2.3-ga-release-note.ja.txt");

//! The SpamTitan side of the vendor-neutral operations. Its REST write forms are not in
//! carryover yet: `restore` for SpamTitan writes nothing rather than guess.

use crate::knowledge::Release;
use crate::model::{Config, SourceKind};
use crate::vendor::Dialect;

/// SpamTitan Gateway.
pub struct SpamTitan;

impl Dialect for SpamTitan {
    fn releases(&self) -> &'static [Release] {
        super::knowledge::releases()
    }

    /// Shell quoting: a single-quoted word, `'` written as `'\''`.
    fn quote(&self, word: &str) -> String {
        format!("'{}'", word.replace('\'', "'\\''"))
    }

    fn read_setting(&self, _: &str) -> Option<String> {
        None
    }

    fn read_list(&self, _: &str, _: &str) -> Option<String> {
        None
    }

    fn read_message(&self, _: &str, _: &str) -> Vec<String> {
        Vec::new()
    }

    fn list_scopes(&self, config: &Config) -> Vec<String> {
        config.lists.keys().cloned().collect()
    }

    fn write_setting(&self, _: &str, _: &str) -> Option<String> {
        None
    }

    fn write_list_entry(&self, _: &str, _: &str, _: &str) -> Option<String> {
        None
    }

    fn write_message(&self, _: &str, _: &str) -> Option<String> {
        None
    }

    fn write_trusted_host(&self, _: &str, _: &str, _: &str) -> Option<Vec<String>> {
        None
    }

    fn enter_scope(&self, _: &str) -> Option<String> {
        None
    }

    fn identity(&self, _: &str, _: SourceKind) -> Option<String> {
        // A capture directory is one appliance, named by the directory.
        None
    }

    fn can_restore(&self) -> bool {
        false
    }

    fn volatile(&self) -> &'static [String] {
        &[]
    }

    fn capture_commands(&self, _: &Config) -> Vec<(String, String)> {
        Vec::new()
    }
}

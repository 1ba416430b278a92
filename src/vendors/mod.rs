//! Vendors: each turns its syntax trees into model [`Change`](crate::model::Change)s, using its
//! own catalog of command forms. Nothing outside a vendor's folder knows its commands: the
//! operations reach them through [`Dialect`], readers through [`capture_dir`] and
//! [`read_capture_dir`].

pub mod mos;
pub mod spamtitan;

/// Something a reader noticed about a line that did not become model data, or that it had to
/// work around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: u32,
    pub kind: NoteKind,
    /// The line's text, or the message.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    /// The line did not become model data; the reason says why.
    Unrecognized(&'static str),
    /// The appliance refused the command (NO or BAD): it changed nothing.
    Rejected(String),
    /// A problem that reading worked around.
    Warning,
}

use crate::knowledge::Release;
use crate::model::Config;

/// What the vendor-neutral operations (`gaps`, `plan`, `capture`, `restore`) need to know of a
/// vendor: its release notes and how its commands are written.
pub trait Dialect: Sync {
    fn releases(&self) -> &'static [Release];
    /// A word quoted so the appliance reads it back as it is.
    fn quote(&self, word: &str) -> String;
    /// The command that shows a setting (`smtp.fastpath`).
    fn read_setting(&self, name: &str) -> Option<String>;
    /// The command that shows a list in a scope.
    fn read_list(&self, scope: &str, list: &str) -> Option<String>;
    /// The commands that show a message in a scope.
    fn read_message(&self, scope: &str, name: &str) -> Vec<String>;
    /// Every scope a list can have on this appliance.
    fn list_scopes(&self, config: &Config) -> Vec<String>;
    /// The command that sets a setting (`smtp.fastpath`) of a scope to a value.
    fn write_setting(&self, scope: &str, name: &str, value: &str) -> Option<String>;
    /// The command that adds an entry to a list.
    fn write_list_entry(&self, scope: &str, list: &str, entry: &str) -> Option<String>;
    /// The command that sets a message in the current scope (may span lines: a literal).
    fn write_message(&self, name: &str, text: &str) -> Option<String>;
    /// The lines that add a trusted host with its key block.
    fn write_trusted_host(&self, group: &str, host: &str, key: &str) -> Option<Vec<String>>;
    /// The command that makes a domain the current scope; `""` goes back to the system.
    fn enter_scope(&self, domain: &str) -> Option<String>;
    /// The appliance's own import files for what the model holds, if it has such a format:
    /// `(relative path, contents)`.
    fn import_files(&self, _config: &Config) -> Option<Vec<(String, String)>> {
        None
    }
    /// A script that makes a whole capture, for vendors captured through an API rather than a
    /// logged CLI session.
    fn capture_script(&self) -> Option<&'static str> {
        None
    }
    /// The first lines of a restore script, around its header remarks (`# ...` lines).
    fn script_start(&self, header: Vec<String>) -> Vec<String> {
        header
    }
    /// Glob patterns of item paths that change by themselves, left out of diffs.
    fn volatile(&self) -> &'static [String];
    /// The short host name a capture names, read cheaply from its first lines.
    fn identity(&self, text: &str, kind: crate::model::SourceKind) -> Option<String>;
    /// Commands to run and log so that a capture holds what the operations need, each with why.
    fn capture_commands(&self, config: &Config) -> Vec<(String, String)>;
}

/// The dialect of a model's vendor.
pub fn dialect(vendor: crate::model::Vendor) -> &'static dyn Dialect {
    match vendor {
        crate::model::Vendor::MirapointMos => &mos::Mos,
        crate::model::Vendor::Spamtitan => &spamtitan::dialect::SpamTitan,
    }
}

/// The vendor whose capture is a whole directory (one appliance), if `dir` is one.
pub fn capture_dir(dir: &std::path::Path) -> Option<crate::model::Vendor> {
    spamtitan::capture::is_capture_dir(dir).then_some(crate::model::Vendor::Spamtitan)
}

/// Reads a capture directory of `vendor`, file by file; `first_index` numbers the files'
/// sources from there.
pub fn read_capture_dir(
    vendor: crate::model::Vendor,
    dir: &std::path::Path,
    first_index: u32,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> crate::error::Result<Vec<spamtitan::capture::FileRead>> {
    match vendor {
        crate::model::Vendor::Spamtitan => spamtitan::capture::read(dir, first_index, encoding),
        crate::model::Vendor::MirapointMos => Ok(Vec::new()),
    }
}

/// For a lone file a vendor reads on its own (git's textconv hands over one file), that
/// vendor's reading of it.
pub fn read_lone_file(
    path: &std::path::Path,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Option<crate::error::Result<(crate::model::Vendor, spamtitan::capture::FileRead)>> {
    let name = path.file_name()?.to_string_lossy();
    spamtitan::capture::is_capture_file(&name).then(|| {
        spamtitan::capture::read_file(path, 0, encoding)
            .map(|read| (crate::model::Vendor::Spamtitan, read))
    })
}

//! Vendors behind one boundary. Each appliance family lives in its own folder and registers
//! one line in [`REGISTRY`]. A vendor says how strongly it claims an input, which appliance a
//! capture is of, and how to read it into neutral [`SourceRead`]s; everything else it can do
//! is a small capability trait it may or may not offer:
//!
//! - [`Knowledge`]: release notes for `gaps`, `plan` and `restore`;
//! - [`CapturePlan`]: how to capture what the rules need;
//! - [`RestoreScript`]: how restore scripts are framed and written;
//! - [`ImportFiles`]: the appliance's own UI import files;
//! - [`UpdateLogs`]: checking the logs of system updates.
//!
//! Nothing outside this folder names a vendor: the readers, the operations and the renderers
//! reach them through the registry. `docs/ADDING_A_VENDOR.md` walks through adding one.

pub mod mos;
pub mod spamtitan;

#[cfg(test)]
mod plain;

use std::path::Path;

use crate::capture::ReadOptions;
pub use crate::capture::{Note, NoteKind, SourceRead};
use crate::error::{Error, Result};
use crate::knowledge::Release;
use crate::model::{Config, SourceKind, VendorId};
use crate::source::Source;
use crate::update_log::UpdateRun;

/// Every vendor carryover knows, strongest claim first on a tie.
#[cfg(not(test))]
pub const REGISTRY: &[&dyn Vendor] = &[&mos::Mos, &spamtitan::SpamTitan];
/// Every vendor carryover knows, and the test-only `plain` vendor that proves the boundary.
#[cfg(test)]
pub const REGISTRY: &[&dyn Vendor] = &[&mos::Mos, &spamtitan::SpamTitan, &plain::Plain];

/// What a vendor is shown to decide whether an input is its own.
#[derive(Debug, Clone, Copy)]
pub enum Sample<'a> {
    /// A file, decoded: its path and its text (all of it, or a large head of it).
    File {
        /// The path as the user named it.
        path: &'a Path,
        /// The decoded, cleaned text.
        text: &'a str,
    },
    /// A directory that may be one whole capture.
    Dir {
        /// The directory.
        path: &'a Path,
    },
}

/// How strongly a vendor claims an input, from 0 (not at all) to 100 (certain), what kind of
/// capture it takes the input for, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The evidence score.
    pub score: u8,
    /// What kind of capture the vendor takes the input for.
    pub kind: SourceKind,
    /// What the score rests on, for messages.
    pub evidence: String,
}

impl Claim {
    /// No claim.
    pub fn none() -> Claim {
        Claim {
            score: 0,
            kind: SourceKind::Export,
            evidence: String::new(),
        }
    }

    /// A claim of `score` that the input is a `kind`, resting on `evidence`.
    pub fn of(score: u8, kind: SourceKind, evidence: impl Into<String>) -> Claim {
        Claim {
            score,
            kind,
            evidence: evidence.into(),
        }
    }
}

/// One appliance family: what every vendor must answer. Capabilities default to "not
/// offered"; the caller turns that into a message the user sees ([`unsupported`]).
pub trait Vendor: Sync {
    /// The id models carry (`mirapoint-mos`).
    fn id(&self) -> VendorId;
    /// The name users know (`Mirapoint MOS`).
    fn title(&self) -> &'static str;
    /// How strongly this vendor claims an input.
    fn claims(&self, sample: &Sample<'_>) -> Claim;
    /// Which appliance a claimed input is of: its short host name, lower-cased.
    fn identify(&self, sample: &Sample<'_>) -> Option<String>;
    /// Reads one claimed file; its source will have index `index` in the model.
    fn read_file(&self, source: &Source, index: u32, options: &ReadOptions) -> Result<SourceRead>;
    /// Reads one claimed directory (one whole capture), file by file; the sources are numbered
    /// from `first_index`.
    fn read_dir(
        &self,
        dir: &Path,
        _first_index: u32,
        _options: &ReadOptions,
    ) -> Result<Vec<SourceRead>> {
        Err(unsupported(
            self.title(),
            &format!("reading {}", dir.display()),
        ))
    }
    /// Glob patterns of item paths that change by themselves, left out of diffs.
    fn volatile(&self) -> &'static [String] {
        &[]
    }
    /// Release notes, if carryover has any for this vendor.
    fn knowledge(&self) -> Option<&dyn Knowledge> {
        None
    }
    /// How to capture what the rules need.
    fn capture_plan(&self) -> Option<&dyn CapturePlan> {
        None
    }
    /// How restore scripts are written.
    fn restore_script(&self) -> Option<&dyn RestoreScript> {
        None
    }
    /// The appliance's own UI import files.
    fn import_files(&self) -> Option<&dyn ImportFiles> {
        None
    }
    /// Checking system update logs.
    fn update_logs(&self) -> Option<&dyn UpdateLogs> {
        None
    }
}

/// Release notes and how their remedies are written.
pub trait Knowledge: Sync {
    /// The release notes, oldest first.
    fn releases(&self) -> &'static [Release];
    /// A word quoted so the appliance reads it back as it is (remedy templates).
    fn quote(&self, word: &str) -> String;
    /// The step that installs a patch a release note recommends.
    fn install_patch(&self, name: &str, url: &str, parameters: &str) -> String;
    /// The steps that install an upgrade package.
    fn install_package(&self, file: &str, url: &str) -> Vec<String>;
    /// Where the admin console sets settings no command writes.
    fn console(&self) -> &'static [crate::knowledge::ConsoleField] {
        &[]
    }
}

/// How a capture of this vendor's appliance is made.
pub trait CapturePlan: Sync {
    /// The commands every capture should hold, whatever the rules, each with why.
    fn base_commands(&self, config: &Config) -> Vec<(String, String)>;
    /// A whole capture script to run instead of commands, where the vendor has one.
    fn script(&self) -> Option<&'static str> {
        None
    }
    /// How to capture the appliance again after an upgrade, in one sentence (the runbook's
    /// check); [`CapturePlan::base_commands`] and the rules' commands follow it, if any.
    fn how_to_recapture(&self) -> String;
    /// The command that shows a setting (`smtp.fastpath`).
    fn read_setting(&self, _name: &str) -> Option<String> {
        None
    }
    /// The command that shows a list in a scope.
    fn read_list(&self, _scope: &str, _list: &str) -> Option<String> {
        None
    }
    /// The commands that show a message in a scope.
    fn read_message(&self, _scope: &str, _name: &str) -> Vec<String> {
        Vec::new()
    }
    /// The commands that show the range of any other item path (`keys/...`,
    /// `trusted_hosts/<group>/...`, `licenses/...`, `updates/...`, `appliance/version`).
    fn read_item(&self, _path: &str) -> Vec<String> {
        Vec::new()
    }
    /// Every scope a list can have on this appliance.
    fn list_scopes(&self, config: &Config) -> Vec<String> {
        config.lists.keys().cloned().collect()
    }
}

/// How a restore script is framed and how each kind of item is written into it.
pub trait RestoreScript: Sync {
    /// The first lines of a restore script, around its header remarks (`# ...` lines).
    fn script_start(&self, header: Vec<String>) -> Vec<String> {
        header
    }
    /// The command that sets a setting of a scope to a value.
    fn write_setting(&self, scope: &str, name: &str, value: &str) -> Option<String>;
    /// The command that adds an entry to a list.
    fn write_list_entry(&self, scope: &str, list: &str, entry: &str) -> Option<String>;
    /// The command that sets a message in the current scope (may span lines: a literal).
    fn write_message(&self, _name: &str, _text: &str) -> Option<String> {
        None
    }
    /// The lines that add a trusted host with its key block.
    fn write_trusted_host(&self, _group: &str, _host: &str, _key: &str) -> Option<Vec<String>> {
        None
    }
    /// The command that makes a domain the current scope; `""` goes back to the system.
    fn enter_scope(&self, _domain: &str) -> Option<String> {
        None
    }
    /// How a person applies the script, in Markdown, for the runbook.
    fn how_to_apply(&self, script_name: &str) -> String;
}

/// The appliance's own import files for what a model holds.
pub trait ImportFiles: Sync {
    /// `(relative path, contents)` of every import file the model fills.
    fn files(&self, config: &Config) -> Vec<(String, String)>;
}

/// Checking the log of a system update.
pub trait UpdateLogs: Sync {
    /// What the log shows: versions, steps, services, anomalies.
    fn verify(&self, source: &Source) -> Result<UpdateRun>;
}

/// The error for a capability a vendor does not offer.
pub fn unsupported(vendor: &str, what: &str) -> Error {
    Error::Usage(format!("carryover cannot do {what} for {vendor} captures"))
}

/// The vendor registered under `id`.
pub fn by_id(id: VendorId) -> Result<&'static dyn Vendor> {
    REGISTRY
        .iter()
        .copied()
        .find(|v| v.id() == id)
        .ok_or_else(|| Error::Usage(format!("no vendor `{id}` is known")))
}

/// The vendor registered under a name a user typed (its id).
pub fn by_name(name: &str) -> Option<&'static dyn Vendor> {
    REGISTRY.iter().copied().find(|v| v.id().name() == name)
}

/// The vendor that claims a sample most strongly, with its claim; `None` when none claims it.
pub fn claimant(sample: &Sample<'_>) -> Option<(&'static dyn Vendor, Claim)> {
    let mut best: Option<(&'static dyn Vendor, Claim)> = None;
    for vendor in REGISTRY.iter().copied() {
        let claim = vendor.claims(sample);
        if claim.score > 0 && best.as_ref().is_none_or(|(_, b)| claim.score > b.score) {
            best = Some((vendor, claim));
        }
    }
    best
}

/// The vendor whose whole capture a directory is, if any.
pub fn claimant_of_dir(dir: &Path) -> Option<&'static dyn Vendor> {
    claimant(&Sample::Dir { path: dir }).map(|(v, _)| v)
}

/// The release notes of a vendor, or an error that says carryover has none.
pub fn knowledge_of(vendor: &'static dyn Vendor) -> Result<&'static dyn Knowledge> {
    vendor.knowledge().ok_or_else(|| {
        Error::Usage(format!(
            "carryover has no release notes for {} yet: show, diff and track work, gaps, plan and restore do not",
            vendor.title()
        ))
    })
}

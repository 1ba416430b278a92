//! Mirapoint MOS: CLI session logs, admin-protocol transcripts and config exports.
//!
//! `syntax` turns text into lossless trees by the grammars in `grammar/mos_*.pest`;
//! `interpret` turns trees into model changes by the command forms in `catalog.ron`; `forms`
//! writes commands back from the same forms; `knowledge/` holds the release notes.

pub mod catalog;
mod forms;
pub mod identity;
pub mod interpret;
pub mod knowledge;
pub mod read;
pub mod secrets;
pub mod syntax;

use crate::capture::{ReadOptions, SourceRead};
use crate::error::Result;
use crate::model::{SourceKind, VendorId};
use crate::source::Source;
use crate::vendors::{CapturePlan, Claim, Knowledge, RestoreScript, Sample, Vendor};

pub use catalog::Catalog;
pub use interpret::Interpreter;

/// Mirapoint MOS (Message Server and RazorGate appliances).
pub struct Mos;

/// The id MOS models carry.
pub const ID: VendorId = VendorId("mirapoint-mos");

impl Vendor for Mos {
    fn id(&self) -> VendorId {
        ID
    }

    fn title(&self) -> &'static str {
        "Mirapoint MOS"
    }

    fn claims(&self, sample: &Sample<'_>) -> Claim {
        let Sample::File { text, .. } = sample else {
            return Claim::none();
        };
        let kind = read::detect(text);
        match kind {
            SourceKind::Protocol => {
                Claim::of(60, kind, "an admin-protocol greeting or tagged completions")
            }
            SourceKind::Export => Claim::of(60, kind, "a config export's comment header"),
            // Anything else is read as a CLI log, as it always was; a prompt makes it likely.
            SourceKind::CliLog if identity::host(text, kind).is_some() => {
                Claim::of(50, kind, "a MOS CLI prompt")
            }
            SourceKind::CliLog => Claim::of(10, kind, "text, read as a CLI log"),
        }
    }

    fn identify(&self, sample: &Sample<'_>) -> Option<String> {
        let Sample::File { text, .. } = sample else {
            return None;
        };
        identity::host(text, read::detect(text))
    }

    fn read_file(&self, source: &Source, index: u32, options: &ReadOptions) -> Result<SourceRead> {
        read::read_source(source, index, options)
    }

    fn volatile(&self) -> &'static [String] {
        &Catalog::get().volatile
    }

    fn knowledge(&self) -> Option<&dyn Knowledge> {
        Some(self)
    }

    fn capture_plan(&self) -> Option<&dyn CapturePlan> {
        Some(self)
    }

    fn restore_script(&self) -> Option<&dyn RestoreScript> {
        Some(self)
    }
}

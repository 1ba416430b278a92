//! Mirapoint MOS: CLI session logs, admin-protocol transcripts and config exports.
//!
//! `syntax` turns text into lossless trees by the grammars in `grammar/mos_*.pest`;
//! `interpret` turns trees into model changes by the command forms in `catalog.ron`; `forms`
//! writes commands back from the same forms; `knowledge/` holds the release notes.

pub mod apply;
pub(crate) mod catalog;
mod entries;
pub(crate) mod evidence;
mod fetch;
mod forms;
pub mod generate;
pub(crate) mod identity;
pub(crate) mod interpret;
pub mod knowledge;
pub mod read;
mod release;
pub mod syntax;

use crate::base::error::Result;
use crate::base::message::Message;
use crate::capture::{ReadOptions, SourceRead};
use crate::model::VendorId;
use crate::source::Source;
use crate::vendors::{CapturePlan, Claim, Knowledge, RestoreScript, Sample, Vendor};

pub use catalog::Catalog;
pub use interpret::Interpreter;

/// Mirapoint MOS (Message Server and RazorGate appliances).
pub struct Mos;

/// The id MOS models carry.
pub const ID: VendorId = VendorId("mirapoint-mos");

/// Which of this vendor's fields hold secrets: `secrets.ron`, on top of the neutral list.
static SECRETS: crate::vendors::SecretFields =
    crate::vendors::SecretFields::new(include_str!("secrets.ron"));

impl Vendor for Mos {
    fn id(&self) -> VendorId {
        ID
    }

    fn title(&self) -> &'static str {
        "Mirapoint MOS"
    }

    fn claims(&self, sample: &Sample<'_>) -> Claim {
        self.claims_each(sample)
            .into_iter()
            .next()
            .unwrap_or_else(Claim::none)
    }

    /// One claim per MOS kind, best first, each scored by `evidence::weigh`.
    fn claims_each(&self, sample: &Sample<'_>) -> Vec<Claim> {
        let Sample::File { text, .. } = sample else {
            return vec![Claim::none()];
        };
        evidence::weigh(text)
            .into_iter()
            .map(|w| Claim::of(w.score, w.kind, w.evidence()))
            .collect()
    }

    fn expects(&self) -> Message {
        crate::message!("mos-expects")
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

    fn known(&self) -> crate::model::canonical::Known {
        Catalog::get().known()
    }

    fn knowledge(&self) -> Option<&dyn Knowledge> {
        Some(self)
    }

    fn capture_plan(&self) -> Option<&dyn CapturePlan> {
        Some(self)
    }

    fn fetch(&self) -> Option<&dyn crate::vendors::Fetch> {
        Some(self)
    }

    fn restore_script(&self) -> Option<&dyn RestoreScript> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_secret_list_reads_and_matches() {
        assert!(super::SECRETS.names().matches("ldap_password"));
        assert!(!super::SECRETS.names().matches("destination"));
    }
}

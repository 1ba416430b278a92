//! SpamTitan: capture folders (settings, domains, allow and block lists, REST answers) and
//! system update logs.
//!
//! `evidence` decides whether a folder is a capture; `folder` reads one file by file, by the
//! kind `names` gives each path: `domains_csv`, `lists` (entries in one form by `address`),
//! `api_json` (by `schema.ron`); `forms` writes restore scripts by the API forms in `api.ron`;
//! `import` writes the UI's import files; `knowledge/` holds the release notes; `update_log`
//! checks an update's log by `grammar/spamtitan_update_log.pest`.

pub(crate) mod address;
mod api_json;
pub mod apply;
pub mod by_hand;
mod domains_csv;
pub(crate) mod evidence;
pub mod fetch;
pub(crate) mod folder;
mod forms;
pub(crate) mod import;
pub mod knowledge;
pub(crate) mod legacy_xml;
pub(crate) mod lists;
pub(crate) mod names;
pub mod update_log;

use std::path::Path;

use crate::base::error::Result;
use crate::capture::{ReadOptions, SourceRead};
use crate::model::update_log::UpdateRun;
use crate::model::{SourceKind, VendorId};
use crate::source::Source;
use crate::vendors::{
    CapturePlan, Claim, ImportFiles, Knowledge, RestoreScript, Sample, UpdateLogs, Vendor,
};

/// SpamTitan Gateway.
pub struct SpamTitan;

/// The id SpamTitan models carry.
pub const ID: VendorId = VendorId("spamtitan");

/// Which of this vendor's fields hold secrets: `secrets.ron`, on top of the neutral list.
static SECRETS: crate::vendors::SecretFields =
    crate::vendors::SecretFields::new(include_str!("secrets.ron"));

impl Vendor for SpamTitan {
    fn id(&self) -> VendorId {
        ID
    }

    fn title(&self) -> &'static str {
        "SpamTitan"
    }

    fn claims(&self, sample: &Sample<'_>) -> Claim {
        match sample {
            Sample::Dir { path } => {
                let (score, found) = evidence::score(path);
                if score < evidence::CLAIM_AT {
                    return Claim::none();
                }
                let score = u8::try_from(score).unwrap_or(100);
                let found = crate::vendors::listed(found);
                let found = found.unwrap_or_else(|| crate::message!("vendors-no-evidence"));
                Claim::of(score, SourceKind::Export, found)
            }
            Sample::File { path, text } => {
                let name = path.file_name().map(|n| n.to_string_lossy());
                if let Some(json) = name
                    .as_deref()
                    .filter(|n| n.to_lowercase().ends_with(".json"))
                {
                    return json_claim(json, text);
                }
                if name.as_deref().is_some_and(names::is_capture_file) {
                    // An update log tells what happened on the appliance: a live capture, never
                    // the export its settings are compared with.
                    let kind = match name.as_deref().map(names::classify) {
                        Some(names::FileKind::UpdateLog) => SourceKind::CliLog,
                        _ => SourceKind::Export,
                    };
                    Claim::of(40, kind, crate::message!("st-evidence-file-name"))
                } else {
                    Claim::none()
                }
            }
        }
    }

    fn identify(&self, sample: &Sample<'_>) -> Option<String> {
        // A capture folder is one appliance: named by a file that holds its name, else by
        // the folder.
        let Sample::Dir { path } = sample else {
            return None;
        };
        folder::own_name(path)
    }

    fn read_file(&self, source: &Source, index: u32, _: &ReadOptions) -> Result<SourceRead> {
        // A JSON file named alone is an answer of the appliance's only by what it holds (a
        // call `fetch` made is one by the call, and is checked by the path it is saved at).
        let name = Path::new(&*source.path).file_name();
        let name = name.map_or(String::new(), |n| n.to_string_lossy().into_owned());
        if name.to_lowercase().ends_with(".json") {
            api_json::check_lone(&source.path, &name, &source.text)?;
        }
        folder::read_lone(source, index)
    }

    fn read_dir(
        &self,
        dir: &Path,
        first_index: u32,
        options: &ReadOptions,
    ) -> Result<Vec<SourceRead>> {
        folder::read(dir, first_index, options.encoding)
    }

    fn knowledge(&self) -> Option<&dyn Knowledge> {
        Some(self)
    }

    fn known(&self) -> crate::model::canonical::Known {
        forms::known()
    }

    fn capture_plan(&self) -> Option<&dyn CapturePlan> {
        Some(self)
    }

    fn restore_script(&self) -> Option<&dyn RestoreScript> {
        Some(self)
    }

    fn import_files(&self) -> Option<&dyn ImportFiles> {
        Some(self)
    }

    fn update_logs(&self) -> Option<&dyn UpdateLogs> {
        Some(self)
    }

    fn fetch(&self) -> Option<&dyn crate::vendors::Fetch> {
        Some(self)
    }
}

/// A JSON file saved alone: a REST answer when it holds keys of one, else only weakly claimed
/// for its name, so that reading it fails as no clear capture, saying what was expected.
fn json_claim(name: &str, text: &str) -> Claim {
    match api_json::answer_evidence(name, text) {
        Some(evidence) => Claim::of(40, SourceKind::Export, evidence),
        None => Claim::of(
            10,
            SourceKind::Export,
            crate::message!("st-evidence-json-name"),
        ),
    }
}

impl UpdateLogs for SpamTitan {
    fn verify(&self, source: &Source) -> Result<UpdateRun> {
        update_log::verify(source)
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

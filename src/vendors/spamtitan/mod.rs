//! SpamTitan: capture folders (settings, domains, allow and block lists, REST answers) and
//! system update logs.
//!
//! `folder` reads a capture folder file by file; `forms` writes restore scripts by the API
//! forms in `api.ron`; `import` writes the UI's import files; `knowledge/` holds the release
//! notes; `update_log` checks an update's log by `grammar/spamtitan_update_log.pest`.

pub mod folder;
mod forms;
pub mod import;
pub mod knowledge;
pub mod secrets;
pub mod update_log;

use std::path::Path;

use crate::capture::{ReadOptions, SourceRead};
use crate::error::Result;
use crate::model::{SourceKind, VendorId};
use crate::source::Source;
use crate::update_log::UpdateRun;
use crate::vendors::{
    CapturePlan, Claim, ImportFiles, Knowledge, RestoreScript, Sample, UpdateLogs, Vendor,
};

/// SpamTitan Gateway.
pub struct SpamTitan;

/// The id SpamTitan models carry.
pub const ID: VendorId = VendorId("spamtitan");

impl Vendor for SpamTitan {
    fn id(&self) -> VendorId {
        ID
    }

    fn title(&self) -> &'static str {
        "SpamTitan"
    }

    fn claims(&self, sample: &Sample<'_>) -> Claim {
        match sample {
            Sample::Dir { path } if folder::is_capture_dir(path) => Claim::of(
                100,
                SourceKind::Export,
                "a capture folder with version.txt or domains.csv",
            ),
            Sample::Dir { .. } => Claim::none(),
            Sample::File { path, .. } => {
                let name = path.file_name().map(|n| n.to_string_lossy());
                if name.is_some_and(|n| folder::is_capture_file(&n)) {
                    Claim::of(
                        40,
                        SourceKind::Export,
                        "the name of a SpamTitan capture file",
                    )
                } else {
                    Claim::none()
                }
            }
        }
    }

    fn identify(&self, sample: &Sample<'_>) -> Option<String> {
        // A capture folder is one appliance, named by the folder.
        let Sample::Dir { path } = sample else {
            return None;
        };
        let name = path.canonicalize().ok()?;
        name.file_name().map(|n| n.to_string_lossy().into_owned())
    }

    fn read_file(&self, source: &Source, index: u32, _: &ReadOptions) -> Result<SourceRead> {
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
}

impl UpdateLogs for SpamTitan {
    fn verify(&self, source: &Source) -> Result<UpdateRun> {
        update_log::verify(source)
    }
}

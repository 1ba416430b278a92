//! The capture folder written beside the previous one, in a temporary folder inside the same
//! folder, and put in its place only once complete; until then, and on any failure, the
//! previous capture stays as it was and the temporary folder goes.
use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::super::names::{classify, FileKind};
use crate::fetch::FetchError;

/// A capture folder being written.
pub(super) struct Staged {
    dir: TempDir,
    target: PathBuf,
    into: PathBuf,
    stem: String,
}

fn failed(path: &Path, e: std::io::Error) -> FetchError {
    FetchError::Failed(crate::fetch::io_message(path, &e))
}

/// A new, empty folder for the capture of `stem` under `into`, which only its owner may enter
/// whatever the umask: an answer may hold a secret no catalog names.
pub(super) fn begin(into: &Path, stem: &str) -> Result<Staged, FetchError> {
    use std::os::unix::fs::PermissionsExt;
    fs::create_dir_all(into).map_err(|e| failed(into, e))?;
    let target = into.join(stem);
    previous(&target)?;
    let dir = tempfile::Builder::new()
        .permissions(fs::Permissions::from_mode(0o700))
        .prefix(&format!(".{stem}.fetching-"))
        .tempdir_in(into)
        .map_err(|e| failed(into, e))?;
    Ok(Staged {
        dir,
        target,
        into: into.to_path_buf(),
        stem: stem.to_string(),
    })
}

/// Whether a previous capture is there; something else by its name is an error.
fn previous(target: &Path) -> Result<bool, FetchError> {
    match fs::symlink_metadata(target) {
        Ok(m) if m.is_dir() => Ok(true),
        Ok(_) => Err(FetchError::Failed(crate::message!(
            "fetch-st-not-a-capture-folder",
            path = target.display().to_string()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(failed(target, e)),
    }
}

impl Staged {
    pub(super) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Copies what the user made and no call fetches (`by-hand.txt`, the domain export,
    /// update logs, `hostname.txt`) from the previous capture; writes the by-hand template
    /// when there is no filled-in one to keep.
    pub(super) fn keep_users_files(&self) -> Result<(), FetchError> {
        let mut by_hand = false;
        if previous(&self.target)? {
            let entries = fs::read_dir(&self.target).map_err(|e| failed(&self.target, e))?;
            for entry in entries {
                let entry = entry.map_err(|e| failed(&self.target, e))?;
                let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                    continue;
                };
                let kind = classify(&name);
                let users = matches!(
                    kind,
                    FileKind::ByHand
                        | FileKind::DomainsCsv
                        | FileKind::UpdateLog
                        | FileKind::Hostname
                );
                // Only plain files: a link could point anywhere.
                let file = entry.file_type().is_ok_and(|t| t.is_file());
                if users && file {
                    let to = self.path().join(&name);
                    fs::copy(entry.path(), &to).map_err(|e| failed(&entry.path(), e))?;
                    by_hand |= kind == FileKind::ByHand;
                }
            }
        }
        if !by_hand {
            let to = self.path().join("by-hand.txt");
            fs::write(&to, super::super::by_hand::template()).map_err(|e| failed(&to, e))?;
        }
        Ok(())
    }

    /// The users whose own lists the previous capture holds (`lists/user/<address>/`, each a
    /// folder, never a link), sorted: no API call lists the users, so fetch reads the lists of
    /// those captured once. Folder names that are not plain addresses are said apart: used in
    /// no call.
    pub(super) fn previous_users(&self) -> (Vec<String>, Vec<String>) {
        let folder = self.target.join("lists").join("user");
        let Ok(entries) = fs::read_dir(&folder) else {
            return (Vec::new(), Vec::new());
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
            .into_iter()
            .partition(|name| super::is_plain_address(name))
    }

    /// Puts the capture in place of the previous one, which is then removed.
    pub(super) fn commit(self) -> Result<PathBuf, FetchError> {
        let Staged {
            dir,
            target,
            into,
            stem,
        } = self;
        if !previous(&target)? {
            fs::rename(dir.path(), &target).map_err(|e| failed(&target, e))?;
            let _ = dir.keep();
            return Ok(target);
        }
        let old = tempfile::Builder::new()
            .prefix(&format!(".{stem}.replaced-"))
            .tempdir_in(&into)
            .map_err(|e| failed(&into, e))?;
        let parked = old.path().join(&stem);
        fs::rename(&target, &parked).map_err(|e| failed(&target, e))?;
        if let Err(e) = fs::rename(dir.path(), &target) {
            // Put the previous capture back; `dir` and `old` go when dropped.
            let _ = fs::rename(&parked, &target);
            return Err(failed(&target, e));
        }
        let _ = dir.keep();
        // `old`, holding the previous capture, is removed as it is dropped.
        drop(old);
        Ok(target)
    }
}

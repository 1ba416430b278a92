//! Writing output files atomically: every file is written to a temporary file beside it and
//! renamed into place only when all of them are complete, so a failed run leaves the user's
//! files as they were.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes each `(path, contents)`; `private` files are created readable by the owner only.
pub fn atomically(files: &[(PathBuf, String)], private: bool) -> Result<()> {
    let mut pending = Vec::new();
    for (path, contents) in files {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let shown = path.display().to_string();
        let mut temp = tempfile::Builder::new()
            .prefix(".carryover-")
            .tempfile_in(dir)
            .map_err(|e| Error::io(&shown, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = if private { 0o600 } else { 0o644 };
            std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(mode))
                .map_err(|e| Error::io(&shown, e))?;
        }
        // Renamed only once whole: a failed run never leaves a half-written file.
        temp.write_all(contents.as_bytes())
            .map_err(|e| Error::io(&shown, e))?;
        pending.push((temp, path.clone()));
    }
    for (temp, path) in pending {
        temp.persist(&path)
            .map_err(|e| Error::io(path.display().to_string(), e.error))?;
    }
    Ok(())
}

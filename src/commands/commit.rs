//! Committing what `track` wrote (by itself or for `fetch`): only its own files, with a message
//! that says, per appliance, what was added, removed and changed. Nothing changed: no commit.
//! [`crate::render::track::commit_message`] words the message.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::base::error::{Error, Result};
use crate::fetch::Committed;
use crate::message;
use crate::model::canonical;
use crate::model::Config;
use crate::ops::diff::{compare, DiffOptions};

/// How many items one stored model gained, lost and changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Items added.
    pub added: usize,
    /// Items removed, inside what the new captures looked at.
    pub removed: usize,
    /// Items whose value changed.
    pub changed: usize,
    /// Items stored before that the new captures did not look at: not captured, not removed.
    pub not_captured: usize,
    /// Items the new captures hold where the stored file wrote "not captured": captured for
    /// the first time, not added.
    pub newly_captured: usize,
}

impl Counts {
    /// Whether the configuration changed at all.
    pub fn any(&self) -> bool {
        self.added + self.removed + self.changed > 0
    }
}

/// What happened to one stored file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileChange {
    /// The appliance was not stored before.
    New,
    /// The stored model changed so.
    Changed(Counts),
    /// The file is rewritten in the current format from an older one, and no configuration
    /// changed.
    FormatOnly {
        /// The format version it was stored in.
        from: u32,
    },
    /// The file changed, but not by this run (a run without `--commit` before): no counts.
    Unknown,
    /// The file was deleted.
    Deleted,
}

/// One appliance's stored file in a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// `<vendor>/<host>`: the file's path in the repository without `.ron`.
    pub appliance: String,
    /// What happened to it.
    pub change: FileChange,
}

/// What a commit holds: the command that made it and each appliance's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// `track` or `fetch`.
    pub command: &'static str,
    /// Each file the commit holds, by path.
    pub stored: Vec<Stored>,
    /// The format version files are written in now.
    pub format_version: u32,
}

/// What changed from the stored text `old` (`None`: no file) to `config`, the model about to
/// be stored as `new`. Both texts are read back the same way, so only what the canonical form
/// shows counts; the coverage of `config` says what the new captures looked at, so an item
/// stored before that they did not look at is not captured, not removed. An item the stored
/// file lacked counts as added, unless the stored file wrote its list, setting or section as
/// not captured: then it is captured for the first time.
pub fn change(old: Option<&str>, new: &str, config: &Config) -> FileChange {
    let Some(old) = old else {
        return FileChange::New;
    };
    let from = canonical::stored_format_version(old).unwrap_or(0);
    let (Some(mut before), Some(mut after)) =
        (canonical::read_stored(old), canonical::read_stored(new))
    else {
        return FileChange::Unknown;
    };
    after.coverage = config.coverage.clone();
    // The FQDN only a pre-4.2 prompt shows is no change of name.
    crate::ops::diff::align_identity(&mut before, &mut after);
    let volatile = crate::vendors::by_id(config.vendor)
        .ok()
        .and_then(|vendor| super::diff::ignore_set(vendor.volatile(), &[]).ok());
    let is_ignored = |path: &str| volatile.as_ref().is_some_and(|set| set.is_match(path));
    let comparison = compare(
        &before,
        &after,
        &DiffOptions {
            ignore: &is_ignored,
            show_secrets: false,
        },
    );
    let count = |kind| comparison.changes.iter().filter(|d| d.kind == kind).count();
    let not_captured_in = |side| {
        let in_side = |n: &&crate::ops::diff::NotCompared| n.not_captured_in == side;
        comparison.not_compared.iter().filter(in_side).count()
    };
    let counts = Counts {
        added: count(crate::ops::diff::DiffKind::Added),
        removed: count(crate::ops::diff::DiffKind::Removed),
        changed: count(crate::ops::diff::DiffKind::Changed),
        not_captured: not_captured_in(crate::ops::diff::Side::B),
        newly_captured: not_captured_in(crate::ops::diff::Side::A),
    };
    if !counts.any() && from != canonical::FORMAT_VERSION {
        return FileChange::FormatOnly { from };
    }
    FileChange::Changed(counts)
}

/// Commits the stored files under `repo` with git, worded by `message`; makes the repository
/// first if `repo` is in none. `changes` says what this run did to each file, by its path in
/// the repository (`<vendor>/<host>.ron`); git says which files changed. Nothing changed: no
/// commit. Only the files track writes are added and committed: anything else under `repo`
/// (a note, a staged change, a password file left there) is the user's to commit.
pub fn commit(
    repo: &Path,
    command: &'static str,
    changes: &BTreeMap<String, FileChange>,
    message: &dyn Fn(&Summary) -> String,
) -> Result<Committed> {
    if git(repo, &["rev-parse", "--is-inside-work-tree"]).is_err() {
        git(repo, &["init", "--quiet"])?;
    }
    let tracked: Vec<String> = crate::vendors::REGISTRY
        .iter()
        .map(|v| v.id().to_string())
        .filter(|id| repo.join(id).is_dir())
        .map(|id| format!(":(glob){id}/*.ron"))
        .collect();
    if tracked.is_empty() {
        return Ok(Committed::default());
    }
    let with = |command: &[&str]| -> Vec<String> {
        command
            .iter()
            .map(|s| s.to_string())
            .chain(std::iter::once("--".to_string()))
            .chain(tracked.iter().cloned())
            .collect()
    };
    git(repo, &with(&["add", "--all"]))?;
    let status = git(
        repo,
        &with(&["diff", "--cached", "--name-status", "--relative"]),
    )?;
    let files: Vec<String> = status
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.replacen('\t', " ", 1))
        .collect();
    if files.is_empty() {
        return Ok(Committed::default());
    }
    let summary = Summary {
        command,
        stored: files.iter().filter_map(|f| stored(f, changes)).collect(),
        format_version: canonical::FORMAT_VERSION,
    };
    let message = message(&summary);
    git(repo, &with(&["commit", "--quiet", "--message", &message]))?;
    Ok(Committed { files, message })
}

/// A line of `git diff --name-status` (`M path`, status and path split by a space), with what
/// this run did to the file.
fn stored(line: &str, changes: &BTreeMap<String, FileChange>) -> Option<Stored> {
    let (status, path) = line.split_once(' ')?;
    let change = match (status, changes.get(path)) {
        ("D", _) => FileChange::Deleted,
        (_, Some(change)) => *change,
        ("A", None) => FileChange::New,
        _ => FileChange::Unknown,
    };
    Some(Stored {
        appliance: path.trim_end_matches(".ron").to_string(),
        change,
    })
}

/// Runs git in `repo`; its standard output, or an error with what git said.
fn git<S: AsRef<str>>(repo: &Path, args: &[S]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args.iter().map(AsRef::as_ref))
        .output()
        .map_err(|e| Error::usage(message!("fetch-git-cannot-run", reason = e.to_string())))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        // git's advice spans lines: one line here.
        let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
        return Err(Error::file(
            repo.display().to_string(),
            message!(
                "fetch-git-failed",
                command = args.first().map_or("", AsRef::as_ref),
                said = said
            ),
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

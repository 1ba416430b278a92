//! Committing what `track` wrote (by itself or for `fetch`): only its own files, with a message
//! that says, per appliance, what was added, removed and changed. Nothing changed: no commit.
//! [`crate::render::track::commit_message`] words the message.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::base::error::{Error, Result};
use crate::fetch::Committed;
use crate::message;
use crate::model::canonical::{self, Gap, StoredDocument};
use crate::model::Config;
use crate::ops::diff::{compare, DiffOptions};

/// How many items one stored model gained, lost and changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    /// Of the items added, removed and changed, those in a range the stored file wrote as not
    /// captured or partial, counted since an earlier stored file that observed it.
    pub earlier: usize,
    /// The commits of those earlier stored files, newest first.
    pub since: Vec<Seen>,
}

/// A commit that holds an earlier stored version of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// Its hash, as git abbreviates it.
    pub commit: String,
    /// Its date, `YYYY-MM-DD`.
    pub date: String,
}

impl Counts {
    /// Whether the configuration changed at all.
    pub fn any(&self) -> bool {
        self.added + self.removed + self.changed > 0
    }
}

/// The secrets of the captures stored: written masked, and nothing derived from them, so a
/// secret that changed since the last run cannot be told from one that did not. Every
/// report of a run that stores some says that they are not compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Masked {
    /// Secrets, over every appliance stored.
    pub secrets: usize,
    /// Appliances that hold any.
    pub appliances: usize,
}

impl Masked {
    /// Adds one appliance's count of secrets.
    pub fn add(&mut self, secrets: usize) {
        self.secrets += secrets;
        self.appliances += usize::from(secrets > 0);
    }
}

/// What happened to one stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The secrets of every appliance stored this run, in the commit or not: not compared.
    pub masked: Masked,
}

/// What changed from the stored text `old` (`None`: no file) to `config`, the model about to
/// be stored as `new`. Both texts are read back the same way, so only what the canonical form
/// shows counts; the coverage of `config` says what the new captures looked at, so an item
/// stored before that they did not look at is not captured, not removed. Where the stored
/// file wrote a list, setting or section as not captured or partial and the new captures look
/// at it, it is compared as the last stored file that observed it held it (`earlier`: the
/// file's history, newest first, read only then); an item in one that no stored file observed
/// counts as captured for the first time, not as added.
pub fn change(
    old: Option<&str>,
    new: &str,
    config: &Config,
    earlier: &mut dyn Iterator<Item = (Seen, String)>,
) -> FileChange {
    let Some(old) = old else {
        return FileChange::New;
    };
    let from = canonical::stored_format_version(old).unwrap_or(0);
    let (Some(stored), Some(now)) = (StoredDocument::parse(old), StoredDocument::parse(new)) else {
        return FileChange::Unknown;
    };
    let (stored, filled) = last_observed(stored, &now, earlier);
    let (mut before, mut after) = (stored.model(), now.model());
    after.coverage = config.coverage.clone();
    // The FQDN only a pre-4.2 prompt shows is no change of name.
    crate::ops::diff::align_identity(&mut before, &mut after);
    // One domain written in two forms is no change of name either.
    crate::model::align_domains(&mut before, &mut after);
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
    let (earlier, since) = since(&comparison, &filled);
    let counts = Counts {
        added: count(crate::ops::diff::DiffKind::Added),
        removed: count(crate::ops::diff::DiffKind::Removed),
        changed: count(crate::ops::diff::DiffKind::Changed),
        not_captured: not_captured_in(crate::ops::diff::Side::B),
        newly_captured: not_captured_in(crate::ops::diff::Side::A),
        earlier,
        since,
    };
    if !counts.any() && from != canonical::FORMAT_VERSION {
        return FileChange::FormatOnly { from };
    }
    FileChange::Changed(counts)
}

/// The stored document with each gap the new captures look into (`now`) filled as the last
/// earlier stored file that observed it held it, and each gap filled, with the commit it came
/// from. The history is read only while such a gap is left, and only as far back as files of
/// the current format go: an older format did not write what it had not captured.
fn last_observed(
    mut stored: StoredDocument,
    now: &StoredDocument,
    earlier: &mut dyn Iterator<Item = (Seen, String)>,
) -> (StoredDocument, Vec<(Gap, Seen)>) {
    let open = |stored: &StoredDocument| -> Vec<Gap> {
        let gaps = stored.gaps().into_iter();
        gaps.filter(|gap| now.looks_into(gap)).collect()
    };
    let mut filled = Vec::new();
    let mut gaps = open(&stored);
    while !gaps.is_empty() {
        let Some((seen, text)) = earlier.next() else {
            break;
        };
        if canonical::stored_format_version(&text) != Some(canonical::FORMAT_VERSION) {
            break;
        }
        let Some(then) = StoredDocument::parse(&text) else {
            break;
        };
        for gap in gaps {
            if stored.fill(&gap, &then) {
                filled.push((gap, seen.clone()));
            }
        }
        gaps = open(&stored);
    }
    (stored, filled)
}

/// How many differences lie in the gaps filled from earlier stored files, and the commits of
/// those that hold any, newest first.
fn since(comparison: &crate::ops::diff::Comparison, filled: &[(Gap, Seen)]) -> (usize, Vec<Seen>) {
    let mut count = 0;
    let mut seen: Vec<Seen> = Vec::new();
    for difference in &comparison.changes {
        let inside = |(gap, _): &&(Gap, Seen)| {
            let gap = gap.join("/");
            difference
                .path
                .strip_prefix(gap.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if let Some((_, commit)) = filled.iter().find(inside) {
            count += 1;
            if !seen.contains(commit) {
                seen.push(commit.clone());
            }
        }
    }
    // Filled newest first: the commits in the order they were filled.
    seen.sort_by_key(|s| filled.iter().position(|(_, c)| c == s));
    (count, seen)
}

/// The earlier stored versions of one file, newest first, as the history of the git repository
/// it is in holds them: nothing when git cannot run or the file is in no repository. git is
/// asked only when the first is wanted, and for a few versions at a time.
pub struct History {
    repo: PathBuf,
    /// The file's path from `repo`, `/`-separated.
    file: String,
    /// The commits not read yet, with their full hashes; `None` before git was asked.
    commits: Option<std::collections::VecDeque<(String, Seen)>>,
    /// Versions read and not handed out yet.
    read: std::collections::VecDeque<(Seen, String)>,
}

impl History {
    /// The history of `file`, inside `repo`.
    pub fn of(repo: &Path, file: &Path) -> History {
        let relative = file.strip_prefix(repo).unwrap_or(file);
        let parts: Vec<_> = relative.iter().map(|p| p.to_string_lossy()).collect();
        History {
            repo: repo.to_path_buf(),
            file: parts.join("/"),
            commits: None,
            read: Default::default(),
        }
    }

    /// The commits that changed the file, newest first.
    fn commits(&self) -> std::collections::VecDeque<(String, Seen)> {
        let format = "--format=%H %h %cd";
        let args = ["log", format, "--date=short", "--", &self.file];
        let Ok(log) = git(&self.repo, &args) else {
            return Default::default();
        };
        log.lines()
            .filter_map(|line| {
                let mut words = line.split(' ');
                let (hash, short, date) = (words.next()?, words.next()?, words.next()?);
                let hex = hash.len() >= 40 && hash.bytes().all(|b| b.is_ascii_hexdigit());
                let seen = Seen {
                    commit: short.to_string(),
                    date: date.to_string(),
                };
                hex.then(|| (hash.to_string(), seen))
            })
            .collect()
    }

    /// Reads the file as the next few commits hold it, with one `git cat-file`.
    fn read_more(&mut self) {
        let Some(commits) = self.commits.as_mut() else {
            return;
        };
        let batch: Vec<(String, Seen)> = commits.drain(..commits.len().min(8)).collect();
        let wanted: String = batch
            .iter()
            .map(|(hash, _)| format!("{hash}:./{}\n", self.file))
            .collect();
        let Ok(out) = git_fed(&self.repo, &["cat-file", "--batch"], wanted.as_bytes()) else {
            return;
        };
        let texts = batch_output(&out);
        for ((_, seen), text) in batch.into_iter().zip(texts) {
            if let Some(text) = text {
                self.read.push_back((seen, text));
            }
        }
    }
}

impl Iterator for History {
    type Item = (Seen, String);

    fn next(&mut self) -> Option<(Seen, String)> {
        if self.commits.is_none() {
            self.commits = Some(self.commits());
        }
        while self.read.is_empty() && self.commits.as_ref().is_some_and(|c| !c.is_empty()) {
            self.read_more();
        }
        self.read.pop_front()
    }
}

/// The objects `git cat-file --batch` wrote, one per line asked for, in order: `None` for one
/// it says is missing.
fn batch_output(mut out: &[u8]) -> Vec<Option<String>> {
    let mut texts = Vec::new();
    while let Some(end) = memchr::memchr(b'\n', out) {
        let header = String::from_utf8_lossy(&out[..end]).into_owned();
        out = &out[end + 1..];
        let size = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse::<usize>().ok());
        match size.filter(|_| !header.ends_with(" missing")) {
            Some(size) if size <= out.len() => {
                texts.push(Some(String::from_utf8_lossy(&out[..size]).into_owned()));
                // The object, then a line break.
                out = out.get(size + 1..).unwrap_or_default();
            }
            Some(_) => break,
            None => texts.push(None),
        }
    }
    texts
}

/// Commits the stored files under `repo` with git, worded by `message`; makes the repository
/// first if `repo` is in none. `changes` says what this run did to each file, by its path in
/// the repository (`<vendor>/<host>.ron`); git says which files changed. Nothing changed: no
/// commit. Only the files track writes are added and committed: anything else under `repo`
/// (a note, a staged change, a password file left there) is the user's to commit. `masked`:
/// the secrets of the appliances stored, which the message says were not compared.
pub fn commit(
    repo: &Path,
    command: &'static str,
    changes: &BTreeMap<String, FileChange>,
    masked: Masked,
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
        masked,
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
        (_, Some(change)) => change.clone(),
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

/// Runs git in `repo` with `input` on its standard input; its standard output, or an error.
fn git_fed(repo: &Path, args: &[&str], input: &[u8]) -> Result<Vec<u8>> {
    let cannot_run =
        |e: std::io::Error| Error::usage(message!("fetch-git-cannot-run", reason = e.to_string()));
    let mut child = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(cannot_run)?;
    // Written whole before reading: a few short lines, well under a pipe's buffer.
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).map_err(cannot_run)?;
    }
    let output = child.wait_with_output().map_err(cannot_run)?;
    if !output.status.success() {
        let why = message!(
            "fetch-git-failed",
            command = args.first().copied().unwrap_or(""),
            said = ""
        );
        return Err(Error::file(repo.display().to_string(), why));
    }
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::canonical::Known;
    use crate::model::{Change, List, Origin, VendorId};

    /// A model that listed each `(list, entries)` of scope `primary` in full.
    fn listed(lists: &[(&str, &[&str])]) -> Config {
        let mut config = Config::new(VendorId("test"));
        let at = Origin { source: 0, line: 1 };
        for (list, entries) in lists {
            let entries = List::from_entries(entries.iter().map(|e| (*e, at)));
            let change = Change::ListReplace {
                scope: "primary".into(),
                list: list.to_string(),
                entries,
            };
            config.apply(change, at).unwrap();
        }
        config
    }

    fn known() -> Known {
        let names = ["blacklist".to_string(), "whitelistto".to_string()];
        Known {
            lists: BTreeMap::from([("primary".to_string(), names.into_iter().collect())]),
            ..Known::default()
        }
    }

    /// No history, and it must not be asked for.
    struct Untouched;

    impl Iterator for Untouched {
        type Item = (Seen, String);
        fn next(&mut self) -> Option<(Seen, String)> {
            panic!("the history was read, with no gap to fill")
        }
    }

    #[test]
    fn the_history_is_read_only_for_a_gap_the_new_captures_look_into() {
        let stored = canonical::to_ron(&listed(&[("whitelistto", &["a"])]), &known());
        assert!(stored.contains("\"blacklist\": NotCaptured"), "{stored}");
        let config = listed(&[("whitelistto", &["a", "b"])]);
        let new = canonical::to_ron(&config, &known());
        let FileChange::Changed(counts) = change(Some(&stored), &new, &config, &mut Untouched)
        else {
            panic!("a change")
        };
        assert_eq!((counts.added, counts.removed, counts.earlier), (1, 0, 0));

        // The blacklist listed now: compared with the one stored before the gap.
        let then = canonical::to_ron(&listed(&[("blacklist", &["x", "y"])]), &known());
        let seen = Seen {
            commit: "1a2b3c4".into(),
            date: "2025-01-02".into(),
        };
        let config = listed(&[("whitelistto", &["a"]), ("blacklist", &["y", "z"])]);
        let new = canonical::to_ron(&config, &known());
        let mut history = vec![(seen.clone(), stored.clone()), (seen.clone(), then)].into_iter();
        let FileChange::Changed(counts) = change(Some(&stored), &new, &config, &mut history) else {
            panic!("a change")
        };
        let c = (counts.added, counts.removed, counts.newly_captured);
        assert_eq!(c, (1, 1, 0));
        assert_eq!((counts.earlier, counts.since), (2, vec![seen]));
    }
}

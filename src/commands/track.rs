//! `track`: a folder of captures from many appliances into a git-ready repository of canonical
//! RON files, one per appliance at `<vendor>/<hostname>.ron`. A file whose settings did not
//! change is not rewritten, so git records nothing for it.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::error::{Error, Result};
use crate::base::message::Message;
use crate::capture::{Capture, ReadOptions};
use crate::commands::commit::{FileChange, Masked};
use crate::message;
use crate::model::update_log::UpdateRun;
use crate::model::VendorId;
use crate::read::{self, Input};
use crate::source::Source;
use crate::vendors::{self, Sample};

/// Folders of version-control systems, never read.
const VCS: &[&str] = &[".git", ".hg", ".svn", "_darcs", "CVS", ".bzr"];

/// Bytes read to tell which appliance a file is of.
const SNIFF: u64 = 256 * 1024;

/// What `track` did.
#[derive(Debug, Default)]
pub struct Report {
    /// Appliances found.
    pub appliances: usize,
    /// Capture files and folders found.
    pub files: usize,
    /// Lines that did not become model data, over all appliances.
    pub unrecognized: usize,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files left as they were, since nothing changed.
    pub unchanged: usize,
    /// Files that could not be read, with why.
    pub failures: Vec<(PathBuf, Failure)>,
    /// Files and links not read, with why: links (one out of the source folder is never
    /// followed; one inside it is not either, since its target is read as itself), junk, a
    /// second capture folder of one appliance.
    pub skipped: Vec<(PathBuf, Message)>,
    /// Update logs found in the tree, each checked as `verify-update` checks it.
    pub update_logs: Vec<UpdateRun>,
    /// What changed in each file written, by its path in the repository
    /// (`<vendor>/<host>.ron`), for a commit's message.
    pub changes: BTreeMap<String, FileChange>,
    /// The secrets of the appliances stored, written or unchanged: masked, so not compared.
    pub masked: Masked,
}

/// Why a file was not tracked: the error that stopped reading or writing it, or what `track`
/// itself says. `render::track` puts it in words.
#[derive(Debug)]
pub enum Failure {
    /// Reading or writing it stopped with this error.
    Error(Error),
    /// What `track` says about it.
    Said(Message),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Error(e)
    }
}

impl From<Message> for Failure {
    fn from(message: Message) -> Failure {
        Failure::Said(message)
    }
}

/// Every capture under `src`, files and vendors' capture directories: version-control folders
/// skipped, links never followed (each is reported as skipped). Sorted by path.
pub fn walk(src: &Path, report: &mut Report) -> Result<Vec<Input>> {
    let root = src
        .canonicalize()
        .map_err(|e| Error::io(src.display().to_string(), e))?;
    let mut files = Vec::new();
    let mut walker = walkdir::WalkDir::new(src)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            // A fetch's staging folder, left by a run that was killed, is no capture.
            let staging = name.starts_with('.') && name.contains(".fetching-");
            !(e.file_type().is_dir() && (staging || VCS.iter().any(|v| name == *v)))
        });
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|e| {
            let why = message!("track-unreadable", reason = e.to_string());
            Error::file(src.display().to_string(), why)
        })?;
        let path = entry.path().to_path_buf();
        let whole = entry
            .file_type()
            .is_dir()
            .then(|| vendors::claimant_of_dir(&path))
            .flatten();
        if let Some(vendor) = whole {
            files.push(Input::Dir(vendor.id(), path));
            walker.skip_current_dir();
        } else if entry.file_type().is_file() {
            match crate::source::junk::note(&entry.file_name().to_string_lossy()) {
                Some(why) => report.skipped.push((path, why)),
                None => files.push(Input::File(path)),
            }
        } else if entry.path_is_symlink() {
            // Never followed: a link inside the folder would read its target twice, and one
            // leading out of it would read what the user did not hand over.
            let why = match path.canonicalize() {
                Ok(target) if target.starts_with(&root) => message!("track-skipped-link-inside"),
                _ => message!("track-skipped-link-outside"),
            };
            report.skipped.push((path, why));
        }
    }
    Ok(files)
}

/// The check of a file that names no appliance because it is an update log.
fn update_log(input: &Input, options: &ReadOptions) -> Option<UpdateRun> {
    let Input::File(path) = input else {
        return None;
    };
    let source = Source::read(path, options.encoding).ok()?;
    crate::commands::verify_update::recognise(&source)
}

/// Which appliance an input is of, as the vendor that claims it says: a capture directory is
/// named after its appliance; a file says so in its first bytes.
fn identify(
    input: &Input,
    options: &ReadOptions,
) -> std::result::Result<(VendorId, String), Failure> {
    let path = match input {
        Input::File(path) => path,
        Input::Dir(id, dir) => {
            let vendor = vendors::by_id(*id)?;
            return vendor
                .identify(&Sample::Dir { path: dir })
                .map(|host| (*id, host))
                .ok_or_else(|| message!("track-folder-unnamed").into());
        }
    };
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(SNIFF).read_to_end(&mut head))
        .map_err(|e| Failure::from(message!("track-unreadable", reason = e.to_string())))?;
    // Cut at a line end: LF is one byte in every encoding read here, so no character splits.
    if head.len() as u64 == SNIFF {
        if let Some(end) = memchr::memrchr(b'\n', &head) {
            head.truncate(end + 1);
        }
    }
    let source = Source::from_bytes(&path.display().to_string(), head, options.encoding)?;
    let sample = Sample::File {
        path,
        text: &source.text,
    };
    let (vendor, _) =
        vendors::claimant(&sample).ok_or_else(|| Failure::from(message!("track-no-vendor")))?;
    vendor
        .identify(&sample)
        .map(|host| (vendor.id(), host))
        .ok_or_else(|| message!("track-no-appliance").into())
}

/// Tracks every capture under `src` into `into`. `tick` is called once per file read.
///
/// Captures are untrusted: each file name derived from a host name is checked ([`file_stem`](crate::write::file_stem)),
/// every file is written only inside `into`, checked after canonicalising, and two different
/// appliances whose names map to one file are an error naming both, never merged.
pub fn track(
    src: &Path,
    into: &Path,
    options: &ReadOptions,
    tick: &(dyn Fn() + Sync),
) -> Result<Report> {
    track_noting(src, into, options, tick, &|_| {})
}

/// [`track`], handing each appliance's capture, once read, to `read` (for its notes and line
/// counts under `-v`). Appliances are read in parallel: `read` may be called from any thread.
pub fn track_noting(
    src: &Path,
    into: &Path,
    options: &ReadOptions,
    tick: &(dyn Fn() + Sync),
    read: &(dyn Fn(&Capture) + Sync),
) -> Result<Report> {
    let repo = repository(src, into)?;
    let mut report = Report::default();
    let files: Vec<Input> = walk(src, &mut report)?
        .into_iter()
        .filter(|f| {
            f.path()
                .canonicalize()
                .map_or(true, |p| !p.starts_with(&repo))
        })
        .collect();
    report.files = files.len();
    report
        .update_logs
        .extend(update_logs_in_folders(&files, options));
    let identities: Vec<_> = files
        .par_iter()
        .map(|f| (f, identify(f, options)))
        .collect();
    let mut hosts: BTreeMap<(VendorId, String), Vec<Input>> = BTreeMap::new();
    for (file, identity) in identities {
        match identity {
            // One appliance by the identity rule: case and a trailing dot do not count.
            Ok((vendor, host)) => {
                let host = crate::model::identity::normalize(&host);
                hosts.entry((vendor, host)).or_default().push(file.clone());
            }
            Err(why) => {
                tick();
                match update_log(file, options) {
                    Some(run) => report.update_logs.push(run),
                    None => report.failures.push((file.path().to_path_buf(), why)),
                }
            }
        }
    }
    newest_capture_folder_only(&mut hosts, &mut report, tick);
    let groups = by_file(hosts, &mut report, tick);
    report.appliances = groups.len();
    let results: Vec<Group> = groups
        .into_par_iter()
        .map(|((vendor, stem), files)| {
            let progress = (tick, read);
            track_one(vendor, &stem, &files, &repo, options, progress)
        })
        .collect();
    for group in results {
        report.unrecognized += group.unrecognized;
        report.failures.extend(group.failures);
        if group.written.is_some() {
            report.masked.add(group.secrets);
        }
        if let (Some(change), Ok(relative)) = (group.change, group.path.strip_prefix(&repo)) {
            let path = relative
                .iter()
                .map(|p| p.to_string_lossy())
                .collect::<Vec<_>>();
            report.changes.insert(path.join("/"), change);
        }
        match group.written {
            // Named under the folder as the user named it, not its canonical form.
            Some(true) => report.written.push(match group.path.strip_prefix(&repo) {
                Ok(relative) => into.join(relative),
                Err(_) => group.path,
            }),
            Some(false) => report.unchanged += 1,
            None => {}
        }
    }
    // By path; a path's failures in the order they came.
    report.failures.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(report)
}

/// Several capture folders of one appliance (a capture before and after an upgrade, or two
/// sites' folders of one name) are never merged into one model: the one last in path order,
/// as dated or versioned folders sort, is tracked, and each other is reported as skipped.
fn newest_capture_folder_only(
    hosts: &mut BTreeMap<(VendorId, String), Vec<Input>>,
    report: &mut Report,
    tick: &(dyn Fn() + Sync),
) {
    for ((_, host), inputs) in hosts.iter_mut() {
        let Some(newest) = inputs.iter().rposition(|i| matches!(i, Input::Dir(..))) else {
            continue;
        };
        let kept = inputs[newest].path().display().to_string();
        let mut index = 0;
        inputs.retain(|input| {
            let older = matches!(input, Input::Dir(..)) && index != newest;
            index += 1;
            if older {
                tick();
                let why = message!(
                    "track-skipped-older-folder",
                    host = crate::base::text::sanitize(host),
                    kept = &kept
                );
                report.skipped.push((input.path().to_path_buf(), why));
            }
            !older
        });
    }
}

/// The repository folder, made if missing and canonical; never the source folder itself.
fn repository(src: &Path, into: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(into).map_err(|e| Error::io(into.display().to_string(), e))?;
    let repo = into
        .canonicalize()
        .map_err(|e| Error::io(into.display().to_string(), e))?;
    let source = src
        .canonicalize()
        .map_err(|e| Error::io(src.display().to_string(), e))?;
    if repo == source {
        return Err(Error::usage(crate::message!(
            "usage-track-repository-is-source",
            into = into.display().to_string()
        )));
    }
    Ok(repo)
}

/// A host name and the captures that name it.
type Named = (String, Vec<Input>);

/// Hosts grouped by the file they are written to, by the identity rule
/// ([`crate::model::identity`]): a short host name (`rg01`, from a prompt) joins the one full
/// name it is short for; two different full names that give one file are an error naming both
/// captures, and neither is written.
fn by_file(
    hosts: BTreeMap<(VendorId, String), Vec<Input>>,
    report: &mut Report,
    tick: &(dyn Fn() + Sync),
) -> BTreeMap<(VendorId, String), Vec<Input>> {
    let mut by_stem: BTreeMap<(VendorId, String), Vec<Named>> = BTreeMap::new();
    for ((vendor, host), files) in hosts {
        match crate::write::file_stem(&host) {
            Ok(stem) => by_stem
                .entry((vendor, stem))
                .or_default()
                .push((host, files)),
            Err(_) => {
                // Shown on one line, as the other host names of `track`'s notes are.
                let host = crate::base::text::sanitize(&host);
                let why = message!("track-host-cannot-name-file", host = host);
                for file in files {
                    tick();
                    report
                        .failures
                        .push((file.path().to_path_buf(), why.clone().into()));
                }
            }
        }
    }
    let mut groups = BTreeMap::new();
    for ((vendor, stem), named) in by_stem {
        let one_appliance =
            crate::model::identity::one_appliance(named.iter().map(|(h, _)| h.as_str()));
        if one_appliance {
            // Read in path order, whichever name each capture gives: a later capture's values
            // win, as they do when the captures are named to `show` in that order.
            let mut files: Vec<Input> = named.into_iter().flat_map(|(_, f)| f).collect();
            files.sort_by(|a, b| a.path().cmp(b.path()));
            groups.insert((vendor, stem), files);
            continue;
        }
        let who: Vec<String> = named
            .iter()
            .map(|(h, f)| {
                let first = f.first().map(|i| i.path().display().to_string());
                format!(
                    "`{}` ({})",
                    crate::base::text::sanitize(h),
                    first.unwrap_or_default()
                )
            })
            .collect();
        let why = message!(
            "track-appliances-collide",
            appliances = who.join(" and "),
            file = format!("{}/{stem}.ron", vendor.name())
        );
        for file in named.into_iter().flat_map(|(_, f)| f) {
            tick();
            report
                .failures
                .push((file.path().to_path_buf(), why.clone().into()));
        }
    }
    groups
}

struct Group {
    path: PathBuf,
    /// `Some(true)` written, `Some(false)` unchanged, `None` nothing could be read.
    written: Option<bool>,
    unrecognized: usize,
    failures: Vec<(PathBuf, Failure)>,
    /// What changed, when the file was written.
    change: Option<FileChange>,
    /// The secrets of the model stored, all masked in its file.
    secrets: usize,
}

/// The update logs inside capture folders, checked as `verify-update FOLDER` checks them.
fn update_logs_in_folders(files: &[Input], options: &ReadOptions) -> Vec<UpdateRun> {
    let folders = files.iter().filter_map(|input| match input {
        Input::Dir(_, dir) => Some(dir),
        _ => None,
    });
    folders
        .filter_map(|dir| crate::commands::verify_update::verify_path(dir, options.encoding).ok())
        .flatten()
        .collect()
}

/// What a run reports as it goes: a file read (`tick`), an appliance's capture read (`read`).
type Progress<'a> = (&'a (dyn Fn() + Sync), &'a (dyn Fn(&Capture) + Sync));

fn track_one(
    vendor: VendorId,
    stem: &str,
    files: &[Input],
    repo: &Path,
    options: &ReadOptions,
    (tick, read): Progress<'_>,
) -> Group {
    let path = repo.join(vendor.name()).join(format!("{stem}.ron"));
    let mut capture = Capture::new(vendor);
    let mut failures = Vec::new();
    let mut read_any = false;
    // Captures of two moments (two versions) leave the appliance as it was stored: writing
    // the ones read first would roll it back or forward by the order of the names.
    let mut two_moments = false;
    for input in files {
        // A reader's bug on one capture must not stop the fleet: it is reported like an error.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read::read_input(input, options, &mut capture)
        }));
        tick();
        match result {
            Ok(Ok(())) => read_any = true,
            Ok(Err(e)) => {
                two_moments |= Capture::is_another_moment(&e);
                failures.push((input.path().to_path_buf(), e.into()));
            }
            Err(_) => failures.push((
                input.path().to_path_buf(),
                message!("track-reader-failed").into(),
            )),
        }
    }
    let unrecognized = capture.unrecognized().count();
    if !read_any || two_moments {
        return Group {
            path,
            written: None,
            unrecognized,
            failures,
            change: None,
            secrets: 0,
        };
    }
    read(&capture);
    let config = &capture.config;
    let known = crate::vendors::by_id(config.vendor)
        .map(|v| v.known())
        .unwrap_or_default();
    let text = crate::model::canonical::to_ron(config, &known);
    let (written, change) = store(repo, &path, text, config, &mut failures);
    Group {
        path,
        written,
        unrecognized,
        failures,
        change,
        secrets: config.secrets(),
    }
}

/// Writes `text` to `path` unless it holds that already: `Some(true)` written, `Some(false)`
/// unchanged, `None` failed (why, in `failures`); and what changed from the file stored there
/// before, for a commit's message.
fn store(
    repo: &Path,
    path: &Path,
    text: String,
    config: &crate::model::Config,
    failures: &mut Vec<(PathBuf, Failure)>,
) -> (Option<bool>, Option<FileChange>) {
    let old = match inside(repo, path).map(|()| std::fs::read(path).ok()) {
        Ok(Some(old)) if old == text.as_bytes() => return (Some(false), None),
        Ok(old) => old.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) => {
            failures.push((path.to_path_buf(), e.into()));
            return (None, None);
        }
    };
    let mut history = crate::commands::commit::History::of(repo, path);
    let change = crate::commands::commit::change(old.as_deref(), &text, config, &mut history);
    let files = [(path.to_path_buf(), text)];
    match crate::write::atomically_making(&files, false, Some(repo)) {
        Ok(()) => (Some(true), Some(change)),
        Err(e) => {
            failures.push((path.to_path_buf(), e.into()));
            (None, None)
        }
    }
}

/// Checks that `path` stays inside `repo`: no folder or file on the way is a link (a link in
/// the repository is never followed), and its folder, canonical, is inside `repo`.
fn inside(repo: &Path, path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    let rest = path
        .strip_prefix(repo)
        .map_err(|_| Error::file(&shown, message!("track-outside-repository")))?;
    let mut at = repo.to_path_buf();
    for part in rest.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Error::file(
                    at.display().to_string(),
                    message!("track-link-in-repository"),
                ))
            }
            _ => {}
        }
    }
    if let Some(parent) = path.parent().filter(|p| p.exists()) {
        let real = parent
            .canonicalize()
            .map_err(|e| Error::io(parent.display().to_string(), e))?;
        if !real.starts_with(repo) {
            return Err(Error::file(&shown, message!("track-outside-repository")));
        }
    }
    Ok(())
}

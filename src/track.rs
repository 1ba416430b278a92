//! `track`: a folder of captures from many appliances into a git-ready repository of canonical
//! RON files, one per appliance at `<vendor>/<hostname>.ron`. A file whose settings did not
//! change is not rewritten, so git records nothing for it.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::capture::{Capture, ReadOptions};
use crate::error::{Error, Result};
use crate::model::VendorId;
use crate::read::{self, Input};
use crate::render::{self, ModelFormat};
use crate::source::Source;
use crate::vendors::{self, Sample};

/// Folders of version-control systems, never read.
const VCS: &[&str] = &[".git", ".hg", ".svn", "_darcs", "CVS", ".bzr"];

/// Bytes read to tell which appliance a file is of.
const SNIFF: u64 = 256 * 1024;

/// What `track` did.
#[derive(Debug, Default)]
pub struct Report {
    pub appliances: usize,
    pub files: usize,
    pub unrecognized: usize,
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    /// Files that could not be read, with why.
    pub failures: Vec<(PathBuf, String)>,
    /// Links that lead out of the source folder, not followed.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Every capture under `src`, files and vendors' capture directories: version-control folders
/// skipped, links followed only when they stay inside `src`. Sorted by path.
pub fn walk(src: &Path, report: &mut Report) -> Result<Vec<Input>> {
    let root = src
        .canonicalize()
        .map_err(|e| Error::io(src.display().to_string(), e))?;
    let mut files = Vec::new();
    let mut walker = walkdir::WalkDir::new(src)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !(e.file_type().is_dir() && VCS.iter().any(|v| e.file_name() == *v)));
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|e| Error::file(src.display().to_string(), e.to_string()))?;
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
            files.push(Input::File(path));
        } else if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&root) && target.is_file() => {
                    files.push(Input::File(path))
                }
                Ok(target) if target.starts_with(&root) => {}
                _ => report
                    .skipped
                    .push((path, "a link that leads out of the source folder".into())),
            }
        }
    }
    Ok(files)
}

/// Which appliance an input is of, as the vendor that claims it says: a capture directory is
/// named after its appliance; a file says so in its first bytes.
fn identify(
    input: &Input,
    options: &ReadOptions,
) -> std::result::Result<(VendorId, String), String> {
    let path = match input {
        Input::File(path) => path,
        Input::Dir(id, dir) => {
            let vendor = vendors::by_id(*id).map_err(|e| e.to_string())?;
            return vendor
                .identify(&Sample::Dir { path: dir })
                .map(|host| (*id, host))
                .ok_or_else(|| "a capture directory needs a name".into());
        }
    };
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(SNIFF).read_to_end(&mut head))
        .map_err(|e| e.to_string())?;
    // Cut at a line end: LF is one byte in every encoding read here, so no character splits.
    if head.len() as u64 == SNIFF {
        if let Some(end) = memchr::memrchr(b'\n', &head) {
            head.truncate(end + 1);
        }
    }
    let source = Source::from_bytes(&path.display().to_string(), head, options.encoding)
        .map_err(|e| e.to_string())?;
    let sample = Sample::File {
        path,
        text: &source.text,
    };
    let (vendor, _) = vendors::claimant(&sample)
        .ok_or_else(|| "no vendor carryover knows claims this file".to_string())?;
    vendor
        .identify(&sample)
        .map(|host| (vendor.id(), host))
        .ok_or_else(|| "names no appliance (no host prompt, `# host:` header or greeting)".into())
}

/// Tracks every capture under `src` into `into`. `tick` is called once per file read.
pub fn track(
    src: &Path,
    into: &Path,
    options: &ReadOptions,
    tick: &(dyn Fn() + Sync),
) -> Result<Report> {
    let mut report = Report::default();
    let files = walk(src, &mut report)?;
    report.files = files.len();
    let identities: Vec<_> = files
        .par_iter()
        .map(|f| (f, identify(f, options)))
        .collect();
    let mut groups: BTreeMap<(VendorId, String), Vec<Input>> = BTreeMap::new();
    for (file, identity) in identities {
        match identity {
            Ok(key) => groups.entry(key).or_default().push(file.clone()),
            Err(why) => {
                tick();
                report.failures.push((file.path().to_path_buf(), why));
            }
        }
    }
    report.appliances = groups.len();
    let results: Vec<Group> = groups
        .into_par_iter()
        .map(|((vendor, host), files)| track_one(vendor, &host, &files, into, options, tick))
        .collect();
    for group in results {
        report.unrecognized += group.unrecognized;
        report.failures.extend(group.failures);
        match group.written {
            Some(true) => report.written.push(group.path),
            Some(false) => report.unchanged += 1,
            None => {}
        }
    }
    report.failures.sort();
    Ok(report)
}

struct Group {
    path: PathBuf,
    /// `Some(true)` written, `Some(false)` unchanged, `None` nothing could be read.
    written: Option<bool>,
    unrecognized: usize,
    failures: Vec<(PathBuf, String)>,
}

fn track_one(
    vendor: VendorId,
    host: &str,
    files: &[Input],
    into: &Path,
    options: &ReadOptions,
    tick: &(dyn Fn() + Sync),
) -> Group {
    let path = into.join(vendor.name()).join(format!("{host}.ron"));
    let mut capture = Capture::new(vendor);
    let mut failures = Vec::new();
    let mut read_any = false;
    for input in files {
        let result = read::read_input(input, options, &mut capture);
        tick();
        match result {
            Ok(()) => read_any = true,
            Err(e) => failures.push((input.path().to_path_buf(), e.to_string())),
        }
    }
    let unrecognized = capture.unrecognized().count();
    if !read_any {
        return Group {
            path,
            written: None,
            unrecognized,
            failures,
        };
    }
    let text = render::model(&capture.config, ModelFormat::Ron, false);
    let written = match std::fs::read(&path) {
        Ok(old) if old == text.as_bytes() => Some(false),
        _ => {
            let result = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .map_err(|e| Error::io(path.display().to_string(), e))
                .and_then(|_| crate::write::atomically(&[(path.clone(), text)], false));
            match result {
                Ok(()) => Some(true),
                Err(e) => {
                    failures.push((path.clone(), e.to_string()));
                    None
                }
            }
        }
    };
    Group {
        path,
        written,
        unrecognized,
        failures,
    }
}

//! Reading captures into a model: files and directories in, one [`Capture`] out, with every
//! line that did not become model data reported. Which vendor reads an input is the
//! registry's choice ([`crate::vendors::claimant`]); nothing here knows a vendor.
//!
//! Files are read in path order, so the order they are named in does not change the result;
//! within a file, changes replay in line order.

mod near_miss;

use crate::message;
use std::path::{Path, PathBuf};

use crate::base::error::{Error, Result};
use crate::base::message::Message;
use crate::capture::{Capture, Note, ReadOptions, SourceRead};
use crate::model::identity::{self, Identity};
use crate::model::{Change, SourceKind, VendorId};
use crate::source::Source;
use crate::vendors::{self, Detection, Sample, Vendor};

/// One thing to read: a capture file, or a vendor's capture directory (one appliance).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A file, read by whichever vendor claims it most strongly.
    File(PathBuf),
    /// A directory that is one whole capture of the vendor named.
    Dir(VendorId, PathBuf),
}

impl Input {
    /// The input's path.
    pub fn path(&self) -> &Path {
        match self {
            Input::File(p) | Input::Dir(_, p) => p,
        }
    }
}

/// Every input named: files as they are, directories walked (hidden and VCS folders skipped),
/// a vendor's capture directory kept whole. Sorted by path.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    Ok(walk(paths)?.0)
}

/// A file a walk left out, and why: what file managers and archivers leave in folders.
pub type Skipped = (PathBuf, Message);

/// [`inputs`], and the junk files the walks over directories left out. A file named on its
/// own is always read.
pub fn walk(paths: &[PathBuf]) -> Result<(Vec<Input>, Vec<Skipped>)> {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if crate::source::is_stdin(path) {
            found.push(Input::File(path.clone()));
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path.display().to_string(), e))?;
        if !meta.is_dir() {
            found.push(Input::File(path.clone()));
            continue;
        }
        let mut walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            // Hidden folders (.git, .svn) are not captures; hidden files are junk, noted below.
            .filter_entry(|e| {
                e.depth() == 0
                    || !(e.file_type().is_dir() && e.file_name().to_string_lossy().starts_with('.'))
            });
        while let Some(entry) = walker.next() {
            let entry = entry.map_err(|e| {
                Error::file(
                    path.display().to_string(),
                    message!("read-walk-failed", reason = e.to_string()),
                )
            })?;
            let whole = entry
                .file_type()
                .is_dir()
                .then(|| vendors::claimant_of_dir(entry.path()))
                .flatten();
            if let Some(vendor) = whole {
                found.push(Input::Dir(vendor.id(), entry.into_path()));
                walker.skip_current_dir();
            } else if entry.file_type().is_file() {
                let name = entry.file_name().to_string_lossy().into_owned();
                match crate::source::junk::note(&name) {
                    // A skipped file named as a capture is (`.rg01.log`) is said so too.
                    Some(why) => match near_miss::skipped_capture(&name) {
                        Some(near) => skipped.push((entry.into_path(), near)),
                        None => skipped.push((entry.into_path(), why)),
                    },
                    None => found.push(Input::File(entry.into_path())),
                }
            }
        }
    }
    found.sort();
    found.dedup();
    skipped.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((found, skipped))
}

/// Adds a note for each junk file a walk left out, so that nothing is left out in silence.
fn note_skipped(capture: &mut Capture, skipped: &[Skipped]) -> Result<()> {
    for (path, why) in skipped {
        let source = Source::from_text(&path.display().to_string(), "");
        let mut read = SourceRead::new(&source, capture_kind(capture));
        read.notes
            .push(crate::capture::Note::warning(1, why.clone()));
        capture.add(read)?;
    }
    Ok(())
}

/// The kind of the first source of a capture, for the notes added to it.
fn capture_kind(capture: &Capture) -> SourceKind {
    capture
        .config
        .sources
        .first()
        .map_or(SourceKind::Export, |p| p.kind)
}

/// Every capture file named or under a directory named, sorted by path.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    Ok(inputs(paths)?
        .into_iter()
        .map(|i| i.path().to_path_buf())
        .collect())
}

/// Two capture folders are two captures of an appliance (before and after an update, say),
/// never one: merging them would mix two states. `track` keeps the newest instead.
fn one_capture_folder(inputs: &[Input]) -> Result<()> {
    let folders: Vec<String> = inputs
        .iter()
        .filter(|i| matches!(i, Input::Dir(..)))
        .map(|i| crate::base::text::sanitize(&i.path().display().to_string()))
        .collect();
    if folders.len() > 1 {
        return Err(Error::usage(message!(
            "read-capture-folders",
            count = folders.len(),
            folders = folders.join(", ")
        )));
    }
    Ok(())
}

/// Reads the captures of one appliance.
pub fn read(paths: &[PathBuf], options: &ReadOptions) -> Result<Capture> {
    let (inputs, skipped) = walk(paths)?;
    if inputs.is_empty() {
        return Err(no_inputs(paths));
    }
    one_capture_folder(&inputs)?;
    let mut capture = Capture::default();
    for input in &inputs {
        read_input(input, options, &mut capture)?;
    }
    note_skipped(&mut capture, &skipped)?;
    Ok(capture)
}

/// The error for paths that hold no capture file at all.
fn no_inputs(paths: &[PathBuf]) -> Error {
    let named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    Error::usage(message!("read-no-capture-files", paths = named.join(", ")))
}

/// Whether a path is the null device, which git names for the side of a diff where a file does
/// not exist (added or deleted).
pub(crate) fn is_null_device(path: &Path) -> bool {
    path == Path::new("/dev/null") || path.as_os_str().eq_ignore_ascii_case("nul")
}

/// Reads one side of a comparison: `None` when the side is git's null device (the file does
/// not exist there), which is no capture rather than an empty one.
pub(crate) fn read_side(paths: &[PathBuf], options: &ReadOptions) -> Result<Option<Capture>> {
    match paths {
        [only] if is_null_device(only) => Ok(None),
        _ => read(paths, options).map(Some),
    }
}

/// Reads one input into a capture of the same vendor.
pub(crate) fn read_input(
    input: &Input,
    options: &ReadOptions,
    capture: &mut Capture,
) -> Result<()> {
    match input {
        Input::File(file) => {
            let source = match &options.shown_as {
                Some(name) => Source::read_as(file, name, options.encoding)?,
                None => Source::read(file, options.encoding)?,
            };
            read_source(&source, options, capture)
        }
        Input::Dir(id, dir) => {
            let vendor = vendors::by_id(*id)?;
            same_vendor(capture, vendor)?;
            let reads = vendor.read_dir(dir, capture.next_source(), options)?;
            if !reads.iter().any(|r| yields_items(&r.changes)) {
                return Err(Error::file(
                    dir.display().to_string(),
                    message!(
                        "read-folder-nothing-read",
                        vendor = vendor.title(),
                        expected = vendor.expects()
                    ),
                ));
            }
            for read in reads {
                capture.add(read)?;
            }
            Ok(())
        }
    }
}

/// Reads one decoded source into a capture, by the vendor that claims it. When the claim is
/// not clearly ahead of the others, a warning says so; a source that yields no configuration
/// item is an error, whatever the vendor.
pub fn read_source(source: &Source, options: &ReadOptions, capture: &mut Capture) -> Result<()> {
    let detection = detect_file(source)?;
    same_vendor(capture, detection.vendor)?;
    let forced = options.kind.is_some();
    let options = ReadOptions {
        kind: options.kind.or(Some(detection.claim.kind)),
        ..options.clone()
    };
    let mut read = match detection
        .vendor
        .read_file(source, capture.next_source(), &options)
    {
        Ok(read) => read,
        // A file only weakly taken for a capture that then fails to read as one is most likely
        // no capture at all (a README beside the captures), and is reported as such.
        Err(e) if !forced && !detection.is_clear() => {
            return Err(Error::not_a_capture(
                source.path.to_string(),
                message!("read-not-clearly-a-capture", scores = detection.scores()),
            )
            .because(vec![e]))
        }
        Err(e) => return Err(e),
    };
    // A weak claim needs a known item: commands kept only verbatim, unknown to the catalog,
    // are what random bytes or prose read as an export would give.
    let weak = !forced && !detection.is_clear();
    let known = |c: &Change| !(weak && matches!(c, Change::Raw { .. }));
    if !read.changes.iter().any(|(c, _)| known(c) && is_item(c)) {
        return Err(nothing_read(source, &read, &detection));
    }
    near_miss::warn(&mut read, detection.vendor);
    // A kind the user forced needs no word about the evidence, unless the evidence clearly
    // says another kind: then the model may be nonsense, and the user is told.
    if let Some(doubt) = detection.doubt().filter(|_| !forced) {
        read.notes.insert(0, Note::warning(0, doubt));
    }
    if let Some(kind) = options
        .kind
        .filter(|k| forced && *k != detection.claim.kind)
    {
        if detection.is_clear() {
            read.notes.insert(
                0,
                Note::warning(
                    0,
                    message!(
                        "read-kind-doubted",
                        flag = vendors::kind_flag(kind),
                        vendor = detection.vendor.title(),
                        kind = vendors::kind_name(detection.claim.kind),
                        evidence = detection.claim.evidence.clone(),
                        scores = detection.scores()
                    ),
                ),
            );
        }
    }
    capture.add(read)
}

/// Whether a read holds a configuration item: anything beyond who the appliance is (its host
/// name, a delegated domain a prompt shows, a hardware model a banner names).
fn yields_items(changes: &[(Change, u32)]) -> bool {
    changes.iter().any(|(c, _)| is_item(c))
}

/// Whether a change is a configuration item, not only who the appliance is.
fn is_item(change: &Change) -> bool {
    !matches!(
        change,
        Change::Host(_)
            | Change::Domain(_)
            | Change::DomainListed(_)
            | Change::DomainsListedInFull
            | Change::Model(_)
    )
}

/// The error for a source nothing could be read from: the file, what it looked like, what
/// was expected.
fn nothing_read(source: &Source, read: &SourceRead, detection: &Detection) -> Error {
    let (lines, not_understood) = (source.line_count(), read.not_understood());
    let (vendor, kind) = (
        detection.vendor.title(),
        vendors::kind_name(detection.claim.kind),
    );
    let (evidence, scores) = (detection.claim.evidence.clone(), detection.scores());
    let expected = vendors::expected();
    let said = match source.shared_prefix() {
        None => message!(
            "read-nothing-read",
            lines = lines,
            not_understood = not_understood,
            vendor = vendor,
            kind = kind,
            evidence = evidence,
            scores = scores,
            expected = expected
        ),
        Some(prefix) => message!(
            "read-nothing-read-prefix",
            lines = lines,
            not_understood = not_understood,
            vendor = vendor,
            kind = kind,
            evidence = evidence,
            scores = scores,
            prefix = prefix,
            expected = expected
        ),
    };
    Error::not_a_capture(source.path.to_string(), said)
}

/// Every vendor's claims on a decoded file; an error naming what was expected when none
/// claims it at all.
fn detect_file(source: &Source) -> Result<Detection> {
    let sample = Sample::File {
        path: Path::new(&*source.path),
        text: &source.text,
    };
    vendors::detect(&sample).ok_or_else(|| {
        let (lines, expected) = (source.line_count(), vendors::expected());
        let said = match source.shared_prefix() {
            None => message!("read-nothing-claimed", lines = lines, expected = expected),
            Some(prefix) => message!(
                "read-nothing-claimed-prefix",
                lines = lines,
                prefix = prefix,
                expected = expected
            ),
        };
        Error::not_a_capture(source.path.to_string(), said)
    })
}

/// The vendor that claims a decoded file, with the kind of capture it takes it for.
fn claimant_of_file(source: &Source) -> Result<(&'static dyn Vendor, SourceKind)> {
    detect_file(source).map(|d| (d.vendor, d.claim.kind))
}

/// Gives an empty capture its vendor; refuses a second vendor in one capture.
fn same_vendor(capture: &mut Capture, vendor: &dyn Vendor) -> Result<()> {
    if capture.config.sources.is_empty() {
        capture.config.vendor = vendor.id();
        return Ok(());
    }
    if capture.config.vendor != vendor.id() {
        return Err(Error::usage(message!(
            "read-two-vendors",
            first = capture.config.vendor.to_string(),
            second = vendor.id().to_string()
        )));
    }
    Ok(())
}

/// Reads one file (a convenience for tests and examples).
pub fn read_file(path: &Path) -> Result<Capture> {
    read(&[path.to_path_buf()], &ReadOptions::default())
}

/// The captures of one appliance split by what they show: live captures (CLI logs, protocol
/// transcripts, capture folders) and config exports, each merged into its own model.
#[derive(Debug, Default)]
pub struct Split {
    /// The appliance as its live captures show it.
    pub live: Option<Capture>,
    /// The appliance as its config exports show it.
    pub export: Option<Capture>,
}

impl Split {
    /// Both captures, for diagnostics.
    pub fn captures(&self) -> impl Iterator<Item = &Capture> {
        self.live.iter().chain(self.export.iter())
    }

    /// The host name either capture shows.
    pub fn hostname(&self) -> Option<&str> {
        self.captures().find_map(|c| {
            c.config
                .appliance
                .hostname
                .as_ref()
                .map(|h| h.value.as_str())
        })
    }

    /// The vendor of the captures.
    pub fn vendor(&self) -> Result<&'static dyn Vendor> {
        let capture = self
            .captures()
            .next()
            .ok_or_else(|| Error::usage(message!("read-no-input-files")))?;
        vendors::by_id(capture.config.vendor)
    }
}

/// Reads captures of one appliance, keeping exports apart from live captures.
pub fn read_split(paths: &[PathBuf], options: &ReadOptions) -> Result<Split> {
    let (inputs, skipped) = walk(paths)?;
    if inputs.is_empty() {
        return Err(no_inputs(paths));
    }
    one_capture_folder(&inputs)?;
    let mut split = Split::default();
    for input in &inputs {
        match input {
            Input::File(file) => {
                let source = Source::read(file, options.encoding)?;
                let (_, kind) = claimant_of_file(&source)?;
                let slot = if options.kind.unwrap_or(kind) == SourceKind::Export {
                    &mut split.export
                } else {
                    &mut split.live
                };
                read_source(&source, options, slot.get_or_insert_with(Capture::default))?;
            }
            Input::Dir(..) => {
                let live = split.live.get_or_insert_with(Capture::default);
                read_input(input, options, live)?;
            }
        }
    }
    if let Some(capture) = split.live.as_mut().or(split.export.as_mut()) {
        note_skipped(capture, &skipped)?;
    }
    if let (Some(live), Some(export)) = (&mut split.live, &mut split.export) {
        same_appliance(&live.config, &export.config)?;
        // A domain the export and a log write in two forms is one: the form a listing of the
        // domains showed, else the export's, which the appliance wrote itself.
        crate::model::align_domains(&mut export.config, &mut live.config);
    }
    Ok(split)
}

/// Two captures of one appliance, or an error: two vendors, or two appliances named by their
/// own words, are a difference of everything and say nothing about a change.
pub(crate) fn same_appliance(a: &crate::model::Config, b: &crate::model::Config) -> Result<()> {
    same_appliance_for(a, b, AskedBy::Read)
}

/// What asked whether two captures are of one appliance, which its error names first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskedBy {
    /// Reading captures together.
    Read,
    /// `diff`, comparing two captures.
    Diff,
    /// `restore --against`, a capture taken after the upgrade.
    Against,
}

/// [`same_appliance`] for what asked it, which the error names first. Identities compare by
/// the one rule of [`crate::model::identity`].
pub(crate) fn same_appliance_for(
    a: &crate::model::Config,
    b: &crate::model::Config,
    asked_by: AskedBy,
) -> Result<()> {
    if a.vendor != b.vendor {
        let first = vendors::by_id(a.vendor)?.title();
        let second = vendors::by_id(b.vendor)?.title();
        return Err(Error::usage(match asked_by {
            AskedBy::Read => message!("read-two-vendor-captures", first = first, second = second),
            AskedBy::Diff => message!("diff-two-vendor-captures", first = first, second = second),
            AskedBy::Against => message!(
                "restore-against-two-vendor-captures",
                first = first,
                second = second
            ),
        }));
    }
    // A name taken from a folder's name is no evidence: a renamed copy would differ.
    let identity = |c: &crate::model::Config| {
        let mut identity = Identity::of(c);
        let named_by_folder = c.appliance.fqdn.is_none()
            && c.appliance.hostname.as_ref().is_some_and(|name| {
                c.sources
                    .get(name.at.source as usize)
                    .is_some_and(|p| p.info.path.ends_with(crate::capture::NAMED_BY_FOLDER))
            });
        if named_by_folder {
            identity.name = None;
        }
        identity
    };
    let (p, q) = (identity(a), identity(b));
    if !identity::same_appliance(&p, &q) {
        let name = |i: &Identity| crate::base::text::sanitize(i.name.as_deref().unwrap_or(""));
        let (first, second) = (name(&p), name(&q));
        return Err(Error::usage(match asked_by {
            AskedBy::Read => message!("read-two-appliances", first = first, second = second),
            AskedBy::Diff => message!("diff-two-appliances", first = first, second = second),
            AskedBy::Against => message!(
                "restore-against-two-appliances",
                first = first,
                second = second
            ),
        }));
    }
    Ok(())
}

//! Reading captures into a model: files and directories in, one [`Config`] out, with every
//! line that did not become model data reported.
//!
//! Files are read in path order, so the order they are named in does not change the result;
//! within a file, changes replay in line order. A large CLI log is cut at command boundaries
//! and its parts are parsed on all cores.

use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::model::{Change, Config, Origin, Provenance, SourceKind, Vendor};
use crate::source::Source;
use crate::vendors;
use crate::vendors::mos::syntax::{
    cli as mos_cli, export as mos_export, protocol as mos_protocol, Node, Warning,
};
use crate::vendors::mos::Interpreter;
use crate::vendors::{Note, NoteKind};

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<&'static Encoding>,
    /// Force a kind instead of detecting it from the content.
    pub kind: Option<SourceKind>,
    /// Cut CLI logs into parts of about this many bytes for parallel parsing (0: a default).
    pub part_size: usize,
}

/// A model and what reading it noticed.
#[derive(Debug, Clone, Default)]
pub struct Capture {
    pub config: Config,
    /// Notes with the index of their source in `config.sources`.
    pub notes: Vec<(u32, Note)>,
}

impl Capture {
    /// `path:line` of a note.
    pub fn locate(&self, source: u32, line: u32) -> String {
        self.config.locate(Origin { source, line })
    }

    /// The notes of one kind of problem: lines that did not become model data.
    pub fn unrecognized(&self) -> impl Iterator<Item = &(u32, Note)> {
        self.notes
            .iter()
            .filter(|(_, n)| matches!(n.kind, NoteKind::Unrecognized(_)))
    }
}

const DEFAULT_PART: usize = 4 << 20;

/// One thing to read: a capture file, or a vendor's capture directory (one appliance).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    File(PathBuf),
    Dir(Vendor, PathBuf),
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::File(p) | Input::Dir(_, p) => p,
        }
    }

    fn vendor(&self) -> Vendor {
        match self {
            Input::File(_) => Vendor::MirapointMos,
            Input::Dir(vendor, _) => *vendor,
        }
    }
}

/// Every input named: files as they are, directories walked (hidden and VCS folders skipped),
/// a vendor's capture directory kept whole. Sorted by path.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path.display().to_string(), e))?;
        if !meta.is_dir() {
            found.push(Input::File(path.clone()));
            continue;
        }
        let mut walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        while let Some(entry) = walker.next() {
            let entry =
                entry.map_err(|e| Error::file(path.display().to_string(), e.to_string()))?;
            let dir_vendor = entry
                .file_type()
                .is_dir()
                .then(|| vendors::capture_dir(entry.path()))
                .flatten();
            if let Some(dir_vendor) = dir_vendor {
                found.push(Input::Dir(dir_vendor, entry.into_path()));
                walker.skip_current_dir();
            } else if entry.file_type().is_file() {
                found.push(Input::File(entry.into_path()));
            }
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// Every capture file named or under a directory named, sorted by path.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    Ok(inputs(paths)?
        .into_iter()
        .map(|i| match i {
            Input::File(p) | Input::Dir(_, p) => p,
        })
        .collect())
}

/// Reads the captures of one appliance.
pub fn read(paths: &[PathBuf], options: &Options) -> Result<Capture> {
    let inputs = inputs(paths)?;
    let Some(first) = inputs.first() else {
        return Err(Error::Usage("no input files".into()));
    };
    let mut capture = Capture {
        config: Config::new(first.vendor()),
        notes: Vec::new(),
    };
    for input in &inputs {
        read_input(input, options, &mut capture)?;
    }
    Ok(capture)
}

/// Reads one input into a capture of the same vendor.
pub fn read_input(input: &Input, options: &Options, capture: &mut Capture) -> Result<()> {
    if input.vendor() != capture.config.vendor {
        return Err(Error::Usage(format!(
            "captures of a {} and a {} appliance; read one appliance at a time",
            capture.config.vendor.name(),
            input.vendor().name()
        )));
    }
    match input {
        Input::File(file) => {
            let source = Source::read(file, options.encoding)?;
            read_source(&source, options, capture)
        }
        Input::Dir(dir_vendor, dir) => {
            let first = capture.config.sources.len() as u32;
            for file in vendors::read_capture_dir(*dir_vendor, dir, first, options.encoding)? {
                add_file(capture, file)?;
            }
            Ok(())
        }
    }
}

/// Adds one file a vendor read (its source, changes and notes) to a capture.
fn add_file(capture: &mut Capture, file: vendors::spamtitan::capture::FileRead) -> Result<()> {
    let index = capture.config.add_source(Provenance {
        kind: file.kind,
        info: file.source.info(),
    });
    for (change, line) in file.changes {
        let at = Origin {
            source: index,
            line,
        };
        capture
            .config
            .apply(change, at)
            .map_err(|c| Error::file(format!("{}:{line}", file.source.path), c.message))?;
    }
    capture
        .notes
        .extend(file.notes.into_iter().map(|n| (index, n)));
    Ok(())
}

/// Reads one file on its own, as git's textconv hands it over: a file a vendor knows by its
/// name (a SpamTitan `domains.csv`) is read by that vendor, any other as a MOS capture.
pub fn read_lone(path: &Path, options: &Options) -> Result<Capture> {
    match vendors::read_lone_file(path, options.encoding) {
        Some(read) => {
            let (vendor, file) = read?;
            let mut capture = Capture {
                config: Config::new(vendor),
                notes: Vec::new(),
            };
            add_file(&mut capture, file)?;
            Ok(capture)
        }
        None => read(&[path.to_path_buf()], options),
    }
}

/// Reads one decoded source into a capture.
pub fn read_source(source: &Source, options: &Options, capture: &mut Capture) -> Result<()> {
    let kind = options.kind.unwrap_or_else(|| detect(&source.text));
    let index = capture.config.add_source(Provenance {
        kind,
        info: source.info(),
    });
    for (line, message) in &source.warnings {
        capture.notes.push((index, warning(*line, message.clone())));
    }
    let parts = match kind {
        SourceKind::Export => {
            let catalog = crate::vendors::mos::Catalog::get();
            let reads_block = |words: &[crate::vendors::mos::syntax::Word<'_>]| {
                let words: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
                catalog.reads_block(&words)
            };
            vec![interpret(
                index,
                |sink| mos_export::parse_with(source, &reads_block, sink),
                false,
            )?]
        }
        SourceKind::Protocol => vec![interpret(
            index,
            |sink| mos_protocol::parse_with(source, sink),
            true,
        )?],
        SourceKind::CliLog => {
            let part = if options.part_size == 0 {
                DEFAULT_PART
            } else {
                options.part_size
            };
            let mut cuts = vec![(0, 1)];
            if source.text.len() > part {
                cuts.extend(mos_cli::boundaries(source, part));
            }
            let ends: Vec<usize> = cuts
                .iter()
                .skip(1)
                .map(|c| c.0)
                .chain([source.text.len()])
                .collect();
            cuts.par_iter()
                .zip(ends.par_iter())
                .map(|(&(start, number), &end)| {
                    interpret(
                        index,
                        |sink| mos_cli::parse_with(source, start, end, number, sink),
                        true,
                    )
                })
                .collect::<Result<Vec<_>>>()?
        }
    };
    for (changes, notes) in parts {
        for (change, line) in changes {
            let at = Origin {
                source: index,
                line,
            };
            capture
                .config
                .apply(change, at)
                .map_err(|c| Error::file(format!("{}:{line}", source.path), c.message))?;
        }
        capture.notes.extend(notes.into_iter().map(|n| (index, n)));
    }
    Ok(())
}

type Parsed = (Vec<(Change, u32)>, Vec<Note>);

fn interpret<'a>(
    source: u32,
    parse: impl FnOnce(&mut dyn FnMut(Node<'a>) -> Result<()>) -> Result<Vec<Warning>>,
    writes_need_ok: bool,
) -> Result<Parsed> {
    let mut interpreter = Interpreter::new(source, writes_need_ok);
    let warnings = parse(&mut |node| {
        interpreter.node(&node);
        Ok(())
    })?;
    let mut notes = interpreter.notes;
    notes.extend(warnings.into_iter().map(|w| warning(w.line, w.message)));
    notes.sort_by_key(|n| n.line);
    Ok((interpreter.changes, notes))
}

fn warning(line: u32, message: String) -> Note {
    Note {
        line,
        kind: NoteKind::Warning,
        text: message,
    }
}

/// The kind of a capture, from its content.
pub fn detect(text: &str) -> SourceKind {
    if mos_protocol::looks_like(text) {
        SourceKind::Protocol
    } else if mos_export::looks_like(text) {
        SourceKind::Export
    } else {
        SourceKind::CliLog
    }
}

/// Reads one file (a convenience for tests and examples).
pub fn read_file(path: &Path) -> Result<Capture> {
    read(&[path.to_path_buf()], &Options::default())
}

/// The captures of one appliance split by what they show: live captures (CLI logs, protocol
/// transcripts) and config exports, each merged into its own model.
#[derive(Debug, Default)]
pub struct Split {
    pub live: Option<Capture>,
    pub export: Option<Capture>,
}

impl Split {
    /// Both captures' notes, for diagnostics.
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
}

/// Reads captures of one appliance, keeping exports apart from live captures.
pub fn read_split(paths: &[PathBuf], options: &Options) -> Result<Split> {
    let inputs = inputs(paths)?;
    if inputs.is_empty() {
        return Err(Error::Usage("no input files".into()));
    }
    let mut split = Split::default();
    for input in &inputs {
        let export = match input {
            Input::File(file) => {
                let source = Source::read(file, options.encoding)?;
                let kind = options.kind.unwrap_or_else(|| detect(&source.text));
                let slot = if kind == SourceKind::Export {
                    &mut split.export
                } else {
                    &mut split.live
                };
                let capture = slot.get_or_insert_with(|| Capture {
                    config: Config::new(input.vendor()),
                    notes: Vec::new(),
                });
                if capture.config.vendor != input.vendor() {
                    return Err(Error::Usage(
                        "captures of two vendors; read one appliance at a time".into(),
                    ));
                }
                read_source(&source, options, capture)?;
                continue;
            }
            Input::Dir(..) => &mut split.live,
        };
        let capture = export.get_or_insert_with(|| Capture {
            config: Config::new(input.vendor()),
            notes: Vec::new(),
        });
        read_input(input, options, capture)?;
    }
    if let (Some(live), Some(export)) = (&split.live, &split.export) {
        let (a, b) = (
            &live.config.appliance.hostname,
            &export.config.appliance.hostname,
        );
        if let (Some(a), Some(b)) = (a, b) {
            if a.value != b.value {
                return Err(Error::Usage(format!(
                    "the export is of `{}` but the live captures are of `{}`",
                    b.value, a.value
                )));
            }
        }
    }
    Ok(split)
}

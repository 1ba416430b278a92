//! Reading one MOS capture file: which of the three kinds it is (CLI log, admin-protocol
//! transcript, config export), its lossless tree, and the model changes the interpreter finds
//! in it. A large CLI log is cut at command boundaries and its parts are parsed on all cores.

use rayon::prelude::*;

use super::catalog::Catalog;
use super::evidence;
use super::interpret::Interpreter;
use super::syntax::{cli, export, protocol, Node, Warning, Word};
use crate::base::error::Result;
use crate::capture::{Note, ReadOptions, SourceRead};
use crate::model::{Change, SourceKind};
use crate::source::Source;

const DEFAULT_PART: usize = 4 << 20;

/// The kind of a capture, from the evidence of its whole content (`evidence::weigh`); a text
/// with no evidence at all reads as a CLI log.
pub fn detect(text: &str) -> SourceKind {
    evidence::weigh(text)
        .into_iter()
        .find(|w| w.score > 0)
        .map_or(SourceKind::CliLog, |w| w.kind)
}

/// Reads one decoded source whose index in the model is `index`.
pub fn read_source(source: &Source, index: u32, options: &ReadOptions) -> Result<SourceRead> {
    let kind = options.kind.unwrap_or_else(|| detect(&source.text));
    let mut read = SourceRead::new(source, kind);
    let parts = match kind {
        SourceKind::Export => {
            let catalog = Catalog::get();
            let reads_block = |words: &[Word<'_>]| {
                let words: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
                catalog.reads_block(&words)
            };
            vec![interpret(
                Interpreter::sharing(index, false, source.text.clone()),
                |sink| export::parse_with(source, &reads_block, sink),
            )?]
        }
        SourceKind::Protocol => vec![interpret(
            Interpreter::sharing(index, true, source.text.clone()),
            |sink| protocol::parse_with(source, sink),
        )?],
        SourceKind::CliLog => cli_parts(source, index, options.part_size)?,
    };
    for (changes, notes) in parts {
        read.changes.extend(changes);
        read.notes.extend(notes);
    }
    unnamed_export(&mut read);
    Ok(read)
}

/// An export without its `# host:` header (cut off, or copied from below it) names no
/// appliance: it is read, and a warning says that which appliance it is of is not known.
fn unnamed_export(read: &mut SourceRead) {
    let named = read
        .changes
        .iter()
        .any(|(c, _)| matches!(c, crate::model::Change::Host(_)));
    if read.provenance.kind == SourceKind::Export && !named {
        let said = crate::message!("reading-mos-export-unnamed");
        read.notes.insert(0, crate::capture::Note::warning(1, said));
    }
}

/// A CLI log cut at command boundaries into parts of about `part_size` bytes, each parsed
/// and interpreted on its own core.
fn cli_parts(source: &Source, index: u32, part_size: usize) -> Result<Vec<Parsed>> {
    let part = if part_size == 0 {
        DEFAULT_PART
    } else {
        part_size
    };
    let mut cuts = vec![(0, 1)];
    if source.text.len() > part {
        cuts.extend(cli::boundaries(source, part));
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
                Interpreter::sharing(index, true, source.text.clone()),
                |sink| cli::parse_with(source, start, end, number, sink),
            )
        })
        .collect()
}

type Parsed = (Vec<(Change, u32)>, Vec<Note>);

fn interpret<'a>(
    mut interpreter: Interpreter,
    parse: impl FnOnce(&mut dyn FnMut(Node<'a>) -> Result<()>) -> Result<Vec<Warning>>,
) -> Result<Parsed> {
    let warnings = parse(&mut |node| {
        interpreter.node(&node);
        Ok(())
    })?;
    let mut notes = interpreter.notes;
    notes.extend(
        warnings
            .into_iter()
            .map(|w| Note::warning(w.line, w.message)),
    );
    notes.sort_by_key(|n| n.line);
    Ok((interpreter.changes, notes))
}

//! Reading one MOS capture file: which of the three kinds it is (CLI log, admin-protocol
//! transcript, config export), its lossless tree, and the model changes the interpreter finds
//! in it. A large CLI log is cut at command boundaries and its parts are parsed on all cores.

use rayon::prelude::*;

use super::catalog::Catalog;
use super::evidence;
use super::interpret::{reads_in_parts, Carried, Interpreter};
use super::syntax::{cli, export, protocol, Node, Parts, Warning, Word};
use crate::base::error::Result;
use crate::capture::{Note, ReadOptions, SourceRead};
use crate::model::{Change, SourceKind};
use crate::source::Source;

const DEFAULT_PART: usize = 4 << 20;

/// Answer lines a listing is read in at a time, so a long one is never held whole.
const DEFAULT_ANSWER_PART: usize = 4096;

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
    let parts = Parts {
        may_split: &reads_in_parts,
        lines: match options.answer_part {
            0 => DEFAULT_ANSWER_PART,
            lines => lines,
        },
    };
    let parts = match kind {
        SourceKind::Export => {
            let catalog = Catalog::get();
            let reads_block = |words: &[Word<'_>]| {
                let words: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
                catalog.reads_block(&words)
            };
            vec![
                interpret(Interpreter::sharing(index, false, source), |sink| {
                    export::parse_with(source, &reads_block, sink)
                })?
                .0,
            ]
        }
        SourceKind::Protocol => vec![
            interpret(Interpreter::sharing(index, true, source), |sink| {
                protocol::parse_with(source, parts, sink)
            })?
            .0,
        ],
        SourceKind::CliLog => cli_parts(source, index, options.part_size, parts)?,
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
/// and interpreted on its own core; `parts` says which answers may be read in parts.
fn cli_parts(
    source: &Source,
    index: u32,
    part_size: usize,
    parts: Parts<'_>,
) -> Result<Vec<Parsed>> {
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
    let read = |part: usize, carried: Carried| {
        let ((start, number), end) = (cuts[part], ends[part]);
        interpret(
            Interpreter::sharing(index, true, source).carrying(carried),
            |sink| cli::parse_with(source, start, end, number, parts, sink),
        )
    };
    let mut parsed: Vec<(Parsed, Carried)> = (0..cuts.len())
        .into_par_iter()
        .map(|part| read(part, Carried::default()))
        .collect::<Result<_>>()?;
    // A part after one that left a domain selected (or an upgrade unread) is read again from
    // there: rare, and in order.
    for part in 1..parsed.len() {
        let left = parsed[part - 1].1.clone();
        if left != Carried::default() {
            parsed[part] = read(part, left)?;
        }
    }
    Ok(parsed.into_iter().map(|(read, _)| read).collect())
}

type Parsed = (Vec<(Change, u32)>, Vec<Note>);

fn interpret<'a>(
    mut interpreter: Interpreter,
    parse: impl FnOnce(&mut dyn FnMut(Node<'a>) -> Result<()>) -> Result<Vec<Warning>>,
) -> Result<(Parsed, Carried)> {
    let warnings = parse(&mut |node| {
        interpreter.node(&node);
        Ok(())
    })?;
    let carried = interpreter.carried();
    let (changes, mut notes) = interpreter.finish();
    notes.extend(
        warnings
            .into_iter()
            .map(|w| Note::warning(w.line, w.message)),
    );
    notes.sort_by_key(|n| n.line);
    Ok(((changes, notes), carried))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::NoteKind;

    /// Reads `text` as `kind` with every answer whole, then with listings read in parts of
    /// 1, 2 and 3 lines: the same changes and the same notes, each time. Checks that parts were
    /// handed over at all, and gives the whole read.
    fn same_in_parts(text: &str, kind: SourceKind) -> SourceRead {
        let source = Source::from_text("t.log", text);
        let read = |answer_part| {
            let options = ReadOptions {
                kind: Some(kind),
                answer_part,
                ..ReadOptions::default()
            };
            read_source(&source, 0, &options).unwrap()
        };
        let whole = read(usize::MAX);
        for lines in [1, 2, 3] {
            let parts = read(lines);
            assert_eq!(parts.changes, whole.changes, "in parts of {lines}");
            assert_eq!(parts.notes, whole.notes, "in parts of {lines}");
        }
        let mut handed = 0;
        let parts = Parts {
            may_split: &reads_in_parts,
            lines: 1,
        };
        let mut count = |node: Node<'_>| {
            handed += usize::from(matches!(node, Node::Part(_)));
            Ok(())
        };
        match kind {
            SourceKind::Protocol => protocol::parse_with(&source, parts, &mut count),
            _ => cli::parse_with(&source, 0, text.len(), 1, parts, &mut count),
        }
        .unwrap();
        assert!(handed > 1, "no listing was handed over in parts");
        whole
    }

    fn has(read: &SourceRead, id: &str) -> bool {
        read.notes.iter().any(|n| match &n.kind {
            NoteKind::Warning(m) | NoteKind::Unrecognized(m) => m.id == id,
            _ => false,
        })
    }

    const LISTING: &str = "rg01> uce listexception primary whitelistto\n\
        \"a@one.example\"\n\
        \n\
        \"b\u{ff20}two.example\"\n\
        some words here\n\
        \"c@three.example\"\n\
        \"a@one.example\"\n";

    #[test]
    fn a_long_listing_read_in_parts_reads_as_whole() {
        let text = format!("rg01> version\nMOS4.1.9-GA\nOK Completed\n{LISTING}OK Completed\nrg01> version\nMOS4.1.9-GA\nOK Completed\n");
        let read = same_in_parts(&text, SourceKind::CliLog);
        // A line read as no entry ("some words here") may have been one: the entries read are
        // added, and the list is not known in full.
        let added: std::collections::BTreeSet<&str> = read
            .changes
            .iter()
            .filter_map(|(c, _)| match c {
                Change::ListAdd { entry, .. } => Some(entry.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            added.into_iter().collect::<Vec<_>>(),
            ["a@one.example", "b@two.example", "c@three.example"]
        );
        assert!(!read
            .changes
            .iter()
            .any(|(c, _)| matches!(c, Change::ListReplace { .. })));
        assert!(has(&read, "mos-list-lines-unread"));
        assert!(has(&read, "reading-mos-entry-lookalike"));
        assert!(has(&read, "unread-mos-list-value"));
    }

    #[test]
    fn a_listing_says_each_kind_of_entry_once_with_its_count_in_parts_too() {
        let text = "rg01> uce listexception primary whitelistto\n\
            \"mailto:a@one.example\"\n\
            \"b\u{ff20}two.example\"\n\
            \"mailto:c@three.example\"\n\
            \"d@four.example\"\n\
            \"mailto:e\u{ff20}five.example\"\n\
            \"F <f@six.example>\"\n\
            OK Completed\n";
        let read = same_in_parts(text, SourceKind::CliLog);
        let said: Vec<(u32, NoteKind)> = read
            .notes
            .iter()
            .map(|n| (n.line, n.kind.clone()))
            .collect();
        let pasted = crate::message!(
            "reading-mos-entries-pasted",
            list = "primary/whitelistto",
            count = 3u64,
            first = "mailto:a@one.example",
            shape = "mailto"
        );
        let lookalike = crate::message!(
            "reading-mos-entries-lookalike",
            list = "primary/whitelistto",
            count = 2u64,
            first = "b@two.example"
        );
        let one = crate::message!(
            "reading-mos-entry-pasted",
            entry = "F <f@six.example>",
            shape = "display-name"
        );
        assert_eq!(
            said,
            [
                (2, NoteKind::Warning(pasted)),
                (3, NoteKind::Warning(lookalike)),
                (7, NoteKind::Warning(one)),
            ]
        );
    }

    #[test]
    fn a_listing_cut_without_its_completion_keeps_what_was_seen_in_parts_too() {
        for end in ["", "rg01> version\nMOS4.1.9-GA\nOK Completed\n"] {
            let read = same_in_parts(&format!("{LISTING}{end}"), SourceKind::CliLog);
            assert!(has(&read, "mos-list-not-completed"));
            assert!(read
                .changes
                .iter()
                .any(|(c, _)| matches!(c, Change::ListAdd { .. })));
        }
    }

    #[test]
    fn a_refused_listing_in_parts_says_every_line_not_understood() {
        let read = same_in_parts(
            &format!("{LISTING}NO Permission denied\n"),
            SourceKind::CliLog,
        );
        let refused = read
            .notes
            .iter()
            .filter(
                |n| matches!(&n.kind, NoteKind::Unrecognized(m) if m.id == "unread-mos-refused"),
            )
            .count();
        assert_eq!(refused, 7);
        assert!(!has(&read, "reading-mos-entry-lookalike"));
        let read = same_in_parts(
            &format!("{LISTING}NO Unknown command\n"),
            SourceKind::CliLog,
        );
        assert!(read
            .notes
            .iter()
            .all(|n| matches!(n.kind, NoteKind::Absent { .. })));
    }

    #[test]
    fn a_wrapped_value_is_rejoined_across_a_part_boundary() {
        let text = "rg01> uce listexception primary whitelistto\n\
            \"a@one.example\"\n\
            \"b-very-long-name@\n\
            two.example\"\n\
            \"c@three.example\n\
            \n\
            \"d@four\n\
            \"e@five.example\"\n\
            OK Completed\n";
        let read = same_in_parts(text, SourceKind::CliLog);
        assert!(has(&read, "mos-quoted-value-rejoined"));
        assert!(has(&read, "unread-mos-answer-words"));
    }

    #[test]
    fn a_transcript_reads_its_listing_in_parts_as_whole() {
        let listing = "C: a006 uce listexception primary whitelistto\n\
            S: * a006 \"a@one.example\"\n\
            S: * a006 \"b@two.example\"\n\
            S: * a006 oops\n\
            S: * a006 \"c@three.example\"\n";
        let greeting = "S: * OK rg03.example.net admind 4.1.9 ready\n";
        for end in [
            "S: a006 OK Completed\n",
            "S: a006 NO Permission denied\n",
            "",
        ] {
            same_in_parts(&format!("{greeting}{listing}{end}"), SourceKind::Protocol);
        }
    }
}

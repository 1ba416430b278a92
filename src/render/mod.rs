//! Rendering: models and reports to text. Renderers know no parser.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

pub use notice::Verbosity;

use crate::base::message::Message;
use crate::capture::{line_counts, Capture, LineCount, Note, NoteKind};
use crate::model::{Config, Coverage, Provenance};

pub mod apply;
pub mod capture;
pub mod diff;
pub mod error;
pub mod explain;
pub mod fetch;
pub mod findings;
mod findings_json;
pub mod github;
mod knowledge_words;
pub mod message;
pub mod notice;
pub mod report;
pub mod restore;
pub mod rule_page;
pub mod runbook;
pub mod sarif;
pub mod schema;
pub mod style;
pub mod textconv;
pub mod track;
pub mod update_log;
pub mod width;

/// The version of carryover's JSON documents (and of the RON `show --provenance` writes); it
/// changes once per release that changes their shape. 2: findings as objects, strict schemas.
/// The canonical RON of a model has its own ([`crate::model::canonical::FORMAT_VERSION`]).
pub const FORMAT_VERSION: u32 = 2;

/// How a model is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelFormat {
    /// Canonical RON.
    Ron,
    /// JSON, with the line counts of every source.
    Json,
}

/// `show --format json` (and the RON `show` writes, without `lines` and `coverage`).
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Document<'a> {
    /// The version of this document's shape.
    format_version: u32,
    /// The appliance's configuration; a section no capture observed is marked not captured.
    config: crate::model::canonical::Covered<'a>,
    /// With `--provenance`: the sources read, and where each item was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<ProvenanceView>,
    /// JSON only (RON stays canonical): the lines of each source, read and not understood.
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<Vec<LineCount>>,
    /// What the captures observed (JSON only: the canonical RON stays the configuration).
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<&'a Coverage>,
}

/// Where everything was read.
#[derive(Serialize, schemars::JsonSchema)]
struct ProvenanceView {
    /// The sources read, in order.
    sources: Vec<Provenance>,
    /// `path:line` of every item, by item path.
    items: BTreeMap<String, String>,
}

/// The canonical text of a model: the same settings give the same bytes.
pub fn model(config: &Config, format: ModelFormat, provenance: bool) -> String {
    let mut out = Vec::new();
    write_model(&mut out, config, format, provenance).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("RON and JSON are UTF-8")
}

/// Writes the canonical text of a model as it is serialized, so a large model is never held
/// twice in memory. RON without provenance is the model's own canonical form
/// ([`crate::model::canonical`]).
pub fn write_model(
    out: &mut dyn std::io::Write,
    config: &Config,
    format: ModelFormat,
    provenance: bool,
) -> std::io::Result<()> {
    let known = crate::vendors::by_id(config.vendor)
        .map(|v| v.known())
        .unwrap_or_default();
    if format == ModelFormat::Ron && !provenance {
        return crate::model::canonical::write_ron(out, config, &known);
    }
    // A file name is the user's, or a capture folder's: on one line, through the one
    // sanitiser, so that no name can drive the terminal the RON is shown on.
    let provenance = provenance.then(|| ProvenanceView {
        sources: config
            .sources
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.info.path = one_line(&p.info.path).into();
                p
            })
            .collect(),
        items: config
            .items()
            .into_iter()
            .map(|i| (i.path, one_line(&config.locate(i.at))))
            .collect(),
    });
    let document = Document {
        format_version: FORMAT_VERSION,
        config: crate::model::canonical::Covered::of(
            config,
            match format {
                ModelFormat::Ron => crate::model::canonical::Notation::Ron,
                ModelFormat::Json => crate::model::canonical::Notation::Json,
            },
            &known,
        ),
        provenance,
        lines: (format == ModelFormat::Json).then(|| line_counts(config)),
        coverage: (format == ModelFormat::Json).then_some(&config.coverage),
    };
    match format {
        ModelFormat::Ron => crate::model::canonical::write_ron_of(out, &document),
        ModelFormat::Json => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
            serde_json::to_writer_pretty(&mut out, &document)?;
            std::io::Write::write_all(&mut out, b"\n")?;
            std::io::Write::flush(&mut out)
        }
    }
}

/// `path:line: text` for every line that did not become model data, then a count. A line is
/// listed once, so the count is the one [`diagnostics`] and the JSON output give.
pub fn unrecognized(capture: &Capture) -> String {
    let mut out = String::new();
    let mut count: u64 = 0;
    let mut listed = std::collections::BTreeSet::new();
    for (source, note) in capture.unrecognized() {
        if !listed.insert((*source, note.line)) {
            continue;
        }
        count += 1;
        let at = capture.locate(*source, note.line);
        let _ = writeln!(out, "{}: {}", one_line(&at), note.text);
    }
    let said = crate::message!("diagnostics-unrecognized-count", count = count);
    let _ = writeln!(out, "{}", message::words(&said));
    crate::base::text::terminal_safe(&out).into_owned()
}

/// What reading a capture noticed, for standard error, at the default verbosity: see
/// [`diagnostics_at`].
pub fn diagnostics(capture: &Capture) -> String {
    diagnostics_at(capture, Verbosity::Normal)
}

/// Warnings and refused commands, for standard error: each distinct one once, with how many
/// times and where first when it repeats; then, for each source with lines not understood (or
/// every source, `-v`), its line counts:
/// `rg01.log: 212 lines, 198 read, 14 not understood (see --unrecognized)`.
/// A read of a command the appliance has no such thing for is said under `-v` only; `-q`
/// says nothing (errors are not notes: they stop the run). Each line stays one line: every
/// text from a capture or a file name goes through the one sanitiser, tabs and line breaks
/// included; a value longer than [`message::QUOTED_AT_MOST`] characters is quoted by its
/// start, with how long it is.
pub fn diagnostics_at(capture: &Capture, verbosity: Verbosity) -> String {
    if verbosity == Verbosity::Quiet {
        return String::new();
    }
    let mut out = String::new();
    for (said, at, count) in distinct_notes(capture, verbosity) {
        // Told apart by the whole value, each quoted by its start: a value of 20,000
        // characters makes no line of 20,000.
        let said = message::quoting_at_most(&said);
        let line = match count {
            1 => crate::message!("quiet-located", at = at, said = said),
            _ => crate::message!("quiet-repeated", at = at, said = said, count = count),
        };
        let _ = writeln!(out, "{}", message::words(&line));
    }
    for count in line_counts(&capture.config) {
        let path = count.path.as_str();
        let line = match count.not_understood {
            0 if verbosity == Verbosity::Verbose => {
                crate::message!("quiet-all-read", path = path, lines = count.lines)
            }
            0 => continue,
            not_understood => crate::message!(
                "diagnostics-line-counts",
                path = path,
                lines = count.lines,
                read = count.read,
                not_understood = not_understood
            ),
        };
        let _ = writeln!(out, "{}", message::words(&line));
    }
    // Capture text reaches the terminal: nothing in it may move the cursor or recolour it.
    crate::base::text::terminal_safe(&out).into_owned()
}

/// The notes to say, each distinct one once, in the order first met: what is said (without
/// where), where it was first said (`path:line`, as the capture names it: the message it goes
/// in makes it safe), and how many times.
fn distinct_notes(capture: &Capture, verbosity: Verbosity) -> Vec<(Message, String, u64)> {
    let mut said: Vec<(Message, String, u64)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (source, note) in &capture.notes {
        let Some(note_words) = note_said(capture, note, verbosity) else {
            continue;
        };
        match index.entry(message::words(&note_words)) {
            std::collections::hash_map::Entry::Occupied(seen) => said[*seen.get()].2 += 1,
            std::collections::hash_map::Entry::Vacant(new) => {
                new.insert(said.len());
                said.push((note_words, note_at(capture, *source, note.line), 1));
            }
        }
    }
    said
}

/// `path:line` of a note; line 0, a note about the whole file (how its kind was chosen), is
/// the file's path.
fn note_at(capture: &Capture, source: u32, line: u32) -> String {
    match line {
        0 => capture
            .config
            .sources
            .get(source as usize)
            .map_or_else(|| "?".to_string(), |p| p.info.path.to_string()),
        line => capture.locate(source, line),
    }
}

/// What a note says, without where, if it is said at this verbosity.
fn note_said(capture: &Capture, note: &Note, verbosity: Verbosity) -> Option<Message> {
    Some(match &note.kind {
        NoteKind::Warning(said) => crate::message!("quiet-warning", warning = said.clone()),
        NoteKind::Rejected(answer) => {
            crate::message!("quiet-refused", command = note.text.trim(), answer = answer)
        }
        NoteKind::Absent {
            command,
            answer,
            write,
        } if *write || verbosity == Verbosity::Verbose => match &capture.config.appliance.version {
            Some(version) => crate::message!(
                "quiet-absent",
                version = version.value.to_string(),
                command = command,
                answer = answer
            ),
            None => crate::message!(
                "quiet-absent-version-unknown",
                command = command,
                answer = answer
            ),
        },
        NoteKind::Absent { .. } | NoteKind::Unrecognized(_) => return None,
    })
}

/// A path (or `path:line`) from a capture's names, kept on one line: a file name may hold line
/// breaks, and a line of its own could pass for a command to a CI runner.
fn one_line(text: &str) -> String {
    crate::base::text::sanitize(text)
}

/// Pretty JSON of a document, ending in a newline.
pub fn json<T: serde::Serialize>(document: &T) -> String {
    let mut text = serde_json::to_string_pretty(document).expect("documents serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::SourceRead;
    use crate::model::{SourceKind, VendorId};
    use crate::source::Source;

    #[test]
    fn a_tab_or_a_line_break_in_a_note_is_shown_escaped_and_each_note_stays_one_line() {
        let source = Source::from_text("a\tb.log", "rg> smtp set banner x\n");
        let mut read = SourceRead::new(&source, SourceKind::CliLog);
        read.notes.push(Note::warning(
            1,
            crate::message!(
                "mos-write-not-completed",
                command = "smtp set banner \"a\tb\nc\""
            ),
        ));
        read.notes.push(Note {
            line: 1,
            kind: NoteKind::Rejected("NO bad\tvalue".into()),
            text: "smtp set banner \"a\tb\"".into(),
        });
        let mut capture = Capture::new(VendorId("test"));
        capture.add(read).unwrap();
        let said = diagnostics(&capture);
        assert!(!said.contains('\t'), "{said:?}");
        assert_eq!(said.lines().count(), 2, "{said}");
        assert!(
            said.starts_with("a\\tb.log:1: warning: ")
                && said.contains("`smtp set banner \"a\\tb\\nc\"`"),
            "{said}"
        );
        assert!(said.contains("(NO bad\\tvalue)"), "{said}");
    }

    #[test]
    fn every_note_quotes_a_huge_value_by_its_start() {
        let huge = format!("smtp set banner \"{}\"", "x".repeat(20_000));
        let source = Source::from_text("a.log", "rg> smtp set banner x\n");
        let mut read = SourceRead::new(&source, SourceKind::CliLog);
        read.notes.push(Note::warning(
            1,
            crate::message!("mos-write-not-completed", command = huge.as_str()),
        ));
        read.notes.push(Note {
            line: 2,
            kind: NoteKind::Rejected(format!("NO {}", "y".repeat(20_000))),
            text: huge.clone(),
        });
        let mut capture = Capture::new(VendorId("test"));
        capture.add(read).unwrap();
        let said = diagnostics(&capture);
        assert_eq!(said.lines().count(), 2, "{said}");
        for line in said.lines() {
            assert!(line.chars().count() < 500, "{line}");
            assert!(
                line.contains(" (the first 80 of 20018 characters)"),
                "{line}"
            );
        }
        assert!(
            said.contains(" (the first 80 of 20003 characters)"),
            "{said}"
        );
    }
}

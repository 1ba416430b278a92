//! What reading captures produces, the same for every vendor: one source read
//! ([`SourceRead`]), what the reader noticed on the way ([`Note`]), and the merged result for
//! one appliance ([`Capture`]). A vendor fills these; nothing above this layer names a vendor.

use std::collections::{BTreeMap, BTreeSet};

use encoding_rs::Encoding;

use crate::base::error::{Error, Result};
use crate::base::message::{Arg, Message};
use crate::model::{Change, Config, Origin, Provenance, SourceKind, VendorId, Version};
use crate::source::Source;

/// Something a reader noticed about a line that did not become model data, or that it had to
/// work around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The line of the source it is about.
    pub line: u32,
    /// What kind of problem it is.
    pub kind: NoteKind,
    /// The line's text (a line not understood, a refused command); empty for a warning, which
    /// says what it has to say in its kind.
    pub text: String,
}

/// What kind of problem a [`Note`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    /// The line did not become model data; the message says why.
    Unrecognized(Message),
    /// The appliance refused the command (NO or BAD): it changed nothing.
    Rejected(String),
    /// A problem that reading worked around, and what the reader says about it.
    Warning(Message),
    /// The appliance has no such command or setting (`NO Unknown parameter`): a fact about
    /// its version, read, and no problem of the capture.
    Absent {
        /// The command's words, without prompt or tag.
        command: String,
        /// The appliance's answer.
        answer: String,
        /// Whether the command was meant to change something (not a `get` or `list`).
        write: bool,
    },
}

impl Note {
    /// A line that did not become model data.
    pub fn unrecognized(line: u32, text: &str, reason: Message) -> Note {
        Note {
            line,
            kind: NoteKind::Unrecognized(reason),
            text: text.to_string(),
        }
    }

    /// A problem reading worked around: a message, or (from readers not yet converted)
    /// words already made.
    pub fn warning(line: u32, said: Message) -> Note {
        Note {
            line,
            kind: NoteKind::Warning(said),
            text: String::new(),
        }
    }
}

/// What ends the name of the source a vendor makes for a host name it took from a capture
/// folder's name, not from the appliance's own words: a weaker claim, which a renamed copy
/// of the folder changes.
pub const NAMED_BY_FOLDER: &str = " (the folder's name)";

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<&'static Encoding>,
    /// Force a kind instead of detecting it from the content.
    pub kind: Option<SourceKind>,
    /// Cut large logs into parts of about this many bytes for parallel parsing (0: a default).
    pub part_size: usize,
    /// Read a listing's answer in parts of about this many lines, so a long one is never held
    /// whole (0: a default).
    pub answer_part: usize,
    /// The name that messages and evidence give the file read, instead of its path: git hands
    /// an external diff a temporary copy of the file it names.
    pub shown_as: Option<String>,
}

/// One source a vendor read: where it came from, the model changes it holds in line order,
/// and what did not become model data.
#[derive(Debug)]
pub struct SourceRead {
    /// The source and what kind of capture it is.
    pub provenance: Provenance,
    /// Model changes with the line each was read on, in the order the appliance saw them.
    pub changes: Vec<(Change, u32)>,
    /// Lines that did not become model data, and problems worked around.
    pub notes: Vec<Note>,
}

impl SourceRead {
    /// An empty read of `source`, holding the source layer's own warnings (undecodable bytes).
    pub fn new(source: &Source, kind: SourceKind) -> SourceRead {
        SourceRead {
            provenance: Provenance {
                kind,
                info: source.info(),
            },
            changes: Vec::new(),
            notes: source
                .warnings
                .iter()
                .map(|(line, message)| Note::warning(*line, message.clone()))
                .collect(),
        }
    }
}

impl SourceRead {
    /// How many distinct lines did not become model data: what `--unrecognized` lists.
    pub fn not_understood(&self) -> usize {
        let mut lines: Vec<u32> = self
            .notes
            .iter()
            .filter(|n| matches!(n.kind, NoteKind::Unrecognized(_)))
            .map(|n| n.line)
            .collect();
        lines.sort_unstable();
        lines.dedup();
        lines.len()
    }
}

/// Lines of one source: how many there are, how many were read, how many were not understood.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct LineCount {
    /// The source's path.
    pub path: String,
    /// Lines in the file.
    pub lines: u64,
    /// Lines that became model data or were understood as what they are (prompts, blanks).
    pub read: u64,
    /// Lines that did not become model data (`--unrecognized` lists them).
    pub not_understood: u64,
}

/// The line counts of every source of a model, in the order they were read.
pub(crate) fn line_counts(config: &Config) -> Vec<LineCount> {
    config
        .sources
        .iter()
        .map(|p| LineCount {
            path: p.info.path.to_string(),
            lines: p.info.lines,
            read: p.info.lines.saturating_sub(p.info.not_understood),
            not_understood: p.info.not_understood,
        })
        .collect()
}

/// A command no catalog knows is kept as typed, with its answer: a secret in it (`ldap set
/// bindpw ...`, or the answer of `ldap get bindpw`) cannot be marked, so it is masked here, for
/// every output, `--show-secrets` included. An answer line that names a secret field masks
/// what follows the name.
fn mask_raw(change: Change) -> Change {
    let Change::Raw { key, mut raw } = change else {
        return change;
    };
    let names = crate::base::secrets::neutral();
    let as_read = (raw.command.clone(), raw.answer.clone());
    let masked = names.mask_line(&raw.command);
    if masked != raw.command || raw.command.split_whitespace().any(|w| names.matches(w)) {
        raw.answer = raw
            .answer
            .iter()
            .map(|_| crate::base::secrets::MASK.to_string())
            .collect();
    } else {
        // A listing of names and values (`snmp list`: `"rocommunity" "..."`) names its own
        // secrets, line by line.
        raw.answer = raw.answer.iter().map(|l| names.mask_line(l)).collect();
    }
    raw.command = masked;
    if (&raw.command, &raw.answer) != (&as_read.0, &as_read.1) {
        // What a vendor hid as it read (a SpamTitan secret field) is part of it.
        let before = raw.hidden.map(|hidden| hidden.to_string());
        let texts: Vec<&str> = std::iter::once(as_read.0.as_str())
            .chain(as_read.1.iter().map(String::as_str))
            .chain(before.as_deref())
            .collect();
        raw.hidden = Some(crate::model::Raw::hide(&texts));
    }
    Change::Raw {
        key: names.mask_line(&key),
        raw,
    }
}

/// The model of one appliance and what reading its captures noticed.
#[derive(Debug, Clone, Default)]
pub struct Capture {
    /// The merged model.
    pub config: Config,
    /// Notes with the index of their source in `config.sources`.
    pub notes: Vec<(u32, Note)>,
    /// The hashes of what masking hid, by raw item, when several commands hid different texts
    /// under one masked form.
    hidden_under: BTreeMap<String, BTreeSet<u64>>,
}

impl Capture {
    /// An empty capture of a vendor's appliance.
    pub fn new(vendor: VendorId) -> Capture {
        Capture {
            config: Config::new(vendor),
            notes: Vec::new(),
            hidden_under: BTreeMap::new(),
        }
    }

    /// `path:line` of a note.
    pub(crate) fn locate(&self, source: u32, line: u32) -> String {
        self.config.locate(Origin { source, line })
    }

    /// The notes of one kind of problem: lines that did not become model data.
    pub fn unrecognized(&self) -> impl Iterator<Item = &(u32, Note)> {
        self.notes
            .iter()
            .filter(|(_, n)| matches!(n.kind, NoteKind::Unrecognized(_)))
    }

    /// The index the next source added will have.
    pub(crate) fn next_source(&self) -> u32 {
        self.config.sources.len() as u32
    }

    /// Adds one source a vendor read: its provenance, then its changes replayed in order,
    /// then its notes.
    pub fn add(&mut self, mut read: SourceRead) -> Result<()> {
        let path = read.provenance.info.path.clone();
        self.one_version(&read, &path)?;
        read.provenance.info.not_understood = read.not_understood() as u64;
        let index = self.config.add_source(read.provenance);
        for (change, line) in read.changes {
            let mut change = mask_raw(change);
            let at = Origin {
                source: index,
                line,
            };
            if let Change::Version(version) = &change {
                self.start_over_after_upgrade(version, at);
            }
            self.merge_what_hides(&mut change, at);
            self.config
                .apply(change, at)
                .map_err(|c| Error::file(format!("{path}:{line}"), c.message))?;
        }
        // Notes quote capture lines: a password in one (a refused LOGIN) is masked here, once,
        // for every output that shows notes.
        let names = crate::base::secrets::neutral();
        self.notes.extend(read.notes.into_iter().map(|mut n| {
            n.text = names.mask_line(&n.text);
            match &mut n.kind {
                NoteKind::Rejected(answer) => *answer = names.mask_line(answer),
                NoteKind::Absent {
                    command, answer, ..
                } => {
                    *command = names.mask_line(command);
                    *answer = names.mask_line(answer);
                }
                NoteKind::Warning(message) => {
                    for (_, arg) in &mut message.args {
                        if let Arg::Text(text) = arg {
                            *text = names.mask_line(text);
                        }
                    }
                }
                NoteKind::Unrecognized(_) => {}
            }
            (index, n)
        }));
        Ok(())
    }
}

impl Capture {
    /// Whether `error` is [`Capture::add`]'s refusal of a capture of another moment (another
    /// version): the captures read before it are no model of the appliance either.
    pub fn is_another_moment(error: &Error) -> bool {
        matches!(error, Error::Usage(m) if m.id == "read-two-versions")
    }

    /// A version of another release read after one already held is an upgrade inside one
    /// capture (the log of an upgrade session): what was read before it leaves the model, with
    /// a warning, rather than standing for the upgraded appliance.
    fn start_over_after_upgrade(&mut self, version: &Version, at: Origin) {
        let Some(held) = &self.config.appliance.version else {
            return;
        };
        if held.value.same_release(version) {
            return;
        }
        let said = crate::message!(
            "read-upgrade-starts-over",
            version = version.to_string(),
            other_at = self.config.locate(held.at),
            other = held.value.to_string()
        );
        self.config.forget_readings();
        self.notes.push((at.source, Note::warning(at.line, said)));
    }

    /// Masking keeps nothing after a secret's name, so two commands no catalog knows that differ
    /// only there (`user setpassword alice ...`, `user setpassword bob ...`) become one item,
    /// the later kept: carryover cannot tell one command given twice from two. That is said,
    /// and the item hides every text seen under its form, so that `diff` against a capture
    /// that lacks one of them tells a change.
    fn merge_what_hides(&mut self, change: &mut Change, at: Origin) {
        let Change::Raw { key, raw } = change else {
            return;
        };
        let Some(hidden) = raw.hidden else {
            return;
        };
        let Some(held) = self.config.raw.get(key.as_str()) else {
            self.hidden_under
                .insert(key.clone(), BTreeSet::from([hidden]));
            return;
        };
        let seen = self
            .hidden_under
            .entry(key.clone())
            .or_insert_with(|| held.value.hidden.into_iter().collect());
        if seen.insert(hidden) && seen.len() > 1 {
            let said = crate::message!(
                "read-raw-secret-merged",
                command = key.to_string(),
                other_at = self.config.locate(held.at)
            );
            self.notes.push((at.source, Note::warning(at.line, said)));
        }
        if seen.len() > 1 {
            raw.hidden = Some(crate::model::Raw::hide_together(seen));
        }
    }

    /// Captures merged into one model are of one moment: a file that shows another version
    /// than the files read before it (a capture taken before the upgrade beside one taken
    /// after) is refused, naming both, rather than merged in the order of their names. One
    /// file may show two versions: the log of an upgrade.
    fn one_version(&self, read: &SourceRead, path: &str) -> Result<()> {
        let Some(held) = &self.config.appliance.version else {
            return Ok(());
        };
        let first = read.changes.iter().find_map(|(change, line)| match change {
            Change::Version(version) => Some((version, *line)),
            _ => None,
        });
        match first {
            Some((version, line)) if !version.same_release(&held.value) => {
                Err(Error::usage(crate::message!(
                    "read-two-versions",
                    at = format!("{path}:{line}"),
                    version = version.to_string(),
                    other_at = self.config.locate(held.at),
                    other = held.value.to_string()
                )))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_in_a_text_argument_of_a_note_is_masked() {
        let source = Source::from_text("a.log", "rg> smtp set ldap_passwd \"s3cret pass\"\n");
        let mut read = SourceRead::new(&source, SourceKind::CliLog);
        let command = r#"smtp set ldap_passwd "s3cret pass""#;
        read.notes.push(Note::warning(
            1,
            crate::message!("mos-write-not-completed", command = command),
        ));
        read.notes.push(Note::unrecognized(
            1,
            command,
            crate::message!("unread-mos-stray"),
        ));
        let mut capture = Capture::new(VendorId("test"));
        capture.add(read).unwrap();
        let NoteKind::Warning(said) = &capture.notes[0].1.kind else {
            panic!("{:?}", capture.notes[0]);
        };
        let masked = Arg::Text("smtp set ldap_passwd <secret>".into());
        assert_eq!(said.arg("command"), Some(&masked));
        assert_eq!(capture.notes[1].1.text, "smtp set ldap_passwd <secret>");
        assert!(!format!("{:?}", capture.notes).contains("s3cret"));
    }
}

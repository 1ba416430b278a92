//! Sending a restore script to a MOS appliance over the admin protocol.
//!
//! The script is read back as the appliance reads an export: the project's export grammar
//! splits it into commands with their literals and dot-terminated data blocks, and its reader
//! says what each command changes. Each command goes over the same authenticated session
//! `fetch` opens; a data block (a trusted host's key, a message) goes as a synchronizing
//! protocol literal `{N}`, its byte count that of its text with CRLF line breaks, so no value,
//! however hostile, is ever read as protocol.

use std::io::Write;

use crate::base::error::{Error, Result};
use crate::capture::{Capture, ReadOptions};
use crate::fetch::{FetchError, Target};
use crate::message;
use crate::model::{Change, Config, SourceKind};
use crate::source::Source;
use crate::vendors::{Fetch, Vendor};

use super::catalog::{Action, Bound, Catalog};
use super::fetch::{credentials, Completion, Session};
use super::interpret::quote;
use super::syntax::{export, Node, Word};
use super::Mos;

/// One command of a restore script, as the appliance will read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// Its line in the script.
    pub line: u32,
    /// Its words, a data block or literal last.
    pub args: Vec<String>,
    /// Whether the last word came as a literal or a dot-terminated block.
    pub data: bool,
    /// Whether no public source confirms the command's form.
    pub inferred: bool,
    /// It selects the scope later commands run in (`domain setcurrent`).
    pub selects_scope: bool,
    /// Sending it twice leaves what sending it once does: it sets a value (a setting, a
    /// message, the scope). An add is not: a second add may be refused, or add twice.
    pub idempotent: bool,
    /// The commands that read back what it writes, in its scope.
    pub reads: Vec<String>,
}

impl Command {
    /// The command as a journal or a message shows it: its words, a data block as its byte
    /// count only (it may be a key), secret fields masked.
    pub fn shown(&self) -> String {
        let mut words: Vec<String> = self.args.iter().map(|a| quote_line(a)).collect();
        if self.data {
            if let Some(last) = words.last_mut() {
                *last = format!("{{{}}}", crlf(self.args.last().map_or("", |a| a)).len());
            }
        }
        super::SECRETS.names().mask_line(&words.join(" "))
    }
}

/// A whole script read: its commands, and what each changes, by line.
#[derive(Debug, Clone)]
pub struct Script {
    /// The commands, in order.
    pub commands: Vec<Command>,
    /// What the script changes, each with its command's line, as the export reader says.
    pub changes: Vec<(Change, u32)>,
}

/// Reads a restore script as the appliance reads it; a line that is no command apply can
/// send is an error at that line, before anything is sent.
pub fn parse(path: &str, text: &str) -> Result<Script> {
    let source = Source::from_text(path, text);
    let catalog = Catalog::get();
    let reads_block = |words: &[Word<'_>]| {
        let words: Vec<&str> = words.iter().map(Word::as_str).collect();
        catalog.reads_block(&words)
    };
    let tree = export::parse(&source, &reads_block)?;
    let mut commands = Vec::new();
    let mut scope = crate::model::SYSTEM.to_string();
    for node in &tree.nodes {
        match node {
            Node::Exchange(x) => {
                let line = x.command.line.number;
                let command = command(x, &mut scope)
                    .map_err(|why| Error::file(format!("{path}:{line}"), why))?;
                commands.push(command);
            }
            Node::Comment(_) | Node::Blank(_) => {}
            other => {
                let line = other.lines().first().map_or(0, |l| l.number);
                return Err(Error::file(
                    format!("{path}:{line}"),
                    message!("apply-mos-not-a-command"),
                ));
            }
        }
    }
    let options = ReadOptions {
        kind: Some(SourceKind::Export),
        ..ReadOptions::default()
    };
    let read = Mos.read_file(&source, 0, &options)?;
    Ok(Script {
        commands,
        changes: read.changes,
    })
}

/// One exchange of the script as a command to send; `scope` is the scope it runs in, and
/// follows a `domain setcurrent`.
fn command(
    x: &super::syntax::Exchange<'_>,
    scope: &mut String,
) -> std::result::Result<Command, crate::base::message::Message> {
    let mut args: Vec<String> = x.command.words.iter().map(|w| w.text.to_string()).collect();
    let block = super::interpret::dot_block(x).map(|lines| lines.join("\n"));
    let literal = x.command.literal.as_ref().map(|l| l.value());
    let data = literal.or(block);
    let has_data = data.is_some();
    args.extend(data);
    if x.command.unparsed || args.is_empty() {
        return Err(message!("apply-mos-not-a-command"));
    }
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let catalog = Catalog::get();
    let Some((form, bound)) = catalog.lookup(&words) else {
        return Err(message!(
            "apply-mos-unknown-command",
            command = args.join(" ")
        ));
    };
    let reads = match &form.action {
        Action::SetScope => {
            let domain = bound.get("domain").copied().unwrap_or("").trim();
            *scope = if domain.is_empty() {
                crate::model::SYSTEM.to_string()
            } else {
                domain.to_ascii_lowercase()
            };
            Vec::new()
        }
        action => vec![read_of(action, &bound)
            .ok_or_else(|| message!("apply-mos-not-a-write", command = args.join(" ")))?],
    };
    Ok(Command {
        line: x.command.line.number,
        data: has_data,
        inferred: !form.confirmed,
        selects_scope: form.action == Action::SetScope,
        idempotent: matches!(
            form.action,
            Action::SetScope | Action::SetSetting { .. } | Action::SetMessage { .. }
        ),
        reads: reads.into_iter().map(|r| with_scope(scope, &r)).collect(),
        args,
    })
}

/// The read that shows what a write of `action` changed, its words filled from `bound`.
fn read_of(action: &Action, bound: &Bound<'_>) -> Option<String> {
    let catalog = Catalog::get();
    let read = match action {
        Action::SetSetting { area } => Action::GetSetting { area: area.clone() },
        Action::SetMessage { area } => Action::GetMessage { area: area.clone() },
        Action::AddEntry | Action::RemoveEntry => Action::ListEntries,
        Action::AddTrustedHost => Action::ListTrustedHosts,
        _ => return None,
    };
    let form = catalog.form_named(&read, bound.get("name").copied())?;
    let words: Option<Vec<String>> = form
        .words
        .iter()
        .map(|w| match w.strip_prefix('$') {
            Some(name) => bound.get(name).map(|v| quote(v)),
            None => Some(w.clone()),
        })
        .collect();
    Some(words?.join(" "))
}

/// A read as it is sent: `scope\tcommand`, the scope first so that reads group by it.
fn with_scope(scope: &str, read: &str) -> String {
    format!("{scope}\t{read}")
}

/// `text` with each line break as CRLF: what a literal's count counts.
fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// A word as one line of a message shows it.
fn quote_line(word: &str) -> String {
    quote(word).replace('\n', " ")
}

/// What the appliance answered a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// `OK`.
    Ok,
    /// `NO` or `BAD`, with its text.
    Refused(String),
}

/// A logged-in admin-protocol session to send a script over.
pub struct Appliance {
    session: Session,
    /// The host name the greeting gave.
    pub name: String,
}

impl Appliance {
    /// Connects and logs in as `fetch` does.
    pub fn open(target: &Target) -> std::result::Result<Appliance, FetchError> {
        let reader = crate::fetch::open_session(target, Mos.default_port(target.tls.plaintext))?;
        let (user, password) = credentials(target)?;
        let mut session = Session {
            reader,
            transcript: Vec::new(),
            spill: None,
            password: password.into_bytes(),
            session: None,
            scrubber: Default::default(),
            next_tag: 1,
            answer_time: target.timeout * crate::fetch::ANSWER_TIMEOUTS,
            plaintext: target.tls.plaintext,
        };
        session.scrubber = crate::fetch::scrub::Scrubber::new(&session.secrets());
        let name = session.greeting()?;
        session.login(user)?;
        Ok(Appliance { session, name })
    }

    /// Reads the version and everything `commands` write, scope by scope, and goes back to
    /// the system scope: the model of it, and the transcript of the read (secrets masked).
    pub fn read(
        &mut self,
        commands: &[Command],
    ) -> std::result::Result<(Config, String), FetchError> {
        let mut reads: Vec<&String> = commands.iter().flat_map(|c| &c.reads).collect();
        reads.sort();
        reads.dedup();
        self.session.run("version")?;
        let mut scope = crate::model::SYSTEM;
        for read in reads {
            let (in_scope, command) = read.split_once('\t').unwrap_or((scope, read));
            if in_scope != scope {
                self.select(in_scope)?;
                scope = in_scope;
            }
            self.session.run(command)?;
        }
        if scope != crate::model::SYSTEM {
            self.select(crate::model::SYSTEM)?;
        }
        let config = self.session.read_back(&self.name)?;
        let snapshot = String::from_utf8_lossy(&self.session.transcript).into_owned();
        self.session.transcript.clear();
        Ok((config, snapshot))
    }

    fn select(&mut self, scope: &str) -> std::result::Result<(), FetchError> {
        let domain = if scope == crate::model::SYSTEM {
            "\"\"".to_string()
        } else {
            quote(scope)
        };
        self.session.run(&format!("domain setcurrent {domain}"))?;
        Ok(())
    }

    /// Sends one command and reads its answer: every word that would not travel on one line
    /// as it is, and the data block, goes as a synchronizing literal.
    pub fn send(&mut self, command: &Command) -> std::result::Result<Answer, FetchError> {
        let tag = self.session.tag();
        let mut line = tag.clone();
        let last = command.args.len().saturating_sub(1);
        for (i, arg) in command.args.iter().enumerate() {
            line.push(' ');
            if (command.data && i == last) || arg.chars().any(char::is_control) {
                let bytes = crlf(arg).into_bytes();
                line.push_str(&format!("{{{}}}\r\n", bytes.len()));
                self.session.send(&line, b"")?;
                self.go_ahead()?;
                self.write_raw(&bytes)?;
                line.clear();
            } else {
                line.push_str(&quote(arg));
            }
        }
        line.push_str("\r\n");
        self.session.send(&line, b"")?;
        let answer = self.session.answer(&tag, false);
        self.session.transcript.clear();
        match answer? {
            Completion::Ok => Ok(Answer::Ok),
            Completion::Refused(why) => Ok(Answer::Refused(why)),
        }
    }

    /// Waits for the `+` that lets a literal's bytes follow.
    fn go_ahead(&mut self) -> std::result::Result<(), FetchError> {
        let line = self
            .session
            .reader
            .line()?
            .ok_or_else(|| FetchError::Connection(message!("fetch-closed-mid-answer")))?;
        if line.starts_with(b"+") {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line).trim_end().to_string();
        Err(FetchError::Failed(message!(
            "apply-mos-literal-refused",
            answer = self.session.scrubber.masked(&text)
        )))
    }

    fn write_raw(&mut self, bytes: &[u8]) -> std::result::Result<(), FetchError> {
        let stream = self.session.reader.get_mut();
        stream
            .write_all(bytes)
            .and_then(|_| stream.flush())
            .map_err(|e| {
                FetchError::Connection(message!("fetch-send-failed", reason = e.to_string()))
            })
    }

    /// Says goodbye.
    pub fn close(mut self) {
        self.session.logout();
    }
}

/// The model of a capture read from the appliance, for a test or a caller that has only text.
pub fn model_of(name: &str, transcript: &[u8]) -> Result<Config> {
    let source = Source::from_bytes(name, transcript.to_vec(), None)?;
    let options = ReadOptions {
        kind: Some(SourceKind::Protocol),
        ..ReadOptions::default()
    };
    let read = Mos.read_file(&source, 0, &options)?;
    let mut capture = Capture::new(Mos.id());
    capture.add(read)?;
    Ok(capture.config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restore_script_reads_as_commands_with_their_reads() {
        let text = "# restore\nuce addexception primary whitelistto a@b.example\n\
                    domain setcurrent sales.example.net\nbranding set quotamsg {6}\nx\ny z\n\
                    smtp set fastpath on\n";
        let script = parse("s.txt", text).unwrap();
        let lines: Vec<u32> = script.commands.iter().map(|c| c.line).collect();
        assert_eq!(lines, [2, 3, 4, 7]);
        assert_eq!(
            script.commands[0].reads,
            ["system\tuce listexception primary whitelistto"]
        );
        assert!(script.commands[1].selects_scope);
        assert_eq!(script.commands[2].args.last().unwrap(), "x\ny z");
        assert_eq!(script.commands[2].shown(), "branding set quotamsg {6}");
        assert_eq!(
            script.commands[3].reads,
            ["sales.example.net\tsmtp get fastpath"]
        );
        assert!(script.commands[0].inferred && !script.commands[3].inferred);
        assert!(!script.commands[0].idempotent && script.commands[2].idempotent);
    }

    #[test]
    fn a_command_apply_cannot_send_is_an_error_at_its_line() {
        let error = parse("s.txt", "# x\nupdate install http://x/y\n").unwrap_err();
        assert!(error.to_string().contains("s.txt:2"), "{error}");
    }
}

//! Fetching a MOS capture over the admin protocol (admind, TCP 10243 with TLS or 10143 in the
//! clear): log in, send the capture plan as tagged commands, and save the session as an
//! admin-protocol transcript, the bytes on the wire with `C: ` and `S: ` before each line and
//! literal bodies as they came, so that `{N}` counts hold. The project's own protocol reader
//! reads it back, as it reads any transcript: first after `domain list`, to learn the delegated
//! domains whose lists the plan adds, and later wherever the capture is used.
//!
//! The transcript holds no secret: the `LOGIN` password and the session id are written as
//! [`MASK`], and should the appliance echo the password or the session id anywhere, it is
//! overwritten with `*`s of the same length (a literal's count still holds).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use crate::base::message::Message;
use crate::base::secrets::MASK;
use crate::capture::{Capture, ReadOptions};
use crate::fetch::bounded::Reader;
use crate::fetch::net::{self, Connection};
use crate::fetch::scrub::Scrubber;
use crate::fetch::{self, FetchError, Fetched, Target};
use crate::message;
use crate::model::{Config, SourceKind, Version, SYSTEM};
use crate::source::Source;
use crate::vendors::CapturePlan;
use crate::vendors::{Fetch, Login, SecretKind, Vendor};

use super::catalog::{Action, Catalog, Command};
use super::interpret::quote;
use super::Mos;

/// What the plan's first commands are for: the version, and the domains whose lists the
/// plan then adds. Which words they are is the catalog's.
fn sent_first(command: &str) -> Option<Action> {
    let words: Vec<&str> = command.split_whitespace().collect();
    let (form, _) = Catalog::get().lookup(&words)?;
    matches!(form.action, Action::GetVersion | Action::ListDomains).then(|| form.action.clone())
}

/// Every read the catalog knows, in groups of one fact each: each read form with the names
/// its arguments take ([`super::catalog::Reads`]), each list in every scope, each message in
/// the system and every delegated domain. A private key is a secret: never read.
pub(super) fn every_read(mos: &Mos, config: &Config) -> Vec<Vec<String>> {
    let catalog = Catalog::get();
    let reads = &catalog.reads;
    let one = |command: Option<String>| command.map(|c| vec![c]);
    let mut groups = Vec::new();
    for form in &catalog.commands {
        match &form.action {
            Action::GetVersion => groups.extend(one(mos.read_item("appliance/version").pop())),
            Action::ListDomains => groups.extend(one(mos.read_item("domains/").pop())),
            Action::ListLicenses => groups.extend(one(mos.read_item("licenses/").pop())),
            Action::ListUpdates => groups.extend(one(mos.read_item("updates/").pop())),
            Action::GetSetting { area } => {
                let names = catalog.settings.keys().filter(|n| {
                    n.split_once('.').is_some_and(|(a, name)| {
                        a == area && form.name.as_deref().is_none_or(|only| only == name)
                    })
                });
                groups.extend(names.filter_map(|n| one(mos.read_setting(n))));
            }
            Action::ListEntries => {
                for scope in mos.list_scopes(config) {
                    groups.extend(
                        reads
                            .lists
                            .iter()
                            .filter_map(|l| one(mos.read_list(&scope, l))),
                    );
                }
            }
            Action::ListTrustedHosts => groups.extend(
                reads
                    .trusted_host_groups
                    .iter()
                    .map(|g| mos.read_item(&format!("trusted_hosts/{g}"))),
            ),
            Action::GetKey { private: false } => groups.extend(
                reads
                    .key_kinds
                    .iter()
                    .map(|kind| mos.read_item(&format!("keys/{kind} public"))),
            ),
            Action::GetMessage { area } => {
                let scopes = std::iter::once(SYSTEM.to_string())
                    .chain(config.domains.iter().map(|(d, _)| d.to_string()));
                for scope in scopes {
                    let names = reads
                        .messages
                        .iter()
                        .filter(|n| n.starts_with(&format!("{area}.")));
                    groups.extend(names.map(|n| mos.read_message(&scope, n)));
                }
            }
            _ => {}
        }
    }
    groups.retain(|g| !g.is_empty());
    let mut seen = std::collections::HashSet::new();
    groups.retain(|g| seen.insert(g.clone()));
    groups
}

impl Fetch for Mos {
    fn default_port(&self, plaintext: bool) -> u16 {
        if plaintext {
            10143
        } else {
            10243
        }
    }

    fn login(&self) -> Login {
        Login {
            user: true,
            secret: SecretKind::Password,
        }
    }

    fn fetch(
        &self,
        target: &Target,
        into: &Path,
        plan: &dyn Fn(&Config) -> Vec<String>,
    ) -> Result<Fetched, FetchError> {
        let reader = fetch::open_session(target, self.default_port(target.tls.plaintext))?;
        let (user, password) = credentials(target)?;
        let mut session = Session {
            reader,
            transcript: Vec::new(),
            spill: None,
            password: password.into_bytes(),
            session: None,
            scrubber: Scrubber::default(),
            next_tag: 1,
            answer_time: target.timeout * fetch::ANSWER_TIMEOUTS,
            plaintext: target.tls.plaintext,
        };
        session.scrubber = Scrubber::new(&session.secrets());
        let host = session.greeting()?;
        let appliance = crate::write::file_stem(&host)
            .map_err(|why| FetchError::Failed(message!("fetch-greeting-bad-name", reason = why)))?;
        // The transcript goes to its hidden file as it arrives, never whole in memory; the
        // file is removed if the fetch fails.
        session.spill = Some(spill_file(into, &appliance)?);
        session.login(user)?;
        let mut not_captured = Vec::new();
        let first = send_first(&mut session, plan, &mut not_captured)?;
        let config = session.read_back(&appliance)?;
        let version = config.appliance.version.as_ref().map(|v| &v.value);
        let rest = Rest {
            plan: &plan(&config),
            first: &first,
            version,
        };
        send_rest(&mut session, &rest, &mut not_captured)?;
        session.logout();
        let path = into.join(format!("{appliance}.admind.txt"));
        // Hidden beside its place until the caller moves it there: another host of the run
        // may answer as the same appliance.
        let staged = session.stage()?;
        Ok(Fetched {
            appliance,
            path,
            staged: Some(staged),
            not_captured,
        })
    }
}

/// The user and password to log in with: both given, the password on one line.
pub(crate) fn credentials(target: &Target) -> Result<(&str, String), FetchError> {
    let password = target
        .secret
        .as_ref()
        .map(|s| s.expose().to_string())
        .ok_or_else(|| FetchError::Failed(message!("fetch-no-password")))?;
    if password.contains(['\r', '\n']) {
        return Err(FetchError::Failed(message!(
            "fetch-mos-password-line-break"
        )));
    }
    let user = target
        .user
        .as_deref()
        .ok_or_else(|| FetchError::Failed(message!("fetch-no-user")))?;
    Ok((user, password))
}

/// Sends the plan's first commands (the version, the domain list), which the rest of the plan
/// depends on; the commands sent.
fn send_first(
    session: &mut Session,
    plan: &dyn Fn(&Config) -> Vec<String>,
    not_captured: &mut Vec<Message>,
) -> Result<Vec<String>, FetchError> {
    let first: Vec<(String, Action)> = plan(&Config::new(Mos.id()))
        .into_iter()
        .filter_map(|c| sent_first(&c).map(|action| (c, action)))
        .collect();
    for (command, action) in &first {
        let refused = session.run(command)?;
        if let Some(reason) = &refused {
            not_captured.push(message!(
                "fetch-refused",
                command = command,
                reason = reason
            ));
        }
        // Without the domain list, the delegated domains' lists and messages would be
        // missing, and in a tracked repository their absence would read as removal.
        if refused.is_some() && *action == Action::ListDomains {
            return Err(FetchError::Failed(message!(
                "fetch-mos-domain-list-refused",
                command = command
            )));
        }
    }
    Ok(first.into_iter().map(|(c, _)| c).collect())
}

/// The rest of the plan, once the version is known.
struct Rest<'a> {
    /// The commands of the plan, for what is known of the appliance.
    plan: &'a [String],
    /// The first commands, sent already.
    first: &'a [String],
    /// The version the appliance answered, if it did.
    version: Option<&'a Version>,
}

/// Sends the rest of the plan: each of the first commands was sent once already; a command
/// that holds a control character is never sent, nor one whose form the appliance's version
/// does not have. A refusal of a form some versions lack is said to be that.
fn send_rest(
    session: &mut Session,
    rest: &Rest<'_>,
    not_captured: &mut Vec<Message>,
) -> Result<(), FetchError> {
    let mut sent: Vec<&String> = rest.first.iter().collect();
    for command in rest.plan {
        // Later copies of a first command (a domain's group) are sent again.
        if let Some(at) = sent.iter().position(|s| s.eq_ignore_ascii_case(command)) {
            sent.remove(at);
            continue;
        }
        if command.chars().any(char::is_control) {
            not_captured.push(message!("fetch-not-sent-control", command = command));
            continue;
        }
        let limited = version_limited(command);
        if let Some(not_asked) = not_on_version(command, limited, rest.version) {
            not_captured.push(not_asked);
            continue;
        }
        if let Some(reason) = session.run(command)? {
            not_captured.push(match limited {
                Some(_) => message!(
                    "fetch-refused-not-on-version",
                    command = command,
                    reason = reason
                ),
                None => message!("fetch-refused", command = command, reason = reason),
            });
        }
    }
    Ok(())
}

/// Why a command is not asked: its form, which some versions lack, is not on the appliance's
/// version. An unknown version has every form.
fn not_on_version(
    command: &str,
    form: Option<&Command>,
    version: Option<&Version>,
) -> Option<Message> {
    let (form, version) = (form?, version?);
    let version = (!Catalog::on_version(form, Some(version))).then(|| version.to_string())?;
    Some(message!(
        "fetch-not-on-version",
        command = command,
        version = version
    ))
}

/// The form of a command, when some versions lack it (its `since` or `until`).
fn version_limited(command: &str) -> Option<&'static Command> {
    let words: Vec<&str> = command.split_whitespace().collect();
    let (form, _) = Catalog::get().lookup(&words)?;
    (form.since.is_some() || form.until.is_some()).then_some(form)
}

/// The hidden file in `into` a fetch's transcript is written to as it arrives.
fn spill_file(into: &Path, appliance: &str) -> Result<Spill, FetchError> {
    let failed = |e: std::io::Error| FetchError::Failed(fetch::io_message(into, &e));
    let file = tempfile::Builder::new()
        .prefix(&format!(".carryover-fetch-{appliance}-"))
        .tempfile_in(into)
        .map_err(failed)?;
    Ok(Spill {
        file: std::io::BufWriter::with_capacity(SPILL_AT, file),
        into: into.to_path_buf(),
    })
}

/// How much of the transcript is held before it is written to its file.
const SPILL_AT: usize = 1 << 16;

/// The file a transcript is written to as it arrives.
pub(crate) struct Spill {
    file: std::io::BufWriter<tempfile::NamedTempFile>,
    into: std::path::PathBuf,
}

/// One admin-protocol session and its transcript.
pub(crate) struct Session {
    pub(crate) reader: Reader<Connection>,
    /// The transcript, or with a [`Spill`] the part of it not yet written to its file.
    pub(crate) transcript: Vec<u8>,
    pub(crate) spill: Option<Spill>,
    pub(crate) password: Vec<u8>,
    /// The session id the login answered with.
    pub(crate) session: Option<Vec<u8>>,
    /// Every form of the password and the session id ([`Session::secrets`]), to overwrite.
    pub(crate) scrubber: Scrubber,
    pub(crate) next_tag: u32,
    pub(crate) answer_time: std::time::Duration,
    pub(crate) plaintext: bool,
}

/// What ended a command's answer.
pub(crate) enum Completion {
    Ok,
    Refused(String),
}

impl Session {
    /// What to say after a greeting that did not come, in the clear: the port may be TLS.
    fn tls_hint(&self, error: Message) -> Message {
        if self.plaintext {
            message!("fetch-mos-tls-hint", error = error)
        } else {
            error
        }
    }

    /// Reads the greeting, `* OK <host> admind <version> ...`; the host it names.
    pub(crate) fn greeting(&mut self) -> Result<String, FetchError> {
        self.reader
            .set_deadline(Some(Instant::now() + self.answer_time));
        let line = match self.reader.line() {
            Ok(Some(line)) => line,
            Ok(None) => {
                let closed = message!("fetch-mos-closed-before-greeting");
                return Err(FetchError::Connection(self.tls_hint(closed)));
            }
            Err(FetchError::Failed(why)) => return Err(FetchError::Failed(self.tls_hint(why))),
            Err(e) => return Err(e),
        };
        // A TLS record (alert or handshake, version 3.x) where a greeting belongs.
        if self.plaintext && matches!(line.as_slice(), [0x15 | 0x16, 0x03, ..]) {
            return Err(FetchError::Failed(message!("fetch-mos-port-is-tls")));
        }
        let text = String::from_utf8_lossy(&line);
        let mut words = text.split_ascii_whitespace();
        let greeting = words.next() == Some("*") && words.next() == Some("OK");
        let host = words.next().filter(|_| greeting).map(str::to_string);
        let is_admind = words
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("admind"));
        match host {
            Some(host) if is_admind => {
                check_controls(&line, false)?;
                self.record(b"S: ", &line, 0);
                Ok(host)
            }
            _ => Err(FetchError::Failed(message!(
                "fetch-mos-not-a-greeting",
                line = clip(text.trim_end())
            ))),
        }
    }

    /// Logs in; the transcript shows the password and the session id as [`MASK`].
    pub(crate) fn login(&mut self, user: &str) -> Result<(), FetchError> {
        let tag = self.tag();
        let password = String::from_utf8_lossy(&self.password).into_owned();
        let line = format!("{tag} LOGIN {} {}\r\n", quote(user), quote(&password));
        let shown = format!("{tag} LOGIN {} \"{MASK}\"\r\n", quote(user));
        self.send(&line, shown.as_bytes())?;
        match self.answer(&tag, true)? {
            Completion::Ok => Ok(()),
            Completion::Refused(why) => Err(FetchError::Failed(message!(
                "fetch-mos-login-refused",
                user = user,
                reason = why
            ))),
        }
    }

    /// Sends one command of the plan and reads its answer; a refusal is not fatal. Why the
    /// appliance refused it, if it did.
    pub(crate) fn run(&mut self, command: &str) -> Result<Option<String>, FetchError> {
        let tag = self.tag();
        let line = format!("{tag} {command}\r\n");
        self.send(&line, line.as_bytes())?;
        match self.answer(&tag, false) {
            Ok(Completion::Ok) => Ok(None),
            Ok(Completion::Refused(why)) => Ok(Some(why)),
            // Which command it broke on; a broken connection is still worth one more try.
            Err(e) => Err(e.map(|e| message!("fetch-at-command", command = command, error = e))),
        }
    }

    /// Says goodbye; the capture is complete whatever the answer.
    pub(crate) fn logout(&mut self) {
        let tag = self.tag();
        let line = format!("{tag} LOGOUT\r\n");
        if self.send(&line, line.as_bytes()).is_ok() {
            let _ = self.answer(&tag, false);
        }
    }

    pub(crate) fn tag(&mut self) -> String {
        let tag = format!("a{:03}", self.next_tag);
        self.next_tag += 1;
        tag
    }

    /// Sends `line`, recording `shown` in the transcript.
    pub(crate) fn send(&mut self, line: &str, shown: &[u8]) -> Result<(), FetchError> {
        self.record(b"C: ", shown, 0);
        let stream = self.reader.get_mut();
        stream
            .write_all(line.as_bytes())
            .and_then(|_| stream.flush())
            .map_err(|e| {
                if net::is_timeout(&e) {
                    FetchError::Failed(message!("fetch-takes-no-input"))
                } else {
                    FetchError::Connection(message!("fetch-send-failed", reason = e.to_string()))
                }
            })
    }

    /// Reads the answer to `tag` up to its completion, into the transcript (data lines masked
    /// when `secret`: the session id). A refusal's text is taken from the transcript, where
    /// an echo of the password is already overwritten.
    pub(crate) fn answer(&mut self, tag: &str, secret: bool) -> Result<Completion, FetchError> {
        self.reader
            .set_deadline(Some(Instant::now() + self.answer_time));
        let mut after_literal = false;
        loop {
            if self.transcript.len() >= SPILL_AT {
                self.flush()?;
            }
            let line = self
                .reader
                .line()?
                .ok_or_else(|| FetchError::Failed(message!("fetch-closed-mid-answer")))?;
            check_controls(&line, false)?;
            let text = String::from_utf8_lossy(&line).into_owned();
            let body = text.trim_end_matches(['\r', '\n']);
            // The blank line that may end a literal belongs to it: written as it came, as
            // transcripts show it.
            if std::mem::take(&mut after_literal) && body.is_empty() {
                self.record(b"", &line, 0);
                continue;
            }
            if completion(body, tag).is_some() {
                let start = self.transcript.len() + 3;
                self.record(b"S: ", &line, tag.len() + 1);
                let shown = String::from_utf8_lossy(&self.transcript[start..]).into_owned();
                return completion(shown.trim_end_matches(['\r', '\n']), tag).ok_or_else(|| {
                    FetchError::Failed(message!("fetch-mos-completion-unreadable"))
                });
            }
            // Only this command's data lines may come before its completion: anything else
            // (a line shaped like a client command, another tag's data) would be read back as
            // something the appliance did not answer.
            let data = format!("* {tag} ");
            if !body.starts_with(&data) && body != data.trim_end() {
                return Err(FetchError::Failed(message!(
                    "fetch-mos-stray-line",
                    tag = tag,
                    line = clip(&String::from_utf8_lossy(&self.scrubbed(&line)))
                )));
            }
            if secret {
                // The session id, should the appliance repeat it later; one too short to tell
                // from other text is left alone.
                let id = body
                    .get(data.len()..)
                    .unwrap_or("")
                    .trim()
                    .trim_matches('"');
                if id.len() >= 6 {
                    self.session = Some(id.as_bytes().to_vec());
                    self.scrubber = Scrubber::new(&self.secrets());
                }
                let ending = &line[body.len()..];
                let masked = format!("* {tag} \"{MASK}\"");
                self.record(b"S: ", &[masked.as_bytes(), ending].concat(), usize::MAX);
            } else {
                // The star and the tag are protocol, never a secret's echo.
                self.record(b"S: ", &line, data.len());
            }
            if let Some(count) = literal_count(body) {
                let bytes = self.reader.exact(count)?;
                after_literal = true;
                // A literal session id is left out whole: its line is masked already.
                if !secret {
                    check_controls(&bytes, true)?;
                    self.record(b"", &bytes, 0);
                }
            }
        }
    }

    /// `bytes` with every secret overwritten, for a message.
    fn scrubbed(&self, bytes: &[u8]) -> Vec<u8> {
        self.scrubber.scrubbed(bytes)
    }

    /// The password, its quoted form as sent, and the session id.
    pub(crate) fn secrets(&self) -> Vec<Vec<u8>> {
        let password = String::from_utf8_lossy(&self.password).into_owned();
        let mut all = vec![self.password.clone(), quote(&password).into_bytes()];
        all.extend(self.session.clone());
        all
    }

    /// Appends `bytes` after `prefix`, with any echo of a secret after the first `protocol`
    /// bytes overwritten.
    fn record(&mut self, prefix: &[u8], bytes: &[u8], protocol: usize) {
        self.transcript.extend_from_slice(prefix);
        let start = self.transcript.len() + protocol.min(bytes.len());
        self.transcript.extend_from_slice(bytes);
        self.scrubber.scrub(&mut self.transcript[start..]);
    }

    /// Writes what is held of the transcript to its file, if it has one.
    fn flush(&mut self) -> Result<(), FetchError> {
        let Some(spill) = &mut self.spill else {
            return Ok(());
        };
        let failed = |e: std::io::Error| FetchError::Failed(fetch::io_message(&spill.into, &e));
        spill.file.write_all(&self.transcript).map_err(failed)?;
        spill.file.flush().map_err(failed)?;
        self.transcript.clear();
        Ok(())
    }

    /// The transcript's file, complete and on disk; its path.
    fn stage(&mut self) -> Result<std::path::PathBuf, FetchError> {
        self.flush()?;
        let spill = self
            .spill
            .take()
            .expect("a fetch's transcript has its file");
        let failed = |e: std::io::Error| FetchError::Failed(fetch::io_message(&spill.into, &e));
        let file = spill
            .file
            .into_inner()
            .map_err(|e| failed(e.into_error()))?;
        file.as_file().sync_all().map_err(failed)?;
        let (_, path) = file.keep().map_err(|e| failed(e.error))?;
        Ok(path)
    }

    /// The model of the transcript so far, read by the project's own protocol reader (from
    /// its file, when it has one).
    pub(crate) fn read_back(&mut self, appliance: &str) -> Result<Config, FetchError> {
        let failed = |e: crate::base::error::Error| {
            let error = fetch::error_message(&e);
            FetchError::Failed(message!("fetch-mos-read-back", error = error))
        };
        self.flush()?;
        let source = match &self.spill {
            Some(spill) => Source::read_as(spill.file.get_ref().path(), appliance, None),
            None => Source::from_bytes(appliance, self.transcript.clone(), None),
        }
        .map_err(failed)?;
        let options = ReadOptions {
            kind: Some(SourceKind::Protocol),
            ..ReadOptions::default()
        };
        let read = Mos.read_file(&source, 0, &options).map_err(failed)?;
        let mut capture = Capture::new(Mos.id());
        capture.add(read).map_err(failed)?;
        Ok(capture.config)
    }
}

/// Refuses control characters other than tab and line ends (CR only before LF; a literal's
/// body may hold line breaks): a terminal log's cleaning would read a CR or a backspace as
/// overwriting what came before, so the transcript would be read as something else.
fn check_controls(bytes: &[u8], literal: bool) -> Result<(), FetchError> {
    let content = if literal {
        bytes
    } else {
        bytes
            .strip_suffix(b"\r\n")
            .or_else(|| bytes.strip_suffix(b"\n"))
            .unwrap_or(bytes)
    };
    for (i, &b) in content.iter().enumerate() {
        let allowed = b == b'\t'
            || (literal && b == b'\n')
            || (literal && b == b'\r' && content.get(i + 1) == Some(&b'\n'));
        if (b < 0x20 || b == 0x7f) && !allowed {
            return Err(FetchError::Failed(message!(
                "fetch-mos-control-character",
                byte = format!("0x{b:02x}")
            )));
        }
    }
    Ok(())
}

/// The completion a line is for `tag`: `tag OK ...`, `tag NO ...`, `tag BAD ...`.
fn completion(line: &str, tag: &str) -> Option<Completion> {
    let rest = line.strip_prefix(tag)?.strip_prefix(' ')?;
    let (status, text) = rest.split_once(' ').unwrap_or((rest, ""));
    match status.to_ascii_uppercase().as_str() {
        "OK" => Some(Completion::Ok),
        "NO" | "BAD" => Some(Completion::Refused(format!("{status} {text}"))),
        _ => None,
    }
}

/// The byte count of a literal marker ending a data line, `{N}`.
fn literal_count(line: &str) -> Option<usize> {
    let open = line.rfind('{')?;
    // A marker is a word of its own, outside quotes: `"x {25}` and `x{25}` are text, as the
    // reader takes them.
    if !line[..open].ends_with(' ') || inside_quotes(&line[..open]) {
        return None;
    }
    let digits = line[open + 1..].strip_suffix('}')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Too many digits for a count: larger than any literal allowed.
    Some(digits.parse().unwrap_or(usize::MAX))
}

/// Whether `text` ends inside a quoted word (`\\` and `\"` escape inside quotes).
fn inside_quotes(text: &str) -> bool {
    let mut quoted = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => {
                chars.next();
            }
            _ => {}
        }
    }
    quoted
}

/// At most 120 characters of a line, for a message.
fn clip(text: &str) -> String {
    match text.char_indices().nth(120) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_until_or_since_a_version_is_not_asked_of_another() {
        let form = |since: Option<&str>, until: Option<&str>| Command {
            words: vec!["smtp".into(), "get".into(), "oldthing".into()],
            action: Action::GetSetting {
                area: "smtp".into(),
            },
            confirmed: true,
            since: since.map(str::to_string),
            until: until.map(str::to_string),
            reads_block: false,
            name: Some("oldthing".into()),
        };
        let v = |text: &str| Version::parse(text).unwrap();
        let until = form(None, Some("4.1.9"));
        let asked = |form: &Command, version: Option<&Version>| {
            not_on_version("smtp get oldthing", Some(form), version).is_none()
        };
        assert!(asked(&until, Some(&v("4.1.9"))));
        assert!(!asked(&until, Some(&v("4.2.3"))));
        assert!(asked(&until, None), "an unknown version has every form");
        let since = form(Some("4.2.3"), None);
        assert!(!asked(&since, Some(&v("4.1.9"))));
        assert!(asked(&since, Some(&v("4.2.3"))));
        let said = not_on_version("smtp get oldthing", Some(&until), Some(&v("4.2.3")));
        assert_eq!(said.map(|m| m.id), Some("fetch-not-on-version"));
    }

    #[test]
    fn completions_and_literals() {
        assert!(matches!(
            completion("a001 OK", "a001"),
            Some(Completion::Ok)
        ));
        assert!(matches!(
            completion("a001 OK Completed", "a001"),
            Some(Completion::Ok)
        ));
        assert!(
            matches!(completion("a002 no Permission denied", "a002"), Some(Completion::Refused(w)) if w == "no Permission denied")
        );
        assert!(completion("a0011 OK", "a001").is_none());
        assert!(completion("* a001 OK", "a001").is_none());
        assert_eq!(literal_count("* a005 {53}"), Some(53));
        assert_eq!(literal_count(r#"* a005 "MTA" public {1028}"#), Some(1028));
        assert_eq!(literal_count("* a005 {}"), None);
        assert_eq!(literal_count(r#"* a002 "x {25}"#), None);
        assert_eq!(literal_count(r#"* a002 "a\" {25}"#), None);
        assert_eq!(literal_count("* a002 x{25}"), None);
        assert_eq!(literal_count(r#"* a002 "a\\" {25}"#), Some(25));
        assert_eq!(literal_count("* a005 {5x}"), None);
        assert_eq!(
            literal_count("* a005 {99999999999999999999999999}"),
            Some(usize::MAX)
        );
    }
}

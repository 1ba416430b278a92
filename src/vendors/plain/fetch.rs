//! Fetching from a plain appliance over its line protocol: the appliance greets with
//! `plain-appliance <host>`; the client sends `login <user> <password>`, which is answered
//! `ok` or `no <why>`; then each command of the capture plan, answered by lines up to a line
//! `.`, or by `no <why>` when refused; then `quit`. The capture is the greeting's header and
//! the answers, in the order sent: what [`super::Plain`] reads back.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::base::message::Message;
use crate::fetch::bounded::Reader;
use crate::fetch::net::Connection;
use crate::fetch::{self, FetchError, Fetched, Target};
use crate::message;
use crate::model::Config;
use crate::vendors::{Fetch, Login, SecretKind, Vendor};

use super::{Plain, HEADER};

impl Fetch for Plain {
    fn default_port(&self, plaintext: bool) -> u16 {
        if plaintext {
            7080
        } else {
            7443
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
        let mut session = Session {
            reader,
            answer_time: target.timeout * fetch::ANSWER_TIMEOUTS,
        };
        let greeting = session.line()?.unwrap_or_default();
        let host = greeting
            .strip_prefix("plain-appliance ")
            .ok_or_else(|| FetchError::Failed(message!("fetch-plain-no-greeting")))?;
        let appliance = crate::write::file_stem(host)
            .map_err(|why| FetchError::Failed(message!("fetch-greeting-bad-name", reason = why)))?;
        session.login(target)?;
        let mut capture = format!("{HEADER} {appliance}\n");
        let mut not_captured = Vec::new();
        for command in plan(&Config::new(Plain.id())) {
            match session.run(&command)? {
                Ok(lines) => lines
                    .iter()
                    .for_each(|l| capture.push_str(&format!("{l}\n"))),
                Err(why) => not_captured.push(why),
            }
        }
        // The capture is complete: a broken goodbye changes nothing.
        let _ = session.send("quit");
        let staged = stage(into, &appliance, &capture)?;
        Ok(Fetched {
            path: into.join(format!("{appliance}.txt")),
            appliance,
            staged: Some(staged),
            not_captured,
        })
    }
}

/// One session: lines read within limits and deadlines.
struct Session {
    reader: Reader<Connection>,
    answer_time: std::time::Duration,
}

impl Session {
    fn send(&mut self, line: &str) -> Result<(), FetchError> {
        let stream = self.reader.get_mut();
        stream
            .write_all(format!("{line}\n").as_bytes())
            .and_then(|_| stream.flush())
            .map_err(|e| {
                FetchError::Connection(message!("fetch-plain-send-failed", reason = e.to_string()))
            })
    }

    /// One line without its ending; `None` when the appliance hung up. A line with a control
    /// character is refused: nothing the appliance sends may reach a capture unseen.
    fn line(&mut self) -> Result<Option<String>, FetchError> {
        let Some(bytes) = self.reader.line()? else {
            return Ok(None);
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| FetchError::Failed(message!("fetch-plain-not-utf8")))?;
        let text = text.trim_end_matches('\n').trim_end_matches('\r');
        if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\t') {
            return Err(FetchError::Failed(message!(
                "fetch-plain-control-character",
                byte = format!("0x{:02x}", u32::from(c))
            )));
        }
        Ok(Some(text.to_string()))
    }

    /// Logs in; the password is sent and nowhere else written.
    fn login(&mut self, target: &Target) -> Result<(), FetchError> {
        let user = target.user.as_deref().unwrap_or_default();
        let password = target.secret.as_ref().map_or("", |s| s.expose());
        let one_word = |w: &str| !w.is_empty() && !w.contains(char::is_whitespace);
        if !one_word(user) || !one_word(password) {
            return Err(FetchError::Failed(message!("fetch-plain-login-words")));
        }
        self.send(&format!("login {user} {password}"))?;
        self.reader
            .set_deadline(Some(Instant::now() + self.answer_time));
        match self.line()?.as_deref() {
            Some("ok") => Ok(()),
            Some(answer) if answer.starts_with("no") => Err(FetchError::Failed(message!(
                "fetch-plain-login-refused",
                reason = answer
            ))),
            _ => Err(FetchError::Failed(message!("fetch-plain-login-no-answer"))),
        }
    }

    /// Sends a command: `Ok(lines)` answered, `Err(why)` refused or not sent.
    fn run(&mut self, command: &str) -> Result<Result<Vec<String>, Message>, FetchError> {
        if command.chars().any(char::is_control) {
            return Ok(Err(message!("fetch-not-sent-control", command = command)));
        }
        self.send(command)?;
        self.reader
            .set_deadline(Some(Instant::now() + self.answer_time));
        let mut lines = Vec::new();
        loop {
            match self.line()? {
                None => return Err(FetchError::Failed(message!("fetch-plain-hung-up"))),
                Some(line) if line == "." => return Ok(Ok(lines)),
                Some(line) if lines.is_empty() && line.starts_with("no ") => {
                    return Ok(Err(message!(
                        "fetch-refused",
                        command = command,
                        reason = &line[3..]
                    )))
                }
                Some(line) => lines.push(line),
            }
        }
    }
}

/// Writes the capture hidden beside its place; the caller moves it there once no other host
/// of the run answered as the same appliance.
fn stage(into: &Path, appliance: &str, capture: &str) -> Result<PathBuf, FetchError> {
    let failed = |e: std::io::Error| FetchError::Failed(fetch::io_message(into, &e));
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".carryover-fetch-{appliance}-"))
        .tempfile_in(into)
        .map_err(failed)?;
    file.write_all(capture.as_bytes()).map_err(failed)?;
    file.as_file().sync_all().map_err(failed)?;
    let (_, path) = file.keep().map_err(|e| failed(e.error))?;
    Ok(path)
}

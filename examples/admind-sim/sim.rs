//! A simulated Mirapoint admin-protocol ("admind") server: it answers from a recorded transcript
//! (`C:`/`S:` lines, literal bodies raw), over TCP on 127.0.0.1, in the clear or with TLS, and can
//! misbehave on purpose (silence, garbage, endless lines and literals) to test clients.
//!
//! Used by `cargo run --example admind-sim` and, through `#[path]`, by tests.

// Each includer uses a different part of this module.
#![allow(dead_code)]

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

/// The shipped sample transcript: a RazorGate on MOS 4.1.9 with two delegated domains.
pub const SAMPLE: &[u8] = include_bytes!("../../samples/mos/rg03-admind-capture.txt");

/// The scope of commands given before any `domain setcurrent`.
pub const SYSTEM: &str = "system";

/// The longest command line the simulator reads; a longer one ends the connection.
const MAX_LINE: usize = 64 * 1024;
/// The largest literal a client may send inside a command.
const MAX_CLIENT_LITERAL: usize = 1024 * 1024;
/// How long a connection may stay quiet before the simulator hangs up.
const IDLE_LIMIT: Duration = Duration::from_secs(60);
/// How often a waiting connection looks whether the server was stopped.
const TICK: Duration = Duration::from_millis(50);
/// How long one write may wait for a client that does not read.
const WRITE_LIMIT: Duration = Duration::from_secs(2);
/// How many received command lines [`Server::received`] keeps.
const RECEIVED_KEPT: usize = 10_000;

/// One data line of an answer: what follows `* <tag>` on the wire, and the literal it ends with.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Datum {
    /// The bytes after the tag (with their leading space), before a literal's `{N}`.
    rest: Vec<u8>,
    literal: Option<Literal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Literal {
    body: Vec<u8>,
    /// Whether a blank line follows the body (MOS sometimes omits it).
    blank: bool,
}

/// A command's recorded answer: data lines and the completion after the tag.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Answer {
    data: Vec<Datum>,
    /// The completion after the tag, with its leading space: ` OK Completed`, ` NO reason`.
    completion: Vec<u8>,
}

impl Answer {
    fn ok() -> Answer {
        Answer {
            data: Vec::new(),
            completion: b" OK Completed".to_vec(),
        }
    }

    fn is_ok(&self) -> bool {
        self.completion.starts_with(b" OK")
    }

    /// The answer as sent to a command tagged `tag`.
    fn wire(&self, tag: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for datum in &self.data {
            out.extend_from_slice(b"* ");
            out.extend_from_slice(tag.as_bytes());
            out.extend_from_slice(&datum.rest);
            if let Some(literal) = &datum.literal {
                out.extend_from_slice(format!("{{{}}}\r\n", literal.body.len()).as_bytes());
                out.extend_from_slice(&literal.body);
                if literal.blank {
                    out.extend_from_slice(b"\r\n");
                }
            } else {
                out.extend_from_slice(b"\r\n");
            }
        }
        out.extend_from_slice(tag.as_bytes());
        out.extend_from_slice(&self.completion);
        out.extend_from_slice(b"\r\n");
        out
    }
}

/// What the simulated appliance answers: its greeting, and each command's answer by scope.
#[derive(Debug, Clone)]
pub struct Script {
    host: String,
    /// The greeting after the host: ` admind 4.1.9 ready`.
    greeting_rest: Vec<u8>,
    /// The completion of a successful LOGIN, after the tag.
    login_completion: Vec<u8>,
    logout: Answer,
    /// Answers by (scope, case-folded command words).
    answers: BTreeMap<(String, Vec<String>), Answer>,
    /// Delegated domains `domain setcurrent` accepts (case-folded).
    domains: BTreeSet<String>,
    /// The entries of each listing a write changed, case-folded, to find one without a scan
    /// (a list may grow to hundreds of thousands).
    listed: BTreeMap<(String, Vec<String>), BTreeSet<Vec<u8>>>,
}

impl Script {
    /// The shipped sample, `samples/mos/rg03-admind-capture.txt`.
    pub fn sample() -> Script {
        Script::from_transcript(SAMPLE).expect("the shipped sample transcript reads")
    }

    /// Reads a transcript: `S: ` and `C: ` lines, literal bodies raw after their `{N}` line,
    /// an optional raw blank line after a server literal. Commands after
    /// `domain setcurrent X` are answers of scope X; `domain setcurrent ""` (or `system`)
    /// returns to [`SYSTEM`].
    pub fn from_transcript(text: &[u8]) -> Result<Script, String> {
        TranscriptReader::new(text).read()
    }

    /// The host name the greeting gives.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The same appliance under another name: the greeting and every answer naming the old
    /// host name the new one (literal counts follow).
    pub fn with_host(mut self, host: &str) -> Script {
        let old = std::mem::replace(&mut self.host, host.to_string());
        if old.is_empty() {
            return self;
        }
        let (from, to) = (old.as_bytes(), host.as_bytes());
        for answer in self.answers.values_mut() {
            for datum in &mut answer.data {
                datum.rest = replace(&datum.rest, from, to);
                if let Some(literal) = &mut datum.literal {
                    literal.body = replace(&literal.body, from, to);
                }
            }
        }
        self
    }

    /// Sets the answer to `command` (its words as a client sends them, e.g.
    /// `uce listexception primary whitelistto`) in `scope` (a delegated domain, or [`SYSTEM`]
    /// or `""`), completing `OK Completed`. Each element of `data` is one data line's fields
    /// without tag or CRLF (`"on"`, `"a@b.example"`); an element holding a line break is sent as
    /// a literal instead: `* tag {N}`, its bytes, a blank line.
    pub fn set_answer(&mut self, scope: &str, command: &str, data: Vec<Vec<u8>>) {
        let data = data
            .into_iter()
            .map(|element| {
                if element.contains(&b'\n') || element.contains(&b'\r') {
                    Datum {
                        rest: b" ".to_vec(),
                        literal: Some(Literal {
                            body: element,
                            blank: true,
                        }),
                    }
                } else {
                    let mut rest = b" ".to_vec();
                    rest.extend_from_slice(&element);
                    Datum {
                        rest,
                        literal: None,
                    }
                }
            })
            .collect();
        self.set(
            scope,
            command,
            Answer {
                data,
                completion: b" OK Completed".to_vec(),
            },
        );
    }

    /// Makes `command` in `scope` answer `NO <reason>`.
    pub fn set_refusal(&mut self, scope: &str, command: &str, reason: &str) {
        let completion = format!(" NO {reason}").into_bytes();
        self.set(
            scope,
            command,
            Answer {
                data: Vec::new(),
                completion,
            },
        );
    }

    /// Applies a configuration write to what later reads answer, as an appliance would:
    /// `AREA set NAME VALUE` changes `AREA get NAME`; `uce addexception SCOPE LIST ENTRY` and
    /// `uce deleteexception ...` change `uce listexception SCOPE LIST`; `trustedhost add GROUP
    /// HOST ...` changes `trustedhost list GROUP`. The forms are the simulator's guess, as the
    /// catalog's inferred ones are: it proves a client's journal and checks, not the forms.
    /// Whether `words` was such a write.
    pub fn write(&mut self, scope: &str, words: &[String]) -> bool {
        let folded = fold_all(words);
        let verbs: Vec<&str> = folded.iter().map(String::as_str).collect();
        match verbs[..] {
            [area, "set", name, _] if area != "domain" => {
                let read = format!(
                    "{area} get {}",
                    String::from_utf8_lossy(&quote(name.as_bytes()))
                );
                let value = words[3].as_bytes().to_vec();
                let shown = if value.contains(&b'\n') {
                    value
                } else {
                    quote(&value)
                };
                self.set_answer(scope, &read, vec![shown]);
                true
            }
            ["uce", verb @ ("addexception" | "deleteexception"), list_scope, list, _] => {
                let read = format!("uce listexception {list_scope} {list}");
                let entry = quote(words[4].as_bytes());
                self.change_list(scope, &read, entry, verb == "addexception");
                true
            }
            ["trustedhost", "add", group, _, ..] => {
                let read = format!(
                    "trustedhost list {}",
                    String::from_utf8_lossy(&quote(group.as_bytes()))
                );
                self.change_list(scope, &read, quote(words[3].as_bytes()), true);
                true
            }
            _ => false,
        }
    }

    /// Adds `entry` (quoted, as a data line shows it) to the listing `read` answers, or
    /// removes it.
    fn change_list(&mut self, scope: &str, read: &str, entry: Vec<u8>, add: bool) {
        let mut rest = b" ".to_vec();
        rest.extend_from_slice(&entry);
        let key = (
            scope_name(scope),
            fold_all(&words(read.as_bytes()).unwrap_or_default()),
        );
        let answer = self.answers.entry(key.clone()).or_insert_with(Answer::ok);
        if !answer.is_ok() {
            *answer = Answer::ok();
        }
        let listed = self.listed.entry(key).or_insert_with(|| {
            answer
                .data
                .iter()
                .map(|d| d.rest.to_ascii_lowercase())
                .collect()
        });
        let folded = rest.to_ascii_lowercase();
        match (add, listed.contains(&folded)) {
            (true, false) => {
                listed.insert(folded);
                answer.data.push(Datum {
                    rest,
                    literal: None,
                });
            }
            (false, true) => {
                listed.remove(&folded);
                answer.data.retain(|d| !d.rest.eq_ignore_ascii_case(&rest));
            }
            _ => {}
        }
    }

    /// Adds a delegated domain `domain setcurrent` accepts.
    pub fn add_domain(&mut self, domain: &str) {
        self.domains.insert(fold(domain));
    }

    fn set(&mut self, scope: &str, command: &str, answer: Answer) {
        let scope = scope_name(scope);
        if scope != SYSTEM {
            self.domains.insert(scope.clone());
        }
        let words = words(command.as_bytes()).unwrap_or_default();
        let key = (scope, fold_all(&words));
        self.listed.remove(&key);
        self.answers.insert(key, answer);
    }

    /// The answer to `words` in `scope`; a command a domain has no answer of is answered as
    /// the system answers it (most settings are system-wide).
    fn answer(&self, scope: &str, words: &[String]) -> Option<&Answer> {
        let key = fold_all(words);
        self.answers
            .get(&(scope.to_string(), key.clone()))
            .or_else(|| self.answers.get(&(SYSTEM.to_string(), key)))
    }

    fn greeting(&self, host: &str) -> Vec<u8> {
        let mut out = b"* OK ".to_vec();
        out.extend_from_slice(host.as_bytes());
        out.extend_from_slice(&self.greeting_rest);
        out.extend_from_slice(b"\r\n");
        out
    }
}

/// Reads a transcript into a [`Script`], line by line.
struct TranscriptReader<'a> {
    text: &'a [u8],
    at: usize,
    number: usize,
    lf_saved: bool,
    script: Script,
    greeted: bool,
    scope: String,
    /// The open command: its tag, words and answer so far.
    open: Option<(String, Vec<String>, Answer)>,
}

impl<'a> TranscriptReader<'a> {
    fn new(text: &'a [u8]) -> Self {
        TranscriptReader {
            text,
            at: 0,
            number: 0,
            // A transcript saved with LF line ends lost the CR the appliance counted in a
            // literal's bytes: each LF in a body counts two and goes out as CRLF.
            lf_saved: !text
                .split(|&b| b == b'\n')
                .next()
                .is_some_and(|l| l.ends_with(b"\r"))
                && text.contains(&b'\n'),
            script: Script {
                host: String::new(),
                greeting_rest: Vec::new(),
                login_completion: b" OK".to_vec(),
                logout: Answer {
                    data: vec![Datum {
                        rest: b" BYE".to_vec(),
                        literal: None,
                    }],
                    completion: b" OK".to_vec(),
                },
                answers: BTreeMap::new(),
                domains: BTreeSet::new(),
                listed: BTreeMap::new(),
            },
            greeted: false,
            scope: SYSTEM.to_string(),
            open: None,
        }
    }

    /// The next line without its line break, or `None` at the end.
    fn line(&mut self) -> Option<&'a [u8]> {
        if self.at >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.at..];
        let (line, used) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.at += used;
        self.number += 1;
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    }

    /// A literal body of `n` bytes as the appliance counted them: raw, or, in a transcript
    /// saved with LF line ends, with each LF counted and sent as CRLF.
    fn body(&mut self, n: usize) -> Result<Vec<u8>, String> {
        if !self.lf_saved {
            return self.bytes(n).map(<[u8]>::to_vec);
        }
        let mut body = Vec::with_capacity(n);
        while body.len() < n {
            let Some(&b) = self.text.get(self.at) else {
                return Err(format!(
                    "line {}: the literal announces {n} bytes, the transcript holds {}",
                    self.number,
                    body.len()
                ));
            };
            if b == b'\n' && !body.ends_with(b"\r") {
                body.push(b'\r');
                self.number += 1;
            } else if b == b'\n' {
                self.number += 1;
            }
            body.push(b);
            self.at += 1;
        }
        Ok(body)
    }

    /// `n` raw bytes of a literal body.
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.text.len())
            .ok_or_else(|| {
                format!(
                    "line {}: the literal announces {n} bytes, the transcript holds {}",
                    self.number,
                    self.text.len() - self.at
                )
            })?;
        let body = &self.text[self.at..end];
        self.number += body.iter().filter(|&&b| b == b'\n').count();
        self.at = end;
        Ok(body)
    }

    fn read(mut self) -> Result<Script, String> {
        while let Some(line) = self.line() {
            if let Some(server) = line.strip_prefix(b"S: ") {
                self.server(server)?;
            } else if let Some(client) = line.strip_prefix(b"C: ") {
                self.client(client)?;
            }
            // Anything else (blank lines, notes) is no part of a conversation.
        }
        self.finish_open()?;
        if !self.greeted {
            return Err("the transcript has no greeting (`S: * OK <host> admind ...`)".into());
        }
        Ok(self.script)
    }

    fn server(&mut self, line: &[u8]) -> Result<(), String> {
        let number = self.number;
        if !self.greeted && self.open.is_none() {
            let greeting = line
                .strip_prefix(b"* OK ")
                .ok_or_else(|| format!("line {number}: expected the greeting"))?;
            let end = greeting
                .iter()
                .position(|&b| b == b' ')
                .unwrap_or(greeting.len());
            self.script.host = String::from_utf8_lossy(&greeting[..end]).into_owned();
            self.script.greeting_rest = greeting[end..].to_vec();
            self.greeted = true;
            return Ok(());
        }
        let Some((tag, _, _)) = &self.open else {
            return Err(format!("line {number}: a server line with no command open"));
        };
        let tag = tag.as_bytes();
        if let Some(after_star) = line.strip_prefix(b"* ") {
            let rest = after_star
                .strip_prefix(tag)
                .filter(|r| r.is_empty() || r.starts_with(b" "))
                .ok_or_else(|| format!("line {number}: data for another tag than the open one"))?;
            let datum = match literal_count(rest) {
                Some((head, n)) => {
                    let body = self.body(n)?;
                    let blank = self.text[self.at..].starts_with(b"\r\n")
                        || self.text[self.at..].starts_with(b"\n");
                    if blank {
                        self.line();
                    }
                    Datum {
                        rest: head.to_vec(),
                        literal: Some(Literal { body, blank }),
                    }
                }
                None => Datum {
                    rest: rest.to_vec(),
                    literal: None,
                },
            };
            if let Some((_, _, answer)) = &mut self.open {
                answer.data.push(datum);
            }
            return Ok(());
        }
        let completion = line
            .strip_prefix(tag)
            .filter(|r| {
                [&b" OK"[..], b" NO", b" BAD"]
                    .iter()
                    .any(|s| r.starts_with(s))
            })
            .ok_or_else(|| {
                format!("line {number}: neither data nor the open command's completion")
            })?;
        if let Some((_, _, answer)) = &mut self.open {
            answer.completion = completion.to_vec();
        }
        self.finish_open()
    }

    fn client(&mut self, line: &[u8]) -> Result<(), String> {
        let number = self.number;
        self.finish_open()?;
        let (tag, mut rest) = split_tag(line);
        let mut text = Vec::new();
        // A client literal: its body is one word, and the command line goes on after it.
        while let Some((head, n)) = client_literal_count(rest) {
            text.extend_from_slice(head);
            let body = self.bytes(n)?;
            text.extend_from_slice(&quote(body));
            rest = self.line().unwrap_or_default();
        }
        text.extend_from_slice(rest);
        let words = words(&text).map_err(|e| format!("line {number}: {e}"))?;
        self.open = Some((tag.to_string(), words, Answer::ok()));
        Ok(())
    }

    /// Files the open command's answer under its scope, and follows scope changes.
    fn finish_open(&mut self) -> Result<(), String> {
        let Some((_, command, answer)) = self.open.take() else {
            return Ok(());
        };
        let folded = fold_all(&command);
        match folded.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["login", ..] => self.script.login_completion = answer.completion,
            ["logout"] => self.script.logout = answer,
            ["domain", "setcurrent", domain] => {
                if answer.is_ok() {
                    self.scope = scope_name(domain);
                    if self.scope != SYSTEM {
                        self.script.domains.insert(self.scope.clone());
                    }
                }
                self.script.answers.insert((SYSTEM.into(), folded), answer);
            }
            _ => {
                if folded == ["domain", "list"] {
                    for datum in &answer.data {
                        if let Some(domain) =
                            words(&datum.rest).ok().and_then(|w| w.into_iter().next())
                        {
                            self.script.domains.insert(fold(&domain));
                        }
                    }
                }
                self.script
                    .answers
                    .insert((self.scope.clone(), folded), answer);
            }
        }
        Ok(())
    }
}

/// How the simulated appliance behaves on each connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Behaviour {
    /// Greets and answers from the script.
    Normal,
    /// Accepts the connection and never says a word (not even a TLS handshake).
    Silent,
    /// Sends random bytes that are no protocol at all, then closes.
    Garbage,
    /// Sends a greeting line that never ends.
    HugeLine,
    /// Greets, logs in, then answers the next command with a literal announcing a huge size
    /// whose bytes trickle and never end.
    EndlessLiteral,
    /// Greets, then closes.
    CloseAfterGreeting,
    /// Greets with this text as the host name (e.g. `../../etc`), then behaves normally.
    HostileGreeting(String),
}

/// What the simulator does at one write it receives, to test a client's journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answers `NO` and changes nothing.
    Refuse,
    /// Closes the connection before the write takes effect.
    DropBefore,
    /// Lets the write take effect, then closes the connection before answering: the answer
    /// is lost.
    DropAfter,
}

/// How the server accepts logins and connections.
#[derive(Debug, Clone)]
pub struct Options {
    pub user: String,
    pub password: String,
    pub tls: bool,
    pub behaviour: Behaviour,
}

impl Default for Options {
    /// `administrator` / `demo`, in the clear, behaving normally.
    fn default() -> Self {
        Options {
            user: "administrator".into(),
            password: "demo".into(),
            tls: false,
            behaviour: Behaviour::Normal,
        }
    }
}

/// A running simulator; dropping it stops it (open connections end within a tick).
pub struct Server {
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    /// With TLS: its certificate (for `localhost` and `127.0.0.1`) as PEM, to trust with `--ca`.
    pub ca_pem: Option<String>,
    shared: Arc<Shared>,
}

struct Shared {
    script: RwLock<Script>,
    options: Options,
    tls: Option<Arc<ServerConfig>>,
    stop: AtomicBool,
    received: Mutex<Vec<String>>,
    /// Writes received so far, over every connection.
    writes: std::sync::atomic::AtomicUsize,
    /// Faults by the number of the write they hit (from 1), each hit once.
    faults: Mutex<BTreeMap<usize, Fault>>,
}

impl Server {
    /// Changes an answer while the server runs: see [`Script::set_answer`].
    pub fn set_answer(&self, scope: &str, command: &str, data: Vec<Vec<u8>>) {
        self.write_script(|s| s.set_answer(scope, command, data));
    }

    /// Makes a command refused while the server runs: see [`Script::set_refusal`].
    pub fn set_refusal(&self, scope: &str, command: &str, reason: &str) {
        self.write_script(|s| s.set_refusal(scope, command, reason));
    }

    /// The command lines received so far, in order, without tags' line breaks; a LOGIN's
    /// password is shown as `<secret>`.
    pub fn received(&self) -> Vec<String> {
        lock(&self.shared.received).clone()
    }

    /// Makes the `k`-th write from now (1: the next) meet `fault`, once.
    pub fn fail_write(&self, k: usize, fault: Fault) {
        let at = self.writes() + k;
        lock(&self.shared.faults).insert(at, fault);
    }

    /// How many writes the simulator has received, refused ones included.
    pub fn writes(&self) -> usize {
        self.shared.writes.load(Ordering::SeqCst)
    }

    /// What `command` in `scope` answers now, its data lines as the wire shows them after the
    /// tag (`"on"`, `{5}` and the literal's bytes).
    pub fn answer_of(&self, scope: &str, command: &str) -> Option<Vec<Vec<u8>>> {
        let script = self.shared.script.read().unwrap_or_else(|p| p.into_inner());
        let words = words(command.as_bytes()).ok()?;
        let answer = script.answer(&scope_name(scope), &words)?;
        Some(
            answer
                .data
                .iter()
                .map(|d| {
                    let mut line = d.rest.trim_ascii_start().to_vec();
                    if let Some(literal) = &d.literal {
                        line.extend_from_slice(&literal.body);
                    }
                    line
                })
                .collect(),
        )
    }

    /// Stops accepting; open connections end within a tick.
    pub fn stop(&self) {
        self.shared.stop.store(true, Ordering::SeqCst);
    }

    fn write_script(&self, change: impl FnOnce(&mut Script)) {
        let mut script = self
            .shared
            .script
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        change(&mut script);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts a simulator on 127.0.0.1 on a free port.
pub fn start(script: Script, options: Options) -> io::Result<Server> {
    start_on(0, script, options)
}

/// Starts a simulator on 127.0.0.1:`port` (0: a free port): an accept loop on a thread, and a
/// thread per connection.
pub fn start_on(port: u16, script: Script, options: Options) -> io::Result<Server> {
    let (tls, ca_pem) = if options.tls {
        let (config, pem) = tls_config()?;
        (Some(config), Some(pem))
    } else {
        (None, None)
    };
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let port = listener.local_addr()?.port();
    listener.set_nonblocking(true)?;
    let shared = Arc::new(Shared {
        script: RwLock::new(script),
        options,
        tls,
        stop: AtomicBool::new(false),
        received: Mutex::new(Vec::new()),
        writes: std::sync::atomic::AtomicUsize::new(0),
        faults: Mutex::new(BTreeMap::new()),
    });
    let accepting = Arc::clone(&shared);
    thread::Builder::new()
        .name(format!("admind-sim-{port}"))
        .spawn(move || accept_loop(listener, accepting))?;
    Ok(Server {
        port,
        ca_pem,
        shared,
    })
}

/// A self-signed certificate for `localhost` and `127.0.0.1`, and the TLS configuration
/// serving it.
fn tls_config() -> io::Result<(Arc<ServerConfig>, String)> {
    let other = |e: &dyn std::fmt::Display| io::Error::other(e.to_string());
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .map_err(|e| other(&e))?;
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| other(&e))?
            .with_no_client_auth()
            .with_single_cert(vec![certified.cert.der().clone()], key)
            .map_err(|e| other(&e))?;
    Ok((Arc::new(config), certified.cert.pem()))
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    while !shared.stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((socket, _)) => {
                let connection = Arc::clone(&shared);
                let spawned = thread::Builder::new()
                    .name("admind-sim-connection".into())
                    .spawn(move || {
                        // A connection that breaks is the client's business, not the server's.
                        let _ = serve(socket, &connection);
                    });
                if spawned.is_err() {
                    thread::sleep(TICK);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                thread::sleep(Duration::from_millis(5))
            }
            Err(_) => thread::sleep(TICK),
        }
    }
}

/// A byte stream in the clear or over TLS.
trait Duplex: Read + Write + Send {
    /// Ends the conversation politely: TLS close_notify, then FIN, then the client's
    /// remaining bytes drained briefly so that closing does not reset what it has not read.
    fn finish(&mut self);
}

impl Duplex for TcpStream {
    fn finish(&mut self) {
        let _ = self.flush();
        let _ = self.shutdown(Shutdown::Write);
        drain(self);
    }
}

impl Duplex for StreamOwned<ServerConnection, TcpStream> {
    fn finish(&mut self) {
        self.conn.send_close_notify();
        let _ = self.flush();
        let _ = self.sock.shutdown(Shutdown::Write);
        drain(&mut self.sock);
    }
}

fn drain(socket: &mut TcpStream) {
    let until = Instant::now() + Duration::from_millis(500);
    let mut buf = [0u8; 4096];
    while Instant::now() < until {
        match socket.read(&mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) if is_timeout(&e) => {}
            Err(_) => return,
        }
    }
}

fn serve(socket: TcpStream, shared: &Shared) -> io::Result<()> {
    socket.set_read_timeout(Some(TICK))?;
    socket.set_write_timeout(Some(WRITE_LIMIT))?;
    socket.set_nodelay(true)?;
    if shared.options.behaviour == Behaviour::Silent {
        let mut socket = socket;
        return silent(&mut socket, shared);
    }
    let stream: Box<dyn Duplex> = match &shared.tls {
        Some(config) => {
            let connection = ServerConnection::new(Arc::clone(config)).map_err(io::Error::other)?;
            Box::new(StreamOwned::new(connection, socket))
        }
        None => Box::new(socket),
    };
    let mut session = Session {
        reader: BufReader::new(stream),
        shared,
        logged_in: false,
        scope: SYSTEM.to_string(),
        idle_since: Instant::now(),
    };
    let result = session.run();
    session.reader.get_mut().finish();
    result
}

/// Reads and forgets whatever comes, answering nothing, until the client leaves.
fn silent(socket: &mut TcpStream, shared: &Shared) -> io::Result<()> {
    let started = Instant::now();
    let mut buf = [0u8; 4096];
    while !shared.stop.load(Ordering::SeqCst) && started.elapsed() < IDLE_LIMIT {
        match socket.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) if is_timeout(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

struct Session<'a> {
    reader: BufReader<Box<dyn Duplex>>,
    shared: &'a Shared,
    logged_in: bool,
    scope: String,
    idle_since: Instant,
}

impl Session<'_> {
    fn script(&self) -> std::sync::RwLockReadGuard<'_, Script> {
        self.shared
            .script
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        let stream = self.reader.get_mut();
        stream.write_all(bytes)?;
        stream.flush()
    }

    fn stopped(&self) -> bool {
        self.shared.stop.load(Ordering::SeqCst)
    }

    fn run(&mut self) -> io::Result<()> {
        let behaviour = self.shared.options.behaviour.clone();
        match behaviour {
            Behaviour::Garbage => return self.send(&garbage(2048)),
            Behaviour::HugeLine => return self.endless_line(),
            _ => {}
        }
        let greeting = {
            let script = self.script();
            match &behaviour {
                Behaviour::HostileGreeting(host) => script.greeting(host),
                _ => script.greeting(&script.host),
            }
        };
        self.send(&greeting)?;
        if behaviour == Behaviour::CloseAfterGreeting {
            return Ok(());
        }
        while let Some(line) = self.read_command()? {
            let (tag, words) = match line {
                Command::Words(tag, words) => (tag, words),
                Command::Unreadable(tag) => {
                    self.send(format!("{tag} NO Syntax error\r\n").as_bytes())?;
                    continue;
                }
            };
            if words.is_empty() {
                self.send(format!("{tag} NO Unknown command\r\n").as_bytes())?;
                continue;
            }
            if !self.command(&tag, &words, &behaviour)? {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Answers one command; `false` when the conversation is over.
    fn command(&mut self, tag: &str, words: &[String], behaviour: &Behaviour) -> io::Result<bool> {
        let folded = fold_all(words);
        let verbs: Vec<&str> = folded.iter().map(String::as_str).collect();
        match verbs[..] {
            ["logout"] => {
                let answer = self.script().logout.wire(tag);
                self.send(&answer)?;
                return Ok(false);
            }
            ["login", ..] => {
                let options = &self.shared.options;
                let accepted =
                    words.len() == 3 && words[1] == options.user && words[2] == options.password;
                if accepted {
                    self.logged_in = true;
                    let completion = self.script().login_completion.clone();
                    let mut answer = format!("* {tag} \"{}\"\r\n{tag}", session_id()).into_bytes();
                    answer.extend_from_slice(&completion);
                    answer.extend_from_slice(b"\r\n");
                    self.send(&answer)?;
                } else {
                    self.send(format!("{tag} NO Login failed\r\n").as_bytes())?;
                }
                return Ok(true);
            }
            _ if !self.logged_in => {
                self.send(format!("{tag} NO Not logged in\r\n").as_bytes())?;
                return Ok(true);
            }
            _ if *behaviour == Behaviour::EndlessLiteral => {
                self.endless_literal(tag)?;
                return Ok(false);
            }
            ["domain", "setcurrent", domain] => {
                let scope = scope_name(domain);
                let known = scope == SYSTEM || self.script().domains.contains(&scope);
                if known {
                    let answer = self
                        .script()
                        .answers
                        .get(&(SYSTEM.to_string(), folded.clone()))
                        .filter(|a| a.is_ok())
                        .cloned()
                        .unwrap_or_else(Answer::ok);
                    self.scope = scope;
                    self.send(&answer.wire(tag))?;
                } else {
                    self.send(format!("{tag} NO No such domain\r\n").as_bytes())?;
                }
                return Ok(true);
            }
            _ => {}
        }
        if let Some(going_on) = self.write(tag, words)? {
            return Ok(going_on);
        }
        let answer = self
            .script()
            .answer(&self.scope, words)
            .map(|a| a.wire(tag))
            .unwrap_or_else(|| format!("{tag} NO Unknown command\r\n").into_bytes());
        self.send(&answer)?;
        Ok(true)
    }

    /// A write, applied to the script unless a fault says otherwise; `None` for anything
    /// else. `Some(false)` when the connection is to close.
    fn write(&mut self, tag: &str, words: &[String]) -> io::Result<Option<bool>> {
        // A transcript's own refusal of this very write stands, as recorded.
        let refused = self
            .script()
            .answer(&self.scope, words)
            .is_some_and(|a| !a.is_ok());
        if !is_write(words) || refused {
            return Ok(None);
        }
        let n = self.shared.writes.fetch_add(1, Ordering::SeqCst) + 1;
        let fault = lock(&self.shared.faults).remove(&n);
        match fault {
            Some(Fault::Refuse) => {
                self.send(format!("{tag} NO Simulated refusal of write {n}\r\n").as_bytes())?;
                return Ok(Some(true));
            }
            Some(Fault::DropBefore) => return Ok(Some(false)),
            _ => {}
        }
        let scope = self.scope.clone();
        let applied = self
            .shared
            .script
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .write(&scope, words);
        if fault == Some(Fault::DropAfter) {
            return Ok(Some(false));
        }
        let answer = match applied {
            true => format!("{tag} OK Completed\r\n"),
            false => format!("{tag} NO Unknown command\r\n"),
        };
        self.send(answer.as_bytes())?;
        Ok(Some(true))
    }

    /// The next command, `None` when the client left, the server stopped or the line was idle
    /// too long; an error for a line longer than [`MAX_LINE`].
    fn read_command(&mut self) -> io::Result<Option<Command>> {
        let Some(first) = self.read_line()? else {
            return Ok(None);
        };
        let (tag, rest) = split_tag(&first);
        let mut rest = rest.to_vec();
        let mut text = Vec::new();
        while let Some((head, n, synchronizing)) =
            client_literal(&rest).map(|(head, n, sync)| (head.len(), n, sync))
        {
            if n > MAX_CLIENT_LITERAL {
                return Err(io::Error::other("client literal too large"));
            }
            text.extend_from_slice(&rest[..head]);
            if synchronizing {
                self.send(b"+ Ready for literal data\r\n")?;
            }
            let body = self.read_exact_bytes(n)?;
            text.extend_from_slice(&quote(&body));
            // The command line goes on after the literal.
            let Some(next) = self.read_line()? else {
                return Ok(None);
            };
            rest = next;
        }
        text.extend_from_slice(&rest);
        self.record(&tag, &text);
        Ok(Some(match words(&text) {
            Ok(words) => Command::Words(tag, words),
            Err(_) => Command::Unreadable(tag),
        }))
    }

    fn record(&self, tag: &str, text: &[u8]) {
        let shown = match words(text) {
            Ok(w) if w.first().is_some_and(|v| v.eq_ignore_ascii_case("login")) => {
                let user = w.get(1).map(|u| quote(u.as_bytes())).unwrap_or_default();
                format!("{tag} {} {} <secret>", w[0], String::from_utf8_lossy(&user))
            }
            _ => format!("{tag} {}", String::from_utf8_lossy(text).trim_start()),
        };
        let mut received = lock(&self.shared.received);
        if received.len() < RECEIVED_KEPT {
            received.push(shown.trim_end().to_string());
        }
    }

    /// One line without its line break.
    fn read_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        loop {
            if self.stopped() || self.idle_since.elapsed() > IDLE_LIMIT {
                return Ok(None);
            }
            let room = (MAX_LINE + 1 - line.len()) as u64;
            match (&mut self.reader).take(room).read_until(b'\n', &mut line) {
                Ok(0) => return Ok(None),
                Ok(_) if line.ends_with(b"\n") => {
                    self.idle_since = Instant::now();
                    line.pop();
                    if line.ends_with(b"\r") {
                        line.pop();
                    }
                    return Ok(Some(line));
                }
                Ok(_) if line.len() > MAX_LINE => {
                    return Err(io::Error::other("command line too long"));
                }
                Ok(_) => self.idle_since = Instant::now(),
                Err(e) if is_timeout(&e) => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn read_exact_bytes(&mut self, n: usize) -> io::Result<Vec<u8>> {
        let mut body = vec![0u8; n];
        let mut got = 0;
        while got < n {
            if self.stopped() || self.idle_since.elapsed() > IDLE_LIMIT {
                return Err(io::Error::other("client literal never completed"));
            }
            match self.reader.read(&mut body[got..]) {
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(k) => {
                    got += k;
                    self.idle_since = Instant::now();
                }
                Err(e) if is_timeout(&e) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(body)
    }

    /// `* OK ` and then letters, never a line break, until the client stops reading.
    fn endless_line(&mut self) -> io::Result<()> {
        self.send(b"* OK ")?;
        let chunk = [b'A'; 8192];
        while !self.stopped() {
            self.send(&chunk)?;
        }
        Ok(())
    }

    /// Announces a gigabyte and sends a few bytes now and then, forever.
    fn endless_literal(&mut self, tag: &str) -> io::Result<()> {
        self.send(format!("* {tag} {{1073741824}}\r\n").as_bytes())?;
        let started = Instant::now();
        while !self.stopped() && started.elapsed() < IDLE_LIMIT {
            self.send(b"xxxxxxxxxxxxxxxx")?;
            thread::sleep(TICK);
        }
        Ok(())
    }
}

enum Command {
    Words(String, Vec<String>),
    Unreadable(String),
}

/// Splits `tag rest` at the first space.
/// Whether a command is a configuration write: its second word sets or adds something.
fn is_write(words: &[String]) -> bool {
    let verb = words.get(1).map(|w| fold(w));
    let first = words.first().map(|w| fold(w));
    first.as_deref() != Some("domain")
        && matches!(
            verb.as_deref(),
            Some("set" | "addexception" | "deleteexception" | "add")
        )
}

fn split_tag(line: &[u8]) -> (String, &[u8]) {
    let end = line.iter().position(|&b| b == b' ').unwrap_or(line.len());
    (
        String::from_utf8_lossy(&line[..end]).into_owned(),
        &line[end..],
    )
}

/// A server line ending in `{N}`: the bytes before the marker, and N.
fn literal_count(rest: &[u8]) -> Option<(&[u8], usize)> {
    let (head, n, synchronizing) = marker(rest)?;
    synchronizing.then_some((head, n))
}

/// A client line ending in `{N+}` (or `{N}`, which waits for a `+` go-ahead): the bytes
/// before the marker, N, and whether it waits.
fn client_literal(rest: &[u8]) -> Option<(&[u8], usize, bool)> {
    marker(rest)
}

fn client_literal_count(rest: &[u8]) -> Option<(&[u8], usize)> {
    marker(rest).map(|(head, n, _)| (head, n))
}

/// A literal marker `{N}` or `{N+}` ending a line: the bytes before it, N, and whether it is
/// the plain (synchronizing) form.
fn marker(line: &[u8]) -> Option<(&[u8], usize, bool)> {
    let inner = line.strip_suffix(b"}")?;
    let (inner, synchronizing) = match inner.strip_suffix(b"+") {
        Some(inner) => (inner, false),
        None => (inner, true),
    };
    let open = inner.iter().rposition(|&b| b == b'{')?;
    let digits = &inner[open + 1..];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = std::str::from_utf8(digits).ok()?.parse().ok()?;
    Some((&line[..open], n, synchronizing))
}

/// The words of a command line: bare words and double-quoted ones (`\\`, `\"` escapes).
pub fn words(text: &[u8]) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut word = Vec::new();
        if text[i] == b'"' {
            i += 1;
            loop {
                match text.get(i) {
                    None => return Err("an unterminated quoted word".into()),
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(b'\\') if matches!(text.get(i + 1), Some(b'\\' | b'"')) => {
                        word.push(text[i + 1]);
                        i += 2;
                    }
                    Some(&b) => {
                        word.push(b);
                        i += 1;
                    }
                }
            }
        } else {
            while i < text.len() && !text[i].is_ascii_whitespace() {
                word.push(text[i]);
                i += 1;
            }
        }
        words.push(String::from_utf8_lossy(&word).into_owned());
    }
    Ok(words)
}

/// A word as a client sends it: quoted when empty or holding whitespace, `(`, `)`, `\`, `"`.
pub fn quote(word: &[u8]) -> Vec<u8> {
    let plain = !word.is_empty()
        && !word
            .iter()
            .any(|b| b.is_ascii_whitespace() || b"()\\\"".contains(b));
    if plain {
        return word.to_vec();
    }
    let mut out = vec![b'"'];
    for &b in word {
        if b == b'\\' || b == b'"' {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
    out
}

fn fold(word: &str) -> String {
    word.to_lowercase()
}

fn fold_all(words: &[String]) -> Vec<String> {
    words.iter().map(|w| fold(w)).collect()
}

/// The scope a `domain setcurrent` argument names: [`SYSTEM`] for `""` or `system`.
fn scope_name(domain: &str) -> String {
    let folded = fold(domain.trim());
    if folded.is_empty() {
        SYSTEM.to_string()
    } else {
        folded
    }
}

fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if !from.is_empty() && haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

fn random_u64() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    hasher.finish()
}

/// A fresh session id: 14 hex digits, as MOS gives them.
fn session_id() -> String {
    format!("{:014x}", random_u64() & 0x00ff_ffff_ffff_ffff)
}

/// `n` random bytes that no protocol line could start with.
fn garbage(n: usize) -> Vec<u8> {
    let mut state = random_u64() | 1;
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        // xorshift64: cheap, and random enough to be no protocol.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(n);
    if let Some(first) = out.first_mut() {
        *first = 0xff;
    }
    out
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

//! A stub SpamTitan appliance for the fetch tests: a tiny HTTP/1.1 server on 127.0.0.1, over TLS
//! with a certificate made for `localhost` and 127.0.0.1 when the stub starts, or in the clear.
//! It answers the REST API's JSON and the legacy API's XML list answers (`../shared/FORMATS.md`,
//! "SpamTitan"; the list shape `legacy_xml` reads) from a table of answers, checks the bearer
//! token (401 otherwise), and can be told to answer 429 once, a fixed status for a path, to
//! hang, to say nothing at all, or to answer something that is not HTTP. Every request it read
//! is kept for the test to look at. One connection per request (`Connection: close`).
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// An answer's body.
#[derive(Debug, Clone)]
pub enum Body {
    /// These bytes.
    Bytes(Vec<u8>),
    /// One byte, this many times (a huge answer, made as it is sent).
    Repeat(u8, usize),
}

/// An answer: a status and a body.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Body,
}

impl Answer {
    /// A 200 answer with this body.
    pub fn ok(body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status: 200,
            body: Body::Bytes(body.into()),
        }
    }
}

/// What the stub answers, and how it misbehaves.
#[derive(Debug, Clone, Default)]
pub struct Behaviour {
    /// The API token it takes.
    pub token: String,
    /// Answers by request target (`/path?query`); anything else is 404.
    pub answers: BTreeMap<String, Answer>,
    /// Targets answered 429 once, then as usual.
    pub busy_once: BTreeSet<String>,
    /// Targets always answered with this status.
    pub status: BTreeMap<String, u16>,
    /// Read each request and never answer.
    pub hang: bool,
    /// Accept connections and never read or write (a TLS handshake stalls).
    pub silent: bool,
    /// Answer every request with bytes that are not HTTP.
    pub not_http: bool,
}

/// One request as the stub read it.
#[derive(Debug, Clone)]
pub struct Request {
    /// The request target: path and query.
    pub target: String,
    /// The `Authorization` header's value.
    pub authorization: Option<String>,
    /// The whole request head.
    pub head: String,
}

/// A running stub; it stops when dropped.
pub struct Stub {
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    /// Its certificate (self-signed), PEM; empty in the clear.
    pub certificate_pem: String,
    behaviour: Arc<Mutex<Behaviour>>,
    seen: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl Stub {
    /// A stub speaking HTTPS.
    pub fn tls(behaviour: Behaviour) -> Stub {
        let certified =
            rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()])
                .expect("a certificate");
        let certificate: CertificateDer<'static> = certified.cert.der().clone();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            certified.signing_key.serialize_der(),
        ));
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(vec![certificate], key)
        .expect("a server configuration");
        Stub::start(behaviour, Some(Arc::new(config)), certified.cert.pem())
    }

    /// A stub speaking plain HTTP.
    pub fn plain(behaviour: Behaviour) -> Stub {
        Stub::start(behaviour, None, String::new())
    }

    fn start(
        behaviour: Behaviour,
        tls: Option<Arc<rustls::ServerConfig>>,
        certificate_pem: String,
    ) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().expect("an address").port();
        let stub = Stub {
            port,
            certificate_pem,
            behaviour: Arc::new(Mutex::new(behaviour)),
            seen: Arc::new(Mutex::new(Vec::new())),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let (behaviour, seen, stop) =
            (stub.behaviour.clone(), stub.seen.clone(), stub.stop.clone());
        std::thread::spawn(move || {
            for socket in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(socket) = socket else { continue };
                let (behaviour, seen, stop, tls) =
                    (behaviour.clone(), seen.clone(), stop.clone(), tls.clone());
                std::thread::spawn(move || connection(socket, tls, &behaviour, &seen, &stop));
            }
        });
        stub
    }

    /// Changes how the stub behaves from now on.
    pub fn set(&self, change: impl FnOnce(&mut Behaviour)) {
        change(&mut self.behaviour.lock().unwrap());
    }

    /// Every request read so far.
    pub fn requests(&self) -> Vec<Request> {
        self.seen.lock().unwrap().clone()
    }

    /// Writes the stub's certificate to `dir/stub.pem`, for `--ca`.
    pub fn write_certificate(&self, dir: &Path) -> PathBuf {
        let path = dir.join("stub.pem");
        std::fs::write(&path, &self.certificate_pem).unwrap();
        path
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread, which then sees `stop`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Waits until the stub stops (at most 20 s): a connection held open, saying nothing.
fn hold(stop: &AtomicBool) {
    let start = Instant::now();
    while !stop.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn connection(
    socket: TcpStream,
    tls: Option<Arc<rustls::ServerConfig>>,
    behaviour: &Mutex<Behaviour>,
    seen: &Mutex<Vec<Request>>,
    stop: &AtomicBool,
) {
    if behaviour.lock().unwrap().silent {
        hold(stop);
        return;
    }
    let _ = socket.set_read_timeout(Some(Duration::from_secs(5)));
    match tls {
        Some(config) => {
            let Ok(server) = rustls::ServerConnection::new(config) else {
                return;
            };
            let mut stream = rustls::StreamOwned::new(server, socket);
            serve(&mut stream, behaviour, seen, stop);
            stream.conn.send_close_notify();
            let _ = stream.flush();
        }
        None => {
            let mut socket = socket;
            serve(&mut socket, behaviour, seen, stop);
        }
    }
}

/// Reads one request and answers it.
fn serve(
    stream: &mut impl ReadWrite,
    behaviour: &Mutex<Behaviour>,
    seen: &Mutex<Vec<Request>>,
    stop: &AtomicBool,
) {
    let Some(head) = read_head(stream) else {
        return;
    };
    if head.is_empty() {
        // Not HTTP (a TLS hello on a plaintext port): answered as web servers do.
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        return;
    }
    let target = head
        .lines()
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .unwrap_or("")
        .to_string();
    let authorization = head.lines().skip(1).find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("authorization")
            .then(|| value.trim().to_string())
    });
    seen.lock().unwrap().push(Request {
        target: target.clone(),
        authorization: authorization.clone(),
        head: head.clone(),
    });
    let answer = {
        let mut b = behaviour.lock().unwrap();
        if b.hang {
            None
        } else if b.not_http {
            let _ = stream.write_all(b"SSH-2.0-OpenSSH_9.6 not what you expected\r\n\r\n");
            return;
        } else if authorization.as_deref() != Some(&format!("Bearer {}", b.token)) {
            Some(json(401, r#"{"message": "Unauthenticated."}"#))
        } else if b.busy_once.remove(&target) {
            Some(json(429, r#"{"message": "Too Many Attempts."}"#))
        } else if let Some(status) = b.status.get(&target) {
            Some(json(*status, r#"{"message": "Server Error"}"#))
        } else {
            Some(
                b.answers
                    .get(&target)
                    .cloned()
                    .unwrap_or_else(|| json(404, r#"{"message": "Not Found"}"#)),
            )
        }
    };
    let Some(answer) = answer else {
        hold(stop);
        return;
    };
    let length = match &answer.body {
        Body::Bytes(b) => b.len(),
        Body::Repeat(_, n) => *n,
    };
    let head = format!(
        "HTTP/1.1 {} Stub\r\nContent-Type: application/octet-stream\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n",
        answer.status
    );
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    // A client that stops reading (a body over its limit) ends the write: that is fine.
    let _ = match &answer.body {
        Body::Bytes(b) => stream.write_all(b),
        Body::Repeat(byte, n) => {
            let chunk = vec![*byte; 64 * 1024];
            let mut left = *n;
            let mut result = Ok(());
            while left > 0 && result.is_ok() {
                let take = left.min(chunk.len());
                result = stream.write_all(&chunk[..take]);
                left -= take;
            }
            result
        }
    };
    let _ = stream.flush();
}

trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

/// The request head, up to the blank line (at most 64 KiB); empty when the first byte
/// cannot start a request line.
fn read_head(stream: &mut impl Read) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 64 * 1024 || stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        if head.is_empty() && !byte[0].is_ascii_uppercase() {
            return Some(String::new());
        }
        head.push(byte[0]);
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

fn json(status: u16, body: &str) -> Answer {
    Answer {
        status,
        body: Body::Bytes(body.as_bytes().to_vec()),
    }
}

/// The legacy API's answer to a list call (`whitelist` or `blacklist`), stat ok.
pub fn list_xml(list: &str, entries: &[String]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n  <stat>ok</stat>\n  <{list}>"
    );
    for entry in entries {
        let escaped = entry
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        xml.push_str(&format!(
            "\n    <entry>\n      <sender>{escaped}</sender>\n      <comment></comment>\n    </entry>"
        ));
    }
    xml.push_str(&format!("\n  </{list}>\n</response>\n"));
    xml
}

/// The entries of a list file of a sample (one a line, `#` remarks); none when it is absent.
fn sample_entries(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// An appliance holding what a sample capture folder shows: its version, each domain's REST
/// answers (`api/domains/*.json` and their `policy.json`), the domain list made of those
/// answers, and its domain and global lists as the legacy API answers them (a list the sample
/// lacks is answered empty, as an appliance would). Taking `token`.
pub fn sample(folder: &Path, token: &str) -> Behaviour {
    let mut answers = BTreeMap::new();
    let version = std::fs::read_to_string(folder.join("version.txt")).unwrap();
    answers.insert(
        "/restapi/system/version".to_string(),
        Answer::ok(serde_json::json!({ "version": version.trim() }).to_string()),
    );
    let mut domains = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder.join("api/domains"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        domains.push(serde_json::from_str::<serde_json::Value>(&text).unwrap());
        answers.insert(format!("/restapi/domains/{name}"), Answer::ok(text));
        let policy = folder.join(format!("api/domains/{name}/policy.json"));
        if let Ok(text) = std::fs::read_to_string(policy) {
            answers.insert(format!("/restapi/domains/{name}/policy"), Answer::ok(text));
        }
        let lists = folder.join(format!("lists/domain/{name}"));
        for list in ["whitelist", "blacklist"] {
            let entries = sample_entries(&lists.join(format!("{list}.txt")));
            answers.insert(
                format!("/{list}/list?user={name}"),
                Answer::ok(list_xml(list, &entries)),
            );
        }
    }
    answers.insert(
        "/restapi/domains".to_string(),
        Answer::ok(serde_json::json!({ "data": domains }).to_string()),
    );
    for list in ["whitelist", "blacklist"] {
        let entries = sample_entries(&folder.join(format!("lists/global/{list}.txt")));
        answers.insert(
            format!("/{list}/list"),
            Answer::ok(list_xml(list, &entries)),
        );
    }
    Behaviour {
        token: token.to_string(),
        answers,
        ..Behaviour::default()
    }
}

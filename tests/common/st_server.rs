//! A SpamTitan appliance that keeps state, over real HTTP on 127.0.0.1 (in the clear or TLS):
//! the answers and state changes of [`super::st_stub::answer`] (REST JSON, legacy XML with
//! `stat`; a recipient verification record sent without its server fields is refused), behind
//! the bearer token, plus `GET /restapi/system/version` [I]. It can be told to drop the
//! connection at its k-th write, before taking it (a dropped connection) or after (a lost
//! answer), and gives the domains CSV the UI's export would (no API call reads recipient
//! verification). One connection per request.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::st_stub::{answer, Appliance};

/// How the k-th write goes wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drop {
    /// The connection closes before the write is taken.
    Before,
    /// The write is taken, and the connection closes before the answer.
    After,
}

/// What the server holds and how it misbehaves.
#[derive(Debug, Default)]
pub struct State {
    /// The appliance.
    pub appliance: Appliance,
    /// The version it answers.
    pub version: String,
    /// The token it takes.
    pub token: String,
    /// Every request: `METHOD target`.
    pub calls: Vec<String>,
    /// Writes seen so far (any call but a read: a legacy edit or add, a PUT, a POST).
    pub writes: usize,
    /// The write (1-based) at which the connection drops, and how; once.
    pub drop_at: Option<(usize, Drop)>,
    /// A path every call to which is refused (legacy: stat fail; REST: HTTP 500).
    pub refuse: Option<String>,
}

/// A running server; it stops when dropped.
pub struct Server {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// Its certificate, PEM; empty in the clear.
    pub certificate_pem: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

/// Whether a call writes.
fn is_write(method: &str, path: &str) -> bool {
    method != "GET"
        || path.ends_with("/edit")
        || path.ends_with("/add")
        || path.ends_with("/delete")
}

impl Server {
    /// A server in the clear holding `appliance`.
    pub fn plain(appliance: Appliance, version: &str, token: &str) -> Server {
        Server::start(appliance, version, token, None, String::new())
    }

    /// A server speaking TLS with a certificate for 127.0.0.1 and `localhost`.
    pub fn tls(appliance: Appliance, version: &str, token: &str) -> Server {
        use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
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
        Server::start(
            appliance,
            version,
            token,
            Some(Arc::new(config)),
            certified.cert.pem(),
        )
    }

    fn start(
        appliance: Appliance,
        version: &str,
        token: &str,
        tls: Option<Arc<rustls::ServerConfig>>,
        certificate_pem: String,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State {
            appliance,
            version: version.to_string(),
            token: token.to_string(),
            ..State::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (state.clone(), stop.clone());
        std::thread::spawn(move || {
            for socket in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(socket) = socket else { continue };
                let (s, tls) = (s.clone(), tls.clone());
                std::thread::spawn(move || connection(socket, tls, &s));
            }
        });
        Server {
            port,
            certificate_pem,
            state,
            stop,
        }
    }

    /// Changes the state.
    pub fn set(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.state.lock().unwrap());
    }

    /// Looks at the state.
    pub fn with<T>(&self, look: impl FnOnce(&State) -> T) -> T {
        look(&self.state.lock().unwrap())
    }

    /// The domains CSV the UI would export: domain, destination, verification and its server.
    pub fn domains_csv(&self) -> String {
        self.with(|s| {
            let mut out = String::new();
            for (name, domain) in &s.appliance.domains {
                let rv = domain.edit.get("rv").map_or("none", String::as_str);
                out.push_str(&format!("{name},{},{rv}", domain.destination));
                if rv == "dynamic" {
                    let server = domain.edit.get("dyn_server").cloned().unwrap_or_default();
                    out.push_str(&format!(",{server}"));
                }
                out.push('\n');
            }
            out
        })
    }

    /// Writes the certificate to `dir/st.pem`, for `--ca`.
    pub fn write_certificate(&self, dir: &std::path::Path) -> std::path::PathBuf {
        let path = dir.join("st.pem");
        std::fs::write(&path, &self.certificate_pem).unwrap();
        path
    }
}

impl std::ops::Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn connection(socket: TcpStream, tls: Option<Arc<rustls::ServerConfig>>, state: &Mutex<State>) {
    let _ = socket.set_read_timeout(Some(Duration::from_secs(5)));
    match tls {
        Some(config) => {
            let Ok(server) = rustls::ServerConnection::new(config) else {
                return;
            };
            let mut stream = rustls::StreamOwned::new(server, socket);
            if serve(&mut stream, state) {
                stream.conn.send_close_notify();
                let _ = stream.flush();
            }
        }
        None => {
            let mut socket = socket;
            serve(&mut socket, state);
        }
    }
}

/// Reads one request and answers it; false when the connection was dropped on purpose.
fn serve(stream: &mut (impl Read + Write), state: &Mutex<State>) -> bool {
    let Some((head, body)) = read_request(stream) else {
        return true;
    };
    let mut first = head.lines().next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_string();
    let target = first.next().unwrap_or("").to_string();
    let authorization = head.lines().skip(1).find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("authorization")
            .then(|| value.trim().to_string())
    });
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.clone(), String::new()),
    };
    let (code, text) = {
        let mut s = state.lock().unwrap();
        s.calls.push(format!("{method} {target}"));
        if authorization.as_deref() != Some(&format!("Bearer {}", s.token)) {
            (401, r#"{"message": "Unauthenticated."}"#.to_string())
        } else if method == "GET" && path == "/restapi/system/version" {
            (200, serde_json::json!({ "version": s.version }).to_string())
        } else {
            let mut dropped = None;
            if is_write(&method, &path) {
                s.writes += 1;
                if let Some((k, how)) = s.drop_at {
                    if k == s.writes {
                        s.drop_at = None;
                        dropped = Some(how);
                    }
                }
            }
            if dropped == Some(Drop::Before) {
                return false;
            }
            if s.refuse.as_deref() == Some(path.as_str()) {
                let refused = if path.starts_with("/restapi/") {
                    (500, r#"{"message": "Server Error"}"#.to_string())
                } else {
                    (
                        200,
                        "<response><stat>fail</stat><error>refused by the test</error></response>"
                            .to_string(),
                    )
                };
                return respond(stream, refused);
            }
            let a = answer(&mut s.appliance, &method, &path, &query, &body);
            if dropped == Some(Drop::After) {
                return false;
            }
            (a.code, a.body)
        }
    };
    respond(stream, (code, text))
}

/// Writes one answer.
fn respond(stream: &mut impl Write, (code, text): (u16, String)) -> bool {
    let head = format!(
        "HTTP/1.1 {code} Stub\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        text.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(text.as_bytes());
    let _ = stream.flush();
    true
}

/// The request head and its body (by Content-Length).
fn read_request(stream: &mut impl Read) -> Option<(String, String)> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 64 * 1024 || stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).ok()?;
    Some((head, String::from_utf8_lossy(&body).into_owned()))
}

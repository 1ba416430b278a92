//! The admin-protocol simulator (`examples/admind-sim`), talked to by a tiny raw client: what
//! it answers, in the clear and over TLS, how each hostile behaviour shows, and that it replays
//! the sample transcript byte for byte.

use crate::sim;

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

use sim::{Behaviour, Options, Script};

const WAIT: Duration = Duration::from_secs(2);

trait Duplex: Read + Write + Send {}
impl<T: Read + Write + Send> Duplex for T {}

/// A raw client: lines and literal bodies as bytes.
struct Client {
    reader: BufReader<Box<dyn Duplex>>,
}

impl Client {
    fn plain(server: &sim::Server) -> Client {
        let socket = socket(server);
        Client {
            reader: BufReader::new(Box::new(socket)),
        }
    }

    fn tls(server: &sim::Server, name: &str, config: Arc<ClientConfig>) -> std::io::Result<Client> {
        let mut socket = socket(server);
        let name = ServerName::try_from(name.to_string()).unwrap();
        let mut connection = ClientConnection::new(config, name).unwrap();
        while connection.is_handshaking() {
            connection.complete_io(&mut socket)?;
        }
        Ok(Client {
            reader: BufReader::new(Box::new(StreamOwned::new(connection, socket))),
        })
    }

    fn send(&mut self, line: &str) {
        let stream = self.reader.get_mut();
        stream.write_all(line.as_bytes()).unwrap();
        stream.write_all(b"\r\n").unwrap();
        stream.flush().unwrap();
    }

    /// One line with its CRLF.
    fn line(&mut self) -> Vec<u8> {
        let mut line = Vec::new();
        self.reader.read_until(b'\n', &mut line).unwrap();
        line
    }

    /// Everything up to and including `tag`'s completion, literal bodies read by their count.
    fn answer(&mut self, tag: &str) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            let line = self.line();
            assert!(!line.is_empty(), "the connection ended: {}", text(&out));
            out.extend_from_slice(&line);
            if line.starts_with(format!("{tag} ").as_bytes()) {
                return out;
            }
            if let Some(n) = literal_count(&line) {
                let mut body = vec![0u8; n];
                self.reader.read_exact(&mut body).unwrap();
                out.extend_from_slice(&body);
            }
        }
    }

    fn ask(&mut self, tag: &str, command: &str) -> String {
        self.send(&format!("{tag} {command}"));
        text(&self.answer(tag))
    }

    fn login(&mut self, password: &str) {
        let answer = self.ask("l1", &format!("LOGIN administrator \"{password}\""));
        assert!(answer.ends_with("l1 OK\r\n"), "{answer}");
    }

    fn rest(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        self.reader.read_to_end(&mut out).unwrap();
        out
    }
}

fn socket(server: &sim::Server) -> TcpStream {
    let socket = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    socket.set_read_timeout(Some(WAIT)).unwrap();
    socket.set_write_timeout(Some(WAIT)).unwrap();
    socket
}

fn literal_count(line: &[u8]) -> Option<usize> {
    let line = std::str::from_utf8(line).ok()?.trim_end();
    let open = line.rfind('{')?;
    line.strip_suffix('}')?[open + 1..].parse().ok()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn sample_server(options: Options) -> sim::Server {
    sim::start(Script::sample(), options).unwrap()
}

fn with(behaviour: Behaviour) -> Options {
    Options {
        behaviour,
        ..Options::default()
    }
}

const GREETING: &[u8] = b"* OK rg03.example.net admind 4.1.9 ready\r\n";

#[test]
fn greets_logs_in_and_answers_a_literal_under_the_clients_tag() {
    let server = sample_server(Options::default());
    let mut client = Client::plain(&server);
    assert_eq!(client.line(), GREETING);
    assert_eq!(Script::sample().host(), "rg03.example.net");

    client.send("x1 LOGIN administrator demo");
    let id = text(&client.line());
    let hex = id
        .strip_prefix("* x1 \"")
        .and_then(|r| r.strip_suffix("\"\r\n"))
        .unwrap_or_else(|| panic!("{id}"));
    assert!(
        hex.len() == 14 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    assert_eq!(client.line(), b"x1 OK\r\n");

    // Command words are case-insensitive; the answer carries the client's tag.
    let quota = client.ask("q7", "BRANDING GET QuotaMsg");
    let body = "メールボックスの容量が上限を超えました。\r\n";
    assert!(
        quota.starts_with(&format!("* q7 {{246}}\r\n{body}")),
        "{quota}"
    );
    assert!(
        quota.ends_with("4410.\r\n\r\nq7 OK Completed\r\n"),
        "{quota}"
    );

    // A literal after fields, with no blank line after it, as recorded.
    let key = client.ask("k", "key getpublic MTA \"\"");
    assert!(
        key.starts_with(
            "* k MTA public \"rg03.example.net\" \"\" \"\" {488}\r\n#@Mirapoint-Key-1.0\r\n"
        ),
        "{key}"
    );
    assert!(
        key.ends_with("#@Mirapoint-Key-End\r\nk OK Completed\r\n"),
        "{key}"
    );

    // A refusal is replayed as recorded.
    assert_eq!(client.ask("f", "filter list"), "f NO Permission denied\r\n");
    assert_eq!(client.ask("z", "LOGOUT"), "* z BYE\r\nz OK\r\n");
    assert_eq!(client.rest(), b"");
}

#[test]
fn a_wrong_login_and_commands_before_login_are_refused() {
    let options = Options {
        password: "s3cret pass".into(),
        ..Options::default()
    };
    let server = sample_server(options);
    let mut client = Client::plain(&server);
    client.line();
    assert_eq!(client.ask("a", "version"), "a NO Not logged in\r\n");
    assert_eq!(
        client.ask("b", "LOGIN administrator \"s3cret\""),
        "b NO Login failed\r\n"
    );
    assert_eq!(
        client.ask("c", "LOGIN nobody \"s3cret pass\""),
        "c NO Login failed\r\n"
    );
    client.login("s3cret pass");
    assert_eq!(
        client.ask("d", "version"),
        "* d \"MOS4.1.9-GA\"\r\nd OK Completed\r\n"
    );
    // What the server saw, the password masked.
    let received = server.received();
    assert_eq!(received[0], "a version");
    assert_eq!(received[1], "b LOGIN administrator <secret>");
    assert!(
        received.iter().all(|l| !l.contains("s3cret")),
        "{received:?}"
    );
}

#[test]
fn domain_setcurrent_switches_the_scope_of_answers() {
    let server = sample_server(Options::default());
    let mut client = Client::plain(&server);
    client.line();
    client.login("demo");
    let system = client.ask("a", "branding get quotamsg");
    assert!(system.contains("4410"), "{system}");

    assert_eq!(
        client.ask("b", "domain setcurrent Sales.Example.NET"),
        "b OK Completed\r\n"
    );
    let sales = client.ask("c", "branding get quotamsg");
    assert_eq!(
        sales,
        "* c {67}\r\nSales mailbox full: please archive old deals to the shared drive.\r\n\r\nc OK Completed\r\n"
    );
    // A command the domain has no answer of is answered as the system answers it.
    assert_eq!(
        client.ask("d", "smtp get fastpath"),
        "* d \"off\"\r\nd OK Completed\r\n"
    );

    // An unknown domain is refused and the scope stays.
    assert_eq!(
        client.ask("e", "domain setcurrent nowhere.example"),
        "e NO No such domain\r\n"
    );
    assert!(client
        .ask("f", "branding get quotamsg")
        .contains("Sales mailbox"));

    assert_eq!(
        client.ask("g", "domain setcurrent support.example.net"),
        "g OK Completed\r\n"
    );
    assert!(client
        .ask("h", "branding get quotamsg")
        .contains("Support mailbox"));
    assert_eq!(
        client.ask("i", "domain setcurrent \"\""),
        "i OK Completed\r\n"
    );
    assert_eq!(
        client.ask("j", "branding get quotamsg"),
        system.replace("* a ", "* j ").replace("a OK", "j OK")
    );
}

#[test]
fn an_unknown_command_is_refused_and_the_session_goes_on() {
    let server = sample_server(Options::default());
    let mut client = Client::plain(&server);
    client.line();
    client.login("demo");
    assert_eq!(
        client.ask("u", "frobnicate all"),
        "u NO Unknown command\r\n"
    );
    assert_eq!(client.ask("v", "\"unterminated"), "v NO Syntax error\r\n");
    assert_eq!(
        client.ask("w", "smtp get ldaprouting"),
        "* w \"local\"\r\nw OK Completed\r\n"
    );
}

#[test]
fn answers_change_while_running_and_hosts_can_be_renamed() {
    let script = Script::sample().with_host("rg77.example.org");
    assert_eq!(script.host(), "rg77.example.org");
    let server = sim::start(script, Options::default()).unwrap();
    server.set_answer("system", "smtp get fastpath", vec![b"\"on\"".to_vec()]);
    server.set_answer(
        "sales.example.net",
        "branding get quotamsg",
        vec![b"Full.\r\n".to_vec()],
    );
    server.set_refusal("", "update list", "Permission denied");

    let mut client = Client::plain(&server);
    assert_eq!(
        client.line(),
        b"* OK rg77.example.org admind 4.1.9 ready\r\n"
    );
    client.login("demo");
    assert_eq!(
        client.ask("a", "smtp get fastpath"),
        "* a \"on\"\r\na OK Completed\r\n"
    );
    assert_eq!(client.ask("b", "update list"), "b NO Permission denied\r\n");
    assert!(client
        .ask("c", "key getpublic MTA \"\"")
        .starts_with("* c MTA public \"rg77.example.org\" \"\" \"\" {488}\r\n"));
    client.ask("d", "domain setcurrent sales.example.net");
    assert_eq!(
        client.ask("e", "branding get quotamsg"),
        "* e {7}\r\nFull.\r\n\r\ne OK Completed\r\n"
    );
}

fn trusting(pem: Option<&str>) -> Arc<ClientConfig> {
    let mut roots = RootCertStore::empty();
    match pem {
        Some(pem) => {
            for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
                roots.add(cert.unwrap()).unwrap();
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
    Arc::new(config)
}

#[test]
fn tls_verifies_against_the_certificate_it_hands_out() {
    let server = sample_server(Options {
        tls: true,
        ..Options::default()
    });
    let pem = server
        .ca_pem
        .clone()
        .expect("a TLS server has a certificate");
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    for name in ["localhost", "127.0.0.1"] {
        let mut client = Client::tls(&server, name, trusting(Some(&pem))).unwrap();
        assert_eq!(client.line(), GREETING, "{name}");
        client.login("demo");
        assert_eq!(client.ask("z", "logout"), "* z BYE\r\nz OK\r\n");
        assert_eq!(client.rest(), b"");
    }
    // Without the certificate the handshake fails, and on a name it was not made for too.
    assert!(Client::tls(&server, "localhost", trusting(None)).is_err());
    assert!(Client::tls(&server, "rg03.example.net", trusting(Some(&pem))).is_err());
    // A plaintext server has none.
    assert!(sample_server(Options::default()).ca_pem.is_none());
}

#[test]
fn a_silent_appliance_accepts_and_never_greets() {
    let server = sample_server(with(Behaviour::Silent));
    let mut socket = socket(&server);
    socket
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    socket.write_all(b"a1 version\r\n").unwrap();
    let mut buf = [0u8; 16];
    let err = socket.read(&mut buf).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
        "{err}"
    );
}

#[test]
fn a_garbage_appliance_sends_no_protocol_then_closes() {
    let server = sample_server(with(Behaviour::Garbage));
    let mut client = Client::plain(&server);
    let bytes = client.rest();
    assert_eq!(bytes.len(), 2048);
    assert!(!bytes.starts_with(b"* "));
}

#[test]
fn a_huge_line_never_ends() {
    let server = sample_server(with(Behaviour::HugeLine));
    let mut socket = socket(&server);
    let mut seen = vec![0u8; 1 << 20];
    socket.read_exact(&mut seen).unwrap();
    assert!(seen.starts_with(b"* OK "));
    assert!(!seen.contains(&b'\n'));
}

#[test]
fn an_endless_literal_is_announced_and_trickles() {
    let server = sample_server(with(Behaviour::EndlessLiteral));
    let mut client = Client::plain(&server);
    assert_eq!(client.line(), GREETING);
    client.login("demo");
    client.send("a2 version");
    assert_eq!(client.line(), b"* a2 {1073741824}\r\n");
    let started = Instant::now();
    let mut got = 0;
    let mut buf = [0u8; 4096];
    while started.elapsed() < Duration::from_millis(300) {
        got += client.reader.read(&mut buf).unwrap();
    }
    assert!(got > 0 && got < 4096, "{got} bytes in 300 ms");
}

#[test]
fn an_appliance_may_close_after_the_greeting() {
    let server = sample_server(with(Behaviour::CloseAfterGreeting));
    let mut client = Client::plain(&server);
    assert_eq!(client.line(), GREETING);
    assert_eq!(client.rest(), b"");
}

#[test]
fn a_hostile_greeting_names_any_host() {
    let server = sample_server(with(Behaviour::HostileGreeting("../../etc".into())));
    let mut client = Client::plain(&server);
    assert_eq!(client.line(), b"* OK ../../etc admind 4.1.9 ready\r\n");
    client.login("demo");
    assert!(client.ask("a", "version").contains("MOS4.1.9-GA"));
}

#[test]
fn the_simulator_hangs_up_on_an_endless_command_line() {
    let server = sample_server(Options::default());
    let mut socket = socket(&server);
    let mut greeting = [0u8; GREETING.len()];
    socket.read_exact(&mut greeting).unwrap();
    // More than it reads in one line, without a line break: it ends the connection rather
    // than keep reading.
    let _ = socket.write_all(&vec![b'x'; 80 * 1024]);
    let mut buf = [0u8; 64];
    match socket.read(&mut buf) {
        Ok(n) => assert_eq!(n, 0),
        Err(e) => assert_eq!(e.kind(), ErrorKind::ConnectionReset, "{e}"),
    }
}

#[test]
fn replaying_the_sample_gives_back_its_server_bytes() {
    let sample = sim::SAMPLE;
    let (mut client_bytes, mut server_bytes) = (Vec::new(), Vec::new());
    for line in sample.split_inclusive(|&b| b == b'\n') {
        if let Some(command) = line.strip_prefix(b"C: ") {
            let command = text(command).replace("<secret>", "demo");
            client_bytes.extend_from_slice(command.as_bytes());
        } else if let Some(answer) = line.strip_prefix(b"S: ") {
            server_bytes.extend_from_slice(answer);
        } else {
            server_bytes.extend_from_slice(line);
        }
    }
    assert!(client_bytes.ends_with(b"LOGOUT\r\n"));

    let script = Script::from_transcript(sample).unwrap();
    let server = sim::start(script, Options::default()).unwrap();
    let mut socket = socket(&server);
    // All commands at once: the simulator answers them in order, then closes after LOGOUT.
    socket.write_all(&client_bytes).unwrap();
    let mut got = Vec::new();
    socket.read_to_end(&mut got).unwrap();

    // The session id is the one line that differs; the sample masks it.
    let start = got
        .windows(7)
        .position(|w| w == b"* a001 ")
        .expect("a session id line");
    let end = start + got[start..].iter().position(|&b| b == b'\n').unwrap() + 1;
    assert_eq!(end - start, b"* a001 \"0123456789abcd\"\r\n".len());
    got.splice(start..end, b"* a001 \"<secret>\"\r\n".iter().copied());
    assert!(got == server_bytes, "replay differs:\n{}", text(&got));
}

#[test]
fn transcripts_that_do_not_add_up_are_errors() {
    let short = b"S: * OK h admind 1 ready\r\nC: a1 x\r\nS: * a1 {50}\r\nonly a few bytes\r\n";
    let err = Script::from_transcript(short).unwrap_err();
    assert!(err.contains("50"), "{err}");
    assert!(Script::from_transcript(b"C: a1 version\r\n").is_err());
    let other_tag = b"S: * OK h admind 1 ready\r\nC: a1 x\r\nS: * a2 \"y\"\r\n";
    assert!(Script::from_transcript(other_tag).is_err());

    // Another appliance's transcript (upper-case commands, a refusal, answers with no data).
    let rg02 = std::fs::read("samples/mos/rg02-admind-transcript.txt").unwrap();
    let script = Script::from_transcript(&rg02).unwrap();
    assert_eq!(script.host(), "rg02.example.net");
    let server = sim::start(script, Options::default()).unwrap();
    let mut client = Client::plain(&server);
    client.line();
    client.login("demo");
    assert_eq!(
        client.ask("b", "backup status"),
        "* b Backup-10000 Done\r\nb OK\r\n"
    );
    assert_eq!(client.ask("u", "update list"), "u OK\r\n");
    assert_eq!(
        client.ask("s", "smtp set fastpath maybe"),
        "s NO Invalid value for fastpath\r\n"
    );
}

#[test]
fn a_stopped_server_takes_no_more_connections() {
    let server = sample_server(Options::default());
    let port = server.port;
    drop(server);
    let deadline = Instant::now() + WAIT;
    while TcpStream::connect(("127.0.0.1", port)).is_ok() {
        assert!(Instant::now() < deadline, "still accepting");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_word_may_come_as_a_client_literal() {
    let server = sample_server(Options {
        password: "two\r\nlines".into(),
        ..Options::default()
    });
    let mut client = Client::plain(&server);
    client.line();
    // `{N+}` goes on at once; the command line continues after the N bytes.
    client.send("a LOGIN administrator {10+}\r\ntwo\r\nlines");
    assert_eq!(client.line().len(), b"* a \"0123456789abcd\"\r\n".len());
    assert_eq!(client.line(), b"a OK\r\n");
    // `{N}` waits for the server's go-ahead.
    client.send("b domain setcurrent {17}");
    assert!(client.line().starts_with(b"+ "));
    client.send("sales.example.net");
    assert_eq!(client.line(), b"b OK Completed\r\n");
    assert!(server.received().iter().all(|l| !l.contains("lines")));
}

#[test]
fn a_transcript_saved_with_lf_line_ends_sends_the_literals_the_appliance_counted() {
    let crlf = Script::from_transcript(sim::SAMPLE).unwrap();
    let lf: Vec<u8> = text(sim::SAMPLE).replace("\r\n", "\n").into_bytes();
    let lf = Script::from_transcript(&lf).unwrap();
    let (crlf, lf) = (
        sim::start(crlf, Options::default()).unwrap(),
        sim::start(lf, Options::default()).unwrap(),
    );
    let (mut crlf, mut lf) = (Client::plain(&crlf), Client::plain(&lf));
    assert_eq!(crlf.line(), lf.line());
    crlf.login("demo");
    lf.login("demo");
    // The branding quota message is a literal of several lines: its count must still fit.
    let asked = "branding get quotamsg";
    let answer = crlf.ask("q", asked);
    assert!(answer.contains('{'), "a literal: {answer}");
    assert_eq!(lf.ask("q", asked), answer);
}

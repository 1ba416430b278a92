//! Connections to appliances: TCP with a connect timeout and a read timeout, in the clear or
//! with TLS (rustls). TLS verifies the certificate against the built-in roots and the
//! certificates `--ca` names, unless `--insecure` says to accept any.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, StreamOwned};

use super::{FetchError, TlsOptions};
use crate::base::message::Message;
use crate::message;

/// One connection to an appliance, in the clear or over TLS.
pub struct Connection {
    stream: Stream,
    /// The socket under the stream, to change its read timeout.
    socket: TcpStream,
    /// When the read under way must be done: a TLS record trickled a byte at a time takes
    /// many socket reads, each within the timeout, but not longer than this in all.
    read_until: std::cell::Cell<Option<Instant>>,
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ClientConnection, TcpStream>>),
}

impl Connection {
    /// Sets how long one read may wait for the appliance.
    pub fn set_read_timeout(&self, timeout: Duration) -> std::io::Result<()> {
        let timeout = timeout.max(Duration::from_millis(1));
        self.read_until.set(Some(Instant::now() + timeout));
        self.socket.set_read_timeout(Some(timeout))
    }
}

impl Read for Connection {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match &mut self.stream {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => tls_read(s, buf, self.read_until.get()),
        }
    }
}

/// Reads plaintext from a TLS stream, each socket read within what is left until `until`.
fn tls_read(
    s: &mut StreamOwned<ClientConnection, TcpStream>,
    buf: &mut [u8],
    until: Option<Instant>,
) -> std::io::Result<usize> {
    use std::io::ErrorKind;
    loop {
        match s.conn.reader().read(buf) {
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            other => return other,
        }
        while s.conn.wants_write() {
            s.conn.write_tls(&mut s.sock)?;
        }
        if let Some(until) = until {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(std::io::Error::new(
                    ErrorKind::TimedOut,
                    "no whole TLS record in time",
                ));
            }
            s.sock.set_read_timeout(Some(left))?;
        }
        let read = s.conn.read_tls(&mut s.sock)?;
        s.conn
            .process_new_packets()
            .map_err(|e| std::io::Error::new(ErrorKind::InvalidData, e))?;
        if read == 0 {
            // The peer closed: what is left to read, else the end.
            return match s.conn.reader().read(buf) {
                Err(e) if e.kind() == ErrorKind::WouldBlock => Ok(0),
                other => other,
            };
        }
    }
}

impl Write for Connection {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.stream {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.stream {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// Connects to `host:port` within `timeout`, trying each address the name resolves to, and
/// completes the TLS handshake unless `tls.plaintext`. Reads and writes then wait at most
/// `timeout` each.
pub fn connect(
    host: &str,
    port: u16,
    tls: &TlsOptions,
    timeout: Duration,
) -> Result<Connection, FetchError> {
    let addresses = (host, port).to_socket_addrs().map_err(|e| {
        FetchError::Connection(message!(
            "fetch-cannot-resolve",
            host = host,
            reason = e.to_string()
        ))
    })?;
    let mut last = None;
    let mut socket = None;
    for address in addresses {
        match TcpStream::connect_timeout(&address, timeout) {
            Ok(s) => {
                socket = Some(s);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let socket = socket.ok_or_else(|| {
        FetchError::Connection(match last {
            Some(e) if is_timeout(&e) => {
                message!("fetch-connect-timeout", port = port, wait = secs(timeout))
            }
            Some(e) => message!("fetch-connect-failed", port = port, reason = e.to_string()),
            None => message!("fetch-no-address", host = host),
        })
    })?;
    let io = |e: std::io::Error| {
        FetchError::Connection(message!(
            "fetch-port-io",
            port = port,
            reason = e.to_string()
        ))
    };
    socket.set_read_timeout(Some(timeout)).map_err(io)?;
    socket.set_write_timeout(Some(timeout)).map_err(io)?;
    socket.set_nodelay(true).map_err(io)?;
    let control = socket.try_clone().map_err(io)?;
    let stream = if tls.plaintext {
        Stream::Plain(socket)
    } else {
        Stream::Tls(Box::new(handshake(host, port, socket, tls, timeout)?))
    };
    Ok(Connection {
        read_until: std::cell::Cell::new(None),
        stream,
        socket: control,
    })
}

fn handshake(
    host: &str,
    port: u16,
    mut socket: TcpStream,
    tls: &TlsOptions,
    timeout: Duration,
) -> Result<StreamOwned<ClientConnection, TcpStream>, FetchError> {
    let name = ServerName::try_from(host.to_string())
        .map_err(|_| FetchError::Failed(message!("fetch-tls-bad-name", host = host)))?;
    let mut connection = ClientConnection::new(client_config(tls)?, name)
        .map_err(|e| FetchError::Failed(message!("fetch-tls", reason = e.to_string())))?;
    // The whole handshake within the timeout, however the appliance trickles it.
    let until = Instant::now() + timeout;
    let step = |connection: &mut ClientConnection, socket: &mut TcpStream| {
        use std::io::ErrorKind;
        while connection.wants_write() {
            connection.write_tls(socket)?;
        }
        if !connection.is_handshaking() {
            return Ok(());
        }
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::Error::new(ErrorKind::TimedOut, "handshake"));
        }
        socket.set_read_timeout(Some(left))?;
        if connection.read_tls(socket)? == 0 {
            return Err(std::io::Error::new(
                ErrorKind::UnexpectedEof,
                "the appliance closed the connection during the TLS handshake",
            ));
        }
        connection
            .process_new_packets()
            .map(|_| ())
            .map_err(|e| std::io::Error::new(ErrorKind::InvalidData, e))
    };
    while connection.is_handshaking() {
        if let Err(e) = step(&mut connection, &mut socket) {
            // The alert that says why, if the socket still takes it.
            let _ = connection.write_tls(&mut socket);
            return Err(tls_error(e, port, tls, timeout));
        }
    }
    while connection.wants_write() {
        connection
            .write_tls(&mut socket)
            .map_err(|e| tls_error(e, port, tls, timeout))?;
    }
    socket.set_read_timeout(Some(timeout)).map_err(|e| {
        FetchError::Connection(message!(
            "fetch-port-io",
            port = port,
            reason = e.to_string()
        ))
    })?;
    Ok(StreamOwned::new(connection, socket))
}

/// A failed handshake, said so that the user knows what to do.
fn tls_error(e: std::io::Error, port: u16, tls: &TlsOptions, timeout: Duration) -> FetchError {
    if is_timeout(&e) {
        return FetchError::Failed(message!(
            "fetch-tls-timeout",
            port = port,
            wait = secs(timeout)
        ));
    }
    let certificate = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        .is_some_and(|r| matches!(r, rustls::Error::InvalidCertificate(_)));
    if certificate {
        return FetchError::Failed(untrusted(port, &e.to_string(), tls.ca.is_some()));
    }
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        return FetchError::Connection(message!("fetch-tls-closed", port = port));
    }
    if matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted
    ) {
        return FetchError::Connection(message!(
            "fetch-tls-failed",
            port = port,
            reason = e.to_string()
        ));
    }
    let plaintext_port = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        .is_some_and(|r| matches!(r, rustls::Error::InvalidMessage(_)));
    if plaintext_port {
        return FetchError::Failed(message!(
            "fetch-tls-not-tls",
            port = port,
            reason = e.to_string()
        ));
    }
    FetchError::Failed(message!(
        "fetch-tls-failed",
        port = port,
        reason = e.to_string()
    ))
}

/// The appliance's certificate is not trusted: what to do, whether `--ca` was given or not.
pub(crate) fn untrusted(port: u16, reason: &str, ca_given: bool) -> Message {
    let ca = if ca_given { "given" } else { "none" };
    message!("fetch-tls-untrusted", port = port, reason = reason, ca = ca)
}

/// Whether an I/O error is a read or connect timeout.
pub fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// A duration as people say it: `30 s`, `1.5 s`.
pub(crate) fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}

/// The TLS client configuration `tls` asks for.
pub(crate) fn client_config(tls: &TlsOptions) -> Result<Arc<ClientConfig>, FetchError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| FetchError::Failed(message!("fetch-tls", reason = e.to_string())))?;
    let config = if tls.insecure {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
            .with_no_client_auth()
    } else {
        let mut roots = RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        if let Some(ca) = &tls.ca {
            for certificate in ca_certificates(ca)? {
                roots.add(certificate).map_err(|e| {
                    FetchError::Failed(message!(
                        "fetch-ca-unusable",
                        path = ca.display().to_string(),
                        reason = e.to_string()
                    ))
                })?;
            }
        }
        builder.with_root_certificates(roots).with_no_client_auth()
    };
    Ok(Arc::new(config))
}

/// The certificates of a PEM file (`--ca`); a file with none is an error.
pub(crate) fn ca_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, FetchError> {
    let shown = path.display().to_string();
    let certificates = CertificateDer::pem_file_iter(path)
        .and_then(|all| all.collect::<Result<Vec<_>, _>>())
        .map_err(|e| {
            FetchError::Failed(message!(
                "fetch-ca-unreadable",
                path = &shown,
                reason = e.to_string()
            ))
        })?;
    if certificates.is_empty() {
        return Err(FetchError::Failed(message!(
            "fetch-ca-empty",
            path = &shown
        )));
    }
    Ok(certificates)
}

/// `--insecure`: any certificate is accepted, but the handshake's signatures are still
/// checked, so the session is encrypted to whoever answered.
#[derive(Debug)]
struct AnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

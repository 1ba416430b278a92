//! HTTP calls to one appliance: the token in its header, answers bounded, busy answers and
//! broken connections tried again, every failure said without the token.
use std::time::Duration;

use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::{Connector, TcpConnector};
use ureq::{Agent, Timeout};

use super::{authority, tls, Policy};
use crate::base::message::Message;
use crate::fetch::net::{client_config, secs, untrusted};
use crate::fetch::scrub::Scrubber;
use crate::fetch::{FetchError, Target};
use crate::message;

/// One appliance's APIs.
pub(in crate::vendors::spamtitan) struct Client {
    /// The token in every form an answer may echo it in, to overwrite.
    token: Scrubber,
    agent: Agent,
    base: String,
    /// `Bearer <token>`: sent in the header, never shown.
    bearer: String,
    policy: Policy,
    timeout: Duration,
    port: u16,
    ca_given: bool,
}

/// Why a call gave no answer to save.
pub(in crate::vendors::spamtitan) enum Failure {
    /// The appliance answered this status (after `tries` tries).
    Status(u16, u32),
    /// The answer was larger than the limit.
    TooLarge(u64),
    /// Nothing more can be fetched: the token was refused, the connection failed, time
    /// ran out.
    Fatal(FetchError),
}

impl Failure {
    /// Why the call's file is missing, in a few words.
    pub(in crate::vendors::spamtitan) fn reason(&self) -> Message {
        match self {
            Failure::Status(code @ 300..=399, _) => message!("fetch-st-redirect", code = *code),
            Failure::Status(403, _) => message!("fetch-st-forbidden"),
            Failure::Status(code, tries) if busy(*code) => {
                message!("fetch-st-busy", code = *code, tries = *tries)
            }
            Failure::Status(code, _) => message!("fetch-st-status", code = *code),
            Failure::TooLarge(limit) => message!("fetch-st-too-large", limit = *limit),
            Failure::Fatal(e) => e.message().clone(),
        }
    }
}

/// A try that gave no answer to save.
struct Missed {
    failure: Failure,
    /// Whether another try may do.
    again: bool,
    /// The wait the appliance asked for (`Retry-After`).
    asked_wait: Option<Duration>,
}

impl Missed {
    fn fatal(error: FetchError) -> Missed {
        Missed {
            failure: Failure::Fatal(error),
            again: false,
            asked_wait: None,
        }
    }
}

/// Statuses that say "not now": worth another try after a wait.
fn busy(code: u16) -> bool {
    matches!(code, 429 | 502 | 503 | 504)
}

/// Per call, the budget for the answer's body and for everything, in timeouts: a hostile
/// appliance holds one call no longer than this many times `--timeout`.
const BODY_TIMEOUTS: u32 = 4;
const CALL_TIMEOUTS: u32 = 8;

impl Client {
    /// `bytes` with every echo of the token, in any form, overwritten by `*`s of its length.
    pub(in crate::vendors::spamtitan) fn without_token(&self, bytes: &[u8]) -> Vec<u8> {
        self.token.scrubbed(bytes)
    }

    pub(in crate::vendors::spamtitan) fn new(
        target: &Target,
        port: u16,
        policy: &Policy,
    ) -> Result<Client, FetchError> {
        let token = target.secret.as_ref().map(|s| s.expose()).unwrap_or("");
        if token.is_empty() {
            return Err(FetchError::Failed(message!("fetch-st-no-token")));
        }
        if !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(FetchError::Failed(message!("fetch-st-token-not-header")));
        }
        let timeout = target.timeout.max(Duration::from_millis(1));
        let config = Agent::config_builder()
            .http_status_as_error(false)
            // A redirect is an answer: the token never follows one, to any host.
            .max_redirects(0)
            // Appliances are reached directly, as the MOS admin protocol is.
            .proxy(None)
            .user_agent(concat!("carryover/", env!("CARGO_PKG_VERSION")))
            .timeout_resolve(Some(timeout))
            .timeout_connect(Some(timeout))
            .timeout_send_request(Some(timeout))
            .timeout_recv_response(Some(timeout))
            .timeout_per_read(Some(timeout))
            .timeout_recv_body(Some(timeout * BODY_TIMEOUTS))
            .timeout_global(Some(timeout * CALL_TIMEOUTS))
            .build();
        let resolver = DefaultResolver::default();
        let (agent, scheme) = if target.tls.plaintext {
            let tcp = ().chain(TcpConnector::default());
            (Agent::with_parts(config, tcp, resolver), "http")
        } else {
            let tls = tls::ApplianceTls::new(client_config(&target.tls)?);
            let chain = ().chain(TcpConnector::default()).chain(tls);
            (Agent::with_parts(config, chain, resolver), "https")
        };
        Ok(Client {
            token: Scrubber::new(&[token]),
            agent,
            base: format!("{scheme}://{}", authority(&target.host, port)),
            bearer: format!("Bearer {token}"),
            policy: policy.clone(),
            timeout,
            port,
            ca_given: target.tls.ca.is_some(),
        })
    }

    /// The body of a 2xx answer to `GET path` (path and query, percent-encoded).
    pub(in crate::vendors::spamtitan) fn get(&self, path: &str) -> Result<Vec<u8>, Failure> {
        let what = format!("GET {path}");
        let url = format!("{}{path}", self.base);
        let tries = self.policy.tries.max(1);
        let mut attempt = 1;
        loop {
            let missed = match self.once(&url, &what) {
                Ok(body) => return Ok(body),
                Err(missed) => missed,
            };
            if !missed.again || attempt >= tries {
                return Err(match missed.failure {
                    Failure::Status(code, _) => Failure::Status(code, attempt),
                    other => other,
                });
            }
            let backoff = self.policy.first_wait * 2u32.saturating_pow(attempt - 1);
            let wait = missed.asked_wait.unwrap_or(backoff);
            std::thread::sleep(wait.min(self.policy.longest_wait));
            attempt += 1;
        }
    }

    /// The status `GET path` answers, its body left unread (a lookup). Busy answers are tried
    /// again as [`Client::get`] tries them.
    pub(in crate::vendors::spamtitan) fn status(&self, path: &str) -> Result<u16, FetchError> {
        match self.get(path) {
            Ok(_) => Ok(200),
            Err(Failure::Status(code, _)) => Ok(code),
            Err(Failure::TooLarge(_)) => Ok(200),
            Err(Failure::Fatal(e)) => Err(e),
        }
    }

    /// A write: `method path` with `body` (content type and bytes), its status and answer
    /// (bounded). Only a busy answer (429, 503), which the appliance did not take, is tried
    /// again; a broken connection is not, since the write may have arrived: the caller says so.
    pub(in crate::vendors::spamtitan) fn write(
        &self,
        method: &str,
        path: &str,
        body: Option<(&str, &[u8])>,
    ) -> Result<(u16, Vec<u8>), FetchError> {
        let what = format!("{method} {path}");
        let url = format!("{}{path}", self.base);
        let tries = self.policy.tries.max(1);
        let mut attempt = 1;
        loop {
            let sent = match body {
                Some((kind, bytes)) => ureq::http::Request::builder()
                    .method(method)
                    .uri(&url)
                    .header("Authorization", self.bearer.as_str())
                    .header("Content-Type", kind)
                    .body(bytes.to_vec())
                    .map(|r| self.agent.run(r)),
                None => Ok(self
                    .agent
                    .get(&url)
                    .header("Authorization", self.bearer.as_str())
                    .call()),
            };
            let mut response = match sent {
                Ok(Ok(r)) => r,
                Ok(Err(e)) => return Err(self.classify(e, &what).0),
                Err(e) => {
                    return Err(FetchError::Failed(message!(
                        "fetch-st-call",
                        call = &what,
                        reason = e.to_string()
                    )))
                }
            };
            let status = response.status().as_u16();
            if status == 401 {
                return Err(FetchError::Failed(message!(
                    "fetch-st-token-refused",
                    call = &what
                )));
            }
            if matches!(status, 429 | 503) && attempt < tries {
                let backoff = self.policy.first_wait * 2u32.saturating_pow(attempt - 1);
                std::thread::sleep(backoff.min(self.policy.longest_wait));
                attempt += 1;
                continue;
            }
            let answer = response
                .body_mut()
                .with_config()
                .limit(64 * 1024)
                .read_to_vec()
                .unwrap_or_default();
            return Ok((status, answer));
        }
    }

    /// One try.
    fn once(&self, url: &str, what: &str) -> Result<Vec<u8>, Missed> {
        let response = self
            .agent
            .get(url)
            .header("Authorization", self.bearer.as_str())
            .call();
        let mut response = match response {
            Ok(r) => r,
            Err(e) => return Err(self.failed(e, what)),
        };
        let status = response.status().as_u16();
        if status == 401 {
            return Err(Missed::fatal(FetchError::Failed(message!(
                "fetch-st-token-refused",
                call = what
            ))));
        }
        if !(200..300).contains(&status) {
            let asked_wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            return Err(Missed {
                failure: Failure::Status(status, 1),
                again: busy(status),
                asked_wait,
            });
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(self.policy.body_limit)
            .read_to_vec();
        body.map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => Missed {
                failure: Failure::TooLarge(self.policy.body_limit),
                again: false,
                asked_wait: None,
            },
            other => self.failed(other, what),
        })
    }

    /// An error of ureq as a fetch error naming no secret (ureq's own messages carry no
    /// header; its URLs hold no token).
    fn failed(&self, e: ureq::Error, what: &str) -> Missed {
        let (error, again) = self.classify(e, what);
        Missed {
            failure: Failure::Fatal(error),
            again,
            asked_wait: None,
        }
    }

    /// A fetch error for an error of ureq, and whether it is worth another quick try here
    /// (a refused or broken connection; not a timeout, which took its time already).
    fn classify(&self, e: ureq::Error, what: &str) -> (FetchError, bool) {
        let port = self.port;
        let late = |reason: Timeout| {
            let budget = match reason {
                Timeout::Global => self.timeout * CALL_TIMEOUTS,
                Timeout::RecvBody => self.timeout * BODY_TIMEOUTS,
                _ => self.timeout,
            };
            message!("fetch-st-no-answer", call = what, wait = secs(budget))
        };
        match e {
            ureq::Error::Timeout(reason @ (Timeout::Connect | Timeout::Resolve)) => (
                FetchError::Connection(message!(
                    "fetch-st-connect-timeout",
                    port = port,
                    wait = secs(self.timeout),
                    reason = reason.to_string()
                )),
                false,
            ),
            ureq::Error::Timeout(reason) => (FetchError::Failed(late(reason)), false),
            ureq::Error::Io(io) => self.io_failed(&io, what),
            ureq::Error::Rustls(tls) => (self.tls_failed(&tls), false),
            ureq::Error::Tls(why) => (
                FetchError::Failed(message!("fetch-tls-failed", port = port, reason = why)),
                false,
            ),
            ureq::Error::HostNotFound => (
                FetchError::Connection(message!("fetch-st-cannot-resolve")),
                false,
            ),
            ureq::Error::ConnectionFailed => (
                FetchError::Connection(message!("fetch-st-connect-failed", port = port)),
                true,
            ),
            ureq::Error::Protocol(p) => (
                FetchError::Failed(message!(
                    "fetch-st-not-http",
                    call = what,
                    reason = p.to_string()
                )),
                false,
            ),
            other => (
                FetchError::Failed(message!(
                    "fetch-st-call",
                    call = what,
                    reason = other.to_string()
                )),
                false,
            ),
        }
    }

    fn io_failed(&self, io: &std::io::Error, what: &str) -> (FetchError, bool) {
        use std::io::ErrorKind as K;
        if let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
            return (self.tls_failed(tls), false);
        }
        let said = io.to_string();
        match io.kind() {
            K::ConnectionRefused
            | K::ConnectionReset
            | K::ConnectionAborted
            | K::UnexpectedEof
            | K::BrokenPipe
            | K::NotConnected
            | K::HostUnreachable
            | K::NetworkUnreachable
            | K::NetworkDown
            | K::AddrNotAvailable => (
                FetchError::Connection(message!(
                    "fetch-st-call-broke",
                    call = what,
                    port = self.port,
                    reason = said
                )),
                true,
            ),
            K::TimedOut | K::WouldBlock => (
                FetchError::Failed(message!(
                    "fetch-st-no-answer",
                    call = what,
                    wait = secs(self.timeout)
                )),
                false,
            ),
            _ => (
                FetchError::Failed(message!("fetch-st-call", call = what, reason = said)),
                false,
            ),
        }
    }

    /// A failed TLS handshake, said so that the user knows what to do.
    fn tls_failed(&self, e: &rustls::Error) -> FetchError {
        let port = self.port;
        if let rustls::Error::InvalidCertificate(_) = e {
            return FetchError::Failed(untrusted(port, &e.to_string(), self.ca_given));
        }
        FetchError::Failed(message!(
            "fetch-st-tls-failed",
            port = port,
            reason = e.to_string()
        ))
    }
}

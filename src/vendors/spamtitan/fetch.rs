//! `carryover fetch` for SpamTitan: the capture folder the capture script (`capture.sh`) fills,
//! collected over the REST and legacy APIs with the same calls, into the same files, by the same
//! rules: a failed call leaves no file and is named in [`Fetched::not_captured`]; a domain name
//! that is not a plain domain name is used in no path and no URL; `by-hand.txt` is the script's
//! template ([`super::by_hand::template`]) unless the user's own is kept.
//!
//! Every answer is untrusted: its size is bounded, and it is saved only once it reads as the
//! capture reader will read it (a REST answer as JSON configuration, a legacy answer as its XML
//! list). The API token travels in the `Authorization` header alone. TLS is the one policy of
//! [`crate::fetch::net::client_config`]: the built-in roots and `--ca`, or `--insecure`. The
//! folder is written beside the previous capture and replaces it only once complete.

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

use serde_json::Value as Json;

use crate::emit::{percent_encode, sanitize};
use crate::error::Error;
use crate::fetch::{FetchError, Fetched, Target};
use crate::model::SourceKind;
use crate::source::Source;
use crate::vendors::Fetch;

use super::folder::FileRead;
use super::SpamTitan;

use client::{Client, Failure};

impl Fetch for SpamTitan {
    fn default_port(&self, plaintext: bool) -> u16 {
        if plaintext {
            80
        } else {
            443
        }
    }

    fn needs_user(&self) -> bool {
        false
    }

    fn secret_name(&self) -> &'static str {
        "API token"
    }

    /// The capture script's calls are the plan: `plan` names commands, which a REST API has
    /// none of.
    fn fetch(
        &self,
        target: &Target,
        into: &Path,
        _plan: &dyn Fn(&crate::model::Config) -> Vec<String>,
    ) -> Result<Fetched, FetchError> {
        fetch_with(target, into, &Policy::default())
    }
}

/// How hard a fetch tries, and how much it takes in.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Tries per call while the appliance is busy (429, 502, 503, 504) or the connection is
    /// refused or breaks. Timeouts are not tried again here: the caller's one more try is enough.
    pub tries: u32,
    /// The wait before the second try; each later wait doubles it.
    pub first_wait: Duration,
    /// The longest wait, also for an appliance's `Retry-After`.
    pub longest_wait: Duration,
    /// The largest answer taken, in bytes.
    pub body_limit: u64,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            tries: 4,
            first_wait: Duration::from_millis(500),
            longest_wait: Duration::from_secs(10),
            body_limit: 64 * 1024 * 1024,
        }
    }
}

/// [`Fetch::fetch`] with a policy of its own (tests keep their waits short).
pub fn fetch_with(target: &Target, into: &Path, policy: &Policy) -> Result<Fetched, FetchError> {
    let stem = folder_name(&target.host)?;
    let port = target
        .port
        .unwrap_or_else(|| SpamTitan.default_port(target.tls.plaintext));
    let client = Client::new(target, port, policy)?;
    let staged = staging::begin(into, &stem)?;
    let mut collect = Collector {
        client: &client,
        dir: staged.path(),
        not_captured: Vec::new(),
    };
    collect.all()?;
    let not_captured = collect.not_captured;
    staged.keep_users_files()?;
    let path = staged.commit()?;
    Ok(Fetched {
        appliance: stem,
        path,
        not_captured,
    })
}

/// The folder an appliance's capture is written to, named as `track` names its file: a host
/// name's first label ([`crate::track::file_stem`]); an IP address whole, its dots or colons
/// as dashes (`127-0-0-1`, `fd00-0-0-0-0-0-0-1`), since its first part names nothing. Anything
/// that is neither a host name nor an address is refused: it would reach a URL.
pub fn folder_name(host: &str) -> Result<String, FetchError> {
    let stem = match address(host) {
        Some(IpAddr::V4(v4)) => v4.to_string().replace('.', "-"),
        Some(IpAddr::V6(v6)) => {
            let groups: Vec<String> = v6.segments().iter().map(|g| format!("{g:x}")).collect();
            groups.join("-")
        }
        None if is_host_name(host) => host.to_string(),
        None => {
            return Err(FetchError::Failed(format!(
                "`{}` is neither a host name nor an IP address",
                sanitize(host)
            )))
        }
    };
    crate::track::file_stem(&stem).map_err(FetchError::Failed)
}

/// The address a host is, if it is one (an IPv6 address may come in brackets).
fn address(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    bare.parse().ok()
}

/// Letters, digits, `-` and `_` in dot-separated labels: nothing that could change a URL.
fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.trim_end_matches('.').split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        })
}

/// The host as it goes into a URL, with its port.
fn authority(host: &str, port: u16) -> String {
    match address(host) {
        Some(IpAddr::V6(v6)) => format!("[{v6}]:{port}"),
        _ => format!("{host}:{port}"),
    }
}

/// Whether a domain name from the appliance may be used in a path and a URL: the capture
/// script's filter (letters, digits, dots and dashes, not starting with a dot, so never `..`),
/// and at most 253 bytes.
pub fn is_plain_domain(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
}

/// The calls of the capture script, one by one, into one folder.
struct Collector<'a> {
    client: &'a Client,
    dir: &'a Path,
    not_captured: Vec<String>,
}

/// How an answer is checked before it is saved.
#[derive(Clone, Copy)]
enum Answer {
    /// A REST answer: JSON the capture reader takes for configuration.
    Json,
    /// A legacy list answer: XML whose `stat` is ok.
    Xml,
}

impl Collector<'_> {
    /// Every call, in the script's order.
    fn all(&mut self) -> Result<(), FetchError> {
        self.version()?;
        let domains = self.domains()?;
        for domain in &domains {
            let segment = percent_encode(domain);
            self.save(
                &format!("/restapi/domains/{segment}"),
                &format!("api/domains/{domain}.json"),
                Answer::Json,
                false,
            )?;
            self.save(
                &format!("/restapi/domains/{segment}/policy"),
                &format!("api/domains/{domain}/policy.json"),
                Answer::Json,
                true,
            )?;
            self.save(
                &format!("/whitelist/list?user={segment}"),
                &format!("lists/domain/{domain}/allow.xml"),
                Answer::Xml,
                false,
            )?;
            self.save(
                &format!("/blacklist/list?user={segment}"),
                &format!("lists/domain/{domain}/block.xml"),
                Answer::Xml,
                true,
            )?;
        }
        self.save(
            "/whitelist/list",
            "lists/global/allow.xml",
            Answer::Xml,
            false,
        )?;
        self.save(
            "/blacklist/list",
            "lists/global/block.xml",
            Answer::Xml,
            true,
        )
    }

    /// `version.txt` from `GET /restapi/system/version` [I]: its `version`, else `revision`.
    fn version(&mut self) -> Result<(), FetchError> {
        const PATH: &str = "/restapi/system/version";
        let text = match self.client.get(PATH) {
            Ok(body) => version_of(&body),
            Err(Failure::Fatal(e)) => return Err(e),
            Err(failure) => Err(failure.reason()),
        };
        match text {
            Ok(version) => self.write("version.txt", format!("{version}\n").as_bytes()),
            Err(why) => {
                self.missed(
                    PATH,
                    &format!("{why}; write the version to version.txt by hand"),
                    true,
                );
                Ok(())
            }
        }
    }

    /// The plain domain names of `GET /restapi/domains`, once each; the others are named in
    /// `not_captured` and used nowhere. The list itself is needed: without it, an error.
    fn domains(&mut self) -> Result<Vec<String>, FetchError> {
        const PATH: &str = "/restapi/domains";
        let body = match self.client.get(PATH) {
            Ok(body) => body,
            Err(Failure::Fatal(e)) => return Err(e),
            Err(Failure::Status(403, _)) => {
                return Err(FetchError::Failed(format!(
                    "the API token was refused (403) on GET {PATH}: it may not read the domains"
                )))
            }
            Err(failure) => {
                return Err(FetchError::Failed(format!(
                    "GET {PATH}: {}: the domain list is needed for every other call",
                    failure.reason()
                )))
            }
        };
        let (names, paged) =
            domain_names(&body).map_err(|why| FetchError::Failed(format!("GET {PATH}: {why}")))?;
        if let Some(paged) = paged {
            self.not_captured.push(format!("GET {PATH}: {paged}"));
        }
        let mut seen = BTreeSet::new();
        let mut plain = Vec::new();
        for name in names {
            if !is_plain_domain(&name) {
                self.not_captured.push(format!(
                    "GET {PATH}: the domain name \"{}\" is not a plain domain name (letters, \
                     digits, dots and dashes): used in no call",
                    shorten(&name)
                ));
            } else if seen.insert(name.to_ascii_lowercase()) {
                plain.push(name);
            }
        }
        Ok(plain)
    }

    /// One call saved to `relative` once its answer checks out; else named in `not_captured`.
    fn save(
        &mut self,
        path: &str,
        relative: &str,
        answer: Answer,
        inferred: bool,
    ) -> Result<(), FetchError> {
        let checked = match self.client.get(path) {
            Ok(body) => check(relative, body, answer),
            Err(Failure::Fatal(e)) => return Err(e),
            Err(failure) => Err(failure.reason()),
        };
        match checked {
            Ok(body) => self.write(relative, &body),
            Err(why) => {
                self.missed(path, &why, inferred);
                Ok(())
            }
        }
    }

    fn missed(&mut self, path: &str, why: &str, inferred: bool) {
        let mark = if inferred { " (inferred call)" } else { "" };
        self.not_captured
            .push(format!("GET {}: {why}{mark}", sanitize(path)));
    }

    fn write(&self, relative: &str, body: &[u8]) -> Result<(), FetchError> {
        let path = self.dir.join(relative);
        let failed = |e: std::io::Error| {
            FetchError::Failed(format!("{}: {e}", sanitize(&path.display().to_string())))
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(failed)?;
        }
        std::fs::write(&path, body).map_err(failed)
    }
}

/// An answer as it will be saved, if the capture reader reads it as what its file is.
fn check(relative: &str, body: Vec<u8>, answer: Answer) -> Result<Vec<u8>, String> {
    if let Answer::Json = answer {
        serde_json::from_slice::<Json>(&body)
            .map_err(|e| format!("the answer is not JSON ({e})"))?;
    }
    let source = Source::from_bytes(relative, body.clone(), None).map_err(|e| reason(&e))?;
    match answer {
        Answer::Json => {
            super::folder::read_lone(&source, 0).map_err(|e| reason(&e))?;
        }
        Answer::Xml => {
            if !super::legacy_xml::looks_like_xml(&source.text) {
                return Err("the answer is not the legacy API's XML".into());
            }
            let mut read = FileRead::new(&source, SourceKind::Export);
            let list = super::legacy_xml::list(&mut read).map_err(|e| reason(&e))?;
            if list.is_none() {
                let said = read.notes.last().map_or("", |n| n.text.as_str());
                return Err(shorten(
                    said.split(": the call failed").next().unwrap_or(said),
                ));
            }
        }
    }
    Ok(body)
}

/// What an error of the capture reader says, in one short line.
fn reason(e: &Error) -> String {
    let text = match e {
        Error::Input(input) => input.message.clone(),
        Error::File { message, .. } | Error::NotACapture { message, .. } => message.clone(),
        other => other.to_string(),
    };
    shorten(&text)
}

/// Text from the appliance, for one line of a message: escaped, and cut at 160 characters.
fn shorten(text: &str) -> String {
    let cut: String = text.chars().take(160).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("{}{more}", sanitize(&cut))
}

/// The version in `GET /restapi/system/version`'s answer (`.version // .revision`, as the
/// script's jq): a string, or a number as JSON writes it.
fn version_of(body: &[u8]) -> Result<String, String> {
    let json: Json =
        serde_json::from_slice(body).map_err(|e| format!("the answer is not JSON ({e})"))?;
    let value = ["version", "revision"].iter().find_map(|key| {
        json.get(key)
            .filter(|v| !v.is_null() && **v != Json::Bool(false))
    });
    let text = match value {
        Some(Json::String(s)) => s.trim().to_string(),
        Some(Json::Number(n)) => n.to_string(),
        _ => return Err("the answer holds no `version` or `revision`".into()),
    };
    if text.is_empty() || text.len() > 64 || text.chars().any(char::is_control) {
        return Err(format!(
            "the version \"{}\" is not one short line",
            shorten(&text)
        ));
    }
    Ok(text)
}

/// What `GET /restapi/domains` answers, as far as anyone knows [I]: the shape the script's jq
/// reads.
const DOMAIN_LIST_SHAPE: &str = "an array of domains, or an object whose `data` is one; each \
                                 domain an object naming it in `domain` or `name`";

/// The domain names of the domain list's answer, as they came, and what says the answer is one
/// page of several. Any other shape is an error naming the one expected: never an empty list.
fn domain_names(body: &[u8]) -> Result<(Vec<String>, Option<String>), String> {
    let json: Json = serde_json::from_slice(body)
        .map_err(|e| format!("the answer is not JSON ({e}); expected {DOMAIN_LIST_SHAPE}"))?;
    let items = match &json {
        Json::Array(items) => items,
        Json::Object(map) => match map.get("data") {
            Some(Json::Array(items)) => items,
            _ => {
                return Err(format!(
                    "expected {DOMAIN_LIST_SHAPE}; got {}",
                    shape(&json)
                ))
            }
        },
        other => {
            return Err(format!(
                "expected {DOMAIN_LIST_SHAPE}; got {}",
                shape(other)
            ))
        }
    };
    let mut names = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // jq's `.domain // .name`: the first that is there and neither null nor false.
        let named = ["domain", "name"].iter().find_map(|key| {
            item.get(key)
                .filter(|v| !v.is_null() && **v != Json::Bool(false))
        });
        match named {
            Some(Json::String(name)) => names.push(name.clone()),
            _ => {
                return Err(format!(
                    "entry {} is {}; expected {DOMAIN_LIST_SHAPE}",
                    i + 1,
                    shape(item)
                ))
            }
        }
    }
    let paged = paging(&json, names.len());
    Ok((names, paged))
}

/// A remark when the answer says more domains are on other pages, which nobody knows how to
/// ask for [I].
fn paging(json: &Json, given: usize) -> Option<String> {
    let number = |v: Option<&Json>| v.and_then(Json::as_u64);
    let meta = json.get("meta");
    let total = number(json.get("total")).or_else(|| number(meta.and_then(|m| m.get("total"))));
    let next = [
        json.get("next_page_url"),
        json.get("links").and_then(|l| l.get("next")),
    ]
    .into_iter()
    .flatten()
    .any(|v| !v.is_null());
    match total {
        Some(total) if total > given as u64 => Some(format!(
            "the answer holds {given} of {total} domains (one page): the others were not captured"
        )),
        _ if next => Some(format!(
            "the answer is one page of several ({given} domains): the others were not captured"
        )),
        _ => None,
    }
}

/// What a JSON value is, for a message: its type, an object's first keys.
fn shape(json: &Json) -> String {
    match json {
        Json::Null => "null".into(),
        Json::Bool(_) => "a boolean".into(),
        Json::Number(_) => "a number".into(),
        Json::String(_) => "a string".into(),
        Json::Array(_) => "an array".into(),
        Json::Object(map) => {
            let keys: Vec<String> = map.keys().take(5).map(|k| shorten(k)).collect();
            if keys.is_empty() {
                "an empty object".into()
            } else {
                format!("an object with {}", keys.join(", "))
            }
        }
    }
}

/// HTTP calls to one appliance: the token in its header, answers bounded, busy answers and
/// broken connections tried again, every failure said without the token.
mod client {
    use std::time::Duration;

    use ureq::unversioned::resolver::DefaultResolver;
    use ureq::unversioned::transport::{Connector, TcpConnector};
    use ureq::{Agent, Timeout};

    use super::{authority, tls, Policy};
    use crate::emit::sanitize;
    use crate::fetch::net::{client_config, secs};
    use crate::fetch::{FetchError, Target};

    /// One appliance's APIs.
    pub(super) struct Client {
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
    pub(super) enum Failure {
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
        pub(super) fn reason(&self) -> String {
            match self {
                Failure::Status(code @ 300..=399, _) => {
                    format!("{code} (a redirect, not followed)")
                }
                Failure::Status(403, _) => "403 (not for this token)".into(),
                Failure::Status(code, tries) if busy(*code) => {
                    format!("{code} (still busy after {tries} tries)")
                }
                Failure::Status(code, _) => code.to_string(),
                Failure::TooLarge(limit) => format!("the answer is larger than {limit} bytes"),
                Failure::Fatal(e) => e.to_string(),
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
        pub(super) fn new(
            target: &Target,
            port: u16,
            policy: &Policy,
        ) -> Result<Client, FetchError> {
            let token = target.secret.as_ref().map(|s| s.expose()).unwrap_or("");
            if token.is_empty() {
                return Err(FetchError::Failed(
                    "no API token given: SpamTitan's REST API needs one".into(),
                ));
            }
            if !token.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(FetchError::Failed(
                    "the API token holds characters an HTTP header cannot carry (spaces, line \
                     breaks or non-ASCII): check how it was given"
                        .into(),
                ));
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
        pub(super) fn get(&self, path: &str) -> Result<Vec<u8>, Failure> {
            let what = format!("GET {}", sanitize(path));
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
                return Err(Missed::fatal(FetchError::Failed(format!(
                    "the API token was refused (401) on {what}: make a new one in the web UI \
                     (Settings > User Management > RestAPI Keys)"
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
                format!("{what}: no answer within {}", secs(budget))
            };
            match e {
                ureq::Error::Timeout(reason @ (Timeout::Connect | Timeout::Resolve)) => (
                    FetchError::Connection(format!(
                        "cannot connect to port {port}: no answer within {} ({reason})",
                        secs(self.timeout)
                    )),
                    false,
                ),
                ureq::Error::Timeout(reason) => (FetchError::Failed(late(reason)), false),
                ureq::Error::Io(io) => self.io_failed(&io, what),
                ureq::Error::Rustls(tls) => (self.tls_failed(&tls), false),
                ureq::Error::Tls(why) => (
                    FetchError::Failed(format!("TLS on port {port}: {why}")),
                    false,
                ),
                ureq::Error::HostNotFound => (
                    FetchError::Connection("cannot resolve the host name".into()),
                    false,
                ),
                ureq::Error::ConnectionFailed => (
                    FetchError::Connection(format!("cannot connect to port {port}")),
                    true,
                ),
                ureq::Error::Protocol(p) => (
                    FetchError::Failed(format!(
                        "{what}: the answer is not HTTP ({})",
                        sanitize(&p.to_string())
                    )),
                    false,
                ),
                other => (
                    FetchError::Failed(format!("{what}: {}", sanitize(&other.to_string()))),
                    false,
                ),
            }
        }

        fn io_failed(&self, io: &std::io::Error, what: &str) -> (FetchError, bool) {
            use std::io::ErrorKind as K;
            if let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
                return (self.tls_failed(tls), false);
            }
            let said = sanitize(&io.to_string());
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
                    FetchError::Connection(format!("{what} (port {}): {said}", self.port)),
                    true,
                ),
                K::TimedOut | K::WouldBlock => (
                    FetchError::Failed(format!("{what}: no answer within {}", secs(self.timeout))),
                    false,
                ),
                _ => (FetchError::Failed(format!("{what}: {said}")), false),
            }
        }

        /// A failed TLS handshake, said so that the user knows what to do.
        fn tls_failed(&self, e: &rustls::Error) -> FetchError {
            let port = self.port;
            let said = sanitize(&e.to_string());
            if let rustls::Error::InvalidCertificate(_) = e {
                let hint = if self.ca_given {
                    "it is not signed by a certificate --ca names, or names another host"
                } else {
                    "name the certificate or its CA with --ca FILE (or, knowing the risk, --insecure)"
                };
                return FetchError::Failed(format!(
                    "TLS on port {port}: the appliance's certificate is not trusted ({said}); {hint}"
                ));
            }
            FetchError::Failed(format!(
                "TLS on port {port}: {said} (is the port plaintext? then --plaintext)"
            ))
        }
    }
}

/// TLS for ureq by the fetchers' one TLS policy ([`crate::fetch::net::client_config`]: the
/// built-in roots plus `--ca`, or `--insecure` still checking the handshake's signatures),
/// which ureq's own configuration cannot express (its roots are either the built-in ones or
/// the given ones). A connector in ureq's connector chain, after its TCP connector.
mod tls {
    use std::fmt;
    use std::io::{Read, Write};
    use std::sync::Arc;

    use rustls::pki_types::ServerName;
    use rustls::{ClientConfig, ClientConnection, StreamOwned};
    use ureq::unversioned::transport::{
        Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport,
        TransportAdapter,
    };

    /// Wraps the TCP transport of an `https` URL in TLS.
    pub(super) struct ApplianceTls(Arc<ClientConfig>);

    impl ApplianceTls {
        pub(super) fn new(config: Arc<ClientConfig>) -> ApplianceTls {
            ApplianceTls(config)
        }
    }

    impl fmt::Debug for ApplianceTls {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("ApplianceTls")
        }
    }

    impl<In: Transport> Connector<In> for ApplianceTls {
        type Out = Either<In, TlsTransport>;

        fn connect(
            &self,
            details: &ConnectionDetails,
            chained: Option<In>,
        ) -> Result<Option<Self::Out>, ureq::Error> {
            let Some(transport) = chained else {
                return Ok(None);
            };
            if !details.needs_tls() || transport.is_tls() {
                return Ok(Some(Either::A(transport)));
            }
            let host = details.uri.host().unwrap_or_default();
            let bare = host
                .strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .unwrap_or(host);
            let name = ServerName::try_from(bare.to_string())
                .map_err(|_| ureq::Error::Tls("the host is not a name TLS can check"))?;
            let mut connection = ClientConnection::new(self.0.clone(), name)?;
            let mut socket = TransportAdapter::new(transport.boxed(), details.current_time.clone());
            socket.set_timeout(details.timeout);
            connection.complete_io(&mut socket)?;
            let buffers = LazyBuffers::new(
                details.config.input_buffer_size(),
                details.config.output_buffer_size(),
            );
            Ok(Some(Either::B(TlsTransport {
                buffers,
                stream: StreamOwned::new(connection, socket),
            })))
        }
    }

    /// A TLS connection as ureq's transport.
    pub(super) struct TlsTransport {
        buffers: LazyBuffers,
        stream: StreamOwned<ClientConnection, TransportAdapter>,
    }

    impl fmt::Debug for TlsTransport {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("TlsTransport")
        }
    }

    impl Transport for TlsTransport {
        fn buffers(&mut self) -> &mut dyn Buffers {
            &mut self.buffers
        }

        fn transmit_output(
            &mut self,
            amount: usize,
            timeout: NextTimeout,
        ) -> Result<(), ureq::Error> {
            // The timeout passes unchanged: the TCP transport below applies per-write limits.
            self.stream.get_mut().set_timeout(timeout);
            let output = &self.buffers.output()[..amount];
            self.stream.write_all(output)?;
            Ok(())
        }

        fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
            self.stream.get_mut().set_timeout(timeout);
            let input = self.buffers.input_append_buf();
            let amount = self.stream.read(input)?;
            self.buffers.input_appended(amount);
            Ok(amount > 0)
        }

        fn is_open(&mut self) -> bool {
            self.stream.get_mut().get_mut().is_open()
        }

        fn is_tls(&self) -> bool {
            true
        }
    }
}

/// The capture folder written beside the previous one, in a temporary folder inside the same
/// folder, and put in its place only once complete; until then, and on any failure, the
/// previous capture stays as it was and the temporary folder goes.
mod staging {
    use std::fs;
    use std::path::{Path, PathBuf};

    use tempfile::TempDir;

    use super::super::names::{classify, FileKind};
    use crate::emit::sanitize;
    use crate::fetch::FetchError;

    /// A capture folder being written.
    pub(super) struct Staged {
        dir: TempDir,
        target: PathBuf,
        into: PathBuf,
        stem: String,
    }

    fn failed(path: &Path, e: std::io::Error) -> FetchError {
        FetchError::Failed(format!("{}: {e}", sanitize(&path.display().to_string())))
    }

    /// A new, empty folder for the capture of `stem` under `into`.
    pub(super) fn begin(into: &Path, stem: &str) -> Result<Staged, FetchError> {
        fs::create_dir_all(into).map_err(|e| failed(into, e))?;
        let target = into.join(stem);
        previous(&target)?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{stem}.fetching-"))
            .tempdir_in(into)
            .map_err(|e| failed(into, e))?;
        Ok(Staged {
            dir,
            target,
            into: into.to_path_buf(),
            stem: stem.to_string(),
        })
    }

    /// Whether a previous capture is there; something else by its name is an error.
    fn previous(target: &Path) -> Result<bool, FetchError> {
        match fs::symlink_metadata(target) {
            Ok(m) if m.is_dir() => Ok(true),
            Ok(_) => Err(FetchError::Failed(format!(
                "{} is there and is not a capture folder: it is not replaced",
                sanitize(&target.display().to_string())
            ))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(failed(target, e)),
        }
    }

    impl Staged {
        pub(super) fn path(&self) -> &Path {
            self.dir.path()
        }

        /// Copies what the user made and no call fetches (`by-hand.txt`, the domain export,
        /// update logs, `hostname.txt`) from the previous capture; writes the by-hand template
        /// when there is no filled-in one to keep.
        pub(super) fn keep_users_files(&self) -> Result<(), FetchError> {
            let mut by_hand = false;
            if previous(&self.target)? {
                let entries = fs::read_dir(&self.target).map_err(|e| failed(&self.target, e))?;
                for entry in entries {
                    let entry = entry.map_err(|e| failed(&self.target, e))?;
                    let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                        continue;
                    };
                    let kind = classify(&name);
                    let users = matches!(
                        kind,
                        FileKind::ByHand
                            | FileKind::DomainsCsv
                            | FileKind::UpdateLog
                            | FileKind::Hostname
                    );
                    // Only plain files: a link could point anywhere.
                    let file = entry.file_type().is_ok_and(|t| t.is_file());
                    if users && file {
                        let to = self.path().join(&name);
                        fs::copy(entry.path(), &to).map_err(|e| failed(&entry.path(), e))?;
                        by_hand |= kind == FileKind::ByHand;
                    }
                }
            }
            if !by_hand {
                let to = self.path().join("by-hand.txt");
                fs::write(&to, super::super::by_hand::template()).map_err(|e| failed(&to, e))?;
            }
            Ok(())
        }

        /// Puts the capture in place of the previous one, which is then removed.
        pub(super) fn commit(self) -> Result<PathBuf, FetchError> {
            let Staged {
                dir,
                target,
                into,
                stem,
            } = self;
            if !previous(&target)? {
                fs::rename(dir.path(), &target).map_err(|e| failed(&target, e))?;
                let _ = dir.keep();
                return Ok(target);
            }
            let old = tempfile::Builder::new()
                .prefix(&format!(".{stem}.replaced-"))
                .tempdir_in(&into)
                .map_err(|e| failed(&into, e))?;
            let parked = old.path().join(&stem);
            fs::rename(&target, &parked).map_err(|e| failed(&target, e))?;
            if let Err(e) = fs::rename(dir.path(), &target) {
                // Put the previous capture back; `dir` and `old` go when dropped.
                let _ = fs::rename(&parked, &target);
                return Err(failed(&target, e));
            }
            let _ = dir.keep();
            // `old`, holding the previous capture, is removed as it is dropped.
            drop(old);
            Ok(target)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_named_by_the_first_label_or_the_whole_address() {
        assert_eq!(folder_name("ST01.example.com").unwrap(), "st01");
        assert_eq!(folder_name("127.0.0.1").unwrap(), "127-0-0-1");
        assert_eq!(folder_name("::1").unwrap(), "0-0-0-0-0-0-0-1");
        assert_eq!(folder_name("[fd00::2]").unwrap(), "fd00-0-0-0-0-0-0-2");
        for bad in [
            "", "a/b", "x@evil", "host:443", "-x", "a..b", "st 01", "st01\n",
        ] {
            assert!(folder_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn only_plain_domain_names_reach_a_path() {
        assert!(is_plain_domain("example.com"));
        assert!(is_plain_domain("mail-1.Example.COM"));
        for bad in [
            "",
            "../../etc",
            "..",
            ".hidden",
            "a/b",
            "a b",
            "a\nb",
            "ex%61mple",
            "é.com",
        ] {
            assert!(!is_plain_domain(bad), "{bad:?}");
        }
        assert!(!is_plain_domain(&"a".repeat(254)));
    }

    #[test]
    fn the_domain_list_is_read_in_both_known_shapes_and_no_other() {
        let names = |body: &str| domain_names(body.as_bytes()).map(|(n, _)| n);
        assert_eq!(
            names(r#"[{"domain": "a.example"}, {"name": "b.example"}]"#).unwrap(),
            ["a.example", "b.example"]
        );
        assert_eq!(
            names(r#"{"data": [{"id": 1, "domain": null, "name": "c.example"}]}"#).unwrap(),
            ["c.example"]
        );
        assert_eq!(names("[]").unwrap(), Vec::<String>::new());
        for bad in [
            r#"{"domains": []}"#,
            r#"{"data": {"domain": "a"}}"#,
            r#"[{"id": 1}]"#,
            r#"["a.example"]"#,
            r#""a.example""#,
            "<html>",
        ] {
            let error = names(bad).unwrap_err();
            assert!(
                error.contains("expected an array of domains"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn a_paged_domain_list_says_so() {
        let paged = |body: &str| domain_names(body.as_bytes()).unwrap().1;
        assert!(paged(r#"{"data": [{"domain": "a"}], "total": 2}"#)
            .unwrap()
            .contains("1 of 2"));
        assert!(paged(r#"{"data": [{"domain": "a"}], "links": {"next": "?page=2"}}"#).is_some());
        assert!(
            paged(r#"{"data": [{"domain": "a"}], "total": 1, "links": {"next": null}}"#).is_none()
        );
    }

    #[test]
    fn the_version_is_one_short_line() {
        assert_eq!(version_of(br#"{"version": "7.08"}"#).unwrap(), "7.08");
        assert_eq!(version_of(br#"{"revision": 7.08}"#).unwrap(), "7.08");
        assert_eq!(
            version_of(br#"{"version": null, "revision": "8.00.46"}"#).unwrap(),
            "8.00.46"
        );
        assert!(version_of(br#"{"build": "1"}"#).is_err());
        assert!(version_of(br#"{"version": "7.08\nrm -rf"}"#).is_err());
        assert!(version_of(b"7.08").is_err());
    }

    #[test]
    fn answers_are_saved_only_when_they_read_as_their_file() {
        let json = |body: &str| check("api/domains/a.json", body.into(), Answer::Json);
        assert!(json(r#"{"id": 1, "domain": "a"}"#).is_ok());
        assert!(json("<html>oops</html>").unwrap_err().contains("not JSON"));
        assert!(json(r#"{"status": "error", "message": "no"}"#).is_err());
        let xml = |body: &str| check("lists/global/allow.xml", body.into(), Answer::Xml);
        assert!(xml("<response><stat>ok</stat></response>").is_ok());
        assert!(xml("sender@example.com")
            .unwrap_err()
            .contains("not the legacy API"));
        let failed = xml("<response><stat>fail</stat><error>no such user</error></response>");
        assert!(failed.unwrap_err().contains("stat fail: no such user"));
        assert!(xml("<response><stat>ok</stat>").is_err());
    }
}

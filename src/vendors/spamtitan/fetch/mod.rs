//! `carryover fetch` for SpamTitan: the capture folder the capture script (`capture.sh`) fills,
//! collected over the REST and legacy APIs with the same calls, into the same files, by the same
//! rules: a failed call leaves no file and is named in [`Fetched::not_captured`]; a domain name
//! that is not a plain domain name is used in no path and no URL; `by-hand.txt` is the script's
//! template ([`super::by_hand::template`]) unless the user's own is kept. Besides the script's
//! calls, the lists of each user the previous capture holds lists of are read again (no API call
//! lists the users), and the report names the export that holds each record no API call reads
//! (recipient verification: `domains.csv`).
//!
//! Every answer is untrusted: its size is bounded, and it is saved only once it reads as the
//! capture reader will read it (a REST answer as JSON configuration, a legacy answer as its XML
//! list). The API token travels in the `Authorization` header alone. TLS is the one policy of
//! `crate::fetch::net::client_config`: the built-in roots and `--ca`, or `--insecure`. The
//! folder is written beside the previous capture and replaces it only once complete.

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

use serde_json::Value as Json;

use crate::base::error::Error;
use crate::base::message::{Arg, Message};
use crate::capture::NoteKind;
use crate::emit::percent_encode;
use crate::fetch::{error_message, map_text, FetchError, Fetched, Target};
use crate::message;
use crate::model::SourceKind;
use crate::source::Source;
use crate::vendors::{Fetch, Login, SecretKind};

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

    fn login(&self) -> Login {
        Login {
            user: false,
            secret: SecretKind::ApiToken,
        }
    }

    fn name_before_fetch(&self, target: &Target) -> Option<String> {
        folder_name(&target.host).ok()
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
    let (users, not_plain) = staged.previous_users();
    for user in &users {
        collect.user_lists(user)?;
    }
    for name in not_plain {
        let name = shorten(&name);
        collect
            .not_captured
            .push(message!("fetch-st-user-not-plain", name = name));
    }
    let mut not_captured = collect.not_captured;
    staged.keep_users_files()?;
    not_captured.extend(unread_records(staged.path(), &stem));
    let path = staged.commit()?;
    Ok(Fetched {
        appliance: stem,
        path,
        staged: None,
        not_captured,
    })
}

/// What no API call reads, record by record: the export that holds each, kept from the
/// previous capture when the user made one (as old as that export), else to be made.
fn unread_records(staged: &Path, stem: &str) -> Vec<Message> {
    super::forms::records()
        .iter()
        .filter_map(|record| {
            let export = record.export.as_deref()?;
            let kept = if staged.join(export).is_file() {
                "yes"
            } else {
                "no"
            };
            Some(message!(
                "fetch-st-record-unread",
                setting = &record.mode,
                fields = record.settings.len() - 1,
                path = format!("{stem}/{export}"),
                kept = kept
            ))
        })
        .collect()
}

/// The folder an appliance's capture is written to, named as `track` names its file: a host
/// name's first label ([`crate::write::file_stem`]); an IP address whole, its dots or colons
/// as dashes (`127-0-0-1`, `fd00-0-0-0-0-0-0-1`), since its first part names nothing. Anything
/// that is neither a host name nor an address is refused: it would reach a URL.
pub(crate) fn folder_name(host: &str) -> Result<String, FetchError> {
    let stem = match address(host) {
        Some(IpAddr::V4(v4)) => v4.to_string().replace('.', "-"),
        Some(IpAddr::V6(v6)) => {
            let groups: Vec<String> = v6.segments().iter().map(|g| format!("{g:x}")).collect();
            groups.join("-")
        }
        None if is_host_name(host) => host.to_string(),
        None => {
            return Err(FetchError::Failed(message!(
                "fetch-st-not-a-host",
                host = host
            )))
        }
    };
    crate::write::file_stem(&stem)
        .map_err(|why| FetchError::Failed(message!("fetch-reason", reason = why)))
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
pub(crate) fn is_plain_domain(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
}

/// Whether a user's address from a capture folder's name may be used in a path and a URL: a
/// plain local part (letters, digits, `.`, `_`, `+`, `-`, not starting with a dot) at a plain
/// domain name.
pub(crate) fn is_plain_address(name: &str) -> bool {
    let Some((local, domain)) = name.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-'))
        && is_plain_domain(domain)
}

/// The calls of the capture script, one by one, into one folder.
struct Collector<'a> {
    client: &'a Client,
    dir: &'a Path,
    not_captured: Vec<Message>,
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

    /// A user's own allow and block lists, through the legacy API (`user` is an address or a
    /// domain [C]; `/blacklist/*` is inferred by symmetry [I]).
    fn user_lists(&mut self, user: &str) -> Result<(), FetchError> {
        let segment = percent_encode(user);
        self.save(
            &format!("/whitelist/list?user={segment}"),
            &format!("lists/user/{user}/allow.xml"),
            Answer::Xml,
            false,
        )?;
        self.save(
            &format!("/blacklist/list?user={segment}"),
            &format!("lists/user/{user}/block.xml"),
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
                let by_hand = message!("fetch-st-version-by-hand", reason = why);
                self.missed(PATH, by_hand.into(), true);
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
                return Err(FetchError::Failed(message!(
                    "fetch-st-domains-forbidden",
                    path = PATH
                )))
            }
            Err(failure) => {
                return Err(FetchError::Failed(message!(
                    "fetch-st-domains-failed",
                    path = PATH,
                    reason = failure.reason()
                )))
            }
        };
        let call = format!("GET {PATH}");
        let (names, paged) = domain_names(&body).map_err(|why| {
            FetchError::Failed(message!("fetch-st-call", call = &call, reason = why))
        })?;
        if let Some(paged) = paged {
            let paged = message!("fetch-st-call", call = &call, reason = paged);
            self.not_captured.push(paged);
        }
        let mut seen = BTreeSet::new();
        let mut plain = Vec::new();
        for name in names {
            if !is_plain_domain(&name) {
                self.not_captured.push(message!(
                    "fetch-st-domain-not-plain",
                    call = &call,
                    name = shorten(&name)
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
            // The answer is checked as it will be saved: without the token.
            Ok(body) => check(relative, self.client.without_token(&body), answer),
            Err(Failure::Fatal(e)) => return Err(e),
            Err(failure) => Err(failure.reason().into()),
        };
        match checked {
            Ok(body) => self.write(relative, &body),
            Err(why) => {
                self.missed(path, why, inferred);
                Ok(())
            }
        }
    }

    /// A call that gave nothing to save, and why.
    fn missed(&mut self, path: &str, why: Arg, inferred: bool) {
        let inferred = if inferred { "yes" } else { "no" };
        self.not_captured.push(message!(
            "fetch-st-missed",
            call = format!("GET {path}"),
            reason = why,
            inferred = inferred
        ));
    }

    fn write(&self, relative: &str, body: &[u8]) -> Result<(), FetchError> {
        let path = self.dir.join(relative);
        let failed = |e: std::io::Error| FetchError::Failed(crate::fetch::io_message(&path, &e));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(failed)?;
        }
        // An answer that echoes the token, in any form, does not carry it into the capture.
        std::fs::write(&path, self.client.without_token(body)).map_err(failed)
    }
}

/// An answer as it will be saved, if the capture reader reads it as what its file is; else
/// why not: a message, or what the capture reader said.
fn check(relative: &str, body: Vec<u8>, answer: Answer) -> Result<Vec<u8>, Arg> {
    if let Answer::Json = answer {
        serde_json::from_slice::<Json>(&body)
            .map_err(|e| Arg::from(message!("fetch-st-not-json", reason = e.to_string())))?;
    }
    let source = Source::from_bytes(relative, body.clone(), None).map_err(|e| reason(&e))?;
    match answer {
        Answer::Json => {
            super::folder::read_lone(&source, 0).map_err(|e| reason(&e))?;
        }
        Answer::Xml => {
            if !super::legacy_xml::looks_like_xml(&source.text) {
                return Err(message!("fetch-st-not-legacy-xml").into());
            }
            let mut read = FileRead::new(&source, SourceKind::Export);
            let list = super::legacy_xml::list(&mut read, None).map_err(|e| reason(&e))?;
            if list.is_none() {
                // What the reader said of the answer: the call failed, and why.
                return Err(match read.notes.last().map(|n| &n.kind) {
                    Some(NoteKind::Warning(said)) => short(Arg::from(said.clone())),
                    _ => message!("fetch-st-call-failed").into(),
                });
            }
        }
    }
    Ok(body)
}

/// What an error of the capture reader says, its text from the appliance cut short: the
/// message alone, without where (the file is the call's own).
fn reason(e: &Error) -> Arg {
    let said = match e {
        Error::Input(input) => Arg::from(input.message.clone()),
        Error::File { message, .. } | Error::NotACapture { message, .. } => {
            Arg::from(message.clone())
        }
        other => error_message(other).into(),
    };
    short(said)
}

/// An argument with each text in it cut short ([`shorten`]).
fn short(arg: Arg) -> Arg {
    match arg {
        Arg::Text(text) => Arg::Text(shorten(&text)),
        Arg::Message(message) => map_text(*message, &shorten).into(),
        number => number,
    }
}

/// Text from the appliance, for one line of a message: cut at 160 characters.
fn shorten(text: &str) -> String {
    let cut: String = text.chars().take(160).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("{cut}{more}")
}

/// The version in `GET /restapi/system/version`'s answer (`.version // .revision`, as the
/// script's jq): a string, or a number as JSON writes it.
pub(super) fn version_of(body: &[u8]) -> Result<String, Message> {
    let json: Json = serde_json::from_slice(body)
        .map_err(|e| message!("fetch-st-not-json", reason = e.to_string()))?;
    let value = ["version", "revision"].iter().find_map(|key| {
        json.get(key)
            .filter(|v| !v.is_null() && **v != Json::Bool(false))
    });
    let text = match value {
        Some(Json::String(s)) => s.trim().to_string(),
        Some(Json::Number(n)) => n.to_string(),
        _ => return Err(message!("fetch-st-no-version")),
    };
    if text.is_empty() || text.len() > 64 || text.chars().any(char::is_control) {
        return Err(message!(
            "fetch-st-version-not-one-line",
            version = shorten(&text)
        ));
    }
    Ok(text)
}

/// The domain names of the domain list's answer, as they came, and what says the answer is one
/// page of several. Any other shape is an error naming the one expected (what `GET
/// /restapi/domains` answers, as far as anyone knows [I]: the shape the script's jq reads):
/// never an empty list.
fn domain_names(body: &[u8]) -> Result<(Vec<String>, Option<Message>), Message> {
    let json: Json = serde_json::from_slice(body)
        .map_err(|e| message!("fetch-st-domains-not-json", reason = e.to_string()))?;
    let items = match &json {
        Json::Array(items) => items,
        Json::Object(map) => match map.get("data") {
            Some(Json::Array(items)) => items,
            _ => {
                return Err(message!(
                    "fetch-st-domains-unexpected",
                    shape = shape(&json)
                ))
            }
        },
        other => {
            return Err(message!(
                "fetch-st-domains-unexpected",
                shape = shape(other)
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
                return Err(message!(
                    "fetch-st-domains-bad-entry",
                    entry = i + 1,
                    shape = shape(item)
                ))
            }
        }
    }
    let paged = paging(&json, names.len());
    Ok((names, paged))
}

/// A remark when the answer says more domains are on other pages, which nobody knows how to
/// ask for [I].
fn paging(json: &Json, given: usize) -> Option<Message> {
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
        Some(total) if total > given as u64 => Some(message!(
            "fetch-st-domains-page-of",
            given = given,
            total = total
        )),
        _ if next => Some(message!("fetch-st-domains-one-page", given = given)),
        _ => None,
    }
}

/// What a JSON value is, for a message: its type, an object's first keys.
fn shape(json: &Json) -> Message {
    let (shape, keys) = match json {
        Json::Null => ("null", String::new()),
        Json::Bool(_) => ("boolean", String::new()),
        Json::Number(_) => ("number", String::new()),
        Json::String(_) => ("string", String::new()),
        Json::Array(_) => ("array", String::new()),
        Json::Object(map) if map.is_empty() => ("empty-object", String::new()),
        Json::Object(map) => {
            let keys: Vec<String> = map.keys().take(5).map(|k| shorten(k)).collect();
            ("object", keys.join(", "))
        }
    };
    message!("fetch-st-shape", shape = shape, keys = keys)
}

pub(super) mod client;

mod tls;

mod staging;

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
                ["fetch-st-domains-unexpected", "fetch-st-domains-bad-entry"].contains(&error.id)
                    || error.id == "fetch-st-domains-not-json",
                "{bad}: {error:?}"
            );
        }
    }

    #[test]
    fn a_paged_domain_list_says_so() {
        let paged = |body: &str| domain_names(body.as_bytes()).unwrap().1;
        let one_of_two = paged(r#"{"data": [{"domain": "a"}], "total": 2}"#).unwrap();
        assert_eq!(one_of_two.id, "fetch-st-domains-page-of");
        assert_eq!(one_of_two.arg("given"), Some(&Arg::Number(1)));
        assert_eq!(one_of_two.arg("total"), Some(&Arg::Number(2)));
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
        let id = |arg: Arg| match arg {
            Arg::Message(message) => message.id,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            id(json("<html>oops</html>").unwrap_err()),
            "fetch-st-not-json"
        );
        assert!(json(r#"{"status": "error", "message": "no"}"#).is_err());
        let xml = |body: &str| check("lists/global/allow.xml", body.into(), Answer::Xml);
        assert!(xml("<response><stat>ok</stat></response>").is_ok());
        assert_eq!(
            id(xml("sender@example.com").unwrap_err()),
            "fetch-st-not-legacy-xml"
        );
        // What the reader said of the failed call is passed along, its words untouched.
        let failed = xml("<response><stat>fail</stat><error>no such user</error></response>");
        let said = format!("{:?}", failed.unwrap_err());
        assert!(
            said.contains("fail") && said.contains("no such user"),
            "{said}"
        );
        assert!(xml("<response><stat>ok</stat>").is_err());
    }
}

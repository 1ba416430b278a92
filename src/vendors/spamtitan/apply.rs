//! Sending a SpamTitan restore script to the appliance over its APIs.
//!
//! The script is the bash `restore` wrote, and its plan file's digest says it is unchanged; apply
//! reads its commands back (the words the one emitter quoted, after the shipped prologue) into
//! the calls bash would make, and makes them over the HTTP client `fetch` opens, the token in
//! its header alone. Each call is one step, named by its script line: a call the script sends
//! alone; the fields of one domain's grouped call, named by the line of the first field; a
//! domain made to exist (looked up, then created, or its destination edited); a list entry
//! (its list read, then the entry added unless the list holds it). Every step is guarded or
//! sets fields to values, so sending it again changes nothing more: a step whose answer was
//! lost is sent again on `--resume`.

use crate::base::message::Message;
use crate::fetch::{FetchError, Target};
use crate::message;
use crate::vendors::Fetch;

use super::fetch::client::{Client, Failure};
use super::fetch::Policy;
use super::SpamTitan;

/// How a call is made and its answer checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A legacy call: GET with the data as its query; the XML answer must say `stat` ok.
    Legacy,
    /// A REST call with the data as a form body; the answer must be 2xx.
    Rest,
    /// A REST call with the data as a JSON body; the answer must be 2xx.
    Json,
}

/// One HTTP call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// How it is made.
    pub kind: Kind,
    /// `GET`, `PUT`, `POST`.
    pub method: String,
    /// The path, percent-encoded as the script has it.
    pub path: String,
    /// The query (legacy) or body (REST), as the script has it.
    pub data: String,
}

impl Call {
    /// The call as a journal or a message shows it: secret fields' values masked.
    pub fn shown(&self) -> String {
        let data = masked(&self.data);
        match self.kind {
            Kind::Legacy if data.is_empty() => format!("{} {}", self.method, self.path),
            Kind::Legacy => format!("{} {}?{data}", self.method, self.path),
            Kind::Rest | Kind::Json => format!("{} {} {data}", self.method, self.path),
        }
    }
}

/// The values of secret fields in a query or form (`ldap_password=...`) as `****`.
fn masked(data: &str) -> String {
    if data.starts_with('{') {
        return data.to_string();
    }
    data.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if super::SECRETS.names().matches(&decode(key)) => {
                format!("{key}={}", crate::base::secrets::MASK)
            }
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// What one step does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// One call.
    Call(Call),
    /// A domain made to exist: `lookup` answers 2xx (then `edit` sets its destination) or 404
    /// (then `create` makes it).
    EnsureDomain {
        /// The lookup path.
        lookup: String,
        /// The call that creates it.
        create: Call,
        /// The call that sets the destination of one that exists.
        edit: Call,
    },
    /// A list entry added unless the list holds it.
    ListAdd {
        /// The call that reads the list.
        list: Call,
        /// The entry, as the list shows it.
        entry: String,
        /// The call that adds it.
        add: Call,
    },
}

/// One step of a restore script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Its line in the script.
    pub line: u32,
    /// What it does.
    pub action: Action,
    /// Whether no public source shows its call (`--inferred` in the script).
    pub inferred: bool,
}

impl Step {
    /// Whether sending it again changes nothing more: it sets fields to values, or it is
    /// guarded (a lookup before a create, a list read before an add). A lone create is not.
    pub fn idempotent(&self) -> bool {
        match &self.action {
            Action::Call(call) => call.method != "POST",
            Action::EnsureDomain { .. } | Action::ListAdd { .. } => true,
        }
    }

    /// The step as a journal or a message shows it.
    pub fn shown(&self) -> String {
        match &self.action {
            Action::Call(call) => call.shown(),
            Action::EnsureDomain { create, .. } => create.shown(),
            Action::ListAdd { add, .. } => add.shown(),
        }
    }
}

/// Reads a restore script back into its steps; a line that is no command of the script's own
/// is an error at that line, before anything is sent.
pub fn parse(text: &str) -> Result<Vec<Step>, (u32, Message)> {
    let prologue = super::forms::prologue_text();
    let Some(at) = text.find(prologue) else {
        return Err((1, message!("apply-st-no-prologue")));
    };
    let first_line = text[..at + prologue.len()].lines().count() as u32;
    let mut steps = Vec::new();
    // The grouped calls being collected: (key, first line, base, fields).
    let mut groups: Vec<(Call, u32, Vec<String>)> = Vec::new();
    for (i, raw) in text[at + prologue.len()..].lines().enumerate().skip(1) {
        let line = first_line + i as u32;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let words = words(trimmed).ok_or((line, message!("apply-st-not-a-command")))?;
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let unknown = || {
            (
                line,
                message!("apply-st-unknown-command", command = trimmed),
            )
        };
        match w.as_slice() {
            ["send", kind, method, path, data] => steps.push(Step {
                line,
                action: Action::Call(call(kind, method, path, data).ok_or_else(unknown)?),
                inferred: false,
            }),
            ["field", kind, method, path, base, field] => {
                let key = call(kind, method, path, base).ok_or_else(unknown)?;
                match groups.iter_mut().find(|(c, _, _)| *c == key) {
                    Some((_, _, fields)) => fields.push(field.to_string()),
                    None => groups.push((key, line, vec![field.to_string()])),
                }
            }
            ["send_fields"] => flush(&mut groups, &mut steps),
            ["domain_ensure", rest @ ..] => {
                steps.push(ensure_step(line, rest).ok_or_else(unknown)?);
            }
            ["list_add", rest @ ..] => steps.push(list_step(line, rest).ok_or_else(unknown)?),
            _ => return Err(unknown()),
        }
    }
    flush(&mut groups, &mut steps);
    Ok(steps)
}

/// The grouped calls collected, each sent as one step named by its first field's line.
fn flush(groups: &mut Vec<(Call, u32, Vec<String>)>, steps: &mut Vec<Step>) {
    for (mut call, line, fields) in groups.drain(..) {
        let data: Vec<&str> = std::iter::once(call.data.as_str())
            .filter(|b| !b.is_empty())
            .chain(fields.iter().map(String::as_str))
            .collect();
        call.data = data.join("&");
        steps.push(Step {
            line,
            action: Action::Call(call),
            inferred: false,
        });
    }
}

/// `domain_ensure LOOKUP METHOD PATH JSON KIND METHOD PATH BASE FIELD`: the domain looked up,
/// then created, or its destination edited.
fn ensure_step(line: u32, words: &[&str]) -> Option<Step> {
    let [lookup, cmethod, cpath, json, kind, method, path, base, field] = words else {
        return None;
    };
    let edit = call(kind, method, path, base)?;
    let data = [edit.data.as_str(), field]
        .into_iter()
        .filter(|d| !d.is_empty())
        .collect::<Vec<_>>()
        .join("&");
    Some(Step {
        line,
        action: Action::EnsureDomain {
            lookup: lookup.to_string(),
            create: Call {
                kind: Kind::Json,
                method: cmethod.to_string(),
                path: cpath.to_string(),
                data: json.to_string(),
            },
            edit: Call { data, ..edit },
        },
        inferred: false,
    })
}

/// `list_add [--inferred] LIST ADD USER ENTRY QUERY`: the list read, then the entry added
/// unless the list holds it.
fn list_step(line: u32, words: &[&str]) -> Option<Step> {
    let (inferred, rest) = match words {
        ["--inferred", rest @ ..] => (true, rest),
        rest => (false, rest),
    };
    let [list, add, user, entry, query] = rest else {
        return None;
    };
    let legacy = |path: &str, data: &str| Call {
        kind: Kind::Legacy,
        method: "GET".into(),
        path: path.to_string(),
        data: data.to_string(),
    };
    Some(Step {
        line,
        action: Action::ListAdd {
            list: legacy(list, user),
            entry: entry.to_string(),
            add: legacy(add, query),
        },
        inferred,
    })
}

/// A call from the script's words `legacy|rest METHOD PATH DATA`.
fn call(kind: &str, method: &str, path: &str, data: &str) -> Option<Call> {
    let kind = match kind {
        "legacy" => Kind::Legacy,
        "rest" => Kind::Rest,
        _ => return None,
    };
    if !path.starts_with('/') || !matches!(method, "GET" | "PUT" | "POST") {
        return None;
    }
    Some(Call {
        kind,
        method: method.to_string(),
        path: path.to_string(),
        data: data.to_string(),
    })
}

/// The words of one command line as bash reads what the emitter wrote: bare words, `'...'`
/// (a quote inside as `'\''`) and `$'...'` with `\\`, `\'` and `\xHH`; none for anything else.
pub fn words(line: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        if chars.peek().is_none() {
            return Some(out);
        }
        let mut word: Vec<u8> = Vec::new();
        while let Some(&c) = chars.peek() {
            match c {
                ' ' => break,
                '\'' => {
                    chars.next();
                    loop {
                        match chars.next()? {
                            '\'' => break,
                            c => push(&mut word, c),
                        }
                    }
                }
                '\\' => {
                    chars.next();
                    push(&mut word, chars.next()?);
                }
                '$' => {
                    chars.next();
                    if chars.next()? != '\'' {
                        return None;
                    }
                    loop {
                        match chars.next()? {
                            '\'' => break,
                            '\\' => match chars.next()? {
                                'x' => {
                                    let hex: String =
                                        [chars.next()?, chars.next()?].iter().collect();
                                    word.push(u8::from_str_radix(&hex, 16).ok()?);
                                }
                                c @ ('\\' | '\'') => push(&mut word, c),
                                _ => return None,
                            },
                            c => push(&mut word, c),
                        }
                    }
                }
                c if c.is_ascii_alphanumeric() || "-_./:=".contains(c) => {
                    chars.next();
                    push(&mut word, c);
                }
                _ => return None,
            }
        }
        out.push(String::from_utf8(word).ok()?);
    }
}

fn push(word: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    word.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// `%XX` decoded (a field's name, for the secret check).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What the appliance answered a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// It took it; the words say how (`HTTP 201`, `stat ok`, `already listed`).
    Ok(String),
    /// It refused it, and said this.
    Refused(String),
}

/// The appliance's APIs, for one apply.
pub struct Appliance {
    client: Client,
    /// The name the appliance's captures carry: the host's, as `fetch` names its folder.
    pub name: String,
}

impl Appliance {
    /// The client `fetch` uses, with its token; no call is made yet.
    pub fn open(target: &Target) -> Result<Appliance, FetchError> {
        let name = super::fetch::folder_name(&target.host)?;
        let port = target
            .port
            .unwrap_or_else(|| SpamTitan.default_port(target.tls.plaintext));
        // A write is not tried again on a broken connection: whether it arrived is unknown,
        // and the journal says so. A busy answer (429) was not taken, so it is tried again.
        let client = Client::new(target, port, &Policy::default())?;
        Ok(Appliance { client, name })
    }

    /// The version `GET /restapi/system/version` answers (inferred: no public source shows it).
    pub fn version(&self) -> Result<String, FetchError> {
        let body = self.read("/restapi/system/version")?;
        super::fetch::version_of(&body).map_err(FetchError::Failed)
    }

    /// A read: the body of a 2xx answer, without the token.
    fn read(&self, path: &str) -> Result<Vec<u8>, FetchError> {
        match self.client.get(path) {
            Ok(body) => Ok(self.client.without_token(&body)),
            Err(Failure::Fatal(e)) => Err(e),
            Err(failure) => Err(FetchError::Failed(message!(
                "fetch-st-call",
                call = format!("GET {path}"),
                reason = failure.reason()
            ))),
        }
    }

    /// What a step's guard reads before the first write, for the journal: `GET path` and the
    /// answer (without the token), each on its own.
    pub fn snapshot(&self, steps: &[Step]) -> Result<String, FetchError> {
        let mut reads: Vec<String> = steps
            .iter()
            .filter_map(|s| match &s.action {
                Action::EnsureDomain { lookup, .. } => Some(lookup.clone()),
                Action::ListAdd { list, .. } => Some(query_path(list)),
                Action::Call(_) => None,
            })
            .collect();
        reads.sort();
        reads.dedup();
        let mut out = String::new();
        for path in reads {
            let answer = match self.client.get(&path) {
                Ok(body) => String::from_utf8_lossy(&self.client.without_token(&body)).into_owned(),
                Err(Failure::Fatal(e)) => return Err(e),
                Err(Failure::Status(code, _)) => format!("(HTTP {code})"),
                Err(Failure::TooLarge(limit)) => format!("(over {limit} bytes)"),
            };
            out.push_str(&format!("GET {path}\n{}\n", answer.trim_end()));
        }
        Ok(out)
    }

    /// The domains the steps make exist, each with the destination the appliance gives it now
    /// (none when it does not exist) and the one the script sets: `(domain, now, wanted)`.
    pub fn destinations(
        &self,
        steps: &[&Step],
    ) -> Result<Vec<(String, Option<String>, String)>, FetchError> {
        let mut out = Vec::new();
        for step in steps {
            let Action::EnsureDomain { lookup, create, .. } = &step.action else {
                continue;
            };
            let json: serde_json::Value = serde_json::from_str(&create.data).unwrap_or_default();
            let (Some(domain), Some(wanted)) = (
                json.get("domain").and_then(|d| d.as_str()),
                json.get("destination").and_then(|d| d.as_str()),
            ) else {
                continue;
            };
            let now = match self.client.get(lookup) {
                Ok(body) => {
                    let body: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                    let found = body.get("data").unwrap_or(&body);
                    found
                        .get("destination")
                        .and_then(|d| d.as_str())
                        .map(str::to_string)
                }
                Err(Failure::Status(404, _)) => None,
                Err(Failure::Fatal(e)) => return Err(e),
                Err(failure) => {
                    return Err(FetchError::Failed(message!(
                        "fetch-st-call",
                        call = format!("GET {lookup}"),
                        reason = failure.reason()
                    )))
                }
            };
            out.push((domain.to_string(), now, wanted.to_string()));
        }
        Ok(out)
    }

    /// Makes one step, its guard first.
    pub fn send(&self, step: &Step) -> Result<Answer, FetchError> {
        match &step.action {
            Action::Call(call) => self.call(call),
            Action::EnsureDomain {
                lookup,
                create,
                edit,
            } => match self.client.status(lookup) {
                Ok(code) if (200..300).contains(&code) => self.call(edit),
                Ok(404) => self.call(create),
                Ok(code) => Ok(Answer::Refused(format!("GET {lookup}: HTTP {code}"))),
                Err(e) => Err(e),
            },
            Action::ListAdd { list, entry, add } => {
                let listed = self.read(&query_path(list))?;
                if holds(&String::from_utf8_lossy(&listed), entry) {
                    return Ok(Answer::Ok("listed".into()));
                }
                self.call(add)
            }
        }
    }

    fn call(&self, call: &Call) -> Result<Answer, FetchError> {
        let (code, body) = match call.kind {
            Kind::Legacy => self.client.write("GET", &query_path(call), None)?,
            Kind::Rest => self.client.write(
                &call.method,
                &call.path,
                Some(("application/x-www-form-urlencoded", call.data.as_bytes())),
            )?,
            Kind::Json => self.client.write(
                &call.method,
                &call.path,
                Some(("application/json", call.data.as_bytes())),
            )?,
        };
        let text = String::from_utf8_lossy(&self.client.without_token(&body)).into_owned();
        if !(200..300).contains(&code) {
            return Ok(Answer::Refused(format!("HTTP {code} {}", short(&text))));
        }
        if call.kind == Kind::Legacy && !stat_ok(&text) {
            return Ok(Answer::Refused(short(&text)));
        }
        Ok(Answer::Ok(format!("HTTP {code}")))
    }
}

/// A legacy call's path with its query.
fn query_path(call: &Call) -> String {
    if call.data.is_empty() {
        call.path.clone()
    } else {
        format!("{}?{}", call.path, call.data)
    }
}

/// Whether a legacy answer says `stat` ok, as the script's `legacy` checks it.
fn stat_ok(answer: &str) -> bool {
    let lower = answer.to_ascii_lowercase();
    lower.contains("<stat>ok</stat>") || lower.contains("stat=\"ok\"")
}

/// Whether a list's XML answer holds an entry: the whole text of an element, in any case, as
/// the script's `holds` checks it.
fn holds(answer: &str, entry: &str) -> bool {
    let escaped = entry
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    answer
        .to_lowercase()
        .contains(&format!(">{}<", escaped.to_lowercase()))
}

/// An answer's text on one line, cut at 160 characters.
fn short(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = one.chars().take(160).collect();
    if cut.len() < one.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_back_what_the_emitter_quoted() {
        use crate::emit::Dialect;
        let hostile = "it's\n$(rm -rf /) `x` \\ é";
        let quoted = crate::emit::Bash.quote(hostile).unwrap();
        let line = format!("send legacy GET '/domain/edit' {quoted}");
        let words = words(&line).unwrap();
        assert_eq!(words, ["send", "legacy", "GET", "/domain/edit", hostile]);
        assert_eq!(
            words_of("list_add --inferred 'a'\\''b'"),
            ["list_add", "--inferred", "a'b"]
        );
        assert!(super::words("send $(x)").is_none());
        assert!(super::words("a; b").is_none());
    }

    fn words_of(line: &str) -> Vec<String> {
        words(line).unwrap()
    }

    #[test]
    fn secret_fields_are_masked_in_what_a_journal_shows() {
        let call = Call {
            kind: Kind::Legacy,
            method: "GET".into(),
            path: "/domain/edit".into(),
            data: "name=a.example&rv=ldap&ldap_password=s3cret&ldap_port=389".into(),
        };
        let shown = call.shown();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("ldap_port=389"), "{shown}");
    }

    #[test]
    fn a_list_holds_an_entry_as_the_script_checks_it() {
        let xml = "<response><stat>ok</stat><whitelist><entry><sender>A@B.example</sender></entry></whitelist></response>";
        assert!(holds(xml, "a@b.example"));
        assert!(!holds(xml, "b.example"));
        assert!(stat_ok(xml));
    }
}

//! `api/<REST path>.json`: a REST answer as it was saved, read by schema, not by shape
//! (`schema.ron`). A known key's value gets its type, with a note when it had to be coerced; a
//! `{"status": .., "data": {..}}` envelope is unwrapped; an unknown key is kept as a raw item,
//! not as a setting; a `null` is kept as a raw item saying the appliance has it unset, which
//! is not the same as a key the answer did not hold.
//!
//! `api/domains.json` is the domain list, `api/domains/<d>.json` holds domain settings,
//! `api/domains/<d>/policy.json` its policy, `api/users/<a>.json` a user's (a URL-encoded name
//! decoded); anything else is system-wide, named by its path. An error answer the API gave
//! instead (`{"status": "error", ..}`, `{"message": "Too Many Attempts."}`) is no
//! configuration: the file fails to read, as an empty or truncated one does.

use crate::message;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value as Json;

use crate::base::error::{Error, Position, Result};
use crate::base::message::Message;
use crate::capture::Note;
use crate::model::{Change, Raw, Secret, Value, SYSTEM};

use super::address::domain;
use super::folder::FileRead;
use super::names::{current_name, current_word};

/// The type of a known key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
enum Kind {
    Bool,
    Int,
    /// A number the appliance may hold with a fraction (a spam score).
    Number,
    Text,
    /// Text in the appliance's vocabulary (`master` is `primary` since 7.09).
    Word,
    Secret,
    /// The appliance's own host name.
    Host,
}

fn schema() -> &'static BTreeMap<String, Kind> {
    static SCHEMA: OnceLock<BTreeMap<String, Kind>> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        ron::from_str(include_str!("schema.ron")).expect("the shipped schema is valid (tested)")
    })
}

/// Keys an envelope may hold besides `data`.
const ENVELOPE_KEYS: &[&str] = &["status", "message", "code", "success", "error", "meta"];

/// Keys an error answer may hold besides the envelope's (Laravel's validation and debug
/// answers); an answer made only of these and the envelope's keys holds no configuration.
const ERROR_KEYS: &[&str] = &["errors", "exception", "file", "line", "trace"];

/// Keys of a paginated answer (Laravel's), which holds one page of a list.
const PAGE_KEYS: &[&str] = &[
    "links",
    "meta",
    "next_page_url",
    "last_page",
    "current_page",
];

/// `status` words that say the call failed.
const FAILED_STATUSES: &[&str] = &["error", "fail", "failed", "failure"];

/// A key every JSON API's answers hold (a record's number): no evidence on its own that an
/// answer is SpamTitan's.
const COMMON_KEYS: &[&str] = &["id"];

/// The resource a REST answer saved alone answers, by its file name as a capture folder's
/// `api/` would have it (`domains.json` the domain list, `policy.json` and `auth.json` a
/// domain's policy and authentication, `<address>.json` a user, `<domain>.json` a domain,
/// anything else `system.<name>`), and the name its settings start with.
fn resource(file_name: &str) -> String {
    let lower = file_name.to_lowercase();
    let stem = decoded(lower.strip_suffix(".json").unwrap_or(&lower));
    let is_domain = stem.contains('.')
        && stem
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'));
    match stem.as_str() {
        "domains" => "domains".into(),
        "policy" | "auth" => stem,
        s if s.contains('@') => "user".into(),
        _ if is_domain => "domain".into(),
        s => format!("system.{}", current_name(s)),
    }
}

/// Why a file saved alone is a REST answer of SpamTitan's: it holds keys `schema.ron` knows
/// for the resource its name maps to (`id` alone is no evidence), or it is the domain list.
/// `None` when it holds none of them: a JSON file of some other program (`package.json`,
/// `tsconfig.json`) is no answer of the appliance's, however it is named.
pub(crate) fn answer_evidence(file_name: &str, text: &str) -> Option<Message> {
    let text = text.trim_start_matches('\u{feff}');
    let value: Json = serde_json::from_str(text).ok()?;
    let resource = resource(file_name);
    if resource == "domains" {
        let items = match &value {
            Json::Object(map) => map.get("data").unwrap_or(&Json::Null),
            other => other,
        };
        let listed = items.as_array().is_some_and(|items| {
            !items.is_empty()
                && items
                    .iter()
                    .all(|i| i.get("domain").is_some_and(Json::is_string))
        });
        return listed.then(|| message!("st-evidence-domain-list"));
    }
    let value = match value {
        Json::Object(mut map) if is_envelope(&map) => map.remove("data").unwrap_or(Json::Null),
        other => other,
    };
    let mut leaves = Vec::new();
    flatten(&value, &resource, &mut leaves);
    let mut known: Vec<String> = leaves
        .iter()
        .map(|(name, _)| schema_key(name))
        .filter(|key| schema().contains_key(key))
        .filter_map(|key| {
            key.strip_prefix(&format!("{resource}."))
                .map(str::to_string)
        })
        .collect();
    known.dedup();
    if known.iter().all(|k| COMMON_KEYS.contains(&k.as_str())) {
        return None;
    }
    let keys = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>();
    Some(message!(
        "st-evidence-rest-answer",
        resource = resource,
        keys = keys.join(", ")
    ))
}

/// Refuses a JSON file saved alone that holds no key of a REST answer, saying what its name
/// makes it and what was expected. One that is no JSON, or the API's error answer, is left to
/// [`read`], which says so with its position or its words.
pub(crate) fn check_lone(path: &str, file_name: &str, text: &str) -> Result<()> {
    let text = text.trim_start_matches('\u{feff}');
    let Ok(value) = serde_json::from_str::<Json>(text) else {
        return Ok(());
    };
    if refusal(&value).is_some() || answer_evidence(file_name, text).is_some() {
        return Ok(());
    }
    let resource = resource(file_name);
    let mut known: Vec<&str> = schema()
        .keys()
        .filter_map(|k| k.strip_prefix(&format!("{resource}.")))
        .filter(|k| !COMMON_KEYS.contains(k))
        .collect();
    if resource == "domains" {
        known = vec!["domain"];
    }
    let said = match known.is_empty() {
        true => message!("st-json-not-an-answer", resource = resource),
        false => message!(
            "st-json-not-an-answer-keys",
            resource = resource,
            keys = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(Error::file(path.to_string(), said))
}

/// Reads one answer; `parts` is its path below `api/`, lower-cased.
pub fn read(parts: &[String], relative: &str, read: &mut FileRead<'_>) -> Result<()> {
    let value = parse(read)?;
    if let Some(why) = error_answer(&value) {
        return Err(Error::file(read.source.path.to_string(), why));
    }
    if parts == ["domains.json"] {
        domain_list(&value, relative, read);
        return Ok(());
    }
    let value = unwrap_envelope(value, read);
    let (scope, prefix) = scope_and_prefix(parts);
    let mut leaves = Vec::new();
    flatten(&value, &current_name(&prefix), &mut leaves);
    for (name, json) in leaves {
        leaf(read, relative, &scope, &name, json);
    }
    if parts.first().is_some_and(|p| p == "domains") && !scope.contains(':') {
        read.changes.push((Change::Domain(scope), 1));
    }
    Ok(())
}

fn parse(read: &FileRead<'_>) -> Result<Json> {
    let text = read.source.text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(Error::file(
            read.source.path.to_string(),
            message!("st-json-empty"),
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        let at = read.source.position(0);
        let line = (e.line() as u32).max(1);
        Error::input(
            Position {
                line,
                column: e.column() as u32,
                line_text: text
                    .lines()
                    .nth(line as usize - 1)
                    .unwrap_or("")
                    .to_string(),
                ..at
            },
            message!("st-json-invalid", reason = e.to_string()),
            message!("st-json-expected"),
        )
    })
}

/// Why an answer is the API's error answer rather than configuration, if it is one: an object
/// of nothing but envelope keys (and `data`) with a failed `status` or `success`, an HTTP
/// error `code`, the rate limiter's `Too Many Attempts`, or no `data` at all
/// (`{"message": ".."}`).
fn error_answer(value: &Json) -> Option<Message> {
    let refusal = refusal(value)?;
    if refusal.said.is_empty() {
        let keys = refusal.keys.join(", ");
        return Some(if refusal.error {
            message!("st-api-error-answer-keys", keys = keys)
        } else {
            message!("st-api-status-answer-keys", keys = keys)
        });
    }
    let details = refusal.said.join(", ");
    Some(if refusal.error {
        message!("st-api-error-answer", details = details)
    } else {
        message!("st-api-status-answer", details = details)
    })
}

/// An answer that is no configuration: the API's error answer, or only status keys.
pub(crate) struct Refusal {
    /// An error answer (a failed status, an HTTP error code, the rate limiter), not only
    /// status keys.
    pub error: bool,
    /// What it says, each shortened and quoted: `status "error"`, `code 404`, its message.
    pub said: Vec<String>,
    /// Its keys, quoted, for an answer that says nothing else.
    pub keys: Vec<String>,
}

/// The answer as a [`Refusal`], if it is one (see [`error_answer`]).
pub(crate) fn refusal(value: &Json) -> Option<Refusal> {
    let Json::Object(map) = value else {
        return None;
    };
    let text = |key: &str| map.get(key).and_then(Json::as_str).map(str::trim);
    let code = map.get("code").and_then(|c| match c {
        Json::Number(n) => n.as_u64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    let failed_status = text("status")
        .is_some_and(|s| FAILED_STATUSES.contains(&s.to_lowercase().as_str()))
        || map.get("success") == Some(&Json::Bool(false));
    let error_code = code.is_some_and(|c| (400..600).contains(&c));
    let throttled = text("message").is_some_and(|m| m.to_lowercase().contains("too many attempts"));
    // An answer with settings of its own beside a `status` (a cluster's state) is configuration.
    let envelope_only = map.keys().all(|k| {
        k == "data" || ENVELOPE_KEYS.contains(&k.as_str()) || ERROR_KEYS.contains(&k.as_str())
    });
    let only_status = !map.contains_key("data") && !map.is_empty();
    if !envelope_only || !(failed_status || error_code || throttled || only_status) {
        return None;
    }
    let mut said = Vec::new();
    if let Some(status) = map.get("status") {
        said.push(format!("status {}", shown(status)));
    }
    if let Some(code) = map.get("code") {
        said.push(format!("code {}", shown(code)));
    }
    for key in ["message", "error"] {
        if let Some(message) = map.get(key) {
            said.push(shown(message));
        }
    }
    let keys = map
        .keys()
        .map(|k| shown(&Json::String(k.clone())))
        .collect();
    Some(Refusal {
        error: failed_status || error_code || throttled,
        said,
        keys,
    })
}

/// A value of an untrusted answer for a message: short, control characters escaped.
fn shown(value: &Json) -> String {
    let text = match value {
        Json::Number(_) | Json::Bool(_) | Json::Null => return value.to_string(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    };
    let short: String = text.chars().take(80).collect();
    format!("{short:?}")
}

/// `api/domains.json`, the answer of `GET /restapi/domains`: an array of domains, each read as
/// `api/domains/<domain>.json` would be. Any other shape is one note, not system settings.
fn domain_list(value: &Json, relative: &str, read: &mut FileRead<'_>) {
    let items = match value {
        Json::Array(items) => items.as_slice(),
        // A paginated answer (`{"data": [..], "links": .., "meta": ..}`) holds one page.
        Json::Object(map) => match map.get("data") {
            Some(Json::Array(items)) => {
                if PAGE_KEYS.iter().any(|k| map.contains_key(*k)) {
                    read.notes
                        .push(Note::warning(1, message!("st-domains-one-page")));
                }
                items.as_slice()
            }
            _ => &[],
        },
        _ => &[],
    };
    let name_of = |item: &Json| {
        item.get("domain")
            .and_then(Json::as_str)
            .map(str::trim)
            .filter(|d| !d.is_empty() && !d.contains(char::is_whitespace))
            .map(domain)
    };
    if items.is_empty() || !items.iter().all(|i| i.is_object() && name_of(i).is_some()) {
        read.notes.push(Note::unrecognized(
            1,
            relative,
            crate::message!("unread-st-domain-list"),
        ));
        return;
    }
    for item in items {
        let scope = name_of(item).unwrap_or_default();
        let mut leaves = Vec::new();
        flatten(item, "domain", &mut leaves);
        for (name, json) in leaves {
            leaf(read, relative, &scope, &name, json);
        }
        read.changes.push((Change::Domain(scope), 1));
    }
}

/// Whether an answer is a `{"status": .., "data": ..}` envelope.
fn is_envelope(map: &serde_json::Map<String, Json>) -> bool {
    map.contains_key("data")
        && map.len() > 1
        && map
            .keys()
            .all(|k| k == "data" || ENVELOPE_KEYS.contains(&k.as_str()))
}

/// The answer inside a `{"status": .., "data": ..}` envelope, with a note; else as it is.
fn unwrap_envelope(value: Json, read: &mut FileRead<'_>) -> Json {
    let Json::Object(mut map) = value else {
        return value;
    };
    if !is_envelope(&map) {
        return Json::Object(map);
    }
    let said = match map.get("status") {
        Some(status) => message!("st-data-envelope-status", status = status.to_string()),
        None => message!("st-data-envelope"),
    };
    read.notes.push(Note::warning(1, said));
    map.remove("data").unwrap_or(Json::Null)
}

/// The scope and the setting prefix of an answer, by its path below `api/`.
fn scope_and_prefix(parts: &[String]) -> (String, String) {
    let stem = |s: &String| s.trim_end_matches(".json").to_string();
    let joined = |rest: &[String]| rest.iter().map(stem).collect::<Vec<_>>().join(".");
    match parts {
        [first, d] if first == "domains" => (domain(&decoded(&stem(d))), "domain".into()),
        [first, d, rest @ ..] if first == "domains" => (domain(&decoded(d)), joined(rest)),
        [first, u] if first == "users" => (format!("user:{}", decoded(&stem(u))), "user".into()),
        rest => (SYSTEM.to_string(), joined(rest)),
    }
}

/// A file or folder name as the scope it names: a URL-encoded one (`ceo%40example.com`, as a
/// capture script that saved the request path writes it) decoded.
fn decoded(name: &str) -> String {
    super::address::percent_decoded(name).unwrap_or_else(|| name.to_string())
}

fn flatten<'j>(value: &'j Json, name: &str, out: &mut Vec<(String, &'j Json)>) {
    match value {
        Json::Object(map) => {
            for (key, v) in map {
                flatten(v, &format!("{name}.{}", current_name(key)), out);
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, &format!("{name}.{i}"), out);
            }
        }
        leaf => out.push((name.to_string(), leaf)),
    }
}

/// The schema's name for a setting: array indexes as `*`.
fn schema_key(name: &str) -> String {
    name.split('.')
        .map(|s| {
            if s.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// One leaf of the answer into a change: a typed setting, the host, or a raw item.
fn leaf(read: &mut FileRead<'_>, relative: &str, scope: &str, name: &str, json: &Json) {
    let kind = schema().get(&schema_key(name)).copied();
    let raw = |answer: String, hidden: Option<u64>| Change::Raw {
        key: format!("{scope}/{name}"),
        raw: Raw {
            hidden,
            ..Raw::new(relative.to_string(), vec![answer])
        },
    };
    let change = match (kind, json) {
        (_, Json::Null) => raw("null: unset on the appliance".into(), None),
        (None, json) => match super::SECRETS.names().matches(name) {
            true => {
                let hidden = Raw::hide(&[&json.to_string()]);
                raw(crate::base::secrets::MASK.into(), Some(hidden))
            }
            false => raw(json.to_string(), None),
        },
        (Some(Kind::Host), Json::String(host)) => Change::Host(host.clone()),
        (Some(kind), json) => match typed(kind, json) {
            Some((value, coerced)) => {
                if coerced {
                    read.notes.push(Note::warning(
                        1,
                        message!(
                            "st-coerced",
                            name = name.to_string(),
                            json = json.to_string(),
                            value = value.to_string()
                        ),
                    ));
                }
                Change::Setting {
                    scope: scope.to_string(),
                    name: name.to_string(),
                    value,
                }
            }
            None => {
                read.notes.push(Note::unrecognized(
                    1,
                    &format!("{name}: {json}"),
                    crate::message!("unread-st-value-type"),
                ));
                return;
            }
        },
    };
    read.changes.push((change, 1));
}

/// A JSON value as a known key's type, and whether it had to be coerced.
fn typed(kind: Kind, json: &Json) -> Option<(Value, bool)> {
    let text = match json {
        Json::String(s) => Some(s.trim()),
        _ => None,
    };
    match kind {
        Kind::Bool => match json {
            Json::Bool(b) => Some((Value::Bool(*b), false)),
            Json::Number(n) => match n.as_f64() {
                Some(1.0) => Some((Value::Bool(true), true)),
                Some(0.0) => Some((Value::Bool(false), true)),
                _ => None,
            },
            _ => match text?.to_lowercase().as_str() {
                "true" | "yes" | "on" | "1" => Some((Value::Bool(true), true)),
                "false" | "no" | "off" | "0" => Some((Value::Bool(false), true)),
                _ => None,
            },
        },
        Kind::Int | Kind::Number => number(kind, json, text),
        Kind::Text | Kind::Word | Kind::Secret | Kind::Host => {
            let (s, coerced) = match json {
                Json::String(s) => (s.clone(), false),
                Json::Number(n) => (n.to_string(), true),
                Json::Bool(b) => (b.to_string(), true),
                _ => return None,
            };
            let value = match kind {
                Kind::Secret => Value::Secret(Secret(s)),
                Kind::Word => Value::Text(current_word(&s).map_or(s, str::to_string)),
                _ => Value::Text(s),
            };
            Some((value, coerced))
        }
    }
}

/// A number: whole numbers as integers (`6`, `6.0`, `"6"`), others in their shortest decimal
/// form (`5.5`) where the key may hold a fraction.
fn number(kind: Kind, json: &Json, text: Option<&str>) -> Option<(Value, bool)> {
    let (n, from_text) = match json {
        Json::Number(n) => (n.as_f64()?, false),
        _ => (text?.parse::<f64>().ok()?, true),
    };
    if !n.is_finite() {
        return None;
    }
    let whole = n.fract() == 0.0 && n.abs() < 9.0e15;
    let written_whole = matches!(json, Json::Number(j) if j.is_i64() || j.is_u64());
    if whole {
        return Some((Value::Int(n as i64), from_text || !written_whole));
    }
    (kind == Kind::Number).then(|| (Value::Text(n.to_string()), from_text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::message::Arg;

    #[test]
    fn the_shipped_schema_is_valid() {
        assert_eq!(schema()["policy.qreport_enabled"], Kind::Bool);
    }

    #[test]
    fn known_keys_are_typed_and_coercion_is_said() {
        let t = |kind, json: &str| typed(kind, &serde_json::from_str(json).unwrap());
        assert_eq!(t(Kind::Bool, "true"), Some((Value::Bool(true), false)));
        assert_eq!(t(Kind::Bool, "\"true\""), Some((Value::Bool(true), true)));
        assert_eq!(t(Kind::Bool, "1"), Some((Value::Bool(true), true)));
        assert_eq!(t(Kind::Number, "6"), Some((Value::Int(6), false)));
        assert_eq!(t(Kind::Number, "6.0"), Some((Value::Int(6), true)));
        assert_eq!(t(Kind::Number, "\"6\""), Some((Value::Int(6), true)));
        assert_eq!(
            t(Kind::Number, "5.5"),
            Some((Value::Text("5.5".into()), false))
        );
        assert_eq!(t(Kind::Int, "5.5"), None);
        assert_eq!(t(Kind::Bool, "\"maybe\""), None);
    }

    #[test]
    fn error_answers_are_told_from_configuration() {
        let error = |json: &str| error_answer(&serde_json::from_str(json).unwrap());
        for answer in [
            r#"{"status":"error","message":"Domain not found","code":404}"#,
            r#"{"message":"Too Many Attempts."}"#,
            r#"{"status":"FAIL","data":{"spam_kill_level":6}}"#,
            r#"{"success":false,"data":null}"#,
            r#"{"code":"429"}"#,
            r#"{"message":"The given data was invalid.","errors":{"domain":["required"]}}"#,
        ] {
            assert!(error(answer).is_some(), "{answer}");
        }
        for config in [
            r#"{"role":"primary","status":"failed"}"#,
            r#"{"status":"success","code":200,"data":{"spam_kill_level":6}}"#,
            r#"{"spam_kill_level":6}"#,
            r#"[{"domain":"example.com"}]"#,
        ] {
            assert_eq!(error(config), None, "{config}");
        }
        let said = error("{\"message\":\"Too Many Attempts.\\u001b[2J\"}").unwrap();
        assert_eq!(said.id, "st-api-error-answer");
        let Some(Arg::Text(details)) = said.arg("details") else {
            panic!("{said:?}")
        };
        assert!(
            details.contains("Too Many Attempts") && !details.contains('\u{1b}'),
            "{details}"
        );
        let said = error(r#"{"success":false,"data":null}"#).unwrap();
        assert_eq!(said.id, "st-api-error-answer-keys", "{said:?}");
    }
}

//! The SpamTitan capabilities: release notes, the capture script, restore scripts (bash calling
//! the REST and legacy APIs with curl, by the forms in `api.ron`; every value shell-quoted) and
//! the UI's import files.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::base::message::Message;
use crate::emit::{percent_encode, Bash, Command, Dialect};
use crate::knowledge::{Release, Step};
use crate::model::{Config, SYSTEM};
use crate::vendors::{CapturePlan, ImportFiles, Knowledge, RestoreScript};

use super::SpamTitan;

/// Whether a public source shows a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
enum Evidence {
    /// A public client makes this call.
    C,
    /// Inferred: no public source shows it.
    I,
}

/// A call settings are written with.
#[derive(Debug, Deserialize)]
struct Call {
    /// A legacy call: a GET with a query, answering XML whose `stat` must be ok.
    legacy: bool,
    method: String,
    path: String,
    /// Fields every call carries first (`name=$scope`).
    base: Vec<(String, String)>,
    /// Whether one call takes a domain's fields together.
    grouped: bool,
    /// How the call writes a flag: (on, off).
    flags: (String, String),
    /// Whether a public source shows the call. The setting commands (`send`, `field`) have no
    /// `--inferred` mark, so an inferred call is refused where api.ron is loaded.
    source: Evidence,
}

/// Which call writes some settings, with the fields it sends.
#[derive(Debug, Deserialize)]
struct SettingForm {
    settings: Vec<String>,
    call: String,
    fields: Vec<(String, String)>,
}

#[derive(Debug, Deserialize)]
struct Create {
    method: String,
    path: String,
    json: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct Destination {
    call: String,
    field: String,
}

#[derive(Debug, Deserialize)]
struct DomainForms {
    lookup: String,
    create: Create,
    destination: Destination,
}

#[derive(Debug, Deserialize)]
struct PolicyMap {
    legacy: (String, String),
    rest: Vec<(String, String)>,
}

#[derive(Debug, Deserialize)]
struct ListForm {
    list: String,
    add: String,
    source: Evidence,
}

/// Settings the appliance takes in one call: compared and restored whole.
#[derive(Debug, Deserialize)]
pub(crate) struct Record {
    /// The field that says which of the others the record has.
    pub mode: String,
    /// Every field, the mode among them.
    pub settings: Vec<String>,
    /// The export that holds the record, where no API call reads it.
    pub export: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Api {
    read_only: Vec<String>,
    records: Vec<Record>,
    domain: DomainForms,
    calls: BTreeMap<String, Call>,
    settings: Vec<SettingForm>,
    policy_map: Vec<PolicyMap>,
    lists: BTreeMap<String, ListForm>,
}

/// The global lists (`allow`, `block`): one a capture did not list is written as not
/// captured. A domain's or a user's lists are only as known as the captures that hold them.
pub(super) fn known() -> crate::model::canonical::Known {
    let names = api().lists.keys().cloned().collect();
    crate::model::canonical::Known {
        lists: BTreeMap::from([("global".to_string(), names)]),
        ..Default::default()
    }
}

fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| {
        let api: Api =
            ron::from_str(include_str!("api.ron")).expect("the shipped api.ron is valid (tested)");
        for form in &api.settings {
            assert!(
                api.calls.contains_key(&form.call),
                "api.ron: no call {}",
                form.call
            );
        }
        // Every output that prints an inferred call shows the mark; the script's setting
        // commands cannot, so api.ron marks no call inferred until they do.
        for (name, call) in &api.calls {
            assert!(
                call.source == Evidence::C,
                "api.ron: the call {name} is inferred, and a setting command cannot say so"
            );
        }
        api
    })
}

/// The records of settings the appliance takes in one call.
pub(crate) fn records() -> &'static [Record] {
    &api().records
}

/// The record a setting (`domain.verification_server`) is a field of.
pub(crate) fn record_of(name: &str) -> Option<&'static Record> {
    records()
        .iter()
        .find(|r| r.settings.iter().any(|s| s == name))
}

/// The bash every restore script starts with: host and token from the environment, never
/// written into the script; `--dry-run` prints each call instead of making it, as if the
/// appliance had none of what the script puts back.
const PROLOGUE: &str = r#"#
# Usage: ST_HOST=<appliance> ST_TOKEN=<REST API token> bash <this script> [--dry-run]
#
# Running it twice changes nothing more: a domain is looked up by name before it is created,
# and a list entry is added only when its list does not hold it yet. Every call retries what
# curl counts as transient (a timeout, HTTP 408, 429 "too many requests", 500, 502, 503, 504)
# up to 5 times, waiting 1 s and then twice as long each time, or as long as a Retry-After
# header asks; a call that still fails stops the script. The legacy API answers XML: an answer
# whose stat is not ok stops the script too. A line marked --inferred relies on a call no
# public source shows: if it fails, make that change in the web UI and run the rest.
set -euo pipefail
dry_run=false
if [ "${1:-}" = "--dry-run" ]; then dry_run=true; fi
: "${ST_HOST:?set ST_HOST to the host name of the appliance}"
if [ "$dry_run" = false ]; then
    : "${ST_TOKEN:?set ST_TOKEN to a REST API token}"
    # The token reaches curl in a file only its owner reads, never on a command line that
    # `ps` shows to every user of the machine.
    auth=$(mktemp) || exit 1
    trap 'rm -f "$auth"' EXIT
    printf 'Authorization: Bearer %s\n' "$ST_TOKEN" > "$auth"
fi
# One call: api <method> <path> [<curl options>]; its data, if any, on standard input (@-).
api() {
    local method=$1 path=$2
    shift 2
    if [ "$dry_run" = true ]; then
        printf '%s %s' "$method" "$path"
        printf ' %q' "$@"
        local arg
        for arg in "$@"; do
            # The data of a call comes on standard input, never on the command line.
            if [ "$arg" = "@-" ]; then printf ' <%q' "$(cat)"; fi
        done
        printf '\n'
        return 0
    fi
    curl --fail --silent --show-error --path-as-is --retry 5 -X "$method" \
        -H @"$auth" "https://$ST_HOST$path" "$@"
}
# A legacy call: legacy <path>, its query on standard input; the XML answer must say stat ok.
legacy() {
    if [ "$dry_run" = true ]; then api GET "$1" --get --data-binary @-; return 0; fi
    local answer
    answer=$(api GET "$1" --get --data-binary @-) || exit 1
    shopt -s nocasematch
    case $answer in
        *'<stat>ok</stat>'* | *'stat="ok"'*) shopt -u nocasematch; printf '%s\n' "$answer" ;;
        *) shopt -u nocasematch
           printf 'GET %s: the answer does not say stat ok: %q\n' "$1" "${answer:0:300}" >&2
           exit 1 ;;
    esac
}
# Whether exists <path>: GET answers 2xx (yes) or 404 (no); any other answer stops the script.
exists() {
    if [ "$dry_run" = true ]; then printf 'GET %s\n' "$1"; return 1; fi
    local code
    code=$(curl --silent --show-error --path-as-is --retry 5 -o /dev/null -w '%{http_code}' \
        -H @"$auth" "https://$ST_HOST$1") || exit 1
    case $code in
        2??) return 0 ;;
        404) return 1 ;;
        *) printf 'GET %s answered HTTP %s\n' "$1" "$code" >&2; exit 1 ;;
    esac
}
# One call: send legacy|rest <method> <path> <data>.
send() {
    if [ "$1" = legacy ]; then
        printf '%s' "$4" | legacy "$3"
    else
        printf '%s' "$4" | api "$2" "$3" --data-binary @-
        if [ "$dry_run" = false ]; then printf '\n'; fi
    fi
}
# The fields of one call (a form, a legacy edit) are collected for a domain and sent together
# by send_fields, as the API takes them: field legacy|rest <method> <path> <base> <field>.
targets=()
forms=()
field() {
    local key="$1 $2 $3 $4" i=0
    while [ "$i" -lt "${#targets[@]}" ]; do
        if [ "${targets[$i]}" = "$key" ]; then
            forms[i]="${forms[$i]}&$5"
            return 0
        fi
        i=$((i + 1))
    done
    targets+=("$key")
    forms+=("$5")
}
send_fields() {
    local i=0 kind method path base
    while [ "$i" -lt "${#targets[@]}" ]; do
        read -r kind method path base <<< "${targets[$i]}"
        send "$kind" "$method" "$path" "${base:+$base&}${forms[$i]}"
        i=$((i + 1))
    done
    targets=()
    forms=()
}
# A domain by name: domain_ensure <lookup path> <create method> <create path> <JSON body>, then
# the edit that sets the destination of one that exists (as field takes it). POST only creates.
domain_ensure() {
    if exists "$1"; then
        field "${@:5}"
    else
        printf '%s' "$4" | api "$2" "$3" --data-binary @- -H 'Content-Type: application/json'
        if [ "$dry_run" = false ]; then printf '\n'; fi
    fi
}
# Whether holds <XML answer> <entry>: the entry is the whole text of an element, in any case.
holds() {
    local entry=$2 found=1
    entry=${entry//'&'/'&amp;'}
    entry=${entry//'<'/'&lt;'}
    entry=${entry//'>'/'&gt;'}
    shopt -s nocasematch
    case $1 in *">$entry<"*) found=0 ;; esac
    shopt -u nocasematch
    return "$found"
}
# An entry added to a list unless the list holds it already; each list is read once:
# list_add [--inferred] <list path> <add path> <user query> <entry> <add query>.
listed_key=
listed=
noted=
list_add() {
    if [ "$1" = --inferred ]; then
        shift
        case " $noted " in
            *" $2 "*) ;;
            *) noted="$noted $2"
               printf 'note: %s is an inferred call (no public source shows it)\n' "$2" >&2 ;;
        esac
    fi
    if [ "$dry_run" = true ]; then
        if [ "$listed_key" != "$1?$3" ]; then printf '%s' "$3" | legacy "$1"; fi
        listed_key="$1?$3"
        printf '%s' "$5" | legacy "$2"
        return 0
    fi
    if [ "$listed_key" != "$1?$3" ]; then
        listed=$(printf '%s' "$3" | legacy "$1") || exit 1
        listed_key="$1?$3"
    fi
    if holds "$listed" "$4"; then return 0; fi
    printf '%s' "$5" | legacy "$2" > /dev/null
}"#;

/// The prologue every restore script carries, for `apply` to find where its commands start.
pub(super) fn prologue_text() -> &'static str {
    PROLOGUE
}

/// Shell quoting for remedies shown to a person (scripts quote through the emitter).
fn quote(word: &str) -> String {
    Bash.quote(word).unwrap_or_else(|| "''".into())
}

/// The longest domain name DNS allows; a longer scope is no domain, and would not fit a URL.
const MAX_DOMAIN: usize = 253;

/// A scope as one URL path segment: percent-encoded, so `/`, `?` and `#` stay inside it; a
/// segment of only dots, empty or too long is refused (curl is told `--path-as-is` as well).
fn segment(scope: &str) -> Result<String, Message> {
    if scope.is_empty() || scope.chars().all(|c| c == '.') {
        return Err(crate::message!("st-refused-not-a-segment", scope = scope));
    }
    if scope.len() > MAX_DOMAIN {
        return Err(crate::message!("st-refused-too-long", bytes = scope.len()));
    }
    Ok(percent_encode(scope))
}

impl Knowledge for SpamTitan {
    fn releases(&self) -> &'static [Release] {
        super::knowledge::releases()
    }

    fn quote(&self, word: &str) -> String {
        quote(word)
    }

    fn install_patch(&self, name: &str, url: &str, _parameters: &str) -> Vec<Step> {
        vec![install_update(name, url)]
    }

    fn install_package(&self, file: &str, url: &str) -> Vec<Step> {
        vec![install_update(file, url)]
    }

    fn console(&self) -> &'static [crate::knowledge::ConsoleField] {
        super::knowledge::console()
    }

    fn record_of(&self, setting: &str) -> &'static [String] {
        record_of(setting).map_or(&[], |r| r.settings.as_slice())
    }

    /// `cluster.role = standalone` (by-hand.txt) says the appliance is no cluster node.
    fn stands_alone<'c>(
        &self,
        config: &'c Config,
    ) -> Option<(&'c str, &'c crate::model::Item<crate::model::Value>)> {
        config.settings.values().find_map(|settings| {
            settings
                .iter()
                .find(|(name, item)| {
                    name.ends_with("cluster.role") && item.value.to_string() == "standalone"
                })
                .map(|(name, item)| (name.as_str(), item))
        })
    }
}

impl CapturePlan for SpamTitan {
    fn base_commands(&self, _config: &Config) -> Vec<(String, Message)> {
        Vec::new()
    }

    fn script(&self) -> Option<&'static str> {
        Some(include_str!("capture.sh"))
    }

    fn run_script(&self) -> Option<String> {
        Some("carryover capture --vendor spamtitan > capture.sh && bash capture.sh".into())
    }

    fn how_to_recapture(&self) -> Message {
        crate::message!("st-how-to-recapture")
    }
}

impl ImportFiles for SpamTitan {
    fn files(&self, config: &Config) -> Vec<(String, String)> {
        super::import::files(config)
    }

    fn secrets_left_out(&self, config: &Config) -> Vec<String> {
        super::import::secrets_left_out(config)
    }
}

impl RestoreScript for SpamTitan {
    fn how_to_apply(&self, script_name: &str) -> Message {
        crate::message!("st-how-to-apply", script = script_name)
    }

    fn dialect(&self) -> &dyn Dialect {
        &Bash
    }

    fn write_setting(&self, scope: &str, name: &str, value: &str) -> Option<Command> {
        let api = api();
        if api.read_only.iter().any(|r| r == name) {
            return None;
        }
        if name == "domain.destination" {
            return Some(ensure_domain(scope, value));
        }
        // A legacy-vocabulary policy value the REST call takes, mapped.
        if let Some(map) = api
            .policy_map
            .iter()
            .find(|m| m.legacy.0 == name && m.legacy.1.eq_ignore_ascii_case(value))
        {
            let fields: Vec<(String, String)> = map
                .rest
                .iter()
                .filter_map(|(rest, v)| {
                    let form = form_of(rest)?;
                    fields(form, rest, v).into_iter().next()
                })
                .collect();
            let call = form_of(&map.rest.first()?.0)?.call.as_str();
            return Some(write(scope, call, &fields));
        }
        let form = form_of(name)?;
        let call = &api.calls[&form.call];
        let value = match value {
            "on" => call.flags.0.as_str(),
            "off" => call.flags.1.as_str(),
            v => v,
        };
        Some(write(scope, &form.call, &fields(form, name, value)))
    }

    fn write_list_entry(&self, scope: &str, list: &str, entry: &str) -> Option<Command> {
        let form = api().lists.get(list)?;
        let user = (scope != "global").then(|| {
            let user = scope.strip_prefix("user:").unwrap_or(scope);
            format!("user={}", percent_encode(user))
        });
        let mut query = format!("sender={}", percent_encode(entry));
        if let Some(user) = &user {
            query.push('&');
            query.push_str(user);
        }
        let mut command = Command::new("list_add");
        if form.source == Evidence::I {
            command = command.fixed("--inferred");
        }
        Some(
            command
                .arg(form.list.as_str())
                .arg(form.add.as_str())
                .arg(user.unwrap_or_default())
                .arg(entry)
                .arg(query),
        )
    }

    fn enter_scope(&self, domain: &str) -> Option<Command> {
        // A domain's grouped fields are sent when the script leaves it.
        domain.is_empty().then(|| Command::new("send_fields"))
    }

    fn script_start(&self) -> &'static str {
        "#!/usr/bin/env bash"
    }

    fn prologue(&self) -> &'static str {
        PROLOGUE
    }
}

/// The form that writes a setting: the first whose `settings` holds its name.
fn form_of(name: &str) -> Option<&'static SettingForm> {
    api().settings.iter().find(|f| {
        f.settings.iter().any(|s| match s.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix) && name.len() > prefix.len(),
            None => s == name,
        })
    })
}

/// The part of a setting's name its form does not fix, as a field name: after the matched
/// prefix (`auth.imap.server` under `auth.*` is `imap.server`) or after the first dot, with
/// deeper names as bracketed sub-keys (`imap[server]`).
fn field_name(form: &SettingForm, name: &str) -> String {
    let rest = form
        .settings
        .iter()
        .find_map(|s| s.strip_suffix('*').and_then(|p| name.strip_prefix(p)))
        .or_else(|| name.split_once('.').map(|(_, r)| r))
        .unwrap_or(name);
    let mut parts = rest.split('.');
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        out.push('[');
        out.push_str(part);
        out.push(']');
    }
    out
}

/// A field name for a form body: percent-encoded, its sub-key brackets kept as they are.
fn encode_key(key: &str) -> String {
    percent_encode(key).replace("%5B", "[").replace("%5D", "]")
}

/// A `host:port` value split at its port, when it ends in one.
fn host_port(value: &str) -> (&str, Option<&str>) {
    match value.rsplit_once(':') {
        Some((host, port))
            if !host.is_empty() && !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (host, Some(port))
        }
        _ => (value, None),
    }
}

/// The encoded `key=value` fields a form sends for one setting; a field whose placeholder
/// the value cannot fill (a `$port` it lacks) is left out.
fn fields(form: &SettingForm, name: &str, value: &str) -> Vec<(String, String)> {
    let short = field_name(form, name);
    let (host, port) = host_port(value);
    form.fields
        .iter()
        .filter_map(|(key, template)| {
            let v = match template.as_str() {
                "$value" => value.to_string(),
                "$host" => host.to_string(),
                "$port" => port?.to_string(),
                "$name" => short.clone(),
                other => fill(other, &[("$name", &short), ("$value", value)]),
            };
            let k = fill(key, &[("$name", &short)]);
            Some((encode_key(&k), percent_encode(&v)))
        })
        .collect()
}

/// The command that sends `fields` through `call` for `scope`: collected with the domain's
/// other fields when the call is grouped, else one call.
fn write(scope: &str, call_name: &str, fields: &[(String, String)]) -> Command {
    let call = &api().calls[call_name];
    let kind = if call.legacy { "legacy" } else { "rest" };
    let path = match segment(scope) {
        Ok(segment) => fill(&call.path, &[("$scope", &segment)]),
        Err(why) => return Command::new("send").refuse(why),
    };
    let base: Vec<String> = call
        .base
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                encode_key(k),
                percent_encode(&fill(v, &[("$scope", scope)]))
            )
        })
        .collect();
    let data: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
    if data.is_empty() {
        return Command::new("send").refuse(crate::message!("st-refused-no-fields"));
    }
    if call.grouped && scope != SYSTEM {
        return Command::new("field")
            .fixed(kind)
            .fixed(&call.method)
            .arg(path)
            .arg(base.join("&"))
            .arg(data.join("&"));
    }
    let all: Vec<String> = base.into_iter().chain(data).collect();
    Command::new("send")
        .fixed(kind)
        .fixed(&call.method)
        .arg(path)
        .arg(all.join("&"))
}

/// The command that makes a domain exist with its destination: looked up by name, created
/// when it does not exist, its destination edited when it does.
fn ensure_domain(scope: &str, destination: &str) -> Command {
    let forms = &api().domain;
    let segment = match segment(scope) {
        Ok(segment) => segment,
        Err(why) => return Command::new("domain_ensure").refuse(why),
    };
    let body: serde_json::Map<String, serde_json::Value> = forms
        .create
        .json
        .iter()
        .map(|(k, v)| {
            let v = fill(v, &[("$scope", scope), ("$value", destination)]);
            (k.clone(), serde_json::Value::String(v))
        })
        .collect();
    let edit = write(
        scope,
        &forms.destination.call,
        &[(
            encode_key(&forms.destination.field),
            percent_encode(destination),
        )],
    );
    let mut command = Command::new("domain_ensure")
        .arg(fill(&forms.lookup, &[("$scope", &segment)]))
        .fixed(&forms.create.method)
        .arg(forms.create.path.as_str())
        .arg(serde_json::Value::Object(body).to_string());
    // The edit's own words after its verb: legacy|rest METHOD PATH BASE FIELD.
    for word in edit.args().into_iter().skip(1) {
        command = command.arg(word);
    }
    command
}

/// A template with its placeholders filled in one pass, left to right.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    'outer: while !rest.is_empty() {
        for (name, value) in values {
            if let Some(after) = rest.strip_prefix(name) {
                out.push_str(value);
                rest = after;
                continue 'outer;
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

/// An update installed from the console's update page.
fn install_update(name: &str, url: &str) -> Step {
    Step::Console {
        page: "System Setup > System Updates".into(),
        action: crate::knowledge::Text::Said(crate::message!(
            "step-install-update",
            name = name,
            url = url
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_api_is_valid_and_names_its_calls() {
        let api = api();
        assert!(api.calls.contains_key(&api.domain.destination.call));
        for map in &api.policy_map {
            assert!(map.rest.iter().all(|(name, _)| form_of(name).is_some()));
        }
        assert_eq!(api.lists["block"].source, Evidence::I);
    }

    #[test]
    fn deeper_names_are_bracketed_sub_keys() {
        let form = form_of("auth.imap.server").unwrap();
        assert_eq!(field_name(form, "auth.imap.server"), "imap[server]");
        assert_eq!(encode_key("imap[server]"), "imap[server]");
        assert_eq!(
            host_port("ldap.example.com:389"),
            ("ldap.example.com", Some("389"))
        );
        assert_eq!(host_port("ldap.example.com"), ("ldap.example.com", None));
    }

    #[test]
    fn a_scope_no_url_can_hold_is_refused_with_a_message() {
        let why = segment("..").unwrap_err();
        assert_eq!(why.id, "st-refused-not-a-segment");
        assert_eq!(why.arg("scope"), Some(&"..".into()));
        let long = "a".repeat(MAX_DOMAIN + 1);
        let why = segment(&long).unwrap_err();
        assert_eq!(why.id, "st-refused-too-long");
        assert_eq!(
            segment("a b.example").unwrap(),
            percent_encode("a b.example")
        );
    }
}

//! The SpamTitan capabilities: release notes, the capture script, restore scripts (bash calling
//! the REST and legacy APIs with curl, by the forms in `api.ron`; every value shell-quoted) and
//! the UI's import files.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::emit::{percent_encode, Bash, Command, Dialect};
use crate::knowledge::Release;
use crate::model::Config;
use crate::vendors::{CapturePlan, ImportFiles, Knowledge, RestoreScript};

use super::SpamTitan;

#[derive(Debug, Deserialize)]
struct SettingForm {
    prefix: String,
    method: String,
    path: String,
    #[serde(default)]
    json: Option<BTreeMap<String, String>>,
    #[serde(default)]
    form: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Api {
    read_only: Vec<String>,
    settings: Vec<SettingForm>,
    lists: BTreeMap<String, String>,
}

fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| {
        ron::from_str(include_str!("api.ron")).expect("the shipped api.ron is valid (tested)")
    })
}

/// The bash every restore script starts with: host and token from the environment, never
/// written into the script; `--dry-run` prints each call instead of making it.
const PROLOGUE: &str = r#"#
# Usage: ST_HOST=<appliance> ST_TOKEN=<REST API token> bash SCRIPT [--dry-run]
set -euo pipefail
dry_run=false
if [ "${1:-}" = "--dry-run" ]; then dry_run=true; fi
: "${ST_HOST:?set ST_HOST to the host name of the appliance}"
if [ "$dry_run" = false ]; then : "${ST_TOKEN:?set ST_TOKEN to a REST API token}"; fi
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
    curl --fail --silent --show-error --path-as-is -X "$method" \
        -H "Authorization: Bearer $ST_TOKEN" "https://$ST_HOST$path" "$@"
}"#;

/// Shell quoting for remedies shown to a person (scripts quote through the emitter).
fn quote(word: &str) -> String {
    Bash.quote(word).unwrap_or_else(|| "''".into())
}

/// The longest domain name DNS allows; a longer scope is no domain, and would not fit a URL.
const MAX_DOMAIN: usize = 253;

/// A scope as one URL path segment: percent-encoded, so `/`, `?` and `#` stay inside it; a
/// segment of only dots, empty or too long is refused (curl is told `--path-as-is` as well).
fn segment(scope: &str) -> Result<String, String> {
    if scope.is_empty() || scope.chars().all(|c| c == '.') {
        return Err(format!("`{scope}` cannot be a URL path segment"));
    }
    if scope.len() > MAX_DOMAIN {
        return Err(format!("a name of {} bytes is no domain", scope.len()));
    }
    Ok(percent_encode(scope))
}

/// An `api` call whose data goes on standard input.
fn call(method: &str, path: Result<String, String>, data: String) -> Command {
    match path {
        Ok(path) => Command::new("api")
            .fixed(method)
            .arg(path)
            .fixed("--data-binary")
            .fixed("@-")
            .stdin(data),
        Err(why) => Command::new("api").fixed(method).refuse(why),
    }
}

impl Knowledge for SpamTitan {
    fn releases(&self) -> &'static [Release] {
        super::knowledge::releases()
    }

    fn quote(&self, word: &str) -> String {
        quote(word)
    }

    fn install_patch(&self, name: &str, url: &str, _parameters: &str) -> String {
        format!("GUI: System Setup > System Updates: install {name} (from {url})")
    }

    fn install_package(&self, file: &str, url: &str) -> Vec<String> {
        vec![format!(
            "GUI: System Setup > System Updates: install {file} (from {url})"
        )]
    }

    fn console(&self) -> &'static [crate::knowledge::ConsoleField] {
        super::knowledge::console()
    }
}

impl CapturePlan for SpamTitan {
    fn base_commands(&self, _config: &Config) -> Vec<(String, String)> {
        Vec::new()
    }

    fn script(&self) -> Option<&'static str> {
        Some(include_str!("capture.sh"))
    }

    fn run_script(&self) -> String {
        "carryover capture --vendor spamtitan > capture.sh && bash capture.sh".into()
    }

    fn how_to_recapture(&self) -> String {
        "Capture the upgraded appliance again: run the script `carryover capture --vendor \
         spamtitan` prints, and keep the folder it writes."
            .into()
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
    fn how_to_apply(&self, script_name: &str) -> String {
        format!(
            "After the update has finished, run the script from a machine that reaches the \
             appliance's web interface, with a REST API token made in the web UI (Settings > \
             Access/Authentication). First see what it would do:\n\n\
             ```sh\nST_HOST=<appliance> ST_TOKEN=<REST API token> bash {script_name} --dry-run\n```\n\n\
             then run it for real:\n\n\
             ```sh\nST_HOST=<appliance> ST_TOKEN=<REST API token> bash {script_name}\n```\n\n\
             Lines starting with `#` are remarks; a call that fails stops the script."
        )
    }

    fn dialect(&self) -> &dyn Dialect {
        &Bash
    }

    fn write_setting(&self, scope: &str, name: &str, value: &str) -> Option<Command> {
        if api().read_only.iter().any(|r| r == name) {
            return None;
        }
        let form = api()
            .settings
            .iter()
            .find(|f| name.starts_with(&f.prefix))?;
        let short = name
            .strip_prefix(&form.prefix)
            .filter(|s| !s.is_empty())
            .unwrap_or(name);
        let short = short.rsplit('.').next().unwrap_or(short);
        // Flags are sent as 1 and 0, as the APIs take them [I].
        let value = match value {
            "on" => "1",
            "off" => "0",
            v => v,
        };
        // Each placeholder is filled once, from the template: a value holding `$name` stays text.
        let path = segment(scope).map(|scope| {
            fill(
                &form.path,
                &[("$scope", &scope), ("$name", &percent_encode(short))],
            )
        });
        if let Some(json) = &form.json {
            let body: serde_json::Map<String, serde_json::Value> = json
                .iter()
                .map(|(k, v)| {
                    let v = fill(v, &[("$scope", scope), ("$name", short), ("$value", value)]);
                    (k.clone(), serde_json::Value::String(v))
                })
                .collect();
            let body = serde_json::Value::Object(body).to_string();
            let command = call(&form.method, path, body);
            return Some(command.fixed("-H").fixed("Content-Type: application/json"));
        }
        let form_text = form.form.as_deref().unwrap_or("$name=$value");
        let data = fill(
            form_text,
            &[
                ("$name", &percent_encode(short)),
                ("$value", &percent_encode(value)),
            ],
        );
        Some(call(&form.method, path, data))
    }

    fn write_list_entry(&self, scope: &str, list: &str, entry: &str) -> Option<Command> {
        let path = api().lists.get(list)?;
        let mut query = format!("sender={}", percent_encode(entry));
        if scope != "global" {
            let user = scope.strip_prefix("user:").unwrap_or(scope);
            query.push_str(&format!("&user={}", percent_encode(user)));
        }
        Some(call("GET", Ok(path.clone()), query).fixed("--get"))
    }

    fn script_start(&self) -> &'static str {
        "#!/usr/bin/env bash"
    }

    fn prologue(&self) -> &'static str {
        PROLOGUE
    }
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

//! The SpamTitan capabilities: release notes, the capture script, restore scripts (bash calling
//! the REST and legacy APIs with curl, by the forms in `api.ron`; every value shell-quoted) and
//! the UI's import files.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

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
        printf '\n'
        return 0
    fi
    curl --fail --silent --show-error -X "$method" \
        -H "Authorization: Bearer $ST_TOKEN" "https://$ST_HOST$path" "$@"
}"#;

/// Shell quoting: a single-quoted word, `'` written as `'\''`.
fn quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
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

    fn write_setting(&self, scope: &str, name: &str, value: &str) -> Option<String> {
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
        let fill = |t: &str| {
            t.replace("$scope", scope)
                .replace("$name", short)
                .replace("$value", value)
        };
        let path = quote(&fill(&form.path));
        let mut line = format!("api {} {path}", form.method);
        if let Some(json) = &form.json {
            let body: serde_json::Map<String, serde_json::Value> = json
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(fill(v))))
                .collect();
            let body = serde_json::Value::Object(body).to_string();
            line.push_str(&format!(
                " -H 'Content-Type: application/json' --data {}",
                quote(&body)
            ));
        }
        if let Some(form) = &form.form {
            line.push_str(&format!(" --data-urlencode {}", quote(&fill(form))));
        }
        Some(line)
    }

    fn write_list_entry(&self, scope: &str, list: &str, entry: &str) -> Option<String> {
        let path = api().lists.get(list)?;
        let mut line = format!(
            "api GET {path} --get --data-urlencode {}",
            quote(&format!("sender={entry}"))
        );
        if scope != "global" {
            let user = scope.strip_prefix("user:").unwrap_or(scope);
            line.push_str(&format!(
                " --data-urlencode {}",
                quote(&format!("user={user}"))
            ));
        }
        Some(line)
    }

    fn script_start(&self, header: Vec<String>) -> Vec<String> {
        let mut lines = vec!["#!/usr/bin/env bash".to_string()];
        lines.extend(header);
        lines.extend(PROLOGUE.lines().map(str::to_string));
        lines
    }
}

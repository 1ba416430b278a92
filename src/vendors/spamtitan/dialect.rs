//! The SpamTitan side of the vendor-neutral operations: restore scripts are bash calling the
//! REST and legacy APIs with curl, by the forms in `api.ron`; every value is shell-quoted.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::knowledge::Release;
use crate::model::{Config, SourceKind};
use crate::vendors::Dialect;

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

/// SpamTitan Gateway.
pub struct SpamTitan;

impl Dialect for SpamTitan {
    fn releases(&self) -> &'static [Release] {
        super::knowledge::releases()
    }

    /// Shell quoting: a single-quoted word, `'` written as `'\''`.
    fn quote(&self, word: &str) -> String {
        format!("'{}'", word.replace('\'', "'\\''"))
    }

    fn read_setting(&self, _: &str) -> Option<String> {
        None
    }

    fn read_list(&self, _: &str, _: &str) -> Option<String> {
        None
    }

    fn read_message(&self, _: &str, _: &str) -> Vec<String> {
        Vec::new()
    }

    fn list_scopes(&self, config: &Config) -> Vec<String> {
        config.lists.keys().cloned().collect()
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
        let path = self.quote(&fill(&form.path));
        let mut line = format!("api {} {path}", form.method);
        if let Some(json) = &form.json {
            let body: serde_json::Map<String, serde_json::Value> = json
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(fill(v))))
                .collect();
            let body = serde_json::Value::Object(body).to_string();
            line.push_str(&format!(
                " -H 'Content-Type: application/json' --data {}",
                self.quote(&body)
            ));
        }
        if let Some(form) = &form.form {
            line.push_str(&format!(" --data-urlencode {}", self.quote(&fill(form))));
        }
        Some(line)
    }

    fn write_list_entry(&self, scope: &str, list: &str, entry: &str) -> Option<String> {
        let path = api().lists.get(list)?;
        let mut line = format!(
            "api GET {path} --get --data-urlencode {}",
            self.quote(&format!("sender={entry}"))
        );
        if scope != "global" {
            let user = scope.strip_prefix("user:").unwrap_or(scope);
            line.push_str(&format!(
                " --data-urlencode {}",
                self.quote(&format!("user={user}"))
            ));
        }
        Some(line)
    }

    fn capture_script(&self) -> Option<&'static str> {
        Some(include_str!("capture.sh"))
    }

    fn import_files(&self, config: &Config) -> Option<Vec<(String, String)>> {
        Some(super::import::files(config))
    }

    fn script_start(&self, header: Vec<String>) -> Vec<String> {
        let mut lines = vec!["#!/usr/bin/env bash".to_string()];
        lines.extend(header);
        lines.extend(PROLOGUE.lines().map(str::to_string));
        lines
    }

    fn write_message(&self, _: &str, _: &str) -> Option<String> {
        None
    }

    fn write_trusted_host(&self, _: &str, _: &str, _: &str) -> Option<Vec<String>> {
        None
    }

    fn enter_scope(&self, _: &str) -> Option<String> {
        None
    }

    fn identity(&self, _: &str, _: SourceKind) -> Option<String> {
        // A capture directory is one appliance, named by the directory.
        None
    }

    fn volatile(&self) -> &'static [String] {
        &[]
    }

    fn capture_commands(&self, _: &Config) -> Vec<(String, String)> {
        Vec::new()
    }
}

//! The UI's own import files, written from a model: `domains.csv` and allow and block list
//! files in the capture layout, in the 7.09 vocabulary. Reading them back gives the same
//! domains and lists. A secret that is not shown is left empty, never written as a
//! placeholder that an import would take for the value; [`secrets_left_out`] says which.

use crate::model::{Config, Value};

/// The secrets an import file leaves empty, each as a step to do by hand.
pub(crate) fn secrets_left_out(config: &Config) -> Vec<String> {
    let mut out = Vec::new();
    for (domain, _) in config.domains.iter() {
        for (name, item) in config.settings.get(domain).into_iter().flatten() {
            if matches!(item.value, Value::Secret(_)) {
                out.push(format!(
                    "domains.csv: {name} of {domain} is a secret and was left empty: enter it \
                     in the web UI after the import (or write the file with --show-secrets)"
                ));
            }
        }
    }
    out
}

/// `(relative path, contents)` of every import file the model fills.
pub fn files(config: &Config) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut csv = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for (domain, _) in config.domains.iter() {
        let Some(settings) = config.settings.get(domain) else {
            continue;
        };
        let get = |name: &str| {
            settings
                .get(&format!("domain.{name}"))
                .map_or(String::new(), |i| match &i.value {
                    // Left empty: see `secrets_left_out`. `--show-secrets` reveals them first.
                    Value::Secret(_) => String::new(),
                    other => other.to_string(),
                })
        };
        let verification = get("verification");
        let mut row = vec![domain.to_string(), get("destination"), verification.clone()];
        match verification.as_str() {
            "dynamic" => row.push(get("verification_server")),
            "ldap" => {
                for name in [
                    "ldap_server",
                    "ldap_user",
                    "ldap_password",
                    "ldap_filter",
                    "ldap_base",
                    "ldap_attribute",
                ] {
                    row.push(get(name));
                }
            }
            _ => {}
        }
        let group = get("group");
        if !group.is_empty() {
            row.push(group);
        }
        // Writing to memory cannot fail.
        let _ = csv.write_record(&row);
    }
    let domains = String::from_utf8(csv.into_inner().unwrap_or_default()).unwrap_or_default();
    if !domains.is_empty() {
        out.push(("domains.csv".to_string(), domains));
    }
    for (scope, lists) in &config.lists {
        let folder = if scope == "global" {
            "lists/global".to_string()
        } else if let Some(user) = scope.strip_prefix("user:") {
            format!("lists/user/{user}")
        } else {
            format!("lists/domain/{scope}")
        };
        for (list, entries) in lists {
            let mut text = String::new();
            for (entry, _) in entries.iter() {
                text.push_str(entry);
                text.push('\n');
            }
            out.push((format!("{folder}/{list}.txt"), text));
        }
    }
    out
}

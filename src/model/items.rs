//! A flat view of a model: every item with a path, its value as text, and its origin. Diffs,
//! `--provenance` and `--ignore` all work on this view.

use std::borrow::Cow;

use super::{Config, Origin, Value};

/// One item of a [`Config`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef<'a> {
    /// `area/scope/name`, e.g. `settings/system/smtp.fastpath` or
    /// `lists/primary/whitelistto/ml@example.com`.
    pub path: String,
    /// The value as text; `None` for a member of a set, whose path says it all.
    pub value: Option<Cow<'a, str>>,
    /// The value is a secret: compare it, never show it.
    pub secret: bool,
    /// Where the item was read.
    pub at: Origin,
}

impl ItemRef<'_> {
    /// The area: the first segment of the path (`settings`, `lists`, ...).
    pub fn area(&self) -> &str {
        self.path.split('/').next().unwrap_or("")
    }

    /// Whether the value spans several lines (a message or a key).
    pub fn is_multiline(&self) -> bool {
        self.value.as_deref().is_some_and(|v| v.contains('\n'))
    }
}

fn value_text(value: &Value) -> (Cow<'_, str>, bool) {
    match value {
        Value::Secret(s) => (Cow::Borrowed(s.0.as_str()), true),
        Value::Enum(s) | Value::Text(s) => (Cow::Borrowed(s.as_str()), false),
        other => (Cow::Owned(other.to_string()), false),
    }
}

impl Config {
    /// Every item, in path order.
    pub fn items(&self) -> Vec<ItemRef<'_>> {
        let mut items = self.collect_items(true);
        items.sort_by(|a, b| a.path.cmp(&b.path));
        items
    }

    /// Every item but list entries (which [`super::List`] walks faster), in path order.
    pub fn items_without_lists(&self) -> Vec<ItemRef<'_>> {
        let mut items = self.collect_items(false);
        items.sort_by(|a, b| a.path.cmp(&b.path));
        items
    }

    fn collect_items<'a>(&'a self, with_lists: bool) -> Vec<ItemRef<'a>> {
        let mut out = Vec::new();
        let mut push = |path: String, value: Option<Cow<'a, str>>, secret, at| {
            out.push(ItemRef {
                path,
                value,
                secret,
                at,
            })
        };
        let a = &self.appliance;
        for (name, item) in [
            ("hostname", &a.hostname),
            ("fqdn", &a.fqdn),
            ("model", &a.model),
        ] {
            if let Some(i) = item {
                push(
                    format!("appliance/{name}"),
                    Some(Cow::Borrowed(i.value.as_str())),
                    false,
                    i.at,
                );
            }
        }
        if let Some(v) = &a.version {
            push(
                "appliance/version".into(),
                Some(Cow::Owned(v.value.to_string())),
                false,
                v.at,
            );
        }
        for (domain, at) in self.domains.iter() {
            push(format!("domains/{domain}"), None, false, at);
        }
        for (area, scopes) in [("settings", &self.settings), ("messages", &self.messages)] {
            for (scope, items) in scopes {
                for (name, item) in items {
                    let (text, secret) = value_text(&item.value);
                    push(
                        format!("{area}/{scope}/{name}"),
                        Some(text),
                        secret,
                        item.at,
                    );
                }
            }
        }
        for (scope, lists) in self.lists.iter().filter(|_| with_lists) {
            for (list, entries) in lists {
                for (entry, at) in entries.iter() {
                    push(format!("lists/{scope}/{list}/{entry}"), None, false, at);
                }
            }
        }
        for (group, hosts) in &self.trusted_hosts {
            for (host, item) in hosts {
                let key = item.value.key.as_deref().map(Cow::Borrowed);
                push(format!("trusted_hosts/{group}/{host}"), key, false, item.at);
            }
        }
        for (name, item) in &self.keys {
            let (text, secret) = value_text(&item.value.block);
            push(format!("keys/{name}"), Some(text), secret, item.at);
        }
        for (area, map) in [("licenses", &self.licenses), ("updates", &self.updates)] {
            for (name, item) in map {
                push(
                    format!("{area}/{name}"),
                    Some(Cow::Borrowed(item.value.as_str())),
                    false,
                    item.at,
                );
            }
        }
        for (key, item) in &self.raw {
            push(
                format!("raw/{key}"),
                Some(Cow::Owned(item.value.answer.join("\n"))),
                false,
                item.at,
            );
        }
        out
    }
}

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
    /// What masking hid of the item (a secret in a raw command): compared, never shown.
    pub hidden: Option<u64>,
    /// The typed value, for items that have one (settings, messages, keys); the others are
    /// text, or members of a set.
    pub typed: Option<&'a Value>,
    /// Where the item was read.
    pub at: Origin,
}

impl ItemRef<'_> {
    /// The area: the first segment of the path (`settings`, `lists`, ...).
    pub fn area(&self) -> &str {
        self.path.split('/').next().unwrap_or("")
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

    /// How many items hold a secret: a secret value, a private key's block, what masking hid
    /// of a command no catalog knows. Every output that does not show secrets masks them.
    pub fn secrets(&self) -> usize {
        let items = self.collect_items(false);
        items.iter().filter(|item| item.secret).count()
    }

    /// Every item but list entries (which [`super::List`] walks faster), in path order.
    pub(crate) fn items_without_lists(&self) -> Vec<ItemRef<'_>> {
        let mut items = self.collect_items(false);
        items.sort_by(|a, b| a.path.cmp(&b.path));
        items
    }

    /// Every item, area by area, in no particular order.
    fn collect_items(&self, with_lists: bool) -> Vec<ItemRef<'_>> {
        let mut out = Vec::new();
        self.appliance_items(&mut out);
        self.domain_items(&mut out);
        self.setting_and_message_items(&mut out);
        if with_lists {
            self.list_items(&mut out);
        }
        self.trusted_host_items(&mut out);
        self.key_items(&mut out);
        self.license_and_update_items(&mut out);
        self.raw_items(&mut out);
        out
    }

    /// `appliance/hostname`, `appliance/fqdn`, `appliance/model` and `appliance/version`.
    fn appliance_items<'a>(&'a self, out: &mut Vec<ItemRef<'a>>) {
        let a = &self.appliance;
        for (name, item) in [
            ("hostname", &a.hostname),
            ("fqdn", &a.fqdn),
            ("model", &a.model),
        ] {
            if let Some(i) = item {
                let text = Cow::Borrowed(i.value.as_str());
                out.push(item_ref(
                    format!("appliance/{name}"),
                    Some(text),
                    false,
                    i.at,
                ));
            }
        }
        if let Some(v) = &a.version {
            let text = Cow::Owned(v.value.to_string());
            out.push(item_ref(
                "appliance/version".into(),
                Some(text),
                false,
                v.at,
            ));
        }
    }

    /// `domains/<domain>`: members of a set, with no value.
    fn domain_items<'a>(&'a self, out: &mut Vec<ItemRef<'a>>) {
        for (domain, at) in self.domains.iter() {
            out.push(item_ref(format!("domains/{domain}"), None, false, at));
        }
    }

    /// `settings/<scope>/<name>` and `messages/<scope>/<name>`, secrets marked.
    fn setting_and_message_items<'a>(&'a self, out: &mut Vec<ItemRef<'a>>) {
        for (area, scopes) in [("settings", &self.settings), ("messages", &self.messages)] {
            for (scope, items) in scopes {
                for (name, item) in items {
                    let (text, secret) = value_text(&item.value);
                    let path = format!("{area}/{scope}/{name}");
                    let mut item_ref = item_ref(path, Some(text), secret, item.at);
                    item_ref.typed = Some(&item.value);
                    out.push(item_ref);
                }
            }
        }
    }

    /// `lists/<scope>/<list>/<entry>`: members of a set, with no value.
    fn list_items<'a>(&'a self, out: &mut Vec<ItemRef<'a>>) {
        for (scope, lists) in &self.lists {
            for (list, entries) in lists {
                for (entry, at) in entries.iter() {
                    let path = format!("lists/{scope}/{list}/{entry}");
                    out.push(item_ref(path, None, false, at));
                }
            }
        }
    }

    /// `trusted_hosts/<group>/<host>`, valued by the host's key when it was captured.
    fn trusted_host_items<'a>(&'a self, out: &mut Vec<ItemRef<'a>>) {
        for (group, hosts) in &self.trusted_hosts {
            for (host, item) in hosts {
                let key = item.value.key.as_deref().map(Cow::Borrowed);
                out.push(item_ref(
                    format!("trusted_hosts/{group}/{host}"),
                    key,
                    false,
                    item.at,
                ));
            }
        }
    }

    /// `keys/<kind> <public|private> <host>`: the key block, a private one marked secret.
    fn key_items<'a>(&'a self, out: &mut Vec<ItemRef<'a>>) {
        for (name, item) in &self.keys {
            let (text, secret) = value_text(&item.value.block);
            let mut key = item_ref(format!("keys/{name}"), Some(text), secret, item.at);
            key.typed = Some(&item.value.block);
            out.push(key);
        }
    }

    /// `licenses/<feature>` and `updates/<name>`, valued by what the appliance said of each.
    fn license_and_update_items<'a>(&'a self, out: &mut Vec<ItemRef<'a>>) {
        for (area, map) in [("licenses", &self.licenses), ("updates", &self.updates)] {
            for (name, item) in map {
                let text = Cow::Borrowed(item.value.as_str());
                out.push(item_ref(
                    format!("{area}/{name}"),
                    Some(text),
                    false,
                    item.at,
                ));
            }
        }
    }

    /// `raw/<command>`, valued by the answer's lines.
    fn raw_items<'a>(&'a self, out: &mut Vec<ItemRef<'a>>) {
        for (key, item) in &self.raw {
            let answer = Cow::Owned(item.value.answer.join("\n"));
            let hidden = item.value.hidden;
            out.push(ItemRef {
                hidden,
                ..item_ref(
                    format!("raw/{key}"),
                    Some(answer),
                    hidden.is_some(),
                    item.at,
                )
            });
        }
    }
}

fn item_ref(path: String, value: Option<Cow<'_, str>>, secret: bool, at: Origin) -> ItemRef<'_> {
    ItemRef {
        path,
        value,
        secret,
        hidden: None,
        typed: None,
        at,
    }
}

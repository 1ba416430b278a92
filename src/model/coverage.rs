//! What a capture looked at, as ranges: which settings it read, which lists it listed in full,
//! which messages, keys, trusted-host groups (and which of their hosts' keys) and licenses it
//! listed, which files it read.
//!
//! An item missing from a capture is news only inside a range that capture observed: outside
//! it, nobody looked. The record is derived from the [`Change`]s a vendor reads, as
//! [`super::Config::apply`] replays them, so no reader has to keep it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{Change, SourceKind};

/// What a trusted host's key path adds to the host's own (`trusted_hosts/<group>/<host>`).
const KEY_SUFFIX: &str = "/key";

/// The path of a trusted host's key, from the host's item path: the range of the key, which a
/// listing of the host's group does not observe. Diff names it when one side did not.
pub(crate) fn key_path(host_path: &str) -> String {
    format!("{host_path}{KEY_SUFFIX}")
}

/// The ranges one appliance's captures observed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Coverage {
    /// Whether a version was read.
    pub version: bool,
    /// Whether a hardware model was read.
    pub model: bool,
    /// Whether the appliance's name was read (a prompt, a greeting, an export's host line): an
    /// export without its host line names no appliance, and its name is then not compared.
    pub name: bool,
    /// Settings read or written (and confirmed), by scope then name.
    pub settings: BTreeMap<String, BTreeSet<String>>,
    /// Lists listed in full, by scope then list name: a listing, or an export writing a list.
    pub lists: BTreeMap<String, BTreeSet<String>>,
    /// Messages read, by scope then name.
    pub messages: BTreeMap<String, BTreeSet<String>>,
    /// Kinds of keys read: `MTA public`, `MTA private`.
    pub keys: BTreeSet<String>,
    /// Trusted-host groups listed in full.
    pub trusted_host_groups: BTreeSet<String>,
    /// Trusted hosts whose key was observed, as `<group>/<host>`: an export writes each host
    /// with its key, and `trustedhost add` shows the block typed after it. A listing shows the
    /// hosts only, never a key.
    pub trusted_host_keys: BTreeSet<String>,
    /// Whether the licenses were listed.
    pub licenses: bool,
    /// Whether installed updates were listed.
    pub updates: bool,
    /// Domains seen.
    pub domains: BTreeSet<String>,
    /// Whether a listing of every domain was read (a domain export): then a domain, and
    /// everything scoped to it, that the captures lack is observed absent.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub domains_in_full: bool,
    /// Commands the vendor's catalog does not know, by their canonical form, that were run.
    pub raw: BTreeSet<String>,
    /// The files read: capture-folder files (API resources, lists), logs and exports.
    pub files: Vec<String>,
    /// The capture is known to hold nothing at all (the missing side of a file git added or
    /// deleted): every range counts as observed, so everything on the other side is news.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub absent: bool,
    /// With `absent`: the item paths a stored canonical document writes as not captured (a
    /// section, `lists/local/whitelistto`, `appliance/fqdn`): these alone were not observed.
    #[serde(skip)]
    pub written_not_captured: BTreeSet<String>,
}

impl Coverage {
    /// Records what one change shows was observed. `kind` is the kind of the source it was read
    /// from: an export writes each list it holds whole, so its additions count as a listing.
    pub fn record(&mut self, change: &Change, kind: Option<SourceKind>) {
        let export = kind == Some(SourceKind::Export);
        let add = |map: &mut BTreeMap<String, BTreeSet<String>>, scope: &str, name: &str| {
            map.entry(scope.to_string())
                .or_default()
                .insert(name.to_string());
        };
        match change {
            Change::Host(_) => self.name = true,
            Change::UpdateInstalled { .. } | Change::ListRemove { .. } => {}
            Change::Version(_) => self.version = true,
            Change::Model(_) => self.model = true,
            Change::Domain(d) | Change::DomainListed(d) => {
                self.domains.insert(d.clone());
            }
            Change::DomainsListedInFull => self.domains_in_full = true,
            Change::Setting { scope, name, .. } | Change::SettingAbsent { scope, name } => {
                add(&mut self.settings, scope, name)
            }
            Change::ListReplace { scope, list, .. } => add(&mut self.lists, scope, list),
            Change::ListAdd { scope, list, .. } if export => add(&mut self.lists, scope, list),
            Change::ListAdd { .. } => {}
            Change::Message { scope, name, .. } => add(&mut self.messages, scope, name),
            Change::TrustedHost {
                group,
                host,
                host_entry,
            } => self.record_trusted_host(group, host, host_entry.key.is_some(), export),
            Change::TrustedHostsReplace { group, hosts } => {
                self.trusted_host_groups.insert(group.clone());
                // A listing shows no key: a key observed stays so while its host is listed.
                let listed = |key: &String| {
                    let host = key
                        .strip_prefix(group.as_str())
                        .and_then(|k| k.strip_prefix('/'));
                    host.is_none_or(|host| hosts.iter().any(|(h, _)| h == host))
                };
                self.trusted_host_keys.retain(listed);
            }
            Change::Key(key) => {
                let visibility = match key.block {
                    super::Value::Secret(_) => "private",
                    _ => "public",
                };
                self.keys.insert(format!("{} {visibility}", key.kind));
            }
            Change::LicensesReplace(_) => self.licenses = true,
            Change::UpdatesListed(_) => self.updates = true,
            Change::Raw { key, .. } => {
                // A field kept raw under a setting's own path (`system/<name>`: a value set to
                // null, an unknown key) shows that its capture looked at that setting.
                if let Some((scope, name)) = key.split_once('/') {
                    add(&mut self.settings, scope, name);
                }
                self.raw.insert(key.clone());
            }
        }
    }

    /// What was observed of the domain `from`, as observed of `to` (one domain, named
    /// another way).
    pub(crate) fn rename_scope(&mut self, from: &str, to: &str) {
        for map in [&mut self.settings, &mut self.lists, &mut self.messages] {
            if let Some(names) = map.remove(from) {
                map.entry(to.to_string()).or_default().extend(names);
            }
        }
        if self.domains.remove(from) {
            self.domains.insert(to.to_string());
        }
        let renamed = |path: &String| {
            let mut parts: Vec<&str> = path.splitn(3, '/').collect();
            match parts.get_mut(1) {
                Some(scope) if *scope == from => *scope = to,
                _ => return None,
            }
            Some(parts.join("/"))
        };
        let paths: Vec<(String, String)> = (self.written_not_captured.iter())
            .filter_map(|p| renamed(p).map(|r| (p.clone(), r)))
            .collect();
        for (old, new) in paths {
            self.written_not_captured.remove(&old);
            self.written_not_captured.insert(new);
        }
    }

    /// One trusted host added: an export writes its group whole, each host with its key (or
    /// none); elsewhere, the key is observed when the block was typed after the command.
    fn record_trusted_host(&mut self, group: &str, host: &str, with_key: bool, export: bool) {
        if export {
            self.trusted_host_groups.insert(group.to_string());
        }
        let key = format!("{group}/{host}");
        if export || with_key {
            self.trusted_host_keys.insert(key);
        } else {
            self.trusted_host_keys.remove(&key);
        }
    }

    /// Whether an item path (as [`super::Config::items`] names it) lies in a range these
    /// captures observed, so that its absence from them means it is not there.
    pub(crate) fn observes(&self, path: &str) -> bool {
        if self.absent {
            let under = |gap: &String| {
                path.strip_prefix(gap.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            };
            return !self.written_not_captured.iter().any(under);
        }
        let mut parts = path.splitn(2, '/');
        let area = parts.next().unwrap_or("");
        let rest = parts.next().unwrap_or("");
        let in_scope = |map: &BTreeMap<String, BTreeSet<String>>, max: usize| {
            let mut p = rest.splitn(max, '/');
            let (scope, name) = (p.next().unwrap_or(""), p.next().unwrap_or(""));
            map.get(scope).is_some_and(|names| names.contains(name)) || self.no_such_domain(scope)
        };
        match area {
            "appliance" => match rest {
                "version" => self.version,
                "model" => self.model,
                _ => self.name,
            },
            "domains" => self.domains_in_full || self.domains.contains(rest),
            "settings" => in_scope(&self.settings, 2),
            "messages" => in_scope(&self.messages, 2),
            "lists" => in_scope(&self.lists, 3),
            "trusted_hosts" => self.observes_trusted_host(rest),
            "keys" => {
                let kind: Vec<&str> = rest.splitn(3, ' ').take(2).collect();
                self.keys.contains(&kind.join(" "))
            }
            "licenses" => self.licenses,
            "updates" => self.updates,
            "raw" => self.raw.contains(rest),
            _ => false,
        }
    }

    /// Whether `<group>[/<host>]` lies in a trusted-host group listed in full, or, for
    /// `<group>/<host>/key` ([`key_path`]), whether the host's key was observed.
    fn observes_trusted_host(&self, rest: &str) -> bool {
        match rest.strip_suffix(KEY_SUFFIX) {
            Some(host) if host.contains('/') => self.trusted_host_keys.contains(host),
            _ => self
                .trusted_host_groups
                .contains(rest.split('/').next().unwrap_or("")),
        }
    }

    /// Whether `scope` is a domain that a listing of every domain showed the appliance lacks.
    fn no_such_domain(&self, scope: &str) -> bool {
        let domain_like = scope.contains('.') && !scope.contains([':', '@', '/']);
        self.domains_in_full && domain_like && !self.domains.contains(scope)
    }

    /// Whether a whole list lies in an observed range. A stored document read back lists in
    /// full every list it does not write as not captured or partial.
    pub(crate) fn lists_in_full(&self, scope: &str, list: &str) -> bool {
        if self.absent {
            return self.observes(&format!("lists/{scope}/{list}"));
        }
        self.lists.get(scope).is_some_and(|l| l.contains(list))
    }

    /// Whether a setting was observed.
    pub fn setting(&self, scope: &str, name: &str) -> bool {
        self.settings.get(scope).is_some_and(|s| s.contains(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{List, Value};

    #[test]
    fn a_listing_covers_its_list_and_a_single_write_does_not() {
        let mut c = Coverage::default();
        c.record(
            &Change::ListReplace {
                scope: "primary".into(),
                list: "whitelistto".into(),
                entries: List::default(),
            },
            Some(SourceKind::CliLog),
        );
        c.record(
            &Change::ListAdd {
                scope: "local".into(),
                list: "whitelist".into(),
                entry: "a@b.jp".into(),
            },
            Some(SourceKind::CliLog),
        );
        assert!(c.observes("lists/primary/whitelistto/x@y.jp"));
        assert!(!c.observes("lists/local/whitelist/a@b.jp"));
        c.record(
            &Change::ListAdd {
                scope: "local".into(),
                list: "whitelist".into(),
                entry: "a@b.jp".into(),
            },
            Some(SourceKind::Export),
        );
        assert!(c.observes("lists/local/whitelist/other@b.jp"));
    }

    #[test]
    fn settings_keys_and_groups() {
        let mut c = Coverage::default();
        c.record(
            &Change::Setting {
                scope: "system".into(),
                name: "smtp.fastpath".into(),
                value: Value::Bool(true),
            },
            None,
        );
        c.record(
            &Change::TrustedHostsReplace {
                group: "mtagroup".into(),
                hosts: Vec::new(),
            },
            None,
        );
        assert!(c.observes("settings/system/smtp.fastpath"));
        assert!(!c.observes("settings/system/smtp.maxmsgsum"));
        assert!(c.observes("trusted_hosts/mtagroup/192.0.2.1"));
        assert!(!c.observes("keys/MTA public rg01"));
        assert!(!c.observes("licenses/Anti-Spam"));
    }

    #[test]
    fn a_listing_observes_hosts_and_an_export_their_keys() {
        let host = |key: Option<&str>| crate::model::TrustedHost {
            key: key.map(str::to_string),
            elided: false,
        };
        let add = |host_entry, source| {
            let mut c = Coverage::default();
            let change = Change::TrustedHost {
                group: "mtagroup".into(),
                host: "192.0.2.21".into(),
                host_entry,
            };
            c.record(&change, source);
            c
        };
        let key = key_path("trusted_hosts/mtagroup/192.0.2.21");
        assert_eq!(key, "trusted_hosts/mtagroup/192.0.2.21/key");
        // An export writes the group whole, each host with its key or none.
        let mut c = add(host(None), Some(SourceKind::Export));
        assert!(c.observes("trusted_hosts/mtagroup/192.0.2.9"));
        assert!(c.observes(&key));
        // A log's `trustedhost add` shows the key typed after it, and the host alone.
        assert!(add(host(Some("K")), Some(SourceKind::CliLog)).observes(&key));
        let typed = add(host(None), Some(SourceKind::CliLog));
        assert!(!typed.observes(&key));
        assert!(!typed.observes("trusted_hosts/mtagroup/192.0.2.21"));
        // A listing shows the hosts, never a key; a host it leaves out loses its key.
        let listing = |hosts: Vec<(String, u32)>| Change::TrustedHostsReplace {
            group: "mtagroup".into(),
            hosts,
        };
        c.record(&listing(vec![("192.0.2.21".into(), 2)]), None);
        assert!(c.observes(&key));
        c.record(&listing(Vec::new()), None);
        assert!(c.observes("trusted_hosts/mtagroup/192.0.2.21"));
        assert!(!c.observes(&key));
        let mut listed = Coverage::default();
        listed.record(&listing(vec![("192.0.2.21".into(), 2)]), None);
        assert!(listed.observes("trusted_hosts/mtagroup/192.0.2.21"));
        assert!(!listed.observes(&key));
    }
}

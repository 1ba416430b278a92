//! Changes, and replaying them into a [`Config`] in the order the appliance saw them.

use super::{Config, Item, Key, List, Origin, Raw, TrustedHost, Value, Version};

/// One thing a capture says about the appliance. Reads (`smtp get`, `uce listexception`) replace
/// what they show; writes (`smtp set`, `uce addexception`) change it.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The host a prompt or greeting names: short or fully qualified.
    Host(String),
    /// The software version the appliance reports.
    Version(Version),
    /// The hardware model a banner names.
    Model(String),
    /// A delegated (MOS) or configured (SpamTitan) domain.
    Domain(String),
    /// A domain as a listing of the appliance's domains shows it: the form the model keeps
    /// for it, whatever form other lines write it in.
    DomainListed(String),
    /// The capture lists every domain the appliance has (a domain export), so a domain it
    /// lacks is not there.
    DomainsListedInFull,
    /// A setting's value, read or written.
    Setting {
        /// `system` ([`super::SYSTEM`]) or a domain.
        scope: String,
        /// The setting's name, as `area.name` (`smtp.fastpath`).
        name: String,
        /// The value, typed by the vendor's catalog.
        value: Value,
    },
    /// A setting looked at and not set: a field of a record that the record's mode does not
    /// use (recipient verification `none` has no server). Its absence is observed, not "not
    /// captured".
    SettingAbsent {
        /// `system` ([`super::SYSTEM`]) or a domain.
        scope: String,
        /// The setting's name, as `area.name`.
        name: String,
    },
    /// A whole list as shown.
    ListReplace {
        /// `system`, a domain, or another owner the vendor keeps lists under.
        scope: String,
        /// The list's name (`whitelistto`, `allow`).
        list: String,
        /// Every entry the listing shows, each with its line.
        entries: List,
    },
    /// One entry added to a list.
    ListAdd {
        /// The list's scope, as for [`Change::ListReplace`].
        scope: String,
        /// The list's name.
        list: String,
        /// The entry, in canonical form.
        entry: String,
    },
    /// One entry removed from a list; removing an unknown entry changes nothing.
    ListRemove {
        /// The list's scope, as for [`Change::ListReplace`].
        scope: String,
        /// The list's name.
        list: String,
        /// The entry, in canonical form.
        entry: String,
    },
    /// A multi-line text (a message, an autoreply), read or written.
    Message {
        /// `system` or a domain.
        scope: String,
        /// The message's name, as `area.name` (`branding.quotamsg`).
        name: String,
        /// The text.
        value: Value,
    },
    /// One trusted host added, with its key when the capture shows it.
    TrustedHost {
        /// The trusted-host group.
        group: String,
        /// The host, as the appliance names it.
        host: String,
        /// Its key and whether the capture elided it.
        host_entry: TrustedHost,
    },
    /// The hosts of a group as listed; keys already known for them are kept.
    TrustedHostsReplace {
        /// The trusted-host group.
        group: String,
        /// Each host listed, with the line it is on.
        hosts: Vec<(String, u32)>,
    },
    /// An MTA key, public or private, shown by the appliance.
    Key(Key),
    /// The licensed features as listed: each feature, what the appliance said of it, and the
    /// line it is on. Replaces what was known.
    LicensesReplace(Vec<(String, String, u32)>),
    /// Updates a listing shows. It adds to what is known rather than replacing it: the MOS
    /// 4.2.3 note says `update list` leaves some installed patches out.
    UpdatesListed(Vec<(String, String, u32)>),
    /// One update installed during the capture.
    UpdateInstalled {
        /// The update's name.
        name: String,
        /// What the appliance said of it.
        detail: String,
    },
    /// A command the catalog does not know, kept as it was seen.
    Raw {
        /// The command's canonical form (lower case, quoted words), which keys it in
        /// [`Config::raw`].
        key: String,
        /// The command as typed and its answer.
        raw: Raw,
    },
}

/// Two captures that cannot be of one appliance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Why the captures cannot be of one appliance.
    pub message: crate::base::message::Message,
}

impl Config {
    /// Applies one change read at `at`, and records what it shows was observed.
    pub fn apply(&mut self, change: Change, at: Origin) -> Result<(), Conflict> {
        let change = self.in_kept_form(change);
        let kind = self.sources.get(at.source as usize).map(|p| p.kind);
        self.coverage.record(&change, kind);
        match change {
            Change::Host(host) => self.set_host(&host, at)?,
            Change::Version(v) => self.appliance.version = Some(Item { value: v, at }),
            Change::Model(m) => self.appliance.model = Some(Item { value: m, at }),
            Change::Domain(d) | Change::DomainListed(d) => {
                if !self.domains.contains(&d) {
                    self.domains.insert(&d, at);
                }
            }
            // Only what was observed changes: the coverage, recorded for every change.
            Change::DomainsListedInFull => {}
            Change::Setting { scope, name, value } => {
                let scope = self.settings.entry(scope).or_default();
                scope.insert(name, Item { value, at });
            }
            Change::SettingAbsent { scope, name } => {
                if let Some(settings) = self.settings.get_mut(&scope) {
                    settings.remove(&name);
                }
            }
            Change::Message { scope, name, value } => {
                let scope = self.messages.entry(scope).or_default();
                scope.insert(name, Item { value, at });
            }
            Change::ListReplace {
                scope,
                list,
                entries,
            } => {
                self.lists.entry(scope).or_default().insert(list, entries);
            }
            Change::ListAdd { scope, list, entry } => {
                let lists = self.lists.entry(scope).or_default();
                lists.entry(list).or_default().insert(&entry, at);
            }
            Change::ListRemove { scope, list, entry } => {
                if let Some(l) = self.lists.get_mut(&scope).and_then(|s| s.get_mut(&list)) {
                    l.remove(&entry);
                }
            }
            Change::TrustedHost {
                group,
                host,
                host_entry,
            } => {
                let group = self.trusted_hosts.entry(group).or_default();
                group.insert(
                    host,
                    Item {
                        value: host_entry,
                        at,
                    },
                );
            }
            Change::TrustedHostsReplace { group, hosts } => self.replace_hosts(group, hosts, at),
            Change::Key(key) => self.set_key(key, at),
            Change::LicensesReplace(features) => {
                self.licenses = features
                    .into_iter()
                    .map(|(name, detail, line)| (name, located(detail, at, line)))
                    .collect();
            }
            Change::UpdatesListed(updates) => {
                for (name, detail, line) in updates {
                    self.updates.insert(name, located(detail, at, line));
                }
            }
            Change::UpdateInstalled { name, detail } => {
                self.updates.insert(name, Item { value: detail, at });
            }
            Change::Raw { key, raw } => {
                self.raw.insert(key, Item { value: raw, at });
            }
        }
        Ok(())
    }

    /// A group's hosts as listed; keys already known for them are kept.
    fn replace_hosts(&mut self, group: String, hosts: Vec<(String, u32)>, at: Origin) {
        let old = self.trusted_hosts.remove(&group).unwrap_or_default();
        let mut new = std::collections::BTreeMap::new();
        for (host, line) in hosts {
            let entry = match old.get(&host) {
                Some(known) => known.clone(),
                None => Item {
                    value: TrustedHost {
                        key: None,
                        elided: false,
                    },
                    at: Origin {
                        source: at.source,
                        line,
                    },
                },
            };
            new.insert(host, entry);
        }
        self.trusted_hosts.insert(group, new);
    }

    /// A key, named `<kind> <public|private> <host>`.
    fn set_key(&mut self, key: Key, at: Origin) {
        let visibility = match key.block {
            Value::Secret(_) => "private",
            _ => "public",
        };
        let name = format!("{} {} {}", key.kind, visibility, key.host);
        self.keys.insert(name, Item { value: key, at });
    }

    /// Records the host name; the short name and the FQDN are one appliance.
    fn set_host(&mut self, host: &str, at: Origin) -> Result<(), Conflict> {
        let host = super::identity::normalize(host);
        let short = super::identity::short_name(&host).to_string();
        if let Some(known) = &self.appliance.hostname {
            if known.value != short {
                return Err(Conflict {
                    message: crate::message!(
                        "read-two-hosts",
                        first = &known.value,
                        second = &short
                    ),
                });
            }
        } else {
            self.appliance.hostname = Some(Item {
                value: short.clone(),
                at,
            });
        }
        if host.contains('.') {
            match &self.appliance.fqdn {
                // One short name, two domains: two appliances, never merged.
                Some(known) if known.value != host => {
                    return Err(Conflict {
                        message: crate::message!(
                            "read-two-domains",
                            first = &known.value,
                            second = &host,
                            short = &short
                        ),
                    });
                }
                Some(_) => {}
                None => self.appliance.fqdn = Some(Item { value: host, at }),
            }
        }
        Ok(())
    }
}

fn located(value: String, at: Origin, line: u32) -> Item<String> {
    Item {
        value,
        at: Origin {
            source: at.source,
            line,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::message::Arg;
    use crate::model::VendorId;

    const AT: Origin = Origin { source: 0, line: 1 };

    #[test]
    fn short_name_and_fqdn_are_one_appliance() {
        let mut config = Config::new(VendorId("test"));
        config
            .apply(Change::Host("ms01.example.com".into()), AT)
            .unwrap();
        config.apply(Change::Host("ms01".into()), AT).unwrap();
        assert_eq!(config.appliance.hostname.unwrap().value, "ms01");
        assert_eq!(config.appliance.fqdn.unwrap().value, "ms01.example.com");
    }

    #[test]
    fn two_hosts_conflict() {
        let mut config = Config::new(VendorId("test"));
        config.apply(Change::Host("ms01".into()), AT).unwrap();
        let err = config.apply(Change::Host("rg02".into()), AT).unwrap_err();
        assert_eq!(err.message.id, "read-two-hosts");
        assert_eq!(err.message.arg("first"), Some(&Arg::Text("ms01".into())));
        assert_eq!(err.message.arg("second"), Some(&Arg::Text("rg02".into())));
    }

    #[test]
    fn one_short_name_in_two_domains_is_two_appliances() {
        let mut config = Config::new(VendorId("test"));
        config
            .apply(Change::Host("rg01.example.co.jp".into()), AT)
            .unwrap();
        let err = config
            .apply(Change::Host("rg01.osaka.example.net".into()), AT)
            .unwrap_err();
        assert_eq!(err.message.id, "read-two-domains", "{:?}", err.message);
        let text = |name| match err.message.arg(name) {
            Some(Arg::Text(text)) => text.as_str(),
            _ => "",
        };
        assert_eq!(text("first"), "rg01.example.co.jp");
        assert_eq!(text("second"), "rg01.osaka.example.net");
        assert_eq!(text("short"), "rg01");
    }

    #[test]
    fn a_listing_replaces_and_a_write_changes() {
        let mut config = Config::new(VendorId("test"));
        let (scope, list) = ("primary".to_string(), "whitelistto".to_string());
        config
            .apply(
                Change::ListReplace {
                    scope: scope.clone(),
                    list: list.clone(),
                    entries: List::from_entries([("b@x.jp", AT), ("a@x.jp", AT)]),
                },
                AT,
            )
            .unwrap();
        config
            .apply(
                Change::ListRemove {
                    scope: scope.clone(),
                    list: list.clone(),
                    entry: "b@x.jp".into(),
                },
                AT,
            )
            .unwrap();
        let entries: Vec<_> = config.lists[&scope][&list].iter().map(|e| e.0).collect();
        assert_eq!(entries, vec!["a@x.jp"]);
    }
}

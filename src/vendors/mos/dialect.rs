//! The MOS side of the vendor-neutral operations: command forms from the catalog, the domain
//! scopes an exception list can have, the knowledge base.

use crate::knowledge::Release;
use crate::model::{Config, SYSTEM};
use crate::vendors::Dialect;

use super::catalog::{Action, Catalog};
use super::interpret::quote;

/// Mirapoint MOS.
pub struct Mos;

impl Mos {
    /// A command written from its catalog form, with arguments quoted by the protocol's rules.
    fn command(action: &Action, args: &[(&str, &str)]) -> Option<String> {
        let form = Catalog::get().form(action)?;
        let words: Vec<String> = form
            .words
            .iter()
            .map(|w| match w.strip_prefix('$') {
                Some(name) => args
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or_else(|| quote(""), |(_, v)| quote(v)),
                None => w.clone(),
            })
            .collect();
        Some(words.join(" "))
    }
}

impl Dialect for Mos {
    fn releases(&self) -> &'static [Release] {
        super::knowledge::releases()
    }

    fn write_setting(&self, _scope: &str, name: &str, value: &str) -> Option<String> {
        // The scope is the current domain, set by `enter_scope`.
        let (area, name) = name.split_once('.')?;
        Mos::command(
            &Action::SetSetting { area: area.into() },
            &[("name", name), ("value", value)],
        )
    }

    fn write_list_entry(&self, scope: &str, list: &str, entry: &str) -> Option<String> {
        Mos::command(
            &Action::AddEntry,
            &[("scope", scope), ("list", list), ("entry", entry)],
        )
    }

    fn write_message(&self, name: &str, text: &str) -> Option<String> {
        let (area, name) = name.split_once('.')?;
        Mos::command(
            &Action::SetMessage { area: area.into() },
            &[("name", name), ("text", text)],
        )
    }

    fn write_trusted_host(&self, group: &str, host: &str, key: &str) -> Option<Vec<String>> {
        let add = Mos::command(&Action::AddTrustedHost, &[("group", group), ("host", host)])?;
        let mut lines = vec![add];
        // Dot-stuffing: a key line that starts with '.' gets one more, so none ends the block.
        lines.extend(key.lines().map(|l| {
            if l.starts_with('.') {
                format!(".{l}")
            } else {
                l.to_string()
            }
        }));
        lines.push(".".into());
        Some(lines)
    }

    fn enter_scope(&self, domain: &str) -> Option<String> {
        Mos::command(&Action::SetScope, &[("domain", domain)])
    }

    fn identity(&self, text: &str, kind: crate::model::SourceKind) -> Option<String> {
        super::identity::host(text, kind)
    }

    fn volatile(&self) -> &'static [String] {
        &Catalog::get().volatile
    }

    fn quote(&self, word: &str) -> String {
        quote(word)
    }

    fn read_setting(&self, name: &str) -> Option<String> {
        let (area, name) = name.split_once('.')?;
        Mos::command(&Action::GetSetting { area: area.into() }, &[("name", name)])
    }

    fn read_list(&self, scope: &str, list: &str) -> Option<String> {
        Mos::command(&Action::ListEntries, &[("scope", scope), ("list", list)])
    }

    fn read_message(&self, scope: &str, name: &str) -> Vec<String> {
        let Some((area, name)) = name.split_once('.') else {
            return Vec::new();
        };
        let Some(get) = Mos::command(&Action::GetMessage { area: area.into() }, &[("name", name)])
        else {
            return Vec::new();
        };
        if scope == SYSTEM {
            return vec![get];
        }
        let enter = Mos::command(&Action::SetScope, &[("domain", scope)]);
        let leave = Mos::command(&Action::SetScope, &[("domain", "")]);
        enter.into_iter().chain([get]).chain(leave).collect()
    }

    fn list_scopes(&self, config: &Config) -> Vec<String> {
        let catalog = Catalog::get();
        let mut scopes = catalog.exception_scopes.clone();
        scopes.extend(config.domains.iter().map(|(d, _)| d.to_string()));
        for scope in config.lists.keys() {
            if !scopes.contains(scope) {
                scopes.push(scope.clone());
            }
        }
        scopes
    }

    fn capture_commands(&self, config: &Config) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut add = |why: &str, command: Option<String>| {
            if let Some(c) = command {
                out.push((c, why.to_string()));
            }
        };
        add(
            "MOS version: which release notes apply",
            Mos::command(&Action::GetVersion, &[]),
        );
        add(
            "licenses: Upgrades Allowed (N-5)",
            Mos::command(&Action::ListLicenses, &[]),
        );
        add(
            "installed updates and patches",
            Mos::command(&Action::ListUpdates, &[]),
        );
        add(
            "delegated domains",
            Catalog::get()
                .commands
                .iter()
                .find(|c| c.action == Action::ListDomains && c.words.len() == 2)
                .map(|c| c.words.join(" ")),
        );
        for (setting, why) in [
            ("smtp.fastpath", "KI-5: RecipientCheck needs fastpath on"),
            ("smtp.quarantinejunk", "KI-3: re-set after the upgrade"),
            ("smtp.ldaprouting", "KI-3: re-set after the upgrade"),
            ("smtp.maxmsgsum", "F-5: recommended total size limit"),
        ] {
            add(why, self.read_setting(setting));
        }
        add(
            "C-6: trusted hosts for X-Junkmail",
            Mos::command(&Action::ListTrustedHosts, &[("group", "mtagroup")]),
        );
        add(
            "C-6: this box's public MTA key",
            Mos::command(
                &Action::GetKey { private: false },
                &[("kind", "MTA"), ("host", "")],
            ),
        );
        for command in self.read_message(SYSTEM, "branding.quotamsg") {
            add(
                "KI-8: the system over-quota message (inferred command form)",
                Some(command),
            );
        }
        for domain in config
            .domains
            .iter()
            .map(|(d, _)| d.to_string())
            .collect::<Vec<_>>()
        {
            for command in self.read_message(&domain, "branding.quotamsg") {
                add(
                    "KI-8: a delegated domain's over-quota message (kept by the upgrade)",
                    Some(command),
                );
            }
        }
        for scope in self.list_scopes(config) {
            add(
                "KI-6: the export omits whitelistto",
                self.read_list(&scope, "whitelistto"),
            );
        }
        for list in ["whitelist", "blacklist"] {
            add(
                "UCE exceptions, to compare with the export",
                self.read_list("primary", list),
            );
        }
        out
    }
}

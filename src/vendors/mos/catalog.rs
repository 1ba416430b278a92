//! The MOS command catalog, read from `catalog.ron` beside this file.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// What a setting's value is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum SettingType {
    /// On or off (`on`, `yes`, `1`, `enabled`, ...).
    Bool,
    /// A size in bytes.
    Bytes,
    /// A whole number.
    Int,
    /// One of these words, case-folded.
    Enum(Vec<String>),
    /// Any text.
    Text,
}

/// What a command does to the model.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Action {
    /// Shows the MOS version.
    GetVersion,
    /// Shows a setting of an area (`smtp get fastpath`).
    GetSetting {
        /// The settings area (`smtp`).
        area: String,
    },
    /// Sets a setting of an area.
    SetSetting {
        /// The settings area (`smtp`).
        area: String,
    },
    /// Lists an exception list of a scope: the answer replaces what is known of it.
    ListEntries,
    /// Adds an entry to an exception list.
    AddEntry,
    /// Removes an entry from an exception list.
    RemoveEntry,
    /// Adds a trusted host, with its key block after it.
    AddTrustedHost,
    /// Lists the trusted hosts of a group.
    ListTrustedHosts,
    /// Shows an MTA key block.
    GetKey {
        /// The key is private: a secret.
        private: bool,
    },
    /// Lists licensed features.
    ListLicenses,
    /// Lists installed updates.
    ListUpdates,
    /// Installs an update package.
    InstallUpdate,
    /// Shows a message text (a literal).
    GetMessage {
        /// The area (`branding`, `autoreply`).
        area: String,
    },
    /// Sets a message text.
    SetMessage {
        /// The area (`branding`, `autoreply`).
        area: String,
    },
    /// Selects a delegated domain as the scope of what follows.
    SetScope,
    /// Lists delegated domains.
    ListDomains,
    /// Logs in: the answer is a session id, never kept.
    Login,
    /// Session plumbing (`exit`, `quit`, `logout`): no configuration item.
    EndSession,
}

/// One command form of the catalog.
#[derive(Debug, Clone, Deserialize)]
pub struct Command {
    /// Its words; `$name` binds an argument.
    pub words: Vec<String>,
    /// What it does to the model.
    pub action: Action,
    /// Whether a public source attests the form; inferred forms are flagged in output.
    pub confirmed: bool,
    /// The command reads a dot-terminated data block after it.
    #[serde(default)]
    pub reads_block: bool,
}

/// How MOS commands read and write the model, and what else reading needs to know.
#[derive(Debug, Deserialize)]
pub struct Catalog {
    /// Setting types by `area.name`; a setting not listed is text.
    pub settings: BTreeMap<String, SettingType>,
    /// Glob patterns of item paths that change by themselves.
    pub volatile: Vec<String>,
    /// The words in an exception command's domain place that are not domain names.
    pub exception_scopes: Vec<String>,
    /// Hardware models a banner may name.
    pub hardware_models: Vec<String>,
    /// Every command form.
    pub commands: Vec<Command>,
    /// Commands every capture should hold whatever the rules, each with why.
    pub capture: Vec<(Vec<String>, String)>,
}

/// Arguments bound by a match, by placeholder name (without `$`).
pub type Bound<'w> = BTreeMap<&'static str, &'w str>;

impl Catalog {
    /// The catalog shipped with carryover.
    pub fn get() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            ron::from_str(include_str!("catalog.ron"))
                .expect("the shipped catalog.ron is valid (tested)")
        })
    }

    /// The catalog entry whose words match `words` (case-insensitively), with the arguments.
    pub fn lookup<'c, 'w>(&'c self, words: &[&'w str]) -> Option<(&'c Command, Bound<'w>)>
    where
        'c: 'static,
    {
        self.commands.iter().find_map(|command| {
            if command.words.len() != words.len() {
                return None;
            }
            let mut bound = Bound::new();
            for (form, word) in command.words.iter().zip(words) {
                match form.strip_prefix('$') {
                    Some(name) => {
                        bound.insert(name, *word);
                    }
                    None if form.eq_ignore_ascii_case(word) => {}
                    None => return None,
                }
            }
            Some((command, bound))
        })
    }

    /// The command form for an action, for writing scripts: its words with `$` placeholders.
    pub fn form(&self, action: &Action) -> Option<&Command> {
        self.commands.iter().find(|c| &c.action == action)
    }

    /// Whether the command made of these words reads a dot-terminated block.
    pub fn reads_block(&'static self, words: &[&str]) -> bool {
        self.lookup(words).is_some_and(|(c, _)| c.reads_block)
    }

    /// The type of a setting (`smtp.fastpath`); text when the catalog does not list it.
    pub fn setting_type(&self, name: &str) -> &SettingType {
        self.settings.get(name).unwrap_or(&SettingType::Text)
    }

    /// Whether a word is an exception scope (`primary`, ...) rather than a domain name.
    pub fn is_exception_scope(&self, word: &str) -> bool {
        self.exception_scopes
            .iter()
            .any(|s| s.eq_ignore_ascii_case(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalog_loads_and_matches_case_insensitively() {
        let catalog = Catalog::get();
        let (command, bound) = catalog
            .lookup(&["Uce", "ListException", "primary", "whitelistto"])
            .unwrap();
        assert_eq!(command.action, Action::ListEntries);
        assert_eq!(bound["scope"], "primary");
        assert_eq!(bound["list"], "whitelistto");
        assert!(catalog.lookup(&["smtp", "get"]).is_none());
    }

    #[test]
    fn every_write_has_a_form() {
        let catalog = Catalog::get();
        for action in [
            Action::SetSetting {
                area: "smtp".into(),
            },
            Action::AddEntry,
            Action::AddTrustedHost,
            Action::SetMessage {
                area: "branding".into(),
            },
        ] {
            assert!(catalog.form(&action).is_some(), "{action:?}");
        }
    }
}

//! The MOS command catalog, read from `catalog.ron` beside this file.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// What a setting's value is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum SettingType {
    Bool,
    Bytes,
    Int,
    Enum(Vec<String>),
    Text,
}

/// What a command does to the model.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Action {
    GetVersion,
    GetSetting {
        area: String,
    },
    SetSetting {
        area: String,
    },
    ListEntries,
    AddEntry,
    RemoveEntry,
    AddTrustedHost,
    ListTrustedHosts,
    GetKey {
        private: bool,
    },
    ListLicenses,
    ListUpdates,
    InstallUpdate,
    GetMessage {
        area: String,
    },
    SetMessage {
        area: String,
    },
    SetScope,
    ListDomains,
    Login,
    /// Session plumbing (`exit`, `quit`, `logout`): no configuration item.
    EndSession,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Command {
    pub words: Vec<String>,
    pub action: Action,
    /// Whether a public source attests the form; inferred forms are flagged in output.
    pub confirmed: bool,
    /// The command reads a dot-terminated data block after it.
    #[serde(default)]
    pub reads_block: bool,
}

#[derive(Debug, Deserialize)]
pub struct Catalog {
    pub settings: BTreeMap<String, SettingType>,
    /// Glob patterns of item paths that change by themselves.
    pub volatile: Vec<String>,
    pub exception_scopes: Vec<String>,
    pub hardware_models: Vec<String>,
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

    pub fn setting_type(&self, name: &str) -> &SettingType {
        self.settings.get(name).unwrap_or(&SettingType::Text)
    }

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

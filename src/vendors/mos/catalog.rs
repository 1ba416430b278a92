//! The MOS command catalog, read from `catalog.ron` beside this file.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::base::message::Message;

/// What a setting's value is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum SettingType {
    /// A switch, shown as `on` or `off`.
    Bool,
    /// A size in bytes.
    Bytes,
    /// A plain number.
    Int,
    /// One of these words, compared case-insensitively.
    Enum(Vec<String>),
    /// Anything else, kept as text; the type of a setting the catalog does not list.
    Text,
}

/// What a command does to the model.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Action {
    /// `version`: the software version (and often the host and model).
    GetVersion,
    /// `<area> get $name`: one setting's value.
    GetSetting {
        /// The setting's area (`smtp`); the model names it `area.name`.
        area: String,
    },
    /// `<area> set $name $value`: a setting written.
    SetSetting {
        /// The setting's area (`smtp`).
        area: String,
    },
    /// `uce listexception $scope $list`: a whole exception list.
    ListEntries,
    /// `uce addexception $scope $list $entry`: one entry added.
    AddEntry,
    /// `uce deleteexception $scope $list $entry`: one entry removed.
    RemoveEntry,
    /// `trustedhost add $group $host`, followed by the host's key block.
    AddTrustedHost,
    /// `trustedhost list $group`: the hosts of a group.
    ListTrustedHosts,
    /// `key get` or `key getpublic $kind $host`: a key block.
    GetKey {
        /// The private key (a secret) rather than the public one.
        private: bool,
    },
    /// `license status`: the licensed features.
    ListLicenses,
    /// `update list`: installed updates and patches.
    ListUpdates,
    /// `update install $url`: an update installed during the capture.
    InstallUpdate,
    /// `<area> get $name`: a multi-line message.
    GetMessage {
        /// The message's area (`branding`, `autoreply`).
        area: String,
    },
    /// `<area> set $name $text`: a message written.
    SetMessage {
        /// The message's area (`branding`, `autoreply`).
        area: String,
    },
    /// `domain setcurrent $domain`: later commands apply to that domain.
    SetScope,
    /// `domain list`: the delegated domains.
    ListDomains,
    /// `login $user $password` (admin protocol); its answer, a session id, is not kept.
    Login,
    /// Session plumbing (`exit`, `quit`, `logout`): no configuration item.
    EndSession,
}

/// One command form of the catalog.
#[derive(Debug, Clone, Deserialize)]
pub struct Command {
    /// The command's words; a word starting with `$` binds an argument of that name.
    pub words: Vec<String>,
    /// What the command does to the model.
    pub action: Action,
    /// Whether a public source attests the form; inferred forms are flagged in output (the
    /// remedies of `gaps` and `plan` mark them).
    pub confirmed: bool,
    /// The first version that has the form, where a release note says when it appeared
    /// (`smtp get maxmsgsum`: 4.2.3); `None`: every version.
    #[serde(default)]
    pub since: Option<String>,
    /// The last version that has the form; `None`: every later version.
    #[serde(default)]
    pub until: Option<String>,
    /// The command reads a dot-terminated data block after it.
    #[serde(default)]
    pub reads_block: bool,
    /// The name of the one setting or message a form reads or writes, where its words name
    /// it rather than bind it (`ldap get autoreply`): bound as `name` when the form matches,
    /// and the form is used for that name alone.
    #[serde(default)]
    pub name: Option<String>,
}

/// Everything `catalog.ron` says: setting types, command forms, and the lists of words the
/// interpreter needs.
#[derive(Debug, Deserialize)]
pub struct Catalog {
    /// Setting types by `area.name`; a setting not listed is text.
    pub settings: BTreeMap<String, SettingType>,
    /// Glob patterns of item paths that change by themselves.
    pub volatile: Vec<String>,
    /// The scope words of `uce` commands that are not domain names (`primary`, `any`).
    pub exception_scopes: Vec<String>,
    /// The lists of `uce` exceptions each scope has (`whitelistto`).
    pub exception_lists: Vec<String>,
    /// Hardware model names a banner may show (`RG7000`).
    pub hardware_models: Vec<String>,
    /// Every known command form; the first that matches wins.
    pub commands: Vec<Command>,
    /// Commands every capture should hold whatever the rules, each with why.
    pub capture: Vec<(Vec<String>, CaptureWhy)>,
    /// Commands the reader keeps as unknown (no form above), whether a public source attests
    /// each: `(words, confirmed)`.
    #[serde(default)]
    pub raw_forms: Vec<(Vec<String>, bool)>,
    /// The names the read forms' arguments take when `fetch` reads everything.
    #[serde(default)]
    pub reads: Reads,
}

/// The names a read form's arguments take, for reading everything the catalog can read.
#[derive(Debug, Default, Deserialize)]
pub struct Reads {
    /// Exception lists, read in every scope (`whitelist`).
    pub lists: Vec<String>,
    /// Messages, as `area.name`, read in the system and every delegated domain.
    pub messages: Vec<String>,
    /// Trusted-host groups (`mtagroup`).
    pub trusted_host_groups: Vec<String>,
    /// Kinds of public keys (`MTA`); a private key is a secret and never read.
    pub key_kinds: Vec<String>,
}

/// Why every capture should hold a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum CaptureWhy {
    /// The version: which release notes apply.
    Version,
    /// The licenses.
    Licenses,
    /// The installed updates and patches.
    Updates,
    /// The delegated domains, each a scope.
    Domains,
    /// The UCE exceptions, to compare with the export.
    UceExceptions,
}

impl CaptureWhy {
    /// Why, as a message.
    pub fn message(self) -> Message {
        match self {
            CaptureWhy::Version => crate::message!("mos-capture-why-version"),
            CaptureWhy::Licenses => crate::message!("mos-capture-why-licenses"),
            CaptureWhy::Updates => crate::message!("mos-capture-why-updates"),
            CaptureWhy::Domains => crate::message!("mos-capture-why-domains"),
            CaptureWhy::UceExceptions => crate::message!("mos-capture-why-uce-exceptions"),
        }
    }
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

    /// The exception lists of every scope word, and the settings with a type: what a capture
    /// that did not look at them writes as not captured.
    pub fn known(&self) -> crate::model::canonical::Known {
        let lists: std::collections::BTreeSet<String> =
            self.exception_lists.iter().cloned().collect();
        let scopes = self.exception_scopes.iter();
        crate::model::canonical::Known {
            lists: scopes.map(|scope| (scope.clone(), lists.clone())).collect(),
            lists_in_any_scope: lists,
            settings: BTreeMap::from([(
                crate::model::SYSTEM.to_string(),
                self.settings.keys().cloned().collect(),
            )]),
        }
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
            if let Some(name) = &command.name {
                bound.insert("name", name.as_str());
            }
            Some((command, bound))
        })
    }

    /// A known command typed with the wrong number of arguments: the form whose fixed words
    /// (those before its first placeholder) start `words`, when no form matches them all.
    pub fn near_miss(&self, words: &[&str]) -> Option<&Command> {
        self.commands.iter().find(|command| {
            let fixed: Vec<&String> = command
                .words
                .iter()
                .take_while(|w| !w.starts_with('$'))
                .collect();
            command.words.len() != words.len()
                && !fixed.is_empty()
                && fixed.len() <= words.len()
                && fixed
                    .iter()
                    .zip(words)
                    .all(|(f, w)| f.eq_ignore_ascii_case(w))
        })
    }

    /// The command form for an action, for writing scripts: its words with `$` placeholders.
    /// A form for one named setting only (`Command::name`) is not the action's form.
    pub fn form(&self, action: &Action) -> Option<&Command> {
        self.form_named(action, None)
    }

    /// The command form for an action on the setting or message `name`: a form for that name
    /// alone first, else the action's general form.
    pub fn form_named(&self, action: &Action, name: Option<&str>) -> Option<&Command> {
        let of_action = || self.commands.iter().filter(move |c| &c.action == action);
        of_action()
            .find(|c| name.is_some() && c.name.as_deref() == name)
            .or_else(|| of_action().find(|c| c.name.is_none()))
    }

    /// Whether a public source attests the form of a command line (its first line, words
    /// split as the admin protocol quotes them): the form's `confirmed`, or a kept-raw
    /// command's; `None`: no form the catalog knows.
    pub fn confirmed(&'static self, line: &str) -> Option<bool> {
        let first = line.lines().next().unwrap_or("");
        let words = split_words(first);
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        if let Some((command, _)) = self.lookup(&words) {
            return Some(command.confirmed);
        }
        self.raw_forms
            .iter()
            .find(|(form, _)| {
                form.len() <= words.len()
                    && form
                        .iter()
                        .zip(&words)
                        .all(|(f, w)| f.eq_ignore_ascii_case(w))
            })
            .map(|(_, confirmed)| *confirmed)
    }

    /// Whether the form of a command line exists on `version`; a line no form matches does.
    pub fn on_version_line(
        &'static self,
        line: &str,
        version: Option<&crate::model::Version>,
    ) -> bool {
        let words = split_words(line.lines().next().unwrap_or(""));
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        self.lookup(&words)
            .is_none_or(|(command, _)| Self::on_version(command, version))
    }

    /// Whether a command form exists on `version` (its `since` and `until`); an unknown
    /// version has every form.
    pub fn on_version(command: &Command, version: Option<&crate::model::Version>) -> bool {
        let Some(version) = version else {
            return true;
        };
        let parse = |v: &Option<String>| v.as_deref().and_then(crate::model::Version::parse);
        parse(&command.since).is_none_or(|since| *version >= since)
            && parse(&command.until).is_none_or(|until| *version <= until)
    }

    /// Whether the command made of these words reads a dot-terminated block.
    pub fn reads_block(&'static self, words: &[&str]) -> bool {
        self.lookup(words).is_some_and(|(c, _)| c.reads_block)
    }

    /// The type of setting `name` (`smtp.fastpath`); text when the catalog does not list it.
    pub fn setting_type(&self, name: &str) -> &SettingType {
        self.settings.get(name).unwrap_or(&SettingType::Text)
    }

    /// Whether `word` is a `uce` scope word rather than a domain (case-insensitive).
    pub fn is_exception_scope(&self, word: &str) -> bool {
        self.exception_scopes
            .iter()
            .any(|s| s.eq_ignore_ascii_case(word))
    }
}

/// A line's words as the admin protocol quotes them: `"..."` is one word (with `\\` and `\"`
/// inside), kept with its quotes; other words end at white space.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = line.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut word = String::new();
        if c == '"' {
            word.push(chars.next().unwrap_or('"'));
            while let Some(c) = chars.next() {
                word.push(c);
                match c {
                    '\\' => word.extend(chars.next()),
                    '"' => break,
                    _ => {}
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                word.push(c);
                chars.next();
            }
        }
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inferred_forms_are_told_from_confirmed_ones() {
        let catalog = Catalog::get();
        assert_eq!(catalog.confirmed("smtp set fastpath on"), Some(true));
        assert_eq!(
            catalog.confirmed("uce addexception primary whitelistto \"a b@example.com\""),
            Some(false)
        );
        assert_eq!(
            catalog.confirmed("branding set quotamsg {25}\nOver quota.\n"),
            Some(false)
        );
        assert_eq!(catalog.confirmed("key getpublic MTA \"\""), Some(true));
        assert_eq!(catalog.confirmed("filter list"), Some(false));
        assert_eq!(catalog.confirmed("backup status"), Some(true));
        assert_eq!(catalog.confirmed("no such command"), None);
    }

    #[test]
    fn maxmsgsum_is_read_from_4_2_3_on() {
        let catalog = Catalog::get();
        let (form, bound) = catalog.lookup(&["smtp", "get", "maxmsgsum"]).unwrap();
        assert_eq!(bound["name"], "maxmsgsum");
        let v = |s: &str| crate::model::Version::parse(s).unwrap();
        assert!(!Catalog::on_version(form, Some(&v("4.1.9-GA"))));
        assert!(Catalog::on_version(form, Some(&v("4.2.3-GA"))));
        assert!(Catalog::on_version(form, None));
        assert!(!catalog.on_version_line("smtp get maxmsgsum", Some(&v("4.1.9-GA"))));
        assert!(catalog.on_version_line("smtp get maxmsgsum", Some(&v("4.2.3-GA"))));
        assert!(catalog.on_version_line("no such command", Some(&v("4.1.9-GA"))));
        let (fastpath, _) = catalog.lookup(&["smtp", "get", "fastpath"]).unwrap();
        assert!(Catalog::on_version(fastpath, Some(&v("4.1.9-GA"))));
    }

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

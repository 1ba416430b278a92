//! The MOS capabilities: release notes, capture commands and restore scripts, each command
//! written from its form in the catalog with arguments quoted by the protocol's rules.

use encoding_rs::Encoding;

use crate::base::message::Message;
use crate::emit::{one_command, Command, Dialect};
use crate::knowledge::{Release, Step};
use crate::model::{Config, SYSTEM};
use crate::vendors::{CapturePlan, Knowledge, RestoreScript};

use super::catalog::{Action, Catalog};
use super::interpret::{quote, quote_in};
use super::Mos;

/// The MOS CLI as a script dialect: the admin protocol's quoting, a literal (`{N}` and its
/// bytes) for a value with a line break, counted in the encoding the script is sent in with
/// CRLF line breaks, as the appliance counts. A value holding another control character is
/// refused: a CR pasted at the CLI would end the command early (and a Unicode line separator
/// may); so is a value the encoding cannot carry.
pub struct MosCli {
    encoding: &'static Encoding,
}

impl MosCli {
    /// The dialect of a script sent in UTF-8.
    pub const UTF_8: MosCli = MosCli {
        encoding: encoding_rs::UTF_8,
    };

    /// The dialect of a script sent in `encoding` (an encoding a file can be written in:
    /// UTF-16 is written as UTF-8, as encoding_rs writes it).
    pub fn new(encoding: &'static Encoding) -> MosCli {
        MosCli {
            encoding: encoding.output_encoding(),
        }
    }
}

impl Dialect for MosCli {
    fn quote(&self, arg: &str) -> Option<String> {
        let breaks = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
        if arg.chars().any(|c| breaks(c) && !matches!(c, '\n' | '\t')) {
            return None;
        }
        if self.encoding != encoding_rs::UTF_8 && !arg.is_ascii() {
            let (_, _, unmappable) = self.encoding.encode(arg);
            if unmappable {
                return None;
            }
        }
        Some(quote_in(arg, self.encoding))
    }

    fn quote_into(&self, arg: &str, out: &mut String) -> bool {
        // Most values (a list's addresses) are one plain ASCII word, written as they are.
        if plain_word(arg) {
            out.push_str(arg);
            return true;
        }
        crate::emit::pushed(self.quote(arg), out)
    }
}

/// Whether `arg` is a word [`quote_in`] writes as it is, in every encoding: printable ASCII
/// with none of the characters it quotes, and not starting a remark.
fn plain_word(arg: &str) -> bool {
    !arg.is_empty()
        && !arg.starts_with('#')
        && arg
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'(' | b')' | b'\\' | b'"' | b'{' | b'}'))
}

impl Mos {
    /// A command from its catalog form: the form's words fixed, its `$name`s arguments.
    fn emit(action: &Action, args: &[(&str, &str)]) -> Option<Command> {
        let name = args.iter().find(|(n, _)| *n == "name").map(|a| a.1);
        let form = Catalog::get().form_named(action, name)?;
        let mut command = Command::new(form.words.first()?);
        let last = form.words.len().saturating_sub(1);
        for (i, word) in form.words.iter().enumerate().skip(1) {
            command = match word.strip_prefix('$') {
                Some(name) => {
                    let value = args.iter().find(|(n, _)| *n == name).map_or("", |a| a.1);
                    // A literal (`{N}` and its lines) is read back only as a command's last
                    // word, and never before a data block: a line break anywhere else is refused.
                    if value.contains('\n') && (i != last || form.reads_block) {
                        let placeholder = format!("${name}");
                        let why =
                            crate::message!("mos-refused-line-break", placeholder = placeholder);
                        return Some(command.refuse(why));
                    }
                    command.arg(value)
                }
                None => command.fixed(word),
            };
        }
        Some(command)
    }

    /// A command written from its catalog form, as text for a person to type (capture plans):
    /// through the emitter, so a value that cannot be typed safely gives no command.
    fn command(action: &Action, args: &[(&str, &str)]) -> Option<String> {
        one_command(&MosCli::UTF_8, &Mos::emit(action, args)?).ok()
    }
}

impl Knowledge for Mos {
    fn releases(&self) -> &'static [Release] {
        super::knowledge::releases()
    }

    fn quote(&self, word: &str) -> String {
        quote(word)
    }

    fn install_patch(&self, name: &str, url: &str, parameters: &str) -> Vec<Step> {
        let query = if parameters.is_empty() {
            String::new()
        } else {
            format!("?{parameters}")
        };
        vec![install(format!("{name}.mpu5{query}"), url)]
    }

    fn form_confirmed(&self, command: &str) -> Option<bool> {
        Catalog::get().confirmed(command)
    }

    fn form_on_version(&self, command: &str, version: Option<&crate::model::Version>) -> bool {
        Catalog::get().on_version_line(command, version)
    }

    fn install_package(&self, file: &str, url: &str) -> Vec<Step> {
        vec![
            install(file.to_string(), url),
            Step::Prompt {
                prompt: "Some updates can automatically reboot the system. Continue? (y/n)".into(),
                answer: "y".into(),
            },
        ]
    }
}

impl RestoreScript for Mos {
    fn form_confirmed(&self, command: &str) -> Option<bool> {
        Catalog::get().confirmed(command)
    }

    fn dialect(&self) -> &dyn Dialect {
        &MosCli::UTF_8
    }

    fn dialect_in(&self, encoding: &'static Encoding) -> Option<Box<dyn Dialect>> {
        Some(Box::new(MosCli::new(encoding)))
    }

    fn how_to_apply(&self, script_name: &str) -> Message {
        crate::message!("mos-how-to-apply", script = script_name)
    }

    fn write_setting(&self, _scope: &str, name: &str, value: &str) -> Option<Command> {
        // The scope is the current domain, set by `enter_scope`.
        let (area, name) = name.split_once('.')?;
        Mos::emit(
            &Action::SetSetting { area: area.into() },
            &[("name", name), ("value", value)],
        )
    }

    fn write_list_entry(&self, scope: &str, list: &str, entry: &str) -> Option<Command> {
        Mos::emit(
            &Action::AddEntry,
            &[("scope", scope), ("list", list), ("entry", entry)],
        )
    }

    fn list_entry_form(&self, scope: &str, list: &str) -> Option<Command> {
        // The entry must be the form's last word, and its only one, where a line break is a
        // literal in both
        // (`Mos::emit` refuses one anywhere else).
        let form = Catalog::get().form_named(&Action::AddEntry, None)?;
        let entry_last = form.words.last().is_some_and(|w| w == "$entry")
            && form.words.iter().filter(|w| *w == "$entry").count() == 1;
        (entry_last && !form.reads_block).then(|| self.write_list_entry(scope, list, ""))?
    }

    fn write_message(&self, name: &str, text: &str) -> Option<Command> {
        let (area, name) = name.split_once('.')?;
        Mos::emit(
            &Action::SetMessage { area: area.into() },
            &[("name", name), ("text", text)],
        )
    }

    fn write_trusted_host(&self, group: &str, host: &str, key: &str) -> Option<Command> {
        // The key follows as a dot-terminated, dot-stuffed block.
        Some(Mos::emit(&Action::AddTrustedHost, &[("group", group), ("host", host)])?.block(key))
    }

    fn enter_scope(&self, domain: &str) -> Option<Command> {
        Mos::emit(&Action::SetScope, &[("domain", domain)])
    }
}

impl CapturePlan for Mos {
    fn base_commands(&self, _config: &Config) -> Vec<(String, Message)> {
        Catalog::get()
            .capture
            .iter()
            .map(|(words, why)| (words.join(" "), why.message()))
            .collect()
    }

    fn how_to_recapture(&self) -> Message {
        crate::message!("mos-how-to-recapture")
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

    fn read_item(&self, path: &str) -> Vec<String> {
        let parts: Vec<&str> = path.splitn(3, '/').collect();
        let command = match parts.as_slice() {
            ["keys", name] => {
                let words: Vec<&str> = name.splitn(3, ' ').collect();
                let private = words.get(1) == Some(&"private");
                let kind = words.first().copied().unwrap_or("MTA");
                Mos::command(&Action::GetKey { private }, &[("kind", kind), ("host", "")])
            }
            // No command shows a trusted host's key: only a configuration export holds it.
            ["trusted_hosts", _, host] if host.ends_with("/key") => None,
            ["trusted_hosts", group, ..] => {
                Mos::command(&Action::ListTrustedHosts, &[("group", group)])
            }
            ["licenses", ..] => Mos::command(&Action::ListLicenses, &[]),
            ["domains", ..] => Catalog::get()
                .commands
                .iter()
                .find(|c| c.action == Action::ListDomains && c.words.len() == 2)
                .map(|c| c.words.join(" ")),
            ["updates", ..] => Mos::command(&Action::ListUpdates, &[]),
            ["appliance", "version"] => Mos::command(&Action::GetVersion, &[]),
            _ => None,
        };
        command.into_iter().collect()
    }

    fn every_read(&self, config: &Config) -> Vec<Vec<String>> {
        super::fetch::every_read(self, config)
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
}

/// `update install` of a file the admin serves over HTTP, with where to fetch it as a note:
/// the appliance installs only from a URL it can reach.
fn install(file: String, url: &str) -> Step {
    let note = crate::knowledge::Text::Said(crate::message!("step-fetch-from", url = url));
    Step::run_noted(format!("update install http://<your-server>/{file}"), note)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value that would end or split a command line typed at the CLI is refused: a control
    /// character (a CR, a C1 NEL) or a Unicode line or paragraph separator, which a terminal or
    /// a paste may take for a line end. A line break becomes a literal; a plain word is written
    /// as it is, in every encoding, by the path that allocates nothing.
    #[test]
    fn a_value_that_would_break_the_line_is_refused() {
        let quote = |arg: &str| {
            let mut out = String::new();
            MosCli::UTF_8.quote_into(arg, &mut out).then_some(out)
        };
        for refused in [
            "a\rb",
            "a\u{85}b",
            "a\u{2028}b",
            "a\u{2029}b",
            "a\u{1b}[2Jb",
        ] {
            assert_eq!(MosCli::UTF_8.quote(refused), None, "{refused:?}");
            assert_eq!(quote(refused), None, "{refused:?}");
        }
        assert_eq!(quote("a\nb").as_deref(), Some("{4}\na\nb"));
        assert_eq!(quote("a\tb").as_deref(), Some("\"a\tb\""));
        for word in [
            "user0001@example.com",
            "#tag",
            "",
            "a b",
            "(x)",
            "\"q\"",
            "{3}",
        ] {
            assert_eq!(quote(word), MosCli::UTF_8.quote(word), "{word:?}");
            let sjis = MosCli::new(encoding_rs::SHIFT_JIS);
            let mut out = String::new();
            assert!(sjis.quote_into(word, &mut out));
            assert_eq!(Some(out), sjis.quote(word), "{word:?}");
        }
        assert_eq!(
            quote("user0001@example.com").as_deref(),
            Some("user0001@example.com")
        );
    }

    use crate::emit::Script;
    use proptest::prelude::*;

    /// An entry's line as `restore` writes it one by one, and as it writes it from the list's
    /// one form: the text and the result, in a dialect of each kind.
    fn both_ways(
        dialect: &MosCli,
        entry: &str,
    ) -> [(String, Result<(), crate::emit::Unwritable>); 2] {
        let (scope, list) = ("example.co.jp", "whitelistto");
        let mut own = Script::text_only(dialect);
        let own_result = match Mos.write_list_entry(scope, list, entry) {
            Some(command) => own.command(&command),
            None => Ok(()),
        };
        let form = Mos
            .list_entry_form(scope, list)
            .expect("a form for every list");
        let mut from_form = Script::text_only(dialect);
        let form_result = from_form.command_ending_with(&form, entry);
        [
            (own.into_parts().0, own_result),
            (from_form.into_parts().0, form_result),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Every entry, hostile ones included, is written from the list's one form exactly as
        /// on its own: `list_entry_form`'s promise, which `restore` relies on.
        #[test]
        fn an_entry_from_the_list_form_is_the_entry_written_alone(
            entry in "(\\PC|[\n\r\t\u{0}\u{85}\u{202e}\u{2028}\"{}()\\\\ ]){0,12}"
        ) {
            for dialect in [MosCli::UTF_8, MosCli::new(encoding_rs::SHIFT_JIS)] {
                let [own, from_form] = both_ways(&dialect, &entry);
                prop_assert_eq!(own, from_form);
            }
        }
    }

    #[test]
    fn the_list_form_writes_plain_quoted_literal_and_refused_entries_alike() {
        for entry in [
            "user@example.com",
            "a b",
            "",
            "a\nb",
            "a\u{202e}b",
            "a\rb",
            "{3}",
        ] {
            let [own, from_form] = both_ways(&MosCli::UTF_8, entry);
            assert_eq!(own, from_form, "{entry:?}");
        }
        let [written, _] = both_ways(&MosCli::UTF_8, "a b");
        assert_eq!(
            written.0,
            "uce addexception example.co.jp whitelistto \"a b\"\n"
        );
    }
}

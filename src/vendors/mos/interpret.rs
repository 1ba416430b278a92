//! From MOS exchanges to model changes, by the catalog.

use super::syntax::{Answer, CommandLine, CompletionStatus, Exchange, Input, Line, Node, Word};
use crate::base::message::Message;
use crate::message;
use crate::model::{
    canonical_entry, normalize_key_block, Change, Key, List, Origin, Raw, Secret, TrustedHost,
    Value, Version, SYSTEM,
};
use crate::source::habits::is_session_plumbing;
use crate::syntax::lines::lines_from;
use crate::vendors::{Note, NoteKind};

use super::catalog::{Action, Bound, Catalog, SettingType};

/// Reads the nodes of one capture, in order, into changes and notes.
pub struct Interpreter {
    catalog: &'static Catalog,
    /// Exports hold no completions: their writes are applied as they stand.
    writes_need_ok: bool,
    /// What one command leaves to those after it, across the parts of a long log.
    carried: Carried,
    /// The index of the source being read, for origins built here.
    source: u32,
    /// Model changes read so far, with their lines.
    pub changes: Vec<(Change, u32)>,
    /// Lines not understood and problems worked around.
    pub notes: Vec<Note>,
    /// The capture's text, which list entries read as they are stay spans of.
    text: Option<std::sync::Arc<String>>,
    /// A listing whose answer is coming in parts ([`Node::Part`]).
    listing: Option<Listing>,
    /// The lines that held a pager prompt alone (`--More--`), in order.
    pager_lines: std::sync::Arc<[u32]>,
    /// The lines whose pager prompt the terminal erased, in order.
    pager_erased: std::sync::Arc<[u32]>,
    /// What the entries of add and remove commands had to say, by the list they name: said
    /// once per kind and list, with a count, when reading ends ([`Interpreter::finish`]).
    commanded: std::collections::BTreeMap<(String, String), super::entries::Warnings>,
    /// The first and last line of the literal of the command being read, when that command
    /// holds a secret ([`secret_literal`]): a line of it listed as not understood is masked.
    secret_body: Option<(u32, u32)>,
    /// Inside a key block (`#@Mirapoint-Key-1.0` .. `-End`) listed as not understood (a block
    /// typed with no command, or refused): its lines, a private key, are masked.
    in_key_block: bool,
}

/// What a command leaves to the commands after it, and so one part of a long log read on its
/// own core to the next: a part read from another state than the last part left is read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    /// The domain selected by `domain setcurrent`: the scope of a command whose prompt shows
    /// no domain (an export, a transcript, the docs' generic `CLI>`, a pre-4.2 prompt).
    scope: String,
    /// The line of the `domain setcurrent` that selected `scope`, until a host prompt that does
    /// not show the domain is warned of.
    scope_unshown: Option<u32>,
    /// A release's package installed (its line, release and file), until a `version` answer
    /// or a reading after it, which is warned of.
    upgrade: Option<(u32, String, String)>,
}

impl Default for Carried {
    fn default() -> Self {
        Carried {
            scope: SYSTEM.to_string(),
            scope_unshown: None,
            upgrade: None,
        }
    }
}

/// A listing of entries read as its answer comes, so a long one is never held whole: what its
/// parts so far held.
struct Listing {
    /// Where its command line starts in the text, and the line's number: the parts that follow
    /// repeat the command.
    start: usize,
    number: u32,
    /// The scope and list the command names, as bound.
    scope: String,
    list: String,
    /// The scope the command was typed in (a delegated domain selected, or the system).
    selected: String,
    /// The entries read, in the order read.
    entries: List,
    /// What its entries have to say (look-alikes, shapes of a paste), said once per kind when
    /// the listing is read to its end.
    warnings: super::entries::Warnings,
    /// How many notes there were before the listing's own: refused, it keeps none of them.
    notes_before: usize,
    /// Whether an answer line with something on it was seen yet, and whether the first such
    /// says the command line was cut (see [`Interpreter::list_cut`]): that line, trimmed.
    first_seen: bool,
    cut_by: Option<String>,
    /// It came in parts: its lines are no longer at hand, but in the text.
    streamed: bool,
    /// Answer lines with something on them that were read as no entry: the list is then not
    /// known in full, whatever they held.
    unread: usize,
    /// The last answer line read as an entry or as no entry: a pager prompt after it, with only
    /// the completion to come, was quit.
    last_line: u32,
    /// The line a part ended with, when it does not split into words: the next part's first
    /// line may be its rest ([`rejoin_wrapped`]). Its number, offset and text.
    carried: Option<(u32, usize, String)>,
}

impl Interpreter {
    /// An interpreter for the source with index `source`; `writes_need_ok` when the capture
    /// shows completions (a write without one is not applied).
    pub fn new(source: u32, writes_need_ok: bool) -> Interpreter {
        Interpreter {
            catalog: Catalog::get(),
            writes_need_ok,
            source,
            carried: Carried::default(),
            changes: Vec::new(),
            notes: Vec::new(),
            text: None,
            listing: None,
            pager_lines: std::sync::Arc::new([]),
            pager_erased: std::sync::Arc::new([]),
            commanded: Default::default(),
            secret_body: None,
            in_key_block: false,
        }
    }

    /// The same, reading on from where an earlier part of the log left off.
    pub fn carrying(mut self, carried: Carried) -> Self {
        self.carried = carried;
        self
    }

    /// What the commands read so far leave to the next part of the log.
    pub fn carried(&self) -> Carried {
        self.carried.clone()
    }

    /// The changes read, and the notes: with what the entries of add and remove commands had
    /// to say, at the first such entry of each list.
    pub fn finish(mut self) -> (Vec<(Change, u32)>, Vec<Note>) {
        for ((scope, list), warnings) in std::mem::take(&mut self.commanded) {
            self.warn_entries(warnings, &scope, &list);
        }
        (self.changes, self.notes)
    }

    /// The same, for the capture `text`: the lists read keep their entries as spans of its
    /// clean text, and a listing quit at its pager is told by its pager lines.
    pub fn sharing(source: u32, writes_need_ok: bool, text: &crate::source::Source) -> Self {
        Interpreter {
            text: Some(text.text.clone()),
            pager_lines: text.pager_lines.as_slice().into(),
            pager_erased: text.pager_erased_lines.as_slice().into(),
            ..Interpreter::new(source, writes_need_ok)
        }
    }

    fn change(&mut self, change: Change, line: u32) {
        self.changes.push((change, line));
    }

    fn unrecognized(&mut self, line: &Line<'_>, reason: Message) {
        let is_sentinel = |s| super::syntax::literal::is_sentinel(line.text, s);
        let sentinel = is_sentinel("#@mirapoint-key-");
        if sentinel {
            self.in_key_block = !is_sentinel("#@mirapoint-key-end");
        }
        let secret = (!sentinel && self.in_key_block)
            || self
                .secret_body
                .is_some_and(|(first, last)| (first..=last).contains(&line.number));
        let text = if secret {
            crate::base::secrets::MASK.to_string()
        } else {
            line.text.to_string()
        };
        self.notes.push(Note {
            line: line.number,
            kind: NoteKind::Unrecognized(reason),
            text,
        });
    }

    fn warn(&mut self, line: u32, said: Message) {
        self.notes.push(Note {
            line,
            kind: NoteKind::Warning(said),
            text: String::new(),
        });
    }

    /// Takes one node.
    pub fn node(&mut self, node: &Node<'_>) {
        match node {
            Node::Exchange(exchange) => self.exchange(exchange, true),
            Node::Part(exchange) => self.exchange(exchange, false),
            Node::Preamble(line) => {
                let model = self
                    .catalog
                    .hardware_models
                    .iter()
                    .find(|m| {
                        line.text
                            .split(|c: char| !c.is_ascii_alphanumeric())
                            .any(|w| w.eq_ignore_ascii_case(m))
                    })
                    .cloned()
                    .or_else(|| banner_model(line.text));
                match model {
                    Some(m) => self.change(Change::Model(m), line.number),
                    None if is_session_plumbing(line.text) => {}
                    None => self.unrecognized(line, crate::message!("unread-mos-preamble")),
                }
            }
            Node::Greeting(line) => {
                // `* OK host admind 4.2.3 ...`
                let words: Vec<&str> = line.text.split_whitespace().collect();
                match words.iter().position(|w| w.eq_ignore_ascii_case("admind")) {
                    Some(i) if i >= 3 => {
                        self.change(Change::Host(words[i - 1].to_string()), line.number);
                        let version = words.get(i + 1).and_then(|v| self.release(v, line.number));
                        if let Some(v) = version {
                            self.change(Change::Version(v), line.number);
                        }
                    }
                    _ => self.unrecognized(line, crate::message!("unread-mos-greeting")),
                }
            }
            Node::Prompt(_) | Node::Blank(_) => {}
            // `Connection closed by foreign host.` after the last command.
            Node::Stray(line) if is_session_plumbing(line.text) => {}
            Node::Stray(line) => self.unrecognized(line, crate::message!("unread-mos-stray")),
            Node::Comment(line) => self.header(line),
        }
    }

    /// An export's header comment may say `# host: ...`, `# version: ...`; other comments are
    /// remarks, not data.
    fn header(&mut self, line: &Line<'_>) {
        let text = line.text.trim_start_matches('#').trim();
        let banner = text
            .to_ascii_lowercase()
            .starts_with("mirapoint configuration export");
        if banner && !self.changes.is_empty() {
            // `cat a.cfg b.cfg`: what the second sets replaces the first's without a word.
            self.warn(line.number, crate::message!("reading-mos-second-export"));
        }
        let Some((key, value)) = text.split_once([':', '=']) else {
            return;
        };
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "host" | "hostname" if !value.is_empty() => {
                self.change(Change::Host(value.to_string()), line.number)
            }
            "version" => match self.release(value, line.number) {
                Some(v) => self.change(Change::Version(v), line.number),
                None => self.unrecognized(line, crate::message!("unread-mos-header-version")),
            },
            _ => {}
        }
    }

    /// An exchange, whole (`last`) or a part of one whose answer comes in parts.
    fn exchange(&mut self, x: &Exchange<'_>, last: bool) {
        if let Some(listing) = self.listing.take() {
            // The parts of a listing come one after another, up to its last.
            debug_assert_eq!(listing.start, x.command.line.start);
            return self.listing_goes_on(listing, x, last);
        }
        let line = x.command.line;
        self.secret_body = secret_literal(x);
        self.in_key_block = false;
        if let Some(prompt) = &x.command.prompt {
            if !prompt.host.eq_ignore_ascii_case("cli") {
                self.change(Change::Host(prompt.host.to_string()), line.number);
            }
            if let Some(domain) = prompt.domain {
                self.change(Change::Domain(domain.to_ascii_lowercase()), line.number);
            }
        }
        if is_aborted(line.text) {
            return self.all_unrecognized(&x.lines(), crate::message!("unread-mos-aborted"));
        }
        if x.command.unparsed {
            return self.all_unrecognized(&x.lines(), crate::message!("unread-mos-command-words"));
        }
        if self.refused(x, None) {
            return;
        }
        let scope = self.scope_of(x);
        let literal = x.command.literal.as_ref().map(|l| l.value());
        let words = words_of(&x.command, literal.as_deref());
        let Some((command, bound)) = self.catalog.lookup(&words) else {
            if self.catalog.near_miss(&words).is_some() {
                // Kept as a raw item, but the setting it meant is missing: say so.
                self.unrecognized(&line, crate::message!("unread-mos-wrong-arguments"));
            }
            return self.raw(x, &words);
        };
        let action = command.action.clone();
        if self.held_back(&action, x) {
            return;
        }
        self.action(&action, &bound, &scope, x, last);
    }

    /// A command the appliance refused (`NO`, `BAD`): the refusal is noted and every line of
    /// the exchange is not understood; or, when it says it has no such thing, a fact about
    /// its version. Whether it was refused. `from`: where the command line of an exchange
    /// whose answer came in parts is (its offset and number): its lines are read again from
    /// the text, which they are all of, up to the completion.
    fn refused(&mut self, x: &Exchange<'_>, from: Option<(usize, u32)>) -> bool {
        let Some(c) = &x.completion else {
            return false;
        };
        if c.status == CompletionStatus::Ok {
            return false;
        }
        let status = if c.status == CompletionStatus::No {
            "NO"
        } else {
            "BAD"
        };
        let answer = format!("{status} {}", c.text).trim_end().to_string();
        if says_absent(c.text) {
            self.absent(x, answer);
            return true;
        }
        let line = x.command.line;
        self.notes.push(Note {
            line: line.number,
            kind: NoteKind::Rejected(answer),
            text: line.text.to_string(),
        });
        let text = self.text.clone();
        let lines = match (from, text.as_deref()) {
            (Some((start, number)), Some(text)) => lines_from(text, start, number)
                .take_while(|l| l.start <= c.line.start)
                .collect(),
            _ => x.lines(),
        };
        self.all_unrecognized(&lines, crate::message!("unread-mos-refused"));
        true
    }

    /// Whether the exchange must not be applied as it stands: a write or a read with no
    /// completion, a write the terminal cut. Warns about listings that may be incomplete.
    fn held_back(&mut self, action: &Action, x: &Exchange<'_>) -> bool {
        let line = x.command.line;
        let is_read = matches!(
            *action,
            Action::GetVersion
                | Action::GetSetting { .. }
                | Action::ListEntries
                | Action::ListTrustedHosts
                | Action::GetKey { .. }
                | Action::ListLicenses
                | Action::ListUpdates
                | Action::GetMessage { .. }
                | Action::ListDomains
                | Action::Login
                | Action::EndSession
        );
        if !is_read && self.writes_need_ok && x.completion.is_none() {
            self.warn(
                line.number,
                message!("mos-write-not-completed", command = line.text.trim()),
            );
            return true;
        }
        let single_read = matches!(
            action,
            Action::GetSetting { .. } | Action::GetMessage { .. }
        );
        let other_listing = matches!(
            action,
            Action::ListTrustedHosts
                | Action::ListLicenses
                | Action::ListUpdates
                | Action::ListDomains
        );
        // Only a read left without its completion needs its lines: a long listing that
        // completed is not copied line by line.
        let answered: Vec<Line<'_>> =
            if (single_read || other_listing) && self.writes_need_ok && x.completion.is_none() {
                x.lines()[1..]
                    .iter()
                    .filter(|l| !l.text.trim().is_empty())
                    .copied()
                    .collect()
            } else {
                Vec::new()
            };
        if single_read && !answered.is_empty() {
            for line in &answered {
                self.unrecognized(line, crate::message!("unread-mos-read-not-completed"));
            }
            self.warn(
                line.number,
                message!("mos-read-not-completed", command = line.text.trim()),
            );
            return true;
        }
        if other_listing && !answered.is_empty() {
            self.warn(
                line.number,
                message!("mos-answer-not-completed", command = line.text.trim()),
            );
        }
        if !is_read && *action != Action::InstallUpdate && self.writes_need_ok && self.cut_write(x)
        {
            return true;
        }
        false
    }

    /// A change the catalog knows prints nothing before its completion: a line there is most
    /// likely the rest of a command line the terminal wrapped, so the write as read would be
    /// wrong. It is not applied; the lines are listed as not understood.
    fn cut_write(&mut self, x: &Exchange<'_>) -> bool {
        let stray: Vec<Line<'_>> = x
            .answer
            .iter()
            .filter_map(|a| match a {
                Answer::Data {
                    line,
                    literal: None,
                    ..
                }
                | Answer::Text(line) => Some(*line),
                _ => None,
            })
            .collect();
        let Some(first) = stray.first() else {
            return false;
        };
        self.warn(
            x.command.line.number,
            message!(
                "mos-write-printed",
                command = x.command.line.text.trim(),
                printed = first.text.trim()
            ),
        );
        for line in &stray {
            self.unrecognized(line, crate::message!("unread-mos-write-output"));
        }
        true
    }

    /// Applies one catalog action: each kind of action is a step of its own.
    /// Only a listing comes in parts (`last` false but for its last part).
    fn action(
        &mut self,
        action: &Action,
        bound: &Bound<'_>,
        scope: &str,
        x: &Exchange<'_>,
        last: bool,
    ) {
        self.after_upgrade(action, x);
        match action {
            Action::GetVersion => self.get_version(x),
            Action::GetSetting { area } => self.get_setting(area, bound, scope, x),
            Action::SetSetting { area } => self.set_setting(area, bound, scope, x),
            Action::ListEntries => self.list_entries(bound, x, last, scope),
            Action::AddEntry | Action::RemoveEntry => self.change_entry(action, bound, x, scope),
            Action::AddTrustedHost => self.add_trusted_host(bound, x),
            Action::ListTrustedHosts => self.list_trusted_hosts(bound, x),
            Action::GetKey { private } => self.key(x, bound, *private),
            Action::ListLicenses | Action::ListUpdates => self.list_rows(action, x),
            Action::InstallUpdate => self.install_update(bound, x),
            Action::GetMessage { area } => self.get_message(area, bound, scope, x),
            Action::SetMessage { area } => self.set_message(area, bound, scope, x),
            Action::SetScope => self.set_scope(bound, x),
            Action::ListDomains => {
                for (words, n) in self.data(x) {
                    self.change(Change::DomainListed(words[0].to_ascii_lowercase()), n);
                }
                // `domain list` with no pattern, answered to its completion, lists every
                // delegated domain: one it lacks is not there.
                if bound.is_empty() && x.completion.is_some() && !self.whole_listing_quit(x) {
                    self.change(Change::DomainsListedInFull, x.command.line.number);
                }
            }
            // The answer is a session id: a volatile secret the model does not keep. A new
            // session starts in the system scope, as does the end of one.
            Action::Login | Action::EndSession => {
                self.carried.scope = SYSTEM.to_string();
                self.carried.scope_unshown = None;
            }
        }
    }

    /// The release `text` (a `version` answer, a greeting's or a header's version) names, if
    /// it names one ([`super::release`]); what follows the release is left out, and said.
    fn release(&mut self, text: &str, line: u32) -> Option<Version> {
        let release = super::release::read(text)?;
        if let Some(more) = release.more {
            let said = message!(
                "mos-version-more-than-release",
                answer = text,
                version = release.version.to_string(),
                more = more
            );
            self.warn(line, said);
        }
        Some(release.version)
    }

    /// The release the first answer line names ([`super::release`]): a line the protocol's
    /// words do not split (`MOS 4.2.3-GA (build 1234)`) is read too. What follows the release
    /// is left out of it, and said; a line of another shape is no version, and said. Every
    /// answer line not read as the version (one of another shape, a second line, a literal's
    /// body) is an unrecognized note with its line.
    fn get_version(&mut self, x: &Exchange<'_>) {
        let mut read = false;
        for answer in &x.answer {
            let (line, text, literal) = match answer {
                Answer::Data {
                    line,
                    words,
                    literal,
                } if !words.is_empty() => {
                    let words: Vec<String> = words.iter().map(|w| w.text.to_string()).collect();
                    (line, join(&words), literal.as_deref())
                }
                Answer::Text(line) => (line, line.text.trim().to_string(), None),
                _ => continue,
            };
            if read {
                self.unrecognized(line, message!("unread-mos-version-extra-line"));
            } else if let Some(version) = literal
                .is_none()
                .then(|| self.release(&text, line.number))
                .flatten()
            {
                self.change(Change::Version(version), line.number);
            } else {
                self.unrecognized(line, message!("unread-mos-not-a-version"));
                self.warn(line.number, message!("mos-not-a-version", text = &text));
            }
            read = true;
            for body in literal.into_iter().flat_map(|l| l.lines()) {
                if !body.text.trim().is_empty() {
                    self.unrecognized(&body, message!("unread-mos-version-extra-line"));
                }
            }
        }
        if !read {
            let said = message!("mos-version-printed-nothing");
            self.warn(x.command.line.number, said);
        }
    }

    fn get_setting(&mut self, area: &str, bound: &Bound<'_>, scope: &str, x: &Exchange<'_>) {
        let name = bound["name"].to_ascii_lowercase();
        let rows = self.data(x);
        if rows.is_empty() && x.answer.iter().any(|a| matches!(a, Answer::Text(_))) {
            let said = message!("reading-mos-value-unread", name = format!("{area}.{name}"));
            self.warn(x.command.line.number, said);
        }
        if let [(first, n), (_, next), ..] = rows.as_slice() {
            // A long value a terminal wrapped reads as two data lines; the first is kept.
            if join(first).chars().count() >= WRAP_WIDTH - 1 {
                self.warn(
                    *n,
                    message!(
                        "mos-value-wrapped",
                        name = format!("{area}.{name}"),
                        next = *next
                    ),
                );
            } else {
                self.more_lines(&format!("{area}.{name}"), &rows);
            }
        }
        if let Some((words, n)) = rows.into_iter().next() {
            let text = match words.as_slice() {
                [key, value] if key.eq_ignore_ascii_case(&name) => value.clone(),
                _ => join(&words),
            };
            let key = format!("{area}.{name}");
            let value = self.typed(&key, &text, n);
            let change = Change::Setting {
                scope: scope.into(),
                name: key,
                value,
            };
            self.change(change, n);
        }
    }

    /// A setting's answer on several lines outside a literal: only the first is its value,
    /// and each line after it is said, never dropped.
    fn more_lines(&mut self, name: &str, rows: &[(Vec<String>, u32)]) {
        for (words, line) in &rows[1..] {
            self.notes.push(Note {
                line: *line,
                kind: NoteKind::Unrecognized(message!("reading-mos-value-more-lines", name = name)),
                text: join(words),
            });
        }
    }

    fn set_setting(&mut self, area: &str, bound: &Bound<'_>, scope: &str, x: &Exchange<'_>) {
        let at = x.command.line.number;
        let key = format!("{area}.{}", bound["name"].to_ascii_lowercase());
        let value = self.typed(&key, bound["value"], at);
        let change = Change::Setting {
            scope: scope.into(),
            name: key,
            value,
        };
        self.change(change, at);
    }

    /// A list as the appliance answered it, whole (`last`) or the first part of an answer that
    /// comes in parts. Only list values are entries: a quoted word, or an unquoted one that
    /// looks like an address or a domain; a quoted value the terminal wrapped is rejoined,
    /// with a warning; anything else is a line not understood.
    fn list_entries(&mut self, bound: &Bound<'_>, x: &Exchange<'_>, last: bool, scope: &str) {
        let line = x.command.line;
        let listing = Listing {
            start: line.start,
            number: line.number,
            scope: bound["scope"].to_string(),
            list: bound["list"].to_string(),
            selected: scope.to_string(),
            // The entries go straight into the list's arena, in the order read: no string each.
            entries: self.text.clone().map_or_else(List::default, List::sharing),
            warnings: Default::default(),
            notes_before: self.notes.len(),
            first_seen: false,
            cut_by: None,
            streamed: !last,
            carried: None,
            unread: 0,
            last_line: line.number,
        };
        self.listing_goes_on(listing, x, last);
    }

    /// The entries of one part of a listing's answer (or of all of it); the listing is read to
    /// its end at the `last` part, else kept for the next.
    fn listing_goes_on(&mut self, mut listing: Listing, x: &Exchange<'_>, last: bool) {
        first_answer_line(&mut listing, x);
        // A line a part ended with that may go on in this one (a value the terminal wrapped).
        let carried = listing.carried.take();
        let carried = carried.as_ref().map(|(number, start, text)| {
            Answer::Text(Line {
                number: *number,
                start: *start,
                text,
            })
        });
        let mut answers = carried.iter().chain(&x.answer).peekable();
        while let Some(answer) = answers.next() {
            match answer {
                // A value sent as a literal holds a line break, which no address or domain
                // does: it is no entry, and said so with every line it took.
                Answer::Data {
                    line,
                    literal: Some(literal),
                    ..
                } => {
                    self.unread_line(&mut listing, line, message!("unread-mos-list-value"));
                    for body in literal.lines() {
                        if !body.text.trim().is_empty() {
                            self.unrecognized(&body, crate::message!("unread-mos-list-value"));
                        }
                    }
                }
                Answer::Data { line, words, .. } if !words.is_empty() => {
                    let next = answers.peek().and_then(|a| match a {
                        Answer::Data { line, words, .. } => Some((line, words.as_slice())),
                        _ => None,
                    });
                    if self.data_entry(&mut listing, line, words, next) {
                        answers.next();
                    }
                }
                Answer::Text(line) if answers.peek().is_none() && !last => {
                    listing.carried = Some((line.number, line.start, line.text.to_string()));
                }
                Answer::Text(line) => {
                    let next = answers.peek().and_then(|a| match a {
                        Answer::Text(next) | Answer::Data { line: next, .. } => Some(*next),
                        _ => None,
                    });
                    match next.and_then(|next| rejoin_wrapped(line, &next)) {
                        Some((entry, next)) => {
                            answers.next();
                            self.warn(
                                line.number,
                                message!(
                                    "mos-quoted-value-rejoined",
                                    next = next.number,
                                    entry = &entry
                                ),
                            );
                            self.push_entry(&mut listing, &entry, line.number);
                        }
                        None => {
                            let why = message!("unread-mos-answer-words");
                            self.unread_line(&mut listing, line, why);
                        }
                    }
                }
                _ => {}
            }
        }
        if last {
            self.listing_read(listing, x);
        } else {
            self.listing = Some(listing);
        }
    }

    /// The pager prompt an answer whose last line is `last` was quit at: a prompt alone after
    /// it, or one the terminal erased on the completion's own line (a pager shows its prompt
    /// only when there is more to show).
    fn quit_after(&self, last: u32, x: &Exchange<'_>) -> Option<u32> {
        let end = x.completion.as_ref()?.line.number;
        let after = self.pager_lines.partition_point(|&p| p <= last);
        let alone = self.pager_lines.get(after).copied().filter(|&p| p < end);
        alone.or_else(|| self.pager_erased.binary_search(&end).ok().map(|_| end))
    }

    /// The pager prompt a whole listing (`domain list`, `trustedhost list`, `license status`)
    /// was quit at, said; such a listing is not the whole list.
    fn whole_listing_quit(&mut self, x: &Exchange<'_>) -> bool {
        let last = x.answer.iter().rev().find_map(|a| match a {
            Answer::Data { line, .. } | Answer::Text(line) => Some(line.number),
            Answer::Blank(_) => None,
        });
        let Some(pager) = self.quit_after(last.unwrap_or(x.command.line.number), x) else {
            return false;
        };
        let said = message!(
            "mos-listing-pager-quit",
            command = x.command.line.text.trim()
        );
        self.warn(pager, said);
        true
    }

    /// A data line of a listing: its entry, or with the next line (`next`, taken when this
    /// says so) the entry the terminal wrapped, or no entry.
    fn data_entry(
        &mut self,
        listing: &mut Listing,
        line: &Line<'_>,
        words: &[Word<'_>],
        next: Option<(&Line<'_>, &[Word<'_>])>,
    ) -> bool {
        if let Some((entry, next)) = next.and_then(|n| rejoin_unquoted(line, words, n)) {
            let said = message!("mos-value-rejoined", next = next, entry = &entry);
            self.warn(line.number, said);
            self.push_entry(listing, &entry, line.number);
            return true;
        }
        match list_value(words) {
            Some(entry) => self.push_entry(listing, entry, line.number),
            None => self.unread_line(listing, line, message!("unread-mos-list-value")),
        }
        false
    }

    /// An answer line of a listing read as no entry: said, and counted against the list being
    /// known in full.
    fn unread_line(&mut self, listing: &mut Listing, line: &Line<'_>, why: Message) {
        listing.unread += 1;
        listing.last_line = line.number;
        self.unrecognized(line, why);
    }

    /// A listing read to its end (`x` is its last part): its entries replace the list's, or,
    /// without a completion, are added to it; refused or cut, nothing is applied.
    fn listing_read(&mut self, listing: Listing, x: &Exchange<'_>) {
        let refused = x
            .completion
            .as_ref()
            .is_some_and(|c| c.status != CompletionStatus::Ok);
        if listing.streamed && refused {
            // As when it comes whole: nothing read of its lines stands.
            self.notes.truncate(listing.notes_before);
            self.refused(x, Some((listing.start, listing.number)));
            return;
        }
        let at = listing.number;
        let quit = self.quit_after(listing.last_line, x);
        // An empty listing is no sign the domain it names exists (a mistyped name answers so).
        let named = !listing.entries.is_empty();
        let (scope, list) = self.exception_key(&listing.scope, &listing.list, at, named);
        if self.scope_unclear(&x.command.line, &scope, &listing.selected) {
            return;
        }
        // A listing not applied keeps none of its entries: what they had to say stays unsaid.
        if self.list_cut(&x.command.line, listing.cut_by.as_deref(), &scope, &list) {
            return;
        }
        self.warn_entries(listing.warnings, &scope, &list);
        let texts = listing.entries;
        let read = (listing.unread, quit, texts.len());
        if !self.listing_whole(x, at, read) {
            for (entry, at) in texts.iter_unsorted() {
                let change = Change::ListAdd {
                    scope: scope.clone(),
                    list: list.clone(),
                    entry: entry.to_string(),
                };
                self.change(change, at.line);
            }
            return;
        }
        let entries = texts.sorted();
        self.change(
            Change::ListReplace {
                scope,
                list,
                entries,
            },
            at,
        );
    }

    /// Whether a listing read to its end, `(unread lines, pager quit at, entries)`, is the
    /// whole list, each reason it is not said. Lines read as no entry may have been entries;
    /// a cut log or a pager quit leaves what was not seen unknown.
    fn listing_whole(
        &mut self,
        x: &Exchange<'_>,
        at: u32,
        read: (usize, Option<u32>, usize),
    ) -> bool {
        let (unread, quit, count) = read;
        let command = x.command.line.text.trim();
        let unread = (unread > 0 && x.completion.is_some()).then_some(unread);
        if let Some(pager) = quit {
            let said = message!("mos-list-pager-quit", command = command, count = count);
            self.warn(pager, said);
        }
        if let Some(lines) = unread {
            let said = message!(
                "mos-list-lines-unread",
                command = command,
                lines = lines,
                count = count
            );
            self.warn(at, said);
        }
        let cut = self.writes_need_ok && x.completion.is_none();
        if cut && unread.is_none() && quit.is_none() {
            self.warn(
                at,
                message!("mos-list-not-completed", command = command, count = count),
            );
        }
        unread.is_none() && quit.is_none() && !cut
    }

    /// A listing whose first answer line is an unquoted word that is no list value (`cut_by`,
    /// that line): the command line was most likely cut at the terminal width, so the list it
    /// names is not the one listed. Nothing is applied.
    fn list_cut(
        &mut self,
        command: &Line<'_>,
        cut_by: Option<&str>,
        scope: &str,
        list: &str,
    ) -> bool {
        let Some(first) = cut_by else {
            return false;
        };
        self.warn(
            command.number,
            message!("mos-listing-cut", scope = scope, list = list, first = first),
        );
        true
    }

    /// A list named by a scope word (`primary`, `any`, ...) while a delegated domain is
    /// selected: whether the appliance takes it for the domain's or the system's is not
    /// known, so it is not read, and said.
    fn scope_unclear(&mut self, command: &Line<'_>, scope: &str, typed_in: &str) -> bool {
        if typed_in == SYSTEM || !self.catalog.is_exception_scope(scope) {
            return false;
        }
        let said = message!(
            "mos-exception-scope-in-domain",
            command = command.text.trim(),
            scope = scope,
            domain = typed_in
        );
        self.warn(command.number, said);
        true
    }

    fn change_entry(
        &mut self,
        action: &Action,
        bound: &Bound<'_>,
        x: &Exchange<'_>,
        typed_in: &str,
    ) {
        let at = x.command.line.number;
        let (scope, list) = self.exception_key(bound["scope"], bound["list"], at, true);
        if self.scope_unclear(&x.command.line, &scope, typed_in) {
            return;
        }
        // Said per list, not per command: a log of many pasted adds is a few warnings. Most
        // entries say nothing, and cost no look-up.
        let mut said = super::entries::Warnings::default();
        let entry = entry_read(bound["entry"], at, &mut said).into_owned();
        if !said.is_empty() {
            let key = (scope.clone(), list.clone());
            self.commanded.entry(key).or_default().absorb(said);
        }
        let change = if *action == Action::AddEntry {
            Change::ListAdd { scope, list, entry }
        } else {
            Change::ListRemove { scope, list, entry }
        };
        self.change(change, at);
    }

    /// An entry as read ([`entry_read`]) into a listing's entries: one read as written stays a span of the
    /// capture's text, with no copy. What it has to say is counted in the listing's
    /// warnings, said when the listing ends.
    fn push_entry(&self, listing: &mut Listing, text: &str, line: u32) {
        let at = Origin {
            source: self.source,
            line,
        };
        let entry = entry_read(text, line, &mut listing.warnings);
        listing.entries.push_unsorted(&entry, at);
        listing.last_line = line;
    }

    /// What a list's entries had to say, one warning per kind at its first entry's line.
    fn warn_entries(&mut self, warnings: super::entries::Warnings, scope: &str, list: &str) {
        for (line, said) in warnings.said(&format!("{scope}/{list}")) {
            self.warn(line, said);
        }
    }

    fn add_trusted_host(&mut self, bound: &Bound<'_>, x: &Exchange<'_>) {
        let block = dot_block(x);
        let (key, elided) = match block {
            Some(lines) if !lines.is_empty() => {
                let (block, elided) = normalize_key_block(&lines);
                (Some(block), elided)
            }
            _ => (None, false),
        };
        self.change(
            Change::TrustedHost {
                group: bound["group"].to_ascii_lowercase(),
                host: bound["host"].to_ascii_lowercase(),
                host_entry: TrustedHost { key, elided },
            },
            x.command.line.number,
        );
    }

    fn list_trusted_hosts(&mut self, bound: &Bound<'_>, x: &Exchange<'_>) {
        if self.whole_listing_quit(x) {
            return;
        }
        let hosts = self
            .data(x)
            .into_iter()
            .filter_map(|(words, n)| words.first().map(|h| (h.to_ascii_lowercase(), n)))
            .collect();
        let group = bound["group"].to_ascii_lowercase();
        self.change(
            Change::TrustedHostsReplace { group, hosts },
            x.command.line.number,
        );
    }

    /// Licenses or updates: one row per data line, a name and its detail.
    fn list_rows(&mut self, action: &Action, x: &Exchange<'_>) {
        // Updates listed add to what is known; licenses listed replace it.
        if *action == Action::ListLicenses && self.whole_listing_quit(x) {
            return;
        }
        let mut rows = Vec::new();
        for (words, n) in self.data(x) {
            let (name, detail) = if *action == Action::ListUpdates || x_first_quoted(x, n) {
                (words[0].clone(), join(&words[1..]))
            } else {
                (join(&words), String::new())
            };
            rows.push((name, detail, n));
        }
        let change = if *action == Action::ListLicenses {
            Change::LicensesReplace(rows)
        } else {
            Change::UpdatesListed(rows)
        };
        self.change(change, x.command.line.number);
    }

    fn install_update(&mut self, bound: &Bound<'_>, x: &Exchange<'_>) {
        let at = x.command.line.number;
        let refused = x.input.iter().any(|i| {
            matches!(
                i,
                Input::Confirmation {
                    answer: Some(false) | None,
                    ..
                }
            )
        });
        if refused {
            return self.warn(at, message!("mos-update-not-confirmed"));
        }
        // An FTP or HTTP login in the URL is a secret: masked in the model, so in every output,
        // and before the name is taken from it (a password may hold `#` or `/`).
        let url = crate::base::secrets::mask_url_passwords(bound["url"]).into_owned();
        let file = url.split(['?', '#']).next().unwrap_or(&url);
        let name = file.rsplit('/').next().unwrap_or(file).to_string();
        // The extension in any case (`.MPU5`).
        let name = match name.len().checked_sub(5) {
            Some(at) if name.is_char_boundary(at) && name[at..].eq_ignore_ascii_case(".mpu5") => {
                name[..at].to_string()
            }
            _ => name,
        };
        if let Some(release) = release_of_package(&name) {
            self.carried.upgrade = Some((at, release, format!("{name}.mpu5")));
        }
        self.change(Change::UpdateInstalled { name, detail: url }, at);
    }

    /// A reading after a release's package was installed, with no `version` answer between:
    /// it is merged with what was read before the upgrade, which is said, once.
    fn after_upgrade(&mut self, action: &Action, x: &Exchange<'_>) {
        match action {
            Action::GetVersion => self.carried.upgrade = None,
            Action::Login | Action::EndSession | Action::InstallUpdate => {}
            _ => {
                if let Some((line, release, file)) = self.carried.upgrade.take() {
                    let said = message!(
                        "mos-upgrade-version-not-read",
                        line = line,
                        file = file,
                        release = release
                    );
                    self.warn(x.command.line.number, said);
                }
            }
        }
    }

    fn get_message(&mut self, area: &str, bound: &Bound<'_>, scope: &str, x: &Exchange<'_>) {
        let name = format!("{area}.{}", bound["name"].to_ascii_lowercase());
        let text = x.answer.iter().find_map(|a| match a {
            Answer::Data {
                literal: Some(l), ..
            } => Some(l.value()),
            Answer::Data { words, .. } if !words.is_empty() => Some(join(
                &words.iter().map(|w| w.text.to_string()).collect::<Vec<_>>(),
            )),
            _ => None,
        });
        if let Some(text) = text {
            let change = Change::Message {
                scope: scope.into(),
                name,
                value: Value::Text(text),
            };
            self.change(change, x.command.line.number);
        }
    }

    fn set_message(&mut self, area: &str, bound: &Bound<'_>, scope: &str, x: &Exchange<'_>) {
        let name = format!("{area}.{}", bound["name"].to_ascii_lowercase());
        let value = Value::Text(bound["text"].to_string());
        let change = Change::Message {
            scope: scope.into(),
            name,
            value,
        };
        self.change(change, x.command.line.number);
    }

    fn set_scope(&mut self, bound: &Bound<'_>, x: &Exchange<'_>) {
        // `domain setcurrent ""` goes back to the system scope.
        let domain = bound["domain"].trim().to_ascii_lowercase();
        if domain.is_empty() {
            self.carried.scope = SYSTEM.to_string();
            self.carried.scope_unshown = None;
        } else {
            self.carried.scope = domain.clone();
            self.carried.scope_unshown = Some(x.command.line.number);
            self.change(Change::Domain(domain), x.command.line.number);
        }
    }

    /// The scope a command acts in: the domain its prompt shows, else the one `domain
    /// setcurrent` selected (a prompt that shows none: the docs' `CLI>`, or one that does
    /// not say). A host prompt that should show it and does not is warned of, once.
    fn scope_of(&mut self, x: &Exchange<'_>) -> String {
        let Some(prompt) = &x.command.prompt else {
            return self.carried.scope.clone();
        };
        if let Some(domain) = prompt.domain {
            self.carried.scope_unshown = None;
            return domain.to_ascii_lowercase();
        }
        if let Some(selected) = self
            .carried
            .scope_unshown
            .filter(|_| !prompt.host.eq_ignore_ascii_case("cli"))
        {
            self.carried.scope_unshown = None;
            let said = message!(
                "mos-scope-not-in-prompt",
                domain = self.carried.scope.clone(),
                line = selected
            );
            self.warn(x.command.line.number, said);
        }
        self.carried.scope.clone()
    }

    /// The data lines of the answer as words, with their line numbers. Lines that are neither
    /// data nor blank are reported.
    fn data(&mut self, x: &Exchange<'_>) -> Vec<(Vec<String>, u32)> {
        let mut rows = Vec::new();
        for answer in &x.answer {
            match answer {
                Answer::Data { line, words, .. } if !words.is_empty() => {
                    rows.push((
                        words.iter().map(|w| w.text.to_string()).collect(),
                        line.number,
                    ));
                }
                Answer::Text(line) => {
                    self.unrecognized(line, crate::message!("unread-mos-answer-words"))
                }
                _ => {}
            }
        }
        rows
    }

    fn key(&mut self, x: &Exchange<'_>, bound: &Bound<'_>, private: bool) {
        for answer in &x.answer {
            let Answer::Data {
                line,
                words,
                literal,
            } = answer
            else {
                continue;
            };
            let Some(literal) = literal else {
                self.unrecognized(line, crate::message!("unread-mos-key-line"));
                continue;
            };
            let texts: Vec<&str> = literal.body.iter().map(|l| l.text).collect();
            let (block, elided) = normalize_key_block(&texts);
            let kind = words
                .first()
                .map_or(bound["kind"].to_string(), |w| w.text.to_string());
            let host = words
                .get(2)
                .map(|w| w.text.to_ascii_lowercase())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| bound["host"].to_ascii_lowercase());
            let block = if private {
                Value::Secret(Secret(block))
            } else {
                Value::Text(block)
            };
            self.change(
                Change::Key(Key {
                    kind,
                    host,
                    block,
                    elided,
                }),
                line.number,
            );
        }
    }

    /// The scope and list a `uce` command names; a domain it names is seen when `named`.
    /// Look-alike characters in them (`ｐｒｉｍａｒｙ`, a zero-width space) are read as ASCII,
    /// as an entry's are, with a warning: never a scope or list of their own.
    fn exception_key(&mut self, scope: &str, list: &str, at: u32, named: bool) -> (String, String) {
        let (typed, list) = (scope, key_word(list));
        let mut scope = key_word(typed);
        // A scope word (`ｐｒｉｍａｒｙ`) is the keyword it looks like. A domain keeps the form
        // it was typed in: the appliance may hold a domain in that form (a listing may show
        // it beside the ASCII one), and one name's forms are the domain names' business.
        if scope.1 && !self.catalog.is_exception_scope(&scope.0) {
            scope = (typed.to_ascii_lowercase(), false);
        }
        if scope.1 || list.1 {
            let said = message!(
                "reading-mos-list-name-lookalike",
                scope = &scope.0,
                list = &list.0
            );
            self.warn(at, said);
        }
        let (scope, list) = (scope.0, list.0);
        if named && !self.catalog.is_exception_scope(&scope) && !scope.is_empty() {
            self.change(Change::Domain(scope.clone()), at);
        }
        (scope, list)
    }

    fn typed(&mut self, name: &str, text: &str, line: u32) -> Value {
        let folded = text.trim().to_ascii_lowercase();
        let value = match self.catalog.setting_type(name) {
            SettingType::Bool => match folded.as_str() {
                "on" | "yes" | "true" | "1" | "enabled" => Some(Value::Bool(true)),
                "off" | "no" | "false" | "0" | "disabled" => Some(Value::Bool(false)),
                _ => None,
            },
            SettingType::Bytes => folded.parse().ok().map(Value::Bytes),
            SettingType::Int => folded.parse().ok().map(Value::Int),
            SettingType::Enum(values) => values
                .contains(&folded)
                .then(|| Value::Enum(folded.clone())),
            SettingType::Text => Some(super::SECRETS.value(name, text.to_string())),
        };
        value.unwrap_or_else(|| {
            self.warn(
                line,
                message!("mos-not-a-valid-value", text = text, name = name),
            );
            Value::Text(text.to_string())
        })
    }

    fn raw(&mut self, x: &Exchange<'_>, words: &[&str]) {
        // Data lines are kept as their words, re-quoted canonically.
        let mut answer = Vec::new();
        for a in &x.answer {
            match a {
                Answer::Data { words, literal, .. } => {
                    // Words, re-quoted: the same answer reads the same from a log or a transcript.
                    let words: Vec<String> = words.iter().map(|w| quote(&w.text)).collect();
                    answer.push(words.join(" "));
                    if let Some(l) = literal {
                        answer.extend(l.body.iter().map(|b| b.text.to_string()));
                    }
                }
                Answer::Text(line) => answer.push(line.text.to_string()),
                Answer::Blank(_) => {}
            }
        }
        // Command words are compared case-folded (the area and the verb); the arguments
        // after them as typed: `"Gold Plan"` and `"GOLD PLAN"` are two values. The command is
        // kept in the same spelling, so that the same settings give the same bytes whatever
        // case they were typed in (where it was typed says the rest).
        let key = words
            .iter()
            .enumerate()
            .map(|(i, w)| match i < COMMAND_WORDS {
                true => quote(&w.to_ascii_lowercase()),
                false => quote(w),
            })
            .collect::<Vec<_>>()
            .join(" ");
        self.change(
            Change::Raw {
                raw: Raw::new(key.clone(), answer),
                key,
            },
            x.command.line.number,
        );
    }

    /// A command the appliance says it has no such thing for: read as a fact about its
    /// version, so its lines are understood.
    fn absent(&mut self, x: &Exchange<'_>, answer: String) {
        let words: Vec<&str> = x.command.words.iter().map(Word::as_str).collect();
        let write = !words
            .get(1)
            .is_some_and(|verb| READ_VERBS.iter().any(|r| verb.starts_with(r)));
        self.notes.push(Note {
            line: x.command.line.number,
            kind: NoteKind::Absent {
                command: words.join(" "),
                answer,
                write: write && words.len() > 1,
            },
            text: x.command.line.text.to_string(),
        });
    }

    /// Every line not blank of an exchange (`lines`) is not understood.
    fn all_unrecognized(&mut self, lines: &[Line<'_>], reason: Message) {
        for line in lines {
            if !line.text.trim().is_empty() {
                self.unrecognized(line, reason.clone());
            }
        }
    }
}

/// The first line of a command's literal (`user add bob {9+}`, `LOGIN admin {9+}`) and the
/// exchange's last line, when the command line holds a secret (masking it changes it): the
/// literal carries the word masked, which a line of its own must not show. Up to the
/// exchange's last line, not the literal's: a server's `+ go ahead` between the command and
/// its literal moves the body a line down from where the count ends it.
fn secret_literal(x: &Exchange<'_>) -> Option<(u32, u32)> {
    let literal = x.command.literal.as_ref()?;
    let text = x.command.line.text;
    if super::SECRETS.names().mask_line(text) == text {
        return None;
    }
    let first = literal.lines().first()?.number;
    let last = x.lines().iter().map(|l| l.number).max()?;
    Some((first, last))
}

/// Whether the answer to a command may be read in parts ([`super::syntax::Parts`]): a listing
/// of entries, read as it comes, so a long one is never held whole. Not a command the operator
/// aborted or whose line does not split into words: all its lines are reported, read whole.
pub(super) fn reads_in_parts(command: &CommandLine<'_>) -> bool {
    if is_aborted(command.line.text) || command.unparsed {
        return false;
    }
    let literal = command.literal.as_ref().map(|l| l.value());
    let words = words_of(command, literal.as_deref());
    Catalog::get()
        .lookup(&words)
        .is_some_and(|(c, _)| c.action == Action::ListEntries)
}

/// The words of a command as the catalog reads them: those typed, then a literal's value.
fn words_of<'w>(command: &'w CommandLine<'_>, literal: Option<&'w str>) -> Vec<&'w str> {
    let mut words: Vec<&str> = command.words.iter().map(Word::as_str).collect();
    words.extend(literal);
    words
}

/// How the appliance answers a command, setting or parameter its version does not have
/// (`NO Unknown parameter: ldarprouting`, `NO Unknown setting maxmsgsum`).
const ABSENT_ANSWERS: &[&str] = &["unknown parameter", "unknown setting", "unknown command"];

/// A command's second word that makes it a read (`smtp get`, `trustedhost list`, `uce
/// listexception`, `license status`): refused, it changed nothing anyone meant to change.
const READ_VERBS: &[&str] = &["get", "list", "show", "status"];

/// Whether a refusal's text says the appliance has no such command or setting.
fn says_absent(text: &str) -> bool {
    let text = text.trim_start().to_ascii_lowercase();
    ABSENT_ANSWERS.iter().any(|a| text.starts_with(a))
}

/// A command line the operator aborted with Ctrl-C, which the terminal echoes as `^C` (or
/// saves as the raw control byte): the appliance never ran it.
fn is_aborted(text: &str) -> bool {
    let text = text.trim_end();
    text.ends_with("^C") || text.ends_with('\u{3}')
}

/// The narrowest terminal width a log is commonly saved at: a value line this long may go on
/// on the next line.
const WRAP_WIDTH: usize = 80;

/// How many words a command no catalog knows starts with that name it (its area and verb, as
/// `cos set`): compared case-folded, where its arguments are compared as typed.
const COMMAND_WORDS: usize = 2;

/// A list entry as read ([`super::entries::read`]), in its canonical form, with what it has to
/// say counted in `warnings`: an entry read as written stays borrowed from `text`.
fn entry_read<'t>(
    text: &'t str,
    line: u32,
    warnings: &mut super::entries::Warnings,
) -> std::borrow::Cow<'t, str> {
    let read = super::entries::read(text);
    warnings.count(&read, line);
    match read.text {
        std::borrow::Cow::Borrowed(text) => canonical_entry(text),
        std::borrow::Cow::Owned(text) => canonical_entry(&text).into_owned().into(),
    }
}

/// A scope or list name as a key: case-folded, look-alikes read as ASCII and white space
/// they left around it removed; and whether reading look-alikes changed it. An ASCII word, the
/// common case, holds none.
fn key_word(word: &str) -> (String, bool) {
    let lower = word.to_ascii_lowercase();
    if word.is_ascii() {
        return (lower, false);
    }
    let folded = crate::source::fold_lookalikes(word)
        .trim()
        .to_ascii_lowercase();
    let changed = folded != lower;
    (folded, changed)
}

/// The list value a data line holds: one quoted word, or one unquoted word that looks like an
/// address, a domain or a host (a pager's `--More--` or a stray word does not).
fn list_value<'w>(words: &'w [Word<'_>]) -> Option<&'w str> {
    match words {
        [one] if one.quoted => Some(one.as_str()),
        [one] if looks_like_address(&one.text) => Some(one.as_str()),
        _ => None,
    }
}

/// An address (`a@x.jp`, `@x.jp`, `@*.x.jp`), a domain or an IP address: a dot or an `@`, and
/// only the characters those hold.
fn looks_like_address(word: &str) -> bool {
    (word.contains('.') || word.contains('@'))
        && word.chars().any(|c| c.is_ascii_alphanumeric())
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "@.-_+*=/:%!#$&'^`{|}~".contains(c))
}

/// A quoted value the terminal wrapped: this line opens a quote it never closes, the next line
/// closes it and holds no other quote. The value rejoined, and the line it ended on.
fn rejoin_wrapped<'a>(line: &Line<'_>, next: &Line<'a>) -> Option<(String, Line<'a>)> {
    let head = line.text.strip_prefix('"')?;
    let tail = next.text.trim_end().strip_suffix('"')?;
    if head.is_empty() || head.contains(['"', '\\']) || tail.contains(['"', '\\']) {
        return None;
    }
    Some((format!("{head}{tail}"), *next))
}

/// The first answer line with something on it, once a listing has one: whether it says the
/// command line was cut (see [`Interpreter::list_cut`]).
fn first_answer_line(listing: &mut Listing, x: &Exchange<'_>) {
    if listing.first_seen {
        return;
    }
    let first = x.answer.iter().find_map(|a| match a {
        Answer::Data { line, words, .. } if !words.is_empty() => {
            Some((*line, list_value(words).is_none() && !words[0].quoted))
        }
        Answer::Text(line) => Some((*line, false)),
        _ => None,
    });
    if let Some((line, cut)) = first {
        listing.first_seen = true;
        listing.cut_by = cut.then(|| line.text.trim().to_string());
    }
}

/// An unquoted entry the terminal wrapped: this line is as wide as the terminal, and it or
/// the next one (one unquoted word) lacks the `@` every list entry has (`user@x.jp`,
/// `@x.jp`). The entry rejoined, and the number of the line it ended on.
fn rejoin_unquoted(
    line: &Line<'_>,
    words: &[Word<'_>],
    (next, next_words): (&Line<'_>, &[Word<'_>]),
) -> Option<(String, u32)> {
    // Cut by the terminal, the line fills it (most lines are shorter in bytes alone, and cost
    // nothing more); and the rest cannot be an entry of its own: after an address, a part that
    // starts with a dot or is no domain; after a part with no `@`, the `@` and the domain.
    // Anything else may be two entries, and stays so.
    if line.text.len() < WRAP_WIDTH || line.text.trim_end().chars().count() < WRAP_WIDTH {
        return None;
    }
    let ([head], [tail]) = (words, next_words) else {
        return None;
    };
    let rest = match head.text.contains('@') {
        true => tail.text.starts_with('.') || !looks_like_address(&tail.text),
        false => tail.text.starts_with('@'),
    };
    let joined = format!("{}{}", head.text, tail.text);
    let one_at = joined.matches('@').count() == 1;
    (!head.quoted && !tail.quoted && rest && one_at && looks_like_address(&joined))
        .then_some((joined, next.number))
}

fn x_first_quoted(x: &Exchange<'_>, number: u32) -> bool {
    x.answer.iter().any(|a| {
        matches!(a, Answer::Data { line, words, .. } if line.number == number && words.first().is_some_and(|w| w.quoted))
    })
}

/// The bytes a literal's text takes on the wire: in `encoding`, each line break as CRLF.
pub(crate) fn literal_len(text: &str, encoding: &'static encoding_rs::Encoding) -> usize {
    let breaks = text.matches('\n').count();
    let content = if encoding == encoding_rs::UTF_8 || text.is_ascii() {
        text.len()
    } else {
        encoding.encode(text).0.len()
    };
    // A bare LF is one byte in every encoding a script is written in; CRLF is two.
    content + breaks
}

fn join(words: &[String]) -> String {
    words.join(" ")
}

/// Quotes a word by the admin protocol's rules: when empty or holding white space, `(`, `)`,
/// `\` or `"`, and, so that it can never read as a literal marker, `{` or `}`; inside quotes only `\\` and `\"` are escapes. A word holding a line break cannot
/// be quoted: it becomes a literal, `{N}`, a line break and its N bytes, and so must be the last
/// word of its command. N counts the bytes as the appliance reads them: UTF-8 here (see
/// [`quote_in`]), each line break as CRLF.
pub fn quote(word: &str) -> String {
    quote_in(word, encoding_rs::UTF_8)
}

/// [`quote`] for a script sent in `encoding`: a literal's count is of its bytes in that
/// encoding, each line break counted as CRLF, as the admin protocol counts (FORMATS: "exactly
/// N raw bytes (CRLF counted)"). The caller checks that `encoding` can carry the word.
pub(crate) fn quote_in(word: &str, encoding: &'static encoding_rs::Encoding) -> String {
    if word.contains('\n') {
        return format!("{{{}}}\n{word}", literal_len(word, encoding));
    }
    // A bare word starting with `#` would end an export command as a remark.
    let needs = word.is_empty()
        || word.starts_with('#')
        || word
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '\\' | '"' | '{' | '}'));
    if !needs {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len() + 2);
    out.push('"');
    for c in word.chars() {
        if matches!(c, '\\' | '"') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The release whose upgrade package an installed update is (`R4_2_3c_GA`: 4.2.3), from
/// the knowledge base.
fn release_of_package(name: &str) -> Option<String> {
    super::knowledge::releases().iter().find_map(|release| {
        release
            .packages
            .iter()
            .any(|p| p.file.trim_end_matches(".mpu5").eq_ignore_ascii_case(name))
            .then(|| release.version.clone())
    })
}

/// The model a login banner names, `Mirapoint <product> <MODEL> (MOS <version>)`, when it is
/// no model the catalog lists (an `RG500`): letters then digits, just before `(MOS`.
fn banner_model(text: &str) -> Option<String> {
    let text = text.trim();
    let before = text.strip_prefix("Mirapoint ")?.split("(MOS").next()?;
    let word = before.split_whitespace().last()?;
    let digits = word.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let shaped = digits.len() < word.len()
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit());
    (text.contains("(MOS") && shaped).then(|| word.to_string())
}

/// The lines of an exchange's dot-terminated data block, as sent: a line that starts with '.'
/// travels with one more (dot-stuffing), which is taken off.
pub(super) fn dot_block<'a>(x: &Exchange<'a>) -> Option<Vec<&'a str>> {
    x.input.iter().find_map(|i| match i {
        Input::DotBlock { body, .. } => Some(
            body.iter()
                .map(|l| {
                    l.text
                        .strip_prefix('.')
                        .filter(|t| t.starts_with('.'))
                        .unwrap_or(l.text)
                })
                .collect(),
        ),
        _ => None,
    })
}

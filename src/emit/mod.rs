//! The one script emitter every vendor uses. Captures are untrusted, so capture text reaches a
//! generated script in exactly two ways: as an argument of a [`Command`], quoted by the
//! script's [`Dialect`], or inside a remark through [`sanitize`], which turns every control
//! character (line breaks included) into a visible escape. A [`Script`] has no method that
//! takes runtime text as a line; its only unquoted text is `&'static str` framing shipped with
//! carryover. A test greps the vendors' script code for any other way in. No script carries a
//! bidirectional control (U+202E and the like), which would make a line read in another order
//! than it runs: [`refuse_bidi`] refuses the run before anything is written, and a command
//! holding one is never written.

use crate::base::error::Error;
use crate::base::message::Message;
use crate::base::text::{bidi_control, sanitize};

mod bash;

pub(crate) use bash::percent_encode;
pub use bash::Bash;

/// How a script's language quotes an argument so it reads back as exactly one word.
pub trait Dialect: Sync {
    /// The argument as one word of the language; `None` when it cannot be written safely
    /// (say, a NUL byte, which no shell word can hold). The emitter then writes a remark.
    fn quote(&self, arg: &str) -> Option<String>;
    /// [`Dialect::quote`] appended to `out`; `false` (and `out` as it was) when it cannot be
    /// written safely. A dialect overrides it to write a plain word without an allocation.
    fn quote_into(&self, arg: &str, out: &mut String) -> bool {
        pushed(self.quote(arg), out)
    }
    /// Whether a command can take data on its standard input (`printf '%s' DATA | command`).
    fn pipes(&self) -> bool {
        false
    }
}

/// A word [`Dialect::quote`] gave appended to `out`; `false` when it gave none.
pub(crate) fn pushed(quoted: Option<String>, out: &mut String) -> bool {
    quoted.map(|word| out.push_str(&word)).is_some()
}

/// One word of a command: fixed text from carryover's own catalogs, or an argument from a
/// capture that is always quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Word {
    Fixed(String),
    Arg(String),
}

/// A command built from typed words. Only [`Script::command`] turns it into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    words: Vec<Word>,
    stdin: Option<String>,
    block: Option<String>,
    refused: Option<Message>,
}

/// Characters a fixed word may hold unquoted; any other fixed word is quoted like an argument.
fn plain_word(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '='))
}

impl Command {
    /// A command whose first word is `program` (from a catalog, not from a capture).
    pub fn new(program: &str) -> Command {
        Command {
            // Room for a verb, its flags and a few arguments, without regrowing.
            words: Vec::with_capacity(8),
            stdin: None,
            block: None,
            refused: None,
        }
        .fixed(program)
    }

    /// A fixed word from carryover's own data (a verb, a flag). A word outside the plain
    /// character set is quoted all the same.
    pub fn fixed(mut self, word: &str) -> Command {
        self.words.push(if plain_word(word) {
            Word::Fixed(word.to_string())
        } else {
            Word::Arg(word.to_string())
        });
        self
    }

    /// The command as one word per word, for looking its form up in a catalog, never for
    /// writing (only [`Script::command`] writes): an argument's spaces and line breaks become
    /// `_`, so that it stays one word, and an empty one is `_`.
    pub fn lookup_line(&self) -> String {
        let mut line = String::new();
        for (i, word) in self.words.iter().enumerate() {
            if i > 0 {
                line.push(' ');
            }
            match word {
                Word::Fixed(w) => line.push_str(w),
                Word::Arg(a) if a.is_empty() => line.push('_'),
                Word::Arg(a) => line.extend(a.chars().map(|c| match c {
                    c if c.is_whitespace() || c == '"' => '_',
                    c => c,
                })),
            }
        }
        line
    }

    /// The command's fixed words (its verb and flags, never a value from a capture).
    pub fn form(&self) -> String {
        let words: Vec<&str> = self.fixed_words().collect();
        words.join(" ")
    }

    /// Whether [`Command::form`] is `form`, told without writing it.
    pub fn has_form(&self, form: &str) -> bool {
        let mut rest = form;
        for (i, word) in self.fixed_words().enumerate() {
            if i > 0 {
                let Some(after) = rest.strip_prefix(' ') else {
                    return false;
                };
                rest = after;
            }
            let Some(after) = rest.strip_prefix(word) else {
                return false;
            };
            rest = after;
        }
        rest.is_empty()
    }

    fn fixed_words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().filter_map(|w| match w {
            Word::Fixed(w) => Some(w.as_str()),
            Word::Arg(_) => None,
        })
    }

    /// An argument, always quoted by the dialect.
    pub fn arg(mut self, arg: impl Into<String>) -> Command {
        self.words.push(Word::Arg(arg.into()));
        self
    }

    /// The command with its last argument `last` instead (a command whose last word is not
    /// an argument stays as it is): what [`Script::command_ending_with`] writes.
    fn ending_with(mut self, last: &str) -> Command {
        if let Some(Word::Arg(arg)) = self.words.last_mut() {
            last.clone_into(arg);
        }
        self
    }

    /// Data for the command's standard input, where the dialect pipes (large or odd data is
    /// never put on the command line).
    pub fn stdin(mut self, data: impl Into<String>) -> Command {
        self.stdin = Some(data.into());
        self
    }

    /// A dot-terminated data block after the command line (MOS key blocks): a line starting
    /// with `.` gets one more, so no line of the data ends the block.
    pub fn block(mut self, data: impl Into<String>) -> Command {
        self.block = Some(data.into());
        self
    }

    /// Marks the command as one that must not be written, and why (a vendor's own check, such
    /// as a name that would leave its URL path segment).
    pub fn refuse(mut self, why: Message) -> Command {
        self.refused = Some(why);
        self
    }

    /// The arguments, in order, as the command will receive them (tests compare these with
    /// what a stub recorded).
    pub fn args(&self) -> Vec<&str> {
        self.words().collect()
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| match w {
            Word::Fixed(s) | Word::Arg(s) => s.as_str(),
        })
    }

    /// The data sent on standard input, if any.
    pub fn input(&self) -> Option<&str> {
        self.stdin.as_deref()
    }

    /// Every text the command carries: its words, its input and its data block.
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.words()
            .chain(self.stdin.as_deref())
            .chain(self.block.as_deref())
    }
}

/// Whether `text` holds a bidirectional control.
pub(crate) fn holds_bidi(text: &str) -> bool {
    // Every bidirectional control is outside ASCII.
    !text.is_ascii() && text.chars().any(bidi_control)
}

/// The first bidirectional control of `text`, as `U+202E`.
fn first_bidi(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    text.chars()
        .find(|c| bidi_control(*c))
        .map(|c| format!("U+{:04X}", c as u32))
}

/// Refuses an item bound for a script whose texts hold a bidirectional control: the error
/// names the item (`item`, shown through the sanitiser as every error is) and the character,
/// and where it was read (`read_at`, `rg01.log:6`) when a capture holds it. Called for every
/// item before a script is written, so that none is.
pub fn refuse_bidi<'t>(
    item: &'t str,
    texts: impl IntoIterator<Item = &'t str>,
    read_at: Option<&str>,
) -> crate::base::error::Result<()> {
    match std::iter::once(item).chain(texts).find_map(first_bidi) {
        Some(code) => {
            let said = crate::message!("emit-bidi-refused", item = item, code = code);
            Err(match read_at {
                Some(at) => Error::file(at, said),
                None => Error::usage(said),
            })
        }
        None => Ok(()),
    }
}

/// Why a command could not be written, as data: `render` puts it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unwritable {
    /// The vendor refused it, and why ([`Command::refuse`]).
    Refused(Message),
    /// An argument holds a character the script cannot carry.
    Value,
    /// The command takes data on its standard input, and this script cannot pipe.
    NoPipe,
    /// The data for its standard input holds a character the script cannot carry.
    Data,
    /// A line of its data block holds a control character.
    BlockLine,
}

/// One command as text, without its final line end, for lists of commands shown to a person
/// to type (a capture plan). The same quoting as in a script.
pub(crate) fn one_command(dialect: &dyn Dialect, command: &Command) -> Result<String, Unwritable> {
    let mut text = Script::new(dialect).render(command)?;
    if text.ends_with('\n') {
        text.pop();
    }
    Ok(text)
}

/// Where a streamed script's text goes as it is written: whole lines, a piece at a time.
pub type Sink<'s> = &'s mut dyn FnMut(&str) -> std::io::Result<()>;

/// How much text a streamed script holds before it hands it on.
const PIECE: usize = 1 << 16;

/// Lines a [`Script`] wrote on its own, for another to append: only the emitter makes one.
pub(crate) struct Part {
    text: String,
    count: usize,
}

/// A script being written, line by line, in one dialect.
pub struct Script<'d> {
    dialect: &'d dyn Dialect,
    text: String,
    written: Vec<Command>,
    /// Whether the commands are kept for `Script::into_parts` (a million-line script need
    /// not keep a million commands it only writes).
    keep: bool,
    count: usize,
    /// Where the text goes as it is written, when it is not kept whole.
    sink: Option<Sink<'d>>,
    /// The sink's first error: nothing is handed on after it.
    failed: Option<std::io::Error>,
}

impl<'d> Script<'d> {
    /// An empty script in `dialect`.
    pub fn new(dialect: &'d dyn Dialect) -> Script<'d> {
        Script {
            dialect,
            text: String::new(),
            written: Vec::new(),
            keep: true,
            count: 0,
            sink: None,
            failed: None,
        }
    }

    /// A script in `dialect` whose text goes to `sink` as it is written, never held whole;
    /// its commands are counted, not kept. [`Script::finish`] hands on the rest.
    pub(crate) fn streaming(dialect: &'d dyn Dialect, sink: Sink<'d>) -> Script<'d> {
        Script {
            sink: Some(sink),
            ..Script::text_only(dialect)
        }
    }

    /// Hands the text written so far to the sink, once it is a piece's worth (`all`: whatever
    /// there is). A script with no sink keeps its text.
    fn hand_on(&mut self, all: bool) {
        let Some(sink) = &mut self.sink else {
            return;
        };
        if !all && self.text.len() < PIECE {
            return;
        }
        if self.failed.is_none() {
            self.failed = sink(&self.text).err();
        }
        self.text.clear();
    }

    /// A streamed script's end: the rest handed on, or the sink's first error.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.hand_on(true);
        self.failed.map_or(Ok(()), Err)
    }

    /// An empty script in `dialect` that keeps only its text, and counts its commands.
    pub(crate) fn text_only(dialect: &'d dyn Dialect) -> Script<'d> {
        Script {
            keep: false,
            ..Script::new(dialect)
        }
    }

    /// Framing shipped with carryover (a shebang, a bash prologue): static text only, never
    /// capture text.
    pub fn framing(&mut self, text: &'static str) {
        if text.is_empty() {
            return;
        }
        self.text.push_str(text);
        if !text.ends_with('\n') {
            self.text.push('\n');
        }
        self.hand_on(false);
    }

    /// A remark line, `# ` and the sanitised text.
    pub fn remark(&mut self, text: &str) {
        self.text.push_str("# ");
        self.text.push_str(&sanitize(text));
        self.text.push('\n');
        self.hand_on(false);
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.text.push('\n');
        self.hand_on(false);
    }

    /// How many commands were written.
    pub fn commands(&self) -> usize {
        self.count
    }

    /// Whether the script keeps the commands it writes (for `Script::into_parts`), rather
    /// than only its text.
    pub(crate) fn keeps_commands(&self) -> bool {
        self.keep
    }

    /// What this script, written on its own, adds to another: see [`Script::append`].
    pub(crate) fn into_part(self) -> Part {
        Part {
            text: self.text,
            count: self.count,
        }
    }

    /// Appends a part this emitter wrote on its own, in the same dialect, from a script that
    /// keeps only its text (a long list's entries, written on several cores): as if its lines
    /// had been written here.
    pub(crate) fn append(&mut self, part: Part) {
        debug_assert!(!self.keep, "a part keeps no commands");
        self.text.push_str(&part.text);
        self.count += part.count;
        self.hand_on(false);
    }

    /// The command, each argument quoted; when an argument cannot be quoted safely, nothing of
    /// it is written and the caller gets why. The script keeps the command, for
    /// `Script::into_parts`.
    pub fn command(&mut self, command: &Command) -> Result<(), Unwritable> {
        self.write(command, None)
    }

    /// [`Script::command`] of `command` with its last argument `last` instead: one form
    /// written for each entry of a list, without building a command per entry. A command
    /// whose last word is not an argument is written as it is.
    pub fn command_ending_with(&mut self, command: &Command, last: &str) -> Result<(), Unwritable> {
        self.write(command, Some(last))
    }

    fn write(&mut self, command: &Command, last: Option<&str>) -> Result<(), Unwritable> {
        // Written in place; what a refused command wrote is taken back.
        let start = self.text.len();
        let mut text = std::mem::take(&mut self.text);
        let written = self.render_into(command, last, &mut text);
        if written.is_err() {
            text.truncate(start);
        }
        self.text = text;
        written?;
        self.hand_on(false);
        self.count += 1;
        if self.keep {
            let kept = command.clone();
            self.written.push(match last {
                Some(last) => kept.ending_with(last),
                None => kept,
            });
        }
        Ok(())
    }

    fn render(&self, command: &Command) -> Result<String, Unwritable> {
        let mut line = String::new();
        self.render_into(command, None, &mut line)?;
        Ok(line)
    }

    /// The command's line (and data block) appended to `out`, with its last argument `last`
    /// where given; on an error, `out` may hold part of it.
    fn render_into(
        &self,
        command: &Command,
        last: Option<&str>,
        out: &mut String,
    ) -> Result<(), Unwritable> {
        if let Some(why) = &command.refused {
            return Err(Unwritable::Refused(why.clone()));
        }
        let last = last.filter(|_| matches!(command.words.last(), Some(Word::Arg(_))));
        if let Some(code) = command.texts().chain(last).find_map(first_bidi) {
            let why = crate::message!("emit-bidi-not-written", code = code);
            return Err(Unwritable::Refused(why));
        }
        // The words joined by single spaces, written straight into the line.
        let start = out.len();
        let count = command.words.len();
        for (i, word) in command.words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            match word {
                Word::Fixed(w) => out.push_str(w),
                Word::Arg(a) => {
                    let a = last.filter(|_| i + 1 == count).unwrap_or(a);
                    if !self.dialect.quote_into(a, out) {
                        return Err(Unwritable::Value);
                    }
                }
            }
        }
        if let Some(data) = &command.stdin {
            if !self.dialect.pipes() {
                return Err(Unwritable::NoPipe);
            }
            let data = self.dialect.quote(data).ok_or(Unwritable::Data)?;
            out.insert_str(start, &format!("printf '%s' {data} | "));
        }
        out.push('\n');
        if let Some(block) = &command.block {
            out.push_str(&dot_block(block)?);
        }
        Ok(())
    }

    /// The script's text and the commands written into it, in order (what running it must
    /// do, for tests that run it).
    pub(crate) fn into_parts(self) -> (String, Vec<Command>) {
        (self.text, self.written)
    }
}

/// A dot-terminated, dot-stuffed block. Its lines are sent as typed, so a line holding a
/// control character (a CR would end the line early at a terminal) is refused.
fn dot_block(data: &str) -> Result<String, Unwritable> {
    let mut out = String::with_capacity(data.len() + 4);
    for line in data.lines() {
        if line.chars().any(|c| c.is_control() && c != '\t') {
            return Err(Unwritable::BlockLine);
        }
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(".\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Words;
    impl Dialect for Words {
        fn quote(&self, arg: &str) -> Option<String> {
            Some(format!("<{arg}>"))
        }
    }

    #[test]
    fn a_remark_stays_one_line_whatever_it_holds() {
        let mut script = Script::new(&Words);
        script.remark("evil.example\ntouch pwned #\r\u{0}\u{1b}[2J\u{2028}x\\n");
        let text = script.into_parts().0;
        assert_eq!(text.lines().count(), 1, "{text}");
        assert_eq!(
            text,
            "# evil.example\\ntouch pwned #\\r\\u{0}\\u{1b}[2J\\u{2028}x\\\\n\n"
        );
    }

    #[test]
    fn fixed_words_outside_the_plain_set_are_quoted() {
        let mut script = Script::new(&Words);
        let command = Command::new("api")
            .fixed("PUT")
            .fixed("$(touch x)")
            .arg("v");
        script.command(&command).unwrap();
        assert_eq!(script.into_parts().0, "api PUT <$(touch x)> <v>\n");
        assert_eq!(command.args(), ["api", "PUT", "$(touch x)", "v"]);
    }

    #[test]
    fn blocks_are_dot_stuffed_and_refuse_control_characters() {
        let mut script = Script::new(&Words);
        script
            .command(&Command::new("add").block("a\n.\n..b\n"))
            .unwrap();
        assert_eq!(script.into_parts().0, "add\na\n..\n...b\n.\n");
        let mut script = Script::new(&Words);
        assert!(script
            .command(&Command::new("add").block("a\rsmtp set x"))
            .is_err());
        assert_eq!(script.commands(), 0);
        assert_eq!(script.into_parts().0, "");
    }

    #[test]
    fn no_command_carries_a_bidirectional_control() {
        for command in [
            Command::new("smtp").arg("a\u{202e}b"),
            Command::new("x").fixed("set\u{2066}"),
            Command::new("x").block("key\u{200f}\n"),
        ] {
            let mut script = Script::new(&Words);
            assert!(matches!(
                script.command(&command),
                Err(Unwritable::Refused(m)) if m.id == "emit-bidi-not-written"
            ));
            assert_eq!(script.into_parts().0, "");
        }
        let refused = refuse_bidi("settings/system/smtp.banner", ["ok", "tx\u{061c}t"], None);
        assert!(matches!(refused, Err(Error::Usage(_))));
        assert!(refuse_bidi("lists/x\u{202d}/allow/a@b", [], None).is_err());
        assert!(refuse_bidi("settings/system/smtp.banner", ["\u{05d0}\u{05d1}"], None).is_ok());
        // Where a capture holds the item, the error says where it was read.
        let located = refuse_bidi("lists/p/allow/a\u{202e}b", [], Some("rg01.log:6"));
        assert!(
            matches!(&located, Err(Error::File { path, .. }) if path == "rg01.log:6"),
            "{located:?}"
        );
    }

    #[test]
    fn a_streamed_script_is_the_same_text_in_pieces() {
        let write = |script: &mut Script<'_>| {
            for i in 0..5000 {
                script.remark(&format!("entry {i}"));
                script
                    .command(&Command::new("add").arg(format!("e{i}")))
                    .unwrap();
            }
            script.blank();
        };
        let mut whole = Script::new(&Words);
        write(&mut whole);
        let whole = whole.into_parts().0;
        let mut pieces = Vec::new();
        let mut sink = |text: &str| {
            assert!(text.ends_with('\n'), "a piece holds whole lines");
            pieces.push(text.to_string());
            Ok(())
        };
        let mut streamed = Script::streaming(&Words, &mut sink);
        write(&mut streamed);
        assert_eq!(streamed.commands(), 5000);
        streamed.finish().unwrap();
        assert!(pieces.len() > 1, "{}", pieces.len());
        assert_eq!(pieces.concat(), whole);
        let mut full = |_: &str| Err(std::io::Error::other("disk full"));
        let mut failed = Script::streaming(&Words, &mut full);
        write(&mut failed);
        assert!(failed.finish().is_err());
    }

    #[test]
    fn data_is_piped_only_where_the_dialect_pipes() {
        let mut script = Script::new(&Words);
        assert!(script.command(&Command::new("x").stdin("d")).is_err());
    }
}

//! Interactive MOS CLI session logs: `grammar/mos_cli.pest` classifies lines, the assembler here
//! groups them into exchanges.

use std::collections::VecDeque;

use pest::iterators::Pair;
use pest::Parser;

use super::literal::{self, Context};
use super::words::{self, word_rules, Marker};
use super::{
    Answer, CommandLine, Completion, CompletionStatus, Exchange, Input, Line, Node, Out, Parts,
    Prompt, Tree, Warning, Word,
};
use crate::base::error::{Error, Result};
use crate::source::Source;
use crate::syntax::classify::{first_line, push_pest_lines, Classified, LineGrammar};
use crate::syntax::lines::lines_from;

/// The pest grammar of interactive CLI logs; its rules are named in `grammar/mos_cli.pest`.
#[allow(missing_docs)]
mod grammar {
    /// The parser pest derives from the grammar files.
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/mos_words.pest"]
    #[grammar = "../grammar/mos_cli.pest"]
    pub struct CliGrammar;
}
pub use grammar::{CliGrammar, Rule};

word_rules!(Rule);

/// What the grammar says one line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind<'a> {
    /// A prompt, with what was typed at it.
    Prompt {
        /// The host and delegated domain the prompt shows.
        prompt: Prompt<'a>,
        /// The command's words; empty at a bare prompt.
        words: Vec<Word<'a>>,
        /// A literal marker ending the line.
        marker: Option<Marker>,
        /// The typed text does not split into words.
        unparsed: bool,
    },
    /// `OK`, `NO` or `BAD`, with the text after it.
    Completion(CompletionStatus, &'a str),
    /// `Enter ... data, finish with a '.' on a line by itself:`.
    DotPrompt,
    /// The lone `.` that ends a data block.
    DotEnd,
    /// A y/n question, and the answer when it is on the same line.
    Confirm(Option<bool>),
    /// Words of an answer, and a literal marker ending the line.
    Data(Vec<Word<'a>>, Option<Marker>),
    /// An empty or white line.
    Blank,
    /// Any other line.
    Text,
}

struct Grammar;

impl<'a> LineGrammar<'a> for Grammar {
    type Kind = LineKind<'a>;

    fn classify(
        &self,
        slice: &'a str,
        offset: usize,
        first: u32,
        out: &mut VecDeque<(Line<'a>, LineKind<'a>)>,
    ) {
        // Lines holding one plain quoted word (list entries, the bulk of a large capture) take
        // the fast path; runs of other lines go to pest together.
        crate::syntax::classify::with_fast_path(
            slice,
            offset,
            first,
            out,
            |line| fast_quoted(line).map(|word| LineKind::Data(vec![word], None)),
            classify_with_pest,
            || LineKind::Blank,
        );
    }
}

/// The fast path: a line that is exactly `"text"` (no backslash, no other quote), perhaps with
/// trailing blanks, is what the grammar's `data` rule makes of it: one quoted word.
pub fn fast_quoted(line: &str) -> Option<Word<'_>> {
    let rest = line.strip_prefix('"')?;
    let close = memchr::memchr2(b'"', b'\\', rest.as_bytes())?;
    if rest.as_bytes()[close] != b'"' || !rest[close + 1..].bytes().all(|b| b == b' ' || b == b'\t')
    {
        return None;
    }
    Some(Word {
        text: std::borrow::Cow::Borrowed(&rest[..close]),
        quoted: true,
    })
}

fn classify_with_pest<'a>(
    slice: &'a str,
    offset: usize,
    first: u32,
    out: &mut VecDeque<(Line<'a>, LineKind<'a>)>,
) {
    let pairs = CliGrammar::parse(Rule::lines, slice)
        .expect("every line matches `text` or `blank`, so the CLI grammar accepts any text");
    push_pest_lines(pairs, Rule::EOI, offset, first, out, kind);
}

/// What one line is; `start` is the line's offset in the text the pair was parsed from.
fn kind<'a>(pair: Pair<'a, Rule>, start: usize) -> LineKind<'a> {
    match pair.as_rule() {
        Rule::prompt_line => {
            let mut host = "";
            let mut domain = None;
            let mut words = Vec::new();
            let mut marker = None;
            let mut unparsed = false;
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::prompt => {
                        for p in part.into_inner() {
                            match p.as_rule() {
                                Rule::host => host = p.as_str(),
                                Rule::scope => domain = p.into_inner().next().map(|d| d.as_str()),
                                _ => {}
                            }
                        }
                    }
                    Rule::command => (words, marker) = words::fields(part.into_inner(), start),
                    Rule::typed_text => unparsed = true,
                    _ => {}
                }
            }
            LineKind::Prompt {
                prompt: Prompt { host, domain },
                words,
                marker,
                unparsed,
            }
        }
        Rule::completion => {
            let mut inner = pair.into_inner();
            let status = match inner.next().map(|s| s.as_str()) {
                Some("OK") => CompletionStatus::Ok,
                Some("NO") => CompletionStatus::No,
                _ => CompletionStatus::Bad,
            };
            LineKind::Completion(status, inner.next().map_or("", |r| r.as_str().trim_end()))
        }
        Rule::dot_prompt => LineKind::DotPrompt,
        Rule::dot_end => LineKind::DotEnd,
        Rule::confirm => LineKind::Confirm(
            pair.into_inner()
                .find(|p| p.as_rule() == Rule::answer)
                .map(|a| a.as_str().to_ascii_lowercase().starts_with('y')),
        ),
        Rule::data => {
            let (words, marker) = words::fields(pair.into_inner(), start);
            LineKind::Data(words, marker)
        }
        Rule::blank => LineKind::Blank,
        _ => LineKind::Text,
    }
}

/// Whether a line ends a literal for sure: a completion or a prompt.
fn is_boundary(text: &str) -> bool {
    matches!(
        classify_line(text),
        LineKind::Completion(..) | LineKind::Prompt { .. }
    )
}

/// Parses a whole CLI log into a tree (for tests and small inputs; large ones use `parse_with`).
pub fn parse(source: &Source) -> Result<Tree<'_>> {
    let mut nodes = Vec::new();
    let mut sink = |node| {
        nodes.push(node);
        Ok(())
    };
    let warnings = parse_with(source, 0, source.text.len(), 1, Parts::WHOLE, &mut sink)?;
    Ok(Tree { nodes, warnings })
}

/// Commands that end a session rather than configure anything (session plumbing): what
/// follows them, up to the next prompt, is the next session's preamble.
pub const SESSION_ENDS: &[&str] = &["exit", "quit", "logout", "bye"];

/// How a new terminal session starts in a log that holds several (telnet, ssh, the login): such
/// a line ends whatever command was open, and the lines up to the next prompt are preamble.
pub const SESSION_STARTS: &[&str] = &[
    "Trying ",
    "Connected to ",
    "Escape character is",
    "Connection closed",
    "Connection to ",
    "login:",
    "login as:",
    "Last login:",
    "Using username",
    // The CLI ends an idle session itself; what follows is the next session.
    "timed out waiting for input",
];

/// Whether a line is a bare session end (`exit`), typed with no prompt before it.
fn ends_session(text: &str) -> bool {
    let word = text.trim();
    SESSION_ENDS.iter().any(|e| word.eq_ignore_ascii_case(e))
}

/// Whether a line starts a new terminal session.
pub(crate) fn starts_session(text: &str) -> bool {
    SESSION_STARTS.iter().any(|s| text.starts_with(s))
}

/// Parses the part of a log from byte `start` (a line start, line `number`) to `end`, handing
/// each node to `sink` as soon as it is complete, so memory holds one command at a time (and of
/// a command whose answer `parts` lets come in parts, one part at a time). Parts of the log
/// that start at a command boundary ([`boundaries`]) parse exactly as the whole does.
pub(crate) fn parse_with<'a>(
    source: &'a Source,
    start: usize,
    end: usize,
    number: u32,
    parts: Parts<'_>,
    sink: &mut dyn FnMut(Node<'a>) -> Result<()>,
) -> Result<Vec<Warning>> {
    let text = &source.text;
    let encoded_len = |s: &str| source.encoded_len(s);
    let cx = Context {
        text: &text[..end],
        encoded_len: &encoded_len,
        is_boundary: &is_boundary,
        // The appliance counts CRLF line breaks, whatever endings the log was saved with.
        crlf: true,
        pager_lines: &source.pager_lines,
    };
    let mut assembler = Assembler {
        source,
        cx: &cx,
        lines: Classified::new(Grammar, text, start, end, number),
        out: Out::new(sink, parts),
        current: None,
        in_session: start > 0,
    };
    while let Some((line, kind)) = assembler.lines.next() {
        match kind {
            LineKind::Prompt {
                prompt,
                words,
                marker,
                unparsed,
            } => assembler.prompt_line(line, prompt, words, marker, unparsed)?,
            other if assembler.current.is_none() => assembler.outside_command(line, other)?,
            _ if starts_session(line.text) => assembler.new_session(line)?,
            _ if ends_session(line.text) => assembler.typed_session_end(line)?,
            other => assembler.answer_line(line, other)?,
        }
    }
    assembler.out.finish(assembler.current)?;
    Ok(assembler.out.warnings)
}

/// The state of assembling lines into nodes.
struct Assembler<'a, 's, 'c, 'p> {
    source: &'a Source,
    cx: &'c Context<'a, 'c>,
    lines: Classified<'a, Grammar>,
    out: Out<'s, 'p, 'a>,
    /// The command being answered.
    current: Option<Exchange<'a>>,
    /// A prompt was seen since the log or the last session began: text before it is preamble.
    in_session: bool,
}

impl<'a> Assembler<'a, '_, '_, '_> {
    /// A prompt, with or without a command typed at it.
    fn prompt_line(
        &mut self,
        line: Line<'a>,
        prompt: Prompt<'a>,
        words: Vec<Word<'a>>,
        marker: Option<Marker>,
        unparsed: bool,
    ) -> Result<()> {
        self.in_session = true;
        self.out.finish(self.current.take())?;
        if words.is_empty() && !unparsed {
            return self.out.emit(Node::Prompt(line));
        }
        let ends_session = matches!(words.as_slice(), [w] if SESSION_ENDS.iter().any(|e| w.as_str().eq_ignore_ascii_case(e)));
        if marker.is_none() {
            if let Some((next, words, unparsed)) = self.wrapped_command(line) {
                return self.open(line, prompt, words, None, unparsed, Some(next));
            }
        }
        let literal = take_literal(
            self.source,
            self.cx,
            &mut self.lines,
            line,
            marker,
            &mut self.out.warnings,
        )?;
        if ends_session {
            // What the terminal prints next belongs to no command.
            self.in_session = false;
            let exchange = command_exchange(line, prompt, words, literal, unparsed, None);
            return self.out.finish(Some(exchange));
        }
        self.open(line, prompt, words, literal, unparsed, None)
    }

    /// Opens a command: the lines that follow are its answer.
    fn open(
        &mut self,
        line: Line<'a>,
        prompt: Prompt<'a>,
        words: Vec<Word<'a>>,
        literal: Option<Box<super::Literal<'a>>>,
        unparsed: bool,
        continuation: Option<Line<'a>>,
    ) -> Result<()> {
        let exchange = command_exchange(line, prompt, words, literal, unparsed, continuation);
        self.out.opened(&exchange.command);
        self.current = Some(exchange);
        Ok(())
    }

    /// A command line exactly as wide as a common terminal, followed by a line that is no
    /// answer form (no completion, prompt, quoted value or session line): the terminal wrapped
    /// the command, and the next line is its rest. Takes that line; gives it with the words of
    /// the command rejoined, and whether they still do not split into words.
    fn wrapped_command(&mut self, line: Line<'a>) -> Option<(Line<'a>, Vec<Word<'a>>, bool)> {
        if !WRAP_WIDTHS.contains(&display_width(line.text)) {
            return None;
        }
        let (next, kind) = self.lines.peek()?;
        let fragment = matches!(kind, LineKind::Data(_, None) | LineKind::Text)
            && !next.text.starts_with('"')
            && !next.text.trim().is_empty()
            && !starts_session(next.text);
        if !fragment {
            return None;
        }
        let next = *next;
        let joined = format!("{}{}", line.text, next.text);
        let LineKind::Prompt {
            words,
            marker: None,
            unparsed,
            ..
        } = classify_line(&joined)
        else {
            return None;
        };
        let words: Vec<Word<'a>> = words
            .into_iter()
            .map(|w| Word {
                text: std::borrow::Cow::Owned(w.text.into_owned()),
                quoted: w.quoted,
            })
            .collect();
        self.lines.next();
        self.out.warnings.push(Warning {
            line: line.number,
            message: crate::message!(
                "mos-command-wrapped",
                width = display_width(line.text),
                next = next.number,
                command = joined.trim_end()
            ),
        });
        Some((next, words, unparsed))
    }

    /// A line while no command is open: preamble before the first prompt of a session, a
    /// blank, or a stray line.
    fn outside_command(&mut self, line: Line<'a>, kind: LineKind<'a>) -> Result<()> {
        if starts_session(line.text) {
            self.in_session = false;
        }
        self.out.emit(match kind {
            LineKind::Blank => Node::Blank(line),
            _ if !self.in_session => Node::Preamble(line),
            _ => Node::Stray(line),
        })
    }

    /// `exit` typed while a command is still open (its prompt never came back): it ends the
    /// command and the session, and is no answer. The line belongs to no command.
    fn typed_session_end(&mut self, line: Line<'a>) -> Result<()> {
        self.out.finish(self.current.take())?;
        self.in_session = false;
        self.out.emit(Node::Stray(line))
    }

    /// A new session starts while a command is open: the command was never answered.
    fn new_session(&mut self, line: Line<'a>) -> Result<()> {
        self.out.finish(self.current.take())?;
        self.in_session = false;
        self.out.emit(Node::Preamble(line))
    }

    /// A line of the open command's answer or input.
    fn answer_line(&mut self, line: Line<'a>, kind: LineKind<'a>) -> Result<()> {
        let exchange = self.current.as_mut().expect("an answer line has a command");
        match kind {
            LineKind::Completion(status, text) => {
                exchange.completion = Some(Completion { line, status, text });
                return self.out.finish(self.current.take());
            }
            LineKind::DotPrompt => {
                let block = dot_block(line, &mut self.lines, &mut self.out.warnings);
                exchange.input.push(block);
            }
            LineKind::Confirm(answer) => {
                let input = confirmation(line, answer, &mut self.lines);
                exchange.input.push(input);
            }
            LineKind::Data(words, marker) => {
                let literal = take_literal(
                    self.source,
                    self.cx,
                    &mut self.lines,
                    line,
                    marker,
                    &mut self.out.warnings,
                )?;
                let exchange = self.current.as_mut().expect("still open");
                exchange.answer.push(Answer::Data {
                    line,
                    words,
                    literal,
                });
            }
            LineKind::Blank => exchange.answer.push(Answer::Blank(line)),
            _ => exchange.answer.push(Answer::Text(line)),
        }
        self.out.part(&mut self.current)
    }
}

/// Terminal widths logs are commonly saved at: a command line exactly this wide was likely
/// wrapped by the terminal.
const WRAP_WIDTHS: &[usize] = &[80, 132];

/// The columns a line takes on a terminal: East Asian wide characters take two.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// The exchange a command line opens, with nothing answered yet.
fn command_exchange<'a>(
    line: Line<'a>,
    prompt: Prompt<'a>,
    words: Vec<Word<'a>>,
    literal: Option<Box<super::Literal<'a>>>,
    unparsed: bool,
    continuation: Option<Line<'a>>,
) -> Exchange<'a> {
    Exchange {
        command: CommandLine {
            line,
            prompt: Some(prompt),
            tag: None,
            words,
            literal,
            unparsed,
            continuation,
        },
        input: Vec::new(),
        answer: Vec::new(),
        completion: None,
    }
}

/// A y/n question, answered on its line or on the next.
fn confirmation<'a>(
    question: Line<'a>,
    answer: Option<bool>,
    lines: &mut Classified<'a, Grammar>,
) -> Input<'a> {
    if answer.is_none() {
        if let Some((next, LineKind::Data(words, None))) = lines.peek() {
            if let Some(yes) = yes_or_no(words) {
                let input = Input::Confirmation {
                    question,
                    answer_line: Some(*next),
                    answer: Some(yes),
                };
                lines.next();
                return input;
            }
        }
    }
    Input::Confirmation {
        question,
        answer_line: None,
        answer,
    }
}

fn yes_or_no(words: &[Word<'_>]) -> Option<bool> {
    match words {
        [w] => match w.as_str().to_ascii_lowercase().as_str() {
            "y" | "yes" => Some(true),
            "n" | "no" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Reads the lines after a dot prompt up to the lone `.`. A prompt line before it means the block
/// was never ended; the prompt is left for the caller.
fn dot_block<'a>(
    prompt: Line<'a>,
    lines: &mut Classified<'a, Grammar>,
    warnings: &mut Vec<Warning>,
) -> Input<'a> {
    let mut body = Vec::new();
    loop {
        match lines.peek() {
            None | Some((_, LineKind::Prompt { .. })) => {
                warnings.push(Warning {
                    line: prompt.number,
                    message: crate::message!("mos-data-block-unterminated"),
                });
                return Input::DotBlock {
                    prompt: Some(prompt),
                    body,
                    end: None,
                };
            }
            Some((_, LineKind::DotEnd)) => {
                let end = lines.next().map(|(l, _)| l);
                return Input::DotBlock {
                    prompt: Some(prompt),
                    body,
                    end,
                };
            }
            Some(_) => body.extend(lines.next().map(|(l, _)| l)),
        }
    }
}

/// Takes the literal announced at the end of `line`, if any, out of the line stream.
pub(super) fn take_literal<'a, G: LineGrammar<'a>>(
    source: &Source,
    cx: &Context<'a, '_>,
    lines: &mut Classified<'a, G>,
    line: Line<'a>,
    marker: Option<Marker>,
    warnings: &mut Vec<Warning>,
) -> Result<Option<Box<super::Literal<'a>>>> {
    let Some(marker) = marker else {
        return Ok(None);
    };
    let body_start = line.end_with_newline(cx.text);
    let literal = literal::find(cx, body_start, line.number + 1, marker.count, marker.client)
        .map_err(|overflow| {
            let mut at = source.position(line.start + marker.column_offset);
            at.line = line.number;
            Error::input(
                at,
                crate::message!(
                    "mos-literal-overflow",
                    announced = overflow.announced,
                    available = overflow.available
                ),
                crate::message!("mos-literal-overflow-expected"),
            )
        })?;
    for note in literal.recovered.iter().chain(&literal.notes) {
        warnings.push(Warning {
            line: line.number,
            message: note.clone(),
        });
    }
    if let Some(last) = literal.lines().last() {
        lines.skip_to(last.end_with_newline(cx.text), last.number + 1);
    }
    Ok(Some(Box::new(literal)))
}

/// Byte offsets (with their line numbers) where a log can be cut into parts that parse on their
/// own: prompt lines outside any literal or data block, about `part` bytes apart. Literals are
/// found exactly as the parser finds them, so no cut falls inside one.
pub(crate) fn boundaries(source: &Source, part: usize) -> Vec<(usize, u32)> {
    let text = source.text.as_str();
    let encoded_len = |s: &str| source.encoded_len(s);
    let cx = Context {
        text,
        encoded_len: &encoded_len,
        is_boundary: &is_boundary,
        // The appliance counts CRLF line breaks, whatever endings the log was saved with.
        crlf: true,
        pager_lines: &source.pager_lines,
    };
    let mut cuts = Vec::new();
    let mut want = part;
    let mut in_block = false;
    let mut lines = lines_from(text, 0, 1);
    while let Some(line) = lines.next() {
        let t = line.text;
        let candidate = looks_like_prompt(t)
            || t.trim_end().ends_with('}')
            || t.starts_with("Enter ")
            || (in_block && t.starts_with('.'));
        if !candidate {
            continue;
        }
        let marker = match classify_line(t) {
            LineKind::Prompt { marker, .. } => {
                in_block = false;
                if line.start >= want {
                    cuts.push((line.start, line.number));
                    want = line.start + part;
                }
                marker
            }
            LineKind::Data(_, marker) if !in_block => marker,
            LineKind::DotPrompt => {
                in_block = true;
                None
            }
            LineKind::DotEnd => {
                in_block = false;
                None
            }
            _ => None,
        };
        if let Some(m) = marker {
            let start = line.end_with_newline(text);
            if let Ok(literal) = literal::find(&cx, start, line.number + 1, m.count, m.client) {
                if let Some(last) = literal.lines().last() {
                    lines = lines_from(text, last.end_with_newline(text), last.number + 1);
                }
            }
        }
    }
    cuts
}

/// Cheap test before running the grammar: a host name, then `>`, `#` or `$` early in the line.
pub(crate) fn looks_like_prompt(line: &str) -> bool {
    line.as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric)
        && line
            .bytes()
            .take(160)
            .any(|b| matches!(b, b'>' | b'#' | b'$'))
}

/// What the grammar alone makes of one line, without the fast path: for tests that hold the
/// fast path to it.
pub fn classify_line_by_grammar(text: &str) -> LineKind<'_> {
    first_line(text, classify_with_pest).unwrap_or(LineKind::Blank)
}

/// Classifies one line on its own, as the grammar does inside a log.
pub fn classify_line(text: &str) -> LineKind<'_> {
    first_line(text, |t, o, f, out| Grammar.classify(t, o, f, out)).unwrap_or(LineKind::Blank)
}

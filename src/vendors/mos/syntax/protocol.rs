//! Admin-protocol transcripts: `grammar/mos_protocol.pest` classifies lines, the assembler here
//! pairs tagged commands with their `* tag` data and tagged completion.

use std::collections::VecDeque;

use pest::iterators::Pair;
use pest::Parser;

use super::cli::take_literal;
use super::literal::Context;
use super::words::{self, word_rules, Marker};
use super::{
    Answer, CommandLine, Completion, CompletionStatus, Exchange, Line, Node, Out, Parts, Tree,
    Warning, Word,
};
use crate::base::error::Result;
use crate::source::Source;
use crate::syntax::classify::{first_line, Classified, LineGrammar};

/// The pest grammar of admin-protocol transcripts; its rules are named in `grammar/mos_protocol.pest`.
#[allow(missing_docs)]
mod grammar {
    /// The parser pest derives from the grammar files.
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/mos_words.pest"]
    #[grammar = "../grammar/mos_protocol.pest"]
    pub struct ProtocolGrammar;
}
pub use grammar::{ProtocolGrammar, Rule};

word_rules!(Rule);

/// What the grammar says one line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind<'a> {
    /// `* OK host admind version`.
    Greeting,
    /// `* tag fields`: a line of a command's answer.
    Data {
        /// The tag after the star.
        tag: &'a str,
        /// The fields.
        words: Vec<Word<'a>>,
        /// A literal marker ending the line.
        marker: Option<Marker>,
    },
    /// `+ text`: the server waits for more.
    Continuation,
    /// `tag OK|NO|BAD text`.
    Completion {
        /// The command's tag.
        tag: &'a str,
        /// How it completed.
        status: CompletionStatus,
        /// The text after the status.
        text: &'a str,
    },
    /// `tag words`: a client command.
    Command {
        /// Its tag.
        tag: &'a str,
        /// Its words.
        words: Vec<Word<'a>>,
        /// A client literal marker ending the line.
        marker: Option<Marker>,
    },
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
        // Server lines holding one plain quoted word (a listing's entries, the bulk of a large
        // transcript) take the fast path; runs of other lines go to pest together.
        crate::syntax::classify::with_fast_path(
            slice,
            offset,
            first,
            out,
            |line| {
                let (tag, word) = fast_server_data(line)?;
                let words = vec![word];
                Some(LineKind::Data {
                    tag,
                    words,
                    marker: None,
                })
            },
            classify_with_pest,
            || LineKind::Blank,
        );
    }
}

/// The fast path: a line that is exactly `* tag "text"`, perhaps after a direction (`S: `),
/// the text holding no backslash and no other quote, is what the grammar's `server_data` rule
/// makes of it: the tag and one quoted word. `* OK ...` is the greeting's, never taken here.
pub fn fast_server_data(line: &str) -> Option<(&str, Word<'_>)> {
    let line = ["S: ", "C: ", "S:", "C:"]
        .iter()
        .find_map(|d| line.strip_prefix(d))
        .unwrap_or(line);
    let rest = line.strip_prefix("* ")?;
    let space = memchr::memchr(b' ', rest.as_bytes())?;
    let tag = &rest[..space];
    let tag_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_');
    if tag.is_empty() || tag == "OK" || !tag.bytes().all(tag_char) {
        return None;
    }
    let field = &rest[space + 1..];
    if !field.ends_with('"') {
        return None;
    }
    Some((tag, super::cli::fast_quoted(field)?))
}

/// Classifies a slice with the grammar alone.
fn classify_with_pest<'a>(
    slice: &'a str,
    offset: usize,
    first: u32,
    out: &mut VecDeque<(Line<'a>, LineKind<'a>)>,
) {
    let pairs = ProtocolGrammar::parse(Rule::lines, slice)
        .expect("every line matches `text` or `blank`, so the protocol grammar accepts any text");
    // A direction prefix is a pair of its own; the line is the span up to the next LF.
    let mut number = first;
    let mut pending: Option<usize> = None;
    for pair in pairs {
        let rule = pair.as_rule();
        if rule == Rule::EOI {
            continue;
        }
        if rule == Rule::direction {
            pending = Some(pair.as_span().start());
            continue;
        }
        let line_start = pending.take().unwrap_or(pair.as_span().start());
        let end = pair.as_span().end();
        let line = Line {
            number,
            start: offset + line_start,
            text: &slice[line_start..end],
        };
        number += 1;
        out.push_back((line, kind(pair, line_start)));
    }
}

/// What the grammar alone makes of one line, without the fast path: for tests that hold the
/// fast path to it.
pub fn classify_line_by_grammar(text: &str) -> LineKind<'_> {
    first_line(text, classify_with_pest).unwrap_or(LineKind::Blank)
}

fn kind<'a>(pair: Pair<'a, Rule>, start: usize) -> LineKind<'a> {
    let rule = pair.as_rule();
    let mut tag = "";
    let mut status = CompletionStatus::Bad;
    let mut text = "";
    let mut words = Vec::new();
    let mut marker = None;
    let mut rest = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::tag => tag = part.as_str(),
            Rule::status => {
                status = match part.as_str() {
                    "OK" => CompletionStatus::Ok,
                    "NO" => CompletionStatus::No,
                    _ => CompletionStatus::Bad,
                }
            }
            Rule::reason => text = part.as_str().trim_end(),
            _ => rest.push(part),
        }
    }
    if !rest.is_empty() {
        (words, marker) = words::fields(rest.into_iter(), start);
    }
    match rule {
        Rule::greeting => LineKind::Greeting,
        Rule::server_data => LineKind::Data { tag, words, marker },
        Rule::continuation => LineKind::Continuation,
        Rule::tagged_completion => LineKind::Completion { tag, status, text },
        Rule::client_command => LineKind::Command { tag, words, marker },
        Rule::blank => LineKind::Blank,
        _ => LineKind::Text,
    }
}

fn is_boundary(text: &str) -> bool {
    matches!(
        first_line(text, |t, o, f, out| Grammar.classify(t, o, f, out)),
        Some(LineKind::Completion { .. } | LineKind::Command { .. })
    )
}

/// Parses a whole transcript into a tree.
pub fn parse(source: &Source) -> Result<Tree<'_>> {
    let mut nodes = Vec::new();
    let warnings = parse_with(source, Parts::WHOLE, &mut |node| {
        nodes.push(node);
        Ok(())
    })?;
    Ok(Tree { nodes, warnings })
}

/// Parses a transcript, handing each node to `sink` when it is complete (and the answer of a
/// command `parts` lets come in parts, a part at a time).
pub(crate) fn parse_with<'a>(
    source: &'a Source,
    parts: Parts<'_>,
    sink: &mut dyn FnMut(Node<'a>) -> Result<()>,
) -> Result<Vec<Warning>> {
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
    let mut lines = Classified::new(Grammar, text, 0, text.len(), 1);
    let mut out = Out::new(sink, parts);
    let mut current: Option<Exchange<'_>> = None;
    while let Some((line, kind)) = lines.next() {
        match kind {
            LineKind::Command { tag, words, marker } => {
                out.finish(current.take())?;
                let literal =
                    take_literal(source, &cx, &mut lines, line, marker, &mut out.warnings)?;
                let command = CommandLine {
                    line,
                    prompt: None,
                    tag: Some(tag),
                    words,
                    literal,
                    unparsed: false,
                    continuation: None,
                };
                out.opened(&command);
                current = Some(Exchange {
                    command,
                    input: Vec::new(),
                    answer: Vec::new(),
                    completion: None,
                });
            }
            LineKind::Data { tag, words, marker } if is_open(&current, tag) => {
                let literal =
                    take_literal(source, &cx, &mut lines, line, marker, &mut out.warnings)?;
                let exchange = current.as_mut().expect("is_open checked it");
                exchange.answer.push(Answer::Data {
                    line,
                    words,
                    literal,
                });
                out.part(&mut current)?;
            }
            LineKind::Completion { tag, status, text } if is_open(&current, tag) => {
                let mut exchange = current.take().expect("is_open checked it");
                exchange.completion = Some(Completion { line, status, text });
                out.finish(Some(exchange))?;
            }
            LineKind::Continuation | LineKind::Blank if current.is_some() => {
                let exchange = current.as_mut().expect("checked");
                exchange.answer.push(Answer::Blank(line));
                out.part(&mut current)?;
            }
            LineKind::Greeting => {
                out.finish(current.take())?;
                out.emit(Node::Greeting(line))?;
            }
            LineKind::Blank => out.emit(Node::Blank(line))?,
            _ => match current.as_mut() {
                Some(exchange) => {
                    exchange.answer.push(Answer::Text(line));
                    out.part(&mut current)?;
                }
                None => out.emit(Node::Stray(line))?,
            },
        }
    }
    out.finish(current)?;
    Ok(out.warnings)
}

fn is_open(current: &Option<Exchange<'_>>, tag: &str) -> bool {
    current.as_ref().is_some_and(|x| x.command.tag == Some(tag))
}

/// Whether a text holds a line a protocol transcript would: an admind greeting, or a tagged
/// completion (`a001 OK ...`). A quick look only: which kind a capture is, is decided on the
/// evidence of the whole file (`vendors::mos::evidence`), where one such line never decides.
pub fn looks_like(text: &str) -> bool {
    text.lines().take(500).any(|line| {
        let line = line
            .strip_prefix("S: ")
            .or_else(|| line.strip_prefix("C: "))
            .unwrap_or(line);
        let mut words = line.split_whitespace();
        let (Some(first), Some(second)) = (words.next(), words.next()) else {
            return false;
        };
        if first == "*" {
            return second == "OK" && line.contains("admind");
        }
        let tag = first.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
            && !matches!(first, "OK" | "NO" | "BAD");
        tag && matches!(second, "OK" | "NO" | "BAD") && !line.contains('>')
    })
}

//! MOS configuration exports: `grammar/mos_export.pest` classifies lines, the assembler here
//! makes each command an exchange with its literal or dot block. An export is written by a
//! machine, so a command line that does not split into words is an error, not a warning.

use std::collections::VecDeque;

use pest::Parser;

use super::cli::take_literal;
use super::literal::Context;
use super::words::{self, word_rules, Marker};
use super::{CommandLine, Exchange, Input, Line, Node, Out, Parts, Tree, Warning, Word};
use crate::base::error::{Error, Result};
use crate::source::Source;
use crate::syntax::classify::{push_pest_lines, Classified, LineGrammar};

/// The pest grammar of config exports; its rules are named in `grammar/mos_export.pest`.
#[allow(missing_docs)]
mod grammar {
    /// The parser pest derives from the grammar files.
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/mos_words.pest"]
    #[grammar = "../grammar/mos_export.pest"]
    pub struct ExportGrammar;
}
pub use grammar::{ExportGrammar, Rule};

word_rules!(Rule);

/// What the grammar says one line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind<'a> {
    /// A `#` comment.
    Comment,
    /// The lone `.` that ends a data block.
    DotEnd,
    /// A command's words, and a literal marker ending the line.
    Command(Vec<Word<'a>>, Option<Marker>),
    /// An empty or white line.
    Blank,
    /// A line that does not split into words.
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
        let pairs = ExportGrammar::parse(Rule::lines, slice)
            .expect("every line matches `text` or `blank`, so the export grammar accepts any text");
        push_pest_lines(
            pairs,
            Rule::EOI,
            offset,
            first,
            out,
            |pair, relative| match pair.as_rule() {
                Rule::comment => LineKind::Comment,
                Rule::dot_end => LineKind::DotEnd,
                Rule::command => {
                    let (words, marker) = words::fields(pair.into_inner(), relative);
                    LineKind::Command(words, marker)
                }
                Rule::blank => LineKind::Blank,
                _ => LineKind::Text,
            },
        );
    }
}

fn is_boundary(_: &str) -> bool {
    // An export has no completions; a literal that does not fit ends at its key sentinel or
    // runs to the end.
    false
}

/// Parses a whole export into a tree. `reads_block` says whether a command reads a
/// dot-terminated data block after it.
pub fn parse<'a>(
    source: &'a Source,
    reads_block: &dyn Fn(&[Word<'_>]) -> bool,
) -> Result<Tree<'a>> {
    let mut nodes = Vec::new();
    let warnings = parse_with(source, reads_block, &mut |node| {
        nodes.push(node);
        Ok(())
    })?;
    Ok(Tree { nodes, warnings })
}

/// Parses an export, handing each node to `sink` as it is complete.
pub(crate) fn parse_with<'a>(
    source: &'a Source,
    reads_block: &dyn Fn(&[Word<'_>]) -> bool,
    sink: &mut dyn FnMut(Node<'a>) -> Result<()>,
) -> Result<Vec<Warning>> {
    let text = source.text.as_str();
    let encoded_len = |s: &str| source.encoded_len(s);
    let cx = Context {
        text,
        encoded_len: &encoded_len,
        is_boundary: &is_boundary,
        // An export is a script replayed through the admin protocol, which counts each line
        // break as CRLF (carryover's own scripts count so, whatever line ends the file has):
        // CRLF is tried first, then LF, with a warning.
        crlf: true,
        pager_lines: &[],
    };
    let mut lines = Classified::new(Grammar, text, 0, text.len(), 1);
    let mut out = Out::new(sink, Parts::WHOLE);
    while let Some((line, kind)) = lines.next() {
        match kind {
            LineKind::Command(mut words, mut marker) => {
                if let Some(comment) = words
                    .iter()
                    .position(|w| !w.quoted && w.text.starts_with('#'))
                {
                    // A trailing `# remark` ends the command; the marker, if any, was in it.
                    words.truncate(comment);
                    marker = None;
                }
                let literal =
                    take_literal(source, &cx, &mut lines, line, marker, &mut out.warnings)?;
                let input = block_of(&words, reads_block, &mut lines, line, &mut out.warnings);
                out.finish(Some(exchange(line, words, literal, input)))?;
            }
            LineKind::Comment => out.emit(Node::Comment(line))?,
            LineKind::Blank => out.emit(Node::Blank(line))?,
            LineKind::DotEnd => out.emit(Node::Stray(line))?,
            LineKind::Text if before_comment(line.text).is_some() => {
                let words = before_comment(line.text).unwrap_or_default();
                let input = block_of(&words, reads_block, &mut lines, line, &mut out.warnings);
                out.finish(Some(exchange(line, words, None, input)))?;
            }
            LineKind::Text => return Err(unsplittable(source, line)),
        }
    }
    Ok(out.warnings)
}

/// The dot block a command reads after it, if it reads one.
fn block_of<'a>(
    words: &[Word<'_>],
    reads_block: &dyn Fn(&[Word<'_>]) -> bool,
    lines: &mut Classified<'a, Grammar>,
    command: Line<'a>,
    warnings: &mut Vec<Warning>,
) -> Vec<Input<'a>> {
    if reads_block(words) {
        vec![dot_block(lines, command, warnings)]
    } else {
        Vec::new()
    }
}

/// One command of the export as an exchange: an export has no prompt, tag, answer or
/// completion.
fn exchange<'a>(
    line: Line<'a>,
    words: Vec<Word<'a>>,
    literal: Option<Box<super::Literal<'a>>>,
    input: Vec<Input<'a>>,
) -> Exchange<'a> {
    Exchange {
        command: CommandLine {
            line,
            prompt: None,
            tag: None,
            words,
            literal,
            unparsed: false,
            continuation: None,
        },
        input,
        answer: Vec::new(),
        completion: None,
    }
}

/// The error for an export line that does not split into words, at its first quote.
fn unsplittable(source: &Source, line: Line<'_>) -> Error {
    let column = line.text.find('"').unwrap_or(0);
    let mut at = source.position(line.start + column);
    at.line = line.number;
    Error::input(
        at,
        crate::message!("mos-export-unsplittable"),
        crate::message!("mos-export-unsplittable-expected"),
    )
}

/// The words of a command followed by a `# remark` the word syntax cannot split (it holds a
/// quote or a parenthesis): the text before the first unquoted ` #`, when it is a command.
fn before_comment(text: &str) -> Option<Vec<Word<'_>>> {
    let mut quoted = false;
    let mut escaped = false;
    let mut cut = None;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '#' if !quoted && i > 0 && text[..i].ends_with([' ', '\t']) => {
                cut = Some(i);
                break;
            }
            _ => {}
        }
    }
    let head = text[..cut?].trim_end();
    let pair = ExportGrammar::parse(Rule::command, head).ok()?.next()?;
    let (words, marker) = words::fields(pair.into_inner(), 0);
    (marker.is_none() && !words.is_empty()).then_some(words)
}

/// The lines after a command up to a lone `.`; a data line that is itself `.` is written `..`.
fn dot_block<'a>(
    lines: &mut Classified<'a, Grammar>,
    command: Line<'a>,
    warnings: &mut Vec<Warning>,
) -> Input<'a> {
    let mut body: Vec<Line<'a>> = Vec::new();
    loop {
        // A key block is whole at its end sentinel: without the `.`, what follows is the next
        // command, never more of the block.
        let after_key = body
            .last()
            .is_some_and(|l| super::literal::is_sentinel(l.text, "#@mirapoint-key-end"));
        match lines.peek() {
            Some((_, LineKind::DotEnd)) => {
                let end = lines.next().map(|(end, _)| end);
                return Input::DotBlock {
                    prompt: None,
                    body,
                    end,
                };
            }
            Some(_) if !after_key => {
                if let Some((line, _)) = lines.next() {
                    body.push(line);
                }
            }
            _ => {
                let message = if after_key {
                    crate::message!("mos-data-block-ends-with-key")
                } else {
                    crate::message!("mos-data-block-unterminated")
                };
                warnings.push(Warning {
                    line: command.number,
                    message,
                });
                return Input::DotBlock {
                    prompt: None,
                    body,
                    end: None,
                };
            }
        }
    }
}

/// Whether a text starts the way an export often does, with a `#` comment. A quick look only:
/// which kind a capture is, is decided on the evidence of the whole file
/// (`vendors::mos::evidence`), where one comment never decides.
pub fn looks_like(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    lines.next().is_some_and(|l| l.starts_with('#'))
}

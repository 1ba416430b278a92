//! MOS syntax: clean text in, a lossless tree out.
//!
//! Each MOS format (interactive CLI logs, admin-protocol transcripts) has a pest grammar in
//! `grammar/` that classifies lines, and an assembler here that groups them into [`Node`]s: a
//! command with its input, answer and completion is one [`Exchange`]. Every line of the input
//! belongs to exactly one node ([`Node::lines`]), so nothing can be lost between the text and the
//! model. The syntax knows nothing of what commands mean.
//!
//! The streaming parsers (`parse_with`) may hand a long answer over in parts ([`Node::Part`])
//! when the caller says the command's answer may be ([`Parts`]), so that memory never holds a
//! long listing's lines whole; `parse` always gives whole exchanges.

pub mod cli;
pub mod export;
pub mod literal;
pub mod protocol;
mod words;

use std::borrow::Cow;

pub use crate::syntax::Line;
pub use literal::Literal;

/// A word of a command or data line, unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word's text, unescaped.
    pub text: Cow<'a, str>,
    /// It was written in double quotes.
    pub quoted: bool,
}

impl Word<'_> {
    /// The word's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// The scope a command was typed in: the prompt `host (xxx.com) >` selects a delegated domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt<'a> {
    /// The host the prompt names (`CLI` in documents).
    pub host: &'a str,
    /// The delegated domain selected, if any.
    pub domain: Option<&'a str>,
}

/// A command line: the words typed (or sent with a tag) and, for a CLI log, the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine<'a> {
    /// The line.
    pub line: Line<'a>,
    /// The prompt of a CLI log.
    pub prompt: Option<Prompt<'a>>,
    /// The tag of a protocol command.
    pub tag: Option<&'a str>,
    /// The command's words.
    pub words: Vec<Word<'a>>,
    /// A client literal (`{N+}`) that carries the last argument, or a CLI literal.
    pub literal: Option<Box<Literal<'a>>>,
    /// The line held text that does not split into words (an unbalanced quote).
    pub unparsed: bool,
    /// The rest of a command line the terminal wrapped at its width: its words are in
    /// `words`, rejoined with the line's.
    pub continuation: Option<Line<'a>>,
}

/// What the operator typed after a command: a dot-terminated block or a y/n answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input<'a> {
    /// Lines up to a lone `.`.
    DotBlock {
        /// The CLI's `Enter ... data` line; exports have none.
        prompt: Option<Line<'a>>,
        /// The data lines.
        body: Vec<Line<'a>>,
        /// The lone `.`; `None` when the log ends or a prompt comes first.
        end: Option<Line<'a>>,
    },
    /// A y/n question and its answer.
    Confirmation {
        /// The question's line.
        question: Line<'a>,
        /// The line that holds the answer, when it is not on the question's line.
        answer_line: Option<Line<'a>>,
        /// Yes, no, or not answered.
        answer: Option<bool>,
    },
}

/// One line (or literal) of the appliance's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<'a> {
    /// A line of words, perhaps ending in a literal.
    Data {
        /// The line.
        line: Line<'a>,
        /// Its words.
        words: Vec<Word<'a>>,
        /// The literal it announces, with its body.
        literal: Option<Box<Literal<'a>>>,
    },
    /// A line that does not split into words.
    Text(Line<'a>),
    /// An empty or white line.
    Blank(Line<'a>),
}

/// How a command completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionStatus {
    /// Done.
    Ok,
    /// Refused.
    No,
    /// Not understood by the appliance.
    Bad,
}

/// The line that completes a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion<'a> {
    /// The line.
    pub line: Line<'a>,
    /// OK, NO or BAD.
    pub status: CompletionStatus,
    /// The text after the status.
    pub text: &'a str,
}

/// A command and everything that answered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange<'a> {
    /// The command.
    pub command: CommandLine<'a>,
    /// What the operator typed after it (data blocks, y/n answers).
    pub input: Vec<Input<'a>>,
    /// The appliance's answer, line by line.
    pub answer: Vec<Answer<'a>>,
    /// How it completed; `None` when the capture shows no completion.
    pub completion: Option<Completion<'a>>,
}

/// What a line (or group of lines) is, at the top level of a capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node<'a> {
    /// A command with its input, answer and completion.
    Exchange(Box<Exchange<'a>>),
    /// Text before the first command of a session: connection messages, login banners.
    Preamble(Line<'a>),
    /// The admin protocol's `* OK host admind version` greeting.
    Greeting(Line<'a>),
    /// A prompt where nothing was typed.
    Prompt(Line<'a>),
    /// An empty or white line.
    Blank(Line<'a>),
    /// A line that belongs to no command: an answer with no command before it, or noise.
    Stray(Line<'a>),
    /// A `#` comment of an export.
    Comment(Line<'a>),
    /// The beginning or a middle of an exchange whose answer is handed over in parts: the
    /// command, then what was typed and answered since the part before, and no completion. The
    /// exchange goes on in the next node: another part, or the [`Node::Exchange`] that ends it
    /// (with the rest and the completion, if any). Each part repeats the command, so its lines
    /// are in every part ([`Node::lines`] is only lossless for whole exchanges). Only the
    /// streaming parsers hand parts over, and only for a command the caller's [`Parts`] allows.
    /// A part may end with an [`Answer::Text`] whose rest (a line the terminal wrapped) begins
    /// the next: what reads the parts carries such a line over.
    Part(Box<Exchange<'a>>),
}

/// Which answers the streaming parsers may hand over in parts ([`Node::Part`]), and how long a
/// part is. Which commands may is the caller's word: the syntax knows nothing of what
/// commands mean (as with `export::parse_with`'s `reads_block`).
#[derive(Clone, Copy)]
pub struct Parts<'p> {
    /// Whether the answer to this command may be handed over in parts.
    pub may_split: &'p (dyn Fn(&CommandLine<'_>) -> bool + Sync),
    /// The answer lines a part holds.
    pub lines: usize,
}

impl Parts<'_> {
    /// Every exchange whole.
    pub const WHOLE: Parts<'static> = Parts {
        may_split: &never,
        lines: usize::MAX,
    };
}

fn never(_: &CommandLine<'_>) -> bool {
    false
}

/// Where the assemblers put finished nodes, and how they cut a long answer into parts.
pub(super) struct Out<'s, 'p, 'a> {
    pub sink: &'s mut dyn FnMut(Node<'a>) -> crate::base::error::Result<()>,
    pub warnings: Vec<Warning>,
    pub parts: Parts<'p>,
    /// The open exchange's answer may be handed over in parts.
    splitting: bool,
}

impl<'s, 'p, 'a> Out<'s, 'p, 'a> {
    pub fn new(
        sink: &'s mut dyn FnMut(Node<'a>) -> crate::base::error::Result<()>,
        parts: Parts<'p>,
    ) -> Self {
        Out {
            sink,
            warnings: Vec::new(),
            parts,
            splitting: false,
        }
    }

    pub fn emit(&mut self, node: Node<'a>) -> crate::base::error::Result<()> {
        (self.sink)(node)
    }

    /// Hands over the exchange that ended.
    pub fn finish(&mut self, exchange: Option<Exchange<'a>>) -> crate::base::error::Result<()> {
        self.splitting = false;
        match exchange {
            Some(exchange) => self.emit(Node::Exchange(Box::new(exchange))),
            None => Ok(()),
        }
    }

    /// A command was opened: asks the caller once whether its answer may come in parts.
    pub fn opened(&mut self, command: &CommandLine<'_>) {
        self.splitting = (self.parts.may_split)(command);
    }

    /// After a line was added to the open exchange: hands what it holds over as a
    /// [`Node::Part`] when its answer is a part long and may be split.
    pub fn part(&mut self, open: &mut Option<Exchange<'a>>) -> crate::base::error::Result<()> {
        let Some(x) = open.as_mut() else {
            return Ok(());
        };
        if !self.splitting || x.answer.len() < self.parts.lines.max(1) {
            return Ok(());
        }
        let next = Vec::with_capacity(x.answer.len());
        let answer = std::mem::replace(&mut x.answer, next);
        let part = Exchange {
            command: x.command.clone(),
            input: std::mem::take(&mut x.input),
            answer,
            completion: None,
        };
        self.emit(Node::Part(Box::new(part)))
    }
}

/// A problem the parser worked around; it never stops reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The line it is about.
    pub line: u32,
    /// What was worked around.
    pub message: crate::base::message::Message,
}

/// A whole capture parsed: every node, and the warnings met on the way.
#[derive(Debug, Default)]
pub struct Tree<'a> {
    /// Every node, in input order.
    pub nodes: Vec<Node<'a>>,
    /// Problems worked around.
    pub warnings: Vec<Warning>,
}

impl<'a> Node<'a> {
    /// Every line of the node, in input order, literal bodies included.
    pub fn lines(&self) -> Vec<Line<'a>> {
        match self {
            Node::Exchange(exchange) | Node::Part(exchange) => exchange.lines(),
            Node::Preamble(line)
            | Node::Greeting(line)
            | Node::Prompt(line)
            | Node::Blank(line)
            | Node::Stray(line)
            | Node::Comment(line) => vec![*line],
        }
    }
}

impl<'a> Exchange<'a> {
    /// Every line of the exchange in input order.
    pub fn lines(&self) -> Vec<Line<'a>> {
        let mut lines = vec![self.command.line];
        lines.extend(self.command.continuation);
        if let Some(literal) = &self.command.literal {
            lines.extend(literal.lines());
        }
        for input in &self.input {
            match input {
                Input::DotBlock { prompt, body, end } => {
                    lines.extend(prompt.iter().copied());
                    lines.extend(body.iter().copied());
                    lines.extend(end.iter().copied());
                }
                Input::Confirmation {
                    question,
                    answer_line,
                    ..
                } => {
                    lines.push(*question);
                    lines.extend(answer_line.iter().copied());
                }
            }
        }
        for answer in &self.answer {
            match answer {
                Answer::Data { line, literal, .. } => {
                    lines.push(*line);
                    if let Some(literal) = literal {
                        lines.extend(literal.lines());
                    }
                }
                Answer::Text(line) | Answer::Blank(line) => lines.push(*line),
            }
        }
        lines.extend(self.completion.as_ref().map(|c| c.line));
        lines.sort_by_key(|line| line.start);
        lines
    }
}

/// Checks that the nodes cover `text` with no gap and no overlap; returns the first offset where
/// they do not.
pub fn check_lossless(text: &str, nodes: &[Node<'_>]) -> Result<(), usize> {
    let mut expected = 0;
    for node in nodes {
        for line in node.lines() {
            if line.start != expected {
                return Err(expected);
            }
            expected = line.end_with_newline(text);
        }
    }
    if expected == text.len() {
        Ok(())
    } else {
        Err(expected)
    }
}

/// A readable outline of a tree: one row per line with the node it belongs to, then the
/// warnings, each put in words by `words` (this layer has none: `render::message::words`
/// gives them). Grammar tests snapshot it, so the tree and its problems show side by side.
pub fn outline(
    tree: &Tree<'_>,
    words: &dyn Fn(&crate::base::message::Message) -> String,
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let row = |out: &mut String, line: &Line<'_>, what: &str| {
        let _ = writeln!(out, "{:>4} {:<22}| {}", line.number, what, line.text);
    };
    for node in &tree.nodes {
        match node {
            Node::Exchange(x) | Node::Part(x) => {
                let words: Vec<String> = x
                    .command
                    .words
                    .iter()
                    .map(|w| format!("[{}]", w.text))
                    .collect();
                let scope = x
                    .command
                    .prompt
                    .as_ref()
                    .and_then(|p| p.domain)
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                row(&mut out, &x.command.line, &format!("command{scope}"));
                let _ = writeln!(out, "     {:<22}| words: {}", "", words.join(" "));
                for line in x.lines().iter().skip(1) {
                    let what = if x.completion.as_ref().is_some_and(|c| c.line == *line) {
                        format!(
                            "completion {:?}",
                            x.completion.as_ref().map(|c| c.status).unwrap()
                        )
                    } else if x
                        .command
                        .literal
                        .iter()
                        .chain(x.answer.iter().filter_map(|a| match a {
                            Answer::Data {
                                literal: Some(l), ..
                            } => Some(l),
                            _ => None,
                        }))
                        .any(|l| l.lines().contains(line))
                    {
                        "  literal".to_string()
                    } else if x.input.iter().any(|i| match i {
                        Input::DotBlock { prompt, body, end } => {
                            prompt.as_ref() == Some(line)
                                || body.contains(line)
                                || end.as_ref() == Some(line)
                        }
                        Input::Confirmation {
                            question,
                            answer_line,
                            ..
                        } => question == line || answer_line.as_ref() == Some(line),
                    }) {
                        "  input".to_string()
                    } else {
                        "  answer".to_string()
                    };
                    row(&mut out, line, &what);
                }
            }
            Node::Preamble(l) => row(&mut out, l, "preamble"),
            Node::Greeting(l) => row(&mut out, l, "greeting"),
            Node::Prompt(l) => row(&mut out, l, "prompt"),
            Node::Blank(l) => row(&mut out, l, "blank"),
            Node::Stray(l) => row(&mut out, l, "stray"),
            Node::Comment(l) => row(&mut out, l, "comment"),
        }
    }
    for w in &tree.warnings {
        let _ = writeln!(out, "warning: line {}: {}", w.line, words(&w.message));
    }
    out
}

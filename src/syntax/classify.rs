//! Running a line grammar over a text in slices, so that a large capture never holds more than
//! one slice's worth of pest tokens at a time.

use std::collections::VecDeque;

use pest::iterators::{Pair, Pairs};
use pest::RuleType;

/// Bytes handed to pest at once; a slice always ends at a line end. Its lines are held
/// classified until read (about 100 bytes each, a list entry's line is some 30): a slice of
/// 64 KiB holds about half a MiB.
pub const SLICE: usize = 64 * 1024;

/// Something that classifies the lines of a slice of text.
pub trait LineGrammar<'a> {
    /// What a line is classified as (the grammar's line rule, with whatever it captured).
    type Kind;
    /// Classifies every line of `slice` (which starts at byte `offset` of the whole text and at
    /// line `first`). The slice ends at a line end or at the end of the text.
    fn classify(
        &self,
        slice: &'a str,
        offset: usize,
        first: u32,
        out: &mut VecDeque<(super::Line<'a>, Self::Kind)>,
    );
}

/// Yields classified lines from `start` to `end` of `text`, one slice at a time.
pub struct Classified<'a, G: LineGrammar<'a>> {
    grammar: G,
    text: &'a str,
    next: usize,
    end: usize,
    number: u32,
    buffer: VecDeque<(super::Line<'a>, G::Kind)>,
}

impl<'a, G: LineGrammar<'a>> Classified<'a, G> {
    /// Classifies `text[start..end]`, whose first line is line `number`, with `grammar`.
    pub fn new(grammar: G, text: &'a str, start: usize, end: usize, number: u32) -> Self {
        Classified {
            grammar,
            text,
            next: start,
            end,
            number,
            buffer: VecDeque::new(),
        }
    }

    /// The next classified line, without taking it.
    pub(crate) fn peek(&mut self) -> Option<&(super::Line<'a>, G::Kind)> {
        self.fill();
        self.buffer.front()
    }

    /// Drops every line that starts before `offset` (a line start), e.g. a literal body that was
    /// taken as bytes. `number` is the number of the line at `offset`.
    pub(crate) fn skip_to(&mut self, offset: usize, number: u32) {
        while self.buffer.front().is_some_and(|(l, _)| l.start < offset) {
            self.buffer.pop_front();
        }
        if self.buffer.is_empty() && self.next < offset {
            self.next = offset;
            self.number = number;
        }
    }

    fn fill(&mut self) {
        if !self.buffer.is_empty() || self.next >= self.end {
            return;
        }
        let mut stop = (self.next + SLICE).min(self.end);
        if stop < self.end {
            stop = memchr::memchr(b'\n', &self.text.as_bytes()[stop..self.end])
                .map_or(self.end, |i| stop + i + 1);
        }
        let slice = &self.text[self.next..stop];
        self.grammar
            .classify(slice, self.next, self.number, &mut self.buffer);
        // A slice that ends with LF parses one empty line after it that is not in the text.
        if slice.ends_with('\n') {
            if let Some((line, _)) = self.buffer.back() {
                if line.start == stop {
                    self.buffer.pop_back();
                }
            }
        }
        self.number += memchr::memchr_iter(b'\n', slice.as_bytes()).count() as u32;
        self.next = stop;
    }
}

impl<'a, G: LineGrammar<'a>> Iterator for Classified<'a, G> {
    type Item = (super::Line<'a>, G::Kind);

    fn next(&mut self) -> Option<Self::Item> {
        self.fill();
        self.buffer.pop_front()
    }
}

/// Turns the top-level pairs of a line grammar (one pair per line, then `eoi`) into classified
/// lines; `kind` gets each pair and its line's offset within the slice.
pub(crate) fn push_pest_lines<'a, R: RuleType, K>(
    pairs: Pairs<'a, R>,
    eoi: R,
    offset: usize,
    first: u32,
    out: &mut VecDeque<(super::Line<'a>, K)>,
    kind: impl Fn(Pair<'a, R>, usize) -> K,
) {
    for (i, pair) in pairs.filter(|p| p.as_rule() != eoi).enumerate() {
        let relative = pair.as_span().start();
        let line = super::Line {
            number: first + i as u32,
            start: offset + relative,
            text: pair.as_str(),
        };
        out.push_back((line, kind(pair, relative)));
    }
}

/// Classifies every line of `slice` (at byte `offset` of the text, line `first`): a line
/// `fast` classifies on its own is taken at once, and runs of the other lines go to `slow`
/// (the grammar) together. `blank` is the kind of the empty line a slice ending in LF yields
/// after it, as the grammar gives it.
pub(crate) fn with_fast_path<'a, K>(
    slice: &'a str,
    offset: usize,
    first: u32,
    out: &mut VecDeque<(super::Line<'a>, K)>,
    fast: impl Fn(&'a str) -> Option<K>,
    slow: impl Fn(&'a str, usize, u32, &mut VecDeque<(super::Line<'a>, K)>),
    blank: impl FnOnce() -> K,
) {
    let mut number = first;
    let mut run_start = 0;
    let mut run_first = first;
    let mut pos = 0;
    let bytes = slice.as_bytes();
    while pos < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        if let Some(kind) = fast(&slice[pos..end]) {
            if run_start < pos {
                slow(
                    &slice[run_start..pos - 1],
                    offset + run_start,
                    run_first,
                    out,
                );
            }
            let line = super::Line {
                number,
                start: offset + pos,
                text: &slice[pos..end],
            };
            out.push_back((line, kind));
            run_start = end + 1;
            run_first = number + 1;
        }
        pos = end + 1;
        number += 1;
    }
    if run_start < slice.len() || run_start == 0 {
        slow(
            &slice[run_start.min(slice.len())..],
            offset + run_start,
            run_first,
            out,
        );
    } else if slice.ends_with('\n') {
        // Keep the contract: a slice ending in LF yields the empty line after it.
        let line = super::Line {
            number,
            start: offset + slice.len(),
            text: "",
        };
        out.push_back((line, blank()));
    }
}

/// What `classify` makes of `text` taken as one line on its own (its first line): for a
/// grammar's own tests and for a boundary check. `None`: no line.
pub(crate) fn first_line<'a, K>(
    text: &'a str,
    classify: impl FnOnce(&'a str, usize, u32, &mut VecDeque<(super::Line<'a>, K)>),
) -> Option<K> {
    let mut out = VecDeque::new();
    classify(text, 0, 1, &mut out);
    out.pop_front().map(|(_, kind)| kind)
}

//! Literal bodies: `{N}` announces N bytes that follow the line.
//!
//! The count refers to the bytes the appliance sent, but a log may have been saved with LF
//! endings or re-encoded, and release notes elide lines (`~~~~~`). So the body is found by trying
//! each way of counting (as logged, with CRLF endings, in the file's encoding), and when none
//! fits, by the key sentinels (`#@Mirapoint-Key-1.0` .. `#@Mirapoint-Key-End`) or the next
//! completion or prompt line, with a warning. The count is never used to allocate anything.

use crate::base::message::Message;
use crate::syntax::lines::{lines_from, Line};

/// A literal's body: whole lines after the line that announced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal<'a> {
    /// The byte count `{N}` announced.
    pub announced: u64,
    /// `{N+}`: a client literal.
    pub client: bool,
    /// The body lines.
    pub body: Vec<Line<'a>>,
    /// The optional blank line after the body.
    pub blank_after: Option<Line<'a>>,
    /// Set when the count did not fit the appliance's way and the body was found another
    /// way: says how.
    pub recovered: Option<Message>,
    /// What else a reader should know about the body: a line that ends in a tab kept in the
    /// value, pager prompt lines dropped from inside it.
    pub notes: Vec<Message>,
    /// The count includes the last body line's line break, which is then part of the value.
    pub ends_with_newline: bool,
    /// The body's lines carry trailing padding (spaces a terminal or editor added) that the
    /// count does not: the value is the lines without it.
    pub padded: bool,
    /// Lines inside the body that held a pager prompt alone: no part of the value.
    pub dropped: Vec<Line<'a>>,
}

impl<'a> Literal<'a> {
    /// Every line of the literal: the body, then the optional blank line.
    pub fn lines(&self) -> Vec<Line<'a>> {
        let mut lines = self.body.clone();
        lines.extend(self.dropped.iter().copied());
        lines.extend(self.blank_after);
        lines.sort_by_key(|l| l.start);
        lines
    }

    /// The body as text: exactly the announced bytes, line endings as LF.
    pub fn value(&self) -> String {
        let mut out = String::new();
        for (i, line) in self.body.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(if self.padded {
                line.text.trim_end_matches([' ', '\t'])
            } else {
                line.text
            });
        }
        if self.ends_with_newline {
            out.push('\n');
        }
        out
    }
}

/// Why a literal could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overflow {
    /// The byte count announced.
    pub announced: u64,
    /// The bytes that remain in the input.
    pub available: u64,
}

/// Everything the body finder needs to know about the text around it.
pub struct Context<'a, 'f> {
    /// The whole text (or the part being parsed).
    pub text: &'a str,
    /// Bytes of a piece of text in the file's own encoding.
    pub encoded_len: &'f dyn Fn(&str) -> usize,
    /// Whether a line is a completion or prompt line, where a body certainly ends.
    pub is_boundary: &'f dyn Fn(&str) -> bool,
    /// Count CRLF line breaks first: the appliance's way (logs, transcripts), or the file's own
    /// (an export saved with CRLF). The text itself always has LF.
    pub crlf: bool,
    /// Numbers of the lines that held a pager prompt alone (sorted): skipped inside a body.
    pub pager_lines: &'f [u32],
}

/// Finds the body of a literal announcing `announced` bytes, starting at byte `start` (the start
/// of the line after the marker), whose first line has number `number`.
pub fn find<'a>(
    cx: &Context<'a, '_>,
    start: usize,
    number: u32,
    announced: u64,
    client: bool,
) -> Result<Literal<'a>, Overflow> {
    let pagers = cx.pager_lines;
    let all = lines_from(cx.text, start, number)
        .filter(move |l| pagers.binary_search(&l.number).is_err());
    let (fit, padded) = best_fit(cx, all.clone(), announced);
    let counted = matches!(fit, Fit::Exact(..));
    let (body, mut ends_with_newline, recovered) = match fit {
        Fit::Exact(n, with_newline, way) => {
            let note = counted_note(announced, padded, way);
            (all.take(n).collect::<Vec<_>>(), with_newline, note)
        }
        Fit::Short { available } => match by_sentinel(all.clone()) {
            Some(n) => (all.take(n).collect(), false, Some(sentinel_note(announced))),
            None => {
                return Err(Overflow {
                    announced,
                    available,
                })
            }
        },
        Fit::Mismatch => {
            let (body, note) = recover(cx, all, announced);
            (body, false, Some(note))
        }
    };
    let next_start = body.last().map_or(start, |l| l.end_with_newline(cx.text));
    let next_number = body.last().map_or(number, |l| l.number + 1);
    let blank_after = lines_from(cx.text, next_start, next_number)
        .next()
        .filter(|l| l.text.trim().is_empty() && !body.is_empty());
    if !counted && blank_after.is_some() {
        // The line that carried the marker ends after the body: a blank line there means the
        // body's last byte was a line break.
        ends_with_newline = true;
    }
    let dropped = pager_lines_inside(cx, &body);
    let notes = body_notes(&body, padded, &dropped);
    Ok(Literal {
        announced,
        client,
        body,
        blank_after,
        recovered,
        notes,
        ends_with_newline,
        padded,
        dropped,
    })
}

/// The fit of a body counted as its lines are, else once their trailing padding (spaces,
/// tabs) is removed; and whether it is the padded fit.
fn best_fit<'a>(
    cx: &Context<'a, '_>,
    all: impl Iterator<Item = Line<'a>> + Clone,
    announced: u64,
) -> (Fit, bool) {
    match exact_lines(cx, all.clone(), announced, false) {
        exact @ Fit::Exact(_, _, 0) => (exact, false),
        // Trailing padding is the next thing to try: the count is the appliance's own, so a
        // fit counted its way wins over one counted another way.
        other => match exact_lines(cx, all, announced, true) {
            Fit::Exact(n, newline, way) if way == 0 || !matches!(other, Fit::Exact(..)) => {
                (Fit::Exact(n, newline, way), true)
            }
            _ => (other, false),
        },
    }
}

/// What a reader should know about a body besides how it was found: a line that ends in a
/// tab kept in the value, pager prompt lines dropped from inside it.
fn body_notes(body: &[Line<'_>], padded: bool, dropped: &[Line<'_>]) -> Vec<Message> {
    let mut notes = Vec::new();
    match body.iter().find(|l| l.text.ends_with('\t')) {
        Some(line) if !padded => notes.push(crate::message!("mos-literal-tab", line = line.number)),
        _ => {}
    }
    if let Some(first) = dropped.first() {
        notes.push(crate::message!(
            "mos-literal-pager-lines",
            count = dropped.len(),
            first = first.number
        ));
    }
    notes
}

/// The pager prompt lines between the body's first and last lines.
fn pager_lines_inside<'a>(cx: &Context<'a, '_>, body: &[Line<'a>]) -> Vec<Line<'a>> {
    let (Some(first), Some(last)) = (body.first(), body.last()) else {
        return Vec::new();
    };
    if !cx
        .pager_lines
        .iter()
        .any(|n| (first.number..=last.number).contains(n))
    {
        return Vec::new();
    }
    lines_from(cx.text, first.start, first.number)
        .take_while(|l| l.number < last.number)
        .filter(|l| cx.pager_lines.binary_search(&l.number).is_ok())
        .collect()
}

/// What to say about a body its count fits: nothing when counted the appliance's way.
fn counted_note(announced: u64, padded: bool, way: usize) -> Option<Message> {
    if padded {
        Some(crate::message!("mos-literal-padded", announced = announced))
    } else if way > 0 {
        Some(crate::message!(
            "mos-literal-counted-another-way",
            announced = announced,
            way = way
        ))
    } else {
        None
    }
}

/// A body whose count fits no line end: up to the key's end sentinel, or up to the next
/// completion or prompt line; and what to say about it.
fn recover<'a>(
    cx: &Context<'a, '_>,
    all: impl Iterator<Item = Line<'a>> + Clone,
    announced: u64,
) -> (Vec<Line<'a>>, Message) {
    if let Some(n) = by_sentinel(all.clone()) {
        return (all.take(n).collect(), sentinel_note(announced));
    }
    let mut body: Vec<_> = all.take_while(|l| !(cx.is_boundary)(l.text)).collect();
    // The blank line before the completion is the literal's optional one, not text.
    while body.last().is_some_and(|l| l.text.trim().is_empty()) {
        body.pop();
    }
    let note = crate::message!(
        "mos-literal-to-boundary",
        announced = announced,
        lines = body.len()
    );
    (body, note)
}

fn sentinel_note(announced: u64) -> Message {
    crate::message!("mos-literal-to-sentinel", announced = announced)
}

/// The ways of counting a body, in the order they are tried: in the file's encoding (`true`) or
/// in UTF-8, with the preferred line break (0) or the other (1). The catalog's
/// `mos-literal-counted-another-way` says each by its place here.
const WAYS: [(bool, usize); 4] = [(true, 0), (true, 1), (false, 0), (false, 1)];

enum Fit {
    /// The body is this many whole lines, whether the count takes the last one's line break,
    /// and the way of counting ([`WAYS`]) that fits.
    Exact(usize, bool, usize),
    /// The text ends before the count is reached by any way of counting.
    Short { available: u64 },
    /// The count falls inside a line, under every way of counting.
    Mismatch,
}

/// Tries each way of counting, one after the other over the whole body: first the file's
/// encoding with the preferred line break (`Context::crlf`), then the other, then UTF-8 with
/// each.
/// Trying them line by line instead would let a later way fit at an earlier line end and end a
/// value early, turning its rest into commands. A body may end at a line's end or just after
/// its line break.
fn exact_lines<'a>(
    cx: &Context<'a, '_>,
    lines: impl Iterator<Item = Line<'a>> + Clone,
    n: u64,
    unpadded: bool,
) -> Fit {
    if n == 0 {
        return Fit::Exact(0, false, 0);
    }
    let (own, other) = if cx.crlf { (2, 1) } else { (1, 2) };
    let mut available = 0;
    let mut exceeded = false;
    for (way, (encoded, which)) in WAYS.iter().copied().enumerate() {
        let newline = if which == 0 { own } else { other };
        let mut before = 0u64;
        for (i, line) in lines.clone().enumerate() {
            let text = if unpadded {
                line.text.trim_end_matches([' ', '\t'])
            } else {
                line.text
            };
            let content = if encoded {
                (cx.encoded_len)(text)
            } else {
                text.len()
            } as u64;
            let newline = if line.end() < cx.text.len() {
                newline
            } else {
                0
            };
            let at_end = before + content;
            if at_end == n {
                return Fit::Exact(i + 1, false, way);
            }
            if newline > 0 && at_end + newline == n {
                return Fit::Exact(i + 1, true, way);
            }
            if at_end > n {
                exceeded = true;
                break;
            }
            before = at_end + newline;
        }
        available = available.max(before);
    }
    if exceeded {
        Fit::Mismatch
    } else {
        Fit::Short { available }
    }
}

/// When the first line opens a Mirapoint key block, the number of lines up to its end sentinel.
/// Transcripts copied from documents space the sentinels out (`#@Mirapoint - Key - 1.0`).
fn by_sentinel<'a>(mut lines: impl Iterator<Item = Line<'a>>) -> Option<usize> {
    let first = lines.next()?;
    if !is_sentinel(first.text, "#@mirapoint-key-1") {
        return None;
    }
    lines
        .position(|l| is_sentinel(l.text, "#@mirapoint-key-end"))
        .map(|i| i + 2)
}

/// Whether a line, with spaces removed and case folded, starts with `sentinel`.
pub(crate) fn is_sentinel(text: &str, sentinel: &str) -> bool {
    crate::base::text::starts_squeezed(text, sentinel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::message::Arg;

    fn cx<'t>(text: &'t str, boundary: &'t dyn Fn(&str) -> bool) -> Context<'t, 't> {
        Context {
            text,
            encoded_len: &|s: &str| s.len(),
            is_boundary: boundary,
            crlf: false,
            pager_lines: &[],
        }
    }

    const NEVER: &dyn Fn(&str) -> bool = &|_| false;
    const COMPLETION: &dyn Fn(&str) -> bool = &|l: &str| l.starts_with("OK");

    #[test]
    fn exact_count_with_crlf_counted_in_an_lf_log() {
        // "hello\r\nworld\r\n" is 14 bytes on the wire.
        let text = "hello\nworld\nOK Completed\n";
        let appliance = Context {
            crlf: true,
            ..cx(text, NEVER)
        };
        let lit = find(&appliance, 0, 10, 14, false).unwrap();
        assert_eq!(lit.value(), "hello\nworld\n");
        assert_eq!(lit.recovered, None);
        assert_eq!(lit.body[1].number, 11);
    }

    #[test]
    fn a_count_that_fits_only_another_way_is_read_by_it_with_a_warning() {
        let text = "hello\nworld\nOK Completed\n";
        let lit = find(&cx(text, NEVER), 0, 1, 14, false).unwrap();
        assert_eq!(lit.value(), "hello\nworld\n");
        let note = lit.recovered.unwrap();
        assert_eq!(note.id, "mos-literal-counted-another-way");
        // The second way of counting: the other line ends than the appliance's.
        assert_eq!(note.arg("way"), Some(&Arg::Number(1)));
    }

    #[test]
    fn the_files_own_count_wins_over_a_crlf_count_that_fits_earlier() {
        // "a\nb" is 3 bytes; "a" with CRLF is 3 bytes too, but this file has LF endings.
        let text = "a\nb\nnext command\n";
        let lit = find(&cx(text, NEVER), 0, 1, 3, false).unwrap();
        assert_eq!(lit.value(), "a\nb");
    }

    #[test]
    fn a_counted_trailing_tab_is_kept_and_said() {
        // "Over quota.\t\nCall." is 18 bytes: the tab is part of the value.
        let text = "Over quota.\t\nCall.\nOK Completed\n";
        let lit = find(&cx(text, NEVER), 0, 1, 18, false).unwrap();
        assert_eq!(lit.value(), "Over quota.\t\nCall.");
        assert_eq!(lit.recovered, None);
        assert_eq!(lit.notes, [crate::message!("mos-literal-tab", line = 1u32)]);
    }

    #[test]
    fn a_pager_line_inside_a_body_is_skipped_and_said() {
        let text = "Over quota.\n\nCall.\nOK Completed\n";
        let cx = Context {
            pager_lines: &[2],
            ..cx(text, NEVER)
        };
        let lit = find(&cx, 0, 1, 17, false).unwrap();
        assert_eq!(lit.value(), "Over quota.\nCall.");
        assert_eq!(lit.dropped.len(), 1);
        assert_eq!(lit.lines().len(), 3);
        assert_eq!(
            lit.notes,
            [crate::message!(
                "mos-literal-pager-lines",
                count = 1usize,
                first = 2u32
            )]
        );
    }

    #[test]
    fn trailing_padding_is_not_part_of_the_value() {
        let text = "Over quota.   \nCall x100.\t \ntrustedhost add mtagroup 192.0.2.21\n";
        let lit = find(&cx(text, NEVER), 0, 1, 23, false).unwrap();
        assert_eq!(lit.value(), "Over quota.\nCall x100.\n");
        assert_eq!(lit.body.len(), 2);
        assert_eq!(lit.recovered.unwrap().id, "mos-literal-padded");
    }

    #[test]
    fn body_may_end_at_a_line_end_before_its_newline() {
        let text = "hello\n\n* 1 OK\n";
        let lit = find(&cx(text, NEVER), 0, 1, 5, false).unwrap();
        assert_eq!(lit.value(), "hello");
        assert_eq!(lit.blank_after.unwrap().number, 2);
    }

    #[test]
    fn elided_key_is_recovered_by_its_sentinels() {
        let text = "#@Mirapoint - Key - 1.0\nAAAA\n~~~~~\n#@Mirapoint - Key - End\nOK Completed\n";
        let lit = find(&cx(text, NEVER), 0, 1, 1028, false).unwrap();
        assert_eq!(lit.body.len(), 4);
        assert_eq!(lit.recovered.unwrap().id, "mos-literal-to-sentinel");
    }

    #[test]
    fn wrong_count_is_recovered_at_the_next_completion() {
        let text = "line one\nline two\nOK Completed\nrest\nmore text here\n";
        let lit = find(&cx(text, COMPLETION), 0, 1, 12, false).unwrap();
        assert_eq!(lit.value(), "line one\nline two");
        let note = lit.recovered.unwrap();
        assert_eq!(note.id, "mos-literal-to-boundary");
        assert_eq!(note.arg("lines"), Some(&Arg::Number(2)));
    }

    #[test]
    fn a_recovered_body_leaves_the_blank_line_before_the_completion_out() {
        let text = "line one\n\nOK Completed\nmore text after it\n";
        let lit = find(&cx(text, COMPLETION), 0, 1, 15, false).unwrap();
        assert_eq!(lit.value(), "line one\n");
        assert_eq!(lit.blank_after.map(|l| l.number), Some(2));
    }

    #[test]
    fn count_past_the_end_is_an_overflow_never_an_allocation() {
        let text = "short\n";
        let err = find(&cx(text, COMPLETION), 0, 1, u64::MAX, false).unwrap_err();
        assert_eq!(err.available, 7);
    }

    #[test]
    fn shift_jis_count_is_tried() {
        let text = "容量\nOK\n";
        let sjis = |s: &str| encoding_rs::SHIFT_JIS.encode(s).0.len();
        let cx = Context {
            text,
            encoded_len: &sjis,
            is_boundary: NEVER,
            crlf: true,
            pager_lines: &[],
        };
        let lit = find(&cx, 0, 1, 6, false).unwrap();
        assert_eq!(lit.value(), "容量\n");
        assert_eq!(lit.recovered, None);
    }
}

//! The legacy API's XML answers (../shared/FORMATS.md: `response/...`, `stat` ok or fail), as
//! the capture script saves `/whitelist/list` and `/blacklist/list`. Read with `quick-xml`.
//!
//! The root is `response`; its `stat` is a child element or an attribute. `stat` fail is no
//! list: the call failed, so the list was not captured (never an empty list). The element
//! that holds each entry is not public \[I\]: an entry is the text of a `sender` element (the
//! add call's parameter) or of an `entry`, `address`, `email`, `item` or `value` element that
//! holds no other element; a `comment` beside it is its comment; the echoed `user`, counts and
//! ids are no entries; any other element with text is reported, never taken for an entry.

use crate::base::error::{Error, Position, Result};
use crate::base::message::Message;
use crate::capture::Note;
use crate::message;

use super::folder::FileRead;

/// Elements whose text is one entry.
const ENTRY: &[&str] = &["sender", "entry", "address", "email", "item", "value"];

/// Elements whose text is no entry: the answer's own fields.
const META: &[&str] = &[
    "stat", "error", "err", "message", "msg", "code", "count", "total", "user", "method", "id",
    "date", "created", "added", "type",
];

/// Comment elements: the comment of the entry beside them.
const COMMENT: &[&str] = &["comment", "comments", "description", "note"];

/// Whether a file holds XML rather than one entry per line.
pub(crate) fn looks_like_xml(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// An entry as the answer holds it: text, comment, line.
pub struct XmlEntry {
    /// The element's text.
    pub text: String,
    /// The comment beside it.
    pub comment: Option<String>,
    /// Its line.
    pub line: u32,
}

/// A list answer: its entries when stat is ok, `None` when the call failed (a warning says
/// why). A file that is no XML, or no `response`, is an error; so is an answer holding an
/// element named for another list than `expected` (the list the file's name says, if known).
pub fn list(
    read: &mut FileRead<'_>,
    expected: Option<&'static str>,
) -> Result<Option<Vec<XmlEntry>>> {
    use quick_xml::events::Event;
    let text = read.source.text.trim_start_matches('\u{feff}').to_string();
    // Where each line starts, found once: a position's line is a binary search, so a long
    // one-line answer costs no rescan per element.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect();
    let line_of = |pos: u64| -> u32 {
        let pos = (pos as usize).min(text.len());
        starts.partition_point(|&start| start <= pos) as u32
    };
    let mut reader = quick_xml::Reader::from_str(&text);
    reader.config_mut().trim_text(true);
    let mut scan = Scan::default();
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            let line = line_of(reader.error_position());
            let why = message!("st-xml-not-well-formed", reason = e.to_string());
            bad(read, &text, line, why)
        })?;
        if let Event::Eof = event {
            if let Some((name, ..)) = scan.stack.last() {
                let why = message!("st-xml-cut", name = name);
                return Err(bad(read, &text, line_of(text.len() as u64), why));
            }
            break;
        }
        scan.event(event, line_of(at), &|why| {
            bad(read, &text, line_of(at), why)
        })?;
    }
    if let Some(expected) = expected {
        let other = scan.lists.iter().find(|(list, ..)| *list != expected);
        if let Some((named, element, line)) = other {
            let why = message!(
                "st-xml-list-contradicts",
                element = element,
                named = *named,
                list = expected
            );
            return Err(bad(read, &text, *line, why));
        }
    }
    scan.outcome(read, &text)
}

/// What reading an answer gathers, event by event.
#[derive(Default)]
struct Scan {
    /// Open elements: name, the text gathered, the line, whether a child element was seen.
    stack: Vec<(String, String, u32, bool)>,
    /// The root element's name, lower case.
    root: Option<String>,
    /// The answer's `stat`, as an attribute of the root or a child of it.
    stat: Option<String>,
    /// The texts of the answer's error elements.
    errors: Vec<String>,
    /// Leaves closed, with their parent's depth: (depth, name, text, line).
    leaves: Vec<(usize, String, String, u32)>,
    /// Elements named for a list: (the list, the element's name as written, line).
    lists: Vec<(&'static str, String, u32)>,
}

impl Scan {
    /// One event of the reader but the end, at `line`; `bad` makes the error for that line.
    fn event(
        &mut self,
        event: quick_xml::events::Event<'_>,
        line: u32,
        bad: &dyn Fn(Message) -> Error,
    ) -> Result<()> {
        use quick_xml::events::Event;
        match event {
            Event::Start(e) | Event::Empty(e) if self.stack.is_empty() && self.root.is_some() => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                Err(bad(message!("st-xml-second-root", name = name)))
            }
            Event::Start(e) => {
                let name = self.open(&e, line);
                self.stack.push((name, String::new(), line, false));
                Ok(())
            }
            Event::Empty(e) => {
                self.open(&e, line);
                Ok(())
            }
            // Text and CDATA alike become the open element's text; their decoding errors are
            // the XML reader's own words.
            Event::Text(t) => append(&mut self.stack, t.xml10_content(), |e| bad(decoding(e))),
            Event::CData(t) => append(&mut self.stack, t.decode(), |e| bad(decoding(e))),
            Event::GeneralRef(r) => {
                let resolved = entity(&r)
                    .map_err(|name| bad(message!("st-xml-unknown-entity", name = name)))?;
                if let Some(open) = self.stack.last_mut() {
                    open.1.push_str(&resolved);
                }
                Ok(())
            }
            Event::End(_) => {
                self.close();
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// An element opens at `line`: the root takes its name and `stat` attribute, a parent
    /// learns it has a child, an element named for a list is kept. Its name, lower case.
    fn open(&mut self, e: &quick_xml::events::BytesStart<'_>, line: u32) -> String {
        let written = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        let name = written.to_lowercase();
        if let Some(list) = super::names::list_word(&name) {
            self.lists.push((list, written, line));
        }
        if self.stack.is_empty() {
            self.root = Some(name.clone());
            self.stat = stat_attribute(e);
        }
        if let Some(parent) = self.stack.last_mut() {
            parent.3 = true;
        }
        name
    }

    /// The innermost open element closes: a `stat`, an error text, or a leaf.
    fn close(&mut self) {
        let Some((name, body, line, has_children)) = self.stack.pop() else {
            return;
        };
        let body = body.trim().to_string();
        if name == "stat" && self.stack.len() == 1 {
            self.stat = Some(body);
        } else if matches!(name.as_str(), "error" | "err" | "message" | "msg") && !body.is_empty() {
            self.errors.push(body);
        } else if !has_children && !self.stack.is_empty() {
            self.leaves.push((self.stack.len(), name, body, line));
        }
    }

    /// The whole answer read: an error when it is no `response`, `None` (with a warning) when
    /// its stat is not ok, else its entries.
    fn outcome(self, read: &mut FileRead<'_>, text: &str) -> Result<Option<Vec<XmlEntry>>> {
        if self.root.as_deref() != Some("response") {
            let root = self.root.unwrap_or_default();
            let why = message!("st-xml-root", root = root);
            return Err(bad(read, text, 1, why));
        }
        let warning = match self.stat.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("ok") => return Ok(Some(entries(read, self.leaves))),
            Some(stat) if self.errors.is_empty() => message!("st-xml-stat-failed", stat = stat),
            Some(stat) => message!(
                "st-xml-stat-failed-errors",
                stat = stat,
                errors = self.errors.join("; ")
            ),
            None => message!("st-xml-no-stat"),
        };
        read.notes.push(Note::warning(1, warning));
        Ok(None)
    }
}

/// A decoding error of the XML reader, in its own words.
fn decoding(e: impl std::fmt::Display) -> Message {
    message!("st-xml-decoding", reason = e.to_string())
}

/// The text an entity reference stands for; the entity's name when it is unknown.
fn entity(r: &quick_xml::events::BytesRef<'_>) -> std::result::Result<String, String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let name = r.decode().unwrap_or_default().into_owned();
    Ok(match name.as_str() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return Err(name),
    }
    .to_string())
}

/// The entries among the leaves, comments attached to the entry of the same parent.
fn entries(read: &mut FileRead<'_>, leaves: Vec<(usize, String, String, u32)>) -> Vec<XmlEntry> {
    let mut out: Vec<(usize, XmlEntry)> = Vec::new();
    let mut pending_comment: Option<(usize, String)> = None;
    for (depth, name, body, line) in leaves {
        if ENTRY.contains(&name.as_str()) {
            if body.is_empty() {
                continue;
            }
            let comment = pending_comment
                .take()
                .filter(|(d, _)| *d == depth)
                .map(|(_, c)| c);
            out.push((
                depth,
                XmlEntry {
                    text: body,
                    comment,
                    line,
                },
            ));
        } else if COMMENT.contains(&name.as_str()) {
            if body.is_empty() {
                continue;
            }
            match out.last_mut() {
                Some((d, e)) if *d == depth && e.comment.is_none() => e.comment = Some(body),
                _ => pending_comment = Some((depth, body)),
            }
        } else if !META.contains(&name.as_str()) && !body.is_empty() {
            read.notes.push(Note::unrecognized(
                line,
                &format!("<{name}>{body}</{name}>"),
                crate::message!("unread-st-xml-element"),
            ));
        }
    }
    out.into_iter().map(|(_, e)| e).collect()
}

fn stat_attribute(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        a.key
            .local_name()
            .as_ref()
            .eq_ignore_ascii_case(b"stat")
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

fn bad(read: &FileRead<'_>, text: &str, line: u32, why: Message) -> Error {
    let at = read.source.position(0);
    Error::input(
        Position {
            line,
            column: 1,
            line_text: text
                .lines()
                .nth(line.saturating_sub(1) as usize)
                .unwrap_or("")
                .to_string(),
            ..at
        },
        why,
        message!("st-xml-expected"),
    )
}

/// Adds decoded text to the innermost open element.
fn append<E>(
    stack: &mut [(String, String, u32, bool)],
    decoded: std::result::Result<std::borrow::Cow<'_, str>, E>,
    bad: impl FnOnce(E) -> Error,
) -> Result<()> {
    let text = decoded.map_err(bad)?;
    if let Some(open) = stack.last_mut() {
        open.1.push_str(&text);
    }
    Ok(())
}

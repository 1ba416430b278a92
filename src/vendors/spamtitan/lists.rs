//! Allow and block list files as the UI exports them: one entry per line, in plain text or,
//! in newer exports, as CSV with an optional Comment column (`addr,comment`, `"addr",""`, a
//! header `Email,Comment`), or with a trailing `# note`; or the legacy API's XML answer to the
//! list call, as the capture script saves it. Entries are normalised ([`super::address`]); a
//! line that is not an entry is reported, never dropped silently.

use crate::base::error::Result;
use crate::capture::Note;

use super::address;
use super::folder::FileRead;

/// One entry as read: its one form, its comment, and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry, normalised.
    pub text: String,
    /// The comment written beside it, if any.
    pub comment: Option<String>,
    /// The line it was read on.
    pub line: u32,
}

/// Header cells of list exports: a first row made of these is a header, not an entry.
const HEADER_WORDS: &[&str] = &[
    "email",
    "e-mail",
    "email address",
    "address",
    "sender",
    "entry",
    "domain",
    "comment",
    "comments",
    "description",
    "note",
];

/// The entries of a list file; lines that are no entry become notes of `read`. A file that
/// holds the legacy API's XML answer is read as such ([`super::legacy_xml`]); `None` when that
/// answer says the call failed: the list was not captured. `list` is the list the file's name
/// says; an XML answer naming another one is an error.
pub fn entries(read: &mut FileRead<'_>, list: &'static str) -> Result<Option<Vec<Entry>>> {
    if super::legacy_xml::looks_like_xml(&read.source.text) {
        let Some(raw) = super::legacy_xml::list(read, Some(list))? else {
            return Ok(None);
        };
        let raw = raw
            .into_iter()
            .map(|e| (e.line, e.text, e.comment))
            .collect();
        return Ok(Some(normalised(read, raw)));
    }
    let text = read.source.text.trim_start_matches('\u{feff}').to_string();
    let mut raw = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i as u32 + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let cells = cells(trimmed);
        // A line that starts with `#` is a comment, unless it starts with a whole entry: `#`
        // is allowed in an address's local part, and the UI's export writes no comments.
        if trimmed.starts_with('#') {
            match cells.as_ref().and_then(|c| c.first()) {
                Some(first) if is_entry(first) => read.notes.push(Note::warning(
                    number,
                    crate::message!("reading-st-hash-entry", entry = first.as_str()),
                )),
                _ => continue,
            }
        }
        let Some(cells) = cells else {
            read.notes.push(Note::unrecognized(
                number,
                line,
                crate::message!("unread-st-list-line"),
            ));
            continue;
        };
        if raw.is_empty() && is_header(&cells) {
            continue;
        }
        if all_entries(&cells) {
            read.notes.push(Note::warning(
                number,
                crate::message!("reading-st-entries-joined", count = cells.len()),
            ));
            raw.extend(cells.into_iter().map(|c| (number, c, None)));
            continue;
        }
        let (value, comment) = match cells.as_slice() {
            [value] => (value.clone(), None),
            [value, comment] => (value.clone(), Some(comment.clone())),
            _ => {
                read.notes.push(Note::unrecognized(
                    number,
                    line,
                    crate::message!("unread-st-list-line"),
                ));
                continue;
            }
        };
        raw.push((number, value, comment));
    }
    Ok(Some(normalised(read, raw)))
}

/// Entries as read `(line, value, comment)`, each in its one form; a value that is no entry
/// becomes a note.
fn normalised(read: &mut FileRead<'_>, raw: Vec<(u32, String, Option<String>)>) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut normalised = Vec::new();
    for (number, value, comment) in raw {
        let pasted = pasted_form(&value);
        if pasted.is_empty() || pasted.contains(char::is_whitespace) {
            read.notes.push(Note::unrecognized(
                number,
                &value,
                crate::message!("unread-st-list-entry-space"),
            ));
            continue;
        }
        let (entry, changed) = address::normalise(&pasted);
        if !address::is_entry_form(&entry) {
            read.notes.push(Note::unrecognized(
                number,
                &value,
                crate::message!("reading-st-list-entry-form"),
            ));
            continue;
        }
        if changed || pasted != value {
            normalised.push((number, value.clone(), entry.clone()));
        }
        out.push(Entry {
            text: entry,
            comment: comment.filter(|c| !c.is_empty()),
            line: number,
        });
    }
    if let Some((line, from, to)) = normalised.first() {
        read.notes.push(Note::warning(
            *line,
            crate::message!(
                "st-entries-normalised",
                count = normalised.len(),
                from = from,
                to = to
            ),
        ));
    }
    out
}

/// An entry as it was pasted from a mail, a wiki or a ticket, in the form a list file holds:
/// look-alike characters (full-width `＠`, zero-width spaces) read as ASCII, and a bullet,
/// `mailto:` or a display name (`John <john@example.com>`) taken off.
fn pasted_form(value: &str) -> String {
    // The one reading of look-alikes the CLI logs get too: every Unicode space, zero-width
    // characters, full-width ASCII.
    let folded = crate::source::fold_lookalikes(value);
    let mut rest = folded.trim();
    for bullet in ["• ", "•", "・", "- ", "* ", "+ "] {
        rest = rest.strip_prefix(bullet).unwrap_or(rest).trim_start();
    }
    if let Some(inner) = rest
        .strip_suffix('>')
        .and_then(|r| r.rsplit_once('<'))
        .map(|(_, inner)| inner)
    {
        rest = inner.trim();
    }
    let lower = rest.to_ascii_lowercase();
    if lower.starts_with("mailto:") {
        rest = &rest["mailto:".len()..];
    }
    rest.to_string()
}

/// Cells that are all entries: a list pasted as one line (`a@x.example; b@y.example`).
fn all_entries(cells: &[String]) -> bool {
    cells.len() >= 2
        && cells
            .iter()
            .all(|c| address::is_entry_form(&address::normalise(&pasted_form(c)).0))
}

/// The cells of one line: CSV (comma, semicolon or tab, quotes allowed) or `entry # note`;
/// trailing empty cells dropped. `None` when the quoting is broken.
fn cells(line: &str) -> Option<Vec<String>> {
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .find(|d| line.as_bytes().contains(d));
    let mut cells: Vec<String> = match delimiter {
        Some(delimiter) => {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .trim(csv::Trim::All)
                .from_reader(line.as_bytes());
            let record = reader.records().next()?.ok()?;
            record.iter().map(str::to_string).collect()
        }
        // A whole entry holding `#` (`ops#1@example.com`) is no entry and comment.
        None if is_entry(&unquote(line)) => vec![unquote(line)],
        None => match comment_start(line) {
            Some(at) => vec![line[..at].trim().into(), line[at + 1..].trim().into()],
            None => vec![unquote(line)],
        },
    };
    while cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    Some(cells)
}

/// Where the comment of a line without delimiters starts: the first `#` after a space
/// (`#ops@example.com # our team`), else the first `#`.
fn comment_start(line: &str) -> Option<usize> {
    let after_space = line
        .char_indices()
        .zip(line.chars().skip(1))
        .find(|((_, c), next)| c.is_whitespace() && *next == '#')
        .map(|((at, c), _)| at + c.len_utf8());
    after_space.or_else(|| line.find('#'))
}

/// Whether a cell, as pasted, is an entry.
fn is_entry(cell: &str) -> bool {
    address::is_entry_form(&address::normalise(&pasted_form(cell)).0)
}

fn unquote(cell: &str) -> String {
    let cell = cell.trim();
    cell.strip_prefix('"')
        .and_then(|c| c.strip_suffix('"'))
        .unwrap_or(cell)
        .to_string()
}

fn is_header(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| HEADER_WORDS.contains(&c.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceKind;
    use crate::source::Source;

    fn read(text: &str) -> (Vec<(String, Option<String>)>, usize) {
        let source = Source::from_text("allow.txt", text);
        let mut file = FileRead::new(&source, SourceKind::Export);
        let got = entries(&mut file, "allow")
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|e| (e.text, e.comment))
            .collect();
        let unrecognized = file
            .notes
            .iter()
            .filter(|n| matches!(n.kind, crate::capture::NoteKind::Unrecognized(_)))
            .count();
        (got, unrecognized)
    }

    #[test]
    fn comment_columns_in_every_form_the_ui_writes() {
        let expected = |comment: Option<&str>| {
            (
                vec![("a@example.com".to_string(), comment.map(str::to_string))],
                0,
            )
        };
        assert_eq!(
            read("a@example.com,our supplier\n"),
            expected(Some("our supplier"))
        );
        assert_eq!(read("\"a@example.com\",\"\"\n"), expected(None));
        assert_eq!(read("Email,Comment\na@example.com,\n"), expected(None));
        assert_eq!(
            read("a@example.com # our supplier\n"),
            expected(Some("our supplier"))
        );
        assert_eq!(
            read("a@example.com;our supplier;;\n"),
            expected(Some("our supplier"))
        );
        assert_eq!(
            read("a@example.com\tour supplier\n"),
            expected(Some("our supplier"))
        );
    }

    #[test]
    fn pasted_entries_read_as_entries_and_what_is_not_one_is_reported() {
        let pasted = "• a@example.com\nmailto:B@Example.com\nJohn <c@example.com>\n\
                      d\u{200b}@example.com\ne＠example.com\nf@example.com; @g.example\n\
                      \u{202f}h@example.com\u{2009}\n";
        let (got, unread) = read(pasted);
        let got: Vec<&str> = got.iter().map(|(e, _)| e.as_str()).collect();
        assert_eq!(
            got,
            [
                "a@example.com",
                "b@example.com",
                "c@example.com",
                "d@example.com",
                "e@example.com",
                "f@example.com",
                "@g.example",
                "h@example.com"
            ]
        );
        assert_eq!(unread, 0);
        assert_eq!(read("a\r.com\n.com\n@.example.com\n@*.example.com\n").1, 2);
    }

    #[test]
    fn what_is_no_entry_is_reported() {
        assert_eq!(read("not an entry\n").1, 1);
        assert_eq!(read("a@example.com,one,two\n").1, 1);
        assert_eq!(read("# a comment\n\n").0, vec![]);
    }
}

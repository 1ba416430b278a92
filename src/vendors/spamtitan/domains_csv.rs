//! `domains.csv`, the UI's domain import format ([C] `../shared/FORMATS.md`): domain,
//! destination, verification (`none|dynamic|LDAP`), then the dynamic server, or the LDAP
//! server, user, password, filter, base and attribute; then the domain group.
//!
//! Read as a spreadsheet may have saved it: the delimiter (comma, semicolon as Excel writes it
//! in many European locales, or tab) is detected and a non-comma one reported; a header row is
//! skipped; trailing empty columns are ignored; a row without a verification column is read
//! with a note that its verification was not captured; any other short or long row is
//! reported with its line. No row is dropped in silence.

use crate::capture::Note;
use crate::error::{Error, Result};
use crate::model::{Change, Value};

use super::folder::FileRead;

/// The delimiters the file may use, with their names for the note.
const DELIMITERS: &[(u8, &str)] = &[(b',', "comma"), (b';', "semicolon"), (b'\t', "tab")];

/// The verification words, lower-cased.
const VERIFICATIONS: &[&str] = &["none", "dynamic", "ldap"];

/// One row of the file: its line and its cells, trailing empty cells removed.
struct Row {
    line: u32,
    cells: Vec<String>,
}

/// Reads the file into domain changes and notes.
pub fn read(read: &mut FileRead<'_>) -> Result<()> {
    let text = read.source.text.trim_start_matches('\u{feff}').to_string();
    let (delimiter, name) = detect_delimiter(&text);
    if delimiter != b',' {
        read.notes.push(Note::warning(
            1,
            format!("the columns are separated by {name}s: read as such"),
        ));
    }
    let rows = rows(&text, delimiter, &read.source.path)?;
    // The UI exports every domain: a domain this file lacks is not on the appliance.
    read.changes.push((Change::DomainsListedInFull, 1));
    let mut padded = 0;
    let mut seen_data = false;
    for mut row in rows {
        padded += usize::from(drop_trailing_empty(&mut row.cells));
        if row.cells.is_empty() || row.cells[0].starts_with('#') {
            continue;
        }
        // A header names the columns before the first domain row.
        if !seen_data && is_header(&row.cells) {
            continue;
        }
        seen_data = true;
        domain_row(read, &row);
    }
    if padded > 0 {
        read.notes.push(Note::warning(
            1,
            format!("{padded} row(s) end in empty columns (as a spreadsheet saves them): ignored"),
        ));
    }
    Ok(())
}

/// The delimiter by which one of the first rows reads as a domain row (a verification word
/// third); else the one that splits the first row most; comma on a tie.
fn detect_delimiter(text: &str) -> (u8, &'static str) {
    let head: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .take(5)
        .collect();
    let reads_as_domain_row = |d: u8| {
        head.iter().any(|line| {
            first_record(line, d)
                .get(2)
                .is_some_and(|v| VERIFICATIONS.contains(&v.to_lowercase().as_str()))
        })
    };
    if let Some(found) = DELIMITERS.iter().find(|(d, _)| reads_as_domain_row(*d)) {
        return *found;
    }
    let first = head.first().copied().unwrap_or("");
    let split = |d: u8| first_record(first, d);
    *DELIMITERS
        .iter()
        .max_by_key(|(d, _)| (split(*d).len(), *d == b','))
        .expect("three delimiters")
}

fn first_record(line: &str, delimiter: u8) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .and_then(|r| r.ok())
        .map_or_else(Vec::new, |r| r.iter().map(str::to_string).collect())
}

/// Every record with its line; a quoting error is an error with its position.
fn rows(text: &str, delimiter: u8, path: &str) -> Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::file(format!("{path}:{line}"), format!("not a CSV row: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as u32);
        rows.push(Row {
            line,
            cells: record.iter().map(str::to_string).collect(),
        });
    }
    Ok(rows)
}

/// Drops empty cells at the end of a row; whether there were any.
fn drop_trailing_empty(cells: &mut Vec<String>) -> bool {
    let before = cells.len();
    while cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells.len() != before && !cells.is_empty()
}

/// A header row: its first cell names the column instead of holding a domain.
fn is_header(cells: &[String]) -> bool {
    let first = cells[0].to_lowercase();
    !first.contains('.') && (first.contains("domain") || first == "name")
}

/// The settings a verification word brings after the third column, in order.
fn verification_columns(verification: &str) -> Option<&'static [&'static str]> {
    match verification {
        "none" => Some(&["group"]),
        "dynamic" => Some(&["verification_server", "group"]),
        "ldap" => Some(&[
            "ldap_server",
            "ldap_user",
            "ldap_password",
            "ldap_filter",
            "ldap_base",
            "ldap_attribute",
            "group",
        ]),
        _ => None,
    }
}

/// One domain row into changes, or a note saying why it is not one.
fn domain_row(read: &mut FileRead<'_>, row: &Row) {
    let text = row.cells.join(",");
    let cells = &row.cells;
    if cells.len() < 2 || cells[1].is_empty() {
        read.notes.push(Note::unrecognized(
            row.line,
            &text,
            "a domain row needs a domain and a destination",
        ));
        return;
    }
    let domain = super::address::domain(&cells[0]);
    let mut settings = vec![("destination", Value::Text(cells[1].clone()))];
    match cells.get(2).map(|v| v.to_lowercase()) {
        None => read.notes.push(Note::warning(
            row.line,
            format!("`{domain}` has no verification column: its verification settings were not captured"),
        )),
        Some(verification) => {
            let Some(columns) = verification_columns(&verification) else {
                read.notes.push(Note::unrecognized(
                    row.line,
                    &text,
                    "verification is none, dynamic or LDAP",
                ));
                return;
            };
            if cells.len() > 3 + columns.len() {
                read.notes.push(Note::unrecognized(
                    row.line,
                    &text,
                    "more fields than the domain import format has",
                ));
                return;
            }
            settings.push(("verification", Value::Enum(verification)));
            settings.extend(optional_columns(columns, &cells[3..]));
        }
    }
    for (name, value) in settings {
        read.changes.push((
            Change::Setting {
                scope: domain.clone(),
                name: format!("domain.{name}"),
                value,
            },
            row.line,
        ));
    }
    read.changes.push((Change::Domain(domain), row.line));
}

/// The columns after the verification word that hold a value; the LDAP password is a secret.
fn optional_columns<'c>(
    names: &'static [&'static str],
    cells: &'c [String],
) -> impl Iterator<Item = (&'static str, Value)> + 'c {
    names
        .iter()
        .zip(cells)
        .filter(|(_, cell)| !cell.is_empty())
        .map(|(name, cell)| (*name, super::secrets::value(name, cell.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::NoteKind;
    use crate::model::SourceKind;
    use crate::source::Source;

    /// The domains read, and the notes as `line: unrecognized|warning`.
    fn read_csv(text: &str) -> (Vec<String>, Vec<String>) {
        let source = Source::from_text("domains.csv", text);
        let mut file = FileRead::new(&source, SourceKind::Export);
        read(&mut file).unwrap();
        let domains = file
            .changes
            .iter()
            .filter_map(|(c, _)| match c {
                Change::Domain(d) => Some(d.clone()),
                _ => None,
            })
            .collect();
        let notes = file
            .notes
            .iter()
            .map(|n| match n.kind {
                NoteKind::Unrecognized(_) => format!("{}: unrecognized", n.line),
                _ => format!("{}: warning", n.line),
            })
            .collect();
        (domains, notes)
    }

    #[test]
    fn a_header_after_comments_is_skipped() {
        let (domains, notes) = read_csv(
            "# exported from the UI\nDomain;Destination;Verification\nexample.com;mx.example.com:25;none\n",
        );
        assert_eq!(domains, ["example.com"]);
        assert_eq!(notes, ["1: warning"], "only the semicolon is said");
    }

    #[test]
    fn no_row_is_dropped_in_silence() {
        let (domains, notes) = read_csv(
            "lonely\nexample.com,mx.example.com:25,kerberos\nexample.net,mx:25,none,Sales,extra\n\
             example.org,mx:25\nBücher.example,mx:25,none\n",
        );
        assert_eq!(domains, ["example.org", "xn--bcher-kva.example"]);
        assert_eq!(
            notes,
            [
                "1: unrecognized",
                "2: unrecognized",
                "3: unrecognized",
                "4: warning"
            ]
        );
    }
}

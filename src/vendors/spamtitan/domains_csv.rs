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
use crate::model::{Change, Secret, Value};

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
    let mut padded = 0;
    for (index, mut row) in rows.into_iter().enumerate() {
        padded += usize::from(drop_trailing_empty(&mut row.cells));
        if row.cells.is_empty() || row.cells[0].starts_with('#') {
            continue;
        }
        if index == 0 && is_header(&row.cells) {
            continue;
        }
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

/// The delimiter whose first data row reads as a domain row (a verification word third);
/// else the one that splits the first row most; comma on a tie.
fn detect_delimiter(text: &str) -> (u8, &'static str) {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let split = |d: u8| first_record(first, d);
    if let Some(found) = DELIMITERS.iter().find(|(d, _)| {
        split(*d)
            .get(2)
            .is_some_and(|v| VERIFICATIONS.contains(&v.to_lowercase().as_str()))
    }) {
        return *found;
    }
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
        let record = record.map_err(|e| Error::file(path, e.to_string()))?;
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
    let domain = cells[0].to_lowercase();
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
        .map(|(name, cell)| {
            let value = if *name == "ldap_password" {
                Value::Secret(Secret(cell.clone()))
            } else {
                Value::Text(cell.clone())
            };
            (*name, value)
        })
}

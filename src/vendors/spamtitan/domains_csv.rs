//! `domains.csv`, the UI's domain import format ([C] `../shared/FORMATS.md`): domain,
//! destination, verification (`none|dynamic|LDAP`), then the dynamic server, or the LDAP
//! server, user, password, filter, base and attribute; then the domain group.
//!
//! Read as a spreadsheet may have saved it: the delimiter (comma, semicolon as Excel writes it
//! in many European locales, or tab) is detected and a non-comma one reported; a header row is
//! skipped; trailing empty columns are ignored; spaces around quoted fields (`, "cn=x,dc=e"`)
//! are dropped. A row is read in the short form (it ends after its last setting: `none,Sales`)
//! or the full fixed-column form (ten columns whatever the verification, the group always
//! tenth). A row with a domain and a destination is never dropped: a missing verification
//! column, an unknown verification word, or a column the verification has no setting for is
//! said in a note with its line, and the domain and destination are kept.

use crate::base::error::{Error, Result};
use crate::capture::Note;
use crate::message;
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
        read.notes
            .push(Note::warning(1, message!("st-csv-delimiter", name = name)));
    }
    let text = tidy_quotes(&text, delimiter);
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
        read.notes
            .push(Note::warning(1, message!("st-csv-padded", count = padded)));
    }
    Ok(())
}

/// The delimiter by which one of the first rows reads as a domain row (a verification word
/// third); else the one that splits the first row most; comma on a tie. Rows are CSV records,
/// not text lines: a quoted field may hold line breaks and any delimiter.
fn detect_delimiter(text: &str) -> (u8, &'static str) {
    let reads_as_domain_row = |d: u8| {
        first_records(text, d, 5).iter().any(|record| {
            record
                .get(2)
                .is_some_and(|v| VERIFICATIONS.contains(&v.to_lowercase().as_str()))
        })
    };
    if let Some(found) = DELIMITERS.iter().find(|(d, _)| reads_as_domain_row(*d)) {
        return *found;
    }
    let split = |d: u8| first_records(text, d, 1).first().map_or(0, Vec::len);
    *DELIMITERS
        .iter()
        .max_by_key(|(d, _)| (split(*d), *d == b','))
        .expect("three delimiters")
}

/// The first `count` records of `text` read with `delimiter`, blank and comment rows left out.
fn first_records(text: &str, delimiter: u8, count: usize) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
        .records()
        .map_while(|r| r.ok())
        .map(|r| r.iter().map(str::to_string).collect::<Vec<_>>())
        .filter(|cells| cells.iter().any(|c| !c.is_empty()) && !cells[0].starts_with('#'))
        .take(count)
        .collect()
}

/// The text with the spaces around quoted fields removed (`a, "b,c" ,d` as `a,"b,c",d`): a
/// CSV reader takes a quote after a space as a character of an unquoted field, so a `, `
/// separated row would split inside its quoted LDAP user and base. Quoted text is kept as is.
fn tidy_quotes(text: &str, delimiter: u8) -> String {
    let delimiter = char::from(delimiter);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_quotes = false;
    let mut field_start = true;
    let mut just_closed = false;
    let mut pending = String::new();
    while let Some(c) = chars.next() {
        if in_quotes {
            out.push(c);
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    out.push(chars.next().unwrap_or('"'));
                } else {
                    in_quotes = false;
                    just_closed = true;
                }
            }
            continue;
        }
        if c == ' ' && (field_start || just_closed) {
            pending.push(c);
            continue;
        }
        let ends_field = c == delimiter || c == '\n' || c == '\r';
        // Spaces before a quote that opens a field, or after one that closes it, go.
        if !(c == '"' && field_start || ends_field && just_closed) {
            out.push_str(&pending);
        }
        pending.clear();
        in_quotes = c == '"' && field_start;
        field_start = ends_field;
        just_closed = false;
        out.push(c);
    }
    if !just_closed {
        out.push_str(&pending);
    }
    out
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
            Error::file(
                format!("{path}:{line}"),
                crate::message!("st-csv-not-a-row", reason = e.to_string()),
            )
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

/// The full fixed-column layout after the verification word: server, LDAP user, password,
/// filter, base, attribute, group ([C] `../shared/FORMATS.md`).
const FULL_COLUMNS: usize = 7;

/// The setting each column after the verification word holds, by the verification: in the
/// short form a row ends after its last setting (`none,Sales`, `dynamic,mx`); in the full
/// fixed-column form every row has the same columns and a column the verification does not
/// use (`None`) is empty.
fn layout(verification: &str, cells_after: usize) -> Option<Vec<Option<&'static str>>> {
    let short: &[&str] = match verification {
        "none" => &["group"],
        "dynamic" => &["verification_server", "group"],
        "ldap" => &[
            "ldap_server",
            "ldap_user",
            "ldap_password",
            "ldap_filter",
            "ldap_base",
            "ldap_attribute",
            "group",
        ],
        _ => return None,
    };
    if cells_after <= short.len() {
        return Some(short.iter().copied().map(Some).collect());
    }
    let mut full: Vec<Option<&'static str>> = vec![None; FULL_COLUMNS];
    full[FULL_COLUMNS - 1] = Some("group");
    match verification {
        "dynamic" => full[0] = Some("verification_server"),
        "ldap" => full = short.iter().copied().map(Some).collect(),
        _ => {}
    }
    Some(full)
}

/// One domain row into changes, or a note saying why it is not one. A row with a domain and a
/// destination is never dropped: what else it holds that cannot be read is said in a note.
fn domain_row(read: &mut FileRead<'_>, row: &Row) {
    let cells = &row.cells;
    if cells.len() < 2 || cells[0].is_empty() || cells[1].is_empty() {
        // Only the first two fields are shown, whatever splits them (a row in another
        // delimiter is one cell here): later ones may hold the LDAP password.
        let shown = cells[..cells.len().min(2)].join(",");
        let cut = shown
            .char_indices()
            .filter(|(_, c)| matches!(c, ',' | ';' | '\t' | '|'))
            .nth(1)
            .map_or(shown.as_str(), |(at, _)| &shown[..at]);
        read.notes.push(Note::unrecognized(
            row.line,
            cut,
            crate::message!("unread-st-csv-row"),
        ));
        return;
    }
    let domain = super::address::domain(&cells[0]);
    // `.`, `..` or `../x` is no domain the appliance holds: a damaged or hostile file.
    if !super::address::is_host_name(&domain) {
        read.notes.push(Note::warning(
            row.line,
            message!("st-csv-not-a-domain-name", domain = domain.to_string()),
        ));
    }
    let mut settings = vec![("destination", Value::Text(cells[1].clone()))];
    match cells.get(2).map(|v| v.to_lowercase()) {
        None => read.notes.push(Note::warning(
            row.line,
            message!("st-csv-no-verification", domain = domain.to_string()),
        )),
        Some(verification) => match layout(&verification, cells.len() - 3) {
            None => read.notes.push(Note::unrecognized(
                row.line,
                &cells[..3].join(","),
                crate::message!("unread-st-csv-verification"),
            )),
            Some(columns) => {
                settings.push(("verification", Value::Enum(verification.clone())));
                let unread = unread_columns(&columns, &cells[3..]);
                settings.extend(columns.iter().zip(&cells[3..]).filter_map(|(name, cell)| {
                    let name = (*name)?;
                    (!cell.is_empty()).then(|| (name, super::SECRETS.value(name, cell.clone())))
                }));
                if !unread.is_empty() {
                    read.notes.push(Note::warning(
                        row.line,
                        message!(
                            "st-csv-unread-columns",
                            domain = domain.to_string(),
                            verification = &verification,
                            columns = unread.join(", ")
                        ),
                    ));
                }
            }
        },
    }
    let names: Vec<String> = settings
        .iter()
        .map(|(name, _)| format!("domain.{name}"))
        .collect();
    for (name, (_, value)) in names.iter().zip(settings) {
        read.changes.push((
            Change::Setting {
                scope: domain.clone(),
                name: name.clone(),
                value,
            },
            row.line,
        ));
    }
    for name in absent_fields(&names) {
        let scope = domain.clone();
        read.changes
            .push((Change::SettingAbsent { scope, name }, row.line));
    }
    read.changes.push((Change::Domain(domain), row.line));
}

/// The fields of a record whose mode the row gives that the row has no value for: the export
/// shows the whole record, so they are observed absent (the mode does not use them).
fn absent_fields(read: &[String]) -> Vec<String> {
    super::forms::records()
        .iter()
        .filter(|record| read.contains(&record.mode))
        .flat_map(|record| &record.settings)
        .filter(|name| !read.contains(name))
        .cloned()
        .collect()
}

/// The numbers (1-based, as a spreadsheet counts) of the non-empty columns after the
/// verification word that no setting of the layout takes. Their values are not shown: one may
/// be a password.
fn unread_columns(columns: &[Option<&'static str>], cells: &[String]) -> Vec<String> {
    cells
        .iter()
        .enumerate()
        .filter(|(i, cell)| !cell.is_empty() && columns.get(*i).copied().flatten().is_none())
        .map(|(i, _)| (i + 4).to_string())
        .collect()
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
        assert_eq!(
            domains,
            [
                "example.com",
                "example.net",
                "example.org",
                "xn--bcher-kva.example"
            ]
        );
        assert_eq!(
            notes,
            [
                "1: unrecognized",
                "2: unrecognized",
                "3: warning",
                "4: warning"
            ]
        );
    }

    /// Both forms of an internationalised domain are one; a name that does not convert
    /// exactly (a full-width dot, punycode that does not decode) stays as typed, and one that
    /// is no DNS name is said.
    #[test]
    fn internationalised_names_are_one_and_broken_ones_stay_as_typed() {
        let (domains, notes) = read_csv(
            "例え.jp,mx:25,none\nXN--R8JZ45G.jp,mx:25,none\n例え．jp,mx:25,none\n\
             xn--zz.jp,mx:25,none\n例え\u{3002}jp,mx:25,none\n",
        );
        assert_eq!(
            domains,
            [
                "xn--r8jz45g.jp",
                "xn--r8jz45g.jp",
                "例え．jp",
                "xn--zz.jp",
                "例え\u{3002}jp"
            ]
        );
        assert_eq!(notes, ["3: warning", "5: warning"]);
    }

    /// The settings read for `domain`, as `name=value`.
    fn settings_of(text: &str, domain: &str) -> Vec<String> {
        let source = Source::from_text("domains.csv", text);
        let mut file = FileRead::new(&source, SourceKind::Export);
        read(&mut file).unwrap();
        file.changes
            .iter()
            .filter_map(|(c, _)| match c {
                Change::Setting { scope, name, value } if scope == domain => {
                    Some(format!("{name}={value}"))
                }
                _ => None,
            })
            .collect()
    }

    const FULL_FORM: &str = "example.com,mail.example.com:25,LDAP,ldap.example.com:389,\
        \"cn=x,dc=e\",pw,(mail=%s),\"dc=e\",mail,Sales\n\
        example.net,mx1.example.net:25,none,,,,,,,Sales\n\
        example.org,mx-a.example.org:25,dynamic,mx-a.example.org,,,,,,Sales\n";

    #[test]
    fn the_full_fixed_column_form_reads_every_verification() {
        let (domains, notes) = read_csv(FULL_FORM);
        assert_eq!(domains, ["example.com", "example.net", "example.org"]);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            settings_of(FULL_FORM, "example.net"),
            [
                "domain.destination=mx1.example.net:25",
                "domain.verification=none",
                "domain.group=Sales"
            ]
        );
        assert_eq!(
            settings_of(FULL_FORM, "example.org"),
            [
                "domain.destination=mx-a.example.org:25",
                "domain.verification=dynamic",
                "domain.verification_server=mx-a.example.org",
                "domain.group=Sales"
            ]
        );
        assert!(settings_of(FULL_FORM, "example.com").contains(&"domain.ldap_base=dc=e".into()));
    }

    #[test]
    fn spaces_after_the_commas_keep_quoted_fields_whole() {
        let spaced = FULL_FORM
            .replace(',', ", ")
            .replace("cn=x, dc=e", "cn=x,dc=e");
        let spaced = spaced.replace("\"dc=e\", ", "\"dc=e\" , ");
        assert_eq!(read_csv(&spaced), read_csv(FULL_FORM));
        assert_eq!(
            settings_of(&spaced, "example.com"),
            settings_of(FULL_FORM, "example.com")
        );
        assert_eq!(
            tidy_quotes("a, \"b, \"\"c\"\"\" ,d", b','),
            "a,\"b, \"\"c\"\"\",d"
        );
    }

    #[test]
    fn delimiters_inside_quoted_fields_never_choose_the_delimiter() {
        // Quoted values full of semicolons and line breaks: the rows are still comma rows, so
        // the password stays in its column (and stays a secret).
        let text = "\"d.example\",\"'; a; b; c\n.\n;\n;\n;\n;\n\",LDAP,\"x;y\n z\",\"u;v\",\"pw\",\"\",\";f;\",\"m\",\"g\"\n\
                    plain.example,mx.plain.example:25,none\n";
        assert_eq!(detect_delimiter(text), (b',', "comma"));
        let settings = settings_of(text, "d.example");
        assert!(
            settings
                .iter()
                .any(|s| s.starts_with("domain.ldap_password=") && s.contains("secret")),
            "{settings:?}"
        );
    }

    #[test]
    fn what_a_verification_has_no_setting_for_is_said_not_read() {
        let text = "example.net,mx:25,none,ldap.example:389,cn=x,secret,,,,Sales,extra\n";
        let (domains, notes) = read_csv(text);
        assert_eq!(domains, ["example.net"]);
        assert_eq!(notes, ["1: warning"]);
        let source = Source::from_text("domains.csv", text);
        let mut file = FileRead::new(&source, SourceKind::Export);
        read(&mut file).unwrap();
        let crate::capture::NoteKind::Warning(note) = &file.notes[0].kind else {
            panic!("{:?}", file.notes[0]);
        };
        assert_eq!(note.id, "st-csv-unread-columns");
        let columns = crate::base::message::Arg::Text("4, 5, 6, 11".into());
        assert_eq!(note.arg("columns"), Some(&columns), "{note:?}");
        assert!(!format!("{note:?}").contains("secret"), "{note:?}");
        assert!(settings_of(text, "example.net").contains(&"domain.group=Sales".into()));
    }
}

//! `by-hand.txt`: the settings no public API reads (../shared/FORMATS.md: no public call reads
//! the relay smarthost, SASL, TLS or cluster membership), copied from the web console into a
//! template the capture script writes. One `name = value` per line, `#` remarks.
//!
//! A template is checked, never taken on trust: a value still holding its `<...>` placeholder
//! is not captured (a warning names the line); a name it does not know, a line that is no
//! `name = value`, a name given twice or a value that does not fit its setting (`maybe` for a
//! yes-or-no) is an error naming the line. `none` (or an empty value) says the appliance has it
//! unset, which is kept as such, not as a value.

use crate::base::error::{Error, Position, Result};
use crate::base::message::Message;
use crate::capture::Note;
use crate::message;
use crate::model::{Change, Raw, Value, SYSTEM};
use crate::source::Source;

use super::folder::FileRead;
use super::names::current_word;

/// What a setting of the template holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// yes or no.
    Flag,
    /// Free text without spaces (a host, `host:port`, a user name).
    Word,
    /// Words separated by commas: one setting per item.
    Words,
    /// A cluster role: primary, secondary (either vocabulary), or standalone.
    Role,
}

/// The template's settings: its name, the model's setting, the type.
const SETTINGS: &[(&str, &str, Kind)] = &[
    ("relay.smarthost", "system.relay.smarthost", Kind::Word),
    (
        "relay.sasl.enabled",
        "system.relay.sasl.enabled",
        Kind::Flag,
    ),
    (
        "relay.sasl.username",
        "system.relay.sasl.username",
        Kind::Word,
    ),
    ("relay.tls.enabled", "system.relay.tls.enabled", Kind::Flag),
    (
        "relay.tls.protocols",
        "system.relay.tls.protocols",
        Kind::Words,
    ),
    ("cluster.role", "system.cluster.role", Kind::Role),
    ("cluster.peer", "system.cluster.peer", Kind::Word),
];

/// The template the capture script writes for the user to fill in (its one copy is in the
/// script), every value a `<what goes here>` placeholder.
pub fn template() -> &'static str {
    let script = include_str!("capture.sh");
    let start = script
        .find("<<'TEMPLATE'\n")
        .map(|i| i + "<<'TEMPLATE'\n".len())
        .expect("the capture script writes the template (tested)");
    let end = script[start..]
        .find("\nTEMPLATE\n")
        .expect("the template ends (tested)");
    &script[start..=start + end]
}

/// Reads a filled-in template.
pub fn read(read: &mut FileRead<'_>) -> Result<()> {
    let text = read.source.text.trim_start_matches('\u{feff}').to_string();
    let mut seen: Vec<&'static str> = Vec::new();
    let mut unfilled = 0;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !read_line(read, i as u32 + 1, line, &mut seen)? {
            unfilled += 1;
        }
    }
    check_filled(read, seen.len(), unfilled)
}

/// One `name = value` line: its setting's changes, or, for a value still holding its
/// placeholder, a warning; whether it was filled in. `seen` gathers the settings given.
fn read_line(
    read: &mut FileRead<'_>,
    number: u32,
    line: &str,
    seen: &mut Vec<&'static str>,
) -> Result<bool> {
    let source = read.source;
    let bad = |why: Message| bad_line(source, number, line, why);
    let Some((name, value)) = line.trim().split_once('=') else {
        return Err(bad(message!("st-by-hand-not-name-value")));
    };
    let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
    let Some(&(key, setting, kind)) = SETTINGS.iter().find(|(k, _, _)| *k == name) else {
        let known: Vec<&str> = SETTINGS.iter().map(|(k, _, _)| *k).collect();
        return Err(bad(message!(
            "st-by-hand-unknown",
            name = name,
            known = known.join(", ")
        )));
    };
    if seen.contains(&key) {
        return Err(bad(message!("st-by-hand-twice", key = key)));
    }
    seen.push(key);
    if value.starts_with('<') || value.ends_with('>') {
        read.notes.push(Note::warning(
            number,
            message!("st-by-hand-unfilled", key = key, value = value),
        ));
        return Ok(false);
    }
    if value.is_empty() || value.eq_ignore_ascii_case("none") {
        read.changes.push((unset(setting), number));
        return Ok(true);
    }
    for (name, value) in typed(setting, kind, value).map_err(bad)? {
        let scope = SYSTEM.to_string();
        read.changes
            .push((Change::Setting { scope, name, value }, number));
    }
    Ok(true)
}

/// A setting the template says the appliance has unset: kept as such, not as a value.
fn unset(setting: &str) -> Change {
    Change::Raw {
        key: format!("{SYSTEM}/{setting}"),
        raw: Raw::new(
            "by-hand.txt".into(),
            vec!["none: unset on the appliance".into()],
        ),
    }
}

/// A line of the template that cannot be read: the error naming it.
fn bad_line(source: &Source, number: u32, line: &str, why: Message) -> Error {
    let at = source.position(0);
    Error::input(
        Position {
            line: number,
            column: 1,
            line_text: line.to_string(),
            ..at
        },
        why,
        message!("st-by-hand-expected"),
    )
}

/// A template with no setting line is an error; one with none filled in, a warning.
fn check_filled(read: &mut FileRead<'_>, seen: usize, unfilled: usize) -> Result<()> {
    if seen == 0 {
        return Err(Error::file(
            read.source.path.to_string(),
            message!("st-by-hand-empty"),
        ));
    }
    if unfilled == seen {
        read.notes
            .push(Note::warning(1, message!("st-by-hand-not-filled")));
    }
    Ok(())
}

/// A value as its setting's type: `(setting, value)` pairs, or why it does not fit.
fn typed(
    setting: &str,
    kind: Kind,
    value: &str,
) -> std::result::Result<Vec<(String, Value)>, Message> {
    let one = |v: Value| Ok(vec![(setting.to_string(), v)]);
    match kind {
        Kind::Flag => match value.to_ascii_lowercase().as_str() {
            "yes" | "true" | "on" | "enabled" => one(Value::Bool(true)),
            "no" | "false" | "off" | "disabled" => one(Value::Bool(false)),
            _ => Err(message!("st-by-hand-not-yes-no", value = value)),
        },
        Kind::Word => {
            if value.contains(char::is_whitespace) {
                Err(message!("st-by-hand-space", value = value))
            } else {
                one(Value::Text(value.to_string()))
            }
        }
        Kind::Words => value
            .split(',')
            .map(str::trim)
            .enumerate()
            .map(|(i, item)| {
                if item.is_empty() || item.contains(char::is_whitespace) {
                    Err(message!("st-by-hand-commas", value = value))
                } else {
                    Ok((format!("{setting}.{i}"), Value::Text(item.to_string())))
                }
            })
            .collect(),
        Kind::Role => {
            let lower = value.to_ascii_lowercase();
            let word = current_word(&lower).unwrap_or(&lower);
            match word {
                "primary" | "secondary" | "standalone" => one(Value::Text(word.to_string())),
                _ => Err(message!("st-by-hand-not-role", value = value)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceKind;
    use crate::source::Source;

    fn read_text(text: &str) -> Result<(Vec<String>, Vec<String>)> {
        let source = Source::from_text("by-hand.txt", text);
        let mut file = FileRead::new(&source, SourceKind::Export);
        read(&mut file)?;
        let changes = file
            .changes
            .iter()
            .map(|(c, _)| match c {
                Change::Setting { name, value, .. } => format!("{name}={value}"),
                Change::Raw { key, .. } => format!("raw {key}"),
                other => format!("{other:?}"),
            })
            .collect();
        let notes = file
            .notes
            .iter()
            .map(|n| match &n.kind {
                crate::capture::NoteKind::Warning(said) => said.to_string(),
                _ => n.text.clone(),
            })
            .collect();
        Ok((changes, notes))
    }

    #[test]
    fn the_template_as_written_captures_nothing_and_says_so() {
        let (changes, notes) = read_text(template()).unwrap();
        assert!(changes.is_empty(), "{changes:?}");
        assert_eq!(notes.len(), SETTINGS.len() + 1, "{notes:?}");
        assert_eq!(notes.last().unwrap(), "st-by-hand-not-filled");
        assert!(
            notes[0].starts_with("st-by-hand-unfilled key="),
            "{notes:?}"
        );
    }

    #[test]
    fn a_filled_template_reads_in_the_current_vocabulary() {
        let (changes, _) = read_text(
            "relay.smarthost = relay.isp.example:587\nrelay.sasl.enabled = yes\n\
             relay.tls.protocols = TLSv1.2, TLSv1.3\ncluster.role = child\ncluster.peer = none\n",
        )
        .unwrap();
        assert_eq!(
            changes,
            [
                "system.relay.smarthost=relay.isp.example:587",
                "system.relay.sasl.enabled=on",
                "system.relay.tls.protocols.0=TLSv1.2",
                "system.relay.tls.protocols.1=TLSv1.3",
                "system.cluster.role=secondary",
                "raw system/system.cluster.peer",
            ]
        );
    }

    #[test]
    fn a_bad_template_is_an_error_naming_its_line() {
        for (text, says) in [
            (
                "relay.smarthots = x\n",
                "st-by-hand-unknown name=relay.smarthots",
            ),
            (
                "relay.sasl.enabled = maybe\n",
                "st-by-hand-not-yes-no value=maybe",
            ),
            ("cluster.role = boss\n", "st-by-hand-not-role value=boss"),
            (
                "relay.smarthost relay.isp.example\n",
                "st-by-hand-not-name-value",
            ),
            (
                "cluster.peer = a\ncluster.peer = b\n",
                "st-by-hand-twice key=cluster.peer",
            ),
            ("# only remarks\n", "st-by-hand-empty"),
        ] {
            let err = read_text(text).unwrap_err().to_string();
            assert!(err.contains(says), "{text}: {err}");
        }
    }
}

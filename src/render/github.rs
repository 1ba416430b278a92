//! Findings of `gaps` and `plan` as GitHub Actions workflow commands: one annotation per
//! finding and capture line, so a pull request shows each finding on the line it was read from.
//!
//! ```text
//! ::error file=rg01.log,line=22,title=MOS-4.2.3-KI-3::Junk-mail threshold handling breaks ...%0Asmtp.quarantinejunk = on
//! ```
//!
//! Which findings become which command:
//!
//! | finding | command |
//! | --- | --- |
//! | found, severity error | `::error` |
//! | found, severity warning | `::warning` |
//! | found, severity info | `::notice` |
//! | not captured (a fact the captures lack) | `::notice` |
//! | ok (checked and fine) | none |
//!
//! A finding read from several lines gives one annotation per line, with the items read there:
//! the first carries the finding's summary, the others name their items only. A finding that
//! names no line (a precondition, a release-wide caution) gives one annotation without `file`,
//! which GitHub shows in the run's summary. Capture text is untrusted: control
//! characters become visible escapes, and the message and property values are escaped as the
//! runner unescapes them (`%`, CR and LF; in properties also `:` and `,`), so no text can end
//! the line and start another command.

use std::fmt::Write;

use super::report::{level_in, message, spots, Finding, Heading, Level};

/// Escapes a message as the runner unescapes it: `%`, CR and LF. Every other control character
/// (escape, NUL, ...) becomes a visible `\u{..}`, so capture text cannot drive the log viewer.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            '\t' => out.push(c),
            c if crate::base::text::hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    // The runner reads `##[command]` anywhere in a line, even inside an annotation.
    out.replace("##[", "##\\[")
}

/// Escapes a property value (`file`, `title`) as the runner unescapes it: as a message, and
/// `:` and `,` too, which would end the value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The findings as workflow commands, one a line; findings that are fine give none.
pub fn annotations(heading: &Heading<'_>, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let Some(level) = level_in(heading, f) else {
            continue;
        };
        let command = match level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        for (i, spot) in spots(f).iter().enumerate() {
            let mut properties = Vec::new();
            if let Some(path) = spot.path {
                properties.push(format!("file={}", escape_property(path)));
                if let Some(line) = spot.line {
                    properties.push(format!("line={line}"));
                }
            }
            properties.push(format!("title={}", escape_property(&f.rule)));
            // The summary once per finding: later places name their items only.
            let text = match (i, spot.items.is_empty()) {
                (0, _) | (_, true) => message(f, spot),
                _ => spot.items.join("\n"),
            };
            let _ = writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&text)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::report::split_evidence;
    use super::*;
    use crate::knowledge::Severity;
    use crate::ops::Status;

    fn finding(status: Status, severity: Severity, items: &[&str], evidence: &[&str]) -> Finding {
        Finding {
            rule: "MOS-4.2.3-KI-6".into(),
            severity,
            status,
            summary: "2 whitelistto exception(s) are not in the export".into(),
            items: items.iter().map(|s| s.to_string()).collect(),
            evidence: evidence.iter().map(|s| s.to_string()).collect(),
            remedy: vec![],
            steps: vec![],
            phase: None,
        }
    }

    const HEADING: Heading<'static> = Heading {
        command: "gaps",
        appliance: Some("rg01"),
        from: Some("4.1.9-GA"),
        to: "4.2.3",
        blocking: None,
    };

    #[test]
    fn evidence_splits_at_the_last_colon_before_digits() {
        assert_eq!(split_evidence("rg01.log:22"), (Some("rg01.log"), Some(22)));
        assert_eq!(
            split_evidence("c:/caps/a:b.log:7"),
            (Some("c:/caps/a:b.log"), Some(7))
        );
        // Not digits after the last colon: the whole text is the file.
        assert_eq!(split_evidence("dir/x:y.log"), (Some("dir/x:y.log"), None));
        assert_eq!(split_evidence("x.log:12a"), (Some("x.log:12a"), None));
        assert_eq!(split_evidence("x.log:"), (Some("x.log:"), None));
        // Line 0 is the file as a whole; `?` is no file.
        assert_eq!(split_evidence("x.log:0"), (Some("x.log"), None));
        assert_eq!(split_evidence("?:3"), (None, None));
        // A number too large for a line is no line, but the file stays.
        assert_eq!(split_evidence("x.log:99999999999"), (Some("x.log"), None));
    }

    #[test]
    fn paired_items_go_to_their_line_and_a_line_is_annotated_once() {
        let f = finding(
            Status::Found,
            Severity::Error,
            &["a", "b", "c"],
            &["rg01.log:30", "rg01.log:31", "rg01.log:30"],
        );
        let spots = spots(&f);
        assert_eq!(spots.len(), 2);
        assert_eq!(spots[0].items, ["a", "c"]);
        assert_eq!(spots[1].items, ["b"]);
        assert_eq!(
            annotations(&HEADING, &[f]),
            "::error file=rg01.log,line=30,title=MOS-4.2.3-KI-6::2 whitelistto exception(s) are not in the export%0Aa%0Ac\n\
             ::error file=rg01.log,line=31,title=MOS-4.2.3-KI-6::b\n"
        );
    }

    #[test]
    fn levels_follow_status_then_severity_and_ok_is_not_annotated() {
        let cases = [
            (Status::Found, Severity::Error, Some("::error ")),
            (Status::Found, Severity::Warning, Some("::warning ")),
            (Status::Found, Severity::Info, Some("::notice ")),
            (Status::NotCaptured, Severity::Info, Some("::notice ")),
            (Status::NotCaptured, Severity::Error, Some("::notice ")),
            (Status::Ok, Severity::Error, None),
        ];
        for (status, severity, start) in cases {
            let out = annotations(&HEADING, &[finding(status, severity, &[], &[])]);
            match start {
                Some(start) => assert!(out.starts_with(start), "{status:?} {severity:?}: {out}"),
                None => assert_eq!(out, "", "{status:?}"),
            }
        }
    }

    #[test]
    fn a_finding_without_evidence_is_annotated_without_a_file() {
        let f = finding(Status::Found, Severity::Warning, &["x"], &[]);
        assert_eq!(
            annotations(&HEADING, &[f]),
            "::warning title=MOS-4.2.3-KI-6::2 whitelistto exception(s) are not in the export%0Ax\n"
        );
    }

    #[test]
    fn unpaired_items_are_listed_at_every_line() {
        let f = finding(
            Status::Found,
            Severity::Warning,
            &["only"],
            &["a.log:1", "b.log:2"],
        );
        let out = annotations(&HEADING, &[f]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].ends_with("export%0Aonly"), "{out}");
        // The summary once: the second place names the item only.
        assert!(lines[1].ends_with("title=MOS-4.2.3-KI-6::only"), "{out}");
    }

    #[test]
    fn hostile_text_cannot_start_another_command() {
        let f = Finding {
            rule: "R,1:x".into(),
            severity: Severity::Error,
            status: Status::Found,
            summary: "pwn\n::error::pwned %0A, and: more\r\n::warning::again\u{1b}[31m".into(),
            items: vec!["item\n::error file=x::pwned".into()],
            evidence: vec!["we,ird:dir/fi:le.log:12".into()],
            remedy: vec![],
            steps: vec![],
            phase: None,
        };
        let out = annotations(&HEADING, &[f]);
        assert_eq!(
            out,
            "::error file=we%2Cird%3Adir/fi%3Ale.log,line=12,title=R%2C1%3Ax::\
             pwn%0A::error::pwned %250A, and: more%0D%0A::warning::again\\u{1b}[31m\
             %0Aitem%0A::error file=x::pwned\n"
        );
        // One line, one command: nothing else starts a line.
        assert_eq!(out.lines().count(), 1);
        assert!(!out.contains('\r'));
        assert!(!out.contains('\u{1b}'));
    }
}

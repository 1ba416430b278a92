//! A rule's page: its release note's item (the note's own sentence, and what it means), what
//! carryover checks, and what it does. `carryover rule ID` prints it, `docs/rules/ID.md` holds
//! it (a test keeps them the same), and a SARIF log carries it as each rule's help.
//!
//! The page is Markdown; [`text`] is the same page as plain text, for a viewer that shows
//! text as it is.

use std::fmt::Write;

use crate::base::message::Message;
use crate::commands::rule::{Note, Rule};
use crate::knowledge::{Detect, Report, Severity, Step};
use crate::message;

use super::knowledge_words;
use super::message::words_as_given as said;

/// The rule's page, as Markdown, in the current language.
pub fn page(rule: &Rule) -> String {
    let mut out = String::new();
    let heading = message!("rule-page-heading", id = rule.id(), title = title(rule));
    let _ = writeln!(out, "# {}\n", said(&heading));
    match rule {
        Rule::Note(note) => note_sections(&mut out, note),
        Rule::Own(id) => own_sections(&mut out, id),
    }
    // Each section ends in a blank line; the page ends in one line end.
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The page as plain text: headings without their marks, code indented, quotes indented.
pub fn text(rule: &Rule) -> String {
    let mut out = String::new();
    let mut code = false;
    for line in page(rule).lines() {
        if line == "```" {
            code = !code;
            continue;
        }
        let line = match (code, line) {
            (true, line) => format!("    {line}"),
            (false, line) => match line.trim_start_matches('#') {
                rest if rest.len() < line.len() => rest.trim_start().to_string(),
                _ => line
                    .strip_prefix("> ")
                    .map_or(line.to_string(), |q| format!("  {q}")),
            },
        };
        let _ = writeln!(out, "{line}");
    }
    out
}

/// The rules, one a line: id, then title.
pub fn list(rules: &[Rule]) -> String {
    let width = rules.iter().map(|r| r.id().len()).max().unwrap_or(0);
    let mut out = String::new();
    let heading = message!("rule-page-list-heading", count = rules.len());
    let _ = writeln!(out, "{}", said(&heading));
    for rule in rules {
        let _ = writeln!(out, "  {:width$}  {}", rule.id(), title(rule));
    }
    out
}

/// The rule's title in the current language: stable, the same for every appliance.
pub fn title(rule: &Rule) -> String {
    match rule {
        Rule::Note(note) => knowledge_words::title(&note.entry.id, &note.entry.title),
        Rule::Own(id) => said(&message!("rule-own-title", id = *id)),
    }
}

/// What the rule costs the user, in the current language; empty for an item no command
/// reports.
pub fn cost(rule: &Rule) -> String {
    match rule {
        Rule::Note(note) => knowledge_words::text(&note.entry.id, &note.entry.cost),
        Rule::Own(id) => said(&message!("rule-own-cost", id = *id)),
    }
}

/// How much the rule matters when it applies.
pub fn severity(rule: &Rule) -> Severity {
    match rule {
        Rule::Note(note) => note.entry.severity,
        Rule::Own("carryover-package") => Severity::Info,
        Rule::Own("carryover-update-failed") => Severity::Error,
        Rule::Own(_) => Severity::Warning,
    }
}

/// The severity in the reader's words.
fn severity_word(rule: &Rule) -> String {
    let status = match severity(rule) {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    said(&message!("finding-status", status = status))
}

fn note_sections(out: &mut String, note: &Note) {
    let rule = Rule::Note(*note);
    let entry = note.entry;
    let of = message!(
        "rule-page-of-note",
        vendor = note.vendor,
        release = &note.release.title,
        severity = severity_word(&rule)
    );
    let _ = writeln!(out, "{}\n", said(&of));
    let _ = writeln!(out, "## {}\n", said(&message!("rule-page-note-heading")));
    let _ = writeln!(out, "{}\n", said(&message!("rule-page-original")));
    let _ = writeln!(out, "> {}\n", entry.source);
    if !entry.cost.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            said(&message!("rule-page-cost", cost = cost(&rule)))
        );
    }
    let _ = writeln!(out, "## {}\n", said(&message!("rule-page-checks-heading")));
    for paragraph in checks(note) {
        let _ = writeln!(out, "{}\n", said(&paragraph));
    }
    let _ = writeln!(out, "## {}\n", said(&message!("rule-page-does-heading")));
    does(out, note);
}

/// What carryover checks for the note's item: its kind of check, then when it applies.
fn checks(note: &Note) -> Vec<Message> {
    let entry = note.entry;
    let mut paragraphs = detect(note);
    if let Some(version) = &entry.from_at_least {
        paragraphs.push(message!("rule-page-from-at-least", version = version));
    }
    if let Some(wider) = &entry.wider {
        let because = match note.japanese.and_then(|j| j.wider.as_ref()) {
            Some(ja) if super::message::current() == super::message::Lang::Ja => ja.clone(),
            _ => wider.because.clone(),
        };
        paragraphs.push(message!(
            "rule-page-wider",
            names = wider.note_names.join(", "),
            because = because
        ));
    }
    if entry.after {
        paragraphs.push(message!("rule-page-after", release = &note.release.version));
    }
    if let Some(why) = &entry.never_fires {
        let why = match note.japanese.and_then(|j| j.never_fires.as_ref()) {
            Some(ja) if super::message::current() == super::message::Lang::Ja => ja.clone(),
            _ => why.clone(),
        };
        paragraphs.push(message!("rule-page-never-fires", why = why));
    }
    paragraphs
}

/// The kind of check, worded.
fn detect(note: &Note) -> Vec<Message> {
    let release = &note.release.version;
    let Some(detect) = &note.entry.detect else {
        return vec![message!("rule-detect-none")];
    };
    let one = |m: Message| vec![m];
    match detect {
        Detect::Always => one(message!("rule-detect-always", release = release)),
        Detect::SettingNot { name, value } => one(message!(
            "rule-detect-setting-not",
            name = name,
            value = value
        )),
        Detect::SettingIs { name, value } => one(message!(
            "rule-detect-setting-is",
            name = name,
            value = value
        )),
        Detect::NewSetting {
            name,
            recommended,
            default,
        } => one(new_setting(name, release, recommended, default.as_deref())),
        Detect::ReapplySettings { names } => {
            one(message!("rule-detect-reapply", names = typed(names)))
        }
        Detect::ExportLacks { list } => one(message!("rule-detect-export-lacks", list = list)),
        Detect::SystemMessage { name, defaults } => one(message!(
            "rule-detect-system-message",
            name = name,
            defaults = defaults.len()
        )),
        Detect::MessagesIn { area } => one(message!("rule-detect-messages-in", area = area)),
        Detect::RawMentions { text, listing } => one(raw_mentions(text, listing.as_deref())),
        Detect::DelegatedDomains {
            license,
            unless_installed,
        } => delegated_domains(license.as_deref(), unless_installed.as_deref()),
        Detect::TrustedHosts { group } => one(message!("rule-detect-trusted-hosts", group = group)),
        Detect::LicenseMissing { feature, .. } => {
            one(message!("rule-detect-license-missing", feature = feature))
        }
        Detect::VersionBelow { version } => {
            one(message!("rule-detect-version-below", version = version))
        }
        Detect::VersionNot { version } => {
            one(message!("rule-detect-version-not", version = version))
        }
        Detect::UpdateMissing { name, unlisted } => one(match unlisted {
            true => message!("rule-detect-update-unlisted", name = name),
            false => message!("rule-detect-update-missing", name = name),
        }),
        Detect::BackupStatus {
            command,
            done,
            confirmed,
        } => one(backup_status(command, done, *confirmed)),
        Detect::Manual => one(message!("rule-detect-manual")),
        Detect::HardwareNot { models } => {
            one(message!("rule-detect-hardware-not", models = typed(models)))
        }
        Detect::Cluster => one(message!("rule-detect-cluster")),
        Detect::BackupDrops {
            items,
            captured_by,
            by_hand,
        } => backup_drops(items.len(), captured_by.len(), by_hand.len()),
    }
}

/// Text looked for in what carryover does not know, and the listing that would show it.
fn raw_mentions(text: &str, listing: Option<&str>) -> Message {
    match listing {
        Some(listing) => message!(
            "rule-detect-raw-mentions-listing",
            text = text,
            listing = listing
        ),
        None => message!("rule-detect-raw-mentions", text = text),
    }
}

/// The last backup's state, the answer's form confirmed or inferred.
fn backup_status(command: &str, done: &str, confirmed: bool) -> Message {
    match confirmed {
        true => message!("rule-detect-backup-status", command = command, done = done),
        false => message!(
            "rule-detect-backup-status-inferred",
            command = command,
            done = done
        ),
    }
}

/// A setting new in the release, with the value the note recommends and the default.
fn new_setting(name: &str, release: &str, recommended: &str, default: Option<&str>) -> Message {
    match default {
        Some(default) => message!(
            "rule-detect-new-setting-default",
            name = name,
            release = release,
            recommended = recommended,
            default = default
        ),
        None => message!(
            "rule-detect-new-setting",
            name = name,
            release = release,
            recommended = recommended
        ),
    }
}

/// Delegated domains in use, by the domains or the license, and the patch that fixes the item.
fn delegated_domains(license: Option<&str>, unless_installed: Option<&str>) -> Vec<Message> {
    let mut said = vec![match license {
        Some(license) => message!("rule-detect-delegated-domains-license", license = license),
        None => message!("rule-detect-delegated-domains"),
    }];
    said.extend(
        unless_installed.map(|patch| message!("rule-detect-unless-installed", patch = patch)),
    );
    said
}

/// Settings a backup drops: how many kinds, how many only by-hand.txt holds, how many none.
fn backup_drops(items: usize, captured_by: usize, by_hand: usize) -> Vec<Message> {
    let mut said = vec![message!("rule-detect-backup-drops", count = items)];
    if captured_by > 0 {
        said.push(message!(
            "rule-detect-backup-drops-by-hand",
            count = captured_by
        ));
    }
    if by_hand > 0 {
        said.push(message!(
            "rule-detect-backup-drops-uncapturable",
            count = by_hand
        ));
    }
    said
}

/// What carryover does: which commands report the item, its remedy, its gate, the check by
/// hand and the commands that capture what it needs.
fn does(out: &mut String, note: &Note) {
    let entry = note.entry;
    let reported = match entry.reports.is_empty() {
        true => message!("rule-page-reported-by-none"),
        false => message!("rule-page-reported-by", commands = commands(&entry.reports)),
    };
    let _ = writeln!(out, "{}\n", said(&reported));
    if !entry.remedy.is_empty() {
        let _ = writeln!(out, "{}\n", said(&message!("rule-page-remedy")));
        remedy(out, note);
    }
    if entry.gate {
        let _ = writeln!(
            out,
            "{}\n",
            said(&message!("rule-page-gate", id = &entry.id))
        );
    }
    if let Some(check) = &entry.check {
        let check = knowledge_words::text(&entry.id, check);
        let _ = writeln!(
            out,
            "{}\n",
            said(&message!("rule-page-check", check = check))
        );
    }
    if !entry.capture.is_empty() {
        let capture = message!("rule-page-capture", commands = typed(&entry.capture));
        let _ = writeln!(out, "{}\n", said(&capture));
    }
}

/// The remedy's steps in their order: commands in a code block (a command's note as a `#`
/// line), each other step an item in its own words.
fn remedy(out: &mut String, note: &Note) {
    let mut finding = crate::ops::Finding::new(
        note.entry.id.clone(),
        note.entry.severity,
        crate::ops::Status::Found,
        message!("finding-title", title = &note.entry.title),
    );
    finding.remedy = crate::ops::evaluate::steps(note.entry, note.knowledge, &[]);
    let finding = knowledge_words::localized(&finding);
    let mut code: Vec<String> = Vec::new();
    for step in &finding.remedy {
        match step {
            Step::Command { .. } => code.push(super::report::step(step)),
            other => {
                flush(out, &mut code);
                let _ = writeln!(out, "- {}", said(&super::report::step_message(other)));
            }
        }
    }
    flush(out, &mut code);
    blank_line(out);
}

/// Writes the commands gathered so far as one code block, a blank line on either side.
fn flush(out: &mut String, code: &mut Vec<String>) {
    if !code.is_empty() {
        blank_line(out);
        let _ = writeln!(out, "```\n{}\n```\n", code.join("\n"));
        code.clear();
    }
}

/// Ends what `out` holds with a blank line, once.
fn blank_line(out: &mut String) {
    while !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Names as they are typed, in backticks, one after the other.
fn typed(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    names.join(", ")
}

/// `gaps`, `plan`, `restore`, as they are typed.
fn commands(reports: &[Report]) -> String {
    let names: Vec<&str> = reports
        .iter()
        .map(|r| match r {
            Report::Gaps => "`gaps`",
            Report::Plan => "`plan`",
            Report::Restore => "`restore`",
        })
        .collect();
    names.join(", ")
}

fn own_sections(out: &mut String, id: &'static str) {
    let rule = Rule::Own(id);
    let own = message!("rule-page-own", severity = severity_word(&rule));
    let _ = writeln!(out, "{}\n", said(&own));
    let _ = writeln!(
        out,
        "{}\n",
        said(&message!("rule-page-cost", cost = cost(&rule)))
    );
    let _ = writeln!(out, "## {}\n", said(&message!("rule-page-checks-heading")));
    let _ = writeln!(out, "{}\n", said(&message!("rule-own-checks", id = id)));
    let _ = writeln!(out, "## {}\n", said(&message!("rule-page-does-heading")));
    let reports: &[Report] = match id {
        "carryover-package" | "carryover-unknown-release" => &[Report::Plan],
        "carryover-update-failed" => &[Report::Gaps, Report::Plan],
        _ => &[Report::Gaps],
    };
    let commands = match id {
        // The explained diff's label, wherever an explained diff is shown.
        "carryover-not-compared" => "`diff --explain`, `restore --check`, `apply --pre`".into(),
        _ => commands(reports),
    };
    let reported = message!("rule-page-reported-by", commands = commands);
    let _ = writeln!(out, "{}\n", said(&reported));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::rule::find;

    #[test]
    fn a_page_quotes_the_note_and_words_the_check_and_the_remedy() {
        let page = page(&find("MOS-4.2.3-KI-3").unwrap());
        assert!(page.starts_with(
            "# MOS-4.2.3-KI-3: Junk-mail threshold handling breaks after 4.1.9 -> 4.2.3"
        ));
        assert!(page.contains("> MOS4.1.9 から MOS4.2.3 にバージョンアップした場合に"));
        assert!(page.contains("The upgrade breaks these settings: `smtp.quarantinejunk`"));
        assert!(page.contains("```\nsmtp set {name} {value}\n```"));
        assert!(page.contains("Reported by: `gaps`, `plan`, `restore`."));
        assert!(page.contains("It applies to upgrades from 4.1.9 or later."));
    }

    #[test]
    fn a_gate_and_console_steps_are_said() {
        let page = page(&find("MOS-4.2.3-N-4").unwrap());
        assert!(page.contains("`--confirm MOS-4.2.3-N-4`"), "{page}");
        assert!(page.contains("\n- "), "{page}");
    }

    #[test]
    fn the_text_form_has_no_markdown_marks() {
        let text = text(&find("MOS-4.2.3-KI-3").unwrap());
        assert!(text.starts_with("MOS-4.2.3-KI-3: "));
        assert!(!text.contains("```"));
        assert!(!text.contains("\n#"));
        assert!(text.contains("\n    smtp set {name} {value}\n"));
    }

    #[test]
    fn carryovers_own_checks_have_pages() {
        let page = page(&find("carryover-unexplained").unwrap());
        assert!(page.contains("carryover's own check"), "{page}");
        assert!(page.contains("Reported by: `gaps`."));
    }
}

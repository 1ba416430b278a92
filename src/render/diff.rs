//! Differences as human text (coloured on a terminal), a unified diff, Markdown or JSON.

use std::fmt::Write;

use super::style::{ADDED, CHANGED, DIM, PLAIN, REMOVED};
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::model::Value;
use crate::ops::diff::{stat, Comparison, DiffKind, Difference, NotCompared, Side};

use super::FORMAT_VERSION;

pub use crate::commands::diff::DiffFormat;

use crate::commands::diff::{Report, Request, Side as Named};
use crate::ops::explain::Explained;

/// A diff's report in the format asked for; git's `diff --carryover a/PATH b/PATH` header
/// first when it is git's external diff.
pub fn report(report: &Report, old: &Named, new: &Named, request: &Request) -> String {
    let comparison = &report.comparison;
    let labels = report.explained.as_ref();
    let style = Style {
        color: request.color,
    };
    let text = match (request.stat, request.format, &report.canonical) {
        (_, DiffFormat::Sarif, _) => labels.map(super::explain::sarif).unwrap_or_default(),
        (_, DiffFormat::Github, _) => labels.map(super::explain::github).unwrap_or_default(),
        (false, DiffFormat::Json, _) if labels.is_some() => {
            labels.map(super::explain::json).unwrap_or_default()
        }
        (true, DiffFormat::Json, _) => match labels {
            Some(explained) => explained_stat_json(explained),
            None => stat_json(comparison),
        },
        (true, DiffFormat::Markdown, _) => match labels {
            Some(explained) => stat_markdown(comparison) + &explained_stat_markdown(explained),
            None => stat_markdown(comparison),
        },
        (true, _, _) => stat_text(comparison),
        (false, DiffFormat::Human, _) => human_explained(comparison, labels, style),
        (false, DiffFormat::Markdown, _) => markdown_explained(comparison, labels),
        (false, DiffFormat::Json, _) => json(comparison),
        (false, DiffFormat::Unified, canonical) => {
            let (a, b) = canonical.as_ref().map_or(("", ""), |(a, b)| (a, b));
            unified(a, b, &label(&old.label), &label(&new.label))
        }
    };
    let text = match (labels, request.stat, request.format) {
        (Some(explained), true, DiffFormat::Human) => text + &super::explain::summary(explained),
        _ => text,
    };
    match &request.git_header {
        // A file name may hold anything a file system allows, line breaks included.
        Some(path) => format!("{}\n{text}", git_header(path)),
        None => text,
    }
}

/// Whether `d` is a secret that changed and whose values the comparison does not hold (they
/// are hidden, or only their hashes were compared): said as `(secret changed)`, never shown.
fn secret_changed_unseen(d: &Difference) -> bool {
    d.kind == DiffKind::Changed && d.secret && d.old.is_none()
}

/// For standard error beside `--format unified`: each secret that changed, which the unified
/// diff of the two canonical texts (secrets masked in both) cannot show.
pub fn secrets_unified_hides(comparison: &Comparison) -> String {
    let mut out = String::new();
    for d in &comparison.changes {
        if secret_changed_unseen(d) {
            let said = crate::message!("diff-unified-secret-changed", path = &d.path);
            let _ = writeln!(out, "{}", super::message::words(&said));
        }
    }
    out
}

/// Warnings and notes of both sides, for standard error, and the acceptances that matched
/// nothing.
pub fn diagnostics(report: &Report, verbosity: super::Verbosity) -> String {
    let sides: String = report
        .sides
        .iter()
        .map(|side| super::diagnostics_at(side, verbosity))
        .collect();
    let unused = report
        .explained
        .as_ref()
        .map(super::explain::unused)
        .unwrap_or_default();
    sides + &unused
}

/// What git's external diff shows for a file carryover cannot read as a capture: the header,
/// then a line diff of the two files as text (`texts`, old and new), so that `git diff` goes
/// on to the next file instead of stopping.
pub fn plain_text(path: &str, old: &Named, new: &Named, (a, b): &(String, String)) -> String {
    let diff = unified(a, b, &label(&old.label), &label(&new.label));
    format!(
        "{}\n{}",
        git_header(path),
        crate::base::text::terminal_safe(&diff)
    )
}

/// git's header line for `path`, on one line.
fn git_header(path: &str) -> String {
    let path = crate::base::text::sanitize(path);
    format!("diff --carryover a/{path} b/{path}")
}

/// A side's label, on one line.
fn label(text: &str) -> String {
    crate::base::text::sanitize(text)
}

/// ANSI styles, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Colour with ANSI escapes.
    pub color: bool,
}

impl Style {
    fn paint(&self, style: anstyle::Style, text: &str) -> String {
        super::style::paint(self.color, style, text)
    }
}

/// `3 differences: 1 added, 1 removed, 1 changed`; first how many items were not compared,
/// and last how many the other side's version does not have.
pub fn summary(comparison: &Comparison) -> String {
    let differences = &comparison.changes;
    let count = |k| differences.iter().filter(|d| d.kind == k).count();
    let (added, removed, changed) = (
        count(DiffKind::Added),
        count(DiffKind::Removed),
        count(DiffKind::Changed),
    );
    let message = match comparison.not_compared.len() {
        0 => crate::message!(
            "diff-summary",
            count = differences.len(),
            added = added,
            removed = removed,
            changed = changed
        ),
        not_compared => crate::message!(
            "diff-summary-not-compared",
            count = differences.len(),
            added = added,
            removed = removed,
            changed = changed,
            not_compared = not_compared
        ),
    };
    let message = match comparison.not_on_version.len() {
        0 => message,
        count => crate::message!(
            "diff-summary-not-on-version",
            summary = message,
            count = count
        ),
    };
    super::message::words(&message)
}

/// Counts per area.
pub(crate) fn stat_text(comparison: &Comparison) -> String {
    let mut out = String::new();
    for (area, [added, removed, changed]) in stat(&comparison.changes) {
        let _ = writeln!(out, "{area:<14} +{added} -{removed} ~{changed}");
    }
    let _ = writeln!(out, "{}", summary(comparison));
    out
}

/// Counts per area as a Markdown table.
pub(crate) fn stat_markdown(comparison: &Comparison) -> String {
    let mut out = format!("**{}**\n\n", summary(comparison));
    let areas = stat(&comparison.changes);
    if areas.is_empty() {
        return out;
    }
    let head = super::message::words(&crate::message!("diff-markdown-stat-head"));
    out.push_str(&format!("{head}\n| --- | ---: | ---: | ---: |\n"));
    for (area, [added, removed, changed]) in areas {
        let _ = writeln!(out, "| {area} | {added} | {removed} | {changed} |");
    }
    out
}

/// One area's counts, in `--stat --format json`.
#[derive(Serialize, schemars::JsonSchema)]
pub struct AreaCounts {
    /// The first segment of the item paths: `settings`, `lists`, ...
    pub area: String,
    /// Items added.
    pub added: usize,
    /// Items removed.
    pub removed: usize,
    /// Items changed.
    pub changed: usize,
}

/// `diff --stat --format json`.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct StatDocument {
    /// The version of this document's shape.
    format_version: u32,
    /// How many of each.
    summary: Counts,
    /// The counts per area, in area order.
    areas: Vec<AreaCounts>,
}

/// The counts per area.
pub(crate) fn area_counts(comparison: &Comparison) -> Vec<AreaCounts> {
    stat(&comparison.changes)
        .into_iter()
        .map(|(area, [added, removed, changed])| AreaCounts {
            area,
            added,
            removed,
            changed,
        })
        .collect()
}

/// Counts per area as JSON: `format_version`, `summary` and `areas`.
pub(crate) fn stat_json(comparison: &Comparison) -> String {
    super::message::for_machines(|| {
        let areas = area_counts(comparison);
        let doc = StatDocument {
            format_version: FORMAT_VERSION,
            summary: counts(comparison),
            areas,
        };
        let mut text = serde_json::to_string_pretty(&doc).expect("counts serialize");
        text.push('\n');
        text
    })
}

/// `diff --explain --stat --format json`: the counts per area and per label.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ExplainStatDocument {
    /// The version of this document's shape.
    format_version: u32,
    /// Whether every difference is expected, applied or accepted, and everything was compared
    /// (the exit status 0).
    settled: bool,
    /// How many differences carry each label.
    labels: super::explain::LabelCounts,
    /// How many of each kind were added, removed and changed, per area, in area order.
    areas: Vec<AreaCounts>,
}

/// The explained diff's counts as JSON.
pub(crate) fn explained_stat_json(explained: &Explained) -> String {
    super::message::for_machines(|| {
        super::json(&ExplainStatDocument {
            format_version: FORMAT_VERSION,
            settled: explained.settled(),
            labels: super::explain::label_counts(explained),
            areas: area_counts(&explained.comparison),
        })
    })
}

/// The counts per label as a Markdown table, then whether anything remains to be done.
pub(crate) fn explained_stat_markdown(explained: &Explained) -> String {
    let [expected, applied, lost, unexplained, accepted] = explained.counts();
    let mut out = format!(
        "\n| {} | {} |\n| --- | ---: |\n",
        super::message::words(&crate::message!("explain-stat-label")),
        super::message::words(&crate::message!("explain-stat-count"))
    );
    let rows = [
        (crate::ops::explain::Label::Expected, expected),
        (crate::ops::explain::Label::Applied, applied),
        (crate::ops::explain::Label::Lost, lost),
        (crate::ops::explain::Label::Unexplained, unexplained),
        (crate::ops::explain::Label::Accepted, accepted),
    ];
    for (label, count) in rows {
        let _ = writeln!(
            out,
            "| {} | {count} |",
            super::message::words(&super::explain::label_message(label))
        );
    }
    let verdict = if explained.settled() {
        crate::message!("explain-settled")
    } else {
        crate::message!("explain-unsettled")
    };
    let _ = writeln!(out, "\n{}", super::message::words(&verdict));
    out
}

fn counts(comparison: &Comparison) -> Counts {
    let differences = &comparison.changes;
    let count = |k| differences.iter().filter(|d| d.kind == k).count();
    Counts {
        added: count(DiffKind::Added),
        removed: count(DiffKind::Removed),
        changed: count(DiffKind::Changed),
        not_compared: comparison.not_compared.len(),
        not_on_version: comparison.not_on_version.len(),
    }
}

fn side_name(side: Side) -> String {
    super::message::words(&match side {
        Side::A => crate::message!("diff-side-old"),
        Side::B => crate::message!("diff-side-new"),
    })
}

/// The "not compared" section: each item with the side that did not capture its range and
/// the commands that would.
fn not_compared_text(items: &[NotCompared], style: Style) -> String {
    let mut last_capture: &[String] = &[];
    let heading = |side, count| crate::message!("diff-not-captured-in", side = side, count = count);
    by_side(items, heading, |out, item| {
        item_line(out, "?", item, style);
        // Entries of one list share their command: say it once for the run of them.
        if !item.capture.is_empty() && item.capture.as_slice() != last_capture {
            let capture = crate::message!(
                "diff-capture-with",
                commands = one_line(&item.capture.join("; "))
            );
            let _ = writeln!(out, "    {}", super::message::words_as_given(&capture));
        }
        last_capture = &item.capture;
    })
}

/// The "not on this version" section: each item with the side whose version lacks it.
fn not_on_version_text(items: &[NotCompared], style: Style) -> String {
    let heading =
        |side, count| crate::message!("diff-not-on-version-in", side = side, count = count);
    by_side(items, heading, |out, item| item_line(out, "=", item, style))
}

/// The items of each side under a heading (`heading` of the side's name and the count), the
/// new side's first, each written by `write`.
fn by_side<'a>(
    items: &'a [NotCompared],
    heading: impl Fn(String, usize) -> crate::base::message::Message,
    mut write: impl FnMut(&mut String, &'a NotCompared),
) -> String {
    let mut out = String::new();
    for side in [Side::B, Side::A] {
        let of_side: Vec<&NotCompared> =
            items.iter().filter(|i| i.not_captured_in == side).collect();
        if of_side.is_empty() {
            continue;
        }
        let heading = heading(side_name(side), of_side.len());
        let _ = writeln!(out, "\n{}", super::message::words_as_given(&heading));
        for item in of_side {
            write(&mut out, item);
        }
    }
    out
}

fn item_line(out: &mut String, sign: &str, item: &NotCompared, style: Style) {
    let _ = writeln!(
        out,
        "{} {}  {}",
        style.paint(DIM, sign),
        one_line(&item.path),
        style.paint(DIM, &one_line(&item.at))
    );
}

fn sign(kind: DiffKind) -> (&'static str, anstyle::Style) {
    match kind {
        DiffKind::Added => ("+", ADDED),
        DiffKind::Removed => ("-", REMOVED),
        DiffKind::Changed => ("~", CHANGED),
    }
}

/// Text from a capture, for a terminal: its control characters shown as escapes (line breaks
/// and tabs kept, so a message still diffs line by line).
fn safe(text: &str) -> String {
    crate::base::text::terminal_safe(text).into_owned()
}

/// Capture text that must stay on one line (a path, an item path): every control character
/// shown as an escape.
fn one_line(text: &str) -> String {
    crate::base::text::sanitize(text)
}

/// A value as text; a member of a set shows none, since its path names it.
fn value(d: &Difference, v: &Option<Value>, secret: bool) -> String {
    match (v, secret) {
        (_, true) if v.is_none() => "<secret>".into(),
        _ if d.member => String::new(),
        (Some(v), _) => v.to_string(),
        (None, _) => String::new(),
    }
}

/// Human text: one line per difference, multi-line values as a line diff with the changed
/// words highlighted.
pub fn human(comparison: &Comparison, style: Style) -> String {
    human_explained(comparison, None, style)
}

/// Human text, each difference followed by its label when the diff is explained, and the
/// counts per label last.
pub fn human_explained(
    comparison: &Comparison,
    explained: Option<&Explained>,
    style: Style,
) -> String {
    let mut out = String::new();
    let labels = explained.map_or(&[][..], |e| e.labels.as_slice());
    for (i, d) in comparison.changes.iter().enumerate() {
        let (mark, color) = sign(d.kind);
        // Capture text reaches the terminal: its control characters are shown, never obeyed.
        let at = one_line(
            &[d.old_at.as_deref(), d.new_at.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" -> "),
        );
        let (old, new) = (
            safe(&value(d, &d.old, d.secret)),
            safe(&value(d, &d.new, d.secret)),
        );
        let path = one_line(&d.path);
        let multiline = old.contains('\n') || new.contains('\n');
        let head = match d.kind {
            DiffKind::Changed if secret_changed_unseen(d) => {
                // The path went through the one sanitiser above.
                super::message::words_as_given(&crate::message!(
                    "diff-secret-changed",
                    path = &path
                ))
            }
            DiffKind::Changed if !multiline => format!("{path}: {old} -> {new}"),
            DiffKind::Added if !new.is_empty() && !multiline => format!("{path} = {new}"),
            DiffKind::Removed if !old.is_empty() && !multiline => format!("{path} = {old}"),
            _ => path.clone(),
        };
        let _ = writeln!(
            out,
            "{} {}  {}",
            style.paint(color, mark),
            head,
            style.paint(DIM, &at)
        );
        if multiline && !secret_changed_unseen(d) {
            out.push_str(&text_diff(&old, &new, style));
        }
        if let Some(e) = labels.get(i) {
            let _ = writeln!(out, "    {}", super::explain::label_text(e));
        }
    }
    out.push_str(&not_compared_text(&comparison.not_compared, style));
    out.push_str(&not_on_version_text(&comparison.not_on_version, style));
    let _ = writeln!(out, "{}", summary(comparison));
    if let Some(explained) = explained {
        out.push_str(&super::explain::summary(explained));
    }
    out
}

/// A line diff of two texts, indented, with changed words emphasized (in colour) or marked
/// `[-old-]{+new+}` (without).
fn text_diff(old: &str, new: &str, style: Style) -> String {
    let mut out = String::new();
    let diff = TextDiff::from_lines(old, new);
    for op in diff.ops() {
        for change in diff.iter_inline_changes(op) {
            let (mark, color) = match change.tag() {
                ChangeTag::Delete => ("-", REMOVED),
                ChangeTag::Insert => ("+", ADDED),
                ChangeTag::Equal => (" ", PLAIN),
            };
            let mut line = String::new();
            for (emphasized, text) in change.iter_strings_lossy() {
                let text = text.trim_end_matches('\n');
                match (emphasized, style.color, change.tag()) {
                    (true, true, _) => line.push_str(&style.paint(color.bold().underline(), text)),
                    (true, false, ChangeTag::Delete) => line.push_str(&format!("[-{text}-]")),
                    (true, false, ChangeTag::Insert) => line.push_str(&format!("{{+{text}+}}")),
                    (_, true, ChangeTag::Equal) => line.push_str(text),
                    (_, true, _) => line.push_str(&style.paint(color, text)),
                    _ => line.push_str(text),
                }
            }
            let _ = writeln!(out, "    {}{line}", style.paint(color, mark));
        }
    }
    out
}

/// A unified diff of the two canonical texts, for patch-style review.
pub fn unified(old_text: &str, new_text: &str, old_label: &str, new_label: &str) -> String {
    TextDiff::from_lines(old_text, new_text)
        .unified_diff()
        .context_radius(3)
        .header(old_label, new_label)
        .to_string()
}

/// A Markdown table, for a review comment.
pub fn markdown(comparison: &Comparison) -> String {
    markdown_explained(comparison, None)
}

/// A Markdown table, with a label and rule column when the diff is explained.
pub fn markdown_explained(comparison: &Comparison, explained: Option<&Explained>) -> String {
    let differences = &comparison.changes;
    let mut out = format!("**{}**\n\n", summary(comparison));
    if let Some(explained) = explained {
        for line in super::explain::summary(explained).lines() {
            let _ = writeln!(out, "**{line}**\n");
        }
    }
    if !comparison.not_compared.is_empty() {
        out.push_str(&markdown_not_compared(&comparison.not_compared));
    }
    if !comparison.not_on_version.is_empty() {
        out.push_str(&markdown_not_on_version(&comparison.not_on_version));
    }
    if differences.is_empty() {
        return out;
    }
    let (head, rule) = match explained {
        Some(_) => (
            crate::message!("explain-markdown-table-head"),
            "| --- | --- |",
        ),
        None => (crate::message!("diff-markdown-table-head"), "|"),
    };
    let head = super::message::words(&head);
    out.push_str(&format!("{head}\n| --- | --- | --- | --- {rule}\n"));
    // Capture text reaches a terminal or a rendered page: its controls are shown, never obeyed.
    let cell = |s: String| safe(&s).replace('|', "\\|").replace('\n', "<br>");
    let labels = explained.map_or(&[][..], |e| e.labels.as_slice());
    for (i, d) in differences.iter().enumerate() {
        let new = match d.kind {
            // Neither value is shown: the cell says what changed.
            DiffKind::Changed if secret_changed_unseen(d) => {
                super::message::words(&crate::message!("diff-secret-changed-cell"))
            }
            _ => value(d, &d.new, d.secret && d.kind != DiffKind::Removed),
        };
        let _ = write!(
            out,
            "| {} | {} | {} | {} |",
            sign(d.kind).0,
            crate::base::text::code_span(&one_line(&d.path)).replace('|', "\\|"),
            cell(value(d, &d.old, d.secret && d.kind != DiffKind::Added)),
            cell(new)
        );
        if let Some(e) = labels.get(i) {
            let said = super::message::words(&super::explain::rule_cell(e));
            let _ = write!(
                out,
                " {} | {} |",
                cell(super::message::words(&super::explain::label_message(
                    e.label
                ))),
                cell(said)
            );
        }
        out.push('\n');
    }
    out
}

/// Items not compared, as a Markdown list placed before the table.
fn markdown_not_compared(items: &[NotCompared]) -> String {
    let heading = super::message::words(&crate::message!("diff-markdown-not-compared"));
    let mut out = format!("{heading}\n\n");
    for item in items {
        // Markdown escapes its own way: backticks cannot end the code spans.
        let (path, side) = (item.path.replace('`', "'"), side_name(item.not_captured_in));
        let line = if item.capture.is_empty() {
            crate::message!("diff-markdown-item", path = path, side = side)
        } else {
            let commands = item.capture.join("; ").replace('`', "'");
            crate::message!(
                "diff-markdown-item-capture",
                path = path,
                side = side,
                commands = commands
            )
        };
        let _ = writeln!(out, "- {}", super::message::words_as_given(&line));
    }
    out.push('\n');
    out
}

/// Items not on the other side's version, as a Markdown list placed before the table.
fn markdown_not_on_version(items: &[NotCompared]) -> String {
    let heading = super::message::words(&crate::message!("diff-markdown-not-on-version"));
    let mut out = format!("{heading}\n\n");
    for item in items {
        let (path, side) = (item.path.replace('`', "'"), side_name(item.not_captured_in));
        let line = crate::message!(
            "diff-markdown-item-not-on-version",
            path = path,
            side = side
        );
        let _ = writeln!(out, "- {}", super::message::words_as_given(&line));
    }
    out.push('\n');
    out
}

/// `diff --format json`.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Document<'a> {
    /// The version of this document's shape.
    format_version: u32,
    /// How many of each.
    summary: Counts,
    /// Differences inside ranges both sides observed, in path order.
    changes: &'a [Difference],
    /// Items one side holds where the other did not look: neither added nor removed.
    not_compared: &'a [NotCompared],
    /// Items one side holds that the other side's version does not have at all.
    not_on_version: &'a [NotCompared],
}

/// How many differences of each kind, and how many items were not compared.
#[derive(Serialize, schemars::JsonSchema)]
struct Counts {
    /// Items added.
    added: usize,
    /// Items removed.
    removed: usize,
    /// Items changed.
    changed: usize,
    /// Items not compared.
    not_compared: usize,
    /// Items the other side's version does not have.
    not_on_version: usize,
}

/// JSON: `format_version`, `summary`, `changes`, `not_compared` and `not_on_version`.
pub fn json(comparison: &Comparison) -> String {
    super::message::for_machines(|| {
        let doc = Document {
            format_version: FORMAT_VERSION,
            summary: counts(comparison),
            changes: &comparison.changes,
            not_compared: &comparison.not_compared,
            not_on_version: &comparison.not_on_version,
        };
        let mut text = serde_json::to_string_pretty(&doc).expect("differences serialize");
        text.push('\n');
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::diff::Difference;

    #[test]
    fn one_difference_is_said_in_the_singular() {
        let one = Difference {
            path: "settings/system/smtp.fastpath".into(),
            kind: DiffKind::Changed,
            old: None,
            new: None,
            member: false,
            old_at: None,
            new_at: None,
            secret: false,
        };
        let mut comparison = Comparison {
            changes: vec![one],
            ..Comparison::default()
        };
        assert_eq!(
            summary(&comparison),
            "1 difference: 0 added, 0 removed, 1 changed"
        );
        comparison.changes.clear();
        assert_eq!(
            summary(&comparison),
            "0 differences: 0 added, 0 removed, 0 changed"
        );
    }
}

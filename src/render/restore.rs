//! `restore`'s report in words: the script with its header, in the encoding it is sent in; the
//! runbook; the warnings for standard error.

use std::fmt::Write;

use encoding_rs::Encoding;

use crate::base::error::Result;
use crate::base::message::Message;
use crate::capture::Capture;
use crate::commands::restore::{CaptureBy, EncodingChoice, Report, Request, RunbookFacts};
use crate::emit::{Command, Unwritable};
use crate::message;
use crate::ops::restore::{self as ops, Label, One, Plan, Remark, Subject, Written};
use crate::vendors::RestoreScript;

use super::message::{in_language, words, words_as_given, Lang};
use super::runbook::{self, entry_message, item_message, Context};

/// What a restore run writes.
#[derive(Debug, Clone)]
pub struct Outputs {
    /// The restore script, as text; [`Outputs::script_bytes`] in its encoding.
    pub script: String,
    /// The encoding the script is written in (its header says which, where the vendor writes
    /// more than one).
    pub encoding: &'static Encoding,
    /// The runbook, when asked for.
    pub runbook: Option<String>,
    /// `(relative path, contents)` of the import files, when asked for.
    pub import_files: Vec<(String, String)>,
    /// How many commands the script holds.
    pub commands: usize,
    /// What the user must know about the files written, for standard error (values left out
    /// of the script, a secret left out of an import file), in words.
    pub warnings: Vec<String>,
}

impl Default for Outputs {
    fn default() -> Outputs {
        Outputs {
            script: String::new(),
            encoding: encoding_rs::UTF_8,
            runbook: None,
            import_files: Vec::new(),
            commands: 0,
            warnings: Vec::new(),
        }
    }
}

impl Outputs {
    /// The script's bytes in its encoding. Its commands hold only what the encoding carries
    /// (the dialect refuses the rest); a remark's character the encoding lacks is written as
    /// a visible escape, `\u{5168}`, as the emitter's sanitiser writes control characters.
    pub fn script_bytes(&self) -> Vec<u8> {
        encoded(&self.script, self.encoding).into_owned()
    }
}

/// `text` in `encoding`, each character it cannot carry as `\u{...}`: the text's own bytes
/// where they are already those. Text ending in a line break (ASCII, where every encoding a
/// script is written in is back in its initial state) encodes the same whole or in pieces.
pub fn encoded<'t>(text: &'t str, encoding: &'static Encoding) -> std::borrow::Cow<'t, [u8]> {
    // ASCII is the same bytes in every encoding a script is written in (UTF-16 is refused).
    if encoding == encoding_rs::UTF_8 || (encoding.is_ascii_compatible() && text.is_ascii()) {
        return std::borrow::Cow::Borrowed(text.as_bytes());
    }
    let mut encoder = encoding.new_encoder();
    let mut out = Vec::with_capacity(text.len() + 16);
    let mut rest = text;
    loop {
        let room = encoder
            .max_buffer_length_from_utf8_without_replacement(rest.len())
            .unwrap_or(rest.len() * 4 + 16);
        let start = out.len();
        out.resize(start + room, 0);
        let (result, read, written) =
            encoder.encode_from_utf8_without_replacement(rest, &mut out[start..], true);
        out.truncate(start + written);
        rest = &rest[read..];
        match result {
            encoding_rs::EncoderResult::InputEmpty => return std::borrow::Cow::Owned(out),
            encoding_rs::EncoderResult::OutputFull => {}
            encoding_rs::EncoderResult::Unmappable(c) => {
                out.extend(format!("\\u{{{:x}}}", c as u32).bytes());
            }
        }
    }
}

/// The report's outputs: the script (its left-out values counted as it is written), the
/// runbook when asked for, the import files, and the warnings in words.
pub fn outputs(report: &Report) -> Outputs {
    let words = |said: &Remark<'_>| carried(report.encoding, || remark(said));
    let header = header(report);
    let dialect = dialect_of(report);
    let written = ops::written_in(&report.plan, report.writer, dialect, &header, &words);
    outputs_of(report, written)
}

/// [`outputs`], the script handed to `sink` as it is written, as text, a piece of whole lines
/// at a time, never held whole: the outputs' script is empty. The sink's first error ends it.
pub fn outputs_streamed(report: &Report, sink: crate::emit::Sink<'_>) -> std::io::Result<Outputs> {
    let words = |said: &Remark<'_>| carried(report.encoding, || remark(said));
    let header = header(report);
    let dialect = dialect_of(report);
    let said = (header.as_slice(), &words as ops::Wording<'_>);
    let written = ops::written_to(&report.plan, report.writer, dialect, said, sink)?;
    Ok(outputs_of(report, written))
}

/// The dialect the report's script is written in.
fn dialect_of(report: &Report) -> &dyn crate::emit::Dialect {
    report
        .dialect
        .as_deref()
        .unwrap_or_else(|| report.writer.dialect())
}

/// The outputs of a script written: its text (where it was kept), the runbook, the import
/// files and the warnings in words.
fn outputs_of(report: &Report, written: Written) -> Outputs {
    let Written {
        text: script,
        left_out,
        ..
    } = written;
    let mut warnings = Vec::new();
    // Values the script cannot carry are left out under a remark; say so where it is seen.
    if left_out.by_encoding > 0 {
        warnings.push(words(&crate::message!(
            "restore-values-left-out",
            count = left_out.by_encoding,
            encoding = report.encoding.name()
        )));
    }
    if left_out.by_character > 0 {
        warnings.push(words(&crate::message!(
            "restore-values-not-carried",
            count = left_out.by_character
        )));
    }
    warnings.extend(report.warnings.iter().map(words));
    Outputs {
        script,
        encoding: report.encoding,
        runbook: report
            .runbook
            .as_ref()
            .map(|facts| runbook_of(report, facts)),
        import_files: report.import_files.clone(),
        commands: report.commands,
        warnings,
    }
}

/// The outputs of a restore of captures already read: [`crate::commands::restore::report`]
/// and [`outputs`].
pub fn restore(pre: &Capture, post: Option<&Capture>, request: &Request) -> Result<Outputs> {
    Ok(outputs(&crate::commands::restore::report(
        pre, post, request,
    )?))
}

/// The appliance's name and the version it runs, as the script and runbook call them.
fn names(report: &Report) -> (String, String) {
    let appliance = match &report.appliance {
        Some(appliance) => appliance.clone(),
        None => words(&message!("restore-host-not-captured")),
    };
    let from = match &report.from {
        Some(from) => from.to_string(),
        None => words(&message!("restore-version-not-captured")),
    };
    (appliance, from)
}

/// The script's header remarks. Its text is filled as it is: the emitter's sanitiser makes
/// each remark safe, once.
fn header(report: &Report) -> Vec<String> {
    let (appliance, from) = names(report);
    let to = report.to.to_string();
    let mut header = vec![
        message!(
            "restore-header-title",
            appliance = &appliance,
            from = from,
            to = to
        ),
        message!("restore-header-host", appliance = appliance),
    ];
    if report.against {
        header.push(message!("restore-header-against"));
    }
    let encoding = report.encoding.name();
    match report.encoding_chosen {
        Some(EncodingChoice::Asked) => {
            header.push(message!("restore-header-encoding", encoding = encoding))
        }
        Some(EncodingChoice::AsCapture) => header.push(message!(
            "restore-header-encoding-as-capture",
            encoding = encoding
        )),
        None => {}
    }
    header
        .iter()
        .map(|said| carried(report.encoding, || words_as_given(said)))
        .collect()
}

/// A remark in the reader's language when the script's encoding can carry it, else in English
/// (a Japanese remark in a windows-1252 script would be escapes only).
fn carried(encoding: &'static Encoding, make: impl Fn() -> String) -> String {
    let text = make();
    match encoding.encode(&text).2 {
        false => text,
        true => in_language(Lang::En, make),
    }
}

/// The script for `plan`, in the vendor's own dialect, with `header`'s remarks first: the
/// words of [`remark`] for the plan's remarks.
pub fn script(plan: &Plan, writer: &dyn RestoreScript, header: &[String]) -> String {
    let dialect = writer.dialect();
    ops::written_in(plan, writer, dialect, header, &remark).text
}

/// [`script`], and the commands written into it in order: what running the script must do.
pub fn script_with_commands(
    plan: &Plan,
    writer: &dyn RestoreScript,
    header: &[String],
) -> (String, Vec<Command>) {
    ops::script_with_commands(plan, writer, header, &remark)
}

/// A remark of the script in words. Its arguments are filled as they are: the emitter's
/// sanitiser makes the remark safe, once.
pub fn remark(remark: &Remark<'_>) -> String {
    let message = match remark {
        Remark::Label(label) => label_message(label),
        Remark::NotWritten(why, what) => message!(
            "restore-remark-not-written",
            why = words_as_given(&unwritable(why)),
            what = words_as_given(&subject(what))
        ),
        Remark::NoCommand(what) => message!(
            "restore-remark-no-command",
            what = words_as_given(&subject(what))
        ),
        Remark::Inferred(form) => message!("restore-remark-inferred", form = *form),
    };
    words_as_given(&message)
}

/// What a run of items is written under.
fn label_message(label: &Label) -> Message {
    match label {
        Label::Rule(rule) => message!("restore-remark-rule", rule = rule),
        Label::New { rule, title } => {
            let title = super::knowledge_words::title(rule, title);
            message!("restore-remark-new", rule = rule, title = title)
        }
        Label::Unprovable(rule) => message!("restore-remark-unprovable", rule = rule),
        Label::RemedyWins { rule, name, value } => message!(
            "restore-remark-remedy-wins",
            rule = rule,
            name = name,
            value = value
        ),
    }
}

/// Why a command could not be written.
fn unwritable(why: &Unwritable) -> Message {
    match why {
        Unwritable::Refused(why) => why.clone(),
        Unwritable::Value => message!("restore-unwritable-value"),
        Unwritable::NoPipe => message!("restore-unwritable-no-pipe"),
        Unwritable::Data => message!("restore-unwritable-data"),
        Unwritable::BlockLine => message!("restore-unwritable-block-line"),
    }
}

/// What a `not written` remark is about.
fn subject(what: &Subject<'_>) -> Message {
    match what {
        Subject::Item(One::Item(item)) => item_message(item),
        Subject::Item(One::Entry { scope, list, entry }) => entry_message(scope, list, entry),
        Subject::Enter { domain, items } => {
            message!("restore-item-enter", count = *items, domain = *domain)
        }
        Subject::Leave(domain) => message!("restore-item-leave", domain = *domain),
    }
}

/// The runbook: how to apply the script, the steps by hand, the patches, and how to check.
fn runbook_of(report: &Report, facts: &RunbookFacts) -> String {
    let (appliance, from) = names(report);
    let recapture = match &facts.recapture {
        Some(recapture) => words(recapture),
        None => words(&message!("runbook-recapture")),
    };
    let capture = match &facts.capture {
        // An inferred form after a remark that says so, on a line of its own (a remark on the
        // command's line would be sent with it).
        CaptureBy::Commands(commands) => commands
            .iter()
            .flat_map(|(command, inferred)| {
                let remark = inferred.then(|| {
                    let said = message!("capture-form-inferred", command = command);
                    format!("# {}", words(&said))
                });
                remark.into_iter().chain([command.clone()])
            })
            .collect(),
        // The Check section is never empty: the capture script stands for the commands.
        CaptureBy::Script(vendor) => {
            vec![format!("carryover capture --vendor {vendor} > capture.sh")]
        }
        CaptureBy::Unknown => Vec::new(),
    };
    let cx = Context {
        appliance: &appliance,
        from: &from,
        to: &report.to.to_string(),
        apply: words(&facts.apply),
        recapture,
        capture,
        command: format!(
            "carryover restore {} --to {}",
            shell_words(&facts.inputs),
            report.to
        ),
        proof: report.proof.as_ref().map(super::explain::proof_markdown),
    };
    runbook::runbook(&report.plan, &cx)
}

/// Paths as a shell takes them, each one word: a path with a space, a quote or a line break
/// cannot become two arguments or a second command when the runbook's line is pasted.
fn shell_words(paths: &[String]) -> String {
    use crate::emit::Dialect;
    let plain = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-./:@%+=,".contains(c))
    };
    paths
        .iter()
        .map(|p| match plain(p) {
            true => p.clone(),
            false => crate::emit::Bash
                .quote(p)
                .unwrap_or_else(|| crate::base::text::sanitize(p)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `restore --check`: what the appliance will hold once the script has run, as an explained
/// diff against the pre-upgrade capture, then what would still differ and why.
pub fn proof_text(proof: &crate::ops::proof::Proof, style: super::diff::Style) -> String {
    let title = crate::message!("explain-proof-title", applied = proof.applied);
    let mut out = format!("{}\n\n", words(&title));
    let explained = &proof.explained;
    out.push_str(&super::diff::human_explained(
        &explained.comparison,
        Some(explained),
        style,
    ));
    let remaining = proof.remaining();
    if !remaining.is_empty() {
        let heading = crate::message!("explain-proof-remaining", count = remaining.len());
        let _ = writeln!(out, "\n{}", words(&heading));
        for r in &remaining {
            let _ = writeln!(out, "  {}", words(&super::explain::remaining_message(r)));
        }
    }
    out
}

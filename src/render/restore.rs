//! `restore`'s report in words: the script with its header, in the encoding it is sent in; the
//! runbook; the warnings for standard error.

use encoding_rs::Encoding;

use crate::base::error::Result;
use crate::capture::Capture;
use crate::commands::restore::{CaptureBy, EncodingChoice, Report, Request, RunbookFacts};
use crate::ops::restore::{written_in, Written};

use super::message::words;
use super::runbook::{self, Context};

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
        encode_escaping(&self.script, self.encoding)
    }
}

/// `text` in `encoding`, each character it cannot carry as `\u{...}`.
fn encode_escaping(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    // ASCII is the same bytes in every encoding a script is written in (UTF-16 is refused).
    if encoding == encoding_rs::UTF_8 || (encoding.is_ascii_compatible() && text.is_ascii()) {
        return text.as_bytes().to_vec();
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
            encoding_rs::EncoderResult::InputEmpty => return out,
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
    let dialect = report
        .dialect
        .as_deref()
        .unwrap_or_else(|| report.writer.dialect());
    let Written {
        text: script,
        left_out,
        ..
    } = written_in(&report.plan, report.writer, dialect, &header(report));
    let mut warnings = Vec::new();
    // Values the encoding cannot carry are left out under a remark; say so where it is seen.
    if left_out > 0 {
        warnings.push(words(&crate::message!(
            "restore-values-left-out",
            count = left_out,
            encoding = report.encoding.name()
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
fn names(report: &Report) -> (&str, String) {
    let appliance = report.appliance.as_deref().unwrap_or("(host not captured)");
    let from = report.from.as_ref();
    let from = from.map_or("(version not captured)".to_string(), |v| v.to_string());
    (appliance, from)
}

/// The script's header remarks.
fn header(report: &Report) -> Vec<String> {
    let (appliance, from) = names(report);
    let mut header = vec![
        format!(
            "carryover restore script for {appliance}, {from} -> {}",
            report.to
        ),
        format!("host: {appliance}"),
    ];
    if report.against {
        header.push("only what the post-upgrade capture lacks or has different".into());
    }
    if let Some(chosen) = report.encoding_chosen {
        let how = match chosen {
            EncodingChoice::Asked => "",
            EncodingChoice::AsCapture => ", as the capture",
        };
        header.push(format!(
            "encoding: {}{how}; literal counts are its bytes, each line break counted as CRLF",
            report.encoding.name()
        ));
    }
    header
}

/// The runbook: how to apply the script, the steps by hand, the patches, and how to check.
fn runbook_of(report: &Report, facts: &RunbookFacts) -> String {
    let (appliance, from) = names(report);
    let recapture = facts
        .recapture
        .clone()
        .unwrap_or_else(|| "Capture the upgraded appliance again.".to_string());
    let capture = match &facts.capture {
        CaptureBy::Commands(commands) => commands.clone(),
        // The Check section is never empty: the capture script stands for the commands.
        CaptureBy::Script(vendor) => {
            vec![format!("carryover capture --vendor {vendor} > capture.sh")]
        }
        CaptureBy::Unknown => Vec::new(),
    };
    let cx = Context {
        appliance,
        from: &from,
        to: &report.to.to_string(),
        apply: facts.apply.clone(),
        recapture,
        capture,
        command: format!(
            "carryover restore {} --to {}",
            shell_words(&facts.inputs),
            report.to
        ),
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

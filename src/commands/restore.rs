//! Everything one `restore` run produces for a vendor: the script, its runbook and the
//! appliance's own import files, assembled from the plan with the vendor's framing and words.

use crate::base::error::Result;
use crate::capture::Capture;
use encoding_rs::Encoding;

use crate::base::error::Error;
use crate::model::{Config, SourceKind, Version};
use crate::ops::capture_plan::{steps, CaptureSteps};
use crate::ops::evaluate::Evidence;
use crate::ops::plan::needed_patches;
use crate::ops::restore::{by_hand_what_is_not_written, plan, script_in, Plan, RestoreOptions};
use crate::render::runbook::{self, Context};
use crate::vendors::{self, unsupported, Vendor};

/// What a restore run is asked for.
#[derive(Debug, Clone)]
pub struct Request {
    /// The version being upgraded to.
    pub to: Version,
    /// Restore every setting the captures hold, not only what the known issues lose.
    pub all: bool,
    /// Include secrets in what is written.
    pub show_secrets: bool,
    /// Write a runbook too.
    pub runbook: bool,
    /// Write the appliance's UI import files too.
    pub import_files: bool,
    /// The script's name as the runbook should call it.
    pub script_name: String,
    /// The inputs as the user named them, to repeat the command in the runbook.
    pub inputs: Vec<String>,
    /// The encoding the script is sent to the appliance in; `None`: the encoding of the
    /// capture it comes from. MOS literal counts are bytes of it.
    pub output_encoding: Option<&'static Encoding>,
}

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
    /// What the user must know about the files written, for standard error (a secret left
    /// out of an import file).
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

/// The encoding the captures were read in: the first live capture's (the terminal the script
/// is pasted into), else the first file's; UTF-16 is written as UTF-8.
pub fn capture_encoding(config: &Config) -> &'static Encoding {
    let live = config.sources.iter().find(|p| p.kind != SourceKind::Export);
    live.or(config.sources.first())
        .and_then(|p| Encoding::for_label(p.info.encoding.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8)
        .output_encoding()
}

/// The restore outputs for the pre-upgrade captures `pre`; with `post`, only what the
/// post-upgrade capture lacks or has different, and nothing for what it did not observe.
pub fn restore(pre: &Capture, post: Option<&Capture>, request: &Request) -> Result<Outputs> {
    let vendor = vendors::by_id(pre.config.vendor)?;
    let knowledge = vendors::knowledge_of(vendor)?;
    let writer = vendor
        .restore_script()
        .ok_or_else(|| unsupported(vendor.title(), "restore scripts"))?;
    // One evaluation of the release notes: the runbook's patches are the upgrade plan's.
    let evidence = Evidence {
        live: Some(&pre.config),
        export: None,
        knowledge,
        plan: vendor.capture_plan(),
    };
    super::check_target(&evidence, vendor, &request.to)?;
    if let Some(post) = post {
        crate::read::same_appliance(&pre.config, &post.config)
            .map_err(|e| Error::Usage(format!("--against: {e}")))?;
    }
    let patches = needed_patches(&evidence, &request.to);
    let mut plan = plan(
        &pre.config,
        knowledge,
        &RestoreOptions {
            to: request.to.clone(),
            against: post.map(|p| &p.config),
            all: request.all,
            show_secrets: request.show_secrets,
            capture: vendor.capture_plan(),
            patches: Some(patches),
        },
    );
    by_hand_what_is_not_written(&mut plan, writer, knowledge);
    let (appliance, from) = names(&pre.config);
    let mut header = vec![
        format!(
            "carryover restore script for {appliance}, {from} -> {}",
            request.to
        ),
        format!("host: {appliance}"),
    ];
    if post.is_some() {
        header.push("only what the post-upgrade capture lacks or has different".into());
    }
    let wanted = request
        .output_encoding
        .map_or_else(|| capture_encoding(&pre.config), |e| e.output_encoding());
    let chosen = writer.dialect_in(wanted);
    let encoding = match &chosen {
        Some(_) => {
            let how = if request.output_encoding.is_some() {
                ""
            } else {
                ", as the capture"
            };
            header.push(format!(
                "encoding: {}{how}; literal counts are its bytes, each line break counted as CRLF",
                wanted.name()
            ));
            wanted
        }
        None if request.output_encoding.is_some() && wanted != encoding_rs::UTF_8 => {
            return Err(Error::Usage(format!(
                "carryover writes {} restore scripts in UTF-8 only, not {}",
                vendor.title(),
                wanted.name()
            )))
        }
        None => encoding_rs::UTF_8,
    };
    let dialect = chosen.as_deref().unwrap_or(writer.dialect());
    let mut outputs = Outputs {
        script: script_in(&plan, writer, dialect, &header),
        encoding,
        commands: plan.scopes.values().map(Vec::len).sum(),
        ..Outputs::default()
    };
    // Values the encoding cannot carry are left out under a remark; say so where it is seen.
    let left_out = outputs
        .script
        .lines()
        .filter(|l| l.contains("not written, ") && l.contains("cannot carry"))
        .count();
    if left_out > 0 {
        outputs.warnings.push(format!(
            "{left_out} value(s) cannot be written in {} and were left out of the script (see its \
             `not written` remarks); an encoding that holds them, such as utf-8, writes them",
            encoding.name()
        ));
    }
    if request.import_files {
        let importer = vendor
            .import_files()
            .ok_or_else(|| unsupported(vendor.title(), "UI import files"))?;
        let mut config = pre.config.clone();
        if request.show_secrets {
            config.reveal_secrets();
        }
        outputs.import_files = importer.files(&config);
        // Loud: on standard error and in the runbook, never a placeholder in the file.
        outputs.warnings = importer.secrets_left_out(&config);
        let rule = "import files";
        plan.by_hand.extend(
            outputs
                .warnings
                .iter()
                .map(|w| (rule.to_string(), w.clone())),
        );
    }
    if request.runbook {
        outputs.runbook = Some(runbook_of(pre, vendor, &plan, request, (appliance, &from)));
    }
    Ok(outputs)
}

/// The appliance's name and the version it runs, as the captures show them.
fn names(config: &Config) -> (&str, String) {
    let appliance = config.appliance.fqdn.as_ref();
    let appliance = appliance.or(config.appliance.hostname.as_ref());
    let appliance = appliance.map_or("(host not captured)", |h| h.value.as_str());
    let from = config.appliance.version.as_ref();
    let from = from.map_or("(version not captured)".to_string(), |v| {
        v.value.to_string()
    });
    (appliance, from)
}

/// The runbook: how to apply the script, the steps by hand, the patches, and how to check.
fn runbook_of(
    pre: &Capture,
    vendor: &dyn Vendor,
    plan: &Plan,
    request: &Request,
    (appliance, from): (&str, &str),
) -> String {
    let writer = vendor.restore_script().expect("checked by the caller");
    let knowledge = vendor.knowledge();
    let (recapture, capture) = match vendor.capture_plan() {
        Some(capture_plan) => {
            let commands = match steps(&pre.config, capture_plan, knowledge) {
                CaptureSteps::Commands(commands) => commands.into_iter().map(|(c, _)| c).collect(),
                // The Check section is never empty: the capture script stands for the commands.
                CaptureSteps::Script(_) => vec![format!(
                    "carryover capture --vendor {} > capture.sh",
                    vendor.id()
                )],
            };
            (capture_plan.how_to_recapture(), commands)
        }
        None => (
            "Capture the upgraded appliance again.".to_string(),
            Vec::new(),
        ),
    };
    let cx = Context {
        appliance,
        from,
        to: &request.to.to_string(),
        apply: writer.how_to_apply(&request.script_name),
        recapture,
        capture,
        command: format!(
            "carryover restore {} --to {}",
            shell_words(&request.inputs),
            request.to
        ),
    };
    runbook::runbook(plan, &cx)
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

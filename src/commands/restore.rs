//! `restore`: read the pre-upgrade captures (and any post-upgrade ones), plan what to put back
//! with the vendor's writer and return it as a typed [`Report`]. `render::restore` makes the
//! script, its runbook and the warnings of it; the writer puts them on disk.

use std::collections::BTreeMap;
use std::path::PathBuf;

use encoding_rs::Encoding;

use crate::base::error::{Error, Result};
use crate::base::message::Message;
use crate::capture::{Capture, ReadOptions};
use crate::emit::Dialect;
use crate::model::{Config, Item, Origin, SourceKind, Value, Version};
use crate::ops::capture_plan::{steps, CaptureSteps};
use crate::ops::evaluate::Evidence;
pub use crate::ops::explain::Acceptance;
use crate::ops::plan::needed_patches;
use crate::ops::proof::{prove, Proof};
use crate::ops::restore::{by_hand_what_is_not_written, plan, Plan, RestoreOptions, Step};
use crate::vendors::{self, unsupported, RestoreScript, Vendor};

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

/// The encoding the captures were read in: the first live capture's (the terminal the script
/// is pasted into), else the first file's; UTF-16 is written as UTF-8.
pub(crate) fn capture_encoding(config: &Config) -> &'static Encoding {
    let live = config.sources.iter().find(|p| p.kind != SourceKind::Export);
    live.or(config.sources.first())
        .and_then(|p| Encoding::for_label(p.info.encoding.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8)
        .output_encoding()
}

/// Where a restore run reads, and what it writes besides standard output.
#[derive(Debug, Clone)]
pub struct Job {
    /// What to restore.
    pub request: Request,
    /// The pre-upgrade captures.
    pub paths: Vec<PathBuf>,
    /// The post-upgrade captures (`--against`), if any.
    pub against: Vec<PathBuf>,
    /// How to read both.
    pub read: ReadOptions,
    /// The files the run will write (the script, the runbook): each is refused, before
    /// anything is read, when it is one of the captures or inside a capture folder.
    pub outputs: Vec<PathBuf>,
    /// The folder the import files go into (`--import-files`).
    pub import_dir: Option<PathBuf>,
    /// Differences the restore proof accepts, each with a reason (`--accept`).
    pub accept: Vec<Acceptance>,
}

/// What a restore run found to put back, and how to write it.
pub struct Report {
    /// The appliance's vendor.
    pub vendor: &'static dyn Vendor,
    /// The vendor's script writer.
    pub writer: &'static dyn RestoreScript,
    /// The dialect the script is written in, where the vendor writes more than one (one per
    /// encoding); `None`: the writer's own.
    pub dialect: Option<Box<dyn Dialect>>,
    /// What to put back, by scope; steps by hand, patches and checks.
    pub plan: Plan,
    /// The appliance's name, as the captures show it.
    pub appliance: Option<String>,
    /// The version it runs, as the captures show it.
    pub from: Option<Version>,
    /// The version upgraded to.
    pub to: Version,
    /// Whether a post-upgrade capture was given: only what it lacks is written.
    pub against: bool,
    /// The encoding the script is written in.
    pub encoding: &'static Encoding,
    /// How that encoding was chosen, where the script's header names it.
    pub encoding_chosen: Option<EncodingChoice>,
    /// How many commands the script holds.
    pub commands: usize,
    /// `(relative path, contents)` of the import files, when asked for.
    pub import_files: Vec<(String, String)>,
    /// What the user must know about the files written, for standard error (a secret left
    /// out of an import file).
    pub warnings: Vec<Message>,
    /// What the runbook needs besides the plan, when a runbook is asked for.
    pub runbook: Option<RunbookFacts>,
    /// With a post-upgrade capture: what the appliance will hold once the script has run,
    /// against the pre-upgrade capture (`restore --check`, and the runbook's section).
    pub proof: Option<Proof>,
}

/// How the script's encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingChoice {
    /// Asked for (`--output-encoding`).
    Asked,
    /// The capture's own.
    AsCapture,
}

/// What the runbook says besides the plan, from the vendor and the request.
#[derive(Debug, Clone)]
pub struct RunbookFacts {
    /// How to apply the script, as the vendor says it (its words are Markdown).
    pub apply: crate::base::message::Message,
    /// How to capture the upgraded appliance again, as the vendor says it; `None`: the
    /// vendor has no capture plan.
    pub recapture: Option<crate::base::message::Message>,
    /// How to capture it again.
    pub capture: CaptureBy,
    /// The inputs as the user named them, to repeat the command.
    pub inputs: Vec<String>,
}

/// How the upgraded appliance is captured again.
#[derive(Debug, Clone)]
pub enum CaptureBy {
    /// These commands, run and logged, each with whether its form is inferred (no public
    /// source confirms it).
    Commands(Vec<(String, bool)>),
    /// The vendor's capture script (`carryover capture --vendor ID`).
    Script(crate::model::VendorId),
    /// The vendor has no capture plan.
    Unknown,
}

/// A restore run: the outputs are refused where they are captures, the captures read
/// (`seen` is called with each side as it is read, for its warnings), the restore planned,
/// and the import files refused where they would land in a capture folder.
pub fn run(job: &Job, seen: &mut dyn FnMut(&Capture)) -> Result<Report> {
    super::refuse_to_overwrite(
        job.outputs.iter().map(PathBuf::as_path),
        &[&job.paths, &job.against],
    )?;
    refuse_inside_input_folders(&job.outputs, job)?;
    let pre = crate::read::read(&job.paths, &job.read)?;
    seen(&pre);
    let post = if job.against.is_empty() {
        None
    } else {
        let post = crate::read::read(&job.against, &job.read)?;
        seen(&post);
        Some(post)
    };
    let mut report = report(&pre, post.as_ref(), &job.request)?;
    if let Some(proof) = &mut report.proof {
        proof.explained.accept(&job.accept);
    }
    if let Some(dir) = &job.import_dir {
        let paths: Vec<PathBuf> = report
            .import_files
            .iter()
            .map(|(relative, _)| dir.join(relative))
            .collect();
        // An import folder that is the capture folder would replace the capture's own files.
        super::refuse_to_overwrite(
            paths.iter().map(PathBuf::as_path),
            &[&job.paths, &job.against],
        )?;
        refuse_inside_input_folders(&paths, job)?;
    }
    Ok(report)
}

/// Refuses an output anywhere inside a folder named as an input (one that holds captures): the
/// next read of the folder would take it for part of the capture (an import file, a script,
/// which reads as an export) or fail on it (a plan file).
fn refuse_inside_input_folders(outputs: &[PathBuf], job: &Job) -> Result<()> {
    let named: Vec<PathBuf> = job
        .paths
        .iter()
        .chain(&job.against)
        .filter(|p| p.is_dir())
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    for path in outputs {
        let inside = super::where_it_would_be(path)
            .is_some_and(|at| named.iter().any(|folder| at.starts_with(folder)));
        if inside {
            return Err(Error::usage(crate::message!(
                "usage-output-is-a-capture",
                path = path.display().to_string()
            )));
        }
    }
    Ok(())
}

/// What to restore for the pre-upgrade captures `pre`; with `post`, only what the
/// post-upgrade capture lacks or has different, and nothing for what it did not observe.
pub fn report(pre: &Capture, post: Option<&Capture>, request: &Request) -> Result<Report> {
    match post.and_then(|post| aligned_domains(pre, post)) {
        Some((pre, post)) => report_aligned(&pre, Some(&post), request),
        None => report_aligned(pre, post, request),
    }
}

/// [`report`] of captures that name each domain they both hold in one form.
fn report_aligned(pre: &Capture, post: Option<&Capture>, request: &Request) -> Result<Report> {
    let vendor = vendors::by_id(pre.config.vendor)?;
    let knowledge = vendors::knowledge_of(vendor)?;
    let writer = vendor
        .restore_script()
        .ok_or_else(|| unsupported(vendor.title(), crate::message!("vendor-can-restore")))?;
    // One evaluation of the release notes: the runbook's patches are the upgrade plan's.
    let evidence = Evidence {
        live: Some(&pre.config),
        export: None,
        knowledge,
        plan: vendor.capture_plan(),
    };
    super::check_target(&evidence, vendor, &request.to)?;
    if let Some(post) = post {
        crate::read::same_appliance_for(&pre.config, &post.config, crate::read::AskedBy::Against)?;
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
    refuse_bidi_controls(&plan, &pre.config)?;
    let (encoding, dialect, encoding_chosen) = script_encoding(vendor, writer, pre, request)?;
    let not_compared = not_compared_warning(&plan);
    let mut report = Report {
        vendor,
        writer,
        dialect,
        commands: plan.commands(),
        plan,
        appliance: appliance(&pre.config),
        from: pre
            .config
            .appliance
            .version
            .as_ref()
            .map(|v| v.value.clone()),
        to: request.to.clone(),
        against: post.is_some(),
        encoding,
        encoding_chosen,
        import_files: Vec::new(),
        warnings: not_compared.into_iter().collect(),
        runbook: None,
        proof: None,
    };
    if let Some(post) = post {
        let dialect = report
            .dialect
            .as_deref()
            .unwrap_or_else(|| writer.dialect());
        report.proof = Some(prove(
            &pre.config,
            &post.config,
            &report.plan,
            (vendor, writer, dialect),
        ));
    }
    if request.import_files {
        import_files(&mut report, &pre.config, request)?;
    }
    if request.runbook {
        report.runbook = Some(runbook_facts(pre, vendor, writer, request));
    }
    Ok(report)
}

/// Copies of `pre` and `post` that name each domain both hold in one form, when they name
/// one in two (`例え.jp` in a listing, `xn--r8jz45g.jp` in a command); else `None`, and no
/// copy is made.
fn aligned_domains(pre: &Capture, post: &Capture) -> Option<(Capture, Capture)> {
    if !crate::model::domains_differ_in_form(&pre.config, &post.config) {
        return None;
    }
    let (mut pre, mut post) = (pre.clone(), post.clone());
    crate::model::align_domains(&mut pre.config, &mut post.config);
    Some((pre, post))
}

impl Report {
    /// How many ranges the post-upgrade capture never looked at: what the script leaves out
    /// without knowing whether it is back.
    pub fn not_compared(&self) -> usize {
        not_observed(&self.plan).count()
    }
}

/// The steps of ranges a post-upgrade capture did not look at, as `(path, capture commands)`.
fn not_observed(plan: &Plan) -> impl Iterator<Item = (&str, &[String])> {
    plan.by_hand.iter().filter_map(|(_, step)| match step {
        Step::NotObserved { path, commands } => Some((path.as_str(), commands.as_slice())),
        _ => None,
    })
}

/// The warning that the post-upgrade capture did not look at some of what the script would
/// restore: the script leaves it out, and cannot say it is back. With what captures it.
fn not_compared_warning(plan: &Plan) -> Option<Message> {
    let mut count = 0usize;
    let mut capture: Vec<&str> = Vec::new();
    for (path, commands) in not_observed(plan) {
        count += 1;
        match commands {
            [] => capture.push(path),
            commands => capture.extend(commands.iter().map(String::as_str)),
        }
    }
    capture.sort_unstable();
    capture.dedup();
    (count > 0).then(|| {
        crate::message!(
            "restore-not-compared",
            count = count,
            capture = capture.join("; ")
        )
    })
}

/// No script carries a bidirectional control: a planned item holding one stops the run
/// before anything is written. The error says where the item was read (`rg01.log:6`), so an
/// admin with a list of a hundred thousand entries finds it; an item no capture holds (a
/// remedy's value) is named alone.
fn refuse_bidi_controls(plan: &Plan, config: &Config) -> Result<()> {
    use crate::emit::{holds_bidi, refuse_bidi};
    use crate::ops::restore::{value_text, One, Restore};
    // `path:line` of an origin; line 0 is no line of a capture.
    let read_at = |at: Option<Origin>| {
        at.filter(|at| at.line > 0 && (at.source as usize) < config.sources.len())
            .map(|at| config.locate(at))
    };
    for (scope, items) in &plan.scopes {
        for (_, item) in items {
            // The item's path is made only for an item that holds one: its fixed words hold
            // none, so the path holds one exactly when one of its parts does.
            let (parts, value, at) = match item {
                Restore::Entries {
                    scope,
                    list,
                    entries,
                } => {
                    let named = holds_bidi(scope) || holds_bidi(list);
                    for (entry, at) in entries.iter() {
                        if named || holds_bidi(entry) {
                            let one = One::Entry { scope, list, entry };
                            refuse_bidi(&one.path(scope), [], read_at(Some(at)).as_deref())?;
                        }
                    }
                    continue;
                }
                Restore::Setting { name, value } => (
                    [scope.as_str(), name],
                    value_text(value),
                    origin(&config.settings, scope, name),
                ),
                Restore::Message { name, text } => (
                    [scope.as_str(), name],
                    text.clone(),
                    origin(&config.messages, scope, name),
                ),
                Restore::TrustedHost { group, host, key } => (
                    [group.as_str(), host],
                    key.clone(),
                    config
                        .trusted_hosts
                        .get(group)
                        .and_then(|hosts| hosts.get(host))
                        .map(|h| h.at),
                ),
            };
            if parts.into_iter().any(holds_bidi) || holds_bidi(&value) {
                refuse_bidi(&item.path(scope), [value.as_str()], read_at(at).as_deref())?;
            }
        }
    }
    Ok(())
}

/// Where the item `name` of `scope` (a setting, a message) was read, if a capture holds it.
fn origin(
    items: &BTreeMap<String, BTreeMap<String, Item<Value>>>,
    scope: &str,
    name: &str,
) -> Option<Origin> {
    items.get(scope)?.get(name).map(|item| item.at)
}

/// The encoding a script is written in, the vendor's dialect for it (`None`: its only one),
/// and how it was chosen (`None`: the vendor writes UTF-8 only).
type ScriptEncoding = (
    &'static Encoding,
    Option<Box<dyn Dialect>>,
    Option<EncodingChoice>,
);

/// The encoding the script is written in, the vendor's dialect for it, and how it was
/// chosen; an encoding the vendor cannot write its scripts in is refused.
fn script_encoding(
    vendor: &dyn Vendor,
    writer: &dyn RestoreScript,
    pre: &Capture,
    request: &Request,
) -> Result<ScriptEncoding> {
    let wanted = request
        .output_encoding
        .map_or_else(|| capture_encoding(&pre.config), |e| e.output_encoding());
    match writer.dialect_in(wanted) {
        Some(dialect) => {
            let chosen = match request.output_encoding {
                Some(_) => EncodingChoice::Asked,
                None => EncodingChoice::AsCapture,
            };
            Ok((wanted, Some(dialect), Some(chosen)))
        }
        None if request.output_encoding.is_some() && wanted != encoding_rs::UTF_8 => {
            Err(Error::usage(crate::message!(
                "usage-restore-utf8-only",
                vendor = vendor.title(),
                encoding = wanted.name()
            )))
        }
        None => Ok((encoding_rs::UTF_8, None, None)),
    }
}

/// The appliance's own import files; a secret left out of them is a warning and a step by
/// hand, never a placeholder in the file.
fn import_files(report: &mut Report, config: &Config, request: &Request) -> Result<()> {
    let importer = report.vendor.import_files().ok_or_else(|| {
        unsupported(
            report.vendor.title(),
            crate::message!("vendor-can-import-files"),
        )
    })?;
    let mut config = config.clone();
    if request.show_secrets {
        config.reveal_secrets();
    }
    report.import_files = importer.files(&config);
    // Loud: on standard error and in the runbook. Added to the warnings already made, never
    // in their place.
    for left_out in importer.secrets_left_out(&config) {
        let step = Step::Vendor(left_out.clone());
        report.plan.by_hand.push(("import files".to_string(), step));
        report.warnings.push(crate::message!(
            "restore-import-secret-left-out",
            step = left_out
        ));
    }
    Ok(())
}

/// The appliance's name as the captures show it: its full name, else its host name.
fn appliance(config: &Config) -> Option<String> {
    let appliance = config.appliance.fqdn.as_ref();
    let appliance = appliance.or(config.appliance.hostname.as_ref());
    appliance.map(|h| h.value.clone())
}

/// What the runbook needs from the vendor and the request.
fn runbook_facts(
    pre: &Capture,
    vendor: &dyn Vendor,
    writer: &dyn RestoreScript,
    request: &Request,
) -> RunbookFacts {
    let (recapture, capture) = match vendor.capture_plan() {
        Some(capture_plan) => {
            let capture = match steps(&pre.config, capture_plan, vendor.knowledge()) {
                CaptureSteps::Commands(commands) => {
                    let knowledge = vendor.knowledge();
                    let inferred =
                        |c: &str| knowledge.and_then(|k| k.form_confirmed(c)) == Some(false);
                    let marked = commands.into_iter().map(|(c, _)| {
                        let guess = inferred(&c);
                        (c, guess)
                    });
                    CaptureBy::Commands(marked.collect())
                }
                CaptureSteps::Script(_) => CaptureBy::Script(vendor.id()),
            };
            (Some(capture_plan.how_to_recapture()), capture)
        }
        None => (None, CaptureBy::Unknown),
    };
    RunbookFacts {
        apply: writer.how_to_apply(&request.script_name),
        recapture,
        capture,
        inputs: request.inputs.clone(),
    }
}

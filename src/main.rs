//! The `carryover` command: flags and dispatch only; the work is in the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use carryover::error::Error;
use carryover::model::{Config, SourceKind, Version};
use carryover::ops::{self, evaluate::Captures};
use carryover::read::{self, Options};
use carryover::render::diff::DiffFormat;
use carryover::render::findings::{findings, Heading, ReportFormat};
use carryover::render::{self, ModelFormat};
use carryover::source::encoding_for_label;
use carryover::vendors;

/// Reads Mirapoint MOS captures (CLI logs, admin-protocol transcripts, config exports) into
/// one typed model, and reports what an upgrade would lose.
///
/// Exit status: 0 nothing to report, 1 something found, 2 error.
#[derive(Parser)]
#[command(name = "carryover", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the appliance's configuration as canonical RON (or JSON).
    Show(ShowArgs),
    /// Report what the known export and upgrade bugs would lose, with evidence and remedies.
    Gaps(GapsArgs),
    /// A pre-upgrade checklist: path, package, licenses, backups, what to re-apply, patches.
    Plan(PlanArgs),
    /// Print the CLI commands to run and log so that a capture holds what gaps and plan need.
    Capture(CaptureArgs),
    /// Compare two captures by setting, not by line: what an upgrade or a change did.
    Diff(DiffArgs),
    /// Write the CLI commands that put back what the upgrade and the export lose.
    Restore(RestoreArgs),
    /// Keep a folder of captures from many appliances as one canonical RON file per appliance.
    Track(TrackArgs),
    /// Print the canonical text of a capture, for git's diff drivers.
    Textconv(TextconvArgs),
    /// Check a SpamTitan update log: versions, services stopped and started again, completion.
    VerifyUpdate(VerifyUpdateArgs),
}

#[derive(Args)]
struct VerifyUpdateArgs {
    /// The update log.
    log: PathBuf,
    #[arg(long, value_enum, default_value = "human")]
    format: VerifyFormat,
    /// Read the log in this encoding instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum VerifyFormat {
    Human,
    Json,
}

#[derive(Args)]
struct TrackArgs {
    /// The folder of captures to read.
    src: PathBuf,
    /// The repository to write `<vendor>/<hostname>.ron` files into.
    #[arg(long, value_name = "REPO")]
    into: PathBuf,
    #[command(flatten)]
    read: ReadFlags,
}

#[derive(Args)]
struct TextconvArgs {
    /// The capture git hands over.
    file: PathBuf,
    #[command(flatten)]
    read: ReadFlags,
}

#[derive(Args)]
struct RestoreArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The version being upgraded to.
    #[arg(long, value_parser = parse_version)]
    to: Version,
    /// A capture of the upgraded appliance: write only what it lacks or has different.
    #[arg(long, value_name = "POST_INPUT")]
    against: Vec<PathBuf>,
    /// Restore every setting the captures hold, not only what the known issues lose.
    #[arg(long)]
    all: bool,
    /// Write the script to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write a Markdown runbook: GUI steps, patches, checks.
    #[arg(long, value_name = "FILE")]
    runbook: Option<PathBuf>,
    /// Also write the appliance's own UI import files into DIR (SpamTitan: domains CSV,
    /// allow and block lists).
    #[arg(long, value_name = "DIR")]
    import_files: Option<PathBuf>,
    /// Include secrets; the files are then created readable by their owner only.
    #[arg(long)]
    show_secrets: bool,
}

#[derive(Args)]
struct DiffArgs {
    /// OLD and NEW, each a file or directory; or the seven arguments git gives an external diff.
    paths: Vec<PathBuf>,
    /// A capture of the old side (repeat for several files).
    #[arg(long, conflicts_with = "paths")]
    old: Vec<PathBuf>,
    /// A capture of the new side (repeat for several files).
    #[arg(long, conflicts_with = "paths", requires = "old")]
    new: Vec<PathBuf>,
    #[command(flatten)]
    read: ReadFlags,
    #[arg(long, value_enum, default_value = "human")]
    format: DiffFormat,
    /// Only the counts per area.
    #[arg(long)]
    stat: bool,
    /// Leave out items whose path matches this glob (repeatable), e.g. 'lists/*/blacklist/*'.
    #[arg(long, value_name = "PATTERN")]
    ignore: Vec<String>,
    /// Show the values of changed secrets.
    #[arg(long)]
    show_secrets: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

#[derive(Clone, Copy, ValueEnum)]
enum VendorArg {
    MirapointMos,
    Spamtitan,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The captures of one appliance; shared by every subcommand that reads them.
#[derive(Args)]
struct Inputs {
    /// Capture files or directories of one appliance (CLI logs, transcripts, exports).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    read: ReadFlags,
}

/// How inputs are read.
#[derive(Args)]
struct ReadFlags {
    /// Read the inputs in this encoding instead of detecting it (utf-8, shift_jis, euc-jp, ...).
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Read the inputs as this kind instead of detecting it from their content.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    /// An interactive CLI session log.
    Cli,
    /// An admin-protocol (port 10143) transcript.
    Protocol,
    /// A configuration export: a command script.
    Export,
}

#[derive(Args)]
struct ShowArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[arg(long, value_enum, default_value = "ron")]
    format: ModelFormat,
    /// List the input lines that did not become model data instead; exit 1 if there are any.
    #[arg(long)]
    unrecognized: bool,
    /// Add where each item was read (path:line) and which sources were read.
    #[arg(long)]
    provenance: bool,
    /// Print private keys, passwords and session ids instead of `<secret>`.
    #[arg(long)]
    show_secrets: bool,
}

#[derive(Args)]
struct GapsArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The version to upgrade to (default: the newest release note known).
    #[arg(long, value_parser = parse_version)]
    to: Option<Version>,
    #[arg(long, value_enum, default_value = "human")]
    format: ReportFormat,
}

#[derive(Args)]
struct PlanArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The version to upgrade to.
    #[arg(long, value_parser = parse_version)]
    to: Version,
    #[arg(long, value_enum, default_value = "human")]
    format: ReportFormat,
}

#[derive(Args)]
struct CaptureArgs {
    /// Captures already made, to name their delegated domains (optional).
    paths: Vec<PathBuf>,
    /// The vendor to capture (default: that of the captures given, else Mirapoint MOS).
    #[arg(long, value_enum)]
    vendor: Option<VendorArg>,
    #[command(flatten)]
    read: ReadFlags,
}

fn parse_version(text: &str) -> Result<Version, String> {
    Version::parse(text).ok_or_else(|| format!("`{text}` is not a version (e.g. 4.2.3)"))
}

impl Inputs {
    fn options(&self) -> Result<Options, Error> {
        self.read.options()
    }
}

impl ReadFlags {
    fn options(&self) -> Result<Options, Error> {
        let encoding = match &self.encoding {
            Some(label) => Some(
                encoding_for_label(label)
                    .ok_or_else(|| Error::Usage(format!("unknown encoding `{label}`")))?,
            ),
            None => None,
        };
        let kind = self.kind.map(|k| match k {
            KindArg::Cli => SourceKind::CliLog,
            KindArg::Protocol => SourceKind::Protocol,
            KindArg::Export => SourceKind::Export,
        });
        Ok(Options {
            encoding,
            kind,
            part_size: 0,
        })
    }
}

fn run(cli: Cli) -> Result<u8, Error> {
    match cli.command {
        Command::Show(args) => {
            let mut capture = read::read(&args.inputs.paths, &args.inputs.options()?)?;
            eprint!("{}", render::diagnostics(&capture));
            if args.unrecognized {
                let report = render::unrecognized(&capture);
                print(&report)?;
                return Ok(u8::from(capture.unrecognized().next().is_some()));
            }
            if args.show_secrets {
                capture.config.reveal_secrets();
            }
            let written = render::write_model(
                &mut std::io::stdout().lock(),
                &capture.config,
                args.format,
                args.provenance,
            );
            quiet_on_closed_pipe(written)?;
            Ok(0)
        }
        Command::Gaps(args) => {
            let split = read::read_split(&args.inputs.paths, &args.inputs.options()?)?;
            let cx = captures(&split)?;
            let report = ops::gaps::gaps(&cx, args.to);
            let heading = Heading {
                command: "gaps",
                appliance: split.hostname(),
                from: report.from.as_deref(),
                to: &report.to,
                blocking: None,
            };
            print(&findings(&heading, &report.findings, args.format))?;
            Ok(u8::from(!report.findings.is_empty()))
        }
        Command::Plan(args) => {
            let split = read::read_split(&args.inputs.paths, &args.inputs.options()?)?;
            let cx = captures(&split)?;
            let report = ops::plan::plan(&cx, &args.to);
            let heading = Heading {
                command: "plan",
                appliance: split.hostname(),
                from: report.from.as_deref(),
                to: &report.to,
                blocking: Some(&report.blocking),
            };
            print(&findings(&heading, &report.findings, args.format))?;
            Ok(u8::from(!report.blocking.is_empty()))
        }
        Command::Diff(args) => diff(args),
        Command::Restore(args) => restore(args),
        Command::Track(args) => track(args),
        Command::VerifyUpdate(args) => {
            let flags = ReadFlags {
                encoding: args.encoding,
                kind: None,
            };
            let source = carryover::source::Source::read(&args.log, flags.options()?.encoding)?;
            let run = vendors::spamtitan::update_log::verify(&source)?;
            let text = match args.format {
                VerifyFormat::Human => vendors::spamtitan::update_log::human(&run),
                VerifyFormat::Json => {
                    let doc = serde_json::json!({
                        "format_version": render::FORMAT_VERSION,
                        "update": run,
                    });
                    format!(
                        "{}\n",
                        serde_json::to_string_pretty(&doc).expect("serializes")
                    )
                }
            };
            print(&text)?;
            Ok(u8::from(!run.anomalies.is_empty()))
        }
        Command::Textconv(args) => {
            let options = args.read.options()?;
            let capture = read::read_lone(&args.file, &options)?;
            let written = render::write_model(
                &mut std::io::stdout().lock(),
                &capture.config,
                ModelFormat::Ron,
                false,
            );
            quiet_on_closed_pipe(written)?;
            Ok(0)
        }
        Command::Capture(args) => {
            let config = if args.paths.is_empty() {
                Config::new(match args.vendor {
                    Some(VendorArg::Spamtitan) => carryover::model::Vendor::Spamtitan,
                    _ => carryover::model::Vendor::MirapointMos,
                })
            } else {
                read::read(&args.paths, &args.read.options()?)?.config
            };
            let dialect = vendors::dialect(config.vendor);
            let script = match dialect.capture_script() {
                Some(script) => script.to_string(),
                None => {
                    let mut script = String::from(
                        "# Run these at the appliance's CLI with terminal logging on, then give the log\n\
                         # to carryover (show, gaps, plan) with the config export if you have one.\n",
                    );
                    for (command, why) in dialect.capture_commands(&config) {
                        script.push_str(&format!("{command:<55} # {why}\n"));
                    }
                    script
                }
            };
            print(&script)?;
            Ok(0)
        }
    }
}

/// The two sides of a diff, and how to label them.
fn diff_sides(args: &DiffArgs) -> Result<(Vec<PathBuf>, Vec<PathBuf>, String, String), Error> {
    let label = |paths: &[PathBuf]| {
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let (old, new) = match args.paths.len() {
        0 if !args.old.is_empty() && !args.new.is_empty() => (args.old.clone(), args.new.clone()),
        2 => (vec![args.paths[0].clone()], vec![args.paths[1].clone()]),
        // git's external diff: path old-file old-hex old-mode new-file new-hex new-mode
        7 => {
            let name = args.paths[0].display().to_string();
            return Ok((
                vec![args.paths[1].clone()],
                vec![args.paths[4].clone()],
                format!("a/{name}"),
                format!("b/{name}"),
            ));
        }
        _ => {
            return Err(Error::Usage(
                "diff takes OLD NEW, or --old FILE... --new FILE..., or git's seven arguments"
                    .into(),
            ))
        }
    };
    let (a, b) = (label(&old), label(&new));
    Ok((old, new, a, b))
}

fn diff(args: DiffArgs) -> Result<u8, Error> {
    let (old_paths, new_paths, old_label, new_label) = diff_sides(&args)?;
    let options = args.read.options()?;
    let (old, new) = rayon::join(
        || read::read(&old_paths, &options),
        || read::read(&new_paths, &options),
    );
    let (mut old, mut new) = (old?, new?);
    eprint!("{}{}", render::diagnostics(&old), render::diagnostics(&new));
    ops::diff::align_identity(&mut old.config, &mut new.config);
    let dialect = vendors::dialect(old.config.vendor);
    let mut globs = globset::GlobSetBuilder::new();
    for pattern in dialect.volatile().iter().chain(&args.ignore) {
        let glob = globset::Glob::new(pattern)
            .map_err(|e| Error::Usage(format!("--ignore {pattern}: {e}")))?;
        globs.add(glob);
    }
    let ignore = globs
        .build()
        .map_err(|e| Error::Usage(format!("--ignore: {e}")))?;
    let is_ignored = |path: &str| ignore.is_match(path);
    let differences = ops::diff::diff(
        &old.config,
        &new.config,
        &ops::diff::Options {
            ignore: &is_ignored,
            show_secrets: args.show_secrets,
        },
    );
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let text = if args.stat {
        render::diff::stat_text(&differences)
    } else {
        match args.format {
            DiffFormat::Human => render::diff::human(&differences, render::diff::Style { color }),
            DiffFormat::Markdown => render::diff::markdown(&differences),
            DiffFormat::Json => render::diff::json(&differences),
            DiffFormat::Unified => {
                if args.show_secrets {
                    old.config.reveal_secrets();
                    new.config.reveal_secrets();
                }
                let a = render::model(&old.config, ModelFormat::Ron, false);
                let b = render::model(&new.config, ModelFormat::Ron, false);
                render::diff::unified(&a, &b, &old_label, &new_label)
            }
        }
    };
    print(&text)?;
    // git takes any non-zero status from an external diff for a crash.
    let git_external = args.paths.len() == 7;
    Ok(u8::from(!differences.is_empty() && !git_external))
}

fn restore(args: RestoreArgs) -> Result<u8, Error> {
    let options = args.inputs.options()?;
    let pre = read::read(&args.inputs.paths, &options)?;
    eprint!("{}", render::diagnostics(&pre));
    let post = if args.against.is_empty() {
        None
    } else {
        let post = read::read(&args.against, &options)?;
        eprint!("{}", render::diagnostics(&post));
        Some(post)
    };
    let dialect = with_notes(pre.config.vendor)?;
    let plan = ops::restore::plan(
        &pre.config,
        dialect,
        &ops::restore::Options {
            to: args.to.clone(),
            against: post.as_ref().map(|p| &p.config),
            all: args.all,
            show_secrets: args.show_secrets,
        },
    );
    let appliance = pre
        .config
        .appliance
        .fqdn
        .as_ref()
        .or(pre.config.appliance.hostname.as_ref());
    let appliance = appliance.map_or("(host not captured)", |h| h.value.as_str());
    let from = pre
        .config
        .appliance
        .version
        .as_ref()
        .map(|v| v.value.to_string());
    let from = from.as_deref().unwrap_or("(version not captured)");
    let mut header = vec![
        format!(
            "carryover restore script for {appliance}, {from} -> {}",
            args.to
        ),
        format!("host: {appliance}"),
    ];
    if post.is_some() {
        header.push("only what the post-upgrade capture lacks or has different".into());
    }
    let script = ops::restore::script(&plan, dialect, &header);
    let mut files = Vec::new();
    if let Some(path) = &args.runbook {
        let inputs: Vec<String> = args
            .inputs
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let cx = render::runbook::Context {
            appliance,
            from,
            to: &args.to.to_string(),
            script_name: &args
                .output
                .as_ref()
                .map_or("the script".into(), |p| p.display().to_string()),
            capture: dialect
                .capture_commands(&pre.config)
                .into_iter()
                .map(|(c, _)| c)
                .collect(),
            command: format!("carryover restore {} --to {}", inputs.join(" "), args.to),
        };
        files.push((path.clone(), render::runbook::runbook(&plan, &cx)));
    }
    if let Some(dir) = &args.import_files {
        let mut config = pre.config.clone();
        if !args.show_secrets {
            config.mask_secrets();
        }
        let imports = dialect.import_files(&config).ok_or_else(|| {
            Error::Usage(format!(
                "{} has no UI import files",
                pre.config.vendor.name()
            ))
        })?;
        for (relative, contents) in imports {
            let path = dir.join(relative);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Error::io(parent.display().to_string(), e))?;
            }
            files.push((path, contents));
        }
    }
    match &args.output {
        Some(path) => files.push((path.clone(), script)),
        None => print(&script)?,
    }
    carryover::write::atomically(&files, args.show_secrets)?;
    let commands = plan.scopes.values().map(Vec::len).sum::<usize>();
    Ok(u8::from(commands > 0))
}

fn track(args: TrackArgs) -> Result<u8, Error> {
    let options = args.read.options()?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
                .expect("the template is valid"),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut count = carryover::track::Report::default();
    let total = carryover::track::walk(&args.src, &mut count)?.len();
    bar.set_length(total as u64);
    let tick = || bar.inc(1);
    let report = carryover::track::track(&args.src, &args.into, &options, &tick)?;
    bar.finish_and_clear();
    for (path, why) in report.skipped.iter().chain(&report.failures) {
        eprintln!("{}: {why}", path.display());
    }
    let mut summary = format!(
        "{} appliance(s) from {} file(s): {} written, {} unchanged; {} unrecognized line(s); {} failed\n",
        report.appliances,
        report.files,
        report.written.len(),
        report.unchanged,
        report.unrecognized,
        report.failures.len()
    );
    for path in &report.written {
        summary.push_str(&format!("wrote {}\n", path.display()));
    }
    print(&summary)?;
    Ok(if report.failures.is_empty() { 0 } else { 2 })
}

/// The dialect of a vendor whose release notes carryover has.
fn with_notes(vendor: carryover::model::Vendor) -> Result<&'static dyn vendors::Dialect, Error> {
    let dialect = vendors::dialect(vendor);
    if dialect.releases().is_empty() {
        return Err(Error::Usage(format!(
            "carryover has no release notes for {} yet: show, diff and verify-update work, gaps, plan and restore do not",
            vendor.name()
        )));
    }
    Ok(dialect)
}

/// Live captures and exports of one appliance, for the rules.
fn captures(split: &read::Split) -> Result<Captures<'_>, Error> {
    let vendor = split
        .captures()
        .next()
        .map(|c| c.config.vendor)
        .unwrap_or_default();
    for capture in split.captures() {
        eprint!("{}", render::diagnostics(capture));
    }
    Ok(Captures {
        live: split.live.as_ref().map(|c| &c.config),
        export: split.export.as_ref().map(|c| &c.config),
        dialect: with_notes(vendor)?,
    })
}

fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    quiet_on_closed_pipe(out.write_all(text.as_bytes()).and_then(|_| out.flush()))
}

/// A closed pipe (`| head`) is not an error of ours.
fn quiet_on_closed_pipe(result: std::io::Result<()>) -> Result<(), Error> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::io("<stdout>", e)),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("carryover: {e}");
            ExitCode::from(2)
        }
    }
}

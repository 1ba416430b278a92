//! The command line: one argument struct per subcommand, each in its own file with the code
//! that hands its flags to the library. Flags shared by several subcommands are defined once
//! here ([`Inputs`], [`ReadFlags`]).

mod capture;
mod diff;
mod findings;
mod restore;
mod show;
mod textconv;
mod track;
mod verify_update;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use carryover::capture::ReadOptions;
use carryover::error::Error;
use carryover::model::{SourceKind, Version};
use carryover::source::encoding_for_label;

/// Reads Mirapoint MOS captures (CLI logs, admin-protocol transcripts, config exports) and
/// SpamTitan capture folders into one typed model, and reports what an upgrade would lose.
///
/// Exit status: 0 nothing to report, 1 something found, 2 error.
#[derive(Parser)]
#[command(name = "carryover", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the appliance's configuration as canonical RON (or JSON).
    Show(show::ShowArgs),
    /// Report what the known export and upgrade bugs would lose, with evidence and remedies.
    Gaps(findings::GapsArgs),
    /// A pre-upgrade checklist: path, package, licenses, backups, what to re-apply, patches.
    Plan(findings::PlanArgs),
    /// Print what to run so that a capture holds what gaps and plan need.
    Capture(capture::CaptureArgs),
    /// Compare two captures by setting, not by line: what an upgrade or a change did.
    Diff(diff::DiffArgs),
    /// Write the script that puts back what the upgrade and the export lose.
    Restore(restore::RestoreArgs),
    /// Keep a folder of captures from many appliances as one canonical RON file per appliance.
    Track(track::TrackArgs),
    /// Print the canonical text of a capture, for git's diff drivers.
    Textconv(textconv::TextconvArgs),
    /// Check a SpamTitan update log: versions, services stopped and started again, completion.
    VerifyUpdate(verify_update::VerifyUpdateArgs),
}

/// Runs the command line; the exit status, or an error (status 2).
pub fn run(cli: Cli) -> Result<u8, Error> {
    match cli.command {
        Command::Show(args) => show::run(args),
        Command::Gaps(args) => findings::gaps(args),
        Command::Plan(args) => findings::plan(args),
        Command::Capture(args) => capture::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Restore(args) => restore::run(args),
        Command::Track(args) => track::run(args),
        Command::Textconv(args) => textconv::run(args),
        Command::VerifyUpdate(args) => verify_update::run(args),
    }
}

/// The captures of one appliance; shared by every subcommand that reads them.
#[derive(Args)]
struct Inputs {
    /// Capture files or directories of one appliance (CLI logs, transcripts, exports,
    /// capture folders).
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

impl Inputs {
    fn options(&self) -> Result<ReadOptions, Error> {
        self.read.options()
    }
}

impl ReadFlags {
    fn options(&self) -> Result<ReadOptions, Error> {
        let kind = self.kind.map(|k| match k {
            KindArg::Cli => SourceKind::CliLog,
            KindArg::Protocol => SourceKind::Protocol,
            KindArg::Export => SourceKind::Export,
        });
        Ok(ReadOptions {
            encoding: encoding(self.encoding.as_deref())?,
            kind,
            part_size: 0,
        })
    }
}

/// The encoding a `--encoding` label names.
fn encoding(label: Option<&str>) -> Result<Option<&'static encoding_rs::Encoding>, Error> {
    label
        .map(|label| {
            encoding_for_label(label)
                .ok_or_else(|| Error::Usage(format!("unknown encoding `{label}`")))
        })
        .transpose()
}

fn parse_version(text: &str) -> Result<Version, String> {
    Version::parse(text).ok_or_else(|| format!("`{text}` is not a version (e.g. 4.2.3)"))
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

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
/// Exit status: 0 nothing to report, 1 something found, 2 error; each subcommand's `--help`
/// says what 1 means for it.
#[derive(Parser)]
#[command(name = "carryover", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Each subcommand's exit statuses, as its `--help` ends and the README's table gives them.
mod exit {
    pub const SHOW: &str = "Exit status:\n  0  the model was printed\n  1  --unrecognized: some line did not become model data\n  2  error (unreadable input, a bad flag)";
    pub const GAPS: &str = "Exit status:\n  0  no rule found anything\n  1  any finding: something the export or the upgrade would lose, a fact not captured, or what was checked safe\n  2  error";
    pub const PLAN: &str = "Exit status:\n  0  nothing blocks the upgrade\n  1  something blocks it (the path, the package, a license); JSON lists them in `blocking`\n  2  error";
    pub const CAPTURE: &str =
        "Exit status:\n  0  the commands (or the capture script) were printed\n  2  error";
    pub const DIFF: &str = "Exit status (as diff(1)):\n  0  no differences (items not compared do not count)\n  1  differences\n  2  error\nAs git's external diff (seven arguments) it exits 0, as git requires.";
    pub const RESTORE: &str = "Exit status:\n  0  the script was written (with --exit-code: and it holds no commands)\n  1  only with --exit-code (or --detailed-exitcode): the script holds commands\n  2  error; nothing is written";
    pub const TRACK: &str = "Exit status:\n  0  every appliance was written or left as it was\n  2  a capture failed (the others were still written) or another error";
    pub const TEXTCONV: &str = "Exit status:\n  0  the canonical text was printed\n  2  error";
    pub const VERIFY_UPDATE: &str = "Exit status:\n  0  the update completed cleanly\n  1  an anomaly: a service not started again, a step not OK, no completion line\n  2  error";
}

#[derive(Subcommand)]
enum Command {
    /// Print the appliance's configuration as canonical RON (or JSON).
    #[command(after_help = exit::SHOW)]
    Show(show::ShowArgs),
    /// Report what the known export and upgrade bugs would lose, with evidence and remedies.
    #[command(after_help = exit::GAPS)]
    Gaps(findings::GapsArgs),
    /// A pre-upgrade checklist: path, package, licenses, backups, what to re-apply, patches.
    #[command(after_help = exit::PLAN)]
    Plan(findings::PlanArgs),
    /// Print what to run so that a capture holds what gaps and plan need.
    #[command(after_help = exit::CAPTURE)]
    Capture(capture::CaptureArgs),
    /// Compare two captures by setting, not by line: what an upgrade or a change did.
    #[command(after_help = exit::DIFF)]
    Diff(diff::DiffArgs),
    /// Write the script that puts back what the upgrade and the export lose.
    #[command(after_help = exit::RESTORE)]
    Restore(restore::RestoreArgs),
    /// Keep a folder of captures from many appliances as one canonical RON file per appliance.
    #[command(after_help = exit::TRACK)]
    Track(track::TrackArgs),
    /// Print the canonical text of a capture, for git's diff drivers.
    #[command(after_help = exit::TEXTCONV)]
    Textconv(textconv::TextconvArgs),
    /// Check a SpamTitan update log: versions, services stopped and started again, completion.
    #[command(after_help = exit::VERIFY_UPDATE)]
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
    print_bytes(text.as_bytes())
}

/// Bytes on standard output as they are (a script in the encoding it is sent in).
fn print_bytes(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    quiet_on_closed_pipe(out.write_all(bytes).and_then(|_| out.flush()))
}

/// A closed pipe (`| head`) is not an error of ours.
fn quiet_on_closed_pipe(result: std::io::Result<()>) -> Result<(), Error> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::io("<stdout>", e)),
    }
}

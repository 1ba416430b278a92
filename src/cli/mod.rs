//! The command line: one argument struct per subcommand, each in its own file with the code
//! that hands its flags to the library. Flags shared by several subcommands are defined once
//! here ([`Inputs`], [`ReadFlags`]).

mod capture;
mod diff;
mod fetch;
mod findings;
mod generated;
mod help;
mod restore;
mod show;
mod textconv;
mod track;
mod verify_update;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use carryover::base::error::Error;
use carryover::capture::ReadOptions;
use carryover::model::{SourceKind, Version};
use carryover::source::{encoding_for_label, is_stdin};

/// Reads Mirapoint MOS captures (CLI logs, admin-protocol transcripts, config exports) and
/// SpamTitan capture folders into one typed model, and reports what an upgrade would lose.
#[derive(Parser)]
#[command(name = "carryover", version, after_help = help::MAIN)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the appliance's configuration as canonical RON (or JSON).
    #[command(after_help = help::SHOW)]
    Show(show::ShowArgs),
    /// Report what the known export and upgrade bugs would lose, with evidence and remedies.
    #[command(after_help = help::GAPS)]
    Gaps(findings::GapsArgs),
    /// A pre-upgrade checklist: path, package, licenses, backups, what to re-apply, patches.
    #[command(after_help = help::PLAN)]
    Plan(findings::PlanArgs),
    /// Print what to run so that a capture holds what gaps and plan need.
    #[command(after_help = help::CAPTURE)]
    Capture(capture::CaptureArgs),
    /// Compare two captures by setting, not by line: what an upgrade or a change did.
    #[command(after_help = help::DIFF)]
    Diff(diff::DiffArgs),
    /// Write the script that puts back what the upgrade and the export lose.
    #[command(after_help = help::RESTORE)]
    Restore(restore::RestoreArgs),
    /// Keep a folder of captures from many appliances as one canonical RON file per appliance.
    #[command(after_help = help::TRACK)]
    Track(track::TrackArgs),
    /// Collect captures from the appliances themselves, for one host or a whole fleet.
    #[command(after_help = help::FETCH)]
    Fetch(fetch::FetchArgs),
    /// Print the canonical text of a capture, for git's diff drivers.
    #[command(after_help = help::TEXTCONV)]
    Textconv(textconv::TextconvArgs),
    /// Check a SpamTitan update log: versions, services stopped and started again, completion.
    #[command(after_help = help::VERIFY_UPDATE)]
    VerifyUpdate(verify_update::VerifyUpdateArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = help::COMPLETIONS)]
    Completions(generated::CompletionsArgs),
    /// Print the man page (roff), with a section for each subcommand.
    #[command(after_help = help::MAN)]
    Man(generated::ManArgs),
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
        Command::Fetch(args) => fetch::run(args),
        Command::Textconv(args) => textconv::run(args),
        Command::VerifyUpdate(args) => verify_update::run(args),
        Command::Completions(args) => generated::completions(args),
        Command::Man(args) => generated::man(args),
    }
}

/// The captures of one appliance; shared by every subcommand that reads them.
#[derive(Args)]
struct Inputs {
    /// Capture files or directories of one appliance (CLI logs, transcripts, exports,
    /// capture folders); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
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
            shown_as: None,
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

/// Where a subcommand's data goes: standard output, or a file written atomically.
#[derive(Args)]
struct Output {
    /// Write to FILE instead of standard output (`-`: standard output). The file is replaced
    /// atomically: a failed run leaves it as it was.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

impl Output {
    /// The file named, unless it is standard output.
    fn file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|p| !is_stdin(p))
    }

    /// Writes `text` to the file named, atomically, or to standard output. A `private` file
    /// (one holding secrets) is readable by its owner only.
    fn write(&self, text: &str, private: bool) -> Result<(), Error> {
        match self.file() {
            // A device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written to as it is:
            // replacing it with a file would break it.
            Some(path) if is_special(path) => write_to_device(path, text.as_bytes()),
            Some(path) => {
                carryover::write::atomically(&[(path.to_path_buf(), text.to_string())], private)
            }
            None => print(text),
        }
    }

    /// Refuses, before anything is read, a file that is one of the captures `inputs` names:
    /// writing it would lose the capture.
    fn refuse_to_overwrite(&self, inputs: &[&[PathBuf]]) -> Result<(), Error> {
        refuse_to_overwrite(self.file().into_iter(), inputs)
    }
}

/// Whether a path names something other than a regular file or nothing (a device, a pipe,
/// a socket), following links.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Writes to a device or a pipe as it is: replacing it with a file would break it.
fn write_to_device(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| Error::io(path.display().to_string(), e))
}

/// Refuses outputs that are among the captures named: writing one would lose it.
fn refuse_to_overwrite<'p>(
    outputs: impl Iterator<Item = &'p Path>,
    inputs: &[&[PathBuf]],
) -> Result<(), Error> {
    let outputs: Vec<&Path> = outputs.collect();
    if outputs.is_empty() {
        return Ok(());
    }
    let mut read = Vec::new();
    for paths in inputs {
        let named: Vec<PathBuf> = paths.iter().filter(|p| !is_stdin(p)).cloned().collect();
        if !named.is_empty() {
            read.extend(carryover::read::expand(&named)?);
        }
    }
    let read: Vec<PathBuf> = read.iter().filter_map(|p| p.canonicalize().ok()).collect();
    for output in outputs {
        // A file not made yet: where it would be, by its folder's canonical path.
        let canonical = output.canonicalize().ok().or_else(|| {
            let folder = match output.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            Some(folder.canonicalize().ok()?.join(output.file_name()?))
        });
        let Some(canonical) = canonical else {
            continue;
        };
        // A capture read, or a file inside a capture folder read (a vendor's folder is one
        // capture).
        if read
            .iter()
            .any(|r| canonical == *r || (r.is_dir() && canonical.starts_with(r)))
        {
            return Err(Error::Usage(format!(
                "{} is one of the captures read, or inside a capture folder read: writing to it \
                 would change the capture",
                output.display()
            )));
        }
    }
    Ok(())
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

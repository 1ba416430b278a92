//! The `carryover` command: flags and dispatch only; the work is in the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use carryover::error::Error;
use carryover::model::SourceKind;
use carryover::read::{self, Options};
use carryover::render::{self, ModelFormat};
use carryover::source::encoding_for_label;

/// Reads Mirapoint MOS captures (CLI logs, admin-protocol transcripts) into one typed model.
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
}

/// Where the captures of one appliance come from; shared by every subcommand.
#[derive(Args)]
struct Inputs {
    /// Capture files or directories of one appliance.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
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

impl Inputs {
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
            print(&render::model(
                &capture.config,
                args.format,
                args.provenance,
            ))?;
            Ok(0)
        }
    }
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

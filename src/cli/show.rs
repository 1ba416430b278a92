//! `carryover show`.

use clap::{Args, ValueEnum};

use carryover::error::Error;
use carryover::read;
use carryover::render::{self, ModelFormat};

use super::{print, quiet_on_closed_pipe, Inputs};

#[derive(Args)]
pub struct ShowArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The output format.
    #[arg(long, value_enum, default_value = "ron")]
    format: FormatArg,
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

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum FormatArg {
    Ron,
    Json,
}

impl From<FormatArg> for ModelFormat {
    fn from(format: FormatArg) -> ModelFormat {
        match format {
            FormatArg::Ron => ModelFormat::Ron,
            FormatArg::Json => ModelFormat::Json,
        }
    }
}

pub fn run(args: ShowArgs) -> Result<u8, Error> {
    let mut capture = read::read(&args.inputs.paths, &args.inputs.options()?)?;
    eprint!("{}", render::diagnostics(&capture));
    if args.unrecognized {
        print(&render::unrecognized(&capture))?;
        return Ok(u8::from(capture.unrecognized().next().is_some()));
    }
    if args.show_secrets {
        capture.config.reveal_secrets();
    }
    let written = render::write_model(
        &mut std::io::stdout().lock(),
        &capture.config,
        args.format.into(),
        args.provenance,
    );
    quiet_on_closed_pipe(written)?;
    Ok(0)
}

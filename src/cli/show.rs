//! `carryover show`.

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::show::{self, Request};
use carryover::render::{self, ModelFormat};

use carryover::write::quiet_on_closed_pipe;

use super::{notify, verbosity, Inputs, Output};

#[derive(Args)]
pub struct ShowArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The output format: canonical RON, or JSON with the same structure.
    #[arg(long, value_enum, default_value = "ron")]
    format: FormatArg,
    #[command(flatten)]
    output: Output,
    /// Instead, print the input lines that did not become model data; exit 1 if there are any.
    #[arg(long)]
    unrecognized: bool,
    /// Add where each item was read (path:line) and which sources were read.
    #[arg(long)]
    provenance: bool,
    /// Print the values the vendor's secrets catalog marks secret (private keys, passwords,
    /// session ids, API tokens) instead of `<secret>`; a file named by -o is then readable by
    /// its owner only.
    #[arg(long, conflicts_with = "unrecognized")]
    show_secrets: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum FormatArg {
    /// Canonical RON: the same settings give the same bytes.
    Ron,
    /// JSON with `format_version`, as `carryover schema show` describes it.
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
    args.output.refuse_to_overwrite(&[&args.inputs.paths])?;
    let request = Request {
        paths: args.inputs.paths.clone(),
        read: args.inputs.options()?,
        show_secrets: args.show_secrets,
    };
    let report = show::run(&request)?;
    let config = &report.capture.config;
    notify(&render::diagnostics_at(&report.capture, verbosity()));
    if args.unrecognized {
        args.output
            .write(&render::unrecognized(&report.capture), false)?;
        return Ok(u8::from(report.has_unrecognized()));
    }
    let format = args.format.into();
    if args.output.file().is_some() {
        let text = render::model(config, format, args.provenance);
        args.output.write(&text, args.show_secrets)?;
        return Ok(0);
    }
    // Straight to standard output as it is serialized: a large model is never held twice. On
    // a terminal, no value drives it or reorders what is seen (`U+202E`).
    let mut out: Box<dyn std::io::Write> = match std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        true => Box::new(carryover::base::text::TerminalWriter::new(
            std::io::stdout().lock(),
        )),
        false => Box::new(std::io::stdout().lock()),
    };
    let written = render::write_model(&mut out, config, format, args.provenance);
    quiet_on_closed_pipe(written)?;
    Ok(0)
}

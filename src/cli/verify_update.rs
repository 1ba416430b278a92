//! `carryover verify-update`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::verify_update::{self, Request};
use carryover::render::update_log::{report, UpdateLogFormat};

use super::{encoding, Output};

#[derive(Args)]
pub struct VerifyUpdateArgs {
    /// The update log, or a folder whose update logs are all checked (a capture folder, a
    /// tree of them); `-` reads standard input.
    #[arg(value_name = "PATH")]
    log: PathBuf,
    /// The output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    #[command(flatten)]
    output: Output,
    /// Read the log in this encoding instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Text: each service and step that matters, then `ok` or the anomalies.
    Human,
    /// JSON with `format_version`, as `carryover schema verify-update` describes it.
    Json,
}

pub fn run(args: VerifyUpdateArgs) -> Result<u8, Error> {
    let request = Request {
        path: args.log,
        encoding: encoding(args.encoding.as_deref())?,
    };
    let checked = verify_update::run(&request)?;
    let format = match args.format {
        FormatArg::Human => UpdateLogFormat::Human,
        FormatArg::Json => UpdateLogFormat::Json,
    };
    args.output.write(&report(&checked, format), false)?;
    Ok(u8::from(checked.failing()))
}

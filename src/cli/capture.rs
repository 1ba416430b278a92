//! `carryover capture`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::Args;

use carryover::base::error::Error;
use carryover::commands::capture::{capture, Request};
use carryover::commands::request::{vendor_names, ReadOptions};
use carryover::render;

use super::{Output, ReadFlags};

#[derive(Args)]
pub struct CaptureArgs {
    /// Captures already made, to name their delegated domains (optional; `-`: standard input).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The vendor to capture; without it, that of the captures given (needed when none is
    /// given).
    #[arg(long, value_parser = vendor_values())]
    vendor: Option<String>,
    #[command(flatten)]
    read: ReadFlags,
    #[command(flatten)]
    output: Output,
}

/// The values of a `--vendor` flag: every registered vendor's id. A vendor users do not see
/// (made for tests) is accepted by name but neither listed nor completed.
pub(super) fn vendor_values() -> PossibleValuesParser {
    PossibleValuesParser::new(
        vendor_names().map(|(name, shown)| PossibleValue::new(name).hide(!shown)),
    )
}

pub fn run(args: CaptureArgs) -> Result<u8, Error> {
    args.output.refuse_to_overwrite(&[&args.paths])?;
    // The read flags matter only when there is something to read.
    let read = match args.paths.is_empty() {
        true => ReadOptions::default(),
        false => args.read.options()?,
    };
    let request = Request {
        paths: args.paths,
        vendor: args.vendor,
        read,
    };
    let report = capture(&request)?;
    args.output.write(&render::capture::text(&report), false)?;
    Ok(0)
}

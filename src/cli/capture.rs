//! `carryover capture`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::Args;

use carryover::base::error::Error;
use carryover::model::Config;
use carryover::read;
use carryover::vendors::{self, REGISTRY};

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
        REGISTRY
            .iter()
            .map(|v| PossibleValue::new(v.id().name()).hide(!v.shown_to_users())),
    )
}

pub fn run(args: CaptureArgs) -> Result<u8, Error> {
    args.output.refuse_to_overwrite(&[&args.paths])?;
    let named = args.vendor.as_deref().and_then(vendors::by_name);
    let config = match (args.paths.is_empty(), named) {
        (false, _) => read::read(&args.paths, &args.read.options()?)?.config,
        (true, Some(named)) => Config::new(named.id()),
        // Nothing tells which appliance: a capture plan for the wrong one would be worse
        // than none.
        (true, None) => {
            return Err(Error::usage(format!(
                "which vendor's capture? give --vendor ({}), or a capture already made",
                vendors::shown_ids()
            )))
        }
    };
    let vendor = vendors::by_id(config.vendor)?;
    if let Some(named) = named.filter(|n| n.id() != vendor.id()) {
        return Err(Error::usage(format!(
            "--vendor {} but the captures given are of {}",
            named.id(),
            vendor.id()
        )));
    }
    args.output
        .write(&carryover::commands::capture::text(vendor, &config)?, false)?;
    Ok(0)
}

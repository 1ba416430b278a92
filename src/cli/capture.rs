//! `carryover capture`.

use std::path::PathBuf;

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
    /// The vendor to capture (default: that of the captures given, else Mirapoint MOS).
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(REGISTRY.iter().map(|v| v.id().name())))]
    vendor: Option<String>,
    #[command(flatten)]
    read: ReadFlags,
    #[command(flatten)]
    output: Output,
}

pub fn run(args: CaptureArgs) -> Result<u8, Error> {
    args.output.refuse_to_overwrite(&[&args.paths])?;
    let named = args.vendor.as_deref().and_then(vendors::by_name);
    let config = if args.paths.is_empty() {
        Config::new(named.unwrap_or(REGISTRY[0]).id())
    } else {
        read::read(&args.paths, &args.read.options()?)?.config
    };
    let vendor = vendors::by_id(config.vendor)?;
    if let Some(named) = named.filter(|n| n.id() != vendor.id()) {
        return Err(Error::Usage(format!(
            "--vendor {} but the captures given are of {}",
            named.id(),
            vendor.id()
        )));
    }
    args.output
        .write(&carryover::commands::capture::text(vendor, &config)?, false)?;
    Ok(0)
}

//! `carryover capture`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::capture::{capture, Profile, Request};
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
    /// How much to capture.
    #[arg(long, value_enum, default_value = "rules")]
    profile: ProfileArg,
    #[command(flatten)]
    read: ReadFlags,
    #[command(flatten)]
    output: Output,
}

/// How much a capture holds (`capture --profile`, `fetch --profile`).
#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ProfileArg {
    /// Every read form of the vendor's catalog, every list in every scope and delegated
    /// domain: what the catalog can read, not the appliance's whole configuration.
    Full,
    /// What every capture holds and what the release notes' rules need.
    Rules,
}

impl From<ProfileArg> for Profile {
    fn from(profile: ProfileArg) -> Profile {
        match profile {
            ProfileArg::Full => Profile::Full,
            ProfileArg::Rules => Profile::Rules,
        }
    }
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
        profile: args.profile.into(),
    };
    let report = capture(&request)?;
    args.output.write(&render::capture::text(&report), false)?;
    Ok(0)
}

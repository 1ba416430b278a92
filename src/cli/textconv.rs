//! `carryover textconv`: the canonical text of one capture file, for git's diff drivers.

use std::path::PathBuf;

use clap::Args;

use carryover::error::Error;
use carryover::read;
use carryover::render::{self, ModelFormat};

use super::{quiet_on_closed_pipe, ReadFlags};

#[derive(Args)]
pub struct TextconvArgs {
    /// The capture git hands over.
    file: PathBuf,
    #[command(flatten)]
    read: ReadFlags,
}

pub fn run(args: TextconvArgs) -> Result<u8, Error> {
    let capture = read::read(&[args.file], &args.read.options()?)?;
    let written = render::write_model(
        &mut std::io::stdout().lock(),
        &capture.config,
        ModelFormat::Ron,
        false,
    );
    quiet_on_closed_pipe(written)?;
    Ok(0)
}

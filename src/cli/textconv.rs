//! `carryover textconv`: the canonical text of one capture file, for git's diff drivers.

use std::path::PathBuf;

use clap::Args;

use carryover::error::Error;
use carryover::read;
use carryover::render::{self, ModelFormat};

use super::{Output, ReadFlags};

#[derive(Args)]
pub struct TextconvArgs {
    /// The capture git hands over (`-`: standard input).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    read: ReadFlags,
    #[command(flatten)]
    output: Output,
}

pub fn run(args: TextconvArgs) -> Result<u8, Error> {
    let file = [args.file];
    args.output.refuse_to_overwrite(&[&file])?;
    let capture = read::read(&file, &args.read.options()?)?;
    let text = render::model(&capture.config, ModelFormat::Ron, false);
    args.output.write(&text, false)?;
    Ok(0)
}

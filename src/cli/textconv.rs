//! `carryover textconv`: the canonical text of one capture file, for git's diff drivers.

use std::path::PathBuf;

use clap::Args;

use carryover::base::error::Error;
use carryover::commands::textconv::{self, Request};
use carryover::render::textconv::{note, text};

use super::{notify, Output, ReadFlags};

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
    args.output
        .refuse_to_overwrite(&[std::slice::from_ref(&args.file)])?;
    let request = Request {
        file: args.file,
        read: args.read.options()?,
    };
    // git shows nothing at all, for any file, when its textconv fails: a file that is no
    // capture is shown as it is, and why goes to standard error.
    let report = textconv::run(&request)?;
    notify(&note(&report));
    args.output.write(&text(&report), false)?;
    Ok(0)
}

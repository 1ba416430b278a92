//! `carryover textconv`: the canonical text of one capture file, for git's diff drivers.

use std::path::PathBuf;

use clap::Args;

use carryover::base::error::Error;
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
    // git shows nothing at all, for any file, when its textconv fails: a file that is no
    // capture is shown as it is, and why goes to standard error.
    let text = match read::read(&file, &args.read.options()?) {
        Ok(capture) => render::model(&capture.config, ModelFormat::Ron, false),
        Err(e @ Error::NotACapture { .. }) if !carryover::source::is_stdin(&file[0]) => {
            eprintln!(
                "carryover: {}; shown as it is",
                carryover::render::error::error(&e)
            );
            carryover::commands::diff::as_text(&file[0])?
        }
        Err(e) => return Err(e),
    };
    args.output.write(&text, false)?;
    Ok(0)
}

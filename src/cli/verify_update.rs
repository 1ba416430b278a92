//! `carryover verify-update`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use carryover::error::Error;
use carryover::render;
use carryover::source::Source;

use super::{encoding, print};

#[derive(Args)]
pub struct VerifyUpdateArgs {
    /// The update log.
    log: PathBuf,
    /// The output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    /// Read the log in this encoding instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
}

pub fn run(args: VerifyUpdateArgs) -> Result<u8, Error> {
    let source = Source::read(&args.log, encoding(args.encoding.as_deref())?)?;
    let run = carryover::commands::verify_update::verify(&source)?;
    let text = match args.format {
        FormatArg::Human => render::update_log::human(&run),
        FormatArg::Json => {
            let doc = serde_json::json!({
                "format_version": render::FORMAT_VERSION,
                "update": run,
            });
            format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).expect("serializes")
            )
        }
    };
    print(&text)?;
    Ok(u8::from(!run.anomalies.is_empty()))
}

//! `carryover completions` and `carryover man`: generated from the same clap definitions as
//! the parser, so they cannot drift from the flags.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use carryover::base::error::Error;

use super::{Cli, Output};

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
    #[command(flatten)]
    output: Output,
}

#[derive(Args)]
pub struct ManArgs {
    /// A subcommand's own page (`carryover-SUBCOMMAND(1)`) instead of the main page.
    #[arg(value_name = "SUBCOMMAND")]
    subcommand: Option<String>,
    #[command(flatten)]
    output: Output,
}

pub fn completions(args: CompletionsArgs) -> Result<u8, Error> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "carryover", &mut script);
    args.output.write(&text(script)?, false)?;
    Ok(0)
}

pub fn man(args: ManArgs) -> Result<u8, Error> {
    let mut command = Cli::command();
    command.build();
    let page_of = match &args.subcommand {
        None => command,
        Some(name) => {
            let sub = command
                .find_subcommand(name)
                .filter(|s| s.get_name() != "help")
                .ok_or_else(|| {
                    Error::usage(carryover::message!(
                        "usage-generated-no-subcommand",
                        name = carryover::base::text::terminal_safe(name).into_owned()
                    ))
                })?;
            let full = format!("carryover-{}", sub.get_name());
            sub.clone()
                .name(full.clone())
                .bin_name(full.replace('-', " "))
        }
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(page_of)
        .render(&mut page)
        .map_err(|e| Error::io("<man page>", e))?;
    args.output.write(&text(page)?, false)?;
    Ok(0)
}

fn text(bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        Error::usage(carryover::message!(
            "usage-generated-not-utf8",
            reason = e.to_string()
        ))
    })
}

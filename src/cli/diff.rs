//! `carryover diff`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use carryover::commands::diff::{run as compare, Request, Side};
use carryover::error::Error;
use carryover::render::diff::DiffFormat;

use super::{print, ReadFlags};

#[derive(Args)]
pub struct DiffArgs {
    /// OLD and NEW, each a file or directory; or the seven arguments git gives an external diff.
    paths: Vec<PathBuf>,
    /// A capture of the old side (repeat for several files).
    #[arg(long, conflicts_with = "paths")]
    old: Vec<PathBuf>,
    /// A capture of the new side (repeat for several files).
    #[arg(long, conflicts_with = "paths", requires = "old")]
    new: Vec<PathBuf>,
    #[command(flatten)]
    read: ReadFlags,
    /// The output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    /// Only the counts per area.
    #[arg(long)]
    stat: bool,
    /// Leave out items whose path matches this glob (repeatable), e.g. 'lists/*/blacklist/*'.
    #[arg(long, value_name = "PATTERN")]
    ignore: Vec<String>,
    /// Show the values of changed secrets.
    #[arg(long)]
    show_secrets: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Unified,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The two sides of a diff, and how to label them.
fn sides(args: &DiffArgs) -> Result<(Side, Side), Error> {
    let side = |paths: Vec<PathBuf>, label: Option<String>| {
        let label = label.unwrap_or_else(|| {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            names.join(",")
        });
        Side { paths, label }
    };
    match args.paths.as_slice() {
        [] if !args.old.is_empty() && !args.new.is_empty() => {
            Ok((side(args.old.clone(), None), side(args.new.clone(), None)))
        }
        [old, new] => Ok((side(vec![old.clone()], None), side(vec![new.clone()], None))),
        // git's external diff: path old-file old-hex old-mode new-file new-hex new-mode
        [path, old, _, _, new, _, _] => {
            let name = path.display().to_string();
            Ok((
                side(vec![old.clone()], Some(format!("a/{name}"))),
                side(vec![new.clone()], Some(format!("b/{name}"))),
            ))
        }
        _ => Err(Error::Usage(
            "diff takes OLD NEW, or --old FILE... --new FILE..., or git's seven arguments".into(),
        )),
    }
}

pub fn run(args: DiffArgs) -> Result<u8, Error> {
    let (old, new) = sides(&args)?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let request = Request {
        read: args.read.options()?,
        format: match args.format {
            FormatArg::Human => DiffFormat::Human,
            FormatArg::Unified => DiffFormat::Unified,
            FormatArg::Markdown => DiffFormat::Markdown,
            FormatArg::Json => DiffFormat::Json,
        },
        stat: args.stat,
        ignore: args.ignore.clone(),
        show_secrets: args.show_secrets,
        color,
    };
    let outcome = compare(&old, &new, &request)?;
    eprint!("{}", outcome.diagnostics);
    print(&outcome.text)?;
    // git takes any non-zero status from an external diff for a crash.
    let git_external = args.paths.len() == 7;
    Ok(u8::from(outcome.different && !git_external))
}

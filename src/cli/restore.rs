//! `carryover restore`.

use std::path::PathBuf;

use clap::Args;

use carryover::commands::restore::{restore, Request};
use carryover::error::Error;
use carryover::model::Version;
use carryover::read;
use carryover::render::diagnostics;

use super::{parse_version, print_bytes, Inputs};

#[derive(Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The version being upgraded to.
    #[arg(long, value_parser = parse_version)]
    to: Version,
    /// A capture of the upgraded appliance: write only what it lacks or has different.
    #[arg(long, value_name = "POST_INPUT")]
    against: Vec<PathBuf>,
    /// Restore every setting the captures hold, not only what the known issues lose.
    #[arg(long)]
    all: bool,
    /// Write the script to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write a Markdown runbook: how to apply the script, steps by hand, patches, checks.
    #[arg(long, value_name = "FILE")]
    runbook: Option<PathBuf>,
    /// Also write the appliance's own UI import files into DIR (SpamTitan: domains CSV,
    /// allow and block lists).
    #[arg(long, value_name = "DIR")]
    import_files: Option<PathBuf>,
    /// Include secrets; the files are then created readable by their owner only.
    #[arg(long)]
    show_secrets: bool,
    /// Write the script in this encoding (utf-8, shift_jis, euc-jp, ...), the one it is sent
    /// to the appliance in: MOS literal counts are its bytes. Default: the capture's encoding.
    #[arg(long, value_name = "LABEL")]
    output_encoding: Option<String>,
    /// Exit 1 when the script holds commands (as `git diff --exit-code`, terraform's
    /// `--detailed-exitcode`); without it, a written script exits 0.
    #[arg(long, visible_alias = "detailed-exitcode")]
    exit_code: bool,
}

pub fn run(args: RestoreArgs) -> Result<u8, Error> {
    refuse_to_overwrite_an_input(&args)?;
    let options = args.inputs.options()?;
    let pre = read::read(&args.inputs.paths, &options)?;
    eprint!("{}", diagnostics(&pre));
    let post = if args.against.is_empty() {
        None
    } else {
        let post = read::read(&args.against, &options)?;
        eprint!("{}", diagnostics(&post));
        Some(post)
    };
    let request = Request {
        to: args.to.clone(),
        all: args.all,
        show_secrets: args.show_secrets,
        runbook: args.runbook.is_some(),
        import_files: args.import_files.is_some(),
        script_name: args
            .output
            .as_ref()
            .map_or("the script".into(), |p| p.display().to_string()),
        inputs: args
            .inputs
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        output_encoding: match args.output_encoding.as_deref() {
            Some(label) => Some(
                carryover::source::encoding_for_label(label)
                    .ok_or_else(|| Error::Usage(format!("unknown encoding `{label}`")))?,
            ),
            None => None,
        },
    };
    let outputs = restore(&pre, post.as_ref(), &request)?;
    for warning in &outputs.warnings {
        eprintln!("warning: {warning}");
    }
    let script = outputs.script_bytes();
    let mut files = Vec::new();
    if let (Some(path), Some(runbook)) = (&args.runbook, outputs.runbook) {
        files.push((path.clone(), runbook.into_bytes()));
    }
    if let Some(dir) = &args.import_files {
        for (relative, contents) in outputs.import_files {
            // Folders are made with the files, all or nothing.
            files.push((dir.join(relative), contents.into_bytes()));
        }
    }
    let to_stdout = match &args.output {
        Some(path) => {
            files.push((path.clone(), script));
            None
        }
        None => Some(script),
    };
    carryover::write::atomically_making(&files, args.show_secrets, args.import_files.as_deref())?;
    // Printed only once every file is in place: a failed run shows no script to paste.
    if let Some(script) = to_stdout {
        print_bytes(&script)?;
    }
    Ok(u8::from(args.exit_code && outputs.commands > 0))
}

/// A script, runbook or import file written over a capture it was made from would lose the
/// capture: refused before anything is read.
fn refuse_to_overwrite_an_input(args: &RestoreArgs) -> Result<(), Error> {
    let inputs: Vec<PathBuf> = carryover::read::expand(&args.inputs.paths)?
        .into_iter()
        .chain(carryover::read::expand(&args.against)?)
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let outputs = args.output.iter().chain(&args.runbook);
    for output in outputs {
        let Ok(canonical) = output.canonicalize() else {
            continue;
        };
        if inputs.contains(&canonical) {
            return Err(Error::Usage(format!(
                "{} is one of the captures read: writing to it would lose the capture",
                output.display()
            )));
        }
    }
    Ok(())
}

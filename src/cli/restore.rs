//! `carryover restore`.

use std::path::PathBuf;

use clap::Args;

use carryover::base::error::Error;
use carryover::commands::restore::{restore, Request};
use carryover::model::Version;
use carryover::read;
use carryover::render::diagnostics;

use super::{
    is_special, parse_version, print_bytes, refuse_to_overwrite, write_to_device, Inputs, Output,
};

#[derive(Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The version being upgraded to.
    #[arg(long, value_name = "VERSION", value_parser = parse_version)]
    to: Version,
    /// A capture of the upgraded appliance (repeatable): write only what it lacks or has
    /// different.
    #[arg(long, value_name = "POST_PATH")]
    against: Vec<PathBuf>,
    /// Restore every setting the captures hold, not only what the known issues lose.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    output: Output,
    /// Write a Markdown runbook: how to apply the script, steps by hand, patches, checks.
    #[arg(long, value_name = "FILE")]
    runbook: Option<PathBuf>,
    /// Also write the appliance's own UI import files into DIR (SpamTitan: domains CSV,
    /// allow and block lists).
    #[arg(long, value_name = "DIR")]
    import_files: Option<PathBuf>,
    /// Write the values the vendor's secrets catalog marks secret (private keys, passwords,
    /// session ids, API tokens) instead of leaving them out; the files are then created
    /// readable by their owner only.
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
            .file()
            .map_or("the script".into(), |p| p.display().to_string()),
        inputs: args
            .inputs
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        output_encoding: match args.output_encoding.as_deref() {
            Some(label) => {
                let encoding = carryover::source::encoding_for_label(label)
                    .ok_or_else(|| Error::Usage(format!("unknown encoding `{label}`")))?;
                // UTF-16 and the like cannot be written (the appliance reads ASCII-compatible
                // bytes): refused, never quietly replaced by UTF-8.
                if encoding.output_encoding() != encoding {
                    return Err(Error::Usage(format!(
                        "--output-encoding {label}: scripts are written in an ASCII-compatible \
                         encoding (utf-8, shift_jis, euc-jp, ...), not {}",
                        encoding.name()
                    )));
                }
                Some(encoding)
            }
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
        let paths: Vec<PathBuf> = outputs
            .import_files
            .iter()
            .map(|(relative, _)| dir.join(relative))
            .collect();
        // An import folder that is the capture folder would replace the capture's own files.
        refuse_to_overwrite(
            paths.iter().map(PathBuf::as_path),
            &[&args.inputs.paths, &args.against],
        )?;
        for (relative, contents) in outputs.import_files {
            // Folders are made with the files, all or nothing.
            files.push((dir.join(relative), contents.into_bytes()));
        }
    }
    let to_stdout = match args.output.file() {
        Some(path) if !is_special(path) => {
            files.push((path.to_path_buf(), script));
            None
        }
        _ => Some(script),
    };
    carryover::write::atomically_making(&files, args.show_secrets, args.import_files.as_deref())?;
    // Printed only once every file is in place: a failed run shows no script to paste.
    if let Some(script) = to_stdout {
        match args.output.file() {
            // A device or a pipe is written to as it is, never replaced.
            Some(path) => write_to_device(path, &script)?,
            None => print_bytes(&script)?,
        }
    }
    Ok(u8::from(args.exit_code && outputs.commands > 0))
}

/// A script or runbook written over a capture it was made from would lose the capture:
/// refused before anything is read.
fn refuse_to_overwrite_an_input(args: &RestoreArgs) -> Result<(), Error> {
    if args
        .runbook
        .as_deref()
        .is_some_and(carryover::source::is_stdin)
    {
        return Err(Error::Usage(
            "--runbook takes a file: the script is what goes to standard output".into(),
        ));
    }
    if let (Some(script), Some(runbook)) = (args.output.file(), args.runbook.as_deref()) {
        if script == runbook {
            return Err(Error::Usage(format!(
                "-o and --runbook name the same file, {}: one would be lost",
                script.display()
            )));
        }
    }
    let outputs = args
        .output
        .file()
        .into_iter()
        .chain(args.runbook.as_deref());
    refuse_to_overwrite(outputs, &[&args.inputs.paths, &args.against])
}

//! `carryover restore`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::apply::{plan_file, plan_path, Sha256};
use carryover::commands::request::Version;
use carryover::commands::restore::{self, Job, Request};
use carryover::render::message::words;
use carryover::render::{self, diagnostics_at};

use super::{notify, parse_version, verbosity, Inputs, Output};

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
    /// Write no script: apply its commands to the --against capture in memory and show, as an
    /// explained diff against the pre-upgrade capture, what the appliance will hold once the
    /// script has run, and why anything would still differ. Exit 0 when only expected, applied
    /// or accepted differences would remain
    #[arg(long, requires = "against", conflicts_with_all = ["runbook", "import_files", "exit_code"])]
    check: bool,
    /// With --check (or a runbook with --against): accept the differences of a rule, or of an
    /// item path glob or name, with your reason (repeatable), e.g. 'smtp.fastpath=on by design'
    #[arg(long, value_name = "RULE|PATH=REASON", requires = "against")]
    accept: Vec<String>,
    /// Exit 1 when the script holds commands (as `git diff --exit-code`, terraform's
    /// `--detailed-exitcode`), or when --against's capture did not look at something the
    /// script would restore; without it, a written script exits 0.
    #[arg(long, visible_alias = "detailed-exitcode")]
    exit_code: bool,
    /// The format of --check's report.
    #[arg(long, value_enum, default_value = "human", requires = "check")]
    format: CheckFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// The explained diff and what would still differ, in lines for people.
    Human,
    /// JSON with `format_version`, as `carryover schema restore-check` describes it.
    Json,
}

pub fn run(args: RestoreArgs) -> Result<u8, Error> {
    let job = job(&args)?;
    let report = restore::run(&job, &mut |capture| {
        notify(&diagnostics_at(capture, verbosity()))
    })?;
    if args.check {
        return check(&args, &report);
    }
    let encoding = script_encoding(&args, report.encoding);
    // The script is written as it is made, in its encoding, its digest taken on the way.
    // The script is made on this thread and written, in pieces, on another.
    let write = |out: &mut (dyn std::io::Write + Send)| {
        let (pieces, received) = std::sync::mpsc::sync_channel::<String>(8);
        std::thread::scope(|scope| {
            let writer = scope.spawn(move || -> std::io::Result<String> {
                let mut digest = Sha256::new();
                for text in received {
                    let bytes = render::restore::encoded(&text, encoding);
                    digest.update(&bytes);
                    out.write_all(&bytes)?;
                }
                Ok(digest.hex())
            });
            // A writer that stopped has its own error, given below.
            let stopped = |_| std::io::Error::from(std::io::ErrorKind::BrokenPipe);
            let mut sink = |text: &str| pieces.send(text.to_string()).map_err(stopped);
            let outputs = render::restore::outputs_streamed(&report, &mut sink);
            drop(pieces);
            let digest = writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            Ok((outputs?, digest))
        })
    };
    // Said once every file is in place: a run that then fails wrote nothing to warn about.
    let mut notes = Vec::new();
    let files = |(outputs, digest): &mut (render::restore::Outputs, String)| {
        for warning in &outputs.warnings {
            notes.push(carryover::message!("cli-warning", warning = warning));
        }
        let mut files = Vec::new();
        if let (Some(path), Some(runbook)) = (&args.runbook, outputs.runbook.take()) {
            files.push((path.clone(), runbook.into_bytes()));
        }
        if let Some(dir) = &args.import_files {
            // Folders are made with the files, all or nothing.
            for (relative, contents) in std::mem::take(&mut outputs.import_files) {
                files.push((dir.join(relative), contents.into_bytes()));
            }
        }
        // Beside a script file, its plan: the digest and capture `apply` checks. A script
        // written to a device or a pipe (`-o /dev/null`, `-o /dev/stdout`) has no plan beside
        // it, and `apply` cannot send it: said, not left for `apply` to find out.
        let digest = std::mem::take(digest);
        if let Some(path) = args.output.file() {
            match plan_file(path, digest, &report, &job.against) {
                Some(plan) => files.push(plan),
                // The user's path on one line (`notify` keeps the terminal safe).
                None => notes.push(carryover::message!(
                    "cli-restore-no-plan-file",
                    path = carryover::base::text::sanitize(&path.display().to_string())
                )),
            }
        }
        files
    };
    let (outputs, _) = carryover::write::streamed_with_files(
        args.output.file(),
        write,
        files,
        args.show_secrets,
        args.import_files.as_deref(),
    )?;
    for note in &notes {
        notify(&render::notice::line(note));
    }
    // What the post-upgrade capture did not look at may not be back: not "nothing to do".
    let undone = outputs.commands > 0 || report.not_compared() > 0;
    Ok(u8::from(args.exit_code && undone))
}

/// `--check`: the proof on standard output (or -o), no script; exit 0 when it holds.
fn check(args: &RestoreArgs, report: &restore::Report) -> Result<u8, Error> {
    let Some(proof) = &report.proof else {
        return Ok(1);
    };
    notify(&render::explain::unused(&proof.explained));
    let style = render::diff::Style { color: false };
    let text = match args.format {
        CheckFormat::Human => render::restore::proof_text(proof, style),
        CheckFormat::Json => render::explain::proof_json(proof),
    };
    args.output.write(&text, false)?;
    Ok(u8::from(!proof.holds()))
}

/// The encoding the script's bytes are written in: the appliance's, except on a terminal,
/// which shows text in UTF-8: there a Shift_JIS script would be mojibake, so it is shown as
/// UTF-8 with a note that `-o` (or a pipe) writes the appliance's encoding, whose bytes the
/// literal counts are.
fn script_encoding(
    args: &RestoreArgs,
    encoding: &'static encoding_rs::Encoding,
) -> &'static encoding_rs::Encoding {
    use std::io::IsTerminal;
    let to_terminal = args.output.file().is_none() && std::io::stdout().is_terminal();
    if to_terminal && encoding != encoding_rs::UTF_8 {
        let note = carryover::message!("cli-restore-shown-in-utf8", encoding = encoding.name());
        notify(&render::notice::line(&note));
        return encoding_rs::UTF_8;
    }
    encoding
}

/// The flags as a restore job. A runbook on standard output, or the script and the runbook in
/// one file, is refused: one would be lost.
fn job(args: &RestoreArgs) -> Result<Job, Error> {
    if args
        .runbook
        .as_deref()
        .is_some_and(carryover::commands::request::is_stdin)
    {
        return Err(Error::usage(carryover::message!(
            "usage-restore-runbook-takes-file"
        )));
    }
    if let (Some(script), Some(runbook)) = (args.output.file(), args.runbook.as_deref()) {
        if script == runbook {
            return Err(Error::usage(carryover::message!(
                "usage-restore-same-file",
                path = script.display().to_string()
            )));
        }
    }
    let request = Request {
        to: args.to.clone(),
        all: args.all,
        show_secrets: args.show_secrets,
        runbook: args.runbook.is_some(),
        import_files: args.import_files.is_some(),
        script_name: args.output.file().map_or_else(
            || words(&carryover::message!("cli-restore-script-unnamed")),
            |p| p.display().to_string(),
        ),
        inputs: args
            .inputs
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        output_encoding: output_encoding(args.output_encoding.as_deref())?,
    };
    Ok(Job {
        request,
        paths: args.inputs.paths.clone(),
        against: args.against.clone(),
        read: args.inputs.options()?,
        // The plan file beside the script too: it must not replace a capture either.
        outputs: args
            .output
            .file()
            .into_iter()
            .flat_map(|script| [script.to_path_buf(), plan_path(script)])
            .chain(args.runbook.clone())
            .collect(),
        import_dir: args.import_files.clone(),
        accept: args
            .accept
            .iter()
            .map(|text| {
                restore::Acceptance::parse(text).ok_or_else(|| {
                    Error::usage(carryover::message!("usage-diff-accept", given = text))
                })
            })
            .collect::<Result<_, _>>()?,
    })
}

/// The encoding `--output-encoding` names. UTF-16 and the like cannot be written (the
/// appliance reads ASCII-compatible bytes): refused, never quietly replaced by UTF-8.
fn output_encoding(label: Option<&str>) -> Result<Option<&'static encoding_rs::Encoding>, Error> {
    let Some(label) = label else {
        return Ok(None);
    };
    let encoding = carryover::commands::request::encoding_for_label(label).ok_or_else(|| {
        Error::usage(carryover::message!("usage-unknown-encoding", label = label))
    })?;
    if encoding.output_encoding() != encoding {
        return Err(Error::usage(carryover::message!(
            "usage-restore-output-encoding-ascii",
            label = label,
            encoding = encoding.name()
        )));
    }
    Ok(Some(encoding))
}

//! `carryover track`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::commit::commit;
use carryover::commands::track::{track_noting, walk, Report};
use carryover::render;

use carryover::render::Verbosity;

use super::{notify, say, verbosity, Output, ReadFlags};

#[derive(Args)]
pub struct TrackArgs {
    /// The folder of captures to read.
    #[arg(value_name = "DIR")]
    src: PathBuf,
    /// The repository to write `<vendor>/<hostname>.ron` files into.
    #[arg(long, value_name = "REPO")]
    into: PathBuf,
    #[command(flatten)]
    read: ReadFlags,
    /// The report's format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    /// Then commit the files written with git (only those), with a message that counts, per
    /// appliance, what was added, removed and changed; nothing changed, no commit.
    #[arg(long)]
    commit: bool,
    #[command(flatten)]
    output: Output,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// A `wrote` line per file written, then update logs, then the summary line, last.
    Human,
    /// JSON with `format_version`, as `carryover schema track` describes it.
    Json,
}

pub fn run(args: TrackArgs) -> Result<u8, Error> {
    if carryover::commands::request::is_stdin(&args.src) {
        return Err(Error::usage(carryover::message!("usage-track-stdin")));
    }
    let options = args.read.options()?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
                .expect("the template is valid"),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let total = walk(&args.src, &mut Report::default())?.len();
    bar.set_length(total as u64);
    let tick = || bar.inc(1);
    // Each file's notes and line counts under `-v` only: a fleet's would drown the summary.
    let verbose = verbosity() == Verbosity::Verbose;
    let report = track_noting(&args.src, &args.into, &options, &tick, &|capture| {
        if verbose {
            bar.suspend(|| notify(&render::diagnostics_at(capture, Verbosity::Verbose)));
        }
    })?;
    bar.finish_and_clear();
    // A capture that failed is an error, said even under `-q`; one skipped is a note.
    say(&render::track::failures(&report));
    notify(&render::track::skipped(&report));
    // The report is written even when the commit fails, and the failure is the run's error.
    let committed = args.commit.then(|| {
        commit(
            &args.into,
            "track",
            &report.changes,
            report.masked,
            &render::track::commit_message,
        )
    });
    let made = match &committed {
        Some(Ok(committed)) => Some(committed),
        _ => None,
    };
    let text = match args.format {
        FormatArg::Human => {
            let quiet = verbosity() == Verbosity::Quiet;
            let mut text = render::track::human(&report, quiet);
            text.extend(made.map(|made| render::track::committed(made, report.masked)));
            text
        }
        FormatArg::Json => render::track::json(&report, made),
    };
    args.output.write(&text, false)?;
    if let Some(Err(e)) = committed {
        return Err(e);
    }
    Ok(if !report.failures.is_empty() {
        2
    } else {
        u8::from(report.update_logs.iter().any(|r| !r.anomalies.is_empty()))
    })
}

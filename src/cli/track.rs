//! `carryover track`.

use std::fmt::Write;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::base::text::{sanitize as one_line, terminal_safe};
use carryover::commands::track::{track, walk, Report};
use carryover::render;

use super::{Output, ReadFlags};

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
    /// Leave out the `wrote` lines: only problems, update logs and the summary.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    output: Output,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// A `wrote` line per file written, then update logs, then the summary line, last.
    Human,
    /// JSON with `format_version`, as `docs/schema/track.schema.json` describes it.
    Json,
}

pub fn run(args: TrackArgs) -> Result<u8, Error> {
    if carryover::source::is_stdin(&args.src) {
        return Err(Error::Usage(
            "track reads a folder of captures; standard input is not one (use show -)".into(),
        ));
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
    let report = track(&args.src, &args.into, &options, &tick)?;
    bar.finish_and_clear();
    for (path, why) in &report.failures {
        eprintln!("{}: error: {}", shown(path), one_line(why));
    }
    for (path, why) in &report.skipped {
        eprintln!("{}: note: {}", shown(path), one_line(why));
    }
    let text = match args.format {
        FormatArg::Human => human(&report, args.quiet),
        FormatArg::Json => render::track::json(&report),
    };
    args.output.write(&text, false)?;
    Ok(if !report.failures.is_empty() {
        2
    } else {
        u8::from(report.update_logs.iter().any(|r| !r.anomalies.is_empty()))
    })
}

/// A path, on one line: a file name may hold line breaks.
fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// `wrote` lines, update logs, and the summary last, where a long run leaves it in view.
fn human(report: &Report, quiet: bool) -> String {
    let mut out = String::new();
    if !quiet {
        for path in &report.written {
            let _ = writeln!(out, "wrote {}", shown(path));
        }
    }
    for run in &report.update_logs {
        let state = if run.anomalies.is_empty() {
            "completed".to_string()
        } else {
            format!("ANOMALY: {}", run.anomalies.join("; "))
        };
        let _ = writeln!(
            out,
            "update log {}: {} -> {}: {}",
            one_line(&run.path),
            terminal_safe(run.from.as_deref().unwrap_or("?")),
            terminal_safe(run.to.as_deref().unwrap_or("?")),
            terminal_safe(&state)
        );
    }
    let anomalies = report
        .update_logs
        .iter()
        .filter(|r| !r.anomalies.is_empty())
        .count();
    let _ = writeln!(
        out,
        "{} appliance(s) from {} file(s): {} written, {} unchanged; {} unrecognized line(s); \
         {} skipped; {} update log(s), {anomalies} with an anomaly; {} failed",
        report.appliances,
        report.files,
        report.written.len(),
        report.unchanged,
        report.unrecognized,
        report.skipped.len(),
        report.update_logs.len(),
        report.failures.len()
    );
    out
}

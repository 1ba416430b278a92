//! `carryover track`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use carryover::error::Error;
use carryover::track::{track, walk, Report};

use super::{print, ReadFlags};

#[derive(Args)]
pub struct TrackArgs {
    /// The folder of captures to read.
    src: PathBuf,
    /// The repository to write `<vendor>/<hostname>.ron` files into.
    #[arg(long, value_name = "REPO")]
    into: PathBuf,
    #[command(flatten)]
    read: ReadFlags,
}

pub fn run(args: TrackArgs) -> Result<u8, Error> {
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
    for (path, why) in report.skipped.iter().chain(&report.failures) {
        let line = format!("{}: {why}", path.display());
        eprintln!("{}", carryover::emit::terminal_safe(&line));
    }
    let mut summary = format!(
        "{} appliance(s) from {} file(s): {} written, {} unchanged; {} unrecognized line(s); {} failed\n",
        report.appliances,
        report.files,
        report.written.len(),
        report.unchanged,
        report.unrecognized,
        report.failures.len()
    );
    for path in &report.written {
        summary.push_str(&format!("wrote {}\n", path.display()));
    }
    print(&summary)?;
    Ok(if report.failures.is_empty() { 0 } else { 2 })
}

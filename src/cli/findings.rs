//! `carryover gaps` and `carryover plan`: findings of the release notes' rules.

use clap::{Args, ValueEnum};

use carryover::commands::evidence;
use carryover::error::Error;
use carryover::model::Version;
use carryover::ops;
use carryover::read;
use carryover::render::diagnostics;
use carryover::render::findings::{findings, Heading, ReportFormat};

use super::{parse_version, print, Inputs};

#[derive(Args)]
pub struct GapsArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The version to upgrade to (default: the newest release note known).
    #[arg(long, value_parser = parse_version)]
    to: Option<Version>,
    /// The output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
}

#[derive(Args)]
pub struct PlanArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The version to upgrade to.
    #[arg(long, value_parser = parse_version)]
    to: Version,
    /// The output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Markdown,
    Json,
    /// GitHub Actions annotations (`::error file=..,line=..::`) on the capture lines.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning (upload-sarif).
    Sarif,
}

impl From<FormatArg> for ReportFormat {
    fn from(format: FormatArg) -> ReportFormat {
        match format {
            FormatArg::Human => ReportFormat::Human,
            FormatArg::Markdown => ReportFormat::Markdown,
            FormatArg::Json => ReportFormat::Json,
            FormatArg::Github => ReportFormat::Github,
            FormatArg::Sarif => ReportFormat::Sarif,
        }
    }
}

pub fn gaps(args: GapsArgs) -> Result<u8, Error> {
    let split = read::read_split(&args.inputs.paths, &args.inputs.options()?)?;
    split.captures().for_each(|c| eprint!("{}", diagnostics(c)));
    let cx = evidence(&split)?;
    let report = ops::gaps::gaps(&cx, args.to);
    let heading = Heading {
        command: "gaps",
        appliance: split.hostname(),
        from: report.from.as_deref(),
        to: &report.to,
        blocking: None,
    };
    print(&findings(&heading, &report.findings, args.format.into()))?;
    Ok(u8::from(!report.findings.is_empty()))
}

pub fn plan(args: PlanArgs) -> Result<u8, Error> {
    let split = read::read_split(&args.inputs.paths, &args.inputs.options()?)?;
    split.captures().for_each(|c| eprint!("{}", diagnostics(c)));
    let cx = evidence(&split)?;
    let report = ops::plan::plan(&cx, &args.to);
    let heading = Heading {
        command: "plan",
        appliance: split.hostname(),
        from: report.from.as_deref(),
        to: &report.to,
        blocking: Some(&report.blocking),
    };
    print(&findings(&heading, &report.findings, args.format.into()))?;
    Ok(u8::from(!report.blocking.is_empty()))
}

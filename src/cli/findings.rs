//! `carryover gaps` and `carryover plan`: findings of the release notes' rules.

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::findings::{self, GapsRequest, PlanRequest};
use carryover::commands::request::Version;
use carryover::render::diagnostics_at;
use carryover::render::findings::{report as render, ReportFormat};
use carryover::render::sarif;

use carryover::render::style::set_color;

use super::{notify, parse_version, verbosity, Color, Inputs, Output};

#[derive(Args)]
pub struct GapsArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The version to upgrade to (default: the newest release note known).
    #[arg(long, value_name = "VERSION", value_parser = parse_version)]
    to: Option<Version>,
    /// A capture of the same appliance from before the upgrade (repeat for several files):
    /// the inputs are then the captures after it, and the report adds what the upgrade lost.
    #[arg(long, value_name = "PRE")]
    pre: Vec<std::path::PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    #[command(flatten)]
    color: Color,
    #[command(flatten)]
    sarif: SarifFlags,
    #[command(flatten)]
    output: Output,
}

#[derive(Args)]
pub struct PlanArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The version to upgrade to.
    #[arg(long, value_name = "VERSION", value_parser = parse_version)]
    to: Version,
    /// A precondition no capture shows, checked by you (`--confirm ST-7.09-P-4`): it no longer
    /// blocks, and the report says it was confirmed by the operator. Repeat for each.
    #[arg(long, value_name = "ID")]
    confirm: Vec<String>,
    /// The output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    #[command(flatten)]
    color: Color,
    #[command(flatten)]
    sarif: SarifFlags,
    #[command(flatten)]
    output: Output,
}

/// What only a SARIF log uses.
#[derive(Args)]
struct SarifFlags {
    /// With --format sarif: where the rule pages are published (the folder of docs/rules/),
    /// so that each rule's helpUri is URL/ID.md; without it, no helpUri is written.
    #[arg(long, value_name = "URL")]
    help_uri_base: Option<String>,
}

impl SarifFlags {
    /// The report in `format`; a SARIF log with the rule pages' base URL.
    fn render(&self, report: &findings::Report, format: FormatArg) -> String {
        match format {
            FormatArg::Sarif => sarif::report(report, self.help_uri_base.as_deref()),
            format => render(report, format.into()),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Text for a terminal: a title line, then one block per finding.
    Human,
    /// Markdown, for a ticket or a review comment.
    Markdown,
    /// JSON with `format_version`, as `carryover schema findings` describes it.
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
    args.output
        .refuse_to_overwrite(&[&args.inputs.paths, &args.pre])?;
    let request = GapsRequest {
        paths: args.inputs.paths.clone(),
        read: args.inputs.options()?,
        to: args.to,
        pre: args.pre,
    };
    let report = findings::gaps(&request, &mut |c| notify(&diagnostics_at(c, verbosity())))?;
    set_color(args.color.on(&args.output) && matches!(args.format, FormatArg::Human));
    args.output
        .write(&args.sarif.render(&report, args.format), false)?;
    Ok(u8::from(report.failing()))
}

pub fn plan(args: PlanArgs) -> Result<u8, Error> {
    args.output.refuse_to_overwrite(&[&args.inputs.paths])?;
    let request = PlanRequest {
        paths: args.inputs.paths.clone(),
        read: args.inputs.options()?,
        to: args.to,
        confirm: args.confirm,
    };
    let report = findings::plan(&request, &mut |c| notify(&diagnostics_at(c, verbosity())))?;
    set_color(args.color.on(&args.output) && matches!(args.format, FormatArg::Human));
    args.output
        .write(&args.sarif.render(&report, args.format), false)?;
    Ok(u8::from(report.failing()))
}

//! `carryover gaps` and `carryover plan`: findings of the release notes' rules.

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::{check_target, evidence};
use carryover::knowledge::Severity;
use carryover::model::Version;
use carryover::ops::{self, Finding, Status};
use carryover::read::{self, Split};
use carryover::render::diagnostics;
use carryover::render::findings::{findings, Heading, ReportFormat};

use super::{parse_version, Inputs, Output};

#[derive(Args)]
pub struct GapsArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The version to upgrade to (default: the newest release note known).
    #[arg(long, value_name = "VERSION", value_parser = parse_version)]
    to: Option<Version>,
    /// The output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
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
    output: Output,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Text for a terminal: a title line, then one block per finding.
    Human,
    /// Markdown, for a ticket or a review comment.
    Markdown,
    /// JSON with `format_version`, as `docs/schema/findings.schema.json` describes it.
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
    args.output.refuse_to_overwrite(&[&args.inputs.paths])?;
    let split = read_split(&args.inputs)?;
    let cx = evidence(&split)?;
    if let Some(to) = &args.to {
        check_target(&cx, split.vendor()?, to)?;
    }
    let mut report = ops::gaps::gaps(&cx, args.to);
    report.findings.extend(failed_updates(&split));
    let heading = Heading {
        command: "gaps",
        appliance: split.hostname(),
        from: report.from.as_deref(),
        to: &report.to,
        blocking: None,
    };
    let text = findings(&heading, &report.findings, args.format.into());
    args.output.write(&text, false)?;
    Ok(u8::from(reportable(&report.findings)))
}

pub fn plan(args: PlanArgs) -> Result<u8, Error> {
    args.output.refuse_to_overwrite(&[&args.inputs.paths])?;
    let split = read_split(&args.inputs)?;
    let cx = evidence(&split)?;
    check_target(&cx, split.vendor()?, &args.to)?;
    if let Some(from) = cx.from().filter(|f| f.cmp(&args.to).is_eq()) {
        return Err(Error::usage(format!(
            "the captures already run {from}: plan checks an upgrade before it is made (gaps \
             checks what still holds after it)"
        )));
    }
    let mut report = ops::plan::plan_confirmed(&cx, &args.to, &args.confirm);
    // A mistyped id must not pass for a confirmation.
    let unknown: Vec<&String> = args
        .confirm
        .iter()
        .filter(|id| !report.findings.iter().any(|f| f.rule == **id))
        .collect();
    if !unknown.is_empty() {
        let needed: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| report.blocking.contains(&f.rule))
            .map(|f| f.rule.as_str())
            .collect();
        return Err(Error::usage(format!(
            "--confirm {}: no rule of this plan has that id{}",
            unknown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            if needed.is_empty() {
                String::new()
            } else {
                format!(" (blocking now: {})", needed.join(", "))
            }
        )));
    }
    let failed = failed_updates(&split);
    report
        .blocking
        .extend(failed.iter().map(|f| f.rule.clone()).take(1));
    report.findings.extend(failed);
    let heading = Heading {
        command: "plan",
        appliance: split.hostname(),
        from: report.from.as_deref(),
        to: &report.to,
        blocking: Some(&report.blocking),
    };
    let text = findings(&heading, &report.findings, args.format.into());
    args.output.write(&text, false)?;
    Ok(u8::from(
        !report.blocking.is_empty() || reportable(&report.findings),
    ))
}

/// The captures, split into live ones and exports, with their diagnostics printed.
fn read_split(inputs: &Inputs) -> Result<Split, Error> {
    let split = read::read_split(&inputs.paths, &inputs.options()?)?;
    split.captures().for_each(|c| eprint!("{}", diagnostics(c)));
    Ok(split)
}

/// Updates the captures show as failed.
fn failed_updates(split: &Split) -> Vec<Finding> {
    ops::update_logs::failed_updates(split.captures().map(|c| &c.config))
}

/// Whether findings make exit status 1: one of warning level or above.
fn reportable(findings: &[Finding]) -> bool {
    findings
        .iter()
        .any(|f| f.status == Status::Found && f.severity >= Severity::Warning)
}

//! `carryover rule`: a rule explained, or every rule listed.

use clap::Args;

use carryover::base::error::Error;
use carryover::commands::rule;
use carryover::render::rule_page;

use super::Output;

/// After `rule --help`.
pub const HELP: &str = "\
Examples:
  carryover rule MOS-4.2.3-KI-3
  carryover rule ST-7.09-P-4
  carryover rule

Exit status:
  0  the rule was explained, or the rules listed
  2  error, including an id no rule has (the nearest ids are named)";

#[derive(Args)]
pub struct RuleArgs {
    /// The rule's id, as a report names it (`MOS-4.2.3-KI-3`); without it, every rule a
    /// report can name is listed.
    #[arg(value_name = "ID")]
    id: Option<String>,
    #[command(flatten)]
    output: Output,
}

pub fn run(args: RuleArgs) -> Result<u8, Error> {
    let text = match &args.id {
        Some(id) => rule_page::page(&rule::find(id)?),
        None => rule_page::list(&rule::reported()),
    };
    args.output
        .write(&carryover::base::text::terminal_safe(&text), false)?;
    Ok(0)
}

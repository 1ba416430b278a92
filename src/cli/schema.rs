//! `carryover schema`: the JSON Schema of a JSON output, from the binary itself.

use clap::Args;

use carryover::base::error::Error;
use carryover::render::schema;

use super::Output;

/// After `schema --help`.
pub const HELP: &str = "\
Examples:
  carryover schema findings
  carryover schema
  carryover schema diff -o diff.schema.json

Exit status:
  0  the schema was printed, or the names listed
  2  error, including a name no schema has";

#[derive(Args)]
pub struct SchemaArgs {
    /// The schema's name (`findings` for `gaps` and `plan`, `show`, `diff`, `diff-stat`,
    /// `diff-explain`, `verify-update`, `track`, `fetch`); without it, the names are listed.
    #[arg(value_name = "NAME")]
    name: Option<String>,
    #[command(flatten)]
    output: Output,
}

pub fn run(args: SchemaArgs) -> Result<u8, Error> {
    let text = match &args.name {
        None => schema::names().iter().map(|n| format!("{n}\n")).collect(),
        Some(name) => schema::named(name).ok_or_else(|| {
            Error::usage(carryover::message!(
                "usage-schema-unknown",
                name = carryover::base::text::terminal_safe(name).into_owned(),
                names = schema::names().join(", ")
            ))
        })?,
    };
    args.output.write(&text, false)?;
    Ok(0)
}

//! `fetch`'s report as JSON.

use serde::Serialize;

use crate::fetch::{Committed, Outcome};

use super::FORMAT_VERSION;

/// `fetch --format json`.
#[derive(Serialize, schemars::JsonSchema)]
pub struct Document<'a> {
    /// The version of this document's shape.
    pub format_version: u32,
    /// Each appliance asked for, in the order given.
    pub appliances: &'a [Outcome],
    /// How many captures were written.
    pub fetched: usize,
    /// How many appliances failed.
    pub failed: usize,
    /// What `--track` did, as `track --format json` reports it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracked: Option<super::track::Document<'a>>,
    /// What `--commit` did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committed: Option<&'a Committed>,
}

/// The report as JSON; `tracked` is what `--track` did.
pub fn json(
    outcomes: &[Outcome],
    tracked: Option<&crate::commands::track::Report>,
    committed: Option<&Committed>,
) -> String {
    let fetched = outcomes.iter().filter(|o| o.is_fetched()).count();
    super::json(&Document {
        format_version: FORMAT_VERSION,
        appliances: outcomes,
        fetched,
        failed: outcomes.len() - fetched,
        tracked: tracked.map(super::track::document),
        committed,
    })
}

//! The library side of each subcommand: read the captures, run the operation, render the
//! result. No flags: the binary's `cli` module parses them and calls these.

pub mod capture;
pub mod diff;
pub mod restore;
pub mod verify_update;

use crate::error::Result;
use crate::ops::evaluate::Evidence;
use crate::read::Split;
use crate::vendors;

/// The captures of one appliance with its vendor's knowledge, for `gaps` and `plan`.
pub fn evidence(split: &Split) -> Result<Evidence<'_>> {
    let vendor = split.vendor()?;
    Ok(Evidence {
        live: split.live.as_ref().map(|c| &c.config),
        export: split.export.as_ref().map(|c| &c.config),
        knowledge: vendors::knowledge_of(vendor)?,
        plan: vendor.capture_plan(),
    })
}

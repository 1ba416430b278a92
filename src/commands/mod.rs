//! The library side of each subcommand: read the captures, run the operation, render the
//! result. No flags: the binary's `cli` module parses them and calls these.

pub mod capture;
pub mod diff;
pub mod fetch;
pub mod restore;
pub mod track;
pub mod verify_update;

use crate::base::error::{Error, Result};
use crate::model::Version;
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

/// Refuses a `--to` version that cannot be this vendor's next release: one whose major
/// number neither the captured version nor any of the vendor's release notes has (a
/// SpamTitan 7.09 asked of a MOS capture), or one older than the captured version. Either
/// would otherwise be a report that finds nothing, which is not the same as nothing to find.
pub fn check_target(cx: &Evidence<'_>, vendor: &dyn vendors::Vendor, to: &Version) -> Result<()> {
    let from = cx.from();
    let known: Vec<Version> = cx
        .knowledge
        .releases()
        .iter()
        .map(|r| r.version())
        .collect();
    let major = |v: &Version| v.numbers.first().copied();
    let family = from.iter().chain(&known).any(|v| major(v) == major(to));
    if !family {
        let names: Vec<String> = known.iter().map(|v| v.to_string()).collect();
        return Err(Error::Usage(format!(
            "--to {to} is not a {} version: the captures show {} and the release notes known are {}",
            vendor.title(),
            from.as_ref().map_or("no version".to_string(), |v| v.to_string()),
            if names.is_empty() { "none".to_string() } else { names.join(", ") }
        )));
    }
    if let Some(from) = from.as_ref().filter(|f| *f > to) {
        return Err(Error::Usage(format!(
            "--to {to} is older than the captured version {from}: carryover plans upgrades, not downgrades"
        )));
    }
    // A target short of every known note would check nothing: say so rather than "nothing
    // found". One past the newest note is reported by the rules themselves.
    let newest = known.iter().max();
    let applies = cx
        .knowledge
        .releases()
        .iter()
        .any(|r| r.stage(from.as_ref(), to).is_some());
    if !applies && newest.is_some_and(|n| to <= n) {
        let names: Vec<String> = known.iter().map(|v| v.to_string()).collect();
        return Err(Error::Usage(format!(
            "no release note carryover knows lies between {} and {to} (known: {}): nothing \
             could be checked",
            from.as_ref()
                .map_or("the captured version".to_string(), |v| v.to_string()),
            names.join(", ")
        )));
    }
    Ok(())
}

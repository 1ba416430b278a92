//! `verify-update`: check a system update log with the vendor that has such logs.

use crate::error::{Error, Result};
use crate::source::Source;
use crate::update_log::UpdateRun;
use crate::vendors::REGISTRY;

/// What the update log shows, by the first vendor that checks update logs and reads it.
pub fn verify(source: &Source) -> Result<UpdateRun> {
    let mut checkers = REGISTRY.iter().filter_map(|v| v.update_logs());
    let checker = checkers
        .next()
        .ok_or_else(|| Error::Usage("no vendor carryover knows has update logs".into()))?;
    checker.verify(source)
}

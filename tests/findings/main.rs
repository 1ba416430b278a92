//! `gaps` and `plan` (and `capture`'s plans) on the samples, the knowledge bases against their
//! release notes, and the MOS rules.

#[path = "../common/mod.rs"]
mod common;

mod knowledge;
mod reports;
mod rules_mos;

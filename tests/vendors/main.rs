//! The vendor registry: every registered vendor held to the same invariants, the test-only
//! `plain` vendor through every capability, and the walk-through for adding a vendor kept true.

#[path = "../common/mod.rs"]
mod common;

mod adding_a_vendor;
mod plain;
mod registry;

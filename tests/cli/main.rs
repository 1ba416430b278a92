//! The command line as a whole: usage, shared conventions, the README and the pre-commit hooks
//! against the tool, JSON Schemas, SARIF and GitHub annotations.

#[path = "../common/mod.rs"]
mod common;

mod color;
mod conventions;
mod japanese;
mod json_schema;
#[cfg(unix)]
mod modes;
mod pre_commit;
mod pseudo_language;
mod quiet;
mod readme;
mod rule_pages;
mod sarif;
mod usage;

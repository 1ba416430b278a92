//! Secrets found by the structure of their names, kept out of every output and every file
//! written, in any form a run's own token takes; temporary files of generated scripts cleaned
//! up; bidirectional controls escaped on screen and refused in scripts.

#[path = "../common/mod.rs"]
mod common;

mod bidi;
mod echoed;
mod names;
mod planted;
mod temporary_files;

//! `track` over folders of captures and `textconv` driving a real git, and hostile captures
//! against them.

#[path = "../common/mod.rs"]
mod common;

mod capture_folders;
mod git_view;
mod hostile;
mod secrets;

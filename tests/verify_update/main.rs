//! Update logs: `verify-update` on a log, and logs where users keep them, as `gaps`, `plan`
//! and `track` see them.

#[path = "../common/mod.rs"]
mod common;

mod logs_in_trees;
mod update_log;

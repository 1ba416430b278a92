//! `restore` for both vendors: the scripts and runbooks, honest about what was captured,
//! hostile values that must not escape, and SpamTitan scripts replayed against a stub appliance.

#[path = "../common/mod.rs"]
mod common;

mod honest;
mod hostile_values;
mod idn_domains;
mod inferred_forms;
mod proof;
mod scripts;
mod spamtitan;
mod spamtitan_items;
mod spamtitan_replay;
mod terminal;
mod warnings;

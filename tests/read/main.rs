//! Reading captures: each grammar's trees, the shipped samples, captures as terminals, Excel,
//! UI exports and file shares leave them, cut and mutated input, reproducers of real captures, and
//! folders as people keep them.

#[path = "../common/mod.rs"]
mod common;

mod cut_captures;
mod folders_and_identity;
mod fuzz;
mod grammar_mos_cli;
mod grammar_mos_export;
mod grammar_mos_protocol;
mod idn_domains;
mod reading_mechanisms;
mod reproducers;
mod robustness;
mod samples;
mod short_japanese_messages;
mod spamtitan_contradictions;
mod spamtitan_holes;
mod spamtitan_samples;
mod spamtitan_variants;
mod stamps_in_messages;
mod terminal_variants;

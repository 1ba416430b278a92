//! `diff` over sample pairs, as a user and as git run it, and what a capture did not cover.

#[path = "../common/mod.rs"]
mod common;

mod coverage;
mod explain;
mod idn_domains;
mod sample_pairs;
mod trusted_host_keys;

//! How the code is built: one-way layers, the message catalog, function length, one emitter
//! for scripts, and secrets that never leak.

#[path = "../common/mod.rs"]
mod common;

mod binary_facade;
mod catalog_languages;
mod function_length;
mod knowledge_languages;
mod layers;
mod messages;
mod one_emitter;
mod secrets_never_leak;

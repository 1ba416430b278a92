//! `carryover` reads what mail appliances really hold (Mirapoint MOS CLI session logs,
//! admin-protocol transcripts and config exports; SpamTitan capture folders of REST answers,
//! UI exports and update logs) into one typed, canonical model of an appliance's
//! configuration, and with it diffs configurations, reports what the vendors' known export
//! and upgrade bugs would lose, checks upgrade plans and writes restore scripts.
//!
//! The code flows one way; lower layers never use higher ones:
//!
//! - [`source`]: bytes to clean text (decoding, terminal noise, LF line endings);
//! - [`syntax`]: the neutral line machinery the vendors' pest grammars build on;
//! - [`model`]: the canonical [`model::Config`], built by replaying changes;
//! - [`capture`]: what reading produces, the same for every vendor;
//! - [`vendors`]: the registry of appliance families, each in its own folder with its syntax,
//!   interpreter, catalogs and release notes ([`knowledge`] is their neutral rule format);
//! - [`read`]: files and directories to one [`capture::Capture`], through the registry;
//! - [`ops`]: diff, gaps, plan and restore, pure functions of models and knowledge;
//! - [`render`]: models and reports to RON, JSON, Markdown and text;
//! - [`commands`], [`track`], [`write`](mod@write): each subcommand's library side, and file output;
//! - [`update_log`]: what a system update log shows, for any vendor that has such logs;
//! - [`generate`]: deterministic large captures, for benchmarks and scale tests.
//!
//! ```
//! use carryover::capture::{Capture, ReadOptions};
//! use carryover::read::read_source;
//! use carryover::render::{model, ModelFormat};
//! use carryover::source::Source;
//!
//! let log = "rg01> smtp get fastpath\noff\nOK Completed\n\
//!            rg01> uce listexception primary whitelistto\n\"ml@lists.example.jp\"\nOK Completed\n";
//! let source = Source::from_text("rg01.log", log);
//! let mut capture = Capture::default();
//! read_source(&source, &ReadOptions::default(), &mut capture)?;
//!
//! let config = &capture.config;
//! assert_eq!(config.vendor.name(), "mirapoint-mos");
//! assert_eq!(config.appliance.hostname.as_ref().unwrap().value, "rg01");
//! assert!(config.lists["primary"]["whitelistto"].contains("ml@lists.example.jp"));
//! assert!(model(config, ModelFormat::Ron, false).contains("\"smtp.fastpath\": false"));
//! # Ok::<(), carryover::error::Error>(())
//! ```

#![warn(missing_docs)]

pub mod capture;
pub mod commands;
pub mod emit;
pub mod error;
pub mod fetch;
pub mod generate;
pub mod junk;
pub mod knowledge;
pub mod model;
pub mod ops;
pub mod read;
pub mod render;
pub mod secrets;
pub mod source;
pub mod syntax;
pub mod track;
pub mod update_log;
pub mod vendors;
pub mod write;

//! `carryover` reads what mail appliances really hold (Mirapoint MOS CLI session logs,
//! admin-protocol transcripts and config exports; SpamTitan capture folders of REST answers,
//! UI exports and update logs) into one typed, canonical model of an appliance's
//! configuration, and with it diffs configurations, reports what the vendors' known export
//! and upgrade bugs would lose, checks upgrade plans and writes restore scripts.
//!
//! The code flows one way. Each layer is one folder of `src/`, listed below bottom first; a
//! layer uses only the layers before it in this list (`tests/architecture/layers.rs` keeps it so):
//!
//! 1. [`base`]: errors, the one sanitiser for text shown to a person, secret field names;
//! 2. [`source`]: bytes to clean text (decoding, terminal noise, LF line endings);
//! 3. [`syntax`]: the neutral line machinery the vendors' pest grammars build on;
//! 4. [`model`]: the canonical [`model::Config`], built by replaying changes;
//! 5. [`knowledge`]: the neutral release-note rule format;
//! 6. [`capture`]: what reading produces, the same for every vendor;
//! 7. [`emit`]: the one script emitter;
//! 8. [`write`](mod@write): the one writer (atomic files, standard output, devices);
//! 9. [`fetch`]: the session plumbing for live appliances (TCP, TLS, bounded reads, inventory);
//! 10. [`vendors`]: the registry of appliance families, each in its own folder;
//! 11. [`read`]: files and folders to one [`capture::Capture`], through the registry;
//! 12. [`ops`]: diff, gaps, plan and restore, pure functions of models and knowledge;
//! 13. [`commands`]: each subcommand's orchestration, returning a typed report;
//! 14. [`render`]: reports to words, RON, JSON, Markdown, SARIF and GitHub form.
//!
//! The binary's flags (`src/cli/`) sit on top: flags to a request, the request to a command,
//! its report to a renderer, the result to the writer.
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
//! # Ok::<(), carryover::base::error::Error>(())
//! ```

#![warn(missing_docs)]

// The layers, bottom first: each uses only those before it.
pub mod base;

pub mod source;

pub mod syntax;

pub mod model;

pub mod knowledge;

pub mod capture;

pub mod emit;

pub mod write;

pub mod fetch;

pub mod vendors;

pub mod read;

pub mod ops;

pub mod commands;

pub mod render;

//! `carryover` reads Mirapoint MOS captures (CLI session logs, admin-protocol transcripts) into
//! one typed, canonical model of an appliance's configuration.
//!
//! The code flows one way; lower layers never use higher ones:
//!
//! - [`source`]: bytes to clean text (decoding, terminal noise, LF line endings);
//! - [`syntax`]: clean text to a lossless tree, from the pest grammars in `grammar/`;
//! - [`vendor`]: trees to model changes, by each vendor's catalog of command forms;
//! - [`model`]: the canonical [`model::Config`], built by replaying changes;
//! - [`read`]: the above for files and directories;
//! - [`render`]: models and reports to RON, JSON and text.
//!
//! ```
//! use carryover::read::{read_source, Capture, Options};
//! use carryover::render::{model, ModelFormat};
//! use carryover::source::Source;
//!
//! let log = "rg01> smtp get fastpath\noff\nOK Completed\n\
//!            rg01> uce listexception primary whitelistto\n\"ml@lists.example.jp\"\nOK Completed\n";
//! let source = Source::from_text("rg01.log", log);
//! let mut capture = Capture::default();
//! read_source(&source, &Options::default(), &mut capture)?;
//!
//! let config = &capture.config;
//! assert_eq!(config.appliance.hostname.as_ref().unwrap().value, "rg01");
//! assert!(config.lists["primary"]["whitelistto"].contains("ml@lists.example.jp"));
//! assert!(model(config, ModelFormat::Ron, false).contains("\"smtp.fastpath\": false"));
//! # Ok::<(), carryover::error::Error>(())
//! ```

pub mod error;
pub mod generate;
pub mod knowledge;
pub mod model;
pub mod ops;
pub mod read;
pub mod render;
pub mod source;
pub mod syntax;
pub mod track;
pub mod vendors;
pub mod write;

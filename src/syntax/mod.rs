//! The neutral part of the syntax layer: numbered lines of clean text, and the machinery that
//! classifies them with a pest grammar. Each vendor's formats (grammars in `grammar/`, one file
//! per format, named by vendor) build their lossless trees on it, in the vendor's own folder.

pub mod classify;
pub mod lines;

pub use lines::Line;

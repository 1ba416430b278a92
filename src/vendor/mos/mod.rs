//! Mirapoint MOS: CLI session logs, admin-protocol transcripts and config exports.

pub mod catalog;
pub mod knowledge;
pub mod interpret;

pub use catalog::Catalog;
pub use interpret::Interpreter;

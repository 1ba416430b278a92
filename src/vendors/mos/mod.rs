//! Mirapoint MOS: CLI session logs, admin-protocol transcripts and config exports.

pub mod catalog;
pub mod dialect;
pub mod identity;
pub mod interpret;
pub mod knowledge;
pub mod syntax;

pub use catalog::Catalog;
pub use dialect::Mos;
pub use interpret::Interpreter;

//! The bottom layer, which imports nothing above it: the errors that stop a run, the one
//! sanitiser for text shown to a person, and the names that mark a field secret.

pub mod error;
pub mod message;
pub mod secrets;
pub mod text;

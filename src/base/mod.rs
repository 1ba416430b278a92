//! The bottom layer, which imports nothing above it: the errors that stop a run, the one
//! sanitiser for text shown to a person, the names that mark a field secret, and the forms
//! of a domain name.

pub mod domain;
pub mod error;
pub mod message;
pub mod secrets;
pub mod text;

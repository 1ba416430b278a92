pub mod error;
pub mod generate;
pub mod model;
pub mod read;
pub mod render;
pub mod source;
pub mod syntax;
pub mod vendor;

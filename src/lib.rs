pub mod error;
pub mod source;
pub mod syntax;
pub mod generate;
pub mod model;
pub mod vendor;
pub mod read;
pub mod render;

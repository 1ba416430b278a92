//! What a request to the commands is made of, from the layers below: the one place the command
//! line reaches past `commands`, `render` and `write`, so that the binary's view of the library
//! stays this narrow (a test in `tests/architecture` holds it to it).

pub use crate::capture::ReadOptions;
pub use crate::fetch::inventory::CredentialRef;
pub use crate::fetch::{Outcome, Secret, TlsOptions};
pub use crate::model::{SourceKind, Version};
pub use crate::source::{encoding_for_label, is_stdin};
pub use crate::vendors::{Login, SecretKind};

/// Every registered vendor's `--vendor` name, and whether users see it listed (a vendor made
/// for tests is accepted by name but neither listed nor completed).
pub fn vendor_names() -> impl Iterator<Item = (&'static str, bool)> {
    crate::vendors::REGISTRY
        .iter()
        .map(|v| (v.id().name(), v.shown_to_users()))
}

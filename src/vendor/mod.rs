//! Vendors: each turns its syntax trees into model [`Change`](crate::model::Change)s, using its
//! own catalog of command forms. Nothing outside a vendor's folder knows its commands.

pub mod mos;

/// Something a reader noticed about a line that did not become model data, or that it had to
/// work around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: u32,
    pub kind: NoteKind,
    /// The line's text, or the message.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    /// The line did not become model data; the reason says why.
    Unrecognized(&'static str),
    /// The appliance refused the command (NO or BAD): it changed nothing.
    Rejected(String),
    /// A problem that reading worked around.
    Warning,
}

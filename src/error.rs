//! Errors that stop a run. Each names the file, and where it can, the line and column, shows the
//! offending line and says what was expected.

use std::fmt;

/// Where in an input something went wrong: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub path: String,
    pub line: u32,
    pub column: u32,
    /// The offending line as text, for display under the message.
    pub line_text: String,
}

/// An input that cannot be read as what it claims to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub at: Position,
    pub message: String,
    pub expected: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = &self.at;
        let number = at.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(f, "{}", self.message)?;
        writeln!(f, "{pad}--> {}:{}:{}", at.path, at.line, at.column)?;
        writeln!(f, "{pad} |")?;
        // The line is a capture's: a password on it is masked.
        let line = crate::secrets::neutral().mask_line(&at.line_text);
        writeln!(f, "{number} | {line}")?;
        let caret_pad: String = at
            .line_text
            .chars()
            .take(at.column.saturating_sub(1) as usize)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        writeln!(f, "{pad} | {caret_pad}^")?;
        write!(f, "{pad} = expected {}", self.expected)
    }
}

/// Everything that makes `carryover` exit with status 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Input(Box<InputError>),
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::File {
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn input(at: Position, message: impl Into<String>, expected: impl Into<String>) -> Self {
        Error::Input(Box::new(InputError {
            at,
            message: message.into(),
            expected: expected.into(),
        }))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

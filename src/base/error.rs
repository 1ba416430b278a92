//! Errors that stop a run. Each names the file, and where it can, the line and column, shows the
//! offending line and says what was expected.

use std::fmt;

use super::message::{Arg, Message};

/// A message as its id and arguments (`read-no-items path=a.log`): this layer cannot reach
/// the catalog, which `render` holds, so a library user who wants the words calls
/// `render::error::error`. The id is stable across languages, so what this shows can be
/// matched on, never a sentence.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show_message(f, self)
    }
}

/// A message as its id and arguments; a message as an argument in parentheses.
fn show_message(f: &mut fmt::Formatter<'_>, message: &Message) -> fmt::Result {
    f.write_str(message.id)?;
    for (name, value) in &message.args {
        match value {
            Arg::Text(text) => write!(f, " {name}={}", one_line(text))?,
            Arg::Number(n) => write!(f, " {name}={n}")?,
            Arg::Message(inner) => {
                write!(f, " {name}=(")?;
                show_message(f, inner)?;
                f.write_str(")")?;
            }
        }
    }
    Ok(())
}

/// Where in an input something went wrong: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The input's path as the user named it.
    pub path: String,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// The offending line as text, for display under the message.
    pub line_text: String,
}

/// An input that cannot be read as what it claims to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// Where the input went wrong.
    pub at: Position,
    /// What went wrong, in one line.
    pub message: Message,
    /// What would have been read there instead (shown as `= expected …`).
    pub expected: Message,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (message, expected) = (self.message.to_string(), self.expected.to_string());
        self.show(f, &message, &format!("expected {expected}"))
    }
}

impl InputError {
    /// The error as it is shown, with its message and what was expected in words (`expected
    /// …`, as the reader's language says it): the message, then where, the line with a caret
    /// under the column, then what was expected.
    pub fn show(&self, f: &mut dyn fmt::Write, message: &str, expected: &str) -> fmt::Result {
        let at = &self.at;
        let number = at.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(f, "{message}")?;
        writeln!(
            f,
            "{pad}--> {}:{}:{}",
            one_line(&at.path),
            at.line,
            at.column
        )?;
        writeln!(f, "{pad} |")?;
        // The line is a capture's: a password on it is masked.
        let line = crate::base::secrets::neutral().mask_line(&at.line_text);
        writeln!(f, "{number} | {line}")?;
        let caret_pad: String = at
            .line_text
            .chars()
            .take(at.column.saturating_sub(1) as usize)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        writeln!(f, "{pad} | {caret_pad}^")?;
        write!(f, "{pad} = {expected}")
    }
}

/// A path as one line of a message: a file name may hold line breaks and other control
/// characters, which would start a line of their own (a CI runner reads `::error::` at the
/// start of any line) or drive the terminal. They are shown as escapes, by the one sanitiser.
fn one_line(path: &str) -> String {
    crate::base::text::sanitize(path)
}

/// Everything that makes `carryover` exit with status 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("{}: {source}", one_line(.path))]
    Io {
        /// The path the operation was on.
        path: String,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// An input that does not parse, with the offending line shown.
    #[error("{0}")]
    Input(Box<InputError>),
    /// A whole file is wrong (not a known format, inconsistent, unsafe to write), where no
    /// single line is to blame.
    #[error("{}: {message}{}", one_line(.path), after(.causes))]
    File {
        /// The file at fault.
        path: String,
        /// What is wrong with it.
        message: Message,
        /// The errors it comes from (each file of a folder that could not be read), shown
        /// after it.
        causes: Vec<Error>,
    },
    /// A file that yields no configuration at all: no vendor reads it as a capture (a README,
    /// a note beside the captures). Shown like [`Error::File`]; git's diff drivers show such a
    /// file as text instead.
    #[error("{}: {message}{}", one_line(.path), after(.causes))]
    NotACapture {
        /// The file.
        path: String,
        /// What it looked like, and what was expected.
        message: Message,
        /// The errors it comes from (reading it as what it looked most like), shown after it.
        causes: Vec<Error>,
    },
    /// The command line asks for something that cannot be done (a missing or conflicting flag,
    /// a capability the vendor lacks).
    #[error("{0}")]
    Usage(Message),
}

/// The errors an error comes from, each after a line break, after the error itself.
fn after(causes: &[Error]) -> String {
    causes.iter().map(|e| format!("\n{e}")).collect()
}

impl Error {
    /// An I/O failure on `path`.
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A problem with the file at `path` as a whole.
    pub fn file(path: impl Into<String>, message: Message) -> Self {
        Error::File {
            path: path.into(),
            message,
            causes: Vec::new(),
        }
    }

    /// A file that yields no configuration at all: what it looked like, what was expected.
    pub(crate) fn not_a_capture(path: impl Into<String>, message: Message) -> Self {
        Error::NotACapture {
            path: path.into(),
            message,
            causes: Vec::new(),
        }
    }

    /// The error with the errors it comes from, shown after it: a problem with a file or a
    /// folder as a whole that several other errors, or one of another kind, explain. An error
    /// of another kind is returned as it is.
    pub fn because(mut self, errors: Vec<Error>) -> Self {
        if let Error::File { causes, .. } | Error::NotACapture { causes, .. } = &mut self {
            causes.extend(errors);
        }
        self
    }

    /// A command line that asks for something that cannot be done.
    pub fn usage(message: Message) -> Self {
        Error::Usage(message)
    }

    /// A parse failure at `at`: what went wrong and what was expected there.
    pub fn input(at: Position, message: Message, expected: Message) -> Self {
        Error::Input(Box::new(InputError {
            at,
            message,
            expected,
        }))
    }
}

/// The crate's result type: [`Error`] unless said otherwise.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What the operating system said, as a message of the catalog where its kind is a common one
/// (so a Japanese reader reads Japanese), with the system's error number when it gave one;
/// else the system's own words.
pub fn os_reason(e: &std::io::Error) -> Message {
    match (os_kind(e), e.raw_os_error()) {
        (Some(kind), Some(code)) => {
            crate::message!(
                "os-error-numbered",
                reason = kind,
                code = code.unsigned_abs()
            )
        }
        (Some(kind), None) => kind,
        (None, _) => crate::message!("os-other", reason = e.to_string()),
    }
}

/// The catalog's message for a common kind of system error.
fn os_kind(e: &std::io::Error) -> Option<Message> {
    use std::io::ErrorKind as Kind;
    Some(match e.kind() {
        Kind::NotFound => crate::message!("os-not-found"),
        Kind::PermissionDenied => crate::message!("os-permission-denied"),
        Kind::AlreadyExists => crate::message!("os-already-exists"),
        Kind::IsADirectory => crate::message!("os-is-a-directory"),
        Kind::NotADirectory => crate::message!("os-not-a-directory"),
        Kind::DirectoryNotEmpty => crate::message!("os-directory-not-empty"),
        Kind::ReadOnlyFilesystem => crate::message!("os-read-only-filesystem"),
        Kind::StorageFull => crate::message!("os-storage-full"),
        Kind::TimedOut => crate::message!("os-timed-out"),
        Kind::ConnectionRefused => crate::message!("os-connection-refused"),
        Kind::ConnectionReset => crate::message!("os-connection-reset"),
        Kind::BrokenPipe => crate::message!("os-broken-pipe"),
        Kind::UnexpectedEof => crate::message!("os-unexpected-eof"),
        _ => return None,
    })
}

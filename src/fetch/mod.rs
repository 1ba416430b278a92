//! Collecting captures from the appliances themselves: what every vendor's fetcher is given
//! ([`Target`]) and gives back ([`Fetched`]), and the plumbing they share: connections with
//! timeouts and TLS ([`net`]), answers read within bounds ([`bounded`]), and credentials that
//! never reach an output ([`Secret`]). Nothing here names a vendor; a vendor's fetcher is its
//! [`crate::vendors::Fetch`] capability.

pub mod bounded;
pub mod inventory;
pub mod net;
pub(crate) mod scrub;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::base::error::Error;
use crate::base::message::{Arg, Message};

/// A password or a token. It is shown as `<secret>` by `Debug` and `Display`, so it cannot
/// reach a message or a log by accident; `Secret::expose` is the one way to its text, for the
/// connection alone.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// A secret holding `text`.
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    /// The secret's text, to send to the appliance and nowhere else.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with this secret, in any form an appliance may echo it in (JSON-escaped,
    /// percent-encoded, base64, ...), shown as `<secret>`: for a message that quotes an answer.
    pub(crate) fn hidden_in(&self, text: &str) -> String {
        scrub::Scrubber::new(&[self.expose()]).masked(text)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::base::secrets::MASK)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::base::secrets::MASK)
    }
}

/// How to trust the appliance's certificate.
#[derive(Debug, Clone, Default)]
pub struct TlsOptions {
    /// Talk in the clear (`--plaintext`): no TLS at all.
    pub plaintext: bool,
    /// PEM certificates to trust besides the built-in roots (`--ca FILE`): an appliance's
    /// self-signed certificate, or a private CA's.
    pub ca: Option<PathBuf>,
    /// Accept any certificate (`--insecure`): warned about on every run.
    pub insecure: bool,
}

/// One appliance to fetch from, and how.
#[derive(Debug, Clone)]
pub struct Target {
    /// The host name or address to connect to, as the user gave it.
    pub host: String,
    /// The port; `None`: the vendor's default for TLS or plaintext.
    pub port: Option<u16>,
    /// The user to log in as (MOS), if the vendor needs one.
    pub user: Option<String>,
    /// The password (MOS) or the API token (SpamTitan).
    pub secret: Option<Secret>,
    /// TLS or not, and whom to trust.
    pub tls: TlsOptions,
    /// The limit for connecting and for each read.
    pub timeout: Duration,
}

/// What a fetch wrote.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The appliance's name, as `track` names its file (validated by
    /// [`crate::write::file_stem`]).
    pub appliance: String,
    /// The capture written: a file or a capture folder under the folder given.
    pub path: PathBuf,
    /// Where the capture was written instead, when the fetcher leaves putting it at `path`
    /// to the caller: a hidden file beside it, moved into place once the run shows that no
    /// other host answered as the same appliance (removed otherwise).
    pub staged: Option<PathBuf>,
    /// What the appliance would not give (a refused command, a failed call): the capture
    /// lacks it, and coverage says so when the capture is read.
    pub not_captured: Vec<Message>,
}

/// Why fetching from one appliance failed, as a message of the catalog (`render` puts it in
/// words). Each message names no secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The connection could not be made, or broke: worth one more try.
    Connection(Message),
    /// Anything else (refused login, a hostile or broken answer, a timeout, a file not
    /// written): trying again would not help.
    Failed(Message),
}

impl FetchError {
    /// Whether one more try may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, FetchError::Connection(_))
    }

    /// What the error says.
    pub fn message(&self) -> &Message {
        match self {
            FetchError::Connection(m) | FetchError::Failed(m) => m,
        }
    }

    /// The same kind of error, saying `wrap(what it said)`: where it happened, around why.
    pub fn map(self, wrap: impl FnOnce(Message) -> Message) -> FetchError {
        match self {
            FetchError::Connection(m) => FetchError::Connection(wrap(m)),
            FetchError::Failed(m) => FetchError::Failed(wrap(m)),
        }
    }

    /// The error with every text argument, however deep, passed through `change` (a secret
    /// masked).
    pub(crate) fn map_text(self, change: &dyn Fn(&str) -> String) -> FetchError {
        self.map(|m| map_text(m, change))
    }
}

/// The message's id and arguments, as a [`Message`] shows them: words are `render`'s.
impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for FetchError {}

/// `message` with every text argument, however deep, passed through `change`.
pub(crate) fn map_text(mut message: Message, change: &dyn Fn(&str) -> String) -> Message {
    for (_, arg) in &mut message.args {
        *arg = match std::mem::replace(arg, Arg::Number(0)) {
            Arg::Text(text) => Arg::Text(change(&text)),
            Arg::Message(inner) => Arg::Message(Box::new(map_text(*inner, change))),
            number => number,
        };
    }
    message
}

/// An error of the layers below, as one message on one line: the file, the line and column
/// where it has them, and what it says.
pub(crate) fn error_message(e: &Error) -> Message {
    match e {
        Error::Io { path, source } => {
            crate::message!("error-io", path = path, reason = source.to_string())
        }
        Error::Input(input) => crate::message!(
            "fetch-error-at",
            path = &input.at.path,
            line = input.at.line,
            column = input.at.column,
            error = Arg::from(input.message.clone()),
            expected = Arg::from(input.expected.clone())
        ),
        Error::File {
            path,
            message,
            causes,
        }
        | Error::NotACapture {
            path,
            message,
            causes,
        } => {
            // Each error it comes from follows it, as `render::error` shows them.
            let error = causes
                .iter()
                .fold(Arg::from(message.clone()), |error, cause| {
                    crate::message!(
                        "fetch-error-with-cause",
                        error = error,
                        cause = error_message(cause)
                    )
                    .into()
                });
            crate::message!("fetch-error-in", path = path, error = error)
        }
        Error::Usage(said) => crate::message!("fetch-error", error = Arg::from(said.clone())),
    }
}

/// An I/O failure on `path`, as the message of a fetch error.
pub(crate) fn io_message(path: &std::path::Path, e: &std::io::Error) -> Message {
    crate::message!(
        "error-io",
        path = path.display().to_string(),
        reason = e.to_string()
    )
}

/// A secret read from a file (`--password-file`, `file:` in the inventory): the file must be
/// readable by its owner alone, and the secret is its first line.
pub(crate) fn secret_from_file(path: &std::path::Path) -> crate::base::error::Result<Secret> {
    let shown = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(&shown, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = metadata.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(Error::file(
                shown,
                crate::message!("fetch-secret-file-readable", mode = format!("{mode:03o}")),
            ));
        }
    }
    if !metadata.is_file() {
        return Err(Error::file(
            shown,
            crate::message!("fetch-secret-file-not-a-file"),
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(&shown, e))?;
    let first = text.lines().next().unwrap_or("");
    if first.is_empty() {
        return Err(Error::file(
            shown,
            crate::message!("fetch-secret-file-empty"),
        ));
    }
    Ok(Secret::new(first))
}

/// A secret from an environment variable (`--password-env`, `--token-env`, `env:`). The
/// variable's name is shown in messages only when it looks like one (`RG01_PASSWORD`): a
/// password typed there by mistake is not repeated.
pub(crate) fn secret_from_env(name: &str) -> crate::base::error::Result<Secret> {
    let looks_like_a_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    let variable = || {
        if looks_like_a_name {
            crate::message!("fetch-env-variable", name = name)
        } else {
            crate::message!("fetch-env-variable-unnamed")
        }
    };
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => Ok(Secret::new(value)),
        Ok(_) => Err(Error::usage(crate::message!(
            "fetch-secret-env-empty",
            variable = variable()
        ))),
        Err(_) => Err(Error::usage(crate::message!(
            "fetch-secret-env-not-set",
            variable = variable()
        ))),
    }
}

/// How one appliance's fetch went (`render::fetch` shows it, in words or JSON).
#[derive(Debug)]
pub struct Outcome {
    /// The host as the user named it.
    pub host: String,
    /// The vendor's id.
    pub vendor: String,
    /// How many tries it took (a connection error is tried once more).
    pub tries: u8,
    /// The port connected to, when not the vendor's default.
    pub port: Option<u16>,
    /// What was written, if the fetch succeeded.
    pub result: Status,
    /// The capture as written, before it is moved into place ([`Fetched::staged`]).
    pub staged: Option<PathBuf>,
}

/// The result of one appliance's fetch, for [`Outcome`].
#[derive(Debug)]
pub enum Status {
    /// A capture was written.
    Fetched {
        /// The appliance's name (the file `track` writes for it).
        appliance: String,
        /// The capture written.
        path: String,
        /// Lines of the capture.
        lines: u64,
        /// Lines that did not become model data.
        not_understood: u64,
        /// What the appliance would not give.
        not_captured: Vec<Message>,
    },
    /// Nothing was written; an earlier capture of the appliance is left as it was.
    Failed {
        /// Why.
        error: Message,
    },
}

impl Outcome {
    /// Whether a capture was written.
    pub(crate) fn is_fetched(&self) -> bool {
        matches!(self.result, Status::Fetched { .. })
    }
}

/// What `--commit` did.
#[derive(Debug, Default, serde::Serialize, schemars::JsonSchema)]
pub struct Committed {
    /// The files the commit holds, as `A path` (added) or `M path` (changed).
    pub files: Vec<String>,
    /// The commit's message; empty when nothing changed and no commit was made.
    pub message: String,
}

/// How many per-read timeouts one command's whole answer may take: an appliance that trickles
/// an answer forever is cut off.
pub const ANSWER_TIMEOUTS: u32 = 4;

/// A line session with `target`: connected on its port, or on `default_port`, with TLS as
/// asked, and read within the limits and the target's timeout. Every vendor whose appliance
/// talks in lines opens its session here.
pub(crate) fn open_session(
    target: &Target,
    default_port: u16,
) -> Result<bounded::Reader<net::Connection>, FetchError> {
    let port = target.port.unwrap_or(default_port);
    let connection = net::connect(&target.host, port, &target.tls, target.timeout)?;
    Ok(bounded::Reader::new(
        connection,
        bounded::Limits::default(),
        target.timeout,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_masked_in_every_text_argument_however_deep() {
        let refused = crate::message!(
            "fetch-mos-login-refused",
            user = "admin",
            reason = "NO s3cret"
        );
        let error = FetchError::Failed(crate::message!(
            "fetch-at-command",
            command = "login admin s3cret",
            error = refused
        ));
        let hidden = error.map_text(&|text: &str| text.replace("s3cret", "<secret>"));
        let shown = format!("{hidden} {hidden:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(
            hidden.to_string().contains("reason=NO <secret>"),
            "{hidden}"
        );
        assert!(!hidden.is_transient());
    }

    #[test]
    fn an_error_of_the_reading_layers_keeps_its_message_as_an_argument() {
        let said = crate::message!("fetch-inventory-empty");
        let e = Error::file("caps/rg01.log", said.clone());
        let message = error_message(&e);
        assert_eq!(message.id, "fetch-error-in");
        assert_eq!(message.arg("error"), Some(&Arg::from(said.clone())));
    }
}

//! Reading an appliance's answers within bounds: a line longer than [`Limits::line`], a
//! literal larger than [`Limits::literal`], more than [`Limits::total`] bytes in all, or an
//! answer that takes longer than its deadline is an error, never unbounded memory or a hang.

use std::io::{BufRead, BufReader, Read};
use std::time::{Duration, Instant};

use super::net::{is_timeout, secs};
use super::FetchError;
use crate::message;

/// How much an appliance may send.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes in one line.
    pub line: usize,
    /// Bytes in one literal.
    pub literal: usize,
    /// Bytes in the whole session.
    pub total: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            line: 1 << 20,
            literal: 64 << 20,
            total: 1 << 30,
        }
    }
}

/// Something whose reads can be given a timeout (a socket).
pub trait Timed {
    /// Sets how long one read may wait.
    fn set_read_timeout(&self, timeout: Duration) -> std::io::Result<()>;
}

impl Timed for super::net::Connection {
    fn set_read_timeout(&self, timeout: Duration) -> std::io::Result<()> {
        super::net::Connection::set_read_timeout(self, timeout)
    }
}

/// A reader of lines and literals within [`Limits`] and a deadline.
pub struct Reader<R: Read + Timed> {
    inner: BufReader<R>,
    limits: Limits,
    read: u64,
    /// How long one read may wait.
    timeout: Duration,
    /// When the answer being read must be complete.
    deadline: Option<Instant>,
}

impl<R: Read + Timed> Reader<R> {
    /// A reader over `inner`, each read waiting at most `timeout`.
    pub fn new(inner: R, limits: Limits, timeout: Duration) -> Reader<R> {
        Reader {
            inner: BufReader::new(inner),
            limits,
            read: 0,
            timeout,
            deadline: None,
        }
    }

    /// The stream under the reader, to write to.
    pub fn get_mut(&mut self) -> &mut R {
        self.inner.get_mut()
    }

    /// From now on, reads must be done by `deadline` as well (the whole answer to a command).
    pub(crate) fn set_deadline(&mut self, deadline: Option<Instant>) {
        self.deadline = deadline;
    }

    /// Sets the next read's timeout: the smaller of the per-read timeout and what is left
    /// until the deadline.
    fn arm(&mut self) -> Result<(), FetchError> {
        let wait = match self.deadline {
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(FetchError::Failed(message!("fetch-answer-too-long")));
                }
                left.min(self.timeout)
            }
            None => self.timeout,
        };
        self.inner
            .get_ref()
            .set_read_timeout(wait)
            .map_err(|e| FetchError::Connection(message!("fetch-reason", reason = e.to_string())))
    }

    fn io_error(&self, e: std::io::Error) -> FetchError {
        if is_timeout(&e) {
            if self.deadline.is_some_and(|d| Instant::now() >= d) {
                FetchError::Failed(message!("fetch-answer-too-long"))
            } else {
                FetchError::Failed(message!("fetch-answer-silent", wait = secs(self.timeout)))
            }
        } else if matches!(
            e.kind(),
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted
        ) {
            FetchError::Connection(message!("fetch-connection-broke", reason = e.to_string()))
        } else {
            FetchError::Failed(message!("fetch-read-failed", reason = e.to_string()))
        }
    }

    fn count(&mut self, n: usize) -> Result<(), FetchError> {
        self.read += n as u64;
        if self.read > self.limits.total {
            return Err(FetchError::Failed(message!(
                "fetch-session-too-large",
                limit = self.limits.total
            )));
        }
        Ok(())
    }

    /// Fills the buffer within the timeout and the deadline; how many bytes it holds, 0 when
    /// the appliance closed the connection.
    fn fill(&mut self) -> Result<usize, FetchError> {
        loop {
            self.arm()?;
            match self.inner.fill_buf() {
                Ok(buffer) => return Ok(buffer.len()),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.io_error(e)),
            }
        }
    }

    /// One line with its line ending (`\n` or `\r\n`). `Ok(None)`: the appliance closed the
    /// connection before sending anything more.
    pub fn line(&mut self) -> Result<Option<Vec<u8>>, FetchError> {
        let mut line = Vec::new();
        loop {
            if self.fill()? == 0 {
                if line.is_empty() {
                    return Ok(None);
                }
                return Err(FetchError::Failed(message!("fetch-closed-mid-line")));
            }
            let buffer = self.inner.buffer();
            let (take, done) = match memchr::memchr(b'\n', buffer) {
                Some(at) => (at + 1, true),
                None => (buffer.len(), false),
            };
            if line.len() + take > self.limits.line {
                return Err(FetchError::Failed(message!(
                    "fetch-line-too-long",
                    limit = self.limits.line
                )));
            }
            line.extend_from_slice(&buffer[..take]);
            self.inner.consume(take);
            self.count(take)?;
            if done {
                return Ok(Some(line));
            }
        }
    }

    /// Exactly `n` bytes (a literal's body).
    pub fn exact(&mut self, n: usize) -> Result<Vec<u8>, FetchError> {
        if n > self.limits.literal {
            return Err(FetchError::Failed(message!(
                "fetch-literal-too-large",
                size = n,
                limit = self.limits.literal
            )));
        }
        let mut body = Vec::with_capacity(n.min(1 << 16));
        while body.len() < n {
            if self.fill()? == 0 {
                return Err(FetchError::Failed(message!(
                    "fetch-closed-mid-literal",
                    read = body.len(),
                    size = n
                )));
            }
            let buffer = self.inner.buffer();
            let take = buffer.len().min(n - body.len());
            body.extend_from_slice(&buffer[..take]);
            self.inner.consume(take);
            self.count(take)?;
        }
        Ok(body)
    }
}

//! The source layer: bytes in, clean text out.
//!
//! A capture's telnet negotiation is removed, then it is decoded (UTF-8, UTF-16, Shift_JIS,
//! EUC-JP, ... detected on evidence or forced); old-Mac line ends become LF and a byte order
//! mark inside it is a file seam (`seams`). A terminal log's noise is removed (emulator
//! timestamps and headers, pager prompts; the known habits are data in [`habits`]), each line
//! reads as the screen showed it after its line editing (`screen`), and look-alike characters
//! in command lines read as ASCII (`lookalike`). A data file (a list, a CSV) is never replayed
//! as terminal output. Every line ending becomes LF. Lines are never added or removed, so line
//! `n` of [`Source::text`] is line `n` of the file, and every later layer can name positions in
//! the user's own terms.

mod clean;
mod decode;
pub mod habits;
pub mod junk;
mod lookalike;
mod screen;
mod seams;
mod secret_literal;

use std::path::Path;
use std::sync::Arc;

use encoding_rs::Encoding;
use serde::Serialize;

use crate::base::error::{Error, Position, Result};
use crate::base::message::Message;

pub use clean::Cleaning;
pub(crate) use lookalike::{fold_line as fold_lookalikes, prompt_len};

/// How standard input is named in messages and provenance.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether a path argument means standard input (`-`, as most tools take it).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Standard input, whole; a second read in one run is an error rather than an empty capture.
fn read_stdin() -> Result<Vec<u8>> {
    use std::io::Read;
    use std::sync::atomic::{AtomicBool, Ordering};
    static TAKEN: AtomicBool = AtomicBool::new(false);
    if TAKEN.swap(true, Ordering::SeqCst) {
        return Err(Error::usage(crate::message!("source-stdin-twice")));
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(STDIN_NAME, e))?;
    Ok(bytes)
}

/// One input file, decoded and cleaned.
#[derive(Debug)]
pub struct Source {
    /// The path as the user named it.
    pub path: Arc<str>,
    /// Decoded text with LF line endings and terminal noise removed. Shared: the lists read
    /// from it keep their entries as spans of it rather than copies.
    pub text: Arc<String>,
    /// The encoding the bytes were read in.
    pub encoding: &'static Encoding,
    /// What the source layer changed, so that nothing is removed silently.
    pub cleaning: Cleaning,
    /// Problems that did not stop reading (undecodable bytes, ...), with their line.
    pub warnings: Vec<(u32, Message)>,
    /// Lines that held a pager prompt (`--More--`) alone, now empty, in order: no part of a
    /// value that runs across them.
    pub pager_lines: Vec<u32>,
    /// Lines whose pager prompt the terminal erased before what the line now shows, in order.
    pub pager_erased_lines: Vec<u32>,
}

/// What a reader reports about a source it read, for `--provenance` and diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SourceInfo {
    /// The path as the user named it.
    pub path: Arc<str>,
    /// The encoding it was read in.
    pub encoding: String,
    /// Lines that ended in CRLF.
    pub crlf_lines: u64,
    /// Terminal timestamps removed.
    pub timestamps_removed: u64,
    /// ANSI escape sequences removed.
    pub escapes_removed: u64,
    /// Pager prompts (`--More--`) removed.
    pub pagers_removed: u64,
    /// Lines in the file.
    pub lines: u64,
    /// Lines that did not become model data (what `--unrecognized` lists); set by the reader.
    pub not_understood: u64,
}

impl Source {
    /// Reads and decodes a file; `-` is standard input, named `<stdin>` in messages and read
    /// at most once a run. `encoding` forces an encoding instead of detecting one.
    pub fn read(path: &Path, encoding: Option<&'static Encoding>) -> Result<Source> {
        if is_stdin(path) {
            return Source::from_bytes(STDIN_NAME, read_stdin()?, encoding);
        }
        let display = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(&display, e))?;
        Source::from_bytes(&display, bytes, encoding)
    }

    /// Reads and decodes a file that messages and evidence call `name`.
    pub(crate) fn read_as(
        path: &Path,
        name: &str,
        encoding: Option<&'static Encoding>,
    ) -> Result<Source> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(name, e))?;
        Source::from_bytes(name, bytes, encoding)
    }

    /// Decodes and cleans bytes already in memory. `path` is only used in messages.
    pub fn from_bytes(
        path: &str,
        bytes: Vec<u8>,
        encoding: Option<&'static Encoding>,
    ) -> Result<Source> {
        let (text, encoding, mut warnings) = decode_text(path, bytes, encoding)?;
        let (text, prefix) = clean::strip_shared_prefix(text);
        if let Some(prefix) = prefix {
            warnings.push((1, prefix));
        }
        let (text, mut cleaning, pagers) = clean::clean_noting_pagers(text);
        if cleaning.timestamps > 0 {
            let said = crate::message!("source-timestamps-removed", count = cleaning.timestamps);
            warnings.push((cleaning.first_timestamp, said));
        }
        if cleaning.unreplayed_lines > 0 {
            let said = crate::message!(
                "reading-line-not-replayed",
                count = cleaning.unreplayed_lines,
                limit = clean::REPLAY_LIMIT
            );
            warnings.push((cleaning.first_unreplayed, said));
        }
        let (text, lookalikes, changed_values) = lookalike::normalise(text);
        cleaning.lookalike_lines = lookalikes;
        warnings.extend(changed_values);
        Ok(Source {
            path: Arc::from(path),
            text: Arc::new(text),
            encoding,
            cleaning,
            warnings,
            pager_lines: pagers.alone,
            pager_erased_lines: pagers.erased,
        })
    }

    /// Reads a data file (a list, a CSV export), which no terminal showed: only its line ends
    /// become LF. A carriage return inside a line is data inside double quotes and an error
    /// outside them, never a line end or an overwrite.
    pub fn read_data(path: &Path, encoding: Option<&'static Encoding>) -> Result<Source> {
        let display = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(&display, e))?;
        Source::data_from_bytes(&display, bytes, encoding)
    }

    /// [`Source::read_data`] for bytes already in memory.
    pub fn data_from_bytes(
        path: &str,
        bytes: Vec<u8>,
        encoding: Option<&'static Encoding>,
    ) -> Result<Source> {
        let hide = |e| hide_csv_row(path, e);
        let (text, encoding, warnings) = decode_text(path, bytes, encoding).map_err(hide)?;
        let (text, crlf_lines) = seams::data_line_ends(path, text).map_err(hide)?;
        Ok(Source {
            path: Arc::from(path),
            text: Arc::new(text),
            encoding,
            cleaning: Cleaning {
                crlf_lines,
                ..Cleaning::default()
            },
            warnings,
            pager_lines: Vec::new(),
            pager_erased_lines: Vec::new(),
        })
    }

    /// A source made from text that needs no decoding (tests, generated input).
    pub fn from_text(path: &str, text: &str) -> Source {
        Source::from_bytes(path, text.as_bytes().to_vec(), Some(encoding_rs::UTF_8))
            .expect("text without NUL bytes always decodes as UTF-8")
    }

    /// Line and column (1-based, column in characters) of a byte offset in [`Source::text`].
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let before = &self.text.as_bytes()[..offset];
        let line = memchr::memchr_iter(b'\n', before).count() as u32 + 1;
        let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[start..])
            .map_or(self.text.len(), |i| start + i);
        Position {
            path: self.path.to_string(),
            line,
            column: self.text[start..offset].chars().count() as u32 + 1,
            line_text: shown_line(&self.text[start..end], self.text.as_bytes(), start),
        }
    }

    /// How many bytes `text` took in the file's own encoding: literal counts refer to those.
    pub fn encoded_len(&self, text: &str) -> usize {
        if self.encoding == encoding_rs::UTF_8 || text.is_ascii() {
            return text.len();
        }
        let (bytes, _, _) = self.encoding.encode(text);
        bytes.len()
    }

    /// How many lines the file has (a last line without its line break counts).
    pub(crate) fn line_count(&self) -> u64 {
        let breaks = memchr::memchr_iter(b'\n', self.text.as_bytes()).count() as u64;
        breaks + u64::from(!self.text.is_empty() && !self.text.ends_with('\n'))
    }

    /// The text every non-blank line starts with, when there is one: a prefix of a paste
    /// that the source layer does not know (it removes indentation and `> ` itself), for an
    /// error that says why nothing could be read.
    pub(crate) fn shared_prefix(&self) -> Option<&str> {
        let mut lines = self.text.lines().filter(|l| !l.trim().is_empty());
        let first = lines.next()?;
        let mut len = first.len();
        let mut count = 1;
        for line in lines {
            count += 1;
            len = first
                .char_indices()
                .zip(line.chars())
                .find(|((_, a), b)| a != b)
                .map_or(len.min(line.len()), |((i, _), _)| i.min(len));
        }
        let prefix = first[..len].trim_end();
        (count >= 2 && !prefix.is_empty()).then_some(&first[..len])
    }

    /// What the source layer reports about this source.
    pub fn info(&self) -> SourceInfo {
        SourceInfo {
            path: self.path.clone(),
            encoding: self.encoding.name().to_string(),
            crlf_lines: self.cleaning.crlf_lines,
            timestamps_removed: self.cleaning.timestamps,
            escapes_removed: self.cleaning.escapes,
            pagers_removed: self.cleaning.pagers,
            lines: self.line_count(),
            not_understood: 0,
        }
    }
}

/// Problems that did not stop reading, each with its line.
type Warnings = Vec<(u32, Message)>;

/// Bytes to text: telnet negotiation out, then decoded (NUL bytes refused), old-Mac line ends
/// made LF and byte order marks inside the text taken as file seams; with what was changed.
fn decode_text(
    path: &str,
    bytes: Vec<u8>,
    encoding: Option<&'static Encoding>,
) -> Result<(String, &'static Encoding, Warnings)> {
    let mut warnings = Vec::new();
    let wide = encoding
        .filter(|e| *e == encoding_rs::UTF_16LE || *e == encoding_rs::UTF_16BE)
        .or_else(|| decode::utf16(&bytes));
    let mut bytes = bytes;
    if wide.is_none() {
        let (stripped, telnet) = seams::strip_telnet(bytes);
        bytes = stripped;
        warnings.extend(telnet);
        if let Some(at) = memchr::memchr(0, &bytes) {
            return Err(nul_error(path, &bytes, at));
        }
    }
    let decoded = decode::decode(path, bytes, encoding)?;
    if let Some(at) = memchr::memchr(0, decoded.text.as_bytes()) {
        return Err(nul_error(path, decoded.text.as_bytes(), at));
    }
    warnings.extend(decoded.warnings);
    let (text, cr_only) = seams::cr_line_ends(decoded.text);
    warnings.extend(cr_only);
    let (text, seams_found) = seams::bom_seams(text);
    warnings.extend(seams_found);
    Ok((text, decoded.encoding, warnings))
}

/// How many characters of the line with a NUL byte are shown at most: a binary file's "line"
/// may run for megabytes.
const NUL_LINE_SHOWN: usize = 120;

/// The error for the NUL byte (or character) at `at` of `text`, with its line and column and
/// the line shown: binary data is no capture. Bytes not yet decoded are shown as UTF-8, each
/// invalid one as U+FFFD.
fn nul_error(path: &str, text: &[u8], at: usize) -> Error {
    let before = &text[..at];
    let line = memchr::memchr_iter(b'\n', before).count() as u32 + 1;
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |i| at + i);
    let head = String::from_utf8_lossy(&text[start..at]);
    let column = head.chars().count() + 1;
    if column > NUL_LINE_SHOWN {
        let said = crate::message!("source-nul-byte-far", line = line, column = column);
        return Error::file(path, said);
    }
    let tail = String::from_utf8_lossy(&text[at..end]);
    let tail: String = tail.chars().take(NUL_LINE_SHOWN + 1 - column).collect();
    let at = Position {
        path: path.to_string(),
        line,
        column: column as u32,
        line_text: shown_line(&format!("{head}{tail}"), text, start),
    };
    Error::input(
        at,
        crate::message!("source-nul-byte"),
        crate::message!("source-nul-byte-expected"),
    )
}

/// `error` with the line it quotes shown as `<secret>` when it is a row of a CSV data file:
/// a row may hold a password (`domains.csv`'s LDAP column) that nothing on it names. Its line
/// and column still say where.
fn hide_csv_row(path: &str, error: Error) -> Error {
    match error {
        Error::Input(mut e) if path.to_ascii_lowercase().ends_with(".csv") => {
            e.at.line_text = crate::base::secrets::MASK.to_string();
            Error::Input(e)
        }
        other => other,
    }
}

/// The line that starts at byte `start` of `text`, as an error shows it: `<secret>` when it is
/// a secret sent as a literal, which nothing on the line itself would mask.
fn shown_line(line: &str, text: &[u8], start: usize) -> String {
    match secret_literal::holds(text, start) {
        true => crate::base::secrets::MASK.to_string(),
        false => line.to_string(),
    }
}

/// Looks an encoding up by any of its WHATWG labels (`shift_jis`, `sjis`, `euc-jp`, `utf-8`, ...).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_characters_not_bytes() {
        let source = Source::from_text("t.log", "a\n日本語 x\n");
        let offset = source.text.find('x').unwrap();
        let at = source.position(offset);
        assert_eq!((at.line, at.column), (2, 5));
        assert_eq!(at.line_text, "日本語 x");
    }

    #[test]
    fn nul_bytes_are_refused_with_their_line_and_column() {
        let err = Source::from_bytes("b.bin", b"ok\nbad\0x\nz".to_vec(), None).unwrap_err();
        let Error::Input(err) = err else {
            panic!("{err}")
        };
        assert_eq!((err.at.line, err.at.column), (2, 4));
        assert_eq!(err.at.line_text, "bad\0x");
        // Far along a long line, the line is not shown: only where.
        let mut long = vec![b'a'; 5000];
        long[4000] = 0;
        let err = Source::from_bytes("b.bin", long, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "b.bin: source-nul-byte-far line=1 column=4001"
        );
        // Near the start of a long line, as much of it is shown as is bounded.
        let mut long = vec![b'a'; 5000];
        long[3] = 0;
        let err = Source::from_bytes("b.bin", long, None).unwrap_err();
        let Error::Input(err) = err else {
            panic!("{err}")
        };
        assert_eq!(err.at.column, 4);
        assert_eq!(err.at.line_text.chars().count(), NUL_LINE_SHOWN);
    }

    #[test]
    fn encoded_len_counts_shift_jis_bytes() {
        let bytes = encoding_rs::SHIFT_JIS.encode("容量超過\r\n").0.into_owned();
        let source = Source::from_bytes("q.log", bytes, None).unwrap();
        assert_eq!(source.encoding, encoding_rs::SHIFT_JIS);
        assert_eq!(source.encoded_len("容量超過\n"), 9);
    }
}

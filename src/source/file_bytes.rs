//! A file's bytes, read on both cores when it is large: copying a 200 MB capture out of the
//! page cache, and the page faults of the fresh buffer, cost a core a tenth of a second before
//! any reading can start.

use std::path::Path;

/// The whole file, as `std::fs::read` gives it.
#[cfg(not(unix))]
pub(crate) fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// The whole file, as `std::fs::read` gives it.
#[cfg(unix)]
pub(crate) fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    use std::os::unix::fs::FileExt;
    // Below this a file is read in one piece: splitting it would cost more than it saves.
    const SPLIT_FROM: u64 = 16 << 20;

    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let Some(size) = usize::try_from(size).ok().filter(|_| size >= SPLIT_FROM) else {
        return std::fs::read(path);
    };
    // Reserved first, as `std::fs::read` does: a file too large for memory (a core dump in a
    // capture folder) is an error of its own, never an abort.
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(size)
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
    bytes.resize(size, 0);
    let (first, second) = bytes.split_at_mut(size / 2);
    let (a, b) = rayon::join(
        || file.read_exact_at(first, 0),
        || file.read_exact_at(second, (size / 2) as u64),
    );
    match a.and(b) {
        Ok(()) => {}
        // The file shrank while it was read (a log being rotated): read it again whole, as it
        // is now, rather than keep a buffer ending in zeros.
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return std::fs::read(path),
        Err(e) => return Err(e),
    }
    // A file that grew while it was read (a session still being logged) is read to its end,
    // as `std::fs::read` would.
    file.seek(SeekFrom::Start(size as u64))?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    #[test]
    fn a_large_file_reads_back_byte_for_byte() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        // Every byte depends on its offset, so a half read to the wrong place shows.
        let bytes: Vec<u8> = (0..(16usize << 20) + 4099)
            .map(|i| (i % 251) as u8 ^ (i >> 16) as u8)
            .collect();
        file.write_all(&bytes).unwrap();
        assert_eq!(super::read(file.path()).unwrap(), bytes);
    }

    #[test]
    fn a_small_file_and_an_empty_one_read_whole() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        assert_eq!(super::read(file.path()).unwrap(), b"");
        file.write_all(b"version\r\nMOS4.1.9-GA\r\n").unwrap();
        assert_eq!(
            super::read(file.path()).unwrap(),
            b"version\r\nMOS4.1.9-GA\r\n"
        );
    }

    #[test]
    fn a_missing_file_is_an_error() {
        let folder = tempfile::tempdir().unwrap();
        assert!(super::read(&folder.path().join("rg01.log")).is_err());
    }
}

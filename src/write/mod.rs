//! Writing a run's output files all or nothing: every file is first written to a temporary
//! file in its target folder, and the temporary files are renamed into place only when all of
//! them are complete. On an error the temporary files, and the folders this run created, are
//! removed; on a signal that ends the process (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1,
//! SIGUSR2, SIGALRM) the temporary files are removed before it ends; one it was started
//! ignoring stays ignored. SIGKILL cannot be caught: it may leave a hidden `.carryover-*` file. A
//! failed run leaves the user's files as they were. Standard output and devices (a pipe,
//! `/dev/null`) are written here too, as they are: this is the one writer of every subcommand.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::base::error::{Error, Result};

/// Whether a path names something other than a regular file or nothing (a device, a pipe,
/// a socket), following links, or one of the process's open descriptors (`/dev/stdout`,
/// `/dev/fd/3`): such a path is written to as it is, never replaced.
pub(crate) fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) || names_a_descriptor(path)
}

/// Whether `path`, or a link on the way from it, names an open descriptor of the process:
/// `/dev/stdin`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/PID/fd/N` (and a task's).
/// On Linux these are links to what the descriptor has open, which is a regular file when
/// standard output is redirected to one (`-o /dev/stdout > out.txt`): replacing the name would
/// put a new file in `/dev` (and its plan file beside it) instead of writing to the output.
fn names_a_descriptor(path: &Path) -> bool {
    let mut at = lexical(path);
    // A bound on the links followed, as the kernel's own (40).
    for _ in 0..40 {
        let parts: Vec<&str> = at
            .components()
            .filter_map(|part| match part {
                std::path::Component::Normal(name) => name.to_str(),
                _ => None,
            })
            .collect();
        let number = |n: &&str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        let descriptor = match parts.as_slice() {
            ["dev", "stdin" | "stdout" | "stderr"] => true,
            ["dev", "fd", n] | ["proc", _, "fd", n] | ["proc", _, "task", _, "fd", n] => number(n),
            _ => false,
        };
        if descriptor {
            return true;
        }
        let Ok(target) = std::fs::read_link(&at) else {
            return false;
        };
        // A relative target is relative to the link's folder; an absolute one replaces it.
        at = lexical(&at.parent().unwrap_or(Path::new("/")).join(target));
    }
    false
}

/// Writes to a device or a pipe as it is (`/dev/null`, `/dev/stdout`, a FIFO): replacing it
/// with a file would break it. Appending: a descriptor's name that leads to a regular file
/// (`-o /dev/stdout >> log`) is written where the shell left it, at its end, not over its
/// start; a device or a pipe has no end to keep.
pub(crate) fn to_device(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .and_then(|mut f| {
            // A terminal (`-o /dev/tty`, `-o /dev/stdout` on one) is shown text as standard
            // output shows it there: nothing from a capture may drive it.
            let shown = match std::io::IsTerminal::is_terminal(&f) {
                true => std::str::from_utf8(bytes)
                    .ok()
                    .map(crate::base::text::terminal_safe),
                false => None,
            };
            let bytes = shown.as_deref().map_or(bytes, str::as_bytes);
            std::io::Write::write_all(&mut f, bytes)
        })
        .map_err(|e| Error::io(path.display().to_string(), e))
}

/// Bytes on standard output as they are (a script in the encoding it is sent in).
pub fn to_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    quiet_on_closed_pipe(
        std::io::Write::write_all(&mut out, bytes).and_then(|_| std::io::Write::flush(&mut out)),
    )
}

/// A closed pipe (`| head`) is not an error of ours.
pub fn quiet_on_closed_pipe(result: std::io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::io("<stdout>", e)),
    }
}

/// One output: to the file named, atomically (a `private` file, one holding secrets, readable
/// by its owner only), to a device as it is, or to standard output (`None`).
pub fn output(file: Option<&Path>, bytes: &[u8], private: bool) -> Result<()> {
    match file {
        Some(path) if is_special(path) => to_device(path, bytes),
        Some(path) => atomically(&[(path.to_path_buf(), bytes)], private),
        None => to_stdout(bytes),
    }
}

/// A main output and the files that go with it (a restore script, its runbook and import
/// files), all or nothing: the files, and the main output when it is a file, are written
/// atomically together (folders made inside `making`); a main output to standard output or a
/// device is written only once every file is in place, so a failed run shows nothing to
/// paste.
pub fn with_files(
    main: (Option<&Path>, Vec<u8>),
    mut files: Vec<(PathBuf, Vec<u8>)>,
    private: bool,
    making: Option<&Path>,
) -> Result<()> {
    let (file, bytes) = main;
    let later = match file {
        Some(path) if !is_special(path) => {
            files.push((path.to_path_buf(), bytes));
            None
        }
        _ => Some(bytes),
    };
    atomically_making(&files, private, making)?;
    match (later, file) {
        (Some(bytes), Some(path)) => to_device(path, &bytes),
        (Some(bytes), None) => to_stdout(&bytes),
        (None, _) => Ok(()),
    }
}

/// [`with_files`], the main output written as it is made: `make` writes it (to its temporary
/// file, when it is a file) and gives back what it found on the way, from which `files` makes
/// the files that go with it (a plan file naming the script's digest). Nothing is put in
/// place until every file is complete; a failure of either leaves the user's files as they
/// were.
pub fn streamed_with_files<T>(
    main: Option<&Path>,
    make: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<T>,
    files: impl FnOnce(&mut T) -> Vec<(PathBuf, Vec<u8>)>,
    private: bool,
    making: Option<&Path>,
) -> Result<T> {
    let Some(path) = main.filter(|p| !is_special(p)) else {
        // Standard output or a device: written once every file is in place, as a whole.
        let mut bytes = Vec::new();
        let mut made = make(&mut bytes).map_err(|e| Error::io("<stdout>", e))?;
        with_files((main, bytes), files(&mut made), private, making)?;
        return Ok(made);
    };
    let mut created = Vec::new();
    let result = (|| {
        let mut main = temporary(path, private, making, &mut created)?;
        let shown = path.display().to_string();
        let mut out = std::io::BufWriter::new(main.0.as_file_mut());
        let mut made = make(&mut out)
            .and_then(|made| out.flush().map(|()| made))
            .map_err(|e| Error::io(&shown, without_temp_name(e)))?;
        drop(out);
        let files = files(&mut made);
        none_named_twice(files.iter().map(|(path, _)| path.as_path()).chain([path]))?;
        let mut pending = Vec::new();
        let (devices, files): (Vec<_>, Vec<_>) = files.iter().partition(|(p, _)| is_special(p));
        for (path, contents) in files {
            pending.push(written(path, contents, private, making, &mut created)?);
        }
        pending.push(main);
        put_in_place(pending)?;
        to_devices(&devices)?;
        Ok(made)
    })();
    if result.is_err() {
        remove_created(&created);
    }
    result
}

/// Writes each `(path, contents)` into existing folders. A new file is created 0666 less the
/// umask, a `private` one 0600 less the umask; a file replaced keeps its mode (a private one
/// at most 0600) and, where the process may, its owner (see the `mode` module). Contents are text or
/// bytes (a script in the encoding it is sent in).
pub fn atomically<C: AsRef<[u8]>>(files: &[(PathBuf, C)], private: bool) -> Result<()> {
    atomically_making(files, private, None)
}

/// As [`atomically`], and the missing folders of files inside `make` (an output folder the
/// user named, and its subfolders) are made as well; on failure they are removed again.
pub(crate) fn atomically_making<C: AsRef<[u8]>>(
    files: &[(PathBuf, C)],
    private: bool,
    make: Option<&Path>,
) -> Result<()> {
    let mut created = Vec::new();
    let result = write_all(files, private, make, &mut created);
    if result.is_err() {
        remove_created(&created);
    }
    result
}

/// Refuses a run two of whose outputs are one file, however they are spelt (`x.txt` and
/// `./x.txt`, a runbook named as the script's plan file, a script among the import files):
/// the later would overwrite the earlier, and one output would be lost without a word.
fn none_named_twice<'p>(paths: impl Iterator<Item = &'p Path>) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for path in paths {
        if !seen.insert(file_key(path)) {
            return Err(Error::file(
                path.display().to_string(),
                crate::message!("write-named-twice"),
            ));
        }
    }
    Ok(())
}

/// A file's path as one key for every spelling of it: its folder resolved where it exists
/// (links, `.` and `..`), else the absolute path with `.` and `..` taken lexically.
fn file_key(path: &Path) -> PathBuf {
    let lexical = lexical(path);
    match (lexical.parent(), lexical.file_name()) {
        (Some(folder), Some(name)) => folder
            .canonicalize()
            .map_or_else(|_| lexical.clone(), |folder| folder.join(name)),
        _ => lexical,
    }
}

/// The absolute path, `.` and `..` taken lexically (no link is followed).
fn lexical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut lexical = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    lexical
}

/// The folders a failed run made, removed: deepest first, and only while empty, never a
/// folder that holds anything.
fn remove_created(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

fn write_all<C: AsRef<[u8]>>(
    files: &[(PathBuf, C)],
    private: bool,
    make: Option<&Path>,
    created: &mut Vec<PathBuf>,
) -> Result<()> {
    none_named_twice(files.iter().map(|(path, _)| path.as_path()))?;
    let mut pending = Vec::new();
    let (devices, files): (Vec<_>, Vec<_>) = files.iter().partition(|(p, _)| is_special(p));
    for (path, contents) in files {
        pending.push(written(path, contents.as_ref(), private, make, created)?);
    }
    put_in_place(pending)?;
    to_devices(&devices)
}

/// The outputs named by a device or a pipe (`--runbook /dev/null`), written as they are once
/// the files are in place: a rename over one would put a file in the device's place.
fn to_devices<C: AsRef<[u8]>>(devices: &[&(PathBuf, C)]) -> Result<()> {
    for (path, contents) in devices {
        to_device(path, contents.as_ref())?;
    }
    Ok(())
}

/// A temporary file beside its target, the signal handler's to remove, and the target.
type Pending = (tempfile::NamedTempFile, cleanup::Registered, PathBuf);

/// A temporary file for `path` holding `contents`.
fn written(
    path: &Path,
    contents: &[u8],
    private: bool,
    make: Option<&Path>,
    created: &mut Vec<PathBuf>,
) -> Result<Pending> {
    let mut pending = temporary(path, private, make, created)?;
    let shown = path.display().to_string();
    let temp = &mut pending.0;
    temp.write_all(contents)
        .and_then(|_| temp.flush())
        .map_err(|e| Error::io(&shown, without_temp_name(e)))?;
    Ok(pending)
}

/// An empty temporary file in `path`'s folder (made, with its parents, when it is inside
/// `make`), created readable by its owner only when `private`.
fn temporary(
    path: &Path,
    private: bool,
    make: Option<&Path>,
    created: &mut Vec<PathBuf>,
) -> Result<Pending> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if make.is_some_and(|m| dir.starts_with(m)) {
        create_dirs(dir, private, created)?;
    }
    let shown = path.display().to_string();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".carryover-");
    #[cfg(unix)]
    let replaced = mode::replaced(path);
    #[cfg(unix)]
    builder.permissions(mode::created(private, replaced.is_some()));
    let temp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io(&shown, without_temp_name(e)))?;
    // Registered before a byte is written: a signal from here on removes it.
    let guard = cleanup::Registered::new(temp.path());
    #[cfg(unix)]
    if let Some(replaced) = replaced {
        mode::keep(temp.as_file(), &replaced, private)
            .map_err(|e| Error::io(&shown, without_temp_name(e)))?;
    }
    Ok((temp, guard, path.to_path_buf()))
}

/// The mode and owner of the files and folders a run makes (Unix).
///
/// A new file is created with mode 0666 (0600 when it is private, holding secrets), and a
/// new folder with 0777 (0700), as `open(O_CREAT)` and `mkdir` are asked by any tool: the
/// kernel takes the umask off at creation, or applies the folder's default ACL where it has
/// one. The umask is never read: reading it portably means setting it and setting it back
/// (`umask(2)` has no read-only form), which races any other thread creating a file at that
/// moment, and even `Umask:` in `/proc/self/status` (Linux 4.7 and later) would not know a
/// default ACL. Leaving it to the kernel is exact and has no race.
///
/// A file replaced (a regular file already there, not a link) that the process's user owns
/// keeps its permission bits and, where the process may give it, its group, as editors do: an
/// admin's 0640 or group-shared 0660 output stays so. A private file keeps at most its owner's
/// read and write bits (mode & 0600), so a file written with secrets is never more open than
/// 0600. A file another user owns gives nothing: the new one is the process's user's, made as
/// a new file is. Its owner could otherwise read secrets written into it, or, in a shared
/// folder, plant a file whose mode lets them change the script before it is applied.
#[cfg(unix)]
mod mode {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::path::Path;

    /// What a file being replaced had: its permission bits and group.
    pub(super) struct Replaced {
        mode: u32,
        gid: u32,
    }

    /// The regular file at `path` the process's user owns, if there is one (a link is replaced
    /// by a file, as always, and is not followed; a device or a pipe is never replaced; a file
    /// of another user's gives the new one nothing).
    pub(super) fn replaced(path: &Path) -> Option<Replaced> {
        let metadata = std::fs::symlink_metadata(path).ok()?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let ours = metadata.uid() == unsafe { libc::geteuid() };
        (metadata.is_file() && ours).then(|| Replaced {
            mode: metadata.mode() & 0o777,
            gid: metadata.gid(),
        })
    }

    /// The mode a temporary file is created with, before the umask: 0666, or 0600 when it is
    /// private or takes a replaced file's mode (set before a byte is written: until then it
    /// is open to no one else).
    pub(super) fn created(private: bool, replacing: bool) -> std::fs::Permissions {
        std::fs::Permissions::from_mode(if private || replacing { 0o600 } else { 0o666 })
    }

    /// The mode a new folder is made with, before the umask.
    pub(super) fn folder(private: bool) -> u32 {
        if private {
            0o700
        } else {
            0o777
        }
    }

    /// Gives the temporary file the replaced file's group where the process may (root; or a
    /// group its user is in), silently not where it may not, then its mode. Special bits
    /// (setuid, setgid, sticky) are not kept: new contents are not what they were given to.
    pub(super) fn keep(
        file: &std::fs::File,
        replaced: &Replaced,
        private: bool,
    ) -> std::io::Result<()> {
        if file.metadata()?.gid() != replaced.gid {
            // Group first: a change of group may clear the mode's special bits, and the mode
            // is set after it.
            let _ = std::os::unix::fs::fchown(file, None, Some(replaced.gid));
        }
        let mode = if private {
            replaced.mode & 0o600
        } else {
            replaced.mode
        };
        file.set_permissions(std::fs::Permissions::from_mode(mode))
    }
}

/// Every temporary file complete: each is renamed into place.
fn put_in_place(pending: Vec<Pending>) -> Result<()> {
    // A folder in a file's place would fail its rename after others were done: refuse first.
    if let Some((_, _, path)) = pending.iter().find(|(_, _, p)| p.is_dir()) {
        return Err(Error::file(
            path.display().to_string(),
            crate::message!("write-is-a-folder"),
        ));
    }
    pause_for_tests();
    // Every file is complete: only now is any of them put in place.
    for (temp, guard, path) in pending {
        let result = temp.persist(&path);
        drop(guard);
        result.map_err(|e| Error::io(path.display().to_string(), without_temp_name(e.error)))?;
    }
    Ok(())
}

/// The operating system's reason alone: tempfile adds the temporary file's name to its
/// errors, and a message names only the user's own path.
fn without_temp_name(error: std::io::Error) -> std::io::Error {
    use std::io::ErrorKind;
    // tempfile keeps the operating system's error inside one that names the temporary file,
    // and shows no code: the common kinds are given back their code, so that the message reads
    // as the system says it (`No such file or directory`), not as Rust's kind name.
    let code = error.raw_os_error().or(match error.kind() {
        ErrorKind::NotFound => Some(libc::ENOENT),
        ErrorKind::PermissionDenied => Some(libc::EACCES),
        ErrorKind::AlreadyExists => Some(libc::EEXIST),
        ErrorKind::ReadOnlyFilesystem => Some(libc::EROFS),
        ErrorKind::StorageFull => Some(libc::ENOSPC),
        ErrorKind::NotADirectory => Some(libc::ENOTDIR),
        _ => None,
    });
    match code {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::from(error.kind()),
    }
}

/// A test hook: with `CARRYOVER_TEST_PAUSE_AT=FILE`, a run that has written its temporary
/// files creates FILE and waits (up to a minute) for it to be removed, so a test can interrupt
/// it at exactly that point and check that nothing is left behind.
fn pause_for_tests() {
    let Some(flag) = std::env::var_os("CARRYOVER_TEST_PAUSE_AT") else {
        return;
    };
    let flag = PathBuf::from(flag);
    if std::fs::write(&flag, "").is_err() {
        return;
    }
    for _ in 0..600 {
        if !flag.exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Creates `dir` and its missing parents, recording each folder it created: as `mkdir` does
/// (0777 less the umask), or readable by the owner only when the files are `private`.
fn create_dirs(dir: &Path, private: bool, created: &mut Vec<PathBuf>) -> Result<()> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at {
        if d.as_os_str().is_empty() || d.exists() {
            break;
        }
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, mode::folder(private));
    #[cfg(not(unix))]
    let _ = private;
    for d in missing.into_iter().rev() {
        match builder.create(&d) {
            Ok(()) => created.push(d),
            // Another writer of the same run (track writes appliances in parallel) made it
            // first: it is there, and not ours to remove.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => return Err(Error::io(d.display().to_string(), e)),
        }
    }
    Ok(())
}

/// Temporary files to remove when the process is interrupted. The signal handler may only do
/// async-signal-safe work, so the paths sit in a fixed table of atomic pointers, and the
/// handler only unlinks them and re-raises the signal.
/// The file name an appliance's host name gives: its first label, lower-cased. Anything but
/// letters, digits, `-` and `_`, a leading `-`, or more than 63 bytes (a DNS label's limit) is
/// an error, so no name can leave its folder or hide.
pub fn file_stem(host: &str) -> std::result::Result<String, crate::base::message::Message> {
    let stem = host.split('.').next().unwrap_or(host).to_ascii_lowercase();
    let safe = stem
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    if stem.is_empty() || !safe || stem.starts_with('-') || stem.len() > 63 {
        return Err(crate::message!("write-host-cannot-name-file", host = host));
    }
    Ok(stem)
}

#[cfg(test)]
mod race_tests {
    use super::*;

    #[test]
    fn writers_racing_to_make_one_folder_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let root = root.clone();
                std::thread::spawn(move || {
                    let file = root.join("vendor").join(format!("host{i}.ron"));
                    atomically_making(&[(file, "x")], false, Some(&root))
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap().unwrap();
        }
        assert_eq!(std::fs::read_dir(root.join("vendor")).unwrap().count(), 8);
    }
}

#[cfg(unix)]
mod cleanup {
    use std::ffi::CString;
    use std::path::Path;
    use std::sync::atomic::{AtomicPtr, Ordering};
    use std::sync::Once;

    const SLOTS: usize = 256;
    static PATHS: [AtomicPtr<libc::c_char>; SLOTS] =
        [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS];
    static INSTALL: Once = Once::new();

    extern "C" fn on_signal(signal: libc::c_int) {
        for slot in &PATHS {
            let path = slot.load(Ordering::SeqCst);
            if !path.is_null() {
                // SAFETY: the pointer came from `CString::into_raw` and is freed only after it
                // left the table; unlink and signal are async-signal-safe.
                unsafe { libc::unlink(path) };
            }
        }
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    fn install() {
        INSTALL.call_once(|| {
            // The signals that end a process by default and that a person, a session or a job
            // control sends: a dropped ssh session hangs up. A signal the process was started
            // ignoring (`nohup`, a background job of a shell script) stays ignored.
            let ending = [
                libc::SIGINT,
                libc::SIGTERM,
                libc::SIGHUP,
                libc::SIGQUIT,
                libc::SIGUSR1,
                libc::SIGUSR2,
                libc::SIGALRM,
            ];
            for signal in ending {
                // SAFETY: the handler only does async-signal-safe work (above); the previous
                // disposition is put back when it was to ignore.
                unsafe {
                    let before = libc::signal(
                        signal,
                        on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
                    );
                    if before == libc::SIG_IGN {
                        libc::signal(signal, libc::SIG_IGN);
                    }
                }
            }
        });
    }

    /// A temporary file's path in the table while it lives.
    pub struct Registered(Option<usize>);

    impl Registered {
        /// Puts `path` in the table (when there is room: beyond 256 files at once, a file is
        /// only removed by the ordinary error path).
        pub fn new(path: &Path) -> Registered {
            install();
            use std::os::unix::ffi::OsStrExt;
            let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
                return Registered(None);
            };
            let raw = c.into_raw();
            for (i, slot) in PATHS.iter().enumerate() {
                if slot
                    .compare_exchange(
                        std::ptr::null_mut(),
                        raw,
                        Ordering::SeqCst,
                        Ordering::SeqCst,
                    )
                    .is_ok()
                {
                    return Registered(Some(i));
                }
            }
            // SAFETY: `raw` came from `into_raw` above and was not stored.
            drop(unsafe { CString::from_raw(raw) });
            Registered(None)
        }
    }

    impl Drop for Registered {
        fn drop(&mut self) {
            if let Some(slot) = self.0.and_then(|i| PATHS.get(i)) {
                let raw = slot.swap(std::ptr::null_mut(), Ordering::SeqCst);
                if !raw.is_null() {
                    // SAFETY: `raw` came from `into_raw` and is out of the table now.
                    drop(unsafe { CString::from_raw(raw) });
                }
            }
        }
    }
}

#[cfg(not(unix))]
mod cleanup {
    use std::path::Path;

    /// Elsewhere the ordinary error path removes temporary files.
    pub struct Registered;

    impl Registered {
        /// Nothing to register.
        pub fn new(_: &Path) -> Registered {
            Registered
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_named_twice_however_spelt_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("x.txt");
        let spelt = dir.path().join(".").join("sub").join("..").join("x.txt");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let err = atomically(&[(a.clone(), "one"), (spelt, "two")], false).unwrap_err();
        assert!(format!("{err:?}").contains("write-named-twice"), "{err:?}");
        assert!(!a.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only `sub`"
        );
        let b = dir.path().join("y.txt");
        atomically(&[(a.clone(), "one"), (b, "two")], false).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "one");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_among_the_outputs_is_written_to_not_replaced() {
        // A FIFO is a special file any user can make; a reader drains it.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test with
        }
        let reading = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let file = dir.path().join("x.txt");
        atomically(&[(file.clone(), "one"), (fifo.clone(), "two")], false).unwrap();
        // Still a FIFO (checked first: a reader of a FIFO nobody writes would wait forever).
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reading.join().unwrap(), "two");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "one");
    }

    #[test]
    fn a_descriptors_name_is_special_and_a_file_beside_one_is_not() {
        for name in [
            "/dev/stdout",
            "/dev/stderr",
            "/dev/fd/3",
            "/proc/self/fd/1",
            "/proc/1234/task/1235/fd/2",
            "/dev/./fd/../fd/4",
        ] {
            assert!(names_a_descriptor(Path::new(name)), "{name}");
        }
        for name in [
            "/dev/shm/restore.txt",
            "/dev/stdout.plan",
            "/proc/self/fdinfo/1",
            "/dev/fd/x",
            "restore.txt",
        ] {
            assert!(!names_a_descriptor(Path::new(name)), "{name}");
        }
        #[cfg(unix)]
        {
            // A link of one's own to a descriptor's name, relative or not.
            let dir = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink("/dev/fd/1", dir.path().join("out")).unwrap();
            std::os::unix::fs::symlink("out", dir.path().join("again")).unwrap();
            assert!(names_a_descriptor(&dir.path().join("again")));
            assert!(!names_a_descriptor(&dir.path().join("again.plan")));
        }
    }

    #[test]
    fn a_failed_file_leaves_every_other_file_and_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("runbook.md");
        std::fs::write(&kept, "old").unwrap();
        let files = vec![
            (kept.clone(), "new".to_string()),
            (dir.path().join("imports/lists/a.txt"), "a".to_string()),
            (dir.path().join("blocker/x"), String::new()),
        ];
        // A folder that cannot be made: a file holds its name.
        std::fs::write(dir.path().join("blocker"), "").unwrap();
        assert!(atomically_making(&files, false, Some(dir.path())).is_err());
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "old");
        assert!(!dir.path().join("imports").exists());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
    }

    #[test]
    fn a_folder_in_the_place_of_a_file_fails_before_anything_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("runbook.md");
        std::fs::write(&kept, "old").unwrap();
        std::fs::create_dir(dir.path().join("restore.sh")).unwrap();
        let files = vec![
            (kept.clone(), "new".to_string()),
            (dir.path().join("restore.sh"), "script".to_string()),
        ];
        assert!(atomically(&files, false).is_err());
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}

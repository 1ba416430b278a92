//! The modes of the files and folders a run writes: a new one as the umask says (as any Unix
//! tool makes a file), a private one (`--show-secrets`) never more open than 0600, a file
//! replaced keeping its mode; a descriptor's name (`/dev/stdout`) is written through; and a
//! script written where no plan file can go beside it says so. The binary runs as a child with
//! its own umask: the tests' process keeps its own, which threads running other tests share.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;

use crate::common::root;

const BEFORE: &str = "samples/mos/rg01-4.1.9-before.log";
const ST01: &str = "samples/spamtitan/7.08/st01";

/// Runs the binary from the crate root with `umask` (set in the child, between fork and exec);
/// exit code and stderr.
fn run_with_umask(umask: u32, args: &[&str]) -> (i32, String) {
    let mut command = Command::cargo_bin("carryover").unwrap();
    command
        .current_dir(root())
        .args(args)
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1");
    // SAFETY: umask(2) is async-signal-safe, and nothing else runs in the child before exec.
    unsafe {
        command.pre_exec(move || {
            libc::umask(umask as libc::mode_t);
            Ok(())
        });
    }
    let out = command.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A path's permission bits.
fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().mode() & 0o7777
}

/// Every file and folder below `dir` (itself left out), with its mode.
fn modes_below(dir: &Path) -> Vec<(String, bool, u32)> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let shown = e.path().strip_prefix(dir).unwrap().display().to_string();
            (shown, e.file_type().is_dir(), mode(e.path()))
        })
        .collect()
}

#[test]
fn a_new_file_is_created_as_the_umask_says() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    for (umask, expected) in [(0o027, 0o640), (0o077, 0o600), (0o002, 0o664)] {
        let out = at(&format!("show-{umask:o}.ron"));
        let (code, err) = run_with_umask(umask, &["show", BEFORE, "-o", &out]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(mode(Path::new(&out)), expected, "umask {umask:03o}");
    }
    // A restore script, its plan file and its runbook alike.
    let (script, runbook) = (at("restore.txt"), at("runbook.md"));
    let args = ["restore", "--to", "4.2.3", BEFORE, "-o", &script];
    let (code, err) = run_with_umask(0o027, &[&args[..], &["--runbook", &runbook]].concat());
    assert_eq!(code, 0, "{err}");
    for file in [&script, &format!("{script}.plan"), &runbook] {
        assert_eq!(mode(Path::new(file)), 0o640, "{file}");
    }
    // `track`'s files and the folders it makes.
    let repo = dir.path().join("repo");
    let captures = dir.path().join("captures");
    std::fs::create_dir(&captures).unwrap();
    std::fs::copy(root().join(BEFORE), captures.join("rg01.log")).unwrap();
    let (code, err) = run_with_umask(
        0o027,
        &[
            "track",
            captures.to_str().unwrap(),
            "--into",
            repo.to_str().unwrap(),
        ],
    );
    assert!(code <= 1, "{err}");
    let written = modes_below(&repo);
    assert!(written.iter().any(|(name, _, _)| name.ends_with(".ron")));
    for (name, is_dir, mode) in written {
        assert_eq!(mode, if is_dir { 0o750 } else { 0o640 }, "{name}");
    }
}

#[test]
fn the_import_files_and_their_folders_follow_the_umask_and_private_ones_stay_the_owners() {
    let dir = tempfile::tempdir().unwrap();
    for (secrets, umask, file_mode, folder_mode) in [
        (false, 0o027, 0o640, 0o750),
        (false, 0o022, 0o644, 0o755),
        (true, 0o022, 0o600, 0o700),
        (true, 0o027, 0o600, 0o700),
        (true, 0o077, 0o600, 0o700),
    ] {
        let out = dir.path().join(format!("{secrets}-{umask:o}"));
        std::fs::create_dir(&out).unwrap();
        let script = out.join("restore.sh");
        let imports = out.join("imports");
        let mut args = vec![
            "restore",
            "--to",
            "7.09",
            "--all",
            ST01,
            "-o",
            script.to_str().unwrap(),
            "--import-files",
            imports.to_str().unwrap(),
        ];
        if secrets {
            args.push("--show-secrets");
        }
        let (code, err) = run_with_umask(umask, &args);
        assert_eq!(code, 0, "{err}");
        let written = modes_below(&out);
        assert!(written.len() > 5, "{written:?}");
        assert!(written.iter().any(|(_, is_dir, _)| *is_dir), "{written:?}");
        for (name, is_dir, mode) in written {
            let expected = if is_dir { folder_mode } else { file_mode };
            assert_eq!(
                mode, expected,
                "{name} with umask {umask:03o}, secrets {secrets}: {mode:o}"
            );
        }
    }
}

#[test]
fn a_replaced_file_keeps_its_mode_and_one_with_secrets_is_never_more_open_than_0600() {
    let dir = tempfile::tempdir().unwrap();
    // (the file's mode before, --show-secrets, its mode after); the umask is 022 throughout,
    // so that keeping a mode and making a new file differ.
    for (before, secrets, after) in [
        (0o640, false, 0o640),
        (0o600, false, 0o600),
        (0o660, false, 0o660),
        (0o755, false, 0o755),
        (0o644, true, 0o600),
        (0o664, true, 0o600),
        (0o640, true, 0o600),
        (0o400, true, 0o400),
    ] {
        for command in ["show", "restore"] {
            let out = dir
                .path()
                .join(format!("{command}-{before:o}-{secrets}.txt"));
            std::fs::write(&out, "old").unwrap();
            std::fs::set_permissions(&out, std::fs::Permissions::from_mode(before)).unwrap();
            let mut args = match command {
                "show" => vec!["show", BEFORE],
                _ => vec!["restore", "--to", "4.2.3", BEFORE],
            };
            args.extend(["-o", out.to_str().unwrap()]);
            if secrets {
                args.push("--show-secrets");
            }
            let (code, err) = run_with_umask(0o022, &args);
            assert_eq!(code, 0, "{args:?}: {err}");
            assert_ne!(std::fs::read(&out).unwrap(), b"old", "{args:?}");
            assert_eq!(mode(&out), after, "{args:?}: was {before:o}");
        }
    }
}

/// A file replaced that another user owns gives the new one nothing: not its owner (who could
/// then read the secrets written into it), not its mode (which a user could plant in a shared
/// folder, to change a script before it is applied). One the runner owns keeps its group.
/// Only root can make a file of another user's here; elsewhere the first half says nothing.
#[test]
fn a_replaced_file_of_another_users_gives_the_new_one_neither_owner_nor_mode() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: geteuid and getegid have no preconditions.
    let (uid, gid) = unsafe { (libc::geteuid(), libc::getegid()) };
    if uid == 0 {
        for secrets in [false, true] {
            let out = dir.path().join(format!("planted-{secrets}.ron"));
            std::fs::write(&out, "old").unwrap();
            std::os::unix::fs::chown(&out, Some(4321), Some(8765)).unwrap();
            std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o666)).unwrap();
            let mut args = vec!["show", BEFORE, "-o", out.to_str().unwrap()];
            if secrets {
                args.push("--show-secrets");
            }
            let (code, err) = run_with_umask(0o022, &args);
            assert_eq!(code, 0, "{err}");
            let metadata = std::fs::metadata(&out).unwrap();
            assert_eq!((metadata.uid(), metadata.gid()), (0, gid), "{args:?}");
            let made = if secrets { 0o600 } else { 0o644 };
            assert_eq!(metadata.mode() & 0o7777, made, "{args:?}");
        }
        // The runner's own file in another group keeps it (root may give any group).
        let out = dir.path().join("shared.ron");
        std::fs::write(&out, "old").unwrap();
        std::os::unix::fs::chown(&out, None, Some(8765)).unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o660)).unwrap();
        let (code, err) = run_with_umask(0o022, &["show", BEFORE, "-o", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let metadata = std::fs::metadata(&out).unwrap();
        assert_eq!((metadata.uid(), metadata.gid()), (uid, 8765));
        assert_eq!(metadata.mode() & 0o7777, 0o660);
    } else {
        eprintln!("skipped: only root may make a file of another user's");
    }
}

/// Runs the binary with `args`, its output a FIFO that a thread reads: exit code, stderr, and
/// what the FIFO carried.
fn through_fifo(fifo: &Path, args: &[&str]) -> (i32, String, String) {
    let reader_path = fifo.to_path_buf();
    let reader = std::thread::spawn(move || std::fs::read_to_string(reader_path).unwrap());
    let (code, err) = run_with_umask(0o022, args);
    // Had nothing been written, the reader would wait for a writer for ever: be one, briefly.
    {
        use std::os::unix::fs::OpenOptionsExt;
        let _ = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(fifo);
    }
    (code, err, reader.join().unwrap())
}

/// Makes a FIFO at `fifo`: the arguments of a restore whose script goes there.
fn restore_into_a_new_fifo(fifo: &Path) -> [&str; 6] {
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    [
        "restore",
        "--to",
        "4.2.3",
        BEFORE,
        "-o",
        fifo.to_str().unwrap(),
    ]
}

/// A restore script written to a FIFO has no plan file beside it (`NAME.plan` would sit beside
/// a pipe, and `apply` cannot read a script from one): the run says so, and makes none.
#[test]
fn a_script_written_to_a_pipe_says_that_no_plan_file_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let args = restore_into_a_new_fifo(&fifo);
    let (code, err, script) = through_fifo(&fifo, &args);
    assert_eq!(code, 0, "{err}");
    assert!(script.contains("whitelistto"), "{script}");
    assert!(
        err.contains("no plan file was written") && err.contains("`carryover apply` cannot send"),
        "{err}"
    );
    assert!(!dir.path().join("pipe.plan").exists());
    // `-q` keeps it quiet, as every note.
    let (code, err, _) = through_fifo(&fifo, &[&["-q"][..], &args].concat());
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    // The Japanese catalog says it too.
    let (code, err, _) = through_fifo(&fifo, &[&["--lang", "ja"][..], &args].concat());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("プランファイルを書きませんでした"), "{err}");
    // A pipe's name is shown on one line, and nothing in it drives the terminal.
    let hostile = dir.path().join("p\u{1b}[31mRED\nX\u{202e}");
    let (code, err, _) = through_fifo(&hostile, &restore_into_a_new_fifo(&hostile));
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(!err.contains(['\u{1b}', '\u{202e}']), "{err:?}");
    assert!(err.contains("p\\u{1b}[31mRED\\nX"), "{err:?}");
}

/// `-o /dev/stdout` with standard output redirected to a file (Linux names a descriptor with a
/// link to what it has open: here a regular file) is written to standard output, not put as a
/// new file in the link's place with a plan file beside it. The link here is one of the test's
/// own, as `/dev/stdout` is.
#[cfg(target_os = "linux")]
#[test]
fn a_descriptors_name_leading_to_a_file_is_written_through_not_replaced() {
    if !Path::new("/proc/self/fd/1").exists() {
        eprintln!("skipped: no /proc/self/fd here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let redirected = dir.path().join("redirected.txt");
    let mut command = Command::cargo_bin("carryover").unwrap();
    let out = command
        .current_dir(root())
        .args(["restore", "--to", "4.2.3", BEFORE, "-o"])
        .arg(&link)
        .env("LC_ALL", "C")
        .stdout(Stdio::from(std::fs::File::create(&redirected).unwrap()))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    let script = std::fs::read_to_string(&redirected).unwrap();
    assert!(script.contains("whitelistto"), "{script}");
    assert!(!dir.path().join("stdout.plan").exists());
    assert!(err.contains("no plan file was written"), "{err}");
}

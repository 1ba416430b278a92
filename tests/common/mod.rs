//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use carryover::capture::{Capture, ReadOptions as Options};
use carryover::read;
use carryover::source::Source;

pub mod https_stub;
pub mod st_server;
pub mod st_stub;

/// Every `.rs` file below `dir`, into `out`.
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The crate root: tests name samples relative to it, as a user in a checkout would.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every MOS sample file (pairs included), as paths relative to the crate root.
pub fn mos_samples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(root().join("samples/mos"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root()).unwrap().to_path_buf())
        .collect();
    paths.sort();
    paths
}

/// Reads a source held in memory as if it were the file `name`.
pub fn capture_of(name: &str, bytes: Vec<u8>, options: &Options) -> Capture {
    let source = Source::from_bytes(name, bytes, options.encoding).unwrap();
    let mut capture = Capture::default();
    read::read_source(&source, options, &mut capture).unwrap();
    capture
}

/// insta settings that keep snapshots in the top-level `snapshots/` folder.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// Runs `f` with the working directory at the crate root, so paths print as `samples/...`.
pub fn at_root() {
    std::env::set_current_dir(root()).unwrap();
}

/// Runs the binary from the crate root, as a user in a checkout would, in the C locale; exit code
/// and stdout.
pub fn run(args: &[&str]) -> (i32, String) {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(root())
        .args(args)
        .env("LC_ALL", "C")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// Runs the binary and snapshots the command line, its exit code and its output together.
pub fn snap_run(name: &str, args: &[&str]) -> (i32, String) {
    let (code, out) = run(args);
    snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            name,
            format!("$ carryover {}\nexit {code}\n{out}", args.join(" "))
        );
    });
    (code, out)
}

/// Runs git in `dir` with a throwaway identity, no user or system configuration and the C locale;
/// its stdout.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LC_ALL", "C")
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Copies a folder and everything under it (a sample capture folder to vary in a temp dir).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the binary in `dir`: exit code, stdout as bytes (a script in its own encoding),
/// stderr.
pub fn run_bytes_in(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the binary from the crate root, colour off, in the C locale: exit code, stdout and stderr.
pub fn run_full(args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(root())
        .args(args)
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Runs `carryover track SRC --into REPO` with `args` after them, a throwaway git identity
/// and no user or system git configuration: its exit code, stdout and stderr.
pub fn track_with(src: &Path, repo: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .arg("track")
        .arg(src)
        .arg("--into")
        .arg(repo)
        .args(args)
        .env("LC_ALL", "C")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// [`track_with`] `--commit`, asserted to succeed: its exit code and stdout.
pub fn track_and_commit(src: &Path, repo: &Path) -> (i32, String) {
    let (code, out, err) = track_with(src, repo, &["--commit"]);
    assert_eq!(code, 0, "{err}");
    (code, out)
}

/// Whether git can be run here; the tests that need it say so and pass without it.
pub fn has_git() -> bool {
    std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

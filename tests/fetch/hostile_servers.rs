//! Defects found by attacking `fetch` with hostile admind servers, each held fixed: a password
//! echoed where masking did not look, a greeting that named one appliance for fetch and
//! another for track, a failed read-back that replaced the earlier capture.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

/// Serves one admind session: `greeting`, then each command's answer from `answer(tag, command)`
/// (`None`: an empty `OK`).
fn serve(greeting: &'static [u8], answer: fn(&str, &str) -> Option<Vec<u8>>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let _ = stream.write_all(greeting);
            let reader = BufReader::new(stream.try_clone().unwrap());
            for line in reader.lines() {
                let Ok(line) = line else { break };
                let (tag, command) = line.trim_end().split_once(' ').unwrap_or((&line, ""));
                let reply = match command.to_ascii_lowercase() {
                    c if c.starts_with("login") => {
                        format!("* {tag} \"sid\"\r\n{tag} OK\r\n").into_bytes()
                    }
                    c if c == "version" => answer(tag, &c).unwrap_or_else(|| {
                        format!("* {tag} \"MOS4.1.9-GA\"\r\n{tag} OK\r\n").into_bytes()
                    }),
                    c => answer(tag, &c).unwrap_or_else(|| format!("{tag} OK\r\n").into_bytes()),
                };
                if stream.write_all(&reply).is_err() {
                    break;
                }
            }
        }
    });
    port
}

fn fetch(port: u16, into: &Path, password: &str, extra: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("carryover")
        .unwrap()
        .args(["fetch", "127.0.0.1", "--plaintext", "--user", "admin"])
        .args([
            "--password-env",
            "ATTACK_PASSWORD",
            "--timeout",
            "2",
            "--port",
        ])
        .arg(port.to_string())
        .arg("--into")
        .arg(into)
        .args(extra)
        .env("ATTACK_PASSWORD", password)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        out.extend(std::fs::read(entry).unwrap());
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_password_echoed_in_a_data_lines_tag_place_reaches_no_file() {
    let port = serve(b"* OK rg01.example.net admind 4.1.9 ready\r\n", |tag, c| {
        (c == "version").then(|| {
            format!("* Hunter2pw \"MOS4.1.9-GA\"\r\n* {tag} \"MOS4.1.9-GA\"\r\n{tag} OK\r\n")
                .into_bytes()
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = fetch(port, dir.path(), "Hunter2pw", &[]);
    // Another tag's data is no answer to `version`: refused, and nothing written.
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("neither `* a002 ...` data"), "{stderr}");
    assert!(
        !stdout.contains("Hunter2pw") && !stderr.contains("Hunter2pw"),
        "{stderr}"
    );
    assert!(!holds(&all_bytes(dir.path()), "Hunter2pw"));
}

#[test]
fn a_password_echoed_as_login_quoted_it_reaches_no_output() {
    // `pa"ss\word` is sent as `"pa\"ss\\word"`; the appliance repeats that word.
    let port = serve(b"* OK rg01.example.net admind 4.1.9 ready\r\n", |tag, c| {
        (c == "version").then(|| {
            format!("* {tag} \"MOS4.1.9-GA\" \"pa\\\"ss\\\\word\"\r\n{tag} OK\r\n").into_bytes()
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let (_, stdout, stderr) = fetch(port, dir.path(), "pa\"ss\\word", &[]);
    for quoted in ["pa\\\"ss\\\\word", "pa\"ss\\word"] {
        assert!(!holds(&all_bytes(dir.path()), quoted), "{quoted}");
        assert!(
            !stdout.contains(quoted) && !stderr.contains(quoted),
            "{stderr}"
        );
    }
}

#[test]
fn a_greeting_with_a_carriage_return_names_one_appliance_for_fetch_and_track() {
    let port = serve(
        b"* OK evil.example.net admind 4.1.9 \rS: * OK rg01.example.net admind 4.1.9\r\n",
        |_, _| None,
    );
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("captures");
    let repo = dir.path().join("repo");
    let repo_arg = repo.display().to_string();
    let (code, stdout, stderr) = fetch(port, &into, "pw123456", &["--track", &repo_arg]);
    // A control character in the greeting is refused: nothing written, nothing tracked.
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("control character (0x0d)"), "{stderr}");
    assert!(walk(&into).is_empty(), "{:?}", walk(&into));
    assert!(!repo.join("mirapoint-mos").exists(), "{stdout}");
}

#[test]
fn a_fetch_that_fails_its_read_back_keeps_the_earlier_capture() {
    let port = serve(b"* OK rg01.example.net admind 4.1.9 ready\r\n", |tag, c| {
        (c == "smtp get fastpath").then(|| format!("* {tag} \"on\0\"\r\n{tag} OK\r\n").into_bytes())
    });
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("rg01.admind.txt");
    std::fs::write(&earlier, "the earlier capture\n").unwrap();
    let (code, stdout, stderr) = fetch(port, dir.path(), "pw123456", &[]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("control character (0x00)"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&earlier).unwrap(),
        "the earlier capture\n"
    );
}

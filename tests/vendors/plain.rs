//! The plain vendor (`src/vendors/plain/`, registered with the `test-vendor` feature) through
//! every vendor-neutral path: it is read, diffed, gapped, planned, captured, restored and
//! tracked through the registry, and fetched from a stub of its appliance on the loopback
//! interface. That a made-up vendor goes everywhere with only its folder and one registry
//! line is what shows that nothing outside `src/vendors/` knows a vendor.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use carryover::commands::restore::Request;
use carryover::model::{Config, VendorId, Version};
use carryover::ops::evaluate::Evidence;
use carryover::read::{read, read_split};
use carryover::render::restore::restore;
use carryover::vendors::{by_id, knowledge_of};
use common::run_full;

const BEFORE: &str = "# plain-appliance: box1\nmail.relay = on\nmail.size = 10\n";
const AFTER: &str = "# plain-appliance: box1\nmail.relay = off\nmail.size = 10\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_registry_reads_a_plain_capture() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "box1.txt", BEFORE);
    let capture = read(&[path], &Default::default()).unwrap();
    assert_eq!(capture.config.vendor.name(), "plain");
    assert_eq!(
        capture.config.appliance.hostname.as_ref().unwrap().value,
        "box1"
    );
    let settings = &capture.config.settings["system"];
    assert_eq!(settings["mail.relay"].value.to_string(), "on");
    assert_eq!(capture.unrecognized().count(), 0);
}

#[test]
fn diff_gaps_plan_and_restore_go_through_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(dir.path(), "before.txt", BEFORE);
    let after = write(dir.path(), "after.txt", AFTER);
    let (a, b) = (
        read(std::slice::from_ref(&before), &Default::default()).unwrap(),
        read(std::slice::from_ref(&after), &Default::default()).unwrap(),
    );
    let none = |_: &str| false;
    let options = carryover::ops::diff::DiffOptions {
        ignore: &none,
        show_secrets: false,
    };
    let differences = carryover::ops::diff::diff(&a.config, &b.config, &options);
    assert_eq!(differences.len(), 1);
    assert_eq!(differences[0].path, "settings/system/mail.relay");

    let split = read_split(&[after], &Default::default()).unwrap();
    let vendor = by_id(b.config.vendor).unwrap();
    let cx = Evidence {
        live: split.live.as_ref().map(|c| &c.config),
        export: split.export.as_ref().map(|c| &c.config),
        knowledge: knowledge_of(vendor).unwrap(),
        plan: vendor.capture_plan(),
    };
    let gaps = carryover::ops::gaps::gaps(&cx, None);
    let finding = gaps
        .findings
        .iter()
        .find(|f| f.rule == "PLAIN-2.0-1")
        .unwrap();
    assert_eq!(
        finding.remedy,
        [carryover::knowledge::Step::run("set mail.relay on")]
    );
    let plan = carryover::ops::plan::plan(&cx, &Version::parse("2.0").unwrap());
    assert!(plan.findings.iter().any(|f| f.rule == "PLAIN-2.0-1"));

    let request = Request {
        to: Version::parse("2.0").unwrap(),
        all: false,
        show_secrets: false,
        runbook: true,
        import_files: false,
        script_name: "fix.txt".into(),
        inputs: vec!["after.txt".into()],
        output_encoding: None,
    };
    let outputs = restore(&b, None, &request).unwrap();
    assert!(outputs.script.lines().any(|l| l == "set 'mail.relay' 'on'"));
    let runbook = outputs.runbook.unwrap();
    assert!(runbook.contains("Type `fix.txt` into the plain console."));
    assert!(runbook.contains("show mail.relay"), "{runbook}");
}

#[test]
fn import_files_leave_the_secret_out_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("import");
    let script = dir.path().join("fix.sh");
    let (code, _, err) = run_full(&[
        "restore",
        "--to",
        "2.0",
        "-o",
        script.to_str().unwrap(),
        "--import-files",
        into.to_str().unwrap(),
        "samples/plain/box1-1.0.txt",
    ]);
    assert!(code == 0 || code == 1, "{err}");
    let file = std::fs::read_to_string(into.join("plain-import.txt")).unwrap();
    assert!(file.contains("mail.relay = on\n"), "{file}");
    assert!(file.contains("mail.relay_key = \n"), "{file}");
    assert!(!file.contains("s3cret"), "{file}");
}

#[test]
fn capture_and_track_go_through_the_registry() {
    let vendor = by_id(VendorId("plain")).unwrap();
    let config = Config::new(vendor.id());
    let steps = carryover::commands::capture::plan(vendor, &config).unwrap();
    let text = carryover::render::capture::steps(&steps);
    assert!(text.contains("show all"));
    assert!(
        text.contains("show mail.relay") && text.contains("PLAIN-2.0-1"),
        "{text}"
    );

    let src = tempfile::tempdir().unwrap();
    let repo = tempfile::tempdir().unwrap();
    write(src.path(), "box1.txt", BEFORE);
    let report =
        carryover::commands::track::track(src.path(), repo.path(), &Default::default(), &|| {})
            .unwrap();
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    assert!(repo.path().join("plain/box1.ron").is_file());
}

#[test]
fn the_plain_vendor_is_used_when_named_and_listed_nowhere() {
    let (code, out, _) = run_full(&["capture", "--vendor", "plain"]);
    assert_eq!(code, 0);
    assert!(out.contains("show all"), "{out}");
    for sub in ["capture", "fetch"] {
        let (_, help, _) = run_full(&[sub, "--help"]);
        assert!(help.contains("mirapoint-mos"), "{help}");
        assert!(!help.to_lowercase().contains("plain appliance"), "{help}");
        assert!(!help.contains(", plain"), "{help}");
    }
    let schema = std::fs::read_to_string(common::root().join("docs/schema/show.schema.json"));
    assert!(!schema.unwrap().contains("`plain`"));
}

const PASSWORD: &str = "pw-8f3a1c";

/// A stub of a plain appliance on the loopback interface: one session, answered from the
/// sample `samples/plain/box1-1.0.txt`; `show mail.relay` is refused, as an appliance may
/// refuse a command. It stops after one session, or when no one connects within five seconds.
fn stub() -> (u16, JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let sample = std::fs::read_to_string(common::root().join("samples/plain/box1-1.0.txt"))
        .expect("the plain sample");
    let server = std::thread::spawn(move || {
        listener.set_nonblocking(true).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        let stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(_) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(_) => return Vec::new(),
            }
        };
        stream.set_nonblocking(false).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        serve(stream, &sample)
    });
    (port, server)
}

/// Answers one session; returns the lines received.
fn serve(stream: std::net::TcpStream, sample: &str) -> Vec<String> {
    let mut out = stream.try_clone().unwrap();
    let mut received = Vec::new();
    writeln!(out, "plain-appliance box1.example.net").unwrap();
    // Bounded: a client sends a login, a few commands and quit.
    for line in BufReader::new(stream).lines().take(64) {
        let Ok(line) = line else { break };
        received.push(line.clone());
        let answer = match line.as_str() {
            l if l.starts_with("login ") => {
                if l == format!("login admin {PASSWORD}") {
                    "ok\n".to_string()
                } else {
                    "no bad login\n".to_string()
                }
            }
            "show all" => {
                let body: String = sample
                    .lines()
                    .filter(|l| !l.starts_with("# plain-appliance:"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                format!("{body}.\n")
            }
            "show mail.relay" => "no not allowed\n".to_string(),
            "quit" => break,
            other => {
                let name = other.strip_prefix("show ").unwrap_or(other);
                let value = sample.lines().find(|l| l.starts_with(&format!("{name} =")));
                format!("{}\n.\n", value.unwrap_or(""))
            }
        };
        if out.write_all(answer.as_bytes()).is_err() {
            break;
        }
    }
    received
}

fn fetch(port: u16, into: &Path, user: &str, more: &[&str]) -> (i32, String, String) {
    let port = port.to_string();
    let mut args = vec![
        "fetch",
        "127.0.0.1",
        "--vendor",
        "plain",
        "--port",
        &port,
        "--plaintext",
        "--user",
        user,
        "--password-env",
        "PLAIN_STUB_PASSWORD",
        "--timeout",
        "2",
        "--into",
        into.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(common::root())
        .args(&args)
        .env("NO_COLOR", "1")
        .env("PLAIN_STUB_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn fetch_collects_a_whole_capture_from_a_stub_appliance_and_tracks_it() {
    let dir = tempfile::tempdir().unwrap();
    let (into, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    let (port, server) = stub();
    let track = ["--track", repo.to_str().unwrap()];
    let (code, out, err) = fetch(port, &into, "admin", &track);
    let received = server.join().unwrap();
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(received[0], format!("login admin {PASSWORD}"));
    assert!(received.contains(&"show all".to_string()), "{received:?}");
    assert_eq!(received.last().unwrap(), "quit");

    let capture = std::fs::read_to_string(into.join("box1.txt")).unwrap();
    assert!(
        capture.starts_with("# plain-appliance: box1\n"),
        "{capture}"
    );
    assert!(capture.contains("mail.relay = on\n"), "{capture}");
    assert!(out.contains("fetched 127.0.0.1 into "), "{out}");
    assert!(
        out.contains("not captured: `show mail.relay`: refused: not allowed"),
        "{out}"
    );
    assert!(repo.join("plain/box1.ron").is_file(), "{out}");
    // The password went to the appliance and nowhere else.
    for text in [&capture, &out, &err] {
        assert!(!text.contains(PASSWORD));
    }
    let (code, shown, _) = run_full(&["show", into.join("box1.txt").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(shown.contains("\"mail.relay\": \"on\""), "{shown}");
}

#[test]
fn a_refused_login_writes_nothing_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("captures");
    let (port, server) = stub();
    let (code, _, err) = fetch(port, &into, "intruder", &[]);
    server.join().unwrap();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("login was refused"), "{err}");
    assert!(!err.contains(PASSWORD), "{err}");
    let left = std::fs::read_dir(&into).map_or(0, |d| d.count());
    assert_eq!(left, 0);
}

//! MOS: fetch, restore, apply, fetch again, over the simulator.

use crate::common;
use crate::sim;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;

const SAMPLE: &str = "samples/mos/rg03-admind-capture.txt";
const PASSWORD: &str = "s3cret-Pass phrase";
/// The entry the "upgrade" loses, and the setting it changes.
const LOST: &str = "alerts@monitor.example.com";

/// An appliance before and after an upgrade, its two captures, and the restore script
/// computed from them, in a folder of its own.
struct World {
    server: sim::Server,
    dir: tempfile::TempDir,
    tls: bool,
}

/// The whitelist as the sample shows it, less `LOST`.
fn whitelist_after() -> Vec<Vec<u8>> {
    vec![
        b"\"@*.example.net\"".to_vec(),
        b"\"noreply@billing.example.org\"".to_vec(),
    ]
}

impl World {
    fn new(tls: bool) -> World {
        let bytes = std::fs::read(common::root().join(SAMPLE)).unwrap();
        let script = sim::Script::from_transcript(&bytes).unwrap();
        let options = sim::Options {
            user: "administrator".into(),
            password: PASSWORD.into(),
            tls,
            behaviour: sim::Behaviour::Normal,
        };
        let server = sim::start(script, options).unwrap();
        let dir = tempfile::tempdir().unwrap();
        if let Some(pem) = &server.ca_pem {
            std::fs::write(dir.path().join("ca.pem"), pem).unwrap();
        }
        let world = World { server, dir, tls };
        world.fetch("pre");
        world.upgrade();
        world.fetch("post");
        let (status, _, err) = world.run(&[
            "restore",
            "--to",
            "4.2.3",
            "--all",
            "pre/rg03.admind.txt",
            "--against",
            "post/rg03.admind.txt",
            "-o",
            "restore.txt",
        ]);
        assert_eq!(status, 0, "{err}");
        world
    }

    /// What the upgrade did: the version, one lost whitelist entry, one setting changed.
    fn upgrade(&self) {
        self.server
            .set_answer(sim::SYSTEM, "version", vec![b"\"MOS4.2.3-GA\"".to_vec()]);
        self.server.set_answer(
            sim::SYSTEM,
            "uce listexception primary whitelist",
            whitelist_after(),
        );
        self.server.set_answer(
            sim::SYSTEM,
            "smtp get quarantinejunk",
            vec![b"\"on\"".to_vec()],
        );
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn connection(&self) -> Vec<String> {
        let mut args = vec![
            "--port".to_string(),
            self.server.port.to_string(),
            "--user".into(),
            "administrator".into(),
            "--password-env".into(),
            "SIM_PASSWORD".into(),
            "--timeout".into(),
            "2".into(),
        ];
        match self.tls {
            true => args.extend(["--ca".into(), "ca.pem".into()]),
            false => args.push("--plaintext".into()),
        }
        args
    }

    fn fetch(&self, into: &str) {
        let mut args = vec![
            "fetch".to_string(),
            "127.0.0.1".into(),
            "--into".into(),
            into.into(),
        ];
        args.extend(self.connection());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, out, err) = self.run(&args);
        assert_eq!(status, 0, "{out}{err}");
    }

    /// `carryover apply restore.txt 127.0.0.1` with the connection flags and `extra`.
    fn apply(&self, extra: &[&str]) -> (i32, String, String) {
        let mut args = vec![
            "apply".to_string(),
            "restore.txt".into(),
            "127.0.0.1".into(),
        ];
        args.extend(self.connection());
        args.extend(extra.iter().map(|a| a.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.run(&args)
    }

    /// Runs carryover in the world's folder, standard input not a terminal.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        run_in(self.dir.path(), args)
    }

    fn journal(&self) -> String {
        std::fs::read_to_string(self.path("restore.txt.journal")).unwrap_or_default()
    }

    /// The commands the simulator received that write, without their tags.
    fn writes_received(&self) -> Vec<String> {
        self.server
            .received()
            .into_iter()
            .map(|l| {
                l.split_once(' ')
                    .map_or(l.clone(), |(_, rest)| rest.to_string())
            })
            .filter(|l| {
                l.contains(" set ") || l.contains("addexception") || l.contains("deleteexception")
            })
            .collect()
    }

    fn whitelist_now(&self) -> Vec<String> {
        let answer = self
            .server
            .answer_of(sim::SYSTEM, "uce listexception primary whitelist")
            .unwrap();
        answer
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect()
    }
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("carryover")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .env("SIM_PASSWORD", PASSWORD)
        .env("LANG", "C")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// What the restore script writes, by line: the KI-3 setting, the KI-5 remedy, the lost
/// entry, the KI-8 message.
const LINES: [u32; 4] = [6, 8, 11, 14];

fn all_sent() -> Vec<&'static str> {
    vec![
        "smtp set quarantinejunk off",
        "smtp set fastpath on",
        "uce addexception primary whitelist alerts@monitor.example.com",
        "branding set quotamsg {246}",
    ]
}

/// The write commands as received, data blocks shown by their byte count.
fn shown(writes: Vec<String>) -> Vec<String> {
    writes
        .into_iter()
        .map(|w| match w.find(" \"") {
            Some(at) if w.starts_with("branding") => format!("{} {{{}}}", &w[..at], 246),
            _ => w,
        })
        .collect()
}

fn end_to_end(tls: bool) {
    let world = World::new(tls);
    let script = std::fs::read_to_string(world.path("restore.txt")).unwrap();
    assert!(script.contains(LOST), "{script}");
    let (status, out, err) = world.apply(&[
        "--yes",
        "--send-inferred",
        "--into",
        "after",
        "--pre",
        "pre/rg03.admind.txt",
    ]);
    // What remains is the version and KI-5's own remedy, which `diff --explain` calls
    // expected and applied: the loop is closed, and apply exits 0.
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("2 differences"), "{out}");
    assert!(out.contains("smtp.fastpath: off -> on"), "{out}");
    assert!(out.contains("applied MOS-4.2.3-KI-5"), "{out}");
    assert!(out.contains("expected carryover-package"), "{out}");
    assert!(
        out.contains("explained: 1 expected, 1 applied, 0 lost, 0 unexplained"),
        "{out}"
    );
    let mut differences = out.lines().filter(|l| l.starts_with(['~', '-', '+']));
    assert!(
        !differences.any(|l| l.contains("whitelist") || l.contains("quotamsg")),
        "{out}"
    );
    assert!(world.whitelist_now().iter().any(|e| e.contains(LOST)));
    assert_eq!(shown(world.writes_received()), all_sent());
    let journal = world.journal();
    assert!(journal.lines().last() == Some("\"finished\""), "{journal}");
    assert!(!journal.contains(PASSWORD), "{journal}");
    assert!(
        journal.contains("LOGIN administrator \\\"<secret>\\\""),
        "{journal}"
    );
    assert!(err.contains("commands to send: 4"), "{err}");
}

#[test]
fn the_restore_is_sent_and_the_appliance_fetched_again_differs_only_as_the_plan_said() {
    end_to_end(false);
}

#[test]
fn quiet_leaves_standard_error_empty() {
    let world = World::new(false);
    let (status, out, err) = world.apply(&["-q", "--yes", "--send-inferred"]);
    assert_eq!(status, 0, "{out}{err}");
    assert_eq!(err, "");
    assert!(out.contains("sent 4 command(s)"), "{out}");
}

#[test]
fn over_tls_too() {
    end_to_end(true);
}

#[test]
fn a_second_apply_sends_nothing_and_does_not_even_log_in() {
    let world = World::new(false);
    let (status, _, err) = world.apply(&["--yes", "--send-inferred"]);
    assert_eq!(status, 0, "{err}");
    let received = world.server.received().len();
    let (status, out, err) = world.apply(&["--yes", "--send-inferred"]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("applied already: nothing was sent"), "{out}");
    assert_eq!(world.server.received().len(), received);
}

#[test]
fn a_refusal_at_command_k_stops_there_and_resume_finishes_the_run() {
    let world = World::new(false);
    world.server.fail_write(2, sim::Fault::Refuse);
    let (status, _, err) = world.apply(&["--yes", "--send-inferred"]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("restore.txt:8"), "{err}");
    assert!(err.contains("NO Simulated refusal of write 2"), "{err}");
    assert_eq!(world.writes_received().len(), 2);
    // Not resumed: refused, nothing sent.
    let (status, _, err) = world.apply(&["--yes", "--send-inferred"]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("--resume"), "{err}");
    assert_eq!(world.writes_received().len(), 2);
    let (status, _, err) = world.apply(&["--yes", "--send-inferred", "--resume"]);
    assert_eq!(status, 0, "{err}");
    let writes = shown(world.writes_received());
    assert_eq!(writes[2..], all_sent()[1..]);
    assert!(world.whitelist_now().iter().any(|e| e.contains(LOST)));
}

#[test]
fn a_lost_answer_is_read_again_and_not_sent_twice() {
    let world = World::new(false);
    world.server.fail_write(3, sim::Fault::DropAfter);
    let (status, _, err) = world.apply(&["--yes", "--send-inferred"]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("restore.txt:11"), "{err}");
    let journal = world.journal();
    assert!(
        journal
            .lines()
            .last()
            .unwrap()
            .contains("\"sent\":{\"line\":11"),
        "{journal}"
    );
    let (status, out, err) = world.apply(&["--yes", "--send-inferred", "--resume"]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("1 found done already"), "{out}");
    let writes = shown(world.writes_received());
    assert_eq!(writes[3..], all_sent()[3..], "{writes:?}");
    assert!(world.journal().contains("{\"took_effect\":{\"line\":11}}"));
}

#[test]
fn a_dropped_connection_leaves_a_correct_journal_and_resume_sends_the_command_again() {
    let world = World::new(false);
    world.server.fail_write(3, sim::Fault::DropBefore);
    let (status, _, err) = world.apply(&["--yes", "--send-inferred"]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("restore.txt:11") && err.contains("--resume"),
        "{err}"
    );
    let (status, out, err) = world.apply(&["--yes", "--send-inferred", "--resume"]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("0 found done already"), "{out}");
    // The lost entry is sent again, after the two confirmed commands.
    let writes = shown(world.writes_received());
    assert_eq!(writes[..2], all_sent()[..2], "{writes:?}");
    assert_eq!(writes[3..], all_sent()[2..], "{writes:?}");
    assert!(world.whitelist_now().iter().any(|e| e.contains(LOST)));
    let journal = world.journal();
    let confirmed = LINES.map(|l| format!("{{\"answered\":{{\"line\":{l},\"ok\":true"));
    assert!(
        confirmed.iter().all(|c| journal.contains(c.as_str())),
        "{journal}"
    );
}

#[test]
fn a_dry_run_checks_everything_and_writes_nothing() {
    let world = World::new(false);
    let (status, out, err) = world.apply(&["--dry-run", "--send-inferred"]);
    assert_eq!(status, 0, "{err}");
    assert!(
        out.contains(
            "would send line 11: uce addexception primary whitelist alerts@monitor.example.com"
        ),
        "{out}"
    );
    assert!(out.contains("4 command(s) would be sent"), "{out}");
    assert!(world.writes_received().is_empty());
    assert!(!world.path("restore.txt.journal").exists());
}

#[test]
fn without_a_terminal_apply_needs_yes_and_connects_to_nothing() {
    let world = World::new(false);
    let before = world.server.received().len();
    let (status, _, err) = world.apply(&["--send-inferred"]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(world.server.received().len(), before);
}

#[test]
fn inferred_forms_are_not_sent_without_the_flag() {
    let world = World::new(false);
    let before = world.server.received().len();
    let (status, _, err) = world.apply(&["--yes"]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("restore.txt:11"), "{err}");
    assert!(err.contains("--send-inferred"), "{err}");
    assert_eq!(world.server.received().len(), before);
}

#[test]
fn drift_from_the_capture_the_script_was_computed_against_stops_before_any_write() {
    let world = World::new(false);
    let mut changed = whitelist_after();
    changed.push(b"\"someone@else.example\"".to_vec());
    world
        .server
        .set_answer(sim::SYSTEM, "uce listexception primary whitelist", changed);
    let (status, _, err) = world.apply(&["--yes", "--send-inferred"]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("1 item(s)") && err.contains("whitelist"),
        "{err}"
    );
    assert!(err.contains("Nothing was sent"), "{err}");
    assert!(world.writes_received().is_empty());
}

#[test]
fn the_wrong_appliance_or_an_older_version_gets_nothing() {
    let world = World::new(false);
    world
        .server
        .set_answer(sim::SYSTEM, "version", vec![b"\"MOS4.1.9-GA\"".to_vec()]);
    let (status, _, err) = world.apply(&["--yes", "--send-inferred"]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("runs version 4.1.9-GA") && err.contains("4.2.3 or later"),
        "{err}"
    );
    let bytes = std::fs::read(common::root().join(SAMPLE)).unwrap();
    let other = sim::Script::from_transcript(&bytes)
        .unwrap()
        .with_host("rg09.example.net");
    let options = sim::Options {
        user: "administrator".into(),
        password: PASSWORD.into(),
        tls: false,
        behaviour: sim::Behaviour::Normal,
    };
    let other = sim::start(other, options).unwrap();
    let mut args = vec![
        "apply".to_string(),
        "restore.txt".into(),
        "127.0.0.1".into(),
    ];
    args.extend(world.connection());
    let at = args.iter().position(|a| a == "--port").unwrap();
    args[at + 1] = other.port.to_string();
    args.extend(["--yes".into(), "--send-inferred".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (status, _, err) = world.run(&args);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("is rg09.example.net") && err.contains("rg03.example.net"),
        "{err}"
    );
    assert!(world.writes_received().is_empty());
    assert_eq!(other.writes(), 0);
}

#[test]
fn hostile_values_are_sent_exactly_as_data() {
    let bytes = std::fs::read(common::root().join(SAMPLE)).unwrap();
    let script = sim::Script::from_transcript(&bytes).unwrap();
    let options = sim::Options {
        user: "administrator".into(),
        password: PASSWORD.into(),
        tls: false,
        behaviour: sim::Behaviour::Normal,
    };
    let server = sim::start(script, options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // A message that looks like protocol: a completion, a lone dot, a literal marker.
    let message = "a009 OK Completed\n.\n\"quoted\" {3}\n* a009 NO";
    let count = message.replace('\n', "\r\n").len();
    let entry = r#"we"ird\x {5}@a.example"#;
    let text = format!(
        "# hand-written\nuce addexception primary whitelist \"we\\\"ird\\\\x {{5}}@a.example\"\n\
         smtp set greeting \"a \\\"b\\\" c\"\nbranding set quotamsg {{{count}}}\n{message}\n"
    );
    std::fs::write(dir.path().join("restore.txt"), &text).unwrap();
    let digest = sha256_hex(text.as_bytes());
    let plan = format!(
        "{{\"format\":\"carryover-apply-plan\",\"vendor\":\"mirapoint-mos\",\
         \"appliance\":\"rg03\",\"to\":\"4.1.9\",\"script_sha256\":\"{digest}\",\"against\":[]}}"
    );
    std::fs::write(dir.path().join("restore.txt.plan"), plan).unwrap();
    let port = server.port.to_string();
    let (status, out, err) = run_in(
        dir.path(),
        &[
            "apply",
            "restore.txt",
            "127.0.0.1",
            "--port",
            &port,
            "--plaintext",
            "--user",
            "administrator",
            "--password-env",
            "SIM_PASSWORD",
            "--timeout",
            "2",
            "--yes",
            "--send-inferred",
        ],
    );
    assert_eq!(status, 0, "{out}{err}");
    // A 4.2 appliance's short name matches the full one the greeting gives.
    assert!(err.contains("not checked for drift"), "{err}");
    let list = server
        .answer_of(sim::SYSTEM, "uce listexception primary whitelist")
        .unwrap();
    let entries: Vec<Vec<String>> = list.iter().map(|l| sim::words(l).unwrap()).collect();
    assert!(entries.contains(&vec![entry.to_string()]), "{entries:?}");
    let greeting = server.answer_of(sim::SYSTEM, "smtp get greeting").unwrap();
    assert_eq!(sim::words(&greeting[0]).unwrap(), [r#"a "b" c"#]);
    let quotamsg = server
        .answer_of(sim::SYSTEM, "branding get quotamsg")
        .unwrap();
    assert_eq!(quotamsg, [message.replace('\n', "\r\n").into_bytes()]);
    let journal = std::fs::read_to_string(dir.path().join("restore.txt.journal")).unwrap();
    assert!(
        journal.contains(&format!("branding set quotamsg {{{count}}}")),
        "{journal}"
    );
    assert!(!journal.contains("a009 OK Completed"), "{journal}");
}

/// SHA-256 in lowercase hex, as the plan file carries it.
fn sha256_hex(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_script_edited_after_restore_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let pre = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/mos/rg01-4.1.9-before.log");
    let args = [
        "restore",
        "--to",
        "4.2.3",
        pre.to_str().unwrap(),
        "-o",
        "restore.txt",
    ];
    let (code, _, err) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    let script = dir.path().join("restore.txt");
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.contains("postmaster@"), "{text}");
    std::fs::write(&script, text.replacen("postmaster@", "evil@", 1)).unwrap();
    // Nothing listens on the port: the refusal comes before any connection.
    let args = [
        "apply",
        "restore.txt",
        "127.0.0.1",
        "--port",
        "9",
        "--yes",
        "--send-inferred",
    ];
    let (code, _, err) = run_in(dir.path(), &args);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the script changed after restore wrote it"),
        "{err}"
    );
}

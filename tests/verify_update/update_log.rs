//! `carryover verify-update` on the 7.09 release note's own update log and on a broken one, and
//! `grammar/spamtitan_update_log.pest` on mutated logs.

use crate::common;

use carryover::source::Source;
use carryover::vendors::spamtitan::update_log::verify;
use common::{run, snap_run};
use proptest::prelude::*;

#[test]
fn the_release_notes_log_verifies() {
    let (code, _) = snap_run(
        "verify-update@seed",
        &["verify-update", "samples/spamtitan/update-7.08-to-7.09.log"],
    );
    assert_eq!(code, 0);
}

#[test]
fn a_service_that_never_came_back_is_an_anomaly() {
    let (code, out) = snap_run(
        "verify-update@broken",
        &[
            "verify-update",
            "samples/spamtitan/update-7.08-to-7.09-broken.log",
        ],
    );
    assert_eq!(code, 1);
    assert!(out.contains("anomaly: ClamAV was stopped (line 12) and never started again"));
}

#[test]
fn json_names_versions_services_and_anomalies() {
    let (code, out) = run(&[
        "verify-update",
        "--format",
        "json",
        "samples/spamtitan/update-7.08-to-7.09-broken.log",
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["format_version"], 2);
    let update = &json["updates"][0];
    assert_eq!(update["from"], "7.08");
    assert_eq!(update["to"], "7.09");
    assert_eq!(update["services"].as_array().unwrap().len(), 9);
    assert_eq!(update["anomalies"].as_array().unwrap().len(), 5);
    // Lines are objects, not positional arrays.
    assert_eq!(update["failed_tasks"][0]["line"], 29);
    assert!(update["failed_tasks"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("* Database updates failed"));
}

#[test]
fn crlf_and_shift_jis_read_the_same() {
    let text =
        std::fs::read_to_string(common::root().join("samples/spamtitan/update-7.08-to-7.09.log"))
            .unwrap();
    let plain = verify(&Source::from_text("a.log", &text)).unwrap();
    let crlf = encoding_rs::SHIFT_JIS
        .encode(&text.replace('\n', "\r\n"))
        .0
        .into_owned();
    let other = verify(&Source::from_bytes("a.log", crlf, None).unwrap()).unwrap();
    assert_eq!(plain, other);
    assert!(plain.anomalies.is_empty() && plain.unrecognized.is_empty());
}

#[test]
fn a_log_cut_short_is_reported() {
    let run = verify(&Source::from_text("cut.log", "[10.0.0.1] Install revision 7.09\n001: Install System Update 7.09 started ...\n * Stopping postfix\n")).unwrap();
    assert_eq!(run.anomalies.len(), 3, "{:?}", run.anomalies);
}

proptest! {
    #[test]
    fn no_panic_on_mutated_logs(cut in 0usize..1200, insert in "[ *.:0-9a-zA-Z\n\\[\\]=]{0,20}") {
        let text = std::fs::read_to_string(common::root().join("samples/spamtitan/update-7.08-to-7.09.log")).unwrap();
        let at = text.char_indices().map(|(i, _)| i).take_while(|i| *i <= cut).last().unwrap_or(0);
        let mutated = format!("{}{insert}{}", &text[..at], &text[at..]);
        let _ = verify(&Source::from_text("m.log", &mutated));
    }
}

/// The release note's log with its progress dots replaced by `line`.
fn log_with(line: &str) -> String {
    let text =
        std::fs::read_to_string(common::root().join("samples/spamtitan/update-7.08-to-7.09.log"))
            .unwrap();
    text.replace("\n.....\n", &format!("\n{line}\n"))
}

#[test]
fn a_line_that_reports_an_error_fails_the_update() {
    for line in [
        "ERROR: patch 7.09-03 failed to apply, skipping",
        "Error: could not reach the update server",
        "FAILED",
        "fatal: no space left on device",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("u.log");
        std::fs::write(&log, log_with(line)).unwrap();
        let (code, out, err) = common::run_full(&["verify-update", log.to_str().unwrap()]);
        assert_eq!(code, 1, "{line}: {out}{err}");
        assert!(
            out.contains(&format!(
                "anomaly: line 19 reports an error or a failure: `{line}`"
            )),
            "{out}"
        );
        assert!(!out.contains("ok: every service came back"), "{out}");
        assert!(!out.contains("unrecognized line 19"), "{out}");
        let (code, out, _) =
            common::run_full(&["verify-update", "--format", "json", log.to_str().unwrap()]);
        assert_eq!(code, 1);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["updates"][0]["failures"][0]["line"], 19, "{out}");
        assert_eq!(json["updates"][0]["failures"][0]["text"], line, "{out}");
    }
}

#[test]
fn a_line_saying_nothing_failed_is_no_failure() {
    // Found by a probe: lines of a good update that name an error log or a check that found
    // none failed the update.
    for line in [
        "Database updates finished with 0 errors",
        " * Removing old error logs",
        "Installer: error-free",
        " * Checking for errors: none",
        " * Rotating /var/log/error.log",
        " * Clearing the error log",
    ] {
        let run = verify(&Source::from_text("u.log", &log_with(line))).unwrap();
        assert!(run.anomalies.is_empty(), "{line}: {:?}", run.anomalies);
        assert!(run.failures.is_empty(), "{line}: {:?}", run.failures);
    }
}

/// What the programs an installer runs print when they crash or cannot go on: a shell's core
/// dump, Python's traceback, apt's `E:`, psql failing to connect, PostgreSQL's `PANIC:` and
/// `FATAL:`, a full disk. Each fails the update; before, most were only unrecognized lines.
const CRASHES: &[&str] = &[
    "Segmentation fault (core dumped)",
    "/usr/local/bin/st_update.sh: line 212: 4711 Segmentation fault      php /usr/local/spamtitan/update.php",
    "Abort trap (core dumped)",
    "Traceback (most recent call last):",
    "E: Unable to locate package foo",
    "  E: Sub-process /usr/bin/dpkg returned an error code (1)",
    "psql: could not connect to server: Connection refused",
    "2020-09-30 10:12:01 JST [4242]: PANIC:  could not write to file \"pg_wal/xlogtemp.4242\": No space left on device",
    "PANIC:  could not locate a valid checkpoint record",
    "FATAL:  the database system is starting up",
    "panic: runtime error: invalid memory address or nil pointer dereference",
    "cp: /var/spool/postfix/active/4F3A: No space left on device",
];

/// Ordinary lines of a good update that hold a piece of those phrases, or of the failure
/// words, and must not fail it: a file or package named after a traceback, `fatal` inside a
/// word, an `E:` or `panic` that does not begin a line or is no program's mark, apt's
/// warnings, a core-dump setting, an error log named or cleared, a check that found none.
const ORDINARY: &[&str] = &[
    "Updating /usr/local/lib/python3.7/traceback.py",
    " * Installing /usr/local/lib/perl5/site_perl/Devel/Traceback.pm",
    "Installing py37-traceback2-1.4.0",
    "Registering nonfatal signal handlers",
    "Warning: non-fatal, continuing",
    "Mounted backup share E: on 192.168.101.10",
    " * Checking partition /dev/ada0s1e: clean",
    "W: Possible missing firmware /lib/firmware/rtl_nic/rtl8168g-3.fw",
    "debug.kdb.panic: 0",
    "kern.coredump: 1 -> 0",
    " * Removing old core dumps",
    "Message segmentation: enabled",
    "Connected to server 127.0.0.1, port 5432",
    " * Removing old error logs",
    "Installer: error-free",
    " * Rotating /var/log/error.log",
    "Database updates finished with 0 errors",
    // An identifier is one word; a zero count of errors is none.
    "Migrating: 2019_08_19_000000_create_failed_jobs_table",
    "postconf -e smtpd_soft_error_limit=10",
    "Errors: 0",
    " * Checking queues: failed: 0",
];

#[test]
fn a_crash_or_a_failed_tool_fails_the_update() {
    for line in CRASHES {
        let run = verify(&Source::from_text("u.log", &log_with(line))).unwrap();
        assert_eq!(run.failures.len(), 1, "{line}: {:?}", run.failures);
        assert_eq!(run.failures[0].line, 19, "{line}");
        assert!(
            run.unrecognized.is_empty(),
            "{line}: {:?}",
            run.unrecognized
        );
        assert_eq!(run.anomalies.len(), 1, "{line}: {:?}", run.anomalies);
    }
    // The same on the command line: exit 1, the line quoted, no "ok".
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("u.log");
    std::fs::write(&log, log_with("Traceback (most recent call last):")).unwrap();
    let (code, out, err) = common::run_full(&["verify-update", log.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(
            "anomaly: line 19 reports an error or a failure: `Traceback (most recent call last):`"
        ),
        "{out}"
    );
    assert!(!out.contains("ok: every service came back"), "{out}");
}

#[test]
fn ordinary_lines_that_hold_a_piece_of_a_failure_are_no_failure() {
    for line in ORDINARY {
        let run = verify(&Source::from_text("u.log", &log_with(line))).unwrap();
        assert!(run.anomalies.is_empty(), "{line}: {:?}", run.anomalies);
        assert!(run.failures.is_empty(), "{line}: {:?}", run.failures);
    }
    // A failure phrase inside a step or a task line is found there too.
    let step = log_with("").replace("006: OK", "006: E: Unable to locate package st-core");
    let run = verify(&Source::from_text("u.log", &step)).unwrap();
    assert!(run.anomalies.len() >= 2, "{:?}", run.anomalies);
    let task = log_with(" * Database updates... Segmentation fault (core dumped)");
    let run = verify(&Source::from_text("u.log", &task)).unwrap();
    assert_eq!(run.failed_tasks.len(), 1, "{:?}", run.failed_tasks);
}

#[test]
fn hostile_lines_never_panic_and_are_judged_by_their_words() {
    let long = format!("{}Traceback (most recent call last):", "x ".repeat(200_000));
    for (line, fails) in [
        ("E: \"unterminated", true),
        // Terminal noise (a bell, colours) is gone before a line is judged.
        ("\u{7}E: after a bell", true),
        ("\u{1b}[31mSegmentation fault\u{1b}[0m", true),
        ("Mounted E: \u{1b}[1mE: drive\u{1b}[0m", false),
        ("\"PANIC:\" in quotes", true),
        ("E:", false),
        ("ＰＡＮＩＣ: full-width", false),
        (long.as_str(), true),
    ] {
        let run = verify(&Source::from_text("u.log", &log_with(line))).unwrap();
        assert_eq!(
            !run.failures.is_empty(),
            fails,
            "{line:.80}: {:?}",
            run.failures
        );
    }
    // A NUL byte makes the log no text: an error, never a pass.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("u.log");
    std::fs::write(&log, log_with("E: \u{0}Segmentation fault")).unwrap();
    let (code, out, _) = common::run_full(&["verify-update", log.to_str().unwrap()]);
    assert_ne!(code, 0, "{out}");
}

/// Failures a probe found passing: a count of errors that is not zero but ends in `0 errors`,
/// `Error logging` read as an error log, a banner, a timestamped `E: `, a command a signal
/// killed. Each is a failure of the update on its own line.
const MISSED: &[&str] = &[
    "Database updates finished with 10 errors",
    "Applied 120 patches, 30 failed",
    "Error logging in to license server",
    "==== ERROR: patch 7.09-03 could not be applied ====",
    "[2020-09-10 10:00:01] E: Sub-process /usr/bin/dpkg returned a non-zero code (1)",
    "./st_update.sh: line 211: 31337 Killed   /usr/bin/php artisan migrate",
    "Terminated",
];

#[test]
fn failures_a_probe_found_passing_fail_the_update() {
    for line in MISSED {
        let run = verify(&Source::from_text("u.log", &log_with(line))).unwrap();
        assert_eq!(run.failures.len(), 1, "{line}: {:?}", run.failures);
        assert_eq!(run.failures[0].line, 19, "{line}");
        assert_eq!(run.anomalies.len(), 1, "{line}: {:?}", run.anomalies);
    }
    // A number of processes, or a word that only holds a signal's name, is no signal.
    for line in ["Stopped 3 Terminated workers", " * Killed stale locks: 0"] {
        let run = verify(&Source::from_text("u.log", &log_with(line))).unwrap();
        assert!(run.failures.is_empty(), "{line}: {:?}", run.failures);
    }
}

#[test]
fn a_done_line_that_reports_a_failure_is_no_completion() {
    let log = log_with(".....").replace(
        "Done. Installation Complete.",
        "Done. Installation failed, rolled back to 7.08.",
    );
    let run = verify(&Source::from_text("u.log", &log)).unwrap();
    assert_eq!(run.completed_at, None);
    assert_eq!(run.failures.len(), 1, "{:?}", run.failures);
    assert_eq!(run.failures[0].line, 30);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.log");
    std::fs::write(&path, log).unwrap();
    let (code, out, _) = common::run_full(&["verify-update", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("anomaly: no `Done. Installation Complete.` line"),
        "{out}"
    );
    assert!(!out.contains("ok: every service came back"), "{out}");
}

#[test]
fn an_apt_warning_is_a_note_not_a_failure() {
    // apt goes on past a `W:` (a mirror it could not reach); when the fetch mattered it also
    // prints an `E:` line, which fails the update. The warning stays a line the report shows.
    for line in [
        "W: Failed to fetch http://mirror.example/dists/stable/Release  Temporary failure resolving",
        "[2020-09-10 10:00:01] W: Some index files failed to download. They have been ignored",
    ] {
        let run = verify(&Source::from_text("u.log", &log_with(line))).unwrap();
        assert!(run.anomalies.is_empty(), "{line}: {:?}", run.anomalies);
        assert_eq!(run.unrecognized.len(), 1, "{line}: {:?}", run.unrecognized);
    }
}

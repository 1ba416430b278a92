//! Every vendor of the registry, held to what every vendor must keep. Nothing here names a
//! vendor: a new one registered is checked the same way, with no line added here.
//! - its id and title are its own;
//! - it has samples under `samples/`: captures it claims clearly and no other vendor claims
//!   (scores above noise), and, if it checks update logs, update logs only it recognises;
//! - every capability it offers runs on its samples (and what it does not offer is refused
//!   with a message): show, gaps, plan, capture, restore, import files, update logs, fetch;
//! - show, gaps, plan and restore of its first sample are pinned as snapshots,
//!   `snapshots/vendor_<id>@<command>.snap`.

use crate::common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use carryover::fetch::{FetchError, Target, TlsOptions};
use carryover::model::Config;
use carryover::source::Source;
use carryover::vendors::{self, Sample, Vendor, REGISTRY};
use common::{root, run_full, snapshot_settings};

/// What a sample is to the vendor it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A capture the vendor claims.
    Capture,
    /// An update log the vendor's `UpdateLogs` recognises.
    UpdateLog,
}

/// A file or capture folder under `samples/`, relative to the root, with its vendor.
struct Found {
    path: PathBuf,
    vendor: &'static dyn Vendor,
    role: Role,
}

/// Every vendor whose update-log check recognises the file (a version or a numbered step).
fn update_log_readers(path: &Path) -> Vec<&'static dyn Vendor> {
    let Ok(source) = Source::read(&root().join(path), None) else {
        return Vec::new();
    };
    REGISTRY
        .iter()
        .copied()
        .filter(|v| {
            v.update_logs()
                .and_then(|u| u.verify(&source).ok())
                .is_some_and(|run| run.to.is_some() || !run.steps.is_empty())
        })
        .collect()
}

/// Below this, another vendor's score on a sample is noise, not a claim.
const NOISE: u8 = 10;

/// The registry's detection on a sample, as `show` makes it.
fn detection(path: &Path) -> vendors::Detection {
    let full = root().join(path);
    let found = if full.is_dir() {
        vendors::detect(&Sample::Dir { path: &full })
    } else {
        let text = Source::read(&full, None).unwrap().text;
        vendors::detect(&Sample::File {
            path: &full,
            text: &text,
        })
    };
    found.unwrap_or_else(|| panic!("{}: no vendor claims it", path.display()))
}

/// Every vendor's best claim on a sample, as `(vendor, score, evidence)`, best first.
fn claims(path: &Path) -> Vec<(&'static dyn Vendor, u8, String)> {
    let full = root().join(path);
    let text;
    let sample = if full.is_dir() {
        Sample::Dir { path: &full }
    } else {
        text = Source::read(&full, None).unwrap().text;
        Sample::File {
            path: &full,
            text: &text,
        }
    };
    let mut all: Vec<(&'static dyn Vendor, u8, String)> = REGISTRY
        .iter()
        .copied()
        .map(|v| {
            let mut each = v.claims_each(&sample);
            each.sort_by_key(|c| std::cmp::Reverse(c.score));
            let best = each.into_iter().next().unwrap_or_else(vendors::Claim::none);
            (
                v,
                best.score,
                carryover::render::message::words(&best.evidence),
            )
        })
        .collect();
    all.sort_by_key(|(_, score, _)| std::cmp::Reverse(*score));
    all
}

/// Every sample: a folder a vendor claims whole is one sample; any other file is one.
fn samples() -> Vec<Found> {
    let mut found = Vec::new();
    let mut walker = walkdir::WalkDir::new(root().join("samples"))
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.unwrap();
        let path = entry.path().strip_prefix(root()).unwrap().to_path_buf();
        if entry.file_type().is_dir() {
            if let Some(vendor) = vendors::claimant_of_dir(entry.path()) {
                walker.skip_current_dir();
                found.push(Found {
                    path,
                    vendor,
                    role: Role::Capture,
                });
            }
            continue;
        }
        let readers = update_log_readers(&path);
        let (vendor, role) = match readers.as_slice() {
            [] => (claims(&path)[0].0, Role::Capture),
            [one] => (*one, Role::UpdateLog),
            many => panic!(
                "{} is an update log to {} vendors",
                path.display(),
                many.len()
            ),
        };
        found.push(Found { path, vendor, role });
    }
    found
}

fn of(samples: &[Found], vendor: &dyn Vendor, role: Role) -> Vec<PathBuf> {
    samples
        .iter()
        .filter(|s| s.vendor.id() == vendor.id() && s.role == role)
        .map(|s| s.path.clone())
        .collect()
}

#[test]
fn every_vendor_has_an_id_and_a_title_of_its_own() {
    assert!(REGISTRY.len() >= 2);
    for (i, a) in REGISTRY.iter().enumerate() {
        assert!(!a.id().name().is_empty() && !a.title().is_empty());
        for b in &REGISTRY[i + 1..] {
            assert_ne!(a.id(), b.id(), "two vendors have one id");
            assert_ne!(a.title(), b.title(), "two vendors have one title");
        }
        assert_eq!(vendors::by_id(a.id()).unwrap().title(), a.title());
        assert_eq!(vendors::by_name(a.id().name()).unwrap().id(), a.id());
    }
}

#[test]
fn every_capture_sample_is_claimed_by_its_vendor_alone() {
    let samples = samples();
    for found in samples.iter().filter(|s| s.role == Role::Capture) {
        let all = claims(&found.path);
        let (winner, score, _) = &all[0];
        assert!(
            *score > 0,
            "{}: no vendor claims this sample",
            found.path.display()
        );
        assert_eq!(winner.id(), found.vendor.id());
        for (other, score, evidence) in &all[1..] {
            // A comment line is "explained" by any format that has comments: a few points
            // of noise, never a claim.
            assert!(
                *score < NOISE,
                "{}: {} claims it too, with {score} ({evidence})",
                found.path.display(),
                other.title()
            );
        }
        let detected = detection(&found.path);
        assert!(
            detected.is_clear(),
            "{}: {}",
            found.path.display(),
            detected.scores()
        );
    }
    for vendor in REGISTRY {
        assert!(
            !of(&samples, *vendor, Role::Capture).is_empty(),
            "{} has no capture sample under samples/",
            vendor.title()
        );
        let logs = of(&samples, *vendor, Role::UpdateLog);
        assert_eq!(
            vendor.update_logs().is_some(),
            !logs.is_empty(),
            "{}: checks update logs, or has update-log samples, but not both",
            vendor.title()
        );
    }
}

/// The newest release a vendor has notes for.
fn newest(vendor: &dyn Vendor) -> Option<String> {
    let knowledge = vendor.knowledge()?;
    knowledge.releases().last().map(|r| r.version.clone())
}

/// Runs the binary; exit code, and standard output then standard error.
fn carryover(args: &[&str]) -> (i32, String) {
    let (code, out, err) = run_full(args);
    (code, format!("{out}{err}"))
}

#[test]
fn show_gaps_plan_and_restore_of_each_vendors_first_sample() {
    let samples = samples();
    let settings = snapshot_settings();
    for vendor in REGISTRY {
        let first = of(&samples, *vendor, Role::Capture).remove(0);
        let sample = first.to_str().unwrap();
        let name = |what: &str| format!("vendor_{}@{what}", vendor.id());
        let (code, shown) = carryover(&["show", sample]);
        assert_eq!(code, 0, "{shown}");
        settings.bind(|| insta::assert_snapshot!(name("show"), shown));
        let Some(to) = newest(*vendor) else {
            // Without release notes, the commands that need them say so.
            for command in ["gaps", "plan", "restore"] {
                let (code, out) = carryover(&[command, "--to", "1", sample]);
                assert_eq!(code, 2, "{out}");
                assert!(out.contains("no release notes"), "{out}");
            }
            continue;
        };
        for command in ["gaps", "plan", "restore"] {
            let (code, out) = carryover(&[command, "--to", &to, sample]);
            let offered = command != "restore" || vendor.restore_script().is_some();
            if offered {
                assert!(code == 0 || code == 1, "{command} {sample}: {out}");
                settings.bind(|| insta::assert_snapshot!(name(command), out));
            } else {
                assert_eq!(code, 2, "{out}");
                assert!(out.contains("cannot do restore scripts"), "{out}");
            }
        }
    }
}

#[test]
fn capture_plans_and_import_files_run_on_each_vendors_samples() {
    let samples = samples();
    for vendor in REGISTRY {
        let id = vendor.id().name();
        let first = of(&samples, *vendor, Role::Capture).remove(0);
        let sample = first.to_str().unwrap();
        let (code, out) = carryover(&["capture", "--vendor", id]);
        match vendor.capture_plan() {
            Some(_) => assert!(code == 0 && !out.trim().is_empty(), "{id}: {out}"),
            None => assert!(
                code == 2 && out.contains("cannot do a capture plan"),
                "{out}"
            ),
        }
        let (code, from_sample) = carryover(&["capture", sample]);
        assert_eq!(
            code,
            if vendor.capture_plan().is_some() {
                0
            } else {
                2
            }
        );
        assert!(vendor.capture_plan().is_none() || !from_sample.trim().is_empty());

        let Some(to) = newest(*vendor) else { continue };
        let dir = tempfile::tempdir().unwrap();
        let into = dir.path().join("import");
        let script = dir.path().join("restore.sh");
        let args = [
            "restore",
            "--to",
            &to,
            "-o",
            script.to_str().unwrap(),
            "--import-files",
            into.to_str().unwrap(),
            sample,
        ];
        let (code, out) = carryover(&args);
        match vendor.import_files() {
            Some(_) if vendor.restore_script().is_some() => {
                assert!(code == 0 || code == 1, "{id}: {out}");
                let written = walkdir::WalkDir::new(&into)
                    .into_iter()
                    .filter(|e| e.as_ref().unwrap().file_type().is_file())
                    .count();
                assert!(written > 0, "{id}: no import file written: {out}");
            }
            _ => assert_eq!(code, 2, "{id}: {out}"),
        }
    }
}

#[test]
fn update_log_checks_run_on_each_vendors_update_logs() {
    let samples = samples();
    for vendor in REGISTRY {
        let Some(checker) = vendor.update_logs() else {
            continue;
        };
        for path in of(&samples, *vendor, Role::UpdateLog) {
            let source = Source::read(&root().join(&path), None).unwrap();
            let run = checker.verify(&source).unwrap();
            assert!(run.from.is_some() && run.to.is_some(), "{}", path.display());
            assert!(!run.steps.is_empty(), "{}", path.display());
        }
    }
}

/// A target on the loopback interface, in the clear, with short timeouts.
fn loopback(port: u16) -> Target {
    Target {
        host: "127.0.0.1".into(),
        port: Some(port),
        user: Some("admin".into()),
        secret: Some(carryover::fetch::Secret::new("not-a-real-secret")),
        tls: TlsOptions {
            plaintext: true,
            ..TlsOptions::default()
        },
        timeout: Duration::from_millis(500),
    }
}

/// Every vendor that fetches fails in bounded time, and writes nothing, when nothing answers
/// on the port and when the appliance hangs up at once: what every fetcher must keep, whatever
/// its protocol. Each vendor's own tests fetch a whole capture from a stub of its appliance.
#[test]
fn every_fetcher_fails_cleanly_against_a_closed_port_and_a_hang_up() {
    let plan = |_: &Config| Vec::new();
    for vendor in REGISTRY {
        let Some(fetcher) = vendor.fetch() else {
            continue;
        };
        let dir = tempfile::tempdir().unwrap();

        // A port nobody listens on: found free, then closed again.
        let closed = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let error = fetcher
            .fetch(&loopback(port), dir.path(), &plan)
            .unwrap_err();
        assert!(
            matches!(error, FetchError::Connection(_)),
            "{}: {error}",
            vendor.title()
        );

        // An appliance that accepts and hangs up at once.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            // One connection, or none within the deadline; then it is gone.
            listener.set_nonblocking(true).unwrap();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok((stream, _)) = listener.accept() {
                    drop(stream);
                    return;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        });
        let started = Instant::now();
        let result = fetcher.fetch(&loopback(port), dir.path(), &plan);
        assert!(result.is_err(), "{}: fetched from nothing", vendor.title());
        assert!(started.elapsed() < Duration::from_secs(10));
        server.join().unwrap();
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{}: wrote {left:?}", vendor.title());
    }
}

/// The lines of `fetch -h` that start with `flag`.
fn help_line<'h>(help: &'h str, flag: &str) -> &'h str {
    help.lines()
        .find(|l| l.trim_start().starts_with(flag))
        .unwrap_or_else(|| panic!("fetch -h has no {flag}"))
}

/// `fetch`'s credential flags are what each vendor's login takes: their help names the
/// vendors users see that take them, a flag of another kind of secret is refused before
/// anything is read or fetched, and the flags of a login no other vendor has tell the vendor.
#[test]
fn fetchs_flags_follow_each_vendors_login() {
    use carryover::vendors::SecretKind;
    let (_, help, _) = run_full(&["fetch", "-h"]);
    let shown: Vec<_> = vendors::shown()
        .into_iter()
        .filter_map(|v| Some((v, v.fetch()?)))
        .collect();
    assert!(!shown.is_empty());
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port().to_string();
    drop(closed);
    for (vendor, fetcher) in &shown {
        let (id, title, login) = (vendor.id().name(), vendor.title(), fetcher.login());
        let names = |flag: &str| help_line(&help, flag).contains(title);
        assert_eq!(names("--user"), login.user, "{title}");
        assert_eq!(
            names("--password-env"),
            login.secret == SecretKind::Password
        );
        assert_eq!(
            names("--password-file"),
            login.secret == SecretKind::Password
        );
        assert_eq!(names("--token-env"), login.secret == SecretKind::ApiToken);
        let ports = format!(
            "{title}: {} with TLS, {} plaintext",
            fetcher.default_port(false),
            fetcher.default_port(true)
        );
        assert!(help_line(&help, "--port").contains(&ports), "{ports}");

        let dir = tempfile::tempdir().unwrap();
        let into = dir.path().to_str().unwrap();
        let mut base = vec!["fetch", "127.0.0.1", "--port", &port, "--plaintext"];
        base.extend(["--timeout", "1", "--into", into]);
        if login.user {
            base.extend(["--user", "u"]);
        }
        let (own, other) = match login.secret {
            SecretKind::Password => ("--password-env", "--token-env"),
            SecretKind::ApiToken => ("--token-env", "--password-env"),
        };
        // The variable is not set: a flag of the wrong kind must be refused before it is read.
        let wrong = [&base[..], &["--vendor", id, other, "CARRYOVER_TEST_UNSET"]].concat();
        let (code, _, err) = run_full(&wrong);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(&format!("{other} is taken by none")), "{err}");

        let same_login = shown.iter().filter(|(_, f)| f.login() == login).count();
        let told = [&base[..], &[own, "CARRYOVER_TEST_UNSET"]].concat();
        let (code, _, err) = run_full(&told);
        assert_eq!(code, 2, "{err}");
        assert_eq!(
            err.contains("which vendor?"),
            same_login > 1,
            "{title}: {err}"
        );
        let (_, _, err) = run_full(&[&base[..4], &["--into", into]].concat());
        assert!(err.contains("which vendor?"), "{err}");
    }
}

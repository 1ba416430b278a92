//! `apply` of a restore of 100,000 list entries to the local admin-protocol simulator, in the
//! clear on localhost: each command sent alone, its answer read, the journal written before
//! and after it. Reported as commands per second (criterion's elements per second).

#[path = "../examples/admind-sim/sim.rs"]
mod sim;

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use carryover::commands::apply::{apply, plan_path, sha256, Hooks, Request};
use carryover::commands::fetch::Credentials;
use carryover::commands::request::{CredentialRef, TlsOptions};

const ENTRIES: usize = 100_000;
const PASSWORD_FILE: &str = "password";

/// A restore script adding `n` whitelist entries, and its plan file, in `dir`.
fn script(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let mut text = String::with_capacity(n * 64);
    text.push_str("# carryover restore script for rg03.example.net\n");
    for i in 0..n {
        text.push_str(&format!(
            "uce addexception primary whitelist user{i:07}@lists.example.com\n"
        ));
    }
    let path = dir.join("restore.txt");
    std::fs::write(&path, &text).unwrap();
    let plan = format!(
        "{{\"format\":\"carryover-apply-plan\",\"vendor\":\"mirapoint-mos\",\
         \"appliance\":\"rg03.example.net\",\"to\":\"4.1.9\",\"script_sha256\":\"{}\",\
         \"against\":[]}}",
        sha256(text.as_bytes())
    );
    std::fs::write(plan_path(&path), plan).unwrap();
    std::fs::write(dir.join(PASSWORD_FILE), "demo\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o600);
        std::fs::set_permissions(dir.join(PASSWORD_FILE), private).unwrap();
    }
    path
}

fn apply_100k_entries(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = script(dir.path(), ENTRIES);
    let server = sim::start(sim::Script::sample(), sim::Options::default()).unwrap();
    let request = Request {
        script: path.clone(),
        host: "127.0.0.1".into(),
        yes: true,
        dry_run: false,
        resume: false,
        send_inferred: true,
        into: None,
        pre: None,
        port: Some(server.port),
        tls: TlsOptions {
            plaintext: true,
            ca: None,
            insecure: false,
        },
        credentials: Credentials {
            user: Some("administrator".into()),
            password: Some(CredentialRef::File(dir.path().join(PASSWORD_FILE))),
            token_env: None,
        },
        timeout: Duration::from_secs(30),
    };
    let mut group = c.benchmark_group("apply");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.throughput(Throughput::Elements(ENTRIES as u64));
    group.bench_function("100k list entries", |b| {
        b.iter_custom(|runs| {
            let mut took = Duration::ZERO;
            for _ in 0..runs {
                let _ = std::fs::remove_file(dir.path().join("restore.txt.journal"));
                let started = Instant::now();
                let report = apply(
                    &request,
                    &mut Hooks {
                        confirm: &mut |_| Ok(true),
                        ask: &mut |_| unreachable!("the password is in a file"),
                    },
                )
                .unwrap();
                took += started.elapsed();
                assert_eq!(report.sent, ENTRIES);
            }
            took
        })
    });
    group.finish();
}

criterion_group!(benches, apply_100k_entries);
criterion_main!(benches);

//! `carryover fetch` end to end, against the admin-protocol simulator over real TCP on
//! localhost, in the clear and with TLS: the capture it writes reads as the sample it was
//! served from; failures (a wrong password, a silent, garbage or hostile server) are clear
//! errors within the timeout, with no secret anywhere; a fleet of 50 goes on past a failure;
//! `--track --commit` makes a commit only when an appliance changed.

use crate::sim;

use crate::common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

const SAMPLE: &str = "samples/mos/rg03-admind-capture.txt";
const PASSWORD: &str = "s3cret-Pass phrase";

fn script() -> sim::Script {
    let bytes = std::fs::read(common::root().join(SAMPLE)).unwrap();
    sim::Script::from_transcript(&bytes).unwrap()
}

fn options(behaviour: sim::Behaviour, tls: bool) -> sim::Options {
    sim::Options {
        user: "administrator".into(),
        password: PASSWORD.into(),
        tls,
        behaviour,
    }
}

fn serve(behaviour: sim::Behaviour, tls: bool) -> sim::Server {
    sim::start(script(), options(behaviour, tls)).unwrap()
}

/// Runs carryover in `dir` with the password in `SIM_PASSWORD`; (status, stdout, stderr).
fn carryover(args: &[&str], dir: &Path, password: &str) -> (i32, String, String) {
    let output = Command::cargo_bin("carryover")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .env("SIM_PASSWORD", password)
        .env("GIT_AUTHOR_NAME", "carryover tests")
        .env("GIT_AUTHOR_EMAIL", "tests@example.invalid")
        .env("GIT_COMMITTER_NAME", "carryover tests")
        .env("GIT_COMMITTER_EMAIL", "tests@example.invalid")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The arguments that fetch one simulated appliance into `captures`, with the password in
/// `SIM_PASSWORD` and a short timeout.
fn fetch_args(host: &str, port: u16) -> Vec<String> {
    let port = port.to_string();
    [
        "fetch",
        host,
        "--port",
        &port,
        "--user",
        "administrator",
        "--password-env",
        "SIM_PASSWORD",
        "--into",
        "captures",
        "--timeout",
        "2",
    ]
    .map(str::to_string)
    .to_vec()
}

/// `fetch` of one simulated appliance in the clear, with extra flags.
fn fetch_plain(port: u16, dir: &Path, extra: &[&str], password: &str) -> (i32, String, String) {
    let mut args = fetch_args("127.0.0.1", port);
    args.push("--plaintext".into());
    args.extend(extra.iter().map(|a| a.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    carryover(&args, dir, password)
}

/// Writes `dir/fleet.csv` naming the simulators on `ports`, then fetches the fleet into
/// `captures` in the clear, with extra flags.
fn fetch_fleet(dir: &Path, ports: &[u16], extra: &[&str]) -> (i32, String, String) {
    let inventory: String = ports
        .iter()
        .map(|port| format!("127.0.0.1,,{port},administrator,env:SIM_PASSWORD\n"))
        .collect();
    std::fs::write(dir.join("fleet.csv"), inventory).unwrap();
    let mut args = vec![
        "fetch",
        "--inventory",
        "fleet.csv",
        "--into",
        "captures",
        "--plaintext",
        "--timeout",
        "2",
    ];
    args.extend_from_slice(extra);
    carryover(&args, dir, PASSWORD)
}

/// Checks fetch's JSON report against its committed schema (`docs/schema/fetch.schema.json`).
fn assert_matches_schema(report: &serde_json::Value) {
    let text =
        std::fs::read_to_string(common::root().join("docs/schema/fetch.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// The model of a capture as `show --format json` prints it, without its sources (paths
/// and line counts differ between the sample and the fetched copy).
fn model(path: &Path) -> serde_json::Value {
    let (code, out, err) = carryover(
        &["show", "--format", "json", &path.display().to_string()],
        common::root(),
        "",
    );
    assert_eq!(code, 0, "{err}");
    let mut json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json["config"].as_object_mut().unwrap().remove("sources");
    json["config"].take()
}

/// Every file under `dir`, as bytes, for looking for a secret.
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            all.extend(std::fs::read(entry.path()).unwrap());
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn fetch_in_the_clear_then_show_gives_the_samples_model() {
    let server = serve(sim::Behaviour::Normal, false);
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = fetch_plain(server.port, dir.path(), &[], PASSWORD);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("--plaintext"),
        "plaintext is warned about: {err}"
    );
    let fetched = dir.path().join("captures/rg03.admind.txt");
    assert!(
        out.contains("fetched 127.0.0.1 into captures/rg03.admind.txt"),
        "{out}"
    );
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("fetch: 1 of 1 appliance(s) fetched, 0 failed"),
        "{out}"
    );
    assert_eq!(model(&fetched), model(&common::root().join(SAMPLE)));
    // Readable by its owner only, whatever the umask (the help says so).
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&fetched).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let bytes = std::fs::read(&fetched).unwrap();
    assert!(
        !contains(&bytes, PASSWORD),
        "the password reached the capture"
    );
    assert!(!contains(&all_bytes(dir.path()), PASSWORD));
    assert!(!out.contains(PASSWORD) && !err.contains(PASSWORD));
}

/// A transcript without the exchange of tag `a<at>`, each later tag one less, as a session
/// that never sent that command numbers its tags.
fn without_exchange(transcript: &str, at: u32) -> String {
    let tag_of = |line: &str| {
        let rest = line
            .strip_prefix("C: ")
            .or_else(|| line.strip_prefix("S: * "))
            .or_else(|| line.strip_prefix("S: "))?;
        let tag = rest.split(' ').next()?;
        Some((tag.strip_prefix('a')?.parse::<u32>().ok()?, tag.to_string()))
    };
    let mut out = String::new();
    for line in transcript.split_inclusive('\n') {
        match tag_of(line) {
            Some((n, _)) if n == at => continue,
            Some((n, tag)) if n > at => {
                out.push_str(&line.replacen(&tag, &format!("a{:03}", n - 1), 1))
            }
            _ => out.push_str(line),
        }
    }
    out
}

#[test]
fn the_fetched_transcript_is_the_sample_byte_for_byte() {
    let server = serve(sim::Behaviour::Normal, false);
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = fetch_plain(server.port, dir.path(), &["--profile", "rules"], PASSWORD);
    assert_eq!(code, 0, "{out}{err}");
    let fetched = std::fs::read(dir.path().join("captures/rg03.admind.txt")).unwrap();
    let sample = std::fs::read_to_string(common::root().join(SAMPLE)).unwrap();
    // The sample asked a 4.1.9 appliance `smtp get maxmsgsum` (a008), new in 4.2.3: a fetch
    // that knows the version does not ask it, and says so.
    assert!(sample.contains("C: a008 smtp get maxmsgsum\r\n"));
    assert_eq!(
        String::from_utf8_lossy(&fetched),
        without_exchange(&sample, 8),
        "fetch sends the capture plan in the sample's order and records the wire as it is"
    );
    assert!(
        out.contains("`smtp get maxmsgsum`: not asked: not on this version (4.1.9-GA)"),
        "{out}"
    );
}

#[test]
fn fetch_over_tls_verifies_the_certificate() {
    let server = serve(sim::Behaviour::Normal, true);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sim.pem"), server.ca_pem.as_ref().unwrap()).unwrap();
    let base = fetch_args("localhost", server.port);
    let base: Vec<&str> = base.iter().map(String::as_str).collect();
    // Not trusted: a clear error that says what to do, and nothing written.
    let (code, _, err) = carryover(&base, dir.path(), PASSWORD);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("certificate is not trusted"), "{err}");
    assert!(err.contains("--ca"), "{err}");
    assert!(!dir.path().join("captures/rg03.admind.txt").exists());
    // Trusted through --ca.
    let (code, out, err) = carryover(
        &[&base[..], &["--ca", "sim.pem"]].concat(),
        dir.path(),
        PASSWORD,
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        model(&dir.path().join("captures/rg03.admind.txt")),
        model(&common::root().join(SAMPLE))
    );
    // --insecure works, and says so on every run.
    let (code, _, err) = carryover(&[&base[..], &["--insecure"]].concat(), dir.path(), PASSWORD);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: --insecure"), "{err}");
}

#[test]
fn a_wrong_password_is_exit_2_and_appears_nowhere() {
    let server = serve(sim::Behaviour::Normal, false);
    let dir = tempfile::tempdir().unwrap();
    let wrong = "Wr0ng-pass word";
    let (code, out, err) = fetch_plain(server.port, dir.path(), &["--format", "json"], wrong);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(&format!(
            "127.0.0.1:{}: error: the login as `administrator` was refused",
            server.port
        )),
        "{err}"
    );
    for text in [&out, &err] {
        assert!(!text.contains(wrong) && !text.contains(PASSWORD), "{text}");
    }
    assert!(!contains(&all_bytes(dir.path()), wrong));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_matches_schema(&json);
    assert_eq!(json["failed"], 1);
    assert_eq!(json["appliances"][0]["status"], "failed");
}

#[test]
fn broken_and_hostile_servers_fail_clearly_within_the_timeout() {
    let cases: Vec<(sim::Behaviour, &str)> = vec![
        (sim::Behaviour::Silent, "sent nothing for 2 s"),
        (sim::Behaviour::Garbage, "not an admind greeting"),
        (sim::Behaviour::HugeLine, "a line longer than"),
        (sim::Behaviour::EndlessLiteral, "literal"),
        (sim::Behaviour::CloseAfterGreeting, "closed the connection"),
        (
            sim::Behaviour::HostileGreeting("../../etc".into()),
            "cannot name a file",
        ),
        (
            sim::Behaviour::HostileGreeting("rg01\u{1b}[2J".into()),
            "control character (0x1b)",
        ),
    ];
    for (behaviour, says) in cases {
        let shown = format!("{behaviour:?}");
        let server = serve(behaviour, false);
        let dir = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let (code, out, err) = fetch_plain(server.port, dir.path(), &[], PASSWORD);
        assert_eq!(code, 2, "{shown}: {out}{err}");
        assert!(err.contains(says), "{shown}: {err}");
        assert!(
            !err.contains('\u{1b}'),
            "{shown}: a control character reached the terminal"
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{shown}: took {:?}",
            started.elapsed()
        );
        let written: Vec<_> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .collect();
        assert!(written.is_empty(), "{shown}: {written:?}");
    }
}

#[test]
fn a_fleet_of_fifty_goes_on_past_one_failure() {
    let mut servers = Vec::new();
    let mut inventory = String::from("host,vendor,port,user,credential-ref\n");
    for i in 1..=50 {
        let behaviour = if i == 17 {
            sim::Behaviour::CloseAfterGreeting
        } else {
            sim::Behaviour::Normal
        };
        let server = sim::start(
            script().with_host(&format!("rg{i:02}.example.net")),
            options(behaviour, false),
        )
        .unwrap();
        inventory.push_str(&format!(
            "127.0.0.1,mirapoint-mos,{},administrator,env:SIM_PASSWORD\n",
            server.port
        ));
        servers.push(server);
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fleet.csv"), inventory).unwrap();
    let (code, out, err) = carryover(
        &[
            "fetch",
            "--inventory",
            "fleet.csv",
            "--into",
            "captures",
            "--plaintext",
            "--jobs",
            "8",
            "--timeout",
            "2",
            "--format",
            "json",
        ],
        dir.path(),
        PASSWORD,
    );
    assert_eq!(code, 2, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_matches_schema(&json);
    let mut broken = json.clone();
    broken["appliances"][0]["tries"] = "twice".into();
    let failed = std::panic::catch_unwind(|| assert_matches_schema(&broken));
    assert!(failed.is_err(), "the schema check cannot fail");
    assert_eq!(json["fetched"], 49, "{out}");
    assert_eq!(json["failed"], 1, "{out}");
    assert_eq!(json["appliances"][16]["status"], "failed");
    assert_eq!(json["appliances"][0]["appliance"], "rg01");
    let files = std::fs::read_dir(dir.path().join("captures"))
        .unwrap()
        .count();
    assert_eq!(files, 49);
    assert!(!dir.path().join("captures/rg17.admind.txt").exists());
    assert_eq!(err.matches(": error: ").count(), 1, "{err}");
}

fn git_log(repo: &Path) -> Vec<String> {
    let out = Command::new("git")
        .args(["log", "--format=%s"])
        .current_dir(repo)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn track_and_commit_twice_make_one_commit_and_a_change_one_more() {
    let first = serve(sim::Behaviour::Normal, false);
    let second = sim::start(
        script().with_host("rg04.example.net"),
        options(sim::Behaviour::Normal, false),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let track = ["--track", "fleet-config", "--commit"];
    let (code, out, err) = fetch_fleet(dir.path(), &[first.port, second.port], &track);
    assert_eq!(code, 0, "{out}{err}");
    let repo = dir.path().join("fleet-config");
    assert_eq!(git_log(&repo).len(), 1, "{out}");
    assert!(repo.join("mirapoint-mos/rg03.ron").exists());
    assert!(repo.join("mirapoint-mos/rg04.ron").exists());
    // Again, nothing changed: no commit.
    let (code, out, err) = fetch_fleet(dir.path(), &[first.port, second.port], &track);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("commit: nothing changed, no commit made"),
        "{out}"
    );
    assert_eq!(git_log(&repo).len(), 1);
    // One appliance changes a setting: exactly one more commit, naming it alone.
    drop(second);
    let mut changed = script().with_host("rg04.example.net");
    changed.set_answer("", "smtp get fastpath", vec![b"\"on\"".to_vec()]);
    let second = sim::start(changed, options(sim::Behaviour::Normal, false)).unwrap();
    let (code, out, err) = fetch_fleet(dir.path(), &[first.port, second.port], &track);
    assert_eq!(code, 0, "{out}{err}");
    let log = git_log(&repo);
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0], "carryover fetch: mirapoint-mos/rg04 changed");
    assert!(!contains(&all_bytes(&repo), PASSWORD));
    // The JSON report with what was tracked and committed reads back by its schema.
    let json_args = [&track[..], &["--format", "json"]].concat();
    let (code, out, err) = fetch_fleet(dir.path(), &[first.port, second.port], &json_args);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_matches_schema(&json);
    assert_eq!(json["tracked"]["unchanged"], 2, "{out}");
    assert_eq!(json["committed"]["message"], "", "{out}");
}

#[test]
fn every_example_in_fetch_help_runs_against_the_simulator() {
    let (_, help, _) = carryover(&["fetch", "-h"], common::root(), "");
    let examples = help.split("Examples:\n").nth(1).unwrap();
    let server = serve(sim::Behaviour::Normal, true);
    for line in examples.lines().take_while(|l| l.starts_with("  ")) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sim.pem"), server.ca_pem.as_ref().unwrap()).unwrap();
        let port = server.port.to_string();
        // The example's appliances are the simulator; its credentials are in the environment.
        let line = line.trim().replace("rg01.example.net", "localhost");
        if line.contains("--vendor spamtitan") {
            // tests/fetch_spamtitan.rs fetches from a SpamTitan stub.
            continue;
        }
        if line.contains("--inventory fleet.csv") {
            std::fs::write(
                dir.path().join("fleet.csv"),
                format!("localhost,mirapoint-mos,{port},administrator,env:SIM_PASSWORD\n"),
            )
            .unwrap();
        }
        let mut args: Vec<String> = line
            .split_whitespace()
            .skip(1)
            .map(str::to_string)
            .collect();
        args.extend([
            "--ca".into(),
            "sim.pem".into(),
            "--timeout".into(),
            "2".into(),
        ]);
        if !line.contains("--inventory") {
            args.extend(["--port".into(), port.clone()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = Command::cargo_bin("carryover")
            .unwrap()
            .args(&args)
            .current_dir(dir.path())
            .env("RG_PASSWORD", PASSWORD)
            .env("SIM_PASSWORD", PASSWORD)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "`{line}`: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn credentials_are_referenced_and_checked_before_anything_is_fetched() {
    let server = serve(sim::Behaviour::Normal, false);
    let dir = tempfile::tempdir().unwrap();
    // A password typed into the inventory is refused, and not repeated.
    std::fs::write(
        dir.path().join("fleet.csv"),
        format!(
            "127.0.0.1,mirapoint-mos,{},administrator,{PASSWORD}\n",
            server.port
        ),
    )
    .unwrap();
    let (code, out, err) = carryover(
        &[
            "fetch",
            "--inventory",
            "fleet.csv",
            "--into",
            "captures",
            "--plaintext",
        ],
        dir.path(),
        PASSWORD,
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("fleet.csv:1: the credential column holds neither"),
        "{err}"
    );
    assert!(!err.contains(PASSWORD) && !out.contains(PASSWORD));
    // A password file others may read is refused.
    let file = dir.path().join("rg03.password");
    std::fs::write(&file, format!("{PASSWORD}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let port = server.port.to_string();
        let args = [
            "fetch",
            "127.0.0.1",
            "--port",
            &port,
            "--plaintext",
            "--user",
            "administrator",
            "--password-file",
            "rg03.password",
            "--into",
            "captures",
        ];
        let (code, _, err) = carryover(&args, dir.path(), "");
        assert_eq!(code, 2);
        assert!(
            err.contains("others may read it (mode 644): chmod 600 it"),
            "{err}"
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let (code, out, err) = carryover(&args, dir.path(), "");
        assert_eq!(code, 0, "{out}{err}");
    }
    // No credential and no terminal: a clear error naming the flags.
    let port = server.port.to_string();
    let (code, _, err) = carryover(
        &[
            "fetch",
            "127.0.0.1",
            "--port",
            &port,
            "--plaintext",
            "--user",
            "administrator",
            "--into",
            "c",
        ],
        dir.path(),
        "",
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("no password given: use --password-env or --password-file"),
        "{err}"
    );
}

#[test]
fn two_hosts_answering_as_one_appliance_write_nothing_and_keep_the_earlier_capture() {
    let first = serve(sim::Behaviour::Normal, false);
    let second = serve(sim::Behaviour::Normal, false);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("captures")).unwrap();
    std::fs::write(
        dir.path().join("captures/rg03.admind.txt"),
        "earlier capture",
    )
    .unwrap();
    let (code, out, err) = fetch_fleet(dir.path(), &[first.port, second.port], &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.matches("also answered as `rg03`").count(), 2, "{err}");
    assert!(
        out.contains("0 of 2 appliance(s) fetched, 2 failed"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("captures/rg03.admind.txt")).unwrap(),
        "earlier capture"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path().join("captures"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "no staged file is left behind: {left:?}");
}

#[test]
fn commit_takes_only_the_files_track_writes() {
    let server = serve(sim::Behaviour::Normal, false);
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("fleet-config");
    std::fs::create_dir(&repo).unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(args)
            .current_dir(&repo)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "--quiet"]);
    std::fs::write(repo.join("notes.txt"), "staged, not ours\n").unwrap();
    git(&["add", "notes.txt"]);
    std::fs::write(repo.join("rg03.password"), "left here by mistake\n").unwrap();
    let (code, out, err) = fetch_plain(
        server.port,
        dir.path(),
        &["--track", "fleet-config", "--commit"],
        PASSWORD,
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("committed: carryover fetch: mirapoint-mos/rg03 added"),
        "{out}"
    );
    let shown = Command::new("git")
        .args(["show", "--name-only", "--format=", "HEAD"])
        .current_dir(&repo)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&shown.stdout).trim(),
        "mirapoint-mos/rg03.ron"
    );
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(&repo)
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(
        status.contains("A  notes.txt") && status.contains("?? rg03.password"),
        "{status}"
    );
}

#[test]
fn a_refused_domain_list_or_an_empty_capture_is_a_failure_not_a_removal() {
    let mut refusing = script();
    refusing.set_refusal("", "domain list", "Permission denied");
    let server = sim::start(refusing, options(sim::Behaviour::Normal, false)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = fetch_plain(server.port, dir.path(), &[], PASSWORD);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("without the domain list the delegated domains cannot be captured"),
        "{err}"
    );
    assert!(!dir.path().join("captures/rg03.admind.txt").exists());
    // Everything refused but the version: no configuration, no capture.
    let mut bare = script();
    for command in [
        "license status",
        "update list",
        "uce listexception primary whitelist",
        "uce listexception primary blacklist",
        "smtp get maxmsgsum",
        "trustedhost list mtagroup",
        "key getpublic MTA \"\"",
        "ldap get autoreply",
        "smtp get quarantinejunk",
        "smtp get ldaprouting",
        "smtp get fastpath",
        "uce listexception primary whitelistto",
        "uce listexception any whitelistto",
        "uce listexception local whitelistto",
        "uce listexception nonlocal whitelistto",
        "uce listexception sales.example.net whitelistto",
        "uce listexception support.example.net whitelistto",
        "branding get quotamsg",
    ] {
        bare.set_refusal("", command, "Permission denied");
        bare.set_refusal("sales.example.net", command, "Permission denied");
        bare.set_refusal("support.example.net", command, "Permission denied");
    }
    let server = sim::start(bare, options(sim::Behaviour::Normal, false)).unwrap();
    let (code, out, err) = fetch_plain(server.port, dir.path(), &[], PASSWORD);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("the capture holds no configuration"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!dir.path().join("captures/rg03.admind.txt").exists());
}

#[test]
fn tls_and_plaintext_mixed_up_say_which_to_use() {
    let tls = serve(sim::Behaviour::Normal, true);
    let plain = serve(sim::Behaviour::Normal, false);
    let dir = tempfile::tempdir().unwrap();
    // --plaintext against the TLS port.
    let (code, _, err) = fetch_plain(tls.port, dir.path(), &[], PASSWORD);
    assert_eq!(code, 2);
    assert!(err.contains("leave out --plaintext"), "{err}");
    // TLS against the plaintext port.
    let args = fetch_args("127.0.0.1", plain.port);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, err) = carryover(&args, dir.path(), PASSWORD);
    assert_eq!(code, 2);
    assert!(
        err.contains("is the port plaintext? then --plaintext"),
        "{err}"
    );
}

#[test]
fn a_staging_folder_left_by_a_killed_fetch_is_not_tracked() {
    let dir = tempfile::tempdir().unwrap();
    let left = dir.path().join("captures/.st01.fetching-Ab12Cd");
    std::fs::create_dir_all(&left).unwrap();
    std::fs::copy(
        common::root().join("samples/spamtitan/7.08/st01/version.txt"),
        left.join("version.txt"),
    )
    .unwrap();
    std::fs::copy(
        common::root().join(SAMPLE),
        dir.path().join("captures/rg03.admind.txt"),
    )
    .unwrap();
    let (code, out, err) = carryover(
        &["track", "captures", "--into", "fleet-config"],
        dir.path(),
        "",
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 appliance(s) from 1 file(s)"), "{out}");
}

/// The commands a simulator received, without their tags.
fn commands_received(server: &sim::Server) -> Vec<String> {
    server
        .received()
        .iter()
        .map(|line| {
            line.split_once(' ')
                .map_or(line.as_str(), |(_, c)| c)
                .to_string()
        })
        .collect()
}

#[test]
fn by_default_fetch_reads_every_list_in_every_scope_and_delegated_domain() {
    // An appliance whose hand-saved CLI log would hold `uce listexception nonlocal blacklist`.
    let mut appliance = script();
    let nonlocal = vec![b"\"@bulk.example.org\"".to_vec()];
    appliance.set_answer("", "uce listexception nonlocal blacklist", nonlocal);
    let sales = vec![b"\"partner@vendor.example.com\"".to_vec()];
    appliance.set_answer("", "uce listexception sales.example.net whitelist", sales);
    let server = sim::start(appliance, options(sim::Behaviour::Normal, false)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = fetch_plain(server.port, dir.path(), &[], PASSWORD);
    assert_eq!(code, 0, "{out}{err}");
    let asked = commands_received(&server);
    let scopes = [
        "primary",
        "any",
        "local",
        "nonlocal",
        "sales.example.net",
        "support.example.net",
    ];
    for scope in scopes {
        for list in ["whitelist", "blacklist", "whitelistto"] {
            let command = format!("uce listexception {scope} {list}");
            assert!(asked.contains(&command), "{command} not asked: {asked:#?}");
        }
    }
    for command in [
        "smtp get recipientcheck",
        "smtp get smtpauth",
        "license status",
    ] {
        assert!(asked.iter().any(|c| c == command), "{command}: {asked:#?}");
    }
    // A private key is a secret: never read.
    assert!(
        !asked.iter().any(|c| c.starts_with("key get ")),
        "{asked:#?}"
    );
    let model = model(&dir.path().join("captures/rg03.admind.txt"));
    assert_eq!(
        model["lists"]["nonlocal"]["blacklist"],
        serde_json::json!(["@bulk.example.org"])
    );
    assert_eq!(
        model["lists"]["sales.example.net"]["whitelist"],
        serde_json::json!(["partner@vendor.example.com"])
    );
}

#[test]
fn profile_rules_reads_what_the_rules_need_and_no_more() {
    let server = serve(sim::Behaviour::Normal, false);
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = fetch_plain(server.port, dir.path(), &["--profile", "rules"], PASSWORD);
    assert_eq!(code, 0, "{out}{err}");
    let asked = commands_received(&server);
    assert!(
        !asked
            .iter()
            .any(|c| c == "uce listexception nonlocal blacklist"),
        "{asked:#?}"
    );
    assert!(
        asked
            .iter()
            .any(|c| c == "uce listexception nonlocal whitelistto"),
        "{asked:#?}"
    );
}

#[test]
fn a_form_new_in_a_later_version_is_asked_only_of_that_version() {
    // On 4.1.9 (the sample), `smtp get maxmsgsum` (since 4.2.3) is not asked.
    let server = serve(sim::Behaviour::Normal, false);
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = fetch_plain(server.port, dir.path(), &[], PASSWORD);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!commands_received(&server)
        .iter()
        .any(|c| c == "smtp get maxmsgsum"));
    assert!(
        out.contains("`smtp get maxmsgsum`: not asked: not on this version (4.1.9-GA)"),
        "{out}"
    );
    // On 4.2.3 it is; refused there, the refusal says the form is one some versions lack.
    let mut upgraded = script();
    upgraded.set_answer("", "version", vec![b"\"MOS4.2.3-GA\"".to_vec()]);
    let server = sim::start(upgraded, options(sim::Behaviour::Normal, false)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = fetch_plain(server.port, dir.path(), &[], PASSWORD);
    assert_eq!(code, 0, "{out}{err}");
    assert!(commands_received(&server)
        .iter()
        .any(|c| c == "smtp get maxmsgsum"));
    assert!(
        out.contains(
            "`smtp get maxmsgsum`: refused: not on this version (NO Unknown setting maxmsgsum)"
        ),
        "{out}"
    );
}

#[test]
fn capture_profile_full_prints_more_than_the_default_and_the_default_is_unchanged() {
    let capture = |extra: &[&str]| {
        let mut args = vec!["capture", "samples/mos/rg03-admind-capture.txt"];
        args.extend_from_slice(extra);
        let (code, out, err) = carryover(&args, common::root(), "");
        assert_eq!(code, 0, "{err}");
        out
    };
    let (default, rules, full) = (
        capture(&[]),
        capture(&["--profile", "rules"]),
        capture(&["--profile", "full"]),
    );
    assert_eq!(default, rules, "the pasted plan stays the short one");
    let commands = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    let (short, long) = (commands(&rules), commands(&full));
    assert!(long.len() > short.len());
    assert_eq!(
        long[..short.len()],
        short[..],
        "the full plan starts with the short one"
    );
    for command in [
        "uce listexception nonlocal blacklist",
        "uce listexception support.example.net whitelist",
        "smtp get smtpauth",
    ] {
        assert!(!short.iter().any(|c| c == command), "{command}");
        assert!(long.iter().any(|c| c == command), "{command}");
    }
    assert!(full.contains("# the rest of what the catalog can read (--profile full)\n"));
}

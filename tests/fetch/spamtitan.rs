//! `fetch` for SpamTitan against a stub appliance (REST and legacy APIs over HTTPS): the folder
//! it writes reads as the sample it was served from; the token is refused clearly and shown
//! nowhere; TLS trusts only what it is told to; busy answers are tried again and failed calls
//! named; hostile domain names reach no path; a failed fetch leaves the earlier capture; a
//! silent appliance times out in time.

use crate::common::https_stub;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use carryover::capture::ReadOptions;
use carryover::fetch::{FetchError, Fetched, Secret, Target, TlsOptions};
use carryover::render::message::words;
use carryover::vendors::spamtitan::fetch::{fetch_with, Policy};
use carryover::vendors::spamtitan::SpamTitan;
use carryover::vendors::Vendor;

use https_stub::{Answer, Body, Stub};

const TOKEN: &str = "st-Token-9fQ2xLr7";

fn sample_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/spamtitan/7.08/st01")
}

fn sample_stub() -> Stub {
    Stub::tls(https_stub::sample(&sample_folder(), TOKEN))
}

fn target(stub: &Stub, tls: TlsOptions) -> Target {
    Target {
        host: "127.0.0.1".into(),
        port: Some(stub.port),
        user: None,
        secret: Some(Secret::new(TOKEN)),
        tls,
        timeout: Duration::from_secs(2),
    }
}

/// TLS trusting the stub's certificate through `--ca`.
fn trusting(stub: &Stub, dir: &Path) -> TlsOptions {
    TlsOptions {
        ca: Some(stub.write_certificate(dir)),
        ..TlsOptions::default()
    }
}

/// The vendor's own fetch, as `carryover fetch` calls it.
fn fetch(target: &Target, into: &Path) -> Result<Fetched, FetchError> {
    let vendor = SpamTitan.fetch().expect("SpamTitan fetches");
    vendor.fetch(target, into, &|_| Vec::new())
}

/// What an error says, in words, as `carryover fetch` shows it.
fn said(error: &FetchError) -> String {
    words(error.message())
}

/// What the appliance would not give, in words, each on one line; what no API call reads
/// at all (recipient verification, said on every fetch) apart.
fn missing(fetched: &Fetched) -> Vec<String> {
    fetched
        .not_captured
        .iter()
        .filter(|m| m.id != "fetch-st-record-unread")
        .map(words)
        .collect()
}

/// What the fetch says no API call reads, in words.
fn unreadable(fetched: &Fetched) -> Vec<String> {
    fetched
        .not_captured
        .iter()
        .filter(|m| m.id == "fetch-st-record-unread")
        .map(words)
        .collect()
}

/// Short waits between tries, so that tests stay fast.
fn quick() -> Policy {
    Policy {
        tries: 3,
        first_wait: Duration::from_millis(10),
        longest_wait: Duration::from_millis(50),
        ..Policy::default()
    }
}

/// Every file under `dir`, by its path inside it, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The names directly under `dir`.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn copy_dir(from: &Path, to: &Path, leave_out: &[&str]) {
    for (relative, bytes) in files(from) {
        if leave_out.iter().any(|l| relative.starts_with(l)) {
            continue;
        }
        let path = to.join(&relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

fn model(folder: &Path) -> carryover::model::Config {
    carryover::read::read(&[folder.to_path_buf()], &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{} reads: {e}", folder.display()))
        .config
}

fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn a_fetched_folder_reads_as_the_sample_it_was_served_from() {
    let stub = sample_stub();
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("captures");
    // The by-hand template the user filled in an earlier capture is theirs: it is kept.
    let earlier = into.join("127-0-0-1");
    std::fs::create_dir_all(&earlier).unwrap();
    std::fs::copy(
        sample_folder().join("by-hand.txt"),
        earlier.join("by-hand.txt"),
    )
    .unwrap();
    std::fs::write(earlier.join("stale.json"), "{}").unwrap();

    let fetched = fetch(&target(&stub, trusting(&stub, dir.path())), &into).unwrap();
    assert_eq!(fetched.appliance, "127-0-0-1");
    assert_eq!(fetched.path, earlier);
    assert!(missing(&fetched).is_empty(), "{:?}", fetched.not_captured);
    assert_eq!(
        unreadable(&fetched),
        [
            "domain.verification and its 7 server fields: no API call reads them; the UI's domain \
          export holds them: export the domains from the UI into 127-0-0-1/domains.csv"
        ]
    );
    let written = files(&fetched.path);
    assert_eq!(
        written.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "api/domains/example.com.json",
            "api/domains/example.com/policy.json",
            "by-hand.txt",
            "lists/domain/example.com/allow.xml",
            "lists/domain/example.com/block.xml",
            "lists/global/allow.xml",
            "lists/global/block.xml",
            "version.txt",
        ]
    );
    assert_eq!(
        written["by-hand.txt"],
        std::fs::read(sample_folder().join("by-hand.txt")).unwrap()
    );
    assert_eq!(names(&into), ["127-0-0-1"], "no temporary folder is left");
    // Readable by its owner only, whatever the umask (the help says so).
    use std::os::unix::fs::PermissionsExt;
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&fetched.path), 0o700);

    // What no call fetches is left out of the sample: domains.csv (exported from the UI by
    // hand; it also names domains the REST answers do not) and the user lists (the capture
    // script reads no user's list).
    let expected = dir.path().join("expected/st01");
    copy_dir(&sample_folder(), &expected, &["domains.csv", "lists/user"]);
    let (got, want) = (model(&fetched.path), model(&expected));
    assert_eq!(json(&got.settings), json(&want.settings));
    assert_eq!(json(&got.domains), json(&want.domains));
    assert_eq!(json(&got.appliance.version), json(&want.appliance.version));
    // The appliance answers a list the sample has no file for, empty: the fetch holds it as
    // captured and empty, where the sample says nothing of it.
    let mut lists = got.lists.clone();
    let mut empty = Vec::new();
    for (scope, by_name) in &mut lists {
        by_name.retain(|name, list| {
            if list.is_empty() {
                empty.push(format!("{scope} {name}"));
            }
            !list.is_empty()
        });
    }
    lists.retain(|_, by_name| !by_name.is_empty());
    assert_eq!(empty, ["example.com block"]);
    assert_eq!(json(&lists), json(&want.lists));
    assert!(!got.lists.is_empty() && !got.settings.is_empty());

    // The token went in the header of every call, and nowhere else.
    let requests = stub.requests();
    assert_eq!(requests.len(), 8);
    for request in &requests {
        assert_eq!(
            request.authorization.as_deref(),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        assert!(!request.target.contains(TOKEN));
    }
    for (name, bytes) in files(dir.path()) {
        assert!(!String::from_utf8_lossy(&bytes).contains(TOKEN), "{name}");
    }
}

#[test]
fn without_a_filled_in_template_the_script_s_template_is_written() {
    let stub = sample_stub();
    let dir = tempfile::tempdir().unwrap();
    let fetched = fetch(&target(&stub, trusting(&stub, dir.path())), dir.path()).unwrap();
    assert_eq!(
        std::fs::read_to_string(fetched.path.join("by-hand.txt")).unwrap(),
        carryover::vendors::spamtitan::by_hand::template()
    );
    assert_eq!(
        std::fs::read_to_string(fetched.path.join("version.txt")).unwrap(),
        "7.08\n"
    );
}

#[test]
fn a_wrong_token_is_refused_clearly_and_shown_nowhere() {
    let stub = sample_stub();
    stub.set(|b| b.token = "another-token".into());
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("captures");
    let error = fetch(&target(&stub, trusting(&stub, dir.path())), &into).unwrap_err();
    assert!(!error.is_transient());
    let message = said(&error);
    assert!(
        message.contains("the API token was refused (401)"),
        "{message}"
    );
    assert!(!message.contains(TOKEN) && !format!("{error:?}").contains(TOKEN));
    assert!(
        names(&into).is_empty(),
        "nothing is written: {:?}",
        names(&into)
    );
    for (name, bytes) in files(dir.path()) {
        assert!(!String::from_utf8_lossy(&bytes).contains(TOKEN), "{name}");
    }

    // A token the appliance knows but that may not read the domains.
    stub.set(|b| {
        b.token = TOKEN.into();
        b.status.insert("/restapi/domains".into(), 403);
    });
    let error = fetch(&target(&stub, trusting(&stub, dir.path())), &into).unwrap_err();
    assert!(
        said(&error).contains("the API token was refused (403)"),
        "{error}"
    );
    assert!(names(&into).is_empty());
}

#[test]
fn tls_trusts_the_built_in_roots_and_ca_or_insecure_alone() {
    let stub = sample_stub();
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("captures");

    let error = fetch(&target(&stub, TlsOptions::default()), &into).unwrap_err();
    let message = said(&error);
    assert!(
        message.contains("certificate is not trusted") && message.contains("--ca FILE"),
        "{message}"
    );
    assert!(names(&into).is_empty());

    let with_ca = fetch(&target(&stub, trusting(&stub, dir.path())), &into).unwrap();
    assert!(with_ca.path.join("version.txt").is_file());

    let insecure = TlsOptions {
        insecure: true,
        ..TlsOptions::default()
    };
    let fetched = fetch(&target(&stub, insecure), &into).unwrap();
    assert!(fetched.path.join("lists/global/allow.xml").is_file());

    // TLS to a plaintext port says so.
    let plain = Stub::plain(https_stub::sample(&sample_folder(), TOKEN));
    let error = fetch(&target(&plain, trusting(&stub, dir.path())), &into).unwrap_err();
    assert!(said(&error).contains("--plaintext"), "{error}");
    // ... which `--plaintext` talks to.
    let plaintext = TlsOptions {
        plaintext: true,
        ..TlsOptions::default()
    };
    let fetched = fetch(&target(&plain, plaintext), &into).unwrap();
    assert!(missing(&fetched).is_empty());
    assert_eq!(SpamTitan.fetch().unwrap().default_port(true), 80);
    assert_eq!(SpamTitan.fetch().unwrap().default_port(false), 443);
}

#[test]
fn busy_answers_are_tried_again_and_a_failed_call_is_named_not_written() {
    let stub = sample_stub();
    stub.set(|b| {
        b.busy_once.insert("/restapi/domains".into());
        b.busy_once.insert("/whitelist/list".into());
        b.status
            .insert("/restapi/domains/example.com/policy".into(), 500);
        b.status.insert("/blacklist/list".into(), 429);
        b.status
            .insert("/whitelist/list?user=example.com".into(), 302);
        b.status
            .insert("/blacklist/list?user=example.com".into(), 403);
    });
    let dir = tempfile::tempdir().unwrap();
    let fetched = fetch_with(
        &target(&stub, trusting(&stub, dir.path())),
        dir.path(),
        &quick(),
    )
    .unwrap();
    assert_eq!(
        missing(&fetched),
        [
            "GET /restapi/domains/example.com/policy: 500 (inferred call)",
            "GET /whitelist/list?user=example.com: 302 (a redirect, not followed)",
            "GET /blacklist/list?user=example.com: 403 (not for this token) (inferred call)",
            "GET /blacklist/list: 429 (still busy after 3 tries) (inferred call)",
        ]
    );
    let written = files(&fetched.path);
    assert!(!written.contains_key("api/domains/example.com/policy.json"));
    assert!(!written.contains_key("lists/global/block.xml"));
    assert!(!written.keys().any(|k| k.starts_with("lists/domain")));
    for present in [
        "api/domains/example.com.json",
        "lists/global/allow.xml",
        "version.txt",
    ] {
        assert!(written.contains_key(present), "{present}");
    }
    let calls = |target: &str| {
        stub.requests()
            .iter()
            .filter(|r| r.target == target)
            .count()
    };
    assert_eq!(calls("/restapi/domains"), 2);
    assert_eq!(calls("/whitelist/list"), 2);
    assert_eq!(calls("/blacklist/list"), 3);
    assert_eq!(calls("/restapi/domains/example.com/policy"), 1);
    // The capture reads, and says what it lacks.
    model(&fetched.path);
}

#[test]
fn answers_that_are_not_what_their_file_holds_are_not_saved() {
    let stub = sample_stub();
    stub.set(|b| {
        b.answers.insert(
            "/restapi/domains/example.com".into(),
            Answer::ok("<html>Login</html>"),
        );
        b.answers.insert(
            "/restapi/domains/example.com/policy".into(),
            Answer::ok(r#"{"status": "error", "message": "no policy"}"#),
        );
        b.answers.insert(
            "/whitelist/list?user=example.com".into(),
            Answer::ok("<response><stat>fail</stat><error>no such user</error></response>"),
        );
        b.answers.insert(
            "/blacklist/list?user=example.com".into(),
            Answer::ok("recruiter@agency.example\n"),
        );
        b.answers.insert(
            "/whitelist/list".into(),
            Answer {
                status: 200,
                body: Body::Repeat(b'<', 2 * 1024 * 1024),
            },
        );
        b.answers.insert(
            "/restapi/system/version".into(),
            Answer::ok(r#"{"build": 1}"#),
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let policy = Policy {
        body_limit: 1024 * 1024,
        ..quick()
    };
    let fetched = fetch_with(
        &target(&stub, trusting(&stub, dir.path())),
        dir.path(),
        &policy,
    )
    .unwrap();
    let missed = missing(&fetched).join("\n");
    for said in [
        "GET /restapi/system/version: the answer holds no `version` or `revision`; write the \
         version to version.txt by hand (inferred call)",
        "GET /restapi/domains/example.com: the answer is not JSON",
        "GET /restapi/domains/example.com/policy: an error answer of the REST API",
        "GET /whitelist/list?user=example.com: the legacy API answered stat fail: no such user",
        "GET /blacklist/list?user=example.com: the answer is not the legacy API's XML \
         (inferred call)",
        "GET /whitelist/list: the answer is larger than 1048576 bytes",
    ] {
        assert!(missed.contains(said), "{said}\nnot in:\n{missed}");
    }
    assert_eq!(missing(&fetched).len(), 6, "{missed}");
    assert_eq!(
        files(&fetched.path).keys().collect::<Vec<_>>(),
        ["by-hand.txt", "lists/global/block.xml"]
    );
}

#[test]
fn a_domain_list_of_unknown_shape_is_an_error_not_an_empty_capture() {
    let stub = sample_stub();
    stub.set(|b| {
        b.answers.insert(
            "/restapi/domains".into(),
            Answer::ok(r#"{"domains": ["example.com"]}"#),
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let error = fetch(&target(&stub, trusting(&stub, dir.path())), dir.path()).unwrap_err();
    let message = said(&error);
    assert!(
        message.contains("GET /restapi/domains: expected an array of domains")
            && message.contains("got an object with domains"),
        "{message}"
    );
    assert!(names(dir.path()) == ["stub.pem"], "{:?}", names(dir.path()));
}

#[test]
fn a_hostile_domain_name_is_never_used_in_a_path() {
    let stub = sample_stub();
    let hostile = ["../../etc", "../../etc\nx", "a/b", "..", "x y", ""];
    stub.set(|b| {
        let mut data = vec![serde_json::json!({"domain": "example.com"})];
        data.extend(hostile.iter().map(|h| serde_json::json!({"domain": h})));
        data.push(serde_json::json!({"name": "EXAMPLE.com"}));
        b.answers.insert(
            "/restapi/domains".into(),
            Answer::ok(serde_json::json!(data).to_string()),
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("captures");
    let fetched = fetch(&target(&stub, trusting(&stub, dir.path())), &into).unwrap();
    assert_eq!(missing(&fetched).len(), hostile.len());
    let lines = missing(&fetched);
    assert!(lines
        .iter()
        .any(|line| line.contains(r#""../../etc\nx" is not a plain domain name"#)));
    assert!(lines.iter().all(|l| !l.contains('\n')));
    // Only the plain name was asked about, once (its other spelling is the same domain).
    let asked: Vec<String> = stub.requests().into_iter().map(|r| r.target).collect();
    for target in &asked {
        assert!(
            !target.contains("etc") && !target.contains("a/b"),
            "{target}"
        );
    }
    assert_eq!(asked.len(), 8, "{asked:?}");
    // Nothing was written outside the capture folder.
    assert_eq!(names(dir.path()), ["captures", "stub.pem"]);
    assert_eq!(names(&into), ["127-0-0-1"]);
    assert_eq!(
        names(&fetched.path.join("api/domains")),
        ["example.com", "example.com.json"]
    );
}

#[test]
fn a_failed_fetch_leaves_the_earlier_capture_as_it_was() {
    let stub = sample_stub();
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("captures");
    let target = target(&stub, trusting(&stub, dir.path()));
    let fetched = fetch(&target, &into).unwrap();
    std::fs::write(fetched.path.join("by-hand.txt"), "relay.smarthost = none\n").unwrap();
    let export = std::fs::read(sample_folder().join("domains.csv")).unwrap();
    std::fs::write(fetched.path.join("domains.csv"), &export).unwrap();
    let before = files(&fetched.path);

    // An appliance that does not speak HTTP; then one that fails part-way, after the version.
    stub.set(|b| b.not_http = true);
    let error = fetch(&target, &into).unwrap_err();
    assert!(said(&error).contains("not HTTP"), "{error}");
    stub.set(|b| {
        b.not_http = false;
        b.status.insert("/restapi/domains".into(), 500);
    });
    let error = fetch(&target, &into).unwrap_err();
    assert!(
        said(&error).contains("GET /restapi/domains: 500"),
        "{error}"
    );
    assert_eq!(files(&fetched.path), before);
    assert_eq!(names(&into), ["127-0-0-1"], "no temporary folder is left");

    // A later fetch that succeeds replaces the capture and keeps the user's by-hand.txt.
    stub.set(|b| {
        b.status.clear();
        b.answers.insert(
            "/restapi/system/version".into(),
            Answer::ok(r#"{"version": "7.09"}"#),
        );
    });
    let again = fetch(&target, &into).unwrap();
    let after = files(&again.path);
    assert_eq!(after["version.txt"], b"7.09\n");
    assert_eq!(after["by-hand.txt"], b"relay.smarthost = none\n");
    assert_eq!(after["domains.csv"], export);
    assert_eq!(names(&into), ["127-0-0-1"]);
    // Recipient verification, which no API call reads, is in the export kept.
    assert_eq!(
        unreadable(&again),
        [
            "domain.verification and its 7 server fields: no API call reads them; the UI's domain \
          export holds them: 127-0-0-1/domains.csv is kept from the previous capture, as it \
          was exported"
        ]
    );
}

#[test]
fn a_silent_appliance_times_out_within_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    // Says nothing at all: the TLS handshake never ends.
    let silent = Stub::tls(https_stub::Behaviour {
        silent: true,
        ..https_stub::Behaviour::default()
    });
    let mut target = target(&silent, trusting(&silent, dir.path()));
    target.timeout = Duration::from_secs(1);
    let start = Instant::now();
    let error = fetch_with(&target, dir.path(), &quick()).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_millis(2500),
        "{:?}",
        start.elapsed()
    );
    assert!(said(&error).contains("no answer within 1 s"), "{error}");
    assert!(
        error.is_transient(),
        "a connection that never came up: {error}"
    );

    // Takes the request and never answers.
    let hanging = Stub::plain(https_stub::Behaviour {
        hang: true,
        ..https_stub::Behaviour::default()
    });
    let mut target = self::target(
        &hanging,
        TlsOptions {
            plaintext: true,
            ..TlsOptions::default()
        },
    );
    target.timeout = Duration::from_secs(1);
    let start = Instant::now();
    let error = fetch_with(&target, dir.path(), &quick()).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_millis(2500),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        said(&error),
        "GET /restapi/system/version: no answer within 1 s"
    );
    assert_eq!(names(dir.path()), ["stub.pem"]);
}

#[test]
fn a_host_that_would_change_the_url_is_refused() {
    let stub = sample_stub();
    let dir = tempfile::tempdir().unwrap();
    for host in ["evil.example/x?", "user@127.0.0.1", "127.0.0.1:8443"] {
        let mut target = target(&stub, trusting(&stub, dir.path()));
        target.host = host.into();
        let error = fetch(&target, dir.path()).unwrap_err();
        assert!(said(&error).contains("neither a host name"), "{error}");
    }
    assert!(stub.requests().is_empty());
}

/// `carryover fetch` with fetch's own SpamTitan help example, against the stub: a folder
/// `show` reads, tracked into a repository, the token nowhere.
#[test]
fn the_help_example_fetches_tracks_and_keeps_the_token_out() {
    let stub = sample_stub();
    let dir = tempfile::tempdir().unwrap();
    stub.write_certificate(dir.path());
    std::fs::rename(dir.path().join("stub.pem"), dir.path().join("st01.pem")).unwrap();
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_carryover"))
        .args(["fetch", "-h"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let example = help
        .lines()
        .map(str::trim)
        .find(|l| l.contains("--vendor spamtitan"))
        .expect("fetch -h shows a SpamTitan example");
    // The example's appliance is the stub, on its port; the certificate names localhost.
    let line = example.replace("st01.example.net", "localhost");
    let port = stub.port.to_string();
    let mut args: Vec<&str> = line.split_whitespace().skip(1).collect();
    args.extend(["--port", &port, "--timeout", "2", "--track", "fleet-config"]);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_carryover"))
        .args(&args)
        .current_dir(dir.path())
        .env("ST_TOKEN", TOKEN)
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    );
    assert_eq!(output.status.code(), Some(0), "`{line}`: {out}{err}");
    assert!(
        out.contains("fetched localhost into captures/localhost"),
        "{out}"
    );
    assert!(
        out.contains("tracked fleet-config/spamtitan/localhost.ron"),
        "{out}"
    );
    let folder = dir.path().join("captures/localhost");
    // What the APIs give is the sample's; the by-hand settings and domains.csv are the
    // user's to add (a_fetched_folder_reads_as_the_sample_it_was_served_from compares more).
    let fetched = json(&model(&folder).settings);
    let sample = json(&model(&sample_folder()).settings);
    let fetched = fetched["example.com"].as_object().unwrap();
    assert!(fetched.len() >= 5, "{fetched:?}");
    for (name, value) in fetched {
        assert_eq!(&sample["example.com"][name], value, "{name}");
    }
    for text in [&out, &err] {
        assert!(!text.contains(TOKEN), "{text}");
    }
    for (path, bytes) in files(dir.path()) {
        assert!(
            !bytes.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes()),
            "the token reached {path}"
        );
    }
    // A wrong token: exit 2, the earlier capture left as it was.
    let before = files(&folder);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_carryover"))
        .args(&args)
        .current_dir(dir.path())
        .env("ST_TOKEN", "wrong-Token-1234")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("localhost:{port}: error: ")) && err.contains("401"),
        "{err}"
    );
    assert!(!err.contains("wrong-Token-1234"), "{err}");
    assert_eq!(files(&folder), before);
}

#[test]
fn the_lists_of_each_user_the_earlier_capture_holds_are_read_again() {
    let stub = sample_stub();
    stub.set(|b| {
        let entries = ["recruiter@agency.example".to_string()];
        b.answers.insert(
            "/blacklist/list?user=ceo%40example.com".into(),
            Answer::ok(https_stub::list_xml("blacklist", &entries)),
        );
        b.answers.insert(
            "/whitelist/list?user=ceo%40example.com".into(),
            Answer::ok(https_stub::list_xml("whitelist", &[])),
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("captures");
    // The earlier capture names the users (no API call lists them); a folder whose name is
    // no plain address is used in no URL.
    let earlier = into.join("127-0-0-1/lists/user");
    copy_dir(&sample_folder().join("lists/user"), &earlier, &[]);
    std::fs::create_dir_all(earlier.join("a b@example.com")).unwrap();
    let fetched = fetch(&target(&stub, trusting(&stub, dir.path())), &into).unwrap();
    assert_eq!(
        missing(&fetched),
        [
            "`lists/user/a b@example.com`: \"a b@example.com\" is not a plain address: its lists \
          were not read, and it is used in no call"
        ]
    );
    let written = files(&fetched.path);
    assert!(
        written.contains_key("lists/user/ceo@example.com/block.xml"),
        "{written:?}"
    );
    assert!(written.contains_key("lists/user/ceo@example.com/allow.xml"));
    assert!(!written.keys().any(|k| k.contains("a b@")), "{written:?}");
    let asked: Vec<String> = stub.requests().into_iter().map(|r| r.target).collect();
    assert!(
        !asked
            .iter()
            .any(|t| t.contains("a%20b") || t.contains("a b")),
        "{asked:?}"
    );
    let user = "user:ceo@example.com".to_string();
    let lists = &model(&fetched.path).lists[&user];
    let blocked: Vec<String> = lists["block"].iter().map(|(e, _)| e.to_string()).collect();
    assert_eq!(blocked, ["recruiter@agency.example"]);
}

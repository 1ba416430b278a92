//! A SpamTitan appliance that keeps state, behind a stub `curl`, for replaying restore
//! scripts. The stub on PATH is a small bash script that saves each call's arguments and
//! standard input, then runs this test binary again as the `curl_stub` test of the module whose
//! test made the call (the test that calls [`curl_stub`]), which answers as the appliance would
//! (`../shared/FORMATS.md`, "SpamTitan"): REST JSON answers and HTTP codes, legacy XML answers
//! with `stat` ok or fail, `--fail`, `-o`, `-w '%{http_code}'`. The state lives in a JSON file
//! between calls.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One domain as the appliance holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    /// The database id the REST API answers.
    pub id: u64,
    /// The destination server.
    pub destination: String,
    /// Recipient verification and the domain group, by the legacy edit's field names.
    pub edit: BTreeMap<String, String>,
    /// The REST policy fields (`qreport_*`).
    pub policy: BTreeMap<String, String>,
    /// The REST end-user authentication fields (`auth_type`, `imap[server]`).
    pub auth: BTreeMap<String, String>,
    /// Amavisd-style policy attributes set through the legacy call.
    pub legacy_policy: BTreeMap<String, String>,
}

/// The appliance's state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appliance {
    /// Domains by name.
    pub domains: BTreeMap<String, Domain>,
    /// Lists by `(user, list)`: `user` empty for the global list; entries in the order added,
    /// duplicates kept (as an appliance that adds blindly would).
    pub lists: BTreeMap<String, Vec<String>>,
    /// The next domain id.
    pub next_id: u64,
}

/// Every call the stub answered: `METHOD path?query`, and the state.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Stored {
    appliance: Appliance,
    calls: Vec<String>,
    /// Calls that must answer stat fail (legacy) or HTTP 500 (REST), by path.
    failing: Vec<String>,
}

/// The key of a list in [`Appliance::lists`].
pub fn list_key(user: &str, list: &str) -> String {
    format!("{list} {user}")
}

/// A stub appliance in a folder of its own.
pub struct Stub {
    dir: tempfile::TempDir,
}

const CURL: &str = r#"#!/usr/bin/env bash
d=$(mktemp -d "$ST_STUB_DIR/call.XXXXXX")
printf '%s\0' "$@" > "$d/args"
for a in "$@"; do
    if [ "$a" = "@-" ]; then cat > "$d/stdin"; fi
done
ST_STUB_CALL="$d" "$ST_STUB_EXE" --exact "$ST_STUB_TEST" --test-threads 1 -q > "$d/harness" 2>&1 || true
[ -f "$d/code" ] || { echo "stub: no answer" >&2; cat "$d/harness" >&2; exit 99; }
cat "$d/stdout"
cat "$d/stderr" >&2
exit "$(cat "$d/code")"
"#;

impl Stub {
    /// An appliance holding `state`.
    pub fn new(state: Appliance) -> Stub {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("bin")).unwrap();
        std::fs::write(dir.path().join("bin/curl"), CURL).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                dir.path().join("bin/curl"),
                std::fs::Permissions::from_mode(0o755),
            )
            .unwrap();
        }
        let stub = Stub { dir };
        stub.store(&Stored {
            appliance: state,
            ..Stored::default()
        });
        stub
    }

    fn state_file(&self) -> PathBuf {
        self.dir.path().join("state.json")
    }

    fn load(&self) -> Stored {
        serde_json::from_str(&std::fs::read_to_string(self.state_file()).unwrap()).unwrap()
    }

    fn store(&self, stored: &Stored) {
        std::fs::write(
            self.state_file(),
            serde_json::to_string_pretty(stored).unwrap(),
        )
        .unwrap();
    }

    /// The appliance as it is now.
    pub fn appliance(&self) -> Appliance {
        self.load().appliance
    }

    /// Every call answered so far, as `METHOD path?query`.
    pub fn calls(&self) -> Vec<String> {
        self.load().calls
    }

    /// Forgets the calls answered so far.
    pub fn clear_calls(&self) {
        let mut stored = self.load();
        stored.calls.clear();
        self.store(&stored);
    }

    /// Makes every call to `path` fail from now on.
    pub fn fail(&self, path: &str) {
        let mut stored = self.load();
        stored.failing.push(path.to_string());
        self.store(&stored);
    }

    /// Runs a bash script with this stub as `curl`; success, and standard output and error.
    pub fn run(&self, script: &str, args: &[&str]) -> (bool, String) {
        let work = self.dir.path().join("work");
        std::fs::create_dir_all(&work).unwrap();
        std::fs::write(self.dir.path().join("script.sh"), script).unwrap();
        let path = format!(
            "{}:{}",
            self.dir.path().join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = std::process::Command::new("bash")
            .arg(self.dir.path().join("script.sh"))
            .args(args)
            .current_dir(&work)
            .env("PATH", path)
            .env("ST_STUB_DIR", self.dir.path())
            .env("ST_STUB_EXE", std::env::current_exe().unwrap())
            .env("ST_STUB_TEST", stub_test())
            .env("LC_ALL", "C")
            .env("ST_HOST", "st01.example.com")
            .env("ST_TOKEN", "T0KEN")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    }
}

/// The full name of the `curl_stub` test beside the test running now: the test binary runs each
/// test on a thread named by its path (`spamtitan_replay::some_test` in a grouped binary), and
/// the stub `curl` runs the binary again as `spamtitan_replay::curl_stub`.
fn stub_test() -> String {
    let current = std::thread::current();
    match current.name().and_then(|name| name.rsplit_once("::")) {
        Some((module, _)) => format!("{module}::curl_stub"),
        None => "curl_stub".to_string(),
    }
}

/// What the stub answers: HTTP code and body.
pub struct Answer {
    pub code: u16,
    pub body: String,
}

fn ok_xml(inner: &str) -> Answer {
    Answer {
        code: 200,
        body: format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n  <stat>ok</stat>{inner}\n</response>\n"),
    }
}

fn fail_xml(why: &str) -> Answer {
    Answer {
        code: 200,
        body: format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n  <stat>fail</stat>\n  <error>{}</error>\n</response>\n",
            escape(why)
        ),
    }
}

fn json(code: u16, value: serde_json::Value) -> Answer {
    Answer {
        code,
        body: value.to_string(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `%XX` and `+` decoded, as PHP reads a query or a form.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 3 <= bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A query or form as ordered `(key, value)` pairs, decoded.
pub fn pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// The `curl_stub` test's body. Run by the stub `curl`, it answers that one call; run as a
/// test, it checks the whole round trip: a script's `curl` reaches this binary, which answers
/// from the stub's state and records the call.
pub fn curl_stub() {
    if std::env::var("ST_STUB_CALL").is_ok() {
        serve();
        return;
    }
    let stub = Stub::new(Appliance {
        domains: BTreeMap::from([(
            "corp.example.com".to_string(),
            Domain {
                id: 7,
                destination: "mail.corp.example.com".into(),
                ..Domain::default()
            },
        )]),
        ..Appliance::default()
    });
    let (ok, out) = stub.run(
        "curl --silent --fail \"https://$ST_HOST/restapi/domains\"\n",
        &[],
    );
    assert!(ok, "{out}");
    assert!(out.contains("\"domain\":\"corp.example.com\""), "{out}");
    assert!(out.contains("\"id\":7"), "{out}");
    assert_eq!(stub.calls(), ["GET /restapi/domains"]);
}

/// Answers the call the stub `curl` recorded in `ST_STUB_CALL`.
fn serve() {
    let call = std::env::var("ST_STUB_CALL").unwrap();
    let call = Path::new(&call);
    let dir = Path::new(&std::env::var("ST_STUB_DIR").unwrap()).to_path_buf();
    let args: Vec<String> = std::fs::read(call.join("args"))
        .unwrap()
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    let stdin = std::fs::read_to_string(call.join("stdin")).ok();
    let state_file = dir.join("state.json");
    let mut stored: Stored =
        serde_json::from_str(&std::fs::read_to_string(&state_file).unwrap()).unwrap();
    let (mut method, mut url, mut get, mut fail, mut out_file, mut write_out) =
        ("GET".to_string(), String::new(), false, false, None, None);
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-X" => {
                method = args[i + 1].clone();
                i += 1;
            }
            "--get" | "-G" => get = true,
            "--fail" | "-f" => fail = true,
            "-o" => {
                out_file = Some(args[i + 1].clone());
                i += 1;
            }
            "-w" => {
                write_out = Some(args[i + 1].clone());
                i += 1;
            }
            "-H" | "--data-binary" | "--retry" => i += 1,
            a if a.starts_with("https://") => url = a.to_string(),
            _ => {}
        }
        i += 1;
    }
    let rest = url
        .strip_prefix("https://st01.example.com")
        .unwrap_or(&url)
        .to_string();
    let (path, mut query) = match rest.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (rest.clone(), String::new()),
    };
    let mut body = String::new();
    if let Some(data) = stdin {
        if get {
            if !query.is_empty() && !data.is_empty() {
                query.push('&');
            }
            query.push_str(&data);
        } else {
            body = data;
        }
    }
    stored.calls.push(if query.is_empty() {
        format!("{method} {path}")
    } else {
        format!("{method} {path}?{query}")
    });
    let answer = if stored.failing.contains(&path) {
        if path.starts_with("/restapi/") {
            json(500, serde_json::json!({"message": "Server Error"}))
        } else {
            fail_xml("the call failed")
        }
    } else {
        answer(&mut stored.appliance, &method, &path, &query, &body)
    };
    std::fs::write(&state_file, serde_json::to_string_pretty(&stored).unwrap()).unwrap();
    let failed = fail && answer.code >= 400;
    let mut stdout = String::new();
    let mut stderr = String::new();
    if failed {
        stderr = format!(
            "curl: (22) The requested URL returned error: {}\n",
            answer.code
        );
    } else {
        match out_file.as_deref() {
            Some("/dev/null") => {}
            Some(file) => std::fs::write(file, &answer.body).unwrap(),
            None => stdout.push_str(&answer.body),
        }
    }
    if let Some(format) = write_out {
        stdout.push_str(&format.replace("%{http_code}", &answer.code.to_string()));
    }
    std::fs::write(call.join("stdout"), stdout).unwrap();
    std::fs::write(call.join("stderr"), stderr).unwrap();
    std::fs::write(call.join("code"), if failed { "22" } else { "0" }).unwrap();
}

/// The appliance's answer to one call, and what it changes.
pub fn answer(state: &mut Appliance, method: &str, path: &str, query: &str, body: &str) -> Answer {
    let q = pairs(query);
    let get = |key: &str| q.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let segments: Vec<String> = path.split('/').skip(1).map(decode).collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    match (method, segments.as_slice()) {
        ("GET", ["restapi", "domains"]) => json(
            200,
            serde_json::Value::Array(
                state
                    .domains
                    .iter()
                    .map(|(name, d)| serde_json::json!({"id": d.id, "domain": name, "destination": d.destination}))
                    .collect(),
            ),
        ),
        ("GET", ["restapi", "domains", name, "policy"]) => match state.domains.get(*name) {
            Some(d) => json(200, serde_json::json!(d.policy)),
            None => json(404, serde_json::json!({"message": "Domain not found"})),
        },
        ("GET", ["restapi", "domains", name]) => match state.domains.get(*name) {
            Some(d) => json(
                200,
                serde_json::json!({"id": d.id, "domain": name, "destination": d.destination}),
            ),
            None => json(404, serde_json::json!({"message": "Domain not found"})),
        },
        ("POST", ["restapi", "domains"]) => {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else {
                return json(400, serde_json::json!({"message": "bad JSON"}));
            };
            let (Some(name), Some(destination)) = (
                v.get("domain").and_then(|d| d.as_str()),
                v.get("destination").and_then(|d| d.as_str()),
            ) else {
                return json(
                    422,
                    serde_json::json!({"message": "The given data was invalid."}),
                );
            };
            if state.domains.contains_key(name) {
                return json(
                    422,
                    serde_json::json!({"message": "The given data was invalid.", "errors": {"domain": ["The domain has already been taken."]}}),
                );
            }
            state.next_id += 1;
            let id = state.next_id;
            state.domains.insert(
                name.to_string(),
                Domain {
                    id,
                    destination: destination.to_string(),
                    ..Domain::default()
                },
            );
            json(
                201,
                serde_json::json!({"id": id, "domain": name, "destination": destination}),
            )
        }
        ("PUT", ["restapi", "domains", name, what @ ("policy" | "auth")]) => {
            let Some(domain) = state.domains.get_mut(*name) else {
                return json(404, serde_json::json!({"message": "Domain not found"}));
            };
            let fields = pairs(body);
            let allowed = |k: &str| match *what {
                "policy" => matches!(
                    k,
                    "qreport_enabled" | "qreport_frequency" | "qreport_contains"
                ),
                _ => k == "auth_type" || k.starts_with("imap["),
            };
            if let Some((bad, _)) = fields.iter().find(|(k, _)| !allowed(k)) {
                return json(
                    422,
                    serde_json::json!({"message": format!("unknown field {bad}")}),
                );
            }
            let target = if *what == "policy" {
                &mut domain.policy
            } else {
                &mut domain.auth
            };
            target.extend(fields);
            json(200, serde_json::json!({"status": "success"}))
        }
        ("GET", ["domain", "edit"]) => {
            let Some(name) = get("name") else {
                return fail_xml("name is required");
            };
            let Some(domain) = state.domains.get_mut(&name) else {
                return fail_xml("Domain does not exist");
            };
            let mut edit = domain.edit.clone();
            let mut destination = domain.destination.clone();
            for (k, v) in q.iter().filter(|(k, _)| k != "name") {
                match k.as_str() {
                    "server" => destination = v.clone(),
                    "rv"
                    | "dyn_server"
                    | "ldap_server"
                    | "ldap_port"
                    | "ldap_search_dn"
                    | "ldap_password"
                    | "ldap_filter"
                    | "ldap_searchbase"
                    | "ldap_result_attribute"
                    | "domaingroup" => {
                        edit.insert(k.clone(), v.clone());
                    }
                    other => return fail_xml(&format!("unknown parameter {other}")),
                }
            }
            if edit.get("rv").map(String::as_str) == Some("dynamic")
                && edit.get("dyn_server").is_none_or(String::is_empty)
            {
                return fail_xml("dyn_server is required");
            }
            if edit.get("rv").map(String::as_str) == Some("ldap")
                && (!edit.contains_key("ldap_server") || !edit.contains_key("ldap_port"))
            {
                return fail_xml("ldap_server and ldap_port are required");
            }
            if let Some(rv) = edit.get("rv") {
                if !["none", "dynamic", "ldap", "list"].contains(&rv.as_str()) {
                    return fail_xml("unknown verification");
                }
            }
            domain.edit = edit;
            domain.destination = destination;
            ok_xml("")
        }
        ("GET", ["policy", "edit"]) => {
            let (Some(user), Some(attribute), Some(value)) =
                (get("user"), get("attribute"), get("value"))
            else {
                return fail_xml("user, attribute and value are required");
            };
            let Some(domain) = state.domains.get_mut(&user) else {
                return fail_xml("no such user or domain");
            };
            domain.legacy_policy.insert(attribute, value);
            ok_xml("")
        }
        ("GET", [list @ ("whitelist" | "blacklist"), verb]) => {
            let user = get("user").unwrap_or_default();
            let key = list_key(&user, list);
            match *verb {
                "list" => {
                    let entries = state.lists.get(&key).cloned().unwrap_or_default();
                    let mut inner = format!("\n  <{list}>");
                    for e in entries {
                        inner.push_str(&format!(
                            "\n    <entry>\n      <sender>{}</sender>\n      <comment></comment>\n    </entry>",
                            escape(&e)
                        ));
                    }
                    inner.push_str(&format!("\n  </{list}>"));
                    ok_xml(&inner)
                }
                "add" => {
                    let Some(sender) = get("sender") else {
                        return fail_xml("sender is required");
                    };
                    // Adds blindly, as nothing public says the appliance refuses a duplicate.
                    state.lists.entry(key).or_default().push(sender);
                    ok_xml("")
                }
                _ => fail_xml("unknown method"),
            }
        }
        _ => Answer {
            code: 404,
            body: "Not Found".into(),
        },
    }
}

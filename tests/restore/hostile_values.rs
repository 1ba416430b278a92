//! Hostile captures against the restore scripts. Every field that flows into a script —
//! domains, destinations, LDAP fields, JSON keys and values, list entries, file and folder
//! names, host names, MOS literals and key blocks — gets newlines, CR, NUL, quotes, `$(..)`,
//! backticks, `;`, `#`, `..`, `/`, non-UTF-8 bytes and long values. Each SpamTitan script must
//! pass `bash -n`, then run, with `--dry-run` and with a stub `curl` recording every call: the
//! calls must be exactly those the emitter's commands make and a sentinel file must never appear.
//! Each MOS script is replayed: read back as an export, it must give the same model.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use carryover::capture::ReadOptions;
use carryover::commands::restore::Request;
use carryover::emit::Command;
use carryover::ops::restore::{plan, RestoreOptions};
use carryover::render::restore::restore;
use carryover::render::restore::script_with_commands;
use carryover::vendors;
use proptest::prelude::*;

/// The sentinel each payload tries to create in the working folder.
const SENTINEL: &str = "pwned";

/// Pieces that break naive scripts, each trying to create the sentinel.
fn hostile_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n touch pwned #".to_string()),
        Just("\r\ntouch pwned\r".to_string()),
        Just("\0".to_string()),
        Just("'; touch pwned; echo '".to_string()),
        Just("\"$(touch pwned)\"".to_string()),
        Just("`touch pwned`".to_string()),
        Just("${IFS}".to_string()),
        Just(";touch pwned;".to_string()),
        Just("# x".to_string()),
        Just("..".to_string()),
        Just("/../../admin/users/1#".to_string()),
        Just("%2e%2e/".to_string()),
        Just("\\".to_string()),
        Just("{12}".to_string()),
        Just("\n.\n".to_string()),
        Just("\u{1b}[2J\u{7f}\u{85}\u{2028}".to_string()),
        Just("\u{fffd}日本".to_string()),
        "[a-z0-9.@-]{1,12}",
        "\\PC{0,8}",
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_piece(), 1..5).prop_map(|v| v.concat())
}

/// A name a file system can hold: no `/`, no NUL, not empty, `.` or `..`.
fn file_name(s: &str) -> String {
    let name: String = s
        .chars()
        .filter(|c| !matches!(c, '/' | '\0'))
        .take(60)
        .collect();
    let name = name.trim_end_matches('\u{fffd}').to_string();
    if name.is_empty() || name.chars().all(|c| c == '.') {
        format!("x{name}")
    } else {
        name
    }
}

/// A quoted CSV field. A text file holding a NUL is refused whole (it is no capture), so NULs
/// go into the JSON answers instead, escaped.
fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('\0', "").replace('"', "\"\""))
}

/// A SpamTitan capture folder with hostile text in every field that reaches a script.
fn spamtitan_capture(root: &Path, v: &[String]) -> PathBuf {
    let dir = root.join(file_name(&format!("st{}", v[0])));
    std::fs::create_dir_all(dir.join("api/system")).unwrap();
    std::fs::write(dir.join("version.txt"), "7.08\n").unwrap();
    let domain = format!("d{}", v[1]);
    let mut csv = format!(
        "{},{},LDAP,{},{},{},{},{},{},{}\n",
        csv_field(&domain),
        csv_field(&v[2]),
        csv_field(&v[3]),
        csv_field(&v[4]),
        csv_field("planted-ldap-secret"),
        csv_field(&v[5]),
        csv_field(&v[6]),
        csv_field(&v[7]),
        csv_field(&v[8])
    );
    csv.push_str("plain.example,mx.plain.example:25,none\n");
    std::fs::write(dir.join("domains.csv"), csv).unwrap();
    let policy =
        serde_json::json!({ v[9].clone(): v[10].clone(), "qreport_frequency": v[11].clone() });
    std::fs::create_dir_all(dir.join("api/domains/plain.example")).unwrap();
    std::fs::write(
        dir.join("api/domains/plain.example/policy.json"),
        policy.to_string(),
    )
    .unwrap();
    std::fs::write(
        dir.join("api/system")
            .join(format!("{}.json", file_name(&v[12]))),
        serde_json::json!({ v[13].clone(): v[14].clone() }).to_string(),
    )
    .unwrap();
    // A users file: its name and its keys, hostile too.
    std::fs::create_dir_all(dir.join("api/users")).unwrap();
    std::fs::write(
        dir.join("api/users")
            .join(format!("{}.json", file_name(&format!("u{}", v[16])))),
        serde_json::json!({ v[17].clone(): v[15].clone() }).to_string(),
    )
    .unwrap();
    let global = dir.join("lists/global");
    std::fs::create_dir_all(&global).unwrap();
    // Non-UTF-8 bytes, and entries that are themselves payloads.
    let mut entries = b"ok@example.com\n\xff\xfe@bytes.example\n".to_vec();
    for e in &v[15..18] {
        entries.extend(e.replace(['\n', '\r', '\0'], " ").trim().as_bytes());
        entries.push(b'\n');
    }
    std::fs::write(global.join("allow.txt"), entries).unwrap();
    let user = dir
        .join("lists/user")
        .join(file_name(&format!("u{}", v[18])));
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(user.join("block.txt"), "spam@bulk.example\n").unwrap();
    dir
}

/// The script a restore run writes, and the commands the emitter wrote into it.
fn script_of(dir: &Path, all: bool) -> (String, Vec<Command>) {
    let capture = carryover::read::read(&[dir.to_path_buf()], &ReadOptions::default()).unwrap();
    let request = Request {
        to: carryover::model::Version::parse("7.09").unwrap(),
        all,
        show_secrets: false,
        runbook: true,
        import_files: false,
        script_name: "restore.sh".into(),
        inputs: vec![dir.display().to_string()],
        output_encoding: None,
    };
    let outputs = restore(&capture, None, &request).unwrap();
    let vendor = vendors::by_id(capture.config.vendor).unwrap();
    let knowledge = vendors::knowledge_of(vendor).unwrap();
    let writer = vendor.restore_script().unwrap();
    let options = RestoreOptions {
        to: request.to.clone(),
        against: None,
        all,
        show_secrets: false,
        capture: None,
        patches: None,
    };
    let (text, commands) =
        script_with_commands(&plan(&capture.config, knowledge, &options), writer, &[]);
    // The header aside, the library's script and the run's script are one.
    let body = text.split_once("\n}\n").map_or(text.as_str(), |(_, b)| b);
    assert!(outputs.script.ends_with(body));
    (outputs.script, commands)
}

fn bash_syntax_ok(script: &str) -> bool {
    let mut child = Process::new("bash")
        .arg("-n")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    child.wait().unwrap().success()
}

/// A stub `curl` that records each call's arguments (NUL-separated) and standard input, and
/// answers as an appliance that holds nothing yet: a lookup (`-w`) is 404, a legacy call (a
/// path outside `/restapi/`) answers XML with stat ok.
const STUB_CURL: &str = r#"#!/usr/bin/env bash
n=$(( $(cat "$REC/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$REC/count"
# A header given from a file (`-H @file`, as the token is) is recorded as its content.
args=() prev=
for a in "$@"; do
    if [ "$prev" = -H ] && [ "${a:0:1}" = @ ] && [ "$a" != @- ]; then
        args+=("$(cat "${a:1}")")
    else
        args+=("$a")
    fi
    prev=$a
done
printf '%s\0' "${args[@]}" > "$REC/$n.args"
lookup=false legacy=true
for a in "$@"; do
    if [ "$a" = "@-" ]; then cat > "$REC/$n.stdin"; fi
    if [ "$a" = "-w" ]; then lookup=true; fi
    case $a in https://*/restapi/*) legacy=false ;; esac
done
if [ "$lookup" = true ]; then printf 404
elif [ "$legacy" = true ]; then printf '<?xml version="1.0"?>\n<response><stat>ok</stat></response>\n'
fi
"#;

/// One recorded call: its arguments and its standard input.
type Call = (Vec<String>, Option<String>);

/// Runs the script in `work`; with `dry_run`, its printed calls, else the stub's records.
fn run_script(script: &str, work: &Path, dry_run: bool) -> (bool, String, Vec<Call>) {
    let bin = work.join("bin");
    let rec = work.join("rec");
    let cwd = work.join("cwd");
    for d in [&bin, &rec, &cwd] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(work.join("restore.sh"), script).unwrap();
    std::fs::write(bin.join("curl"), STUB_CURL).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(bin.join("curl"), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Process::new("bash");
    cmd.arg(work.join("restore.sh"))
        .current_dir(&cwd)
        .env("PATH", path)
        .env("REC", &rec)
        .env("ST_HOST", "st.example")
        .env("ST_TOKEN", "T0KEN")
        .stdin(Stdio::null());
    if dry_run {
        cmd.arg("--dry-run");
    }
    let out = cmd.output().unwrap();
    let mut calls = Vec::new();
    for n in 1.. {
        let Ok(args) = std::fs::read(rec.join(format!("{n}.args"))) else {
            break;
        };
        let args: Vec<String> = args
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let stdin = std::fs::read_to_string(rec.join(format!("{n}.stdin"))).ok();
        calls.push((args, stdin));
    }
    // Nothing but the calls ran: no sentinel, nor any other file, in the working folder.
    let clean = !cwd.join(SENTINEL).exists() && std::fs::read_dir(&cwd).unwrap().count() == 0;
    (
        out.status.success() && clean,
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
        calls,
    )
}

/// What curl must be called with for one call of the script's `api` function.
fn api_call(method: &str, path: &str, rest: &[&str], data: Option<&str>) -> Call {
    let mut out: Vec<String> = [
        "--fail",
        "--silent",
        "--show-error",
        "--path-as-is",
        "--retry",
        "5",
        "-X",
        method,
        "-H",
        "Authorization: Bearer T0KEN",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    out.push(format!("https://st.example{path}"));
    out.extend(rest.iter().map(|s| s.to_string()));
    (out, data.map(str::to_string))
}

fn sent(kind: &str, method: &str, path: &str, data: &str) -> Call {
    if kind == "legacy" {
        api_call("GET", path, &["--get", "--data-binary", "@-"], Some(data))
    } else {
        api_call(method, path, &["--data-binary", "@-"], Some(data))
    }
}

/// The curl calls the script's helpers make for its commands on an appliance that holds
/// nothing yet: each domain looked up (404) then created, each list read once then added to,
/// each domain's fields sent together when the script leaves it.
fn expected_calls(commands: &[Command]) -> Vec<Call> {
    let mut calls = Vec::new();
    let mut listed = String::new();
    let mut targets: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for command in commands {
        let mut a = command.args();
        match a[0] {
            "list_add" => {
                if a[1] == "--inferred" {
                    a.remove(1);
                }
                let key = format!("{}?{}", a[1], a[3]);
                if listed != key {
                    calls.push(sent("legacy", "GET", a[1], a[3]));
                    listed = key;
                }
                calls.push(sent("legacy", "GET", a[2], a[5]));
            }
            "domain_ensure" => {
                calls.push((
                    [
                        "--silent",
                        "--show-error",
                        "--path-as-is",
                        "--retry",
                        "5",
                        "-o",
                        "/dev/null",
                        "-w",
                        "%{http_code}",
                        "-H",
                        "Authorization: Bearer T0KEN",
                    ]
                    .iter()
                    .map(|s| s.to_string())
                    .chain([format!("https://st.example{}", a[1])])
                    .collect(),
                    None,
                ));
                calls.push(api_call(
                    a[2],
                    a[3],
                    &[
                        "--data-binary",
                        "@-",
                        "-H",
                        "Content-Type: application/json",
                    ],
                    Some(a[4]),
                ));
            }
            "field" => {
                let key: Vec<String> = a[1..5].iter().map(|s| s.to_string()).collect();
                match targets.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, fields)) => fields.push(a[5].to_string()),
                    None => targets.push((key, vec![a[5].to_string()])),
                }
            }
            "send_fields" => {
                for (key, fields) in targets.drain(..) {
                    let data = if key[3].is_empty() {
                        fields.join("&")
                    } else {
                        format!("{}&{}", key[3], fields.join("&"))
                    };
                    calls.push(sent(&key[0], &key[1], &key[2], &data));
                }
            }
            "send" => calls.push(sent(a[1], a[2], a[3], a[4])),
            other => panic!("a command of no known helper: {other}"),
        }
    }
    calls
}

fn check_spamtitan(values: &[String]) -> Result<(), TestCaseError> {
    let root = tempfile::tempdir().unwrap();
    let dir = spamtitan_capture(root.path(), values);
    let (script, commands) = script_of(&dir, true);
    prop_assert!(bash_syntax_ok(&script), "bash -n fails:\n{script}");
    prop_assert!(!script.contains("planted-ldap-secret"));
    prop_assert!(!commands.is_empty());
    let work = tempfile::tempdir().unwrap();
    let (ok, out, calls) = run_script(&script, work.path(), false);
    prop_assert!(ok, "the run failed or left a file:\n{out}\n{script}");
    let expected = expected_calls(&commands);
    prop_assert_eq!(calls, expected.clone());
    let work = tempfile::tempdir().unwrap();
    let (ok, out, calls) = run_script(&script, work.path(), true);
    prop_assert!(ok, "the dry run failed or left a file:\n{out}");
    prop_assert!(calls.is_empty(), "a dry run calls nothing");
    // A dry run prints one line per call an appliance that holds nothing would get.
    let printed = out.lines().filter(|l| !l.starts_with("note: ")).count();
    prop_assert_eq!(printed, expected.len(), "{}", out);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("CARRYOVER_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(16)
    ))]

    /// Every SpamTitan field that flows into a script, hostile.
    #[test]
    fn spamtitan_scripts_make_exactly_the_calls_the_model_asks_for(values in prop::collection::vec(hostile(), 19)) {
        check_spamtitan(&values)?;
    }
}

#[test]
fn the_reported_spamtitan_reproducers() {
    // 1: a quoted CSV field holding a newline and a command; 3: a domain that climbs the URL.
    let mut values: Vec<String> = (0..19).map(|i| format!("v{i}")).collect();
    values[1] = "evil.example\ntouch pwned #".into();
    values[2] = "mx.evil.example:25".into();
    values[9] = "x\ntouch pwned #".into();
    values[12] = "x\ntouch pwned #".into();
    values[0] = "\ntouch pwned #".into();
    check_spamtitan(&values).unwrap();
    let root = tempfile::tempdir().unwrap();
    let dir = spamtitan_capture(root.path(), &values);
    std::fs::write(
        dir.join("domains.csv"),
        "\"x/../../admin/users/1#\",mx.evil.example:25,none\n",
    )
    .unwrap();
    let (script, commands) = script_of(&dir, true);
    // Every URL path a command names (the lookup, the REST paths, the legacy paths).
    let paths: Vec<&str> = commands
        .iter()
        .flat_map(|c| c.args())
        .filter(|a| a.starts_with('/'))
        .collect();
    assert!(
        paths.contains(&"/restapi/domains/x%2F..%2F..%2Fadmin%2Fusers%2F1%23"),
        "{paths:?}"
    );
    assert!(
        paths.iter().all(|p| !p.contains("/..") && !p.contains('#')),
        "{paths:?}"
    );
    assert!(script.contains("--path-as-is"));
}

#[test]
fn a_value_of_200_kb_goes_through_standard_input() {
    let mut values: Vec<String> = (0..19).map(|i| format!("v{i}")).collect();
    values[10] = "A".repeat(200 * 1024);
    values[11] = "nul\0inside".into();
    check_spamtitan(&values).unwrap();
}

mod mos {
    use super::*;
    use carryover::capture::Capture;
    use carryover::model::{Config, Value, SYSTEM};
    use carryover::ops::restore::{Plan, Restore};
    use carryover::render::restore::script;
    use carryover::source::Source;
    use carryover::vendors::mos::Mos;

    /// The script read back as an export: the replay of what an appliance would be told.
    fn replay(text: &str) -> (Config, usize) {
        let source = Source::from_text("script.cfg", text);
        // Straight through the MOS reader: a script of remarks only is an empty replay here,
        // not the "no configuration item" error a user's capture would get.
        let options = ReadOptions {
            kind: Some(carryover::model::SourceKind::Export),
            ..ReadOptions::default()
        };
        let read = carryover::vendors::mos::read::read_source(&source, 0, &options).unwrap();
        let mut capture = Capture::default();
        capture.add(read).unwrap();
        let unrecognized = capture.unrecognized().count();
        (capture.config, unrecognized)
    }

    /// Text a MOS CLI value may hold: anything printable, line breaks and tabs, and the
    /// payloads; other control characters are refused by the emitter (tested below).
    fn cli_text() -> impl Strategy<Value = String> {
        hostile().prop_map(|s| {
            s.chars()
                .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
                .filter(|c| !matches!(c, '\u{2028}' | '\u{2029}'))
                .collect::<String>()
        })
    }

    /// An entry with no look-alike of ASCII in it: the reader reads those as the ASCII they
    /// stand for, with a warning (tested with the reading), so a replay would not give them back.
    fn entry() -> impl Strategy<Value = String> {
        let lookalike = |c: &char| {
            matches!(c,
                '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200d}' | '\u{202f}' | '\u{205f}'
                | '\u{2060}' | '\u{3000}' | '\u{feff}' | '\u{ff01}'..='\u{ff5e}')
        };
        cli_text().prop_map(move |s| {
            let s: String = s.chars().filter(|c| !lookalike(c)).collect();
            format!("{}@example.com", s.replace('\n', " ").trim())
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("CARRYOVER_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
        ))]

        /// A domain scope, its list entries and message, a trusted host and its key and the
        /// header, all hostile: the replay holds exactly what the plan asked for.
        #[test]
        fn mos_scripts_replay_to_exactly_the_plan(
            domain in cli_text(),
            entries in prop::collection::vec(entry(), 1..4),
            message in cli_text(),
            group in cli_text(),
            host in cli_text(),
            key in prop::collection::vec("[A-Za-z0-9+/=][A-Za-z0-9+/=.#@ -]{0,20}", 1..4),
            header in hostile(),
        ) {
            let domain = format!("d{}", domain.replace('\n', " ").trim()).to_ascii_lowercase();
            // The reader folds names to lower case, as the appliance does.
            let (group, host) = (format!("g{group}").to_lowercase(), format!("h{host}").to_lowercase());
            let mut plan = Plan::default();
            let scoped = plan.scopes.entry(domain.clone()).or_default();
            scoped.push(("t".into(), Restore::Message { name: "branding.quotamsg".into(), text: message.clone() }));
            let system = plan.scopes.entry(SYSTEM.to_string()).or_default();
            for e in &entries {
                system.push(("t".into(), Restore::entry(&domain, "whitelistto", e)));
            }
            let key = key.join("\n");
            system.push(("t".into(), Restore::TrustedHost { group: group.clone(), host: host.clone(), key: key.clone() }));
            let text = script(&plan, &Mos, &[header]);
            let (back, unrecognized) = replay(&text);
            prop_assert_eq!(unrecognized, 0, "{}", text);
            prop_assert!(back.raw.is_empty(), "no command beyond the plan's: {:?}\n{}", back.raw, text);
            let got: Vec<String> = back.lists.get(&domain).and_then(|l| l.get("whitelistto"))
                .map(|l| l.iter().map(|(e, _)| e.to_string()).collect()).unwrap_or_default();
            let mut want: Vec<String> = entries.iter().map(|e| carryover::model::canonical_entry(e).into_owned()).collect();
            want.sort();
            want.dedup();
            prop_assert_eq!(got, want, "{}", text);
            prop_assert_eq!(
                back.messages.get(&domain).map(|m| &m["branding.quotamsg"].value),
                Some(&Value::Text(message)),
                "{}", text
            );
            prop_assert_eq!(back.messages.len(), 1);
            let breaks = |s: &str| s.contains(['\n', '\u{2028}', '\u{2029}']);
            if breaks(&group) || breaks(&host) {
                // A name with a line break cannot be a literal before a key block: refused, said.
                prop_assert!(back.trusted_hosts.is_empty(), "{}", text);
                prop_assert!(text.contains("# not written, "), "{}", text);
            } else {
                prop_assert!(back.trusted_hosts.get(&group).is_some_and(|g| g.contains_key(&host)), "{}", text);
            }
        }
    }

    #[test]
    fn a_domain_literal_with_a_newline_stays_a_remark_and_a_literal() {
        // Reproducer 2: `domain setcurrent {N}` whose text holds a newline and a command.
        let domain = "evil.example\nsmtp set fastpath off";
        let mut plan = Plan::default();
        plan.scopes.entry(domain.to_string()).or_default().push((
            "t".into(),
            Restore::Message {
                name: "branding.quotamsg".into(),
                text: "hi".into(),
            },
        ));
        let text = script(&plan, &Mos, &["host: x\nsmtp set fastpath off".into()]);
        assert!(
            text.contains("# evil.example\\nsmtp set fastpath off\n"),
            "{text}"
        );
        assert!(
            text.contains("# host: x\\nsmtp set fastpath off\n"),
            "{text}"
        );
        let (back, unrecognized) = replay(&text);
        assert_eq!(unrecognized, 0, "{text}");
        assert!(
            back.settings.is_empty(),
            "a remark became a command: {text}"
        );
    }

    #[test]
    fn a_carriage_return_is_refused_and_said_so() {
        let mut plan = Plan::default();
        let system = plan.scopes.entry(SYSTEM.to_string()).or_default();
        system.push((
            "t".into(),
            Restore::entry("primary", "whitelistto", "a@b\rsmtp set fastpath off"),
        ));
        system.push((
            "t".into(),
            Restore::TrustedHost {
                group: "g".into(),
                host: "h".into(),
                key: "AAAA\rsmtp set fastpath off".into(),
            },
        ));
        let text = script(&plan, &Mos, &[]);
        assert_eq!(
            text.lines()
                .filter(|l| l.starts_with("# not written, "))
                .count(),
            2,
            "{text}"
        );
        let (back, _) = replay(&text);
        assert!(
            back.settings.is_empty() && back.trusted_hosts.is_empty(),
            "{text}"
        );
    }
}

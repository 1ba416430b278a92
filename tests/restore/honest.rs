//! Restore that is honest: a remedy wins over a captured value and says so, nothing is written
//! for what was never seen, the runbook agrees with `plan`, exit statuses are as documented,
//! the SpamTitan script creates a domain before it uses it, and one large list stays correct.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::run;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn ki5_captured_off_with_all_gives_one_on_with_the_remark() {
    let (code, script) = run(&[
        "restore",
        "--to",
        "4.2.3",
        "--all",
        "samples/mos/rg01-4.1.9-before.log",
    ]);
    assert_eq!(code, 0);
    let fastpath: Vec<&str> = script.lines().filter(|l| l.contains("fastpath")).collect();
    assert_eq!(
        fastpath,
        [
            "# MOS-4.2.3-KI-5: the remedy wins over the captured smtp.fastpath = off",
            "smtp set fastpath on",
        ],
        "{script}"
    );
}

#[test]
fn ki5_not_captured_writes_nothing_and_says_how_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let log = write(
        dir.path(),
        "rg01.log",
        "rg01> version\nMOS4.1.9-GA\nOK Completed\n\
         rg01> smtp get quarantinejunk\non\nOK Completed\n",
    );
    let runbook = dir.path().join("runbook.md");
    let (code, script) = run(&[
        "restore",
        "--to",
        "4.2.3",
        "--all",
        "--runbook",
        runbook.to_str().unwrap(),
        &log,
    ]);
    assert_eq!(code, 0);
    assert!(!script.contains("fastpath"), "{script}");
    let runbook = std::fs::read_to_string(&runbook).unwrap();
    assert!(
        runbook.contains(
            "smtp.fastpath was not captured: check it with `smtp get fastpath`; \
             if it is not `on`, run `smtp set fastpath on`"
        ),
        "{runbook}"
    );
    let (_, gaps) = run(&["gaps", "--format", "json", &log]);
    let doc: serde_json::Value = serde_json::from_str(&gaps).unwrap();
    let ki5 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "MOS-4.2.3-KI-5")
        .expect("a KI-5 finding");
    assert_eq!(ki5["status"], "not-captured");
    assert!(ki5["summary"]
        .as_str()
        .unwrap()
        .contains("unknown: smtp.fastpath not captured"));
    assert_eq!(ki5["remedy"][0]["command"], "smtp get fastpath");
}

/// The runbook's patches are the ones `plan` says are needed for the same captures.
#[test]
fn the_runbook_patches_are_the_plans() {
    let inputs = [
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.1.9-export.cfg",
    ];
    let dir = tempfile::tempdir().unwrap();
    let runbook = dir.path().join("r.md");
    let mut args = vec![
        "restore",
        "--to",
        "4.2.3",
        "--runbook",
        runbook.to_str().unwrap(),
    ];
    args.extend(inputs);
    assert_eq!(run(&args).0, 0);
    let text = std::fs::read_to_string(&runbook).unwrap();
    let section = text
        .split("## 3. Patches to install")
        .nth(1)
        .unwrap()
        .split("## 4.")
        .next()
        .unwrap();
    let in_runbook: BTreeSet<String> = section
        .lines()
        .filter_map(|l| l.strip_prefix("- [ ] `"))
        .map(|l| l.split('`').next().unwrap().to_string())
        .collect();
    common::at_root();
    let paths: Vec<std::path::PathBuf> = inputs.iter().map(Into::into).collect();
    let split = carryover::read::read_split(&paths, &Default::default()).unwrap();
    let vendor = carryover::vendors::by_id(split.captures().next().unwrap().config.vendor).unwrap();
    let cx = carryover::ops::evaluate::Evidence {
        live: split.live.as_ref().map(|c| &c.config),
        export: split.export.as_ref().map(|c| &c.config),
        knowledge: carryover::vendors::knowledge_of(vendor).unwrap(),
        plan: vendor.capture_plan(),
    };
    let to = carryover::model::Version::parse("4.2.3").unwrap();
    let in_plan: BTreeSet<String> = carryover::ops::plan::plan(&cx, &to)
        .patches
        .into_iter()
        .map(|(rule, _)| rule)
        .collect();
    assert_eq!(in_runbook, in_plan);
    assert!(
        !in_runbook.contains("MOS-4.2.3-KI-7"),
        "no delegated domains"
    );
    assert!(
        !in_runbook.contains("MOS-4.2.3-P-2"),
        "E4_antivirus_DA is installed"
    );
    assert!(in_runbook.contains("MOS-4.2.3-P-1"));
}

#[test]
fn runbook_steps_are_listed_once_and_the_check_section_is_never_empty() {
    let dir = tempfile::tempdir().unwrap();
    let runbook = dir.path().join("r.md");
    let (code, _) = run(&[
        "restore",
        "--to",
        "7.09",
        "--runbook",
        runbook.to_str().unwrap(),
        "samples/spamtitan/7.08/st01",
    ]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&runbook).unwrap();
    let steps: Vec<&str> = text.lines().filter(|l| l.starts_with("- [ ] ")).collect();
    let unique: BTreeSet<String> = steps
        .iter()
        .map(|l| l.split_once(": ").unwrap().1.to_string())
        .collect();
    assert_eq!(unique.len(), steps.len(), "{text}");
    // Every setting the script cannot write is a console step with its value.
    assert!(text.contains(
        "set system.relay.smarthost to `relay.isp.example:587` in System Setup > Mail Relay"
    ));
    assert!(text.contains("system.cluster.role"));
    assert!(!text.contains("domain.id"), "{text}");
    let check = text.split("## 4. Check").nth(1).unwrap();
    assert!(
        check.contains("```\ncarryover capture --vendor spamtitan"),
        "{check}"
    );
}

/// A stub of the appliance's APIs that keeps state: a domain must be created before a list
/// call names it.
#[test]
fn the_spamtitan_script_creates_each_domain_before_using_it() {
    let (_, script) = run(&["restore", "--to", "7.09", "samples/spamtitan/7.08/st01"]);
    let mut domains: BTreeSet<String> = BTreeSet::new();
    let mut lists: Vec<(String, String)> = Vec::new();
    // A call is one of the script's helpers: `domain_ensure` creates the domain (or edits one
    // that exists); `field`, `send` and `list_add` use one.
    let calls = script.lines().filter(|l| {
        ["domain_ensure ", "field ", "send ", "list_add "]
            .iter()
            .any(|h| l.starts_with(h))
    });
    for call in calls {
        if call.starts_with("domain_ensure ") {
            let domain = call
                .split("\"domain\":\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .expect("a domain in the body");
            domains.insert(domain.to_string());
        } else if let Some(rest) = call.split("/restapi/domains/").nth(1) {
            let domain = rest.split('/').next().unwrap().trim_end_matches('\'');
            assert!(
                domains.contains(domain),
                "{call}: {domain} does not exist yet"
            );
        }
        for key in ["user=", "name="] {
            if let Some(user) = call.split(key).nth(1) {
                let user = user.split(['\'', '&']).next().unwrap();
                if !user.contains('@') && !user.contains("%40") {
                    assert!(domains.contains(user), "{call}: {user} does not exist yet");
                }
                if call.starts_with("list_add ") {
                    lists.push((user.to_string(), call.to_string()));
                }
            }
        }
    }
    assert!(lists.iter().any(|(d, _)| d == "example.com"), "{script}");
}

#[test]
fn fifty_thousand_entries_in_one_list_restore_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = String::from("rg01> version\nMOS4.1.9-GA\nOK Completed\n");
    log.push_str("rg01> uce listexception primary whitelistto\n");
    for i in (0..50_000).rev() {
        log.push_str(&format!("\"user{i:05}@lists.example.com\"\n"));
    }
    log.push_str("OK Completed\n");
    let path = write(dir.path(), "big.log", &log);
    let (code, script) = run(&["restore", "--to", "4.2.3", "--all", "--exit-code", &path]);
    assert_eq!(code, 1);
    let entries: Vec<&str> = script
        .lines()
        .filter(|l| l.starts_with("uce addexception primary whitelistto "))
        .collect();
    assert_eq!(entries.len(), 50_000);
    let expected: Vec<String> = (0..50_000)
        .map(|i| format!("uce addexception primary whitelistto user{i:05}@lists.example.com"))
        .collect();
    assert_eq!(entries, expected);
}

/// Every subcommand's exit statuses, as the README's table and `--help` give them.
#[test]
fn exit_statuses_of_every_subcommand() {
    let before = "samples/mos/rg01-4.1.9-before.log";
    let after = "samples/mos/rg01-4.2.3-after.log";
    let dir = tempfile::tempdir().unwrap();
    let old = write(
        dir.path(),
        "old.log",
        "rg01> version\nMOS4.1.8-GA\nOK Completed\n",
    );
    let code = |args: &[&str]| run(args).0;
    // show: 0; --unrecognized 1 when a line did not become model data.
    assert_eq!(code(&["show", before]), 0);
    assert_eq!(
        code(&[
            "show",
            "--unrecognized",
            "samples/mos/rg03-admind-capture.txt"
        ]),
        1
    );
    assert_eq!(code(&["show", "--unrecognized", after]), 0);
    // gaps: 1 when it finds something of warning level or above.
    assert_eq!(code(&["gaps", before]), 1);
    // plan: 1 when a finding is of warning level or above, or something blocks the upgrade;
    // 2 for a version of another vendor, or a downgrade.
    assert_eq!(code(&["plan", "--to", "4.2.3", before]), 1);
    assert_eq!(code(&["plan", "--to", "4.2.3", &old]), 1);
    assert_eq!(code(&["plan", "--to", "7.09", before]), 2);
    assert_eq!(
        code(&["plan", "--to", "4.2.3", "samples/spamtitan/7.08"]),
        2
    );
    assert_eq!(code(&["plan", "--to", "4.1.0", before]), 2);
    assert_eq!(code(&["gaps", "--to", "7.09", before]), 2);
    // capture: 0; 2 when nothing tells which vendor's capture.
    assert_eq!(code(&["capture", "--vendor", "mirapoint-mos"]), 0);
    assert_eq!(code(&["capture"]), 2);
    // diff: as diff(1).
    assert_eq!(code(&["diff", before, before]), 0);
    assert_eq!(code(&["diff", before, after]), 1);
    // diff: two vendors, or two appliances, are an error, not 60 differences.
    assert_eq!(code(&["diff", before, "samples/spamtitan/7.08"]), 2);
    assert_eq!(
        code(&["diff", before, "samples/mos/ms01-delegated-domains.log"]),
        2
    );
    // restore: 0 when the script is written; --exit-code: 1 when it holds commands.
    let restore = ["restore", "--to", "4.2.3", before];
    assert_eq!(code(&restore), 0);
    assert_eq!(code(&[&restore[..], &["--exit-code"]].concat()), 1);
    assert_eq!(code(&[&restore[..], &["--detailed-exitcode"]].concat()), 1);
    // Against itself, a capture with nothing to restore: 0. The after-log holds the system
    // over-quota message, which KI-8 writes whatever a capture shows: 1.
    let fixed = write(
        dir.path(),
        "fixed.log",
        "rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> smtp get fastpath\non\nOK Completed\n\
         rg01> smtp get maxmsgsum\n314572800\nOK Completed\n",
    );
    let against_itself = |capture: &str| {
        run(&[
            "restore",
            "--to",
            "4.2.3",
            capture,
            "--against",
            capture,
            "--exit-code",
        ])
    };
    let (status, script) = against_itself(&fixed);
    assert_eq!(status, 0, "{script}");
    let (status, script) = against_itself(after);
    assert_eq!(status, 1, "{script}");
    assert!(script.contains("branding set quotamsg {25}"), "{script}");
    // Against a capture that looked at nothing the script would restore: no command, yet
    // not "everything is back": 1, and standard error says what to capture.
    let blind = write(
        dir.path(),
        "blind.log",
        "rg01> version\nMOS4.2.3-GA\nOK Completed\n",
    );
    let args = ["restore", "--to", "4.2.3", &fixed, "--against", &blind];
    let (status, script, err) = common::run_full(&[&args[..], &["--exit-code"]].concat());
    assert_eq!(status, 1, "{script}{err}");
    assert!(
        !script.lines().any(|l| !l.starts_with('#') && !l.is_empty()),
        "{script}"
    );
    assert!(
        err.contains(
            "warning: the post-upgrade capture did not look at 1 range(s) the script would \
             restore, so they are left out of it and whether they are back is not known: \
             capture `smtp get fastpath` after the upgrade, then run again"
        ),
        "{err}"
    );
    // Without --exit-code the script is written all the same (0), and the warning said.
    let (status, _, err) = common::run_full(&args);
    assert_eq!(status, 0);
    assert!(err.contains("did not look at 1 range(s)"), "{err}");
    // track and textconv: 0.
    let repo = dir.path().join("repo");
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(common::root().join(before), src.join("rg01.log")).unwrap();
    assert_eq!(
        code(&[
            "track",
            src.to_str().unwrap(),
            "--into",
            repo.to_str().unwrap()
        ]),
        0
    );
    assert_eq!(code(&["textconv", before]), 0);
    // verify-update: 1 on an anomaly.
    assert_eq!(
        code(&["verify-update", "samples/spamtitan/update-7.08-to-7.09.log"]),
        0
    );
    assert_eq!(
        code(&[
            "verify-update",
            "samples/spamtitan/update-7.08-to-7.09-broken.log"
        ]),
        1
    );
    // Errors: 2, for every subcommand that reads input.
    for sub in [
        &["show", "no/such.log"][..],
        &["gaps", "no/such.log"],
        &["plan", "--to", "4.2.3", "no/such.log"],
        &["diff", before, "no/such.log"],
        &["restore", "--to", "4.2.3", "no/such.log"],
        &["restore", "--to", "4.2.3", "--exit-code", "no/such.log"],
        &["textconv", "no/such.log"],
        &["verify-update", "no/such.log"],
        &["capture", "--no-such-flag"],
    ] {
        assert_eq!(code(sub), 2, "{sub:?}");
    }
}

/// A `curl` that keeps the appliance's state in a file: domains created by `POST
/// /restapi/domains`; a call naming a domain (a REST path under it, or a legacy call's `user=`
/// or `name=`) fails, as the appliance would, when the domain does not exist yet. A lookup
/// (`-w '%{http_code}'`) answers 200 or 404; a legacy call answers XML with stat ok.
const STATEFUL_CURL: &str = r#"#!/usr/bin/env bash
method=GET; url=; data=(); write_out=
while [ $# -gt 0 ]; do
    case "$1" in
        -X) method=$2; shift 2 ;;
        -w) write_out=$2; shift 2 ;;
        -H|-o|--retry) shift 2 ;;
        --data|--data-urlencode) data+=("$2"); shift 2 ;;
        # The script sends a call's data on standard input.
        --data-binary) if [ "$2" = "@-" ]; then data+=("$(cat)"); else data+=("$2"); fi; shift 2 ;;
        https://*) url=$1; shift ;;
        *) shift ;;
    esac
done
path="/${url#https://*/}"
touch "$STUB_STATE"
echo "$method $path ${data[*]}" >> "$STUB_STATE.log"
exists() { grep -qxF "$1" "$STUB_STATE" || { echo "no such domain: $1" >&2; exit 22; }; }
if [ -n "$write_out" ]; then
    d=${path#/restapi/domains/}
    if grep -qxF "$d" "$STUB_STATE"; then printf 200; else printf 404; fi
    exit 0
fi
if [ "$method" = POST ] && [ "$path" = /restapi/domains ]; then
    domain=$(printf '%s' "${data[0]}" | sed 's/.*"domain":"\([^"]*\)".*/\1/')
    echo "$domain" >> "$STUB_STATE"
    exit 0
fi
case "$path" in
    /restapi/domains/*) d=${path#/restapi/domains/}; exists "${d%%/*}" ;;
esac
for body in "${data[@]}"; do
    IFS='&' read -ra fields <<< "$body"
    for field in "${fields[@]}"; do
        case "$field" in
            user=*@*|user=*%40*) ;;
            user=*) exists "${field#user=}" ;;
            name=*) exists "${field#name=}" ;;
        esac
    done
done
case "$path" in
    /restapi/*) ;;
    *) printf '<?xml version="1.0"?>\n<response><stat>ok</stat></response>\n' ;;
esac
exit 0
"#;

fn replay(script: &str, dir: &Path) -> (bool, String) {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let curl = bin.join("curl");
    std::fs::write(&curl, STATEFUL_CURL).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&curl, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.join("restore.sh");
    std::fs::write(&path, script).unwrap();
    let state = dir.join("state");
    let _ = std::fs::remove_file(&state);
    let _ = std::fs::remove_file(dir.join("state.log"));
    let out = std::process::Command::new("bash")
        .arg(&path)
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
        )
        .env("ST_HOST", "st01.example.com")
        .env("ST_TOKEN", "token")
        .env("STUB_STATE", &state)
        .output()
        .unwrap();
    let log = std::fs::read_to_string(dir.join("state.log")).unwrap_or_default();
    (out.status.success(), log)
}

#[test]
fn the_spamtitan_script_replays_against_a_stateful_stub() {
    let (_, script) = run(&["restore", "--to", "7.09", "samples/spamtitan/7.08/st01"]);
    let dir = tempfile::tempdir().unwrap();
    let (ok, log) = replay(&script, dir.path());
    assert!(ok, "{log}");
    assert!(log.contains("user=example.com"), "{log}");
    // The same calls with the domain's list call moved first fail: the stub can tell.
    let lines: Vec<&str> = script.lines().collect();
    let list = lines
        .iter()
        .position(|l| l.contains("user=example.com'"))
        .unwrap();
    let first_api = lines
        .iter()
        .position(|l| l.starts_with("list_add ") || l.starts_with("domain_ensure "))
        .unwrap();
    let mut wrong: Vec<&str> = lines.clone();
    let call = wrong.remove(list);
    wrong.insert(first_api, call);
    let (ok, log) = replay(&(wrong.join("\n") + "\n"), dir.path());
    assert!(!ok, "{log}");
}

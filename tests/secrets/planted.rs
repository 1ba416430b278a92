//! Secrets by structure: a name built from every secret stem, run together with prefixes and
//! suffixes as appliances write them (`rocommunity`, `ipsecpsk2`, `Ldap.PreSharedKey`), gets a
//! unique value planted in a MOS CLI log, a MOS export and a SpamTitan capture folder. Every
//! command that shows or writes a capture runs over them, and no planted value is in any output,
//! any file written, or any git object of a repository `track` wrote and that was committed.

use std::path::{Path, PathBuf};

use crate::common;

/// The stems a run-together name is a secret by, each as it is found inside a word.
const STEMS: &[&str] = &[
    "community",
    "psk",
    "sharedkey",
    "presharedkey",
    "sessionkey",
    "peerkey",
    "secret",
    "password",
    "passwd",
    "passphrase",
    "token",
    "credential",
    "apikey",
    "privatekey",
    "authkey",
    "accesskey",
    "sessionid",
    "pwd",
];

/// Prefixes and suffixes, run together or joined, in either case.
const PREFIXES: &[&str] = &["", "ro", "snmp", "ipsec", "ldap_", "Radius"];
const SUFFIXES: &[&str] = &["", "2", "_old", "String"];

/// A name and the unique values planted under it: one set, one read back, one in an export,
/// one in a SpamTitan answer.
struct Planted {
    name: String,
    values: [String; 4],
}

fn planted() -> Vec<Planted> {
    let mut out = Vec::new();
    for (s, stem) in STEMS.iter().enumerate() {
        for (p, prefix) in PREFIXES.iter().enumerate() {
            for (x, suffix) in SUFFIXES.iter().enumerate() {
                // Every stem with every prefix, and with every suffix, without the full product.
                if p != 0 && x != 0 && (p + x) % 3 != 0 {
                    continue;
                }
                let stem = if p == 5 {
                    capitalised(stem)
                } else {
                    stem.to_string()
                };
                let name = format!("{prefix}{stem}{suffix}");
                let values =
                    ["Set", "Got", "Exp", "Json"].map(|kind| format!("Pv{kind}{s}x{p}x{x}q"));
                out.push(Planted { name, values });
            }
        }
    }
    out
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The captures: a CLI log, an export, and a SpamTitan folder with the names as answer keys.
fn plant(dir: &Path, names: &[Planted]) -> (PathBuf, PathBuf, PathBuf) {
    let mut log = String::from("rg07.example.com> version\nMOS4.1.9-GA\nOK Completed\n");
    let mut export = String::from(
        "# Mirapoint configuration export\n# host: rg07.example.com\n# version: MOS4.1.9-GA\n\
         smtp set fastpath off\n",
    );
    let mut json = serde_json::Map::new();
    for p in names {
        let [set, got, exported, answered] = &p.values;
        log.push_str(&format!(
            "rg07.example.com> smtp set {name} {set}\nOK Completed\n\
             rg07.example.com> smtp get {name}\n{got}\nOK Completed\n",
            name = p.name
        ));
        export.push_str(&format!("smtp set {} \"{exported}\"\n", p.name));
        json.insert(p.name.clone(), answered.clone().into());
    }
    log.push_str("rg07.example.com> smtp get fastpath\noff\nOK Completed\n");
    let mos = dir.join("captures/mos");
    std::fs::create_dir_all(&mos).unwrap();
    let (log_path, export_path) = (mos.join("rg07.log"), mos.join("rg07-export.cfg"));
    std::fs::write(&log_path, log).unwrap();
    std::fs::write(&export_path, export).unwrap();
    let st = dir.join("captures/st07");
    common::copy_dir(&common::root().join("samples/spamtitan/7.08/st01"), &st);
    std::fs::create_dir_all(st.join("api/system")).unwrap();
    let answer = serde_json::Value::Object(json);
    std::fs::write(st.join("api/system/planted.json"), answer.to_string()).unwrap();
    (log_path, export_path, st)
}

/// Runs carryover from the crate root; everything it said.
fn said(args: &[&str]) -> (i32, String) {
    let (code, out, err) = common::run_full(args);
    (code, out + &err)
}

fn assert_clean(names: &[Planted], what: &str, text: &str) {
    for p in names {
        for value in &p.values {
            assert!(
                !text.contains(value.as_str()),
                "{what} shows {value} of {}",
                p.name
            );
        }
    }
}

#[test]
fn no_value_under_any_secret_name_reaches_any_output() {
    let names = planted();
    let dir = tempfile::tempdir().unwrap();
    let (log, export, st) = plant(dir.path(), &names);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let [log, export, st, captures] =
        [&log, &export, &st, &dir.path().join("captures")].map(|p| p.to_str().unwrap().to_string());
    let script = out.join("restore.sh").to_str().unwrap().to_string();
    let runbook = out.join("runbook.md").to_str().unwrap().to_string();
    let imports = out.join("imports").to_str().unwrap().to_string();
    let repo = out.join("repo");
    let repo_arg = repo.to_str().unwrap().to_string();
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for capture in [&log, &export, &st] {
        for format in ["human", "json", "ron"] {
            runs.push(vec!["show", "--format", format, "--provenance", capture]);
        }
        runs.push(vec!["show", "--unrecognized", capture]);
        runs.push(vec!["textconv", capture]);
        runs.push(vec!["gaps", "--format", "json", capture]);
    }
    for format in ["human", "unified", "markdown", "json"] {
        runs.push(vec!["diff", "--format", format, &log, &export]);
        runs.push(vec![
            "diff",
            "--format",
            format,
            &st,
            "samples/spamtitan/7.09/st01",
        ]);
    }
    runs.push(vec![
        "restore",
        "--to",
        "4.2.3",
        "--all",
        "-o",
        &script,
        "--runbook",
        &runbook,
        &log,
    ]);
    runs.push(vec!["restore", "--to", "4.2.3", "--all", &export]);
    let st_restore = out.join("st-restore.sh").to_str().unwrap().to_string();
    runs.push(vec![
        "restore",
        "--to",
        "7.09",
        "--all",
        "-o",
        &st_restore,
        "--import-files",
        &imports,
        &st,
    ]);
    runs.push(vec!["track", &captures, "--into", &repo_arg]);
    for args in &runs {
        let (_, text) = said(args);
        assert_clean(&names, &args.join(" "), &text);
    }
    // The repository `track` wrote, committed: no git object holds a planted value.
    common::git(&repo, &["init", "-q"]);
    common::git(&repo, &["add", "-A"]);
    common::git(&repo, &["commit", "-q", "-m", "capture"]);
    let objects = git_objects(&repo);
    assert!(
        objects.contains("rg07"),
        "the commit holds the tracked files"
    );
    assert_clean(&names, "a git object", &objects);
    let mut written = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            written += 1;
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            assert_clean(&names, &entry.path().display().to_string(), &text);
        }
    }
    assert!(
        written >= 4 && Path::new(&script).exists(),
        "{written} files written"
    );
    controls(&names, &log, &export, &st);
}

/// Every object of the repository, as text (trees are binary: read lossily).
fn git_objects(repo: &Path) -> String {
    let out = std::process::Command::new("git")
        .current_dir(repo)
        .args(["cat-file", "--batch-all-objects", "--batch"])
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The control: every planted setting was read, as a secret `--show-secrets` shows, and every
/// SpamTitan key was read (kept raw, and masked even then).
fn controls(names: &[Planted], log: &str, export: &str, st: &str) {
    let (_, shown) = said(&["show", "--show-secrets", log]);
    let (_, exported) = said(&["show", "--show-secrets", export]);
    let (_, answered) = said(&["show", "--format", "json", st]);
    for p in names {
        let [_, got, from_export, _] = &p.values;
        assert!(
            shown.contains(got.as_str()),
            "{} was not read: {shown}",
            p.name
        );
        assert!(exported.contains(from_export.as_str()), "{}", p.name);
        assert!(
            answered.contains(&format!("planted.{}\"", p.name)),
            "{}",
            p.name
        );
    }
}

/// `pass` is a secret as a word of its own, never inside another word: these keep their values.
#[test]
fn pass_inside_a_word_is_no_secret_and_as_a_word_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg08.log");
    std::fs::write(
        &log,
        "rg08> version\nMOS4.1.9-GA\nOK Completed\n\
         rg08> smtp get passthrough\nShownPassthrough\nOK Completed\n\
         rg08> smtp get bypass\nShownBypass\nOK Completed\n\
         rg08> smtp get relay_pass\nHiddenRelayPass\nOK Completed\n\
         rg08> smtp get ldap.pass\nHiddenLdapPass\nOK Completed\n",
    )
    .unwrap();
    let (code, text) = said(&["show", log.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("ShownPassthrough") && text.contains("ShownBypass"),
        "{text}"
    );
    assert!(
        !text.contains("HiddenRelayPass") && !text.contains("HiddenLdapPass"),
        "{text}"
    );
}

/// The login in an update's URL (`ftp://user:password@host/…`, the normal way MOS fetches
/// updates) is a secret: no output shows the password, `--show-secrets` included (it was
/// masked as it was read), and no git object `track` committed holds it. The user and the
/// rest of the URL stay readable.
#[test]
fn the_password_in_an_update_url_reaches_no_output_and_no_git_object() {
    let dir = tempfile::tempdir().unwrap();
    let caps = dir.path().join("caps");
    std::fs::create_dir_all(&caps).unwrap();
    let log = caps.join("rg01.log");
    std::fs::write(
        &log,
        "rg01> version\nMOS4.2.3-GA\nOK Completed\n\
         rg01> update install ftp://mirapoint:FtpS3cret@192.0.2.50/patches/D4_Adjust_SMTP_Params.mpu5?timeQuit=120s&cacheSize=0\n\
         Some updates can automatically reboot the system. Continue? (y/n)\ny\nOK Completed\n",
    )
    .unwrap();
    let log = log.to_str().unwrap();
    let (code, shown) = said(&["show", log]);
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("ftp://mirapoint:<secret>@192.0.2.50/patches/D4_Adjust_SMTP_Params.mpu5"),
        "{shown}"
    );
    for args in [
        vec!["show", "--show-secrets", log],
        vec!["show", "--format", "json", log],
        vec!["diff", log, log],
        vec!["gaps", log],
        vec!["textconv", log],
    ] {
        let (_, out) = said(&args);
        assert!(!out.contains("FtpS3cret"), "{args:?}: {out}");
    }
    let repo = dir.path().join("repo");
    let (code, out) = said(&[
        "track",
        caps.to_str().unwrap(),
        "--into",
        repo.to_str().unwrap(),
        "--commit",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(!git_objects(&repo).contains("FtpS3cret"));
    assert!(git_objects(&repo).contains("mirapoint:<secret>@192.0.2.50"));
}

/// Found by a probe: a new user's password (`user add bob <password> "Bob Smith"`, a command
/// no catalog knows) was kept word for word in the raw item, so `show`, `textconv` and
/// track's files held it; and a login typed without its host (`ftp://mira:<password>`) was
/// quoted unmasked in the refusal note and `--unrecognized`.
#[test]
fn a_new_users_password_and_a_hostless_url_login_reach_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("ua.cfg");
    std::fs::write(
        &export,
        "# host: rg01.example.com\n# version: MOS4.2.3-GA\nsmtp set fastpath on\n\
         user add bob Tr0ub4dor11 \"Bob Smith\"\nUSER ADD alice \"Tr0ub 4dor22\" \"Alice\"\n",
    )
    .unwrap();
    let transcript = dir.path().join("ua.txt");
    std::fs::write(
        &transcript,
        "C: a1 USER ADD bob Tr0ub4dor33 \"Bob Smith\"\r\nS: a1 OK\r\nC: a2 VERSION\r\n\
         S: * a2 \"MOS4.2.3-GA\"\r\nS: a2 OK\r\n",
    )
    .unwrap();
    let log = dir.path().join("lg.log");
    std::fs::write(
        &log,
        "CLI> version\nMOS4.1.9-GA\nOK Completed\nCLI> update install ftp://mira:Tr0ub4dorEE\nNO bad url\n\
         CLI> update install ftp:/mira:Tr0ub4dorFF@192.0.2.5/x.mpu5\nNO bad url\n\
         CLI> update install mira:Tr0ub4dorGG@192.0.2.5:/x.mpu5\nOK Completed\n",
    )
    .unwrap();
    let [export, transcript, log] = [&export, &transcript, &log].map(|p| p.to_str().unwrap());
    let (code, shown) = said(&["show", export]);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("user add bob <secret>"), "{shown}");
    for args in [
        vec!["show", "--show-secrets", export],
        vec!["textconv", export],
        vec!["textconv", transcript],
        vec!["show", "--unrecognized", log],
        vec!["show", log],
    ] {
        let (_, all) = said(&args);
        assert!(!all.contains("Tr0ub"), "{args:?}: {all}");
    }
}

/// `user add`'s arguments are in no public source: FORMATS.md gives `USER LIST`'s answer (the
/// name, then the full name) but not what `USER ADD` takes after the name, nor in what order.
/// So everything after the name is masked, the full name with the password, and no password
/// reaches any output, a refused one sent as a literal (`{N+}`, as a word with a line break
/// is) included. A changed full name, or a changed password, is a difference `diff` tells
/// without showing it.
#[test]
fn a_new_users_words_after_the_name_reach_no_output_and_a_change_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let log = |name: &str, password: &str, full_name: &str| {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            format!(
                "rg01> version\nMOS4.2.3-GA\nOK Completed\n\
                 rg01> user add alice {password} \"{full_name}\"\nOK Completed\n\
                 rg01> USER ADD bob \"S3cr3t B\\\"2\" \"Bob \\\"B\\\"\"\nOK Completed\n\
                 rg01> user add carol {{11}}\nS3cr3tC\nCa\nNO Invalid password\n\
                 rg01> user add dave S3cr3tD\nNO Missing argument\n"
            ),
        )
        .unwrap();
        path.to_str().unwrap().to_string()
    };
    let a = log("a.log", "S3cr3tA1", "Alice A");
    let b = log("b.log", "S3cr3tA1", "Alice B");
    let c = log("c.log", "S3cr3tA2", "Alice A");
    let transcript = dir.path().join("t.txt");
    std::fs::write(
        &transcript,
        "S: * OK rg01 admind 4.2.3 ready\r\nC: a1 LOGIN admin {10+}\r\nS3cr3tL\r\nx\r\nS: a1 NO bad\r\n\
         C: a2 USER ADD erin {9+}\r\nS3cr3tE\r\nS: a2 NO bad\r\n\
         C: a3 VERSION\r\nS: * a3 \"MOS4.2.3-GA\"\r\nS: a3 OK\r\n",
    )
    .unwrap();
    let transcript = transcript.to_str().unwrap();
    for (other, why) in [(&b, "the full name"), (&c, "the password")] {
        let (code, out) = said(&["diff", &a, other]);
        assert_eq!(code, 1, "{why}: {out}");
        assert!(
            out.contains("~ raw/user add alice <secret> (secret changed)"),
            "{why}: {out}"
        );
    }
    let (code, out) = said(&["diff", &a, &a]);
    assert_eq!(code, 0, "{out}");
    for args in [
        vec!["show", &a],
        vec!["show", "--show-secrets", &a],
        vec!["show", "--unrecognized", &a],
        vec!["show", "--format", "json", &a],
        vec!["textconv", &a],
        vec!["diff", &a, &b],
        vec!["diff", "--show-secrets", &a, &c],
        vec!["diff", "--format", "json", &a, &c],
        vec!["diff", "--format", "unified", &a, &b],
        vec!["diff", "--format", "markdown", &a, &c],
        vec!["show", "--unrecognized", transcript],
        vec!["textconv", transcript],
    ] {
        let (_, all) = said(&args);
        assert!(!all.contains("S3cr3t"), "{args:?}: {all}");
        assert!(!all.contains("Alice"), "{args:?}: {all}");
    }
    let (_, unrecognized) = said(&["show", "--unrecognized", &a]);
    assert!(unrecognized.contains("a.log:9: <secret>"), "{unrecognized}");
}

#[test]
fn a_password_sent_as_a_literal_is_not_shown_by_the_error_of_a_bad_byte_in_it() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "cli.log",
            &b"rg01> user add carol {9}\r\nS3cr\0tC9x\r\nOK Completed\r\n"[..],
        ),
        (
            "t.txt",
            b"C: a1 LOGIN admin {12+}\r\nS3cr3tL\r\nx\0y\r\nS: a1 OK\r\n",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (code, said) = said(&["show", path.to_str().unwrap()]);
        assert_eq!(code, 2, "{said}");
        assert!(
            said.contains(&format!("{name}:")),
            "the error says where: {said}"
        );
        assert!(said.contains("<secret>"), "{said}");
        assert!(
            !said.contains("S3cr") && !said.contains("x\\u{0}y"),
            "{said}"
        );
    }
}

/// A command typed with a no-break, ideographic or zero-width space between its words is the
/// command: its password is masked in every output and never stored.
#[test]
fn a_new_users_password_typed_with_an_odd_space_reaches_no_output_or_repository() {
    for space in ["\u{a0}", "\u{3000}", "\u{200b}"] {
        let dir = tempfile::tempdir().unwrap();
        let captures = dir.path().join("captures");
        std::fs::create_dir(&captures).unwrap();
        std::fs::write(
            captures.join("rg01.log"),
            format!(
                "rg01 (corp.example) > version\nMOS4.2.3-GA\nOK Completed\n\
                 rg01 (corp.example) > user{space}add carol S3cr3tOdd9\nOK Completed\n"
            ),
        )
        .unwrap();
        std::fs::write(
            captures.join("rg02.txt"),
            format!(
                "S: * OK rg02.example.net admind 4.2.3 ready\r\n\
                 C: a1 USER{space}ADD erin S3cr3tOdd8\r\nS: a1 OK\r\n"
            ),
        )
        .unwrap();
        for file in ["rg01.log", "rg02.txt"] {
            let path = captures.join(file);
            for args in [&["show"][..], &["show", "--unrecognized"], &["textconv"]] {
                let mut args = args.to_vec();
                args.push(path.to_str().unwrap());
                let (_, out) = said(&args);
                assert!(!out.contains("S3cr3tOdd"), "{space:?} {args:?}: {out}");
                let shows_model = args[0] == "textconv" || args.len() == 2;
                assert!(
                    !shows_model || out.contains("<secret>"),
                    "{space:?} {args:?}: {out}"
                );
            }
        }
        let repo = dir.path().join("repo");
        let (code, out) = said(&[
            "track",
            captures.to_str().unwrap(),
            "--into",
            repo.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{out}");
        for file in walkdir::WalkDir::new(&repo).into_iter().flatten() {
            if file.file_type().is_file() {
                let text = std::fs::read_to_string(file.path()).unwrap();
                assert!(
                    !text.contains("S3cr3tOdd"),
                    "{space:?} {}",
                    file.path().display()
                );
            }
        }
    }
}

/// A private key's lines, and a password sent after a server's go-ahead, reach neither an
/// error nor the list of lines not understood.
#[test]
fn a_key_block_and_a_synchronizing_literal_are_masked_where_lines_are_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let key = "UFJJVkFURUtFWVNFQ1JFVERBVEE";
    let cases: [(&str, String, i32); 5] = [
        (
            "spaced-key.log",
            format!("rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> key get MTA \"\"\n#@Mirapoint - Key - 1.0\n{key}\n#@Mirapoint - Key - End\nOK Completed\n"),
            1,
        ),
        (
            "nul-in-key.log",
            format!("rg01> key get MTA \"\"\nMTA private \"rg01\" \"\" \"\" {{79}}\n#@Mirapoint-Key-1.0\n{key}\0x\n#@Mirapoint-Key-End\nOK Completed\n"),
            2,
        ),
        (
            "bare-key.log",
            format!("rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> key get MTA \"\"\n#@Mirapoint-Key-1.0\n{key}\n#@Mirapoint-Key-End\nOK Completed\n"),
            1,
        ),
        (
            "sync.txt",
            format!("* OK rg02 admind 4.2.3 ready\na001 USER ADD carol {{10}}\n+ go ahead\n{key}\na001 NO User exists\n"),
            1,
        ),
        (
            "sync-nul.txt",
            format!("* OK rg02 admind 4.2.3 ready\na001 USER ADD carol {{10}}\n+ go ahead\n{key}\0\na001 NO User exists\n"),
            2,
        ),
    ];
    for (name, text, status) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (code, out) = said(&["show", "-q", "--unrecognized", path.to_str().unwrap()]);
        assert_eq!(code, status, "{name}: {out}");
        assert!(!out.contains(key), "{name}: {out}");
        assert!(out.contains("<secret>"), "{name}: {out}");
    }
}

/// A `domains.csv` row an error quotes (a carriage return or a NUL inside a field) may hold
/// the LDAP password: it is shown as `<secret>`, with its line and column.
#[test]
fn a_bad_byte_in_a_domains_csv_row_does_not_show_the_row() {
    for bad in ["\r", "\0"] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("st01");
        std::fs::create_dir(&folder).unwrap();
        for file in std::fs::read_dir("samples/spamtitan/7.08/st01")
            .unwrap()
            .flatten()
        {
            if file.file_type().unwrap().is_file() {
                std::fs::copy(file.path(), folder.join(file.file_name())).unwrap();
            }
        }
        std::fs::write(
            folder.join("domains.csv"),
            format!("example.com,mail.example.com:25,LDAP,ldap.example.com:389,\"cn=spamtitan,dc=example,dc=com\",Ld4p-S3cret{bad}X,(mail=%s),\"dc=example,dc=com\",mail,Sales\r\n"),
        )
        .unwrap();
        let (code, out) = said(&["show", folder.to_str().unwrap()]);
        assert_eq!(code, 2, "{out}");
        assert!(out.contains("domains.csv:1:"), "{out}");
        assert!(!out.contains("Ld4p-S3cret"), "{bad:?}: {out}");
    }
}

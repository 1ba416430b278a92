//! `carryover diff` over sample pairs, as a user and as git run it.

use crate::common;

use common::run;

fn snap(name: &str, args: &[&str]) -> i32 {
    common::snap_run(name, args).0
}

#[test]
fn before_and_after_the_upgrade() {
    let code = snap(
        "diff@upgrade",
        &[
            "diff",
            "samples/mos/rg01-4.1.9-before.log",
            "samples/mos/rg01-4.2.3-after.log",
        ],
    );
    assert_eq!(code, 1);
}

/// The after-log lists only the primary whitelistto list: its three missing entries are
/// removed; the six items whose range it never read are not compared, never "removed".
#[test]
fn what_the_after_log_did_not_look_at_is_not_removed() {
    let (code, out) = run(&[
        "diff",
        "--format",
        "json",
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let removed: Vec<&str> = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "removed")
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        removed,
        [
            "lists/primary/whitelistto/ml-sales@lists.example.co.jp",
            "lists/primary/whitelistto/ml-support@lists.example.co.jp",
            "lists/primary/whitelistto/news@mailer.example.net",
        ]
    );
    let not_in_b: Vec<&str> = doc["not_compared"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["not_captured_in"] == "B")
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        not_in_b,
        [
            "keys/MTA public rg01.example.co.jp",
            "lists/local/whitelistto/postmaster@example.co.jp",
            "lists/primary/blacklist/@spam-domain.example",
            "lists/primary/whitelist/@*.example.co.jp",
            "lists/primary/whitelist/alerts@monitor.example.com",
            "trusted_hosts/mtagroup/192.0.2.21",
        ]
    );
    assert_eq!(doc["summary"]["removed"], 3);
}

#[test]
fn reordered_commands_entries_case_and_quoting_are_no_difference() {
    let code = snap(
        "diff@reordered",
        &[
            "diff",
            "samples/mos/rg01-4.1.9-before.log",
            "samples/mos/pairs/rg01-4.1.9-reordered.log",
        ],
    );
    assert_eq!(code, 0);
}

#[test]
fn re_encoding_is_no_difference() {
    let code = snap(
        "diff@re-encoded",
        &[
            "diff",
            "samples/mos/ms02-sjis-crlf.log",
            "samples/mos/pairs/ms02-utf8-lf.log",
        ],
    );
    assert_eq!(code, 0);
}

#[test]
fn the_fqdn_prompt_against_the_short_one_is_no_difference() {
    let code = snap(
        "diff@fqdn-hostname",
        &[
            "diff",
            "samples/mos/rg01-4.1.9-before.log",
            "samples/mos/pairs/rg01-4.1.9-hostname.log",
        ],
    );
    assert_eq!(code, 0);
}

#[test]
fn an_export_against_a_live_log() {
    let code = snap(
        "diff@export-log",
        &[
            "diff",
            "samples/mos/rg01-4.1.9-export.cfg",
            "samples/mos/rg01-4.1.9-before.log",
        ],
    );
    assert_eq!(code, 1);
}

#[test]
fn unified_and_markdown_forms() {
    snap(
        "diff@upgrade-unified",
        &[
            "diff",
            "--format",
            "unified",
            "samples/mos/rg01-4.1.9-before.log",
            "samples/mos/rg01-4.2.3-after.log",
        ],
    );
    snap(
        "diff@upgrade-markdown",
        &[
            "diff",
            "--format",
            "markdown",
            "--old",
            "samples/mos/rg01-4.1.9-before.log",
            "--new",
            "samples/mos/rg01-4.2.3-after.log",
        ],
    );
}

#[test]
fn json_changes_have_the_documented_fields() {
    let (code, out) = run(&[
        "diff",
        "--format",
        "json",
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["format_version"], 2);
    let fastpath = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"] == "settings/system/smtp.fastpath")
        .unwrap();
    assert_eq!(fastpath["kind"], "changed");
    // Typed as `show --format json` types it.
    assert_eq!(fastpath["old"], false);
    assert_eq!(fastpath["new"], true);
    let show: serde_json::Value = serde_json::from_str(
        &run(&[
            "show",
            "--format",
            "json",
            "samples/mos/rg01-4.1.9-before.log",
        ])
        .1,
    )
    .unwrap();
    assert_eq!(show["config"]["settings"]["system"]["smtp.fastpath"], false);
    // A removed list entry carries its value, not only its path.
    let removed = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"] == "lists/primary/whitelistto/news@mailer.example.net")
        .unwrap();
    assert_eq!(removed["kind"], "removed");
    assert_eq!(removed["old"], "news@mailer.example.net");
    assert_eq!(removed["new"], serde_json::Value::Null);
    assert_eq!(fastpath["old_at"], "samples/mos/rg01-4.1.9-before.log:19");
    assert_eq!(fastpath["new_at"], "samples/mos/rg01-4.2.3-after.log:16");
}

#[test]
fn stat_counts_per_area_and_ignore_drops_by_path() {
    let (_, out) = run(&[
        "diff",
        "--stat",
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    assert!(out.contains("lists          +0 -3 ~0\n"), "{out}");
    let (code, out) = run(&[
        "diff",
        "--stat",
        "--ignore",
        "lists/**",
        "--ignore",
        "keys/*",
        "--ignore",
        "trusted_hosts/*/*",
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    assert_eq!(code, 1);
    assert!(!out.contains("lists"), "{out}");
    assert!(
        out.ends_with(
            "5 differences: 2 added, 0 removed, 3 changed; 1 not on the other side's version\n"
        ),
        "{out}"
    );
}

#[test]
fn a_changed_secret_is_reported_without_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let log = |key: &str| {
        format!("ms01> key get MTA \"\"\nMTA private \"ms01.example.com\" \"\" \"\" {{{}}}\n#@Mirapoint-Key-1.0\n{key}\n#@Mirapoint-Key-End\nOK Completed\n", 20 + key.len() + 1 + 20)
    };
    std::fs::write(dir.path().join("a.log"), log("U0VDUkVUMQ==")).unwrap();
    std::fs::write(dir.path().join("b.log"), log("U0VDUkVUMg==")).unwrap();
    let (a, b) = (dir.path().join("a.log"), dir.path().join("b.log"));
    let (code, out) = run(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("keys/MTA private ms01.example.com (secret changed)"),
        "{out}"
    );
    assert!(!out.contains("U0VDUkVU"), "{out}");
    let (_, japanese) = run(&[
        "--lang",
        "ja",
        "diff",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert!(
        japanese.contains("keys/MTA private ms01.example.com (秘密情報が変更されています)"),
        "{japanese}"
    );
    assert!(!japanese.contains("U0VDUkVU"), "{japanese}");
    let (_, shown) = run(&[
        "diff",
        "--show-secrets",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert!(shown.contains("U0VDUkVUMg=="), "{shown}");
}

/// A secret in a command no catalog knows is masked as it is read, for every output: a
/// changed one is still a change (the hidden values compare), the same one is none, and
/// neither value is shown, `--show-secrets` included. Here the bind password of
/// `ldap setbindpw` and the value of `auth set ldap_passwd`.
#[test]
fn a_changed_secret_in_an_unknown_command_is_a_change_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let log = |password: &str, other: &str| {
        format!(
            "rg01> version\r\nMOS4.2.3-GA\r\nOK Completed\r\nrg01> ldap setbindpw \"{password}\"\r\nOK Completed\r\nrg01> auth set ldap_passwd {other}\r\nOK Completed\r\n"
        )
    };
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let a = write("a.log", log("Hunter2-old", "Tr0ub4dor-kept"));
    let b = write("b.log", log("Hunter2-new", "Tr0ub4dor-kept"));
    let same = write("same.log", log("Hunter2-old", "Tr0ub4dor-kept"));
    let (code, out) = run(&["diff", &a, &b]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("~ raw/ldap setbindpw <secret> (secret changed)"),
        "{out}"
    );
    assert!(
        out.ends_with("\n1 difference: 0 added, 0 removed, 1 changed\n"),
        "{out}"
    );
    for args in [vec!["diff", &a, &b], vec!["diff", "--show-secrets", &a, &b]] {
        let json = [&args[..1], &["--format", "json"], &args[1..]].concat();
        for args in [args.clone(), json] {
            let (_, out) = run(&args);
            for value in ["Hunter2", "Tr0ub4dor"] {
                assert!(!out.contains(value), "{args:?}: {out}");
            }
        }
    }
    let (code, out) = run(&["diff", &a, &same]);
    assert_eq!(
        (code, out.as_str()),
        (0, "0 differences: 0 added, 0 removed, 0 changed\n")
    );
}

/// Two unknown commands that differ only after a secret's name (`user setpassword alice ...`
/// and `... bob ...`) mask to one item: the read warns of it, and a capture that lacks one of
/// them differs from one that holds both, though the one kept is the same.
#[test]
fn commands_merged_by_masking_are_warned_of_and_still_compared() {
    let dir = tempfile::tempdir().unwrap();
    let log = |users: &[&str]| {
        let mut text = String::from("rg01> version\nMOS4.2.3-GA\nOK Completed\n");
        for user in users {
            text += &format!("rg01> user setpassword {user} \"pw of {user}\"\nOK Completed\n");
        }
        text
    };
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let both = write("both.log", log(&["alice", "bob", "bob"]));
    let bob = write("bob.log", log(&["bob"]));
    let (code, out, err) = common::run_full(&["diff", &both, &bob]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("~ raw/user setpassword <secret> (secret changed)"),
        "{out}"
    );
    // Said once, at the second user's line, naming the first's; never for bob given twice.
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    assert!(
        err.contains("both.log:6: warning: `user setpassword <secret>`"),
        "{err}"
    );
    assert!(err.contains("both.log:4"), "{err}");
    assert!(!format!("{out}{err}").contains("pw of"), "{out}{err}");
    let (code, out, _) = common::run_full(&["diff", &both, &both]);
    assert_eq!(
        (code, out.as_str()),
        (0, "0 differences: 0 added, 0 removed, 0 changed\n")
    );
}

/// SpamTitan's API answers mask a field the schema does not know whose name says secret (an
/// LDAP bind password): a changed one is a change, shown as a secret, never as its value.
#[test]
fn a_changed_unknown_secret_field_of_spamtitan_is_a_change_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let capture = |name: &str, password: &str| {
        let to = dir.path().join(name).join("st01");
        common::copy_dir(&common::root().join("samples/spamtitan/7.08/st01"), &to);
        let json = format!(
            "{{\"id\": 3, \"domain\": \"example.com\", \"destination\": \"mail.example.com:25\", \"ldap_bind_password\": \"{password}\"}}\n"
        );
        std::fs::write(to.join("api/domains/example.com.json"), json).unwrap();
        to.to_str().unwrap().to_string()
    };
    let (a, b) = (capture("a", "S3cret-old"), capture("b", "S3cret-new"));
    let same = capture("same", "S3cret-old");
    for show in [false, true] {
        let args = [
            &["diff"][..],
            if show { &["--show-secrets"] } else { &[] },
            &[&a, &b],
        ]
        .concat();
        let (code, out) = run(&args);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("~ raw/example.com/domain.ldap_bind_password (secret changed)"),
            "{out}"
        );
        assert!(!out.contains("S3cret"), "{out}");
    }
    let (code, out) = run(&["diff", &a, &same]);
    assert_eq!(code, 0, "{out}");
}

/// A command no catalog knows is named by its command words case-folded (`COS SET` is
/// `cos set`), and by its arguments as typed: a value whose case changed is no "0 differences".
#[test]
fn an_unknown_commands_value_is_compared_as_typed_and_its_words_folded() {
    let dir = tempfile::tempdir().unwrap();
    let log = |command: &str| {
        format!("rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> {command}\nOK Completed\n")
    };
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let plain = write("a.log", log("cos set description gold \"Gold Plan\""));
    let upper = write("b.log", log("cos set description gold \"GOLD PLAN\""));
    let shouted = write("c.log", log("COS SET description gold \"Gold Plan\""));
    let (code, out) = run(&["diff", &plain, &upper]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("raw/cos set description gold \"GOLD PLAN\""),
        "{out}"
    );
    let (code, out) = run(&["diff", &plain, &shouted]);
    assert_eq!(
        (code, out.as_str()),
        (0, "0 differences: 0 added, 0 removed, 0 changed\n")
    );
    // The same bytes, whatever case the command was typed in: what `track` stores.
    let shown = |path: &str| run(&["show", path]).1;
    assert_eq!(shown(&plain), shown(&shouted));
    assert!(
        shown(&shouted).contains("command: r#\"cos set description gold"),
        "{}",
        shown(&shouted)
    );
}

/// A listing with a line read as no entry (here a value sent as a literal) is not known in
/// full: an entry that line may have held is not compared, never removed.
#[test]
fn a_listing_with_an_unread_line_is_not_known_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = |first: &str| {
        format!(
            "* OK rg02.example.net admind 4.2.3 ready\r\na1 SMTP GET fastpath\r\n* a1 on\r\na1 OK\r\n\
             a2 UCE LISTEXCEPTION primary whitelistto\r\n{first}* a2 \"y@example.com\"\r\na2 OK\r\n"
        )
    };
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let plain = write("a.txt", transcript("* a2 \"x@example.com\"\r\n"));
    let literal = write("b.txt", transcript("* a2 {15}\r\nx@example.com\r\n\r\n"));
    let (code, out, err) = common::run_full(&["diff", &plain, &literal]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("? lists/primary/whitelistto/x@example.com"),
        "{out}"
    );
    assert!(out.contains("0 removed"), "{out}");
    assert!(err.contains("1 line(s) of the list answer"), "{err}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_, plain) = run(&[
        "diff",
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    assert!(!plain.contains('\x1b'));
    let (_, colored) = run(&[
        "diff",
        "--color",
        "always",
        "samples/mos/rg01-4.1.9-before.log",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    assert!(colored.contains("\x1b[33m~\x1b[0m settings/system/smtp.fastpath"));
}

#[test]
fn wrong_arguments_exit_2() {
    assert_eq!(run(&["diff", "samples/mos/rg01-4.1.9-before.log"]).0, 2);
    assert_eq!(
        run(&["diff", "samples/mos/rg01-4.1.9-before.log", "no/such.log"]).0,
        2
    );
}

/// git calls an external diff with seven arguments; with `diff.external` set, `git diff` on two
/// commits of a capture shows the semantic difference.
#[test]
fn works_as_gits_external_diff() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| common::git(dir.path(), args);
    git(&["init", "-q"]);
    let samples = common::root().join("samples/mos");
    std::fs::copy(
        samples.join("rg01-4.1.9-before.log"),
        dir.path().join("rg01.log"),
    )
    .unwrap();
    git(&["add", "rg01.log"]);
    git(&["commit", "-qm", "before"]);
    std::fs::copy(
        samples.join("rg01-4.2.3-after.log"),
        dir.path().join("rg01.log"),
    )
    .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("carryover");
    let out = git(&[
        "-c",
        &format!("diff.external={} diff", bin.display()),
        "diff",
        "--ext-diff",
    ]);
    assert!(
        out.contains("~ settings/system/smtp.fastpath: off -> on"),
        "{out}"
    );
    assert!(out.contains("8 differences"), "{out}");
}

/// A secret that changed is said in every format that lists differences: in the Markdown
/// table's cell, and beside a unified diff (whose texts mask it on both sides) on standard
/// error. Control characters of a value are shown in a cell, never written raw.
#[test]
fn a_changed_secret_and_a_control_are_shown_in_markdown_and_beside_unified() {
    let dir = tempfile::tempdir().unwrap();
    let log = |password: &str, quota: &str| {
        format!(
            "rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> user setpassword carol {password}\nOK Completed\n\
             rg01> branding set quotamsg {{{}}}\n{quota}\nOK Completed\n",
            quota.len()
        )
    };
    let a = dir.path().join("a.log");
    let b = dir.path().join("b.log");
    std::fs::write(&a, log("S3cr3tOld1", "hi\u{1b}[31mred\u{c}")).unwrap();
    std::fs::write(&b, log("S3cr3tNew2", "ho\u{1b}[31mred\u{c}")).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let (code, markdown) = run(&["diff", "--format", "markdown", a, b]);
    assert_eq!(code, 1, "{markdown}");
    assert!(
        markdown.contains("| <secret> | (secret changed) |"),
        "{markdown}"
    );
    assert!(markdown.contains("\\u{1b}[31mred\\u{c}"), "{markdown}");
    assert!(!markdown.contains(['\u{1b}', '\u{c}']), "{markdown}");
    let (_, japanese) = run(&["--lang", "ja", "diff", "--format", "markdown", a, b]);
    assert!(
        japanese.contains("| <secret> | (秘密情報が変更されています) |"),
        "{japanese}"
    );
    let (code, unified, said) = common::run_full(&["diff", "--format", "unified", a, b]);
    assert_eq!(code, 1, "{unified}{said}");
    assert!(
        said.contains("the secret changed (a unified diff shows no secret)"),
        "{said}"
    );
    assert!(
        !format!("{unified}{said}").contains("S3cr3t"),
        "{unified}{said}"
    );
}

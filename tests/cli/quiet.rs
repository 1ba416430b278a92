//! Quiet runs: a clean capture leaves standard error empty, `-q` on every subcommand leaves
//! errors only, identical notes collapse into one line with a count, and `-v` says every note
//! and the line counts.

use std::path::Path;

use crate::common;

#[path = "../../examples/admind-sim/sim.rs"]
mod sim;

/// A telnet log read whole: its session plumbing is read, and its one refused command is a
/// read the version has no such setting for.
const CLEAN: &str = "samples/mos/rg01-4.1.9-before.log";

/// Runs carryover from the repository's root; (status, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    run_with(args, &[])
}

fn run_with(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let output = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(common::root())
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The subcommands `carryover --help` lists.
fn subcommands() -> Vec<String> {
    let (_, help, _) = run(&["--help"]);
    help.split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// A run of each subcommand on clean captures, writing into `dir`; fetch's appliance is the
/// simulator at `port`.
fn every_subcommand(dir: &Path, port: u16) -> Vec<Vec<String>> {
    let at = |name: &str| dir.join(name).display().to_string();
    let port = port.to_string();
    let (script, fleet, captures) = (at("restore.txt"), at("fleet"), at("captures"));
    let runs: Vec<Vec<&str>> = vec![
        vec!["show", CLEAN],
        vec!["gaps", CLEAN, "samples/mos/rg01-4.1.9-export.cfg"],
        vec!["plan", "--to", "4.2.3", CLEAN],
        vec!["capture", "--vendor", "mirapoint-mos"],
        vec!["diff", CLEAN, "samples/mos/rg01-4.2.3-after.log"],
        vec!["restore", "--to", "4.2.3", CLEAN, "-o", &script],
        vec!["track", "samples/spamtitan", "--into", &fleet],
        vec!["textconv", CLEAN],
        vec!["verify-update", "samples/spamtitan"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["rule", "MOS-4.2.3-KI-6"],
        vec!["schema", "findings"],
        // apply needs the script's appliance: tests/apply runs it quietly against the simulator.
        vec!["apply", "--help"],
        vec![
            "fetch",
            "127.0.0.1",
            "--plaintext",
            "--port",
            &port,
            "--user",
            "administrator",
            "--password-env",
            "SIM_PASSWORD",
            "--into",
            &captures,
            "--timeout",
            "5",
        ],
    ];
    runs.into_iter()
        .map(|r| r.into_iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn quiet_on_every_subcommand_leaves_standard_error_empty() {
    let dir = tempfile::tempdir().unwrap();
    let server = sim::start(
        sim::Script::from_transcript(
            &std::fs::read(common::root().join("samples/mos/rg03-admind-capture.txt")).unwrap(),
        )
        .unwrap(),
        sim::Options {
            password: "pass".into(),
            ..sim::Options::default()
        },
    )
    .unwrap();
    let runs = every_subcommand(dir.path(), server.port);
    let covered: Vec<&str> = runs.iter().map(|r| r[0].as_str()).collect();
    for sub in subcommands() {
        assert!(covered.contains(&sub.as_str()), "no quiet run of `{sub}`");
    }
    for run in &runs {
        let mut args: Vec<&str> = run.iter().map(String::as_str).collect();
        // `--plaintext` on its own is warned about: `-q` silences that too.
        args.insert(1, "-q");
        let (code, _, err) = run_with(&args, &[("SIM_PASSWORD", "pass")]);
        assert!(code == 0 || code == 1, "{args:?} exits {code}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
}

#[test]
fn a_clean_capture_says_nothing_on_standard_error_by_default() {
    for args in [
        vec!["show", CLEAN],
        vec!["textconv", CLEAN],
        vec!["show", "--unrecognized", CLEAN],
        vec!["diff", CLEAN, "samples/mos/pairs/rg01-4.1.9-reordered.log"],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
}

#[test]
fn session_plumbing_is_read_and_real_lines_are_not_hidden() {
    let (code, listed, _) = run(&["show", "--unrecognized", CLEAN]);
    assert_eq!((code, listed.as_str()), (0, "0 unrecognized lines\n"));
    // A refusal that is no version's lack (a permission) is still not understood, and said.
    let (code, listed, err) = run(&[
        "show",
        "--unrecognized",
        "samples/mos/rg03-admind-capture.txt",
    ]);
    assert_eq!(code, 1);
    assert!(listed.contains("C: a012 filter list"), "{listed}");
    assert!(!listed.contains("maxmsgsum"), "{listed}");
    assert!(
        err.contains("`C: a012 filter list` was refused (NO Permission denied)"),
        "{err}"
    );
}

#[test]
fn verbose_says_the_line_counts_and_what_the_version_lacks_once() {
    let (code, _, err) = run(&["show", "-v", CLEAN]);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "samples/mos/rg01-4.1.9-before.log:27: note: 4.1.9-GA answered that it has no \
         `smtp get ldarprouting` (NO Unknown parameter: ldarprouting): a command this version \
         lacks, or a typo\n\
         samples/mos/rg01-4.1.9-before.log: 78 lines, all read\n"
    );
    // The same refusal in two captures of one appliance: one line, with the count.
    let (_, _, err) = run(&[
        "diff",
        "-v",
        CLEAN,
        "samples/mos/pairs/rg01-4.1.9-reordered.log",
    ]);
    assert_eq!(
        err.matches("has no `smtp get ldarprouting`").count(),
        2,
        "{err}"
    );
    let (_, _, err) = run(&[
        "show",
        "--verbose",
        CLEAN,
        "samples/mos/pairs/rg01-4.1.9-reordered.log",
    ]);
    assert!(
        err.starts_with(
            "note: 4.1.9-GA answered that it has no `smtp get ldarprouting` \
             (NO Unknown parameter: ldarprouting): a command this version lacks, or a typo \
             (2 times; first at \
             samples/mos/pairs/rg01-4.1.9-reordered.log:52)\n"
        ),
        "{err}"
    );
}

/// A log that repeats one literal whose count fits no line end, and one refused command.
fn repeating_log() -> String {
    let sample =
        std::fs::read_to_string(common::root().join("samples/mos/pairs/ms02-utf8-lf.log")).unwrap();
    let lines: Vec<&str> = sample.lines().collect();
    let literal = lines[8..14].join("\n");
    let mut log = format!("{}\n{}\n", lines[0], lines[2..5].join("\n"));
    for _ in 0..3 {
        log.push_str(&literal);
        log.push('\n');
    }
    log.push_str(
        "ms02> filter list\nNO Permission denied\n"
            .repeat(2)
            .as_str(),
    );
    log
}

#[test]
fn identical_notes_collapse_into_one_line_with_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("ms02.log");
    std::fs::write(&log, repeating_log()).unwrap();
    let path = log.display().to_string();
    let (code, _, err) = run(&["show", &path]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with("warning: literal announces 115 bytes"),
        "{err}"
    );
    assert!(
        lines[0].ends_with(&format!(" (3 times; first at {path}:6)")),
        "{err}"
    );
    assert_eq!(
        lines[1],
        format!(
            "note: `ms02> filter list` was refused (NO Permission denied); it changes nothing \
             (2 times; first at {path}:23)"
        )
    );
    assert!(
        lines[2].ends_with("4 not understood (see --unrecognized)"),
        "{err}"
    );
    // Quiet: nothing; the exit status is the same.
    assert_eq!(run(&["show", "-q", &path]).2, "");
    assert_eq!(run(&["show", "-q", &path]).0, 0);
}

#[test]
fn quiet_and_verbose_conflict_and_errors_still_print() {
    let (code, _, err) = run(&["show", "-q", "-v", CLEAN]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["show", "-q", "samples/nonesuch.log"]);
    assert_eq!(code, 2);
    assert!(err.contains("nonesuch.log"), "{err}");
}

/// A MOS CLI log whose two listings hold `listed`, the whitelistto's answer lines, and
/// `blacklist`'s, each a quoted entry on its line; the whitelistto's first entry is on line 7.
fn listing_log(listed: &[String], blacklist: &[String]) -> String {
    let mut log = String::from(
        "rg01.example.co.jp> version\nMOS4.1.9-GA\nOK Completed\n\
         rg01.example.co.jp> uce listexception primary whitelistto\n\
         \"ml-sales@lists.example.co.jp\"\n\"@partners.example.com\"\n",
    );
    for entry in listed {
        log.push_str(&format!("\"{entry}\"\n"));
    }
    log.push_str("OK Completed\nrg01.example.co.jp> uce listexception primary blacklist\n");
    for entry in blacklist {
        log.push_str(&format!("\"{entry}\"\n"));
    }
    log.push_str("OK Completed\n");
    log
}

/// Runs `carryover show` with `args` on `log`, written to a file in `dir`; (the file's path,
/// status, stdout, stderr).
fn show_log(dir: &Path, log: &str, args: &[&str]) -> (String, i32, String, String) {
    let file = dir.join("rg01.log");
    std::fs::write(&file, log).unwrap();
    let path = file.display().to_string();
    let mut all = vec!["show"];
    all.extend_from_slice(args);
    all.push(&path);
    let (code, out, err) = run(&all);
    (path, code, out, err)
}

#[test]
fn a_list_of_many_pasted_entries_is_said_once_per_shape_with_the_exact_count() {
    // 5,000 entries with `mailto:` (more than one part of a long answer), 3 with a display
    // name among them, one joined, and plain ones between.
    let mut listed: Vec<String> = (0..5000)
        .map(|i| format!("mailto:user{i}@example.com"))
        .collect();
    listed.insert(10, "Jane Doe <jane@example.com>".into());
    listed.insert(2000, "plain@example.com".into());
    listed.insert(4000, "Ops Team <ops@example.com>".into());
    listed.push("Desk <desk@example.com>".into());
    listed.push("a@example.com;b@example.com".into());
    let dir = tempfile::tempdir().unwrap();
    let (path, code, out, err) = show_log(dir.path(), &listing_log(&listed, &[]), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        format!(
            "{path}:7: warning: 5000 entries of list `primary/whitelistto` have the shape of a \
             paste (a `mailto:` before the address), the first `mailto:user0@example.com`: each \
             was kept as the appliance holds it; check them\n\
             {path}:17: warning: 3 entries of list `primary/whitelistto` have the shape of a \
             paste (a display name around the address), the first `Jane Doe <jane@example.com>`: \
             each was kept as the appliance holds it; check them\n\
             {path}:5011: warning: this list entry has the shape of a paste (several entries \
             joined with `;` or `,`): `a@example.com;b@example.com` was kept as the appliance \
             holds it; check that it is the one meant\n"
        )
    );
    // The model keeps every entry as the appliance holds it.
    assert_eq!(out.matches("\"mailto:user").count(), 5000);
    assert!(out.contains("\"Ops Team <ops@example.com>\""), "{out}");
    // `-v` says each the same once; in Japanese, the count and the first entry.
    let (_, _, _, verbose) = show_log(dir.path(), &listing_log(&listed, &[]), &["-v"]);
    assert_eq!(verbose.lines().count(), 4, "{verbose}");
    assert!(verbose.starts_with(err.as_str()), "{verbose}");
    let (_, _, _, japanese) = show_log(dir.path(), &listing_log(&listed, &[]), &["--lang", "ja"]);
    assert!(
        japanese.starts_with(&format!(
            "{path}:7: 警告: リスト `primary/whitelistto` の 5000 件のエントリが貼り付けた形をしています \
             (アドレスの前に `mailto:`)。最初のエントリは `mailto:user0@example.com` です。\
             いずれもアプライアンスが保持するとおりに残しました。意図したエントリか確認してください\n"
        )),
        "{japanese}"
    );
}

/// Two lists whose entries say the same, from the same first entry, are two warnings, each
/// naming its list: not one warning "2 times" that names the first list's line only.
#[test]
fn two_lists_saying_the_same_are_two_warnings_naming_their_lists() {
    let pasted: Vec<String> = ["mailto:a@example.com", "mailto:b@example.com"]
        .map(String::from)
        .to_vec();
    let dir = tempfile::tempdir().unwrap();
    let (path, code, _, err) = show_log(dir.path(), &listing_log(&pasted, &pasted), &[]);
    assert_eq!(code, 0, "{err}");
    let said = |line: u32, list: &str| {
        format!(
            "{path}:{line}: warning: 2 entries of list `primary/{list}` have the shape of a \
             paste (a `mailto:` before the address), the first `mailto:a@example.com`: each \
             was kept as the appliance holds it; check them\n"
        )
    };
    assert_eq!(
        err,
        [said(7, "whitelistto"), said(11, "blacklist")].concat()
    );
}

#[test]
fn look_alikes_in_many_entries_are_said_once_per_list_with_the_exact_count() {
    // Full-width `＠` in 5,000 entries, a zero-width space in one and a no-break space in one
    // with `mailto:`; the blacklist's one look-alike is said of that entry alone.
    let mut listed: Vec<String> = (0..5000)
        .map(|i| format!("user{i}\u{ff20}example.com"))
        .collect();
    listed.insert(3, "\u{200b}desk@example.com".into());
    listed.push("mailto:\u{a0}ops@example.com".into());
    let blacklist = vec![
        "@spam.example".to_string(),
        "\u{ff20}junk.example".to_string(),
    ];
    let dir = tempfile::tempdir().unwrap();
    let (path, code, out, err) = show_log(dir.path(), &listing_log(&listed, &blacklist), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        format!(
            "{path}:7: warning: 5002 entries of list `primary/whitelistto` hold look-alike \
             characters (a full-width `＠`, a zero-width or no-break space), the first read as \
             `user0@example.com`: each was read as ASCII; check them\n\
             {path}:5008: warning: this list entry has the shape of a paste (a `mailto:` before \
             the address): `mailto: ops@example.com` was kept as the appliance holds it; check \
             that it is the one meant\n\
             {path}:5012: warning: look-alike characters (a full-width `＠`, a zero-width or \
             no-break space) in this list entry were read as ASCII: `@junk.example`; check that \
             it is the one meant\n"
        )
    );
    assert!(out.contains("\"user4999@example.com\""), "{out}");
    assert!(out.contains("\"@junk.example\""), "{out}");
}

#[test]
fn one_pasted_entry_is_said_of_that_entry() {
    let listed = vec!["• help@example.com".to_string()];
    let dir = tempfile::tempdir().unwrap();
    let (path, code, _, err) = show_log(dir.path(), &listing_log(&listed, &[]), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        format!(
            "{path}:7: warning: this list entry has the shape of a paste (a bullet before it): \
             `• help@example.com` was kept as the appliance holds it; check that it is the one \
             meant\n"
        )
    );
    // Added one by one, the entries of one list are counted as a listing's are, at the first
    // command: a log of many pasted adds (or a restore script read back) is not a line each.
    let add = |n: u32| {
        format!("rg01.example.co.jp> uce addexception primary whitelistto \"mailto:{n}@example.com\"\nOK Completed\n")
    };
    let log: String = (0..3000).map(add).collect::<String>()
        + "rg01.example.co.jp> uce addexception primary blacklist \"mailto:x@example.com\"\nOK Completed\n";
    let (path, code, _, err) = show_log(dir.path(), &log, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        format!(
            "{path}:1: warning: 3000 entries of list `primary/whitelistto` have the shape of a \
             paste (a `mailto:` before the address), the first `mailto:0@example.com`: each was kept as the \
             appliance holds it; check them\n\
             {path}:6001: warning: this list entry has the shape of a paste (a `mailto:` before \
             the address): `mailto:x@example.com` was kept as the appliance holds it; check \
             that it is the one meant\n"
        )
    );
}

/// White space around a quoted entry (a paste's, or the appliance's own) is removed, and said:
/// `"  @example.com"` read as `@example.com` matches a whole domain, where the appliance's
/// entry with its space matched nothing. Unicode spaces (U+3000, U+00A0, U+0085) are white
/// space too.
#[test]
fn white_space_around_an_entry_is_removed_and_said() {
    let listed = vec![
        "  @z.example".to_string(),
        "\u{3000}@y.example".to_string(),
        "a@b.example\u{a0}".to_string(),
    ];
    let dir = tempfile::tempdir().unwrap();
    let (path, code, out, err) = show_log(dir.path(), &listing_log(&listed, &[]), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"@z.example\""), "{out}");
    assert_eq!(
        err,
        format!(
            "{path}:7: warning: 3 entries of list `primary/whitelistto` had white space around \
             them, removed, the first read as `@z.example`; the appliance may hold them with the space, which \
             matches nothing, and an entry such as `@example.com` alone matches a whole \
             domain: check them\n"
        )
    );
    let (_, _, _, err) = show_log(dir.path(), &listing_log(&listed[..1], &[]), &[]);
    assert!(
        err.contains(
            ":7: warning: white space around this list entry was removed: it was read \
                      as `@z.example`"
        ),
        "{err}"
    );
}

/// A listing not applied (its command wrapped, so which list it is is not known) keeps none of
/// its entries: they are not said to have been kept.
#[test]
fn the_entries_of_a_listing_not_applied_are_not_said() {
    let log = "rg01> version\nMOS4.1.9-GA\nOK Completed\n\
               rg01> uce listexception primary whiteli\nstto\n\
               \"mailto:a@b.example\"\n\"mailto:c@b.example\"\nOK Completed\n";
    let dir = tempfile::tempdir().unwrap();
    let (_, code, _, err) = show_log(dir.path(), log, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("not applied"), "{err}");
    assert!(!err.contains("shape of a paste"), "{err}");
}

#[test]
fn a_tab_in_a_capture_value_is_shown_escaped_in_a_warning() {
    let listed = vec!["desk@example.com\tops@example.com".to_string()];
    let dir = tempfile::tempdir().unwrap();
    let (path, code, out, err) = show_log(dir.path(), &listing_log(&listed, &[]), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains('\t'), "{err:?}");
    assert_eq!(
        err,
        format!(
            "{path}:7: warning: this list entry has the shape of a paste (a space inside it): \
             `desk@example.com\\tops@example.com` was kept as the appliance holds it; check \
             that it is the one meant\n"
        )
    );
    // The model keeps the entry as it is, and standard output shows it so.
    assert!(
        out.contains("\"desk@example.com\tops@example.com\""),
        "{out}"
    );
}

/// A value of 20,000 characters in a warning is quoted by its start, cut between characters,
/// with how much of how long it is: the warning stays a line a person reads. A short value is
/// still quoted whole, two long values that start alike are still two warnings, and the model
/// and the restore script keep every value whole.
#[test]
fn a_huge_value_is_quoted_by_its_start_and_a_short_one_whole() {
    // A zero-width space pasted into an entry of 20,000 characters, a `mailto:` before another
    // as long, and a full-width `＠` in a short one; the blacklist's long entry starts as the
    // whitelist's and is as long.
    let huge = format!(
        "{}\u{200b}{}@x.example",
        "a".repeat(10_000),
        "b".repeat(9_990)
    );
    let folded = huge.replace('\u{200b}', "");
    let pasted = format!("mailto:{}@x.example", "c".repeat(19_983));
    let alike = format!("mailto:{}@y.example", "c".repeat(19_983));
    let listed = [huge, pasted.clone()];
    let blacklist = ["junk\u{ff20}spam.example".to_string(), alike.clone()];
    let log = listing_log(&listed, &blacklist);
    let dir = tempfile::tempdir().unwrap();
    let (path, code, out, err) = show_log(dir.path(), &log, &[]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    for line in &lines {
        assert!(
            line.chars().count() <= 400,
            "{} characters: {line}",
            line.len()
        );
    }
    let start = |value: &str| {
        let length = value.chars().count();
        format!("`{}… (the first 80 of {length} characters)`", &value[..80])
    };
    assert!(
        lines[0].starts_with(&format!("{path}:7: warning: look-alike characters"))
            && lines[0].contains(&format!("read as ASCII: {}; check", start(&folded))),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(&format!("{path}:8: warning: this list entry has the shape"))
            && lines[1].contains(&format!("): {} was kept", start(&pasted))),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(&format!("{path}:11: warning: look-alike characters"))
            && lines[2].contains("read as ASCII: `junk@spam.example`; check"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with(&format!(
            "{path}:12: warning: this list entry has the shape"
        )) && lines[3].contains(&start(&alike)),
        "{}",
        lines[3]
    );
    // In Japanese, the same bound, in its words.
    let (_, _, _, japanese) = show_log(dir.path(), &log, &["--lang", "ja"]);
    let length = folded.chars().count();
    let cut = format!(
        "`{}… (全 {length} 文字のうち先頭の 80 文字)`",
        &folded[..80]
    );
    assert!(japanese.contains(&cut), "{japanese}");
    assert!(
        japanese.lines().all(|l| l.chars().count() <= 400),
        "{japanese}"
    );
    // The model and the restore script keep every value whole.
    for value in [&folded, &pasted, &alike] {
        assert!(
            out.contains(&format!("\"{value}\"")),
            "the model cut a value"
        );
    }
    let script = dir.path().join("restore.sh");
    let file = dir.path().join("rg01.log").display().to_string();
    let to = script.display().to_string();
    let (code, _, err) = run(&["restore", "--to", "4.2.3", "--all", "-o", &to, &file]);
    assert!(code <= 1, "{err}");
    assert!(err.lines().all(|l| l.chars().count() <= 400), "{err}");
    let written = std::fs::read_to_string(&script).unwrap();
    for value in [&folded, &pasted, &alike] {
        assert!(written.contains(value.as_str()), "the script cut a value");
    }
}

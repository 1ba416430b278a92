//! The conventions reviewers' tools share: `-` is standard input, `-o FILE` on every
//! subcommand that writes data (atomically, naming only the user's path), conflicting flags
//! are errors, git's external-diff call, completions and a man page.

use crate::common;

use std::path::Path;

use common::root;

const BEFORE: &str = "samples/mos/rg01-4.1.9-before.log";
const AFTER: &str = "samples/mos/rg01-4.2.3-after.log";

/// Runs the binary from the crate root with `stdin`; exit code, stdout, stderr.
fn run_with(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(root())
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

use common::run_full as run;

fn sample(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

#[test]
fn a_dash_reads_standard_input_everywhere_a_path_is_taken() {
    let log = sample(BEFORE);
    let (code, from_stdin, err) = run_with(&["show", "-v", "-"], &log);
    assert_eq!(code, 0, "{err}");
    assert_eq!(from_stdin, run(&["show", BEFORE]).1);
    assert!(
        err.contains("<stdin>:"),
        "messages name standard input: {err}"
    );
    let (code, out, _) = run_with(&["gaps", "-"], &log);
    assert_eq!(code, 1);
    assert!(out.contains("MOS-4.2.3-KI-6"), "{out}");
    let (code, out, _) = run_with(&["diff", "-", AFTER], &log);
    assert_eq!(code, 1);
    assert!(
        out.contains("settings/system/smtp.fastpath: off -> on"),
        "{out}"
    );
    let (code, out, _) = run_with(&["textconv", "-"], &log);
    assert_eq!(code, 0);
    assert!(out.contains("smtp.fastpath"), "{out}");
    let (code, out, _) = run_with(
        &["verify-update", "-"],
        &sample("samples/spamtitan/update-7.08-to-7.09-broken.log"),
    );
    assert_eq!(code, 1);
    assert!(out.contains("<stdin>: update 7.08 -> 7.09"), "{out}");
    // Standard input is read once: naming it for both sides is an error, not an empty side.
    let (code, _, err) = run_with(&["diff", "-", "-"], &log);
    assert_eq!(code, 2);
    assert!(err.contains("standard input"), "{err}");
    // An empty standard input is no capture, never an empty model.
    let (code, _, err) = run(&["show", "-"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn every_subcommand_that_writes_data_takes_dash_o() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).display().to_string();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["show".into(), BEFORE.into()], "smtp.fastpath"),
        (vec!["gaps".into(), BEFORE.into()], "MOS-4.2.3-KI-6"),
        (
            vec!["plan".into(), "--to".into(), "4.2.3".into(), BEFORE.into()],
            "carryover-package",
        ),
        (
            vec!["diff".into(), BEFORE.into(), AFTER.into()],
            "smtp.fastpath",
        ),
        (
            vec!["capture".into(), "--vendor".into(), "mirapoint-mos".into()],
            "uce listexception",
        ),
        (vec!["textconv".into(), BEFORE.into()], "smtp.fastpath"),
        (
            vec![
                "verify-update".into(),
                "samples/spamtitan/update-7.08-to-7.09.log".into(),
            ],
            "ok: every service came back",
        ),
        (
            vec![
                "restore".into(),
                "--to".into(),
                "4.2.3".into(),
                BEFORE.into(),
            ],
            "uce addexception",
        ),
        (vec!["completions".into(), "bash".into()], "carryover"),
        (vec!["man".into()], ".TH carryover"),
    ];
    for (i, (args, expected)) in cases.iter().enumerate() {
        let file = out(&format!("out-{i}"));
        let mut with_o: Vec<&str> = args.iter().map(String::as_str).collect();
        with_o.extend(["-o", &file]);
        let (code, stdout, err) = run(&with_o);
        assert_ne!(code, 2, "{with_o:?}: {err}");
        assert!(stdout.is_empty(), "{with_o:?} wrote to stdout: {stdout}");
        let written = std::fs::read_to_string(&file).unwrap();
        assert!(written.contains(expected), "{with_o:?}: {written}");
        // `-o -` is standard output, and no file named `-` appears.
        let mut to_stdout: Vec<&str> = args.iter().map(String::as_str).collect();
        to_stdout.extend(["-o", "-"]);
        let (_, stdout, _) = run(&to_stdout);
        assert_eq!(stdout, written, "{to_stdout:?}");
        assert!(!root().join("-").exists(), "{to_stdout:?} made a file `-`");
    }
}

#[test]
fn a_failed_write_names_the_users_path_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no-such-folder/out.ron");
    let (code, _, err) = run(&["show", BEFORE, "-o", target.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-folder/out.ron"), "{err}");
    assert!(
        !err.contains(".carryover-"),
        "a temporary name leaked: {err}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
        let target = locked.join("out.ron");
        let (code, _, err) = run(&["show", BEFORE, "-o", target.to_str().unwrap()]);
        // Root may write anyway; when it cannot, the message names the user's path only.
        if code == 2 {
            assert!(err.contains("locked/out.ron"), "{err}");
            assert!(
                !err.contains(".carryover-"),
                "a temporary name leaked: {err}"
            );
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}

#[test]
fn writing_over_a_capture_read_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg01.log");
    std::fs::copy(root().join(BEFORE), &log).unwrap();
    let original = std::fs::read(&log).unwrap();
    for sub in [&["show"][..], &["gaps"], &["textconv"]] {
        let mut args = sub.to_vec();
        args.extend([log.to_str().unwrap(), "-o", log.to_str().unwrap()]);
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("one of the captures read"), "{err}");
    }
    assert_eq!(std::fs::read(&log).unwrap(), original);
    // Nor may the plan file `restore` writes beside its script (`NAME.plan`) replace one.
    let plan = dir.path().join("out.txt.plan");
    std::fs::copy(&log, &plan).unwrap();
    let script = dir.path().join("out.txt");
    let args = ["restore", "--to", "4.2.3", "-o", script.to_str().unwrap()];
    let (code, _, err) = run(&[&args[..], &[plan.to_str().unwrap()]].concat());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("one of the captures read"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), original);
    assert!(!script.exists());
    // Nor may `restore` write anything into a folder named as an input: the next read of the
    // folder would take its script for part of the capture (it reads as an export), or fail on
    // its plan file.
    let folder = dir.path().join("captures");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(&log, folder.join("rg01.log")).unwrap();
    let outside = dir.path().join("elsewhere.txt");
    for extra in [
        &["-o", "new.txt"][..],
        &["-o", "../elsewhere.txt", "--runbook", "rb.md"],
    ] {
        let mut args = vec!["restore", "--to", "4.2.3"];
        let named: Vec<String> = extra
            .iter()
            .map(|a| match a.starts_with('-') {
                true => a.to_string(),
                false => folder.join(a).display().to_string(),
            })
            .collect();
        args.extend(named.iter().map(String::as_str));
        args.push(folder.to_str().unwrap());
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("one of the captures read"), "{err}");
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "{args:?}");
        assert!(!outside.exists(), "{args:?}");
    }
}

#[test]
fn conflicting_flags_are_errors_not_silent_overrides() {
    let (code, _, err) = run(&["diff", "--stat", "--format", "unified", BEFORE, AFTER]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--stat and --format unified conflict"),
        "{err}"
    );
    let (code, _, _) = run(&["show", "--unrecognized", "--show-secrets", BEFORE]);
    assert_eq!(code, 2);
    let (code, _, err) = run(&[
        "capture",
        "--vendor",
        "spamtitan",
        "samples/mos/ms01-delegated-domains.log",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--vendor spamtitan"), "{err}");
}

#[test]
fn diff_stat_follows_the_format() {
    let (code, out, _) = run(&["diff", "--stat", "--format", "json", BEFORE, AFTER]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let lists = json["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["area"] == "lists")
        .unwrap();
    assert_eq!(lists["removed"], 3);
    let (_, out, _) = run(&["diff", "--stat", "--format", "markdown", BEFORE, AFTER]);
    assert!(out.contains("| lists | 0 | 3 | 0 |"), "{out}");
}

/// A git repository with one capture committed, then changed in the work tree.
fn repository_with_a_change(dir: &Path) {
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    std::fs::create_dir_all(dir.join("rg01")).unwrap();
    std::fs::copy(root().join(BEFORE), dir.join("rg01/rg01.log")).unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "before"]);
    std::fs::copy(root().join(AFTER), dir.join("rg01/rg01.log")).unwrap();
}

/// `git diff` in `dir` with carryover as its external diff: stdout and stderr; git succeeded.
fn git_diff_through_carryover(dir: &Path) -> (String, String) {
    let binary = assert_cmd::cargo::cargo_bin("carryover");
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .env("GIT_EXTERNAL_DIFF", format!("'{}' diff", binary.display()))
        .args(["diff"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stdout}{stderr}");
    (stdout, stderr)
}

#[test]
fn git_external_diff_prints_a_header_and_names_the_files_path() {
    let dir = tempfile::tempdir().unwrap();
    repository_with_a_change(dir.path());
    let (stdout, stderr) = git_diff_through_carryover(dir.path());
    assert!(
        stdout.starts_with("diff --carryover a/rg01/rg01.log b/rg01/rg01.log\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "settings/system/smtp.fastpath: off -> on  rg01/rg01.log:19 -> rg01/rg01.log:16"
        ),
        "{stdout}"
    );
    for text in [&stdout, &stderr] {
        assert!(
            !text.contains("git-blob") && !text.contains("/tmp"),
            "a temporary file is named: {text}"
        );
    }
}

#[test]
fn completions_and_man_page_are_generated_from_the_flags() {
    let (code, bash, _) = run(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(bash.contains("verify-update") && bash.contains("--show-secrets"));
    // The script is read back: bash parses it.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("carryover.bash");
    std::fs::write(&file, &bash).unwrap();
    let parsed = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
        .unwrap();
    assert!(parsed.success(), "bash cannot parse the completion script");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let (code, text, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(text.contains("restore"), "{shell}");
    }
    let (code, page, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH carryover 1"), "{page}");
    assert!(page.contains(".SH \"EXIT STATUS\""), "{page}");
    let (code, page, _) = run(&["man", "restore"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH carryover-restore 1"), "{page}");
    assert!(page.contains("\\-\\-exit\\-code"), "{page}");
    assert!(page.contains("only with \\-\\-exit\\-code"), "{page}");
    let (code, _, err) = run(&["man", "nonesuch"]);
    assert_eq!(code, 2);
    assert!(err.contains("no subcommand"), "{err}");
}

#[test]
fn a_hostile_file_name_from_git_stays_one_header_line() {
    let name = "rg01\n\u{1b}[2Jevil.log";
    let (code, out, _) = run(&[
        "diff", name, BEFORE, "0000000", "100644", AFTER, "1111111", "100644",
    ]);
    assert_eq!(code, 0, "git's external diff exits 0");
    let header = out.lines().next().unwrap();
    assert!(header.starts_with("diff --carryover a/rg01"), "{header}");
    assert!(header.ends_with("evil.log"), "{header}");
    assert!(!out.contains('\u{1b}'), "an escape reached the terminal");
    // Evidence names the file as git names it, on one line.
    let fastpath = out.lines().find(|l| l.contains("smtp.fastpath")).unwrap();
    assert!(
        fastpath.contains(r"rg01\n\u{1b}[2Jevil.log:19"),
        "{fastpath}"
    );
}

/// A CI runner reads `::error::` at the start of any line of either stream: no file name from
/// a capture folder may start a line of its own, in any subcommand's output or messages.
#[cfg(unix)]
#[test]
fn no_file_name_starts_a_line_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("captures");
    std::fs::create_dir_all(&folder).unwrap();
    let hostile = "rg01\n::error::pwned\r\u{2028}.log";
    std::fs::copy(root().join(BEFORE), folder.join(hostile)).unwrap();
    std::fs::write(
        folder.join("broken\n::error::cut.log"),
        "rg09> branding get quotamsg\n{4096}\nshort\n",
    )
    .unwrap();
    let repo = dir.path().join("repo");
    let folder_arg = folder.to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["show", folder_arg],
        vec!["show", "--unrecognized", folder_arg],
        vec!["gaps", folder_arg],
        vec!["gaps", "--format", "github", folder_arg],
        vec!["plan", "--to", "4.2.3", "--format", "github", folder_arg],
        vec!["track", folder_arg, "--into", repo.to_str().unwrap()],
        vec!["verify-update", folder_arg],
    ];
    for args in runs {
        let (_, out, err) = run(&args);
        for line in out.lines().chain(err.lines()) {
            assert!(
                !line.starts_with("::error::pwned") && !line.starts_with("::error::cut"),
                "{args:?}: a file name started a line: {line:?}"
            );
        }
    }
}

#[test]
fn git_goes_on_past_a_file_that_is_no_capture() {
    let dir = tempfile::tempdir().unwrap();
    repository_with_a_change(dir.path());
    std::fs::write(dir.path().join("notes.md"), "one\n").unwrap();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .status()
            .unwrap()
    };
    assert!(git(&["add", "notes.md"]).success());
    assert!(git(&["commit", "-qm", "notes"]).success());
    std::fs::write(dir.path().join("notes.md"), "two\n").unwrap();
    let (stdout, stderr) = git_diff_through_carryover(dir.path());
    // Both files are shown: the note as a line diff, the capture by setting.
    assert!(
        stdout.contains("diff --carryover a/notes.md b/notes.md\n"),
        "{stdout}"
    );
    assert!(stdout.contains("-one\n+two\n"), "{stdout}");
    assert!(stdout.contains("smtp.fastpath: off -> on"), "{stdout}");
    assert!(stderr.contains("shown as a plain diff"), "{stderr}");
    // textconv on a file that is no capture shows it as it is, a password in it masked.
    let note = dir.path().join("notes.txt");
    std::fs::write(
        &note,
        "Change window: Friday.
ldap_password hunter2
",
    )
    .unwrap();
    let (code, out, err) = run(&["textconv", note.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "Change window: Friday.
"
        ),
        "{out}"
    );
    assert!(!out.contains("hunter2"), "{out}");
    assert!(err.contains("shown as it is"), "{err}");
    // A capture that is clearly one and broken is still an error, shown nowhere as text.
    let broken = dir.path().join("broken.cfg");
    std::fs::write(
        &broken,
        "# Mirapoint configuration export\n# host: rg05.example.com\nsmtp set fastpath on\nsmtp set ldap_passwd \"unclosed\n",
    )
    .unwrap();
    assert_eq!(run(&["textconv", broken.to_str().unwrap()]).0, 2);
    // A README that quotes commands in code blocks is no capture either: its few commands
    // explain too little of it for a clear claim.
    let (code, out, err) = run(&["textconv", "README.md"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("# carryover"), "{out}");
    assert!(err.contains("shown as it is"), "{err}");
}

#[test]
fn restore_takes_only_a_target_and_a_post_capture_of_its_own_appliance() {
    let (code, _, err) = run(&["restore", "--to", "7.09", BEFORE]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a Mirapoint MOS version"), "{err}");
    let (code, _, err) = run(&["restore", "--to", "4.2.3", "samples/spamtitan/7.08"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&[
        "restore",
        "--to",
        "4.2.3",
        "--against",
        "samples/mos/ms01-delegated-domains.log",
        BEFORE,
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--against: captures of appliance rg01.example.co.jp and of appliance ms01"),
        "{err}"
    );
    // A target no release note reaches checks nothing: an error, not "nothing found".
    let (code, _, err) = run(&["plan", "--to", "4.2.2", BEFORE]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no release note carryover knows lies between"),
        "{err}"
    );
    // plan is for an upgrade not yet made.
    let (code, _, err) = run(&["plan", "--to", "4.2.3", AFTER]);
    assert_eq!(code, 2);
    assert!(err.contains("already run"), "{err}");
    // gaps checks what still holds after it.
    assert_ne!(run(&["gaps", "--to", "4.2.3", AFTER]).0, 2);
}

#[test]
fn restore_outputs_never_collide_nor_land_in_a_capture() {
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("same.txt");
    let same = same.to_str().unwrap();
    let (code, _, err) = run(&[
        "restore",
        "--to",
        "4.2.3",
        BEFORE,
        "-o",
        same,
        "--runbook",
        same,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("name the same file"), "{err}");
    let (code, _, err) = run(&["restore", "--to", "4.2.3", BEFORE, "--runbook", "-"]);
    assert_eq!(code, 2, "{err}");
    assert!(!root().join("-").exists());
    let st01 = dir.path().join("st01");
    common::copy_dir(&root().join("samples/spamtitan/7.08/st01"), &st01);
    let before = std::fs::read(st01.join("domains.csv")).unwrap();
    let (code, _, err) = run(&[
        "restore",
        "--to",
        "7.09",
        st01.to_str().unwrap(),
        "--import-files",
        st01.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("inside a capture folder read"), "{err}");
    assert_eq!(std::fs::read(st01.join("domains.csv")).unwrap(), before);
}

#[test]
fn output_encodings_are_honest() {
    let (code, _, err) = run(&[
        "restore",
        "--to",
        "4.2.3",
        "--output-encoding",
        "utf-16le",
        "samples/mos/ms02-sjis-crlf.log",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("ASCII-compatible"), "{err}");
    let (code, _, err) = run(&[
        "restore",
        "--to",
        "4.2.3",
        "--output-encoding",
        "latin1",
        "samples/mos/ms02-sjis-crlf.log",
    ]);
    assert_eq!(code, 0);
    assert!(err.contains("cannot be written in windows-1252"), "{err}");
}

#[test]
fn flags_that_cannot_work_together_are_refused() {
    let (code, _, err) = run(&[
        "diff", "--format", "json", "--color", "always", BEFORE, AFTER,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("conflict"), "{err}");
    let (code, _, err) = run(&["track", "-", "--into", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("standard input is not one"), "{err}");
    let (code, _, err) = run(&["verify-update", BEFORE]);
    assert_eq!(code, 2);
    assert!(err.contains("not an update log"), "{err}");
}

/// `-o` on a device (here a link to /dev/null) writes to it and never replaces it.
#[cfg(unix)]
#[test]
fn an_output_that_is_a_device_is_written_to_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    // `/dev/null` may be a plain file on a fresh machine: take the first character device
    // there is, and say so when there is none.
    let device = ["/dev/null", "/dev/zero", "/dev/full"]
        .into_iter()
        .find(|d| std::fs::metadata(d).is_ok_and(|m| m.file_type().is_char_device()));
    let Some(device) = device else {
        eprintln!("skipped: no character device on this machine (the FIFO test covers pipes)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sink");
    std::os::unix::fs::symlink(device, &out).unwrap();
    let out_arg = out.to_str().unwrap();
    for args in [
        vec!["show", BEFORE, "-o", out_arg],
        vec!["restore", "--to", "4.2.3", BEFORE, "-o", out_arg],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let meta = std::fs::symlink_metadata(&out).unwrap();
        assert!(meta.file_type().is_symlink(), "{args:?} replaced the link");
    }
}

#[test]
fn an_output_that_is_a_fifo_is_written_to_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read_to_string(reader_path).unwrap());
    let (code, _, err) = run(&["show", BEFORE, "-o", fifo.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");
    // Had nothing been written, the reader would wait for a writer for ever: be one, briefly.
    {
        use std::os::unix::fs::OpenOptionsExt;
        let _ = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo);
    }
    let read = reader.join().unwrap();
    assert!(read.contains("smtp.fastpath"), "{read}");
}

#[test]
fn the_runbooks_command_quotes_paths_with_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("my captures");
    std::fs::create_dir_all(&folder).unwrap();
    let log = folder.join("rg01 before.log");
    std::fs::copy(root().join(BEFORE), &log).unwrap();
    let runbook = dir.path().join("runbook.md");
    let (code, _, err) = run(&[
        "restore",
        "--to",
        "4.2.3",
        log.to_str().unwrap(),
        "--runbook",
        runbook.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&runbook).unwrap();
    assert!(
        text.contains(&format!("carryover restore '{}' --to 4.2.3", log.display())),
        "{text}"
    );
}

#[test]
fn a_forced_kind_the_evidence_contradicts_is_said() {
    let (_, _, err) = run(&["show", "--kind", "protocol", BEFORE]);
    assert!(
        err.contains(
            "read with --kind protocol, but it clearly looks like a Mirapoint MOS CLI log"
        ),
        "{err}"
    );
    // Forcing the kind it has says nothing.
    let (_, _, err) = run(&["show", "--kind", "cli", BEFORE]);
    assert!(!err.contains("check --kind"), "{err}");
}

#[test]
fn bidirectional_controls_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("caps");
    std::fs::create_dir_all(&folder).unwrap();
    let name = "rg01\u{202e}gol.txt";
    let mut text = std::fs::read_to_string(root().join(BEFORE)).unwrap();
    text.push_str("rg01> smtp get x\u{2066}y\nNO Permission denied\n");
    std::fs::write(folder.join(name), text).unwrap();
    for args in [
        vec!["show", "--unrecognized", folder.to_str().unwrap()],
        vec!["gaps", "--format", "github", folder.to_str().unwrap()],
    ] {
        let (_, out, err) = run(&args);
        for c in ['\u{202e}', '\u{2066}'] {
            assert!(!out.contains(c) && !err.contains(c), "{args:?}: {out}{err}");
        }
        assert!(
            err.contains(r"\u{202e}") || out.contains(r"\u{202e}"),
            "{args:?}: {out}{err}"
        );
    }
}

#[test]
fn a_write_into_a_missing_folder_says_what_the_system_says() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no such folder").join("restore.sh");
    let (code, _, err) = run(&[
        "restore",
        "--to",
        "4.2.3",
        BEFORE,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("restore.sh: ") && err.contains("(os error 2)"),
        "{err}"
    );
    assert!(!err.contains("entity not found"), "{err}");
    assert!(
        !err.contains(".carryover-"),
        "the temporary file is named: {err}"
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_with_control_characters_cannot_drive_the_terminal_through_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("bad\nname\u{1b}[31m.log");
    std::fs::write(&name, sample("samples/mos/rg01-4.2.3-after.log")).unwrap();
    for format in ["ron", "json"] {
        let (code, out, _) = run(&[
            "show",
            "--provenance",
            "--format",
            format,
            name.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{out}");
        assert!(!out.contains('\u{1b}'), "{format}: a raw escape:\n{out}");
        assert!(
            !out.contains("bad\nname"),
            "{format}: a raw line break in a name:\n{out}"
        );
    }
}

/// A terminal named as the output (`-o /dev/tty`, `-o /dev/stdout` on one) is shown text as
/// standard output shows it on one: a C1 control or an escape from a capture cannot drive it.
/// The terminal here is a pseudo-terminal of the test's own.
#[cfg(target_os = "linux")]
#[test]
fn a_terminal_named_as_the_output_cannot_be_driven_by_a_capture() {
    use std::io::Read;
    use std::os::fd::FromRawFd;
    // SAFETY: each call's result is checked before it is used; the name is copied at once.
    let opened = unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
        let named = master >= 0 && libc::grantpt(master) == 0 && libc::unlockpt(master) == 0;
        let name = if named {
            libc::ptsname(master)
        } else {
            std::ptr::null_mut()
        };
        (!name.is_null()).then(|| {
            let name = std::ffi::CStr::from_ptr(name).to_str().unwrap().to_string();
            (std::fs::File::from_raw_fd(master), name)
        })
    };
    let Some((master, terminal)) = opened else {
        eprintln!("skipped: no pseudo-terminal here");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("rg01.log");
    std::fs::write(
        &log,
        "rg01> uce listexception primary whitelistto\n\"a\u{9b}31mb@x.example\"\nOK Completed\n",
    )
    .unwrap();
    let reader = std::thread::spawn(move || {
        let mut shown = Vec::new();
        let mut master = master;
        let mut chunk = [0u8; 4096];
        // Read until the terminal's last writer is gone (EIO).
        while let Ok(n) = master.read(&mut chunk) {
            if n == 0 {
                break;
            }
            shown.extend_from_slice(&chunk[..n]);
        }
        shown
    });
    let (code, _, err) = run(&["show", log.to_str().unwrap(), "-o", &terminal]);
    assert_eq!(code, 0, "{err}");
    // Once the run has closed the terminal, the reader sees EIO and ends.
    let shown = String::from_utf8_lossy(&reader.join().unwrap()).into_owned();
    assert!(shown.contains("whitelistto"), "{shown:?}");
    assert!(!shown.contains('\u{9b}'), "{shown:?}");
    assert!(shown.contains("\\u{9b}"), "{shown:?}");
}

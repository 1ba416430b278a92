//! The hooks of `.pre-commit-hooks.yaml`, run as pre-commit runs them: in a real git repository
//! of captures, on the staged files (`git diff --staged --name-only -z`, filtered by the hook's
//! `files`), as `shlex.split(entry) + args + files`, with the installed binary on PATH.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use crate::common;
use common::{copy_dir, git, root};

#[derive(Debug, Deserialize)]
struct Hook {
    id: String,
    name: String,
    entry: String,
    language: String,
    files: String,
    #[serde(default)]
    require_serial: bool,
    #[serde(default)]
    args: Vec<String>,
}

fn hooks() -> Vec<Hook> {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    serde_yaml_ng::from_str(&text).expect("the hook manifest is a YAML list of hooks")
}

fn hook(id: &str) -> Hook {
    hooks()
        .into_iter()
        .find(|h| h.id == id)
        .unwrap_or_else(|| panic!("no hook {id}"))
}

/// The staged files pre-commit would hand a hook: added, copied, modified, renamed, ... but not
/// deleted, and only those its `files` pattern finds.
fn staged(repo: &Path, hook: &Hook) -> Vec<String> {
    let files = regex::Regex::new(&hook.files).unwrap();
    git(
        repo,
        &[
            "diff",
            "--staged",
            "--name-only",
            "--no-ext-diff",
            "-z",
            "--diff-filter=ACMRTUXB",
        ],
    )
    .split('\0')
    .filter(|f| !f.is_empty() && files.is_match(f))
    .map(str::to_owned)
    .collect()
}

/// Runs a hook as pre-commit does with `language: rust`: the entry split as a shell would,
/// then the args (the hook's own, or the user's in their place), then the files; in the
/// repository, with the directory of the installed `carryover` first on PATH.
fn run_hook(
    repo: &Path,
    hook: &Hook,
    args: Option<&[&str]>,
    files: &[String],
) -> (i32, String, String) {
    let mut argv = shlex::split(&hook.entry).expect("the entry splits as shell words");
    match args {
        Some(args) => argv.extend(args.iter().map(|a| a.to_string())),
        None => argv.extend(hook.args.iter().cloned()),
    }
    argv.extend(files.iter().cloned());
    let bin: PathBuf = assert_cmd::cargo::cargo_bin("carryover");
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let out = Command::new(&argv[0])
        .args(&argv[1..])
        .current_dir(repo)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// carryover itself, in the repository; exit code and stdout.
fn carryover(repo: &Path, args: &[&str]) -> (i32, String) {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(repo)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// A config repository with one MOS capture, one SpamTitan capture folder and a README,
/// committed.
fn config_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(repo.join("mos")).unwrap();
    std::fs::copy(
        root().join("samples/mos/rg01-4.1.9-before.log"),
        repo.join("mos/rg01.log"),
    )
    .unwrap();
    copy_dir(
        &root().join("samples/spamtitan/7.08/st01"),
        &repo.join("spamtitan/st01"),
    );
    std::fs::write(repo.join("README.md"), "captures of the mail gateways\n").unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "captures"]);
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Changes the MOS capture, two files of the SpamTitan folder and the README; stages them.
fn change_everything(repo: &Path) {
    edit(
        &repo.join("mos/rg01.log"),
        "\"@partners.example.com\"",
        "\"@partners.example.org\"",
    );
    edit(
        &repo.join("spamtitan/st01/by-hand.txt"),
        "relay.isp.example:587",
        "relay2.isp.example:587",
    );
    edit(&repo.join("spamtitan/st01/domains.csv"), "Sales", "Support");
    std::fs::write(repo.join("README.md"), "captures\n").unwrap();
    git(repo, &["add", "-A"]);
}

#[test]
fn the_manifest_declares_rust_hooks_that_run_once_per_capture() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        ["carryover-gaps", "carryover-plan", "carryover-readable"]
    );
    for h in &hooks {
        assert_eq!(
            h.language, "rust",
            "{}: cargo install gives the binary",
            h.id
        );
        assert!(
            h.require_serial,
            "{}: a folder must not be split across runs",
            h.id
        );
        assert!(h.name.starts_with("carryover "), "{}", h.id);
        let argv = shlex::split(&h.entry).unwrap();
        assert_eq!(argv[..2], ["bash", "-c"], "{}", h.id);
        assert_eq!(argv[3], "carryover-hook");
    }
    let files = regex::Regex::new(&hook("carryover-gaps").files).unwrap();
    for name in [
        "mos/rg01.log",
        "x/export.cfg",
        "st01/version.txt",
        "st01/api/a.json",
    ] {
        assert!(files.is_match(name), "{name}");
    }
    assert!(!files.is_match("README.md"));
}

#[test]
fn gaps_hook_runs_each_changed_capture_on_its_own() {
    let dir = config_repo();
    let repo = dir.path();
    change_everything(repo);
    let gaps = hook("carryover-gaps");
    let files = staged(repo, &gaps);
    assert_eq!(
        files,
        [
            "mos/rg01.log",
            "spamtitan/st01/by-hand.txt",
            "spamtitan/st01/domains.csv"
        ]
    );

    // Why per capture: all the changed files at once are two appliances, an error.
    let mut together = vec!["gaps"];
    together.extend(files.iter().map(String::as_str));
    assert_eq!(carryover(repo, &together).0, 2);

    let (code, out, err) = run_hook(repo, &gaps, None, &files);
    // Both captures have findings of error level (MOS-4.2.3-KI-6, ST-7.09-N-1).
    assert_eq!(code, 1, "{out}{err}");
    // One run for the log, one for the folder both SpamTitan files are in.
    let runs: Vec<&str> = out.lines().filter(|l| l.starts_with("--- ")).collect();
    assert_eq!(runs, ["--- mos/rg01.log", "--- spamtitan/st01"], "{out}");
    // Each run is the report carryover gives for that capture alone.
    for capture in ["mos/rg01.log", "spamtitan/st01"] {
        let (_, alone) = carryover(repo, &["gaps", capture]);
        assert!(alone.starts_with("gaps: "), "{alone}");
        assert!(out.contains(&alone), "{capture}: {alone}\nnot in\n{out}");
    }
    assert!(out.contains("gaps: st01 7.08 -> "), "{out}");
    assert!(out.contains("primary: @partners.example.org"), "{out}");
}

#[test]
fn plan_hook_takes_the_users_args_before_the_files() {
    let dir = config_repo();
    let repo = dir.path();
    edit(
        &repo.join("mos/rg01.log"),
        "\"@partners.example.com\"",
        "\"@partners.example.org\"",
    );
    git(repo, &["add", "-A"]);
    let plan = hook("carryover-plan");
    let files = staged(repo, &plan);
    assert_eq!(files, ["mos/rg01.log"]);

    // Without --to, plan cannot run: the hook reports carryover's error.
    let (code, _, err) = run_hook(repo, &plan, None, &files);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--to"), "{err}");

    // `--to VERSION` as two words, as a user writes `args: [--to, 4.2.3]`.
    let (code, out, err) = run_hook(repo, &plan, Some(&["--to", "4.2.3"]), &files);
    assert_ne!(code, 2, "{err}");
    let (_, alone) = carryover(repo, &["plan", "--to", "4.2.3", "mos/rg01.log"]);
    assert!(alone.starts_with("plan: rg01 4.1.9-GA -> 4.2.3"), "{alone}");
    assert_eq!(out, format!("--- mos/rg01.log\n{alone}"));

    // In a GitHub workflow: annotations on the changed capture's lines.
    let (code, out, err) = run_hook(
        repo,
        &plan,
        Some(&["--to=4.2.3", "--format=github"]),
        &files,
    );
    assert_ne!(code, 2, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("--- mos/rg01.log"));
    assert!(lines.all(|l| l.starts_with("::")), "{out}");
    assert!(
        out.contains("::error file=mos/rg01.log,line=22,title=MOS-4.2.3-KI-3::"),
        "{out}"
    );
}

#[test]
fn readable_hook_passes_captures_and_fails_on_one_carryover_cannot_read() {
    let dir = config_repo();
    let repo = dir.path();
    change_everything(repo);
    let readable = hook("carryover-readable");
    let files = staged(repo, &readable);
    let (code, out, err) = run_hook(repo, &readable, None, &files);
    assert_eq!(code, 0, "{err}");
    // The model is not printed: only the runs (and carryover's notes on standard error).
    assert_eq!(out, "--- mos/rg01.log\n--- spamtitan/st01\n");

    std::fs::write(repo.join("mos/notes.txt"), "call the vendor on monday\n").unwrap();
    git(repo, &["add", "-A"]);
    let files = staged(repo, &readable);
    assert!(files.contains(&"mos/notes.txt".to_string()));
    let (code, _, err) = run_hook(repo, &readable, None, &files);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("mos/notes.txt: no configuration item could be read"),
        "{err}"
    );
}

#[test]
fn a_file_named_like_an_option_is_still_a_file() {
    let dir = config_repo();
    let repo = dir.path();
    // A file whose name reads as a carryover option is a file, never an option.
    std::fs::copy(repo.join("mos/rg01.log"), repo.join("--format=json.log")).unwrap();
    git(repo, &["add", "-A"]);
    let gaps = hook("carryover-gaps");
    let files = staged(repo, &gaps);
    assert_eq!(files, ["--format=json.log"]);
    let (code, out, err) = run_hook(repo, &gaps, None, &files);
    assert_ne!(code, 2, "{err}");
    assert!(
        out.starts_with("--- --format=json.log\ngaps: rg01"),
        "{out}"
    );
}

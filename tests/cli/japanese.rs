//! Help, man pages and errors in the reader's language: `--lang ja`, or a `ja` locale, gives
//! Japanese descriptions, headings, examples, exit statuses and the system's error words;
//! `LC_ALL=C` gives English.

fn help(args: &[&str], env: &[(&str, &str)]) -> String {
    let (code, out, _) = run_in(args, env);
    assert_eq!(code, 0, "{args:?}");
    out
}

/// Exit status, standard output and standard error, with no locale but the one `env` gives.
fn run_in(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = assert_cmd::Command::cargo_bin("carryover").unwrap();
    command
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (name, value) in env {
        command.env(name, value);
    }
    let out = command.output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

#[test]
fn lang_ja_gives_japanese_help_with_the_commands_and_flags_as_they_are() {
    let text = help(&["--lang", "ja", "restore", "-h"], &[("LC_ALL", "C")]);
    assert!(
        text.starts_with("バージョンアップとエクスポートで失われるものを戻すスクリプトを書く\n")
    );
    assert!(text.contains("使い方: carryover restore [OPTIONS] --to <VERSION> <PATH>..."));
    assert!(text.contains("\nオプション:\n"), "{text}");
    assert!(text.contains("--to <VERSION>"), "{text}");
    assert!(text.contains("バージョンアップ先のバージョン"), "{text}");
    assert!(
        text.contains("\n例:\n  carryover restore --to 4.2.3 "),
        "{text}"
    );
    assert!(
        text.contains("\n終了ステータス:\n  0  スクリプトを書いた"),
        "{text}"
    );
    assert!(
        !text.contains("Options:") && !text.contains("Exit status"),
        "{text}"
    );
}

#[test]
fn a_japanese_locale_gives_japanese_help_and_c_gives_english() {
    let japanese = help(&["diff", "-h"], &[("LANG", "ja_JP.UTF-8")]);
    assert!(japanese.contains("使い方: carryover diff"), "{japanese}");
    let english = help(&["diff", "-h"], &[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")]);
    assert!(
        english.starts_with("Compare two captures by setting"),
        "{english}"
    );
    assert!(english.contains("\nUsage: carryover diff"), "{english}");
}

#[test]
fn the_top_level_help_lists_the_subcommands_in_japanese() {
    let text = help(&["--lang=ja", "--help"], &[]);
    assert!(text.contains("\nコマンド:\n"), "{text}");
    assert!(text.contains("ヘルプを出力する"), "{text}");
    let gaps = text
        .lines()
        .find(|l| l.trim_start().starts_with("gaps "))
        .unwrap();
    assert!(
        gaps.contains("既知のエクスポートとバージョンアップの不具合"),
        "{gaps}"
    );
}

#[test]
fn the_man_page_follows_the_language() {
    let page = help(&["--lang", "ja", "man", "diff"], &[]);
    assert!(
        page.contains("2 つのキャプチャを、行ではなく設定ごとに比べる"),
        "{page}"
    );
    let english = help(&["man", "diff"], &[("LC_ALL", "C")]);
    assert!(
        english.contains("Compare two captures by setting"),
        "{english}"
    );
}

#[test]
fn the_systems_error_is_in_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("rg01.log");
    let missing = missing.to_str().unwrap();
    let (code, _, err) = run_in(&["show", missing], &[("LANG", "ja_JP.UTF-8")]);
    assert_eq!(code, 2);
    assert!(
        err.contains("rg01.log: そのようなファイルやディレクトリはありません"),
        "{err}"
    );
    let (code, _, err) = run_in(&["show", missing], &[("LC_ALL", "C")]);
    assert_eq!(code, 2);
    assert!(err.contains("rg01.log: No such file or directory"), "{err}");
}

/// A report in Japanese as a snapshot, read like code: the rule ids, paths, values and commands
/// stay as they are.
fn japanese_snapshot(name: &str, args: &[&str]) -> i32 {
    let mut all = vec!["--lang", "ja"];
    all.extend_from_slice(args);
    crate::common::snap_run(name, &all).0
}

#[test]
fn gaps_in_japanese() {
    let code = japanese_snapshot(
        "gaps@rg01-ja",
        &[
            "gaps",
            "samples/mos/rg01-4.1.9-before.log",
            "samples/mos/rg01-4.1.9-export.cfg",
        ],
    );
    assert_eq!(code, 1);
}

#[test]
fn plan_in_japanese() {
    let code = japanese_snapshot(
        "plan@rg01-to-4.2.3-ja",
        &["plan", "--to", "4.2.3", "samples/mos/rg01-4.1.9-before.log"],
    );
    assert_eq!(code, 1);
}

#[test]
fn plan_of_spamtitan_in_japanese() {
    japanese_snapshot(
        "plan@st01-to-7.09-ja",
        &["plan", "--to", "7.09", "samples/spamtitan/7.08"],
    );
}

#[test]
fn an_error_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("cut.log");
    std::fs::write(&log, "rg01> smtp set fastpath \"on\n").unwrap();
    let (code, _, err) = run_in(&["--lang", "ja", "show", log.to_str().unwrap()], &[]);
    assert_eq!(code, 2);
    let err = err.replace(dir.path().to_str().unwrap(), "DIR");
    crate::common::snapshot_settings().bind(|| insta::assert_snapshot!("error@ja-cut-quote", err));
}

#[test]
fn a_remark_the_scripts_encoding_cannot_carry_in_japanese_is_written_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("restore.txt");
    let args = [
        "--lang",
        "ja",
        "restore",
        "--to",
        "4.2.3",
        "--output-encoding",
        "windows-1252",
        "-o",
        script.to_str().unwrap(),
        "samples/mos/rg01-4.1.9-before.log",
    ];
    let mut command = assert_cmd::Command::cargo_bin("carryover").unwrap();
    let out = command
        .current_dir(crate::common::root())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&script).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let remarks: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert!(!remarks.is_empty(), "{text}");
    for remark in remarks {
        assert!(
            !remark.contains("\\u{"),
            "a remark of escapes only: {remark}"
        );
    }
    assert!(
        text.starts_with("# carryover restore script for rg01"),
        "{text}"
    );
    // Shift_JIS carries Japanese: the same run's remarks stay Japanese.
    let sjis = dir.path().join("restore-sjis.txt");
    let mut args = args;
    args[6] = "shift_jis";
    args[8] = sjis.to_str().unwrap();
    let mut command = assert_cmd::Command::cargo_bin("carryover").unwrap();
    let out = command
        .current_dir(crate::common::root())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let bytes = std::fs::read(&sjis).unwrap();
    let (text, _, _) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(
        text.lines().any(|l| l.starts_with('#') && !l.is_ascii()),
        "{text}"
    );
}

#[test]
fn an_error_of_use_is_in_the_readers_language_with_its_tip_and_usage() {
    let args = ["--lang", "ja", "diff", "--formt", "json", "a", "b"];
    let (code, out, err) = run_in(&args, &[]);
    assert_eq!((code, out.as_str()), (2, ""));
    crate::common::snapshot_settings().bind(|| insta::assert_snapshot!("error@ja-usage", err));
    let (code, _, err) = run_in(&["diff", "--format", "xml", "a", "b"], &[("LANG", "C")]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "carryover: invalid value 'xml' for '--format <FORMAT>'\n  [possible values: human,"
        ),
        "{err}"
    );
}

#[test]
fn possible_values_and_defaults_are_listed_in_the_readers_language() {
    let text = help(&["--lang", "ja", "diff", "--help"], &[]);
    assert!(
        text.contains("使用できる値:\n          - human:    差分ごとに 1 行。端末では色付き"),
        "{text}"
    );
    assert!(text.contains("[デフォルト: human]"), "{text}");
    assert!(
        !text.contains("Possible values") && !text.contains("[default:"),
        "{text}"
    );
    let english = help(&["diff", "--help"], &[("LC_ALL", "C")]);
    assert!(
        english.contains("Possible values:\n          - human:    One line per difference"),
        "{english}"
    );
    assert!(english.contains("[default: human]"), "{english}");
}

#[test]
fn a_japanese_restore_script_still_names_its_appliance_as_an_export_does() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("restore.txt");
    let pre = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/mos/rg01-4.1.9-before.log"
    );
    let args = [
        "--lang",
        "ja",
        "restore",
        "--to",
        "4.2.3",
        pre,
        "-o",
        script.to_str().unwrap(),
    ];
    let (code, _, err) = run_in(&args, &[]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run_in(&["show", script.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("hostname: \"rg01\"") || out.contains("\"rg01.example.co.jp\""),
        "{out}"
    );
    assert!(!err.contains("host:"), "{err}");
}

#[test]
fn completions_describe_the_possible_values_in_the_readers_language() {
    let japanese = help(&["--lang", "ja", "completions", "zsh"], &[]);
    assert!(
        japanese.contains("対話型 CLI セッションのログ"),
        "{japanese}"
    );
    assert!(!japanese.contains("An interactive CLI session log"));
    let english = help(&["completions", "zsh"], &[("LC_ALL", "C")]);
    assert!(english.contains("An interactive CLI session log"));
}

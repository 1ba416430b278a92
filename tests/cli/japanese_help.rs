//! `--help` and the man pages in the reader's language: `--lang ja`, or a `ja` locale, gives
//! Japanese descriptions, headings, examples and exit statuses; `LC_ALL=C` gives English.

fn help(args: &[&str], env: &[(&str, &str)]) -> String {
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
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
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

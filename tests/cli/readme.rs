//! The README against the tool itself, so the two cannot drift:
//! - each `<!-- carryover SUBCOMMAND -h -->` marker is followed by that command's real short
//!   help (regenerate with `CARRYOVER_UPDATE_README=1 cargo test --test cli readme::`);
//! - the exit-status table says, cell for cell, what each subcommand's `--help` says;
//! - every `$ carryover ...` example runs from the repository's root and prints what the
//!   README shows (a line `...` stands for any number of lines);
//! - every example in every `--help` runs without an error.

use crate::common;

use std::path::Path;

use common::root;

fn carryover(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(cwd)
        .args(args)
        .env("LC_ALL", "C")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn readme() -> String {
    read("README.md")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(root().join(name)).unwrap()
}

/// The subcommands, as the top-level help lists them.
fn subcommands() -> Vec<String> {
    let (_, help, _) = carryover(&["--help"], root());
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

/// A subcommand's `-h`, without its first line (the one-line description the README's
/// section already gives).
fn short_help(sub: &str) -> String {
    let (code, help, _) = carryover(&[sub, "-h"], root());
    assert_eq!(code, 0);
    let body = help.split_once('\n').map_or("", |(_, rest)| rest);
    body.trim_start_matches('\n').to_string()
}

#[test]
fn the_readme_shows_each_subcommands_real_help() {
    let mut text = readme();
    let update = std::env::var_os("CARRYOVER_UPDATE_README").is_some();
    let mut missing = Vec::new();
    for sub in subcommands() {
        let marker = format!("<!-- carryover {sub} -h -->\n```text\n");
        let Some(start) = text.find(&marker).map(|s| s + marker.len()) else {
            missing.push(sub);
            continue;
        };
        let end = start + text[start..].find("```\n").unwrap();
        let help = short_help(&sub);
        if update {
            text.replace_range(start..end, &help);
        } else {
            assert_eq!(
                &text[start..end],
                help,
                "README's block for `{sub} -h` is not the real help: run \
                 CARRYOVER_UPDATE_README=1 cargo test --test cli readme::"
            );
        }
    }
    assert!(missing.is_empty(), "README lacks the help of {missing:?}");
    if update {
        std::fs::write(root().join("README.md"), text).unwrap();
    }
}

#[test]
fn every_flag_and_value_has_a_description_and_every_help_its_examples_and_exit_statuses() {
    for sub in subcommands() {
        let help = short_help(&sub);
        assert!(help.contains("\nExamples:\n"), "{sub} -h has no examples");
        assert!(
            help.contains("\nExit status"),
            "{sub} -h has no exit statuses"
        );
        for line in help.lines().filter(|l| l.trim_start().starts_with('-')) {
            // `  -o, --output <FILE>  Write to FILE ...`: a name, two spaces, a description.
            let described = line
                .trim_start()
                .split_once("  ")
                .is_some_and(|(_, d)| !d.trim().is_empty());
            assert!(described, "{sub}: a flag without a description: {line}");
        }
        let (_, long, _) = carryover(&[&sub, "--help"], root());
        for value in long
            .lines()
            .filter(|l| l.trim_start().starts_with("- ") && l.starts_with("          "))
        {
            assert!(
                value.contains(": "),
                "{sub}: a value without a description: {value}"
            );
        }
        // -h and --help open with the same description.
        let (_, short, _) = carryover(&[&sub, "-h"], root());
        assert_eq!(short.lines().next(), long.lines().next(), "{sub}");
    }
}

/// `(code, meaning)` lines of a help text's exit-status block.
fn exit_lines(help: &str, heading: &str) -> Vec<(String, String)> {
    let block = help.split(heading).nth(1).unwrap_or("");
    block
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| {
            let (code, meaning) = l.trim_start().split_once("  ")?;
            Some((code.to_string(), meaning.trim().to_string()))
        })
        .collect()
}

#[test]
fn the_exit_status_table_is_what_each_help_says() {
    exit_table_is_what_each_help_says(&readme(), "## Exit status\n", "en", "\nExit status");
}

/// The Japanese README's table is, cell for cell, what each `--lang ja --help` says.
#[test]
fn the_japanese_exit_status_table_is_what_each_japanese_help_says() {
    let text = read("README.ja.md");
    exit_table_is_what_each_help_says(&text, "## 終了ステータス\n", "ja", "\n終了ステータス");
}

fn exit_table_is_what_each_help_says(text: &str, heading: &str, lang: &str, block: &str) {
    let table = text
        .split(heading)
        .nth(1)
        .expect("the README has an exit-status section");
    for sub in subcommands() {
        let (_, help, _) = carryover(&["--lang", lang, &sub, "--help"], root());
        let row_start = format!("| `{sub}` |");
        let row = table
            .lines()
            .find(|l| l.starts_with(&row_start))
            .unwrap_or_else(|| panic!("the exit table has no row for {sub}"));
        let cells: Vec<&str> = row
            .split(" | ")
            .map(|c| c.trim_matches('|').trim())
            .collect();
        let lines = exit_lines(&help, block);
        assert!(
            !lines.is_empty(),
            "{sub} --help ({lang}) has no exit statuses"
        );
        for (code, meaning) in lines {
            let column = code.parse::<usize>().unwrap() + 1;
            assert_eq!(
                cells.get(column).copied(),
                Some(meaning.replace('|', "\\|").as_str()),
                "the README's ({lang}) exit status {code} of {sub} differs from its --help"
            );
        }
    }
}

/// A folder where examples can write what they write: the samples linked in, nothing else.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root().join("samples"), dir.path().join("samples")).unwrap();
    #[cfg(not(unix))]
    common::copy_dir(&root().join("samples"), &dir.path().join("samples"));
    dir
}

#[test]
fn every_example_in_every_help_runs() {
    // fetch's and apply's examples need an appliance: their tests run them against the
    // simulator.
    for sub in subcommands()
        .into_iter()
        .filter(|s| s != "fetch" && s != "apply")
    {
        let help = short_help(&sub);
        let examples = help.split("Examples:\n").nth(1).unwrap_or("");
        for line in examples.lines().take_while(|l| l.starts_with("  ")) {
            let line = line.trim();
            // Lines that show git's configuration or a shell redirection are not ours to run.
            if !line.starts_with("carryover ") || line.contains(['>', '|']) {
                continue;
            }
            let dir = scratch();
            let args: Vec<&str> = line.split_whitespace().skip(1).collect();
            let (code, _, err) = carryover(&args, dir.path());
            assert!(code == 0 || code == 1, "`{line}` exits {code}: {err}");
        }
    }
}

/// Whether `actual` is `expected`, where a line `...` of `expected` (indented or not) stands
/// for any lines.
fn matches(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((line, rest)) if line.trim() == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((line, rest)) => actual.first() == Some(line) && matches(rest, &actual[1..]),
    }
}

#[test]
fn every_dollar_example_in_the_readme_prints_what_it_shows() {
    let checked = dollar_examples_print_what_they_show(&readme());
    assert!(checked >= 4, "only {checked} examples found");
}

#[test]
fn every_dollar_example_in_the_japanese_readme_prints_what_it_shows() {
    let checked = dollar_examples_print_what_they_show(&read("README.ja.md"));
    assert!(checked >= 1, "only {checked} examples found");
}

/// The rows of a README's exit-status table, by subcommand: its cells after the name.
fn exit_table(text: &str, heading: &str) -> Vec<(String, Vec<String>)> {
    let table = text.split(heading).nth(1).expect("the exit-status section");
    table
        .lines()
        .skip_while(|l| !l.starts_with("| `"))
        .take_while(|l| l.starts_with('|'))
        .map(|row| {
            let cells: Vec<String> = row
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect();
            (cells[0].trim_matches('`').to_string(), cells[1..].to_vec())
        })
        .collect()
}

/// The Japanese README's table says the same as the English one, row for row: the same
/// subcommands in the same order, and an exit status one lacks (`—`) the other lacks too.
#[test]
fn the_japanese_exit_status_table_has_the_english_rows_and_columns() {
    let english = exit_table(&readme(), "## Exit status\n");
    let japanese = exit_table(&read("README.ja.md"), "## 終了ステータス\n");
    let names = |t: &[(String, Vec<String>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&japanese), names(&english));
    let mut listed = names(&english);
    listed.sort();
    let mut all = subcommands();
    all.sort();
    assert_eq!(listed, all);
    for ((name, en), (_, ja)) in english.iter().zip(&japanese) {
        assert_eq!(ja.len(), en.len(), "{name}: columns");
        for (e, j) in en.iter().zip(ja) {
            assert_eq!(e == "—", j == "—", "{name}: `{e}` against `{j}`");
        }
    }
}

/// Runs every `$ carryover ...` example of a README's code blocks and compares what it prints;
/// the number of examples checked.
fn dollar_examples_print_what_they_show(text: &str) -> usize {
    let mut checked = 0;
    for block in text.split("```").skip(1).step_by(2) {
        let lines: Vec<&str> = block.lines().skip(1).collect();
        let mut i = 0;
        while i < lines.len() {
            let Some(command) = lines[i].strip_prefix("$ carryover ") else {
                i += 1;
                continue;
            };
            let end = lines[i + 1..]
                .iter()
                .position(|l| l.starts_with("$ "))
                .map_or(lines.len(), |p| i + 1 + p);
            let expected = &lines[i + 1..end];
            let dir = scratch();
            let args: Vec<&str> = command.split_whitespace().collect();
            let (code, out, err) = carryover(&args, dir.path());
            assert!(code != 2, "`carryover {command}` failed: {err}");
            let actual: Vec<&str> = out.lines().collect();
            assert!(
                matches(expected, &actual),
                "README's `carryover {command}` shows:\n{}\nbut it prints:\n{out}",
                expected.join("\n")
            );
            checked += 1;
            i = end;
        }
    }
    checked
}

#[test]
fn the_matcher_can_fail() {
    assert!(matches(&["a", "...", "z"], &["a", "b", "c", "z"]));
    assert!(!matches(&["a", "...", "z"], &["a", "b"]));
    assert!(!matches(&["a"], &["b"]));
}

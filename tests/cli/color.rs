//! Colour in the reports for people: through anstream's choice on `auto`, never into a pipe
//! unless asked, and never at the cost of the escaping of capture text.

use crate::common::{root, run};

const ESC: char = '\u{1b}';

fn plan(extra: &[&str]) -> String {
    let mut args = vec!["plan", "--to", "4.2.3", "samples/mos/rg01-4.1.9-before.log"];
    args.extend_from_slice(extra);
    run(&args).1
}

#[test]
fn a_pipe_gets_no_colour_unless_always_is_asked_for() {
    assert!(!plan(&[]).contains(ESC));
    assert!(!plan(&["--color", "never"]).contains(ESC));
    let coloured = plan(&["--color", "always"]);
    // The status of a finding, and the phase headings, are coloured; the words are the same.
    assert!(coloured.contains("\u{1b}[32mok"), "{coloured}");
    assert!(
        coloured.contains("\u{1b}[1mBefore the upgrade"),
        "{coloured}"
    );
    let stripped = anstream::adapter::strip_str(&coloured).to_string();
    assert_eq!(stripped, plan(&[]));
}

#[test]
fn clicolor_force_colours_a_pipe_and_no_color_does_not() {
    let with = |name: &str, value: &str| {
        let out = assert_cmd::Command::cargo_bin("carryover")
            .unwrap()
            .current_dir(root())
            .args(["gaps", "samples/mos/rg01-4.1.9-before.log"])
            .env("LC_ALL", "C")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env(name, value)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(with("CLICOLOR_FORCE", "1").contains(ESC));
    assert!(!with("NO_COLOR", "1").contains(ESC));
}

#[test]
fn machine_formats_and_files_are_never_coloured() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.txt");
    plan(&["-o", file.to_str().unwrap()]);
    assert!(!std::fs::read_to_string(&file).unwrap().contains(ESC));
    assert!(!plan(&["--color", "always", "--format", "json"]).contains(ESC));
}

#[test]
fn capture_text_stays_escaped_inside_a_coloured_report() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("evil.log");
    std::fs::write(
        &log,
        // U+009B is a one-character CSI: a terminal obeys it as ESC [.
        "rg01.example.jp> version\nMOS 4.1.9-GA\nrg01.example.jp> smtp get fastpath\nFastpath \"off\u{9b}2J\"\nOK Completed\n",
    )
    .unwrap();
    let (_, out) = run(&["gaps", "--color", "always", log.to_str().unwrap()]);
    assert!(out.contains("smtp.fastpath = off\\u{9b}2J"), "{out}");
    assert!(!out.contains('\u{9b}'), "{out}");
}

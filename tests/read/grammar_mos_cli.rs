//! `grammar/mos_cli.pest` and its assembler, on the shapes a real session log takes. Each case
//! snapshots the tree outline with its warnings beside it.

use crate::common;

use carryover::render::message::words;
use carryover::source::Source;
use carryover::vendors::mos::syntax::cli::{
    self as mos_cli, classify_line, fast_quoted, LineKind as Kind,
};
use carryover::vendors::mos::syntax::{check_lossless, outline};
use proptest::prelude::*;

fn tree_of(text: &str) -> String {
    let source = Source::from_text("t.log", text);
    let tree = mos_cli::parse(&source).unwrap();
    check_lossless(&source.text, &tree.nodes).expect("lossless");
    outline(&tree, &words)
}

fn snap(name: &str, text: &str) {
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            format!("grammar_mos_cli@{name}"),
            format!("{text}\n=== tree\n{}", tree_of(text))
        );
    });
}

#[test]
fn prompts_in_every_form() {
    snap(
        "prompts",
        "messageserver01.example.com> version\nMOS4.1.9-GA\nOK Completed\n\
         messageserver01> version\nMOS4.2.3-GA\nOK\n\
         messageserver01 (xxx.com) > smtp get fastpath\non\nOK Completed\n\
         CLI> version\nCLI > version\nCLI> > key new MTA \"\" \"\" \"\"\nOK Completed\n\
         messageserver01>\n",
    );
}

#[test]
fn completions_no_bad_and_none() {
    snap(
        "completions",
        "rg> smtp get nosuch\nNO Unknown parameter\nrg> bogus\nBAD Unknown command\n\
         rg> smtp get fastpath\non\nrg> version\nMOS4.2.3-GA\nOK Completed\n",
    );
}

#[test]
fn literals_exact_with_blank_line_recovered_and_crlf_counted() {
    snap(
        "literals",
        "rg> branding get quotamsg\n{23}\nOver quota.\nCall x100.\n\nOK Completed\n\
         rg> autoreply get bob\n{20}\nGone fishing.\nOK Completed\n",
    );
}

#[test]
fn dot_blocks_and_confirmations() {
    snap(
        "input",
        "rg> trustedhost add mtagroup 192.0.2.1\n\
         Enter trustedhost data, finish with a '.' on a line by itself:\n\
         #@Mirapoint-Key-1.0\nQUJD\n#@Mirapoint-Key-End\n.\nOK Completed\n\
         rg> update install http://192.0.2.5/P4_2_3_GA.mpu5\n\
         Some updates can automatically reboot the system. Continue? (y/n)\ny\nOK Completed\n\
         rg> trustedhost add mtagroup 192.0.2.2\n\
         Enter trustedhost data, finish with a '.' on a line by itself:\nQUJD\nrg> version\n",
    );
}

#[test]
fn preamble_and_stray_lines() {
    snap(
        "preamble",
        "Trying 192.0.2.10...\nConnected.\n\nrg> version\nMOS4.2.3-GA\nOK Completed\nstray text\n",
    );
}

#[test]
fn a_literal_past_the_end_is_an_error_with_its_position() {
    let source = Source::from_text(
        "cut.log",
        "rg> branding get quotamsg\n\"x\" {5000}\nshort\n",
    );
    let err = carryover::render::error::error_text(&mos_cli::parse(&source).unwrap_err());
    assert_eq!(
        err,
        "literal announces 5000 bytes, but only 7 remain in the input\n \
         --> cut.log:2:5\n  |\n2 | \"x\" {5000}\n  |     ^\n  \
         = expected a literal body of the announced size (is the capture cut short?)"
    );
}

#[test]
fn a_huge_count_is_an_error_not_an_allocation() {
    let source = Source::from_text("huge.log", "rg> x\n{99999999999999999999999}\n");
    assert!(mos_cli::parse(&source).is_err());
}

#[test]
fn words_unquote_with_only_two_escapes() {
    match classify_line(r#""a \"b\" \\ c" bare "" {12}"#) {
        Kind::Data(words, Some(marker)) => {
            let texts: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
            assert_eq!(texts, [r#"a "b" \ c"#, "bare", ""]);
            assert_eq!((marker.count, marker.client), (12, false));
        }
        other => panic!("{other:?}"),
    }
}

proptest! {
    /// The fast path for one-quoted-word lines agrees with the grammar alone on any line.
    #[test]
    fn fast_path_agrees_with_the_grammar(
        line in r#"("[ a-z@.\\\t{}0-9()>"]{0,20}"[ \t]{0,2}|[" a-z@.\\\t{}0-9()>]{0,24})"#
    ) {
        if let Some(word) = fast_quoted(&line) {
            prop_assert_eq!(mos_cli::classify_line_by_grammar(&line), Kind::Data(vec![word], None));
        }
    }

    /// Every line of any text belongs to exactly one node.
    #[test]
    fn any_text_parses_losslessly(text in r#"(rg> [a-z" ]{0,12}\n|OK Completed\n|\{[0-9]{1,3}\}\n|[a-z"{}.~#@ -]{0,16}\n|\.\n|Enter x finish with a '\.' on a line by itself:\n){0,30}"#) {
        let source = Source::from_text("p.log", &text);
        if let Ok(tree) = mos_cli::parse(&source) {
            prop_assert_eq!(check_lossless(&source.text, &tree.nodes), Ok(()));
        }
    }
}

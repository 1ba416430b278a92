//! `grammar/mos_protocol.pest` and its assembler: greeting, tagged commands, `* tag` data,
//! tagged completions, server and client literals.

use crate::common;

use carryover::render::message::words;
use carryover::source::Source;
use carryover::vendors::mos::syntax::protocol::{fast_server_data, LineKind};
use carryover::vendors::mos::syntax::{check_lossless, outline, protocol as mos_protocol};
use proptest::prelude::*;

fn snap(name: &str, text: &str) {
    let source = Source::from_text("t.txt", text);
    let tree = mos_protocol::parse(&source).unwrap();
    check_lossless(&source.text, &tree.nodes).expect("lossless");
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            format!("grammar_mos_protocol@{name}"),
            format!("{text}\n=== tree\n{}", outline(&tree, &words))
        );
    });
}

#[test]
fn a_session_with_literals_both_ways() {
    snap(
        "session",
        "* OK mail.example.com admind 4.2.3 ready\n\
         a001 LOGIN admin \"pass word\"\n* a001 \"sid-77\"\na001 OK\n\
         a002 BRANDING SET quotamsg {12+}\nOver\nquota.\n\na002 OK Completed\n\
         a003 BRANDING GET quotamsg\n* a003 {12}\nOver\nquota.\n\na003 OK\n\
         a004 UPDATE LIST\na004 OK\n\
         a005 SMTP SET fastpath maybe\na005 NO Invalid value\n\
         * a999 orphan\n",
    );
}

#[test]
fn direction_prefixes_belong_to_their_line() {
    snap(
        "prefixes",
        "S: * OK rg.example.net admind 4.2.3\nC: t1 VERSION\nS: * t1 \"MOS4.2.3-GA\"\nS: t1 OK\n",
    );
}

#[test]
fn detection_tells_transcripts_from_cli_logs() {
    assert!(mos_protocol::looks_like(
        "a1 VERSION\n* a1 \"MOS4.2.3-GA\"\na1 OK\n"
    ));
    assert!(mos_protocol::looks_like("* OK rg admind 4.2.3\n"));
    assert!(!mos_protocol::looks_like(
        "rg> version\nMOS4.2.3-GA\nOK Completed\n"
    ));
}

proptest! {
    /// The fast path for server lines of one plain quoted word agrees with the grammar alone,
    /// and takes the lines a listing is made of.
    #[test]
    fn fast_path_agrees_with_the_grammar(
        // Mostly the fast path's own shape, with each of its edges now and then.
        line in r#"(S: |C: |S:|C:|X: |)\*( | | |\t|  )(OK|[A-Za-z0-9._-]{0,4}|[A-Za-z0-9._-]{1,4}|a"b)( | | |\t)("[ a-z@.{}]{0,12}"|"[ a-z@.\\"{}]{0,12}")( |\t|)"#
    ) {
        if let Some((tag, word)) = fast_server_data(&line) {
            let words = vec![word];
            prop_assert_eq!(
                mos_protocol::classify_line_by_grammar(&line),
                LineKind::Data { tag, words, marker: None }
            );
        }
    }
}

#[test]
fn the_fast_path_takes_a_listings_lines_and_leaves_the_greeting() {
    assert!(fast_server_data(r#"S: * a016 "user0000001@lists.example.com""#).is_some());
    assert!(fast_server_data(r#"* a016 "@example.com""#).is_some());
    assert!(fast_server_data(r#"S: * OK "x""#).is_none());
    assert!(fast_server_data(r#"S: * a016 "a\"b""#).is_none());
    assert!(fast_server_data(r#"S: * a016 "a" "b""#).is_none());
}

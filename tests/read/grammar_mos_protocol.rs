//! `grammar/mos_protocol.pest` and its assembler: greeting, tagged commands, `* tag` data,
//! tagged completions, server and client literals.

use crate::common;

use carryover::render::message::words;
use carryover::source::Source;
use carryover::vendors::mos::syntax::{check_lossless, outline, protocol as mos_protocol};

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

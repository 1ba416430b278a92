//! `grammar/mos_export.pest` and its assembler: comments, commands, literals, dot blocks; a
//! command that does not split into words is an error with its position.

use crate::common;

use carryover::render::message::words;
use carryover::source::Source;
use carryover::vendors::mos::syntax::{check_lossless, export as mos_export, outline, Word};

fn trustedhost_reads_a_block(words: &[Word<'_>]) -> bool {
    words.first().is_some_and(|w| w.as_str() == "trustedhost")
        && words.get(1).is_some_and(|w| w.as_str() == "add")
}

#[test]
fn an_export_with_a_literal_and_a_dot_block() {
    let text = "# host: rg01.example.co.jp\n# version: MOS4.1.9-GA\nsmtp set fastpath off\n\n\
                branding set quotamsg {21}\nOver quota.\nCall x100\n\
                trustedhost add mtagroup 192.0.2.21\n#@Mirapoint-Key-1.0\nQUJD\n#@Mirapoint-Key-End\n.\n\
                uce addexception primary whitelist \"@*.example.co.jp\"\n";
    let source = Source::from_text("e.cfg", text);
    let tree = mos_export::parse(&source, &trustedhost_reads_a_block).unwrap();
    check_lossless(&source.text, &tree.nodes).expect("lossless");
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            "grammar_mos_export@export",
            format!("{text}\n=== tree\n{}", outline(&tree, &words))
        );
    });
}

#[test]
fn an_unterminated_quote_is_an_error_at_the_quote() {
    let source = Source::from_text(
        "bad.cfg",
        "# x\nuce addexception primary whitelist \"@open.example\n",
    );
    let err = mos_export::parse(&source, &trustedhost_reads_a_block).unwrap_err();
    let err = carryover::render::error::error_text(&err);
    assert!(
        err.starts_with("this export line does not split into words\n --> bad.cfg:2:36\n"),
        "{err}"
    );
}

#[test]
fn detection_needs_a_leading_comment() {
    assert!(mos_export::looks_like("\n# export\nsmtp set fastpath on\n"));
    assert!(!mos_export::looks_like("rg> version\n"));
}

#[test]
fn a_key_block_without_its_dot_ends_at_the_key_and_swallows_no_command() {
    let text = "# host: rg01.example.com\ntrustedhost add mtagroup 192.0.2.9\n\
                #@Mirapoint-Key-1.0\nQUJD\n#@Mirapoint-Key-End\n\
                smtp set fastpath on\nuce addexception primary whitelist a@example.com\n";
    let source = Source::from_text("e.cfg", text);
    let tree = mos_export::parse(&source, &trustedhost_reads_a_block).unwrap();
    check_lossless(&source.text, &tree.nodes).expect("lossless");
    let outline = outline(&tree, &words);
    assert!(
        outline.contains("ends with its key block"),
        "the missing dot is warned about: {outline}"
    );
    // Both commands after the block stay commands of their own.
    assert_eq!(
        outline.matches("| smtp set fastpath on").count(),
        1,
        "{outline}"
    );
    assert!(
        outline
            .lines()
            .any(|l| l.contains("command") && l.contains("smtp set fastpath on")),
        "{outline}"
    );
    assert!(
        outline
            .lines()
            .any(|l| l.contains("command") && l.contains("uce addexception")),
        "{outline}"
    );
}

//! A short Japanese message is read in the Japanese encoding it is in, even when its bytes
//! also read as Chinese: `show` and `diff` never turn `容量超過` into `推翁亩册`.

use crate::common;

use carryover::capture::ReadOptions as Options;
use carryover::model::Value;
use common::*;

/// A short MOS session whose only Japanese is its over-quota message, in `encoding`.
fn session(encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let message = "容量超過\r\n";
    let count = encoding.encode(message).0.len();
    let log = format!(
        "rg01> version\r\nMOS4.1.9-GA\r\nOK Completed\r\nrg01> branding get quotamsg\r\n\
         {{{count}}}\r\n{message}OK Completed\r\nrg01> smtp get fastpath\r\non\r\nOK Completed\r\n"
    );
    encoding.encode(&log).0.into_owned()
}

#[test]
fn a_short_euc_jp_message_reads_and_diffs_as_its_shift_jis_twin() {
    let euc = capture_of("euc.log", session(encoding_rs::EUC_JP), &Options::default());
    assert_eq!(euc.config.sources[0].info.encoding, "EUC-JP");
    assert_eq!(
        euc.config.messages["system"]["branding.quotamsg"].value,
        Value::Text("容量超過\n".into())
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("euc.log"), session(encoding_rs::EUC_JP)).unwrap();
    std::fs::write(dir.path().join("sjis.log"), session(encoding_rs::SHIFT_JIS)).unwrap();
    let out = assert_cmd::Command::cargo_bin("carryover")
        .unwrap()
        .current_dir(dir.path())
        .args(["diff", "euc.log", "sjis.log"])
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(
        !said.contains("推翁亩册") && !said.contains("warning"),
        "{said}"
    );
}

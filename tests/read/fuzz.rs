//! A fuzz-style property test over the readers and the restore path: arbitrary and hostile
//! bytes, as every MOS capture kind and as a SpamTitan capture folder, must never panic; what
//! reads must give a restore script. CI runs a few cases; run it long with
//!
//! ```sh
//! CARRYOVER_FUZZ_CASES=100000 cargo test --release --test read fuzz::
//! ```

use carryover::capture::{Capture, ReadOptions};
use carryover::model::Version;
use carryover::ops::restore::{plan, RestoreOptions};
use carryover::render::restore::script;
use carryover::source::Source;
use carryover::vendors;
use proptest::prelude::*;

fn cases(default: u32) -> u32 {
    std::env::var("CARRYOVER_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Lines that look like captures, broken in every way.
fn capture_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"rg01.example.com> smtp set fastpath on".to_vec()),
        Just(b"rg01> uce listexception primary whitelistto".to_vec()),
        Just(b"OK Completed".to_vec()),
        Just(b"NO failed".to_vec()),
        Just(b"{12}".to_vec()),
        Just(b"{99999}".to_vec()),
        Just(b".".to_vec()),
        Just(b"#@Mirapoint-Key-1.0".to_vec()),
        Just(b"trustedhost add g h".to_vec()),
        Just(b"domain setcurrent {5}".to_vec()),
        Just(b"# host: /abs/../path".to_vec()),
        Just(b"S: * OK rg02 admind 4.2.3".to_vec()),
        Just(b"C: a001 LOGIN admin \"p w\"".to_vec()),
        Just(b"S: a001 NO bad".to_vec()),
        Just(b"\"unterminated".to_vec()),
        Just(b"rg01> domain list".to_vec()),
        Just("\"例え.jp\"".as_bytes().to_vec()),
        Just(b"\"xn--r8jz45g.jp\"".to_vec()),
        Just(b"rg01> uce listexception XN--R8JZ45G.jp whitelistto".to_vec()),
        Just(
            "rg01 (例え．jp) > domain setcurrent xn--zz.jp"
                .as_bytes()
                .to_vec()
        ),
        Just(b"\xff\xfe\x82\xa0\x1b[2J\r".to_vec()),
        prop::collection::vec(any::<u8>(), 0..40),
        "\\PC{0,30}".prop_map(String::into_bytes),
    ]
}

fn capture_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(capture_line(), 0..30).prop_map(|lines| lines.join(&b"\n"[..]))
}

/// Reads `bytes` as the file `name`, then writes a restore script from what it read.
fn read_and_restore(name: &str, bytes: Vec<u8>) {
    let Ok(source) = Source::from_bytes(name, bytes, None) else {
        return;
    };
    let mut capture = Capture::default();
    if carryover::read::read_source(&source, &ReadOptions::default(), &mut capture).is_err() {
        return;
    }
    restore(&capture);
}

fn restore(capture: &Capture) {
    let Ok(vendor) = vendors::by_id(capture.config.vendor) else {
        return;
    };
    let (Ok(knowledge), Some(writer)) = (vendors::knowledge_of(vendor), vendor.restore_script())
    else {
        return;
    };
    let to = knowledge
        .releases()
        .last()
        .and_then(|r| Version::parse(&r.version));
    let options = RestoreOptions {
        to: to.unwrap_or_else(|| Version::parse("99").unwrap()),
        against: None,
        all: true,
        show_secrets: false,
        capture: None,
        patches: None,
    };
    let _ = script(
        &plan(&capture.config, knowledge, &options),
        writer,
        &["fuzz".into()],
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    #[test]
    fn mos_readers_and_restore_never_panic(bytes in capture_bytes(), kind in 0..3usize) {
        let name = ["fuzz.log", "fuzz.cfg", "fuzz.txt"][kind];
        read_and_restore(name, bytes);
    }

    #[test]
    fn spamtitan_folders_and_restore_never_panic(
        csv in prop::collection::vec(
            prop::collection::vec("[^\u{0}]{0,12}", 3..12).prop_map(|f| f.iter()
                .map(|x| format!("\"{}\"", x.replace('"', "\"\""))).collect::<Vec<_>>().join(",")),
            0..4),
        json in "\\PC{0,60}",
        list in capture_bytes(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let st = dir.path().join("st09");
        std::fs::create_dir_all(st.join("api/system")).unwrap();
        std::fs::create_dir_all(st.join("lists/global")).unwrap();
        std::fs::write(st.join("version.txt"), "7.08\n").unwrap();
        std::fs::write(st.join("domains.csv"), csv.join("\n")).unwrap();
        std::fs::write(st.join("api/system/x.json"), json).unwrap();
        std::fs::write(st.join("lists/global/allow.txt"), list).unwrap();
        if let Ok(capture) = carryover::read::read(&[st], &ReadOptions::default()) {
            restore(&capture);
        }
    }
}

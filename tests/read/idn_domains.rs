//! Internationalised domain names in MOS captures: a delegated domain that `domain list`
//! shows as `例え.jp` and commands name `xn--r8jz45g.jp` is one domain, one scope, under the
//! listed form; a name that only looks like it is another domain; no name, however broken,
//! stops a read.

use crate::common;

use std::collections::BTreeSet;

use carryover::capture::{Capture, ReadOptions};
use carryover::model::Config;
use common::{capture_of, run};

/// A Japanese customer's log, as Tera Term saves it: Shift_JIS, CRLF. The commands name the
/// domain in its ASCII form, in either case, before and after the listing shows it.
const LOG: &str = "\
ms01> version\r
MOS4.2.2-GA\r
OK Completed\r
ms01> uce listexception xn--r8jz45g.jp whitelistto\r
\"info@partner.example.jp\"\r
OK Completed\r
ms01> domain list\r
\"sales.example.com\"\r
\"例え.jp\"\r
OK Completed\r
ms01> domain setcurrent XN--R8JZ45G.jp\r
OK Completed\r
ms01 (xn--r8jz45g.jp) > smtp get fastpath\r
on\r
OK Completed\r
ms01 (xn--r8jz45g.jp) > domain setcurrent \"\"\r
OK Completed\r
ms01> uce listexception 例え.jp whitelist\r
\"@trusted.example.net\"\r
OK Completed\r
";

fn read_sjis(text: &str) -> Capture {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    capture_of("ms01.log", bytes.into_owned(), &ReadOptions::default())
}

/// Every scope that holds settings or lists, and every domain.
fn scopes_and_domains(config: &Config) -> (BTreeSet<String>, Vec<String>) {
    let scopes = (config.settings.keys())
        .chain(config.lists.keys())
        .chain(config.messages.keys())
        .cloned()
        .collect();
    let domains = config.domains.iter().map(|(d, _)| d.to_string()).collect();
    (scopes, domains)
}

#[test]
fn a_listed_domain_and_the_commands_naming_it_are_one_scope() {
    let capture = read_sjis(LOG);
    assert_eq!(capture.config.sources[0].info.encoding, "Shift_JIS");
    let (scopes, domains) = scopes_and_domains(&capture.config);
    assert_eq!(domains, ["sales.example.com", "例え.jp"]);
    assert_eq!(scopes, BTreeSet::from(["例え.jp".to_string()]));
    let lists = &capture.config.lists["例え.jp"];
    let entries =
        |list: &str| -> Vec<String> { lists[list].iter().map(|(e, _)| e.to_string()).collect() };
    assert_eq!(entries("whitelistto"), ["info@partner.example.jp"]);
    assert_eq!(entries("whitelist"), ["@trusted.example.net"]);
    let coverage = &capture.config.coverage;
    assert!(coverage.lists["例え.jp"].contains("whitelistto"));
    assert!(!coverage.lists.contains_key("xn--r8jz45g.jp"));
    assert!(!coverage.domains.contains("xn--r8jz45g.jp"));
}

/// Hostile and broken names: punycode that does not decode, a full-width dot (quoted, so that
/// it is not read as the ASCII dot a command word's look-alike is), a Cyrillic look-alike,
/// a label far too long, quotes. Each is a domain of its own, and the read goes on.
#[test]
fn broken_and_look_alike_names_stay_apart_and_never_stop_a_read() {
    let long = format!("xn--{}.jp", "a".repeat(5000));
    let huge = format!("{}.jp", "例".repeat(20000));
    let names = [
        "例え.jp",
        "例え．jp",
        "xn--zz.jp",
        "xn--.jp",
        "例え.jр",
        "ｅｘａｍｐｌｅ.jp",
        "example.jp",
        "\\\"例え\\\".jp",
        long.as_str(),
        huge.as_str(),
    ];
    let mut log = String::from("ms01> domain list\n");
    for name in names {
        log.push_str(&format!("\"{name}\"\n"));
    }
    log.push_str("OK Completed\n");
    for name in names {
        log.push_str(&format!(
            "ms01> uce listexception \"{name}\" whitelistto\n\"a@b.jp\"\nOK Completed\n"
        ));
    }
    // The upper-case ASCII form of the first is the first.
    log.push_str("ms01> uce listexception XN--R8JZ45G.JP whitelist\nOK Completed\n");
    let capture = capture_of("ms01.log", log.into_bytes(), &ReadOptions::default());
    let (scopes, domains) = scopes_and_domains(&capture.config);
    assert_eq!(domains.len(), names.len(), "{domains:?}");
    assert_eq!(scopes.len(), names.len(), "{scopes:?}");
    assert!(!scopes.contains("xn--r8jz45g.jp"), "{scopes:?}");
    assert_eq!(capture.config.lists["例え.jp"].len(), 2);
}

/// `gaps` with a config export: the export names the domain as its commands typed it, the
/// live log as the listing shows it; an entry the export holds is not said to be lost.
#[test]
fn the_export_and_the_live_log_compare_one_domain() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("ms01.log");
    std::fs::write(
        &live,
        "ms01> version\nMOS4.2.2-GA\nOK Completed\n\
         ms01> domain list\n\"例え.jp\"\nOK Completed\n\
         ms01> uce listexception 例え.jp whitelistto\n\
         \"info@partner.example.jp\"\n\"@newsletter.example.jp\"\nOK Completed\n",
    )
    .unwrap();
    let export = dir.path().join("ms01.cfg");
    std::fs::write(
        &export,
        "# Mirapoint configuration export\n# host: ms01.example.com\n# version: MOS4.2.2-GA\n\
         smtp set fastpath on\n\
         uce addexception xn--r8jz45g.jp whitelistto info@partner.example.jp\n",
    )
    .unwrap();
    let (live, export) = (live.to_str().unwrap(), export.to_str().unwrap());
    let (code, out) = run(&["gaps", "--format", "json", live, export]);
    assert_eq!(code, 1, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ki6 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "MOS-4.2.3-KI-6" && f["status"] == "found")
        .expect("a KI-6 finding");
    let items: Vec<String> = ki6["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{} {}",
                i["scope"].as_str().unwrap(),
                i["value"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(items, ["例え.jp @newsletter.example.jp"], "{out}");
}

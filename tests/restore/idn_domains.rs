//! `restore` puts back what an internationalised delegated domain lost once, under the name
//! the appliance's listing shows, however the captures typed it (`例え.jp`,
//! `xn--r8jz45g.jp`, `XN--R8JZ45G.jp`).

use crate::common;

use std::path::Path;

use common::run;

/// Before the upgrade: the listing shows the Unicode form; the list was read under the ASCII
/// form.
const BEFORE: &str = "\
ms01> version
MOS4.2.2-GA
OK Completed
ms01> domain list
\"sales.example.com\"
\"例え.jp\"
OK Completed
ms01> uce listexception xn--r8jz45g.jp whitelistto
\"info@partner.example.jp\"
\"@newsletter.example.jp\"
OK Completed
";

/// After the upgrade: one entry is gone; the list was read under the other form, in upper
/// case, and the domains were not listed.
const AFTER: &str = "\
ms01> version
MOS4.2.3-GA
OK Completed
ms01> uce listexception XN--R8JZ45G.JP whitelistto
\"info@partner.example.jp\"
OK Completed
ms01> uce listexception 例え.jp whitelist
OK Completed
";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// The script's command lines, without its remarks.
fn commands(script: &str) -> Vec<&str> {
    script.lines().filter(|l| !l.starts_with('#')).collect()
}

#[test]
fn a_domain_typed_two_ways_is_restored_once_under_its_listed_name() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(dir.path(), "before.log", BEFORE);
    let after = write(dir.path(), "after.log", AFTER);
    let (code, script) = run(&["restore", "--to", "4.2.3", &before, "--against", &after]);
    assert_eq!(code, 0, "{script}");
    assert_eq!(
        commands(&script),
        ["uce addexception 例え.jp whitelistto @newsletter.example.jp"],
        "{script}"
    );
    // Without a post-upgrade capture, both entries, once each, under the listed name.
    let (code, script) = run(&["restore", "--to", "4.2.3", &before]);
    assert_eq!(code, 0, "{script}");
    let entries: Vec<&str> = commands(&script)
        .into_iter()
        .filter(|l| l.starts_with("uce addexception"))
        .collect();
    assert_eq!(
        entries,
        [
            "uce addexception 例え.jp whitelistto @newsletter.example.jp",
            "uce addexception 例え.jp whitelistto info@partner.example.jp",
        ],
        "{script}"
    );
}

/// A look-alike of the domain (a full-width dot, punycode that does not decode, a Cyrillic
/// letter) is another domain: what it holds is never taken for the domain's. Quoted, as a
/// command word the full-width dot would be read as the ASCII one it looks like, with a
/// warning.
#[test]
fn a_look_alike_domain_is_never_taken_for_the_domain() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(dir.path(), "before.log", BEFORE);
    for look_alike in ["例え．jp", "xn--zz.jp", "xn--.jp", "例え.jр"] {
        let after = format!(
            "ms01> version\nMOS4.2.3-GA\nOK Completed\n\
             ms01> uce listexception xn--r8jz45g.jp whitelistto\nOK Completed\n\
             ms01> uce listexception \"{look_alike}\" whitelistto\n\
             \"info@partner.example.jp\"\n\"@newsletter.example.jp\"\nOK Completed\n"
        );
        let after = write(dir.path(), "after.log", &after);
        let (code, script) = run(&["restore", "--to", "4.2.3", &before, "--against", &after]);
        assert_eq!(code, 0, "{script}");
        assert_eq!(
            commands(&script),
            [
                "uce addexception 例え.jp whitelistto @newsletter.example.jp",
                "uce addexception 例え.jp whitelistto info@partner.example.jp",
            ],
            "{look_alike}: {script}"
        );
    }
}

//! Which names the secret matcher marks, across everything carryover knows by name: the MOS
//! catalog, the SpamTitan API forms, schema and vocabulary, and both vendors' knowledge files. A
//! masked setting is left out of `restore`, so a stem that matches too much silently drops
//! settings from every restore script; a stem that matches too little leaks. The list below is
//! reviewed by hand: a change to a stem that changes it fails here until it is reviewed again.

use std::collections::BTreeSet;

use carryover::base::secrets::SecretNames;

use crate::common;

/// Every name marked secret, by file, each reviewed.
const REVIEWED: &[(&str, &str)] = &[
    // The password argument of `login $user $password`: the session's password, never a
    // setting, so masking loses nothing.
    ("src/vendors/mos/catalog.ron", "$password"),
    // The domain's LDAP bind password (the API's edit form and its field): a secret; restore
    // leaves it out and the runbook asks for it by hand.
    ("src/vendors/spamtitan/api.ron", "domain.ldap_password"),
    ("src/vendors/spamtitan/api.ron", "ldap_password"),
    // The relay's SASL password: a secret.
    (
        "src/vendors/spamtitan/schema.ron",
        "system.relay.sasl.password",
    ),
];

/// The names of a RON file: its string literals that are one word of name characters (prose
/// in remarks and rules is not a name).
fn names_in(text: &str) -> BTreeSet<String> {
    let literal = regex::Regex::new(r#""([^"\\\s]+)""#).unwrap();
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .flat_map(|line| literal.captures_iter(line).map(|c| c[1].to_string()))
        .filter(|name| {
            name.chars()
                .all(|c| c.is_alphanumeric() || "._-$*/:@".contains(c))
        })
        .collect()
}

fn vendor_list(vendor: &str) -> SecretNames {
    let path = common::root().join(format!("src/vendors/{vendor}/secrets.ron"));
    SecretNames::with(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_names_marked_secret_are_the_reviewed_ones() {
    let files = [
        ("mos", "src/vendors/mos/catalog.ron"),
        ("mos", "src/vendors/mos/knowledge/mos-4.2.3.ron"),
        ("spamtitan", "src/vendors/spamtitan/api.ron"),
        ("spamtitan", "src/vendors/spamtitan/schema.ron"),
        ("spamtitan", "src/vendors/spamtitan/vocabulary.ron"),
        (
            "spamtitan",
            "src/vendors/spamtitan/knowledge/spamtitan-7.09.ron",
        ),
        ("spamtitan", "src/vendors/spamtitan/knowledge/console.ron"),
    ];
    let mut marked = BTreeSet::new();
    let mut looked_at = 0;
    for (vendor, file) in files {
        let secrets = vendor_list(vendor);
        let text = std::fs::read_to_string(common::root().join(file)).unwrap();
        for name in names_in(&text) {
            looked_at += 1;
            if secrets.matches(&name) {
                marked.insert((file.to_string(), name));
            }
        }
    }
    // The control: the files were read, and hold many names that are no secret.
    assert!(looked_at > 150, "only {looked_at} names");
    let reviewed: BTreeSet<(String, String)> = REVIEWED
        .iter()
        .map(|(f, n)| (f.to_string(), n.to_string()))
        .collect();
    assert_eq!(
        marked, reviewed,
        "the names marked secret changed: review each (a secret is left out of restore)"
    );
}

/// The settings restore writes are no secret, whatever stem is added: each is named here.
#[test]
fn settings_restore_writes_are_not_masked() {
    let mos = vendor_list("mos");
    let st = vendor_list("spamtitan");
    for name in [
        "smtp.fastpath",
        "smtp.maxmsgsum",
        "smtp.quarantinejunk",
        "smtp.smtpauth",
        "smtp.recipientcheck",
        "smtp.passthrough",
        "smtp.bypass",
        "ldap.autoreply",
        "smtp.keepalive",
        "smtp.keyword",
    ] {
        assert!(!mos.matches(name), "{name}");
    }
    for name in [
        "policy.bypass_spam_checks",
        "policy.bypass_virus_checks",
        "auth.imap.server",
        "system.relay.sasl.username",
        "domain.ldap_user",
        "domain.verification",
        "system.cluster.peer",
    ] {
        assert!(!st.matches(name), "{name}");
    }
}

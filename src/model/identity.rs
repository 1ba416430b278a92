//! Which appliance a model is of: the one rule every command compares identities by.
//!
//! An appliance is its vendor plus its FQDN, where known. A short name (the prompt and greeting
//! of MOS 4.2 show one) is the FQDN's first label: it names the same appliance, and is no
//! change of name. Two FQDNs that differ are two appliances. Names compare case-insensitively,
//! and a trailing dot (`rg01.example.jp.`) is no part of them.

use super::{Config, VendorId};

/// A host name as it is compared: lower case, without a trailing dot or surrounding blanks.
pub fn normalize(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Whether a name is fully qualified (has a domain), once normalized.
fn is_full(name: &str) -> bool {
    name.contains('.')
}

/// The first label of a name: the short name an FQDN goes by.
pub fn short_name(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// Whether two names may be of one appliance: two FQDNs are one when equal; a short name
/// matches an FQDN whose first label it is; two short names are one when equal. Case and a
/// trailing dot do not count.
pub fn names_match(a: &str, b: &str) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    match (is_full(&a), is_full(&b)) {
        (true, false) => short_name(&a) == b,
        (false, true) => a == short_name(&b),
        _ => a == b,
    }
}

/// Who an appliance is, as far as its captures say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Its vendor.
    pub vendor: VendorId,
    /// Its name: the FQDN where known, else the short name; normalized. `None`: no capture
    /// named it.
    pub name: Option<String>,
}

impl Identity {
    /// The identity a model shows: its FQDN, or its short name when no capture showed one.
    pub fn of(config: &Config) -> Identity {
        let a = &config.appliance;
        let name = a
            .fqdn
            .as_ref()
            .or(a.hostname.as_ref())
            .map(|n| normalize(&n.value));
        Identity {
            vendor: config.vendor,
            name,
        }
    }
}

/// Whether two identities can be of one appliance: one vendor, and names that match (or a
/// side that names none, which tells nothing). The one test `track`, `diff`, reading captures
/// together and applying a plan all use.
pub fn same_appliance(a: &Identity, b: &Identity) -> bool {
    a.vendor == b.vendor
        && match (&a.name, &b.name) {
            (Some(p), Some(q)) => names_match(p, q),
            _ => true,
        }
}

/// Whether every name in `names` is of one appliance: at most one FQDN, and each short name
/// its first label (or, without an FQDN, one short name).
pub fn one_appliance<'a>(names: impl IntoIterator<Item = &'a str>) -> bool {
    let names: Vec<String> = names.into_iter().map(normalize).collect();
    names
        .iter()
        .all(|p| names.iter().all(|q| names_match(p, q)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_rule_as_a_table() {
        // (first name, second name, one appliance?)
        let table = [
            ("rg01.example.co.jp", "rg01.example.co.jp", true),
            ("rg01.example.co.jp", "RG01.Example.CO.JP", true),
            ("rg01.example.co.jp.", "rg01.example.co.jp", true),
            ("rg01.example.co.jp", "rg01", true),
            ("RG01", "rg01.example.co.jp", true),
            ("rg01", "rg01", true),
            ("rg01", "rg02", false),
            ("rg01", "rg02.example.co.jp", false),
            ("rg01.tokyo.example.jp", "rg01.osaka.example.jp", false),
            ("rg01.example.co.jp", "rg02.example.co.jp", false),
            ("rg01.example", "rg01.example.co.jp", false),
        ];
        for (a, b, same) in table {
            assert_eq!(names_match(a, b), same, "{a} and {b}");
            assert_eq!(names_match(b, a), same, "{b} and {a}");
        }
    }

    #[test]
    fn vendors_differ_or_names_are_unknown() {
        let mos = VendorId("mirapoint-mos");
        let id = |vendor, name: Option<&str>| Identity {
            vendor,
            name: name.map(normalize),
        };
        let rg01 = id(mos, Some("rg01.example.co.jp"));
        assert!(same_appliance(&rg01, &id(mos, Some("rg01"))));
        assert!(same_appliance(&rg01, &id(mos, None)));
        assert!(!same_appliance(
            &rg01,
            &id(VendorId("spamtitan"), Some("rg01.example.co.jp"))
        ));
        assert!(!same_appliance(&rg01, &id(mos, Some("rg01.other.jp"))));
    }

    #[test]
    fn a_group_of_names_is_one_appliance_with_one_fqdn_at_most() {
        assert!(one_appliance([
            "rg01",
            "rg01.example.jp",
            "RG01.example.jp."
        ]));
        assert!(!one_appliance(["rg01", "rg01.a.jp", "rg01.b.jp"]));
        assert!(one_appliance(["rg01"]));
        assert!(!one_appliance(["rg01", "rg02"]));
    }
}

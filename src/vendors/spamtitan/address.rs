//! One form for every allow and block list entry, so the same sender written two ways is one
//! entry. What is assumed, in `../shared/FORMATS.md` terms:
//!
//! - \[C\] entries are `john@example.com`, `@example.com` or `@.example.com` (the domain and its
//!   subdomains); `@*.example.com` is kept as written.
//! - \[I\] the domain part is case-insensitive (DNS) and an internationalised domain is one name
//!   in either spelling: it is kept in its ASCII (punycode, `xn--`) form, the form DNS and SMTP
//!   use, so `@bücher.example` and `@xn--bcher-kva.example` are one entry. A domain that
//!   does not convert exactly (`@例え．jp`, with a full-width dot) stays as typed, and is
//!   no entry the list takes.
//! - \[I\] the local part is compared without case: the appliance's filters (amavisd and
//!   postfix lookups) fold addresses to lower case before matching a list, so
//!   `SPAM@BULK.EXAMPLE` and `spam@bulk.example` block the same sender.

/// An entry in its one form, and whether that differs from what was written.
pub(crate) fn normalise(entry: &str) -> (String, bool) {
    let entry = entry.trim();
    let (local, domain) = match entry.rfind('@') {
        Some(at) => (&entry[..at], Some(&entry[at + 1..])),
        None => (entry, None),
    };
    let mut out = local.to_lowercase();
    if let Some(domain) = domain {
        out.push('@');
        out.push_str(&self::domain(domain));
    }
    let changed = out != entry;
    (out, changed)
}

/// Whether an entry in its one form ([`normalise`]) is one the list takes: `local@domain`,
/// `@domain`, `@.domain`, `@*.domain`, or a domain alone; the domain in DNS's form (labels of
/// letters, digits and hyphens, IDN in its `xn--` form). Anything else (a display name, a
/// `mailto:`, two entries run together, a bullet) is no entry.
pub(crate) fn is_entry_form(entry: &str) -> bool {
    match entry.rsplit_once('@') {
        None => is_dns_name(entry),
        Some(("", domain)) => {
            let domain = domain
                .strip_prefix("*.")
                .or_else(|| domain.strip_prefix('.'))
                .unwrap_or(domain);
            is_dns_name(domain)
        }
        Some((local, domain)) => is_local_part(local) && is_dns_name(domain),
    }
}

/// A local part as SMTP takes it unquoted: atoms of RFC 5322 `atext` joined by dots.
fn is_local_part(local: &str) -> bool {
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    local.len() <= 64
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(atext))
}

/// A domain name in DNS's form, at least two labels.
fn is_dns_name(name: &str) -> bool {
    name.contains('.') && is_host_name(name)
}

/// Whether a name is labels of letters, digits and hyphens joined by dots (`localhost` too).
pub(crate) fn is_host_name(name: &str) -> bool {
    let label = |l: &str| {
        (1..=63).contains(&l.len())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    name.len() <= 253 && name.split('.').all(label)
}

/// A URL-encoded name (`CEO%40example.com`, as a script that saved each request's path
/// writes a folder) decoded, when it holds a `%XX` escape and decodes to UTF-8 text without
/// control characters or a path separator; else `None`.
pub(crate) fn percent_decoded(name: &str) -> Option<String> {
    if !name.contains('%') {
        return None;
    }
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    let text = String::from_utf8(out).ok()?;
    let clean = !text
        .chars()
        .any(|c| c.is_control() || c == '/' || c == '\\');
    (clean && text != name).then_some(text)
}

/// A domain name in its one form: lower case, each label in its ASCII form
/// ([`crate::base::domain`]); a name that does not convert exactly stays as typed, ASCII
/// letters in lower case. The `*.` or `.` an entry's domain may start with is kept.
pub fn domain(name: &str) -> String {
    let name = name.trim();
    let (prefix, rest) = match (name.strip_prefix("*."), name.strip_prefix('.')) {
        (Some(rest), _) => ("*.", rest),
        (None, Some(rest)) => (".", rest),
        (None, None) => ("", name),
    };
    let ascii = crate::base::domain::ascii(rest);
    if prefix.is_empty() {
        return ascii.into_owned();
    }
    format!("{prefix}{ascii}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punycode_matches_the_rfc() {
        assert_eq!(domain("bücher"), "xn--bcher-kva");
        assert_eq!(domain("münchen"), "xn--mnchen-3ya");
        assert_eq!(domain("例え"), "xn--r8jz45g");
    }

    #[test]
    fn one_form_for_one_sender() {
        let form = |e| normalise(e).0;
        assert_eq!(form("@bücher.example"), "@xn--bcher-kva.example");
        assert_eq!(form("@BÜCHER.example"), "@xn--bcher-kva.example");
        assert_eq!(form("@xn--BCHER-kva.example"), "@xn--bcher-kva.example");
        assert_eq!(form("SPAM@BULK.EXAMPLE"), "spam@bulk.example");
        assert_eq!(form("@.Trusted.example"), "@.trusted.example");
        assert_eq!(domain("Bücher.Example"), "xn--bcher-kva.example");
        assert_eq!(form("@*.Bücher.example"), "@*.xn--bcher-kva.example");
        assert_eq!(form("@.bücher.example"), "@.xn--bcher-kva.example");
        assert_eq!(
            normalise("ok@example.com"),
            ("ok@example.com".into(), false)
        );
    }

    #[test]
    fn entry_forms_are_the_list_s_own() {
        for good in [
            "a@example.com",
            "@example.com",
            "@.example.com",
            "@*.example.com",
            "example.com",
            "@xn--bcher-kva.example",
            "first.last+tag@mail.example.co.jp",
        ] {
            assert!(is_entry_form(&normalise(good).0), "{good}");
        }
        assert!(is_entry_form(&normalise("@bücher.example").0));
        for bad in [
            "mailto:a@example.com",
            "john <a@example.com>",
            "a@example.com;b@example.com",
            "•a@example.com",
            "a\r.com",
            ".com",
            "a@",
            "a@b@example.com",
            "a..b@example.com",
            "@-bad.example",
            "@例え．jp",
            "@例え.jp\0",
            "a@例え\n.jp",
        ] {
            assert!(!is_entry_form(&normalise(bad).0), "{bad}");
        }
    }

    #[test]
    fn url_encoded_names_are_decoded() {
        assert_eq!(
            percent_decoded("CEO%40example.com").as_deref(),
            Some("CEO@example.com")
        );
        assert_eq!(percent_decoded("ceo@example.com"), None);
        assert_eq!(percent_decoded("100%"), None);
        assert_eq!(percent_decoded("a%2Fb"), None, "no path separator");
        assert_eq!(percent_decoded("a%0Ab"), None, "no control character");
    }
}

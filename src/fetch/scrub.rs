//! A run's own password or token kept out of everything it saves, in every form an appliance
//! may echo it in: as sent, JSON-escaped (`\/` and `\u00e9`, as PHP writes), percent-encoded
//! (`%2F`, `+` for a space), as an XML or HTML character reference (`&amp;`, `&#47;`), and
//! base64 (alone or inside a longer base64 text, such as `user:password` of a Basic header).
//! A form may mix these escapes character by character: all are found by one pattern.

use base64::Engine as _;
use regex::bytes::{Regex, RegexBuilder};

/// The fewest base64 characters a secret's base64 form is looked for by: shorter runs of
/// base64 text match by chance.
const BASE64_AT_LEAST: usize = 6;

/// Finds every form of a few secrets.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scrubber {
    pattern: Option<Regex>,
    /// The secrets as given, for a pattern too large to build: then only those are found.
    plain: Vec<Vec<u8>>,
}

impl Scrubber {
    /// A scrubber of `secrets` (empty ones are ignored).
    pub(crate) fn new<S: AsRef<[u8]>>(secrets: &[S]) -> Scrubber {
        let plain: Vec<Vec<u8>> = secrets
            .iter()
            .map(|s| s.as_ref().to_vec())
            .filter(|s| !s.is_empty())
            .collect();
        let mut forms: Vec<String> = plain.iter().flat_map(|s| forms_of(s)).collect();
        // The longest form first: leftmost-first matching then takes it whole.
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        let pattern = (!forms.is_empty())
            .then(|| {
                RegexBuilder::new(&forms.join("|"))
                    .size_limit(64 << 20)
                    .build()
                    .ok()
            })
            .flatten();
        Scrubber { pattern, plain }
    }

    /// Where the forms of the secrets are in `bytes`, as byte ranges that do not overlap.
    fn found(&self, bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
        match &self.pattern {
            Some(pattern) => pattern.find_iter(bytes).map(|m| m.range()).collect(),
            None => self
                .plain
                .iter()
                .flat_map(|s| memchr::memmem::find_iter(bytes, s).map(|at| at..at + s.len()))
                .collect(),
        }
    }

    /// Overwrites every form of every secret in `bytes` with `*`s of the form's length (a
    /// literal's byte count still holds).
    pub(crate) fn scrub(&self, bytes: &mut [u8]) {
        for range in self.found(bytes) {
            bytes[range].fill(b'*');
        }
    }

    /// `bytes` scrubbed.
    pub(crate) fn scrubbed(&self, bytes: &[u8]) -> Vec<u8> {
        let mut copy = bytes.to_vec();
        self.scrub(&mut copy);
        copy
    }

    /// `text` with every form of every secret replaced by [`crate::base::secrets::MASK`], for a
    /// message.
    pub(crate) fn masked(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for range in self.found(text.as_bytes()) {
            // A form of a secret is whole characters of its text, unless it is a piece of a
            // base64 run (ASCII): either way the range lies on character boundaries.
            out.push_str(text.get(at..range.start).unwrap_or(""));
            out.push_str(crate::base::secrets::MASK);
            at = range.end;
        }
        out.push_str(text.get(at..).unwrap_or(""));
        out
    }
}

/// The patterns of one secret's forms: its characters each as itself or one of its escapes,
/// and its base64 forms.
fn forms_of(secret: &[u8]) -> Vec<String> {
    let mut forms = Vec::new();
    match std::str::from_utf8(secret) {
        Ok(text) => forms.push(text.chars().map(escapes_of).collect()),
        // Bytes that are no text are looked for as they are.
        Err(_) => forms.push(bytes_literal(secret)),
    }
    forms.extend(base64_forms(secret).iter().map(|f| regex::escape(f)));
    forms
}

/// A pattern for raw bytes.
fn bytes_literal(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("(?-u:\\x{b:02x})")).collect()
}

/// One character as itself or as any escape of JSON, URLs or XML.
fn escapes_of(c: char) -> String {
    let mut forms = vec![regex::escape(c.encode_utf8(&mut [0; 4]))];
    // JSON: `\uXXXX` of each UTF-16 unit, in either case, and the short escapes.
    let units: String = c
        .encode_utf16(&mut [0; 2])
        .iter()
        .map(|u| format!(r"\\u(?i:{u:04x})"))
        .collect();
    forms.push(units);
    let short = match c {
        '"' => Some(r#"\\""#),
        '\\' => Some(r"\\\\"),
        '/' => Some(r"\\/"),
        '\u{8}' => Some(r"\\b"),
        '\u{c}' => Some(r"\\f"),
        '\n' => Some(r"\\n"),
        '\r' => Some(r"\\r"),
        '\t' => Some(r"\\t"),
        _ => None,
    };
    forms.extend(short.map(str::to_string));
    // Percent-encoding of each UTF-8 byte, in either case; a space as `+` (a form's value).
    let percent: String = c
        .encode_utf8(&mut [0; 4])
        .bytes()
        .map(|b| format!("%(?i:{b:02x})"))
        .collect();
    forms.push(percent);
    if c == ' ' {
        forms.push(r"\+".into());
    }
    // XML and HTML: the named entities, and decimal or hexadecimal references.
    let named = match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        _ => None,
    };
    forms.extend(named.map(str::to_string));
    let code = c as u32;
    forms.push(format!("&#0*{code};"));
    forms.push(format!("&#[xX]0*(?i:{code:x});"));
    format!("(?:{})", forms.join("|"))
}

/// The base64 text of a secret, standard and URL-safe: whole, and, for a secret inside a longer
/// encoded text, the characters its bytes alone decide at each of the three alignments.
fn base64_forms(secret: &[u8]) -> Vec<String> {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE};
    let mut forms = Vec::new();
    for engine in [STANDARD, URL_SAFE] {
        forms.push(engine.encode(secret));
        for offset in 0..3usize {
            let mut padded = vec![0u8; offset];
            padded.extend_from_slice(secret);
            let encoded = engine.encode(&padded);
            // Character i holds bits 6i..6i+6: it is the secret's alone when they lie within
            // the secret's bits, 8 * offset .. 8 * (offset + len).
            let first = (8 * offset).div_ceil(6);
            let end = (8 * (offset + secret.len())) / 6;
            if end >= first + BASE64_AT_LEAST {
                forms.push(encoded[first..end].to_string());
            }
        }
    }
    forms.retain(|f| f.len() >= BASE64_AT_LEAST || f.ends_with('='));
    forms.sort();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrubbed(secret: &str, text: &str) -> String {
        String::from_utf8(Scrubber::new(&[secret]).scrubbed(text.as_bytes())).unwrap()
    }

    #[test]
    fn every_form_of_a_token_is_overwritten() {
        let token = "aB3/x+y=z&w\"é q";
        let json = serde_json::to_string(token).unwrap();
        let php = json.replace('/', r"\/").replace('é', r"\u00e9");
        let percent = "aB3%2Fx%2By%3Dz%26w%22%C3%A9+q";
        let lower = "aB3%2fx%2by%3dz%26w%22%c3%a9%20q";
        let xml = "aB3/x+y=z&amp;w&quot;&#233; q";
        for form in [token, &json, &php, percent, lower, xml] {
            let text = format!("{{\"echo\": {form}, \"n\": 1}}");
            let out = scrubbed(token, &text);
            assert!(
                out.starts_with("{\"echo\": ") && out.ends_with(", \"n\": 1}"),
                "{out}"
            );
            let kept = out
                .trim_start_matches("{\"echo\": ")
                .trim_end_matches(", \"n\": 1}");
            assert!(
                kept.trim_matches('"').bytes().all(|b| b == b'*'),
                "{form}: {out}"
            );
        }
    }

    #[test]
    fn a_token_in_base64_is_found_at_every_alignment() {
        use base64::engine::general_purpose::{STANDARD, URL_SAFE};
        let token = "Tk-93f8a0c2d41e7b55";
        for prefix in ["", "a", "ab", "admin:", "user1:"] {
            for engine in [STANDARD, URL_SAFE] {
                let encoded = engine.encode(format!("{prefix}{token}"));
                let out = scrubbed(token, &format!("Basic {encoded}"));
                let stars = out.bytes().filter(|b| *b == b'*').count();
                assert!(stars >= 8 * token.len() / 6 - 2, "{prefix}: {out}");
            }
        }
    }

    #[test]
    fn other_text_is_left_as_it_is_and_messages_say_secret() {
        let s = Scrubber::new(&["hunter22"]);
        let text = "LOGIN admin hunter2 and aHVudGVyMjI= and hunter%32%32";
        assert_eq!(
            s.masked(text),
            "LOGIN admin hunter2 and <secret> and <secret>"
        );
        assert_eq!(Scrubber::new::<&str>(&[]).masked("a"), "a");
        assert_eq!(Scrubber::new(&[""]).masked("a"), "a");
    }
}

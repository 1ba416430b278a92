//! Which fields hold secrets, as data: stems found anywhere inside a field's name
//! (`rocommunity`, `ipsecpsk`, `bindpassword`), names matched on its whole words (`pass`, but
//! not `passthrough`), and a masker for lines quoted in notes and errors (a refused `LOGIN`, an
//! unrecognized `smtp set ldap_passwd ...`). Neutral: the words every vendor shares are in
//! `secrets.ron` here; each vendor's folder adds its own.

use std::sync::OnceLock;

/// What a masked value reads as.
pub const MASK: &str = "<secret>";

/// `text` with the password of every URL in it masked (`ftp://mirapoint:<secret>@host/…`),
/// and the value of each query parameter whose name says secret (`?password=<secret>`): MOS
/// fetches updates from URLs that carry their FTP or HTTP login. The user stays readable. A
/// password may hold `#`, `?`, `/` or a quoted space: the login runs to the URL's last `@`,
/// and more is masked rather than less.
pub fn mask_url_passwords(text: &str) -> std::borrow::Cow<'_, str> {
    match mask_well_formed(text) {
        std::borrow::Cow::Borrowed(text) => mask_loose_logins(text),
        std::borrow::Cow::Owned(masked) => {
            std::borrow::Cow::Owned(mask_loose_logins(&masked).into_owned())
        }
    }
}

/// A login in a URL typed wrong (`ftp:/mira:pw@host/x`, `ftp:\\mira:pw@host`, scp's
/// `mira:pw@host:/x`): a word with a slash in it, whose part before its last `@` holds a
/// colon after its last slash, or a colon at all when no slash comes before the `@`. What
/// follows that colon, up to the `@`, is masked. An address (`mailto:a@b`) has no slash.
fn mask_loose_logins(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += word.len();
        let word = word.trim_end();
        let Some(login_end) = word.rfind('@') else {
            continue;
        };
        let login = &word[..login_end];
        if !word.contains(['/', '\\']) || login.contains(MASK) {
            continue;
        }
        let from = login.rfind(['/', '\\']).map_or(0, |s| s + 1);
        if let Some(colon) = login[from..].find(':').map(|c| from + c) {
            if colon + 1 < login_end {
                out.push_str(&text[copied..start + colon + 1]);
                out.push_str(MASK);
                copied = start + login_end;
            }
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// The URLs written with `://`: [`mask_url_passwords`]' first pass.
fn mask_well_formed(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("://") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new();
    // `text[..copied]` is in `out`.
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = text[from..].find("://") {
        let start = from + at + 3;
        let end = url_end(&text[start..]) + start;
        let url = &text[start..end];
        if let Some(user_end) = url.rfind('@') {
            if let Some(colon) = url[..user_end].find(':') {
                out.push_str(&text[copied..start + colon + 1]);
                out.push_str(MASK);
                copied = start + user_end;
            }
        } else if let Some(colon) = unfinished_login(url) {
            // `ftp://user:password` with no `@host` (a URL typed short): what follows the colon
            // is no port, so it may be the password.
            out.push_str(&text[copied..start + colon + 1]);
            out.push_str(MASK);
            copied = end;
        }
        if let Some(query) = url.find('?') {
            let query_start = start + query + 1;
            let mut at = query_start;
            for pair in text[query_start..end].split(['&', ';']) {
                if let Some((name, value)) = pair.split_once('=') {
                    if !value.is_empty() && neutral().matches(name) && at >= copied {
                        let value_start = at + name.len() + 1;
                        out.push_str(&text[copied..value_start]);
                        out.push_str(MASK);
                        copied = value_start + value.len();
                    }
                }
                at += pair.len() + 1;
            }
        }
        from = end.max(start);
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// The colon of a URL's authority that has no `@` and whose colon is followed by no port
/// (`mira:Tr0ub4dor`, not `host:8080`): a login with its host left out.
fn unfinished_login(url: &str) -> Option<usize> {
    let authority = &url[..url.find(['/', '?', '#']).unwrap_or(url.len())];
    // An IPv6 host is bracketed: its colons are no login's.
    let colon = authority
        .strip_prefix('[')
        .map_or(authority.find(':'), |_| None)?;
    let after = &authority[colon + 1..];
    (!after.is_empty() && !after.bytes().all(|b| b.is_ascii_digit())).then_some(colon)
}

/// Where a URL written after its `://` ends: at white space outside double quotes, or at a
/// closing quote or the end of the text.
fn url_end(url: &str) -> usize {
    let mut quoted = false;
    for (at, c) in url.char_indices() {
        match c {
            '"' if quoted => quoted = false,
            '"' if url[at + 1..].contains('@') && url[..at].contains(':') => quoted = true,
            '"' | '\'' => return at,
            c if c.is_whitespace() && !quoted => return at,
            _ => {}
        }
    }
    url.len()
}

/// A list of secret field names, each as its lower-case words, and the stems that make any
/// word holding them a secret (`*password` in the lists: MOS runs words together, as in
/// `bindpassword` or `authpassword`).
#[derive(Debug, Clone, Default)]
pub struct SecretNames(Vec<Vec<String>>, Vec<String>, Vec<Vec<String>>);

/// An entry of a list: `*stem` (a stem matched inside any word), `command: words` (a command
/// whose every word after these is secret; `$` stands for any one word), or a name of whole
/// words.
fn add_entry(names: &mut SecretNames, entry: &str) {
    if let Some(form) = entry.strip_prefix("command:") {
        names
            .2
            .push(form.split_whitespace().map(str::to_lowercase).collect());
        return;
    }
    match entry.strip_prefix('*') {
        Some(stem) => names.1.push(stem.to_lowercase()),
        None => names.0.push(words(entry)),
    }
}

/// The words of a name: split at anything but a letter or digit, and where a lower-case letter
/// or digit meets an upper-case one (`apiKey`); lower-cased.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            last_lower = false;
            continue;
        }
        if c.is_uppercase() && last_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        last_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// How many of `tokens` the command form `form` takes, if they start with it. A word quoted
/// (`"user add"`, which holds a no-break space) is the word, and words run together
/// (`useradd`, once a zero-width space between them is read as nothing) are those words.
fn form_at(form: &[String], tokens: &[(usize, &str)]) -> Option<usize> {
    let (mut word, mut taken) = (0, 0);
    while word < form.len() {
        let token = tokens.get(taken)?.1.trim().trim_matches('"');
        if form[word] == "$" {
            word += 1;
        } else {
            let mut joined = String::new();
            let run = form[word..]
                .iter()
                .take_while(|w| *w != "$")
                .position(|w| {
                    joined.push_str(w);
                    joined.eq_ignore_ascii_case(token)
                })?;
            word += run + 1;
        }
        taken += 1;
    }
    Some(taken)
}

impl SecretNames {
    /// The names of a RON list (`["password", "api key"]`) on top of the neutral ones.
    pub fn with(ron_list: &str) -> Result<SecretNames, ron::error::SpannedError> {
        let names: Vec<String> = ron::from_str(ron_list)?;
        let mut all = neutral().clone();
        for name in &names {
            add_entry(&mut all, name);
        }
        Ok(all)
    }

    /// Whether a field of this name holds a secret: some entry's words appear, in a row, among
    /// the name's words.
    pub fn matches(&self, name: &str) -> bool {
        let name = words(name);
        let stem = |word: &String| self.1.iter().any(|s| word.contains(s.as_str()));
        name.iter().any(stem)
            || self.0.iter().any(|entry| {
                !entry.is_empty() && name.windows(entry.len()).any(|w| w == entry.as_slice())
            })
    }

    /// How many of `tokens` the command form (`login $`) they start with takes, if one does.
    fn command_at(&self, tokens: &[(usize, &str)]) -> Option<usize> {
        self.2.iter().find_map(|form| form_at(form, tokens))
    }

    /// A line with every secret it may hold masked: whatever follows a secret field's name
    /// (`name value`, `name=value`, `"name": value`), and whatever follows a command form of
    /// the list (the user of a `LOGIN`, the verb of an `AUTHENTICATE`). Masks too much rather
    /// than too little.
    pub(crate) fn mask_line(&self, line: &str) -> String {
        let masked = self.mask_words(line);
        if line.is_ascii() || masked != line {
            return masked;
        }
        // A command typed with a no-break, ideographic or zero-width space between its words
        // (`user\u{a0}add carol pw`) is the command: masked as its words read with ASCII
        // spaces, which is what is then shown.
        let spaced: String = line
            .chars()
            .map(|c| match c.is_whitespace() || super::text::hidden(c) {
                true => ' ',
                false => c,
            })
            .collect();
        match self.mask_words(&spaced) {
            respaced if respaced != spaced => respaced,
            _ => masked,
        }
    }

    /// [`SecretNames::mask_line`] of a line's words as they are.
    fn mask_words(&self, line: &str) -> String {
        let line = &*mask_url_passwords(line);
        let mut at = 0;
        let tokens: Vec<(usize, &str)> = line
            .split_inclusive(char::is_whitespace)
            .map(|t| {
                let start = at;
                at += t.len();
                (start, t)
            })
            .collect();
        for (i, (start, token)) in tokens.iter().enumerate() {
            let bare = token.trim();
            let cut = if let Some(form) = self.command_at(&tokens[i..]) {
                // The user of a `login` stays readable; the password after it does not.
                tokens.get(i + form).map(|(s, _)| *s)
            } else if let Some((key, _)) = bare.split_once(['=', ':']) {
                self.matches(key)
                    .then(|| start + token.find(['=', ':']).unwrap_or(0) + 1)
            } else if self.matches(bare) {
                tokens.get(i + 1).map(|(s, _)| *s)
            } else {
                None
            };
            // Nothing after the name (a `Password:` prompt): nothing to mask.
            if let Some(cut) = cut.filter(|c| !line.get(*c..).unwrap_or("").trim().is_empty()) {
                let kept = line.get(..cut).unwrap_or("");
                let space = if kept.ends_with(char::is_whitespace) {
                    " "
                } else {
                    ""
                };
                return format!("{}{space}{MASK}", kept.trim_end());
            }
        }
        line.to_string()
    }
}

/// A vendor's list (its `secrets.ron`, on top of the neutral one), read once into `cell`.
pub(crate) fn vendor_list(
    cell: &'static OnceLock<SecretNames>,
    ron_list: &str,
) -> &'static SecretNames {
    cell.get_or_init(|| {
        SecretNames::with(ron_list).expect("a shipped secrets.ron is valid (tested)")
    })
}

/// The neutral list, shipped in `src/secrets.ron`.
pub fn neutral() -> &'static SecretNames {
    static NEUTRAL: OnceLock<SecretNames> = OnceLock::new();
    NEUTRAL.get_or_init(|| {
        let names: Vec<String> = ron::from_str(include_str!("secrets.ron"))
            .expect("the shipped secrets.ron is valid (tested)");
        let mut all = SecretNames::default();
        for name in &names {
            add_entry(&mut all, name);
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_of_a_url_is_masked_and_its_user_kept() {
        let url = "ftp://mirapoint:FtpS3cret@192.0.2.50/patches/D4.mpu5?timeQuit=120s";
        assert_eq!(
            mask_url_passwords(url),
            "ftp://mirapoint:<secret>@192.0.2.50/patches/D4.mpu5?timeQuit=120s"
        );
        let two = "get http://a:p@x.example/1 then https://b:q:r@y.example:8443/2 \"ftp://c:s@z/\"";
        assert_eq!(
            mask_url_passwords(two),
            "get http://a:<secret>@x.example/1 then https://b:<secret>@y.example:8443/2 \"ftp://c:<secret>@z/\""
        );
        for (leaky, masked) in [
            (
                "ftp://ops:ab#cdLEAK@192.0.2.5/D4_x.mpu5",
                "ftp://ops:<secret>@192.0.2.5/D4_x.mpu5",
            ),
            ("ftp://ops:a?b/LEAK@h/f", "ftp://ops:<secret>@h/f"),
            ("ftp://ops:\"LEAK pw\"@h/f x", "ftp://ops:<secret>@h/f x"),
            (
                "http://h/D4.mpu5?user=ops&password=LEAKq&x=1",
                "http://h/D4.mpu5?user=ops&password=<secret>&x=1",
            ),
        ] {
            assert_eq!(mask_url_passwords(leaky), masked, "{leaky}");
        }
        // A URL typed wrong, or scp's form: the login is masked all the same.
        for (leaky, masked) in [
            (
                "update install ftp:/mira:Zq9pw@192.0.2.5/x.mpu5",
                "update install ftp:/mira:<secret>@192.0.2.5/x.mpu5",
            ),
            (
                "ftp:\\\\mira:Zq9pw@h\\x.mpu5",
                "ftp:\\\\mira:<secret>@h\\x.mpu5",
            ),
            ("ftp//mira:Zq9pw@h/x.mpu5", "ftp//mira:<secret>@h/x.mpu5"),
            (
                "mira:Zq9pw@192.0.2.5:/x.mpu5",
                "mira:<secret>@192.0.2.5:/x.mpu5",
            ),
            ("ftp:mira:Zq9pw@h/x.mpu5", "ftp:<secret>@h/x.mpu5"),
        ] {
            assert_eq!(mask_url_passwords(leaky), masked, "{leaky}");
        }
        // A login typed without its host: no port follows the colon, so it is masked, to the
        // URL's end.
        for (leaky, masked) in [
            (
                "update install ftp://mira:Tr0ub4dorEE",
                "update install ftp://mira:<secret>",
            ),
            ("ftp://mira:pw/LEAK?x=1 y", "ftp://mira:<secret> y"),
        ] {
            assert_eq!(mask_url_passwords(leaky), masked, "{leaky}");
        }
        for kept in [
            "http://x.example/a@b:c",
            "http://192.0.2.5:8080/D4.mpu5",
            "http://[2001:db8::1]/D4.mpu5",
            "http://[2001:db8::1]:8080/x",
            "ftp://anonymous@x.example/",
            "https://x.example:8443/p",
            "no url: a:b@c",
            "",
        ] {
            assert!(
                matches!(mask_url_passwords(kept), std::borrow::Cow::Borrowed(_)),
                "{kept}"
            );
        }
        assert_eq!(
            neutral().mask_line("update install ftp://u:pw@h/f.mpu5"),
            "update install ftp://u:<secret>@h/f.mpu5"
        );
    }

    #[test]
    fn run_together_names_holding_a_stem_are_secrets() {
        let n = neutral();
        for name in [
            "bindpassword",
            "authpassword",
            "setpassword",
            "ldap.bindpw",
            "authpass",
            "apitoken",
            "clientsecret",
            "rocommunity",
            "snmpcommunity",
            "presharedkey",
            "ipsecpsk",
            "sessionkey",
            "peerkey",
            "ldappwd",
            "radiussharedkey",
        ] {
            assert!(n.matches(name), "{name}");
        }
        for name in [
            "passthrough",
            "bypass",
            "maxmsgsum",
            "quarantinejunk",
            "fastpath",
            "compass",
            "keepalive",
            "keyword",
            "passlist",
        ] {
            assert!(!n.matches(name), "{name}");
        }
        assert_eq!(
            n.mask_line(r#"smtp set authpass "Q1w2e3""#),
            format!("smtp set authpass {MASK}")
        );
    }

    #[test]
    fn names_match_on_whole_words() {
        let n = neutral();
        for secret in [
            "sasl_passwd",
            "ldap.password",
            "ldap_passwd",
            "pwd",
            "pass",
            "api_key",
            "apikey",
            "apiKey",
            "X-Bearer-Token",
            "private_key",
            "psk",
            "snmp.community",
            "shared_secret",
            "relay.sasl.password",
            "domain.ldap_password",
        ] {
            assert!(n.matches(secret), "{secret}");
        }
        for plain in [
            "passthrough",
            "bypass",
            "compass",
            "ldap_user",
            "hostname",
            "keyword",
        ] {
            assert!(!n.matches(plain), "{plain}");
        }
    }

    #[test]
    fn lines_lose_what_follows_a_secret() {
        let n = neutral();
        assert_eq!(
            n.mask_line(r#"C: a001 LOGIN administrator "s3cret pass""#),
            "C: a001 LOGIN administrator <secret>"
        );
        assert_eq!(
            n.mask_line(r#"smtp set ldap_passwd "s3cret pass""#),
            "smtp set ldap_passwd <secret>"
        );
        assert_eq!(
            n.mask_line(r#"  "sasl_passwd": "x y","#),
            r#"  "sasl_passwd":<secret>"#
        );
        assert_eq!(n.mask_line("token=abc&user=1"), "token=<secret>");
        assert_eq!(n.mask_line("smtp set fastpath on"), "smtp set fastpath on");
        assert_eq!(n.mask_line("Password:"), "Password:");
        assert_eq!(n.mask_line("Password: hunter2"), "Password:<secret>");
        // A new user's password follows the user's name; the form is not known past it.
        assert_eq!(
            n.mask_line(r#"user add bob Tr0ub4dor11 "Bob Smith""#),
            "user add bob <secret>"
        );
        assert_eq!(
            n.mask_line(r#"C: a1 USER ADD bob "Tr0ub 4dor" "Bob""#),
            "C: a1 USER ADD bob <secret>"
        );
        assert_eq!(n.mask_line("user list"), "user list");
    }

    #[test]
    fn the_shipped_catalog_reads() {
        assert!(!neutral().0.is_empty());
    }
}

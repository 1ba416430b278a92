//! The fleet inventory: a small CSV, one appliance a line, in the spirit of RANCID's
//! `router.db`:
//!
//! ```text
//! host,vendor,port,user,credential-ref
//! rg01.example.net,mirapoint-mos,,administrator,env:RG01_PASSWORD
//! st01.example.net,spamtitan,,,file:/etc/carryover/st01.token
//! ```
//!
//! The header line is optional, `#` starts a comment line, and every field but `host` may be
//! empty (the command line's flags fill it). A credential is referenced (`env:NAME`,
//! `file:PATH`), never written here: anything else in that column is an error that does not
//! repeat the text, which may be a password.

use std::path::{Path, PathBuf};

use crate::base::error::{Error, Result};
use crate::base::message::Message;
use crate::message;

/// Where a credential is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialRef {
    /// An environment variable.
    Env(String),
    /// A file readable by its owner alone; relative to the inventory's folder.
    File(PathBuf),
}

/// One appliance of the inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The host name or address.
    pub host: String,
    /// The vendor's id (`mirapoint-mos`, `spamtitan`), if given.
    pub vendor: Option<String>,
    /// The port, if not the vendor's default.
    pub port: Option<u16>,
    /// The user to log in as.
    pub user: Option<String>,
    /// Where its password or token is.
    pub credential: Option<CredentialRef>,
    /// The line of the inventory it is on.
    pub line: u64,
}

/// Reads an inventory file.
pub fn read(path: &Path) -> Result<Vec<Entry>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::io(path.display().to_string(), e))?;
    parse(&text, &path.display().to_string(), path.parent())
}

/// Reads inventory text; `name` is the file's name for messages, `base` the folder relative
/// credential files are in.
pub fn parse(text: &str, name: &str, base: Option<&Path>) -> Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = Vec::new();
    // Line by line, so that a message names the line of the file, comments and blank lines
    // counted; an inventory field never spans lines.
    for (index, text) in text.lines().enumerate() {
        let line = index as u64 + 1;
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            continue;
        }
        let record = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes())
            .records()
            .next()
            .transpose()
            .map_err(|e| {
                let not_csv = message!("fetch-inventory-not-csv", reason = e.to_string());
                Error::file(format!("{name}:{line}"), not_csv)
            })?;
        let Some(record) = record else { continue };
        let at = |message: Message| Error::file(format!("{name}:{line}"), message);
        let field = |i: usize| record.get(i).filter(|f| !f.is_empty());
        if entries.is_empty() && field(0) == Some("host") {
            continue;
        }
        if record.len() > 5 {
            return Err(at(message!(
                "fetch-inventory-too-many-fields",
                count = record.len()
            )));
        }
        let host = field(0).ok_or_else(|| at(message!("fetch-inventory-host-empty")))?;
        check_host(host).map_err(at)?;
        let port = field(2)
            .map(|p| {
                p.parse::<u16>()
                    .ok()
                    .filter(|p| *p > 0)
                    .ok_or_else(|| at(message!("fetch-inventory-not-a-port", port = p)))
            })
            .transpose()?;
        let credential = field(4)
            .map(|c| {
                credential(c, base).ok_or_else(|| at(message!("fetch-inventory-not-a-reference")))
            })
            .transpose()?;
        // One host may serve several appliances on several ports (a lab, a simulator).
        if let Some(first) = entries
            .iter()
            .find(|e| e.host.eq_ignore_ascii_case(host) && e.port == port)
        {
            return Err(at(message!(
                "fetch-inventory-listed-twice",
                host = host,
                first = first.line
            )));
        }
        entries.push(Entry {
            host: host.to_string(),
            vendor: field(1).map(str::to_string),
            port,
            user: field(3).map(str::to_string),
            credential,
            line,
        });
    }
    if entries.is_empty() {
        return Err(Error::file(name, message!("fetch-inventory-empty")));
    }
    Ok(entries)
}

/// A host named on the command line: the entry its flags fill.
pub fn host(text: &str) -> Result<Entry> {
    check_host(text).map_err(Error::usage)?;
    Ok(Entry {
        host: text.to_string(),
        vendor: None,
        port: None,
        user: None,
        credential: None,
        line: 0,
    })
}

/// A host name or an address, and nothing that could reach a URL or a path.
fn check_host(host: &str) -> std::result::Result<(), Message> {
    let plain = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']'));
    if plain {
        Ok(())
    } else {
        Err(message!("fetch-not-a-host", host = host))
    }
}

fn credential(text: &str, base: Option<&Path>) -> Option<CredentialRef> {
    if let Some(name) = text.strip_prefix("env:") {
        let valid = !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        return valid.then(|| CredentialRef::Env(name.to_string()));
    }
    let file = text.strip_prefix("file:").filter(|f| !f.is_empty())?;
    let file = Path::new(file);
    Some(CredentialRef::File(match base {
        Some(base) if file.is_relative() => base.join(file),
        _ => file.to_path_buf(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_header_and_comments() {
        let text = "host,vendor,port,user,credential-ref\n\
                    # the RazorGates\n\
                    rg01.example.net,mirapoint-mos,,administrator,env:RG01_PASSWORD\n\
                    \n\
                    st01.example.net , spamtitan , 8443 , , file:st01.token\n\
                    rg02\n";
        let entries = parse(text, "fleet.csv", Some(Path::new("/etc/fleet"))).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].vendor.as_deref(), Some("mirapoint-mos"));
        assert_eq!(entries[0].port, None);
        assert_eq!(entries[0].user.as_deref(), Some("administrator"));
        assert_eq!(
            entries[0].credential,
            Some(CredentialRef::Env("RG01_PASSWORD".into()))
        );
        assert_eq!(entries[0].line, 3);
        assert_eq!(entries[1].port, Some(8443));
        assert_eq!(
            entries[1].credential,
            Some(CredentialRef::File("/etc/fleet/st01.token".into()))
        );
        assert_eq!(entries[2].host, "rg02");
        assert_eq!(entries[2].vendor, None);
        let lab = parse("lab,,10143\nlab,,10144\n", "f", None).unwrap();
        assert_eq!(lab.len(), 2, "one host, two ports: two appliances");
    }

    #[test]
    fn a_password_in_the_credential_column_is_refused_and_not_repeated() {
        let text = "rg01,mirapoint-mos,,admin,hunter2-Secret\n";
        let e = parse(text, "fleet.csv", None).unwrap_err().to_string();
        assert!(e.starts_with("fleet.csv:1: "), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
        let e = parse("rg01,,,,env:1BAD\n", "f", None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("fetch-inventory-not-a-reference"), "{e}");
    }

    #[test]
    fn a_host_on_the_command_line_is_one_host_not_a_line() {
        assert_eq!(host("rg01.example.net").unwrap().host, "rg01.example.net");
        for bad in ["rg01,spamtitan", "", "# rg01", "rg01/../x", "rg01 x"] {
            let e = host(bad).unwrap_err().to_string();
            assert!(e.contains("fetch-not-a-host"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn bad_lines_name_their_line() {
        for (text, says) in [
            ("rg01,,99999\n", "fetch-inventory-not-a-port port=99999"),
            ("rg01,,0\n", "fetch-inventory-not-a-port port=0"),
            (",mirapoint-mos\n", "fetch-inventory-host-empty"),
            (
                "rg01\nRG01\n",
                "fetch-inventory-listed-twice host=RG01 first=1",
            ),
            ("lab,,10143\nlab,,10143\n", "listed-twice host=lab first=1"),
            (
                "rg01,a,1,u,env:X,extra\n",
                "fetch-inventory-too-many-fields count=6",
            ),
            ("rg01/../x\n", "fetch-not-a-host host=rg01/../x"),
            ("\n# nothing\n", "fetch-inventory-empty"),
        ] {
            let e = parse(text, "fleet.csv", None).unwrap_err().to_string();
            assert!(e.contains(says), "{text:?}: {e}");
            assert!(e.starts_with("fleet.csv"), "{e}");
        }
    }
}

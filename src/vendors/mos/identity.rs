//! Which appliance a MOS capture is of, read cheaply from its first lines: the first prompt
//! of a CLI log, the `# host:` header of an export, the greeting of a transcript.

use super::syntax::cli::{classify_line, LineKind};
use crate::model::SourceKind;

/// How many lines to look at before giving up.
const LOOK: usize = 2000;

/// The host name a capture names, lower-cased and in full (a prompt before 4.2 shows the FQDN,
/// after it the short name), if any.
pub fn host(text: &str, kind: SourceKind) -> Option<String> {
    let mut lines = text.lines().take(LOOK);
    let found = match kind {
        SourceKind::CliLog => {
            lines
                .filter(|l| l.contains(['>', '#', '$']))
                .find_map(|l| match classify_line(l) {
                    LineKind::Prompt { prompt, .. } if !prompt.host.eq_ignore_ascii_case("cli") => {
                        Some(prompt.host.to_string())
                    }
                    _ => None,
                })
        }
        SourceKind::Export => lines
            .take_while(|l| l.starts_with('#') || l.trim().is_empty())
            .find_map(|l| {
                let (key, value) = l.trim_start_matches('#').split_once(':')?;
                matches!(
                    key.trim().to_ascii_lowercase().as_str(),
                    "host" | "hostname"
                )
                .then(|| value.trim().to_string())
            }),
        SourceKind::Protocol => lines.find_map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let i = words
                .iter()
                .position(|w| w.eq_ignore_ascii_case("admind"))?;
            (i >= 1).then(|| words[i - 1].to_string())
        }),
    }?;
    let host = crate::model::identity::normalize(&found);
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_names_its_host() {
        assert_eq!(
            host("Trying...\nrg01.example.jp> version\n", SourceKind::CliLog).as_deref(),
            Some("rg01.example.jp")
        );
        assert_eq!(host("CLI> version\n", SourceKind::CliLog), None);
        assert_eq!(
            host(
                "# x\n# host: MS01.example.com\nsmtp set a b\n",
                SourceKind::Export
            )
            .as_deref(),
            Some("ms01.example.com")
        );
        assert_eq!(
            host(
                "S: * OK rg02.example.net admind 4.2.3\n",
                SourceKind::Protocol
            )
            .as_deref(),
            Some("rg02.example.net")
        );
    }
}

//! Which kind of MOS capture a text is, on evidence from the whole of it (or a large sample
//! spread across it): for each kind, the share of lines it explains and the structural anchors
//! it found. One banner line explains one line and anchors nothing, so it never decides.
//!
//! - CLI log: a prompt with a command, answered up to `OK`, `NO` or `BAD` (a triple).
//! - Admin-protocol transcript: a tagged command and the completion with its tag (a pair).
//! - Config export: a command the catalog knows (with its literal or dot block), header
//!   comments such as `# host:`.

use super::catalog::Catalog;
use super::syntax::cli::{classify_line, looks_like_prompt, LineKind};
use crate::base::message::Message;
use crate::model::SourceKind;

/// Texts up to this size are weighed whole; larger ones by three windows of a third of it.
const WHOLE: usize = 768 << 10;

/// The share of a text's lines a kind must explain for its anchors to count in full: below
/// it, the claim stays under [`crate::vendors::CLEAR_SCORE`].
const MOSTLY: f64 = 0.5;

/// How well one kind explains a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weight {
    /// The kind weighed.
    pub kind: SourceKind,
    /// 0 (no evidence) to 100.
    pub score: u8,
    /// Non-blank lines of the sample the kind explains.
    pub explained: usize,
    /// Non-blank lines weighed.
    pub lines: usize,
    /// Structural anchors found (triples, pairs, known commands).
    pub anchors: usize,
}

impl Weight {
    fn new(kind: SourceKind, explained: usize, lines: usize, anchors: usize) -> Weight {
        let coverage = if lines == 0 {
            0.0
        } else {
            explained.min(lines) as f64 / lines as f64
        };
        // Lines explained without any structure are no evidence: prose splits into words too.
        // Structure that explains less than half of the text is a few commands quoted in
        // something else (a README, a ticket): a weak claim, however many anchors it has.
        let score = if anchors == 0 {
            (10.0 * coverage).round()
        } else if coverage < MOSTLY {
            (10.0 + 38.0 * coverage).round()
        } else {
            (30.0 + 50.0 * coverage + 5.0 * anchors.min(4) as f64).min(100.0)
        };
        Weight {
            kind,
            score: score as u8,
            explained,
            lines,
            anchors,
        }
    }

    /// What the score rests on, for messages.
    pub fn evidence(&self) -> Message {
        let (anchors, explained, lines) = (self.anchors, self.explained, self.lines);
        match self.kind {
            SourceKind::CliLog => crate::message!(
                "mos-evidence-cli",
                anchors = anchors,
                explained = explained,
                lines = lines
            ),
            SourceKind::Protocol => crate::message!(
                "mos-evidence-protocol",
                anchors = anchors,
                explained = explained,
                lines = lines
            ),
            SourceKind::Export => crate::message!(
                "mos-evidence-export",
                anchors = anchors,
                explained = explained,
                lines = lines
            ),
        }
    }
}

/// How well each MOS kind explains `text`, best first.
pub(crate) fn weigh(text: &str) -> Vec<Weight> {
    let lines = sample(text);
    let mut weights = vec![cli(&lines), protocol(&lines), export(&lines)];
    weights.sort_by_key(|w| std::cmp::Reverse(w.score));
    weights
}

/// The lines weighed: all of them, or three windows (head, middle, tail) of a large text.
fn sample(text: &str) -> Vec<&str> {
    if text.len() <= WHOLE {
        return text.lines().collect();
    }
    let window = WHOLE / 3;
    let mut lines = Vec::new();
    for start in [0, text.len() / 2 - window / 2, text.len() - window] {
        let mut from = start;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        if from > 0 {
            // Start at the next whole line.
            from = text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
        }
        let mut to = (from + window).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        lines.extend(text[from..to].lines());
    }
    lines
}

fn is_completion(line: &str) -> bool {
    let mut words = line.split_whitespace();
    matches!(words.next(), Some("OK" | "NO" | "BAD")) && !line.starts_with(char::is_whitespace)
}

fn cli(lines: &[&str]) -> Weight {
    let (mut explained, mut anchors, mut nonblank) = (0, 0, 0);
    // Lines since the last command at a prompt, while it is unanswered.
    let mut open: Option<usize> = None;
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        nonblank += 1;
        if looks_like_prompt(line) {
            if let LineKind::Prompt {
                words, unparsed, ..
            } = classify_line(line)
            {
                explained += 1;
                open = (!words.is_empty() || unparsed).then_some(0);
                continue;
            }
        }
        match open.as_mut() {
            Some(pending) if is_completion(line) => {
                anchors += 1;
                explained += *pending + 1;
                open = None;
            }
            Some(pending) => *pending += 1,
            None => {}
        }
    }
    Weight::new(SourceKind::CliLog, explained, nonblank, anchors)
}

/// A line without a transcript's direction prefix (`C: `, `S: `).
fn undirected(line: &str) -> &str {
    ["C: ", "S: ", "C:", "S:"]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .unwrap_or(line)
}

fn is_tag(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

fn protocol(lines: &[&str]) -> Weight {
    let (mut explained, mut anchors, mut nonblank) = (0, 0, 0);
    // The open command's tag and the lines since it.
    let mut open: Option<(&str, usize)> = None;
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        nonblank += 1;
        let line = undirected(line);
        let mut words = line.split_whitespace();
        let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let status = matches!(second, "OK" | "NO" | "BAD");
        match open.as_mut() {
            Some((tag, pending)) if status && first == *tag => {
                anchors += 1;
                explained += *pending + 1;
                open = None;
            }
            _ if first == "*" && second == "OK" && line.contains("admind") => explained += 1,
            _ if is_tag(first) && !second.is_empty() && !status && !line.contains('>') => {
                open = Some((first, 0));
            }
            // An admind data line repeats its command's tag after the star; an untagged one
            // (`* 12 EXISTS`) is IMAP's, and explains nothing.
            Some((tag, _)) if first == "*" && second != *tag => {}
            Some((_, pending)) => *pending += 1,
            None => {}
        }
    }
    Weight::new(SourceKind::Protocol, explained, nonblank, anchors)
}

fn export(lines: &[&str]) -> Weight {
    let catalog = Catalog::get();
    let (mut explained, mut anchors, mut nonblank) = (0, 0, 0);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.trim().is_empty() {
            continue;
        }
        nonblank += 1;
        if let Some(comment) = line.strip_prefix('#') {
            explained += 1;
            let key = comment.split(':').next().unwrap_or("").trim();
            if comment.contains(':') && matches!(key, "host" | "hostname" | "version") {
                anchors += 1;
            }
            continue;
        }
        let mut words: Vec<&str> = line
            .split_whitespace()
            .map(|w| w.trim_matches('"'))
            .collect();
        let literal = words.last().and_then(|w| {
            w.strip_prefix('{')?
                .strip_suffix('}')?
                .parse::<usize>()
                .ok()
        });
        if literal.is_some() {
            words.pop();
            words.push("{literal}");
        }
        let Some((command, _)) = catalog.lookup(&words) else {
            continue;
        };
        anchors += 1;
        explained += 1;
        let mut body = 0;
        if let Some(bytes) = literal {
            let mut taken = 0;
            while taken < bytes && i + body < lines.len() {
                taken += lines[i + body].len() + 1;
                body += 1;
            }
        } else if command.reads_block {
            while i + body < lines.len() && lines[i + body].trim_end() != "." {
                body += 1;
            }
            body += usize::from(i + body < lines.len());
        }
        let counted = lines[i..i + body]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .count();
        explained += counted;
        nonblank += counted;
        i += body;
    }
    Weight::new(SourceKind::Export, explained, nonblank, anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(text: &str) -> SourceKind {
        weigh(text)[0].kind
    }

    #[test]
    fn a_banner_line_never_decides() {
        for banner in [
            "Disk OK",
            "Login OK",
            "0 NO messages",
            "# note",
            "* OK host admind",
        ] {
            let log = format!("{banner}\nrg01> smtp get fastpath\noff\nOK Completed\n");
            assert_eq!(best(&log), SourceKind::CliLog, "{banner}");
        }
    }

    #[test]
    fn each_kind_wins_on_its_own_structure() {
        assert_eq!(
            best("* OK rg admind 4.2.3\na1 smtp get fastpath\n* a1 off\na1 OK done\n"),
            SourceKind::Protocol
        );
        assert_eq!(
            best("smtp set fastpath on\nuce addexception primary whitelist a@x.jp\n"),
            SourceKind::Export
        );
        assert_eq!(
            best("# Mirapoint configuration export\n# host: rg01\nsmtp set fastpath on\n"),
            SourceKind::Export
        );
    }

    #[test]
    fn a_text_that_quotes_a_few_commands_is_no_clear_capture() {
        let mut readme = String::from("# carryover\n\nIt reads captures.\n\n```\n");
        readme.push_str("smtp set fastpath on\nsmtp get fastpath\nversion\nlicense status\n```\n");
        for i in 0..20 {
            readme.push_str(&format!("A line of prose, number {i}, about the tool.\n"));
        }
        let best = &weigh(&readme)[0];
        assert!(best.anchors >= 4, "{best:?}");
        assert!(best.score < crate::vendors::CLEAR_SCORE, "{best:?}");
        assert!(best.score > 0, "{best:?}");
    }

    #[test]
    fn a_large_text_is_weighed_by_windows_cut_at_whole_characters() {
        let mut log = String::from("# banner\n");
        let mut i = 0;
        while log.len() < 3 * WHOLE {
            log.push_str(&format!(
                "rg01> branding get quotamsg\n{{13}}\n容量超過{i}\nOK Completed\n"
            ));
            i += 1;
        }
        let weights = weigh(&log);
        assert_eq!(weights[0].kind, SourceKind::CliLog);
        assert!(
            weights[0].lines < log.lines().count(),
            "a sample, not the whole"
        );
        assert!(weights[0].score >= 80, "{weights:?}");
    }

    #[test]
    fn prose_explains_little() {
        let w = weigh("This is a page of prose.\nIt holds no prompt.\nOK then, bye.\n");
        assert!(w.iter().all(|w| w.score <= 10), "{w:?}");
    }
}

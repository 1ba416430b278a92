//! Findings of `gaps` and `plan` as a SARIF 2.1.0 log, for GitHub code scanning
//! (`github/codeql-action/upload-sarif`) and other SARIF viewers.
//!
//! One run; its tool is `carryover` at this crate's version, with one rule per rule id that
//! has a result. Each finding gives one result per capture line it was read from (as the
//! `github` format gives one annotation), with the level of [`super::github`]'s table: found
//! error `error`, found warning `warning`, found info and not captured `note`; findings that
//! are fine give none. A location is the capture file as a relative URI reference (forward
//! slashes, percent-encoded; an absolute path as a `file:` URI) and the line.
//!
//! GitHub code scanning rejects a whole upload in which one result has no location, so a
//! finding that names no line (a precondition, a release-wide caution) is placed at line 1 of
//! the first capture file the report cites, with a location message that says so. A report
//! that cites no file at all leaves such results without locations: valid SARIF, but not for
//! code scanning.
//!
//! The run's `automationDetails.id` is `carryover/<command>/<appliance>/`, so the logs of
//! several appliances uploaded from one workflow stay apart. Each result carries the finding's
//! status and remedy in its property bag; each rule's help is its first finding's remedy.

use std::fmt::Write;

use serde::Serialize;

use crate::ops::Status;

use super::report::{level_in, message, spots, Finding, Heading, Level, Spot};

/// The `$schema` a log names: the SARIF 2.1.0 schema as JSON Schema Store serves it.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    automation_details: AutomationDetails,
    results: Vec<SarifResult<'a>>,
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    short_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Text>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct AutomationDetails {
    id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    status: Status,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    remedy: &'a [String],
}

#[derive(Serialize)]
struct RunProperties<'a> {
    command: &'a str,
    appliance: Option<&'a str>,
    from: Option<&'a str>,
    to: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    blocking: Option<&'a [String]>,
}

/// `path` as a URI reference: a relative path stays relative (`./` dropped), with forward
/// slashes; an absolute path becomes a `file:` URI. Every byte but the unreserved characters
/// and `/` is percent-encoded, so `:` in a relative path cannot pass for a scheme and `#`, `?`
/// or a space cannot end the path.
pub fn artifact_uri(path: &str) -> String {
    let path = match std::path::MAIN_SEPARATOR {
        '\\' => path.replace('\\', "/"),
        _ => path.to_string(),
    };
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r.trim_start_matches('/');
    }
    let bytes = rest.as_bytes();
    if bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && &bytes[1..3] == b":/" {
        // A Windows drive path, `C:/caps/rg01.log`.
        return format!("file:///{}:{}", &rest[..1], encode(&rest[2..]));
    }
    if rest.starts_with('/') {
        return format!("file://{}", encode(rest));
    }
    encode(rest)
}

fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn physical(path: &str, line: u32) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: artifact_uri(path),
        },
        region: Region { start_line: line },
    }
}

/// The findings as a SARIF 2.1.0 log (pretty JSON, one line end at the end).
pub fn log(heading: &Heading<'_>, findings: &[Finding]) -> String {
    // Where findings that name no line are placed: the first file the report cites.
    let anchor = findings
        .iter()
        .flat_map(spots)
        .find_map(|s| s.path)
        .map(str::to_owned);
    let mut rules: Vec<Rule<'_>> = Vec::new();
    let mut results = Vec::new();
    for f in findings {
        let Some(level) = level_in(heading, f) else {
            continue;
        };
        let rule_index = rule_index(&mut rules, f);
        for spot in spots(f) {
            results.push(SarifResult {
                rule_id: &f.rule,
                rule_index,
                level: match level {
                    Level::Error => "error",
                    Level::Warning => "warning",
                    Level::Note => "note",
                },
                message: Text {
                    text: message(f, &spot),
                },
                locations: location(&spot, anchor.as_deref()).into_iter().collect(),
                properties: ResultProperties {
                    status: f.status,
                    remedy: &f.remedy,
                },
            });
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [run(heading, rules, results)],
    };
    let mut text = serde_json::to_string_pretty(&log).expect("a SARIF log serializes");
    text.push('\n');
    text
}

/// The index of the finding's rule among `rules`, added with the finding's summary and
/// remedy when it is the rule's first.
fn rule_index<'a>(rules: &mut Vec<Rule<'a>>, f: &'a Finding) -> usize {
    if let Some(i) = rules.iter().position(|r| r.id == f.rule) {
        return i;
    }
    rules.push(Rule {
        id: &f.rule,
        short_description: Text {
            text: f.summary.clone(),
        },
        help: (!f.remedy.is_empty()).then(|| Text {
            text: format!("Remedy:\n{}", f.remedy.join("\n")),
        }),
    });
    rules.len() - 1
}

/// Where a result is: its capture line, else line 1 of the report's first file (`anchor`)
/// with a message that says so, else nowhere.
fn location(spot: &Spot<'_>, anchor: Option<&str>) -> Option<Location> {
    match (spot.path, anchor) {
        (Some(path), _) => Some(Location {
            physical_location: physical(path, spot.line.unwrap_or(1)),
            message: None,
        }),
        (None, Some(anchor)) => Some(Location {
            physical_location: physical(anchor, 1),
            message: Some(Text {
                text: "No capture line holds this finding: it is about the appliance \
                       or the upgrade as a whole."
                    .into(),
            }),
        }),
        (None, None) => None,
    }
}

/// The log's one run: carryover as its tool, the rules and results, the heading.
fn run<'a>(heading: &Heading<'a>, rules: Vec<Rule<'a>>, results: Vec<SarifResult<'a>>) -> Run<'a> {
    Run {
        tool: Tool {
            driver: Driver {
                name: "carryover",
                version: env!("CARGO_PKG_VERSION"),
                semantic_version: env!("CARGO_PKG_VERSION"),
                rules,
            },
        },
        automation_details: AutomationDetails {
            id: format!(
                "carryover/{}/{}/",
                heading.command,
                heading.appliance.unwrap_or("unknown")
            ),
        },
        results,
        properties: RunProperties {
            command: heading.command,
            appliance: heading.appliance,
            from: heading.from,
            to: heading.to,
            blocking: heading.blocking,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Severity;

    #[test]
    fn relative_paths_stay_relative_and_are_percent_encoded() {
        assert_eq!(
            artifact_uri("samples/mos/rg01-4.1.9-before.log"),
            "samples/mos/rg01-4.1.9-before.log"
        );
        assert_eq!(artifact_uri("./caps/rg01.log"), "caps/rg01.log");
        assert_eq!(artifact_uri("../caps/rg01.log"), "../caps/rg01.log");
        // `:` in a first segment would read as a scheme; space, `#`, `?`, `%` end or change a
        // URI; non-ASCII is encoded as its UTF-8 bytes.
        assert_eq!(
            artifact_uri("a:b/c d#e?f%g,h/設定.log"),
            "a%3Ab/c%20d%23e%3Ff%25g%2Ch/%E8%A8%AD%E5%AE%9A.log"
        );
        assert_eq!(
            artifact_uri("/srv/caps/rg01.log"),
            "file:///srv/caps/rg01.log"
        );
        assert_eq!(
            artifact_uri("C:/caps/rg 01.log"),
            "file:///C:/caps/rg%2001.log"
        );
    }

    #[test]
    fn a_finding_without_a_line_is_placed_at_the_first_cited_file() {
        let heading = Heading {
            command: "plan",
            appliance: Some("st01"),
            from: Some("7.08"),
            to: "7.09",
            blocking: Some(&[]),
        };
        let f = |rule: &str, status, evidence: &[&str]| Finding {
            rule: rule.into(),
            severity: Severity::Error,
            status,
            summary: format!("{rule} summary"),
            items: vec![],
            evidence: evidence.iter().map(|s| s.to_string()).collect(),
            remedy: vec!["GUI: do it".into()],
            steps: vec![],
            phase: None,
        };
        let findings = [
            f("A", Status::Found, &[]),
            f("B", Status::Ok, &["st01/version.txt:1"]),
            f("C", Status::Found, &["st01/api/relay.json:3"]),
        ];
        let log: serde_json::Value = serde_json::from_str(&log(&heading, &findings)).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap();
        // B is fine: no result, but its file is the first the report cites.
        assert_eq!(results.len(), 2);
        let uri = |r: &serde_json::Value| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].clone()
        };
        assert_eq!(results[0]["ruleId"], "A");
        assert_eq!(uri(&results[0]), "st01/version.txt");
        assert!(results[0]["locations"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("No capture line"));
        assert_eq!(results[1]["ruleId"], "C");
        assert_eq!(uri(&results[1]), "st01/api/relay.json");
        assert_eq!(
            results[1]["locations"][0]["physicalLocation"]["region"]["startLine"],
            3
        );
        assert_eq!(log["runs"][0]["tool"]["driver"]["rules"][1]["id"], "C");
        assert_eq!(results[1]["ruleIndex"], 1);
        assert_eq!(
            log["runs"][0]["automationDetails"]["id"],
            "carryover/plan/st01/"
        );

        // Nothing cited anywhere: no location rather than an invented one.
        let log: serde_json::Value =
            serde_json::from_str(&super::log(&heading, &findings[..1])).unwrap();
        assert!(log["runs"][0]["results"][0].get("locations").is_none());
    }
}

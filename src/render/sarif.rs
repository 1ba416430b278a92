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
//! status and remedy in its property bag, and a `partialFingerprints` entry made of the rule,
//! the appliance and the items only (never a line number), so a viewer follows one finding
//! from run to run.
//!
//! A rule is described by what it is, never by one appliance's finding: its title
//! (`shortDescription`), its cost (`fullDescription`), its page as `carryover rule ID` prints
//! it (`help`, text and Markdown), and the level of its severity
//! (`defaultConfiguration.level`). `helpUri` is written only when a base URL is given
//! (`--help-uri-base`): the page is then `<base>/<ID>.md`, as `docs/rules/` holds it.

use std::fmt::Write;

use serde::Serialize;

use crate::commands::rule;
use crate::knowledge::Severity;
use crate::ops::{self, Status};

use super::report::{
    level_in, lines, message, spots, step_view, Finding, Heading, Level, Spot, StepView,
};
use super::rule_page;

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
    full_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Help>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

/// A rule's page, as plain text and as Markdown.
#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
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
    partial_fingerprints: Fingerprints,
    properties: ResultProperties,
}

/// What identifies a result across runs, line numbers aside.
#[derive(Serialize)]
struct Fingerprints {
    /// A hash of the rule, the appliance and the items, as 16 hexadecimal digits.
    #[serde(rename = "carryover/v1")]
    carryover: String,
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
struct ResultProperties {
    status: Status,
    /// The remedy's typed steps, on a finding's first result only (its others cite more
    /// places of the same finding).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    remedy: Vec<StepView>,
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

/// A `gaps` or `plan` report as a SARIF 2.1.0 log, made in the stored language; with a
/// `help_uri_base`, each rule's `helpUri` is its page under it.
pub fn report(report: &crate::commands::findings::Report, help_uri_base: Option<&str>) -> String {
    let heading = Heading::of(report);
    super::message::for_machines(|| log(&heading, &report.findings, help_uri_base))
}

/// The findings as a SARIF 2.1.0 log (pretty JSON, one line end at the end).
pub fn log(
    heading: &Heading<'_>,
    findings: &[ops::Finding],
    help_uri_base: Option<&str>,
) -> String {
    let flat: Vec<Finding> = findings.iter().map(lines).collect();
    // Where findings that name no line are placed: the first file the report cites.
    let anchor = flat
        .iter()
        .flat_map(spots)
        .find_map(|s| s.path)
        .map(str::to_owned);
    let mut rules: Vec<Rule<'_>> = Vec::new();
    let mut results = Vec::new();
    for (typed, f) in findings.iter().zip(&flat) {
        let Some(level) = level_in(heading, f) else {
            continue;
        };
        let rule_index = rule_index(&mut rules, f, help_uri_base);
        let steps: Vec<StepView> = super::knowledge_words::localized(typed)
            .remedy
            .iter()
            .map(step_view)
            .collect();
        for (nth, spot) in spots(f).into_iter().enumerate() {
            results.push(SarifResult {
                rule_id: &f.rule,
                rule_index,
                level: level_name(level),
                message: Text {
                    text: message(f, &spot),
                },
                locations: location(&spot, anchor.as_deref()).into_iter().collect(),
                partial_fingerprints: fingerprints(heading, typed, f, &spot),
                properties: ResultProperties {
                    status: f.status,
                    remedy: if nth == 0 { steps.clone() } else { Vec::new() },
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

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

/// The index of the finding's rule among `rules`, added, described by what the rule is, when
/// it is the rule's first.
fn rule_index<'a>(rules: &mut Vec<Rule<'a>>, f: &'a Finding, help_uri_base: Option<&str>) -> usize {
    if let Some(i) = rules.iter().position(|r| r.id == f.rule) {
        return i;
    }
    let known = rule::find(&f.rule).ok();
    let severity = known.as_ref().map_or(f.severity, rule_page::severity);
    rules.push(Rule {
        id: &f.rule,
        short_description: Text {
            // A rule every report names has a page; its finding's words stand in for one that
            // has none, rather than no description.
            text: known
                .as_ref()
                .map_or_else(|| f.summary.clone(), rule_page::title),
        },
        full_description: known
            .as_ref()
            .map(rule_page::cost)
            .filter(|cost| !cost.is_empty())
            .map(|text| Text { text }),
        help: known.as_ref().map(|rule| Help {
            text: rule_page::text(rule),
            markdown: rule_page::page(rule),
        }),
        help_uri: help_uri_base.map(|base| format!("{}/{}.md", base.trim_end_matches('/'), f.rule)),
        default_configuration: Configuration {
            level: match severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            },
        },
    });
    rules.len() - 1
}

/// The result's fingerprint: its rule, the appliance and the items at its place, by their
/// scope and value (not their line, nor carryover's note on them).
fn fingerprints(
    heading: &Heading<'_>,
    typed: &ops::Finding,
    f: &Finding,
    spot: &Spot<'_>,
) -> Fingerprints {
    let mut key = format!("{}\0{}", f.rule, heading.appliance.unwrap_or(""));
    for item in &spot.items {
        // The item's words are one of the finding's own: its typed item has the same index.
        let typed_item = f
            .items
            .iter()
            .position(|i| std::ptr::eq(i.as_str(), *item))
            .and_then(|i| typed.items.get(i));
        match typed_item {
            Some(i) => {
                let scope = i.scope.as_deref().unwrap_or("");
                let _ = write!(key, "\0{scope}\0{}", i.named_value());
            }
            None => {
                let _ = write!(key, "\0{item}");
            }
        }
    }
    Fingerprints {
        carryover: format!("{:016x}", fnv1a(key.as_bytes())),
    }
}

/// The 64-bit FNV-1a hash: fixed by its definition, so the same on every build and platform.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
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
        let f = |rule: &str, status, evidence: &[(&str, u32)]| {
            let mut f = ops::Finding::new(
                rule,
                Severity::Error,
                status,
                crate::message!("finding-title", title = format!("{rule} summary")),
            );
            f.at = evidence
                .iter()
                .map(|(path, line)| ops::Evidence {
                    path: path.to_string(),
                    line: *line,
                })
                .collect();
            f.remedy.push(ops::Step::check_note("do it"));
            f
        };
        let findings = [
            f("A", Status::Found, &[]),
            f("B", Status::Ok, &[("st01/version.txt", 1)]),
            f("C", Status::Found, &[("st01/api/relay.json", 3)]),
        ];
        let log: serde_json::Value = serde_json::from_str(&log(&heading, &findings, None)).unwrap();
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
            serde_json::from_str(&super::log(&heading, &findings[..1], None)).unwrap();
        assert!(log["runs"][0]["results"][0].get("locations").is_none());
    }
}

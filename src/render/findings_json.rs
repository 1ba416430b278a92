//! `gaps --format json` and `plan --format json`: each finding as an object, built from the
//! typed [`ops::Finding`]. An item is `{scope, name, value, note, evidence: {path, line}}` with its
//! whole value (a person's rendering may shorten it; a script reads all of it), so nothing
//! pairs by position; a summary is words in the stored language; a remedy step is typed.

use serde::Serialize;

use crate::knowledge::Severity;
use crate::ops::{self, Evidence, Status};

use super::report::{self, Heading};
use super::FORMAT_VERSION;

/// `gaps --format json` and `plan --format json`.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Document<'a> {
    /// The version of this document's shape.
    format_version: u32,
    /// The appliance's host name; null: not captured.
    appliance: Option<&'a str>,
    /// The version upgraded from; null: not captured.
    from: Option<&'a str>,
    /// The version upgraded to.
    to: &'a str,
    /// `plan` only: the rules that block the upgrade.
    #[serde(skip_serializing_if = "Option::is_none")]
    blocking: Option<&'a [String]>,
    /// What each rule says, in the report's order.
    findings: Vec<Finding>,
}

/// One thing a rule says about the captures.
#[derive(Serialize, schemars::JsonSchema)]
struct Finding {
    /// The rule's id (`MOS-4.2.3-KI-6`, or `carryover-...` for carryover's own checks);
    /// `carryover rule ID` explains it.
    rule: String,
    /// How much it matters: the rule's severity when it applies, info otherwise.
    severity: Severity,
    /// Whether it is about something captured, missing from the captures, or fine.
    status: Status,
    /// What was found, in one line of words.
    summary: String,
    /// The settings, entries or messages concerned, each with where it was read.
    items: Vec<Item>,
    /// Where the finding as a whole was read, when it names no item (a setting checked fine).
    at: Vec<Evidence>,
    /// What to do, step by step, each step typed by where it is taken.
    remedy: Vec<report::StepView>,
    /// When in the upgrade its work is done: `before`, `during` or `after`; null: no rule
    /// gives one.
    phase: Option<crate::knowledge::Phase>,
}

/// One setting, entry or message a finding is about.
#[derive(Serialize, schemars::JsonSchema)]
struct Item {
    /// The scope it belongs to (a domain, `system`, a trusted-host group); null: none.
    scope: Option<String>,
    /// The setting's name (`smtp.fastpath`, or an item path); null: the item is a value alone
    /// (an address, a host).
    name: Option<String>,
    /// The item itself as the captures hold it, whole: a setting's value (`off`), an address.
    value: String,
    /// What carryover adds about it (`key captured`); null: nothing.
    note: Option<String>,
    /// Where it was read; null: no capture line holds it.
    evidence: Option<Evidence>,
}

/// The report as a JSON document (pretty, one line end at the end). Called in the stored
/// language ([`super::message::for_machines`]).
pub(crate) fn document(heading: &Heading<'_>, findings: &[ops::Finding]) -> String {
    let document = Document {
        format_version: FORMAT_VERSION,
        appliance: heading.appliance,
        from: heading.from,
        to: heading.to,
        blocking: heading.blocking,
        findings: findings.iter().map(finding).collect(),
    };
    super::json(&document)
}

fn finding(f: &ops::Finding) -> Finding {
    let words = report::lines(f);
    // The rule's own texts (titles, console steps) in the stored language.
    let localized = super::knowledge_words::localized(f);
    Finding {
        rule: f.rule.clone(),
        severity: f.severity,
        status: f.status,
        summary: words.summary,
        items: f.items.iter().map(item).collect(),
        at: f.at.clone(),
        remedy: localized.remedy.iter().map(report::step_view).collect(),
        phase: f.phase,
    }
}

fn item(item: &ops::Item) -> Item {
    Item {
        scope: item.scope.clone(),
        name: item.name.clone(),
        value: item.value.clone(),
        note: item.note.as_ref().map(report::said),
        evidence: item.evidence.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message;
    use crate::ops::Step;

    #[test]
    fn an_item_is_an_object_with_its_whole_value_and_its_own_evidence() {
        let mut f = ops::Finding::new(
            "MOS-4.2.3-KI-8",
            Severity::Warning,
            Status::Found,
            message!("finding-title", title = "A message reverts"),
        );
        let at = Evidence {
            path: "rg01.log".into(),
            line: 49,
        };
        let text = "Your mailbox is over its quota.\nDelete some mail.";
        let message = ops::Item::setting("branding.quotamsg", text, at.clone());
        f.items.push(message.within("system"));
        f.items
            .push(ops::Item::at("10.0.0.1", at.clone()).noted(message!("item-key-captured")));
        f.remedy.push(Step::run("smtp set quarantinejunk on"));
        f.remedy.push(Step::check_note("Check the queue."));
        let heading = Heading {
            command: "gaps",
            appliance: Some("rg01"),
            from: None,
            to: "4.2.3",
            blocking: None,
        };
        let json: serde_json::Value =
            serde_json::from_str(&document(&heading, &[f])).expect("JSON");
        let items = &json["findings"][0]["items"];
        assert_eq!(
            items[0],
            serde_json::json!({
                "scope": "system",
                "name": "branding.quotamsg",
                "value": text,
                "note": null,
                "evidence": {"path": "rg01.log", "line": 49},
            })
        );
        assert_eq!(items[1]["scope"], serde_json::Value::Null);
        assert_eq!(items[1]["name"], serde_json::Value::Null);
        assert_eq!(items[1]["value"], "10.0.0.1");
        assert_eq!(items[1]["note"], "key captured");
        assert_eq!(json["findings"][0]["summary"], "A message reverts");
        assert_eq!(
            json["findings"][0]["remedy"],
            serde_json::json!([
                {"kind": "command", "command": "smtp set quarantinejunk on", "form": "unmarked", "note": null, "only_if": null},
                {"kind": "check", "text": "Check the queue.", "suggestion": false},
            ])
        );
        assert_eq!(json["from"], serde_json::Value::Null);
        assert!(json.get("blocking").is_none());
    }
}

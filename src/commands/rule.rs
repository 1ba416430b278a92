//! `carryover rule`: a rule found by its id, for [`crate::render::rule_page`] to explain. A
//! rule is a release note's item (a knowledge entry of a vendor shown to users) or one of
//! carryover's own checks.

use crate::base::error::{Error, Result};
use crate::knowledge::{Entry, Japanese, Release};
use crate::vendors::{self, Knowledge};

/// The ids of carryover's own checks: what no release note says, but every report may hold.
pub const OWN: [&str; 6] = [
    "carryover-package",
    "carryover-unknown-release",
    "carryover-unexplained",
    "carryover-lost",
    "carryover-update-failed",
    "carryover-not-compared",
];

/// One rule, as `carryover rule ID` explains it.
#[derive(Clone, Copy)]
pub enum Rule {
    /// An item of a vendor's release note.
    Note(Note),
    /// One of carryover's own checks ([`OWN`]).
    Own(&'static str),
}

/// A release note's item with what explains it.
#[derive(Clone, Copy)]
pub struct Note {
    /// The vendor's name as users read it (`Mirapoint MOS`).
    pub vendor: &'static str,
    /// The release note the item is in.
    pub release: &'static Release,
    /// The item.
    pub entry: &'static Entry,
    /// Its Japanese, where the sidecar has it.
    pub japanese: Option<&'static Japanese>,
    /// The vendor's knowledge (how a patch is installed, how a word is quoted).
    pub knowledge: &'static dyn Knowledge,
}

impl Rule {
    /// The rule's id.
    pub fn id(&self) -> &'static str {
        match self {
            Rule::Note(note) => &note.entry.id,
            Rule::Own(id) => id,
        }
    }
}

/// Every rule: each release note's items in the note's order, vendor by vendor, then
/// carryover's own checks.
pub fn all() -> Vec<Rule> {
    let mut rules = Vec::new();
    for vendor in vendors::shown() {
        let Some(knowledge) = vendor.knowledge() else {
            continue;
        };
        let knowledge: &'static dyn Knowledge = knowledge;
        for release in knowledge.releases() {
            for entry in &release.entries {
                rules.push(Rule::Note(Note {
                    vendor: vendor.title(),
                    release,
                    entry,
                    japanese: release.japanese.get(&entry.id),
                    knowledge,
                }));
            }
        }
    }
    rules.extend(OWN.map(Rule::Own));
    rules
}

/// The rules some command reports: the items a report can hold, and carryover's own checks.
pub fn reported() -> Vec<Rule> {
    all()
        .into_iter()
        .filter(|r| match r {
            Rule::Note(note) => !note.entry.reports.is_empty(),
            Rule::Own(_) => true,
        })
        .collect()
}

/// The rule with this id (case aside); an unknown id is a usage error that names the ids
/// nearest to it.
pub fn find(id: &str) -> Result<Rule> {
    let rules = all();
    if let Some(rule) = rules.iter().find(|r| r.id().eq_ignore_ascii_case(id)) {
        return Ok(*rule);
    }
    let nearest = nearest(id, rules.iter().map(Rule::id));
    Err(Error::usage(crate::message!(
        "usage-rule-unknown",
        id = crate::base::text::sanitize(id),
        nearest = nearest.join(", ")
    )))
}

/// The three ids most like `id`, nearest first.
fn nearest(id: &str, ids: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let id = id.to_ascii_uppercase();
    let mut scored: Vec<(f64, &'static str)> = ids
        .map(|known| {
            (
                strsim::jaro_winkler(&id, &known.to_ascii_uppercase()),
                known,
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_is_found_by_its_id_in_any_case() {
        assert_eq!(find("MOS-4.2.3-KI-3").unwrap().id(), "MOS-4.2.3-KI-3");
        assert_eq!(find("st-7.09-p-4").unwrap().id(), "ST-7.09-P-4");
        assert_eq!(find("carryover-lost").unwrap().id(), "carryover-lost");
    }

    #[test]
    fn an_unknown_id_names_the_nearest() {
        let Err(Error::Usage(said)) = find("MOS-4.2.3-KI-33") else {
            panic!("an unknown id was found");
        };
        let args = format!("{:?}", said.args);
        assert!(args.contains("MOS-4.2.3-KI-3"), "{args}");
        assert_eq!(
            nearest("carryover-los", OWN.into_iter())[0],
            "carryover-lost"
        );
    }

    #[test]
    fn every_item_some_command_reports_is_listed_once() {
        let ids: Vec<&str> = reported().iter().map(Rule::id).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
        assert!(ids.contains(&"MOS-4.2.3-KI-6"));
        assert!(ids.contains(&"ST-7.09-N-1"));
        // Reported by no command: explained on request, not listed.
        assert!(!ids.contains(&"MOS-4.2.3-F-1"));
        assert!(find("MOS-4.2.3-F-1").is_ok());
    }
}

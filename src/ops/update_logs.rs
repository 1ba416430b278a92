//! An update the captures show as failed: a finding of `gaps` and `plan` whatever the
//! release notes say, since an appliance left half-updated is no base to plan from.

use crate::knowledge::Severity;
use crate::model::Config;

use super::{Finding, Status};

/// The rule id of this check.
pub const RULE: &str = "carryover-update-failed";

/// One finding for each update the captures show as failed (an update log with an anomaly,
/// or an appliance's own update list saying so).
pub fn failed_updates<'c>(configs: impl IntoIterator<Item = &'c Config>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for config in configs {
        for (name, state) in &config.updates {
            let Some(why) = failed(&state.value) else {
                continue;
            };
            findings.push(Finding {
                rule: RULE.into(),
                severity: Severity::Error,
                status: Status::Found,
                summary: format!(
                    "the update to {} did not complete: {}",
                    crate::base::text::sanitize(name),
                    crate::base::text::sanitize(why)
                ),
                items: vec![format!("updates/{name}")],
                evidence: vec![config.locate(state.at)],
                remedy: vec![
                    "check the appliance before anything else: `carryover verify-update <the update log>` lists what did not come back".into(),
                ],
            });
        }
    }
    findings.sort_by(|a, b| a.items.cmp(&b.items));
    findings.dedup();
    findings
}

/// What a failed update's state says after `failed`, or `None` when it did not fail.
fn failed(state: &str) -> Option<&str> {
    let lower = state.trim_start().to_ascii_lowercase();
    lower
        .starts_with("failed")
        .then(|| state.trim_start()["failed".len()..].trim_start_matches([':', ' ']))
        .map(|rest| if rest.is_empty() { "failed" } else { rest })
}

#[cfg(test)]
mod tests {
    use super::failed;

    #[test]
    fn only_a_failed_state_is_a_failure() {
        assert_eq!(
            failed("failed: postfix not started"),
            Some("postfix not started")
        );
        assert_eq!(failed("Failed"), Some("failed"));
        assert_eq!(failed("installed"), None);
        assert_eq!(failed("Installed (failed once, retried)"), None);
    }
}

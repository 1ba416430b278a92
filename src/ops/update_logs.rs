//! An update the captures show as failed: a finding of `gaps` and `plan` whatever the
//! release notes say, since an appliance left half-updated is no base to plan from.

use crate::knowledge::Severity;
use crate::model::Config;

use crate::message;

use super::{Evidence, Finding, Item, Status, Step};

/// The rule id of this check.
pub const RULE: &str = "carryover-update-failed";

/// One finding for each update the captures show as failed (an update log with an anomaly,
/// or an appliance's own update list saying so).
pub(crate) fn failed_updates<'c>(configs: impl IntoIterator<Item = &'c Config>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for config in configs {
        for (name, state) in &config.updates {
            let Some(why) = failed(&state.value) else {
                continue;
            };
            // The name and the reason are shown as the update log wrote them, on one line.
            let mut f = Finding::new(
                RULE,
                Severity::Error,
                Status::Found,
                message!(
                    "finding-update-failed",
                    name = crate::base::text::sanitize(name),
                    reason = crate::base::text::sanitize(why)
                ),
            );
            f.items.push(Item::at(
                format!("updates/{name}"),
                Evidence::of(config, state.at),
            ));
            f.remedy
                .push(Step::check(message!("remedy-verify-update-first")));
            findings.push(f);
        }
    }
    findings.sort_by(|a, b| {
        let key = |f: &Finding| f.items.iter().map(|i| i.value.clone()).collect::<Vec<_>>();
        key(a).cmp(&key(b))
    });
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

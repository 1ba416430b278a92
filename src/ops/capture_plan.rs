//! `capture`: what to capture so that `gaps`, `plan` and `restore` have what they need. The
//! vendor gives the commands every capture holds; the release notes' rules add the commands
//! their detectors need, each with the rule that needs it.

use crate::base::message::Message;
use crate::knowledge::Detect;
use crate::model::{Config, SYSTEM};
use crate::vendors::{CapturePlan, Knowledge};

/// How to make a capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureSteps {
    /// Commands to run and log, each with why.
    Commands(Vec<(String, Message)>),
    /// A whole script that writes a capture folder.
    Script(&'static str),
}

/// The capture steps for an appliance, given what is known of it (its delegated domains).
pub fn steps(
    config: &Config,
    plan: &dyn CapturePlan,
    knowledge: Option<&dyn Knowledge>,
) -> CaptureSteps {
    if let Some(script) = plan.script() {
        return CaptureSteps::Script(script);
    }
    let mut out = plan.base_commands(config);
    // A group is one fact's commands (enter a domain, read, leave): kept whole, and once.
    let mut seen: Vec<Vec<String>> = out.iter().map(|(c, _)| vec![c.clone()]).collect();
    let releases = knowledge.map_or(&[][..], |k| k.releases());
    for entry in releases.iter().flat_map(|r| &r.entries) {
        if entry.reports.is_empty() {
            continue;
        }
        let why = crate::message!("capture-why-rule", rule = &entry.id, title = &entry.title);
        let groups = entry
            .detect
            .iter()
            .flat_map(|d| needed_by(d, config, plan))
            .chain(entry.capture.iter().map(|c| vec![c.clone()]));
        for group in groups {
            if group.is_empty() || seen.contains(&group) {
                continue;
            }
            out.extend(group.iter().map(|c| (c.clone(), why.clone())));
            seen.push(group);
        }
    }
    CaptureSteps::Commands(out)
}

/// The commands that show what a detector looks at, in groups of one fact each.
fn needed_by(detect: &Detect, config: &Config, plan: &dyn CapturePlan) -> Vec<Vec<String>> {
    let one = |command: Option<String>| command.map(|c| vec![c]);
    match detect {
        Detect::SettingNot { name, .. }
        | Detect::SettingIs { name, .. }
        | Detect::NewSetting { name, .. } => one(plan.read_setting(name)).into_iter().collect(),
        Detect::ReapplySettings { names } => names
            .iter()
            .filter_map(|n| one(plan.read_setting(n)))
            .collect(),
        Detect::ExportLacks { list } => plan
            .list_scopes(config)
            .iter()
            .filter_map(|scope| one(plan.read_list(scope, list)))
            .collect(),
        Detect::SystemMessage { name, .. } => {
            let domains = config.domains.iter().map(|(d, _)| d.to_string());
            std::iter::once(SYSTEM.to_string())
                .chain(domains)
                .map(|scope| plan.read_message(&scope, name))
                .collect()
        }
        _ => Vec::new(),
    }
}

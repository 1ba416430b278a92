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

/// How much a capture holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// What every capture holds and what the release notes' rules need.
    #[default]
    Rules,
    /// That, then everything else the vendor's catalog can read: not the appliance's whole
    /// configuration, only what the catalog has a read form for.
    Full,
}

/// The capture steps for an appliance, given what is known of it (its delegated domains): what
/// the rules need.
pub fn steps(
    config: &Config,
    plan: &dyn CapturePlan,
    knowledge: Option<&dyn Knowledge>,
) -> CaptureSteps {
    steps_in(config, plan, knowledge, Profile::Rules)
}

/// The capture steps of a profile for an appliance, given what is known of it.
pub fn steps_in(
    config: &Config,
    plan: &dyn CapturePlan,
    knowledge: Option<&dyn Knowledge>,
    profile: Profile,
) -> CaptureSteps {
    if let Some(script) = plan.script() {
        return CaptureSteps::Script(script);
    }
    let mut out = plan.base_commands(config);
    // A group is one fact's commands (enter a domain, read, leave): kept whole, and once.
    let mut seen: Vec<Vec<String>> = out.iter().map(|(c, _)| vec![c.clone()]).collect();
    let mut add = |group: Vec<String>, why: &Message| {
        if !group.is_empty() && !seen.contains(&group) {
            out.extend(group.iter().map(|c| (c.clone(), why.clone())));
            seen.push(group);
        }
    };
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
            add(group, &why);
        }
    }
    if profile == Profile::Full {
        let why = crate::message!("capture-why-catalog");
        for group in plan.every_read(config) {
            add(group, &why);
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

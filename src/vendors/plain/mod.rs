//! A minimal appliance family that exists only to prove the vendor boundary: a "plain"
//! appliance whose capture is a text file of `scope.name = value` lines under a
//! `# plain-appliance: <host>` header, with an optional `# plain-version: <version>` line. It
//! plugs in with this folder and one line in [`super::REGISTRY`], as
//! `docs/ADDING_A_VENDOR.md` describes, and offers every capability there is, fetching over
//! its own line protocol (`fetch.rs`) included. It is compiled only with the `test-vendor`
//! feature, and users never see it ([`Vendor::shown_to_users`]). `tests/vendors/plain.rs` runs
//! every vendor-neutral path through it; `tests/vendors/registry.rs` holds it to what every vendor
//! must keep.

mod fetch;

use std::sync::OnceLock;

use crate::base::error::Result;
use crate::base::message::Message;
use crate::capture::{Note, ReadOptions, SourceRead};
use crate::knowledge::{parse_release, Release};
use crate::model::update_log::{Line, Step, UpdateRun};
use crate::model::{Change, Config, SourceKind, Value, VendorId, Version};
use crate::source::Source;
use crate::vendors::{
    CapturePlan, Claim, Fetch, ImportFiles, Knowledge, RestoreScript, Sample, SecretFields,
    UpdateLogs, Vendor,
};

/// The plain appliance.
pub struct Plain;

const HEADER: &str = "# plain-appliance:";
const VERSION: &str = "# plain-version:";

/// Which of the plain appliance's fields hold secrets: `secrets.ron`, on top of the neutral list.
static SECRETS: SecretFields = SecretFields::new(include_str!("secrets.ron"));

impl Vendor for Plain {
    fn id(&self) -> VendorId {
        VendorId("plain")
    }

    fn title(&self) -> &'static str {
        "Plain appliance"
    }

    fn claims(&self, sample: &Sample<'_>) -> Claim {
        match sample {
            Sample::File { text, .. } if text.starts_with(HEADER) => Claim::of(
                90,
                SourceKind::Export,
                crate::message!("plain-evidence-header"),
            ),
            _ => Claim::none(),
        }
    }

    fn identify(&self, sample: &Sample<'_>) -> Option<String> {
        let Sample::File { text, .. } = sample else {
            return None;
        };
        let host = text.lines().next()?.strip_prefix(HEADER)?.trim();
        (!host.is_empty()).then(|| host.to_ascii_lowercase())
    }

    fn read_file(&self, source: &Source, _: u32, _: &ReadOptions) -> Result<SourceRead> {
        let mut read = SourceRead::new(source, SourceKind::Export);
        for (number, line) in (1..).zip(source.text.lines()) {
            match change(line) {
                Ok(change) => read.changes.push((change, number)),
                Err(why) => read.notes.push(Note::unrecognized(number, line, why)),
            }
        }
        Ok(read)
    }

    fn knowledge(&self) -> Option<&dyn Knowledge> {
        Some(self)
    }

    fn capture_plan(&self) -> Option<&dyn CapturePlan> {
        Some(self)
    }

    fn restore_script(&self) -> Option<&dyn RestoreScript> {
        Some(self)
    }

    fn import_files(&self) -> Option<&dyn ImportFiles> {
        Some(self)
    }

    fn update_logs(&self) -> Option<&dyn UpdateLogs> {
        Some(self)
    }

    fn fetch(&self) -> Option<&dyn Fetch> {
        Some(self)
    }

    /// Made up for tests: never in a list a user reads, never chosen unless named.
    fn shown_to_users(&self) -> bool {
        false
    }
}

/// What one line of a capture says: the host, the version, or a setting.
fn change(line: &str) -> std::result::Result<Change, Message> {
    if let Some(host) = line.strip_prefix(HEADER) {
        return Ok(Change::Host(host.trim().into()));
    }
    if let Some(version) = line.strip_prefix(VERSION) {
        return Version::parse(version.trim())
            .map(Change::Version)
            .ok_or(crate::message!("unread-plain-not-a-version"));
    }
    let not_a_setting = || crate::message!("unread-plain-not-a-setting");
    let (key, value) = line.split_once('=').ok_or_else(not_a_setting)?;
    let key = key.trim();
    let named = key
        .split_once('.')
        .is_some_and(|(scope, name)| !scope.is_empty() && !name.is_empty());
    if !named {
        return Err(not_a_setting());
    }
    Ok(Change::Setting {
        scope: crate::model::SYSTEM.into(),
        name: key.into(),
        value: SECRETS.value(key, value.trim().into()),
    })
}

impl Knowledge for Plain {
    fn releases(&self) -> &'static [Release] {
        static RELEASES: OnceLock<Vec<Release>> = OnceLock::new();
        RELEASES.get_or_init(|| {
            vec![parse_release(include_str!("knowledge.ron")).expect("the test release parses")]
        })
    }

    fn quote(&self, word: &str) -> String {
        word.to_string()
    }

    fn install_patch(&self, name: &str, _: &str, _: &str) -> Vec<crate::knowledge::Step> {
        vec![crate::knowledge::Step::run(format!("install {name}"))]
    }

    fn install_package(&self, file: &str, _: &str) -> Vec<crate::knowledge::Step> {
        vec![crate::knowledge::Step::run(format!("install {file}"))]
    }
}

impl CapturePlan for Plain {
    fn base_commands(&self, _: &Config) -> Vec<(String, Message)> {
        vec![("show all".into(), crate::message!("plain-capture-why-all"))]
    }

    fn how_to_recapture(&self) -> Message {
        crate::message!("plain-how-to-recapture")
    }

    fn read_setting(&self, name: &str) -> Option<String> {
        Some(format!("show {name}"))
    }
}

impl RestoreScript for Plain {
    fn dialect(&self) -> &dyn crate::emit::Dialect {
        &crate::emit::Bash
    }

    fn write_setting(&self, _: &str, name: &str, value: &str) -> Option<crate::emit::Command> {
        Some(crate::emit::Command::new("set").arg(name).arg(value))
    }

    fn write_list_entry(&self, _: &str, _: &str, _: &str) -> Option<crate::emit::Command> {
        None
    }

    fn how_to_apply(&self, script_name: &str) -> Message {
        crate::message!("plain-how-to-apply", script = script_name)
    }
}

impl ImportFiles for Plain {
    /// One file, `plain-import.txt`, of the settings as the capture writes them; a secret is
    /// left empty.
    fn files(&self, config: &Config) -> Vec<(String, String)> {
        let mut text = String::new();
        for (name, item) in config
            .settings
            .get(crate::model::SYSTEM)
            .into_iter()
            .flatten()
        {
            let value = match &item.value {
                Value::Secret(_) => String::new(),
                other => other.to_string(),
            };
            text.push_str(&format!("{name} = {value}\n"));
        }
        vec![("plain-import.txt".into(), text)]
    }

    fn secrets_left_out(&self, config: &Config) -> Vec<String> {
        let settings = config
            .settings
            .get(crate::model::SYSTEM)
            .into_iter()
            .flatten();
        settings
            .filter(|(_, item)| matches!(item.value, Value::Secret(_)))
            .map(|(name, _)| format!("plain-import.txt: {name} was left empty: type it in"))
            .collect()
    }
}

impl UpdateLogs for Plain {
    /// A plain update log: `update <from> -> <to>`, numbered `step N: ...` lines, and `done`
    /// when the update finished.
    fn verify(&self, source: &Source) -> Result<UpdateRun> {
        let mut run = UpdateRun {
            path: source.path.to_string(),
            ..UpdateRun::default()
        };
        for (line, text) in (1..).zip(source.text.lines()) {
            if let Some((from, to)) = text
                .strip_prefix("update ")
                .and_then(|r| r.split_once(" -> "))
            {
                run.from = Some(from.trim().into());
                run.to = Some(to.trim().into());
            } else if let Some((number, what)) = text
                .strip_prefix("step ")
                .and_then(|r| r.split_once(": "))
                .and_then(|(n, what)| Some((n.parse().ok()?, what)))
            {
                run.steps.push(Step {
                    number,
                    text: what.into(),
                    line,
                });
            } else if text == "done" {
                run.completed_at = Some(line);
            } else if !text.trim().is_empty() {
                run.unrecognized.push(Line {
                    line,
                    text: crate::base::text::sanitize(text),
                });
            }
        }
        if run.completed_at.is_none() {
            run.anomalies.push(crate::message!("plain-update-not-done"));
        }
        Ok(run)
    }
}

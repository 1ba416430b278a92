//! A minimal appliance family that exists only to prove the vendor boundary: a "plain"
//! appliance whose capture is a text file of `scope.name = value` lines under a
//! `# plain-appliance: <host>` header. It plugs in with this folder and one line in
//! [`super::REGISTRY`], as `docs/ADDING_A_VENDOR.md` describes; its tests run every
//! vendor-neutral path (read, show, diff, track, gaps, plan, capture, restore) through it.

use std::sync::OnceLock;

use crate::base::error::Result;
use crate::capture::{Note, ReadOptions, SourceRead};
use crate::knowledge::{parse_release, Release};
use crate::model::{Change, Config, SourceKind, Value, VendorId};
use crate::source::Source;
use crate::vendors::{CapturePlan, Claim, Knowledge, RestoreScript, Sample, Vendor};

/// The plain appliance.
pub struct Plain;

const HEADER: &str = "# plain-appliance:";

impl Vendor for Plain {
    fn id(&self) -> VendorId {
        VendorId("plain")
    }

    fn title(&self) -> &'static str {
        "Plain appliance"
    }

    fn claims(&self, sample: &Sample<'_>) -> Claim {
        match sample {
            Sample::File { text, .. } if text.starts_with(HEADER) => {
                Claim::of(90, SourceKind::Export, "a `# plain-appliance:` header")
            }
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
            if let Some(host) = line.strip_prefix(HEADER) {
                read.changes
                    .push((Change::Host(host.trim().into()), number));
                continue;
            }
            let setting = line.split_once('=').and_then(|(key, value)| {
                let (scope, name) = key.trim().split_once('.')?;
                let name = format!("{scope}.{name}");
                Some(Change::Setting {
                    scope: crate::model::SYSTEM.into(),
                    name,
                    value: Value::Text(value.trim().into()),
                })
            });
            match setting {
                Some(change) => read.changes.push((change, number)),
                None => {
                    read.notes
                        .push(Note::unrecognized(number, line, "not `scope.name = value`"))
                }
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

    fn install_patch(&self, name: &str, _: &str, _: &str) -> String {
        format!("install {name}")
    }

    fn install_package(&self, file: &str, _: &str) -> Vec<String> {
        vec![format!("install {file}")]
    }
}

impl CapturePlan for Plain {
    fn base_commands(&self, _: &Config) -> Vec<(String, String)> {
        vec![("show all".into(), "everything the appliance has".into())]
    }

    fn how_to_recapture(&self) -> String {
        "Save `show all` again:".into()
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

    fn how_to_apply(&self, script_name: &str) -> String {
        format!("Type `{script_name}` into the plain console.")
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::commands::restore::{restore, Request};
    use crate::model::Version;
    use crate::ops::evaluate::Evidence;
    use crate::read::{read, read_split};
    use crate::vendors::{by_id, knowledge_of};

    const BEFORE: &str = "# plain-appliance: box1\nmail.relay = on\nmail.size = 10\n";
    const AFTER: &str = "# plain-appliance: box1\nmail.relay = off\nmail.size = 10\n";

    fn write(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn the_registry_reads_a_plain_capture() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "box1.txt", BEFORE);
        let capture = read(&[path], &Default::default()).unwrap();
        assert_eq!(capture.config.vendor.name(), "plain");
        assert_eq!(
            capture.config.appliance.hostname.as_ref().unwrap().value,
            "box1"
        );
        let settings = &capture.config.settings["system"];
        assert_eq!(settings["mail.relay"].value.to_string(), "on");
        assert_eq!(capture.unrecognized().count(), 0);
    }

    #[test]
    fn diff_gaps_plan_and_restore_go_through_the_registry() {
        let dir = tempfile::tempdir().unwrap();
        let before = write(dir.path(), "before.txt", BEFORE);
        let after = write(dir.path(), "after.txt", AFTER);
        let (a, b) = (
            read(std::slice::from_ref(&before), &Default::default()).unwrap(),
            read(std::slice::from_ref(&after), &Default::default()).unwrap(),
        );
        let none = |_: &str| false;
        let options = crate::ops::diff::DiffOptions {
            ignore: &none,
            show_secrets: false,
        };
        let differences = crate::ops::diff::diff(&a.config, &b.config, &options);
        assert_eq!(differences.len(), 1);
        assert_eq!(differences[0].path, "settings/system/mail.relay");

        let split = read_split(&[after], &Default::default()).unwrap();
        let vendor = by_id(b.config.vendor).unwrap();
        let cx = Evidence {
            live: split.live.as_ref().map(|c| &c.config),
            export: split.export.as_ref().map(|c| &c.config),
            knowledge: knowledge_of(vendor).unwrap(),
            plan: vendor.capture_plan(),
        };
        let gaps = crate::ops::gaps::gaps(&cx, None);
        let finding = gaps
            .findings
            .iter()
            .find(|f| f.rule == "PLAIN-2.0-1")
            .unwrap();
        assert_eq!(finding.remedy, ["set mail.relay on"]);
        let plan = crate::ops::plan::plan(&cx, &Version::parse("2.0").unwrap());
        assert!(plan.findings.iter().any(|f| f.rule == "PLAIN-2.0-1"));

        let request = Request {
            to: Version::parse("2.0").unwrap(),
            all: false,
            show_secrets: false,
            runbook: true,
            import_files: false,
            script_name: "fix.txt".into(),
            inputs: vec!["after.txt".into()],
            output_encoding: None,
        };
        let outputs = restore(&b, None, &request).unwrap();
        assert!(outputs.script.lines().any(|l| l == "set 'mail.relay' 'on'"));
        let runbook = outputs.runbook.unwrap();
        assert!(runbook.contains("Type `fix.txt` into the plain console."));
        assert!(runbook.contains("show mail.relay"), "{runbook}");
        let no_imports = Request {
            import_files: true,
            ..request
        };
        let error = restore(&b, None, &no_imports).unwrap_err().to_string();
        assert!(
            error.contains("cannot do UI import files for Plain appliance"),
            "{error}"
        );
    }

    #[test]
    fn capture_and_track_go_through_the_registry() {
        let vendor = by_id(crate::model::VendorId("plain")).unwrap();
        let config = crate::model::Config::new(vendor.id());
        let text = crate::commands::capture::text(vendor, &config).unwrap();
        assert!(text.contains("show all"));
        assert!(
            text.contains("show mail.relay") && text.contains("PLAIN-2.0-1"),
            "{text}"
        );

        let src = tempfile::tempdir().unwrap();
        let repo = tempfile::tempdir().unwrap();
        write(src.path(), "box1.txt", BEFORE);
        let report =
            crate::commands::track::track(src.path(), repo.path(), &Default::default(), &|| {})
                .unwrap();
        assert!(report.failures.is_empty(), "{:?}", report.failures);
        assert!(repo.path().join("plain/box1.ron").is_file());
    }
}

//! The release-note knowledge base: what each release's notes say goes wrong, as data. Each
//! vendor ships its releases as RON files in its folder; a new release note is a data change.

use serde::{Deserialize, Serialize};

pub mod step;

use crate::model::Version;
pub use step::{Form, Step, Text};

/// How much a finding matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all(serialize = "lowercase"))]
pub enum Severity {
    /// Worth knowing; nothing is lost.
    Info,
    /// Something may be lost or behave differently; check it.
    Warning,
    /// Something is lost or broken unless the remedy is applied.
    Error,
}

/// When in an upgrade a rule's work is done: `plan` lists its findings in this order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all(serialize = "lowercase"))]
pub enum Phase {
    /// Before the package is installed: checks, backups, what to keep.
    Before,
    /// While the package installs.
    During,
    /// Once the appliance runs the new release: what to put back, install and check.
    After,
}

/// Which commands use an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Report {
    /// `carryover gaps`: what an export or backup would lose.
    Gaps,
    /// `carryover plan`: what an upgrade needs before and after.
    Plan,
    /// `carryover restore`: the entry's settings are put back by the restore script.
    Restore,
}

/// What in a model makes an entry apply.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Detect {
    /// Always, when the upgrade crosses the release.
    Always,
    /// A system setting that is not `value`, or not captured.
    SettingNot {
        /// The setting, as `scope.name` (`smtp.fastpath`).
        name: String,
        /// The value that makes the entry not apply.
        value: String,
    },
    /// A system setting that has `value` (KI-1: AutoReply linked to LDAP); not captured, the
    /// entry cannot tell.
    SettingIs {
        /// The setting, as `scope.name` (`ldap.autoreply`).
        name: String,
        /// The value that makes the entry apply.
        value: String,
    },
    /// A setting new in this release, with the value the note recommends (F-5: maxmsgsum). No
    /// capture made before the upgrade can hold it: the entry then says to set the recommended
    /// value after the upgrade, and `restore` writes it. On the release, a captured value is
    /// compared with the recommended one.
    NewSetting {
        /// The setting, as `scope.name` (`smtp.maxmsgsum`).
        name: String,
        /// The value the note recommends.
        recommended: String,
        /// The value the release ships with, where a public source gives it. `restore
        /// --against` writes the recommendation only over this value or none; any other value
        /// (or any value, with no default known) may be the admin's choice, and becomes a check.
        #[serde(default)]
        default: Option<String>,
    },
    /// Settings the upgrade breaks: re-set them to their captured values.
    ReapplySettings {
        /// The settings, as `scope.name`.
        names: Vec<String>,
    },
    /// List entries the live captures show but an export lacks.
    ExportLacks {
        /// The list's name, as the model keys it.
        list: String,
    },
    /// A system-level message (customized messages of delegated domains survive). Only a
    /// customized message is lost: a text equal to a known default is not; with no default
    /// known, the entry says it cannot tell.
    SystemMessage {
        /// The message, as `area.name` (`branding.quotamsg`).
        name: String,
        /// The appliance's default texts of the message, as far as a source gives them.
        #[serde(default)]
        defaults: Vec<String>,
    },
    /// Any message in this area.
    MessagesIn {
        /// The message area (`branding`).
        area: String,
    },
    /// A command or answer the catalog does not know that mentions this text.
    RawMentions {
        /// The text to look for in unknown commands and answers (lower case).
        text: String,
        /// The command whose answer would show it (`filter list`): when no capture ran it,
        /// the entry says "not captured" instead of nothing.
        #[serde(default)]
        listing: Option<String>,
    },
    /// The appliance uses delegated domains: some were captured, or the license for them is.
    DelegatedDomains {
        /// The licensed feature that delegated domain administration needs, as the license
        /// listing shows it (matched case-insensitively, as a part of the feature's name).
        #[serde(default)]
        license: Option<String>,
        /// A patch that fixes what the entry is about: once installed, the entry is fine.
        #[serde(default)]
        unless_installed: Option<String>,
    },
    /// Trusted hosts of a group, and whether their keys were captured.
    TrustedHosts {
        /// The trusted-host group (`mtagroup`).
        group: String,
    },
    /// A licensed feature that is missing.
    LicenseMissing {
        /// The feature's name as the license listing shows it.
        feature: String,
        /// The first words of what the listing says of a license that is in force
        /// (`expires 2012-03-31`), compared case-insensitively; nothing said is in force too.
        /// What it says otherwise blocks, named: an expired or disabled license, or words
        /// carryover cannot read.
        #[serde(default)]
        in_force: Vec<String>,
    },
    /// A source version below this one.
    VersionBelow {
        /// The lowest version the entry does not apply to.
        version: String,
    },
    /// An update or patch not in the installed list.
    UpdateMissing {
        /// The update's name as the installed list shows it.
        name: String,
        /// The installed list never shows this patch (the note says so of
        /// D4_Adjust_SMTP_Params): its absence proves nothing, and the entry asks by hand.
        #[serde(default)]
        unlisted: bool,
    },
    /// The state of the last backup, as a listing of backups answers it (N-4: `backup status`
    /// answering `Backup-10000 Done`). Any other state, or no backup at all, is found; a
    /// listing never run is not captured.
    BackupStatus {
        /// The command whose answer lists the backups (kept by the reader as an unknown
        /// command).
        command: String,
        /// The state word of a backup that finished (`Done`), compared case-insensitively.
        done: String,
        /// Whether a public source shows the answer's form (`<name> <state>`, one backup a
        /// line); `false`: inferred, and the finding says so.
        confirmed: bool,
    },
    /// A source version other than this one.
    VersionNot {
        /// The one version the entry does not apply to.
        version: String,
    },
    /// A precondition no capture shows: always to be checked by hand.
    Manual,
    /// The hardware model, as a banner names it, is none of these (the note's eligible
    /// series); a capture without a banner cannot tell.
    HardwareNot {
        /// The eligible models.
        models: Vec<String>,
    },
    /// Cluster settings: the appliance is a cluster node.
    Cluster,
    /// Settings a backup import does not carry: glob over setting names (`name=value` to match a
    /// value too), with what each is.
    BackupDrops {
        /// Glob (or `glob=value`) to a description of what the setting is.
        items: std::collections::BTreeMap<String, String>,
        /// The settings a capture holds only when a person copied them into the capture
        /// folder's `by-hand.txt`, each with the template's line that holds it: a setting
        /// neither given a value nor said to be unset there is not captured, never "not
        /// dropped".
        #[serde(default)]
        captured_by: std::collections::BTreeMap<String, String>,
        /// What a backup drops that no capture can hold: named as steps by hand every time.
        #[serde(default)]
        by_hand: Vec<String>,
    },
}

/// One step of a remedy, as a release note's knowledge file writes it; evaluation makes it a
/// typed [`Step`], filled for one item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Remedy {
    /// A command on this appliance; `{name}`, `{value}`, `{scope}`, `{entry}` are filled in
    /// per item.
    Cli(String),
    /// A command on this appliance with what to know before typing it (what it restarts, what
    /// to paste after it): one step, the note no checklist item of its own.
    CliNoted {
        /// The command line, filled in as `Cli`'s.
        command: String,
        /// What to know before typing it.
        note: String,
    },
    /// A command on another appliance, or, with no command form known, what to do there.
    Elsewhere {
        /// Which appliance, in words (`the upstream RazorGate`).
        on: String,
        /// The command line; none where no command form is known.
        #[serde(default)]
        command: Option<String>,
        /// What to know or do there, in words.
        #[serde(default)]
        note: Option<String>,
    },
    /// A page of the admin console, and what to do there.
    Console {
        /// The page, as its menus lead there.
        page: String,
        /// What to do on it.
        action: String,
    },
    /// A DNS record to check.
    Dns(String),
    /// Something to check or take care of by hand.
    Check(String),
    /// A question the appliance asks, and the answer to give.
    Prompt {
        /// The question, as the appliance prints it.
        prompt: String,
        /// What to type.
        answer: String,
    },
    /// A step carryover suggests that the note does not give: shown marked as carryover's
    /// suggestion in every output.
    Suggest(String),
    /// A patch to install with `update install`.
    Patch {
        /// The patch's name as the installed list shows it once installed.
        name: String,
        /// Where to fetch it.
        url: String,
        /// Extra parameters to the install command (often empty).
        parameters: String,
    },
}

impl Remedy {
    /// The words of the step a person reads, in English, in their order: what a sidecar's
    /// `steps` translate.
    pub fn prose(&self) -> Vec<&str> {
        match self {
            Remedy::Elsewhere { on, note, .. } => std::iter::once(on.as_str())
                .chain(note.as_deref())
                .collect(),
            Remedy::CliNoted { note, .. } => vec![note],
            Remedy::Console { action, .. } => vec![action],
            Remedy::Dns(text) | Remedy::Check(text) | Remedy::Suggest(text) => vec![text],
            Remedy::Cli(_) | Remedy::Prompt { .. } | Remedy::Patch { .. } => Vec::new(),
        }
    }
}

/// Why an entry applies beyond the upgrade its note names, and to which versions the note
/// itself speaks.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Wider {
    /// The versions upgraded from that the note names (`4.1.9`).
    pub note_names: Vec<String>,
    /// Why the entry applies from other versions too; from those its findings are warnings
    /// and say so.
    pub because: String,
}

/// One item of a release note.
#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    /// The note's own numbering: `MOS-4.2.3-KI-6`.
    pub id: String,
    /// A one-line summary, in English.
    pub title: String,
    /// How much it matters when it applies.
    pub severity: Severity,
    /// Which commands report it (empty: none; the entry is kept so every item of the note
    /// has one).
    pub reports: Vec<Report>,
    /// The entry applies only when upgrading from this version or later.
    #[serde(default)]
    pub from_at_least: Option<String>,
    /// The entry applies from more versions than the note names, and why.
    #[serde(default)]
    pub wider: Option<Wider>,
    /// What the entry is about can still hold on an appliance already running this release
    /// (a known issue of the release itself, a new setting, a patch to install after the
    /// upgrade): it is checked on captures made after the upgrade too, not only on upgrades
    /// that cross the release, and `gaps` reports it there whichever commands `reports` names
    /// (KI-4 and the patches, which `plan` reports before the upgrade, are what remains to be
    /// done after it).
    #[serde(default)]
    pub after: bool,
    /// The command (a template, filled as a `Cli` step's) that `restore` writes the entry's
    /// value with, where a step by hand quotes it (F-5: keep the admin's value, or run this).
    /// Named here, never taken from the remedy's order, so every remedy step keeps its kind.
    #[serde(default)]
    pub restore_command: Option<String>,
    /// How to check by hand that the remedy took effect, where no capture can show it (KI-8:
    /// the admin screen shows the customized message while the default is delivered). Restore
    /// then keeps the entry's commands even where a post-upgrade capture shows the value, and
    /// the runbook lists the check.
    #[serde(default)]
    pub check: Option<String>,
    /// Why no capture can make the entry fire, for an entry whose remedy promises an action
    /// that no capture triggers (the rules' table test asks each other entry for a case).
    #[serde(default)]
    pub never_fires: Option<String>,
    /// The plan is blocked until the operator confirms the entry (`plan --confirm ID`) when
    /// it finds something or cannot tell (N-3: a cluster member; N-4: a backup not done). The
    /// finding names what was seen.
    #[serde(default)]
    pub gate: bool,
    /// When in the upgrade its work is done; every entry `plan` reports has one (a test
    /// checks).
    #[serde(default)]
    pub phase: Option<Phase>,
    /// Where in its phase its work comes, lower first: `plan` lists a phase in this order,
    /// then in the file's. The package install is at 0, as is an entry that says nothing.
    #[serde(default)]
    pub order: i8,
    /// What in a model makes it apply; `None`: nothing a capture can show.
    pub detect: Option<Detect>,
    /// What it costs the user.
    pub cost: String,
    /// What to do about it, step by step.
    pub remedy: Vec<Remedy>,
    /// Commands that capture what the detector needs, beyond those the detector implies
    /// (a setting's read command, a list's listing); `carryover capture` lists them.
    #[serde(default)]
    pub capture: Vec<String>,
    /// The sentence of the release note the entry comes from.
    pub source: String,
}

/// Where an appliance stands towards a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The upgrade crosses the release: the appliance runs an older version.
    Crossed,
    /// The appliance already runs the release (a capture made after the upgrade).
    Running,
}

/// A package to install, by the version upgraded from.
#[derive(Debug, Clone, Deserialize)]
pub struct Package {
    /// The versions this package upgrades from.
    pub from: Vec<String>,
    /// The package's file name.
    pub file: String,
    /// Where to fetch it.
    pub url: String,
}

/// One release note.
#[derive(Debug, Clone, Deserialize)]
pub struct Release {
    /// The Japanese of the entries' words, by entry id (the sidecar file; empty without one).
    #[serde(skip)]
    pub japanese: std::collections::BTreeMap<String, Japanese>,
    /// The vendor's id, as the registry knows it (`mirapoint-mos`).
    pub vendor: String,
    /// The release's version, as the vendor writes it (`4.2.3-GA`).
    pub version: String,
    /// The note's title and date.
    pub title: String,
    /// The lowest version an upgrade to this release may start from.
    pub requires_at_least: Option<String>,
    /// The packages to install, by the version upgraded from.
    #[serde(default)]
    pub packages: Vec<Package>,
    /// The note's items, in its order.
    pub entries: Vec<Entry>,
}

impl Release {
    /// The release's version, parsed.
    ///
    /// # Panics
    ///
    /// If the version does not parse; a test loads every knowledge base, so that is a defect
    /// in the shipped data, never in a user's input.
    pub fn version(&self) -> Version {
        Version::parse(&self.version).expect("release versions in the knowledge base parse")
    }

    /// Whether upgrading from `from` (unknown: `None`) to `to` crosses this release.
    pub fn crossed(&self, from: Option<&Version>, to: &Version) -> bool {
        let this = self.version();
        this <= *to && from.is_none_or(|f| *f < this)
    }

    /// Where an appliance running `from` (unknown: `None`) and going to `to` stands towards
    /// this release: an upgrade crosses it, it already runs it, or neither.
    pub fn stage(&self, from: Option<&Version>, to: &Version) -> Option<Stage> {
        let this = self.version();
        if self.crossed(from, to) {
            Some(Stage::Crossed)
        } else if this <= *to && from.is_some_and(|f| f.cmp(&this).is_eq()) {
            Some(Stage::Running)
        } else {
            None
        }
    }

    /// The entries `report` shows for an appliance running `from` and going to `to`: those of
    /// a release the upgrade crosses that apply from `from`, and those of the release it
    /// already runs that still hold after the upgrade ([`Entry::after`]). `gaps`, `plan` and
    /// `restore` all choose their entries here.
    pub fn entries_for<'r>(
        &'r self,
        from: Option<&Version>,
        to: &Version,
        report: Report,
    ) -> impl Iterator<Item = &'r Entry> + 'r {
        let stage = self.stage(from, to);
        let from = from.cloned();
        // On a capture made after the upgrade, `gaps` checks every entry that still holds
        // there: what remains to be done (patches to install, settings to check, values to set).
        let after = report == Report::Gaps && stage == Some(Stage::Running);
        self.entries.iter().filter(move |e| {
            let reported = e.reported_by(report) || (after && e.after && !e.reports.is_empty());
            reported && e.applies_at(stage, from.as_ref())
        })
    }

    /// The package to install when upgrading from `from`.
    pub fn package_for(&self, from: &Version) -> Option<&Package> {
        self.packages.iter().find(|p| {
            p.from
                .iter()
                .any(|v| Version::parse(v).is_some_and(|v| v.numbers == from.numbers))
        })
    }
}

impl Entry {
    /// Whether `report` shows this entry.
    pub fn reported_by(&self, report: Report) -> bool {
        self.reports.contains(&report)
    }

    /// Whether the entry applies when upgrading from `from`.
    pub fn applies_from(&self, from: Option<&Version>) -> bool {
        match (&self.from_at_least, from) {
            (Some(min), Some(from)) => Version::parse(min).is_none_or(|min| *from >= min),
            _ => true,
        }
    }

    /// Whether the entry applies to an appliance at `stage` of its release, running `from`.
    pub fn applies_at(&self, stage: Option<Stage>, from: Option<&Version>) -> bool {
        match stage {
            Some(Stage::Crossed) => self.applies_from(from),
            Some(Stage::Running) => self.after,
            None => false,
        }
    }

    /// When the entry applies from `from` only because it is wider than its note: why.
    pub fn wider_than_the_note(&self, from: Option<&Version>) -> Option<&Wider> {
        let (wider, from) = (self.wider.as_ref()?, from?);
        let named = wider
            .note_names
            .iter()
            .filter_map(|v| Version::parse(v))
            .any(|v| v.cmp(from).is_eq());
        (!named).then_some(wider)
    }
}

/// Reads a release from RON text.
pub fn parse_release(text: &str) -> Result<Release, ron::error::SpannedError> {
    ron::from_str(text)
}

/// A release note with its Japanese: `japanese` is the sidecar beside the English file
/// (`<release>.ja.ron`), the words a person reads, by entry id.
pub fn parse_release_with_japanese(
    text: &str,
    japanese: &str,
) -> Result<Release, ron::error::SpannedError> {
    let mut release = parse_release(text)?;
    release.japanese = ron::from_str(japanese)?;
    Ok(release)
}

/// The Japanese of one entry's words: what a person reads of it, in the note's own terms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Japanese {
    /// The entry's title.
    pub title: String,
    /// What it costs the user.
    pub cost: String,
    /// How to check by hand that the remedy took effect.
    #[serde(default)]
    pub check: Option<String>,
    /// Why the entry applies from more versions than the note names.
    #[serde(default)]
    pub wider: Option<String>,
    /// Why no capture can make the entry fire.
    #[serde(default)]
    pub never_fires: Option<String>,
    /// The prose steps of its remedy (`Gui`), in their order.
    #[serde(default)]
    pub steps: Vec<String>,
    /// The labels its detection gives what it finds (a backup's dropped settings and what no
    /// capture holds), by their English.
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
}

impl Entry {
    /// The labels its detection gives what it finds, in English: a person reads them beside
    /// each item, so they are translated as titles are.
    pub fn labels(&self) -> Vec<&str> {
        match &self.detect {
            Some(Detect::BackupDrops { items, by_hand, .. }) => {
                items.values().chain(by_hand).map(String::as_str).collect()
            }
            _ => Vec::new(),
        }
    }
}

impl Release {
    /// The entry with this id, and its Japanese where the sidecar has it.
    pub fn entry(&self, id: &str) -> Option<(&Entry, Option<&Japanese>)> {
        let entry = self.entries.iter().find(|e| e.id == id)?;
        Some((entry, self.japanese.get(id)))
    }
}

/// Where the admin console sets a setting that no command writes: its page and field. Kept as
/// data beside the vendor's release notes, `confirmed: false` where no public source says.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ConsoleField {
    /// A glob over setting names (`system.relay.smarthost`, `*.ldap_*`).
    pub setting: String,
    /// The console page, as its menus lead there.
    pub page: String,
    /// The field on that page.
    pub field: String,
    /// Whether a public source or a seed names this page and field.
    pub confirmed: bool,
}

impl ConsoleField {
    /// Whether this field is where `name` is set.
    pub fn matches(&self, name: &str) -> bool {
        globset::Glob::new(&self.setting).is_ok_and(|g| g.compile_matcher().is_match(name))
    }
}

/// Reads a vendor's console map from RON text.
pub fn parse_console(text: &str) -> Result<Vec<ConsoleField>, ron::error::SpannedError> {
    ron::from_str(text)
}

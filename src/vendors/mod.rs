//! Vendors behind one boundary. Each appliance family lives in its own folder and registers
//! one line in [`REGISTRY`]. A vendor says how strongly it claims an input, which appliance a
//! capture is of, and how to read it into neutral [`SourceRead`]s; everything else it can do
//! is a small capability trait it may or may not offer:
//!
//! - [`Knowledge`]: release notes for `gaps`, `plan` and `restore`;
//! - [`CapturePlan`]: how to capture what the rules need;
//! - [`RestoreScript`]: how restore scripts are framed and written;
//! - [`ImportFiles`]: the appliance's own UI import files;
//! - [`UpdateLogs`]: checking the logs of system updates;
//! - [`Fetch`]: collecting a capture from the appliance itself.
//!
//! Nothing outside this folder names a vendor: the readers, the operations and the renderers
//! reach them through the registry. `docs/ADDING_A_VENDOR.md` walks through adding one.

pub mod mos;
pub mod spamtitan;

#[cfg(feature = "test-vendor")]
mod plain;

use std::path::Path;

use crate::base::error::{Error, Result};
use crate::base::message::Message;
use crate::capture::ReadOptions;
pub use crate::capture::{Note, NoteKind, SourceRead};
use crate::emit::{Command, Dialect};
use crate::fetch::{FetchError, Fetched, Target};
use crate::knowledge::Release;
use crate::model::update_log::UpdateRun;
use crate::model::{Config, SourceKind, VendorId};
use crate::source::Source;

/// Every vendor carryover knows, one line each; on a tie the earlier one's claim wins. The
/// `plain` vendor, which proves the boundary, is registered only with the `test-vendor`
/// feature, which the tests turn on and a release never has.
pub const REGISTRY: &[&dyn Vendor] = &[
    &mos::Mos,
    &spamtitan::SpamTitan,
    #[cfg(feature = "test-vendor")]
    &plain::Plain,
];

/// What a vendor is shown to decide whether an input is its own.
#[derive(Debug, Clone, Copy)]
pub enum Sample<'a> {
    /// A file, decoded: its path and its text (all of it, or a large head of it).
    File {
        /// The path as the user named it.
        path: &'a Path,
        /// The decoded, cleaned text.
        text: &'a str,
    },
    /// A directory that may be one whole capture.
    Dir {
        /// The directory.
        path: &'a Path,
    },
}

/// How strongly a vendor claims an input, from 0 (not at all) to 100 (certain), what kind of
/// capture it takes the input for, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The evidence score.
    pub score: u8,
    /// What kind of capture the vendor takes the input for.
    pub kind: SourceKind,
    /// What the score rests on, for messages.
    pub evidence: Message,
}

impl Claim {
    /// No claim.
    pub fn none() -> Claim {
        Claim {
            score: 0,
            kind: SourceKind::Export,
            evidence: crate::message!("vendors-no-evidence"),
        }
    }

    /// A claim of `score` that the input is a `kind`, resting on `evidence`.
    pub fn of(score: u8, kind: SourceKind, evidence: Message) -> Claim {
        Claim {
            score,
            kind,
            evidence,
        }
    }
}

/// One appliance family: what every vendor must answer. Capabilities default to "not
/// offered"; the caller turns that into a message the user sees (`unsupported`).
pub trait Vendor: Sync {
    /// The id models carry (`mirapoint-mos`).
    fn id(&self) -> VendorId;
    /// The name users know (`Mirapoint MOS`).
    fn title(&self) -> &'static str;
    /// How strongly this vendor claims an input: a score from evidence in the whole input (the
    /// share of it the vendor explains, and the structure it found), never from one line. See
    /// [`claimant`] for how claims are compared.
    fn claims(&self, sample: &Sample<'_>) -> Claim;
    /// Every kind of capture this vendor could take the input for, each with its own claim,
    /// best first; [`claimant`] compares them all. A vendor with one kind need not say more
    /// than [`Vendor::claims`].
    fn claims_each(&self, sample: &Sample<'_>) -> Vec<Claim> {
        vec![self.claims(sample)]
    }
    /// What this vendor's captures look like, for the message about a file nothing could be
    /// read from.
    fn expects(&self) -> Message {
        crate::message!("vendors-expects", vendor = self.title())
    }
    /// Which appliance a claimed input is of: its short host name, lower-cased.
    fn identify(&self, sample: &Sample<'_>) -> Option<String>;
    /// Reads one claimed file; its source will have index `index` in the model.
    fn read_file(&self, source: &Source, index: u32, options: &ReadOptions) -> Result<SourceRead>;
    /// Reads one claimed directory (one whole capture), file by file; the sources are numbered
    /// from `first_index`.
    fn read_dir(
        &self,
        dir: &Path,
        _first_index: u32,
        _options: &ReadOptions,
    ) -> Result<Vec<SourceRead>> {
        let what = crate::message!("vendor-can-read-folder", path = dir.display().to_string());
        Err(unsupported(self.title(), what))
    }
    /// Glob patterns of item paths that change by themselves, left out of diffs.
    fn volatile(&self) -> &'static [String] {
        &[]
    }
    /// The lists and settings its captures may hold: one a capture did not look at is written
    /// as not captured.
    fn known(&self) -> crate::model::canonical::Known {
        crate::model::canonical::Known::default()
    }
    /// Release notes, if carryover has any for this vendor.
    fn knowledge(&self) -> Option<&dyn Knowledge> {
        None
    }
    /// How to capture what the rules need.
    fn capture_plan(&self) -> Option<&dyn CapturePlan> {
        None
    }
    /// How restore scripts are written.
    fn restore_script(&self) -> Option<&dyn RestoreScript> {
        None
    }
    /// The appliance's own UI import files.
    fn import_files(&self) -> Option<&dyn ImportFiles> {
        None
    }
    /// Checking system update logs.
    fn update_logs(&self) -> Option<&dyn UpdateLogs> {
        None
    }
    /// Collecting a capture from the appliance itself.
    fn fetch(&self) -> Option<&dyn Fetch> {
        None
    }
    /// Whether users see this vendor: in lists (`--vendor` values, help, the schemas,
    /// messages) and as a choice made for them on evidence. A vendor made for tests answers
    /// `false`: it is then used only when named.
    fn shown_to_users(&self) -> bool {
        true
    }
}

/// The vendors users see ([`Vendor::shown_to_users`]), in registry order.
pub fn shown() -> Vec<&'static dyn Vendor> {
    REGISTRY
        .iter()
        .copied()
        .filter(|v| v.shown_to_users())
        .collect()
}

/// The ids of the vendors users see, as `mirapoint-mos, spamtitan`, for messages and help.
pub(crate) fn shown_ids() -> String {
    let ids: Vec<&str> = shown().iter().map(|v| v.id().name()).collect();
    ids.join(", ")
}

/// Collecting a capture from the appliance itself, over the network.
pub trait Fetch: Sync {
    /// The port when none is given: one for TLS, one for plaintext.
    fn default_port(&self, plaintext: bool) -> u16;
    /// What a login takes: a user or not, and which kind of secret. `fetch` derives the help
    /// and the validity of its credential flags from it.
    fn login(&self) -> Login;
    /// The appliance's name, where it comes from the host given rather than from what the
    /// appliance answers: two hosts of one run with one name are then refused before either
    /// is fetched.
    fn name_before_fetch(&self, _target: &Target) -> Option<String> {
        None
    }
    /// Fetches one appliance's whole capture and writes it under `into`, replacing that
    /// appliance's previous capture only once the new one is complete: a failed fetch leaves
    /// the previous capture as it was. The capture is read back by [`Vendor::read_file`] or
    /// [`Vendor::read_dir`] as any capture is.
    /// `plan` gives the capture plan's commands for what is known of the appliance so far
    /// (its delegated domains), for a vendor that sends commands.
    fn fetch(
        &self,
        target: &Target,
        into: &Path,
        plan: &dyn Fn(&Config) -> Vec<String>,
    ) -> std::result::Result<Fetched, FetchError>;
}

/// What logging in to an appliance takes ([`Fetch::login`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Login {
    /// Whether a user name is needed ([`Target::user`]) besides the secret.
    pub user: bool,
    /// The kind of secret.
    pub secret: SecretKind,
}

/// A kind of secret an appliance takes. Each has its own flags in `carryover fetch`, so a
/// secret of one kind is never sent where another is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SecretKind {
    /// A user's password.
    Password,
    /// A token of a REST API, sent without a user.
    ApiToken,
}

impl SecretKind {
    /// What the secret is called in messages and prompts.
    pub fn name(self) -> &'static str {
        match self {
            SecretKind::Password => "password",
            SecretKind::ApiToken => "API token",
        }
    }
}

/// Release notes and how their remedies are written.
pub trait Knowledge: Sync {
    /// The release notes, oldest first.
    fn releases(&self) -> &'static [Release];
    /// A word quoted so the appliance reads it back as it is (remedy templates).
    fn quote(&self, word: &str) -> String;
    /// The step that installs a patch a release note recommends.
    fn install_patch(&self, name: &str, url: &str, parameters: &str)
        -> Vec<crate::knowledge::Step>;
    /// The steps that install an upgrade package.
    fn install_package(&self, file: &str, url: &str) -> Vec<crate::knowledge::Step>;
    /// Whether a public source attests the form of a command line, as the vendor's catalog
    /// marks it; `None`: not a form the catalog knows. Remedies mark inferred forms.
    fn form_confirmed(&self, _command: &str) -> Option<bool> {
        None
    }
    /// Whether the command's form exists on `version` (the catalog's `since`/`until`); an
    /// unknown version, or a form the catalog does not date, has it.
    fn form_on_version(&self, _command: &str, _version: Option<&crate::model::Version>) -> bool {
        true
    }
    /// The settings the appliance takes in one call with `setting` (itself among them),
    /// compared and restored as one record; empty: a setting of its own.
    fn record_of(&self, _setting: &str) -> &'static [String] {
        &[]
    }
    /// Where the admin console sets settings no command writes.
    fn console(&self) -> &'static [crate::knowledge::ConsoleField] {
        &[]
    }
    /// The setting that shows the appliance stands alone, no cluster node, if the capture
    /// holds one: `(name, item)`. A rule about cluster nodes then does not fire.
    fn stands_alone<'c>(
        &self,
        _config: &'c Config,
    ) -> Option<(&'c str, &'c crate::model::Item<crate::model::Value>)> {
        None
    }
}

/// How a capture of this vendor's appliance is made.
pub trait CapturePlan: Sync {
    /// The commands every capture should hold, whatever the rules, each with why.
    fn base_commands(&self, config: &Config) -> Vec<(String, Message)>;
    /// A whole capture script to run instead of commands, where the vendor has one.
    fn script(&self) -> Option<&'static str> {
        None
    }
    /// The command line that runs [`CapturePlan::script`], listed where a capture command
    /// would be; `None` for a vendor captured by commands.
    fn run_script(&self) -> Option<String> {
        None
    }
    /// How to capture the appliance again after an upgrade, in one sentence (the runbook's
    /// check); [`CapturePlan::base_commands`] and the rules' commands follow it, if any.
    fn how_to_recapture(&self) -> Message;
    /// The command that shows a setting (`smtp.fastpath`).
    fn read_setting(&self, _name: &str) -> Option<String> {
        None
    }
    /// The command that shows a list in a scope.
    fn read_list(&self, _scope: &str, _list: &str) -> Option<String> {
        None
    }
    /// The commands that show a message in a scope.
    fn read_message(&self, _scope: &str, _name: &str) -> Vec<String> {
        Vec::new()
    }
    /// The commands that show the range of any other item path (`keys/...`,
    /// `trusted_hosts/<group>/...`, `licenses/...`, `updates/...`, `appliance/version`); none
    /// where no command shows it (a trusted host's key, `trusted_hosts/<group>/<host>/key`).
    fn read_item(&self, _path: &str) -> Vec<String> {
        Vec::new()
    }
    /// Every read the vendor's catalog knows for this appliance, in groups of one fact each
    /// (`fetch`'s default, `capture --profile full`); empty for a vendor without one.
    fn every_read(&self, _config: &Config) -> Vec<Vec<String>> {
        Vec::new()
    }
    /// Every scope a list can have on this appliance.
    fn list_scopes(&self, config: &Config) -> Vec<String> {
        config.lists.keys().cloned().collect()
    }
}

/// How a restore script is framed and how each kind of item is written into it. Every line
/// goes through [`crate::emit`]: commands are typed [`Command`]s, quoted by the vendor's
/// [`Dialect`].
pub trait RestoreScript: Sync {
    /// Whether a command's form is confirmed by a public source (`Some(false)`: inferred,
    /// and the script marks it); `None` for a form the vendor's catalog does not know.
    fn form_confirmed(&self, _command: &str) -> Option<bool> {
        None
    }
    /// How the script's language quotes an argument.
    fn dialect(&self) -> &dyn Dialect;
    /// How the script's language quotes an argument when the script is sent to the appliance
    /// in `encoding`, for a vendor whose scripts can be written in more than one (MOS literals
    /// count the bytes of the encoding they are sent in). `None`: this vendor's scripts are
    /// UTF-8 only, and `restore` refuses another encoding.
    fn dialect_in(&self, _encoding: &'static encoding_rs::Encoding) -> Option<Box<dyn Dialect>> {
        None
    }
    /// The script's framing before its header remarks (a shebang).
    fn script_start(&self) -> &'static str {
        ""
    }
    /// The script's framing after its header remarks (a prologue of shell functions).
    fn prologue(&self) -> &'static str {
        ""
    }
    /// The command that sets a setting of a scope to a value.
    fn write_setting(&self, scope: &str, name: &str, value: &str) -> Option<Command>;
    /// The command that adds an entry to a list.
    fn write_list_entry(&self, scope: &str, list: &str, entry: &str) -> Option<Command>;
    /// One command for every entry of a list, where each entry's command is this one with its
    /// last argument the entry: for every entry, [`RestoreScript::write_list_entry`] written
    /// by the emitter gives the same line as this command written ending with the entry, or
    /// is not written at all. A long list is then written without a command per entry.
    /// `None`: each entry has a command of its own.
    fn list_entry_form(&self, _scope: &str, _list: &str) -> Option<Command> {
        None
    }
    /// The command that sets a message in the current scope (may span lines: a literal).
    fn write_message(&self, _name: &str, _text: &str) -> Option<Command> {
        None
    }
    /// The command that adds a trusted host, with its key block.
    fn write_trusted_host(&self, _group: &str, _host: &str, _key: &str) -> Option<Command> {
        None
    }
    /// The command that makes a domain the current scope; `""` goes back to the system.
    fn enter_scope(&self, _domain: &str) -> Option<Command> {
        None
    }
    /// How a person applies the script, for the runbook: a message whose words are Markdown.
    fn how_to_apply(&self, script_name: &str) -> Message;
}

/// The appliance's own import files for what a model holds.
pub trait ImportFiles: Sync {
    /// `(relative path, contents)` of every import file the model fills. A secret still
    /// marked secret in `config` is left empty, never written as a placeholder.
    fn files(&self, config: &Config) -> Vec<(String, String)>;
    /// The secrets [`ImportFiles::files`] left empty, each as a step to do by hand.
    fn secrets_left_out(&self, _config: &Config) -> Vec<String> {
        Vec::new()
    }
}

/// Checking the log of a system update.
pub trait UpdateLogs: Sync {
    /// What the log shows: versions, steps, services, anomalies.
    fn verify(&self, source: &Source) -> Result<UpdateRun>;
}

/// A vendor's secret field names: its `secrets.ron` on top of the neutral list, read once.
/// Each vendor keeps one in a `static` beside its `secrets.ron`; which fields are secret is
/// data, the code that reads it is this one.
pub struct SecretFields {
    names: std::sync::OnceLock<crate::base::secrets::SecretNames>,
    ron_list: &'static str,
}

impl SecretFields {
    /// The fields a `secrets.ron` names (its text, from `include_str!`).
    pub const fn new(ron_list: &'static str) -> SecretFields {
        SecretFields {
            names: std::sync::OnceLock::new(),
            ron_list,
        }
    }

    /// The secret field names, read on first use.
    pub fn names(&'static self) -> &'static crate::base::secrets::SecretNames {
        crate::base::secrets::vendor_list(&self.names, self.ron_list)
    }

    /// A text value of a field: a secret when the field's name says so.
    pub fn value(&'static self, name: &str, text: String) -> crate::model::Value {
        crate::model::named_text(self.names(), name, text)
    }
}

/// A vendor id serializes as text; its schema names the vendors users see, from the registry.
impl schemars::JsonSchema for VendorId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "VendorId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let ids: Vec<String> = shown().iter().map(|v| format!("`{}`", v.id())).collect();
        let description = format!(
            "The vendor's id in carryover's registry: {}.",
            ids.join(", ")
        );
        schemars::json_schema!({ "type": "string", "description": description })
    }
}

/// The error for a capability a vendor does not offer.
pub(crate) fn unsupported(vendor: &str, what: crate::base::message::Message) -> Error {
    Error::usage(crate::message!(
        "vendor-unsupported",
        what = what,
        vendor = vendor
    ))
}

/// The vendor registered under `id`.
pub fn by_id(id: VendorId) -> Result<&'static dyn Vendor> {
    REGISTRY
        .iter()
        .copied()
        .find(|v| v.id() == id)
        .ok_or_else(|| Error::usage(crate::message!("vendor-unknown", id = id.to_string())))
}

/// The vendor registered under a name a user typed (its id).
pub fn by_name(name: &str) -> Option<&'static dyn Vendor> {
    REGISTRY.iter().copied().find(|v| v.id().name() == name)
}

/// A winning claim must score at least this much to be taken without a word on standard error.
pub const CLEAR_SCORE: u8 = 30;
/// ... and be at least this far ahead of the next claim (of any vendor or kind).
pub const CLEAR_MARGIN: u8 = 15;

/// The outcome of comparing every vendor's claims on one input.
pub struct Detection {
    /// The vendor that claims the input most strongly.
    pub vendor: &'static dyn Vendor,
    /// Its best claim.
    pub claim: Claim,
    /// Every claim considered, best first, with the vendor that made it.
    pub considered: Vec<(&'static dyn Vendor, Claim)>,
}

impl std::fmt::Debug for Detection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Detection")
            .field("vendor", &self.vendor.id())
            .field("claim", &self.claim)
            .finish()
    }
}

/// The `--kind` value that forces a kind.
pub(crate) fn kind_flag(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::CliLog => "cli",
        SourceKind::Protocol => "protocol",
        SourceKind::Export => "export",
    }
}

/// A kind as people say it.
pub(crate) fn kind_name(kind: SourceKind) -> Message {
    match kind {
        SourceKind::CliLog => crate::message!("vendors-kind-cli-log"),
        SourceKind::Protocol => crate::message!("vendors-kind-protocol"),
        SourceKind::Export => crate::message!("vendors-kind-export"),
    }
}

/// Messages as one list (`a, b, c`), made of nested messages so that the words of the
/// separator come from the catalog; `None` for no message.
pub(crate) fn listed(items: Vec<Message>) -> Option<Message> {
    items
        .into_iter()
        .rev()
        .reduce(|rest, first| crate::message!("vendors-list", first = first, rest = rest))
}

impl Detection {
    /// The runner-up's score, 0 when there is none.
    fn runner_up(&self) -> u8 {
        self.considered.get(1).map_or(0, |(_, c)| c.score)
    }

    /// Whether the winner is clearly ahead: strong enough, and far enough ahead of the rest.
    pub fn is_clear(&self) -> bool {
        self.claim.score >= CLEAR_SCORE
            && self.claim.score - self.runner_up().min(self.claim.score) >= CLEAR_MARGIN
    }

    /// Every claim considered, as `Mirapoint MOS CLI log 42`, for messages.
    pub fn scores(&self) -> Message {
        let each = self.considered.iter().map(|(v, c)| {
            let kind = kind_name(c.kind);
            crate::message!(
                "vendors-score",
                vendor = v.title(),
                kind = kind,
                score = c.score
            )
        });
        listed(each.collect()).unwrap_or_else(|| crate::message!("vendors-no-evidence"))
    }

    /// When the winner is not clearly ahead, what to say on standard error: what was chosen,
    /// every kind considered with its score, and how to force one.
    pub(crate) fn doubt(&self) -> Option<crate::base::message::Message> {
        if self.is_clear() {
            return None;
        }
        let kinds = ["cli", "protocol", "export"].join("|");
        let (vendor, kind) = (self.vendor.title(), kind_name(self.claim.kind));
        let (evidence, scores) = (self.claim.evidence.clone(), self.scores());
        Some(if self.claim.score < CLEAR_SCORE {
            crate::message!(
                "read-doubt-explains-little",
                vendor = vendor,
                kind = kind,
                evidence = evidence,
                scores = scores,
                kinds = kinds
            )
        } else {
            crate::message!(
                "read-doubt-close",
                vendor = vendor,
                kind = kind,
                evidence = evidence,
                scores = scores,
                kinds = kinds
            )
        })
    }
}

/// Compares every vendor's claims on a sample ([`Vendor::claims_each`]). The best score wins;
/// `Detection::doubt` says when it is not clearly ahead. `None` when no vendor claims it.
pub fn detect(sample: &Sample<'_>) -> Option<Detection> {
    let mut considered: Vec<(&'static dyn Vendor, Claim)> = REGISTRY
        .iter()
        .copied()
        .flat_map(|v| v.claims_each(sample).into_iter().map(move |c| (v, c)))
        // A vendor users do not see is not named among the readings it does not make.
        .filter(|(v, c)| v.shown_to_users() || c.score > 0)
        .collect();
    // Stable: on a tie the vendor registered first wins.
    considered.sort_by_key(|(_, c)| std::cmp::Reverse(c.score));
    let (vendor, claim) = considered.first().cloned()?;
    (claim.score > 0).then_some(Detection {
        vendor,
        claim,
        considered,
    })
}

/// The vendor that claims a sample most strongly, with its claim; `None` when none claims it.
pub fn claimant(sample: &Sample<'_>) -> Option<(&'static dyn Vendor, Claim)> {
    detect(sample).map(|d| (d.vendor, d.claim))
}

/// What every vendor's captures look like, for a message about a file none could read.
pub fn expected() -> Message {
    shown()
        .iter()
        .rev()
        .map(|v| v.expects())
        .reduce(|rest, first| crate::message!("vendors-expected-or", first = first, rest = rest))
        .unwrap_or_else(|| crate::message!("vendors-no-evidence"))
}

/// The vendor whose whole capture a directory is, if any.
pub fn claimant_of_dir(dir: &Path) -> Option<&'static dyn Vendor> {
    claimant(&Sample::Dir { path: dir }).map(|(v, _)| v)
}

/// The release notes of a vendor, or an error that says carryover has none.
pub fn knowledge_of(vendor: &'static dyn Vendor) -> Result<&'static dyn Knowledge> {
    vendor.knowledge().ok_or_else(|| {
        Error::usage(crate::message!(
            "vendor-no-release-notes",
            vendor = vendor.title()
        ))
    })
}

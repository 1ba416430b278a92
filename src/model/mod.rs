//! The typed model of one appliance's configuration.
//!
//! It knows nothing of syntax: vendors turn what they read into [`Change`]s, and
//! [`Config::apply`] replays them in order, as the appliance did. Every collection is ordered
//! by key, so serializing the same settings always gives the same bytes, whatever order,
//! encoding or quoting they were read in. Each item remembers where it was read ([`Origin`]),
//! but origins are not part of the canonical form: [`Config::items`] lists them beside it.

mod apply;
mod bidi_escape;
pub mod canonical;
mod coverage;
mod domains;
pub mod identity;
mod items;
pub mod journal;
mod list;
mod schema;
pub mod update_log;
mod value;

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

pub use apply::{Change, Conflict};
pub(crate) use coverage::key_path;
pub use coverage::Coverage;
pub use domains::{align_domains, domains_differ_in_form};
pub use items::ItemRef;
pub use list::List;
pub use value::{canonical_entry, Secret, Value, Version};
pub(crate) use value::{named_text, normalize_key_block};

use crate::source::SourceInfo;

/// Where an item was read: the index of its source in [`Config::sources`] and its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// Index into [`Config::sources`].
    pub source: u32,
    /// 1-based line in that source.
    pub line: u32,
}

/// What kind of capture a source is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A session log of commands and their answers, as typed at a console (an MOS CLI log,
    /// a SpamTitan update log).
    CliLog,
    /// A machine protocol's transcript (MOS admin protocol, SpamTitan REST answers).
    Protocol,
    /// A file the appliance or its UI wrote out (a config export, a list or CSV export).
    Export,
}

/// A source the model was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Provenance {
    /// What kind of capture it is.
    pub kind: SourceKind,
    /// Its path, size, encoding and digest.
    #[serde(flatten)]
    pub info: SourceInfo,
}

/// A value and where it was read. Serializes as the bare value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<T> {
    /// The value itself.
    pub value: T,
    /// Where it was read.
    pub at: Origin,
}

impl<T: Serialize> Serialize for Item<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// Which vendor's appliance a model describes: the id a vendor registers under
/// (`mirapoint-mos`, `spamtitan`). The model knows no vendor; the registry in
/// [`crate::vendors`] maps ids to vendors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VendorId(pub &'static str);

impl VendorId {
    /// The id as text, as it is serialized.
    pub fn name(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for VendorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// A vendor serializes as its id, the same in RON and JSON.
impl Serialize for VendorId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// Who the appliance is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Appliance {
    /// The short host name: the 4.2 prompt's and the first label of the FQDN the older prompt shows.
    pub hostname: Option<Item<String>>,
    /// The fully qualified name, lower case, when a prompt or greeting shows one.
    pub fqdn: Option<Item<String>>,
    /// The software version the appliance runs.
    pub version: Option<Item<Version>>,
    /// The hardware model (RG7000, M600, ...), when a banner names it.
    pub model: Option<Item<String>>,
}

/// A Mirapoint MTA key, public or private.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Key {
    /// The key's kind, as the appliance names it in its listing.
    pub kind: String,
    /// The host the key belongs to, lower case.
    pub host: String,
    /// The key block, sentinels normalized; a private key is a secret.
    pub block: Value,
    /// The capture elides lines of the block (`~~~~~`), so it cannot be re-applied as it is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub elided: bool,
}

/// A host trusted to relay with its MTA key (`trustedhost add <group> <host>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TrustedHost {
    /// The host's public key block, when the capture shows it.
    pub key: Option<String>,
    /// The capture elides lines of the key, so it cannot be re-applied as it is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub elided: bool,
}

/// A command the catalog does not know, kept with its answer so that nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Raw {
    /// The command: its area and verb in lower case, its arguments as typed (where it was typed
    /// says how it was spelled).
    pub command: String,
    /// The answer's lines, as the appliance gave them.
    pub answer: Vec<String>,
    /// What masking hid of the command and its answer (a secret in a command no catalog
    /// knows), as a hash under a key of this run: two captures read in one run tell a changed
    /// secret from the same one. Never written anywhere; `None`: nothing was hidden.
    #[serde(skip)]
    #[schemars(skip)]
    pub hidden: Option<u64>,
}

impl Raw {
    /// A raw command and its answer, nothing hidden.
    pub fn new(command: String, answer: Vec<String>) -> Raw {
        Raw {
            command,
            answer,
            hidden: None,
        }
    }

    /// The hash of texts that masking hides, under a key chosen once a run: equal texts give
    /// equal hashes within the run, and nothing of them can be told from it across runs.
    pub fn hide(texts: &[&str]) -> u64 {
        use std::hash::BuildHasher;
        hiding_key().hash_one(texts)
    }

    /// What several commands that mask to one form hid, together, under the same key.
    pub fn hide_together(hidden: &std::collections::BTreeSet<u64>) -> u64 {
        use std::hash::BuildHasher;
        hiding_key().hash_one(hidden)
    }
}

/// The key of this run's hashes of hidden texts, chosen once.
fn hiding_key() -> &'static std::collections::hash_map::RandomState {
    static KEY: std::sync::OnceLock<std::collections::hash_map::RandomState> =
        std::sync::OnceLock::new();
    KEY.get_or_init(Default::default)
}

/// Everything known about one appliance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Config {
    /// The vendor whose appliance this is.
    pub vendor: VendorId,
    /// Who the appliance is: names, version, hardware model.
    pub appliance: Appliance,
    /// Delegated (MOS) or configured (SpamTitan) domains.
    pub domains: List,
    /// Settings by scope (`system` or a domain), then by name (`smtp.fastpath`).
    pub settings: BTreeMap<String, BTreeMap<String, Item<Value>>>,
    /// Sets of entries by scope, then by list name (`whitelistto`, `allow`, ...).
    pub lists: BTreeMap<String, BTreeMap<String, List>>,
    /// Multi-line texts (messages, autoreplies) by scope, then by name.
    pub messages: BTreeMap<String, BTreeMap<String, Item<Value>>>,
    /// Trusted hosts by group, then by host.
    pub trusted_hosts: BTreeMap<String, BTreeMap<String, Item<TrustedHost>>>,
    /// Keys by `<kind> <public|private> <host>`.
    pub keys: BTreeMap<String, Item<Key>>,
    /// Licensed features, with what the appliance said of each.
    pub licenses: BTreeMap<String, Item<String>>,
    /// Installed updates and patches, with what the appliance said of each.
    pub updates: BTreeMap<String, Item<String>>,
    /// Commands the catalog does not know, by their canonical form.
    pub raw: BTreeMap<String, Item<Raw>>,
    /// The captures read, in the order given to `Config::add_source`. Not canonical.
    #[serde(skip)]
    pub sources: Vec<Provenance>,
    /// What the captures observed; not canonical (`show --format json` prints it beside).
    #[serde(skip)]
    pub coverage: Coverage,
    /// The form kept for each domain that has more than one; not canonical.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) domain_forms: domains::DomainForms,
}

/// The scope of system-wide settings.
pub const SYSTEM: &str = "system";

impl Config {
    /// An empty model of one of `vendor`'s appliances.
    pub fn new(vendor: VendorId) -> Config {
        Config {
            vendor,
            ..Config::default()
        }
    }

    /// Registers a source; items read from it carry the returned index.
    pub(crate) fn add_source(&mut self, provenance: Provenance) -> u32 {
        self.coverage.files.push(provenance.info.path.to_string());
        self.sources.push(provenance);
        (self.sources.len() - 1) as u32
    }

    /// `path:line` of an origin.
    pub(crate) fn locate(&self, at: Origin) -> String {
        match self.sources.get(at.source as usize) {
            Some(p) => format!("{}:{}", p.info.path, at.line),
            None => format!("?:{}", at.line),
        }
    }

    /// What an upgrade read in the middle of a capture makes of the model: the readings
    /// before it are of the appliance before it, and an upgrade may reset settings (what the
    /// release notes warn of), so they leave the model and count as not captured again. Who
    /// the appliance is, the captures read and the updates installed (the upgrade among them)
    /// stay.
    pub(crate) fn forget_readings(&mut self) {
        let seen = &self.coverage;
        let coverage = Coverage {
            version: seen.version,
            model: seen.model,
            name: seen.name,
            updates: seen.updates,
            files: std::mem::take(&mut self.coverage.files),
            ..Coverage::default()
        };
        *self = Config {
            vendor: self.vendor,
            appliance: std::mem::take(&mut self.appliance),
            updates: std::mem::take(&mut self.updates),
            sources: std::mem::take(&mut self.sources),
            coverage,
            ..Config::default()
        };
    }

    /// Replaces every secret by its plain text, for `--show-secrets`.
    pub fn reveal_secrets(&mut self) {
        let reveal = |v: &mut Value| {
            if let Value::Secret(s) = v {
                *v = Value::Text(std::mem::take(&mut s.0));
            }
        };
        for scope in self.settings.values_mut().chain(self.messages.values_mut()) {
            scope.values_mut().for_each(|i| reveal(&mut i.value));
        }
        self.keys
            .values_mut()
            .for_each(|k| reveal(&mut k.value.block));
    }
}

//! The canonical form of a model, a property of the model itself: the same settings give the
//! same bytes. `track` writes its files in it and `diff --format unified` compares it, so it
//! lives here, below every layer that needs it; `render` adds provenance and JSON around it.
//!
//! Every rendering of a model says what its captures never looked at: a section no capture
//! observed is written `NotCaptured` (JSON: `{"not_captured": true}`), never as empty, and so
//! is each list and setting the vendor knows (a [`Known`]) inside a section that was observed,
//! so that a capture that did not look reads as "not captured" and never as a deletion.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};

use super::{Config, Item, Key, List, Raw, TrustedHost, Value, VendorId, Version};

/// The version of carryover's JSON and RON documents; it changes when their shape does.
/// 2: a section no capture observed is written as not captured, and so is each list and
/// setting the vendor knows inside a section that was.
pub const FORMAT_VERSION: u32 = 2;

/// How canonical RON is laid out: two-space indents, no struct names, and strings as the
/// lines they are (messages and keys), so git diffs them line by line.
pub(crate) fn ron_layout() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("  ".to_string())
        .struct_names(false)
        .escape_strings(false)
}

/// The lists and settings a vendor's captures may hold, by scope: each one a capture did not
/// look at is written as not captured. Vendors say theirs; the model knows no vendor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Lists by scope (`primary` → `whitelistto`).
    pub lists: BTreeMap<String, BTreeSet<String>>,
    /// The lists any other scope a capture holds lists for may hold (a domain's).
    pub lists_in_any_scope: BTreeSet<String>,
    /// Settings by scope (`system` → `smtp.fastpath`).
    pub settings: BTreeMap<String, BTreeSet<String>>,
}

/// How "not captured" is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// RON's bare `NotCaptured`.
    Ron,
    /// JSON's `{"not_captured": true}`.
    Json,
}

/// A section, list or setting of a model, or the mark that no capture looked at it; one that
/// `MAY_BE_PARTIAL` (a list), or what the captures showed of it.
pub struct Section<V, const MAY_BE_PARTIAL: bool = false> {
    /// `None`: not captured.
    value: Option<V>,
    notation: Notation,
    /// The value is what the captures showed of it, not all of it: a list whose listing was
    /// cut, or only entries added by commands. Written `(partial: [...])` (JSON:
    /// `{"partial": [...]}`), so that an entry it lacks reads as not captured, never removed.
    partial: bool,
}

/// A value the captures showed only part of.
#[derive(Serialize)]
#[serde(rename = "Partial")]
struct Partial<V> {
    partial: V,
}

impl<V: Serialize, const P: bool> Serialize for Section<V, P> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.value, self.notation) {
            (Some(value), _) if self.partial => Partial { partial: value }.serialize(s),
            (Some(value), _) => value.serialize(s),
            (None, Notation::Ron) => s.serialize_unit_variant("Coverage", 0, NOT_CAPTURED),
            (None, Notation::Json) => NotCaptured { not_captured: true }.serialize(s),
        }
    }
}

/// What RON writes for a section no capture looked at.
pub const NOT_CAPTURED: &str = "NotCaptured";

/// A section no capture looked at, in JSON.
#[derive(Serialize)]
struct NotCaptured {
    not_captured: bool,
}

impl JsonSchema for NotCaptured {
    fn schema_name() -> Cow<'static, str> {
        "NotCaptured".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "properties": { "not_captured": { "const": true } },
            "required": ["not_captured"],
            "additionalProperties": false,
            "description": "No capture looked at this: not captured, which is not empty."
        })
    }
}

impl<V: JsonSchema, const P: bool> JsonSchema for Section<V, P> {
    fn schema_name() -> Cow<'static, str> {
        format!("Section_{}", V::schema_name()).into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let value = generator.subschema_for::<V>();
        let not_captured = generator.subschema_for::<NotCaptured>();
        if !P {
            return json_schema!({ "anyOf": [value, not_captured] });
        }
        let partial = json_schema!({
            "type": "object",
            "properties": { "partial": value.clone() },
            "required": ["partial"],
            "additionalProperties": false,
            "description": "What the captures showed of a list, not all of it (its listing was cut, or only commands that add to it were seen): an entry it lacks was not captured, not removed."
        });
        json_schema!({ "anyOf": [value, not_captured, partial] })
    }
}

/// Entries by scope, then by name, each one captured or not; a scope none of whose entries
/// was captured is not captured as a whole.
type Scoped<'a, T, const P: bool = false> =
    BTreeMap<&'a str, Section<BTreeMap<&'a str, Section<&'a T, P>>>>;

/// Who the appliance is, each name or fact not shown by any capture marked so.
#[derive(Serialize, JsonSchema)]
pub struct CoveredAppliance<'a> {
    /// The short host name: the 4.2 prompt's and the first label of the FQDN the older prompt
    /// shows.
    hostname: Section<&'a Option<Item<String>>>,
    /// The fully qualified name, lower case, when a prompt or greeting shows one.
    fqdn: Section<&'a Option<Item<String>>>,
    /// The software version the appliance runs.
    version: Section<&'a Option<Item<Version>>>,
    /// The hardware model (RG7000, M600, ...), when a banner names it.
    model: Section<&'a Option<Item<String>>>,
}

/// A model as every rendering writes it: each section no capture observed marked as not
/// captured, and each list and setting the vendor knows that no capture looked at. Same
/// fields, same order, as the model.
#[derive(Serialize, JsonSchema)]
pub struct Covered<'a> {
    /// The vendor whose appliance this is.
    vendor: VendorId,
    /// Who the appliance is: names, version, hardware model.
    appliance: CoveredAppliance<'a>,
    /// Delegated (MOS) or configured (SpamTitan) domains.
    domains: Section<&'a List>,
    /// Settings by scope (`system` or a domain), then by name (`smtp.fastpath`).
    settings: Section<Scoped<'a, Item<Value>>>,
    /// Sets of entries by scope, then by list name (`whitelistto`, `allow`, ...).
    lists: Section<Scoped<'a, List, true>>,
    /// Multi-line texts (messages, autoreplies) by scope, then by name.
    messages: Section<&'a BTreeMap<String, BTreeMap<String, Item<Value>>>>,
    /// Trusted hosts by group, then by host.
    trusted_hosts: Section<BTreeMap<&'a str, BTreeMap<&'a str, CoveredTrustedHost<'a>>>>,
    /// Keys by `<kind> <public|private> <host>`.
    keys: Section<&'a BTreeMap<String, Item<Key>>>,
    /// Licensed features, with what the appliance said of each.
    licenses: Section<&'a BTreeMap<String, Item<String>>>,
    /// Installed updates and patches, with what the appliance said of each.
    updates: Section<&'a BTreeMap<String, Item<String>>>,
    /// Commands the catalog does not know, by their canonical form.
    raw: &'a BTreeMap<String, Item<Raw>>,
}

impl<'a> Covered<'a> {
    /// The model, each section its captures never observed marked as not captured, and inside
    /// the sections they did, each list and setting of `known` they did not look at. A section
    /// with anything in it was seen, whatever its coverage says.
    pub fn of(config: &'a Config, notation: Notation, known: &'a Known) -> Covered<'a> {
        let c = &config.coverage;
        let section = |captured: bool| Section {
            value: (captured || c.absent).then_some(()),
            notation,
            partial: false,
        };
        let a = &config.appliance;
        Covered {
            vendor: config.vendor,
            appliance: CoveredAppliance {
                hostname: section(a.hostname.is_some()).with(&a.hostname),
                fqdn: section(a.fqdn.is_some()).with(&a.fqdn),
                version: section(a.version.is_some()).with(&a.version),
                model: section(a.model.is_some()).with(&a.model),
            },
            domains: section(!config.domains.is_empty() || c.domains_in_full).with(&config.domains),
            settings: section(!config.settings.is_empty() || !c.settings.is_empty())
                .with(settings(config, known, notation)),
            lists: section(!config.lists.is_empty() || !c.lists.is_empty())
                .with(lists(config, known, notation)),
            messages: section(!config.messages.is_empty() || !c.messages.is_empty())
                .with(&config.messages),
            trusted_hosts: section(
                !config.trusted_hosts.is_empty() || !c.trusted_host_groups.is_empty(),
            )
            .with(trusted_hosts(config, notation)),
            keys: section(!config.keys.is_empty() || !c.keys.is_empty()).with(&config.keys),
            licenses: section(!config.licenses.is_empty() || c.licenses).with(&config.licenses),
            updates: section(!config.updates.is_empty() || c.updates).with(&config.updates),
            raw: &config.raw,
        }
    }
}

/// A trusted host as every rendering writes it: its key not captured where no capture
/// observed it (a listing shows hosts, never keys), so that it never reads as "no key".
#[derive(Serialize, JsonSchema)]
pub struct CoveredTrustedHost<'a> {
    /// The host's public key block; none (`None`, JSON `null`) where the captures show it has
    /// none, not captured where none of them could show it.
    key: Section<&'a Option<String>>,
    /// The capture elides lines of the key, so it cannot be re-applied as it is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    elided: bool,
}

/// The trusted hosts, each key no capture observed as not captured.
fn trusted_hosts(
    config: &Config,
    notation: Notation,
) -> BTreeMap<&str, BTreeMap<&str, CoveredTrustedHost<'_>>> {
    let mut out: BTreeMap<&str, BTreeMap<&str, CoveredTrustedHost<'_>>> = BTreeMap::new();
    for (group, hosts) in &config.trusted_hosts {
        let written = out.entry(group.as_str()).or_default();
        for (host, item) in hosts {
            let key = super::key_path(&format!("trusted_hosts/{group}/{host}"));
            let observed = item.value.key.is_some() || config.coverage.observes(&key);
            let entry = CoveredTrustedHost {
                key: Section {
                    value: observed.then_some(&item.value.key),
                    notation,
                    partial: false,
                },
                elided: item.value.elided,
            };
            written.insert(host.as_str(), entry);
        }
    }
    out
}

impl Section<()> {
    /// This section's coverage, for `value`.
    fn with<V, const P: bool>(self, value: V) -> Section<V, P> {
        Section {
            value: self.value.map(|()| value),
            notation: self.notation,
            partial: self.partial,
        }
    }
}

/// The settings, with each known setting no capture looked at as not captured.
fn settings<'a>(
    config: &'a Config,
    known: &'a Known,
    notation: Notation,
) -> Scoped<'a, Item<Value>> {
    let c = &config.coverage;
    let seen = |scope: &str, name: &str| c.absent || c.setting(scope, name);
    let known = known.settings.iter().map(|(s, names)| (s.as_str(), names));
    with_known(&config.settings, known, seen, notation)
}

/// The lists, with each known list no capture listed in full, in a known scope or in one the
/// captures hold lists for, as not captured.
fn lists<'a>(config: &'a Config, known: &'a Known, notation: Notation) -> Scoped<'a, List, true> {
    let c = &config.coverage;
    let seen = |scope: &str, name: &str| c.absent || c.lists_in_full(scope, name);
    let other_scopes = config
        .lists
        .keys()
        .filter(|scope| !known.lists.contains_key(*scope))
        .map(|scope| (scope.as_str(), &known.lists_in_any_scope));
    let known = known.lists.iter().map(|(s, names)| (s.as_str(), names));
    with_known(&config.lists, known.chain(other_scopes), seen, notation)
}

/// What a model holds by scope and name, and each name `known` that `seen` says no capture
/// looked at, as not captured; a scope with nothing captured, as not captured whole. Where
/// a value may be partial (`P`, a list), what is held of a name no capture looked at in full
/// is partial.
fn with_known<'a, T, const P: bool>(
    held: &'a BTreeMap<String, BTreeMap<String, T>>,
    known: impl Iterator<Item = (&'a str, &'a BTreeSet<String>)>,
    seen: impl Fn(&str, &str) -> bool,
    notation: Notation,
) -> Scoped<'a, T, P> {
    let mut out: BTreeMap<&str, BTreeMap<&str, Section<&T, P>>> = BTreeMap::new();
    for (scope, names) in held {
        let entries = out.entry(scope.as_str()).or_default();
        for (name, value) in names {
            let captured = Section {
                value: Some(value),
                notation,
                partial: P && !seen(scope, name),
            };
            entries.insert(name.as_str(), captured);
        }
    }
    for (scope, names) in known {
        for name in names.iter().filter(|name| !seen(scope, name)) {
            let not_captured = Section {
                value: None,
                notation,
                partial: false,
            };
            let entries = out.entry(scope).or_default();
            entries.entry(name.as_str()).or_insert(not_captured);
        }
    }
    out.into_iter()
        .map(|(scope, entries)| {
            let any = entries.values().any(|entry| entry.value.is_some());
            let value = any.then_some(entries);
            let partial = false;
            (
                scope,
                Section {
                    value,
                    notation,
                    partial,
                },
            )
        })
        .collect()
}

/// The canonical RON document of a model: its format version and the configuration.
#[derive(Serialize)]
struct Canonical<'a> {
    format_version: u32,
    config: Covered<'a>,
}

/// The canonical RON of a model, ending in a line break; `known` is its vendor's.
pub fn to_ron(config: &Config, known: &Known) -> String {
    let mut out = Vec::new();
    write_ron(&mut out, config, known).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("RON is UTF-8")
}

/// Writes the canonical RON of a model as it is serialized, so a large model is never held
/// twice in memory; `known` is its vendor's.
pub fn write_ron(
    out: &mut dyn std::io::Write,
    config: &Config,
    known: &Known,
) -> std::io::Result<()> {
    write_ron_of(
        out,
        &Canonical {
            format_version: FORMAT_VERSION,
            config: Covered::of(config, Notation::Ron, known),
        },
    )
}

/// Writes any document in the canonical RON layout, ending in a line break.
pub(crate) fn write_ron_of<T: Serialize>(
    out: &mut dyn std::io::Write,
    document: &T,
) -> std::io::Result<()> {
    let mut out = Gathered {
        text: String::with_capacity(Gathered::<()>::SIZE + 1024),
        out: super::bidi_escape::BidiEscaped::new(std::io::BufWriter::with_capacity(1 << 16, out)),
        failed: None,
    };
    let written = ron::Options::default().to_writer_pretty(&mut out, document, ron_layout());
    if let Some(e) = out.failed.take() {
        return Err(e);
    }
    written.map_err(std::io::Error::other)?;
    out.text.push('\n');
    out.write_text()?;
    out.out.finish()
}

/// RON writes a character or a few at a time: gathered in a `String` they cost a push each,
/// and the escaping writer scans them in pieces of [`Gathered::SIZE`].
struct Gathered<W> {
    text: String,
    out: W,
    /// The error writing to `out` gave, which `fmt::Write` cannot carry.
    failed: Option<std::io::Error>,
}

impl<W> Gathered<W> {
    const SIZE: usize = 1 << 16;
}

impl<W: std::io::Write> Gathered<W> {
    fn write_text(&mut self) -> std::io::Result<()> {
        let written = self.out.write_all(self.text.as_bytes());
        self.text.clear();
        written
    }
}

impl<W: std::io::Write> std::fmt::Write for Gathered<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.text.push_str(s);
        if self.text.len() >= Self::SIZE {
            if let Err(e) = self.write_text() {
                self.failed = Some(e);
                return Err(std::fmt::Error);
            }
        }
        Ok(())
    }

    fn write_char(&mut self, c: char) -> std::fmt::Result {
        self.text.push(c);
        Ok(())
    }
}

/// The format version a stored canonical document says it is in: the `format_version` of its
/// first lines. `None`: the text is no canonical document.
pub fn stored_format_version(text: &str) -> Option<u32> {
    text.lines().take(3).find_map(|line| {
        let value = line.trim().strip_prefix("format_version:")?;
        value.trim().trim_end_matches(',').parse().ok()
    })
}

/// A stored canonical document read back into a model, as far as comparing two of them needs:
/// numbers and words come back as text, and every item at line 0. `None`: the text is no
/// canonical document. The vendor is left unset (the model knows no vendor by name); the
/// coverage says every section, list and setting was observed but those written as not
/// captured. Compare two models read back this way, never one read back with one read from
/// captures.
pub fn read_stored(text: &str) -> Option<Config> {
    Some(StoredDocument::parse(text)?.model())
}

/// Where a stored document writes something as not captured, or a list as partial: the names
/// that lead to it from the configuration (`["lists", "primary", "whitelistto"]`). Joined by
/// `/`, it is the item path of the range.
pub type Gap = Vec<String>;

/// A stored canonical document, parsed. What it writes as not captured or partial (its
/// [`Gap`]s) may be filled in from an earlier stored document of the same appliance that
/// observed it, before it is read back into a model: so that a capture is compared with the
/// last one that looked, not with a capture in between that did not.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    document: ron::Value,
}

impl StoredDocument {
    /// The document, or `None` when the text is no canonical document.
    pub fn parse(text: &str) -> Option<StoredDocument> {
        let document = ron::from_str::<ron::Value>(text).ok()?;
        field(&document, "config")?;
        Some(StoredDocument { document })
    }

    fn config(&self) -> &ron::Value {
        field(&self.document, "config").expect("checked when parsed")
    }

    /// What the document writes as not captured or partial.
    pub fn gaps(&self) -> Vec<Gap> {
        gaps(self.config())
    }

    /// Whether the document holds anything at `gap`: a value, a partial list, a section with
    /// its own gaps; not when it writes it, or a range around it, as not captured.
    pub fn looks_into(&self, gap: &[String]) -> bool {
        at(self.config(), gap).is_some_and(|v| !is_not_captured(v))
    }

    /// Fills `gap` with what `earlier` holds there, when `earlier` observed it: neither it nor
    /// a range around it is a gap of `earlier` (a gap of `earlier` inside it stays a gap).
    /// Whether it was filled.
    pub fn fill(&mut self, gap: &[String], earlier: &StoredDocument) -> bool {
        let around = |g: &Gap| gap.starts_with(g);
        if earlier.gaps().iter().any(around) {
            return false;
        }
        let Some(value) = at(earlier.config(), gap).cloned() else {
            return false;
        };
        let path: Gap = std::iter::once("config".to_string())
            .chain(gap.iter().cloned())
            .collect();
        match at_mut(&mut self.document, &path) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    /// The document read back into a model, as [`read_stored`] reads it.
    pub fn model(&self) -> Config {
        let config = self.config();
        let mut model = Config::default();
        model.coverage.absent = true;
        model.coverage.written_not_captured = written_not_captured(config);
        if let Some(appliance) = field(config, "appliance") {
            let a = &mut model.appliance;
            a.hostname = field(appliance, "hostname").and_then(some_text).map(item);
            a.fqdn = field(appliance, "fqdn").and_then(some_text).map(item);
            a.model = field(appliance, "model").and_then(some_text).map(item);
            a.version = field(appliance, "version")
                .and_then(some_text)
                .and_then(|v| Version::parse(&v))
                .map(item);
        }
        if let Some(domains) = field(config, "domains") {
            model.domains = list(domains);
        }
        model.settings = nested(config, "settings", |v| item(value(v)));
        model.messages = nested(config, "messages", |v| item(value(v)));
        model.lists = nested(config, "lists", list);
        model.trusted_hosts = nested(config, "trusted_hosts", |v| {
            item(TrustedHost {
                key: field(v, "key").and_then(some_text),
                elided: field(v, "elided") == Some(&ron::Value::Bool(true)),
            })
        });
        model.keys = map(config, "keys", |v| {
            item(Key {
                kind: field(v, "kind").and_then(some_text).unwrap_or_default(),
                host: field(v, "host").and_then(some_text).unwrap_or_default(),
                block: field(v, "block").map_or(Value::Text(String::new()), value),
                elided: field(v, "elided") == Some(&ron::Value::Bool(true)),
            })
        });
        model.licenses = map(config, "licenses", |v| {
            item(some_text(v).unwrap_or_default())
        });
        model.updates = map(config, "updates", |v| {
            item(some_text(v).unwrap_or_default())
        });
        model.raw = map(config, "raw", |v| {
            let answer = match field(v, "answer") {
                Some(ron::Value::Seq(lines)) => lines.iter().filter_map(some_text).collect(),
                _ => Vec::new(),
            };
            item(Raw::new(
                field(v, "command").and_then(some_text).unwrap_or_default(),
                answer,
            ))
        });
        model
    }
}

/// What a stored value holds when it is partial (`(partial: [...])`).
fn partial(value: &ron::Value) -> Option<&ron::Value> {
    match value {
        ron::Value::Map(fields) if fields.len() == 1 => field(value, "partial"),
        _ => None,
    }
}

/// Whether a stored value is the mark of something no capture looked at.
fn is_not_captured(value: &ron::Value) -> bool {
    matches!(value, ron::Value::Unit)
}

/// The item paths a stored document writes as not captured: appliance facts, sections, and
/// the lists and settings inside them.
fn written_not_captured(config: &ron::Value) -> BTreeSet<String> {
    gaps(config).iter().map(|gap| gap.join("/")).collect()
}

/// Where a stored document writes something as not captured, or a list as partial, each as
/// the names that lead to it from `config` (`["lists", "primary", "whitelistto"]`): appliance
/// facts, sections, the scopes, lists and settings inside them, trusted hosts' keys.
fn gaps(config: &ron::Value) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let appliance = field(config, "appliance");
    for name in ["hostname", "fqdn", "version", "model"] {
        if appliance
            .and_then(|a| field(a, name))
            .is_some_and(is_not_captured)
        {
            out.push(vec!["appliance".to_string(), name.to_string()]);
        }
    }
    for section in SECTIONS {
        match field(config, section) {
            Some(v) if is_not_captured(v) => out.push(vec![section.to_string()]),
            Some(ron::Value::Map(scopes)) if ["settings", "lists"].contains(&section) => {
                for (scope, entries) in scopes.iter() {
                    let Some(scope) = some_text(scope) else {
                        continue;
                    };
                    let ron::Value::Map(entries) = entries else {
                        // A scope none of whose entries was captured.
                        if is_not_captured(entries) {
                            out.push(vec![section.to_string(), scope]);
                        }
                        continue;
                    };
                    // A partial list is held, and not captured in full: what it lacks is a gap.
                    let gaps = entries
                        .iter()
                        .filter(|(_, v)| is_not_captured(v) || partial(v).is_some());
                    out.extend(gaps.filter_map(|(name, _)| {
                        Some(vec![section.to_string(), scope.clone(), some_text(name)?])
                    }));
                }
            }
            Some(ron::Value::Map(groups)) if section == "trusted_hosts" => {
                out.extend(keys_not_captured(groups));
            }
            _ => {}
        }
    }
    out
}

/// Where a stored document writes trusted hosts' keys as not captured
/// (`trusted_hosts/<group>/<host>/key`).
fn keys_not_captured(groups: &ron::Map) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (group, hosts) in groups.iter() {
        let (Some(group), ron::Value::Map(hosts)) = (some_text(group), hosts) else {
            continue;
        };
        for (host, entry) in hosts.iter() {
            let not_captured = field(entry, "key").is_some_and(is_not_captured);
            if let Some(host) = some_text(host).filter(|_| not_captured) {
                let key = super::key_path("").trim_start_matches('/').to_string();
                out.push(vec!["trusted_hosts".to_string(), group.clone(), host, key]);
            }
        }
    }
    out
}

/// The sections a canonical document may write as not captured.
const SECTIONS: [&str; 8] = [
    "domains",
    "settings",
    "lists",
    "messages",
    "trusted_hosts",
    "keys",
    "licenses",
    "updates",
];

/// A value read back at line 0.
fn item<T>(value: T) -> Item<T> {
    Item {
        value,
        at: super::Origin { source: 0, line: 0 },
    }
}

/// The value the names lead to from `value`, each a struct's field or a map's entry.
fn at<'v>(value: &'v ron::Value, names: &[String]) -> Option<&'v ron::Value> {
    names.iter().try_fold(value, |v, name| field(v, name))
}

/// [`at`], to change the value.
fn at_mut<'v>(value: &'v mut ron::Value, names: &[String]) -> Option<&'v mut ron::Value> {
    names.iter().try_fold(value, |v, name| match v {
        ron::Value::Map(map) => map.get_mut(&ron::Value::String(name.clone())),
        _ => None,
    })
}

/// A struct's field, or a map's entry, by name.
fn field<'v>(value: &'v ron::Value, name: &str) -> Option<&'v ron::Value> {
    match value {
        ron::Value::Map(map) => map.get(&ron::Value::String(name.to_string())),
        _ => None,
    }
}

/// Text: a string, a number, `Some(text)`; `None` for a section not captured or `None`.
fn some_text(value: &ron::Value) -> Option<String> {
    match value {
        ron::Value::String(s) => Some(s.clone()),
        ron::Value::Option(Some(inner)) => some_text(inner),
        ron::Value::Number(n) => Some(number(n)),
        ron::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A number as the model writes it: whole numbers exactly.
fn number(n: &ron::Number) -> String {
    match *n {
        ron::Number::I8(i) => i.to_string(),
        ron::Number::I16(i) => i.to_string(),
        ron::Number::I32(i) => i.to_string(),
        ron::Number::I64(i) => i.to_string(),
        ron::Number::U8(u) => u.to_string(),
        ron::Number::U16(u) => u.to_string(),
        ron::Number::U32(u) => u.to_string(),
        ron::Number::U64(u) => u.to_string(),
        other => other.into_f64().to_string(),
    }
}

/// A setting's value: on or off stays so; everything else is text, as the model shows it.
fn value(value: &ron::Value) -> Value {
    match value {
        ron::Value::Bool(b) => Value::Bool(*b),
        other => Value::Text(some_text(other).unwrap_or_default()),
    }
}

/// A list of entries.
fn list(value: &ron::Value) -> List {
    let entries: Vec<String> = match partial(value).unwrap_or(value) {
        ron::Value::Seq(entries) => entries.iter().filter_map(some_text).collect(),
        _ => Vec::new(),
    };
    List::from_entries(
        entries
            .iter()
            .map(|e| (e.as_str(), super::Origin { source: 0, line: 0 })),
    )
}

/// A section keyed by name, each entry read by `read`.
fn map<T>(config: &ron::Value, name: &str, read: impl Fn(&ron::Value) -> T) -> BTreeMap<String, T> {
    match field(config, name) {
        Some(ron::Value::Map(entries)) => entries
            .iter()
            .filter_map(|(k, v)| Some((some_text(k)?, read(v))))
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// A section keyed by scope, then by name.
fn nested<T>(
    config: &ron::Value,
    name: &str,
    read: impl Fn(&ron::Value) -> T + Copy,
) -> BTreeMap<String, BTreeMap<String, T>> {
    match field(config, name) {
        Some(ron::Value::Map(scopes)) => scopes
            .iter()
            .filter_map(|(scope, inner)| {
                let ron::Value::Map(entries) = inner else {
                    return None;
                };
                let names = entries
                    .iter()
                    .filter(|(_, v)| !is_not_captured(v))
                    .filter_map(|(k, v)| Some((some_text(k)?, read(v))))
                    .collect();
                Some((some_text(scope)?, names))
            })
            .collect(),
        _ => BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, Origin};

    /// A model that listed `primary whitelistto` and nothing else, and what the vendor knows.
    fn one_list() -> (Config, Known) {
        let mut config = Config::new(VendorId("test"));
        let listing = Change::ListReplace {
            scope: "primary".into(),
            list: "whitelistto".into(),
            entries: List::from_entries([("a@example.jp", Origin { source: 0, line: 3 })]),
        };
        config
            .apply(listing, Origin { source: 0, line: 3 })
            .unwrap();
        let names = ["whitelist".to_string(), "whitelistto".to_string()];
        let known = Known {
            lists: BTreeMap::from([
                ("primary".to_string(), names.iter().cloned().collect()),
                ("local".to_string(), names.iter().cloned().collect()),
            ]),
            ..Known::default()
        };
        (config, known)
    }

    #[test]
    fn a_known_list_not_listed_is_written_not_captured_and_read_back_as_unobserved() {
        let (config, known) = one_list();
        let text = to_ron(&config, &known);
        assert!(text.contains("      \"local\": NotCaptured,\n"), "{text}");
        assert!(
            text.contains("        \"whitelist\": NotCaptured,\n"),
            "{text}"
        );
        assert!(
            text.contains("\"whitelistto\": [\n          \"a@example.jp\","),
            "{text}"
        );
        // Without the vendor's knowledge, only what was seen.
        assert!(!to_ron(&config, &Known::default()).contains("\"local\""));

        let stored = read_stored(&text).expect("a canonical document");
        let c = &stored.coverage;
        assert!(c.observes("lists/primary/whitelistto/b@example.jp"));
        assert!(!c.observes("lists/primary/whitelist/b@example.jp"));
        assert!(!c.observes("lists/local/whitelistto/b@example.jp"));
        assert!(
            !c.observes("keys/MTA public rg01"),
            "a section not captured"
        );
        assert!(!stored.lists["primary"].contains_key("whitelist"));
    }

    /// A writer that takes `room` bytes, then fails as a full disk does.
    struct FillsUp {
        taken: Vec<u8>,
        room: usize,
    }

    impl std::io::Write for FillsUp {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.taken.len() + buf.len() > self.room {
                return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
            }
            self.taken.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Enough entries for the writing to pass through several of its buffers.
    fn long_list() -> Vec<String> {
        (0..20_000)
            .map(|i| format!("user{i:07}@lists.example.com"))
            .chain(["quote\"d".to_string(), "über.example.jp".to_string()])
            .collect()
    }

    #[test]
    fn what_ron_writes_is_written_whole_and_ends_in_a_line_break() {
        let list = long_list();
        let mut out = FillsUp {
            taken: Vec::new(),
            room: usize::MAX,
        };
        write_ron_of(&mut out, &list).unwrap();
        let mut expected = ron::Options::default()
            .to_string_pretty(&list, ron_layout())
            .unwrap();
        expected.push('\n');
        assert_eq!(String::from_utf8(out.taken).unwrap(), expected);
    }

    #[test]
    fn a_writer_that_fails_gives_its_own_error() {
        for room in [0, 1000, 100_000, 700_000] {
            let mut out = FillsUp {
                taken: Vec::new(),
                room,
            };
            let failed = write_ron_of(&mut out, &long_list()).unwrap_err();
            assert_eq!(
                failed.kind(),
                std::io::ErrorKind::StorageFull,
                "room {room}"
            );
        }
    }
}

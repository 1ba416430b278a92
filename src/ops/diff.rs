//! `diff`: two models compared by key, not by line. Settings by scope and name, list entries as
//! sets, messages and keys as text. Noise never shows: the model is canonical, and what only
//! one side could know (the FQDN the pre-4.2 prompt shows) is not a difference.
//!
//! What one side holds in a range the other side never looked at (a list it did not list, a
//! setting it did not read, a trusted host's key its listing does not show) is not "removed"
//! or "added": it is [`NotCompared`], in a section of its own. Nobody knows whether it
//! survived, so it counts toward the exit status as a difference does. What the other side's
//! version does not have at all (a setting new in the later release) is "not on this version"
//! ([`Comparison::not_on_version`]): nothing to compare, and it counts toward nothing.

use serde::Serialize;

use crate::model::{key_path, Config, ItemRef, List, Origin, Value, Version};
use crate::vendors::{CapturePlan, Knowledge};

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DiffKind {
    /// Only the new side has it, in a range the old side observed.
    Added,
    /// Only the old side has it, in a range the new side observed.
    Removed,
    /// Both have it, with different values.
    Changed,
}

/// One difference between two models.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Difference {
    /// The item path: `settings/system/smtp.fastpath`, `lists/primary/whitelistto/a@b.jp`.
    pub path: String,
    /// Added, removed or changed.
    pub kind: DiffKind,
    /// The old value, typed as `show` types it (a set member's value is the member itself);
    /// absent (null) on the side that lacks the item, or for a secret not to be shown.
    pub old: Option<Value>,
    /// The new value, typed likewise.
    pub new: Option<Value>,
    /// The item is a member of a set (a list entry, a domain): its path says it all.
    #[serde(skip)]
    pub member: bool,
    /// `path:line` on the old side.
    pub old_at: Option<String>,
    /// `path:line` on the new side.
    pub new_at: Option<String>,
    /// The value is a secret; its values are left out unless asked for.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub secret: bool,
}

impl Difference {
    /// The area: the path's first segment.
    pub fn area(&self) -> &str {
        self.path.split('/').next().unwrap_or("")
    }
}

/// Which side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub enum Side {
    /// The old side, A.
    A,
    /// The new side, B.
    B,
}

/// An item one side holds in a range the other side did not observe: nobody looked, so it is
/// neither added nor removed. In [`Comparison::not_on_version`], the other side's version has no
/// such item at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct NotCompared {
    /// The item path.
    pub path: String,
    /// The side that did not capture the item's range (or whose version lacks it).
    pub not_captured_in: Side,
    /// `path:line` where the other side read it.
    pub at: String,
    /// The commands that would capture the range, from the vendor's capture plan.
    pub capture: Vec<String>,
}

/// Everything a comparison found: the differences, and what could not be compared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Differences inside ranges both sides observed, in path order.
    pub changes: Vec<Difference>,
    /// Items outside what the other side observed, in path order.
    pub not_compared: Vec<NotCompared>,
    /// Items the other side's version does not have (the catalog's `since`/`until`), in path
    /// order: not compared, and rightly so.
    pub not_on_version: Vec<NotCompared>,
}

impl Comparison {
    /// Whether the sides differ, or something one side holds was not looked at by the other:
    /// only two captures that looked at the same things and hold them equal are the same.
    pub fn differs(&self) -> bool {
        !self.changes.is_empty() || !self.not_compared.is_empty()
    }
}

/// Fills in the commands that would capture each item not compared, and moves to
/// [`Comparison::not_on_version`] the items that no command of the other side's version reads
/// (`versions`: old, new).
pub fn place_not_compared(
    comparison: &mut Comparison,
    plan: &dyn CapturePlan,
    knowledge: Option<&dyn Knowledge>,
    versions: [Option<&Version>; 2],
) {
    let items = std::mem::take(&mut comparison.not_compared);
    for mut item in items {
        item.capture = capture_commands(&item.path, plan);
        let version = versions[item.not_captured_in as usize];
        let absent = |k: &dyn Knowledge| {
            version.is_some()
                && !item.capture.is_empty()
                && item
                    .capture
                    .iter()
                    .all(|command| !k.form_on_version(command, version))
        };
        if knowledge.is_some_and(absent) {
            comparison.not_on_version.push(item);
        } else {
            comparison.not_compared.push(item);
        }
    }
}

/// How to compare.
pub struct DiffOptions<'a> {
    /// Paths to leave out (volatile items, `--ignore` patterns).
    pub ignore: &'a dyn Fn(&str) -> bool,
    /// Show the values of secrets that differ.
    pub show_secrets: bool,
}

/// Gives each side what only the other could see of the same appliance: the pre-4.2 prompt
/// shows the FQDN, the 4.2 prompt only the host name, and that is not a change. Call it before
/// [`diff`] or before rendering both sides.
pub fn align_identity(old: &mut Config, new: &mut Config) {
    use crate::model::identity::{same_appliance, Identity};
    if !same_appliance(&Identity::of(old), &Identity::of(new)) {
        return;
    }
    let (a, b) = (&mut old.appliance, &mut new.appliance);
    if a.fqdn.is_none() {
        a.fqdn = b.fqdn.clone();
    } else if b.fqdn.is_none() {
        b.fqdn = a.fqdn.clone();
    }
}

/// Every difference from `old` to `new`, in path order; items outside what the other side
/// observed are left out (see [`compare`]).
pub fn diff(old: &Config, new: &Config, options: &DiffOptions<'_>) -> Vec<Difference> {
    compare(old, new, options).changes
}

/// Compares `old` with `new`: the differences inside ranges both observed, and the items one
/// side holds where the other did not look.
pub fn compare(old: &Config, new: &Config, options: &DiffOptions<'_>) -> Comparison {
    let mut out = Comparison::default();
    let (old_items, new_items) = (old.items_without_lists(), new.items_without_lists());
    merge(&old_items, &new_items, |o, n| {
        item_difference(old, new, o, n, options, &mut out);
    });
    let empty = List::default();
    let scopes = keys(old.lists.keys(), new.lists.keys());
    for scope in scopes {
        let (ol, nl) = (old.lists.get(scope), new.lists.get(scope));
        let names = keys(
            ol.into_iter().flat_map(|l| l.keys()),
            nl.into_iter().flat_map(|l| l.keys()),
        );
        for name in names {
            let pair = ListPair {
                prefix: format!("lists/{scope}/{name}/"),
                a: ol.and_then(|l| l.get(name)).unwrap_or(&empty),
                b: nl.and_then(|l| l.get(name)).unwrap_or(&empty),
                a_listed: old.coverage.lists_in_full(scope, name),
                b_listed: new.coverage.lists_in_full(scope, name),
            };
            list_differences(old, new, &pair, options, &mut out);
        }
    }
    out.changes.sort_by(|a, b| a.path.cmp(&b.path));
    out.not_compared.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The commands that capture the range an item path lies in, from a vendor's capture plan.
pub(crate) fn capture_commands(path: &str, plan: &dyn CapturePlan) -> Vec<String> {
    if let Some(run) = plan.run_script() {
        // A vendor captured by one script has no command per range: the script captures all.
        return vec![run];
    }
    let parts: Vec<&str> = path.splitn(4, '/').collect();
    match parts.as_slice() {
        ["settings", _, name] => plan.read_setting(name).into_iter().collect(),
        ["lists", scope, list, ..] => plan.read_list(scope, list).into_iter().collect(),
        ["messages", scope, name] => plan.read_message(scope, name),
        _ => plan.read_item(path),
    }
}

/// The sorted union of two sorted key sequences.
fn keys<'k>(
    a: impl Iterator<Item = &'k String>,
    b: impl Iterator<Item = &'k String>,
) -> Vec<&'k String> {
    let mut all: Vec<&String> = a.chain(b).collect();
    all.sort();
    all.dedup();
    all
}

/// Calls `f` for each path on either side, with the item of each side that has it.
fn merge<'a>(
    old: &'a [ItemRef<'a>],
    new: &'a [ItemRef<'a>],
    mut f: impl FnMut(Option<&'a ItemRef<'a>>, Option<&'a ItemRef<'a>>),
) {
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(o), Some(n)) if o.path == n.path => {
                f(Some(o), Some(n));
                i += 1;
                j += 1;
            }
            (Some(o), Some(n)) if o.path < n.path => {
                f(Some(o), None);
                i += 1;
            }
            (Some(o), None) => {
                f(Some(o), None);
                i += 1;
            }
            (_, Some(n)) => {
                f(None, Some(n));
                j += 1;
            }
            (None, None) => unreachable!("the loop condition holds"),
        }
    }
}

fn item_difference(
    old: &Config,
    new: &Config,
    o: Option<&ItemRef<'_>>,
    n: Option<&ItemRef<'_>>,
    options: &DiffOptions<'_>,
    out: &mut Comparison,
) {
    let Some(path) = o.or(n).map(|i| i.path.clone()) else {
        return;
    };
    if (options.ignore)(&path) {
        return;
    }
    let kind = match (o, n) {
        (Some(a), Some(b)) if a.value == b.value && a.hidden == b.hidden => return,
        (Some(a), Some(b)) if path.starts_with("trusted_hosts/") => {
            if let Some(key) = key_not_compared(old, new, &path, [a, b]) {
                if !(options.ignore)(&key.path) {
                    out.not_compared.push(key);
                }
                return;
            }
            DiffKind::Changed
        }
        (Some(_), Some(_)) => DiffKind::Changed,
        (Some(a), None) if !new.coverage.observes(&path) => {
            return out
                .not_compared
                .push(not_compared(path, Side::B, old.locate(a.at)));
        }
        (None, Some(b)) if !old.coverage.observes(&path) => {
            return out
                .not_compared
                .push(not_compared(path, Side::A, new.locate(b.at)));
        }
        (Some(_), None) => DiffKind::Removed,
        (None, _) => DiffKind::Added,
    };
    let secret = o.is_some_and(|i| i.secret) || n.is_some_and(|i| i.secret);
    // What masking hid was never kept: `--show-secrets` has nothing of it to show.
    let hidden = o.is_some_and(|i| i.hidden.is_some()) || n.is_some_and(|i| i.hidden.is_some());
    // Domains are the one set among the items: a member's value is its name.
    let member = path.starts_with("domains/");
    let shown = |i: Option<&ItemRef<'_>>| {
        if secret && (hidden || !options.show_secrets) {
            return None;
        }
        i.and_then(|i| typed_value(i, member))
    };
    out.changes.push(Difference {
        path,
        kind,
        old: shown(o),
        new: shown(n),
        member,
        old_at: o.map(|i| old.locate(i.at)),
        new_at: n.map(|i| new.locate(i.at)),
        secret,
    });
}

/// A trusted host both sides hold, whose keys differ: a key is compared only where both sides
/// observed it, and a listing shows hosts, never keys. Where one side did not, the key (at
/// `<host path>/key`) is not compared, and the host, held by both, is no difference.
fn key_not_compared(
    old: &Config,
    new: &Config,
    path: &str,
    [a, b]: [&ItemRef<'_>; 2],
) -> Option<NotCompared> {
    let key = key_path(path);
    if !new.coverage.observes(&key) {
        Some(not_compared(key, Side::B, old.locate(a.at)))
    } else if !old.coverage.observes(&key) {
        Some(not_compared(key, Side::A, new.locate(b.at)))
    } else {
        None
    }
}

/// An item's value as `show` types it; a member of a set is valued by its own name, and a
/// secret the user asked to see is plain text.
fn typed_value(item: &ItemRef<'_>, member: bool) -> Option<Value> {
    match (item.typed, item.value.as_deref()) {
        (Some(Value::Secret(secret)), _) => Some(Value::Text(secret.0.clone())),
        (Some(value), _) => Some(value.clone()),
        (None, Some(text)) => Some(Value::Text(text.to_string())),
        (None, None) if member => item
            .path
            .split_once('/')
            .map(|(_, name)| Value::Text(name.to_string())),
        (None, None) => None,
    }
}

fn not_compared(path: String, side: Side, at: String) -> NotCompared {
    NotCompared {
        path,
        not_captured_in: side,
        at,
        capture: Vec::new(),
    }
}

/// One list on both sides, and whether each side listed it in full.
struct ListPair<'l> {
    prefix: String,
    a: &'l List,
    b: &'l List,
    a_listed: bool,
    b_listed: bool,
}

/// Set differences of two lists, walked together in order. An entry only one side holds is
/// a difference when the other side listed the list in full, else not compared.
fn list_differences(
    old: &Config,
    new: &Config,
    pair: &ListPair<'_>,
    options: &DiffOptions<'_>,
    out: &mut Comparison,
) {
    let mut emit = |entry: &str, kind: DiffKind, at: Origin| {
        let path = format!("{}{entry}", pair.prefix);
        if (options.ignore)(&path) {
            return;
        }
        let member = Some(Value::Text(entry.to_string()));
        let (old_at, new_at) = match kind {
            DiffKind::Removed if !pair.b_listed => {
                return out
                    .not_compared
                    .push(not_compared(path, Side::B, old.locate(at)));
            }
            DiffKind::Added if !pair.a_listed => {
                return out
                    .not_compared
                    .push(not_compared(path, Side::A, new.locate(at)));
            }
            DiffKind::Removed => (Some(old.locate(at)), None),
            _ => (None, Some(new.locate(at))),
        };
        let (old_value, new_value) = match kind {
            DiffKind::Removed => (member, None),
            _ => (None, member),
        };
        out.changes.push(Difference {
            path,
            kind,
            old: old_value,
            new: new_value,
            member: true,
            old_at,
            new_at,
            secret: false,
        });
    };
    let (mut x, mut y) = (pair.a.iter().peekable(), pair.b.iter().peekable());
    loop {
        match (x.peek(), y.peek()) {
            (Some((p, _)), Some((q, _))) if p == q => {
                x.next();
                y.next();
            }
            (Some((p, at)), Some((q, _))) if p < q => {
                emit(p, DiffKind::Removed, *at);
                x.next();
            }
            (Some((p, at)), None) => {
                emit(p, DiffKind::Removed, *at);
                x.next();
            }
            (_, Some((q, at))) => {
                emit(q, DiffKind::Added, *at);
                y.next();
            }
            (None, None) => break,
        }
    }
}

/// Counts of differences per area, for `--stat` and the summary line.
pub fn stat(differences: &[Difference]) -> Vec<(String, [usize; 3])> {
    let mut areas: Vec<(String, [usize; 3])> = Vec::new();
    for d in differences {
        let i = d.kind as usize;
        match areas.iter_mut().find(|(a, _)| a == d.area()) {
            Some((_, counts)) => counts[i] += 1,
            None => {
                let mut counts = [0; 3];
                counts[i] = 1;
                areas.push((d.area().to_string(), counts));
            }
        }
    }
    areas.sort();
    areas
}

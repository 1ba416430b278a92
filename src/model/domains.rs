//! One domain, one name. An internationalised domain may be written in its Unicode form
//! (`例え.jp`) in one place and its ASCII form (`xn--r8jz45g.jp`) in another: a listing shows
//! one, a command names the other. The model keeps one form for each domain, so that its
//! settings and lists are one scope: the form a listing of the appliance's domains shows,
//! else the first one read. Two models of one appliance are aligned the same way before they
//! are compared ([`align_domains`]).
//!
//! A name that does not convert exactly keeps its own form and is never made one with another
//! ([`crate::base::domain`]); and where a listing shows two forms of one name, the appliance
//! holds two domains, and so does the model.

use std::collections::{BTreeMap, BTreeSet};

use crate::base::domain;

use super::{Change, Config};

/// The forms a model keeps for the domain names that have more than one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DomainForms {
    /// By key ([`domain::Name::key`]): the form kept, and whether a listing showed it.
    kept: BTreeMap<String, (String, bool)>,
    /// Forms a listing showed beside another listed form of the same name: to the appliance,
    /// other domains.
    apart: BTreeSet<String>,
}

/// Whether a scope or domain may have another form: not a plain name (ASCII with no `xn--`
/// label: the fast path, most names), nor a scope that is no domain (`user:a@例え.jp`).
fn may_have_forms(name: &str) -> bool {
    !domain::is_plain(name) && !name.contains([':', '@', '/'])
}

impl Change {
    /// The domain a change names, or the scope it acts in.
    fn domain_mut(&mut self) -> Option<&mut String> {
        match self {
            Change::Domain(name) | Change::DomainListed(name) => Some(name),
            Change::Setting { scope, .. }
            | Change::SettingAbsent { scope, .. }
            | Change::ListReplace { scope, .. }
            | Change::ListAdd { scope, .. }
            | Change::ListRemove { scope, .. }
            | Change::Message { scope, .. } => Some(scope),
            _ => None,
        }
    }
}

impl Config {
    /// `change` with the domain it names in the form this model keeps for it. A listing's form
    /// replaces one read before it, everywhere in the model.
    pub(super) fn in_kept_form(&mut self, mut change: Change) -> Change {
        let listed = matches!(change, Change::DomainListed(_));
        if let Some(name) = change.domain_mut().filter(|n| may_have_forms(n)) {
            *name = self.kept_form(name, listed);
        }
        change
    }

    /// The form kept for the domain `typed`, which a listing shows when `listed`.
    fn kept_form(&mut self, typed: &str, listed: bool) -> String {
        let name = domain::name(typed);
        let (key, written) = (name.key.into_owned(), name.written.into_owned());
        let forms = &mut self.domain_forms;
        if forms.apart.contains(&written) {
            return written;
        }
        let Some((kept, kept_listed)) = forms.kept.get_mut(&key) else {
            forms.kept.insert(key, (written.clone(), listed));
            return written;
        };
        if *kept == written || !listed {
            *kept_listed |= listed;
            return kept.clone();
        }
        if *kept_listed {
            // A listing shows both forms: the appliance holds two domains.
            forms.apart.insert(written.clone());
            return written;
        }
        let read_before = std::mem::replace(kept, written.clone());
        *kept_listed = true;
        self.rename_domain(&read_before, &written);
        written
    }

    /// Whether a listing showed `form` as the form of its domain.
    fn listed(&self, key: &str, form: &str) -> bool {
        let kept = self.domain_forms.kept.get(key);
        kept.is_some_and(|(kept, listed)| *listed && kept == form)
    }

    /// Renames the domain `from` to `to`: the domain, its settings, lists and messages, and
    /// what was observed of them.
    pub(crate) fn rename_domain(&mut self, from: &str, to: &str) {
        if let Some(at) = self.domains.get(from) {
            self.domains.remove(from);
            if !self.domains.contains(to) {
                self.domains.insert(to, at);
            }
        }
        move_scope(&mut self.settings, from, to);
        move_scope(&mut self.lists, from, to);
        move_scope(&mut self.messages, from, to);
        self.coverage.rename_scope(from, to);
        let key = domain::name(from).key.into_owned();
        if let Some((kept, _)) = self.domain_forms.kept.get_mut(&key) {
            if kept == from {
                *kept = to.to_string();
            }
        }
    }

    /// The domains with more than one form that this model names, by key, each with the
    /// forms it holds.
    fn forms_held(&self) -> BTreeMap<String, BTreeSet<&str>> {
        let c = &self.coverage;
        let scopes = [&c.settings, &c.lists, &c.messages]
            .into_iter()
            .flat_map(|m| m.keys())
            .chain(self.settings.keys())
            .chain(self.lists.keys())
            .chain(self.messages.keys())
            .chain(&c.domains)
            .map(String::as_str);
        let mut held: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for name in self.domains.iter().map(|(d, _)| d).chain(scopes) {
            if may_have_forms(name) {
                let key = domain::name(name).key.into_owned();
                held.entry(key).or_default().insert(name);
            }
        }
        held
    }
}

/// Moves the items of scope `from` to scope `to`; an item `to` already holds stays.
fn move_scope<V>(map: &mut BTreeMap<String, BTreeMap<String, V>>, from: &str, to: &str) {
    if let Some(moved) = map.remove(from) {
        let target = map.entry(to.to_string()).or_default();
        for (name, value) in moved {
            target.entry(name).or_insert(value);
        }
    }
}

/// One domain that two models name in different forms: which model renames it, and how.
struct Rename {
    in_old: bool,
    from: String,
    to: String,
}

/// The renames that give each domain two models hold one name in both: the form a listing
/// showed, else the older model's. A name either model holds in two forms is left as it is.
fn renames(old: &Config, new: &Config) -> Vec<Rename> {
    let (a, b) = (old.forms_held(), new.forms_held());
    let mut out = Vec::new();
    for (key, forms) in &a {
        let (Some(other), true) = (b.get(key), forms.len() == 1) else {
            continue;
        };
        let (Some(&fa), Some(&fb), 1) = (forms.first(), other.first(), other.len()) else {
            continue;
        };
        if fa == fb {
            continue;
        }
        let in_old = new.listed(key, fb) && !old.listed(key, fa);
        let (from, to) = if in_old { (fa, fb) } else { (fb, fa) };
        out.push(Rename {
            in_old,
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    out
}

/// Whether two models name a domain they both hold in different forms, so that
/// [`align_domains`] would rename it.
pub fn domains_differ_in_form(old: &Config, new: &Config) -> bool {
    !renames(old, new).is_empty()
}

/// Gives each domain that `old` and `new` both hold one name in both, so that comparing them
/// compares the domain with itself: the form a listing of the appliance's domains showed,
/// else the older model's. Call it before comparing two models.
pub fn align_domains(old: &mut Config, new: &mut Config) {
    for rename in renames(old, new) {
        let model = if rename.in_old { &mut *old } else { &mut *new };
        model.rename_domain(&rename.from, &rename.to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{List, Origin, Value, VendorId};

    fn at(line: u32) -> Origin {
        Origin { source: 0, line }
    }

    fn model(changes: Vec<Change>) -> Config {
        let mut config = Config::new(VendorId("test"));
        for (i, change) in changes.into_iter().enumerate() {
            config.apply(change, at(i as u32 + 1)).unwrap();
        }
        config
    }

    fn whitelistto(scope: &str, entry: &str) -> Change {
        Change::ListReplace {
            scope: scope.into(),
            list: "whitelistto".into(),
            entries: List::from_entries([(entry, at(1))]),
        }
    }

    fn fastpath(scope: &str) -> Change {
        Change::Setting {
            scope: scope.into(),
            name: "smtp.fastpath".into(),
            value: Value::Bool(true),
        }
    }

    fn domains(config: &Config) -> Vec<&str> {
        config.domains.iter().map(|(d, _)| d).collect()
    }

    fn scopes(config: &Config) -> Vec<&str> {
        let lists = config.lists.keys().chain(config.settings.keys());
        let mut scopes: Vec<&str> = lists.map(String::as_str).collect();
        scopes.sort();
        scopes.dedup();
        scopes
    }

    #[test]
    fn a_listing_s_form_replaces_the_one_read_before() {
        let config = model(vec![
            Change::Domain("xn--r8jz45g.jp".into()),
            whitelistto("xn--r8jz45g.jp", "info@partner.example.jp"),
            Change::DomainListed("例え.jp".into()),
            fastpath("XN--R8JZ45G.jp"),
        ]);
        assert_eq!(domains(&config), ["例え.jp"]);
        assert_eq!(scopes(&config), ["例え.jp"]);
        let c = &config.coverage;
        assert_eq!(c.lists.keys().collect::<Vec<_>>(), ["例え.jp"]);
        assert_eq!(c.settings.keys().collect::<Vec<_>>(), ["例え.jp"]);
        assert_eq!(c.domains.iter().collect::<Vec<_>>(), ["例え.jp"]);
    }

    #[test]
    fn without_a_listing_the_first_form_read_is_kept() {
        let config = model(vec![
            whitelistto("xn--r8jz45g.jp", "info@partner.example.jp"),
            Change::Domain("例え.jp".into()),
            fastpath("例え.jp"),
            Change::Domain("BÜCHER.example".into()),
            fastpath("xn--bcher-kva.example"),
        ]);
        assert_eq!(domains(&config), ["bücher.example", "xn--r8jz45g.jp"]);
        assert_eq!(scopes(&config), ["bücher.example", "xn--r8jz45g.jp"]);
    }

    /// Names that do not convert exactly, look-alikes, and two forms a listing shows apart
    /// are each a domain of their own.
    #[test]
    fn distinct_names_are_never_merged() {
        let long = format!("xn--{}.jp", "a".repeat(3000));
        let names = [
            "例え.jp",
            "例え．jp",
            "xn--zz.jp",
            "xn--.jp",
            "pаypal.com",
            "paypal.com",
            "ｅｘａｍｐｌｅ.jp",
            "example.jp",
            "例\0え.jp",
            long.as_str(),
        ];
        let config = model(names.iter().map(|n| whitelistto(n, "a@b.jp")).collect());
        assert_eq!(config.lists.len(), names.len(), "{:?}", scopes(&config));
        let listed = model(vec![
            Change::DomainListed("例え.jp".into()),
            Change::DomainListed("xn--r8jz45g.jp".into()),
            whitelistto("xn--r8jz45g.jp", "a@b.jp"),
            whitelistto("例え.jp", "c@d.jp"),
        ]);
        assert_eq!(domains(&listed), ["xn--r8jz45g.jp", "例え.jp"]);
        assert_eq!(scopes(&listed), ["xn--r8jz45g.jp", "例え.jp"]);
    }

    #[test]
    fn two_models_are_aligned_on_the_listed_form() {
        let unlisted = || model(vec![whitelistto("xn--r8jz45g.jp", "a@b.jp")]);
        let listed = || {
            model(vec![
                Change::DomainListed("例え.jp".into()),
                whitelistto("例え.jp", "a@b.jp"),
            ])
        };
        for (mut old, mut new) in [(unlisted(), listed()), (listed(), unlisted())] {
            assert!(domains_differ_in_form(&old, &new));
            align_domains(&mut old, &mut new);
            assert_eq!(scopes(&old), ["例え.jp"]);
            assert_eq!(scopes(&new), ["例え.jp"]);
            assert_eq!(old.coverage.lists, new.coverage.lists);
            assert!(!domains_differ_in_form(&old, &new));
        }
        // Neither listed: the older model's form.
        let (mut old, mut new) = (unlisted(), model(vec![whitelistto("例え.jp", "a@b.jp")]));
        align_domains(&mut old, &mut new);
        assert_eq!(scopes(&new), ["xn--r8jz45g.jp"]);
        // Names that only look alike are left apart.
        let (mut old, mut new) = (
            model(vec![whitelistto("例え．jp", "a@b.jp")]),
            model(vec![whitelistto("例え.jp", "a@b.jp")]),
        );
        assert!(!domains_differ_in_form(&old, &new));
        align_domains(&mut old, &mut new);
        assert_eq!(scopes(&old), ["例え．jp"]);
    }
}

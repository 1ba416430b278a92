//! The Japanese catalog (`i18n/ja/*.ftl`) keeps step with the English one (`i18n/en/*.ftl`):
//! the same ids in the same files with the same arguments, every file valid Fluent, and the
//! release notes' own terms (`i18n/glossary.toml`) wherever the English uses the English term.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use carryover::render::message::catalog_files;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use regex::Regex;

/// One message of a catalog, as its file writes it.
struct Entry {
    /// The catalog file it is in.
    file: String,
    /// Its text: the lines of its value, Fluent syntax included.
    source: String,
    /// The arguments (`{ $name }`) it uses, selectors included.
    args: BTreeSet<String>,
}

/// Every message of a language's catalog by id, and the ids written more than once.
fn catalog(lang: &str) -> (BTreeMap<String, Entry>, Vec<String>) {
    let mut messages: BTreeMap<String, Entry> = BTreeMap::new();
    let mut twice = Vec::new();
    for (_, file, text) in catalog_files().iter().filter(|(l, _, _)| *l == lang) {
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                let (id, value) = line.split_once('=').unwrap_or((line, ""));
                let id = id.trim().to_string();
                if messages.contains_key(&id) {
                    twice.push(format!("{lang}/{file}: `{id}` is written twice"));
                }
                let entry = Entry {
                    file: file.to_string(),
                    source: value.trim().to_string(),
                    args: BTreeSet::new(),
                };
                messages.insert(id.clone(), entry);
                current = Some(id);
            } else if line.trim().is_empty() {
                // A blank line inside a message's indented lines is part of its text.
                continue;
            } else if !line.starts_with(' ') {
                current = None;
            } else if let Some(entry) = current.as_ref().and_then(|id| messages.get_mut(id)) {
                // Indented as written: a help text's example lines are known by their indent.
                entry.source.push('\n');
                entry.source.push_str(line.trim_end());
            }
        }
    }
    let variable = Regex::new(r"\$([A-Za-z][A-Za-z0-9_-]*)").unwrap();
    for entry in messages.values_mut() {
        entry.args = variable
            .captures_iter(&entry.source)
            .map(|c| c[1].to_string())
            .collect();
    }
    (messages, twice)
}

#[test]
fn the_japanese_catalog_has_every_english_id_in_its_file_with_the_same_arguments() {
    let (english, mut wrong) = catalog("en");
    let (japanese, twice) = catalog("ja");
    wrong.extend(twice);
    for (id, en) in &english {
        let Some(ja) = japanese.get(id) else {
            wrong.push(format!("en/{}: `{id}` is not in i18n/ja", en.file));
            continue;
        };
        if ja.file != en.file {
            wrong.push(format!("ja/{}: `{id}` belongs in ja/{}", ja.file, en.file));
        }
        if ja.args != en.args {
            wrong.push(format!(
                "ja/{}: `{id}` uses {:?}, the English uses {:?}",
                ja.file, ja.args, en.args
            ));
        }
        if ja.source.lines().count() > 1 && en.source.lines().count() == 1 {
            wrong.push(format!(
                "ja/{}: `{id}` spans several lines, the English one",
                ja.file
            ));
        }
    }
    for (id, ja) in &japanese {
        if !english.contains_key(id) {
            wrong.push(format!("ja/{}: `{id}` is not in i18n/en", ja.file));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_japanese_catalog_file_is_fluent_and_every_message_formats() {
    let mut wrong = Vec::new();
    let lang: unic_langid::LanguageIdentifier = "ja".parse().unwrap();
    let mut bundle = FluentBundle::new(vec![lang]);
    for (_, file, text) in catalog_files().iter().filter(|(l, _, _)| *l == "ja") {
        match FluentResource::try_new(text.to_string()) {
            Err((_, errors)) => wrong.push(format!("ja/{file}: {errors:?}")),
            Ok(resource) => {
                if let Err(errors) = bundle.add_resource(resource) {
                    wrong.push(format!("ja/{file}: {errors:?}"));
                }
            }
        }
    }
    let (japanese, _) = catalog("ja");
    for (id, entry) in &japanese {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            wrong.push(format!("ja/{}: Fluent reads no message `{id}`", entry.file));
            continue;
        };
        let mut args = FluentArgs::new();
        for name in &entry.args {
            args.set(name.as_str(), FluentValue::from(format!("<{name}>")));
        }
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, Some(&args), &mut errors);
        if !errors.is_empty() {
            wrong.push(format!("ja/{}: `{id}`: {errors:?}", entry.file));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// One term of the glossary.
struct Term {
    en: Vec<String>,
    ja: String,
    note: String,
    quote: String,
}

/// The keys of a glossary term.
const KEYS: &[&str] = &["en", "ja", "note", "quote", "remark"];

/// The glossary's terms. It is TOML, written in the few forms this reader takes: `[[term]]`
/// tables of `key = "text"` and `key = ["text", …]` lines, without escapes.
fn glossary() -> Vec<Term> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n/glossary.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut tables: Vec<BTreeMap<String, Vec<String>>> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "[[term]]" {
            tables.push(BTreeMap::new());
            continue;
        }
        let at = format!("i18n/glossary.toml:{}: `{line}`", n + 1);
        let (key, value) = line.split_once(" = ").unwrap_or_else(|| panic!("{at}"));
        assert!(KEYS.contains(&key), "{at}: no key `{key}` is known");
        let values: Vec<&str> = match value.strip_prefix('[') {
            Some(list) => list
                .strip_suffix(']')
                .unwrap_or_else(|| panic!("{at}"))
                .split(", ")
                .collect(),
            None => vec![value],
        };
        let strings: Vec<String> = values
            .into_iter()
            .map(|s| s.strip_prefix('"').and_then(|s| s.strip_suffix('"')))
            .map(|s| {
                s.filter(|s| !s.contains(['"', '\\']))
                    .unwrap_or_else(|| panic!("{at}"))
            })
            .map(str::to_string)
            .collect();
        let table = tables
            .last_mut()
            .unwrap_or_else(|| panic!("{at}: before [[term]]"));
        table.insert(key.to_string(), strings);
    }
    let one = |t: &BTreeMap<String, Vec<String>>, key: &str| match t.get(key).map(Vec::as_slice) {
        Some([value]) => value.clone(),
        other => panic!("i18n/glossary.toml: a term's `{key}` is {other:?}, not one text"),
    };
    tables
        .iter()
        .map(|t| Term {
            en: t.get("en").cloned().unwrap_or_default(),
            ja: one(t, "ja"),
            note: one(t, "note"),
            quote: one(t, "quote"),
        })
        .collect()
}

/// A message's words where the glossary applies: without what is never translated (text in
/// backticks or single quotes, a help text's example command lines (indented under
/// `Examples:`), arguments, selector keys, string literals, flags, and upper-case names such
/// as `FILE` or `CLI`).
fn words(source: &str) -> String {
    let never_translated = [
        r"`[^`]*`",
        r"(^|\s)'[^'\s]*'",
        r"(?m)^ {6,}(carryover|git|echo) .*$",
        r#"\{\s*"[^"]*"\s*\}"#,
        r"\{\s*\$[\w-]+\s*(->)?",
        r"\*?\[[^\]]*\]",
        r"[{}]",
        r"(^|[\s(])--?[A-Za-z][\w-]*",
        r"\b[A-Z][A-Z0-9_]+\b",
    ];
    never_translated
        .iter()
        .fold(source.to_string(), |text, pattern| {
            Regex::new(pattern)
                .unwrap()
                .replace_all(&text, " ")
                .into_owned()
        })
}

/// Each English form of the glossary with the index of its term, longest first, as a
/// case-insensitive whole-word pattern.
fn forms(terms: &[Term]) -> Vec<(Regex, usize)> {
    let mut forms: Vec<(&str, usize)> = terms
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.en.iter().map(move |form| (form.as_str(), i)))
        .collect();
    forms.sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
    forms
        .into_iter()
        .map(|(form, i)| {
            let pattern = format!(r"(?i)\b{}\b", regex::escape(form));
            (Regex::new(&pattern).unwrap(), i)
        })
        .collect()
}

/// The terms an English text uses: each match of a longer form hides the shorter forms in it.
fn terms_used(text: &str, forms: &[(Regex, usize)]) -> BTreeSet<usize> {
    let mut text = text.to_string();
    let mut used = BTreeSet::new();
    for (pattern, term) in forms {
        if pattern.is_match(&text) {
            used.insert(*term);
            text = pattern.replace_all(&text, " ").into_owned();
        }
    }
    used
}

#[test]
fn the_glossary_quotes_its_notes_and_every_term_is_in_the_english_catalog() {
    let terms = glossary();
    assert!(!terms.is_empty(), "i18n/glossary.toml holds no term");
    let (english, _) = catalog("en");
    let english: Vec<String> = english.values().map(|e| words(&e.source)).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut wrong = Vec::new();
    for term in &terms {
        let note = std::fs::read_to_string(root.join(&term.note)).unwrap_or_default();
        if !note.contains(&term.quote) {
            wrong.push(format!(
                "`{}`: {} does not hold its quote",
                term.ja, term.note
            ));
        }
        if !term.quote.contains(&term.ja) {
            wrong.push(format!("`{}`: its quote does not hold it", term.ja));
        }
        if term.en.is_empty() {
            wrong.push(format!("`{}`: no English form", term.ja));
        }
        let forms = forms(std::slice::from_ref(term));
        if !english
            .iter()
            .any(|text| forms.iter().any(|(form, _)| form.is_match(text)))
        {
            wrong.push(format!(
                "`{}`: no English message uses {:?}",
                term.ja, term.en
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_japanese_catalog_uses_the_glossary_terms_where_the_english_uses_them() {
    let terms = glossary();
    let forms = forms(&terms);
    let (english, _) = catalog("en");
    let (japanese, _) = catalog("ja");
    let mut wrong = Vec::new();
    for (id, en) in &english {
        let Some(ja) = japanese.get(id) else { continue };
        let ja_words = words(&ja.source);
        for term in terms_used(&words(&en.source), &forms) {
            let term = &terms[term];
            if !ja_words.contains(&term.ja) {
                wrong.push(format!(
                    "ja/{}: `{id}` lacks 「{}」 for {:?}",
                    ja.file, term.ja, term.en
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

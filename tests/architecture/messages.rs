//! The message catalog and the code stay in step: every `message!("id", name = …)` in `src/`
//! names an id of the English catalog (`i18n/en/*.ftl`) with exactly the arguments its text
//! uses, and every id of the catalog is used somewhere. A message made with `Message::new` and
//! `.with(…)` is held by its id alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::rust_files;

use carryover::render::message::catalog_files;

/// Each message of a language's catalog, with the arguments (`{ $name }`) its text uses.
fn catalog(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut messages = BTreeMap::new();
    let mut current: Option<String> = None;
    for (_, _, text) in catalog_files().iter().filter(|(l, _, _)| *l == lang) {
        for line in text.lines() {
            let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if starts_message {
                let id = line.split('=').next().unwrap().trim().to_string();
                messages.insert(id.clone(), BTreeSet::new());
                current = Some(id);
            } else if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some(id) = &current else { continue };
            for part in line.split("$").skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                messages.get_mut(id).unwrap().insert(name);
            }
        }
    }
    messages
}

/// Every `message!(…)` call of `src/`: (where, id, argument names), and every id named by
/// `Message::new("…")`.
fn uses() -> Vec<(String, String, Option<BTreeSet<String>>)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let code = std::fs::read_to_string(&file).unwrap();
        let name = file.strip_prefix(&src).unwrap().display().to_string();
        for (at, _) in code.match_indices("message!(") {
            let Some(rest) = code[at + "message!(".len()..]
                .trim_start()
                .strip_prefix('"')
            else {
                continue;
            };
            let id = rest[..rest.find('"').unwrap()].to_string();
            let call = call_text(&rest[id.len() + 1..]);
            let args = top_level_args(call)
                .filter_map(|a| a.split_once('=').map(|(n, _)| n.trim().to_string()))
                .collect();
            found.push((name.clone(), id, Some(args)));
        }
        for (at, _) in code.match_indices("Message::new(") {
            let Some(rest) = code[at + "Message::new(".len()..]
                .trim_start()
                .strip_prefix('"')
            else {
                continue;
            };
            let id = rest[..rest.find('"').unwrap()].to_string();
            found.push((name.clone(), id, None));
        }
    }
    found
}

/// The text of a call up to its closing parenthesis.
fn call_text(rest: &str) -> &str {
    let mut depth = 0;
    for (i, c) in rest.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return &rest[..i],
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    rest
}

/// The comma-separated parts of a call at its top level.
fn top_level_args(call: &str) -> impl Iterator<Item = &str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in call.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&call[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&call[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty())
}

#[test]
fn every_message_the_code_makes_is_in_the_catalog_with_its_arguments() {
    let english = catalog("en");
    let mut wrong = Vec::new();
    for (file, id, args) in uses() {
        // The catalog's own tests make messages of ids that do not exist on purpose.
        if file.ends_with("render/message.rs") || file.ends_with("base/message.rs") {
            continue;
        }
        match (english.get(&id), args) {
            (None, _) => wrong.push(format!("{file}: `{id}` is not in i18n/en")),
            (Some(wanted), Some(given)) if *wanted != given => wrong.push(format!(
                "{file}: `{id}` is given {given:?}, its text uses {wanted:?}"
            )),
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_message_of_the_catalog_is_used() {
    let used: BTreeSet<String> = uses().into_iter().map(|(_, id, _)| id).collect();
    // `help-…` ids are the command tree's texts, kept in step by the binary's own test.
    let unused: Vec<String> = catalog("en")
        .into_keys()
        .filter(|id| !used.contains(id) && !id.starts_with("help-"))
        .collect();
    assert!(unused.is_empty(), "catalog ids no code uses: {unused:?}");
}

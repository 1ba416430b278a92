//! The binary sees a narrow library: `src/cli` and `src/main.rs` reach the library only
//! through `commands` (requests and reports, with the request vocabulary in
//! `commands::request`), `render` (words), `write` (outputs), `base` (errors) and the
//! `message!` macro. Everything else is the library's own business.

use std::collections::BTreeSet;

use crate::common::{root, rust_files};

/// The library's modules the binary may name.
const FACADE: [&str; 5] = ["commands", "render", "write", "base", "message"];

/// Every `carryover::NAME` the binary's files use: (file, NAME).
fn named_by_the_binary() -> BTreeSet<(String, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src/cli"), &mut files);
    files.push(root().join("src/main.rs"));
    let mut named = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(root()).unwrap().display().to_string();
        for (at, _) in text.match_indices("carryover::") {
            let rest = &text[at + "carryover::".len()..];
            if rest.starts_with('{') {
                named.insert((shown.clone(), "{".to_string()));
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            named.insert((shown.clone(), name));
        }
    }
    named
}

#[test]
fn the_binary_names_only_the_facade() {
    let named = named_by_the_binary();
    assert!(
        named.iter().any(|(_, name)| name == "commands"),
        "the scan found no `carryover::commands`: it reads nothing"
    );
    let outside: Vec<String> = named
        .iter()
        .filter(|(_, name)| !FACADE.contains(&name.as_str()))
        .map(|(file, name)| format!("{file}: carryover::{name}"))
        .collect();
    assert!(
        outside.is_empty(),
        "the binary reaches past the facade ({FACADE:?}; a grouped `carryover::{{…}}` \
         import hides what it names): {outside:#?}"
    );
}

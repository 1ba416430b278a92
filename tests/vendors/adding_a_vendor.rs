//! `docs/ADDING_A_VENDOR.md` against the tree it describes: every path it names exists, every
//! `Type::member` it names is defined, every method of the vendor traits is explained, and the
//! worked example (`src/vendors/plain/`) is wired in with one module line and one registry line,
//! both behind the `test-vendor` feature, which `Cargo.toml` declares once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn walk() -> String {
    read("docs/ADDING_A_VENDOR.md")
}

fn boundary() -> String {
    read("src/vendors/mod.rs")
}

/// Every `code span` of a Markdown text (fenced blocks excluded: they show code to write).
fn code_spans(markdown: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let parts: Vec<&str> = line.split('`').collect();
        spans.extend(parts.iter().skip(1).step_by(2).map(|s| s.to_string()));
    }
    spans
}

/// Every `.rs` file under `src/`, with its text.
fn sources() -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(root().join("src"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            (e.into_path(), text)
        })
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Whether `word` occurs in `text` as a whole identifier.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// The body of `pub trait <name>` in `text`, up to its closing brace at column 0.
fn trait_body<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    let start = text.find(&format!("pub trait {name}:"))?;
    let end = text[start..].find("\n}\n")?;
    Some(&text[start..start + end])
}

/// The traits of the boundary, by name.
fn boundary_traits(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("pub trait "))
        .map(|rest| {
            rest.split(|c: char| !is_word_char(c))
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// `(name, required)` for each method of a trait body: required when its signature ends in `;`.
fn methods(body: &str) -> Vec<(String, bool)> {
    body.match_indices("fn ")
        .filter(|(at, _)| body[..*at].ends_with(' '))
        .map(|(at, _)| {
            let rest = &body[at + 3..];
            let name: String = rest.chars().take_while(|c| is_word_char(*c)).collect();
            let end = rest.find([';', '{']).unwrap();
            (name, rest.as_bytes()[end] == b';')
        })
        .collect()
}

#[test]
fn every_path_the_walk_names_exists() {
    let prefixes = [
        "src/",
        "grammar/",
        "tests/",
        "docs/",
        "samples/",
        "snapshots/",
    ];
    let mut checked = 0;
    for span in code_spans(&walk()) {
        let looks_like_path = prefixes.iter().any(|p| span.starts_with(p));
        if !looks_like_path || span.contains(['<', '*', ' ']) {
            continue;
        }
        assert!(
            root().join(&span).exists(),
            "docs/ADDING_A_VENDOR.md names `{span}`, which is not in the tree"
        );
        checked += 1;
    }
    assert!(
        checked >= 20,
        "only {checked} paths found: is the parser right?"
    );
}

#[test]
fn every_type_and_member_the_walk_names_is_defined() {
    let sources = sources();
    let all: String = sources.iter().map(|(_, t)| t.as_str()).collect();
    let boundary = boundary();
    let traits = boundary_traits(&boundary);
    let mut checked = 0;
    for span in code_spans(&walk()) {
        let Some((ty, member)) = span.split_once("::") else {
            continue;
        };
        if !ty.chars().all(is_word_char) || !member.chars().all(is_word_char) {
            continue;
        }
        if ty.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            // A trait of the boundary: the member is one of its methods, there.
            if traits.iter().any(|t| t == ty) {
                let body = trait_body(&boundary, ty).unwrap();
                assert!(
                    methods(body).iter().any(|(m, _)| m == member),
                    "`{span}`: src/vendors/mod.rs has no method `{member}` in trait `{ty}`"
                );
            } else {
                let defined = ["struct", "enum", "trait"]
                    .iter()
                    .any(|k| has_word(&all, &format!("pub {k} {ty}")));
                assert!(defined, "`{span}`: no `pub` type `{ty}` in src/");
                let member_defined = has_word(&all, &format!("fn {member}"))
                    || has_word(&all, &format!("{ty}::{member}"))
                    || all.lines().any(|l| {
                        // An enum variant, at the start of its line.
                        let rest = l.trim_start().strip_prefix(member);
                        rest.is_some_and(|r| !r.starts_with(is_word_char))
                    });
                assert!(
                    member_defined,
                    "`{span}`: `{member}` is not defined in src/"
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 30,
        "only {checked} names found: is the parser right?"
    );
}

#[test]
fn every_name_of_the_boundary_the_walk_uses_exists() {
    let boundary = boundary();
    for name in [
        "Vendor",
        "REGISTRY",
        "Sample",
        "Claim",
        "SourceRead",
        "claimant",
    ] {
        assert!(
            has_word(&walk(), name),
            "the walk does not mention `{name}`"
        );
        assert!(
            has_word(&boundary, name),
            "src/vendors/mod.rs has no `{name}`"
        );
    }
}

#[test]
fn the_walk_explains_every_trait_and_method_of_the_boundary() {
    let walk = walk();
    let boundary = boundary();
    let traits = boundary_traits(&boundary);
    assert!(traits.len() >= 6, "{traits:?}");
    let mut missing = Vec::new();
    for name in &traits {
        if !has_word(&walk, name) {
            missing.push(name.clone());
        }
        for (method, required) in methods(trait_body(&boundary, name).unwrap()) {
            // Every method of a vendor, and every required method of a capability.
            let named = walk.contains(&format!("`{name}::{method}`"));
            if (name == "Vendor" || required) && !named {
                missing.push(format!("{name}::{method}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/ADDING_A_VENDOR.md does not explain: {missing:?}"
    );
}

#[test]
fn every_vendor_folder_is_one_registry_line_and_plain_is_test_only() {
    let boundary = boundary();
    let start = boundary.find("pub const REGISTRY").expect("a REGISTRY");
    let end = start + boundary[start..].find("];").unwrap();
    let registry: Vec<&str> = boundary[start..end]
        .lines()
        .skip(1)
        .map(str::trim)
        .collect();
    let entries: Vec<&str> = registry
        .iter()
        .copied()
        .filter(|l| l.starts_with('&'))
        .collect();

    let folders: BTreeSet<String> = std::fs::read_dir(root().join("src/vendors"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(folders.contains("plain"), "{folders:?}");
    for folder in &folders {
        let lines = entries
            .iter()
            .filter(|l| l.starts_with(&format!("&{folder}::")))
            .count();
        assert_eq!(lines, 1, "src/vendors/{folder}/ has {lines} REGISTRY lines");
        let module = boundary
            .lines()
            .filter(|l| *l == format!("pub mod {folder};") || *l == format!("mod {folder};"))
            .count();
        assert_eq!(
            module, 1,
            "src/vendors/{folder}/ is declared {module} times"
        );
    }
    assert_eq!(entries.len(), folders.len(), "{entries:?}");

    // The plain vendor: two code lines in the boundary, each behind the test-only feature.
    let code: Vec<&str> = boundary
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect();
    let plain: Vec<usize> = (0..code.len())
        .filter(|&i| has_word(code[i], "plain"))
        .collect();
    assert_eq!(
        plain.len(),
        2,
        "{:?}",
        plain.iter().map(|&i| code[i]).collect::<Vec<_>>()
    );
    for i in plain {
        assert_eq!(
            code[i - 1].trim(),
            "#[cfg(feature = \"test-vendor\")]",
            "`{}` ships",
            code[i]
        );
    }
    // The feature is declared once, and no default turns it on.
    let manifest = read("Cargo.toml");
    let features = manifest
        .split("[features]\n")
        .nth(1)
        .expect("Cargo.toml has [features]");
    let features = &features[..features.find("\n[").unwrap_or(features.len())];
    assert!(
        features.lines().any(|l| l.trim() == "test-vendor = []"),
        "{features}"
    );
    assert!(!features.contains("default"), "{features}");
    // And nothing else in src/ names it.
    for (path, text) in sources() {
        let inside = path.starts_with(root().join("src/vendors/plain"))
            || path == root().join("src/vendors/mod.rs");
        assert!(
            inside || !names_plain(&text),
            "{} names the plain vendor",
            path.display()
        );
    }
}

#[test]
fn the_walk_names_every_file_of_the_worked_example() {
    let walk = walk();
    for entry in std::fs::read_dir(root().join("src/vendors/plain")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let path = format!("`src/vendors/plain/{name}`");
        assert!(walk.contains(&path), "the walk does not name {path}");
    }
}

/// Whether a source names the plain vendor's module (`plain::`, not `explain::`).
fn names_plain(text: &str) -> bool {
    text.match_indices("plain::")
        .any(|(i, _)| !text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
}

//! The code flows one way. `src/lib.rs` lists the layers bottom first, one `pub mod` line
//! each, and each layer is one folder of `src/`. This test reads every path in the library's
//! code (`use` lines and inline `crate::…` or `super::super::…` paths alike, comments left
//! out) and fails on:
//! - a file loose at `src/` other than `lib.rs` and `main.rs`;
//! - a layer list that is not the folder list;
//! - an import of a higher layer;
//! - an import between two vendors' folders;
//! - a circle between the modules of one layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::rust_files;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The layers, bottom first, as `src/lib.rs` declares them.
fn layers(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';').to_string())
        .collect()
}

/// Code without its comments: line comments (doc comments included) and block comments. A
/// `//` inside a string literal is rare in this tree and only hides paths after it on that line.
fn without_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            let end = after.find("*/").map_or(after.len(), |e| e + 2);
            rest = &after[end..];
        } else if rest.starts_with("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            rest = &rest[end..];
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The module path of a file under `src/` (`vendors/mos/read.rs` is `[vendors, mos, read]`).
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_string());
    }
    parts
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every absolute module path a file's code names: `crate::a::b`, `crate::{a::b, c}`, and
/// `super::super::x` resolved against the file's own module.
fn paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut previous = ' ';
    for (i, c) in code.char_indices() {
        let preceded = is_ident(previous) || previous == ':';
        previous = c;
        if preceded || !(c == 'c' || c == 's') {
            continue;
        }
        let (base, rest) = if code[i..].starts_with("crate::") {
            (Vec::new(), &code[i + "crate::".len()..])
        } else if code[i..].starts_with("super::") {
            let mut base = module.to_vec();
            let mut rest = &code[i..];
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            (base, rest)
        } else {
            continue;
        };
        for tail in expand(rest) {
            let mut path = base.clone();
            path.extend(tail);
            found.push(path);
        }
    }
    found
}

/// The segments after `crate::`: `a::b::C` gives `[a, b, C]`; `{a::x, b}` gives each.
fn expand(rest: &str) -> Vec<Vec<String>> {
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut end = group.len();
        for (at, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    end = at;
                    break;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        let mut out = Vec::new();
        let mut depth = 0;
        let mut start = 0;
        let inner = &group[..end];
        for (at, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.extend(expand(inner[start..at].trim()));
                    start = at + 1;
                }
                _ => {}
            }
        }
        out.extend(expand(inner[start..].trim()));
        return out;
    }
    let mut segments = Vec::new();
    let mut rest = rest;
    loop {
        let len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        segments.push(rest[..len].to_string());
        rest = &rest[len..];
        match rest.strip_prefix("::") {
            Some(r) if r.starts_with('{') => {
                return expand(r)
                    .into_iter()
                    .map(|tail| segments.iter().cloned().chain(tail).collect())
                    .collect();
            }
            Some(r) => rest = r,
            None => break,
        }
    }
    if segments.is_empty() {
        Vec::new()
    } else {
        vec![segments]
    }
}

/// What every library file imports: (file, its module, the paths it names).
type Imports = Vec<(String, Vec<String>, Vec<Vec<String>>)>;

fn library_imports(layers: &[String]) -> Imports {
    let mut files = Vec::new();
    for layer in layers {
        rust_files(&src().join(layer), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(src()).unwrap().to_path_buf();
            let module = module_of(&relative);
            let code = without_comments(&std::fs::read_to_string(&file).unwrap());
            let found = paths(&code, &module);
            (relative.display().to_string(), module, found)
        })
        .collect()
}

/// The vendors' own folders (each a vendor), as `src/vendors/` holds them.
fn vendor_folders() -> BTreeSet<String> {
    std::fs::read_dir(src().join("vendors"))
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            path.is_dir()
                .then(|| path.file_name().unwrap().to_string_lossy().into_owned())
        })
        .collect()
}

/// Everything wrong with the imports, one line each.
fn violations(layers: &[String], imports: &Imports) -> Vec<String> {
    let rank: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    let vendors = vendor_folders();
    let mut wrong = Vec::new();
    for (file, module, found) in imports {
        let own = rank[module[0].as_str()];
        for path in found {
            let Some(&theirs) = path.first().and_then(|p| rank.get(p.as_str())) else {
                continue;
            };
            if theirs > own {
                wrong.push(format!(
                    "{file}: imports {} from a higher layer",
                    path.join("::")
                ));
            }
            let vendor_of = |m: &[String]| {
                (m.first().map(String::as_str) == Some("vendors"))
                    .then(|| m.get(1).filter(|v| vendors.contains(*v)).cloned())
                    .flatten()
            };
            if let (Some(mine), Some(other)) = (vendor_of(module), vendor_of(path)) {
                if mine != other {
                    wrong.push(format!(
                        "{file}: the {mine} vendor imports {} of the {other} vendor",
                        path.join("::")
                    ));
                }
            }
        }
    }
    wrong.extend(circles(imports));
    wrong
}

/// Circles between the direct modules of one layer (`render::sarif` → `render::github` →
/// `render::sarif`): each layer's modules must be orderable too.
fn circles(imports: &Imports) -> Vec<String> {
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (_, module, found) in imports {
        let (Some(layer), Some(from)) = (module.first(), module.get(1)) else {
            continue;
        };
        for path in found {
            if path.first() == Some(layer) {
                if let Some(to) = path.get(1).filter(|to| *to != from) {
                    edges
                        .entry((layer.clone(), from.clone()))
                        .or_default()
                        .insert(to.clone());
                }
            }
        }
    }
    let mut wrong = Vec::new();
    for ((layer, from), tos) in &edges {
        for to in tos {
            // A path back from `to` to `from` closes a circle; each circle is named once.
            if from < to && reaches(&edges, layer, to, from) {
                wrong.push(format!(
                    "{layer}: {from} and {to} import each other (a circle)"
                ));
            }
        }
    }
    wrong
}

fn reaches(
    edges: &BTreeMap<(String, String), BTreeSet<String>>,
    layer: &str,
    from: &str,
    to: &str,
) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(at) = stack.pop() {
        if at == to {
            return true;
        }
        if seen.insert(at.clone()) {
            if let Some(next) = edges.get(&(layer.to_string(), at)) {
                stack.extend(next.iter().cloned());
            }
        }
    }
    false
}

#[test]
fn only_lib_and_main_are_loose_at_src() {
    let mut loose: Vec<String> = std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    loose.sort();
    assert_eq!(loose, ["lib.rs", "main.rs"]);
}

#[test]
fn the_layer_list_is_the_folder_list() {
    let declared: BTreeSet<String> =
        layers(&std::fs::read_to_string(src().join("lib.rs")).unwrap())
            .into_iter()
            .collect();
    let mut folders: BTreeSet<String> = std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // The binary's own layer, on top of the library: `main.rs` declares it.
    assert!(folders.remove("cli"), "src/cli holds the binary's flags");
    assert_eq!(declared, folders);
}

#[test]
fn no_layer_imports_a_higher_one_and_no_layer_has_a_circle() {
    let layers = layers(&std::fs::read_to_string(src().join("lib.rs")).unwrap());
    let wrong = violations(&layers, &library_imports(&layers));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The checker itself fails where it should: on an upward import in any of its forms, on an
/// import between vendors, and on a circle.
#[test]
fn the_checker_fails_on_an_upward_import_in_every_form() {
    let layers: Vec<String> = ["base", "model", "vendors", "render"]
        .map(String::from)
        .to_vec();
    let module = |m: &str| m.split("::").map(String::from).collect::<Vec<_>>();
    let case = |file: &str, code: &str| {
        let m = module(file);
        let found = paths(&without_comments(code), &m);
        violations(&layers, &vec![(file.to_string(), m, found)])
    };
    assert_eq!(case("model::value", "use crate::render::x;").len(), 1);
    assert_eq!(
        case("model::value", "let a = crate::vendors::REGISTRY;").len(),
        1
    );
    assert_eq!(
        case("model::value", "use crate::{base::error, render};").len(),
        1
    );
    assert_eq!(
        case(
            "model::value",
            "use crate::{base::{error, text}, render::{a, b}};"
        )
        .len(),
        2
    );
    assert_eq!(
        case("model::a::b", "use super::super::super::render::x;").len(),
        1
    );
    assert_eq!(
        case("model::value", "// crate::render::x is only mentioned").len(),
        0
    );
    assert_eq!(
        case("model::value", "/// [`crate::render`]\nfn f() {}").len(),
        0
    );
    assert_eq!(
        case(
            "render::sarif",
            "use crate::model::Config; use crate::base::error;"
        )
        .len(),
        0
    );
    assert_eq!(case("render::sarif", "use super::github;").len(), 0);
    let files = vec![
        (
            "vendors/mos/read.rs".to_string(),
            module("vendors::mos::read"),
            paths(
                "use crate::vendors::spamtitan::names;",
                &module("vendors::mos::read"),
            ),
        ),
        (
            "render/a.rs".to_string(),
            module("render::a"),
            paths("use super::b::X;", &module("render::a")),
        ),
        (
            "render/b.rs".to_string(),
            module("render::b"),
            paths("use crate::render::a::Y;", &module("render::b")),
        ),
    ];
    let wrong = violations(&layers, &files);
    assert!(
        wrong.iter().any(|w| w.contains("the mos vendor imports")),
        "{wrong:?}"
    );
    assert!(
        wrong
            .iter()
            .any(|w| w.contains("a and b import each other")),
        "{wrong:?}"
    );
}

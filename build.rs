//! Embeds the message catalogs: every `i18n/<lang>/*.ftl` file, so that adding a catalog file
//! needs no code change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=i18n");
    // Read when the script runs, not when it is compiled: a script built for one checkout
    // must read the catalog of the checkout it builds.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("i18n");
    let mut files = Vec::new();
    for lang in std::fs::read_dir(&root).expect("i18n/ exists") {
        let lang = lang.expect("i18n/ is readable").path();
        if !lang.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", lang.display());
        for file in std::fs::read_dir(&lang).expect("a language folder is readable") {
            let file = file.expect("a language folder is readable").path();
            if file.extension().is_some_and(|e| e == "ftl") {
                files.push(file);
            }
        }
    }
    files.sort();
    let mut out = String::from("/// Every catalog file: (language, file name, text).\n");
    out.push_str("pub(crate) const CATALOG_FILES: &[(&str, &str, &str)] = &[\n");
    for file in &files {
        let lang = file
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy();
        let name = file.file_name().unwrap().to_string_lossy();
        writeln!(
            out,
            "    ({lang:?}, {name:?}, include_str!({:?})),",
            file.display()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalog_files.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

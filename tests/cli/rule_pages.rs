//! `carryover rule` and `carryover schema`: what an installed binary says of its rules and its
//! JSON documents. Every rule a report can name has its page in `docs/rules/ID.md`, the very
//! text `carryover rule ID` prints (regenerate with `CARRYOVER_UPDATE_RULES=1 cargo test --test
//! cli rule_pages::`, then read `git diff docs/rules/`).

use std::collections::BTreeSet;

use crate::common;

use common::{root, run, run_full};

/// The ids `carryover rule` lists.
fn listed() -> Vec<String> {
    let (code, out) = run(&["--lang", "en", "rule"]);
    assert_eq!(code, 0);
    out.lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn every_listed_rule_has_its_page_in_docs_rules() {
    let update = std::env::var_os("CARRYOVER_UPDATE_RULES").is_some();
    let dir = root().join("docs/rules");
    let ids = listed();
    assert!(ids.len() > 30, "{ids:?}");
    for id in &ids {
        let (code, page) = run(&["--lang", "en", "rule", id]);
        assert_eq!(code, 0, "{id}");
        let path = dir.join(format!("{id}.md"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &page).unwrap();
            continue;
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == page,
            "docs/rules/{id}.md is not `carryover rule {id}`: run CARRYOVER_UPDATE_RULES=1 \
             cargo test --test cli rule_pages:: and review the diff"
        );
    }
    // No page of a rule that is gone.
    let pages: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let expected: BTreeSet<String> = ids.iter().map(|id| format!("{id}.md")).collect();
    if update {
        for stale in pages.difference(&expected) {
            std::fs::remove_file(dir.join(stale)).unwrap();
        }
    } else {
        assert_eq!(pages, expected);
    }
}

#[test]
fn a_page_explains_the_note_the_check_and_the_remedy() {
    let (code, page) = run(&["--lang", "en", "rule", "MOS-4.2.3-KI-6"]);
    assert_eq!(code, 0);
    for expected in [
        "# MOS-4.2.3-KI-6: ",
        "## The release note's item",
        "## What carryover checks",
        "## What carryover does",
        "Reported by: `gaps`",
    ] {
        assert!(page.contains(expected), "{expected}:\n{page}");
    }
    // In Japanese: the sidecar's title, the same original sentence.
    let (_, japanese) = run(&["--lang", "ja", "rule", "MOS-4.2.3-KI-6"]);
    let original = |p: &str| p.lines().find(|l| l.starts_with("> ")).map(str::to_string);
    assert_eq!(original(&japanese), original(&page));
    assert_ne!(japanese.lines().next(), page.lines().next());
    assert!(
        japanese.contains("## carryover が確認すること"),
        "{japanese}"
    );
}

#[test]
fn an_unknown_rule_names_the_nearest_and_exits_2() {
    let (code, out, err) = run_full(&["--lang", "en", "rule", "MOS-4.2.3-KI-66"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.contains("no rule `MOS-4.2.3-KI-66`"), "{err}");
    assert!(err.contains("MOS-4.2.3-KI-6"), "{err}");
}

#[test]
fn schema_prints_each_committed_schema_and_lists_their_names() {
    let (code, names) = run(&["schema"]);
    assert_eq!(code, 0);
    let names: Vec<&str> = names.lines().collect();
    let mut files: Vec<String> = std::fs::read_dir(root().join("docs/schema"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut stems: Vec<String> = names.iter().map(|n| format!("{n}.schema.json")).collect();
    stems.sort();
    assert_eq!(stems, files);
    for name in names {
        let (code, schema) = run(&["schema", name]);
        assert_eq!(code, 0);
        let committed =
            std::fs::read_to_string(root().join(format!("docs/schema/{name}.schema.json")))
                .unwrap();
        assert_eq!(schema, committed, "{name}");
    }
    let (code, out, err) = run_full(&["--lang", "en", "schema", "finding"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("no schema `finding`"), "{err}");
}

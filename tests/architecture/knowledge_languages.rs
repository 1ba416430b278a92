//! The Japanese of the release notes' knowledge files keeps step with the English: every
//! `<release>.ron` under `src/vendors/*/knowledge` has a `<release>.ja.ron` beside it with an
//! entry for each of its entries (and no other), the Japanese of each of its texts and of each
//! prose step of its remedy, and every text in backticks and every `<placeholder>` of the
//! English kept as it is.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// An English knowledge file, as far as its words go.
#[derive(Deserialize)]
#[serde(rename = "Release")]
struct Release {
    entries: Vec<English>,
}

/// One entry of an English knowledge file: its words for a person (other fields are skipped).
#[derive(Deserialize)]
struct English {
    id: String,
    title: String,
    cost: String,
    #[serde(default)]
    check: Option<String>,
    #[serde(default)]
    wider: Option<Wider>,
    #[serde(default)]
    never_fires: Option<String>,
    remedy: Vec<Step>,
}

/// Why an entry applies more widely than its note: only the reason is words.
#[derive(Deserialize)]
struct Wider {
    because: String,
}

/// One step of a remedy. A new kind of step fails the parse here: add it, as prose or not.
#[derive(Deserialize)]
enum Step {
    /// A command, typed as it is: never translated.
    Cli(IgnoredAny),
    /// A command with what to know before typing it: the note translated, the command not.
    CliNoted { note: String },
    /// A command on another appliance: the appliance's words and the note translated, the
    /// command not.
    Elsewhere {
        on: String,
        #[serde(default)]
        note: Option<String>,
    },
    /// A console page (its name as the console shows it) and what to do there: translated.
    Console { action: String },
    /// A DNS step for a person: translated.
    Dns(String),
    /// A check for a person: translated.
    Check(String),
    /// A prompt the appliance prints and the answer to type: never translated.
    Prompt {},
    /// carryover's own suggestion for a person: translated.
    Suggest(String),
    /// A patch to install, by name and address: never translated.
    Patch {},
}

/// One entry of a Japanese sidecar.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Japanese {
    title: String,
    cost: String,
    #[serde(default)]
    check: Option<String>,
    #[serde(default)]
    wider: Option<String>,
    #[serde(default)]
    never_fires: Option<String>,
    steps: Vec<String>,
    /// The labels of what its detection finds, by their English.
    #[serde(default)]
    labels: std::collections::BTreeMap<String, String>,
}

/// The entries of a Japanese sidecar in the file's order, an id written twice kept twice.
struct Entries(Vec<(String, Japanese)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Each;
        impl<'de> Visitor<'de> for Each {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from entry id to its Japanese")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(Each)
    }
}

/// The English knowledge files (`Release(` files under `src/vendors/*/knowledge`, relative to
/// the crate's root) and every Japanese sidecar without its English file.
fn knowledge_files(root: &Path) -> (Vec<PathBuf>, Vec<String>) {
    let mut english = Vec::new();
    let mut orphans = Vec::new();
    for vendor in std::fs::read_dir(root.join("src/vendors")).unwrap() {
        let Ok(files) = std::fs::read_dir(vendor.unwrap().path().join("knowledge")) else {
            continue;
        };
        for file in files {
            let path = file.unwrap().path();
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".ja.ron") {
                if !path.with_file_name(format!("{stem}.ron")).is_file() {
                    orphans.push(format!("{}: no {stem}.ron beside it", relative.display()));
                }
            } else if name.ends_with(".ron") {
                let text = std::fs::read_to_string(&path).unwrap();
                if text.lines().any(|line| line.starts_with("Release(")) {
                    english.push(relative);
                }
            }
        }
    }
    english.sort();
    (english, orphans)
}

/// What must be in a translation as it is in the English: text in backticks, `<placeholders>`
/// and `{fields}` filled in per item.
fn kept_spans(english: &str) -> BTreeSet<String> {
    let kept = Regex::new(r"`[^`]*`|<[A-Za-z][A-Za-z0-9_-]*>|\{[a-z_]+\}").unwrap();
    kept.find_iter(english)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Whether a character is Japanese: kana or kanji.
fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}')
}

/// What is wrong with one text of an entry: `what` names it (`MOS-4.2.3-KI-8 check`).
fn text_offenders(what: &str, english: Option<&str>, japanese: Option<&str>) -> Vec<String> {
    let (english, japanese) = match (english, japanese) {
        (None, None) => return Vec::new(),
        (Some(_), None) => return vec![format!("{what}: the English has one, the Japanese none")],
        (None, Some(_)) => return vec![format!("{what}: the Japanese has one, the English none")],
        (Some(english), Some(japanese)) => (english.trim(), japanese.trim()),
    };
    if english.is_empty() != japanese.is_empty() {
        let empty = if english.is_empty() {
            "English"
        } else {
            "Japanese"
        };
        return vec![format!("{what}: the {empty} is empty, the other is not")];
    }
    let mut wrong = Vec::new();
    if !japanese.is_empty() && !japanese.chars().any(is_japanese) {
        wrong.push(format!("{what}: no Japanese character in {japanese:?}"));
    }
    for span in kept_spans(english) {
        if !japanese.contains(&span) {
            wrong.push(format!("{what}: lacks {span} of the English"));
        }
    }
    wrong
}

/// What is wrong with the Japanese of one entry.
fn entry_offenders(english: &English, japanese: &Japanese) -> Vec<String> {
    let id = &english.id;
    let mut texts = vec![
        (
            "title",
            Some(english.title.as_str()),
            Some(japanese.title.as_str()),
        ),
        (
            "cost",
            Some(english.cost.as_str()),
            Some(japanese.cost.as_str()),
        ),
        ("check", english.check.as_deref(), japanese.check.as_deref()),
        (
            "wider",
            english.wider.as_ref().map(|w| w.because.as_str()),
            japanese.wider.as_deref(),
        ),
        (
            "never_fires",
            english.never_fires.as_deref(),
            japanese.never_fires.as_deref(),
        ),
    ]
    .into_iter()
    .map(|(field, en, ja)| (format!("`{id}` {field}"), en, ja))
    .collect::<Vec<_>>();
    let prose: Vec<&str> = english
        .remedy
        .iter()
        .flat_map(|step| match step {
            Step::Elsewhere { on, note } => std::iter::once(on.as_str())
                .chain(note.as_deref())
                .collect(),
            Step::CliNoted { note: text }
            | Step::Console { action: text }
            | Step::Dns(text)
            | Step::Check(text)
            | Step::Suggest(text) => vec![text.as_str()],
            Step::Cli(_) | Step::Prompt {} | Step::Patch {} => Vec::new(),
        })
        .collect();
    for (en, ja) in &japanese.labels {
        texts.push((format!("`{id}` label"), Some(en), Some(ja)));
    }
    let mut wrong = Vec::new();
    if prose.len() == japanese.steps.len() {
        for (n, (en, ja)) in prose.iter().zip(&japanese.steps).enumerate() {
            texts.push((format!("`{id}` step {}", n + 1), Some(en), Some(ja)));
        }
    } else {
        wrong.push(format!(
            "`{id}`: {} prose steps in the English, {} in the Japanese",
            prose.len(),
            japanese.steps.len()
        ));
    }
    for (what, en, ja) in texts {
        wrong.extend(text_offenders(&what, en, ja));
    }
    wrong
}

/// What is wrong with a Japanese sidecar (named `name`) against its English knowledge file.
fn offenders(name: &str, english: &str, japanese: &str) -> Vec<String> {
    let english = match ron::from_str::<Release>(english) {
        Ok(release) => release.entries,
        Err(error) => return vec![format!("the English of {name}: {error}")],
    };
    let japanese = match ron::from_str::<Entries>(japanese) {
        Ok(Entries(entries)) => entries,
        Err(error) => return vec![format!("{name}: {error}")],
    };
    let mut wrong = Vec::new();
    let mut by_id: BTreeMap<&str, &Japanese> = BTreeMap::new();
    for (id, entry) in &japanese {
        if by_id.insert(id, entry).is_some() {
            wrong.push(format!("{name}: `{id}` is written twice"));
        }
    }
    for entry in &english {
        match by_id.remove(entry.id.as_str()) {
            Some(ja) => wrong.extend(
                entry_offenders(entry, ja)
                    .into_iter()
                    .map(|w| format!("{name}: {w}")),
            ),
            None => wrong.push(format!("{name}: `{}` has no Japanese entry", entry.id)),
        }
    }
    for id in by_id.keys() {
        wrong.push(format!("{name}: `{id}` is no entry of the English file"));
    }
    wrong
}

#[test]
fn every_knowledge_entry_has_japanese_that_keeps_what_is_never_translated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, mut wrong) = knowledge_files(root);
    for known in ["mos-4.2.3.ron", "spamtitan-7.09.ron"] {
        assert!(
            files.iter().any(|f| f.ends_with(known)),
            "{known} is not among the knowledge files found: {files:?}"
        );
    }
    for file in &files {
        let sidecar = file.with_extension("ja.ron");
        let name = sidecar.display().to_string();
        let english = std::fs::read_to_string(root.join(file)).unwrap();
        match std::fs::read_to_string(root.join(&sidecar)) {
            Ok(japanese) => wrong.extend(offenders(&name, &english, &japanese)),
            Err(error) => wrong.push(format!("{name}: {error}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_names_every_kind_of_offender() {
    let english = r#"#![enable(implicit_some)]
        Release(vendor: "v", entries: [
            (id: "A", title: "Run `x` on <host>", severity: Info, detect: None, cost: "",
             check: "Check it.",
             remedy: [Cli("x {value}"), Check("Do `y`."), Patch(name: "p", url: "u", parameters: "")]),
            (id: "B", title: "B", cost: "Costly.", wider: (note_names: [], because: "why"),
             remedy: [Check("one"), Console(page: "P > Q", action: "two")]),
            (id: "C", title: "C", cost: "", remedy: []),
        ])"#;
    let japanese = r#"{
        "A": (title: "ホストで `x` を実行", cost: "費用", check: None, wider: None,
              steps: ["`z` を実行"]),
        "B": (title: "B", cost: "", check: None, wider: Some("理由"), steps: ["一"]),
        "D": (title: "D", cost: "", check: None, wider: None, steps: []),
        "D": (title: "D", cost: "", check: None, wider: None, steps: []),
    }"#;
    let wrong = offenders("t.ja.ron", english, japanese);
    let expected = [
        "t.ja.ron: `D` is written twice",
        "t.ja.ron: `A` title: lacks <host> of the English",
        "t.ja.ron: `A` cost: the English is empty, the other is not",
        "t.ja.ron: `A` check: the English has one, the Japanese none",
        "t.ja.ron: `A` step 1: lacks `y` of the English",
        "t.ja.ron: `B`: 2 prose steps in the English, 1 in the Japanese",
        "t.ja.ron: `B` title: no Japanese character in \"B\"",
        "t.ja.ron: `B` cost: the Japanese is empty, the other is not",
        "t.ja.ron: `C` has no Japanese entry",
        "t.ja.ron: `D` is no entry of the English file",
    ];
    assert_eq!(wrong, expected);
    let wrong = offenders(
        "t.ja.ron",
        r#"Release(entries: [(id: "A", title: "T", cost: "", remedy: [Api("get")])])"#,
        "{}",
    );
    assert!(wrong[0].contains("Api"), "{wrong:?}");
    let wrong = offenders("t.ja.ron", english, r#"{"A": (title: "T", cost: "")}"#);
    assert!(wrong[0].contains("steps"), "{wrong:?}");
}

/// Every label a rule's detection gives what it finds (a backup's dropped settings, what no
/// capture holds) has its Japanese in the sidecar, and the sidecar names no label the rule lacks.
#[test]
fn every_label_of_a_finding_has_its_japanese() {
    let mut wrong = Vec::new();
    for vendor in carryover::vendors::REGISTRY {
        let Some(knowledge) = vendor.knowledge() else {
            continue;
        };
        for release in knowledge.releases() {
            for entry in &release.entries {
                let japanese = release.japanese.get(&entry.id);
                let given = japanese.map(|j| &j.labels);
                for label in entry.labels() {
                    if !given.is_some_and(|g| g.contains_key(label)) {
                        wrong.push(format!(
                            "`{}`: no Japanese for the label {label:?}",
                            entry.id
                        ));
                    }
                }
                for label in given.into_iter().flat_map(|g| g.keys()) {
                    if !entry.labels().contains(&label.as_str()) {
                        wrong.push(format!(
                            "`{}`: the Japanese names a label the rule lacks: {label:?}",
                            entry.id
                        ));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

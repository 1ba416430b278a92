//! A rule's words in the language a person reads. The rules speak through their release
//! note's knowledge file (titles, costs, console steps, in English); where the reader's
//! language is Japanese, each such text is replaced by the sidecar's Japanese
//! (`<release>.ja.ron` beside the English file). Only a text that is exactly the English
//! entry's is replaced, so nothing is ever mistranslated: a text not found stays as it is.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::base::message::{Arg, Message};
use crate::knowledge::{Entry, Japanese, Remedy};
use crate::ops::{Finding, Step, Text};

use super::message::{current, Lang};

/// The finding with its rule's words in the reader's language.
pub(crate) fn localized(f: &Finding) -> Cow<'_, Finding> {
    // In English nothing changes: a finding of a million list items is not copied.
    let Some(words) = words_of(&f.rule) else {
        return Cow::Borrowed(f);
    };
    let mut f = f.clone();
    let words: BTreeMap<&str, &str> = words.iter().map(|(e, t)| (*e, t.as_str())).collect();
    translate(&mut f.summary, &words);
    for clause in &mut f.also {
        translate(clause, &words);
    }
    for step in &mut f.remedy {
        translate_step(step, &words);
    }
    for note in f.items.iter_mut().filter_map(|item| item.note.as_mut()) {
        translate(note, &words);
    }
    Cow::Owned(f)
}

/// A rule's remedy step with its words in the reader's language.
pub(crate) fn step(rule: &str, mut step: Step) -> Step {
    if let Some(words) = words_of(rule) {
        let words: BTreeMap<&str, &str> = words.iter().map(|(e, t)| (*e, t.as_str())).collect();
        translate_step(&mut step, &words);
    }
    step
}

/// A step's words, where they are one of the English texts.
fn translate_step(step: &mut Step, words: &BTreeMap<&str, &str>) {
    for text in words_of_step(step) {
        match text {
            Text::Note(text) => {
                if let Some(ja) = words.get(text.as_str()) {
                    *text = ja.to_string();
                }
            }
            Text::Said(message) => translate(message, words),
        }
    }
}

/// The words of a step a person reads, beyond a command.
fn words_of_step(step: &mut Step) -> Vec<&mut Text> {
    match step {
        Step::Elsewhere { on, note, .. } => std::iter::once(on).chain(note.as_mut()).collect(),
        Step::Command { note, only_if, .. } => {
            note.as_mut().into_iter().chain(only_if.as_mut()).collect()
        }
        Step::Console { action: words, .. }
        | Step::Dns(words)
        | Step::Check { text: words, .. } => vec![words],
        Step::Prompt { .. } => Vec::new(),
    }
}

/// A rule's title in the reader's language (as given where the reader's is English).
pub(crate) fn title(rule: &str, english: &str) -> String {
    text(rule, english)
}

/// One of a rule's texts (title, cost, check, console step) in the reader's language: the
/// English as given where it is not the entry's, or the reader's language is English.
pub(crate) fn text(rule: &str, english: &str) -> String {
    words_of(rule)
        .and_then(|words| words.get(english).cloned())
        .unwrap_or_else(|| english.to_string())
}

/// Each English text of the rule's entry with its words in the reader's language: the
/// Japanese sidecar's, or, in the pseudo-language, the English between markers (so a test
/// finds a rule's words that did not pass through here). `None` in English.
fn words_of(rule: &str) -> Option<BTreeMap<&'static str, String>> {
    match current() {
        Lang::En => None,
        Lang::Ja => {
            let (entry, japanese) = entry_of(rule)?;
            Some(
                pairs(entry, japanese)
                    .into_iter()
                    .map(|(e, j)| (e, j.to_string()))
                    .collect(),
            )
        }
        Lang::Pseudo => {
            let (entry, _) = entry_of_any(rule)?;
            let (open, close) = super::message::PSEUDO_MARKERS;
            let english = pairs(entry, &NO_JAPANESE).into_keys();
            let mut words: BTreeMap<&str, String> =
                english.map(|e| (e, format!("{open}{e}{close}"))).collect();
            for text in prose(entry).into_iter().chain(entry.labels()) {
                words.insert(text, format!("{open}{text}{close}"));
            }
            Some(words)
        }
    }
}

/// An entry's words with no Japanese, for the keys of [`pairs`].
static NO_JAPANESE: Japanese = Japanese {
    title: String::new(),
    cost: String::new(),
    check: None,
    wider: None,
    never_fires: None,
    steps: Vec::new(),
    labels: BTreeMap::new(),
};

/// The rule's knowledge entry and its Japanese, from whichever vendor knows the rule.
fn entry_of(rule: &str) -> Option<(&'static Entry, &'static Japanese)> {
    let (entry, japanese) = entry_of_any(rule)?;
    Some((entry, japanese?))
}

/// The rule's knowledge entry, with its Japanese if there is any.
fn entry_of_any(rule: &str) -> Option<(&'static Entry, Option<&'static Japanese>)> {
    crate::vendors::REGISTRY
        .iter()
        .filter_map(|v| v.knowledge())
        .flat_map(|k| k.releases())
        .find_map(|r| r.entry(rule))
}

/// The entry's prose remedy steps, in their order.
fn prose(entry: &Entry) -> Vec<&str> {
    entry.remedy.iter().flat_map(Remedy::prose).collect()
}

/// Each English text of the entry a person reads, with its Japanese.
fn pairs<'a>(entry: &'a Entry, japanese: &'a Japanese) -> BTreeMap<&'a str, &'a str> {
    let mut words = BTreeMap::from([(entry.title.as_str(), japanese.title.as_str())]);
    if !entry.cost.is_empty() {
        words.insert(entry.cost.as_str(), japanese.cost.as_str());
    }
    if let (Some(en), Some(ja)) = (&entry.check, &japanese.check) {
        words.insert(en.as_str(), ja.as_str());
    }
    // The prose steps, in their order, as the sidecar lists them.
    let prose = prose(entry);
    if prose.len() == japanese.steps.len() {
        words.extend(
            prose
                .into_iter()
                .zip(japanese.steps.iter().map(String::as_str)),
        );
    }
    for label in entry.labels() {
        if let Some(ja) = japanese.labels.get(label) {
            words.insert(label, ja.as_str());
        }
    }
    words
}

/// Every text argument of the message (nested ones too) that is one of the English texts.
fn translate(message: &mut Message, words: &BTreeMap<&str, &str>) {
    for (_, arg) in &mut message.args {
        match arg {
            Arg::Text(text) => {
                if let Some(ja) = words.get(text.as_str()) {
                    *text = ja.to_string();
                }
            }
            Arg::Message(inner) => translate(inner, words),
            Arg::Number(_) => {}
        }
    }
}

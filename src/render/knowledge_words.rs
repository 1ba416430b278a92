//! A rule's words in the language a person reads. The rules speak through their release
//! note's knowledge file (titles, costs, console steps, in English); where the reader's
//! language is Japanese, each such text is replaced by the sidecar's Japanese
//! (`<release>.ja.ron` beside the English file). Only a text that is exactly the English
//! entry's is replaced, so nothing is ever mistranslated: a text not found stays as it is.

use std::collections::BTreeMap;

use crate::base::message::{Arg, Message};
use crate::knowledge::{Entry, Japanese, Remedy};
use crate::ops::{Finding, Step};

use super::message::{current, Lang};

/// The finding with its rule's words in the reader's language.
pub(crate) fn localized(f: &Finding) -> Finding {
    let mut f = f.clone();
    if current() != Lang::Ja {
        return f;
    }
    let Some((entry, japanese)) = entry_of(&f.rule) else {
        return f;
    };
    let words = pairs(entry, japanese);
    translate(&mut f.summary, &words);
    for clause in &mut f.also {
        translate(clause, &words);
    }
    for step in &mut f.remedy {
        match step {
            Step::Console(text) => {
                if let Some(ja) = words.get(text.as_str()) {
                    *text = ja.to_string();
                }
            }
            Step::Check(message) | Step::Advice(message) => translate(message, &words),
            Step::Run(..) => {}
        }
    }
    f
}

/// The rule's knowledge entry and its Japanese, from whichever vendor knows the rule.
fn entry_of(rule: &str) -> Option<(&'static Entry, &'static Japanese)> {
    crate::vendors::REGISTRY
        .iter()
        .filter_map(|v| v.knowledge())
        .flat_map(|k| k.releases())
        .find_map(|r| r.entry(rule))
        .and_then(|(entry, japanese)| Some((entry, japanese?)))
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
    let prose: Vec<&str> = entry
        .remedy
        .iter()
        .filter_map(|r| match r {
            Remedy::Gui(text) | Remedy::Suggest(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    if prose.len() == japanese.steps.len() {
        words.extend(
            prose
                .into_iter()
                .zip(japanese.steps.iter().map(String::as_str)),
        );
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

//! The words of a [`Message`]: its id looked up in the message catalog (`i18n/<lang>/*.ftl`,
//! Fluent), its arguments filled in. Text arguments come from captures and user input, so
//! each passes through the one sanitiser and stays on one line.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::base::message::{Arg, Message};
use crate::base::text::sanitize;

include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));

/// The language a person reads. English is the fallback of every other language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
        }
    }
}

/// One language's catalog, built once from the embedded files.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
    };
    cell.get_or_init(|| build(lang.code()))
}

fn build(code: &str) -> FluentBundle<FluentResource> {
    let id = code
        .parse()
        .expect("a language code is a valid language id");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks around arguments would break padding by width and every snapshot.
    bundle.set_use_isolating(false);
    for (_, name, text) in CATALOG_FILES.iter().filter(|(lang, _, _)| *lang == code) {
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("i18n/{code}/{name}: {errors:?} (tested)"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("i18n/{code}/{name}: {errors:?} (tested)"));
    }
    bundle
}

/// The message in English, its text arguments through the one sanitiser: on one line, for a
/// terminal or a log.
pub fn words(message: &Message) -> String {
    words_in(Lang::En, message)
}

/// The message in `lang`, its text arguments through the one sanitiser. An id the catalog
/// lacks (a test keeps every id in it) is shown as the id and its arguments, never dropped.
pub fn words_in(lang: Lang, message: &Message) -> String {
    fill(lang, message, &sanitize)
}

/// The message in English with its text arguments as they are, for an output that escapes
/// text its own way (JSON, SARIF, GitHub annotations, a line the terminal sanitiser sees once).
pub fn words_as_given(message: &Message) -> String {
    fill(Lang::En, message, &str::to_string)
}

fn fill(lang: Lang, message: &Message, text_arg: &dyn Fn(&str) -> String) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(message.id).and_then(|m| m.value()) else {
        return fallback(message);
    };
    let mut args = FluentArgs::new();
    for (name, value) in &message.args {
        match value {
            Arg::Text(text) => args.set(*name, FluentValue::from(text_arg(text))),
            Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
            // In words first, its own text arguments made safe once, as the outer's are.
            Arg::Message(inner) => args.set(*name, FluentValue::from(fill(lang, inner, text_arg))),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    text.into_owned()
}

fn fallback(message: &Message) -> String {
    let mut out = message.id.to_string();
    for (name, value) in &message.args {
        let value = match value {
            Arg::Text(text) => sanitize(text),
            Arg::Number(n) => n.to_string(),
            Arg::Message(inner) => format!("({})", fallback(inner)),
        };
        out.push_str(&format!(" {name}={value}"));
    }
    out
}

/// Every catalog file as (language, file name, text), for the tests that keep the catalogs
/// and the code in step.
pub fn catalog_files() -> &'static [(&'static str, &'static str, &'static str)] {
    CATALOG_FILES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_fill_the_text_on_one_line_without_isolation_marks() {
        let m = crate::message!(
            "error-io",
            path = "a\nb.log",
            reason = "No such file or directory"
        );
        assert_eq!(words(&m), "a\\nb.log: No such file or directory");
    }

    #[test]
    fn an_unknown_id_is_shown_with_its_arguments() {
        let m = crate::message!("no-such-id", count = 3usize);
        assert_eq!(words(&m), "no-such-id count=3");
    }
}

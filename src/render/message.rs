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
    /// Japanese.
    Ja,
    /// English with every message wrapped in markers (`en-XA`), so a test can find a line
    /// of words that did not come from the catalog.
    Pseudo,
}

/// The markers around every message in the pseudo-language.
pub const PSEUDO_MARKERS: (&str, &str) = ("\u{27e6}", "\u{27e7}");

impl Lang {
    /// The catalog folder this language's words come from.
    fn code(self) -> &'static str {
        match self {
            Lang::En | Lang::Pseudo => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language a `--lang` value names: `ja`, `en`, `en-XA`, or a locale such as
    /// `ja_JP.UTF-8`. `None` for a name this tool has no catalog for.
    pub fn named(name: &str) -> Option<Lang> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("en-XA") || name.eq_ignore_ascii_case("en_XA") {
            return Some(Lang::Pseudo);
        }
        let language = name
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "ja" => Some(Lang::Ja),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a person's locale, as the C library reads it: the first of
    /// `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides, and any `ja`
    /// locale gives Japanese; anything else (`C`, `de_DE`, nothing) gives English. `env`
    /// looks a variable up, so a test passes its own.
    pub(crate) fn of_locale(env: impl Fn(&str) -> Option<String>) -> Lang {
        let chosen = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(&env)
            .find(|value| !value.is_empty());
        match chosen.as_deref().and_then(Lang::named) {
            Some(Lang::Ja) => Lang::Ja,
            _ => Lang::En,
        }
    }
}

/// The languages of one run: the one people read on a terminal (the flag, else the locale)
/// and the one of files kept for machines and git (`track`'s files and commits), which follows
/// the flag only, so cron and a shell with different locales never make git flip languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Languages {
    /// Reports, errors, runbooks: what a person reads now.
    pub human: Lang,
    /// Files kept in git and read by machines.
    pub stored: Lang,
}

impl Languages {
    /// The languages from `--lang` (if given) and the locale.
    pub fn choose(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Languages {
        Languages {
            human: flag.unwrap_or_else(|| Lang::of_locale(env)),
            stored: flag.unwrap_or_default(),
        }
    }
}

static LANGUAGES: OnceLock<Languages> = OnceLock::new();

/// Sets this run's languages, once, before anything is rendered (the binary does, from its
/// flags and the environment). A library user who never calls it gets English.
pub fn set_languages(languages: Languages) {
    let _ = LANGUAGES.set(languages);
}

/// The language a person reads in this run (the flag's, else the locale's).
pub fn human_language() -> Lang {
    languages().human
}

/// This run's languages.
pub(crate) fn languages() -> Languages {
    LANGUAGES.get().copied().unwrap_or_default()
}

thread_local! {
    /// The language of the output being made on this thread, where it is not a person's.
    static MAKING: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Makes an output for machines or for git (JSON, SARIF, GitHub annotations, track's files,
/// commit messages): inside `make`, messages are in the stored language, whatever the locale.
pub(crate) fn for_machines<T>(make: impl FnOnce() -> T) -> T {
    in_language(languages().stored, make)
}

/// Makes something in `lang`, whatever this run's languages are: a script remark its
/// encoding cannot carry in the reader's language is made in English.
pub(crate) fn in_language<T>(lang: Lang, make: impl FnOnce() -> T) -> T {
    let before = MAKING.with(|m| m.replace(Some(lang)));
    let made = make();
    MAKING.with(|m| m.set(before));
    made
}

/// The language messages are made in now: a person's, unless an output for machines is
/// being made on this thread.
pub(crate) fn current() -> Lang {
    MAKING
        .with(|m| m.get())
        .unwrap_or_else(|| languages().human)
}

/// One language's catalog, built once from the embedded files.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static JA: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::En | Lang::Pseudo => &EN,
        Lang::Ja => &JA,
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

/// The message in the language a person reads (English unless the run chose another; the
/// stored language inside `for_machines`), its text arguments through the one sanitiser: on
/// one line, for a terminal or a log.
pub fn words(message: &Message) -> String {
    words_in(current(), message)
}

/// The message in `lang`, its text arguments through the one sanitiser. An id the catalog
/// lacks (a test keeps every id in it) is shown as the id and its arguments, never dropped.
pub(crate) fn words_in(lang: Lang, message: &Message) -> String {
    fill(lang, message, &sanitize)
}

/// How many characters of a text argument a note on standard error shows at most (as the one
/// sanitiser shows it, escapes included): a capture's value of 20,000 characters is quoted by
/// its start, so a warning stays a line a person reads.
pub const QUOTED_AT_MOST: usize = 80;

/// The message with each text argument, its own and those of the messages in it, that would
/// show longer than [`QUOTED_AT_MOST`] characters quoted by its start, cut between two
/// characters and never inside an escape, with how many characters it shows of how many
/// (`quiet-quoted-start`). Made for what is said on standard error, at the edge: the model,
/// scripts and every other output keep the whole value.
pub fn quoting_at_most(message: &Message) -> Message {
    let args = message.args.iter().map(|(name, arg)| {
        let arg = match arg {
            Arg::Text(text) => match crate::base::text::shown_start(text, QUOTED_AT_MOST) {
                Some(start) => Arg::from(crate::message!(
                    "quiet-quoted-start",
                    start = start,
                    shown = start.chars().count(),
                    length = text.chars().count()
                )),
                None => arg.clone(),
            },
            Arg::Number(_) => arg.clone(),
            Arg::Message(inner) => Arg::from(quoting_at_most(inner)),
        };
        (*name, arg)
    });
    Message {
        id: message.id,
        args: args.collect(),
    }
}

/// The message with its text arguments as they are, for an output that escapes text its own
/// way (JSON, SARIF, GitHub annotations, a line the terminal sanitiser sees once).
pub(crate) fn words_as_given(message: &Message) -> String {
    fill(current(), message, &str::to_string)
}

fn fill(lang: Lang, message: &Message, text_arg: &dyn Fn(&str) -> String) -> String {
    let text = fill_from(lang, message, text_arg)
        .or_else(|| fill_from(Lang::En, message, text_arg))
        .unwrap_or_else(|| fallback(message));
    in_markers_if_pseudo(lang, text)
}

/// The text as the pseudo-language shows it: wrapped in its markers.
fn in_markers_if_pseudo(lang: Lang, text: String) -> String {
    match lang {
        Lang::Pseudo => format!("{}{text}{}", PSEUDO_MARKERS.0, PSEUDO_MARKERS.1),
        _ => text,
    }
}

/// The message from one language's catalog, or `None` if that catalog lacks it (English is
/// then the fallback; a test keeps both catalogs complete).
fn fill_from(lang: Lang, message: &Message, text_arg: &dyn Fn(&str) -> String) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(message.id).and_then(|m| m.value())?;
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
    Some(text.into_owned())
}

/// The words of a message held by its id alone, with no arguments: the help texts, whose ids
/// are made from the command tree. `None` when no catalog has it.
pub fn words_by_id(id: &str) -> Option<String> {
    let lang = current();
    let text = text_of(lang, id).or_else(|| text_of(Lang::En, id))?;
    Some(in_markers_if_pseudo(lang, text))
}

fn text_of(lang: Lang, id: &str) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id).and_then(|m| m.value())?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned(),
    )
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
    fn the_first_locale_variable_set_decides_and_any_ja_locale_is_japanese() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::of_locale(env(&[("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(Lang::of_locale(env(&[("LANG", "ja_JP.eucJP")])), Lang::Ja);
        assert_eq!(Lang::of_locale(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(Lang::of_locale(env(&[])), Lang::En);
        assert_eq!(Lang::of_locale(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
        // LC_ALL wins over LANG, and an empty variable is not set.
        let both = env(&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(Lang::of_locale(both), Lang::En);
        let empty = env(&[("LC_ALL", ""), ("LC_MESSAGES", "ja_JP"), ("LANG", "C")]);
        assert_eq!(Lang::of_locale(empty), Lang::Ja);
        // A pseudo-locale is for tests, chosen by flag only.
        assert_eq!(Lang::of_locale(env(&[("LANG", "en-XA")])), Lang::En);
    }

    #[test]
    fn stored_files_follow_the_flag_and_never_the_locale() {
        let japanese = |name: &str| (name == "LANG").then(|| "ja_JP.UTF-8".to_string());
        let chosen = Languages::choose(None, japanese);
        assert_eq!((chosen.human, chosen.stored), (Lang::Ja, Lang::En));
        let chosen = Languages::choose(Some(Lang::Ja), |_| None);
        assert_eq!((chosen.human, chosen.stored), (Lang::Ja, Lang::Ja));
        let chosen = Languages::choose(Some(Lang::En), japanese);
        assert_eq!((chosen.human, chosen.stored), (Lang::En, Lang::En));
    }

    #[test]
    fn an_output_for_machines_is_made_in_the_stored_language() {
        // This test's thread has no run's languages: both are English, and inside
        // `for_machines` the stored one is used, then the person's again.
        let m = crate::message!("error-io", path = "a", reason = "b");
        assert_eq!(for_machines(current), languages().stored);
        assert_eq!(for_machines(|| words(&m)), words(&m));
        MAKING.with(|making| making.set(Some(Lang::Ja)));
        assert_eq!(current(), Lang::Ja);
        MAKING.with(|making| making.set(None));
    }

    #[test]
    fn language_names_are_read_as_lang_accepts_them() {
        assert_eq!(Lang::named("ja"), Some(Lang::Ja));
        assert_eq!(Lang::named("EN"), Some(Lang::En));
        assert_eq!(Lang::named("en-XA"), Some(Lang::Pseudo));
        assert_eq!(Lang::named("fr"), None);
    }

    #[test]
    fn the_pseudo_language_wraps_each_message_in_markers() {
        let m = crate::message!("no-such-id", count = 3usize);
        let (open, close) = PSEUDO_MARKERS;
        assert_eq!(
            words_in(Lang::Pseudo, &m),
            format!("{open}no-such-id count=3{close}")
        );
    }

    #[test]
    fn a_long_text_argument_is_quoted_by_its_start_and_a_short_one_whole() {
        let long = format!("{}\u{202e}{}", "a".repeat(75), "b".repeat(20_000));
        let inner = crate::message!("reading-mos-entry-lookalike", entry = long.as_str());
        let m = crate::message!("quiet-warning", warning = inner);
        let said = words(&quoting_at_most(&m));
        // 75 characters and the escape (8) would be 83: the start stops before the escape.
        let start = format!("`{}… (", "a".repeat(75));
        assert!(said.contains(&start), "{said}");
        assert!(said.contains("75") && said.contains("20076"), "{said}");
        assert!(said.chars().count() < 300, "{said}");
        let short = crate::message!("reading-mos-entry-lookalike", entry = "a@example.com");
        assert_eq!(words(&quoting_at_most(&short)), words(&short));
        // Numbers and the ids stay as they are.
        let counted = crate::message!("quiet-repeated", at = "a.log:1", said = "x", count = 3u64);
        assert_eq!(quoting_at_most(&counted), counted);
    }

    #[test]
    fn an_unknown_id_is_shown_with_its_arguments() {
        let m = crate::message!("no-such-id", count = 3usize);
        assert_eq!(words(&m), "no-such-id count=3");
    }
}

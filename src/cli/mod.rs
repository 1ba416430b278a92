//! The command line: one argument struct per subcommand, each in its own file with the code
//! that hands its flags to the library. Flags shared by several subcommands are defined once
//! here ([`Inputs`], [`ReadFlags`]).

mod apply;
mod capture;
mod connection;
mod diff;
mod fetch;
mod findings;
mod generated;
mod help;
mod localise;
mod restore;
mod rule;
mod schema;
mod show;
mod textconv;
mod track;
mod usage_error;
mod verify_update;

use std::path::{Path, PathBuf};

use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::request::{
    encoding_for_label, is_stdin, ReadOptions, SourceKind, Version,
};
use carryover::render::message::{set_languages, words, Lang, Languages};
use carryover::render::Verbosity;

/// Reads Mirapoint MOS captures (CLI logs, admin-protocol transcripts, config exports) and
/// SpamTitan capture folders into one typed model, and reports what an upgrade would lose.
#[derive(Parser)]
#[command(name = "carryover", version, after_help = help::MAIN)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of what you read: `ja` or `en` (default: the locale's)
    ///
    /// The language of what you read: `ja` or `en`. Without it, the locale decides: the first
    /// of LC_ALL, LC_MESSAGES and LANG that is set; any `ja` locale is Japanese, anything else
    /// English. Files kept for git and machines (track's files, commit messages, JSON, SARIF)
    /// follow this flag only, never the locale, so two admins never make git flip languages.
    #[arg(long, global = true, value_name = "LANG", value_parser = language)]
    lang: Option<Lang>,
    /// Say nothing on standard error but errors: no warnings, notes or line counts (exit
    /// statuses are the same)
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Say everything reading noticed, and every source's line counts, even when all was read
    #[arg(short, long, global = true)]
    verbose: bool,
}

static VERBOSITY: std::sync::OnceLock<Verbosity> = std::sync::OnceLock::new();

/// This run's verbosity (`-q`, `-v`), set once from the flags.
fn verbosity() -> Verbosity {
    VERBOSITY.get().copied().unwrap_or_default()
}

/// A warning or note for standard error, unless `-q` silences it.
fn notify(text: &str) {
    if verbosity() != Verbosity::Quiet {
        say(text);
    }
}

/// Text for standard error whatever the verbosity (what failed): whatever a capture or a name
/// put in it, nothing drives the terminal or reorders what is seen.
fn say(text: &str) {
    eprint!("{}", carryover::base::text::terminal_safe(text));
}

/// A `--lang` value: a language this tool has a catalog for.
fn language(name: &str) -> Result<Lang, String> {
    Lang::named(name)
        .ok_or_else(|| words(&carryover::message!("usage-unknown-language", name = name)))
}

#[derive(Subcommand)]
enum Command {
    /// Print the appliance's configuration as canonical RON (or JSON).
    #[command(after_help = help::SHOW)]
    Show(show::ShowArgs),
    /// Report what the known export and upgrade bugs would lose, with evidence and remedies.
    #[command(after_help = help::GAPS)]
    Gaps(findings::GapsArgs),
    /// A pre-upgrade checklist: path, package, licenses, backups, what to re-apply, patches.
    #[command(after_help = help::PLAN)]
    Plan(findings::PlanArgs),
    /// Print what to run so that a capture holds what gaps and plan need.
    #[command(after_help = help::CAPTURE)]
    Capture(capture::CaptureArgs),
    /// Compare two captures by setting, not by line: what an upgrade or a change did.
    #[command(after_help = help::DIFF)]
    Diff(diff::DiffArgs),
    /// Write the script that puts back what the upgrade and the export lose.
    #[command(after_help = help::RESTORE)]
    Restore(restore::RestoreArgs),
    /// Keep a folder of captures from many appliances as one canonical RON file per appliance.
    #[command(after_help = help::TRACK)]
    Track(track::TrackArgs),
    /// Collect captures from the appliances themselves, for one host or a whole fleet.
    #[command(after_help = help::FETCH)]
    Fetch(fetch::FetchArgs),
    /// Send a reviewed restore script to one appliance, one command at a time, with a journal.
    Apply(apply::ApplyArgs),
    /// Print the canonical text of a capture, for git's diff drivers.
    #[command(after_help = help::TEXTCONV)]
    Textconv(textconv::TextconvArgs),
    /// Check a SpamTitan update log: versions, services stopped and started again, completion.
    #[command(after_help = help::VERIFY_UPDATE)]
    VerifyUpdate(verify_update::VerifyUpdateArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = help::COMPLETIONS)]
    Completions(generated::CompletionsArgs),
    /// Print the man page (roff), with a section for each subcommand.
    #[command(after_help = help::MAN)]
    Man(generated::ManArgs),
    /// Explain a rule a report names: its release note's item, what carryover checks, what it does.
    #[command(after_help = rule::HELP)]
    Rule(rule::RuleArgs),
    /// Print the JSON Schema of a JSON output (`carryover schema findings`).
    #[command(after_help = schema::HELP)]
    Schema(schema::SchemaArgs),
}

/// The command line of this process, read with its help in the reader's language: `--lang`
/// is looked for before clap parses, so `--lang ja --help` is Japanese.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    set_languages(Languages::choose(lang_flag(&args), |name| {
        std::env::var(name).ok()
    }));
    let mut matches = localise::command()
        .try_get_matches_from(args)
        .unwrap_or_else(|e| usage_error::exit(e));
    Cli::from_arg_matches_mut(&mut matches).unwrap_or_else(|e| usage_error::exit(e))
}

/// The language `--lang X` or `--lang=X` names, if it names one this tool has.
fn lang_flag(args: &[std::ffi::OsString]) -> Option<Lang> {
    let args: Vec<&str> = args
        .iter()
        .filter_map(|a| a.to_str())
        .take_while(|a| *a != "--")
        .collect();
    let value = args.iter().enumerate().find_map(|(i, arg)| match *arg {
        "--lang" => args.get(i + 1).copied(),
        _ => arg.strip_prefix("--lang="),
    })?;
    Lang::named(value)
}

/// Runs the command line; the exit status, or an error (status 2).
pub fn run(cli: Cli) -> Result<u8, Error> {
    let _ = VERBOSITY.set(match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (false, true) => Verbosity::Verbose,
        (false, false) => Verbosity::Normal,
    });
    match cli.command {
        Command::Show(args) => show::run(args),
        Command::Gaps(args) => findings::gaps(args),
        Command::Plan(args) => findings::plan(args),
        Command::Capture(args) => capture::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Restore(args) => restore::run(args),
        Command::Track(args) => track::run(args),
        Command::Fetch(args) => fetch::run(args),
        Command::Apply(args) => apply::run(args),
        Command::Textconv(args) => textconv::run(args),
        Command::VerifyUpdate(args) => verify_update::run(args),
        Command::Completions(args) => generated::completions(args),
        Command::Man(args) => generated::man(args),
        Command::Rule(args) => rule::run(args),
        Command::Schema(args) => schema::run(args),
    }
}

/// The captures of one appliance; shared by every subcommand that reads them.
#[derive(Args)]
struct Inputs {
    /// Capture files or directories of one appliance (CLI logs, transcripts, exports,
    /// capture folders); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    read: ReadFlags,
}

/// How inputs are read.
#[derive(Args)]
struct ReadFlags {
    /// Read the inputs in this encoding instead of detecting it (utf-8, shift_jis, euc-jp, ...).
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Read the inputs as this kind instead of detecting it from their content.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    /// An interactive CLI session log.
    Cli,
    /// An admin-protocol (port 10143) transcript.
    Protocol,
    /// A configuration export: a command script.
    Export,
}

impl Inputs {
    fn options(&self) -> Result<ReadOptions, Error> {
        self.read.options()
    }
}

impl ReadFlags {
    fn options(&self) -> Result<ReadOptions, Error> {
        let kind = self.kind.map(|k| match k {
            KindArg::Cli => SourceKind::CliLog,
            KindArg::Protocol => SourceKind::Protocol,
            KindArg::Export => SourceKind::Export,
        });
        Ok(ReadOptions {
            encoding: encoding(self.encoding.as_deref())?,
            kind,
            part_size: 0,
            answer_part: 0,
            shown_as: None,
        })
    }
}

/// The encoding a `--encoding` label names.
fn encoding(label: Option<&str>) -> Result<Option<&'static encoding_rs::Encoding>, Error> {
    label
        .map(|label| {
            encoding_for_label(label).ok_or_else(|| {
                Error::usage(carryover::message!("usage-unknown-encoding", label = label))
            })
        })
        .transpose()
}

fn parse_version(text: &str) -> Result<Version, String> {
    Version::parse(text).ok_or_else(|| {
        carryover::render::message::words(&carryover::message!("usage-not-a-version", text = text))
    })
}

/// Whether a report for people is coloured; defined once for every subcommand that colours.
#[derive(Args)]
struct Color {
    /// Colour: auto (on a terminal, unless NO_COLOR is set or CLICOLOR_FORCE asks for it),
    /// always or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// On a terminal, as anstream decides from the terminal and NO_COLOR, CLICOLOR and
    /// CLICOLOR_FORCE.
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

impl Color {
    /// Whether to colour what goes to `output`: a file never, unless asked for always.
    fn on(&self, output: &Output) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                output.file().is_none()
                    && anstream::AutoStream::choice(&std::io::stdout())
                        != anstream::ColorChoice::Never
            }
        }
    }

    /// Whether colour was asked for whatever the output.
    fn always(&self) -> bool {
        self.color == ColorChoice::Always
    }
}

/// Where a subcommand's data goes: standard output, or a file written atomically.
#[derive(Args)]
struct Output {
    /// Write to FILE instead of standard output (`-`: standard output). The file is replaced
    /// atomically: a failed run leaves it as it was.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

impl Output {
    /// The file named, unless it is standard output.
    fn file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|p| !is_stdin(p))
    }

    /// Writes `text` to the file named, atomically, or to standard output. A `private` file
    /// (one holding secrets) is readable by its owner only.
    fn write(&self, text: &str, private: bool) -> Result<(), Error> {
        carryover::write::output(self.file(), text.as_bytes(), private)
    }

    /// Refuses, before anything is read, a file that is one of the captures `inputs` names:
    /// writing it would lose the capture.
    fn refuse_to_overwrite(&self, inputs: &[&[PathBuf]]) -> Result<(), Error> {
        carryover::commands::refuse_to_overwrite(self.file().into_iter(), inputs)
    }
}

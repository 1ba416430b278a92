//! `carryover diff`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::diff::{diff, Acceptance, DiffFormat, Outcome, Request, Side};
use carryover::render::diff as show;
use carryover::render::notice::line;

use super::{notify, verbosity, Color, Output, ReadFlags};

#[derive(Args)]
pub struct DiffArgs {
    /// OLD and NEW, each a file or directory (`-`: standard input, for one of them); or the
    /// seven arguments git gives an external diff.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// A capture of the old side (repeat for several files).
    #[arg(long, value_name = "PATH", conflicts_with = "paths")]
    old: Vec<PathBuf>,
    /// A capture of the new side (repeat for several files).
    #[arg(long, value_name = "PATH", conflicts_with = "paths", requires = "old")]
    new: Vec<PathBuf>,
    #[command(flatten)]
    read: ReadFlags,
    /// The output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    #[command(flatten)]
    output: Output,
    /// Only the counts per area (human, markdown or json).
    #[arg(long)]
    stat: bool,
    /// Leave out items whose path matches this glob (repeatable), e.g. 'lists/*/blacklist/*'.
    #[arg(long, value_name = "PATTERN")]
    ignore: Vec<String>,
    /// Label each difference by the rules for the two captures' versions, with the rule's id:
    /// expected (the release changes it), applied (what the plan told you to do), lost (a
    /// known issue predicts it; restore --against writes it back), unexplained, or accepted.
    /// The exit status then says whether anything lost, unexplained or not compared remains
    #[arg(long)]
    explain: bool,
    /// With --explain: accept the differences of a rule, or of an item path glob or name, with
    /// your reason (repeatable), e.g. 'MOS-4.2.3-KI-5=set by hand' or 'smtp.fastpath=on by design'
    #[arg(long, value_name = "RULE|PATH=REASON", requires = "explain")]
    accept: Vec<String>,
    /// Show the values of changed secrets (private keys, passwords, session ids, API tokens)
    /// instead of `<secret>`; a file named by -o is then readable by its owner only.
    #[arg(long)]
    show_secrets: bool,
    #[command(flatten)]
    color: Color,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// One line per difference, coloured on a terminal.
    Human,
    /// A unified diff of the two canonical texts.
    Unified,
    /// A Markdown table, for a review comment.
    Markdown,
    /// JSON with `format_version`, as `carryover schema diff` describes it.
    Json,
    /// SARIF 2.1.0, one result per difference (with --explain).
    Sarif,
    /// GitHub Actions workflow commands, one annotation per difference (with --explain).
    Github,
}

/// The two sides of a diff, and how to label them.
fn sides(args: &DiffArgs) -> Result<(Side, Side), Error> {
    let side = |paths: Vec<PathBuf>, label: Option<String>| {
        let label = label.unwrap_or_else(|| {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            names.join(",")
        });
        Side {
            paths,
            label,
            shown_as: None,
        }
    };
    match args.paths.as_slice() {
        [] if !args.old.is_empty() && !args.new.is_empty() => {
            Ok((side(args.old.clone(), None), side(args.new.clone(), None)))
        }
        [old, new] => Ok((side(vec![old.clone()], None), side(vec![new.clone()], None))),
        // git's external diff: path old-file old-hex old-mode new-file new-hex new-mode
        [path, old, _, _, new, _, _] => {
            // git hands over temporary copies: evidence and messages name the file git names.
            let name = path.display().to_string();
            let mut a = side(vec![old.clone()], Some(format!("a/{name}")));
            let mut b = side(vec![new.clone()], Some(format!("b/{name}")));
            a.shown_as = Some(name.clone());
            b.shown_as = Some(name);
            Ok((a, b))
        }
        _ => Err(Error::usage(carryover::message!("usage-diff-arguments"))),
    }
}

/// `--accept TARGET=REASON`, each read.
fn acceptances(given: &[String]) -> Result<Vec<Acceptance>, Error> {
    given
        .iter()
        .map(|text| {
            Acceptance::parse(text)
                .ok_or_else(|| Error::usage(carryover::message!("usage-diff-accept", given = text)))
        })
        .collect()
}

pub fn run(args: DiffArgs) -> Result<u8, Error> {
    if args.color.always() && !matches!(args.format, FormatArg::Human) {
        return Err(Error::usage(carryover::message!(
            "usage-diff-color-format-conflict"
        )));
    }
    let (old, new) = sides(&args)?;
    args.output.refuse_to_overwrite(&[&old.paths, &new.paths])?;
    let git_external = args.paths.len() == 7;
    let color = args.color.on(&args.output);
    let request = Request {
        read: args.read.options()?,
        format: match args.format {
            FormatArg::Human => DiffFormat::Human,
            FormatArg::Unified => DiffFormat::Unified,
            FormatArg::Markdown => DiffFormat::Markdown,
            FormatArg::Json => DiffFormat::Json,
            FormatArg::Sarif => DiffFormat::Sarif,
            FormatArg::Github => DiffFormat::Github,
        },
        stat: args.stat,
        ignore: args.ignore.clone(),
        show_secrets: args.show_secrets,
        color,
        git_header: git_external.then(|| args.paths[0].display().to_string()),
        explain: args.explain,
        accept: acceptances(&args.accept)?,
    };
    let report = match diff(&old, &new, &request)? {
        Outcome::Compared(report) => report,
        // git hands over every file under `diff.external`: one that is no capture gets a plain
        // diff and a short note, never advice to change it (why is no news for a README).
        Outcome::AsText { texts } => {
            let path = args.paths[0].display().to_string();
            let said = carryover::message!("git-no-capture-plain-diff", path = &path);
            notify(&line(&said));
            args.output
                .write(&show::plain_text(&path, &old, &new, &texts), false)?;
            return Ok(0);
        }
    };
    notify(&show::diagnostics(&report, verbosity()));
    if request.format == DiffFormat::Unified {
        notify(&show::secrets_unified_hides(&report.comparison));
    }
    let text = show::report(&report, &old, &new, &request);
    args.output.write(&text, args.show_secrets)?;
    // git takes any non-zero status from an external diff for a crash.
    Ok(u8::from(report.different && !git_external))
}

//! `carryover fetch`.

use std::collections::HashMap;
use std::fmt::Write;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::base::text::sanitize as one_line;
use carryover::commands::fetch::{commit, fetch_all, Job};
use carryover::fetch::inventory::{self, CredentialRef};
use carryover::fetch::{
    secret_from_env, secret_from_file, Outcome, Secret, Status, Target, TlsOptions,
};
use carryover::render;
use carryover::vendors::{self, Login, SecretKind, Vendor};

use carryover::capture::ReadOptions;

use super::Output;

#[derive(Args)]
pub struct FetchArgs {
    /// Appliances to fetch from: host names or addresses.
    #[arg(value_name = "HOST", required_unless_present = "inventory")]
    hosts: Vec<String>,
    /// A CSV of appliances, `host,vendor,port,user,credential-ref` (credential-ref:
    /// `env:NAME` or `file:PATH`, never the credential itself).
    #[arg(long, value_name = "FILE", conflicts_with = "hosts")]
    inventory: Option<PathBuf>,
    /// The folder to write each appliance's capture into.
    #[arg(long, value_name = "DIR")]
    into: PathBuf,
    #[arg(long, help = VENDOR_HELP, value_parser = super::capture::vendor_values())]
    vendor: Option<String>,
    #[arg(long, value_name = "N", help = port_help(), value_parser = clap::value_parser!(u16).range(1..))]
    port: Option<u16>,
    /// Talk in the clear instead of TLS: the password crosses the network readable.
    #[arg(long)]
    plaintext: bool,
    #[arg(long, value_name = "NAME", help = login_help("The user to log in as", |l| l.user))]
    user: Option<String>,
    #[arg(long, value_name = "VAR", conflicts_with = "password_file", help = secret_help(
        SecretKind::Password,
        "from this environment variable"
    ))]
    password_env: Option<String>,
    #[arg(long, value_name = "FILE", help = secret_help(
        SecretKind::Password,
        "from the first line of this file, which only its owner may read"
    ))]
    password_file: Option<PathBuf>,
    #[arg(long, value_name = "VAR", help = secret_help(
        SecretKind::ApiToken,
        "from this environment variable"
    ))]
    token_env: Option<String>,
    /// Seconds to wait to connect, and for each read.
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = seconds)]
    timeout: Duration,
    /// How many appliances to fetch from at a time.
    #[arg(long, value_name = "N", default_value = "8", value_parser = clap::value_parser!(u16).range(1..=256))]
    jobs: u16,
    /// PEM certificates to trust besides the built-in roots: the appliance's own
    /// self-signed certificate, or your CA's.
    #[arg(long, value_name = "FILE")]
    ca: Option<PathBuf>,
    /// Accept any certificate. Anyone on the path can then read the password; warned about
    /// on every run.
    #[arg(long, conflicts_with = "ca")]
    insecure: bool,
    /// Then track the captures into this repository, as `track DIR --into REPO` does.
    #[arg(long, value_name = "REPO")]
    track: Option<PathBuf>,
    /// Then commit what changed in the repository with git; no change, no commit.
    #[arg(long, requires = "track")]
    commit: bool,
    /// The report's format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    #[command(flatten)]
    output: Output,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// A line per appliance, then what was tracked and committed, then the summary line, last.
    Human,
    /// JSON with `format_version`, as `docs/schema/fetch.schema.json` describes it.
    Json,
}

const VENDOR_HELP: &str = "The vendor of appliances the inventory gives none for. Without it, \
     the vendor is the one whose login the credential flags given fit (--user, a password, \
     a token)";

/// The vendors users see that can be fetched from, with their fetchers.
fn fetchers() -> Vec<(&'static dyn Vendor, &'static dyn vendors::Fetch)> {
    vendors::shown()
        .into_iter()
        .filter_map(|v| v.fetch().map(|f| (v, f)))
        .collect()
}

/// `what (Mirapoint MOS)`: the vendors whose login takes it, from the registry.
fn login_help(what: &str, takes: impl Fn(Login) -> bool) -> String {
    let titles: Vec<&str> = fetchers()
        .into_iter()
        .filter(|(_, f)| takes(f.login()))
        .map(|(v, _)| v.title())
        .collect();
    match titles.is_empty() {
        true => format!("{what} (no vendor takes it)"),
        false => format!("{what} ({})", titles.join(", ")),
    }
}

/// `Read the password (Mirapoint MOS) from ...`.
fn secret_help(kind: SecretKind, from: &str) -> String {
    let what = format!("Read the {}", kind.name());
    format!("{} {from}", login_help(&what, |l| l.secret == kind))
}

/// The port flag's help, with each vendor's default ports.
fn port_help() -> String {
    let ports: Vec<String> = fetchers()
        .into_iter()
        .map(|(v, f)| {
            format!(
                "{}: {} with TLS, {} plaintext",
                v.title(),
                f.default_port(false),
                f.default_port(true)
            )
        })
        .collect();
    format!(
        "The port, when not the vendor's default ({})",
        ports.join("; ")
    )
}

/// The flags that give a secret of `kind`.
fn secret_flags(kind: SecretKind) -> &'static str {
    match kind {
        SecretKind::Password => "--password-env or --password-file",
        SecretKind::ApiToken => "--token-env",
    }
}

fn seconds(text: &str) -> Result<Duration, String> {
    let s: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !(0.05..=3600.0).contains(&s) {
        return Err("between 0.05 and 3600 seconds".into());
    }
    Ok(Duration::from_secs_f64(s))
}

pub fn run(args: FetchArgs) -> Result<u8, Error> {
    if args.insecure {
        eprintln!(
            "warning: --insecure: certificates are not checked, so whoever answers in the \
             appliance's place gets the password or token"
        );
    }
    if args.plaintext {
        eprintln!("warning: --plaintext: the password or token crosses the network unencrypted");
    }
    if let Some(repo) = &args.track {
        refuse_repo_inside_captures(&args.into, repo)?;
    }
    let fleet = jobs(&args)?;
    let bar = progress(fleet.len());
    let done = |_: &Outcome| bar.inc(1);
    let outcomes = fetch_all(&fleet, &args.into, usize::from(args.jobs), &done)?;
    bar.finish_and_clear();
    for outcome in &outcomes {
        if let Status::Failed { error } = &outcome.result {
            let host = match outcome.port {
                Some(port) => format!("{}:{port}", outcome.host),
                None => outcome.host.clone(),
            };
            eprintln!("{}: error: {error}", one_line(&host));
        }
    }
    // What goes wrong after fetching is said, and the report is still written: a cron job's
    // report must not be last night's.
    let mut later_failed = false;
    let tracked = match &args.track {
        Some(repo) => {
            match carryover::commands::track::track(
                &args.into,
                repo,
                &ReadOptions::default(),
                &|| {},
            ) {
                Ok(report) => {
                    eprint!("{}", carryover::render::track::failures(&report));
                    later_failed |= !report.failures.is_empty();
                    Some(report)
                }
                Err(e) => {
                    eprintln!("carryover: --track: {e}");
                    later_failed = true;
                    None
                }
            }
        }
        None => None,
    };
    let committed = match (&args.track, args.commit) {
        (Some(repo), true) => match commit(repo) {
            Ok(committed) => Some(committed),
            Err(e) => {
                eprintln!("carryover: --commit: {e}");
                later_failed = true;
                None
            }
        },
        _ => None,
    };
    let text = match args.format {
        FormatArg::Human => human(&outcomes, tracked.as_ref(), committed.as_ref()),
        FormatArg::Json => render::fetch::json(&outcomes, tracked.as_ref(), committed.as_ref()),
    };
    args.output.write(&text, false)?;
    let failed = outcomes.iter().any(|o| !o.is_fetched()) || later_failed;
    Ok(if failed { 2 } else { 0 })
}

/// The repository must not be inside the captures' folder, nor the captures inside the
/// repository: `track` would read its own output, or skip the captures.
fn refuse_repo_inside_captures(
    into: &std::path::Path,
    repo: &std::path::Path,
) -> Result<(), Error> {
    let canonical = |p: &std::path::Path| {
        std::fs::create_dir_all(p)
            .and_then(|_| p.canonicalize())
            .map_err(|e| Error::io(p.display().to_string(), e))
    };
    let (into_c, repo_c) = (canonical(into)?, canonical(repo)?);
    if into_c.starts_with(&repo_c) || repo_c.starts_with(&into_c) {
        return Err(Error::usage(format!(
            "--into {} and --track {} must be separate folders: neither inside the other",
            into.display(),
            repo.display()
        )));
    }
    Ok(())
}

/// Every appliance to fetch, with its vendor and credentials, checked before any is fetched.
fn jobs(args: &FetchArgs) -> Result<Vec<Job>, Error> {
    let entries = match &args.inventory {
        Some(path) => inventory::read(path)?,
        None => args
            .hosts
            .iter()
            .map(|host| inventory::host(host))
            .collect::<Result<Vec<_>, _>>()?,
    };
    let tls = TlsOptions {
        plaintext: args.plaintext,
        ca: args.ca.clone(),
        insecure: args.insecure,
    };
    // An inventory's line, as its other errors name it.
    let at_line = |entry: &inventory::Entry, e: Error| match &args.inventory {
        Some(path) => Error::usage(format!("{}:{}: {e}", path.display(), entry.line)),
        None => e,
    };
    let mut chosen = Vec::new();
    for entry in &entries {
        chosen.push(vendor_of(args, entry).map_err(|e| at_line(entry, e))?);
    }
    // Before any secret is read or asked for.
    refuse_unused_flags(args, &chosen)?;
    let mut asked: HashMap<(String, String), Secret> = HashMap::new();
    let mut fleet = Vec::new();
    for (entry, vendor) in entries.iter().zip(chosen) {
        let job = job(args, &tls, entry, vendor, &mut asked).map_err(|e| at_line(entry, e))?;
        fleet.push(job);
    }
    Ok(fleet)
}

/// The credential flags given, as `(flag, what it gives)`.
fn credential_flags(args: &FetchArgs) -> Vec<(&'static str, Option<SecretKind>)> {
    let given = [
        ("--user", args.user.is_some(), None),
        (
            "--password-env",
            args.password_env.is_some(),
            Some(SecretKind::Password),
        ),
        (
            "--password-file",
            args.password_file.is_some(),
            Some(SecretKind::Password),
        ),
        (
            "--token-env",
            args.token_env.is_some(),
            Some(SecretKind::ApiToken),
        ),
    ];
    given
        .into_iter()
        .filter(|(_, given, _)| *given)
        .map(|(flag, _, kind)| (flag, kind))
        .collect()
}

/// Whether a login takes what a credential flag gives (`None`: a user).
fn takes(login: Login, kind: Option<SecretKind>) -> bool {
    kind.map_or(login.user, |kind| login.secret == kind)
}

/// A credential flag no appliance of the run takes would be ignored in silence: refused.
fn refuse_unused_flags(args: &FetchArgs, chosen: &[&'static dyn Vendor]) -> Result<(), Error> {
    let logins: Vec<(&dyn Vendor, Login)> = chosen
        .iter()
        .filter_map(|v| Some((*v, v.fetch()?.login())))
        .collect();
    if logins.len() < chosen.len() {
        // A vendor that cannot be fetched from is said so, appliance by appliance.
        return Ok(());
    }
    for (flag, kind) in credential_flags(args) {
        if logins.iter().any(|(_, login)| takes(*login, kind)) {
            continue;
        }
        let wanted: Vec<String> = logins
            .iter()
            .map(|(v, login)| {
                let user = if login.user { "--user and " } else { "" };
                format!("{} takes {user}{}", v.title(), secret_flags(login.secret))
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        return Err(Error::usage(format!(
            "{flag} is taken by none of the appliances to fetch: {}",
            wanted.join("; ")
        )));
    }
    Ok(())
}

/// The vendor of one appliance: the inventory's column, else `--vendor`, else the one vendor
/// users see whose login fits the credentials given. Never a default by position.
fn vendor_of(args: &FetchArgs, entry: &inventory::Entry) -> Result<&'static dyn Vendor, Error> {
    if let Some(name) = entry.vendor.as_deref().or(args.vendor.as_deref()) {
        return vendors::by_name(name).ok_or_else(|| {
            Error::usage(format!(
                "{}: no vendor `{}` is known ({})",
                entry.host,
                one_line(name),
                vendors::shown_ids()
            ))
        });
    }
    let mut evidence = credential_flags(args);
    if entry.user.is_some() {
        evidence.push(("the inventory's user", None));
    }
    let fitting: Vec<&'static dyn Vendor> = fetchers()
        .into_iter()
        .filter(|(_, f)| evidence.iter().all(|(_, kind)| takes(f.login(), *kind)))
        .map(|(v, _)| v)
        .collect();
    let why = match fitting.as_slice() {
        [vendor] if !evidence.is_empty() => return Ok(*vendor),
        [] => {
            let given: Vec<&str> = evidence.iter().map(|(flag, _)| *flag).collect();
            format!("no vendor's login takes {} together", given.join(" and "))
        }
        _ => "the credentials given do not tell".to_string(),
    };
    let column = match args.inventory {
        Some(_) => " or the inventory's vendor column",
        None => "",
    };
    Err(Error::usage(format!(
        "{}: which vendor? {why}: give --vendor ({}){column}",
        entry.host,
        vendors::shown_ids(),
    )))
}

/// One appliance to fetch, with its vendor and credentials.
fn job(
    args: &FetchArgs,
    tls: &TlsOptions,
    entry: &inventory::Entry,
    vendor: &'static dyn Vendor,
    asked: &mut HashMap<(String, String), Secret>,
) -> Result<Job, Error> {
    let fetcher = vendor.fetch().ok_or_else(|| {
        Error::usage(format!(
            "carryover cannot fetch from {} appliances",
            vendor.title()
        ))
    })?;
    let login = fetcher.login();
    let user = entry.user.clone().or_else(|| args.user.clone());
    if login.user && user.is_none() {
        return Err(Error::usage(format!(
            "{}: no user to log in as: give --user, or the inventory's user column",
            entry.host
        )));
    }
    let secret = match &entry.credential {
        Some(CredentialRef::Env(var)) => secret_from_env(var)?,
        Some(CredentialRef::File(path)) => secret_from_file(path)?,
        None => match secret_from_flags(args, login.secret)? {
            Some(secret) => secret,
            None => {
                let key = (vendor.id().to_string(), user.clone().unwrap_or_default());
                match asked.get(&key) {
                    Some(secret) => secret.clone(),
                    None => {
                        let secret = prompt(vendor, login.secret, &entry.host, user.as_deref())?;
                        asked.insert(key, secret.clone());
                        secret
                    }
                }
            }
        },
    };
    Ok(Job {
        vendor,
        target: Target {
            host: entry.host.clone(),
            port: entry.port.or(args.port),
            user,
            secret: Some(secret),
            tls: tls.clone(),
            timeout: args.timeout,
        },
    })
}

/// The secret of `kind` the flags give, if they give one.
fn secret_from_flags(args: &FetchArgs, kind: SecretKind) -> Result<Option<Secret>, Error> {
    Ok(match kind {
        SecretKind::Password => match (&args.password_env, &args.password_file) {
            (Some(var), _) => Some(secret_from_env(var)?),
            (None, Some(path)) => Some(secret_from_file(path)?),
            (None, None) => None,
        },
        SecretKind::ApiToken => args.token_env.as_deref().map(secret_from_env).transpose()?,
    })
}

/// Asks for a secret on the terminal, once per vendor and user; never echoed.
fn prompt(
    vendor: &dyn Vendor,
    kind: SecretKind,
    host: &str,
    user: Option<&str>,
) -> Result<Secret, Error> {
    let (what, flags) = (kind.name(), secret_flags(kind));
    if !std::io::stdin().is_terminal() {
        return Err(Error::usage(format!(
            "{host}: no {what} given: use {flags}, or a credential reference in the inventory"
        )));
    }
    let whom = match user {
        Some(user) => format!("{user} on {} appliances", vendor.title()),
        None => format!("{} appliances", vendor.title()),
    };
    let text = rpassword::prompt_password(format!("{what} for {whom}: "))
        .map_err(|e| Error::usage(format!("cannot read the {what}: {e}")))?;
    if text.is_empty() {
        return Err(Error::usage(format!("no {what} given")));
    }
    Ok(Secret::new(text))
}

fn progress(total: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} appliances {elapsed}")
            .expect("the template is valid"),
    );
    bar
}

/// A line per appliance, what was tracked and committed, and the summary last.
fn human(
    outcomes: &[Outcome],
    tracked: Option<&carryover::commands::track::Report>,
    committed: Option<&carryover::fetch::Committed>,
) -> String {
    let mut out = String::new();
    let mut missing = 0;
    for outcome in outcomes {
        let host = one_line(&outcome.host);
        match &outcome.result {
            Status::Fetched {
                path,
                lines,
                not_understood,
                not_captured,
                ..
            } => {
                let _ = writeln!(
                    out,
                    "fetched {host} into {}: {lines} lines, {not_understood} not understood, {} not captured",
                    one_line(path),
                    not_captured.len()
                );
                for what in not_captured {
                    let _ = writeln!(out, "  not captured: {what}");
                }
                missing += not_captured.len();
            }
            // Said on standard error as it happened, as every error is.
            Status::Failed { .. } => {}
        }
    }
    if let Some(report) = tracked {
        for path in &report.written {
            let _ = writeln!(out, "tracked {}", one_line(&path.display().to_string()));
        }
        let _ = writeln!(
            out,
            "track: {} written, {} unchanged, {} failed",
            report.written.len(),
            report.unchanged,
            report.failures.len()
        );
    }
    match committed {
        Some(c) if c.message.is_empty() => {
            let _ = writeln!(out, "commit: nothing changed, no commit made");
        }
        Some(c) => {
            let _ = writeln!(out, "committed: {}", c.message.lines().next().unwrap_or(""));
        }
        None => {}
    }
    let fetched = outcomes.iter().filter(|o| o.is_fetched()).count();
    let _ = writeln!(
        out,
        "fetch: {fetched} of {} appliance(s) fetched, {} failed; {missing} command(s) or call(s) not captured",
        outcomes.len(),
        outcomes.len() - fetched
    );
    out
}

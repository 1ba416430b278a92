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
use carryover::vendors::{self, Vendor, REGISTRY};

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
    /// The vendor of appliances whose vendor is not given in the inventory [default: mirapoint-mos].
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(REGISTRY.iter().map(|v| v.id().name())))]
    vendor: Option<String>,
    /// The port, when not the vendor's default (MOS: 10243 with TLS, 10143 plaintext;
    /// SpamTitan: 443, 80 plaintext).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    port: Option<u16>,
    /// Talk in the clear instead of TLS: the password crosses the network readable.
    #[arg(long)]
    plaintext: bool,
    /// The user to log in as (MOS).
    #[arg(long, value_name = "NAME")]
    user: Option<String>,
    /// Read the password (MOS) from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with = "password_file")]
    password_env: Option<String>,
    /// Read the password (MOS) from the first line of this file, which only its owner may read.
    #[arg(long, value_name = "FILE")]
    password_file: Option<PathBuf>,
    /// Read the REST API token (SpamTitan) from this environment variable.
    #[arg(long, value_name = "VAR")]
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
                    for (path, why) in &report.failures {
                        eprintln!(
                            "{}: error: {}",
                            one_line(&path.display().to_string()),
                            one_line(why)
                        );
                    }
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
        return Err(Error::Usage(format!(
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
    let mut asked: HashMap<(String, String), Secret> = HashMap::new();
    let mut fleet = Vec::new();
    for entry in entries {
        let job = job(args, &tls, &entry, &mut asked).map_err(|e| match &args.inventory {
            // An inventory's line, as its other errors name it.
            Some(path) => Error::Usage(format!("{}:{}: {e}", path.display(), entry.line)),
            None => e,
        })?;
        fleet.push(job);
    }
    Ok(fleet)
}

/// One appliance to fetch, with its vendor and credentials.
fn job(
    args: &FetchArgs,
    tls: &TlsOptions,
    entry: &inventory::Entry,
    asked: &mut HashMap<(String, String), Secret>,
) -> Result<Job, Error> {
    {
        let name = entry.vendor.as_deref().or(args.vendor.as_deref());
        let vendor: &'static dyn Vendor = match name {
            Some(name) => vendors::by_name(name).ok_or_else(|| {
                Error::Usage(format!(
                    "{}: no vendor `{}` is known ({})",
                    entry.host,
                    one_line(name),
                    REGISTRY
                        .iter()
                        .map(|v| v.id().name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?,
            None => REGISTRY[0],
        };
        let fetcher = vendor.fetch().ok_or_else(|| {
            Error::Usage(format!(
                "carryover cannot fetch from {} appliances",
                vendor.title()
            ))
        })?;
        let user = entry.user.clone().or_else(|| args.user.clone());
        if fetcher.needs_user() && user.is_none() {
            return Err(Error::Usage(format!(
                "{}: no user to log in as: give --user, or the inventory's user column",
                entry.host
            )));
        }
        let secret = match &entry.credential {
            Some(CredentialRef::Env(var)) => secret_from_env(var)?,
            Some(CredentialRef::File(path)) => secret_from_file(path)?,
            None => {
                let flag = if fetcher.needs_user() {
                    match (&args.password_env, &args.password_file) {
                        (Some(var), _) => Some(secret_from_env(var)?),
                        (None, Some(path)) => Some(secret_from_file(path)?),
                        (None, None) => None,
                    }
                } else {
                    args.token_env.as_deref().map(secret_from_env).transpose()?
                };
                match flag {
                    Some(secret) => secret,
                    None => {
                        let key = (vendor.id().to_string(), user.clone().unwrap_or_default());
                        match asked.get(&key) {
                            Some(secret) => secret.clone(),
                            None => {
                                let secret = prompt(
                                    vendor,
                                    fetcher.secret_name(),
                                    &entry.host,
                                    user.as_deref(),
                                )?;
                                asked.insert(key, secret.clone());
                                secret
                            }
                        }
                    }
                }
            }
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
}

/// Asks for a secret on the terminal, once per vendor and user; never echoed.
fn prompt(
    vendor: &dyn Vendor,
    what: &'static str,
    host: &str,
    user: Option<&str>,
) -> Result<Secret, Error> {
    let flags = if what == "password" {
        "--password-env or --password-file"
    } else {
        "--token-env"
    };
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(format!(
            "{host}: no {what} given: use {flags}, or a credential reference in the inventory"
        )));
    }
    let whom = match user {
        Some(user) => format!("{user} on {} appliances", vendor.title()),
        None => format!("{} appliances", vendor.title()),
    };
    let text = rpassword::prompt_password(format!("{what} for {whom}: "))
        .map_err(|e| Error::Usage(format!("cannot read the {what}: {e}")))?;
    if text.is_empty() {
        return Err(Error::Usage(format!("no {what} given")));
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

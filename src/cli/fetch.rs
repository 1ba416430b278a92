//! `carryover fetch`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::base::message::Message;
use carryover::commands::fetch::{fetch, fetchers, secret_kind, Ask, Credentials, Hooks, Request};
use carryover::commands::request::{CredentialRef, Outcome, Secret, TlsOptions};
use carryover::commands::request::{Login, SecretKind};
use carryover::message;
use carryover::render;
use carryover::render::message::words;

use super::{notify, Output};

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
    #[arg(long, value_name = "NAME", help = login_help())]
    user: Option<String>,
    #[arg(long, value_name = "VAR", conflicts_with = "password_file", help = secret_help(
        SecretKind::Password,
        message!("fetch-help-from-env")
    ))]
    password_env: Option<String>,
    #[arg(long, value_name = "FILE", help = secret_help(
        SecretKind::Password,
        message!("fetch-help-from-file")
    ))]
    password_file: Option<PathBuf>,
    #[arg(long, value_name = "VAR", help = secret_help(
        SecretKind::ApiToken,
        message!("fetch-help-from-env")
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
    /// How much to read.
    #[arg(long, value_enum, default_value = "full")]
    profile: super::capture::ProfileArg,
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
    /// JSON with `format_version`, as `carryover schema fetch` describes it.
    Json,
}

impl FetchArgs {
    /// The flags as a request. The secrets are read by the command, each only if an
    /// appliance needs it.
    fn request(&self) -> Request {
        let password = match (&self.password_env, &self.password_file) {
            (Some(var), _) => Some(CredentialRef::Env(var.clone())),
            (None, Some(path)) => Some(CredentialRef::File(path.clone())),
            (None, None) => None,
        };
        Request {
            hosts: self.hosts.clone(),
            inventory: self.inventory.clone(),
            into: self.into.clone(),
            vendor: self.vendor.clone(),
            port: self.port,
            tls: TlsOptions {
                plaintext: self.plaintext,
                ca: self.ca.clone(),
                insecure: self.insecure,
            },
            credentials: Credentials {
                user: self.user.clone(),
                password,
                token_env: self.token_env.clone(),
            },
            timeout: self.timeout,
            jobs: usize::from(self.jobs),
            track: self.track.clone(),
            commit: self.commit,
            profile: self.profile.into(),
        }
    }
}

const VENDOR_HELP: &str = "The vendor of appliances the inventory gives none for. Without it, \
     the vendor is the one whose login the credential flags given fit (--user, a password, \
     a token)";

/// `what (Mirapoint MOS)`: the vendors whose login takes it, from the registry.
fn taken_by(what: Message, takes: impl Fn(Login) -> bool) -> Message {
    let titles: Vec<&str> = fetchers()
        .into_iter()
        .filter(|(_, f)| takes(f.login()))
        .map(|(v, _)| v.title())
        .collect();
    match titles.is_empty() {
        true => message!("fetch-help-taken-by-none", what = what),
        false => message!(
            "fetch-help-taken-by",
            what = what,
            vendors = titles.join(", ")
        ),
    }
}

/// `The user to log in as (Mirapoint MOS)`.
fn login_help() -> String {
    words(&taken_by(message!("fetch-help-user"), |l| l.user))
}

/// `Read the password (Mirapoint MOS) from ...`.
fn secret_help(kind: SecretKind, from: Message) -> String {
    let what = message!("fetch-help-secret", kind = secret_kind(kind));
    let secret = taken_by(what, |l| l.secret == kind);
    words(&message!(
        "fetch-help-secret-from",
        secret = secret,
        from = from
    ))
}

/// The port flag's help, with each vendor's default ports.
fn port_help() -> String {
    let ports: Vec<String> = fetchers()
        .into_iter()
        .map(|(v, f)| {
            words(&message!(
                "fetch-help-port-of",
                vendor = v.title(),
                tls = f.default_port(false),
                plaintext = f.default_port(true)
            ))
        })
        .collect();
    words(&message!("fetch-help-port", ports = ports.join("; ")))
}

fn seconds(text: &str) -> Result<Duration, String> {
    let s: f64 = text
        .parse()
        .map_err(|_| words(&message!("fetch-seconds-not-a-number", text = text)))?;
    if !(0.05..=3600.0).contains(&s) {
        return Err(words(&message!("fetch-seconds-range")));
    }
    Ok(Duration::from_secs_f64(s))
}

pub fn run(args: FetchArgs) -> Result<u8, Error> {
    let request = args.request();
    // Made once the appliances are known: after any secret is asked for.
    let bar = OnceLock::new();
    let fetched = fetch(
        &request,
        &mut Hooks {
            warn: &|warning| notify(&render::fetch::warning(warning)),
            ask: &mut prompt,
            start: &|total| {
                let _ = bar.set(progress(total));
            },
            done: &|_: &Outcome| bar.get().into_iter().for_each(|b| b.inc(1)),
            commit_message: &render::track::commit_message,
        },
    );
    bar.get().into_iter().for_each(|b| b.finish_and_clear());
    let report = match fetched {
        Ok(report) => report,
        // A cron job's report must not be last night's: the error is in it, then stops the run.
        Err(error) if matches!(args.format, FormatArg::Json) => {
            args.output
                .write(&render::fetch::json_of_stopped(&error), false)?;
            return Err(error);
        }
        Err(error) => return Err(error),
    };
    eprint!("{}", render::fetch::problems(&report));
    let text = match args.format {
        FormatArg::Human => render::fetch::human(&report),
        FormatArg::Json => render::fetch::json(&report),
    };
    args.output.write(&text, false)?;
    Ok(report.status())
}

/// Asks for a secret on the terminal, once per vendor and user; never echoed.
fn prompt(ask: &Ask<'_>) -> Result<Secret, Error> {
    let kind = secret_kind(ask.kind);
    if !std::io::stdin().is_terminal() {
        return Err(Error::usage(message!(
            "usage-fetch-no-secret-given-not-terminal",
            host = ask.host,
            kind = kind
        )));
    }
    let vendor = ask.vendor.title();
    let question = match ask.user {
        Some(user) => message!(
            "fetch-prompt-user",
            kind = kind,
            user = user,
            vendor = vendor
        ),
        None => message!("fetch-prompt", kind = kind, vendor = vendor),
    };
    let text = rpassword::prompt_password(format!("{} ", words(&question))).map_err(|e| {
        Error::usage(message!(
            "fetch-prompt-failed",
            kind = kind,
            reason = e.to_string()
        ))
    })?;
    if text.is_empty() {
        return Err(Error::usage(message!(
            "usage-fetch-no-secret-given",
            kind = kind
        )));
    }
    Ok(Secret::new(text))
}

/// A bar on a terminal only.
fn progress(total: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    let unit = words(&message!("fetch-progress-unit"));
    let template = format!("{{bar:40}} {{pos}}/{{len}} {unit} {{elapsed}}");
    bar.set_style(
        indicatif::ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

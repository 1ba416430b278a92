//! `carryover fetch`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::OnceLock;

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::fetch::{fetch, secret_kind, Ask, Hooks, Request};
use carryover::commands::request::{Outcome, Secret};
use carryover::message;
use carryover::render;
use carryover::render::message::words;

use super::connection::ConnectionArgs;
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
    /// How many appliances to fetch from at a time.
    #[arg(long, value_name = "N", default_value = "8", value_parser = clap::value_parser!(u16).range(1..=256))]
    jobs: u16,
    #[command(flatten)]
    connection: ConnectionArgs,
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
        Request {
            hosts: self.hosts.clone(),
            inventory: self.inventory.clone(),
            into: self.into.clone(),
            vendor: self.vendor.clone(),
            port: self.connection.port,
            tls: self.connection.tls(),
            credentials: self.connection.credentials(),
            timeout: self.connection.timeout,
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
pub(super) fn prompt(ask: &Ask<'_>) -> Result<Secret, Error> {
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

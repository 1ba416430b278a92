//! How to reach and log in to an appliance: the flags `fetch` and `apply` share, defined once.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use carryover::base::message::Message;
use carryover::commands::fetch::{fetchers, secret_kind, Credentials};
use carryover::commands::request::{CredentialRef, Login, SecretKind, TlsOptions};
use carryover::message;
use carryover::render::message::words;

#[derive(Args, Clone)]
pub struct ConnectionArgs {
    #[arg(long, value_name = "N", help = port_help(), value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    /// Talk in the clear instead of TLS: the password crosses the network readable.
    #[arg(long)]
    pub plaintext: bool,
    #[arg(long, value_name = "NAME", help = login_help())]
    pub user: Option<String>,
    #[arg(long, value_name = "VAR", conflicts_with = "password_file", help = secret_help(
        SecretKind::Password,
        message!("fetch-help-from-env")
    ))]
    pub password_env: Option<String>,
    #[arg(long, value_name = "FILE", help = secret_help(
        SecretKind::Password,
        message!("fetch-help-from-file")
    ))]
    pub password_file: Option<PathBuf>,
    #[arg(long, value_name = "VAR", help = secret_help(
        SecretKind::ApiToken,
        message!("fetch-help-from-env")
    ))]
    pub token_env: Option<String>,
    /// Seconds to wait to connect, and for each read.
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = seconds)]
    pub timeout: Duration,
    /// PEM certificates to trust besides the built-in roots: the appliance's own
    /// self-signed certificate, or your CA's.
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
    /// Accept any certificate. Anyone on the path can then read the password; warned about
    /// on every run.
    #[arg(long, conflicts_with = "ca")]
    pub insecure: bool,
}

impl ConnectionArgs {
    /// TLS or not, and whom to trust.
    pub fn tls(&self) -> TlsOptions {
        TlsOptions {
            plaintext: self.plaintext,
            ca: self.ca.clone(),
            insecure: self.insecure,
        }
    }

    /// Where each secret is read, never the secret.
    pub fn credentials(&self) -> Credentials {
        let password = match (&self.password_env, &self.password_file) {
            (Some(var), _) => Some(CredentialRef::Env(var.clone())),
            (None, Some(path)) => Some(CredentialRef::File(path.clone())),
            (None, None) => None,
        };
        Credentials {
            user: self.user.clone(),
            password,
            token_env: self.token_env.clone(),
        }
    }
}

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

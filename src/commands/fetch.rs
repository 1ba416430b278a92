//! `fetch`: collect captures from a fleet of appliances, each with its vendor's fetcher, a
//! bounded number at a time; read each back as any capture is read, to say how much of it was
//! understood; then, if asked, track them into a repository and commit what changed.
//!
//! [`fetch`] takes the whole run: the appliances (named, or an inventory), each one's vendor
//! and credentials, the fleet, `--track` and `--commit`; it returns a typed [`Report`].

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;

use crate::base::error::{Error, Result};
use crate::base::message::{Arg, Message};
use crate::base::text::sanitize as one_line;
use crate::capture::ReadOptions;
use crate::fetch::inventory::{self, CredentialRef, Entry};
use crate::fetch::{
    error_message, io_message, map_text, secret_from_env, secret_from_file, Committed, Fetched,
    Outcome, Secret, Status, Target, TlsOptions,
};
use crate::message;
use crate::model::Config;
use crate::ops::capture_plan::{steps_in, CaptureSteps, Profile};
use crate::vendors::{self, Login, SecretKind, Vendor};

/// What `fetch` is asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    /// The appliances named, when there is no inventory.
    pub hosts: Vec<String>,
    /// A CSV of appliances, `host,vendor,port,user,credential-ref`.
    pub inventory: Option<PathBuf>,
    /// The folder to write each appliance's capture into.
    pub into: PathBuf,
    /// The vendor of appliances the inventory gives none for.
    pub vendor: Option<String>,
    /// The port, when not the vendor's default (an inventory's port comes first).
    pub port: Option<u16>,
    /// TLS or not, and which certificates to trust.
    pub tls: TlsOptions,
    /// The credentials the flags give.
    pub credentials: Credentials,
    /// How long to wait to connect, and for each read.
    pub timeout: Duration,
    /// How many appliances to fetch from at a time.
    pub jobs: usize,
    /// Then track the captures into this repository.
    pub track: Option<PathBuf>,
    /// Then commit what changed in the repository with git.
    pub commit: bool,
    /// Everything the vendor's catalog can read (the default), or what the rules need.
    pub profile: Profile,
}

/// The credentials given for every appliance: where each secret is read, never the secret.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// `--user`: the user to log in as.
    pub user: Option<String>,
    /// `--password-env` or `--password-file`: where the password is.
    pub password: Option<CredentialRef>,
    /// `--token-env`: the environment variable holding the API token.
    pub token_env: Option<String>,
}

/// A secret no flag and no inventory gives, to be asked of the person running the fetch.
pub struct Ask<'a> {
    /// The vendor of the appliance.
    pub vendor: &'static dyn Vendor,
    /// What is asked for.
    pub kind: SecretKind,
    /// The first appliance that needs it.
    pub host: &'a str,
    /// The user it is for, if the login takes one.
    pub user: Option<&'a str>,
}

/// What [`fetch`] needs of the person running it, and tells them as it goes.
pub struct Hooks<'a> {
    /// Told at once, before any secret is read or asked for: how the run puts secrets at risk.
    pub warn: &'a dyn Fn(&Message),
    /// Asks for a secret; called once per vendor and user.
    pub ask: &'a mut dyn FnMut(&Ask<'_>) -> Result<Secret>,
    /// Called once every appliance is known, before the first is fetched, with how many.
    pub start: &'a dyn Fn(usize),
    /// Called after each appliance (an outcome may still fail when the run shows another host
    /// answered as the same appliance).
    pub done: &'a (dyn Fn(&Outcome) + Sync),
    /// Words the message of `--commit`'s commit (a machine file: the stored language).
    pub commit_message: &'a dyn Fn(&crate::commands::commit::Summary) -> String,
}

/// What a fetch did.
#[derive(Debug)]
pub struct Report {
    /// Each appliance asked for, in the order given.
    pub outcomes: Vec<Outcome>,
    /// What `--track` did, when it ran.
    pub tracked: Option<crate::commands::track::Report>,
    /// What `--commit` did, when it ran.
    pub committed: Option<Committed>,
    /// Why `--track` could not run at all.
    pub track_error: Option<Error>,
    /// Why `--commit` failed.
    pub commit_error: Option<Error>,
}

impl Report {
    /// How many appliances were fetched.
    pub fn fetched(&self) -> usize {
        self.outcomes.iter().filter(|o| o.is_fetched()).count()
    }

    /// Whether anything failed: an appliance, a file tracked, `--track` or `--commit`.
    pub fn failed(&self) -> bool {
        self.outcomes.iter().any(|o| !o.is_fetched())
            || self
                .tracked
                .as_ref()
                .is_some_and(|t| !t.failures.is_empty())
            || self.track_error.is_some()
            || self.commit_error.is_some()
    }

    /// The exit status: 2 when anything failed, else 0.
    pub fn status(&self) -> u8 {
        if self.failed() {
            2
        } else {
            0
        }
    }
}

/// One appliance to fetch from, with its vendor.
pub struct Job {
    /// The vendor whose fetcher is used.
    pub vendor: &'static dyn Vendor,
    /// Where and how.
    pub target: Target,
}

/// The whole run: every appliance's vendor and credentials, checked before any is fetched;
/// the fleet; then `--track` and `--commit`. What goes wrong after fetching is in the report,
/// which is still made: a cron job's report must not be last night's.
pub fn fetch(request: &Request, hooks: &mut Hooks<'_>) -> Result<Report> {
    for warning in warnings(request) {
        (hooks.warn)(&warning);
    }
    if let Some(repo) = &request.track {
        refuse_repo_inside_captures(&request.into, repo)?;
    }
    let fleet = jobs(request, &mut *hooks.ask)?;
    (hooks.start)(fleet.len());
    let outcomes = fetch_all(
        &fleet,
        &request.into,
        request.jobs,
        request.profile,
        hooks.done,
    )?;
    let mut report = Report {
        outcomes,
        tracked: None,
        committed: None,
        track_error: None,
        commit_error: None,
    };
    if let Some(repo) = &request.track {
        let tracked =
            crate::commands::track::track(&request.into, repo, &ReadOptions::default(), &|| {});
        match tracked {
            Ok(tracked) => report.tracked = Some(tracked),
            Err(e) => report.track_error = Some(e),
        }
        if request.commit {
            let (changes, masked) = report
                .tracked
                .as_ref()
                .map(|t| (t.changes.clone(), t.masked))
                .unwrap_or_default();
            let message = hooks.commit_message;
            match crate::commands::commit::commit(repo, "fetch", &changes, masked, message) {
                Ok(committed) => report.committed = Some(committed),
                Err(e) => report.commit_error = Some(e),
            }
        }
    }
    Ok(report)
}

/// The warnings a request earns: a way of talking that lets others read the secret.
pub fn warnings(request: &Request) -> Vec<Message> {
    let mut warnings = Vec::new();
    if request.tls.insecure {
        warnings.push(message!("fetch-warning-insecure"));
    }
    if request.tls.plaintext {
        warnings.push(message!("fetch-warning-plaintext"));
    }
    warnings
}

/// The repository must not be inside the captures' folder, nor the captures inside the
/// repository: `track` would read its own output, or skip the captures.
fn refuse_repo_inside_captures(into: &Path, repo: &Path) -> Result<()> {
    let canonical = |p: &Path| {
        std::fs::create_dir_all(p)
            .and_then(|_| p.canonicalize())
            .map_err(|e| Error::io(p.display().to_string(), e))
    };
    let (into_c, repo_c) = (canonical(into)?, canonical(repo)?);
    if into_c.starts_with(&repo_c) || repo_c.starts_with(&into_c) {
        return Err(Error::usage(crate::message!(
            "usage-fetch-into-track-separate",
            into = into.display().to_string(),
            repo = repo.display().to_string()
        )));
    }
    Ok(())
}

/// The vendors users see that can be fetched from, with their fetchers.
pub fn fetchers() -> Vec<(&'static dyn Vendor, &'static dyn vendors::Fetch)> {
    vendors::shown()
        .into_iter()
        .filter_map(|v| v.fetch().map(|f| (v, f)))
        .collect()
}

/// A kind of secret as the catalog's messages choose their words by it (`password`,
/// `api-token`): what it is called, and the flags that give it.
pub fn secret_kind(kind: SecretKind) -> &'static str {
    match kind {
        SecretKind::Password => "password",
        SecretKind::ApiToken => "api-token",
    }
}

/// Yes or no, as the catalog's messages choose their words by it.
fn yes(yes: bool) -> &'static str {
    if yes {
        "yes"
    } else {
        "no"
    }
}

/// Parts of a message joined two by two, as `join` joins a first part and the rest (`a; b;
/// c`), or nothing.
fn joined(parts: Vec<Arg>, join: impl Fn(Arg, Arg) -> Message) -> Arg {
    let mut parts = parts.into_iter().rev();
    let Some(last) = parts.next() else {
        return Arg::Text(String::new());
    };
    parts.fold(last, |rest, first| join(first, rest).into())
}

/// Every appliance to fetch, with its vendor and credentials, checked before any is fetched.
fn jobs(request: &Request, ask: &mut dyn FnMut(&Ask<'_>) -> Result<Secret>) -> Result<Vec<Job>> {
    let entries = match &request.inventory {
        Some(path) => inventory::read(path)?,
        None => request
            .hosts
            .iter()
            .map(|host| inventory::host(host))
            .collect::<Result<Vec<_>>>()?,
    };
    // An inventory's line, as its other errors name it.
    let at_line = |entry: &Entry, e: Error| match &request.inventory {
        Some(path) => Error::usage(message!(
            "fetch-inventory-at",
            path = path.display().to_string(),
            line = entry.line,
            error = error_message(&e)
        )),
        None => e,
    };
    let mut chosen = Vec::new();
    for entry in &entries {
        chosen.push(vendor_of(request, entry).map_err(|e| at_line(entry, e))?);
    }
    // Before any secret is read or asked for.
    refuse_unused_flags(&request.credentials, &chosen)?;
    let mut asked: HashMap<(String, String), Secret> = HashMap::new();
    let mut fleet = Vec::new();
    for (entry, vendor) in entries.iter().zip(chosen) {
        let job = job(request, entry, vendor, &mut asked, ask).map_err(|e| at_line(entry, e))?;
        fleet.push(job);
    }
    Ok(fleet)
}

/// The credential flags given, as `(flag, what it gives)`.
fn credential_flags(given: &Credentials) -> Vec<(&'static str, Option<SecretKind>)> {
    let mut flags = Vec::new();
    if given.user.is_some() {
        flags.push(("--user", None));
    }
    match &given.password {
        Some(CredentialRef::Env(_)) => flags.push(("--password-env", Some(SecretKind::Password))),
        Some(CredentialRef::File(_)) => flags.push(("--password-file", Some(SecretKind::Password))),
        None => {}
    }
    if given.token_env.is_some() {
        flags.push(("--token-env", Some(SecretKind::ApiToken)));
    }
    flags
}

/// Whether a login takes what a credential flag gives (`None`: a user).
fn takes(login: Login, kind: Option<SecretKind>) -> bool {
    kind.map_or(login.user, |kind| login.secret == kind)
}

/// A credential flag no appliance of the run takes would be ignored in silence: refused.
fn refuse_unused_flags(given: &Credentials, chosen: &[&'static dyn Vendor]) -> Result<()> {
    let logins: Vec<(&dyn Vendor, Login)> = chosen
        .iter()
        .filter_map(|v| Some((*v, v.fetch()?.login())))
        .collect();
    if logins.len() < chosen.len() {
        // A vendor that cannot be fetched from is said so, appliance by appliance.
        return Ok(());
    }
    for (flag, kind) in credential_flags(given) {
        if logins.iter().any(|(_, login)| takes(*login, kind)) {
            continue;
        }
        let wanted: Vec<Arg> = logins
            .iter()
            .map(|(v, login)| (v.title(), login.user, login.secret))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|(vendor, user, kind)| {
                let takes = message!(
                    "fetch-vendor-takes",
                    vendor = vendor,
                    user = yes(user),
                    kind = secret_kind(kind)
                );
                Arg::from(takes)
            })
            .collect();
        return Err(Error::usage(crate::message!(
            "usage-fetch-flag-taken-by-none",
            flag = flag,
            wanted = joined(wanted, |first, rest| message!(
                "fetch-list-semicolon",
                first = first,
                rest = rest
            ))
        )));
    }
    Ok(())
}

/// The vendor of one appliance: the inventory's column, else `--vendor`, else the one vendor
/// users see whose login fits the credentials given. Never a default by position.
fn vendor_of(request: &Request, entry: &Entry) -> Result<&'static dyn Vendor> {
    if let Some(name) = entry.vendor.as_deref().or(request.vendor.as_deref()) {
        return vendors::by_name(name).ok_or_else(|| {
            Error::usage(crate::message!(
                "usage-fetch-unknown-vendor",
                host = &entry.host,
                name = one_line(name),
                vendors = vendors::shown_ids()
            ))
        });
    }
    // What the login must take: each flag's name, and the inventory's user.
    let mut evidence: Vec<(Arg, Option<SecretKind>)> = credential_flags(&request.credentials)
        .into_iter()
        .map(|(flag, kind)| (Arg::from(flag), kind))
        .collect();
    if entry.user.is_some() {
        evidence.push((message!("fetch-inventory-user").into(), None));
    }
    let fitting: Vec<&'static dyn Vendor> = fetchers()
        .into_iter()
        .filter(|(_, f)| evidence.iter().all(|(_, kind)| takes(f.login(), *kind)))
        .map(|(v, _)| v)
        .collect();
    let why = match fitting.as_slice() {
        [vendor] if !evidence.is_empty() => return Ok(*vendor),
        [] => {
            let given = evidence.into_iter().map(|(what, _)| what).collect();
            message!(
                "fetch-which-vendor-none-fits",
                given = joined(given, |first, rest| message!(
                    "fetch-list-and",
                    first = first,
                    rest = rest
                ))
            )
        }
        _ => message!("fetch-which-vendor-unclear"),
    };
    Err(Error::usage(message!(
        "fetch-which-vendor",
        host = &entry.host,
        why = why,
        vendors = vendors::shown_ids(),
        inventory = yes(request.inventory.is_some())
    )))
}

/// One appliance to fetch, with its vendor and credentials.
fn job(
    request: &Request,
    entry: &Entry,
    vendor: &'static dyn Vendor,
    asked: &mut HashMap<(String, String), Secret>,
    ask: &mut dyn FnMut(&Ask<'_>) -> Result<Secret>,
) -> Result<Job> {
    let fetcher = vendor.fetch().ok_or_else(|| {
        Error::usage(crate::message!(
            "usage-fetch-cannot-fetch-from",
            vendor = vendor.title()
        ))
    })?;
    let login = fetcher.login();
    let user = entry
        .user
        .clone()
        .or_else(|| request.credentials.user.clone());
    if login.user && user.is_none() {
        return Err(Error::usage(crate::message!(
            "usage-fetch-no-user",
            host = &entry.host
        )));
    }
    let secret = match &entry.credential {
        Some(credential) => read_secret(credential)?,
        None => match secret_from_flags(&request.credentials, login.secret)? {
            Some(secret) => secret,
            None => {
                let key = (vendor.id().to_string(), user.clone().unwrap_or_default());
                match asked.get(&key) {
                    Some(secret) => secret.clone(),
                    None => {
                        let secret = ask(&Ask {
                            vendor,
                            kind: login.secret,
                            host: &entry.host,
                            user: user.as_deref(),
                        })?;
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
            port: entry.port.or(request.port),
            user,
            secret: Some(secret),
            tls: request.tls.clone(),
            timeout: request.timeout,
        },
    })
}

/// The secret a credential reference points at.
fn read_secret(credential: &CredentialRef) -> Result<Secret> {
    match credential {
        CredentialRef::Env(var) => secret_from_env(var),
        CredentialRef::File(path) => secret_from_file(path),
    }
}

/// The secret of `kind` the flags give, if they give one.
fn secret_from_flags(given: &Credentials, kind: SecretKind) -> Result<Option<Secret>> {
    Ok(match kind {
        SecretKind::Password => given.password.as_ref().map(read_secret).transpose()?,
        SecretKind::ApiToken => given
            .token_env
            .as_deref()
            .map(secret_from_env)
            .transpose()?,
    })
}

/// How long to wait before the one retry of a connection error.
const RETRY_AFTER: Duration = Duration::from_millis(500);

/// Fetches every job into `into`, `jobs` at a time; `done` is called after each appliance
/// (for progress: an outcome may still fail when the run shows another host answered as the
/// same appliance). Outcomes are in the order of `fleet`.
pub(crate) fn fetch_all(
    fleet: &[Job],
    into: &Path,
    jobs: usize,
    profile: Profile,
    done: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>> {
    std::fs::create_dir_all(into).map_err(|e| Error::io(into.display().to_string(), e))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| {
            Error::usage(message!(
                "fetch-cannot-start-workers",
                jobs = jobs,
                reason = e.to_string()
            ))
        })?;
    let named = names_given_twice(fleet);
    let mut outcomes: Vec<Outcome> = pool.install(|| {
        fleet
            .par_iter()
            .enumerate()
            .map(|(i, job)| {
                let outcome = match &named[i] {
                    Some(why) => failed(job, why.clone()),
                    None => fetch_one(job, into, profile),
                };
                done(&outcome);
                outcome
            })
            .collect()
    });
    refuse_doubles(&mut outcomes);
    for outcome in &mut outcomes {
        put_in_place(outcome);
    }
    Ok(outcomes)
}

/// For each job, why it is not fetched: another job's appliance has the name its host gives.
fn names_given_twice(fleet: &[Job]) -> Vec<Option<Message>> {
    let names: Vec<Option<(String, String)>> = fleet
        .iter()
        .map(|job| {
            let name = job.vendor.fetch()?.name_before_fetch(&job.target)?;
            Some((job.vendor.id().to_string(), name))
        })
        .collect();
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = name.as_ref()?;
            let other = names
                .iter()
                .enumerate()
                .find(|(j, n)| *j != i && n.as_ref() == Some(name))?;
            Some(message!(
                "fetch-same-capture",
                other = &fleet[other.0].target.host,
                name = &name.1
            ))
        })
        .collect()
}

fn failed(job: &Job, error: Message) -> Outcome {
    outcome(job, 0, Status::Failed { error })
}

fn outcome(job: &Job, tries: u8, result: Status) -> Outcome {
    Outcome {
        host: job.target.host.clone(),
        vendor: job.vendor.id().to_string(),
        tries,
        port: job.target.port,
        result,
        staged: None,
    }
}

/// Moves a staged capture into place, or removes it when the fetch failed after all.
fn put_in_place(outcome: &mut Outcome) {
    let Some(staged) = outcome.staged.take() else {
        return;
    };
    let error = match &outcome.result {
        Status::Fetched { path, .. } => match std::fs::rename(&staged, path) {
            Ok(()) => return,
            Err(e) => io_message(Path::new(path), &e),
        },
        Status::Failed { .. } => {
            let _ = std::fs::remove_file(&staged);
            return;
        }
    };
    let _ = std::fs::remove_file(&staged);
    outcome.result = Status::Failed { error };
}

/// One appliance: fetched, retried once after a connection error, and read back.
fn fetch_one(job: &Job, into: &Path, profile: Profile) -> Outcome {
    let Some(fetcher) = job.vendor.fetch() else {
        let cannot = message!("usage-fetch-cannot-fetch-from", vendor = job.vendor.title());
        return failed(job, cannot);
    };
    let plan = |config: &Config| plan_commands(job.vendor, config, profile);
    let mut tries = 1;
    let mut result = fetcher.fetch(&job.target, into, &plan);
    if matches!(&result, Err(e) if e.is_transient()) {
        std::thread::sleep(RETRY_AFTER);
        tries = 2;
        result = fetcher.fetch(&job.target, into, &plan);
    }
    // Whatever a fetcher says, the secret it was given is not in it, in any form (an appliance
    // may echo it in an answer a message quotes).
    let hide = |text: &str| match &job.target.secret {
        Some(secret) if !secret.expose().is_empty() => secret.hidden_in(text),
        _ => text.to_string(),
    };
    let result = result
        .map(|mut fetched| {
            let not_captured = std::mem::take(&mut fetched.not_captured);
            fetched.not_captured = not_captured
                .into_iter()
                .map(|n| map_text(n, &hide))
                .collect();
            fetched
        })
        .map_err(|e| e.map_text(&hide));
    let mut staged = None;
    let result = match result {
        Ok(mut fetched) => {
            staged = fetched.staged.take();
            read_back(job.vendor, fetched, staged.as_deref())
        }
        Err(e) => Status::Failed {
            error: e.message().clone(),
        },
    };
    Outcome {
        staged,
        ..outcome(job, tries, result)
    }
}

/// The capture plan's commands for what is known of an appliance.
fn plan_commands(vendor: &dyn Vendor, config: &Config, profile: Profile) -> Vec<String> {
    let Some(plan) = vendor.capture_plan() else {
        return Vec::new();
    };
    match steps_in(config, plan, vendor.knowledge(), profile) {
        CaptureSteps::Commands(commands) => commands.into_iter().map(|(c, _)| c).collect(),
        CaptureSteps::Script(_) => Vec::new(),
    }
}

/// Reads a fetched capture back as `show` would: how much of it was understood. A capture
/// that yields no configuration is a failure, never a quiet success.
fn read_back(vendor: &dyn Vendor, fetched: Fetched, staged: Option<&Path>) -> Status {
    let path = fetched.path.display().to_string();
    let options = ReadOptions {
        shown_as: Some(path.clone()),
        ..ReadOptions::default()
    };
    let written = staged.unwrap_or(&fetched.path).to_path_buf();
    let capture = match crate::read::read(std::slice::from_ref(&written), &options) {
        Ok(capture) => capture,
        Err(e) => {
            return Status::Failed {
                error: message!(
                    "fetch-written-unreadable",
                    path = &path,
                    error = error_message(&e)
                ),
            }
        }
    };
    let config = &capture.config;
    if config.vendor != vendor.id() {
        return Status::Failed {
            error: message!(
                "fetch-written-other-vendor",
                path = &path,
                vendor = config.vendor.to_string()
            ),
        };
    }
    let nothing = config.settings.is_empty()
        && config.lists.is_empty()
        && config.messages.is_empty()
        && config.trusted_hosts.is_empty()
        && config.keys.is_empty()
        && config.licenses.is_empty()
        && config.updates.is_empty();
    if nothing {
        return Status::Failed {
            error: message!(
                "fetch-no-configuration",
                missing = fetched.not_captured.len(),
                staged = yes(staged.is_some()),
                path = &path
            ),
        };
    }
    let counts = crate::capture::line_counts(config);
    Status::Fetched {
        appliance: fetched.appliance,
        path,
        lines: counts.iter().map(|c| c.lines).sum(),
        not_understood: counts.iter().map(|c| c.not_understood).sum(),
        not_captured: fetched.not_captured,
    }
}

/// Two hosts that answered as one appliance wrote one capture: both are failures, since
/// which of them the capture is of cannot be told.
fn refuse_doubles(outcomes: &mut [Outcome]) {
    let names: Vec<Option<(String, String)>> = outcomes
        .iter()
        .map(|o| match &o.result {
            Status::Fetched { appliance, .. } => Some((o.vendor.clone(), appliance.clone())),
            Status::Failed { .. } => None,
        })
        .collect();
    for (i, outcome) in outcomes.iter_mut().enumerate() {
        let Some(name) = &names[i] else { continue };
        let doubled = names
            .iter()
            .enumerate()
            .any(|(j, n)| j != i && n.as_ref() == Some(name));
        if doubled {
            outcome.result = Status::Failed {
                error: message!("fetch-answered-as-same", name = &name.1),
            };
        }
    }
}

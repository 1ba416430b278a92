//! `apply`: send a reviewed restore script to one appliance, one command at a time, each
//! answer checked, with a journal beside the script; then fetch the appliance again, and with
//! a pre-upgrade capture, compare.
//!
//! Nothing is sent before the whole script parses, the appliance is the one the script is
//! for, runs the version it was written for or a later one, and holds what it held when the
//! script was computed (no drift). The journal records each command before it goes and its
//! answer after, so a dropped connection or a refusal leaves it correct and `--resume`
//! finishes the run. Fleets and undo are out of scope.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::base::error::{Error, Result};
use crate::fetch::{FetchError, Secret, Target, TlsOptions};
use crate::message;
use crate::model::journal::{self, PlanFile, Progress, Record, JOURNAL_FORMAT, PLAN_FORMAT};
use crate::model::{identity, Change, Config, Origin, Version};
use crate::vendors::mos::apply::{self as mos, Answer, Appliance, Command, Script};
use crate::vendors::spamtitan::apply as st;
use crate::vendors::{self, Vendor};

use super::fetch::{Ask, Credentials};

/// What `apply` is asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    /// The restore script; its plan file is beside it.
    pub script: PathBuf,
    /// The appliance to send it to.
    pub host: String,
    /// Send without asking.
    pub yes: bool,
    /// Do everything but write.
    pub dry_run: bool,
    /// Continue the journal's run.
    pub resume: bool,
    /// Send commands whose form no public source confirms.
    pub send_inferred: bool,
    /// Fetch the appliance again into this folder afterwards.
    pub into: Option<PathBuf>,
    /// Then compare this pre-upgrade capture with the new one.
    pub pre: Option<PathBuf>,
    /// The port, when not the vendor's default.
    pub port: Option<u16>,
    /// TLS or not, and whom to trust.
    pub tls: TlsOptions,
    /// Where the secrets are.
    pub credentials: Credentials,
    /// How long to wait to connect, and for each read.
    pub timeout: Duration,
}

/// What the person running `apply` is shown before the first write.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The host connected to.
    pub host: String,
    /// The appliance's name, as it gave it.
    pub appliance: String,
    /// The version it runs.
    pub version: String,
    /// The commands to send (those a resumed run sends).
    pub commands: usize,
    /// Commands confirmed by an earlier run, not sent again.
    pub done: usize,
    /// Lines of commands whose form no public source confirms.
    pub inferred: Vec<u32>,
    /// Lines of commands that restart a service, as far as the catalog knows (it marks none of
    /// the MOS writes apply sends).
    pub restarts: Vec<u32>,
    /// Whether the appliance was compared with the capture the script was computed against.
    pub drift_checked: bool,
}

impl Summary {
    /// The summary of a run that sends `pending` (each command's line, and whether its form
    /// is inferred) of a script of `total` commands.
    fn of(
        request: &Request,
        appliance: &str,
        version: String,
        pending: impl Iterator<Item = (u32, bool)>,
        total: usize,
        drift_checked: bool,
    ) -> Summary {
        let pending: Vec<(u32, bool)> = pending.collect();
        Summary {
            host: request.host.clone(),
            appliance: appliance.to_string(),
            version,
            commands: pending.len(),
            done: total - pending.len(),
            inferred: pending
                .iter()
                .filter(|(_, i)| *i)
                .map(|(l, _)| *l)
                .collect(),
            restarts: Vec::new(),
            drift_checked,
        }
    }
}

/// What the person running `apply` is asked, and told as it goes.
pub struct Hooks<'a> {
    /// Shows the summary and asks to go on; `false` stops the run.
    pub confirm: &'a mut dyn FnMut(&Summary) -> Result<bool>,
    /// Asks for a secret no flag gives.
    pub ask: &'a mut dyn FnMut(&Ask<'_>) -> Result<Secret>,
}

/// What an apply did.
#[derive(Debug)]
pub struct Report {
    /// The summary shown, `None` when a finished journal made the run send nothing.
    pub summary: Option<Summary>,
    /// Commands sent and confirmed by this run.
    pub sent: usize,
    /// Commands a resumed run found had taken effect although their answers were lost.
    pub took_effect: usize,
    /// It was a dry run: nothing was written.
    pub dry_run: bool,
    /// `--dry-run`: the commands that would have been sent, as the journal would show them.
    pub would_send: Vec<(u32, String)>,
    /// The journal written.
    pub journal: PathBuf,
    /// The fetch afterwards.
    pub fetched: Option<super::fetch::Report>,
    /// The comparison with `--pre` afterwards.
    pub diff: Option<Compared>,
}

/// The plan file `restore -o SCRIPT` writes beside the script.
pub fn plan_path(script: &Path) -> PathBuf {
    with_suffix(script, ".plan")
}

/// The journal `apply` keeps beside the script.
pub fn journal_path(script: &Path) -> PathBuf {
    with_suffix(script, ".journal")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The SHA-256 of `bytes`, lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    let mut digest = Sha256::new();
    digest.update(bytes);
    digest.hex()
}

/// A SHA-256 digest made as the bytes go by (a script written as it is made).
pub struct Sha256(ring::digest::Context);

impl Sha256 {
    /// A digest of nothing yet.
    pub fn new() -> Sha256 {
        Sha256(ring::digest::Context::new(&ring::digest::SHA256))
    }

    /// The digest goes on over `bytes`.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The digest, in lower-case hexadecimal.
    pub fn hex(self) -> String {
        let digest = self.0.finish();
        digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl Default for Sha256 {
    fn default() -> Sha256 {
        Sha256::new()
    }
}

/// The plan file of a script `restore` writes, whose bytes have the SHA-256 digest `digest`
/// (hexadecimal): `(path, contents)`, to write with the script; none for a script written to
/// a device, or into a folder that does not exist (the script's own write then says why).
pub fn plan_file(
    script: &Path,
    digest: String,
    report: &super::restore::Report,
    against: &[PathBuf],
) -> Option<(PathBuf, Vec<u8>)> {
    let folder = script.parent().filter(|p| !p.as_os_str().is_empty());
    if crate::write::is_special(script) || folder.is_some_and(|f| !f.is_dir()) {
        return None;
    }
    let plan = PlanFile {
        format: PLAN_FORMAT.to_string(),
        vendor: report.vendor.id().to_string(),
        appliance: report.appliance.clone(),
        to: report.to.to_string(),
        script_sha256: digest,
        against: against
            .iter()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
            .map(|p| p.display().to_string())
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&plan).unwrap_or_default();
    text.push('\n');
    Some((plan_path(script), text.into_bytes()))
}

/// A script read and checked before any connection: its plan, vendor and commands.
struct Prepared {
    shown: String,
    digest: String,
    plan: PlanFile,
    vendor: &'static dyn Vendor,
    script: Script,
    /// A SpamTitan script's steps.
    steps: Option<Vec<st::Step>>,
}

/// Reads the script and its plan file; the script parses whole, and holds no inferred form
/// unless they are to be sent.
fn prepare(request: &Request) -> Result<Prepared> {
    let shown = request.script.display().to_string();
    let bytes = std::fs::read(&request.script).map_err(|e| Error::io(&shown, e))?;
    let digest = sha256(&bytes);
    let plan = read_plan(&request.script)?;
    let vendor = vendors::by_name(&plan.vendor).ok_or_else(|| {
        Error::file(
            &shown,
            message!("apply-plan-unknown-vendor", vendor = &plan.vendor),
        )
    })?;
    // What is sent is what restore wrote and the reviewer read: the digest names it. An edit
    // after restore (a line added, a value changed) is refused before anything is sent.
    if digest != plan.script_sha256 {
        return Err(Error::file(&shown, message!("apply-script-changed")));
    }
    if vendor.id() == crate::vendors::spamtitan::ID {
        let steps = spamtitan_steps(request, &bytes, &shown)?;
        return Ok(Prepared {
            shown,
            digest,
            plan,
            vendor,
            script: Script {
                commands: Vec::new(),
                changes: Vec::new(),
            },
            steps: Some(steps),
        });
    }
    if vendor.id() != crate::vendors::mos::ID {
        return Err(Error::usage(message!(
            "apply-vendor-cannot-apply",
            vendor = vendor.title()
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::file(&shown, message!("apply-script-not-utf8")))?;
    let script = mos::parse(&shown, &text)?;
    refuse_inferred(request, &script, &shown)?;
    Ok(Prepared {
        shown,
        digest,
        plan,
        vendor,
        script,
        steps: None,
    })
}

/// A SpamTitan script's steps, read back whole; inferred calls only when they are to be sent.
fn spamtitan_steps(request: &Request, bytes: &[u8], shown: &str) -> Result<Vec<st::Step>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::file(shown, message!("apply-script-not-utf8")))?;
    let steps =
        st::parse(text).map_err(|(line, why)| Error::file(format!("{shown}:{line}"), why))?;
    refuse_inferred_steps(request, &steps, shown)?;
    Ok(steps)
}

/// The journal's records and where they leave the run; an unfinished run goes on only with
/// `--resume` (a finished one sends nothing).
fn journal_state(
    request: &Request,
    journal_at: &Path,
    digest: &str,
    vendor: &dyn Vendor,
) -> Result<(Vec<Record>, Progress)> {
    let records = read_journal(journal_at, digest, vendor)?;
    let progress = Progress::of(&records);
    if !progress.finished && !records.is_empty() && !request.resume {
        return Err(Error::usage(message!(
            "apply-journal-unfinished",
            journal = journal_at.display().to_string()
        )));
    }
    Ok((records, progress))
}

/// The whole run.
pub fn apply(request: &Request, hooks: &mut Hooks<'_>) -> Result<Report> {
    let Prepared {
        shown,
        digest,
        plan,
        vendor,
        script,
        steps,
    } = prepare(request)?;
    let journal_at = journal_path(&request.script);
    let (records, progress) = journal_state(request, &journal_at, &digest, vendor)?;
    if progress.finished {
        return Ok(finished_before(journal_at));
    }
    if let Some(steps) = steps {
        let run = StRun {
            request,
            plan: &plan,
            shown: &shown,
            digest,
            vendor,
            steps: &steps,
            records: &records,
            progress: &progress,
            journal_at,
        };
        return run.go(hooks);
    }
    let target = target(request, vendor, hooks)?;
    let mut appliance = Appliance::open(&target).map_err(|e| failed(&request.host, e))?;
    let checked = check(request, &plan, &script, &records, &progress, &mut appliance)?;
    let Checked {
        summary,
        snapshot,
        took_effect,
    } = checked;
    let to_send = pending(&script, &progress, took_effect);
    if request.dry_run {
        appliance.close();
        return Ok(Report {
            dry_run: true,
            would_send: to_send.iter().map(|c| (c.line, c.shown())).collect(),
            ..report(Some(summary), journal_at)
        });
    }
    if !(hooks.confirm)(&summary)? {
        appliance.close();
        return Err(Error::usage(message!("apply-not-confirmed")));
    }
    let mut journal = Journal::open(&journal_at)?;
    let start = Record::Start {
        format: JOURNAL_FORMAT.to_string(),
        script_sha256: digest,
        vendor: vendor.id().to_string(),
        appliance: appliance.name.clone(),
        snapshot,
    };
    journal.add(&if records.is_empty() {
        start
    } else {
        Record::Resumed
    })?;
    if let Some(line) = took_effect {
        journal.add(&Record::TookEffect { line })?;
    }
    let sent = send_all(&mut appliance, &to_send, &mut journal, request, &shown)?;
    journal.add(&Record::Finished)?;
    appliance.close();
    let mut report = Report {
        sent,
        took_effect: usize::from(took_effect.is_some()),
        ..report(Some(summary), journal_at)
    };
    afterwards(request, vendor, &target, &mut report)?;
    Ok(report)
}

fn report(summary: Option<Summary>, journal: PathBuf) -> Report {
    Report {
        summary,
        sent: 0,
        took_effect: 0,
        dry_run: false,
        would_send: Vec::new(),
        journal,
        fetched: None,
        diff: None,
    }
}

/// A finished journal: nothing is sent, not even a login.
fn finished_before(journal: PathBuf) -> Report {
    report(None, journal)
}

/// The plan file beside the script, which must exist: it names the appliance, the version
/// and the capture the script was computed against.
fn read_plan(script: &Path) -> Result<PlanFile> {
    let path = plan_path(script);
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::file(
                script.display().to_string(),
                message!("apply-no-plan-file", plan = &shown),
            ))
        }
        Err(e) => return Err(Error::io(&shown, e)),
    };
    let plan: PlanFile = serde_json::from_str(&text)
        .ok()
        .filter(|p: &PlanFile| p.format == PLAN_FORMAT)
        .ok_or_else(|| Error::file(&shown, message!("apply-plan-unreadable")))?;
    Ok(plan)
}

/// Inferred command forms are sent only when asked for.
fn refuse_inferred(request: &Request, script: &Script, shown: &str) -> Result<()> {
    if request.send_inferred {
        return Ok(());
    }
    let inferred: Vec<&Command> = script.commands.iter().filter(|c| c.inferred).collect();
    match inferred.first() {
        Some(first) => Err(Error::file(
            format!("{shown}:{}", first.line),
            message!(
                "apply-inferred-not-sent",
                command = first.shown(),
                count = inferred.len()
            ),
        )),
        None => Ok(()),
    }
}

/// Inferred calls are sent only when asked for.
fn refuse_inferred_steps(request: &Request, steps: &[st::Step], shown: &str) -> Result<()> {
    if request.send_inferred {
        return Ok(());
    }
    let inferred: Vec<&st::Step> = steps.iter().filter(|s| s.inferred).collect();
    match inferred.first() {
        Some(first) => Err(Error::file(
            format!("{shown}:{}", first.line),
            message!(
                "apply-inferred-not-sent",
                command = first.shown(),
                count = inferred.len()
            ),
        )),
        None => Ok(()),
    }
}

/// One SpamTitan apply: the same checks, journal and afterwards as a MOS one, over the APIs.
struct StRun<'a> {
    request: &'a Request,
    plan: &'a PlanFile,
    shown: &'a str,
    digest: String,
    vendor: &'static dyn Vendor,
    steps: &'a [st::Step],
    records: &'a [Record],
    progress: &'a Progress,
    journal_at: PathBuf,
}

impl StRun<'_> {
    /// What the API can read of what the steps write (a domain's existence and destination)
    /// is what the `--against` capture showed, or what the script sets. A record no API call
    /// reads (recipient verification) cannot be compared.
    fn check_drift(&self, appliance: &st::Appliance, pending: &[&st::Step]) -> Result<()> {
        let request = self.request;
        let paths: Vec<PathBuf> = self.plan.against.iter().map(PathBuf::from).collect();
        let against = crate::read::read(&paths, &Default::default())?.config;
        let found = appliance
            .destinations(pending)
            .map_err(|e| failed(&request.host, e))?;
        let drifted: Vec<String> = found
            .into_iter()
            .filter(|(domain, now, wanted)| {
                let then = against
                    .settings
                    .get(&domain.to_ascii_lowercase())
                    .and_then(|s| s.get("domain.destination"))
                    .map(|i| i.value.to_string());
                now.as_ref() != then.as_ref() && now.as_deref() != Some(wanted.as_str())
            })
            .map(|(domain, _, _)| format!("{domain}/domain.destination"))
            .collect();
        if drifted.is_empty() {
            return Ok(());
        }
        Err(Error::usage(message!(
            "apply-drift",
            host = &request.host,
            count = drifted.len(),
            items = drifted.join(", "),
            against = self.plan.against.join(", ")
        )))
    }

    /// Sends each step, journalled before and after; the first refusal or broken connection
    /// stops the run at that step's line.
    fn send_all(
        &self,
        appliance: &st::Appliance,
        pending: &[&st::Step],
        journal: &mut Journal,
    ) -> Result<()> {
        let request = self.request;
        for step in pending {
            journal.add(&Record::Sent {
                line: step.line,
                command: step.shown(),
            })?;
            let at = format!("{}:{}", self.shown, step.line);
            let answer = appliance.send(step).map_err(|e| {
                Error::file(
                    &at,
                    message!(
                        "apply-connection-lost",
                        host = &request.host,
                        command = step.shown(),
                        error = e.message().clone()
                    ),
                )
            })?;
            match answer {
                st::Answer::Ok(said) => journal.add(&Record::Answered {
                    line: step.line,
                    ok: true,
                    answer: said,
                })?,
                st::Answer::Refused(why) => {
                    journal.add(&Record::Answered {
                        line: step.line,
                        ok: false,
                        answer: why.clone(),
                    })?;
                    return Err(Error::file(
                        &at,
                        message!("apply-refused", command = step.shown(), answer = why),
                    ));
                }
            }
        }
        Ok(())
    }

    /// A step whose answer was lost is sent again when its guard or its values make that
    /// change nothing more; no API call reads back what a lone create made.
    fn refuse_lost(&self) -> Result<()> {
        let lost = self.progress.lost.and_then(|line| {
            self.steps
                .iter()
                .find(|s| s.line == line && !s.idempotent())
        });
        if let Some(step) = lost {
            return Err(Error::file(
                format!("{}:{}", self.shown, step.line),
                message!(
                    "apply-lost-not-idempotent",
                    host = &self.request.host,
                    command = step.shown()
                ),
            ));
        }
        Ok(())
    }

    fn go(self, hooks: &mut Hooks<'_>) -> Result<Report> {
        let request = self.request;
        let target = target(request, self.vendor, hooks)?;
        let appliance = st::Appliance::open(&target).map_err(|e| failed(&request.host, e))?;
        check_identity(request, self.plan, self.records, &appliance.name)?;
        let runs = appliance.version().map_err(|e| failed(&request.host, e))?;
        let version = check_runs(request, self.plan, Version::parse(&runs))?;
        self.refuse_lost()?;
        let pending: Vec<&st::Step> = self
            .steps
            .iter()
            .filter(|s| !self.progress.confirmed.contains(&s.line))
            .collect();
        let snapshot = appliance
            .snapshot(self.steps)
            .map_err(|e| failed(&request.host, e))?;
        let drift_checked = !self.plan.against.is_empty();
        if drift_checked {
            self.check_drift(&appliance, &pending)?;
        }
        let summary = Summary::of(
            request,
            &appliance.name,
            version,
            pending.iter().map(|s| (s.line, s.inferred)),
            self.steps.len(),
            drift_checked,
        );
        if request.dry_run {
            return Ok(Report {
                dry_run: true,
                would_send: pending.iter().map(|s| (s.line, s.shown())).collect(),
                ..report(Some(summary), self.journal_at)
            });
        }
        if !(hooks.confirm)(&summary)? {
            return Err(Error::usage(message!("apply-not-confirmed")));
        }
        let mut journal = Journal::open(&self.journal_at)?;
        journal.add(&if self.records.is_empty() {
            Record::Start {
                format: JOURNAL_FORMAT.to_string(),
                script_sha256: self.digest.clone(),
                vendor: self.vendor.id().to_string(),
                appliance: appliance.name.clone(),
                snapshot,
            }
        } else {
            Record::Resumed
        })?;
        self.send_all(&appliance, &pending, &mut journal)?;
        journal.add(&Record::Finished)?;
        let mut report = Report {
            sent: pending.len(),
            ..report(Some(summary), self.journal_at)
        };
        afterwards(request, self.vendor, &target, &mut report)?;
        Ok(report)
    }
}

/// The journal's records; one of another script or vendor is refused.
fn read_journal(path: &Path, digest: &str, vendor: &dyn Vendor) -> Result<Vec<Record>> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&shown, e)),
    };
    let records = journal::parse(&text).map_err(|line| {
        Error::file(
            format!("{shown}:{line}"),
            message!("apply-journal-unreadable"),
        )
    })?;
    match records.first() {
        None => Ok(records),
        Some(Record::Start {
            format,
            script_sha256,
            vendor: of,
            ..
        }) if format == JOURNAL_FORMAT && script_sha256 == digest && of == vendor.id().name() => {
            Ok(records)
        }
        Some(_) => Err(Error::file(&shown, message!("apply-journal-other-script"))),
    }
}

/// Where and how to log in; a secret no flag gives is asked for.
fn target(request: &Request, vendor: &'static dyn Vendor, hooks: &mut Hooks<'_>) -> Result<Target> {
    let user = request.credentials.user.clone();
    let login = vendor.fetch().map(|f| f.login());
    if login.is_none_or(|l| l.user) && user.is_none() {
        return Err(Error::usage(message!(
            "usage-fetch-no-user",
            host = &request.host
        )));
    }
    let kind = login.map_or(crate::vendors::SecretKind::Password, |l| l.secret);
    let given = match kind {
        crate::vendors::SecretKind::ApiToken => request
            .credentials
            .token_env
            .as_deref()
            .map(crate::fetch::secret_from_env)
            .transpose()?,
        crate::vendors::SecretKind::Password => match &request.credentials.password {
            Some(crate::fetch::inventory::CredentialRef::Env(var)) => {
                Some(crate::fetch::secret_from_env(var)?)
            }
            Some(crate::fetch::inventory::CredentialRef::File(path)) => {
                Some(crate::fetch::secret_from_file(path)?)
            }
            None => None,
        },
    };
    let secret = match given {
        Some(secret) => secret,
        None => (hooks.ask)(&Ask {
            vendor,
            kind,
            host: &request.host,
            user: user.as_deref(),
        })?,
    };
    Ok(Target {
        host: request.host.clone(),
        port: request.port,
        user,
        secret: Some(secret),
        tls: request.tls.clone(),
        timeout: request.timeout,
    })
}

/// A connection or login that failed, as `fetch` says it.
fn failed(host: &str, error: FetchError) -> Error {
    Error::usage(message!(
        "apply-connection-failed",
        host = host,
        error = error.message().clone()
    ))
}

/// What the checks before the first write found.
struct Checked {
    summary: Summary,
    snapshot: String,
    /// The command whose answer was lost, read again and found done.
    took_effect: Option<u32>,
}

/// Identity, vendor, version, drift; the journal's appliance; the command whose answer was
/// lost. Each failure is an error before anything is written.
fn check(
    request: &Request,
    plan: &PlanFile,
    script: &Script,
    records: &[Record],
    progress: &Progress,
    appliance: &mut Appliance,
) -> Result<Checked> {
    let (current, snapshot) = appliance
        .read(&script.commands)
        .map_err(|e| failed(&request.host, e))?;
    check_identity(request, plan, records, &appliance.name)?;
    let version = check_version(request, plan, &current)?;
    let took_effect = progress
        .lost
        .filter(|line| took_effect(&current, script, *line));
    if let Some(line) = progress.lost.filter(|l| Some(*l) != took_effect) {
        check_resend(request, script, line)?;
    }
    let mut done: BTreeSet<u32> = progress.confirmed.clone();
    done.extend(took_effect);
    let drift_checked = !plan.against.is_empty();
    if drift_checked {
        check_drift(request, plan, script, &done, &current)?;
    }
    let pending = pending(script, progress, took_effect);
    let summary = Summary::of(
        request,
        &appliance.name,
        version,
        pending.iter().map(|c| (c.line, c.inferred)),
        script.commands.len(),
        drift_checked,
    );
    Ok(Checked {
        summary,
        snapshot,
        took_effect,
    })
}

/// The appliance is the one the plan names (a short name matches a full one), and the one
/// the journal was written for.
fn check_identity(
    request: &Request,
    plan: &PlanFile,
    records: &[Record],
    name: &str,
) -> Result<()> {
    if let Some(wanted) = &plan.appliance {
        if !identity::names_match(wanted, name) {
            return Err(Error::usage(message!(
                "apply-wrong-appliance",
                host = &request.host,
                name = name,
                wanted = wanted
            )));
        }
    }
    if let Some(Record::Start { appliance, .. }) = records.first() {
        if !identity::names_match(appliance, name) {
            return Err(Error::usage(message!(
                "apply-journal-other-appliance",
                name = name,
                wanted = appliance
            )));
        }
    }
    Ok(())
}

/// The version the appliance runs, at or past the script's target.
fn check_version(request: &Request, plan: &PlanFile, current: &Config) -> Result<String> {
    let runs = current.appliance.version.as_ref().map(|v| v.value.clone());
    check_runs(request, plan, runs)
}

/// The version an appliance runs, at or past the plan's.
fn check_runs(request: &Request, plan: &PlanFile, runs: Option<Version>) -> Result<String> {
    let to =
        Version::parse(&plan.to).ok_or_else(|| Error::usage(message!("apply-plan-unreadable")))?;
    match runs {
        Some(runs) if runs >= to => Ok(runs.to_string()),
        runs => Err(Error::usage(message!(
            "apply-version-not-reached",
            host = &request.host,
            runs = runs.map_or_else(String::new, |v| v.to_string()),
            to = to.to_string()
        ))),
    }
}

/// A command whose answer was lost and whose effect the read does not show is sent again
/// only when that is safe: the read covers what it writes (so it did not take effect), or it
/// sets a value. Otherwise the run stops: a person must look.
fn check_resend(request: &Request, script: &Script, line: u32) -> Result<()> {
    let Some(command) = script.commands.iter().find(|c| c.line == line) else {
        return Ok(());
    };
    if command.idempotent || changes_at(script, line).next().is_some() {
        return Ok(());
    }
    Err(Error::file(
        format!("{}:{line}", request.script.display()),
        message!(
            "apply-lost-not-idempotent",
            host = &request.host,
            command = command.shown()
        ),
    ))
}

/// Whether the command of `line` has taken effect: applying what it changes to what the
/// appliance holds changes nothing.
fn took_effect(current: &Config, script: &Script, line: u32) -> bool {
    let changes: Vec<&Change> = changes_at(script, line).collect();
    if changes.is_empty() {
        return false;
    }
    let mut after = current.clone();
    for change in &changes {
        let _ = after.apply((*change).clone(), Origin { source: 0, line });
    }
    changes.iter().all(|c| same_item(current, &after, c))
}

fn changes_at(script: &Script, line: u32) -> impl Iterator<Item = &Change> {
    script
        .changes
        .iter()
        .filter(move |(_, at)| *at == line)
        .map(|(c, _)| c)
}

/// The appliance holds, of everything the script touches, what the capture the script was
/// computed against showed, with the commands already confirmed applied on top.
fn check_drift(
    request: &Request,
    plan: &PlanFile,
    script: &Script,
    done: &BTreeSet<u32>,
    current: &Config,
) -> Result<()> {
    let paths: Vec<PathBuf> = plan.against.iter().map(PathBuf::from).collect();
    let mut expected = crate::read::read(&paths, &Default::default())?.config;
    for (change, line) in &script.changes {
        if done.contains(line) {
            let _ = expected.apply(
                change.clone(),
                Origin {
                    source: 0,
                    line: *line,
                },
            );
        }
    }
    let drifted: Vec<String> = script
        .changes
        .iter()
        .filter(|(change, _)| !same_item(&expected, current, change))
        .map(|(change, _)| item_name(change))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if drifted.is_empty() {
        return Ok(());
    }
    Err(Error::usage(message!(
        "apply-drift",
        host = &request.host,
        count = drifted.len(),
        items = drifted.join(", "),
        against = plan.against.join(", ")
    )))
}

/// Whether two models hold the same of the item a change touches.
fn same_item(a: &Config, b: &Config, change: &Change) -> bool {
    let values = |config: &Config| -> Option<String> {
        match change {
            Change::Setting { scope, name, .. } => config
                .settings
                .get(scope)
                .and_then(|s| s.get(name))
                .map(|i| format!("{:?}", i.value)),
            Change::Message { scope, name, .. } => config
                .messages
                .get(scope)
                .and_then(|s| s.get(name))
                .map(|i| format!("{:?}", i.value)),
            Change::ListAdd { scope, list, .. }
            | Change::ListRemove { scope, list, .. }
            | Change::ListReplace { scope, list, .. } => {
                config.lists.get(scope).and_then(|s| s.get(list)).map(|l| {
                    let entries: BTreeSet<&str> = l.iter().map(|(e, _)| e).collect();
                    format!("{entries:?}")
                })
            }
            Change::TrustedHost { group, .. } | Change::TrustedHostsReplace { group, .. } => {
                config.trusted_hosts.get(group).map(|g| {
                    let hosts: BTreeSet<&String> = g.keys().collect();
                    format!("{hosts:?}")
                })
            }
            _ => None,
        }
    };
    values(a) == values(b)
}

/// An item's path, for a message.
fn item_name(change: &Change) -> String {
    match change {
        Change::Setting { scope, name, .. } | Change::Message { scope, name, .. } => {
            format!("{scope}/{name}")
        }
        Change::ListAdd { scope, list, .. }
        | Change::ListRemove { scope, list, .. }
        | Change::ListReplace { scope, list, .. } => format!("{scope}/{list}"),
        Change::TrustedHost { group, .. } | Change::TrustedHostsReplace { group, .. } => {
            format!("trustedhost/{group}")
        }
        other => format!("{other:?}"),
    }
}

/// The commands still to send: those not confirmed, and the scope selection each of them
/// runs under (sent again after a resume, since a new session starts in the system scope).
fn pending(script: &Script, progress: &Progress, took_effect: Option<u32>) -> Vec<Command> {
    let done = |c: &Command| progress.confirmed.contains(&c.line) || Some(c.line) == took_effect;
    let mut out: Vec<Command> = Vec::new();
    let mut scope: Option<&Command> = None;
    for command in &script.commands {
        if command.selects_scope {
            scope = Some(command);
            continue;
        }
        if done(command) {
            continue;
        }
        if let Some(select) = scope.take() {
            out.push(select.clone());
        }
        out.push(command.clone());
    }
    out
}

/// An append-only journal, each record on disk (flushed and synced) before the next command
/// goes.
struct Journal {
    file: std::fs::File,
    shown: String,
}

impl Journal {
    fn open(path: &Path) -> Result<Journal> {
        let shown = path.display().to_string();
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| Error::io(&shown, e))?;
        Ok(Journal { file, shown })
    }

    fn add(&mut self, record: &Record) -> Result<()> {
        let mut line = serde_json::to_string(record).unwrap_or_default();
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .and_then(|_| self.file.flush())
            // On disk before the next command goes: a crash leaves an honest journal.
            .and_then(|_| self.file.sync_data())
            .map_err(|e| Error::io(&self.shown, e))
    }
}

/// Sends each command, journalled before and after; the first refusal or broken connection
/// stops the run at that command's line. How many were confirmed.
fn send_all(
    appliance: &mut Appliance,
    commands: &[Command],
    journal: &mut Journal,
    request: &Request,
    shown: &str,
) -> Result<usize> {
    for command in commands {
        journal.add(&Record::Sent {
            line: command.line,
            command: command.shown(),
        })?;
        let at = format!("{shown}:{}", command.line);
        let answer = appliance.send(command).map_err(|e| {
            Error::file(
                &at,
                message!(
                    "apply-connection-lost",
                    host = &request.host,
                    command = command.shown(),
                    error = e.message().clone()
                ),
            )
        })?;
        match answer {
            Answer::Ok => journal.add(&Record::Answered {
                line: command.line,
                ok: true,
                answer: "OK".to_string(),
            })?,
            Answer::Refused(why) => {
                journal.add(&Record::Answered {
                    line: command.line,
                    ok: false,
                    answer: why.clone(),
                })?;
                return Err(Error::file(
                    &at,
                    message!("apply-refused", command = command.shown(), answer = why),
                ));
            }
        }
    }
    Ok(commands.len())
}

/// Fetches the appliance again into `--into`, and compares `--pre` with what it wrote.
fn afterwards(
    request: &Request,
    vendor: &'static dyn Vendor,
    target: &Target,
    report: &mut Report,
) -> Result<()> {
    let Some(into) = &request.into else {
        return Ok(());
    };
    let secret = target.secret.clone();
    let fetch_request = super::fetch::Request {
        hosts: vec![request.host.clone()],
        inventory: None,
        into: into.clone(),
        vendor: Some(vendor.id().name().to_string()),
        port: request.port,
        tls: request.tls.clone(),
        credentials: Credentials {
            user: request.credentials.user.clone(),
            password: None,
            token_env: None,
        },
        timeout: request.timeout,
        jobs: 1,
        track: None,
        commit: false,
        profile: super::capture::Profile::Full,
    };
    let mut ask = |_: &Ask<'_>| {
        secret
            .clone()
            .ok_or_else(|| Error::usage(message!("fetch-no-password")))
    };
    let fetched = super::fetch::fetch(
        &fetch_request,
        &mut super::fetch::Hooks {
            warn: &|_| {},
            ask: &mut ask,
            start: &|_| {},
            done: &|_| {},
            commit_message: &|_| String::new(),
        },
    )?;
    let written = fetched.outcomes.iter().find_map(|o| match &o.result {
        crate::fetch::Status::Fetched { path, .. } => Some(PathBuf::from(path)),
        crate::fetch::Status::Failed { .. } => None,
    });
    report.fetched = Some(fetched);
    if let (Some(pre), Some(written)) = (&request.pre, written) {
        report.diff = Some(compare_after(pre, &written)?);
    }
    Ok(())
}

/// The pre-upgrade capture compared with the one fetched after the apply: both sides, how,
/// and what was found.
#[derive(Debug)]
pub struct Compared {
    /// The pre-upgrade side.
    pub old: super::diff::Side,
    /// The side fetched after the apply.
    pub new: super::diff::Side,
    /// How they were compared.
    pub request: super::diff::Request,
    /// What was found.
    pub report: super::diff::Report,
}

/// The comparison of the pre-upgrade capture with the capture fetched after the apply, each
/// difference labelled by the rules, as `diff --explain` labels it.
pub fn compare_after(pre: &Path, after: &Path) -> Result<Compared> {
    let side = |path: &Path| super::diff::Side {
        paths: vec![path.to_path_buf()],
        label: path.display().to_string(),
        shown_as: None,
    };
    let (old, new) = (side(pre), side(after));
    let request = super::diff::Request {
        read: Default::default(),
        format: super::diff::DiffFormat::Human,
        stat: false,
        ignore: Vec::new(),
        show_secrets: false,
        color: false,
        git_header: None,
        explain: true,
        accept: Vec::new(),
    };
    let report = super::diff::run(&old, &new, &request)?;
    Ok(Compared {
        old,
        new,
        request,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> Request {
        Request {
            script: PathBuf::from("r.txt"),
            host: "rg01".into(),
            yes: true,
            dry_run: false,
            resume: true,
            send_inferred: true,
            into: None,
            pre: None,
            port: None,
            tls: TlsOptions::default(),
            credentials: Credentials::default(),
            timeout: Duration::from_secs(1),
        }
    }

    #[test]
    fn a_lost_command_is_sent_again_only_when_that_is_safe() {
        let text =
            "uce addexception primary whitelistto a@b.example\nbranding set quotamsg {2}\nx\n";
        let mut script = mos::parse("r.txt", text).unwrap();
        // The read covers the add: it did not take effect, so it is sent again.
        assert!(check_resend(&request(), &script, 1).is_ok());
        // A set is sent again whatever the read shows.
        script.changes.clear();
        assert!(check_resend(&request(), &script, 2).is_ok());
        // An add the read cannot show is not.
        let error = check_resend(&request(), &script, 1).unwrap_err();
        assert!(error.to_string().contains("r.txt:1"), "{error}");
    }
}

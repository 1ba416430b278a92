//! `fetch`: collect captures from a fleet of appliances, each with its vendor's fetcher, a
//! bounded number at a time; read each back as any capture is read, to say how much of it was
//! understood; then, if asked, track them into a repository and commit what changed.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use rayon::prelude::*;

use crate::base::error::{Error, Result};
use crate::capture::ReadOptions;
use crate::fetch::{Committed, FetchError, Fetched, Outcome, Status, Target};
use crate::model::Config;
use crate::ops::capture_plan::{steps, CaptureSteps};
use crate::vendors::Vendor;

/// One appliance to fetch from, with its vendor.
pub struct Job {
    /// The vendor whose fetcher is used.
    pub vendor: &'static dyn Vendor,
    /// Where and how.
    pub target: Target,
}

/// How long to wait before the one retry of a connection error.
const RETRY_AFTER: Duration = Duration::from_millis(500);

/// Fetches every job into `into`, `jobs` at a time; `done` is called after each appliance
/// (for progress: an outcome may still fail when the run shows another host answered as the
/// same appliance). Outcomes are in the order of `fleet`.
pub fn fetch_all(
    fleet: &[Job],
    into: &Path,
    jobs: usize,
    done: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>> {
    std::fs::create_dir_all(into).map_err(|e| Error::io(into.display().to_string(), e))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| Error::usage(format!("cannot start {jobs} workers: {e}")))?;
    let named = names_given_twice(fleet);
    let mut outcomes: Vec<Outcome> = pool.install(|| {
        fleet
            .par_iter()
            .enumerate()
            .map(|(i, job)| {
                let outcome = match &named[i] {
                    Some(why) => failed(job, why.clone()),
                    None => fetch_one(job, into),
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
fn names_given_twice(fleet: &[Job]) -> Vec<Option<String>> {
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
            Some(format!(
                "{} would be written to the capture of `{}` too: two appliances cannot share                  one capture; nothing was fetched from either",
                crate::base::text::sanitize(&fleet[other.0].target.host),
                name.1
            ))
        })
        .collect()
}

fn failed(job: &Job, error: String) -> Outcome {
    Outcome {
        host: job.target.host.clone(),
        vendor: job.vendor.id().to_string(),
        tries: 0,
        port: job.target.port,
        result: Status::Failed { error },
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
            Err(e) => format!("{path}: {e}"),
        },
        Status::Failed { .. } => {
            let _ = std::fs::remove_file(&staged);
            return;
        }
    };
    let _ = std::fs::remove_file(&staged);
    outcome.result = Status::Failed {
        error: crate::base::text::sanitize(&error),
    };
}

/// One appliance: fetched, retried once after a connection error, and read back.
fn fetch_one(job: &Job, into: &Path) -> Outcome {
    let mut outcome = failed(job, String::new());
    let Some(fetcher) = job.vendor.fetch() else {
        outcome.result = Status::Failed {
            error: format!(
                "carryover cannot fetch from {} appliances",
                job.vendor.title()
            ),
        };
        return outcome;
    };
    let plan = |config: &Config| plan_commands(job.vendor, config);
    let mut result = Err(FetchError::Failed(String::new()));
    for attempt in 1..=2u8 {
        outcome.tries = attempt;
        result = fetcher.fetch(&job.target, into, &plan);
        match &result {
            Err(e) if e.is_transient() && attempt == 1 => std::thread::sleep(RETRY_AFTER),
            _ => break,
        }
    }
    // Whatever a fetcher says, the secret it was given is not in it (an appliance may echo
    // it in an answer a message quotes).
    let hide = |text: &str| match &job.target.secret {
        Some(secret) if !secret.expose().is_empty() => {
            text.replace(secret.expose(), crate::base::secrets::MASK)
        }
        _ => text.to_string(),
    };
    let result = result
        .map(|mut fetched| {
            fetched.not_captured = fetched.not_captured.iter().map(|n| hide(n)).collect();
            fetched
        })
        .map_err(|e| match e {
            FetchError::Connection(m) => FetchError::Connection(hide(&m)),
            FetchError::Failed(m) => FetchError::Failed(hide(&m)),
        });
    outcome.result = match result {
        Ok(mut fetched) => {
            outcome.staged = fetched.staged.take();
            read_back(job.vendor, fetched, outcome.staged.as_deref())
        }
        Err(e) => Status::Failed {
            error: crate::base::text::sanitize(&e.to_string()),
        },
    };
    outcome
}

/// The capture plan's commands for what is known of an appliance.
fn plan_commands(vendor: &dyn Vendor, config: &Config) -> Vec<String> {
    let Some(plan) = vendor.capture_plan() else {
        return Vec::new();
    };
    match steps(config, plan, vendor.knowledge()) {
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
                error: crate::base::text::sanitize(&format!(
                    "{path} was written but does not read: {e}"
                )),
            }
        }
    };
    let config = &capture.config;
    if config.vendor != vendor.id() {
        return Status::Failed {
            error: format!(
                "{path} was written but reads as a {} capture",
                config.vendor
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
        let written = match staged {
            Some(_) => "nothing was written".to_string(),
            None => format!("it is in {path}"),
        };
        return Status::Failed {
            error: format!(
                "the capture holds no configuration, only who the appliance is: no setting, \
                 list, message, key, license or update ({} not captured); {written}",
                fetched.not_captured.len()
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
                error: format!(
                    "another host of this fetch also answered as `{}`: its capture cannot be told apart",
                    name.1
                ),
            };
        }
    }
}

/// Commits the changes under `repo` with git, with a message naming the appliances that
/// changed; makes the repository first if `repo` is in none. Nothing changed: no commit.
pub fn commit(repo: &Path) -> Result<Committed> {
    if git(
        repo,
        &["rev-parse", "--is-inside-work-tree"].map(String::from),
    )
    .is_err()
    {
        git(repo, &["init", "--quiet"].map(String::from))?;
    }
    // Only the files track writes: anything else under REPO (a note, a staged change, a
    // password file left there) is the user's to commit.
    let tracked: Vec<String> = crate::vendors::REGISTRY
        .iter()
        .map(|v| v.id().to_string())
        .filter(|id| repo.join(id).is_dir())
        .map(|id| format!(":(glob){id}/*.ron"))
        .collect();
    if tracked.is_empty() {
        return Ok(Committed::default());
    }
    let with = |command: &[&'static str]| -> Vec<String> {
        command
            .iter()
            .map(|s| s.to_string())
            .chain(std::iter::once("--".to_string()))
            .chain(tracked.iter().cloned())
            .collect()
    };
    git(repo, &with(&["add", "--all"]))?;
    let status = git(
        repo,
        &with(&["diff", "--cached", "--name-status", "--relative"]),
    )?;
    let files: Vec<String> = status
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.replacen('\t', " ", 1))
        .collect();
    if files.is_empty() {
        return Ok(Committed::default());
    }
    let appliances: Vec<String> = files
        .iter()
        .filter_map(|f| f.split_once(' ').map(|(_, path)| path))
        .map(|path| path.trim_end_matches(".ron").to_string())
        .collect();
    let subject = match appliances.as_slice() {
        [one] if files[0].starts_with("A ") => format!("carryover fetch: {one} added"),
        [one] => format!("carryover fetch: {one} changed"),
        many => format!(
            "carryover fetch: {} appliances changed: {}",
            many.len(),
            many.join(", ")
        ),
    };
    let body: Vec<String> = files
        .iter()
        .map(|f| match f.split_once(' ') {
            Some(("A", path)) => format!("- {path}: new"),
            Some((_, path)) => format!("- {path}: changed"),
            None => format!("- {f}"),
        })
        .collect();
    let message = format!("{subject}\n\n{}\n", body.join("\n"));
    let mut command: Vec<String> = vec!["commit".into(), "--quiet".into(), "--message".into()];
    command.push(message.clone());
    command.push("--".into());
    command.extend(tracked.iter().cloned());
    git(repo, &command)?;
    Ok(Committed { files, message })
}

/// Runs git in `repo`; its standard output, or an error with what git said.
fn git(repo: &Path, args: &[String]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .map_err(|e| Error::usage(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(Error::file(
            repo.display().to_string(),
            format!(
                "git {} failed: {}",
                args.first().map_or("", String::as_str),
                // git's advice spans lines: one line here.
                crate::base::text::sanitize(&said.split_whitespace().collect::<Vec<_>>().join(" "))
            ),
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

//! `fetch`: collect captures from a fleet of appliances, each with its vendor's fetcher, a
//! bounded number at a time; read each back as any capture is read, to say how much of it was
//! understood; then, if asked, track them into a repository and commit what changed.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use rayon::prelude::*;

use crate::capture::ReadOptions;
use crate::error::{Error, Result};
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

/// Fetches every job into `into`, `jobs` at a time; `done` is called after each appliance,
/// with its outcome. Outcomes are in the order of `fleet`.
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
        .map_err(|e| Error::Usage(format!("cannot start {jobs} workers: {e}")))?;
    let mut outcomes: Vec<Outcome> = pool.install(|| {
        fleet
            .par_iter()
            .map(|job| {
                let outcome = fetch_one(job, into);
                done(&outcome);
                outcome
            })
            .collect()
    });
    refuse_doubles(&mut outcomes);
    Ok(outcomes)
}

/// One appliance: fetched, retried once after a connection error, and read back.
fn fetch_one(job: &Job, into: &Path) -> Outcome {
    let mut outcome = Outcome {
        host: job.target.host.clone(),
        vendor: job.vendor.id().to_string(),
        tries: 0,
        result: Status::Failed {
            error: String::new(),
        },
    };
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
    outcome.result = match result {
        Ok(fetched) => read_back(job.vendor, fetched),
        Err(e) => Status::Failed {
            error: crate::emit::sanitize(&e.to_string()),
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
fn read_back(vendor: &dyn Vendor, fetched: Fetched) -> Status {
    let path = fetched.path.display().to_string();
    let capture =
        match crate::read::read(std::slice::from_ref(&fetched.path), &ReadOptions::default()) {
            Ok(capture) => capture,
            Err(e) => {
                return Status::Failed {
                    error: crate::emit::sanitize(&format!(
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
    if config.appliance.version.is_none() && config.settings.is_empty() && config.lists.is_empty() {
        return Status::Failed {
            error: format!(
                "{path} was written but holds no configuration: no version, no setting, no list"
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
    if git(repo, &["rev-parse", "--is-inside-work-tree"]).is_err() {
        git(repo, &["init", "--quiet"])?;
    }
    git(repo, &["add", "--all", "--", "."])?;
    let status = git(
        repo,
        &["diff", "--cached", "--name-status", "--relative", "--", "."],
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
    git(
        repo,
        &["commit", "--quiet", "--message", &message, "--", "."],
    )?;
    Ok(Committed { files, message })
}

/// Runs git in `repo`; its standard output, or an error with what git said.
fn git(repo: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .map_err(|e| Error::Usage(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(Error::file(
            repo.display().to_string(),
            format!(
                "git {} failed: {}",
                args.first().unwrap_or(&""),
                crate::emit::sanitize(said.trim())
            ),
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

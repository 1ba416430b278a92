//! `capture`: what to run so that a capture holds what the rules need.

use std::path::PathBuf;

use crate::base::error::{Error, Result};
use crate::capture::ReadOptions;
use crate::model::Config;
pub use crate::ops::capture_plan::Profile;
use crate::ops::capture_plan::{steps_in, CaptureSteps};
use crate::vendors::{self, unsupported, Vendor};

/// What `capture` is asked for.
#[derive(Debug, Default)]
pub struct Request {
    /// Captures already made, which name what is known of the appliance (its delegated
    /// domains); none: a plan for an appliance nothing is known of.
    pub paths: Vec<PathBuf>,
    /// The vendor named by the user, if any.
    pub vendor: Option<String>,
    /// How the captures are read.
    pub read: ReadOptions,
    /// What the rules need, or everything the vendor's catalog can read.
    pub profile: Profile,
}

/// The capture plan for one appliance.
pub struct Report {
    /// The vendor the plan is for.
    pub vendor: &'static dyn Vendor,
    /// A script to run, or commands to run and log, each with why.
    pub steps: CaptureSteps,
}

/// The capture plan the request asks for: of the vendor named, or of the captures given.
/// Nothing telling which appliance is an error: a plan for the wrong one would be worse than
/// none.
pub fn capture(request: &Request) -> Result<Report> {
    let named = request.vendor.as_deref().and_then(vendors::by_name);
    let config = match (request.paths.is_empty(), named) {
        (false, _) => crate::read::read(&request.paths, &request.read)?.config,
        (true, Some(named)) => Config::new(named.id()),
        (true, None) => {
            return Err(Error::usage(crate::message!(
                "usage-capture-which-vendor",
                vendors = vendors::shown_ids()
            )))
        }
    };
    let vendor = vendors::by_id(config.vendor)?;
    if let Some(named) = named.filter(|n| n.id() != vendor.id()) {
        return Err(Error::usage(crate::message!(
            "usage-capture-vendor-mismatch",
            named = named.id().to_string(),
            vendor = vendor.id().to_string()
        )));
    }
    Ok(Report {
        vendor,
        steps: plan_in(vendor, &config, request.profile)?,
    })
}

/// The capture plan for a vendor's appliance: a script to run, or commands to run and log,
/// each with why. `config` names what is already known (delegated domains).
pub fn plan(vendor: &dyn Vendor, config: &Config) -> Result<CaptureSteps> {
    plan_in(vendor, config, Profile::Rules)
}

/// The capture plan of a profile for a vendor's appliance.
pub fn plan_in(vendor: &dyn Vendor, config: &Config, profile: Profile) -> Result<CaptureSteps> {
    let plan = vendor
        .capture_plan()
        .ok_or_else(|| unsupported(vendor.title(), crate::message!("vendor-can-capture-plan")))?;
    Ok(steps_in(config, plan, vendor.knowledge(), profile))
}

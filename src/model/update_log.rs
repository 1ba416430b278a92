//! What a system update log shows, the same for every vendor that has such logs: the
//! versions, the numbered steps, the services stopped and started again, and what went wrong.

use serde::Serialize;

use crate::base::message::Message;

/// A service the installer stopped, and whether and where it started again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Service {
    /// The service's name (`postfix`).
    pub name: String,
    /// The line that stopped it.
    pub stopped_at: u32,
    /// The line that started it again, if any.
    pub started_at: Option<u32>,
}

/// One numbered step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Step {
    /// The step's own number (`001`).
    pub number: u32,
    /// What the step says.
    pub text: String,
    /// The line it is on.
    pub line: u32,
}

/// One line of the log, with its number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Line {
    /// The line's number, from 1.
    pub line: u32,
    /// The line's text.
    pub text: String,
}

/// What an update log says happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct UpdateRun {
    /// The log's path.
    pub path: String,
    /// The version updated from, as the log says.
    pub from: Option<String>,
    /// The version updated to.
    pub to: Option<String>,
    /// Services stopped, and whether they came back.
    pub services: Vec<Service>,
    /// The numbered steps.
    pub steps: Vec<Step>,
    /// The line of `Done. Installation Complete.`
    pub completed_at: Option<u32>,
    /// Task lines (` * Database updates...`) that report a failure or an error.
    pub failed_tasks: Vec<Line>,
    /// Lines of no other known form that report an error or a failure (`ERROR: ...`).
    pub failures: Vec<Line>,
    /// Lines the grammar knows no form for.
    pub unrecognized: Vec<Line>,
    /// What went wrong, one message each; empty when the update went through. `render` puts
    /// them in words (the JSON document carries the words).
    #[serde(skip)]
    #[schemars(skip)]
    pub anomalies: Vec<Message>,
}

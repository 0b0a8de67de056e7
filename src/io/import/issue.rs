//! The common shape every tracker source is read into — a CSV export, a Linear pull or a
//! Jira search page — so one preview and one merge serve them all. Plain data; no parsing.

use std::collections::HashSet;

use chrono::NaiveDate;

/// The tracker an export came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum System {
    Jira,
    Linear,
}

impl System {
    /// The `source.system` value items imported from this tracker carry.
    pub fn key(self) -> &'static str {
        match self {
            System::Jira => "jira",
            System::Linear => "linear",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            System::Jira => "Jira",
            System::Linear => "Linear",
        }
    }
}

/// Where an issue stands, with the actual dates the export gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    ToDo,
    InProgress { started: Option<NaiveDate> },
    Done { finished: Option<NaiveDate> },
}

/// One issue of an export, whatever the tracker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedIssue {
    /// The tracker's key (`PAY-12`); becomes the item's id.
    pub key: String,
    pub title: String,
    pub owner: Option<String>,
    /// The Jira project key or the Linear team (else project).
    pub team: Option<String>,
    /// A readable name for the team when the export has one (Jira `Project name`).
    pub team_name: Option<String>,
    pub due: Option<NaiveDate>,
    pub progress: Progress,
    /// Working days, from a time estimate or story points; at least 1 when present.
    pub estimate_days: Option<u32>,
    /// The parent's key (epic or parent issue), when the export names one.
    pub parent: Option<String>,
    /// Keys of the issues this one blocks: they come after it.
    pub blocks: Vec<String>,
    /// Keys of the issues that block this one: it comes after them.
    pub blocked_by: Vec<String>,
}

/// A whole export, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub system: System,
    pub issues: Vec<ImportedIssue>,
    /// Rows skipped and values not understood, each naming the row or key.
    pub warnings: Vec<String>,
    /// Whether every issue the source selects was read. `false` for a pull stopped early
    /// or Jira pages without their last one: the merge then marks nothing as missing.
    pub complete: bool,
    /// The key prefixes (Jira projects, Linear teams) whose every issue the source would
    /// list, so an item of theirs not listed is gone from it. `None`: the prefixes of the
    /// issues listed, as for a CSV export. A Linear pull by project names only its chosen
    /// teams, since an item does not record its project.
    pub covers: Option<Vec<String>>,
}

/// How estimates convert to working days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImportOptions {
    /// Working days per story point (Jira story points, Linear `Estimate`).
    pub days_per_point: f64,
    /// Working hours per day, for time estimates given in seconds.
    pub hours_per_day: f64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            days_per_point: 1.0,
            hours_per_day: 8.0,
        }
    }
}

/// Why a CSV could not be imported at all. Anything less is a warning in [`Import`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("This CSV is empty")]
    Empty,
    #[error(
        "This CSV is neither a Jira nor a Linear export: no 'Issue key' or 'ID' column \
         (its first columns are: {0})"
    )]
    NotAnExport(String),
}

/// Keeps the first issue of each key, warning about the rest, and drops links of an issue
/// to itself.
pub(crate) fn finish(
    system: System,
    issues: Vec<ImportedIssue>,
    mut warnings: Vec<String>,
) -> Import {
    let mut seen = HashSet::new();
    let mut kept = Vec::with_capacity(issues.len());
    for mut issue in issues {
        if !seen.insert(issue.key.clone()) {
            warnings.push(format!(
                "{} appears more than once; the first row is used",
                issue.key
            ));
            continue;
        }
        let key = issue.key.clone();
        issue.blocks.retain(|other| *other != key);
        issue.blocked_by.retain(|other| *other != key);
        kept.push(issue);
    }
    Import {
        system,
        issues: kept,
        warnings,
        complete: true,
        covers: None,
    }
}

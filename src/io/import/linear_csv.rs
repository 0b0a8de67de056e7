//! Linear's "Export CSV": `ID`, `Team`, `Title`, `Status`, `Assignee`, `Due Date`,
//! `Estimate` and, in newer exports, `Blocks` / `Blocked by`. Dates are ISO or JavaScript
//! date strings; progress comes from the `Started`/`Completed`/`Canceled` dates or the status.

use super::dates::date_cell;
use super::issue::{finish, Import, ImportOptions, ImportedIssue, Progress, System};
use super::table::{split_keys, Table};
use super::values::{days_from_points, progress_of_status};

/// The column that tells a Linear export apart (`Id` in some files; matched without case).
pub(crate) const KEY: &[&str] = &["ID"];
const TITLE: &[&str] = &["Title"];
const TEAM: &[&str] = &["Team"];
const PROJECT: &[&str] = &["Project"];
const STATUS: &[&str] = &["Status"];
const ASSIGNEE: &[&str] = &["Assignee"];
const DUE: &[&str] = &["Due Date"];
const ESTIMATE: &[&str] = &["Estimate"];
const STARTED: &[&str] = &["Started"];
const COMPLETED: &[&str] = &["Completed"];
const CANCELED: &[&str] = &["Canceled", "Cancelled"];
const PARENT: &[&str] = &["Parent issue"];
const BLOCKS: &[&str] = &["Blocks"];
const BLOCKED_BY: &[&str] = &["Blocked by"];

/// Reads the issues of a table whose header has an `ID` column.
pub(crate) fn read(table: &Table, options: &ImportOptions) -> Import {
    let mut warnings = table.warnings.clone();
    let mut issues = Vec::with_capacity(table.rows.len());
    for (number, row) in &table.rows {
        let Some(key) = table.first(row, KEY) else {
            warnings.push(format!("Row {number} has no ID; skipped"));
            continue;
        };
        let w = &mut warnings;
        let started = date_cell(table.first(row, STARTED), key, "start date", w);
        let completed = date_cell(table.first(row, COMPLETED), key, "completion date", w);
        let canceled = date_cell(table.first(row, CANCELED), key, "cancellation date", w);
        let by_status = table.first(row, STATUS).map(progress_of_status);
        let progress = if completed.is_some() || canceled.is_some() {
            Progress::Done {
                finished: completed.or(canceled),
            }
        } else {
            match by_status {
                Some(Progress::Done { .. }) => Progress::Done { finished: None },
                Some(Progress::InProgress { .. }) => Progress::InProgress { started },
                _ if started.is_some() => Progress::InProgress { started },
                _ => Progress::ToDo,
            }
        };
        issues.push(ImportedIssue {
            key: key.to_string(),
            title: table.first(row, TITLE).unwrap_or_default().to_string(),
            owner: table.first(row, ASSIGNEE).map(str::to_string),
            team: table
                .first(row, TEAM)
                .or_else(|| table.first(row, PROJECT))
                .map(str::to_string),
            team_name: None,
            due: date_cell(table.first(row, DUE), key, "due date", w),
            progress,
            estimate_days: table
                .first(row, ESTIMATE)
                .and_then(|cell| days_from_points(cell, options)),
            parent: table.first(row, PARENT).map(str::to_string),
            blocks: split_keys(&table.all(row, BLOCKS)),
            blocked_by: split_keys(&table.all(row, BLOCKED_BY)),
        });
    }
    finish(System::Linear, issues, warnings)
}

//! Linear's GraphQL answers read into the import's shape: the teams and projects for the
//! picker, and a page of issues as the same `ImportedIssue`s a Linear CSV gives. Lenient
//! on every field; an issue without an identifier is skipped with a warning.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::json::{flag, list, number, text};
use crate::io::import::{
    date_cell, points_to_days, progress_of_status, ImportOptions, ImportedIssue, Progress,
};

/// A team or project the person can pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Linear's id, what the issues query filters by.
    pub id: String,
    /// The team's key (`ENG`); projects have none.
    pub key: Option<String>,
    pub name: String,
}

/// What the picker lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    pub teams: Vec<Choice>,
    pub projects: Vec<Choice>,
    pub warnings: Vec<String>,
}

/// Reads the answer to the picker query.
pub(super) fn read_picker(data: &Value) -> Picker {
    let mut picker = Picker::default();
    for (kind, choices) in [
        ("teams", &mut picker.teams),
        ("projects", &mut picker.projects),
    ] {
        for node in list(data, &[kind, "nodes"]) {
            let Some(id) = text(node, &["id"]) else {
                continue;
            };
            let key = text(node, &["key"]).map(str::to_string);
            let name = text(node, &["name"])
                .or(key.as_deref())
                .unwrap_or(id)
                .to_string();
            choices.push(Choice {
                id: id.to_string(),
                key,
                name,
            });
        }
        if flag(data, &[kind, "pageInfo", "hasNextPage"]) == Some(true) {
            picker.warnings.push(format!(
                "Linear has more {kind} than the {} listed here (the most recently updated \
                 first); pick from these, or use the CSV export for the others",
                choices.len()
            ));
        }
    }
    picker
}

/// One page of issues: the issues read, what was left out, and the cursor of the next
/// page when Linear says there is one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct IssuesPage {
    pub(super) issues: Vec<ImportedIssue>,
    pub(super) warnings: Vec<String>,
    /// `pageInfo.endCursor` when `pageInfo.hasNextPage`; `None` on the last page.
    pub(super) next: Option<String>,
    /// Linear said there is a next page but gave no cursor for it.
    pub(super) next_without_cursor: bool,
    /// The teams of the issues listed, as (Linear id, key), each once.
    pub(super) teams: Vec<(String, String)>,
}

/// Reads the answer to one issues query.
pub(super) fn read_issues(data: &Value, options: &ImportOptions) -> IssuesPage {
    let mut page = IssuesPage::default();
    let nodes = list(data, &["issues", "nodes"]);
    for (index, node) in nodes.iter().enumerate() {
        if let (Some(id), Some(key)) = (text(node, &["team", "id"]), text(node, &["team", "key"])) {
            if !page.teams.iter().any(|(known, _)| known == id) {
                page.teams.push((id.to_string(), key.to_string()));
            }
        }
        match read_issue(node, options, &mut page.warnings) {
            Some(issue) => page.issues.push(issue),
            None => page.warnings.push(format!(
                "Issue {} of a page has no identifier; skipped",
                index + 1
            )),
        }
    }
    if flag(data, &["issues", "pageInfo", "hasNextPage"]) == Some(true) {
        page.next = text(data, &["issues", "pageInfo", "endCursor"]).map(str::to_string);
        page.next_without_cursor = page.next.is_none();
    }
    page
}

fn read_issue(
    node: &Value,
    options: &ImportOptions,
    warnings: &mut Vec<String>,
) -> Option<ImportedIssue> {
    let key = text(node, &["identifier"])?;
    let mut date = |path: &[&str], what: &str| date_cell(text(node, path), key, what, warnings);
    let started = date(&["startedAt"], "start date");
    let completed = date(&["completedAt"], "completion date");
    let canceled = date(&["canceledAt"], "cancellation date");
    let due = date(&["dueDate"], "due date");
    let progress = progress(node, started, completed, canceled);

    let team = text(node, &["team", "key"])
        .or_else(|| text(node, &["team", "name"]))
        .or_else(|| text(node, &["project", "name"]));
    let team_name =
        text(node, &["team", "name"]).filter(|_| text(node, &["team", "key"]).is_some());
    let estimate_days =
        number(node, &["estimate"]).and_then(|points| points_to_days(points, options));

    let (blocks, more_out) = related(node, "relations", "relatedIssue");
    let (blocked_by, more_in) = related(node, "inverseRelations", "issue");
    if more_out || more_in {
        warnings.push(format!(
            "{key} has more relations than one request reads ({RELATIONS_PER_ISSUE}); some of \
             its links may be missing — check them in Linear"
        ));
    }
    Some(ImportedIssue {
        key: key.to_string(),
        title: text(node, &["title"]).unwrap_or_default().to_string(),
        owner: text(node, &["assignee", "name"])
            .or_else(|| text(node, &["assignee", "displayName"]))
            .map(str::to_string),
        team: team.map(str::to_string),
        team_name: team_name.map(str::to_string),
        due,
        progress,
        estimate_days,
        parent: text(node, &["parent", "identifier"]).map(str::to_string),
        blocks,
        blocked_by,
    })
}

/// Progress from the workflow state's type — Linear's own category, whatever the team
/// named its states — else, for a type this build does not know, from the dates and name.
fn progress(
    node: &Value,
    started: Option<NaiveDate>,
    completed: Option<NaiveDate>,
    canceled: Option<NaiveDate>,
) -> Progress {
    match text(node, &["state", "type"])
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("completed") => Progress::Done {
            finished: completed.or(canceled),
        },
        Some("canceled") => Progress::Done {
            finished: canceled.or(completed),
        },
        Some("started") => Progress::InProgress { started },
        Some("triage" | "backlog" | "unstarted") => Progress::ToDo,
        _ if completed.is_some() || canceled.is_some() => Progress::Done {
            finished: completed.or(canceled),
        },
        _ => match text(node, &["state", "name"]).map(progress_of_status) {
            Some(Progress::Done { .. }) => Progress::Done { finished: None },
            Some(Progress::InProgress { .. }) => Progress::InProgress { started },
            _ if started.is_some() => Progress::InProgress { started },
            _ => Progress::ToDo,
        },
    }
}

/// How many relations each direction of an issue reads; more are reported, not read.
pub(super) const RELATIONS_PER_ISSUE: usize = 20;

/// The identifiers an issue's relations of type `blocks` point at (the other side is
/// `other`: `relatedIssue` for the issue's own relations, `issue` for inverse ones), and
/// whether Linear has more than were read.
fn related(node: &Value, connection: &str, other: &str) -> (Vec<String>, bool) {
    let mut seen = HashSet::new();
    let keys = list(node, &[connection, "nodes"])
        .iter()
        .filter(|relation| {
            text(relation, &["type"]).is_some_and(|kind| kind.eq_ignore_ascii_case("blocks"))
        })
        .filter_map(|relation| text(relation, &[other, "identifier"]))
        .filter(|key| seen.insert(*key))
        .map(str::to_string)
        .collect();
    let more = flag(node, &[connection, "pageInfo", "hasNextPage"]) == Some(true);
    (keys, more)
}

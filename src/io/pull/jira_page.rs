//! Jira search pages read into the import's shape: the JSON of `/rest/api/3/search/jql`
//! (and of the older `/rest/api/2|3/search`), several pages at once, through the same
//! `Import` a CSV gives, so the same preview and merge apply. Descriptions (ADF or text)
//! and every field not listed here are ignored; no page panics the reader.

use std::collections::HashSet;

use serde_json::Value;

use super::jira::{json_part, JiraError, PageShape};
use super::json::{at, list, number, text};
use crate::io::import::{
    date_cell, finish, points_to_days, progress_of_status, seconds_to_days, Import, ImportOptions,
    ImportedIssue, Progress, System,
};

/// Reads the pages of a Jira search (each the text of one saved or copied page, in any
/// order) into one import. Issues on more than one page are kept once. When the pages do
/// not reach the search's last page, the import says it is incomplete (nothing will be
/// marked missing) and warns. A page that is not a search result fails the whole import,
/// naming the page, so a half-read search never looks like a whole one.
pub fn import_jira_pages(
    pages: &[&str],
    story_points_field: &str,
    options: &ImportOptions,
) -> Result<Import, JiraError> {
    if pages.iter().all(|page| page.trim().is_empty()) {
        return Err(JiraError::NoPages);
    }
    let mut warnings = Vec::new();
    let mut seen_pages: Vec<&str> = Vec::new();
    let mut seen_keys = HashSet::new();
    let mut issues = Vec::new();
    let mut coverage = Coverage::default();
    for (index, raw) in pages.iter().enumerate() {
        let number = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if let Some(first) = seen_pages.iter().position(|seen| seen.trim() == raw.trim()) {
            warnings.push(format!(
                "Page {number} is the same as page {}; read once",
                first + 1
            ));
            continue;
        }
        seen_pages.push(raw);
        let page = read_page(raw, number)?;
        coverage.add(&page);
        for node in list(&page, &["issues"]) {
            let Some(issue) = read_issue(node, story_points_field, options, &mut warnings) else {
                warnings.push(format!("An issue on page {number} has no key; skipped"));
                continue;
            };
            if seen_keys.insert(issue.key.clone()) {
                issues.push(issue);
            }
        }
    }
    let complete = coverage.complete();
    if !complete {
        warnings.push(
            "These pages do not reach the last page of the search: open the next page link \
             of the last page saved and add that page too. Until then nothing is marked as no \
             longer in Jira."
                .to_string(),
        );
    }
    let mut import = finish(System::Jira, issues, warnings);
    import.complete = complete;
    Ok(import)
}

/// The page as JSON, or why it is not a search page.
fn read_page(raw: &str, page: usize) -> Result<Value, JiraError> {
    let trimmed = raw.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        return Err(JiraError::WebPage { page });
    }
    let value: Value = json_part(trimmed)
        .and_then(|json| serde_json::from_str(json).ok())
        .ok_or(JiraError::NotJson { page })?;
    if value.get("issues").is_some_and(Value::is_array) {
        return Ok(value);
    }
    let mut messages: Vec<String> = list(&value, &["errorMessages"])
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    if let Some(errors) = at(&value, &["errors"]).and_then(Value::as_object) {
        messages.extend(
            errors
                .iter()
                .filter_map(|(field, message)| Some(format!("{field}: {}", message.as_str()?))),
        );
    }
    if messages.is_empty() {
        Err(JiraError::NotASearch { page })
    } else {
        messages.truncate(3);
        let message: String = messages.join("; ").chars().take(300).collect();
        Err(JiraError::Refused {
            page,
            message: message.trim_end_matches('.').to_string(),
        })
    }
}

/// Which parts of the search the pages cover.
#[derive(Default)]
struct Coverage {
    /// Pages in Cloud's token form, and how many of them are a last page.
    token_pages: usize,
    last_pages: usize,
    /// Pages in the offset form: the results each covers, and the search's total.
    ranges: Vec<(u64, u64)>,
    total: u64,
}

impl Coverage {
    fn add(&mut self, page: &Value) {
        match PageShape::of(page) {
            PageShape::Tokens { last, .. } => {
                self.token_pages += 1;
                self.last_pages += usize::from(last);
            }
            PageShape::Offsets {
                start,
                count,
                total,
            } => {
                self.ranges.push((start, start.saturating_add(count)));
                self.total = self.total.max(total);
            }
        }
    }

    /// Token pages cannot say which page they are, only whether one is the last; offset
    /// pages must cover every result from 0 to the total.
    fn complete(&self) -> bool {
        let tokens = self.token_pages == 0 || self.last_pages > 0;
        let mut ranges = self.ranges.clone();
        crate::sort::sort(&mut ranges);
        let mut reached = 0;
        for (start, end) in ranges {
            if start > reached {
                break;
            }
            reached = reached.max(end);
        }
        tokens && (self.ranges.is_empty() || reached >= self.total)
    }
}

fn read_issue(
    node: &Value,
    story_points_field: &str,
    options: &ImportOptions,
    warnings: &mut Vec<String>,
) -> Option<ImportedIssue> {
    let key = text(node, &["key"])?;
    let empty = Value::Null;
    let fields = at(node, &["fields"]).unwrap_or(&empty);
    let mut date = |name: &str, what: &str| date_cell(text(fields, &[name]), key, what, warnings);
    let due = date("duedate", "due date");
    let resolved = date("resolutiondate", "resolution date");
    let category_changed = date("statuscategorychangedate", "status change date");

    let category = text(fields, &["status", "statusCategory", "key"]).map(str::to_ascii_lowercase);
    let progress = match category.as_deref() {
        Some("new") => Progress::ToDo,
        Some("indeterminate") => Progress::InProgress {
            started: category_changed,
        },
        Some("done") => Progress::Done {
            finished: resolved.or(category_changed),
        },
        _ => match text(fields, &["status", "statusCategory", "name"])
            .or_else(|| text(fields, &["status", "name"]))
            .map(progress_of_status)
        {
            Some(Progress::Done { .. }) => Progress::Done {
                finished: resolved.or(category_changed),
            },
            Some(Progress::InProgress { .. }) => Progress::InProgress {
                started: category_changed,
            },
            _ => Progress::ToDo,
        },
    };

    // The original estimate, else what remains, else story points — as the CSV reads them.
    let estimate_days = number(fields, &["timeoriginalestimate"])
        .and_then(|seconds| seconds_to_days(seconds, options))
        .or_else(|| {
            number(fields, &["timeestimate"]).and_then(|seconds| seconds_to_days(seconds, options))
        })
        .or_else(|| {
            number(fields, &[story_points_field]).and_then(|points| points_to_days(points, options))
        });

    let mut blocks = Vec::new();
    let mut blocked_by = Vec::new();
    for link in list(fields, &["issuelinks"]) {
        if !is_blocking(link) {
            continue;
        }
        // On this issue, an outward "blocks" link names the issue it blocks; an inward
        // "is blocked by" link names the issue blocking it.
        if let Some(other) = text(link, &["outwardIssue", "key"]) {
            push_once(&mut blocks, other);
        }
        if let Some(other) = text(link, &["inwardIssue", "key"]) {
            push_once(&mut blocked_by, other);
        }
    }

    let team = text(fields, &["project", "key"])
        .or_else(|| key.rsplit_once('-').map(|(prefix, _)| prefix.trim()))
        .filter(|team| !team.is_empty());
    Some(ImportedIssue {
        key: key.to_string(),
        title: text(fields, &["summary"]).unwrap_or_default().to_string(),
        owner: text(fields, &["assignee", "displayName"]).map(str::to_string),
        team: team.map(str::to_string),
        team_name: text(fields, &["project", "name"]).map(str::to_string),
        due,
        progress,
        estimate_days,
        parent: text(fields, &["parent", "key"]).map(str::to_string),
        blocks,
        blocked_by,
    })
}

/// A link of Jira's "Blocks" type (its outward side reads "blocks"), also when a site
/// renamed or translated the type's name.
fn is_blocking(link: &Value) -> bool {
    let name = text(link, &["type", "name"]).unwrap_or_default();
    let outward = text(link, &["type", "outward"]).unwrap_or_default();
    ["blocks", "blocker"]
        .iter()
        .any(|word| name.eq_ignore_ascii_case(word) || outward.eq_ignore_ascii_case(word))
}

fn push_once(keys: &mut Vec<String>, key: &str) {
    if !keys.iter().any(|known| known == key) {
        keys.push(key.to_string());
    }
}

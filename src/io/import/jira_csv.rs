//! Jira's "Export CSV (all fields)" and "(current fields)", including older Data Center
//! exports and localised headers where recognisable. Column names are matched without case;
//! repeated columns (link columns, `Sprint`, `Labels`) are all read.

use std::collections::HashMap;

use super::dates::date_cell;
use super::issue::{finish, Import, ImportOptions, ImportedIssue, Progress, System};
use super::table::{split_keys, Table};
use super::values::{days_from_points, days_from_seconds, progress_of_status};

/// The column that tells a Jira export apart: the issue (or "work item") key.
pub(crate) const KEY: &[&str] = &[
    "Issue key",
    "Work item key",
    "Key",
    "Vorgangsschlüssel",
    "Schlüssel",
    "Clé de ticket",
    "Clé",
    "Clave de incidencia",
    "Clave",
];
const ISSUE_ID: &[&str] = &["Issue id", "Work item id"];
const SUMMARY: &[&str] = &["Summary", "Zusammenfassung", "Résumé", "Resumen"];
const ASSIGNEE: &[&str] = &["Assignee", "Bearbeiter", "Responsable", "Persona asignada"];
const STATUS: &[&str] = &["Status", "Statut", "Estado"];
const STATUS_CATEGORY: &[&str] = &["Status Category", "Statuskategorie"];
const CATEGORY_CHANGED: &[&str] = &["Status Category Changed"];
const RESOLVED: &[&str] = &["Resolved", "Erledigt", "Résolu", "Resuelta"];
const DUE: &[&str] = &[
    "Due date",
    "Fälligkeitsdatum",
    "Date d'échéance",
    "Fecha de vencimiento",
];
const PROJECT_KEY: &[&str] = &["Project key", "Projektschlüssel"];
const PROJECT_NAME: &[&str] = &["Project name", "Projektname"];
const SECONDS: &[&str] = &["Original estimate", "Time estimate"];
const POINTS: &[&str] = &[
    "Custom field (Story Points)",
    "Custom field (Story point estimate)",
    "Story Points",
    "Story point estimate",
];
const PARENT_KEY: &[&str] = &["Parent key"];
/// These hold the parent's numeric issue id in most exports, its key in some.
const PARENT_ID: &[&str] = &["Parent", "Parent id"];
const OUTWARD_BLOCKS: &[&str] = &[
    "Outward issue link (Blocks)",
    "Outward issue link (Blocker)",
];
const INWARD_BLOCKS: &[&str] = &["Inward issue link (Blocks)", "Inward issue link (Blocker)"];

/// Reads the issues of a table whose header has a Jira key column.
pub(crate) fn read(table: &Table, options: &ImportOptions) -> Import {
    let mut warnings = table.warnings.clone();
    let keys_by_id: HashMap<&str, &str> = table
        .rows
        .iter()
        .filter_map(|(_, row)| Some((table.first(row, ISSUE_ID)?, table.first(row, KEY)?)))
        .collect();
    let mut issues = Vec::with_capacity(table.rows.len());
    for (number, row) in &table.rows {
        let Some(key) = table.first(row, KEY) else {
            warnings.push(format!("Row {number} has no issue key; skipped"));
            continue;
        };
        let w = &mut warnings;
        let category = table
            .first(row, STATUS_CATEGORY)
            .or_else(|| table.first(row, STATUS));
        let progress = match category.map(progress_of_status) {
            Some(Progress::Done { .. }) => Progress::Done {
                finished: date_cell(table.first(row, RESOLVED), key, "resolved date", w).or(
                    date_cell(
                        table.first(row, CATEGORY_CHANGED),
                        key,
                        "status change date",
                        w,
                    ),
                ),
            },
            Some(Progress::InProgress { .. }) => Progress::InProgress {
                started: date_cell(
                    table.first(row, CATEGORY_CHANGED),
                    key,
                    "status change date",
                    w,
                ),
            },
            _ => Progress::ToDo,
        };
        let estimate_days = table
            .first(row, SECONDS)
            .and_then(|cell| days_from_seconds(cell, options))
            .or_else(|| {
                table
                    .first(row, POINTS)
                    .and_then(|cell| days_from_points(cell, options))
            });
        let parent = table
            .first(row, PARENT_KEY)
            .map(str::to_string)
            .or_else(|| {
                table.first(row, PARENT_ID).and_then(|parent| {
                    match keys_by_id.get(parent) {
                        Some(key) => Some(key.to_string()),
                        // A numeric id of an issue not in this export names nothing we know.
                        None if parent.chars().all(|c| c.is_ascii_digit()) => None,
                        None => Some(parent.to_string()),
                    }
                })
            });
        let team = table
            .first(row, PROJECT_KEY)
            .or_else(|| key.rsplit_once('-').map(|(prefix, _)| prefix.trim()))
            .filter(|team| !team.is_empty())
            .map(str::to_string);
        issues.push(ImportedIssue {
            key: key.to_string(),
            title: table.first(row, SUMMARY).unwrap_or_default().to_string(),
            owner: table.first(row, ASSIGNEE).map(str::to_string),
            team,
            team_name: table.first(row, PROJECT_NAME).map(str::to_string),
            due: date_cell(table.first(row, DUE), key, "due date", &mut warnings),
            progress,
            estimate_days,
            parent,
            blocks: split_keys(&table.all(row, OUTWARD_BLOCKS)),
            blocked_by: split_keys(&table.all(row, INWARD_BLOCKS)),
        });
    }
    finish(System::Jira, issues, warnings)
}

//! Reading a program file: every problem at once, each naming the ids and fields involved.
//! Input is untrusted (stored data, links, files, scripts); nothing here panics.
//!
//! Two severities: an *error* means the file cannot be used as it is (not JSON, a field of the
//! wrong type, an impossible date, an unknown enum value, a duplicate id); a *warning* is
//! something the app shows beside the program but can still schedule around (a link to an
//! unknown id, `low > days`, a finish before a start).

mod shape;

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::problem::{Problem, Severity};
use super::types::Program;
use shape::check_shape;

/// Why a program file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("This is not a JSON document (line {line}, column {column}): {message}")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("This program file has {} problem(s): {}", .0.len(), list(.0))]
    Invalid(Vec<Problem>),
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A program that was read, with the warnings to show beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub program: Program,
    pub warnings: Vec<Problem>,
}

/// Reads a program file from text: migrates older formats, checks every field, and
/// returns the program with its warnings, or every error found.
pub fn read_program(text: &str) -> Result<Loaded, ReadError> {
    let value: Value = serde_json::from_str(text).map_err(|err| ReadError::NotJson {
        line: err.line(),
        column: err.column(),
        message: err.to_string(),
    })?;
    read_program_value(value)
}

/// As [`read_program`], from an already parsed JSON value.
pub fn read_program_value(value: Value) -> Result<Loaded, ReadError> {
    let value = super::migrate::migrate(value).map_err(|p| ReadError::Invalid(vec![p]))?;
    let problems = check_shape(&value);
    if !problems.is_empty() {
        return Err(ReadError::Invalid(problems));
    }
    let mut program = super::program_from_value(&value)
        .map_err(|err| ReadError::Invalid(vec![Problem::error("", err)]))?;
    // Older files and share links carry no uids: every reader derives the same ones.
    super::uid::fill(&mut program, true);
    let problems = check_program(&program);
    let (errors, warnings): (Vec<_>, Vec<_>) = problems
        .into_iter()
        .partition(|p| p.severity == Severity::Error);
    if errors.is_empty() {
        Ok(Loaded { program, warnings })
    } else {
        Err(ReadError::Invalid(errors))
    }
}

/// Checks a typed program for what its types cannot say: ids, links, estimates, dates.
/// Used on every file read and after every edit (the Plan view shows the warnings).
pub fn check_program(program: &Program) -> Vec<Problem> {
    let mut out = Vec::new();
    if program.target < program.start {
        out.push(Problem::error(
            "target",
            format!(
                "target {} is before the start {}",
                program.target, program.start
            ),
        ));
    }
    if program.calendar.workdays.is_empty() {
        out.push(Problem::error(
            "calendar.workdays",
            "at least one working day a week is needed",
        ));
    }

    // One namespace for every id in the program.
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let lists: [(&str, Vec<&str>); 5] = [
        (
            "teams",
            program.teams.iter().map(|t| t.id.as_str()).collect(),
        ),
        (
            "items",
            program.items.iter().map(|i| i.id.as_str()).collect(),
        ),
        (
            "dependencies",
            program.dependencies.iter().map(|d| d.id.as_str()).collect(),
        ),
        (
            "risks",
            program.risks.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            "decisions",
            program.decisions.iter().map(|d| d.id.as_str()).collect(),
        ),
    ];
    for (list, ids) in &lists {
        for (i, id) in ids.iter().enumerate() {
            if id.trim().is_empty() {
                out.push(Problem::error(format!("{list}[{i}].id"), "is empty"));
                continue;
            }
            if let Some(first) = seen.insert(id, list) {
                out.push(Problem::error(
                    format!("{list}[{id}]"),
                    format!("duplicate id {id} (also used in {first})"),
                ));
            }
        }
    }

    // One report per status date; the baseline names one of them.
    let mut dates = HashSet::new();
    for report in &program.reports {
        if !dates.insert(report.date) {
            out.push(Problem::error(
                format!("reports[{}]", report.date),
                format!("two reports are published at {}", report.date),
            ));
        }
    }
    if let Some(baseline) = program.baseline {
        if !dates.contains(&baseline) {
            out.push(Problem::warning(
                "baseline",
                format!("no report is published at {baseline}, so there is no baseline"),
            ));
        }
    }

    let schedulable: HashSet<&str> = program.schedulable_ids().collect();
    let teams: HashSet<&str> = program.teams.iter().map(|t| t.id.as_str()).collect();

    for item in &program.items {
        let place = format!("items[{}]", item.id);
        for (i, link) in item.after.iter().enumerate() {
            if link.id == item.id {
                out.push(Problem::warning(
                    format!("{place}.after[{i}]"),
                    format!("{} cannot come after itself", item.id),
                ));
            } else if !schedulable.contains(link.id.as_str()) {
                out.push(Problem::warning(
                    format!("{place}.after[{i}]"),
                    format!(
                        "link from {} to {}: no such item or dependency",
                        item.id, link.id
                    ),
                ));
            }
        }
        if let Some(team) = &item.team {
            if !teams.contains(team.as_str()) && !program.teams.is_empty() {
                out.push(Problem::warning(
                    format!("{place}.team"),
                    format!("{}'s team {team} is not in the program's teams", item.id),
                ));
            }
        }
        if let Some(low) = item.low {
            if low > item.days {
                out.push(Problem::warning(
                    format!("{place}.low"),
                    format!(
                        "{}: low estimate {low} is more than the likely {} days",
                        item.id, item.days
                    ),
                ));
            }
        }
        if let Some(high) = item.high {
            if high < item.days {
                out.push(Problem::warning(
                    format!("{place}.high"),
                    format!(
                        "{}: high estimate {high} is less than the likely {} days",
                        item.id, item.days
                    ),
                ));
            }
        }
        if let (Some(started), Some(finished)) = (item.started, item.finished) {
            if finished < started {
                out.push(Problem::warning(
                    format!("{place}.finished"),
                    format!(
                        "{} finished {finished}, before it started {started}",
                        item.id
                    ),
                ));
            }
        }
        if item.finished.is_some() && item.started.is_none() && !item.is_milestone() {
            out.push(Problem::warning(
                format!("{place}.started"),
                format!("{} has a finish date but no start date", item.id),
            ));
        }
        check_updates(&place, &item.status, &mut out);
    }

    for dep in &program.dependencies {
        let place = format!("dependencies[{}]", dep.id);
        if let Some([low, likely, high]) = dep.slip {
            if !(low <= likely && likely <= high) {
                out.push(Problem::warning(
                    format!("{place}.slip"),
                    format!("{}: slip must be [low ≤ likely ≤ high]", dep.id),
                ));
            }
        }
        check_updates(&place, &dep.status, &mut out);
    }

    let decisions: HashSet<&str> = program.decisions.iter().map(|d| d.id.as_str()).collect();
    for risk in &program.risks {
        let place = format!("risks[{}]", risk.id);
        for (i, id) in risk.affects.iter().enumerate() {
            if !schedulable.contains(id.as_str()) {
                out.push(Problem::warning(
                    format!("{place}.affects[{i}]"),
                    format!("{} affects {id}: no such item or dependency", risk.id),
                ));
            }
        }
        if let Some(decision) = &risk.decision {
            if !decisions.contains(decision.as_str()) {
                out.push(Problem::warning(
                    format!("{place}.decision"),
                    format!("{} links to decision {decision}: no such decision", risk.id),
                ));
            }
        }
    }
    out
}

fn check_updates(place: &str, updates: &[super::types::StatusUpdate], out: &mut Vec<Problem>) {
    for pair in updates.windows(2) {
        if pair[1].date < pair[0].date {
            out.push(Problem::warning(
                format!("{place}.status"),
                format!(
                    "status updates must be oldest first ({} comes after {})",
                    pair[1].date, pair[0].date
                ),
            ));
            break;
        }
    }
}

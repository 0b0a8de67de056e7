//! Re-importing a tracker export or pull into a program (docs/rules.md#merge): items are matched by
//! key, what the tracker owns is updated, what the TPM added is kept, and each item's
//! source remembers when the tracker last listed it. Nothing is ever deleted; items no
//! longer listed are only reported and marked. Pure: "now" is an argument, never the clock.

mod report;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::import::{Import, ImportedIssue, Progress};
use crate::model::{Item, Link, Program, Source, Team};
use report::list;
pub use report::{MergeReport, Merged};

enum Target {
    Existing(usize),
    New,
    Skip,
}

/// Merges an export into a copy of `program`.
///
/// Items match an issue by `source {system, key}`, else by `id == key` when the item has no
/// source. The tracker owns title, owner, team, due, started/finished and the `after` links
/// between tracker items (finish-to-start, no lag); the TPM owns everything else, which is
/// kept: status history, `remaining`, estimates (`days` is only filled when it is 0), risks,
/// decisions, dependencies, `not_before`, `kind`, and hand-made links to anything not from
/// this tracker. A blank cell in the export never erases a value. New items get `id = key`
/// and the export's estimate, else 1 day; an issue whose key is already taken by something
/// else is skipped with a warning.
///
/// This form records no time: listed items lose a `source.missing` mark, but neither
/// `pulled` nor `missing` is set. [`merge_at`] records both.
pub fn merge(program: &Program, import: &Import) -> Merged {
    merge_with(program, import, None)
}

/// [`merge`], recording provenance at `now` (the moment of the import or pull): every item
/// the import lists gets `source.pulled = now` and loses `source.missing`; every item of the
/// same tracker and project that it no longer lists keeps the first `missing` time it was
/// given, else gets `now`. Neither change counts as an update in the report.
pub fn merge_at(program: &Program, import: &Import, now: DateTime<Utc>) -> Merged {
    merge_with(program, import, Some(now))
}

fn merge_with(program: &Program, import: &Import, now: Option<DateTime<Utc>>) -> Merged {
    let system = import.system.key();
    let mut out = program.clone();
    let mut report = MergeReport {
        warnings: import.warnings.clone(),
        ..MergeReport::default()
    };

    let by_source: HashMap<&str, usize> = program
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match &item.source {
            Some(source) if source.system == system => Some((source.key.as_str(), i)),
            _ => None,
        })
        .rev() // the first item wins when two claim the same key
        .collect();
    let by_id: HashMap<&str, usize> = program
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .rev()
        .collect();
    let mut taken: HashSet<String> = program.all_ids().map(str::to_string).collect();

    // First decide where every issue goes, so links can name items added later in the file.
    let mut targets = Vec::with_capacity(import.issues.len());
    let mut key_to_id: HashMap<&str, String> = HashMap::new();
    let mut conflicts = Vec::new();
    for issue in &import.issues {
        let key = issue.key.as_str();
        let target = if let Some(&i) = by_source.get(key) {
            Target::Existing(i)
        } else if let Some(&i) = by_id
            .get(key)
            .filter(|&&i| program.items[i].source.is_none())
        {
            Target::Existing(i)
        } else if taken.contains(key) {
            conflicts.push(key.to_string());
            Target::Skip
        } else {
            taken.insert(key.to_string());
            Target::New
        };
        match target {
            Target::Existing(i) => {
                key_to_id.insert(key, program.items[i].id.clone());
            }
            Target::New => {
                key_to_id.insert(key, key.to_string());
            }
            Target::Skip => {}
        }
        targets.push(target);
    }
    if !conflicts.is_empty() {
        report.warnings.push(format!(
            "{}: the id is already used by something not imported from {}; not imported",
            list(&conflicts),
            import.system.label()
        ));
    }

    // Ids the tracker speaks for: links to them are the tracker's to set.
    let system_ids: HashSet<String> = by_source
        .values()
        .map(|&i| program.items[i].id.clone())
        .chain(key_to_id.values().cloned())
        .collect();
    let schedulable: HashSet<&str> = program.schedulable_ids().collect();

    let mut predecessors: HashMap<&str, Vec<&str>> = HashMap::new();
    for issue in &import.issues {
        for before in &issue.blocked_by {
            predecessors
                .entry(issue.key.as_str())
                .or_default()
                .push(before.as_str());
        }
        for after in &issue.blocks {
            predecessors
                .entry(after.as_str())
                .or_default()
                .push(issue.key.as_str());
        }
    }
    let mut unknown_links = Vec::new();
    let mut tracker_links = |issue: &ImportedIssue, own_id: &str| -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for key in predecessors.get(issue.key.as_str()).into_iter().flatten() {
            let id = key_to_id
                .get(key)
                .cloned()
                .or_else(|| by_source.get(key).map(|&i| program.items[i].id.clone()))
                .or_else(|| schedulable.contains(key).then(|| key.to_string()));
            match id {
                Some(id) if id != own_id && !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None => {
                    let key = key.to_string();
                    if !unknown_links.contains(&key) {
                        unknown_links.push(key);
                    }
                }
            }
        }
        ids
    };

    let mut teams: HashMap<String, Option<String>> = HashMap::new();
    let mut no_estimate = Vec::new();
    let mut no_date = Vec::new();
    for (issue, target) in import.issues.iter().zip(&targets) {
        if matches!(target, Target::Skip) {
            continue;
        }
        let team = issue.team.as_deref().and_then(|team| {
            team_id(
                &mut out,
                &mut teams,
                &mut taken,
                team,
                issue.team_name.as_deref(),
                &mut report.warnings,
            )
        });
        match *target {
            Target::Skip => {}
            Target::Existing(i) => {
                let own_id = out.items[i].id.clone();
                let links = tracker_links(issue, &own_id);
                let status_date = out.status_date;
                let item = &mut out.items[i];
                let changed = update(
                    item,
                    issue,
                    team,
                    links,
                    &system_ids,
                    status_date,
                    system,
                    &mut no_date,
                );
                if let Some(source) = item.source.as_mut() {
                    source.missing = None;
                    source.pulled = now.or(source.pulled);
                }
                if changed.is_empty() {
                    report.unchanged.push(own_id);
                } else {
                    report.updated.push((own_id, changed));
                }
            }
            Target::New => {
                let links = tracker_links(issue, &issue.key);
                let days = issue.estimate_days.unwrap_or_else(|| {
                    no_estimate.push(issue.key.clone());
                    1
                });
                let title = if issue.title.is_empty() {
                    &issue.key
                } else {
                    &issue.title
                };
                let mut item = Item::task(&issue.key, title, days);
                item.owner = issue.owner.clone();
                item.team = team;
                item.due = issue.due;
                item.after = links.iter().map(|id| Link::after(id)).collect();
                item.source = Some(Source {
                    pulled: now,
                    ..Source::new(system, &issue.key)
                });
                let (started, finished) = progress_dates(&item, issue, out.status_date);
                if finished.is_none() && matches!(issue.progress, Progress::Done { .. }) {
                    no_date.push(issue.key.clone());
                }
                item.started = started;
                item.finished = finished;
                report.added.push(item.id.clone());
                item.uid = crate::model::uid::fresh();
                out.items.push(item.into());
            }
        }
    }

    // Successors named only by a `blocks` cell are checked here: no issue looks them up.
    for key in import.issues.iter().flat_map(|issue| &issue.blocks) {
        let known = key_to_id.contains_key(key.as_str())
            || by_source.contains_key(key.as_str())
            || schedulable.contains(key.as_str());
        if !known && !unknown_links.contains(key) {
            unknown_links.push(key.clone());
        }
    }

    let in_export: HashSet<&str> = import.issues.iter().map(|i| i.key.as_str()).collect();
    // An export covers the projects (key prefixes) it contains: importing one team's
    // export must not flag every other team's items as gone.
    // An incomplete import (a pull stopped early, Jira pages without the last) says
    // nothing about what is gone.
    let projects: HashSet<&str> = match &import.covers {
        _ if !import.complete => HashSet::new(),
        Some(covers) => covers.iter().map(String::as_str).collect(),
        None => import.issues.iter().map(|i| project_of(&i.key)).collect(),
    };
    report.missing = program
        .items
        .iter()
        .filter(|item| {
            item.source.as_ref().is_some_and(|s| {
                s.system == system
                    && projects.contains(project_of(&s.key))
                    && !in_export.contains(s.key.as_str())
            })
        })
        .map(|item| item.id.clone())
        .collect();
    if let Some(now) = now {
        mark_missing(&mut out, &report.missing, now);
    }

    if !no_estimate.is_empty() {
        report.warnings.push(format!(
            "{}: no estimate in the export, 1 day assumed",
            list(&no_estimate)
        ));
    }
    if !no_date.is_empty() {
        report.warnings.push(format!(
            "{}: done in {} but the export has no resolution date and the program no status \
             date; set the finish on the Plan",
            list(&no_date),
            import.system.label()
        ));
    }
    if !unknown_links.is_empty() {
        report.warnings.push(format!(
            "Links to {} were left out: not in this export nor in the program",
            list(&unknown_links)
        ));
    }
    Merged {
        program: out,
        report,
    }
}

/// Applies the tracker-owned fields to an existing item; returns the names of those changed.
#[allow(clippy::too_many_arguments)]
fn update(
    item: &mut Item,
    issue: &ImportedIssue,
    team: Option<String>,
    tracker_links: Vec<String>,
    system_ids: &HashSet<String>,
    status_date: Option<NaiveDate>,
    system: &str,
    no_date: &mut Vec<String>,
) -> Vec<&'static str> {
    let mut changed = Vec::new();
    if !issue.title.is_empty() && item.title != issue.title {
        item.title = issue.title.clone();
        changed.push("title");
    }
    if issue.owner.is_some() && item.owner != issue.owner {
        item.owner = issue.owner.clone();
        changed.push("owner");
    }
    if team.is_some() && item.team != team {
        item.team = team;
        changed.push("team");
    }
    if issue.due.is_some() && item.due != issue.due {
        item.due = issue.due;
        changed.push("due");
    }
    let (started, finished) = progress_dates(item, issue, status_date);
    if finished.is_none() && matches!(issue.progress, Progress::Done { .. }) {
        no_date.push(issue.key.clone());
    }
    if item.started != started {
        item.started = started;
        changed.push("started");
    }
    if item.finished != finished {
        item.finished = finished;
        changed.push("finished");
    }
    // Hand-made links to non-tracker ids stay; links between tracker items follow the
    // tracker, but one the TPM already has (perhaps with a lag) keeps its type and lag.
    let mut after: Vec<Link> = item
        .after
        .iter()
        .filter(|link| !system_ids.contains(&link.id) || tracker_links.contains(&link.id))
        .cloned()
        .collect();
    for id in &tracker_links {
        if !after.iter().any(|link| &link.id == id) {
            after.push(Link::after(id));
        }
    }
    if after != item.after {
        item.after = after;
        changed.push("after");
    }
    if item.days == 0 && !item.is_milestone() {
        if let Some(days) = issue.estimate_days {
            item.days = days;
            changed.push("days");
        }
    }
    if item.source.is_none() {
        item.source = Some(Source::new(system, &issue.key));
        changed.push("source");
    }
    changed
}

/// The actual start and finish the tracker's progress implies. Dates the export lacks are
/// taken from what the item already has, then from the program's status date, because a
/// started item without a start date cannot be scheduled.
fn progress_dates(
    item: &Item,
    issue: &ImportedIssue,
    status_date: Option<NaiveDate>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match issue.progress {
        Progress::ToDo => (None, None),
        Progress::InProgress { started } => (started.or(item.started).or(status_date), None),
        Progress::Done { finished } => {
            let finished = finished.or(item.finished).or(status_date);
            let started = match (item.started, finished) {
                (Some(started), _) => Some(started),
                // Without a known start, the finish day stands in so the item reads as done
                // rather than as finished-but-never-started.
                (None, finished) => finished,
            };
            (started, finished)
        }
    }
}

/// The id of the team for a Jira project key or Linear team, creating the team if needed.
/// `None` (with a warning) when its id is taken by something that is not a team.
fn team_id(
    program: &mut Program,
    cache: &mut HashMap<String, Option<String>>,
    taken: &mut HashSet<String>,
    team: &str,
    name: Option<&str>,
    warnings: &mut Vec<String>,
) -> Option<String> {
    if let Some(id) = cache.get(team) {
        return id.clone();
    }
    // ASCII case folding: tracker project and team keys are ASCII, and Unicode case tables
    // weigh 12 KB in the download.
    let slug: String = team
        .trim()
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    let matches = |t: &Team| {
        t.id == slug
            || t.id.eq_ignore_ascii_case(team)
            || t.name.eq_ignore_ascii_case(team)
            || name.is_some_and(|name| t.name.eq_ignore_ascii_case(name))
    };
    let id = if slug.is_empty() {
        None
    } else if let Some(existing) = program.teams.iter().find(|t| matches(t)) {
        Some(existing.id.clone())
    } else if taken.contains(&slug) {
        warnings.push(format!(
            "Team {team}: the id {slug} is already used by something else; items keep their team"
        ));
        None
    } else {
        taken.insert(slug.clone());
        program.teams.push(
            Team {
                uid: crate::model::uid::fresh(),
                id: slug.clone(),
                name: name.unwrap_or(team).to_string(),
                lead: None,
                people: None,
                availability: Vec::new(),
            }
            .into(),
        );
        Some(slug)
    };
    cache.insert(team.to_string(), id.clone());
    id
}

/// The project part of a tracker key: `PAY` of `PAY-12` (the whole key when it has none).
fn project_of(key: &str) -> &str {
    key.rsplit_once('-')
        .map(|(project, _)| project)
        .unwrap_or(key)
}

/// Marks items no longer listed, keeping the moment each was first missed.
fn mark_missing(program: &mut Program, ids: &[String], now: DateTime<Utc>) {
    let ids: HashSet<&str> = ids.iter().map(String::as_str).collect();
    for item in &mut program.items {
        let listed = ids.contains(item.id.as_str());
        if listed && item.source.as_ref().is_some_and(|s| s.missing.is_none()) {
            if let Some(source) = item.source.as_mut() {
                source.missing = Some(now);
            }
        }
    }
}

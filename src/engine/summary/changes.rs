//! "What changed": against the last published report when there is one — exact, from the
//! figures that were actually reported (finish, confidence beyond the simulation's noise,
//! colours, slips, due dates moved by hand, risks opened and closed, decisions made) — and
//! otherwise against the previous status date, replayed from the status history (colours
//! and dated events only: a forecast is never recomputed for a past date).

use chrono::NaiveDate;

use super::{work_calendar, Facts, Section};
use crate::engine::forecast::confidence_change_is_noise;
use crate::engine::status::statuses;
use crate::engine::words::{
    calendar_days, clause, count, id_list, long_date, named, near_date, non_blank, percent,
    whole_percent, working_days, working_days_moved,
};
use crate::model::{Colour, Program, Report, RiskState, Sentence, StatusUpdate};

/// What "what changed" compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compared {
    /// The last report published before the status date: exact figures.
    Report(NaiveDate),
    /// No report yet: the previous status date, replayed from the status updates.
    StatusDate(NaiveDate),
}

impl Compared {
    pub fn date(self) -> NaiveDate {
        match self {
            Compared::Report(date) | Compared::StatusDate(date) => date,
        }
    }
}

/// The comparison's lines, and how the finish moved for the first paragraph.
pub(super) struct ComparedLines {
    pub compared: Compared,
    pub lines: Vec<String>,
    /// "2 weeks behind last report" when the finish moved since the last report.
    pub finish_moved_phrase: Option<String>,
}

/// True when a move of confidence is not worth a sentence: the whole percentages read the
/// same, or the move is within the simulation's own noise.
fn not_worth_reporting(before: f64, before_runs: u32, now: f64, now_runs: u32) -> bool {
    whole_percent(before) == whole_percent(now)
        || confidence_change_is_noise(before, before_runs, now, now_runs)
}

/// The latest status update date of any item or dependency strictly before `as_of`.
pub fn previous_status_date(program: &Program, as_of: NaiveDate) -> Option<NaiveDate> {
    program
        .items
        .iter()
        .flat_map(|i| i.status.iter())
        .chain(program.dependencies.iter().flat_map(|d| d.status.iter()))
        .map(|u| u.date)
        .filter(|d| *d < as_of)
        .max()
}

pub(super) fn compare(facts: &Facts) -> Option<ComparedLines> {
    let program = facts.program;
    if let Some(report) = program.last_report_before(facts.as_of) {
        return Some(against_report(facts, report));
    }
    let since = previous_status_date(program, facts.as_of)?;
    let mut lines = colour_moves_replayed(facts, since);
    lines.extend(events(program, since, facts.as_of));
    Some(ComparedLines {
        compared: Compared::StatusDate(since),
        lines,
        finish_moved_phrase: None,
    })
}

fn against_report(facts: &Facts, report: &Report) -> ComparedLines {
    let program = facts.program;
    let lookup = facts.lookup;
    let rows: std::collections::HashMap<&str, &crate::model::ReportRow> =
        (report.rows.iter().rev())
            .map(|row| (row.id.as_str(), row))
            .collect();
    let as_of = facts.as_of;
    let since = report.date;
    let mut lines = Vec::new();

    if report.colour != facts.colour.colour {
        lines.push(format!(
            "Program went {} → {}.",
            report.colour.label(),
            facts.colour.colour.label()
        ));
    }
    let finish = facts.finish.date;
    let cal = work_calendar(program, &[report.finish, finish, as_of]);
    let moved = cal.workdays_between(report.finish, finish);
    let mut finish_moved_phrase = None;
    if report.finish != finish {
        lines.push(format!(
            "Forecast finish moved from {} to {} ({}).",
            long_date(report.finish),
            long_date(finish),
            working_days_moved(moved)
        ));
        let per_week = program.calendar.workdays.len().max(1) as i64;
        let amount = if moved != 0 && moved % per_week == 0 {
            match moved.abs() / per_week {
                1 => "1 week".to_string(),
                weeks => format!("{weeks} weeks"),
            }
        } else {
            working_days(moved.abs())
        };
        finish_moved_phrase = match moved {
            0 => None,
            n if n > 0 => Some(format!("{amount} behind last report")),
            _ => Some(format!("{amount} ahead of last report")),
        };
    }
    if let (Some(before), Some(now)) = (report.confidence, facts.forecast) {
        if !not_worth_reporting(before, report.runs, now.confidence, now.iterations) {
            let verb = if now.confidence > before {
                "rose"
            } else {
                "fell"
            };
            lines.push(format!(
                "Confidence {verb} from {} to {}.",
                percent(before),
                percent(now.confidence)
            ));
        }
    }

    // Slips on the (near-)critical path: the first of each amount in full, the links that
    // moved with it on one line; slips off the path are one line too, so the list stays a
    // page.
    let mut path_slips: Vec<PathSlip> = Vec::new();
    let mut other_slips: Vec<(String, i64)> = Vec::new();
    for status in facts.statuses {
        let name = named(&status.id, &status.title);
        let Some(&row) = rows.get(status.id.as_str()) else {
            lines.push(format!("{name} was added to the plan."));
            continue;
        };
        if row.colour != status.effective && !status.done {
            let label = |c: Option<Colour>| c.map_or("no status", Colour::label);
            let why = status
                .auto_red_reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            lines.push(format!(
                "{name} went {} → {}{why}.",
                label(row.colour),
                label(status.effective)
            ));
        }
        let Some(node) = facts.schedule.node(&status.id).filter(|n| n.scheduled) else {
            continue;
        };
        if !status.done && node.early_finish != row.finish {
            let slip = cal.workdays_between(row.finish, node.early_finish);
            let place = if node.critical || row.critical {
                ", on the critical path"
            } else if node.near_critical {
                ", near-critical"
            } else {
                ""
            };
            if place.is_empty() && slip > 0 {
                other_slips.push((status.id.clone(), slip));
            } else {
                path_slips.push(PathSlip {
                    id: status.id.clone(),
                    name: name.clone(),
                    slip,
                    from: row.finish,
                    to: node.early_finish,
                    place,
                });
            }
        }
        let due = lookup.due_of(&status.id);
        match (row.due, due) {
            (Some(a), Some(b)) if a != b => lines.push(format!(
                "The due date of {name} was moved from {} to {}.",
                near_date(a, as_of),
                near_date(b, as_of)
            )),
            (None, Some(b)) => lines.push(format!(
                "{name} was given a due date: {}.",
                near_date(b, as_of)
            )),
            (Some(a), None) => lines.push(format!(
                "The {} due date of {name} was removed.",
                near_date(a, as_of)
            )),
            _ => {}
        }
    }
    lines.extend(path_slip_lines(path_slips, as_of));
    if !other_slips.is_empty() {
        let least = other_slips.iter().map(|(_, s)| *s).min().unwrap_or(0);
        let most = other_slips.iter().map(|(_, s)| *s).max().unwrap_or(0);
        let by = if least == most {
            working_days(most)
        } else {
            format!("{least}–{}", working_days(most))
        };
        let ids: Vec<String> = other_slips.into_iter().map(|(id, _)| id).collect();
        lines.push(format!(
            "{} off the critical path slipped {by}: {}.",
            count(ids.len(), "item", "items"),
            id_list(&ids, 12)
        ));
    }
    for row in &report.rows {
        if lookup.item(&row.id).is_none() && lookup.dependency(&row.id).is_none() {
            lines.push(format!("{} was removed from the plan.", row.id));
        }
    }

    for risk in &program.risks {
        let open = matches!(risk.state, RiskState::Open | RiskState::Escalated);
        let was_open = report.open_risks.contains(&risk.id);
        if open && !was_open {
            lines.push(format!("New risk: {}.", named(&risk.id, &risk.title)));
        } else if !open && was_open {
            lines.push(format!(
                "{} was {}.",
                named(&risk.id, &risk.title),
                risk.state.label().to_ascii_lowercase()
            ));
        }
    }
    for id in &report.open_risks {
        if !program.risks.iter().any(|r| &r.id == id) {
            lines.push(format!("Risk {id} was removed."));
        }
    }
    for decision in &program.decisions {
        let was_pending = report.pending_decisions.contains(&decision.id);
        if let Some(on) = decision.decided.filter(|d| was_pending && *d <= as_of) {
            let outcome = non_blank(decision.outcome.as_deref())
                .map(|o| format!(": {}", clause(o)))
                .unwrap_or_default();
            lines.push(format!(
                "Decision {} was taken on {}{outcome}.",
                decision.id,
                near_date(on, as_of)
            ));
        }
    }
    lines.extend(
        events(program, since, as_of)
            .into_iter()
            .filter(|line| !line.starts_with("Decision ")),
    );
    ComparedLines {
        compared: Compared::Report(since),
        lines,
        finish_moved_phrase,
    }
}

/// A move of the planned finish on the critical or near-critical path since the report.
struct PathSlip {
    id: String,
    name: String,
    slip: i64,
    from: NaiveDate,
    to: NaiveDate,
    place: &'static str,
}

/// One line for the first slip of each amount (the earliest to finish: usually the cause),
/// and one for everything on the path that moved by the same amount with it.
fn path_slip_lines(mut slips: Vec<PathSlip>, as_of: NaiveDate) -> Vec<String> {
    crate::sort::sort_by_key(&mut slips, |s| (std::cmp::Reverse(s.slip), s.from));
    let mut lines = Vec::new();
    let mut i = 0;
    while i < slips.len() {
        let first = &slips[i];
        let verb = if first.slip > 0 {
            "slipped"
        } else {
            "moved earlier by"
        };
        lines.push(format!(
            "{} {verb} {}: finish {} → {}{}.",
            first.name,
            working_days(first.slip.abs()),
            near_date(first.from, as_of),
            near_date(first.to, as_of),
            first.place
        ));
        let same = slips[i + 1..]
            .iter()
            .take_while(|s| s.slip == first.slip)
            .count();
        if same > 0 {
            let group = &slips[i + 1..=i + same];
            let last = group.iter().max_by_key(|s| s.to).unwrap_or(first);
            let ids: Vec<String> = group.iter().map(|s| s.id.clone()).collect();
            lines.push(format!(
                "With it, {} moved by the same {}: {} (the last now finishes {}).",
                count(ids.len(), "more on the path", "more on the path"),
                working_days(first.slip.abs()),
                id_list(&ids, 12),
                near_date(last.to, as_of)
            ));
        }
        i += same + 1;
    }
    lines
}

/// Colour moves since `since`, replayed from the updates alone (no report to compare with).
fn colour_moves_replayed(facts: &Facts, since: NaiveDate) -> Vec<String> {
    let program = facts.program;
    let as_of = facts.as_of;
    let then = statuses(program, facts.schedule, since);
    // The same program at an earlier date: its statuses are in the same order.
    let lookup = facts.lookup;
    let mut out = Vec::new();
    for (status, before) in facts.statuses.iter().zip(&then) {
        let before = Some(before).filter(|b| b.id == status.id);
        let name = named(&status.id, &status.title);
        match (before.and_then(|s| s.reported), status.reported) {
            (Some(a), Some(b)) if a != b => {
                let date = latest_update(lookup.updates_of(&status.id), as_of)
                    .map(|u| format!(" on {}", near_date(u.date, as_of)))
                    .unwrap_or_default();
                out.push(format!("{name} went {} → {}{date}.", a.label(), b.label()));
            }
            (None, Some(b)) => {
                let date = status
                    .last_update
                    .map(|d| format!(" on {}", near_date(d, as_of)))
                    .unwrap_or_default();
                out.push(format!(
                    "{name} reported {} for the first time{date}.",
                    b.label()
                ));
            }
            _ => {}
        }
        let red_then = before.is_some_and(|s| s.effective == Some(Colour::Red));
        if status.reported == Some(Colour::Yellow)
            && status.effective == Some(Colour::Red)
            && !red_then
        {
            if let (Some(since_yellow), Some(days)) = (status.colour_since, status.days_in_colour) {
                out.push(format!(
                    "{name} turned Red: Yellow since {} ({}) without movement.",
                    near_date(since_yellow, as_of),
                    calendar_days(days)
                ));
            }
        }
    }
    out
}

/// Dated events in (since, as_of]: starts, finishes, deliveries, dependencies going
/// overdue, decisions taken, risks becoming blockers, remaining work rising.
fn events(program: &Program, since: NaiveDate, as_of: NaiveDate) -> Vec<String> {
    let within = |date: Option<NaiveDate>| date.is_some_and(|d| since < d && d <= as_of);
    let mut out = Vec::new();
    for item in &program.items {
        let name = named(&item.id, &item.title);
        if let Some(d) = item.started.filter(|d| within(Some(*d))) {
            out.push(format!("{name} started on {}.", near_date(d, as_of)));
        }
        if let Some(d) = item.finished.filter(|d| within(Some(*d))) {
            let against_due = item
                .due
                .map(|due| format!(" (due {})", near_date(due, as_of)))
                .unwrap_or_default();
            out.push(format!(
                "{name} finished on {}{against_due}.",
                near_date(d, as_of)
            ));
        }
        if let Some((from, to)) = remaining_rise(&item.status, since, as_of) {
            out.push(format!("{name}: remaining rose from {from} to {to} days."));
        }
    }
    for dep in &program.dependencies {
        let name = named(&dep.id, &dep.title);
        if let Some(d) = dep.delivered.filter(|d| within(Some(*d))) {
            let against_due = dep
                .due
                .map(|due| format!(" (due {})", near_date(due, as_of)))
                .unwrap_or_default();
            out.push(format!(
                "{name} was delivered on {}{against_due}.",
                near_date(d, as_of)
            ));
        } else if dep.delivered.is_none_or(|d| d > as_of) {
            // It turned overdue on the first day after its due date.
            if let Some(due) = dep.due.filter(|due| since <= *due && *due < as_of) {
                out.push(format!(
                    "{name} went overdue: due {}, not delivered.",
                    near_date(due, as_of)
                ));
            }
        }
    }
    for decision in &program.decisions {
        if let Some(d) = decision.decided.filter(|d| within(Some(*d))) {
            let outcome = non_blank(decision.outcome.as_deref())
                .map(|o| format!(": {}", clause(o)))
                .unwrap_or_default();
            out.push(format!(
                "Decision {} was taken on {}{outcome}.",
                decision.id,
                near_date(d, as_of)
            ));
        }
    }
    for risk in &program.risks {
        let live = matches!(risk.state, RiskState::Open | RiskState::Escalated);
        if let Some(t) = risk.trigger.filter(|t| live && since <= *t && *t < as_of) {
            out.push(format!(
                "{} became a blocker: its trigger date {} passed.",
                named(&risk.id, &risk.title),
                near_date(t, as_of)
            ));
        }
    }
    out
}

/// The latest update on or before `date`; of two on the same day the one written last.
fn latest_update(updates: &[StatusUpdate], date: NaiveDate) -> Option<&StatusUpdate> {
    updates
        .iter()
        .enumerate()
        .filter(|(_, u)| u.date <= date)
        .max_by_key(|(i, u)| (u.date, *i))
        .map(|(_, u)| u)
}

/// The rise of `remaining` over (since, as_of]: from the last value recorded on or before
/// `since` (or the first in the window) to the last in the window, when it went up.
fn remaining_rise(
    updates: &[StatusUpdate],
    since: NaiveDate,
    as_of: NaiveDate,
) -> Option<(u32, u32)> {
    let mut known: Vec<&StatusUpdate> = updates
        .iter()
        .filter(|u| u.date <= as_of && u.remaining.is_some())
        .collect();
    crate::sort::sort_by_key(&mut known, |u| u.date);
    let in_window = known.iter().position(|u| u.date > since)?;
    let baseline = if in_window > 0 {
        known[in_window - 1].remaining?
    } else {
        known[in_window].remaining?
    };
    let latest = known.last()?.remaining?;
    (latest > baseline).then_some((baseline, latest))
}

pub(super) fn changes_section(compared: Option<&Compared>, lines: &[String]) -> Section {
    let (heading, empty) = match compared {
        Some(Compared::Report(date)) => (
            format!("What changed since the report of {}", long_date(*date)),
            format!("No changes since the report of {}.", long_date(*date)),
        ),
        Some(Compared::StatusDate(date)) => (
            format!("What changed since {}", long_date(*date)),
            format!(
                "No changes since {}. Publish this week's status to compare next week's figures exactly.",
                long_date(*date)
            ),
        ),
        None => (
            "What changed".to_string(),
            "No earlier status to compare with yet.".to_string(),
        ),
    };
    Section {
        key: "changes",
        heading,
        lines: lines.iter().map(|l| Sentence::plain(l)).collect(),
        empty,
        list: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_of_confidence_over_ten_thousand_runs_is_not_reported_but_five_are() {
        assert!(not_worth_reporting(0.70, 10_000, 0.69, 10_000));
        assert!(not_worth_reporting(0.705, 10_000, 0.701, 10_000));
        assert!(!not_worth_reporting(0.70, 10_000, 0.65, 10_000));
        // Few runs are noisier: ten points over 100 runs is still noise.
        assert!(not_worth_reporting(0.70, 100, 0.60, 100));
    }
}

//! The one derived cockpit: everything a view shows, computed once per (program, status
//! date) and, when the Monte Carlo result lands, once more for the parts that depend on it.
//! Views only render it; none recomputes a schedule, a colour, a finding or a sentence.
//! Pure: "today" is an argument; no browser, no clock.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::forecast::Forecast;
use super::schedule::{schedule, NodeSchedule, Schedule};
use super::status::{
    history, program_colour, risk_findings, statuses, ItemStatus, ProgramColour, RiskFinding,
    WeekCell,
};
use super::summary::{summarize, work_calendar, Facts, Summary};
use super::words::{long_date, working_days};
use crate::model::Program;

/// Where an item or dependency stood in the baseline report, and how far it moved since.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineSlip {
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub due: Option<NaiveDate>,
    /// Working days the planned finish moved since the baseline (positive: later).
    pub finish_slip: i64,
    /// Working days the due date moved since the baseline, when it had one and has one.
    pub due_slip: Option<i64>,
}

/// The baseline report's dates for every item and dependency it had.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// The status date of the baseline report.
    pub date: NaiveDate,
    pub rows: HashMap<String, BaselineSlip>,
}

fn baseline(program: &Program, schedule: &Schedule) -> Option<Baseline> {
    let report = program.baseline_report()?;
    let mut dates: Vec<NaiveDate> = report.rows.iter().map(|r| r.finish).collect();
    dates.push(schedule.forecast_finish);
    let cal = work_calendar(program, &dates);
    let lookup = program.lookup();
    let rows = report
        .rows
        .iter()
        .map(|row| {
            let now_finish = schedule
                .node(&row.id)
                .filter(|n| n.scheduled)
                .map(|n| n.early_finish);
            let now_due = lookup.due_of(&row.id);
            let slip = BaselineSlip {
                start: row.start,
                finish: row.finish,
                due: row.due,
                finish_slip: now_finish.map_or(0, |f| cal.workdays_between(row.finish, f)),
                due_slip: row
                    .due
                    .zip(now_due)
                    .map(|(a, b)| cal.workdays_between(a, b)),
            };
            (row.id.clone(), slip)
        })
        .collect();
    Some(Baseline {
        date: report.date,
        rows,
    })
}

/// The date the program answers "will we hit it?" with (SPEC §4 "Capacity": with capacity
/// data the schedule is levelled): the levelled finish when the teams' people and
/// availability constrain the plan, else the critical path method's. The summary's date
/// sentence, the colour, what changed, the trend and a published report all read it, so
/// none says a date the confidence beside it does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finish {
    pub date: NaiveDate,
    /// Working days from `date` to the target (negative: after it).
    pub slack_to_target: i64,
    /// With capacity data, the critical path method's finish: the timeline's, which has
    /// no capacity limits. `None` without capacity data (then it is `date`).
    pub unlevelled: Option<NaiveDate>,
}

impl Finish {
    /// The finish of `program` at `as_of`, whose critical-path `schedule` is given. Levels
    /// the program only when a team has people (about 1.4 ms natively at 1,000 items × 12
    /// teams; nothing without capacity data).
    pub fn of(program: &Program, schedule: &Schedule, as_of: NaiveDate) -> Finish {
        let plain = Finish::unlevelled(schedule);
        if !program.teams.iter().any(|t| t.people.is_some()) {
            return plain;
        }
        let levelled = super::capacity::level(program, as_of);
        if !levelled.constrained {
            return plain;
        }
        Finish {
            date: levelled.schedule.forecast_finish,
            slack_to_target: levelled.schedule.slack_to_target,
            unlevelled: Some(schedule.forecast_finish),
        }
    }

    /// The critical path method's finish, as without capacity data.
    pub fn unlevelled(schedule: &Schedule) -> Finish {
        Finish {
            date: schedule.forecast_finish,
            slack_to_target: schedule.slack_to_target,
            unlevelled: None,
        }
    }

    /// "Finishes 18 Jan 2027, 1 working day after the target (15 Jan 2027), with the teams'
    /// capacity; 5 Jan 2027 without capacity limits, as the timeline shows." Without
    /// capacity data, only the first part.
    pub fn words(&self, target: NaiveDate) -> String {
        let when = match self.slack_to_target {
            0 if self.date > target => "just after the target".to_string(),
            0 => "on the target day".to_string(),
            s if s > 0 => format!("{} before the target", working_days(s)),
            s => format!("{} after the target", working_days(-s)),
        };
        let date = long_date(self.date);
        let target = long_date(target);
        match self.unlevelled {
            Some(plain) if plain != self.date => format!(
                "Finishes {date}, {when} ({target}), with the teams' capacity; {} without capacity limits, as the timeline shows.",
                long_date(plain)
            ),
            Some(_) => format!(
                "Finishes {date}, {when} ({target}); the teams' capacity does not move it."
            ),
            None => format!("Finishes {date}, {when} ({target})."),
        }
    }
}

/// Weeks in a card's history strip.
pub const HISTORY_WEEKS: usize = 8;

/// What does not depend on the Monte Carlo: the status date, the schedule, every item's
/// and dependency's colour signals and history, and the risk findings.
#[derive(Debug, Clone, PartialEq)]
pub struct Basis {
    /// The status date every rule is evaluated at: `status_date`, or today.
    pub as_of: NaiveDate,
    pub schedule: Schedule,
    /// Items (file order) then dependencies (file order).
    pub statuses: Vec<ItemStatus>,
    /// The weekly history strip of each entry of `statuses`, oldest week first.
    pub history: Vec<Vec<WeekCell>>,
    /// One per risk, in file order.
    pub findings: Vec<RiskFinding>,
    /// The finish the program answers with: levelled when capacity data constrains it.
    pub finish: Finish,
    /// The baseline report's dates and the slip since, when one report is the baseline.
    pub baseline: Option<Baseline>,
    status_index: HashMap<String, usize>,
    uid_index: HashMap<String, usize>,
}

impl Basis {
    /// Schedules the program and reads its colours and risks at its status date (or
    /// `today` when it has none).
    pub fn compute(program: &Program, today: NaiveDate) -> Basis {
        let as_of = program.as_of(today);
        let schedule = schedule(program, as_of);
        let statuses = statuses(program, &schedule, as_of);
        let findings = risk_findings(program, &schedule, as_of);
        let status_index = statuses
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .rev() // the first of two equal ids wins, as in the schedule
            .collect();
        let uid_index = statuses
            .iter()
            .enumerate()
            .map(|(i, s)| (s.uid.clone(), i))
            .collect();
        // Statuses are the items then the dependencies, in file order.
        let updates = (program.items.iter().map(|i| &i.status))
            .chain(program.dependencies.iter().map(|d| &d.status));
        let history = updates
            .map(|updates| history(updates, as_of, HISTORY_WEEKS, program.start))
            .collect();
        let baseline = baseline(program, &schedule);
        let finish = Finish::of(program, &schedule, as_of);
        Basis {
            as_of,
            finish,
            schedule,
            statuses,
            history,
            findings,
            baseline,
            status_index,
            uid_index,
        }
    }

    /// The colour signals of the item or dependency with this uid.
    pub fn status_of_uid(&self, uid: &str) -> Option<&ItemStatus> {
        self.uid_index.get(uid).map(|&i| &self.statuses[i])
    }

    /// The history strip of the item or dependency with this uid.
    pub fn history_of_uid(&self, uid: &str) -> &[WeekCell] {
        self.uid_index
            .get(uid)
            .map(|&i| self.history[i].as_slice())
            .unwrap_or_default()
    }

    /// The colour signals of an item or dependency.
    pub fn status(&self, id: &str) -> Option<&ItemStatus> {
        self.status_index.get(id).map(|&i| &self.statuses[i])
    }

    /// The history strip of an item or dependency.
    pub fn history_of(&self, id: &str) -> &[WeekCell] {
        self.status_index
            .get(id)
            .map(|&i| self.history[i].as_slice())
            .unwrap_or_default()
    }

    /// The schedule of an item or dependency, when it has real dates (not on a cycle).
    pub fn node(&self, id: &str) -> Option<&NodeSchedule> {
        self.schedule.node(id).filter(|n| n.scheduled)
    }

    /// What the rules found about a risk.
    pub fn finding(&self, id: &str) -> Option<&RiskFinding> {
        self.findings.iter().find(|f| f.id == id)
    }
}

/// Everything the views show.
#[derive(Debug, Clone, PartialEq)]
pub struct Cockpit {
    pub basis: Arc<Basis>,
    /// The date confidence, once the Monte Carlo has run for this program and date.
    pub forecast: Option<Arc<Forecast>>,
    /// The program colour with its reasons (confidence counts once it is known).
    pub colour: ProgramColour,
    pub summary: Summary,
}

impl Cockpit {
    /// The whole cockpit in one call (the native tests and tools use this).
    pub fn compute(program: &Program, today: NaiveDate, forecast: Option<&Forecast>) -> Cockpit {
        let basis = Arc::new(Basis::compute(program, today));
        Cockpit::assemble(program, basis, forecast.cloned().map(Arc::new))
    }

    /// The parts that depend on the forecast, over a basis already computed for the same
    /// program and date: the UI calls this when the Monte Carlo result lands, without
    /// rescheduling. `forecast` must belong to this program and status date.
    pub fn assemble(
        program: &Program,
        basis: Arc<Basis>,
        forecast: Option<Arc<Forecast>>,
    ) -> Cockpit {
        // A confidence drawn from no ranges at all (100 %, a vertical S-curve) says nothing:
        // the colour does not count it, as the summary does not show it.
        let estimated = crate::engine::summary::estimated(&crate::engine::summary::unranged_in(
            program,
            &basis.schedule,
        ));
        let confidence = forecast
            .as_ref()
            .map(|f| f.confidence)
            .filter(|_| estimated);
        let colour = program_colour(
            program,
            &basis.schedule,
            &basis.finish,
            &basis.statuses,
            &basis.findings,
            confidence,
            basis.as_of,
        );
        let lookup = program.lookup();
        let summary = summarize(Facts {
            program,
            lookup: &lookup,
            schedule: &basis.schedule,
            finish: basis.finish,
            statuses: &basis.statuses,
            findings: &basis.findings,
            colour: &colour,
            forecast: forecast.as_deref(),
            as_of: basis.as_of,
        });
        Cockpit {
            basis,
            forecast,
            colour,
            summary,
        }
    }

    pub fn as_of(&self) -> NaiveDate {
        self.basis.as_of
    }

    pub fn schedule(&self) -> &Schedule {
        &self.basis.schedule
    }
}

/// A fingerprint of everything the Monte Carlo reads: the dates, calendar and rules, and
/// every item's and dependency's id, kind, estimate, links, bounds and progress, in file
/// order, and capacity: items' teams and needs, teams' people and availability, the
/// accepted levelling. Titles, owners, notes, colours, risks and decisions are not in it: editing them
/// never changes a figure, so a forecast already computed for the same key still holds.
pub fn forecast_key(program: &Program, as_of: NaiveDate) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (as_of, program.start, program.target).hash(&mut h);
    (&program.calendar.workdays, &program.calendar.holidays).hash(&mut h);
    let rules = &program.rules;
    (
        rules.iterations,
        rules.slip_by_risk.low,
        rules.slip_by_risk.medium,
    )
        .hash(&mut h);
    rules.slip_by_risk.high.hash(&mut h);
    for item in &program.items {
        (&item.id, item.kind, item.days, item.low, item.high).hash(&mut h);
        // Capacity (engine::capacity): who it needs, which team it is of.
        (&item.team, &item.needs).hash(&mut h);
        for link in &item.after {
            (&link.id, link.link_type, link.lag).hash(&mut h);
        }
        (item.not_before, item.started, item.finished, item.remaining).hash(&mut h);
    }
    0xD7u8.hash(&mut h); // items end here, dependencies begin
    for dep in &program.dependencies {
        (&dep.id, dep.due, dep.delivered, dep.risk, dep.slip).hash(&mut h);
    }
    0xCAu8.hash(&mut h); // capacity: teams' people and availability, the accepted order
    for team in &program.teams {
        // A team's id matters only to levelling, so only once it has people.
        (team.people.map(|_| &team.id), team.people).hash(&mut h);
        for change in &team.availability {
            (change.from, change.percent).hash(&mut h);
        }
    }
    program.levelling.hash(&mut h);
    h.finish()
}

//! The critical path method over items and external dependencies (SPEC §4 "Schedule").
//! Pure: the status date is an argument. A cycle or a link to an unknown id is reported by
//! name and never stops the rest of the program from scheduling.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::calendar::WorkCalendar;
use super::network::{Mode, Network, NO_DRIVER};
use crate::model::Program;

/// What a schedule node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Task,
    Milestone,
    Dependency,
}

/// The dates and float of one item or dependency.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeSchedule {
    pub id: String,
    pub kind: NodeKind,
    /// Earliest start and finish (inclusive working days; a milestone has start == finish).
    pub early_start: NaiveDate,
    pub early_finish: NaiveDate,
    /// Latest start and finish from the backward pass run from the forecast finish.
    pub late_start: NaiveDate,
    pub late_finish: NaiveDate,
    /// Working days it can slip before the forecast finish moves.
    pub total_float: i64,
    /// Working days it can slip before `target` is missed (negative: it alone makes us late).
    pub float_to_target: i64,
    /// Float 0 (and scheduled).
    pub critical: bool,
    /// Float ≤ `rules.near_critical_days` and not critical.
    pub near_critical: bool,
    /// A dependency not delivered and past due: taken as landing on the status date.
    pub overdue: bool,
    /// Finished item or delivered dependency.
    pub done: bool,
    /// False for nodes on a cycle: they keep placeholder dates and are left out of the path.
    pub scheduled: bool,
}

/// A problem in the network that the schedule worked around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleProblem {
    /// The ids on a dependency cycle, in link order.
    Cycle(Vec<String>),
    /// A link from `from` to an id that is neither an item nor a dependency.
    UnknownLink { from: String, to: String },
}

impl std::fmt::Display for ScheduleProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScheduleProblem::Cycle(ids) => {
                write!(
                    f,
                    "Dependency cycle: {} → {}",
                    ids.join(" → "),
                    ids.first().map(String::as_str).unwrap_or("")
                )
            }
            ScheduleProblem::UnknownLink { from, to } => {
                write!(f, "Link from {from} to {to}: no such item or dependency")
            }
        }
    }
}

/// The schedule of a whole program at a status date.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// The status date the schedule was computed at.
    pub as_of: NaiveDate,
    /// One entry per item (file order) then per dependency (file order).
    pub nodes: Vec<NodeSchedule>,
    /// id → index into `nodes`.
    pub index: HashMap<String, usize>,
    /// The latest earliest finish.
    pub forecast_finish: NaiveDate,
    /// Working days from the forecast finish to `target`; negative: late.
    pub slack_to_target: i64,
    /// One critical chain, first to last, ending at the forecast finish.
    pub critical_path: Vec<String>,
    pub problems: Vec<ScheduleProblem>,
}

impl Schedule {
    pub fn node(&self, id: &str) -> Option<&NodeSchedule> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }
}

/// The result of "what if X slips N days".
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub id: String,
    pub slip_days: i64,
    pub old_finish: NaiveDate,
    pub new_finish: NaiveDate,
    /// Working days the program finish moves (positive: later).
    pub finish_moves_by: i64,
    /// Every node whose early finish changes: (id, old early finish, new early finish).
    pub moved: Vec<(String, NaiveDate, NaiveDate)>,
}

/// Schedules `program` as of `as_of` (its `status_date`, or the caller's today).
///
/// Never fails: nodes on a cycle keep dates from their own bounds with `scheduled: false`,
/// links to unknown ids are ignored, and both are listed in `problems`.
pub fn schedule(program: &Program, as_of: NaiveDate) -> Schedule {
    let network = Network::compile(program, as_of);
    schedule_network(program, network, as_of)
}

fn schedule_network(program: &Program, mut network: Network, as_of: NaiveDate) -> Schedule {
    let n = network.len();
    let mut start = vec![0i64; n];
    let mut end = vec![0i64; n];
    let mut driver = vec![NO_DRIVER; n];
    let finish = network.forward(
        &network.dur,
        &network.lower_end,
        &mut start,
        &mut end,
        &mut driver,
    );
    // A very long program runs past the calendar's table: widen it once, so turning
    // thousands of working-day numbers into dates stays a lookup.
    if let Some(wider) = network.cal.covering(&program.calendar, finish + 1) {
        network.cal = wider;
    }
    let late_end = network.backward(&start, &end, finish);
    let late_end_target = network.backward(&start, &end, network.target_end);
    let cal = &network.cal;
    let near = program.rules.near_critical_days as i64;

    let mut nodes = Vec::with_capacity(n);
    for i in 0..n {
        let scheduled = network.scheduled[i];
        let done = network.done[i];
        let span = end[i] - start[i];
        let (early_start, early_finish) = display(cal, start[i], end[i]);
        let (late_start, late_finish) = display(cal, late_end[i] - span, late_end[i]);
        let total_float = if scheduled {
            (late_end[i] - end[i]).max(0)
        } else {
            0
        };
        let float_to_target = if scheduled {
            late_end_target[i] - end[i]
        } else {
            0
        };
        let live = scheduled && !done;
        nodes.push(NodeSchedule {
            // Moved in from the network below, once the critical chain has read them.
            id: String::new(),
            kind: network.kinds[i],
            early_start,
            early_finish,
            late_start,
            late_finish,
            total_float,
            float_to_target,
            critical: live && total_float == 0,
            near_critical: live && total_float > 0 && total_float <= near,
            overdue: network.overdue[i],
            done,
            scheduled,
        });
    }
    // Finished items show their actual dates, whatever day of the week they fell on.
    for (i, item) in program.items.iter().enumerate() {
        if let Some(finished) = item.finished {
            nodes[i].early_finish = finished;
            nodes[i].late_finish = finished;
            if let Some(started) = item.started.filter(|s| *s <= finished) {
                nodes[i].early_start = started;
                nodes[i].late_start = started;
            }
        } else if let Some(started) = item.started.filter(|_| !item.is_milestone()) {
            nodes[i].early_start = started;
        }
    }

    let critical_path = critical_chain(&network, &nodes, &end, &driver, finish);
    for (node, id) in nodes.iter_mut().zip(std::mem::take(&mut network.ids)) {
        node.id = id;
    }
    let forecast_finish = network.cal.date(finish - 1);
    Schedule {
        as_of,
        index: std::mem::take(&mut network.index),
        nodes,
        forecast_finish,
        slack_to_target: network.target_end - finish,
        critical_path,
        problems: std::mem::take(&mut network.problems),
    }
}

/// Start and finish dates of a node occupying boundaries `start..end`; a zero-length node
/// (milestone, dependency) sits on the last working day before its boundary.
fn display(cal: &WorkCalendar, start: i64, end: i64) -> (NaiveDate, NaiveDate) {
    if end > start {
        (cal.date(start), cal.date(end - 1))
    } else {
        let day = cal.date(end - 1);
        (day, day)
    }
}

/// Walks back from the critical node that ends last along the links that drove each date.
fn critical_chain(
    network: &Network,
    nodes: &[NodeSchedule],
    end: &[i64],
    driver: &[u32],
    finish: i64,
) -> Vec<String> {
    let last = (0..network.len())
        .filter(|&i| nodes[i].critical && end[i] == finish)
        .max_by_key(|&i| (network.kinds[i] != NodeKind::Dependency, i));
    let mut chain = Vec::new();
    let mut at = last;
    while let Some(i) = at {
        chain.push(network.ids[i].clone());
        at = match driver[i] {
            NO_DRIVER => None,
            p if nodes[p as usize].critical && chain.len() <= network.len() => Some(p as usize),
            _ => None,
        };
    }
    chain.reverse();
    chain
}

/// "What if `id` slips `slip_days` working days": the new finish and what moves.
/// Returns `None` when `id` is not an item or dependency. A finished item cannot slip;
/// a started one finishes later; a dependency lands later. The program is not changed.
pub fn what_if(program: &Program, as_of: NaiveDate, id: &str, slip_days: i64) -> Option<WhatIf> {
    let mut network = Network::compile(program, as_of);
    let i = *network.index.get(id)?;
    let n = network.len();
    let (mut start, mut end, mut driver) = (vec![0; n], vec![0; n], vec![NO_DRIVER; n]);
    let old = network.forward(
        &network.dur,
        &network.lower_end,
        &mut start,
        &mut end,
        &mut driver,
    );
    let old_end = end.clone();

    let mut dur = network.dur.clone();
    let mut lower_end = network.lower_end.clone();
    match network.mode[i] {
        // A slip finishes later from the same start: with a longer duration alone, a task
        // held by an FF or SF link would start earlier and could pull the finish in.
        Mode::Free => {
            network.lower_start[i] = start[i];
            dur[i] = (dur[i] + slip_days).max(0);
        }
        Mode::StartFixed => {
            lower_end[i] = (lower_end[i] + slip_days).max(network.lower_start[i] + 1)
        }
        Mode::Fixed if !network.done[i] => lower_end[i] += slip_days,
        Mode::Fixed => {}
    }
    let new = network.forward(&dur, &lower_end, &mut start, &mut end, &mut driver);
    let cal = &network.cal;
    let moved = (0..n)
        .filter(|&j| network.scheduled[j] && end[j] != old_end[j])
        .map(|j| {
            (
                network.ids[j].clone(),
                cal.date(old_end[j] - 1),
                cal.date(end[j] - 1),
            )
        })
        .collect();
    Some(WhatIf {
        id: id.to_string(),
        slip_days,
        old_finish: cal.date(old - 1),
        new_finish: cal.date(new - 1),
        finish_moves_by: new - old,
        moved,
    })
}

//! The critical path method over items and external dependencies (SPEC §4 "Schedule").
//! Pure: the status date is an argument. A cycle or a link to an unknown id is reported by
//! name and never stops the rest of the program from scheduling.

use std::collections::HashMap;

use chrono::NaiveDate;

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
pub fn schedule(program: &Program, as_of: NaiveDate) -> Schedule {
    let _ = (program, as_of);
    todo!("implemented by the schedule work")
}

/// "What if `id` slips `slip_days` working days": the new finish and what moves.
/// Returns `None` when `id` is not an item or dependency.
pub fn what_if(program: &Program, as_of: NaiveDate, id: &str, slip_days: i64) -> Option<WhatIf> {
    let _ = (program, as_of, id, slip_days);
    todo!("implemented by the schedule work")
}

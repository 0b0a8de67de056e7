//! The critical path method over items and external dependencies (docs/rules.md#schedule):
//! earliest dates, float, the critical chain and "what if X slips".
//! Pure: the status date is an argument; no clock, no browser, no panic on any input. A
//! cycle or a link to an unknown id is reported by name and never stops the rest of the
//! program from scheduling.
//!
//! Layout, one way down: this module builds the [`Schedule`] a view reads; [`what_if()`]
//! replays the forward pass with one slip; `passes` holds the forward and backward passes;
//! `network` compiles a program into integer arrays in named steps and defines the types
//! every layer shares ([`NodeKind`], [`ScheduleProblem`]); `order`, its ordering step,
//! knows only file indices. The forecast runs the same network and passes.

pub(crate) mod network;
mod order;
pub(crate) mod passes;
mod what_if;

use std::collections::HashMap;

use chrono::NaiveDate;

use self::network::{id_of, Network};
pub use self::network::{NodeKind, ScheduleProblem};
use self::passes::Pass;
pub(crate) use self::what_if::{ends, outcome, slip_in};
pub use self::what_if::{what_if, WhatIf};
use crate::model::Program;

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

/// Schedules `program` as of `as_of` (its `status_date`, or the caller's today).
///
/// Never fails: nodes on a cycle keep dates from their own bounds with `scheduled: false`,
/// links to unknown ids are ignored, and both are listed in `problems`.
///
/// Complexity: O(n + links) for n items and dependencies (see `Network::compile`); the
/// passes themselves are a few integer operations per node and link.
pub fn schedule(program: &Program, as_of: NaiveDate) -> Schedule {
    schedule_network(program, Network::compile(program, as_of), as_of)
}

/// The [`Schedule`] of a compiled network of `program` (its forward pass, float, critical
/// chain and dates): [`schedule`] compiles one from the program; the levelled schedule
/// (`engine::capacity`) passes one whose ranks and links say how people were shared.
pub(crate) fn schedule_network(
    program: &Program,
    mut network: Network,
    as_of: NaiveDate,
) -> Schedule {
    let mut pass = network.pass::<1>();
    let [finish] = network.forward(&mut pass);
    network.placeholders(&mut pass);
    let last_day = network.finish_day(finish);
    // A very long program runs past the calendar's table: widen it once, so turning
    // thousands of working-day numbers into dates stays a lookup.
    if let Some(wider) = network.cal.covering(&program.calendar, last_day + 1) {
        network.cal = wider;
    }
    let float = network.backward(&pass, 2 * last_day + 1);
    let to_target = network.backward(&pass, 2 * network.target_day + 1);
    let near = program.rules.near_critical_days as i64;
    let cal = &network.cal;

    let n = network.len();
    let mut nodes = Vec::with_capacity(n);
    for i in 0..n {
        let r = network.rank_of[i] as usize;
        let scheduled = r < network.scheduled;
        let done = network.done[i];
        let (start, end) = pass.dates(r, 0);
        let (start, end) = ((start >> 1) as i64, (end >> 1) as i64);
        let slack = float[r];
        let total_float = if scheduled { slack.max(0) } else { 0 };
        let live = scheduled && !done;
        nodes.push(NodeSchedule {
            id: id_of(program, i).to_string(),
            kind: network.kinds[i],
            early_start: cal.date(start),
            early_finish: cal.date(end),
            late_start: cal.date(start + slack),
            late_finish: cal.date(end + slack),
            total_float,
            float_to_target: if scheduled { to_target[r] } else { 0 },
            critical: live && total_float == 0,
            near_critical: live && total_float > 0 && total_float <= near,
            overdue: network.overdue[i],
            done,
            scheduled,
        });
    }
    actual_dates(program, &mut nodes);
    let critical_path = critical_chain(&network, &pass, &nodes, finish);
    let mut index = HashMap::with_capacity(n);
    for (i, node) in nodes.iter().enumerate() {
        index.entry(node.id.clone()).or_insert(i);
    }
    Schedule {
        as_of,
        index,
        nodes,
        forecast_finish: cal.date(last_day),
        slack_to_target: network.target_day - last_day,
        critical_path,
        problems: std::mem::take(&mut network.problems),
    }
}

/// Finished items show their actual dates, whatever day of the week they fell on, and
/// started ones their actual start.
fn actual_dates(program: &Program, nodes: &mut [NodeSchedule]) {
    for (node, item) in nodes.iter_mut().zip(&program.items) {
        if let Some(finished) = item.finished {
            node.early_finish = finished;
            node.late_finish = finished;
            if let Some(started) = item.started.filter(|s| *s <= finished) {
                node.early_start = started;
                node.late_start = started;
            } else if item.is_milestone() || item.days == 0 {
                node.early_start = finished;
                node.late_start = finished;
            }
        } else if let Some(started) = item.started.filter(|_| !item.is_milestone()) {
            node.early_start = started;
        }
    }
}

/// Walks back from the critical node that ends last (an item before a dependency, the
/// last in the file among equals) along the links that drove each date, while they are
/// critical.
fn critical_chain(
    network: &Network,
    pass: &Pass<1>,
    nodes: &[NodeSchedule],
    finish: i32,
) -> Vec<String> {
    let last = (0..network.len())
        .filter(|&i| nodes[i].critical && pass.dates(network.rank_of[i] as usize, 0).1 == finish)
        .max_by_key(|&i| (network.kinds[i] != NodeKind::Dependency, i));
    let mut chain = Vec::new();
    let mut at = last;
    while let Some(i) = at {
        chain.push(nodes[i].id.clone());
        at = network
            .driver(pass, network.rank_of[i] as usize, 0)
            .map(|r| network.file_of[r] as usize)
            .filter(|&p| nodes[p].critical && chain.len() <= network.len());
    }
    chain.reverse();
    chain
}

//! Team capacity (SPEC §3–4 "Capacity", issue 23): the levelled schedule, the waits for
//! people, load against capacity, a search for a better levelling, the capacity that holds
//! a date and the capacity risks. Pure: no clock (the status date is an argument), no
//! browser, no global randomness (searches take a seed), no panic on any input.
//!
//! **The contract.** A team's capacity on a working day is `people` × the availability
//! percent in force (the last change on or before the day; 100 % before the first); the
//! program calendar's non-working days have none (they are not working days at all). An
//! item occupies its `needs` — or, absent, one person of its own team when that team has
//! `people` — on every working day it runs, its duration unchanged. A team without
//! `people` is unconstrained, and a program with no constrained demand schedules exactly
//! as [`schedule`](crate::engine::schedule::schedule) does.
//!
//! **The levelled schedule** decodes a priority order (the program's accepted
//! `levelling`, or the default rule: latest finish of the unlevelled critical path method,
//! then id) with the serial schedule-generation scheme (`decode`): in priority order
//! among the nodes whose predecessors are placed, each at the earliest time its links
//! allow — the forward pass's own rule, so links of all four types, lags, `not_before`,
//! actual dates, milestones and dependencies keep their meaning — at which every team it
//! needs has the people free on each of its working days. Work in progress keeps its start
//! and its people. A wait for people becomes a finish-to-start link from the items that
//! held them (or none, when the team's capacity rose that day), so float and the critical
//! chain are computed over links and waits alike by the schedule's own passes.
//!
//! Layout: `people` compiles teams and demands to integers, `decode` is the scheme,
//! `load` the weekly load, `words` the findings and load in words, `improve` the search, `hold` the capacity that holds a date and
//! the risk facts.

mod decode;
mod hold;
mod improve;
mod load;
mod people;
pub mod words;

use std::collections::HashMap;

use chrono::NaiveDate;

pub(crate) use self::decode::Decoder;
use self::decode::{Graph, RawWait};
pub use self::hold::{
    capacity_risks, capacity_to_hold, launch_capacity_risks, CapacityRisk, Hold, HoldOutcome,
};
pub use self::improve::improve_levelling;
pub use self::load::{load, TeamLoad, WeekLoad};
pub use self::people::CapacityProblem;
use self::people::{Demands, Teams};
use crate::engine::schedule::network::{id_of, Mode, Network};
use crate::engine::schedule::passes::Pass;
use crate::engine::schedule::{
    ends, outcome, schedule, schedule_network, slip_in, what_if, Schedule, WhatIf,
};
use crate::model::Program;

/// A wait for people: `item` could have started on `could_start` by its links but starts
/// on `starts`, `days` working days later, because `teams` were fully taken the working
/// day before — by `holders` (the items that finish that day and free the people), or,
/// when `holders` is empty, until the team's availability rose.
#[derive(Debug, Clone, PartialEq)]
pub struct Wait {
    pub item: String,
    /// Team ids, file order of the item's needs.
    pub teams: Vec<String>,
    pub holders: Vec<String>,
    pub could_start: NaiveDate,
    pub starts: NaiveDate,
    pub days: i64,
}

/// The levelled schedule with what the views say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Levelled {
    /// Levelled dates; float and the critical chain over links and waits alike.
    pub schedule: Schedule,
    /// The priority order decoded (item ids, an order every link runs forward in): what
    /// "Accept" stores as the program's `levelling`.
    pub order: Vec<String>,
    /// Every item delayed by capacity, in the order decoded.
    pub waits: Vec<Wait>,
    pub problems: Vec<CapacityProblem>,
    /// False when no item needs a constrained team: then `schedule` is exactly the
    /// critical path method's.
    pub constrained: bool,
}

/// The levelled [`Schedule`] of `program` at `as_of`: the same type as
/// [`schedule`](crate::engine::schedule::schedule), with levelled dates, float and
/// critical chain (see the module doc). Decodes the program's accepted `levelling`, or the
/// default rule (latest finish, then id). Never fails.
///
/// Complexity: two compiles of the network, a critical-path pass for the default rule and
/// one decode: O((n + links) log n + Σ days × teams × jumps).
pub fn levelled_schedule(program: &Program, as_of: NaiveDate) -> Schedule {
    level(program, as_of).schedule
}

/// "What if `id` slips `slip_days` working days" in the levelled plan: as
/// [`what_if`](crate::engine::schedule::what_if), both plans decoded with the order in
/// force, so a task that runs longer also holds its people longer and the work waiting for
/// them moves too; the finishes compared are the levelled ones the program answers with.
/// Without capacity data, `what_if` itself. `None` when `id` is not an item or dependency.
///
/// Complexity: one compile and two decodes (about 1.4 ms natively at 1,000 items × 12
/// teams).
pub fn what_if_levelled(
    program: &Program,
    as_of: NaiveDate,
    id: &str,
    slip_days: i64,
) -> Option<WhatIf> {
    let i = program.schedulable_ids().position(|other| other == id)?;
    let mut model = Model::new(program, as_of);
    if !model.constrained() {
        return what_if(program, as_of, id, slip_days);
    }
    let list = model.list_of(program, program.levelling.as_deref());
    let (before, old) = model.decode(&list, None);
    let r = model.network.rank_of[i] as usize;
    let (start, _) = before.dates(r, 0);
    let mut pass = model.network.pass::<1>();
    slip_in(&mut model.network, &mut pass, i, start, slip_days);
    let new = model
        .decoder
        .decode(&model.network, &mut pass.keys, &pass.work, 0, &list, None);
    Some(outcome(
        program,
        &model.network,
        &ends(&before),
        &pass,
        [old, new],
        id,
        slip_days,
    ))
}

/// The levelled schedule with its order, waits and problems (see [`levelled_schedule`]).
pub fn level(program: &Program, as_of: NaiveDate) -> Levelled {
    let mut model = Model::new(program, as_of);
    if !model.constrained() {
        return Levelled {
            schedule: schedule(program, as_of),
            order: Vec::new(),
            waits: Vec::new(),
            problems: model.problems,
            constrained: false,
        };
    }
    let list = model.list_of(program, program.levelling.as_deref());
    model.levelled(program, as_of, &list)
}

/// What the Monte Carlo forecast needs to decode each iteration's draws as levelled: the
/// decoder of `network` (teams and demands) and the activity list of the accepted order
/// (or the default rule). `None` when no item needs a constrained team: the forecast then
/// runs the plain forward pass, unchanged.
pub(crate) fn forecast_levelling(
    program: &Program,
    network: &Network,
) -> Option<(Decoder, Vec<u32>)> {
    let model = Model::of_network(program, network.clone());
    if !model.constrained() {
        return None;
    }
    let list = model.list_of(program, program.levelling.as_deref());
    Some((model.decoder, list))
}

/// A program compiled for levelling: its network, the links between the nodes an order
/// ranks, and the decoder with the teams' capacity and the nodes' demands.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub network: Network,
    pub graph: Graph,
    pub decoder: Decoder,
    pub problems: Vec<CapacityProblem>,
    /// Rank → position of its id in id order (the default rule's tie-break).
    id_rank: Vec<u32>,
}

impl Model {
    pub fn new(program: &Program, as_of: NaiveDate) -> Model {
        let network = Network::compile(program, as_of);
        Model::of_network(program, network)
    }

    pub fn of_network(program: &Program, network: Network) -> Model {
        let mut problems = Vec::new();
        let teams = Teams::new(program, &network);
        let demands = Demands::new(program, &network, &teams, &mut problems);
        let graph = Graph::new(&network);
        let n = network.len();
        let mut by_id: Vec<u32> = (0..n as u32).collect();
        by_id.sort_by(|&a, &b| id_of(program, a as usize).cmp(id_of(program, b as usize)));
        let mut id_rank = vec![0u32; n];
        for (position, &i) in by_id.iter().enumerate() {
            id_rank[network.rank_of[i as usize] as usize] = position as u32;
        }
        Model {
            decoder: Decoder::new(&network, teams, demands),
            network,
            graph,
            problems,
            id_rank,
        }
    }

    /// Does any node need a constrained team?
    pub fn constrained(&self) -> bool {
        self.decoder.demands.any()
    }

    /// The latest finish key of every rank in the unlevelled critical path method (the
    /// backward pass from its forecast finish).
    pub fn latest_finish(&self) -> Vec<i64> {
        let mut pass = self.network.pass::<1>();
        let [finish] = self.network.forward(&mut pass);
        let last = self.network.finish_day(finish);
        let slack = self.network.backward(&pass, 2 * last + 1);
        (0..self.network.len())
            .map(|r| pass.keys[2 * r + 1][0] as i64 + 2 * slack[r])
            .collect()
    }

    /// The default rule's activity list: latest finish first, then id.
    pub fn default_list(&self) -> Vec<u32> {
        let late = self.latest_finish();
        self.graph
            .list_by(&self.network, |r| (late[r], self.id_rank[r]))
    }

    /// The activity list of a stored order: its items in its order, every item it does not
    /// name (new since it was accepted) merged in by the default rule — before the first
    /// stored item with a later latest finish — and every link respected.
    pub fn list_of(&self, program: &Program, order: Option<&[String]>) -> Vec<u32> {
        let Some(order) = order else {
            return self.default_list();
        };
        let net = &self.network;
        let index: HashMap<&str, usize> = program
            .items
            .iter()
            .enumerate()
            .rev()
            .map(|(i, item)| (item.id.as_str(), i))
            .collect();
        let listed = |r: usize| r >= net.fixed && r < net.scheduled;
        let mut seen = vec![false; net.len()];
        let mut stored = Vec::new();
        for id in order {
            if let Some(&i) = index.get(id.as_str()) {
                let r = net.rank_of[i] as usize;
                if listed(r) && !seen[r] {
                    seen[r] = true;
                    stored.push(r);
                }
            }
        }
        let late = self.latest_finish();
        let mut fresh: Vec<usize> = (net.fixed..net.scheduled).filter(|&r| !seen[r]).collect();
        fresh.sort_by_key(|&r| (late[r], self.id_rank[r]));
        let mut position = vec![0u32; net.len()];
        let (mut s, mut f, mut at) = (0, 0, 0u32);
        while s < stored.len() || f < fresh.len() {
            let take_fresh =
                f < fresh.len() && (s == stored.len() || late[fresh[f]] < late[stored[s]]);
            let r = if take_fresh {
                f += 1;
                fresh[f - 1]
            } else {
                s += 1;
                stored[s - 1]
            };
            position[r] = at;
            at += 1;
        }
        self.graph.list_by(net, |r| position[r])
    }

    /// Decodes `list` with the estimated durations: the pass and the finish key.
    pub fn decode(&mut self, list: &[u32], waits: Option<&mut Vec<RawWait>>) -> (Pass<1>, i32) {
        let mut pass = self.network.pass::<1>();
        let finish = self
            .decoder
            .decode(&self.network, &mut pass.keys, &pass.work, 0, list, waits);
        (pass, finish)
    }

    /// The item ids of an activity list.
    pub fn ids(&self, program: &Program, list: &[u32]) -> Vec<String> {
        list.iter()
            .map(|&r| id_of(program, self.network.file_of[r as usize] as usize).to_string())
            .collect()
    }

    /// The levelled schedule of `list` with its waits (see [`level`]).
    pub fn levelled(&mut self, program: &Program, as_of: NaiveDate, list: &[u32]) -> Levelled {
        let mut raw = Vec::new();
        let (pass, _) = self.decode(list, Some(&mut raw));
        let net = &self.network;
        let id = |r: usize| id_of(program, net.file_of[r] as usize).to_string();
        let mut problems = self.problems.clone();
        problems.extend(
            self.decoder
                .no_room_problems(net, |i| id_of(program, i).to_string()),
        );
        let mut position = vec![u32::MAX; net.len()];
        for (at, &r) in list.iter().enumerate() {
            position[r as usize] = at as u32;
        }
        // Who holds which team's people until which day: (team, last day) → ranks.
        let mut ending: HashMap<(u16, i64), Vec<u32>> = HashMap::new();
        for &r in list {
            let r = r as usize;
            if net.mode[r] == Mode::Fixed {
                continue;
            }
            let last = (pass.keys[2 * r + 1][0] >> 1) as i64;
            for &(t, _) in self.decoder.demands.of(r) {
                ending.entry((t, last)).or_default().push(r as u32);
            }
        }
        let mut extra = Vec::new();
        let mut waits = Vec::with_capacity(raw.len());
        let mut raised = Vec::with_capacity(raw.len());
        for w in &raw {
            let r = w.rank as usize;
            let teams: Vec<u16> = if w.teams.is_empty() {
                self.decoder.demands.of(r).iter().map(|&(t, _)| t).collect()
            } else {
                w.teams.clone()
            };
            let mut holders: Vec<u32> = Vec::new();
            for &t in &teams {
                for &q in ending.get(&(t, w.day)).map(Vec::as_slice).unwrap_or(&[]) {
                    // Work in progress holds its people from the start, whatever its
                    // place in the list; other work only once placed before.
                    let before = net.mode[q as usize] == Mode::StartFixed
                        || position[q as usize] < position[r];
                    if before && q as usize != r && !holders.contains(&q) {
                        holders.push(q);
                    }
                }
            }
            extra.extend(holders.iter().map(|&q| (q, w.rank)));
            raised.push((r, 2 * w.start as i32));
            waits.push(Wait {
                item: id(r),
                teams: teams
                    .iter()
                    .map(|&t| self.decoder.teams.ids[t as usize].clone())
                    .collect(),
                holders: holders.iter().map(|&q| id(q as usize)).collect(),
                could_start: net.cal.date(w.earliest),
                starts: net.cal.date(w.start),
                days: w.start - w.earliest,
            });
        }
        let mut levelled = net.relinked(list, &extra);
        for (r, key) in raised {
            let rank = levelled.rank_of[net.file_of[r] as usize] as usize;
            levelled.lower[rank] = levelled.lower[rank].max(key);
        }
        Levelled {
            schedule: schedule_network(program, levelled, as_of),
            order: self.ids(program, list),
            waits,
            problems,
            constrained: true,
        }
    }
}

/// One item whose levelled dates a proposed order changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub item: String,
    /// Levelled dates now (the accepted order, or the default rule) and proposed.
    pub start_before: NaiveDate,
    pub finish_before: NaiveDate,
    pub start_after: NaiveDate,
    pub finish_after: NaiveDate,
    /// Working days the finish moves (positive: later).
    pub days: i64,
    /// Why it starts when it does in the proposal, when it waits for people there.
    pub wait: Option<Wait>,
}

/// What accepting a proposed order would change: "Level" / "Improve" as a preview, so
/// nothing is re-dated silently.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The order to store as `levelling` on accept (every id, an order links run forward in).
    pub order: Vec<String>,
    /// Items whose levelled dates change, in file order.
    pub moves: Vec<Move>,
    pub finish_before: NaiveDate,
    pub finish_after: NaiveDate,
    /// Working days the program's levelled finish moves (negative: earlier).
    pub finish_moves_by: i64,
}

/// The preview of levelling `program` with `order` (e.g. from [`improve_levelling`])
/// instead of its accepted order (or the default rule when it has none). The program is
/// not changed.
///
/// Complexity: two levellings.
pub fn preview_levelling(program: &Program, as_of: NaiveDate, order: &[String]) -> Preview {
    let before = level(program, as_of);
    let mut proposed = program.clone();
    proposed.levelling = Some(order.to_vec());
    let after = level(&proposed, as_of);
    let origin = program.start.min(as_of) - chrono::Duration::days(400);
    let cal = crate::engine::calendar::WorkCalendar::spanning(
        &program.calendar,
        origin,
        after
            .schedule
            .forecast_finish
            .max(before.schedule.forecast_finish),
    );
    let waits: HashMap<&str, &Wait> = after.waits.iter().map(|w| (w.item.as_str(), w)).collect();
    let moves = program
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let (b, a) = (&before.schedule.nodes[i], &after.schedule.nodes[i]);
            ((b.early_start, b.early_finish) != (a.early_start, a.early_finish)).then(|| Move {
                item: item.id.clone(),
                start_before: b.early_start,
                finish_before: b.early_finish,
                start_after: a.early_start,
                finish_after: a.early_finish,
                days: cal.workdays_between(b.early_finish, a.early_finish),
                wait: waits.get(item.id.as_str()).map(|w| (*w).clone()),
            })
        })
        .collect();
    Preview {
        order: if after.constrained {
            after.order
        } else {
            order.to_vec()
        },
        moves,
        finish_before: before.schedule.forecast_finish,
        finish_after: after.schedule.forecast_finish,
        finish_moves_by: cal.workdays_between(
            before.schedule.forecast_finish,
            after.schedule.forecast_finish,
        ),
    }
}

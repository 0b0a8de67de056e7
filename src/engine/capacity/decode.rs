//! The serial schedule-generation scheme: an *activity list* (the free and started nodes
//! in an order where every binding link runs forward) decoded into dates, each node at the
//! earliest time its links allow (the forward pass's own rule, [`place`]) at which every
//! team it needs has the people free on every working day it runs. Pure; no allocation
//! per decode once warm; never loops without end (see [`Decoder::decode`]).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::people::{CapacityProblem, Demands, Teams};
use crate::engine::schedule::network::{Mode, Network};
use crate::engine::schedule::passes::{place, NOTHING};

/// The furthest a booking reaches past the status date, in working days (about 500 years):
/// keeps the day tables finite on absurd input. Work placed past it is not levelled (a
/// [`CapacityProblem::NoRoom`] says so).
const MAX_DAYS: i64 = 1 << 17;

/// The links between the nodes an activity list orders: for rank `r` of the network, how
/// many of its binding predecessors are free or started, and which nodes it precedes.
#[derive(Debug, Clone)]
pub(crate) struct Graph {
    pub indegree: Vec<u32>,
    succ_at: Vec<u32>,
    succ: Vec<u32>,
}

impl Graph {
    pub fn new(network: &Network) -> Graph {
        let n = network.len();
        let mut indegree = vec![0u32; n];
        let mut succ_at = vec![0u32; n + 1];
        for (q, count) in indegree
            .iter_mut()
            .enumerate()
            .take(network.scheduled)
            .skip(network.fixed)
        {
            for arc in network.preds(q) {
                let p = arc.other as usize;
                if p >= network.fixed {
                    *count += 1;
                    succ_at[p + 1] += 1;
                }
            }
        }
        for r in 0..n {
            succ_at[r + 1] += succ_at[r];
        }
        let mut fill: Vec<u32> = succ_at[..n].to_vec();
        let mut succ = vec![0u32; succ_at[n] as usize];
        for q in network.fixed..network.scheduled {
            for arc in network.preds(q) {
                let p = arc.other as usize;
                if p >= network.fixed {
                    succ[fill[p] as usize] = q as u32;
                    fill[p] += 1;
                }
            }
        }
        Graph {
            indegree,
            succ_at,
            succ,
        }
    }

    /// The nodes rank `r` precedes (free or started).
    #[inline]
    pub fn succs(&self, r: usize) -> &[u32] {
        &self.succ[self.succ_at[r] as usize..self.succ_at[r + 1] as usize]
    }

    /// The activity list of a priority: among the nodes whose predecessors are all
    /// listed, always the one with the smallest `key` next (ties to the lower rank).
    /// O(n log n).
    pub fn list_by<K: Ord + Copy>(&self, network: &Network, key: impl Fn(usize) -> K) -> Vec<u32> {
        let mut indegree = self.indegree.clone();
        let mut ready: BinaryHeap<Reverse<(K, u32)>> = (network.fixed..network.scheduled)
            .filter(|&r| indegree[r] == 0)
            .map(|r| Reverse((key(r), r as u32)))
            .collect();
        let mut list = Vec::with_capacity(network.scheduled - network.fixed);
        while let Some(Reverse((_, r))) = ready.pop() {
            list.push(r);
            for &q in self.succs(r as usize) {
                indegree[q as usize] -= 1;
                if indegree[q as usize] == 0 {
                    ready.push(Reverse((key(q as usize), q)));
                }
            }
        }
        list
    }
}

/// Why a node started later than its links allowed: the last working day its people
/// were not free (`day`), and the teams short that day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawWait {
    pub rank: u32,
    /// The start day its links allowed, and the day it starts.
    pub earliest: i64,
    pub start: i64,
    pub day: i64,
    pub teams: Vec<u16>,
}

/// The serial SGS over one network, its teams' capacity and its nodes' demands.
#[derive(Debug, Clone)]
pub(crate) struct Decoder {
    pub teams: Teams,
    pub demands: Demands,
    /// Working day of day-table index 0: the status date's.
    base: i64,
    /// Units per team and day from `base`, as the teams have them (grown on demand).
    capacity: Vec<Vec<i32>>,
    /// Units still free per team and day in the decode under way.
    free: Vec<Vec<i32>>,
    /// Per team, a day-table index before which no day has room for the smallest demand
    /// made of it: a search can start there (a fully booked stretch is skipped in one
    /// step, not window by window).
    full_until: Vec<usize>,
    /// Per team, one past the last day-table index booked in the decode under way.
    booked_until: Vec<usize>,
    /// Per team, the smallest demand any node makes of it: a day with less free is full.
    least: Vec<i32>,
    /// Per team and day, a node whose booking ends that day, stamped with the decode that
    /// booked it (so tables need no clearing): who frees people the next day.
    ender: Vec<Vec<(u32, u32)>>,
    stamp: u32,
    /// Ranks that could not be levelled in the last decode (see [`CapacityProblem::NoRoom`]).
    pub no_room: Vec<(u32, u16)>,
    /// Capacity overrides for a "what holds the date" search: (team, from day, units).
    pub overrides: Vec<(usize, i64, i32)>,
}

impl Decoder {
    pub fn new(network: &Network, teams: Teams, demands: Demands) -> Decoder {
        let t = teams.len();
        let mut least = vec![i32::MAX; t];
        for r in 0..network.len() {
            for &(team, units) in demands.of(r) {
                least[team as usize] = least[team as usize].min(units);
            }
        }
        Decoder {
            least,
            ender: vec![Vec::new(); t],
            stamp: 0,
            teams,
            demands,
            base: network.today,
            capacity: vec![Vec::new(); t],
            free: vec![Vec::new(); t],
            full_until: vec![0; t],
            booked_until: vec![0; t],
            no_room: Vec::new(),
            overrides: Vec::new(),
        }
    }

    /// Units of `team` on day-table index `at`, overrides applied.
    fn units(&self, team: usize, at: usize) -> i32 {
        let day = self.base + at as i64;
        for &(t, from, units) in self.overrides.iter().rev() {
            if t == team && day >= from {
                return units;
            }
        }
        self.teams.units(team, day)
    }

    /// Forgets the capacity and free tables (after changing `overrides`).
    pub fn reset_capacity(&mut self) {
        for t in 0..self.capacity.len() {
            self.capacity[t].clear();
            self.free[t].clear();
            self.full_until[t] = 0;
            self.booked_until[t] = 0;
        }
    }

    /// Makes day-table index `len - 1` of `team` readable in `free` (callers in hot loops
    /// check the length first).
    #[cold]
    fn reach(&mut self, team: usize, len: usize) {
        if self.free[team].len() >= len {
            return;
        }
        let len = len.max(self.free[team].len() * 2).max(64);
        while self.capacity[team].len() < len {
            let at = self.capacity[team].len();
            let units = self.units(team, at);
            self.capacity[team].push(units);
        }
        let from = self.free[team].len();
        let (free, capacity) = (&mut self.free[team], &self.capacity[team]);
        free.extend_from_slice(&capacity[from..len]);
    }

    /// Frees every team's people on every day: the start of a decode. Only the days the
    /// last decode booked differ from the capacity table, so only they are restored.
    pub fn clear(&mut self) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            for table in &mut self.ender {
                table.clear();
            }
            self.stamp = 1;
        }
        for t in 0..self.free.len() {
            let used = self.booked_until[t].min(self.free[t].len());
            let (free, capacity) = (&mut self.free[t], &self.capacity[t]);
            free[..used].copy_from_slice(&capacity[..used]);
            self.full_until[t] = 0;
            self.booked_until[t] = 0;
        }
    }

    /// Books rank `r`'s demands on days `from..=to`, whatever is free, and notes that it
    /// frees them after `to`.
    pub fn take(&mut self, r: usize, from: i64, to: i64) {
        for k in 0..self.demands.of(r).len() {
            let (t, units) = self.demands.of(r)[k];
            self.book(t as usize, units, from, to);
            if let Some(at) = self.at(to) {
                let table = &mut self.ender[t as usize];
                if table.len() <= at {
                    table.resize(at + 1, (0, 0));
                }
                table[at] = (self.stamp, r as u32);
            }
        }
    }

    /// In the last decode, a node that held people rank `r` needs until the working day
    /// before `start` (it finishes that day), if any.
    pub fn held_by(&self, r: usize, start: i64) -> Option<usize> {
        let at = self.at(start - 1)?;
        self.demands
            .of(r)
            .iter()
            .find_map(|&(t, _)| match self.ender[t as usize].get(at) {
                Some(&(stamp, q)) if stamp == self.stamp && q as usize != r => Some(q as usize),
                _ => None,
            })
    }

    /// The latest start day at or before `latest` (and not before the status date) at
    /// which rank `r`'s demands are free for `days` days; `latest` itself when none is (the
    /// backward decode of the search only orders nodes, so over capacity is allowed).
    pub fn search_back(&mut self, r: usize, latest: i64, days: i64) -> i64 {
        let mut s = latest.min(self.base + MAX_DAYS - days);
        while s >= self.base {
            let (a, b) = ((s - self.base) as usize, (s + days - self.base) as usize);
            let mut short: Option<usize> = None;
            for k in 0..self.demands.of(r).len() {
                let (t, units) = self.demands.of(r)[k];
                let t = t as usize;
                if self.free[t].len() < b {
                    self.reach(t, b);
                }
                let high = short.unwrap_or(b);
                if let Some(offset) = self.free[t][a..high].iter().position(|&f| f < units) {
                    short = Some(a + offset);
                }
            }
            match short {
                None => return s,
                Some(at) => s = self.base + at as i64 - days,
            }
        }
        latest
    }

    /// Index of working day `day` in the day tables (the status date's is 0).
    #[inline]
    fn at(&self, day: i64) -> Option<usize> {
        let at = day - self.base;
        (0..MAX_DAYS).contains(&at).then_some(at as usize)
    }

    /// Takes `units` of `team` on days `from..=to` (clipped to the tables), whatever is free.
    fn book(&mut self, team: usize, units: i32, from: i64, to: i64) {
        let from = from.max(self.base);
        let to = to.min(self.base + MAX_DAYS - 1);
        if from > to {
            return;
        }
        let (a, b) = ((from - self.base) as usize, (to - self.base) as usize);
        if self.free[team].len() <= b {
            self.reach(team, b + 1);
        }
        // Saturating: work in progress and work with no room may book past capacity
        // without bound, and absurd numbers must never overflow.
        for free in &mut self.free[team][a..=b] {
            *free = free.saturating_sub(units);
        }
        self.booked_until[team] = self.booked_until[team].max(b + 1);
        let free = &self.free[team];
        let least = self.least[team];
        let mut full = self.full_until[team];
        while full < free.len() && free[full] < least {
            full += 1;
        }
        self.full_until[team] = full;
    }

    /// The first start day from `earliest` at which rank `r`'s demands are free for `days`
    /// working days, and the last day that was short before it; `None` when no day up to
    /// the point where the profile and every team stay constant has room.
    fn search(&mut self, r: usize, earliest: i64, days: i64) -> (Option<i64>, Option<i64>) {
        let mut s = earliest;
        let mut last_short = None;
        // Past every booking and every change of capacity nothing changes any more: one
        // window there decides.
        let mut settled = 0i64;
        for &(t, _) in self.demands.of(r) {
            let t = t as usize;
            settled = settled
                .max(self.base + self.booked_until[t] as i64)
                .max(self.teams.last_change(t) + 1);
        }
        for &(_, from, _) in &self.overrides {
            settled = settled.max(from + 1);
        }
        for &(t, _) in self.demands.of(r) {
            let full = self.base + self.full_until[t as usize] as i64;
            if full > s {
                // No day before `full` has room on this team for any demand: the last is
                // short.
                s = full;
                last_short = Some(full - 1);
            }
        }
        loop {
            if s < self.base || s + days > self.base + MAX_DAYS {
                return (None, last_short);
            }
            let mut short: Option<i64> = None;
            let (a, b) = ((s - self.base) as usize, (s + days - self.base) as usize);
            let demands = self.demands.of(r).len();
            for k in 0..demands {
                let (t, units) = self.demands.of(r)[k];
                let t = t as usize;
                if self.free[t].len() < b {
                    self.reach(t, b);
                }
                let free = &self.free[t];
                let low = match short {
                    Some(day) => (day - self.base + 1) as usize,
                    None => a,
                };
                if let Some(offset) = free[low.max(a)..b].iter().rposition(|&f| f < units) {
                    short = Some(self.base + (low.max(a) + offset) as i64);
                }
            }
            match short {
                None => return (Some(s), last_short),
                // A window wholly past the settled day is short for ever.
                Some(_) if s > settled => return (None, last_short),
                Some(day) => {
                    last_short = Some(day);
                    s = day + 1;
                }
            }
        }
    }

    /// Decodes `list` into `keys` (lane `lane` of a pass whose fixed nodes' keys are set)
    /// with the durations of `work`, and returns the finish key (the latest end, or
    /// `NOTHING`). With `waits`, records every node that started later than its links
    /// allowed.
    ///
    /// Started nodes keep their start and are booked first, from the status date to their
    /// earliest end, whatever is free: work in progress is not stopped, and a day it
    /// over-allocates shows as such in the load. Every other node with a demand starts on
    /// the first day from its links' earliest at which its demand is free on every working
    /// day it runs; when none is (see [`CapacityProblem::NoRoom`]) at its earliest, over
    /// capacity, listed in `no_room`.
    ///
    /// Terminates: each step of the search moves the start past a short day, and past the
    /// day from which bookings and capacity are constant it stops.
    ///
    /// Complexity: O(Σ (links + days × teams needed) × jumps) for the nodes in `list`.
    pub fn decode<const L: usize>(
        &mut self,
        network: &Network,
        keys: &mut [[i32; L]],
        work: &[[i32; L]],
        lane: usize,
        list: &[u32],
        mut waits: Option<&mut Vec<RawWait>>,
    ) -> i32 {
        self.clear();
        self.no_room.clear();
        let mut finish = NOTHING;
        for end in keys[..2 * network.fixed].iter().skip(1).step_by(2) {
            finish = finish.max(end[lane]);
        }
        // Work in progress first: it holds its people from the status date to its
        // earliest end.
        for &r in list {
            let r = r as usize;
            if network.mode[r] == Mode::StartFixed {
                let start = (network.lower[r] >> 1) as i64;
                let end = start + work[r][lane] as i64 - 1;
                self.take(r, start, end);
            }
        }
        for &r in list {
            let r = r as usize;
            let (a, b) = network.bounds_of(keys, r, lane);
            let d = work[r][lane];
            let held = network.held[r];
            let (mut start, mut end) = place(a, b, d, held, network.lower[r]);
            let demands = !self.demands.of(r).is_empty();
            if demands && d > 0 {
                match network.mode[r] {
                    Mode::StartFixed => {
                        // Booked to its earliest end already; a finish link that holds
                        // its end later keeps its people on longer.
                        let s = (network.lower[r] >> 1) as i64;
                        let booked = s + d as i64 - 1;
                        let last = (end >> 1) as i64;
                        if last > booked {
                            self.take(r, booked + 1, last);
                        }
                    }
                    _ => {
                        let earliest = (start >> 1) as i64;
                        let days = d as i64;
                        let s = match self.search(r, earliest, days) {
                            (Some(s), last_short) => {
                                if s > earliest {
                                    if let (Some(w), Some(day)) = (waits.as_deref_mut(), last_short)
                                    {
                                        let teams = self
                                            .demands
                                            .of(r)
                                            .iter()
                                            .filter(|&&(t, units)| {
                                                self.at(day).is_some_and(|at| {
                                                    self.free[t as usize]
                                                        .get(at)
                                                        .is_some_and(|&f| f < units)
                                                })
                                            })
                                            .map(|&(t, _)| t)
                                            .collect();
                                        w.push(RawWait {
                                            rank: r as u32,
                                            earliest,
                                            start: s,
                                            day,
                                            teams,
                                        });
                                    }
                                }
                                s
                            }
                            (None, _) => {
                                for &(t, _) in self.demands.of(r) {
                                    self.no_room.push((r as u32, t));
                                }
                                earliest
                            }
                        };
                        start = 2 * s as i32;
                        end = 2 * (s as i32 + d) - 1;
                        self.take(r, s, s + days - 1);
                    }
                }
            }
            keys[2 * r][lane] = start;
            keys[2 * r + 1][lane] = end;
            finish = finish.max(end);
        }
        finish
    }

    /// The problems of the last decode's unlevelled nodes, by id.
    pub fn no_room_problems(
        &self,
        network: &Network,
        id_of: impl Fn(usize) -> String,
    ) -> Vec<CapacityProblem> {
        self.no_room
            .iter()
            .map(|&(r, t)| CapacityProblem::NoRoom {
                item: id_of(network.file_of[r as usize] as usize),
                team: self.teams.ids[t as usize].clone(),
            })
            .collect()
    }
}

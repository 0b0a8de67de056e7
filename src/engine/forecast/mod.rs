//! Date confidence: Monte Carlo over the schedule (docs/rules.md#date-confidence).
//! Pure: no clock, no browser, no global randomness. Every draw is a function of the item's
//! id and the iteration number alone (common random numbers, see `draws`), so the same
//! program always gives the same figures, editing a title, owner or note never changes
//! one, changing one item's estimate changes the result only through that item, and the
//! figures do not depend on how the run is sliced. With capacity data each iteration's
//! draws are decoded with the accepted levelling order (`engine::capacity`), so the
//! confidence is the levelled one; without, the forward pass runs as before.

pub(crate) mod draws;

use std::collections::HashMap;

use chrono::NaiveDate;

use self::draws::{pair, stream_of, uniform, Table, Tables};
use crate::engine::capacity::{forecast_levelling, Decoder};
use crate::engine::schedule::network::{clamp_key, id_of, Mode, Network, MAX_WORK};
use crate::engine::schedule::passes::{place, Pass, NOTHING};
use crate::engine::schedule::NodeKind;
use crate::model::{Program, ThreePoint};

/// One of the top drivers of the finish date.
#[derive(Debug, Clone, PartialEq)]
pub struct Driver {
    pub id: String,
    /// Share of iterations in which it was on the critical path (0..=1).
    pub criticality: f64,
}

/// The outcome of a Monte Carlo run.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    pub iterations: u32,
    /// Share of iterations finishing on or before the target (0..=1).
    pub confidence: f64,
    pub p50: NaiveDate,
    pub p85: NaiveDate,
    pub p95: NaiveDate,
    /// The S-curve: (date, share of iterations finished on or before it), ascending.
    pub curve: Vec<(NaiveDate, f64)>,
    /// Criticality index per schedule node, same order as `Schedule::nodes`.
    pub criticality: Vec<f64>,
    /// The top drivers of the finish, most critical first.
    pub drivers: Vec<Driver>,
}

/// Runs `rules.iterations` iterations at once. In the browser, use [`ForecastRun`] and
/// call [`ForecastRun::step`] in slices so the page never blocks.
///
/// Never fails: nodes on a cycle are left out, an empty program finishes on its start.
/// Complexity: O(iterations × (n + links)) time for n items and dependencies, O(n + links
/// + iterations) memory.
pub fn forecast(program: &Program, as_of: NaiveDate) -> Forecast {
    let mut run = ForecastRun::new(program, as_of);
    while !run.step(u32::MAX) {}
    run.result()
}

/// Is the move of date confidence from `before` (over `before_runs` iterations) to `now`
/// (over `now_runs`) within the simulation's own noise, and so not worth reporting?
///
/// True when the difference is at most two standard errors of the difference of two
/// independent binomial proportions, √(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂) — about 1.3 points at
/// 70 % over 10,000 iterations each. Common random numbers make the real noise of the
/// difference smaller than that, so this errs on the side of silence. Shares are clamped
/// to 0..=1; with no iterations on either side, or a share that is not a number, nothing
/// can be told apart and the answer is true.
pub fn confidence_change_is_noise(before: f64, before_runs: u32, now: f64, now_runs: u32) -> bool {
    if before_runs == 0 || now_runs == 0 || before.is_nan() || now.is_nan() {
        return true;
    }
    let (p1, p2) = (before.clamp(0.0, 1.0), now.clamp(0.0, 1.0));
    let variance = p1 * (1.0 - p1) / before_runs as f64 + p2 * (1.0 - p2) / now_runs as f64;
    (p2 - p1).abs() <= 2.0 * variance.sqrt()
}

/// How many drivers the result lists.
const DRIVERS: usize = 5;

/// Iterations run side by side in one forward pass: each link is read once for all of
/// them. Eight 32-bit lanes fill two SSE registers; the keys of 10,000 nodes then take
/// 640 KB, within a core's second-level cache. Even, as draws come in pairs.
const LANES: usize = 8;

/// What one node samples each iteration.
#[derive(Debug, Clone, Copy)]
enum How {
    /// A task not started: its duration.
    Duration,
    /// A started task: remaining work scaled by sampled ÷ likely duration, from `base`
    /// working days after its start.
    Remaining {
        base: i32,
        remaining: i64,
        likely: i64,
    },
    /// An undelivered dependency: days it lands after its date.
    Slip,
}

/// Iterations `from..to` of a [`ForecastRun`] run somewhere else (one of the page's helper
/// threads), for the run they belong to to [`ForecastRun::absorb`]. Both runs are of the
/// same program at the same status date: the draws of iteration `k` are the same wherever
/// it runs, so the parts of a split run give the figures of the whole to the last digit.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub from: u32,
    pub to: u32,
    /// The finish day of each iteration (working days from the program's calendar origin).
    pub finishes: Vec<i32>,
    /// Per schedule node in the run's own order, iterations it was on the driving chain.
    pub on_path: Vec<u32>,
}

/// What one levelled iteration costs against one linked one, per node: the resource
/// search decodes each iteration on its own (about 20 times the forward pass's share of a
/// lane, measured in Chromium on the 1,000-item program of `measure-app.mjs`).
const LEVELLED_COST: u64 = 20;

/// From this [`ForecastRun::weight`] on, a levelled run is worth handing to helper threads:
/// about a second of the page's time in slices (a levelled 500-node program at 10,000
/// iterations). A linked run stays in the page: 10,000 iterations of 1,000 items take
/// 121 ms there.
const OFF_PAGE_WEIGHT: u64 = 100_000_000;

#[derive(Debug, Clone, Copy)]
struct Sampled {
    rank: u32,
    /// The node's stream of draws (from its id).
    stream: u64,
    table: Table,
    how: How,
}

/// A Monte Carlo forecast that can run in slices (the UI runs a few hundred iterations
/// per animation frame). The same program and status date always give the same result,
/// however the iterations are sliced.
#[derive(Debug, Clone)]
pub struct ForecastRun {
    network: Network,
    tables: Tables,
    sampled: Vec<Sampled>,
    total: u32,
    done: u32,
    pass: Pass<LANES>,
    /// The finish day of each iteration so far.
    finishes: Vec<i32>,
    /// Iterations each rank was on the chain that drove the finish.
    on_path: Vec<u32>,
    /// Scheduled ranks, the one a finishing chain is traced from first: items before
    /// dependencies, later in the file first (as the schedule's critical path).
    by_priority: Vec<u32>,
    /// Spread (high − low) per node in file order, to rank drivers.
    spread: Vec<i64>,
    ids: Vec<String>,
    /// With capacity data: the decoder and the accepted order's activity list, so each
    /// iteration's dates are levelled (`engine::capacity`), not only linked.
    levelling: Option<(Decoder, Vec<u32>)>,
    /// The ranges of the [`Part`]s taken in so far.
    absorbed: Vec<(u32, u32)>,
}

impl ForecastRun {
    /// Compiles `program` at `as_of` and prepares `rules.iterations` iterations (1 to
    /// 1,000,000). O(n + links) plus a PERT table per distinct estimate.
    pub fn new(program: &Program, as_of: NaiveDate) -> ForecastRun {
        let network = Network::compile(program, as_of);
        let n = network.len();
        let mut tables = Tables::default();
        let mut cache: HashMap<ThreePoint, Table> = HashMap::new();
        let mut table_for = |three: ThreePoint| -> Table {
            *cache.entry(three).or_insert_with(|| tables.pert(three))
        };
        let mut sampled = Vec::new();
        let mut spread = vec![0i64; n];
        for (i, item) in program.items.iter().enumerate() {
            let r = network.rank_of[i] as usize;
            if item.is_milestone() || r >= network.scheduled {
                continue;
            }
            let likely = item.days;
            let low = item.low.unwrap_or(likely).min(likely);
            let high = item.high.unwrap_or(likely).max(likely);
            if low == high {
                continue;
            }
            let how = match network.mode[r] {
                Mode::Free => How::Duration,
                Mode::StartFixed => {
                    // Remaining work runs from the status date (or the start, if later).
                    let start = (network.lower[r] >> 1) as i64;
                    let base = (network.today - start).clamp(0, network.work[r] as i64 - 1);
                    How::Remaining {
                        base: base as i32,
                        remaining: (network.work[r] as i64 - base).max(1),
                        likely: likely.max(1) as i64,
                    }
                }
                Mode::Fixed => continue,
            };
            spread[i] = (high - low) as i64;
            sampled.push(Sampled {
                rank: r as u32,
                stream: stream_of(&item.id),
                table: table_for([low, likely, high]),
                how,
            });
        }
        for (j, dep) in program.dependencies.iter().enumerate() {
            let i = program.items.len() + j;
            let r = network.rank_of[i] as usize;
            if network.done[i] || r >= network.scheduled {
                continue;
            }
            let [a, m, b] = dep.slip_or_rule(&program.rules);
            let (low, high) = (a.min(m), b.max(m));
            if low == high && low == 0 {
                continue;
            }
            spread[i] = (high - low) as i64;
            sampled.push(Sampled {
                rank: r as u32,
                stream: stream_of(&dep.id),
                table: table_for([low, m.clamp(low, high), high]),
                how: How::Slip,
            });
        }
        let mut by_priority: Vec<u32> = (0..network.scheduled as u32).collect();
        by_priority.sort_unstable_by_key(|&r| {
            let i = network.file_of[r as usize] as usize;
            std::cmp::Reverse((network.kinds[i] != NodeKind::Dependency, i))
        });
        let total = program.rules.iterations.clamp(1, 1_000_000);
        let levelling = forecast_levelling(program, &network);
        ForecastRun {
            levelling,
            absorbed: Vec::new(),
            tables,
            sampled,
            total,
            done: 0,
            pass: network.pass::<LANES>(),
            finishes: Vec::with_capacity(total as usize),
            on_path: vec![0; n],
            by_priority,
            spread,
            ids: (0..n).map(|i| id_of(program, i).to_string()).collect(),
            network,
        }
    }

    /// Runs up to `iterations` more iterations; true when all are done. Iteration `k`
    /// always draws and finishes the same, whichever call runs it.
    pub fn step(&mut self, iterations: u32) -> bool {
        let until = self.done.saturating_add(iterations).min(self.total);
        while self.done < until {
            // Lanes run whole batches of iterations `b..b + LANES`, `b` a multiple of
            // LANES; a slice ending inside one reruns it next time for the rest.
            let batch = self.done / LANES as u32 * LANES as u32;
            let to = ((until - batch) as usize).min(LANES);
            self.iterate(batch, (self.done - batch) as usize, to);
            self.done = batch + to as u32;
        }
        self.done >= self.total
    }

    /// Iterations done so far and in all.
    pub fn progress(&self) -> (u32, u32) {
        (self.done, self.total)
    }

    /// Nodes × iterations, times [`LEVELLED_COST`] when levelled: what the run costs, in
    /// units of one node of one linked iteration.
    pub fn weight(&self) -> u64 {
        let per = if self.levelling.is_some() {
            LEVELLED_COST
        } else {
            1
        };
        self.network.len() as u64 * u64::from(self.total) * per
    }

    /// Whether to run this forecast on helper threads rather than in the page's slices: a
    /// levelled run of [`OFF_PAGE_WEIGHT`] or more.
    pub fn off_page(&self) -> bool {
        self.levelling.is_some() && self.weight() >= OFF_PAGE_WEIGHT
    }

    /// The iterations split into `count` (at least 1) contiguous ranges, as even as whole
    /// batches of lanes allow, in order; none empty (fewer when there are few iterations).
    pub fn ranges(&self, count: u32) -> Vec<(u32, u32)> {
        let batches = self.total.div_ceil(LANES as u32);
        let count = count.clamp(1, batches.max(1));
        (0..count)
            .map(|k| {
                let at = |k: u32| (batches * k / count * LANES as u32).min(self.total);
                (at(k), at(k + 1))
            })
            .filter(|(from, to)| from < to)
            .collect()
    }

    /// Runs iterations `from..to` (clamped to the run's) and hands them over as a [`Part`],
    /// leaving the run as it was: one run can give the parts of a forecast one after the
    /// other, in any order (a helper thread prepares a run once per program). Not for a run
    /// that is stepped or absorbs parts itself.
    pub fn part(&mut self, from: u32, to: u32) -> Part {
        let (done, total) = (self.done, self.total);
        let to = to.min(total);
        let from = from.min(to);
        let finishes = std::mem::take(&mut self.finishes);
        let on_path = vec![0; self.on_path.len()];
        let on_path = std::mem::replace(&mut self.on_path, on_path);
        (self.done, self.total) = (from, to);
        while !self.step(u32::MAX) {}
        let part = Part {
            from,
            to,
            finishes: std::mem::replace(&mut self.finishes, finishes),
            on_path: std::mem::replace(&mut self.on_path, on_path),
        };
        (self.done, self.total) = (done, total);
        part
    }

    /// Takes in `part`, run elsewhere from the same program and status date, as if this run
    /// had stepped through its iterations. Parts may come in any order; this run must
    /// only be fed parts (never [`step`](Self::step)ped), each range once. Refused, changing
    /// nothing, when the part does not fit: a range outside the run or overlapping one
    /// already taken, or lengths that are not the range's and the run's.
    pub fn absorb(&mut self, part: Part) -> Result<(), String> {
        let Part {
            from,
            to,
            finishes,
            on_path,
        } = part;
        if from >= to || to > self.total {
            return Err(format!(
                "iterations {from}..{to} are not within the run's {}",
                self.total
            ));
        }
        if finishes.len() != (to - from) as usize || on_path.len() != self.on_path.len() {
            return Err("the part's figures do not fit its range or this program".into());
        }
        if self.absorbed.iter().any(|&(a, b)| from < b && a < to) {
            return Err(format!("iterations {from}..{to} were already taken in"));
        }
        self.absorbed.push((from, to));
        self.finishes.extend(finishes);
        for (mine, theirs) in self.on_path.iter_mut().zip(on_path) {
            *mine = mine.saturating_add(theirs);
        }
        self.done = self.finishes.len() as u32;
        Ok(())
    }

    /// What `s` samples for uniform draw `u`: a duration, remaining days or a slip.
    fn value(&self, s: &Sampled, u: u32) -> i32 {
        let full = self.tables.sample(s.table, u);
        match s.how {
            // Rounded to the nearest day, in integers.
            How::Remaining {
                remaining, likely, ..
            } => ((2 * remaining * full as i64 + likely) / (2 * likely)).clamp(1, MAX_WORK) as i32,
            How::Duration | How::Slip => full,
        }
    }

    /// Runs iterations `batch..batch + LANES` side by side and records lanes `from..to`.
    fn iterate(&mut self, batch: u32, from: usize, to: usize) {
        for s in &self.sampled {
            let r = s.rank as usize;
            let mut draws = [0u32; LANES];
            for (j, two) in draws.chunks_exact_mut(2).enumerate() {
                let bits = pair(s.stream, batch / 2 + j as u32);
                two[0] = bits as u32;
                two[1] = (bits >> 32) as u32;
            }
            match s.how {
                How::Duration => {
                    self.pass.work[r] = draws.map(|u| self.tables.sample(s.table, u));
                }
                How::Remaining { base, .. } => {
                    self.pass.work[r] = draws
                        .map(|u| (base as i64 + self.value(s, u) as i64).clamp(1, MAX_WORK) as i32);
                }
                How::Slip => {
                    let (start, end) = (self.network.lower[r], self.network.work[r]);
                    let slips = draws.map(|u| 2 * self.value(s, u) as i64);
                    self.pass.keys[2 * r] = slips.map(|v| clamp_key(start as i64 + v));
                    self.pass.keys[2 * r + 1] = slips.map(|v| clamp_key(end as i64 + v));
                }
            }
        }
        let finish = match &mut self.levelling {
            None => self.network.forward(&mut self.pass),
            // Levelled: each lane decoded on its own with the accepted order (the resource
            // search is not a vector operation). The chain traced below follows links and
            // waits for people alike.
            Some(_) => {
                // Each lane traced right after its own decode (`holder` reads it).
                for lane in from..to {
                    let last = match &mut self.levelling {
                        Some((decoder, list)) => decoder.decode(
                            &self.network,
                            &mut self.pass.keys,
                            &self.pass.work,
                            lane,
                            list,
                            None,
                        ),
                        None => NOTHING,
                    };
                    let day = self.network.finish_day(last);
                    self.finishes
                        .push(day.clamp(i32::MIN as i64, i32::MAX as i64) as i32);
                    self.trace(lane, last);
                }
                return;
            }
        };
        for (lane, &last) in finish.iter().enumerate().take(to).skip(from) {
            let day = self.network.finish_day(last);
            self.finishes
                .push(day.clamp(i32::MIN as i64, i32::MAX as i64) as i32);
            self.trace(lane, last);
        }
    }

    /// Counts the chain that drove `lane`'s finish: back from the node ending last along
    /// the links that drove each date.
    fn trace(&mut self, lane: usize, finish: i32) {
        let last = self
            .by_priority
            .iter()
            .map(|&r| r as usize)
            .find(|&r| self.pass.keys[2 * r + 1][lane] == finish);
        let mut at = last;
        let mut steps = 0;
        while let Some(r) = at {
            self.on_path[r] += 1;
            steps += 1;
            at = self
                .network
                .driver(&self.pass, r, lane)
                .or_else(|| self.holder(r, lane))
                .filter(|_| steps <= self.network.len());
        }
    }

    /// With capacity: when rank `r` started later than its links allowed in `lane` (it
    /// waited for people), the node that held them — one needing a team `r` needs and
    /// finishing the working day before `r` starts — so the chain goes on through the wait
    /// as the levelled schedule's does. Reads the lane's own decode, so it must run before
    /// the next lane is decoded. O(teams of `r`).
    fn holder(&self, r: usize, lane: usize) -> Option<usize> {
        let (decoder, _) = self.levelling.as_ref()?;
        let net = &self.network;
        let work = self.pass.work[r][lane];
        if net.mode[r] != Mode::Free || work == 0 {
            return None;
        }
        let (a, b) = net.bounds_of(&self.pass.keys, r, lane);
        let (earliest, _) = place(a, b, work, 0, net.lower[r]);
        let start = self.pass.keys[2 * r][lane];
        if start <= earliest {
            return None;
        }
        decoder.held_by(r, (start >> 1) as i64)
    }

    /// The result over the iterations run so far (all of them once `step` returned true).
    pub fn result(&self) -> Forecast {
        let cal = &self.network.cal;
        let runs = self.finishes.len().max(1);
        let mut sorted = self.finishes.clone();
        sorted.sort_unstable();
        let percentile = |p: f64| -> NaiveDate {
            if sorted.is_empty() {
                return cal.date(self.network.program_start);
            }
            let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
            cal.date(sorted[rank - 1] as i64)
        };
        let on_time = sorted
            .iter()
            .filter(|&&day| day as i64 <= self.network.target_day)
            .count();
        let mut curve: Vec<(NaiveDate, f64)> = Vec::new();
        for (k, &day) in sorted.iter().enumerate() {
            let share = (k + 1) as f64 / runs as f64;
            let date = cal.date(day as i64);
            match curve.last_mut() {
                Some(last) if last.0 == date => last.1 = share,
                _ => curve.push((date, share)),
            }
        }
        let criticality: Vec<f64> = (0..self.network.len())
            .map(|i| self.on_path[self.network.rank_of[i] as usize] as f64 / runs as f64)
            .collect();
        // Drivers: uncertain, unfinished work most often on the path, weighted by its spread.
        let mut ranked: Vec<usize> = (0..self.network.len())
            .filter(|&i| !self.network.done[i] && self.spread[i] > 0 && criticality[i] > 0.0)
            .collect();
        ranked.sort_by(|&a, &b| {
            let weight = |i: usize| criticality[i] * self.spread[i] as f64;
            weight(b).total_cmp(&weight(a)).then(a.cmp(&b))
        });
        let drivers = ranked
            .into_iter()
            .take(DRIVERS)
            .map(|i| Driver {
                id: self.ids[i].clone(),
                criticality: criticality[i],
            })
            .collect();
        Forecast {
            iterations: self.finishes.len() as u32,
            confidence: on_time as f64 / runs as f64,
            p50: percentile(0.50),
            p85: percentile(0.85),
            p95: percentile(0.95),
            curve,
            criticality,
            drivers,
        }
    }

    /// What the item or dependency `id` samples in each of the first `iterations`
    /// iterations (durations, remaining days or slips), or `None` when nothing about it is
    /// uncertain. For tests of the common random numbers.
    #[doc(hidden)]
    pub fn draws_of(&self, id: &str, iterations: u32) -> Option<Vec<i64>> {
        let i = self.ids.iter().position(|other| other == id)?;
        let rank = self.network.rank_of[i];
        let s = self.sampled.iter().find(|s| s.rank == rank)?;
        Some(
            (0..iterations)
                .map(|k| self.value(s, uniform(s.stream, k)) as i64)
                .collect(),
        )
    }
}

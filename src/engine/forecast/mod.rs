//! Date confidence: Monte Carlo over the schedule (SPEC §4 "Date confidence").
//! Seeded from the program's content, so the same program always gives the same figures.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::network::{Mode, Network, NO_DRIVER};
use crate::model::{write_program_compact, Program, ThreePoint};

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
pub fn forecast(program: &Program, as_of: NaiveDate) -> Forecast {
    let mut run = ForecastRun::new(program, as_of);
    while !run.step(u32::MAX) {}
    run.result()
}

/// How many drivers the result lists.
const DRIVERS: usize = 5;

/// A duration distribution over whole working days: `low + k` with probability from
/// `cumulative` (scaled to `u32::MAX`), the PERT-Beta integrated over each day.
#[derive(Debug, Clone)]
struct Discrete {
    low: i64,
    cumulative: Vec<u32>,
    /// For each of 256 slices of `u32`, the first day whose cumulative share reaches the
    /// slice's start: sampling then scans a step or two instead of searching.
    guide: Vec<u32>,
}

impl Discrete {
    fn new(low: i64, cumulative: Vec<u32>) -> Discrete {
        let guide = (0..256u32)
            .map(|slice| cumulative.partition_point(|&c| c < slice << 24) as u32)
            .collect();
        Discrete {
            low,
            cumulative,
            guide,
        }
    }

    /// The day for a uniform draw `u`: the first whose cumulative share reaches `u`.
    fn sample(&self, u: u32) -> i64 {
        let last = self.cumulative.len().saturating_sub(1);
        let mut k = (self.guide[(u >> 24) as usize] as usize).min(last);
        while k < last && self.cumulative[k] < u {
            k += 1;
        }
        self.low + k as i64
    }
}

/// What one node samples each iteration.
#[derive(Debug, Clone, Copy)]
enum Sampled {
    /// A task not started: its duration.
    Duration { table: usize },
    /// A started task: remaining work scaled by sampled ÷ likely duration.
    Remaining {
        table: usize,
        base: i64,
        remaining: f64,
        likely: f64,
    },
    /// An undelivered dependency: days it lands after its date.
    Slip { table: usize },
}

/// A Monte Carlo forecast that can run in slices (the UI runs a few hundred iterations
/// per animation frame). The same program and status date always give the same result,
/// however the iterations are sliced.
#[derive(Debug, Clone)]
pub struct ForecastRun {
    network: Network,
    tables: Vec<Discrete>,
    sampled: Vec<(usize, Sampled)>,
    rng: Rng,
    total: u32,
    done: u32,
    finishes: Vec<i64>,
    on_path: Vec<u32>,
    dur: Vec<i64>,
    lower_end: Vec<i64>,
    start: Vec<i64>,
    end: Vec<i64>,
    driver: Vec<u32>,
    /// Spread (high − low) per node, to rank drivers.
    spread: Vec<i64>,
}

impl ForecastRun {
    pub fn new(program: &Program, as_of: NaiveDate) -> ForecastRun {
        let network = Network::compile(program, as_of);
        let n = network.len();
        let mut tables = Vec::new();
        let mut cache: HashMap<ThreePoint, usize> = HashMap::new();
        let mut table_for = |three: ThreePoint| -> usize {
            *cache.entry(three).or_insert_with(|| {
                tables.push(pert_table(three));
                tables.len() - 1
            })
        };
        let mut sampled = Vec::new();
        let mut spread = vec![0i64; n];
        for (i, item) in program.items.iter().enumerate() {
            if item.is_milestone() || !network.scheduled[i] {
                continue;
            }
            let likely = item.days;
            let low = item.low.unwrap_or(likely).min(likely);
            let high = item.high.unwrap_or(likely).max(likely);
            if low == high {
                continue;
            }
            spread[i] = (high - low) as i64;
            let table = table_for([low, likely, high]);
            match network.mode[i] {
                Mode::Free => sampled.push((i, Sampled::Duration { table })),
                Mode::StartFixed => {
                    // Remaining work runs from the status date (or the start, if later).
                    let base = network.today.max(network.lower_start[i]);
                    let remaining = (network.lower_end[i] - base).max(1);
                    sampled.push((
                        i,
                        Sampled::Remaining {
                            table,
                            base,
                            remaining: remaining as f64,
                            likely: likely.max(1) as f64,
                        },
                    ));
                }
                Mode::Fixed => {}
            }
        }
        for (j, dep) in program.dependencies.iter().enumerate() {
            let i = program.items.len() + j;
            if network.done[i] || !network.scheduled[i] {
                continue;
            }
            let [a, m, b] = dep.slip_or_rule(&program.rules);
            let (low, high) = (a.min(m), b.max(m));
            if low == high && low == 0 {
                continue;
            }
            spread[i] = (high - low) as i64;
            let table = table_for([low, m.clamp(low, high), high]);
            sampled.push((i, Sampled::Slip { table }));
        }
        let total = program.rules.iterations.clamp(1, 1_000_000);
        let seed = seed_of(program, as_of);
        ForecastRun {
            tables,
            sampled,
            rng: Rng::new(seed),
            total,
            done: 0,
            finishes: Vec::with_capacity(total as usize),
            on_path: vec![0; n],
            dur: network.dur.clone(),
            lower_end: network.lower_end.clone(),
            start: vec![0; n],
            end: vec![0; n],
            driver: vec![NO_DRIVER; n],
            spread,
            network,
        }
    }

    /// Runs up to `iterations` more iterations; true when all are done.
    pub fn step(&mut self, iterations: u32) -> bool {
        let until = self.done.saturating_add(iterations).min(self.total);
        while self.done < until {
            self.iterate();
            self.done += 1;
        }
        self.done >= self.total
    }

    /// Iterations done so far and in all.
    pub fn progress(&self) -> (u32, u32) {
        (self.done, self.total)
    }

    fn iterate(&mut self) {
        for &(i, how) in &self.sampled {
            let u = self.rng.next_u32();
            match how {
                Sampled::Duration { table } => self.dur[i] = self.tables[table].sample(u),
                Sampled::Remaining {
                    table,
                    base,
                    remaining,
                    likely,
                } => {
                    let full = self.tables[table].sample(u) as f64;
                    let scaled = (remaining * full / likely).round().max(1.0) as i64;
                    self.lower_end[i] = base + scaled;
                }
                Sampled::Slip { table } => {
                    self.lower_end[i] = self.network.lower_end[i] + self.tables[table].sample(u)
                }
            }
        }
        let finish = self.network.forward(
            &self.dur,
            &self.lower_end,
            &mut self.start,
            &mut self.end,
            &mut self.driver,
        );
        self.finishes.push(finish);
        // The chain that drove this iteration's finish: walk back from the last node.
        let last = self
            .network
            .order
            .iter()
            .rev()
            .map(|&i| i as usize)
            .find(|&i| self.end[i] == finish);
        let mut at = last;
        let mut steps = 0;
        while let Some(i) = at {
            self.on_path[i] += 1;
            steps += 1;
            at = match self.driver[i] {
                NO_DRIVER => None,
                p if steps <= self.network.len() => Some(p as usize),
                _ => None,
            };
        }
    }

    /// The result over the iterations run so far (all of them once `step` returned true).
    pub fn result(&self) -> Forecast {
        let cal = &self.network.cal;
        let runs = self.finishes.len().max(1);
        let mut sorted = self.finishes.clone();
        sorted.sort_unstable();
        let percentile = |p: f64| -> NaiveDate {
            if sorted.is_empty() {
                return cal.date(self.network.program_start - 1);
            }
            let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
            cal.date(sorted[rank - 1] - 1)
        };
        let on_time = sorted
            .iter()
            .filter(|&&f| f <= self.network.target_end)
            .count();
        let mut curve: Vec<(NaiveDate, f64)> = Vec::new();
        for (k, &finish) in sorted.iter().enumerate() {
            let share = (k + 1) as f64 / runs as f64;
            let date = cal.date(finish - 1);
            match curve.last_mut() {
                Some(last) if last.0 == date => last.1 = share,
                _ => curve.push((date, share)),
            }
        }
        let criticality: Vec<f64> = self
            .on_path
            .iter()
            .map(|&c| c as f64 / runs as f64)
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
                id: self.network.ids[i].clone(),
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
}

/// The seed: a hash of the program's content and the status date.
fn seed_of(program: &Program, as_of: NaiveDate) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let text = write_program_compact(program);
    for byte in text.bytes().chain(as_of.to_string().bytes()) {
        hash ^= byte as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The PERT-Beta over `[low, likely, high]` as whole working days: α = 1 + 4(m−a)/(b−a),
/// β = 1 + 4(b−m)/(b−a); day `k` gets the Beta's mass over `[k − ½, k + ½]` (clipped to
/// the range), integrated numerically. Ranges wider than 4,000 days are capped so the
/// table stays small.
fn pert_table([low, likely, high]: ThreePoint) -> Discrete {
    let (a, b) = (low as f64, high.min(low.saturating_add(4_000)) as f64);
    let m = (likely as f64).clamp(a, b);
    let width = (b - a).max(1.0);
    let alpha = 1.0 + 4.0 * (m - a) / width;
    let beta = 1.0 + 4.0 * (b - m) / width;
    let density = |x: f64| ((alpha - 1.0) * x.ln() + (beta - 1.0) * (1.0 - x).ln()).exp();
    let days = (b - a) as usize + 1;
    let mut mass = Vec::with_capacity(days);
    const STEPS: usize = 24;
    for k in 0..days {
        let from = ((k as f64 - 0.5) / width).max(0.0);
        let to = ((k as f64 + 0.5) / width).min(1.0);
        let h = (to - from) / STEPS as f64;
        let sum: f64 = (0..STEPS)
            .map(|s| density(from + (s as f64 + 0.5) * h))
            .sum();
        mass.push(sum * h);
    }
    let total: f64 = mass.iter().sum();
    let mut running = 0.0;
    let cumulative = mass
        .iter()
        .map(|m| {
            running += m / total;
            (running.min(1.0) * u32::MAX as f64) as u32
        })
        .collect::<Vec<u32>>();
    let mut cumulative = cumulative;
    if let Some(last) = cumulative.last_mut() {
        *last = u32::MAX;
    }
    Discrete::new(low as i64, cumulative)
}

/// xoshiro256** seeded through splitmix64: small, fast, and the same on every platform.
#[derive(Debug, Clone)]
struct Rng {
    s: [u64; 4],
}

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }
}

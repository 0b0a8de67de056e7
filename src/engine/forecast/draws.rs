//! The Monte Carlo's randomness: common random numbers keyed by item id, and the PERT-Beta
//! of a three-point estimate as a table over whole working days. Pure: the same id and
//! iteration always give the same draw, on every platform; no clock, no global state.
//!
//! Why a counter-based generator rather than a stream (xoshiro, or the `rand_xoshiro`
//! crate): a draw must be a function of *(item id, iteration)* alone, so that an edit to
//! one item, the number of items, their order or the slicing of the run never shifts
//! another item's draws. SplitMix64's output function over `hash(id) + iteration × γ`
//! is exactly that — SplitMix64 itself, one stream per id — with no state to keep or
//! advance, and no crate to ship.

use crate::model::ThreePoint;

/// SplitMix64's increment (the golden ratio in 64 bits).
pub(crate) const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a bijection of `u64` that mixes every bit into every bit.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream key of an item or dependency: FNV-1a over its id, mixed. Only the id — so a
/// retitled, re-owned or re-estimated item keeps its stream.
pub(crate) fn stream_of(id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in id.as_bytes() {
        hash = (hash ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(hash)
}

/// The uniform draws of `stream` in iterations `2 × pair` (low 32 bits) and
/// `2 × pair + 1` (high 32 bits): output `pair + 1` of SplitMix64 seeded with the stream
/// key. One mix gives two iterations their draws.
pub(crate) fn pair(stream: u64, pair: u32) -> u64 {
    mix(stream.wrapping_add((pair as u64 + 1).wrapping_mul(GAMMA)))
}

/// The uniform draw of `stream` in `iteration`.
pub(crate) fn uniform(stream: u64, iteration: u32) -> u32 {
    (pair(stream, iteration >> 1) >> (32 * (iteration & 1))) as u32
}

/// Every distribution of a run, flattened into two arrays so a draw is two loads.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tables {
    /// Per distribution, from its `cumulative` offset: for day `k`, the share of draws
    /// finishing within `low + k` days, scaled to `u32::MAX` (the last is `u32::MAX`).
    cumulative: Vec<u32>,
    /// Per distribution, 256 entries: for each slice of `u32`, the first day whose
    /// cumulative share reaches the slice's start — a draw then scans a step or two.
    guide: Vec<u32>,
}

/// Where one distribution sits in [`Tables`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Table {
    low: i32,
    cumulative: u32,
    guide: u32,
}

/// The largest `low` of a table: with at most 4,001 days above it, every draw fits the
/// network's spans.
const MAX_LOW: i64 = 100_000;

impl Tables {
    /// Adds the distribution `low + k` days with the given cumulative shares (the last
    /// one `u32::MAX`).
    fn add(&mut self, low: i64, cumulative: &[u32]) -> Table {
        let table = Table {
            low: low.clamp(0, MAX_LOW) as i32,
            cumulative: self.cumulative.len() as u32,
            guide: self.guide.len() as u32,
        };
        self.guide.extend(
            (0..256u32).map(|slice| cumulative.partition_point(|&c| c < slice << 24) as u32),
        );
        self.cumulative.extend_from_slice(cumulative);
        table
    }

    /// The days of `table` for a uniform draw `u`: the first whose cumulative share
    /// reaches `u` (the inverse of the distribution function, so a larger `u` never gives
    /// fewer days). The scan always stops: the last share is `u32::MAX`.
    pub fn sample(&self, table: Table, u: u32) -> i32 {
        let guide = &self.guide[table.guide as usize..];
        let cumulative = &self.cumulative[table.cumulative as usize..];
        let mut k = guide[(u >> 24) as usize] as usize;
        while cumulative[k] < u {
            k += 1;
        }
        table.low + k as i32
    }

    /// The PERT-Beta over `[low, likely, high]` as whole working days: α = 1 + 4(m−a)/(b−a),
    /// β = 1 + 4(b−m)/(b−a); day `k` gets the Beta's mass over `[k − ½, k + ½]` (clipped
    /// to the range), integrated numerically. Ranges wider than 4,000 days are capped so
    /// the table stays small. O(b − a) time and memory.
    pub fn pert(&mut self, [low, likely, high]: ThreePoint) -> Table {
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
        let mut cumulative: Vec<u32> = mass
            .iter()
            .map(|m| {
                running += m / total;
                (running.min(1.0) * u32::MAX as f64) as u32
            })
            .collect();
        if let Some(last) = cumulative.last_mut() {
            *last = u32::MAX;
        }
        self.add(low as i64, &cumulative)
    }
}

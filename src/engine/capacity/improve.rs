//! "Improve": a search for a priority order whose levelled schedule finishes earlier,
//! within a given number of schedules (decodes), deterministic for a seed. Pure; the seed
//! is an argument.
//!
//! The method, from the project-scheduling literature: a genetic algorithm over activity
//! lists (two-point crossover and adjacent swaps that keep every link forward, Hartmann
//! 1998) whose every new list is justified by forward–backward improvement (Valls,
//! Ballestín & Quintanilla 2005): the schedule is pushed right against its own finish in
//! decreasing order of finish (a backward decode), then decoded forward again in order of
//! those starts, which closes gaps a single pass leaves. The first lists are the incumbent
//! (the accepted order, or the default rule), the default rule, and lists drawn by
//! regret-biased random sampling on latest finish. A list is better when the program
//! finishes earlier, then when its items finish earlier in sum.

use crate::engine::draw::Draw;
use chrono::NaiveDate;

use super::Model;
use crate::engine::schedule::network::Mode;
use crate::engine::schedule::passes::Pass;
use crate::model::Program;

/// The improved priority order of `program`'s items at `as_of` within `schedules`
/// decodes (each forward or backward pass of the scheme counts one), the same for the
/// same program, status date, budget and `seed`. Never worse than the program's accepted
/// `levelling` (or the default rule when it has none), which the search starts from. A
/// program without constrained demand gets the default rule's order.
///
/// Complexity: O(schedules × one decode).
pub fn improve_levelling(
    program: &Program,
    as_of: NaiveDate,
    schedules: usize,
    seed: u64,
) -> Vec<String> {
    let mut model = Model::new(program, as_of);
    let start = model.list_of(program, program.levelling.as_deref());
    if !model.constrained() {
        return model.ids(program, &start);
    }
    let best = Search::new(&mut model, seed).run(start, schedules);
    model.ids(program, &best.0)
}

/// How good a decode is: the finish key, then the sum of end keys (smaller is better).
pub(crate) type Fitness = (i64, i64);

/// One search over a model.
pub(crate) struct Search<'m> {
    model: &'m mut Model,
    draw: Draw,
    used: usize,
    /// Latest finish keys (the default rule), for sampling.
    late: Vec<i64>,
}

impl<'m> Search<'m> {
    pub fn new(model: &'m mut Model, seed: u64) -> Search<'m> {
        let late = model.latest_finish();
        Search {
            model,
            draw: Draw(seed ^ 0x6c65_7665_6c6c_696e),
            used: 0,
            late,
        }
    }

    /// Decodes `list` forward: its pass and fitness.
    fn forward(&mut self, list: &[u32]) -> (Pass<1>, Fitness) {
        self.used += 1;
        let (pass, finish) = self.model.decode(list, None);
        let sum: i64 = list
            .iter()
            .map(|&r| pass.keys[2 * r as usize + 1][0] as i64)
            .sum();
        (pass, (finish as i64, sum))
    }

    /// The list in order of a placement's starts (ties by the list's own order), links kept.
    fn by_start(&self, list: &[u32], keys: &[i64]) -> Vec<u32> {
        let net = &self.model.network;
        let mut position = vec![0u32; net.len()];
        for (at, &r) in list.iter().enumerate() {
            position[r as usize] = at as u32;
        }
        self.model.graph.list_by(net, |r| (keys[r], position[r]))
    }

    /// Forward–backward improvement of a decoded list: a backward decode right-justified
    /// against its finish, then a forward decode in order of the backward starts. Returns
    /// the better of the two lists decoded forward.
    fn justify(
        &mut self,
        list: Vec<u32>,
        pass: Pass<1>,
        fitness: Fitness,
        budget: usize,
    ) -> (Vec<u32>, Fitness) {
        if self.used + 2 > budget {
            return (list, fitness);
        }
        self.used += 1;
        let starts = self.backward(&list, &pass, fitness.0 as i32);
        let order = self.by_start(&list, &starts);
        let (_, fit2) = self.forward(&order);
        // The list kept is the one decoded: re-sorting it by its own starts could decode
        // differently (a node then meets fewer nodes before it).
        if fit2 <= fitness {
            (order, fit2)
        } else {
            (list, fitness)
        }
    }

    /// The backward decode: every listed node, latest end first, as late as its successors
    /// (already placed) and the people free allow, nothing past `finish`; started nodes
    /// stay where they are. Returns the start key per rank (the order it suggests; the
    /// dates themselves are never used, so the program's lower bounds need not hold).
    fn backward(&mut self, list: &[u32], pass: &Pass<1>, finish: i32) -> Vec<i64> {
        let net = &self.model.network;
        let n = net.len();
        let mut keys: Vec<[i32; 2]> = (0..n)
            .map(|r| [pass.keys[2 * r][0], pass.keys[2 * r + 1][0]])
            .collect();
        let mut order: Vec<u32> = list.to_vec();
        order.sort_by_key(|&r| std::cmp::Reverse((keys[r as usize][1], keys[r as usize][0])));
        let decoder = &mut self.model.decoder;
        decoder.clear();
        for &r in list {
            let r = r as usize;
            if net.mode[r] == Mode::StartFixed {
                let (s, e) = ((keys[r][0] >> 1) as i64, (keys[r][1] >> 1) as i64);
                decoder.take(r, s, e);
            }
        }
        let mut placed = vec![false; n];
        for &r in &order {
            let r = r as usize;
            placed[r] = true;
            if net.mode[r] != Mode::Free {
                continue;
            }
            let (s0, e0) = (keys[r][0], keys[r][1]);
            let point = s0 == e0;
            let mut latest = finish as i64;
            for arc in net.succs(r) {
                let q = arc.other as usize;
                if !placed[q] || net.mode[q] != Mode::Free {
                    continue;
                }
                let bound = keys[q][arc.to_end as usize] as i64 - arc.lag2 as i64;
                // A node's end key bounds its own side directly for a point or a link from its
                // end; a link from its start bounds the start: start ≤ bound → end key ≤
                // 2⌊bound/2⌋ + 2d − 1.
                let end_key = if point || arc.from_end {
                    bound
                } else {
                    2 * bound.div_euclid(2) + (e0 - s0) as i64
                };
                latest = latest.min(end_key);
            }
            if point {
                let k = latest.max(s0 as i64) as i32;
                keys[r] = [k, k];
                continue;
            }
            let days = ((e0 - s0 + 1) / 2) as i64;
            // The last whole day the end key allows: an end key 2f + 1 ends on day f.
            let last_day = (latest - 1).div_euclid(2);
            let s = decoder.search_back(r, last_day - days + 1, days);
            decoder.take(r, s, s + days - 1);
            keys[r] = [2 * s as i32, (2 * (s + days) - 1) as i32];
        }
        keys.iter().map(|k| k[0] as i64).collect()
    }

    /// A list drawn by regret-biased random sampling on latest finish: among the nodes
    /// whose predecessors are listed, node j with weight (max latest finish − its own + 1).
    fn sample(&mut self) -> Vec<u32> {
        let net = &self.model.network;
        let graph = &self.model.graph;
        let mut indegree = graph.indegree.clone();
        let mut ready: Vec<u32> = (net.fixed..net.scheduled)
            .filter(|&r| indegree[r] == 0)
            .map(|r| r as u32)
            .collect();
        let mut list = Vec::with_capacity(net.scheduled - net.fixed);
        while !ready.is_empty() {
            let worst = ready
                .iter()
                .map(|&r| self.late[r as usize])
                .max()
                .unwrap_or(0);
            let total: f64 = ready
                .iter()
                .map(|&r| (worst - self.late[r as usize] + 1) as f64)
                .sum();
            let mut pick = self.draw.unit() * total;
            let mut at = ready.len() - 1;
            for (k, &r) in ready.iter().enumerate() {
                pick -= (worst - self.late[r as usize] + 1) as f64;
                if pick < 0.0 {
                    at = k;
                    break;
                }
            }
            let r = ready.swap_remove(at);
            list.push(r);
            for &q in graph.succs(r as usize) {
                indegree[q as usize] -= 1;
                if indegree[q as usize] == 0 {
                    ready.push(q);
                }
            }
        }
        list
    }

    /// Two-point crossover: the mother's first `a` nodes, then the father's in his order
    /// up to position `b`, then the mother's rest. Links stay forward.
    fn cross(&mut self, mother: &[u32], father: &[u32]) -> Vec<u32> {
        let n = mother.len();
        if n < 2 {
            return mother.to_vec();
        }
        let (mut a, mut b) = (self.draw.below(n), self.draw.below(n));
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        let mut taken = vec![false; self.model.network.len()];
        let mut child = Vec::with_capacity(n);
        for &r in &mother[..a] {
            taken[r as usize] = true;
            child.push(r);
        }
        for &r in father {
            if child.len() >= b {
                break;
            }
            if !taken[r as usize] {
                taken[r as usize] = true;
                child.push(r);
            }
        }
        for &r in mother {
            if !taken[r as usize] {
                taken[r as usize] = true;
                child.push(r);
            }
        }
        child
    }

    /// Swaps neighbours with probability 1/20 each when no link joins them.
    fn mutate(&mut self, list: &mut [u32]) {
        let net = &self.model.network;
        for k in 0..list.len().saturating_sub(1) {
            if self.draw.below(20) == 0 {
                let (p, q) = (list[k] as usize, list[k + 1] as usize);
                if !net.preds(q).iter().any(|arc| arc.other as usize == p) {
                    list.swap(k, k + 1);
                }
            }
        }
    }

    /// The best list found from `start` within `budget` schedules, and its fitness.
    pub fn run(mut self, start: Vec<u32>, budget: usize) -> (Vec<u32>, Fitness) {
        let budget = budget.max(1);
        let (pass, fit) = self.forward(&start);
        let mut best = self.justify(start, pass, fit, budget);
        if self.used >= budget {
            return best;
        }
        let size = (budget / 25).clamp(4, 40);
        let mut population: Vec<(Vec<u32>, Fitness)> = vec![best.clone()];
        let default = self.model.default_list();
        let mut seeds = vec![default];
        while population.len() + seeds.len() < size + 1 && self.used + 3 <= budget {
            if seeds.is_empty() {
                seeds.push(self.sample());
            }
            let list = seeds.pop().unwrap_or_default();
            let (pass, fit) = self.forward(&list);
            let justified = self.justify(list, pass, fit, budget);
            if justified.1 < best.1 {
                best = justified.clone();
            }
            population.push(justified);
            if population.len() >= size {
                break;
            }
        }
        while self.used < budget && population.len() >= 2 {
            let pick = |draw: &mut Draw, pop: &[(Vec<u32>, Fitness)]| {
                let (x, y) = (draw.below(pop.len()), draw.below(pop.len()));
                if pop[x].1 <= pop[y].1 {
                    x
                } else {
                    y
                }
            };
            let mother = pick(&mut self.draw, &population);
            let father = pick(&mut self.draw, &population);
            let mut child = self.cross(&population[mother].0, &population[father].0);
            self.mutate(&mut child);
            let (pass, fit) = self.forward(&child);
            let child = self.justify(child, pass, fit, budget);
            if child.1 < best.1 {
                best = child.clone();
            }
            let worst = (0..population.len())
                .max_by_key(|&k| population[k].1)
                .unwrap_or(0);
            if child.1 < population[worst].1 && !population.iter().any(|p| p.1 == child.1) {
                population[worst] = child;
            }
        }
        best
    }
}

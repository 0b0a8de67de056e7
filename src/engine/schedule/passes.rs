//! The passes of the critical path method over a compiled [`Network`]: forward (earliest
//! dates), backward (float), and the links that drove each date (the critical chain).
//! The forward pass runs `L` independent *lanes* at once — the schedule uses one, the Monte
//! Carlo several iterations side by side, so each link is read once for all of them.
//! Pure: no clock, no allocation in the forward pass, no panics (keys stay within ±2³⁰).

use super::network::{Arc, Mode, Network, LIMIT};

/// The finish key of a network with nothing scheduled.
pub(crate) const NOTHING: i32 = i32::MIN;

/// The dates of one forward pass, `L` lanes wide, by rank.
#[derive(Debug, Clone)]
pub(crate) struct Pass<const L: usize> {
    /// `keys[2r]` is rank `r`'s start key and `keys[2r + 1]` its end key (see the network's
    /// module doc), one per lane.
    pub keys: Vec<[i32; L]>,
    /// What the pass reads per node and lane: Free, the duration; StartFixed, the working
    /// days from its start to its earliest end. Unused for Fixed nodes, whose keys are set
    /// directly.
    pub work: Vec<[i32; L]>,
}

impl<const L: usize> Pass<L> {
    /// Rank `r`'s start and end keys in `lane`.
    #[inline]
    pub fn dates(&self, r: usize, lane: usize) -> (i32, i32) {
        (self.keys[2 * r][lane], self.keys[2 * r + 1][lane])
    }
}

/// The boundary a key rounds up to: `⌈key / 2⌉`.
#[inline]
pub(crate) fn boundary(key: i32) -> i32 {
    (key >> 1) + (key & 1)
}

/// The start and end keys of a node from its start bound `a` (its lower bound, FS and SS
/// links), its end bound `b` (FF and SF links, `-LIMIT` when none), its `work` and whether
/// its start is `held` at `lower` (−1) or not (0): the one rule of the forward pass, shared
/// with the levelled decode (`engine::capacity`) so both place a node alike. A task starts
/// on the latest boundary its bounds allow; a zero-length node sits on the latest key.
/// Branch-free, so the forward pass's lanes stay vector operations.
#[inline(always)]
pub(crate) fn place(a: i32, b: i32, work: i32, held: i32, lower: i32) -> (i32, i32) {
    let d = work;
    let s = boundary(a).max(boundary(b) - d).min(LIMIT / 2);
    let point = a.max(b).min(LIMIT);
    let task = -((d != 0) as i32);
    let own = (task & (2 * s)) | (!task & point);
    let start = (held & lower) | (!held & own);
    let end = (task & (2 * (s + d) - 1)) | (!task & point);
    (start, end)
}

impl Network {
    /// The working day a forward pass's finish key falls on (the program start's when
    /// nothing is scheduled).
    pub fn finish_day(&self, finish: i32) -> i64 {
        if finish == NOTHING {
            self.program_start
        } else {
            (finish >> 1) as i64
        }
    }

    /// A pass with every lane at the compiled bounds: fixed nodes at their dates, every
    /// duration as estimated.
    pub fn pass<const L: usize>(&self) -> Pass<L> {
        let n = self.len();
        let mut keys = vec![[0; L]; 2 * n];
        for r in 0..n {
            match self.mode[r] {
                Mode::Fixed => {
                    keys[2 * r] = [self.lower[r]; L];
                    keys[2 * r + 1] = [self.work[r]; L];
                }
                Mode::StartFixed => keys[2 * r] = [self.lower[r]; L],
                Mode::Free => {}
            }
        }
        Pass {
            keys,
            work: self.work.iter().map(|&w| [w; L]).collect(),
        }
    }

    /// The forward pass: the earliest start and end key of every scheduled node in every
    /// lane, from the fixed nodes' keys and `pass.work`.
    ///
    /// Returns the latest end key per lane — the forecast finish, shown on day `key >> 1`
    /// — or [`NOTHING`] when no node is scheduled. Nodes on a cycle are left as they are
    /// (see [`Network::placeholders`]).
    ///
    /// A task starts on the latest boundary its start bounds (its lower bound, FS and SS
    /// links) and end bounds (FF, SF, less its duration) allow, a started one on its own
    /// start; a zero-length node sits on the latest of its bounds' keys, so it keeps the
    /// side of the day that drove it. Written without branches per lane, so the lanes run
    /// as vector operations.
    ///
    /// Complexity: O(L × (n + binding links)), no allocation.
    pub fn forward<const L: usize>(&self, pass: &mut Pass<L>) -> [i32; L] {
        let keys = &mut pass.keys;
        let mut finish = [NOTHING; L];
        for end in keys[..2 * self.fixed].iter().skip(1).step_by(2) {
            for l in 0..L {
                finish[l] = finish[l].max(end[l]);
            }
        }
        for r in self.fixed..self.scheduled {
            let (at, split, to) = (
                self.pred_at[r] as usize,
                self.split[r] as usize,
                self.pred_at[r + 1] as usize,
            );
            let lower = self.lower[r];
            let mut a = [lower; L];
            for edge in &self.edges[at..split] {
                let from = keys[edge.src as usize];
                for l in 0..L {
                    a[l] = a[l].max(from[l] + edge.lag2);
                }
            }
            let mut b = [-LIMIT; L];
            for edge in &self.edges[split..to] {
                let from = keys[edge.src as usize];
                for l in 0..L {
                    b[l] = b[l].max(from[l] + edge.lag2);
                }
            }
            let work = pass.work[r];
            let held = self.held[r];
            let (mut start, mut end) = ([0; L], [0; L]);
            for l in 0..L {
                (start[l], end[l]) = place(a[l], b[l], work[l], held, lower);
                finish[l] = finish[l].max(end[l]);
            }
            keys[2 * r] = start;
            keys[2 * r + 1] = end;
        }
        finish
    }

    /// The start bound `a` and end bound `b` of rank `r` in `lane` from the keys placed so
    /// far, as the forward pass computes them (see [`place`]).
    ///
    /// Complexity: O(links into `r`).
    #[inline]
    pub(crate) fn bounds_of<const L: usize>(
        &self,
        keys: &[[i32; L]],
        r: usize,
        lane: usize,
    ) -> (i32, i32) {
        let (at, split, to) = (
            self.pred_at[r] as usize,
            self.split[r] as usize,
            self.pred_at[r + 1] as usize,
        );
        let mut a = self.lower[r];
        for edge in &self.edges[at..split] {
            a = a.max(keys[edge.src as usize][lane] + edge.lag2);
        }
        let mut b = -LIMIT;
        for edge in &self.edges[split..to] {
            b = b.max(keys[edge.src as usize][lane] + edge.lag2);
        }
        (a, b)
    }

    /// Dates for the nodes on a cycle (ranks `scheduled..`) from their own bounds alone.
    pub fn placeholders(&self, pass: &mut Pass<1>) {
        for r in self.scheduled..self.len() {
            let lower = self.lower[r];
            let [work] = pass.work[r];
            let end = match self.mode[r] {
                Mode::Fixed => pass.keys[2 * r + 1][0],
                _ if work == 0 => lower,
                _ => lower + 2 * work - 1,
            };
            pass.keys[2 * r] = [lower];
            pass.keys[2 * r + 1] = [end];
        }
    }

    /// The rank whose link drove rank `r`'s date in `lane` of a forward pass, or `None`
    /// when its own bound did (or it is fixed). A not-started node: the last of its links
    /// in file order that reaches its start (ties go to the link, so the critical chain
    /// runs through it); a zero-length one only by its exact key. A started one: the first
    /// finish link that pushed its end past its own estimate.
    ///
    /// Complexity: O(links into `r`).
    pub fn driver<const L: usize>(&self, pass: &Pass<L>, r: usize, lane: usize) -> Option<usize> {
        let key =
            |arc: &Arc| pass.keys[2 * arc.other as usize + arc.from_end as usize][lane] + arc.lag2;
        let work = pass.work[r][lane];
        let (start, end) = pass.dates(r, lane);
        match self.mode[r] {
            Mode::Fixed => None,
            Mode::StartFixed => {
                let day = boundary(end);
                if day <= boundary(start) + work {
                    return None;
                }
                self.preds(r)
                    .iter()
                    .find(|arc| arc.to_end && boundary(key(arc)) == day)
                    .map(|arc| arc.other as usize)
            }
            Mode::Free => {
                let s = boundary(start);
                self.preds(r)
                    .iter()
                    .rev()
                    .find(|arc| {
                        let x = key(arc);
                        if work == 0 {
                            x == start
                        } else if arc.to_end {
                            boundary(x) - work == s
                        } else {
                            boundary(x) == s
                        }
                    })
                    .map(|arc| arc.other as usize)
            }
        }
    }

    /// The backward pass: how many working days each scheduled node can slip (its whole
    /// span; a started one only its end) before some node would end on a day after the
    /// `deadline` key's (`2d + 1` for the end of day `d`), every binding link still holding.
    ///
    /// Returns the slack per rank (0 for nodes on a cycle); negative when the deadline is
    /// already missed. Late keys are the early ones plus twice the slack.
    ///
    /// Complexity: O(n + binding links), without a branch per link.
    pub fn backward(&self, pass: &Pass<1>, deadline: i64) -> Vec<i64> {
        let mut slack = vec![0i64; self.len()];
        // Per rank and side (start, end): the latest key a link's bound may reach with the
        // node at its latest — a task takes the boundary of its bound, so its end side
        // allows one more half day; a zero-length node takes the key itself.
        let mut limit = vec![0i64; 2 * self.scheduled];
        for r in (0..self.scheduled).rev() {
            let (s, e) = pass.dates(r, 0);
            let (s, e) = (s as i64, e as i64);
            let mut k = (deadline - e) >> 1;
            for arc in self.succs(r) {
                let x = pass.keys[2 * r + arc.from_end as usize][0] as i64 + arc.lag2 as i64;
                let to = 2 * arc.other as usize + arc.to_end as usize;
                k = k.min((limit[to] - x) >> 1);
            }
            slack[r] = k;
            limit[2 * r] = s + 2 * k;
            limit[2 * r + 1] = e + 2 * k + (s != e) as i64;
        }
        slack
    }
}

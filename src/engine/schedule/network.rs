//! The program compiled into a network of integer times, shared by the schedule, the
//! what-if and the Monte Carlo forecast. Compiling does the slow work once (ids, dates,
//! links, cycles, topological order); a pass is then a loop over integer arrays.
//! Pure: no clock, no browser, no panic on any input.
//!
//! **Times are half working days** ("keys"): the start of working day `d` is `2d`, its end
//! `2d + 1`. A task on days `s..=f` runs from key `2s` to `2f + 1`; a milestone is one key,
//! even when it sits at the start of its day (a kickoff), odd when at the end (after a
//! finish). Halving rounds a key up to the working-day *boundary* (`⌈k/2⌉`: the end of day
//! `d` and the start of day `d + 1` are one boundary, as in MS Project's working time) and
//! down to the day it is shown on (`k >> 1`). Link `p → q` with lag `l` bounds, in keys,
//! `q.start ≥ p.end + 2l` (FS), `q.start ≥ p.start + 2l` (SS), `q.end ≥ p.end + 2l` (FF),
//! `q.end ≥ p.start + 2l` (SF); a task takes the boundary of its bound. So a kickoff's FS
//! successor starts that same day, a milestone after a task sits at the end of the task's
//! last day and its FS successor starts the next working day (docs/rules.md#milestones).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Duration, NaiveDate};

use super::order::{self, Link};
use crate::engine::calendar::WorkCalendar;
use crate::model::{Item, LinkType, Program};

/// What a schedule node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Task,
    Milestone,
    Dependency,
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

/// No longer task or lag than this many working days (about 400 years): keeps date
/// arithmetic on absurd input finite and fast.
const MAX_SPAN: i64 = 100_000;

/// Keys are held within `±LIMIT`, past any date `NaiveDate` can hold (±262,000 years), so
/// 32-bit arithmetic never overflows: a key plus a lag or a duration stays below 2³¹.
pub(crate) const LIMIT: i32 = 1 << 30;

/// How a node's dates are decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Not started: its start follows its links and lower bound.
    Free,
    /// Started, unfinished: the start is fixed; the end is at least its earliest end and
    /// follows finish links (FF, SF).
    StartFixed,
    /// Finished items and dependencies: both keys fixed (a dependency's may be moved by a
    /// sampled slip). No link binds them, so they come first in the rank order.
    Fixed,
}

/// A binding link into the node that owns it, in the hot loop: the bound is
/// `keys[src] + lag2`, where `src` is `2 × rank + 1` of the predecessor for its end
/// (FS, FF) and `2 × rank` for its start (SS, SF).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub src: u32,
    pub lag2: i32,
}

/// A binding link seen from one end: the node at its other end (`other`, a rank), which
/// side of the predecessor it reads and which side of the successor it bounds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arc {
    pub other: u32,
    pub from_end: bool,
    pub to_end: bool,
    pub lag2: i32,
}

/// The compiled program. Per-node arrays are indexed by *rank*, the position in an order
/// where every binding link runs forward: fixed nodes first, then the others in
/// topological order, then the nodes on cycles (unscheduled). `file_of` and `rank_of`
/// translate to and from file order (items, then dependencies).
#[derive(Debug, Clone)]
pub(crate) struct Network {
    pub cal: WorkCalendar,
    /// File order.
    pub kinds: Vec<NodeKind>,
    pub done: Vec<bool>,
    pub overdue: Vec<bool>,
    pub problems: Vec<ScheduleProblem>,
    pub file_of: Vec<u32>,
    pub rank_of: Vec<u32>,
    /// Ranks `0..fixed` are fixed; ranks `0..scheduled` are off any cycle.
    pub fixed: usize,
    pub scheduled: usize,
    pub mode: Vec<Mode>,
    /// Free: earliest start key (even); StartFixed: the start key; Fixed: the start key.
    pub lower: Vec<i32>,
    /// Free: duration in working days; StartFixed: working days from its start to its
    /// earliest end; Fixed: end key.
    pub work: Vec<i32>,
    /// −1 where the start is held at `lower` (StartFixed), else 0: a mask, so the forward
    /// pass treats started work like any task without a branch.
    pub held: Vec<i32>,
    /// The binding links into rank `r` are `pred_at[r]..pred_at[r + 1]` of `edges` (the
    /// hot loop's form: those up to `split[r]` bound its start, the rest its end) and of
    /// `preds` (in file order, for the drivers).
    pub pred_at: Vec<u32>,
    pub split: Vec<u32>,
    pub edges: Vec<Edge>,
    pub preds: Vec<Arc>,
    /// By predecessor, for the backward pass: the binding links out of rank `r` that move
    /// when it slips, in file order.
    pub succ_at: Vec<u32>,
    pub succs: Vec<Arc>,
    /// The last working day on or before the target.
    pub target_day: i64,
    /// The program start's working day, for an empty program's finish.
    pub program_start: i64,
    /// The status date's working day: remaining work starts there.
    pub today: i64,
}

/// A key within `±LIMIT`.
#[inline]
pub(crate) fn clamp_key(key: i64) -> i32 {
    key.clamp(-(LIMIT as i64), LIMIT as i64) as i32
}

/// A working day (or boundary) whose keys are within `±LIMIT`.
#[inline]
pub(crate) fn clamp_day(day: i64) -> i32 {
    day.clamp(-(LIMIT as i64) / 2, LIMIT as i64 / 2) as i32
}

/// The longest span a started task's remaining work may have from its start (a task
/// started centuries ago): its end key still fits in 32 bits.
pub(crate) const MAX_WORK: i64 = (LIMIT / 4) as i64;

fn clamp_span(days: i64) -> i64 {
    days.clamp(-MAX_SPAN, MAX_SPAN)
}

/// A hash for ids: eight bytes at a time, then SplitMix64's finalizer so every bit of the
/// id reaches the bits a table indexes by. Ids are hashed once per node and link, and are
/// trusted as far as the file is: SipHash's guard against chosen keys buys nothing here.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    #[inline]
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        let word = u64::from_le_bytes(tail) ^ ((bytes.len() as u64) << 59);
        self.0 = (hash.rotate_left(5) ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The id of file index `i`: items, then dependencies.
pub(crate) fn id_of(program: &Program, i: usize) -> &str {
    match program.items.get(i) {
        Some(item) => &item.id,
        None => program
            .dependencies
            .get(i - program.items.len())
            .map_or("", |dep| dep.id.as_str()),
    }
}

/// Ids to file indices, borrowing the program's strings.
pub(crate) type IdIndex<'p> = HashMap<&'p str, u32, BuildHasherDefault<IdHasher>>;

/// Step 1, **ids and kinds**: every item (file order) then every dependency, its kind, and
/// an index from id to the first node with it (later duplicates are unreachable by links;
/// validation reports them). O(n) expected time.
fn ids_and_kinds(program: &Program) -> (IdIndex<'_>, Vec<NodeKind>) {
    let n = program.items.len() + program.dependencies.len();
    let mut index = IdIndex::with_capacity_and_hasher(n, Default::default());
    let mut kinds = Vec::with_capacity(n);
    for (i, id) in program.schedulable_ids().enumerate() {
        index.entry(id).or_insert(i as u32);
    }
    for item in &program.items {
        kinds.push(if item.is_milestone() {
            NodeKind::Milestone
        } else {
            NodeKind::Task
        });
    }
    kinds.resize(n, NodeKind::Dependency);
    (index, kinds)
}

/// Every node's mode and own bounds, in file order (step 2's result).
struct Bounds {
    mode: Vec<Mode>,
    lower: Vec<i32>,
    work: Vec<i32>,
    done: Vec<bool>,
    overdue: Vec<bool>,
}

/// Does nothing but a start drive this item (no FS or FF link)? Then, finished, it sits at
/// the start of its day as it did before it was finished.
fn started_by_a_start(item: &Item) -> bool {
    !item
        .after
        .iter()
        .any(|link| matches!(link.link_type, LinkType::FS | LinkType::FF))
}

/// Step 2, **bounds per mode** (docs/rules.md#actuals, earliest dates): for each node its mode
/// and the keys or durations its own dates start from.
///
/// - Not started (Free): no work before the program start, its `not_before` or the status
///   date — all at the start of their day — and its duration (0 for a milestone or a
///   zero-day task, which is then a point in time).
/// - Started, unfinished (StartFixed): the start, and `remaining` working days (absent:
///   `days` less the working days elapsed, at least 1) from the status date.
/// - Finished (Fixed): the actual dates; a finished milestone sits at the end of its day
///   unless only starts drive it (then at the start, where it sat before it was finished).
/// - Dependencies (Fixed): the end of `delivered`, or of `due`, or of the status date when
///   it is past due and not delivered (flagged overdue) or has no date.
///
/// O(n) time.
fn bounds(program: &Program, cal: &WorkCalendar, as_of: NaiveDate) -> Bounds {
    let n = program.items.len() + program.dependencies.len();
    let mut b = Bounds {
        mode: vec![Mode::Free; n],
        lower: vec![0; n],
        work: vec![0; n],
        done: vec![false; n],
        overdue: vec![false; n],
    };
    let today = cal.number(as_of);
    let earliest = cal.number(program.start).max(today);
    // The end of `date`'s day as a boundary: the first working day after it.
    let end_of = |date: NaiveDate| cal.number(date.succ_opt().unwrap_or(date));
    for (i, item) in program.items.iter().enumerate() {
        let point = item.is_milestone() || item.days == 0;
        let days = if point {
            0
        } else {
            clamp_span(item.days as i64)
        };
        if let Some(finished) = item.finished {
            let end = end_of(finished);
            let (start_key, end_key) = if point && started_by_a_start(item) {
                let key = 2 * cal.number(finished);
                (key, key)
            } else if point {
                (2 * end - 1, 2 * end - 1)
            } else {
                let start = match item.started {
                    Some(started) if started <= finished => cal.number(started),
                    _ => end - days.max(1),
                };
                ((2 * start).min(2 * end - 1), 2 * end - 1)
            };
            b.mode[i] = Mode::Fixed;
            b.lower[i] = clamp_key(start_key);
            b.work[i] = clamp_key(end_key);
            b.done[i] = true;
        } else if let (Some(started), false) = (item.started, point) {
            let start = cal.number(started);
            let remaining = match item.remaining {
                Some(r) => clamp_span(r as i64).max(1),
                None => (days - (today - start).max(0)).max(1),
            };
            b.mode[i] = Mode::StartFixed;
            let held = clamp_day(start) as i64;
            b.lower[i] = 2 * held as i32;
            b.work[i] = (today.max(held) - held + remaining).clamp(1, MAX_WORK) as i32;
        } else {
            let not_before = item.not_before.map_or(earliest, |date| cal.number(date));
            b.lower[i] = clamp_key(2 * earliest.max(not_before));
            b.work[i] = days as i32;
        }
    }
    for (j, dep) in program.dependencies.iter().enumerate() {
        let i = program.items.len() + j;
        let end = if let Some(delivered) = dep.delivered {
            b.done[i] = true;
            end_of(delivered)
        } else {
            match dep.due {
                Some(due) if due >= as_of => end_of(due),
                Some(_) => {
                    b.overdue[i] = true;
                    end_of(as_of)
                }
                // Not delivered and no date: the earliest it can land is today.
                None => end_of(as_of),
            }
        };
        b.mode[i] = Mode::Fixed;
        b.lower[i] = clamp_key(2 * end - 1);
        b.work[i] = clamp_key(2 * end - 1);
    }
    b
}

/// Step 3, **links**: every `after` link whose id is known, in file order, lags clamped;
/// each unknown id is reported by name and dropped. O(links) expected time.
fn links(program: &Program, index: &IdIndex<'_>) -> (Vec<Link>, Vec<ScheduleProblem>) {
    let mut problems = Vec::new();
    let count = program.items.iter().map(|item| item.after.len()).sum();
    let mut links = Vec::with_capacity(count);
    for (i, item) in program.items.iter().enumerate() {
        for link in &item.after {
            match index.get(link.id.as_str()) {
                Some(&pred) => links.push(Link {
                    pred,
                    succ: i as u32,
                    link: link.link_type,
                    lag: clamp_span(link.lag as i64) as i32,
                }),
                None => problems.push(ScheduleProblem::UnknownLink {
                    from: item.id.clone(),
                    to: link.id.clone(),
                }),
            }
        }
    }
    (links, problems)
}

/// Step 5, **binding edges**: the links that constrain their successor — into unstarted
/// work all of them, into started work only finish links (FF, SF), none into finished work
/// or dependencies, none touching a cycle — as compressed rows by rank: the hot edges
/// (start bounds, then end bounds) and the same links in file order by successor, and by
/// predecessor those that move when it slips (from a started node, only its end's).
/// O(n + links) time.
fn binding_edges(network: &mut Network, links: &[Link]) {
    let n = network.mode.len();
    // The binding links once, by rank: (predecessor, successor, the link as its successor
    // sees it, and whether it moves when the predecessor slips).
    let mut binding: Vec<(u32, u32, Arc, bool)> = Vec::with_capacity(links.len());
    for link in links {
        let (p, q) = (
            network.rank_of[link.pred as usize],
            network.rank_of[link.succ as usize],
        );
        let (from_end, to_end) = match link.link {
            LinkType::FS => (true, false),
            LinkType::SS => (false, false),
            LinkType::FF => (true, true),
            LinkType::SF => (false, true),
        };
        let binds = (p as usize) < network.scheduled
            && (q as usize) < network.scheduled
            && match network.mode[q as usize] {
                Mode::Free => true,
                Mode::StartFixed => to_end,
                Mode::Fixed => false,
            };
        // A started node's start is history: a link from it moves only with its end.
        let slips = network.mode[p as usize] != Mode::StartFixed || from_end;
        if binds {
            let arc = Arc {
                other: p,
                from_end,
                to_end,
                lag2: 2 * link.lag,
            };
            binding.push((p, q, arc, slips));
        }
    }
    let mut pred_at = vec![0u32; n + 1];
    let mut succ_at = vec![0u32; n + 1];
    let mut ends = vec![0u32; n];
    for &(p, q, arc, slips) in &binding {
        pred_at[q as usize + 1] += 1;
        succ_at[p as usize + 1] += slips as u32;
        ends[q as usize] += arc.to_end as u32;
    }
    for r in 0..n {
        pred_at[r + 1] += pred_at[r];
        succ_at[r + 1] += succ_at[r];
    }
    let blank = Arc {
        other: 0,
        from_end: true,
        to_end: false,
        lag2: 0,
    };
    let mut preds = vec![blank; pred_at[n] as usize];
    let mut succs = vec![blank; succ_at[n] as usize];
    let mut edges = vec![Edge { src: 0, lag2: 0 }; preds.len()];
    let split: Vec<u32> = (0..n).map(|r| pred_at[r + 1] - ends[r]).collect();
    let mut pred_fill: Vec<u32> = pred_at[..n].to_vec();
    let mut succ_fill: Vec<u32> = succ_at[..n].to_vec();
    let mut start_fill: Vec<u32> = pred_at[..n].to_vec();
    let mut end_fill = split.clone();
    for &(p, q, arc, slips) in &binding {
        let (p, q) = (p as usize, q as usize);
        preds[pred_fill[q] as usize] = arc;
        pred_fill[q] += 1;
        if slips {
            succs[succ_fill[p] as usize] = Arc {
                other: q as u32,
                ..arc
            };
            succ_fill[p] += 1;
        }
        let fill = if arc.to_end {
            &mut end_fill
        } else {
            &mut start_fill
        };
        edges[fill[q] as usize] = Edge {
            src: 2 * p as u32 + arc.from_end as u32,
            lag2: arc.lag2,
        };
        fill[q] += 1;
    }
    network.split = split;
    network.edges = edges;
    network.pred_at = pred_at;
    network.preds = preds;
    network.succ_at = succ_at;
    network.succs = succs;
}

impl Network {
    /// Compiles `program` as of the status date `as_of` into a network for the passes.
    ///
    /// In named steps: [ids and kinds](ids_and_kinds), [bounds per mode](bounds),
    /// [`links`], [order and cycles](order::ranks), [binding edges](binding_edges).
    ///
    /// Never fails and never panics: a link to an unknown id is dropped and the nodes on a
    /// cycle are left unscheduled (ranks `scheduled..`), each reported in `problems` by
    /// name; absurd durations, lags and dates are clamped.
    ///
    /// Complexity: O(n + links) expected time and memory for n items and dependencies,
    /// plus the calendar's table (from 400 days before the start or status date to a year
    /// past the target, at most 13 years of days); O(n + links) more to find the cycles
    /// when there are any.
    pub fn compile(program: &Program, as_of: NaiveDate) -> Network {
        let earliest = program.start.min(as_of);
        let origin = earliest
            .checked_sub_signed(Duration::days(400))
            .unwrap_or(earliest);
        let latest = program.start.max(as_of).max(program.target);
        let cal = WorkCalendar::spanning(&program.calendar, origin, latest);
        let (index, kinds) = ids_and_kinds(program);
        let own = bounds(program, &cal, as_of);
        let (links, mut problems) = links(program, &index);
        let fixed: Vec<bool> = own.mode.iter().map(|&m| m == Mode::Fixed).collect();
        let ranks = order::ranks(program.items.len(), &links, &fixed);
        problems.extend(ranks.cycles.iter().map(|cycle| {
            ScheduleProblem::Cycle(
                cycle
                    .iter()
                    .map(|&i| id_of(program, i).to_string())
                    .collect(),
            )
        }));
        let permute = |values: &[i32]| -> Vec<i32> {
            ranks.file_of.iter().map(|&i| values[i as usize]).collect()
        };
        let mut network = Network {
            target_day: cal.number(program.target.succ_opt().unwrap_or(program.target)) - 1,
            program_start: cal.number(program.start),
            today: cal.number(as_of),
            cal,
            kinds,
            mode: ranks
                .file_of
                .iter()
                .map(|&i| own.mode[i as usize])
                .collect(),
            held: ranks
                .file_of
                .iter()
                .map(|&i| -((own.mode[i as usize] == Mode::StartFixed) as i32))
                .collect(),
            lower: permute(&own.lower),
            work: permute(&own.work),
            done: own.done,
            overdue: own.overdue,
            problems,
            fixed: ranks.fixed,
            scheduled: ranks.scheduled,
            file_of: ranks.file_of,
            rank_of: ranks.rank_of,
            split: Vec::new(),
            edges: Vec::new(),
            pred_at: Vec::new(),
            preds: Vec::new(),
            succ_at: Vec::new(),
            succs: Vec::new(),
        };
        binding_edges(&mut network, &links);
        network
    }

    /// The same network with its free and started nodes ranked in `order` (every rank
    /// `fixed..scheduled` once, an order in which every binding link still runs forward)
    /// and with `extra` finish-to-start links (predecessor rank, successor rank, both
    /// in this network's ranks; each must run forward in `order`). The levelled schedule
    /// (`engine::capacity`) ranks nodes as it placed them and adds the waits for people as
    /// links, so the passes, the float and the critical chain read them like any link.
    ///
    /// Complexity: O(n + links).
    pub(crate) fn relinked(&self, order: &[u32], extra: &[(u32, u32)]) -> Network {
        let n = self.len();
        let mut file_of: Vec<u32> = Vec::with_capacity(n);
        file_of.extend_from_slice(&self.file_of[..self.fixed]);
        file_of.extend(order.iter().map(|&r| self.file_of[r as usize]));
        file_of.extend_from_slice(&self.file_of[self.scheduled..]);
        let mut rank_of = vec![0u32; n];
        for (rank, &i) in file_of.iter().enumerate() {
            rank_of[i as usize] = rank as u32;
        }
        let old = |values: &[i32]| -> Vec<i32> {
            file_of
                .iter()
                .map(|&i| values[self.rank_of[i as usize] as usize])
                .collect()
        };
        let mut links = Vec::with_capacity(self.preds.len() + extra.len());
        for q in 0..n {
            for arc in self.preds(q) {
                links.push(Link {
                    pred: self.file_of[arc.other as usize],
                    succ: self.file_of[q],
                    link: match (arc.from_end, arc.to_end) {
                        (true, false) => LinkType::FS,
                        (false, false) => LinkType::SS,
                        (true, true) => LinkType::FF,
                        (false, true) => LinkType::SF,
                    },
                    lag: arc.lag2 / 2,
                });
            }
        }
        links.extend(extra.iter().map(|&(p, q)| Link {
            pred: self.file_of[p as usize],
            succ: self.file_of[q as usize],
            link: LinkType::FS,
            lag: 0,
        }));
        let mut network = Network {
            cal: self.cal.clone(),
            kinds: self.kinds.clone(),
            done: self.done.clone(),
            overdue: self.overdue.clone(),
            problems: self.problems.clone(),
            mode: file_of
                .iter()
                .map(|&i| self.mode[self.rank_of[i as usize] as usize])
                .collect(),
            held: old(&self.held),
            lower: old(&self.lower),
            work: old(&self.work),
            file_of,
            rank_of,
            fixed: self.fixed,
            scheduled: self.scheduled,
            split: Vec::new(),
            edges: Vec::new(),
            pred_at: Vec::new(),
            preds: Vec::new(),
            succ_at: Vec::new(),
            succs: Vec::new(),
            target_day: self.target_day,
            program_start: self.program_start,
            today: self.today,
        };
        binding_edges(&mut network, &links);
        network
    }

    /// Items and dependencies.
    pub fn len(&self) -> usize {
        self.mode.len()
    }

    /// The binding links into rank `r`, in file order.
    #[inline]
    pub fn preds(&self, r: usize) -> &[Arc] {
        &self.preds[self.pred_at[r] as usize..self.pred_at[r + 1] as usize]
    }

    /// The binding links out of rank `r` that move when it slips, in file order.
    #[inline]
    pub fn succs(&self, r: usize) -> &[Arc] {
        &self.succs[self.succ_at[r] as usize..self.succ_at[r + 1] as usize]
    }
}

//! The program compiled into a network of working-day numbers, shared by the schedule, the
//! what-if and the Monte Carlo forecast. Compiling does the slow work once (ids, dates,
//! cycles, topological order); a forward pass is then a loop over integer arrays.
//!
//! Times are *boundaries* between working days: a task occupying working days `s..=f` has
//! start `s` and end `f + 1`, so its span is its duration and a milestone has start == end.
//! The four link types become `succ.start ≥ pred.end + lag` (FS), `succ.start ≥
//! pred.start + lag` (SS), `succ.end ≥ pred.end + lag` (FF) and `succ.end ≥ pred.start +
//! lag` (SF), which is what MS Project and TaskJuggler mean by them.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::calendar::WorkCalendar;
use super::schedule::{NodeKind, ScheduleProblem};
use crate::model::{LinkType, Program};

/// No longer task or lag than this many working days (about 400 years): keeps date
/// arithmetic on absurd input finite and fast.
const MAX_SPAN: i64 = 100_000;

/// How a node's dates are decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Not started: its start follows its links and lower bounds.
    Free,
    /// Started, unfinished: the start is fixed; the end is at least `lower_end` and
    /// follows finish links (FF, SF).
    StartFixed,
    /// Finished items and dependencies: both dates fixed (a dependency's end may be
    /// moved by a sampled slip).
    Fixed,
}

/// A precedence constraint on node `pred` → the node that owns it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub pred: u32,
    /// The bound reads the predecessor's end (FS, FF) rather than its start (SS, SF).
    pub from_end: bool,
    /// 1 when the bound is on the successor's end (FF, SF): its start is then the bound
    /// minus its duration. Kept as a number so the forward pass needs no branch per link.
    pub to_end: i64,
    pub lag: i64,
}

/// A successor edge, for the backward pass.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SuccEdge {
    pub succ: u32,
    pub link: LinkType,
    pub lag: i64,
}

/// A known link while compiling: `pred` → `succ`.
#[derive(Debug, Clone, Copy)]
struct Link {
    pred: u32,
    succ: u32,
    link: LinkType,
    lag: i64,
}

/// Kahn's algorithm over the links between scheduled nodes: the scheduled nodes in an
/// order where every link runs forward, lowest index first among the ready ones' queue
/// order; `None` when a cycle remains.
fn topological_order(n: usize, links: &[Link], scheduled: &[bool]) -> Option<Vec<u32>> {
    let live = |link: &&Link| scheduled[link.pred as usize] && scheduled[link.succ as usize];
    let mut indegree = vec![0u32; n];
    let mut start = vec![0u32; n + 1];
    for link in links.iter().filter(live) {
        indegree[link.succ as usize] += 1;
        start[link.pred as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill: Vec<u32> = start[..n].to_vec();
    let mut next = vec![0u32; start[n] as usize];
    for link in links.iter().filter(live) {
        next[fill[link.pred as usize] as usize] = link.succ;
        fill[link.pred as usize] += 1;
    }
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&i| scheduled[i as usize] && indegree[i as usize] == 0)
        .collect();
    let mut head = 0;
    while head < order.len() {
        let i = order[head] as usize;
        head += 1;
        for &j in &next[start[i] as usize..start[i + 1] as usize] {
            indegree[j as usize] -= 1;
            if indegree[j as usize] == 0 {
                order.push(j);
            }
        }
    }
    let wanted = scheduled.iter().filter(|&&s| s).count();
    (order.len() == wanted).then_some(order)
}

/// Marks "no predecessor drove this date" in the driver array.
pub(crate) const NO_DRIVER: u32 = u32::MAX;

/// The compiled program.
#[derive(Debug, Clone)]
pub(crate) struct Network {
    pub cal: WorkCalendar,
    pub ids: Vec<String>,
    pub kinds: Vec<NodeKind>,
    pub index: HashMap<String, usize>,
    pub mode: Vec<Mode>,
    /// Free: the duration; others: the span `end - start` of the base schedule.
    pub dur: Vec<i64>,
    /// Free: earliest start; StartFixed and Fixed: the start.
    pub lower_start: Vec<i64>,
    /// StartFixed: earliest end (status date + remaining); Fixed: the end.
    pub lower_end: Vec<i64>,
    /// Predecessor edges of node `i`: `edges[pred_start[i]..pred_start[i + 1]]`. Only edges
    /// that constrain the node (none into finished ones, only finish links into started
    /// ones) and none touching a cycle.
    pub pred_start: Vec<u32>,
    pub edges: Vec<Edge>,
    pub succ_start: Vec<u32>,
    pub succs: Vec<SuccEdge>,
    /// Scheduled nodes in topological order.
    pub order: Vec<u32>,
    pub scheduled: Vec<bool>,
    pub done: Vec<bool>,
    pub overdue: Vec<bool>,
    pub problems: Vec<ScheduleProblem>,
    /// The boundary at the end of the target day: finishing on or before it is on time.
    pub target_end: i64,
    /// The program start as a boundary, for an empty program's finish.
    pub program_start: i64,
    /// The status date's working-day number: remaining work starts here.
    pub today: i64,
}

/// The boundary at the end of `date`: the first working day after it.
pub(crate) fn end_of(cal: &WorkCalendar, date: NaiveDate) -> i64 {
    cal.number(date.succ_opt().unwrap_or(date))
}

fn clamp_span(days: i64) -> i64 {
    days.clamp(-MAX_SPAN, MAX_SPAN)
}

impl Network {
    /// Compiles `program` as of the status date `as_of`.
    pub fn compile(program: &Program, as_of: NaiveDate) -> Network {
        let origin = program.start.min(as_of) - Duration::days(400);
        let cal = WorkCalendar::new(&program.calendar, origin);
        let n = program.items.len() + program.dependencies.len();

        let mut ids = Vec::with_capacity(n);
        let mut kinds = Vec::with_capacity(n);
        let mut index = HashMap::with_capacity(n);
        for item in &program.items {
            index.entry(item.id.clone()).or_insert(ids.len());
            ids.push(item.id.clone());
            kinds.push(if item.is_milestone() {
                NodeKind::Milestone
            } else {
                NodeKind::Task
            });
        }
        for dep in &program.dependencies {
            index.entry(dep.id.clone()).or_insert(ids.len());
            ids.push(dep.id.clone());
            kinds.push(NodeKind::Dependency);
        }

        let start_day = cal.number(program.start);
        let today = cal.number(as_of);
        let mut mode = vec![Mode::Free; n];
        let mut dur = vec![0i64; n];
        let mut lower_start = vec![0i64; n];
        let mut lower_end = vec![0i64; n];
        let mut done = vec![false; n];
        let mut overdue = vec![false; n];

        for (i, item) in program.items.iter().enumerate() {
            let milestone = item.is_milestone() || item.days == 0;
            let days = if item.is_milestone() {
                0
            } else {
                clamp_span(item.days as i64)
            };
            if let Some(finished) = item.finished {
                let end = end_of(&cal, finished);
                let start = match item.started {
                    Some(started) if started <= finished => cal.number(started),
                    _ if milestone => end,
                    _ => end - days.max(1),
                };
                mode[i] = Mode::Fixed;
                lower_start[i] = start.min(end);
                lower_end[i] = end;
                dur[i] = end - start.min(end);
                done[i] = true;
            } else if let (Some(started), false) = (item.started, milestone) {
                let start = cal.number(started);
                let remaining = match item.remaining {
                    Some(r) => clamp_span(r as i64).max(1),
                    None => (days - (today - start).max(0)).max(1),
                };
                mode[i] = Mode::StartFixed;
                lower_start[i] = start;
                lower_end[i] = today.max(start) + remaining;
                dur[i] = lower_end[i] - start;
            } else {
                // Work can't begin before the program starts, its own `not_before`, or
                // the status date; a milestone "on" a date sits at the end of that day,
                // or of the next working day when the date is not one (never the Friday
                // before a Saturday: that would put it before its own date).
                let bound = |date: NaiveDate| {
                    if milestone {
                        cal.number(date) + 1
                    } else {
                        cal.number(date)
                    }
                };
                let mut earliest = bound(program.start).max(bound(as_of));
                if let Some(not_before) = item.not_before {
                    earliest = earliest.max(bound(not_before));
                }
                lower_start[i] = earliest;
                dur[i] = days;
            }
        }
        for (j, dep) in program.dependencies.iter().enumerate() {
            let i = program.items.len() + j;
            mode[i] = Mode::Fixed;
            let end = if let Some(delivered) = dep.delivered {
                done[i] = true;
                end_of(&cal, delivered)
            } else {
                match dep.due {
                    Some(due) if due >= as_of => end_of(&cal, due),
                    Some(_) => {
                        overdue[i] = true;
                        end_of(&cal, as_of)
                    }
                    // Not delivered and no date: the earliest it can land is today.
                    None => end_of(&cal, as_of),
                }
            };
            lower_start[i] = end;
            lower_end[i] = end;
        }

        // The known links, in file order; unknown ids are reported and dropped.
        let mut problems = Vec::new();
        let mut links: Vec<Link> = Vec::with_capacity(n * 3);
        for (i, item) in program.items.iter().enumerate() {
            for link in &item.after {
                match index.get(&link.id) {
                    Some(&p) => links.push(Link {
                        pred: p as u32,
                        succ: i as u32,
                        link: link.link_type,
                        lag: clamp_span(link.lag as i64),
                    }),
                    None => problems.push(ScheduleProblem::UnknownLink {
                        from: item.id.clone(),
                        to: link.id.clone(),
                    }),
                }
            }
        }

        // The common case has no cycle: one topological sort settles it. Only when it
        // fails does petgraph work out the strongly connected components; every one of
        // more than one node, or a node linked to itself, is left unscheduled and
        // reported by its ids.
        let mut scheduled = vec![true; n];
        let order = match topological_order(n, &links, &scheduled) {
            Some(order) => order,
            None => {
                let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, links.len());
                for _ in 0..n {
                    graph.add_node(());
                }
                for link in &links {
                    graph.add_edge(
                        NodeIndex::new(link.pred as usize),
                        NodeIndex::new(link.succ as usize),
                        (),
                    );
                }
                let mut cycles = Vec::new();
                for component in tarjan_scc(&graph) {
                    let cyclic = component.len() > 1
                        || graph
                            .edges(component[0])
                            .any(|edge| edge.target() == component[0]);
                    if !cyclic {
                        continue;
                    }
                    for node in &component {
                        scheduled[node.index()] = false;
                    }
                    cycles.push(cycle_through(&graph, &component));
                }
                // Reported in file order, whatever order the components came in.
                cycles.sort_by_key(|cycle| cycle.first().copied());
                problems.extend(cycles.into_iter().map(|cycle| {
                    ScheduleProblem::Cycle(cycle.into_iter().map(|i| ids[i].clone()).collect())
                }));
                topological_order(n, &links, &scheduled).unwrap_or_default()
            }
        };

        // Predecessor and successor lists (compressed rows, links in file order) of the
        // constraints that bind: none into finished work or dependencies, only finish
        // links into started work, none touching a cycle.
        let binds = |link: &Link| {
            scheduled[link.pred as usize]
                && scheduled[link.succ as usize]
                && match mode[link.succ as usize] {
                    Mode::Free => true,
                    Mode::StartFixed => matches!(link.link, LinkType::FF | LinkType::SF),
                    Mode::Fixed => false,
                }
        };
        let mut pred_count = vec![0u32; n + 1];
        let mut succ_count = vec![0u32; n + 1];
        for link in links.iter().filter(|l| binds(l)) {
            pred_count[link.succ as usize + 1] += 1;
            succ_count[link.pred as usize + 1] += 1;
        }
        for i in 0..n {
            pred_count[i + 1] += pred_count[i];
            succ_count[i + 1] += succ_count[i];
        }
        let pred_start = pred_count;
        let succ_start = succ_count;
        let total = pred_start[n] as usize;
        let mut edges = vec![
            Edge {
                pred: 0,
                from_end: true,
                to_end: 0,
                lag: 0
            };
            total
        ];
        let mut succs = vec![
            SuccEdge {
                succ: 0,
                link: LinkType::FS,
                lag: 0
            };
            total
        ];
        let mut pred_fill: Vec<u32> = pred_start[..n].to_vec();
        let mut succ_fill: Vec<u32> = succ_start[..n].to_vec();
        for link in links.iter().filter(|l| binds(l)) {
            let (p, q) = (link.pred as usize, link.succ as usize);
            edges[pred_fill[q] as usize] = Edge {
                pred: link.pred,
                from_end: matches!(link.link, LinkType::FS | LinkType::FF),
                to_end: matches!(link.link, LinkType::FF | LinkType::SF) as i64,
                lag: link.lag,
            };
            pred_fill[q] += 1;
            succs[succ_fill[p] as usize] = SuccEdge {
                succ: link.succ,
                link: link.link,
                lag: link.lag,
            };
            succ_fill[p] += 1;
        }

        Network {
            target_end: end_of(&cal, program.target),
            program_start: start_day,
            today,
            cal,
            ids,
            kinds,
            index,
            mode,
            dur,
            lower_start,
            lower_end,
            pred_start,
            edges,
            succ_start,
            succs,
            order,
            scheduled,
            done,
            overdue,
            problems,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn preds(&self, i: usize) -> &[Edge] {
        &self.edges[self.pred_start[i] as usize..self.pred_start[i + 1] as usize]
    }

    pub fn succs(&self, i: usize) -> &[SuccEdge] {
        &self.succs[self.succ_start[i] as usize..self.succ_start[i + 1] as usize]
    }

    /// The forward pass: earliest start and end of every node for the given durations
    /// (used by Free nodes) and lower ends (used by StartFixed and Fixed nodes). Writes the
    /// predecessor that drove each node into `driver` (or `NO_DRIVER`). Unscheduled
    /// nodes get placeholder dates from their own bounds. Returns the latest end.
    pub fn forward(
        &self,
        dur: &[i64],
        lower_end: &[i64],
        start: &mut [i64],
        end: &mut [i64],
        driver: &mut [u32],
    ) -> i64 {
        for i in 0..self.len() {
            if self.order.len() < self.len() && !self.scheduled[i] {
                let (s, e) = self.own_dates(i, dur, lower_end);
                start[i] = s;
                end[i] = e;
                driver[i] = NO_DRIVER;
            }
        }
        let mut finish = i64::MIN;
        for &node in &self.order {
            let i = node as usize;
            let mut drove = NO_DRIVER;
            match self.mode[i] {
                Mode::Fixed => {
                    let shift = lower_end[i] - self.lower_end[i];
                    start[i] = self.lower_start[i] + shift;
                    end[i] = lower_end[i];
                }
                Mode::StartFixed => {
                    let mut e = lower_end[i];
                    for edge in self.preds(i) {
                        let p = edge.pred as usize;
                        let from = if edge.from_end { end[p] } else { start[p] };
                        let bound = from + edge.lag;
                        if bound > e {
                            e = bound;
                            drove = edge.pred;
                        }
                    }
                    start[i] = self.lower_start[i];
                    end[i] = e;
                }
                Mode::Free => {
                    let d = dur[i];
                    let mut s = self.lower_start[i];
                    for edge in self.preds(i) {
                        let p = edge.pred as usize;
                        let from = if edge.from_end { end[p] } else { start[p] };
                        let bound = from + edge.lag - edge.to_end * d;
                        // Ties go to the link, so the critical chain runs through it.
                        if bound >= s {
                            s = bound;
                            drove = edge.pred;
                        }
                    }
                    start[i] = s;
                    end[i] = s + d;
                }
            }
            driver[i] = drove;
            finish = finish.max(end[i]);
        }
        if finish == i64::MIN {
            self.program_start
        } else {
            finish
        }
    }

    /// A node's dates from its own bounds alone (for nodes on a cycle).
    fn own_dates(&self, i: usize, dur: &[i64], lower_end: &[i64]) -> (i64, i64) {
        match self.mode[i] {
            Mode::Free => (self.lower_start[i], self.lower_start[i] + dur[i]),
            Mode::StartFixed => (self.lower_start[i], lower_end[i]),
            Mode::Fixed => (
                self.lower_start[i] + lower_end[i] - self.lower_end[i],
                lower_end[i],
            ),
        }
    }

    /// The backward pass from `finish`: the latest end of every scheduled node such that
    /// no node ends after `finish` and every binding link still holds.
    pub fn backward(&self, start: &[i64], end: &[i64], finish: i64) -> Vec<i64> {
        let mut late_end = vec![finish; self.len()];
        for &node in self.order.iter().rev() {
            let i = node as usize;
            let span = end[i] - start[i];
            let mut le = finish;
            for edge in self.succs(i) {
                let j = edge.succ as usize;
                let late_start_j = late_end[j] - (end[j] - start[j]);
                let bound = match edge.link {
                    LinkType::FS => late_start_j - edge.lag,
                    LinkType::SS => late_start_j - edge.lag + span,
                    LinkType::FF => late_end[j] - edge.lag,
                    LinkType::SF => late_end[j] - edge.lag + span,
                };
                le = le.min(bound);
            }
            late_end[i] = le;
        }
        late_end
    }
}

/// One simple cycle through the component's node first in the file, in link
/// order (a shortest one, found breadth-first inside the component).
fn cycle_through(graph: &DiGraph<(), ()>, component: &[NodeIndex]) -> Vec<usize> {
    // Start from the node first in the file, so the report reads in the file's order.
    let first = component.iter().copied().min().unwrap_or(component[0]);
    let inside: std::collections::HashSet<NodeIndex> = component.iter().copied().collect();
    let mut came_from: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([first]);
    while let Some(node) = queue.pop_front() {
        for next in graph.neighbors(node) {
            if !inside.contains(&next) {
                continue;
            }
            if next == first {
                let mut path = vec![node.index()];
                let mut at = node;
                while at != first {
                    match came_from.get(&at) {
                        Some(&previous) => at = previous,
                        None => break,
                    }
                    path.push(at.index());
                }
                path.reverse();
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(entry) = came_from.entry(next) {
                entry.insert(node);
                queue.push_back(next);
            }
        }
    }
    component.iter().map(|node| node.index()).collect()
}

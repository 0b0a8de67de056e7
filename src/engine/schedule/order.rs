//! Step 4 of compiling the network, **order and cycles**: an order in which every link
//! runs forward, and the cycles that prevent one (docs/rules.md#cycles: a cycle is named and never
//! stops the rest of the program from scheduling). Pure; no panics. Knows nothing of the
//! network it serves: file indices in, ranks and cycles out.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::LinkType;

/// A known link while compiling: `pred` → `succ`, file indices.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Link {
    pub pred: u32,
    pub succ: u32,
    pub link: LinkType,
    pub lag: i32,
}

/// Where each node goes in the network's arrays.
pub(crate) struct Ranks {
    /// Rank → file index, and back.
    pub file_of: Vec<u32>,
    pub rank_of: Vec<u32>,
    /// Ranks `0..fixed` are the fixed nodes off any cycle.
    pub fixed: usize,
    /// Ranks `0..scheduled` are the nodes off any cycle.
    pub scheduled: usize,
    /// One simple cycle (file indices, in link order) per strongly connected component.
    pub cycles: Vec<Vec<usize>>,
}

/// Ranks the `fixed.len()` nodes so that every link between scheduled nodes runs from a
/// lower rank to a higher one: the fixed nodes first (no link binds them), then the
/// others, then the nodes on a cycle. Each cycle — a strongly connected component of more
/// than one node, or a node linked to itself — is returned as one simple cycle through
/// its node first in the file, the cycles in file order.
///
/// Only the first `items` nodes have links into them (items, then dependencies); `links`
/// hold file indices below `fixed.len()`.
///
/// Complexity: O(n + links). When the file lists every item before the items that follow
/// it (a generated or exported plan usually does) that is one scan; otherwise Kahn's
/// algorithm; only when that fails does petgraph's Tarjan find the components.
pub(crate) fn ranks(items: usize, links: &[Link], fixed: &[bool]) -> Ranks {
    let n = fixed.len();
    let mut scheduled = vec![true; n];
    let mut cycles = Vec::new();
    // Only items have links into them, so the dependencies first and then the items in
    // file order is an order, when every link between items runs forward in the file.
    let items = items as u32;
    let order = if links
        .iter()
        .all(|link| link.pred < link.succ || link.pred >= items)
    {
        (items..n as u32).chain(0..items).collect()
    } else {
        match topological_order(n, links, &scheduled) {
            Some(order) => order,
            None => {
                cycles = cycles_of(n, links);
                for cycle in &cycles {
                    for &i in cycle {
                        scheduled[i] = false;
                    }
                }
                topological_order(n, links, &scheduled).unwrap_or_default()
            }
        }
    };
    let is_fixed = |i: &&u32| fixed[**i as usize];
    let mut file_of: Vec<u32> = order.iter().filter(is_fixed).copied().collect();
    let fixed_count = file_of.len();
    file_of.extend(order.iter().filter(|i| !is_fixed(i)));
    let scheduled_count = file_of.len();
    file_of.extend((0..n as u32).filter(|&i| !scheduled[i as usize]));
    let mut rank_of = vec![0u32; n];
    for (rank, &i) in file_of.iter().enumerate() {
        rank_of[i as usize] = rank as u32;
    }
    Ranks {
        file_of,
        rank_of,
        fixed: fixed_count,
        scheduled: scheduled_count,
        cycles,
    }
}

/// Kahn's algorithm over the links between scheduled nodes: the scheduled nodes in an
/// order where every link runs forward, the ready ones in file order of becoming ready;
/// `None` when a cycle remains. O(n + links).
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

/// Every cycle's file indices, one simple cycle per strongly connected component, the
/// cycles ordered by their first node.
fn cycles_of(n: usize, links: &[Link]) -> Vec<Vec<usize>> {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, links.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for link in links {
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
        if cyclic {
            cycles.push(cycle_through(&graph, &component));
        }
    }
    // Reported in file order, whatever order the components came in.
    crate::sort::sort_by_key(&mut cycles, |cycle| cycle.first().copied());
    cycles
}

/// One simple cycle through the component's node first in the file, in link order (a
/// shortest one, found breadth-first inside the component).
fn cycle_through(graph: &DiGraph<(), ()>, component: &[NodeIndex]) -> Vec<usize> {
    // Start from the node first in the file, so the report reads in the file's order.
    let first = component.iter().copied().min().unwrap_or(component[0]);
    let inside: HashSet<NodeIndex> = component.iter().copied().collect();
    let mut came_from: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([first]);
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

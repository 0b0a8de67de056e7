//! PSPLIB single-mode instances (`.sm`, Kolisch & Sprecher 1996) for measuring levelling
//! quality: the reader, the instance as a Throughline program, and a feasibility checker
//! that knows nothing of the scheduler — it reads the schedule's dates back and checks
//! every precedence and every resource on every day. Also a seeded generator of instances
//! in the same shape, for when the PSPLIB sets are not at hand. Used by `tests/psplib.rs`
//! and `benches/level.rs`.
// Jobs index several parallel arrays at once: index loops read plainer here.
#![allow(dead_code, clippy::needless_range_loop)]

use std::collections::BTreeMap;
use throughline::engine::draw::Draw;

use chrono::{Duration, NaiveDate};
use throughline::engine::schedule::Schedule;
use throughline::model::{Calendar, Item, ItemKind, Link, Program, Team, Workday};

/// One single-mode RCPSP instance: jobs `0..n` (the first and last are the dummy source
/// and sink), durations, successors, per-job requests of each renewable resource, and the
/// resources' capacities.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub name: String,
    pub durations: Vec<u32>,
    pub successors: Vec<Vec<usize>>,
    pub requests: Vec<Vec<u32>>,
    pub capacities: Vec<u32>,
}

/// Reads an `.sm` file: the PRECEDENCE RELATIONS, REQUESTS/DURATIONS and
/// RESOURCEAVAILABILITIES sections. `Err` names what is missing.
pub fn read_sm(name: &str, text: &str) -> Result<Instance, String> {
    let mut jobs = None;
    let mut section = "";
    let mut successors: Vec<Vec<usize>> = Vec::new();
    let mut durations: Vec<u32> = Vec::new();
    let mut requests: Vec<Vec<u32>> = Vec::new();
    let mut capacities: Vec<u32> = Vec::new();
    let numbers = |line: &str| -> Vec<u64> {
        line.split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect()
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("jobs (incl. supersource/sink") {
            jobs = trimmed
                .rsplit(':')
                .next()
                .and_then(|n| n.trim().parse::<usize>().ok());
            continue;
        }
        if trimmed.starts_with("PRECEDENCE RELATIONS") {
            section = "precedence";
            continue;
        }
        if trimmed.starts_with("REQUESTS/DURATIONS") {
            section = "requests";
            continue;
        }
        if trimmed.starts_with("RESOURCEAVAILABILITIES") {
            section = "availabilities";
            continue;
        }
        if trimmed.starts_with('*') || trimmed.starts_with('-') || trimmed.is_empty() {
            if trimmed.starts_with('*') {
                section = if section == "availabilities" {
                    ""
                } else {
                    section
                };
            }
            continue;
        }
        let row = numbers(trimmed);
        let data = trimmed.chars().next().is_some_and(|c| c.is_ascii_digit());
        match section {
            "precedence" if data && !row.is_empty() => {
                // jobnr, #modes, #successors, successors…
                let count = row.get(2).copied().unwrap_or(0) as usize;
                successors.push(
                    row[3..3 + count.min(row.len() - 3)]
                        .iter()
                        .map(|&s| s as usize - 1)
                        .collect(),
                );
            }
            "requests" if data && row.len() >= 3 => {
                // jobnr, mode, duration, requests…
                durations.push(row[2] as u32);
                requests.push(row[3..].iter().map(|&r| r as u32).collect());
            }
            "availabilities" if data && !row.is_empty() => {
                capacities = row.iter().map(|&c| c as u32).collect()
            }
            _ => {}
        }
    }
    let n = jobs.ok_or("no job count")?;
    if successors.len() != n || durations.len() != n || capacities.is_empty() {
        return Err(format!(
            "{name}: {n} jobs, {} precedence rows, {} request rows, {} capacities",
            successors.len(),
            durations.len(),
            capacities.len()
        ));
    }
    Ok(Instance {
        name: name.to_string(),
        durations,
        successors,
        requests,
        capacities,
    })
}

/// Reads `*.sm` instances concatenated in one text (each starting with a line of `*`
/// followed by `file with basedata`), named `prefix-1`, `prefix-2`, … in order.
pub fn read_concatenated(prefix: &str, text: &str) -> Result<Vec<Instance>, String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.starts_with("file with basedata") && current.contains("RESOURCEAVAILABILITIES") {
            out.push(read_sm(&format!("{prefix}-{}", out.len() + 1), &current)?);
            current.clear();
        }
        current.push_str(line);
        current.push('\n');
    }
    if current.contains("RESOURCEAVAILABILITIES") {
        out.push(read_sm(&format!("{prefix}-{}", out.len() + 1), &current)?);
    }
    Ok(out)
}

/// The first day of every instance's program: a Monday; every day of the week works.
pub fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()
}

/// The instance as a program: resources are teams `R1`… with `people` = capacity, jobs
/// are items `J1`… (the dummies milestones) needing their requests, successors FS links;
/// a seven-day week without holidays, so working days are days.
pub fn program(instance: &Instance) -> Program {
    let mut program = Program::new(&instance.name, day0());
    program.status_date = Some(day0());
    program.target = day0() + Duration::days(10_000);
    program.calendar = Calendar {
        workdays: Workday::ALL.to_vec(),
        holidays: Vec::new(),
    };
    program.teams = instance
        .capacities
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            Team {
                uid: String::new(),
                id: format!("R{}", k + 1),
                name: format!("Resource {}", k + 1),
                lead: None,
                people: Some(c),
                availability: Vec::new(),
            }
            .into()
        })
        .collect();
    let n = instance.durations.len();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (j, succ) in instance.successors.iter().enumerate() {
        for &s in succ {
            preds[s].push(j);
        }
    }
    for j in 0..n {
        let mut item = Item::task(
            &format!("J{}", j + 1),
            &format!("Job {}", j + 1),
            instance.durations[j],
        );
        if instance.durations[j] == 0 {
            item.kind = ItemKind::Milestone;
        }
        item.needs = instance.requests[j]
            .iter()
            .enumerate()
            .filter(|&(_, &r)| r > 0)
            .map(|(k, &r)| (format!("R{}", k + 1), r))
            .collect::<BTreeMap<_, _>>();
        item.after = preds[j]
            .iter()
            .map(|&p| Link::after(&format!("J{}", p + 1)))
            .collect();
        program.items.push(item.into());
    }
    program
}

/// The makespan of a schedule of the instance's program, after checking it feasible on its
/// own: each job's dates span its duration, every successor starts after its predecessor
/// ends, and on no day does any resource's load exceed its capacity. `Err` says what fails.
pub fn checked_makespan(instance: &Instance, schedule: &Schedule) -> Result<u32, String> {
    let n = instance.durations.len();
    let mut start = vec![0i64; n];
    for j in 0..n {
        let node = schedule
            .node(&format!("J{}", j + 1))
            .ok_or(format!("J{} missing", j + 1))?;
        let s = (node.early_start - day0()).num_days();
        let f = (node.early_finish - day0()).num_days();
        let d = instance.durations[j] as i64;
        if s < 0 || (d > 0 && f != s + d - 1) {
            return Err(format!("J{}: {s}..{f} for {d} days", j + 1));
        }
        // A zero-duration job after work sits at the end of its day: it starts the next.
        start[j] = if d == 0 && f >= 0 && j > 0 { f + 1 } else { s };
    }
    let end = |j: usize| start[j] + instance.durations[j] as i64;
    for (j, succ) in instance.successors.iter().enumerate() {
        for &k in succ {
            if instance.durations[k] > 0 && start[k] < end(j) {
                return Err(format!(
                    "J{} starts {} before J{} ends {}",
                    k + 1,
                    start[k],
                    j + 1,
                    end(j)
                ));
            }
        }
    }
    let makespan = (0..n).map(end).max().unwrap_or(0);
    for (r, &capacity) in instance.capacities.iter().enumerate() {
        let mut load = vec![0i64; makespan as usize + 1];
        for j in 0..n {
            for t in start[j]..end(j) {
                load[t as usize] += instance.requests[j][r] as i64;
            }
        }
        if let Some(t) = load.iter().position(|&l| l > capacity as i64) {
            return Err(format!(
                "R{} over capacity on day {t}: {} of {capacity}",
                r + 1,
                load[t]
            ));
        }
    }
    Ok(makespan as u32)
}

/// The critical-path lower bound of the makespan: the longest path of durations.
pub fn critical_path_bound(instance: &Instance) -> u32 {
    let n = instance.durations.len();
    let mut earliest = vec![0u32; n];
    // PSPLIB numbers every job after its predecessors.
    for j in 0..n {
        for &k in &instance.successors[j] {
            earliest[k] = earliest[k].max(earliest[j] + instance.durations[j]);
        }
    }
    (0..n)
        .map(|j| earliest[j] + instance.durations[j])
        .max()
        .unwrap_or(0)
}

/// A random instance in PSPLIB's shape (`jobs` non-dummy jobs, 4 resources, durations
/// 1–10, 1–3 successors each among the next quarter of the jobs, each job requesting 1–10
/// units of 1–4 distinct resources, capacities 20–50 % of the way from the largest
/// request to the peak of the earliest-start schedule, as ProGen's resource strength):
/// not PSPLIB's instances, and with no known optimum — only the critical-path bound.
pub fn generated(jobs: usize, seed: u64) -> Instance {
    let mut rng = Draw(seed ^ 0x7073_706c_6962);
    let n = jobs + 2;
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_pred = vec![false; n];
    for j in 1..=jobs {
        let count = rng.between(1, 3) as usize;
        for _ in 0..count {
            if j + 1 > jobs {
                break;
            }
            // Successors anywhere in the next quarter of the jobs: wide networks whose
            // critical path is short beside the work, as in PSPLIB, so people bind.
            let k = rng.between(j as i64 + 1, (j + jobs / 4 + 1).min(jobs) as i64) as usize;
            if !successors[j].contains(&k) {
                successors[j].push(k);
                has_pred[k] = true;
            }
        }
    }
    for j in 1..=jobs {
        if !has_pred[j] {
            successors[0].push(j);
        }
        if successors[j].is_empty() {
            successors[j].push(n - 1);
        }
    }
    let mut durations = vec![0u32; n];
    let mut requests = vec![vec![0u32; 4]; n];
    for j in 1..=jobs {
        durations[j] = rng.between(1, 10) as u32;
        // 1–4 distinct resources (PSPLIB's resource factor 0.25–1).
        let uses = rng.between(1, 4) as usize;
        let first = rng.between(0, 3) as usize;
        for k in 0..uses {
            requests[j][(first + k) % 4] = rng.between(1, 10) as u32;
        }
    }
    let mut instance = Instance {
        name: format!("generated-{jobs}-{seed}"),
        durations,
        successors,
        requests,
        capacities: vec![0; 4],
    };
    // Capacity between the largest single request and the earliest-start peak.
    let mut earliest = vec![0u32; n];
    for j in 0..n {
        for &k in &instance.successors[j].clone() {
            earliest[k] = earliest[k].max(earliest[j] + instance.durations[j]);
        }
    }
    let horizon = critical_path_bound(&instance) as usize + 1;
    for r in 0..4 {
        let largest = (0..n)
            .map(|j| instance.requests[j][r])
            .max()
            .unwrap_or(0)
            .max(1);
        let mut load = vec![0u32; horizon];
        for j in 0..n {
            for t in earliest[j]..earliest[j] + instance.durations[j] {
                load[t as usize] += instance.requests[j][r];
            }
        }
        let peak = load.into_iter().max().unwrap_or(0).max(largest);
        let strength = rng.between(20, 50) as u32;
        instance.capacities[r] = largest + (peak - largest) * strength / 100;
    }
    instance
}

//! The one network generator every measurement uses: the criterion benches and the
//! in-browser measurement time the schedule and the forecast on exactly the same programs.
//! Behind the `measure` cargo feature, so it never ships. Pure: no clock, no randomness
//! beyond the seed, and it never calls the engine it measures (the programs stay the same
//! whatever the engine does with them).

use crate::engine::draw::Draw;
use chrono::{Duration, NaiveDate};

use crate::model::{
    Calendar, Dependency, Item, ItemKind, Link, LinkType, Program, RiskLevel, Team,
};

/// Teams of the generated programs (id, name, lead).
const TEAMS: [(&str, &str, &str); 5] = [
    ("pay", "Payments", "Dana Wu"),
    ("web", "Web", "Leo Martin"),
    ("mob", "Mobile", "Kim Park"),
    ("plat", "Platform", "Tomasz Nowak"),
    ("risk", "Risk & compliance", "Grace Fischer"),
];

/// A reproducible program of `items` work items for measuring the engine: the same
/// `(items, seed)` always gives the same program, natively and in the browser.
///
/// Shape (per 10,000 items, about): 500 milestones, 18,600 links to earlier items within a
/// window of 200 (70 % FS, 12 % SS, 12 % FF, 6 % SF; one in five with a lag from −2 to +4
/// working days), 100 external dependencies of mixed risk (one item in a hundred waits on
/// one), three-point estimates on every task, a `not_before` on one item in fifty, and
/// progress up to a status date a fifth of the way through the plan (work planned to finish
/// before it is finished, work straddling it is started), so most of the work is still to be
/// sampled. Mon–Fri with four holidays in each of its first two years; the target sits 5 %
/// past the plan, so date
/// confidence is neither 0 nor 100 % (with seed 1, about 40 % at 1,000 items and 93 % at
/// 10,000).
///
/// The plan used for progress is a rough one of its own (the four link types and their
/// lags, no holidays), never the engine's: the program does not change when the engine
/// does.
///
/// Complexity: O(items) time and memory.
pub fn generate(items: usize, seed: u64) -> Program {
    let mut draw = Draw(seed ^ 0x7468_726f_7567_686c);
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    let mut program = Program::new("Generated program", start);
    program.calendar = Calendar {
        holidays: (0..8)
            .filter_map(|year| {
                let y = 2026 + year / 4;
                [(5, 25), (7, 3), (11, 26), (12, 25)]
                    .get(year as usize % 4)
                    .and_then(|&(m, d)| NaiveDate::from_ymd_opt(y, m, d))
            })
            .collect(),
        ..Calendar::default()
    };
    program.teams = TEAMS
        .iter()
        .map(|&(id, name, lead)| {
            Team {
                uid: String::new(),
                id: id.to_string(),
                name: name.to_string(),
                lead: Some(lead.to_string()),
                people: None,
                availability: Vec::new(),
            }
            .into()
        })
        .collect();

    // Dependencies, with the working-day offset each is due at (for the rough plan).
    let deps = (items / 100).max(1);
    let mut dep_due = Vec::with_capacity(deps);
    for j in 0..deps {
        let mut dep = Dependency::new(&format!("EXT-{j}"), &format!("External delivery {j}"));
        let due = draw.between(10, 40 + items as i64 / 20);
        dep.due = Some(workday(start, due));
        dep.risk = RiskLevel::ALL[draw.between(0, 2) as usize];
        if draw.chance(30) {
            dep.slip = Some([0, draw.between(1, 5) as u32, draw.between(6, 25) as u32]);
        }
        dep.owner = Some(format!("Vendor manager {}", j % 7));
        dep_due.push(due);
        program.dependencies.push(dep.into());
    }

    // Items; `plan[i]` is the rough (start, finish) in working-day offsets from the start.
    let mut plan: Vec<(i64, i64)> = Vec::with_capacity(items);
    for i in 0..items {
        let (team, _, lead) = TEAMS[i % TEAMS.len()];
        let days = draw.between(1, 15) as u32;
        let mut item = Item::task(&format!("GEN-{i}"), &format!("Work package {i}"), days);
        item.team = Some(team.to_string());
        item.owner = Some(lead.to_string());
        if draw.chance(5) {
            item.kind = ItemKind::Milestone;
            item.days = 0;
        } else {
            item.low = Some((days * 4 / 5).max(1).min(days));
            item.high = Some(days + days / 2 + draw.between(0, 3) as u32);
        }
        let mut earliest = 0;
        if draw.chance(2) {
            let offset = draw.between(0, items as i64 / 10 + 20);
            item.not_before = Some(workday(start, offset));
            earliest = offset;
        }
        if i > 0 && !draw.chance(2) {
            // 1 (38 %), 2 (35 %) or 3 (27 %) predecessors: 1.86 links an item.
            let count = match draw.between(0, 99) {
                0..=37 => 1,
                38..=72 => 2,
                _ => 3,
            };
            for _ in 0..count {
                let pred = draw.between(i.saturating_sub(200) as i64, i as i64 - 1) as usize;
                let id = format!("GEN-{pred}");
                if item.after.iter().any(|link| link.id == id) {
                    continue;
                }
                let link_type = match draw.between(0, 99) {
                    0..=69 => LinkType::FS,
                    70..=81 => LinkType::SS,
                    82..=93 => LinkType::FF,
                    _ => LinkType::SF,
                };
                let lag = if draw.chance(20) {
                    draw.between(-2, 4) as i32
                } else {
                    0
                };
                let (p_start, p_finish) = plan[pred];
                let (shift, days) = (lag as i64, item.days as i64);
                earliest = earliest.max(match link_type {
                    LinkType::FS => p_finish + shift,
                    LinkType::SS => p_start + shift,
                    LinkType::FF => p_finish + shift - days,
                    LinkType::SF => p_start + shift - days,
                });
                item.after.push(Link { id, link_type, lag });
            }
        }
        if draw.chance(1) {
            let j = draw.between(0, deps as i64 - 1) as usize;
            item.after.push(Link::after(&format!("EXT-{j}")));
            earliest = earliest.max(dep_due[j] + 1);
        }
        let earliest = earliest.max(0);
        plan.push((earliest, earliest + item.days as i64));
        program.items.push(item.into());
    }

    // Progress up to a status date a fifth of the way through the rough plan.
    let end = plan.iter().map(|&(_, finish)| finish).max().unwrap_or(0);
    let status = end / 5;
    for (item, &(s, f)) in program.items.iter_mut().zip(&plan) {
        if f <= status && !item.is_milestone() {
            item.started = Some(workday(start, s));
            item.finished = Some(workday(start, (f - 1).max(s)));
        } else if f <= status {
            item.finished = Some(workday(start, s));
        } else if s < status && !item.is_milestone() {
            item.started = Some(workday(start, s));
            if draw.chance(50) {
                item.remaining = Some((f - status).max(1) as u32);
            }
        }
    }
    program.status_date = Some(workday(start, status));
    program.target = workday(start, end * 21 / 20 + 5);
    program
}

/// The date `offset` Mon–Fri working days after `start` (a Monday), holidays ignored.
fn workday(start: NaiveDate, offset: i64) -> NaiveDate {
    let offset = offset.max(0);
    start + Duration::days(offset / 5 * 7 + offset % 5)
}

/// [`generate`] with capacity data across `teams` teams (ids `t0`, `t1`, …): each item of
/// its own team round-robin, 3–5 people a team, team `t0` at 60 % from a date a third of
/// the way into the plan, one item in ten needing 2 people of its team and one in twenty
/// also 1 person of the next team. The load is close to what the teams have, so levelling
/// has work to do. Never calls the engine; the same `(items, teams, seed)` always gives the
/// same program.
///
/// Complexity: O(items).
pub fn generate_with_capacity(items: usize, teams: usize, seed: u64) -> Program {
    let mut program = generate(items, seed);
    let teams = teams.max(1);
    let mut draw = Draw(seed ^ 0x6361_7061_6369_7479);
    let third = program.start + (program.target - program.start) / 3;
    program.teams = (0..teams)
        .map(|t| {
            Team {
                uid: String::new(),
                id: format!("t{t}"),
                name: format!("Team {t}"),
                lead: Some(format!("Lead {t}")),
                people: Some(3 + (t % 3) as u32),
                availability: if t == 0 {
                    vec![crate::model::Availability {
                        from: third,
                        percent: 60,
                        note: Some("on-call rotation".to_string()),
                    }]
                } else {
                    Vec::new()
                },
            }
            .into()
        })
        .collect();
    for (i, item) in program.items.iter_mut().enumerate() {
        let t = i % teams;
        item.team = Some(format!("t{t}"));
        if draw.chance(10) {
            item.needs.insert(format!("t{t}"), 2);
        }
        if draw.chance(5) {
            item.needs.entry(format!("t{t}")).or_insert(1);
            item.needs.insert(format!("t{}", (t + 1) % teams), 1);
        }
    }
    program
}

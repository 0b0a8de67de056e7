//! Seeded finish-to-start networks for the TaskJuggler differential test (and the schedule
//! benchmark's comparison with TaskJuggler), and the bridge to `tj3`. Deterministic: the
//! same seed gives the same program. The benchmarks' own programs come from
//! `throughline::engine::measure::generate`.
#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use throughline::engine::calendar::WorkCalendar;
use throughline::engine::schedule::schedule;
use throughline::model::{Calendar, Item, ItemKind, Link, Program};

/// SplitMix64: small, seedable and good enough to draw test networks.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

/// A finish-to-start network of `n` tasks (1–10 working days, 1–3 predecessors among the
/// 40 tasks before, about one in a hundred with none), starting on a Monday, Mon–Fri with
/// eight weekday holidays in its first year. Status date: the program start.
pub fn fs_network(seed: u64, n: usize) -> Program {
    fs_program(seed, n, false)
}

/// [`fs_network`] with milestones: three kickoffs at the program start that one task in
/// ten also waits for, and one item in twelve a milestone after earlier items (some after
/// a kickoff, so at the start of the day too).
pub fn fs_network_with_milestones(seed: u64, n: usize) -> Program {
    fs_program(seed, n, true)
}

fn fs_program(seed: u64, n: usize, milestones: bool) -> Program {
    let mut rng = Rng::new(seed);
    let start = d("2026-01-05") + chrono::Duration::weeks(rng.between(0, 20));
    let mut program = Program::new("tj3 differential", start);
    let mut holidays = Vec::new();
    while holidays.len() < 8 {
        let day = start + chrono::Duration::days(rng.between(1, 365));
        let weekday = day.weekday();
        if weekday != Weekday::Sat && weekday != Weekday::Sun && !holidays.contains(&day) {
            holidays.push(day);
        }
    }
    holidays.sort();
    program.calendar = Calendar {
        holidays,
        ..Calendar::default()
    };
    let kickoffs = if milestones { 3 } else { 0 };
    for k in 0..kickoffs {
        let mut kickoff = Item::task(&format!("k{k}"), &format!("Kickoff {k}"), 0);
        kickoff.kind = ItemKind::Milestone;
        program.items.push(kickoff.into());
    }
    for i in 0..n {
        let mut item = Item::task(
            &format!("t{i}"),
            &format!("Task {i}"),
            rng.between(1, 10) as u32,
        );
        if milestones && i > 0 && rng.chance(8) {
            item.kind = ItemKind::Milestone;
            item.days = 0;
            item.title = format!("Milestone {i}");
        }
        if i > 0 && !rng.chance(1) {
            for _ in 0..rng.between(1, 3) {
                let pred = rng.between(i.saturating_sub(40) as i64, i as i64 - 1);
                let id = format!("t{pred}");
                if !item.after.iter().any(|link| link.id == id) {
                    item.after.push(Link::after(&id));
                }
            }
        }
        if kickoffs > 0 && (i == 0 || rng.chance(10)) {
            item.after
                .push(Link::after(&format!("k{}", rng.between(0, 2))));
        }
        program.items.push(item.into());
    }
    program.status_date = Some(start);
    program
}

/// The TaskJuggler 3 project for an FS network: same calendar, `length` in working days,
/// `depends` for each link, and a CSV report of every task's start and end.
pub fn tjp(program: &Program) -> String {
    // The horizon must hold the whole schedule; a year beyond our own finish is plenty.
    let finish = schedule(program, program.start).forecast_finish;
    let horizon = finish + chrono::Duration::days(366);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "project p \"{}\" {} - {} {{\n  timezone \"UTC\"\n  timingresolution 60min\n  now {}\n}}",
        program.name, program.start, horizon, program.start
    );
    for (i, holiday) in program.calendar.holidays.iter().enumerate() {
        let _ = writeln!(out, "leaves holiday \"h{i}\" {holiday}");
    }
    for item in &program.items {
        let _ = writeln!(out, "task {} \"{}\" {{", item.id, item.title);
        if item.is_milestone() {
            out.push_str("  milestone\n");
        } else {
            let _ = writeln!(out, "  length {}d", item.days);
        }
        if !item.after.is_empty() {
            let ids: Vec<&str> = item.after.iter().map(|link| link.id.as_str()).collect();
            let _ = writeln!(out, "  depends {}", ids.join(", "));
        }
        out.push_str("}\n");
    }
    out.push_str(
        "taskreport out \"out\" {\n  formats csv\n  columns id, start, end\n  timeformat \"%Y-%m-%d %H:%M\"\n}\n",
    );
    out
}

/// The TaskJuggler 3 project for a program whose teams have one person each: a `resource`
/// per such team, every task with its team's person `allocate`d and an `effort` of its
/// days (one person: effort days are working days), `priority` 1000 − its place in the
/// program's `levelling` (TaskJuggler gives a contested resource to the higher priority),
/// FS `depends`, the same holidays, and a CSV report of every task's start and end.
pub fn tjp_allocated(program: &Program) -> String {
    use throughline::engine::capacity::levelled_schedule;
    let finish = levelled_schedule(program, program.start).forecast_finish;
    let horizon = finish + chrono::Duration::days(366);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "project p \"{}\" {} - {} {{\n  timezone \"UTC\"\n  timingresolution 60min\n  now {}\n}}",
        program.name, program.start, horizon, program.start
    );
    for (i, holiday) in program.calendar.holidays.iter().enumerate() {
        let _ = writeln!(out, "leaves holiday \"h{i}\" {holiday}");
    }
    for team in &program.teams {
        let _ = writeln!(out, "resource {} \"{}\"", team.id, team.name);
    }
    let order = program.levelling.clone().unwrap_or_default();
    for item in &program.items {
        let _ = writeln!(out, "task {} \"{}\" {{", item.id, item.title);
        if item.is_milestone() {
            out.push_str("  milestone\n");
        } else {
            let _ = writeln!(out, "  effort {}d", item.days);
            if let Some(team) = &item.team {
                let _ = writeln!(out, "  allocate {team}");
            }
        }
        if let Some(at) = order.iter().position(|id| id == &item.id) {
            let _ = writeln!(out, "  priority {}", 1000 - at.min(999));
        }
        if !item.after.is_empty() {
            let ids: Vec<&str> = item.after.iter().map(|link| link.id.as_str()).collect();
            let _ = writeln!(out, "  depends {}", ids.join(", "));
        }
        out.push_str("}\n");
    }
    out.push_str(
        "taskreport out \"out\" {\n  formats csv\n  columns id, start, end\n  timeformat \"%Y-%m-%d %H:%M\"\n}\n",
    );
    out
}

/// Start and finish working days of every task as TaskJuggler schedules them, and how long
/// `tj3` took. Panics (never skips) when `tj3` is missing or fails.
pub fn run_tj3(
    program: &Program,
    dir: &Path,
) -> (HashMap<String, (NaiveDate, NaiveDate)>, Duration) {
    run_tjp(program, &tjp(program), dir)
}

/// As [`run_tj3`], for a TaskJuggler project written elsewhere (e.g. [`tjp_allocated`]).
pub fn run_tjp(
    program: &Program,
    project: &str,
    dir: &Path,
) -> (HashMap<String, (NaiveDate, NaiveDate)>, Duration) {
    std::fs::create_dir_all(dir).expect("temp dir for tj3");
    std::fs::write(dir.join("p.tjp"), project).expect("write p.tjp");
    let began = Instant::now();
    let output = Command::new("tj3")
        .args(["--silent", "--no-color", "p.tjp"])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run tj3 (install TaskJuggler 3: apt-get install tj3): {e}")
        });
    let took = began.elapsed();
    assert!(
        output.status.success(),
        "tj3 failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let cal = WorkCalendar::new(
        &program.calendar,
        program.start - chrono::Duration::days(400),
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(dir.join("out.csv"))
        .expect("tj3 report out.csv");
    let mut dates = HashMap::new();
    for row in reader.records() {
        let row = row.expect("csv row");
        let at = |field: usize| {
            NaiveDateTime::parse_from_str(&row[field], "%Y-%m-%d %H:%M")
                .unwrap_or_else(|e| panic!("tj3 time {:?}: {e}", &row[field]))
        };
        // TaskJuggler reports boundaries in time: work starts on the first working day at
        // or after the start (a start at the end of a working day, 17:00, means the next
        // day) and finishes on the day of its end (an end at midnight belongs to the day
        // before). A milestone is one moment: at the end of a working day it is on that
        // day, before the day's work (midnight, 9:00) on the first working day from then.
        let start = at(1);
        let end_of_day = chrono::NaiveTime::from_hms_opt(17, 0, 0).expect("time");
        if program
            .item(&row[0])
            .is_some_and(|item| item.is_milestone())
        {
            let day = if start.time() >= end_of_day {
                start.date()
            } else {
                cal.next_workday(start.date())
            };
            dates.insert(row[0].to_string(), (day, day));
            continue;
        }
        let first = if start.time() >= chrono::NaiveTime::from_hms_opt(17, 0, 0).expect("time") {
            cal.next_workday(start.date() + chrono::Duration::days(1))
        } else {
            cal.next_workday(start.date())
        };
        let end = at(2);
        let last = if end.time() == chrono::NaiveTime::MIN {
            end.date() - chrono::Duration::days(1)
        } else {
            end.date()
        };
        dates.insert(row[0].to_string(), (first, last));
    }
    (dates, took)
}

/// Stability of the levelled schedule (issue 23): with the program's accepted order kept,
/// cut `team` to 60 % from the status date and count the items that move (start or
/// finish) among those that do not wait on that team. Two readings of "wait on it,
/// directly or through links": `links`, items that need it or follow, through any chain
/// of `after` links, an item that needs it; `with_waits`, the same where the waits for
/// people (before or after the cut) count as links too, as the Critical path view draws
/// them. Returns (moved, such items) for each reading.
pub fn moved_by_a_cut(program: &Program, as_of: NaiveDate, team: &str) -> [(usize, usize); 2] {
    use throughline::engine::capacity::level;
    use throughline::model::Availability;
    let needs = |item: &Item| {
        if item.needs.is_empty() {
            item.team.as_deref() == Some(team)
        } else {
            item.needs.get(team).is_some_and(|&n| n > 0)
        }
    };
    let index: HashMap<&str, usize> = program
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();
    let before = level(program, as_of);
    let mut cut = program.clone();
    if let Some(t) = cut.teams.iter_mut().find(|t| t.id == team) {
        t.availability.retain(|a| a.from < as_of);
        t.availability.push(Availability {
            from: as_of,
            percent: 60,
            note: None,
        });
    }
    let after = level(&cut, as_of);
    // Predecessors of each item: its links, and (second reading) who held its people.
    let n = program.items.len();
    let mut links: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, item) in program.items.iter().enumerate() {
        links[i] = item
            .after
            .iter()
            .filter_map(|l| index.get(l.id.as_str()).copied())
            .collect();
    }
    let mut with_waits = links.clone();
    for wait in before.waits.iter().chain(&after.waits) {
        if let Some(&i) = index.get(wait.item.as_str()) {
            with_waits[i].extend(
                wait.holders
                    .iter()
                    .filter_map(|h| index.get(h.as_str()).copied()),
            );
        }
    }
    [links, with_waits].map(|preds| {
        let mut waits: Vec<bool> = program.items.iter().map(|item| needs(item)).collect();
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..n {
                if !waits[i] && preds[i].iter().any(|&p| waits[p]) {
                    waits[i] = true;
                    changed = true;
                }
            }
        }
        let (mut moved, mut others) = (0, 0);
        for (i, item) in program.items.iter().enumerate() {
            if waits[i] {
                continue;
            }
            others += 1;
            let (a, b) = (
                before.schedule.node(&item.id).unwrap(),
                after.schedule.node(&item.id).unwrap(),
            );
            if (a.early_start, a.early_finish) != (b.early_start, b.early_finish) {
                moved += 1;
            }
        }
        (moved, others)
    })
}

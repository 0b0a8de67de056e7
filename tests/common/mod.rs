//! Seeded program generators shared by the TaskJuggler differential test and the schedule
//! benchmarks, and the bridge to `tj3`. Deterministic: the same seed gives the same program.
#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use throughline::engine::calendar::WorkCalendar;
use throughline::engine::schedule::schedule;
use throughline::model::{Calendar, Dependency, Item, ItemKind, Link, LinkType, Program};

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
    for i in 0..n {
        let mut item = Item::task(
            &format!("t{i}"),
            &format!("Task {i}"),
            rng.between(1, 10) as u32,
        );
        if i > 0 && !rng.chance(1) {
            for _ in 0..rng.between(1, 3) {
                let pred = rng.between(i.saturating_sub(40) as i64, i as i64 - 1);
                let id = format!("t{pred}");
                if !item.after.iter().any(|link| link.id == id) {
                    item.after.push(Link::after(&id));
                }
            }
        }
        program.items.push(item);
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
        let _ = write!(
            out,
            "task {} \"{}\" {{\n  length {}d\n",
            item.id, item.title, item.days
        );
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
    std::fs::create_dir_all(dir).expect("temp dir for tj3");
    std::fs::write(dir.join("p.tjp"), tjp(program)).expect("write p.tjp");
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
        // before).
        let start = at(1);
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

/// A program of `n` items for the benchmarks: about three links per item of all four
/// types with lags, one milestone in twenty, a dependency per hundred items, and progress
/// up to a status date in the middle of the program.
pub fn mixed_program(seed: u64, n: usize) -> Program {
    let mut rng = Rng::new(seed);
    let start = d("2026-01-05");
    let mut program = Program::new("benchmark", start);
    program.calendar.holidays = vec![
        d("2026-05-25"),
        d("2026-07-03"),
        d("2026-11-26"),
        d("2026-12-25"),
    ];
    let deps = (n / 100).max(1);
    for j in 0..deps {
        let mut dep = Dependency::new(&format!("D{j}"), "Vendor delivery");
        dep.due = Some(start + chrono::Duration::days(rng.between(10, 300)));
        program.dependencies.push(dep);
    }
    for i in 0..n {
        let mut item = Item::task(&format!("I{i}"), "Work", rng.between(1, 15) as u32);
        if rng.chance(5) {
            item.kind = ItemKind::Milestone;
            item.days = 0;
        }
        if i > 0 {
            for _ in 0..rng.between(1, 5) {
                let pred = rng.between(i.saturating_sub(200) as i64, i as i64 - 1);
                item.after.push(Link {
                    id: format!("I{pred}"),
                    link_type: LinkType::ALL[rng.between(0, 3) as usize],
                    lag: rng.between(-2, 4) as i32,
                });
            }
        }
        if rng.chance(1) {
            let dep = rng.between(0, deps as i64 - 1);
            item.after.push(Link::after(&format!("D{dep}")));
        }
        program.items.push(item);
    }
    // Progress as planned up to the middle of the program.
    let plan = schedule(&program, start);
    let mid = start + (plan.forecast_finish - start) / 2;
    for item in program.items.iter_mut() {
        let node = plan.node(&item.id).expect("planned node");
        if node.early_finish < mid {
            item.started = Some(node.early_start);
            item.finished = Some(node.early_finish);
        } else if node.early_start < mid && !item.is_milestone() {
            item.started = Some(node.early_start);
        }
    }
    program.status_date = Some(mid);
    program
}

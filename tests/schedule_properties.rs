//! Properties of the critical path method (docs/rules.md#schedule) on random acyclic
//! networks: every link holds in working-day boundaries, float is never negative,
//! the critical path is a linked chain to the forecast finish, the status date holds back
//! unfinished work, FS networks match an independent longest-path oracle, and what-if
//! slips move the finish by between zero and the slip.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::sample::Index;
use throughline::engine::calendar::WorkCalendar;
use throughline::engine::schedule::{schedule, what_if, Schedule};
use throughline::model::{Calendar, Dependency, Item, ItemKind, Link, LinkType, Program};

/// One item of a generated network; dates are offsets in calendar days.
#[derive(Debug, Clone)]
struct ItemSpec {
    days: u32,
    milestone: bool,
    /// (predecessor among the dependencies and earlier items, link type, lag)
    links: Vec<(Index, usize, i32)>,
    not_before: Option<i64>,
    /// 0–1 finished, 2–3 started, otherwise not started; then two positions in the past.
    progress: (u8, Index, Index, Option<u32>),
}

#[derive(Debug, Clone)]
struct NetSpec {
    start: i64,
    as_of: i64,
    holidays: Vec<i64>,
    /// (due offset from the status date, delivered)
    dependencies: Vec<(i64, bool)>,
    items: Vec<ItemSpec>,
}

fn item_spec() -> impl Strategy<Value = ItemSpec> {
    (
        0u32..=15,
        prop::bool::weighted(0.1),
        prop::collection::vec((any::<Index>(), 0usize..4, -3i32..=5), 0..=3),
        prop::option::weighted(0.2, -20i64..200),
        (
            0u8..10,
            any::<Index>(),
            any::<Index>(),
            prop::option::of(1u32..12),
        ),
    )
        .prop_map(|(days, milestone, links, not_before, progress)| ItemSpec {
            days,
            milestone,
            links,
            not_before,
            progress,
        })
}

fn net_spec() -> impl Strategy<Value = NetSpec> {
    (
        0i64..365,
        -10i64..200,
        prop::collection::vec(0i64..500, 0..30),
        prop::collection::vec((-30i64..60, prop::bool::weighted(0.3)), 0..=3),
        prop::collection::vec(item_spec(), 20..=200),
    )
        .prop_map(|(start, as_of, holidays, dependencies, items)| NetSpec {
            start,
            as_of,
            holidays,
            dependencies,
            items,
        })
}

/// The program and its status date. With `fs_plain`: finish-to-start links only, no
/// progress and no dependencies (what the longest-path oracle understands).
fn build(spec: &NetSpec, fs_plain: bool) -> (Program, NaiveDate) {
    let base = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let start = base + Duration::days(spec.start);
    let as_of = start + Duration::days(spec.as_of);
    let mut program = Program::new("properties", start);
    program.status_date = Some(as_of);
    program.calendar = Calendar {
        holidays: spec
            .holidays
            .iter()
            .map(|&h| start - Duration::days(30) + Duration::days(h))
            .collect(),
        ..Calendar::default()
    };
    let deps = if fs_plain {
        &[][..]
    } else {
        &spec.dependencies[..]
    };
    for (j, &(due, delivered)) in deps.iter().enumerate() {
        let mut dep = Dependency::new(&format!("D{j}"), "External");
        dep.due = Some(as_of + Duration::days(due));
        if delivered {
            dep.delivered = Some(as_of.min(as_of + Duration::days(due)));
        }
        program.dependencies.push(dep.into());
    }
    let elapsed = (as_of - start).num_days();
    for (i, spec_item) in spec.items.iter().enumerate() {
        let mut item = Item::task(&format!("I{i}"), "Work", spec_item.days);
        if spec_item.milestone {
            item.kind = ItemKind::Milestone;
            item.days = 0;
        }
        let candidates = deps.len() + i;
        if candidates > 0 {
            for &(pred, kind, lag) in &spec_item.links {
                let p = pred.index(candidates);
                item.after.push(Link {
                    id: if p < deps.len() {
                        format!("D{p}")
                    } else {
                        format!("I{}", p - deps.len())
                    },
                    link_type: if fs_plain {
                        LinkType::FS
                    } else {
                        LinkType::ALL[kind]
                    },
                    lag,
                });
            }
        }
        item.not_before = spec_item.not_before.map(|n| start + Duration::days(n));
        let (kind, first, second, remaining) = &spec_item.progress;
        if !fs_plain && elapsed > 0 && *kind < 4 {
            let started = start + Duration::days(first.index(elapsed as usize + 1) as i64);
            item.started = Some(started);
            if *kind < 2 {
                let left = (as_of - started).num_days() as usize + 1;
                item.finished = Some(started + Duration::days(second.index(left) as i64));
            } else {
                item.remaining = *remaining;
            }
        }
        program.items.push(item.into());
    }
    (program, as_of)
}

fn calendar_of(program: &Program, as_of: NaiveDate) -> WorkCalendar {
    WorkCalendar::new(
        &program.calendar,
        program.start.min(as_of) - Duration::days(400),
    )
}

/// Is node `i` (items first, then dependencies) unfinished and of zero length?
fn zero_length(program: &Program, i: usize) -> bool {
    program
        .items
        .get(i)
        .is_none_or(|item| item.is_milestone() || item.days == 0)
}

fn unfinished(program: &Program, i: usize) -> bool {
    match program.items.get(i) {
        Some(item) => item.finished.is_none(),
        None => program.dependencies[i - program.items.len()]
            .delivered
            .is_none(),
    }
}

/// A node's boundaries in working-day numbers: a task on days `s..=f` runs from `s` to
/// `f + 1`. A zero-length node on day `m` sits at the start of it (boundary `m`) or at its
/// end (`m + 1`), which the dates alone do not tell: as a predecessor it is taken at the
/// start and as a successor at the end, so a link that holds here holds either way (the
/// FS oracle below pins the side down exactly).
fn boundaries(
    cal: &WorkCalendar,
    program: &Program,
    s: &Schedule,
    i: usize,
    as_successor: bool,
) -> (i64, i64) {
    let node = &s.nodes[i];
    let day = cal.number(node.early_finish);
    if zero_length(program, i) {
        let at = day + as_successor as i64;
        (at, at)
    } else {
        (cal.number(node.early_start), day + 1)
    }
}

fn any_unfinished_item(program: &Program) -> bool {
    program.items.iter().any(|item| item.finished.is_none())
}

/// The longest path over an FS-only network without progress, in inclusive working days,
/// straight from docs/rules.md#calendar: a task of `d` days starting on day `s` finishes on
/// `s + d - 1`; a finish-to-start successor starts the next working day after a task's
/// finish, plus the lag. A milestone is a point in time: driven by a task's finish it sits
/// at the end of that day (its FS successor starts the next working day); with no driver
/// but the program start, its `not_before` or the status date it sits at the start of its
/// day (its FS successor starts that same day); after another milestone it takes that
/// one's side of the day. The latest point in time wins: the end of a day is before the
/// start of the next.
fn longest_path_oracle(program: &Program, as_of: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    #[derive(Clone, Copy)]
    enum Point {
        /// A task's finish day, or a milestone at the end of its day.
        EndOf(i64),
        /// A milestone at the start of its day.
        StartOf(i64),
    }
    let cal = calendar_of(program, as_of);
    let mut points: Vec<Point> = Vec::with_capacity(program.items.len());
    let mut out = Vec::with_capacity(program.items.len());
    for item in &program.items {
        let mut earliest = cal.number(program.start).max(cal.number(as_of));
        if let Some(not_before) = item.not_before {
            earliest = earliest.max(cal.number(not_before));
        }
        let preds = item.after.iter().map(|link| {
            let p: usize = link.id[1..].parse().expect("item id");
            match points[p] {
                Point::EndOf(day) => Point::EndOf(day + link.lag as i64),
                Point::StartOf(day) => Point::StartOf(day + link.lag as i64),
            }
        });
        if item.is_milestone() || item.days == 0 {
            // Half days: the start of day d is 2d, its end 2d + 1.
            let half = |point: Point| match point {
                Point::EndOf(day) => 2 * day + 1,
                Point::StartOf(day) => 2 * day,
            };
            let latest = preds.max_by_key(|&point| half(point));
            let point = match latest {
                Some(point) if half(point) > 2 * earliest => point,
                _ => Point::StartOf(earliest),
            };
            let (Point::EndOf(day) | Point::StartOf(day)) = point;
            points.push(point);
            out.push((cal.date(day), cal.date(day)));
        } else {
            let start = preds
                .map(|point| match point {
                    Point::EndOf(day) => day + 1,
                    Point::StartOf(day) => day,
                })
                .fold(earliest, i64::max);
            let finish = start + item.days as i64 - 1;
            points.push(Point::EndOf(finish));
            out.push((cal.date(start), cal.date(finish)));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn unstarted_work_respects_every_link_to_unfinished_work(spec in net_spec()) {
        let (program, as_of) = build(&spec, false);
        let s = schedule(&program, as_of);
        let cal = calendar_of(&program, as_of);
        for (i, item) in program.items.iter().enumerate() {
            if item.started.is_some() || item.finished.is_some() {
                continue;
            }
            let (start, end) = boundaries(&cal, &program, &s, i, true);
            for link in &item.after {
                let p = s.index[&link.id];
                if !unfinished(&program, p) {
                    continue;
                }
                let (p_start, p_end) = boundaries(&cal, &program, &s, p, false);
                let lag = link.lag as i64;
                let holds = match link.link_type {
                    LinkType::FS => start >= p_end + lag,
                    LinkType::SS => start >= p_start + lag,
                    LinkType::FF => end >= p_end + lag,
                    LinkType::SF => end >= p_start + lag,
                };
                prop_assert!(
                    holds,
                    "{} {:?} lag {} → {}: pred {}..{}, succ {}..{}",
                    link.id, link.link_type, lag, item.id, p_start, p_end, start, end
                );
            }
        }
    }

    #[test]
    fn total_float_is_never_negative_and_matches_the_late_dates(spec in net_spec()) {
        let (program, as_of) = build(&spec, false);
        let s = schedule(&program, as_of);
        let cal = calendar_of(&program, as_of);
        for (i, node) in s.nodes.iter().enumerate() {
            prop_assert!(node.total_float >= 0, "{}: float {}", node.id, node.total_float);
            if unfinished(&program, i) {
                // The float is the late finish less the early finish, never clamped.
                let gap = cal.number(node.late_finish) - cal.number(node.early_finish);
                prop_assert_eq!(node.total_float, gap, "{}", node.id);
            }
        }
    }

    #[test]
    fn the_critical_path_is_a_linked_critical_chain_to_the_forecast_finish(spec in net_spec()) {
        let (program, as_of) = build(&spec, false);
        let s = schedule(&program, as_of);
        if !any_unfinished_item(&program) {
            return Ok(());
        }
        prop_assert!(!s.critical_path.is_empty());
        let last = s.node(s.critical_path.last().expect("last")).expect("node");
        prop_assert_eq!(last.early_finish, s.forecast_finish);
        for id in &s.critical_path {
            prop_assert!(s.node(id).expect("node").critical, "{} not critical", id);
        }
        for pair in s.critical_path.windows(2) {
            let later = program.item(&pair[1]).expect("a driven node is an item");
            prop_assert!(
                later.after.iter().any(|link| link.id == pair[0]),
                "{} is not after {}", pair[1], pair[0]
            );
        }
    }

    #[test]
    fn the_forecast_finish_is_the_latest_early_finish(spec in net_spec()) {
        let (program, as_of) = build(&spec, false);
        let s = schedule(&program, as_of);
        if !any_unfinished_item(&program) {
            return Ok(());
        }
        let latest = s.nodes.iter().filter(|n| n.scheduled).map(|n| n.early_finish).max();
        prop_assert_eq!(latest, Some(s.forecast_finish));
    }

    #[test]
    fn fs_networks_without_progress_match_a_longest_path_oracle(spec in net_spec()) {
        let (program, as_of) = build(&spec, true);
        let s = schedule(&program, as_of);
        let oracle = longest_path_oracle(&program, as_of);
        for (node, expected) in s.nodes.iter().zip(&oracle) {
            prop_assert_eq!((node.early_start, node.early_finish), *expected, "{}", node.id);
        }
        let latest = oracle.iter().map(|&(_, finish)| finish).max();
        prop_assert_eq!(latest, Some(s.forecast_finish));
    }

    #[test]
    fn unfinished_work_never_starts_before_the_status_date_or_the_program_start(
        spec in net_spec()
    ) {
        let (program, as_of) = build(&spec, false);
        let s = schedule(&program, as_of);
        for item in program.items.iter().filter(|item| item.finished.is_none()) {
            let node = s.node(&item.id).expect("node");
            if item.started.is_some() {
                prop_assert!(node.early_finish >= as_of, "{} finishes before T", item.id);
                continue;
            }
            let earliest = as_of.max(program.start).max(item.not_before.unwrap_or(as_of));
            prop_assert!(
                node.early_start >= earliest,
                "{} starts {} before {}", item.id, node.early_start, earliest
            );
        }
    }

    #[test]
    fn a_slip_moves_the_finish_by_between_nothing_and_the_slip(
        spec in net_spec(),
        which in any::<Index>(),
        slip in 1i64..=10,
    ) {
        let (program, as_of) = build(&spec, false);
        let s = schedule(&program, as_of);
        let id = s.nodes[which.index(s.nodes.len())].id.clone();
        let none = what_if(&program, as_of, &id, 0).expect("known id");
        prop_assert!(none.moved.is_empty(), "a zero slip moved {:?}", none.moved);
        prop_assert_eq!(none.finish_moves_by, 0);
        prop_assert_eq!(none.new_finish, s.forecast_finish);
        let some = what_if(&program, as_of, &id, slip).expect("known id");
        prop_assert_eq!(some.old_finish, s.forecast_finish);
        prop_assert!(some.new_finish >= some.old_finish);
        prop_assert!(
            (0..=slip).contains(&some.finish_moves_by),
            "{} slips {} and the finish moves {}", id, slip, some.finish_moves_by
        );
    }
}

/// A date anywhere in the years a program file can hold.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1i32..=9999, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date"))
}

fn absurd_item(
) -> impl Strategy<Value = (u32, Option<u32>, Option<u32>, bool, i32, u8, Vec<NaiveDate>)> {
    (
        prop_oneof![0u32..20, any::<u32>()],
        prop::option::of(any::<u32>()),
        prop::option::of(any::<u32>()),
        any::<bool>(),
        prop_oneof![-5i32..5, any::<i32>()],
        any::<u8>(),
        prop::collection::vec(any_date(), 4),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn absurd_durations_lags_and_dates_never_panic(
        start in any_date(),
        as_of in any_date(),
        target in any_date(),
        items in prop::collection::vec(absurd_item(), 1..12),
        slip in any::<i64>(),
        workdays in prop::collection::vec(any::<bool>(), 7),
    ) {
        use throughline::engine::forecast::forecast;
        use throughline::model::Workday;
        let mut program = Program::new("absurd", start);
        program.target = target;
        program.rules.iterations = 40;
        program.calendar.workdays = Workday::ALL
            .iter()
            .zip(&workdays)
            .filter(|(_, &on)| on)
            .map(|(day, _)| *day)
            .collect();
        let mut dep = Dependency::new("D", "Vendor");
        dep.due = Some(target);
        dep.slip = Some([0, u32::MAX / 2, u32::MAX]);
        program.dependencies.push(dep.into());
        for (i, (days, low, high, milestone, lag, progress, dates)) in items.iter().enumerate() {
            let mut item = Item::task(&format!("I{i}"), "Work", *days);
            (item.low, item.high) = (*low, *high);
            if *milestone {
                item.kind = ItemKind::Milestone;
            }
            let kind = LinkType::ALL[*progress as usize % 4];
            item.after.push(Link { id: "D".into(), link_type: kind, lag: *lag });
            if i > 0 {
                item.after.push(Link { id: format!("I{}", i - 1), link_type: kind, lag: *lag });
            }
            item.not_before = (progress & 4 != 0).then_some(dates[0]);
            item.started = (progress & 8 != 0).then_some(dates[1]);
            item.finished = (progress & 16 != 0).then_some(dates[2]);
            item.remaining = (progress & 32 != 0).then_some(*days);
            program.items.push(item.into());
        }
        let s = schedule(&program, as_of);
        prop_assert_eq!(s.nodes.len(), program.items.len() + 1);
        for id in ["I0", "D"] {
            prop_assert!(what_if(&program, as_of, id, slip).is_some());
        }
        let f = forecast(&program, as_of);
        prop_assert!(f.p50 <= f.p85 && f.p85 <= f.p95);
    }
}

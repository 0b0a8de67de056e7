//! Date confidence (docs/rules.md#date-confidence): the Monte Carlo forecast, and its common
//! random numbers — every draw belongs to one item, so text edits never move a figure and
//! one estimate moves only its own item's draws.

use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};
use throughline::engine::calendar::WorkCalendar;
use throughline::engine::forecast::{confidence_change_is_noise, forecast, Forecast, ForecastRun};
use throughline::engine::schedule::schedule;
use throughline::model::{example_program, Program};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

fn program(items: Value, target: &str) -> Program {
    serde_json::from_value(json!({
        "format": "throughline/1",
        "name": "Forecast test",
        "start": "2026-01-05",
        "target": target,
        "items": items,
    }))
    .expect("test program")
}

#[test]
fn the_same_program_always_gives_the_same_figures() {
    let p = example_program();
    let as_of = p.status_date.unwrap();
    let first = forecast(&p, as_of);
    let second = forecast(&p, as_of);
    assert_eq!(first, second);
    assert_eq!(first.iterations, 10_000);
}

#[test]
fn running_in_slices_gives_the_same_result_as_at_once() {
    let p = example_program();
    let as_of = p.status_date.unwrap();
    let mut run = ForecastRun::new(&p, as_of);
    let mut slices = 0;
    while !run.step(333) {
        slices += 1;
    }
    assert!(slices > 10);
    assert_eq!(run.progress(), (10_000, 10_000));
    assert_eq!(run.result(), forecast(&p, as_of));
}

#[test]
fn without_uncertainty_the_forecast_is_the_schedule() {
    let items = json!([
        {"id": "A", "title": "A", "days": 5},
        {"id": "B", "title": "B", "days": 5, "after": [{"id": "A"}]}
    ]);
    // Finishes Friday 16 January.
    let on_time = program(items.clone(), "2026-01-16");
    let f = forecast(&on_time, on_time.start);
    assert_eq!(f.confidence, 1.0);
    assert_eq!(f.p50, d("2026-01-16"));
    assert_eq!(f.p95, schedule(&on_time, on_time.start).forecast_finish);
    let late = program(items, "2026-01-15");
    assert_eq!(forecast(&late, late.start).confidence, 0.0);
}

#[test]
fn a_single_pert_task_matches_the_formula() {
    let (low, likely, high): (f64, f64, f64) = (20.0, 60.0, 200.0);
    let p = program(
        json!([{"id": "A", "title": "A", "days": 60, "low": 20, "high": 200}]),
        "2027-12-31",
    );
    let f = forecast(&p, p.start);
    let cal = WorkCalendar::new(&p.calendar, p.start);
    // The curve is cumulative; turn it back into the duration of each iteration.
    let mut previous = 0.0;
    let (mut mean, mut square) = (0.0, 0.0);
    for (date, share) in &f.curve {
        let days = (cal.number(*date) - cal.number(p.start) + 1) as f64;
        let weight = share - previous;
        previous = *share;
        mean += weight * days;
        square += weight * days * days;
    }
    let sd = (square - mean * mean).sqrt();
    let expected_mean = (low + 4.0 * likely + high) / 6.0;
    let expected_sd = ((expected_mean - low) * (high - expected_mean) / 7.0).sqrt();
    assert!(
        (mean - expected_mean).abs() < 1.5,
        "mean {mean} vs {expected_mean}"
    );
    assert!((sd - expected_sd).abs() < 1.5, "sd {sd} vs {expected_sd}");
}

#[test]
fn every_item_of_a_single_chain_is_always_critical() {
    let p = program(
        json!([
            {"id": "A", "title": "A", "days": 5, "low": 3, "high": 9},
            {"id": "B", "title": "B", "days": 5, "low": 4, "high": 12, "after": [{"id": "A"}]},
            {"id": "C", "title": "C", "days": 2, "low": 1, "high": 6, "after": [{"id": "B"}]}
        ]),
        "2026-02-27",
    );
    let f = forecast(&p, p.start);
    assert_eq!(f.criticality, vec![1.0, 1.0, 1.0]);
    assert_eq!(f.drivers.len(), 3);
    assert_eq!(f.drivers[0].id, "B", "widest spread on the path leads");
}

#[test]
fn a_parallel_branch_with_float_is_rarely_critical() {
    let p = program(
        json!([
            {"id": "LONG", "title": "long", "days": 20, "low": 18, "high": 25},
            {"id": "SHORT", "title": "short", "days": 5, "low": 4, "high": 8},
            {"id": "END", "title": "end", "kind": "milestone", "after": [{"id": "LONG"}, {"id": "SHORT"}]}
        ]),
        "2026-02-27",
    );
    let f = forecast(&p, p.start);
    assert_eq!(f.criticality[0], 1.0);
    assert_eq!(f.criticality[1], 0.0);
}

#[test]
fn more_uncertainty_never_raises_confidence_in_a_chain() {
    let chain = |high: u32| {
        program(
            json!([
                {"id": "A", "title": "A", "days": 10, "low": 8, "high": high},
                {"id": "B", "title": "B", "days": 10, "low": 8, "high": high, "after": [{"id": "A"}]}
            ]),
            // 22 working days from 5 Jan: Tuesday 3 February.
            "2026-02-03",
        )
    };
    let mut last = 1.0;
    for high in [10, 12, 16, 24, 40] {
        let p = chain(high);
        let confidence = forecast(&p, p.start).confidence;
        assert!(
            confidence <= last + 0.01,
            "high {high}: {confidence} > {last}"
        );
        last = confidence;
    }
    assert!(last < 0.5);
}

#[test]
fn a_dependency_slip_lowers_confidence_and_percentiles_are_ordered() {
    let p: Program = serde_json::from_value(json!({
        "format": "throughline/1", "name": "Dep", "start": "2026-01-05", "target": "2026-02-06",
        "items": [{"id": "A", "title": "A", "days": 5, "after": [{"id": "V"}]}],
        "dependencies": [{"id": "V", "title": "Vendor", "due": "2026-01-23", "risk": "high"}]
    }))
    .unwrap();
    let f = forecast(&p, p.start);
    // A finishes 30 Jan without slip; the high-risk rule [0, 5, 20] often pushes it past 6 Feb.
    assert!(f.confidence > 0.2 && f.confidence < 0.9, "{}", f.confidence);
    assert!(f.p50 <= f.p85 && f.p85 <= f.p95);
    assert!(f.p50 >= d("2026-01-30"));
    assert_eq!(f.curve.last().map(|c| c.1), Some(1.0));
}

#[test]
fn the_example_program_is_likely_but_not_certain_to_hit_its_date() {
    let p = example_program();
    let f = forecast(&p, p.status_date.unwrap());
    assert!(f.confidence > 0.5 && f.confidence < 0.8, "{}", f.confidence);
    assert!(f.p85 > p.target);
    assert!(f.drivers.iter().any(|driver| driver.id == "VEND-1"));
}

#[test]
fn a_kickoff_and_a_launch_at_the_start_of_their_days_forecast_as_they_schedule() {
    let p = program(
        json!([
            {"id": "KICKOFF", "title": "Kickoff", "kind": "milestone"},
            {"id": "A", "title": "A", "days": 5, "after": [{"id": "KICKOFF"}]},
            {"id": "LAUNCH", "title": "Launch", "kind": "milestone", "not_before": "2026-01-14"}
        ]),
        "2026-01-14",
    );
    let s = schedule(&p, p.start);
    let f = forecast(&p, p.start);
    assert_eq!(s.forecast_finish, d("2026-01-14"));
    assert_eq!((f.p50, f.p95), (s.forecast_finish, s.forecast_finish));
    assert_eq!(f.confidence, 1.0, "on the target day is on time");
    assert_eq!(f.criticality, vec![0.0, 0.0, 1.0]);
}

#[test]
fn a_change_within_the_simulations_noise_is_not_a_change() {
    // 70 % over 10,000 iterations has a standard error of about 0.46 points.
    assert!(confidence_change_is_noise(0.70, 10_000, 0.69, 10_000));
    assert!(confidence_change_is_noise(0.70, 10_000, 0.70, 10_000));
    assert!(!confidence_change_is_noise(0.70, 10_000, 0.65, 10_000));
    assert!(!confidence_change_is_noise(0.70, 10_000, 0.72, 10_000));
    // Fewer iterations, more noise.
    assert!(confidence_change_is_noise(0.70, 200, 0.65, 200));
    // Certain either way: any move is real.
    assert!(!confidence_change_is_noise(1.0, 10_000, 0.999, 10_000));
    // Nothing to compare.
    assert!(confidence_change_is_noise(0.70, 0, 0.10, 10_000));
    assert!(confidence_change_is_noise(f64::NAN, 10_000, 0.10, 10_000));
}

/// The example program with fewer iterations, so the properties below run many cases.
fn example() -> Program {
    let mut p = example_program();
    p.rules.iterations = 2_000;
    p
}

/// The example's forecast, computed once.
fn example_forecast() -> &'static Forecast {
    static FORECAST: OnceLock<Forecast> = OnceLock::new();
    FORECAST.get_or_init(|| {
        let p = example();
        forecast(&p, p.status_date.expect("status date"))
    })
}

/// Every id that draws something in the run (items and dependencies with a range).
fn drawing_ids(run: &ForecastRun, program: &Program) -> Vec<String> {
    program
        .items
        .iter()
        .map(|item| item.id.clone())
        .chain(program.dependencies.iter().map(|dep| dep.id.clone()))
        .filter(|id| run.draws_of(id, 1).is_some())
        .collect()
}

/// Edits a TPM makes all day that move no date, on the program file itself (format
/// `throughline/1`): titles, owners, teams, notes, reviews, risks and decisions.
fn edit_text(program: &Program, edits: &[(u8, Index, String)]) -> Program {
    let mut value = serde_json::to_value(program).expect("program as JSON");
    for (kind, which, text) in edits {
        let pick = |list: &mut Value| -> Option<usize> {
            let len = list.as_array().map_or(0, Vec::len);
            (len > 0).then(|| which.index(len))
        };
        let (list, field) = match kind % 14 {
            0 => ("items", "title"),
            1 => ("items", "owner"),
            2 => ("items", "team"),
            3 => ("items", "note"),
            4 => ("dependencies", "title"),
            5 => ("dependencies", "owner"),
            6 => ("dependencies", "mitigation"),
            7 => ("dependencies", "reviewed"),
            8 => ("risks", "title"),
            9 => ("risks", "level"),
            10 => ("risks", "new"),
            11 => ("decisions", "outcome"),
            12 => ("teams", "name"),
            _ => ("", "name"),
        };
        if list.is_empty() {
            value["name"] = json!(text);
            continue;
        }
        let Some(i) = pick(&mut value[list]) else {
            continue;
        };
        let entity = &mut value[list][i];
        match field {
            "note" => {
                let update =
                    json!({"date": "2026-11-19", "color": "yellow", "note": text, "by": text});
                match entity["status"].as_array_mut() {
                    Some(updates) => updates.push(update),
                    None => entity["status"] = json!([update]),
                }
            }
            "reviewed" => entity["reviewed"] = json!("2026-11-19"),
            "level" => entity["level"] = json!(["low", "medium", "high"][text.len() % 3]),
            "new" => {
                let risk = json!({"id": format!("R-new-{}", text.len()), "title": text,
                                  "level": "high", "affects": [entity["affects"][0].clone()]});
                value["risks"].as_array_mut().expect("risks").push(risk);
            }
            _ => entity[field] = json!(text),
        }
    }
    serde_json::from_value(value).expect("edited program")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn editing_titles_owners_notes_risks_or_decisions_never_changes_a_figure(
        edits in prop::collection::vec((any::<u8>(), any::<Index>(), "[A-Za-z ]{0,24}"), 1..8)
    ) {
        let p = edit_text(&example(), &edits);
        let f = forecast(&p, p.status_date.expect("status date"));
        prop_assert_eq!(&f, example_forecast());
    }

    #[test]
    fn changing_one_estimate_leaves_every_other_items_draws_identical(
        which in any::<Index>(),
        low in 0u32..10,
        extra in 0u32..10,
        spread in 0u32..30,
    ) {
        let before = example();
        let as_of = before.status_date.expect("status date");
        let mut after = before.clone();
        let i = which.index(after.items.len());
        let item = &mut after.items[i];
        item.low = Some(low);
        item.days = low + extra;
        item.high = Some(low + extra + spread);
        let (run_before, run_after) = (ForecastRun::new(&before, as_of), ForecastRun::new(&after, as_of));
        let changed = after.items[i].id.clone();
        let ids = drawing_ids(&run_before, &before);
        prop_assert!(ids.len() > 10);
        for id in ids.iter().filter(|id| **id != changed) {
            prop_assert_eq!(run_before.draws_of(id, 300), run_after.draws_of(id, 300), "{}", id);
        }
    }

    #[test]
    fn any_slicing_of_the_run_gives_the_same_figures(sizes in prop::collection::vec(1u32..700, 1..12)) {
        let p = example();
        let mut run = ForecastRun::new(&p, p.status_date.expect("status date"));
        let mut step = sizes.iter().cycle();
        while !run.step(*step.next().expect("a size")) {}
        prop_assert_eq!(&run.result(), example_forecast());
    }

    #[test]
    fn the_order_of_the_file_never_changes_the_date_or_the_confidence(seed in any::<u64>()) {
        // Draws follow ids, not positions: shuffling items leaves every date figure as it was.
        let mut p = example();
        let mut state = seed;
        for i in (1..p.items.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            p.items.swap(i, (state >> 33) as usize % (i + 1));
        }
        let f = forecast(&p, p.status_date.expect("status date"));
        let expected = example_forecast();
        prop_assert_eq!(f.confidence, expected.confidence);
        prop_assert_eq!((f.p50, f.p85, f.p95), (expected.p50, expected.p85, expected.p95));
        prop_assert_eq!(&f.curve, &expected.curve);
    }
}

/// The example with Payments at 2 people and 50 % from 30 Nov: a levelled forecast.
fn example_with_capacity(iterations: u32) -> Program {
    use throughline::model::edit::{set_team_field, TeamField};
    let mut p = example_program();
    set_team_field(&mut p, "pay", TeamField::People, "2").unwrap();
    set_team_field(&mut p, "pay", TeamField::Availability, "2026-11-30 50%").unwrap();
    p.rules.iterations = iterations;
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The page's helper threads each run one part of a forecast (`ui::work`): put back
    /// together in any order, the parts give the whole run's figures to the last digit,
    /// levelled or not, however the iterations are cut.
    #[test]
    fn a_run_split_into_parts_gives_the_figures_of_the_whole(
        levelled in any::<bool>(),
        iterations in 1u32..300,
        count in 1u32..6,
        reverse in any::<bool>(),
    ) {
        let mut p = if levelled { example_with_capacity(iterations) } else { example_program() };
        p.rules.iterations = iterations;
        let as_of = p.status_date.unwrap();
        let whole = forecast(&p, as_of);
        let mut run = ForecastRun::new(&p, as_of);
        prop_assert_eq!(run.off_page(), false, "the example is light enough for the page");
        let mut ranges = run.ranges(count);
        prop_assert!(!ranges.is_empty() && ranges.len() <= count as usize);
        prop_assert_eq!(ranges[0].0, 0);
        prop_assert_eq!(ranges.last().unwrap().1, iterations);
        prop_assert!(ranges.windows(2).all(|w| w[0].1 == w[1].0));
        if reverse {
            ranges.reverse();
        }
        // One run gives every part, as a helper does: each leaves it as it was.
        let mut helper = ForecastRun::new(&p, as_of);
        for &(from, to) in &ranges {
            prop_assert_eq!(run.progress().1, iterations);
            run.absorb(helper.part(from, to)).unwrap();
            prop_assert_eq!(helper.progress(), (0, iterations));
        }
        prop_assert_eq!(run.progress(), (iterations, iterations));
        prop_assert_eq!(run.result(), whole);
    }
}

#[test]
fn a_part_that_does_not_fit_is_refused_and_changes_nothing() {
    let p = example_with_capacity(200);
    let as_of = p.status_date.unwrap();
    let mut run = ForecastRun::new(&p, as_of);
    let first = ForecastRun::new(&p, as_of).part(0, 104);
    run.absorb(first.clone()).unwrap();
    // The same iterations twice, an overlap, a range past the run, an empty one.
    assert!(run.absorb(first).unwrap_err().contains("already"));
    let overlap = ForecastRun::new(&p, as_of).part(96, 200);
    assert!(run.absorb(overlap).unwrap_err().contains("already"));
    let mut past = ForecastRun::new(&p, as_of).part(104, 200);
    past.to = 300;
    assert!(run.absorb(past).unwrap_err().contains("not within"));
    // A list shorter than the range, or one node too many.
    let mut short = ForecastRun::new(&p, as_of).part(104, 200);
    short.finishes.pop();
    let mut extra = ForecastRun::new(&p, as_of).part(104, 200);
    extra.on_path.push(0);
    for bad in [short, extra] {
        assert!(run.absorb(bad).unwrap_err().contains("do not fit"));
    }
    assert_eq!(run.progress(), (104, 200));
    run.absorb(ForecastRun::new(&p, as_of).part(104, 200))
        .unwrap();
    assert_eq!(run.result(), forecast(&p, as_of));
}

#[test]
fn only_a_heavy_levelled_forecast_leaves_the_page() {
    let as_of = example_program().status_date.unwrap();
    // The example levelled at 10,000 iterations is light; at a million it is not.
    assert!(!ForecastRun::new(&example_with_capacity(10_000), as_of).off_page());
    assert!(ForecastRun::new(&example_with_capacity(1_000_000), as_of).off_page());
    // Without capacity data it stays in the page at any size.
    let mut plain = example_program();
    plain.rules.iterations = 1_000_000;
    assert!(!ForecastRun::new(&plain, as_of).off_page());
}

//! Date confidence (SPEC §4 "Date confidence"): the Monte Carlo forecast.

use chrono::NaiveDate;
use serde_json::{json, Value};
use throughline::engine::calendar::WorkCalendar;
use throughline::engine::forecast::{forecast, ForecastRun};
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

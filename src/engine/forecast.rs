//! Date confidence: Monte Carlo over the schedule (SPEC §4 "Date confidence").
//! Seeded from the program's content, so the same program always gives the same figures.

use chrono::NaiveDate;

use crate::model::Program;

/// One of the top drivers of the finish date.
#[derive(Debug, Clone, PartialEq)]
pub struct Driver {
    pub id: String,
    /// Share of iterations in which it was on the critical path (0..=1).
    pub criticality: f64,
}

/// The outcome of a Monte Carlo run.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    pub iterations: u32,
    /// Share of iterations finishing on or before the target (0..=1).
    pub confidence: f64,
    pub p50: NaiveDate,
    pub p85: NaiveDate,
    pub p95: NaiveDate,
    /// The S-curve: (date, share of iterations finished on or before it), ascending.
    pub curve: Vec<(NaiveDate, f64)>,
    /// Criticality index per schedule node, same order as `Schedule::nodes`.
    pub criticality: Vec<f64>,
    /// The top drivers of the finish, most critical first.
    pub drivers: Vec<Driver>,
}

/// Runs `rules.iterations` iterations at once (natively, or off the page's main loop).
pub fn forecast(program: &Program, as_of: NaiveDate) -> Forecast {
    let _ = (program, as_of);
    todo!("implemented by the forecast work")
}

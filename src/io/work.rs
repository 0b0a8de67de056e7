//! Work handed to the page's helper thread (a Web Worker running the app's own module), as
//! text both ways: the request a page writes, the answer the worker gives, and the page's
//! reading of that answer. Today one kind: the search for a better levelling (issue 23),
//! which at 1,000 schedules would hold the page for a second.
//!
//! A request is one line of arguments, then the program file's compact JSON:
//! `improve-levelling 2027-01-11 1000 23\n{…program…}`. The answer is a JSON array of item
//! ids (the improved priority order) or `{"error": "…"}`. Both sides are untrusted text to
//! each other: a bad request gets an error answer, never a panic.

use chrono::NaiveDate;

use crate::engine::capacity::improve_levelling;
use crate::model::edit::parse_ymd;
use crate::model::{read_program, write_program_compact, Program};

const IMPROVE: &str = "improve-levelling";

/// The request to search for a better levelling of `program` at `as_of` within
/// `schedules` decodes, from `seed` (see [`improve_levelling`]).
pub fn improve_request(program: &Program, as_of: NaiveDate, schedules: usize, seed: u64) -> String {
    format!(
        "{IMPROVE} {as_of} {schedules} {seed}\n{}",
        write_program_compact(program)
    )
}

/// The worker's answer to `request`: what [`improve_levelling`] gives for the program and
/// arguments it carries, as a JSON array of ids, or a JSON object with an `error`.
pub fn answer(request: &str) -> String {
    match improve(request) {
        Ok(order) => serde_json::to_string(&order).unwrap_or_default(),
        Err(error) => serde_json::json!({ "error": error }).to_string(),
    }
}

fn improve(request: &str) -> Result<Vec<String>, String> {
    let (head, program) = request
        .split_once('\n')
        .ok_or("the request has no program")?;
    let mut words = head.split(' ');
    if words.next() != Some(IMPROVE) {
        return Err(format!("unknown work: {head}"));
    }
    let mut next = |what: &str| words.next().ok_or(format!("the request has no {what}"));
    let as_of = parse_ymd(next("date")?, '-').ok_or("the request's date is not YYYY-MM-DD")?;
    let schedules: usize = next("budget")?
        .parse()
        .map_err(|_| "the request's budget is not a number".to_string())?;
    let seed: u64 = next("seed")?
        .parse()
        .map_err(|_| "the request's seed is not a number".to_string())?;
    let program = read_program(program)
        .map_err(|err| format!("the request's program does not read: {err}"))?
        .program;
    Ok(improve_levelling(&program, as_of, schedules, seed))
}

/// The improved order in the worker's `answer`, or what went wrong.
pub fn read_order(answer: &str) -> Result<Vec<String>, String> {
    match serde_json::from_str::<serde_json::Value>(answer) {
        Ok(serde_json::Value::Array(ids)) => ids
            .into_iter()
            .map(|id| match id {
                serde_json::Value::String(id) => Ok(id),
                _ => Err("the answer lists something other than an id".to_string()),
            })
            .collect(),
        Ok(serde_json::Value::Object(o)) => Err(o
            .get("error")
            .and_then(|e| e.as_str())
            .unwrap_or("the answer is not an order")
            .to_string()),
        _ => Err("the answer is not an order".to_string()),
    }
}

//! Work handed to the page's helper thread (a Web Worker running the app's own module), as
//! text both ways: the request a page writes, the answer the worker gives, and the page's
//! reading of that answer. Two kinds (issue 23): the search for a better levelling, which at
//! 1,000 schedules would hold the page for a second, and a part of a levelled forecast,
//! whose 10,000 iterations take seconds of wasm and are split over several workers.
//!
//! A request is one line of arguments, then the program file's compact JSON:
//! `improve-levelling 2027-01-11 1000 23\n{…program…}` or
//! `forecast 7 2027-01-11 0 5000\n{…program…}` (job, status date, iterations `from..to`).
//! The answer is a JSON array of item ids (the improved priority order), for a forecast
//! `{"job": 7, "key": "…", "from": 0, "to": 5000, "finishes": […], "on_path": […]}` (the
//! key is `forecast_key` of the program as the worker read it), or `{"error": "…"}`. Both
//! sides are untrusted text to each other: a bad request gets an error answer, never a
//! panic.

use chrono::NaiveDate;

use serde_json::{json, Value};

use crate::engine::capacity::improve_levelling;
use crate::engine::cockpit::forecast_key;
use crate::engine::forecast::{ForecastRun, Part};
use crate::model::edit::parse_ymd;
use crate::model::{read_program, write_program_compact, Program};

const IMPROVE: &str = "improve-levelling";
const FORECAST: &str = "forecast";

/// The request to search for a better levelling of `program` at `as_of` within
/// `schedules` decodes, from `seed` (see [`improve_levelling`]).
pub fn improve_request(program: &Program, as_of: NaiveDate, schedules: usize, seed: u64) -> String {
    format!(
        "{IMPROVE} {as_of} {schedules} {seed}\n{}",
        write_program_compact(program)
    )
}

/// The request for iterations `from..to` of the forecast of the program whose compact JSON
/// is `program` (written once for every part: [`forecast_program`]) at `as_of`,
/// tagged with `job` so the page can tell a late answer from a current one.
pub fn forecast_request(program: &str, as_of: NaiveDate, job: u64, from: u32, to: u32) -> String {
    format!("{FORECAST} {job} {as_of} {from} {to}\n{program}")
}

/// The program as a forecast's helper needs it, as compact JSON for [`forecast_request`]:
/// without what no forecast reads (every item's and dependency's status history, the
/// published reports, the risks and decisions), which after a season of weekly notes is
/// most of the file (at 5,000 items with 5 weeks of notes, 4.3 MB in all). Its forecast and
/// [`forecast_key`] are the program's own (tests/work.rs).
pub fn forecast_program(program: &Program) -> String {
    // Entries are shared: only those with a history are copied, to drop it.
    let mut slim = program.clone();
    slim.reports.clear();
    slim.risks.clear();
    slim.decisions.clear();
    for item in &mut slim.items {
        if !item.status.is_empty() {
            item.status = Vec::new();
        }
    }
    for dependency in &mut slim.dependencies {
        if !dependency.status.is_empty() {
            dependency.status = Vec::new();
        }
    }
    write_program_compact(&slim)
}

/// The worker's answer to `request`, by a worker that keeps nothing between requests (see
/// [`Worker`]).
pub fn answer(request: &str) -> String {
    Worker::default().answer(request)
}

/// A worker's state between requests: the forecast it prepared last, with the status date
/// and the program text of the request it came from, so the parts of one forecast read and
/// compile the program once (at 1,000 items, reading it is a tenth of a part's time).
#[derive(Default)]
pub struct Worker {
    prepared: Option<Prepared>,
}

struct Prepared {
    as_of: NaiveDate,
    program: String,
    key: u64,
    run: ForecastRun,
}

impl Worker {
    /// The answer to `request`: for a levelling, what [`improve_levelling`] gives for the
    /// program and arguments it carries, as a JSON array of ids; for a forecast, the
    /// [`Part`] a [`ForecastRun`] of it gives; or a JSON object with an `error`.
    pub fn answer(&mut self, request: &str) -> String {
        let result = match request.split_once(' ') {
            Some((FORECAST, _)) => self.forecast_part(request),
            _ => improve(request).map(|order| serde_json::to_string(&order).unwrap_or_default()),
        };
        result.unwrap_or_else(|error| json!({ "error": error }).to_string())
    }

    fn forecast_part(&mut self, request: &str) -> Result<String, String> {
        let (mut args, text) = split_request(request, FORECAST)?;
        let job: u64 = args.number("job")?;
        let as_of = args.date()?;
        let from: u32 = args.number("first iteration")?;
        let to: u32 = args.number("end")?;
        let same = |p: &Prepared| p.as_of == as_of && p.program == text;
        if !self.prepared.as_ref().is_some_and(same) {
            self.prepared = None;
            let program = read_text(text)?;
            self.prepared = Some(Prepared {
                as_of,
                program: text.to_string(),
                key: forecast_key(&program, as_of),
                run: ForecastRun::new(&program, as_of),
            });
        }
        let prepared = self.prepared.as_mut().ok_or("no forecast prepared")?;
        let part = prepared.run.part(from, to);
        // Written by hand: numbers only, and serde's value serializer would add about 5 KB.
        let list = |numbers: Vec<String>| numbers.join(",");
        Ok(format!(
            "{{\"job\":{job},\"key\":\"{}\",\"from\":{},\"to\":{},\"finishes\":[{}],\"on_path\":[{}]}}",
            prepared.key,
            part.from,
            part.to,
            list(part.finishes.iter().map(i32::to_string).collect()),
            list(part.on_path.iter().map(u32::to_string).collect()),
        ))
    }
}

/// The request's first line, after its kind, and its program's text.
fn split_request<'a>(request: &'a str, kind: &str) -> Result<(Args<'a>, &'a str), String> {
    let (head, program) = request
        .split_once('\n')
        .ok_or("the request has no program")?;
    let mut words = head.split(' ');
    if words.next() != Some(kind) {
        return Err(format!("unknown work: {head}"));
    }
    Ok((Args(words), program))
}

/// The request's program.
fn read_text(text: &str) -> Result<Program, String> {
    read_program(text)
        .map(|read| read.program)
        .map_err(|err| format!("the request's program does not read: {err}"))
}

/// The arguments of a request's first line, read in order.
struct Args<'a>(std::str::Split<'a, char>);

impl Args<'_> {
    fn number<T: std::str::FromStr>(&mut self, what: &str) -> Result<T, String> {
        self.0
            .next()
            .ok_or(format!("the request has no {what}"))?
            .parse()
            .map_err(|_| format!("the request's {what} is not a number"))
    }

    fn date(&mut self) -> Result<NaiveDate, String> {
        let word = self.0.next().ok_or("the request has no date")?;
        parse_ymd(word, '-').ok_or_else(|| "the request's date is not YYYY-MM-DD".into())
    }
}

fn improve(request: &str) -> Result<Vec<String>, String> {
    let (mut args, text) = split_request(request, IMPROVE)?;
    let program = read_text(text)?;
    let as_of = args.date()?;
    let schedules: usize = args.number("budget")?;
    let seed: u64 = args.number("seed")?;
    Ok(improve_levelling(&program, as_of, schedules, seed))
}

/// Every value of `values` as a `T` (a day number or a count), or `None` if one is not.
fn whole_numbers<T: TryFrom<i64>>(values: &[Value]) -> Option<Vec<T>> {
    values
        .iter()
        .map(|v| v.as_i64().and_then(|n| T::try_from(n).ok()))
        .collect()
}

/// A forecast part in the worker's `answer`: its job, the key of the program the worker
/// read, and the part; or what went wrong.
pub fn read_part(answer: &str) -> Result<(u64, u64, Part), String> {
    let value: Value =
        serde_json::from_str(answer).map_err(|_| "the answer is not a forecast part")?;
    if let Some(error) = value.get("error") {
        return Err(error
            .as_str()
            .unwrap_or("the answer is an error")
            .to_string());
    }
    let not = || "the answer is not a forecast part".to_string();
    let number = |name: &str| value.get(name).and_then(Value::as_u64).ok_or_else(not);
    let small = |name: &str| number(name).and_then(|n| u32::try_from(n).map_err(|_| not()));
    let list = |name: &str| value.get(name).and_then(Value::as_array).ok_or_else(not);
    let key = value
        .get("key")
        .and_then(Value::as_str)
        .and_then(|k| k.parse().ok())
        .ok_or_else(not)?;
    let finishes = whole_numbers(list("finishes")?).ok_or_else(not)?;
    let on_path = whole_numbers(list("on_path")?).ok_or_else(not)?;
    let part = Part {
        from: small("from")?,
        to: small("to")?,
        finishes,
        on_path,
    };
    Ok((number("job")?, key, part))
}

/// The improved order in the worker's `answer`, or what went wrong.
pub fn read_order(answer: &str) -> Result<Vec<String>, String> {
    match serde_json::from_str::<Value>(answer) {
        Ok(Value::Array(ids)) => ids
            .into_iter()
            .map(|id| match id {
                Value::String(id) => Ok(id),
                _ => Err("the answer lists something other than an id".to_string()),
            })
            .collect(),
        Ok(Value::Object(o)) => Err(o
            .get("error")
            .and_then(|e| e.as_str())
            .unwrap_or("the answer is not an order")
            .to_string()),
        _ => Err("the answer is not an order".to_string()),
    }
}

//! The levelling search handed to the page's worker (`io::work`): the worker's answer is
//! exactly what the search gives in the page, and a request it cannot read gets an error
//! answer the page can say, never a panic.

use throughline::engine::capacity::improve_levelling;
use throughline::io::work::{answer, improve_request, read_order};
use throughline::model::edit::{set_team_field, TeamField};
use throughline::model::example_program;

/// The example with Payments at 2 people and 50 % from 30 Nov (the browser test's scenario).
fn payments_at_half() -> throughline::model::Program {
    let mut p = example_program();
    set_team_field(&mut p, "pay", TeamField::People, "2").unwrap();
    set_team_field(&mut p, "pay", TeamField::Availability, "2026-11-30 50%").unwrap();
    p
}

#[test]
fn the_worker_answers_with_the_same_order_the_search_gives_in_the_page() {
    let program = payments_at_half();
    let as_of = program.as_of(program.start);
    let request = improve_request(&program, as_of, 1_000, 23);
    let order = read_order(&answer(&request)).expect("an order");
    assert_eq!(order, improve_levelling(&program, as_of, 1_000, 23));
    assert!(!order.is_empty());
    // Another seed or budget is another search, and the request carries them.
    let fewer = read_order(&answer(&improve_request(&program, as_of, 20, 5))).unwrap();
    assert_eq!(fewer, improve_levelling(&program, as_of, 20, 5));
}

#[test]
fn a_program_with_an_accepted_levelling_is_searched_from_that_order() {
    let mut program = payments_at_half();
    let as_of = program.as_of(program.start);
    let mut accepted = improve_levelling(&program, as_of, 200, 1);
    accepted.reverse();
    program.levelling = Some(accepted);
    let order = read_order(&answer(&improve_request(&program, as_of, 50, 9))).unwrap();
    assert_eq!(order, improve_levelling(&program, as_of, 50, 9));
}

#[test]
fn a_request_the_worker_cannot_read_gets_an_error_it_can_say() {
    let program = payments_at_half();
    let good = improve_request(&program, program.start, 10, 1);
    let (head, body) = good.split_once('\n').unwrap();
    for (request, says) in [
        ("".to_string(), "no program"),
        (format!("reticulate 2027-01-01 1 1\n{body}"), "unknown work"),
        (format!("improve-levelling 2027-13-01 1 1\n{body}"), "date"),
        (
            format!("improve-levelling 2027-01-01 many 1\n{body}"),
            "budget",
        ),
        (format!("improve-levelling 2027-01-01 1\n{body}"), "no seed"),
        (
            format!("{head}\n{{\"format\": \"throughline/2\""),
            "does not read",
        ),
        (format!("{head}\n[1, 2]"), "does not read"),
    ] {
        let error = read_order(&answer(&request)).expect_err(&request[..request.len().min(60)]);
        assert!(error.contains(says), "{error:?} should say {says:?}");
    }
}

#[test]
fn an_answer_that_is_not_an_order_is_an_error() {
    for text in ["", "null", "[1]", "{}", "{\"error\": 3}", "[\"A\", null]"] {
        assert!(read_order(text).is_err(), "{text}");
    }
    assert_eq!(read_order("[\"A-1\",\"B-2\"]").unwrap(), ["A-1", "B-2"]);
    assert_eq!(
        read_order("{\"error\":\"out of memory\"}").unwrap_err(),
        "out of memory"
    );
}

#[test]
fn a_forecast_part_from_the_worker_is_the_part_the_page_would_run() {
    use throughline::engine::cockpit::forecast_key;
    use throughline::engine::forecast::ForecastRun;
    use throughline::io::work::{forecast_request, read_part};
    use throughline::model::write_program_compact;
    let mut program = payments_at_half();
    program.rules.iterations = 300;
    let as_of = program.as_of(program.start);
    let text = write_program_compact(&program);
    let (job, key, part) =
        read_part(&answer(&forecast_request(&text, as_of, 7, 96, 300))).expect("a part");
    assert_eq!(job, 7);
    // The key of the program as the worker read it: the page's own, so the page can tell.
    assert_eq!(key, forecast_key(&program, as_of));
    assert_eq!(part, ForecastRun::new(&program, as_of).part(96, 300));
    assert_eq!(part.finishes.len(), 204);
    // Another status date is another forecast, and another key.
    let later = as_of.succ_opt().unwrap();
    let (_, other, _) = read_part(&answer(&forecast_request(&text, later, 8, 0, 8))).unwrap();
    assert_ne!(other, key);
}

#[test]
fn a_forecast_request_or_answer_that_does_not_read_is_an_error() {
    use throughline::io::work::{forecast_request, read_part};
    use throughline::model::write_program_compact;
    let program = payments_at_half();
    let text = write_program_compact(&program);
    let good = forecast_request(&text, program.start, 1, 0, 8);
    let (_, body) = good.split_once('\n').unwrap();
    for (request, says) in [
        (format!("forecast x 2027-01-01 0 8\n{body}"), "job"),
        (format!("forecast 1 2027-02-30 0 8\n{body}"), "date"),
        (
            format!("forecast 1 2027-01-01 -1 8\n{body}"),
            "first iteration",
        ),
        (format!("forecast 1 2027-01-01 0\n{body}"), "no end"),
        ("forecast 1 2027-01-01 0 8\n{".to_string(), "does not read"),
    ] {
        let error = read_part(&answer(&request)).expect_err(&request[..request.len().min(40)]);
        assert!(error.contains(says), "{error:?} should say {says:?}");
    }
    for text in [
        "",
        "[]",
        "{}",
        r#"{"job":1,"key":"2","from":0,"to":1,"finishes":[1.5],"on_path":[]}"#,
        r#"{"job":1,"key":2,"from":0,"to":1,"finishes":[1],"on_path":[]}"#,
        r#"{"job":1,"key":"2","from":-1,"to":1,"finishes":[1],"on_path":[]}"#,
        r#"{"job":1,"key":"2","from":0,"to":1,"finishes":[1],"on_path":[-3]}"#,
        r#"{"job":1,"key":"2","from":0,"to":1,"finishes":[9999999999],"on_path":[]}"#,
    ] {
        assert!(read_part(text).is_err(), "{text}");
    }
    assert_eq!(
        read_part(r#"{"error":"out of memory"}"#).unwrap_err(),
        "out of memory"
    );
    let (job, key, part) = read_part(
        r#"{"job":3,"key":"18446744073709551615","from":0,"to":1,"finishes":[-4],"on_path":[0,2]}"#,
    )
    .unwrap();
    assert_eq!(
        (job, key, part.finishes, part.on_path),
        (3, u64::MAX, vec![-4], vec![0, 2])
    );
}

#[test]
fn a_helper_reads_the_program_once_for_the_parts_of_a_forecast_and_again_when_it_changes() {
    use throughline::engine::forecast::ForecastRun;
    use throughline::io::work::{forecast_request, read_part, Worker};
    use throughline::model::write_program_compact;
    let mut program = payments_at_half();
    program.rules.iterations = 200;
    let as_of = program.as_of(program.start);
    let mut helper = Worker::default();
    let text = write_program_compact(&program);
    // The parts of one forecast, out of order, from one helper: each is the page's own.
    for (from, to) in [(104, 200), (0, 104), (48, 152)] {
        let (_, _, part) =
            read_part(&helper.answer(&forecast_request(&text, as_of, 1, from, to))).unwrap();
        assert_eq!(part, ForecastRun::new(&program, as_of).part(from, to));
    }
    // Another program (an estimate changed) is read again, not answered from the last.
    program.items[3].high = Some(program.items[3].high.unwrap_or(program.items[3].days) + 9);
    let changed = write_program_compact(&program);
    let (_, key, part) =
        read_part(&helper.answer(&forecast_request(&changed, as_of, 2, 0, 200))).unwrap();
    assert_eq!(
        key,
        throughline::engine::cockpit::forecast_key(&program, as_of)
    );
    assert_eq!(part, ForecastRun::new(&program, as_of).part(0, 200));
    // And a levelling search in between is answered as ever.
    let order = read_order(&helper.answer(&improve_request(&program, as_of, 20, 5))).unwrap();
    assert_eq!(order, improve_levelling(&program, as_of, 20, 5));
}

#[test]
fn a_helper_is_sent_the_program_without_what_no_forecast_reads_and_forecasts_it_the_same() {
    use throughline::engine::cockpit::forecast_key;
    use throughline::engine::forecast::{forecast, ForecastRun};
    use throughline::io::work::{forecast_program, forecast_request, read_part};
    use throughline::model::{read_program, write_program_compact};
    let mut program = payments_at_half();
    program.rules.iterations = 300;
    let as_of = program.as_of(program.start);
    assert!(program.items.iter().any(|i| !i.status.is_empty()));
    assert!(!program.risks.is_empty() && !program.decisions.is_empty());
    let full = write_program_compact(&program);
    let slim = forecast_program(&program);
    assert!(
        slim.len() * 4 < full.len() * 3,
        "{} of {}",
        slim.len(),
        full.len()
    );
    assert!(!slim.contains("\"status\""));
    // The program itself is not touched.
    assert_eq!(write_program_compact(&program), full);
    let read = read_program(&slim).unwrap().program;
    assert_eq!(forecast_key(&read, as_of), forecast_key(&program, as_of));
    // Its parts, from a helper, make the page's forecast of the whole program.
    let mut run = ForecastRun::new(&program, as_of);
    let mut helper = throughline::io::work::Worker::default();
    for (from, to) in [(0, 152), (152, 300)] {
        let (_, key, part) =
            read_part(&helper.answer(&forecast_request(&slim, as_of, 1, from, to))).unwrap();
        assert_eq!(key, forecast_key(&program, as_of));
        run.absorb(part).unwrap();
    }
    assert_eq!(run.result(), forecast(&program, as_of));
}

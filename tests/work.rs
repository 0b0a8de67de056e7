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

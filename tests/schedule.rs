//! The critical path method, rule by rule (docs/rules.md#calendar, docs/rules.md#schedule).
//! Programs start on Monday 5 January 2026 unless a test says otherwise.

use chrono::NaiveDate;
use serde_json::{json, Value};
use throughline::engine::schedule::{schedule, what_if, Schedule, ScheduleProblem};
use throughline::model::Program;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

/// A program from its items (and optional extra top-level fields).
fn program(items: Value, extra: Value) -> Program {
    let mut value = json!({
        "format": "throughline/1",
        "name": "Test",
        "start": "2026-01-05",
        "target": "2026-03-31",
        "items": items,
    });
    if let (Some(object), Some(more)) = (value.as_object_mut(), extra.as_object()) {
        for (key, field) in more {
            object.insert(key.clone(), field.clone());
        }
    }
    serde_json::from_value(value).expect("test program")
}

fn dates(schedule: &Schedule, id: &str) -> (NaiveDate, NaiveDate) {
    let node = schedule.node(id).expect("node");
    (node.early_start, node.early_finish)
}

fn at_start(program: &Program) -> Schedule {
    schedule(program, program.start)
}

#[test]
fn a_task_runs_on_working_days_and_skips_the_weekend() {
    let p = program(
        json!([
            {"id": "A", "title": "A", "days": 5},
            {"id": "B", "title": "B", "days": 3, "after": [{"id": "A"}]}
        ]),
        json!({}),
    );
    let s = at_start(&p);
    assert_eq!(dates(&s, "A"), (d("2026-01-05"), d("2026-01-09")));
    assert_eq!(dates(&s, "B"), (d("2026-01-12"), d("2026-01-14")));
    assert_eq!(s.forecast_finish, d("2026-01-14"));
}

#[test]
fn holidays_at_both_ends_of_a_task_push_it() {
    // Monday 5 Jan is a holiday, so A starts Tuesday; Monday 12 Jan too, so it ends Tuesday.
    let p = program(
        json!([{"id": "A", "title": "A", "days": 5}]),
        json!({"calendar": {"workdays": ["mon", "tue", "wed", "thu", "fri"],
                            "holidays": ["2026-01-05", "2026-01-12"]}}),
    );
    let s = at_start(&p);
    assert_eq!(dates(&s, "A"), (d("2026-01-06"), d("2026-01-13")));
}

#[test]
fn a_program_starting_on_a_weekend_begins_on_monday() {
    let mut p = program(json!([{"id": "A", "title": "A", "days": 1}]), json!({}));
    p.start = d("2026-01-03");
    let s = at_start(&p);
    assert_eq!(dates(&s, "A"), (d("2026-01-05"), d("2026-01-05")));
}

#[test]
fn a_milestone_after_a_task_sits_at_the_end_of_its_day_and_its_successor_starts_the_next() {
    let p = program(
        json!([
            {"id": "A", "title": "A", "days": 5},
            {"id": "M", "title": "M", "kind": "milestone", "after": [{"id": "A"}]},
            {"id": "B", "title": "B", "days": 1, "after": [{"id": "M"}]},
            {"id": "FF", "title": "FF", "kind": "milestone", "after": [{"id": "A", "type": "FF"}]},
            {"id": "C", "title": "C", "days": 1, "after": [{"id": "FF"}]}
        ]),
        json!({}),
    );
    let s = at_start(&p);
    // A: Mon 5 – Fri 9 Jan.
    assert_eq!(dates(&s, "M"), (d("2026-01-09"), d("2026-01-09")));
    assert_eq!(dates(&s, "B"), (d("2026-01-12"), d("2026-01-12")));
    assert_eq!(dates(&s, "FF"), (d("2026-01-09"), d("2026-01-09")));
    assert_eq!(dates(&s, "C"), (d("2026-01-12"), d("2026-01-12")));
}

#[test]
fn a_kickoff_milestones_successor_starts_the_same_day() {
    // As TaskJuggler and MS Project: a milestone nothing drives sits at the start of the
    // program's first day, so the work after it starts that day, not the next.
    let p = program(
        json!([
            {"id": "KICKOFF", "title": "Kickoff", "kind": "milestone"},
            {"id": "A", "title": "A", "days": 3, "after": [{"id": "KICKOFF"}]},
            {"id": "GATE", "title": "Gate", "kind": "milestone", "after": [{"id": "KICKOFF"}]},
            {"id": "B", "title": "B", "days": 2, "after": [{"id": "GATE"}, {"id": "A", "type": "SS"}]}
        ]),
        json!({}),
    );
    let s = at_start(&p);
    assert_eq!(dates(&s, "KICKOFF"), (d("2026-01-05"), d("2026-01-05")));
    assert_eq!(dates(&s, "A"), (d("2026-01-05"), d("2026-01-07")));
    // After a kickoff, a milestone is at the start of the day too.
    assert_eq!(dates(&s, "GATE"), (d("2026-01-05"), d("2026-01-05")));
    assert_eq!(dates(&s, "B"), (d("2026-01-05"), d("2026-01-06")));
    assert_eq!(s.forecast_finish, d("2026-01-07"));
    assert_eq!(s.critical_path, vec!["KICKOFF", "A"]);
    let kickoff = s.node("KICKOFF").unwrap();
    assert_eq!(kickoff.total_float, 0);
    assert_eq!(
        (kickoff.late_start, kickoff.late_finish),
        (d("2026-01-05"), d("2026-01-05"))
    );
}

#[test]
fn a_milestone_driven_only_by_a_start_sits_at_the_start_of_that_day() {
    let p = program(
        json!([
            {"id": "A", "title": "A", "days": 5, "not_before": "2026-01-07"},
            {"id": "SS", "title": "SS", "kind": "milestone", "after": [{"id": "A", "type": "SS", "lag": 1}]},
            {"id": "B", "title": "B", "days": 1, "after": [{"id": "SS"}]}
        ]),
        json!({}),
    );
    let s = at_start(&p);
    // A starts Wed 7 Jan; one day after its start is the start of Thu 8 Jan.
    assert_eq!(dates(&s, "SS"), (d("2026-01-08"), d("2026-01-08")));
    assert_eq!(dates(&s, "B"), (d("2026-01-08"), d("2026-01-08")));
}

#[test]
fn a_milestone_with_not_before_sits_at_the_start_of_that_day_unless_a_finish_pushes_it() {
    let p = program(
        json!([
            {"id": "N", "title": "N", "kind": "milestone", "not_before": "2026-01-20"},
            {"id": "AFTER-N", "title": "after N", "days": 1, "after": [{"id": "N"}]},
            {"id": "A", "title": "A", "days": 12},
            {"id": "LATE", "title": "late", "kind": "milestone", "not_before": "2026-01-20",
             "after": [{"id": "A"}]},
            {"id": "AFTER-LATE", "title": "after late", "days": 1, "after": [{"id": "LATE"}]},
            {"id": "EARLY", "title": "early", "kind": "milestone", "not_before": "2026-01-21",
             "after": [{"id": "A"}]},
            {"id": "AFTER-EARLY", "title": "after early", "days": 1, "after": [{"id": "EARLY"}]}
        ]),
        json!({}),
    );
    let s = at_start(&p);
    assert_eq!(dates(&s, "N"), (d("2026-01-20"), d("2026-01-20")));
    assert_eq!(dates(&s, "AFTER-N"), (d("2026-01-20"), d("2026-01-20")));
    // A runs Mon 5 – Tue 20 Jan: its finish, at the end of the 20th, is later than the
    // start of the 20th, so LATE sits at the end of the day and its successor waits.
    assert_eq!(dates(&s, "LATE"), (d("2026-01-20"), d("2026-01-20")));
    assert_eq!(dates(&s, "AFTER-LATE"), (d("2026-01-21"), d("2026-01-21")));
    // The start of the 21st is later than the end of the 20th: the date decides.
    assert_eq!(dates(&s, "EARLY"), (d("2026-01-21"), d("2026-01-21")));
    assert_eq!(dates(&s, "AFTER-EARLY"), (d("2026-01-21"), d("2026-01-21")));
}

#[test]
fn a_milestone_held_by_the_status_date_sits_at_its_start() {
    let p = program(
        json!([
            {"id": "M", "title": "M", "kind": "milestone"},
            {"id": "A", "title": "A", "days": 2, "after": [{"id": "M"}]}
        ]),
        json!({}),
    );
    // Status date Wednesday 14 January: nothing unfinished is earlier.
    let s = schedule(&p, d("2026-01-14"));
    assert_eq!(dates(&s, "M"), (d("2026-01-14"), d("2026-01-14")));
    assert_eq!(dates(&s, "A"), (d("2026-01-14"), d("2026-01-15")));
}

#[test]
fn a_finished_kickoff_still_lets_its_successor_start_that_day() {
    // Marking the kickoff done on the day it happens must not move the work after it.
    let p = program(
        json!([
            {"id": "KICKOFF", "title": "Kickoff", "kind": "milestone", "finished": "2026-01-05"},
            {"id": "A", "title": "A", "days": 2, "after": [{"id": "KICKOFF"}]},
            {"id": "T", "title": "T", "days": 3, "started": "2026-01-05", "finished": "2026-01-07"},
            {"id": "DONE", "title": "Done", "kind": "milestone", "finished": "2026-01-07",
             "after": [{"id": "T"}]},
            {"id": "B", "title": "B", "days": 1, "after": [{"id": "DONE"}]}
        ]),
        json!({}),
    );
    let s = schedule(&p, d("2026-01-05"));
    assert_eq!(dates(&s, "KICKOFF"), (d("2026-01-05"), d("2026-01-05")));
    assert!(s.node("KICKOFF").unwrap().done);
    assert_eq!(dates(&s, "A"), (d("2026-01-05"), d("2026-01-06")));
    // A milestone a finish drove stays at the end of its day once finished.
    assert_eq!(dates(&s, "DONE"), (d("2026-01-07"), d("2026-01-07")));
    assert_eq!(dates(&s, "B"), (d("2026-01-08"), d("2026-01-08")));
}

#[test]
fn a_milestone_ending_the_program_at_the_start_of_its_day_finishes_it_that_day() {
    let mut p = program(
        json!([
            {"id": "A", "title": "A", "days": 3},
            {"id": "LAUNCH", "title": "Launch", "kind": "milestone", "not_before": "2026-01-14"}
        ]),
        json!({}),
    );
    p.target = d("2026-01-14");
    let s = at_start(&p);
    assert_eq!(s.forecast_finish, d("2026-01-14"));
    assert_eq!(s.slack_to_target, 0);
    let launch = s.node("LAUNCH").unwrap();
    assert!(launch.critical);
    assert_eq!((launch.total_float, launch.float_to_target), (0, 0));
    assert_eq!(s.critical_path, vec!["LAUNCH"]);
    // A (5–7 Jan) can slip until it ends on the 14th without moving the date.
    assert_eq!(s.node("A").unwrap().total_float, 5);
}

#[test]
fn each_link_type_and_lag_is_respected() {
    let p = program(
        json!([
            {"id": "A", "title": "A", "days": 5},
            {"id": "FS", "title": "FS", "days": 2, "after": [{"id": "A", "lag": 1}]},
            {"id": "LEAD", "title": "lead", "days": 2, "after": [{"id": "A", "lag": -2}]},
            {"id": "SS", "title": "SS", "days": 2, "after": [{"id": "A", "type": "SS", "lag": 2}]},
            {"id": "FF", "title": "FF", "days": 3, "after": [{"id": "A", "type": "FF"}]},
            {"id": "SF", "title": "SF", "days": 2, "after": [{"id": "A", "type": "SF", "lag": 3}]}
        ]),
        json!({}),
    );
    let s = at_start(&p);
    // A: Mon 5 – Fri 9 Jan.
    assert_eq!(dates(&s, "FS"), (d("2026-01-13"), d("2026-01-14")));
    assert_eq!(dates(&s, "LEAD"), (d("2026-01-08"), d("2026-01-09")));
    assert_eq!(dates(&s, "SS"), (d("2026-01-07"), d("2026-01-08")));
    assert_eq!(dates(&s, "FF"), (d("2026-01-07"), d("2026-01-09")));
    // SF lag 3: finishes no earlier than the day before A's start + 3 working days.
    assert_eq!(dates(&s, "SF"), (d("2026-01-06"), d("2026-01-07")));
}

#[test]
fn a_link_on_an_unknown_id_is_reported_and_the_rest_schedules() {
    let p = program(
        json!([{"id": "A", "title": "A", "days": 2, "after": [{"id": "GHOST"}]}]),
        json!({}),
    );
    let s = at_start(&p);
    assert_eq!(
        s.problems,
        vec![ScheduleProblem::UnknownLink {
            from: "A".into(),
            to: "GHOST".into()
        }]
    );
    assert_eq!(dates(&s, "A"), (d("2026-01-05"), d("2026-01-06")));
    assert_eq!(
        s.problems[0].to_string(),
        "Link from A to GHOST: no such item or dependency"
    );
}

#[test]
fn a_cycle_is_named_and_the_rest_of_the_program_still_schedules() {
    let p = program(
        json!([
            {"id": "A", "title": "A", "days": 2, "after": [{"id": "C"}]},
            {"id": "B", "title": "B", "days": 2, "after": [{"id": "A"}]},
            {"id": "C", "title": "C", "days": 2, "after": [{"id": "B"}]},
            {"id": "X", "title": "X", "days": 3},
            {"id": "Y", "title": "Y", "days": 1, "after": [{"id": "X"}, {"id": "B"}]}
        ]),
        json!({}),
    );
    let s = at_start(&p);
    assert_eq!(
        s.problems,
        vec![ScheduleProblem::Cycle(vec![
            "A".into(),
            "B".into(),
            "C".into()
        ])]
    );
    assert!(!s.node("A").unwrap().scheduled);
    assert!(s.node("X").unwrap().scheduled);
    assert_eq!(dates(&s, "Y"), (d("2026-01-08"), d("2026-01-08")));
    assert_eq!(s.critical_path, vec!["X".to_string(), "Y".to_string()]);
}

#[test]
fn a_task_linked_to_itself_is_a_cycle() {
    let p = program(
        json!([{"id": "A", "title": "A", "days": 2, "after": [{"id": "A"}]}]),
        json!({}),
    );
    assert_eq!(
        at_start(&p).problems,
        vec![ScheduleProblem::Cycle(vec!["A".into()])]
    );
}

#[test]
fn float_and_the_critical_path_follow_the_longest_chain() {
    let p = program(
        json!([
            {"id": "A", "title": "A", "days": 3},
            {"id": "LONG", "title": "long", "days": 10, "after": [{"id": "A"}]},
            {"id": "SHORT", "title": "short", "days": 6, "after": [{"id": "A"}]},
            {"id": "TINY", "title": "tiny", "days": 8, "after": [{"id": "A"}]},
            {"id": "END", "title": "end", "kind": "milestone",
             "after": [{"id": "LONG"}, {"id": "SHORT"}, {"id": "TINY"}]}
        ]),
        json!({}),
    );
    let s = at_start(&p);
    assert_eq!(s.critical_path, vec!["A", "LONG", "END"]);
    assert_eq!(s.node("SHORT").unwrap().total_float, 4);
    assert!(s.node("SHORT").unwrap().near_critical);
    assert_eq!(s.node("TINY").unwrap().total_float, 2);
    assert!(s.node("LONG").unwrap().critical);
    assert!(!s.node("SHORT").unwrap().critical);
    // A: 5–7 Jan, LONG: 8–21 Jan.
    assert_eq!(s.forecast_finish, d("2026-01-21"));
}

#[test]
fn slack_and_float_to_target_count_working_days_to_the_target() {
    let mut p = program(
        json!([
            {"id": "A", "title": "A", "days": 10},
            {"id": "B", "title": "B", "days": 2}
        ]),
        json!({}),
    );
    // A: 5–16 Jan. Target Wed 14 Jan: two working days late.
    p.target = d("2026-01-14");
    let s = at_start(&p);
    assert_eq!(s.slack_to_target, -2);
    assert_eq!(s.node("A").unwrap().float_to_target, -2);
    assert_eq!(s.node("B").unwrap().float_to_target, 6);
    assert_eq!(s.node("B").unwrap().total_float, 8);
    // A target on a Saturday is met by a Friday finish.
    p.target = d("2026-01-17");
    assert_eq!(at_start(&p).slack_to_target, 0);
}

#[test]
fn the_status_date_holds_back_unfinished_work_and_progress_counts() {
    let p = program(
        json!([
            {"id": "DONE", "title": "done", "days": 5, "started": "2026-01-05", "finished": "2026-01-08"},
            {"id": "DOING", "title": "doing", "days": 10, "started": "2026-01-12", "remaining": 3},
            {"id": "GUESS", "title": "guess", "days": 10, "started": "2026-01-12"},
            {"id": "NEXT", "title": "next", "days": 2, "after": [{"id": "DONE"}]},
            {"id": "AFTER", "title": "after", "days": 1, "after": [{"id": "DOING"}]}
        ]),
        json!({"status_date": "2026-01-21"}),
    );
    // Status date: Wednesday 21 January.
    let s = schedule(&p, d("2026-01-21"));
    assert_eq!(dates(&s, "DONE"), (d("2026-01-05"), d("2026-01-08")));
    assert!(s.node("DONE").unwrap().done);
    assert!(!s.node("DONE").unwrap().critical);
    // Its successor would start 9 Jan, but no unfinished work before the status date.
    assert_eq!(dates(&s, "NEXT"), (d("2026-01-21"), d("2026-01-22")));
    // Three days remaining from the status date: 21, 22, 23 January.
    assert_eq!(dates(&s, "DOING"), (d("2026-01-12"), d("2026-01-23")));
    // No `remaining`: 10 days minus the 7 elapsed (12–20 Jan) = 3.
    assert_eq!(dates(&s, "GUESS"), (d("2026-01-12"), d("2026-01-23")));
    assert_eq!(dates(&s, "AFTER"), (d("2026-01-26"), d("2026-01-26")));
}

#[test]
fn dependencies_land_on_due_or_delivery_and_an_overdue_one_on_the_status_date() {
    let p = program(
        json!([
            {"id": "USE-LATE", "title": "late", "days": 1, "after": [{"id": "LATE"}]},
            {"id": "USE-DUE", "title": "due", "days": 1, "after": [{"id": "DUE"}]},
            {"id": "USE-GOT", "title": "got", "days": 1, "after": [{"id": "GOT"}]}
        ]),
        json!({"dependencies": [
            {"id": "LATE", "title": "late", "due": "2026-01-07"},
            {"id": "DUE", "title": "due", "due": "2026-01-30"},
            {"id": "GOT", "title": "got", "due": "2026-01-30", "delivered": "2026-01-06"}
        ]}),
    );
    let s = schedule(&p, d("2026-01-14"));
    let late = s.node("LATE").unwrap();
    assert!(late.overdue);
    assert_eq!(late.early_finish, d("2026-01-14"));
    assert_eq!(dates(&s, "USE-LATE"), (d("2026-01-15"), d("2026-01-15")));
    assert!(!s.node("DUE").unwrap().overdue);
    assert_eq!(dates(&s, "USE-DUE"), (d("2026-02-02"), d("2026-02-02")));
    assert!(s.node("GOT").unwrap().done);
    assert_eq!(dates(&s, "USE-GOT"), (d("2026-01-14"), d("2026-01-14")));
    assert_eq!(s.critical_path, vec!["DUE", "USE-DUE"]);
}

#[test]
fn what_if_moves_the_finish_and_lists_what_moves() {
    let p = program(
        json!([
            {"id": "A", "title": "A", "days": 3},
            {"id": "B", "title": "B", "days": 5, "after": [{"id": "A"}]},
            {"id": "C", "title": "C", "days": 2, "after": [{"id": "A"}]},
            {"id": "D", "title": "D", "days": 1, "after": [{"id": "B"}, {"id": "C"}]}
        ]),
        json!({}),
    );
    let before = at_start(&p);
    // C has 3 days of float: a 2-day slip moves only C.
    let small = what_if(&p, p.start, "C", 2).unwrap();
    assert_eq!(small.finish_moves_by, 0);
    assert_eq!(small.new_finish, before.forecast_finish);
    assert_eq!(small.moved.len(), 1);
    assert_eq!(small.moved[0].0, "C");
    // A 5-day slip eats the float and moves D by 2.
    let big = what_if(&p, p.start, "C", 5).unwrap();
    assert_eq!(big.finish_moves_by, 2);
    let moved: Vec<&str> = big.moved.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(moved, vec!["C", "D"]);
    assert!(what_if(&p, p.start, "NOPE", 1).is_none());
    // The program itself is untouched.
    assert_eq!(at_start(&p), before);
}

#[test]
fn an_empty_program_finishes_on_its_start() {
    let p = program(json!([]), json!({}));
    let s = at_start(&p);
    assert!(s.nodes.is_empty());
    assert!(s.critical_path.is_empty());
    assert!(s.forecast_finish <= p.start);
}

#[test]
fn a_milestone_dated_on_a_weekend_sits_at_the_start_of_the_next_working_day() {
    // Regression: a milestone not before Saturday 17 Jan sat on Friday 16 Jan, before its
    // own date; likewise one held by a status date on a Saturday landed in the past.
    let p = program(
        json!([
            {"id": "M", "title": "M", "kind": "milestone", "not_before": "2026-01-17"},
            {"id": "N", "title": "N", "kind": "milestone"},
            {"id": "B", "title": "B", "days": 1, "after": [{"id": "M"}]}
        ]),
        json!({}),
    );
    let s = at_start(&p);
    assert_eq!(dates(&s, "M"), (d("2026-01-19"), d("2026-01-19")));
    // Only its date drives M, so it is at the start of Monday and B starts that day.
    assert_eq!(dates(&s, "B"), (d("2026-01-19"), d("2026-01-19")));
    let later = schedule(&p, d("2026-01-24"));
    assert_eq!(dates(&later, "N"), (d("2026-01-26"), d("2026-01-26")));
}

#[test]
fn what_if_a_kickoff_slips_moves_everything_after_it_by_the_slip() {
    let p = program(
        json!([
            {"id": "KICKOFF", "title": "Kickoff", "kind": "milestone"},
            {"id": "A", "title": "A", "days": 3, "after": [{"id": "KICKOFF"}]},
            {"id": "M", "title": "M", "kind": "milestone", "after": [{"id": "A"}]},
            {"id": "B", "title": "B", "days": 2, "after": [{"id": "M"}]}
        ]),
        json!({}),
    );
    // A: 5–7 Jan, M: the end of the 7th, B: 8–9 Jan.
    let kickoff = what_if(&p, p.start, "KICKOFF", 2).unwrap();
    assert_eq!(kickoff.finish_moves_by, 2);
    assert_eq!(kickoff.new_finish, d("2026-01-13"));
    let moved: Vec<&str> = kickoff.moved.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(moved, vec!["KICKOFF", "A", "M", "B"]);
    assert_eq!(
        kickoff.moved[0],
        ("KICKOFF".into(), d("2026-01-05"), d("2026-01-07"))
    );
    let gate = what_if(&p, p.start, "M", 1).unwrap();
    assert_eq!(gate.finish_moves_by, 1);
    assert_eq!(
        gate.moved[0],
        ("M".into(), d("2026-01-07"), d("2026-01-08"))
    );
}

#[test]
fn a_slip_never_pulls_the_finish_in() {
    // Regression: X finishes with P (FF), so a longer X used to start earlier and drag
    // its SS successor Y, and the finish, three days earlier. A slip keeps X's start.
    let p = program(
        json!([
            {"id": "P", "title": "P", "days": 5},
            {"id": "X", "title": "X", "days": 2, "after": [{"id": "P", "type": "FF"}]},
            {"id": "Y", "title": "Y", "days": 10, "after": [{"id": "X", "type": "SS"}]}
        ]),
        json!({}),
    );
    let before = at_start(&p);
    assert_eq!(dates(&before, "X"), (d("2026-01-08"), d("2026-01-09")));
    assert_eq!(before.forecast_finish, d("2026-01-21"));
    let slip = what_if(&p, p.start, "X", 3).unwrap();
    assert_eq!(slip.finish_moves_by, 0);
    assert_eq!(slip.new_finish, d("2026-01-21"));
    assert_eq!(
        slip.moved,
        vec![("X".to_string(), d("2026-01-09"), d("2026-01-14"))]
    );
}

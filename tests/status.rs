//! The colour rules (docs/rules.md#colours): staleness, update and review flags, suggested colours,
//! escalate-now and blockers, the program colour and the weekly history strip.
//! Schedules are made by hand so these tests do not depend on the scheduler.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use throughline::engine::cockpit::Finish;
use throughline::engine::schedule::{NodeKind, NodeSchedule, Schedule};
use throughline::engine::status::{
    history, program_colour, risk_findings, statuses, ItemStatus, ProgramColour,
};
use throughline::model::edit::mark_reviewed;
use throughline::model::{
    Colour, Decision, Dependency, Item, Program, Risk, RiskLevel, RiskState, StatusUpdate,
};

// ---------------------------------------------------------------------------------------
// Helpers

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// The status date of most tests: a Friday.
fn as_of() -> NaiveDate {
    d("2026-11-20")
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .expect("date in range")
}

fn upd(date: &str, colour: Colour) -> StatusUpdate {
    StatusUpdate {
        date: d(date),
        colour,
        note: None,
        by: Some("Dana Wu".to_string()),
        remaining: None,
    }
}

fn upd_r(date: &str, colour: Colour, remaining: u32) -> StatusUpdate {
    StatusUpdate {
        remaining: Some(remaining),
        ..upd(date, colour)
    }
}

fn item(id: &str, title: &str, status: Vec<StatusUpdate>) -> Item {
    let mut item = Item::task(id, title, 10);
    item.owner = Some("Dana Wu".to_string());
    item.due = Some(d("2026-12-18"));
    item.status = status;
    item
}

fn dependency(id: &str, status: Vec<StatusUpdate>) -> Dependency {
    let mut dep = Dependency::new(id, "Vendor payments API v3");
    dep.owner = Some("Sam Lee".to_string());
    dep.due = Some(d("2026-11-30"));
    dep.reviewed = Some(as_of());
    dep.status = status;
    dep
}

fn program(items: Vec<Item>, dependencies: Vec<Dependency>) -> Program {
    let mut program = Program::new("Payments platform launch", d("2026-09-07"));
    program.target = d("2027-01-15");
    program.items = items.into_iter().map(Into::into).collect();
    program.dependencies = dependencies.into_iter().map(Into::into).collect();
    program
}

/// A hand-made schedule with one node per item and dependency: nothing critical, plenty of
/// float, finishing 8 Jan 2027 (5 working days before the 15 Jan target).
fn schedule_of(program: &Program) -> Schedule {
    let ids = program
        .items
        .iter()
        .map(|i| (i.id.clone(), NodeKind::Task, i.finished.is_some()))
        .chain(program.dependencies.iter().map(|dep| {
            (
                dep.id.clone(),
                NodeKind::Dependency,
                dep.delivered.is_some(),
            )
        }));
    let nodes: Vec<NodeSchedule> = ids
        .map(|(id, kind, done)| NodeSchedule {
            id,
            kind,
            early_start: d("2026-11-23"),
            early_finish: d("2026-12-04"),
            late_start: d("2026-12-21"),
            late_finish: d("2027-01-01"),
            total_float: 20,
            float_to_target: 25,
            critical: false,
            near_critical: false,
            overdue: false,
            done,
            scheduled: true,
        })
        .collect();
    let index: HashMap<String, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    Schedule {
        as_of: as_of(),
        nodes,
        index,
        forecast_finish: d("2027-01-08"),
        slack_to_target: 5,
        critical_path: Vec::new(),
        problems: Vec::new(),
    }
}

fn node<'a>(schedule: &'a mut Schedule, id: &str) -> &'a mut NodeSchedule {
    let i = schedule.index[id];
    &mut schedule.nodes[i]
}

fn make_critical(schedule: &mut Schedule, id: &str) {
    let n = node(schedule, id);
    n.critical = true;
    n.total_float = 0;
    n.float_to_target = 5;
}

fn make_near_critical(schedule: &mut Schedule, id: &str) {
    let n = node(schedule, id);
    n.near_critical = true;
    n.total_float = 3;
    n.float_to_target = 8;
}

/// The status of the only (or first) item of `program` at `at`.
fn status_at(program: &Program, at: NaiveDate) -> ItemStatus {
    statuses(program, &schedule_of(program), at).remove(0)
}

fn status_of(program: &Program) -> ItemStatus {
    status_at(program, as_of())
}

fn colour_of(program: &Program, schedule: &Schedule, confidence: Option<f64>) -> ProgramColour {
    let all = statuses(program, schedule, as_of());
    let risks = risk_findings(program, schedule, as_of());
    program_colour(
        program,
        schedule,
        &Finish::of(program, schedule, as_of()),
        &all,
        &risks,
        confidence,
        as_of(),
    )
}

fn risk(id: &str, affects: &str, trigger: NaiveDate, state: RiskState) -> Risk {
    Risk {
        uid: String::new(),
        id: id.to_string(),
        title: "Auth team at 60% capacity".to_string(),
        owner: Some("Priya N".to_string()),
        level: RiskLevel::High,
        affects: vec![affects.to_string()],
        trigger: Some(trigger),
        options: Vec::new(),
        state,
        decision: None,
    }
}

fn stale_checkout() -> Item {
    item(
        "PAY-7",
        "Checkout UI",
        vec![
            upd_r("2026-11-06", Colour::Yellow, 6),
            upd_r("2026-11-13", Colour::Yellow, 6),
        ],
    )
}

// ---------------------------------------------------------------------------------------
// Reported colour and staleness

#[test]
fn yellow_for_fourteen_days_without_movement_turns_red() {
    let status = status_of(&program(vec![stale_checkout()], vec![]));
    assert_eq!(status.reported, Some(Colour::Yellow));
    assert_eq!(status.effective, Some(Colour::Red));
    assert_eq!(
        status.auto_red_reason.as_deref(),
        Some("Yellow since 6 Nov 2026 (14 days) without movement")
    );
    assert_eq!(status.colour_since, Some(d("2026-11-06")));
    assert_eq!(status.days_in_colour, Some(14));
    assert_eq!(status.last_update, Some(d("2026-11-13")));
}

#[test]
fn yellow_for_thirteen_days_stays_yellow() {
    let p = program(
        vec![item(
            "PAY-7",
            "Checkout UI",
            vec![upd("2026-11-07", Colour::Yellow)],
        )],
        vec![],
    );
    let status = status_of(&p);
    assert_eq!(status.effective, Some(Colour::Yellow));
    assert_eq!(status.auto_red_reason, None);
    assert_eq!(status.days_in_colour, Some(13));
}

#[test]
fn the_threshold_comes_from_the_rules() {
    let mut p = program(vec![stale_checkout()], vec![]);
    p.rules.stale_yellow_days = 15;
    assert_eq!(status_of(&p).effective, Some(Colour::Yellow));
    p.rules.stale_yellow_days = 7;
    assert_eq!(status_of(&p).effective, Some(Colour::Red));
}

#[test]
fn a_lower_remaining_is_movement() {
    let p = program(
        vec![item(
            "PAY-7",
            "Checkout UI",
            vec![
                upd_r("2026-11-06", Colour::Yellow, 6),
                upd_r("2026-11-13", Colour::Yellow, 4),
            ],
        )],
        vec![],
    );
    assert_eq!(status_of(&p).effective, Some(Colour::Yellow));
}

#[test]
fn a_higher_remaining_is_not_movement() {
    let p = program(
        vec![item(
            "PAY-7",
            "Checkout UI",
            vec![
                upd_r("2026-11-06", Colour::Yellow, 6),
                upd_r("2026-11-13", Colour::Yellow, 9),
            ],
        )],
        vec![],
    );
    assert_eq!(status_of(&p).effective, Some(Colour::Red));
}

#[test]
fn a_lower_remaining_on_the_item_itself_is_movement() {
    let mut checkout = stale_checkout();
    checkout.remaining = Some(5);
    assert_eq!(
        status_of(&program(vec![checkout], vec![])).effective,
        Some(Colour::Yellow)
    );
}

#[test]
fn without_a_remaining_at_the_start_the_first_later_one_is_the_baseline() {
    let moved = item(
        "PAY-7",
        "Checkout UI",
        vec![
            upd("2026-11-01", Colour::Yellow),
            upd_r("2026-11-08", Colour::Yellow, 6),
            upd_r("2026-11-15", Colour::Yellow, 5),
        ],
    );
    assert_eq!(
        status_of(&program(vec![moved], vec![])).effective,
        Some(Colour::Yellow)
    );
    let still = item(
        "PAY-7",
        "Checkout UI",
        vec![
            upd("2026-11-01", Colour::Yellow),
            upd_r("2026-11-08", Colour::Yellow, 6),
            upd_r("2026-11-15", Colour::Yellow, 6),
        ],
    );
    assert_eq!(
        status_of(&program(vec![still], vec![])).effective,
        Some(Colour::Red)
    );
}

#[test]
fn a_colour_change_restarts_the_clock() {
    let p = program(
        vec![item(
            "PAY-7",
            "Checkout UI",
            vec![
                upd("2026-10-02", Colour::Yellow),
                upd("2026-10-23", Colour::Green),
                upd("2026-11-13", Colour::Yellow),
            ],
        )],
        vec![],
    );
    let status = status_of(&p);
    assert_eq!(status.effective, Some(Colour::Yellow));
    assert_eq!(status.colour_since, Some(d("2026-11-13")));
    assert_eq!(status.days_in_colour, Some(7));

    // Back to Yellow after a Red spell: the clock counts from the new Yellow.
    let p = program(
        vec![item(
            "PAY-7",
            "Checkout UI",
            vec![
                upd("2026-10-02", Colour::Yellow),
                upd("2026-10-16", Colour::Red),
                upd("2026-11-06", Colour::Yellow),
                upd("2026-11-13", Colour::Yellow),
            ],
        )],
        vec![],
    );
    assert_eq!(
        status_of(&p).auto_red_reason.as_deref(),
        Some("Yellow since 6 Nov 2026 (14 days) without movement")
    );
}

#[test]
fn a_start_is_movement() {
    let mut started = stale_checkout();
    started.started = Some(d("2026-11-10"));
    assert_eq!(
        status_of(&program(vec![started], vec![])).effective,
        Some(Colour::Yellow)
    );
    // A start before the Yellow run began is not movement since then.
    let mut long_started = stale_checkout();
    long_started.started = Some(d("2026-10-05"));
    assert_eq!(
        status_of(&program(vec![long_started], vec![])).effective,
        Some(Colour::Red)
    );
}

#[test]
fn a_finish_is_movement_and_done_work_is_never_stale() {
    let mut finished = stale_checkout();
    finished.finished = Some(d("2026-11-18"));
    let status = status_of(&program(vec![finished], vec![]));
    assert!(status.done);
    assert_eq!(status.effective, Some(Colour::Yellow));
    assert_eq!(status.auto_red_reason, None);
    assert!(!status.update_due);
    assert_eq!(status.suggested, None);
}

#[test]
fn a_delivery_is_movement() {
    let stale = vec![
        upd("2026-11-02", Colour::Yellow),
        upd("2026-11-09", Colour::Yellow),
    ];
    let p = program(vec![], vec![dependency("VEND-1", stale.clone())]);
    let status = status_of(&p);
    assert!(status.is_dependency);
    assert_eq!(status.effective, Some(Colour::Red));

    let mut delivered = dependency("VEND-1", stale);
    delivered.delivered = Some(d("2026-11-16"));
    let status = status_of(&program(vec![], vec![delivered]));
    assert!(status.done);
    assert_eq!(status.effective, Some(Colour::Yellow));
    assert_eq!(status.auto_red_reason, None);
}

#[test]
fn status_date_before_the_first_update_means_no_status() {
    let p = program(vec![stale_checkout()], vec![]);
    let status = status_at(&p, d("2026-11-05"));
    assert_eq!(status.reported, None);
    assert_eq!(status.effective, None);
    assert_eq!(status.colour_since, None);
    assert_eq!(status.days_in_colour, None);
    assert_eq!(status.last_update, None);
    assert!(status.update_due);
}

#[test]
fn updates_after_the_status_date_are_ignored() {
    let mut checkout = stale_checkout();
    checkout.status.push(upd("2026-11-27", Colour::Green));
    let status = status_of(&program(vec![checkout], vec![]));
    assert_eq!(status.reported, Some(Colour::Yellow));
    assert_eq!(status.effective, Some(Colour::Red));
    assert_eq!(status.last_update, Some(d("2026-11-13")));
}

#[test]
fn updates_out_of_order_are_read_by_date() {
    let p = program(
        vec![item(
            "PAY-7",
            "Checkout UI",
            vec![
                upd_r("2026-11-13", Colour::Yellow, 6),
                upd("2026-10-30", Colour::Green),
                upd_r("2026-11-06", Colour::Yellow, 6),
            ],
        )],
        vec![],
    );
    let status = status_of(&p);
    assert_eq!(status.colour_since, Some(d("2026-11-06")));
    assert_eq!(status.effective, Some(Colour::Red));
}

#[test]
fn the_status_date_decides_what_is_stale() {
    let p = program(vec![stale_checkout()], vec![]);
    assert_eq!(
        status_at(&p, d("2026-11-19")).effective,
        Some(Colour::Yellow)
    );
    assert_eq!(status_at(&p, d("2026-11-20")).effective, Some(Colour::Red));
}

// ---------------------------------------------------------------------------------------
// Update, review, owner and date flags

#[test]
fn update_due_after_seven_days() {
    let week_old = program(
        vec![item("PAY-1", "API", vec![upd("2026-11-13", Colour::Green)])],
        vec![],
    );
    assert!(!status_of(&week_old).update_due);
    let eight_days_old = program(
        vec![item("PAY-1", "API", vec![upd("2026-11-12", Colour::Green)])],
        vec![],
    );
    assert!(status_of(&eight_days_old).update_due);
    let never = program(vec![item("PAY-1", "API", vec![])], vec![]);
    assert!(status_of(&never).update_due);
}

#[test]
fn review_due_after_seven_days_and_cleared_by_review() {
    let mut dep = dependency("VEND-1", vec![]);
    dep.reviewed = Some(d("2026-11-12"));
    let mut p = program(vec![], vec![dep]);
    assert!(status_of(&p).review_due);

    mark_reviewed(&mut p, "VEND-1", as_of()).expect("VEND-1 is in the register");
    assert!(!status_of(&p).review_due);

    p.dependencies[0].reviewed = Some(d("2026-11-13"));
    assert!(!status_of(&p).review_due, "seven days is still this week");

    p.dependencies[0].reviewed = None;
    assert!(status_of(&p).review_due, "never reviewed");

    p.dependencies[0].delivered = Some(d("2026-11-16"));
    assert!(!status_of(&p).review_due, "delivered: nothing to review");
}

#[test]
fn items_are_never_due_for_review() {
    let p = program(vec![item("PAY-1", "API", vec![])], vec![]);
    assert!(!status_of(&p).review_due);
}

#[test]
fn missing_owner_is_flagged() {
    let mut no_owner = item("PAY-1", "API", vec![]);
    no_owner.owner = None;
    let mut blank_owner = item("PAY-2", "Checkout", vec![]);
    blank_owner.owner = Some("  ".to_string());
    let owned = item("PAY-3", "Refunds", vec![]);
    let mut dep = dependency("VEND-1", vec![]);
    dep.owner = None;
    let p = program(vec![no_owner, blank_owner, owned], vec![dep]);
    let flags: Vec<(String, bool)> = statuses(&p, &schedule_of(&p), as_of())
        .into_iter()
        .map(|s| (s.id, s.missing_owner))
        .collect();
    assert_eq!(
        flags,
        vec![
            ("PAY-1".to_string(), true),
            ("PAY-2".to_string(), true),
            ("PAY-3".to_string(), false),
            ("VEND-1".to_string(), true),
        ]
    );
}

#[test]
fn missing_date_is_flagged_only_without_any_date() {
    let mut scheduled = item("PAY-1", "API", vec![]);
    scheduled.due = None;
    let mut unscheduled = item("PAY-2", "Checkout", vec![]);
    unscheduled.due = None;
    let mut dep = dependency("VEND-1", vec![]);
    dep.due = None;
    let p = program(vec![scheduled, unscheduled], vec![dep]);
    let mut schedule = schedule_of(&p);
    node(&mut schedule, "PAY-2").scheduled = false;
    let all = statuses(&p, &schedule, as_of());
    assert!(!all[0].missing_date, "the schedule gives it dates");
    assert!(all[1].missing_date, "on a cycle: no dates at all");
    assert!(all[2].missing_date, "a dependency needs a due date");
}

#[test]
fn statuses_list_items_then_dependencies_in_file_order() {
    let p = program(
        vec![item("B", "b", vec![]), item("A", "a", vec![])],
        vec![dependency("Z", vec![]), dependency("Y", vec![])],
    );
    let ids: Vec<String> = statuses(&p, &schedule_of(&p), as_of())
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, vec!["B", "A", "Z", "Y"]);
}

// ---------------------------------------------------------------------------------------
// Suggested colour

#[test]
fn suggested_colour_follows_float_to_target() {
    let p = program(vec![item("PAY-1", "API", vec![])], vec![]);
    let suggested = |float_to_target: i64| {
        let mut schedule = schedule_of(&p);
        node(&mut schedule, "PAY-1").float_to_target = float_to_target;
        statuses(&p, &schedule, as_of())[0].suggested
    };
    assert_eq!(suggested(-1), Some(Colour::Red), "negative float to target");
    assert_eq!(suggested(0), Some(Colour::Yellow));
    assert_eq!(
        suggested(5),
        Some(Colour::Yellow),
        "within near_critical_days"
    );
    assert_eq!(suggested(6), Some(Colour::Green));
}

#[test]
fn a_forecast_past_its_own_due_suggests_yellow() {
    let mut late = item("PAY-1", "API", vec![]);
    late.due = Some(d("2026-12-01"));
    let p = program(vec![late], vec![]);
    // The hand-made schedule finishes it on 4 Dec 2026.
    assert_eq!(status_of(&p).suggested, Some(Colour::Yellow));
}

#[test]
fn nothing_is_suggested_for_done_or_unscheduled_work() {
    let mut finished = item("PAY-1", "API", vec![]);
    finished.finished = Some(d("2026-11-02"));
    let p = program(vec![finished, item("PAY-2", "Checkout", vec![])], vec![]);
    let mut schedule = schedule_of(&p);
    schedule.index.remove("PAY-2");
    let all = statuses(&p, &schedule, as_of());
    assert_eq!(all[0].suggested, None);
    assert_eq!(all[1].suggested, None);
}

// ---------------------------------------------------------------------------------------
// Risks

#[test]
fn escalate_now_needs_critical_and_trigger_within_window() {
    let mut p = program(
        vec![
            item("PAY-7", "Checkout UI", vec![]),
            item("PAY-8", "Docs", vec![]),
        ],
        vec![],
    );
    p.risks = vec![
        risk("R-14", "PAY-7", plus(as_of(), 14), RiskState::Open).into(),
        risk("R-15", "PAY-7", plus(as_of(), 15), RiskState::Open).into(),
        risk("R-0", "PAY-7", as_of(), RiskState::Open).into(),
        risk("R-off-path", "PAY-8", plus(as_of(), 3), RiskState::Open).into(),
        risk("R-closed", "PAY-7", plus(as_of(), 3), RiskState::Closed).into(),
        risk(
            "R-mitigated",
            "PAY-7",
            plus(as_of(), 3),
            RiskState::Mitigated,
        )
        .into(),
        risk(
            "R-escalated",
            "PAY-7",
            plus(as_of(), 3),
            RiskState::Escalated,
        )
        .into(),
    ];
    let mut schedule = schedule_of(&p);
    make_critical(&mut schedule, "PAY-7");
    let findings = risk_findings(&p, &schedule, as_of());
    let escalate: Vec<(&str, bool)> = findings
        .iter()
        .map(|f| (f.id.as_str(), f.escalate_now))
        .collect();
    assert_eq!(
        escalate,
        vec![
            ("R-14", true),
            ("R-15", false),
            ("R-0", true),
            ("R-off-path", false),
            ("R-closed", false),
            ("R-mitigated", false),
            ("R-escalated", false),
        ]
    );
    assert_eq!(findings[0].days_to_trigger, Some(14));
    assert!(findings[0].affects_critical);
    assert!(!findings[3].affects_critical);

    // Near-critical counts as much as critical.
    make_near_critical(&mut schedule, "PAY-8");
    assert!(risk_findings(&p, &schedule, as_of())[3].escalate_now);
}

#[test]
fn passed_trigger_makes_a_blocker() {
    let mut p = program(vec![item("PAY-7", "Checkout UI", vec![])], vec![]);
    let yesterday = d("2026-11-19");
    p.risks = vec![
        risk("R-open", "PAY-7", yesterday, RiskState::Open).into(),
        risk("R-escalated", "PAY-7", yesterday, RiskState::Escalated).into(),
        risk("R-mitigated", "PAY-7", yesterday, RiskState::Mitigated).into(),
        risk("R-today", "PAY-7", as_of(), RiskState::Open).into(),
    ];
    let findings = risk_findings(&p, &schedule_of(&p), as_of());
    let blockers: Vec<bool> = findings.iter().map(|f| f.blocker).collect();
    assert_eq!(blockers, vec![true, true, false, false]);
    assert_eq!(findings[0].days_to_trigger, Some(-1));
    assert!(
        !findings[0].escalate_now,
        "past the window: a blocker instead"
    );
}

#[test]
fn a_risk_without_a_trigger_is_neither_escalated_nor_a_blocker() {
    let mut p = program(vec![item("PAY-7", "Checkout UI", vec![])], vec![]);
    let mut open = risk("R-1", "PAY-7", as_of(), RiskState::Open);
    open.trigger = None;
    p.risks = vec![open.into()];
    let mut schedule = schedule_of(&p);
    make_critical(&mut schedule, "PAY-7");
    let finding = &risk_findings(&p, &schedule, as_of())[0];
    assert_eq!(finding.days_to_trigger, None);
    assert!(!finding.escalate_now && !finding.blocker);
}

// ---------------------------------------------------------------------------------------
// Program colour

#[test]
fn a_critical_item_effectively_red_makes_the_program_red() {
    let p = program(vec![stale_checkout()], vec![]);
    let mut schedule = schedule_of(&p);
    make_critical(&mut schedule, "PAY-7");
    let colour = colour_of(&p, &schedule, Some(0.95));
    assert_eq!(colour.computed, Colour::Red);
    assert_eq!(colour.colour, Colour::Red);
    assert_eq!(
        colour.reasons,
        vec![
            "PAY-7 Checkout UI is Red on the critical path (Yellow since 6 Nov 2026 (14 days) without movement)"
        ]
    );
}

#[test]
fn a_critical_dependency_reported_red_makes_the_program_red() {
    let p = program(
        vec![],
        vec![dependency("VEND-1", vec![upd("2026-11-13", Colour::Red)])],
    );
    let mut schedule = schedule_of(&p);
    make_critical(&mut schedule, "VEND-1");
    let colour = colour_of(&p, &schedule, None);
    assert_eq!(colour.computed, Colour::Red);
    assert_eq!(
        colour.reasons,
        vec!["VEND-1 Vendor payments API v3 is Red on the critical path"]
    );
}

#[test]
fn a_forecast_after_the_target_makes_the_program_red() {
    let p = program(vec![item("PAY-1", "API", vec![])], vec![]);
    let mut schedule = schedule_of(&p);
    schedule.forecast_finish = d("2027-01-29");
    schedule.slack_to_target = -10;
    let colour = colour_of(&p, &schedule, None);
    assert_eq!(colour.computed, Colour::Red);
    assert_eq!(
        colour.reasons,
        vec!["Forecast finish 29 Jan 2027 is 10 working days after the target 15 Jan 2027"]
    );
}

#[test]
fn a_decision_past_its_needed_by_date_makes_the_program_red() {
    let mut p = program(vec![item("PAY-1", "API", vec![])], vec![]);
    let decision = |needed_by: &str, decided: Option<&str>| Decision {
        uid: String::new(),
        id: "D-1".to_string(),
        question: "Legacy fallback or escalate to the vendor?".to_string(),
        options: Vec::new(),
        recommendation: None,
        needed_by: Some(d(needed_by)),
        from: Some("VP Engineering".to_string()),
        decided: decided.map(d),
        outcome: None,
    };
    let schedule = schedule_of(&p);

    p.decisions = vec![decision("2026-11-19", None).into()];
    let colour = colour_of(&p, &schedule, None);
    assert_eq!(colour.computed, Colour::Red);
    assert_eq!(
        colour.reasons,
        vec!["Decision D-1 was needed from VP Engineering by 19 Nov 2026"]
    );

    p.decisions = vec![decision("2026-11-20", None).into()];
    assert_eq!(
        colour_of(&p, &schedule, None).computed,
        Colour::Green,
        "due today"
    );

    p.decisions = vec![decision("2026-11-19", Some("2026-11-18")).into()];
    assert_eq!(
        colour_of(&p, &schedule, None).computed,
        Colour::Green,
        "decided"
    );
}

#[test]
fn a_critical_item_yellow_makes_the_program_yellow() {
    let p = program(
        vec![item(
            "PAY-7",
            "Checkout UI",
            vec![upd("2026-11-13", Colour::Yellow)],
        )],
        vec![],
    );
    let mut schedule = schedule_of(&p);
    make_critical(&mut schedule, "PAY-7");
    let colour = colour_of(&p, &schedule, None);
    assert_eq!(colour.computed, Colour::Yellow);
    assert_eq!(
        colour.reasons,
        vec!["PAY-7 Checkout UI is Yellow on the critical path"]
    );
}

#[test]
fn a_near_critical_item_red_makes_the_program_yellow_not_red() {
    let p = program(
        vec![item(
            "PAY-7",
            "Checkout UI",
            vec![upd("2026-11-13", Colour::Red)],
        )],
        vec![],
    );
    let mut schedule = schedule_of(&p);
    make_near_critical(&mut schedule, "PAY-7");
    let colour = colour_of(&p, &schedule, None);
    assert_eq!(colour.computed, Colour::Yellow);
    assert_eq!(
        colour.reasons,
        vec!["PAY-7 Checkout UI is Red and near-critical (3 working days of float)"]
    );
}

#[test]
fn red_work_off_the_critical_path_leaves_the_program_green() {
    let p = program(
        vec![item("PAY-8", "Docs", vec![upd("2026-11-13", Colour::Red)])],
        vec![],
    );
    assert_eq!(
        colour_of(&p, &schedule_of(&p), None).computed,
        Colour::Green
    );
}

#[test]
fn low_date_confidence_makes_the_program_yellow() {
    let p = program(vec![item("PAY-1", "API", vec![])], vec![]);
    let schedule = schedule_of(&p);
    let colour = colour_of(&p, &schedule, Some(0.72));
    assert_eq!(colour.computed, Colour::Yellow);
    assert_eq!(colour.reasons, vec!["Date confidence 72 % is below 80 %"]);
    assert_eq!(colour_of(&p, &schedule, Some(0.8)).computed, Colour::Green);
    assert_eq!(
        colour_of(&p, &schedule, None).computed,
        Colour::Green,
        "not known yet"
    );
}

#[test]
fn an_escalate_now_risk_makes_the_program_yellow() {
    let mut p = program(vec![item("PAY-7", "Checkout UI", vec![])], vec![]);
    p.risks = vec![risk("R-1", "PAY-7", d("2026-12-04"), RiskState::Open).into()];
    let mut schedule = schedule_of(&p);
    make_critical(&mut schedule, "PAY-7");
    let colour = colour_of(&p, &schedule, None);
    assert_eq!(colour.computed, Colour::Yellow);
    assert_eq!(
        colour.reasons,
        vec!["R-1 must be escalated now: trigger 4 Dec 2026"]
    );
}

#[test]
fn red_reasons_outrank_yellow_ones() {
    let p = program(vec![stale_checkout()], vec![]);
    let mut schedule = schedule_of(&p);
    make_critical(&mut schedule, "PAY-7");
    schedule.forecast_finish = d("2027-01-18");
    schedule.slack_to_target = -1;
    let colour = colour_of(&p, &schedule, Some(0.3));
    assert_eq!(colour.computed, Colour::Red);
    assert_eq!(colour.reasons.len(), 2);
    assert_eq!(
        colour.reasons[1],
        "Forecast finish 18 Jan 2027 is 1 working day after the target 15 Jan 2027"
    );
}

#[test]
fn a_healthy_program_is_green_and_says_why() {
    let p = program(
        vec![item(
            "PAY-7",
            "Checkout UI",
            vec![upd("2026-11-13", Colour::Green)],
        )],
        vec![],
    );
    let mut schedule = schedule_of(&p);
    make_critical(&mut schedule, "PAY-7");
    let colour = colour_of(&p, &schedule, Some(0.91));
    assert_eq!(colour.computed, Colour::Green);
    assert_eq!(colour.colour, Colour::Green);
    assert!(!colour.overridden);
    assert_eq!(
        colour.reasons,
        vec!["No critical work is Yellow or Red; finish 8 Jan 2027 is 5 working days before the target"]
    );
}

#[test]
fn an_override_with_a_reason_is_shown_as_an_override() {
    let mut p = program(vec![item("PAY-1", "API", vec![])], vec![]);
    p.summary.colour = Some(Colour::Yellow);
    p.summary.colour_reason = Some("Vendor contract not signed yet".to_string());
    let colour = colour_of(&p, &schedule_of(&p), None);
    assert_eq!(colour.colour, Colour::Yellow);
    assert_eq!(colour.computed, Colour::Green);
    assert!(colour.overridden);
    assert_eq!(
        colour.override_reason.as_deref(),
        Some("Vendor contract not signed yet")
    );
}

#[test]
fn an_override_without_a_reason_is_ignored() {
    let mut p = program(vec![item("PAY-1", "API", vec![])], vec![]);
    p.summary.colour = Some(Colour::Red);
    for reason in [None, Some("   ".to_string())] {
        p.summary.colour_reason = reason;
        let colour = colour_of(&p, &schedule_of(&p), None);
        assert_eq!(colour.colour, Colour::Green);
        assert!(!colour.overridden);
        assert_eq!(colour.override_reason, None);
    }
}

// ---------------------------------------------------------------------------------------
// History strip

#[test]
fn history_has_one_cell_per_week_with_its_latest_update() {
    let updates = vec![
        upd("2026-11-03", Colour::Green),
        upd("2026-11-06", Colour::Yellow), // later in the same week: this one counts
        upd("2026-11-20", Colour::Red),
        upd("2026-10-26", Colour::Green), // a Monday
        upd("2026-11-27", Colour::Green), // after the status date: ignored
    ];
    let cells = history(&updates, as_of(), 5, d("2020-01-06"));
    let strip: Vec<(NaiveDate, Option<Colour>)> =
        cells.iter().map(|c| (c.week_start, c.colour)).collect();
    assert_eq!(
        strip,
        vec![
            (d("2026-10-19"), None),
            (d("2026-10-26"), Some(Colour::Green)),
            (d("2026-11-02"), Some(Colour::Yellow)),
            (d("2026-11-09"), None),
            (d("2026-11-16"), Some(Colour::Red)),
        ]
    );
}

#[test]
fn a_sunday_status_date_belongs_to_the_week_before_it() {
    let cells = history(
        &[upd("2026-11-22", Colour::Green)],
        d("2026-11-22"),
        1,
        d("2020-01-06"),
    );
    assert_eq!(cells[0].week_start, d("2026-11-16"));
    assert_eq!(cells[0].colour, Some(Colour::Green));
    assert!(history(&[], as_of(), 0, d("2020-01-06")).is_empty());
    // Weeks that ended before the program started are not history: a program started on
    // Wednesday 11 Nov shows the week of 9 Nov and after, not five weeks of "no update".
    let cells = history(&[], d("2026-11-20"), 5, d("2026-11-11"));
    let starts: Vec<String> = cells.iter().map(|c| c.week_start.to_string()).collect();
    assert_eq!(starts, vec!["2026-11-09", "2026-11-16"]);
}

// ---------------------------------------------------------------------------------------
// Properties over random update sequences

fn arb_colour() -> impl Strategy<Value = Colour> {
    prop_oneof![Just(Colour::Green), Just(Colour::Yellow), Just(Colour::Red)]
}

/// Up to a dozen updates in the 60 days before the status date, in any order.
fn arb_updates() -> impl Strategy<Value = Vec<StatusUpdate>> {
    prop::collection::vec((0u64..60, arb_colour(), prop::option::of(0u32..10)), 0..12).prop_map(
        |raw| {
            raw.into_iter()
                .map(|(back, colour, remaining)| StatusUpdate {
                    date: as_of()
                        .checked_sub_days(Days::new(back))
                        .expect("date in range"),
                    colour,
                    note: None,
                    by: None,
                    remaining,
                })
                .collect()
        },
    )
}

fn arb_item() -> impl Strategy<Value = Item> {
    (
        arb_updates(),
        prop::option::of(0u64..60),
        prop::option::of(0u32..10),
    )
        .prop_map(|(updates, started_back, remaining)| {
            let mut checkout = item("PAY-7", "Checkout UI", updates);
            checkout.started = started_back.and_then(|b| as_of().checked_sub_days(Days::new(b)));
            checkout.remaining = remaining;
            checkout
        })
}

proptest! {
    #[test]
    fn effective_is_red_whenever_reported_is_red(checkout in arb_item()) {
        let status = status_of(&program(vec![checkout], vec![]));
        if status.reported == Some(Colour::Red) {
            prop_assert_eq!(status.effective, Some(Colour::Red));
        }
    }

    #[test]
    fn only_a_stale_yellow_is_turned_red_and_it_says_why(checkout in arb_item()) {
        let status = status_of(&program(vec![checkout], vec![]));
        if status.effective != status.reported {
            prop_assert_eq!(status.reported, Some(Colour::Yellow));
            prop_assert_eq!(status.effective, Some(Colour::Red));
            let days = status.days_in_colour.unwrap_or_default();
            prop_assert!(days >= 14);
            let reason = status.auto_red_reason.unwrap_or_default();
            let said = format!("({days} days) without movement");
            prop_assert!(reason.ends_with(&said), "{}", reason);
        } else {
            prop_assert!(status.auto_red_reason.is_none());
        }
    }

    #[test]
    fn an_update_after_the_status_date_changes_nothing(
        checkout in arb_item(),
        later in 1u64..30,
        colour in arb_colour(),
        remaining in prop::option::of(0u32..10),
    ) {
        let before = program(vec![checkout.clone()], vec![]);
        let mut with_later = checkout;
        with_later.status.push(StatusUpdate {
            date: plus(as_of(), later),
            colour,
            note: None,
            by: None,
            remaining,
        });
        let after = program(vec![with_later.clone()], vec![]);
        prop_assert_eq!(status_of(&before), status_of(&after));
        prop_assert_eq!(
            history(&before.items[0].status, as_of(), 8, d("2020-01-06")),
            history(&with_later.status, as_of(), 8, d("2020-01-06"))
        );
    }

    #[test]
    fn the_program_is_never_green_while_critical_work_is_effectively_red(
        checkout in arb_item(),
        confidence in prop::option::of(0.0f64..1.0),
        override_reason in prop::option::of("[a-z ]{0,8}"),
    ) {
        let mut p = program(vec![checkout], vec![]);
        p.summary.colour = Some(Colour::Green);
        p.summary.colour_reason = override_reason;
        let mut schedule = schedule_of(&p);
        make_critical(&mut schedule, "PAY-7");
        let all = statuses(&p, &schedule, as_of());
        let colour = program_colour(
            &p,
            &schedule,
            &Finish::of(&p, &schedule, as_of()),
            &all,
            &[],
            confidence,
            as_of(),
        );
        if all[0].effective == Some(Colour::Red) {
            prop_assert_eq!(colour.computed, Colour::Red);
            prop_assert!(colour.colour == Colour::Red || colour.overridden);
        }
        if colour.computed == Colour::Green {
            prop_assert!(all[0].effective != Some(Colour::Red));
        }
    }
}

// ---------------------------------------------------------------------------------------
// tests/fixtures/spec-example.json, a week after its status date

#[test]
fn the_spec_example_a_week_later() {
    let text = include_str!("fixtures/spec-example.json");
    let p = throughline::model::read_program(text)
        .expect("the spec example is valid")
        .program;
    let week_later = d("2026-11-27");
    let mut schedule = schedule_of(&p);
    make_critical(&mut schedule, "PAY-7");
    make_critical(&mut schedule, "PAY-1");

    let all = statuses(&p, &schedule, week_later);
    let pay1 = &all[1];
    assert_eq!(pay1.id, "PAY-1");
    // Yellow for 14 days, but its remaining went from 6 to 4: that is movement.
    assert_eq!(pay1.days_in_colour, Some(14));
    assert_eq!(pay1.effective, Some(Colour::Yellow));
    assert!(pay1.update_due);
    let vend1 = &all[3];
    assert_eq!((vend1.id.as_str(), vend1.reported), ("VEND-1", None));
    assert!(vend1.review_due);

    let risks = risk_findings(&p, &schedule, week_later);
    assert!(
        risks[0].escalate_now,
        "R-1 triggers in 14 days on the critical path"
    );
    let colour = program_colour(
        &p,
        &schedule,
        &Finish::of(&p, &schedule, week_later),
        &all,
        &risks,
        Some(0.72),
        week_later,
    );
    assert_eq!(colour.computed, Colour::Red);
    assert_eq!(
        colour.reasons,
        vec!["Decision D-1 was needed from VP Engineering by 26 Nov 2026"]
    );
}

#[test]
fn the_register_lists_escalate_now_then_blockers_then_open_then_the_rest() {
    use throughline::engine::status::{register_order, RiskFinding};
    let finding =
        |id: &str, escalate_now: bool, blocker: bool, trigger: Option<&str>| RiskFinding {
            id: id.to_string(),
            escalate_now,
            blocker,
            affects_critical: escalate_now,
            trigger: trigger.map(d),
            days_to_trigger: None,
        };
    let mut program = Program::new("Order", d("2026-11-02"));
    for (id, state) in [
        ("CLOSED", RiskState::Closed),
        ("OPEN-LATE", RiskState::Open),
        ("OPEN-SOON", RiskState::Open),
        ("BLOCKER", RiskState::Escalated),
        ("NOW", RiskState::Open),
    ] {
        program.risks.push(
            Risk {
                uid: String::new(),
                id: id.into(),
                title: id.into(),
                owner: None,
                level: Default::default(),
                affects: Vec::new(),
                trigger: None,
                options: Vec::new(),
                state,
                decision: None,
            }
            .into(),
        );
    }
    let findings = vec![
        finding("CLOSED", false, false, Some("2026-11-01")),
        finding("OPEN-LATE", false, false, None),
        finding("OPEN-SOON", false, false, Some("2026-12-20")),
        finding("BLOCKER", false, true, Some("2026-11-18")),
        finding("NOW", true, false, Some("2026-12-01")),
    ];
    let order: Vec<&str> = register_order(&program, &findings)
        .into_iter()
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        order,
        vec!["NOW", "BLOCKER", "OPEN-SOON", "OPEN-LATE", "CLOSED"]
    );
}

#[test]
fn an_item_its_tracker_no_longer_lists_is_flagged_for_the_weekly_review() {
    use throughline::engine::cockpit::Cockpit;
    let mut program = throughline::model::example_program();
    let item = program
        .items
        .iter_mut()
        .find(|i| i.id == "PAY-107")
        .unwrap();
    let source = item.source.as_mut().unwrap();
    source.missing = Some("2026-11-18T09:00:00Z".parse().unwrap());
    let cockpit = Cockpit::compute(&program, d("2026-11-20"), None);
    let status = cockpit.basis.status("PAY-107").unwrap();
    assert_eq!(
        status.gone_from_source,
        Some(("Jira".to_string(), d("2026-11-18")))
    );
    let review = cockpit.summary.needs_review.join("\n");
    assert!(
        review.contains("(PAY-107): no status update yet; no longer in Jira since 18 Nov"),
        "{review}"
    );
}

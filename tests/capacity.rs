//! Team capacity (issue 23): the playbook's own example computed by hand, and the levelled
//! schedule's behaviours — waits named, problems with their numbers, the stored order
//! decoded again, the search deterministic and never worse.

use chrono::NaiveDate;
use throughline::engine::capacity::{
    capacity_risks, capacity_to_hold, improve_levelling, launch_capacity_risks, level,
    levelled_schedule, load, preview_levelling, CapacityProblem, HoldOutcome,
};
use throughline::engine::forecast::{forecast, ForecastRun};
use throughline::engine::schedule::schedule;
use throughline::model::{read_program, Program};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn read(text: &str) -> Program {
    read_program(text).expect("valid program").program
}

/// Identity (team `auth`, lead Kim Ito): 5 people, 60 % from Monday 18 Jan 2027 — 3
/// people. Mon–Fri, no holidays; status date Monday 11 Jan.
///
/// - AUTH-3 (2 people of Identity, 20 days) started Mon 4 Jan: in progress, it runs
///   4 Jan – Fri 29 Jan (weeks of 4, 11, 18 and 25 Jan) and holds its 2 people.
/// - WEB-1 (Web, no `people`: unconstrained, 10 days) started 4 Jan: 5 days done by the
///   11th, 5 left, it finishes Fri 15 Jan.
/// - AUTH-5 "SSO API" (2 people of Identity, 10 days) after WEB-1, due Fri 29 Jan.
///   Unlevelled: Mon 18 – Fri 29 Jan, just on time. Levelled: from the 18th Identity has
///   3 people and AUTH-3 holds 2, so 1 is free and AUTH-5 needs 2; AUTH-3 frees its
///   people after Fri 29 Jan, so AUTH-5 starts Mon 1 Feb and lands Fri 12 Feb (10
///   working days: 1–5 and 8–12 Feb), 10 working days past its due.
/// - WEB-2 (Web, 10 days) after AUTH-5: unlevelled 1 – 12 Feb, levelled 15 – 26 Feb.
/// - LAUNCH, a milestone after WEB-2 and AUTH-3: unlevelled at the end of Fri 12 Feb (the
///   target), levelled Fri 26 Feb: the program slips 10 working days.
///
/// At 80 % (4 of 5 people) from the 18th, 2 are free beside AUTH-3 and AUTH-5 runs 18 –
/// 29 Jan again: the date holds. At 3 (60 %) it does not, so 4 is the smallest.
const PLAYBOOK: &str = r#"{
  "format": "throughline/2", "name": "SSO launch", "start": "2027-01-04", "target": "2027-02-12",
  "status_date": "2027-01-11",
  "teams": [ { "id": "auth", "name": "Identity", "lead": "Kim Ito", "people": 5,
               "availability": [ { "from": "2027-01-18", "percent": 60, "note": "on-call + hiring freeze" } ] },
             { "id": "web", "name": "Web", "lead": "Leo Martin" } ],
  "items": [
    { "id": "AUTH-3", "title": "Token service", "team": "auth", "days": 20, "needs": { "auth": 2 },
      "started": "2027-01-04" },
    { "id": "WEB-1", "title": "Login page", "team": "web", "days": 10, "started": "2027-01-04" },
    { "id": "AUTH-5", "title": "SSO API", "team": "auth", "days": 10, "needs": { "auth": 2 },
      "after": [ { "id": "WEB-1" } ], "due": "2027-01-29" },
    { "id": "WEB-2", "title": "SSO in the dashboard", "team": "web", "days": 10,
      "after": [ { "id": "AUTH-5" } ] },
    { "id": "LAUNCH", "title": "Launch", "kind": "milestone",
      "after": [ { "id": "WEB-2" }, { "id": "AUTH-3" } ] }
  ]
}"#;

#[test]
fn the_playbook_example_lands_late_and_names_what_held_it() {
    let program = read(PLAYBOOK);
    let as_of = d("2027-01-11");
    let unlevelled = schedule(&program, as_of);
    let auth5 = unlevelled.node("AUTH-5").unwrap();
    assert_eq!(
        (auth5.early_start, auth5.early_finish),
        (d("2027-01-18"), d("2027-01-29"))
    );
    assert_eq!(unlevelled.forecast_finish, d("2027-02-12"));

    let levelled = level(&program, as_of);
    assert!(levelled.constrained);
    assert!(levelled.problems.is_empty(), "{:?}", levelled.problems);
    let s = &levelled.schedule;
    let dates = |id: &str| {
        let n = s.node(id).unwrap();
        (n.early_start, n.early_finish)
    };
    assert_eq!(dates("AUTH-3"), (d("2027-01-04"), d("2027-01-29")));
    assert_eq!(dates("AUTH-5"), (d("2027-02-01"), d("2027-02-12")));
    assert_eq!(dates("WEB-2"), (d("2027-02-15"), d("2027-02-26")));
    assert_eq!(dates("LAUNCH"), (d("2027-02-26"), d("2027-02-26")));
    assert_eq!(s.forecast_finish, d("2027-02-26"));
    assert_eq!(s.slack_to_target, -10);
    // The wait is a link of its own: AUTH-3 holds Identity's people.
    assert_eq!(levelled.waits.len(), 1);
    let wait = &levelled.waits[0];
    assert_eq!(wait.item, "AUTH-5");
    assert_eq!(wait.teams, ["auth"]);
    assert_eq!(wait.holders, ["AUTH-3"]);
    assert_eq!(
        (wait.could_start, wait.starts, wait.days),
        (d("2027-01-18"), d("2027-02-01"), 10)
    );
    // The critical chain runs through the wait: AUTH-3 → AUTH-5 → WEB-2 → LAUNCH.
    assert_eq!(s.critical_path, ["AUTH-3", "AUTH-5", "WEB-2", "LAUNCH"]);
    assert_eq!(levelled_schedule(&program, as_of), levelled.schedule);
}

#[test]
fn the_playbook_risk_is_computed_with_the_capacity_that_holds_the_date() {
    let program = read(PLAYBOOK);
    let as_of = d("2027-01-11");
    let risks = capacity_risks(&program, as_of);
    let item = risks
        .iter()
        .find(|r| r.item.as_deref() == Some("AUTH-5"))
        .expect("AUTH-5 finding");
    assert_eq!(item.team, "auth");
    assert_eq!(item.team_name, "Identity");
    assert_eq!(item.lead.as_deref(), Some("Kim Ito"));
    let change = item.change.as_ref().expect("the availability change");
    assert_eq!((change.from, change.percent), (d("2027-01-18"), 60));
    assert_eq!(
        (item.finish, item.due, item.late_by),
        (d("2027-02-12"), d("2027-01-29"), 10)
    );
    assert_eq!(item.unlevelled_finish, d("2027-01-29"));
    assert_eq!(
        (item.program_finish, item.program_slip),
        (d("2027-02-26"), 10)
    );
    assert_eq!(item.past_target, 10);
    match &item.hold {
        HoldOutcome::Holds(hold) => {
            assert_eq!((hold.people, hold.percent), (4, 80));
            assert_eq!(hold.from, d("2027-01-18"));
        }
        other => panic!("expected a hold, got {other:?}"),
    }
    // The program's own finding: past its target by the same 10 working days.
    let launch = risks
        .iter()
        .find(|r| r.item.is_none())
        .expect("program finding");
    assert_eq!(
        (launch.finish, launch.due, launch.late_by),
        (d("2027-02-26"), d("2027-02-12"), 10)
    );
    assert!(matches!(&launch.hold, HoldOutcome::Holds(h) if h.people == 4));
    // Asked directly: 4 people from the 18th hold 29 Jan; no number holds 22 Jan, since
    // WEB-1 only finishes on the 15th and AUTH-5 takes 10 days whatever the team.
    assert!(matches!(
        capacity_to_hold(&program, as_of, "auth", Some("AUTH-5"), d("2027-01-29"), Some(d("2027-01-18"))),
        HoldOutcome::Holds(h) if h.people == 4 && h.percent == 80
    ));
    assert_eq!(
        capacity_to_hold(
            &program,
            as_of,
            "auth",
            Some("AUTH-5"),
            d("2027-01-22"),
            None
        ),
        HoldOutcome::Cannot {
            finish: d("2027-01-29"),
            other_teams: vec![]
        }
    );
    assert_eq!(
        capacity_to_hold(
            &program,
            as_of,
            "auth",
            Some("AUTH-5"),
            d("2027-02-12"),
            None
        ),
        HoldOutcome::AlreadyHolds
    );
}

#[test]
fn the_launchs_own_capacity_risks_are_those_of_all_the_risks_without_the_items_searches() {
    // The example with Payments at 2 people and 50 % from 30 Nov (capacity.spec's scenario).
    let mut example = throughline::model::example_program();
    let pay = example.teams.iter_mut().find(|t| t.id == "pay").unwrap();
    pay.people = Some(2);
    pay.availability = vec![throughline::model::Availability {
        from: d("2026-11-30"),
        percent: 50,
        note: None,
    }];
    for (program, as_of) in [
        (read(PLAYBOOK), d("2027-01-11")),
        (example.clone(), example.as_of(example.start)),
    ] {
        let all: Vec<_> = capacity_risks(&program, as_of)
            .into_iter()
            .filter(|r| r.item.is_none())
            .collect();
        assert!(!all.is_empty(), "{}: the launch is late", program.name);
        assert_eq!(launch_capacity_risks(&program, as_of), all);
    }
}

#[test]
fn the_playbook_load_reads_as_numbers() {
    let program = read(PLAYBOOK);
    let teams = load(&program, d("2027-01-11"));
    assert_eq!(teams.len(), 1, "only Identity has people");
    let identity = &teams[0];
    assert_eq!((identity.team.as_str(), identity.people), ("auth", 5));
    let week = |monday: &str| {
        identity
            .weeks
            .iter()
            .find(|w| w.monday == d(monday))
            .unwrap_or_else(|| panic!("week of {monday}"))
    };
    // Week of 11 Jan: 5 people; AUTH-3 asks 2 in both plans.
    let w = week("2027-01-11");
    assert_eq!(
        (w.working_days, w.capacity_people(), w.levelled_people()),
        (5, 5.0, 2.0)
    );
    // Week of 18 Jan: 3 people; unlevelled AUTH-3 and AUTH-5 ask 4 (133 %), levelled 2.
    let w = week("2027-01-18");
    assert_eq!((w.capacity_people(), w.unlevelled_people()), (3.0, 4.0));
    assert!((w.unlevelled_percent().unwrap() - 400.0 / 3.0).abs() < 1e-9);
    assert!(w.unlevelled_over() && !w.levelled_over());
    assert_eq!(w.levelled_people(), 2.0);
    // Week of 8 Feb: only levelled AUTH-5 runs.
    let w = week("2027-02-08");
    assert_eq!((w.unlevelled_people(), w.levelled_people()), (0.0, 2.0));
}

#[test]
fn without_capacity_data_the_levelled_schedule_is_the_critical_path_methods() {
    let mut program = read(PLAYBOOK);
    program.teams[0].people = None;
    let as_of = d("2027-01-11");
    let levelled = level(&program, as_of);
    assert!(!levelled.constrained);
    assert_eq!(levelled.schedule, schedule(&program, as_of));
    assert!(load(&program, as_of).is_empty());
    assert!(capacity_risks(&program, as_of).is_empty());
}

#[test]
fn an_item_needing_more_people_than_the_team_ever_has_is_named_with_both_numbers() {
    let text = PLAYBOOK.replace(
        r#""needs": { "auth": 2 },
      "after""#,
        r#""needs": { "auth": 7 },
      "after""#,
    );
    let program = read(&text);
    let levelled = level(&program, d("2027-01-11"));
    assert_eq!(
        levelled.problems,
        [CapacityProblem::MoreThanTheTeamHas {
            item: "AUTH-5".into(),
            team: "auth".into(),
            needs: 7,
            people: 5,
            percent: 60,
            most: 300,
        }]
    );
    assert_eq!(
        levelled.problems[0].to_string(),
        "AUTH-5 needs 7 people of auth, which has at most 3 (5 at 60 %)"
    );
    // Still scheduled, taking all the team has once AUTH-3 frees its people.
    let n = levelled.schedule.node("AUTH-5").unwrap();
    assert_eq!(
        (n.early_start, n.early_finish),
        (d("2027-02-01"), d("2027-02-12"))
    );
}

#[test]
fn the_stored_order_is_decoded_again_and_new_items_merge_by_the_default_rule() {
    // Two unstarted items of one person each on a team of one: who goes first is the order.
    let text = r#"{
      "format": "throughline/2", "name": "Order", "start": "2027-01-04", "target": "2027-03-01",
      "teams": [ { "id": "t", "name": "Team", "people": 1 } ],
      "items": [
        { "id": "A", "title": "A", "team": "t", "days": 5 },
        { "id": "B", "title": "B", "team": "t", "days": 3 }
      ]
    }"#;
    let mut program = read(text);
    let as_of = d("2027-01-04");
    // Default: both finish last (latest finish equal), so by id: A then B.
    let default = level(&program, as_of);
    assert_eq!(default.order, ["A", "B"]);
    assert_eq!(
        default.schedule.node("B").unwrap().early_start,
        d("2027-01-11")
    );
    program.levelling = Some(vec!["B".into(), "A".into()]);
    let stored = level(&program, as_of);
    assert_eq!(stored.order, ["B", "A"]);
    assert_eq!(
        stored.schedule.node("A").unwrap().early_start,
        d("2027-01-07")
    );
    assert_eq!(stored.waits[0].holders, ["B"]);
    // A new item C, not in the stored order, is merged in by the default rule; the stored
    // ones keep their order.
    let mut with_new = program.clone();
    let mut c = with_new.items[0].clone();
    c.id = "C".into();
    c.title = "C".into();
    with_new.items.push(c);
    let merged = level(&with_new, as_of);
    let pos = |id: &str| merged.order.iter().position(|x| x == id).unwrap();
    assert!(pos("B") < pos("A"), "{:?}", merged.order);
    assert_eq!(merged.order.len(), 3);
}

#[test]
fn improving_is_deterministic_for_a_seed_and_never_worse() {
    let program = read(PLAYBOOK);
    let as_of = d("2027-01-11");
    let a = improve_levelling(&program, as_of, 200, 7);
    let b = improve_levelling(&program, as_of, 200, 7);
    assert_eq!(a, b);
    let mut improved = program.clone();
    improved.levelling = Some(a);
    let before = levelled_schedule(&program, as_of).forecast_finish;
    let after = levelled_schedule(&improved, as_of).forecast_finish;
    assert!(after <= before, "{after} after, {before} before");
}

#[test]
fn date_confidence_is_the_levelled_one() {
    // Three-point estimates on the work still to start: the unlevelled plan finishes by
    // the target when nothing runs long; levelled, the wait for Identity pushes it past.
    let text = PLAYBOOK
        .replace(
            r#""days": 10, "needs": { "auth": 2 },"#,
            r#""days": 10, "low": 8, "high": 14, "needs": { "auth": 2 },"#,
        )
        .replace(
            r#""status_date": "2027-01-11","#,
            r#""status_date": "2027-01-11", "rules": { "iterations": 2000 },"#,
        );
    let program = read(&text);
    let as_of = d("2027-01-11");
    let levelled = forecast(&program, as_of);
    let mut unconstrained = program.clone();
    unconstrained.teams[0].people = None;
    let plain = forecast(&unconstrained, as_of);
    assert_eq!(levelled.iterations, 2000);
    // Unlevelled: AUTH-5 takes 8–14 days from 18 Jan, WEB-2 10 more: on time whenever
    // AUTH-5 takes at most its likely 10 days.
    assert!(plain.confidence > 0.2, "{}", plain.confidence);
    // Levelled: AUTH-5 cannot start before 1 Feb, so the launch is never before 24 Feb.
    assert_eq!(levelled.confidence, 0.0);
    assert!(levelled.p50 >= d("2027-02-24"), "{}", levelled.p50);
    assert!(
        levelled.p50 > plain.p95,
        "{} vs {}",
        levelled.p50,
        plain.p95
    );
}

#[test]
fn a_proposed_order_is_previewed_as_what_moves_by_how_much_and_why() {
    // Two items of one person each on a team of one: A (5 days) then B (3 days) by the
    // default rule; proposing B first moves B 5 working days earlier and A 3 later.
    let text = r#"{
      "format": "throughline/2", "name": "Order", "start": "2027-01-04", "target": "2027-03-01",
      "teams": [ { "id": "t", "name": "Team", "people": 1 } ],
      "items": [
        { "id": "A", "title": "A", "team": "t", "days": 5 },
        { "id": "B", "title": "B", "team": "t", "days": 3 }
      ]
    }"#;
    let program = read(text);
    let as_of = d("2027-01-04");
    let preview = preview_levelling(&program, as_of, &["B".to_string(), "A".to_string()]);
    assert_eq!(preview.order, ["B", "A"]);
    assert_eq!(
        (
            preview.finish_before,
            preview.finish_after,
            preview.finish_moves_by
        ),
        (d("2027-01-13"), d("2027-01-13"), 0)
    );
    let a = preview.moves.iter().find(|m| m.item == "A").unwrap();
    assert_eq!(
        (a.start_before, a.finish_before),
        (d("2027-01-04"), d("2027-01-08"))
    );
    assert_eq!(
        (a.start_after, a.finish_after, a.days),
        (d("2027-01-07"), d("2027-01-13"), 3)
    );
    assert_eq!(
        a.wait.as_ref().map(|w| w.holders.clone()),
        Some(vec!["B".to_string()])
    );
    let b = preview.moves.iter().find(|m| m.item == "B").unwrap();
    assert_eq!(
        (b.finish_before, b.finish_after, b.days),
        (d("2027-01-13"), d("2027-01-06"), -5)
    );
    assert!(b.wait.is_none());
    // The program itself is unchanged: accepting is the caller's edit.
    assert_eq!(program.levelling, None);
}

#[test]
fn the_levelled_forecast_is_the_same_however_it_is_sliced() {
    let text = PLAYBOOK
        .replace(r#""days": 10, "needs": { "auth": 2 },"#, r#""days": 10, "low": 6, "high": 16, "needs": { "auth": 2 },"#)
        .replace(r#""id": "WEB-2", "title": "SSO in the dashboard", "team": "web", "days": 10,"#, r#""id": "WEB-2", "title": "SSO in the dashboard", "team": "web", "days": 10, "low": 5, "high": 20,"#)
        .replace(r#""status_date": "2027-01-11","#, r#""status_date": "2027-01-11", "rules": { "iterations": 301 },"#);
    let program = read(&text);
    let as_of = d("2027-01-11");
    let whole = forecast(&program, as_of);
    let mut run = ForecastRun::new(&program, as_of);
    while !run.step(7) {}
    assert_eq!(run.result(), whole);
    assert!(whole.confidence < 1.0 && whole.p95 > whole.p50, "{whole:?}");
}

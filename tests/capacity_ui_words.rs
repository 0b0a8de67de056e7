//! The capacity scenario the browser test (tests/e2e/specs/capacity.spec.ts) plays on the
//! built-in example, pinned natively: Payments given 2 people and an availability drop to
//! 50 % from 30 Nov (typed as in the Teams list), the computed risks Risks & decisions shows
//! with their owner, and the over-allocated week of the load table.

use throughline::engine::capacity::words::{
    item_problems, levelled_words, move_words, needs_notice, past_target_section, risk_owner,
    risk_sentence, wait_words, week_words, with_capacity,
};
use throughline::engine::capacity::{
    capacity_risks, improve_levelling, level, load, preview_levelling, what_if_levelled,
};
use throughline::engine::cockpit::Cockpit;
use throughline::engine::publish::report;
use throughline::engine::schedule::what_if;
use throughline::io::markdown::{report_markdown, summary_markdown};
use throughline::model::edit::{accept_levelling, set_team_field, TeamField};
use throughline::model::example_program;

#[test]
fn payments_at_half_from_30_nov_makes_code_complete_late_and_says_who_owns_it() {
    let p = example_program();
    let as_of = p.as_of(p.start);
    assert!(
        capacity_risks(&p, as_of).is_empty(),
        "no capacity data, no risk"
    );
    let p = payments_at_half();
    let risks = capacity_risks(&p, as_of);
    let sentences: Vec<String> = risks.iter().map(|r| risk_sentence(&p, r, as_of)).collect();
    assert_eq!(
        sentences[0],
        "Payments at 50 % from 30 Nov (on-call): launch lands 18 Jan, past the target 15 Jan \
         (1 working day late); capacity moves it +9 working days. Holding 15 Jan needs \
         Payments at 100 % (2 of 2 people)."
    );
    assert!(sentences.contains(
        &"Payments at 50 % from 30 Nov (on-call): Code complete (PAY-109) lands 22 Dec, \
          needed by 11 Dec (7 working days late); launch +9 working days (18 Jan). Holding \
          11 Dec needs Payments at 100 % (2 of 2 people)."
            .to_string()
    ));
    assert!(risks
        .iter()
        .all(|r| risk_owner(r) == "Owner: Dana Wu (lead of Payments)"));

    let teams = load(&p, as_of);
    assert_eq!(teams.len(), 1);
    let over: Vec<_> = teams[0]
        .weeks
        .iter()
        .map(|w| week_words(w, as_of))
        .filter(|w| w.over)
        .collect();
    assert_eq!(over.len(), 1);
    assert_eq!(
        (
            over[0].week.as_str(),
            over[0].capacity.as_str(),
            over[0].unlevelled.as_str(),
            over[0].unlevelled_percent.as_str(),
            over[0].levelled.as_str(),
            over[0].levelled_percent.as_str()
        ),
        ("Week of 30 Nov", "1", "1.8", "180 % over", "0.8", "80 %")
    );
}

#[test]
fn capacity_past_the_target_is_in_the_summary_its_markdown_and_a_published_report() {
    let p = example_program();
    let as_of = p.as_of(p.start);
    assert_eq!(
        past_target_section(&p, as_of),
        None,
        "no people, no section"
    );
    let p = payments_at_half();
    let section = past_target_section(&p, as_of).expect("the launch moves past the target");
    assert_eq!(
        section.heading,
        "Capacity moves the launch past the target (computed)"
    );
    assert_eq!(
        section.lines.iter().map(|l| l.text()).collect::<Vec<_>>(),
        [
            "Payments at 50 % from 30 Nov (on-call): launch lands 18 Jan, past the target 15 Jan \
          (1 working day late); capacity moves it +9 working days. Holding 15 Jan needs \
          Payments at 100 % (2 of 2 people). Owner: Dana Wu (lead of Payments)."
        ]
    );
    let cockpit = Cockpit::compute(&p, as_of, None);
    let summary = with_capacity(&cockpit.summary, &p, as_of);
    assert_eq!(summary.sections[0], section);
    // The first paragraph says it too, third after the colour and the date, within 100
    // words.
    assert_eq!(
        summary.paragraph[2].text(),
        "Capacity sets the date: with Payments at 50 % from 30 Nov the launch lands 18 Jan instead of 5 Jan, past the 15 Jan target; negotiate capacity or de-scope."
    );
    assert_eq!(summary.paragraph[..2], cockpit.summary.paragraph[..2]);
    // The date the paragraph leads with is the levelled one (SPEC §4: with capacity data
    // the schedule is levelled), not the timeline's 5 Jan that the links alone give: the
    // answer to "will we hit the date?" agrees with the sentence after it, and the
    // program is Red for it, saying why.
    assert_eq!(
        summary.paragraph[0].text(),
        "Program is Red.",
        "{:?}",
        cockpit.colour.reasons
    );
    assert_eq!(
        summary.paragraph[1].text(),
        "We're forecasting 18 Jan 2027, 1 working day after the 15 Jan 2027 target, confidence being computed."
    );
    assert!(
        cockpit.colour.reasons.contains(
            &"Forecast finish 18 Jan 2027 is 1 working day after the target 15 Jan 2027 with the teams' capacity"
                .to_string()
        ),
        "{:?}",
        cockpit.colour.reasons
    );
    let chain = summary.sections.iter().find(|s| s.key == "chain").unwrap();
    assert_eq!(
        chain.lines.last().unwrap().text(),
        "Forecast finish 18 Jan 2027 against the 15 Jan 2027 target with the teams' capacity; the chain alone ends 5 Jan 2027."
    );
    assert_eq!(
        cockpit.basis.finish.words(p.target),
        "Finishes 18 Jan 2027, 1 working day after the target (15 Jan 2027), with the teams' capacity; 5 Jan 2027 without capacity limits, as the timeline shows."
    );
    assert_eq!(summary.forecast_finish, ymd(2027, 1, 18));
    assert!(summary.paragraph.iter().map(|s| s.words()).sum::<usize>() <= 100);
    let mut headlined = cockpit.summary.clone();
    headlined.headline_overridden = true;
    assert_eq!(
        with_capacity(&headlined, &p, as_of).paragraph,
        headlined.paragraph,
        "a headline the TPM wrote is never changed"
    );
    // The decision it asks of leadership, among the decisions needed, with its owner.
    let decisions = summary
        .sections
        .iter()
        .find(|s| s.key == "decisions")
        .unwrap();
    assert_eq!(
        decisions.lines.last().unwrap().text(),
        "Capacity: negotiate capacity with Payments or de-scope to hold 15 Jan (the launch lands 18 Jan) — owner Dana Wu, lead of Payments."
    );
    let plain = cockpit
        .summary
        .sections
        .iter()
        .find(|s| s.key == "decisions")
        .unwrap();
    assert_eq!(decisions.lines.len(), plain.lines.len() + 1);
    let md = summary_markdown(&p.name, &summary);
    assert!(
        md.contains("**Capacity sets the date:** with Payments"),
        "{md}"
    );
    assert!(
        md.contains(
            "## Capacity moves the launch past the target (computed)\n\n- Payments at 50 %"
        ),
        "{md}"
    );
    let r = report(&p, &cockpit);
    assert_eq!(r.paragraph, summary.paragraph);
    // The report's finish is the one its paragraph and confidence speak of.
    assert_eq!(r.finish, ymd(2027, 1, 18));
    assert_eq!(r.sections[0].heading, section.heading);
    assert_eq!(r.sections[0].lines, section.lines);
    assert!(report_markdown(&p.name, &r).contains("Owner: Dana Wu (lead of Payments)."));
    assert!(
        md.contains("**Capacity:** negotiate capacity with Payments or de-scope"),
        "{md}"
    );
}

/// The Payments scenario of the browser test.
fn payments_at_half() -> throughline::model::Program {
    let mut p = example_program();
    set_team_field(&mut p, "pay", TeamField::People, "2").unwrap();
    set_team_field(
        &mut p,
        "pay",
        TeamField::Availability,
        "2026-11-30 50% on-call",
    )
    .unwrap();
    p
}

#[test]
fn the_critical_path_view_says_why_items_wait_and_what_a_better_levelling_moves() {
    let p = payments_at_half();
    let as_of = p.as_of(p.start);
    let levelled = level(&p, as_of);
    let waits: Vec<String> = levelled
        .waits
        .iter()
        .map(|w| format!("{} {}", w.item, wait_words(&p, w, as_of)))
        .collect();
    assert_eq!(
        waits,
        [
            "PAY-107 waits 10 working days for Payments: Switch charges and refunds to Acme Pay v3 production (PAY-106) holds its people",
            "PAY-108 waits 10 working days for Payments: Payment webhooks: idempotency and replay (PAY-107) holds its people",
        ]
    );
    // The Critical path view's words for the levelled plan in force.
    let words = levelled_words(
        &p,
        as_of,
        Cockpit::compute(&p, as_of, None).schedule().forecast_finish,
    )
    .expect("constrained");
    assert_eq!(
        words.finish,
        "With the teams' people and availability the plan finishes 18 Jan 2027 (+9 working days \
         against the timeline's 5 Jan 2027, which has no capacity limits). Date confidence counts \
         capacity."
    );
    assert_eq!(
        words.waits[0],
        "Payment webhooks: idempotency and replay (PAY-107) waits 10 working days for Payments: \
         Switch charges and refunds to Acme Pay v3 production (PAY-106) holds its people."
    );
    assert_eq!(levelled_words(&example_program(), as_of, as_of), None);
    // People enough for the work: levelled, nothing waits, and the words say capacity does
    // not move the finish (not "0 working days against").
    let mut roomy = example_program();
    for team in roomy.teams.iter_mut() {
        team.people = Some(5);
    }
    let plain = Cockpit::compute(&roomy, as_of, None)
        .schedule()
        .forecast_finish;
    let words = levelled_words(&roomy, as_of, plain).expect("constrained");
    assert_eq!(
        words.finish,
        "With the teams' people and availability the plan finishes 5 Jan 2027, as the timeline \
         does without capacity limits: capacity does not move the finish. Date confidence \
         counts capacity."
    );
    assert!(words.waits.is_empty());
    // The worker's budget for 33 items (WORKER_WORK / items, at most 1,000) and the page's
    // seed: a better order brings the launch back before the 15 Jan target.
    let order = improve_levelling(&p, as_of, 1_000, 23);
    let preview = preview_levelling(&p, as_of, &order);
    assert_eq!(
        (
            preview.finish_before,
            preview.finish_after,
            preview.finish_moves_by
        ),
        (
            levelled.schedule.forecast_finish,
            chrono::NaiveDate::from_ymd_opt(2027, 1, 13).unwrap(),
            -3
        )
    );
    let moves: Vec<String> = preview
        .moves
        .iter()
        .map(|m| move_words(&p, m, as_of))
        .collect();
    assert_eq!(moves.len(), 12);
    assert_eq!(
        moves[0],
        "Switch charges and refunds to Acme Pay v3 production (PAY-106): 9 Dec → 14 Dec \
         (+3 working days); waits 3 working days for Payments: Payment webhooks: idempotency \
         and replay (PAY-107) holds its people."
    );
    assert!(moves.contains(&"GA launch (PAY-113): 18 Jan → 13 Jan (-3 working days).".to_string()));
    // Accepting stores the order; the schedule then decodes it, and proposing again from
    // there finds nothing better.
    let mut accepted = p.clone();
    accept_levelling(&mut accepted, preview.order.clone()).unwrap();
    assert_eq!(
        level(&accepted, as_of).schedule.forecast_finish,
        preview.finish_after
    );
    let again = preview_levelling(
        &accepted,
        as_of,
        &improve_levelling(&accepted, as_of, 1_000, 23),
    );
    assert!(again.finish_after <= preview.finish_after);
    // Back before the target, capacity still sets the date: the Summary says what the
    // people cost, since the links alone would finish 5 Jan.
    let cockpit = Cockpit::compute(&accepted, as_of, None);
    let summary = with_capacity(&cockpit.summary, &accepted, as_of);
    assert_eq!(
        summary.paragraph[1].text(),
        "We're tracking to 13 Jan 2027, 2 working days before the 15 Jan 2027 target, confidence being computed."
    );
    assert_eq!(
        summary.paragraph[2].text(),
        "Capacity sets the date: with the teams' people and availability the launch lands 13 Jan instead of 5 Jan, still before the 15 Jan target."
    );
    assert!(
        summary.sections.iter().all(|s| s.key != "capacity"),
        "no team's capacity moves it past the target: no computed section"
    );
    // Where capacity does not move the finish, nothing is said.
    let mut roomy = example_program();
    set_team_field(&mut roomy, "pay", TeamField::People, "10").unwrap();
    let cockpit = Cockpit::compute(&roomy, as_of, None);
    assert_eq!(
        with_capacity(&cockpit.summary, &roomy, as_of).paragraph,
        cockpit.summary.paragraph
    );
    assert!(accept_levelling(&mut accepted, vec!["NOPE-1".into()]).is_err());
}

#[test]
fn what_if_with_capacity_counts_the_people_a_slipping_task_holds() {
    let p = payments_at_half();
    let as_of = p.as_of(p.start);
    // Payment webhooks (PAY-107) has float on the timeline: 5 days late moves its finish
    // one working day. Levelled, it holds Payments' people, and Refunds (PAY-108) waits
    // for them, so the launch moves all 5.
    let plain = what_if(&p, as_of, "PAY-107", 5).unwrap();
    assert_eq!(
        (plain.old_finish, plain.new_finish, plain.finish_moves_by),
        (ymd(2027, 1, 5), ymd(2027, 1, 6), 1)
    );
    let levelled = what_if_levelled(&p, as_of, "PAY-107", 5).unwrap();
    assert_eq!(
        (
            levelled.old_finish,
            levelled.new_finish,
            levelled.finish_moves_by
        ),
        (ymd(2027, 1, 18), ymd(2027, 1, 25), 5)
    );
    assert!(levelled.moved.iter().any(|(id, _, _)| id == "PAY-108"));
    // And the other way: the Android 3-D Secure work (MOB-502) moves the timeline's
    // finish 3 days, but the levelled plan, later for Payments, has room for it.
    assert_eq!(what_if(&p, as_of, "MOB-502", 5).unwrap().finish_moves_by, 3);
    assert_eq!(
        what_if_levelled(&p, as_of, "MOB-502", 5)
            .unwrap()
            .finish_moves_by,
        0
    );
}

#[test]
fn critical_paths_first_line_gives_the_finish_the_program_answers_with() {
    use throughline::engine::cockpit::Finish;
    let p = example_program();
    let as_of = p.as_of(p.start);
    let words = |p: &throughline::model::Program| {
        Finish::of(p, &throughline::engine::schedule::schedule(p, as_of), as_of).words(p.target)
    };
    assert_eq!(
        words(&p),
        "Finishes 5 Jan 2027, 8 working days before the target (15 Jan 2027)."
    );
    // People enough for all the work: levelled, and it says capacity does not move it.
    let mut roomy = p.clone();
    set_team_field(&mut roomy, "pay", TeamField::People, "10").unwrap();
    assert_eq!(
        words(&roomy),
        "Finishes 5 Jan 2027, 8 working days before the target (15 Jan 2027); the teams' capacity does not move it."
    );
    assert_eq!(
        words(&payments_at_half()),
        "Finishes 18 Jan 2027, 1 working day after the target (15 Jan 2027), with the teams' capacity; 5 Jan 2027 without capacity limits, as the timeline shows."
    );
}

fn ymd(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn people_needed_typed_in_plan_level_the_plan_and_a_need_too_large_is_said_by_name() {
    use throughline::model::edit::set_item_field;
    use throughline::model::ItemField;
    let mut p = payments_at_half();
    let as_of = p.as_of(p.start);
    let plain = throughline::engine::schedule::schedule(&p, as_of).forecast_finish;
    // Two people of a team that has one from 30 Nov: levelled as one, and said so.
    set_item_field(&mut p, "PAY-107", ItemField::Needs, "Payments 2").unwrap();
    let words = levelled_words(&p, as_of, plain).unwrap();
    assert_eq!(
        words.problems,
        ["PAY-107 needs 2 people of Payments, which has at most 1 (2 at 50 %)"]
    );
    // Plan says the same right after it is typed, for that item only.
    assert_eq!(item_problems(&p, as_of, "PAY-107"), words.problems);
    assert_eq!(
        needs_notice(&p, as_of, "PAY-107").as_deref(),
        Some("PAY-107 needs 2 people of Payments, which has at most 1 (2 at 50 %): levelled as what the team has.")
    );
    assert!(item_problems(&p, as_of, "PAY-108").is_empty());
    assert_eq!(needs_notice(&p, as_of, "PAY-108"), None);
    // Nobody of Payments (a contractor does it): the webhooks no longer hold Payments'
    // people, and the launch comes back before the target.
    set_item_field(&mut p, "PAY-107", ItemField::Needs, "Payments 0").unwrap();
    let words = levelled_words(&p, as_of, plain).unwrap();
    assert!(words.problems.is_empty());
    assert!(
        words
            .finish
            .starts_with("With the teams' people and availability the plan finishes 8 Jan 2027"),
        "{}",
        words.finish
    );
}

//! The executive summary (docs/rules.md#summary): the paragraph, the lists below it, what changed,
//! and the Markdown copy. Programs are small JSON documents run through the real schedule
//! and status engines; the Monte Carlo forecast is made by hand.

use chrono::NaiveDate;
use serde_json::{json, Value};
use throughline::engine::cockpit::Cockpit;
use throughline::engine::forecast::Forecast;
use throughline::engine::publish::report;
use throughline::engine::schedule::{schedule, Schedule};
use throughline::engine::summary::{previous_status_date, Compared, Summary, Urgency};
use throughline::engine::words::{long_date, short_date};
use throughline::io::markdown::summary_markdown;
use throughline::model::{read_program, Colour, Program, Report};

// ---------------------------------------------------------------------------------------
// Helpers

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn forecast(confidence: f64, p85: &str) -> Forecast {
    Forecast {
        iterations: 1000,
        confidence,
        p50: d("2027-01-08"),
        p85: d(p85),
        p95: d("2027-02-05"),
        curve: Vec::new(),
        criticality: Vec::new(),
        drivers: Vec::new(),
    }
}

fn program(value: Value) -> Program {
    serde_json::from_value(value).expect("test program")
}

/// The cockpit at the program's status date (20 Nov 2026 when it has none).
fn cockpit(program: &Program, forecast: Option<&Forecast>) -> Cockpit {
    Cockpit::compute(program, d("2026-11-20"), forecast)
}

/// Runs the real engines at the program's status date and summarises.
fn run(program: &Program, forecast: Option<&Forecast>) -> (Schedule, Summary) {
    let c = cockpit(program, forecast);
    (c.basis.schedule.clone(), c.summary)
}

fn markdown(program: &Program, summary: &Summary) -> String {
    summary_markdown(&program.name, summary)
}

fn texts(summary: &Summary) -> Vec<String> {
    summary.paragraph.iter().map(|s| s.text()).collect()
}

/// The first sentence naming `needle`, not counting the date sentence (which names items
/// only to say their estimates are missing).
fn sentence_with(summary: &Summary, needle: &str) -> Option<String> {
    texts(summary)
        .into_iter()
        .filter(|t| !t.starts_with("We're tracking") && !t.starts_with("We're forecasting"))
        .find(|t| t.contains(needle))
}

/// Two items in a chain, both Green, well ahead of a January target.
fn on_track() -> Value {
    json!({
        "format": "throughline/1", "name": "Checkout revamp",
        "start": "2026-11-02", "target": "2027-01-15", "status_date": "2026-11-20",
        "items": [
            { "id": "CO-1", "title": "Cart service", "owner": "Ana", "days": 10, "low": 8, "high": 13,
              "started": "2026-11-09", "remaining": 5, "due": "2026-12-04",
              "status": [ { "date": "2026-11-13", "color": "green", "by": "Ana" },
                          { "date": "2026-11-20", "color": "green", "by": "Ana" } ] },
            { "id": "CO-2", "title": "Checkout UI", "owner": "Ben", "days": 15, "low": 12, "high": 20,
              "after": [ { "id": "CO-1" } ], "due": "2027-01-08",
              "status": [ { "date": "2026-11-13", "color": "green", "by": "Ben" },
                          { "date": "2026-11-20", "color": "green", "by": "Ben" } ] }
        ]
    })
}

/// `on_track` with the target pulled in to 4 Dec, so the finish is weeks late.
fn late() -> Value {
    let mut value = on_track();
    value["target"] = json!("2026-12-04");
    value
}

/// A Yellow item, not started, held up by an external dependency with a mitigation, plus decisions.
fn with_dependency() -> Value {
    json!({
        "format": "throughline/1", "name": "Payments",
        "start": "2026-11-02", "target": "2027-01-15", "status_date": "2026-11-20",
        "items": [
            { "id": "PAY-1", "title": "Integrate payments API", "owner": "Dana Wu", "days": 4,
              "due": "2026-12-01",
              "after": [ { "id": "VEND-1" } ],
              "status": [ { "date": "2026-11-13", "color": "yellow", "by": "Dana Wu",
                            "note": "Vendor sandbox unstable" } ] },
            { "id": "PAY-7", "title": "Merchant SSO", "owner": "Priya N", "days": 8,
              "after": [ { "id": "PAY-1" } ] }
        ],
        "dependencies": [
            { "id": "VEND-1", "title": "Vendor payments API v3", "owner": "Sam Lee",
              "due": "2026-11-30", "risk": "high", "reviewed": "2026-11-18",
              "mitigation": "Fall back to the legacy API (+15 working days)" }
        ],
        "decisions": [
            { "id": "D-1", "question": "Legacy fallback or escalate to the vendor?",
              "recommendation": "Escalate to vendor", "needed_by": "2026-11-26",
              "from": "VP Engineering" }
        ]
    })
}

fn spec_example() -> Program {
    let text = std::fs::read_to_string("tests/fixtures/spec-example.json").expect("fixture");
    read_program(&text).expect("spec example reads").program
}

// ---------------------------------------------------------------------------------------
// The paragraph

#[test]
fn paragraph_leads_with_the_colour_then_the_target_with_confidence_and_p85() {
    let p = program(on_track());
    let (_, summary) = run(&p, Some(&forecast(0.72, "2027-01-29")));
    let paragraph = &summary.paragraph;
    // 72 % is below the 80 % floor, so the program is Yellow.
    assert_eq!(paragraph[0].text(), "Program is Yellow.");
    assert_eq!(paragraph[0].strong(), vec!["Yellow"]);
    assert_eq!(
        paragraph[1].text(),
        "We're tracking to 17 Dec 2026, 21 working days before the 15 Jan 2027 target, at 72 % confidence (P85: 29 Jan)."
    );
    assert_eq!(
        paragraph[1].strong(),
        vec!["17 Dec 2026", "72 % confidence"]
    );
    let confidence = summary.confidence.as_ref().expect("confidence line").text();
    assert!(
        confidence.starts_with("Date confidence: 72 % for 15 Jan 2027"),
        "{confidence}"
    );
    assert!(confidence.contains("P85 29 Jan 2027"), "{confidence}");
}

#[test]
fn a_late_forecast_names_the_working_days_after_the_target() {
    let p = program(late());
    let (sched, summary) = run(&p, Some(&forecast(0.12, "2027-01-05")));
    assert!(sched.slack_to_target < 0);
    let expected = format!(
        "We're forecasting {}, {} working days after the 4 Dec 2026 target, at 12 % confidence of hitting it (P85: 5 Jan).",
        long_date(sched.forecast_finish),
        -sched.slack_to_target
    );
    assert_eq!(summary.paragraph[1].text(), expected);
    assert_eq!(
        cockpit(&p, Some(&forecast(0.12, "2027-01-05")))
            .colour
            .colour,
        Colour::Red
    );
    // Nothing is reported behind, yet the path is too long: the sentence says by how much.
    let why = sentence_with(&summary, "too long").expect("a sentence on the long path");
    assert!(why.contains(&format!("{} working days", -sched.slack_to_target)));
    assert!(why.contains("Checkout UI (CO-2)"), "{why}");
}

#[test]
fn without_a_forecast_the_paragraph_says_confidence_is_being_computed() {
    let p = program(on_track());
    let (_, summary) = run(&p, None);
    assert_eq!(
        summary.paragraph[1].text(),
        "We're tracking to 17 Dec 2026, 21 working days before the 15 Jan 2027 target, confidence being computed."
    );
    assert_eq!(summary.confidence, None);
}

#[test]
fn without_ranges_on_the_critical_path_confidence_is_not_estimated_and_says_why() {
    let mut value = on_track();
    for item in value["items"].as_array_mut().unwrap() {
        let item = item.as_object_mut().unwrap();
        item.remove("low");
        item.remove("high");
    }
    let p = program(value);
    let (_, summary) = run(&p, Some(&forecast(1.0, "2026-12-17")));
    assert_eq!(
        summary.paragraph[1].text(),
        "We're tracking to 17 Dec 2026, 21 working days before the 15 Jan 2027 target; confidence not estimated yet: 2 of 2 critical items have no Low/High range."
    );
    let confidence = summary
        .confidence
        .as_ref()
        .expect("a line instead of the figure")
        .text();
    assert_eq!(
        confidence,
        "Confidence not estimated yet: 2 of 2 critical items have no Low/High range (CO-1, CO-2). Add Low and High in Plan to get a percentage."
    );
    assert_eq!(
        summary.unranged,
        (vec!["CO-1".to_string(), "CO-2".to_string()], 2)
    );
    // Nor does the colour count a figure drawn from nothing: a 0 % from unranged estimates
    // past the target is no reason for Yellow, and a report keeps no percentage.
    let c = cockpit(&p, Some(&forecast(0.0, "2026-12-17")));
    assert!(
        c.colour
            .reasons
            .iter()
            .all(|r| !r.contains("Date confidence")),
        "{:?}",
        c.colour.reasons
    );
    assert_eq!(report(&p, &c).confidence, None);
    let estimated = on_track();
    let p_ranged = program(estimated);
    let c = cockpit(&p_ranged, Some(&forecast(0.0, "2026-12-17")));
    assert!(
        c.colour
            .reasons
            .iter()
            .any(|r| r.contains("Date confidence 0 %")),
        "{:?}",
        c.colour.reasons
    );

    // One range is something to draw from: the figure comes back, saying what it lacks.
    let mut value = on_track();
    value["items"][0].as_object_mut().unwrap().remove("low");
    let p = program(value);
    let (_, summary) = run(&p, Some(&forecast(0.72, "2027-01-29")));
    assert!(summary.paragraph[1].text().contains("at 72 % confidence"));
    let confidence = summary.confidence.as_ref().unwrap().text();
    assert!(
        confidence
            .ends_with("Drawn without them: 1 of 2 critical items has no Low/High range (CO-1)."),
        "{confidence}"
    );
}

#[test]
fn nothing_slipping_says_so_with_the_slack_in_working_days() {
    let p = program(on_track());
    let (sched, summary) = run(&p, Some(&forecast(0.9, "2027-01-12")));
    assert!(sched.slack_to_target > 0);
    assert_eq!(
        summary.paragraph[2].text(),
        format!(
            "Nothing on the critical path is behind; the finish has {} working days of slack.",
            sched.slack_to_target
        )
    );
    assert_eq!(summary.paragraph[0].text(), "Program is Green.");
}

#[test]
fn the_slipping_item_is_named_with_its_reason_and_the_dependency_mitigation() {
    let p = program(with_dependency());
    let (_, summary) = run(&p, Some(&forecast(0.72, "2027-01-29")));
    let slipping = sentence_with(&summary, "PAY-1").expect("PAY-1 is named");
    assert!(
        slipping.starts_with(
            "Integrate payments API (PAY-1) is Yellow, 3 working days past its 1 Dec due date"
        ),
        "{slipping}"
    );
    assert!(
        slipping.contains("because Vendor payments API v3 (VEND-1) lands 30 Nov"),
        "{slipping}"
    );
    assert!(
        slipping.ends_with("; mitigation: fall back to the legacy API (+15 working days)."),
        "{slipping}"
    );
}

#[test]
fn a_stale_yellow_item_is_explained_by_the_staleness_rule() {
    let p = program(json!({
        "format": "throughline/1", "name": "Stale", "start": "2026-11-02",
        "target": "2027-01-15", "status_date": "2026-11-20",
        "items": [
            { "id": "ST-1", "title": "Search index", "owner": "Ana", "days": 30,
              "started": "2026-11-02", "remaining": 20,
              "status": [ { "date": "2026-11-02", "color": "yellow", "note": "Waiting on infra" },
                          { "date": "2026-11-16", "color": "yellow" } ] }
        ]
    }));
    let (_, summary) = run(&p, Some(&forecast(0.9, "2027-01-05")));
    let slipping = sentence_with(&summary, "ST-1").expect("ST-1 is named");
    assert!(
        slipping.starts_with("Search index (ST-1) is Red"),
        "{slipping}"
    );
    assert!(
        slipping.contains("because it has been Yellow since 2 Nov (18 days) without movement"),
        "{slipping}"
    );
}

#[test]
fn without_a_dependency_the_latest_note_explains_and_a_risk_gives_the_mitigation() {
    let p = program(json!({
        "format": "throughline/1", "name": "Notes", "start": "2026-11-02",
        "target": "2027-01-15", "status_date": "2026-11-20",
        "items": [
            { "id": "NT-1", "title": "Fraud rules", "owner": "Ana", "days": 10,
              "started": "2026-11-09", "remaining": 6, "due": "2026-11-24",
              "status": [ { "date": "2026-11-19", "color": "yellow", "by": "Ana",
                            "note": "Rules engine upgrade took a week." } ] }
        ],
        "risks": [
            { "id": "R-9", "title": "Rules vendor late", "affects": ["NT-1"],
              "trigger": "2027-01-04", "options": ["Hand-written rules", "Delay launch"] }
        ]
    }));
    let (_, summary) = run(&p, Some(&forecast(0.9, "2027-01-05")));
    let slipping = sentence_with(&summary, "NT-1").expect("NT-1 is named");
    assert!(
        slipping.contains("because of “Rules engine upgrade took a week” (Ana, 19 Nov)"),
        "{slipping}"
    );
    assert!(
        slipping.contains("mitigation options (R-9): hand-written rules or delay launch"),
        "{slipping}"
    );
}

#[test]
fn pending_decisions_are_named_with_who_and_by_when_then_the_recommendation() {
    let p = program(with_dependency());
    let (_, summary) = run(&p, Some(&forecast(0.72, "2027-01-29")));
    let decisions = sentence_with(&summary, "Decisions needed").expect("decisions sentence");
    assert_eq!(
        decisions,
        "Decisions needed: Legacy fallback or escalate to the vendor (D-1), from VP Engineering by 26 Nov."
    );
    let sentence = summary
        .paragraph
        .iter()
        .find(|s| s.text().starts_with("Decisions needed"))
        .expect("decisions sentence");
    assert_eq!(sentence.strong(), vec!["Decisions needed:"]);
    assert_eq!(
        summary.paragraph.last().map(|s| s.text()),
        Some("Recommend: escalate to vendor (D-1).".to_string())
    );
}

#[test]
fn no_pending_decision_means_no_decisions_sentence_and_no_recommendation() {
    let mut value = with_dependency();
    value["decisions"][0]["decided"] = json!("2026-11-19");
    value["decisions"][0]["outcome"] = json!("Escalated");
    let (_, summary) = run(&program(value), Some(&forecast(0.72, "2027-01-29")));
    assert!(sentence_with(&summary, "Decisions needed").is_none());
    assert!(sentence_with(&summary, "Recommend").is_none());
    assert!(summary.decisions_needed.is_empty());
}

#[test]
fn an_overdue_decision_says_how_many_days_overdue() {
    let mut value = with_dependency();
    value["decisions"][0]["needed_by"] = json!("2026-11-17");
    let (_, summary) = run(&program(value), Some(&forecast(0.72, "2027-01-29")));
    let decisions = sentence_with(&summary, "Decisions needed").expect("decisions sentence");
    assert!(
        decisions.contains("from VP Engineering, 3 days overdue (needed by 17 Nov)"),
        "{decisions}"
    );
    assert_eq!(summary.decisions_needed[0].days_left, Some(-3));
}

#[test]
fn the_headline_override_replaces_the_paragraph_and_notes_are_kept_below() {
    let mut value = with_dependency();
    value["summary"] = json!({ "headline": "Launch holds for 15 Jan; vendor escalated.",
                               "notes": "Board review on 2 Dec." });
    let (_, summary) = run(&program(value), Some(&forecast(0.72, "2027-01-29")));
    assert_eq!(
        texts(&summary),
        vec!["Launch holds for 15 Jan; vendor escalated.".to_string()]
    );
    assert!(summary.headline_overridden);
    assert_eq!(summary.notes.as_deref(), Some("Board review on 2 Dec."));
    let md = markdown(&program(with_dependency()), &summary);
    assert!(md.contains("Launch holds for 15 Jan; vendor escalated.\n\nBoard review on 2 Dec.\n"));
}

#[test]
fn a_colour_override_is_shown_with_its_reason() {
    let mut value = on_track();
    value["summary"] = json!({ "color": "red", "color_reason": "Exec sponsor leaving" });
    let c = cockpit(&program(value), Some(&forecast(0.9, "2027-01-12")));
    assert_eq!(
        c.summary.paragraph[0].text(),
        "Program is Red (override: Exec sponsor leaving)."
    );
    assert!(c.colour.overridden);
    assert_eq!(c.colour.computed, Colour::Green);
}

#[test]
fn every_sentence_names_an_item_a_number_or_a_date() {
    let mut stale_decision = with_dependency();
    stale_decision["decisions"]
        .as_array_mut()
        .expect("decisions")
        .push(json!({ "id": "D-2", "question": "Cut scope?" }));
    let programs = vec![
        (on_track(), Some(forecast(0.9, "2027-01-12"))),
        (on_track(), None),
        (late(), Some(forecast(0.12, "2027-01-05"))),
        (with_dependency(), Some(forecast(0.72, "2027-01-29"))),
        (stale_decision, None),
    ];
    let mut fixture = serde_json::to_value(spec_example()).expect("fixture as JSON");
    fixture["status_date"] = json!("2026-11-20");
    let programs = programs.into_iter().chain(std::iter::once((
        fixture,
        Some(forecast(0.72, "2027-01-29")),
    )));
    for (value, fc) in programs {
        let p = program(value);
        let (_, summary) = run(&p, fc.as_ref());
        let names: Vec<&str> = p
            .all_ids()
            .chain(p.items.iter().map(|i| i.title.as_str()))
            .chain(p.dependencies.iter().map(|d| d.title.as_str()))
            .collect();
        let sentences = texts(&summary);
        assert!(sentences[0].starts_with("Program is "), "{sentences:?}");
        for sentence in &sentences[1..] {
            let concrete = sentence.chars().any(|c| c.is_ascii_digit())
                || names.iter().any(|n| sentence.contains(n));
            assert!(concrete, "vague sentence in {}: {sentence}", p.name);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Below the paragraph

#[test]
fn critical_risks_list_escalate_now_then_blockers_then_the_rest() {
    let mut value = on_track();
    value["risks"] = json!([
        { "id": "R-WATCH", "title": "UI designer leaving", "affects": ["CO-2"],
          "trigger": "2026-12-30", "owner": "Ben" },
        { "id": "R-SOON", "title": "Cart load test", "affects": ["CO-1"],
          "trigger": "2026-11-27", "options": ["Rent capacity"], "decision": "D-1" },
        { "id": "R-PAST", "title": "Pricing API frozen", "affects": ["CO-1"],
          "trigger": "2026-11-18" },
        { "id": "R-CLOSED", "title": "Old risk", "affects": ["CO-1"],
          "trigger": "2026-11-10", "state": "closed" },
        { "id": "R-ELSEWHERE", "title": "Not on the path", "affects": ["NOPE"],
          "trigger": "2026-11-25" }
    ]);
    let (_, summary) = run(&program(value), Some(&forecast(0.9, "2027-01-12")));
    let order: Vec<(&str, Urgency)> = summary
        .critical_risks
        .iter()
        .map(|r| (r.id.as_str(), r.urgency))
        .collect();
    assert_eq!(
        order,
        vec![
            ("R-SOON", Urgency::EscalateNow),
            ("R-PAST", Urgency::Blocker),
            ("R-WATCH", Urgency::Watch)
        ]
    );
    let soon = &summary.critical_risks[0];
    assert_eq!(soon.days_to_trigger, Some(7));
    assert_eq!(soon.affects_critical, vec!["CO-1".to_string()]);
    assert_eq!(soon.decision.as_deref(), Some("D-1"));
    assert_eq!(soon.urgency.label(), "Escalate now");
}

#[test]
fn decisions_are_sorted_by_needed_by_with_undated_ones_last() {
    let mut value = on_track();
    value["decisions"] = json!([
        { "id": "D-UNDATED", "question": "Rename the product?" },
        { "id": "D-LATER", "question": "Hire a contractor?", "needed_by": "2026-12-10" },
        { "id": "D-SOON", "question": "Ship without Apple Pay?", "needed_by": "2026-11-25",
          "from": "CPO", "recommendation": "Ship without it" },
        { "id": "D-DONE", "question": "Pick a vendor?", "needed_by": "2026-11-01",
          "decided": "2026-10-30" }
    ]);
    let (_, summary) = run(&program(value), Some(&forecast(0.9, "2027-01-12")));
    let ids: Vec<&str> = summary
        .decisions_needed
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, vec!["D-SOON", "D-LATER", "D-UNDATED"]);
    assert_eq!(summary.decisions_needed[0].days_left, Some(5));
    assert_eq!(summary.decisions_needed[2].days_left, None);
    let sentence = sentence_with(&summary, "Decisions needed").expect("decisions sentence");
    // Both dated decisions fall within three weeks; the undated one waits below.
    assert_eq!(
        sentence,
        "Decisions needed: Ship without Apple Pay (D-SOON), from CPO by 25 Nov; Hire a contractor (D-LATER) by 10 Dec; 1 more below."
    );
    assert!(texts(&summary).contains(&"Recommend: ship without it (D-SOON).".to_string()));
}

#[test]
fn the_critical_chain_lists_ids_titles_and_early_finishes_in_order() {
    let p = program(on_track());
    let (sched, summary) = run(&p, None);
    let ids: Vec<&str> = summary
        .critical_chain
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(ids, vec!["CO-1", "CO-2"]);
    assert_eq!(summary.critical_chain[1].title, "Checkout UI");
    assert_eq!(
        summary.critical_chain[1].early_finish,
        sched.forecast_finish
    );
}

#[test]
fn needs_review_names_stale_reviews_missing_updates_and_owners() {
    let mut value = with_dependency();
    value["dependencies"][0]["reviewed"] = json!("2026-11-06");
    let (_, summary) = run(&program(value), None);
    assert_eq!(
        summary.needs_review[0],
        "Vendor payments API v3 (VEND-1): review due (last reviewed 6 Nov, 14 days ago); no status update yet."
    );
    assert!(summary
        .needs_review
        .iter()
        .any(|s| s.starts_with("Merchant SSO (PAY-7): no status update yet")));
}

// ---------------------------------------------------------------------------------------
// What changed

fn changing() -> Value {
    json!({
        "format": "throughline/1", "name": "Changes", "start": "2026-10-01",
        "target": "2027-01-15", "status_date": "2026-11-20",
        "items": [
            { "id": "CH-0", "title": "Schema", "owner": "Ana", "days": 10,
              "started": "2026-11-02", "finished": "2026-11-18" },
            { "id": "CH-1", "title": "Checkout UI", "owner": "Ben", "days": 20,
              "started": "2026-10-05", "remaining": 7,
              "status": [ { "date": "2026-11-13", "color": "yellow", "remaining": 4 },
                          { "date": "2026-11-20", "color": "red", "remaining": 7 } ] },
            { "id": "CH-2", "title": "Emails", "owner": "Cy", "days": 5,
              "started": "2026-11-16", "after": [ { "id": "CH-0" } ] }
        ],
        "dependencies": [
            { "id": "DEP-1", "title": "Tax API", "owner": "Dee", "due": "2026-11-20",
              "delivered": "2026-11-19", "reviewed": "2026-11-19" }
        ]
    })
}

#[test]
fn previous_status_date_is_the_latest_update_before_the_status_date() {
    let p = program(changing());
    assert_eq!(
        previous_status_date(&p, d("2026-11-20")),
        Some(d("2026-11-13"))
    );
    assert_eq!(previous_status_date(&p, d("2026-11-13")), None);
}

#[test]
fn changes_name_colour_moves_starts_finishes_deliveries_and_remaining_rises() {
    let p = program(changing());
    let (_, summary) = run(&p, None);
    assert_eq!(
        summary.compared_with,
        Some(Compared::StatusDate(d("2026-11-13")))
    );
    let changes = &summary.changes;
    let expect = [
        "Checkout UI (CH-1) went Yellow → Red on 20 Nov.",
        "Schema (CH-0) finished on 18 Nov.",
        "Emails (CH-2) started on 16 Nov.",
        "Checkout UI (CH-1): remaining rose from 4 to 7 days.",
        "Tax API (DEP-1) was delivered on 19 Nov (due 20 Nov).",
    ];
    for sentence in expect {
        assert!(
            changes.iter().any(|c| c == sentence),
            "{sentence} not in {changes:#?}"
        );
    }
}

/// A report published at 13 Nov with a finish and confidence, every row as `program` has
/// it now at 20 Nov (so only the figures differ).
fn report_of_13_nov(p: &Program, finish: &str, confidence: f64, runs: u32) -> Report {
    let now = cockpit(p, Some(&forecast(confidence, "2027-01-29")));
    let mut report = throughline::engine::publish::report(p, &now);
    report.date = d("2026-11-13");
    report.finish = d(finish);
    report.confidence = Some(confidence);
    report.runs = runs;
    report
}

#[test]
fn changes_against_the_last_report_give_the_finish_move_and_a_real_confidence_change() {
    let mut p = program(changing());
    let now = schedule(&p, d("2026-11-20")).forecast_finish;
    p.reports
        .push(report_of_13_nov(&p, "2026-11-16", 0.78, 10_000).into());
    let (_, summary) = run(&p, Some(&forecast(0.64, "2027-01-29")));
    assert_eq!(
        summary.compared_with,
        Some(Compared::Report(d("2026-11-13")))
    );
    let moved = summary
        .changes
        .iter()
        .find(|c| c.starts_with("Forecast finish moved"))
        .expect("forecast move");
    assert!(
        moved.starts_with(&format!(
            "Forecast finish moved from 16 Nov 2026 to {} (+",
            long_date(now)
        )),
        "{moved}"
    );
    assert!(summary
        .changes
        .contains(&"Confidence fell from 78 % to 64 %.".to_string()));
    // The paragraph says how far the date moved since the last report.
    assert!(
        summary.paragraph[1].text().contains("behind last report"),
        "{:?}",
        summary.paragraph[1]
    );
}

#[test]
fn a_confidence_change_within_the_noise_and_an_unmoved_finish_are_not_reported() {
    let mut p = program(changing());
    let now = schedule(&p, d("2026-11-20")).forecast_finish;
    p.reports
        .push(report_of_13_nov(&p, &now.to_string(), 0.65, 1000).into());
    let (_, summary) = run(&p, Some(&forecast(0.64, "2027-01-29")));
    assert!(
        !summary.changes.iter().any(|c| c.starts_with("Forecast")),
        "{:?}",
        summary.changes
    );
    assert!(
        !summary.changes.iter().any(|c| c.starts_with("Confidence")),
        "{:?}",
        summary.changes
    );
    assert!(!summary.paragraph[1].text().contains("last report"));
}

#[test]
fn a_quiet_week_has_no_changes_and_the_markdown_says_so() {
    let p = program(on_track());
    let (_, summary) = run(&p, None);
    assert_eq!(
        summary.compared_with,
        Some(Compared::StatusDate(d("2026-11-13")))
    );
    assert!(summary.changes.is_empty(), "{:?}", summary.changes);
    assert!(markdown(&p, &summary)
        .contains("## What changed since 13 Nov 2026\n\nNo changes since 13 Nov 2026."));
}

// ---------------------------------------------------------------------------------------
// Markdown

#[test]
fn markdown_has_the_bold_paragraph_the_sections_and_escaped_user_text() {
    let mut value = with_dependency();
    value["items"][0]["title"] = json!("Pay *now* button <b>beta</b>");
    value["decisions"][0]["question"] = json!("Use [legacy] or_new?");
    let p = program(value);
    let (_, summary) = run(&p, Some(&forecast(0.72, "2027-01-29")));
    let md = markdown(&p, &summary);

    assert!(md.starts_with("# Payments — status as of 20 Nov 2026\n\n"));
    assert!(md.contains(
        "Program is **Yellow**. We're tracking to **16 Dec 2026**, 22 working days before the 15 Jan 2027 target; confidence not estimated yet: 2 of 2 critical items have no Low/High range."
    ));
    assert!(md.contains("**Decisions needed:** Use \\[legacy\\] or\\_new (D-1)"));
    for heading in [
        "## Critical risks",
        "## Decisions needed",
        "## Critical path",
        "## What changed since 13 Nov 2026",
        "## Needs review",
    ] {
        assert!(md.contains(heading), "missing {heading}\n{md}");
    }
    assert!(md.contains("Pay \\*now\\* button"), "{md}");
    assert!(!md.contains("Pay *now*"));
    assert!(
        md.contains("VEND-1 Vendor payments API v3 (30 Nov) → PAY-1 "),
        "{md}"
    );
    // No HTML: every `<` is escaped, so no tag survives into email or Jira.
    for (i, _) in md.match_indices('<') {
        assert_eq!(&md[i - 1..i], "\\", "unescaped < in\n{md}");
    }
    assert!(!md.contains("<table") && !md.contains('|'));
}

#[test]
fn markdown_escapes_notes_that_would_become_headings_or_lists() {
    let mut value = on_track();
    value["summary"] = json!({ "notes": "# Not a heading\n- not a list\n1. nor this" });
    let p = program(value);
    let (_, summary) = run(&p, None);
    let md = markdown(&p, &summary);
    assert!(
        md.contains("\\# Not a heading\n\\- not a list\n1\\. nor this"),
        "{md}"
    );
}

#[test]
fn date_helpers_write_long_and_short_dates() {
    assert_eq!(long_date(d("2027-01-15")), "15 Jan 2027");
    assert_eq!(short_date(d("2026-11-26")), "26 Nov");
    assert_eq!(long_date(d("2026-12-05")), "5 Dec 2026");
}

// ---------------------------------------------------------------------------------------
// tests/fixtures/spec-example.json and odd data

#[test]
fn the_spec_example_reads_like_section_5() {
    let p = spec_example();
    let (_, summary) = run(&p, Some(&forecast(0.72, "2027-01-29")));
    let sentences = texts(&summary);
    assert_eq!(sentences[0], "Program is Yellow.");
    assert_eq!(
        sentences[1],
        "We're tracking to 8 Dec 2026, 27 working days before the 15 Jan 2027 target, at 72 % confidence (P85: 29 Jan)."
    );
    assert!(
        sentences[2].starts_with("Integrate payments API (PAY-1) is Yellow"),
        "{sentences:?}"
    );
    // PAY-1 has started, so the schedule no longer holds it for VEND-1: its own note says
    // why, and the vendor dependency it waits on gives the mitigation.
    assert!(
        sentences[2].contains("because of “Vendor sandbox unstable” (Dana Wu, 13 Nov)"),
        "{sentences:#?}"
    );
    assert!(sentences[2].ends_with("; mitigation: fall back to the legacy API (+15 working days)."));
    assert_eq!(
        sentences[3],
        "Decisions needed: Legacy fallback (+3 weeks) or escalate to the vendor (D-1), from VP Engineering by 26 Nov."
    );
    assert_eq!(sentences[4], "Recommend: escalate to vendor (D-1).");
    assert_eq!(summary.critical_risks.len(), 1);
    assert_eq!(summary.critical_risks[0].id, "R-1");
    let chain: Vec<&str> = summary
        .critical_chain
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(chain, vec!["PAY-1", "PAY-7"]);
    assert_eq!(
        summary.compared_with,
        Some(Compared::StatusDate(d("2026-11-13")))
    );
    let md = markdown(&p, &summary);
    assert!(
        md.contains("## Critical path\n\nPAY-1 Integrate payments API ("),
        "{md}"
    );
    assert!(
        md.contains("- **Watch:** R-1 Auth team at 60% capacity; SSO needs their API by week 6 — owner Priya N"),
        "{md}"
    );
}

#[test]
fn an_empty_or_odd_program_summarises_without_panicking() {
    let empty = program(json!({
        "format": "throughline/1", "name": "", "start": "2026-11-02", "target": "2026-11-01"
    }));
    let (_, summary) = run(&empty, None);
    assert!(summary.empty);
    assert!(summary
        .paragraph_text()
        .starts_with("Nothing to forecast yet"));
    let _ = markdown(&empty, &summary);

    let odd = program(json!({
        "format": "throughline/1", "name": "Odd", "start": "2026-11-02",
        "target": "2027-01-15", "status_date": "2026-11-20",
        "items": [
            { "id": "A", "title": "", "days": 3, "after": [ { "id": "B" } ],
              "status": [ { "date": "2026-12-01", "color": "red" } ] },
            { "id": "B", "title": "Loop", "days": 3, "after": [ { "id": "A" } ] },
            { "id": "C", "title": "Ghost link", "days": 2, "after": [ { "id": "ZZZ" } ],
              "due": "2026-11-01", "status": [ { "date": "2026-11-19", "color": "yellow", "note": "" } ] }
        ],
        "dependencies": [ { "id": "X", "title": "No dates" } ],
        "risks": [ { "id": "R", "title": "No trigger", "affects": ["A", "C"] } ],
        "decisions": [ { "id": "D", "question": "" } ],
        "summary": { "color": "green", "headline": "   ", "notes": "" }
    }));
    let c = cockpit(&odd, Some(&forecast(f64::NAN, "2027-01-29")));
    let summary = c.summary.clone();
    assert!(
        !c.colour.overridden,
        "an override without a reason is ignored"
    );
    assert!(summary.notes.is_none());
    assert!(texts(&summary).iter().any(|t| t.contains("Ghost link (C)")));
    let _ = markdown(&odd, &summary);
}

#[test]
fn the_critical_path_leads_over_worse_colours_off_it() {
    // CP-1 is Yellow on the critical path; NC-1 is Red with float: the date hangs on CP-1.
    let p = program(json!({
        "format": "throughline/1", "name": "Lead", "start": "2026-11-02",
        "target": "2027-01-15", "status_date": "2026-11-20",
        "items": [
            { "id": "CP-1", "title": "Ledger migration", "owner": "Ana", "days": 20,
              "status": [ { "date": "2026-11-20", "color": "yellow", "note": "Schema review slipped" } ] },
            { "id": "NC-1", "title": "Help centre copy", "owner": "Bo", "days": 17,
              "status": [ { "date": "2026-11-20", "color": "red", "note": "Writer out sick" } ] }
        ]
    }));
    let (_, summary) = run(&p, Some(&forecast(0.9, "2027-01-05")));
    let text = texts(&summary).join(" ");
    assert!(text.contains("Ledger migration (CP-1) is Yellow"), "{text}");
    assert!(!text.contains("NC-1) is Red"), "{text}");
}

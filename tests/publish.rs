//! Publishing (docs/rules.md#publishing): a report freezes what was said; next week's
//! "what changed" compares with it exactly — the finish, real confidence moves, slips with
//! both dates, due dates moved by hand, risks opened and closed, decisions made — and a
//! year of weekly reports stays well inside the storage and share-link budgets.

mod common;

use chrono::{Duration, NaiveDate};
use common::d;
use throughline::engine::cockpit::Cockpit;
use throughline::engine::forecast::forecast;
use throughline::engine::publish::{read_rows, report};
use throughline::engine::summary::{Compared, PARAGRAPH_WORDS};
use throughline::io::codec::MAX_EXPANDED;
use throughline::io::{decode_fragment, share_fragment};
use throughline::model::edit::{
    add_risk, publish_report, record_outcome, set_baseline, set_dependency_field, set_item_field,
    set_risk_field, DependencyField, ItemField, RiskField,
};
use throughline::model::{
    example_program, program_from_value, read_program, write_program, Program,
};

/// The cockpit at `date`, with the Monte Carlo run as the app runs it.
fn at(program: &Program, date: NaiveDate) -> (Program, Cockpit) {
    let mut program = program.clone();
    program.status_date = Some(date);
    let f = forecast(&program, date);
    let cockpit = Cockpit::compute(&program, date, Some(&f));
    (program, cockpit)
}

fn publish(program: &mut Program, date: NaiveDate) {
    let (at_date, cockpit) = at(program, date);
    publish_report(program, report(&at_date, &cockpit));
}

/// The example published on 20 Nov, then a week later: the vendor API slips two weeks, a
/// due date is moved by hand, a risk is closed, a decision is taken and a risk is opened.
fn a_week_later() -> (Program, Cockpit) {
    let mut program = example_program();
    publish(&mut program, d("2026-11-20"));
    set_dependency_field(&mut program, "VEND-1", DependencyField::Due, "2026-12-14").unwrap();
    set_item_field(&mut program, "PAY-104", ItemField::Due, "2026-12-09").unwrap();
    set_risk_field(&mut program, "R-2", RiskField::State, "closed").unwrap();
    record_outcome(
        &mut program,
        "D-1",
        "Escalate to Acme's exec sponsor",
        d("2026-11-24"),
    )
    .unwrap();
    let new_risk = add_risk(
        &mut program,
        "Card network certification queue is six weeks",
    )
    .unwrap();
    set_risk_field(&mut program, &new_risk, RiskField::Owner, "Tomasz Nowak").unwrap();
    at(&program, d("2026-11-27"))
}

#[test]
fn a_report_freezes_what_the_summary_said() {
    let program = example_program();
    let (at_date, cockpit) = at(&program, d("2026-11-20"));
    let r = report(&at_date, &cockpit);
    assert_eq!(r.date, d("2026-11-20"));
    assert_eq!(r.paragraph, cockpit.summary.paragraph);
    assert_eq!(r.finish, cockpit.schedule().forecast_finish);
    assert_eq!(r.colour, cockpit.colour.colour);
    let f = cockpit.forecast.as_deref().unwrap();
    assert_eq!(r.runs, f.iterations);
    assert!((r.confidence.unwrap() - f.confidence).abs() < 0.001);
    assert_eq!(
        (r.p50, r.p85, r.p95),
        (Some(f.p50), Some(f.p85), Some(f.p95))
    );
    let vend = r.row("VEND-1").unwrap();
    assert_eq!(vend.due, Some(d("2026-11-30")));
    assert!(vend.critical);
    assert_eq!(
        r.rows.len(),
        program.items.len() + program.dependencies.len()
    );
    assert!(r.open_risks.contains(&"R-2".to_string()));
    assert!(r.pending_decisions.contains(&"D-1".to_string()));
    // The risks, decisions and critical path read as the summary said them.
    let headings: Vec<&str> = r.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        ["Critical risks", "Decisions needed", "Critical path"]
    );
    for section in &r.sections {
        let shown = cockpit
            .summary
            .sections
            .iter()
            .find(|s| s.heading == section.heading)
            .unwrap();
        assert_eq!(section.lines, shown.lines);
    }
    assert!(r.sections[1].lines[0].text().contains("D-1"));
}

#[test]
fn a_report_reads_with_titles_and_the_week_notes() {
    let program = example_program();
    let (at_date, cockpit) = at(&program, d("2026-11-20"));
    let r = report(&at_date, &cockpit);
    let rows = read_rows(&program, &r);
    assert_eq!(rows.len(), r.rows.len());
    let vend = rows.iter().find(|row| row.row.id == "VEND-1").unwrap();
    assert_eq!(vend.title.as_deref(), program.lookup().title_of("VEND-1"));
    // The example's VEND-1 update of 20 Nov, in the report's week.
    assert_eq!(
        vend.note.as_deref(),
        Some("Acme exec sponsor reconfirmed 30 Nov on a call; waiting for it in writing")
    );
    // A week later, that note is no longer the week's.
    let (later, cockpit) = at(&program, d("2026-11-30"));
    let r = report(&later, &cockpit);
    let rows = read_rows(&program, &r);
    let vend = rows.iter().find(|row| row.row.id == "VEND-1").unwrap();
    assert_eq!(vend.note, None);
}

#[test]
fn next_week_compares_with_the_report_exactly() {
    let (program, cockpit) = a_week_later();
    let summary = &cockpit.summary;
    assert_eq!(
        summary.compared_with,
        Some(Compared::Report(d("2026-11-20")))
    );
    let changes = summary.changes.join("\n");
    let report = program.report_at(d("2026-11-20")).unwrap();
    let moved = format!(
        "Forecast finish moved from {} to ",
        throughline::engine::words::long_date(report.finish)
    );
    assert!(changes.contains(&moved), "{changes}");
    assert!(changes.contains("(+10 working days)."), "{changes}");
    // The vendor API slipped, with both dates, on the critical path.
    assert!(
        changes.contains("Vendor payments API v3 (VEND-1) slipped 10 working days: finish 30 Nov → 14 Dec, on the critical path."),
        "{changes}"
    );
    assert!(
        changes.contains(
            "The due date of Vendor payments API v3 (VEND-1) was moved from 30 Nov to 14 Dec."
        ),
        "{changes}"
    );
    assert!(
        changes.contains(
            "The due date of Ledger reconciliation job (PAY-104) was moved from 4 Dec to 9 Dec."
        ),
        "{changes}"
    );
    // Work off the critical path that the week pushed back is one line, not one each.
    assert!(
        changes.contains(" off the critical path slipped "),
        "{changes}"
    );
    assert!(summary.changes.len() < 20, "{changes}");
    assert!(changes.contains("(R-2) was closed."), "{changes}");
    assert!(
        changes.contains("Decision D-1 was taken on 24 Nov: Escalate to Acme's exec sponsor."),
        "{changes}"
    );
    assert!(
        changes.contains("New risk: Card network certification queue is six weeks"),
        "{changes}"
    );
    // The first paragraph says how the date moved since the last report.
    let paragraph = summary.paragraph_text();
    assert!(
        paragraph.contains("2 weeks behind last report"),
        "{paragraph}"
    );
    assert!(summary.paragraph_words() <= PARAGRAPH_WORDS, "{paragraph}");
}

#[test]
fn publishing_again_keeps_both_reports_and_the_trend_shows_them() {
    let (mut program, _) = a_week_later();
    publish(&mut program, d("2026-11-27"));
    assert_eq!(program.reports.len(), 2);
    let (_, cockpit) = at(&program, d("2026-11-27"));
    let trend = &cockpit.summary.trend;
    assert_eq!(
        trend.len(),
        2,
        "two published reports and nothing unpublished"
    );
    assert!(trend.iter().all(|p| p.published));
    assert!(trend[1].finish > trend[0].finish);
    let words = cockpit.summary.section("trend").unwrap();
    assert!(words
        .lines
        .iter()
        .any(|l| l.text().starts_with("Report of 20 Nov: finish")));
    assert!(words
        .lines
        .last()
        .unwrap()
        .text()
        .starts_with("Target: 15 Jan 2027"));
    // A week later still, with nothing published yet, the trend ends with "now".
    let (_, cockpit) = at(&program, d("2026-12-04"));
    assert_eq!(cockpit.summary.trend.len(), 3);
    assert!(!cockpit.summary.trend[2].published);
}

#[test]
fn the_baseline_gives_each_item_its_slip() {
    let (mut program, _) = a_week_later();
    set_baseline(&mut program, Some(d("2026-11-20"))).unwrap();
    let (_, cockpit) = at(&program, d("2026-11-27"));
    let baseline = cockpit.basis.baseline.as_ref().expect("a baseline");
    let vend = &baseline.rows["VEND-1"];
    assert_eq!(vend.finish, d("2026-11-30"));
    assert_eq!(vend.finish_slip, 10);
    assert_eq!(vend.due_slip, Some(10));
    assert!(
        baseline.rows["PAY-113"].finish_slip > 0,
        "the launch moves with the vendor"
    );
}

#[test]
fn a_published_report_reads_back_from_the_file_as_it_was() {
    let (mut program, _) = a_week_later();
    publish(&mut program, d("2026-11-27"));
    let text = write_program(&program);
    let back = read_program(&text).unwrap().program;
    assert_eq!(back.reports, program.reports);
    // The hand reader of the app reads reports exactly as serde's derived one does.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let by_serde: Program = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(program_from_value(&value).unwrap(), by_serde);
    assert!(!by_serde.reports[0].rows.is_empty());
}

#[test]
fn a_year_of_weekly_reports_stays_well_inside_the_budgets() {
    let mut program = example_program();
    let first = d("2026-01-02");
    for week in 0..52 {
        publish(&mut program, first + Duration::days(7 * week));
    }
    assert_eq!(program.reports.len(), 52);
    let stored = throughline::model::write_program_compact(&program);
    let link = share_fragment(&program);
    println!(
        "52 reports: {} bytes stored, a {}-character share link",
        stored.len(),
        link.len()
    );
    // localStorage holds about 5 MB per site; a link may expand to MAX_EXPANDED.
    assert!(stored.len() < 600_000, "{} bytes", stored.len());
    assert!(stored.len() < MAX_EXPANDED / 4);
    let back = decode_fragment(&link).unwrap().unwrap();
    assert_eq!(back.program.reports.len(), 52);
}

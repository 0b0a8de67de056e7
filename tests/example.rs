//! The built-in example (docs/architecture.md#model): valid, realistic in size, and carrying the
//! situations the app must show on first visit — every link type, a lead, a pending
//! decision, and exactly one item the staleness rule turns Red.

use std::collections::HashSet;

use chrono::NaiveDate;
use throughline::model::{
    example_program, read_program, write_program, write_program_compact, Colour, DependencyKind,
    LinkType, Program, RiskState, StatusUpdate,
};

const EXAMPLE: &str = include_str!("../src/model/example.json");

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn example() -> Program {
    read_program(EXAMPLE).expect("the example is valid").program
}

#[test]
fn the_example_reads_without_errors_or_warnings() {
    let loaded = read_program(EXAMPLE).expect("the example is valid");
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert_eq!(example_program(), loaded.program);
    assert_eq!(loaded.program.name, "Payments platform launch");
    assert_eq!(loaded.program.status_date, Some(date("2026-11-20")));
}

#[test]
fn the_example_round_trips_exactly() {
    let program = example();
    for text in [write_program(&program), write_program_compact(&program)] {
        let again = read_program(&text).unwrap();
        assert!(again.warnings.is_empty());
        assert_eq!(again.program, program);
        assert_eq!(write_program(&again.program), write_program(&program));
    }
    assert_eq!(
        write_program(&program),
        serde_json::to_string_pretty(&program).unwrap()
    );
}

#[test]
fn the_example_has_five_teams_and_a_realistic_number_of_items() {
    let program = example();
    assert_eq!(program.teams.len(), 5);
    assert!(
        (28..=36).contains(&program.items.len()),
        "{}",
        program.items.len()
    );
    let teams: HashSet<&str> = program.teams.iter().map(|t| t.id.as_str()).collect();
    for item in &program.items {
        assert!(
            teams.contains(item.team.as_deref().unwrap_or("")),
            "{}",
            item.id
        );
        assert!(item.owner.is_some(), "{} has no owner", item.id);
    }
    for team in &program.teams {
        assert!(team.lead.is_some(), "team {} has no lead", team.id);
    }
    let milestones: Vec<&str> = program
        .items
        .iter()
        .filter(|i| i.is_milestone())
        .map(|i| i.title.as_str())
        .collect();
    assert!(milestones.contains(&"GA launch"), "{milestones:?}");
}

#[test]
fn the_example_has_progress_before_the_status_date() {
    let program = example();
    let status_date = program.status_date.unwrap();
    let finished = program
        .items
        .iter()
        .filter(|i| i.finished.is_some())
        .count();
    let in_progress = program
        .items
        .iter()
        .filter(|i| i.started.is_some() && i.finished.is_none())
        .count();
    assert!(
        finished * 4 >= program.items.len(),
        "only {finished} finished"
    );
    assert!(in_progress >= 3, "only {in_progress} in progress");
    for item in &program.items {
        for actual in [item.started, item.finished].into_iter().flatten() {
            assert!(
                actual <= status_date,
                "{} has a date after the status",
                item.id
            );
        }
        if item.started.is_some() && item.finished.is_none() {
            assert!(item.remaining.is_some(), "{} has no remaining", item.id);
        }
    }
}

#[test]
fn the_example_has_dependencies_of_at_least_four_kinds() {
    let program = example();
    assert!(program.dependencies.len() >= 5);
    let kinds: HashSet<DependencyKind> = program.dependencies.iter().map(|d| d.kind).collect();
    assert!(kinds.len() >= 4, "{kinds:?}");
    for dep in &program.dependencies {
        assert!(dep.owner.is_some() && dep.due.is_some(), "{}", dep.id);
        assert!(
            dep.mitigation.is_some() && dep.reviewed.is_some(),
            "{}",
            dep.id
        );
        let linked = program
            .items
            .iter()
            .any(|i| i.after.iter().any(|l| l.id == dep.id));
        assert!(linked, "no item waits for {}", dep.id);
    }
    let vendor = program.dependency("VEND-1").unwrap();
    assert_eq!(vendor.kind, DependencyKind::ThirdPartyApi);
    assert_eq!(vendor.slip, Some([0, 5, 15]));
    // The weekly review finds at least one entry overdue for review, and not all of them.
    let status_date = program.status_date.unwrap();
    let overdue = program
        .dependencies
        .iter()
        .filter(|d| (status_date - d.reviewed.unwrap()).num_days() > 7)
        .count();
    assert!(overdue >= 1 && overdue < program.dependencies.len());
}

#[test]
fn the_example_uses_every_kind_of_link_and_a_lead() {
    let program = example();
    let links: Vec<_> = program.items.iter().flat_map(|i| i.after.iter()).collect();
    let types: HashSet<LinkType> = links.iter().map(|l| l.link_type).collect();
    for wanted in [LinkType::FS, LinkType::SS, LinkType::FF] {
        assert!(types.contains(&wanted), "no {wanted:?} link");
    }
    assert!(links.iter().any(|l| l.lag < 0), "no lead (negative lag)");
    assert!(links
        .iter()
        .any(|l| l.link_type == LinkType::SS && l.lag > 0));
}

#[test]
fn the_example_has_risks_and_a_pending_decision() {
    let program = example();
    let status_date = program.status_date.unwrap();
    assert!(program.risks.len() >= 4);
    let open_soon = program.risks.iter().any(|r| {
        r.state == RiskState::Open
            && r.trigger
                .is_some_and(|t| t > status_date && (t - status_date).num_days() <= 14)
    });
    let blocker = program
        .risks
        .iter()
        .any(|r| r.state == RiskState::Open && r.trigger.is_some_and(|t| t < status_date));
    let mitigated = program
        .risks
        .iter()
        .any(|r| r.state == RiskState::Mitigated);
    assert!(open_soon && blocker && mitigated);

    let pending = program
        .decisions
        .iter()
        .find(|d| d.decided.is_none() && d.needed_by == Some(date("2026-11-26")))
        .expect("a decision needed by 26 Nov");
    assert_eq!(pending.from.as_deref(), Some("VP Engineering"));
    assert!(pending.recommendation.is_some());
    assert!(program
        .risks
        .iter()
        .any(|r| r.decision.as_deref() == Some(pending.id.as_str())));
    assert!(program.decisions.iter().any(|d| d.outcome.is_some()));
    assert_eq!(program.summary, Default::default());
}

/// The first update of the unbroken Yellow run that ends the history at `as_of`, if any.
fn trailing_yellow_run(status: &[StatusUpdate], as_of: NaiveDate) -> Option<&StatusUpdate> {
    let known: Vec<&StatusUpdate> = status.iter().filter(|u| u.date <= as_of).collect();
    let run = known
        .iter()
        .rev()
        .take_while(|u| u.colour == Colour::Yellow)
        .count();
    (run > 0).then(|| known[known.len() - run])
}

#[test]
fn exactly_one_item_has_been_yellow_for_two_weeks_without_moving() {
    let program = example();
    let as_of = program.status_date.unwrap();
    let stale_after = i64::from(program.rules.stale_yellow_days);
    let long_yellow = |status: &[StatusUpdate]| {
        trailing_yellow_run(status, as_of)
            .filter(|first| (as_of - first.date).num_days() >= stale_after)
            .cloned()
    };

    let stale: Vec<(&str, StatusUpdate)> = program
        .items
        .iter()
        .filter_map(|i| long_yellow(&i.status).map(|first| (i.id.as_str(), first)))
        .chain(
            program
                .dependencies
                .iter()
                .filter_map(|d| long_yellow(&d.status).map(|first| (d.id.as_str(), first))),
        )
        .collect();
    assert_eq!(stale.len(), 1, "{stale:?}");
    let (id, first) = &stale[0];
    assert!(first.date <= date("2026-11-06"));

    // No movement since: started before the run, not finished, no lower remaining.
    let item = program.item(id).expect("the stale entry is an item");
    assert!(item.started.is_some_and(|s| s < first.date), "{id}");
    assert!(item.finished.is_none());
    let at_start = first
        .remaining
        .expect("the first Yellow update says what remains");
    for update in item.status.iter().filter(|u| u.date >= first.date) {
        assert!(update.remaining.is_none_or(|r| r >= at_start), "{id} moved");
    }
    assert_eq!(item.remaining, Some(at_start));
}

#[test]
fn yellow_that_moved_or_is_recent_is_not_stale() {
    let program = example();
    let as_of = program.status_date.unwrap();
    // Yellow only since the last-but-one update.
    assert!(program
        .items
        .iter()
        .any(|i| trailing_yellow_run(&i.status, as_of)
            .is_some_and(|first| (as_of - first.date).num_days() == 7)));
    // Yellow at some point with a lower remaining on a later Yellow update.
    let moved = program.items.iter().any(|i| {
        i.status.windows(2).any(|w| {
            w[0].colour == Colour::Yellow
                && w[1].colour == Colour::Yellow
                && matches!((w[0].remaining, w[1].remaining), (Some(a), Some(b)) if b < a)
        })
    });
    assert!(moved);
}

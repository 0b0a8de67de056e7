//! Merging pulls with provenance: each item remembers when its tracker last listed it and
//! when it first no longer did, and pulling again keeps everything the TPM added.

mod pull_support;

use chrono::Duration;
use serde_json::Value;

use pull_support::*;
use throughline::io::pull::LinearSelection;
use throughline::io::{merge_at, Import, ImportOptions};
use throughline::model::{
    check_program, read_program, write_program, Colour, Item, Program, Severity, StatusUpdate,
};

// ---------------------------------------------------------------------------------------
// Merge with provenance

fn empty_program() -> Program {
    let mut program = Program::new("Checkout", date(2026, 9, 7));
    program.status_date = Some(date(2026, 11, 20));
    program
}

fn item<'a>(program: &'a Program, id: &str) -> &'a Item {
    program
        .item(id)
        .unwrap_or_else(|| panic!("{id} not in the program"))
}

fn changed() -> Import {
    pull(&[ISSUES_CHANGED], ImportOptions::default())
}

/// The program after a first pull on Monday, then tended by the TPM.
fn tended() -> Program {
    let mut program = merge_at(&empty_program(), &pulled(), monday()).program;
    let eng2 = program.items.iter_mut().find(|i| i.id == "ENG-2").unwrap();
    eng2.days = 12;
    eng2.low = Some(9);
    eng2.high = Some(20);
    eng2.status.push(StatusUpdate {
        date: date(2026, 11, 20),
        colour: Colour::Yellow,
        note: Some("Sandbox keys late".into()),
        by: Some("Dana Wu".into()),
        remaining: Some(6),
    });
    program
}

#[test]
fn a_first_pull_adds_every_issue_remembering_when_it_was_pulled() {
    let merged = merge_at(&empty_program(), &pulled(), monday());
    let program = &merged.program;
    assert_eq!(merged.report.added.len(), 6);
    for item in &program.items {
        let source = item.source.as_ref().unwrap();
        assert_eq!(
            (source.system.as_str(), source.key.as_str()),
            ("linear", item.id.as_str())
        );
        assert_eq!(source.pulled, Some(monday()));
        assert_eq!(source.missing, None);
    }
    assert_eq!(program.teams.len(), 1);
    assert_eq!(
        (program.teams[0].id.as_str(), program.teams[0].name.as_str()),
        ("eng", "Engineering")
    );
    let after: Vec<&str> = item(program, "ENG-3")
        .after
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(after, ["ENG-2"]);
    assert_eq!(item(program, "ENG-1").finished, Some(date(2026, 10, 16)));
    assert!(merged.report.warnings.iter().any(|w| w.contains("PAY-9")));
    let errors: Vec<_> = check_program(program)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn pulling_again_keeps_colours_notes_and_hand_estimates() {
    let before = tended();
    let tuesday = monday() + Duration::days(7);
    let merged = merge_at(&before, &changed(), tuesday);
    let program = &merged.program;
    let eng2 = item(program, "ENG-2");
    assert_eq!(eng2.title, "Checkout API v2");
    assert_eq!(eng2.due, Some(date(2026, 12, 4)));
    assert_eq!((eng2.days, eng2.low, eng2.high), (12, Some(9), Some(20)));
    assert_eq!(eng2.status, item(&before, "ENG-2").status);
    assert_eq!(eng2.source.as_ref().unwrap().pulled, Some(tuesday));
    let eng3 = item(program, "ENG-3");
    assert_eq!(eng3.started, Some(date(2026, 11, 23)));
    assert_eq!(eng3.owner.as_deref(), Some("Ana Ruiz"));
    assert_eq!(item(program, "ENG-4").finished, Some(date(2026, 11, 20)));
    assert_eq!(merged.report.added, ["ENG-7"]);
    assert_eq!(
        item(program, "ENG-7").source.as_ref().unwrap().pulled,
        Some(tuesday)
    );
}

#[test]
fn an_item_no_longer_listed_is_kept_and_marked_missing_until_listed_again() {
    let tuesday = monday() + Duration::days(7);
    let merged = merge_at(&tended(), &changed(), tuesday);
    assert_eq!(merged.report.missing, ["ENG-5"]);
    let eng5 = item(&merged.program, "ENG-5").source.clone().unwrap();
    assert_eq!(eng5.missing, Some(tuesday));
    assert_eq!(eng5.pulled, Some(monday()), "last listed on Monday");

    // Still missing a week later: the first time it was missed is kept.
    let later = tuesday + Duration::days(7);
    let again = merge_at(&merged.program, &changed(), later);
    assert_eq!(
        item(&again.program, "ENG-5")
            .source
            .as_ref()
            .unwrap()
            .missing,
        Some(tuesday)
    );

    // Listed again: the mark goes.
    let back = merge_at(&again.program, &pulled(), later);
    let eng5 = item(&back.program, "ENG-5").source.clone().unwrap();
    assert_eq!((eng5.pulled, eng5.missing), (Some(later), None));
    assert!(back.report.missing.contains(&"ENG-7".to_string()));
}

#[test]
fn pulled_and_missing_times_alone_do_not_count_as_updates() {
    let first = merge_at(&empty_program(), &pulled(), monday());
    let second = merge_at(&first.program, &pulled(), monday() + Duration::hours(2));
    assert!(
        second.report.updated.is_empty(),
        "{:?}",
        second.report.updated
    );
    assert_eq!(second.report.summary(), "6 unchanged");
}

#[test]
fn an_incomplete_pull_marks_nothing_missing() {
    let mut partial = changed();
    partial.complete = false;
    let merged = merge_at(&tended(), &partial, monday() + Duration::days(7));
    assert!(merged.report.missing.is_empty());
    assert_eq!(
        item(&merged.program, "ENG-5")
            .source
            .as_ref()
            .unwrap()
            .missing,
        None
    );
}

#[test]
fn a_pull_by_project_marks_only_items_of_its_chosen_teams_missing() {
    // Items do not record their Linear project, so a pull of one project cannot tell
    // which of the team's other items left it.
    let by_project = LinearSelection {
        team_ids: vec![],
        project_ids: vec![CHECKOUT.into()],
    };
    let tuesday = monday() + Duration::days(7);
    let project_only = pull_of(&by_project, &[ISSUES_CHANGED], ImportOptions::default());
    assert_eq!(project_only.covers, Some(vec![]));
    assert!(merge_at(&tended(), &project_only, tuesday)
        .report
        .missing
        .is_empty());

    let team_and_project = LinearSelection {
        team_ids: vec![ENG.into()],
        ..by_project
    };
    let both = pull_of(
        &team_and_project,
        &[ISSUES_CHANGED],
        ImportOptions::default(),
    );
    assert_eq!(both.covers, Some(vec!["ENG".to_string()]));
    assert_eq!(
        merge_at(&tended(), &both, tuesday).report.missing,
        ["ENG-5"]
    );
}

#[test]
fn provenance_is_written_as_rfc_3339_and_read_back() {
    let tuesday = at("2026-11-24T16:45:30.250+01:00");
    let program = merge_at(&tended(), &changed(), tuesday).program;
    let text = write_program(&program);
    assert!(
        text.contains(r#""pulled": "2026-11-23T09:00:00Z""#),
        "{text}"
    );
    assert!(
        text.contains(r#""missing": "2026-11-24T15:45:30.250Z""#),
        "{text}"
    );
    let loaded = read_program(&text).expect("reads back");
    assert_eq!(loaded.program, program);
}

#[test]
fn a_bad_provenance_time_is_reported_by_place() {
    let mut value: Value = serde_json::from_str(&write_program(
        &merge_at(&empty_program(), &pulled(), monday()).program,
    ))
    .unwrap();
    value["items"][0]["source"]["pulled"] = "last Monday".into();
    value["items"][1]["source"]["missing"] = 5.into();
    value["items"][2]["source"]["missing"] = Value::Null;
    let err = read_program(&value.to_string()).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("items[ENG-1].source.pulled"), "{message}");
    assert!(message.contains("RFC 3339"), "{message}");
    assert!(message.contains("items[ENG-2].source.missing"), "{message}");
    assert!(!message.contains("ENG-3"), "{message}");
}

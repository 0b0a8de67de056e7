//! The io layer from the outside: schedule CSV, Jira/Linear import and merge, against
//! fixtures shaped like real exports (docs/rules.md#import). Share links: tests/codec.rs.

use chrono::NaiveDate;

use throughline::io::{
    import_csv, merge, schedule_csv, Import, ImportError, ImportOptions, ImportedIssue, Progress,
    ScheduleRow, System,
};
use throughline::model::{
    read_program, write_program_compact, Colour, Dependency, Item, Link, LinkType, Program, Risk,
    Source, StatusUpdate, Team,
};

const JIRA_ALL: &str = include_str!("fixtures/jira-all-fields.csv");
const JIRA_CURRENT: &str = include_str!("fixtures/jira-current-fields.csv");
const LINEAR_RELATIONS: &str = include_str!("fixtures/linear-with-relations.csv");
const LINEAR_PLAIN: &str = include_str!("fixtures/linear-plain.csv");

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn import(text: &str) -> Import {
    import_csv(text, &ImportOptions::default()).expect("the export reads")
}

fn issue<'a>(import: &'a Import, key: &str) -> &'a ImportedIssue {
    import
        .issues
        .iter()
        .find(|issue| issue.key == key)
        .unwrap_or_else(|| panic!("{key} not imported"))
}

fn keys(import: &Import) -> Vec<&str> {
    import.issues.iter().map(|i| i.key.as_str()).collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------
// Schedule CSV

fn schedule_row(id: &str, title: &str, float: i64, colour: Option<&str>) -> ScheduleRow {
    ScheduleRow {
        id: id.into(),
        title: title.into(),
        owner: "Dana Wu".into(),
        start: date(2026, 11, 2),
        finish: date(2026, 11, 13),
        float,
        critical: float == 0,
        colour: colour.map(str::to_string),
    }
}

#[test]
fn the_schedule_csv_has_the_header_and_one_crlf_line_per_row() {
    let csv = schedule_csv(&[
        schedule_row("PAY-1", "Integrate", 0, Some("red")),
        schedule_row("PAY-2", "Docs", 4, None),
    ]);
    assert_eq!(
        csv,
        "id,title,owner,start,finish,float,critical,colour\r\n\
         PAY-1,Integrate,Dana Wu,2026-11-02,2026-11-13,0,yes,red\r\n\
         PAY-2,Docs,Dana Wu,2026-11-02,2026-11-13,4,no,\r\n"
    );
}

#[test]
fn the_schedule_csv_quotes_commas_quotes_and_newlines() {
    let title = "Fees: \"+£3,100\"\nvs budget";
    let csv = schedule_csv(&[schedule_row("PAY-1", title, 2, Some("green"))]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(&record[1], title);
    assert_eq!(record.len(), 8);
}

#[test]
fn the_schedule_csv_defuses_formulas_but_not_negative_float() {
    let csv = schedule_csv(&[ScheduleRow {
        owner: "@admin".into(),
        ..schedule_row("=1+1", "-cmd|' /C calc'!A0", -3, Some("+x"))
    }]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(&record[0], "'=1+1");
    assert_eq!(&record[1], "'-cmd|' /C calc'!A0");
    assert_eq!(&record[2], "'@admin");
    assert_eq!(&record[5], "-3");
    assert_eq!(&record[7], "'+x");
}

#[test]
fn an_empty_schedule_is_just_the_header() {
    assert_eq!(
        schedule_csv(&[]),
        "id,title,owner,start,finish,float,critical,colour\r\n"
    );
}

// ---------------------------------------------------------------------------------------
// Jira import

#[test]
fn the_jira_all_fields_export_reads_every_row_with_a_key() {
    let import = import(JIRA_ALL);
    assert_eq!(import.system, System::Jira);
    assert_eq!(
        keys(&import),
        ["PAY-1", "PAY-2", "PAY-3", "PAY-4", "PAY-5", "PAY-6"]
    );
}

#[test]
fn a_row_without_a_key_is_skipped_with_a_warning_naming_the_row() {
    let import = import(JIRA_ALL);
    // Row 7 counts records as a spreadsheet does: the quoted newline is not a new row.
    assert!(
        import
            .warnings
            .iter()
            .any(|w| w == "Row 7 has no issue key; skipped"),
        "{:?}",
        import.warnings
    );
}

#[test]
fn quoted_commas_quotes_and_newlines_stay_in_the_title() {
    let import = import(JIRA_ALL);
    assert_eq!(issue(&import, "PAY-2").title, "Integrate payments API, v3");
    assert_eq!(issue(&import, "PAY-3").title, "Checkout UI\nwith retries");
    assert_eq!(issue(&import, "PAY-4").title, "Fraud \"rules\" engine");
}

#[test]
fn twelve_hour_jira_dates_are_read() {
    let import = import(JIRA_ALL);
    assert_eq!(issue(&import, "PAY-2").due, Some(date(2026, 11, 23)));
    assert_eq!(issue(&import, "PAY-3").due, Some(date(2026, 12, 1)));
}

#[test]
fn jira_progress_follows_the_status_category_then_the_status_name() {
    let import = import(JIRA_ALL);
    let progress = |key| issue(&import, key).progress;
    assert_eq!(
        progress("PAY-1"),
        Progress::Done {
            finished: Some(date(2026, 10, 20))
        }
    );
    assert_eq!(
        progress("PAY-2"),
        Progress::InProgress {
            started: Some(date(2026, 10, 5))
        }
    );
    assert_eq!(progress("PAY-3"), Progress::ToDo);
    // "In Review" with an empty category cell.
    assert_eq!(progress("PAY-4"), Progress::InProgress { started: None });
    // "Closed" on a ragged row that ends before the category column.
    assert_eq!(progress("PAY-5"), Progress::Done { finished: None });
    // "Won't Do" is in the Done category; its resolution date has no leading zero.
    assert_eq!(
        progress("PAY-6"),
        Progress::Done {
            finished: Some(date(2026, 11, 2))
        }
    );
}

#[test]
fn time_estimates_in_seconds_win_over_story_points_and_round_up() {
    let import = import(JIRA_ALL);
    let estimate = |key| issue(&import, key).estimate_days;
    assert_eq!(estimate("PAY-2"), Some(10)); // 288000 s = 80 h
    assert_eq!(estimate("PAY-3"), Some(3)); // 3 points
    assert_eq!(estimate("PAY-4"), Some(1)); // 4 hours
    assert_eq!(estimate("PAY-1"), None);

    let options = ImportOptions {
        days_per_point: 0.5,
        hours_per_day: 6.0,
    };
    let import = import_csv(JIRA_ALL, &options).unwrap();
    assert_eq!(issue(&import, "PAY-2").estimate_days, Some(14)); // 80 h / 6
    assert_eq!(issue(&import, "PAY-3").estimate_days, Some(2)); // 1.5 days
}

#[test]
fn parents_come_from_the_parent_key_or_a_numeric_parent_id() {
    let import = import(JIRA_ALL);
    assert_eq!(issue(&import, "PAY-2").parent.as_deref(), Some("PAY-1"));
    assert_eq!(issue(&import, "PAY-3").parent.as_deref(), Some("PAY-1"));
    assert_eq!(issue(&import, "PAY-1").parent, None);
}

#[test]
fn repeated_blocks_columns_give_both_link_directions() {
    let import = import(JIRA_ALL);
    assert_eq!(issue(&import, "PAY-2").blocks, ["PAY-3", "PAY-4"]);
    assert_eq!(issue(&import, "PAY-3").blocked_by, ["PAY-2"]);
    assert_eq!(issue(&import, "PAY-4").blocked_by, ["PAY-2"]);
    assert_eq!(issue(&import, "PAY-4").blocks, ["OPS-9"]);
    // Cloners links are not scheduling links.
    assert!(import
        .issues
        .iter()
        .all(|i| !i.blocks.contains(&"PAY-99".to_string())
            && !i.blocked_by.contains(&"PAY-99".to_string())));
}

#[test]
fn a_ragged_row_is_read_with_the_fields_it_has() {
    let import = import(JIRA_ALL);
    let pay5 = issue(&import, "PAY-5");
    assert_eq!(pay5.title, "Settlement reports");
    assert_eq!(pay5.team.as_deref(), Some("PAY"));
    assert_eq!(pay5.owner, None);
    assert_eq!(pay5.due, None);
}

#[test]
fn the_jira_project_becomes_the_team() {
    let import = import(JIRA_ALL);
    let pay2 = issue(&import, "PAY-2");
    assert_eq!(pay2.team.as_deref(), Some("PAY"));
    assert_eq!(pay2.team_name.as_deref(), Some("Payments"));
    assert_eq!(pay2.owner.as_deref(), Some("Dana Wu"));
}

#[test]
fn the_jira_current_fields_export_reads_24_hour_dates_and_empty_assignees() {
    let import = import(JIRA_CURRENT);
    assert_eq!(import.system, System::Jira);
    assert_eq!(keys(&import), ["OPS-1", "OPS-2", "OPS-3"]);
    let ops1 = issue(&import, "OPS-1");
    assert_eq!(ops1.due, Some(date(2018, 8, 15)));
    assert_eq!(ops1.progress, Progress::Done { finished: None });
    assert_eq!(ops1.team.as_deref(), Some("OPS")); // from the key: no project column
    let ops2 = issue(&import, "OPS-2");
    assert_eq!(ops2.owner, None);
    assert_eq!(ops2.progress, Progress::InProgress { started: None });
    let ops3 = issue(&import, "OPS-3");
    assert_eq!(ops3.title, "Runbook, on-call rota");
    assert_eq!(ops3.progress, Progress::ToDo);
    assert_eq!(ops3.due, Some(date(2018, 8, 30)));
    assert!(import.warnings.is_empty(), "{:?}", import.warnings);
}

#[test]
fn work_item_key_headers_are_jira_too() {
    let import = import("Work item key,Summary,Status\r\nAPP-4,Login,Done\r\n");
    assert_eq!(import.system, System::Jira);
    assert_eq!(
        issue(&import, "APP-4").progress,
        Progress::Done { finished: None }
    );
}

#[test]
fn a_repeated_key_keeps_the_first_row_and_warns() {
    let import = import("Issue key,Summary\nA-1,First\nA-1,Second\n");
    assert_eq!(import.issues.len(), 1);
    assert_eq!(import.issues[0].title, "First");
    assert!(import.warnings[0].contains("A-1 appears more than once"));
}

// ---------------------------------------------------------------------------------------
// Linear import

#[test]
fn the_linear_export_reads_blocks_and_blocked_by() {
    let import = import(LINEAR_RELATIONS);
    assert_eq!(import.system, System::Linear);
    assert_eq!(keys(&import), ["CSV-1", "CSV-2", "CSV-3", "CSV-4"]);
    assert_eq!(issue(&import, "CSV-1").blocks, ["CSV-2", "CSV-3"]);
    assert_eq!(issue(&import, "CSV-2").blocked_by, ["CSV-1"]);
    assert_eq!(issue(&import, "CSV-3").blocked_by, ["CSV-1", "CSV-2"]);
    assert_eq!(issue(&import, "CSV-2").parent.as_deref(), Some("CSV-1"));
    assert_eq!(issue(&import, "CSV-2").owner.as_deref(), Some("Ben"));
    assert_eq!(issue(&import, "CSV-2").team.as_deref(), Some("Core"));
}

#[test]
fn linear_progress_comes_from_completed_canceled_and_started_dates() {
    let import = import(LINEAR_RELATIONS);
    assert_eq!(
        issue(&import, "CSV-1").progress,
        Progress::Done {
            finished: Some(date(2024, 5, 14))
        }
    );
    assert_eq!(
        issue(&import, "CSV-2").progress,
        Progress::InProgress {
            started: Some(date(2024, 5, 15))
        }
    );
    assert_eq!(issue(&import, "CSV-3").progress, Progress::ToDo);
    assert_eq!(
        issue(&import, "CSV-4").progress,
        Progress::Done {
            finished: Some(date(2024, 5, 20))
        }
    );
    assert_eq!(issue(&import, "CSV-2").due, Some(date(2024, 6, 1)));
}

#[test]
fn the_formula_escaping_apostrophe_is_removed() {
    let import = import(LINEAR_RELATIONS);
    assert_eq!(issue(&import, "CSV-3").title, "+1 support button");
}

#[test]
fn the_plain_linear_export_reads_javascript_dates_and_scales_estimates() {
    let import = import(LINEAR_PLAIN);
    assert_eq!(import.system, System::Linear);
    assert_eq!(
        issue(&import, "ENG-1").progress,
        Progress::Done {
            finished: Some(date(2023, 3, 17))
        }
    );
    assert_eq!(
        issue(&import, "ENG-2").progress,
        Progress::InProgress {
            started: Some(date(2023, 3, 14))
        }
    );
    assert_eq!(issue(&import, "ENG-2").due, Some(date(2023, 3, 31)));
    assert_eq!(issue(&import, "ENG-3").estimate_days, Some(1)); // half a point rounds up
    assert_eq!(issue(&import, "ENG-3").due, None);
    assert!(import
        .warnings
        .iter()
        .any(|w| w.contains("ENG-3") && w.contains("next week")));

    let options = ImportOptions {
        days_per_point: 2.0,
        ..ImportOptions::default()
    };
    let import = import_csv(LINEAR_PLAIN, &options).unwrap();
    assert_eq!(issue(&import, "ENG-1").estimate_days, Some(10));
}

#[test]
fn a_lowercase_id_header_and_a_bom_still_read_as_linear() {
    let import = import("\u{feff}\"Id\",\"Title\",\"Status\"\n\"X-1\",\"Thing\",\"Todo\"\n");
    assert_eq!(import.system, System::Linear);
    assert_eq!(issue(&import, "X-1").title, "Thing");
}

#[test]
fn a_csv_that_is_neither_export_is_refused_with_a_clear_message() {
    let err = import_csv("Name,Amount\nRent,100\n", &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, ImportError::NotAnExport(_)));
    assert!(err.to_string().starts_with(
        "This CSV is neither a Jira nor a Linear export: no 'Issue key' or 'ID' column"
    ));
}

#[test]
fn an_empty_csv_is_refused() {
    for text in ["", "\u{feff}", "\n\n", ",,,\n"] {
        assert_eq!(
            import_csv(text, &ImportOptions::default()).unwrap_err(),
            ImportError::Empty
        );
    }
}

// ---------------------------------------------------------------------------------------
// Merge

fn empty_program() -> Program {
    let mut program = Program::new("Payments", date(2026, 9, 7));
    program.status_date = Some(date(2026, 11, 20));
    program
}

fn item<'a>(program: &'a Program, id: &str) -> &'a Item {
    program
        .item(id)
        .unwrap_or_else(|| panic!("{id} not in the program"))
}

fn after_ids(item: &Item) -> Vec<&str> {
    item.after.iter().map(|l| l.id.as_str()).collect()
}

#[test]
fn a_first_import_adds_every_issue_with_its_links_and_team() {
    let merged = merge(&empty_program(), &import(JIRA_ALL));
    let program = &merged.program;
    assert_eq!(
        merged.report.added,
        strings(&["PAY-1", "PAY-2", "PAY-3", "PAY-4", "PAY-5", "PAY-6"])
    );
    assert_eq!(program.teams.len(), 1);
    assert_eq!(program.teams[0].id, "pay");
    assert_eq!(program.teams[0].name, "Payments");
    let pay2 = item(program, "PAY-2");
    assert_eq!(pay2.team.as_deref(), Some("pay"));
    assert_eq!(pay2.days, 10);
    assert_eq!(pay2.started, Some(date(2026, 10, 5)));
    assert_eq!(pay2.source, Some(Source::new("jira", "PAY-2")));
    assert_eq!(after_ids(item(program, "PAY-3")), ["PAY-2"]);
    assert_eq!(after_ids(item(program, "PAY-4")), ["PAY-2"]);
    assert!(item(program, "PAY-2").after.is_empty());
    let pay1 = item(program, "PAY-1");
    assert_eq!(pay1.finished, Some(date(2026, 10, 20)));
    assert_eq!(pay1.started, Some(date(2026, 10, 20)));
    // PAY-5 is done without a date: the status date stands in.
    assert_eq!(item(program, "PAY-5").finished, Some(date(2026, 11, 20)));

    let warnings = &merged.report.warnings;
    assert!(warnings
        .iter()
        .any(|w| w == "PAY-1, PAY-5, PAY-6: no estimate in the export, 1 day assumed"));
    assert!(warnings.iter().any(|w| w.contains("OPS-9")));
    assert_eq!(item(program, "PAY-1").days, 1);

    // The result is a valid program file.
    let loaded = read_program(&write_program_compact(program)).expect("merged program reads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

const NEWER_EXPORT: &str = "\
Issue key,Summary,Assignee,Status,Status Category,Due date,Resolved,Original estimate,Outward issue link (Blocks),Inward issue link (Blocks)
PAY-1,Payments epic,Dana Wu,Done,Done,,20/Oct/26 4:30 PM,,,
PAY-2,Integrate payments API v3.1,Dana Wu,In Progress,In Progress,23/Nov/26 2:15 PM,,288000,PAY-3,
PAY-3,Checkout UI,Ana Ruiz,In Progress,In Progress,,,,,PAY-2
PAY-4,Fraud rules engine,Sam Lee,In Review,In Progress,04/Dec/26 12:00 AM,,14400,,
PAY-5,Settlement reports,,Closed,Done,,,,,
PAY-7,Refunds,Lee Park,To Do,To Do,,,57600,,
PAY-8,Clashes with a dependency,,To Do,To Do,,,,,
";

/// A program after a first import, then edited by the TPM.
fn tended_program() -> Program {
    let mut program = merge(&empty_program(), &import(JIRA_ALL)).program;
    program
        .dependencies
        .push(Dependency::new("VEND-1", "Vendor API").into());
    program
        .dependencies
        .push(Dependency::new("PAY-8", "Clashing id").into());
    program.risks.push(
        Risk {
            uid: String::new(),
            id: "R-1".into(),
            title: "Vendor sandbox unstable".into(),
            owner: None,
            level: Default::default(),
            affects: vec!["PAY-2".into()],
            trigger: None,
            options: vec![],
            state: Default::default(),
            decision: None,
        }
        .into(),
    );
    let pay2 = program.items.iter_mut().find(|i| i.id == "PAY-2").unwrap();
    pay2.days = 12;
    pay2.low = Some(9);
    pay2.high = Some(20);
    pay2.remaining = Some(4);
    pay2.status.push(StatusUpdate {
        date: date(2026, 11, 13),
        colour: Colour::Yellow,
        note: Some("Vendor sandbox unstable".into()),
        by: Some("Dana Wu".into()),
        remaining: Some(6),
    });
    let pay3 = program.items.iter_mut().find(|i| i.id == "PAY-3").unwrap();
    pay3.after.push(Link {
        id: "VEND-1".into(),
        link_type: LinkType::FS,
        lag: 2,
    });
    pay3.not_before = Some(date(2026, 11, 2));
    // Added by hand with the tracker's key before it was imported, estimate unknown.
    let mut pay7 = Item::task("PAY-7", "Refunds (draft)", 0);
    pay7.status.push(StatusUpdate {
        date: date(2026, 11, 13),
        colour: Colour::Green,
        note: None,
        by: None,
        remaining: None,
    });
    program.items.push(pay7.into());
    program
}

#[test]
fn re_importing_keeps_colours_notes_and_hand_estimates() {
    let before = tended_program();
    let merged = merge(&before, &import(NEWER_EXPORT));
    let program = &merged.program;
    let pay2 = item(program, "PAY-2");
    assert_eq!(pay2.title, "Integrate payments API v3.1");
    assert_eq!((pay2.days, pay2.low, pay2.high), (12, Some(9), Some(20)));
    assert_eq!(pay2.remaining, Some(4));
    assert_eq!(pay2.status, item(&before, "PAY-2").status);
    // A blank start date in the newer export does not erase the known one.
    assert_eq!(pay2.started, Some(date(2026, 10, 5)));
    assert_eq!(program.risks, before.risks);
    assert_eq!(program.dependencies, before.dependencies);
    let pay3 = item(program, "PAY-3");
    assert_eq!(pay3.not_before, Some(date(2026, 11, 2)));
    assert_eq!(pay3.after[0].lag, 0);
    assert_eq!(after_ids(pay3), ["PAY-2", "VEND-1"]);
}

#[test]
fn re_importing_updates_titles_owners_dues_progress_and_tracker_links() {
    let merged = merge(&tended_program(), &import(NEWER_EXPORT));
    let program = &merged.program;
    let pay3 = item(program, "PAY-3");
    assert_eq!(pay3.title, "Checkout UI");
    assert_eq!(pay3.owner.as_deref(), Some("Ana Ruiz"));
    assert_eq!(pay3.started, Some(date(2026, 11, 20)));
    let pay4 = item(program, "PAY-4");
    assert_eq!(pay4.due, Some(date(2026, 12, 4)));
    // PAY-2 no longer blocks PAY-4 in the tracker.
    assert!(pay4.after.is_empty());
    // An item the TPM made with the tracker's key is adopted, its zero estimate filled.
    let pay7 = item(program, "PAY-7");
    assert_eq!(pay7.title, "Refunds");
    assert_eq!(pay7.days, 2);
    assert_eq!(pay7.status.len(), 1);
    assert_eq!(pay7.source.as_ref().map(|s| s.key.as_str()), Some("PAY-7"));
}

#[test]
fn re_importing_reports_what_changed_and_flags_missing_keys() {
    let merged = merge(&tended_program(), &import(NEWER_EXPORT));
    let report = &merged.report;
    assert_eq!(report.added, Vec::<String>::new());
    let updated: Vec<(&str, Vec<&str>)> = report
        .updated
        .iter()
        .map(|(id, fields)| (id.as_str(), fields.clone()))
        .collect();
    assert_eq!(
        updated,
        [
            ("PAY-2", vec!["title"]),
            ("PAY-3", vec!["title", "owner", "started"]),
            ("PAY-4", vec!["title", "due", "after"]),
            ("PAY-7", vec!["title", "owner", "team", "days", "source"]),
        ]
    );
    assert_eq!(report.unchanged, strings(&["PAY-1", "PAY-5"]));
    assert_eq!(report.missing, strings(&["PAY-6"]));
    assert!(report
        .warnings
        .iter()
        .any(|w| w.contains("PAY-8") && w.contains("already used")));
    assert_eq!(
        report.summary(),
        "4 updated, 2 unchanged, 1 no longer in the export (PAY-6)"
    );
    // Missing items are kept.
    assert!(merged.program.item("PAY-6").is_some());
    assert_eq!(
        merged.program.dependency("PAY-8").unwrap().title,
        "Clashing id"
    );
}

#[test]
fn re_importing_the_same_export_changes_nothing() {
    let first = merge(&empty_program(), &import(JIRA_ALL));
    let second = merge(&first.program, &import(JIRA_ALL));
    assert_eq!(second.program, first.program);
    assert!(second.report.updated.is_empty());
    assert_eq!(second.report.unchanged.len(), 6);
    assert_eq!(second.report.summary(), "6 unchanged");
}

#[test]
fn an_existing_team_is_reused_by_key_or_name() {
    let mut program = empty_program();
    program.teams.push(
        Team {
            uid: String::new(),
            id: "payments".into(),
            name: "Payments".into(),
            lead: Some("Dana Wu".into()),
            people: None,
            availability: Vec::new(),
        }
        .into(),
    );
    let merged = merge(&program, &import(JIRA_ALL));
    assert_eq!(merged.program.teams.len(), 1);
    assert_eq!(
        item(&merged.program, "PAY-2").team.as_deref(),
        Some("payments")
    );
}

#[test]
fn a_linear_import_links_new_items_to_each_other() {
    let merged = merge(&empty_program(), &import(LINEAR_RELATIONS));
    let program = &merged.program;
    assert_eq!(program.teams[0].id, "core");
    assert_eq!(after_ids(item(program, "CSV-2")), ["CSV-1"]);
    assert_eq!(after_ids(item(program, "CSV-3")), ["CSV-1", "CSV-2"]);
    assert_eq!(item(program, "CSV-2").days, 3);
    assert_eq!(
        item(program, "CSV-1").source.as_ref().unwrap().system,
        "linear"
    );
    assert_eq!(merged.report.summary(), "4 added");
}

#[test]
fn items_from_another_tracker_are_never_flagged_missing() {
    let jira = merge(&empty_program(), &import(JIRA_ALL)).program;
    let both = merge(&jira, &import(LINEAR_PLAIN));
    assert!(both.report.missing.is_empty());
    assert_eq!(both.report.added.len(), 3);
    assert_eq!(both.program.items.len(), 9);
}

#[test]
fn items_of_projects_not_in_the_export_are_not_flagged_missing() {
    let mut program = merge(&empty_program(), &import(JIRA_ALL)).program;
    let mut other = Item::task("MOB-9", "Mobile work from another Jira project", 3);
    other.source = Some(Source::new("jira", "MOB-9"));
    program.items.push(other.into());
    let again = merge(&program, &import(JIRA_ALL));
    assert!(
        again.report.missing.is_empty(),
        "{:?}",
        again.report.missing
    );
    assert!(again.program.items.iter().any(|i| i.id == "MOB-9"));
}

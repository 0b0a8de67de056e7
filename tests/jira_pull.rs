//! Jira's search API from the outside: the links built from what the person types, and
//! the JSON pages they save from those links (in Jira's own shapes, tests/fixtures/jira)
//! read into the same import as a CSV — links both ways, status categories, estimates —
//! with a message naming the page when one is not a search result.

use chrono::NaiveDate;

use throughline::io::pull::{
    import_jira_pages, jira_site, JiraError, JiraSearch, DEFAULT_STORY_POINTS_FIELD,
};
use throughline::io::{merge_at, Import, ImportOptions, ImportedIssue, Progress, System};
use throughline::model::{Item, Program, Source};

const PAGE_1: &str = include_str!("fixtures/jira/search-jql-page-1.json");
const PAGE_2: &str = include_str!("fixtures/jira/search-jql-page-2.json");
const DATA_CENTER: &str = include_str!("fixtures/jira/search-v2-data-center.json");
const ERROR: &str = include_str!("fixtures/jira/search-error.json");

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn search() -> JiraSearch {
    JiraSearch::new("acme.atlassian.net", "project = PAY ORDER BY rank", "").unwrap()
}

fn read(pages: &[&str]) -> Import {
    import_jira_pages(pages, DEFAULT_STORY_POINTS_FIELD, &ImportOptions::default())
        .expect("the pages read")
}

fn both_pages() -> Import {
    read(&[PAGE_1, PAGE_2])
}

fn issue<'a>(import: &'a Import, key: &str) -> &'a ImportedIssue {
    import
        .issues
        .iter()
        .find(|issue| issue.key == key)
        .unwrap_or_else(|| panic!("{key} not read"))
}

// ---------------------------------------------------------------------------------------
// Links

#[test]
fn a_site_typed_any_way_becomes_its_origin() {
    for typed in [
        "acme.atlassian.net",
        " https://acme.atlassian.net/ ",
        "https://acme.atlassian.net/jira/software/projects/PAY/boards/1?selectedIssue=PAY-2",
        "acme.atlassian.net/browse/PAY-2",
        "HTTPS://ACME.atlassian.net#top",
    ] {
        assert_eq!(
            jira_site(typed).unwrap(),
            "https://acme.atlassian.net",
            "{typed}"
        );
    }
    assert_eq!(
        jira_site("http://jira.internal.example:8080/secure/RapidBoard.jspa?rapidView=3").unwrap(),
        "http://jira.internal.example:8080"
    );
    for bad in [
        "",
        "acme",
        "ftp://acme.atlassian.net",
        "https://",
        "acme .atlassian.net",
        "a.b:99999999",
        "javascript:alert(1)",
    ] {
        let err = jira_site(bad).unwrap_err();
        assert!(matches!(err, JiraError::BadSite(_)), "{bad}");
        assert!(err.to_string().contains("acme.atlassian.net"), "{err}");
    }
}

#[test]
fn the_search_link_asks_for_the_fields_the_plan_needs_with_the_story_points_field() {
    assert_eq!(
        search().link(),
        "https://acme.atlassian.net/rest/api/3/search/jql?\
         jql=project%20%3D%20PAY%20ORDER%20BY%20rank\
         &fields=summary,status,assignee,duedate,issuelinks,timeoriginalestimate,timeestimate,\
         customfield_10016,created,resolutiondate,parent,project,statuscategorychangedate\
         &maxResults=100"
    );
    let own = JiraSearch::new("acme.atlassian.net", "project = PAY", "customfield_10026").unwrap();
    assert!(own.link().contains(",customfield_10026,"));
}

#[test]
fn the_next_page_link_comes_from_the_page_s_token() {
    let next = search().next_link(PAGE_1).expect("page 1 has a next page");
    assert_eq!(
        next,
        format!(
            "{}&nextPageToken=Ch0jU3RyaW5nJlVFRlojSW5kZXhlZA%3D%3DIg%3D%3DJIBtaXJrIzEwMDQy",
            search().link()
        )
    );
    assert_eq!(search().next_link(PAGE_2), None, "page 2 is the last");
    assert_eq!(search().next_link("not json"), None);
}

#[test]
fn older_pages_with_start_at_link_to_the_data_center_search() {
    let page =
        r#"{"startAt":0,"maxResults":100,"total":250,"issues":[{"key":"A-1"},{"key":"A-2"}]}"#;
    let next = search().next_link(page).unwrap();
    assert!(next.starts_with("https://acme.atlassian.net/rest/api/2/search?jql=project"));
    assert!(next.ends_with("&maxResults=100&startAt=2"));
    assert_eq!(search().next_link(DATA_CENTER), None, "all 2 of 2 are in");
}

#[test]
fn an_empty_query_or_a_strange_field_is_refused_with_an_example() {
    assert_eq!(
        JiraSearch::new("acme.atlassian.net", "  ", "").unwrap_err(),
        JiraError::NoQuery
    );
    let err = JiraSearch::new("acme.atlassian.net", "project = PAY", "story points").unwrap_err();
    assert_eq!(err, JiraError::BadField("story points".into()));
    assert!(err.to_string().contains("customfield_10016"));
}

// ---------------------------------------------------------------------------------------
// Pages

#[test]
fn two_pages_read_as_one_complete_import() {
    let import = both_pages();
    assert_eq!(import.system, System::Jira);
    assert!(import.complete);
    let keys: Vec<&str> = import.issues.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["PAY-1", "PAY-2", "PAY-3", "PAY-4", "PAY-5", "PAY-6"]);
    assert!(import.warnings.is_empty(), "{:?}", import.warnings);
    // Pages dropped in any order read the same.
    assert_eq!(read(&[PAGE_2, PAGE_1]).issues.len(), 6);
}

#[test]
fn blocks_links_are_read_in_both_directions_and_other_link_types_ignored() {
    let import = both_pages();
    assert_eq!(issue(&import, "PAY-2").blocks, ["PAY-3", "PAY-4"]);
    assert!(
        issue(&import, "PAY-2").blocked_by.is_empty(),
        "Relates is not a dependency"
    );
    assert_eq!(issue(&import, "PAY-3").blocked_by, ["PAY-2"]);
    assert_eq!(issue(&import, "PAY-4").blocked_by, ["PAY-2"]);
    assert_eq!(issue(&import, "PAY-6").blocked_by, ["OPS-9"]);
}

#[test]
fn status_categories_give_progress_with_resolution_and_category_dates() {
    let import = both_pages();
    assert_eq!(
        issue(&import, "PAY-1").progress,
        Progress::Done {
            finished: Some(date(2026, 10, 20))
        }
    );
    assert_eq!(
        issue(&import, "PAY-2").progress,
        Progress::InProgress {
            started: Some(date(2026, 10, 5))
        }
    );
    assert_eq!(issue(&import, "PAY-3").progress, Progress::ToDo);
    // "In Review" is in the In Progress category.
    assert_eq!(
        issue(&import, "PAY-4").progress,
        Progress::InProgress {
            started: Some(date(2026, 11, 16))
        }
    );
    // Closed without a resolution date: when it entered the Done category.
    assert_eq!(
        issue(&import, "PAY-5").progress,
        Progress::Done {
            finished: Some(date(2026, 11, 6))
        }
    );
}

#[test]
fn estimates_come_from_time_first_then_story_points_in_working_days() {
    let import = both_pages();
    assert_eq!(
        issue(&import, "PAY-2").estimate_days,
        Some(10),
        "288000 s original"
    );
    assert_eq!(
        issue(&import, "PAY-4").estimate_days,
        Some(1),
        "14400 s remaining"
    );
    assert_eq!(issue(&import, "PAY-3").estimate_days, Some(5), "5 points");
    assert_eq!(issue(&import, "PAY-1").estimate_days, None);
    let options = ImportOptions {
        days_per_point: 0.5,
        hours_per_day: 6.0,
    };
    let scaled =
        import_jira_pages(&[PAGE_1, PAGE_2], DEFAULT_STORY_POINTS_FIELD, &options).unwrap();
    assert_eq!(
        issue(&scaled, "PAY-2").estimate_days,
        Some(14),
        "80 h at 6 h a day"
    );
    assert_eq!(
        issue(&scaled, "PAY-6").estimate_days,
        Some(4),
        "8 points at half a day"
    );
}

#[test]
fn owners_teams_dues_and_parents_come_across_and_descriptions_are_ignored() {
    let import = both_pages();
    let pay2 = issue(&import, "PAY-2");
    assert_eq!(pay2.title, "Integrate payments API");
    assert_eq!(pay2.owner.as_deref(), Some("Dana Wu"));
    assert_eq!(pay2.team.as_deref(), Some("PAY"));
    assert_eq!(pay2.team_name.as_deref(), Some("Payments"));
    assert_eq!(pay2.due, Some(date(2026, 11, 27)));
    assert_eq!(pay2.parent.as_deref(), Some("PAY-1"));
    // The ADF description says "Blocks PAY-9" and a date; neither is read.
    assert!(!pay2.blocks.contains(&"PAY-9".to_string()));
    assert_eq!(issue(&import, "PAY-3").owner, None, "unassigned");
}

#[test]
fn the_older_search_shape_and_another_story_points_field_read_too() {
    let import = import_jira_pages(
        &[DATA_CENTER],
        "customfield_10106",
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(import.complete);
    let dc1 = issue(&import, "DC-1");
    assert_eq!(dc1.estimate_days, Some(3));
    assert_eq!(
        dc1.progress,
        Progress::Done {
            finished: Some(date(2026, 10, 2))
        }
    );
    assert_eq!(issue(&import, "DC-2").blocked_by, ["DC-1"]);
    assert_eq!(
        issue(&import, "DC-2").team_name.as_deref(),
        Some("Data Centre")
    );
}

#[test]
fn pages_without_the_last_one_read_but_say_they_are_incomplete() {
    let import = read(&[PAGE_1]);
    assert_eq!(import.issues.len(), 3);
    assert!(!import.complete);
    assert!(import
        .warnings
        .iter()
        .any(|w| w.contains("do not reach the last page") && w.contains("nothing is marked")));
    let gap = r#"{"startAt":100,"maxResults":100,"total":150,"issues":[{"key":"A-101"}]}"#;
    assert!(!read(&[gap]).complete);
}

#[test]
fn the_same_page_twice_and_an_issue_on_two_pages_are_read_once() {
    let import = read(&[PAGE_1, PAGE_1, PAGE_2]);
    assert_eq!(import.issues.len(), 6);
    assert!(import
        .warnings
        .contains(&"Page 2 is the same as page 1; read once".to_string()));
    let moved = PAGE_2.replace("\"PAY-4\"", "\"PAY-2\"");
    assert_eq!(read(&[PAGE_1, &moved]).issues.len(), 5);
}

#[test]
fn json_copied_with_the_browser_s_own_words_around_it_still_reads() {
    let copied = format!("Pretty-print ☐\n{PAGE_2}\n");
    assert_eq!(read(&[PAGE_1, &copied]).issues.len(), 6);
}

#[test]
fn a_page_that_is_not_a_search_result_fails_the_import_naming_the_page() {
    let options = ImportOptions::default();
    let field = DEFAULT_STORY_POINTS_FIELD;
    let err = import_jira_pages(&[PAGE_1, ERROR], field, &options).unwrap_err();
    assert_eq!(
        err,
        JiraError::Refused {
            page: 2,
            message: "The value 'NOPE' does not exist for the field 'project'".into()
        }
    );
    assert!(err.to_string().contains("Fix the JQL"));
    assert_eq!(
        import_jira_pages(&["<!DOCTYPE html><title>Log in</title>"], field, &options).unwrap_err(),
        JiraError::WebPage { page: 1 }
    );
    assert_eq!(
        import_jira_pages(&[PAGE_1, "{\"issues\": 3"], field, &options).unwrap_err(),
        JiraError::NotJson { page: 2 }
    );
    assert_eq!(
        import_jira_pages(&[r#"{"values": []}"#], field, &options).unwrap_err(),
        JiraError::NotASearch { page: 1 }
    );
    assert_eq!(
        import_jira_pages(&[" ", ""], field, &options).unwrap_err(),
        JiraError::NoPages
    );
    let unauthorised = r#"{"errorMessages":[],"errors":{"jql":"Field 'rank' does not exist."}}"#;
    assert!(matches!(
        import_jira_pages(&[unauthorised], field, &options).unwrap_err(),
        JiraError::Refused { page: 1, .. }
    ));
}

// ---------------------------------------------------------------------------------------
// Merge

fn program() -> Program {
    let mut program = Program::new("Payments", date(2026, 9, 7));
    program.status_date = Some(date(2026, 11, 20));
    program
}

fn item<'a>(program: &'a Program, id: &str) -> &'a Item {
    program.item(id).unwrap()
}

#[test]
fn jira_pages_merge_like_a_csv_with_links_and_provenance() {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let merged = merge_at(&program(), &both_pages(), now);
    let program = &merged.program;
    assert_eq!(merged.report.added.len(), 6);
    let after: Vec<&str> = item(program, "PAY-4")
        .after
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(after, ["PAY-2"]);
    assert_eq!(
        item(program, "PAY-2").source,
        Some(Source {
            pulled: Some(now),
            ..Source::new("jira", "PAY-2")
        })
    );
    assert!(merged.report.warnings.iter().any(|w| w.contains("OPS-9")));

    // A later drop of page 1 alone marks nothing missing.
    let partial = merge_at(program, &read(&[PAGE_1]), now);
    assert!(partial.report.missing.is_empty());
    // Both pages without PAY-6: it is missing.
    let without = PAGE_2.replace("\"key\": \"PAY-6\"", "\"key\": \"\"");
    let again = merge_at(program, &read(&[PAGE_1, &without]), now);
    assert_eq!(again.report.missing, ["PAY-6"]);
}

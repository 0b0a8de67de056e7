//! Shared by the pull tests: the vendors' fixtures and a pull run against canned replies.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use throughline::io::pull::{LinearPull, LinearSelection, Reply, LINEAR_ENDPOINT};
use throughline::io::{Import, ImportOptions, ImportedIssue};

pub const TEAMS_AND_PROJECTS: &str = include_str!("../fixtures/linear/teams-and-projects.json");
pub const ISSUES_PAGE_1: &str = include_str!("../fixtures/linear/issues-page-1.json");
pub const ISSUES_PAGE_2: &str = include_str!("../fixtures/linear/issues-page-2.json");
pub const ISSUES_CHANGED: &str = include_str!("../fixtures/linear/issues-changed.json");
pub const AUTHENTICATION_ERROR: &str = include_str!("../fixtures/linear/error-authentication.json");
pub const RATELIMITED: &str = include_str!("../fixtures/linear/error-ratelimited.json");
pub const VALIDATION_ERROR: &str = include_str!("../fixtures/linear/error-validation.json");

pub const ENG: &str = "9cfb482a-81e3-4154-b5b9-2c805e70a02d";
pub const CHECKOUT: &str = "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b";

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn monday() -> DateTime<Utc> {
    at("2026-11-23T09:00:00Z")
}

pub fn eng() -> LinearSelection {
    LinearSelection {
        team_ids: vec![ENG.into()],
        project_ids: vec![],
    }
}

pub fn body(request_body: &str) -> Value {
    serde_json::from_str(request_body).expect("the request body is JSON")
}

/// Runs a whole pull against canned replies, one per request, checking each request.
pub fn pull(replies: &[&str], options: ImportOptions) -> Import {
    pull_of(&eng(), replies, options)
}

/// [`pull`] of another selection.
pub fn pull_of(selection: &LinearSelection, replies: &[&str], options: ImportOptions) -> Import {
    let mut pull = LinearPull::new("", selection, options).unwrap();
    let mut replies = replies.iter();
    let mut afters = Vec::new();
    while let Some(request) = pull.next_request() {
        assert_eq!(request.url, LINEAR_ENDPOINT);
        afters.push(body(&request.body)["variables"]["after"].clone());
        let reply = replies.next().expect("no more pages than replies");
        pull.receive(&Reply::new(200, *reply), monday()).unwrap();
    }
    assert!(replies.next().is_none(), "every page was asked for");
    assert_eq!(afters[0], Value::Null);
    pull.finish()
}

pub fn pulled() -> Import {
    pull(&[ISSUES_PAGE_1, ISSUES_PAGE_2], ImportOptions::default())
}

pub fn issue<'a>(import: &'a Import, key: &str) -> &'a ImportedIssue {
    import
        .issues
        .iter()
        .find(|issue| issue.key == key)
        .unwrap_or_else(|| panic!("{key} not pulled"))
}

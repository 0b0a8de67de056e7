//! Linear's GraphQL API from the outside: the requests built, the replies (in Linear's own
//! shapes, tests/fixtures/linear) read into the same import as a CSV, and failures said in
//! words a TPM can act on.

mod pull_support;

use chrono::Duration;
use serde_json::Value;

use pull_support::*;
use throughline::io::pull::{
    endpoint, issues_request, picker_request, read_picker_reply, request_headers, LinearPull,
    LinearSelection, PullError, Reply, LINEAR_ENDPOINT,
};
use throughline::io::{ImportOptions, Progress, System};

// ---------------------------------------------------------------------------------------
// Linear: requests

#[test]
fn the_picker_asks_for_teams_and_projects_with_their_ids() {
    let request = picker_request("").unwrap();
    assert_eq!(request.url, "https://api.linear.app/graphql");
    let query = body(&request.body)["query"].as_str().unwrap().to_string();
    for field in [
        "teams(first: 250)",
        "projects(first: 250",
        "nodes { id key name }",
    ] {
        assert!(query.contains(field), "{field} in {query}");
    }
}

#[test]
fn the_picker_lists_teams_with_keys_and_projects_by_name() {
    let picker = read_picker_reply(&Reply::new(200, TEAMS_AND_PROJECTS), "", monday()).unwrap();
    let teams: Vec<(&str, Option<&str>)> = picker
        .teams
        .iter()
        .map(|t| (t.name.as_str(), t.key.as_deref()))
        .collect();
    assert_eq!(
        teams,
        [("Engineering", Some("ENG")), ("Payments", Some("PAY"))]
    );
    assert_eq!(picker.teams[0].id, ENG);
    let projects: Vec<&str> = picker.projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(projects, ["Checkout v2", "Fraud signals"]);
    assert!(picker.warnings.is_empty());
}

#[test]
fn the_issues_query_pages_with_first_and_after_and_selects_what_the_plan_needs() {
    let request = issues_request("", &eng(), Some("cursor-1")).unwrap();
    let body = body(&request.body);
    assert_eq!(body["variables"]["first"], 50);
    assert_eq!(body["variables"]["after"], "cursor-1");
    assert_eq!(
        body["variables"]["filter"],
        serde_json::json!({"team": {"id": {"in": [ENG]}}})
    );
    let query = body["query"].as_str().unwrap();
    for field in [
        "pageInfo { hasNextPage endCursor }",
        "identifier",
        "state { name type }",
        "assignee { name displayName }",
        "estimate",
        "dueDate",
        "startedAt",
        "completedAt",
        "project { id name }",
        "team { id key name }",
        "cycle { number name }",
        "relations(first: 20)",
        "relatedIssue { identifier }",
        "inverseRelations(first: 20)",
        "type issue { identifier }",
    ] {
        assert!(query.contains(field), "{field} in {query}");
    }
}

#[test]
fn teams_and_projects_chosen_together_pull_issues_of_either() {
    let selection = LinearSelection {
        team_ids: vec![ENG.into()],
        project_ids: vec!["p-1".into(), " ".into()],
    };
    let request = issues_request("http://127.0.0.1:4010/graphql", &selection, None).unwrap();
    assert_eq!(request.url, "http://127.0.0.1:4010/graphql");
    assert_eq!(
        body(&request.body)["variables"]["filter"],
        serde_json::json!({"or": [
            {"team": {"id": {"in": [ENG]}}},
            {"project": {"id": {"in": ["p-1"]}}},
        ]})
    );
}

#[test]
fn nothing_chosen_is_refused_before_any_request() {
    let none = LinearSelection::default();
    assert_eq!(
        issues_request("", &none, None),
        Err(PullError::NothingChosen)
    );
    assert!(matches!(
        LinearPull::new("", &none, ImportOptions::default()),
        Err(PullError::NothingChosen)
    ));
}

#[test]
fn the_endpoint_defaults_to_linear_and_must_be_a_web_address() {
    assert_eq!(endpoint("  ").unwrap(), LINEAR_ENDPOINT);
    assert_eq!(
        endpoint("https://proxy.example.com/linear").unwrap(),
        "https://proxy.example.com/linear"
    );
    for bad in [
        "api.linear.app/graphql",
        "ftp://x",
        "https://",
        "https://a b",
        "javascript:alert(1)",
    ] {
        let err = endpoint(bad).unwrap_err();
        assert!(matches!(err, PullError::BadEndpoint(_)), "{bad}");
        assert!(err.to_string().contains("https://api.linear.app/graphql"));
    }
}

#[test]
fn the_key_travels_only_in_the_authorization_header_and_never_in_debug_output() {
    let key = "lin_api_0123456789abcdefSECRET";
    let headers = request_headers(&format!("  {key}\n")).unwrap();
    let pairs: Vec<(&str, &str)> = headers.iter().collect();
    assert_eq!(
        pairs,
        [("Authorization", key), ("Content-Type", "application/json")]
    );
    assert!(!format!("{headers:?}").contains("SECRET"));
    // Nothing else built for a pull carries it.
    let pull = LinearPull::new("", &eng(), ImportOptions::default()).unwrap();
    let request = pull.next_request().unwrap();
    assert!(!format!("{pull:?}{request:?}").contains("SECRET"));
    assert_eq!(
        request_headers("Bearer abc").unwrap().iter().next(),
        Some(("Authorization", "Bearer abc")),
        "an OAuth token keeps its Bearer"
    );
    assert_eq!(
        request_headers("Bearer lin_api_abc").unwrap().iter().next(),
        Some(("Authorization", "lin_api_abc")),
        "a personal key goes without"
    );
}

#[test]
fn an_empty_or_mangled_key_is_refused_with_what_to_do() {
    assert_eq!(request_headers(" ").unwrap_err(), PullError::NoKey);
    for mangled in ["lin api key", "lin_api_é", "lin_api\u{0}x", "two\nlines"] {
        assert_eq!(
            request_headers(mangled).unwrap_err(),
            PullError::MalformedKey,
            "{mangled:?}"
        );
    }
    assert!(PullError::NoKey.to_string().contains("Personal API keys"));
}

// ---------------------------------------------------------------------------------------
// Linear: mapping

#[test]
fn a_pull_pages_until_linear_says_there_is_no_next_page() {
    let mut pull = LinearPull::new("", &eng(), ImportOptions::default()).unwrap();
    let first = pull.next_request().unwrap();
    pull.receive(&Reply::new(200, ISSUES_PAGE_1), monday())
        .unwrap();
    let second = pull.next_request().unwrap();
    assert_eq!(
        body(&second.body)["variables"]["after"],
        "5f0c0a53-3c7e-4f4b-8d8e-1d2b6a2f9c11"
    );
    assert_ne!(first, second);
    assert_eq!(
        (pull.pages(), pull.issues_read(), pull.is_done()),
        (1, 3, false)
    );
    pull.receive(&Reply::new(200, ISSUES_PAGE_2), monday())
        .unwrap();
    assert!(pull.next_request().is_none());
    let import = pull.finish();
    assert_eq!(import.system, System::Linear);
    assert!(import.complete);
    let keys: Vec<&str> = import.issues.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["ENG-1", "ENG-2", "ENG-3", "ENG-4", "ENG-5", "ENG-6"]);
}

#[test]
fn linear_state_types_give_progress_with_their_dates() {
    let import = pulled();
    assert_eq!(
        issue(&import, "ENG-1").progress,
        Progress::Done {
            finished: Some(date(2026, 10, 16))
        }
    );
    assert_eq!(
        issue(&import, "ENG-2").progress,
        Progress::InProgress {
            started: Some(date(2026, 10, 19))
        }
    );
    assert_eq!(issue(&import, "ENG-3").progress, Progress::ToDo);
    assert_eq!(issue(&import, "ENG-4").progress, Progress::ToDo);
    assert_eq!(
        issue(&import, "ENG-5").progress,
        Progress::Done {
            finished: Some(date(2026, 11, 2))
        }
    );
    // "In Review" is a started state, whatever the team called it.
    assert_eq!(
        issue(&import, "ENG-6").progress,
        Progress::InProgress {
            started: Some(date(2026, 11, 9))
        }
    );
}

#[test]
fn relations_of_type_blocks_give_links_both_ways_and_others_are_ignored() {
    let import = pulled();
    let eng1 = issue(&import, "ENG-1");
    assert_eq!(eng1.blocks, ["ENG-2"]);
    assert!(eng1.blocked_by.is_empty());
    let eng2 = issue(&import, "ENG-2");
    assert_eq!(
        (eng2.blocks.as_slice(), eng2.blocked_by.as_slice()),
        (&["ENG-3".to_string()][..], &["ENG-1".to_string()][..])
    );
    assert_eq!(issue(&import, "ENG-3").blocked_by, ["ENG-2", "PAY-9"]);
    assert!(issue(&import, "ENG-4").blocks.is_empty());
}

#[test]
fn owners_teams_dues_estimates_and_parents_come_across() {
    let import = pulled();
    let eng2 = issue(&import, "ENG-2");
    assert_eq!(eng2.title, "Checkout API");
    assert_eq!(eng2.owner.as_deref(), Some("Dana Wu"));
    assert_eq!(eng2.team.as_deref(), Some("ENG"));
    assert_eq!(eng2.team_name.as_deref(), Some("Engineering"));
    assert_eq!(eng2.due, Some(date(2026, 11, 27)));
    assert_eq!(eng2.estimate_days, Some(5));
    let eng3 = issue(&import, "ENG-3");
    assert_eq!(eng3.owner, None, "a null assignee");
    assert_eq!(eng3.estimate_days, None, "a null estimate");
    assert_eq!(issue(&import, "ENG-4").parent.as_deref(), Some("ENG-1"));

    let doubled = pull(
        &[ISSUES_PAGE_1, ISSUES_PAGE_2],
        ImportOptions {
            days_per_point: 2.0,
            ..ImportOptions::default()
        },
    );
    assert_eq!(issue(&doubled, "ENG-2").estimate_days, Some(10));
    assert_eq!(issue(&doubled, "ENG-6").estimate_days, Some(2));
}

#[test]
fn an_issue_listed_on_two_pages_is_kept_once() {
    let import = pull(
        &[
            ISSUES_PAGE_1,
            ISSUES_PAGE_1.replace("true", "false").as_str(),
        ],
        ImportOptions::default(),
    );
    assert_eq!(import.issues.len(), 3);
    assert!(import
        .warnings
        .iter()
        .any(|w| w.contains("ENG-1 appears more than once")));
}

// ---------------------------------------------------------------------------------------
// Linear: failures

fn failure(reply: Reply) -> PullError {
    let mut pull = LinearPull::new("", &eng(), ImportOptions::default()).unwrap();
    let err = pull.receive(&reply, monday()).unwrap_err();
    // Nothing advanced: the same request can be sent again.
    assert_eq!(pull.pages(), 0);
    assert_eq!(
        body(&pull.next_request().unwrap().body)["variables"]["after"],
        Value::Null
    );
    err
}

fn says_what_to_do(err: &PullError) -> String {
    let message = err.to_string();
    assert!(message.contains("CSV export"), "{message}");
    message
}

#[test]
fn a_wrong_or_expired_key_says_to_make_a_new_one() {
    for reply in [
        Reply::new(401, AUTHENTICATION_ERROR),
        Reply::new(400, AUTHENTICATION_ERROR),
        Reply::new(200, AUTHENTICATION_ERROR),
        Reply::new(401, ""),
        Reply::new(400, r#"{"errors":[{"message":"Authentication required"}]}"#),
    ] {
        let err = failure(reply);
        assert_eq!(err, PullError::Unauthorized);
        let message = says_what_to_do(&err);
        assert!(message.contains("wrong, expired or revoked"));
        assert!(message.contains("Create a new personal API key"));
    }
}

#[test]
fn a_rate_limit_says_when_to_try_again() {
    let reset = monday() + Duration::minutes(12);
    let reply = Reply::new(429, RATELIMITED).with_header(
        "X-RateLimit-Requests-Reset",
        &reset.timestamp_millis().to_string(),
    );
    let err = failure(reply);
    assert_eq!(
        err,
        PullError::RateLimited {
            retry_at: Some(reset),
            wait: "Wait about 12 minutes (Linear says the limit lifts at 09:12 UTC)".into()
        }
    );
    assert_eq!(
        says_what_to_do(&err),
        "Linear is limiting how often this API key may ask (rate limit). Wait about 12 \
         minutes (Linear says the limit lifts at 09:12 UTC). Nothing was changed; pull again \
         then, or use the CSV export instead."
    );
    // Linear also answers a rate limit with HTTP 400 and the code alone.
    let err = failure(Reply::new(400, RATELIMITED));
    assert!(matches!(err, PullError::RateLimited { retry_at: None, .. }));
    assert!(err.to_string().contains("Wait a few minutes."));
}

#[test]
fn a_network_or_cors_failure_names_the_endpoint_and_the_way_around() {
    let err = failure(Reply::failed());
    let message = says_what_to_do(&err);
    assert!(message.starts_with("Could not reach https://api.linear.app/graphql"));
    assert!(message.contains("CORS"));
}

#[test]
fn other_graphql_errors_quote_linear() {
    let err = failure(Reply::new(400, VALIDATION_ERROR));
    let message = says_what_to_do(&err);
    assert!(message.starts_with(
        "Linear refused the request: Cannot query field \"startedAtt\" on type \"Issue\""
    ));
    let err = failure(Reply::new(
        200,
        r#"{"errors":[{"message":"x","extensions":{"code":"FORBIDDEN","type":"forbidden","userPresentableMessage":"You don't have access to this team."}}]}"#,
    ));
    assert!(says_what_to_do(&err).contains("(Linear says: You don't have access to this team)"));
}

#[test]
fn a_server_error_or_a_page_that_is_not_linear_says_so() {
    assert_eq!(
        failure(Reply::new(502, "<html>Bad gateway</html>")),
        PullError::ServerError { status: 502 }
    );
    let err = failure(Reply::new(200, "<!doctype html><title>Sign in</title>"));
    assert_eq!(
        err,
        PullError::NotLinear {
            endpoint: LINEAR_ENDPOINT.into(),
            status: 200,
            start: "<!doctype html><title>Sign in</title>".into()
        }
    );
    says_what_to_do(&err);
}

#[test]
fn a_server_that_repeats_its_cursor_cannot_loop_a_pull() {
    let mut pull = LinearPull::new("", &eng(), ImportOptions::default()).unwrap();
    let mut pages = 0;
    while pull.next_request().is_some() {
        pull.receive(&Reply::new(200, ISSUES_PAGE_1), monday())
            .unwrap();
        pages += 1;
        assert!(pages < 5, "still paging");
    }
    let import = pull.finish();
    assert!(!import.complete);
    assert!(import
        .warnings
        .iter()
        .any(|w| w.contains("same page twice") && w.contains("not marked as no longer in Linear")));
}

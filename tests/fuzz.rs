//! Fuzzing the untrusted inputs of the io layer: share links, tracker CSVs, Linear replies
//! and Jira search pages. The link and CSV properties run 100,000 cases on small inputs;
//! the pull properties, on whole fixture-sized replies, a few thousand. Each only asserts
//! that nothing panics (and that what a merge produces is still a valid program).

use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::select;

use serde_json::Value;
use throughline::io::pull::{
    endpoint, import_jira_pages, request_headers, JiraSearch, LinearPull, LinearSelection, Reply,
};
use throughline::io::{
    decode_fragment, import_csv, merge, merge_at, share_fragment, Import, ImportOptions,
};
use throughline::model::{check_program, Item, Link, Program, Severity};

const CASES: u32 = 100_000;
const PULL_CASES: u32 = 2_000;

fn small_program() -> &'static Program {
    static PROGRAM: OnceLock<Program> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        let start = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap_or_default();
        let mut program = Program::new("Fuzz", start);
        let mut a = Item::task("A-1", "Build", 3);
        a.owner = Some("Dana".into());
        let mut b = Item::task("A-2", "Ship", 2);
        b.after.push(Link::after("A-1"));
        program.items = vec![a.into(), b.into()];
        program
    })
}

fn real_link() -> &'static str {
    static LINK: OnceLock<String> = OnceLock::new();
    LINK.get_or_init(|| share_fragment(small_program()))
}

fn real_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| throughline::model::write_program_compact(small_program()))
}

const PREFIXES: &[&str] = &[
    "",
    "#",
    "share=",
    "#share=",
    "share=~",
    "#share=~~",
    "json=",
    "#json=",
    "#/plan",
];

#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, char),
    Insert(usize, char),
    Delete(usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let chars = prop_oneof![
        select(b"ABCXYZabcxyz0189-_+/=%{}\" \n".to_vec()).prop_map(char::from),
        any::<char>(),
    ];
    prop_oneof![
        (any::<usize>(), chars.clone()).prop_map(|(i, c)| Edit::Replace(i, c)),
        (any::<usize>(), chars).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let len = chars.len().max(1);
        match *edit {
            Edit::Replace(i, c) => {
                if !chars.is_empty() {
                    chars[i % len] = c;
                }
            }
            Edit::Insert(i, c) => chars.insert(i % (chars.len() + 1), c),
            Edit::Delete(i) => {
                if !chars.is_empty() {
                    chars.remove(i % len);
                }
            }
            Edit::Truncate(i) => chars.truncate(i % len),
        }
    }
    chars.into_iter().collect()
}

/// Characters that matter to a CSV reader, plus a few that matter to the importers.
const CSV_CHARS: &[char] = &[
    '"', '\'', ',', ',', '\n', '\r', ';', '=', '-', '/', ':', ' ', '\u{feff}', 'é', 'a', 'D', 'I',
    'd', 'e', 'k', 'y', 's', '1', '2',
];

const HEADERS: &[&str] = &[
    "Summary",
    "Issue key",
    "Issue id",
    "Status",
    "Status Category",
    "Status Category Changed",
    "Project key",
    "Project name",
    "Assignee",
    "Resolved",
    "Due date",
    "Original estimate",
    "Custom field (Story Points)",
    "Parent",
    "Parent key",
    "Outward issue link (Blocks)",
    "Inward issue link (Blocks)",
    "Sprint",
    "ID",
    "Id",
    "Team",
    "Title",
    "Estimate",
    "Started",
    "Completed",
    "Canceled",
    "Due Date",
    "Parent issue",
    "Blocks",
    "Blocked by",
    "Project",
    "Work item key",
];

const CELLS: &[&str] = &[
    "",
    " ",
    "PAY-1",
    "PAY-2",
    "pay",
    "A-1",
    "A-2",
    "Done",
    "In Progress",
    "To Do",
    "Closed",
    "Canceled",
    "23/Nov/26 2:15 PM",
    "30/Jul/18 23:33",
    "31/Feb/26 1:00 AM",
    "2026-11-23",
    "2026-11-23T14:15:00.000Z",
    "Fri Mar 17 2023 21:33:58 GMT+0000 (GMT)",
    "99/Zzz/99",
    "28800",
    "0",
    "-5",
    "1e309",
    "NaN",
    "0.5",
    "99999999999999999999",
    "PAY-1, PAY-2",
    "PAY-2, PAY-1",
    "'=cmd",
    "Dana Wu",
    "10001",
    "é",
    "\"",
    "a,b",
    "line\nbreak",
    "Team",
    "ID",
];

/// Writes cells as CSV with random quoting choices, so quoting itself is fuzzed too.
fn csv_text(header: &[&str], rows: &[Vec<(&str, bool)>], crlf: bool) -> String {
    let end = if crlf { "\r\n" } else { "\n" };
    let quote = |cell: &str, force: bool| {
        if force || cell.contains([',', '"', '\n']) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.to_string()
        }
    };
    let mut text = header.join(",");
    text.push_str(end);
    for row in rows {
        let cells: Vec<String> = row.iter().map(|(c, q)| quote(c, *q)).collect();
        text.push_str(&cells.join(","));
        text.push_str(end);
    }
    text
}

fn assert_merge_is_valid(text: &str) {
    if let Ok(import) = import_csv(text, &ImportOptions::default()) {
        assert_import_merges(&import, text);
    }
}

fn assert_import_merges(import: &Import, text: &str) {
    let merged = merge(small_program(), import);
    let errors: Vec<_> = check_program(&merged.program)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    let again = merge(&merged.program, import);
    assert!(again.report.added.is_empty(), "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn decoding_arbitrary_fragments_never_panics(
        prefix in select(PREFIXES),
        body in "(?s).{0,48}",
    ) {
        let _ = decode_fragment(&format!("{prefix}{body}"));
    }

    #[test]
    fn decoding_mutated_share_links_never_panics(
        edits in proptest::collection::vec(edit(), 1..4),
    ) {
        let _ = decode_fragment(&apply(real_link(), &edits));
    }

    #[test]
    fn decoding_mutated_json_links_never_panics(
        edits in proptest::collection::vec(edit(), 1..4),
    ) {
        let _ = decode_fragment(&format!("json={}", apply(real_json(), &edits)));
    }

    #[test]
    fn importing_arbitrary_text_never_panics(
        text in proptest::collection::vec(select(CSV_CHARS), 0..100)
            .prop_map(String::from_iter),
    ) {
        assert_merge_is_valid(&text);
    }

    #[test]
    fn importing_random_tables_with_real_headers_never_panics(
        header in proptest::collection::vec(select(HEADERS), 1..8),
        rows in proptest::collection::vec(
            proptest::collection::vec((select(CELLS), any::<bool>()), 0..9),
            0..5,
        ),
        crlf in any::<bool>(),
    ) {
        assert_merge_is_valid(&csv_text(&header, &rows, crlf));
    }
}

// ---------------------------------------------------------------------------------------
// Linear replies and Jira pages

const LINEAR_PAGE: &str = include_str!("fixtures/linear/issues-page-1.json");
const LINEAR_CHANGED: &str = include_str!("fixtures/linear/issues-changed.json");
const LINEAR_ERROR: &str = include_str!("fixtures/linear/error-ratelimited.json");
const JIRA_PAGE_1: &str = include_str!("fixtures/jira/search-jql-page-1.json");
const JIRA_PAGE_2: &str = include_str!("fixtures/jira/search-jql-page-2.json");
const JIRA_DATA_CENTER: &str = include_str!("fixtures/jira/search-v2-data-center.json");

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_795_424_400, 0).unwrap_or_default()
}

/// Every place in a JSON document, as a JSON pointer.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                pointers(value, format!("{at}/{key}"), out);
            }
        }
        Value::Array(values) => {
            for (index, value) in values.iter().enumerate() {
                pointers(value, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

struct Document {
    value: Value,
    places: Vec<String>,
}

fn document(text: &str) -> Document {
    let value: Value = serde_json::from_str(text).unwrap_or_default();
    let mut places = Vec::new();
    pointers(&value, String::new(), &mut places);
    Document { value, places }
}

fn documents() -> &'static [Document] {
    static DOCUMENTS: OnceLock<Vec<Document>> = OnceLock::new();
    DOCUMENTS.get_or_init(|| {
        [
            LINEAR_PAGE,
            LINEAR_CHANGED,
            LINEAR_ERROR,
            JIRA_PAGE_1,
            JIRA_PAGE_2,
            JIRA_DATA_CENTER,
        ]
        .iter()
        .map(|text| document(text))
        .collect()
    })
}

/// Values that confuse a reader expecting another type or a sane size.
fn odd_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        select(vec![
            "",
            " ",
            "ENG-1",
            "ENG-2",
            "PAY-2",
            "blocks",
            "started",
            "completed",
            "canceled",
            "done",
            "new",
            "indeterminate",
            "2026-11-23",
            "2026-02-31",
            "2026-11-23T09:00:00Z",
            "1e400",
            "-3",
            "NaN",
            "é",
            "\u{0}",
            "Blocks",
            "is blocked by",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    select(vec!["identifier", "key", "type", "nodes", "issue", "name"]),
                    inner
                ),
                0..3
            )
            .prop_map(|pairs| Value::Object(
                pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

/// A fixture with the values at a few places replaced.
fn mutated(which: usize, changes: &[(usize, Value)]) -> String {
    let document = &documents()[which % documents().len()];
    let mut value = document.value.clone();
    for (place, odd) in changes {
        let pointer = &document.places[place % document.places.len()];
        if pointer.is_empty() {
            value = odd.clone();
        } else if let Some(slot) = value.pointer_mut(pointer) {
            *slot = odd.clone();
        }
    }
    value.to_string()
}

fn pull_linear(replies: &[(u16, String)]) {
    let selection = LinearSelection {
        team_ids: vec!["team".into()],
        project_ids: vec![],
    };
    let Ok(mut pull) = LinearPull::new("", &selection, ImportOptions::default()) else {
        panic!("a pull of one team starts");
    };
    for (status, body) in replies {
        if pull.next_request().is_none() {
            break;
        }
        let reply = Reply::new(*status, body.as_str())
            .with_header("x-ratelimit-requests-reset", body.get(..12).unwrap_or("1"))
            .with_header("retry-after", body.get(..3).unwrap_or(""));
        if let Err(err) = pull.receive(&reply, now()) {
            assert!(err.to_string().contains("CSV export"), "{err}");
        }
    }
    let import = pull.finish();
    let merged = merge_at(small_program(), &import, now());
    let errors: Vec<_> = check_program(&merged.program)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

fn read_jira(pages: &[String]) {
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    if let Ok(import) = import_jira_pages(&pages, "customfield_10016", &ImportOptions::default()) {
        assert_import_merges(&import, pages.first().copied().unwrap_or_default());
    }
    if let Ok(search) = JiraSearch::new("acme.atlassian.net", "project = A", "") {
        for page in &pages {
            let _ = search.next_link(page);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: PULL_CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn linear_replies_with_odd_values_never_panic(
        replies in proptest::collection::vec(
            (
                select(vec![0u16, 200, 200, 200, 400, 401, 403, 429, 500]),
                any::<usize>(),
                proptest::collection::vec((any::<usize>(), odd_value()), 1..4),
            ),
            1..4,
        ),
    ) {
        let replies: Vec<(u16, String)> = replies
            .iter()
            .map(|(status, which, changes)| (*status, mutated(which % 3, changes)))
            .collect();
        pull_linear(&replies);
    }

    #[test]
    fn linear_replies_cut_or_garbled_never_panic(
        status in select(vec![0u16, 200, 400, 429, 502]),
        edits in proptest::collection::vec(edit(), 1..4),
    ) {
        pull_linear(&[(status, apply(LINEAR_PAGE, &edits))]);
    }

    #[test]
    fn jira_pages_with_odd_values_never_panic(
        pages in proptest::collection::vec(
            (any::<usize>(), proptest::collection::vec((any::<usize>(), odd_value()), 0..4)),
            1..3,
        ),
    ) {
        let pages: Vec<String> = pages
            .iter()
            .map(|(which, changes)| mutated(3 + which % 3, changes))
            .collect();
        read_jira(&pages);
    }

    #[test]
    fn jira_pages_cut_or_garbled_never_panic(
        edits in proptest::collection::vec(edit(), 1..4),
    ) {
        read_jira(&[apply(JIRA_PAGE_2, &edits)]);
    }

    #[test]
    fn typed_addresses_keys_and_queries_never_panic(
        site in "(?s).{0,40}",
        key in "(?s).{0,40}",
        field in "[a-z_0-9 é]{0,12}",
    ) {
        let _ = endpoint(&site);
        let _ = request_headers(&key);
        if let Ok(search) = JiraSearch::new(&site, &key, &field) {
            prop_assert!(search.link().starts_with("http"));
            prop_assert!(!search.link().contains(' '));
        }
    }
}

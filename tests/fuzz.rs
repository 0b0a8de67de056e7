//! Fuzzing the untrusted inputs of the io layer: share links and tracker CSVs. Each property
//! runs 100,000 cases on small inputs and only asserts that nothing panics (and that what
//! a merge produces is still a valid program).

use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::select;

use throughline::io::{decode_fragment, import_csv, merge, share_fragment, ImportOptions};
use throughline::model::{check_program, Item, Link, Program, Severity};

const CASES: u32 = 100_000;

fn small_program() -> &'static Program {
    static PROGRAM: OnceLock<Program> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        let start = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap_or_default();
        let mut program = Program::new("Fuzz", start);
        let mut a = Item::task("A-1", "Build", 3);
        a.owner = Some("Dana".into());
        let mut b = Item::task("A-2", "Ship", 2);
        b.after.push(Link::after("A-1"));
        program.items = vec![a, b];
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

const PREFIXES: &[&str] = &["", "#", "share=", "#share=", "json=", "#json=", "#/plan"];

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
        let merged = merge(small_program(), &import);
        let errors: Vec<_> = check_program(&merged.program)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        let again = merge(&merged.program, &import);
        assert!(again.report.added.is_empty(), "{text}");
    }
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

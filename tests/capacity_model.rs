//! The capacity fields of the program file (SPEC §3: team `people` and `availability`,
//! item `needs`, the accepted `levelling`): read by the hand reader exactly as serde reads
//! them, written back only when set, and checked field by field.

use throughline::model::{program_from_value, read_program, write_program_compact, Program};

const WITH_CAPACITY: &str = r#"{
  "format": "throughline/2", "name": "Capacity", "start": "2027-01-04", "target": "2027-03-01",
  "teams": [ { "id": "auth", "name": "Identity", "lead": "Kim Ito", "people": 5,
               "availability": [ { "from": "2027-01-18", "percent": 60, "note": "on-call + hiring freeze" } ] },
             { "id": "web", "name": "Web" } ],
  "items": [ { "id": "AUTH-5", "title": "SSO API", "team": "auth", "days": 10, "needs": { "auth": 2, "web": 1 } },
             { "id": "WEB-1", "title": "Login page", "team": "web", "days": 3 } ],
  "levelling": ["AUTH-5", "WEB-1"]
}"#;

fn read(text: &str) -> Program {
    read_program(text).expect("valid program").program
}

#[test]
fn people_availability_needs_and_the_accepted_order_are_read() {
    let program = read(WITH_CAPACITY);
    let auth = &program.teams[0];
    assert_eq!(auth.people, Some(5));
    assert_eq!(auth.availability.len(), 1);
    assert_eq!(auth.availability[0].percent, 60);
    assert_eq!(auth.availability[0].from.to_string(), "2027-01-18");
    assert_eq!(
        auth.availability[0].note.as_deref(),
        Some("on-call + hiring freeze")
    );
    assert_eq!(program.teams[1].people, None);
    assert!(program.teams[1].availability.is_empty());
    let needs: Vec<(&str, u32)> = program.items[0]
        .needs
        .iter()
        .map(|(team, people)| (team.as_str(), *people))
        .collect();
    assert_eq!(needs, [("auth", 2), ("web", 1)]);
    assert!(program.items[1].needs.is_empty());
    assert_eq!(
        program.levelling.as_deref(),
        Some(&["AUTH-5".to_string(), "WEB-1".to_string()][..])
    );
}

#[test]
fn the_hand_reader_reads_capacity_fields_as_serde_does_and_they_round_trip() {
    let value: serde_json::Value = serde_json::from_str(WITH_CAPACITY).unwrap();
    let by_serde: Program = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(program_from_value(&value).unwrap(), by_serde);
    // Written and read again (the reader derives the hidden uids), the same program.
    let read_once = read(WITH_CAPACITY);
    assert_eq!(read(&write_program_compact(&read_once)), read_once);
}

#[test]
fn a_program_without_capacity_data_writes_none_of_the_new_fields() {
    let mut program = read(WITH_CAPACITY);
    program.teams[0].people = None;
    program.teams[0].availability.clear();
    program.items[0].needs.clear();
    program.levelling = None;
    let text = write_program_compact(&program);
    for key in ["people", "availability", "needs", "levelling"] {
        assert!(!text.contains(key), "{key} written in {text}");
    }
}

#[test]
fn percentages_outside_0_to_100_and_negative_people_are_named() {
    let bad = WITH_CAPACITY
        .replace("\"percent\": 60", "\"percent\": 150")
        .replace("\"people\": 5", "\"people\": -1")
        .replace("\"auth\": 2, \"web\": 1", "\"auth\": 2.5, \"web\": 1");
    let err = read_program(&bad).unwrap_err().to_string();
    assert!(
        err.contains("teams[auth].availability[0].percent")
            && err.contains("from 0 to 100, found 150"),
        "{err}"
    );
    assert!(
        err.contains("teams[auth].people") && err.contains("whole number of people"),
        "{err}"
    );
    assert!(err.contains("items[AUTH-5].needs.auth"), "{err}");
    let missing = WITH_CAPACITY.replace("\"percent\": 60, ", "");
    let err = read_program(&missing).unwrap_err().to_string();
    assert!(
        err.contains("teams[auth].availability[0].percent: is missing"),
        "{err}"
    );
}

//! The program file: reading, round trips, and every validation problem reported at once.

use throughline::model::{
    read_program, write_program, write_program_compact, ItemField, ReadError, Severity,
};

const SPEC_EXAMPLE: &str = include_str!("fixtures/spec-example.json");

fn problems_of(text: &str) -> Vec<String> {
    match read_program(text) {
        Err(ReadError::Invalid(problems)) => problems.iter().map(|p| p.to_string()).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn the_spec_example_reads_without_problems() {
    let loaded = read_program(SPEC_EXAMPLE).expect("the spec example is valid");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let program = loaded.program;
    assert_eq!(program.name, "Payments platform launch");
    assert_eq!(program.items[1].after[1].lag, 2);
    assert_eq!(program.dependencies[0].slip, Some([0, 5, 15]));
    assert_eq!(program.decisions[0].from.as_deref(), Some("VP Engineering"));
}

/// tests/fixtures/spec-example.json is a `throughline/1` file: it reads as `throughline/2` without
/// losing a field, and writes back the same content under the new format.
#[test]
fn a_first_version_file_migrates_without_loss_and_round_trips_exactly() {
    let program = read_program(SPEC_EXAMPLE).unwrap().program;
    for text in [write_program(&program), write_program_compact(&program)] {
        let again = read_program(&text).unwrap().program;
        assert_eq!(again, program);
        assert_eq!(write_program(&again), write_program(&program));
    }
    // Same content as the original document, field for field (nulls are "absent"), but for
    // the hidden uid each entity was given as it was read.
    let mut original: serde_json::Value = serde_json::from_str(SPEC_EXAMPLE).unwrap();
    assert_eq!(original["format"], "throughline/1");
    original["format"] = "throughline/2".into();
    let mut written: serde_json::Value = serde_json::from_str(&write_program(&program)).unwrap();
    for list in ["teams", "items", "dependencies", "risks", "decisions"] {
        for entity in written[list].as_array_mut().unwrap() {
            let uid = entity.as_object_mut().unwrap().remove("uid");
            assert!(
                uid.and_then(|u| u.as_str().map(str::len)) == Some(10),
                "{list}: {entity}"
            );
        }
    }
    assert_eq!(strip_nulls(original), strip_nulls(written));
}

/// Older files get uids when they are read, the same in every reader, and keep them.
#[test]
fn older_files_get_the_same_uids_in_every_reader_and_keep_them() {
    let first = read_program(SPEC_EXAMPLE).unwrap().program;
    let second = read_program(SPEC_EXAMPLE).unwrap().program;
    assert_eq!(first, second);
    let uids: std::collections::HashSet<&str> = (first.items.iter().map(|i| i.uid.as_str()))
        .chain(first.dependencies.iter().map(|d| d.uid.as_str()))
        .chain(first.risks.iter().map(|r| r.uid.as_str()))
        .chain(first.decisions.iter().map(|d| d.uid.as_str()))
        .chain(first.teams.iter().map(|t| t.uid.as_str()))
        .collect();
    let entities = first.items.len()
        + first.dependencies.len()
        + first.risks.len()
        + first.decisions.len()
        + first.teams.len();
    assert_eq!(uids.len(), entities, "every uid is distinct");
    // Written and read again, the uids stay; renaming an item keeps its uid.
    let mut again = read_program(&write_program(&first)).unwrap().program;
    assert_eq!(again, first);
    let uid = again.items[0].uid.clone();
    let old_id = again.items[0].id.clone();
    throughline::model::edit::set_item_field(&mut again, &old_id, ItemField::Id, "RENAMED-1")
        .unwrap();
    assert_eq!(again.items[0].uid, uid);
}

/// Every field that can move a date is in the forecast's fingerprint, and no other field
/// is: changing one changes the key exactly when its declaration says it moves a date.
#[test]
fn the_forecast_key_reads_exactly_the_fields_that_move_a_date() {
    use throughline::engine::cockpit::forecast_key;
    let program = read_program(SPEC_EXAMPLE).unwrap().program;
    let as_of = program.as_of(program.start);
    let key = forecast_key(&program, as_of);
    let value = throughline::model::program_value(&program);
    let lists: [(&str, &[throughline::model::FieldSpec]); 5] = [
        ("items", throughline::model::Item::FIELDS),
        ("dependencies", throughline::model::Dependency::FIELDS),
        ("risks", throughline::model::Risk::FIELDS),
        ("decisions", throughline::model::Decision::FIELDS),
        ("teams", throughline::model::Team::FIELDS),
    ];
    for (list, fields) in lists {
        for field in fields {
            let Some(changed) = another_valid_value(&value, list, field.key) else {
                continue;
            };
            let changed = throughline::model::program_from_value(&changed).unwrap();
            let moved = forecast_key(&changed, as_of) != key;
            assert_eq!(
                moved,
                field.moves_date,
                "{list}.{}: declared moves_date = {}, but changing it {} the forecast key",
                field.key,
                field.moves_date,
                if moved { "changes" } else { "does not change" }
            );
        }
    }
}

/// The program with the field `key` of the first entity of `list` set to another value of
/// the same shape that the file format accepts; `None` for lists without entities.
fn another_valid_value(
    program: &serde_json::Value,
    list: &str,
    key: &str,
) -> Option<serde_json::Value> {
    use serde_json::json;
    let mut program = program.clone();
    let entity = program.get_mut(list)?.as_array_mut()?.first_mut()?;
    let current = entity.get(key).cloned().unwrap_or(serde_json::Value::Null);
    let other = match key {
        "uid" => json!("zzzzzzzzzz"),
        "id" => json!("RENAMED-1"),
        "kind" if list == "items" => {
            json!(if current == "milestone" {
                "task"
            } else {
                "milestone"
            })
        }
        "kind" => json!(if current == "hardware" {
            "other"
        } else {
            "hardware"
        }),
        "risk" | "level" => json!(if current == "low" { "high" } else { "low" }),
        "state" => json!(if current == "closed" {
            "open"
        } else {
            "closed"
        }),
        "days" | "low" | "high" | "remaining" => {
            json!(current.as_u64().map_or(3, |n| n + 20))
        }
        "after" => json!([{ "id": "VEND-1", "type": "SS", "lag": 3 }]),
        "people" => json!(current.as_u64().map_or(7, |n| n + 2)),
        "availability" => json!([{ "from": "2026-10-14", "percent": 50 }]),
        "needs" => json!({ "pay": 2 }),
        "affects" | "options" => json!(["something else"]),
        "slip" => json!([1, 9, 40]),
        "status" => json!([{ "date": "2026-10-01", "color": "red", "note": "changed" }]),
        "source" => json!({ "system": "linear", "key": "OTHER-9" }),
        "not_before" | "due" | "started" | "finished" | "delivered" | "reviewed" | "trigger"
        | "needed_by" | "decided" => json!(if current == "2026-10-14" {
            "2026-10-21"
        } else {
            "2026-10-14"
        }),
        _ => json!(format!("{} (changed)", current.as_str().unwrap_or("text"))),
    };
    if current == other {
        return None;
    }
    entity[key] = other;
    // A renamed id would leave links dangling: rename them too, as the edit does.
    if key == "id" {
        let old = current.as_str().unwrap_or_default().to_string();
        if let Some(items) = program.get_mut("items").and_then(|i| i.as_array_mut()) {
            for item in items {
                for link in item
                    .get_mut("after")
                    .and_then(|a| a.as_array_mut())
                    .into_iter()
                    .flatten()
                {
                    if link["id"] == old.as_str() {
                        link["id"] = json!("RENAMED-1");
                    }
                }
            }
        }
    }
    Some(program)
}

fn strip_nulls(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                // Defaults are left out on write: an item's kind "task".
                .filter(|(k, v)| !(k == "kind" && v == "task"))
                .map(|(k, v)| (k, strip_nulls(v)))
                .filter(|(_, v)| !matches!(v, Value::Object(m) if m.is_empty()))
                .filter(|(_, v)| !matches!(v, Value::Array(a) if a.is_empty()))
                .collect(),
        ),
        Value::Array(values) => Value::Array(values.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

#[test]
fn unknown_fields_are_ignored() {
    let text = SPEC_EXAMPLE.replacen("\"name\"", "\"x-jira-sync\": {\"at\": 1}, \"name\"", 1);
    assert!(read_program(&text).is_ok());
}

#[test]
fn not_json_says_where() {
    match read_program("{ \"format\": ") {
        Err(ReadError::NotJson { line, .. }) => assert_eq!(line, 1),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_shape_problem_is_reported_at_once_with_its_place() {
    let text = r#"{
      "format": "throughline/1", "name": "X", "start": "2026-02-30", "target": "2027-01-15",
      "calendar": { "workdays": ["mon", "funday"] },
      "rules": { "stale_yellow_days": -1 },
      "items": [
        { "id": "A", "title": "a", "kind": "epic", "days": 2.5, "after": [ { "id": "B", "type": "XX" } ] },
        { "id": "B", "title": "b", "due": "tomorrow", "status": [ { "date": "2026-11-01", "color": "blue" } ] },
        { "title": "no id" }
      ],
      "dependencies": [ { "id": "D", "title": "d", "kind": "api", "risk": "extreme", "slip": [1, 2] } ],
      "risks": [ { "id": "R", "title": "r", "state": "pending" } ],
      "decisions": [ { "id": "Q", "question": "q", "needed_by": "26/11/2026" } ],
      "summary": { "color": "purple" }
    }"#;
    let problems = problems_of(text);
    let expect = [
        "start: expected a date",
        "calendar.workdays[1]: expected one of",
        "rules.stale_yellow_days: expected a whole number",
        "items[A].kind: expected one of task, milestone, found \"epic\"",
        "items[A].days: expected a whole number",
        "items[A].after[0].type: expected one of FS, SS, FF, SF",
        "items[B].due: expected a date",
        "items[B].status[0].color: expected one of green, yellow, red, found \"blue\"",
        "items[2].id: is missing",
        "dependencies[D].kind: expected one of",
        "dependencies[D].risk: expected one of low, medium, high",
        "dependencies[D].slip: expected [low, likely, high]",
        "risks[R].state: expected one of open, escalated, mitigated, closed",
        "decisions[Q].needed_by: expected a date",
        "summary.color: expected one of green, yellow, red",
    ];
    for wanted in expect {
        assert!(
            problems.iter().any(|p| p.starts_with(wanted)),
            "missing «{wanted}» in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
}

#[test]
fn a_wrong_format_is_refused_and_a_newer_one_says_so() {
    let other = SPEC_EXAMPLE.replace("throughline/1", "gantt/7");
    assert!(problems_of(&other)[0].starts_with("format: expected \"throughline/2\""));
    let newer = SPEC_EXAMPLE.replace("throughline/1", "throughline/3");
    assert!(problems_of(&newer)[0].contains("newer version of Throughline"));
}

#[test]
fn a_file_without_format_is_migrated_to_the_current_version() {
    let unversioned = SPEC_EXAMPLE.replace("\"format\": \"throughline/1\",", "");
    let loaded = read_program(&unversioned).unwrap();
    assert_eq!(loaded.program.format, "throughline/2");
}

#[test]
fn duplicate_ids_and_a_target_before_the_start_are_errors() {
    let text = SPEC_EXAMPLE
        .replace("\"id\": \"PAY-7\"", "\"id\": \"PAY-1\"")
        .replace("\"target\": \"2027-01-15\"", "\"target\": \"2026-01-15\"");
    let problems = problems_of(&text);
    assert!(
        problems.iter().any(|p| p.contains("duplicate id PAY-1")),
        "{problems:?}"
    );
    assert!(problems
        .iter()
        .any(|p| p.starts_with("target: target 2026-01-15 is before the start")));
}

#[test]
fn semantic_problems_are_warnings_that_name_the_ids() {
    let text = SPEC_EXAMPLE
        .replace("{ \"id\": \"VEND-1\" }", "{ \"id\": \"VEND-9\" }")
        .replace("\"low\": 8", "\"low\": 12")
        .replace("\"affects\": [\"PAY-7\"]", "\"affects\": [\"PAY-77\"]")
        .replace("\"decision\": \"D-1\"", "\"decision\": \"D-9\"")
        .replace("\"slip\": [0, 5, 15]", "\"slip\": [9, 5, 15]");
    let loaded = read_program(&text).unwrap();
    let warnings: Vec<String> = loaded.warnings.iter().map(|p| p.to_string()).collect();
    for wanted in [
        "items[PAY-1].after[0]: link from PAY-1 to VEND-9: no such item or dependency",
        "items[PAY-1].low: PAY-1: low estimate 12 is more than the likely 10 days",
        "dependencies[VEND-1].slip",
        "risks[R-1].affects[0]: R-1 affects PAY-77",
        "risks[R-1].decision: R-1 links to decision D-9",
    ] {
        assert!(
            warnings.iter().any(|w| w.starts_with(wanted)),
            "missing «{wanted}» in {warnings:#?}"
        );
    }
    assert!(loaded
        .warnings
        .iter()
        .all(|w| w.severity == Severity::Warning));
}

#[test]
fn hostile_input_never_panics() {
    for text in ["", "null", "[]", "1", "\"x\"", "{}", "{\"items\": 5}", "{\"items\": [1, null]}",
                 "{\"format\":\"throughline/1\",\"name\":\"x\",\"start\":\"2026-01-01\",\"target\":\"2026-02-01\",\"items\":[{\"id\":\"A\",\"title\":\"t\",\"days\":18446744073709551615}]}"] {
        let _ = read_program(text);
    }
}

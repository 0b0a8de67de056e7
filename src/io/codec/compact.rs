//! The compact form of a program file that `#share=~` links carry: the same JSON with
//! records as positional lists, defaults left out, dates as day numbers and words as
//! numbers (the layout is documented in the parent module). A pure transform over
//! `serde_json::Value`, so fields this table does not know pass through verbatim.
//! `expand` takes untrusted input: it never panics, and what it cannot make sense of it
//! leaves as it is for the program reader to name.
//!
//! Links written with these tables are out in the world: changing a table, even
//! appending a field (an old link's extra-fields object would land in it), needs a new
//! [`VERSION`], with these tables kept for reading. Until then new fields simply travel
//! as extra fields, verbatim.

use chrono::NaiveDate;
use serde_json::{Map, Value};

/// The version [`compact`] writes as the first element; [`expand`] reads only this one.
pub const VERSION: u64 = 1;

/// How one field's value is written in its slot.
#[derive(Clone, Copy)]
enum Slot {
    /// Any value, as it is.
    Plain,
    /// A `YYYY-MM-DD` date, as days after the program's start.
    Date,
    /// A `YYYY-MM-DD` date, as days after 1970-01-01 (only the program's start).
    Epoch,
    /// A list of dates, each as in [`Slot::Date`].
    Dates,
    /// One of these words, as its position in the list.
    Word(&'static [&'static str]),
    /// An object, as a record of these fields.
    Record(&'static [Field]),
    /// A list of objects, each as a record of these fields.
    Records(&'static [Field]),
}

/// A value that may be left out because reading the file gives the same without it.
#[derive(Clone, Copy)]
enum Default {
    None,
    Word(&'static str),
    Count(u64),
    /// This JSON text.
    Json(&'static str),
    /// A record whose fields are all left out (e.g. the default rules).
    Empty,
    /// The id of the record holding this one (a source key that is the item's id).
    ParentId,
}

#[derive(Clone, Copy)]
struct Field {
    key: &'static str,
    slot: Slot,
    default: Default,
}

const fn field(key: &'static str, slot: Slot) -> Field {
    Field {
        key,
        slot,
        default: Default::None,
    }
}

const fn with_default(key: &'static str, slot: Slot, default: Default) -> Field {
    Field { key, slot, default }
}

const COLOURS: &[&str] = &["green", "yellow", "red"];
const LEVELS: &[&str] = &["low", "medium", "high"];

const PROGRAM: &[Field] = &[
    field("format", Slot::Plain),
    field("name", Slot::Plain),
    field("start", Slot::Epoch),
    field("target", Slot::Date),
    field("status_date", Slot::Date),
    with_default("calendar", Slot::Record(CALENDAR), Default::Empty),
    with_default("rules", Slot::Record(RULES), Default::Empty),
    field("teams", Slot::Records(TEAM)),
    field("items", Slot::Records(ITEM)),
    field("dependencies", Slot::Records(DEPENDENCY)),
    field("risks", Slot::Records(RISK)),
    field("decisions", Slot::Records(DECISION)),
    with_default("summary", Slot::Record(SUMMARY), Default::Empty),
];

const CALENDAR: &[Field] = &[
    with_default(
        "workdays",
        Slot::Plain,
        Default::Json(r#"["mon","tue","wed","thu","fri"]"#),
    ),
    field("holidays", Slot::Dates),
];

const RULES: &[Field] = &[
    with_default("stale_yellow_days", Slot::Plain, Default::Count(14)),
    with_default("review_every_days", Slot::Plain, Default::Count(7)),
    with_default("update_every_days", Slot::Plain, Default::Count(7)),
    with_default("near_critical_days", Slot::Plain, Default::Count(5)),
    with_default("escalate_within_days", Slot::Plain, Default::Count(14)),
    with_default("iterations", Slot::Plain, Default::Count(10_000)),
    with_default(
        "slip_by_risk",
        Slot::Plain,
        Default::Json(r#"{"high":[0,5,20],"low":[0,0,2],"medium":[0,2,8]}"#),
    ),
];

const TEAM: &[Field] = &[
    field("id", Slot::Plain),
    field("name", Slot::Plain),
    field("lead", Slot::Plain),
];

const ITEM: &[Field] = &[
    field("id", Slot::Plain),
    field("title", Slot::Plain),
    field("team", Slot::Plain),
    field("owner", Slot::Plain),
    with_default("days", Slot::Plain, Default::Count(0)),
    field("low", Slot::Plain),
    field("high", Slot::Plain),
    field("after", Slot::Records(LINK)),
    field("started", Slot::Date),
    field("finished", Slot::Date),
    field("remaining", Slot::Plain),
    field("source", Slot::Record(SOURCE)),
    field("status", Slot::Records(UPDATE)),
    field("due", Slot::Date),
    field("not_before", Slot::Date),
    with_default(
        "kind",
        Slot::Word(&["task", "milestone"]),
        Default::Word("task"),
    ),
];

const LINK: &[Field] = &[
    field("id", Slot::Plain),
    with_default(
        "type",
        Slot::Word(&["FS", "SS", "FF", "SF"]),
        Default::Word("FS"),
    ),
    with_default("lag", Slot::Plain, Default::Count(0)),
];

const SOURCE: &[Field] = &[
    field("system", Slot::Plain),
    with_default("key", Slot::Plain, Default::ParentId),
];

const UPDATE: &[Field] = &[
    field("date", Slot::Date),
    field("color", Slot::Word(COLOURS)),
    field("note", Slot::Plain),
    field("by", Slot::Plain),
    field("remaining", Slot::Plain),
];

const DEPENDENCY: &[Field] = &[
    field("id", Slot::Plain),
    field("title", Slot::Plain),
    with_default(
        "kind",
        Slot::Word(&[
            "third_party_api",
            "team_deliverable",
            "hardware",
            "compliance",
            "other",
        ]),
        Default::Word("other"),
    ),
    field("provider", Slot::Plain),
    field("owner", Slot::Plain),
    field("due", Slot::Date),
    with_default("risk", Slot::Word(LEVELS), Default::Word("medium")),
    field("mitigation", Slot::Plain),
    field("slip", Slot::Plain),
    field("delivered", Slot::Date),
    field("reviewed", Slot::Date),
    field("status", Slot::Records(UPDATE)),
];

const RISK: &[Field] = &[
    field("id", Slot::Plain),
    field("title", Slot::Plain),
    field("owner", Slot::Plain),
    with_default("level", Slot::Word(LEVELS), Default::Word("medium")),
    field("affects", Slot::Plain),
    field("trigger", Slot::Date),
    field("options", Slot::Plain),
    with_default(
        "state",
        Slot::Word(&["open", "escalated", "mitigated", "closed"]),
        Default::Word("open"),
    ),
    field("decision", Slot::Plain),
];

const DECISION: &[Field] = &[
    field("id", Slot::Plain),
    field("question", Slot::Plain),
    field("options", Slot::Plain),
    field("recommendation", Slot::Plain),
    field("needed_by", Slot::Date),
    field("from", Slot::Plain),
    field("decided", Slot::Date),
    field("outcome", Slot::Plain),
];

const SUMMARY: &[Field] = &[
    field("color", Slot::Word(COLOURS)),
    field("color_reason", Slot::Plain),
    field("headline", Slot::Plain),
    field("notes", Slot::Plain),
];

/// What dates are counted from, and the id of the record being written or read.
#[derive(Clone, Copy)]
struct Context<'a> {
    base: i64,
    parent: Option<&'a str>,
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Days after 1970-01-01, only for text that reads back exactly as it was written.
fn day_number(value: &Value) -> Option<i64> {
    let text = value.as_str()?;
    let date = crate::model::edit::parse_ymd(text, '-')?;
    (date.to_string() == text).then(|| (date - epoch()).num_days())
}

fn date_text(days: i64) -> Option<Value> {
    let date = epoch().checked_add_signed(chrono::TimeDelta::try_days(days)?)?;
    Some(Value::String(date.to_string()))
}

impl Default {
    fn holds(self, value: &Value, context: Context) -> bool {
        match self {
            Default::None | Default::Empty => false,
            Default::Word(word) => value.as_str() == Some(word),
            Default::Count(n) => value.as_u64() == Some(n),
            // As written by serde_json (keys sorted); a mismatch only costs length.
            Default::Json(text) => serde_json::to_string(value).is_ok_and(|json| json == text),
            Default::ParentId => context.parent.is_some() && value.as_str() == context.parent,
        }
    }
}

/// The compact form of a program file. A value that is not an object (not a program at
/// all) is written as `[0, value]`, so reading it back says what is wrong with it.
pub fn compact(program: Value) -> Value {
    let Value::Object(object) = program else {
        return Value::Array(vec![Value::from(0), program]);
    };
    let base = object.get("start").and_then(day_number).unwrap_or(0);
    let context = Context { base, parent: None };
    let mut out = vec![Value::from(VERSION)];
    out.extend(compact_record(object, PROGRAM, context));
    Value::Array(out)
}

fn compact_record(object: Map<String, Value>, fields: &[Field], context: Context) -> Vec<Value> {
    let id = object.get("id").and_then(Value::as_str).map(str::to_owned);
    let inner = Context {
        parent: id.as_deref(),
        ..context
    };
    // Not `vec![Value::Null; n]`: that would bring `Value::clone` into the wasm.
    let mut slots = Vec::new();
    slots.resize_with(fields.len(), || Value::Null);
    let mut extras = Map::new();
    for (key, value) in object {
        let Some(index) = fields.iter().position(|f| f.key == key) else {
            extras.insert(key, value);
            continue;
        };
        let field = fields[index];
        if value.is_null() || field.default.holds(&value, context) {
            continue;
        }
        match compact_slot(field.slot, value, inner) {
            Ok(Value::Array(list))
                if list.is_empty() && matches!(field.default, Default::Empty) => {}
            Ok(compacted) => slots[index] = compacted,
            Err(verbatim) => {
                extras.insert(key, verbatim);
            }
        }
    }
    if extras.is_empty() {
        while slots.last().is_some_and(Value::is_null) {
            slots.pop();
        }
    } else {
        slots.push(Value::Object(extras));
    }
    slots
}

/// `Err` gives the value back when it is not what the slot holds; it then travels verbatim.
fn compact_slot(slot: Slot, value: Value, context: Context) -> Result<Value, Value> {
    let day = |date: &Value, base: i64| day_number(date).map(|day| Value::from(day - base));
    match (slot, value) {
        (Slot::Plain, value) => Ok(value),
        (Slot::Date, value) => day(&value, context.base).ok_or(value),
        (Slot::Epoch, value) => day(&value, 0).ok_or(value),
        (Slot::Dates, Value::Array(list)) => list
            .iter()
            .map(|date| day(date, context.base))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array)
            .ok_or(Value::Array(list)),
        (Slot::Word(words), value) => value
            .as_str()
            .and_then(|word| words.iter().position(|w| *w == word))
            .map(Value::from)
            .ok_or(value),
        (Slot::Record(fields), Value::Object(object)) => {
            Ok(Value::Array(compact_record(object, fields, context)))
        }
        (Slot::Records(fields), Value::Array(list)) if list.iter().all(Value::is_object) => {
            Ok(Value::Array(
                list.into_iter()
                    .map(|entry| match entry {
                        Value::Object(object) => compact_entry(object, fields, context),
                        other => other,
                    })
                    .collect(),
            ))
        }
        (_, value) => Err(value),
    }
}

/// A record in a list; one holding only its first field, text, is written as that text.
fn compact_entry(object: Map<String, Value>, fields: &[Field], context: Context) -> Value {
    let mut record = compact_record(object, fields, context);
    if record.len() == 1 && record[0].is_string() {
        record.pop().unwrap_or_default()
    } else {
        Value::Array(record)
    }
}

/// Why a compact payload was not expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpandError {
    /// The first element is a version number this build does not read.
    UnknownVersion(u64),
}

/// The program file a compact form stands for. A version other than [`VERSION`] (or 0,
/// a value kept as it is) is an error; a value that is not a compact form at all is
/// returned as it is, for the program reader to say what is wrong with it.
pub fn expand(compact: Value) -> Result<Value, ExpandError> {
    let Value::Array(mut list) = compact else {
        return Ok(compact);
    };
    match list.first().map(Value::as_u64) {
        Some(Some(VERSION)) => {}
        Some(Some(0)) => return Ok(list.into_iter().nth(1).unwrap_or(Value::Null)),
        Some(Some(version)) => return Err(ExpandError::UnknownVersion(version)),
        _ => return Ok(Value::Array(list)),
    }
    list.remove(0);
    let start = PROGRAM.iter().position(|f| f.key == "start");
    let base = start
        .and_then(|i| list.get(i))
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let context = Context { base, parent: None };
    Ok(expand_record(list, PROGRAM, context))
}

/// How many entries the list field `key` of a compact program holds, counted before
/// expanding so an oversize link is refused before it costs memory.
pub fn entries(compact: &Value, key: &str) -> usize {
    let Some(index) = PROGRAM.iter().position(|f| f.key == key) else {
        return 0;
    };
    compact
        .as_array()
        .filter(|list| list.first().and_then(Value::as_u64) == Some(VERSION))
        .and_then(|list| list.get(index + 1))
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

fn expand_record(list: Vec<Value>, fields: &[Field], context: Context) -> Value {
    let well_formed = list.len() <= fields.len()
        || (list.len() == fields.len() + 1 && list.last().is_some_and(Value::is_object));
    if !well_formed {
        return Value::Array(list);
    }
    let mut object = Map::new();
    let mut extras = Map::new();
    for (index, value) in list.into_iter().enumerate() {
        match (fields.get(index), value) {
            (_, Value::Null) => {}
            (Some(field), value) => {
                object.insert(field.key.to_string(), value);
            }
            (None, Value::Object(map)) => extras = map,
            (None, _) => {}
        }
    }
    let parent = object.get("id").and_then(Value::as_str).map(str::to_owned);
    let inner = Context {
        parent: parent.as_deref(),
        ..context
    };
    for field in fields {
        if let Some(value) = object.get_mut(field.key) {
            *value = expand_slot(field.slot, value.take(), inner);
        } else if let (Default::ParentId, Some(id)) = (field.default, context.parent) {
            if !extras.contains_key(field.key) {
                object.insert(field.key.to_string(), Value::String(id.to_string()));
            }
        }
    }
    for (key, value) in extras {
        if !object.contains_key(&key) {
            object.insert(key, value);
        }
    }
    Value::Object(object)
}

fn expand_slot(slot: Slot, value: Value, context: Context) -> Value {
    match (slot, value) {
        (Slot::Date, Value::Number(n)) => n
            .as_i64()
            .and_then(|day| date_text(day.checked_add(context.base)?))
            .unwrap_or(Value::Number(n)),
        (Slot::Epoch, Value::Number(n)) => {
            n.as_i64().and_then(date_text).unwrap_or(Value::Number(n))
        }
        (Slot::Dates, Value::Array(list)) => Value::Array(
            list.into_iter()
                .map(|date| expand_slot(Slot::Date, date, context))
                .collect(),
        ),
        (Slot::Word(words), Value::Number(n)) => n
            .as_u64()
            .and_then(|i| words.get(usize::try_from(i).ok()?))
            .map_or(Value::Number(n), |word| Value::String(word.to_string())),
        (Slot::Record(fields), Value::Array(list)) => expand_record(list, fields, context),
        (Slot::Records(fields), Value::Array(list)) => Value::Array(
            list.into_iter()
                .map(|entry| match entry {
                    Value::String(first) => {
                        expand_record(vec![Value::String(first)], fields, context)
                    }
                    Value::Array(record) => expand_record(record, fields, context),
                    other => other,
                })
                .collect(),
        ),
        (_, value) => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(value: Value) {
        let compacted = compact(value.clone());
        assert_eq!(expand(compacted.clone()), Ok(value), "{compacted}");
    }

    #[test]
    fn defaults_dates_and_words_become_short() {
        let program = json!({
            "format": "throughline/1", "name": "P", "start": "2026-09-07",
            "target": "2026-09-17", "calendar": {"workdays": ["mon","tue","wed","thu","fri"]},
            "rules": {"iterations": 10000},
            "items": [
                {"id": "A", "title": "a", "days": 3, "kind": "task"},
                {"id": "B", "title": "b", "days": 0, "kind": "milestone",
                 "after": [{"id": "A"}, {"id": "A", "type": "SS", "lag": 2}],
                 "source": {"system": "jira", "key": "B"},
                 "status": [{"date": "2026-09-11", "color": "red"}]}
            ]
        });
        let compacted = compact(program);
        assert_eq!(
            compacted,
            json!([
                1,
                "throughline/1",
                "P",
                20703,
                10,
                null,
                null,
                null,
                null,
                [
                    ["A", "a", null, null, 3],
                    [
                        "B",
                        "b",
                        null,
                        null,
                        null,
                        null,
                        null,
                        ["A", ["A", 1, 2]],
                        null,
                        null,
                        null,
                        ["jira"],
                        [[4, 2]],
                        null,
                        null,
                        1
                    ]
                ]
            ])
        );
        let expanded = expand(compacted).unwrap();
        assert_eq!(
            expanded["items"][1]["source"],
            json!({"system": "jira", "key": "B"})
        );
        assert_eq!(
            expanded["items"][1]["status"][0]["date"],
            json!("2026-09-11")
        );
        assert!(expanded.get("rules").is_none() && expanded.get("calendar").is_none());
    }

    #[test]
    fn the_defaults_left_out_are_the_models() {
        let start = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
        let program = crate::model::Program::new("P", start);
        let value = serde_json::to_value(&program).unwrap();
        assert!(value.get("rules").is_some() && value.get("calendar").is_some());
        assert_eq!(compact(value), json!([1, "throughline/2", "P", 20703, 91]));
    }

    #[test]
    fn unknown_fields_and_odd_values_travel_verbatim() {
        round_trip(json!({
            "format": "throughline/2", "name": "P", "start": "2026-09-07",
            "target": "soon", "baseline": "2026-09-01",
            "reports": [{"date": "2026-09-11", "rows": [{"id": "A", "color": "red"}]}],
            "items": [
                {"id": "A", "title": "a", "days": 3, "kind": "epic", "extra": {"x": [1, null]},
                 "source": {"system": "jira", "key": "OTHER", "pulled": "2026-09-08T10:00:00Z"},
                 "after": [{"id": "B", "type": "XX"}, {"id": "C", "note": "n"}],
                 "status": [{"date": "2026-02-30", "color": "green", "mood": "ok"}]},
                {"id": "B", "title": "b", "days": 1.5, "source": {"system": "jira", "key": "B", "missing": true}}
            ],
            "risks": "none"
        }));
    }

    #[test]
    fn anything_that_is_not_a_program_survives_too() {
        for value in [
            json!(null),
            json!([1, 2]),
            json!([0]),
            json!("text"),
            json!({}),
            json!({"": 1}),
        ] {
            round_trip(value);
        }
    }

    #[test]
    fn a_newer_version_is_refused_and_other_values_pass_through() {
        assert_eq!(expand(json!([2, "x"])), Err(ExpandError::UnknownVersion(2)));
        assert_eq!(expand(json!({"a": 1})), Ok(json!({"a": 1})));
        assert_eq!(expand(json!(["x"])), Ok(json!(["x"])));
    }

    #[test]
    fn malformed_compact_records_are_left_for_the_reader_to_name() {
        let expanded = expand(json!([
            1,
            "f",
            "n",
            "x",
            1e300,
            -99999999999i64,
            null,
            null,
            null,
            [
                5,
                [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]
            ]
        ]))
        .unwrap();
        assert_eq!(expanded["start"], json!("x"));
        assert_eq!(
            expanded["items"],
            json!([
                5,
                [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]
            ])
        );
        assert_eq!(expanded["status_date"], json!(-99999999999i64));
    }
}

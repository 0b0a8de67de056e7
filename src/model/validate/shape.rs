//! The shape every field of a program file must have (docs/format.md), checked on the raw JSON so
//! that every problem is found at once and named by its place (`items[PAY-7].due`), before
//! the typed program is built. Timestamps and dates are read by hand (chrono's parser is a
//! few kilobytes of download), exactly as chrono would read them.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::model::names::{Colour, Workday};
use crate::model::problem::Problem;
use crate::model::record::{FieldSpec, Shape};
use crate::model::types::{Decision, Dependency, Item, Risk, Team, FORMAT};

const REPORT_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("date", Shape::Date, true),
    FieldSpec::new("target", Shape::Date, true),
    FieldSpec::new("color", Shape::OneOf(Colour::KEYS), true),
    FieldSpec::new("finish", Shape::Date, true),
    FieldSpec::new("confidence", Shape::Share, false),
    FieldSpec::new("runs", Shape::Count, false),
    FieldSpec::new("p50", Shape::Date, false),
    FieldSpec::new("p85", Shape::Date, false),
    FieldSpec::new("p95", Shape::Date, false),
    FieldSpec::new("paragraph", Shape::Sentences, false),
    FieldSpec::new("notes", Shape::Text, false),
    FieldSpec::new("changes", Shape::Texts, false),
    FieldSpec::new("rows", Shape::Rows, false),
    FieldSpec::new("open_risks", Shape::Texts, false),
    FieldSpec::new("pending_decisions", Shape::Texts, false),
];

const RULE_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("stale_yellow_days", Shape::Count, false),
    FieldSpec::new("review_every_days", Shape::Count, false),
    FieldSpec::new("update_every_days", Shape::Count, false),
    FieldSpec::new("near_critical_days", Shape::Count, false),
    FieldSpec::new("escalate_within_days", Shape::Count, false),
    FieldSpec::new("iterations", Shape::Count, false),
];

const SUMMARY_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("color", Shape::OneOf(Colour::KEYS), false),
    FieldSpec::new("color_reason", Shape::Text, false),
    FieldSpec::new("headline", Shape::Text, false),
    FieldSpec::new("notes", Shape::Text, false),
];

/// The largest count accepted for a duration, lag or setting: about 400 years of working days.
const MAX_COUNT: u64 = 100_000;

fn parse_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 10 {
        return None;
    }
    crate::model::edit::parse_ymd(text, '-')
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("\"{}\"", truncate(s, 40)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn check_value(place: &str, shape: Shape, value: &Value, out: &mut Vec<Problem>) {
    match shape {
        Shape::Text => {
            if !value.is_string() {
                out.push(Problem::error(
                    place,
                    format!("expected text, found {}", describe(value)),
                ));
            }
        }
        Shape::Date => match value.as_str() {
            Some(text) if parse_date(text).is_some() => {}
            _ => out.push(Problem::error(
                place,
                format!(
                    "expected a date as YYYY-MM-DD, found {} (not a real date)",
                    describe(value)
                ),
            )),
        },
        Shape::Timestamp => match value.as_str() {
            Some(text) if crate::model::dates::parse_rfc3339(text).is_some() => {}
            _ => out.push(Problem::error(
                place,
                format!(
                    "expected a date and time as RFC 3339 (like 2026-11-23T09:00:00Z), found {}",
                    describe(value)
                ),
            )),
        },
        Shape::Count => match value.as_u64() {
            Some(n) if n <= MAX_COUNT => {}
            _ => out.push(Problem::error(
                place,
                format!(
                    "expected a whole number of days from 0 to {MAX_COUNT}, found {}",
                    describe(value)
                ),
            )),
        },
        Shape::Lag => match value.as_i64() {
            Some(n) if n.unsigned_abs() <= MAX_COUNT => {}
            _ => out.push(Problem::error(
                place,
                format!(
                    "expected a whole number of working days (may be negative), found {}",
                    describe(value)
                ),
            )),
        },
        Shape::OneOf(allowed) => match value.as_str() {
            Some(text) if allowed.contains(&text) => {}
            _ => out.push(Problem::error(
                place,
                format!(
                    "expected one of {}, found {}",
                    allowed.join(", "),
                    describe(value)
                ),
            )),
        },
        Shape::Texts => each(place, value, out, |p, v, out| {
            check_value(p, Shape::Text, v, out)
        }),
        Shape::Dates => each(place, value, out, |p, v, out| {
            check_value(p, Shape::Date, v, out)
        }),
        Shape::Workdays => each(place, value, out, |p, v, out| {
            check_value(p, Shape::OneOf(Workday::KEYS), v, out)
        }),
        Shape::ThreePoint => match value.as_array() {
            Some(values) if values.len() == 3 => {
                for (i, v) in values.iter().enumerate() {
                    check_value(&format!("{place}[{i}]"), Shape::Count, v, out);
                }
            }
            _ => out.push(Problem::error(
                place,
                format!(
                    "expected [low, likely, high] working days, found {}",
                    describe(value)
                ),
            )),
        },
        Shape::Links => each(place, value, out, |p, v, out| {
            check_object(p, v, Shape::LINK, out)
        }),
        Shape::Updates => each(place, value, out, |p, v, out| {
            check_object(p, v, Shape::UPDATE, out)
        }),
        Shape::Share => match value.as_f64() {
            Some(share) if (0.0..=1.0).contains(&share) => {}
            _ => out.push(Problem::error(
                place,
                format!("expected a share from 0 to 1, found {}", describe(value)),
            )),
        },
        Shape::Sentences => each(place, value, out, |p, v, out| {
            check_value(p, Shape::Texts, v, out)
        }),
        Shape::Rows => each(place, value, out, |p, v, out| match v.as_array() {
            Some(row) if row.len() == 7 => {
                let shapes = [
                    Shape::Text,
                    Shape::OneOf(Colour::KEYS),
                    Shape::Date,
                    Shape::Date,
                    Shape::Lag,
                    Shape::Date,
                ];
                for (i, (shape, value)) in shapes.iter().zip(row).enumerate() {
                    let optional = i == 1 || i == 5;
                    if !(optional && value.is_null()) {
                        check_value(&format!("{p}[{i}]"), *shape, value, out);
                    }
                }
                if !row[6].is_boolean() {
                    out.push(Problem::error(
                        format!("{p}[6]"),
                        format!("expected true or false, found {}", describe(&row[6])),
                    ));
                }
            }
            _ => out.push(Problem::error(
                p,
                format!(
                    "expected [id, colour, start, finish, float, due, critical], found {}",
                    describe(v)
                ),
            )),
        }),
        Shape::Availability => each(place, value, out, |p, v, out| {
            check_object(
                p,
                v,
                &[
                    FieldSpec::new("from", Shape::Date, true),
                    FieldSpec::new("note", Shape::Text, false),
                ],
                out,
            );
            match v.get("percent") {
                Some(percent) if percent.as_u64().is_some_and(|n| n <= 100) => {}
                Some(percent) => out.push(Problem::error(
                    format!("{p}.percent"),
                    format!(
                        "expected a whole percentage from 0 to 100, found {}",
                        describe(percent)
                    ),
                )),
                None if v.is_object() => {
                    out.push(Problem::error(format!("{p}.percent"), "is missing"))
                }
                None => {}
            }
        }),
        Shape::People => match value.as_u64() {
            Some(n) if n <= MAX_COUNT => {}
            _ => out.push(Problem::error(
                place,
                format!(
                    "expected a whole number of people from 0 to {MAX_COUNT}, found {}",
                    describe(value)
                ),
            )),
        },
        Shape::Needs => match value.as_object() {
            Some(needs) => {
                for (team, people) in needs {
                    check_value(&format!("{place}.{team}"), Shape::People, people, out);
                }
            }
            None => out.push(Problem::error(
                place,
                format!(
                    "expected people per team, like {{\"auth\": 2}}, found {}",
                    describe(value)
                ),
            )),
        },
        Shape::Source => check_object(
            place,
            value,
            &[
                FieldSpec::new("system", Shape::Text, true),
                FieldSpec::new("key", Shape::Text, true),
                FieldSpec::new("pulled", Shape::Timestamp, false),
                FieldSpec::new("missing", Shape::Timestamp, false),
            ],
            out,
        ),
    }
}

fn each(
    place: &str,
    value: &Value,
    out: &mut Vec<Problem>,
    check: impl Fn(&str, &Value, &mut Vec<Problem>),
) {
    match value.as_array() {
        Some(values) => {
            for (i, v) in values.iter().enumerate() {
                check(&format!("{place}[{i}]"), v, out);
            }
        }
        None => out.push(Problem::error(
            place,
            format!("expected a list, found {}", describe(value)),
        )),
    }
}

fn check_object(place: &str, value: &Value, fields: &[FieldSpec], out: &mut Vec<Problem>) {
    let Some(object) = value.as_object() else {
        out.push(Problem::error(
            place,
            format!("expected an object, found {}", describe(value)),
        ));
        return;
    };
    check_fields(place, object, fields, out);
}

fn check_fields(
    place: &str,
    object: &Map<String, Value>,
    fields: &[FieldSpec],
    out: &mut Vec<Problem>,
) {
    for field in fields {
        let name = field.key;
        let field_place = if place.is_empty() {
            name.to_string()
        } else {
            format!("{place}.{name}")
        };
        match object.get(name) {
            None | Some(Value::Null) => {
                if field.required {
                    out.push(Problem::error(field_place, "is missing"));
                }
            }
            Some(value) => check_value(&field_place, field.shape, value, out),
        }
    }
}

/// Names an entry of a list by its id (or a report by its date) when it has one, so
/// messages say `items[PAY-7]` or `reports[2026-11-20]`.
fn entry_place(list: &str, index: usize, entry: &Value) -> String {
    let key = entry.get("id").or_else(|| entry.get("date"));
    match key.and_then(Value::as_str) {
        Some(id) if !id.is_empty() => format!("{list}[{id}]"),
        _ => format!("{list}[{index}]"),
    }
}

fn check_list(root: &Map<String, Value>, list: &str, fields: &[FieldSpec], out: &mut Vec<Problem>) {
    match root.get(list) {
        None | Some(Value::Null) => {}
        Some(Value::Array(entries)) => {
            for (i, entry) in entries.iter().enumerate() {
                let place = entry_place(list, i, entry);
                check_object(&place, entry, fields, out);
            }
        }
        Some(other) => out.push(Problem::error(
            list,
            format!("expected a list, found {}", describe(other)),
        )),
    }
}

/// Checks the JSON against the shapes of docs/format.md and returns every mismatch.
pub(super) fn check_shape(value: &Value) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(root) = value.as_object() else {
        out.push(Problem::error(
            "",
            format!("a program file is a JSON object, found {}", describe(value)),
        ));
        return out;
    };
    match root.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        other => out.push(Problem::error(
            "format",
            format!(
                "expected \"{FORMAT}\", found {}",
                other.map_or("nothing".to_string(), |f| format!("\"{f}\""))
            ),
        )),
    }
    check_fields(
        "",
        root,
        &[
            FieldSpec::new("name", Shape::Text, true),
            FieldSpec::new("start", Shape::Date, true),
            FieldSpec::new("target", Shape::Date, true),
            FieldSpec::new("status_date", Shape::Date, false),
            FieldSpec::new("baseline", Shape::Date, false),
            FieldSpec::new("levelling", Shape::Texts, false),
        ],
        &mut out,
    );
    check_list(root, "reports", REPORT_FIELDS, &mut out);
    match root.get("calendar") {
        None | Some(Value::Null) => {}
        Some(calendar) => check_object(
            "calendar",
            calendar,
            &[
                FieldSpec::new("workdays", Shape::Workdays, false),
                FieldSpec::new("holidays", Shape::Dates, false),
            ],
            &mut out,
        ),
    }
    match root.get("rules") {
        None | Some(Value::Null) => {}
        Some(Value::Object(rules)) => {
            check_fields("rules", rules, RULE_FIELDS, &mut out);
            match rules.get("slip_by_risk") {
                None | Some(Value::Null) => {}
                Some(slips) => check_object(
                    "rules.slip_by_risk",
                    slips,
                    &[
                        FieldSpec::new("low", Shape::ThreePoint, true),
                        FieldSpec::new("medium", Shape::ThreePoint, true),
                        FieldSpec::new("high", Shape::ThreePoint, true),
                    ],
                    &mut out,
                ),
            }
        }
        Some(other) => out.push(Problem::error(
            "rules",
            format!("expected an object, found {}", describe(other)),
        )),
    }
    check_list(root, "teams", Team::FIELDS, &mut out);
    check_list(root, "items", Item::FIELDS, &mut out);
    check_list(root, "dependencies", Dependency::FIELDS, &mut out);
    check_list(root, "risks", Risk::FIELDS, &mut out);
    check_list(root, "decisions", Decision::FIELDS, &mut out);
    match root.get("summary") {
        None | Some(Value::Null) => {}
        Some(summary) => check_object("summary", summary, SUMMARY_FIELDS, &mut out),
    }
    out
}

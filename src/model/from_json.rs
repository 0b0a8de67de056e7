//! Reading the program types out of a parsed JSON value, by hand. The value has been
//! checked field by field already ([`super::validate`]), so this only converts; it reads
//! exactly what the types' serde `Deserialize` reads (tested against it on random
//! programs), which the download no longer carries: serde's derived readers, one copy per
//! list type, were about 50 KB of it.
//!
//! A field with a default reads as its default when absent or `null`. The entities'
//! readers are generated from their declarations (model/record.rs) with these helpers.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use super::names::{Colour, DependencyKind, ItemKind, LinkType, RiskLevel, RiskState, Workday};
use super::report::{Report, ReportRow, ReportSection};
use super::text::Sentence;
use super::types::*;

type Object = Map<String, Value>;

/// Why a value could not be read: the path of the field and what was expected.
pub type Error = String;

/// A type read out of a JSON value.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Result<Self, Error>;
}

/// Reads a program out of a JSON value.
pub fn program(value: &Value) -> Result<Program, Error> {
    Program::from_json(value)
}

fn expected<T>(what: &str) -> Result<T, Error> {
    Err(format!("expected {what}"))
}

pub(super) fn object(value: &Value) -> Result<&Object, Error> {
    value.as_object().map_or_else(|| expected("an object"), Ok)
}

/// A field that must be there.
pub(super) fn required<T: FromJson>(object: &Object, key: &str) -> Result<T, Error> {
    match object.get(key) {
        None => Err(format!("missing field `{key}`")),
        Some(value) => T::from_json(value).map_err(|err| format!("{key}: {err}")),
    }
}

/// A field read as `fallback` when absent or `null`.
fn or<T: FromJson>(object: &Object, key: &str, fallback: T) -> Result<T, Error> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(fallback),
        Some(value) => T::from_json(value).map_err(|err| format!("{key}: {err}")),
    }
}

/// A field read as its type's default when absent or `null`.
pub(super) fn optional<T: FromJson + Default>(object: &Object, key: &str) -> Result<T, Error> {
    or(object, key, T::default())
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<Self, Error> {
        value
            .as_str()
            .map_or_else(|| expected("text"), |text| Ok(text.to_string()))
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<Self, Error> {
        value
            .as_bool()
            .map_or_else(|| expected("true or false"), Ok)
    }
}

impl FromJson for f64 {
    fn from_json(value: &Value) -> Result<Self, Error> {
        value.as_f64().map_or_else(|| expected("a number"), Ok)
    }
}

/// A whole number of the type's range.
fn whole<T: TryFrom<i64>>(value: &Value) -> Result<T, Error> {
    value
        .as_i64()
        .and_then(|n| T::try_from(n).ok())
        .map_or_else(|| expected("a whole number in range"), Ok)
}

impl FromJson for u32 {
    fn from_json(value: &Value) -> Result<Self, Error> {
        whole(value)
    }
}

impl FromJson for i32 {
    fn from_json(value: &Value) -> Result<Self, Error> {
        whole(value)
    }
}

impl FromJson for i64 {
    fn from_json(value: &Value) -> Result<Self, Error> {
        whole(value)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Self, Error> {
        match value {
            Value::Null => Ok(None),
            value => T::from_json(value).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Shared<T> {
    fn from_json(value: &Value) -> Result<Self, Error> {
        T::from_json(value).map(Shared::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let Some(list) = value.as_array() else {
            return expected("a list");
        };
        list.iter()
            .enumerate()
            .map(|(at, entry)| T::from_json(entry).map_err(|err| format!("[{at}]: {err}")))
            .collect()
    }
}

impl FromJson for ThreePoint {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let list = Vec::<u32>::from_json(value)?;
        <[u32; 3]>::try_from(list).map_or_else(|_| expected("three whole numbers"), Ok)
    }
}

impl FromJson for NaiveDate {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let text = String::from_json(value)?;
        super::edit::parse_ymd(&text, '-')
            .map_or_else(|| Err(format!("\"{text}\" is not a date (YYYY-MM-DD)")), Ok)
    }
}

impl FromJson for DateTime<Utc> {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let text = String::from_json(value)?;
        super::dates::parse_rfc3339(&text).map_or_else(
            || Err(format!("\"{text}\" is not an RFC 3339 timestamp")),
            Ok,
        )
    }
}

macro_rules! by_key {
    ($($name:ident),+) => {$(
        impl FromJson for $name {
            fn from_json(value: &Value) -> Result<Self, Error> {
                let text = String::from_json(value)?;
                $name::from_key(&text).map_or_else(
                    || Err(format!("unknown variant `{text}`, expected one of {}", $name::KEYS.join(", "))),
                    Ok,
                )
            }
        }
    )+};
}

by_key!(
    Colour,
    DependencyKind,
    ItemKind,
    LinkType,
    RiskLevel,
    RiskState,
    Workday
);

impl FromJson for Sentence {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let runs = Vec::<String>::from_json(value)?;
        let mut sentence = Sentence::default();
        for (i, run) in runs.iter().enumerate() {
            if i % 2 == 1 {
                sentence.bold(run);
            } else {
                sentence.add(run);
            }
        }
        Ok(sentence)
    }
}

impl FromJson for Program {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        Ok(Program {
            format: required(o, "format")?,
            name: required(o, "name")?,
            start: required(o, "start")?,
            target: required(o, "target")?,
            status_date: optional(o, "status_date")?,
            calendar: optional(o, "calendar")?,
            rules: optional(o, "rules")?,
            teams: optional(o, "teams")?,
            items: optional(o, "items")?,
            dependencies: optional(o, "dependencies")?,
            risks: optional(o, "risks")?,
            decisions: optional(o, "decisions")?,
            summary: optional(o, "summary")?,
            reports: optional(o, "reports")?,
            baseline: optional(o, "baseline")?,
            levelling: optional(o, "levelling")?,
        })
    }
}

impl FromJson for Calendar {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        let fallback = Calendar::default();
        Ok(Calendar {
            workdays: or(o, "workdays", fallback.workdays)?,
            holidays: optional(o, "holidays")?,
        })
    }
}

impl FromJson for SlipByRisk {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        Ok(SlipByRisk {
            low: required(o, "low")?,
            medium: required(o, "medium")?,
            high: required(o, "high")?,
        })
    }
}

impl FromJson for Rules {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        let d = Rules::default();
        Ok(Rules {
            stale_yellow_days: or(o, "stale_yellow_days", d.stale_yellow_days)?,
            review_every_days: or(o, "review_every_days", d.review_every_days)?,
            update_every_days: or(o, "update_every_days", d.update_every_days)?,
            near_critical_days: or(o, "near_critical_days", d.near_critical_days)?,
            escalate_within_days: or(o, "escalate_within_days", d.escalate_within_days)?,
            iterations: or(o, "iterations", d.iterations)?,
            slip_by_risk: or(o, "slip_by_risk", d.slip_by_risk)?,
        })
    }
}

impl FromJson for Availability {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        Ok(Availability {
            from: required(o, "from")?,
            percent: required(o, "percent")?,
            note: optional(o, "note")?,
        })
    }
}

impl FromJson for BTreeMap<String, u32> {
    fn from_json(value: &Value) -> Result<Self, Error> {
        object(value)?
            .iter()
            .map(|(key, count)| {
                Ok((
                    key.clone(),
                    u32::from_json(count).map_err(|err| format!("{key}: {err}"))?,
                ))
            })
            .collect()
    }
}

impl FromJson for Link {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        Ok(Link {
            id: required(o, "id")?,
            link_type: optional(o, "type")?,
            lag: optional(o, "lag")?,
        })
    }
}

impl FromJson for Source {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        Ok(Source {
            system: required(o, "system")?,
            key: required(o, "key")?,
            pulled: optional(o, "pulled")?,
            missing: optional(o, "missing")?,
        })
    }
}

impl FromJson for StatusUpdate {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        Ok(StatusUpdate {
            date: required(o, "date")?,
            colour: required(o, "color")?,
            note: optional(o, "note")?,
            by: optional(o, "by")?,
            remaining: optional(o, "remaining")?,
        })
    }
}

impl FromJson for SummaryOverrides {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        Ok(SummaryOverrides {
            colour: optional(o, "color")?,
            colour_reason: optional(o, "color_reason")?,
            headline: optional(o, "headline")?,
            notes: optional(o, "notes")?,
        })
    }
}

impl FromJson for Report {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        Ok(Report {
            date: required(o, "date")?,
            target: required(o, "target")?,
            colour: required(o, "color")?,
            finish: required(o, "finish")?,
            confidence: optional(o, "confidence")?,
            runs: optional(o, "runs")?,
            p50: optional(o, "p50")?,
            p85: optional(o, "p85")?,
            p95: optional(o, "p95")?,
            paragraph: optional(o, "paragraph")?,
            notes: optional(o, "notes")?,
            changes: optional(o, "changes")?,
            sections: optional(o, "sections")?,
            rows: optional(o, "rows")?,
            open_risks: optional(o, "open_risks")?,
            pending_decisions: optional(o, "pending_decisions")?,
        })
    }
}

/// `[id, colour or null, start, finish, float, due or null, critical]`.
impl FromJson for ReportSection {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let o = object(value)?;
        Ok(ReportSection {
            heading: required(o, "heading")?,
            lines: optional(o, "lines")?,
            list: or(o, "list", true)?,
        })
    }
}

impl FromJson for ReportRow {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let Some([id, colour, start, finish, float, due, critical]) =
            value.as_array().map(Vec::as_slice)
        else {
            return expected("a list of 7 values");
        };
        Ok(ReportRow {
            id: String::from_json(id)?,
            colour: Option::from_json(colour)?,
            start: NaiveDate::from_json(start)?,
            finish: NaiveDate::from_json(finish)?,
            float: i64::from_json(float)?,
            due: Option::from_json(due)?,
            critical: bool::from_json(critical)?,
        })
    }
}

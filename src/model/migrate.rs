//! Migration of program files written by older versions of the format.
//! `throughline/1` is `throughline/2` without published reports (`reports`, `baseline`),
//! so it migrates as it is; the unversioned draft (no `format` field, which early scripts
//! wrote) is `throughline/1` in every other respect. A newer version is refused with a
//! message rather than read wrongly, so an older build never drops reports it cannot read.

use serde_json::Value;

use super::problem::{Problem, Severity};
use super::types::FORMAT;

/// Brings a program file up to the current format, or says why it cannot.
pub fn migrate(mut value: Value) -> Result<Value, Problem> {
    let Some(object) = value.as_object_mut() else {
        return Ok(value);
    };
    match object.get("format") {
        None | Some(Value::Null) => {
            object.insert("format".into(), Value::String(FORMAT.into()));
            Ok(value)
        }
        Some(Value::String(format)) if format == FORMAT => Ok(value),
        Some(Value::String(format)) if format == "throughline/1" => {
            object.insert("format".into(), Value::String(FORMAT.into()));
            Ok(value)
        }
        Some(Value::String(format)) if format.starts_with("throughline/") => Err(Problem {
            severity: Severity::Error,
            place: "format".into(),
            message: format!(
                "\"{format}\" was written by a newer version of Throughline; this one reads {FORMAT}"
            ),
        }),
        Some(_) => Ok(value),
    }
}

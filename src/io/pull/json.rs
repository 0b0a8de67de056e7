//! Lenient reading of untrusted JSON responses: a missing field, a `null` and a value of
//! the wrong type all read as absent, so a changed or hostile response never panics.

use serde_json::Value;

/// The value at this path of object keys; `None` for anything missing or `null`.
pub(super) fn at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter()
        .try_fold(value, |value, key| value.get(key))
        .filter(|value| !value.is_null())
}

/// Non-empty text at this path, trimmed.
pub(super) fn text<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    at(value, path)?
        .as_str()
        .map(str::trim)
        .filter(|text| !text.is_empty())
}

/// A number at this path, also when written as text (`"5"`); only finite values.
pub(super) fn number(value: &Value, path: &[&str]) -> Option<f64> {
    let value = at(value, path)?;
    let number = match value {
        Value::Number(number) => number.as_f64()?,
        Value::String(text) => crate::model::edit::parse_number(text)?,
        _ => return None,
    };
    number.is_finite().then_some(number)
}

/// A true/false at this path.
pub(super) fn flag(value: &Value, path: &[&str]) -> Option<bool> {
    at(value, path)?.as_bool()
}

/// The list at this path; empty when absent or not a list.
pub(super) fn list<'a>(value: &'a Value, path: &[&str]) -> &'a [Value] {
    at(value, path)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The start of a text for a message: one line, at most 40 characters.
pub(super) fn start_of(text: &str) -> String {
    let line: String = text
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(41)
        .collect();
    if line.chars().count() > 40 {
        format!("{}…", line.chars().take(40).collect::<String>())
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nulls_and_wrong_types_read_as_absent() {
        let value = json!({"a": {"b": null, "c": 5, "d": "  x ", "e": [1], "f": "7.5"}});
        assert_eq!(at(&value, &["a", "b"]), None);
        assert_eq!(text(&value, &["a", "c"]), None);
        assert_eq!(text(&value, &["a", "d"]), Some("x"));
        assert_eq!(number(&value, &["a", "c"]), Some(5.0));
        assert_eq!(number(&value, &["a", "f"]), Some(7.5));
        assert_eq!(number(&value, &["a", "d"]), None);
        assert_eq!(list(&value, &["a", "e"]).len(), 1);
        assert!(list(&value, &["a", "c"]).is_empty());
        assert!(list(&value, &["a", "e", "x"]).is_empty());
        assert_eq!(flag(&value, &["a"]), None);
    }

    #[test]
    fn a_message_quotes_one_short_line() {
        assert_eq!(start_of("  <html>\n<body>"), "<html> <body>");
        assert_eq!(start_of(&"x".repeat(60)), format!("{}…", "x".repeat(40)));
    }
}

//! Where a value sits in a program, said two ways: a path the code follows
//! (`items[PAY-1].owner`, also written as the field key `items/PAY-1/owner`) and words a TPM
//! reads ("Owner of PAY-1"). Entities are found by their hidden uid (or, in data without
//! uids, their id; status updates and published reports by their date), never by position;
//! the words name them by their id.
//! Pure: works on `serde_json::Value`, never panics on any shape of data.

use std::fmt;

use serde_json::Value;

use super::keys;

/// One step of a path: a field of an object, or the entity with this key in an array.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Field(String),
    /// The entity whose identity is `key` (its uid, id or date); `name` is what a person
    /// calls it (its id, or date).
    Entity {
        key: String,
        name: String,
    },
}

impl Step {
    /// A step into the entity `key`, named by the same text (data without uids).
    pub fn entity(key: &str) -> Step {
        Step::Entity {
            key: key.to_string(),
            name: key.to_string(),
        }
    }
}

/// A path from the root of a program to a value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Place(pub Vec<Step>);

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Field(name) if i == 0 => write!(f, "{name}")?,
                Step::Field(name) => write!(f, ".{name}")?,
                Step::Entity { name, .. } => write!(f, "[{name}]")?,
            }
        }
        Ok(())
    }
}

impl Place {
    /// The field key of this place (`items/<uid>/owner`), as drafts are keyed.
    pub fn key(&self) -> String {
        keys::field_key(&self.segments())
    }

    fn segments(&self) -> Vec<&str> {
        self.0
            .iter()
            .map(|step| match step {
                Step::Field(name) | Step::Entity { key: name, .. } => name.as_str(),
            })
            .collect()
    }

    /// What a TPM calls this place: "Owner of PAY-1", "Note of the 2026-11-20 update on
    /// VEND-1", "Program name".
    pub fn label(&self) -> String {
        capitalise(&describe(&self.0))
    }
}

/// Arrays whose elements carry an `id` but are values of their field, not entities: a link's
/// `id` names another entity, it is not the link's own identity.
const VALUE_ARRAYS: [&str; 1] = ["after"];

/// What identifies an element, first found first: the hidden uid, the id, the date.
const KEYS: [&str; 3] = ["uid", "id", "date"];

/// The field that identifies the elements of an array stored under `field`, if every
/// version given is an array of objects each with a distinct string under it: `uid` first
/// (entities), then `id` (data without uids), then `date` (status updates, published
/// reports). `None`: the array is one value.
pub(crate) fn entity_key(field: Option<&str>, versions: &[&[Value]]) -> Option<&'static str> {
    if field.is_some_and(|field| VALUE_ARRAYS.contains(&field)) {
        return None;
    }
    KEYS.into_iter().find(|name| {
        versions.iter().all(|elements| {
            let mut seen = std::collections::HashSet::new();
            elements.iter().all(|element| {
                element
                    .get(name)
                    .and_then(Value::as_str)
                    .is_some_and(|key| seen.insert(key))
            })
        })
    })
}

/// What a person calls an element: its id, else its date, else its key.
pub(crate) fn entity_name(element: &Value, key: &str) -> String {
    ["id", "date"]
        .into_iter()
        .find_map(|name| element.get(name).and_then(Value::as_str))
        .unwrap_or(key)
        .to_string()
}

/// The position of the entity `key` in `elements` (by `uid`, then `id`, then `date`).
pub(crate) fn find_entity(elements: &[Value], key: &str) -> Option<usize> {
    KEYS.into_iter().find_map(|name| {
        elements
            .iter()
            .position(|element| element.get(name).and_then(Value::as_str) == Some(key))
    })
}

/// The value at `place`, `None` if any step is missing.
pub fn value_at<'a>(root: &'a Value, place: &Place) -> Option<&'a Value> {
    value_at_segments(root, &place.segments())
}

/// The value at a field key (`items/PAY-1/title`): on an object a segment is a field, on an
/// array the key of an entity.
pub fn value_at_key<'a>(root: &'a Value, key: &str) -> Option<&'a Value> {
    let segments = keys::field_key_segments(key);
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    value_at_segments(root, &segments)
}

fn value_at_segments<'a>(root: &'a Value, segments: &[&str]) -> Option<&'a Value> {
    let mut here = root;
    for segment in segments {
        here = match here {
            Value::Object(map) => map.get(*segment)?,
            Value::Array(elements) => &elements[find_entity(elements, segment)?],
            _ => return None,
        };
    }
    Some(here)
}

/// Why a value could not be put at a place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    #[error("{0} no longer exists")]
    Gone(String),
}

/// Puts `value` at `place` (`None` removes the field or the entity). An entity that is not
/// there is added at the end of its list; a field whose entity is gone is refused.
pub fn set_at(root: &mut Value, place: &Place, value: Option<Value>) -> Result<(), PlaceError> {
    let Some((last, parents)) = place.0.split_last() else {
        *root = value.unwrap_or(Value::Null);
        return Ok(());
    };
    let gone = || PlaceError::Gone(capitalise(&describe(&place.0[..place.0.len() - 1])));
    let mut here = root;
    for step in parents {
        here = match (here, step) {
            (Value::Object(map), Step::Field(name)) => map.get_mut(name).ok_or_else(gone)?,
            (Value::Array(elements), Step::Entity { key, .. }) => {
                let at = find_entity(elements, key).ok_or_else(gone)?;
                &mut elements[at]
            }
            _ => return Err(gone()),
        };
    }
    match (here, last) {
        (Value::Object(map), Step::Field(name)) => {
            match value {
                Some(value) if !value.is_null() => map.insert(name.clone(), value),
                _ => map.remove(name),
            };
            Ok(())
        }
        (Value::Array(elements), Step::Entity { key, .. }) => {
            let at = find_entity(elements, key);
            match (at, value) {
                (Some(at), Some(value)) => elements[at] = value,
                (Some(at), None) => {
                    elements.remove(at);
                }
                (None, Some(value)) => elements.push(value),
                (None, None) => {}
            }
            Ok(())
        }
        _ => Err(gone()),
    }
}

/// A noun phrase for a path, lower case: "owner of PAY-1".
fn describe(steps: &[Step]) -> String {
    let Some((last, parent)) = steps.split_last() else {
        return "the program".into();
    };
    match last {
        Step::Field(name) => match parent {
            [] => top_level_field(name),
            _ => format!("{} of {}", field_words(name), describe(parent)),
        },
        Step::Entity { name: key, .. } => match parent.split_last() {
            Some((Step::Field(list), [])) => match list.as_str() {
                "teams" => format!("team {key}"),
                "reports" => format!("the {key} report"),
                _ => key.clone(),
            },
            Some((Step::Field(list), owner)) if list == "status" => {
                format!("the {key} update on {}", describe(owner))
            }
            Some((Step::Field(list), owner)) => {
                format!("{key} in {} of {}", field_words(list), describe(owner))
            }
            _ => format!("{key} in {}", describe(parent)),
        },
    }
}

fn top_level_field(name: &str) -> String {
    match name {
        "name" => "program name".into(),
        "start" => "start date".into(),
        "target" => "target date".into(),
        "status_date" => "status date".into(),
        "format" => "file format".into(),
        "summary" => "summary overrides".into(),
        other => format!("{} of the program", field_words(other)),
    }
}

/// The words for a field of the program file.
fn field_words(name: &str) -> String {
    let words = match name {
        "color" => "colour",
        "color_reason" => "colour reason",
        "by" => "reporter",
        "after" => "predecessors",
        "days" => "duration",
        "low" => "low estimate",
        "high" => "high estimate",
        "not_before" => "not-before date",
        "due" => "due date",
        "started" => "actual start",
        "finished" => "actual finish",
        "remaining" => "remaining days",
        "status" => "status updates",
        "risk" => "risk level",
        "affects" => "affected items",
        "trigger" => "trigger date",
        "decision" => "linked decision",
        "needed_by" => "needed-by date",
        "delivered" => "delivery date",
        "reviewed" => "last review",
        "workdays" => "working days",
        other => return other.replace('_', " "),
    };
    words.to_string()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // ASCII: field names are, and Unicode case tables weigh 6 KB in the download.
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn place(steps: &[(&str, bool)]) -> Place {
        Place(
            steps
                .iter()
                .map(|(text, entity)| {
                    if *entity {
                        Step::entity(text)
                    } else {
                        Step::Field(text.to_string())
                    }
                })
                .collect(),
        )
    }

    #[test]
    fn labels_read_like_a_tpm_speaks() {
        let owner = place(&[("items", false), ("PAY-1", true), ("owner", false)]);
        assert_eq!(owner.label(), "Owner of PAY-1");
        assert_eq!(owner.to_string(), "items[PAY-1].owner");
        assert_eq!(owner.key(), "items/PAY-1/owner");
        let note = place(&[
            ("dependencies", false),
            ("VEND-1", true),
            ("status", false),
            ("2026-11-20", true),
            ("note", false),
        ]);
        assert_eq!(note.label(), "Note of the 2026-11-20 update on VEND-1");
        assert_eq!(place(&[("name", false)]).label(), "Program name");
        assert_eq!(
            place(&[("teams", false), ("pay", true), ("lead", false)]).label(),
            "Lead of team pay"
        );
        assert_eq!(
            place(&[("calendar", false), ("holidays", false)]).label(),
            "Holidays of calendar of the program"
        );
    }

    #[test]
    fn links_are_values_even_though_they_carry_ids() {
        let links = [json!({"id": "A"})];
        assert_eq!(entity_key(Some("after"), &[&links]), None);
        assert_eq!(entity_key(Some("items"), &[&links]), Some("id"));
        let updates = [json!({"date": "2026-01-01"}), json!({"date": "2026-01-08"})];
        assert_eq!(entity_key(Some("status"), &[&updates]), Some("date"));
        let twice = [json!({"id": "A"}), json!({"id": "A"})];
        assert_eq!(entity_key(Some("items"), &[&twice]), None);
    }

    #[test]
    fn set_at_refuses_a_field_of_a_gone_entity() {
        let mut root = json!({"items": [{"id": "A", "owner": "x"}]});
        let owner_of_b = place(&[("items", false), ("B", true), ("owner", false)]);
        assert_eq!(
            set_at(&mut root, &owner_of_b, Some(json!("y"))),
            Err(PlaceError::Gone("B".into()))
        );
        let owner_of_a = place(&[("items", false), ("A", true), ("owner", false)]);
        set_at(&mut root, &owner_of_a, Some(json!("y"))).unwrap();
        assert_eq!(value_at_key(&root, "items/A/owner"), Some(&json!("y")));
    }
}

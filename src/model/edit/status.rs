//! Weekly status updates (the Board and the weekly review), addressed by the item or
//! dependency id and the update's date. A week's update is merged, never replaced:
//! recording a colour keeps that week's note unless a new one is typed, and a note typed
//! over an earlier one is reported back so the UI can say what was replaced.

use chrono::NaiveDate;

use super::{optional_text, EditError};
use crate::model::types::{Colour, Program, StatusUpdate};

/// What recording an update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// A new update for that date.
    Added,
    /// Merged into the update already recorded on that date.
    Merged {
        /// The note that a newly typed one replaced, with who had written it.
        replaced_note: Option<(String, Option<String>)>,
    },
}

fn updates_mut<'a>(
    program: &'a mut Program,
    id: &str,
) -> Result<&'a mut Vec<StatusUpdate>, EditError> {
    if let Some(item) = program.items.iter_mut().find(|i| i.id == id) {
        Ok(&mut item.status)
    } else if let Some(dep) = program.dependencies.iter_mut().find(|d| d.id == id) {
        Ok(&mut dep.status)
    } else {
        Err(EditError::gone("Item or dependency", id))
    }
}

/// Records `colour` (and the note, if one was typed) on `id` as of `date`, reported by
/// `by`.
///
/// With no update on that date, adds one (kept in date order). With one, merges into it:
/// the colour is set; a typed note replaces the old one (returned in
/// [`Recorded::Merged`]) and records `by` as its reporter; a blank note keeps the week's
/// note and who wrote it. `remaining` recorded that week is kept.
pub fn record_status(
    program: &mut Program,
    id: &str,
    date: NaiveDate,
    colour: Colour,
    note: &str,
    by: Option<&str>,
) -> Result<Recorded, EditError> {
    let updates = updates_mut(program, id)?;
    let note = optional_text(note);
    let by = by.and_then(optional_text);
    if let Some(existing) = updates.iter_mut().rev().find(|u| u.date == date) {
        existing.colour = colour;
        let mut replaced_note = None;
        match note {
            Some(note) => {
                if let Some(old) = existing.note.take().filter(|old| *old != note) {
                    replaced_note = Some((old, existing.by.clone()));
                }
                existing.note = Some(note);
                existing.by = by.or(existing.by.take());
            }
            None => {
                if existing.by.is_none() {
                    existing.by = by;
                }
            }
        }
        return Ok(Recorded::Merged { replaced_note });
    }
    let at = updates
        .iter()
        .position(|u| u.date > date)
        .unwrap_or(updates.len());
    updates.insert(
        at,
        StatusUpdate {
            date,
            colour,
            note,
            by,
            remaining: None,
        },
    );
    Ok(Recorded::Added)
}

/// Removes the update of `id` dated `date` (undoable by the caller).
pub fn delete_update(
    program: &mut Program,
    id: &str,
    date: NaiveDate,
) -> Result<StatusUpdate, EditError> {
    let updates = updates_mut(program, id)?;
    let index = updates
        .iter()
        .rposition(|u| u.date == date)
        .ok_or_else(|| EditError::gone("Status update of", &format!("{id} on {date}")))?;
    Ok(updates.remove(index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::tests::d;
    use crate::model::{Dependency, Item};

    fn program() -> Program {
        let mut p = Program::new("Test", d("2026-09-07"));
        p.items.push(Item::task("PAY-1", "Integrate", 5).into());
        let mut dep = Dependency::new("VEND-1", "Vendor API");
        dep.status.push(StatusUpdate {
            date: d("2026-11-20"),
            colour: Colour::Green,
            note: Some("Acme exec sponsor reconfirmed the date".into()),
            by: Some("Sam Lee".into()),
            remaining: None,
        });
        p.dependencies.push(dep.into());
        p
    }

    #[test]
    fn recording_a_colour_keeps_the_weeks_note_and_its_author() {
        let mut p = program();
        let outcome = record_status(
            &mut p,
            "VEND-1",
            d("2026-11-20"),
            Colour::Yellow,
            "",
            Some("Ana"),
        )
        .unwrap();
        assert_eq!(
            outcome,
            Recorded::Merged {
                replaced_note: None
            }
        );
        let update = &p.dependencies[0].status[0];
        assert_eq!(update.colour, Colour::Yellow);
        assert_eq!(
            update.note.as_deref(),
            Some("Acme exec sponsor reconfirmed the date")
        );
        assert_eq!(update.by.as_deref(), Some("Sam Lee"));
    }

    #[test]
    fn a_new_note_over_the_weeks_note_says_what_it_replaced() {
        let mut p = program();
        let outcome = record_status(
            &mut p,
            "VEND-1",
            d("2026-11-20"),
            Colour::Red,
            "Sandbox down again",
            Some("Ana"),
        )
        .unwrap();
        assert_eq!(
            outcome,
            Recorded::Merged {
                replaced_note: Some((
                    "Acme exec sponsor reconfirmed the date".into(),
                    Some("Sam Lee".into())
                ))
            }
        );
        let update = &p.dependencies[0].status[0];
        assert_eq!(update.note.as_deref(), Some("Sandbox down again"));
        assert_eq!(update.by.as_deref(), Some("Ana"));
    }

    #[test]
    fn a_new_week_adds_an_update_in_date_order_with_its_reporter() {
        let mut p = program();
        record_status(
            &mut p,
            "PAY-1",
            d("2026-11-20"),
            Colour::Yellow,
            "slow",
            Some("Dana"),
        )
        .unwrap();
        record_status(&mut p, "PAY-1", d("2026-11-13"), Colour::Green, "", None).unwrap();
        let updates = &p.items[0].status;
        assert_eq!(updates.len(), 2);
        assert_eq!(updates[0].date, d("2026-11-13"));
        assert_eq!(updates[1].by.as_deref(), Some("Dana"));
    }

    #[test]
    fn recording_on_something_deleted_meanwhile_is_refused_by_name() {
        let mut p = program();
        let err =
            record_status(&mut p, "GONE-1", d("2026-11-20"), Colour::Red, "", None).unwrap_err();
        assert!(err.to_string().contains("GONE-1 no longer exists"));
    }

    #[test]
    fn an_update_is_deleted_by_its_date() {
        let mut p = program();
        let removed = delete_update(&mut p, "VEND-1", d("2026-11-20")).unwrap();
        assert_eq!(removed.by.as_deref(), Some("Sam Lee"));
        assert!(p.dependencies[0].status.is_empty());
        assert!(delete_update(&mut p, "VEND-1", d("2026-11-20")).is_err());
    }
}

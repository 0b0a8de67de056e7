//! External dependencies (the register): every field, add, delete and the weekly review,
//! by id.

use chrono::NaiveDate;

use super::{
    check_new_id, date_text, optional_text, parse_optional_date, parse_optional_days,
    rename_references, required_text, EditError,
};
use crate::model::types::{Dependency, DependencyField, DependencyKind, Program, RiskLevel};

/// The value of a field as the edit box shows it (slip as `0/5/15`, empty for the rule).
pub fn dependency_field_text(dep: &Dependency, field: DependencyField) -> String {
    match field {
        DependencyField::Id => dep.id.clone(),
        DependencyField::Title => dep.title.clone(),
        DependencyField::Kind => dep.kind.key().to_string(),
        DependencyField::Provider => dep.provider.clone().unwrap_or_default(),
        DependencyField::Owner => dep.owner.clone().unwrap_or_default(),
        DependencyField::Due => date_text(dep.due),
        DependencyField::Risk => dep.risk.key().to_string(),
        DependencyField::Mitigation => dep.mitigation.clone().unwrap_or_default(),
        DependencyField::Slip => dep
            .slip
            .map(|[a, b, c]| format!("{a}/{b}/{c}"))
            .unwrap_or_default(),
        DependencyField::Delivered => date_text(dep.delivered),
        DependencyField::Reviewed => date_text(dep.reviewed),
    }
}

/// Sets one field of the dependency `id`, or says why not.
pub fn set_dependency_field(
    program: &mut Program,
    id: &str,
    field: DependencyField,
    text: &str,
) -> Result<(), EditError> {
    let index = program
        .dependencies
        .iter()
        .position(|d| d.id == id)
        .ok_or_else(|| EditError::gone("Dependency", id))?;
    let mut dep = program.dependencies[index].clone();
    let label = field.label();
    match field {
        DependencyField::Id => {
            let new_id = text.trim();
            check_new_id(program, &dep.id, new_id)?;
            let old = std::mem::replace(&mut dep.id, new_id.to_string());
            rename_references(program, &old, new_id);
        }
        DependencyField::Title => {
            dep.title = required_text(text, label, "a title cannot be empty")?
        }
        DependencyField::Kind => {
            dep.kind = DependencyKind::from_key(text.trim()).ok_or_else(|| {
                EditError::field(
                    label,
                    format!("\"{}\" is not a dependency kind", text.trim()),
                )
            })?
        }
        DependencyField::Provider => dep.provider = optional_text(text),
        DependencyField::Owner => dep.owner = optional_text(text),
        DependencyField::Due => dep.due = parse_optional_date(text, label)?,
        DependencyField::Risk => dep.risk = parse_level(text, label)?,
        DependencyField::Mitigation => dep.mitigation = optional_text(text),
        DependencyField::Slip => dep.slip = parse_three_point(text)?,
        DependencyField::Delivered => dep.delivered = parse_optional_date(text, label)?,
        DependencyField::Reviewed => dep.reviewed = parse_optional_date(text, label)?,
    }
    program.dependencies[index] = dep;
    Ok(())
}

/// Reads a level typed as low, medium or high (any case).
pub fn parse_level(text: &str, field: &'static str) -> Result<RiskLevel, EditError> {
    RiskLevel::from_key(&text.trim().to_ascii_lowercase()).ok_or_else(|| {
        EditError::field(
            field,
            format!("\"{}\" is not low, medium or high", text.trim()),
        )
    })
}

/// Reads a slip typed as `low/likely/high` working days (`0/5/15`); empty: use the rule.
pub fn parse_three_point(text: &str) -> Result<Option<[u32; 3]>, EditError> {
    const FIELD: &str = "Slip";
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = text
        .split(['/', ',', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let message = || {
        EditError::field(
            FIELD,
            format!("\"{text}\" — write low/likely/high working days, e.g. 0/5/15 (empty: from the risk level)"),
        )
    };
    if parts.len() != 3 {
        return Err(message());
    }
    let mut values = [0u32; 3];
    for (value, part) in values.iter_mut().zip(&parts) {
        *value = parse_optional_days(part, FIELD)?.ok_or_else(message)?;
    }
    if !(values[0] <= values[1] && values[1] <= values[2]) {
        return Err(EditError::field(FIELD, "low ≤ likely ≤ high, e.g. 0/5/15"));
    }
    Ok(Some(values))
}

/// Adds a new dependency to the register and returns its id.
pub fn add_dependency(program: &mut Program) -> String {
    let id = super::next_free_id(program, "DEP");
    let mut dep = Dependency::new(&id, "New dependency");
    dep.uid = crate::model::uid::fresh();
    program.dependencies.push(dep.into());
    id
}

/// Removes the dependency `id` and the links to it (the caller keeps the program for undo).
pub fn delete_dependency(program: &mut Program, id: &str) -> Result<Dependency, EditError> {
    let index = program
        .dependencies
        .iter()
        .position(|d| d.id == id)
        .ok_or_else(|| EditError::gone("Dependency", id))?;
    let dep = program.dependencies.remove(index);
    super::forget_references(program, &dep.id);
    Ok(Dependency::clone(&dep))
}

/// Marks a register entry reviewed on `date` (the weekly review).
pub fn mark_reviewed(program: &mut Program, id: &str, date: NaiveDate) -> Result<(), EditError> {
    let dep = program
        .dependencies
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| EditError::gone("Dependency", id))?;
    dep.reviewed = Some(date);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::tests::d;
    use crate::model::{Item, Link};

    fn program() -> Program {
        let mut p = Program::new("Test", d("2026-09-07"));
        p.dependencies
            .push(Dependency::new("VEND-1", "Vendor API").into());
        p.dependencies
            .push(Dependency::new("LEGAL-1", "Contract").into());
        let mut item = Item::task("PAY-1", "Integrate", 5);
        item.after.push(Link::after("VEND-1"));
        p.items.push(item.into());
        p
    }

    #[test]
    fn slip_is_typed_as_low_likely_high() {
        assert_eq!(parse_three_point("0/5/15").unwrap(), Some([0, 5, 15]));
        assert_eq!(parse_three_point("").unwrap(), None);
        assert!(parse_three_point("5/0/15").is_err());
        assert!(parse_three_point("5").is_err());
    }

    #[test]
    fn renaming_a_dependency_renames_the_links_to_it() {
        let mut p = program();
        set_dependency_field(&mut p, "VEND-1", DependencyField::Id, "ACME-1").unwrap();
        assert_eq!(p.items[0].after[0].id, "ACME-1");
    }

    #[test]
    fn deleting_a_dependency_removes_the_links_to_it() {
        let mut p = program();
        delete_dependency(&mut p, "VEND-1").unwrap();
        assert!(p.items[0].after.is_empty());
    }

    #[test]
    fn the_review_marks_the_entry_it_names_even_after_a_delete() {
        let mut p = program();
        delete_dependency(&mut p, "VEND-1").unwrap();
        mark_reviewed(&mut p, "LEGAL-1", d("2026-11-20")).unwrap();
        assert_eq!(p.dependencies[0].reviewed, Some(d("2026-11-20")));
        let err = mark_reviewed(&mut p, "VEND-1", d("2026-11-20")).unwrap_err();
        assert!(err.to_string().contains("VEND-1 no longer exists"));
    }

    #[test]
    fn a_level_is_read_in_any_case() {
        assert_eq!(parse_level(" High ", "Risk").unwrap(), RiskLevel::High);
        assert!(parse_level("extreme", "Risk").is_err());
    }
}

//! Work items (the Plan): every field, add and delete, by id.

use std::collections::BTreeMap;

use super::{
    check_new_id, date_text, days_text, optional_text, parse_links, parse_optional_date,
    parse_optional_days, rename_references, required_text, EditError,
};
use crate::model::types::{Item, ItemField, ItemKind, Program};

/// The title a new item has until one is typed (the Plan selects it on focus).
pub const NEW_ITEM_TITLE: &str = "New work item";

/// The value of a field as the edit box shows it.
pub fn item_field_text(item: &Item, field: ItemField) -> String {
    match field {
        ItemField::Id => item.id.clone(),
        ItemField::Title => item.title.clone(),
        ItemField::Team => item.team.clone().unwrap_or_default(),
        ItemField::Owner => item.owner.clone().unwrap_or_default(),
        ItemField::Kind => item.kind.key().to_string(),
        ItemField::Days => item.days.to_string(),
        ItemField::Low => days_text(item.low),
        ItemField::High => days_text(item.high),
        ItemField::After => super::format_links(&item.after),
        ItemField::NotBefore => date_text(item.not_before),
        ItemField::Due => date_text(item.due),
        ItemField::Started => date_text(item.started),
        ItemField::Finished => date_text(item.finished),
        ItemField::Remaining => days_text(item.remaining),
        // By team id; the Plan shows names (`needs_text`).
        ItemField::Needs => item
            .needs
            .iter()
            .map(|(team, people)| format!("{team} {people}"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The people an item needs as the Plan shows them, by team name: "Payments 2, Identity 1";
/// empty when it needs the default (one person of its own team).
pub fn needs_text(program: &Program, item: &Item) -> String {
    item.needs
        .iter()
        .map(|(team, people)| format!("{} {people}", program.team_name(team)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads "Payments 2, Identity 1" (team names or ids, any case; "Payments: 2" too;
/// separated by commas or semicolons) into people per team id. Empty: no entry, so the
/// item needs one person of its own team. Each team once, a whole number of 0 to 1,000.
fn parse_needs(
    program: &Program,
    text: &str,
    label: &'static str,
) -> Result<BTreeMap<String, u32>, EditError> {
    let mut needs = BTreeMap::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (team, people) = part
            .rsplit_once([' ', ':'])
            .map(|(team, people)| (team.trim().trim_end_matches(':').trim(), people.trim()))
            .ok_or_else(|| {
                EditError::field(
                    label,
                    format!("\"{part}\": give a team and a number of people, e.g. Payments 2"),
                )
            })?;
        let people: u32 = people.parse().ok().filter(|n| *n <= 1_000).ok_or_else(|| {
            EditError::field(
                label,
                format!("\"{people}\" is not a number of people (0 to 1,000) for {team}"),
            )
        })?;
        let id = program
            .teams
            .iter()
            .find(|t| t.id == team)
            .map(|t| t.id.clone())
            .or_else(|| super::team_named(program, team).map(|t| t.id.clone()))
            .ok_or_else(|| {
                EditError::field(
                    label,
                    format!("{team} is not a team of this program; add it in Program first"),
                )
            })?;
        if needs.insert(id, people).is_some() {
            return Err(EditError::field(
                label,
                format!("{team} is named twice; give each team once"),
            ));
        }
    }
    Ok(needs)
}

/// Sets one field of the item `id` from the text typed, or says why not.
/// Renaming an id also renames every link and risk that points to it; a team must be one
/// of the program's teams.
pub fn set_item_field(
    program: &mut Program,
    id: &str,
    field: ItemField,
    text: &str,
) -> Result<(), EditError> {
    let index = program
        .items
        .iter()
        .position(|item| item.id == id)
        .ok_or_else(|| EditError::gone("Work item", id))?;
    let mut item = program.items[index].clone();
    let label = field.label();
    match field {
        ItemField::Id => {
            let new_id = text.trim();
            check_new_id(program, &item.id, new_id)?;
            let old_id = std::mem::replace(&mut item.id, new_id.to_string());
            rename_references(program, &old_id, new_id);
        }
        ItemField::Title => item.title = required_text(text, label, "a title cannot be empty")?,
        ItemField::Team => {
            let team = optional_text(text);
            if let Some(team) = &team {
                if !program.teams.iter().any(|t| &t.id == team) {
                    return Err(EditError::field(
                        label,
                        format!("{team} is not a team of this program; add it in Program first"),
                    ));
                }
            }
            item.team = team;
        }
        ItemField::Owner => item.owner = optional_text(text),
        ItemField::Kind => {
            item.kind = ItemKind::from_key(text.trim()).ok_or_else(|| {
                EditError::field(
                    label,
                    format!("\"{}\" is not task or milestone", text.trim()),
                )
            })?;
            if item.kind == ItemKind::Milestone {
                item.days = 0;
                item.low = None;
                item.high = None;
            }
        }
        ItemField::Days => {
            item.days = parse_optional_days(text, label)?.unwrap_or(0);
            check_estimate(&item, label)?;
        }
        ItemField::Low => {
            item.low = parse_optional_days(text, label)?;
            check_estimate(&item, label)?;
        }
        ItemField::High => {
            item.high = parse_optional_days(text, label)?;
            check_estimate(&item, label)?;
        }
        ItemField::After => {
            let links = parse_links(text)?;
            for link in &links {
                if link.id == item.id {
                    return Err(EditError::field(
                        label,
                        format!("{} cannot come after itself", item.id),
                    ));
                }
                if program.item(&link.id).is_none() && program.dependency(&link.id).is_none() {
                    return Err(EditError::field(
                        label,
                        format!("{} is not an item or dependency of this program", link.id),
                    ));
                }
            }
            item.after = links;
        }
        ItemField::Needs => item.needs = parse_needs(program, text, label)?,
        ItemField::NotBefore => item.not_before = parse_optional_date(text, label)?,
        ItemField::Due => item.due = parse_optional_date(text, label)?,
        ItemField::Started => {
            item.started = parse_optional_date(text, label)?;
            check_progress(&item, label)?;
        }
        ItemField::Finished => {
            item.finished = parse_optional_date(text, label)?;
            check_progress(&item, label)?;
        }
        ItemField::Remaining => item.remaining = parse_optional_days(text, label)?,
    }
    program.items[index] = item;
    Ok(())
}

fn check_estimate(item: &Item, field: &'static str) -> Result<(), EditError> {
    if let Some(low) = item.low.filter(|low| *low > item.days) {
        return Err(EditError::field(
            field,
            format!(
                "low ({low}) must not be more than the likely days ({})",
                item.days
            ),
        ));
    }
    if let Some(high) = item.high.filter(|high| *high < item.days) {
        return Err(EditError::field(
            field,
            format!(
                "high ({high}) must not be less than the likely days ({})",
                item.days
            ),
        ));
    }
    Ok(())
}

fn check_progress(item: &Item, field: &'static str) -> Result<(), EditError> {
    if let (Some(started), Some(finished)) = (item.started, item.finished) {
        if finished < started {
            return Err(EditError::field(
                field,
                format!("finished ({finished}) must not be before started ({started})"),
            ));
        }
    }
    Ok(())
}

/// Adds a new task with no title yet to fill in, in `team` (or the first team), and
/// returns its id. It has no duration until one is typed, so the schedule does not call
/// it critical before it has any content.
pub fn add_item(program: &mut Program, team: Option<&str>) -> String {
    let id = super::next_free_id(program, "NEW");
    let mut item = Item::task(&id, NEW_ITEM_TITLE, 0);
    item.uid = crate::model::uid::fresh();
    item.team = team
        .filter(|t| program.teams.iter().any(|team| team.id == *t))
        .map(str::to_string)
        .or_else(|| program.teams.first().map(|team| team.id.clone()));
    program.items.push(item.into());
    id
}

/// Removes the item `id` and the links and risk references that pointed to it (the
/// caller keeps the previous program for undo).
pub fn delete_item(program: &mut Program, id: &str) -> Result<Item, EditError> {
    let index = program
        .items
        .iter()
        .position(|item| item.id == id)
        .ok_or_else(|| EditError::gone("Work item", id))?;
    let item = program.items.remove(index);
    super::forget_references(program, &item.id);
    Ok(Item::clone(&item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Team};
    use chrono::NaiveDate;

    fn program() -> Program {
        let start = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
        let mut p = Program::new("Test", start);
        p.items.push(Item::task("A", "First", 5).into());
        p.items.push(Item::task("B", "Second", 3).into());
        p.items[1].after.push(Link::after("A"));
        p
    }

    #[test]
    fn renaming_an_item_renames_the_links_to_it() {
        let mut p = program();
        set_item_field(&mut p, "A", ItemField::Id, "PAY-1").unwrap();
        assert_eq!(p.items[1].after[0].id, "PAY-1");
    }

    #[test]
    fn an_id_already_used_is_refused() {
        let mut p = program();
        let err = set_item_field(&mut p, "A", ItemField::Id, "B").unwrap_err();
        assert!(err.to_string().contains("already used"));
        assert_eq!(p.items[0].id, "A");
    }

    #[test]
    fn an_edit_of_an_item_deleted_meanwhile_is_refused_by_name() {
        let mut p = program();
        delete_item(&mut p, "A").unwrap();
        let before = p.clone();
        let err = set_item_field(&mut p, "A", ItemField::Title, "x").unwrap_err();
        assert_eq!(err, EditError::gone("Work item", "A"));
        assert!(err.to_string().contains("A no longer exists"));
        assert_eq!(p, before);
    }

    #[test]
    fn an_edit_lands_on_its_item_whatever_was_deleted_before_it() {
        let mut p = program();
        delete_item(&mut p, "A").unwrap();
        set_item_field(&mut p, "B", ItemField::Owner, "Dana").unwrap();
        assert_eq!(p.items[0].owner.as_deref(), Some("Dana"));
    }

    #[test]
    fn a_low_estimate_above_the_likely_is_refused_and_nothing_changes() {
        let mut p = program();
        let before = p.clone();
        let err = set_item_field(&mut p, "A", ItemField::Low, "9").unwrap_err();
        assert!(matches!(err, EditError::Field { field: "Low", .. }));
        assert_eq!(p, before);
    }

    #[test]
    fn a_link_to_an_unknown_id_is_refused_by_name() {
        let mut p = program();
        let err = set_item_field(&mut p, "A", ItemField::After, "ZZ-9").unwrap_err();
        assert!(err.to_string().contains("ZZ-9"));
    }

    #[test]
    fn a_finish_before_the_start_is_refused() {
        let mut p = program();
        set_item_field(&mut p, "A", ItemField::Started, "2026-10-05").unwrap();
        assert!(set_item_field(&mut p, "A", ItemField::Finished, "2026-10-01").is_err());
        set_item_field(&mut p, "A", ItemField::Finished, "2026-10-09").unwrap();
        assert_eq!(
            item_field_text(&p.items[0], ItemField::Finished),
            "2026-10-09"
        );
    }

    #[test]
    fn deleting_an_item_removes_the_links_to_it() {
        let mut p = program();
        delete_item(&mut p, "A").unwrap();
        assert!(p.items[0].after.is_empty());
    }

    #[test]
    fn new_items_get_a_free_id_no_duration_and_the_team_asked_for() {
        let mut p = program();
        p.teams.push(
            Team {
                uid: String::new(),
                id: "pay".into(),
                name: "Payments".into(),
                lead: None,
                people: None,
                availability: Vec::new(),
            }
            .into(),
        );
        p.teams.push(
            Team {
                uid: String::new(),
                id: "web".into(),
                name: "Web".into(),
                lead: None,
                people: None,
                availability: Vec::new(),
            }
            .into(),
        );
        let first = add_item(&mut p, Some("web"));
        let second = add_item(&mut p, None);
        assert_eq!((first.as_str(), second.as_str()), ("NEW-1", "NEW-2"));
        assert_eq!(p.item("NEW-1").and_then(|i| i.team.as_deref()), Some("web"));
        assert_eq!(p.item("NEW-2").and_then(|i| i.team.as_deref()), Some("pay"));
        assert_eq!(p.item("NEW-1").map(|i| i.days), Some(0));
    }

    #[test]
    fn a_team_must_exist() {
        let mut p = program();
        let err = set_item_field(&mut p, "A", ItemField::Team, "ghost").unwrap_err();
        assert!(err.to_string().contains("ghost is not a team"));
    }

    fn with_teams() -> Program {
        let mut p = program();
        for (id, name) in [("pay", "Payments"), ("sre", "Platform / SRE")] {
            p.teams.push(
                Team {
                    uid: String::new(),
                    id: id.into(),
                    name: name.into(),
                    lead: None,
                    people: None,
                    availability: Vec::new(),
                }
                .into(),
            );
        }
        p
    }

    #[test]
    fn people_needed_are_typed_by_team_name_or_id_and_shown_by_name() {
        let mut p = with_teams();
        set_item_field(
            &mut p,
            "A",
            ItemField::Needs,
            "payments 2, Platform / SRE: 1",
        )
        .unwrap();
        let needs = &p.item("A").unwrap().needs;
        assert_eq!(
            needs
                .iter()
                .map(|(t, n)| (t.as_str(), *n))
                .collect::<Vec<_>>(),
            [("pay", 2), ("sre", 1)]
        );
        assert_eq!(
            needs_text(&p, p.item("A").unwrap()),
            "Payments 2, Platform / SRE 1"
        );
        assert_eq!(
            item_field_text(p.item("A").unwrap(), ItemField::Needs),
            "pay 2, sre 1"
        );
        // What the Plan shows reads back the same; ids and "team:n" too.
        let shown = needs_text(&p, p.item("A").unwrap());
        set_item_field(&mut p, "B", ItemField::Needs, &shown).unwrap();
        assert_eq!(p.item("B").unwrap().needs, p.item("A").unwrap().needs);
        set_item_field(&mut p, "B", ItemField::Needs, "pay:0; sre 3").unwrap();
        assert_eq!(
            item_field_text(p.item("B").unwrap(), ItemField::Needs),
            "pay 0, sre 3"
        );
        // Empty: back to the default (one person of its own team).
        set_item_field(&mut p, "A", ItemField::Needs, "  ").unwrap();
        assert!(p.item("A").unwrap().needs.is_empty());
    }

    #[test]
    fn people_needed_that_do_not_read_say_why_and_change_nothing() {
        let mut p = with_teams();
        set_item_field(&mut p, "A", ItemField::Needs, "pay 2").unwrap();
        let before = p.clone();
        for (text, says) in [
            ("Identity 2", "Identity is not a team of this program"),
            (
                "Payments",
                "give a team and a number of people, e.g. Payments 2",
            ),
            (
                "Payments two",
                "\"two\" is not a number of people (0 to 1,000) for Payments",
            ),
            ("Payments 5000", "\"5000\" is not a number of people"),
            ("Payments 1, pay 2", "pay is named twice"),
        ] {
            let err = set_item_field(&mut p, "A", ItemField::Needs, text).unwrap_err();
            assert!(err.to_string().contains(says), "{text}: {err}");
            assert_eq!(p, before, "{text}");
        }
    }
}

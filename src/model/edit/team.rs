//! Teams (Program): add, rename, give a lead, remove — by id. Removing a team that still has
//! work items says where they go; nothing is left pointing at a team that is gone.

use super::{optional_text, required_text, EditError};
use crate::model::types::{Program, Shared, Team, TeamField};

/// The value of a team field as the edit box shows it.
pub fn team_field_text(team: &Team, field: TeamField) -> String {
    match field {
        TeamField::Name => team.name.clone(),
        TeamField::Lead => team.lead.clone().unwrap_or_default(),
    }
}

/// A team id made from its name ("Payments Core" → `payments-core`), unused in the program.
fn team_id(program: &Program, name: &str) -> String {
    let base = crate::model::slug(name, "team");
    if !program.all_ids().any(|id| id == base) {
        return base;
    }
    super::next_free_id(program, &base)
}

/// The team with this name (ignoring case and surrounding blanks), if there is one.
pub fn team_named<'a>(program: &'a Program, name: &str) -> Option<&'a Team> {
    let name = name.trim();
    program
        .teams
        .iter()
        .find(|team| team.name.trim().eq_ignore_ascii_case(name))
        .map(|team| &**team)
}

/// Adds a team and returns its id. Two teams cannot share a name.
pub fn add_team(program: &mut Program, name: &str, lead: &str) -> Result<String, EditError> {
    let name = required_text(name, "Team name", "a team needs a name")?;
    if let Some(existing) = team_named(program, &name) {
        return Err(EditError::field(
            "Team name",
            format!("there is already a team called {}", existing.name),
        ));
    }
    let id = team_id(program, &name);
    program.teams.push(Shared::new(Team {
        uid: crate::model::uid::fresh(),
        id: id.clone(),
        name,
        lead: optional_text(lead),
        people: None,
        availability: Vec::new(),
    }));
    Ok(id)
}

/// Sets a team's name or lead.
pub fn set_team_field(
    program: &mut Program,
    id: &str,
    field: TeamField,
    text: &str,
) -> Result<(), EditError> {
    let label = field.label();
    if field == TeamField::Name {
        let name = required_text(text, label, "a team needs a name")?;
        if let Some(other) = team_named(program, &name).filter(|t| t.id != id) {
            return Err(EditError::field(
                label,
                format!("there is already a team called {}", other.name),
            ));
        }
    }
    let team = program
        .teams
        .iter_mut()
        .find(|t| t.id == id)
        .ok_or_else(|| EditError::gone("Team", id))?;
    match field {
        TeamField::Name => team.name = text.trim().to_string(),
        TeamField::Lead => team.lead = optional_text(text),
    }
    Ok(())
}

/// How many work items a team has.
pub fn items_of_team(program: &Program, id: &str) -> usize {
    program
        .items
        .iter()
        .filter(|item| item.team.as_deref() == Some(id))
        .count()
}

/// Removes the team `id`; its work items move to the team `move_to`, or to no team when
/// `None`. Refuses to move them to the team being removed or to one that does not exist.
pub fn remove_team(
    program: &mut Program,
    id: &str,
    move_to: Option<&str>,
) -> Result<Team, EditError> {
    let index = program
        .teams
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(|| EditError::gone("Team", id))?;
    if let Some(target) = move_to {
        if target == id || !program.teams.iter().any(|t| t.id == target) {
            return Err(EditError::Rule(format!(
                "The work items of {} cannot move to {target}: choose another team or no team",
                program.teams[index].name
            )));
        }
    }
    for item in &mut program.items {
        if item.team.as_deref() == Some(id) {
            item.team = move_to.map(str::to_string);
        }
    }
    Ok(Team::clone(&program.teams.remove(index)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Item;
    use chrono::NaiveDate;

    fn program() -> Program {
        Program::new("Test", NaiveDate::from_ymd_opt(2026, 9, 7).unwrap())
    }

    #[test]
    fn a_team_gets_an_id_from_its_name_and_names_are_unique() {
        let mut p = program();
        let id = add_team(&mut p, "Payments Core", "Dana Wu").unwrap();
        assert_eq!(id, "payments-core");
        assert_eq!(p.teams[0].lead.as_deref(), Some("Dana Wu"));
        let err = add_team(&mut p, " payments core ", "").unwrap_err();
        assert!(err.to_string().contains("already a team"));
        assert!(add_team(&mut p, "  ", "").is_err());
    }

    #[test]
    fn an_id_taken_by_something_else_gets_a_number() {
        let mut p = program();
        p.items.push(Item::task("web", "Web thing", 1).into());
        assert_eq!(add_team(&mut p, "Web", "").unwrap(), "web-1");
    }

    #[test]
    fn removing_a_team_moves_its_items_where_asked() {
        let mut p = program();
        let pay = add_team(&mut p, "Payments", "").unwrap();
        let web = add_team(&mut p, "Web", "").unwrap();
        let mut item = Item::task("A", "a", 1);
        item.team = Some(pay.clone());
        p.items.push(item.into());
        assert_eq!(items_of_team(&p, &pay), 1);
        assert!(remove_team(&mut p, &pay, Some(&pay)).is_err());
        remove_team(&mut p, &pay, Some(&web)).unwrap();
        assert_eq!(p.items[0].team.as_deref(), Some("web"));
        remove_team(&mut p, &web, None).unwrap();
        assert_eq!(p.items[0].team, None);
        assert!(p.teams.is_empty());
    }

    #[test]
    fn renaming_keeps_the_id_so_items_stay_in_their_team() {
        let mut p = program();
        let id = add_team(&mut p, "Payments", "").unwrap();
        set_team_field(&mut p, &id, TeamField::Name, "Payments & Billing").unwrap();
        assert_eq!(p.teams[0].id, "payments");
        assert_eq!(p.teams[0].name, "Payments & Billing");
    }
}

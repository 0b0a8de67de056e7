//! Teams (Program): add, rename, give a lead, people and availability, remove — by id.
//! Removing a team that still has work items says where they go; nothing is left pointing at
//! a team that is gone. Availability is typed as one line of dated changes
//! (`2027-01-18 60% on-call; 2027-03-01 100%`), read and written here.

use super::{date_text, days_text, optional_text, parse_ymd, required_text, EditError};
use crate::model::types::{Availability, Program, Shared, Team, TeamField};

/// The most people a team can have (as the file format allows).
const MAX_PEOPLE: u32 = 100_000;

/// The value of a team field as the edit box shows it.
pub fn team_field_text(team: &Team, field: TeamField) -> String {
    match field {
        TeamField::Name => team.name.clone(),
        TeamField::Lead => team.lead.clone().unwrap_or_default(),
        TeamField::People => days_text(team.people),
        TeamField::Availability => availability_text(&team.availability),
    }
}

/// Availability as one line: `2027-01-18 60% on-call + hiring freeze; 2027-03-01 100%` (the
/// changes in date order, each date, percent and note); empty for none.
pub fn availability_text(changes: &[Availability]) -> String {
    let parts: Vec<String> = changes
        .iter()
        .map(|a| {
            let mut part = format!("{} {}%", date_text(Some(a.from)), a.percent);
            if let Some(note) = a.note.as_deref().filter(|n| !n.trim().is_empty()) {
                part.push(' ');
                part.push_str(note.trim());
            }
            part
        })
        .collect();
    parts.join("; ")
}

/// Reads availability typed as [`availability_text`] writes it: changes separated by `;`,
/// each a date (`YYYY-MM-DD`), a whole percentage from 0 to 100 (the `%` optional) and an
/// optional note. Empty text is no changes (100 % throughout). The changes come back in date
/// order; a refusal names the change and the part that is wrong.
pub fn parse_availability(text: &str, field: &'static str) -> Result<Vec<Availability>, EditError> {
    let mut changes: Vec<Availability> = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = |why: String| EditError::field(field, format!("in \"{part}\": {why}"));
        let (date, rest) = part.split_once(char::is_whitespace).unwrap_or((part, ""));
        let from = parse_ymd(date, '-')
            .ok_or_else(|| bad(format!("\"{date}\" is not a date (use YYYY-MM-DD)")))?;
        let rest = rest.trim_start();
        let (percent, note) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let (percent, note) = match (percent.strip_suffix('%'), note.trim_start()) {
            (Some(p), note) => (p, note),
            // "60 %": the sign as a word of its own.
            (None, note) if note == "%" || note.starts_with("% ") => (percent, &note[1..]),
            (None, note) => (percent, note),
        };
        if percent.is_empty() {
            return Err(bad(format!(
                "a percentage is missing after the date (like \"{date} 60%\")"
            )));
        }
        let percent = match percent.parse::<u32>() {
            Ok(n) if n <= 100 => n,
            _ => {
                return Err(bad(format!(
                    "\"{percent}\" is not a whole percentage from 0 to 100"
                )))
            }
        };
        if changes.iter().any(|c| c.from == from) {
            return Err(bad(format!("{date} has a change already")));
        }
        changes.push(Availability {
            from,
            percent,
            note: optional_text(note),
        });
    }
    changes.sort_by_key(|c| c.from);
    Ok(changes)
}

/// Reads a team's people: a whole number, empty for none (unconstrained).
pub fn parse_people(text: &str, field: &'static str) -> Result<Option<u32>, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if n <= MAX_PEOPLE => Ok(Some(n)),
        _ => Err(EditError::field(
            field,
            format!(
                "\"{text}\" is not a whole number of people (0 to {MAX_PEOPLE}); leave it empty for a team not limited by its people"
            ),
        )),
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

/// Sets a team's name, lead, people or availability.
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
    let people = match field {
        TeamField::People => parse_people(text, label)?,
        _ => None,
    };
    let availability = match field {
        TeamField::Availability => parse_availability(text, label)?,
        _ => Vec::new(),
    };
    let team = program
        .teams
        .iter_mut()
        .find(|t| t.id == id)
        .ok_or_else(|| EditError::gone("Team", id))?;
    match field {
        TeamField::Name => team.name = text.trim().to_string(),
        TeamField::Lead => team.lead = optional_text(text),
        TeamField::People => team.people = people,
        TeamField::Availability => team.availability = availability,
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

/// Accepts a levelling: the priority order (item ids) the levelled schedule, the forecast
/// and next week's schedule decode from now on (`engine::capacity::preview_levelling`
/// gives it). Refuses an order naming an item the program does not have.
pub fn accept_levelling(program: &mut Program, order: Vec<String>) -> Result<(), EditError> {
    if let Some(unknown) = order.iter().find(|id| program.item(id).is_none()) {
        return Err(EditError::Rule(format!(
            "The levelling names {unknown}, which is no longer in the plan: propose it again."
        )));
    }
    program.levelling = Some(order);
    Ok(())
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

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn availability_reads_dated_changes_in_date_order_and_writes_them_back() {
        let typed = "2027-03-01 100% ; 2027-01-18 60 % on-call + hiring freeze;";
        let changes = parse_availability(typed, "Availability").unwrap();
        assert_eq!(
            changes,
            vec![
                Availability {
                    from: date(2027, 1, 18),
                    percent: 60,
                    note: Some("on-call + hiring freeze".into())
                },
                Availability {
                    from: date(2027, 3, 1),
                    percent: 100,
                    note: None
                },
            ]
        );
        let text = availability_text(&changes);
        assert_eq!(
            text,
            "2027-01-18 60% on-call + hiring freeze; 2027-03-01 100%"
        );
        assert_eq!(parse_availability(&text, "Availability").unwrap(), changes);
        assert_eq!(parse_availability("  ", "Availability").unwrap(), vec![]);
        assert_eq!(availability_text(&[]), "");
    }

    #[test]
    fn a_refused_availability_names_the_change_and_the_part_that_is_wrong() {
        let err = |t: &str| {
            parse_availability(t, "Availability")
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("2027-01-18 60%; 2027-02-30 50%"),
            "Availability: in \"2027-02-30 50%\": \"2027-02-30\" is not a date (use YYYY-MM-DD)"
        );
        assert_eq!(
            err("2027-01-18 160% busy"),
            "Availability: in \"2027-01-18 160% busy\": \"160\" is not a whole percentage from 0 to 100"
        );
        assert!(err("2027-01-18").contains("a percentage is missing after the date"));
        assert!(err("2027-01-18 sixty").contains("\"sixty\" is not a whole percentage"));
        assert!(err("2027-01-18 -5%").contains("from 0 to 100"));
        assert!(err("2027-01-18 60%; 2027-01-18 80%").contains("2027-01-18 has a change already"));
        assert!(parse_availability("2027-01-18 0%", "Availability").is_ok());
    }

    #[test]
    fn people_and_availability_are_set_and_cleared_by_text() {
        let mut p = program();
        let id = add_team(&mut p, "Identity", "Kim Ito").unwrap();
        set_team_field(&mut p, &id, TeamField::People, " 5 ").unwrap();
        assert_eq!(p.teams[0].people, Some(5));
        assert_eq!(team_field_text(&p.teams[0], TeamField::People), "5");
        let err = set_team_field(&mut p, &id, TeamField::People, "2.5").unwrap_err();
        assert!(err.beside_field().contains("whole number of people"));
        assert_eq!(
            p.teams[0].people,
            Some(5),
            "a refused value changes nothing"
        );
        set_team_field(
            &mut p,
            &id,
            TeamField::Availability,
            "2027-01-18 60% on-call",
        )
        .unwrap();
        assert_eq!(
            team_field_text(&p.teams[0], TeamField::Availability),
            "2027-01-18 60% on-call"
        );
        assert!(set_team_field(&mut p, &id, TeamField::Availability, "soon 50%").is_err());
        assert_eq!(p.teams[0].availability.len(), 1);
        set_team_field(&mut p, &id, TeamField::People, "").unwrap();
        set_team_field(&mut p, &id, TeamField::Availability, "").unwrap();
        assert_eq!(
            (p.teams[0].people, p.teams[0].availability.len()),
            (None, 0)
        );
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

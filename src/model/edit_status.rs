//! Edits for the weekly status: dependencies (the register), status updates (the board),
//! risks and decisions. Same contract as `edit`: the change applied, or a message.

use chrono::NaiveDate;

use super::edit::{
    next_free_id, parse_optional_date, parse_optional_days, rename_references, EditError,
};
use super::types::{
    Colour, Decision, Dependency, DependencyKind, Program, Risk, RiskLevel, RiskState, StatusUpdate,
};

fn invalid(message: impl Into<String>) -> EditError {
    EditError::Invalid(message.into())
}

fn optional_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn check_new_id(program: &Program, old: &str, new: &str) -> Result<(), EditError> {
    if new.is_empty() {
        return Err(invalid("Id: an id cannot be empty"));
    }
    if new != old && program.all_ids().any(|id| id == new) {
        return Err(invalid(format!(
            "Id: {new} is already used in this program"
        )));
    }
    Ok(())
}

/// An editable field of an external dependency (the register).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DependencyField {
    Id,
    Title,
    Kind,
    Provider,
    Owner,
    Due,
    Risk,
    Mitigation,
    Slip,
    Delivered,
    Reviewed,
}

impl DependencyField {
    pub fn label(self) -> &'static str {
        match self {
            DependencyField::Id => "Id",
            DependencyField::Title => "Dependency",
            DependencyField::Kind => "Kind",
            DependencyField::Provider => "Provider",
            DependencyField::Owner => "Owner",
            DependencyField::Due => "Due",
            DependencyField::Risk => "Risk",
            DependencyField::Mitigation => "Mitigation",
            DependencyField::Slip => "Slip",
            DependencyField::Delivered => "Delivered",
            DependencyField::Reviewed => "Last reviewed",
        }
    }
}

/// The value of a dependency field as the edit box shows it (slip as `0/5/15`, empty for the rule).
pub fn dependency_field_text(dep: &Dependency, field: DependencyField) -> String {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match field {
        DependencyField::Id => dep.id.clone(),
        DependencyField::Title => dep.title.clone(),
        DependencyField::Kind => dep.kind.key().to_string(),
        DependencyField::Provider => dep.provider.clone().unwrap_or_default(),
        DependencyField::Owner => dep.owner.clone().unwrap_or_default(),
        DependencyField::Due => date(dep.due),
        DependencyField::Risk => dep.risk.key().to_string(),
        DependencyField::Mitigation => dep.mitigation.clone().unwrap_or_default(),
        DependencyField::Slip => dep
            .slip
            .map(|[a, b, c]| format!("{a}/{b}/{c}"))
            .unwrap_or_default(),
        DependencyField::Delivered => date(dep.delivered),
        DependencyField::Reviewed => date(dep.reviewed),
    }
}

/// Sets one field of the dependency at `index`, or says why not.
pub fn set_dependency_field(
    program: &mut Program,
    index: usize,
    field: DependencyField,
    text: &str,
) -> Result<(), EditError> {
    let Some(current) = program.dependencies.get(index) else {
        return Err(invalid("That dependency no longer exists"));
    };
    let mut dep = current.clone();
    match field {
        DependencyField::Id => {
            let new_id = text.trim();
            check_new_id(program, &dep.id, new_id)?;
            let old = std::mem::replace(&mut dep.id, new_id.to_string());
            rename_references(program, &old, new_id);
        }
        DependencyField::Title => {
            dep.title =
                optional_text(text).ok_or_else(|| invalid("Dependency: a title cannot be empty"))?
        }
        DependencyField::Kind => {
            dep.kind = DependencyKind::ALL
                .into_iter()
                .find(|k| k.key() == text.trim())
                .ok_or_else(|| {
                    invalid(format!(
                        "Kind: \"{}\" is not a dependency kind",
                        text.trim()
                    ))
                })?
        }
        DependencyField::Provider => dep.provider = optional_text(text),
        DependencyField::Owner => dep.owner = optional_text(text),
        DependencyField::Due => dep.due = parse_optional_date(text, "Due")?,
        DependencyField::Risk => dep.risk = parse_level(text, "Risk")?,
        DependencyField::Mitigation => dep.mitigation = optional_text(text),
        DependencyField::Slip => dep.slip = parse_three_point(text)?,
        DependencyField::Delivered => dep.delivered = parse_optional_date(text, "Delivered")?,
        DependencyField::Reviewed => dep.reviewed = parse_optional_date(text, "Last reviewed")?,
    }
    program.dependencies[index] = dep;
    Ok(())
}

fn parse_level(text: &str, what: &str) -> Result<RiskLevel, EditError> {
    RiskLevel::ALL
        .into_iter()
        .find(|l| l.key() == text.trim().to_lowercase())
        .ok_or_else(|| {
            invalid(format!(
                "{what}: \"{}\" is not low, medium or high",
                text.trim()
            ))
        })
}

/// Reads a slip typed as `low/likely/high` working days (`0/5/15`); empty: use the rule.
pub fn parse_three_point(text: &str) -> Result<Option<[u32; 3]>, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = text
        .split(['/', ',', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let message = || {
        invalid(format!(
            "Slip: \"{text}\" — write low/likely/high working days, e.g. 0/5/15 (empty: from the risk level)"
        ))
    };
    if parts.len() != 3 {
        return Err(message());
    }
    let mut values = [0u32; 3];
    for (value, part) in values.iter_mut().zip(&parts) {
        *value = parse_optional_days(part, "Slip")?.ok_or_else(message)?;
    }
    if !(values[0] <= values[1] && values[1] <= values[2]) {
        return Err(invalid("Slip: low ≤ likely ≤ high, e.g. 0/5/15"));
    }
    Ok(Some(values))
}

/// Adds a new dependency to the register and returns its index.
pub fn add_dependency(program: &mut Program) -> usize {
    let id = next_free_id(program, "DEP");
    program
        .dependencies
        .push(Dependency::new(&id, "New dependency"));
    program.dependencies.len() - 1
}

/// Removes a dependency and the links to it (the caller keeps the program for undo).
pub fn delete_dependency(program: &mut Program, index: usize) -> Option<Dependency> {
    if index >= program.dependencies.len() {
        return None;
    }
    let dep = program.dependencies.remove(index);
    for item in &mut program.items {
        item.after.retain(|link| link.id != dep.id);
    }
    for risk in &mut program.risks {
        risk.affects.retain(|id| *id != dep.id);
    }
    Some(dep)
}

/// Marks a register entry reviewed on `date` (the weekly review).
pub fn mark_reviewed(program: &mut Program, id: &str, date: NaiveDate) -> Result<(), EditError> {
    let dep = program
        .dependencies
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| invalid(format!("{id} is not in the register")))?;
    dep.reviewed = Some(date);
    Ok(())
}

/// Records this week's colour and note on an item or dependency, as of `date`.
/// An update already recorded on the same date is replaced; later ones stay in order.
pub fn record_status(
    program: &mut Program,
    id: &str,
    date: NaiveDate,
    colour: Colour,
    note: &str,
    by: Option<String>,
) -> Result<(), EditError> {
    let updates = if let Some(item) = program.items.iter_mut().find(|i| i.id == id) {
        &mut item.status
    } else if let Some(dep) = program.dependencies.iter_mut().find(|d| d.id == id) {
        &mut dep.status
    } else {
        return Err(invalid(format!("{id} is not an item or dependency")));
    };
    let update = StatusUpdate {
        date,
        colour,
        note: optional_text(note),
        by,
        remaining: None,
    };
    match updates.iter_mut().find(|u| u.date == date) {
        Some(existing) => {
            let remaining = existing.remaining;
            *existing = StatusUpdate {
                remaining,
                ..update
            };
        }
        None => {
            let at = updates
                .iter()
                .position(|u| u.date > date)
                .unwrap_or(updates.len());
            updates.insert(at, update);
        }
    }
    Ok(())
}

/// An editable field of a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RiskField {
    Title,
    Owner,
    Level,
    Affects,
    Trigger,
    Options,
    State,
    Decision,
}

impl RiskField {
    pub fn label(self) -> &'static str {
        match self {
            RiskField::Title => "Risk",
            RiskField::Owner => "Owner",
            RiskField::Level => "Level",
            RiskField::Affects => "Affects",
            RiskField::Trigger => "Blocker on",
            RiskField::Options => "Options",
            RiskField::State => "State",
            RiskField::Decision => "Decision",
        }
    }
}

fn split_list(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The value of a risk field as the edit box shows it (affects comma-separated, options
/// separated by semicolons).
pub fn risk_field_text(risk: &Risk, field: RiskField) -> String {
    match field {
        RiskField::Title => risk.title.clone(),
        RiskField::Owner => risk.owner.clone().unwrap_or_default(),
        RiskField::Level => risk.level.key().to_string(),
        RiskField::Affects => risk.affects.join(", "),
        RiskField::Trigger => risk.trigger.map(|d| d.to_string()).unwrap_or_default(),
        RiskField::Options => risk.options.join("; "),
        RiskField::State => risk.state.key().to_string(),
        RiskField::Decision => risk.decision.clone().unwrap_or_default(),
    }
}

/// Sets one field of the risk with this id, or says why not.
pub fn set_risk_field(
    program: &mut Program,
    id: &str,
    field: RiskField,
    text: &str,
) -> Result<(), EditError> {
    let known_targets: Vec<String> = program
        .items
        .iter()
        .map(|i| i.id.clone())
        .chain(program.dependencies.iter().map(|d| d.id.clone()))
        .collect();
    let decisions: Vec<String> = program.decisions.iter().map(|d| d.id.clone()).collect();
    let risk = program
        .risks
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| invalid(format!("{id} is not a risk of this program")))?;
    match field {
        RiskField::Title => {
            risk.title =
                optional_text(text).ok_or_else(|| invalid("Risk: say what could happen"))?
        }
        RiskField::Owner => risk.owner = optional_text(text),
        RiskField::Level => risk.level = parse_level(text, "Level")?,
        RiskField::Affects => {
            let affects = split_list(text, ',');
            if let Some(unknown) = affects.iter().find(|a| !known_targets.contains(a)) {
                return Err(invalid(format!(
                    "Affects: {unknown} is not an item or dependency"
                )));
            }
            risk.affects = affects;
        }
        RiskField::Trigger => risk.trigger = parse_optional_date(text, "Blocker on")?,
        RiskField::Options => risk.options = split_list(text, ';'),
        RiskField::State => {
            risk.state = RiskState::ALL
                .into_iter()
                .find(|s| s.key() == text.trim())
                .ok_or_else(|| {
                    invalid(format!(
                        "State: \"{}\" is not open, escalated, mitigated or closed",
                        text.trim()
                    ))
                })?
        }
        RiskField::Decision => {
            let decision = optional_text(text);
            if let Some(d) = &decision {
                if !decisions.contains(d) {
                    return Err(invalid(format!(
                        "Decision: {d} is not a decision of this program"
                    )));
                }
            }
            risk.decision = decision;
        }
    }
    Ok(())
}

/// Adds a risk (what could happen, to be filled in) and returns its id.
pub fn add_risk(program: &mut Program, title: &str) -> String {
    let id = next_free_id(program, "R");
    program.risks.push(Risk {
        id: id.clone(),
        title: if title.trim().is_empty() {
            "New risk".into()
        } else {
            title.trim().into()
        },
        owner: None,
        level: RiskLevel::Medium,
        affects: Vec::new(),
        trigger: None,
        options: Vec::new(),
        state: RiskState::Open,
        decision: None,
    });
    id
}

pub fn delete_risk(program: &mut Program, id: &str) -> Option<Risk> {
    let index = program.risks.iter().position(|r| r.id == id)?;
    Some(program.risks.remove(index))
}

/// Creates a decision from a risk's options and links the risk to it; returns its id.
pub fn decision_for_risk(program: &mut Program, risk_id: &str) -> Result<String, EditError> {
    let risk = program
        .risks
        .iter()
        .find(|r| r.id == risk_id)
        .ok_or_else(|| invalid(format!("{risk_id} is not a risk of this program")))?
        .clone();
    if let Some(existing) = risk.decision {
        return Ok(existing);
    }
    let id = add_decision(
        program,
        &format!("How do we handle {}: {}?", risk.id, risk.title),
    );
    if let Some(decision) = program.decisions.iter_mut().find(|d| d.id == id) {
        decision.options = risk.options.clone();
        decision.needed_by = risk.trigger;
    }
    if let Some(r) = program.risks.iter_mut().find(|r| r.id == risk_id) {
        r.decision = Some(id.clone());
    }
    Ok(id)
}

/// An editable field of a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionField {
    Question,
    Options,
    Recommendation,
    NeededBy,
    From,
    Decided,
    Outcome,
}

impl DecisionField {
    pub fn label(self) -> &'static str {
        match self {
            DecisionField::Question => "Question",
            DecisionField::Options => "Options",
            DecisionField::Recommendation => "Recommendation",
            DecisionField::NeededBy => "Needed by",
            DecisionField::From => "From",
            DecisionField::Decided => "Decided on",
            DecisionField::Outcome => "Outcome",
        }
    }
}

pub fn decision_field_text(decision: &Decision, field: DecisionField) -> String {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match field {
        DecisionField::Question => decision.question.clone(),
        DecisionField::Options => decision.options.join("; "),
        DecisionField::Recommendation => decision.recommendation.clone().unwrap_or_default(),
        DecisionField::NeededBy => date(decision.needed_by),
        DecisionField::From => decision.from.clone().unwrap_or_default(),
        DecisionField::Decided => date(decision.decided),
        DecisionField::Outcome => decision.outcome.clone().unwrap_or_default(),
    }
}

pub fn set_decision_field(
    program: &mut Program,
    id: &str,
    field: DecisionField,
    text: &str,
) -> Result<(), EditError> {
    let decision = program
        .decisions
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| invalid(format!("{id} is not a decision of this program")))?;
    match field {
        DecisionField::Question => {
            decision.question =
                optional_text(text).ok_or_else(|| invalid("Question: what needs deciding?"))?
        }
        DecisionField::Options => decision.options = split_list(text, ';'),
        DecisionField::Recommendation => decision.recommendation = optional_text(text),
        DecisionField::NeededBy => decision.needed_by = parse_optional_date(text, "Needed by")?,
        DecisionField::From => decision.from = optional_text(text),
        DecisionField::Decided => decision.decided = parse_optional_date(text, "Decided on")?,
        DecisionField::Outcome => decision.outcome = optional_text(text),
    }
    Ok(())
}

/// Records the outcome of a decision on `date`.
pub fn record_outcome(
    program: &mut Program,
    id: &str,
    outcome: &str,
    date: NaiveDate,
) -> Result<(), EditError> {
    let outcome = optional_text(outcome).ok_or_else(|| invalid("Outcome: say what was decided"))?;
    let decision = program
        .decisions
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| invalid(format!("{id} is not a decision of this program")))?;
    decision.outcome = Some(outcome);
    decision.decided = Some(date);
    Ok(())
}

pub fn add_decision(program: &mut Program, question: &str) -> String {
    let id = next_free_id(program, "D");
    program.decisions.push(Decision {
        id: id.clone(),
        question: if question.trim().is_empty() {
            "New decision".into()
        } else {
            question.trim().into()
        },
        options: Vec::new(),
        recommendation: None,
        needed_by: None,
        from: None,
        decided: None,
        outcome: None,
    });
    id
}

pub fn delete_decision(program: &mut Program, id: &str) -> Option<Decision> {
    let index = program.decisions.iter().position(|d| d.id == id)?;
    for risk in &mut program.risks {
        if risk.decision.as_deref() == Some(id) {
            risk.decision = None;
        }
    }
    Some(program.decisions.remove(index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, Link};

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn program() -> Program {
        let mut p = Program::new("Test", d("2026-09-07"));
        p.dependencies.push(Dependency::new("VEND-1", "Vendor API"));
        let mut item = Item::task("PAY-1", "Integrate", 5);
        item.after.push(Link::after("VEND-1"));
        p.items.push(item);
        p
    }

    #[test]
    fn recording_this_weeks_colour_twice_replaces_it() {
        let mut p = program();
        record_status(
            &mut p,
            "PAY-1",
            d("2026-11-20"),
            Colour::Yellow,
            "slow",
            None,
        )
        .unwrap();
        record_status(&mut p, "PAY-1", d("2026-11-13"), Colour::Green, "", None).unwrap();
        record_status(
            &mut p,
            "PAY-1",
            d("2026-11-20"),
            Colour::Red,
            "blocked",
            Some("Dana".into()),
        )
        .unwrap();
        let updates = &p.items[0].status;
        assert_eq!(updates.len(), 2);
        assert_eq!(updates[0].date, d("2026-11-13"));
        assert_eq!(updates[1].colour, Colour::Red);
        assert_eq!(updates[1].note.as_deref(), Some("blocked"));
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
        set_dependency_field(&mut p, 0, DependencyField::Id, "ACME-1").unwrap();
        assert_eq!(p.items[0].after[0].id, "ACME-1");
    }

    #[test]
    fn deleting_a_dependency_removes_the_links_to_it() {
        let mut p = program();
        delete_dependency(&mut p, 0);
        assert!(p.items[0].after.is_empty());
    }

    #[test]
    fn marking_reviewed_sets_the_date() {
        let mut p = program();
        mark_reviewed(&mut p, "VEND-1", d("2026-11-20")).unwrap();
        assert_eq!(p.dependencies[0].reviewed, Some(d("2026-11-20")));
    }

    #[test]
    fn a_risk_links_to_a_new_decision_with_its_options() {
        let mut p = program();
        let risk = add_risk(&mut p, "Vendor slips");
        set_risk_field(&mut p, &risk, RiskField::Options, "Legacy API; Escalate").unwrap();
        set_risk_field(&mut p, &risk, RiskField::Trigger, "2026-12-01").unwrap();
        assert!(set_risk_field(&mut p, &risk, RiskField::Affects, "NOPE-1").is_err());
        set_risk_field(&mut p, &risk, RiskField::Affects, "PAY-1, VEND-1").unwrap();
        let decision = decision_for_risk(&mut p, &risk).unwrap();
        assert_eq!(p.risks[0].decision.as_deref(), Some(decision.as_str()));
        assert_eq!(p.decisions[0].options, vec!["Legacy API", "Escalate"]);
        assert_eq!(p.decisions[0].needed_by, Some(d("2026-12-01")));
        record_outcome(&mut p, &decision, "Escalate to the vendor", d("2026-11-24")).unwrap();
        assert_eq!(p.decisions[0].decided, Some(d("2026-11-24")));
        delete_decision(&mut p, &decision);
        assert_eq!(p.risks[0].decision, None);
    }
}

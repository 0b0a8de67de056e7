//! Risks and decisions (Risks & decisions), by id: every field, add, delete, linking a
//! risk to a new decision, and recording a decision's outcome.

use chrono::NaiveDate;

use super::register::parse_level;
use super::{date_text, optional_text, parse_optional_date, required_text, split_list, EditError};
use crate::model::types::{
    Decision, DecisionField, Program, Risk, RiskField, RiskLevel, RiskState, Shared,
};

/// The value of a risk field as the edit box shows it (affects comma-separated, options
/// separated by semicolons).
pub fn risk_field_text(risk: &Risk, field: RiskField) -> String {
    match field {
        RiskField::Title => risk.title.clone(),
        RiskField::Owner => risk.owner.clone().unwrap_or_default(),
        RiskField::Level => risk.level.key().to_string(),
        RiskField::Affects => risk.affects.join(", "),
        RiskField::Trigger => date_text(risk.trigger),
        RiskField::Options => risk.options.join("; "),
        RiskField::State => risk.state.key().to_string(),
        RiskField::Decision => risk.decision.clone().unwrap_or_default(),
    }
}

/// Sets one field of the risk `id`, or says why not.
pub fn set_risk_field(
    program: &mut Program,
    id: &str,
    field: RiskField,
    text: &str,
) -> Result<(), EditError> {
    let label = field.label();
    // Checked before borrowing the risk: what it may point at.
    match field {
        RiskField::Affects => {
            if let Some(unknown) = split_list(text, ',')
                .into_iter()
                .find(|a| program.item(a).is_none() && program.dependency(a).is_none())
            {
                return Err(EditError::field(
                    label,
                    format!("{unknown} is not an item or dependency"),
                ));
            }
        }
        RiskField::Decision => {
            if let Some(d) = optional_text(text) {
                if !program.decisions.iter().any(|x| x.id == d) {
                    return Err(EditError::field(
                        label,
                        format!("{d} is not a decision of this program"),
                    ));
                }
            }
        }
        _ => {}
    }
    let risk = program
        .risks
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| EditError::gone("Risk", id))?;
    match field {
        RiskField::Title => risk.title = required_text(text, label, "say what could happen")?,
        RiskField::Owner => risk.owner = optional_text(text),
        RiskField::Level => risk.level = parse_level(text, label)?,
        RiskField::Affects => risk.affects = split_list(text, ','),
        RiskField::Trigger => risk.trigger = parse_optional_date(text, label)?,
        RiskField::Options => risk.options = split_list(text, ';'),
        RiskField::State => {
            risk.state = RiskState::from_key(text.trim()).ok_or_else(|| {
                EditError::field(
                    label,
                    format!(
                        "\"{}\" is not open, escalated, mitigated or closed",
                        text.trim()
                    ),
                )
            })?
        }
        RiskField::Decision => risk.decision = optional_text(text),
    }
    Ok(())
}

/// Adds a risk (what could happen, the rest to be filled in) and returns its id.
pub fn add_risk(program: &mut Program, title: &str) -> Result<String, EditError> {
    let title = required_text(
        title,
        "New risk",
        "say what could happen before adding the risk",
    )?;
    let id = super::next_free_id(program, "R");
    program.risks.push(Shared::new(Risk {
        uid: crate::model::uid::fresh(),
        id: id.clone(),
        title,
        owner: None,
        level: RiskLevel::Medium,
        affects: Vec::new(),
        trigger: None,
        options: Vec::new(),
        state: RiskState::Open,
        decision: None,
    }));
    Ok(id)
}

/// Removes the risk `id` (undoable by the caller).
pub fn delete_risk(program: &mut Program, id: &str) -> Result<Risk, EditError> {
    let index = program
        .risks
        .iter()
        .position(|r| r.id == id)
        .ok_or_else(|| EditError::gone("Risk", id))?;
    Ok(Risk::clone(&program.risks.remove(index)))
}

/// Creates a decision from a risk's options and links the risk to it; returns its id.
pub fn decision_for_risk(program: &mut Program, risk_id: &str) -> Result<String, EditError> {
    let risk = program
        .risks
        .iter()
        .find(|r| r.id == risk_id)
        .ok_or_else(|| EditError::gone("Risk", risk_id))?
        .clone();
    if let Some(existing) = risk.decision.clone() {
        return Ok(existing);
    }
    let id = add_decision(
        program,
        &format!("How do we handle {}: {}?", risk.id, risk.title),
    )?;
    if let Some(decision) = program.decisions.iter_mut().find(|d| d.id == id) {
        decision.options = risk.options.clone();
        decision.needed_by = risk.trigger;
    }
    if let Some(r) = program.risks.iter_mut().find(|r| r.id == risk_id) {
        r.decision = Some(id.clone());
    }
    Ok(id)
}

/// The value of a decision field as the edit box shows it.
pub fn decision_field_text(decision: &Decision, field: DecisionField) -> String {
    match field {
        DecisionField::Question => decision.question.clone(),
        DecisionField::Options => decision.options.join("; "),
        DecisionField::Recommendation => decision.recommendation.clone().unwrap_or_default(),
        DecisionField::NeededBy => date_text(decision.needed_by),
        DecisionField::From => decision.from.clone().unwrap_or_default(),
        DecisionField::Decided => date_text(decision.decided),
        DecisionField::Outcome => decision.outcome.clone().unwrap_or_default(),
    }
}

/// Sets one field of the decision `id`, or says why not.
pub fn set_decision_field(
    program: &mut Program,
    id: &str,
    field: DecisionField,
    text: &str,
) -> Result<(), EditError> {
    let label = field.label();
    let decision = program
        .decisions
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| EditError::gone("Decision", id))?;
    match field {
        DecisionField::Question => {
            decision.question = required_text(text, label, "what needs deciding?")?
        }
        DecisionField::Options => decision.options = split_list(text, ';'),
        DecisionField::Recommendation => decision.recommendation = optional_text(text),
        DecisionField::NeededBy => decision.needed_by = parse_optional_date(text, label)?,
        DecisionField::From => decision.from = optional_text(text),
        DecisionField::Decided => decision.decided = parse_optional_date(text, label)?,
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
    let outcome = required_text(outcome, "Outcome", "say what was decided")?;
    let decision = program
        .decisions
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| EditError::gone("Decision", id))?;
    decision.outcome = Some(outcome);
    decision.decided = Some(date);
    Ok(())
}

/// Adds a decision (the question, the rest to be filled in) and returns its id.
pub fn add_decision(program: &mut Program, question: &str) -> Result<String, EditError> {
    let question = required_text(
        question,
        "New decision",
        "say what needs deciding before adding the decision",
    )?;
    let id = super::next_free_id(program, "D");
    program.decisions.push(Shared::new(Decision {
        uid: crate::model::uid::fresh(),
        id: id.clone(),
        question,
        options: Vec::new(),
        recommendation: None,
        needed_by: None,
        from: None,
        decided: None,
        outcome: None,
    }));
    Ok(id)
}

/// Removes the decision `id` and the risks' links to it (undoable by the caller).
pub fn delete_decision(program: &mut Program, id: &str) -> Result<Decision, EditError> {
    let index = program
        .decisions
        .iter()
        .position(|d| d.id == id)
        .ok_or_else(|| EditError::gone("Decision", id))?;
    for risk in &mut program.risks {
        if risk.decision.as_deref() == Some(id) {
            risk.decision = None;
        }
    }
    Ok(Decision::clone(&program.decisions.remove(index)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::tests::d;
    use crate::model::{Dependency, Item, Link};

    fn program() -> Program {
        let mut p = Program::new("Test", d("2026-09-07"));
        p.dependencies
            .push(Dependency::new("VEND-1", "Vendor API").into());
        let mut item = Item::task("PAY-1", "Integrate", 5);
        item.after.push(Link::after("VEND-1"));
        p.items.push(item.into());
        p
    }

    #[test]
    fn a_risk_links_to_a_new_decision_with_its_options() {
        let mut p = program();
        let risk = add_risk(&mut p, "Vendor slips").unwrap();
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
        delete_decision(&mut p, &decision).unwrap();
        assert_eq!(p.risks[0].decision, None);
    }

    #[test]
    fn an_empty_risk_or_decision_is_refused_with_what_to_write() {
        let mut p = program();
        let err = add_risk(&mut p, "  ").unwrap_err();
        assert!(err.to_string().contains("say what could happen"));
        assert!(add_decision(&mut p, "").is_err());
        assert!(p.risks.is_empty() && p.decisions.is_empty());
    }
}

//! The program colour (docs/rules.md#program-colour): what the rules give, why, and a human
//! override shown as such. Pure: no clock.

use chrono::NaiveDate;

use super::{ItemStatus, RiskFinding};
use crate::engine::cockpit::Finish;
use crate::engine::schedule::{Schedule, ScheduleProblem};
use crate::engine::words::{id_list, labelled, long_date, percent, working_days};
use crate::model::{Colour, Program};

/// Below this date confidence the program is at least Yellow (docs/rules.md#program-colour).
const CONFIDENCE_FLOOR: f64 = 0.8;

/// The program colour: what is shown, what the rules computed, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramColour {
    /// What is shown: the override when there is one with a reason, else `computed`.
    pub colour: Colour,
    /// What the rules give (docs/rules.md#program-colour).
    pub computed: Colour,
    /// Why `computed`, one sentence each, naming ids, dates or days. For Red only the Red
    /// reasons are listed, for Yellow the Yellow ones; Green has one sentence.
    pub reasons: Vec<String>,
    /// True when `colour` is the human override.
    pub overridden: bool,
    pub override_reason: Option<String>,
}

/// The program colour at `as_of` (docs/rules.md#program-colour).
///
/// Red if a critical, unfinished item or dependency is effectively Red, the forecast finish
/// is after the target, or an undecided decision is past its `needed_by`; else Yellow if a
/// critical one is Yellow, a near-critical one is Yellow or Red, `confidence` is below 80 %
/// (`None`: not known yet, ignored) or a risk is escalate-now; else Green.
///
/// The override `summary.colour` is shown only with a non-blank `summary.colour_reason`:
/// an override needs a reason (docs/rules.md#override), so one without is ignored and the computed
/// colour is shown.
pub fn program_colour(
    program: &Program,
    schedule: &Schedule,
    finish: &Finish,
    statuses: &[ItemStatus],
    risks: &[RiskFinding],
    confidence: Option<f64>,
    as_of: NaiveDate,
) -> ProgramColour {
    let mut red = Vec::new();
    let mut yellow = Vec::new();

    for status in statuses.iter().filter(|s| !s.done) {
        let Some(colour) = status.effective else {
            continue;
        };
        let why = status
            .auto_red_reason
            .as_ref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        let name = labelled(&status.id, &status.title);
        if status.critical {
            match colour {
                Colour::Red => red.push(format!("{name} is Red on the critical path{why}")),
                Colour::Yellow => yellow.push(format!("{name} is Yellow on the critical path")),
                Colour::Green => {}
            }
        } else if status.near_critical && colour != Colour::Green {
            let float = schedule
                .node(&status.id)
                .map(|n| format!(" ({} working days of float)", n.total_float))
                .unwrap_or_default();
            yellow.push(format!(
                "{name} is {} and near-critical{float}{why}",
                colour.label()
            ));
        }
    }

    let target = program.target;
    if finish.date > target {
        let late = -finish.slack_to_target;
        let by = if late > 0 {
            format!(" {} after", working_days(late))
        } else {
            // The target falls on a non-working day just before the finish.
            " after".to_string()
        };
        // Said when it is the teams' capacity, not the links, that puts it there.
        let capacity = match finish.unlevelled {
            Some(plain) if plain <= target => " with the teams' capacity",
            _ => "",
        };
        red.push(format!(
            "Forecast finish {} is{by} the target {}{capacity}",
            long_date(finish.date),
            long_date(target)
        ));
    }

    for decision in &program.decisions {
        let undecided = decision.decided.is_none_or(|d| d > as_of);
        if let (true, Some(needed_by)) = (undecided, decision.needed_by) {
            if needed_by < as_of {
                let from = decision
                    .from
                    .as_deref()
                    .filter(|f| !f.trim().is_empty())
                    .map(|f| format!(" from {f}"))
                    .unwrap_or_default();
                red.push(format!(
                    "Decision {} was needed{from} by {}",
                    decision.id,
                    long_date(needed_by)
                ));
            }
        }
    }

    if let Some(c) = confidence.filter(|c| *c < CONFIDENCE_FLOOR) {
        yellow.push(format!("Date confidence {} is below 80 %", percent(c)));
    }

    for finding in risks.iter().filter(|f| f.escalate_now) {
        let trigger = finding
            .trigger
            .or_else(|| {
                program
                    .risks
                    .iter()
                    .find(|r| r.id == finding.id)
                    .and_then(|r| r.trigger)
            })
            .map(|t| format!(": trigger {}", long_date(t)))
            .unwrap_or_default();
        yellow.push(format!("{} must be escalated now{trigger}", finding.id));
    }

    for problem in &schedule.problems {
        if let ScheduleProblem::Cycle(ids) = problem {
            yellow.push(format!(
                "{} wait on each other in a loop, so they have no dates",
                id_list(ids, 6)
            ));
        }
    }

    let (computed, reasons) = if program.items.is_empty() && program.dependencies.is_empty() {
        (
            Colour::Green,
            vec!["Nothing to forecast yet: the program has no work items".to_string()],
        )
    } else if !red.is_empty() {
        (Colour::Red, red)
    } else if !yellow.is_empty() {
        (Colour::Yellow, yellow)
    } else {
        let slack = finish.slack_to_target;
        let finish = long_date(finish.date);
        let against_target = if slack > 0 {
            format!("{} before the target", working_days(slack))
        } else {
            "on the target".to_string()
        };
        (
            Colour::Green,
            vec![format!(
                "No critical work is Yellow or Red; finish {finish} is {against_target}"
            )],
        )
    };

    let reason = program
        .summary
        .colour_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    match (program.summary.colour, reason) {
        (Some(colour), Some(reason)) => ProgramColour {
            colour,
            computed,
            reasons,
            overridden: true,
            override_reason: Some(reason.to_string()),
        },
        _ => ProgramColour {
            colour: computed,
            computed,
            reasons,
            overridden: false,
            override_reason: None,
        },
    }
}

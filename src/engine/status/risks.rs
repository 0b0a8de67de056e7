//! What the rules find about each risk at the status date (docs/rules.md#escalate-now,
//! docs/rules.md#blockers) and the risk register's order. Pure: no clock.

use chrono::NaiveDate;

use super::{days_between, scheduled_node};
use crate::engine::schedule::Schedule;
use crate::model::{Program, RiskState};

/// What the rules find about one risk at the status date.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskFinding {
    pub id: String,
    /// Open, affects a critical or near-critical unfinished item or dependency, and its
    /// trigger is 0 to `escalate_within_days` calendar days after the status date.
    pub escalate_now: bool,
    /// Open or escalated, and its trigger is before the status date.
    pub blocker: bool,
    /// Any affected item or dependency is critical or near-critical and not done.
    pub affects_critical: bool,
    /// The trigger date, when the risk has one.
    pub trigger: Option<NaiveDate>,
    /// Calendar days from the status date to the trigger; negative once it has passed.
    pub days_to_trigger: Option<i64>,
}

/// The register's order (docs/rules.md#risk-order): "escalate now" first, then blockers, then the
/// other open or escalated risks, then mitigated and closed ones; each group by trigger
/// date, risks without one last, ties in file order.
pub fn register_order<'a>(program: &Program, findings: &'a [RiskFinding]) -> Vec<&'a RiskFinding> {
    let group = |finding: &RiskFinding| {
        let state = program
            .risks
            .iter()
            .find(|r| r.id == finding.id)
            .map(|r| r.state)
            .unwrap_or_default();
        if finding.escalate_now {
            0
        } else if finding.blocker {
            1
        } else if matches!(state, RiskState::Open | RiskState::Escalated) {
            2
        } else {
            3
        }
    };
    let mut ordered: Vec<&RiskFinding> = findings.iter().collect();
    crate::sort::sort_by_key(&mut ordered, |f| (group(f), f.trigger.is_none(), f.trigger));
    ordered
}

/// Escalate-now and blocker findings, one per risk in `program.risks` order.
pub fn risk_findings(program: &Program, schedule: &Schedule, as_of: NaiveDate) -> Vec<RiskFinding> {
    let within = i64::from(program.rules.escalate_within_days);
    program
        .risks
        .iter()
        .map(|risk| {
            // A finished item can no longer move the date, whatever its float says.
            let affects_critical = risk.affects.iter().any(|id| {
                scheduled_node(schedule, id)
                    .is_some_and(|n| (n.critical || n.near_critical) && !n.done)
            });
            let days_to_trigger = risk.trigger.map(|t| days_between(as_of, t));
            let open = risk.state == RiskState::Open;
            let escalate_now = open
                && affects_critical
                && days_to_trigger.is_some_and(|d| (0..=within).contains(&d));
            let blocker = (open || risk.state == RiskState::Escalated)
                && days_to_trigger.is_some_and(|d| d < 0);
            RiskFinding {
                id: risk.id.clone(),
                escalate_now,
                blocker,
                affects_critical,
                trigger: risk.trigger,
                days_to_trigger,
            }
        })
        .collect()
}

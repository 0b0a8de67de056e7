//! Publishing the weekly status (docs/rules.md#publishing): the cockpit at the status date
//! frozen into a [`Report`] — the paragraph as shown, the colour, the forecast and, per
//! item and dependency, its colour, planned dates, float and due date.
//! Pure: the caller adds the report to the program as an undoable edit.

use super::cockpit::Cockpit;
use crate::model::{Program, Report, ReportRow, RiskState};

/// Confidence is kept to this many decimals: a tenth of a percent is far below the noise.
const CONFIDENCE_DECIMALS: f64 = 1000.0;

/// The report the cockpit says at its status date.
pub fn report(program: &Program, cockpit: &Cockpit) -> Report {
    let basis = &cockpit.basis;
    let as_of = basis.as_of;
    let lookup = program.lookup();
    let rows = basis
        .statuses
        .iter()
        .filter_map(|status| {
            let node = basis.node(&status.id)?;
            let due = lookup.due_of(&status.id);
            Some(ReportRow {
                id: status.id.clone(),
                colour: status.effective,
                start: node.early_start,
                finish: node.early_finish,
                float: node.total_float,
                due,
                critical: node.critical,
            })
        })
        .collect();
    let forecast = cockpit.forecast.as_deref();
    Report {
        date: as_of,
        target: program.target,
        colour: cockpit.colour.colour,
        finish: basis.schedule.forecast_finish,
        confidence: forecast
            .map(|f| (f.confidence * CONFIDENCE_DECIMALS).round() / CONFIDENCE_DECIMALS),
        runs: forecast.map_or(0, |f| f.iterations),
        p50: forecast.map(|f| f.p50),
        p85: forecast.map(|f| f.p85),
        p95: forecast.map(|f| f.p95),
        paragraph: cockpit.summary.paragraph.clone(),
        notes: cockpit.summary.notes.clone(),
        changes: cockpit.summary.changes.clone(),
        rows,
        open_risks: program
            .risks
            .iter()
            .filter(|r| matches!(r.state, RiskState::Open | RiskState::Escalated))
            .map(|r| r.id.clone())
            .collect(),
        pending_decisions: program
            .decisions
            .iter()
            .filter(|d| d.decided.is_none_or(|on| on > as_of))
            .map(|d| d.id.clone())
            .collect(),
    }
}

//! Publishing the weekly status (docs/rules.md#publishing): the cockpit at the status date
//! frozen into a [`Report`] — the paragraph as shown, the colour, the forecast and, per
//! item and dependency, its colour, planned dates, float and due date.
//! Pure: the caller adds the report to the program as an undoable edit.

use super::cockpit::Cockpit;
use crate::model::{Program, Report, ReportRow, ReportSection, RiskState, Sentence};

/// Confidence is kept to this many decimals: a tenth of a percent is far below the noise.
const CONFIDENCE_DECIMALS: f64 = 1000.0;

/// The summary's sections a report keeps as they read: what changed is kept on its own,
/// the trend is drawn from the reports themselves, and "needs review" is housekeeping.
const PUBLISHED_SECTIONS: [&str; 4] = ["capacity", "risks", "decisions", "chain"];

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
    // No figure when nothing on the critical paths has a range: the report says what the
    // summary said, which gave none.
    let estimated =
        super::summary::estimated(&super::summary::unranged_in(program, &basis.schedule));
    let forecast = cockpit.forecast.as_deref().filter(|_| estimated);
    // The summary as the Summary view says it: with capacity, when a team's capacity moves
    // the launch past the target.
    let summary = super::capacity::words::with_capacity(&cockpit.summary, program, as_of);
    Report {
        date: as_of,
        target: program.target,
        colour: cockpit.colour.colour,
        finish: basis.finish.date,
        confidence: forecast
            .map(|f| (f.confidence * CONFIDENCE_DECIMALS).round() / CONFIDENCE_DECIMALS),
        runs: forecast.map_or(0, |f| f.iterations),
        p50: forecast.map(|f| f.p50),
        p85: forecast.map(|f| f.p85),
        p95: forecast.map(|f| f.p95),
        paragraph: summary.paragraph.clone(),
        notes: cockpit.summary.notes.clone(),
        changes: cockpit.summary.changes.clone(),
        sections: summary
            .sections
            .iter()
            .filter(|s| PUBLISHED_SECTIONS.contains(&s.key))
            .map(|s| ReportSection {
                heading: s.heading.clone(),
                lines: if s.lines.is_empty() {
                    vec![Sentence::plain(&s.empty)]
                } else {
                    s.lines.clone()
                },
                list: s.list && !s.lines.is_empty(),
            })
            .collect(),
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

/// One row of a published report as a reader sees it: what was reported, with the title
/// the entry has now and the note recorded for it in the report's week. Both come from the
/// program, so a report stays compact (a year of a 1,000-item program's reports would
/// otherwise repeat every title 52 times); an entry since deleted has neither.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadRow<'a> {
    pub row: &'a ReportRow,
    pub title: Option<String>,
    /// The latest note of the seven days up to the report's date.
    pub note: Option<String>,
}

/// The rows of `report` with their titles and that week's notes.
pub fn read_rows<'a>(program: &Program, report: &'a Report) -> Vec<ReadRow<'a>> {
    let lookup = program.lookup();
    let week_start = report.date - chrono::Duration::days(6);
    report
        .rows
        .iter()
        .map(|row| ReadRow {
            row,
            title: lookup.title_of(&row.id).map(str::to_string),
            note: lookup
                .updates_of(&row.id)
                .iter()
                .filter(|u| (week_start..=report.date).contains(&u.date))
                .max_by_key(|u| u.date)
                .and_then(|u| u.note.clone())
                .filter(|n| !n.trim().is_empty()),
        })
        .collect()
}

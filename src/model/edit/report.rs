//! Published reports (Program): publishing adds the week's report, or replaces the one
//! already published at the same status date (the UI asks first); one may be the baseline.
//! Reports are otherwise read-only.

use chrono::NaiveDate;

use super::EditError;
use crate::model::types::{Program, Report, Shared};

/// Adds `report`, keeping reports oldest first; returns the report it replaced at the same
/// status date, if there was one.
pub fn publish_report(program: &mut Program, report: Report) -> Option<Report> {
    if let Some(existing) = program.reports.iter_mut().find(|r| r.date == report.date) {
        let old: Shared<Report> = std::mem::replace(existing, Shared::new(report));
        return Some(Report::clone(&old));
    }
    let at = program
        .reports
        .iter()
        .position(|r| r.date > report.date)
        .unwrap_or(program.reports.len());
    program.reports.insert(at, report.into());
    None
}

/// Makes the report of `date` the baseline, or clears the baseline with `None`.
pub fn set_baseline(program: &mut Program, date: Option<NaiveDate>) -> Result<(), EditError> {
    if let Some(date) = date {
        if program.report_at(date).is_none() {
            return Err(EditError::gone("Report of", &date.to_string()));
        }
    }
    program.baseline = date;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::tests::d;
    use crate::model::Colour;

    fn report(date: &str) -> Report {
        Report {
            date: d(date),
            target: d("2027-01-15"),
            colour: Colour::Yellow,
            finish: d("2027-01-05"),
            confidence: Some(0.68),
            runs: 10_000,
            p50: None,
            p85: None,
            p95: None,
            paragraph: Vec::new(),
            notes: None,
            changes: Vec::new(),
            sections: Vec::new(),
            rows: Vec::new(),
            open_risks: Vec::new(),
            pending_decisions: Vec::new(),
        }
    }

    #[test]
    fn reports_stay_oldest_first_and_one_per_date() {
        let mut p = Program::new("T", d("2026-09-07"));
        assert!(publish_report(&mut p, report("2026-11-20")).is_none());
        assert!(publish_report(&mut p, report("2026-11-13")).is_none());
        let mut again = report("2026-11-20");
        again.colour = Colour::Red;
        let replaced = publish_report(&mut p, again).expect("replaced");
        assert_eq!(replaced.colour, Colour::Yellow);
        let dates: Vec<_> = p.reports.iter().map(|r| r.date.to_string()).collect();
        assert_eq!(dates, ["2026-11-13", "2026-11-20"]);
    }

    #[test]
    fn the_baseline_must_be_a_published_report() {
        let mut p = Program::new("T", d("2026-09-07"));
        assert!(set_baseline(&mut p, Some(d("2026-11-13"))).is_err());
        publish_report(&mut p, report("2026-11-13"));
        set_baseline(&mut p, Some(d("2026-11-13"))).unwrap();
        assert_eq!(p.baseline_report().map(|r| r.date), Some(d("2026-11-13")));
        set_baseline(&mut p, None).unwrap();
        assert!(p.baseline_report().is_none());
    }
}

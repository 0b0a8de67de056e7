//! The trend of the date (milestone trend analysis): the forecast finish, its P85 and the
//! confidence at each published report, then where things stand now, against the target.
//! The UI draws it; these sentences describe it for print and screen readers.

use chrono::NaiveDate;

use super::Section;
use crate::engine::forecast::Forecast;
use crate::engine::words::{long_date, near_date, percent};
use crate::model::{Program, Sentence};

/// One point of the trend.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// The status date of the report (or the current status date).
    pub date: NaiveDate,
    pub finish: NaiveDate,
    pub p85: Option<NaiveDate>,
    pub confidence: Option<f64>,
    /// False for the current, not yet published, status.
    pub published: bool,
}

/// The published reports up to `as_of`, oldest first, then the current status when it is
/// not published yet.
pub fn trend(
    program: &Program,
    finish: NaiveDate,
    forecast: Option<&Forecast>,
    as_of: NaiveDate,
) -> Vec<TrendPoint> {
    let mut reports: Vec<_> = program.reports.iter().filter(|r| r.date <= as_of).collect();
    crate::sort::sort_by_key(&mut reports, |r| r.date);
    let mut points: Vec<TrendPoint> = reports
        .into_iter()
        .map(|r| TrendPoint {
            date: r.date,
            finish: r.finish,
            p85: r.p85,
            confidence: r.confidence,
            published: true,
        })
        .collect();
    if program.report_at(as_of).is_none() && !super::is_empty_program(program) {
        points.push(TrendPoint {
            date: as_of,
            finish,
            p85: forecast.map(|f| f.p85),
            confidence: forecast.map(|f| f.confidence),
            published: false,
        });
    }
    points
}

/// The trend in words: one sentence per point, then the target.
pub(super) fn trend_section(points: &[TrendPoint], target: NaiveDate, as_of: NaiveDate) -> Section {
    let published = points.iter().filter(|p| p.published).count();
    let mut lines: Vec<Sentence> = Vec::new();
    if published > 0 {
        for point in points {
            let when = if point.published {
                format!("Report of {}", near_date(point.date, as_of))
            } else {
                format!("Now ({}, not published)", near_date(point.date, as_of))
            };
            let mut text = format!("{when}: finish {}", near_date(point.finish, as_of));
            if let Some(p85) = point.p85 {
                text.push_str(&format!(", P85 {}", near_date(p85, as_of)));
            }
            if let Some(c) = point.confidence {
                text.push_str(&format!(", {} confidence", percent(c)));
            }
            text.push('.');
            lines.push(Sentence::plain(&text));
        }
        lines.push(Sentence::plain(&format!("Target: {}.", long_date(target))));
    }
    Section {
        key: "trend",
        heading: "Trend of the date".into(),
        lines,
        empty:
            "No report published yet: publish this week's status to start the trend of the date."
                .into(),
        list: true,
    }
}

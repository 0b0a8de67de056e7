//! A published weekly status (docs/rules.md#publishing): what the summary said at a status
//! date, frozen into the program file so next week's "what changed" compares with numbers
//! that were actually reported. Read-only once published; compact, so a year of weekly
//! reports stays well inside the storage and share-link budgets.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::names::Colour;
use super::text::Sentence;

/// One published report. A program keeps them oldest first, one per status date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The status date it was published at.
    pub date: NaiveDate,
    /// The target date at the time.
    pub target: NaiveDate,
    /// The program colour shown (the override, when there was one).
    #[serde(rename = "color")]
    pub colour: Colour,
    /// The forecast finish (the schedule's latest early finish).
    pub finish: NaiveDate,
    /// Date confidence, 0 to 1; absent when the forecast was not run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// How many Monte Carlo runs the confidence came from (for the noise of a change).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub runs: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p50: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p85: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p95: Option<NaiveDate>,
    /// The first paragraph as shown, overrides included.
    #[serde(default)]
    pub paragraph: Vec<Sentence>,
    /// The notes shown below it, when there were any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// "What changed" as it was reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
    /// The summary's sections on risks, decisions and the critical path, as they read that
    /// day (reports published before these were kept have none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<ReportSection>,
    /// Every item and dependency as it stood.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<ReportRow>,
    /// Ids of the risks open or escalated at the time (to tell new and closed risks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_risks: Vec<String>,
    /// Ids of the decisions pending at the time (to tell decisions made since).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending_decisions: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

/// A section of the summary as published: its heading and its sentences (or, when it had
/// none, the sentence said instead: "No decision is pending.").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportSection {
    pub heading: String,
    #[serde(default)]
    pub lines: Vec<Sentence>,
    /// Shown as a list (else as paragraphs, as the critical path is).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub list: bool,
}

/// One item or dependency in a report. In the file it is a list, to stay compact:
/// `[id, colour or null, start, finish, float, due or null, critical]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RowFields", into = "RowFields")]
pub struct ReportRow {
    pub id: String,
    /// The effective colour (staleness applied); `None`: no status.
    pub colour: Option<Colour>,
    /// Planned (earliest) start and finish.
    pub start: NaiveDate,
    pub finish: NaiveDate,
    /// Total float in working days.
    pub float: i64,
    /// Its own due date, as the file had it then.
    pub due: Option<NaiveDate>,
    pub critical: bool,
}

type RowFields = (
    String,
    Option<Colour>,
    NaiveDate,
    NaiveDate,
    i64,
    Option<NaiveDate>,
    bool,
);

impl From<RowFields> for ReportRow {
    fn from((id, colour, start, finish, float, due, critical): RowFields) -> ReportRow {
        ReportRow {
            id,
            colour,
            start,
            finish,
            float,
            due,
            critical,
        }
    }
}

impl From<ReportRow> for RowFields {
    fn from(row: ReportRow) -> RowFields {
        (
            row.id,
            row.colour,
            row.start,
            row.finish,
            row.float,
            row.due,
            row.critical,
        )
    }
}

impl Report {
    /// The row of an item or dependency, if it was in the report.
    pub fn row(&self, id: &str) -> Option<&ReportRow> {
        self.rows.iter().find(|row| row.id == id)
    }
}

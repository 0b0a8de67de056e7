//! Jira and Linear CSV exports read into one common shape, [`Import`], that `merge` applies
//! to a program. Exports vary by instance, locale and field set, so reading is lenient and
//! reports what it skipped as warnings; it never panics on any text.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

/// The tracker an export came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum System {
    Jira,
    Linear,
}

impl System {
    /// The `source.system` value items imported from this tracker carry.
    pub fn key(self) -> &'static str {
        match self {
            System::Jira => "jira",
            System::Linear => "linear",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            System::Jira => "Jira",
            System::Linear => "Linear",
        }
    }
}

/// Where an issue stands, with the actual dates the export gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    ToDo,
    InProgress { started: Option<NaiveDate> },
    Done { finished: Option<NaiveDate> },
}

/// One issue of an export, whatever the tracker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedIssue {
    /// The tracker's key (`PAY-12`); becomes the item's id.
    pub key: String,
    pub title: String,
    pub owner: Option<String>,
    /// The Jira project key or the Linear team (else project).
    pub team: Option<String>,
    /// A readable name for the team when the export has one (Jira `Project name`).
    pub team_name: Option<String>,
    pub due: Option<NaiveDate>,
    pub progress: Progress,
    /// Working days, from a time estimate or story points; at least 1 when present.
    pub estimate_days: Option<u32>,
    /// The parent's key (epic or parent issue), when the export names one.
    pub parent: Option<String>,
    /// Keys of the issues this one blocks: they come after it.
    pub blocks: Vec<String>,
    /// Keys of the issues that block this one: it comes after them.
    pub blocked_by: Vec<String>,
}

/// A whole export, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub system: System,
    pub issues: Vec<ImportedIssue>,
    /// Rows skipped and values not understood, each naming the row or key.
    pub warnings: Vec<String>,
}

/// How estimates convert to working days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImportOptions {
    /// Working days per story point (Jira story points, Linear `Estimate`).
    pub days_per_point: f64,
    /// Working hours per day, for time estimates given in seconds.
    pub hours_per_day: f64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            days_per_point: 1.0,
            hours_per_day: 8.0,
        }
    }
}

/// Why a CSV could not be imported at all. Anything less is a warning in [`Import`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("This CSV is empty")]
    Empty,
    #[error(
        "This CSV is neither a Jira nor a Linear export: no 'Issue key' or 'ID' column \
         (its first columns are: {0})"
    )]
    NotAnExport(String),
}

/// Reads a Jira ("all fields" or "current fields") or Linear CSV export, telling which
/// from the header row. Rows without a key are skipped with a warning naming the row; a
/// value that cannot be read (a date, a number) is left out with a warning naming the key.
pub fn import_csv(text: &str, options: &ImportOptions) -> Result<Import, ImportError> {
    let table = Table::read(text)?;
    if table.has(super::jira::KEY) {
        Ok(super::jira::read(&table, options))
    } else if table.has(super::linear::KEY) {
        Ok(super::linear::read(&table, options))
    } else {
        let first: Vec<&str> = table.names.iter().take(6).map(String::as_str).collect();
        Err(ImportError::NotAnExport(first.join(", ")))
    }
}

/// A CSV read as a header row plus records, with columns found by name. Names repeat in
/// Jira exports (`Labels`, `Sprint`, link columns), so a name maps to every index it has.
pub struct Table {
    names: Vec<String>,
    columns: HashMap<String, Vec<usize>>,
    /// Each record with its row number as a spreadsheet shows it (the header is row 1).
    pub rows: Vec<(usize, Vec<String>)>,
    pub warnings: Vec<String>,
}

impl Table {
    fn read(text: &str) -> Result<Table, ImportError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records: Vec<(usize, Vec<String>)> = Vec::new();
        let mut warnings = Vec::new();
        for (index, record) in reader.records().enumerate() {
            match record {
                Ok(record) => {
                    records.push((index + 1, record.iter().map(str::to_string).collect()))
                }
                Err(err) => {
                    warnings.push(format!("Row {}: could not be read ({err})", index + 1));
                    break;
                }
            }
        }
        let mut records = records.into_iter();
        let (_, header): (usize, Vec<String>) = loop {
            match records.next() {
                Some((_, row)) if row.iter().all(|cell: &String| cell.trim().is_empty()) => {}
                Some(row) => break row,
                None => return Err(ImportError::Empty),
            }
        };
        let names: Vec<String> = header.iter().map(|name| name.trim().to_string()).collect();
        let mut columns: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, name) in names.iter().enumerate() {
            columns.entry(normalise(name)).or_default().push(index);
        }
        let rows = records
            .filter(|(_, row)| row.iter().any(|cell| !cell.trim().is_empty()))
            .collect();
        Ok(Table {
            names,
            columns,
            rows,
            warnings,
        })
    }

    /// Whether any of these column names is present.
    pub fn has(&self, names: &[&str]) -> bool {
        names
            .iter()
            .any(|name| self.columns.contains_key(&normalise(name)))
    }

    /// The non-empty cells of this row under any of these names (repeated columns too),
    /// names tried in order.
    fn cells<'r, 's>(
        &'s self,
        row: &'r [String],
        names: &'s [&'s str],
    ) -> impl Iterator<Item = &'r str> + 's
    where
        'r: 's,
    {
        names
            .iter()
            .filter_map(|name| self.columns.get(&normalise(name)))
            .flatten()
            .filter_map(|&index| row.get(index))
            .map(|cell| clean(cell))
            .filter(|cell| !cell.is_empty())
    }

    /// The first non-empty cell of this row under any of these names, tried in order.
    pub fn first<'a>(&self, row: &'a [String], names: &[&str]) -> Option<&'a str> {
        self.cells(row, names).next()
    }

    /// Every non-empty cell of this row under any of these names (repeated columns too).
    pub fn all<'a>(&self, row: &'a [String], names: &[&str]) -> Vec<&'a str> {
        self.cells(row, names).collect()
    }
}

fn normalise(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Trims a cell and removes the `'` spreadsheets and Linear put before a cell starting
/// with `= + - @` so it is not run as a formula.
fn clean(cell: &str) -> &str {
    let cell = cell.trim();
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// Splits a cell holding several keys (`"CSV-2, CSV-3"`).
pub(crate) fn split_keys(cells: &[&str]) -> Vec<String> {
    let mut seen = HashSet::new();
    cells
        .iter()
        .flat_map(|cell| cell.split([',', ';', '\n']))
        .map(str::trim)
        .filter(|key| !key.is_empty())
        .filter(|key| seen.insert(key.to_string()))
        .map(str::to_string)
        .collect()
}

/// The progress a status name or Jira status category stands for.
pub(crate) fn progress_of_status(status: &str) -> Progress {
    let status = status.to_lowercase();
    const DONE: &[&str] = &[
        "done",
        "closed",
        "resolved",
        "complete",
        "cancel",
        "fixed",
        "won't",
        "duplicate",
        "erledigt",
        "fertig",
        "terminé",
        "hecho",
        "listo",
    ];
    const STARTED: &[&str] = &[
        "progress",
        "review",
        "started",
        "doing",
        "development",
        "testing",
        "in bearbeitung",
        "en cours",
        "en curso",
    ];
    if DONE.iter().any(|word| status.contains(word)) {
        Progress::Done { finished: None }
    } else if STARTED.iter().any(|word| status.contains(word)) {
        Progress::InProgress { started: None }
    } else {
        Progress::ToDo
    }
}

/// Reads the dates trackers write: ISO (`2026-11-23`, `2026-11-23T14:15:00.000Z`,
/// `2026-02-25 16:38:58.679`), Jira's `23/Nov/26 2:15 PM` and `30/Jul/18 23:33` (English,
/// German, French or Spanish month names), and JavaScript's
/// `Fri Mar 17 2023 21:33:58 GMT+0000 (GMT)`. The time of day is ignored.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = text
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
    {
        return Some(date);
    }
    if let Some(date) = text
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y/%m/%d").ok())
    {
        return Some(date);
    }
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let parts: Vec<&str> = first.split(['/', '-']).collect();
    if let [day, month, year] = parts[..] {
        if let (Ok(day), Some(month), Some(year)) =
            (day.parse(), month_number(month), year_of(year))
        {
            return NaiveDate::from_ymd_opt(year, month, day);
        }
    }
    // JavaScript's Date.toString(): weekday, month, day, year.
    let rest: Vec<&str> = words.take(3).collect();
    if let [month, day, year] = rest[..] {
        if let (Some(month), Ok(day), Ok(year)) = (month_number(month), day.parse(), year.parse()) {
            return NaiveDate::from_ymd_opt(year, month, day);
        }
    }
    None
}

fn year_of(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    match text.len() {
        // Jira's `yy`: the exports are of this century's work.
        2 => Some(2000 + year),
        4 => Some(year),
        _ => None,
    }
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    if name.chars().any(|c| !c.is_alphabetic()) || name.chars().count() < 3 {
        return None;
    }
    // Longer prefixes first where French shares three letters (juin, juillet).
    const MONTHS: &[(&str, u32)] = &[
        ("juin", 6),
        ("juil", 7),
        ("jan", 1),
        ("ene", 1),
        ("feb", 2),
        ("fév", 2),
        ("fev", 2),
        ("mar", 3),
        ("mär", 3),
        ("mrz", 3),
        ("apr", 4),
        ("avr", 4),
        ("abr", 4),
        ("may", 5),
        ("mai", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("aoû", 8),
        ("aou", 8),
        ("ago", 8),
        ("sep", 9),
        ("oct", 10),
        ("okt", 10),
        ("nov", 11),
        ("dec", 12),
        ("dez", 12),
        ("déc", 12),
        ("dic", 12),
    ];
    MONTHS
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map(|&(_, month)| month)
}

/// The largest estimate kept, in working days (the program file's own limit).
const MAX_DAYS: f64 = 100_000.0;

fn number(text: &str) -> Option<f64> {
    let value: f64 = text.trim().replace(',', ".").parse().ok()?;
    value.is_finite().then_some(value)
}

fn whole_days(days: f64) -> Option<u32> {
    if days > 0.0 {
        Some(days.ceil().clamp(1.0, MAX_DAYS) as u32)
    } else {
        None
    }
}

/// Working days from a time estimate in seconds, rounded up; `None` for zero or unreadable.
pub(crate) fn days_from_seconds(text: &str, options: &ImportOptions) -> Option<u32> {
    let hours_per_day = if options.hours_per_day.is_finite() && options.hours_per_day > 0.0 {
        options.hours_per_day
    } else {
        ImportOptions::default().hours_per_day
    };
    whole_days(number(text)? / 3600.0 / hours_per_day)
}

/// Working days from story points, rounded up; `None` for zero or unreadable.
pub(crate) fn days_from_points(text: &str, options: &ImportOptions) -> Option<u32> {
    let per_point = if options.days_per_point.is_finite() && options.days_per_point > 0.0 {
        options.days_per_point
    } else {
        ImportOptions::default().days_per_point
    };
    whole_days(number(text)? * per_point)
}

/// Reads an optional date cell, warning (with the issue's key) when it is not a date.
pub(crate) fn date_cell(
    cell: Option<&str>,
    key: &str,
    what: &str,
    warnings: &mut Vec<String>,
) -> Option<NaiveDate> {
    let cell = cell?;
    let date = parse_date(cell);
    if date.is_none() {
        warnings.push(format!(
            "{key}: the {what} \"{}\" is not a date I can read; left out",
            shorten(cell)
        ));
    }
    date
}

pub(crate) fn shorten(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_string()
    } else {
        let head: String = text.chars().take(40).collect();
        format!("{head}…")
    }
}

/// Keeps the first issue of each key, warning about the rest, and drops links of an issue
/// to itself.
pub(crate) fn finish(
    system: System,
    issues: Vec<ImportedIssue>,
    mut warnings: Vec<String>,
) -> Import {
    let mut seen = HashSet::new();
    let mut kept = Vec::with_capacity(issues.len());
    for mut issue in issues {
        if !seen.insert(issue.key.clone()) {
            warnings.push(format!(
                "{} appears more than once; the first row is used",
                issue.key
            ));
            continue;
        }
        let key = issue.key.clone();
        issue.blocks.retain(|other| *other != key);
        issue.blocked_by.retain(|other| *other != key);
        kept.push(issue);
    }
    Import {
        system,
        issues: kept,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn reads_every_date_shape_trackers_write() {
        assert_eq!(parse_date("23/Nov/26 2:15 PM"), date(2026, 11, 23));
        assert_eq!(parse_date("30/Jul/18 23:33"), date(2018, 7, 30));
        assert_eq!(parse_date("24/Mar/26 12:00 AM"), date(2026, 3, 24));
        assert_eq!(parse_date("2026-11-23"), date(2026, 11, 23));
        assert_eq!(parse_date("2026-11-23T14:15:00.000Z"), date(2026, 11, 23));
        assert_eq!(parse_date("2026-02-25 16:38:58.679"), date(2026, 2, 25));
        assert_eq!(
            parse_date("Fri Mar 17 2023 21:33:58 GMT+0000 (GMT)"),
            date(2023, 3, 17)
        );
        assert_eq!(parse_date("05/Dez/25 09:00"), date(2025, 12, 5));
        assert_eq!(parse_date("05/juil./25 09:00"), date(2025, 7, 5));
    }

    #[test]
    fn impossible_or_foreign_dates_are_none() {
        for text in [
            "",
            "31/Feb/26 1:00 PM",
            "soon",
            "2026-13-01",
            "1/2/3",
            "ééé/ééé/éé",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn statuses_fall_into_three_categories() {
        assert_eq!(
            progress_of_status("Done"),
            Progress::Done { finished: None }
        );
        assert_eq!(
            progress_of_status("Cancelled"),
            Progress::Done { finished: None }
        );
        assert_eq!(
            progress_of_status("In Review"),
            Progress::InProgress { started: None }
        );
        assert_eq!(progress_of_status("Backlog"), Progress::ToDo);
        assert_eq!(progress_of_status("To Do"), Progress::ToDo);
    }

    #[test]
    fn estimates_round_up_to_whole_days() {
        let options = ImportOptions::default();
        assert_eq!(days_from_seconds("28800", &options), Some(1));
        assert_eq!(days_from_seconds("28801", &options), Some(2));
        assert_eq!(days_from_seconds("3600", &options), Some(1));
        assert_eq!(days_from_seconds("0", &options), None);
        assert_eq!(days_from_points("2,5", &options), Some(3));
        assert_eq!(days_from_points("1e300", &options), Some(100_000));
        assert_eq!(days_from_points("NaN", &options), None);
    }
}

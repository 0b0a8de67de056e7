//! A CSV export read as a header row plus records, with columns found by name. Knows
//! nothing of Jira or Linear; never panics on any text.

use std::collections::{HashMap, HashSet};

use super::issue::ImportError;

/// A CSV read as a header row plus records. Names repeat in Jira exports (`Labels`,
/// `Sprint`, link columns), so a name maps to every index it has.
pub(crate) struct Table {
    pub names: Vec<String>,
    columns: HashMap<String, Vec<usize>>,
    /// Each record with its row number as a spreadsheet shows it (the header is row 1).
    pub rows: Vec<(usize, Vec<String>)>,
    pub warnings: Vec<String>,
}

impl Table {
    pub fn read(text: &str) -> Result<Table, ImportError> {
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

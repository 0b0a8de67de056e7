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
        let records: Vec<(usize, Vec<String>)> = records(text)
            .into_iter()
            .enumerate()
            .map(|(index, record)| (index + 1, record))
            .collect();
        // The reader accepts any text, so there is nothing to warn about yet; importers add theirs.
        let warnings = Vec::new();
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

/// Splits CSV text into records of cells as RFC 4180 describes, read leniently exactly as the
/// `csv` crate does with `flexible(true)` (this file's `mod tests` compares the two on
/// random text): `,` between cells; `\r`, `\n` or `\r\n` ends a record and blank lines are
/// skipped; a cell starting with `"` is quoted, `""` inside it is one `"`, and text after its
/// closing quote is kept as it is; an unclosed quote runs to the end. Records may differ in
/// length. A byte-order mark at the start is dropped (as the crate does, so with
/// [`Table::read`]'s own that is up to two). Written by hand because the `csv` crate is
/// kilobytes of download.
fn records(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    #[derive(Clone, Copy, PartialEq)]
    enum At {
        /// Between records: line breaks here are skipped.
        RecordStart,
        CellStart,
        InCell,
        InQuotes,
        /// A `"` inside quotes: the closing quote, or the first of a doubled one.
        QuoteInQuotes,
    }
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut at = At::RecordStart;
    for c in text.chars() {
        at = match (at, c) {
            (At::RecordStart, '\r' | '\n') => At::RecordStart,
            (At::RecordStart | At::CellStart, '"') => At::InQuotes,
            (At::InQuotes, '"') => At::QuoteInQuotes,
            (At::InQuotes, _) => {
                cell.push(c);
                At::InQuotes
            }
            (At::QuoteInQuotes, '"') => {
                cell.push('"');
                At::InQuotes
            }
            (_, ',') => {
                record.push(std::mem::take(&mut cell));
                At::CellStart
            }
            (_, '\r' | '\n') => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
                At::RecordStart
            }
            _ => {
                cell.push(c);
                At::InCell
            }
        };
    }
    if at != At::RecordStart {
        record.push(cell);
        records.push(record);
    }
    records
}

fn normalise(name: &str) -> String {
    name.trim().to_ascii_lowercase()
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::records;

    /// What the `csv` crate reads from this text with the settings the importer used.
    fn csv_crate(text: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|record| record.expect("reads").iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn reads_rfc_4180_and_what_trackers_write() {
        let text = "Key,Summary\r\nPAY-1,\"Quoted, with \"\"quotes\"\"\nand a line\"\r\n\n\nPAY-2,plain \"inner\" quote\n,\n\"unclosed, to the end";
        let expected: Vec<Vec<&str>> = vec![
            vec!["Key", "Summary"],
            vec!["PAY-1", "Quoted, with \"quotes\"\nand a line"],
            vec!["PAY-2", "plain \"inner\" quote"],
            vec!["", ""],
            vec!["unclosed, to the end"],
        ];
        assert_eq!(records(text), expected);
        assert_eq!(records(text), csv_crate(text));
        // The crate drops one byte-order mark at the start (Table::read drops one before).
        assert_eq!(records("\u{feff}\u{feff}a"), vec![vec!["\u{feff}a"]]);
        assert_eq!(records("\u{feff}a"), csv_crate("\u{feff}a"));
        assert!(records("").is_empty());
        assert!(records("\r\n\n\r").is_empty());
    }

    /// Every text of up to seven characters from the ones CSV treats specially (and one it
    /// doesn't) reads exactly as the `csv` crate reads it: every state and transition.
    #[test]
    fn reads_every_short_text_as_the_csv_crate_does() {
        const ALPHABET: [char; 5] = ['a', ',', '"', '\r', '\n'];
        let mut texts = vec![String::new()];
        for _ in 0..7 {
            texts = texts
                .iter()
                .flat_map(|text| ALPHABET.iter().map(move |&c| format!("{text}{c}")))
                .collect();
            for text in &texts {
                assert_eq!(records(text), csv_crate(text), "{text:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        #[test]
        fn reads_longer_texts_as_the_csv_crate_does(
            chars in proptest::collection::vec(
                prop_oneof![
                    Just('a'), Just(','), Just('"'), Just('\r'), Just('\n'), Just(' '),
                    Just('é'), Just('\u{feff}'), Just('\''),
                ],
                0..60,
            )
        ) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(records(&text), csv_crate(&text));
        }
    }
}

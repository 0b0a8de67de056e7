//! The schedule as CSV (docs/format.md#schedule-csv), for spreadsheets. RFC 4180 with CRLF line
//! ends; text cells that a spreadsheet would run as a formula are defused with a `'`.

use chrono::NaiveDate;

/// One scheduled item or dependency, as the CSV export writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleRow {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    /// Total float in working days; negative when late.
    pub float: i64,
    pub critical: bool,
    /// The effective colour's key (`green`, `yellow`, `red`), if any.
    pub colour: Option<String>,
}

/// The header row, in the order of the columns.
pub const HEADER: [&str; 8] = [
    "id", "title", "owner", "start", "finish", "float", "critical", "colour",
];

/// Writes the rows as CSV: the [`HEADER`], then one line per row, every line ending in CRLF.
/// Dates are `YYYY-MM-DD`, `critical` is `yes`/`no`, a missing colour is an empty cell.
/// Text starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` so a
/// spreadsheet shows it instead of evaluating it; the float column stays a number.
/// A cell holding a comma, a quote or a line break is quoted, its quotes doubled (what the
/// `csv` crate writes, byte for byte: this file's `mod tests` compares the two; written by hand because
/// the crate's writer is kilobytes of download for eight columns).
pub fn schedule_csv(rows: &[ScheduleRow]) -> String {
    let mut out = String::new();
    write_record(&mut out, HEADER.map(String::from));
    for row in rows {
        write_record(
            &mut out,
            [
                defuse(&row.id),
                defuse(&row.title),
                defuse(&row.owner),
                // `Display` is `%Y-%m-%d`.
                row.start.to_string(),
                row.finish.to_string(),
                row.float.to_string(),
                (if row.critical { "yes" } else { "no" }).to_string(),
                row.colour.as_deref().map(defuse).unwrap_or_default(),
            ],
        );
    }
    out
}

fn write_record(out: &mut String, cells: [String; 8]) {
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn formula_cells_get_an_apostrophe() {
        assert_eq!(defuse("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(defuse("@cmd"), "'@cmd");
        assert_eq!(defuse("PAY-1"), "PAY-1");
    }

    /// The export as the `csv` crate wrote it before it was written by hand.
    fn with_csv_crate(rows: &[ScheduleRow]) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        writer.write_record(HEADER).unwrap();
        for row in rows {
            writer
                .write_record([
                    defuse(&row.id),
                    defuse(&row.title),
                    defuse(&row.owner),
                    row.start.format("%Y-%m-%d").to_string(),
                    row.finish.format("%Y-%m-%d").to_string(),
                    row.float.to_string(),
                    (if row.critical { "yes" } else { "no" }).to_string(),
                    row.colour.as_deref().map(defuse).unwrap_or_default(),
                ])
                .unwrap();
        }
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just('a'),
                Just(','),
                Just('"'),
                Just('\r'),
                Just('\n'),
                Just(' '),
                Just('='),
                Just('+'),
                Just('-'),
                Just('@'),
                Just('\t'),
                Just('\''),
                Just('é'),
            ],
            0..12,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    fn row() -> impl Strategy<Value = ScheduleRow> {
        (
            (text(), text(), text()),
            (-1_000_000i32..1_000_000, 0i64..400),
            (-100i64..100, any::<bool>(), proptest::option::of(text())),
        )
            .prop_map(
                |((id, title, owner), (day, length), (float, critical, colour))| {
                    let start = NaiveDate::from_num_days_from_ce_opt(day).unwrap();
                    ScheduleRow {
                        id,
                        title,
                        owner,
                        start,
                        finish: start + chrono::Days::new(length as u64),
                        float,
                        critical,
                        colour,
                    }
                },
            )
    }

    #[test]
    fn an_empty_schedule_is_the_header_line() {
        assert_eq!(
            schedule_csv(&[]),
            "id,title,owner,start,finish,float,critical,colour\r\n"
        );
        assert_eq!(schedule_csv(&[]), with_csv_crate(&[]));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]

        #[test]
        fn writes_what_the_csv_crate_wrote(rows in proptest::collection::vec(row(), 0..6)) {
            prop_assert_eq!(schedule_csv(&rows), with_csv_crate(&rows));
        }
    }
}

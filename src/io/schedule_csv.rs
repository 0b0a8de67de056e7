//! The schedule as CSV (SPEC §6) for spreadsheets and other tools. RFC 4180 with CRLF line
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
pub fn schedule_csv(rows: &[ScheduleRow]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail, so errors are only possible in theory; a partial
    // file is still better than none.
    let _ = writer.write_record(HEADER);
    for row in rows {
        let record = [
            defuse(&row.id),
            defuse(&row.title),
            defuse(&row.owner),
            row.start.format("%Y-%m-%d").to_string(),
            row.finish.format("%Y-%m-%d").to_string(),
            row.float.to_string(),
            (if row.critical { "yes" } else { "no" }).to_string(),
            row.colour.as_deref().map(defuse).unwrap_or_default(),
        ];
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
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
    use super::*;

    #[test]
    fn formula_cells_get_an_apostrophe() {
        assert_eq!(defuse("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(defuse("@cmd"), "'@cmd");
        assert_eq!(defuse("PAY-1"), "PAY-1");
    }
}

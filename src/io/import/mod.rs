//! Tracker data read into one common shape, [`Import`], that `merge` applies to a program:
//! Jira and Linear CSV exports here, live pulls in `io::pull`. Exports vary by instance,
//! locale and field set, so reading is lenient and reports what it skipped as warnings; it
//! never panics on any text.
//!
//! Dependencies run one way: `issue` (the shapes) ← `values`, `dates`, `table` (readers of
//! cells) ← `jira_csv`, `linear_csv` (the exports) ← this file (telling them apart).

mod dates;
mod issue;
mod jira_csv;
mod linear_csv;
mod table;
mod values;

pub use dates::parse_date;
pub use issue::{Import, ImportError, ImportOptions, ImportedIssue, Progress, System};

pub(crate) use dates::date_cell;
pub(crate) use issue::finish;
pub(crate) use values::{points_to_days, progress_of_status, seconds_to_days};

use table::Table;

/// Reads a Jira ("all fields" or "current fields") or Linear CSV export, telling which
/// from the header row. Rows without a key are skipped with a warning naming the row; a
/// value that cannot be read (a date, a number) is left out with a warning naming the key.
pub fn import_csv(text: &str, options: &ImportOptions) -> Result<Import, ImportError> {
    let table = Table::read(text)?;
    if table.has(jira_csv::KEY) {
        Ok(jira_csv::read(&table, options))
    } else if table.has(linear_csv::KEY) {
        Ok(linear_csv::read(&table, options))
    } else {
        let first: Vec<&str> = table.names.iter().take(6).map(String::as_str).collect();
        Err(ImportError::NotAnExport(first.join(", ")))
    }
}

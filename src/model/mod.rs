//! The program file (format `throughline/1`): types, validation and migration.
//! Pure data: no clock, no browser.

mod migrate;
mod types;
mod validate;

pub use migrate::migrate;
pub use types::*;
pub use validate::{check_program, read_program, read_program_value, Loaded, Problem, ReadError, Severity};

/// Writes a program as pretty JSON (the `.json` export and what is stored).
pub fn write_program(program: &Program) -> String {
    serde_json::to_string_pretty(program).unwrap_or_default()
}

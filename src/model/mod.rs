//! The program file (format `throughline/1`): types, validation, migration and edits.
//! Pure data: no clock, no browser.

pub mod edit;
pub mod edit_status;
mod example;
mod migrate;
mod problem;
mod types;
mod validate;

pub use example::example_program;
pub use migrate::migrate;
pub use problem::{Problem, Severity};
pub use types::*;
pub use validate::{check_program, read_program, read_program_value, Loaded, ReadError};

/// Writes a program as pretty JSON (the `.json` export).
pub fn write_program(program: &Program) -> String {
    serde_json::to_string_pretty(program).unwrap_or_default()
}

/// Writes a program as compact JSON (what is stored and shared).
pub fn write_program_compact(program: &Program) -> String {
    serde_json::to_string(program).unwrap_or_default()
}

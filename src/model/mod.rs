//! The program file (format `throughline/2`): types, validation, migration and edits.
//! Pure data: no clock, no browser.

pub mod edit;
mod example;
mod migrate;
mod names;
mod problem;
mod report;
mod text;
mod types;
mod validate;

pub use example::example_program;
pub use migrate::migrate;
pub use problem::{Problem, Severity};
pub use text::{Part, Sentence};
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

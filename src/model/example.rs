//! TEMPORARY (uncommitted) until the example branch lands.
use super::{read_program, Program};
pub fn example_program() -> Program {
    read_program(include_str!("../../tests/fixtures/spec-example.json"))
        .map(|l| l.program)
        .unwrap_or_else(|_| {
            Program::new(
                "x",
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            )
        })
}

//! The built-in example a first-time visitor sees (docs/architecture.md#model): a payments launch
//! across five teams, as of its weekly status on Friday 20 Nov 2026, with external
//! dependencies, risks, decisions and five weeks of status history — including one
//! mobile item Yellow since 6 Nov without movement, which the staleness rule turns Red.
//!
//! The program lives in `example.json`, a plain `throughline/2` file; `tests/example.rs`
//! guarantees it reads without errors or warnings.

use super::{read_program, Program};

const EXAMPLE: &str = include_str!("example.json");

/// The example program. Never panics: were the embedded file ever unreadable (the tests
/// rule this out), an empty program of the same name is returned instead.
pub fn example_program() -> Program {
    read_program(EXAMPLE)
        .map(|loaded| loaded.program)
        .unwrap_or_else(|_| {
            Program::new(
                "Payments platform launch",
                chrono::NaiveDate::from_ymd_opt(2026, 9, 7).unwrap_or_default(),
            )
        })
}

//! A problem found in a program file, located by the ids and fields it concerns. Reading
//! (`validate`) and migrating (`migrate`) both report with it, so neither depends on the other.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong with a program, located by the ids and fields it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// Where: e.g. `items[PAY-7].after[1]` or `target`.
    pub place: String,
    pub message: String,
}

impl Problem {
    pub(crate) fn error(place: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            place: place.into(),
            message: message.into(),
        }
    }

    pub(crate) fn warning(place: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

//! The program file (format `throughline/2`): types, validation, migration and edits.
//! Pure data: no clock, no browser.

pub mod dates;
#[macro_use]
mod record;
pub mod edit;
mod example;
mod from_json;
mod lookup;
mod migrate;
mod names;
mod problem;
mod report;
mod shared;
mod text;
mod types;
pub mod uid;
mod validate;

pub use example::example_program;
pub use from_json::program as program_from_value;
pub use lookup::Lookup;
pub use migrate::migrate;
pub use problem::{Problem, Severity};
pub use record::{FieldSpec, Shape};
pub use text::{Part, Sentence};
pub use types::*;
pub use validate::{check_program, read_program, read_program_value, Loaded, ReadError};

/// Letters and digits of `text` in lower case, every other run of characters one dash
/// ("Payments Core / EU" → `payments-core-eu`); `fallback` when nothing is left. For ids
/// made from names and for file names.
pub fn slug(text: &str, fallback: &str) -> String {
    let lowered: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = lowered
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// Writes a program as pretty JSON (the `.json` export), exactly as
/// `serde_json::to_string_pretty` would (tested): the compact text, indented. So the
/// download carries one writer of the program types, not a second, pretty one.
pub fn write_program(program: &Program) -> String {
    indent_json(&write_program_compact(program))
}

/// Compact JSON text laid out as serde_json's pretty printer does: two spaces per level,
/// one value per line, `": "` between key and value, empty lists and objects as `[]`, `{}`.
fn indent_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// A program as a JSON value, through its text: the app already writes and reads JSON text,
/// and serde's value serializer would add a second copy of every program type's writer
/// (about 5 KB of the download). Numbers come back exactly: they are written shortest
/// round-trip.
pub fn program_value(program: &Program) -> serde_json::Value {
    serde_json::from_str(&write_program_compact(program)).unwrap_or(serde_json::Value::Null)
}

/// Writes a program as compact JSON (what is stored and shared).
pub fn write_program_compact(program: &Program) -> String {
    serde_json::to_string(program).unwrap_or_default()
}

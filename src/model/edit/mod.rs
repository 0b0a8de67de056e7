//! Edits from the UI as plain functions over the program: an entity addressed by its id
//! (never by position, so a delete here or another tab's change can't make an edit land on
//! the wrong entry), a field, the text the person typed, and either the change applied or
//! a typed error that names the field. The program is left as it was when an edit is
//! refused. Pure: no clock (dates are arguments), no browser.

mod item;
mod program;
mod register;
mod report;
mod risk;
mod status;
mod team;

pub use item::*;
pub use program::*;
pub use register::*;
pub use report::*;
pub use risk::*;
pub use status::*;
pub use team::*;

/// The editable fields of each entity, declared with the entity (model/record.rs).
pub use crate::model::types::{DecisionField, DependencyField, ItemField, RiskField, TeamField};

use chrono::NaiveDate;

use super::types::{Link, LinkType, Program};

/// Why an edit was refused. The UI shows a field's error beside that field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The value typed is not one the field can take; `field` is the label shown beside it.
    #[error("{field}: {message}")]
    Field {
        field: &'static str,
        message: String,
    },
    /// The entity the edit addressed is not in the program (any more).
    #[error("{what} {id} no longer exists — it was deleted, perhaps in another tab. Nothing was changed.")]
    Gone { what: &'static str, id: String },
    /// A rule about the program as a whole.
    #[error("{0}")]
    Rule(String),
}

impl EditError {
    /// A value refused for `field`.
    pub fn field(field: &'static str, message: impl Into<String>) -> EditError {
        EditError::Field {
            field,
            message: message.into(),
        }
    }

    /// The entity `id` (an item, a dependency, …) is gone.
    pub fn gone(what: &'static str, id: &str) -> EditError {
        EditError::Gone {
            what,
            id: id.to_string(),
        }
    }

    /// What to say beside the field: the message without the field's name in front.
    pub fn beside_field(&self) -> String {
        match self {
            EditError::Field { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }
}

/// Trimmed text, `None` when blank.
pub fn optional_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Trimmed text that must not be blank.
pub fn required_text(text: &str, field: &'static str, why: &str) -> Result<String, EditError> {
    optional_text(text).ok_or_else(|| EditError::field(field, why))
}

/// Reads a date typed as `YYYY-MM-DD`; empty text is `None`.
pub fn parse_optional_date(
    text: &str,
    field: &'static str,
) -> Result<Option<NaiveDate>, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_ymd(text, '-').map(Some).ok_or_else(|| {
        EditError::field(field, format!("\"{text}\" is not a date (use YYYY-MM-DD)"))
    })
}

/// Reads a date written year, month, day with this separator (`2026-11-23` with `-`),
/// accepting exactly what chrono's `NaiveDate::parse_from_str(text, "%Y-%m-%d")` accepts
/// (tested against it): whitespace before each number, 1–4 digits of year or a signed year
/// of any length, 1–2 digits of month and day, and nothing after the day. Written by hand
/// because chrono's format-string parser is several kilobytes of the download.
pub fn parse_ymd(text: &str, separator: char) -> Option<NaiveDate> {
    /// The leading ASCII digits (at least one, at most `max`) as a number, and the rest.
    fn digits(text: &str, max: usize) -> Option<(i64, &str)> {
        let count = text
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        let value = text.as_bytes()[..count].iter().try_fold(0i64, |n, d| {
            n.checked_mul(10)?.checked_add(i64::from(d - b'0'))
        })?;
        (count > 0).then_some((value, &text[count..]))
    }
    let text = text.trim_start();
    let (year, rest) = match text.strip_prefix('-') {
        Some(digits_after) => digits(digits_after, usize::MAX).map(|(n, rest)| (-n, rest))?,
        None => match text.strip_prefix('+') {
            Some(digits_after) => digits(digits_after, usize::MAX)?,
            None => digits(text, 4)?,
        },
    };
    let (month, rest) = digits(rest.strip_prefix(separator)?.trim_start(), 2)?;
    let (day, rest) = digits(rest.strip_prefix(separator)?.trim_start(), 2)?;
    if !rest.is_empty() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month as u32, day as u32)
}

/// Reads a whole number of working days (0 to 10,000); empty text is `None`.
pub fn parse_optional_days(text: &str, field: &'static str) -> Result<Option<u32>, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if n <= 10_000 => Ok(Some(n)),
        _ => Err(EditError::field(
            field,
            format!("\"{text}\" is not a whole number of working days (0 to 10000)"),
        )),
    }
}

/// Reads a decimal number as people and trackers write one: `5`, `-2.5`, `.5`, `3e2`, with
/// blanks around it ignored; anything else (including `NaN` and `inf`) is `None`. Exact for
/// up to 15 significant digits and powers of ten up to ±22 (every estimate, story point and
/// header value the app meets); beyond that, within a rounding of the nearest value. Written
/// out because `f64::from_str` weighs about 14 KB in the download.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (number, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut scale: i64 = 0;
    for (digits, in_fraction) in [(whole, false), (fraction, true)] {
        for c in digits.bytes() {
            if !c.is_ascii_digit() {
                return None;
            }
            if mantissa < 100_000_000_000_000_000 {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                if in_fraction {
                    scale -= 1;
                }
            } else if !in_fraction {
                scale += 1;
            }
        }
    }
    if let Some(exponent) = exponent {
        let (sign, digits) = match exponent.as_bytes().first()? {
            b'-' => (-1, &exponent[1..]),
            b'+' => (1, &exponent[1..]),
            _ => (1, exponent),
        };
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let value: i64 = digits.get(..digits.len().min(6))?.parse().ok()?;
        scale += sign * value;
    }
    let mut value = mantissa as f64;
    let mut power = scale.clamp(-400, 400) as i32;
    // Powers of ten up to 22 are exact in an f64; divide and multiply in such steps.
    while power != 0 {
        let step = power.clamp(-22, 22);
        let factor = 10f64.powi(step.abs());
        value = if step < 0 {
            value / factor
        } else {
            value * factor
        };
        power -= step;
    }
    Some(if negative { -value } else { value })
}

/// A whole number that must be there.
pub fn required_days(text: &str, field: &'static str) -> Result<u32, EditError> {
    parse_optional_days(text, field)?.ok_or_else(|| EditError::field(field, "a number is needed"))
}

/// A list typed with a separator: trimmed entries, blanks dropped.
pub fn split_list(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A date as an edit box shows it; empty for none.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A number as an edit box shows it; empty for none.
pub fn days_text(days: Option<u32>) -> String {
    days.map(|d| d.to_string()).unwrap_or_default()
}

/// Formats links as the person types them: `VEND-1, PAY-0 SS+2, QA-3 FF-1`.
pub fn format_links(links: &[Link]) -> String {
    links
        .iter()
        .map(|link| {
            let mut text = link.id.clone();
            if link.link_type != LinkType::FS || link.lag != 0 {
                text.push(' ');
                text.push_str(link.link_type.key());
            }
            if link.lag > 0 {
                text.push_str(&format!("+{}", link.lag));
            } else if link.lag < 0 {
                text.push_str(&link.lag.to_string());
            }
            text
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads links typed as `ID`, `ID SS`, `ID SS+2`, `ID FS-1` separated by commas.
pub fn parse_links(text: &str) -> Result<Vec<Link>, EditError> {
    const FIELD: &str = "After";
    let mut links = Vec::new();
    for part in text.split([',', ';']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let mut words = part.split_whitespace();
        let id = words.next().unwrap_or_default().to_string();
        let mut link = Link::after(&id);
        if let Some(spec) = words.next() {
            let upper = spec.to_ascii_uppercase();
            let (kind, lag) = upper.split_at(upper.len().min(2));
            link.link_type = LinkType::from_key(kind).ok_or_else(|| {
                EditError::field(
                    FIELD,
                    format!(
                        "\"{part}\" — the link type must be FS, SS, FF or SF, e.g. \"{id} SS+2\""
                    ),
                )
            })?;
            if !lag.is_empty() {
                link.lag = lag
                    .parse::<i32>()
                    .ok()
                    .filter(|lag| lag.unsigned_abs() <= 10_000)
                    .ok_or_else(|| {
                        EditError::field(
                            FIELD,
                            format!("\"{part}\" — the lag must be whole working days, e.g. \"{id} FS+2\" or \"{id} FS-1\""),
                        )
                    })?;
            }
        }
        if words.next().is_some() {
            return Err(EditError::field(
                FIELD,
                format!("\"{part}\" — write one link as \"ID\" or \"ID SS+2\", links separated by commas"),
            ));
        }
        links.push(link);
    }
    Ok(links)
}

/// Checks a new id: not empty, not used by anything else in the program's one namespace.
pub fn check_new_id(program: &Program, old: &str, new: &str) -> Result<(), EditError> {
    if new.is_empty() {
        return Err(EditError::field("Id", "an id cannot be empty"));
    }
    if new != old && program.all_ids().any(|id| id == new) {
        return Err(EditError::field(
            "Id",
            format!("{new} is already used in this program"),
        ));
    }
    Ok(())
}

/// Points every link, risk, decision and team reference at `new_id` instead of `old_id`.
pub fn rename_references(program: &mut Program, old_id: &str, new_id: &str) {
    let rename = |slot: &mut String| {
        if slot == old_id {
            *slot = new_id.to_string();
        }
    };
    // Only entities that refer to it are written: the others stay shared with the program
    // before the edit (model/shared.rs).
    for item in &mut program.items {
        if item.after.iter().any(|link| link.id == old_id) || item.team.as_deref() == Some(old_id) {
            item.after.iter_mut().for_each(|link| rename(&mut link.id));
            item.team.iter_mut().for_each(rename);
        }
    }
    for risk in &mut program.risks {
        if risk.affects.iter().any(|a| a == old_id) || risk.decision.as_deref() == Some(old_id) {
            risk.affects.iter_mut().for_each(rename);
            risk.decision.iter_mut().for_each(rename);
        }
    }
}

/// Removes every link and risk reference to a deleted item or dependency `id`, writing only
/// the entities that had one.
pub(crate) fn forget_references(program: &mut Program, id: &str) {
    for item in &mut program.items {
        if item.after.iter().any(|link| link.id == id) {
            item.after.retain(|link| link.id != id);
        }
    }
    for risk in &mut program.risks {
        if risk.affects.iter().any(|affected| affected == id) {
            risk.affects.retain(|affected| affected != id);
        }
    }
}

/// An id like `taken_id` that is not in `taken`: `NEW-1` → `NEW-2`, `NEW-3`, …; an id
/// without a number gets one (`web` → `web-2`).
pub fn free_id_like(taken_id: &str, taken: &std::collections::HashSet<String>) -> String {
    let prefix = match taken_id.rsplit_once('-') {
        Some((prefix, number))
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            prefix
        }
        _ => taken_id,
    };
    (2..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_else(|| format!("{prefix}-x"))
}

/// An entity whose id can be set.
pub trait Renamable {
    fn set_id(&mut self, id: &str);
}

macro_rules! renamable {
    ($($t:ty),+) => {$(
        impl Renamable for $t {
            fn set_id(&mut self, id: &str) {
                self.id = id.to_string();
            }
        }
    )+};
}

renamable!(
    crate::model::Item,
    crate::model::Dependency,
    crate::model::Risk,
    crate::model::Decision,
    crate::model::Team
);

/// A fresh id with this prefix not yet used in the program: `NEW-1`, `NEW-2`, …
pub fn next_free_id(program: &Program, prefix: &str) -> String {
    (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|candidate| !program.all_ids().any(|id| id == candidate))
        .unwrap_or_else(|| prefix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A date for the edit modules' tests.
    pub(super) fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn links_round_trip_through_their_text_form() {
        let text = "A, B SS+2, C FF-1, D SF";
        let links = parse_links(text).unwrap();
        assert_eq!(links.len(), 4);
        assert_eq!(links[1].link_type, LinkType::SS);
        assert_eq!(links[1].lag, 2);
        assert_eq!(links[2].lag, -1);
        assert_eq!(format_links(&links), text);
    }

    #[test]
    fn a_bad_link_type_says_what_to_write_beside_the_field() {
        let err = parse_links("A XX+2").unwrap_err();
        assert!(matches!(err, EditError::Field { field: "After", .. }));
        assert!(err.beside_field().contains("FS, SS, FF or SF"), "{err}");
        assert!(err.to_string().starts_with("After: "));
    }

    #[test]
    fn numbers_read_as_the_standard_library_reads_them() {
        for text in [
            "5",
            "-2.5",
            ".5",
            "5.",
            "3e2",
            "1E-3",
            " 42 ",
            "+7",
            "0.1",
            "123456.789",
            "2.5e+1",
            "1e300",
        ] {
            let ours = parse_number(text).unwrap_or(f64::NAN);
            let std: f64 = text.trim().parse().unwrap();
            assert!(
                (ours - std).abs() <= std.abs() * 1e-15,
                "{text}: {ours} vs {std}"
            );
        }
        for text in [
            "", "-", ".", "e5", "1e", "1.2.3", "NaN", "inf", "12a", "1e+",
        ] {
            assert_eq!(parse_number(text), None, "{text}");
        }
    }

    #[test]
    fn days_must_be_a_whole_number() {
        let err = parse_optional_days("2.5", "Days").unwrap_err();
        assert!(err.to_string().contains("whole number"));
        assert_eq!(parse_optional_days(" 7 ", "Days").unwrap(), Some(7));
    }
}

//! The dates trackers write, read leniently into calendar days. The time of day and the
//! time zone are dropped: the program counts whole working days.

use chrono::NaiveDate;

use super::values::shorten;
use crate::model::edit::parse_ymd;

/// Reads the dates trackers write: ISO (`2026-11-23`, `2026-11-23T14:15:00.000Z`,
/// `2026-02-25 16:38:58.679`), Jira's `23/Nov/26 2:15 PM` and `30/Jul/18 23:33` (English,
/// German, French or Spanish month names), and JavaScript's
/// `Fri Mar 17 2023 21:33:58 GMT+0000 (GMT)`. The time of day is ignored.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = text.get(..10).and_then(|head| parse_ymd(head, '-')) {
        return Some(date);
    }
    if let Some(date) = text.get(..10).and_then(|head| parse_ymd(head, '/')) {
        return Some(date);
    }
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let parts: Vec<&str> = first.split(['/', '-']).collect();
    if let [day, month, year] = parts[..] {
        if let (Ok(day), Some(month), Some(year)) =
            (day.parse(), month_number(month), year_of(year))
        {
            return NaiveDate::from_ymd_opt(year, month, day);
        }
    }
    // JavaScript's Date.toString(): weekday, month, day, year.
    let rest: Vec<&str> = words.take(3).collect();
    if let [month, day, year] = rest[..] {
        if let (Some(month), Ok(day), Ok(year)) = (month_number(month), day.parse(), year.parse()) {
            return NaiveDate::from_ymd_opt(year, month, day);
        }
    }
    None
}

fn year_of(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    match text.len() {
        // Jira's `yy`: the exports are of this century's work.
        2 => Some(2000 + year),
        4 => Some(year),
        _ => None,
    }
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name.chars().any(|c| !c.is_alphabetic()) || name.chars().count() < 3 {
        return None;
    }
    // Longer prefixes first where French shares three letters (juin, juillet).
    const MONTHS: &[(&str, u32)] = &[
        ("juin", 6),
        ("juil", 7),
        ("jan", 1),
        ("ene", 1),
        ("feb", 2),
        ("fév", 2),
        ("fev", 2),
        ("mar", 3),
        ("mär", 3),
        ("mrz", 3),
        ("apr", 4),
        ("avr", 4),
        ("abr", 4),
        ("may", 5),
        ("mai", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("aoû", 8),
        ("aou", 8),
        ("ago", 8),
        ("sep", 9),
        ("oct", 10),
        ("okt", 10),
        ("nov", 11),
        ("dec", 12),
        ("dez", 12),
        ("déc", 12),
        ("dic", 12),
    ];
    MONTHS
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map(|&(_, month)| month)
}

/// Reads an optional date value, warning (with the key) when it is not a date.
pub(crate) fn date_cell(
    cell: Option<&str>,
    key: &str,
    what: &str,
    warnings: &mut Vec<String>,
) -> Option<NaiveDate> {
    let cell = cell?;
    let date = parse_date(cell);
    if date.is_none() {
        warnings.push(format!(
            "{key}: the {what} \"{}\" is not a date I can read; left out",
            shorten(cell)
        ));
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn reads_every_date_shape_trackers_write() {
        assert_eq!(parse_date("23/Nov/26 2:15 PM"), date(2026, 11, 23));
        assert_eq!(parse_date("30/Jul/18 23:33"), date(2018, 7, 30));
        assert_eq!(parse_date("24/Mar/26 12:00 AM"), date(2026, 3, 24));
        assert_eq!(parse_date("2026-11-23"), date(2026, 11, 23));
        assert_eq!(parse_date("2026-11-23T14:15:00.000Z"), date(2026, 11, 23));
        assert_eq!(parse_date("2026-02-25 16:38:58.679"), date(2026, 2, 25));
        assert_eq!(
            parse_date("Fri Mar 17 2023 21:33:58 GMT+0000 (GMT)"),
            date(2023, 3, 17)
        );
        assert_eq!(parse_date("05/Dez/25 09:00"), date(2025, 12, 5));
        assert_eq!(parse_date("05/juil./25 09:00"), date(2025, 7, 5));
    }

    #[test]
    fn impossible_or_foreign_dates_are_none() {
        for text in [
            "",
            "31/Feb/26 1:00 PM",
            "soon",
            "2026-13-01",
            "1/2/3",
            "ééé/ééé/éé",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}

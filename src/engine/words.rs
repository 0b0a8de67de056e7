//! One voice: every date, day count, percentage, colour and name the app shows is phrased
//! here, once, so the screen, the Markdown copy and the print say the same words.
//! Pure: no clock (the status date is an argument), no browser, never panics.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::model::Colour;

/// Dates further than this from the status date carry their year even where short dates
/// are fine, so "5 Feb" is never read as the wrong February.
const SHORT_DATE_SPAN_DAYS: i64 = 180;

/// "15 Jan 2027" (chrono's `%-d %b %Y`).
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {}", short_date(date), year(date))
}

/// "26 Nov" (chrono's `%-d %b`).
pub fn short_date(date: NaiveDate) -> String {
    format!("{} {}", date.day(), month(date))
}

/// "Nov 2026" (chrono's `%b %Y`), e.g. a timeline's month ticks.
pub fn month_year(date: NaiveDate) -> String {
    format!("{} {}", month(date), year(date))
}

// The dates are written by hand, not with chrono's `format`: its format-string machinery is
// several kilobytes of the download. The output is chrono's, byte for byte (tests/dates.rs).

/// The English short month name, as chrono's `%b`.
fn month(date: NaiveDate) -> &'static str {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    MONTHS[date.month0() as usize]
}

/// The year as chrono's `%Y`: four digits from 0 to 9999, signed outside.
fn year(date: NaiveDate) -> String {
    let year = date.year();
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        format!("{year:+05}")
    }
}

/// Short when within about six months of `as_of`, with the year when further away.
pub fn near_date(date: NaiveDate, as_of: NaiveDate) -> String {
    if days_between(as_of, date).abs() <= SHORT_DATE_SPAN_DAYS {
        short_date(date)
    } else {
        long_date(date)
    }
}

/// Calendar days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// A drawing's coordinate or size with at most one decimal ("12.5", "-3", "640").
pub fn tenths(x: f64) -> String {
    decimal(x, 1)
}

/// `x` rounded to at most `places` decimals (at most 6), trailing zeros dropped ("0.25",
/// "2", "-1.5"), written with whole-number arithmetic: Rust's float formatter is several
/// kilobytes of the download. Anything not finite, or too large to be a count, reads "0".
pub fn decimal(x: f64, places: u32) -> String {
    let places = places.min(6);
    let scale = 10u64.pow(places);
    let scaled = (x * scale as f64).round();
    if !scaled.is_finite() || scaled.abs() >= 9e15 {
        return "0".to_string();
    }
    let scaled = scaled as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, fraction) = (scaled.unsigned_abs() / scale, scaled.unsigned_abs() % scale);
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{fraction:0width$}", width = places as usize);
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// A share as a whole percentage, rounded down so 79.6 % never reads as the 80 % threshold
/// it has not reached: "72 %". Anything not finite reads "0 %".
pub fn percent(share: f64) -> String {
    format!("{} %", whole_percent(share))
}

/// The whole percentage [`percent`] writes, as a number (0 to 100).
pub fn whole_percent(share: f64) -> u32 {
    if share.is_finite() {
        (share * 100.0).floor().clamp(0.0, 100.0) as u32
    } else {
        0
    }
}

/// "1 working day", "10 working days", "-3 working days".
pub fn working_days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} working day")
    } else {
        format!("{n} working days")
    }
}

/// "1 day", "14 days".
pub fn calendar_days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// A signed move in working days: "+5 working days", "-1 working day", "0 working days".
pub fn working_days_moved(n: i64) -> String {
    if n > 0 {
        format!("+{}", working_days(n))
    } else {
        working_days(n)
    }
}

/// Relative to the status date: "today", "in 6 days", "6 days ago".
pub fn relative_days(days_from_as_of: i64) -> String {
    match days_from_as_of {
        0 => "today".to_string(),
        n if n > 0 => format!("in {}", calendar_days(n)),
        n => format!("{} ago", calendar_days(-n)),
    }
}

/// How long ago `then` was at `now`, for provenance ("pulled from Linear 2 h ago"): "just
/// now" under a minute (and for a `then` after `now`, a clock that moved back), then
/// minutes, hours, days and weeks, each rounded down so an age is never overstated.
pub fn time_ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - then).num_minutes();
    let hours = minutes / 60;
    let days = hours / 24;
    match minutes {
        ..=0 => "just now".to_string(),
        1..=59 => format!("{minutes} min ago"),
        _ if hours < 24 => format!("{hours} h ago"),
        _ if days < 14 => format!("{} ago", calendar_days(days)),
        _ if days < 70 => format!("{} weeks ago", days / 7),
        _ => format!("{} months ago", days / 30),
    }
}

/// A deadline relative to the status date: "6 days left", "due today", "3 days overdue".
pub fn deadline(days_left: i64) -> String {
    match days_left {
        0 => "due today".to_string(),
        n if n > 0 => format!("{} left", calendar_days(n)),
        n => format!("{} overdue", calendar_days(-n)),
    }
}

/// A colour's name: "Green", "Yellow", "Red".
pub fn colour(colour: Colour) -> &'static str {
    match colour {
        Colour::Green => "Green",
        Colour::Yellow => "Yellow",
        Colour::Red => "Red",
    }
}

/// A colour with the icon that makes it readable without colour: "✓ Green", "▲ Yellow",
/// "■ Red", "○ No status".
pub fn colour_badge(colour: Option<Colour>) -> &'static str {
    match colour {
        Some(Colour::Green) => "✓ Green",
        Some(Colour::Yellow) => "▲ Yellow",
        Some(Colour::Red) => "■ Red",
        None => "○ No status",
    }
}

/// One letter per colour for a history strip: "G", "Y", "R", "–".
pub fn colour_letter(colour: Option<Colour>) -> &'static str {
    match colour {
        Some(Colour::Green) => "G",
        Some(Colour::Yellow) => "Y",
        Some(Colour::Red) => "R",
        None => "–",
    }
}

/// Float as words beside the number: "◆ critical (0)", "◇ near-critical (3)", "12".
pub fn float(total_float: i64, critical: bool, near_critical: bool) -> String {
    if critical {
        "◆ critical (0)".into()
    } else if near_critical {
        format!("◇ near-critical ({total_float})")
    } else {
        total_float.to_string()
    }
}

/// The longest run of characters without a space a sentence quotes whole: longer ones (a
/// pasted URL, a key held down) are cut with "…" so one never takes over a page.
const LONGEST_WORD: usize = 60;

/// User text inside a sentence: one line, no trailing full stop (the sentence adds its own),
/// any run longer than [`LONGEST_WORD`] characters cut short.
pub fn clause(text: &str) -> String {
    let one_line = text
        .split_whitespace()
        .map(|word| {
            if word.chars().count() > LONGEST_WORD {
                let cut: String = word.chars().take(LONGEST_WORD).collect();
                format!("{cut}…")
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    one_line.trim_end_matches(['.', ' ']).to_string()
}

/// Lower-cases a leading capital so user text reads inside a sentence ("Fall back…" →
/// "fall back…"), but leaves acronyms and names like "API" or "SSO" alone.
pub fn inline_case(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second))
            if first.is_ascii_uppercase() && second.is_ascii_lowercase() =>
        {
            // ASCII case only: Unicode case tables would add 12 KB to the download.
            first.to_ascii_lowercase().to_string() + &text[first.len_utf8()..]
        }
        _ => text.to_string(),
    }
}

/// "Integrate payments API (PAY-1)", or just the id when the title is blank.
pub fn named(id: &str, title: &str) -> String {
    let title = clause(title);
    if title.is_empty() {
        id.to_string()
    } else {
        format!("{title} ({id})")
    }
}

/// "PAY-1 Integrate payments API", id first, as lists and the timeline label things.
pub fn labelled(id: &str, title: &str) -> String {
    let title = clause(title);
    if title.is_empty() {
        id.to_string()
    } else {
        format!("{id} {title}")
    }
}

/// Text that is there and not only blanks, trimmed.
pub fn non_blank(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// Ids for a sentence, naming at most `shown` of them: "PAY-1, PAY-2 and 3 more".
pub fn id_list(ids: &[String], shown: usize) -> String {
    let mut text = ids
        .iter()
        .take(shown)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > shown {
        text.push_str(&format!(" and {} more", ids.len() - shown));
    }
    text
}

/// A whole number with thousands separated: "10,000".
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 item", "3 items".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn tenths_write_one_decimal_without_the_float_formatter() {
        for (x, text) in [
            (640.0, "640"),
            (12.25, "12.3"),
            (12.04, "12"),
            (0.05, "0.1"),
            (-3.0, "-3"),
            (-0.04, "0"),
            (-2.46, "-2.5"),
            (1e12, "1000000000000"),
            (1e300, "0"),
            (f64::NAN, "0"),
            (f64::INFINITY, "0"),
        ] {
            assert_eq!(tenths(x), text, "{x}");
        }
        for n in -2000..2000 {
            let x = f64::from(n) / 10.0;
            assert_eq!(tenths(x), format!("{x}"), "{x}");
        }
        for n in -20_000..20_000 {
            let x = f64::from(n) / 1000.0;
            assert_eq!(decimal(x, 3), format!("{x}"), "{x}");
        }
        assert_eq!(decimal(0.125, 2), "0.13");
        assert_eq!(decimal(2.0 / 3.0, 6), "0.666667");
    }
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn a_share_just_under_the_threshold_never_reads_as_the_threshold() {
        assert_eq!(percent(0.7999), "79 %");
        assert_eq!(percent(0.8), "80 %");
        assert_eq!(percent(f64::NAN), "0 %");
        assert_eq!(percent(1.5), "100 %");
    }

    #[test]
    fn far_dates_carry_their_year() {
        let as_of = d("2026-11-20");
        assert_eq!(near_date(d("2027-01-15"), as_of), "15 Jan");
        assert_eq!(near_date(d("2027-08-15"), as_of), "15 Aug 2027");
    }

    #[test]
    fn days_read_in_the_singular_and_plural() {
        assert_eq!(working_days(1), "1 working day");
        assert_eq!(working_days(-1), "-1 working day");
        assert_eq!(working_days_moved(5), "+5 working days");
        assert_eq!(calendar_days(14), "14 days");
        assert_eq!(relative_days(-3), "3 days ago");
        assert_eq!(deadline(-1), "1 day overdue");
        assert_eq!(number(10_000), "10,000");
        assert_eq!(number(999), "999");
        assert_eq!(number(1_234_567), "1,234,567");
    }

    #[test]
    fn an_age_is_rounded_down_and_never_negative() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z")
            .expect("test time")
            .with_timezone(&Utc);
        let ago = |seconds: i64| time_ago(now - chrono::Duration::seconds(seconds), now);
        assert_eq!(ago(-3600), "just now");
        assert_eq!(ago(59), "just now");
        assert_eq!(ago(60), "1 min ago");
        assert_eq!(ago(3599), "59 min ago");
        assert_eq!(ago(2 * 3600 + 3599), "2 h ago");
        assert_eq!(ago(86_399), "23 h ago");
        assert_eq!(ago(86_400), "1 day ago");
        assert_eq!(ago(13 * 86_400 + 86_399), "13 days ago");
        assert_eq!(ago(14 * 86_400), "2 weeks ago");
        assert_eq!(ago(70 * 86_400), "2 months ago");
    }

    #[test]
    fn user_text_reads_inside_a_sentence() {
        assert_eq!(inline_case("Fall back to legacy."), "fall back to legacy.");
        assert_eq!(inline_case("API first"), "API first");
        assert_eq!(clause("Two\nlines. "), "Two lines");
        let long = clause(&"Z".repeat(5000));
        assert_eq!(long.chars().count(), 61);
        assert!(long.ends_with('…'));
        assert_eq!(named("PAY-1", "  "), "PAY-1");
        assert_eq!(named("PAY-1", "Pay"), "Pay (PAY-1)");
    }
}

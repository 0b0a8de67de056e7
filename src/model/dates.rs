//! Reading timestamps and HTTP dates, by hand: chrono's readers go through its format-string
//! parser (several kilobytes of the download). These read exactly what chrono reads (tested
//! against it). Calendar dates are read by [`super::edit::parse_ymd`].

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Utc};

/// A timestamp as chrono's `DateTime::parse_from_rfc3339` reads it, in UTC:
/// `YYYY-MM-DD`, `T`, `t` or a space, `hh:mm:ss` (second 60 allowed, as a leap second),
/// optional `.` and digits (nanoseconds: the first nine count), then `Z`, `z` or an offset
/// `±hh:mm` under a day (`−`, U+2212, may stand for the minus).
pub fn parse_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    fn two(bytes: &[u8], at: usize) -> Option<u32> {
        match bytes.get(at..at + 2)? {
            [a @ b'0'..=b'9', b @ b'0'..=b'9'] => {
                Some(u32::from(a - b'0') * 10 + u32::from(b - b'0'))
            }
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    let year = two(bytes, 0)? * 100 + two(bytes, 2)?;
    let literals = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if literals
        .iter()
        .any(|&(at, byte)| bytes.get(at) != Some(&byte))
        || !matches!(bytes.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year as i32, two(bytes, 5)?, two(bytes, 8)?)?;
    let (hour, minute, second) = (two(bytes, 11)?, two(bytes, 14)?, two(bytes, 17)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &text[19..];
    let mut nanos = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        rest = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
        let digits = &fraction.as_bytes()[..fraction.len() - rest.len()];
        if digits.is_empty() {
            return None;
        }
        nanos = (0..9).fold(0, |n, at| {
            n * 10 + digits.get(at).map_or(0, |d| u32::from(d - b'0'))
        });
    }
    let offset_minutes = if rest == "Z" || rest == "z" {
        0
    } else {
        let negative = rest.starts_with(['-', '\u{2212}']);
        let offset = rest
            .strip_prefix(['+', '-'])
            .or_else(|| rest.strip_prefix('\u{2212}'))?
            .as_bytes();
        let (hours, minutes) = (two(offset, 0)?, two(offset, 3)?);
        if offset.len() != 5 || offset[2] != b':' || hours >= 24 || minutes >= 60 {
            return None;
        }
        let minutes = (hours * 60 + minutes) as i32;
        if negative {
            -minutes
        } else {
            minutes
        }
    };
    // A leap second is chrono's second 59 with a nanosecond count past one second.
    let time = if second == 60 {
        NaiveTime::from_hms_nano_opt(hour, minute, 59, 1_000_000_000 + nanos)?
    } else {
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?
    };
    let local = date.and_time(time);
    // Through chrono's offset arithmetic, which keeps a leap second a leap second.
    let utc = local.checked_sub_offset(FixedOffset::east_opt(offset_minutes * 60)?)?;
    Some(utc.and_utc())
}

/// An HTTP date (`Retry-After: Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110's IMF-fixdate,
/// also with a numeric offset such as `+0100` or without the weekday), in UTC; the same
/// instant chrono's `DateTime::parse_from_rfc2822` reads from such text (tested).
pub fn parse_http_date(text: &str) -> Option<DateTime<Utc>> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let number = |word: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (digits.contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()))
            .then(|| word.parse().ok())?
    };
    let text = text.trim();
    const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    // The weekday is optional; when given it must be the date's.
    let (weekday, text) = match text.split_once(',') {
        Some((weekday, rest)) => {
            let weekday = weekday.trim().to_ascii_lowercase();
            (
                Some(WEEKDAYS.iter().position(|name| *name == weekday)?),
                rest,
            )
        }
        None => (None, text),
    };
    let mut words = text.split_ascii_whitespace();
    let day = number(words.next()?, 1..=2)?;
    let month = words.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|name| *name == month)? as u32 + 1;
    let year = number(words.next()?, 4..=4)?;
    let mut clock = words.next()?.split(':');
    let hour = number(clock.next()?, 2..=2)?;
    let minute = number(clock.next()?, 2..=2)?;
    let second = clock.next().map_or(Some(0), |s| number(s, 2..=2))?;
    let zone = words.next()?;
    if clock.next().is_some() || words.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset_minutes = match zone.to_ascii_uppercase().as_str() {
        "GMT" | "UT" | "UTC" | "Z" => 0,
        _ => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits = number(&zone[1..], 4..=4)?;
            let (hours, minutes) = (digits / 100, digits % 100);
            if hours > 99 || minutes > 59 {
                return None;
            }
            sign * (hours * 60 + minutes) as i32
        }
    };
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    if weekday.is_some_and(|weekday| weekday != date.weekday().num_days_from_monday() as usize) {
        return None;
    }
    let time = if second == 60 {
        NaiveTime::from_hms_nano_opt(hour, minute, 59, 1_000_000_000)?
    } else {
        NaiveTime::from_hms_opt(hour, minute, second)?
    };
    let utc = date
        .and_time(time)
        .checked_sub_offset(FixedOffset::east_opt(offset_minutes * 60)?)?;
    Some(utc.and_utc())
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use proptest::prelude::*;

    use super::{parse_http_date, parse_rfc3339};

    fn chrono_reads(text: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|time| time.with_timezone(&Utc))
    }

    #[test]
    fn reads_timestamps_as_chrono_does() {
        for text in [
            "2026-11-23T09:00:00Z",
            "2026-11-23t09:00:00z",
            "2026-11-23 09:00:00+01:00",
            "2026-11-23T09:00:00.123456789123-23:59",
            "2026-11-23T09:00:00.5+05:30",
            "2016-12-31T23:59:60Z",
            "0000-01-01T00:00:00\u{2212}05:30",
            "2024-02-29T00:00:00Z",
        ] {
            assert!(parse_rfc3339(text).is_some(), "{text}");
            assert_eq!(parse_rfc3339(text), chrono_reads(text), "{text}");
        }
        for text in [
            "",
            "2026-11-23",
            "2026-11-23T09:00:00",
            "2026-11-23T09:00:00.Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T09:60:00Z",
            "2026-11-23T09:00:61Z",
            "2025-02-29T00:00:00Z",
            "2026-11-23T09:00:00+24:00",
            "2026-11-23T09:00:00+01:60",
            "2026-11-23T09:00:00+0100",
            "2026-11-23T09:00:00Zx",
            "2026-11-23T09:00:00 Z",
            "+2026-11-23T09:00:00Z",
            "2026-11-23T09:00:00é",
        ] {
            assert_eq!(parse_rfc3339(text), None, "{text}");
            assert_eq!(chrono_reads(text), None, "{text}");
        }
    }

    #[test]
    fn reads_http_dates_as_chrono_does() {
        let chrono_rfc2822 = |text: &str| {
            DateTime::parse_from_rfc2822(text)
                .ok()
                .map(|time| time.with_timezone(&Utc))
        };
        for text in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Mon, 23 Nov 2026 09:00:00 GMT",
            "Mon, 23 Nov 2026 09:00:00 +0100",
            "Mon, 23 Nov 2026 09:00:00 -0530",
            "23 Nov 2026 09:00:00 GMT",
            "Tue, 3 Nov 2026 09:00 UT",
            "Mon, 23 nov 2026 09:00:00 GMT",
            "Wed, 31 Dec 2025 23:59:60 GMT",
        ] {
            assert!(parse_http_date(text).is_some(), "{text}");
            assert_eq!(parse_http_date(text), chrono_rfc2822(text), "{text}");
        }
        for text in [
            "",
            "90",
            "Mon, 31 Nov 2026 09:00:00 GMT",
            "Mon, 23 Nov 2026 24:00:00 GMT",
            "Mon, 23 Nov 2026 09:00:00",
            "Mon, 23 Nov 2026 09:00:00 GMT extra",
            "Mon, 23 Nov 26 09:00:00 GMT",
            "Monday, 23 Nov 2026 09:00:00 GMT",
            "Mon, 23 Foo 2026 09:00:00 GMT",
            "Mon, 23 Nov 2026 09:00:00 +01:00",
            "Tue, 23 Nov 2026 09:00:00 GMT",
        ] {
            assert_eq!(parse_http_date(text), None, "{text}");
        }
    }

    /// A timestamp built from pieces that are each sometimes wrong.
    fn timestamp() -> impl Strategy<Value = String> {
        let digits = |n: usize| proptest::collection::vec(0u8..10, n);
        let piece = |good: &'static [&'static str]| {
            prop_oneof![
                4 => proptest::sample::select(good).prop_map(str::to_string),
                1 => "[-:.tTzZ+ 0-9é\u{2212}]{0,2}",
            ]
        };
        (
            (digits(4), piece(&["-"]), 0u32..14, piece(&["-"]), 0u32..33),
            (piece(&["T", "t", " "]), 0u32..26, piece(&[":"]), 0u32..62, piece(&[":"]), 0u32..63),
            (
                proptest::option::of("\\.[0-9]{0,12}"),
                prop_oneof![
                    Just("Z".to_string()),
                    Just("z".to_string()),
                    (piece(&["+", "-", "\u{2212}"]), 0u32..26, piece(&[":"]), 0u32..62)
                        .prop_map(|(sign, h, colon, m)| format!("{sign}{h:02}{colon}{m:02}")),
                    "[-+:0-9Zz ]{0,7}",
                ],
            ),
        )
            .prop_map(|((year, d1, month, d2, day), (t, hour, c1, minute, c2, second), (fraction, offset))| {
                let year: String = year.iter().map(|d| char::from(b'0' + d)).collect();
                format!(
                    "{year}{d1}{month:02}{d2}{day:02}{t}{hour:02}{c1}{minute:02}{c2}{second:02}{}{offset}",
                    fraction.unwrap_or_default()
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn timestamps_read_as_chrono_reads_them(text in timestamp()) {
            prop_assert_eq!(parse_rfc3339(&text), chrono_reads(&text), "{}", text);
        }

        #[test]
        fn http_dates_read_as_chrono_reads_them(
            weekday in proptest::option::of(proptest::sample::select(&["Mon, ", "Tue, ", "Sun,", "Xyz, "][..])),
            day in 0u32..33,
            month in proptest::sample::select(&["Jan", "feb", "MAR", "Apr", "Dec", "Foo"][..]),
            year in 1900u32..2100,
            (hour, minute, second) in (0u32..25, 0u32..61, 0u32..62),
            zone in proptest::sample::select(&["GMT", "UT", "Z", "+0100", "-0530", "+2359", "EST", "+01:00"][..]),
        ) {
            let text = format!(
                "{}{day} {month} {year} {hour:02}:{minute:02}:{second:02} {zone}",
                weekday.unwrap_or_default()
            );
            let chrono = DateTime::parse_from_rfc2822(&text).ok().map(|t| t.with_timezone(&Utc));
            // chrono also reads the obsolete US zone names (EST); the app does not need them.
            if zone != "EST" {
                prop_assert_eq!(parse_http_date(&text), chrono, "{}", text);
            }
        }

        #[test]
        fn any_text_reads_as_chrono_reads_it(text in "[-0-9:.tTzZ+ \u{2212}]{0,30}") {
            prop_assert_eq!(parse_rfc3339(&text), chrono_reads(&text), "{}", text);
        }
    }
}

//! The dates the app reads and writes by hand (chrono's format-string machinery is several
//! kilobytes of download) against chrono itself: the same text for every date, the same
//! answer for every input.

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;

use throughline::engine::words::{long_date, month_year, near_date, short_date};
use throughline::io::import::parse_date;
use throughline::model::edit::parse_ymd;

fn chrono_reads(text: &str, separator: char) -> Option<NaiveDate> {
    let format = format!("%Y{separator}%m{separator}%d");
    NaiveDate::parse_from_str(text, &format).ok()
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::MIN.num_days_from_ce();
    let last = NaiveDate::MAX.num_days_from_ce();
    (first..=last).prop_map(|day| NaiveDate::from_num_days_from_ce_opt(day).unwrap())
}

#[test]
fn every_day_of_three_centuries_is_written_as_chrono_writes_it() {
    let mut date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2200, 12, 31).unwrap();
    while date <= last {
        assert_eq!(long_date(date), date.format("%-d %b %Y").to_string());
        assert_eq!(short_date(date), date.format("%-d %b").to_string());
        assert_eq!(month_year(date), date.format("%b %Y").to_string());
        assert_eq!(date.to_string(), date.format("%Y-%m-%d").to_string());
        assert_eq!(parse_ymd(&date.to_string(), '-'), Some(date));
        date = date + Days::new(1);
    }
}

#[test]
fn dates_read_and_written_as_before() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(long_date(date(2027, 1, 15)), "15 Jan 2027");
    assert_eq!(short_date(date(2026, 11, 26)), "26 Nov");
    assert_eq!(month_year(date(2026, 11, 26)), "Nov 2026");
    assert_eq!(long_date(date(7, 3, 1)), "1 Mar 0007");
    assert_eq!(long_date(date(-44, 3, 15)), "15 Mar -0044");
    assert_eq!(long_date(date(12026, 3, 15)), "15 Mar +12026");
    assert_eq!(
        near_date(date(2027, 6, 1), date(2026, 11, 26)),
        "1 Jun 2027"
    );
    for (text, expected) in [
        ("2026-11-23", Some(date(2026, 11, 23))),
        ("2026-1-5", Some(date(2026, 1, 5))),
        (" 2026- 11- 3", Some(date(2026, 11, 3))),
        ("-0044-03-15", Some(date(-44, 3, 15))),
        ("+12026-03-15", Some(date(12026, 3, 15))),
        ("2026-11-23 ", None),
        ("2026 -11-23", None),
        ("20261-11-23", None),
        ("2026-011-23", None),
        ("2026-02-29", None),
        ("2026-13-01", None),
        ("- 2026-11-23", None),
        ("", None),
    ] {
        assert_eq!(parse_ymd(text, '-'), expected, "{text:?}");
        assert_eq!(chrono_reads(text, '-'), expected, "{text:?}");
    }
}

#[test]
fn imported_dates_still_read_the_same() {
    let date = |y, m, d| Some(NaiveDate::from_ymd_opt(y, m, d).unwrap());
    assert_eq!(parse_date("2026/11/23 14:15"), date(2026, 11, 23));
    assert_eq!(parse_date("2026-11-23T14:15:00.000Z"), date(2026, 11, 23));
    assert_eq!(parse_date("2026/02/05 9:15"), date(2026, 2, 5));
    // The first ten characters are read as a date, so a short one with a time after is not.
    assert_eq!(parse_date("2026/2/5 9:15"), None);
}

/// A date as year, month and day with some of the whitespace, signs, digits and
/// separators chrono accepts or refuses.
fn ymd_text() -> impl Strategy<Value = String> {
    let space = prop_oneof![4 => Just(""), 1 => Just(" "), 1 => Just("\t"), 1 => Just("\u{3000}")];
    let separator = prop_oneof![4 => Just("-"), 4 => Just("/"), 1 => Just(" "), 1 => Just("")];
    (
        (
            space.clone(),
            prop_oneof![6 => Just(""), 1 => Just("-"), 1 => Just("+")],
            "[0-9]{0,6}",
        ),
        (separator.clone(), space.clone(), "[0-9]{0,3}"),
        (
            separator,
            space.clone(),
            "[0-9]{0,3}",
            prop_oneof![6 => Just(""), 1 => Just(" "), 1 => Just("x"), 1 => Just("0")],
        ),
    )
        .prop_map(|((s1, sign, year), (d1, s2, month), (d2, s3, day, tail))| {
            format!("{s1}{sign}{year}{d1}{s2}{month}{d2}{s3}{day}{tail}")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn any_date_is_written_as_chrono_writes_it(date in any_date()) {
        prop_assert_eq!(long_date(date), date.format("%-d %b %Y").to_string());
        prop_assert_eq!(short_date(date), date.format("%-d %b").to_string());
        prop_assert_eq!(month_year(date), date.format("%b %Y").to_string());
        prop_assert_eq!(date.to_string(), date.format("%Y-%m-%d").to_string());
        prop_assert_eq!(parse_ymd(&date.to_string(), '-'), Some(date));
    }

    #[test]
    fn shaped_dates_read_as_chrono_reads_them(text in ymd_text()) {
        prop_assert_eq!(parse_ymd(&text, '-'), chrono_reads(&text, '-'), "{:?}", text);
        prop_assert_eq!(parse_ymd(&text, '/'), chrono_reads(&text, '/'), "{:?}", text);
    }

    #[test]
    fn any_text_reads_as_chrono_reads_it(text in "[-+/0-9 \t\u{3000}xé]{0,14}") {
        prop_assert_eq!(parse_ymd(&text, '-'), chrono_reads(&text, '-'), "{:?}", text);
        prop_assert_eq!(parse_ymd(&text, '/'), chrono_reads(&text, '/'), "{:?}", text);
    }
}

//! The working-day calendar: workdays of the week minus holidays (docs/rules.md#calendar).
//! Dates map to dense working-day numbers so the schedule runs on integers; a task of `d`
//! days starting on working day `s` finishes on working day `s + d - 1` (inclusive dates).

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::{Calendar, Workday};

/// A working-day calendar with a table of working days for fast date ↔ number conversion.
///
/// Working day numbers are relative to an origin; number `n` is the `n`-th working day on or
/// after the origin. Dates outside the table are still converted correctly, only slower.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    workdays: [bool; 7],
    holidays: HashSet<NaiveDate>,
    /// Holidays that fall on a working weekday, sorted: counted in bulk past the table.
    workday_holidays: Vec<NaiveDate>,
    /// Working weekdays per week (1 to 7).
    per_week: i64,
    origin: NaiveDate,
    /// `days[n]` is working day number `n`.
    days: Vec<NaiveDate>,
    /// For each calendar day from the origin, the number of the first working day on or after it.
    on_or_after: Vec<i64>,
}

/// Days the table covers; outside it the conversions step day by day.
const TABLE_YEARS: i64 = 12;

impl WorkCalendar {
    /// A calendar whose fast table starts at `origin` (any date before the program's first).
    ///
    /// A calendar with no working day at all is treated as Monday to Friday, so arithmetic
    /// always terminates; validation reports the empty week to the user.
    pub fn new(calendar: &Calendar, origin: NaiveDate) -> WorkCalendar {
        WorkCalendar::with_table(calendar, origin, TABLE_YEARS * 366)
    }

    /// A calendar whose fast table runs from `origin` to a year past `until`: as long as a
    /// program needs and no longer, since building the table is a fixed cost of every
    /// schedule. Dates past it still convert, only slower (see [`WorkCalendar::covering`]).
    pub fn spanning(calendar: &Calendar, origin: NaiveDate, until: NaiveDate) -> WorkCalendar {
        let span = (until - origin).num_days().clamp(0, TABLE_YEARS * 366) + 366;
        WorkCalendar::with_table(calendar, origin, span)
    }

    /// The same calendar with a table long enough for working day number `n` (capped at
    /// 400 years; past the table the conversions jump a week at a time).
    pub fn covering(&self, calendar: &Calendar, n: i64) -> Option<WorkCalendar> {
        if n < self.days.len() as i64 {
            return None;
        }
        let weeks = n / self.per_week + 1 + self.workday_holidays.len() as i64 / self.per_week;
        let span = (weeks * 7 + 400).min(400 * 366);
        Some(WorkCalendar::with_table(calendar, self.origin, span))
    }

    fn with_table(calendar: &Calendar, origin: NaiveDate, span: i64) -> WorkCalendar {
        let mut workdays = [false; 7];
        for day in &calendar.workdays {
            workdays[Workday::ALL.iter().position(|d| d == day).unwrap_or(0)] = true;
        }
        if !workdays.iter().any(|&w| w) {
            workdays = [true, true, true, true, true, false, false];
        }
        let holidays: HashSet<NaiveDate> = calendar.holidays.iter().copied().collect();
        let mut workday_holidays: Vec<NaiveDate> = holidays
            .iter()
            .copied()
            .filter(|d| workdays[d.weekday().num_days_from_monday() as usize])
            .collect();
        crate::sort::sort(&mut workday_holidays);
        let mut cal = WorkCalendar {
            per_week: workdays.iter().filter(|&&w| w).count() as i64,
            workday_holidays,
            workdays,
            holidays,
            origin,
            days: Vec::new(),
            on_or_after: Vec::new(),
        };
        // Walk the days beside the sorted holidays instead of hashing every day: building
        // the table is a fixed cost of every schedule.
        cal.on_or_after.reserve(span.max(0) as usize);
        cal.days.reserve((span.max(0) as usize) * 5 / 7 + 1);
        let mut sorted: Vec<NaiveDate> = cal.holidays.iter().copied().collect();
        crate::sort::sort(&mut sorted);
        let mut next_holiday = sorted.partition_point(|&h| h < origin);
        let mut day = origin;
        let mut weekday = origin.weekday().num_days_from_monday() as usize;
        for _ in 0..span {
            cal.on_or_after.push(cal.days.len() as i64);
            let holiday = sorted.get(next_holiday) == Some(&day);
            if holiday {
                next_holiday += 1;
            }
            if cal.workdays[weekday] && !holiday {
                cal.days.push(day);
            }
            day = match day.succ_opt() {
                Some(next) => next,
                None => break,
            };
            weekday = (weekday + 1) % 7;
        }
        // A year of holidays could empty the table; keep one entry so lookups stay total.
        if cal.days.is_empty() {
            cal.days.push(cal.next_workday_slow(origin));
        }
        cal
    }

    /// The Monday-to-Friday calendar with no holidays.
    pub fn weekdays(origin: NaiveDate) -> WorkCalendar {
        WorkCalendar::new(&Calendar::default(), origin)
    }

    pub fn origin(&self) -> NaiveDate {
        self.origin
    }

    /// Is this date a working day?
    pub fn is_workday(&self, date: NaiveDate) -> bool {
        self.workdays[date.weekday().num_days_from_monday() as usize]
            && !self.holidays.contains(&date)
    }

    fn next_workday_slow(&self, mut date: NaiveDate) -> NaiveDate {
        // At most a few years of consecutive holidays: bounded, never infinite.
        for _ in 0..4000 {
            if self.is_workday(date) {
                return date;
            }
            date = date.succ_opt().unwrap_or(date);
        }
        date
    }

    /// The number of the first working day on or after `date`.
    pub fn number(&self, date: NaiveDate) -> i64 {
        let offset = (date - self.origin).num_days();
        if offset >= 0 && (offset as usize) < self.on_or_after.len() {
            return self.on_or_after[offset as usize];
        }
        // Outside the table: count working days between the table's edge and the date, a
        // week at a time.
        if offset < 0 {
            -self.workdays_in(date, self.origin)
        } else {
            let table = Duration::days(self.on_or_after.len() as i64);
            match self.origin.checked_add_signed(table) {
                Some(last) => self.days.len() as i64 + self.workdays_in(last, date),
                None => self.days.len() as i64,
            }
        }
    }

    /// The date of working day number `n`.
    pub fn date(&self, n: i64) -> NaiveDate {
        if n >= 0 && (n as usize) < self.days.len() {
            return self.days[n as usize];
        }
        if n < 0 {
            let mut count = 0i64;
            let mut day = self.origin;
            // Far before the origin, jump whole weeks back first, as past the table's end.
            let weeks = (!n) / self.per_week; // !n == -n - 1, without overflow
            if weeks > 0 {
                match Duration::try_days(weeks.saturating_mul(7))
                    .and_then(|back| day.checked_sub_signed(back))
                {
                    Some(jumped) => {
                        count -= self.workdays_in(jumped, day);
                        day = jumped;
                    }
                    None => return NaiveDate::MIN,
                }
            }
            while count > n {
                day = match day.pred_opt() {
                    Some(prev) => prev,
                    None => return day,
                };
                if self.is_workday(day) {
                    count -= 1;
                }
            }
            day
        } else {
            let mut count = self.days.len() as i64 - 1;
            let mut day = *self.days.last().unwrap_or(&self.origin);
            // Far past the table (very long programs), jump whole weeks first: each holds
            // `per_week` working days less the holidays inside it.
            let weeks = (n - count - 1) / self.per_week;
            if weeks > 0 {
                match Duration::try_days(weeks.saturating_mul(7))
                    .and_then(|ahead| day.checked_add_signed(ahead))
                {
                    Some(jumped) => {
                        count += self.workdays_in(
                            day.succ_opt().unwrap_or(day),
                            jumped.succ_opt().unwrap_or(jumped),
                        );
                        day = jumped;
                    }
                    // Past the last date there is: stop there rather than walk to it.
                    None => return NaiveDate::MAX,
                }
            }
            while count < n {
                day = match day.succ_opt() {
                    Some(next) => next,
                    None => return day,
                };
                if self.is_workday(day) {
                    count += 1;
                }
            }
            day
        }
    }

    /// Working days in `[from, to)`, counted a week at a time.
    fn workdays_in(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to <= from {
            return 0;
        }
        let days = (to - from).num_days();
        let mut count = days / 7 * self.per_week;
        let mut day = from + Duration::days(days / 7 * 7);
        while day < to {
            if self.workdays[day.weekday().num_days_from_monday() as usize] {
                count += 1;
            }
            day = match day.succ_opt() {
                Some(next) => next,
                None => break,
            };
        }
        let first = self.workday_holidays.partition_point(|&h| h < from);
        let last = self.workday_holidays.partition_point(|&h| h < to);
        count - (last - first) as i64
    }

    /// The first working day on or after `date`.
    pub fn next_workday(&self, date: NaiveDate) -> NaiveDate {
        self.date(self.number(date))
    }

    /// The last working day on or before `date`.
    pub fn previous_workday(&self, date: NaiveDate) -> NaiveDate {
        if self.is_workday(date) {
            date
        } else {
            self.date(self.number(date) - 1)
        }
    }

    /// The finish date of `days` working days of work starting on (or after) `start`.
    /// Zero days finishes on the start itself (a milestone).
    pub fn finish(&self, start: NaiveDate, days: u32) -> NaiveDate {
        let s = self.number(start);
        self.date(s + (days as i64 - 1).max(0))
    }

    /// Moves `date` by `n` working days (negative: back), from the working day on or after it.
    pub fn add_workdays(&self, date: NaiveDate, n: i64) -> NaiveDate {
        self.date(self.number(date) + n)
    }

    /// Working days from `from` to `to`: positive when `to` is later, zero on the same day.
    /// Counts day numbers, so a weekend between two Fridays does not count.
    pub fn workdays_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let a = if self.is_workday(from) {
            self.number(from)
        } else {
            self.number(from) - 1
        };
        let b = if self.is_workday(to) {
            self.number(to)
        } else {
            self.number(to) - 1
        };
        b - a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn with_holidays(holidays: &[&str]) -> WorkCalendar {
        let calendar = Calendar {
            holidays: holidays.iter().map(|h| d(h)).collect(),
            ..Calendar::default()
        };
        WorkCalendar::new(&calendar, d("2026-01-01"))
    }

    #[test]
    fn a_five_day_task_starting_monday_finishes_friday() {
        let cal = with_holidays(&[]);
        assert_eq!(cal.finish(d("2026-11-16"), 5), d("2026-11-20"));
    }

    #[test]
    fn a_task_runs_over_the_weekend_and_a_holiday() {
        // Thanksgiving 2026-11-26 is a Thursday.
        let cal = with_holidays(&["2026-11-26"]);
        assert_eq!(cal.finish(d("2026-11-23"), 5), d("2026-11-30"));
    }

    #[test]
    fn a_task_starting_on_a_saturday_starts_monday() {
        let cal = with_holidays(&[]);
        assert_eq!(cal.next_workday(d("2026-11-21")), d("2026-11-23"));
        assert_eq!(cal.finish(d("2026-11-21"), 1), d("2026-11-23"));
    }

    #[test]
    fn a_holiday_on_a_monday_pushes_the_start() {
        let cal = with_holidays(&["2026-11-23"]);
        assert_eq!(cal.next_workday(d("2026-11-21")), d("2026-11-24"));
    }

    #[test]
    fn previous_workday_of_a_sunday_is_friday() {
        let cal = with_holidays(&[]);
        assert_eq!(cal.previous_workday(d("2026-11-22")), d("2026-11-20"));
    }

    #[test]
    fn dates_outside_the_table_convert_both_ways() {
        let cal = with_holidays(&["2025-12-25"]);
        for date in [
            d("2025-12-24"),
            d("2025-12-26"),
            d("2040-06-01"),
            d("2045-03-15"),
        ] {
            let next = cal.next_workday(date);
            assert_eq!(cal.date(cal.number(date)), next, "{date}");
        }
        assert!(!cal.is_workday(d("2025-12-25")));
        assert_eq!(cal.next_workday(d("2025-12-25")), d("2025-12-26"));
    }

    #[test]
    fn working_days_between_counts_workdays_only() {
        let cal = with_holidays(&[]);
        assert_eq!(cal.workdays_between(d("2026-11-20"), d("2026-11-27")), 5);
        assert_eq!(cal.workdays_between(d("2026-11-27"), d("2026-11-20")), -5);
        assert_eq!(cal.workdays_between(d("2026-11-21"), d("2026-11-23")), 1);
    }

    #[test]
    fn an_empty_week_falls_back_to_weekdays() {
        let calendar = Calendar {
            workdays: vec![],
            holidays: vec![],
        };
        let cal = WorkCalendar::new(&calendar, d("2026-01-01"));
        assert_eq!(cal.finish(d("2026-11-16"), 5), d("2026-11-20"));
    }

    #[test]
    fn far_before_the_origin_dates_and_numbers_still_agree() {
        let cal = with_holidays(&["2025-12-25", "2019-07-04", "2010-01-01"]);
        for n in [-1i64, -5, -6, -300, -2_000, -4_321] {
            let date = cal.date(n);
            assert!(cal.is_workday(date), "{n}: {date}");
            assert_eq!(cal.number(date), n, "{n}: {date}");
        }
    }

    #[test]
    fn a_table_spanning_a_short_program_agrees_with_a_long_one_years_past_it() {
        let calendar = Calendar {
            holidays: vec![d("2026-12-25"), d("2031-07-04")],
            ..Calendar::default()
        };
        let short = WorkCalendar::spanning(&calendar, d("2026-01-01"), d("2026-06-30"));
        let long = WorkCalendar::new(&calendar, d("2026-01-01"));
        assert!(short.days.len() < long.days.len() / 4);
        for date in [
            d("2026-03-02"),
            d("2027-01-04"),
            d("2031-07-04"),
            d("2036-02-29"),
        ] {
            assert_eq!(short.number(date), long.number(date), "{date}");
            let n = long.number(date);
            assert_eq!(short.date(n), long.date(n), "{n}");
        }
    }

    #[test]
    fn working_day_numbers_beyond_the_last_date_stop_there() {
        let cal = with_holidays(&[]);
        assert_eq!(cal.date(i64::MAX / 4), NaiveDate::MAX);
        assert_eq!(cal.date(-(i64::MAX / 4)), NaiveDate::MIN);
    }

    #[test]
    fn far_past_the_table_dates_and_numbers_still_agree_day_by_day() {
        // Holidays beyond the 12-year table, on a weekday and on a Saturday.
        let cal = with_holidays(&["2026-01-01", "2045-03-15", "2045-03-18", "2060-07-04"]);
        let mut day = cal.date(cal.days.len() as i64 - 1);
        let mut n = cal.days.len() as i64 - 1;
        // Walk 40 years a day at a time and compare with the week-jumping conversions.
        for _ in 0..(40 * 366) {
            day = day.succ_opt().unwrap();
            if cal.is_workday(day) {
                n += 1;
                assert_eq!(cal.date(n), day, "date({n})");
            }
            let expected = if cal.is_workday(day) { n } else { n + 1 };
            assert_eq!(cal.number(day), expected, "number({day})");
        }
        assert!(!cal.is_workday(d("2045-03-15")));
    }
}

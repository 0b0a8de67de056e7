//! How dates and durations read on screen: "29 Jan 2027", "26 Nov", "10 working days".

use chrono::NaiveDate;

pub fn day_month_year(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

pub fn day_month(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

pub fn working_days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} working day")
    } else {
        format!("{n} working days")
    }
}

//! Pure logic over the program: calendar, schedule, status, forecast, summary.
//! No clock (the status date is an argument), no browser.

pub mod calendar;
pub mod forecast;
mod network;
pub mod schedule;
pub mod status;
pub mod summary;

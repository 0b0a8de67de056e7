//! Pure logic over the program: calendar, schedule, status, forecast, summary, and the
//! cockpit that computes all of them once per (program, status date). No clock (the
//! status date is an argument), no browser.

pub mod calendar;
pub mod capacity;
pub mod cockpit;
pub mod draw;
pub mod find;
pub mod forecast;
#[cfg(feature = "measure")]
pub mod measure;
pub mod publish;
pub mod schedule;
pub mod status;
pub mod summary;
pub mod words;

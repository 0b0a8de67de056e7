//! "Today" from the browser clock, kept current: read at start, and again whenever the tab
//! comes back into view or gets focus and once a minute, so a tab left open overnight judges
//! staleness and dates updates by the new day. The only place the UI reads the date.

use std::time::Duration;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::model::Program;

/// How often an open tab looks at the clock.
const EVERY: Duration = Duration::from_secs(60);

/// Today's date, following the browser clock.
#[derive(Clone, Copy)]
pub struct Clock {
    today: RwSignal<NaiveDate>,
}

pub fn expect_clock() -> Clock {
    expect_context::<Clock>()
}

/// The browser's local date now.
/// Today by the page's clock (which tests set), in the person's time zone.
pub fn read_date() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

impl Clock {
    /// Reads the clock now; [`Clock::follow`] keeps it current.
    pub fn new() -> Clock {
        Clock {
            today: RwSignal::new(read_date()),
        }
    }

    /// Today, tracked: whatever reads it is recomputed when the day changes.
    pub fn today(&self) -> NaiveDate {
        self.today.get()
    }

    /// Today, untracked.
    pub fn today_untracked(&self) -> NaiveDate {
        self.today.get_untracked()
    }

    /// Looks at the clock now and moves to a new day if one began; returns today. Call it
    /// before dating anything the person records, so an update is dated the day it is made.
    pub fn refresh(&self) -> NaiveDate {
        let now = read_date();
        if now != self.today.get_untracked() {
            self.today.set(now);
        }
        now
    }

    /// The date to record an update or a review at, now: the program's status date, or
    /// today after a look at the clock (never yesterday's date in a tab left open).
    pub fn as_of_now(&self, program: &Program) -> NaiveDate {
        program.as_of(self.refresh())
    }

    /// Re-reads the clock on focus, when the tab is shown again, and every minute.
    pub fn follow(self) {
        let _ = window_event_listener(leptos::ev::focus, move |_| {
            self.refresh();
        });
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
            self.refresh();
        });
        let _ = set_interval_with_handle(
            move || {
                self.refresh();
            },
            EVERY,
        );
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new()
    }
}

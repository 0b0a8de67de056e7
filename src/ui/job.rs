//! One piece of background work at a time (the GitHub sync, a write to the file on disk):
//! asked for while it runs, it runs once more after; asked for again and again before its
//! timer fires, it runs once.

use std::time::Duration;

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Job {
    busy: StoredValue<bool>,
    /// Asked for while running (or while its owner holds it back).
    again: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Job {
    pub fn new() -> Job {
        Job {
            busy: StoredValue::new(false),
            again: StoredValue::new(false),
            timer: StoredValue::new(None),
        }
    }

    /// Calls `start` after `delay`, unless a call is already waiting.
    pub fn schedule(&self, delay: Duration, start: impl Fn() + Send + Sync + 'static) {
        if self.timer.with_value(Option::is_some) {
            return;
        }
        let timer = self.timer;
        let handle = set_timeout_with_handle(
            move || {
                timer.set_value(None);
                start();
            },
            delay,
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// Forgets a call waiting on its timer.
    pub fn cancel_timer(&self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(None);
    }

    /// The work begins: false, and noted to run again, when it is already running.
    pub fn begin(&self) -> bool {
        if self.busy.get_value() {
            self.again.set_value(true);
            return false;
        }
        self.busy.set_value(true);
        self.again.set_value(false);
        true
    }

    /// The work ended: whether it was asked for meanwhile.
    pub fn end(&self) -> bool {
        self.busy.set_value(false);
        self.again.get_value()
    }

    pub fn busy(&self) -> bool {
        self.busy.get_value()
    }

    /// Notes that the work is wanted once more.
    pub fn want(&self) {
        self.again.set_value(true);
    }

    /// Whether the work was asked for since it last began.
    pub fn wanted(&self) -> bool {
        self.again.get_value()
    }
}

//! Who is reporting: the person's name, asked once and kept in this browser (never in the
//! program file), recorded as `by` on every status update they make.

use leptos::prelude::*;

use crate::store;

#[derive(Clone, Copy)]
pub struct Reporter {
    pub name: RwSignal<Option<String>>,
}

pub fn expect_reporter() -> Reporter {
    expect_context::<Reporter>()
}

impl Reporter {
    pub fn load() -> Reporter {
        Reporter {
            name: RwSignal::new(store::reporter_name()),
        }
    }

    /// Keeps the name (blank forgets it).
    pub fn set(&self, name: &str) {
        let name = name.trim();
        let name = (!name.is_empty()).then(|| name.to_string());
        store::set_reporter_name(name.as_deref());
        self.name.set(name);
    }
}

//! Who is reporting: the person's name, asked once and kept in this browser (never in the
//! program file), recorded as `by` on every status update they make.

use leptos::prelude::*;

use super::persistence::local_store;

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
            name: RwSignal::new(local_store().and_then(|store| store.reporter())),
        }
    }

    /// Keeps the name (blank forgets it).
    pub fn set(&self, name: &str) {
        let name = name.trim();
        if let Some(store) = local_store() {
            let _ = store.set_reporter(name);
        }
        self.name.set((!name.is_empty()).then(|| name.to_string()));
    }
}

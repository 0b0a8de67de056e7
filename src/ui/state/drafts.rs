//! Text typed but not committed yet, per program and field, so that nothing re-rendering
//! the field (another tab's save, an undo) wipes it.

use std::collections::HashMap;

use leptos::prelude::*;

use super::document::Document;

/// The drafts of the open program's fields.
#[derive(Clone, Copy)]
pub struct Drafts {
    doc: Document,
    map: StoredValue<HashMap<(String, String), String>>,
}

pub fn expect_drafts() -> Drafts {
    expect_context::<Drafts>()
}

impl Drafts {
    pub fn new(doc: Document) -> Drafts {
        Drafts {
            doc,
            map: StoredValue::new(HashMap::new()),
        }
    }

    fn slot(&self, key: &str) -> (String, String) {
        (self.doc.id.get_untracked(), key.to_string())
    }

    /// The draft of a field, if one is kept.
    pub fn get(&self, key: &str) -> Option<String> {
        let slot = self.slot(key);
        self.map.with_value(|map| map.get(&slot).cloned())
    }

    /// Keeps what is being typed in a field.
    pub fn set(&self, key: &str, text: &str) {
        let slot = self.slot(key);
        self.map.update_value(|map| {
            map.insert(slot, text.to_string());
        });
    }

    /// Forgets a field's draft (committed or discarded).
    pub fn clear(&self, key: &str) {
        let slot = self.slot(key);
        self.map.update_value(|map| {
            map.remove(&slot);
        });
    }
}

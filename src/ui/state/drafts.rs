//! Text typed but not committed yet, per program and field: kept in the browser's storage
//! so it survives a reload or a crash and is offered back in its field, and never wiped by
//! another tab's save or an undo (the field shows its draft over the committed value).

use leptos::prelude::*;

use super::document::Document;
use super::notices::Notices;
use super::persistence::local_store;

/// The drafts of the open program's fields.
#[derive(Clone, Copy)]
pub struct Drafts {
    doc: Document,
    notices: Notices,
}

pub fn expect_drafts() -> Drafts {
    expect_context::<Drafts>()
}

impl Drafts {
    pub fn new(doc: Document, notices: Notices) -> Drafts {
        Drafts { doc, notices }
    }

    /// The draft of a field (a `store::field_key`), if one is kept.
    pub fn get(&self, key: &str) -> Option<String> {
        if self.doc.read_only() {
            return None;
        }
        local_store()?.draft(&self.doc.id.get_untracked(), key)
    }

    /// Keeps what is being typed in a field.
    pub fn set(&self, key: &str, text: &str) {
        if self.doc.read_only() {
            return;
        }
        if let Some(store) = local_store() {
            if let Err(err) = store.keep_draft(&self.doc.id.get_untracked(), key, text) {
                self.notices.notify(err.to_string(), true);
            }
        }
    }

    /// Forgets a field's draft (committed or discarded).
    pub fn clear(&self, key: &str) {
        if let Some(store) = local_store() {
            store.clear_draft(&self.doc.id.get_untracked(), key);
        }
    }
}

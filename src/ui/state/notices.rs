//! Messages shown at the top until dismissed. The same message twice is one notice, moved
//! to the end, so repeated events (another tab saving, say) never pile up.

use leptos::prelude::*;

/// A message shown at the top until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub text: String,
    /// A stored key whose raw content can be downloaded (unreadable data kept aside).
    pub kept_key: Option<String>,
    pub is_error: bool,
}

#[derive(Clone, Copy)]
pub struct Notices {
    pub list: RwSignal<Vec<Notice>>,
    next_id: StoredValue<u64>,
}

pub fn expect_notices() -> Notices {
    expect_context::<Notices>()
}

impl Notices {
    pub fn new() -> Notices {
        Notices {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        }
    }

    fn push(&self, text: String, kept_key: Option<String>, is_error: bool) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.list.update(|list| {
            list.retain(|n| n.text != text);
            list.push(Notice {
                id,
                text,
                kept_key,
                is_error,
            });
        });
    }

    /// Says something (an error when `is_error`).
    pub fn notify(&self, text: impl Into<String>, is_error: bool) {
        self.push(text.into(), None, is_error);
    }

    /// Says that stored data could not be read and offers it for download.
    pub fn notify_kept(&self, text: String, key: String) {
        self.push(text, Some(key), true);
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|list| list.retain(|n| n.id != id));
    }
}

impl Default for Notices {
    fn default() -> Self {
        Notices::new()
    }
}

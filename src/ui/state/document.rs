//! The open program: the one signal every view reads and every edit writes.

use leptos::prelude::*;

use crate::model::Program;

/// A program opened from a share link: shown read-only until saved as a copy.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedView {
    /// The stored program to go back to when the shared one is dismissed.
    pub return_to: Option<String>,
}

/// The open program and where it comes from.
#[derive(Clone, Copy)]
pub struct Document {
    pub program: RwSignal<Program>,
    /// The stored program's id in this browser.
    pub id: RwSignal<String>,
    /// Set while a shared program is open read-only.
    pub shared: RwSignal<Option<SharedView>>,
}

pub fn expect_document() -> Document {
    expect_context::<Document>()
}

impl Document {
    /// True while a shared program is shown: nothing is edited or saved.
    pub fn read_only(&self) -> bool {
        self.shared.with_untracked(Option::is_some)
    }

    /// The program's name, tracked.
    pub fn name(&self) -> String {
        self.program.with(|p| p.name.clone())
    }
}

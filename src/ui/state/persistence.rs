//! Saving the open program to the browser's storage within a second of every change, the
//! program switcher's list, and what happens when another tab saved the same program.

use std::time::Duration;

use leptos::prelude::*;

use super::document::Document;
use super::notices::Notices;
use crate::model::Program;
use crate::store::{self, Index, IndexEntry, SaveError};

/// Save state shown in the header.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    Pending,
    Failed(SaveError),
    Conflict,
}

/// Storage: the revision the open program was read or written at, the save state, this
/// tab's id and the switcher's list.
#[derive(Clone, Copy)]
pub struct Persistence {
    doc: Document,
    notices: Notices,
    pub rev: RwSignal<u64>,
    pub save_state: RwSignal<SaveState>,
    pub index: RwSignal<Index>,
    pub tab: StoredValue<String>,
    pending_save: StoredValue<Option<TimeoutHandle>>,
}

pub fn expect_persistence() -> Persistence {
    expect_context::<Persistence>()
}

impl Persistence {
    pub fn new(doc: Document, notices: Notices, rev: u64, index: Index) -> Persistence {
        Persistence {
            doc,
            notices,
            rev: RwSignal::new(rev),
            save_state: RwSignal::new(SaveState::Saved),
            index: RwSignal::new(index),
            tab: StoredValue::new(store::new_id("tab")),
            pending_save: StoredValue::new(None),
        }
    }

    /// Saves shortly: several quick edits become one write.
    pub fn schedule_save(&self) {
        self.save_state.set(SaveState::Pending);
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
        }
        let this = *self;
        let handle =
            set_timeout_with_handle(move || this.save_now(false), Duration::from_millis(300)).ok();
        self.pending_save.set_value(handle);
    }

    /// Saves at once if a save is pending (e.g. when the tab is hidden or closed).
    pub fn flush(&self) {
        if self.save_state.get_untracked() == SaveState::Pending {
            if let Some(handle) = self.pending_save.get_value() {
                handle.clear();
            }
            self.save_now(false);
        }
    }

    /// Writes the open program; `force` overwrites another tab's newer version.
    pub fn save_now(&self, force: bool) {
        self.pending_save.set_value(None);
        if self.doc.read_only() {
            // A shared program is never written until the user saves a copy.
            return;
        }
        let id = self.doc.id.get_untracked();
        let result = self.doc.program.with_untracked(|program| {
            store::save(
                &id,
                program,
                self.rev.get_untracked(),
                &self.tab.get_value(),
                force,
            )
        });
        match result {
            Ok(rev) => {
                self.rev.set(rev);
                self.save_state.set(SaveState::Saved);
                let name = self.doc.program.with_untracked(|p| p.name.clone());
                self.update_index(|index| {
                    index.current = Some(id.clone());
                    match index.programs.iter_mut().find(|e| e.id == id) {
                        Some(entry) => entry.name = name,
                        None => index.programs.push(IndexEntry {
                            id: id.clone(),
                            name,
                        }),
                    }
                });
            }
            Err(SaveError::Conflict { .. }) => self.save_state.set(SaveState::Conflict),
            Err(err) => self.save_state.set(SaveState::Failed(err)),
        }
    }

    fn update_index(&self, change: impl FnOnce(&mut Index)) {
        self.index.update(change);
        if let Err(err) = self.index.with_untracked(store::save_index) {
            if !matches!(self.save_state.get_untracked(), SaveState::Failed(_)) {
                self.save_state.set(SaveState::Failed(err));
            }
        }
    }

    /// Stores `program` under a new id and opens it (import, duplicate, new, shared copy).
    pub fn save_new(&self, id: &str, program: &Program) {
        self.flush();
        self.doc.shared.set(None);
        self.doc.id.set(id.to_string());
        self.rev.set(0);
        self.doc.program.set(program.clone());
        self.save_now(false);
    }

    /// Opens a stored program by id (the switcher).
    pub fn open_stored(&self, id: &str) {
        self.flush();
        self.doc.shared.set(None);
        match store::load(id) {
            Ok(stored) => {
                self.doc.id.set(stored.id);
                self.rev.set(stored.rev);
                self.doc.program.set(stored.program);
                self.save_state.set(SaveState::Saved);
                self.update_index(|index| index.current = Some(id.to_string()));
            }
            Err(message) => self
                .notices
                .notify(format!("That program could not be opened: {message}"), true),
        }
    }

    /// Deletes a stored program (after the person confirmed) and returns it for undo.
    pub fn delete_stored(&self, id: &str) -> Option<Program> {
        let program = match store::load(id) {
            Ok(stored) => stored.program,
            Err(_) if id == self.doc.id.get_untracked() => self.doc.program.get_untracked(),
            Err(message) => {
                self.notices.notify(
                    format!("That program could not be deleted: {message}"),
                    true,
                );
                return None;
            }
        };
        store::remove(id);
        self.update_index(|index| index.programs.retain(|entry| entry.id != id));
        if id == self.doc.id.get_untracked() {
            let next = self
                .index
                .with_untracked(|index| index.programs.first().map(|e| e.id.clone()));
            match next {
                Some(next) => self.open_stored(&next),
                None => {
                    let example = crate::model::example_program();
                    self.save_new(&store::new_id("p"), &example);
                }
            }
        }
        Some(program)
    }

    /// Another tab changed a stored key: take its version if we have nothing unsaved.
    pub fn other_tab_changed(&self, key: &str) {
        if !self.doc.read_only()
            && store::program_id_of_key(key) == Some(self.doc.id.get_untracked().as_str())
        {
            match self.save_state.get_untracked() {
                SaveState::Pending | SaveState::Conflict => {
                    self.save_state.set(SaveState::Conflict)
                }
                _ => {
                    if let Ok(stored) = store::load(&self.doc.id.get_untracked()) {
                        if stored.rev != self.rev.get_untracked() {
                            self.rev.set(stored.rev);
                            self.doc.program.set(stored.program);
                            self.notices.notify(
                                "This program was updated with changes made in another tab.",
                                false,
                            );
                        }
                    }
                }
            }
        }
        let opened = store::open();
        self.index
            .update(|index| index.programs = opened.index.programs);
    }

    /// Resolves a conflict by taking the other tab's version; returns ours for undo.
    pub fn take_theirs(&self) -> Option<Program> {
        let id = self.doc.id.get_untracked();
        let stored = store::load(&id).ok()?;
        let before = self.doc.program.get_untracked();
        self.rev.set(stored.rev);
        self.doc.program.set(stored.program);
        self.save_state.set(SaveState::Saved);
        Some(before)
    }
}

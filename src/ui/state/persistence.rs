//! Saving the open program within a second of every change, and two tabs as two editors of
//! one document: another tab's save is merged in by entity and field (real conflicts are
//! listed for the person to choose), storage that is full keeps everything in memory,
//! retries by itself and guards the way out. The pure logic is `store::Session`.

use std::time::Duration;

use leptos::prelude::*;

use super::document::Document;
use super::notices::Notices;
use crate::model::{example_program, Program};
use crate::store::{
    copies_key, headroom_warning, new_id, program_id_of_key, read_copies, resolve, write_copies,
    Choice, Conflict, Copies, Index, LocalStorage, SaveError, Session, Storage as _, Store, Sync,
    QUOTA,
};

use wasm_bindgen::JsCast;

use super::clock::read_date as today;

/// The key a stored program's envelope is under.
fn program_key_of(id: &str) -> String {
    format!("throughline/program/{id}")
}

/// The browser's storage, when it may be used.
pub fn local_store() -> Option<Store<LocalStorage>> {
    LocalStorage::open().map(Store::new)
}

/// Where the other side of a conflict comes from, as the choice banner names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherCopy {
    /// Another tab of this browser.
    Tab,
    /// The copy in a GitHub repository (another browser or person).
    GitHub,
    /// The file on disk (another machine, through a synced folder).
    File,
}

impl OtherCopy {
    /// The banner's heading.
    pub fn heading(self) -> &'static str {
        match self {
            OtherCopy::Tab => "Another tab changed the same fields. Choose which to keep:",
            OtherCopy::GitHub => {
                "The copy in GitHub changed the same fields (another browser or person). Choose which to keep:"
            }
            OtherCopy::File => {
                "The file on disk changed the same fields (another machine, through a synced folder). Choose which to keep:"
            }
        }
    }

    /// "this tab's" / "this browser's".
    pub fn here(self) -> &'static str {
        match self {
            OtherCopy::Tab => "this tab's",
            OtherCopy::GitHub | OtherCopy::File => "this browser's",
        }
    }

    /// "the other tab's" / "GitHub's".
    pub fn there(self) -> &'static str {
        match self {
            OtherCopy::Tab => "the other tab's",
            OtherCopy::GitHub => "GitHub's",
            OtherCopy::File => "the file's",
        }
    }
}

impl OtherCopy {
    /// The conflict banner's accessible name.
    pub fn region(self) -> &'static str {
        match self {
            OtherCopy::Tab => "Changes that conflict with another tab",
            OtherCopy::GitHub => "Changes that conflict with the copy in GitHub",
            OtherCopy::File => "Changes that conflict with the file on disk",
        }
    }

    /// Where the other value is, as the banner's line says it.
    pub fn there_short(self) -> &'static str {
        match self {
            OtherCopy::Tab => "in the other tab",
            OtherCopy::GitHub => "in GitHub",
            OtherCopy::File => "in the file",
        }
    }
}

/// Save state shown in the header.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    Pending,
    Failed(SaveError),
}

/// Storage for the open program: this tab's session, the save state, the switcher's list,
/// and conflicts waiting for the person's choice.
#[derive(Clone, Copy)]
pub struct Persistence {
    doc: Document,
    notices: Notices,
    session: StoredValue<Session>,
    tab: StoredValue<String>,
    pub save_state: RwSignal<SaveState>,
    pub index: RwSignal<Index>,
    /// Fields both tabs changed to different values: this tab's value is kept until the
    /// person chooses.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// Where the other values in `conflicts` come from.
    pub conflicts_with: RwSignal<OtherCopy>,
    /// How full storage is, once that is worth saying (`store::headroom_warning`): read
    /// after every save, so the person hears of it before a save is refused.
    pub headroom: RwSignal<Option<String>>,
    /// When a copy of the open program last left this browser (`store/backup.rs`): `None`
    /// for a program not stored here (the example before an edit, a shared link).
    pub copies: RwSignal<Option<Copies>>,
    /// Whether the browser keeps this site's storage until the person clears it
    /// (`navigator.storage.persisted()`); `None` until known or where not supported.
    pub persisted: RwSignal<Option<bool>>,
    pending_save: StoredValue<Option<TimeoutHandle>>,
}

pub fn expect_persistence() -> Persistence {
    expect_context::<Persistence>()
}

impl Persistence {
    pub fn new(
        doc: Document,
        notices: Notices,
        session: Session,
        tab: String,
        index: Index,
    ) -> Persistence {
        Persistence {
            doc,
            notices,
            session: StoredValue::new(session),
            tab: StoredValue::new(tab),
            save_state: RwSignal::new(SaveState::Saved),
            index: RwSignal::new(index),
            conflicts: RwSignal::new(Vec::new()),
            conflicts_with: RwSignal::new(OtherCopy::Tab),
            headroom: RwSignal::new(None),
            copies: RwSignal::new(None),
            persisted: RwSignal::new(None),
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
            set_timeout_with_handle(move || this.save_now(), Duration::from_millis(300)).ok();
        self.pending_save.set_value(handle);
    }

    /// Saves at once if a save is pending (e.g. when the tab is hidden or closed).
    pub fn flush(&self) {
        if self.save_state.get_untracked() == SaveState::Pending {
            self.save_now();
        }
    }

    /// Writes the open program, merging another tab's save first if there was one.
    pub fn save_now(&self) {
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
        }
        self.pending_save.set_value(None);
        if self.doc.read_only() {
            // A shared program is never written until the person saves a copy.
            return;
        }
        let Some(store) = local_store() else {
            self.save_state
                .set(SaveState::Failed(SaveError::Unavailable));
            return;
        };
        let sync = self
            .doc
            .program
            .with_untracked(|program| self.session.try_update_value(|s| s.save(&store, program)));
        if let Some(sync) = sync {
            self.apply(sync);
        }
    }

    /// Shows what a save or another tab's save did.
    fn apply(&self, sync: Sync) {
        if let Some(merge) = sync.merge {
            let renumbered = merge.renumbered_text();
            if merge.program != self.doc.program.get_untracked() {
                self.doc.program.set(merge.program);
                self.notices
                    .notify("Updated with changes made in another tab.", false);
            }
            if let Some(message) = renumbered {
                self.notices.notify(message, false);
            }
            if let Some(message) = merge.fallback {
                self.notices.notify(message, true);
            }
            self.add_conflicts(merge.conflicts, OtherCopy::Tab);
        }
        for kept in sync.kept_aside {
            self.notices.notify_kept(
                format!(
                    "{} It has been kept exactly as it was; you can download it.",
                    kept.message
                ),
                kept.key,
            );
        }
        if sync.gone {
            self.notices.notify(
                "This program was deleted in another tab. It is still here; your next change stores it again.",
                false,
            );
        }
        if let Some(index) = sync.index {
            self.index.set(index);
        }
        match sync.saved {
            Ok(_) => {
                self.save_state.set(SaveState::Saved);
                self.read_copies();
                self.ask_to_persist();
            }
            Err(err) => self.save_state.set(SaveState::Failed(err)),
        }
        self.measure_headroom();
    }

    /// Reads when a copy of the open program last left the browser, starting the record the
    /// first time the program is stored here.
    pub fn read_copies(&self) {
        let Some(storage) = LocalStorage::open() else {
            return;
        };
        let id = self.doc.id.get_untracked();
        let stored = storage.get(&program_key_of(&id)).ok().flatten().is_some();
        let copies = if self.doc.read_only() || !stored {
            None
        } else {
            let key = copies_key(&id);
            match storage
                .get(&key)
                .ok()
                .flatten()
                .as_deref()
                .and_then(read_copies)
            {
                Some(copies) => Some(copies),
                None => {
                    let copies = Copies::new(today());
                    let _ = storage.set(&key, &write_copies(&copies));
                    Some(copies)
                }
            }
        };
        if self.copies.get_untracked() != copies {
            self.copies.set(copies);
        }
    }

    /// A copy of the open program left the browser today (exported, backed up, shared).
    pub fn mark_copied(&self) {
        let Some(storage) = LocalStorage::open() else {
            return;
        };
        let id = self.doc.id.get_untracked();
        let copies = self
            .copies
            .get_untracked()
            .unwrap_or_else(|| Copies::new(today()))
            .copied(today());
        let _ = storage.set(&copies_key(&id), &write_copies(&copies));
        self.copies.set(Some(copies));
    }

    /// Asks the browser, once the person has made a real edit, to keep this site's storage
    /// until the person clears it, and notes its answer for the Program view.
    pub fn ask_to_persist(&self) {
        if self.persisted.get_untracked() == Some(true) {
            return;
        }
        let Some(storage) = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"storage".into()).ok())
        else {
            return;
        };
        let call = |name: &str| -> Option<js_sys::Promise> {
            let method = js_sys::Reflect::get(&storage, &name.into()).ok()?;
            let method: js_sys::Function = method.dyn_into().ok()?;
            method.call0(&storage).ok()?.dyn_into().ok()
        };
        let Some(promise) = call("persist") else {
            return;
        };
        let persisted = self.persisted;
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(answer) = wasm_bindgen_futures::JsFuture::from(promise).await {
                persisted.set(answer.as_bool());
            }
        });
    }

    /// Reads how much of the browser's storage is used and says so when it is nearly full.
    pub fn measure_headroom(&self) {
        let warning =
            LocalStorage::open().and_then(|storage| headroom_warning(storage.used(), QUOTA));
        if self.headroom.get_untracked() != warning {
            self.headroom.set(warning);
        }
    }

    /// True when something in this tab is not stored yet (nor exported since).
    pub fn has_unsaved(&self) -> bool {
        !self.doc.read_only()
            && self
                .doc
                .program
                .with_untracked(|p| self.session.with_value(|s| s.has_unsaved(p)))
    }

    /// The program was exported as a file: leaving the page no longer needs a warning.
    pub fn mark_exported(&self) {
        self.doc
            .program
            .with_untracked(|p| self.session.update_value(|s| s.mark_exported(p)));
        self.mark_copied();
    }

    /// Another tab changed a stored key (`None`: it cleared them all): merges its save of
    /// this program, refreshes the switcher when programs came or went, and retries a failed
    /// save (the other tab may have freed space).
    pub fn other_tab_changed(&self, key: Option<&str>) {
        let Some(store) = local_store() else { return };
        let ours = key.is_some_and(|k| self.session.with_value(|s| s.concerns(k)));
        // Drafts change on every keystroke in another tab: only the list of programs and
        // the programs themselves change the switcher.
        let listing =
            key.is_none_or(|k| k == "throughline/index" || program_id_of_key(k).is_some());
        if ours && !self.doc.read_only() {
            let sync = self.doc.program.with_untracked(|program| {
                self.session
                    .try_update_value(|s| s.other_tab_saved(&store, program))
            });
            if let Some(sync) = sync {
                self.apply(sync);
            }
        }
        if listing {
            self.index.set(store.open().index);
        }
        if self.has_unsaved() || self.session.with_value(|s| s.failing().is_some()) {
            self.save_now();
        }
    }

    /// Lists conflicts for the person to settle (a later one for the same field replaces
    /// the earlier).
    pub fn add_conflicts(&self, conflicts: Vec<Conflict>, with: OtherCopy) {
        if conflicts.is_empty() {
            return;
        }
        self.conflicts_with.set(with);
        self.conflicts.update(|list| {
            for conflict in conflicts {
                list.retain(|c| c.place != conflict.place);
                list.push(conflict);
            }
        });
    }

    /// Merges a version of the program written elsewhere (a GitHub repository, a file on
    /// disk: `from`, at `place`) into the open one, against `base`, the version both last
    /// agreed on; real conflicts go to the choice banner, keeping this side's value.
    pub fn take_in(&self, base: Option<&Program>, theirs: &Program, from: OtherCopy, place: &str) {
        let current = self.doc.program.get_untracked();
        let merged = crate::store::merge(base.unwrap_or(theirs), &current, theirs);
        if merged.program != current {
            self.doc.program.set(merged.program.clone());
            self.schedule_save();
            self.notices.notify(
                format!("Updated with changes made elsewhere, from {place}."),
                false,
            );
        }
        if let Some(message) = merged.renumbered_text() {
            self.notices.notify(message, false);
        }
        if let Some(why) = merged.fallback {
            self.notices.notify(
                format!("The copy in {place} could not be merged with this one ({why}). This browser's copy is kept and written there."),
                true,
            );
        }
        self.add_conflicts(merged.conflicts, from);
    }

    /// Keeps one side of a conflict; the choice is an ordinary edit, saved shortly.
    pub fn choose(&self, conflict: &Conflict, choice: Choice) -> Result<Program, String> {
        let current = self.doc.program.get_untracked();
        let chosen = resolve(&current, conflict, choice).map_err(|err| err.to_string())?;
        self.conflicts
            .update(|list| list.retain(|c| c.place != conflict.place));
        Ok(chosen)
    }

    /// Stores `program` under a new id and opens it (import, duplicate, new, shared copy).
    pub fn save_new(&self, id: &str, program: &Program) {
        self.flush();
        self.doc.shared.set(None);
        self.doc.id.set(id.to_string());
        self.session
            .set_value(Session::unsaved(id, &self.tab.get_value()));
        self.conflicts.set(Vec::new());
        self.doc.program.set(program.clone());
        self.save_now();
    }

    /// Opens a stored program by id (the switcher).
    pub fn open_stored(&self, id: &str) {
        self.flush();
        let Some(store) = local_store() else { return };
        match store.load(id) {
            Ok(stored) => {
                self.doc.shared.set(None);
                self.session
                    .set_value(Session::opened(&stored, &self.tab.get_value()));
                self.doc.id.set(stored.id);
                self.conflicts.set(Vec::new());
                self.doc.program.set(stored.program);
                self.save_state.set(SaveState::Saved);
                self.read_copies();
                if let Ok(Some(index)) =
                    store.list_as_current(id, &self.doc.program.with_untracked(|p| p.name.clone()))
                {
                    self.index.set(index);
                }
            }
            Err(err) => self
                .notices
                .notify(format!("That program could not be opened: {err}"), true),
        }
    }

    /// The stored program `id`, or the open one.
    pub fn load(&self, id: &str) -> Option<Program> {
        if id == self.doc.id.get_untracked() {
            return Some(self.doc.program.get_untracked());
        }
        local_store()?.load(id).ok().map(|s| s.program)
    }

    /// Deletes a stored program (after the person confirmed) and returns it for undo.
    pub fn delete_stored(&self, id: &str) -> Option<Program> {
        let program = self.load(id)?;
        let store = local_store()?;
        if let Err(err) = store.remove(id) {
            self.notices
                .notify(format!("That program could not be deleted: {err}"), true);
            return None;
        }
        self.index.set(store.open().index);
        if id == self.doc.id.get_untracked() {
            let next = self
                .index
                .with_untracked(|index| index.programs.first().map(|e| e.id.clone()));
            match next {
                Some(next) => self.open_stored(&next),
                None => self.save_new(&new_id("p"), &example_program()),
            }
        } else if self.session.with_value(|s| s.failing().is_some()) {
            // Space was freed: try the save that failed again.
            self.save_now();
        }
        Some(program)
    }
}

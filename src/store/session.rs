//! One tab editing one stored program: what this tab and storage last agreed on (the base
//! of every merge), autosave that merges another tab's save instead of overwriting it, and
//! whether anything typed here is not yet safe (for `beforeunload`).
//! Pure: storage comes in as an argument; no clock. Never drops this tab's program: every
//! outcome leaves it in memory, merged or as it was.

use super::envelope::EnvelopeError;
use super::merge::{merge, Merge};
use super::parts::Written;
use super::programs::{Index, LoadError, SaveError, Store, StoredProgram, Unreadable};
use super::storage::Storage;
use crate::model::Program;

/// This tab's side of one stored program.
#[derive(Debug, Clone)]
pub struct Session {
    id: String,
    tab: String,
    /// The program as last written or read here: what this tab and storage agree on.
    /// `None`: never stored yet.
    base: Option<Program>,
    rev: u64,
    /// The tab that wrote `rev`: another tab's write of the same number is a change too.
    rev_by: Option<String>,
    /// The base this tab's last write was made on. localStorage has no transactions: a tab
    /// that read the same revision and wrote just after this one made its change on it, so
    /// it is the base to merge that write with.
    before_last_write: Option<Program>,
    exported: Option<Program>,
    failing: Option<SaveError>,
    /// Which parts hold the stored program: a save writes only the parts that changed.
    written: Written,
}

/// What a save or another tab's save did.
#[derive(Debug, Clone, PartialEq)]
pub struct Sync {
    /// Another tab had saved: its changes merged with this tab's. Show `merge.program` from
    /// now on (it keeps this tab's value wherever both changed a field) and list the
    /// conflicts for the person to choose.
    pub merge: Option<Merge>,
    /// Stored data that could not be read or merged, kept aside before this tab wrote.
    pub kept_aside: Vec<Unreadable>,
    /// `Ok(Some(rev))`: written; `Ok(None)`: nothing to write; `Err`: not saved (this tab's
    /// program is still in memory; see [`Session::failing`]).
    pub saved: Result<Option<u64>, SaveError>,
    /// The switcher's index, when saving changed it.
    pub index: Option<Index>,
    /// The program is no longer stored (deleted in another tab). This tab still has it;
    /// a save with unsaved changes stores it again.
    pub gone: bool,
}

impl Sync {
    fn new() -> Sync {
        Sync {
            merge: None,
            kept_aside: Vec::new(),
            saved: Ok(None),
            index: None,
            gone: false,
        }
    }
}

impl Session {
    /// A program read from storage.
    pub fn opened(stored: &StoredProgram, tab: &str) -> Session {
        Session {
            id: stored.id.clone(),
            tab: tab.to_string(),
            base: Some(stored.program.clone()),
            rev: stored.rev,
            rev_by: stored.tab.clone(),
            before_last_write: None,
            exported: None,
            failing: None,
            written: stored.written.clone(),
        }
    }

    /// A program not stored yet (new, imported, a copy): its first save creates it.
    pub fn unsaved(id: &str, tab: &str) -> Session {
        Session {
            id: id.to_string(),
            tab: tab.to_string(),
            base: None,
            rev: 0,
            rev_by: None,
            before_last_write: None,
            exported: None,
            failing: None,
            written: Written::default(),
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The revision this tab last wrote or read.
    pub fn rev(&self) -> u64 {
        self.rev
    }

    /// The program as this tab and storage last agreed on it.
    pub fn base(&self) -> Option<&Program> {
        self.base.as_ref()
    }

    /// Whether a storage event for `key` is a save of this program by another tab.
    pub fn concerns(&self, key: &str) -> bool {
        super::keys::program_id_of_key(key) == Some(self.id.as_str())
    }

    /// True while `current` holds something neither stored nor exported: leaving the page
    /// must ask first.
    pub fn has_unsaved(&self, current: &Program) -> bool {
        self.base.as_ref() != Some(current) && self.exported.as_ref() != Some(current)
    }

    /// The person exported `current` as a file: it is safe even if storage is full.
    pub fn mark_exported(&mut self, current: &Program) {
        self.exported = Some(current.clone());
    }

    /// Why the last save failed, until a save succeeds: retry on every edit, after any
    /// removal here, and on every storage event from another tab.
    pub fn failing(&self) -> Option<&SaveError> {
        self.failing.as_ref()
    }

    /// Autosave: brings in another tab's save if there was one (merging), then writes this
    /// tab's program if it differs from what is stored. When nothing else wrote, this reads
    /// only the stored revision and writes the envelope as text.
    pub fn save<S: Storage>(&mut self, store: &Store<S>, current: &Program) -> Sync {
        let mut sync = Sync::new();
        if let Err(err) = self.catch_up(store, current, &mut sync) {
            self.failing = Some(err.clone());
            sync.saved = Err(err);
            return sync;
        }
        let program = sync.merge.as_ref().map_or(current, |merge| &merge.program);
        if self.base.as_ref() == Some(program) {
            self.failing = None;
            return sync;
        }
        let rev = self.rev + 1;
        match store.write(&self.id, program, rev, &self.tab, &mut self.written) {
            Ok(()) => {
                self.before_last_write = self.base.replace(program.clone());
                self.rev = rev;
                self.rev_by = Some(self.tab.clone());
                self.failing = None;
                sync.saved = Ok(Some(rev));
                // The index is derived data: rebuilt at the next start if this fails.
                sync.index = store
                    .list_as_current(&self.id, &program.name)
                    .ok()
                    .flatten();
            }
            Err(err) => {
                self.failing = Some(err.clone());
                sync.saved = Err(err);
            }
        }
        sync
    }

    /// Another tab wrote this program (a storage event for its key): merges that save into
    /// `current` without writing. Afterwards, if [`Session::has_unsaved`] (this tab's own
    /// changes, or a save that failed before), call [`Session::save`].
    pub fn other_tab_saved<S: Storage>(&mut self, store: &Store<S>, current: &Program) -> Sync {
        let mut sync = Sync::new();
        if let Err(err) = self.catch_up(store, current, &mut sync) {
            self.failing = Some(err.clone());
            sync.saved = Err(err);
        }
        sync
    }

    /// Makes this tab's base the stored version, merging it into `current` when another
    /// tab wrote since. Unreadable stored data is kept aside (or, if that is impossible,
    /// the save is refused) so that the write that follows never destroys it.
    fn catch_up<S: Storage>(
        &mut self,
        store: &Store<S>,
        current: &Program,
        sync: &mut Sync,
    ) -> Result<(), SaveError> {
        let header = match store.header(&self.id) {
            Ok(header) => header,
            Err(LoadError::Unreadable(EnvelopeError::Newer)) => return Err(SaveError::Newer),
            Err(LoadError::Storage(err)) => return Err(err.into()),
            Err(_) => return self.keep_aside(store, sync, "could not be read"),
        };
        let Some(header) = header else {
            // Never stored, or removed by another tab (with its parts): the next write
            // (re)creates it, every part of it.
            sync.gone = self.base.is_some();
            self.written = Written::default();
            return Ok(());
        };
        if self.base.is_some() && header.rev == self.rev && header.tab == self.rev_by {
            return Ok(());
        }
        let theirs = match store.load(&self.id) {
            Ok(theirs) => theirs,
            Err(LoadError::Missing) => return Ok(()),
            Err(LoadError::Unreadable(EnvelopeError::Newer)) => return Err(SaveError::Newer),
            Err(LoadError::Storage(err)) => return Err(err.into()),
            Err(LoadError::Unreadable(EnvelopeError::Damaged(_))) => {
                self.rev = self.rev.max(header.rev);
                return self.keep_aside(store, sync, "could not be read");
            }
        };
        let Some(base) = &self.base else {
            // Something already stored under a new program's id: kept aside, not merged.
            self.rev = theirs.rev;
            self.rev_by = theirs.tab;
            return self.keep_aside(store, sync, "was found under the id of a new program");
        };
        // Same number, other writer, on top of this tab's own write: both were made on the
        // revision before.
        let raced = theirs.rev == self.rev && self.rev_by.as_deref() == Some(self.tab.as_str());
        let base = match &self.before_last_write {
            Some(before) if raced => before,
            _ => base,
        };
        let mut merged = merge(base, current, &theirs.program);
        if merged.fallback.is_some() {
            self.keep_aside(store, sync, "could not be merged")?;
        }
        // What the merge left as it was stored stays the very same value, so the next save
        // writes only the parts this tab changed.
        crate::model::reuse_unchanged(&mut merged.program, &theirs.program);
        crate::model::reuse_unchanged(&mut merged.program, current);
        self.written = theirs.written;
        self.base = Some(theirs.program);
        self.rev = theirs.rev;
        self.rev_by = theirs.tab;
        self.before_last_write = None;
        sync.merge = Some(merged);
        Ok(())
    }

    fn keep_aside<S: Storage>(
        &self,
        store: &Store<S>,
        sync: &mut Sync,
        why: &str,
    ) -> Result<(), SaveError> {
        let stored_key = super::keys::program_key(&self.id);
        let Some(text) = store.raw_program(&self.id) else {
            return Ok(());
        };
        let key = store
            .keep_aside(&format!("program-{}", self.id), &text)
            .map_err(|_| SaveError::Unreadable)?;
        // Kept aside, so the original can go: this tab's version is saved in its place.
        let _ = store.storage().remove(&stored_key);
        sync.kept_aside.push(Unreadable {
            key,
            message: format!("A stored copy of this program {why}; it was kept aside exactly as it was, and this tab's version takes its place."),
        });
        Ok(())
    }
}

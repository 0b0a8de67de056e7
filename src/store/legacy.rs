//! Today's free functions of `crate::store`, kept with their signatures as thin wrappers
//! over `Store<LocalStorage>` until the UI moves to `Store` and `Session`. New code should
//! not call them: `save` here refuses another tab's newer revision instead of merging it.

use super::local::LocalStorage;
use super::programs::{Index, Opened, SaveError, Store, StoredProgram};
use crate::model::Program;

fn store() -> Option<Store<LocalStorage>> {
    LocalStorage::open().map(Store::new)
}

/// The raw text stored under a key (for downloading unreadable data).
pub fn raw(key: &str) -> Option<String> {
    store()?.raw(key)
}

/// Reads the index and the current program; lists what could not be read.
pub fn open() -> Opened {
    match store() {
        Some(store) => store.open(),
        None => Opened::default(),
    }
}

/// Reads one stored program with its revision.
pub fn load(id: &str) -> Result<StoredProgram, String> {
    let store = store().ok_or_else(|| "this browser does not allow storage".to_string())?;
    store.load(id).map_err(|err| err.to_string())
}

/// The revision currently stored for a program, if it can be read.
pub fn stored_rev(id: &str) -> Option<u64> {
    store()?.stored_rev(id)
}

/// Saves a program if the stored revision is still `expected_rev` (or `force`).
pub fn save(
    id: &str,
    program: &Program,
    expected_rev: u64,
    tab: &str,
    force: bool,
) -> Result<u64, SaveError> {
    store()
        .ok_or(SaveError::Unavailable)?
        .save(id, program, expected_rev, tab, force)
}

/// Writes the switcher's list.
pub fn save_index(index: &Index) -> Result<(), SaveError> {
    store().ok_or(SaveError::Unavailable)?.save_index(index)
}

/// Removes a stored program (the UI asks first and keeps it for undo).
pub fn remove(id: &str) {
    if let Some(store) = store() {
        let _ = store.remove(id);
    }
}

/// Removes data kept aside, after the user chose to discard it.
pub fn discard(key: &str) {
    if let Some(store) = store() {
        let _ = store.discard(key);
    }
}

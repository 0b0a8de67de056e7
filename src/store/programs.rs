//! The programs kept in this browser: one envelope per program, the switcher's index, and
//! data kept aside because it could not be read. `Store` works on any [`Storage`].
//! It never overwrites a stored value it could not read (it moves it aside first, or
//! refuses), never writes over a newer revision unless told to, and never panics.

use serde::{Deserialize, Serialize};

use super::envelope::{
    read_envelope, read_header, read_layout, write_layout_envelope, EnvelopeError, Header,
};
use super::keys::{
    part_key, part_of_key, parts_prefix, program_id_of_key, program_key, INDEX_KEY, PART_PREFIX,
    PROGRAM_PREFIX, QUARANTINE_PREFIX,
};
use super::parts::{cut, join, written_as, Layout, Written};
use super::storage::{Storage, StorageError};
use crate::model::Program;

/// The switcher's list: which programs are stored, and the one last open.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub programs: Vec<IndexEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub id: String,
    pub name: String,
}

/// Stored data that could not be read: kept exactly as it was, under `key`, for download.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub key: String,
    pub message: String,
}

/// A program read from storage with the revision it was read at.
#[derive(Debug, Clone)]
pub struct StoredProgram {
    pub id: String,
    pub program: Program,
    pub rev: u64,
    /// The tab that wrote that revision (`None` for a bare program from an older store).
    pub tab: Option<String>,
    /// Which parts hold it (empty for an older envelope): the next save writes only what
    /// changed since.
    pub written: Written,
}

impl PartialEq for StoredProgram {
    fn eq(&self, other: &Self) -> bool {
        (&self.id, &self.program, self.rev, &self.tab)
            == (&other.id, &other.program, other.rev, &other.tab)
    }
}

/// Everything found in storage at start-up.
#[derive(Debug, Clone, Default)]
pub struct Opened {
    /// False when storage cannot be used at all (changes then last only while the tab is open).
    pub available: bool,
    pub index: Index,
    pub current: Option<StoredProgram>,
    pub unreadable: Vec<Unreadable>,
}

/// Why a save did not happen; nothing in memory is lost in any case.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SaveError {
    #[error("This browser's storage is full, so the latest changes are not saved yet. They are still here: export the program as a file to keep them safe.")]
    Quota,
    #[error("This program was changed in another tab.")]
    Conflict { theirs: u64 },
    #[error("This browser does not allow saving (storage is turned off). Changes last only while this tab is open; export the program as a file to keep them.")]
    Unavailable,
    #[error(
        "The stored copy of this program could not be read, so it was kept and not overwritten."
    )]
    Unreadable,
    #[error("Another tab saved this program with a newer version of Throughline, so this tab does not overwrite it. Reload this tab to keep working; export the program as a file to keep this tab's changes.")]
    Newer,
    #[error("Could not save: {0}")]
    Other(String),
}

impl From<StorageError> for SaveError {
    fn from(err: StorageError) -> SaveError {
        match err {
            StorageError::Quota => SaveError::Quota,
            StorageError::Other(message) => SaveError::Other(message),
        }
    }
}

/// Why a stored program could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("it is no longer stored")]
    Missing,
    #[error("{0}")]
    Unreadable(EnvelopeError),
    #[error("storage could not be read ({0})")]
    Storage(StorageError),
}

/// The programs of one browser, over any storage.
#[derive(Debug)]
pub struct Store<S> {
    storage: S,
}

impl<S: Storage> Store<S> {
    pub fn new(storage: S) -> Store<S> {
        Store { storage }
    }

    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// The raw text stored under a key (to download data kept aside).
    pub fn raw(&self, key: &str) -> Option<String> {
        self.storage.get(key).ok().flatten()
    }

    /// Reads the index and the current program, moves unreadable programs aside and
    /// rebuilds the index from the programs found when it is missing, damaged or stale.
    pub fn open(&self) -> Opened {
        let mut unreadable = Vec::new();
        let mut available = true;
        let mut index = match self.storage.get(INDEX_KEY) {
            Ok(None) => Index::default(),
            Ok(Some(text)) => serde_json::from_str::<Index>(&text).unwrap_or_else(|err| {
                let key = self.keep_aside("index", &text).unwrap_or(INDEX_KEY.into());
                unreadable.push(Unreadable {
                    key,
                    message: format!("The list of stored programs could not be read ({err}); it was rebuilt from the programs found."),
                });
                Index::default()
            }),
            Err(_) => {
                available = false;
                Index::default()
            }
        };
        let before = index.clone();

        let mut readable: Vec<StoredProgram> = Vec::new();
        for key in self.storage.keys(PROGRAM_PREFIX) {
            let Some(id) = program_id_of_key(&key).map(str::to_string) else {
                continue;
            };
            let name = index
                .programs
                .iter()
                .find(|entry| entry.id == id)
                .map_or(id.clone(), |entry| entry.name.clone());
            match self.load(&id) {
                Ok(stored) => readable.push(stored),
                Err(LoadError::Unreadable(EnvelopeError::Newer)) => unreadable.push(Unreadable {
                    message: format!("The stored program \"{name}\" was saved by a newer version of Throughline; it is left as it is. Reload to use the newer version."),
                    key,
                }),
                Err(LoadError::Unreadable(EnvelopeError::Damaged(why))) => {
                    let text = self.raw_program(&id).unwrap_or_default();
                    let kept = match self.keep_aside(&format!("program-{id}"), &text) {
                        Ok(aside) => {
                            let _ = self.storage.remove(&key);
                            aside
                        }
                        // No room to copy it: it stays where it is, out of the index.
                        Err(_) => key,
                    };
                    unreadable.push(Unreadable {
                        key: kept,
                        message: format!("The stored program \"{name}\" could not be read: {why}."),
                    });
                }
                Err(LoadError::Missing) => {}
                Err(LoadError::Storage(_)) => available = false,
            }
        }
        for kept in self.kept_aside() {
            if !unreadable.iter().any(|u| u.key == kept.key) {
                unreadable.push(kept);
            }
        }

        index
            .programs
            .retain(|entry| readable.iter().any(|stored| stored.id == entry.id));
        for stored in &readable {
            match index.programs.iter_mut().find(|e| e.id == stored.id) {
                Some(entry) => entry.name.clone_from(&stored.program.name),
                None => index.programs.push(IndexEntry {
                    id: stored.id.clone(),
                    name: stored.program.name.clone(),
                }),
            }
        }
        index.current = index
            .current
            .take()
            .filter(|id| readable.iter().any(|stored| &stored.id == id))
            .or_else(|| index.programs.first().map(|entry| entry.id.clone()));
        if index != before && available {
            // The index is derived data: if it cannot be written now it is rebuilt next time.
            let _ = self.save_index(&index);
        }
        self.sweep_drafts();
        self.sweep_pull_choices();
        if available {
            self.sweep_parts();
        }
        let current = index
            .current
            .as_ref()
            .and_then(|id| readable.iter().position(|stored| &stored.id == id))
            .map(|at| readable.swap_remove(at));
        Opened {
            available,
            index,
            current,
            unreadable,
        }
    }

    /// Reads one stored program with its revision.
    pub fn load(&self, id: &str) -> Result<StoredProgram, LoadError> {
        let text = self
            .storage
            .get(&program_key(id))
            .map_err(LoadError::Storage)?
            .ok_or(LoadError::Missing)?;
        let Some(layout) = read_layout(&text).map_err(LoadError::Unreadable)? else {
            let (program, header) = read_envelope(&text).map_err(LoadError::Unreadable)?;
            return Ok(StoredProgram {
                id: id.to_string(),
                program,
                rev: header.rev,
                tab: header.tab,
                written: Written::default(),
            });
        };
        let header = read_header(&text).map_err(LoadError::Unreadable)?;
        let damaged = |why: String| LoadError::Unreadable(EnvelopeError::Damaged(why));
        let text = join(&layout, |hash| {
            self.storage.get(&part_key(id, hash)).ok().flatten()
        })
        .map_err(|err| damaged(err.to_string()))?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|err| damaged(format!("its parts do not make a program ({err})")))?;
        let complete = every_entity_has_a_uid(&value);
        let program = crate::model::read_program_value(value)
            .map(|loaded| loaded.program)
            .map_err(|err| damaged(err.to_string()))?;
        // Given uids on reading, it no longer cuts into the stored runs: write them all next.
        let written = complete
            .then(|| written_as(&program, &layout))
            .flatten()
            .unwrap_or_default();
        Ok(StoredProgram {
            id: id.to_string(),
            program,
            rev: header.rev,
            tab: header.tab,
            written,
        })
    }

    /// Everything stored for a program, as one text to keep aside or download: a version 2
    /// program with its parts put back together (a version 1 envelope, which this and older
    /// builds read), or, when its parts cannot be joined, the envelope and every part as
    /// they are; an older envelope or damaged text exactly as stored.
    pub fn raw_program(&self, id: &str) -> Option<String> {
        let text = self.raw(&program_key(id))?;
        let Ok(Some(layout)) = read_layout(&text) else {
            return Some(text);
        };
        let part = |hash: &str| self.storage.get(&part_key(id, hash)).ok().flatten();
        let joined = join(&layout, part)
            .ok()
            .filter(|text| serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok());
        if let Some(program) = joined {
            let header = read_header(&text).ok()?;
            let tab = serde_json::to_string(&header.tab).ok()?;
            return Some(format!(
                "{{\"v\":1,\"rev\":{},\"tab\":{tab},\"program\":{program}}}",
                header.rev
            ));
        }
        // Each text as a JSON string: no JSON value is built, so its writer stays out of
        // the download.
        let quoted = |text: &str| serde_json::to_string(text).unwrap_or_default();
        let parts: Vec<String> = layout
            .parts()
            .map(|hash| {
                let stored = part(hash).map_or("null".to_string(), |text| quoted(&text));
                format!("{}:{stored}", quoted(hash))
            })
            .collect();
        Some(format!(
            "{{\"envelope\":{},\"parts\":{{{}}}}}",
            quoted(&text),
            parts.join(",")
        ))
    }

    /// The parts a stored program's envelope names, if it has a readable version 2 one.
    fn layout_of(&self, id: &str) -> Option<Layout> {
        let text = self.storage.get(&program_key(id)).ok().flatten()?;
        read_layout(&text).ok().flatten()
    }

    /// The stored envelope's header without reading its program; `None` if not stored.
    pub fn header(&self, id: &str) -> Result<Option<Header>, LoadError> {
        match self.storage.get(&program_key(id)) {
            Err(err) => Err(LoadError::Storage(err)),
            Ok(None) => Ok(None),
            Ok(Some(text)) => read_header(&text).map(Some).map_err(LoadError::Unreadable),
        }
    }

    /// The revision stored for a program, if it can be read.
    pub fn stored_rev(&self, id: &str) -> Option<u64> {
        self.header(id).ok().flatten().map(|header| header.rev)
    }

    /// Saves `program` if the stored revision is still `expected_rev` (or `force`), and
    /// returns the new revision. Never writes over a stored value it cannot read.
    pub fn save(
        &self,
        id: &str,
        program: &Program,
        expected_rev: u64,
        tab: &str,
        force: bool,
    ) -> Result<u64, SaveError> {
        let theirs = match self.header(id) {
            Ok(None) => 0,
            Ok(Some(header)) => header.rev,
            Err(LoadError::Unreadable(EnvelopeError::Newer)) => return Err(SaveError::Newer),
            Err(LoadError::Storage(err)) => return Err(err.into()),
            Err(_) => return Err(SaveError::Unreadable),
        };
        if theirs != expected_rev && !force {
            return Err(SaveError::Conflict { theirs });
        }
        let rev = theirs.max(expected_rev) + 1;
        let mut written = Written::over(self.layout_of(id));
        self.write(id, program, rev, tab, &mut written)?;
        Ok(rev)
    }

    /// Writes the program at `rev` whatever is stored (the caller has checked): the parts
    /// that changed since `written` first, then the envelope naming them, then the parts
    /// no longer named. On success `written` is what is stored now; on a failure nothing
    /// stored is lost (parts written so far are unnamed, swept at the next start).
    pub(crate) fn write(
        &self,
        id: &str,
        program: &Program,
        rev: u64,
        tab: &str,
        written: &mut Written,
    ) -> Result<(), SaveError> {
        let cut = cut(program, written);
        for (hash, text) in &cut.new_parts {
            self.storage.set(&part_key(id, hash), text)?;
        }
        let text = write_layout_envelope(&cut.layout, rev, tab).map_err(SaveError::Other)?;
        self.storage.set(&program_key(id), &text)?;
        // Parts only this tab's last save named go, unless another tab has written since
        // (then they may be its parts too; the next start sweeps what nobody names).
        let still_ours =
            self.storage.get(&program_key(id)).ok().flatten().as_deref() == Some(text.as_str());
        if let (Some(before), true) = (&written.layout, still_ours) {
            let named: std::collections::HashSet<&String> = cut.layout.parts().collect();
            for gone in before.parts().filter(|hash| !named.contains(hash)) {
                let _ = self.storage.remove(&part_key(id, gone));
            }
        }
        *written = cut.written;
        Ok(())
    }

    /// Removes parts that no stored program names (a save cut short, a program deleted in
    /// a tab that closed before it tidied up).
    fn sweep_parts(&self) {
        let mut named: std::collections::HashMap<String, Option<Layout>> =
            std::collections::HashMap::new();
        for key in self.storage.keys(PART_PREFIX) {
            let Some((id, hash)) = part_of_key(&key) else {
                continue;
            };
            let layout = named
                .entry(id.clone())
                .or_insert_with(|| self.layout_of(&id));
            // A program whose envelope cannot be read keeps its parts: they may be all
            // that is left of it.
            let envelope_there = matches!(self.storage.get(&program_key(&id)), Ok(Some(_)));
            let keep = match layout {
                Some(layout) => layout.parts().any(|h| h == hash),
                None => envelope_there,
            };
            if !keep {
                let _ = self.storage.remove(&key);
            }
        }
    }

    /// Writes the switcher's list. A stored index that cannot be read is moved aside first.
    pub fn save_index(&self, index: &Index) -> Result<(), SaveError> {
        if let Some(text) = self.storage.get(INDEX_KEY)? {
            if serde_json::from_str::<Index>(&text).is_err() {
                self.keep_aside("index", &text)?;
            }
        }
        let text = serde_json::to_string(index).map_err(|err| SaveError::Other(err.to_string()))?;
        self.storage.set(INDEX_KEY, &text)?;
        Ok(())
    }

    /// Lists a saved program in the index as the current one, writing the index only when
    /// that changes it. Returns the index when it changed.
    pub fn list_as_current(&self, id: &str, name: &str) -> Result<Option<Index>, SaveError> {
        let stored = self.storage.get(INDEX_KEY)?;
        let mut index = stored
            .as_deref()
            .and_then(|text| serde_json::from_str::<Index>(text).ok())
            .unwrap_or_default();
        let before = index.clone();
        index.current = Some(id.to_string());
        match index.programs.iter_mut().find(|entry| entry.id == id) {
            Some(entry) if entry.name == name => {}
            Some(entry) => entry.name = name.to_string(),
            None => index.programs.push(IndexEntry {
                id: id.to_string(),
                name: name.to_string(),
            }),
        }
        if stored.is_some() && index == before {
            return Ok(None);
        }
        self.save_index(&index)?;
        Ok(Some(index))
    }

    /// Removes a stored program and its entry in the index (the UI asks first and keeps
    /// the program for undo).
    pub fn remove(&self, id: &str) -> Result<(), SaveError> {
        self.storage.remove(&program_key(id))?;
        for key in self.storage.keys(&parts_prefix(id)) {
            let _ = self.storage.remove(&key);
        }
        let _ = self.storage.remove(&super::keys::copies_key(id));
        let index = self
            .storage
            .get(INDEX_KEY)?
            .and_then(|text| serde_json::from_str::<Index>(&text).ok());
        if let Some(mut index) = index {
            index.programs.retain(|entry| entry.id != id);
            if index.current.as_deref() == Some(id) {
                index.current = index.programs.first().map(|entry| entry.id.clone());
            }
            self.save_index(&index)?;
        }
        Ok(())
    }

    /// Removes data kept aside, after the person chose to discard it.
    pub fn discard(&self, key: &str) -> Result<(), SaveError> {
        self.storage.remove(key)?;
        Ok(())
    }

    /// Everything kept aside, each with what it was.
    pub fn kept_aside(&self) -> Vec<Unreadable> {
        self.storage
            .keys(QUARANTINE_PREFIX)
            .into_iter()
            .map(|key| {
                let name = key.strip_prefix(QUARANTINE_PREFIX).unwrap_or(&key);
                let message = if name.starts_with("program-") {
                    let why = match self.raw(&key).map(|text| read_envelope(&text)) {
                        Some(Err(err)) => format!(": {err}"),
                        _ => String::new(),
                    };
                    format!("A stored program was kept aside earlier because it could not be read{why}.")
                } else if name.starts_with("index") {
                    "A damaged list of stored programs was kept aside earlier.".to_string()
                } else {
                    "Data was kept aside earlier because it could not be read.".to_string()
                };
                Unreadable { key, message }
            })
            .collect()
    }

    /// Copies `text` aside under a new quarantine key (`name`, then `name-2`, …).
    pub(crate) fn keep_aside(&self, name: &str, text: &str) -> Result<String, StorageError> {
        let mut key = format!("{QUARANTINE_PREFIX}{name}");
        let mut n = 1;
        while self.storage.get(&key)?.is_some() {
            if n > 1000 {
                return Err(StorageError::Other("too much data kept aside".into()));
            }
            n += 1;
            key = format!("{QUARANTINE_PREFIX}{name}-{n}");
        }
        self.storage.set(&key, text)?;
        Ok(key)
    }
}

/// Whether every item and dependency of a program file carries a uid (then reading it
/// changes nothing that its stored parts hold).
fn every_entity_has_a_uid(program: &serde_json::Value) -> bool {
    ["teams", "items", "dependencies", "risks", "decisions"]
        .into_iter()
        .filter_map(|list| program.get(list).and_then(serde_json::Value::as_array))
        .flatten()
        .all(|entity| {
            entity
                .get("uid")
                .and_then(serde_json::Value::as_str)
                .is_some_and(|u| !u.is_empty())
        })
}

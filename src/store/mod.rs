//! localStorage: several programs, autosave, quarantine of unreadable data, other tabs.
//! The only module besides `ui` that touches the browser. It never overwrites a stored
//! value it could not read, and never writes over a newer revision from another tab.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use web_sys::Storage as WebStorage;

use crate::model::{read_program_value, write_program_compact, Program, ReadError};

const PREFIX: &str = "throughline/";
const INDEX_KEY: &str = "throughline/index";
const PROGRAM_PREFIX: &str = "throughline/program/";
const QUARANTINE_PREFIX: &str = "throughline/quarantine/";
/// Version of the storage envelope (the program inside has its own `format`).
const ENVELOPE_VERSION: u32 = 1;

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

/// A stored program as it sits in localStorage.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Envelope {
    v: u32,
    /// Increases with every write; a write expecting an older revision is a conflict.
    rev: u64,
    /// The tab that wrote it.
    tab: String,
    program: Value,
}

/// A stored value that could not be read: kept as it is, never overwritten.
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
}

/// Everything found in storage at start-up.
#[derive(Debug, Clone, Default)]
pub struct Opened {
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
    #[error("Could not save: {0}")]
    Other(String),
}

fn storage() -> Option<WebStorage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The raw text stored under a key (for downloading unreadable data).
pub fn raw(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn keys() -> Vec<String> {
    let Some(store) = storage() else {
        return Vec::new();
    };
    let count = store.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|key| key.starts_with(PREFIX))
        .collect()
}

fn program_key(id: &str) -> String {
    format!("{PROGRAM_PREFIX}{id}")
}

/// A new random-enough id for a stored program or a tab.
pub fn new_id(prefix: &str) -> String {
    let random = (js_sys::Math::random() * 1e12) as u64;
    let time = js_sys::Date::now() as u64;
    format!("{prefix}-{time:x}{random:x}")
}

/// The revision of a stored envelope, read without building the program (autosave asks
/// this every time). A bare program from an older store is revision 0; text that is not
/// JSON at all is `None`, so it is never overwritten.
fn rev_of(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct RevOnly {
        rev: Option<u64>,
    }
    serde_json::from_str::<RevOnly>(text)
        .ok()
        .map(|found| found.rev.unwrap_or(0))
}

fn read_envelope(text: &str) -> Result<(Program, u64), String> {
    let value: Value =
        serde_json::from_str(text).map_err(|err| format!("it is not JSON ({err})"))?;
    // A bare program (an older store wrote programs without an envelope) is migrated.
    let (program, rev) = if value.get("program").is_some() && value.get("rev").is_some() {
        let envelope: Envelope = serde_json::from_value(value)
            .map_err(|err| format!("its storage envelope is damaged ({err})"))?;
        if envelope.v > ENVELOPE_VERSION {
            return Err("it was saved by a newer version of Throughline".into());
        }
        (envelope.program, envelope.rev)
    } else {
        (value, 0)
    };
    match read_program_value(program) {
        Ok(loaded) => Ok((loaded.program, rev)),
        Err(ReadError::Invalid(problems)) => Err(format!(
            "{} problem(s), first: {}",
            problems.len(),
            problems.first().map(|p| p.to_string()).unwrap_or_default()
        )),
        Err(err) => Err(err.to_string()),
    }
}

/// Reads the index and the current program; lists what could not be read.
pub fn open() -> Opened {
    if storage().is_none() {
        return Opened::default();
    }
    let mut opened = Opened {
        available: true,
        ..Opened::default()
    };
    let stored_keys = keys();
    let mut index = match raw(INDEX_KEY) {
        None => Index::default(),
        Some(text) => match serde_json::from_str::<Index>(&text) {
            Ok(index) => index,
            Err(err) => {
                // Keep the damaged index aside before a rebuilt one replaces it.
                let aside = format!("{QUARANTINE_PREFIX}index-{}", js_sys::Date::now() as u64);
                if LocalStorage::raw().set_item(&aside, &text).is_err() {
                    opened.available = false;
                }
                opened.unreadable.push(Unreadable {
                    key: aside,
                    message: format!("The list of stored programs could not be read ({err}); it was rebuilt from the programs found."),
                });
                Index::default()
            }
        },
    };
    // Programs present in storage but missing from the index are listed again.
    for key in &stored_keys {
        if let Some(id) = key.strip_prefix(PROGRAM_PREFIX) {
            if !index.programs.iter().any(|entry| entry.id == id) {
                index.programs.push(IndexEntry {
                    id: id.to_string(),
                    name: id.to_string(),
                });
            }
        }
    }
    index
        .programs
        .retain(|entry| stored_keys.contains(&program_key(&entry.id)));

    // Read every program once to find the unreadable ones and fix names in the index.
    let mut readable = Vec::new();
    for entry in &mut index.programs {
        let key = program_key(&entry.id);
        match raw(&key).map(|text| read_envelope(&text)) {
            Some(Ok((program, rev))) => {
                entry.name = program.name.clone();
                readable.push(StoredProgram {
                    id: entry.id.clone(),
                    program,
                    rev,
                });
            }
            Some(Err(message)) => opened.unreadable.push(Unreadable {
                key,
                message: format!(
                    "The stored program \"{}\" could not be read: {message}.",
                    entry.name
                ),
            }),
            None => {}
        }
    }
    for key in stored_keys
        .iter()
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
    {
        if !opened.unreadable.iter().any(|u| &u.key == key) {
            opened.unreadable.push(Unreadable {
                key: key.clone(),
                message: "Data kept aside earlier because it could not be read.".into(),
            });
        }
    }
    index
        .programs
        .retain(|entry| readable.iter().any(|stored| stored.id == entry.id));
    let current_id = index
        .current
        .clone()
        .filter(|id| readable.iter().any(|stored| &stored.id == id))
        .or_else(|| readable.first().map(|stored| stored.id.clone()));
    index.current = current_id.clone();
    opened.current = current_id.and_then(|id| readable.into_iter().find(|stored| stored.id == id));
    opened.index = index;
    opened
}

/// Reads one stored program with its revision.
pub fn load(id: &str) -> Result<StoredProgram, String> {
    let text = raw(&program_key(id)).ok_or_else(|| "it is no longer stored".to_string())?;
    let (program, rev) = read_envelope(&text)?;
    Ok(StoredProgram {
        id: id.to_string(),
        program,
        rev,
    })
}

/// The revision currently stored for a program, if it can be read.
pub fn stored_rev(id: &str) -> Option<u64> {
    rev_of(&raw(&program_key(id))?)
}

fn is_quota(err: &wasm_bindgen::JsValue) -> bool {
    let text = format!("{err:?}").to_lowercase();
    text.contains("quota")
}

/// Saves a program if the stored revision is still `expected_rev` (or `force`).
/// Returns the new revision. Never writes over a value that could not be read.
pub fn save(
    id: &str,
    program: &Program,
    expected_rev: u64,
    tab: &str,
    force: bool,
) -> Result<u64, SaveError> {
    let store = storage().ok_or(SaveError::Unavailable)?;
    let key = program_key(id);
    let theirs = match raw(&key) {
        None => 0,
        Some(text) => match rev_of(&text) {
            Some(rev) => rev,
            None => {
                return Err(SaveError::Other(
                    "the stored copy could not be read, so it was kept and not overwritten".into(),
                ))
            }
        },
    };
    if theirs != expected_rev && !force {
        return Err(SaveError::Conflict { theirs });
    }
    let rev = theirs.max(expected_rev) + 1;
    // Written as text around the program's own JSON: a large program is serialised once,
    // not parsed back into a value first (this runs on every autosave).
    let tab = serde_json::to_string(tab).map_err(|err| SaveError::Other(err.to_string()))?;
    let text = format!(
        "{{\"v\":{ENVELOPE_VERSION},\"rev\":{rev},\"tab\":{tab},\"program\":{}}}",
        write_program_compact(program)
    );
    store.set_item(&key, &text).map_err(|err| {
        if is_quota(&err) {
            SaveError::Quota
        } else {
            SaveError::Other(format!("{err:?}"))
        }
    })?;
    Ok(rev)
}

/// Writes the switcher's list.
pub fn save_index(index: &Index) -> Result<(), SaveError> {
    if storage().is_none() {
        return Err(SaveError::Unavailable);
    }
    LocalStorage::set(INDEX_KEY, index).map_err(|err| {
        let text = err.to_string();
        if text.to_lowercase().contains("quota") {
            SaveError::Quota
        } else {
            SaveError::Other(text)
        }
    })
}

/// Removes a stored program (the UI asks first and keeps it for undo).
pub fn remove(id: &str) {
    if let Some(store) = storage() {
        let _ = store.remove_item(&program_key(id));
    }
}

const REPORTER_KEY: &str = "throughline/me";

/// The name of the person using this browser, as they gave it (kept only here).
pub fn reporter_name() -> Option<String> {
    raw(REPORTER_KEY).filter(|name| !name.trim().is_empty())
}

/// Keeps (or, with `None`, forgets) the name of the person using this browser.
pub fn set_reporter_name(name: Option<&str>) {
    if let Some(store) = storage() {
        let _ = match name {
            Some(name) => store.set_item(REPORTER_KEY, name),
            None => store.remove_item(REPORTER_KEY),
        };
    }
}

/// Removes data kept aside, after the user chose to discard it.
pub fn discard(key: &str) {
    if let Some(store) = storage() {
        let _ = store.remove_item(key);
    }
}

/// The program id a storage key belongs to, for the other-tab listener.
pub fn program_id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(PROGRAM_PREFIX)
}

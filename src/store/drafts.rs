//! Words typed but not yet committed, kept per program and per field key
//! (`items/PAY-1/title`, `items/PAY-1/status/2026-11-20/note`) so that a reload or a tab
//! crash loses nothing; and the reporter's name ("who reported" on every status update),
//! asked once and kept in this browser. Pure over [`Storage`]; never panics, and never
//! drops a draft unless its words are committed or the person cleared it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::keys::{
    draft_program_of_key, drafts_prefix, field_key, field_key_segments, program_key, DRAFT_PREFIX,
    REPORTER_KEY,
};
use super::place::value_at_key;
use super::programs::Store;
use super::storage::{Storage, StorageError};
use crate::model::Program;

/// The longest text kept as a draft, in characters.
pub const MAX_DRAFT_CHARS: usize = 20_000;
/// The most fields of one program holding a draft at once.
pub const MAX_DRAFTS: usize = 200;

/// Text typed in a field and not committed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The field key (see [`crate::store::field_key`]).
    pub field: String,
    pub text: String,
}

/// Why a draft was not kept (the text is still in its field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("This text is too long to keep as a draft ({limit} characters at most); commit it to keep it.")]
    TooLong { limit: usize },
    #[error("{limit} fields of this program already hold text not yet committed; commit or clear some to keep more drafts.")]
    TooMany { limit: usize },
    #[error("The text typed could not be kept for a reload: {0}.")]
    Storage(StorageError),
}

#[derive(Serialize, Deserialize)]
struct Stored {
    text: String,
}

fn draft_key(program_id: &str, field: &str) -> String {
    format!("{}{field}", drafts_prefix(program_id))
}

/// The words of a stored draft; text that is not a draft envelope is still words.
fn read_draft(text: String) -> String {
    match serde_json::from_str::<Stored>(&text) {
        Ok(stored) => stored.text,
        Err(_) => text,
    }
}

/// The same field keyed by its entity's uid, for a draft of a work item or dependency kept
/// under the entity's id (`items/PAY-1/title` → `items/<uid>/title`); `None` when it is keyed
/// by uid already, is of another list (teams, risks and decisions are keyed by id), or names
/// no entity.
fn uid_field(program: &Program, field: &str) -> Option<String> {
    let mut segments = field_key_segments(field);
    let key = segments.get(1)?;
    let uid = match segments.first()?.as_str() {
        "items" => program
            .items
            .iter()
            .find(|e| &e.id == key && &e.uid != key && !e.uid.is_empty())
            .map(|e| e.uid.clone()),
        "dependencies" => program
            .dependencies
            .iter()
            .find(|e| &e.id == key && &e.uid != key && !e.uid.is_empty())
            .map(|e| e.uid.clone()),
        _ => None,
    }?;
    // An id that is also some entity's uid is that entity's key already.
    let is_uid = program.items.iter().any(|e| &e.uid == key)
        || program.dependencies.iter().any(|e| &e.uid == key);
    if is_uid {
        return None;
    }
    segments[1] = uid;
    Some(field_key(&segments))
}

fn stored_text(text: &str) -> String {
    serde_json::to_string(&Stored {
        text: text.to_string(),
    })
    .unwrap_or_default()
}

/// Whether `committed` (the field's value in the program) already says `text`.
fn says(committed: Option<&Value>, text: &str) -> bool {
    match committed {
        None | Some(Value::Null) => text.is_empty(),
        Some(Value::String(value)) => value == text,
        Some(Value::Number(value)) => value.to_string() == text.trim(),
        Some(Value::Bool(value)) => value.to_string() == text.trim(),
        Some(_) => false,
    }
}

impl<S: Storage> Store<S> {
    /// Keeps `text` typed in `field` of a program until it is committed or cleared.
    pub fn keep_draft(&self, program_id: &str, field: &str, text: &str) -> Result<(), DraftError> {
        if text.chars().count() > MAX_DRAFT_CHARS {
            return Err(DraftError::TooLong {
                limit: MAX_DRAFT_CHARS,
            });
        }
        let key = draft_key(program_id, field);
        let others = self
            .storage()
            .keys(&drafts_prefix(program_id))
            .into_iter()
            .filter(|other| *other != key)
            .count();
        if others >= MAX_DRAFTS {
            return Err(DraftError::TooMany { limit: MAX_DRAFTS });
        }
        let stored = serde_json::to_string(&Stored {
            text: text.to_string(),
        })
        .map_err(|err| DraftError::Storage(StorageError::Other(err.to_string())))?;
        self.storage()
            .set(&key, &stored)
            .map_err(DraftError::Storage)
    }

    /// The draft of one field, if any.
    pub fn draft(&self, program_id: &str, field: &str) -> Option<String> {
        let text = self.storage().get(&draft_key(program_id, field)).ok()??;
        Some(read_draft(text))
    }

    /// Every draft of a program, to offer back in its field. A draft whose words are now the
    /// committed value (committed here before a crash, or by another tab) is dropped.
    pub fn drafts(&self, program_id: &str, program: &Program) -> Vec<Draft> {
        let prefix = drafts_prefix(program_id);
        let keys = self.storage().keys(&prefix);
        if keys.is_empty() {
            return Vec::new();
        }
        let value = crate::model::program_value(program);
        let mut drafts = Vec::new();
        for key in keys {
            let Ok(Some(text)) = self.storage().get(&key) else {
                continue;
            };
            let text = read_draft(text);
            let mut field = key.strip_prefix(&prefix).unwrap_or(&key).to_string();
            if says(value_at_key(&value, &field), &text) {
                let _ = self.storage().remove(&key);
                continue;
            }
            // Typed before work items and dependencies were keyed by uid in the page: the
            // field is found by its uid now, so the draft moves there (unless one is there).
            if let Some(by_uid) = uid_field(program, &field) {
                let moved = draft_key(program_id, &by_uid);
                if matches!(self.storage().get(&moved), Ok(None))
                    && self.storage().set(&moved, &stored_text(&text)).is_ok()
                {
                    let _ = self.storage().remove(&key);
                    field = by_uid;
                }
            }
            drafts.push(Draft { field, text });
        }
        drafts
    }

    /// The field's text was committed (or the person discarded it).
    pub fn clear_draft(&self, program_id: &str, field: &str) {
        let _ = self.storage().remove(&draft_key(program_id, field));
    }

    /// Clears every draft of a program.
    pub fn clear_drafts(&self, program_id: &str) {
        for key in self.storage().keys(&drafts_prefix(program_id)) {
            let _ = self.storage().remove(&key);
        }
    }

    /// Removes drafts of programs no longer stored at all (at start-up).
    pub(crate) fn sweep_drafts(&self) {
        let mut checked: Vec<(String, bool)> = Vec::new();
        for key in self.storage().keys(DRAFT_PREFIX) {
            let Some(id) = draft_program_of_key(&key) else {
                continue;
            };
            let stored = match checked.iter().find(|(seen, _)| *seen == id) {
                Some((_, stored)) => *stored,
                None => {
                    let stored = !matches!(self.storage().get(&program_key(&id)), Ok(None));
                    checked.push((id, stored));
                    stored
                }
            };
            if !stored {
                let _ = self.storage().remove(&key);
            }
        }
    }

    /// The name recorded as "who reported" on status updates made in this browser.
    pub fn reporter(&self) -> Option<String> {
        let name = self.storage().get(REPORTER_KEY).ok()??;
        let name = name.trim();
        (!name.is_empty()).then(|| name.to_string())
    }

    /// Records the reporter's name; an empty name forgets it.
    pub fn set_reporter(&self, name: &str) -> Result<(), StorageError> {
        let name = name.trim();
        if name.is_empty() {
            self.storage().remove(REPORTER_KEY)
        } else {
            self.storage().set(REPORTER_KEY, name)
        }
    }
}

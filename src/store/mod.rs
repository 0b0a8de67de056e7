//! Keeping programs in the browser without ever losing a word: envelopes with revisions,
//! a three-way merge when another tab saved, per-tab undo, drafts of uncommitted text,
//! data that cannot be read kept aside, and saves that survive a full storage.
//!
//! Everything here is plain Rust over the [`Storage`] trait, tested natively with
//! [`MemoryStorage`]; only `local.rs` touches localStorage (and only on wasm). No clock:
//! ids and tab names come in as arguments. Nothing here panics on stored text, and nothing
//! overwrites a stored value it could not read.
//!
//! The pieces: [`Store`] (programs, index, data kept aside, drafts, reporter name, the
//! Linear API key and pull choices, the GitHub token and connections),
//! [`Session`] (one tab's autosave and other-tab merge), [`merge`] and [`resolve`]
//! (conflicts by entity and field), [`revert`] (per-tab undo).

mod backup;
mod drafts;
mod envelope;
mod github;
mod keys;
mod merge;
mod packed;
mod parts;
mod place;
mod programs;
mod revert;
mod secrets;
mod session;
mod storage;

#[cfg(target_arch = "wasm32")]
mod local;

pub use backup::{read_copies, write_copies, Copies, REMIND_AFTER_DAYS};
pub use drafts::{Draft, DraftError, MAX_DRAFTS, MAX_DRAFT_CHARS};
pub use envelope::{
    read_envelope, read_header, read_layout, write_envelope, write_layout_envelope, EnvelopeError,
    Header, ENVELOPE_VERSION,
};
pub use github::{commit_message, Connection, FileLink, Synced};
pub use keys::{copies_key, field_key, field_key_segments, program_id_of_key};
pub use merge::{merge, merge_values, resolve, Choice, Conflict, Merge, ResolveError};
pub use packed::{pack, stored_chars, unpack, UnpackError};
pub use parts::{content_hash, Layout, Written};
pub use place::{set_at, value_at, value_at_key, Place, PlaceError, Step};
pub use programs::{
    Index, IndexEntry, LoadError, Opened, SaveError, Store, StoredProgram, Unreadable,
};
pub use revert::revert;
pub use secrets::{JiraChoice, LinearChoice};
pub use session::{Session, Sync};
pub use storage::{headroom_warning, MemoryStorage, Storage, StorageError, QUOTA};

#[cfg(target_arch = "wasm32")]
pub use local::{exception_text, new_id, LocalStorage};

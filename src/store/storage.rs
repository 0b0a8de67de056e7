//! The one thing the store needs from a browser: a string key–value storage shared by every
//! tab of the site. `MemoryStorage` stands in for it in native tests (with an optional byte
//! quota to play "storage full"); `local.rs` adapts the real localStorage.
//! Pure: no clock, no browser; nothing here panics.

use std::cell::RefCell;
use std::collections::BTreeMap;

/// Why storage refused a read or a write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The browser's storage for this site is full.
    #[error("storage is full")]
    Quota,
    /// Anything else the browser reported (storage turned off, a security error…).
    #[error("{0}")]
    Other(String),
}

/// A string key–value storage shared by every tab of the site.
///
/// Methods take `&self`, as localStorage does: two `Store`s (two tabs in a test) can share
/// one storage. `get` can fail: a value that could not be *read* is never taken for absent,
/// so it is never overwritten.
pub trait Storage {
    /// The text under `key`, `None` if nothing is stored there.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`, replacing what was there.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key` (nothing happens if it is absent).
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// Every key starting with `prefix`, sorted.
    fn keys(&self, prefix: &str) -> Vec<String>;
    /// UTF-16 units held by every key and value of the storage (this site's, not only
    /// Throughline's: the browser's quota counts them all).
    fn used(&self) -> usize;
}

impl<S: Storage + ?Sized> Storage for &S {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        (**self).remove(key)
    }
    fn keys(&self, prefix: &str) -> Vec<String> {
        (**self).keys(prefix)
    }
    fn used(&self) -> usize {
        (**self).used()
    }
}

/// An in-memory storage for tests, optionally limited to `quota` bytes of keys and values
/// (counted in UTF-16 units, as browsers count localStorage).
#[derive(Debug, Default)]
pub struct MemoryStorage {
    entries: RefCell<BTreeMap<String, String>>,
    quota: Option<usize>,
}

fn size(key: &str, value: &str) -> usize {
    key.encode_utf16().count() + value.encode_utf16().count()
}

impl MemoryStorage {
    /// An empty storage with no limit.
    pub fn new() -> MemoryStorage {
        MemoryStorage::default()
    }

    /// An empty storage that refuses writes beyond `quota` units, as a full browser does.
    pub fn with_quota(quota: usize) -> MemoryStorage {
        MemoryStorage {
            entries: RefCell::default(),
            quota: Some(quota),
        }
    }

    /// Changes the limit (`None`: no limit), e.g. to play "the user freed some space".
    pub fn set_quota(&mut self, quota: Option<usize>) {
        self.quota = quota;
    }

    /// Stores a value whatever the quota (a test planting damaged or foreign data).
    pub fn plant(&self, key: &str, value: &str) {
        self.entries
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
    }
}

impl Storage for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(quota) = self.quota {
            let others: usize = self
                .entries
                .borrow()
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| size(k, v))
                .sum();
            if others + size(key, value) > quota {
                return Err(StorageError::Quota);
            }
        }
        self.plant(key, value);
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        self.entries
            .borrow()
            .keys()
            .filter(|key| key.starts_with(prefix))
            .cloned()
            .collect()
    }

    fn used(&self) -> usize {
        self.entries
            .borrow()
            .iter()
            .map(|(key, value)| size(key, value))
            .sum()
    }
}

/// What browsers give a site's localStorage: 5 Mi UTF-16 units (measured in Chromium:
/// 5,242,880 characters of keys and values, whatever the characters; Firefox and Safari
/// keep the same).
pub const QUOTA: usize = 5 * 1024 * 1024;

/// From this share of the quota on, the app says how full storage is.
pub const WARN_FROM_PERCENT: usize = 80;

/// How full storage is, in words, once `used` units of `quota` pass
/// [`WARN_FROM_PERCENT`]; `None` below it.
pub fn headroom_warning(used: usize, quota: usize) -> Option<String> {
    let quota = quota.max(1);
    let percent = used.saturating_mul(100) / quota;
    (percent >= WARN_FROM_PERCENT).then(|| {
        let millions = |n: usize| {
            let tenths = (n + 50_000) / 100_000;
            format!("{}.{}", tenths / 10, tenths % 10)
        };
        format!(
            "Storage is {}% full ({} of {} million characters). Export the program to keep a copy, and delete programs you no longer need.",
            percent.min(100),
            millions(used),
            millions(quota)
        )
    })
}

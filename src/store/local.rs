//! The browser's localStorage as a [`Storage`], and fresh ids. The only file of `store`
//! that touches the browser; it holds no logic of its own.
//!
//! The handle comes from `gloo-storage`; the text goes in and out as it is (the store
//! keeps its own JSON), so gloo's JSON-wrapping `get`/`set` are not used.

use gloo_storage::Storage as _;
use wasm_bindgen::{JsCast, JsValue};

use super::storage::{Storage, StorageError};

/// This site's localStorage.
#[derive(Debug, Clone)]
pub struct LocalStorage(web_sys::Storage);

impl LocalStorage {
    /// `None` when the browser does not allow storage here (turned off, private mode…).
    pub fn open() -> Option<LocalStorage> {
        // gloo's `raw()` throws where there is no storage: ask first, so that never happens.
        let available = web_sys::window()?.local_storage().ok().flatten().is_some();
        available.then(|| LocalStorage(gloo_storage::LocalStorage::raw()))
    }
}

/// What a browser exception says, in words: "QuotaExceededError: The quota has been
/// exceeded." (its name and message; a thrown string as it is).
pub fn exception_text(err: &JsValue) -> String {
    let field = |key: &str| {
        js_sys::Reflect::get(err, &JsValue::from_str(key))
            .ok()
            .and_then(|value| value.as_string())
            .filter(|text| !text.is_empty())
    };
    match (field("name"), field("message")) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (name, message) => message
            .or(name)
            .or_else(|| err.as_string())
            .unwrap_or_else(|| "the browser gave no reason".to_string()),
    }
}

/// A browser's refusal to write: a full storage says so by the exception's name
/// (QuotaExceededError; NS_ERROR_DOM_QUOTA_REACHED in older Firefox).
fn storage_error(err: &JsValue) -> StorageError {
    let text = exception_text(err);
    if text.to_ascii_lowercase().contains("quota") {
        StorageError::Quota
    } else {
        StorageError::Other(text)
    }
}

impl Storage for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.get_item(key).map_err(|err| storage_error(&err))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0
            .set_item(key, value)
            .map_err(|err| storage_error(&err))
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.0.remove_item(key).map_err(|err| storage_error(&err))
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        let count = self.0.length().unwrap_or(0);
        let mut keys: Vec<String> = (0..count)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .filter(|key| key.starts_with(prefix))
            .collect();
        crate::sort::sort(&mut keys);
        keys
    }

    fn used(&self) -> usize {
        // Lengths read on the JavaScript side: no text is copied into the app.
        let count = self.0.length().unwrap_or(0);
        (0..count)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .map(|key| {
                let value = js_sys::Reflect::get(&self.0, &JsValue::from_str(&key))
                    .ok()
                    .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
                    .map_or(0, |v| v.length() as usize);
                key.encode_utf16().count() + value
            })
            .sum()
    }
}

/// A new random-enough id for a stored program or a tab.
pub fn new_id(prefix: &str) -> String {
    let random = (js_sys::Math::random() * 1e12) as u64;
    let time = js_sys::Date::now() as u64;
    format!("{prefix}-{time:x}{random:x}")
}

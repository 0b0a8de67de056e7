//! A program kept outside this browser, the part that is not HTTP or file access: for a file
//! on disk, its [`FileLink`]; for a GitHub repository, the token in an entry
//! of its own (as the Linear key), each program's connection (where its file is, the `sha`
//! and text of the version last synced: the base of the three-way merge when someone else
//! wrote the file), and the commit message that says what changed ("PAY-12: colour Yellow,
//! note"). Pure over [`Storage`]; nothing here panics on stored text.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::keys::{pull_key, GITHUB_TOKEN_ENTRY};
use super::packed::{pack, unpack};
use super::parts::content_hash;
use super::place::{entity_key, entity_name, find_entity};
use super::programs::Store;
use super::storage::{Storage, StorageError};
use crate::io::github::Repo;
use crate::model::{program_value, read_program, write_program, Program, Shared};

const GITHUB: &str = "github";
const FILE: &str = "file";

/// The version of a program both sides last agreed on (this browser and a file on disk, or a
/// GitHub repository): the base of the three-way merge when the other side changed. The
/// text is packed (`store/packed.rs`, about a tenth of the program file), so that keeping
/// it beside the program does not take the room a year of the program needs; its hash
/// tells at once whether a text read back is that version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Synced {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    hash: Option<String>,
    /// When it was last written or read, in milliseconds since 1970 (a number, so that
    /// reading it needs no date parser).
    #[serde(default)]
    at: Option<i64>,
}

impl Synced {
    /// Records `text` (a program file) as the version both sides hold, as of `at`.
    pub fn record(&mut self, text: &str, at: DateTime<Utc>) {
        self.text = Some(pack(text));
        self.hash = Some(content_hash(text));
        self.at = Some(at.timestamp_millis());
    }

    /// True when `text` is exactly the version recorded.
    pub fn is(&self, text: &str) -> bool {
        self.hash.as_deref() == Some(content_hash(text).as_str())
    }

    /// The hash of the version recorded (to keep its program read once).
    pub fn hash(&self) -> Option<&str> {
        self.hash.as_deref()
    }

    /// True when nothing is recorded yet.
    pub fn is_empty(&self) -> bool {
        self.text.is_none()
    }

    /// The program recorded, if its text reads.
    pub fn program(&self) -> Option<Program> {
        let text = unpack(self.text.as_deref()?).ok()?;
        read_program(&text).ok().map(|loaded| loaded.program)
    }

    /// When it was last written or read.
    pub fn at(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.at?)
    }
}

/// A program's link to a file on disk (`ui/disk.rs`): its name, and the version last
/// written or read there. The file handle itself is kept in IndexedDB, which can hold it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileLink {
    /// The file's name, as the person picked it.
    pub name: String,
    #[serde(default)]
    pub synced: Synced,
}

impl FileLink {
    pub fn new(name: &str) -> FileLink {
        FileLink {
            name: name.to_string(),
            synced: Synced::default(),
        }
    }
}

/// A program's link to its file in a repository. Holds no token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub repo: Repo,
    /// The `sha` of the version last read or written; `None` before the first write.
    #[serde(default)]
    pub sha: Option<String>,
    /// That version: what both sides last agreed on.
    #[serde(default)]
    pub synced: Synced,
}

impl Connection {
    /// A new connection, nothing synced yet.
    pub fn new(repo: Repo) -> Connection {
        Connection {
            repo,
            sha: None,
            synced: Synced::default(),
        }
    }

    /// Records a version both sides now hold.
    pub fn synced(&mut self, sha: String, program: &Program, at: DateTime<Utc>) {
        self.synced_text(sha, &write_program(program), at);
    }

    /// Records a version both sides now hold, from its program file text.
    pub fn synced_text(&mut self, sha: String, text: &str, at: DateTime<Utc>) {
        self.sha = Some(sha);
        self.synced.record(text, at);
    }
}

impl<S: Storage> Store<S> {
    /// The GitHub token kept in this browser.
    pub fn github_token(&self) -> Option<String> {
        self.secret(GITHUB_TOKEN_ENTRY)
    }

    /// Keeps the GitHub token in its own entry; a blank token forgets it.
    pub fn set_github_token(&self, token: &str) -> Result<(), StorageError> {
        self.set_secret(GITHUB_TOKEN_ENTRY, token)
    }

    /// Removes the GitHub token from this browser.
    pub fn forget_github_token(&self) -> Result<(), StorageError> {
        self.storage().remove(GITHUB_TOKEN_ENTRY)
    }

    /// A program's GitHub connection, if it has one that can be read.
    pub fn github_connection(&self, program_id: &str) -> Option<Connection> {
        let text = self.storage().get(&pull_key(program_id, GITHUB)).ok()??;
        serde_json::from_str(&text).ok()
    }

    pub fn set_github_connection(
        &self,
        program_id: &str,
        connection: &Connection,
    ) -> Result<(), StorageError> {
        let text = serde_json::to_string(connection)
            .map_err(|err| StorageError::Other(err.to_string()))?;
        self.storage().set(&pull_key(program_id, GITHUB), &text)
    }

    /// A program's link to a file on disk, if it has one that can be read.
    pub fn file_link(&self, program_id: &str) -> Option<FileLink> {
        let text = self.storage().get(&pull_key(program_id, FILE)).ok()??;
        serde_json::from_str(&text).ok()
    }

    pub fn set_file_link(&self, program_id: &str, link: &FileLink) -> Result<(), StorageError> {
        let text =
            serde_json::to_string(link).map_err(|err| StorageError::Other(err.to_string()))?;
        self.storage().set(&pull_key(program_id, FILE), &text)
    }

    /// Stops saving a program to its file (the file stays as it is).
    pub fn forget_file_link(&self, program_id: &str) -> Result<(), StorageError> {
        self.storage().remove(&pull_key(program_id, FILE))
    }

    /// Disconnects a program (its file in the repository stays as it is).
    pub fn forget_github_connection(&self, program_id: &str) -> Result<(), StorageError> {
        self.storage().remove(&pull_key(program_id, GITHUB))
    }
}

/// A commit message naming what changed from `base` to `current`, by entity: "PAY-12:
/// colour Yellow, note". Short values are given, long ones (a note) only named. The first
/// line stays short; when more changed, each entity has a line of its own below it.
pub fn commit_message(base: Option<&Program>, current: &Program) -> String {
    let Some(base) = base else {
        return format!("Throughline: {}", current.name);
    };
    let (base, current) = only_changed(base, current);
    let groups = changed(&program_value(&base), &program_value(&current));
    match groups.as_slice() {
        [] => "Throughline: no change".into(),
        [one] => one.clone(),
        [first, rest @ ..] => {
            let joined = groups.join("; ");
            if joined.chars().count() <= 72 {
                joined
            } else {
                format!("{first}; and {} more\n\n{}", rest.len(), groups.join("\n"))
            }
        }
    }
}

/// Both programs without the entities they hold alike (the same shared value, or equal), so
/// that only what changed is written out and compared: at 1,000 items the whole programs as
/// JSON values take a tenth of a second, the changed entities next to nothing.
fn only_changed(base: &Program, current: &Program) -> (Program, Program) {
    fn keep<T: PartialEq>(
        base: &mut Vec<Shared<T>>,
        current: &mut Vec<Shared<T>>,
        key: impl Fn(&T) -> String,
    ) {
        let now: HashMap<String, &Shared<T>> = current.iter().map(|e| (key(e), e)).collect();
        let alike: HashSet<String> = base
            .iter()
            .map(|e| (key(e), e))
            .filter(|(k, e)| !k.is_empty() && now.get(k).is_some_and(|other| other == e))
            .map(|(k, _)| k)
            .collect();
        base.retain(|e| !alike.contains(&key(e)));
        current.retain(|e| !alike.contains(&key(e)));
    }
    let (mut b, mut c) = (base.clone(), current.clone());
    keep(&mut b.items, &mut c.items, |e| e.uid.clone());
    keep(&mut b.dependencies, &mut c.dependencies, |e| e.uid.clone());
    keep(&mut b.risks, &mut c.risks, |e| e.uid.clone());
    keep(&mut b.decisions, &mut c.decisions, |e| e.uid.clone());
    keep(&mut b.teams, &mut c.teams, |e| e.uid.clone());
    keep(&mut b.reports, &mut c.reports, |e| e.date.to_string());
    (b, c)
}

/// One line per entity (or "program" for its own fields) that changed.
fn changed(base: &Value, current: &Value) -> Vec<String> {
    let mut changes = Vec::new();
    walk(
        Some(base),
        Some(current),
        None,
        &mut Vec::new(),
        &mut changes,
    );
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (owner, words) in changes {
        match groups.iter_mut().find(|(name, _)| *name == owner) {
            Some((_, list)) => {
                if !list.contains(&words) {
                    list.push(words);
                }
            }
            None => groups.push((owner, vec![words])),
        }
    }
    groups
        .into_iter()
        .map(|(owner, words)| format!("{owner}: {}", words.join(", ")))
        .collect()
}

/// A value short enough to name in a commit message.
fn short(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(yes) => if *yes { "yes" } else { "no" }.to_string(),
        _ => return None,
    };
    (text.chars().count() <= 24 && !text.contains('\n')).then_some(text)
}

fn field_words(field: &str, value: Option<&Value>) -> String {
    let name = field.replace('_', " ");
    match value.and_then(short) {
        // The file spells it `color`; a TPM reads "colour Yellow".
        Some(text) if field == "color" => {
            let mut letters = text.chars();
            let first = letters.next().map(|c| c.to_uppercase().collect::<String>());
            format!("colour {}{}", first.unwrap_or_default(), letters.as_str())
        }
        Some(text) => format!("{name} {text}"),
        None => name,
    }
}

/// How a commit message names an entity: its id, or "report <date>" for a published report.
fn named(field: Option<&str>, name: String) -> String {
    match field {
        Some("reports") => format!("report {name}"),
        _ => name,
    }
}

/// Walks both versions; records `(owner, words)` for each change, the owner being the
/// top-level entity's name ("PAY-12") or "program".
fn walk(
    base: Option<&Value>,
    now: Option<&Value>,
    field: Option<&str>,
    owner: &mut Vec<String>,
    out: &mut Vec<(String, String)>,
) {
    if base == now {
        return;
    }
    // A list or an object left out of the file is an empty one (an item's first update).
    let (empty_list, empty_object) = (Value::Array(Vec::new()), Value::Object(Default::default()));
    let (base, now) = match (base, now) {
        (None, Some(Value::Array(_))) => (Some(&empty_list), now),
        (Some(Value::Array(_)), None) => (base, Some(&empty_list)),
        (None, Some(Value::Object(_))) if !owner.is_empty() || field.is_some() => {
            (Some(&empty_object), now)
        }
        _ => (base, now),
    };
    let who = |owner: &Vec<String>| {
        owner
            .first()
            .cloned()
            .unwrap_or_else(|| "program".to_string())
    };
    match (base, now) {
        (Some(Value::Object(b)), Some(Value::Object(n))) => {
            let names = b.keys().chain(n.keys());
            let mut seen = std::collections::HashSet::new();
            for name in names {
                if name == "uid" || !seen.insert(name) {
                    continue;
                }
                walk(b.get(name), n.get(name), Some(name), owner, out);
            }
        }
        (Some(Value::Array(b)), Some(Value::Array(n))) => {
            let Some(key) = entity_key(field, &[b, n]) else {
                out.push((who(owner), field_words(field.unwrap_or("value"), now)));
                return;
            };
            let key_of = |e: &Value| e.get(key).and_then(Value::as_str).unwrap_or("").to_string();
            for element in n {
                let id = key_of(element);
                let name = named(field, entity_name(element, &id));
                let nested = !owner.is_empty();
                match find_entity(b, &id) {
                    Some(at) => {
                        owner.push(name);
                        walk(Some(&b[at]), Some(element), None, owner, out);
                        owner.pop();
                    }
                    None if nested => {
                        // A new weekly update, say: what it records.
                        let fields = element
                            .as_object()
                            .map(|o| {
                                o.iter()
                                    .filter(|(k, v)| {
                                        !matches!(k.as_str(), "uid" | "id" | "date") && !v.is_null()
                                    })
                                    .map(|(k, v)| field_words(k, Some(v)))
                                    .collect::<Vec<_>>()
                            })
                            .unwrap_or_default();
                        let words = if fields.is_empty() {
                            format!("{} {name}", field.unwrap_or("entry").replace('_', " "))
                        } else {
                            fields.join(", ")
                        };
                        out.push((who(owner), words));
                    }
                    None => out.push((name, "added".into())),
                }
            }
            for element in b {
                let id = key_of(element);
                if find_entity(n, &id).is_none() {
                    let name = named(field, entity_name(element, &id));
                    if owner.is_empty() {
                        out.push((name, "deleted".into()));
                    } else {
                        out.push((
                            who(owner),
                            format!("{} {name} removed", field.unwrap_or("entry")),
                        ));
                    }
                }
            }
        }
        _ => out.push((who(owner), field_words(field.unwrap_or("value"), now))),
    }
}

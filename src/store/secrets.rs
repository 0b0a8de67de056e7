//! What a live pull remembers in this browser and never in a program: the Linear API key,
//! in an entry of its own so that nothing else stored (a program, a draft, a choice) ever
//! holds it, and per program the choices "Pull again" repeats (Linear endpoint, teams and
//! projects; Jira site and query). Pure over [`Storage`]; a choice that cannot be read is
//! taken as none (it is a preference, not the person's work), and nothing here panics.

use serde::{Deserialize, Serialize};

use super::keys::{program_key, pull_key, pull_program_of_key, LINEAR_KEY_ENTRY, PULL_PREFIX};
use super::programs::Store;
use super::storage::{Storage, StorageError};
use crate::io::pull::LinearSelection;

fn one_day_per_point() -> f64 {
    1.0
}

/// A program's Linear pull, as "Pull again" repeats it. Holds no key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinearChoice {
    /// The endpoint as typed; empty means Linear's own.
    #[serde(default)]
    pub endpoint: String,
    #[serde(default)]
    pub selection: LinearSelection,
    /// The names of the teams and projects chosen, to say what "Pull again" pulls.
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default = "one_day_per_point")]
    pub days_per_point: f64,
}

impl Default for LinearChoice {
    fn default() -> Self {
        LinearChoice {
            endpoint: String::new(),
            selection: LinearSelection::default(),
            names: Vec::new(),
            days_per_point: one_day_per_point(),
        }
    }
}

/// A program's Jira search, as typed (there is no secret in it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JiraChoice {
    #[serde(default)]
    pub site: String,
    #[serde(default)]
    pub jql: String,
    /// Empty means the usual story points field.
    #[serde(default)]
    pub story_points_field: String,
    #[serde(default = "one_day_per_point")]
    pub days_per_point: f64,
}

impl Default for JiraChoice {
    fn default() -> Self {
        JiraChoice {
            site: String::new(),
            jql: String::new(),
            story_points_field: String::new(),
            days_per_point: one_day_per_point(),
        }
    }
}

const LINEAR: &str = "linear";
const JIRA: &str = "jira";

impl<S: Storage> Store<S> {
    /// A secret kept in its own entry (the Linear key, the GitHub token), if not blank.
    pub(crate) fn secret(&self, entry: &str) -> Option<String> {
        let secret = self.storage().get(entry).ok()??;
        let secret = secret.trim();
        (!secret.is_empty()).then(|| secret.to_string())
    }

    /// Keeps a secret in its own entry; a blank one removes the entry.
    pub(crate) fn set_secret(&self, entry: &str, secret: &str) -> Result<(), StorageError> {
        match secret.trim() {
            "" => self.storage().remove(entry),
            secret => self.storage().set(entry, secret),
        }
    }

    /// The Linear API key kept in this browser.
    pub fn linear_key(&self) -> Option<String> {
        self.secret(LINEAR_KEY_ENTRY)
    }

    /// Keeps the Linear API key in its own entry; a blank key forgets it.
    pub fn set_linear_key(&self, key: &str) -> Result<(), StorageError> {
        self.set_secret(LINEAR_KEY_ENTRY, key)
    }

    /// Removes the Linear API key from this browser.
    pub fn forget_linear_key(&self) -> Result<(), StorageError> {
        self.storage().remove(LINEAR_KEY_ENTRY)
    }

    /// The Linear pull last made for a program.
    pub fn linear_choice(&self, program_id: &str) -> Option<LinearChoice> {
        self.choice(program_id, LINEAR)
    }

    pub fn set_linear_choice(
        &self,
        program_id: &str,
        choice: &LinearChoice,
    ) -> Result<(), StorageError> {
        self.set_choice(program_id, LINEAR, choice)
    }

    /// The Jira search last set up for a program.
    pub fn jira_choice(&self, program_id: &str) -> Option<JiraChoice> {
        self.choice(program_id, JIRA)
    }

    pub fn set_jira_choice(
        &self,
        program_id: &str,
        choice: &JiraChoice,
    ) -> Result<(), StorageError> {
        self.set_choice(program_id, JIRA, choice)
    }

    /// Forgets a program's pull choices (the Linear key stays: it is the person's, not the
    /// program's).
    pub fn forget_pull_choices(&self, program_id: &str) {
        for tracker in [LINEAR, JIRA] {
            let _ = self.storage().remove(&pull_key(program_id, tracker));
        }
    }

    /// Gives program `to` the pull choices of program `from` (a pull into the built-in
    /// example starts a program of its own, whose "Pull again" repeats that pull).
    pub fn copy_pull_choices(&self, from: &str, to: &str) {
        for tracker in [LINEAR, JIRA] {
            if let Ok(Some(text)) = self.storage().get(&pull_key(from, tracker)) {
                let _ = self.storage().set(&pull_key(to, tracker), &text);
            }
        }
    }

    /// Removes the pull choices of programs no longer stored at all (at start-up).
    pub(crate) fn sweep_pull_choices(&self) {
        for key in self.storage().keys(PULL_PREFIX) {
            let Some(id) = pull_program_of_key(&key) else {
                continue;
            };
            if matches!(self.storage().get(&program_key(&id)), Ok(None)) {
                let _ = self.storage().remove(&key);
            }
        }
    }

    fn choice<T: for<'de> Deserialize<'de>>(&self, program_id: &str, tracker: &str) -> Option<T> {
        let text = self.storage().get(&pull_key(program_id, tracker)).ok()??;
        serde_json::from_str(&text).ok()
    }

    fn set_choice<T: Serialize>(
        &self,
        program_id: &str,
        tracker: &str,
        choice: &T,
    ) -> Result<(), StorageError> {
        let text =
            serde_json::to_string(choice).map_err(|err| StorageError::Other(err.to_string()))?;
        self.storage().set(&pull_key(program_id, tracker), &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::example_program;
    use crate::store::{MemoryStorage, Session};

    const KEY: &str = "lin_api_0123456789abcdefSECRET";

    fn choice() -> LinearChoice {
        LinearChoice {
            endpoint: "http://127.0.0.1:4010/graphql".into(),
            selection: LinearSelection {
                team_ids: vec!["team-1".into()],
                project_ids: vec!["project-9".into()],
            },
            names: vec!["ENG".into(), "Checkout v2".into()],
            days_per_point: 0.5,
        }
    }

    /// Every stored entry holding `text`, by key.
    fn holding(storage: &MemoryStorage, text: &str) -> Vec<String> {
        storage
            .keys("")
            .into_iter()
            .filter(|key| {
                key.contains(text)
                    || storage
                        .get(key)
                        .ok()
                        .flatten()
                        .unwrap_or_default()
                        .contains(text)
            })
            .collect()
    }

    #[test]
    fn the_key_lives_in_its_own_entry_and_nowhere_else() {
        let storage = MemoryStorage::new();
        let store = Store::new(&storage);
        let mut session = Session::unsaved("p-1", "tab-0");
        session.save(&store, &example_program()).saved.unwrap();
        store.set_linear_key(&format!("  {KEY}\n")).unwrap();
        store.set_linear_choice("p-1", &choice()).unwrap();
        store.keep_draft("p-1", "name", "Typing").unwrap();
        assert_eq!(store.linear_key().as_deref(), Some(KEY));
        assert_eq!(holding(&storage, KEY), ["throughline/secret/linear-key"]);
    }

    #[test]
    fn forgetting_the_key_removes_it_and_keeps_the_choices() {
        let storage = MemoryStorage::new();
        let store = Store::new(&storage);
        store.set_linear_key(KEY).unwrap();
        store.set_linear_choice("p-1", &choice()).unwrap();
        store.forget_linear_key().unwrap();
        assert_eq!(store.linear_key(), None);
        assert!(holding(&storage, KEY).is_empty());
        assert_eq!(store.linear_choice("p-1"), Some(choice()));
        store.set_linear_key(KEY).unwrap();
        store.set_linear_key("   ").unwrap();
        assert_eq!(store.linear_key(), None);
    }

    #[test]
    fn choices_are_kept_per_program() {
        let storage = MemoryStorage::new();
        let store = Store::new(&storage);
        let jira = JiraChoice {
            site: "acme.atlassian.net".into(),
            jql: "project = PAY".into(),
            ..JiraChoice::default()
        };
        store.set_linear_choice("p/1", &choice()).unwrap();
        store.set_jira_choice("p/1", &jira).unwrap();
        assert_eq!(store.linear_choice("p/1"), Some(choice()));
        assert_eq!(store.jira_choice("p/1"), Some(jira.clone()));
        assert_eq!(store.linear_choice("p"), None);
        assert_eq!(store.jira_choice("p-2"), None);
        // A program started from a pull into the example repeats that pull.
        store.copy_pull_choices("p/1", "p-2");
        assert_eq!(store.linear_choice("p-2"), Some(choice()));
        assert_eq!(store.jira_choice("p-2"), Some(jira.clone()));
        store.forget_pull_choices("p/1");
        assert_eq!(store.linear_choice("p/1"), None);
        assert_eq!(store.jira_choice("p/1"), None);
    }

    #[test]
    fn a_damaged_or_older_choice_reads_as_none_or_with_defaults() {
        let storage = MemoryStorage::new();
        let store = Store::new(&storage);
        storage.plant("throughline/pull/p-1/linear", "{not json");
        assert_eq!(store.linear_choice("p-1"), None);
        storage.plant(
            "throughline/pull/p-1/linear",
            r#"{"selection":{"team_ids":["t"]},"unknown":1}"#,
        );
        let read = store.linear_choice("p-1").unwrap();
        assert_eq!(read.selection.team_ids, ["t"]);
        assert_eq!(read.endpoint, "");
        assert_eq!(read.days_per_point, 1.0);
        store.set_linear_choice("p-1", &choice()).unwrap();
        assert_eq!(store.linear_choice("p-1"), Some(choice()));
    }

    #[test]
    fn opening_the_store_sweeps_choices_of_programs_gone() {
        let storage = MemoryStorage::new();
        let store = Store::new(&storage);
        let mut session = Session::unsaved("p-1", "tab-0");
        session.save(&store, &example_program()).saved.unwrap();
        store.set_linear_choice("p-1", &choice()).unwrap();
        store.set_linear_choice("p-gone", &choice()).unwrap();
        store.set_linear_key(KEY).unwrap();
        store.open();
        assert!(store.linear_choice("p-1").is_some());
        assert_eq!(store.linear_choice("p-gone"), None);
        assert_eq!(store.linear_key().as_deref(), Some(KEY));
    }
}

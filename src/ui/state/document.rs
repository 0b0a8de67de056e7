//! The open program: the one signal every view reads and every edit writes.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use crate::model::uid::Identified;
use crate::model::{Decision, Dependency, Item, Program, Risk, Shared};

/// A program opened from a share link: shown read-only until saved as a copy.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedView {
    /// The stored program to go back to when the shared one is dismissed.
    pub return_to: Option<String>,
    /// Where in GitHub it was read (`owner/repo/path`), for a `#gh=` link; `None` for a
    /// share link, which carries the program itself.
    pub from_github: Option<String>,
}

/// The open program and where it comes from.
#[derive(Clone, Copy)]
pub struct Document {
    pub program: RwSignal<Program>,
    /// The stored program's id in this browser.
    pub id: RwSignal<String>,
    /// Set while a shared program is open read-only.
    pub shared: RwSignal<Option<SharedView>>,
}

pub fn expect_document() -> Document {
    expect_context::<Document>()
}

impl Document {
    /// True while a shared program is shown: nothing is edited or saved.
    pub fn read_only(&self) -> bool {
        self.shared.with_untracked(Option::is_some)
    }

    /// The program's name, tracked.
    pub fn name(&self) -> String {
        self.program.with(|p| p.name.clone())
    }

    /// The entity with this uid in one of the program's lists, as a memo that notifies only
    /// when that entity changed: an edit elsewhere leaves the views of this one alone (it is
    /// the same shared value, model/shared.rs, so the check is a pointer comparison). The
    /// look-up starts where the entity was last time, so it is constant time unless
    /// entities before it came or went.
    fn entity<T>(&self, list: fn(&Program) -> &[Shared<T>], uid: &str) -> Memo<Option<Shared<T>>>
    where
        T: Identified + PartialEq + Send + Sync + 'static,
    {
        let program = self.program;
        let uid = uid.to_string();
        let hint = AtomicUsize::new(0);
        Memo::new(move |_| {
            program.with(|p| {
                let entities = list(p);
                let at = hint.load(Ordering::Relaxed);
                let found = match entities.get(at) {
                    Some(e) if e.uid() == uid => Some(at),
                    _ => entities.iter().position(|e| e.uid() == uid),
                };
                found.map(|at| {
                    hint.store(at, Ordering::Relaxed);
                    entities[at].clone()
                })
            })
        })
    }

    pub fn item(&self, uid: &str) -> Memo<Option<Shared<Item>>> {
        self.entity(|p| &p.items, uid)
    }

    pub fn dependency(&self, uid: &str) -> Memo<Option<Shared<Dependency>>> {
        self.entity(|p| &p.dependencies, uid)
    }

    pub fn risk(&self, uid: &str) -> Memo<Option<Shared<Risk>>> {
        self.entity(|p| &p.risks, uid)
    }

    pub fn decision(&self, uid: &str) -> Memo<Option<Shared<Decision>>> {
        self.entity(|p| &p.decisions, uid)
    }
}

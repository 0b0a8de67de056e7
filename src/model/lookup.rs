//! Finding entities by id in constant time. `Program::item(id)` and its siblings scan the
//! lists, which is right for one look-up and quadratic inside a loop over the program: every
//! pass that looks up ids per item (the summary, the cockpit, publishing) builds one
//! [`Lookup`] first. As with the scans, the first entity with an id wins.

use std::collections::HashMap;

use super::types::{Decision, Dependency, Item, Program, Risk, StatusUpdate};

#[derive(Clone, Copy)]
enum Slot {
    Item(usize),
    Dependency(usize),
    Risk(usize),
    Decision(usize),
}

/// An index of a program's items, dependencies, risks and decisions by id.
pub struct Lookup<'a> {
    program: &'a Program,
    slots: HashMap<&'a str, Slot>,
}

impl Program {
    /// An index of this program by id, for passes that look up many ids. O(entities).
    pub fn lookup(&self) -> Lookup<'_> {
        let mut slots = HashMap::with_capacity(
            self.items.len() + self.dependencies.len() + self.risks.len() + self.decisions.len(),
        );
        let entries = (self.items.iter().enumerate())
            .map(|(i, e)| (e.id.as_str(), Slot::Item(i)))
            .chain(
                (self.dependencies.iter().enumerate())
                    .map(|(i, e)| (e.id.as_str(), Slot::Dependency(i))),
            )
            .chain((self.risks.iter().enumerate()).map(|(i, e)| (e.id.as_str(), Slot::Risk(i))))
            .chain(
                (self.decisions.iter().enumerate())
                    .map(|(i, e)| (e.id.as_str(), Slot::Decision(i))),
            );
        for (id, slot) in entries {
            slots.entry(id).or_insert(slot);
        }
        Lookup {
            program: self,
            slots,
        }
    }
}

impl<'a> Lookup<'a> {
    /// The program this indexes.
    pub fn program(&self) -> &'a Program {
        self.program
    }

    fn slot(&self, id: &str) -> Option<Slot> {
        self.slots.get(id).copied()
    }

    /// The item with this id (as [`Program::item`]).
    pub fn item(&self, id: &str) -> Option<&'a Item> {
        match self.slot(id)? {
            Slot::Item(i) => self.program.items.get(i).map(|e| &**e),
            _ => self.program.item(id),
        }
    }

    /// The dependency with this id (as [`Program::dependency`]).
    pub fn dependency(&self, id: &str) -> Option<&'a Dependency> {
        match self.slot(id)? {
            Slot::Dependency(i) => self.program.dependencies.get(i).map(|e| &**e),
            _ => self.program.dependency(id),
        }
    }

    /// The risk with this id.
    pub fn risk(&self, id: &str) -> Option<&'a Risk> {
        match self.slot(id)? {
            Slot::Risk(i) => self.program.risks.get(i).map(|e| &**e),
            _ => self
                .program
                .risks
                .iter()
                .find(|risk| risk.id == id)
                .map(|e| &**e),
        }
    }

    /// The decision with this id.
    pub fn decision(&self, id: &str) -> Option<&'a Decision> {
        match self.slot(id)? {
            Slot::Decision(i) => self.program.decisions.get(i).map(|e| &**e),
            _ => self
                .program
                .decisions
                .iter()
                .find(|d| d.id == id)
                .map(|e| &**e),
        }
    }

    /// The title of an item, dependency, risk or decision (as [`Program::title_of`]).
    pub fn title_of(&self, id: &str) -> Option<&'a str> {
        let p = self.program;
        Some(match self.slot(id)? {
            Slot::Item(i) => p.items.get(i)?.title.as_str(),
            Slot::Dependency(i) => p.dependencies.get(i)?.title.as_str(),
            Slot::Risk(i) => p.risks.get(i)?.title.as_str(),
            Slot::Decision(i) => p.decisions.get(i)?.question.as_str(),
        })
    }

    /// The weekly updates of an item or dependency (as [`Program::updates_of`]).
    pub fn updates_of(&self, id: &str) -> &'a [StatusUpdate] {
        if let Some(item) = self.item(id) {
            &item.status
        } else if let Some(dep) = self.dependency(id) {
            &dep.status
        } else {
            &[]
        }
    }

    /// The due date of an item or dependency.
    pub fn due_of(&self, id: &str) -> Option<chrono::NaiveDate> {
        self.item(id)
            .map(|i| i.due)
            .or_else(|| self.dependency(id).map(|d| d.due))
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use crate::model::example_program;

    #[test]
    fn finds_what_the_scans_find() {
        let program = example_program();
        let lookup = program.lookup();
        for id in program.all_ids().chain(["nope", ""]) {
            assert_eq!(lookup.item(id), program.item(id), "{id}");
            assert_eq!(lookup.dependency(id), program.dependency(id), "{id}");
            assert_eq!(lookup.title_of(id), program.title_of(id), "{id}");
            assert_eq!(lookup.updates_of(id), program.updates_of(id), "{id}");
        }
    }
}

//! Edits with undo: every change to the open program goes through [`Editor::edit`], which
//! keeps the program as it was for undo and saves shortly after.

use leptos::prelude::*;

use super::document::Document;
use super::notices::Notices;
use super::persistence::Persistence;
use crate::model::edit::EditError;
use crate::model::Program;

/// What can be undone.
#[derive(Debug, Clone)]
pub enum Undo {
    /// An edit of the open program: the program as it was before.
    Edit {
        label: String,
        program_id: String,
        before: Box<Program>,
    },
    /// A deleted stored program.
    DeletedProgram { id: String, program: Box<Program> },
}

impl Undo {
    pub fn label(&self) -> String {
        match self {
            Undo::Edit { label, .. } => label.clone(),
            Undo::DeletedProgram { program, .. } => format!("delete program \"{}\"", program.name),
        }
    }
}

const UNDO_DEPTH: usize = 100;

/// The one way to change the open program.
#[derive(Clone, Copy)]
pub struct Editor {
    doc: Document,
    persistence: Persistence,
    notices: Notices,
    pub undo: RwSignal<Vec<Undo>>,
}

pub fn expect_editor() -> Editor {
    expect_context::<Editor>()
}

impl Editor {
    pub fn new(doc: Document, persistence: Persistence, notices: Notices) -> Editor {
        Editor {
            doc,
            persistence,
            notices,
            undo: RwSignal::new(Vec::new()),
        }
    }

    /// Applies an edit to the open program; on success it is undoable and saved shortly.
    /// A refused edit changes nothing and says why.
    pub fn edit<T>(
        &self,
        label: impl Into<String>,
        change: impl FnOnce(&mut Program) -> Result<T, EditError>,
    ) -> Result<T, EditError> {
        if self.doc.read_only() {
            return Err(EditError::Rule(
                "This shared program is read-only. Use \"Save a copy\" to edit it.".into(),
            ));
        }
        let before = self.doc.program.get_untracked();
        let mut after = before.clone();
        let outcome = change(&mut after)?;
        if after == before {
            return Ok(outcome);
        }
        self.push(Undo::Edit {
            label: label.into(),
            program_id: self.doc.id.get_untracked(),
            before: Box::new(before),
        });
        self.doc.program.set(after);
        self.persistence.schedule_save();
        Ok(outcome)
    }

    /// Keeps something to undo.
    pub fn push(&self, undo: Undo) {
        self.undo.update(|stack| {
            stack.push(undo);
            if stack.len() > UNDO_DEPTH {
                stack.remove(0);
            }
        });
    }

    /// The label of what Undo would take back.
    pub fn next_undo(&self) -> Option<String> {
        self.undo.with(|stack| stack.last().map(Undo::label))
    }

    /// Undoes the last edit or program deletion.
    pub fn undo_last(&self) {
        let Some(last) = self.undo.try_update(|stack| stack.pop()).flatten() else {
            return;
        };
        match last {
            Undo::Edit {
                program_id, before, ..
            } => {
                if program_id != self.doc.id.get_untracked() {
                    self.persistence.open_stored(&program_id);
                }
                self.doc.program.set(*before);
                self.persistence.schedule_save();
            }
            Undo::DeletedProgram { id, program } => {
                let name = program.name.clone();
                self.persistence.save_new(&id, &program);
                self.notices
                    .notify(format!("Restored program \"{name}\"."), false);
            }
        }
    }
}

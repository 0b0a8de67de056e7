//! Edits with undo: every change to the open program goes through [`Editor::edit`], which
//! keeps the program as it was for undo and saves shortly after.

use leptos::prelude::*;

use super::document::Document;
use super::notices::Notices;
use super::persistence::Persistence;
use crate::model::edit::EditError;
use crate::model::Program;
use crate::store::revert;

/// What can be undone.
#[derive(Debug, Clone)]
pub enum Undo {
    /// An edit of the open program: the program just before and just after it, so that
    /// undo takes back only this edit's fields, whatever other tabs changed since.
    Edit {
        label: String,
        program_id: String,
        before: Box<Program>,
        after: Box<Program>,
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
        // Anything the edit added without an identity gets a fresh one.
        crate::model::uid::fill(&mut after, false);
        if after == before {
            return Ok(outcome);
        }
        self.push(Undo::Edit {
            label: label.into(),
            program_id: self.doc.id.get_untracked(),
            before: Box::new(before),
            after: Box::new(after.clone()),
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

    /// Undoes this tab's last edit (only the fields it touched; later changes, other tabs'
    /// included, stay) or program deletion.
    pub fn undo_last(&self) {
        let Some(last) = self.undo.try_update(|stack| stack.pop()).flatten() else {
            return;
        };
        match last {
            Undo::Edit {
                label,
                program_id,
                before,
                after,
            } => {
                if program_id != self.doc.id.get_untracked() {
                    self.persistence.open_stored(&program_id);
                }
                let current = self.doc.program.get_untracked();
                match revert(&before, &after, &current) {
                    Ok(program) => {
                        self.doc.program.set(program);
                        self.persistence.schedule_save();
                    }
                    Err(conflicts) => {
                        let what = conflicts
                            .iter()
                            .map(|c| {
                                format!("{} was changed since (now {})", c.label, c.theirs_text())
                            })
                            .collect::<Vec<_>>()
                            .join("; ");
                        self.notices.notify(
                            format!("Could not undo {label}: {what}. Nothing was changed."),
                            true,
                        );
                    }
                }
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

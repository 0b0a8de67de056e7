//! The one adapter between the pure core and the views: the open program in a signal,
//! derived results as memos, edits with undo, and autosave to the store.

use std::time::Duration;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::engine::forecast::Forecast;
use crate::engine::schedule::{schedule, Schedule};
use crate::engine::status::{
    program_colour, risk_findings, statuses as engine_statuses, ItemStatus, ProgramColour,
    RiskFinding,
};
use crate::model::{edit::EditError, Program};
use crate::store::{self, Index, IndexEntry, SaveError};

/// The views, each with a stable address in the URL fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Summary,
    Path,
    Register,
    Board,
    Risks,
    Plan,
    Program,
}

impl Route {
    /// The views, in navigation order.
    pub const ALL: [Route; 7] = [
        Route::Summary,
        Route::Path,
        Route::Register,
        Route::Board,
        Route::Risks,
        Route::Plan,
        Route::Program,
    ];

    pub fn hash(self) -> &'static str {
        match self {
            Route::Summary => "#/summary",
            Route::Path => "#/path",
            Route::Register => "#/register",
            Route::Board => "#/board",
            Route::Risks => "#/risks",
            Route::Plan => "#/plan",
            Route::Program => "#/program",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::Summary => "Summary",
            Route::Path => "Critical path",
            Route::Register => "Register",
            Route::Board => "Board",
            Route::Risks => "Risks & decisions",
            Route::Plan => "Plan",
            Route::Program => "Program",
        }
    }

    /// The landing view.
    pub fn home() -> Route {
        Route::Summary
    }

    pub fn from_hash(hash: &str) -> Option<Route> {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        Route::ALL
            .into_iter()
            .find(|route| route.hash().trim_start_matches("#/") == path)
    }
}

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

/// A message shown at the top until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub text: String,
    /// A stored key whose raw content can be downloaded (unreadable data kept aside).
    pub kept_key: Option<String>,
    pub is_error: bool,
}

/// Save state shown in the header.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    Pending,
    Failed(SaveError),
    Conflict,
}

/// Everything the views share, given once with `provide_context`.
#[derive(Clone, Copy)]
pub struct AppState {
    pub program: RwSignal<Program>,
    pub program_id: RwSignal<String>,
    pub rev: RwSignal<u64>,
    pub index: RwSignal<Index>,
    pub undo: RwSignal<Vec<Undo>>,
    pub notices: RwSignal<Vec<Notice>>,
    pub save_state: RwSignal<SaveState>,
    pub route: RwSignal<Route>,
    pub today: NaiveDate,
    pub tab: StoredValue<String>,
    pending_save: StoredValue<Option<TimeoutHandle>>,
    /// A program opened from a share link: shown read-only until saved as a copy.
    pub shared: RwSignal<Option<SharedView>>,
    /// The status date the rules are evaluated at.
    pub as_of: Memo<NaiveDate>,
    pub schedule: Memo<Schedule>,
    pub statuses: Memo<Vec<ItemStatus>>,
    pub risks: Memo<Vec<RiskFinding>>,
    /// The Monte Carlo result, `None` while it runs (it runs in slices after each change).
    pub forecast: RwSignal<Option<Forecast>>,
    /// Iterations done and in all of the running forecast.
    pub forecast_progress: RwSignal<(u32, u32)>,
    /// The confidence at the previous status date, for "what changed" (computed after the
    /// current forecast, with the program as it is now).
    pub previous_forecast: RwSignal<Option<(NaiveDate, f64)>>,
    pub colour: Memo<ProgramColour>,
}

/// What the app shows while a shared program is open read-only.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedView {
    /// The stored program to go back to when the shared one is dismissed.
    pub return_to: Option<String>,
    pub return_program: Option<Box<(Program, u64)>>,
}

/// The app state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

const UNDO_DEPTH: usize = 100;

impl AppState {
    pub fn new(
        program: Program,
        program_id: String,
        rev: u64,
        index: Index,
        today: NaiveDate,
    ) -> AppState {
        let program = RwSignal::new(program);
        let as_of = Memo::new(move |_| program.with(|p| p.as_of(today)));
        let schedule = Memo::new(move |_| program.with(|p| schedule(p, as_of.get())));
        let statuses = Memo::new(move |_| {
            program.with(|p| schedule.with(|s| engine_statuses(p, s, as_of.get())))
        });
        let risks = Memo::new(move |_| {
            program.with(|p| schedule.with(|s| risk_findings(p, s, as_of.get())))
        });
        let forecast = RwSignal::new(None::<Forecast>);
        let colour = Memo::new(move |_| {
            let confidence = forecast.with(|f| f.as_ref().map(|f| f.confidence));
            program.with(|p| {
                schedule.with(|s| {
                    statuses.with(|st| {
                        risks.with(|r| program_colour(p, s, st, r, confidence, as_of.get()))
                    })
                })
            })
        });
        AppState {
            program,
            as_of,
            schedule,
            statuses,
            risks,
            forecast,
            forecast_progress: RwSignal::new((0, 0)),
            previous_forecast: RwSignal::new(None),
            colour,
            shared: RwSignal::new(None),
            program_id: RwSignal::new(program_id),
            rev: RwSignal::new(rev),
            index: RwSignal::new(index),
            undo: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            save_state: RwSignal::new(SaveState::Saved),
            route: RwSignal::new(Route::home()),
            today,
            tab: StoredValue::new(store::new_id("tab")),
            pending_save: StoredValue::new(None),
        }
    }

    /// Applies an edit to the open program; on success it is undoable and saved shortly.
    pub fn edit(
        &self,
        label: impl Into<String>,
        change: impl FnOnce(&mut Program) -> Result<(), EditError>,
    ) -> Result<(), String> {
        if self.shared.with_untracked(Option::is_some) {
            return Err("This shared program is read-only. Use \"Save a copy\" to edit it.".into());
        }
        let before = self.program.get_untracked();
        let mut after = before.clone();
        change(&mut after).map_err(|err| err.to_string())?;
        if after == before {
            return Ok(());
        }
        let program_id = self.program_id.get_untracked();
        self.undo.update(|stack| {
            stack.push(Undo::Edit {
                label: label.into(),
                program_id,
                before: Box::new(before),
            });
            if stack.len() > UNDO_DEPTH {
                stack.remove(0);
            }
        });
        self.program.set(after);
        self.schedule_save();
        Ok(())
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
                if program_id != self.program_id.get_untracked() {
                    self.open_stored(&program_id);
                }
                self.program.set(*before);
                self.schedule_save();
            }
            Undo::DeletedProgram { id, program } => {
                let name = program.name.clone();
                self.save_new(&id, &program);
                self.notify(format!("Restored program \"{name}\"."), false);
            }
        }
    }

    pub fn notify(&self, text: impl Into<String>, is_error: bool) {
        let id = js_sys::Date::now() as u64 + self.notices.with_untracked(|n| n.len() as u64);
        self.notices.update(|notices| {
            notices.push(Notice {
                id,
                text: text.into(),
                kept_key: None,
                is_error,
            })
        });
    }

    pub fn notify_kept(&self, text: String, key: String) {
        let id = js_sys::Date::now() as u64 + self.notices.with_untracked(|n| n.len() as u64);
        self.notices.update(|notices| {
            notices.push(Notice {
                id,
                text,
                kept_key: Some(key),
                is_error: true,
            })
        });
    }

    fn schedule_save(&self) {
        self.save_state.set(SaveState::Pending);
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
        }
        let state = *self;
        let handle =
            set_timeout_with_handle(move || state.save_now(false), Duration::from_millis(300)).ok();
        self.pending_save.set_value(handle);
    }

    /// Saves at once if a save is pending (e.g. when the tab is hidden or closed).
    pub fn flush(&self) {
        if self.save_state.get_untracked() == SaveState::Pending {
            if let Some(handle) = self.pending_save.get_value() {
                handle.clear();
            }
            self.save_now(false);
        }
    }

    /// Writes the open program; `force` overwrites another tab's newer version.
    pub fn save_now(&self, force: bool) {
        self.pending_save.set_value(None);
        if self.shared.with_untracked(Option::is_some) {
            // A shared program is never written until the user saves a copy.
            return;
        }
        let id = self.program_id.get_untracked();
        let result = self.program.with_untracked(|program| {
            store::save(
                &id,
                program,
                self.rev.get_untracked(),
                &self.tab.get_value(),
                force,
            )
        });
        match result {
            Ok(rev) => {
                self.rev.set(rev);
                self.save_state.set(SaveState::Saved);
                let name = self.program.with_untracked(|p| p.name.clone());
                self.update_index(|index| {
                    index.current = Some(id.clone());
                    match index.programs.iter_mut().find(|e| e.id == id) {
                        Some(entry) => entry.name = name,
                        None => index.programs.push(IndexEntry {
                            id: id.clone(),
                            name,
                        }),
                    }
                });
            }
            Err(SaveError::Conflict { .. }) => self.save_state.set(SaveState::Conflict),
            Err(err) => self.save_state.set(SaveState::Failed(err)),
        }
    }

    fn update_index(&self, change: impl FnOnce(&mut Index)) {
        self.index.update(change);
        if let Err(err) = self.index.with_untracked(store::save_index) {
            if !matches!(self.save_state.get_untracked(), SaveState::Failed(_)) {
                self.save_state.set(SaveState::Failed(err));
            }
        }
    }

    /// Stores `program` under a new id and opens it (import, duplicate, new, shared copy).
    pub fn save_new(&self, id: &str, program: &Program) {
        self.flush();
        self.shared.set(None);
        self.program_id.set(id.to_string());
        self.rev.set(0);
        self.program.set(program.clone());
        self.save_now(false);
    }

    /// Opens a stored program by id (the switcher).
    pub fn open_stored(&self, id: &str) {
        self.flush();
        self.shared.set(None);
        match store::load(id) {
            Ok(stored) => {
                self.program_id.set(stored.id);
                self.rev.set(stored.rev);
                self.program.set(stored.program);
                self.save_state.set(SaveState::Saved);
                self.update_index(|index| index.current = Some(id.to_string()));
            }
            Err(message) => {
                self.notify(format!("That program could not be opened: {message}"), true)
            }
        }
    }

    /// Deletes a stored program (after the user confirmed); undoable.
    pub fn delete_stored(&self, id: &str) {
        let program = match store::load(id) {
            Ok(stored) => stored.program,
            Err(_) if id == self.program_id.get_untracked() => self.program.get_untracked(),
            Err(message) => {
                self.notify(
                    format!("That program could not be deleted: {message}"),
                    true,
                );
                return;
            }
        };
        store::remove(id);
        self.undo.update(|stack| {
            stack.push(Undo::DeletedProgram {
                id: id.to_string(),
                program: Box::new(program),
            })
        });
        self.update_index(|index| index.programs.retain(|entry| entry.id != id));
        if id == self.program_id.get_untracked() {
            let next = self
                .index
                .with_untracked(|index| index.programs.first().map(|e| e.id.clone()));
            match next {
                Some(next) => self.open_stored(&next),
                None => {
                    let example = crate::model::example_program();
                    self.save_new(&store::new_id("p"), &example);
                }
            }
        }
    }

    /// Another tab changed a stored key: take its version if we have nothing unsaved.
    pub fn other_tab_changed(&self, key: &str) {
        let viewing_shared = self.shared.with_untracked(Option::is_some);
        if !viewing_shared
            && store::program_id_of_key(key) == Some(self.program_id.get_untracked().as_str())
        {
            match self.save_state.get_untracked() {
                SaveState::Pending | SaveState::Conflict => {
                    self.save_state.set(SaveState::Conflict)
                }
                _ => {
                    if let Ok(stored) = store::load(&self.program_id.get_untracked()) {
                        if stored.rev != self.rev.get_untracked() {
                            self.rev.set(stored.rev);
                            self.program.set(stored.program);
                            self.notify(
                                "This program was updated with changes made in another tab.",
                                false,
                            );
                        }
                    }
                }
            }
        }
        let opened = store::open();
        self.index
            .update(|index| index.programs = opened.index.programs);
    }

    /// Resolves a conflict by taking the other tab's version.
    pub fn take_theirs(&self) {
        let id = self.program_id.get_untracked();
        if let Ok(stored) = store::load(&id) {
            let before = self.program.get_untracked();
            self.undo.update(|stack| {
                stack.push(Undo::Edit {
                    label: "take the other tab's version".into(),
                    program_id: id.clone(),
                    before: Box::new(before),
                })
            });
            self.rev.set(stored.rev);
            self.program.set(stored.program);
            self.save_state.set(SaveState::Saved);
        }
    }
}

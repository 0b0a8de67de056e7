//! Program: its settings (dates, calendar, rules), the program switcher, and the JSON file
//! export and import. Importing never replaces a stored program: it adds a new one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::files::{download, file_stem, read_text};
use super::state::use_app;
use crate::model::edit::{program_field_text, set_program_field, set_workday, ProgramField};
use crate::model::{read_program, write_program, Program, ReadError, Workday};
use crate::store;

/// The Program view.
#[component]
pub fn ProgramView() -> impl IntoView {
    view! {
        <section class="view program" aria-labelledby="program-title">
            <h2 id="program-title">"Program"</h2>
            <div class="program-grid">
                <Settings/>
                <div>
                    <Switcher/>
                    <Files/>
                </div>
            </div>
        </section>
    }
}

/// Name, dates, calendar and rules of the open program.
#[component]
fn Settings() -> impl IntoView {
    let state = use_app();
    let error = RwSignal::new(None::<String>);
    let field = move |field: ProgramField, kind: &'static str| {
        let value = move || state.program.with(|p| program_field_text(p, field));
        let commit = move |ev| {
            let text = event_target_value(&ev);
            match state.edit(format!("edit {}", field.label()), |p| {
                set_program_field(p, field, &text)
            }) {
                Ok(()) => error.set(None),
                Err(message) => error.set(Some(message)),
            }
        };
        let input = if kind == "textarea" {
            view! { <textarea rows="4" prop:value=value on:change=commit></textarea> }.into_any()
        } else {
            view! { <input type=kind prop:value=value on:change=commit/> }.into_any()
        };
        view! { <label class="field"><span>{field.label()}</span>{input}</label> }
    };
    view! {
        <form class="settings" on:submit=|ev| ev.prevent_default()>
            <div class="edit-error" role="alert">{move || error.get().map(|m| view! { <p>"⚠ " {m}</p> })}</div>
            <fieldset>
                <legend>"Dates"</legend>
                {field(ProgramField::Name, "text")}
                {field(ProgramField::Start, "date")}
                {field(ProgramField::Target, "date")}
                {field(ProgramField::StatusDate, "date")}
                <p class="hint">
                    "Every rule is evaluated at the status date. Empty: today ("
                    {state.today.to_string()}
                    ")."
                </p>
            </fieldset>
            <fieldset>
                <legend>"Calendar"</legend>
                <div class="workdays" role="group" aria-label="Working days">
                    {Workday::ALL
                        .into_iter()
                        .map(|day| {
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || state.program.with(|p| p.calendar.workdays.contains(&day))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            if let Err(m) = state.edit("change the working days", |p| set_workday(p, day, on)) {
                                                error.set(Some(m));
                                            }
                                        }
                                    />
                                    {day.label()}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                {field(ProgramField::Holidays, "textarea")}
                <p class="hint">"Holidays: one date per line (YYYY-MM-DD)."</p>
            </fieldset>
            <fieldset>
                <legend>"Rules"</legend>
                {field(ProgramField::StaleYellowDays, "text")}
                {field(ProgramField::UpdateEveryDays, "text")}
                {field(ProgramField::ReviewEveryDays, "text")}
                {field(ProgramField::NearCriticalDays, "text")}
                {field(ProgramField::EscalateWithinDays, "text")}
                {field(ProgramField::Iterations, "text")}
            </fieldset>
        </form>
    }
}

fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// The stored programs: open, new, duplicate, delete (confirmed, undoable).
#[component]
fn Switcher() -> impl IntoView {
    let state = use_app();
    let new_program = move |_| {
        let program = Program::new("New program", state.today);
        state.save_new(&store::new_id("p"), &program);
        state.notify(
            "Started a new program. Add work items in Plan or import them.",
            false,
        );
    };
    let duplicate = move |_| {
        let mut copy = state.program.get_untracked();
        copy.name = format!("{} (copy)", copy.name);
        let name = copy.name.clone();
        state.save_new(&store::new_id("p"), &copy);
        state.notify(format!("Opened \"{name}\"."), false);
    };
    view! {
        <section class="switcher" aria-labelledby="switcher-title">
            <h3 id="switcher-title">"Programs in this browser"</h3>
            <ul class="program-list">
                {move || {
                    let current = state.program_id.get();
                    state
                        .index
                        .get()
                        .programs
                        .into_iter()
                        .map(|entry| {
                            let is_current = entry.id == current;
                            let open_id = entry.id.clone();
                            let delete_id = entry.id.clone();
                            let name = entry.name.clone();
                            view! {
                                <li class:current=is_current>
                                    <span class="name">{entry.name.clone()}</span>
                                    {if is_current {
                                        view! { <span class="badge">"open"</span> }.into_any()
                                    } else {
                                        view! {
                                            <button type="button" aria-label=format!("Open {}", entry.name) on:click=move |_| state.open_stored(&open_id)>
                                                "Open"
                                            </button>
                                        }
                                        .into_any()
                                    }}
                                    <button
                                        type="button"
                                        class="danger"
                                        aria-label=format!("Delete program {}", entry.name)
                                        on:click=move |_| {
                                            if confirm(&format!("Delete the program \"{name}\"? You can undo this.")) {
                                                state.delete_stored(&delete_id);
                                                state.notify(format!("Deleted \"{name}\". Undo brings it back."), false);
                                            }
                                        }
                                    >
                                        "Delete"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="actions">
                <button type="button" class="primary" on:click=new_program>"New program"</button>
                <button type="button" on:click=duplicate>"Duplicate this program"</button>
            </div>
        </section>
    }
}

/// Export and import the program as a `.json` file.
#[component]
fn Files() -> impl IntoView {
    let state = use_app();
    let problems = RwSignal::new(Vec::<String>::new());
    let export = move |_| {
        let (name, text) = state
            .program
            .with_untracked(|p| (p.name.clone(), write_program(p)));
        if let Err(message) = download(
            &format!("{}.json", file_stem(&name)),
            "application/json",
            &text,
        ) {
            state.notify(message, true);
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let file_name = file.name();
        spawn_local(async move {
            let text = match read_text(file).await {
                Ok(text) => text,
                Err(message) => {
                    problems.set(vec![message]);
                    return;
                }
            };
            match read_program(&text) {
                Ok(loaded) => {
                    problems.set(Vec::new());
                    let name = loaded.program.name.clone();
                    state.save_new(&store::new_id("p"), &loaded.program);
                    let warnings = loaded.warnings.len();
                    let note = if warnings == 0 {
                        String::new()
                    } else {
                        format!(" It has {warnings} warning(s); see Plan.")
                    };
                    state.notify(
                        format!("Imported \"{name}\" from {file_name} as a new program.{note}"),
                        false,
                    );
                }
                Err(ReadError::Invalid(found)) => problems.set(
                    std::iter::once(format!(
                        "{file_name} was not imported; nothing was changed. Problems:"
                    ))
                    .chain(found.iter().map(|p| p.to_string()))
                    .collect(),
                ),
                Err(err) => problems.set(vec![format!(
                    "{file_name} was not imported; nothing was changed. {err}"
                )]),
            }
        });
    };
    view! {
        <section class="files" aria-labelledby="files-title">
            <h3 id="files-title">"Files"</h3>
            <div class="actions">
                <button type="button" on:click=export>"Export program (.json)"</button>
                <label class="file-button">
                    "Import a program file (.json)"
                    <input type="file" accept=".json,application/json" on:change=import/>
                </label>
            </div>
            <div role="alert" class="import-problems">
                <Show when=move || problems.with(|p| !p.is_empty())>
                    <ul>{move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </Show>
            </div>
        </section>
    }
}

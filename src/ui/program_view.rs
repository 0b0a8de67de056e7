//! Program: its settings (dates, calendar, rules), teams, who is reporting, the published
//! reports, the program switcher, and the JSON file export and import. Importing never
//! replaces a stored program: it adds a new one.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::field::{Commit, Field, Kind};
use super::files::{download, file_stem, read_text, take_picked};
use super::reports::ReportList;
use super::start::{open_example, StartProgram};
use super::state::{
    expect_clock, expect_document, expect_editor, expect_notices, expect_persistence,
    expect_reporter, Undo,
};
use super::teams::Teams;
use super::widgets::shown;
use crate::model::edit::{program_field_text, set_program_field, set_workday, ProgramField};
use crate::model::{read_program, write_program, ReadError, Workday};
use crate::store::{self, field_key};

/// Asks the person to confirm (the browser's own dialog).
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// The Program view.
#[component]
pub fn ProgramView() -> impl IntoView {
    view! {
        <section class="view program" aria-labelledby="program-title">
            <h2 id="program-title">"Program"</h2>
            <div class="program-grid">
                <Settings/>
                <div>
                    <Teams/>
                    <ReporterName/>
                    <ReportList/>
                    <Switcher/>
                    <Files/>
                    <super::github::KeepInGitHub/>
                </div>
            </div>
        </section>
    }
}

fn program_field(field: ProgramField, kind: Kind) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let value = Signal::derive(move || doc.program.with(|p| program_field_text(p, field)));
    let commit: Commit = Callback::new(move |text: String| {
        editor.edit(format!("edit {}", field.label()), |p| {
            set_program_field(p, field, &text)
        })
    });
    view! {
        <label class="field"><span>{field.label()}</span>
            <Field label=field.label() draft_key=field_key(field.path()) kind=kind value=value commit=commit/>
        </label>
    }
}

/// Name, dates, calendar and rules of the open program.
#[component]
fn Settings() -> impl IntoView {
    let doc = expect_document();
    let clock = expect_clock();
    let editor = expect_editor();
    let notices = expect_notices();
    view! {
        <form class="settings" on:submit=|ev| ev.prevent_default()>
            <fieldset>
                <legend>"Dates"</legend>
                {program_field(ProgramField::Name, Kind::Text)}
                {program_field(ProgramField::Start, Kind::Date)}
                {program_field(ProgramField::Target, Kind::Date)}
                {program_field(ProgramField::StatusDate, Kind::Date)}
                <p class="hint">
                    "Every rule is evaluated at the status date. Empty: today ("
                    {move || clock.today().to_string()}
                    ")."
                </p>
            </fieldset>
            <fieldset>
                <legend>"Calendar"</legend>
                <div class="workdays" role="group" aria-label="Working days">
                    {Workday::ALL
                        .iter()
                        .map(|&day| {
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        disabled=move || doc.shared.with(Option::is_some)
                                        prop:checked=move || doc.program.with(|p| p.calendar.workdays.contains(&day))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            if let Err(m) = editor.edit("change the working days", |p| set_workday(p, day, on)) {
                                                notices.notify(m.to_string(), true);
                                            }
                                        }
                                    />
                                    {day.label()}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                {program_field(ProgramField::Holidays, Kind::Lines)}
                <p class="hint">"Holidays: one date per line (YYYY-MM-DD)."</p>
            </fieldset>
            <fieldset>
                <legend>"Rules"</legend>
                {program_field(ProgramField::StaleYellowDays, Kind::Number)}
                {program_field(ProgramField::UpdateEveryDays, Kind::Number)}
                {program_field(ProgramField::ReviewEveryDays, Kind::Number)}
                {program_field(ProgramField::NearCriticalDays, Kind::Number)}
                {program_field(ProgramField::EscalateWithinDays, Kind::Number)}
                {program_field(ProgramField::Iterations, Kind::Number)}
            </fieldset>
        </form>
    }
}

/// Who reports the status updates made in this browser.
#[component]
fn ReporterName() -> impl IntoView {
    let reporter = expect_reporter();
    view! {
        <section class="reporter-name" aria-labelledby="reporter-title">
            <h3 id="reporter-title">"You"</h3>
            <label class="field"><span>"Your name (recorded on every status update you make)"</span>
                <input type="text" autocomplete="name" prop:value=move || reporter.name.get().unwrap_or_default()
                    on:change=move |ev| reporter.set(&event_target_value(&ev))/>
            </label>
            <p class="hint">"Kept only in this browser, never in the program file or a shared link."</p>
        </section>
    }
}

/// The stored programs: open, start a new one, reopen the example, duplicate, delete
/// (confirmed, undoable).
#[component]
fn Switcher() -> impl IntoView {
    let doc = expect_document();
    let persistence = expect_persistence();
    let editor = expect_editor();
    let notices = expect_notices();
    let duplicate = move |_| {
        let mut copy = doc.program.get_untracked();
        copy.name = format!("{} (copy)", copy.name);
        let name = copy.name.clone();
        persistence.save_new(&store::new_id("p"), &copy);
        notices.notify(format!("Opened \"{name}\"."), false);
    };
    let example = move |_| {
        open_example(persistence);
        notices.notify(
            "Opened the built-in example as a program of its own.",
            false,
        );
    };
    view! {
        <section class="switcher" aria-labelledby="switcher-title">
            <h3 id="switcher-title">"Programs in this browser"</h3>
            <ul class="program-list">
                {move || {
                    let current = doc.id.get();
                    persistence.index.get().programs.into_iter().map(|entry| {
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
                                        <button type="button" aria-label=format!("Open {}", entry.name) on:click=move |_| persistence.open_stored(&open_id)>
                                            "Open"
                                        </button>
                                    }.into_any()
                                }}
                                <button type="button" class="danger" aria-label=format!("Delete program {}", entry.name)
                                    on:click=move |_| {
                                        if confirm(&format!("Delete the program \"{name}\"? You can undo this.")) {
                                            if let Some(program) = persistence.delete_stored(&delete_id) {
                                                editor.push(Undo::DeletedProgram { id: delete_id.clone(), program: Box::new(program) });
                                                notices.notify(format!("Deleted \"{name}\". Undo brings it back."), false);
                                            }
                                        }
                                    }>
                                    "Delete"
                                </button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <div class="actions">
                <StartProgram/>
                <button type="button" on:click=duplicate>"Duplicate this program"</button>
                <button type="button" on:click=example>"Open the example program"</button>
            </div>
        </section>
    }
}

/// Export and import the program as a `.json` file.
#[component]
fn Files() -> impl IntoView {
    let doc = expect_document();
    let persistence = expect_persistence();
    let notices = expect_notices();
    let problems = RwSignal::new(Vec::<String>::new());
    let export = move |_| {
        let (name, text) = doc
            .program
            .with_untracked(|p| (p.name.clone(), write_program(p)));
        match download(
            &format!("{}.json", file_stem(&name)),
            "application/json",
            &text,
        ) {
            Ok(()) => persistence.mark_exported(),
            Err(message) => notices.notify(message, true),
        }
    };
    let kept = move || {
        match persistence.persisted.get() {
        Some(true) => "Stored in this browser, which keeps it until you clear this site's data. Export a copy or keep a share link for another machine.",
        _ => "Stored in this browser, which may clear it (site data cleared, space running low, or a week without a visit in Safari). Export a copy now and then.",
    }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = take_picked(&ev).into_iter().next() else {
            return;
        };
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
                    persistence.save_new(&store::new_id("p"), &loaded.program);
                    let warnings = loaded.warnings.len();
                    let note = if warnings == 0 {
                        String::new()
                    } else {
                        format!(" It has {warnings} warning(s); see Plan.")
                    };
                    notices.notify(
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
            <p class="hint">{kept}</p>
            <div class="actions">
                <button type="button" on:click=export>"Export program (.json)"</button>
                <label class="file-button">
                    "Import a program file (.json)"
                    <input type="file" accept=".json,application/json" on:change=import/>
                </label>
            </div>
            <div class="save-to-file edit-only"><super::disk::SaveToFile/></div>
            <div role="alert" class="import-problems">
                {shown(move || problems.with(|p| !p.is_empty()), move || view! {
                    <ul>{move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                }.into_any())}
            </div>
        </section>
    }
}

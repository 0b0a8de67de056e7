//! Plan: the work items as an editable table (SPEC §2). Every edit goes through
//! `model::edit`, so a refused value leaves the program as it was and says why.

use std::collections::HashMap;

use leptos::prelude::*;

use super::state::use_app;
use super::widgets::float_text;
use crate::model::edit::{add_item, delete_item, item_field_text, set_item_field, ItemField};
use crate::model::{check_program, Severity};

/// The columns of the plan table, in order.
const COLUMNS: [ItemField; 14] = [
    ItemField::Id,
    ItemField::Title,
    ItemField::Team,
    ItemField::Owner,
    ItemField::Kind,
    ItemField::Days,
    ItemField::Low,
    ItemField::High,
    ItemField::After,
    ItemField::NotBefore,
    ItemField::Due,
    ItemField::Started,
    ItemField::Finished,
    ItemField::Remaining,
];

/// The Plan view: the table, adding and deleting items, and the plan's problems.
#[component]
pub fn PlanView() -> impl IntoView {
    let state = use_app();
    let error = RwSignal::new(None::<String>);
    let positions = Memo::new(move |_| {
        state.program.with(|p| {
            p.items
                .iter()
                .enumerate()
                .map(|(i, item)| (item.id.clone(), i))
                .collect::<HashMap<_, _>>()
        })
    });
    let ids = Memo::new(move |_| {
        state
            .program
            .with(|p| p.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>())
    });
    let warnings = Memo::new(move |_| {
        state.program.with(|p| {
            check_program(p)
                .into_iter()
                .filter(|problem| {
                    problem.severity == Severity::Warning || problem.place.starts_with("items")
                })
                .map(|problem| problem.to_string())
                .collect::<Vec<_>>()
        })
    });
    let add = move |_| {
        let _ = state.edit("add a work item", |p| {
            add_item(p);
            Ok(())
        });
    };
    view! {
        <section class="view plan" aria-labelledby="plan-title">
            <div class="view-head">
                <h2 id="plan-title">"Plan"</h2>
                <p class="hint">
                    {move || state.program.with(|p| format!("{} work items", p.items.len()))}
                    ". Edit a cell and press Enter or Tab; links are written like "
                    <code>"VEND-1, PAY-0 SS+2"</code> "."
                </p>
                <button type="button" class="primary" on:click=add>"+ Add work item"</button>
            </div>
            <super::import_panel::ImportPanel/>
            <div class="edit-error" role="alert">
                {move || error.get().map(|message| view! { <p>"⚠ " {message}</p> })}
            </div>
            <Show when=move || warnings.with(|w| !w.is_empty())>
                <details class="problems" open>
                    <summary>{move || format!("{} problem(s) in this plan", warnings.with(Vec::len))}</summary>
                    <ul>
                        {move || warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                    </ul>
                </details>
            </Show>
            <div class="table-scroll">
                <table class="plan-table">
                    <thead>
                        <tr>
                            {COLUMNS.iter().map(|field| view! { <th scope="col">{field.label()}</th> }).collect_view()}
                            <th scope="col">"Float (working days)"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || ids.get()
                            key=|id| id.clone()
                            children=move |id| view! { <ItemRow id=id positions=positions error=error/> }
                        />
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One work item's row: a cell per field and a delete button.
#[component]
fn ItemRow(
    /// The item's id (the row's key).
    id: String,
    /// id → index in `program.items`.
    positions: Memo<HashMap<String, usize>>,
    /// Where a refused edit says why.
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app();
    let delete_id = id.clone();
    let delete = move |_| {
        let Some(index) = positions.with_untracked(|m| m.get(&delete_id).copied()) else {
            return;
        };
        let label = format!("delete {delete_id}");
        if state
            .edit(label, |p| {
                delete_item(p, index);
                Ok(())
            })
            .is_ok()
        {
            state.notify(
                format!("Deleted {delete_id}. Undo brings it back (Ctrl+Z)."),
                false,
            );
        }
    };
    let cells = COLUMNS
        .iter()
        .map(|&field| view! { <td><ItemCell id=id.clone() field=field positions=positions error=error/></td> })
        .collect_view();
    let float_id = id.clone();
    let float = move || {
        state.schedule.with(|s| match s.node(&float_id) {
            Some(n) if n.done => "done".to_string(),
            Some(n) if !n.scheduled => "on a cycle".to_string(),
            Some(n) => float_text(n.total_float, n.critical, n.near_critical),
            None => String::new(),
        })
    };
    view! {
        <tr>
            {cells}
            <td class="float">{float}</td>
            <td>
                <button type="button" class="danger" aria-label=format!("Delete {id}") on:click=delete>
                    "Delete"
                </button>
            </td>
        </tr>
    }
}

/// One editable cell; commits on change and reports a refused value.
#[component]
fn ItemCell(
    id: String,
    field: ItemField,
    positions: Memo<HashMap<String, usize>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app();
    let invalid = RwSignal::new(false);
    let value_id = id.clone();
    let value = move || {
        positions
            .with(|m| m.get(&value_id).copied())
            .and_then(|i| {
                state
                    .program
                    .with(|p| p.items.get(i).map(|item| item_field_text(item, field)))
            })
            .unwrap_or_default()
    };
    let label = format!("{} of {}", field.label(), id);
    let commit_id = id.clone();
    let commit = move |text: String| {
        let Some(index) = positions.with_untracked(|m| m.get(&commit_id).copied()) else {
            return;
        };
        let label = format!("edit {} of {commit_id}", field.label());
        match state.edit(label, |p| set_item_field(p, index, field, &text)) {
            Ok(()) => {
                invalid.set(false);
                error.set(None);
            }
            Err(message) => {
                invalid.set(true);
                error.set(Some(format!("{commit_id} — {message}")));
            }
        }
    };
    match field {
        ItemField::Kind => view! {
            <select aria-label=label prop:value=value on:change=move |ev| commit(event_target_value(&ev))>
                <option value="task">"task"</option>
                <option value="milestone">"milestone"</option>
            </select>
        }
        .into_any(),
        ItemField::Team => {
            let teams = move || state.program.with(|p| p.teams.iter().map(|t| (t.id.clone(), t.name.clone())).collect::<Vec<_>>());
            view! {
                <select aria-label=label prop:value=value on:change=move |ev| commit(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || teams().into_iter().map(|(tid, name)| view! { <option value=tid>{name}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        ItemField::NotBefore | ItemField::Due | ItemField::Started | ItemField::Finished => view! {
            <input
                type="date"
                aria-label=label
                aria-invalid=move || invalid.get().then_some("true")
                prop:value=value
                on:change=move |ev| commit(event_target_value(&ev))
            />
        }
        .into_any(),
        ItemField::Days | ItemField::Low | ItemField::High | ItemField::Remaining => view! {
            <input
                type="text"
                inputmode="numeric"
                class="num"
                size="4"
                aria-label=label
                aria-invalid=move || invalid.get().then_some("true")
                prop:value=value
                on:change=move |ev| commit(event_target_value(&ev))
            />
        }
        .into_any(),
        _ => {
            let size = if field == ItemField::Title { "28" } else { "12" };
            view! {
                <input
                    type="text"
                    size=size
                    aria-label=label
                    aria-invalid=move || invalid.get().then_some("true")
                    prop:value=value
                    on:change=move |ev| commit(event_target_value(&ev))
                />
            }
            .into_any()
        }
    }
}

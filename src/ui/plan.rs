//! Plan (docs/architecture.md#views): items in an editable table, each cell addressed by the item's
//! id. A refused value leaves the program as it was and says why beside the field. An
//! empty plan says what to do next.

use leptos::prelude::*;

use super::field::{Commit, Field, Kind};
use super::register::focus_first_field;
use super::state::{expect_cockpit, expect_document, expect_editor, expect_notices};
use super::teams::Teams;
use super::widgets::{keyed_rows, shown};
use crate::engine::words::float;
use crate::model::edit::{
    add_item, add_team, delete_item, item_field_text, set_item_field, team_named, ItemField,
};
use crate::model::{check_program, ItemKind, Severity};
use crate::store::field_key;

/// An editable cell of an item's field, addressed by its id.
fn item_field(id: &str, field: ItemField) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let read_id = id.to_string();
    let value = Signal::derive(move || {
        doc.program.with(|p| {
            p.item(&read_id)
                .map(|i| item_field_text(i, field))
                .unwrap_or_default()
        })
    });
    let write_id = id.to_string();
    let commit: Commit = Callback::new(move |text: String| {
        editor.edit(format!("edit {} of {write_id}", field.label()), |p| {
            set_item_field(p, &write_id, field, &text)
        })
    });
    let kind = match field {
        ItemField::Kind => Kind::Choice(
            ItemKind::ALL
                .iter()
                .map(|k| (k.key().to_string(), k.label().to_ascii_lowercase()))
                .collect(),
        ),
        ItemField::NotBefore | ItemField::Due | ItemField::Started | ItemField::Finished => {
            Kind::Date
        }
        ItemField::Days | ItemField::Low | ItemField::High | ItemField::Remaining => Kind::Number,
        ItemField::Title => Kind::Long,
        _ => Kind::Text,
    };
    let class = if matches!(kind, Kind::Number) {
        "num"
    } else {
        ""
    };
    view! {
        <Field label=format!("{} of {id}", field.label()) draft_key=field_key(&["items", id, field.key()])
            kind=kind value=value commit=commit class=class/>
    }
}

/// The Plan view: the table, adding and deleting items, the plan's problems, the import.
#[component]
pub fn PlanView() -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let ids = Memo::new(move |_| {
        doc.program
            .with(|p| p.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>())
    });
    let warnings = Memo::new(move |_| {
        doc.program.with(|p| {
            check_program(p)
                .into_iter()
                .filter(|problem| {
                    problem.severity == Severity::Warning || problem.place.starts_with("items")
                })
                .map(|problem| problem.to_string())
                .collect::<Vec<_>>()
        })
    });
    let new_id = RwSignal::new(None::<String>);
    let add = move |_| {
        if let Ok(id) = editor.edit("add a work item", |p| Ok(add_item(p, None))) {
            new_id.set(Some(id));
        }
    };
    view! {
        <section class="view plan" aria-labelledby="plan-title">
            <div class="view-head">
                <h2 id="plan-title">"Plan"</h2>
                <p class="hint">
                    {move || doc.program.with(|p| format!("{} work items", p.items.len()))}
                    ". Edit a cell and press Enter or Tab; links are written like "
                    <code>"VEND-1, PAY-0 SS+2"</code> "."
                </p>
                <button type="button" class="primary" on:click=add>"+ Add work item"</button>
            </div>
            {shown(move || ids.with(Vec::is_empty), move || view! {
                <GettingStarted/>
            }.into_any())}
            <super::import_panel::ImportPanel/>
            <super::pull::PullPanel/>
            {shown(move || warnings.with(|w| !w.is_empty()), move || view! {
                <details class="problems" open>
                    <summary>{move || format!("{} problem(s) in this plan", warnings.with(Vec::len))}</summary>
                    <ul>{move || warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                </details>
            }.into_any())}
            {shown(move || !ids.with(Vec::is_empty), move || view! {
                <div class="table-scroll">
                    <table class="plan-table stacking">
                        <thead>
                            <tr>
                                <th scope="col">"Work item"</th>
                                <th scope="col">"Team"</th>
                                <th scope="col">"Owner"</th>
                                <th scope="col">"Days"</th>
                                <th scope="col">"After"</th>
                                <th scope="col">"Due"</th>
                                <th scope="col">"Started"</th>
                                <th scope="col">"Finished"</th>
                                <th scope="col">"Remaining"</th>
                                <th scope="col">"Float (working days)"</th>
                                <th scope="col">"Details"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {keyed_rows(ids.into(), move |id| view! { <ItemRow id=id new_id=new_id/> }.into_any())}
                        </tbody>
                    </table>
                </div>
            }.into_any())}
        </section>
    }
}

/// What to do first in an empty plan.
#[component]
fn GettingStarted() -> impl IntoView {
    view! {
        <section class="getting-started" aria-labelledby="getting-started-title">
            <h3 id="getting-started-title">"Next: build your plan"</h3>
            <ol>
                <li>"Add the teams that do the work (below)."</li>
                <li>"Add work items with \"+ Add work item\": a title, a team, an owner, the days it takes, and what it comes after."</li>
                <li>"Add external dependencies in Register, and risks and decisions in Risks & decisions."</li>
                <li>"Each week, record colours on the Board; the Summary answers \"will we hit the date?\"."</li>
            </ol>
            <p>"Already tracking the work in Jira or Linear? Import an export below and skip step 2."</p>
            <Teams/>
        </section>
    }
}

/// One work item's row.
#[component]
fn ItemRow(id: String, new_id: RwSignal<Option<String>>) -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let notices = expect_notices();
    let key = StoredValue::new(id.clone());
    let delete = move |_| {
        let id = key.get_value();
        match editor.edit(format!("delete {id}"), |p| delete_item(p, &id)) {
            Ok(_) => notices.notify(
                format!("Deleted {id}. Undo brings it back (Ctrl+Z)."),
                false,
            ),
            Err(err) => notices.notify(err.to_string(), true),
        }
    };
    let float_text = move || {
        let has_duration = doc.program.with(|p| {
            key.with_value(|id| p.item(id).is_some_and(|i| i.is_milestone() || i.days > 0))
        });
        if !has_duration {
            return "no duration yet".to_string();
        }
        cockpit.with(|c| {
            key.with_value(|id| match c.basis.schedule.node(id) {
                Some(n) if n.done => "done".to_string(),
                Some(n) if !n.scheduled => "on a loop: no date".to_string(),
                Some(n) => float(n.total_float, n.critical, n.near_critical),
                None => String::new(),
            })
        })
    };
    let row = NodeRef::<leptos::html::Tr>::new();
    Effect::new(move |_| {
        let fresh = new_id.with(|n| n.as_deref() == Some(key.get_value().as_str()));
        if let (true, Some(row)) = (fresh, row.get()) {
            focus_first_field(&row, "textarea");
            select_focused();
            new_id.set(None);
        }
    });
    view! {
        <tr node_ref=row>
            <td data-label="Work item" class="name-cell">
                {item_field(&id, ItemField::Title)}
                <div class="id-line">{item_field(&id, ItemField::Id)}</div>
                <super::pull::ItemSource id=id.clone()/>
            </td>
            <td data-label="Team"><TeamCell id=id.clone()/></td>
            <td data-label="Owner">{item_field(&id, ItemField::Owner)}</td>
            <td data-label="Days">{item_field(&id, ItemField::Days)}</td>
            <td data-label="After">{item_field(&id, ItemField::After)}</td>
            <td data-label="Due">{item_field(&id, ItemField::Due)}</td>
            <td data-label="Started">{item_field(&id, ItemField::Started)}</td>
            <td data-label="Finished">{item_field(&id, ItemField::Finished)}</td>
            <td data-label="Remaining">{item_field(&id, ItemField::Remaining)}</td>
            <td data-label="Float" class="float">{float_text}</td>
            <td data-label="Details">
                <details class="row-details">
                    <summary>"More"<span class="visually-hidden">{format!(" about {id}")}</span></summary>
                    <label class="field"><span>"Kind"</span>{item_field(&id, ItemField::Kind)}</label>
                    <label class="field"><span>"Low (days)"</span>{item_field(&id, ItemField::Low)}</label>
                    <label class="field"><span>"High (days)"</span>{item_field(&id, ItemField::High)}</label>
                    <label class="field"><span>"Not before"</span>{item_field(&id, ItemField::NotBefore)}</label>
                    <button type="button" class="danger" aria-label=format!("Delete {id}") on:click=delete>"Delete"</button>
                </details>
            </td>
        </tr>
    }
}

/// Selects the text of the focused field, so typing replaces a placeholder title.
fn select_focused() {
    use wasm_bindgen::JsCast;
    if let Some(area) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|el| el.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        area.select();
    }
}

/// The team of an item, typed by name from the program's teams; a name that is not a team
/// yet is offered to be created.
#[component]
fn TeamCell(id: String) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let key = StoredValue::new(id.clone());
    let offer = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let shown = move || {
        doc.program.with(|p| {
            key.with_value(|id| {
                p.item(id)
                    .and_then(|i| i.team.as_deref())
                    .map(|t| p.team_name(t).to_string())
                    .unwrap_or_default()
            })
        })
    };
    let assign = move |team_id: Option<String>| {
        // The row may be gone already (a focused cell fires `change` as its view closes).
        let Some(id) = key.try_get_value() else {
            return;
        };
        let text = team_id.unwrap_or_default();
        match editor.edit(format!("edit Team of {id}"), |p| {
            set_item_field(p, &id, ItemField::Team, &text)
        }) {
            Ok(()) => error.set(None),
            Err(err) => error.set(Some(err.beside_field())),
        }
    };
    let chosen = move |text: String| {
        let name = text.trim().to_string();
        if name.is_empty() {
            offer.set(None);
            assign(None);
            return;
        }
        match doc
            .program
            .with_untracked(|p| team_named(p, &name).map(|t| t.id.clone()))
        {
            Some(team_id) => {
                offer.set(None);
                assign(Some(team_id));
            }
            None => offer.set(Some(name)),
        }
    };
    let create = move |_| {
        let Some(name) = offer.get_untracked() else {
            return;
        };
        let id = key.get_value();
        let result = editor.edit(format!("add team {name} for {id}"), |p| {
            let team = add_team(p, &name, "")?;
            set_item_field(p, &id, ItemField::Team, &team)
        });
        match result {
            Ok(()) => {
                offer.set(None);
                error.set(None);
            }
            Err(err) => error.set(Some(err.to_string())),
        }
    };
    let list_id = format!("teams-of-{id}");
    view! {
        <input type="text" list=list_id.clone() aria-label=format!("Team of {id}") size="12"
            prop:value=shown on:change=move |ev| chosen(event_target_value(&ev))/>
        <datalist id=list_id>
            {move || doc.program.with(|p| p.teams.iter().map(|t| view! { <option value=t.name.clone()/> }).collect_view())}
        </datalist>
        {move || offer.get().map(|name| view! {
            <span class="offer" role="group" aria-label=format!("New team {name}")>
                {format!("No team called “{name}”. ")}
                <button type="button" on:click=create>{format!("Create team {name}")}</button>
                <button type="button" on:click=move |_| offer.set(None)>"Cancel"</button>
            </span>
        })}
        {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
    }
}

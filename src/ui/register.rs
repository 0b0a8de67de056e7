//! Register: the external dependencies as a table — every field editable in place, sorted
//! and filtered — and the weekly review that steps through the entries due for review.

use leptos::prelude::*;

use super::format::day_month;
use super::state::use_app;
use super::widgets::{float_text, ColourPill};
use crate::engine::status::ItemStatus;
use crate::model::edit_status::{
    add_dependency, delete_dependency, dependency_field_text, mark_reviewed, record_status,
    set_dependency_field, DependencyField,
};
use crate::model::{Colour, Dependency, DependencyKind, Program, RiskLevel};

/// What the register table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    File,
    Due,
    Risk,
    Float,
    Colour,
    Reviewed,
}

/// Filters of the register table; empty means "all".
#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    kind: String,
    owner: String,
    risk: String,
    colour: String,
    review_due_only: bool,
}

fn colour_rank(colour: Option<Colour>) -> u8 {
    match colour {
        Some(Colour::Red) => 0,
        Some(Colour::Yellow) => 1,
        None => 2,
        Some(Colour::Green) => 3,
    }
}

/// The ids of the register rows in display order.
fn visible_ids(
    program: &Program,
    statuses: &[ItemStatus],
    float_of: impl Fn(&str) -> i64,
    filter: &Filter,
    sort: SortBy,
) -> Vec<String> {
    let status_of = |id: &str| statuses.iter().find(|s| s.id == id);
    let mut deps: Vec<&Dependency> = program
        .dependencies
        .iter()
        .filter(|d| filter.kind.is_empty() || d.kind.key() == filter.kind)
        .filter(|d| filter.owner.is_empty() || d.owner.as_deref() == Some(filter.owner.as_str()))
        .filter(|d| filter.risk.is_empty() || d.risk.key() == filter.risk)
        .filter(|d| {
            filter.colour.is_empty()
                || status_of(&d.id)
                    .and_then(|s| s.effective)
                    .map(|c| c.key())
                    .unwrap_or("none")
                    == filter.colour
        })
        .filter(|d| !filter.review_due_only || status_of(&d.id).is_some_and(|s| s.review_due))
        .collect();
    match sort {
        SortBy::File => {}
        SortBy::Due => deps.sort_by_key(|d| d.due),
        SortBy::Risk => deps.sort_by_key(|d| std::cmp::Reverse(d.risk)),
        SortBy::Float => deps.sort_by_key(|d| float_of(&d.id)),
        SortBy::Colour => {
            deps.sort_by_key(|d| colour_rank(status_of(&d.id).and_then(|s| s.effective)))
        }
        SortBy::Reviewed => deps.sort_by_key(|d| d.reviewed),
    }
    deps.into_iter().map(|d| d.id.clone()).collect()
}

/// The Register view.
#[component]
pub fn RegisterView() -> impl IntoView {
    let state = use_app();
    let filter = RwSignal::new(Filter::default());
    let sort = RwSignal::new(SortBy::File);
    let error = RwSignal::new(None::<String>);
    let reviewing = RwSignal::new(false);
    let ids = Memo::new(move |_| {
        state.program.with(|p| {
            state.statuses.with(|st| {
                state.schedule.with(|s| {
                    visible_ids(
                        p,
                        st,
                        |id| s.node(id).map(|n| n.total_float).unwrap_or(i64::MAX),
                        &filter.get(),
                        sort.get(),
                    )
                })
            })
        })
    });
    let due_for_review = Memo::new(move |_| {
        state
            .statuses
            .with(|st| st.iter().filter(|s| s.review_due).count())
    });
    let owners = Memo::new(move |_| {
        state.program.with(|p| {
            let mut owners: Vec<String> = p
                .dependencies
                .iter()
                .filter_map(|d| d.owner.clone())
                .collect();
            owners.sort();
            owners.dedup();
            owners
        })
    });
    let add = move |_| {
        let _ = state.edit("add a dependency", |p| {
            add_dependency(p);
            Ok(())
        });
    };
    let sort_button = move |by: SortBy, label: &'static str| {
        view! {
            <button type="button" aria-pressed=move || (sort.get() == by).to_string() on:click=move |_| sort.set(by)>
                {label}
            </button>
        }
    };
    view! {
        <section class="view register" aria-labelledby="register-title">
            <div class="view-head">
                <h2 id="register-title">"Register"</h2>
                <p class="hint">
                    {move || state.program.with(|p| format!("{} external dependencies", p.dependencies.len()))}
                    ", "
                    {move || format!("{} due for review", due_for_review.get())}
                    "."
                </p>
                <button type="button" class="primary" on:click=move |_| reviewing.set(true)
                    disabled=move || due_for_review.get() == 0>
                    "Start the weekly review"
                </button>
                <button type="button" on:click=add>"+ Add dependency"</button>
            </div>
            <Show when=move || reviewing.get()>
                <WeeklyReview done=move || reviewing.set(false)/>
            </Show>
            <div class="filters" role="group" aria-label="Filter and sort">
                <label>"Kind "
                    <select on:change=move |ev| filter.update(|f| f.kind = event_target_value(&ev))>
                        <option value="">"all"</option>
                        {DependencyKind::ALL.into_iter().map(|k| view! { <option value=k.key()>{k.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Owner "
                    <select on:change=move |ev| filter.update(|f| f.owner = event_target_value(&ev))>
                        <option value="">"all"</option>
                        {move || owners.get().into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Risk "
                    <select on:change=move |ev| filter.update(|f| f.risk = event_target_value(&ev))>
                        <option value="">"all"</option>
                        {RiskLevel::ALL.into_iter().map(|l| view! { <option value=l.key()>{l.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Colour "
                    <select on:change=move |ev| filter.update(|f| f.colour = event_target_value(&ev))>
                        <option value="">"all"</option>
                        <option value="red">"Red"</option>
                        <option value="yellow">"Yellow"</option>
                        <option value="green">"Green"</option>
                        <option value="none">"No status"</option>
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" on:change=move |ev| filter.update(|f| f.review_due_only = event_target_checked(&ev))/>
                    "Review due only"
                </label>
                <span class="sort">"Sort: "
                    {sort_button(SortBy::File, "as entered")}
                    {sort_button(SortBy::Due, "due")}
                    {sort_button(SortBy::Risk, "risk")}
                    {sort_button(SortBy::Float, "float")}
                    {sort_button(SortBy::Colour, "colour")}
                    {sort_button(SortBy::Reviewed, "last reviewed")}
                </span>
            </div>
            <div class="edit-error" role="alert">{move || error.get().map(|m| view! { <p>"⚠ " {m}</p> })}</div>
            <div class="table-scroll">
                <table class="register-table">
                    <thead>
                        <tr>
                            <th scope="col">"Id"</th>
                            <th scope="col">"Dependency"</th>
                            <th scope="col">"Kind"</th>
                            <th scope="col">"Provider"</th>
                            <th scope="col">"Owner"</th>
                            <th scope="col">"Due"</th>
                            <th scope="col">"Risk"</th>
                            <th scope="col">"Colour"</th>
                            <th scope="col">"Float"</th>
                            <th scope="col">"Last reviewed"</th>
                            <th scope="col">"Blocks"</th>
                            <th scope="col">"Mitigation"</th>
                            <th scope="col">"Slip (low/likely/high)"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <RegisterRow id=id error=error/> }/>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One register entry.
#[component]
fn RegisterRow(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let index = {
        let id = StoredValue::new(id.clone());
        move || {
            state
                .program
                .with(|p| id.with_value(|id| p.dependencies.iter().position(|d| &d.id == id)))
        }
    };
    let cell = {
        let id = id.clone();
        move |field: DependencyField| {
            let id = id.clone();
            let read_id = id.clone();
            let value = move || {
                state.program.with(|p| {
                    p.dependencies
                        .iter()
                        .find(|d| d.id == read_id)
                        .map(|d| dependency_field_text(d, field))
                        .unwrap_or_default()
                })
            };
            let label = format!("{} of {id}", field.label());
            let invalid = RwSignal::new(false);
            let commit = move |text: String| {
                let Some(i) = index() else { return };
                match state.edit(format!("edit {} of {id}", field.label()), |p| {
                    set_dependency_field(p, i, field, &text)
                }) {
                    Ok(()) => {
                        invalid.set(false);
                        error.set(None);
                    }
                    Err(m) => {
                        invalid.set(true);
                        error.set(Some(format!("{id} — {m}")));
                    }
                }
            };
            match field {
                DependencyField::Kind => view! {
                    <select aria-label=label prop:value=value on:change=move |ev| commit(event_target_value(&ev))>
                        {DependencyKind::ALL.into_iter().map(|k| view! { <option value=k.key()>{k.label()}</option> }).collect_view()}
                    </select>
                }.into_any(),
                DependencyField::Risk => view! {
                    <select aria-label=label prop:value=value on:change=move |ev| commit(event_target_value(&ev))>
                        {RiskLevel::ALL.into_iter().map(|l| view! { <option value=l.key()>{l.label()}</option> }).collect_view()}
                    </select>
                }.into_any(),
                DependencyField::Due | DependencyField::Reviewed | DependencyField::Delivered => view! {
                    <input type="date" aria-label=label aria-invalid=move || invalid.get().then_some("true") prop:value=value on:change=move |ev| commit(event_target_value(&ev))/>
                }.into_any(),
                _ => {
                    let size = match field {
                        DependencyField::Title | DependencyField::Mitigation => "26",
                        DependencyField::Slip => "8",
                        _ => "11",
                    };
                    view! {
                        <input type="text" size=size aria-label=label aria-invalid=move || invalid.get().then_some("true") prop:value=value on:change=move |ev| commit(event_target_value(&ev))/>
                    }.into_any()
                }
            }
        }
    };
    let status = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .statuses
                .with(|st| st.iter().find(|s| s.id == id).cloned())
        })
    };
    let float = {
        let id = id.clone();
        move || {
            state.schedule.with(|s| {
                s.node(&id)
                    .map(|n| float_text(n.total_float, n.critical, n.near_critical))
                    .unwrap_or_default()
            })
        }
    };
    let blocks = {
        let id = id.clone();
        move || {
            state.program.with(|p| {
                p.items
                    .iter()
                    .filter(|i| i.after.iter().any(|l| l.id == id))
                    .map(|i| i.id.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        }
    };
    let delete_id = id.clone();
    let delete = move |_| {
        let Some(i) = index() else { return };
        if state
            .edit(format!("delete {delete_id}"), |p| {
                delete_dependency(p, i);
                Ok(())
            })
            .is_ok()
        {
            state.notify(
                format!("Deleted {delete_id} from the register. Undo brings it back (Ctrl+Z)."),
                false,
            );
        }
    };
    view! {
        <tr>
            <td>{cell(DependencyField::Id)}</td>
            <td>{cell(DependencyField::Title)}</td>
            <td>{cell(DependencyField::Kind)}</td>
            <td>{cell(DependencyField::Provider)}</td>
            <td>{cell(DependencyField::Owner)}</td>
            <td>{cell(DependencyField::Due)}</td>
            <td>{cell(DependencyField::Risk)}</td>
            <td>
                {move || status.get().map(|s| {
                    let auto = s.auto_red_reason.clone();
                    view! {
                        <ColourPill colour=s.effective suffix=if auto.is_some() { " (auto)" } else { "" }/>
                        {auto.map(|reason| view! { <div class="reason">{reason}</div> })}
                    }
                })}
            </td>
            <td>{float}</td>
            <td>
                {cell(DependencyField::Reviewed)}
                {move || status.get().filter(|s| s.review_due).map(|_| view! { <span class="flag">" ⚑ review due"</span> })}
            </td>
            <td>{blocks}</td>
            <td>{cell(DependencyField::Mitigation)}</td>
            <td>{cell(DependencyField::Slip)}</td>
            <td>
                <button type="button" class="danger" aria-label=format!("Delete {id}") on:click=delete>"Delete"</button>
            </td>
        </tr>
    }
}

/// Steps through the entries due for review: confirm or change due date, risk, mitigation
/// and colour, then mark reviewed (as of the status date).
#[component]
fn WeeklyReview<F>(done: F) -> impl IntoView
where
    F: Fn() + Copy + Send + Sync + 'static,
{
    let state = use_app();
    let as_of = state.as_of;
    let queue = RwSignal::new(state.statuses.with_untracked(|st| {
        st.iter()
            .filter(|s| s.review_due)
            .map(|s| s.id.clone())
            .collect::<Vec<_>>()
    }));
    let position = RwSignal::new(0usize);
    let error = RwSignal::new(None::<String>);
    let current = move || queue.with(|q| q.get(position.get()).cloned());
    let colour = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let confirm = move |_| {
        let Some(id) = current() else { return };
        let date = as_of.get_untracked();
        let chosen = colour.get_untracked();
        let note_text = note.get_untracked();
        let result = state.edit(format!("review {id}"), |p| {
            let colour = match chosen.as_str() {
                "green" => Some(Colour::Green),
                "yellow" => Some(Colour::Yellow),
                "red" => Some(Colour::Red),
                _ => None,
            };
            if let Some(colour) = colour {
                record_status(p, &id, date, colour, &note_text, None)?;
            }
            mark_reviewed(p, &id, date)
        });
        match result {
            Ok(()) => {
                colour.set(String::new());
                note.set(String::new());
                position.update(|p| *p += 1);
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <section class="weekly-review" aria-labelledby="review-title">
            <h3 id="review-title">"Weekly review"</h3>
            {move || match current() {
                None => view! {
                    <p role="status">{move || format!("Review done: {} entries reviewed as of {}.", queue.with(Vec::len), day_month(as_of.get()))}</p>
                    <button type="button" on:click=move |_| done()>"Close the review"</button>
                }.into_any(),
                Some(id) => {
                    let step = format!("{} of {}", position.get() + 1, queue.with(Vec::len));
                    let idx = state.program.with_untracked(|p| p.dependencies.iter().position(|d| d.id == id)).unwrap_or(0);
                    let field = move |f: DependencyField, kind: &'static str| {
                        let read_id = idx;
                        view! {
                            <label class="field">
                                <span>{f.label()}</span>
                                <input type=kind prop:value=move || state.program.with(|p| p.dependencies.get(read_id).map(|d| dependency_field_text(d, f)).unwrap_or_default())
                                    on:change=move |ev| {
                                        let text = event_target_value(&ev);
                                        if let Err(m) = state.edit(format!("edit {}", f.label()), |p| set_dependency_field(p, read_id, f, &text)) {
                                            error.set(Some(m));
                                        }
                                    }/>
                            </label>
                        }
                    };
                    let title = state.program.with_untracked(|p| p.title_of(&id).unwrap_or("").to_string());
                    view! {
                        <p><strong>{format!("{step}: {id} {title}")}</strong></p>
                        {field(DependencyField::Due, "date")}
                        {field(DependencyField::Mitigation, "text")}
                        <label class="field"><span>"Risk"</span>
                            <select prop:value=move || state.program.with(|p| p.dependencies.get(idx).map(|d| d.risk.key().to_string()).unwrap_or_default())
                                on:change=move |ev| {
                                    let text = event_target_value(&ev);
                                    let _ = state.edit("edit Risk", |p| set_dependency_field(p, idx, DependencyField::Risk, &text));
                                }>
                                {RiskLevel::ALL.into_iter().map(|l| view! { <option value=l.key()>{l.label()}</option> }).collect_view()}
                            </select>
                        </label>
                        <label class="field"><span>"This week's colour"</span>
                            <select prop:value=move || colour.get() on:change=move |ev| colour.set(event_target_value(&ev))>
                                <option value="">"unchanged"</option>
                                <option value="green">"Green"</option>
                                <option value="yellow">"Yellow"</option>
                                <option value="red">"Red"</option>
                            </select>
                        </label>
                        <label class="field"><span>"Note"</span>
                            <input type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                        </label>
                        <div class="edit-error" role="alert">{move || error.get()}</div>
                        <div class="actions">
                            <button type="button" class="primary" on:click=confirm>"Mark reviewed and next"</button>
                            <button type="button" on:click=move |_| position.update(|p| *p += 1)>"Skip"</button>
                            <button type="button" on:click=move |_| done()>"Stop the review"</button>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

//! Register: the external dependencies as a table — every field editable in place, sorted
//! and filtered — and the weekly review that steps through the entries due for review.
//! Every row and every review step addresses its dependency by id.

use leptos::prelude::*;

use super::field::{Commit, Field, Kind};
use super::state::{
    expect_clock, expect_cockpit, expect_document, expect_editor, expect_notices, expect_reporter,
};
use super::widgets::{keyed_rows, shown, ColourPill};
use crate::engine::cockpit::Cockpit;
use crate::engine::words::{float, long_date, short_date, working_days_moved};
use crate::model::edit::{
    add_dependency, delete_dependency, dependency_field_text, mark_reviewed, record_status,
    set_dependency_field, DependencyField,
};
use crate::model::{Colour, Dependency, DependencyKind, Program, RiskLevel};
use crate::store::field_key;

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
fn visible_ids(program: &Program, cockpit: &Cockpit, filter: &Filter, sort: SortBy) -> Vec<String> {
    let basis = &cockpit.basis;
    let colour_of = |id: &str| basis.status(id).and_then(|s| s.effective);
    let mut deps: Vec<&Dependency> = program
        .dependencies
        .iter()
        .map(|d| &**d)
        .filter(|d| filter.kind.is_empty() || d.kind.key() == filter.kind)
        .filter(|d| filter.owner.is_empty() || d.owner.as_deref() == Some(filter.owner.as_str()))
        .filter(|d| filter.risk.is_empty() || d.risk.key() == filter.risk)
        .filter(|d| {
            filter.colour.is_empty()
                || colour_of(&d.id).map(Colour::key).unwrap_or("none") == filter.colour
        })
        .filter(|d| !filter.review_due_only || basis.status(&d.id).is_some_and(|s| s.review_due))
        .collect();
    match sort {
        SortBy::File => {}
        SortBy::Due => crate::sort::sort_by_key(&mut deps, |d| d.due),
        SortBy::Risk => crate::sort::sort_by_key(&mut deps, |d| std::cmp::Reverse(d.risk)),
        SortBy::Float => crate::sort::sort_by_key(&mut deps, |d| {
            basis.node(&d.id).map(|n| n.total_float).unwrap_or(i64::MAX)
        }),
        SortBy::Colour => crate::sort::sort_by_key(&mut deps, |d| colour_rank(colour_of(&d.id))),
        SortBy::Reviewed => crate::sort::sort_by_key(&mut deps, |d| d.reviewed),
    }
    deps.into_iter().map(|d| d.id.clone()).collect()
}

/// An editable cell of a dependency's field, addressed by its id.
fn dependency_field(id: &str, field: DependencyField) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let id = id.to_string();
    let read_id = id.clone();
    let value = Signal::derive(move || {
        doc.program.with(|p| {
            p.dependency(&read_id)
                .map(|d| dependency_field_text(d, field))
                .unwrap_or_default()
        })
    });
    let write_id = id.clone();
    let commit: Commit = Callback::new(move |text: String| {
        editor.edit(format!("edit {} of {write_id}", field.label()), |p| {
            set_dependency_field(p, &write_id, field, &text)
        })
    });
    let kind = match field {
        DependencyField::Kind => Kind::Choice(
            DependencyKind::ALL
                .iter()
                .map(|k| (k.key().to_string(), k.label().to_string()))
                .collect(),
        ),
        DependencyField::Risk => Kind::Choice(
            RiskLevel::ALL
                .iter()
                .map(|l| (l.key().to_string(), l.label().to_string()))
                .collect(),
        ),
        DependencyField::Due | DependencyField::Reviewed | DependencyField::Delivered => Kind::Date,
        DependencyField::Title | DependencyField::Mitigation => Kind::Long,
        _ => Kind::Text,
    };
    view! {
        <Field label=format!("{} of {id}", field.label())
            draft_key=field_key(&["dependencies", &id, field.key()])
            kind=kind value=value commit=commit/>
    }
}

/// The Register view.
#[component]
pub fn RegisterView() -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let filter = RwSignal::new(Filter::default());
    let sort = RwSignal::new(SortBy::File);
    let reviewing = RwSignal::new(false);
    let review_button = NodeRef::<leptos::html::Button>::new();
    let ids = Memo::new(move |_| {
        doc.program
            .with(|p| cockpit.with(|c| visible_ids(p, c, &filter.get(), sort.get())))
    });
    let due_for_review = Memo::new(move |_| {
        cockpit.with(|c| c.basis.statuses.iter().filter(|s| s.review_due).count())
    });
    let owners = Memo::new(move |_| {
        doc.program.with(|p| {
            let mut owners: Vec<String> = p
                .dependencies
                .iter()
                .filter_map(|d| d.owner.clone())
                .collect();
            crate::sort::sort(&mut owners);
            owners.dedup();
            owners
        })
    });
    let new_id = RwSignal::new(None::<String>);
    let add = move |_| {
        if let Ok(id) = editor.edit("add a dependency", |p| Ok(add_dependency(p))) {
            new_id.set(Some(id));
        }
    };
    let sort_button = move |by: SortBy, label: &'static str| {
        view! {
            <button type="button" aria-pressed=move || (sort.get() == by).to_string() on:click=move |_| sort.set(by)>
                {label}
            </button>
        }
    };
    let close_review = move || {
        reviewing.set(false);
        if let Some(button) = review_button.get_untracked() {
            let _ = button.focus();
        }
    };
    view! {
        <section class="view register" aria-labelledby="register-title">
            <div class="view-head">
                <h2 id="register-title">"Register"</h2>
                <p class="hint">
                    {move || doc.program.with(|p| format!("{} external dependencies", p.dependencies.len()))}
                    ", "
                    {move || format!("{} due for review", due_for_review.get())}
                    "."
                </p>
                <button type="button" class="primary" node_ref=review_button on:click=move |_| reviewing.set(true)
                    disabled=move || due_for_review.get() == 0>
                    "Start the weekly review"
                </button>
                <button type="button" on:click=add>"+ Add dependency"</button>
            </div>
            {shown(move || reviewing.get(), move || view! {
                <WeeklyReview done=close_review/>
            }.into_any())}
            <div class="filters" role="group" aria-label="Filter and sort">
                <label>"Kind "
                    <select on:change=move |ev| filter.update(|f| f.kind = event_target_value(&ev))>
                        <option value="">"all"</option>
                        {DependencyKind::ALL.iter().map(|k| view! { <option value=k.key()>{k.label()}</option> }).collect_view()}
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
                        {RiskLevel::ALL.iter().map(|l| view! { <option value=l.key()>{l.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Colour "
                    <select on:change=move |ev| filter.update(|f| f.colour = event_target_value(&ev))>
                        <option value="">"all"</option>
                        {Colour::ALL.iter().map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
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
            <div class="table-scroll">
                <table class="register-table stacking">
                    <thead>
                        <tr>
                            <th scope="col">"Dependency"</th>
                            <th scope="col">"Owner"</th>
                            <th scope="col">"Due"</th>
                            <th scope="col">"Risk"</th>
                            <th scope="col">"Colour"</th>
                            <th scope="col">"Float"</th>
                            <th scope="col">"Last reviewed"</th>
                            <th scope="col">"Blocks"</th>
                            <th scope="col">"Mitigation"</th>
                            <th scope="col">"Details"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {keyed_rows(ids.into(), move |id| view! { <RegisterRow id=id new_id=new_id/> }.into_any())}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One register entry.
#[component]
fn RegisterRow(id: String, new_id: RwSignal<Option<String>>) -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let notices = expect_notices();
    let key = StoredValue::new(id.clone());
    let status =
        Memo::new(move |_| cockpit.with(|c| key.with_value(|id| c.basis.status(id).cloned())));
    let float_text = move || {
        cockpit.with(|c| {
            key.with_value(|id| {
                c.basis
                    .node(id)
                    .map(|n| float(n.total_float, n.critical, n.near_critical))
                    .unwrap_or_default()
            })
        })
    };
    let blocks = move || {
        doc.program.with(|p| {
            key.with_value(|id| {
                p.items
                    .iter()
                    .filter(|i| i.after.iter().any(|l| &l.id == id))
                    .map(|i| i.id.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        })
    };
    let delete = move |_| {
        let id = key.get_value();
        match editor.edit(format!("delete {id}"), |p| delete_dependency(p, &id)) {
            Ok(_) => notices.notify(
                format!("Deleted {id} from the register. Undo brings it back (Ctrl+Z)."),
                false,
            ),
            Err(err) => notices.notify(err.to_string(), true),
        }
    };
    let row = NodeRef::<leptos::html::Tr>::new();
    // A new entry comes into view with focus in its title.
    Effect::new(move |_| {
        let fresh = new_id.with(|n| n.as_deref() == Some(key.get_value().as_str()));
        if let (true, Some(row)) = (fresh, row.get()) {
            focus_first_field(&row, "textarea");
            new_id.set(None);
        }
    });
    view! {
        <tr node_ref=row>
            <td data-label="Dependency" class="name-cell">
                {dependency_field(&id, DependencyField::Title)}
                <div class="id-line">{dependency_field(&id, DependencyField::Id)}</div>
            </td>
            <td data-label="Owner">{dependency_field(&id, DependencyField::Owner)}</td>
            <td data-label="Due">
                {dependency_field(&id, DependencyField::Due)}
                {move || cockpit.with(|c| {
                    let baseline = c.basis.baseline.as_ref()?;
                    let was = key.with_value(|id| baseline.rows.get(id).cloned())?;
                    let due = was.due?;
                    let slip = was.due_slip.map(|s| format!(" ({})", working_days_moved(s))).unwrap_or_default();
                    Some(view! { <div class="muted baseline-due">{format!("baseline {}{slip}", short_date(due))}</div> })
                })}
            </td>
            <td data-label="Risk">{dependency_field(&id, DependencyField::Risk)}</td>
            <td data-label="Colour">
                {move || status.get().map(|s| {
                    let auto = s.auto_red_reason.clone();
                    view! {
                        <ColourPill colour=s.effective suffix=if auto.is_some() { " (auto)" } else { "" }/>
                        {auto.map(|reason| view! { <div class="reason">{reason}</div> })}
                    }
                })}
            </td>
            <td data-label="Float">{float_text}</td>
            <td data-label="Last reviewed">
                {dependency_field(&id, DependencyField::Reviewed)}
                {move || status.get().filter(|s| s.review_due).map(|_| view! { <span class="flag">" ⚑ review due"</span> })}
            </td>
            <td data-label="Blocks">{blocks}</td>
            <td data-label="Mitigation" class="long-cell">{dependency_field(&id, DependencyField::Mitigation)}</td>
            <td data-label="Details">
                <details class="row-details">
                    <summary>"More"<span class="visually-hidden">{format!(" about {id}")}</span></summary>
                    <label class="field"><span>"Kind"</span>{dependency_field(&id, DependencyField::Kind)}</label>
                    <label class="field"><span>"Provider"</span>{dependency_field(&id, DependencyField::Provider)}</label>
                    <label class="field"><span>"Slip (low/likely/high)"</span>{dependency_field(&id, DependencyField::Slip)}</label>
                    <label class="field"><span>"Delivered"</span>{dependency_field(&id, DependencyField::Delivered)}</label>
                    <button type="button" class="danger" aria-label=format!("Delete {id}") on:click=delete>"Delete"</button>
                </details>
            </td>
        </tr>
    }
}

/// Scrolls `root` into view and focuses its first field of this tag.
pub fn focus_first_field(root: &web_sys::Element, selector: &str) {
    use wasm_bindgen::JsCast;
    root.scroll_into_view_with_bool(false);
    if let Some(field) = root
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = field.focus();
    }
}

/// Steps through the entries due for review: confirm or change due date, risk, mitigation
/// and colour, then mark reviewed (as of the status date). Every step names its entry by
/// id, so a delete or another tab's change never makes it edit the wrong one.
#[component]
fn WeeklyReview<F>(done: F) -> impl IntoView
where
    F: Fn() + Copy + Send + Sync + 'static,
{
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let reporter = expect_reporter();
    let clock = expect_clock();
    let queue = RwSignal::new(cockpit.with_untracked(|c| {
        c.basis
            .statuses
            .iter()
            .filter(|s| s.review_due)
            .map(|s| s.id.clone())
            .collect::<Vec<_>>()
    }));
    let position = RwSignal::new(0usize);
    let error = RwSignal::new(None::<String>);
    // Entries deleted meanwhile are skipped, never replaced by another one.
    let current = move || {
        queue.with(|q| {
            doc.program.with(|p| {
                q.iter()
                    .skip(position.get())
                    .find(|id| p.dependency(id).is_some())
                    .cloned()
            })
        })
    };
    let next = move |id: &str| {
        queue.with_untracked(|q| {
            if let Some(at) = q.iter().position(|x| x == id) {
                position.set(at + 1);
            }
        })
    };
    let colour = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let heading = NodeRef::<leptos::html::H3>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let confirm = move |_| {
        let Some(id) = current() else { return };
        let date = doc.program.with_untracked(|p| clock.as_of_now(p));
        let chosen = Colour::from_key(&colour.get_untracked());
        let note_text = note.get_untracked();
        let by = reporter.name.get_untracked();
        let result = editor.edit(format!("review {id}"), |p| {
            if let Some(c) = chosen {
                record_status(p, &id, date, c, &note_text, by.as_deref())?;
            }
            mark_reviewed(p, &id, date)
        });
        match result {
            Ok(()) => {
                colour.set(String::new());
                note.set(String::new());
                error.set(None);
                next(&id);
            }
            Err(m) => error.set(Some(m.to_string())),
        }
    };
    view! {
        <section class="weekly-review" aria-labelledby="review-title">
            <h3 id="review-title" tabindex="-1" node_ref=heading>"Weekly review"</h3>
            {move || match current() {
                None => view! {
                    <p role="status">{move || format!(
                        "Review done: {} entries reviewed as of {}.",
                        queue.with(Vec::len),
                        short_date(cockpit.with(|c| c.as_of()))
                    )}</p>
                    <button type="button" on:click=move |_| done()>"Close the review"</button>
                }.into_any(),
                Some(id) => {
                    let step = queue.with(|q| q.iter().position(|x| *x == id).unwrap_or(0) + 1);
                    let step = format!("{step} of {}", queue.with(Vec::len));
                    let title = doc.program.with_untracked(|p| p.title_of(&id).unwrap_or("").to_string());
                    let reviewed = doc.program.with_untracked(|p| p.dependency(&id).and_then(|d| d.reviewed));
                    let skip_id = id.clone();
                    view! {
                        <p><strong>{format!("{step}: {id} {title}")}</strong>
                            {reviewed.map(|r| format!(" — last reviewed {}", long_date(r)))}</p>
                        <label class="field"><span>"Due"</span>{dependency_field(&id, DependencyField::Due)}</label>
                        <label class="field"><span>"Mitigation"</span>{dependency_field(&id, DependencyField::Mitigation)}</label>
                        <label class="field"><span>"Risk"</span>{dependency_field(&id, DependencyField::Risk)}</label>
                        <label class="field"><span>"This week's colour"</span>
                            <select prop:value=move || colour.get() on:change=move |ev| colour.set(event_target_value(&ev))>
                                <option value="">"unchanged"</option>
                                {Colour::ALL.iter().map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
                            </select>
                        </label>
                        <label class="field"><span>"Note"</span>
                            <input type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                        </label>
                        <div class="edit-error" role="alert">{move || error.get()}</div>
                        <div class="actions">
                            <button type="button" class="primary" on:click=confirm>"Mark reviewed and next"</button>
                            <button type="button" on:click=move |_| next(&skip_id)>"Skip"</button>
                            <button type="button" on:click=move |_| done()>"Stop the review"</button>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

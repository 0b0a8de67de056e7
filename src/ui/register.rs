//! Register: the external dependencies as a table — every field editable in place, Blocks
//! included (it writes the items' After), sorted and filtered — and the weekly review that
//! steps through the entries due for review. Rows are keyed by uid and drawn only near the
//! screen; each reads its dependency through its own memo.

use leptos::prelude::*;

use super::field::{Commit, Field, Kind};
use super::filter_box::{owners_of, FilterBox};
use super::state::{
    expect_clock, expect_cockpit, expect_document, expect_editor, expect_navigation,
    expect_notices, expect_reporter,
};
use super::widgets::{shown, ColourPill};
use super::window::{windowed, Layout};
use crate::engine::cockpit::Cockpit;
use crate::engine::find::{Candidate, Filter};
use crate::engine::words::{float, long_date, short_date, working_days_moved};
use crate::model::edit::{
    add_dependency, blocks_text, delete_dependency, dependency_field_text, mark_reviewed,
    record_status, set_blocks, set_dependency_field, DependencyField,
};
use crate::model::{Colour, Dependency, DependencyKind, Program, RiskLevel, Shared};
use crate::store::field_key;

/// The columns of the table (for the gaps standing in for rows not drawn).
const COLUMNS: usize = 10;

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

/// The register's own narrowing, beside the filter box: kind, risk, review due.
#[derive(Debug, Clone, Default, PartialEq)]
struct Narrow {
    kind: String,
    risk: String,
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

/// The uids of the register rows in display order.
fn visible_uids(
    program: &Program,
    cockpit: &Cockpit,
    filter: &Filter,
    narrow: &Narrow,
    sort: SortBy,
) -> Vec<String> {
    let basis = &cockpit.basis;
    let colour_of = |id: &str| basis.status(id).and_then(|s| s.effective);
    let mut deps: Vec<&Dependency> = program
        .dependencies
        .iter()
        .map(|d| &**d)
        .filter(|d| narrow.kind.is_empty() || d.kind.key() == narrow.kind)
        .filter(|d| narrow.risk.is_empty() || d.risk.key() == narrow.risk)
        .filter(|d| !narrow.review_due_only || basis.status(&d.id).is_some_and(|s| s.review_due))
        .filter(|d| {
            filter.is_empty() || {
                let status = basis.status(&d.id);
                filter.matches(&Candidate {
                    id: &d.id,
                    title: &d.title,
                    owner: d.owner.as_deref(),
                    team: d.provider.as_deref(),
                    team_name: None,
                    colour: status.and_then(|s| s.effective),
                    done: status.is_some_and(|s| s.done),
                })
            }
        })
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
    deps.into_iter().map(|d| d.uid.clone()).collect()
}

/// A dependency as its row reads it: the dependency, and its id (what labels name).
#[derive(Clone, Copy)]
struct RowDep {
    dep: Memo<Option<Shared<Dependency>>>,
    id: Memo<String>,
}

impl RowDep {
    fn of(uid: &str) -> RowDep {
        let dep = expect_document().dependency(uid);
        let id = Memo::new(move |_| {
            dep.with(|d| d.as_ref().map(|d| d.id.clone()))
                .unwrap_or_default()
        });
        RowDep { dep, id }
    }
}

/// An editable cell of a dependency's field.
fn dependency_cell(row: RowDep, uid: &str, field: DependencyField) -> impl IntoView {
    let editor = expect_editor();
    let RowDep { dep, id } = row;
    let value = Signal::derive(move || {
        dep.with(|d| {
            d.as_deref()
                .map(|d| dependency_field_text(d, field))
                .unwrap_or_default()
        })
    });
    let commit: Commit = Callback::new(move |text: String| {
        let id = id.get_untracked();
        editor.edit(format!("edit {} of {id}", field.label()), |p| {
            set_dependency_field(p, &id, field, &text)
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
    let label = Signal::derive(move || format!("{} of {}", field.label(), id.get()));
    view! {
        <Field label=label draft_key=field_key(&["dependencies", uid, field.key()])
            kind=kind value=value commit=commit/>
    }
}

/// The Blocks cell: the work items waiting for this dependency, editable (it writes their
/// After).
fn blocks_cell(row: RowDep, uid: &str) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let RowDep { id, .. } = row;
    let value = Signal::derive(move || id.with(|id| doc.program.with(|p| blocks_text(p, id))));
    let commit: Commit = Callback::new(move |text: String| {
        let id = id.get_untracked();
        editor.edit(format!("edit Blocks of {id}"), |p| {
            set_blocks(p, &id, &text)
        })
    });
    let label = Signal::derive(move || format!("Blocks of {}", id.get()));
    view! {
        <Field label=label draft_key=field_key(&["dependencies", uid, "blocks"])
            kind=Kind::Text value=value commit=commit placeholder="work item ids"/>
    }
}

/// The Register view.
#[component]
pub fn RegisterView() -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let filter = expect_navigation().filter;
    let narrow = RwSignal::new(Narrow::default());
    let sort = RwSignal::new(SortBy::File);
    let reviewing = RwSignal::new(false);
    let review_button = NodeRef::<leptos::html::Button>::new();
    let ids = Memo::new(move |_| {
        let (filter, narrow, sort) = (filter.get(), narrow.get(), sort.get());
        doc.program
            .with(|p| cockpit.with(|c| visible_uids(p, c, &filter, &narrow, sort)))
    });
    let total = Memo::new(move |_| doc.program.with(|p| p.dependencies.len()));
    let due_for_review = Memo::new(move |_| {
        cockpit.with(|c| c.basis.statuses.iter().filter(|s| s.review_due).count())
    });
    let owners = Memo::new(move |_| {
        doc.program
            .with(|p| owners_of(p.dependencies.iter().map(|d| d.owner.as_deref())))
    });
    let reveal = RwSignal::new(None::<String>);
    let add = move |_| {
        if let Ok(id) = editor.edit("add a dependency", |p| Ok(add_dependency(p))) {
            let uid = doc
                .program
                .with_untracked(|p| p.dependency(&id).map(|d| d.uid.clone()));
            if ids.with_untracked(|ids| uid.as_ref().is_some_and(|u| !ids.contains(u))) {
                expect_navigation().set_filter(Filter::default());
                narrow.set(Narrow::default());
            }
            reveal.set(uid);
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
                    {move || crate::engine::words::count(total.get(), "external dependency", "external dependencies")}
                    ", "
                    {move || format!("{} due for review", due_for_review.get())}
                    "."
                </p>
                <button type="button" class="primary edit-only" node_ref=review_button on:click=move |_| reviewing.set(true)
                    disabled=move || due_for_review.get() == 0>
                    "Start the weekly review"
                </button>
                <button type="button" class="edit-only" on:click=add>"+ Add dependency"</button>
            </div>
            {shown(move || total.get() == 0, || view! {
                <p class="getting-started">
                    "No external dependencies yet. Add one for each thing the program needs from outside its teams "
                    "(a vendor's API, another team's deliverable, hardware, an approval), then list in its "
                    "Blocks cell the work items that wait for it — that writes their After, so the schedule waits too."
                </p>
            }.into_any())}
            {shown(move || reviewing.get(), move || view! {
                <WeeklyReview done=close_review/>
            }.into_any())}
            <FilterBox noun="dependencies" owners=owners
                counts=Signal::derive(move || (ids.with(Vec::len), total.get()))/>
            <div class="filters" role="group" aria-label="Narrow and sort">
                <label>"Kind "
                    <select on:change=move |ev| narrow.update(|f| f.kind = event_target_value(&ev))>
                        <option value="">"all"</option>
                        {DependencyKind::ALL.iter().map(|k| view! { <option value=k.key()>{k.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Risk "
                    <select on:change=move |ev| narrow.update(|f| f.risk = event_target_value(&ev))>
                        <option value="">"all"</option>
                        {RiskLevel::ALL.iter().map(|l| view! { <option value=l.key()>{l.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" on:change=move |ev| narrow.update(|f| f.review_due_only = event_target_checked(&ev))/>
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
                <table class="register-table stacking" aria-rowcount=move || ids.with(Vec::len) + 1>
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col" class="sticky-col">"Dependency"</th>
                            <th scope="col">"Owner"</th>
                            <th scope="col">"Due"</th>
                            <th scope="col">"Risk"</th>
                            <th scope="col">"Colour"</th>
                            <th scope="col">"Float"</th>
                            <th scope="col">"Last reviewed"</th>
                            <th scope="col">"Blocks"</th>
                            <th scope="col">"Mitigation"</th>
                            <th scope="col">"More"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {windowed(ids.into(), Layout::Table { columns: COLUMNS }, reveal,
                            move |uid, at| view! { <RegisterRow uid=uid at=at reveal=reveal/> }.into_any())}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One register entry.
#[component]
fn RegisterRow(uid: String, at: Signal<usize>, reveal: RwSignal<Option<String>>) -> impl IntoView {
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let notices = expect_notices();
    let row = RowDep::of(&uid);
    let id = row.id;
    let key = StoredValue::new(uid.clone());
    let status = Memo::new(move |_| {
        cockpit.with(|c| key.with_value(|uid| c.basis.status_of_uid(uid).cloned()))
    });
    let float_text = move || {
        cockpit.with(|c| {
            id.with(|id| {
                c.basis
                    .node(id)
                    .map(|n| float(n.total_float, n.critical, n.near_critical))
                    .unwrap_or_default()
            })
        })
    };
    let delete = move |_| {
        let id = id.get_untracked();
        match editor.edit(format!("delete {id}"), |p| delete_dependency(p, &id)) {
            Ok(_) => notices.notify(
                format!("Deleted {id} from the register. Undo brings it back (Ctrl+Z)."),
                false,
            ),
            Err(err) => notices.notify(err.to_string(), true),
        }
    };
    let tr = NodeRef::<leptos::html::Tr>::new();
    // A new entry comes into view with focus in its title.
    Effect::new(move |_| {
        let fresh = reveal.with(|r| key.with_value(|me| r.as_ref() == Some(me)));
        if let (true, Some(tr)) = (fresh, tr.get()) {
            focus_first_field(&tr, "textarea");
            reveal.set(None);
        }
    });
    view! {
        <tr class="window-row" data-uid=uid.clone() aria-rowindex=move || at.get() + 2 node_ref=tr>
            <td data-label="Dependency" class="name-cell sticky-col">
                {dependency_cell(row, &uid, DependencyField::Title)}
                <div class="id-line">{dependency_cell(row, &uid, DependencyField::Id)}</div>
            </td>
            <td data-label="Owner">{dependency_cell(row, &uid, DependencyField::Owner)}</td>
            <td data-label="Due">
                {dependency_cell(row, &uid, DependencyField::Due)}
                {move || cockpit.with(|c| {
                    let baseline = c.basis.baseline.as_ref()?;
                    let was = id.with(|id| baseline.rows.get(id).cloned())?;
                    let due = was.due?;
                    let slip = was.due_slip.map(|s| format!(" ({})", working_days_moved(s))).unwrap_or_default();
                    Some(view! { <div class="muted baseline-due">{format!("baseline {}{slip}", short_date(due))}</div> })
                })}
            </td>
            <td data-label="Risk">{dependency_cell(row, &uid, DependencyField::Risk)}</td>
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
                {dependency_cell(row, &uid, DependencyField::Reviewed)}
                {move || status.get().filter(|s| s.review_due).map(|_| view! { <span class="flag">" ⚑ review due"</span> })}
            </td>
            <td data-label="Blocks">{blocks_cell(row, &uid)}</td>
            <td data-label="Mitigation" class="long-cell">{dependency_cell(row, &uid, DependencyField::Mitigation)}</td>
            <td data-label="More">
                <details class="row-details">
                    <summary>"More"<span class="visually-hidden">{move || format!(" about {}", id.get())}</span></summary>
                    <div class="more-fields">
                        <label class="field"><span>"Kind"</span>{dependency_cell(row, &uid, DependencyField::Kind)}</label>
                        <label class="field"><span>"Provider"</span>{dependency_cell(row, &uid, DependencyField::Provider)}</label>
                        <label class="field"><span>"Slip (low/likely/high)"</span>{dependency_cell(row, &uid, DependencyField::Slip)}</label>
                        <label class="field"><span>"Delivered"</span>{dependency_cell(row, &uid, DependencyField::Delivered)}</label>
                        <button type="button" class="danger edit-only" aria-label=move || format!("Delete {}", id.get()) on:click=delete>"Delete"</button>
                    </div>
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
/// uid, so a delete, a rename or another tab's change never makes it edit the wrong one.
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
            .map(|s| s.uid.clone())
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
                    .find(|uid| p.dependencies.iter().any(|d| d.uid == **uid))
                    .cloned()
            })
        })
    };
    let next = move |uid: &str| {
        queue.with_untracked(|q| {
            if let Some(at) = q.iter().position(|x| x == uid) {
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
        let Some(uid) = current() else { return };
        let Some(id) = doc.program.with_untracked(|p| {
            p.dependencies
                .iter()
                .find(|d| d.uid == uid)
                .map(|d| d.id.clone())
        }) else {
            return;
        };
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
                next(&uid);
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
                Some(uid) => {
                    let step = queue.with(|q| q.iter().position(|x| *x == uid).unwrap_or(0) + 1);
                    let step = format!("{step} of {}", queue.with(Vec::len));
                    let row = RowDep::of(&uid);
                    let (id, title, reviewed) = row.dep.with_untracked(|d| {
                        d.as_ref()
                            .map(|d| (d.id.clone(), d.title.clone(), d.reviewed))
                            .unwrap_or_default()
                    });
                    let skip_uid = uid.clone();
                    view! {
                        <p><strong>{format!("{step}: {id} {title}")}</strong>
                            {reviewed.map(|r| format!(" — last reviewed {}", long_date(r)))}</p>
                        <label class="field"><span>"Due"</span>{dependency_cell(row, &uid, DependencyField::Due)}</label>
                        <label class="field"><span>"Mitigation"</span>{dependency_cell(row, &uid, DependencyField::Mitigation)}</label>
                        <label class="field"><span>"Risk"</span>{dependency_cell(row, &uid, DependencyField::Risk)}</label>
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
                            <button type="button" on:click=move |_| next(&skip_uid)>"Skip"</button>
                            <button type="button" on:click=move |_| done()>"Stop the review"</button>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

//! Plan: the work items as an editable table (docs/architecture.md#views). Rows are keyed by
//! each item's hidden uid and drawn only near the screen (ui/window.rs); every cell reads
//! its item through that item's own memo, so typing or committing in one row redraws that
//! row only. A refused value leaves the program as it was and says why beside the field.
//! The filter box narrows the rows and keeps its words in the address.

use leptos::prelude::*;

use super::field::{Commit, Field, Kind};
use super::filter_box::{owners_of, FilterBox};
use super::state::{
    expect_cockpit, expect_document, expect_editor, expect_navigation, expect_notices,
};
use super::teams::Teams;
use super::widgets::shown;
use super::window::{windowed, Layout};
use crate::engine::capacity::words::needs_notice;
use crate::engine::find::Candidate;
use crate::engine::words::{count, float};
use crate::model::edit::{
    add_item, add_team, delete_item, item_field_text, needs_text, set_item_field, team_named,
    ItemField, NEW_ITEM_TITLE,
};
use crate::model::{check_program, Item, ItemKind, Severity, Shared};
use crate::store::field_key;

/// The columns of the table (for the gaps that stand in for rows not drawn).
const COLUMNS: usize = 11;

/// An item as its row reads it: the item itself, and its id (what the labels name).
#[derive(Clone, Copy)]
struct RowItem {
    item: Memo<Option<Shared<Item>>>,
    id: Memo<String>,
}

/// An editable cell of an item's field.
fn item_cell(row: RowItem, uid: &str, field: ItemField) -> impl IntoView {
    let editor = expect_editor();
    let RowItem { item, id } = row;
    let doc = expect_document();
    let value = Signal::derive(move || {
        item.with(|i| {
            i.as_deref()
                .map(|i| match field {
                    // By team name, which only the program knows (a team renamed shows so).
                    ItemField::Needs => doc.program.with(|p| needs_text(p, i)),
                    _ => item_field_text(i, field),
                })
                .unwrap_or_default()
        })
    });
    let notices = expect_notices();
    let cockpit = expect_cockpit();
    let commit: Commit = Callback::new(move |text: String| {
        let id = id.get_untracked();
        editor.edit(format!("edit {} of {id}", field.label()), |p| {
            set_item_field(p, &id, field, &text)
        })?;
        // A need the team cannot meet is kept (the file may say so) and levelled as what
        // the team has: said at once, not only on Critical path.
        if field == ItemField::Needs {
            let as_of = cockpit.with_untracked(|c| c.as_of());
            if let Some(notice) = doc.program.with_untracked(|p| needs_notice(p, as_of, &id)) {
                notices.notify(notice, false);
            }
        }
        Ok(())
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
    let stand_in = (field == ItemField::Title).then(|| NEW_ITEM_TITLE.to_string());
    let label = Signal::derive(move || format!("{} of {}", field.label(), id.get()));
    // Empty means the default, said in the box.
    let placeholder = match field {
        ItemField::Needs => "1 of its team",
        _ => "",
    };
    view! {
        <Field label=label draft_key=field_key(&["items", uid, field.key()])
            kind=kind value=value commit=commit class=class stand_in=stand_in placeholder=placeholder/>
    }
}

/// Brings a work item's row into view in Plan and focuses its title (by id): what the
/// import and pull previews use once applied, so focus goes to the work that came in.
#[derive(Clone, Copy)]
pub struct ShowItem(pub Callback<String>);

/// The Plan view: the filter, the table, adding and deleting items, the plan's problems,
/// the teams, and the import and pulls below.
#[component]
pub fn PlanView() -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let cockpit = expect_cockpit();
    let filter = expect_navigation().filter;
    let ids = Memo::new(move |_| {
        let filter = filter.get();
        if filter.is_empty() {
            return doc
                .program
                .with(|p| p.items.iter().map(|i| i.uid.clone()).collect::<Vec<_>>());
        }
        cockpit.with(|c| {
            doc.program.with(|p| {
                p.items
                    .iter()
                    .filter(|i| {
                        let status = c.basis.status(&i.id);
                        filter.matches(&Candidate {
                            id: &i.id,
                            title: &i.title,
                            owner: i.owner.as_deref(),
                            team: i.team.as_deref(),
                            team_name: i.team.as_deref().map(|t| p.team_name(t)),
                            colour: status.and_then(|s| s.effective),
                            done: status.is_some_and(|s| s.done),
                        })
                    })
                    .map(|i| i.uid.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let total = Memo::new(move |_| doc.program.with(|p| p.items.len()));
    let owners = Memo::new(move |_| {
        doc.program
            .with(|p| owners_of(p.items.iter().map(|i| i.owner.as_deref())))
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
    // The row to bring into view and focus: a new item's, or the first imported.
    let reveal = RwSignal::new(None::<String>);
    let show_item = Callback::new(move |id: String| {
        let uid = doc
            .program
            .with_untracked(|p| p.item(&id).map(|i| i.uid.clone()));
        // A filter that would hide the row is cleared first.
        if ids.with_untracked(|ids| uid.as_ref().is_some_and(|u| !ids.contains(u))) {
            expect_navigation().set_filter(Default::default());
        }
        reveal.set(uid);
    });
    provide_context(ShowItem(show_item));
    let add = move |_| {
        if let Ok(id) = editor.edit("add a work item", |p| Ok(add_item(p, None))) {
            show_item.run(id);
        }
    };
    let empty = move || total.get() == 0;
    // Open on an empty plan (importing is then a way to start); the person's choice after.
    let start_open = total.get_untracked() == 0;
    view! {
        <section class="view plan" aria-labelledby="plan-title">
            <div class="view-head">
                <h2 id="plan-title">"Plan"</h2>
                <p class="hint">
                    {move || count(total.get(), "work item", "work items")}
                    ". "
                    <span class="edit-only">"Edit a cell and press Enter or Tab. "</span>
                    "After lists what an item waits for, e.g. "
                    <code>"VEND-1, PAY-0 SS+2"</code>
                    ": after VEND-1 finishes, and 2 working days after PAY-0 starts "
                    <span class="legend">"(FS finish→start, the default; SS start→start; FF finish→finish; SF start→finish; +n or −n working days)."</span>
                    <span class="phone-only">"Each card shows its title, team, owner, days, due and float; tap it (or Tab into it) for the rest."</span>
                </p>
                <button type="button" class="primary edit-only" on:click=add>"+ Add work item"</button>
            </div>
            <TeamNames/>
            {shown(empty, move || view! { <GettingStarted/> }.into_any())}
            {shown(move || warnings.with(|w| !w.is_empty()), move || view! {
                <details class="problems" open>
                    <summary>{move || count(warnings.with(Vec::len), "problem", "problems") + " in this plan"}</summary>
                    <ul>{move || warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                </details>
            }.into_any())}
            {shown(move || !empty(), move || view! {
                <FilterBox noun="work items" owners=owners
                    counts=Signal::derive(move || (ids.with(Vec::len), total.get())) teams=true/>
                <div class="table-scroll">
                    <table class="plan-table stacking" aria-rowcount=move || ids.with(Vec::len) + 1>
                        <thead>
                            <tr aria-rowindex="1">
                                <th scope="col" class="sticky-col">"Work item"</th>
                                <th scope="col">"Team"</th>
                                <th scope="col">"Owner"</th>
                                <th scope="col">"Days"</th>
                                <th scope="col">"After"</th>
                                <th scope="col">"Due"</th>
                                <th scope="col">"Started"</th>
                                <th scope="col">"Finished"</th>
                                <th scope="col">"Remaining"</th>
                                <th scope="col">"Float (working days)"</th>
                                <th scope="col">"More"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {windowed(ids.into(), Layout::Table { columns: COLUMNS }, reveal,
                                move |uid, at| view! { <ItemRow uid=uid at=at reveal=reveal/> }.into_any())}
                        </tbody>
                    </table>
                </div>
                <details class="plan-teams">
                    <summary>{move || doc.program.with(|p| format!("Teams ({})", p.teams.len()))}</summary>
                    <Teams/>
                </details>
            }.into_any())}
            <details class="import-or-pull edit-only" open=start_open>
                <summary>"Import or pull work items from Jira or Linear"</summary>
                <super::import_panel::ImportPanel/>
                <super::pull::PullPanel/>
            </details>
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
            <p>"Already tracking the work in Jira or Linear? Import an export or pull it (below) and skip step 2."</p>
            <Teams/>
        </section>
    }
}

/// One work item's row.
#[component]
fn ItemRow(
    uid: String,
    /// Its position among the rows shown (0-based).
    at: Signal<usize>,
    /// Set to a uid to bring that row into view and focus its title.
    reveal: RwSignal<Option<String>>,
) -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let notices = expect_notices();
    let item = doc.item(&uid);
    let id = Memo::new(move |_| {
        item.with(|i| i.as_ref().map(|i| i.id.clone()))
            .unwrap_or_default()
    });
    let cells = RowItem { item, id };
    let delete = move |_| {
        let id = id.get_untracked();
        match editor.edit(format!("delete {id}"), |p| delete_item(p, &id)) {
            Ok(_) => notices.notify(
                format!("Deleted {id}. Undo brings it back (Ctrl+Z)."),
                false,
            ),
            Err(err) => notices.notify(err.to_string(), true),
        }
    };
    let float_text = move || {
        let has_duration =
            item.with(|i| i.as_ref().is_some_and(|i| i.is_milestone() || i.days > 0));
        if !has_duration {
            return "no duration yet".to_string();
        }
        cockpit.with(|c| {
            id.with(|id| match c.basis.schedule.node(id) {
                Some(n) if n.done => "done".to_string(),
                Some(n) if !n.scheduled => "on a loop: no date".to_string(),
                Some(n) => float(n.total_float, n.critical, n.near_critical),
                None => String::new(),
            })
        })
    };
    let row = NodeRef::<leptos::html::Tr>::new();
    let me = StoredValue::new(uid.clone());
    Effect::new(move |_| {
        let fresh = reveal.with(|r| me.with_value(|me| r.as_ref() == Some(me)));
        if let (true, Some(row)) = (fresh, row.get()) {
            super::register::focus_first_field(&row, "textarea");
            reveal.set(None);
        }
    });
    view! {
        <tr class="window-row" data-uid=uid.clone() aria-rowindex=move || at.get() + 2 node_ref=row>
            <td data-label="Work item" class="name-cell sticky-col">
                {item_cell(cells, &uid, ItemField::Title)}
                <div class="id-line">{item_cell(cells, &uid, ItemField::Id)}</div>
                <super::pull::ItemSource item=item id=id/>
            </td>
            <td data-label="Team"><TeamCell row=cells/></td>
            <td data-label="Owner">{item_cell(cells, &uid, ItemField::Owner)}</td>
            <td data-label="Days">{item_cell(cells, &uid, ItemField::Days)}</td>
            <td data-label="After" class="secondary">{item_cell(cells, &uid, ItemField::After)}</td>
            <td data-label="Due">{item_cell(cells, &uid, ItemField::Due)}</td>
            <td data-label="Started" class="secondary">{item_cell(cells, &uid, ItemField::Started)}</td>
            <td data-label="Finished" class="secondary">{item_cell(cells, &uid, ItemField::Finished)}</td>
            <td data-label="Remaining" class="secondary">{item_cell(cells, &uid, ItemField::Remaining)}</td>
            <td data-label="Float" class="float">{float_text}</td>
            <td data-label="More" class="secondary">
                <details class="row-details">
                    <summary>"More"<span class="visually-hidden">{move || format!(" about {}", id.get())}</span></summary>
                    <div class="more-fields">
                        <label class="field"><span>"Kind"</span>{item_cell(cells, &uid, ItemField::Kind)}</label>
                        <label class="field"><span>"Low (days)"</span>{item_cell(cells, &uid, ItemField::Low)}</label>
                        <label class="field"><span>"High (days)"</span>{item_cell(cells, &uid, ItemField::High)}</label>
                        <label class="field"><span>"Not before"</span>{item_cell(cells, &uid, ItemField::NotBefore)}</label>
                        <label class="field"><span>"People needed"</span>{item_cell(cells, &uid, ItemField::Needs)}</label>
                        <button type="button" class="danger edit-only" aria-label=move || format!("Delete {}", id.get()) on:click=delete>"Delete"</button>
                    </div>
                </details>
            </td>
        </tr>
    }
}

/// The team of an item, typed by name from the program's teams; a name that is not a team
/// yet is offered to be created.
#[component]
fn TeamCell(row: RowItem) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let RowItem { item, id } = row;
    let offer = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let shown = move || {
        let team = item.with(|i| i.as_ref().and_then(|i| i.team.clone()));
        team.map(|t| doc.program.with(|p| p.team_name(&t).to_string()))
            .unwrap_or_default()
    };
    let assign = move |team_id: Option<String>| {
        // The row may be gone already (a focused cell fires `change` as its view closes).
        let Some(id) = id.try_get_untracked() else {
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
        let id = id.get_untracked();
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
    view! {
        <input type="text" list="team-names" aria-label=move || format!("Team of {}", id.get()) size="12"
            readonly=doc.read_only() prop:value=shown on:change=move |ev| chosen(event_target_value(&ev))/>
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

/// The program's team names, once for every Team cell of the table (`list="team-names"`).
#[component]
pub fn TeamNames() -> impl IntoView {
    let doc = expect_document();
    view! {
        <datalist id="team-names">
            {move || doc.program.with(|p| p.teams.iter().map(|t| view! { <option value=t.name.clone()/> }).collect_view())}
        </datalist>
    }
}

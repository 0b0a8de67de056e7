//! Teams: the list with name, lead, people and availability editable in place, adding one,
//! removing one (asking where its work items go), and, for teams with people, their load
//! against capacity week by week. Used in Program and in Plan.

use leptos::prelude::*;

use super::field::{Commit, Field, Kind};
use super::state::{expect_cockpit, expect_document, expect_editor, expect_notices};
use super::widgets::{keyed_rows, shown};
use crate::engine::capacity::load;
use crate::engine::capacity::words::week_words;
use crate::model::edit::{
    add_team, items_of_team, remove_team, set_team_field, team_field_text, TeamField,
};
use crate::store::field_key;

/// The id of the new team's name field, where a new program's work starts.
pub const NEW_TEAM_FIELD: &str = "new-team-name";

/// The teams of the open program, editable.
#[component]
pub fn Teams() -> impl IntoView {
    let doc = expect_document();
    let ids = Memo::new(move |_| {
        doc.program
            .with(|p| p.teams.iter().map(|t| t.id.clone()).collect::<Vec<_>>())
    });
    view! {
        <section class="teams" aria-labelledby="teams-title">
            <h3 id="teams-title">"Teams"</h3>
            {shown(move || ids.with(Vec::is_empty), move || view! {
                <p class="hint">"No teams yet. Add the teams that do the work; each work item then picks its team."</p>
            }.into_any())}
            <ul class="team-list">
                {keyed_rows(ids.into(), |id| view! { <TeamRow id=id/> }.into_any())}
            </ul>
            <AddTeam/>
            <Loads/>
        </section>
    }
}

fn team_field(id: &str, field: TeamField, kind: Kind, placeholder: &'static str) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let read_id = id.to_string();
    let value = Signal::derive(move || {
        doc.program.with(|p| {
            p.teams
                .iter()
                .find(|t| t.id == read_id)
                .map(|t| team_field_text(t, field))
                .unwrap_or_default()
        })
    });
    let write_id = id.to_string();
    let commit: Commit = Callback::new(move |text: String| {
        editor.edit(format!("edit {} of {write_id}", field.label()), |p| {
            set_team_field(p, &write_id, field, &text)
        })
    });
    let name = doc.program.with_untracked(|p| {
        p.teams
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.name.clone())
            .unwrap_or_default()
    });
    view! {
        <Field label=format!("{} of {name}", field.label()) draft_key=field_key(&["teams", id, field.key()])
            kind=kind value=value commit=commit placeholder=placeholder/>
    }
}

/// One team: name, lead, and "Remove" asking where its items go.
#[component]
fn TeamRow(id: String) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let notices = expect_notices();
    let key = StoredValue::new(id.clone());
    let asking = RwSignal::new(false);
    let move_to = RwSignal::new(String::new());
    let name = move || {
        doc.program.with(|p| {
            key.with_value(|id| {
                p.teams
                    .iter()
                    .find(|t| &t.id == id)
                    .map(|t| t.name.clone())
                    .unwrap_or_default()
            })
        })
    };
    let count = move || {
        doc.program
            .with(|p| key.with_value(|id| items_of_team(p, id)))
    };
    let others = move || {
        doc.program.with(|p| {
            key.with_value(|id| {
                p.teams
                    .iter()
                    .filter(|t| &t.id != id)
                    .map(|t| (t.id.clone(), t.name.clone()))
                    .collect::<Vec<_>>()
            })
        })
    };
    let remove = move || {
        let id = key.get_value();
        let target = move_to.get_untracked();
        let target = (!target.is_empty()).then_some(target);
        match editor.edit(format!("remove team {id}"), |p| {
            remove_team(p, &id, target.as_deref())
        }) {
            Ok(team) => notices.notify(
                format!("Removed the team {}. Undo brings it back.", team.name),
                false,
            ),
            Err(err) => notices.notify(err.to_string(), true),
        }
    };
    let start_remove = move |_| {
        if count() == 0 {
            remove();
        } else {
            asking.set(true);
        }
    };
    view! {
        <li class="team">
            <label class="field"><span>"Name"</span>{team_field(&id, TeamField::Name, Kind::Text, "")}</label>
            <label class="field"><span>"Lead"</span>{team_field(&id, TeamField::Lead, Kind::Text, "")}</label>
            <label class="field people"><span>"People"</span>{team_field(&id, TeamField::People, Kind::Number, "not limited")}</label>
            <label class="field availability"><span>"Availability"</span>
                {team_field(&id, TeamField::Availability, Kind::Long, "2027-01-18 60% on-call; 2027-03-01 100%")}</label>
            <span class="muted">{move || match count() { 1 => "1 work item".to_string(), n => format!("{n} work items") }}</span>
            <button type="button" class="danger edit-only" aria-label=move || format!("Remove team {}", name()) on:click=start_remove>"Remove"</button>
            {shown(move || asking.get(), move || view! {
                <div class="ask" role="group" aria-label=move || format!("Where the work items of {} go", name())>
                    <label>
                        {move || format!("{} has {} work item(s). Move them to ", name(), count())}
                        <select prop:value=move || move_to.get() on:change=move |ev| move_to.set(event_target_value(&ev))>
                            <option value="">"no team"</option>
                            {move || others().into_iter().map(|(tid, tname)| view! { <option value=tid>{tname}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" class="danger" on:click=move |_| { asking.set(false); remove(); }>
                        {move || format!("Remove {}", name())}
                    </button>
                    <button type="button" on:click=move |_| asking.set(false)>"Keep it"</button>
                </div>
            }.into_any())}
        </li>
    }
}

/// Load against capacity for each team with people, one row per week with load: people
/// available, what the unlevelled and the levelled plan ask (people and percent), and
/// "over" said in words where a plan asks more than the team has.
#[component]
fn Loads() -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let as_of = Memo::new(move |_| cockpit.with(|c| c.as_of()));
    let loads = Memo::new(move |_| {
        let as_of = as_of.get();
        doc.program.with(|p| {
            if !p.teams.iter().any(|t| t.people.is_some()) {
                return Vec::new();
            }
            load(p, as_of)
                .into_iter()
                .map(|team| {
                    let name = p
                        .teams
                        .iter()
                        .find(|t| t.id == team.team)
                        .map_or_else(|| team.team.clone(), |t| t.name.clone());
                    let weeks: Vec<_> = (team.weeks.iter())
                        .filter(|w| w.unlevelled > 0 || w.levelled > 0)
                        .map(|w| week_words(w, as_of))
                        .collect();
                    let people = match team.people {
                        1 => "1 person".to_string(),
                        n => format!("{n} people"),
                    };
                    (format!("Load of {name} against capacity ({people})"), weeks)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        loads.with(|teams| {
            teams
                .iter()
                .map(|(caption, weeks)| {
                    let rows = weeks
                        .iter()
                        .map(|w| {
                            view! {
                                <tr class:over=w.over>
                                    <th scope="row">{w.week.clone()}</th>
                                    <td>{w.capacity.clone()}</td>
                                    <td>{w.unlevelled.clone()}</td>
                                    <td>{w.unlevelled_percent.clone()}</td>
                                    <td>{w.levelled.clone()}</td>
                                    <td>{w.levelled_percent.clone()}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    // In a box of its own that scrolls sideways on a phone (six columns of
                    // numbers do not fit 390 px), named and focusable so keys scroll it.
                    view! {
                        <div class="load-scroll" role="region" tabindex="0" aria-label=caption.clone()>
                        <table class="load">
                            <caption>{caption.clone()}</caption>
                            <thead><tr>
                                <th scope="col">"Week"</th>
                                <th scope="col">"Capacity (people)"</th>
                                <th scope="col">"Unlevelled load (people)"</th>
                                <th scope="col">"Unlevelled load (%)"</th>
                                <th scope="col">"Levelled load (people)"</th>
                                <th scope="col">"Levelled load (%)"</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                        </div>
                    }
                })
                .collect_view()
        })
    }
}

/// Adds a team by name (and lead).
#[component]
fn AddTeam() -> impl IntoView {
    let editor = expect_editor();
    let name = RwSignal::new(String::new());
    let lead = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let name_input = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (n, l) = (name.get_untracked(), lead.get_untracked());
        match editor.edit(format!("add team {}", n.trim()), |p| add_team(p, &n, &l)) {
            Ok(_) => {
                name.set(String::new());
                lead.set(String::new());
                error.set(None);
                if let Some(input) = name_input.get_untracked() {
                    let _ = input.focus();
                }
            }
            Err(err) => error.set(Some(err.to_string())),
        }
    };
    view! {
        <form class="add-row edit-only" on:submit=submit aria-label="Add a team">
            <label>"New team name "
                <input type="text" id=NEW_TEAM_FIELD node_ref=name_input prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </label>
            <label>"Lead "
                <input type="text" prop:value=move || lead.get() on:input=move |ev| lead.set(event_target_value(&ev))/>
            </label>
            <button type="submit">"Add team"</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </form>
    }
}

//! Board: the weekly colour board. One card per item and dependency in Red / Yellow /
//! Green / No status / Done, with this week's colour recorded from the card in a few
//! keystrokes, and a history strip per card readable without colour.

use leptos::prelude::*;

use super::format::day_month;
use super::state::use_app;
use super::widgets::ColourPill;
use crate::engine::status::{history, ItemStatus};
use crate::model::edit_status::record_status;
use crate::model::Colour;

/// Weeks shown in a card's history strip.
const HISTORY_WEEKS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Red,
    Yellow,
    Green,
    NoStatus,
    Done,
}

impl Column {
    const ALL: [Column; 5] = [
        Column::Red,
        Column::Yellow,
        Column::Green,
        Column::NoStatus,
        Column::Done,
    ];

    fn of(status: &ItemStatus) -> Column {
        if status.done {
            return Column::Done;
        }
        match status.effective {
            Some(Colour::Red) => Column::Red,
            Some(Colour::Yellow) => Column::Yellow,
            Some(Colour::Green) => Column::Green,
            None => Column::NoStatus,
        }
    }

    fn title(self) -> &'static str {
        match self {
            Column::Red => "■ Red",
            Column::Yellow => "▲ Yellow",
            Column::Green => "✓ Green",
            Column::NoStatus => "○ No status",
            Column::Done => "Done",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Column::Red => "column color-red",
            Column::Yellow => "column color-yellow",
            Column::Green => "column color-green",
            Column::NoStatus => "column color-none",
            Column::Done => "column done",
        }
    }
}

/// The Board view.
#[component]
pub fn BoardView() -> impl IntoView {
    let state = use_app();
    let error = RwSignal::new(None::<String>);
    let count = move |column: Column| {
        state
            .statuses
            .with(|st| st.iter().filter(|s| Column::of(s) == column).count())
    };
    view! {
        <section class="view board" aria-labelledby="board-title">
            <div class="view-head">
                <h2 id="board-title">"Board"</h2>
                <p class="hint">
                    {move || format!("Status as of {}. ", day_month(state.as_of.get()))}
                    "On a card, press G, Y or R to record this week's colour (with the note typed in its field)."
                </p>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="columns">
                {Column::ALL
                    .into_iter()
                    .map(|column| {
                        let ids = Memo::new(move |_| {
                            state.statuses.with(|st| {
                                let mut cards: Vec<&ItemStatus> =
                                    st.iter().filter(|s| Column::of(s) == column).collect();
                                cards.sort_by_key(|s| {
                                    (!s.critical, !s.near_critical, std::cmp::Reverse(s.days_in_colour))
                                });
                                cards.into_iter().map(|s| s.id.clone()).collect::<Vec<_>>()
                            })
                        });
                        view! {
                            <section class=column.class() aria-label=column.title()>
                                <h3>{column.title()} " " <span class="count">{move || count(column)}</span></h3>
                                <For
                                    each=move || ids.get()
                                    key=|id| id.clone()
                                    children=move |id| view! { <Card id=id error=error/> }
                                />
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
    }
}

/// One card: what, who, when, how long in this colour, flags, and the recorder.
#[component]
fn Card(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let status = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .statuses
                .with(|st| st.iter().find(|s| s.id == id).cloned())
        })
    };
    let note = RwSignal::new(String::new());
    let record = {
        let id = id.clone();
        move |colour: Colour| {
            let as_of = state.as_of.get_untracked();
            let text = note.get_untracked();
            let id = id.clone();
            let result = state.edit(format!("record {} for {id}", colour.label()), |p| {
                record_status(p, &id, as_of, colour, &text, None)
            });
            match result {
                Ok(()) => {
                    note.set(String::new());
                    error.set(None);
                }
                Err(message) => error.set(Some(message)),
            }
        }
    };
    let details = {
        let id = id.clone();
        move || {
            state.program.with(|p| {
                let (owner, date) = if let Some(item) = p.item(&id) {
                    let finish = state.schedule.with(|s| s.node(&id).map(|n| n.early_finish));
                    (item.owner.clone(), finish.or(item.due))
                } else if let Some(dep) = p.dependency(&id) {
                    (dep.owner.clone(), dep.delivered.or(dep.due))
                } else {
                    (None, None)
                };
                let latest_note = p
                    .updates_of(&id)
                    .iter()
                    .rev()
                    .find(|u| u.date <= state.as_of.get())
                    .and_then(|u| u.note.clone());
                (owner, date, latest_note)
            })
        }
    };
    let strip = {
        let id = id.clone();
        move || {
            let as_of = state.as_of.get();
            state
                .program
                .with(|p| history(p.updates_of(&id), as_of, HISTORY_WEEKS))
        }
    };
    let keys = {
        let record = record.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if super::shell::typing_in_field(&ev) && ev.key() != "Enter" {
                return;
            }
            // Done work takes no more weekly colours, from the keyboard either.
            if status.with_untracked(|s| s.as_ref().is_some_and(|s| s.done)) {
                return;
            }
            let colour = match ev.key().as_str() {
                "g" | "G" => Some(Colour::Green),
                "y" | "Y" => Some(Colour::Yellow),
                "r" | "R" => Some(Colour::Red),
                _ => None,
            };
            if let Some(colour) = colour {
                ev.prevent_default();
                record(colour);
            }
        }
    };
    let label = id.clone();
    let note_label = format!("Note for {id}");
    let buttons = [Colour::Green, Colour::Yellow, Colour::Red]
        .into_iter()
        .map(|colour| {
            let record = record.clone();
            let name = format!("Record {} for {id}", colour.label());
            view! {
                <button type="button" class=format!("record {}", colour.key()) aria-label=name
                    on:click=move |_| record(colour)>
                    {colour.label()}
                </button>
            }
        })
        .collect_view();
    view! {
        <article class="card" tabindex="0" aria-label=move || {
            status.with(|s| s.as_ref().map(|s| format!("{} {}", s.id, s.title)).unwrap_or_default())
        } on:keydown=keys>
            {move || status.get().map(|s| {
                let (owner, date, latest_note) = details();
                let auto = s.auto_red_reason.clone();
                view! {
                    <header>
                        <span class="card-id">{s.id.clone()}</span>
                        {s.critical.then(|| view! { <span class="tag critical">"◆ critical"</span> })}
                        {s.near_critical.then(|| view! { <span class="tag near">"◇ near-critical"</span> })}
                    </header>
                    <p class="card-title">{s.title.clone()}</p>
                    <p class="card-meta">
                        {owner.unwrap_or_else(|| "no owner".into())}
                        " · "
                        {date.map(day_month).unwrap_or_else(|| "no date".into())}
                    </p>
                    <p class="card-colour">
                        <ColourPill colour=s.effective suffix=if auto.is_some() { " (auto)" } else { "" }/>
                        {s.days_in_colour.map(|d| format!(" {d} days"))}
                    </p>
                    {auto.map(|reason| view! { <p class="reason">{reason}</p> })}
                    {latest_note.map(|n| view! { <p class="card-note">"“" {n} "”"</p> })}
                    <ul class="flags">
                        {s.update_due.then(|| view! { <li>"⚑ update due"</li> })}
                        {s.review_due.then(|| view! { <li>"⚑ review due"</li> })}
                        {s.missing_owner.then(|| view! { <li>"⚑ no owner"</li> })}
                        {s.missing_date.then(|| view! { <li>"⚑ no date"</li> })}
                    </ul>
                }
            })}
            <ol class="history" aria-label=format!("Weekly history of {label}")>
                {move || strip().into_iter().map(|cell| {
                    let (class, mark, name) = match cell.colour {
                        Some(Colour::Green) => ("cell green", "G", "Green"),
                        Some(Colour::Yellow) => ("cell yellow", "Y", "Yellow"),
                        Some(Colour::Red) => ("cell red", "R", "Red"),
                        None => ("cell none", "–", "no update"),
                    };
                    view! {
                        <li class=class title=format!("Week of {}: {name}", day_month(cell.week_start))>
                            <span aria-hidden="true">{mark}</span>
                            <span class="visually-hidden">{format!("Week of {}: {name}", day_month(cell.week_start))}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
            // Done work takes no more weekly colours: no recorder on its card.
            <Show when=move || !status.with(|s| s.as_ref().is_some_and(|s| s.done))>
                <div class="recorder">
                    <input type="text" aria-label=note_label.clone() placeholder="This week's note"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))/>
                </div>
                <div class="recorder-buttons">{buttons.clone()}</div>
            </Show>
        </article>
    }
}

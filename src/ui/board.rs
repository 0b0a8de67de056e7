//! Board: the weekly colour board. One card per item and dependency in Red / Yellow /
//! Green / No status / Done, this week's colour recorded from the card in a few keystrokes
//! (merged into the week's update, never replacing its note unless a new one is typed),
//! and a history strip per card readable without colour. Each column draws only the cards
//! near the screen (ui/window.rs), keyed by uid; after a colour is recorded the card keeps
//! focus in the column it moves to.

use leptos::prelude::*;

use super::filter_box::{owners_of, FilterBox};
use super::state::{
    expect_clock, expect_cockpit, expect_document, expect_drafts, expect_editor, expect_navigation,
    expect_notices, expect_reporter,
};
use super::widgets::{shown, ColourPill};
use super::window::{windowed, Layout};
use crate::engine::find::Candidate;
use crate::engine::status::ItemStatus;
use crate::engine::words::{calendar_days, clause, colour_letter, near_date, short_date};
use crate::model::edit::{record_status, Recorded};
use crate::model::Colour;
use crate::store::field_key;

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
            Column::Red => "column colour-red",
            Column::Yellow => "column colour-yellow",
            Column::Green => "column colour-green",
            Column::NoStatus => "column colour-none",
            Column::Done => "column done",
        }
    }
}

/// The Board view.
#[component]
pub fn BoardView() -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let reporter = expect_reporter();
    let filter = expect_navigation().filter;
    let error = RwSignal::new(None::<String>);
    let name_field = NodeRef::<leptos::html::Input>::new();
    // The card to bring into view and focus: one just recorded, in its new column.
    let reveal = RwSignal::new(None::<String>);
    let total = Memo::new(move |_| cockpit.with(|c| c.basis.statuses.len()));
    let shown_count = RwSignal::new(0usize);
    let owners = Memo::new(move |_| {
        doc.program.with(|p| {
            owners_of(
                (p.items.iter().map(|i| i.owner.as_deref()))
                    .chain(p.dependencies.iter().map(|d| d.owner.as_deref())),
            )
        })
    });
    // Every card passing the filter, by column: computed once for all five columns.
    let columns = Memo::new(move |_| {
        let filter = filter.get();
        cockpit.with(|c| {
            doc.program.with(|p| {
                let lookup = p.lookup();
                let mut cards: Vec<&ItemStatus> = c
                    .basis
                    .statuses
                    .iter()
                    .filter(|s| {
                        filter.is_empty() || {
                            let team = (!s.is_dependency)
                                .then(|| lookup.item(&s.id).and_then(|i| i.team.as_deref()))
                                .flatten();
                            filter.matches(&Candidate {
                                id: &s.id,
                                title: &s.title,
                                owner: s.owner.as_deref(),
                                team,
                                team_name: team.map(|t| p.team_name(t)),
                                colour: s.effective,
                                done: s.done,
                            })
                        }
                    })
                    .collect();
                crate::sort::sort_by_key(&mut cards, |s| {
                    (
                        !s.critical,
                        !s.near_critical,
                        std::cmp::Reverse(s.days_in_colour),
                    )
                });
                Column::ALL.map(|column| {
                    cards
                        .iter()
                        .filter(|s| Column::of(s) == column)
                        .map(|s| s.uid.clone())
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    Effect::new(move |_| shown_count.set(columns.with(|c| c.iter().map(Vec::len).sum())));
    view! {
        <section class="view board" aria-labelledby="board-title">
            <div class="view-head">
                <h2 id="board-title">"Board"</h2>
                <p class="hint">
                    {move || format!("Status as of {}. ", short_date(cockpit.with(|c| c.as_of())))}
                    <span class="edit-only">"On a card, press G, Y or R to record this week's colour (with the note typed in its field)."</span>
                </p>
                <label class="field reporter edit-only">
                    <span>"Reporting as"</span>
                    <input type="text" node_ref=name_field placeholder="Your name" autocomplete="name"
                        prop:value=move || reporter.name.get().unwrap_or_default()
                        on:change=move |ev| reporter.set(&event_target_value(&ev))/>
                </label>
            </div>
            <div class="edit-error" role="alert">{move || error.get().map(|e| view! { <p>{e}</p> })}</div>
            <FilterBox noun="cards" owners=owners teams=true
                counts=Signal::derive(move || (shown_count.get(), total.get()))/>
            <div class="columns">
                {Column::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(at, column)| {
                        let ids = Memo::new(move |_| columns.with(|c| c[at].clone()));
                        view! {
                            <section class=column.class() aria-label=column.title()>
                                <h3>{column.title()} " " <span class="count">{move || ids.with(Vec::len)}</span></h3>
                                <div class="cards" role="feed" aria-label=format!("{} cards", column.title())>
                                    {windowed(ids.into(), Layout::Feed, reveal, move |uid, position| view! {
                                        <Card uid=uid column=column position=position size=Signal::derive(move || ids.with(Vec::len))
                                            error=error name_field=name_field reveal=reveal/>
                                    }.into_any())}
                                </div>
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
    }
}

/// One card: what, who, when, how long in this colour, flags, the latest note, and the
/// recorder.
#[component]
fn Card(
    uid: String,
    /// The column it is drawn in.
    column: Column,
    /// Its position in the column (0-based) and the column's length.
    position: Signal<usize>,
    size: Signal<usize>,
    error: RwSignal<Option<String>>,
    /// The "Reporting as" field, focused when no name is known yet.
    name_field: NodeRef<leptos::html::Input>,
    /// Set to this card's uid to focus it (after a colour moved it here).
    reveal: RwSignal<Option<String>>,
) -> impl IntoView {
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let notices = expect_notices();
    let reporter = expect_reporter();
    let drafts = expect_drafts();
    let doc = expect_document();
    let clock = expect_clock();
    let key = StoredValue::new(uid.clone());
    let status = Memo::new(move |_| {
        cockpit.with(|c| key.with_value(|uid| c.basis.status_of_uid(uid).cloned()))
    });
    let id = Memo::new(move |_| {
        status
            .with(|s| s.as_ref().map(|s| s.id.clone()))
            .unwrap_or_default()
    });
    // The draft of this week's note lives where the note will: items/UID/status/DATE/note.
    let note_key = StoredValue::new({
        let list = if status.with_untracked(|s| s.as_ref().is_some_and(|s| s.is_dependency)) {
            "dependencies"
        } else {
            "items"
        };
        let as_of = cockpit.with_untracked(|c| c.as_of().to_string());
        field_key(&[list, uid.as_str(), "status", &as_of, "note"])
    });
    let note = RwSignal::new(note_key.with_value(|k| drafts.get(k)).unwrap_or_default());
    let record = move |colour: Colour| {
        let Some(by) = reporter.name.get_untracked() else {
            error.set(Some(
                "Enter your name under \"Reporting as\" first: every update records who reported it."
                    .into(),
            ));
            if let Some(input) = name_field.get_untracked() {
                let _ = input.focus();
            }
            return;
        };
        let as_of = doc.program.with_untracked(|p| clock.as_of_now(p));
        let text = note.get_untracked();
        let id = id.get_untracked();
        let result = editor.edit(format!("record {} for {id}", colour.label()), |p| {
            record_status(p, &id, as_of, colour, &text, Some(&by))
        });
        match result {
            Ok(recorded) => {
                note.set(String::new());
                note_key.with_value(|k| drafts.clear(k));
                error.set(None);
                // The card may move to another column: focus follows it there.
                reveal.set(Some(key.get_value()));
                if let Recorded::Merged {
                    replaced_note: Some((old, old_by)),
                } = recorded
                {
                    let who = old_by.map(|b| format!(", {b}")).unwrap_or_default();
                    notices.notify(
                        format!(
                            "Replaced the {} note on {id} (“{}”{who}). Undo brings it back.",
                            short_date(as_of),
                            clause(&old)
                        ),
                        false,
                    );
                }
            }
            Err(err) => error.set(Some(err.to_string())),
        }
    };
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        if super::shell::typing_in_field(&ev) && ev.key() != "Enter" {
            return;
        }
        // Done work takes no more weekly colours, from the keyboard either; nor does a
        // shared copy, which is read-only.
        if doc.read_only() || status.with_untracked(|s| s.as_ref().is_some_and(|s| s.done)) {
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
    };
    let article = NodeRef::<leptos::html::Article>::new();
    Effect::new(move |_| {
        let mine = reveal.with(|r| key.with_value(|me| r.as_ref() == Some(me)));
        // Only where the card now belongs: the copy leaving its old column stays put.
        let here = status.with(|s| s.as_ref().is_some_and(|s| Column::of(s) == column));
        if let (true, true, Some(article)) = (mine, here, article.get()) {
            article.scroll_into_view_with_bool(false);
            let _ = article.focus();
            reveal.set(None);
        }
    });
    let buttons = move || {
        [Colour::Green, Colour::Yellow, Colour::Red]
            .into_iter()
            .map(|colour| {
                let name = format!("Record {} for {}", colour.label(), id.get_untracked());
                view! {
                    <button type="button" class=format!("record {}", colour.key()) aria-label=name
                        on:click=move |_| record(colour)>
                        {colour.label()}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <article class="card window-row" data-uid=uid tabindex="0" node_ref=article
            aria-posinset=move || position.get() + 1 aria-setsize=move || size.get()
            aria-label=move || {
                status.with(|s| s.as_ref().map(|s| format!("{} {}", s.id, s.title)).unwrap_or_default())
            } on:keydown=keys>
            {move || status.get().map(|s| {
                let as_of = cockpit.with_untracked(|c| c.as_of());
                let auto = s.auto_red_reason.clone();
                view! {
                    <header>
                        <span class="card-id">{s.id.clone()}</span>
                        {s.critical.then(|| view! { <span class="tag critical">"◆ critical"</span> })}
                        {s.near_critical.then(|| view! { <span class="tag near">"◇ near-critical"</span> })}
                    </header>
                    <p class="card-title">{s.title.clone()}</p>
                    <p class="card-meta">
                        {s.owner.clone().unwrap_or_else(|| "no owner".into())}
                        " · "
                        {s.date.map(|d| near_date(d, as_of)).unwrap_or_else(|| "no date".into())}
                    </p>
                    <p class="card-colour">
                        <ColourPill colour=s.effective suffix=if auto.is_some() { " (auto)" } else { "" }/>
                        {s.days_in_colour.map(|d| if d == 0 { " since today".to_string() } else { format!(" for {}", calendar_days(d)) })}
                    </p>
                    {auto.map(|reason| view! { <p class="reason">{reason}</p> })}
                    {s.latest_note.clone().map(|n| {
                        let source = match &n.by {
                            Some(by) => format!(" — {by}, {}", short_date(n.date)),
                            None => format!(" — {}", short_date(n.date)),
                        };
                        view! { <p class="card-note">"“" {n.text} "”" <span class="muted">{source}</span></p> }
                    })}
                    <ul class="flags">
                        {s.update_due.then(|| view! { <li>"⚑ update due"</li> })}
                        {s.review_due.then(|| view! { <li>"⚑ review due"</li> })}
                        {s.missing_owner.then(|| view! { <li>"⚑ no owner"</li> })}
                        {s.missing_date.then(|| view! { <li>"⚑ no date"</li> })}
                        {s.gone_from_source.clone().map(|(tracker, since)| view! { <li>{format!("⚑ no longer in {tracker} since {}", short_date(since))}</li> })}
                    </ul>
                }
            })}
            <ol class="history" aria-label=move || format!("Weekly history of {}", id.get())>
                {move || cockpit.with(|c| key.with_value(|uid| c.basis.history_of_uid(uid).iter().map(|cell| {
                    let (class, name) = match cell.colour {
                        Some(Colour::Green) => ("cell green", "Green"),
                        Some(Colour::Yellow) => ("cell yellow", "Yellow"),
                        Some(Colour::Red) => ("cell red", "Red"),
                        None => ("cell none", "no update"),
                    };
                    let text = format!("Week of {}: {name}", short_date(cell.week_start));
                    let title = text.clone();
                    view! {
                        <li class=class title=title>
                            <span aria-hidden="true">{colour_letter(cell.colour)}</span>
                            <span class="visually-hidden">{text}</span>
                        </li>
                    }
                }).collect_view()))}
            </ol>
            // Done work takes no more weekly colours: no recorder on its card.
            {shown(move || !status.with(|s| s.as_ref().is_some_and(|s| s.done)), move || view! {
                <div class="recorder edit-only">
                    <input type="text" aria-label=move || format!("Note for {}", id.get()) placeholder="This week's note"
                        prop:value=move || note.get()
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            note_key.with_value(|k| if text.is_empty() { drafts.clear(k) } else { drafts.set(k, &text) });
                            note.set(text);
                        }/>
                </div>
                <div class="recorder-buttons edit-only">{buttons}</div>
            }.into_any())}
        </article>
    }
}

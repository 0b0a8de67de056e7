//! Levelling against team capacity, on the Critical path view (issue 23): the levelled
//! finish beside the timeline's (which has no capacity limits), every wait for people in
//! words, and a better levelling proposed as a preview — what moves, by how much, and why —
//! to accept or discard. The search runs in the page's worker (`ui/work.rs`), so the page
//! answers while it runs. Accepting is an ordinary edit, so Undo takes it back; nothing is
//! re-dated silently. Shown only when some team has people.

use leptos::prelude::*;

use super::state::{expect_cockpit, expect_document, expect_editor, expect_notices};
use super::widgets::shown;
use super::work::{cancel, improve_off_page};
use crate::engine::capacity::words::{levelled_words, move_words};
use crate::engine::capacity::{improve_levelling, preview_levelling, Preview};
use crate::engine::words::{count, long_date, working_days_moved};
use crate::io::work::improve_request;
use crate::model::edit::accept_levelling;

/// What the search may spend in the worker, in item placements: 1,000 schedules up to
/// 1,000 items (about half a second there), fewer for larger plans.
const WORKER_WORK: usize = 1_000_000;
const MOST_SCHEDULES: usize = 1_000;
/// What it may spend in the page when no worker can run it: a proposal answers at once at
/// any size (at 1,000 items that is 20 decodes, at 33 items 500).
const PAGE_WORK: usize = 20_000;
const MOST_SCHEDULES_IN_PAGE: usize = 500;
/// Moves listed before "and N more".
const LISTED: usize = 40;
/// Waits for people listed before the rest are folded away: at 1,000 items a levelled plan
/// can have hundreds, and the timeline is below them.
const WAITS_LISTED: usize = 8;
/// The same proposal for the same plan and date.
const SEED: u64 = 23;

#[component]
pub fn LevellingPanel() -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let notices = expect_notices();
    let as_of = Memo::new(move |_| cockpit.with(|c| c.as_of()));
    let constrained = Memo::new(move |_| {
        doc.program
            .with(|p| p.teams.iter().any(|t| t.people.is_some()))
    });
    let in_force = Memo::new(move |_| {
        if !constrained.get() {
            return None;
        }
        let as_of = as_of.get();
        let plain_finish = cockpit.with_untracked(|c| c.schedule().forecast_finish);
        doc.program.with(|p| levelled_words(p, as_of, plain_finish))
    });
    let proposal = RwSignal::new(None::<Preview>);
    let searching = RwSignal::new(false);
    // A proposal is for the plan it was made from: any edit withdraws it, or the search
    // under way.
    Effect::new(move |seen: Option<()>| {
        doc.program.track();
        if seen.is_some() {
            proposal.set(None);
            if searching.get_untracked() {
                cancel();
                searching.set(false);
            }
        }
    });
    on_cleanup(cancel);
    let heading = NodeRef::<leptos::html::H4>::new();
    Effect::new(move |_| {
        if let (true, Some(h)) = (proposal.with(Option::is_some), heading.get()) {
            let _ = h.focus();
        }
    });
    // The search runs in the page's worker; where none can run, a shorter one in the page.
    let propose = move |_| {
        if searching.get_untracked() {
            return;
        }
        let as_of = as_of.get_untracked();
        let request = doc.program.with_untracked(|p| {
            let budget = (WORKER_WORK / p.items.len().max(1)).clamp(10, MOST_SCHEDULES);
            improve_request(p, as_of, budget, SEED)
        });
        searching.set(true);
        improve_off_page(request, move |found| {
            searching.set(false);
            let preview = doc.program.with_untracked(|p| {
                let order = found.unwrap_or_else(|_| {
                    let budget =
                        (PAGE_WORK / p.items.len().max(1)).clamp(10, MOST_SCHEDULES_IN_PAGE);
                    improve_levelling(p, as_of, budget, SEED)
                });
                preview_levelling(p, as_of, &order)
            });
            proposal.set(Some(preview));
        });
    };
    let accept = move |_| {
        let Some(preview) = proposal.get_untracked() else {
            return;
        };
        match editor.edit("accept the levelling", |p| accept_levelling(p, preview.order)) {
            Ok(()) => notices.notify(
                "Accepted the levelling: the forecast and next week's dates follow this order. Undo takes it back.",
                false,
            ),
            Err(err) => notices.notify(err.to_string(), true),
        }
    };
    let proposed = move || {
        proposal.get().map(|preview| {
            let as_of = as_of.get_untracked();
            let lines: Vec<String> = doc.program.with_untracked(|p| {
                preview.moves.iter().take(LISTED).map(|m| move_words(p, m, as_of)).collect()
            });
            let more = preview.moves.len().saturating_sub(LISTED);
            let nothing = preview.moves.is_empty();
            view! {
                <section class="levelling-proposal" role="region" aria-labelledby="levelling-proposal-title">
                    <h4 id="levelling-proposal-title" tabindex="-1" node_ref=heading>"Proposed levelling"</h4>
                    {if nothing {
                        view! { <p>"No better order found: every date stays as it is."</p> }.into_any()
                    } else {
                        view! {
                            <p>{format!(
                                "Finish {} → {} ({}); {} move.",
                                long_date(preview.finish_before),
                                long_date(preview.finish_after),
                                working_days_moved(preview.finish_moves_by),
                                count(preview.moves.len(), "item", "items")
                            )}</p>
                            <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                            {(more > 0).then(|| view! { <p class="muted">{format!("and {more} more")}</p> })}
                        }.into_any()
                    }}
                    <div class="actions">
                        {(!nothing).then(|| view! {
                            <button type="button" class="primary" on:click=accept>"Accept this levelling"</button>
                        })}
                        <button type="button" on:click=move |_| proposal.set(None)>
                            {if nothing { "Close" } else { "Discard" }}
                        </button>
                    </div>
                </section>
            }
        })
    };
    shown(
        move || in_force.with(Option::is_some),
        move || {
            view! {
                <section class="levelling" aria-labelledby="levelling-title">
                    <h3 id="levelling-title">"Levelled against team capacity"</h3>
                    {move || in_force.get().map(|f| view! {
                        <p>{f.finish}</p>
                        {problems_view(f.problems)}
                        {waits_view(f.waits)}
                    })}
                    <div class="actions no-print edit-only">
                        // aria-disabled, not disabled: the button keeps the focus while the
                        // search runs, and the status says what is happening.
                        <button type="button" on:click=propose aria-disabled=move || searching.get().then_some("true")>
                            {move || if searching.get() {
                                "Searching for a better levelling…"
                            } else {
                                "Propose a better levelling"
                            }}
                        </button>
                        <span role="status">{move || searching.get().then_some(
                            "Searching up to 1,000 orders of the plan; the page stays usable and any edit stops the search."
                        )}</span>
                    </div>
                    {proposed}
                </section>
            }
            .into_any()
        },
    )
}

/// What the levelling worked around (a need larger than the team, a team that does not
/// exist, no room at all), said before the waits: each changes what the dates mean.
fn problems_view(problems: Vec<String>) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        view! {
            <div class="problems">
                <strong id="capacity-problems-title">"Levelling worked around these problems:"</strong>
                <ul aria-labelledby="capacity-problems-title">
                    {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The waits for people, longest first: the first few listed, the rest behind "N more".
fn waits_view(mut waits: Vec<String>) -> impl IntoView {
    let more = waits.split_off(waits.len().min(WAITS_LISTED));
    let listed = (!waits.is_empty()).then(|| {
        view! {
            <ul class="waits" aria-label="Waits for people">
                {waits.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
            </ul>
        }
    });
    let folded = (!more.is_empty()).then(|| {
        view! {
            <details class="more-waits">
                <summary>{count(more.len(), "more wait for people", "more waits for people")}</summary>
                <ul class="waits" aria-label="More waits for people">
                    {more.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                </ul>
            </details>
        }
    });
    (listed, folded)
}

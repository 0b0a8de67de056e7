//! Small shared pieces: colour pills with labels (colour is never the only signal), a
//! popover that behaves (closes on Escape, a click outside and a change of view, and gives
//! focus back to its button), a sentence rendered as text with its bold parts, rows keyed
//! by id, and content shown while a condition holds.

use std::sync::Arc;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::expect_navigation;
use crate::engine::words::colour_badge;
use crate::model::{Colour, Sentence};

/// A colour with its name and an icon, e.g. "■ Red".
#[component]
pub fn ColourPill(
    /// The colour, or `None` for "No status".
    colour: Option<Colour>,
    /// Added after the name, e.g. " (auto)".
    #[prop(optional, into)]
    suffix: String,
) -> impl IntoView {
    let class = match colour {
        Some(Colour::Green) => "pill colour-green",
        Some(Colour::Yellow) => "pill colour-yellow",
        Some(Colour::Red) => "pill colour-red",
        None => "pill colour-none",
    };
    view! { <span class=class>{colour_badge(colour)}{suffix}</span> }
}

/// A sentence as text nodes, bold where the engine says (never HTML).
pub fn sentence_view(sentence: &Sentence) -> impl IntoView {
    sentence
        .parts
        .iter()
        .map(|part| {
            if part.strong {
                view! { <strong>{part.text.clone()}</strong> }.into_any()
            } else {
                part.text.clone().into_any()
            }
        })
        .collect_view()
}

/// A button that opens a panel beside it. The panel closes on Escape (focus goes back to
/// the button), on a click outside it, and when the view changes.
#[component]
pub fn Popover(
    /// What the button shows.
    #[prop(into)]
    trigger: ViewFn,
    /// The panel's accessible name.
    #[prop(into)]
    panel_label: String,
    /// Extra classes on the wrapper.
    #[prop(optional, into)]
    class: String,
    /// Set to open or close it from outside (e.g. the Share button opens it after copying).
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    children: ChildrenFn,
) -> impl IntoView {
    let open = open.unwrap_or_else(|| RwSignal::new(false));
    let root = NodeRef::<html::Div>::new();
    let button = NodeRef::<html::Button>::new();
    let close = move |refocus: bool| {
        if open.get_untracked() {
            open.set(false);
            if refocus {
                if let Some(b) = button.get_untracked() {
                    let _ = b.focus();
                }
            }
        }
    };
    let escape = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close(true);
        }
    });
    let outside = window_event_listener(ev::pointerdown, move |ev| {
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(root.get_untracked())
            .is_some_and(|(target, root)| root.contains(Some(&target)));
        if !inside {
            close(false);
        }
    });
    on_cleanup(move || {
        escape.remove();
        outside.remove();
    });
    let route = expect_navigation().route;
    Effect::new(move |seen: Option<()>| {
        route.track();
        if seen.is_some() {
            open.set(false);
        }
    });
    // The panel opens just below its button, wherever the header's rows put it (on a phone
    // the header wraps to several): it never covers the header it was opened from.
    let top = RwSignal::new(None::<i32>);
    let toggle = move |_| {
        if !open.get_untracked() {
            let below = button
                .get_untracked()
                .map(|b| b.get_bounding_client_rect().bottom() as i32 + 6);
            top.set(below.map(|t| t.max(8)));
        }
        open.update(|o| *o = !*o);
    };
    view! {
        <div class=format!("popover {class}") node_ref=root>
            <button type="button" class="popover-button" node_ref=button
                aria-expanded=move || open.get().to_string()
                on:click=toggle>
                {move || trigger.run()}
            </button>
            {shown(move || open.get(), move || view! {
                <div class="popover-panel" role="dialog" aria-label=panel_label.clone()
                    style:top=move || top.get().map(|t| format!("{t}px"))
                    style:max-height=move || top.get().map(|t| format!("calc(100vh - {}px)", t + 8))>
                    {children()}
                </div>
            }.into_any())}
        </div>
    }
}

/// A row of a list keyed by id.
type Row = Arc<dyn Fn(String) -> AnyView + Send + Sync>;

/// Rows keyed by id: a row stays in place (and keeps focus and what is typed in it) when
/// others are added, removed or reordered. Every list of ids in the app goes through the
/// one `<For>` of [`rows_of`], so its keyed diff is compiled once, not once per list.
pub fn keyed_rows(
    ids: Signal<Vec<String>>,
    row: impl Fn(String) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    rows_of(ids, Arc::new(row))
}

fn rows_of(ids: Signal<Vec<String>>, row: Row) -> AnyView {
    view! { <For each=move || ids.get() key=|id: &String| id.clone() children=move |id| row(id)/> }
        .into_any()
}

/// Content built only while `when` holds (and built again only when it turns true), else
/// `fallback`. Every such place in the app goes through the one `<Show>` of [`shown_by`],
/// so it is compiled once, not once per place.
pub fn shown(
    when: impl Fn() -> bool + Send + Sync + 'static,
    content: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    shown_by(Signal::derive(when), Arc::new(content), ViewFn::default())
}

/// As [`shown`], with what to show otherwise.
pub fn shown_or(
    when: impl Fn() -> bool + Send + Sync + 'static,
    content: impl Fn() -> AnyView + Send + Sync + 'static,
    fallback: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    shown_by(
        Signal::derive(when),
        Arc::new(content),
        ViewFn::from(fallback),
    )
}

fn shown_by(
    when: Signal<bool>,
    content: Arc<dyn Fn() -> AnyView + Send + Sync>,
    fallback: ViewFn,
) -> AnyView {
    view! { <Show when=move || when.get() fallback=fallback>{content.clone()()}</Show> }.into_any()
}

//! The frame around every view: header with the program name, navigation, undo and save
//! state; the notices banner.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::files::download;
use super::state::{use_app, Route, SaveState};
use super::widgets::ColourPill;
use crate::store;

/// True when a key press happens inside an editable field (its own undo applies there).
pub fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        .unwrap_or(false)
}

/// Header: program name, the views, undo, and whether the latest change is saved.
#[component]
pub fn Header() -> impl IntoView {
    let state = use_app();
    let undo_label = move || state.undo.with(|stack| stack.last().map(|u| u.label()));
    view! {
        <header class="app-header">
            <div class="brand" aria-hidden="true">"Throughline"</div>
            <h1 class="program-name">{move || state.program.with(|p| p.name.clone())}</h1>
            <nav aria-label="Views">
                <ul>
                    {Route::ALL
                        .into_iter()
                        .map(|route| {
                            view! {
                                <li>
                                    <a
                                        href=route.hash()
                                        aria-current=move || (state.route.get() == route).then_some("page")
                                    >
                                        {route.label()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <ProgramColourBadge/>
            <div class="header-tools">
                <super::share::ShareButton/>
                <button
                    type="button"
                    disabled=move || undo_label().is_none()
                    title=move || undo_label().map(|l| format!("Undo {l} (Ctrl+Z)")).unwrap_or_default()
                    on:click=move |_| state.undo_last()
                >
                    "↶ Undo"
                    <span class="visually-hidden">{move || undo_label().map(|l| format!(": {l}"))}</span>
                </button>
                <SaveStatus/>
            </div>
        </header>
    }
}

/// The program colour with its reasons one click away (SPEC §4 "Program colour").
#[component]
fn ProgramColourBadge() -> impl IntoView {
    let state = use_app();
    view! {
        <details class="program-colour">
            <summary>
                "Program "
                {move || {
                    let colour = state.colour.get();
                    let suffix = if colour.overridden { " (override)" } else { "" };
                    view! { <ColourPill colour=Some(colour.colour) suffix=suffix/> }
                }}
                <span class="visually-hidden">" — why"</span>
            </summary>
            <div class="colour-reasons">
                {move || {
                    let colour = state.colour.get();
                    let computed = colour.computed;
                    view! {
                        {colour.overridden.then(|| view! {
                            <p>
                                "Set by hand: " {colour.override_reason.clone().unwrap_or_default()}
                                " (the rules say " {computed.label()} ")."
                            </p>
                        })}
                        <p>{format!("Why {}:", computed.label())}</p>
                        <ul>
                            {colour.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                        </ul>
                        {move || state.forecast.with(|f| f.is_none()).then(|| view! {
                            <p class="muted">"Date confidence is still being computed."</p>
                        })}
                    }
                }}
            </div>
        </details>
    }
}

/// "Saved", "Saving…", or what went wrong with a way out.
#[component]
fn SaveStatus() -> impl IntoView {
    let state = use_app();
    let export = move |_| {
        let (name, text) = state
            .program
            .with_untracked(|p| (p.name.clone(), crate::model::write_program(p)));
        let _ = download(
            &format!("{}.json", super::files::file_stem(&name)),
            "application/json",
            &text,
        );
    };
    view! {
        <div class="save-status" role="status">
            {move || match state.save_state.get() {
                SaveState::Saved if state.shared.with(Option::is_some) => {
                    view! { <span>"Read-only"</span> }.into_any()
                }
                SaveState::Saved => view! { <span class="saved">"✓ Saved"</span> }.into_any(),
                SaveState::Pending => view! { <span>"Saving…"</span> }.into_any(),
                SaveState::Failed(err) => view! {
                    <span class="save-failed" role="alert">
                        {format!("⚠ {err} ")}
                        <button type="button" on:click=export>"Export program"</button>
                    </span>
                }
                .into_any(),
                SaveState::Conflict => view! {
                    <span class="save-failed" role="alert">
                        "⚠ This program was changed in another tab. "
                        <button type="button" on:click=move |_| state.take_theirs()>
                            "Use the other tab's version"
                        </button>
                        " "
                        <button type="button" on:click=move |_| state.save_now(true)>
                            "Keep this tab's version"
                        </button>
                    </span>
                }
                .into_any(),
            }}
        </div>
    }
}

/// Messages that stay until dismissed; unreadable stored data can be downloaded from here.
#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app();
    view! {
        <section class="notices" aria-label="Messages">
            <For
                each=move || state.notices.get()
                key=|notice| notice.id
                children=move |notice| {
                    let id = notice.id;
                    let kept = notice.kept_key.clone();
                    let class = if notice.is_error { "notice error" } else { "notice" };
                    let role = if notice.is_error { "alert" } else { "status" };
                    view! {
                        <div class=class role=role>
                            <span>{if notice.is_error { "⚠ " } else { "ℹ " }}{notice.text.clone()}</span>
                            {kept.map(|key| {
                                let download_key = key.clone();
                                view! {
                                    <button
                                        type="button"
                                        on:click=move |_| {
                                            if let Some(text) = store::raw(&download_key) {
                                                let _ = download("throughline-kept-data.json", "application/json", &text);
                                            }
                                        }
                                    >
                                        "Download the unreadable data"
                                    </button>
                                }
                            })}
                            <button
                                type="button"
                                class="dismiss"
                                aria-label="Dismiss message"
                                on:click=move |_| state.notices.update(|n| n.retain(|x| x.id != id))
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </section>
    }
}

//! Share links: the header's Share action, and a program opened from a link shown
//! read-only with "Save a copy". A link never replaces a stored program without asking.

use leptos::prelude::*;

use super::state::{use_app, AppState, Route, SharedView};
pub use crate::io::codec::is_link;
use crate::io::codec::{decode_fragment, share_fragment};
use crate::store;

/// Replaces the address bar's fragment without a navigation or a history entry.
pub fn clean_address(route: Route) {
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let path = format!(
            "{}{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default(),
            route.hash()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
}

/// Opens the program a link carries, read-only. Returns false when `hash` is no link.
pub fn open_link(state: AppState, hash: &str) -> bool {
    let Some(decoded) = decode_fragment(hash) else {
        return false;
    };
    match decoded {
        Ok(loaded) => {
            state.flush();
            if state.shared.with_untracked(Option::is_none) {
                let back = (!state.program_id.get_untracked().is_empty()
                    && store::load(&state.program_id.get_untracked()).is_ok())
                .then(|| Box::new((state.program.get_untracked(), state.rev.get_untracked())));
                state.shared.set(Some(SharedView {
                    return_to: back.as_ref().map(|_| state.program_id.get_untracked()),
                    return_program: back,
                }));
            }
            state.program.set(loaded.program);
            for warning in loaded.warnings {
                state.notify(format!("In the shared program: {warning}"), false);
            }
        }
        Err(err) => {
            state.notify(format!("This link could not be opened. {err}"), true);
            clean_address(Route::home());
        }
    }
    true
}

/// Leaves the shared program and returns to the stored one (or the example).
fn close_shared(state: AppState) {
    let Some(shared) = state.shared.get_untracked() else {
        return;
    };
    match (shared.return_to, shared.return_program) {
        (Some(id), Some(back)) => {
            state.shared.set(None);
            let (program, rev) = *back;
            state.program_id.set(id);
            state.rev.set(rev);
            state.program.set(program);
        }
        _ => {
            let example = crate::model::example_program();
            state.save_new(&store::new_id("p"), &example);
        }
    }
    clean_address(state.route.get_untracked());
}

/// The banner over a shared program: what it is, and the two ways out.
#[component]
pub fn SharedBanner() -> impl IntoView {
    let state = use_app();
    let save_copy = move |_| {
        let program = state.program.get_untracked();
        let name = program.name.clone();
        state.save_new(&store::new_id("p"), &program);
        clean_address(state.route.get_untracked());
        state.notify(
            format!("Saved a copy of \"{name}\" on this device. It is now yours to edit."),
            false,
        );
    };
    view! {
        <Show when=move || state.shared.with(Option::is_some)>
            <section class="shared-banner" role="region" aria-label="Shared program">
                <p>
                    "You are viewing "
                    <strong>{move || state.program.with(|p| p.name.clone())}</strong>
                    ", shared with you by link. It is read-only and is not saved on this device."
                </p>
                <button type="button" class="primary" on:click=save_copy>"Save a copy"</button>
                <button type="button" on:click=move |_| close_shared(state)>"Close without saving"</button>
            </section>
        </Show>
    }
}

/// The header's Share action: builds the link, copies it, and shows it with its length.
#[component]
pub fn ShareButton() -> impl IntoView {
    let state = use_app();
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let share = move |_| {
        let fragment = state.program.with_untracked(share_fragment);
        let base = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|href| href.split('#').next().unwrap_or_default().to_string())
            .unwrap_or_default();
        let url = format!("{base}#{fragment}");
        copied.set(false);
        if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
            let promise = clipboard.write_text(&url);
            wasm_bindgen_futures::spawn_local(async move {
                if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                    copied.set(true);
                }
            });
        }
        link.set(Some(url));
    };
    view! {
        <button type="button" on:click=share>"Share"</button>
        {move || link.get().map(|url| {
            let length = url.chars().count();
            view! {
                <div class="share-popover" role="dialog" aria-label="Share link">
                    <label>
                        "Share link"
                        <input type="text" readonly size="40" prop:value=url.clone()
                            on:focus=move |ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    input.select();
                                }
                            }/>
                    </label>
                    <p role="status">
                        {move || if copied.get() { "Copied to the clipboard. " } else { "Select the link and copy it. " }}
                        {format!("{length} characters. The program travels inside the link; nothing is uploaded.")}
                    </p>
                    <button type="button" on:click=move |_| link.set(None)>"Close"</button>
                </div>
            }
        })}
    }
}
